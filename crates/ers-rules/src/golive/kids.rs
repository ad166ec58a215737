//! The kid convention for key pairs made for every application at once (4.2; FACTS §4).
//!
//! A kid names the key in the JWKS, in the JWT header and in the three files NHS's commands
//! make (`KID.pem`, `KID.pem.pub`, `KID.json`), so the kids made here are short, unique per
//! application, safe as file names (lowercase letters, digits and `-`, `.`, `_`, `~`) and carry
//! the date the key was made as `YYYY-MM-DD`, a date NHS's own key-expiry tooling reads out of
//! kids. The default template [`DEFAULT_TEMPLATE`] gives for example `prod-rr8-ur-2026-12-01`:
//! environment, the EUO's ODS code (or its name, shortened), the access mode (`ur`, `ar-ref`,
//! `ar-prov`) and the date.
//!
//! ```
//! use ers_rules::golive::{ApplicationInput, kids};
//!
//! let app = ApplicationInput {
//!     access_mode: "user-restricted".into(),
//!     organisation: "Leeds Teaching Hospitals".into(),
//!     ods_code: "RR8".into(),
//!     ..Default::default()
//! };
//! let made = kids::planned_kids(&[app.clone(), app], kids::DEFAULT_TEMPLATE, "2026-12-01").unwrap();
//! assert_eq!(made, ["prod-rr8-ur-2026-12-01", "prod-rr8-ur-2026-12-01-2"]);
//! ```

use super::checks::KID_USUAL_MAX_CHARS as KID_MAX_CHARS;
use super::pack::ApplicationInput;
use std::collections::{HashMap, HashSet};

use crate::access_mode::{AccessMode, Capability};

/// The template of the kids made: `{env}-{org}-{mode}-{date}`.
pub const DEFAULT_TEMPLATE: &str = "{env}-{org}-{mode}-{date}";

/// The placeholders a template may use.
pub const PLACEHOLDERS: [&str; 6] = ["{env}", "{org}", "{ods}", "{mode}", "{date}", "{n}"];

/// The longest organisation part, so that kids stay short.
const ORG_MAX: usize = 16;

/// Why a kid template or date cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KidTemplateProblem {
    /// The template has no `{date}`: the kids must carry a date (FACTS §4).
    NoDate,
    /// The date is not a real `YYYY-MM-DD` date.
    BadDate(String),
    /// The template holds a character a file name made from the kid must not have.
    UnsafeCharacter(char),
    /// The template holds an unknown `{…}` placeholder.
    UnknownPlaceholder(String),
    /// The kids would be longer than 64 characters.
    TooLong(usize),
}

impl core::fmt::Display for KidTemplateProblem {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::NoDate => f.write_str(
                "the kid template has no {date}: kids carry the date the key was made \
                 (YYYY-MM-DD), which NHS's key-expiry tooling reads; add {date}",
            ),
            Self::BadDate(d) => write!(
                f,
                "\"{d}\" is not a date written YYYY-MM-DD (e.g. 2026-12-01)"
            ),
            Self::UnsafeCharacter(c) => write!(
                f,
                "the kid template holds {c:?}; kids name files, so use lowercase letters, digits \
                 and - . _ ~ only"
            ),
            Self::UnknownPlaceholder(p) => write!(
                f,
                "the kid template holds {p}, which is not one of {}",
                PLACEHOLDERS.join(", ")
            ),
            Self::TooLong(n) => write!(
                f,
                "the kids would be {n} characters long; a kid has at most {KID_MAX_CHARS}: \
                 shorten the template"
            ),
        }
    }
}

/// Whether `date` is a real date written `YYYY-MM-DD`.
pub fn is_date(date: &str) -> bool {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: core::ops::Range<usize>| -> Option<u32> {
        date.get(r)
            .filter(|s| s.bytes().all(|c| c.is_ascii_digit()))
            .and_then(|s| s.parse().ok())
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (2000..=2999).contains(&y) && (1..=days).contains(&d)
}

/// Lowercase letters and digits, other runs as one `-`, at most `max` characters.
fn slug(text: &str, max: usize) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= max {
            break;
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// The access mode's short form: `ur`, `ar-ref`, `ar-prov` (`ar` without a capability).
pub fn mode_part(access_mode: &str, capability: &str) -> String {
    match access_mode.parse::<AccessMode>() {
        Ok(AccessMode::UserRestricted) => "ur".to_owned(),
        Ok(AccessMode::ApplicationRestricted) => match capability.parse::<Capability>() {
            Ok(Capability::Referrer) => "ar-ref".to_owned(),
            Ok(Capability::Provider) => "ar-prov".to_owned(),
            Err(_) => "ar".to_owned(),
        },
        Err(_) => slug(access_mode, 8),
    }
}

fn check_template(template: &str, date: &str) -> Result<(), KidTemplateProblem> {
    if !template.contains("{date}") {
        return Err(KidTemplateProblem::NoDate);
    }
    if !is_date(date) {
        return Err(KidTemplateProblem::BadDate(date.to_owned()));
    }
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').map(|c| open + c + 1);
        let placeholder = &rest[open..close.unwrap_or(rest.len())];
        if !PLACEHOLDERS.contains(&placeholder) {
            return Err(KidTemplateProblem::UnknownPlaceholder(
                placeholder.to_owned(),
            ));
        }
        rest = &rest[close.unwrap_or(rest.len())..];
    }
    let mut literal = template.to_owned();
    for p in PLACEHOLDERS {
        literal = literal.replace(p, "");
    }
    if let Some(c) = literal
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || "-._~".contains(*c)))
    {
        return Err(KidTemplateProblem::UnsafeCharacter(c));
    }
    Ok(())
}

/// The organisation part of application `index` (0-based): its ODS code, or its name shortened,
/// or `app1`, `app2`… when it has neither; lowercase, safe in a file name.
pub fn org_part(app: &ApplicationInput, index: usize) -> String {
    match (
        slug(&app.ods_code, ORG_MAX),
        slug(&app.organisation, ORG_MAX),
    ) {
        (ods, _) if !ods.is_empty() => ods,
        (_, org) if !org.is_empty() => org,
        _ => format!("app{}", index + 1),
    }
}

/// The kid of application `index` (0-based) by `template`, before making it unique.
fn kid_for(app: &ApplicationInput, index: usize, template: &str, date: &str) -> String {
    let env = match slug(&app.environment, 8) {
        e if e.is_empty() => "prod".to_owned(),
        e => e,
    };
    let org = org_part(app, index);
    let ods = match slug(&app.ods_code, ORG_MAX) {
        o if o.is_empty() => org.clone(),
        o => o,
    };
    template
        .replace("{env}", &env)
        .replace("{org}", &org)
        .replace("{ods}", &ods)
        .replace("{mode}", &mode_part(&app.access_mode, &app.capability))
        .replace("{date}", date)
        .replace("{n}", &(index + 1).to_string())
}

/// The kids of `applications` by `template` and `date` (`YYYY-MM-DD`), one per application and
/// all different: a kid made twice gets `-2`, `-3`… A kid the application already has is kept
/// as it is and reserved.
///
/// # Errors
/// The [`KidTemplateProblem`] of the template or the date.
pub fn planned_kids(
    applications: &[ApplicationInput],
    template: &str,
    date: &str,
) -> Result<Vec<String>, KidTemplateProblem> {
    let template = template.trim();
    check_template(template, date)?;
    // A set of the kids taken, and per base the next suffix to try: each probe either takes a
    // kid or meets one already taken (a kid `base-n` is the probe of one base only), so the
    // whole planning is linear in the applications, however many kids collide.
    let mut taken: HashSet<String> = applications
        .iter()
        .map(|a| a.kid.trim())
        .filter(|k| !k.is_empty())
        .map(str::to_owned)
        .collect();
    let mut next: HashMap<String, usize> = HashMap::new();
    let mut kids = Vec::with_capacity(applications.len());
    for (index, app) in applications.iter().enumerate() {
        if !app.kid.trim().is_empty() {
            kids.push(app.kid.trim().to_owned());
            continue;
        }
        let base = kid_for(app, index, template, date);
        let mut kid = base.clone();
        if taken.contains(&kid) {
            let n = next.entry(base.clone()).or_insert(2);
            loop {
                kid = format!("{base}-{n}");
                *n += 1;
                if !taken.contains(&kid) {
                    break;
                }
            }
        }
        if kid.chars().count() > KID_MAX_CHARS {
            return Err(KidTemplateProblem::TooLong(kid.chars().count()));
        }
        taken.insert(kid.clone());
        kids.push(kid);
    }
    Ok(kids)
}

/// The positions of kids that repeat an earlier kid of `kids` (a kid names one key only).
pub fn repeated(kids: &[String]) -> Vec<usize> {
    let mut seen = HashSet::new();
    kids.iter()
        .enumerate()
        .filter(|(_, k)| !seen.insert(k.trim()))
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(org: &str, ods: &str, mode: &str, capability: &str) -> ApplicationInput {
        ApplicationInput {
            organisation: org.into(),
            ods_code: ods.into(),
            access_mode: mode.into(),
            capability: capability.into(),
            ..Default::default()
        }
    }

    #[test]
    fn kids_follow_the_template_and_are_unique_and_safe() {
        let apps = [
            app("Leeds Teaching Hospitals", "RR8", "user-restricted", ""),
            app(
                "Leeds Teaching Hospitals",
                "RR8",
                "application-restricted",
                "referrer",
            ),
            app(
                "Leeds Teaching Hospitals",
                "RR8",
                "application-restricted",
                "provider",
            ),
            app("St. Mary's & Co (North)", "", "user-restricted", ""),
            app("", "", "user-restricted", ""),
            app("Leeds Teaching Hospitals", "RR8", "user-restricted", ""),
        ];
        let kids = planned_kids(&apps, DEFAULT_TEMPLATE, "2026-12-01").unwrap();
        assert_eq!(
            kids,
            [
                "prod-rr8-ur-2026-12-01",
                "prod-rr8-ar-ref-2026-12-01",
                "prod-rr8-ar-prov-2026-12-01",
                "prod-st-mary-s-co-nor-ur-2026-12-01",
                "prod-app5-ur-2026-12-01",
                "prod-rr8-ur-2026-12-01-2",
            ]
        );
        for kid in &kids {
            assert!(kid.len() <= KID_MAX_CHARS);
            assert!(
                kid.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            );
        }
    }

    #[test]
    fn repeated_kids_are_found() {
        let kids = [
            "a".to_owned(),
            "b".to_owned(),
            "a".to_owned(),
            " b ".to_owned(),
        ];
        assert_eq!(repeated(&kids), [2, 3]);
    }

    #[test]
    fn kids_already_there_are_kept_and_reserved() {
        let mut first = app("Leeds", "RR8", "user-restricted", "");
        first.kid = "prod-rr8-ur-2026-12-01".into();
        let second = app("Leeds", "RR8", "user-restricted", "");
        let kids = planned_kids(&[first, second], DEFAULT_TEMPLATE, "2026-12-01").unwrap();
        assert_eq!(kids, ["prod-rr8-ur-2026-12-01", "prod-rr8-ur-2026-12-01-2"]);
    }

    #[test]
    fn colliding_kids_take_the_next_free_suffix_past_kids_already_taken() {
        let plain = app("Leeds", "RR8", "user-restricted", "");
        let mut apps = vec![plain.clone(); 6];
        apps[1].kid = "prod-2026-12-01-3".into();
        apps[4].kid = "prod-2026-12-01-2".into();
        let kids = planned_kids(&apps, "{env}-{date}", "2026-12-01").unwrap();
        assert_eq!(
            kids,
            [
                "prod-2026-12-01",
                "prod-2026-12-01-3",
                "prod-2026-12-01-4",
                "prod-2026-12-01-5",
                "prod-2026-12-01-2",
                "prod-2026-12-01-6",
            ]
        );
        // 20,000 applications whose kids all collide: linear (a set and a counter per base),
        // where it was cubic; the count and uniqueness are what is checked here (the time is
        // the benchmark's, `cargo xtask bench kids`).
        let many = planned_kids(&vec![plain; 20_000], "{env}-{date}", "2026-12-01").unwrap();
        assert_eq!(many.len(), 20_000);
        assert_eq!(many.iter().collect::<HashSet<_>>().len(), 20_000);
        assert_eq!(many[19_999], "prod-2026-12-01-20000");
    }

    #[test]
    fn bad_templates_and_dates_are_refused() {
        let apps = [app("Leeds", "RR8", "user-restricted", "")];
        let err = |t: &str, d: &str| planned_kids(&apps, t, d).unwrap_err();
        assert_eq!(err("{env}-{org}", "2026-12-01"), KidTemplateProblem::NoDate);
        assert_eq!(
            err("{org}-{date}", "2026-02-30"),
            KidTemplateProblem::BadDate("2026-02-30".into())
        );
        assert_eq!(
            err("{org}-{date}", "01/12/2026"),
            KidTemplateProblem::BadDate("01/12/2026".into())
        );
        assert_eq!(
            err("{org}/{date}", "2026-12-01"),
            KidTemplateProblem::UnsafeCharacter('/')
        );
        assert_eq!(
            err("{org} {date}", "2026-12-01"),
            KidTemplateProblem::UnsafeCharacter(' ')
        );
        assert_eq!(
            err("{asid}-{date}", "2026-12-01"),
            KidTemplateProblem::UnknownPlaceholder("{asid}".into())
        );
        let long = format!("{}-{{date}}", "abcdefghij".repeat(6));
        assert_eq!(err(&long, "2026-12-01"), KidTemplateProblem::TooLong(71));
        assert!(is_date("2028-02-29"));
        assert!(!is_date("2027-02-29"));
        assert!(
            err("{org}", "2026-12-01")
                .to_string()
                .contains("YYYY-MM-DD")
        );
    }
}
