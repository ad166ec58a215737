//! The prime search's hand-written Montgomery arithmetic (`ers_keys::mont`), both radices (28-bit
//! limbs, wasm's, and 56-bit, native), against crypto-bigint's (the arithmetic of `rsa`) and
//! crypto-primes' Miller–Rabin test, on random inputs from proptest with a fixed seed (so a
//! failure is found again on the next run) and on edge cases: moduli of every size from 2 to 2,100
//! bits, all-ones and `2^k + 1` moduli, operands 0, 1, N − 1, N and 2N − 1 (the arithmetic keeps
//! its numbers below 2N), strong pseudoprimes to base 2, and primes.

use crypto_bigint::{BoxedUint, ConcatenatingMul as _, NonZero, Odd};
use crypto_primes::hazmat::{MillerRabin, Primality};
use ers_keys::mont::{radix28, radix56};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

fn runner(seed: u8, cases: u32) -> TestRunner {
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    TestRunner::new_with_rng(
        config,
        TestRng::from_seed(RngAlgorithm::ChaCha, &[seed; 32]),
    )
}

fn big(bytes: &[u8]) -> BoxedUint {
    BoxedUint::from_be_slice_vartime(bytes)
}

/// Big-endian bytes without leading zeros (empty for 0).
fn trimmed(bytes: &[u8]) -> Vec<u8> {
    let first = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    bytes[first..].to_vec()
}

fn bytes_of(n: &BoxedUint) -> Vec<u8> {
    trimmed(&n.to_be_bytes())
}

fn rem(a: &BoxedUint, n: &BoxedUint) -> Vec<u8> {
    bytes_of(&a.rem_vartime(&NonZero::new(n.clone()).expect("n > 0")))
}

/// `2^k` as big-endian bytes.
fn power_of_two(k: usize) -> Vec<u8> {
    let mut v = vec![0u8; k / 8 + 1];
    v[0] = 1 << (k % 8);
    v
}

/// The operands worth trying for a modulus `n`: 0, 1, N − 1, N, 2N − 1 and the random ones.
fn operands(n: &BoxedUint, random: &[Vec<u8>]) -> Vec<Vec<u8>> {
    let two_n = n.concatenating_add(n);
    let mut out = vec![
        vec![0],
        vec![1],
        bytes_of(&n.wrapping_sub(BoxedUint::one())),
        bytes_of(n),
        bytes_of(&two_n.wrapping_sub(BoxedUint::one())),
    ];
    out.extend(random.iter().map(|r| rem(&big(r), &two_n)));
    out
}

macro_rules! check_radix {
    ($name:ident, $radix:ident) => {
        /// `mul` and `sqr` of every pair of operands below 2N: the result is below 2N and
        /// `result · R ≡ a · b (mod N)`, checked with crypto-bigint.
        fn $name(n_bytes: &[u8], random: &[Vec<u8>]) -> Result<(), TestCaseError> {
            let m = $radix::Modulus::new(n_bytes).expect("an odd modulus above 1");
            let len = m.len();
            let n = big(n_bytes);
            let r = rem(&big(&power_of_two(len * $radix::BITS as usize)), &n);
            let two_n = n.concatenating_add(&n);
            let width = len * $radix::BITS as usize / 8 + 2;
            let mut s = m.scratch();
            let ops = operands(&n, random);
            for a in &ops {
                let la = $radix::from_be(a, len).expect("fits");
                prop_assert_eq!(trimmed(&$radix::to_be(&la, width)), trimmed(a));
                let mut out = vec![0; len];
                m.sqr(&la, &mut out, &mut s);
                let got = big(&$radix::to_be(&out, width));
                prop_assert!(got < two_n, "sqr result not below 2N");
                let expect = rem(&big(a).concatenating_mul(&big(a)), &n);
                prop_assert_eq!(rem(&got.concatenating_mul(&big(&r)), &n), expect, "sqr");
                for b in &ops {
                    let lb = $radix::from_be(b, len).expect("fits");
                    m.mul(&la, &lb, &mut out, &mut s);
                    let got = big(&$radix::to_be(&out, width));
                    prop_assert!(got < two_n, "mul result not below 2N");
                    let expect = rem(&big(a).concatenating_mul(&big(b)), &n);
                    prop_assert_eq!(rem(&got.concatenating_mul(&big(&r)), &n), expect, "mul");
                }
                // Into and out of Montgomery form.
                let a_mod_n = rem(&big(a), &n);
                let x = m.to_mont(&$radix::from_be(&a_mod_n, len).expect("fits"));
                let back = m.from_mont(&x);
                prop_assert_eq!(trimmed(&$radix::to_be(&back, width)), a_mod_n);
            }
            Ok(())
        }
    };
}
check_radix!(check28, radix28);
check_radix!(check56, radix56);

/// crypto-primes' verdict on an odd number above 3.
fn reference_mr(n: &[u8]) -> bool {
    let odd = Option::<Odd<BoxedUint>>::from(Odd::new(big(n))).expect("odd");
    !matches!(MillerRabin::new(odd).test_base_two(), Primality::Composite)
}

fn check_mr(n: &[u8]) -> Result<(), TestCaseError> {
    let expect = reference_mr(n);
    let m28 = radix28::Modulus::new(n).expect("odd").miller_rabin_base_2();
    let m56 = radix56::Modulus::new(n).expect("odd").miller_rabin_base_2();
    prop_assert_eq!(m28, expect, "radix 28, n = {:02x?}", n);
    prop_assert_eq!(m56, expect, "radix 56, n = {:02x?}", n);
    prop_assert_eq!(ers_keys::mont::miller_rabin_base_2(n), expect);
    Ok(())
}

/// An odd modulus above 1 from random bytes (at least 2 bits).
fn modulus(mut bytes: Vec<u8>) -> Vec<u8> {
    if let Some(last) = bytes.last_mut() {
        *last |= 1;
    }
    if bytes.iter().rev().skip(1).all(|&b| b == 0) && bytes.last().is_some_and(|&b| b < 3) {
        bytes.push(0x03);
    }
    bytes
}

#[test]
fn multiplication_matches_crypto_bigint_on_random_moduli() {
    let strategy = (
        proptest::collection::vec(any::<u8>(), 1..=263).prop_map(modulus),
        proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..=270), 3),
    );
    runner(28, 96)
        .run(&strategy, |(n, random)| {
            check28(&n, &random)?;
            check56(&n, &random)
        })
        .unwrap();
}

#[test]
fn multiplication_matches_crypto_bigint_on_edge_moduli() {
    let random = [vec![0xA5; 300], vec![0xFF; 300], vec![0x01]];
    for bits in (2usize..=2100)
        .step_by(37)
        .chain([1023, 1024, 1025, 1535, 1536, 2047, 2048, 2049])
    {
        // All ones: 2^bits − 1.
        let mut ones = vec![0xFFu8; bits.div_ceil(8)];
        ones[0] = (0xFFu16 >> ((8 - bits % 8) % 8)) as u8;
        // 2^(bits − 1) + 1.
        let mut low = power_of_two(bits - 1);
        *low.last_mut().unwrap() |= 1;
        for n in [ones, low] {
            check28(&n, &random).unwrap();
            check56(&n, &random).unwrap();
        }
    }
}

#[test]
fn miller_rabin_matches_crypto_primes() {
    // Random odd numbers of the search's sizes and below, almost all composite.
    let strategy = proptest::collection::vec(any::<u8>(), 1..=256).prop_map(|mut b| {
        b[0] |= 0x80;
        if b.len() == 1 {
            b[0] |= 0x05;
        }
        modulus(b)
    });
    runner(2, 200).run(&strategy, |n| check_mr(&n)).unwrap();
    // Strong pseudoprimes to base 2 (they pass: the Lucas test is what rejects them), small
    // primes, Carmichael numbers and Mersenne primes and their neighbours.
    for n in [
        5u64,
        7,
        11,
        13,
        561,
        1105,
        1729,
        2047,
        3277,
        4033,
        4681,
        8321,
        15841,
        29341,
        42799,
        49141,
        52633,
        65281,
        74665,
        80581,
        85489,
        88357,
        90751,
        3_215_031_751,
        2_152_302_898_747,
        3_474_749_660_383,
        341_550_071_728_321,
        65_537,
        2_147_483_647,
    ] {
        let bytes = trimmed(&n.to_be_bytes());
        check_mr(&bytes).unwrap();
    }
    for k in [61usize, 89, 107, 127, 521, 607, 1279, 2203] {
        let mut m = power_of_two(k);
        // 2^k − 1 as bytes: subtract 1 from the power of two.
        let n = big(&m).wrapping_sub(BoxedUint::one());
        let prime = bytes_of(&n);
        check_mr(&prime).unwrap();
        assert!(
            radix28::Modulus::new(&prime).unwrap().miller_rabin_base_2(),
            "2^{k} − 1 is prime"
        );
        // 2^k + 1 (composite for these odd k: divisible by 3).
        *m.last_mut().unwrap() |= 1;
        check_mr(&m).unwrap();
        // A product of two primes.
        let product = bytes_of(&big(&prime).concatenating_mul(&big(&[0xFF, 0xF1])));
        check_mr(&product).unwrap();
    }
}

/// Miller–Rabin to any base (FIPS 186-5's random-base rounds), both radices, against
/// crypto-primes' `MillerRabin::test` with the same base: random odd numbers with random bases,
/// and the strong pseudoprimes to base 2 with bases 2 to 40.
#[test]
fn miller_rabin_to_any_base_matches_crypto_primes() {
    fn check(n: &[u8], base: &[u8]) -> Result<(), TestCaseError> {
        let odd = Option::<Odd<BoxedUint>>::from(Odd::new(big(n))).expect("odd");
        let a = crypto_bigint::Resize::resize(big(base), odd.as_ref().bits_precision());
        let expect = !matches!(MillerRabin::new(odd).test(&a), Primality::Composite);
        for (radix, got) in [
            (
                28,
                radix28::Modulus::new(n).expect("odd").miller_rabin(
                    &radix28::from_be(base, radix28::Modulus::new(n).expect("odd").len())
                        .expect("fits"),
                ),
            ),
            (
                56,
                radix56::Modulus::new(n).expect("odd").miller_rabin(
                    &radix56::from_be(base, radix56::Modulus::new(n).expect("odd").len())
                        .expect("fits"),
                ),
            ),
        ] {
            prop_assert_eq!(
                got,
                expect,
                "radix {}, n = {:02x?}, base {:02x?}",
                radix,
                n,
                base
            );
        }
        prop_assert_eq!(ers_keys::mont::miller_rabin(n, base), expect);
        Ok(())
    }
    let strategy = (
        proptest::collection::vec(any::<u8>(), 2..=256),
        any::<u64>(),
    )
        .prop_map(|(mut b, seed)| {
            b[0] |= 0x80;
            let n = modulus(b);
            // A base in [2, n − 2].
            let range = big(&n).wrapping_sub(BoxedUint::from(3u32));
            let base = BoxedUint::from(seed)
                .rem_vartime(&NonZero::new(range).expect("n > 3"))
                .wrapping_add(BoxedUint::from(2u32));
            (n, bytes_of(&base))
        });
    runner(5, 200)
        .run(&strategy, |(n, base)| check(&n, &base))
        .unwrap();
    for n in [
        2047u64,
        3_215_031_751,
        3_825_123_056_546_413_051,
        2_147_483_647,
    ] {
        let n = trimmed(&n.to_be_bytes());
        for base in 2u8..=40 {
            check(&n, &[base]).unwrap();
        }
    }
}

#[test]
fn bad_moduli_are_refused() {
    assert!(radix28::Modulus::new(&[]).is_none());
    assert!(radix28::Modulus::new(&[0, 0]).is_none());
    assert!(radix28::Modulus::new(&[1]).is_none());
    assert!(radix56::Modulus::new(&[0x10, 0x00]).is_none());
    assert!(!ers_keys::mont::miller_rabin_base_2(&[0x10, 0x00]));
}

/// The search makes the same key in wasm (28-bit limbs) as natively (56-bit limbs): both
/// arithmetics give the same verdict on every candidate of a seeded window of each size, primes
/// among them (so a fixed seed finds the same primes on both).
#[test]
fn both_radices_give_the_search_the_same_verdicts() {
    use ers_keys::primes::window_start;
    for bits in [1024u32, 2048] {
        let mut bytes = window_start(&[42u8; 32], 0, bits).to_vec();
        bytes[0] |= 0xC0;
        *bytes.last_mut().expect("bytes") |= 1;
        let start = big(&bytes);
        let mut primes = 0;
        for i in 0..600u64 {
            let c = bytes_of(&start.wrapping_add(BoxedUint::from(2 * i)));
            let m28 = radix28::Modulus::new(&c).map(|m| m.miller_rabin_base_2());
            let m56 = radix56::Modulus::new(&c).map(|m| m.miller_rabin_base_2());
            assert!(m28.is_some(), "odd candidates");
            assert_eq!(m28, m56, "{bits} bits, candidate {i}");
            primes += usize::from(m28 == Some(true));
        }
        assert!(primes > 0, "{bits} bits: a prime among 600 odd candidates");
    }
}

/// FNV-1a of `p` then `q` (big-endian): a short fingerprint of a search's result.
fn fingerprint(p: &BoxedUint, q: &BoxedUint) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for b in bytes_of(p).into_iter().chain(bytes_of(q)) {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// What the seeded search finds natively; `crates/ers-wasm/tests/keys.rs` checks that the wasm
/// build (28-bit limbs) finds the same.
#[test]
fn a_seeded_search_finds_the_primes_the_wasm_build_finds() {
    let (p, q) = ers_keys::primes::find_primes(&[42u8; 32], 1024, 1);
    assert_eq!(format!("{:016x}", fingerprint(&p, &q)), "5eff0bd6cd60caf7");
}
