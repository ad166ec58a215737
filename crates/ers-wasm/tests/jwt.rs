//! `signClientAssertion` / `checkClientAssertion` in a real browser: camelCase in and out, the
//! browser's clock and random source, UTF-16 spans, and errors thrown as `ErsError`s with a code.
//!
//! The keys are the throwaway test keys of ers-keys (crates/ers-keys/tests/examples/jwt/).
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    reason = "tests: a failed unwrap is a failed test"
)]

use serde_json::{Value, json};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

mod common;

use common::{from_js as rust, thrown, to_js as js};

wasm_bindgen_test_configure!(run_in_browser);

const KEY: &str = include_str!("../../ers-keys/tests/examples/jwt/throwaway-test-key-2048.pem");
const KEY_PKCS1: &str =
    include_str!("../../ers-keys/tests/examples/jwt/throwaway-test-key-2048.pkcs1.pem");
const JWKS: &str =
    include_str!("../../ers-keys/tests/examples/jwt/throwaway-test-key-2048.jwks.json");
const NOW: u64 = 1_790_000_000;

fn sign(extra: Value) -> Value {
    let mut request = json!({
        "privateKeyPem": KEY, "kid": "test-1", "apiKey": "api-key-1", "environment": "int"
    });
    if let (Some(request), Value::Object(extra)) = (request.as_object_mut(), extra) {
        request.extend(extra);
    }
    rust(ers_wasm::sign_client_assertion(js(request)).unwrap())
}

fn codes(report: &Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect()
}

#[wasm_bindgen_test]
fn signs_with_the_browser_clock_and_a_fresh_jti() {
    let before = (js_sys::Date::now() / 1000.0) as u64;
    let signed = sign(json!({}));
    let iat = signed["claims"]["iat"].as_u64().unwrap();
    assert!(iat >= before && iat <= before + 5, "{iat} vs {before}");
    assert_eq!(signed["claims"]["exp"].as_u64().unwrap(), iat + 300);
    assert_eq!(
        signed["header"],
        json!({"alg": "RS512", "typ": "JWT", "kid": "test-1"})
    );
    assert_eq!(signed["environment"], "int");
    assert_eq!(
        signed["tokenUrl"],
        "https://int.api.service.nhs.uk/oauth2/token"
    );
    assert_eq!(signed["keyBits"], 2048);
    assert!(
        signed["curl"]
            .as_str()
            .unwrap()
            .contains("client_assertion=eyJ")
    );
    assert!(
        signed["headerJson"]
            .as_str()
            .unwrap()
            .contains("\"kid\": \"test-1\"")
    );
    assert_ne!(sign(json!({}))["claims"]["jti"], signed["claims"]["jti"]);
}

#[wasm_bindgen_test]
fn pkcs1_and_pkcs8_sign_alike_and_the_token_checks_clean() {
    let fixed = json!({"now": NOW, "expSeconds": 120});
    let a = sign(fixed.clone());
    let mut b_request = fixed;
    b_request["privateKeyPem"] = json!(KEY_PKCS1);
    let b = sign(b_request);
    assert_eq!(a["claims"]["exp"], json!(NOW + 120));
    assert_eq!(a["header"], b["header"]);

    let report = rust(
        ers_wasm::check_client_assertion(js(json!({
            "jwt": a["token"], "jwks": JWKS, "environment": "INT", "apiKey": "api-key-1", "now": NOW
        })))
        .unwrap(),
    );
    assert_eq!(codes(&report), vec!["ERS-J019"]);
    assert_eq!(report["valid"], true);
    assert_eq!(report["signatureVerified"], true);
    assert_eq!(report["expiresIn"], 120);
    assert_eq!(report["environment"], "int");
    assert_eq!(report["key"], json!({"kid": "test-1", "bits": 2048}));
    assert_eq!(report["now"], NOW);
}

#[wasm_bindgen_test]
fn broken_token_gives_codes_server_text_and_utf16_spans() {
    let signed = sign(json!({"now": NOW}));
    let report = rust(
        ers_wasm::check_client_assertion(js(json!({
            "jwt": signed["token"], "jwks": JWKS, "environment": "prod", "now": NOW + 400
        })))
        .unwrap(),
    );
    assert_eq!(codes(&report), vec!["ERS-J011", "ERS-J015", "ERS-J019"]);
    assert_eq!(report["valid"], false);
    let aud = &report["diagnostics"][0];
    assert_eq!(aud["location"], "claims.aud");
    assert_eq!(
        aud["serverMessage"],
        "Missing or invalid 'aud' claim in client_assertion JWT"
    );
    assert_eq!(aud["httpStatus"], 401);
    assert_eq!(aud["span"], json!([8, 43]));
    assert_eq!(report["aud"]["givenEnvironment"], "int");
    assert_eq!(report["aud"]["firstDifference"], 8);

    // A span after a character outside the BMP counts UTF-16 units, as JavaScript does.
    let token = format!("😀{}", signed["token"].as_str().unwrap());
    let report = rust(
        ers_wasm::check_client_assertion(js(json!({"jwt": token, "jwks": JWKS, "now": NOW})))
            .unwrap(),
    );
    assert_eq!(report["diagnostics"][0]["code"], "ERS-J002");
    assert_eq!(report["diagnostics"][0]["span"], json!([0, 2]));
}

#[wasm_bindgen_test]
fn bad_requests_throw_ers_errors_with_codes_and_fields() {
    let base = json!({"privateKeyPem": KEY, "kid": "k", "apiKey": "a", "environment": "int"});
    let with = |extra: Value| {
        let mut request = base.clone();
        if let (Some(r), Value::Object(extra)) = (request.as_object_mut(), extra) {
            r.extend(extra);
        }
        request
    };
    let cases = [
        (
            with(json!({"environment": "staging"})),
            "unknown-environment",
            Some("environment"),
        ),
        (
            with(json!({"expSeconds": 301})),
            "invalid",
            Some("expSeconds"),
        ),
        (with(json!({"now": -1})), "invalid-input", Some("now")),
        (
            with(json!({"privateKeyPem": "not a key"})),
            "pem-missing",
            Some("privateKeyPem"),
        ),
        (with(json!({"kid": ""})), "kid-invalid", Some("kid")),
        (with(json!({"apiKey": ""})), "invalid", Some("apiKey")),
        (json!({"kid": "k"}), "invalid-input", None),
    ];
    for (i, (request, code, field)) in cases.into_iter().enumerate() {
        let error = ers_wasm::sign_client_assertion(js(request)).unwrap_err();
        let got_field = js_sys::Reflect::get(&error, &"field".into())
            .unwrap()
            .as_string();
        let (got, message) = thrown(error);
        assert_eq!(
            (got.as_str(), got_field.as_deref()),
            (code, field),
            "case {i}: {message}"
        );
        assert!(!message.is_empty());
        assert!(
            !message.contains("MIIEvQIBADANBg"),
            "the key is never echoed: {message}"
        );
    }
    let error = ers_wasm::check_client_assertion(js(json!({"jwt": 1}))).unwrap_err();
    assert_eq!(thrown(error).0, "invalid-input");
}

/// The check leads with the token server's one answer, camelCase, and says whether the jti is
/// used up.
#[wasm_bindgen_test]
fn the_report_carries_the_servers_first_answer() {
    let signed = sign(json!({"now": NOW}));
    let good = rust(
        ers_wasm::check_client_assertion(js(json!({
            "jwt": signed["token"], "jwks": JWKS, "now": NOW + 10
        })))
        .unwrap(),
    );
    assert_eq!(good["serverAnswer"], Value::Null);
    assert_eq!(good["jtiUsedUp"], true);
    let late = rust(
        ers_wasm::check_client_assertion(js(json!({
            "jwt": signed["token"], "jwks": JWKS, "now": NOW + 400
        })))
        .unwrap(),
    );
    assert_eq!(
        late["serverAnswer"],
        json!({"status": 400, "message": "Invalid 'exp' claim in client_assertion JWT - JWT has expired"})
    );
    assert_eq!(late["jtiUsedUp"], false);
}

/// `checkTokenRequest`: the curl command `signClientAssertion` gives is a good request; a form
/// body without grant_type is answered in the server's words; spans index `assertionToken`.
#[wasm_bindgen_test]
fn check_token_request_reads_curl_and_forms() {
    let signed = sign(json!({"now": NOW}));
    let report = rust(
        ers_wasm::check_token_request(js(json!({
            "request": signed["curl"], "jwks": JWKS, "now": NOW + 1
        })))
        .unwrap(),
    );
    assert_eq!(report["serverAnswer"], Value::Null, "{report}");
    assert_eq!(report["kind"], "curl");
    assert_eq!(report["environment"], "int");
    assert_eq!(report["contentType"], "application/x-www-form-urlencoded");
    assert_eq!(report["assertionToken"], signed["token"]);
    assert_eq!(report["assertion"]["signatureVerified"], true);
    let form = format!(
        "client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer&client_assertion={}=",
        signed["token"].as_str().unwrap()
    );
    let report = rust(
        ers_wasm::check_token_request(js(json!({"request": form, "jwks": JWKS, "now": NOW + 1})))
            .unwrap(),
    );
    assert_eq!(
        report["serverAnswer"],
        json!({"status": 400, "message": "grant_type is missing"})
    );
    assert_eq!(codes(&report), ["ERS-J024"]);
    assert_eq!(
        report["fields"],
        json!(["client_assertion_type", "client_assertion"])
    );
    // The padding '=' is located in the assertion token, in UTF-16 offsets.
    let token = report["assertionToken"].as_str().unwrap();
    let span = &report["assertion"]["diagnostics"][0]["span"];
    assert_eq!(report["assertion"]["diagnostics"][0]["code"], "ERS-J002");
    assert_eq!(span[1].as_u64(), Some(token.len() as u64));
    let error = ers_wasm::check_token_request(js(json!({"request": 1}))).unwrap_err();
    assert_eq!(thrown(error).0, "invalid-input");
}

/// The token exchange and the client ready to paste, across the facade: the grant in and out,
/// the ID token's report (`subject`), the issuer option, `clientSnippet`, and their errors.
#[wasm_bindgen_test]
fn token_exchange_and_client_snippet_cross_in_camel_case() {
    let signed = sign(json!({"now": NOW, "grant": "token-exchange"}));
    assert_eq!(signed["grant"], "token-exchange");
    let curl = signed["curl"].as_str().unwrap();
    assert!(
        curl.contains("--data-urlencode 'subject_token=PASTE-THE-ID-TOKEN-FROM-NHS-CIS2-HERE'"),
        "{curl}"
    );
    let report = rust(
        ers_wasm::check_token_request(js(json!({
            "request": curl, "jwks": JWKS, "now": NOW + 1, "issuer": "cis2"
        })))
        .unwrap(),
    );
    assert_eq!(report["grant"], "token-exchange");
    assert_eq!(
        report["serverAnswer"],
        json!({"status": 400, "message": "Malformed JWT in subject_token"})
    );
    let subject = &report["subject"];
    assert_eq!(subject["issuer"], "cis2");
    assert_eq!(subject["valid"], false);
    assert_eq!(subject["diagnostics"][0]["code"], "ERS-J031");
    assert_eq!(subject["diagnostics"][0]["location"], "subject_token");
    assert_eq!(subject["diagnostics"][0]["httpStatus"], 400);
    assert_eq!(subject["notChecked"].as_array().unwrap().len(), 2);
    let error = ers_wasm::check_token_request(js(json!({
        "request": curl, "jwks": JWKS, "issuer": "okta"
    })))
    .unwrap_err();
    assert_eq!(thrown(error).0, "invalid-input");

    let snippet = rust(
        ers_wasm::client_snippet(js(json!({
            "language": "java", "grant": "token-exchange", "kid": "test-1", "environment": "int"
        })))
        .unwrap(),
    );
    assert_eq!(snippet["fileName"], "NhsToken.java");
    assert_eq!(snippet["keyFile"], "test-1.pem");
    assert_eq!(snippet["apiKeyPlaceholder"], true);
    assert_eq!(snippet["install"], Value::Null);
    let code = snippet["code"].as_str().unwrap();
    assert!(
        code.contains("static final String KID = \"test-1\";"),
        "{code}"
    );
    assert!(
        code.contains("form.put(\"subject_token\", idToken);"),
        "{code}"
    );
    let error = ers_wasm::client_snippet(js(json!({
        "language": "csharp", "kid": "test-1", "environment": "int"
    })))
    .unwrap_err();
    assert_eq!(thrown(error).0, "invalid-input");
}
