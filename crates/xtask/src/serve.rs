//! A small static file server for the site: 127.0.0.1 only, GET and HEAD, no caching, the right
//! MIME types (application/wasm for streaming compilation), nothing outside the served folder.
//! It sends `Access-Control-Allow-Origin: *` as GitHub Pages does, so a page of another origin
//! (tests use `localhost` against `127.0.0.1`) can embed the elements from it. The frame page made
//! for embedding (`frame/keys.html`) is sent with the header policy `dist/_headers` gives it
//! (its meta policy plus `frame-ancestors *`); like GitHub Pages, the other pages get no policy
//! header (their meta policy applies), so tests can frame them and see the page's own refusal.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use anyhow::{Context, Result};

/// A running server; it serves until the process ends.
pub struct Running {
    /// The base URL, e.g. `http://127.0.0.1:8080/`.
    pub url: String,
}

/// Serves `root` on `port` (0: any free port) from a background thread, one thread per
/// connection, each answered once and closed (no keep-alive to go wrong).
pub fn start(root: &Path, port: u16) -> Result<Running> {
    let listener = TcpListener::bind(("127.0.0.1", port))
        .with_context(|| format!("cannot listen on 127.0.0.1:{port}"))?;
    let addr = listener.local_addr()?;
    let root = Arc::new(root.to_path_buf());
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = Arc::clone(&root);
            thread::spawn(move || {
                // A client that goes away mid-request is not the server's problem.
                let _ = answer(&root, stream);
            });
        }
    });
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

fn answer(root: &Path, mut stream: TcpStream) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Read (and ignore) the headers, up to a sane size.
    let mut header_bytes = 0;
    loop {
        let mut line = String::new();
        let n = reader.read_line(&mut line)?;
        header_bytes += n;
        if n == 0 || line == "\r\n" || line == "\n" || header_bytes > 64 * 1024 {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let mut policy = String::new();
    let (status, content_type, body) = match (method, resolve(root, target)) {
        ("GET" | "HEAD", Some(path)) => match fs::read(&path) {
            Ok(body) => {
                if path.strip_prefix(root).ok() == Some(Path::new(crate::dist::FRAME_PAGE)) {
                    policy = format!(
                        "Content-Security-Policy: {}\r\n",
                        crate::dist::policy(crate::dist::FRAME_PAGE)
                    );
                }
                ("200 OK", content_type(&path), body)
            }
            Err(_) => not_found(),
        },
        ("GET" | "HEAD", None) => not_found(),
        _ => (
            "405 Method Not Allowed",
            "text/plain; charset=utf-8",
            b"405 method not allowed\n".to_vec(),
        ),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\
         Access-Control-Allow-Origin: *\r\n{policy}Connection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(&body)?;
    }
    stream.flush()
}

fn not_found() -> (&'static str, &'static str, Vec<u8>) {
    (
        "404 Not Found",
        "text/plain; charset=utf-8",
        b"404 not found\n".to_vec(),
    )
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
