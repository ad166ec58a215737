//! Client assertions: how long signing and checking take, beside PyJWT (Python `cryptography`,
//! i.e. OpenSSL) doing the same work with the same key, measured in the same run.
//!
//! `cargo bench -p ers-keys --bench jwt` (or `cargo xtask bench`). Prints figures; asserts nothing.

use std::process::Command;
use std::time::Instant;

use ers_keys::jwt::{self, CheckRequest, SignRequest};
use ers_rules::Environment;

/// A throwaway 2048-bit test key (tests/examples/jwt/README.md).
const KEY_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/examples/jwt/throwaway-test-key-2048.pem"
);
const JWKS: &str = include_str!("../tests/examples/jwt/throwaway-test-key-2048.jwks.json");
const NOW: u64 = 1_790_000_000;
const API_KEY: &str = "Ab3dEfGh1jKlMn0pQrStUvWxYz012345";

/// Median and 95th percentile, in microseconds, of `runs` timings of `f`.
fn measure(runs: usize, mut f: impl FnMut()) -> (f64, f64) {
    for _ in 0..runs / 10 + 1 {
        f(); // warm up
    }
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    times.sort_by(f64::total_cmp);
    (times[runs / 2], times[runs * 95 / 100])
}

/// PyJWT's median and p95 (microseconds) for encode and decode with the same key and claims,
/// timed inside Python; `None` when python3 with PyJWT is not there.
fn pyjwt(runs: usize) -> Option<[(f64, f64); 2]> {
    let program = r#"
import sys, time, jwt
from cryptography.hazmat.primitives import serialization
pem = open(sys.argv[1], 'rb').read()
key = serialization.load_pem_private_key(pem, None)
pub = key.public_key()
runs, now = int(sys.argv[2]), int(sys.argv[3])
claims = {'iss': 'k', 'sub': 'k', 'aud': 'https://api.service.nhs.uk/oauth2/token', 'jti': 'j', 'exp': now + 300, 'iat': now}
def t(f):
    for _ in range(runs // 10 + 1): f()
    xs = []
    for _ in range(runs):
        s = time.perf_counter_ns(); f(); xs.append((time.perf_counter_ns() - s) / 1000)
    xs.sort()
    return xs[runs // 2], xs[runs * 95 // 100]
tok = jwt.encode(claims, key, algorithm='RS512', headers={'kid': 'test-1'})
e = t(lambda: jwt.encode(claims, key, algorithm='RS512', headers={'kid': 'test-1'}))
d = t(lambda: jwt.decode(tok, pub, algorithms=['RS512'], audience=claims['aud'], options={'verify_exp': False}))
print(e[0], e[1], d[0], d[1])
"#;
    let output = Command::new("python3")
        .args(["-c", program, KEY_PATH, &runs.to_string(), &NOW.to_string()])
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8(output.stdout).ok()?;
    let v: Vec<f64> = text
        .split_whitespace()
        .filter_map(|x| x.parse().ok())
        .collect();
    (v.len() == 4).then(|| [(v[0], v[1]), (v[2], v[3])])
}

fn main() {
    let pem = std::fs::read_to_string(KEY_PATH).expect("test key");
    let key = ers_keys::pem::read_private_key(&pem).expect("test key reads");
    let request = SignRequest {
        jti: Some("j"),
        ..SignRequest::new("test-1", API_KEY, Environment::Prod, NOW)
    };
    let token = jwt::sign(&key, &request).expect("signs").token;
    let check = CheckRequest {
        environment: Some(Environment::Prod),
        api_key: Some(API_KEY),
        ..CheckRequest::new(&token, JWKS, NOW)
    };
    assert_eq!(jwt::check(&check).codes(), vec![jwt::codes::KEY_SIZE]);
    let malformed = format!("{}=", &token[..token.len() / 2]);

    let runs = 200;
    let sign = measure(runs, || {
        std::hint::black_box(jwt::sign(&key, &request).ok());
    });
    let verify = measure(runs, || {
        std::hint::black_box(jwt::check(&check));
    });
    let broken = measure(runs, || {
        std::hint::black_box(jwt::check(&CheckRequest::new(&malformed, JWKS, NOW)));
    });
    let peer = pyjwt(runs);

    println!("client assertion, RS512, 2048-bit key, {runs} runs each (microseconds)");
    println!(
        "{:<44} {:>10} {:>10} {:>14}",
        "", "median", "p95", "vs PyJWT"
    );
    let row = |name: &str, (median, p95): (f64, f64), peer: Option<(f64, f64)>| {
        let ratio = peer.map_or("-".to_owned(), |(m, _)| format!("{:.2}x", median / m));
        println!("{name:<44} {median:>10.1} {p95:>10.1} {ratio:>14}");
    };
    row("ers-keys sign (jwt::sign)", sign, peer.map(|p| p[0]));
    row(
        "ers-keys check, all rules + signature",
        verify,
        peer.map(|p| p[1]),
    );
    row("ers-keys check, malformed token", broken, None);
    match peer {
        Some([encode, decode]) => {
            row("PyJWT encode (RS512, cryptography/OpenSSL)", encode, None);
            row("PyJWT decode + verify", decode, None);
            println!("(ratio: ers-keys median / PyJWT median; below 1 is faster than PyJWT)");
        }
        None => println!("PyJWT not found: no peer figures"),
    }
}
