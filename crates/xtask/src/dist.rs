//! `cargo xtask dist`: the deployable site. `www/` as it is, with the built wasm, minus what only
//! development needs; every URL relative, so it works under any sub-path (GitHub Pages project
//! sites live under `/<repo>/`). Beside it, the npm package `ers-golive-<version>.tgz` (made by
//! `npm pack`): the elements, embed.js, keygen.js, the page's wasm loader and the four wasm
//! modules with their TypeScript types, each reachable through the package's `exports`.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::util::{cmd, files_under, run, step};

/// Writes the site and the npm package to `out`; returns the package's path.
pub fn write(out: &Path) -> Result<PathBuf> {
    step(&format!("writing the site to {}", out.display()));
    let www = Path::new("www");
    let _ = fs::remove_dir_all(out);
    let mut absolute = Vec::new();
    for file in files_under(www) {
        let relative = file.strip_prefix(www).context("file outside www")?;
        let target = out.join(relative);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::copy(&file, &target).with_context(|| format!("copying {}", file.display()))?;
        if matches!(
            file.extension().and_then(|e| e.to_str()),
            Some("html" | "js" | "css")
        ) {
            let text = fs::read_to_string(&file)?;
            for needle in ["src=\"/", "href=\"/", "url(/", "from '/", "import('/"] {
                if text.contains(needle) {
                    absolute.push(format!(
                        "{} uses an absolute URL ({needle}…)",
                        file.display()
                    ));
                }
            }
        }
    }
    if !absolute.is_empty() {
        bail!(
            "the site must use relative URLs only, to work under any sub-path:\n  {}",
            absolute.join("\n  ")
        );
    }
    // GitHub Pages: serve files as they are (no Jekyll).
    fs::write(out.join(".nojekyll"), "")?;
    let tgz = npm_package(out)?;
    println!(
        "The site is in {}: publish that folder as it is (GitHub Pages or any static host).\n\
         The npm package is {}.",
        out.display(),
        tgz.display()
    );
    Ok(tgz)
}

/// The package's version: the workspace's.
fn version() -> Result<String> {
    let manifest = fs::read_to_string("Cargo.toml")?;
    manifest
        .lines()
        .find_map(|l| l.trim().strip_prefix("version = \""))
        .map(|v| v.trim_end_matches('"').to_owned())
        .context("no version in Cargo.toml")
}

/// What the package holds (folders and files of `www/`): no HTML page, no README of the site.
const PACKAGE_FILES: [&str; 6] = ["components", "css", "js", "pkg", "embed.js", "keygen.js"];

/// Writes the npm package into `out` as a `.tgz` and returns its path.
fn npm_package(out: &Path) -> Result<PathBuf> {
    step("packing the npm package (npm pack)");
    let version = version()?;
    let stage = Path::new("target/npm-package");
    let _ = fs::remove_dir_all(stage);
    fs::create_dir_all(stage)?;
    for entry in PACKAGE_FILES {
        let from = Path::new("www").join(entry);
        let files = if from.is_dir() {
            files_under(&from)
        } else {
            vec![from.clone()]
        };
        for file in files {
            let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
            // Examples pages are the site's; .gitignore files are wasm-pack's.
            if name.ends_with(".html") || name == ".gitignore" {
                continue;
            }
            let target = stage.join(file.strip_prefix("www")?);
            if let Some(dir) = target.parent() {
                fs::create_dir_all(dir)?;
            }
            fs::copy(&file, &target).with_context(|| format!("copying {}", file.display()))?;
        }
    }
    fs::write(stage.join("package.json"), package_json(&version))?;
    fs::write(stage.join("README.md"), PACKAGE_README)?;
    for license in ["LICENSE-MIT", "LICENSE-APACHE", "LICENSE"] {
        if Path::new(license).exists() {
            fs::copy(license, stage.join(license))?;
        }
    }
    let out_abs = std::env::current_dir()?.join(out);
    run(cmd("npm")
        .args(["pack", "--silent", "--pack-destination"])
        .arg(&out_abs)
        .current_dir(stage))?;
    let tgz = out.join(format!("ers-golive-{version}.tgz"));
    if !tgz.exists() {
        bail!("npm pack did not write {}", tgz.display());
    }
    Ok(tgz)
}

/// The elements, by tag.
const ELEMENTS: [&str; 5] = [
    "ers-name-check",
    "ers-asid-planner",
    "ers-key-generator",
    "ers-jwt-tester",
    "ers-golive-pack",
];

fn package_json(version: &str) -> String {
    let mut exports = vec![
        r#"    ".": "./embed.js""#.to_owned(),
        r#"    "./embed.js": "./embed.js""#.to_owned(),
        r#"    "./keygen.js": "./keygen.js""#.to_owned(),
        r#"    "./wasm": "./js/ers.js""#.to_owned(),
    ];
    for tag in ELEMENTS {
        exports.push(format!(
            r#"    "./{tag}": "./components/{tag}/define.js",
    "./{tag}/element": "./components/{tag}/{tag}.js""#
        ));
    }
    for (name, file) in [
        ("rules", "ers_rules"),
        ("names", "ers_names"),
        ("keys", "ers_keys"),
        ("jwt", "ers_jwt"),
    ] {
        exports.push(format!(
            r#"    "./wasm/{name}": {{ "types": "./pkg/{file}.d.ts", "default": "./pkg/{file}.js" }},
    "./wasm/{name}.wasm": "./pkg/{file}_bg.wasm""#
        ));
    }
    exports.push(r#"    "./components/*": "./components/*""#.to_owned());
    exports.push(r#"    "./package.json": "./package.json""#.to_owned());
    format!(
        r#"{{
  "name": "ers-golive",
  "version": "{version}",
  "description": "Web components for the NHS e-Referral Service Stage 4 (Release) go-live: application names, ASID plan, RSA keys and JWKS, client assertions, go-live pack. Rust compiled to WebAssembly; runs in the browser.",
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "main": "./embed.js",
  "sideEffects": true,
  "exports": {{
{}
  }},
  "keywords": ["nhs", "e-referral-service", "web-components", "custom-elements", "webassembly", "jwks"]
}}
"#,
        exports.join(",\n")
    )
}

const PACKAGE_README: &str = "\
# ers-golive

Web components for taking an NHS e-Referral Service supplier through Stage 4 (Release): the
name checker, the ASID planner, the key generator, the client-assertion tester and the go-live
pack. Everything runs in the browser (Rust compiled to WebAssembly); nothing is sent anywhere.
Not an official NHS England service.

```js
import 'ers-golive';                 // every element the page uses (embed.js)
import 'ers-golive/ers-name-check';  // or one element
```

```html
<ers-name-check environment=\"prod\"></ers-name-check>
```

Serve the package's folder as static files: each element finds its styles, its worker and its
wasm module (`ers-golive/wasm/rules`, `…/names`, `…/keys`, `…/jwt`, with TypeScript types) next to its own
script, by `import.meta.url`. `ers-golive/keygen.js` exports `generateKeyPair(options)`.
Each element's README (`components/<tag>/README.md`) lists its attributes, properties and events.
";
