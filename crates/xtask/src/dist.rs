//! `cargo xtask dist`: the deployable site. `www/` as it is, with the built wasm and service
//! worker, minus what only development needs; every URL relative, so it works under any sub-path
//! (GitHub Pages project sites live under `/<repo>/`). Beside the files: `_headers` (the HTTP
//! headers, for hosts that read such a file: Netlify, Cloudflare Pages) and
//! `ers-golive-site.zip`, the same site to unpack and serve from a local folder.
//!
//! The output folder is emptied first only when this command made it: it holds a marker file,
//! [`MARKER`]. A folder that exists without it (your own files) is refused, never deleted.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::util::{files_under, step};

/// The file that marks a folder as made by `cargo xtask dist`.
pub const MARKER: &str = ".ers-golive-dist";

/// The zip of the site, inside the output folder.
pub const ZIP: &str = "ers-golive-site.zip";

/// The HTTP headers every host should send (see the README's "Hosting it yourself"). The CSP is
/// the page's own meta policy plus what only a header can say: `frame-ancestors 'none'`.
pub const HEADERS: &str = "\
# HTTP headers for ers-golive, for hosts that read a _headers file (Netlify, Cloudflare Pages).
# Written by `cargo xtask dist`; the README's \"Hosting it yourself\" explains each one.
/*
  Content-Security-Policy: default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; connect-src 'self'; worker-src 'self' blob:; base-uri 'none'; form-action 'none'; object-src 'none'; require-trusted-types-for 'script'; trusted-types ers-golive; frame-ancestors 'none'
  X-Content-Type-Options: nosniff
  Referrer-Policy: no-referrer
  Cross-Origin-Opener-Policy: same-origin
  Strict-Transport-Security: max-age=63072000; includeSubDomains
  Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=(), usb=()
/*.wasm
  Content-Type: application/wasm
/sw.js
  Cache-Control: no-cache
";

/// Writes the site to `out`.
pub fn write(out: &Path) -> Result<()> {
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
    fs::write(out.join("_headers"), HEADERS)?;
    let zipped: Vec<(String, &[u8])> = site
        .iter()
        .map(|(name, bytes)| (format!("ers-golive/{name}"), bytes.as_slice()))
        .collect();
    fs::write(out.join(ZIP), crate::zip::stored(&zipped)?)?;
    println!(
        "The site is in {}: publish that folder as it is (GitHub Pages or any static host; \
         _headers lists the HTTP headers to send). {} holds the same site, to unpack and serve \
         from a local folder (for example `python3 -m http.server` in ers-golive/).",
        out.display(),
        out.join(ZIP).display()
    );
    Ok(())
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
    fn the_headers_forbid_framing_and_serve_wasm_as_wasm() {
        assert!(HEADERS.contains("frame-ancestors 'none'"));
        assert!(HEADERS.contains("X-Content-Type-Options: nosniff"));
        assert!(HEADERS.contains("Content-Type: application/wasm"));
        // The header CSP is the page's meta CSP plus frame-ancestors.
        let page = fs::read_to_string(crate::util::project_root().join("www/index.html")).unwrap();
        let meta = page
            .split("http-equiv=\"Content-Security-Policy\" content=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap();
        assert!(
            HEADERS.contains(&format!(
                "Content-Security-Policy: {meta}; frame-ancestors 'none'"
            )),
            "the _headers CSP must be the page's: {meta}"
        );
    }
}
