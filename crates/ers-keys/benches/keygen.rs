//! RSA key generation, natively, at 2048 and 4096 bits, interleaved in one run: what the page
//! and the CLI did before (rsa 0.10's own `PrivateKey::new`), our prime search on one thread (the
//! sieve and the variable-time Miller–Rabin filter), the same on every core (`keypair::generate`),
//! and the peer, `openssl genrsa`.
//! Prints the median, min and max of each, and the ratio of the medians. Key generation time
//! varies a lot from key to key (it is a search for primes), so medians over several keys are
//! the figures to compare. The OpenSSL figure includes starting the process (a few ms).
//!
//! `cargo bench -p ers-keys --bench keygen` (set `ERS_BENCH_KEYS=N` to change the keys per size)

use std::process::Command;
use std::time::Instant;

use ers_keys::keypair::{self, KeyOptions};

fn rounds(bits: usize) -> usize {
    let default = if bits >= 4096 { 7 } else { 15 };
    std::env::var("ERS_BENCH_KEYS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn median(samples: &mut [f64]) -> f64 {
    samples.sort_by(f64::total_cmp);
    let n = samples.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        samples[n / 2]
    } else {
        (samples[n / 2 - 1] + samples[n / 2]) / 2.0
    }
}

fn report(name: &str, samples: &mut [f64]) -> f64 {
    let m = median(samples);
    println!(
        "  {name:<28} median {m:>8.0} ms   min {:>7.0} ms   max {:>7.0} ms   ({} keys)",
        samples.first().copied().unwrap_or(f64::NAN),
        samples.last().copied().unwrap_or(f64::NAN),
        samples.len()
    );
    m
}

fn rsa_own(bits: usize) -> Option<f64> {
    let start = Instant::now();
    match rsa::PrivateKey::new(&mut getrandom::SysRng, bits) {
        Ok(key) => {
            std::hint::black_box(&key);
            Some(start.elapsed().as_secs_f64() * 1000.0)
        }
        Err(e) => {
            eprintln!("rsa failed: {e}");
            None
        }
    }
}

fn ours(bits: usize, threads: usize) -> Option<f64> {
    let options = KeyOptions {
        bits,
        kid: Some("bench-1".into()),
        ..KeyOptions::default()
    };
    let start = Instant::now();
    match keypair::generate_with_threads(&mut getrandom::SysRng, &options, threads) {
        Ok(pair) => {
            std::hint::black_box(&pair.private_key_pem);
            Some(start.elapsed().as_secs_f64() * 1000.0)
        }
        Err(e) => {
            eprintln!("ers-keys failed: {e}");
            None
        }
    }
}

fn openssl(bits: usize, dir: &std::path::Path) -> Option<f64> {
    let out = dir.join("bench.pem");
    let start = Instant::now();
    let status = Command::new("openssl")
        .args(["genrsa", "-out"])
        .arg(&out)
        .arg(bits.to_string())
        .stderr(std::process::Stdio::null())
        .status();
    let elapsed = start.elapsed().as_secs_f64() * 1000.0;
    let _ = std::fs::remove_file(&out);
    match status {
        Ok(s) if s.success() => Some(elapsed),
        _ => None,
    }
}

fn main() {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("no temp dir: {e}");
            return;
        }
    };
    let version = Command::new("openssl")
        .arg("version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_else(|_| "openssl not found".to_owned());
    let threads = keypair::available_threads();
    println!(
        "RSA key generation, e = 65537 (peer: `openssl genrsa`, {version}; {threads} threads)"
    );
    for bits in [2048, 4096] {
        let n = rounds(bits);
        let (mut before, mut one, mut all, mut peer) = (vec![], vec![], vec![], vec![]);
        // Interleaved, so all see the same machine load.
        for _ in 0..n {
            before.extend(rsa_own(bits));
            one.extend(ours(bits, 1));
            all.extend(ours(bits, threads));
            peer.extend(openssl(bits, dir.path()));
        }
        println!("{bits} bits:");
        let a = report("rsa::PrivateKey::new (before)", &mut before);
        let b = report("ers-keys search, 1 thread", &mut one);
        let c = report(&format!("ers-keys search, {threads} threads"), &mut all);
        let d = report("openssl genrsa", &mut peer);
        println!(
            "  medians: sieve {:.2}× faster than rsa's own, {threads} threads {:.2}× more; ers-keys / openssl {:.2}",
            a / b,
            b / c,
            c / d
        );
    }
}
