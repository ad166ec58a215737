//! Access modes and capabilities, and the one API each access mode enables (4.15, 4.16).

use core::{fmt, str::FromStr};

use crate::Error;

crate::id_enum! {
    /// How an application reaches e-RS. One application per access mode (4.15). `ALL` has
    /// user-restricted first.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum AccessMode {
        /// A healthcare worker signs in (NHS CIS2); the app acts as that user.
        UserRestricted = "user-restricted",
        /// Unattended: the app acts as itself, authenticated by a signed JWT only.
        ApplicationRestricted = "application-restricted",
    }
}

impl AccessMode {
    /// The form the Stage 4 examples of 4.14 write in an application name.
    pub fn name_form(self) -> &'static str {
        match self {
            AccessMode::UserRestricted => "User Restricted",
            AccessMode::ApplicationRestricted => "Application-Restricted",
        }
    }

    /// The form 4.16 writes in an ASID name.
    pub fn asid_form(self) -> &'static str {
        match self {
            AccessMode::UserRestricted => "User-Restricted",
            AccessMode::ApplicationRestricted => "Application-Restricted",
        }
    }

    /// The one API to enable on an application of this access mode (4.15).
    pub fn api(self) -> &'static str {
        match self {
            AccessMode::UserRestricted => "e-Referral Service - Healthcare Worker",
            AccessMode::ApplicationRestricted => "e-Referral Service - Application Restricted",
        }
    }
}

impl fmt::Display for AccessMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for AccessMode {
    type Err = Error;

    /// Reads the identifiers and every spelling NHS uses ("User Restricted", "User-restricted",
    /// "Application-Restricted", "application restricted", "unattended"), in any case.
    fn from_str(s: &str) -> Result<Self, Error> {
        let folded: String = s
            .trim()
            .chars()
            .map(|c| {
                if c == '_' || c == ' ' {
                    '-'
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect();
        match folded.as_str() {
            "user-restricted" | "user" => Ok(AccessMode::UserRestricted),
            "application-restricted" | "app-restricted" | "application" | "unattended" => {
                Ok(AccessMode::ApplicationRestricted)
            }
            _ => Err(Error::UnknownAccessMode {
                given: s.to_owned(),
            }),
        }
    }
}

/// For application-restricted access, the capability an application has (4.16): each needs its
/// own ASID, because NHS sets one business-function attribute per app.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "lowercase")
)]
pub enum Capability {
    /// Makes referrals.
    Referrer,
    /// Receives and processes referrals.
    Provider,
}

impl Capability {
    /// Both capabilities, referrer first.
    pub const ALL: [Capability; 2] = [Capability::Referrer, Capability::Provider];

    /// `referrer` or `provider`.
    pub fn id(self) -> &'static str {
        match self {
            Capability::Referrer => "referrer",
            Capability::Provider => "provider",
        }
    }

    /// As written in an ASID name (4.16): `Referrer` or `Provider`.
    pub fn title(self) -> &'static str {
        match self {
            Capability::Referrer => "Referrer",
            Capability::Provider => "Provider",
        }
    }

    /// The business function NHS sets on an app-restricted application with this capability.
    pub fn business_function(self) -> &'static str {
        match self {
            Capability::Referrer => "REFERRER_AUTHORISED_APPLICATION",
            Capability::Provider => "PROVIDER_AUTHORISED_APPLICATION",
        }
    }
}

impl fmt::Display for Capability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl FromStr for Capability {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        match s.trim().to_ascii_lowercase().as_str() {
            "referrer" => Ok(Capability::Referrer),
            "provider" => Ok(Capability::Provider),
            _ => Err(Error::UnknownCapability {
                given: s.to_owned(),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nhs_spellings_parse() {
        for s in [
            "User Restricted",
            "User-restricted",
            "user-restricted",
            "USER_RESTRICTED",
        ] {
            assert_eq!(
                s.parse::<AccessMode>(),
                Ok(AccessMode::UserRestricted),
                "{s}"
            );
        }
        for s in [
            "Application-Restricted",
            "Application Restricted",
            "application-restricted",
        ] {
            assert_eq!(
                s.parse::<AccessMode>(),
                Ok(AccessMode::ApplicationRestricted),
                "{s}"
            );
        }
        assert!("both".parse::<AccessMode>().is_err());
    }

    #[test]
    fn one_api_per_access_mode() {
        assert_ne!(
            AccessMode::UserRestricted.api(),
            AccessMode::ApplicationRestricted.api()
        );
    }
}
