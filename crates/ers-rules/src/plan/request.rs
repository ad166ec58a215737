//! What a go-live plan is made from: the product, the end-user organisations (EUOs), the ways the
//! product reaches e-RS and the other NHS services it uses.

use core::fmt;

use crate::{AccessMode, Capability};

/// An end-user organisation (EUO): a trust, practice or other body that uses the product.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Euo {
    /// The organisation's name, as it goes into the ASID names (4.16).
    pub name: String,
    /// Its ODS code, when known (e.g. `RR8`).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub ods_code: Option<String>,
    /// The line of the CSV file it came from, when it was imported.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub line: Option<usize>,
}

impl Euo {
    /// An EUO with a name and an optional ODS code; both are trimmed and an empty ODS code
    /// counts as none.
    pub fn new(name: impl Into<String>, ods_code: Option<&str>) -> Self {
        let name: String = name.into();
        Euo {
            name: name.trim().to_owned(),
            ods_code: ods_code
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_owned),
            line: None,
        }
    }

    /// Reads `NAME` or `NAME=ODS` (the command line's `--euo`). The last `=` splits, so a name
    /// may itself contain `=`; an ODS code never does.
    pub fn parse(spec: &str) -> Self {
        match spec.rsplit_once('=') {
            Some((name, ods)) if is_plausible_ods(ods.trim()) || ods.trim().is_empty() => {
                Euo::new(name, Some(ods))
            }
            _ => Euo::new(spec, None),
        }
    }

    /// Sets the source line.
    #[must_use]
    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }
}

/// True when `code` has the shape of an ODS code: 1 to 9 ASCII letters and digits (FACTS §3,
/// e.g. `R69`, `RCD`, `G3472185`, `K81003001`). Lowercase letters pass here; the plan flags them.
pub fn is_plausible_ods(code: &str) -> bool {
    (1..=9).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// One way the product reaches e-RS: each needs its own ASID and application per EUO (4.16).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Access {
    /// User-restricted access.
    UserRestricted,
    /// Application-restricted (unattended) access with one capability.
    ApplicationRestricted(Capability),
}

impl Access {
    /// All three, in the order of 4.16's worked example (ASID 1, 2, 3).
    pub const ALL: [Access; 3] = [
        Access::UserRestricted,
        Access::ApplicationRestricted(Capability::Referrer),
        Access::ApplicationRestricted(Capability::Provider),
    ];

    /// The access chosen by the three flags of a form or command line (user-restricted,
    /// application-restricted referrer, provider), in [`Access::ALL`]'s order.
    pub fn from_flags(user_restricted: bool, referrer: bool, provider: bool) -> Vec<Access> {
        Access::ALL
            .into_iter()
            .zip([user_restricted, referrer, provider])
            .filter_map(|(access, chosen)| chosen.then_some(access))
            .collect()
    }

    /// The access mode.
    pub fn mode(self) -> AccessMode {
        match self {
            Access::UserRestricted => AccessMode::UserRestricted,
            Access::ApplicationRestricted(_) => AccessMode::ApplicationRestricted,
        }
    }

    /// The capability, for application-restricted access.
    pub fn capability(self) -> Option<Capability> {
        match self {
            Access::UserRestricted => None,
            Access::ApplicationRestricted(c) => Some(c),
        }
    }

    /// `user-restricted`, `application-restricted-referrer` or `application-restricted-provider`.
    pub fn id(self) -> &'static str {
        match self {
            Access::UserRestricted => "user-restricted",
            Access::ApplicationRestricted(Capability::Referrer) => {
                "application-restricted-referrer"
            }
            Access::ApplicationRestricted(Capability::Provider) => {
                "application-restricted-provider"
            }
        }
    }

    /// How a person would say it: `User-restricted`, `Application-restricted, as a referrer`.
    pub fn label(self) -> &'static str {
        match self {
            Access::UserRestricted => "User-restricted",
            Access::ApplicationRestricted(Capability::Referrer) => {
                "Application-restricted, as a referrer"
            }
            Access::ApplicationRestricted(Capability::Provider) => {
                "Application-restricted, as a provider"
            }
        }
    }

    /// As 4.16 writes it at the end of an ASID name, e.g. `Application-Restricted - Referrer`.
    pub fn asid_form(self) -> String {
        match self {
            Access::UserRestricted => AccessMode::UserRestricted.asid_form().to_owned(),
            Access::ApplicationRestricted(c) => format!(
                "{} - {}",
                AccessMode::ApplicationRestricted.asid_form(),
                c.title()
            ),
        }
    }
}

impl fmt::Display for Access {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

crate::id_enum! {
    /// Where another NHS service the product uses lives, which decides whether it may share the
    /// e-RS ASID (4.17). Its identifier is `apim`, `shareable` or `unknown`.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Platform {
        /// On the NHS API platform (APIM): may **not** share the e-RS ASID; these services
        /// together need one separate ASID.
        Apim = "apim",
        /// Elsewhere: may share the e-RS ASID.
        Shareable = "shareable",
        /// Not known to ers-golive and not said by the user: the plan asks.
        Unknown = "unknown",
    }
}

/// The services 4.17 names, with the platform it gives for each: (short name, full name, aliases).
const KNOWN_SERVICES: [(&str, &str, Platform, &[&str]); 6] = [
    ("PDS", "Personal Demographics Service", Platform::Apim, &[]),
    (
        "EPS",
        "Electronic Prescription Service",
        Platform::Apim,
        &[],
    ),
    ("SCR", "Summary Care Record", Platform::Apim, &[]),
    (
        "NEMS",
        "National Events Management Service",
        Platform::Shareable,
        &[],
    ),
    (
        "CP-IS",
        "Child Protection - Information Sharing",
        Platform::Shareable,
        &["CPIS", "Child Protection Information Sharing"],
    ),
    (
        "GP Connect",
        "GP Connect",
        Platform::Shareable,
        &["GPConnect", "GP-Connect"],
    ),
];

/// Another NHS service the product uses, besides e-RS (4.17).
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Service {
    /// Its name: the short name 4.17 uses for the services it names (`PDS`, `GP Connect`).
    pub name: String,
    /// Where it lives.
    pub platform: Platform,
}

impl Service {
    /// A service whose platform the user states.
    pub fn new(name: impl Into<String>, platform: Platform) -> Self {
        Service {
            name: name.into().trim().to_owned(),
            platform,
        }
    }

    /// A service by name: one of 4.17's (by short name, full name or alias, in any case) gets
    /// its platform from 4.17; any other is [`Platform::Unknown`].
    pub fn named(name: &str) -> Self {
        let name = name.trim();
        let key = fold(name);
        for (short, full, platform, aliases) in KNOWN_SERVICES {
            if fold(short) == key || fold(full) == key || aliases.iter().any(|a| fold(a) == key) {
                return Service::new(short, platform);
            }
        }
        Service::new(name, Platform::Unknown)
    }

    /// Reads the command line's `--service`: `NAME` (one of 4.17's, or unknown), `apim:NAME`
    /// (an APIM-platform service) or `shareable:NAME` (one that may share the ASID; `shared:`
    /// works too).
    pub fn parse(spec: &str) -> Self {
        if let Some((prefix, name)) = spec.split_once(':') {
            match prefix.trim().to_ascii_lowercase().as_str() {
                "apim" => return Service::with_platform(name, Platform::Apim),
                "shareable" | "shared" => return Service::with_platform(name, Platform::Shareable),
                _ => {}
            }
        }
        Service::named(spec)
    }

    /// A service whose platform the user states; one of 4.17's keeps its short name.
    pub fn with_platform(name: &str, platform: Platform) -> Self {
        let known = Service::named(name);
        Service::new(known.name, platform)
    }

    /// The services 4.17 names, each with its full name and platform: `(name, full name,
    /// platform)`, APIM-platform ones first.
    pub fn known() -> impl Iterator<Item = (&'static str, &'static str, Platform)> {
        KNOWN_SERVICES
            .iter()
            .map(|&(short, full, platform, _)| (short, full, platform))
    }

    /// True for GP Connect, whose own rules ask for ASIDs registered for GP Connect.
    pub fn is_gp_connect(&self) -> bool {
        fold(&self.name) == fold("GP Connect")
    }

    /// The 4.17 platform for a known service name, if it is one.
    pub fn known_platform(name: &str) -> Option<Platform> {
        let s = Service::named(name);
        (s.platform != Platform::Unknown).then_some(s.platform)
    }
}

/// Lowercase with everything but letters and digits removed: `CP-IS` = `cpis`.
fn fold(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Everything a go-live plan is made from.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct PlanRequest {
    /// The product's name, as it goes into ASID names (4.16) and application names (4.14).
    pub product: String,
    /// The supplier's name for application names (4.14); the product's name when absent.
    pub supplier: Option<String>,
    /// The end-user organisations.
    pub euos: Vec<Euo>,
    /// How the product reaches e-RS; order and repeats do not matter.
    pub access: Vec<Access>,
    /// Other NHS services the product uses (4.17).
    pub services: Vec<Service>,
    /// The pattern of each application name's `[App name]` part (4.14), with placeholders
    /// ([`super::pattern::APP_PLACEHOLDERS`]); [`super::pattern::DEFAULT_APP_PATTERN`] when
    /// absent or blank.
    pub app_name_pattern: Option<String>,
    /// The pattern of each ASID's name (4.16), with placeholders
    /// ([`super::pattern::ASID_PLACEHOLDERS`]); [`super::pattern::DEFAULT_ASID_PATTERN`] when
    /// absent or blank.
    pub asid_name_pattern: Option<String>,
}

impl PlanRequest {
    /// A request for `product` with nothing else yet.
    pub fn new(product: impl Into<String>) -> Self {
        PlanRequest {
            product: product.into(),
            ..PlanRequest::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn euo_spec_splits_on_last_equals_only_for_an_ods_shape() {
        assert_eq!(Euo::parse("Leeds=RR8"), Euo::new("Leeds", Some("RR8")));
        assert_eq!(Euo::parse(" Leeds = RR8 "), Euo::new("Leeds", Some("RR8")));
        assert_eq!(Euo::parse("A=B Trust"), Euo::new("A=B Trust", None));
        assert_eq!(Euo::parse("Leeds="), Euo::new("Leeds", None));
    }

    #[test]
    fn services_of_4_17_are_known_by_any_spelling() {
        assert_eq!(Service::named("pds"), Service::new("PDS", Platform::Apim));
        assert_eq!(
            Service::named("Summary Care Record"),
            Service::new("SCR", Platform::Apim)
        );
        assert_eq!(
            Service::named("cpis"),
            Service::new("CP-IS", Platform::Shareable)
        );
        assert_eq!(
            Service::named("gpconnect"),
            Service::new("GP Connect", Platform::Shareable)
        );
        assert_eq!(
            Service::named("NRL"),
            Service::new("NRL", Platform::Unknown)
        );
        assert_eq!(
            Service::parse("apim:NRL"),
            Service::new("NRL", Platform::Apim)
        );
        assert_eq!(
            Service::parse("shared:Foo"),
            Service::new("Foo", Platform::Shareable)
        );
        assert_eq!(
            Service::parse("apim:pds"),
            Service::new("PDS", Platform::Apim)
        );
    }
}
