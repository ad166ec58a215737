//! A small static file server for the site: 127.0.0.1 only, no caching, the right MIME types
//! (application/wasm for streaming compilation), nothing outside the served folder.

use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread;

use anyhow::{Result, anyhow};
use tiny_http::{Header, Request, Response, Server};

/// A running server; it serves until the process ends.
pub struct Running {
    /// The base URL, e.g. `http://127.0.0.1:8080/`.
    pub url: String,
}

/// Serves `root` on `port` (0: any free port) in background threads.
pub fn start(root: &Path, port: u16) -> Result<Running> {
    let server = Server::http(("127.0.0.1", port))
        .map_err(|e| anyhow!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    let addr = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| anyhow!("the server has no IP address"))?;
    let server = Arc::new(server);
    let root = Arc::new(root.to_path_buf());
    for _ in 0..4 {
        let server = Arc::clone(&server);
        let root = Arc::clone(&root);
        thread::spawn(move || {
            for request in server.incoming_requests() {
                respond(&root, request);
            }
        });
    }
    Ok(Running {
        url: format!("http://{addr}/"),
    })
}

/// Serves `root` until Ctrl-C.
pub fn forever(root: &Path, port: u16) -> Result<()> {
    let running = start(root, port)?;
    println!(
        "\nServing {} at {}\nPress Ctrl-C to stop.",
        root.display(),
        running.url
    );
    loop {
        thread::park();
    }
}

fn respond(root: &Path, request: Request) {
    let response = match resolve(root, request.url()) {
        Some(path) => match fs::read(&path) {
            Ok(body) => {
                Response::from_data(body).with_header(header("Content-Type", content_type(&path)))
            }
            Err(_) => not_found(),
        },
        None => not_found(),
    };
    let response = response
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"));
    // The client may have gone; nothing to do then.
    let _ = request.respond(response);
}

fn not_found() -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_string("404 not found\n")
        .with_status_code(404)
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

fn header(name: &'static str, value: &'static str) -> Header {
    Header::from_bytes(name, value).expect("header names and values here are ASCII constants")
}

/// Maps a URL path to a file under `root`; None for anything that would leave it.
fn resolve(root: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(path)?;
    let mut file = root.to_path_buf();
    for part in Path::new(decoded.trim_start_matches('/')).components() {
        match part {
            Component::Normal(p) => file.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "md" | "txt" | "ts" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_root() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        assert_eq!(resolve(root, "/../Cargo.toml"), None);
        assert_eq!(resolve(root, "/%2e%2e/Cargo.toml"), None);
        assert_eq!(
            resolve(root, "/Cargo.toml?x=1"),
            Some(root.join("Cargo.toml"))
        );
    }
}
