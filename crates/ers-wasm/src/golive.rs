//! `goLivePack` and friends: the go-live pack (4.3) for JavaScript — the PROD form details of
//! every application, checked, with the Stage 4 checklist — its Markdown, CSV and JSON exports,
//! and reading a plan (JSON text or the planner's plan object) into a pack request.

use ers_rules::Diagnostic;
use ers_rules::error::codes;
use ers_rules::golive::{
    self as core, Case, Details, Field, Pack, PackRecord, PackRequest, Record, place,
};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::diagnostic::DiagnosticJs;
use crate::{ErsError, JsonInput, from_json, js_error, to_js};

#[wasm_bindgen(typescript_custom_section)]
const TS: &'static str = r#"
/** One PROD application: from the plan (name … odsCode) and filled in (asid … callbackUrl;
 *  the ASID NHS allocated is optional, 12 digits when given; a user-restricted application
 *  needs its callback URL). Also read in snake_case, as the project file writes it. */
export interface PackApplicationInput {
  name?: string | null; environment?: string | null; accessMode?: string | null;
  capability?: string | null; api?: string | null; organisation?: string | null;
  odsCode?: string | null; asid?: string | null; appId?: string | null; apiKey?: string | null; kid?: string | null;
  jwksUrl?: string | null; callbackUrl?: string | null;
}
/** What a pack is made from. `done` lists the checklist steps ticked ("4.11", …). */
export interface PackRequest {
  product?: string | null; supplier?: string | null;
  applications: PackApplicationInput[]; done?: string[];
  /** Who signs the email. */
  contact?: string | null;
}
export type PackField = "name" | "environment" | "accessMode" | "capability" | "api" | "asid"
  | "appId" | "apiKey" | "kid" | "jwksUrl" | "callbackUrl";
/** A finding (ERS-G…) about one application (`application`, its index) or the pack (null),
 *  and the field it is about (`location`, null for the application as a whole); span and fix
 *  are null. */
export interface PackFinding extends Diagnostic {
  application: number | null; location: PackField | null;
}
export interface ChecklistStep {
  number: string; partOf: string | null; title: string; whatToDo: string;
  perApplication: boolean;
  /** Where the supplier does it, when that is a page (the developer hub for 4.11, 4.12). */
  link: string | null;
}
export interface GoLivePack {
  product: string; supplier: string;
  applications: {
    name: string; environment: "prod" | "int" | "sandbox" | "dev" | null;
    accessMode: "user-restricted" | "application-restricted" | null;
    capability: "referrer" | "provider" | null; api: string; organisation: string;
    odsCode: string; asid: string; appId: string; apiKey: string; kid: string; jwksUrl: string;
    callbackUrl: string; missing: PackField[];
  }[];
  findings: PackFinding[];
  /** The codes of a detail not given yet (AppID, API key, kid, JWKS URL, a user-restricted
   *  application's callback URL): incomplete, not wrong. */
  missingCodes: string[];
  /** `verifiedByTool`: a step this tool verifies from the pack (4.14, 4.16, 4.2), done when
   *  verified, with `note` saying what it verified or what is in the way; the others are
   *  ticked by the user (`done` from the request). */
  checklist: (ChecklistStep & { done: boolean; verifiedByTool: boolean; note: string | null })[];
  complete: boolean;
  /** `errors`: what is wrong; `missing`: details not given yet; `warnings`: the other
   *  warnings (they do not stop the pack being sent). */
  totals: { applications: number; ready: number; errors: number; missing: number; warnings: number; stepsDone: number };
  /** The one sentence saying where the pack stands, as the email's DRAFT line and the CLI say
   *  it: "Not ready to send: 20 details still missing and 1 error to correct (7 of 9
   *  applications ready); 1 warning to look at." */
  summary: string;
  /** What to do next, in one sentence ("Next: register the 1,500 applications on the
   *  developer hub, one by one (4.11–4.15), …"). */
  nextStep: string;
}
/** Checks the pack. Never throws for wrong values: they are findings. */
export function goLivePack(request: PackRequest): GoLivePack;
/** The Stage 4 steps (4.11–4.17, 4.2, 4.3, 4.4) and where they come from; `verifiedByTool`
 *  marks the steps the pack verifies (the user does not tick them); `sendTo` says who the
 *  email goes to, as 4.3 does. */
export function goLiveChecklist(): { source: string; newerNumbering: string; sendTo: string;
  stage4Url: string; developerHubUrl: string; steps: (ChecklistStep & { verifiedByTool: boolean })[] };
/** A pack request from a plan: the JSON text the planner or `ers-golive plan --json` writes,
 *  or the planner's plan object. Throws ErsError `invalid` when it is not a plan. */
export function packFromPlan(plan: string | object): Required<Pick<PackRequest, "applications">> & PackRequest;
/** The pack as a Markdown email to the e-RS Partners team (DRAFT in its subject and first line
 *  while the pack is not ready). */
export function packToMarkdown(request: PackRequest): string;
/** The pack as a plain-text email (DRAFT in its subject and first line while not ready). */
export function packToText(request: PackRequest): string;
/** The pack as CSV: UTF-8 text starting with a BOM, CRLF, formula injection neutralised. */
export function packToCsv(request: PackRequest): string;
/** The pack as pretty JSON (snake_case, as `ers-golive pack --json` prints). */
export function packToJson(request: PackRequest): string;
"#;

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct RequestJs {
    product: Option<String>,
    supplier: Option<String>,
    applications: Vec<Details>,
    done: Vec<String>,
    contact: Option<String>,
}

impl From<RequestJs> for PackRequest {
    fn from(r: RequestJs) -> Self {
        PackRequest {
            product: r.product.unwrap_or_default(),
            supplier: r.supplier.unwrap_or_default(),
            applications: r.applications,
            done: r.done,
            contact: r.contact.unwrap_or_default(),
        }
    }
}

fn request_from(request: JsValue) -> Result<PackRequest, JsValue> {
    if request.is_undefined() || request.is_null() {
        return Ok(PackRequest::default());
    }
    let r: RequestJs = from_json(&request, "the pack request")?;
    Ok(r.into())
}

/// A finding: the shared diagnostic shape (no span: it is about a field, not a text), its
/// field named as the page's form names it.
pub(crate) fn finding_js(d: &Diagnostic) -> DiagnosticJs {
    DiagnosticJs::new(d.clone(), None).with_location(Field::of(d).map(Field::camel))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StepJs<'a> {
    number: &'static str,
    part_of: Option<&'static str>,
    title: &'static str,
    what_to_do: &'static str,
    per_application: bool,
    link: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    done: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    verified_by_tool: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<Option<&'a str>>,
}

impl<'a> StepJs<'a> {
    fn of(s: &core::Step) -> Self {
        StepJs {
            number: s.number,
            part_of: s.part_of,
            title: s.title,
            what_to_do: s.what_to_do,
            per_application: s.per_application,
            link: s.link,
            done: None,
            verified_by_tool: Some(core::VERIFIED_STEPS.contains(&s.number)),
            note: None,
        }
    }

    fn item(c: &'a core::ChecklistItem) -> Self {
        StepJs {
            done: Some(c.done),
            verified_by_tool: Some(c.verified_by_tool),
            note: Some(c.note.as_deref()),
            ..StepJs::of(c.step)
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TotalsJs {
    applications: usize,
    ready: usize,
    errors: usize,
    missing: usize,
    warnings: usize,
    steps_done: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PackJs<'a> {
    product: &'a str,
    supplier: &'a str,
    applications: Vec<PackRecord<'a>>,
    findings: Vec<DiagnosticJs>,
    missing_codes: [&'static str; 5],
    checklist: Vec<StepJs<'a>>,
    complete: bool,
    totals: TotalsJs,
    summary: String,
    next_step: String,
}

impl<'a> From<&'a Pack> for PackJs<'a> {
    fn from(p: &'a Pack) -> Self {
        PackJs {
            product: &p.product,
            supplier: &p.supplier,
            applications: p
                .applications
                .iter()
                .map(|a| a.record(Case::Camel))
                .collect(),
            findings: p.findings.iter().map(finding_js).collect(),
            missing_codes: core::codes::MISSING.map(|c| c.code),
            checklist: p.checklist.iter().map(StepJs::item).collect(),
            complete: p.complete,
            totals: TotalsJs {
                applications: p.totals.applications,
                ready: p.totals.ready,
                errors: p.totals.errors,
                missing: p.totals.missing,
                warnings: p.totals.warnings,
                steps_done: p.totals.steps_done,
            },
            summary: p.summary(),
            next_step: p.next_step(),
        }
    }
}

/// Checks the pack: every application's PROD form details, with findings (`ERS-G…`) and the
/// Stage 4 checklist. Wrong values are findings, never a thrown error.
///
/// # Errors
///
/// Throws `invalid-input` only when the request is not shaped as documented.
#[wasm_bindgen(js_name = goLivePack, skip_typescript)]
pub fn go_live_pack(request: JsValue) -> Result<JsValue, JsValue> {
    pack_to_js(&core::pack(&request_from(request)?))
}

/// A pack as the page's JavaScript shape (camelCase).
pub(crate) fn pack_to_js(pack: &Pack) -> Result<JsValue, JsValue> {
    // Through JSON text and the engine's JSON.parse: for tens of thousands of applications
    // this is many times faster than building each object through the bridge.
    crate::plan::to_js_as(&PackJs::from(pack), "the pack")
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ChecklistJs {
    source: &'static str,
    newer_numbering: &'static str,
    send_to: &'static str,
    stage4_url: &'static str,
    developer_hub_url: &'static str,
    steps: Vec<StepJs<'static>>,
}

/// The Stage 4 checklist: 4.11–4.17, 4.2, 4.3, 4.4, each with what to do and whether it is
/// done per application.
///
/// # Errors
///
/// Never in practice (only if the result cannot be converted).
#[wasm_bindgen(js_name = goLiveChecklist, skip_typescript)]
pub fn go_live_checklist() -> Result<JsValue, JsValue> {
    to_js(&ChecklistJs {
        source: core::SOURCE,
        newer_numbering: core::NEWER_NUMBERING,
        send_to: core::SEND_TO,
        stage4_url: core::STAGE_4_URL,
        developer_hub_url: core::DEVELOPER_HUB_URL,
        steps: core::CHECKLIST.iter().map(StepJs::of).collect(),
    })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RequestOut<'a> {
    product: &'a str,
    supplier: &'a str,
    applications: Vec<Record<'a>>,
    done: &'a [String],
    contact: &'a str,
}

/// An application of a request, as the page sends it back (camelCase).
pub(crate) fn application_out(a: &Details) -> Record<'_> {
    Record {
        details: a,
        place: place::SHOWN,
        case: Case::Camel,
    }
}

/// A pack request from a plan: the JSON text the planner or `ers-golive plan --json` writes, or
/// the planner's plan object (`planGoLive`'s result). The details are left empty.
///
/// # Errors
///
/// Throws `invalid` when the input is not a plan.
#[wasm_bindgen(js_name = packFromPlan, skip_typescript)]
pub fn pack_from_plan(plan: JsValue) -> Result<JsValue, JsValue> {
    let r = match plan.as_string() {
        // The JSON text the planner downloads or `ers-golive plan --json` writes (snake_case).
        Some(text) => core::request_from_plan_json(&text).map_err(ErsError::from)?,
        // The planner's plan object (camelCase), read here: the core knows one shape.
        None if plan.is_object() => plan_object(&plan)?,
        None => {
            return Err(js_error(
                codes::INVALID.code,
                "plan JSON: give the plan's JSON text or the planner's plan object",
            ));
        }
    };
    request_to_js(&r)
}

/// The planner's plan object (`planGoLive`'s result, camelCase) as a pack request.
fn plan_object(plan: &JsValue) -> Result<PackRequest, JsValue> {
    #[derive(Deserialize)]
    struct PlanJs {
        #[serde(default)]
        product: Option<String>,
        #[serde(default)]
        supplier: Option<String>,
        applications: Vec<Details>,
    }
    let plan: PlanJs = JsonInput::new("plan JSON: not a go-live plan")
        .help("use the plan the planner made")
        .code(codes::INVALID.code)
        .limit(ers_rules::limits::PLAN_JSON)
        .read(plan)?;
    Ok(PackRequest {
        product: plan.product.unwrap_or_default(),
        supplier: plan.supplier.unwrap_or_default(),
        applications: plan.applications,
        ..PackRequest::default()
    })
}

/// A pack request as the page's JavaScript shape (camelCase).
pub(crate) fn request_to_js(r: &PackRequest) -> Result<JsValue, JsValue> {
    to_js(&RequestOut {
        product: &r.product,
        supplier: &r.supplier,
        applications: r.applications.iter().map(application_out).collect(),
        done: &r.done,
        contact: &r.contact,
    })
}

/// The pack as a Markdown email to the e-RS Partners team.
///
/// # Errors
///
/// As [`go_live_pack`].
#[wasm_bindgen(js_name = packToMarkdown, skip_typescript)]
pub fn pack_to_markdown(request: JsValue) -> Result<String, JsValue> {
    Ok(core::to_markdown(&core::pack(&request_from(request)?)))
}

/// The pack as a plain-text email to the e-RS Partners team.
///
/// # Errors
///
/// As [`go_live_pack`].
#[wasm_bindgen(js_name = packToText, skip_typescript)]
pub fn pack_to_text(request: JsValue) -> Result<String, JsValue> {
    Ok(core::to_text(&core::pack(&request_from(request)?)))
}

/// The pack as CSV.
///
/// # Errors
///
/// As [`go_live_pack`].
#[wasm_bindgen(js_name = packToCsv, skip_typescript)]
pub fn pack_to_csv(request: JsValue) -> Result<String, JsValue> {
    Ok(core::to_csv(&core::pack(&request_from(request)?)))
}

/// The pack as pretty JSON (snake_case, as `ers-golive pack --json` prints it).
///
/// # Errors
///
/// As [`go_live_pack`].
#[wasm_bindgen(js_name = packToJson, skip_typescript)]
pub fn pack_to_json(request: JsValue) -> Result<String, JsValue> {
    core::to_json(&core::pack(&request_from(request)?)).map_err(|e| {
        js_error(
            codes::INTERNAL.code,
            format!("could not write the pack as JSON: {e}"),
        )
    })
}
