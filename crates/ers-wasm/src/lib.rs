//! The WebAssembly facade of ers-golive: the page's and embedders' door into `ers-rules` and
//! `ers-keys`. It converts types and errors and holds no rule of its own.
//!
//! It is built as four modules, so that a page loads only what it uses: feature `rules` (names,
//! plan, go-live pack: `ers_rules.js`), feature `names` (the name checker and builder alone:
//! `ers_names.js`), feature `keys` (key pairs, JWKS, rotation, JWKS check: `ers_keys.js`) and
//! feature `jwt` (client assertions, token requests: `ers_jwt.js`). Each has `version` and
//! `lastPanic`.
//!
//! Every function takes and returns plain JavaScript objects (camelCase); every failure is thrown
//! as an `Error` whose `name` is `"ErsError"`, with a stable `code` and a readable `message`.

use std::cell::RefCell;
use std::fmt::Display;

use ers_rules::error::codes;
use serde::Serialize;
use wasm_bindgen::prelude::*;

mod diagnostic;
#[cfg(feature = "rules")]
mod golive;
#[cfg(feature = "jwt")]
mod jwt;
#[cfg(feature = "keys")]
mod keys;
#[cfg(feature = "rules")]
mod keyset;
#[cfg(feature = "names")]
mod name;
#[cfg(feature = "rules")]
mod plan;
#[cfg(feature = "rules")]
mod project;

#[cfg(feature = "rules")]
pub use golive::{
    go_live_checklist, go_live_pack, pack_from_plan, pack_to_csv, pack_to_json, pack_to_markdown,
    pack_to_text,
};
#[cfg(feature = "jwt")]
pub use jwt::{check_client_assertion, check_token_request, client_snippet, sign_client_assertion};
#[cfg(feature = "keys")]
pub use keys::{
    append_to_jwks, check_jwks, check_key_options, generate_key_pair, key_pair_from_primes,
    key_sizes, search_prime,
};
#[cfg(feature = "rules")]
pub use keyset::{check_key_set_kids, key_set_files, key_targets_from_plan, planned_kids};
#[cfg(feature = "names")]
pub use name::{build_name, check_name, name_codes};

#[cfg(feature = "rules")]
pub use project::{
    open_project, open_project_view, project_import_details, project_pack_request,
    project_plan_csv, project_status, project_to_json, project_view, sync_project,
};

#[cfg(feature = "rules")]
pub use plan::{
    GoLivePlanHandle, euo_notes, parse_euo_csv, plan_go_live, plan_naming, plan_options,
    plan_preview, plan_size, repeated_euos,
};

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs when the module is instantiated: installs a panic hook that keeps the panic's message
/// (for `lastPanic`) and logs it to the console.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        LAST_PANIC.with(|last| *last.borrow_mut() = Some(message));
        #[cfg(feature = "console_error_panic_hook")]
        console_error_panic_hook::hook(info);
    }));
}

/// The message of the last panic, if one happened. A panic is a bug in ers-golive: the page shows
/// this text and asks for a reload, since the module cannot be trusted after it.
#[wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> Option<String> {
    LAST_PANIC.with(|last| last.borrow().clone())
}

/// The version of ers-golive this module was built from.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

#[wasm_bindgen(typescript_custom_section)]
const LIMITS_TS: &'static str = r#"
/** The hard limit of each kind of input, in bytes, keyed "pem", "jwt", "jwks", "csv", "plan",
 *  "details", "project", "tokenRequest", "name", "passphrase"; with `what` and `label` ("64 KB") for messages. The page
 *  checks a file's size against these before reading it; the core refuses bigger input anyway. */
export function limits(): Record<string, { maxBytes: number; what: string; label: string; typical: string }>;
/** The message for input of `bytes` bytes over the limit `key`, or null when it is within it. */
export function limitMessage(key: string, bytes: number): string | null;
"#;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LimitJs {
    max_bytes: usize,
    what: &'static str,
    label: String,
    typical: &'static str,
}

/// Every limit, keyed as the core keys them: a map written entry by entry (a `BTreeMap` would
/// bring its code into the names module, the one documentation pages load).
struct LimitsJs;

impl Serialize for LimitsJs {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = serializer.serialize_map(Some(ers_rules::limits::ALL.len()))?;
        for l in &ers_rules::limits::ALL {
            map.serialize_entry(
                l.key,
                &LimitJs {
                    max_bytes: l.max_bytes,
                    what: l.what,
                    label: l.label(),
                    typical: l.typical,
                },
            )?;
        }
        map.end()
    }
}

/// The hard limits of [`ers_rules::limits`], keyed as the core keys them.
///
/// # Errors
/// Only if the conversion to JavaScript fails (it does not in practice).
#[wasm_bindgen(skip_typescript)]
pub fn limits() -> Result<JsValue, JsValue> {
    to_js(&LimitsJs)
}

/// The core's message for `bytes` bytes of input of kind `key` over its limit, or `None`.
///
/// # Errors
/// `invalid-input` for an unknown key.
#[wasm_bindgen(js_name = limitMessage, skip_typescript)]
pub fn limit_message(key: &str, bytes: f64) -> Result<Option<String>, JsValue> {
    let limit = ers_rules::limits::ALL
        .iter()
        .find(|l| l.key == key)
        .ok_or_else(|| {
            js_error(
                codes::INVALID_INPUT.code,
                format!("no limit is named `{key}`"),
            )
        })?;
    // A size from JavaScript: a non-negative whole number of bytes (saturating).
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let bytes = if bytes.is_finite() && bytes > 0.0 {
        bytes.min(usize::MAX as f64) as usize
    } else {
        0
    };
    Ok(limit.check(bytes).err().map(|e| e.to_string()))
}

#[wasm_bindgen(typescript_custom_section)]
const DEFAULTS_TS: &'static str = r#"
/** Reads an element's default environment and access mode (its `environment` and `access-mode`
 *  attributes) as the rules read them: any spelling NHS uses ("PROD", "Production", "User
 *  Restricted", …) gives the id (`prod`, `user-restricted`); an empty or missing one gives null.
 *  Throws an `ErsError` (`unknown-environment`, `unknown-access-mode`, with `field`
 *  "environment" or "accessMode") for a value the rules do not know, saying what to use. */
export function readDefaults(options: { environment?: string | null; accessMode?: string | null }): { environment: string | null; accessMode: string | null };
"#;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct DefaultsJs {
    environment: Option<&'static str>,
    access_mode: Option<&'static str>,
}

/// Reads a string property of `options`, `None` when missing, null or blank.
fn default_text(options: &JsValue, key: &str) -> Result<Option<String>, JsValue> {
    let value =
        js_sys::Reflect::get(options, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let Some(text) = value.as_string() else {
        return Err(js_error(
            codes::INVALID_INPUT.code,
            format!("readDefaults: `{key}` must be a string"),
        ));
    };
    Ok(Some(text).filter(|t| !t.trim().is_empty()))
}

/// An element's defaults (its attributes), read by the rules: see the TypeScript declaration.
///
/// # Errors
/// `unknown-environment` or `unknown-access-mode` (with `field`) for a value the rules do not
/// know; `invalid-input` for options that are not an object of strings.
#[wasm_bindgen(js_name = readDefaults, skip_typescript)]
pub fn read_defaults(options: JsValue) -> Result<JsValue, JsValue> {
    if !options.is_object() {
        return Err(js_error(
            codes::INVALID_INPUT.code,
            "readDefaults: the options must be an object",
        ));
    }
    let with_field = |error: ers_rules::Error, field: &str| -> JsValue {
        ErsError::from(error).with_field(field).into()
    };
    let environment = default_text(&options, "environment")?
        .map(|t| t.parse::<ers_rules::Environment>())
        .transpose()
        .map_err(|e| with_field(e, "environment"))?;
    let access_mode = default_text(&options, "accessMode")?
        .map(|t| t.parse::<ers_rules::AccessMode>())
        .transpose()
        .map_err(|e| with_field(e, "accessMode"))?;
    to_js(&DefaultsJs {
        environment: environment.map(ers_rules::Environment::id),
        access_mode: access_mode.map(ers_rules::AccessMode::id),
    })
}

/// Every failure thrown to JavaScript, the facade's own or the core's: an `Error` whose `name`
/// is `"ErsError"`, with a stable `code` (from a registry, e.g. [`codes::INVALID_INPUT.code`]), the
/// `message`, and, when it is about one request field, `field`.
pub(crate) struct ErsError {
    code: &'static str,
    message: String,
    field: Option<String>,
}

impl ErsError {
    /// A failure with a registry's code (`codes::INVALID_INPUT.code`: the code alone, so the
    /// row's meaning stays out of the module).
    pub(crate) fn new(code: &'static str, message: impl Display) -> Self {
        Self::coded(code, message)
    }

    /// A failure with a code the core gave (a finding's, an error's).
    pub(crate) fn coded(code: &'static str, message: impl Display) -> Self {
        ErsError {
            code,
            message: message.to_string(),
            field: None,
        }
    }

    /// The stable code the page branches on.
    pub(crate) fn code(&self) -> &'static str {
        self.code
    }

    /// Names the request field it is about, so the page puts the message beside it.
    #[must_use]
    pub(crate) fn with_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }
}

impl From<ers_rules::Error> for ErsError {
    fn from(error: ers_rules::Error) -> Self {
        Self::coded(error.code(), error)
    }
}

#[cfg(any(feature = "keys", feature = "jwt"))]
impl From<ers_keys::Error> for ErsError {
    fn from(error: ers_keys::Error) -> Self {
        Self::coded(error.code(), error)
    }
}

#[cfg(feature = "rules")]
impl From<&ers_rules::project::ProjectError> for ErsError {
    fn from(error: &ers_rules::project::ProjectError) -> Self {
        let thrown = Self::coded(error.code(), error);
        match error.field() {
            Some(field) => thrown.with_field(field),
            None => thrown,
        }
    }
}

impl From<ErsError> for JsValue {
    fn from(error: ErsError) -> Self {
        let thrown = js_sys::Error::new(&error.message);
        thrown.set_name("ErsError");
        // Setting a property on a fresh Error object cannot fail.
        let set = |key: &str, value: &str| {
            let _ = js_sys::Reflect::set(&thrown, &key.into(), &value.into());
        };
        set("code", error.code());
        if let Some(field) = &error.field {
            set("field", field);
        }
        thrown.into()
    }
}

/// The thrown `Error` of the facade's own failure `code`.
pub(crate) fn js_error(code: &'static str, message: impl Display) -> JsValue {
    ErsError::new(code, message).into()
}

/// Reads a JavaScript object into `T`, or throws `invalid-input` naming what is wrong.
#[cfg(any(feature = "rules", feature = "keys", feature = "jwt"))]
pub(crate) fn from_js<T: serde::de::DeserializeOwned>(
    value: JsValue,
    what: &str,
) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| js_error(codes::INVALID_INPUT.code, format!("{what}: {e}")))
}

/// Reads a JavaScript value into `T` through the engine's `JSON.stringify` and serde_json: one
/// crossing of the bridge instead of one per field (thousands of rows), and a self-describing
/// format, which `flatten` needs. Throws `invalid-input` naming `what`.
#[cfg(feature = "rules")]
pub(crate) fn from_json<T: serde::de::DeserializeOwned>(
    value: &JsValue,
    what: &str,
) -> Result<T, JsValue> {
    JsonInput::new(what).read(value)
}

/// How [`from_json`] reads: what the input is called, the code it throws, its size limit.
#[cfg(feature = "rules")]
pub(crate) struct JsonInput<'a> {
    what: &'a str,
    code: &'static str,
    limit: Option<ers_rules::limits::Limit>,
    help: Option<&'a str>,
}

#[cfg(feature = "rules")]
impl<'a> JsonInput<'a> {
    /// `what`, refused with `invalid-input`, with no limit of its own.
    pub(crate) fn new(what: &'a str) -> Self {
        JsonInput {
            what,
            code: codes::INVALID_INPUT.code,
            limit: None,
            help: None,
        }
    }

    /// Says what to do after what was wrong: `what (error); help`.
    pub(crate) fn help(self, help: &'a str) -> Self {
        JsonInput {
            help: Some(help),
            ..self
        }
    }

    /// Refused with `code` instead.
    pub(crate) fn code(self, code: &'static str) -> Self {
        JsonInput { code, ..self }
    }

    /// Refused unread (`input-too-large`) past `limit`.
    pub(crate) fn limit(self, limit: ers_rules::limits::Limit) -> Self {
        JsonInput {
            limit: Some(limit),
            ..self
        }
    }

    /// Reads `value`.
    pub(crate) fn read<T: serde::de::DeserializeOwned>(
        &self,
        value: &JsValue,
    ) -> Result<T, JsValue> {
        let text = js_sys::JSON::stringify(value)
            .ok()
            .and_then(|s| s.as_string())
            .ok_or_else(|| js_error(self.code, format!("{}: cannot be read as JSON", self.what)))?;
        if let Some(limit) = self.limit {
            limit
                .check(text.len())
                .map_err(|e| ErsError::from(ers_rules::Error::from(e)))?;
        }
        serde_json::from_str(&text).map_err(|e| {
            let message = match self.help {
                Some(help) => format!("{} ({e}); {help}", self.what),
                None => format!("{}: {e}", self.what),
            };
            js_error(self.code, message)
        })
    }
}

/// Converts `value` to a plain JavaScript object (maps become objects, not `Map`s).
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| {
            js_error(
                codes::INTERNAL.code,
                format!("could not convert the result: {e}"),
            )
        })
}
