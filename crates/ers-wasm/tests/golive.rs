//! The go-live pack functions in a real browser: camelCase objects out, findings with codes and
//! camelCase fields, the plan read from JSON text and from the planner's object, the exports.
#![cfg(target_arch = "wasm32")]

use js_sys::{JSON, Reflect};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

mod common;

use common::{get, parse as js, s};

wasm_bindgen_test_configure!(run_in_browser);

fn findings(pack: &JsValue) -> Vec<(Option<f64>, Option<String>, Option<String>)> {
    let list = get(pack, "findings");
    let n = get(&list, "length").as_f64().unwrap_or(0.0) as u32;
    (0..n)
        .map(|i| {
            let f = Reflect::get_u32(&list, i).unwrap_or(JsValue::UNDEFINED);
            (
                get(&f, "application").as_f64(),
                s(&f, "location"),
                s(&f, "code"),
            )
        })
        .collect()
}

const PLAN: &str = r#"{
  "product": "Care Vista Link", "supplier": "Care Vista",
  "euos": [{"name": "Leeds", "odsCode": "RR8"}],
  "userRestricted": true, "appRestrictedReferrer": true
}"#;

#[wasm_bindgen_test]
fn checklist_has_stage_4_steps() {
    let c = ers_wasm::go_live_checklist().unwrap_or(JsValue::NULL);
    assert_eq!(get(&c, "steps.length").as_f64(), Some(10.0));
    assert_eq!(s(&c, "steps.0.number").as_deref(), Some("4.11"));
    assert_eq!(
        s(&c, "steps.0.partOf").as_deref(),
        Some("4.1 Register your application")
    );
    assert_eq!(get(&c, "steps.7.perApplication").as_bool(), Some(true));
    assert_eq!(s(&c, "steps.9.title").as_deref(), Some("Go live"));
    assert_eq!(get(&c, "steps.9.partOf"), JsValue::NULL);
}

#[wasm_bindgen_test]
fn pack_from_the_planners_object_and_from_its_json() {
    let plan = ers_wasm::plan_go_live(js(PLAN)).unwrap_or(JsValue::NULL);
    let from_object = ers_wasm::pack_from_plan(plan).unwrap_or(JsValue::NULL);
    let json = ers_wasm::GoLivePlanHandle::new(js(PLAN))
        .and_then(|h| h.to_json())
        .unwrap_or_default();
    let from_text = ers_wasm::pack_from_plan(JsValue::from_str(&json)).unwrap_or(JsValue::NULL);
    for request in [&from_object, &from_text] {
        assert_eq!(s(request, "product").as_deref(), Some("Care Vista Link"));
        assert_eq!(get(request, "applications.length").as_f64(), Some(2.0));
        assert_eq!(
            s(request, "applications.1.accessMode").as_deref(),
            Some("application-restricted")
        );
        assert_eq!(
            s(request, "applications.1.capability").as_deref(),
            Some("referrer")
        );
        assert_eq!(s(request, "applications.1.odsCode").as_deref(), Some("RR8"));
        assert_eq!(s(request, "applications.1.appId").as_deref(), Some(""));
    }
    assert_eq!(
        JSON::stringify(&from_object)
            .ok()
            .and_then(|v| v.as_string()),
        JSON::stringify(&from_text).ok().and_then(|v| v.as_string())
    );
}

#[wasm_bindgen_test]
fn not_a_plan_throws_invalid() {
    for bad in [
        JsValue::from_str("{}"),
        JsValue::from_f64(3.0),
        js(r#"{"applications": 5}"#),
    ] {
        let err = ers_wasm::pack_from_plan(bad).err().unwrap_or(JsValue::NULL);
        assert_eq!(s(&err, "code").as_deref(), Some("invalid"));
        assert_eq!(s(&err, "name").as_deref(), Some("ErsError"));
    }
}

#[wasm_bindgen_test]
fn findings_name_fields_in_camel_case() {
    let plan = ers_wasm::plan_go_live(js(PLAN)).unwrap_or(JsValue::NULL);
    let request = ers_wasm::pack_from_plan(plan).unwrap_or(JsValue::NULL);
    let set = |path: &str, value: &str| {
        let app = get(&request, path.rsplit_once('.').map_or("", |p| p.0));
        let key = path.rsplit_once('.').map_or(path, |p| p.1);
        let _ = Reflect::set(&app, &JsValue::from_str(key), &JsValue::from_str(value));
    };
    set("applications.0.appId", "app-1");
    set("applications.0.apiKey", "key-1");
    set("applications.0.kid", "prod 1");
    set("applications.0.asid", "12345");
    set("applications.0.jwksUrl", "https://localhost/jwks.json");
    set(
        "applications.0.callbackUrl",
        "https://app.example.com/ers/callback",
    );
    set("applications.1.appId", "app-1");
    let _ = Reflect::set(&request, &JsValue::from_str("done"), &js(r#"["4.11"]"#));
    let pack = ers_wasm::go_live_pack(request.clone()).unwrap_or(JsValue::NULL);
    let f =
        |a: f64, field: &str, code: &str| (Some(a), Some(field.to_owned()), Some(code.to_owned()));
    assert_eq!(
        findings(&pack),
        [
            f(0.0, "asid", "ERS-G025"),
            f(0.0, "appId", "ERS-G024"),
            f(0.0, "kid", "ERS-G007"),
            f(0.0, "jwksUrl", "ERS-G012"),
            f(1.0, "apiKey", "ERS-G002"),
            f(1.0, "kid", "ERS-G003"),
            f(1.0, "jwksUrl", "ERS-G004"),
            f(1.0, "appId", "ERS-G024"),
            f(1.0, "appId", "ERS-G009"),
        ]
    );
    assert_eq!(s(&pack, "findings.0.severity").as_deref(), Some("error"));
    assert_eq!(s(&pack, "findings.3.rule").as_deref(), Some("4.2"));
    assert_eq!(s(&pack, "applications.0.asid").as_deref(), Some("12345"));
    assert_eq!(
        s(&pack, "applications.0.callbackUrl").as_deref(),
        Some("https://app.example.com/ers/callback")
    );
    assert_eq!(
        s(&pack, "applications.1.missing.0").as_deref(),
        Some("apiKey")
    );
    // The codes of a detail not given yet come from the rules, for the page to tell apart.
    let missing: Vec<String> = (0..6)
        .filter_map(|i| s(&pack, &format!("missingCodes.{i}")))
        .collect();
    assert_eq!(
        missing,
        ["ERS-G001", "ERS-G002", "ERS-G003", "ERS-G004", "ERS-G029"]
    );
    assert!(get(&pack, "findings.0.key").is_null());
    assert_eq!(get(&pack, "complete").as_bool(), Some(false));
    // 4.11 ticked by the user; 4.14 verified by the tool (the plan's names pass it).
    assert_eq!(get(&pack, "totals.stepsDone").as_f64(), Some(2.0));
    assert_eq!(get(&pack, "checklist.0.done").as_bool(), Some(true));
    assert_eq!(
        get(&pack, "checklist.0.verifiedByTool").as_bool(),
        Some(false)
    );
    assert_eq!(
        get(&pack, "checklist.3.verifiedByTool").as_bool(),
        Some(true)
    );
    assert_eq!(
        s(&pack, "checklist.3.note").as_deref(),
        Some("Verified: the 2 names pass 4.14.")
    );
    // The one count of what is missing and wrong, as the email and the CLI say it.
    assert_eq!(
        s(&pack, "summary").as_deref(),
        Some(
            "Not ready to send: 3 details still missing and 3 errors to correct (0 of 2 applications ready); 3 warnings to look at."
        )
    );
    assert_eq!(get(&pack, "totals.missing").as_f64(), Some(3.0));

    let md = ers_wasm::pack_to_markdown(request.clone()).unwrap_or_default();
    // The pack still has errors: the email is a draft, in its subject and first line.
    assert!(
        md.starts_with("Subject: DRAFT – e-RS PROD form details: Care Vista Link (Care Vista)\n")
    );
    assert!(md.contains("- **ERS-G012** (error, rule 4.2): application 1, JWKS URL: The JWKS URL's host \\`localhost\\` is this computer (localhost): the NHS token server cannot reach it.\n"));
    let csv = ers_wasm::pack_to_csv(request.clone()).unwrap_or_default();
    assert!(csv.starts_with("\u{FEFF}Application name,"));
    let json = ers_wasm::pack_to_json(request).unwrap_or_default();
    assert_eq!(
        s(&js(&json), "findings.0.location").as_deref(),
        Some("asid")
    );
    assert_eq!(
        s(&js(&json), "findings.3.location").as_deref(),
        Some("jwks_url")
    );
    assert_eq!(
        s(&js(&json), "applications.0.asid").as_deref(),
        Some("12345")
    );
    assert_eq!(
        s(&js(&json), "applications.0.callback_url").as_deref(),
        Some("https://app.example.com/ers/callback")
    );
    // The ASID first of what the supplier entered.
    assert!(csv.starts_with("\u{FEFF}Application name,ASID,AppID,"));
}

#[wasm_bindgen_test]
fn null_values_and_an_empty_request() {
    let pack = ers_wasm::go_live_pack(js(r#"{"applications":[{"name":null,"accessMode":null}]}"#))
        .unwrap_or(JsValue::NULL);
    assert_eq!(s(&pack, "findings.0.code").as_deref(), Some("ERS-G015"));
    assert_eq!(s(&pack, "findings.1.code").as_deref(), Some("ERS-G006"));
    let empty = ers_wasm::go_live_pack(JsValue::UNDEFINED).unwrap_or(JsValue::NULL);
    assert_eq!(s(&empty, "findings.0.code").as_deref(), Some("ERS-G019"));
    let bad = ers_wasm::go_live_pack(js(r#"{"applications": "x"}"#))
        .err()
        .unwrap_or(JsValue::NULL);
    assert_eq!(s(&bad, "code").as_deref(), Some("invalid-input"));
}
