//! `ers-golive keys new --project` for a project of 20 applications (20 RSA-4096 key pairs on
//! every core, with index.csv and README.txt, the kids and thumbprints written back) against 20
//! sequential `openssl genrsa 4096`, in the same run.
//!
//! `cargo bench -p ers-cli --bench keys_bulk` (`ERS_BENCH_BULK=N` changes the number of keys)

use std::process::{Command, Stdio};
use std::time::Instant;

fn main() {
    let keys: usize = std::env::var("ERS_BENCH_BULK")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("no temp dir: {e}");
            return;
        }
    };
    // A project of `keys` EUOs, user-restricted: one PROD application (one key) each, made by
    // `ers-golive plan --project` as a supplier would.
    let project = dir.path().join("project.json");
    let mut plan = Command::new(env!("CARGO_BIN_EXE_ers-golive"));
    plan.args([
        "plan",
        "--product",
        "Care Vista Link",
        "--supplier",
        "Care Vista",
    ]);
    for i in 0..keys {
        plan.arg("--euo").arg(format!("EUO {i}=X{i:03}"));
    }
    plan.arg("--user-restricted").arg("--project").arg(&project);
    if !matches!(plan.stdout(Stdio::null()).status(), Ok(s) if s.success()) {
        eprintln!("ers-golive plan --project failed");
        return;
    }

    let start = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_ers-golive"))
        .args([
            "keys",
            "new",
            "--bits",
            "4096",
            "--date",
            "2026-12-01",
            "--json",
            "--project",
        ])
        .arg(&project)
        .arg("--out-dir")
        .arg(dir.path().join("keys"))
        .stderr(Stdio::null())
        .output();
    let ours = start.elapsed().as_secs_f64();
    let made = match &status {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout)
            .matches("\"kid\"")
            .count(),
        _ => {
            eprintln!("ers-golive keys new --project failed: {status:?}");
            return;
        }
    };
    if made != keys {
        eprintln!("ers-golive keys new --project made {made} keys, not {keys}");
        return;
    }

    let start = Instant::now();
    for i in 0..keys {
        let status = Command::new("openssl")
            .args(["genrsa", "-out"])
            .arg(dir.path().join(format!("openssl-{i}.pem")))
            .arg("4096")
            .stderr(Stdio::null())
            .status();
        if !matches!(status, Ok(s) if s.success()) {
            eprintln!("openssl genrsa failed: {status:?}");
            return;
        }
    }
    let peer = start.elapsed().as_secs_f64();
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    println!("{keys} RSA-4096 key pairs on the command line ({cores} cores):");
    println!(
        "  ers-golive keys new --project       {ours:>6.1} s   ({:.0} ms a key)",
        ours * 1000.0 / keys as f64
    );
    println!(
        "  openssl genrsa 4096, one by one     {peer:>6.1} s   ({:.0} ms a key)",
        peer * 1000.0 / keys as f64
    );
    println!("  ratio ers-golive / openssl: {:.2}", ours / peer);
}
