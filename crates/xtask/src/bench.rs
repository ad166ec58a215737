//! `cargo xtask bench`: the native benchmarks (`crates/*/benches/*.rs`, release, each printing
//! its own figures and its ratio against a peer measured in the same run), then the in-page
//! benchmarks (`tests/bench/*.bench.mjs`) against the served, release-built site, among them
//! the size benchmark (`size.bench.mjs`: what pages transfer, gzipped, beside the single module
//! of before the split, built here as its peer).

use std::path::Path;

use anyhow::Result;

use crate::util::{self, cmd, files_under, step};
use crate::{build, serve, setup};

/// Runs every benchmark, or only those named in `names` (a crate's `benches/NAME.rs`,
/// `tests/bench/NAME.bench.mjs`); figures go to stdout.
pub fn run(names: &[String]) -> Result<()> {
    let wanted = |stem: &str| names.is_empty() || names.iter().any(|n| n == stem);
    if names.is_empty() {
        step("native benchmarks (cargo bench, release)");
        util::run(cmd("cargo").args([
            "bench",
            "--workspace",
            "--exclude",
            "ers-wasm",
            "--exclude",
            "xtask",
            "--exclude",
            "xtask-wasm-bindgen",
        ]))?;
    } else {
        // crates/<package>/benches/<name>.rs: `cargo bench -p <package> --bench <name>`.
        for bench in files_under(Path::new("crates")) {
            let (Some(stem), Some(dir)) = (
                bench.file_stem().and_then(|s| s.to_str()),
                bench.parent().filter(|d| d.ends_with("benches")),
            ) else {
                continue;
            };
            let package = dir
                .parent()
                .and_then(|c| c.file_name())
                .and_then(|c| c.to_str());
            let rust = bench.extension().is_some_and(|e| e == "rs");
            let Some(package) = package.filter(|_| rust && wanted(stem)) else {
                continue;
            };
            step(&format!(
                "native benchmark {package} {stem} (cargo bench, release)"
            ));
            util::run(cmd("cargo").args(["bench", "-p", package, "--bench", stem]))?;
        }
    }

    let pages: Vec<_> = files_under(Path::new("tests/bench"))
        .into_iter()
        .filter(|f| {
            f.file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(".bench.mjs"))
                .is_some_and(wanted)
        })
        .collect();
    if pages.is_empty() {
        return Ok(());
    }
    setup::for_tests()?;
    build::wasm()?;
    // The size benchmark's peer: the single module of before the split.
    let single = if wanted("size") {
        build::single_module_peer()?
    } else {
        Default::default()
    };
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
