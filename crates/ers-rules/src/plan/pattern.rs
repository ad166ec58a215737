//! Naming patterns the supplier shapes: the `[App name]` part of each application's 4.14 name,
//! and each ASID's name (4.16). A pattern is text with placeholders in braces, e.g.
//! `{product} {capability} for {organisation}`; the defaults are what 4.14 and 4.16 show, with
//! the organisation and capability that make every name in a plan different.

use std::fmt::Write as _;

/// The default `[App name]` pattern: `Care Vista Link Referrer for Leeds Teaching Hospitals`.
/// `{capability}` is empty for user-restricted access.
pub const DEFAULT_APP_PATTERN: &str = "{product} {capability} for {organisation}";

/// The default ASID name pattern, as 4.16 writes its examples (with its en dash before `Prod`):
/// `Leeds Teaching Hospitals - Care Vista Link – Prod - User-Restricted (ASID 1)`.
pub const DEFAULT_ASID_PATTERN: &str = "{organisation} - {product} – Prod - {access} (ASID {n})";

/// The placeholders of an application name's pattern, with what each becomes.
pub const APP_PLACEHOLDERS: [(&str, &str); 4] = [
    ("product", "the product's name"),
    (
        "capability",
        "Referrer or Provider for application-restricted access, nothing for user-restricted",
    ),
    ("organisation", "the end-user organisation's name"),
    (
        "ods",
        "the organisation's ODS code (its name when it has none)",
    ),
];

/// The placeholders of an ASID name's pattern, with what each becomes.
pub const ASID_PLACEHOLDERS: [(&str, &str); 5] = [
    ("organisation", "the end-user organisation's name"),
    (
        "ods",
        "the organisation's ODS code (its name when it has none)",
    ),
    ("product", "the product's name"),
    (
        "access",
        "the access as 4.16 writes it: User-Restricted, Application-Restricted - Referrer…",
    ),
    ("n", "the ASID's number within the organisation: 1, 2, 3"),
];

/// One piece of a pattern: text as written, or a placeholder's index in its list.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Piece {
    Text(String),
    Slot(usize),
}

/// A pattern read and checked against its placeholders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    pieces: Vec<Piece>,
    names: Vec<&'static str>,
}

/// What the placeholders of one name stand for.
#[derive(Clone, Copy, Debug, Default)]
pub struct Values<'a> {
    /// `{product}`.
    pub product: &'a str,
    /// `{capability}`: `Referrer`, `Provider` or empty.
    pub capability: &'a str,
    /// `{organisation}`.
    pub organisation: &'a str,
    /// `{ods}`: the ODS code, or empty (then the organisation stands in).
    pub ods: &'a str,
    /// `{access}`.
    pub access: &'a str,
    /// `{n}`.
    pub n: usize,
}

impl Pattern {
    /// Reads `text` with the placeholders `allowed` (`APP_PLACEHOLDERS` or `ASID_PLACEHOLDERS`).
    ///
    /// # Errors
    /// What is wrong, in a sentence fragment: an unknown placeholder (naming the ones there
    /// are), a `{` not closed, or an empty pattern.
    pub fn parse(text: &str, allowed: &[(&'static str, &str)]) -> Result<Self, String> {
        let names: Vec<&'static str> = allowed.iter().map(|(n, _)| *n).collect();
        let list = || {
            names
                .iter()
                .map(|n| format!("{{{n}}}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if text.trim().is_empty() {
            return Err(format!(
                "the pattern is empty: use placeholders such as {}",
                list()
            ));
        }
        let mut pieces = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                pieces.push(Piece::Text(rest[..open].to_owned()));
            }
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else {
                return Err(format!(
                    "a `{{` is not closed: write placeholders as {}",
                    list()
                ));
            };
            let name = after[..close].trim().to_ascii_lowercase();
            match names.iter().position(|n| *n == name) {
                Some(i) => pieces.push(Piece::Slot(i)),
                None => {
                    return Err(format!(
                        "`{{{}}}` is not a placeholder: use {}",
                        &after[..close],
                        list()
                    ));
                }
            }
            rest = &after[close + 1..];
        }
        if !rest.is_empty() {
            pieces.push(Piece::Text(rest.to_owned()));
        }
        Ok(Pattern { pieces, names })
    }

    /// True when the pattern uses the placeholder `name`.
    pub fn uses(&self, name: &str) -> bool {
        self.pieces
            .iter()
            .any(|p| matches!(p, Piece::Slot(i) if self.names[*i] == name))
    }

    /// The name for `values`, its white space tidied (an empty `{capability}` leaves no double
    /// space).
    pub fn render(&self, v: &Values<'_>) -> String {
        let mut out = String::with_capacity(96);
        for piece in &self.pieces {
            match piece {
                Piece::Text(t) => out.push_str(t),
                Piece::Slot(i) => match self.names[*i] {
                    "product" => out.push_str(v.product),
                    "capability" => out.push_str(v.capability),
                    "organisation" => out.push_str(v.organisation),
                    "ods" => out.push_str(if v.ods.is_empty() {
                        v.organisation
                    } else {
                        v.ods
                    }),
                    "access" => out.push_str(v.access),
                    "n" => {
                        let _ = write!(out, "{}", v.n);
                    }
                    _ => {}
                },
            }
        }
        super::build::collapse_whitespace(&out)
    }
}

/// The choices 4.16 and 4.17 leave the supplier, in plain words, each with its rule: said where
/// the plan is made, so the naming model is explained, not imposed.
pub const CHOICES: [(&str, &str); 6] = [
    (
        "4.16",
        "Each PROD application is bound to one ASID, one-to-one, and an ASID stands for one end-user organisation: so every organisation needs its own applications.",
    ),
    (
        "4.16",
        "You choose which access you use. Each one needs its own ASID and application per organisation: user-restricted, application-restricted as a referrer, application-restricted as a provider. Use only user-restricted and it is one of each per organisation.",
    ),
    (
        "4.14",
        "The application name's pattern is NHS's preferred guidance; what goes into its app part is yours. This plan puts the organisation (or its ODS code) and the capability there, because every name must differ. Shorter is easier to type on the developer hub.",
    ),
    (
        "4.16",
        "The ASID names follow 4.16's examples by default; NHS allocates the ASIDs themselves, so the names are only how you and the e-RS Partners team tell them apart.",
    ),
    (
        "4.17",
        "Other NHS services: the e-RS ASID may be shared with services such as NEMS, CP-IS or GP Connect, but not with services on the NHS API platform (PDS, EPS, SCR), which need a separate ASID.",
    ),
    (
        "4.16",
        "One ASID for all your organisations is not an option today: NHS's e-RS proxy has such a mode (an ODS allow-list), but it is switched off in every environment.",
    ),
];

/// How big the plan will be, said before it is made: `1,500 PROD applications to register on the
/// developer hub, one by one (500 organisations × 3 kinds of access), each with its own ASID
/// and key pair.`
pub fn size(euos: usize, access: usize) -> String {
    use crate::words::{count, thousands};
    if euos == 0 || access == 0 {
        return "Add your end-user organisations and choose how the product reaches e-RS: each organisation needs its own ASID and PROD application for each (4.16).".to_owned();
    }
    let apps = euos.saturating_mul(access);
    format!(
        "{} to register on the developer hub, one by one ({} × {}), each with its own ASID and key pair.",
        count(apps, "PROD application", "PROD applications"),
        count(euos, "organisation", "organisations"),
        if access == 1 {
            "1 kind of access".to_owned()
        } else {
            format!("{} kinds of access", thousands(access))
        }
    )
}

/// One application of the preview: its organisation, its ASID's name, its name, the name's
/// length in characters and the name checker's verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PreviewRow {
    /// The organisation.
    pub organisation: String,
    /// The access (`user-restricted`, `application-restricted-referrer`…).
    pub access: &'static str,
    /// The ASID's name (4.16).
    pub asid_name: String,
    /// The application's name (4.14).
    pub app_name: String,
    /// The application name's length, in characters.
    pub chars: usize,
    /// True when the name checker finds no error.
    pub valid: bool,
    /// The name checker's verdict in a sentence: `Passes 4.14.`, `Passes 4.14, with 1
    /// warning.`, or `Fails 4.14: …` with its first error.
    pub verdict: String,
}

/// The names a request's patterns make for its first organisations, before planning.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Preview {
    /// The first organisations' applications.
    pub rows: Vec<PreviewRow>,
    /// True when the request has no organisation yet and an example one stands in.
    pub example: bool,
    /// The plan's size, as [`size`] says it.
    pub size: String,
}

/// The organisation that stands in while the request has none.
const EXAMPLE_EUO: (&str, &str) = ("Leeds Teaching Hospitals", "RR8");

/// Previews the names the request's patterns make for its first `euos` organisations (an
/// example organisation while it has none; the product `Product` while it has no name; user-
/// restricted while no access is chosen), each with its length and the name checker's verdict.
///
/// # Errors
/// The [`super::PlanError`] of a pattern that cannot be used (`ERS-P006`), or of an
/// organisation that cannot be planned.
pub fn preview(request: &super::PlanRequest, euos: usize) -> Result<Preview, super::PlanError> {
    use crate::name::{CheckOptions, check};
    let size = size(request.euos.len(), {
        let mut a = request.access.clone();
        a.sort_unstable();
        a.dedup();
        a.len()
    });
    let mut sample = request.clone();
    let example = sample.euos.is_empty();
    if example {
        sample.euos = vec![super::Euo::new(EXAMPLE_EUO.0, Some(EXAMPLE_EUO.1))];
    } else {
        sample.euos.truncate(euos.max(1));
    }
    if sample.product.trim().is_empty() {
        sample.product = "Product".to_owned();
    }
    if sample.access.is_empty() {
        sample.access = vec![super::Access::UserRestricted];
    }
    let plan = super::plan(&sample)?;
    let rows = plan
        .applications
        .iter()
        .map(|app| {
            let result = check(
                &app.name,
                &CheckOptions {
                    environment: Some(crate::Environment::Prod),
                    access_mode: Some(app.access_mode),
                },
            );
            let verdict = match result.diagnostics.iter().find(|d| d.is_error()) {
                Some(d) => format!("Fails 4.14: {} {}", d.code, d.message),
                None if result.warnings() > 0 => format!(
                    "Passes 4.14, with {}.",
                    crate::words::count(result.warnings(), "warning", "warnings")
                ),
                None => "Passes 4.14.".to_owned(),
            };
            let access = match app.capability {
                None => "user-restricted",
                Some(crate::Capability::Referrer) => "application-restricted-referrer",
                Some(crate::Capability::Provider) => "application-restricted-provider",
            };
            PreviewRow {
                organisation: app.organisation.to_string(),
                access,
                asid_name: plan
                    .asids
                    .get(app.asid_index)
                    .map(|a| a.name.clone())
                    .unwrap_or_default(),
                app_name: app.name.clone(),
                chars: app.name.chars().count(),
                valid: result.valid,
                verdict,
            }
        })
        .collect();
    Ok(Preview {
        rows,
        example,
        size,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_app_pattern_renders_as_the_plan_names_apps() {
        let p = Pattern::parse(DEFAULT_APP_PATTERN, &APP_PLACEHOLDERS).unwrap();
        let v = Values {
            product: "Care Vista Link",
            organisation: "Leeds",
            ..Values::default()
        };
        assert_eq!(p.render(&v), "Care Vista Link for Leeds");
        let v = Values {
            capability: "Referrer",
            ..v
        };
        assert_eq!(p.render(&v), "Care Vista Link Referrer for Leeds");
    }

    #[test]
    fn unknown_and_unclosed_placeholders_are_refused_saying_which_there_are() {
        assert_eq!(
            Pattern::parse("{product} for {org}", &APP_PLACEHOLDERS).unwrap_err(),
            "`{org}` is not a placeholder: use {product}, {capability}, {organisation}, {ods}"
        );
        assert!(
            Pattern::parse("{product", &APP_PLACEHOLDERS)
                .unwrap_err()
                .starts_with("a `{` is not closed")
        );
        assert!(Pattern::parse("  ", &APP_PLACEHOLDERS).is_err());
    }

    #[test]
    fn ods_stands_in_for_the_organisation_only_when_given() {
        let p = Pattern::parse("{product} {capability} {ODS}", &APP_PLACEHOLDERS).unwrap();
        assert!(p.uses("ods"));
        assert!(!p.uses("organisation"));
        let v = Values {
            product: "CVL",
            capability: "Provider",
            organisation: "Leeds",
            ods: "RR8",
            ..Values::default()
        };
        assert_eq!(p.render(&v), "CVL Provider RR8");
        assert_eq!(p.render(&Values { ods: "", ..v }), "CVL Provider Leeds");
    }

    #[test]
    fn a_changed_pattern_is_previewed_on_the_first_organisations() {
        use crate::plan::{Access, Euo, PlanRequest};
        let mut request = PlanRequest::new("Care Vista Link");
        request.supplier = Some("Care Vista".into());
        request.access = Access::ALL.to_vec();
        request.euos = (0..500)
            .map(|i| Euo::new(format!("Organisation {i}"), Some(&format!("R{i:02}"))))
            .collect();
        request.app_name_pattern = Some("{product} {capability} {ods}".into());
        let p = preview(&request, 2).unwrap();
        assert!(!p.example);
        assert_eq!(p.rows.len(), 6, "2 organisations × 3");
        assert_eq!(
            p.rows[1].app_name,
            "Care Vista - Care Vista Link Referrer R00 - PROD - e-Referral Service, Application-Restricted"
        );
        assert_eq!(p.rows[1].chars, p.rows[1].app_name.chars().count());
        assert_eq!(p.rows[1].verdict, "Passes 4.14.");
        assert!(p.size.starts_with("1,500 PROD applications to register"));
        // A pattern that would give two organisations one name is refused, saying why.
        request.app_name_pattern = Some("{product} {capability}".into());
        let err = preview(&request, 2).unwrap_err();
        assert_eq!(err.code(), "ERS-P006");
        assert!(
            err.problems[0]
                .message
                .contains("has no {organisation} or {ods}")
        );
        // With no organisation yet, an example stands in.
        request.euos.clear();
        request.app_name_pattern = None;
        let p = preview(&request, 2).unwrap();
        assert!(p.example);
        assert_eq!(p.rows[0].organisation, "Leeds Teaching Hospitals");
    }

    #[test]
    fn the_size_is_said_before_planning() {
        assert_eq!(
            size(500, 3),
            "1,500 PROD applications to register on the developer hub, one by one (500 organisations × 3 kinds of access), each with its own ASID and key pair."
        );
        assert!(size(1, 1).starts_with("1 PROD application to register"));
        assert!(size(0, 3).starts_with("Add your end-user organisations"));
    }
}
