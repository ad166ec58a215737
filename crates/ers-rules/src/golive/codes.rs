//! The go-live pack's diagnostic codes (`ERS-G…`), stable: scripts and the page branch on them.

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

/// Every code with its severity and one-line meaning, for documentation and the page.
pub const ALL: [(&str, &str, &str); 26] = [
    (
        APP_ID_MISSING,
        "warning",
        "No AppID yet: the pack is incomplete (4.3).",
    ),
    (
        API_KEY_MISSING,
        "warning",
        "No API key yet: the pack is incomplete (4.3).",
    ),
    (
        KID_MISSING,
        "warning",
        "No kid yet: the pack is incomplete (4.2).",
    ),
    (
        JWKS_URL_MISSING,
        "warning",
        "No JWKS URL yet: the pack is incomplete (4.2).",
    ),
    (
        NAME_INVALID,
        "error",
        "The application name fails the 4.14 name checker.",
    ),
    (NAME_EMPTY, "error", "The application has no name (4.14)."),
    (
        KID_UNUSUAL,
        "warning",
        "An unusual kid (a space, an invisible or non-ASCII character, over 64 characters): the token server takes it (4.2).",
    ),
    (
        KID_DUPLICATE,
        "warning",
        "Two applications have the same kid at the same JWKS URL (4.2).",
    ),
    (
        APP_ID_DUPLICATE,
        "error",
        "Two applications have the same AppID (4.3).",
    ),
    (
        API_KEY_DUPLICATE,
        "error",
        "Two applications have the same API key (4.3).",
    ),
    (
        JWKS_URL_NOT_HTTPS,
        "error",
        "The JWKS URL is not https (4.2).",
    ),
    (
        JWKS_URL_NOT_PUBLIC,
        "error",
        "The JWKS URL's host is localhost, private or local: the token server cannot reach it (4.2).",
    ),
    (
        JWKS_URL_MALFORMED,
        "error",
        "The JWKS URL is not a usable URL (4.2).",
    ),
    (
        NOT_PROD,
        "error",
        "The application is not a PROD application (4.13).",
    ),
    (
        ACCESS_MODE,
        "error",
        "No access mode, or an unknown one (4.15).",
    ),
    (
        CAPABILITY_MISSING,
        "warning",
        "An application-restricted application has no capability (4.16).",
    ),
    (
        CAPABILITY,
        "error",
        "An unknown capability, or a capability on a user-restricted application (4.16).",
    ),
    (
        API_MISMATCH,
        "error",
        "The API is not the one for the access mode (4.15).",
    ),
    (
        NO_APPLICATIONS,
        "error",
        "The pack has no application (4.3).",
    ),
    (
        NAME_WARNING,
        "warning",
        "The name checker has warnings about the name (4.14).",
    ),
    (
        DETAILS_UNKNOWN_APPLICATION,
        "warning",
        "A details row names no application of the plan.",
    ),
    (
        DETAILS_DUPLICATE,
        "warning",
        "A second details row for one application; the first is kept.",
    ),
    (
        DETAILS_UNREADABLE,
        "error",
        "The details file has no application name column, or a row cannot be read.",
    ),
    (
        APP_ID_FORM,
        "warning",
        "The AppID is not a UUID v4, the form NHS's tooling expects (4.3).",
    ),
    (
        ASID_FORM,
        "error",
        "The ASID is not a 12-digit number (4.16).",
    ),
    (
        JWKS_URL_NO_PATH,
        "error",
        "The JWKS URL has no path after its host: the token server cannot split it (4.2).",
    ),
];
