/*!
The prime search behind key generation: a sieve over a window of candidates, then probable-prime
tests, with p and q searched at once on every core.

A **window** is `WINDOW` consecutive odd numbers from a random start of the prime's size with its
two top bits set (so that `p × q` has exactly the key's size). The window is sieved by the odd
primes below [`sieve_bound`] (2^15 to 2^20 by size; candidates `≡ 1 mod 65537` are struck out
too, so that `gcd(p − 1, e) = 1`); the survivors are tested in order with a Miller–Rabin test to
base 2 in our own variable-time Montgomery arithmetic ([`crate::mont`], the `ers-mont` crate,
with the sieve: built at opt-level 3 even inside the size-optimised wasm), and the first that
passes is confirmed with crypto-primes' strong Lucas test: with the Miller–Rabin test, the
Baillie–PSW test `rsa` requires of its primes (crypto-primes' `is_prime`). That one candidate
then takes FIPS 186-5 Table B.1's Miller–Rabin rounds with random bases ([`fips_rounds`]: 5
for 1024-bit primes, 4 for 1536 and 2048; [`random_base_rounds`]), a few per cent of a prime's
search (`cargo xtask bench mr_rounds`). `rsa` then builds and
validates the key from the two primes ([`rsa::PrivateKey::from_p_q`]).

**Variable time.** The candidate search runs in variable time: which candidates are tested, and
how long each test takes, depends on the candidates. Key generation runs on the user's own
machine with no remote observer, so no one can time it; the composites rejected are thrown away,
and signing with the key that results stays constant-time (rsa's blinded, constant-time
crypto-bigint arithmetic).

**Parallel and reproducible.** [`find_primes`] numbers the windows 0, 1, 2, … (each start derived
from a 32-byte seed with SHA-512) and searches them on several threads at once; `p` is the prime
of the lowest-numbered window holding one, `q` that of the next. Threads racing ahead on higher
windows are cancelled as soon as both primes are known. The result depends on the seed only, not
on the number of threads: a fixed seed reproduces the same key. In the browser, where each Web
Worker runs its own wasm instance, [`Window::step`] is the unit of work: a worker searches one
random window a few candidates per call, and the page races several workers for each prime.
*/

use std::sync::OnceLock;

use crypto_bigint::{BoxedUint, Odd, U1024, U1536, U2048, Uint};
use sha2::{Digest, Sha512};
use zeroize::{Zeroize, Zeroizing};

use crate::mont;

/// The public exponent of every key made here.
pub const E: u32 = 65_537;

/// Candidates of a window are sieved by every odd prime below a bound that grows with the
/// prime's size (a larger prime makes each probable-prime test dearer, so a longer sieve pays):
/// 2^15 for 1024-bit primes, 2^17 for 1536, 2^20 for 2048. This is the largest (below 2^21,
/// where the floating-point remainders of the sieve stop being exact).
pub const SIEVE_BOUND: u32 = 1 << 20;

/// The sieve's bound for primes of `bits` bits.
pub fn sieve_bound(bits: u32) -> u32 {
    match bits {
        ..=1024 => 1 << 15,
        1025..=1536 => 1 << 17,
        _ => SIEVE_BOUND,
    }
}

/// Odd candidates in one window: about 11 primes of 2048 bits are expected in it, so a window
/// without a prime (then the next window is taken) is rare.
pub const WINDOW: usize = 1 << 13;

/// The odd primes below [`SIEVE_BOUND`], computed once (a sieve of Eratosthenes).
fn small_primes() -> &'static [u32] {
    static PRIMES: OnceLock<Vec<u32>> = OnceLock::new();
    PRIMES.get_or_init(|| mont::odd_primes_below(SIEVE_BOUND))
}

/// The prime sizes searched for (half the key sizes offered).
pub const PRIME_BITS: [u32; 3] = [1024, 1536, 2048];

/// What one [`Window::step`] found.
#[derive(Debug)]
pub enum Step {
    /// A probable prime (Baillie–PSW), big-endian, of exactly the window's size.
    Found(Zeroizing<Vec<u8>>),
    /// Not yet: call `step` again.
    Continue,
    /// The window holds no prime: start another window.
    Exhausted,
}

/// One window of the search: its start, which candidates survived the sieve, and how far the
/// tests have got.
pub struct Window {
    bits: u32,
    start: Zeroizing<Vec<u8>>,
    alive: Vec<bool>,
    next: usize,
    tests: usize,
}

impl core::fmt::Debug for Window {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Window")
            .field("bits", &self.bits)
            .field("next", &self.next)
            .field("tests", &self.tests)
            .finish_non_exhaustive()
    }
}

impl Window {
    /// A window from `random`: `bits / 8` random bytes (big-endian) taken as the start, with the
    /// two top bits and the low bit set. `bits` must be one of [`PRIME_BITS`].
    ///
    /// # Panics
    /// Never for the sizes of [`PRIME_BITS`]; `None` is returned for any other size or a
    /// `random` of the wrong length.
    pub fn new(bits: u32, random: &[u8]) -> Option<Window> {
        if !PRIME_BITS.contains(&bits) || random.len() != (bits / 8) as usize {
            return None;
        }
        let mut start = Zeroizing::new(random.to_vec());
        start[0] |= 0xC0;
        if let Some(last) = start.last_mut() {
            *last |= 1;
        }
        let alive = sieve(&start, sieve_bound(bits));
        Some(Window {
            bits,
            start,
            alive,
            next: 0,
            tests: 0,
        })
    }

    /// The size of the prime searched for, in bits.
    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// The probable-prime tests run in this window so far.
    pub fn tests(&self) -> usize {
        self.tests
    }

    /// Tests the next surviving candidates, at most `max_tests` of them.
    pub fn step(&mut self, max_tests: usize) -> Step {
        match self.bits {
            1024 => self.step_with::<{ U1024::LIMBS }>(max_tests),
            1536 => self.step_with::<{ U1536::LIMBS }>(max_tests),
            _ => self.step_with::<{ U2048::LIMBS }>(max_tests),
        }
    }

    /// Runs the window to its end (or its first prime), checking `cancelled` between tests.
    /// `None` when cancelled.
    pub fn run(&mut self, cancelled: &dyn Fn() -> bool) -> Option<Step> {
        loop {
            if cancelled() {
                return None;
            }
            match self.step(1) {
                Step::Continue => {}
                done => return Some(done),
            }
        }
    }

    fn step_with<const L: usize>(&mut self, max_tests: usize) -> Step {
        let start = Uint::<L>::from_be_slice(&self.start);
        let mut budget = max_tests.max(1);
        while self.next < WINDOW {
            let i = self.next;
            self.next += 1;
            if !self.alive[i] {
                continue;
            }
            // start + 2i stays within the size unless the start is within 2·WINDOW of the top.
            let (candidate, carry) =
                start.carrying_add(&Uint::from_u64(2 * i as u64), crypto_bigint::Limb::ZERO);
            if carry != crypto_bigint::Limb::ZERO {
                return Step::Exhausted;
            }
            self.tests += 1;
            if is_probable_prime(&candidate) {
                let bytes = Zeroizing::new(candidate.to_be_bytes().as_ref().to_vec());
                // FIPS 186-5 Table B.1's rounds with random bases, on the one candidate that
                // passed Baillie–PSW: a prime passes them all, so only their cost is added.
                if random_base_rounds(&bytes, &self.start, fips_rounds(self.bits)) {
                    return Step::Found(bytes);
                }
            }
            budget -= 1;
            if budget == 0 {
                return if self.next < WINDOW {
                    Step::Continue
                } else {
                    Step::Exhausted
                };
            }
        }
        Step::Exhausted
    }
}

impl Drop for Window {
    fn drop(&mut self) {
        self.alive.zeroize();
    }
}

/// Which of the `WINDOW` odd candidates `start + 2i` have no odd prime factor below `bound` and
/// are not `≡ 1 mod e`.
fn sieve(start: &[u8], bound: u32) -> Vec<bool> {
    let all = small_primes();
    mont::sieve(
        start,
        &all[..all.partition_point(|&p| p < bound)],
        E,
        WINDOW,
    )
}

/// Baillie–PSW, as `rsa` requires of its primes (crypto-primes' `is_prime`): a Miller–Rabin
/// test to base 2, then a strong Lucas test. The Miller–Rabin test, which rejects all but a
/// vanishing few of the composites, is ours ([`crate::mont`]: variable-time Montgomery
/// arithmetic in limbs sized for the machine, 28 bits in wasm32); the Lucas test, run on
/// probable primes only, is crypto-primes' (`LucasCheck::Bpsw21`, A* base), as in `is_prime`.
fn is_probable_prime<const L: usize>(candidate: &Uint<L>) -> bool {
    let bytes = Zeroizing::new(candidate.to_be_bytes().as_ref().to_vec());
    baillie_psw(&bytes)
}

/// Baillie–PSW of an odd number above 3 (big-endian): the test of crypto-primes' `is_prime`, with
/// our Miller–Rabin to base 2 first.
fn baillie_psw(bytes: &[u8]) -> bool {
    use crypto_primes::hazmat::{AStarBase, LucasCheck, Primality, lucas_test};
    if !mont::miller_rabin_base_2(bytes) {
        return false;
    }
    let n = to_uint(bytes);
    let Some(odd) = Option::<Odd<BoxedUint>>::from(Odd::new(n)) else {
        return false;
    };
    !matches!(
        lucas_test(odd, AStarBase, LucasCheck::Bpsw21),
        Primality::Composite
    )
}

/// The Miller–Rabin rounds with random bases FIPS 186-5 Table B.1 asks of p and q, at the
/// error probability matching each key size's security strength: 5 for 1024-bit primes (a
/// 2048-bit key, 2^-112), 4 for 1536-bit (3072, 2^-128) and 4 for 2048-bit (4096, 2^-144).
pub fn fips_rounds(bits: u32) -> usize {
    match bits {
        ..=1024 => 5,
        _ => 4,
    }
}

/// `rounds` Miller–Rabin tests of the probable prime `bytes` (big-endian, odd, above 3) in our
/// own Montgomery arithmetic ([`crate::mont`], as for base 2), each with a base drawn uniformly
/// from [2, n − 2] by [`Bases`], a SHA-512 generator keyed by `key` (the window's secret random start): the bases
/// are unpredictable without it, and a fixed seed still gives the same key.
pub fn random_base_rounds(bytes: &[u8], key: &[u8], rounds: usize) -> bool {
    use crypto_bigint::{NonZero, RandomMod};
    let n = to_uint(bytes);
    // The bases: uniform over [2, n − 2], as crypto-primes' `test_random_base` draws them.
    let Some(range) =
        Option::<NonZero<BoxedUint>>::from(NonZero::new(n.wrapping_sub(BoxedUint::from(3u32))))
    else {
        return false;
    };
    let mut bases = Bases::new(key, bytes);
    (0..rounds).all(|_| {
        let base =
            BoxedUint::random_mod_vartime(&mut bases, &range).wrapping_add(BoxedUint::from(2u32));
        let base = Zeroizing::new(base.to_be_bytes().to_vec());
        mont::miller_rabin(bytes, &base)
    })
}

/// A generator of Miller–Rabin bases: SHA-512 in counter mode over a secret key and the
/// candidate. Infallible, so it serves crypto-bigint's `random_mod_vartime` as a `CryptoRng`.
pub struct Bases {
    seed: Zeroizing<Vec<u8>>,
    counter: u64,
    block: Zeroizing<[u8; 64]>,
    used: usize,
}

impl Bases {
    fn new(key: &[u8], candidate: &[u8]) -> Bases {
        let mut seed = Zeroizing::new(Vec::with_capacity(key.len() + candidate.len() + 32));
        seed.extend_from_slice(b"ers-keys miller-rabin bases v1");
        seed.extend_from_slice(key);
        seed.extend_from_slice(candidate);
        Bases {
            seed,
            counter: 0,
            block: Zeroizing::new([0; 64]),
            used: 64,
        }
    }

    fn refill(&mut self) {
        let mut hash = Sha512::new();
        hash.update(&*self.seed);
        hash.update(self.counter.to_be_bytes());
        self.counter += 1;
        let mut digest = hash.finalize();
        self.block.copy_from_slice(&digest);
        digest.as_mut_slice().zeroize();
        self.used = 0;
    }
}

impl rand_core::TryRng for Bases {
    type Error = core::convert::Infallible;

    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        let mut b = [0; 4];
        self.try_fill_bytes(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }

    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        let mut b = [0; 8];
        self.try_fill_bytes(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        for byte in dst {
            if self.used == 64 {
                self.refill();
            }
            *byte = self.block[self.used];
            self.used += 1;
        }
        Ok(())
    }
}

impl rand_core::TryCryptoRng for Bases {}

/// The start of window `index` of the search from `seed`: SHA-512 in counter mode over the seed
/// and the index, `bits / 8` bytes.
pub fn window_start(seed: &[u8; 32], index: u64, bits: u32) -> Zeroizing<Vec<u8>> {
    let len = (bits / 8) as usize;
    let mut out = Zeroizing::new(Vec::with_capacity(len + 64));
    let mut block = 0u32;
    while out.len() < len {
        let mut hash = Sha512::new();
        hash.update(b"ers-keys prime window v1");
        hash.update(seed);
        hash.update(index.to_be_bytes());
        hash.update(bits.to_be_bytes());
        hash.update(block.to_be_bytes());
        let mut digest = hash.finalize();
        out.extend_from_slice(&digest);
        digest.as_mut_slice().zeroize();
        block += 1;
    }
    out.truncate(len);
    out
}

/// Whether `q` may be the second prime with `p`: the two must differ by more than
/// 2^(bits − 100) (FIPS 186-5 B.3.3), or a square-root attack on n could find them.
pub fn far_apart(p: &BoxedUint, q: &BoxedUint, bits: u32) -> bool {
    let (big, small) = if p > q { (p, q) } else { (q, p) };
    let diff = big.wrapping_sub(small);
    diff.bit_width_vartime() > bits - 100
}

/// A probable prime from big-endian bytes.
pub fn to_uint(bytes: &[u8]) -> BoxedUint {
    BoxedUint::from_be_slice_vartime(bytes)
}

/// Checks a prime handed in from elsewhere: its size, `p − 1` prime to e, and Baillie–PSW.
pub fn check_prime(bytes: &[u8], bits: u32) -> bool {
    check_found_prime(bytes, bits) && baillie_psw(bytes)
}

/// Checks a prime found by a [`Window`] (another worker's), which ran Baillie–PSW on it: its
/// size, `p − 1` prime to e, and the Miller–Rabin half of Baillie–PSW again, which a damaged or
/// wrong buffer fails (all but a vanishing few composites do), not the Lucas test, four times
/// dearer.
pub fn check_found_prime(bytes: &[u8], bits: u32) -> bool {
    if !PRIME_BITS.contains(&bits) || bytes.len() != (bits / 8) as usize || bytes[0] < 0xC0 {
        return false;
    }
    let e = crypto_bigint::NonZero::new(BoxedUint::from(u64::from(E))).expect("e is not zero");
    to_uint(bytes).rem_vartime(&e) != BoxedUint::one() && mont::miller_rabin_base_2(bytes)
}

/// Finds `p` and `q` of `bits` bits each from `seed`, on `threads` threads (at least one). The
/// result depends on `seed` and `bits` only.
pub fn find_primes(seed: &[u8; 32], bits: u32, threads: usize) -> (BoxedUint, BoxedUint) {
    let threads = threads.max(1);
    if threads == 1 {
        let mut accepted: Vec<BoxedUint> = Vec::with_capacity(2);
        let mut index = 0;
        while accepted.len() < 2 {
            if let Some(Step::Found(p)) = Window::new(bits, &window_start(seed, index, bits))
                .and_then(|mut w| w.run(&|| false))
            {
                accept(&mut accepted, to_uint(&p), bits);
            }
            index += 1;
        }
        let q = accepted.pop().expect("two primes");
        let p = accepted.pop().expect("two primes");
        return (p, q);
    }
    find_primes_threaded(seed, bits, threads)
}

/// [`find_primes`] on `threads` threads: each takes the next window; the primes are accepted in
/// window order.
fn find_primes_threaded(seed: &[u8; 32], bits: u32, threads: usize) -> (BoxedUint, BoxedUint) {
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::mpsc;

    let next = AtomicU64::new(0);
    // Windows above this index are not needed any more.
    let limit = AtomicU64::new(u64::MAX);
    let (tx, rx) = mpsc::channel::<(u64, Option<Zeroizing<Vec<u8>>>)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, limit) = (&next, &limit);
            scope.spawn(move || {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    if index > limit.load(Ordering::Relaxed) {
                        break;
                    }
                    let found = Window::new(bits, &window_start(seed, index, bits))
                        .and_then(|mut w| w.run(&|| index > limit.load(Ordering::Relaxed)));
                    let prime = match found {
                        None => break,
                        Some(Step::Found(p)) => Some(p),
                        Some(_) => None,
                    };
                    if tx.send((index, prime)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut accepted = accept_in_order(rx, &limit, bits);
        // Stop every thread: each checks the limit between tests.
        limit.store(0, Ordering::Relaxed);
        let q = accepted
            .pop()
            .expect("the threads run until two primes are found");
        let p = accepted
            .pop()
            .expect("the threads run until two primes are found");
        (p, q)
    })
}

/// Accepts primes in window order, so that the result does not depend on which thread finished
/// first; sets `limit` to the window of the second.
fn accept_in_order(
    rx: std::sync::mpsc::Receiver<(u64, Option<Zeroizing<Vec<u8>>>)>,
    limit: &std::sync::atomic::AtomicU64,
    bits: u32,
) -> Vec<BoxedUint> {
    let mut done: std::collections::BTreeMap<u64, Option<Zeroizing<Vec<u8>>>> =
        std::collections::BTreeMap::new();
    let mut accepted: Vec<BoxedUint> = Vec::with_capacity(2);
    let mut upto = 0u64;
    for (index, prime) in rx.iter() {
        done.insert(index, prime);
        while let Some(prime) = done.remove(&upto) {
            if let Some(p) = prime {
                accept(&mut accepted, to_uint(&p), bits);
            }
            if accepted.len() == 2 {
                limit.store(upto, std::sync::atomic::Ordering::Relaxed);
                return accepted;
            }
            upto += 1;
        }
    }
    accepted
}

/// Adds `prime` unless it is too close to the first prime.
fn accept(accepted: &mut Vec<BoxedUint>, prime: BoxedUint, bits: u32) {
    match accepted.first() {
        Some(p) if !far_apart(p, &prime, bits) => {}
        _ => accepted.push(prime),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// FIPS 186-5 Table B.1's random-base rounds catch what base 2 alone lets through: strong
    /// pseudoprimes to base 2 (2047; 3,215,031,751; and 3,825,123,056,546,413,051, which also
    /// fools bases 3 to 23) pass our Miller–Rabin to base 2 and fail the rounds; primes pass them.
    #[test]
    fn random_base_rounds_reject_strong_pseudoprimes_to_base_2() {
        assert_eq!(
            [fips_rounds(1024), fips_rounds(1536), fips_rounds(2048)],
            [5, 4, 4]
        );
        for n in [2047u64, 3_215_031_751, 3_825_123_056_546_413_051] {
            use crypto_primes::hazmat::{MillerRabin, Primality};
            let bytes = n.to_be_bytes();
            let odd = Option::<Odd<BoxedUint>>::from(Odd::new(to_uint(&bytes))).expect("odd");
            let base_2 = MillerRabin::new(odd).test_base_two();
            assert!(!matches!(base_2, Primality::Composite), "{n} fools base 2");
            assert!(!random_base_rounds(&bytes, b"key", 5), "{n} is caught");
        }
        for p in [2_305_843_009_213_693_951u64, 18_446_744_073_709_551_557] {
            assert!(
                random_base_rounds(&p.to_be_bytes(), b"key", 5),
                "{p} is prime"
            );
        }
    }

    #[test]
    fn small_primes_are_the_odd_primes_below_the_bound() {
        let primes = small_primes();
        assert_eq!(&primes[..6], &[3, 5, 7, 11, 13, 17]);
        // π(2^20) = 82025, less the prime 2.
        assert_eq!(primes.len(), 82_024);
        assert!(primes.contains(&E));
    }

    /// Checks the sieve of a start against remainders computed with crypto-bigint.
    fn check_sieve(start: &[u8], bits: u32, candidates: usize) {
        let bound = sieve_bound(bits);
        let alive = sieve(start, bound);
        let n = to_uint(start);
        let e = crypto_bigint::NonZero::new(BoxedUint::from(u64::from(E))).unwrap();
        let moduli: Vec<_> = small_primes()
            .iter()
            .filter(|&&p| p < bound)
            .map(|&p| crypto_bigint::NonZero::new(BoxedUint::from(u64::from(p))).unwrap())
            .collect();
        for (i, &alive) in alive.iter().enumerate().take(candidates) {
            let c = n.wrapping_add(BoxedUint::from(2 * i as u64));
            let small_factor = moduli.iter().any(|m| c.rem_vartime(m) == BoxedUint::zero());
            let one_mod_e = c.rem_vartime(&e) == BoxedUint::one();
            assert_eq!(
                alive,
                !small_factor && !one_mod_e,
                "{bits} bits, candidate {i}"
            );
        }
    }

    #[test]
    fn the_sieve_strikes_exactly_the_multiples_of_small_primes() {
        // A start whose residues are easy to check: 2^1023 + 2^1022 + 1.
        let mut start = vec![0u8; 128];
        start[0] = 0xC0;
        start[127] = 1;
        check_sieve(&start, 1024, 200);
        // Random starts of each size, with the largest bound (2^20) for 2048 bits.
        check_sieve(&window_start(&[3u8; 32], 0, 1024), 1024, 100);
        check_sieve(&window_start(&[3u8; 32], 0, 1536), 1536, 40);
        check_sieve(&window_start(&[3u8; 32], 0, 2048), 2048, 12);
    }

    #[test]
    fn a_window_finds_a_prime_of_the_size_asked() {
        let seed = [7u8; 32];
        let mut found = None;
        for index in 0..4 {
            let mut w = Window::new(1024, &window_start(&seed, index, 1024)).unwrap();
            if let Some(Step::Found(p)) = w.run(&|| false) {
                found = Some(p);
                break;
            }
        }
        let p = found.expect("a 1024-bit prime in four windows");
        assert_eq!(p.len(), 128);
        assert!(p[0] >= 0xC0, "two top bits set");
        assert!(check_prime(&p, 1024));
    }

    #[test]
    fn steps_resume_where_they_stopped() {
        let start = window_start(&[1u8; 32], 0, 1024);
        let mut whole = Window::new(1024, &start).unwrap();
        let mut stepped = Window::new(1024, &start).unwrap();
        let a = whole.run(&|| false).unwrap();
        let b = loop {
            match stepped.step(3) {
                Step::Continue => {}
                other => break other,
            }
        };
        match (a, b) {
            (Step::Found(x), Step::Found(y)) => assert_eq!(*x, *y),
            (Step::Exhausted, Step::Exhausted) => {}
            other => panic!("different outcomes: {other:?}"),
        }
        assert_eq!(whole.tests(), stepped.tests());
    }

    #[test]
    fn the_primes_depend_on_the_seed_not_the_threads() {
        let seed = [42u8; 32];
        let one = find_primes(&seed, 1024, 1);
        let four = find_primes(&seed, 1024, 4);
        assert_eq!(one, four);
        assert!(far_apart(&one.0, &one.1, 1024));
        assert_ne!(find_primes(&[43u8; 32], 1024, 2), one);
    }

    #[test]
    fn wrong_sizes_and_non_primes_are_refused() {
        assert!(Window::new(1000, &[0u8; 125]).is_none());
        assert!(Window::new(1024, &[0u8; 127]).is_none());
        assert!(!check_prime(&[0xFF; 128], 1024));
        assert!(!check_prime(&[0x01; 128], 1024));
    }
}
