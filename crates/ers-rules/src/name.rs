//! Application names (4.14): a checker that reads a name the way a linter reads code, and a
//! builder that writes one.
//!
//! The pattern is `[Supplier name] - [App name] - [Environment] - e-Referral Service,
//! [Access mode]`. [`check`] reads a name into those parts, anchored from the right (the
//! supplier or app may hold hyphens of their own), and reports each deviation as a
//! [`Diagnostic`](crate::Diagnostic) with a stable code ([`codes`]), a character span, help, a
//! suggestion and a fix; when every fix is certain it also gives the whole corrected name.
//! [`build`] goes the other way and adds the one API to enable (4.15).
//!
//! # Example
//!
//! ```
//! use ers_rules::name::{CheckOptions, check, codes};
//! use ers_rules::{AccessMode, Environment};
//!
//! let options = CheckOptions {
//!     environment: Some(Environment::Prod),
//!     access_mode: Some(AccessMode::UserRestricted),
//! };
//! let result = check("Care Vista - Care Vista Link - INT - eRS, User Restricted", &options);
//! assert!(!result.valid);
//! let found: Vec<&str> = result.diagnostics.iter().map(|d| d.code).collect();
//! assert_eq!(found, [codes::ENV_MISMATCH, codes::SERVICE_SPELLING]);
//! assert_eq!(
//!     result.suggested_name.as_deref(),
//!     Some("Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted")
//! );
//!
//! let built = ers_rules::name::build(&ers_rules::name::NameRequest::prod(
//!     "Acme",
//!     "Acme Medical System",
//!     AccessMode::ApplicationRestricted,
//! ))
//! .unwrap();
//! assert_eq!(
//!     built.name,
//!     "Acme - Acme Medical System - PROD - e-Referral Service, Application-Restricted"
//! );
//! assert_eq!(built.api, "e-Referral Service - Application Restricted");
//! ```

mod build;
mod check;
pub mod codes;
pub(crate) mod parse;

pub use build::{BuiltName, NameRequest, build, check_parts, why_one_application};
pub use check::{CheckOptions, NameCheck, NameReading, check};

use crate::{AccessMode, Environment};

/// The longest name checked, in characters. NHS publishes no limit; its examples are about 70
/// characters, so this is far above any real name and keeps every check bounded.
pub const MAX_LEN: usize = 255;

/// The pattern of 4.14, as NHS writes it.
pub const PATTERN: &str =
    "[Supplier name] - [App name] - [Environment] - e-Referral Service, [Access mode]";

/// The service's name, exactly as 4.14 writes it.
pub const SERVICE: &str = parse::SERVICE;

/// The name in the form of the Stage 4 examples, from parts already tidied.
pub(crate) fn canonical(
    supplier: &str,
    app: &str,
    environment: Environment,
    access_mode: AccessMode,
) -> String {
    format!(
        "{supplier} - {app} - {} - {SERVICE}, {}",
        environment.name_token(),
        access_mode.name_form()
    )
}
