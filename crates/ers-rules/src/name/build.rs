//! The builder: supplier, app, environment and access mode → the canonical name, the one API
//! to enable on the application (4.15) and why each access mode needs its own application.

use super::check::{CheckOptions, check, normalize};
use super::parse::{Cleaned, Oddity, is_spaced_dash_run};
use super::{MAX_LEN, canonical};
use crate::{AccessMode, Environment, Error, Result};

/// What the builder needs.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct NameRequest {
    /// The supplier's name, e.g. `Care Vista`.
    pub supplier: String,
    /// The app's name, e.g. `Care Vista Link`.
    pub app: String,
    /// The environment; Stage 4 registers in PROD.
    pub environment: Environment,
    /// The application's access mode.
    pub access_mode: AccessMode,
}

impl NameRequest {
    /// A request for a PROD application.
    pub fn prod(supplier: &str, app: &str, access_mode: AccessMode) -> Self {
        NameRequest {
            supplier: supplier.to_owned(),
            app: app.to_owned(),
            environment: Environment::Prod,
            access_mode,
        }
    }
}

/// The built name and what goes with it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct BuiltName {
    /// The name, in the form of 4.14's Stage 4 examples.
    pub name: String,
    /// The environment it names.
    pub environment: Environment,
    /// The access mode it names.
    pub access_mode: AccessMode,
    /// The one API to enable on this application (4.15).
    pub api: &'static str,
    /// The rule the name follows: `"4.14"`.
    pub rule: &'static str,
    /// The rule the API comes from: `"4.15"`.
    pub api_rule: &'static str,
    /// Why one application per access mode.
    pub why: String,
}

/// Why each access mode needs its own application, and which API this one enables (4.15).
#[must_use]
pub fn why_one_application(mode: AccessMode) -> String {
    let other = match mode {
        AccessMode::UserRestricted => AccessMode::ApplicationRestricted,
        AccessMode::ApplicationRestricted => AccessMode::UserRestricted,
    };
    format!(
        "Select one API per application, and register a separate application for each access \
         mode: the same application cannot be used for both user-restricted and \
         application-restricted modes (4.15). This {} application enables `{}`; if you also \
         use {} access, register a second application, named `…, {}`, that enables `{}`.",
        mode.id(),
        mode.api(),
        other.id(),
        other.name_form(),
        other.api()
    )
}

/// Cleans one part: plain single spaces, nothing invisible.
fn part(text: &str, field: &'static str) -> Result<String> {
    let cleaned = Cleaned::new(text);
    if let Some(run) = cleaned
        .odd
        .iter()
        .find(|r| matches!(r.kind, Oddity::Control | Oddity::Invisible))
    {
        return Err(Error::Invalid {
            field,
            reason: format!(
                "holds a control or invisible character (U+{:04X}) at character {}: remove it",
                u32::from(run.first),
                run.span.start + 1
            ),
        });
    }
    let s = normalize(&cleaned.chars);
    if s.is_empty() {
        return Err(Error::Empty { field });
    }
    Ok(s)
}

/// Every problem with the parts of a name at once, field by field (the supplier, the app, the
/// access mode when `None`): what a form shows together, rather than one at a time. Empty when
/// [`build`] can try them; [`build`] may still refuse the name they make.
pub fn check_parts(supplier: &str, app: &str, access_mode: Option<AccessMode>) -> Vec<Error> {
    let mut problems: Vec<Error> = [part(supplier, "supplier name"), part(app, "app name")]
        .into_iter()
        .filter_map(Result::err)
        .collect();
    if access_mode.is_none() {
        problems.push(Error::Empty {
            field: "access mode",
        });
    }
    problems
}

/// Builds the canonical name for `request` (4.14) and says which API to enable (4.15).
///
/// Spaces are tidied (one plain space between words, none at the ends). The result always
/// checks clean: [`check`] finds nothing in it for the same environment and access mode.
///
/// # Errors
///
/// [`Error::Empty`] when the supplier or app is empty; [`Error::Invalid`] when one holds a
/// control or invisible character, when the supplier holds ` - ` (the separator between the
/// supplier and the app), or when a part would make the name read differently (e.g. an app
/// ending in a hyphen); [`Error::TooLong`] when the name would be over [`MAX_LEN`] characters.
pub fn build(request: &NameRequest) -> Result<BuiltName> {
    let supplier = part(&request.supplier, "supplier name")?;
    let app = part(&request.app, "app name")?;
    let chars: Vec<char> = supplier.chars().collect();
    let separates = chars.split(|c| c.is_alphanumeric()).any(is_spaced_dash_run);
    if separates {
        return Err(Error::Invalid {
            field: "supplier name",
            reason: format!(
                "`{supplier}` holds a dash with spaces, which separates the supplier from the \
                 app: the name would be read with a shorter supplier; write it without the \
                 spaces (e.g. `Smith-Jones`) or put the rest in the app name"
            ),
        });
    }
    let name = canonical(&supplier, &app, request.environment, request.access_mode);
    if name.chars().count() > MAX_LEN {
        return Err(Error::TooLong {
            field: "application name",
            max: MAX_LEN,
        });
    }
    let options = CheckOptions {
        environment: Some(request.environment),
        access_mode: Some(request.access_mode),
    };
    let checked = check(&name, &options);
    if let Some(d) = checked.diagnostics.first() {
        let supplier_len = supplier.chars().count();
        let field = match d.span {
            Some(s) if s.start < supplier_len => "supplier name",
            _ => "app name",
        };
        return Err(Error::Invalid {
            field,
            reason: format!(
                "the name `{name}` would not read as written ({}: {})",
                d.code,
                crate::words::clause(&d.message)
            ),
        });
    }
    Ok(BuiltName {
        name,
        environment: request.environment,
        access_mode: request.access_mode,
        api: request.access_mode.api(),
        rule: "4.14",
        api_rule: "4.15",
        why: why_one_application(request.access_mode),
    })
}
