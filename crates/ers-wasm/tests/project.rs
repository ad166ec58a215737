//! The project functions in a real browser: the facade itself refuses a project over its limit
//! (64 MB), as text, as the page's object, and a details file over its own (20 MB) given as
//! bytes, each with `input-too-large` and a message naming the limit, before reading it.
#![cfg(target_arch = "wasm32")]

use js_sys::Uint8Array;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

mod common;

use common::{parse, s};

wasm_bindgen_test_configure!(run_in_browser);

const MB: usize = 1024 * 1024;

const PROJECT: &str = r#"{"format": "ers-golive-project", "version": 1, "product": "Care Vista Link",
  "supplier": "Care Vista", "contact": "", "euos": [{"name": "Leeds", "ods_code": "RR8"}],
  "access": ["user-restricted"], "services": [], "applications": [], "done": []}"#;

/// A project file's text padded with spaces (valid JSON) to `bytes` bytes.
fn padded(bytes: usize) -> String {
    let mut text = String::with_capacity(bytes);
    text.push_str(PROJECT);
    text.extend(std::iter::repeat_n(' ', bytes - PROJECT.len()));
    text
}

fn refused(result: Result<JsValue, JsValue>) -> (Option<String>, Option<String>) {
    let error = result.err().unwrap_or(JsValue::NULL);
    (s(&error, "code"), s(&error, "message"))
}

#[wasm_bindgen_test]
fn open_project_reads_a_project_under_the_limit() {
    let project = ers_wasm::open_project(PROJECT).unwrap_or(JsValue::NULL);
    assert_eq!(s(&project, "product").as_deref(), Some("Care Vista Link"));
    assert_eq!(s(&project, "euos.0.ods_code").as_deref(), Some("RR8"));
}

#[wasm_bindgen_test]
fn open_project_refuses_a_file_over_64_mb_naming_the_limit() {
    let text = padded(64 * MB + 1);
    for result in [
        ers_wasm::open_project(&text),
        ers_wasm::open_project_view(&text),
    ] {
        let (code, message) = refused(result);
        assert_eq!(code.as_deref(), Some("input-too-large"));
        let message = message.unwrap_or_default();
        assert!(
            message.starts_with("A project file is limited to 64 MB"),
            "{message}"
        );
    }
    // Exactly at the limit it is read (the spaces are JSON white space).
    let at = padded(64 * MB);
    drop(text);
    let project = ers_wasm::open_project(&at).unwrap_or(JsValue::NULL);
    assert_eq!(s(&project, "product").as_deref(), Some("Care Vista Link"));
}

#[wasm_bindgen_test]
fn project_objects_over_the_limit_are_refused() {
    // The page's own copy of a project is read as a file is: its JSON over 64 MB is refused.
    let project = parse(PROJECT);
    let contact = JsValue::from_str(&"x".repeat(64 * MB));
    let _ = js_sys::Reflect::set(&project, &JsValue::from_str("contact"), &contact);
    let (code, message) = refused(ers_wasm::project_status(project.clone()));
    assert_eq!(code.as_deref(), Some("input-too-large"));
    assert!(message.unwrap_or_default().contains("64 MB"));
    let (code, _) = refused(ers_wasm::sync_project(project));
    assert_eq!(code.as_deref(), Some("input-too-large"));
}

#[wasm_bindgen_test]
fn a_details_file_over_20_mb_is_refused_as_bytes() {
    let bytes = Uint8Array::new_with_length(u32::try_from(20 * MB + 1).unwrap_or(u32::MAX));
    bytes.fill(b'a', 0, bytes.length());
    let (code, message) = refused(ers_wasm::project_import_details(
        parse(PROJECT),
        bytes.into(),
    ));
    assert_eq!(code.as_deref(), Some("input-too-large"));
    assert!(
        message
            .unwrap_or_default()
            .starts_with("A details CSV file is limited to 20 MB"),
    );
}

#[wasm_bindgen_test]
fn key_targets_from_a_plan_over_20_mb_are_refused() {
    let text = format!("{}{}", r#"{"applications": []}"#, " ".repeat(20 * MB));
    let (code, message) = refused(ers_wasm::key_targets_from_plan(text));
    assert_eq!(code.as_deref(), Some("input-too-large"));
    assert!(
        message
            .unwrap_or_default()
            .starts_with("A plan (JSON) is limited to 20 MB"),
    );
}
