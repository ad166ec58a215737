//! The go-live pack (4.3): the PROD form details of every PROD application, checked, with the
//! Stage 4 checklist, as a Markdown email to the e-RS Partners team, CSV or JSON.
//!
//! The PROD form's exact fields are not public (the e-RS Partners team sends it). The pack
//! collects, per application, what the form is known to need and what the team will ask for:
//! name, environment, access mode, capability, API, end-user organisation, the ASID NHS
//! allocated (optional), AppID, API key (never the secret), kid, JWKS URL and, for a
//! user-restricted application, its callback URL: one record ([`Details`], its fields in
//! [`FIELDS`]). Every problem is a [`Diagnostic`](crate::Diagnostic) with a stable code
//! ([`codes`]) and the rule it comes from; missing values are warnings, so a pack can be
//! exported while it is still being filled in.
//!
//! # Example
//!
//! ```
//! use ers_rules::golive::{ApplicationInput, PackRequest, codes, pack, to_markdown};
//!
//! let request = PackRequest {
//!     product: "Care Vista Link".into(),
//!     applications: vec![ApplicationInput {
//!         name: "Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted".into(),
//!         access_mode: "user-restricted".into(),
//!         app_id: "5a0f1c2e-0000-4000-8000-000000000001".into(),
//!         api_key: "Xk3uV9pQ2mT7rL1sW8yN4bC6dF0gH5jA".into(),
//!         kid: "prod-1".into(),
//!         jwks_url: "http://10.0.0.5/jwks.json".into(),
//!         callback_url: "https://app.carevista.example.com/ers/callback".into(),
//!         ..Default::default()
//!     }],
//!     ..Default::default()
//! };
//! let pack = pack(&request);
//! let found: Vec<&str> = pack.findings.iter().map(|f| f.code).collect();
//! assert_eq!(found, [codes::JWKS_URL_NOT_HTTPS, codes::JWKS_URL_NOT_PUBLIC]);
//! assert!(!pack.complete);
//! assert!(to_markdown(&pack).contains("| e-Referral Service - Healthcare Worker |"));
//! ```

mod checklist;
mod checks;
pub mod codes;
mod details;
mod email;
mod export;
mod import;
pub mod keyset;
pub mod kids;
mod pack;
pub(crate) use pack::kids_progress;

pub use checklist::{
    CHECKLIST, DEVELOPER_HUB_URL, NEWER_NUMBERING, SOURCE, STAGE_4_URL, Step, step,
};
pub use checks::{
    KID_FILE_NAME_MAX_CHARS, KID_USUAL_MAX_CHARS, KidNote, KidProblem, UrlProblem,
    check_callback_url, check_jwks_url, check_kid, is_asid, is_uuid_v4, kid_file_name,
};
#[cfg(feature = "serde")]
pub use details::{Case, Record};
pub use details::{Details, FIELDS, Field, Missing, Spec, fields_in, place};
pub use email::{SEND_TO, asid_shown, is_draft, to_text};
#[cfg(feature = "serde")]
pub use export::to_json;
pub use export::{csv_columns, to_csv, to_markdown};
#[cfg(feature = "serde")]
pub use import::request_from_plan_json;
pub use import::{DetailsImport, DetailsRow, apply_details, parse_details_csv, request_from_plan};
#[cfg(feature = "serde")]
pub use pack::PackRecord;
pub(crate) use pack::applications_with;
pub use pack::{
    ApplicationInput, ChecklistItem, Pack, PackApplication, PackRequest, PackTotals,
    VERIFIED_STEPS, pack,
};
