//! `openProject` and friends: the go-live project (the saved flow from plan to PROD form) for
//! JavaScript. The project crosses as a plain object in the project file's own shape
//! (snake_case), so what the page keeps in the browser and what it saves to a file are one
//! format, read and checked by `ers_rules::project` every time.

use ers_rules::error::codes;
use ers_rules::golive;
use ers_rules::plan::decode;
use ers_rules::project::{self as core, Project, ProjectError};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::diagnostic::DiagnosticJs;
use crate::golive::{finding_js, pack_to_js, request_to_js};
use crate::js_error;
use crate::plan::{plan_error, to_js_fast};

#[wasm_bindgen(typescript_custom_section)]
const TS: &'static str = r#"
/** A go-live project, in the project file's shape. */
export interface Project {
  format?: "ers-golive-project"; version?: number; source?: string;
  product: string; supplier: string; contact: string;
  euos: { name: string; ods_code: string }[];
  access: ("user-restricted" | "application-restricted-referrer" | "application-restricted-provider")[];
  services: { name: string; platform: "apim" | "shareable" | "unknown" | "" }[];
  /** The naming patterns (4.14, 4.16); absent or empty for the defaults. */
  app_name_pattern?: string; asid_name_pattern?: string;
  applications: { name: string; asid: string; app_id: string; api_key: string; kid: string;
                  thumbprint: string; jwks_url: string; callback_url?: string }[];
  done: string[];
}
/** A step of the guided flow: plan, names, register, keys, test, pack, send. `rule` is the
 *  Stage 4 number the checklist uses; a step this tool verifies (`manual` false) says in
 *  `detail` what it verified; `tick` labels the user's tick of a step only they can do. */
export interface FlowStep {
  id: "plan" | "names" | "register" | "keys" | "test" | "pack" | "send"; title: string; rule: string;
  done: boolean; manual: boolean; tick: string | null;
  /** Where the supplier does it, when that is a page outside this tool (the developer hub). */
  link: string | null; detail: string;
}
/** Reads a project file's text. Throws ErsError `input-too-large` (over 64 MB), `project-not-json`, `project-not-a-project`,
 *  `project-too-new`, `project-invalid` (with `field`, e.g. "applications[2].kid") or
 *  `project-secret` (with `field`; the secret is never repeated). */
export function openProject(text: string): Project;
/** The project file's text (pretty JSON, version 1). Throws as openProject. */
export function projectToJson(project: Project): string;
/** The project with its applications lined up with the plan (one per planned application, in
 *  the plan's order; details kept by name). Throws the plan's errors as planGoLive does. */
export function syncProject(project: Project): Project;
/** The planner's and the pack's requests from one reading of the project; `packRequest` is
 *  null while no plan can be made. */
export function projectView(project: Project): { planRequest: PlanRequest; packRequest: PackRequest | null };
/** openProject and projectView in one: `{ project, planRequest, packRequest }`. */
export function openProjectView(text: string): { project: Project; planRequest: PlanRequest; packRequest: PackRequest | null };
/** The go-live pack's request: the planned applications with the details filled in. */
export function projectPackRequest(project: Project): PackRequest;
/** The pack of the project and the guided flow; `pack` is null (and `planError` says why) when
 *  no plan can be made yet. */
export function projectStatus(project: Project): { pack: GoLivePack | null; flow: FlowStep[];
  planError: { code: string; message: string } | null };
/** The plan as CSV with the ASID, AppID, API key, kid and JWKS URL columns filled in. */
export function projectPlanCsv(project: Project): string;
/** Merges a filled CSV (the plan's own, or any with an application name column) into the
 *  project, matched by application name; `problems` names unmatched and duplicate rows by line. */
export function projectImportDetails(project: Project, input: string | Uint8Array):
  { project: Project; problems: PackFinding[] };
"#;

/// Throws a project error with its code and, when it names one, its `field`.
fn project_error(error: &ProjectError) -> JsValue {
    crate::ErsError::from(error).into()
}

/// Refuses a project file's text over [`limits::PROJECT`](ers_rules::limits::PROJECT), naming
/// the limit (`input-too-large`), before a byte of it is parsed.
fn within_limit(text: &str) -> Result<(), JsValue> {
    ers_rules::limits::PROJECT
        .check(text.len())
        .map_err(|e| js_error(codes::TOO_LARGE.code, e))
}

/// Reads the page's project object through the project file reader, so the browser's copy is
/// checked exactly as a file is (its limit too).
fn project_from(project: &JsValue) -> Result<Project, JsValue> {
    let mut value: serde_json::Value = crate::JsonInput::new("the project")
        .limit(ers_rules::limits::PROJECT)
        .read(project)?;
    let Some(obj) = value.as_object_mut() else {
        return Err(js_error(
            codes::INVALID_INPUT.code,
            "the project must be an object",
        ));
    };
    obj.entry("format")
        .or_insert_with(|| serde_json::Value::from(core::FORMAT));
    obj.entry("version")
        .or_insert_with(|| serde_json::Value::from(core::VERSION));
    core::from_value(value).map_err(|e| project_error(&e))
}

fn project_to_js(project: &Project) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(&core::to_json(project))
        .map_err(|_| js_error(codes::INTERNAL.code, "could not convert the project"))
}

/// Reads a project file's text.
///
/// # Errors
///
/// Throws the [`ProjectError`]'s code (`project-invalid`, `project-secret`, …) and `field`.
#[wasm_bindgen(js_name = openProject, skip_typescript)]
pub fn open_project(text: &str) -> Result<JsValue, JsValue> {
    within_limit(text)?;
    let project = core::from_json(text).map_err(|e| project_error(&e))?;
    project_to_js(&project)
}

/// The project file's text.
///
/// # Errors
///
/// As [`open_project`].
#[wasm_bindgen(js_name = projectToJson, skip_typescript)]
pub fn project_to_json(project: JsValue) -> Result<String, JsValue> {
    Ok(core::to_json(&project_from(&project)?))
}

/// The project with its applications lined up with the plan.
///
/// # Errors
///
/// The plan's errors (`ERS-P001`…, with `problems`), or as [`open_project`].
#[wasm_bindgen(js_name = syncProject, skip_typescript)]
pub fn sync_project(project: JsValue) -> Result<JsValue, JsValue> {
    let mut project = project_from(&project)?;
    project.sync_applications().map_err(|e| plan_error(&e))?;
    project_to_js(&project)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PlanRequestOut<'a> {
    product: &'a str,
    supplier: &'a str,
    euos: Vec<EuoOut<'a>>,
    user_restricted: bool,
    app_restricted_referrer: bool,
    app_restricted_provider: bool,
    services: Vec<ServiceOut<'a>>,
    app_name_pattern: &'a str,
    asid_name_pattern: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EuoOut<'a> {
    name: &'a str,
    ods_code: Option<&'a str>,
}

#[derive(Serialize)]
struct ServiceOut<'a> {
    name: &'a str,
    platform: Option<&'static str>,
}

fn plan_request_out(r: &ers_rules::plan::PlanRequest) -> PlanRequestOut<'_> {
    let has = |id: &str| r.access.iter().any(|a| a.id() == id);
    PlanRequestOut {
        product: &r.product,
        supplier: r.supplier.as_deref().unwrap_or(""),
        euos: r
            .euos
            .iter()
            .map(|e| EuoOut {
                name: &e.name,
                ods_code: e.ods_code.as_deref(),
            })
            .collect(),
        user_restricted: has("user-restricted"),
        app_restricted_referrer: has("application-restricted-referrer"),
        app_restricted_provider: has("application-restricted-provider"),
        app_name_pattern: r.app_name_pattern.as_deref().unwrap_or(""),
        asid_name_pattern: r.asid_name_pattern.as_deref().unwrap_or(""),
        services: r
            .services
            .iter()
            .map(|s| ServiceOut {
                name: &s.name,
                platform: match s.platform {
                    ers_rules::plan::Platform::Unknown => None,
                    p => Some(p.id()),
                },
            })
            .collect(),
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ViewOut<'a> {
    plan_request: PlanRequestOut<'a>,
}

/// What the page needs to show a project, from one reading of it: the planner's request and
/// the pack's (`packRequest` is null when no plan can be made yet).
///
/// # Errors
///
/// As [`open_project`].
#[wasm_bindgen(js_name = projectView, skip_typescript)]
pub fn project_view(project: JsValue) -> Result<JsValue, JsValue> {
    view_of(&project_from(&project)?)
}

/// Opens a project file's text and gives what the page needs to show it, in one reading: the
/// project, the planner's request and the pack's. What the page does on load.
///
/// # Errors
///
/// As [`open_project`].
#[wasm_bindgen(js_name = openProjectView, skip_typescript)]
pub fn open_project_view(text: &str) -> Result<JsValue, JsValue> {
    within_limit(text)?;
    let project = core::from_json(text).map_err(|e| project_error(&e))?;
    let out = view_of(&project)?;
    let _ = js_sys::Reflect::set(
        &out,
        &JsValue::from_str("project"),
        &project_to_js(&project)?,
    );
    Ok(out)
}

fn view_of(project: &Project) -> Result<JsValue, JsValue> {
    let r = project.plan_request();
    let out = to_js_fast(&ViewOut {
        plan_request: plan_request_out(&r),
    })?;
    let pack = match project.pack_request() {
        Ok(request) => request_to_js(&request)?,
        Err(_) => JsValue::NULL,
    };
    // Setting a property on a fresh object cannot fail.
    let _ = js_sys::Reflect::set(&out, &JsValue::from_str("packRequest"), &pack);
    Ok(out)
}

/// The go-live pack's request of the project.
///
/// # Errors
///
/// The plan's errors, or as [`open_project`].
#[wasm_bindgen(js_name = projectPackRequest, skip_typescript)]
pub fn project_pack_request(project: JsValue) -> Result<JsValue, JsValue> {
    let project = project_from(&project)?;
    let request = project.pack_request().map_err(|e| plan_error(&e))?;
    request_to_js(&request)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PlanErrorOut {
    code: &'static str,
    message: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StatusOut {
    flow: Vec<core::FlowStep>,
    plan_error: Option<PlanErrorOut>,
}

/// The project's pack and guided flow.
///
/// # Errors
///
/// As [`open_project`]; a plan that cannot be made is `planError`, not a throw.
#[wasm_bindgen(js_name = projectStatus, skip_typescript)]
pub fn project_status(project: JsValue) -> Result<JsValue, JsValue> {
    let project = project_from(&project)?;
    let (pack, plan_error) = match project.pack_request() {
        Ok(request) => (Some(golive::pack(&request)), None),
        Err(e) => (
            None,
            Some(PlanErrorOut {
                code: e.code(),
                message: e.to_string(),
            }),
        ),
    };
    let status = to_js_fast(&StatusOut {
        flow: core::flow(&project, pack.as_ref()),
        plan_error,
    })?;
    let pack_js = match &pack {
        Some(p) => pack_to_js(p)?,
        None => JsValue::NULL,
    };
    // Setting a property on a fresh object cannot fail.
    let _ = js_sys::Reflect::set(&status, &JsValue::from_str("pack"), &pack_js);
    Ok(status)
}

/// The plan as CSV with the details columns filled in.
///
/// # Errors
///
/// The plan's errors, or as [`open_project`].
#[wasm_bindgen(js_name = projectPlanCsv, skip_typescript)]
pub fn project_plan_csv(project: JsValue) -> Result<String, JsValue> {
    let project = project_from(&project)?;
    project.to_plan_csv().map_err(|e| plan_error(&e))
}

#[derive(Serialize)]
struct ImportOut {
    problems: Vec<DiagnosticJs>,
}

/// Merges a filled CSV into the project.
///
/// # Errors
///
/// The plan's errors, `invalid-input` when `input` is neither text nor bytes, or as
/// [`open_project`].
#[wasm_bindgen(js_name = projectImportDetails, skip_typescript)]
pub fn project_import_details(project: JsValue, input: JsValue) -> Result<JsValue, JsValue> {
    let mut project = project_from(&project)?;
    let text = if let Some(text) = input.as_string() {
        text
    } else if input.is_instance_of::<js_sys::Uint8Array>() {
        let bytes = js_sys::Uint8Array::new(&input);
        // Refused before the bytes are copied and decoded (the text is checked again as CSV).
        ers_rules::limits::DETAILS_CSV
            .check(bytes.length() as usize)
            .map_err(|e| js_error(codes::TOO_LARGE.code, e))?;
        decode(&bytes.to_vec()).0
    } else {
        return Err(js_error(
            codes::INVALID_INPUT.code,
            "the details file: give its text or its bytes (Uint8Array)",
        ));
    };
    let findings = project.import_details(&text).map_err(|e| plan_error(&e))?;
    let out = to_js_fast(&ImportOut {
        problems: findings.iter().map(finding_js).collect(),
    })?;
    let _ = js_sys::Reflect::set(
        &out,
        &JsValue::from_str("project"),
        &project_to_js(&project)?,
    );
    Ok(out)
}
