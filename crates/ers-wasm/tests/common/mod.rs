//! Helpers shared by the wasm test binaries (each includes this module with `mod common;`, so
//! a binary may leave some unused).
#![allow(dead_code, clippy::unwrap_used)]

use js_sys::{JSON, Reflect};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};

/// JSON text as a JavaScript value (`undefined` when it does not parse).
pub fn parse(json: &str) -> JsValue {
    JSON::parse(json).unwrap_or(JsValue::UNDEFINED)
}

/// A plain JavaScript object, as the page sends (not a `Map`).
pub fn to_js(value: Value) -> JsValue {
    serde::Serialize::serialize(&value, &serde_wasm_bindgen::Serializer::json_compatible()).unwrap()
}

/// A JavaScript value as JSON.
pub fn from_js(value: JsValue) -> Value {
    serde_wasm_bindgen::from_value(value).unwrap()
}

/// The value at a dotted path: `findings.0.code`.
pub fn get(value: &JsValue, path: &str) -> JsValue {
    let mut v = value.clone();
    for key in path.split('.') {
        v = match key.parse::<u32>() {
            Ok(i) => Reflect::get_u32(&v, i).unwrap_or(JsValue::UNDEFINED),
            Err(_) => Reflect::get(&v, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED),
        };
    }
    v
}

/// The string at a dotted path.
pub fn s(value: &JsValue, path: &str) -> Option<String> {
    get(value, path).as_string()
}

/// The number at a dotted path.
pub fn n(value: &JsValue, path: &str) -> Option<f64> {
    get(value, path).as_f64()
}

/// The `code` and `message` of a thrown `ErsError`.
pub fn thrown(error: JsValue) -> (String, String) {
    let name = Reflect::get(&error, &"name".into()).unwrap();
    assert_eq!(name.as_string().as_deref(), Some("ErsError"));
    let code = Reflect::get(&error, &"code".into()).unwrap();
    let error: js_sys::Error = error.dyn_into().unwrap();
    (code.as_string().unwrap(), String::from(error.message()))
}
