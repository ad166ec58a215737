//! `cargo xtask dist`: the deployable site. `www/` as it is, with the built wasm, minus what only
//! development needs; every URL relative, so it works under any sub-path (GitHub Pages project
//! sites live under `/<repo>/`).

use std::fs;
use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::util::{files_under, step};

/// Writes the site to `out`.
pub fn write(out: &Path) -> Result<()> {
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
    println!(
        "The site is in {}: publish that folder as it is (GitHub Pages or any static host).",
        out.display()
    );
    Ok(())
}
