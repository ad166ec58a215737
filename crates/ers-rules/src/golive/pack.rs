//! Building the go-live pack: the PROD form details of every application, checked.

use std::collections::HashMap;

use crate::name::{self, CheckOptions};
use crate::{AccessMode, Capability, Diagnostic, Environment};

use super::checklist::{CHECKLIST, Step};
use super::checks::{UrlProblem, check_jwks_url, check_kid, is_asid, is_uuid_v4, kid_file_name};
use super::codes;

/// One application as the user gives it: from the plan (name, environment, access mode,
/// capability, API, EUO) and filled in by hand (AppID, API key, kid, JWKS URL). Text fields are
/// plain strings so that a wrong value becomes a finding, not a refusal; they are trimmed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize), serde(default))]
pub struct ApplicationInput {
    /// The application's name on the developer hub (4.14).
    pub name: String,
    /// `prod` when empty (4.13).
    pub environment: String,
    /// `user-restricted` or `application-restricted` (any spelling NHS uses).
    pub access_mode: String,
    /// `referrer` or `provider`, for application-restricted access.
    pub capability: String,
    /// The API enabled; the access mode's API when empty (4.15).
    pub api: String,
    /// The end-user organisation (EUO).
    pub organisation: String,
    /// The EUO's ODS code.
    pub ods_code: String,
    /// The ASID NHS allocated for the application (4.16), when known; optional.
    pub asid: String,
    /// The AppID the developer hub gave the application (4.3).
    pub app_id: String,
    /// The application's API key (never its secret).
    pub api_key: String,
    /// The kid of its public key in the JWKS (4.2).
    pub kid: String,
    /// Where its JWKS is published.
    pub jwks_url: String,
}

/// What a pack is made from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize), serde(default))]
pub struct PackRequest {
    /// The product, for the email's subject (from the plan).
    pub product: String,
    /// The supplier (from the plan).
    pub supplier: String,
    /// The PROD applications.
    pub applications: Vec<ApplicationInput>,
    /// The checklist steps already done (`"4.11"`…); unknown numbers are ignored.
    pub done: Vec<String>,
    /// Who signs the email (may be empty).
    pub contact: String,
}

crate::id_enum! {
    /// A field of an application, as findings name it. Its identifier is its name in a request
    /// and in a finding's part (`context.part`): `app_id`, `jwks_url`…; `ALL` is in the form's
    /// order.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Field {
        /// The application name.
        Name = "name",
        /// The environment.
        Environment = "environment",
        /// The access mode.
        AccessMode = "access_mode",
        /// The capability.
        Capability = "capability",
        /// The API.
        Api = "api",
        /// The ASID NHS allocated.
        Asid = "asid",
        /// The AppID.
        AppId = "app_id",
        /// The API key.
        ApiKey = "api_key",
        /// The kid.
        Kid = "kid",
        /// The JWKS URL.
        JwksUrl = "jwks_url",
    }
}

/// Every field, in the form's order.
pub const FIELDS: [Field; 10] = Field::ALL;

impl Field {
    /// The field a finding is about, from its part.
    pub fn of(diagnostic: &Diagnostic) -> Option<Field> {
        let part = diagnostic.part()?;
        FIELDS.into_iter().find(|f| f.id() == part)
    }

    /// The field's label as the user sees it.
    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "application name",
            Field::Environment => "environment",
            Field::AccessMode => "access mode",
            Field::Capability => "capability",
            Field::Api => "API",
            Field::Asid => "ASID",
            Field::AppId => "AppID",
            Field::ApiKey => "API key",
            Field::Kid => "kid",
            Field::JwksUrl => "JWKS URL",
        }
    }
}

/// One application of the pack, its values cleaned and read.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PackApplication {
    /// Its name (4.14).
    pub name: String,
    /// Its environment, when readable (PROD when none was given).
    pub environment: Option<Environment>,
    /// Its access mode, when readable.
    pub access_mode: Option<AccessMode>,
    /// Its capability, for application-restricted access.
    pub capability: Option<Capability>,
    /// The API as given, or the access mode's API when none was given (4.15).
    pub api: String,
    /// The EUO.
    pub organisation: String,
    /// The EUO's ODS code.
    pub ods_code: String,
    /// The ASID NHS allocated (4.16); may be empty (it is optional).
    pub asid: String,
    /// The AppID (4.3).
    pub app_id: String,
    /// The API key (never the secret).
    pub api_key: String,
    /// The kid (4.2).
    pub kid: String,
    /// The JWKS URL (4.2).
    pub jwks_url: String,
    /// The fields still empty that the PROD form needs.
    pub missing: Vec<Field>,
}

/// A checklist step and whether it is done.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ChecklistItem {
    /// The step.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub step: &'static Step,
    /// Done: verified by this tool for a step it can check ([`VERIFIED_STEPS`]), ticked by the
    /// user for the others (only they can sign in, register, send the form…).
    pub done: bool,
    /// True for a step this tool verifies from the pack: the user does not tick it.
    pub verified_by_tool: bool,
    /// For a step this tool verifies, what it verified ("Verified: the 9 names pass 4.14.") or
    /// what is still in the way, in a sentence.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub note: Option<String>,
}

/// The Stage 4 steps this tool verifies from the pack, rather than the user ticking them:
/// 4.14 (every name passes the name checker), 4.16 (every application has its own 12-digit
/// ASID) and 4.2 (every application has a key pair's kid, none shared at one JWKS URL).
pub const VERIFIED_STEPS: [&str; 3] = ["4.14", "4.16", "4.2"];

/// The counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PackTotals {
    /// Applications in the pack.
    pub applications: usize,
    /// Applications with every field filled in and no error.
    pub ready: usize,
    /// Findings that are errors: what is wrong.
    pub errors: usize,
    /// Details the PROD form needs that are not given yet (AppID, API key, kid, JWKS URL:
    /// [`codes::MISSING`]): what is missing. Each is also a warning finding.
    pub missing: usize,
    /// The other warnings: worth a look, but they do not stop the pack being sent.
    pub warnings: usize,
    /// Checklist steps ticked.
    pub steps_done: usize,
}

/// The go-live pack: the PROD form details, the findings, and the Stage 4 checklist.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Pack {
    /// The product (may be empty).
    pub product: String,
    /// The supplier (may be empty).
    pub supplier: String,
    /// Who signs the email (may be empty).
    pub contact: String,
    /// The applications, in the request's order.
    pub applications: Vec<PackApplication>,
    /// Every finding, application by application, then the pack's.
    pub findings: Vec<Diagnostic>,
    /// Stage 4's steps, ticked or not.
    pub checklist: Vec<ChecklistItem>,
    /// True when there is at least one application, nothing is missing and nothing is wrong.
    pub complete: bool,
    /// The counts.
    pub totals: PackTotals,
}

impl Pack {
    /// Adds findings made elsewhere (a details file's import problems) and updates the totals
    /// and [`Pack::complete`]: an import error makes the pack incomplete.
    #[must_use]
    pub fn with_findings(mut self, extra: Vec<Diagnostic>) -> Self {
        self.findings.extend(extra);
        sort_by_application(&mut self.findings);
        let (errors, missing, warnings) = tally(&self.findings);
        self.totals.errors = errors;
        self.totals.missing = missing;
        self.totals.warnings = warnings;
        self.complete = self.complete && errors == 0;
        self
    }

    /// The one sentence that says where the pack stands, the same in the page, the email (its
    /// DRAFT line) and the CLI: what is missing and what is wrong, counted once.
    ///
    /// `Not ready to send: 20 details still missing and 1 error to correct (7 of 9 applications
    /// ready); 1 warning to look at.` · `Ready to send: all 9 applications complete, nothing
    /// wrong.` · `No application yet.`
    pub fn summary(&self) -> String {
        use crate::words::{and_list, count, thousands};
        let t = &self.totals;
        let look = if t.warnings > 0 {
            format!("; {} to look at", count(t.warnings, "warning", "warnings"))
        } else {
            String::new()
        };
        if t.applications == 0 {
            return "No application yet.".to_owned();
        }
        if self.complete {
            let all = if t.applications == 1 {
                "the application is complete".to_owned()
            } else {
                format!(
                    "all {} complete",
                    count(t.applications, "application", "applications")
                )
            };
            return format!("Ready to send: {all}, nothing wrong{look}.");
        }
        let mut why = Vec::new();
        if t.missing > 0 {
            why.push(format!(
                "{} still missing",
                count(t.missing, "detail", "details")
            ));
        }
        if t.errors > 0 {
            why.push(format!("{} to correct", count(t.errors, "error", "errors")));
        }
        format!(
            "Not ready to send: {} ({} of {} ready){look}.",
            and_list(&why),
            thousands(t.ready),
            count(t.applications, "application", "applications"),
        )
    }
}

impl Pack {
    /// What to do next, in one sentence: the first thing a supplier reads on opening the pack,
    /// rather than its findings (a new pack of 1,500 applications has 6,000 details missing).
    pub fn next_step(&self) -> String {
        use crate::words::count;
        let t = &self.totals;
        if t.applications == 0 {
            return "Next: take the plan from the planner, import its JSON, or add an application by hand.".to_owned();
        }
        if self.complete {
            return format!("Next: send the email to {} (4.3).", super::email::SEND_TO);
        }
        let untouched = self
            .applications
            .iter()
            .all(|a| a.missing.len() == 4 && a.asid.is_empty());
        if untouched {
            return format!(
                "Next: register the {} on the developer hub, one by one (4.11–4.15), and make their key pairs (4.2); then enter each one's AppID, API key, kid and JWKS URL here, or fill in the plan's CSV and import it.",
                count(t.applications, "application", "applications")
            );
        }
        if t.errors > 0 {
            return format!(
                "Next: correct the {} shown with their applications.",
                count(t.errors, "error", "errors")
            );
        }
        format!(
            "Next: fill in the {} still missing, shown with their applications.",
            count(t.missing, "detail", "details")
        )
    }
}

/// The findings counted once: errors, details missing, other warnings (info counts as none).
fn tally(findings: &[Diagnostic]) -> (usize, usize, usize) {
    let (mut errors, mut missing, mut warnings) = (0, 0, 0);
    for f in findings {
        if f.is_error() {
            errors += 1;
        } else if codes::MISSING.iter().any(|c| f.code == *c) {
            missing += 1;
        } else if f.severity == crate::Severity::Warning {
            warnings += 1;
        }
    }
    (errors, missing, warnings)
}

/// Sorts findings application by application, the pack's own last (stable within each).
fn sort_by_application(findings: &mut [Diagnostic]) {
    findings.sort_by_key(|f| {
        let application = f.context.application;
        (application.is_none(), application)
    });
}

/// The text without white space at either end (inner spaces are kept: a kid may hold them).
fn trimmed(s: &str) -> String {
    s.trim().to_owned()
}

/// Builds and checks the pack. It never fails: every problem is a [`Diagnostic`].
pub fn pack(request: &PackRequest) -> Pack {
    let mut findings = Vec::new();
    let mut applications = Vec::with_capacity(request.applications.len());
    for (index, input) in request.applications.iter().enumerate() {
        applications.push(application(index, input, &mut findings));
    }
    duplicates(&applications, &mut findings);
    if applications.is_empty() {
        findings.push(
            Diagnostic::coded(codes::NO_APPLICATIONS, "the pack has no application").with_help(
                "use the plan from the planner, import its JSON, or add an application by hand",
            ),
        );
    }
    sort_by_application(&mut findings);
    let checklist: Vec<ChecklistItem> = CHECKLIST
        .iter()
        .map(|step| match verify(step.number, &applications, &findings) {
            Some((done, note)) => ChecklistItem {
                step,
                done,
                verified_by_tool: true,
                note: Some(note),
            },
            None => ChecklistItem {
                step,
                done: request.done.iter().any(|d| d.trim() == step.number),
                verified_by_tool: false,
                note: None,
            },
        })
        .collect();
    // The pack's own texts: one holding a secret is left out and refused, never repeated.
    let mut own = |label: &str, value: &str| {
        if let Some(what) = crate::secret::secret_in(value) {
            findings.push(
                Diagnostic::coded(codes::SECRET,
                    format!("the {label} holds {what}: it was left out of the pack (it is not repeated here)"))
                .with_help(crate::secret::SecretFound::HELP),
            );
            String::new()
        } else {
            trimmed(value)
        }
    };
    let (product, supplier, contact) = (
        own("product name", &request.product),
        own("supplier name", &request.supplier),
        own("contact", &request.contact),
    );
    let (errors, missing, warnings) = tally(&findings);
    // Which applications have an error, in one pass (not one search of every finding per
    // application: a 500-EUO pack has 1,500 applications and thousands of findings).
    let mut has_error = vec![false; applications.len()];
    for f in &findings {
        if let (Some(i), true) = (f.context.application, f.is_error()) {
            if let Some(slot) = has_error.get_mut(i) {
                *slot = true;
            }
        }
    }
    let ready = applications
        .iter()
        .zip(&has_error)
        .filter(|(a, error)| a.missing.is_empty() && !**error)
        .count();
    let totals = PackTotals {
        applications: applications.len(),
        ready,
        errors,
        missing,
        warnings,
        steps_done: checklist.iter().filter(|c| c.done).count(),
    };
    let complete = !applications.is_empty() && ready == applications.len() && errors == 0;
    Pack {
        product,
        supplier,
        contact,
        complete,
        applications,
        findings,
        checklist,
        totals,
    }
}

/// A step this tool verifies ([`VERIFIED_STEPS`]): whether it is done and what was verified,
/// or what is in the way; `None` for a step only the user can tick.
fn verify(step: &str, apps: &[PackApplication], findings: &[Diagnostic]) -> Option<(bool, String)> {
    use crate::words::{count, thousands};
    let n = apps.len();
    let failing = |codes: &[crate::CodeInfo]| applications_with(findings, codes);
    let the = |what: &str| {
        if n == 1 {
            format!("the application {what}")
        } else {
            format!("each of the {} applications {what}", thousands(n))
        }
    };
    if n == 0 {
        return VERIFIED_STEPS.contains(&step).then(|| {
            (
                false,
                "Checked by this tool once there are applications.".to_owned(),
            )
        });
    }
    Some(match step {
        "4.14" => {
            let bad = failing(&[codes::NAME_INVALID, codes::NAME_EMPTY]);
            if bad == 0 {
                let names = if n == 1 {
                    "the name passes".to_owned()
                } else {
                    format!("the {} names pass", thousands(n))
                };
                (true, format!("Verified: {names} 4.14."))
            } else {
                (
                    false,
                    format!(
                        "{} of {} fail 4.14.",
                        thousands(bad),
                        count(n, "name", "names")
                    ),
                )
            }
        }
        "4.16" => {
            let given = apps.iter().filter(|a| is_asid(&a.asid)).count();
            let shared = failing(&[codes::ASID_DUPLICATE]);
            if given == n && shared == 0 {
                (true, format!("Verified: {} its own ASID.", the("has")))
            } else if shared > 0 {
                (
                    false,
                    format!(
                        "{} the same ASID as another: each application is bound to its own (one-to-one).",
                        count(shared, "application has", "applications have")
                    ),
                )
            } else {
                (
                    false,
                    format!(
                        "ASIDs entered for {} of {} (NHS allocates them).",
                        thousands(given),
                        count(n, "application", "applications")
                    ),
                )
            }
        }
        "4.2" => {
            let with_kid = apps.iter().filter(|a| !a.kid.is_empty()).count();
            let shared = failing(&[codes::KID_DUPLICATE]);
            if with_kid == n && shared == 0 {
                (true, format!("Verified: {} a key pair's kid.", the("has")))
            } else {
                (false, kids_progress(with_kid, n, shared))
            }
        }
        _ => return None,
    })
}

/// How far step 4.2 is, said one way in the checklist and the flow: how many of `n`
/// applications have a kid, and how many share one with another at the same JWKS URL.
pub(crate) fn kids_progress(with_kid: usize, n: usize, shared: usize) -> String {
    use crate::words::{count, thousands};
    let shared = if shared > 0 {
        format!(
            "; {} the same kid as another at the same JWKS URL",
            count(shared, "has", "have")
        )
    } else {
        String::new()
    };
    format!(
        "{} of {} have a key pair's kid{shared}.",
        thousands(with_kid),
        count(n, "application", "applications")
    )
}

/// How many applications have a finding with one of `codes`.
pub(crate) fn applications_with(findings: &[Diagnostic], codes: &[crate::CodeInfo]) -> usize {
    let mut hit: Vec<usize> = findings
        .iter()
        .filter(|f| codes.iter().any(|c| f.code == *c))
        .filter_map(|f| f.context.application)
        .collect();
    hit.sort_unstable();
    hit.dedup();
    hit.len()
}

/// One application's findings, each naming the application and its field.
struct AppFindings<'a> {
    index: usize,
    out: &'a mut Vec<Diagnostic>,
}

impl AppFindings<'_> {
    fn push(&mut self, field: Field, diagnostic: Diagnostic) {
        self.out.push(
            diagnostic
                .with_application(self.index)
                .with_part(field.id()),
        );
    }
}

/// Reads and checks one application, field by field.
fn application(
    index: usize,
    input: &ApplicationInput,
    out: &mut Vec<Diagnostic>,
) -> PackApplication {
    let findings = &mut AppFindings { index, out };
    let scrubbed = without_secrets(input, findings);
    let input = scrubbed.as_ref().unwrap_or(input);
    let environment = environment(input, findings);
    let (access_mode, api) = access_mode_and_api(input, findings);
    let capability = capability(input, access_mode, findings);
    let name = application_name(input, access_mode, findings);
    let app_id = trimmed(&input.app_id);
    let api_key = trimmed(&input.api_key);
    let kid = trimmed(&input.kid);
    let jwks_url = trimmed(&input.jwks_url);
    let missing = missing_details(&app_id, &api_key, &kid, &jwks_url, findings);
    unusual_kid(&kid, findings);
    app_id_form(&app_id, findings);
    let asid = asid(input, findings);
    jwks_url_reachable(&jwks_url, findings);
    PackApplication {
        name,
        environment,
        access_mode,
        capability,
        api,
        organisation: trimmed(&input.organisation),
        ods_code: trimmed(&input.ods_code),
        asid,
        app_id,
        api_key,
        kid,
        jwks_url,
        missing,
    }
}

/// The application without the values that hold a secret (a private key pasted into a
/// detail), each refused with [`codes::SECRET`] on its field and never repeated: the pack, its
/// email, CSV and JSON never carry it. `None` (no copy) when nothing holds one.
fn without_secrets(
    input: &ApplicationInput,
    findings: &mut AppFindings<'_>,
) -> Option<ApplicationInput> {
    let texts = [
        &input.name,
        &input.environment,
        &input.access_mode,
        &input.capability,
        &input.api,
        &input.organisation,
        &input.ods_code,
        &input.asid,
        &input.app_id,
        &input.api_key,
        &input.kid,
        &input.jwks_url,
    ];
    if texts.iter().all(|v| crate::secret::secret_in(v).is_none()) {
        return None;
    }
    let mut clean = input.clone();
    for (field, label, slot) in [
        (Field::Name, "application name", &mut clean.name),
        (Field::Environment, "environment", &mut clean.environment),
        (Field::AccessMode, "access mode", &mut clean.access_mode),
        (Field::Capability, "capability", &mut clean.capability),
        (Field::Api, "API", &mut clean.api),
        (Field::Name, "organisation", &mut clean.organisation),
        (Field::Name, "ODS code", &mut clean.ods_code),
        (Field::Asid, "ASID", &mut clean.asid),
        (Field::AppId, "AppID", &mut clean.app_id),
        (Field::ApiKey, "API key", &mut clean.api_key),
        (Field::Kid, "kid", &mut clean.kid),
        (Field::JwksUrl, "JWKS URL", &mut clean.jwks_url),
    ] {
        if let Some(what) = crate::secret::secret_in(slot) {
            slot.clear();
            findings.push(
                field,
                Diagnostic::coded(codes::SECRET,
                    format!(
                        "the {label} holds {what}: it was left out of the pack (it is not repeated here)"
                    ))
                .with_help(crate::secret::SecretFound::HELP),
            );
        }
    }
    Some(clean)
}

fn environment(input: &ApplicationInput, findings: &mut AppFindings<'_>) -> Option<Environment> {
    // Environment (4.13): PROD, or empty meaning PROD.
    let env_text = input.environment.trim();
    let environment = if env_text.is_empty() {
        Some(Environment::Prod)
    } else {
        env_text.parse::<Environment>().ok()
    };
    match environment {
        Some(Environment::Prod) => {}
        Some(other) => findings.push(Field::Environment,
            Diagnostic::coded(codes::NOT_PROD,
                format!("the application is registered in {}, not PROD", other.name_token()))
            .with_help("Stage 4 registers a new application in PROD; an INT application's AppID and API key do not work in PROD"),
        ),
        None => findings.push(Field::Environment,
            Diagnostic::coded(codes::NOT_PROD,
                format!("unknown environment `{env_text}`"))
            .with_help("the PROD form is for PROD applications: use `prod`"),
        ),
    }
    environment
}

fn access_mode_and_api(
    input: &ApplicationInput,
    findings: &mut AppFindings<'_>,
) -> (Option<AccessMode>, String) {
    // Access mode and API (4.15).
    let mode_text = input.access_mode.trim();
    let access_mode = mode_text.parse::<AccessMode>().ok();
    if access_mode.is_none() {
        let message = if mode_text.is_empty() {
            "no access mode".to_owned()
        } else {
            format!("unknown access mode `{mode_text}`")
        };
        findings.push(
            Field::AccessMode,
            Diagnostic::coded(codes::ACCESS_MODE, message).with_help(
                "choose user-restricted or application-restricted: each needs its own application",
            ),
        );
    }
    let api_text = input.api.trim();
    let api = match access_mode {
        Some(mode) if api_text.is_empty() => mode.api().to_owned(),
        _ => api_text.to_owned(),
    };
    if let Some(mode) = access_mode {
        if !api_text.is_empty() && !api_text.eq_ignore_ascii_case(mode.api()) {
            findings.push(
                Field::Api,
                Diagnostic::coded(
                    codes::API_MISMATCH,
                    format!("`{api_text}` is not the API for {} access", mode.id()),
                )
                .with_help(format!("enable {} on this application", mode.api()))
                .with_suggestion(mode.api()),
            );
        }
    }
    (access_mode, api)
}

fn capability(
    input: &ApplicationInput,
    access_mode: Option<AccessMode>,
    findings: &mut AppFindings<'_>,
) -> Option<Capability> {
    // Capability (4.16).
    let cap_text = input.capability.trim();
    let capability = if cap_text.is_empty() {
        None
    } else {
        let parsed = cap_text.parse::<Capability>().ok();
        if parsed.is_none() {
            findings.push(
                Field::Capability,
                Diagnostic::coded(
                    codes::CAPABILITY,
                    format!("unknown capability `{cap_text}`"),
                )
                .with_help("use referrer or provider"),
            );
        }
        parsed
    };
    match (access_mode, capability) {
        (Some(AccessMode::ApplicationRestricted), None) if cap_text.is_empty() => findings.push(Field::Capability,
            Diagnostic::coded(codes::CAPABILITY_MISSING,
                "no capability for an application-restricted application")
            .with_help("say referrer or provider: NHS sets one business function per application-restricted application, and each capability needs its own ASID"),
        ),
        (Some(AccessMode::UserRestricted), Some(c)) => findings.push(Field::Capability,
            Diagnostic::coded(codes::CAPABILITY,
                format!("a user-restricted application has no capability, but `{}` is given", c.id()))
            .with_help("capabilities (referrer, provider) are for application-restricted applications: leave it empty"),
        ),
        _ => {}
    }
    capability
}

fn application_name(
    input: &ApplicationInput,
    access_mode: Option<AccessMode>,
    findings: &mut AppFindings<'_>,
) -> String {
    // Name (4.14), with the name checker.
    let name = trimmed(&input.name);
    if name.is_empty() {
        findings.push(
            Field::Name,
            Diagnostic::coded(codes::NAME_EMPTY, "the application has no name")
                .with_help(format!("name it as 4.14 says: {}", name::PATTERN)),
        );
    } else {
        let result = name::check(
            &name,
            &CheckOptions {
                environment: Some(Environment::Prod),
                access_mode,
            },
        );
        let list = |errors: bool| {
            result
                .diagnostics
                .iter()
                .filter(|d| d.is_error() == errors)
                .map(|d| format!("{} {}", d.code, crate::words::clause(&d.message)))
                .collect::<Vec<_>>()
                .join("; ")
        };
        if !result.valid {
            let mut d = Diagnostic::coded(
                codes::NAME_INVALID,
                format!("the name does not follow 4.14: {}", list(true)),
            )
            .with_help(format!(
                "check the name with the name checker; the pattern is {}",
                name::PATTERN
            ));
            if let Some(s) = &result.suggested_name {
                d = d.with_suggestion(s.clone());
            }
            findings.push(Field::Name, d);
        } else if result.warnings() > 0 {
            let mut d = Diagnostic::coded(
                codes::NAME_WARNING,
                format!("the name needs a look: {}", list(false)),
            );
            if let Some(s) = &result.suggested_name {
                d = d.with_suggestion(s.clone());
            }
            findings.push(Field::Name, d);
        }
    }
    name
}

fn missing_details(
    app_id: &str,
    api_key: &str,
    kid: &str,
    jwks_url: &str,
    findings: &mut AppFindings<'_>,
) -> Vec<Field> {
    // The details the PROD form needs (4.3, 4.2).
    let mut missing = Vec::new();
    for (value, field, code, help) in [
        (
            &app_id,
            Field::AppId,
            codes::APP_ID_MISSING,
            "copy it from the application's page on the developer hub once it is registered (4.12)",
        ),
        (
            &api_key,
            Field::ApiKey,
            codes::API_KEY_MISSING,
            "copy the application's API key (its Key, never its Secret) from the developer hub",
        ),
        (
            &kid,
            Field::Kid,
            codes::KID_MISSING,
            "give the kid of the application's public key, exactly as in its JWKS (a JWK without \"alg\" is fine, and the token server does not check key size: check the JWKS with ers-golive keys check)",
        ),
        (
            &jwks_url,
            Field::JwksUrl,
            codes::JWKS_URL_MISSING,
            "give the https URL where the application's JWKS is published",
        ),
    ] {
        if value.is_empty() {
            missing.push(field);
            findings.push(
                field,
                Diagnostic::coded(
                    code,
                    format!("no {}: the pack is incomplete", field.label()),
                )
                .with_help(help),
            );
        }
    }
    missing
}

fn unusual_kid(kid: &str, findings: &mut AppFindings<'_>) {
    // Any non-empty kid is one the token server takes (FACTS §4): unusual ones are a warning.
    if let Ok(notes) = check_kid(kid) {
        if !notes.is_empty() {
            let reasons: Vec<String> = notes.iter().map(|n| n.reason()).collect();
            let file = kid_file_name(kid);
            let mut help = "the token server takes it; make sure the JWT's kid and the JWKS hold it exactly, or choose a short one such as prod-1".to_owned();
            if file != kid {
                help.push_str(&format!(
                    "; its key files are named `{file}.pem`, `{file}.pem.pub` and `{file}.json`"
                ));
            }
            findings.push(
                Field::Kid,
                Diagnostic::coded(
                    codes::KID_UNUSUAL,
                    format!("an unusual kid: {}", reasons.join("; ")),
                )
                .with_help(help),
            );
        }
    }
}

fn app_id_form(app_id: &str, findings: &mut AppFindings<'_>) {
    // AppID (4.3, FACTS §6): NHS's tooling treats it as a UUID v4.
    if !app_id.is_empty() && !is_uuid_v4(app_id) {
        findings.push(Field::AppId,
            Diagnostic::coded(codes::APP_ID_FORM,
                format!("the AppID `{app_id}` is not a UUID v4 (like 5a0f1c2e-1111-4000-8000-000000000001)"))
            .with_help("copy the AppID from the application's page on the developer hub: NHS's tooling (make_jwk.py) expects a UUID v4; the API key or the application name are not the AppID"),
        );
    }
}

fn asid(input: &ApplicationInput, findings: &mut AppFindings<'_>) -> String {
    // ASID (4.16, FACTS §3): optional, but when given a 12-digit number.
    let asid = trimmed(&input.asid);
    if !asid.is_empty() && !is_asid(&asid) {
        let digits: String = asid.chars().filter(char::is_ascii_digit).collect();
        let mut d = Diagnostic::coded(codes::ASID_FORM,
            format!(
                "the ASID `{asid}` is not a 12-digit number ({} characters{})",
                asid.chars().count(),
                if digits.len() == asid.len() { "" } else { ", not all digits" }
            ))
        .with_help("copy the ASID NHS allocated for this application (Spine Directory Service): 12 digits, e.g. 200000001234; leave it empty until NHS gives it");
        if is_asid(&digits) {
            d = d.with_suggestion(digits);
        }
        findings.push(Field::Asid, d);
    }
    asid
}

fn jwks_url_reachable(jwks_url: &str, findings: &mut AppFindings<'_>) {
    if !jwks_url.is_empty() {
        if let Err(problem) = check_jwks_url(jwks_url) {
            let d = match problem {
                UrlProblem::Malformed(why) => Diagnostic::coded(
                    codes::JWKS_URL_MALFORMED,
                    format!("the JWKS URL is not a usable URL: {why}"),
                )
                .with_help("give the full address, e.g. https://keys.example.com/ers/jwks.json"),
                UrlProblem::NotHttps(scheme) => {
                    let mut d = Diagnostic::coded(
                        codes::JWKS_URL_NOT_HTTPS,
                        format!("the JWKS URL uses `{scheme}:`, not `https:`"),
                    )
                    .with_help("publish the JWKS over https");
                    // Offer the https address only where it would be usable: an https URL to
                    // localhost or a private address is unreachable too (ERS-G012).
                    if scheme.eq_ignore_ascii_case("http") {
                        if let Some((_, rest)) = jwks_url.split_once("://") {
                            let https = format!("https://{rest}");
                            if check_jwks_url(&https).is_ok() {
                                d = d.with_suggestion(https);
                            }
                        }
                    }
                    d
                }
                UrlProblem::NotPublic { host, why } => not_public(&host, why),
                UrlProblem::NoPath => no_path(),
            };
            findings.push(Field::JwksUrl, d);
            // An http URL to a local host is wrong twice: say both.
            if let Some((scheme, rest)) = jwks_url.split_once("://") {
                if !scheme.eq_ignore_ascii_case("https") {
                    match check_jwks_url(&format!("https://{rest}")) {
                        Err(UrlProblem::NotPublic { host, why }) => {
                            findings.push(Field::JwksUrl, not_public(&host, why));
                        }
                        Err(UrlProblem::NoPath) => findings.push(Field::JwksUrl, no_path()),
                        _ => {}
                    }
                }
            }
        }
    }
}

fn no_path() -> Diagnostic {
    Diagnostic::coded(codes::JWKS_URL_NO_PATH,
        "the JWKS URL has no path after its host")
    .with_help("give the JWKS file's full address, e.g. https://keys.example.com/ers/jwks.json: the token server splits the URL into host and path (^(https?://[^/]+)(/.*)$), and with no path it answers \"The JWKS endpoint, for your client_assertion can't be reached\"")
}

fn not_public(host: &str, why: &str) -> Diagnostic {
    Diagnostic::coded(codes::JWKS_URL_NOT_PUBLIC,
        format!("the JWKS URL's host `{host}` is {why}: the NHS token server cannot reach it"))
    .with_help("publish the JWKS at a public https address; otherwise the token server answers \"The JWKS endpoint, for your client_assertion can't be reached\"")
}

/// Values that must differ between applications: AppIDs and API keys (each application gets its
/// own), and a kid at one JWKS URL (one key pair per application, 4.2).
fn duplicates(apps: &[PackApplication], out: &mut Vec<Diagnostic>) {
    /// A value that must differ between applications: the application where each was first
    /// seen, and what to say about a repeat.
    struct Unique<'a> {
        seen: HashMap<(&'a str, &'a str), usize>,
        field: Field,
        make: fn(usize) -> Diagnostic,
    }
    impl<'a> Unique<'a> {
        fn new(field: Field, make: fn(usize) -> Diagnostic) -> Self {
            Unique {
                seen: HashMap::new(),
                field,
                make,
            }
        }

        /// Notes application `i`'s `key`, or the repeat of an earlier application's.
        fn check(&mut self, key: (&'a str, &'a str), i: usize, out: &mut Vec<Diagnostic>) {
            match self.seen.get(&key) {
                Some(&first) => out.push(
                    (self.make)(first + 1)
                        .with_application(i)
                        .with_part(self.field.id()),
                ),
                None => {
                    self.seen.insert(key, i);
                }
            }
        }
    }
    let mut asids = Unique::new(Field::Asid, |first| {
        Diagnostic::coded(codes::ASID_DUPLICATE, format!("application {first} has the same ASID"))
            .with_help("each application is bound to its own ASID (one-to-one): copy this one's from what NHS allocated for it")
    });
    let mut app_ids = Unique::new(Field::AppId, |first| {
        Diagnostic::coded(codes::APP_ID_DUPLICATE, format!("application {first} has the same AppID"))
            .with_help("each PROD application gets its own AppID: copy this one's from its own page on the developer hub")
    });
    let mut api_keys = Unique::new(Field::ApiKey, |first| {
        Diagnostic::coded(codes::API_KEY_DUPLICATE, format!("application {first} has the same API key"))
            .with_help("each application has its own API key: copy this one's from its own page on the developer hub")
    });
    let mut kids = Unique::new(Field::Kid, |first| {
        Diagnostic::coded(codes::KID_DUPLICATE, format!("application {first} has the same kid at the same JWKS URL"))
            .with_help("4.2 asks for a key pair per application; a JWKS can hold several keys, but each needs its own kid, or the token server picks one of them for both")
    });
    for (i, app) in apps.iter().enumerate() {
        if is_asid(&app.asid) {
            asids.check((&app.asid, ""), i, out);
        }
        if !app.app_id.is_empty() {
            app_ids.check((&app.app_id, ""), i, out);
        }
        if !app.api_key.is_empty() {
            api_keys.check((&app.api_key, ""), i, out);
        }
        if !app.kid.is_empty() && !app.jwks_url.is_empty() {
            kids.check((&app.jwks_url, &app.kid), i, out);
        }
    }
}
