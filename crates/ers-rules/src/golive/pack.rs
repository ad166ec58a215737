//! Building the go-live pack: the PROD form details of every application, checked.

use std::collections::HashMap;

use crate::name::{self, CheckOptions};
use crate::{AccessMode, Capability, Diagnostic, Environment};

use super::checklist::{CHECKLIST, Step};
use super::checks::is_asid;
use super::codes;
#[cfg(feature = "serde")]
use super::details::Case;
use super::details::{Details, FIELDS, Field, fields_in, place};

/// One application as the user gives it: the one record, [`Details`].
pub type ApplicationInput = Details;

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

/// One application of the pack, its values cleaned and read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackApplication {
    /// Its record, trimmed, the API filled in from the access mode when none was given (4.15),
    /// a value holding a secret left out.
    pub details: Details,
    /// Its environment, when readable (PROD when none was given).
    pub environment: Option<Environment>,
    /// Its access mode, when readable.
    pub access_mode: Option<AccessMode>,
    /// Its capability, for application-restricted access.
    pub capability: Option<Capability>,
    /// The fields still empty that the PROD form needs.
    pub missing: Vec<Field>,
}

impl core::ops::Deref for PackApplication {
    type Target = Details;

    fn deref(&self) -> &Details {
        &self.details
    }
}

impl PackApplication {
    /// A field as the pack's text outputs show it: the environment as 4.13 writes it (`PROD`),
    /// the access mode and capability by their ids, empty when unreadable; the others as given.
    pub fn shown(&self, field: Field) -> &str {
        match field {
            Field::Environment => self.environment.map_or("", |e| e.name_token()),
            Field::AccessMode => self.access_mode.map_or("", |m| m.id()),
            Field::Capability => self.capability.map_or("", |c| c.id()),
            f => self.details.get(f),
        }
    }

    /// A field as JSON holds it: the environment, access mode and capability by their ids, or
    /// null when unreadable; the others as given.
    pub fn value(&self, field: Field) -> Option<&str> {
        match field {
            Field::Environment => self.environment.map(|e| e.id()),
            Field::AccessMode => self.access_mode.map(|m| m.id()),
            Field::Capability => self.capability.map(|c| c.id()),
            f => Some(self.details.get(f)),
        }
    }

    /// The fields of `place` but the name, labelled, as the emails and the CLI list them: a
    /// blank one as its [`Spec::blank`](super::details::Spec::blank) says, left out when that is
    /// empty or the application does not need the field.
    pub fn labelled(&self, place: u8) -> Vec<(&'static str, &str)> {
        fields_in(place)
            .filter(|s| s.field != Field::Name)
            .filter_map(|s| match self.shown(s.field) {
                "" if s.blank.is_empty() || !s.applies_to(self.access_mode) => None,
                "" => Some((s.title, s.blank)),
                v => Some((s.title, v)),
            })
            .collect()
    }

    /// The application in the pack's JSON shape, its names in `case`: the fields shown, then
    /// `missing`.
    #[cfg(feature = "serde")]
    pub fn record(&self, case: Case) -> PackRecord<'_> {
        PackRecord { app: self, case }
    }
}

/// [`PackApplication::record`].
#[cfg(feature = "serde")]
pub struct PackRecord<'a> {
    app: &'a PackApplication,
    case: Case,
}

#[cfg(feature = "serde")]
impl serde::Serialize for PackRecord<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        for s in fields_in(place::SHOWN) {
            map.serialize_entry(self.case.name(s.field), &self.app.value(s.field))?;
        }
        let missing: Vec<&str> = self
            .app
            .missing
            .iter()
            .map(|f| self.case.name(*f))
            .collect();
        map.serialize_entry("missing", &missing)?;
        map.end()
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for PackApplication {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.record(Case::Snake).serialize(serializer)
    }
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
            .all(|a| fields_in(place::TYPED).all(|s| a.get(s.field).is_empty()));
        if untouched {
            // The details the form needs from the supplier, for the access modes in the pack.
            let needed: Vec<String> = FIELDS
                .iter()
                .filter(|s| s.missing.is_some())
                .filter(|s| {
                    self.applications
                        .iter()
                        .any(|a| s.applies_to(a.access_mode))
                })
                .map(|s| s.label.to_owned())
                .collect();
            return format!(
                "Next: register the {} on the developer hub, one by one (4.11–4.15), and make their key pairs (4.2); then enter each one's {} here, or fill in the plan's CSV and import it.",
                count(t.applications, "application", "applications"),
                crate::words::and_list(&needed)
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
    let checklist = checklist(request, &applications, &findings);
    let product = own_text("product name", &request.product, &mut findings);
    let supplier = own_text("supplier name", &request.supplier, &mut findings);
    let contact = own_text("contact", &request.contact, &mut findings);
    let totals = totals(&applications, &findings, &checklist);
    let complete =
        !applications.is_empty() && totals.ready == applications.len() && totals.errors == 0;
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

/// Stage 4's steps: those this tool verifies, verified; the others as the user ticked them.
fn checklist(
    request: &PackRequest,
    applications: &[PackApplication],
    findings: &[Diagnostic],
) -> Vec<ChecklistItem> {
    CHECKLIST
        .iter()
        .map(|step| match verify(step.number, applications, findings) {
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
        .collect()
}

/// One of the pack's own texts, trimmed; one holding a secret is left out and refused, never
/// repeated.
fn own_text(label: &str, value: &str, findings: &mut Vec<Diagnostic>) -> String {
    let Some(what) = crate::secret::secret_in(value) else {
        return trimmed(value);
    };
    findings.push(left_out(label, what));
    String::new()
}

/// The refusal of a detail holding a secret, which the pack leaves out ([`codes::SECRET`]).
fn left_out(label: &str, what: &str) -> Diagnostic {
    Diagnostic::coded(
        codes::SECRET,
        format!("the {label} holds {what}: it was left out of the pack (it is not repeated here)"),
    )
    .with_help(crate::secret::SecretFound::HELP)
}

/// The counts: an application is ready when nothing is missing and it has no error.
fn totals(
    applications: &[PackApplication],
    findings: &[Diagnostic],
    checklist: &[ChecklistItem],
) -> PackTotals {
    let (errors, missing, warnings) = tally(findings);
    // Which applications have an error, in one pass over the findings, not one per application.
    let mut has_error = vec![false; applications.len()];
    for f in findings {
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
    PackTotals {
        applications: applications.len(),
        ready,
        errors,
        missing,
        warnings,
        steps_done: checklist.iter().filter(|c| c.done).count(),
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
    let mut details = Details {
        name: application_name(input, access_mode, findings),
        api,
        ..Details::default()
    };
    for s in fields_in(place::TYPED | place::SHOWN) {
        if !matches!(s.field, Field::Name | Field::Api) {
            *details.get_mut(s.field) = trimmed(input.get(s.field));
        }
    }
    let missing = missing_details(&details, access_mode, findings);
    for s in FIELDS {
        let value = details.get(s.field);
        if let (Some(check), false) = (s.check, value.is_empty()) {
            let mut found = Vec::new();
            check(value, &mut found);
            for d in found {
                findings.push(s.field, d);
            }
        }
    }
    PackApplication {
        details,
        environment,
        access_mode,
        capability,
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
    if FIELDS
        .iter()
        .all(|s| crate::secret::secret_in(input.get(s.field)).is_none())
    {
        return None;
    }
    let mut clean = input.clone();
    for s in FIELDS {
        let slot = clean.get_mut(s.field);
        if let Some(what) = crate::secret::secret_in(slot) {
            slot.clear();
            // The EUO's fields are shown with the application's name.
            let part = match s.field {
                Field::Organisation | Field::OdsCode => Field::Name,
                f => f,
            };
            findings.push(part, left_out(s.label, what));
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

/// The details the PROD form needs that this application does not give yet (4.3, 4.2).
fn missing_details(
    details: &Details,
    access_mode: Option<AccessMode>,
    findings: &mut AppFindings<'_>,
) -> Vec<Field> {
    let mut missing = Vec::new();
    for s in FIELDS {
        let Some(m) = s.missing else { continue };
        if details.get(s.field).is_empty() && s.applies_to(access_mode) {
            missing.push(s.field);
            findings.push(
                s.field,
                Diagnostic::coded(m.code, format!("no {}: the pack is incomplete", s.label))
                    .with_help(m.help),
            );
        }
    }
    missing
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
