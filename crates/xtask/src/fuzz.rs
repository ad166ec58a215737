//! `cargo xtask fuzz`: the fuzz tests of every parser of hostile input (`crates/ers-keys/tests/
//! fuzz.rs`: names, EUO CSV, plan JSON, details CSV, PEM, JWK/JWKS, JWT, token request, JWKS checker, project file), each for `cases`
//! proptest cases from a fixed seed, then the linear-time checks. Out of `cargo xtask test`:
//! it takes minutes. Prints each parser's count of cases.

use std::process::ExitCode;

use anyhow::Result;

use crate::util::{cmd, step};

/// Runs the fuzz tests with `cases` cases per parser.
pub fn run(cases: u32) -> Result<ExitCode> {
    step(&format!(
        "fuzzing every parser, {cases} cases each (proptest, fixed seeds)"
    ));
    let status = cmd("cargo")
        .args([
            "test",
            "--package",
            "ers-keys",
            "--test",
            "fuzz",
            "--",
            "--ignored",
        ])
        .args(["--nocapture", "--test-threads", "1"])
        .env("ERS_FUZZ_CASES", cases.to_string())
        .status()?;
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
