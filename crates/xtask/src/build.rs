//! Builds the four wasm modules into `www/pkg`, each from `crates/ers-wasm` with its own features
//! and the settings that suit it: `cargo build --release --target wasm32-unknown-unknown`, then
//! wasm-bindgen (`--target web`: the ES module glue and its `.d.ts`; the version the set-up
//! built from our Cargo.lock), then binaryen's wasm-opt from the npm packages. (wasm-pack did
//! the first two steps and nothing else we used, so it is no longer installed.)
//! - `ers_rules` (names, plan, go-live pack), loaded by the planner and the pack, and
//!   `ers_names` (the name checker alone), loaded by `<ers-name-check>`, the element most
//!   embedded: `opt-level = "z"` and `wasm-opt -Oz`, since their size is what a documentation
//!   page pays, and their work is light;
//! - `ers_keys` (RSA key pairs, JWKS, rotation, JWKS check: the key generator and its worker)
//!   and `ers_jwt` (client assertions and token requests: the JWT tester), each loaded on first
//!   use: `opt-level = "z"` and `wasm-opt -Oz` too. Measured (twiggy, `cargo xtask bench`): `opt-level = 3` makes it 315 KB gzipped (crypto-
//!   bigint's Karatsuba and SHA-2 inlined and copied), `"s"` 262 KB, `"z"` 254 KB, and 2048-bit key
//!   generation took the same time within its (large, prime-search) spread at all three. With
//!   the JWKS check and the token-request check added (issue 13), keys and JWT in one module
//!   were 305 KB: they are two modules since.
//!
//! What twiggy showed of the names module (issue 11: the page embedding only the name checker
//! must stay under 80 KB): of its 140 KiB, 29 KB of data were Unicode tables that one
//! `char::to_lowercase` (words compared with the access mode's English words), one
//! `char::to_uppercase` (the limit messages' capital) and one `{:?}` (Debug escaping: the
//! printable and grapheme tables) brought in, and a `BTreeMap` (the limits) its code. With ASCII
//! case and a map written entry by entry it is 97 KiB (45 KB gzipped); the keys module went from
//! 252.8 to 214.3 KB gzipped (glue included) with the same changes.
//!
//! Skipped when `www/pkg` is newer than every source it is built from. The build goes to a
//! scratch folder that replaces `www/pkg` only when complete, under a lock, so a page being
//! served never sees half a build.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use anyhow::{Context, Result};

use crate::setup::{self, mtime};
use crate::util::{cmd, files_under, run, step};

/// Where the built modules go.
pub const PKG: &str = "www/pkg";

/// One wasm module built from `crates/ers-wasm`.
pub struct Module {
    /// The file stem: `www/pkg/<name>.js`, `<name>_bg.wasm`, `<name>.d.ts`.
    pub name: &'static str,
    /// The crate features it is built with (no default features).
    features: &'static str,
    /// Cargo's `opt-level` for it.
    opt_level: &'static str,
    /// wasm-opt's optimisation flag.
    wasm_opt: &'static str,
}

/// The modules the page loads.
pub const MODULES: [Module; 4] = [
    Module {
        name: "ers_rules",
        features: "rules,console_error_panic_hook",
        opt_level: "z",
        wasm_opt: "-Oz",
    },
    Module {
        name: "ers_names",
        features: "names,console_error_panic_hook",
        opt_level: "z",
        wasm_opt: "-Oz",
    },
    Module {
        name: "ers_keys",
        features: "keys,console_error_panic_hook",
        opt_level: "z",
        wasm_opt: "-Oz",
    },
    Module {
        name: "ers_jwt",
        features: "jwt,console_error_panic_hook",
        opt_level: "z",
        wasm_opt: "-Oz",
    },
];

impl Module {
    /// The built `.wasm` file in `dir`.
    pub fn wasm_in(&self, dir: &Path) -> PathBuf {
        dir.join(format!("{}_bg.wasm", self.name))
    }
}

/// The sources the wasm is built from.
fn sources() -> Vec<PathBuf> {
    let mut files = vec![
        PathBuf::from("Cargo.toml"),
        PathBuf::from("Cargo.lock"),
        PathBuf::from(".cargo/config.toml"),
    ];
    for krate in ["ers-rules", "ers-keys", "ers-mont", "ers-wasm"] {
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

/// Copies the vendored npm files, builds the wasm modules unless they are up to date, then writes the
/// service worker (`www/sw.js`) for the site as it now is.
pub fn wasm() -> Result<()> {
    vendor()?;
    fs::create_dir_all("target")?;
    let lock = File::create("target/xtask-wasm.lock")?;
    lock.lock().context("waiting for another wasm build")?;

    let source = newest(&sources());
    let up_to_date = MODULES.iter().all(|m| {
        let js = Path::new(PKG).join(format!("{}.js", m.name));
        matches!((mtime(&m.wasm_in(Path::new(PKG))), source), (Some(built), Some(src)) if built > src)
            && js.exists()
    });
    if !up_to_date {
        build_wasm()?;
    }
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
    let scratch = Path::new("target/wasm-pkg");
    let _ = fs::remove_dir_all(scratch);
    for module in &MODULES {
        step(&format!(
            "building the wasm module {} (cargo build, release, opt-level {}; wasm-bindgen)",
            module.name, module.opt_level
        ));
        let wasm = cargo_build_wasm(module.opt_level, Some(module.features))?;
        bindgen(&wasm, scratch, module.name)?;

        step(&format!(
            "optimising {} (wasm-opt {})",
            module.name, module.wasm_opt
        ));
        wasm_opt(module.wasm_opt, &module.wasm_in(scratch))?;
    }

    let _ = fs::remove_dir_all(PKG);
    fs::rename(scratch, PKG).with_context(|| format!("moving the build into {PKG}"))?;
    for module in &MODULES {
        let wasm = module.wasm_in(Path::new(PKG));
        let size = fs::metadata(&wasm).map(|m| m.len()).unwrap_or(0);
        eprintln!("    {}: {} KiB", wasm.display(), size / 1024);
    }
    Ok(())
}

/// Where `single_module_peer` puts its build.
pub const SINGLE: &str = "target/wasm-single";

/// The peer of the size benchmark: the one module every element loaded before the split
/// (every feature, `opt-level = 3`, `wasm-opt -O3`), built into `target/wasm-single`. Returns
/// the path of its `.wasm`.
pub fn single_module_peer() -> Result<PathBuf> {
    fs::create_dir_all("target")?;
    let lock = File::create("target/xtask-wasm.lock")?;
    lock.lock().context("waiting for another wasm build")?;
    step("building the peer: the single wasm module of before the split (every feature)");
    let out_dir = Path::new(SINGLE);
    let _ = fs::remove_dir_all(out_dir);
    let built = cargo_build_wasm("3", None)?;
    bindgen(&built, out_dir, "ers_wasm")?;
    let wasm = out_dir.join("ers_wasm_bg.wasm");
    wasm_opt("-O3", &wasm)?;
    Ok(wasm)
}

/// `cargo build --package ers-wasm --lib --release --target wasm32-unknown-unknown` at the
/// release `opt_level`, with only `features` (all the crate's default ones when None); returns
/// the `.wasm` it wrote.
fn cargo_build_wasm(opt_level: &str, features: Option<&str>) -> Result<PathBuf> {
    let mut cargo = cmd("cargo");
    cargo
        .args(["build", "--package", "ers-wasm", "--lib", "--release"])
        .args(["--target", "wasm32-unknown-unknown"])
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", opt_level);
    if let Some(features) = features {
        cargo.args(["--no-default-features", "--features", features]);
    }
    run(&mut cargo)?;
    Ok(setup::target_dir().join("wasm32-unknown-unknown/release/ers_wasm.wasm"))
}

/// wasm-bindgen over `wasm` (`--target web`): `OUT_DIR/NAME.js` (the ES module to import),
/// `NAME_bg.wasm` and their `.d.ts`.
fn bindgen(wasm: &Path, out_dir: &Path, name: &str) -> Result<()> {
    run(cmd(setup::wasm_bindgen_bin("ers-wasm-bindgen"))
        .arg(wasm)
        .arg(out_dir)
        .arg(name))
}

/// `wasm-opt LEVEL` over `wasm` in place, without debug or producer sections.
fn wasm_opt(level: &str, wasm: &Path) -> Result<()> {
    run(cmd("wasm-opt")
        .args([level, "--strip-debug", "--strip-producers"])
        .args(WASM_FEATURES)
        .arg(wasm)
        .arg("-o")
        .arg(wasm))
}

/// The wasm features the modules use (wasm-bindgen's output), for wasm-opt.
const WASM_FEATURES: [&str; 7] = [
    "--enable-bulk-memory",
    "--enable-simd",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-multivalue",
    "--enable-reference-types",
];
