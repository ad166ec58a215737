//! `generateKeyPair`, `keySizes`, `checkKeyOptions` and `appendToJwks` in a real browser: the shapes
//! JavaScript sees, and the exact `code` of every refusal.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, JSON, Object};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

mod common;

use common::{get, parse as request};

wasm_bindgen_test_configure!(run_in_browser);

fn string(value: &JsValue, key: &str) -> String {
    get(value, key).as_string().unwrap_or_default()
}

fn strings(value: &JsValue, key: &str) -> Vec<String> {
    Array::from(&get(value, key))
        .iter()
        .filter_map(|v| v.as_string())
        .collect()
}

fn error_code(result: Result<JsValue, JsValue>) -> Option<String> {
    result.err().map(|e| string(&e, "code"))
}

#[wasm_bindgen_test]
fn generate_2048_with_kid() {
    let pair = ers_wasm::generate_key_pair(request(r#"{"bits":2048,"kid":"test-1"}"#))
        .unwrap_or(JsValue::UNDEFINED);
    assert_eq!(string(&pair, "kid"), "test-1");
    assert_eq!(get(&pair, "bits").as_f64(), Some(2048.0));
    assert!(string(&pair, "privateKeyPem").starts_with("-----BEGIN PRIVATE KEY-----\n"));
    assert!(string(&pair, "publicKeyPem").starts_with("-----BEGIN PUBLIC KEY-----\n"));
    let jwks = JSON::parse(&string(&pair, "jwks")).unwrap_or(JsValue::UNDEFINED);
    let key = Array::from(&get(&jwks, "keys")).get(0);
    assert_eq!(
        ["kty", "e", "alg", "kid", "use"].map(|k| string(&key, k)),
        ["RSA", "AQAB", "RS512", "test-1", "sig"].map(String::from)
    );
    assert_eq!(string(&key, "n"), string(&get(&pair, "jwk"), "n"));
    let files = get(&pair, "files");
    assert_eq!(
        ["privateKey", "publicKey", "jwks"].map(|k| string(&files, k)),
        ["test-1.pem", "test-1.pem.pub", "test-1.json"].map(String::from)
    );
    assert_eq!(
        strings(&pair, "opensslCommands")[0],
        "openssl genrsa -out test-1.pem 2048"
    );
    let diagnostics = Array::from(&get(&pair, "diagnostics"));
    assert_eq!(string(&diagnostics.get(0), "code"), "ERS-K001");
    assert_eq!(diagnostics.length(), 1);
    // Only documented fields cross: no stray Rust names.
    let mut keys: Vec<String> = Object::keys(&Object::from(pair))
        .iter()
        .filter_map(|k| k.as_string())
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "bits",
            "diagnostics",
            "encrypted",
            "fileName",
            "files",
            "format",
            "jwk",
            "jwks",
            "kid",
            "opensslCommands",
            "privateKeyPem",
            "publicKeyPem",
            "thumbprint"
        ]
    );
}

/// Any non-empty kid is taken, as the token server takes it; unusual ones are warned about, and
/// the files get the kid's safe file-name form.
#[wasm_bindgen_test]
fn unusual_kids_are_warned_never_refused_and_files_are_named_safely() {
    let warnings = ers_wasm::check_key_options(request(r#"{"bits":4096,"kid":"Prod one"}"#))
        .unwrap_or(JsValue::UNDEFINED);
    let list = Array::from(&warnings);
    assert_eq!(list.length(), 1);
    assert_eq!(string(&list.get(0), "code"), "ERS-K004");
    assert_eq!(string(&list.get(0), "severity"), "warning");
    let pair = ers_wasm::generate_key_pair(request(r#"{"bits":2048,"kid":"urn:key 1"}"#))
        .unwrap_or(JsValue::UNDEFINED);
    assert_eq!(string(&pair, "kid"), "urn:key 1");
    assert_eq!(string(&pair, "fileName"), "urn_key_1");
    assert_eq!(string(&get(&pair, "jwk"), "kid"), "urn:key 1");
    assert_eq!(string(&get(&pair, "files"), "privateKey"), "urn_key_1.pem");
    let codes: Vec<String> = Array::from(&get(&pair, "diagnostics"))
        .iter()
        .map(|d| string(&d, "code"))
        .collect();
    assert_eq!(codes, ["ERS-K001", "ERS-K004"]);
}

#[wasm_bindgen_test]
fn default_kid_is_the_thumbprint_and_pkcs1_on_request() {
    let pair = ers_wasm::generate_key_pair(request(r#"{"bits":2048,"format":"pkcs1"}"#))
        .unwrap_or(JsValue::UNDEFINED);
    assert_eq!(string(&pair, "kid"), string(&pair, "thumbprint"));
    assert_eq!(string(&pair, "kid").len(), 43);
    assert!(string(&pair, "privateKeyPem").starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
}

#[wasm_bindgen_test]
fn bad_requests_throw_the_exact_code() {
    let cases = [
        (r#"{"bits":1024}"#, "key-size"),
        (r#"{"bits":2048,"format":"der"}"#, "invalid-input"),
        (r#"{"bits":"big"}"#, "invalid-input"),
        (
            r#"{"bits":2048,"format":"pkcs1","passphrase":"x"}"#,
            "passphrase-pkcs1",
        ),
    ];
    for (json, code) in cases {
        assert_eq!(
            error_code(ers_wasm::check_key_options(request(json))).as_deref(),
            Some(code),
            "check {json}"
        );
        assert_eq!(
            error_code(ers_wasm::generate_key_pair(request(json))).as_deref(),
            Some(code),
            "generate {json}"
        );
    }
    // Each refused option names its request field, for the page to mark.
    let fields = [
        (r#"{"bits":1024}"#, Some("bits")),
        (
            r#"{"bits":2048,"format":"pkcs1","passphrase":"x"}"#,
            Some("passphrase"),
        ),
        (r#"{"bits":2048,"format":"der"}"#, None),
    ];
    for (json, field) in fields {
        let thrown = ers_wasm::check_key_options(request(json)).err();
        assert_eq!(
            thrown.and_then(|e| get(&e, "field").as_string()).as_deref(),
            field,
            "{json}"
        );
    }
    let thrown = ers_wasm::generate_key_pair(request(r#"{"bits":1024}"#)).err();
    assert_eq!(
        thrown.map(|e| string(&e, "name")).as_deref(),
        Some("ErsError")
    );
}

#[wasm_bindgen_test]
fn check_key_options_warns_below_4096() {
    let none = ers_wasm::check_key_options(JsValue::UNDEFINED).unwrap_or(JsValue::NULL);
    assert_eq!(Array::from(&none).length(), 0);
    let warned = ers_wasm::check_key_options(request(r#"{"bits":3072}"#)).unwrap_or(JsValue::NULL);
    assert_eq!(string(&Array::from(&warned).get(0), "code"), "ERS-K001");
}

/// The page builds its size choice from `keySizes`: every size it lists is one checkKeyOptions
/// takes, with the warning checkKeyOptions gives; the default is listed and warned of by none.
#[wasm_bindgen_test]
fn key_sizes_are_what_check_key_options_takes() {
    let sizes = ers_wasm::key_sizes().unwrap_or(JsValue::NULL);
    let default = get(&sizes, "defaultBits").as_f64();
    assert_eq!(default, Some(4096.0));
    assert_eq!(string(&sizes, "rule"), "4.2");
    let list = Array::from(&get(&sizes, "sizes"));
    let bits: Vec<f64> = list
        .iter()
        .filter_map(|s| get(&s, "bits").as_f64())
        .collect();
    assert_eq!(bits, [4096.0, 3072.0, 2048.0]);
    for size in list.iter() {
        let json = format!(
            r#"{{"bits":{}}}"#,
            get(&size, "bits").as_f64().unwrap_or(0.0)
        );
        let warnings =
            Array::from(&ers_wasm::check_key_options(request(&json)).unwrap_or(JsValue::NULL));
        let code = warnings.iter().next().map(|w| string(&w, "code"));
        assert_eq!(get(&size, "warning").as_string(), code, "{json}");
    }
}

#[wasm_bindgen_test]
fn append_to_jwks_rotates_and_refuses() {
    let old = ers_wasm::generate_key_pair(request(r#"{"bits":2048,"kid":"prod-1"}"#))
        .unwrap_or(JsValue::UNDEFINED);
    let new = ers_wasm::generate_key_pair(request(r#"{"bits":2048,"kid":"prod-2"}"#))
        .unwrap_or(JsValue::UNDEFINED);
    let appended = ers_wasm::append_to_jwks(
        Some(string(&old, "jwks")),
        string(&new, "publicKeyPem"),
        Some("prod-2".into()),
    )
    .unwrap_or(JsValue::UNDEFINED);
    assert_eq!(strings(&appended, "added"), ["prod-2"]);
    assert_eq!(strings(&appended, "existing"), ["prod-1"]);
    assert_eq!(strings(&appended, "steps").len(), 4);
    let set = string(&appended, "jwks");

    let cases = [
        (
            Some(set.clone()),
            string(&new, "publicKeyPem"),
            Some("prod-2"),
            "kid-duplicate",
        ),
        (
            Some(set.clone()),
            string(&new, "privateKeyPem"),
            Some("prod-3"),
            "private-key-given",
        ),
        (
            Some("{".to_owned()),
            string(&new, "publicKeyPem"),
            Some("prod-3"),
            "json-malformed",
        ),
        (
            Some(r#"{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB","kid":"a","d":"AQAB"}]}"#.into()),
            string(&new, "publicKeyPem"),
            Some("prod-3"),
            "jwks-private-members",
        ),
        (None, "not a key".to_owned(), Some("prod-3"), "pem-missing"),
    ];
    for (jwks, key, kid, code) in cases {
        assert_eq!(
            error_code(ers_wasm::append_to_jwks(jwks, key, kid.map(String::from))).as_deref(),
            Some(code)
        );
    }
}

/// `checkJwks`: what the token server will make of a JWKS; never throws for a bad file.
#[wasm_bindgen_test]
fn check_jwks_reports_each_finding_with_its_key() {
    let good = ers_wasm::check_jwks(
        include_str!("../../ers-keys/tests/examples/jwt/throwaway-test-key-2048.jwks.json")
            .to_owned(),
    )
    .unwrap_or(JsValue::UNDEFINED);
    assert_eq!(get(&good, "valid").as_bool(), Some(true));
    let diagnostics = Array::from(&get(&good, "diagnostics"));
    assert_eq!(diagnostics.length(), 1);
    assert_eq!(string(&diagnostics.get(0), "code"), "ERS-K020");
    assert_eq!(get(&diagnostics.get(0), "key").as_f64(), Some(0.0));
    let key = Array::from(&get(&good, "keys")).get(0);
    assert_eq!(string(&key, "kid"), "test-1");
    assert_eq!(get(&key, "bits").as_f64(), Some(2048.0));
    assert!(
        strings(&good, "notes")
            .iter()
            .any(|n| n.contains("identity-service-jwks"))
    );

    let bare = ers_wasm::check_jwks(
        r#"{"kty":"RSA","n":"wMDA","e":"AQAB","kid":"a","d":"c2VjcmV0"}"#.to_owned(),
    )
    .unwrap_or(JsValue::UNDEFINED);
    assert_eq!(get(&bare, "valid").as_bool(), Some(false));
    let codes: Vec<String> = Array::from(&get(&bare, "diagnostics"))
        .iter()
        .map(|d| string(&d, "code"))
        .collect();
    assert_eq!(codes, ["ERS-K011", "ERS-K015", "ERS-K021"]);
    assert!(
        !JSON::stringify(&bare)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default()
            .contains("c2VjcmV0")
    );
    let pem = ers_wasm::check_jwks(
        "-----BEGIN PUBLIC KEY-----\nMII\n-----END PUBLIC KEY-----".to_owned(),
    )
    .unwrap_or(JsValue::UNDEFINED);
    assert_eq!(
        string(&Array::from(&get(&pem, "diagnostics")).get(0), "code"),
        "ERS-K010"
    );
}

/// The prime search in wasm (28-bit limbs) finds the primes it finds natively (56-bit limbs) for
/// the same seed: the fingerprint `crates/ers-keys/tests/mont.rs` checks natively.
#[wasm_bindgen_test]
fn a_seeded_search_finds_the_same_primes_as_natively() {
    let (p, q) = ers_keys::primes::find_primes(&[42u8; 32], 1024, 1);
    let mut h = 0xcbf2_9ce4_8422_2325u64;
    for n in [p, q] {
        let bytes = n.to_be_bytes();
        let first = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
        for &b in &bytes[first..] {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    assert_eq!(format!("{h:016x}"), "5eff0bd6cd60caf7");
}

/// The prime search's dot product in wasm's 128-bit SIMD (the build's `+simd128`) gives the sums
/// of the scalar one, on every length a 2048-bit prime's columns have (0 to 74 limbs, and more)
/// and on the limbs the arithmetic gives it: below 2^28, and below 2^29 on the left (the doubled
/// limbs of a squaring).
#[wasm_bindgen_test]
fn the_simd_dot_product_agrees_with_the_scalar_one() {
    use ers_keys::mont::{dot32_scalar, dot32_simd128};
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        // xorshift64: deterministic, so any failure reproduces.
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let limb = (1u32 << 28) - 1;
    for len in 0..=80usize {
        for left in [limb, (1u32 << 29) - 1] {
            let x: Vec<u32> = (0..len).map(|_| next() as u32 & left).collect();
            let y: Vec<u32> = (0..len).map(|_| next() as u32 & limb).collect();
            assert_eq!(dot32_simd128(&x, &y), dot32_scalar(&x, &y), "length {len}");
            let (top, full) = (vec![left; len], vec![limb; len]);
            assert_eq!(
                dot32_simd128(&top, &full),
                dot32_scalar(&top, &full),
                "length {len}"
            );
        }
    }
}
