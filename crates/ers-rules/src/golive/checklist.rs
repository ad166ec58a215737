//! The Stage 4 (Release) checklist as data: every step of NHS's page with its number, title,
//! what to do, and whether it is done once or once per PROD application.

/// One step of Stage 4.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Step {
    /// The step's number on NHS's page: `"4.11"` … `"4.17"`, `"4.2"`, `"4.3"`, `"4.4"`.
    pub number: &'static str,
    /// The heading it sits under: `"4.1 Register your application"` for 4.11–4.17, else `None`.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub part_of: Option<&'static str>,
    /// The step's title, as NHS writes it.
    pub title: &'static str,
    /// What to do, in NHS's words where the page has them.
    pub what_to_do: &'static str,
    /// True when the step is done once for each PROD application, false when done once.
    pub per_application: bool,
    /// Where the supplier does it, when that is a page: the developer hub for 4.11 and 4.12.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub link: Option<&'static str>,
}

/// NHS England's "Stage 4 - Release" page, the source of every step (FACTS §1: the integration
/// process's pages are `digital.nhs.uk/services/e-referral-service/api/integration-process/
/// stage-N-…`; Stage 4's is `stage-4-release`).
pub const STAGE_4_URL: &str =
    "https://digital.nhs.uk/services/e-referral-service/api/integration-process/stage-4-release";

/// Where a supplier signs in to their developer account and registers PROD applications (4.11,
/// 4.12): the NHS developer hub, NHS England's Digital Onboarding Service. Source: NHS England's
/// API reference guide (`digital.nhs.uk/developer/guides-and-documentation/reference-guide`,
/// "API standards", deprecation) links "developer account" to the sign-in of the client
/// `digital-onboarding-service`, which returns to `onboarding.prod.api.platform.nhs.uk/signin-oidc`.
pub const DEVELOPER_HUB_URL: &str = "https://onboarding.prod.api.platform.nhs.uk/";

/// Where the checklist comes from.
pub const SOURCE: &str = "NHS England, e-Referral Service integration process, \
\"Stage 4 - Release\" (last edited 26 March 2025).";

/// Said once, where the checklist is shown: a newer version of NHS's page numbers some steps
/// differently (FACTS §1), so a supplier reading either can follow.
pub const NEWER_NUMBERING: &str = "The numbers are those of that page. A newer version of \
the page numbers some steps differently: there \"Multiple ASIDs\" (4.16 here) is 4.2, \"Sharing with \
other NHS services\" (4.17) is 4.3, and \"Send your AppID\" (4.3 here) is 4.5.";

const REGISTER: Option<&str> = Some("4.1 Register your application");

/// The steps of Stage 4, in NHS's order.
pub const CHECKLIST: [Step; 10] = [
    Step {
        number: "4.11",
        part_of: REGISTER,
        title: "Sign in to your developer account",
        what_to_do: "Navigate to your developer account and sign in.",
        per_application: false,
        link: Some(DEVELOPER_HUB_URL),
    },
    Step {
        number: "4.12",
        part_of: REGISTER,
        title: "Register your application",
        what_to_do: "On the developer account home page, select 'Environment access' and 'Add new application' to start the new application journey.",
        per_application: true,
        link: Some(DEVELOPER_HUB_URL),
    },
    Step {
        number: "4.13",
        part_of: REGISTER,
        title: "Select your environment",
        what_to_do: "Select the production (PROD) environment and your application owner.",
        per_application: true,
        link: None,
    },
    Step {
        number: "4.14",
        part_of: REGISTER,
        title: "Name your application",
        what_to_do: "Name it as the preferred guidance says: [Supplier name] - [App name] - [Environment] - e-Referral Service, [Access mode].",
        per_application: true,
        link: None,
    },
    Step {
        number: "4.15",
        part_of: REGISTER,
        title: "Add the e-Referral Service API",
        what_to_do: "Select one API per application: e-Referral Service - Healthcare Worker for user-restricted access, e-Referral Service - Application Restricted for application-restricted access. Each access mode needs its own application.",
        per_application: true,
        link: None,
    },
    Step {
        number: "4.16",
        part_of: REGISTER,
        title: "Multiple ASIDs",
        what_to_do: "Each application is bound to one ASID (one-to-one). Per end-user organisation, you need an ASID for each access mode, and for application-restricted access one for each capability (referrer, provider).",
        per_application: true,
        link: None,
    },
    Step {
        number: "4.17",
        part_of: REGISTER,
        title: "Sharing with other NHS services",
        what_to_do: "The e-RS ASID cannot be shared with NHS services on the APIM platform (such as PDS, EPS, SCR): they need a separate ASID. It can be shared with other services such as NEMS, CP-IS or GP Connect.",
        per_application: false,
        link: None,
    },
    Step {
        number: "4.2",
        part_of: None,
        title: "Generate a key pair",
        what_to_do: "Generate a key pair for each application and access mode. Publish the public key in a JWKS at a URL the NHS token server can reach, and note its kid.",
        per_application: true,
        link: None,
    },
    Step {
        number: "4.3",
        part_of: None,
        title: "Send your AppID",
        what_to_do: "Registering creates a new AppID for each application. Complete the PROD form the e-RS Partners team sends you, including the new IDs, and return it to the e-RS Partners team.",
        per_application: false,
        link: None,
    },
    Step {
        number: "4.4",
        part_of: None,
        title: "Go live",
        what_to_do: "Once all the above activities are complete, the e-RS Partners team will email you to confirm your status.",
        per_application: false,
        link: None,
    },
];

/// The step with this number (`"4.16"`), if Stage 4 has one.
pub fn step(number: &str) -> Option<&'static Step> {
    CHECKLIST.iter().find(|s| s.number == number.trim())
}
