//! `cargo xtask`: everything the project needs, from a fresh machine with rustup, node and npm
//! (set-up: `setup.rs`).
//!
//! - `cargo xtask serve [--port 8080]`: set up, build the wasm, serve `www/` on 127.0.0.1.
//! - `cargo xtask test [rust|wasm|e2e|lint]…`: set up (Chromium too), then run every test; ends
//!   with one line `N passed, N failed` and a non-zero exit on any failure.
//! - `cargo xtask build`: set up and build the wasm into `www/pkg` (skipped when up to date).
//! - `cargo xtask bench`: native and in-page benchmarks, printed as figures.
//! - `cargo xtask dist`: the deployable site in `dist/` (with `_headers` and a zip of the site).
//! - `cargo xtask fuzz`: every parser of hostile input for 100,000 cases each (not in `test`).
//! - `cargo xtask codegen [--check]`: the generated parts of files, from their one source.
//!
//! Each step says what it does; set-up skips what is already there, so reruns are quick.

mod bench;
mod build;
mod codegen;
mod dist;
mod fuzz;
mod serve;
mod setup;
mod test;
mod tidy;
mod util;
mod zip;

use std::process::ExitCode;

use anyhow::{Result, bail};

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  serve [--port N]          set up, build the wasm and serve the site on http://127.0.0.1:N (8080)
  test [rust|wasm|e2e|lint]  set up and run the tests (all of them when none is named)
  build                     set up and build the wasm into www/pkg
  bench [NAME…]             run the benchmarks and print their figures (only those named, e.g.
                            `bench keygen keys_bulk`: a crate's benches/NAME.rs, tests/bench/NAME.bench.mjs)
  dist [--out DIR]          write the deployable site to DIR (dist), its _headers and a zip
  fuzz [--cases N]          fuzz every parser, N cases each (100000); not part of `test`
  codegen [--check]         write the generated parts (README code tables, pages' CSP, the first
                            flow) from their sources; --check fails naming each part that differs
";

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(err) => {
            eprintln!("xtask: error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<ExitCode> {
    let mut args = std::env::args().skip(1);
    let Some(command) = args.next() else {
        eprint!("{USAGE}");
        return Ok(ExitCode::from(2));
    };
    let rest: Vec<String> = args.collect();
    std::env::set_current_dir(util::project_root())?;
    match command.as_str() {
        "serve" => {
            let port = util::flag_value(&rest, "--port")?.map_or(Ok(8080), |p| p.parse())?;
            setup::base()?;
            build::wasm()?;
            eprintln!("xtask: {}", setup::summary());
            serve::forever(std::path::Path::new("www"), port)?;
            Ok(ExitCode::SUCCESS)
        }
        "test" => test::run(&rest),
        "build" => {
            setup::base()?;
            build::wasm()?;
            eprintln!("xtask: {}", setup::summary());
            Ok(ExitCode::SUCCESS)
        }
        "bench" => {
            bench::run(&rest)?;
            Ok(ExitCode::SUCCESS)
        }
        "dist" => {
            let out = util::flag_value(&rest, "--out")?.unwrap_or_else(|| "dist".to_owned());
            setup::base()?;
            build::wasm()?;
            dist::write(std::path::Path::new(&out))?;
            eprintln!("xtask: {}", setup::summary());
            Ok(ExitCode::SUCCESS)
        }
        "fuzz" => {
            let cases = util::flag_value(&rest, "--cases")?.map_or(Ok(100_000), |n| n.parse())?;
            fuzz::run(cases)
        }
        "codegen" => {
            codegen::run(rest.iter().any(|a| a == "--check"))?;
            Ok(ExitCode::SUCCESS)
        }
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        other => bail!("unknown command `{other}`\n{USAGE}"),
    }
}
