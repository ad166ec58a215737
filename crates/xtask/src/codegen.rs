//! `cargo xtask codegen`: writes the README's code tables from the code registries (each area's
//! `codes.rs`), in the manner of rust-analyzer's xtask codegen. The generator is the test
//! `crates/ers-cli/tests/cli/codegen.rs` (in the CLI's one test binary), which can see every
//! registry; without `ERS_CODEGEN=write` it is the check mode, run by the lint suite of
//! `cargo xtask test`, and fails on any drift.

use anyhow::{Result, bail};

use crate::util::{cmd, step};

/// The `cargo` arguments of the generator (check mode unless `ERS_CODEGEN=write` is set).
pub const CHECK: &[&str] = &[
    "test",
    "--quiet",
    "--package",
    "ers-cli",
    "--test",
    "cli",
    "--",
    "codegen::",
];

/// Rewrites the generated text in place.
pub fn write() -> Result<()> {
    step("codegen: README.md code tables from the codes.rs registries");
    let ok = cmd("cargo")
        .args(CHECK)
        .env("ERS_CODEGEN", "write")
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        bail!("codegen failed");
    }
    Ok(())
}
