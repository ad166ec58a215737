//! `cargo xtask dist`: the deployable site. `www/` as it is, with the built wasm and service
//! worker, minus what only development needs; every URL relative, so it works under any sub-path
//! (GitHub Pages project sites live under `/<repo>/`). Beside the files: `_headers` (the HTTP
//! headers, for hosts that read such a file: Netlify, Cloudflare Pages) and
//! `ers-golive-site.zip`, the same site to unpack and serve from a local folder, and the npm
//! package `ers-golive-<version>.tgz` (made by `npm pack`): the elements, embed.js, keygen.js,
//! the page's wasm loader and the four wasm modules with their TypeScript types, each reachable
//! through the package's `exports`.
//!
//! The output folder is emptied first only when this command made it: it holds a marker file,
//! [`MARKER`]. A folder that exists without it (your own files) is refused, never deleted.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::util::{cmd, files_under, run, step};

/// The file that marks a folder as made by `cargo xtask dist`.
pub const MARKER: &str = ".ers-golive-dist";

/// The zip of the site, inside the output folder.
pub const ZIP: &str = "ers-golive-site.zip";

/// The site's Content-Security-Policy, as its pages carry it in a meta tag (`cargo xtask
/// codegen` writes it into each) and the headers send it ([`policy`]).
pub const CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; connect-src 'self'; worker-src 'self' blob:; base-uri 'none'; form-action 'none'; object-src 'none'; require-trusted-types-for 'script'; trusted-types ers-golive";

/// The frame page made for embedding: the one page other sites may frame.
pub const FRAME_PAGE: &str = "frame/keys.html";

/// The `frame-ancestors` a page is sent with: `*` for the frame page made for embedding (it
/// keeps private keys from the page around it by its origin), `'none'` for every other page.
fn frame_ancestors(page: &str) -> &'static str {
    if page == FRAME_PAGE { "*" } else { "'none'" }
}

/// The Content-Security-Policy header a page is sent with: the pages' own meta policy plus
/// what only a header can say, its `frame-ancestors`.
pub fn policy(page: &str) -> String {
    format!("{CSP}; frame-ancestors {}", frame_ancestors(page))
}

/// The headers sent with every file.
const COMMON_HEADERS: &str = "\
  X-Content-Type-Options: nosniff
  Referrer-Policy: no-referrer
  Cross-Origin-Opener-Policy: same-origin
  Strict-Transport-Security: max-age=63072000; includeSubDomains
  Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=(), usb=()
";

/// The HTTP headers every host should send (see the README's "Hosting it yourself"), for the
/// site's `pages` (its HTML files, relative to `www/`). The CSP is the pages' own meta policy
/// plus what only a header can say: `frame-ancestors`. It is given page by page (and to the
/// service worker), not to `/*`: hosts merge the headers of every rule a path matches, and a
/// second policy with `frame-ancestors 'none'` would forbid framing the frame page too.
pub fn headers(pages: &[String]) -> String {
    let mut out = String::from(
        "# HTTP headers for ers-golive, for hosts that read a _headers file (Netlify, Cloudflare Pages).\n\
         # Written by `cargo xtask dist`; the README's \"Hosting it yourself\" explains each one.\n/*\n",
    );
    out.push_str(COMMON_HEADERS);
    let mut paths: Vec<(String, String)> = Vec::new();
    for page in pages {
        if let Some(dir) = page.strip_suffix("index.html") {
            paths.push((format!("/{dir}"), policy(page)));
        }
        paths.push((format!("/{page}"), policy(page)));
    }
    for (path, policy) in paths {
        out.push_str(&format!("{path}\n  Content-Security-Policy: {policy}\n"));
    }
    // The service worker takes its policy from its own response's headers.
    out.push_str(&format!(
        "/sw.js\n  Content-Security-Policy: {}\n  Cache-Control: no-cache\n",
        policy("sw.js")
    ));
    out.push_str("/*.wasm\n  Content-Type: application/wasm\n");
    out
}

/// Writes the site and the npm package to `out`; returns the package's path.
pub fn write(out: &Path) -> Result<PathBuf> {
    step(&format!("writing the site to {}", out.display()));
    prepare(out)?;
    let www = Path::new("www");
    let mut absolute = Vec::new();
    let mut site = Vec::new();
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
        site.push((
            relative.to_string_lossy().replace('\\', "/"),
            fs::read(&file)?,
        ));
    }
    if !absolute.is_empty() {
        bail!(
            "the site must use relative URLs only, to work under any sub-path:\n  {}",
            absolute.join("\n  ")
        );
    }
    // GitHub Pages: serve files as they are (no Jekyll).
    fs::write(out.join(".nojekyll"), "")?;
    let pages: Vec<String> = site
        .iter()
        .map(|(name, _)| name.clone())
        .filter(|name| name.ends_with(".html"))
        .collect();
    fs::write(out.join("_headers"), headers(&pages))?;
    let zipped: Vec<(String, &[u8])> = site
        .iter()
        .map(|(name, bytes)| (format!("ers-golive/{name}"), bytes.as_slice()))
        .collect();
    fs::write(out.join(ZIP), crate::zip::stored(&zipped)?)?;
    let tgz = npm_package(out)?;
    println!(
        "The site is in {}: publish that folder as it is (GitHub Pages or any static host; \
         _headers lists the HTTP headers to send). {} holds the same site, to unpack and serve \
         from a local folder (for example `python3 -m http.server` in ers-golive/).",
        out.display(),
        out.join(ZIP).display()
    );
    println!("The npm package is {}.", tgz.display());
    Ok(tgz)
}

/// Makes `out` empty and marked: created if missing, emptied if it holds our marker, refused
/// otherwise (unless it is an empty folder).
fn prepare(out: &Path) -> Result<()> {
    if out.exists() {
        if !out.is_dir() {
            bail!(
                "{} is a file, not a folder: choose another --out",
                out.display()
            );
        }
        let marked = out.join(MARKER).is_file();
        let empty = fs::read_dir(out)?.next().is_none();
        if !marked && !empty {
            bail!(
                "{} exists and was not made by `cargo xtask dist` (it has no {MARKER} file): \
                 nothing was deleted. Choose a new or empty folder for --out",
                out.display()
            );
        }
        if marked {
            fs::remove_dir_all(out).with_context(|| format!("emptying {}", out.display()))?;
        }
    }
    fs::create_dir_all(out)?;
    fs::write(
        out.join(MARKER),
        "Made by `cargo xtask dist`, which empties this folder when it runs again.\n",
    )?;
    Ok(())
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
const PACKAGE_FILES: [&str; 7] = [
    "components",
    "css",
    "frame",
    "js",
    "pkg",
    "embed.js",
    "keygen.js",
];

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
            // Examples pages are the site's (the frame page is the package's); .gitignore files
            // are wasm-pack's.
            if (name.ends_with(".html") && !file.starts_with("www/frame")) || name == ".gitignore" {
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
const ELEMENTS: [&str; 6] = [
    "ers-name-check",
    "ers-asid-planner",
    "ers-key-generator",
    "ers-key-set",
    "ers-jwt-tester",
    "ers-golive-pack",
];

fn package_json(version: &str) -> String {
    let mut exports = vec![
        r#"    ".": "./embed.js""#.to_owned(),
        r#"    "./embed.js": "./embed.js""#.to_owned(),
        r#"    "./keygen.js": "./keygen.js""#.to_owned(),
        r#"    "./wasm": "./js/ers.js""#.to_owned(),
        r#"    "./frame": "./js/frame-host.js""#.to_owned(),
        r#"    "./frame/*": "./frame/*""#.to_owned(),
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
name checker, the ASID planner, the key generator, the key set (every key pair of a plan), the
client-assertion tester and the go-live pack. Everything runs in the browser (Rust compiled to WebAssembly); nothing is sent anywhere.
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
Each element renders in its own shadow root: it changes no style of the page, and is themed by
the `--ers-*` custom properties and `::part(…)`.

**Private keys in a frame of their own.** The key generator, the key set and the JWT tester hold
private keys, passphrases and signed tokens. On a page of another origin than the one serving
`frame/keys.html`, each is a thin shell: it shows that page in an `<iframe>`, where the element
runs in that origin's realm, and receives only public results (kids, JWKS, thumbprints, reports)
by `postMessage`. The frame page must be served from the same folder as the rest of the package
(`frame/keys.html` beside `embed.js`), from **an origin of its own** (a subdomain such as
`keys.example.org` will do), with the HTTP header
`Content-Security-Policy: <its meta policy>; frame-ancestors *` (and no `frame-ancestors 'none'`
from a rule for every path). Served from the documentation page's own origin, the elements run in
that page's realm and its scripts can reach the keys. To use a copy served elsewhere:

```js
import { configureFrame } from 'ers-golive/frame';
configureFrame({ url: 'https://keys.example.org/ers-golive/frame/keys.html' });
await import('ers-golive');  // after configureFrame
```

The host page's CSP must allow the frame: `frame-src https://keys.example.org`. Its README (`components/<tag>/README.md`) lists
its attributes, properties, methods, events, parts and custom properties.
";

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-dist-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn a_folder_it_did_not_make_is_refused_and_kept() {
        let dir = scratch("foreign");
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("mine.txt"), "my own file").unwrap();
        let err = prepare(&dir).unwrap_err().to_string();
        assert!(err.contains("was not made by `cargo xtask dist`"), "{err}");
        assert_eq!(
            fs::read_to_string(dir.join("mine.txt")).unwrap(),
            "my own file"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn its_own_folder_is_emptied_and_a_new_one_marked() {
        let dir = scratch("own");
        prepare(&dir).unwrap();
        assert!(dir.join(MARKER).is_file());
        fs::write(dir.join("old.js"), "from the last build").unwrap();
        prepare(&dir).unwrap();
        assert!(!dir.join("old.js").exists());
        assert!(dir.join(MARKER).is_file());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_headers_forbid_framing_but_of_the_frame_page_and_serve_wasm_as_wasm() {
        let pages = [
            "index.html".to_owned(),
            "embed.html".to_owned(),
            "components/examples.html".to_owned(),
            FRAME_PAGE.to_owned(),
        ];
        let headers = headers(&pages);
        assert!(headers.contains("X-Content-Type-Options: nosniff"));
        assert!(headers.contains("Content-Type: application/wasm"));
        // The header CSP is the page's meta CSP plus frame-ancestors, page by page.
        for page in ["index.html", FRAME_PAGE] {
            let text =
                fs::read_to_string(crate::util::project_root().join("www").join(page)).unwrap();
            let meta = text
                .split("http-equiv=\"Content-Security-Policy\" content=\"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .unwrap();
            assert_eq!(meta, CSP, "the meta CSP of {page} must be the site's");
        }
        let rule = |path: &str| {
            headers
                .split(&format!("\n{path}\n"))
                .nth(1)
                .and_then(|rest| rest.lines().next())
                .unwrap_or_default()
                .to_owned()
        };
        let none = format!("  Content-Security-Policy: {CSP}; frame-ancestors 'none'");
        for path in [
            "/",
            "/index.html",
            "/embed.html",
            "/components/examples.html",
            "/sw.js",
        ] {
            assert_eq!(rule(path), none, "{path}");
        }
        assert_eq!(
            rule("/frame/keys.html"),
            format!("  Content-Security-Policy: {CSP}; frame-ancestors *")
        );
        // No CSP for every path: a host would add it to the frame page's too.
        let all = headers.split("\n/*\n").nth(1).unwrap();
        let all = all.split("\n/").next().unwrap();
        assert!(!all.contains("Content-Security-Policy"), "{all}");
    }
}
