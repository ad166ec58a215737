//! The facade itself, in a real browser: the module starts, reports its version, and throws
//! errors as `ErsError` objects with a stable `code`.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(ers_wasm::version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn no_panic_has_happened_after_start() {
    ers_wasm::start();
    assert_eq!(ers_wasm::last_panic(), None);
}

#[wasm_bindgen_test]
fn the_random_source_is_the_browsers() -> Result<(), JsValue> {
    // getrandom's wasm_js backend reaches crypto.getRandomValues: two draws differ.
    let mut a = [0u8; 32];
    let mut b = [0u8; 32];
    getrandom::fill(&mut a).map_err(|e| JsValue::from_str(&e.to_string()))?;
    getrandom::fill(&mut b).map_err(|e| JsValue::from_str(&e.to_string()))?;
    assert_ne!(a, b);
    Ok(())
}

#[wasm_bindgen_test]
fn the_limits_are_the_cores_and_name_themselves() -> Result<(), JsValue> {
    let limits = ers_wasm::limits()?;
    let jwks = js_sys::Reflect::get(&limits, &JsValue::from_str("jwks"))?;
    let max = js_sys::Reflect::get(&jwks, &JsValue::from_str("maxBytes"))?;
    assert_eq!(max.as_f64(), Some(1_048_576.0));
    assert_eq!(ers_wasm::limit_message("jwks", 1_048_576.0)?, None);
    let message = ers_wasm::limit_message("jwks", 10.0 * 1_048_576.0)?.unwrap_or_default();
    assert!(
        message.starts_with("A JWKS is limited to 1 MB, and this one is 10 MB"),
        "{message}"
    );
    assert!(ers_wasm::limit_message("no-such-input", 1.0).is_err());
    Ok(())
}

#[wasm_bindgen_test]
fn an_elements_defaults_are_read_by_the_rules() -> Result<(), JsValue> {
    let get = |v: &JsValue, k: &str| js_sys::Reflect::get(v, &JsValue::from_str(k));
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"environment".into(), &"Production".into())?;
    js_sys::Reflect::set(&options, &"accessMode".into(), &"User Restricted".into())?;
    let read = ers_wasm::read_defaults(options.into())?;
    assert_eq!(
        get(&read, "environment")?.as_string().as_deref(),
        Some("prod")
    );
    assert_eq!(
        get(&read, "accessMode")?.as_string().as_deref(),
        Some("user-restricted")
    );

    let empty = ers_wasm::read_defaults(js_sys::Object::new().into())?;
    assert!(get(&empty, "environment")?.is_null());

    let bad = js_sys::Object::new();
    js_sys::Reflect::set(&bad, &"environment".into(), &"staging".into())?;
    let Err(error) = ers_wasm::read_defaults(bad.into()) else {
        panic!("an unknown environment is refused");
    };
    assert_eq!(
        get(&error, "code")?.as_string().as_deref(),
        Some("unknown-environment")
    );
    assert_eq!(
        get(&error, "field")?.as_string().as_deref(),
        Some("environment")
    );
    let message = get(&error, "message")?.as_string().unwrap_or_default();
    assert!(
        message.contains("`staging`") && message.contains("`prod`"),
        "{message}"
    );
    Ok(())
}
