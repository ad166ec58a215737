//! One PROD application's record ([`Details`]) and the one table of its fields ([`FIELDS`]):
//! what each is called, where it goes (the project file, the pack's outputs, the details CSV),
//! which applications need it and how it is checked. The plan, the pack, the project file, the
//! details CSV import, the wasm facade and the CLI all read the record through this table, so a
//! new field is a new row here and a new variant of [`Field`].

use crate::{AccessMode, Diagnostic};

use super::codes;

crate::id_enum! {
    /// A field of an application's record. Its identifier is its name in the project file, in a
    /// request and in a finding's part (`context.part`): `app_id`, `jwks_url`…; `ALL` is in the
    /// table's order.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Field {
        /// The application name.
        Name = "name",
        /// The ASID NHS allocated.
        Asid = "asid",
        /// The AppID.
        AppId = "app_id",
        /// The API key.
        ApiKey = "api_key",
        /// The kid.
        Kid = "kid",
        /// The key's thumbprint.
        Thumbprint = "thumbprint",
        /// The JWKS URL.
        JwksUrl = "jwks_url",
        /// Where NHS CIS2 sends a signed-in user back (user-restricted only).
        CallbackUrl = "callback_url",
        /// The end-user organisation.
        Organisation = "organisation",
        /// The EUO's ODS code.
        OdsCode = "ods_code",
        /// The access mode.
        AccessMode = "access_mode",
        /// The capability.
        Capability = "capability",
        /// The API.
        Api = "api",
        /// The environment.
        Environment = "environment",
    }
}

/// Where a field goes, as flags of [`Spec::places`].
pub mod place {
    /// Kept in the project file.
    pub const SAVED: u8 = 1;
    /// In the pack's request and outputs (email, Markdown, CSV, JSON, print).
    pub const SHOWN: u8 = 2;
    /// Entered by the supplier (not from the plan): typed in the form, read from a details CSV,
    /// written in the plan's CSV to fill in, and kept per application.
    pub const TYPED: u8 = 4;
}

/// What the pack says when a field the PROD form needs is empty.
#[derive(Clone, Copy, Debug)]
pub struct Missing {
    /// Its code (one of [`codes::MISSING`]), with its severity and rule.
    pub code: crate::CodeInfo,
    /// How to fill it in.
    pub help: &'static str,
}

/// One field of the record: its names, where it goes, and its check.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    /// The field.
    pub field: Field,
    /// Its name in the page's JavaScript (camelCase).
    pub camel: &'static str,
    /// Its name in a sentence ("no AppID").
    pub label: &'static str,
    /// Its column in the pack's CSV and its line in the emails.
    pub title: &'static str,
    /// Its column in the Markdown email's table.
    pub md_title: &'static str,
    /// Its column in the plan's CSV, when it is filled in there.
    pub plan_title: &'static str,
    /// Other spellings read: details CSV headers (letters and digits, lowercase) and older
    /// JSON names.
    pub aliases: &'static [&'static str],
    /// Where it goes: [`place`] flags.
    pub places: u8,
    /// What an email shows when it is empty on an application that needs it ("" leaves the
    /// line out).
    pub blank: &'static str,
    /// The access modes that need it; `None` for every application.
    pub only_for: Option<AccessMode>,
    /// What the pack says when it is empty on an application that needs it.
    pub missing: Option<Missing>,
    /// Its own check of a value given (trimmed, not empty): the findings, without their
    /// application and part.
    pub check: Option<fn(&str, &mut Vec<Diagnostic>)>,
}

const MISSING_SHOWN: &str = "(missing)";

/// What the ASID shows while NHS has not allocated it (it is optional in the pack until then,
/// 4.16).
pub(crate) const ASID_NOT_GIVEN: &str = "(not given yet: NHS allocates it, 4.16)";

const fn spec(field: Field, camel: &'static str, label: &'static str, places: u8) -> Spec {
    Spec {
        field,
        camel,
        label,
        title: label,
        md_title: label,
        plan_title: "",
        aliases: &[],
        places,
        blank: MISSING_SHOWN,
        only_for: None,
        missing: None,
        check: None,
    }
}

/// `spec` with one title for the CSV, the emails and the Markdown table.
const fn titled(title: &'static str, spec: Spec) -> Spec {
    Spec {
        title,
        md_title: title,
        ..spec
    }
}

use place::{SAVED, SHOWN, TYPED};

/// Every field, in the order of the pack's CSV and the project file.
pub const FIELDS: &[Spec] = &[
    Spec {
        title: "Application name",
        md_title: "Application name (4.14)",
        aliases: &["applicationname", "application", "appname"],
        ..spec(Field::Name, "name", "application name", SAVED | SHOWN)
    },
    Spec {
        md_title: "ASID (4.16)",
        plan_title: "ASID (allocated by NHS)",
        aliases: &["ASID"],
        blank: ASID_NOT_GIVEN,
        check: Some(super::checks::asid_form),
        ..spec(Field::Asid, "asid", "ASID", SAVED | SHOWN | TYPED)
    },
    Spec {
        plan_title: "AppID (from the developer hub)",
        aliases: &["applicationid"],
        missing: Some(Missing {
            code: codes::APP_ID_MISSING,
            help: "copy it from the application's page on the developer hub once it is registered (4.12)",
        }),
        check: Some(super::checks::app_id_form),
        ..spec(Field::AppId, "appId", "AppID", SAVED | SHOWN | TYPED)
    },
    Spec {
        plan_title: "API key",
        aliases: &["key", "clientid"],
        missing: Some(Missing {
            code: codes::API_KEY_MISSING,
            help: "copy the application's API key (its Key, never its Secret) from the developer hub",
        }),
        ..spec(Field::ApiKey, "apiKey", "API key", SAVED | SHOWN | TYPED)
    },
    Spec {
        plan_title: "kid",
        aliases: &["keyid"],
        missing: Some(Missing {
            code: codes::KID_MISSING,
            help: "give the kid of the application's public key, exactly as in its JWKS (a JWK without \"alg\" is fine, and the token server does not check key size: check the JWKS with ers-golive keys check)",
        }),
        check: Some(super::checks::unusual_kid),
        ..spec(Field::Kid, "kid", "kid", SAVED | SHOWN | TYPED)
    },
    Spec {
        aliases: &["keyThumbprint", "key_thumbprint"],
        ..spec(Field::Thumbprint, "thumbprint", "thumbprint", SAVED)
    },
    Spec {
        plan_title: "JWKS URL",
        aliases: &["jwks_uri", "jwksuri", "jwks", "jwksresourceurl"],
        missing: Some(Missing {
            code: codes::JWKS_URL_MISSING,
            help: "give the https URL where the application's JWKS is published",
        }),
        check: Some(super::checks::jwks_url_reachable),
        ..spec(Field::JwksUrl, "jwksUrl", "JWKS URL", SAVED | SHOWN | TYPED)
    },
    Spec {
        title: "Callback URL",
        md_title: "Callback URL",
        plan_title: "Callback URL",
        aliases: &["redirecturi", "redirecturl", "callback"],
        only_for: Some(AccessMode::UserRestricted),
        missing: Some(Missing {
            code: codes::CALLBACK_URL_MISSING,
            help: "give the https address NHS CIS2 sends a signed-in healthcare worker back to: a user-restricted application (e-Referral Service - Healthcare Worker) needs one",
        }),
        check: Some(super::checks::callback_url_form),
        ..spec(
            Field::CallbackUrl,
            "callbackUrl",
            "callback URL",
            SAVED | SHOWN | TYPED,
        )
    },
    titled(
        "End-user organisation",
        spec(Field::Organisation, "organisation", "organisation", SHOWN),
    ),
    Spec {
        blank: "",
        ..spec(Field::OdsCode, "odsCode", "ODS code", SHOWN)
    },
    titled(
        "Access mode",
        spec(Field::AccessMode, "accessMode", "access mode", SHOWN),
    ),
    Spec {
        blank: "",
        ..titled(
            "Capability",
            spec(Field::Capability, "capability", "capability", SHOWN),
        )
    },
    Spec {
        md_title: "API (4.15)",
        ..spec(Field::Api, "api", "API", SHOWN)
    },
    titled(
        "Environment",
        spec(Field::Environment, "environment", "environment", SHOWN),
    ),
];

impl Field {
    /// Its row of [`FIELDS`].
    pub fn spec(self) -> &'static Spec {
        // Every variant has a row, in the same order (a test holds it).
        &FIELDS[self as usize]
    }

    /// The field a finding is about, from its part.
    pub fn of(diagnostic: &Diagnostic) -> Option<Field> {
        let part = diagnostic.part()?;
        Field::ALL.into_iter().find(|f| f.id() == part)
    }

    /// The field's label as the user sees it in a sentence.
    pub fn label(self) -> &'static str {
        self.spec().label
    }

    /// Its name in the page's JavaScript (camelCase).
    pub fn camel(self) -> &'static str {
        self.spec().camel
    }

    /// The field a JSON name or a details CSV header names: its own name, its camelCase name,
    /// its titles or an alias, compared by letters and digits in any case.
    pub fn named(name: &str) -> Option<Field> {
        let key = folded(name);
        FIELDS.iter().map(|s| s.field).find(|f| f.answers_to(&key))
    }

    fn answers_to(self, key: &str) -> bool {
        let s = self.spec();
        [s.field.id(), s.camel, s.title, s.plan_title]
            .iter()
            .chain(s.aliases)
            .any(|n| !n.is_empty() && folded(n) == key)
    }
}

/// Letters and digits only, lowercase: how names are compared.
pub(crate) fn folded(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

impl Spec {
    /// True when it goes to `place` (a [`place`] flag).
    pub fn is(&self, place: u8) -> bool {
        self.places & place != 0
    }

    /// True when an application of this access mode needs it.
    pub fn applies_to(&self, access_mode: Option<AccessMode>) -> bool {
        self.only_for.is_none() || self.only_for == access_mode
    }
}

/// The fields that go to `place` (a [`place`] flag), in the table's order.
pub fn fields_in(place: u8) -> impl Iterator<Item = &'static Spec> {
    FIELDS.iter().filter(move |s| s.is(place))
}

/// One PROD application as the user gives it: from the plan (name, environment, access mode,
/// capability, API, EUO) and filled in by hand (ASID, AppID, API key, kid, JWKS URL…). Every
/// field is text, so that a wrong value becomes a finding, not a refusal. The pack, the project
/// file, the details CSV and the page all hold this one record.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Details {
    /// The application's name on the developer hub (4.14).
    pub name: String,
    /// `prod` when empty (4.13).
    pub environment: String,
    /// `user-restricted` or `application-restricted` (any spelling NHS uses).
    pub access_mode: String,
    /// `referrer` or `provider`, for application-restricted access.
    pub capability: String,
    /// The API enabled; the access mode's API when empty (4.15).
    pub api: String,
    /// The end-user organisation (EUO).
    pub organisation: String,
    /// The EUO's ODS code.
    pub ods_code: String,
    /// The ASID NHS allocated for the application (4.16), when known; optional.
    pub asid: String,
    /// The AppID the developer hub gave the application (4.3).
    pub app_id: String,
    /// The application's API key (never its secret).
    pub api_key: String,
    /// The kid of its public key in the JWKS (4.2).
    pub kid: String,
    /// The RFC 7638 thumbprint of its public key (4.2); kept by the project, not in the pack.
    pub thumbprint: String,
    /// Where its JWKS is published (4.2).
    pub jwks_url: String,
    /// Where NHS CIS2 sends a signed-in user back: a user-restricted application needs one.
    pub callback_url: String,
}

impl Details {
    /// An application with a name and nothing filled in yet.
    pub fn named(name: impl Into<String>) -> Self {
        Details {
            name: name.into(),
            ..Details::default()
        }
    }

    /// True when no field entered by the supplier ([`place::TYPED`]) nor the thumbprint holds
    /// anything: nothing but what the plan gives.
    pub fn is_blank(&self) -> bool {
        fields_in(TYPED | SAVED)
            .filter(|s| s.field != Field::Name)
            .all(|s| self.get(s.field).is_empty())
    }

    /// Copies the fields of `place` that `from` gives (not empty once trimmed), trimmed;
    /// the others are left as they are.
    pub fn fill_from(&mut self, from: &Details, place: u8) {
        for s in fields_in(place) {
            let value = from.get(s.field).trim();
            if !value.is_empty() && s.field != Field::Name {
                value.clone_into(self.get_mut(s.field));
            }
        }
    }
}

/// [`Details::get`] and [`Details::get_mut`], from one list of each field's member.
macro_rules! members {
    ($($variant:ident => $member:ident,)+) => {
        impl Details {
            /// A field's text.
            pub fn get(&self, field: Field) -> &str {
                match field {
                    $(Field::$variant => &self.$member,)+
                }
            }

            /// A field's text, to change it.
            pub fn get_mut(&mut self, field: Field) -> &mut String {
                match field {
                    $(Field::$variant => &mut self.$member,)+
                }
            }
        }
    };
}

members! {
    Name => name,
    Asid => asid,
    AppId => app_id,
    ApiKey => api_key,
    Kid => kid,
    Thumbprint => thumbprint,
    JwksUrl => jwks_url,
    CallbackUrl => callback_url,
    Organisation => organisation,
    OdsCode => ods_code,
    AccessMode => access_mode,
    Capability => capability,
    Api => api,
    Environment => environment,
}

#[cfg(feature = "serde")]
mod serde_impl {
    use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
    use serde::ser::{Serialize, SerializeMap, Serializer};

    use super::{Details, FIELDS, Field};

    /// Reads an application from JSON in any of the shapes it is written in: the project file's
    /// and the plan's (snake_case), the page's (camelCase), older names; null is empty, other
    /// names are ignored.
    impl<'de> Deserialize<'de> for Details {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct Reader;
            impl<'de> Visitor<'de> for Reader {
                type Value = Details;

                fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                    f.write_str("an application: an object of text fields")
                }

                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Details, A::Error> {
                    let mut details = Details::default();
                    while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                        match json_field(&key) {
                            Some(field) => {
                                let value: Option<String> = map.next_value()?;
                                *details.get_mut(field) = value.unwrap_or_default();
                            }
                            None => {
                                map.next_value::<IgnoredAny>()?;
                            }
                        }
                    }
                    Ok(details)
                }
            }
            deserializer.deserialize_map(Reader)
        }
    }

    /// The field a JSON name is: its own name, its camelCase name or a JSON alias (exactly).
    fn json_field(key: &str) -> Option<Field> {
        FIELDS
            .iter()
            .find(|s| s.field.id() == key || s.camel == key || s.aliases.contains(&key))
            .map(|s| s.field)
    }

    /// How a record's names are written.
    #[derive(Clone, Copy, PartialEq, Eq)]
    pub enum Case {
        /// snake_case: the project file, the pack's JSON, the CLI.
        Snake,
        /// camelCase: the page.
        Camel,
    }

    impl Case {
        /// The field's name in this case.
        pub fn name(self, field: Field) -> &'static str {
            match self {
                Case::Snake => field.id(),
                Case::Camel => field.camel(),
            }
        }
    }

    /// A record as a JSON object: the fields of one [`place`](super::place), in the table's
    /// order, named in one [`Case`].
    pub struct Record<'a> {
        /// The record.
        pub details: &'a Details,
        /// Which fields: a [`place`](super::place) flag.
        pub place: u8,
        /// How their names are written.
        pub case: Case,
    }

    impl Serialize for Record<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(None)?;
            for s in super::fields_in(self.place) {
                map.serialize_entry(self.case.name(s.field), self.details.get(s.field))?;
            }
            map.end()
        }
    }
}

#[cfg(feature = "serde")]
pub use serde_impl::{Case, Record};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_its_row_in_order() {
        assert_eq!(FIELDS.len(), Field::ALL.len());
        for (i, f) in Field::ALL.into_iter().enumerate() {
            assert_eq!(FIELDS[i].field, f);
            assert_eq!(f.spec().field, f);
        }
    }

    #[test]
    fn names_read_in_any_spelling() {
        assert_eq!(
            Field::named("AppID (from the developer hub)"),
            Some(Field::AppId)
        );
        assert_eq!(Field::named("JWKS URI"), Some(Field::JwksUrl));
        assert_eq!(Field::named("Application name"), Some(Field::Name));
        assert_eq!(Field::named("colour"), None);
    }
}
