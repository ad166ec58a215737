//! `checkName`, `buildName` and `nameCodes`: application names (4.14, 4.15) for JavaScript.
//!
//! Spans cross to JavaScript as UTF-16 offsets into the name, so `name.slice(start, end)` is the
//! part the diagnostic is about, emoji and all.

use ers_rules::error::codes;
use ers_rules::name::{self as core, BuiltName, CheckOptions, NameCheck, NameRequest};
use ers_rules::{AccessMode, Environment};
use serde::Serialize;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::diagnostic::{DiagnosticJs, Utf16};
use crate::{ErsError, js_error, to_js};

#[wasm_bindgen(typescript_custom_section)]
const TS: &'static str = r#"
/** What the name is checked against; both optional. Read as the CLI reads them
 *  ("prod", "PROD", "Production"; "user-restricted", "User Restricted", "unattended"…). */
export interface CheckNameOptions {
  /** The environment being registered (Stage 4: "prod"); the name must say it. */
  environment?: "prod" | "int" | "sandbox" | "dev" | string | null;
  /** The access mode being registered; the name must say it. */
  accessMode?: "user-restricted" | "application-restricted" | string | null;
}
/** A name checker finding (codes ERS-N001…ERS-N027, see nameCodes()): spans are UTF-16 offsets
 *  into the name; the rule is "4.14", "4.13" (environment) or "4.15" (access mode). */
export type NameDiagnostic = Diagnostic;
export type NameFix = Fix;
export type NameEdit = Edit;
export interface NameReading {
  supplier: string | null;
  app: string | null;
  environment: "prod" | "int" | "sandbox" | "dev" | null;
  accessMode: "user-restricted" | "application-restricted" | null;
  /** The one API to enable for that access mode (4.15). */
  api: string | null;
}
export interface NameCheckResult {
  /** False exactly when some diagnostic is an error. */
  valid: boolean;
  errors: number;
  warnings: number;
  /** In order of position in the name. */
  diagnostics: NameDiagnostic[];
  /** The whole corrected name, when it differs and every fix is certain. */
  suggestedName: string | null;
  reading: NameReading;
}
export interface BuildNameParts {
  supplier: string;
  app: string;
  /** Default "prod". */
  environment?: "prod" | "int" | "sandbox" | "dev" | string | null;
  accessMode: "user-restricted" | "application-restricted" | string;
}
export interface BuiltName {
  /** The name, in the form of 4.14's Stage 4 examples. */
  name: string;
  environment: "prod" | "int" | "sandbox" | "dev";
  accessMode: "user-restricted" | "application-restricted";
  /** The one API to enable on this application. */
  api: string;
  /** "4.14" */
  rule: string;
  /** "4.15" */
  apiRule: string;
  /** Why one application per access mode. */
  why: string;
}
export interface NameCode {
  code: string;
  severity: "error" | "warning";
  meaning: string;
  example: string;
  rule: string;
}
/** Never throws for a bad name: that is what the diagnostics are for. Throws an ErsError with
 *  code "invalid-input" when `name` is not a string or `options` not an object,
 *  "unknown-environment" / "unknown-access-mode" for options it cannot read. */
export function checkName(name: string, options?: CheckNameOptions | null): NameCheckResult;
/** Throws an ErsError: "empty" (a part is empty), "invalid" (a part would not read back,
 *  e.g. a supplier holding " - "), "too-long", "unknown-environment", "unknown-access-mode",
 *  "invalid-input". For the first three (and an empty access mode) the error's `field` says
 *  which part: "supplier name", "app name", "application name" or "access mode". */
/** Throws an ErsError for the first problem; `problems` lists every one ({ field, code,
 *  message }), so a form can show them all at once. */
export function buildName(parts: BuildNameParts): BuiltName;
/** Every diagnostic code of the name checker, in order. */
export function nameCodes(): NameCode[];
"#;

/// Reads the string property `key` of `object` (absent, `null` or `undefined`: None), or throws
/// `invalid-input` naming it. The name functions read their few string fields this way rather
/// than through serde: serde-wasm-bindgen's "invalid type" messages bring the float formatter
/// with them, a seventh of the names module's size.
fn string_field(object: &JsValue, key: &str, what: &str) -> Result<Option<String>, JsValue> {
    let value = js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    value.as_string().map(Some).ok_or_else(|| {
        js_error(
            codes::INVALID_INPUT.code,
            format!("{what}: `{key}` must be a string"),
        )
    })
}

/// As `string_field`, for a property that must be there.
fn required_field(object: &JsValue, key: &str, what: &str) -> Result<String, JsValue> {
    string_field(object, key, what)?.ok_or_else(|| {
        js_error(
            codes::INVALID_INPUT.code,
            format!("{what}: `{key}` is missing"),
        )
    })
}

/// Throws `invalid-input` unless `value` is an object.
fn object<'a>(value: &'a JsValue, what: &str) -> Result<&'a JsValue, JsValue> {
    if value.is_object() {
        Ok(value)
    } else {
        Err(js_error(
            codes::INVALID_INPUT.code,
            format!("{what}: expected an object"),
        ))
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CheckJs {
    valid: bool,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<DiagnosticJs>,
    suggested_name: Option<String>,
    reading: ReadingJs,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReadingJs {
    supplier: Option<String>,
    app: Option<String>,
    environment: Option<&'static str>,
    access_mode: Option<&'static str>,
    /// The one API to enable for the access mode the name says (4.15).
    api: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BuiltJs {
    name: String,
    environment: &'static str,
    access_mode: &'static str,
    api: &'static str,
    rule: &'static str,
    api_rule: &'static str,
    why: String,
}

impl CheckJs {
    fn new(name: &str, result: NameCheck) -> Self {
        // A name past the limit is not read; its one diagnostic's span needs no more than that.
        let utf16 = Utf16::new(if name.len() <= 64 * 1024 { name } else { "" });
        let (errors, warnings) = (result.errors(), result.warnings());
        CheckJs {
            valid: result.valid,
            errors,
            warnings,
            diagnostics: result
                .diagnostics
                .into_iter()
                .map(|d| DiagnosticJs::new(d, Some(&utf16)))
                .collect(),
            suggested_name: result.suggested_name,
            reading: ReadingJs {
                supplier: result.reading.supplier,
                app: result.reading.app,
                environment: result.reading.environment.map(Environment::id),
                access_mode: result.reading.access_mode.map(AccessMode::id),
                api: result.reading.access_mode.map(AccessMode::api),
            },
        }
    }
}

impl From<BuiltName> for BuiltJs {
    fn from(b: BuiltName) -> Self {
        BuiltJs {
            name: b.name,
            environment: b.environment.id(),
            access_mode: b.access_mode.id(),
            api: b.api,
            rule: b.rule,
            api_rule: b.api_rule,
            why: b.why,
        }
    }
}

/// A builder error with its code, and the `field` it is about ("supplier name", "app name",
/// "application name", "access mode") so a form can put the message beside the right input.
fn build_error(error: ers_rules::Error) -> JsValue {
    let field = match &error {
        ers_rules::Error::Empty { field }
        | ers_rules::Error::TooLong { field, .. }
        | ers_rules::Error::Invalid { field, .. } => Some(*field),
        _ => None,
    };
    let thrown = ErsError::from(error);
    match field {
        Some(field) => thrown.with_field(field).into(),
        None => thrown.into(),
    }
}

/// Refuses a property the function does not know (`{ env: "prod" }`): serde-wasm-bindgen only
/// reads the fields it looks for, so a misspelt option would otherwise be ignored in silence.
fn known_keys(value: &JsValue, known: &[&str], what: &str) -> Result<(), JsValue> {
    let Some(object) = value.dyn_ref::<js_sys::Object>() else {
        return Ok(()); // not an object: `object` says so
    };
    for key in js_sys::Object::keys(object).iter() {
        let key = key.as_string().unwrap_or_default();
        if !known.contains(&key.as_str()) {
            return Err(js_error(
                codes::INVALID_INPUT.code,
                format!(
                    "{what}: unknown property `{key}`; expected {}",
                    known.join(", ")
                ),
            ));
        }
    }
    Ok(())
}

fn environment(text: Option<String>) -> Result<Option<Environment>, JsValue> {
    match text {
        Some(t) if !t.trim().is_empty() => {
            t.parse().map(Some).map_err(|e| ErsError::from(e).into())
        }
        _ => Ok(None),
    }
}

fn access_mode(text: Option<String>) -> Result<Option<AccessMode>, JsValue> {
    match text {
        Some(t) if !t.trim().is_empty() => {
            t.parse().map(Some).map_err(|e| ErsError::from(e).into())
        }
        _ => Ok(None),
    }
}

/// Checks an application name against 4.14 (and 4.13, 4.15 when the options say what is being
/// registered).
///
/// # Errors
/// An `ErsError` (`invalid-input`, `unknown-environment`, `unknown-access-mode`) when the
/// arguments cannot be read; never for a bad name.
#[wasm_bindgen(js_name = checkName, skip_typescript)]
pub fn check_name(name: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let Some(name) = name.as_string() else {
        return Err(js_error(
            codes::INVALID_INPUT.code,
            "checkName: the name must be a string",
        ));
    };
    let what = "checkName options";
    let options = if options.is_undefined() || options.is_null() {
        CheckOptions::default()
    } else {
        let options = object(&options, what)?;
        known_keys(options, &["environment", "accessMode"], what)?;
        CheckOptions {
            environment: environment(string_field(options, "environment", what)?)?,
            access_mode: access_mode(string_field(options, "accessMode", what)?)?,
        }
    };
    let result = core::check(&name, &options);
    to_js(&CheckJs::new(&name, result))
}

/// Builds the canonical name from its parts and names the API to enable (4.14, 4.15).
///
/// # Errors
/// An `ErsError` with the core error's code (`empty`, `invalid`, `too-long`,
/// `unknown-environment`, `unknown-access-mode`) or `invalid-input`.
#[wasm_bindgen(js_name = buildName, skip_typescript)]
pub fn build_name(parts: JsValue) -> Result<JsValue, JsValue> {
    let what = "buildName parts";
    let parts = object(&parts, what)?;
    known_keys(
        parts,
        &["supplier", "app", "environment", "accessMode"],
        what,
    )?;
    let supplier = required_field(parts, "supplier", what)?;
    let app = required_field(parts, "app", what)?;
    let environment_text = string_field(parts, "environment", what)?;
    let mode = access_mode(Some(required_field(parts, "accessMode", what)?))?;
    let problems = core::check_parts(&supplier, &app, mode);
    if !problems.is_empty() {
        // Every problem at once: the first is thrown, all are in `problems`.
        let list = js_sys::Array::new();
        for p in &problems {
            let item = js_sys::Object::new();
            let field = match p {
                ers_rules::Error::Empty { field }
                | ers_rules::Error::TooLong { field, .. }
                | ers_rules::Error::Invalid { field, .. } => *field,
                _ => "",
            };
            let _ = js_sys::Reflect::set(&item, &"field".into(), &field.into());
            let _ = js_sys::Reflect::set(&item, &"code".into(), &p.code().into());
            let _ = js_sys::Reflect::set(&item, &"message".into(), &p.to_string().into());
            list.push(&item);
        }
        let thrown = build_error(problems[0].clone());
        let _ = js_sys::Reflect::set(&thrown, &"problems".into(), &list);
        return Err(thrown);
    }
    let request = NameRequest {
        supplier,
        app,
        environment: environment(environment_text)?.unwrap_or(Environment::Prod),
        access_mode: mode.ok_or_else(|| {
            build_error(ers_rules::Error::Empty {
                field: "access mode",
            })
        })?,
    };
    let built = core::build(&request).map_err(build_error)?;
    to_js(&BuiltJs::from(built))
}

/// The name checker's diagnostic codes, in order, with what each means and an example.
///
/// # Errors
/// Only if the table cannot be converted (`internal`), which does not happen.
#[wasm_bindgen(js_name = nameCodes, skip_typescript)]
pub fn name_codes() -> Result<JsValue, JsValue> {
    to_js(core::codes::ALL)
}
