//! The go-live project: one saved record of a go-live from plan to PROD form.
//!
//! A [`Project`] holds the plan's inputs (product, supplier, EUOs with their ODS codes, access
//! modes and capabilities, other NHS services) and, per PROD application, what the supplier
//! learns on the way: the ASID NHS allocated, the AppID, the API key (never its secret), the kid,
//! the key's thumbprint and the JWKS URL; and the steps the user ticked by hand.
//!
//! It is saved as a versioned JSON file (`"format": "ers-golive-project"`, `"version": 1`, see
//! [`to_json`] and [`from_json`]). Reading validates every field and names the one that is
//! wrong; a file that holds a private key, a passphrase or a client secret is refused, without
//! repeating the secret ([`ProjectError::Secret`]). Older or renamed fields are restored by
//! rebuilding from defaults and a table of renames ([`RENAMES`]) rather than by branching on
//! versions.
//!
//! # Example
//!
//! ```
//! # #[cfg(feature = "serde")] {
//! use ers_rules::plan::{Access, Euo};
//! use ers_rules::project::{Project, from_json, to_json};
//!
//! let mut project = Project::new("Care Vista Link");
//! project.supplier = "Care Vista".into();
//! project.euos = vec![Euo::new("Leeds Teaching Hospitals", Some("RR8"))];
//! project.access = vec![Access::UserRestricted];
//! project.sync_applications().unwrap();
//! project.applications[0].asid = "200000000123".into();
//!
//! let json = to_json(&project);
//! assert!(json.contains("\"format\": \"ers-golive-project\""));
//! assert_eq!(from_json(&json).unwrap(), project);
//! # }
//! ```

#[cfg(feature = "serde")]
mod file;

use core::fmt;

use crate::golive::{self, PackRequest};
use crate::plan::{self, Access, Euo, Plan, PlanError, PlanRequest, Service};

#[cfg(feature = "serde")]
pub use file::{RENAMES, from_json, from_value, to_json};

/// The `format` every project file carries.
pub const FORMAT: &str = "ers-golive-project";

/// The version of the project file this ers-golive writes, and the newest it reads.
pub const VERSION: u64 = 1;

/// The steps of the guided flow, in order: `(id, title)`. `register`, `test` and `send` are the
/// supplier's to tick (only they can do them: on the developer hub, with their client, by
/// email); the others this tool verifies from the project.
pub const FLOW: [(&str, &str); 7] = [
    ("plan", "Plan your ASIDs and applications"),
    ("names", "Name each application"),
    ("register", "Register each application on the developer hub"),
    ("keys", "Make a key pair for each application"),
    ("test", "Test a client assertion"),
    ("pack", "Fill in the PROD form details"),
    ("send", "Send the PROD form"),
];

/// What the user learns about one PROD application on the way to go-live: the one record
/// ([`golive::Details`]), known by its name (4.14) as the plan gives it; the project keeps its
/// fields that are [`golive::place::SAVED`].
pub type ProjectApplication = golive::Details;

/// One go-live, from plan to PROD form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Project {
    /// The product's name (4.14, 4.16).
    pub product: String,
    /// The supplier's name for application names (4.14); empty for the product's.
    pub supplier: String,
    /// Who signs the email to the e-RS Partners team; may be empty.
    pub contact: String,
    /// The end-user organisations, with their ODS codes.
    pub euos: Vec<Euo>,
    /// How the product reaches e-RS (access modes and capabilities).
    pub access: Vec<Access>,
    /// The other NHS services the product uses (4.17).
    pub services: Vec<Service>,
    /// The pattern of the application names' `[App name]` part (4.14); empty for the default.
    pub app_name_pattern: String,
    /// The pattern of the ASID names (4.16); empty for the default.
    pub asid_name_pattern: String,
    /// Per PROD application, what the supplier has learnt; in the plan's order.
    pub applications: Vec<ProjectApplication>,
    /// Steps ticked by hand: checklist numbers (`"4.11"`, `"4.3"`…) and flow steps (`"test"`).
    pub done: Vec<String>,
}

impl Project {
    /// A project for `product` with nothing else yet.
    pub fn new(product: impl Into<String>) -> Self {
        Project {
            product: product.into(),
            ..Project::default()
        }
    }

    /// A project from a plan's request, with no application details yet (call
    /// [`Project::sync_applications`] to list the applications).
    pub fn from_request(request: &PlanRequest) -> Self {
        Project {
            product: request.product.clone(),
            supplier: request.supplier.clone().unwrap_or_default(),
            euos: request
                .euos
                .iter()
                .map(|e| Euo::new(e.name.clone(), e.ods_code.as_deref()))
                .collect(),
            access: request.access.clone(),
            services: request.services.clone(),
            app_name_pattern: request.app_name_pattern.clone().unwrap_or_default(),
            asid_name_pattern: request.asid_name_pattern.clone().unwrap_or_default(),
            ..Project::default()
        }
    }

    /// The plan's request this project describes.
    pub fn plan_request(&self) -> PlanRequest {
        let supplier = self.supplier.trim();
        PlanRequest {
            product: self.product.clone(),
            supplier: (!supplier.is_empty()).then(|| supplier.to_owned()),
            euos: self.euos.clone(),
            access: self.access.clone(),
            services: self.services.clone(),
            app_name_pattern: Some(self.app_name_pattern.trim())
                .filter(|p| !p.is_empty())
                .map(str::to_owned),
            asid_name_pattern: Some(self.asid_name_pattern.trim())
                .filter(|p| !p.is_empty())
                .map(str::to_owned),
        }
    }

    /// Makes the plan.
    ///
    /// # Errors
    /// The [`PlanError`] when no plan can be made from the inputs (no EUO, no access mode…).
    pub fn plan(&self) -> Result<Plan, PlanError> {
        plan::plan(&self.plan_request())
    }

    /// The details of the application with this name, if the project has them.
    pub fn application(&self, name: &str) -> Option<&ProjectApplication> {
        let name = name.trim();
        self.applications.iter().find(|a| a.name.trim() == name)
    }

    /// The applications by name (the first of each name), for lookups in bulk: thousands of
    /// applications are matched in one pass, not one search each.
    fn by_name(&self) -> std::collections::HashMap<&str, usize> {
        let mut map = std::collections::HashMap::with_capacity(self.applications.len());
        for (i, a) in self.applications.iter().enumerate() {
            map.entry(a.name.trim()).or_insert(i);
        }
        map
    }

    /// Lines the applications up with the plan's: one entry per planned application in the
    /// plan's order, keeping what was filled in for each (matched by name). Entries whose
    /// application is no longer planned are kept after them if they hold anything, so nothing
    /// typed is lost; blank ones are dropped. Returns the plan.
    ///
    /// # Errors
    /// The [`PlanError`] when no plan can be made; the applications are then left as they are.
    pub fn sync_applications(&mut self) -> Result<Plan, PlanError> {
        let plan = self.plan()?;
        let mut old: Vec<Option<ProjectApplication>> = std::mem::take(&mut self.applications)
            .into_iter()
            .map(Some)
            .collect();
        let mut by_name = std::collections::HashMap::with_capacity(old.len());
        for (i, a) in old.iter().enumerate() {
            if let Some(a) = a {
                by_name.entry(a.name.trim().to_owned()).or_insert(i);
            }
        }
        let mut apps = Vec::with_capacity(plan.applications.len());
        for planned in &plan.applications {
            let kept = by_name
                .get(planned.name.as_str())
                .and_then(|&i| old.get_mut(i).and_then(Option::take));
            let mut app = kept.unwrap_or_default();
            app.name.clone_from(&planned.name);
            apps.push(app);
        }
        apps.extend(old.into_iter().flatten().filter(|a| !a.is_blank()));
        self.applications = apps;
        Ok(plan)
    }

    /// The go-live pack's request: the planned applications with the details filled in, and the
    /// steps ticked by hand.
    ///
    /// # Errors
    /// The [`PlanError`] when no plan can be made from the inputs.
    pub fn pack_request(&self) -> Result<PackRequest, PlanError> {
        let plan = self.plan()?;
        let mut request = golive::request_from_plan(&plan);
        let by_name = self.by_name();
        for app in &mut request.applications {
            if let Some(&i) = by_name.get(app.name.trim()) {
                app.fill_from(&self.applications[i], golive::place::TYPED);
            }
        }
        request.done = self
            .done
            .iter()
            .filter(|d| golive::step(d).is_some())
            .cloned()
            .collect();
        request.contact.clone_from(&self.contact);
        Ok(request)
    }

    /// Takes the details a pack request holds (after a details file was merged into it) back
    /// into the project, matched by application name; empty values leave a field as it was.
    pub fn take_details(&mut self, request: &PackRequest) {
        let mut by_name: std::collections::HashMap<String, usize> = self
            .by_name()
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
        for input in &request.applications {
            let name = input.name.trim();
            let index = match by_name.get(name) {
                Some(&i) => i,
                None => {
                    self.applications.push(ProjectApplication::named(name));
                    by_name.insert(name.to_owned(), self.applications.len() - 1);
                    self.applications.len() - 1
                }
            };
            self.applications[index].fill_from(input, golive::place::TYPED);
        }
    }

    /// Merges a filled details file (the plan's own CSV, or any CSV whose header names the
    /// application name, AppID, API key, kid and JWKS URL columns) into the project, matched by
    /// application name. Returns what the import met: unreadable rows, rows naming no planned
    /// application, and second rows for one application, each with its line.
    ///
    /// # Errors
    /// The [`PlanError`] when no plan can be made from the inputs (there is nothing to match),
    /// or, with the one problem [`golive::codes::SECRET`], when the file holds a private key:
    /// then nothing of it is taken, and the key is not repeated.
    pub fn import_details(&mut self, text: &str) -> Result<Vec<crate::Diagnostic>, PlanError> {
        let details = golive::parse_details_csv(text);
        if let Some(refused) = details.refused() {
            // Nothing of a file holding a secret is taken.
            return Err(PlanError {
                problems: vec![refused.clone()],
            });
        }
        let mut request = self.pack_request()?;
        let mut findings = details.problems.clone();
        findings.extend(golive::apply_details(&mut request, &details));
        self.sync_applications()?;
        self.take_details(&request);
        Ok(findings)
    }

    /// The plan as CSV ([`plan::to_csv`]) with the ASID, AppID, API key, kid and JWKS URL
    /// columns filled from the project: the file to fill in a spreadsheet and import back.
    ///
    /// # Errors
    /// The [`PlanError`] when no plan can be made from the inputs.
    pub fn to_plan_csv(&self) -> Result<String, PlanError> {
        let plan = self.plan()?;
        let by_name = self.by_name();
        Ok(plan::to_csv_filled(&plan, |name| {
            by_name.get(name.trim()).map(|&i| {
                let a = &self.applications[i];
                golive::fields_in(golive::place::TYPED)
                    .map(|s| a.get(s.field))
                    .collect()
            })
        }))
    }

    /// True when the user ticked this step (a checklist number or a flow step id).
    pub fn is_done(&self, step: &str) -> bool {
        self.done.iter().any(|d| d == step)
    }
}

/// True when `step` is one a user may tick by hand: a checklist number (`"4.11"`) or a flow
/// step id (`"test"`).
pub fn is_known_step(step: &str) -> bool {
    golive::step(step).is_some() || FLOW.iter().any(|(id, _)| *id == step)
}

/// A step of the guided flow and where the project is with it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct FlowStep {
    /// `plan`, `names`, `register`, `keys`, `test`, `pack` or `send`.
    pub id: &'static str,
    /// What the step is, in words.
    pub title: &'static str,
    /// The Stage 4 steps it covers (`"4.11–4.15"`): the numbers the checklist and the page's
    /// sections use.
    pub rule: &'static str,
    /// True when done: verified by this tool from the project, or ticked by the user for the
    /// steps only they can do (`register`, `test`, `send`).
    pub done: bool,
    /// True when the user ticks it; false when this tool verifies it.
    pub manual: bool,
    /// The label of the user's tick (`"I have registered every application"`), for a manual
    /// step; `None` for a step this tool verifies.
    pub tick: Option<&'static str>,
    /// Where the supplier does it, when that is a page outside this tool (the developer hub).
    pub link: Option<&'static str>,
    /// Where it stands, in a sentence: what was verified ("Verified: the 9 names pass 4.14."),
    /// what is left, or what the user ticks it for.
    pub detail: String,
}

/// The guided flow, plan → names → register → keys → test → pack → send. The steps this tool
/// can verify are ticked by it, saying what it verified; the steps only the supplier can do
/// (registering on the developer hub, testing with their client, sending the form) are ticked by
/// the supplier. `pack` is the pack the project makes ([`Project::pack_request`] then
/// [`golive::pack`]), or `None` when no plan can be made yet.
pub fn flow(project: &Project, pack: Option<&golive::Pack>) -> Vec<FlowStep> {
    let c = PackCounts::of(pack);
    let planned = c.apps > 0;
    let registered = project.is_done("register");
    let tested = project.is_done("test");
    let sent = project.is_done("send") || project.is_done("4.3");
    let step = |i: usize, rule, done, tick: Option<&'static str>, detail: String| FlowStep {
        id: FLOW[i].0,
        title: FLOW[i].1,
        rule,
        done,
        manual: tick.is_some(),
        tick,
        link: (FLOW[i].0 == "register").then_some(golive::DEVELOPER_HUB_URL),
        detail,
    };
    let names_pass = planned && c.bad_names == 0;
    let keys_made = planned && c.kids == c.apps && c.bad_kids == 0;
    let ticked = |done: bool, otherwise: String| {
        if done {
            "Ticked by you.".to_owned()
        } else {
            otherwise
        }
    };
    vec![
        step(0, "4.15–4.17", planned, None, c.plan_detail()),
        step(1, "4.14–4.15", names_pass, None, c.names_detail()),
        step(
            2,
            "4.11–4.15",
            registered,
            Some("I have registered every application on the developer hub"),
            ticked(registered, c.register_detail()),
        ),
        step(3, "4.2", keys_made, None, c.keys_detail()),
        step(
            4,
            "4.2",
            tested,
            Some("I have tested a client assertion"),
            ticked(tested, "Only you can do this, with your client: tick it when a client assertion passes the check.".to_owned()),
        ),
        step(5, "4.3", planned && c.complete, None, c.pack_detail(pack)),
        step(
            6,
            "4.3–4.4",
            sent,
            Some("I have sent the PROD form"),
            ticked(sent, "Only you can do this: tick it when the PROD form is sent to the e-RS Partners team, at the address on the form.".to_owned()),
        ),
    ]
}

const NO_PLAN_YET: &str = "Checked by this tool once there is a plan.";

impl PackCounts {
    /// `the application is` / `the 9 applications are`, with `what` after.
    fn all(&self, one: &str, many: &str) -> String {
        if self.apps == 1 {
            format!("the application {one}")
        } else {
            format!(
                "the {} applications {many}",
                crate::words::thousands(self.apps)
            )
        }
    }

    fn plan_detail(&self) -> String {
        if self.apps == 0 {
            return "No plan yet: plan your end-user organisations and access modes.".to_owned();
        }
        format!(
            "Verified: {} planned, one ASID each (4.16).",
            crate::words::count(self.apps, "PROD application", "PROD applications")
        )
    }

    fn names_detail(&self) -> String {
        use crate::words::{count, thousands};
        match (self.apps, self.bad_names) {
            (0, _) => NO_PLAN_YET.to_owned(),
            (1, 0) => "Verified: the name passes 4.14.".to_owned(),
            (n, 0) => format!("Verified: the {} names pass 4.14.", thousands(n)),
            (n, bad) => format!(
                "{} of {} fail 4.14: correct them in the go-live pack.",
                thousands(bad),
                count(n, "name", "names")
            ),
        }
    }

    fn register_detail(&self) -> String {
        use crate::words::thousands;
        if self.apps == 0 {
            return "Only you can do this, on the developer hub: tick it when every application is registered in PROD.".to_owned();
        }
        format!(
            "Only you can do this, on the developer hub, one application at a time: tick it when {} registered in PROD. AppIDs entered so far: {} of {}.",
            self.all("is", "are"),
            thousands(self.app_ids),
            thousands(self.apps)
        )
    }

    fn keys_detail(&self) -> String {
        if self.apps == 0 {
            NO_PLAN_YET.to_owned()
        } else if self.kids == self.apps && self.bad_kids == 0 {
            format!("Verified: {} a key pair's kid.", self.all("has", "have"))
        } else {
            crate::golive::kids_progress(self.kids, self.apps, self.bad_kids)
        }
    }

    fn pack_detail(&self, pack: Option<&golive::Pack>) -> String {
        match pack {
            Some(_) if self.apps > 0 && self.complete => {
                "Verified: every detail the PROD form needs is given, and nothing is wrong."
                    .to_owned()
            }
            Some(p) if self.apps > 0 => p.summary(),
            _ => NO_PLAN_YET.to_owned(),
        }
    }
}

/// What the guided flow reads from the pack: how many applications it holds, and how many of
/// them have each thing a step needs.
#[derive(Clone, Copy)]
struct PackCounts {
    apps: usize,
    bad_names: usize,
    kids: usize,
    bad_kids: usize,
    app_ids: usize,
    complete: bool,
}

impl PackCounts {
    fn of(pack: Option<&golive::Pack>) -> Self {
        let with_error = |codes: &[crate::CodeInfo]| {
            pack.map_or(0, |p| golive::applications_with(&p.findings, codes))
        };
        let count = |pred: &dyn Fn(&golive::PackApplication) -> bool| {
            pack.map_or(0, |p| p.applications.iter().filter(|a| pred(a)).count())
        };
        Self {
            apps: pack.map_or(0, |p| p.applications.len()),
            bad_names: with_error(&[golive::codes::NAME_INVALID, golive::codes::NAME_EMPTY]),
            kids: count(&|a| !a.kid.is_empty()),
            bad_kids: with_error(&[golive::codes::KID_DUPLICATE]),
            app_ids: count(&|a| !a.app_id.is_empty()),
            complete: pack.is_some_and(|p| p.complete),
        }
    }
}

/// Why a project file cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProjectError {
    /// The text is not JSON.
    NotJson {
        /// What the JSON reader said.
        reason: String,
    },
    /// The JSON is not a go-live project (no or another `format`).
    NotAProject {
        /// What was found instead, in words.
        found: String,
    },
    /// The file was written by a newer ers-golive.
    TooNew {
        /// Its version.
        version: u64,
    },
    /// A field has the wrong type or value.
    Invalid {
        /// The field, as a path: `applications[2].kid`.
        field: String,
        /// What is wrong, lowercase.
        reason: String,
    },
    /// The file holds a secret: a private key, a passphrase or a client secret. The secret is
    /// never repeated.
    Secret {
        /// Where it is, as a path: `applications[0].private_key`.
        field: String,
        /// What kind of secret: "a private key", "a passphrase", "a client secret".
        what: &'static str,
    },
}

impl ProjectError {
    /// A stable, machine-readable code (the page branches on it).
    pub fn code(&self) -> &'static str {
        match self {
            ProjectError::NotJson { .. } => "project-not-json",
            ProjectError::NotAProject { .. } => "project-not-a-project",
            ProjectError::TooNew { .. } => "project-too-new",
            ProjectError::Invalid { .. } => "project-invalid",
            ProjectError::Secret { .. } => "project-secret",
        }
    }

    /// The field it is about, when there is one.
    pub fn field(&self) -> Option<&str> {
        match self {
            ProjectError::Invalid { field, .. } | ProjectError::Secret { field, .. } => Some(field),
            _ => None,
        }
    }
}

impl fmt::Display for ProjectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProjectError::NotJson { reason } => {
                write!(f, "not a go-live project file: it is not JSON ({reason})")
            }
            ProjectError::NotAProject { found } => write!(
                f,
                "not a go-live project file: {found}; a project file has \"format\": \"{FORMAT}\""
            ),
            ProjectError::TooNew { version } => write!(
                f,
                "the project file is version {version}, made by a newer ers-golive; this one reads up to version {VERSION}"
            ),
            ProjectError::Invalid { field, reason } => write!(f, "{field}: {reason}"),
            ProjectError::Secret { field, what } => write!(
                f,
                "the project file holds {what} ({field}) and was not opened: a project never holds private keys, passphrases or client secrets. Remove it from the file, keep it somewhere safe, and open the file again"
            ),
        }
    }
}

impl std::error::Error for ProjectError {}
