//! The go-live pack's diagnostic codes (`ERS-G…`), stable: scripts and the page branch on them.

use crate::{CodeInfo, Severity};

/// Warning: no AppID yet (4.3).
pub const APP_ID_MISSING: &str = "ERS-G001";
/// Warning: no API key yet (4.3).
pub const API_KEY_MISSING: &str = "ERS-G002";
/// Warning: no kid yet (4.2).
pub const KID_MISSING: &str = "ERS-G003";
/// Warning: no JWKS URL yet (4.2).
pub const JWKS_URL_MISSING: &str = "ERS-G004";
/// Error: the name fails the name checker (4.14).
pub const NAME_INVALID: &str = "ERS-G005";
/// Error: the application has no name (4.14).
pub const NAME_EMPTY: &str = "ERS-G006";
/// Warning: an unusual kid — a space, an invisible or non-ASCII character, over 64 characters.
/// The token server takes any non-empty kid (FACTS §4), so this is never an error (4.2).
pub const KID_UNUSUAL: &str = "ERS-G007";
/// The former name of [`KID_UNUSUAL`], from when an unusual kid was refused.
pub const KID_INVALID: &str = KID_UNUSUAL;
/// Warning: two applications have the same kid at the same JWKS URL (4.2).
pub const KID_DUPLICATE: &str = "ERS-G008";
/// Error: two applications have the same AppID (4.3).
pub const APP_ID_DUPLICATE: &str = "ERS-G009";
/// Error: two applications have the same API key (4.3).
pub const API_KEY_DUPLICATE: &str = "ERS-G010";
/// Error: the JWKS URL is not https (4.2).
pub const JWKS_URL_NOT_HTTPS: &str = "ERS-G011";
/// Error: the JWKS URL's host cannot be reached from the internet (4.2, FACTS §5).
pub const JWKS_URL_NOT_PUBLIC: &str = "ERS-G012";
/// Error: the JWKS URL is not a usable URL (4.2).
pub const JWKS_URL_MALFORMED: &str = "ERS-G013";
/// Error: the application is not a PROD one, or its environment is unknown (4.13).
pub const NOT_PROD: &str = "ERS-G014";
/// Error: no access mode, or an unknown one (4.15).
pub const ACCESS_MODE: &str = "ERS-G015";
/// Warning: an application-restricted application without a capability (4.16).
pub const CAPABILITY_MISSING: &str = "ERS-G016";
/// Error: an unknown capability, or one on a user-restricted application (4.16).
pub const CAPABILITY: &str = "ERS-G017";
/// Error: the API is not the access mode's (4.15).
pub const API_MISMATCH: &str = "ERS-G018";
/// Error: the pack has no application (4.3).
pub const NO_APPLICATIONS: &str = "ERS-G019";
/// Warning: the name checker has warnings about the name (4.14).
pub const NAME_WARNING: &str = "ERS-G020";
/// Warning: a details row names no application of the plan (import).
pub const DETAILS_UNKNOWN_APPLICATION: &str = "ERS-G021";
/// Warning: a second details row for the same application; the first is kept (import).
pub const DETAILS_DUPLICATE: &str = "ERS-G022";
/// Error: the details file cannot be read: no application name column, or a broken row
/// (import).
pub const DETAILS_UNREADABLE: &str = "ERS-G023";

/// Warning: the AppID is not a UUID v4, the form NHS's tooling expects (4.3, FACTS §6).
pub const APP_ID_FORM: &str = "ERS-G024";
/// Error: the ASID given is not a 12-digit number (4.16, FACTS §3).
pub const ASID_FORM: &str = "ERS-G025";
/// Error: the JWKS URL has no path after its host: the token server cannot split it (4.2,
/// FACTS §4).
pub const JWKS_URL_NO_PATH: &str = "ERS-G026";
/// Error: a field holds a private key: a details file holding one is refused whole, a typed
/// detail holding one is left out of the pack; it is never repeated (4.2, 4.3).
pub const SECRET: &str = "ERS-G027";
/// Error: two applications have the same ASID: each is bound to its own (4.16, one-to-one).
pub const ASID_DUPLICATE: &str = "ERS-G028";
/// Warning: a user-restricted application has no callback URL yet (4.15, FACTS §3).
pub const CALLBACK_URL_MISSING: &str = "ERS-G029";
/// Error: the callback URL is not an https URL with a host and a path, or has a fragment
/// (4.15, FACTS §3).
pub const CALLBACK_URL_FORM: &str = "ERS-G030";

/// The codes of a detail not given yet (AppID, API key, kid, JWKS URL, a user-restricted
/// application's callback URL): the pack is incomplete, nothing is wrong.
pub const MISSING: [&str; 5] = [
    APP_ID_MISSING,
    API_KEY_MISSING,
    KID_MISSING,
    JWKS_URL_MISSING,
    CALLBACK_URL_MISSING,
];

/// Every code with its severity, rule and meaning: the README's table (`cargo xtask codegen`)
/// and the page's list.
pub const ALL: &[CodeInfo] = &[
    warning(APP_ID_MISSING, "4.3", "no AppID yet"),
    warning(API_KEY_MISSING, "4.3", "no API key yet"),
    warning(KID_MISSING, "4.2", "no kid yet"),
    warning(JWKS_URL_MISSING, "4.2", "no JWKS URL yet"),
    error(
        NAME_INVALID,
        "4.14",
        "the application name fails the name checker",
    ),
    error(NAME_EMPTY, "4.14", "the application has no name"),
    warning(
        KID_UNUSUAL,
        "4.2",
        "an unusual kid (a space, an invisible or non-ASCII character, over 64 characters): the token server takes any non-empty kid",
    ),
    warning(
        KID_DUPLICATE,
        "4.2",
        "two applications have the same kid at the same JWKS URL",
    ),
    error(
        APP_ID_DUPLICATE,
        "4.3",
        "two applications have the same AppID",
    ),
    error(
        API_KEY_DUPLICATE,
        "4.3",
        "two applications have the same API key",
    ),
    error(JWKS_URL_NOT_HTTPS, "4.2", "the JWKS URL is not https"),
    error(
        JWKS_URL_NOT_PUBLIC,
        "4.2",
        "the JWKS URL's host cannot be reached from the internet (localhost, a private address)",
    ),
    error(
        JWKS_URL_MALFORMED,
        "4.2",
        "the JWKS URL is not a usable URL",
    ),
    error(
        NOT_PROD,
        "4.13",
        "the application is not a PROD one, or its environment is unknown",
    ),
    error(ACCESS_MODE, "4.15", "no access mode, or an unknown one"),
    warning(
        CAPABILITY_MISSING,
        "4.16",
        "an application-restricted application without a capability",
    ),
    error(
        CAPABILITY,
        "4.16",
        "an unknown capability, or one on a user-restricted application",
    ),
    error(API_MISMATCH, "4.15", "the API is not the access mode's"),
    error(NO_APPLICATIONS, "4.3", "the pack has no application"),
    warning(
        NAME_WARNING,
        "4.14",
        "the name checker has warnings about the name",
    ),
    warning(
        DETAILS_UNKNOWN_APPLICATION,
        "4.3",
        "a details row names no application of the plan",
    ),
    warning(
        DETAILS_DUPLICATE,
        "4.3",
        "a second details row for the same application; the first is kept",
    ),
    error(DETAILS_UNREADABLE, "4.3", "the details file cannot be read"),
    warning(
        APP_ID_FORM,
        "4.3",
        "the AppID is not a UUID v4, the form NHS's tooling expects",
    ),
    error(
        ASID_FORM,
        "4.16",
        "the ASID given is not a 12-digit number (the ASID is optional)",
    ),
    error(
        JWKS_URL_NO_PATH,
        "4.2",
        "the JWKS URL has no path after its host: the token server cannot split it",
    ),
    error(
        SECRET,
        "4.3",
        "a detail or a details file holds a private key: refused, never repeated",
    ),
    error(
        ASID_DUPLICATE,
        "4.16",
        "two applications have the same ASID (each is bound to its own)",
    ),
    warning(
        CALLBACK_URL_MISSING,
        "4.15",
        "a user-restricted application has no callback URL yet",
    ),
    error(
        CALLBACK_URL_FORM,
        "4.15",
        "the callback URL is not an https URL with a host and a path, or has a fragment",
    ),
];

const fn error(code: &'static str, rule: &'static str, summary: &'static str) -> CodeInfo {
    CodeInfo::new(code, Severity::Error, rule, summary)
}

const fn warning(code: &'static str, rule: &'static str, summary: &'static str) -> CodeInfo {
    CodeInfo::new(code, Severity::Warning, rule, summary)
}
