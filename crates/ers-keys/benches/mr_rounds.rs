//! What FIPS 186-5 Table B.1's random-base Miller–Rabin rounds cost: for each prime size, the
//! rounds alone on a prime found (5 for 1024-bit primes, 4 for 1536 and 2048), beside the prime
//! search they are added to, measured in the same run (one window searched on one thread until
//! its first prime, rounds included; the search without them is that minus the rounds).
//!
//! `cargo bench -p ers-keys --bench mr_rounds` (or `cargo xtask bench mr_rounds`). Prints
//! figures; asserts nothing.

use std::hint::black_box;
use std::time::{Duration, Instant};

use ers_keys::primes::{self, Step, Window};

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    times[times.len() / 2]
}

/// One search: a random window, stepped until its first prime. Returns the time and the prime.
fn search(bits: u32) -> (Duration, Vec<u8>) {
    loop {
        let mut random = vec![0u8; (bits / 8) as usize];
        getrandom::fill(&mut random).expect("random bytes");
        let start = Instant::now();
        let mut window = Window::new(bits, &random).expect("a window");
        loop {
            match window.step(64) {
                Step::Found(prime) => return (start.elapsed(), prime.to_vec()),
                Step::Continue => {}
                Step::Exhausted => break,
            }
        }
    }
}

fn main() {
    println!(
        "FIPS 186-5 Table B.1 Miller–Rabin rounds (random bases) beside the prime search (one thread):"
    );
    for (bits, searches) in [(1024, 15), (1536, 9), (2048, 7)] {
        let mut found = Vec::new();
        let times: Vec<Duration> = (0..searches)
            .map(|_| {
                let (t, prime) = search(bits);
                found = prime;
                t
            })
            .collect();
        let search_time = median(times);
        let rounds = primes::fips_rounds(bits);
        let key = [7u8; 32];
        let round_times: Vec<Duration> = (0..21)
            .map(|_| {
                let start = Instant::now();
                black_box(primes::random_base_rounds(&found, &key, rounds));
                start.elapsed()
            })
            .collect();
        let rounds_time = median(round_times);
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let before = ms(search_time) - ms(rounds_time);
        println!(
            "  {bits}-bit primes: {rounds} rounds {:7.2} ms; search with them {:8.1} ms (median of {searches}), without {:8.1} ms: +{:.1}% per prime",
            ms(rounds_time),
            ms(search_time),
            before,
            100.0 * ms(rounds_time) / before.max(1e-9)
        );
    }
}
