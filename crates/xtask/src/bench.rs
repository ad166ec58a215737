//! `cargo xtask bench`: the native benchmarks (`crates/*/benches/*.rs`, release, each printing
//! its own figures and its ratio against a peer measured in the same run), then the in-page
//! benchmarks (`tests/bench/*.bench.mjs`) against the served, release-built site, among them
//! the size benchmark (`size.bench.mjs`: what pages transfer, gzipped, beside the single module
//! of before the split, built here as its peer).

use std::path::Path;

use anyhow::Result;

use crate::util::{self, cmd, files_under, step};
use crate::{build, serve, setup};

/// Runs every benchmark; figures go to stdout.
pub fn run() -> Result<()> {
    step("native benchmarks (cargo bench, release)");
    util::run(cmd("cargo").args([
        "bench",
        "--workspace",
        "--exclude",
        "ers-wasm",
        "--exclude",
        "xtask",
    ]))?;

    let pages: Vec<_> = files_under(Path::new("tests/bench"))
        .into_iter()
        .filter(|f| f.to_string_lossy().ends_with(".bench.mjs"))
        .collect();
    if pages.is_empty() {
        return Ok(());
    }
    setup::for_tests()?;
    build::wasm()?;
    // The size benchmark's peer: the single module of before the split.
    let single = build::single_module_peer()?;
    let server = serve::start(Path::new("www"), 0)?;
    for page in pages {
        step(&format!("in-page benchmark {}", page.display()));
        util::run(
            cmd("node")
                .arg(&page)
                .env("BASE_URL", &server.url)
                .env("ERS_SINGLE_WASM", &single),
        )?;
    }
    Ok(())
}
