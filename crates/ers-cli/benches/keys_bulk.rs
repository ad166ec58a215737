//! `ers-golive keys new --plan` for 20 applications (20 RSA-4096 key pairs on every core, with
//! index.csv and README.txt) against 20 sequential `openssl genrsa 4096`, in the same run.
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
    let apps: Vec<String> = (0..keys)
        .map(|i| {
            format!(
                r#"{{"name":"Care Vista - Care Vista Link for EUO {i} - PROD - e-Referral Service, User Restricted","access_mode":"user-restricted","organisation":"EUO {i}","ods_code":"X{i:03}","asid_index":{i}}}"#
            )
        })
        .collect();
    let asids: Vec<String> = (0..keys)
        .map(|i| {
            format!(r#"{{"name":"EUO {i} - Care Vista Link – Prod - User-Restricted (ASID 1)"}}"#)
        })
        .collect();
    let plan = dir.path().join("plan.json");
    let json = format!(
        r#"{{"asids":[{}],"applications":[{}]}}"#,
        asids.join(","),
        apps.join(",")
    );
    if let Err(e) = std::fs::write(&plan, json) {
        eprintln!("could not write the plan: {e}");
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
            "--plan",
        ])
        .arg(&plan)
        .arg("--out-dir")
        .arg(dir.path().join("keys"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    let ours = start.elapsed().as_secs_f64();
    if !matches!(status, Ok(s) if s.success()) {
        eprintln!("ers-golive keys new --plan failed: {status:?}");
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
        "  ers-golive keys new --plan          {ours:>6.1} s   ({:.0} ms a key)",
        ours * 1000.0 / keys as f64
    );
    println!(
        "  openssl genrsa 4096, one by one     {peer:>6.1} s   ({:.0} ms a key)",
        peer * 1000.0 / keys as f64
    );
    println!("  ratio ers-golive / openssl: {:.2}", ours / peer);
}
