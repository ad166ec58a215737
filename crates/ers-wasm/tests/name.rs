//! `checkName` / `buildName` / `nameCodes` in a real browser: the JS-visible shape (camelCase,
//! plain objects), spans as UTF-16 offsets past a non-BMP character, and errors thrown as
//! `ErsError`s with a stable `code`.
#![cfg(target_arch = "wasm32")]
// A test that unwraps is asserting (clippy.toml allows it in #[test]s, not in their helpers).
#![allow(clippy::unwrap_used)]

use serde_json::{Value, json};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

mod common;

use common::{from_js as rust, thrown, to_js as js};

wasm_bindgen_test_configure!(run_in_browser);

const CV: &str = "Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted";

fn check(name: &str, options: JsValue) -> Value {
    rust(ers_wasm::check_name(JsValue::from_str(name), options).unwrap())
}

#[wasm_bindgen_test]
fn a_valid_name_has_the_documented_shape() {
    let got = check(
        CV,
        js(json!({"environment": "prod", "accessMode": "user-restricted"})),
    );
    assert_eq!(
        got,
        json!({
            "valid": true, "errors": 0, "warnings": 0, "diagnostics": [],
            "suggestedName": null,
            "reading": {
                "supplier": "Care Vista", "app": "Care Vista Link",
                "environment": "prod", "accessMode": "user-restricted",
                // The one API to enable on the application (4.15).
                "api": "e-Referral Service - Healthcare Worker"
            }
        })
    );
    // Options may be left out.
    assert_eq!(check(CV, JsValue::UNDEFINED)["valid"], json!(true));
    assert_eq!(check(CV, JsValue::NULL)["valid"], json!(true));
}

#[wasm_bindgen_test]
fn spans_are_utf16_offsets_past_an_emoji() {
    // 🚀 is one character but two UTF-16 code units: JavaScript's slice() must land on "Prod".
    let name = "Care Vista 🚀 - Care Vista Link - Prod - e-Referral Service, User Restricted";
    let got = check(name, JsValue::UNDEFINED);
    let d = &got["diagnostics"][0];
    assert_eq!(d["code"], json!("ERS-N013"));
    assert_eq!(d["severity"], json!("warning"));
    assert_eq!(d["span"], json!([34, 38]));
    let units: Vec<u16> = name.encode_utf16().collect();
    assert_eq!(String::from_utf16_lossy(&units[34..38]), "Prod");
    assert_eq!(
        d["fix"],
        json!({"applicability": "machine-applicable", "edits": [{"span": [34, 38], "replacement": "PROD"}]})
    );
    assert_eq!(d["rule"], json!("4.14"));
    assert_eq!(
        got["suggestedName"],
        json!("Care Vista 🚀 - Care Vista Link - PROD - e-Referral Service, User Restricted")
    );
    // 𝔄 (U+1D504) likewise.
    let got = check(
        "𝔄cme - 𝔄pp - PROD - eRS, Application-Restricted",
        JsValue::UNDEFINED,
    );
    assert_eq!(got["diagnostics"][0]["code"], json!("ERS-N016"));
    assert_eq!(got["diagnostics"][0]["span"], json!([22, 25]));
}

#[wasm_bindgen_test]
fn diagnostics_carry_code_message_help_suggestion_and_rule() {
    let name = "Care Vista - Care Vista Link - INT - e-Referral Service - User-restricted";
    let got = check(
        name,
        js(json!({"environment": "PROD", "accessMode": "Application-Restricted"})),
    );
    assert_eq!(got["valid"], json!(false));
    assert_eq!(
        (got["errors"].clone(), got["warnings"].clone()),
        (json!(2), json!(1))
    );
    let codes: Vec<&str> = got["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["ERS-N014", "ERS-N018", "ERS-N023"]);
    let mode = &got["diagnostics"][2];
    assert_eq!(mode["rule"], json!("4.15"));
    assert_eq!(mode["suggestion"], json!("Application-Restricted"));
    assert!(
        mode["help"]
            .as_str()
            .unwrap()
            .contains("e-Referral Service - Application Restricted")
    );
    assert_eq!(
        got["suggestedName"],
        json!("Care Vista - Care Vista Link - PROD - e-Referral Service, Application-Restricted")
    );
}

#[wasm_bindgen_test]
fn build_name_returns_the_name_the_api_and_why() {
    let got = rust(
        ers_wasm::build_name(js(json!({
            "supplier": "Care Vista", "app": "Care Vista Link", "accessMode": "user-restricted"
        })))
        .unwrap(),
    );
    assert_eq!(got["name"], json!(CV));
    assert_eq!(got["environment"], json!("prod"));
    assert_eq!(got["accessMode"], json!("user-restricted"));
    assert_eq!(got["api"], json!("e-Referral Service - Healthcare Worker"));
    assert_eq!(
        (got["rule"].clone(), got["apiRule"].clone()),
        (json!("4.14"), json!("4.15"))
    );
    assert!(
        got["why"]
            .as_str()
            .unwrap()
            .contains("cannot be used for both")
    );
}

#[wasm_bindgen_test]
fn errors_are_thrown_with_a_code() {
    let cases = [
        (
            json!({"supplier": " ", "app": "Link", "accessMode": "user-restricted"}),
            "empty",
        ),
        (
            json!({"supplier": "Acme - X", "app": "Link", "accessMode": "user-restricted"}),
            "invalid",
        ),
        (
            json!({"supplier": "Acme", "app": "x".repeat(250), "accessMode": "user-restricted"}),
            "too-long",
        ),
        (
            json!({"supplier": "Acme", "app": "Link", "accessMode": "both"}),
            "unknown-access-mode",
        ),
        (
            json!({"supplier": "Acme", "app": "Link", "environment": "uat", "accessMode": "user"}),
            "unknown-environment",
        ),
        (json!({"supplier": "Acme", "app": "Link"}), "invalid-input"),
        (json!("a string"), "invalid-input"),
    ];
    for (parts, code) in cases {
        let error = ers_wasm::build_name(js(parts.clone())).unwrap_err();
        let (got, message) = thrown(error);
        assert_eq!(got, code, "{parts}: {message}");
        assert!(!message.is_empty());
    }
    let (code, message) =
        thrown(ers_wasm::check_name(JsValue::from_f64(1.0), JsValue::UNDEFINED).unwrap_err());
    assert_eq!(code, "invalid-input");
    assert!(message.contains("string"), "{message}");
    let (code, _) = thrown(
        ers_wasm::check_name(JsValue::from_str(CV), js(json!({"environment": "staging"})))
            .unwrap_err(),
    );
    assert_eq!(code, "unknown-environment");
    let (code, _) = thrown(
        ers_wasm::check_name(JsValue::from_str(CV), js(json!({"env": "prod"}))).unwrap_err(),
    );
    assert_eq!(code, "invalid-input");
}

#[wasm_bindgen_test]
fn name_codes_lists_every_code_in_order() {
    let codes = rust(ers_wasm::name_codes().unwrap());
    let codes = codes.as_array().unwrap();
    assert_eq!(codes.len(), 27);
    assert_eq!(codes[0]["code"], json!("ERS-N001"));
    assert_eq!(codes[17]["code"], json!("ERS-N018"));
    assert_eq!(codes[17]["severity"], json!("warning"));
    assert!(
        codes
            .iter()
            .all(|c| c["meaning"].is_string() && c["rule"].is_string())
    );
}
