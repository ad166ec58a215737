//! What the workspace's tests share (a dev-dependency only, never shipped): running a program —
//! `ers-golive` itself, or a judge from outside such as `openssl` or `python3` — with or without
//! standard input, and failing the test with what it wrote when it fails; the clock in seconds;
//! and the check that an exported Markdown email holds nothing live.

use std::io::Write as _;
use std::process::{Command, Output, Stdio};

/// Runs `program` with `args`, writing `stdin` to its standard input when given (empty
/// otherwise). Panics (fails the test) only when it cannot be started or waited for.
pub fn run(program: &str, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = match Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => panic!("could not start {program}: {e}"),
    };
    if let Some(mut pipe) = child.stdin.take() {
        // Dropping the pipe closes it: a program that reads standard input sees its end.
        if let Some(bytes) = stdin {
            assert!(
                pipe.write_all(bytes).is_ok(),
                "{program}: standard input is written"
            );
        }
    }
    match child.wait_with_output() {
        Ok(o) => o,
        Err(e) => panic!("{program} did not finish: {e}"),
    }
}

/// Runs a judge (`openssl`, `python3`, …) as [`run`] does and returns its standard output;
/// fails the test, showing both outputs, when it exits non-zero.
pub fn judge(program: &str, args: &[&str], stdin: Option<&[u8]>) -> String {
    let out = run(program, args, stdin);
    assert!(
        out.status.success(),
        "{program} {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `python3 -c PROGRAM ARGS…` as a judge: its standard output, trimmed.
pub fn python(program: &str, args: &[&str]) -> String {
    judge("python3", &[&["-c", program][..], args].concat(), None)
        .trim()
        .to_owned()
}

/// The Unix time now, in seconds (for tokens a test signs now).
pub fn now() -> u64 {
    match std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_secs(),
        Err(e) => panic!("the clock is before 1970: {e}"),
    }
}

/// Every `[`, `]`, `<`, `>` and `!` of `md` is escaped, but for the pack's checklist boxes:
/// nothing taken from input can become a link, an image or HTML. Nor can GitHub-flavoured
/// Markdown's autolinks start anywhere: every `:` before `//`, `.` after `www` and `@` is
/// escaped too.
pub fn assert_no_live_markdown(md: &str) {
    for line in md.lines() {
        let line = line
            .strip_prefix("- [x] ")
            .or_else(|| line.strip_prefix("- [ ] "))
            .unwrap_or(line);
        let mut escaped = false;
        let chars: Vec<char> = line.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            let after = |s: &str| chars[i + 1..].iter().take(s.len()).copied().eq(s.chars());
            let before_www = i >= 3
                && chars[i - 3..i]
                    .iter()
                    .map(char::to_ascii_lowercase)
                    .eq("www".chars());
            let autolink = (c == ':' && after("//")) || (c == '.' && before_www) || c == '@';
            assert!(
                escaped || !(matches!(c, '[' | ']' | '<' | '>' | '!') || autolink),
                "an unescaped {c:?} in the Markdown line {line:?}"
            );
            escaped = !escaped && c == '\\';
        }
    }
}

/// The median time of `runs` calls of `f`, after one call to warm up: the benchmarks' measure.
pub fn median_time(mut f: impl FnMut(), runs: usize) -> std::time::Duration {
    f();
    let mut times: Vec<std::time::Duration> = (0..runs.max(1))
        .map(|_| {
            let start = std::time::Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort_unstable();
    times[times.len() / 2]
}
