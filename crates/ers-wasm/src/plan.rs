//! `planGoLive` and friends: the go-live plan (4.14–4.17, 4.2) for JavaScript, its CSV, Markdown
//! and JSON exports, and reading EUOs from a CSV file.
//!
//! Results cross to JavaScript as one JSON string parsed by the engine (`JSON.parse`), which for
//! a 10,000-EUO plan is many times faster than building each object through the bridge.

use ers_rules::error::codes;
use std::borrow::Cow;

use ers_rules::plan::{self as core, Access, Euo, Platform, Service};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::diagnostic::DiagnosticJs;
use crate::{from_js, js_error};

#[wasm_bindgen(typescript_custom_section)]
const TS: &'static str = r#"
/** An end-user organisation (EUO). */
export interface PlanEuo { name: string; odsCode?: string | null; line?: number | null }
/** Another NHS service: a name (4.17's PDS, EPS, SCR, NEMS, CP-IS, GP Connect are known) or a
 *  name with the platform the user states. */
export type PlanService = string | { name: string; platform?: "apim" | "shareable" | null };
/** What a plan is made from. */
export interface PlanRequest {
  product: string;
  /** Supplier name for 4.14 application names; the product's name when empty. */
  supplier?: string | null;
  euos: PlanEuo[];
  userRestricted?: boolean;
  appRestrictedReferrer?: boolean;
  appRestrictedProvider?: boolean;
  services?: PlanService[];
  /** The pattern of each application name's [App name] part (4.14); the default when empty. */
  appNamePattern?: string | null;
  /** The pattern of each ASID's name (4.16); the default when empty. */
  asidNamePattern?: string | null;
}
/** A finding or explanation with a stable code (ERS-P…) and the rule it comes from: the shared
 *  Diagnostic, whose `location` names the request's field it is about ("product", "supplier",
 *  "euos" with `euoIndex`, "access", "services") and `line` the CSV row. */
export type PlanNote = Diagnostic;
/** The key pair each PROD application gets (4.2). */
export interface KeyPairSpec { bits: number; alg: string }
export interface PlannedAsid {
  organisation: string; odsCode?: string; name: string; number: number;
  accessMode: "user-restricted" | "application-restricted" | null;
  capability?: "referrer" | "provider"; businessFunction?: string; services?: string[];
  purpose: string; rule: string; euoIndex: number; applicationIndex?: number;
}
export interface PlannedApplication {
  name: string; environment: "prod"; accessMode: "user-restricted" | "application-restricted";
  capability?: "referrer" | "provider"; businessFunction?: string; api: string;
  organisation: string; odsCode?: string; asidIndex: number; keyPairs: number; rule: string;
}
export interface GoLivePlan {
  product: string; supplier: string; access: string[];
  services: { name: string; platform: "apim" | "shareable" | "unknown" }[];
  asids: PlannedAsid[]; applications: PlannedApplication[]; notes: PlanNote[];
  totals: { euos: number; asids: number; applications: number; keyPairs: number };
  keyPair: KeyPairSpec;
  /** The code of a repeated EUO (ERS-P010), whose note offers "Remove duplicates". */
  duplicateCode: string;
}
/** Throws an ErsError whose `code` is the first problem's (ERS-P001 no product, ERS-P002 no
 *  EUO, ERS-P003 no access mode, ERS-P004 an unnamed EUO) and whose `problems` lists them all. */
export function planGoLive(request: PlanRequest): GoLivePlan;
/** The choices the planner offers, from the rules: the three ways of reaching e-RS (4.16) and
 *  the services 4.17 names with their platform. */
export function planOptions(): {
  access: { id: string; label: string; accessMode: string; capability?: string; api: string;
            businessFunction?: string; rule: string }[];
  services: { name: string; fullName: string; platform: "apim" | "shareable" }[];
};
/** The names the request's patterns make for its first `euos` organisations (an example one
 *  while it has none), each with its length and the name checker's verdict, and the plan's
 *  size said before planning. Throws as planGoLive (ERS-P006 for a pattern that cannot be
 *  used). */
export function planPreview(request: PlanRequest, euos: number): {
  rows: { organisation: string; access: string; asidName: string; appName: string; chars: number;
          valid: boolean; verdict: string }[];
  example: boolean; size: string;
};
/** The naming patterns' defaults and placeholders, and the choices 4.16 and 4.17 leave the
 *  supplier, in plain words with their rules. */
export function planNaming(): {
  appPattern: string; asidPattern: string;
  appPlaceholders: { name: string; meaning: string }[];
  asidPlaceholders: { name: string; meaning: string }[];
  choices: { rule: string; text: string }[];
};
/** The plan's size in a sentence, before planning: "1,500 PROD applications to register on the
 *  developer hub, one by one (500 organisations × 3 kinds of access), …". */
export function planSize(euos: number, access: number): string;
/** What the plan will say about the organisations themselves, said at import: each one with the
 *  same name or ODS code as an earlier one (ERS-P010), unusual ODS codes (ERS-P011). */
export function euoNotes(euos: PlanEuo[]): PlanNote[];
/** The indices of the EUOs that repeat an earlier one exactly (same name and ODS code). */
export function repeatedEuos(euos: PlanEuo[]): Uint32Array;
/** Reads EUOs from CSV text, or from a file's bytes (UTF-8, UTF-16 with BOM, Windows-1252). */
export function parseEuoCsv(input: string | Uint8Array): { euos: PlanEuo[]; problems: PlanNote[] };
"#;

/// The request as JavaScript sends it. Missing fields default, so the core reports what is
/// missing with its own codes rather than a type error.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct RequestJs {
    product: String,
    supplier: Option<String>,
    euos: Vec<EuoJs>,
    user_restricted: bool,
    app_restricted_referrer: bool,
    app_restricted_provider: bool,
    services: Vec<ServiceJs>,
    app_name_pattern: Option<String>,
    asid_name_pattern: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct EuoJs {
    name: String,
    ods_code: Option<String>,
    line: Option<usize>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum ServiceJs {
    Name(String),
    Full {
        name: String,
        #[serde(default)]
        platform: Option<String>,
    },
}

impl RequestJs {
    fn into_core(self) -> Result<core::PlanRequest, JsValue> {
        let access = Access::from_flags(
            self.user_restricted,
            self.app_restricted_referrer,
            self.app_restricted_provider,
        );
        let mut services = Vec::with_capacity(self.services.len());
        for s in self.services {
            services.push(match s {
                ServiceJs::Name(name) => Service::named(&name),
                ServiceJs::Full { name, platform } => match platform.as_deref() {
                    None | Some("") => Service::named(&name),
                    Some("apim") => Service::with_platform(&name, Platform::Apim),
                    Some("shareable") => Service::with_platform(&name, Platform::Shareable),
                    Some(other) => {
                        return Err(js_error(
                            codes::INVALID_INPUT.code,
                            format!("service {name:?}: platform {other:?} is neither \"apim\" nor \"shareable\""),
                        ));
                    }
                },
            });
        }
        Ok(core::PlanRequest {
            product: self.product,
            supplier: self.supplier,
            euos: self
                .euos
                .into_iter()
                .map(|e| Euo {
                    line: e.line,
                    ..Euo::new(e.name, e.ods_code.as_deref())
                })
                .collect(),
            access,
            services,
            app_name_pattern: self.app_name_pattern,
            asid_name_pattern: self.asid_name_pattern,
        })
    }
}

/// A note or problem: the shared diagnostic shape (no span: it is about a field).
fn note_js(n: &ers_rules::Diagnostic) -> DiagnosticJs {
    DiagnosticJs::new(n.clone(), None)
}

/// The key pair each PROD application gets (4.2), from the rules.
#[derive(Serialize)]
struct KeyPairJs {
    bits: usize,
    alg: &'static str,
}

const KEY_PAIR: KeyPairJs = KeyPairJs {
    bits: core::KEY_BITS,
    alg: core::KEY_ALG,
};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AsidJs<'a> {
    organisation: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    ods_code: Option<&'a str>,
    name: &'a str,
    number: usize,
    access_mode: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    capability: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    business_function: Option<&'static str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    services: &'a [String],
    purpose: &'a Cow<'static, str>,
    rule: &'static str,
    euo_index: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    application_index: Option<usize>,
}

impl<'a> From<&'a core::PlannedAsid> for AsidJs<'a> {
    fn from(a: &'a core::PlannedAsid) -> Self {
        AsidJs {
            organisation: &a.organisation,
            ods_code: a.ods_code.as_deref(),
            name: &a.name,
            number: a.number,
            access_mode: a.access_mode.map(|m| m.id()),
            capability: a.capability.map(|c| c.id()),
            business_function: a.business_function,
            services: &a.services,
            purpose: &a.purpose,
            rule: a.rule,
            euo_index: a.euo_index,
            application_index: a.application_index,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ApplicationJs<'a> {
    name: &'a str,
    environment: &'static str,
    access_mode: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    capability: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    business_function: Option<&'static str>,
    api: &'static str,
    organisation: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    ods_code: Option<&'a str>,
    asid_index: usize,
    key_pairs: usize,
    rule: &'static str,
}

impl<'a> From<&'a core::PlannedApplication> for ApplicationJs<'a> {
    fn from(a: &'a core::PlannedApplication) -> Self {
        ApplicationJs {
            name: &a.name,
            environment: a.environment.id(),
            access_mode: a.access_mode.id(),
            capability: a.capability.map(|c| c.id()),
            business_function: a.business_function,
            api: a.api,
            organisation: &a.organisation,
            ods_code: a.ods_code.as_deref(),
            asid_index: a.asid_index,
            key_pairs: a.key_pairs,
            rule: a.rule,
        }
    }
}

#[derive(Serialize)]
struct ServiceOut<'a> {
    name: &'a str,
    platform: &'static str,
}

impl<'a> From<&'a Service> for ServiceOut<'a> {
    fn from(s: &'a Service) -> Self {
        ServiceOut {
            name: &s.name,
            platform: s.platform.id(),
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TotalsJs {
    euos: usize,
    asids: usize,
    applications: usize,
    key_pairs: usize,
}

/// The whole plan: its summary and its rows.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PlanJs<'a> {
    #[serde(flatten)]
    summary: SummaryJs<'a>,
    asids: Vec<AsidJs<'a>>,
    applications: Vec<ApplicationJs<'a>>,
}

impl<'a> From<&'a core::Plan> for PlanJs<'a> {
    fn from(p: &'a core::Plan) -> Self {
        PlanJs {
            summary: SummaryJs::from(p),
            asids: p.asids.iter().map(AsidJs::from).collect(),
            applications: p.applications.iter().map(ApplicationJs::from).collect(),
        }
    }
}

impl<'a> From<&'a core::Plan> for SummaryJs<'a> {
    fn from(p: &'a core::Plan) -> Self {
        SummaryJs {
            product: &p.product,
            supplier: &p.supplier,
            access: &p.access,
            services: p.services.iter().map(ServiceOut::from).collect(),
            notes: p.notes.iter().map(note_js).collect(),
            totals: TotalsJs {
                euos: p.totals.euos,
                asids: p.totals.asids,
                applications: p.totals.applications,
                key_pairs: p.totals.key_pairs,
            },
            key_pair: KEY_PAIR,
            duplicate_code: core::codes::EUO_DUPLICATE.code,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EuoOut<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    ods_code: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
}

#[derive(Serialize)]
struct ImportJs<'a> {
    euos: Vec<EuoOut<'a>>,
    problems: Vec<DiagnosticJs>,
}

/// Serialises to JSON in wasm and lets the engine's `JSON.parse` build the objects.
pub(crate) fn to_js_fast<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    to_js_as(value, "the result")
}

/// [`to_js_fast`], naming `what` was converted if it fails. Also the way for `flatten`ed
/// shapes, which need a self-describing format.
pub(crate) fn to_js_as<T: Serialize>(value: &T, what: &str) -> Result<JsValue, JsValue> {
    let json = serde_json::to_string(value).map_err(|e| {
        js_error(
            codes::INTERNAL.code,
            format!("could not convert {what}: {e}"),
        )
    })?;
    js_sys::JSON::parse(&json)
        .map_err(|_| js_error(codes::INTERNAL.code, format!("could not convert {what}")))
}

/// Reads the request and plans, or throws the plan's errors.
fn plan_from(request: JsValue) -> Result<core::Plan, JsValue> {
    let request: RequestJs = if request.is_undefined() || request.is_null() {
        RequestJs::default()
    } else {
        crate::from_json(&request, "the plan request")?
    };
    let request = request.into_core()?;
    core::plan(&request).map_err(|err| plan_error(&err))
}

/// Throws the plan's errors: `code` is the first problem's, `problems` lists them all.
pub(crate) fn plan_error(err: &core::PlanError) -> JsValue {
    let error: JsValue = crate::ErsError::coded(err.code(), err).into();
    let problems: Vec<DiagnosticJs> = err.problems.iter().map(note_js).collect();
    if let Ok(list) = to_js_fast(&problems) {
        // Setting a property on a fresh Error object cannot fail.
        let _ = js_sys::Reflect::set(&error, &JsValue::from_str("problems"), &list);
    }
    error
}

/// Plans the go-live: every ASID, PROD application, API and key pair per EUO, with notes.
///
/// # Errors
///
/// Throws `ErsError` with `code` `ERS-P001`…`ERS-P004` (and `problems`: every problem) when no
/// plan can be made, or `invalid-input` when the request is not shaped as documented.
#[wasm_bindgen(js_name = planGoLive, skip_typescript)]
pub fn plan_go_live(request: JsValue) -> Result<JsValue, JsValue> {
    let plan = plan_from(request)?;
    to_js_fast(&PlanJs::from(&plan))
}

/// The indices of the EUOs that repeat an earlier one exactly (same name and ODS code, in any
/// case): the duplicates the planner's "Remove duplicates" removes.
///
/// # Errors
///
/// Throws `invalid-input` when `euos` is not a list of `{ name, odsCode? }`.
#[wasm_bindgen(js_name = repeatedEuos, skip_typescript)]
pub fn repeated_euos(euos: JsValue) -> Result<Vec<u32>, JsValue> {
    let euos = euos_from(euos)?;
    Ok(core::repeated_euos(&euos)
        .into_iter()
        .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
        .collect())
}

/// Reads EUOs from CSV text or bytes: `{ euos, problems }`; unreadable rows are in `problems`
/// with their line numbers and the rest are in `euos`.
///
/// # Errors
///
/// Throws `invalid-input` when given neither a string nor a `Uint8Array`.
#[wasm_bindgen(js_name = parseEuoCsv, skip_typescript)]
pub fn parse_euo_csv(input: JsValue) -> Result<JsValue, JsValue> {
    let import = if let Some(text) = input.as_string() {
        core::parse_euo_csv(&text)
    } else if let Some(bytes) = input.dyn_ref::<js_sys::Uint8Array>() {
        core::parse_euo_csv_bytes(&bytes.to_vec())
    } else {
        return Err(js_error(
            codes::INVALID_INPUT.code,
            "parseEuoCsv takes the CSV as a string or a Uint8Array",
        ));
    };
    let out = ImportJs {
        euos: import
            .euos
            .iter()
            .map(|e| EuoOut {
                name: &e.name,
                ods_code: e.ods_code.as_deref(),
                line: e.line,
            })
            .collect(),
        problems: import.problems.iter().map(note_js).collect(),
    };
    to_js_fast(&out)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AccessOption {
    id: &'static str,
    label: &'static str,
    access_mode: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    capability: Option<&'static str>,
    api: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    business_function: Option<&'static str>,
    rule: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ServiceOption {
    name: &'static str,
    full_name: &'static str,
    platform: &'static str,
}

#[derive(Serialize)]
struct Options {
    access: Vec<AccessOption>,
    services: Vec<ServiceOption>,
}

/// The choices the planner offers, straight from the rules, so the page holds none.
///
/// # Errors
///
/// Only if the conversion to JavaScript fails.
#[wasm_bindgen(js_name = planOptions, skip_typescript)]
pub fn plan_options() -> Result<JsValue, JsValue> {
    to_js_fast(&Options {
        access: Access::ALL
            .iter()
            .map(|a| AccessOption {
                id: a.id(),
                label: a.label(),
                access_mode: a.mode().id(),
                capability: a.capability().map(|c| c.id()),
                api: a.mode().api(),
                business_function: a.capability().map(|c| c.business_function()),
                rule: "4.16",
            })
            .collect(),
        services: Service::known()
            .map(|(name, full_name, platform)| ServiceOption {
                name,
                full_name,
                platform: platform.id(),
            })
            .collect(),
    })
}

/// The plan's figures and notes, without the rows.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SummaryJs<'a> {
    product: &'a str,
    supplier: &'a str,
    access: &'a [&'static str],
    services: Vec<ServiceOut<'a>>,
    notes: Vec<DiagnosticJs>,
    totals: TotalsJs,
    key_pair: KeyPairJs,
    duplicate_code: &'static str,
}

/// One ASID with the application bound to it, for a table row.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RowJs<'a> {
    index: usize,
    asid: AsidJs<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    application: Option<ApplicationJs<'a>>,
}

/// A plan kept in the module, for pages that show it a page at a time and export it: planned
/// once, read in slices (`asidRows`), exported without planning again. Call `free()` when done.
#[wasm_bindgen(js_name = GoLivePlan)]
pub struct GoLivePlanHandle {
    plan: core::Plan,
}

#[wasm_bindgen(js_class = GoLivePlan)]
impl GoLivePlanHandle {
    /// Plans the go-live for `request` (the shape `planGoLive` takes).
    ///
    /// # Errors
    ///
    /// As [`plan_go_live`].
    #[wasm_bindgen(constructor)]
    pub fn new(request: JsValue) -> Result<GoLivePlanHandle, JsValue> {
        Ok(GoLivePlanHandle {
            plan: plan_from(request)?,
        })
    }

    /// `{ product, supplier, access, services, notes, totals }`: everything but the rows.
    ///
    /// # Errors
    ///
    /// Only if the conversion to JavaScript fails.
    pub fn summary(&self) -> Result<JsValue, JsValue> {
        to_js_fast(&SummaryJs::from(&self.plan))
    }

    /// ASIDs `start` to `start + count` (clipped), each `{ index, asid, application? }` with the
    /// application bound to it.
    ///
    /// # Errors
    ///
    /// Only if the conversion to JavaScript fails.
    #[wasm_bindgen(js_name = asidRows)]
    pub fn asid_rows(&self, start: usize, count: usize) -> Result<JsValue, JsValue> {
        let p = &self.plan;
        let start = start.min(p.asids.len());
        let end = start.saturating_add(count).min(p.asids.len());
        let rows: Vec<RowJs<'_>> = p.asids[start..end]
            .iter()
            .enumerate()
            .map(|(k, a)| RowJs {
                index: start + k,
                asid: AsidJs::from(a),
                application: a
                    .application_index
                    .and_then(|i| p.applications.get(i))
                    .map(ApplicationJs::from),
            })
            .collect();
        to_js_fast(&rows)
    }

    /// The whole plan as `planGoLive` returns it.
    ///
    /// # Errors
    ///
    /// Only if the conversion to JavaScript fails.
    #[wasm_bindgen(js_name = toObject)]
    pub fn to_object(&self) -> Result<JsValue, JsValue> {
        to_js_fast(&PlanJs::from(&self.plan))
    }

    /// The plan as the go-live pack takes it (`packFromPlan` of its JSON gives the same): its
    /// PROD applications, with no details yet. No JSON on the way, so no plan is too big for it.
    ///
    /// # Errors
    ///
    /// Only if the conversion to JavaScript fails.
    #[wasm_bindgen(js_name = packRequest)]
    pub fn pack_request(&self) -> Result<JsValue, JsValue> {
        crate::golive::request_to_js(&ers_rules::golive::request_from_plan(&self.plan))
    }

    /// The plan as CSV: UTF-8 text starting with a BOM, CRLF, formula injection neutralised.
    #[wasm_bindgen(js_name = toCsv)]
    pub fn to_csv(&self) -> String {
        core::to_csv(&self.plan)
    }

    /// The plan as a Markdown table with totals and notes, for an email.
    #[wasm_bindgen(js_name = toMarkdown)]
    pub fn to_markdown(&self) -> String {
        core::to_markdown(&self.plan)
    }

    /// The plan as CSV in UTF-8 bytes (BOM first), ready for a `Blob`: no conversion to a
    /// JavaScript string on the way to a download.
    #[wasm_bindgen(js_name = toCsvBytes)]
    pub fn to_csv_bytes(&self) -> Vec<u8> {
        core::to_csv(&self.plan).into_bytes()
    }

    /// The plan as Markdown in UTF-8 bytes.
    #[wasm_bindgen(js_name = toMarkdownBytes)]
    pub fn to_markdown_bytes(&self) -> Vec<u8> {
        core::to_markdown(&self.plan).into_bytes()
    }

    /// The plan as compact JSON in UTF-8 bytes: the content of `toJson` without the indentation,
    /// which for 10,000 organisations halves the file and the time.
    ///
    /// # Errors
    ///
    /// Only if serialisation fails.
    #[wasm_bindgen(js_name = toJsonBytes)]
    pub fn to_json_bytes(&self) -> Result<Vec<u8>, JsValue> {
        serde_json::to_vec(&self.plan).map_err(|e| {
            js_error(
                codes::INTERNAL.code,
                format!("could not write the plan as JSON: {e}"),
            )
        })
    }

    /// The plan as pretty JSON, the shape `ers-golive plan --json` prints (snake_case).
    ///
    /// # Errors
    ///
    /// Only if serialisation fails.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> Result<String, JsValue> {
        core::to_json(&self.plan).map_err(|e| {
            js_error(
                codes::INTERNAL.code,
                format!("could not write the plan as JSON: {e}"),
            )
        })
    }
}

/// `planPreview(request, euos)`: the first organisations' names, each with its length and the
/// name checker's verdict.
///
/// # Errors
/// As `planGoLive`: the plan's problems (a pattern that cannot be used is ERS-P006).
#[wasm_bindgen(js_name = planPreview, skip_typescript)]
pub fn plan_preview(request: JsValue, euos: usize) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct RowJs<'a> {
        organisation: &'a str,
        access: &'static str,
        asid_name: &'a str,
        app_name: &'a str,
        chars: usize,
        valid: bool,
        verdict: &'a str,
    }
    #[derive(Serialize)]
    struct PreviewJs<'a> {
        rows: Vec<RowJs<'a>>,
        example: bool,
        size: &'a str,
    }
    let request = from_js::<RequestJs>(request, "the plan request")?.into_core()?;
    let p = core::pattern::preview(&request, euos).map_err(|e| plan_error(&e))?;
    crate::to_js(&PreviewJs {
        rows: p
            .rows
            .iter()
            .map(|r| RowJs {
                organisation: &r.organisation,
                access: r.access,
                asid_name: &r.asid_name,
                app_name: &r.app_name,
                chars: r.chars,
                valid: r.valid,
                verdict: &r.verdict,
            })
            .collect(),
        example: p.example,
        size: &p.size,
    })
}

/// `planNaming()`: the patterns' defaults and placeholders, and 4.16's choices in words.
///
/// # Errors
/// Never in practice (only if the result cannot be converted).
#[wasm_bindgen(js_name = planNaming, skip_typescript)]
pub fn plan_naming() -> Result<JsValue, JsValue> {
    use core::pattern as p;
    #[derive(Serialize)]
    struct Named {
        name: &'static str,
        meaning: &'static str,
    }
    #[derive(Serialize)]
    struct Choice {
        rule: &'static str,
        text: &'static str,
    }
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct NamingJs {
        app_pattern: &'static str,
        asid_pattern: &'static str,
        app_placeholders: Vec<Named>,
        asid_placeholders: Vec<Named>,
        choices: Vec<Choice>,
    }
    let named = |list: &[(&'static str, &'static str)]| {
        list.iter()
            .map(|&(name, meaning)| Named { name, meaning })
            .collect()
    };
    crate::to_js(&NamingJs {
        app_pattern: p::DEFAULT_APP_PATTERN,
        asid_pattern: p::DEFAULT_ASID_PATTERN,
        app_placeholders: named(&p::APP_PLACEHOLDERS),
        asid_placeholders: named(&p::ASID_PLACEHOLDERS),
        choices: p::CHOICES
            .iter()
            .map(|&(rule, text)| Choice { rule, text })
            .collect(),
    })
}

/// `planSize(euos, access)`: the plan's size in a sentence.
#[wasm_bindgen(js_name = planSize, skip_typescript)]
pub fn plan_size(euos: usize, access: usize) -> String {
    core::pattern::size(euos, access)
}

/// The organisations as JavaScript sends them (`{ name, odsCode?, line? }`).
fn euos_from(euos: JsValue) -> Result<Vec<Euo>, JsValue> {
    let euos: Vec<EuoJs> = crate::from_json(&euos, "the organisations")?;
    Ok(euos
        .into_iter()
        .map(|e| Euo {
            line: e.line,
            ..Euo::new(e.name, e.ods_code.as_deref())
        })
        .collect())
}

/// `euoNotes(euos)`: what the plan will say about the organisations themselves (duplicates,
/// ERS-P010; unusual ODS codes, ERS-P011), said at import.
///
/// # Errors
/// Throws `invalid-input` when `euos` is not a list of `{ name, odsCode? }`.
#[wasm_bindgen(js_name = euoNotes, skip_typescript)]
pub fn euo_notes(euos: JsValue) -> Result<JsValue, JsValue> {
    let euos = euos_from(euos)?;
    let notes: Vec<DiagnosticJs> = core::euo_notes(&euos).iter().map(note_js).collect();
    crate::to_js(&notes)
}
