//! The go-live plan (4.14–4.17, 4.2): for every end-user organisation (EUO), the ASIDs to ask
//! NHS for, the PROD applications bound to them one to one, their APIs and key pairs, with the
//! rule behind each line, and the plan as CSV, Markdown or JSON.
//!
//! # Example
//!
//! ```
//! use ers_rules::plan::{plan, Access, Euo, PlanRequest};
//!
//! let mut request = PlanRequest::new("Care Vista Link");
//! request.supplier = Some("Care Vista".into());
//! request.euos = vec![Euo::new("Leeds Teaching Hospitals", Some("RR8"))];
//! request.access = Access::ALL.to_vec();
//! let plan = plan(&request).unwrap();
//! assert_eq!(plan.totals.asids, 3);
//! assert_eq!(
//!     plan.asids[0].name,
//!     "Leeds Teaching Hospitals - Care Vista Link – Prod - User-Restricted (ASID 1)"
//! );
//! assert_eq!(
//!     plan.applications[1].name,
//!     "Care Vista - Care Vista Link Referrer for Leeds Teaching Hospitals - PROD - e-Referral Service, Application-Restricted"
//! );
//! ```

mod build;
pub mod codes;
pub(crate) mod csv_import;
pub(crate) mod export;
pub mod pattern;
mod request;

pub use build::{
    KEY_ALG, KEY_BITS, NOTES_PER_CODE, Plan, PlanError, PlannedApplication, PlannedAsid, Totals,
    app_part, application_name, euo_notes, plan, repeated_euos, supplier_part,
};
pub use csv_import::{EuoImport, decode, parse_euo_csv, parse_euo_csv_bytes};
#[cfg(feature = "serde")]
pub use export::to_json;
pub use export::{
    Filled, PLAN_COLUMNS, csv_columns, push_csv_cell, to_csv, to_csv_filled, to_markdown,
};
pub use request::{Access, Euo, PlanRequest, Platform, Service, is_plausible_ods};
