//! Every input goes through the one bounded reader: a file over its kind's limit is refused
//! before it is read, and endless standard input (`/dev/zero`) stops at the limit, each with the
//! limit named and exit 2; an existing project file that could not be read whole is never
//! overwritten. The 100 MB files are sparse (made with `set_len`), so the tests write nothing.
//! A run that would read everything is stopped after 60 s and fails (these are not timing tests:
//! the figure printed is for the reader).

#![allow(clippy::unwrap_used)] // test helpers: a failure is a test failure

use std::fs::File;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::{arg, stderr, tempdir};

const EXAMPLES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../ers-keys/tests/examples/jwt/"
);

/// Runs `ers-golive ARGS` with standard input from `stdin` (a file or a device), stopping it
/// after 60 s. Prints how long it took.
fn run(what: &str, args: &[&str], stdin: &Path) -> Output {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ers-golive"))
        .args(args)
        .stdin(File::open(stdin).unwrap())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("{what}: still reading after 60 s: the input is not bounded");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let output = child.wait_with_output().unwrap();
    println!(
        "{what}: refused in {:.0} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    output
}

/// `keys new --bits 2048 --passphrase-file FILE --out-dir OUT`.
fn with_passphrase_file<'a>(file: &'a str, out: &'a str) -> Vec<&'a str> {
    let args = ["keys", "new", "--bits", "2048", "--passphrase-file", file];
    [&args[..], &["--out-dir", out]].concat()
}

/// Exit 2, with `limit` named, and the input's size said as `size` ("this one is 100 MB").
fn assert_refused(what: &str, output: &Output, limit: &str, size: &str) {
    let err = stderr(output);
    assert_eq!(output.status.code(), Some(2), "{what}: {err}");
    assert!(
        err.contains(&format!("is limited to {limit}, and {size}")),
        "{what}: the limit and the size are named: {err}"
    );
}

/// A sparse file of `mb` megabytes in `dir` (nothing is written to disk).
fn sparse(dir: &Path, name: &str, mb: u64) -> std::path::PathBuf {
    let path = dir.join(name);
    File::create(&path)
        .unwrap()
        .set_len(mb * 1024 * 1024)
        .unwrap();
    path
}

#[test]
fn endless_standard_input_is_refused_at_the_limit() {
    let zero = Path::new("/dev/zero");
    let jwks = format!("{EXAMPLES}throwaway-test-key-2048.jwks.json");
    let dir = tempdir();
    let out = arg(&dir.path().join("keys"));
    for (what, args, limit) in [
        ("name check -", vec!["name", "check", "-"], "1 MB"),
        (
            "jwt check --jwt-file -",
            vec!["jwt", "check", "--jwt-file", "-", "--jwks", &jwks],
            "64 KB",
        ),
        ("keys check -", vec!["keys", "check", "-"], "1 MB"),
        (
            "keys jwks --add -",
            vec!["keys", "jwks", "--add", "-"],
            "1 MB",
        ),
        (
            "jwt check-request -",
            vec!["jwt", "check-request", "-", "--jwks", &jwks],
            "64 KB",
        ),
        ("pack --plan -", vec!["pack", "--plan", "-"], "20 MB"),
        ("pack --project -", vec!["pack", "--project", "-"], "64 MB"),
        (
            "plan --euo-csv -",
            vec![
                "plan",
                "--product",
                "P",
                "--euo-csv",
                "-",
                "--user-restricted",
            ],
            "20 MB",
        ),
        (
            "keys new --passphrase-file /dev/stdin",
            with_passphrase_file("-", &out),
            "64 KB",
        ),
    ] {
        let output = run(what, &args, zero);
        assert_refused(
            what,
            &output,
            limit,
            &format!("this one is more than {limit}"),
        );
    }
    assert!(!dir.path().join("keys").exists(), "no key was made");
}

#[test]
fn files_of_100_mb_are_refused_before_they_are_read() {
    let dir = tempdir();
    let big = arg(&sparse(dir.path(), "big", 100));
    let jwks = format!("{EXAMPLES}throwaway-test-key-2048.jwks.json");
    let out = arg(&dir.path().join("keys"));
    let empty = Path::new("/dev/null");
    for (what, args, limit) in [
        (
            "keys new --passphrase-file",
            with_passphrase_file(&big, &out),
            "64 KB",
        ),
        ("pack --project", vec!["pack", "--project", &big], "64 MB"),
        ("pack --plan", vec!["pack", "--plan", &big], "20 MB"),
        ("keys check", vec!["keys", "check", &big], "1 MB"),
        (
            "keys jwks --add",
            vec!["keys", "jwks", "--add", &big],
            "1 MB",
        ),
        (
            "jwt check --jwt-file",
            vec!["jwt", "check", "--jwt-file", &big, "--jwks", &jwks],
            "64 KB",
        ),
        (
            "jwt check --jwks",
            vec!["jwt", "check", "--jwt", "a.b.c", "--jwks", &big],
            "1 MB",
        ),
        (
            "jwt sign --key",
            vec![
                "jwt",
                "sign",
                "--key",
                &big,
                "--kid",
                "k",
                "--api-key",
                "a",
                "--env",
                "prod",
            ],
            "64 KB",
        ),
        (
            "jwt check-request",
            vec!["jwt", "check-request", &big, "--jwks", &jwks],
            "64 KB",
        ),
        (
            "plan --euo-csv",
            vec![
                "plan",
                "--product",
                "P",
                "--euo-csv",
                &big,
                "--user-restricted",
            ],
            "20 MB",
        ),
        (
            "keys new --plan",
            vec!["keys", "new", "--plan", &big, "--out-dir", &out],
            "20 MB",
        ),
        (
            "keys new --project",
            vec!["keys", "new", "--project", &big, "--out-dir", &out],
            "64 MB",
        ),
    ] {
        let output = run(what, &args, empty);
        assert_refused(what, &output, limit, "this one is 100 MB");
    }
    assert!(!dir.path().join("keys").exists(), "no key was made");
}

#[test]
fn an_existing_project_file_is_never_overwritten_by_one_that_could_not_be_read_whole() {
    let dir = tempdir();
    // Over the project limit (70 MB, sparse), not UTF-8, and not a project: each left as it is.
    let big = sparse(dir.path(), "big.json", 70);
    let binary = dir.path().join("binary.json");
    std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x41, 0x80]).unwrap();
    let other = dir.path().join("other.json");
    std::fs::write(&other, "{\"keys\": []}\n").unwrap();
    for path in [&big, &binary, &other] {
        let before = std::fs::metadata(path).unwrap().len();
        let head = std::fs::read(path)
            .map(|b| b[..b.len().min(64)].to_vec())
            .unwrap();
        let output =
            crate::common::plan_care_vista(&["--user-restricted", "--project", &arg(path)]);
        let what = path.display().to_string();
        assert_eq!(output.status.code(), Some(2), "{what}: {}", stderr(&output));
        assert!(
            stderr(&output).contains("left as it is"),
            "{what}: {}",
            stderr(&output)
        );
        assert_eq!(
            std::fs::metadata(path).unwrap().len(),
            before,
            "{what}: its size is kept"
        );
        let now = std::fs::read(path)
            .map(|b| b[..b.len().min(64)].to_vec())
            .unwrap();
        assert_eq!(now, head, "{what}: its bytes are kept");
    }
    assert_refused(
        "plan --project big.json",
        &crate::common::plan_care_vista(&["--user-restricted", "--project", &arg(&big)]),
        "64 MB",
        "this one is 70 MB",
    );
}

/// `keys new --project|--plan` checks its options before it reads the file or plans a kid:
/// `--bits 1000` is refused at once, even with a 100 MB file that would be refused too.
#[test]
fn keys_new_for_a_project_refuses_bad_options_before_reading_it() {
    let dir = tempdir();
    let big = arg(&sparse(dir.path(), "big.json", 100));
    let out = arg(&dir.path().join("keys"));
    for source in ["--project", "--plan"] {
        let args = [
            "keys",
            "new",
            source,
            &big,
            "--bits",
            "1000",
            "--out-dir",
            &out,
        ];
        let output = run(source, &args, Path::new("/dev/null"));
        let err = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{source}: {err}");
        assert!(
            err.contains("1000-bit keys are not offered"),
            "{source}: {err}"
        );
        assert!(
            !err.contains("is limited to"),
            "{source}: the file was not read: {err}"
        );
    }
}
