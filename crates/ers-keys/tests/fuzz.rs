//! Fuzzing every parser of hostile input, out of the fast path: `cargo xtask fuzz` runs these
//! (they are `#[ignore]`d, so `cargo test` and `cargo xtask test` skip them). Each parser gets
//! `ERS_FUZZ_CASES` cases (default 100,000) from proptest with a fixed seed (so a failure is
//! reproducible), mixing arbitrary text and bytes with mutations of real, valid inputs so that
//! cases reach deep into each parser. A case fails when the parser panics or takes longer than
//! [`CASE_BUDGET`] (the inputs are a few kilobytes at most). `linear_time` then checks that the
//! worst inputs we know of for each parser cost at most linear time: 16 times the input, well
//! under 64 times the time.
//!
//! The parsers: application names, EUO CSV (bytes and text), plan JSON, details CSV, PEM
//! (private and public), JWK/JWKS (read and append), JWT (decode and the full check), the token
//! request (`jwt check-request`, both grants; and `jwt snippet` with any kid), the JWKS checker (`keys check`) and the go-live project file
//! (`ers_rules::project::from_json`, then the plan and pack of what it read).

use std::time::{Duration, Instant};

use ers_keys::jwk::Jwks;
use ers_keys::jwt::{self, CheckRequest, SignRequest};
use ers_keys::{keypair, pem};
use ers_rules::Environment;
use ers_rules::name::{CheckOptions, check as check_name};
use ers_rules::{golive, plan, project};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// The longest one case may take. Cases are a few kilobytes; a parser that needs more than this
/// for one is not linear (or loops).
const CASE_BUDGET: Duration = Duration::from_millis(500);

const KEY_PEM: &str = include_str!("examples/jwt/throwaway-test-key-2048.pem");
const KEY_PKCS1: &str = include_str!("examples/jwt/throwaway-test-key-2048.pkcs1.pem");
const PUBLIC_PEM: &str = include_str!("examples/jwt/throwaway-test-key-2048.pem.pub");
const JWKS: &str = include_str!("examples/jwt/throwaway-test-key-2048.jwks.json");
const ENCRYPTED: &str = include_str!("examples/keys/rsa2048-pkcs8-encrypted.pem");
const NOW: u64 = 1_800_000_000;

const NAME: &str = "Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted";
const CSV: &str = "Organisation,ODS code\r\n\"Leeds Teaching Hospitals, NHS\",RR8\r\nHarrogate;RCD\r\n\"a \"\"b\"\"\",X1\n";
const PLAN: &str = r#"{"product":"Care Vista","supplier":"Care Vista","applications":[{"name":"Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted","environment":"PROD","access_mode":"user-restricted","api":"e-Referral Service (user-restricted)","organisation":"Leeds","ods_code":"RR8"}]}"#;
const DETAILS: &str = "application name,AppID,API key,kid,JWKS URL\r\nCare Vista - Care Vista Link - PROD - e-Referral Service, User Restricted,abc,key,test-1,https://example.org/jwks.json\r\n";

fn cases() -> u32 {
    std::env::var("ERS_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000)
}

/// A fixed seed per parser, so each run of `cargo xtask fuzz` tries the same cases.
fn runner(seed: u8) -> TestRunner {
    let config = Config {
        cases: cases(),
        failure_persistence: None,
        max_shrink_iters: 256,
        ..Config::default()
    };
    TestRunner::new_with_rng(
        config,
        TestRng::from_seed(RngAlgorithm::ChaCha, &[seed; 32]),
    )
}

/// Text that is `base` with a few characters replaced, inserted or deleted, or cut short.
fn mutated(base: &'static str) -> impl Strategy<Value = String> {
    let chars: Vec<char> = base.chars().collect();
    let len = chars.len();
    (
        proptest::collection::vec((0..=len, 0u8..4, any::<char>()), 0..6),
        0..=len,
    )
        .prop_map(move |(edits, cut)| {
            let mut c = chars.clone();
            for (at, kind, ch) in edits {
                let at = at.min(c.len());
                match kind {
                    0 if at < c.len() => c[at] = ch,
                    1 => c.insert(at, ch),
                    2 if at < c.len() => {
                        c.remove(at);
                    }
                    // An ASCII character from the input's own alphabet, which parsers care about.
                    _ => c.insert(
                        at,
                        ['.', '"', ',', ';', '\n', '=', '-', '{', '}', '[', ']', 'A']
                            [usize::from(ch as u8 % 12)],
                    ),
                }
            }
            if cut < len / 8 {
                c.truncate(cut * 8);
            }
            c.into_iter().collect()
        })
}

/// Arbitrary text, short, and text from `alphabet`.
fn text_from(alphabet: &'static str) -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        proptest::collection::vec(
            proptest::sample::select(alphabet.chars().collect::<Vec<_>>()),
            0..600
        )
        .prop_map(|v| v.into_iter().collect::<String>()),
    ]
}

/// Runs `parse` on `cases()` values of `strategy`; returns how many ran and the slowest.
fn fuzz<S: Strategy>(name: &str, seed: u8, strategy: S, parse: impl Fn(&S::Value)) -> u32
where
    S::Value: std::fmt::Debug,
{
    let mut runner = runner(seed);
    let slowest = std::cell::Cell::new(Duration::ZERO);
    let ran = std::cell::Cell::new(0u32);
    let started = Instant::now();
    let result = runner.run(&strategy, |value| {
        let t = Instant::now();
        parse(&value);
        let mut took = t.elapsed();
        if took > CASE_BUDGET {
            // The machine may have been busy elsewhere: the case fails only if it is slow
            // every time (the fastest of three more runs).
            for _ in 0..3 {
                let t = Instant::now();
                parse(&value);
                took = took.min(t.elapsed());
            }
        }
        ran.set(ran.get() + 1);
        slowest.set(slowest.get().max(took));
        prop_assert!(took <= CASE_BUDGET, "one case took {took:?}");
        Ok(())
    });
    let (ran, slowest) = (ran.get(), slowest.get());
    println!(
        "fuzz: {name}: {ran} cases in {:.1} s, none panicked, slowest {:.2} ms",
        started.elapsed().as_secs_f64(),
        slowest.as_secs_f64() * 1000.0
    );
    if let Err(failure) = result {
        panic!("fuzz: {name}: {failure}");
    }
    ran
}

#[test]
#[ignore = "slow: run by `cargo xtask fuzz`"]
fn fuzz_names() {
    let strategy = prop_oneof![
        mutated(NAME),
        text_from(
            "Care Vista-Link PROD INT e-Referral Service, User Restricted Application –—\u{200b}\u{202e}\t\n"
        ),
    ];
    fuzz("application name", 1, strategy, |name| {
        let _ = check_name(name, &CheckOptions::default());
    });
}

#[test]
#[ignore = "slow: run by `cargo xtask fuzz`"]
fn fuzz_euo_csv() {
    let strategy = prop_oneof![
        mutated(CSV).prop_map(String::into_bytes),
        text_from("ab,;\"\t\r\n RR8 sep=").prop_map(String::into_bytes),
        proptest::collection::vec(any::<u8>(), 0..600),
        proptest::collection::vec(any::<u8>(), 0..600).prop_map(|mut v| {
            v.splice(0..0, [0xFF, 0xFE]);
            v
        }),
    ];
    fuzz("EUO CSV", 2, strategy, |bytes| {
        let import = plan::parse_euo_csv_bytes(bytes);
        // What was imported plans without panicking too.
        let euos: Vec<String> = import.euos.iter().map(|e| e.name.clone()).collect();
        let _ = euos;
    });
}

#[test]
#[ignore = "slow: run by `cargo xtask fuzz`"]
fn fuzz_plan_json_and_details() {
    let strategy = (
        prop_oneof![mutated(PLAN), text_from("{}[]\":,applications name 0-9")],
        prop_oneof![mutated(DETAILS), text_from("ab,;\"\t\r\n kid AppID")],
    );
    fuzz(
        "plan JSON + details CSV",
        3,
        strategy,
        |(plan_json, details)| {
            let details = golive::parse_details_csv(details);
            if let Ok(mut request) = golive::request_from_plan_json(plan_json) {
                let _ = golive::apply_details(&mut request, &details);
            }
        },
    );
}

#[test]
#[ignore = "slow: run by `cargo xtask fuzz`"]
fn fuzz_pem() {
    let strategy = prop_oneof![
        mutated(KEY_PEM),
        mutated(KEY_PKCS1),
        mutated(PUBLIC_PEM),
        mutated(ENCRYPTED),
        text_from("-----BEGIN END PUBLIC PRIVATE RSA ENCRYPTED KEY\nAQAB+/=Proc-Type: 4,"),
    ];
    fuzz("PEM", 4, strategy, |text| {
        let _ = pem::read_private_key(text);
        let _ = pem::read_public_key(text);
    });
}

#[test]
#[ignore = "slow: run by `cargo xtask fuzz`"]
fn fuzz_jwks() {
    let strategy = (
        prop_oneof![
            mutated(JWKS),
            text_from("{}[]\":, keys kty RSA n e AQAB kid d p q")
        ],
        prop_oneof![mutated(PUBLIC_PEM), mutated(JWKS)],
    );
    fuzz("JWK/JWKS", 5, strategy, |(jwks, addition)| {
        if let Ok(set) = Jwks::from_json(jwks) {
            let _ = set.to_json();
        }
        let _ = keypair::append(Some(jwks), addition, Some("test-2"));
    });
}

#[test]
#[ignore = "slow: run by `cargo xtask fuzz`"]
fn fuzz_jwt() {
    let key = pem::read_private_key(KEY_PEM).expect("the test key");
    let signed = jwt::sign(
        &key,
        &SignRequest::new("test-1", "api-key", Environment::Int, NOW),
    )
    .expect("signing");
    let token: &'static str = Box::leak(signed.token.into_boxed_str());
    let strategy = (
        prop_oneof![
            mutated(token),
            text_from("eyJhbGciOiJSUzUxMiJ9.-_AQAB=."),
            any::<String>(),
        ],
        prop_oneof![Just(JWKS.to_owned()), mutated(JWKS)],
    );
    fuzz("JWT", 6, strategy, |(token, jwks)| {
        let _ = jwt::decode(token);
        let _ = jwt::check(&CheckRequest::new(token, jwks, NOW));
    });
}

const REQUEST: &str = "curl -X POST https://int.api.service.nhs.uk/oauth2/token \\\n  -H 'content-type: application/x-www-form-urlencoded' \\\n  --data-urlencode 'grant_type=client_credentials' \\\n  --data-urlencode 'client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer' \\\n  --data-urlencode 'client_assertion=eyJhbGciOiJSUzUxMiJ9.e30.AAAA'\n";

/// A token exchange (FACTS §5b): its ID token's header and claims reach the subject-token steps.
const EXCHANGE: &str = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aid_token&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&client_assertion=eyJhbGciOiJSUzUxMiJ9.e30.AAAA&subject_token=eyJ0eXAiOiJKV1QiLCJraWQiOiJrIiwiYWxnIjoiUlMyNTYifQ.eyJpc3MiOiJodHRwczovL2F1dGgubG9naW4ubmhzLnVrIiwiYXVkIjoiYyIsImV4cCI6MTgwMDAwMDMwMH0.c2ln";

#[test]
#[ignore = "slow: run by `cargo xtask fuzz`"]
fn fuzz_token_request() {
    let strategy = prop_oneof![
        mutated(REQUEST),
        mutated(EXCHANGE),
        text_from("curl -X POST -H -d --data '\"\\ grant_type=&client_assertion=%3D https:// \n"),
    ];
    fuzz("token request", 7, strategy, |text| {
        let _ = jwt::check_token_request(
            text,
            JWKS,
            Some(Environment::Prod),
            None,
            jwt::IdTokenIssuer::NhsLogin,
            NOW,
        );
        // Any text as a kid: the client is written, or the kid refused; never a panic.
        let _ = jwt::snippet(&jwt::SnippetRequest {
            language: jwt::SnippetLanguage::Java,
            grant: jwt::Grant::TokenExchange,
            kid: text,
            environment: Environment::Int,
            api_key: Some(text),
        });
    });
}

#[test]
#[ignore = "slow: run by `cargo xtask fuzz`"]
fn fuzz_jwks_checker() {
    let strategy = prop_oneof![
        mutated(JWKS),
        text_from("{}[]\":, keys kty RSA n e AQAB kid alg use d p q"),
    ];
    fuzz("JWKS checker (keys check)", 8, strategy, |text| {
        let _ = ers_keys::jwks_check::check_jwks(text);
    });
}

const PROJECT: &str = r#"{
  "format": "ers-golive-project",
  "version": 1,
  "source": "ers-golive 0.1.0",
  "product": "Care Vista Link",
  "supplier": "Care Vista",
  "contact": "Ann Smith",
  "euos": [{"name": "Leeds Teaching Hospitals", "ods_code": "RR8"}, {"name": "Airedale", "ods_code": ""}],
  "access": ["user-restricted", "application-restricted-referrer"],
  "services": [{"name": "Care Vista Portal", "platform": "apim"}],
  "applications": [{"name": "Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted", "asid": "200000001234", "app_id": "a1", "api_key": "k1", "kid": "test-1", "thumbprint": "", "jwks_url": "https://example.org/jwks.json"}],
  "done": ["plan", "names"]
}
"#;

#[test]
#[ignore = "slow: run by `cargo xtask fuzz`"]
fn fuzz_project_file() {
    // The seed text must itself be a project, or the mutations would not reach the restore.
    let seed = project::from_json(PROJECT).expect("the seed project file reads");
    assert_eq!(seed.euos.len(), 2);
    let strategy = prop_oneof![
        mutated(PROJECT),
        text_from(
            "{}[]\":, format ers-golive-project version 1 euos access services applications done name kid -----BEGIN PRIVATE KEY client_secret"
        ),
        any::<String>(),
    ];
    fuzz("project file", 9, strategy, |text| {
        if let Ok(mut read) = project::from_json(text) {
            // What was read is written, planned and packed without panicking too.
            let _ = project::to_json(&read);
            let _ = read.sync_applications();
            let _ = read.pack_request();
        }
    });
}

/// The median time of `f`, over a few runs.
fn time(f: &dyn Fn()) -> Duration {
    let mut runs: Vec<Duration> = (0..5)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    runs.sort();
    runs[2]
}

/// 16 times the input must cost well under 64 times the time (a quadratic parser: 256 times).
fn assert_linear(name: &str, make: impl Fn(usize) -> Box<dyn Fn()>) {
    let small = make(1);
    let large = make(16);
    // Warm up (allocator, caches).
    small();
    // Up to three tries: on a machine shared with other builds one pair of timings can be off
    // by far more than 64 / 16 (a quadratic parser is slow every time: about 256 times).
    let mut ratio = f64::INFINITY;
    for _ in 0..3 {
        let (a, b) = (time(&*small), time(&*large));
        ratio = b.as_secs_f64() / a.as_secs_f64().max(1e-6);
        println!(
            "linear: {name}: ×16 input, ×{ratio:.1} time ({:.2} ms → {:.2} ms)",
            a.as_secs_f64() * 1000.0,
            b.as_secs_f64() * 1000.0
        );
        if ratio < 64.0 {
            break;
        }
    }
    assert!(
        ratio < 64.0,
        "{name}: 16 times the input took {ratio:.0} times as long"
    );
}

#[test]
#[ignore = "slow: run by `cargo xtask fuzz`"]
fn linear_time() {
    // Many keys sharing kids in a JWKS (the duplicate-kid check), and many distinct kids.
    assert_linear("JWKS of many keys", |k| {
        let n = JWKS
            .split("\"n\": \"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap_or("AQAB")
            .to_owned();
        let keys: Vec<String> = (0..140 * k)
            .map(|i| format!(r#"{{"kty":"RSA","n":"{n}","e":"AQAB","kid":"k{i}"}}"#))
            .collect();
        let text = format!(r#"{{"keys":[{}]}}"#, keys.join(","));
        Box::new(move || {
            let _ = Jwks::from_json(&text);
        })
    });
    // One name shared by many EUOs, each with its own ODS code, then none (the labels).
    for (what, with_ods) in [
        ("EUOs of one name, distinct ODS codes", true),
        ("EUOs of one name, no ODS code", false),
    ] {
        assert_linear(what, move |k| {
            let rows: String = (0..1000 * k)
                .map(|i| {
                    if with_ods {
                        format!("Leeds,R{i}\n")
                    } else {
                        "Leeds\n".to_owned()
                    }
                })
                .collect();
            let csv = format!("Organisation,ODS code\n{rows}");
            Box::new(move || {
                let import = plan::parse_euo_csv(&csv);
                let request = plan::PlanRequest {
                    product: "Care Vista".to_owned(),
                    euos: import.euos.clone(),
                    access: vec![plan::Access::UserRestricted],
                    ..plan::PlanRequest::default()
                };
                let _ = plan::plan(&request);
            })
        });
    }
    // Quotes and separators in CSV; dots in a JWT; PEM BEGIN lines.
    assert_linear("CSV of quotes", |k| {
        let text = "\"a\"\"b\",\"c\nd\",e;f\n".repeat(2000 * k);
        Box::new(move || {
            let _ = plan::parse_euo_csv(&text);
        })
    });
    assert_linear("JWT of dots", |k| {
        let text = "e.".repeat(2000 * k);
        Box::new(move || {
            let _ = jwt::check(&CheckRequest::new(&text, JWKS, NOW));
        })
    });
    assert_linear("PEM of BEGIN lines", |k| {
        let text = "-----BEGIN PUBLIC KEY-----\nAQAB\n".repeat(100 * k);
        Box::new(move || {
            let _ = pem::read_public_key(&text);
        })
    });
    assert_linear("a token request of many flags", |k| {
        let text = format!(
            "curl {}",
            "-H 'a: b' --data-urlencode 'x=%41' ".repeat(100 * k)
        );
        Box::new(move || {
            let _ = jwt::check_request(&text, JWKS, None, None, NOW);
        })
    });
    assert_linear("a JWKS checked by keys check", |k| {
        let keys: Vec<String> = (0..400 * k)
            .map(|i| format!(r#"{{"kty":"RSA","n":"AQAB","e":"AQAB","kid":"k{i}"}}"#))
            .collect();
        let text = format!(r#"{{"keys":[{}]}}"#, keys.join(","));
        Box::new(move || {
            let _ = ers_keys::jwks_check::check_jwks(&text);
        })
    });
    assert_linear("a project file of many organisations", |k| {
        let euos: Vec<String> = (0..500 * k)
            .map(|i| format!(r#"{{"name":"Leeds {i}","ods_code":"R{i}"}}"#))
            .collect();
        let text = PROJECT.replacen(
            r#""euos": ["#,
            &format!(r#""euos": [{},"#, euos.join(",")),
            1,
        );
        Box::new(move || {
            let _ = project::from_json(&text);
        })
    });
    // Kids that all collide: one template without {org} for many applications (the kid
    // planning was O(N³) here), and kids already taken in the way of the -2, -3… suffixes.
    assert_linear("kids planned for applications whose kids collide", |k| {
        let app = golive::ApplicationInput {
            access_mode: "user-restricted".into(),
            organisation: "Leeds".into(),
            ..Default::default()
        };
        let mut apps = vec![app; 250 * k];
        for (i, a) in apps.iter_mut().enumerate().step_by(3) {
            a.kid = format!("prod-2026-12-01-{}", i + 2);
        }
        Box::new(move || {
            let _ = golive::kids::planned_kids(&apps, "{env}-{date}", "2026-12-01");
        })
    });
    // A text dense with PEM markers on one line (the private-key sniff was quadratic here),
    // through every place that sniffs: a JWKS to read, a JWT to check, a project field.
    assert_linear("a JWKS dense with BEGIN markers", |k| {
        let text = format!(r#"{{"keys":[],"x":"{}"}}"#, "-----BEGIN ".repeat(4000 * k));
        Box::new(move || {
            let _ = Jwks::from_json(&text);
        })
    });
    assert_linear("a token dense with BEGIN markers", |k| {
        let text = "-----BEGIN ".repeat(400 * k);
        Box::new(move || {
            let _ = pem::looks_like_private_key(&text);
            let _ = ers_rules::secret::secret_in(&text);
        })
    });
    assert_linear("a details CSV dense with quotes and \"d\" members", |k| {
        let text = format!(
            "name,kid\n\"{}\",x\n",
            "\"\"kty\"\" \"\"d\"\"   ".repeat(2000 * k)
        );
        Box::new(move || {
            let _ = golive::parse_details_csv(&text);
        })
    });
    assert_linear("an application name", |k| {
        let text = "Care Vista - ".repeat(200 * k);
        Box::new(move || {
            let _ = check_name(&text, &CheckOptions::default());
        })
    });
}
