//! Checking one application name (4.14). Goal: median ≤ 20 µs per check natively. Prints the
//! median, 10th and 90th percentiles over a corpus of good, NHS-variant and broken names, and
//! the ratio against a peer measured in the same run: a naive checker that splits on ` - ` and
//! `, ` and compares the five parts with the expected words (what a script would do; it finds
//! far less, gives no span and no fix).
//!
//! `cargo bench -p ers-rules --bench name_check`

use std::hint::black_box;
use std::time::{Duration, Instant};

use ers_rules::name::{CheckOptions, check};
use ers_rules::{AccessMode, Environment};

const GOAL_MICROS: f64 = 20.0;
const ROUNDS: usize = 301;

const CORPUS: &[&str] = &[
    "Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted",
    "Acme - Acme Medical System - PROD - e-Referral Service, Application-Restricted",
    "Care Vista - Care Vista Link - INT - e-Referral Service - User-restricted",
    "Smith-Jones Health - Smith-Jones Referrals - PROD - e-Referral Service, User Restricted",
    "Care Vista – Care Vista Link – PROD – eRS, User-restricted",
    "Acme - Acme Medical System - Production - e-referral service,Unattended",
    "Care Vista - Care Vista Link - e-Referral Service - PROD, User Restricted",
    "Care Vista  - Care Vista Link\n- Prod - NHS e-Referral Service User Restricted and Application-Restricted",
    "Care Vista Link",
    "Acme - Acme Referrals - Outpatients - PROD - e-Referral Service, Application-Restricted",
];

/// The peer: split on the separators and compare each part with what it should be.
fn naive(name: &str) -> (bool, usize) {
    let (head, mode) = name.rsplit_once(", ").unwrap_or((name, ""));
    let parts: Vec<&str> = head.split(" - ").collect();
    let mut problems = 0;
    if parts.len() < 4 {
        problems += 1;
    }
    let n = parts.len();
    if n >= 2 && parts[n - 1] != "e-Referral Service" {
        problems += 1;
    }
    if n >= 2 && !["PROD", "INT", "SANDBOX", "DEV"].contains(&parts[n - 2]) {
        problems += 1;
    }
    if mode != "User Restricted" && mode != "Application-Restricted" {
        problems += 1;
    }
    if name.chars().any(char::is_control) || name.contains("  ") {
        problems += 1;
    }
    (problems == 0, problems)
}

fn per_check(mut f: impl FnMut(&str)) -> Vec<f64> {
    let mut samples = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        let start = Instant::now();
        for name in CORPUS {
            f(black_box(name));
        }
        let elapsed: Duration = start.elapsed();
        #[allow(clippy::cast_precision_loss)]
        samples.push(elapsed.as_secs_f64() * 1e6 / CORPUS.len() as f64);
    }
    samples.sort_by(f64::total_cmp);
    samples
}

fn pct(sorted: &[f64], p: usize) -> f64 {
    sorted[(sorted.len() - 1) * p / 100]
}

fn main() {
    let options = CheckOptions {
        environment: Some(Environment::Prod),
        access_mode: Some(AccessMode::UserRestricted),
    };
    // Warm up both.
    for _ in 0..50 {
        for name in CORPUS {
            black_box(check(name, &options));
            black_box(naive(name));
        }
    }
    let ours = per_check(|n| {
        black_box(check(n, &options));
    });
    let peer = per_check(|n| {
        black_box(naive(n));
    });
    let huge = "Care Vista - ".repeat(100_000);
    let start = Instant::now();
    black_box(check(&huge, &options));
    let huge_micros = start.elapsed().as_secs_f64() * 1e6;

    let (m, p10, p90) = (pct(&ours, 50), pct(&ours, 10), pct(&ours, 90));
    let peer_m = pct(&peer, 50);
    println!(
        "name check: median {m:.2} µs per name (p10 {p10:.2}, p90 {p90:.2}) over {} names × {ROUNDS} rounds; goal ≤ {GOAL_MICROS} µs: {}",
        CORPUS.len(),
        if m <= GOAL_MICROS { "met" } else { "NOT met" }
    );
    println!(
        "peer (naive split on \" - \" and \", \", no spans or fixes): median {peer_m:.2} µs; ratio ours/peer {:.1}×",
        m / peer_m
    );
    println!(
        "a {} MB paste: {huge_micros:.1} µs (refused at {} characters without being read)",
        huge.len() / 1_000_000,
        ers_rules::name::MAX_LEN
    );
}
