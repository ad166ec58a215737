//! Key quality, judged from outside: many keys made by the parallel prime search, each checked by
//! `openssl rsa -check` and by Python `cryptography` (the exact bit length, p ≠ q, |p − q| >
//! 2^(bits/2 − 100), e = 65537, n = p·q, d·e ≡ 1 mod λ(n), the CRT values), and a fixed seed that
//! gives the same key whatever the number of threads. 2048-bit keys for speed, a few of 4096.

use std::path::Path;

use ers_keys::keypair::{self, KeyOptions};
use sha2::{Digest, Sha256};

/// A deterministic RNG for tests: SHA-256 of a seed and a counter.
struct SeededRng {
    seed: [u8; 32],
    counter: u64,
    buffer: Vec<u8>,
}

impl SeededRng {
    fn new(seed: u8) -> Self {
        SeededRng {
            seed: [seed; 32],
            counter: 0,
            buffer: Vec::new(),
        }
    }
}

impl rand_core::TryRng for SeededRng {
    type Error = core::convert::Infallible;

    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        let mut b = [0u8; 4];
        self.try_fill_bytes(&mut b)?;
        Ok(u32::from_le_bytes(b))
    }

    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        let mut b = [0u8; 8];
        self.try_fill_bytes(&mut b)?;
        Ok(u64::from_le_bytes(b))
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        for byte in dst {
            if self.buffer.is_empty() {
                let mut h = Sha256::new();
                h.update(self.seed);
                h.update(self.counter.to_be_bytes());
                self.counter += 1;
                self.buffer = h.finalize().to_vec();
            }
            *byte = self.buffer.remove(0);
        }
        Ok(())
    }
}

impl rand_core::TryCryptoRng for SeededRng {}

fn options(bits: usize, kid: &str) -> KeyOptions {
    KeyOptions {
        bits,
        kid: Some(kid.to_owned()),
        ..KeyOptions::default()
    }
}

/// Runs a judge (openssl, python3) with `input` on its standard input; its standard output.
fn run(program: &str, args: &[&str], input: Option<&str>) -> String {
    ers_test_support::judge(program, args, input.map(str::as_bytes))
}

/// Python `cryptography` checks every key in `dir/*.pem` and prints one line per key.
const PYTHON_JUDGE: &str = r#"
import glob, math, sys
from cryptography.hazmat.primitives.serialization import load_pem_private_key
bits = int(sys.argv[2])
for path in sorted(glob.glob(sys.argv[1] + "/*.pem")):
    key = load_pem_private_key(open(path, "rb").read(), password=None)
    priv = key.private_numbers()
    pub = priv.public_numbers
    p, q, d, e, n = priv.p, priv.q, priv.d, pub.e, pub.n
    lam = (p - 1) * (q - 1) // math.gcd(p - 1, q - 1)
    assert n.bit_length() == bits, (path, n.bit_length())
    assert p.bit_length() == bits // 2 and q.bit_length() == bits // 2, path
    assert p != q, path
    assert abs(p - q).bit_length() > bits // 2 - 100, path
    assert e == 65537, path
    assert p * q == n, path
    assert (d * e) % lam == 1, path
    assert d < lam, path
    assert priv.dmp1 == d % (p - 1) and priv.dmq1 == d % (q - 1), path
    assert (priv.iqmp * q) % p == 1, path
    print("ok", path.rsplit("/", 1)[-1])
"#;

fn judge(dir: &Path, bits: usize, count: usize) {
    for entry in std::fs::read_dir(dir).expect("dir").flatten() {
        let path = entry.path();
        let check = run(
            "openssl",
            &[
                "rsa",
                "-check",
                "-noout",
                "-in",
                path.to_str().expect("path"),
            ],
            None,
        );
        assert!(check.contains("RSA key ok"), "{}: {check}", path.display());
        let text = run(
            "openssl",
            &[
                "rsa",
                "-text",
                "-noout",
                "-in",
                path.to_str().expect("path"),
            ],
            None,
        );
        assert!(
            text.contains(&format!("Private-Key: ({bits} bit, 2 primes)")),
            "{}",
            text.lines().next().unwrap_or_default()
        );
        assert!(text.contains("publicExponent: 65537 (0x10001)"));
    }
    let bits_arg = bits.to_string();
    let out = run(
        "python3",
        &["-c", PYTHON_JUDGE, dir.to_str().expect("dir"), &bits_arg],
        None,
    );
    assert_eq!(
        out.lines().filter(|l| l.starts_with("ok ")).count(),
        count,
        "{out}"
    );
}

fn make_keys(bits: usize, count: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut thumbprints = std::collections::HashSet::new();
    for i in 0..count {
        let pair = keypair::generate(&options(bits, &format!("k{i:02}"))).expect("a key");
        assert_eq!(pair.bits, bits);
        assert!(thumbprints.insert(pair.jwk.thumbprint()), "two keys alike");
        std::fs::write(
            dir.path().join(format!("k{i:02}.pem")),
            pair.private_key_pem.as_bytes(),
        )
        .expect("write");
    }
    judge(dir.path(), bits, count);
}

#[test]
fn many_2048_bit_keys_pass_openssl_and_cryptography() {
    make_keys(2048, 24);
}

#[test]
fn some_4096_bit_keys_pass_openssl_and_cryptography() {
    make_keys(4096, 3);
}

#[test]
fn a_3072_bit_key_passes_too() {
    make_keys(3072, 1);
}

#[test]
fn a_fixed_seed_gives_the_same_key_on_any_number_of_threads() {
    let o = options(2048, "seeded");
    let one = keypair::generate_with_threads(&mut SeededRng::new(9), &o, 1).expect("key");
    let three = keypair::generate_with_threads(&mut SeededRng::new(9), &o, 3).expect("key");
    assert_eq!(one.public_key_pem, three.public_key_pem);
    assert_eq!(*one.private_key_pem, *three.private_key_pem);
    let other = keypair::generate_with_threads(&mut SeededRng::new(10), &o, 3).expect("key");
    assert_ne!(one.public_key_pem, other.public_key_pem);
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("seeded.pem"),
        one.private_key_pem.as_bytes(),
    )
    .expect("write");
    judge(dir.path(), 2048, 1);
}

#[test]
fn keys_from_primes_found_elsewhere_are_checked_again() {
    use ers_keys::primes::{Step, Window, window_start};
    let find = |index| loop {
        let mut w = Window::new(1024, &window_start(&[5u8; 32], index, 1024)).expect("window");
        if let Some(Step::Found(p)) = w.run(&|| false) {
            return p;
        }
    };
    let (p, q) = (find(0), find(1));
    let pair = keypair::generate_from_primes(&p, &q, &options(2048, "from-primes")).expect("key");
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("from-primes.pem"),
        pair.private_key_pem.as_bytes(),
    )
    .expect("write");
    judge(dir.path(), 2048, 1);

    // The same prime twice, a prime of the wrong size, a composite: refused, never a key.
    let o = options(2048, "bad");
    assert_eq!(
        keypair::generate_from_primes(&p, &p, &o)
            .map(|_| ())
            .unwrap_err()
            .code(),
        "invalid"
    );
    assert!(keypair::generate_from_primes(&p[1..], &q, &o).is_err());
    // p + 2i for the i that makes it a multiple of 3: odd, the right size, and composite.
    let three = crypto_bigint::NonZero::new(crypto_bigint::BoxedUint::from(3u64)).expect("3");
    let big = crypto_bigint::BoxedUint::from_be_slice_vartime(&p);
    let composite = (1u64..=3)
        .map(|i| big.wrapping_add(crypto_bigint::BoxedUint::from(2 * i)))
        .find(|c| c.rem_vartime(&three) == crypto_bigint::BoxedUint::zero())
        .expect("one of three is a multiple of 3");
    let composite = composite.to_be_bytes();
    // The page's path (primes from its workers, checked again with Miller–Rabin to base 2
    // only) refuses the same, and makes the same key from the same primes.
    for from in [
        keypair::generate_from_primes,
        keypair::generate_from_found_primes,
    ] {
        assert_eq!(from(&p, &p, &o).map(|_| ()).unwrap_err().code(), "invalid");
        assert!(from(&p[1..], &q, &o).is_err());
        assert!(from(&composite, &q, &o).is_err());
        assert!(from(&q, &composite, &o).is_err());
        assert_eq!(
            from(&p, &q, &options(1024, "small"))
                .map(|_| ())
                .unwrap_err()
                .code(),
            "key-size"
        );
    }
    let found =
        keypair::generate_from_found_primes(&p, &q, &options(2048, "from-primes")).expect("key");
    assert_eq!(found.private_key_pem, pair.private_key_pem);
}
