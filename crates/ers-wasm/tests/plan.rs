//! The plan functions in a real browser: camelCase objects out, `ErsError`s with codes and
//! problems, the exports, and CSV import from text and from bytes.
#![cfg(target_arch = "wasm32")]

use js_sys::{JSON, Uint8Array};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

mod common;

use common::{get, n, parse as js, s};

wasm_bindgen_test_configure!(run_in_browser);

const WORKED: &str = r#"{
  "product": "Care Vista Link", "supplier": "Care Vista",
  "euos": [{"name": "Leeds", "odsCode": "RR8"}, {"name": "Airedale", "odsCode": "RCF"}, {"name": "Harrogate"}],
  "userRestricted": true, "appRestrictedReferrer": true, "appRestrictedProvider": true,
  "services": ["PDS", {"name": "NRL", "platform": "apim"}, "GP Connect"]
}"#;

#[wasm_bindgen_test]
fn worked_example_in_camel_case() {
    let plan = ers_wasm::plan_go_live(js(WORKED)).unwrap_or(JsValue::NULL);
    assert_eq!(n(&plan, "totals.euos"), Some(3.0));
    assert_eq!(n(&plan, "totals.asids"), Some(12.0));
    assert_eq!(n(&plan, "totals.applications"), Some(9.0));
    assert_eq!(n(&plan, "totals.keyPairs"), Some(9.0));
    assert_eq!(
        s(&plan, "asids.1.name").as_deref(),
        Some("Leeds - Care Vista Link – Prod - Application-Restricted - Referrer (ASID 2)")
    );
    assert_eq!(s(&plan, "asids.1.odsCode").as_deref(), Some("RR8"));
    assert_eq!(
        s(&plan, "asids.1.accessMode").as_deref(),
        Some("application-restricted")
    );
    assert_eq!(
        s(&plan, "asids.1.businessFunction").as_deref(),
        Some("REFERRER_AUTHORISED_APPLICATION")
    );
    assert_eq!(
        s(&plan, "asids.3.name").as_deref(),
        Some("Leeds - Care Vista Link – Prod - APIM Platform Services (ASID 4)")
    );
    assert!(get(&plan, "asids.3.accessMode").is_null());
    assert_eq!(s(&plan, "asids.3.services.1").as_deref(), Some("NRL"));
    assert_eq!(s(&plan, "asids.3.rule").as_deref(), Some("4.17"));
    assert_eq!(n(&plan, "applications.0.asidIndex"), Some(0.0));
    // The key pair each application gets, from the rules (the page shows it beside each).
    assert_eq!(n(&plan, "keyPair.bits"), Some(4096.0));
    assert_eq!(s(&plan, "keyPair.alg").as_deref(), Some("RS512"));
    assert_eq!(s(&plan, "duplicateCode").as_deref(), Some("ERS-P010"));
    assert_eq!(n(&plan, "applications.3.asidIndex"), Some(4.0));
    assert_eq!(
        s(&plan, "applications.0.environment").as_deref(),
        Some("prod")
    );
    assert_eq!(
        s(&plan, "applications.0.name").as_deref(),
        Some("Care Vista - Care Vista Link for Leeds - PROD - e-Referral Service, User Restricted")
    );
    let codes: Vec<String> = (0..10)
        .filter_map(|i| s(&plan, &format!("notes.{i}.code")))
        .collect();
    assert_eq!(
        codes,
        [
            "ERS-P020", "ERS-P026", "ERS-P021", "ERS-P022", "ERS-P023", "ERS-P024"
        ]
    );
}

#[wasm_bindgen_test]
fn errors_are_ers_errors_with_every_problem() {
    let err = ers_wasm::plan_go_live(js(r#"{"product": " "}"#))
        .err()
        .unwrap_or(JsValue::NULL);
    assert_eq!(s(&err, "name").as_deref(), Some("ErsError"));
    assert_eq!(s(&err, "code").as_deref(), Some("ERS-P001"));
    let codes: Vec<String> = (0..5)
        .filter_map(|i| s(&err, &format!("problems.{i}.code")))
        .collect();
    assert_eq!(codes, ["ERS-P001", "ERS-P002", "ERS-P003"]);
    // Each problem names the request's field it is about, for the page to point at.
    let fields: Vec<String> = (0..3)
        .filter_map(|i| s(&err, &format!("problems.{i}.location")))
        .collect();
    assert_eq!(fields, ["product", "euos", "access"]);
    assert_eq!(s(&err, "problems.1.severity").as_deref(), Some("error"));
    assert!(
        s(&err, "message").is_some_and(|m| m.starts_with("ERS-P001: The product name is empty."))
    );

    // A request that is not an object, and a platform that does not exist.
    let err = ers_wasm::plan_go_live(JsValue::from_f64(3.0))
        .err()
        .unwrap_or(JsValue::NULL);
    assert_eq!(s(&err, "code").as_deref(), Some("invalid-input"));
    let bad = r#"{"product": "P", "euos": [{"name": "L"}], "userRestricted": true, "services": [{"name": "X", "platform": "cloud"}]}"#;
    let err = ers_wasm::plan_go_live(js(bad))
        .err()
        .unwrap_or(JsValue::NULL);
    assert_eq!(s(&err, "code").as_deref(), Some("invalid-input"));
    // Undefined counts as an empty request: the core says what is missing.
    let err = ers_wasm::GoLivePlanHandle::new(JsValue::UNDEFINED)
        .err()
        .unwrap_or(JsValue::NULL);
    assert_eq!(s(&err, "code").as_deref(), Some("ERS-P001"));
}

#[wasm_bindgen_test]
fn exports() {
    let Ok(handle) = ers_wasm::GoLivePlanHandle::new(js(WORKED)) else {
        panic!("the worked example plans");
    };
    let csv = handle.to_csv();
    assert!(csv.starts_with("\u{FEFF}Organisation,ODS code,ASID number,ASID name,"));
    assert_eq!(csv.matches("\r\n").count(), 1 + 12);
    let md = handle.to_markdown();
    assert!(md.starts_with("# e-RS go-live plan: Care Vista Link\n"));
    let json = handle.to_json().unwrap_or_default();
    let v = js(&json);
    assert_eq!(n(&v, "totals.key_pairs"), Some(9.0));
    assert_eq!(s(&v, "asids.0.ods_code").as_deref(), Some("RR8"));
}

#[wasm_bindgen_test]
fn csv_import_from_text_and_bytes() {
    let text = "\u{FEFF}ODS code;Organisation\r\nRR8;Leeds\r\nRCF;\"Aire, dale\"\r\n;\r\nX1;\r\n\"broken;RCD\r\n";
    let out = ers_wasm::parse_euo_csv(JsValue::from_str(text)).unwrap_or(JsValue::NULL);
    assert_eq!(s(&out, "euos.0.name").as_deref(), Some("Leeds"));
    assert_eq!(s(&out, "euos.0.odsCode").as_deref(), Some("RR8"));
    assert_eq!(n(&out, "euos.0.line"), Some(2.0));
    assert_eq!(s(&out, "euos.1.name").as_deref(), Some("Aire, dale"));
    assert!(get(&out, "euos.2").is_undefined());
    let problems: Vec<(String, f64)> = (0..5)
        .filter_map(|i| {
            Some((
                s(&out, &format!("problems.{i}.code"))?,
                n(&out, &format!("problems.{i}.line"))?,
            ))
        })
        .collect();
    assert_eq!(
        problems,
        [
            ("ERS-P030".to_owned(), 6.0),
            ("ERS-P033".to_owned(), 1.0),
            ("ERS-P031".to_owned(), 5.0)
        ]
    );

    // Windows-1252 bytes, as Excel writes "CSV (Comma delimited)".
    let bytes: &[u8] = b"Organisation,ODS\r\nSaint-L\xE9on,RR8\r\n";
    let out = ers_wasm::parse_euo_csv(Uint8Array::from(bytes).into()).unwrap_or(JsValue::NULL);
    assert_eq!(s(&out, "euos.0.name").as_deref(), Some("Saint-Léon"));
    assert_eq!(s(&out, "problems.0.code").as_deref(), Some("ERS-P035"));

    let err = ers_wasm::parse_euo_csv(JsValue::from_f64(1.0))
        .err()
        .unwrap_or(JsValue::NULL);
    assert_eq!(s(&err, "code").as_deref(), Some("invalid-input"));
}

#[wasm_bindgen_test]
fn a_kept_plan_reads_in_slices_and_exports_without_planning_again() {
    let Ok(handle) = ers_wasm::GoLivePlanHandle::new(js(WORKED)) else {
        panic!("the worked example plans");
    };
    let summary = handle.summary().unwrap_or(JsValue::NULL);
    assert_eq!(n(&summary, "totals.asids"), Some(12.0));
    assert_eq!(s(&summary, "notes.0.code").as_deref(), Some("ERS-P020"));
    assert!(get(&summary, "asids").is_undefined());

    let rows = handle.asid_rows(3, 2).unwrap_or(JsValue::NULL);
    assert_eq!(n(&rows, "0.index"), Some(3.0));
    assert_eq!(s(&rows, "0.asid.rule").as_deref(), Some("4.17"));
    assert!(get(&rows, "0.application").is_undefined());
    assert_eq!(n(&rows, "1.index"), Some(4.0));
    assert_eq!(
        s(&rows, "1.application.name").as_deref(),
        Some(
            "Care Vista - Care Vista Link for Airedale - PROD - e-Referral Service, User Restricted"
        )
    );
    assert!(get(&rows, "2").is_undefined());
    // Past the end: an empty page, not an error.
    let past = handle.asid_rows(1000, 50).unwrap_or(JsValue::NULL);
    assert_eq!(n(&past, "length"), Some(0.0));

    assert_eq!(handle.to_csv_bytes(), handle.to_csv().into_bytes());
    assert_eq!(
        handle.to_markdown_bytes(),
        handle.to_markdown().into_bytes()
    );
    let compact = String::from_utf8(handle.to_json_bytes().unwrap_or_default()).unwrap_or_default();
    assert_eq!(
        JSON::stringify(&js(&compact))
            .ok()
            .and_then(|s| s.as_string()),
        handle
            .to_json()
            .ok()
            .and_then(|p| JSON::stringify(&js(&p)).ok())
            .and_then(|s| s.as_string())
    );

    let err = ers_wasm::GoLivePlanHandle::new(js("{}"))
        .err()
        .unwrap_or(JsValue::NULL);
    assert_eq!(s(&err, "code").as_deref(), Some("ERS-P001"));
}
