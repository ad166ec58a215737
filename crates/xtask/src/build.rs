//! Builds the wasm into `www/pkg` with wasm-pack (release, `--target web`), then optimises it
//! with binaryen's wasm-opt from the npm packages. Skipped when `www/pkg` is newer than every
//! source it is built from. The build goes to a scratch folder that replaces `www/pkg` only when
//! complete, under a lock, so a page being served never sees half a build.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use anyhow::{Context, Result};

use crate::setup::mtime;
use crate::util::{cmd, files_under, run, step};

/// Where the built module goes.
pub const PKG: &str = "www/pkg";
const WASM: &str = "www/pkg/ers_wasm_bg.wasm";

/// The sources the wasm is built from.
fn sources() -> Vec<PathBuf> {
    let mut files = vec![
        PathBuf::from("Cargo.toml"),
        PathBuf::from("Cargo.lock"),
        PathBuf::from(".cargo/config.toml"),
    ];
    for krate in ["ers-rules", "ers-keys", "ers-wasm"] {
        let dir = Path::new("crates").join(krate);
        files.push(dir.join("Cargo.toml"));
        files.extend(files_under(&dir.join("src")));
        files.push(dir.join("README.md"));
    }
    files
}

fn newest(files: &[PathBuf]) -> Option<SystemTime> {
    files.iter().filter_map(|f| mtime(f)).max()
}

/// The npm packages the site itself loads, copied into `www/vendor/<package>/`: the package's
/// file and its licence.
const VENDORED: [(&str, &[&str]); 1] = [("client-zip", &["index.js", "LICENSE.txt"])];

/// Copies the vendored npm files into `www/vendor` (from `node_modules`, which the setup
/// installs), replacing what is there.
pub fn vendor() -> Result<()> {
    for (package, files) in VENDORED {
        let from = Path::new("node_modules").join(package);
        let to = Path::new("www/vendor").join(package);
        fs::create_dir_all(&to)?;
        for file in files {
            fs::copy(from.join(file), to.join(file)).with_context(|| {
                format!(
                    "copying {} (run `npm install` first)",
                    from.join(file).display()
                )
            })?;
        }
    }
    Ok(())
}

/// Copies the vendored npm files, builds the wasm unless it is up to date, then writes the
/// service worker (`www/sw.js`) for the site as it now is.
pub fn wasm() -> Result<()> {
    vendor()?;
    fs::create_dir_all("target")?;
    let lock = File::create("target/xtask-wasm.lock")?;
    lock.lock().context("waiting for another wasm build")?;

    if let (Some(built), Some(source)) = (mtime(Path::new(WASM)), newest(&sources()))
        && built > source
        && Path::new(PKG).join("ers_wasm.js").exists()
    {
        return service_worker();
    }
    build_wasm()?;
    service_worker()
}

/// The service worker, generated from its template (in this crate, so it is not served as it
/// is): the version is a hash of every file of the site, the list is those files.
pub const SERVICE_WORKER: &str = "www/sw.js";

/// Writes `www/sw.js` (when it changed) from `sw.template.js`: the cache is named after a hash
/// of the site's files, and lists them all, so a new build is a new cache.
pub fn service_worker() -> Result<()> {
    let www = Path::new("www");
    let mut files = vec!["./".to_owned()];
    let mut hash = Fnv64::default();
    for file in files_under(www) {
        let relative = file
            .strip_prefix(www)
            .context("file outside www")?
            .to_string_lossy()
            .replace('\\', "/");
        if relative == "sw.js" || relative.ends_with(".zip") {
            continue;
        }
        hash.write(relative.as_bytes());
        hash.write(&fs::read(&file).with_context(|| format!("reading {}", file.display()))?);
        files.push(relative);
    }
    let list = files
        .iter()
        .map(|f| format!("  {f:?},"))
        .collect::<Vec<_>>()
        .join("\n");
    let text = include_str!("sw.template.js")
        .replace("__VERSION__", &format!("{:016x}", hash.0))
        .replace("__FILES__", &format!("[\n{list}\n]"));
    if fs::read_to_string(SERVICE_WORKER).ok().as_deref() != Some(text.as_str()) {
        fs::write(SERVICE_WORKER, text).with_context(|| format!("writing {SERVICE_WORKER}"))?;
    }
    Ok(())
}

/// FNV-1a, 64 bits: a build version, not a security measure.
struct Fnv64(u64);

impl Default for Fnv64 {
    fn default() -> Self {
        Fnv64(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv64 {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
        // A separator, so ("ab", "c") and ("a", "bc") differ.
        self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3) ^ 0xff;
    }
}

fn build_wasm() -> Result<()> {
    step("building the wasm (wasm-pack, release)");
    let scratch = Path::new("target/wasm-pkg");
    let _ = fs::remove_dir_all(scratch);
    let out_dir = std::env::current_dir()?.join(scratch);
    run(cmd("wasm-pack")
        .args([
            "build",
            "crates/ers-wasm",
            "--release",
            "--target",
            "web",
            "--no-pack",
            "--out-dir",
        ])
        .arg(&out_dir))?;

    step("optimising the wasm (wasm-opt -O3)");
    let wasm = scratch.join("ers_wasm_bg.wasm");
    run(cmd("wasm-opt")
        .args([
            "-O3",
            "--strip-debug",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
        ])
        .args([
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-multivalue",
            "--enable-reference-types",
        ])
        .arg(&wasm)
        .arg("-o")
        .arg(&wasm))?;
    let _ = fs::remove_file(scratch.join(".gitignore"));

    let _ = fs::remove_dir_all(PKG);
    fs::rename(scratch, PKG).with_context(|| format!("moving the build into {PKG}"))?;
    let size = fs::metadata(WASM).map(|m| m.len()).unwrap_or(0);
    eprintln!("    {WASM}: {} KiB", size / 1024);
    Ok(())
}
