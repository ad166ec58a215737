//! Computing the plan: per EUO, the ASIDs (4.16, 4.17), the PROD applications bound to them one
//! to one (4.14–4.16) and the key pairs (4.2).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt::{self, Write as _};

use std::sync::Arc;

use crate::name::parse::is_spaced_dash_run;
use crate::name::{self, CheckOptions, NameRequest};
use crate::{AccessMode, Capability, Diagnostic, Environment};

use super::codes;
use super::pattern::{Pattern, Values};
use super::request::{Access, Euo, PlanRequest, Platform, Service, is_plausible_ods};

/// Sets where a plan's finding points: the EUO (its index, and its CSV line when imported).
pub(crate) trait OnEuo {
    /// The finding, about EUO `index`.
    #[must_use]
    fn on_euo(self, index: usize, euo: &Euo) -> Self;
}

impl OnEuo for Diagnostic {
    fn on_euo(self, index: usize, euo: &Euo) -> Self {
        let d = self.with_euo(index).with_part("euos");
        match euo.line {
            Some(line) => d.with_line(line),
            None => d,
        }
    }
}

/// Notes of one code beyond this many are folded into one summary note, so 10,000 rows with
/// the same problem stay readable.
pub const NOTES_PER_CODE: usize = 100;

/// Collects notes, folding the excess of each code into a count.
#[derive(Default)]
pub(crate) struct Notes {
    notes: Vec<Diagnostic>,
    per_code: HashMap<&'static str, usize>,
}

impl Notes {
    pub(crate) fn push(&mut self, note: Diagnostic) {
        let count = self.per_code.entry(note.code).or_insert(0);
        *count += 1;
        if *count <= NOTES_PER_CODE {
            self.notes.push(note);
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.per_code.is_empty()
    }

    pub(crate) fn has_errors(&self) -> bool {
        self.notes.iter().any(Diagnostic::is_error)
    }

    pub(crate) fn finish(mut self) -> Vec<Diagnostic> {
        let mut extra: Vec<(&'static str, usize)> = self
            .per_code
            .iter()
            .filter(|&(_, &n)| n > NOTES_PER_CODE)
            .map(|(&code, &n)| (code, n - NOTES_PER_CODE))
            .collect();
        extra.sort_unstable();
        for (code, more) in extra {
            let like = self.notes.iter().find(|n| n.code == code).cloned();
            if let Some(like) = like {
                self.notes.push(Diagnostic::new(
                    code,
                    like.severity,
                    format!("… and {more} more like this ({code}), not listed one by one"),
                    like.rule,
                ));
            }
        }
        self.notes
    }
}

/// An ASID the plan asks NHS for. Its value is NHS's to allocate (Spine Directory Service): the
/// plan names and counts ASIDs and never invents a number.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PlannedAsid {
    /// The EUO's name (with its ODS code added, or a counter, only where two EUOs share a name).
    pub organisation: Arc<str>,
    /// The EUO's ODS code, when given.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub ods_code: Option<Arc<str>>,
    /// The name, as 4.16 writes it: `[Organisation] - [Product] – Prod - User-Restricted (ASID 1)`.
    pub name: String,
    /// The number in the name: 1, 2, 3… within the EUO.
    pub number: usize,
    /// The e-RS access mode; `None` for the APIM-platform services ASID (4.17).
    pub access_mode: Option<AccessMode>,
    /// The capability, for application-restricted access.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub capability: Option<Capability>,
    /// The business function NHS sets on the application (`REFERRER_AUTHORISED_APPLICATION`…).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub business_function: Option<&'static str>,
    /// The APIM-platform services this ASID is for (4.17); empty for e-RS ASIDs.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub services: Vec<String>,
    /// What it is for, in words.
    pub purpose: Cow<'static, str>,
    /// `"4.16"` for e-RS ASIDs, `"4.17"` for the APIM-platform services ASID.
    pub rule: &'static str,
    /// Index of the EUO in the request.
    pub euo_index: usize,
    /// Index of its e-RS application in [`Plan::applications`]; `None` for the APIM ASID.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub application_index: Option<usize>,
}

/// A PROD application to register on the developer hub (4.1), bound to one ASID (4.16).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PlannedApplication {
    /// Its name per 4.14: `[Supplier] - [App] - PROD - e-Referral Service, [Access mode]`.
    pub name: String,
    /// Always PROD (4.13).
    pub environment: Environment,
    /// Its one access mode (4.15).
    pub access_mode: AccessMode,
    /// The capability, for application-restricted access.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub capability: Option<Capability>,
    /// The business function NHS sets on it, for application-restricted access.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub business_function: Option<&'static str>,
    /// The one API to enable (4.15).
    pub api: &'static str,
    /// The EUO (as in its ASID).
    pub organisation: Arc<str>,
    /// The EUO's ODS code, when given.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub ods_code: Option<Arc<str>>,
    /// Index of its ASID in [`Plan::asids`].
    pub asid_index: usize,
    /// Key pairs to generate for it: always 1 (4.2).
    pub key_pairs: usize,
    /// `"4.14–4.16"`: named per 4.14, one API per 4.15, one application per ASID per 4.16.
    pub rule: &'static str,
}

/// The counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Totals {
    /// End-user organisations planned.
    pub euos: usize,
    /// ASIDs to ask NHS for.
    pub asids: usize,
    /// PROD applications to register.
    pub applications: usize,
    /// Key pairs to generate (one per application, 4.2).
    pub key_pairs: usize,
}

/// The go-live plan.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Plan {
    /// The product name used.
    pub product: String,
    /// The supplier name used in application names (the product's when none was given).
    pub supplier: String,
    /// The ways the product reaches e-RS, in 4.16's order.
    pub access: Vec<&'static str>,
    /// The other NHS services, as classified (4.17).
    pub services: Vec<Service>,
    /// Every ASID, EUO by EUO.
    pub asids: Vec<PlannedAsid>,
    /// Every PROD application, EUO by EUO.
    pub applications: Vec<PlannedApplication>,
    /// Warnings and explanations, each with its code and rule.
    pub notes: Vec<Diagnostic>,
    /// The counts.
    pub totals: Totals,
}

/// Why no plan could be made: every error found, not just the first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanError {
    /// The errors (severity error), in the order of the request's fields, each naming its part
    /// of the request (`product`, `euos`, `access`).
    pub problems: Vec<Diagnostic>,
}

impl PlanError {
    /// The code of the first problem (`ERS-P001`…), for callers that branch on one code; a
    /// `PlanError` always holds one, but an empty one says `invalid` rather than invent a code.
    pub fn code(&self) -> &'static str {
        self.problems.first().map_or("invalid", |n| n.code)
    }
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, note) in self.problems.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{}: {}", note.code, note.message)?;
            if let Some(help) = &note.help {
                write!(f, " {help}")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for PlanError {}

/// Collapses runs of whitespace (tabs, newlines, no-break spaces) to one space and trims.
pub(crate) fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// What 4.16 writes after `[Organisation] - [Product]` in an ASID name, up to the ASID's number:
/// ` – Prod - User-Restricted (ASID ` (the page writes an en dash before `Prod`).
fn asid_name_suffix(access_form: &str) -> String {
    format!(" – Prod - {access_form} (ASID ")
}

/// The access part of the name of the ASID for services on the NHS API platform (4.17).
const APIM_ASID_FORM: &str = "APIM Platform Services";

/// Makes a supplier name safe as the first part of a 4.14 application name. A dash with spaces
/// (or an en dash, or two dashes) between two words would end the supplier early, since 4.14's
/// parts are separated by ` - `: such a run becomes a plain hyphen, `Smith - Jones` →
/// `Smith-Jones`. Other text is kept as written (whitespace tidied).
pub fn supplier_part(s: &str) -> String {
    let s = collapse_whitespace(s);
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_alphanumeric() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_alphanumeric() {
            i += 1;
        }
        let run = &chars[start..i];
        if is_spaced_dash_run(run) && start > 0 && i < chars.len() {
            out.push('-');
        } else {
            out.extend(run);
        }
    }
    out
}

/// True when the checker cannot object to `text` inside the app part of a name: ASCII letters,
/// digits, single spaces and `' & . , ( ) / + = | ! # _ :`, and no dash. Names built from such
/// organisation names are proved clean once per plan (with [`crate::name::build`]) instead of
/// being checked one by one; any other organisation name gets the full check.
fn plain(text: &str) -> bool {
    text.bytes().all(|b| {
        b.is_ascii_alphanumeric()
            || matches!(
                b,
                b' ' | b'\''
                    | b'&'
                    | b'.'
                    | b','
                    | b'('
                    | b')'
                    | b'/'
                    | b'+'
                    | b'='
                    | b'|'
                    | b'!'
                    | b'#'
                    | b'_'
                    | b':'
            )
    })
}

/// Plans the go-live for `request`.
///
/// The rules, in order:
/// - per EUO, one ASID per way of reaching e-RS, numbered from 1 in 4.16's order
///   (user-restricted, application-restricted referrer, application-restricted provider) and
///   named as 4.16 writes it (`[Organisation] - [Product] – Prod - User-Restricted (ASID 1)`,
///   with the en dash before `Prod`);
/// - per EUO, when any APIM-platform service (PDS, EPS, SCR, or one the user says is on APIM)
///   is used, one more ASID for those services together (4.17), named
///   `[Organisation] - [Product] – Prod - APIM Platform Services (ASID n)`. Its applications are
///   those services' own, outside e-RS, so the plan lists no e-RS application for it;
/// - one PROD application per e-RS ASID (4.16's one-to-one mapping), with its one API (4.15)
///   and one key pair (4.2), named per 4.14:
///   `[Supplier] - [Product] for [Organisation] - PROD - e-Referral Service, User Restricted`
///   and `[Supplier] - [Product] Referrer for [Organisation] - PROD - e-Referral Service,
///   Application-Restricted` (`Provider` likewise). 4.14's pattern has no slot for the
///   organisation or the capability, yet each application is bound to one EUO's ASID and two
///   application-restricted applications per EUO need different names: they go into the app
///   part. The supplier is the product's name when none is given.
///
/// Nothing is merged or dropped: duplicate EUOs are planned as given and reported.
///
/// # Errors
///
/// [`PlanError`] listing every problem when the product name is empty (`ERS-P001`), there is
/// no EUO (`ERS-P002`), no way of reaching e-RS is chosen (`ERS-P003`) or an EUO has no name
/// (`ERS-P004`).
pub fn plan(request: &PlanRequest) -> Result<Plan, PlanError> {
    let Accepted {
        product,
        supplier_given,
        access,
        app_pattern,
        asid_pattern,
    } = accepted(request)?;
    let mut notes = Notes::default();
    let supplier = supplier_or_product(supplier_given, &product, &mut notes);
    let services = classify_services(&request.services, &mut notes);
    let apim: Vec<String> = services
        .iter()
        .filter(|s| s.platform == Platform::Apim)
        .map(|s| s.name.clone())
        .collect();
    let labels = organisation_labels(&request.euos, &mut notes);
    let supplier_part = supplier_in_names(&supplier, &mut notes);
    let parts_ok = names_pass_the_checker(&supplier_part, &product, &access, &mut notes);
    let templates = name_templates(&supplier_part, &product, &access);
    let apim_purpose = format!(
        "{}: services on the NHS API platform cannot share the e-RS ASID",
        apim.join(", ")
    );
    let shared = Shared {
        product: &product,
        supplier_part: &supplier_part,
        access: &access,
        templates: &templates,
        apim: &apim,
        apim_purpose: &apim_purpose,
        parts_ok,
        app_pattern: app_pattern.as_ref(),
        asid_pattern: asid_pattern.as_ref(),
    };
    let per_euo = access.len() + usize::from(!apim.is_empty());
    let mut out = Planned {
        asids: Vec::with_capacity(request.euos.len() * per_euo),
        applications: Vec::with_capacity(request.euos.len() * access.len()),
    };
    for (i, euo) in request.euos.iter().enumerate() {
        plan_euo(&shared, i, euo, &labels[i], &mut out, &mut notes);
    }
    let Planned {
        asids,
        applications,
    } = out;
    if app_pattern.is_some() || asid_pattern.is_some() {
        let problems = names_differ(&asids, &applications);
        if !problems.is_empty() {
            return Err(PlanError { problems });
        }
    }
    fixed_notes(&access, &services, &apim, &mut notes);

    let totals = Totals {
        euos: request.euos.len(),
        asids: asids.len(),
        applications: applications.len(),
        key_pairs: applications.iter().map(|a| a.key_pairs).sum(),
    };
    Ok(Plan {
        product,
        supplier,
        access: access.iter().map(|a| a.id()).collect(),
        services,
        asids,
        applications,
        notes: notes.finish(),
        totals,
    })
}

/// A request's fields as the plan uses them: the product and supplier with their spaces
/// collapsed, the access sorted once each, the user's naming patterns.
struct Accepted {
    product: String,
    supplier_given: Option<String>,
    access: Vec<Access>,
    app_pattern: Option<Pattern>,
    asid_pattern: Option<Pattern>,
}

/// The request, accepted; or every problem with it.
fn accepted(request: &PlanRequest) -> Result<Accepted, PlanError> {
    // A secret in any field is refused first, alone: the other problems may quote the fields.
    if let Some(refused) = secret_problem(request) {
        return Err(PlanError {
            problems: vec![refused],
        });
    }
    let product = collapse_whitespace(&request.product);
    let supplier_given = request
        .supplier
        .as_deref()
        .map(collapse_whitespace)
        .filter(|s| !s.is_empty());
    let mut access: Vec<Access> = request.access.clone();
    access.sort_unstable();
    access.dedup();
    let mut problems = problems(request, &product, &access);
    let (app_pattern, asid_pattern) = patterns(request, &access, &mut problems);
    if !problems.is_empty() {
        return Err(PlanError { problems });
    }
    Ok(Accepted {
        product,
        supplier_given,
        access,
        app_pattern,
        asid_pattern,
    })
}

/// A private key in any field of the request (`ERS-P005`), named by its field, not repeated.
fn secret_problem(request: &PlanRequest) -> Option<Diagnostic> {
    use crate::secret::check;
    fn named(s: &'static str) -> impl FnOnce() -> String {
        move || s.to_owned()
    }
    let found = check(&request.product, named("the product name"))
        .and_then(|()| {
            check(
                request.supplier.as_deref().unwrap_or(""),
                named("the supplier name"),
            )
        })
        .and_then(|()| {
            check(
                request.app_name_pattern.as_deref().unwrap_or(""),
                named("the application name pattern"),
            )
        })
        .and_then(|()| {
            check(
                request.asid_name_pattern.as_deref().unwrap_or(""),
                named("the ASID name pattern"),
            )
        })
        .and_then(|()| {
            request.euos.iter().enumerate().try_for_each(|(i, e)| {
                check(&e.name, || format!("euos[{i}].name"))?;
                check(e.ods_code.as_deref().unwrap_or(""), || {
                    format!("euos[{i}].ods_code")
                })
            })
        })
        .and_then(|()| {
            request
                .services
                .iter()
                .enumerate()
                .try_for_each(|(i, s)| check(&s.name, || format!("services[{i}].name")))
        })
        .err()?;
    let part = match found.field.as_str() {
        f if f.starts_with("euos") => "euos",
        f if f.starts_with("services") => "services",
        f if f.contains("supplier") => "supplier",
        f if f.contains("application name pattern") => "app_name_pattern",
        f if f.contains("ASID name pattern") => "asid_name_pattern",
        _ => "product",
    };
    Some(
        found
            .refusal(codes::FIELD_SECRET, "was refused")
            .with_part(part),
    )
}

/// The errors that stop a plan: no product, no EUO, no access, an EUO without a name.
fn problems(request: &PlanRequest, product: &str, access: &[Access]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    if product.is_empty() {
        problems.push(
            Diagnostic::coded(codes::PRODUCT_EMPTY, "the product name is empty")
                .with_part("product")
                .with_help("give the product's name: it goes into every ASID name (4.16) and application name (4.14)"),
        );
    }
    if request.euos.is_empty() {
        problems.push(
            Diagnostic::coded(codes::NO_EUO, "there is no end-user organisation")
                .with_part("euos")
                .with_help("add at least one end-user organisation (EUO), typed in or imported from CSV: each needs its own ASIDs (4.16)"),
        );
    }
    if access.is_empty() {
        problems.push(
            Diagnostic::coded(codes::NO_ACCESS_MODE, "no access mode is chosen")
                .with_part("access")
                .with_help("choose user-restricted, application-restricted referrer or application-restricted provider, or more than one"),
        );
    }
    for (i, euo) in request.euos.iter().enumerate() {
        if collapse_whitespace(&euo.name).is_empty() {
            problems.push(
                Diagnostic::coded(
                    codes::EUO_NAMELESS,
                    format!("{} has no name", describe(i, euo)),
                )
                .with_help("give the organisation's name, or remove the entry")
                .on_euo(i, euo),
            );
        }
    }
    problems
}

/// The naming patterns the request gives, read (`None` where it gives the default or none);
/// a pattern that cannot name every application differently is a problem (`ERS-P006`).
fn patterns(
    request: &PlanRequest,
    access: &[Access],
    problems: &mut Vec<Diagnostic>,
) -> (Option<Pattern>, Option<Pattern>) {
    use super::pattern::{
        APP_PLACEHOLDERS, ASID_PLACEHOLDERS, DEFAULT_APP_PATTERN, DEFAULT_ASID_PATTERN,
    };
    let given = |p: &Option<String>, default: &str| {
        p.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty() && *t != default)
            .map(str::to_owned)
    };
    let mut read = |text: Option<String>, allowed, part: &'static str, what: &str| {
        let text = text?;
        match Pattern::parse(&text, allowed) {
            Ok(p) => Some(p),
            Err(why) => {
                problems.push(
                    Diagnostic::coded(codes::NAME_PATTERN, format!("the {what} pattern: {why}"))
                        .with_part(part),
                );
                None
            }
        }
    };
    let app = read(
        given(&request.app_name_pattern, DEFAULT_APP_PATTERN),
        &APP_PLACEHOLDERS[..],
        "app_name_pattern",
        "application name",
    );
    let asid = read(
        given(&request.asid_name_pattern, DEFAULT_ASID_PATTERN),
        &ASID_PLACEHOLDERS[..],
        "asid_name_pattern",
        "ASID name",
    );
    let many_euos = request.euos.len() > 1;
    let both_capabilities = access.iter().filter(|a| a.capability().is_some()).count() > 1;
    if let Some(p) = &app {
        if many_euos && !p.uses("organisation") && !p.uses("ods") {
            problems.push(Diagnostic::coded(codes::NAME_PATTERN, "the application name pattern has no {organisation} or {ods}, so the organisations' applications would have the same name").with_part("app_name_pattern").with_help("put {organisation} or {ods} in it: each application is bound to one organisation's ASID (4.16)"));
        }
        if both_capabilities && !p.uses("capability") {
            problems.push(Diagnostic::coded(codes::NAME_PATTERN, "the application name pattern has no {capability}, so the referrer and provider applications would have the same name").with_part("app_name_pattern").with_help("put {capability} in it: each capability needs its own application (4.16)"));
        }
    }
    if let Some(p) = &asid {
        if many_euos && !p.uses("organisation") && !p.uses("ods") {
            problems.push(Diagnostic::coded(codes::NAME_PATTERN, "the ASID name pattern has no {organisation} or {ods}, so the organisations' ASIDs would have the same name").with_part("asid_name_pattern").with_help("put {organisation} or {ods} in it: an ASID stands for one organisation (4.16)"));
        }
        if access.len() > 1 && !p.uses("access") && !p.uses("n") {
            problems.push(Diagnostic::coded(codes::NAME_PATTERN, "the ASID name pattern has no {access} or {n}, so an organisation's ASIDs would have the same name").with_part("asid_name_pattern").with_help("put {access} or {n} in it: each access has its own ASID (4.16)"));
        }
    }
    (app, asid)
}

/// With a pattern of the user's, the names that come out the same (two organisations with the
/// same ODS code, say): each is a problem (`ERS-P006`), naming the first two.
fn names_differ(asids: &[PlannedAsid], applications: &[PlannedApplication]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (what, part, names) in [
        (
            "applications",
            "app_name_pattern",
            applications
                .iter()
                .map(|a| a.name.as_str())
                .collect::<Vec<_>>(),
        ),
        (
            "ASIDs",
            "asid_name_pattern",
            asids.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(),
        ),
    ] {
        let mut seen: HashMap<&str, usize> = HashMap::with_capacity(names.len());
        for (i, name) in names.iter().enumerate() {
            if let Some(&first) = seen.get(name) {
                problems.push(Diagnostic::coded(codes::NAME_PATTERN, format!("the pattern gives {what} {} and {} the same name, {name:?}", first + 1, i + 1)).with_part(part).with_help("put {organisation} in the pattern, or give the organisations different ODS codes"));
                break;
            }
            seen.insert(name, i);
        }
    }
    problems
}

/// The supplier as given, or the product's name (noted) when none was given.
fn supplier_or_product(given: Option<String>, product: &str, notes: &mut Notes) -> String {
    match given {
        Some(s) => s,
        None => {
            notes.push(Diagnostic::coded(codes::SUPPLIER_DEFAULT, format!("no supplier name was given, so application names use the product's name, {product:?}, as the supplier"),
            ).with_part("supplier").with_help("give the supplier's name (4.14: `[Supplier name] - [App name] - …`) if it differs"));
            product.to_owned()
        }
    }
}

/// The supplier as application names write it (a spaced dash joined, noted).
fn supplier_in_names(supplier: &str, notes: &mut Notes) -> String {
    let supplier_part = supplier_part(supplier);
    if supplier_part != supplier {
        notes.push(
            Diagnostic::coded(codes::SUPPLIER_DASH, format!("the supplier name {supplier:?} holds a dash between spaces, which 4.14 uses to separate the supplier from the app; application names write it as {supplier_part:?}"),
            )
            .with_part("supplier")
            .with_help("give the supplier name without the spaced dash if another spelling suits better"),
        );
    }
    supplier_part
}

/// Whether the names of every access, with a plain organisation, pass the 4.14 builder and
/// checker (each failure noted).
fn names_pass_the_checker(
    supplier_part: &str,
    product: &str,
    access: &[Access],
    notes: &mut Notes,
) -> bool {
    // Supplier and product are the same in every name: build one name per access with a plain
    // organisation, so the 4.14 builder and checker vouch for those parts once.
    let mut parts_ok = true;
    for &a in access {
        let app = app_part(product, "Organisation", a);
        if let Err(err) = name::build(&NameRequest::prod(supplier_part, &app, a.mode())) {
            parts_ok = false;
            notes.push(
                Diagnostic::coded(
                    codes::APP_NAME_INVALID,
                    format!(
                        "the {} application names do not pass the 4.14 name checker: {err}",
                        a.id()
                    ),
                )
                .with_help(
                    "change the supplier or product name so the names read as 4.14's pattern",
                ),
            );
        }
    }
    parts_ok
}

/// Per access: the ASID name after `[Organisation] - [Product]`, and the application name
/// before and after `[Organisation]`.
fn name_templates(
    supplier_part: &str,
    product: &str,
    access: &[Access],
) -> Vec<(String, String, String)> {
    // Per access: the ASID name after `[Organisation] - [Product]`, and the application name
    // around `[Organisation]`, so each name is three copies into one allocation. They are the
    // same strings [`application_name`] builds (a test holds them equal).
    access
        .iter()
        .map(|&a| {
            let asid_suffix = asid_name_suffix(&a.asid_form());
            let marker = "\u{0}";
            let whole = application_name(supplier_part, product, marker, a);
            let (prefix, suffix) = whole.rsplit_once(marker).unwrap_or((&whole, ""));
            (asid_suffix, prefix.to_owned(), suffix.to_owned())
        })
        .collect()
}

/// What every EUO's plan reads: the product, the access, the name templates, the APIM services.
struct Shared<'a> {
    product: &'a str,
    supplier_part: &'a str,
    /// The user's `[App name]` pattern, when not the default.
    app_pattern: Option<&'a Pattern>,
    /// The user's ASID name pattern, when not the default.
    asid_pattern: Option<&'a Pattern>,
    access: &'a [Access],
    templates: &'a [(String, String, String)],
    apim: &'a [String],
    apim_purpose: &'a str,
    /// The supplier and product parts passed the checker: plain organisations need no check.
    parts_ok: bool,
}

/// The ASIDs and applications planned so far.
struct Planned {
    asids: Vec<PlannedAsid>,
    applications: Vec<PlannedApplication>,
}

/// Plans one EUO: an ASID and an application per access, and the APIM services ASID.
fn plan_euo(
    shared: &Shared<'_>,
    i: usize,
    euo: &Euo,
    org: &str,
    out: &mut Planned,
    notes: &mut Notes,
) {
    let Planned {
        asids,
        applications,
    } = out;
    // Shared by the EUO's ASIDs and applications (one allocation, not one per line).
    let org_shared: Arc<str> = Arc::from(org);
    let ods_shared: Option<Arc<str>> = euo.ods_code.as_deref().map(Arc::from);
    // A name made by the user's pattern is checked like any unusual one.
    let checked = !shared.parts_ok || !plain(org) || shared.app_pattern.is_some();
    let ods = euo.ods_code.as_deref().unwrap_or("");
    let mut number = 0;
    for (k, &a) in shared.access.iter().enumerate() {
        number += 1;
        let (asid_suffix, app_prefix, app_suffix) = &shared.templates[k];
        let values = Values {
            product: shared.product,
            capability: a.capability().map_or("", Capability::title),
            organisation: org,
            ods,
            access: &a.asid_form(),
            n: number,
        };
        let name = match shared.asid_pattern {
            Some(p) => p.render(&values),
            None => asid_name(org, shared.product, asid_suffix, number),
        };
        let mode = a.mode();
        let capability = a.capability();
        let business_function = capability.map(Capability::business_function);
        let purpose = Cow::Borrowed(access_purpose(capability));
        let asid_index = asids.len();
        let app_index = applications.len();
        asids.push(PlannedAsid {
            organisation: Arc::clone(&org_shared),
            ods_code: ods_shared.clone(),
            name,
            number,
            access_mode: Some(mode),
            capability,
            business_function,
            services: Vec::new(),
            purpose,
            rule: "4.16",
            euo_index: i,
            application_index: Some(app_index),
        });
        let app_name = app_name(shared, &values, mode, (app_prefix, app_suffix));
        check_app_name(&app_name, mode, checked, i, euo, notes);
        applications.push(PlannedApplication {
            name: app_name,
            environment: Environment::Prod,
            access_mode: mode,
            capability,
            business_function,
            api: mode.api(),
            organisation: Arc::clone(&org_shared),
            ods_code: ods_shared.clone(),
            asid_index,
            key_pairs: 1,
            rule: "4.14–4.16",
        });
    }
    if !shared.apim.is_empty() {
        number += 1;
        asids.push(apim_asid(shared, i, org, &org_shared, &ods_shared, number));
    }
}

/// An application's name: by the user's pattern, or the template around the organisation.
fn app_name(
    shared: &Shared<'_>,
    values: &Values<'_>,
    mode: AccessMode,
    (prefix, suffix): (&str, &str),
) -> String {
    if let Some(p) = shared.app_pattern {
        return name::canonical(
            shared.supplier_part,
            &p.render(values),
            Environment::Prod,
            mode,
        );
    }
    let org = values.organisation;
    let mut n = String::with_capacity(prefix.len() + org.len() + suffix.len());
    n.push_str(prefix);
    n.push_str(org);
    n.push_str(suffix);
    n
}

/// An ASID's 4.16 name: `[Organisation] - [Product]` then the access's suffix and the number.
fn asid_name(org: &str, product: &str, suffix: &str, number: usize) -> String {
    let mut name = String::with_capacity(org.len() + product.len() + suffix.len() + 8);
    name.push_str(org);
    name.push_str(" - ");
    name.push_str(product);
    name.push_str(suffix);
    push_number(&mut name, number);
    name.push(')');
    name
}

/// What an ASID for this access is for, in words (4.16).
fn access_purpose(capability: Option<Capability>) -> &'static str {
    match capability {
        None => "e-RS user-restricted access: healthcare workers signed in with NHS CIS2",
        Some(Capability::Referrer) => {
            "e-RS application-restricted (unattended) access as a referrer; NHS sets REFERRER_AUTHORISED_APPLICATION"
        }
        Some(Capability::Provider) => {
            "e-RS application-restricted (unattended) access as a provider; NHS sets PROVIDER_AUTHORISED_APPLICATION"
        }
    }
}

/// The EUO's APIM services ASID (4.17), numbered after its access ASIDs.
fn apim_asid(
    shared: &Shared<'_>,
    i: usize,
    org: &str,
    org_shared: &Arc<str>,
    ods_shared: &Option<Arc<str>>,
    number: usize,
) -> PlannedAsid {
    PlannedAsid {
        organisation: Arc::clone(org_shared),
        ods_code: ods_shared.clone(),
        name: match shared.asid_pattern {
            Some(p) => p.render(&Values {
                product: shared.product,
                organisation: org,
                ods: ods_shared.as_deref().unwrap_or(""),
                access: APIM_ASID_FORM,
                n: number,
                ..Values::default()
            }),
            None => asid_name(
                org,
                shared.product,
                &asid_name_suffix(APIM_ASID_FORM),
                number,
            ),
        },
        number,
        access_mode: None,
        capability: None,
        business_function: None,
        services: shared.apim.to_vec(),
        purpose: Cow::Owned(shared.apim_purpose.to_owned()),
        rule: "4.17",
        euo_index: i,
        application_index: None,
    }
}

/// Notes the planned application name when the 4.14 name checker rejects it. The checker runs
/// only when it could: the organisation is not plain, or the name is too long.
fn check_app_name(
    app_name: &str,
    mode: AccessMode,
    checked: bool,
    i: usize,
    euo: &Euo,
    notes: &mut Notes,
) {
    if !checked && (app_name.len() <= name::MAX_LEN || app_name.chars().count() <= name::MAX_LEN) {
        return;
    }
    let options = CheckOptions {
        environment: Some(Environment::Prod),
        access_mode: Some(mode),
    };
    let result = name::check(app_name, &options);
    if let Some(d) = result.diagnostics.iter().find(|d| d.is_error()) {
        notes.push(
            Diagnostic::coded(codes::APP_NAME_INVALID, format!("{}: the application name {app_name:?} does not pass the 4.14 name checker ({}: {})", describe(i, euo), d.code, crate::words::clause(&d.message)),
            )
            .with_help("shorten or simplify the organisation's name as it appears in the plan")
            .on_euo(i, euo),
        );
    }
}

/// The app part of an application's name (4.14's `[App name]`): `[Product] for
/// [Organisation]`, or `[Product] Referrer for [Organisation]` (`Provider` likewise) for
/// application-restricted access.
pub fn app_part(product: &str, organisation: &str, access: Access) -> String {
    match access.capability() {
        None => format!("{product} for {organisation}"),
        Some(c) => format!("{product} {} for {organisation}", c.title()),
    }
}

/// The 4.14 name of the application for `access` at one EUO, in the canonical form
/// `[Supplier] - [App] - PROD - e-Referral Service, [Access mode]` (the form of 4.14's Stage 4
/// examples, as the name builder writes it).
pub fn application_name(
    supplier: &str,
    product: &str,
    organisation: &str,
    access: Access,
) -> String {
    name::canonical(
        supplier,
        &app_part(product, organisation, access),
        Environment::Prod,
        access.mode(),
    )
}

/// Appends a small number in decimal.
fn push_number(out: &mut String, n: usize) {
    let _ = write!(out, "{n}");
}

/// "EUO 3 (line 4)" or "EUO 3": how messages point at an EUO.
pub(crate) fn describe(index: usize, euo: &Euo) -> String {
    match euo.line {
        Some(line) => format!("EUO {} (line {line})", index + 1),
        None => format!("EUO {}", index + 1),
    }
}

/// The organisation as written in names: its name, made unique where EUOs share one. Reports
/// duplicates (`ERS-P010`) and unusual ODS codes (`ERS-P011`).
fn organisation_labels(euos: &[Euo], notes: &mut Notes) -> Vec<String> {
    let names: Vec<String> = euos.iter().map(|e| collapse_whitespace(&e.name)).collect();
    let by_name = same_names(euos, &names, notes);
    // Names shared by several EUOs get the ODS code, or else a counter, so every ASID and
    // application name in the plan is different.
    if by_name.values().all(|v| v.count == 1) {
        // No two EUOs share a name (in any case): the names are the labels, all different.
        return names;
    }
    unique_labels(euos, &names, &by_name)
}

/// Groups the EUOs by name (in any case), noting unusual ODS codes and each EUO that has the
/// same name or ODS code as an earlier one.
fn same_names(euos: &[Euo], names: &[String], notes: &mut Notes) -> HashMap<String, SameName> {
    // Per name (in any case): how many EUOs have it, the first of them, the first without an ODS
    // code, and the first with each ODS code, so each EUO's duplicate is found in O(1) whatever
    // the number of EUOs sharing a name (no scan of the earlier ones).
    let mut by_name: HashMap<String, SameName> = HashMap::with_capacity(euos.len());
    let mut by_ods: HashMap<String, usize> = HashMap::with_capacity(euos.len());
    for (i, euo) in euos.iter().enumerate() {
        check_ods(i, euo, &names[i], notes);
        let key = names[i].to_lowercase();
        let same_name = by_name.entry(key).or_default();
        let ods_key = euo.ods_code.as_ref().map(|c| c.to_ascii_uppercase());
        // The first earlier EUO of the same name that either has no ODS code, or has the same
        // one; or any earlier one when this EUO has no ODS code.
        let duplicate_of = match &ods_key {
            None => same_name.first,
            Some(k) => match (same_name.first_without_ods, same_name.by_ods.get(k)) {
                (Some(a), Some(&b)) => Some(a.min(b)),
                (a, b) => a.or(b.copied()),
            },
        }
        .map(|j| (j, "the same name"))
        .or_else(|| {
            ods_key
                .as_ref()
                .and_then(|k| by_ods.get(k))
                .map(|&j| (j, "the same ODS code"))
        });
        if let Some((j, what)) = duplicate_of {
            notes.push(
                Diagnostic::coded(codes::EUO_DUPLICATE, format!(
                        "{} {:?} has {what} as {} {:?}: both are planned, so this organisation gets its ASIDs twice",
                        describe(i, euo),
                        names[i],
                        describe(j, &euos[j]),
                        names[j]
                    ),
                )
                .with_help("remove one of them if they are the same organisation")
                .on_euo(i, euo),
            );
        }
        same_name.count += 1;
        if same_name.first.is_none() {
            same_name.first = Some(i);
        }
        match &ods_key {
            None if same_name.first_without_ods.is_none() => same_name.first_without_ods = Some(i),
            None => {}
            Some(k) => {
                same_name.by_ods.entry(k.clone()).or_insert(i);
            }
        }
        if let Some(k) = ods_key {
            by_ods.entry(k).or_insert(i);
        }
    }
    by_name
}

/// Notes an EUO's ODS code when it does not look like one, or is not in capitals.
fn check_ods(i: usize, euo: &Euo, name: &str, notes: &mut Notes) {
    if let Some(ods) = &euo.ods_code {
        if !is_plausible_ods(ods) {
            notes.push(
                Diagnostic::coded(codes::ODS_UNUSUAL, format!("{}, {:?}: the ODS code {ods:?} is unusual: ODS codes are 1 to 9 letters and digits (e.g. R69, RCD, G3472185)", describe(i, euo), name),
                )
                .with_help("check the code in the ODS register; it is kept as given")
                .on_euo(i, euo),
            );
        } else if ods.bytes().any(|b| b.is_ascii_lowercase()) {
            notes.push(
                Diagnostic::coded(codes::ODS_UNUSUAL, format!("{}, {:?}: the ODS code {ods:?} has lowercase letters; ODS codes are written in capitals ({:?})", describe(i, euo), name, ods.to_ascii_uppercase()),
                )
                .with_help("it is kept as given; write it in capitals")
                .on_euo(i, euo),
            );
        }
    }
}

/// Each EUO's label: its name, with the ODS code when several EUOs share the name, and a
/// counter when that is still not unique.
fn unique_labels(
    euos: &[Euo],
    names: &[String],
    by_name: &HashMap<String, SameName>,
) -> Vec<String> {
    let mut labels: Vec<String> = Vec::with_capacity(euos.len());
    let mut taken: HashSet<String> = HashSet::with_capacity(euos.len());
    // The last counter tried per label (in any case), so the n-th EUO of a name tries one
    // label, not n: linear, not quadratic, in the number of EUOs sharing a name.
    let mut counters: HashMap<String, usize> = HashMap::new();
    for (i, euo) in euos.iter().enumerate() {
        let key = names[i].to_lowercase();
        let shared = by_name.get(&key).is_some_and(|v| v.count > 1);
        let base = match (&euo.ods_code, shared) {
            (Some(ods), true) => format!("{} ({})", names[i], collapse_whitespace(ods)),
            _ => names[i].clone(),
        };
        let mut label = base.clone();
        if !taken.insert(label.to_lowercase()) {
            let n = counters.entry(base.to_lowercase()).or_insert(1);
            loop {
                *n += 1;
                label = format!("{base} ({n})");
                if taken.insert(label.to_lowercase()) {
                    break;
                }
            }
        }
        labels.push(label);
    }
    labels
}

/// What [`organisation_labels`] knows of the EUOs seen so far with one name.
#[derive(Default)]
struct SameName {
    count: usize,
    first: Option<usize>,
    first_without_ods: Option<usize>,
    by_ods: HashMap<String, usize>,
}

/// Classifies the services, once each, and asks about unknown ones (`ERS-P012`).
fn classify_services(given: &[Service], notes: &mut Notes) -> Vec<Service> {
    let mut out: Vec<Service> = Vec::with_capacity(given.len());
    for service in given {
        let name = collapse_whitespace(&service.name);
        if name.is_empty() || out.iter().any(|s| s.name.eq_ignore_ascii_case(&name)) {
            continue;
        }
        let service = Service::new(name, service.platform);
        if service.platform == Platform::Unknown {
            notes.push(
                Diagnostic::coded(codes::SERVICE_UNKNOWN, format!("{:?} is not a service 4.17 names, so the plan cannot tell whether it may share the e-RS ASID; it is left out of the plan", service.name),
                )
                .with_part("services")
                .with_help("say whether it is on the NHS API platform (APIM): then it needs the separate ASID for APIM-platform services; otherwise it may share the e-RS ASID (`apim:NAME` or `shareable:NAME` on the command line)"),
            );
        }
        out.push(service);
    }
    out
}

/// The key pair each PROD application gets (4.2): RSA of this many bits, NHS's guidance.
pub const KEY_BITS: usize = 4096;

/// The algorithm its client assertions are signed with (4.2).
pub const KEY_ALG: &str = "RS512";

/// What the token server asks of a published key, for the key-pair note (FACTS §4).
const KEY_HELP: &str = "4096 bits is NHS's guidance: the token server does not check key size (under 2048 bits is unsafe); a JWK without \"alg\" is fine (most NHS-hosted keys have none; when present it must be RS512); check the JWKS before publishing it (Check a JWKS, with the keys)";

/// The notes every plan of this shape carries.
fn fixed_notes(access: &[Access], services: &[Service], apim: &[String], notes: &mut Notes) {
    notes.push(Diagnostic::coded(codes::ASIDS_ALLOCATED, "ASID values are allocated by NHS (Spine Directory Service): this plan counts and names the ASIDs to ask for and never invents their numbers",
    ).with_help("write each ASID NHS gives you against its name; each application is bound to exactly one ASID"));
    notes.push(Diagnostic::coded(codes::KEY_PAIR_EACH, format!("one key pair per application: generate an RSA {KEY_BITS}-bit key pair ({KEY_ALG}) for each PROD application and publish its public key in that application's JWKS"),
    ).with_help(KEY_HELP));
    if !apim.is_empty() {
        notes.push(Diagnostic::coded(codes::APIM_SEPARATE, format!("{}: services on the NHS API platform cannot share the e-RS ASID, so each EUO gets one separate ASID for these services together", apim.join(", ")),
        ).with_help("the applications for these services are registered under their own onboarding, not as e-RS applications, so this plan lists no e-RS application or key pair for that ASID"));
    }
    let shareable: Vec<&Service> = services
        .iter()
        .filter(|s| s.platform == Platform::Shareable)
        .collect();
    if !shareable.is_empty() {
        let list: Vec<&str> = shareable.iter().map(|s| s.name.as_str()).collect();
        notes.push(Diagnostic::coded(codes::SHAREABLE, format!("{}: services outside the NHS API platform may share the e-RS ASID, so they need no ASID of their own here", list.join(", ")),
        ));
    }
    if shareable.iter().any(|s| s.is_gp_connect()) {
        notes.push(Diagnostic::coded(codes::GP_CONNECT, "GP Connect's own rules ask for ASIDs registered for GP Connect (developer.nhs.uk/apis/gpconnect-1-5-1/integration_sds_registering_endpoints.html): check with NHS that GP Connect may use the e-RS ASID before relying on sharing",
        ));
    }
    if access.contains(&Access::UserRestricted) {
        notes.push(Diagnostic::coded(codes::SINGLE_ASID_UNCONFIRMED, "Unconfirmed: a 2025 comment in NHS's e-RS proxy mentions a single ASID per connecting party for user-restricted access, with an allow-list of ODS codes; the published guidance (4.16) still says one ASID per EUO, which this plan follows",
        ).with_help("ask the e-RS Partners team which applies to you before requesting the ASIDs"));
    }
}

/// What the plan will say about the organisations themselves, said as soon as they are
/// imported or typed: each one with the same name or ODS code as an earlier one (`ERS-P010`),
/// and unusual ODS codes (`ERS-P011`), the same notes, in the same words, as the plan's.
pub fn euo_notes(euos: &[Euo]) -> Vec<Diagnostic> {
    let mut notes = Notes::default();
    let names: Vec<String> = euos.iter().map(|e| collapse_whitespace(&e.name)).collect();
    same_names(euos, &names, &mut notes);
    notes.finish()
}

/// The EUOs that repeat an earlier one exactly: the same name (in any case, spacing aside) and
/// the same ODS code (in any case), or both without one. These are the `ERS-P010` duplicates it
/// is safe to remove in bulk; two EUOs sharing only an ODS code, or a name with different codes,
/// are left for the user to judge. Indices ascend; the first of each is kept.
pub fn repeated_euos(euos: &[Euo]) -> Vec<usize> {
    let mut seen: HashSet<(String, Option<String>)> = HashSet::with_capacity(euos.len());
    let mut repeated = Vec::new();
    for (i, euo) in euos.iter().enumerate() {
        let key = (
            collapse_whitespace(&euo.name).to_lowercase(),
            euo.ods_code.as_ref().map(|c| c.trim().to_ascii_uppercase()),
        );
        if !seen.insert(key) {
            repeated.push(i);
        }
    }
    repeated
}
