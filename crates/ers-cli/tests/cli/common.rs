//! What every CLI test uses: running `ers-golive` (with or without standard input), reading its
//! output, temporary folders and files, and judges from outside (openssl, python3).

use std::path::Path;
use std::process::Output;

/// Runs `ers-golive` with `args` (standard input empty).
pub fn ers(args: &[&str]) -> Output {
    ers_test_support::run(env!("CARGO_BIN_EXE_ers-golive"), args, None)
}

/// Runs `ers-golive` with `args`, writing `stdin` to its standard input.
pub fn ers_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    ers_test_support::run(env!("CARGO_BIN_EXE_ers-golive"), args, Some(stdin))
}

/// The plan the go-live tests start from: Care Vista Link, by Care Vista, for Leeds Teaching
/// Hospitals (RR8); each test adds its EUOs, access modes and output.
pub const CARE_VISTA: [&str; 6] = [
    "--product",
    "Care Vista Link",
    "--supplier",
    "Care Vista",
    "--euo",
    "Leeds Teaching Hospitals=RR8",
];

/// `ers-golive plan`, [`CARE_VISTA`] and `extra`.
pub fn plan_care_vista(extra: &[&str]) -> Output {
    ers(&[&["plan"][..], &CARE_VISTA, extra].concat())
}

/// `ers-golive pack FROM PATH --details DETAILS EXTRA…` (`FROM` is `--plan` or `--project`).
pub fn pack_details(from: &str, path: &str, details: &str, extra: &[&str]) -> Output {
    ers(&[&["pack", from, path, "--details", details][..], extra].concat())
}

/// `ers-golive keys new --bits 2048 --kid KID --out-dir OUT_DIR EXTRA…`: a key pair for a test
/// (2048 bits keeps the suite fast; OpenSSL judges it as it would a 4096-bit one).
pub fn new_key(out_dir: &str, kid: &str, extra: &[&str]) -> Output {
    let args = [
        &[
            "keys",
            "new",
            "--bits",
            "2048",
            "--kid",
            kid,
            "--out-dir",
            out_dir,
        ],
        extra,
    ]
    .concat();
    ers(&args)
}

/// A path as a command-line argument.
pub fn arg(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// Bytes as text (invalid UTF-8 shown, not a panic).
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// What it wrote on standard output.
pub fn stdout(o: &Output) -> String {
    text(&o.stdout)
}

/// What it wrote on standard error.
pub fn stderr(o: &Output) -> String {
    text(&o.stderr)
}

/// Its standard output, after asserting it exited 0.
pub fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}{}",
        out.status.code(),
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// Runs a judge (openssl, python3) and returns its stdout; fails the test if it fails.
pub fn judge(program: &str, args: &[&str]) -> String {
    ers_test_support::judge(program, args, None)
}

/// A file's text.
pub fn read(path: &Path) -> String {
    match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) => panic!("could not read {}: {e}", path.display()),
    }
}

/// A new temporary folder, removed when dropped.
pub fn tempdir() -> tempfile::TempDir {
    match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("no temp dir: {e}"),
    }
}

/// Text as JSON.
pub fn json(s: &str) -> serde_json::Value {
    match serde_json::from_str(s) {
        Ok(v) => v,
        Err(e) => panic!("not JSON ({e}): {s}"),
    }
}

/// Its standard output as JSON.
pub fn json_of(o: &Output) -> serde_json::Value {
    json(&stdout(o))
}
