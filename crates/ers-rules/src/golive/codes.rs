//! The go-live pack's diagnostic codes (`ERS-G…`), stable: scripts and the page branch on them.
//! Each row holds its severity, rule and meaning; the pack's findings take theirs from here.

crate::code_registry! {
    /// No AppID yet (4.3).
    APP_ID_MISSING = "ERS-G001", Warning, "4.3",
        "no AppID yet";
    /// No API key yet (4.3).
    API_KEY_MISSING = "ERS-G002", Warning, "4.3",
        "no API key yet";
    /// No kid yet (4.2).
    KID_MISSING = "ERS-G003", Warning, "4.2",
        "no kid yet";
    /// No JWKS URL yet (4.2).
    JWKS_URL_MISSING = "ERS-G004", Warning, "4.2",
        "no JWKS URL yet";
    /// The name fails the name checker (4.14).
    NAME_INVALID = "ERS-G005", Error, "4.14",
        "the application name fails the name checker";
    /// The application has no name (4.14).
    NAME_EMPTY = "ERS-G006", Error, "4.14",
        "the application has no name";
    /// An unusual kid — a space, an invisible or non-ASCII character, over 64 characters.
    /// The token server takes any non-empty kid (FACTS §4), so this is never an error (4.2).
    KID_UNUSUAL = "ERS-G007", Warning, "4.2",
        "an unusual kid (a space, an invisible or non-ASCII character, over 64 characters): the token server takes any non-empty kid";
    /// Two applications have the same kid at the same JWKS URL (4.2).
    KID_DUPLICATE = "ERS-G008", Warning, "4.2",
        "two applications have the same kid at the same JWKS URL";
    /// Two applications have the same AppID (4.3).
    APP_ID_DUPLICATE = "ERS-G009", Error, "4.3",
        "two applications have the same AppID";
    /// Two applications have the same API key (4.3).
    API_KEY_DUPLICATE = "ERS-G010", Error, "4.3",
        "two applications have the same API key";
    /// The JWKS URL is not https (4.2).
    JWKS_URL_NOT_HTTPS = "ERS-G011", Error, "4.2",
        "the JWKS URL is not https";
    /// The JWKS URL's host cannot be reached from the internet (4.2, FACTS §5).
    JWKS_URL_NOT_PUBLIC = "ERS-G012", Error, "4.2",
        "the JWKS URL's host cannot be reached from the internet (localhost, a private address)";
    /// The JWKS URL is not a usable URL (4.2).
    JWKS_URL_MALFORMED = "ERS-G013", Error, "4.2",
        "the JWKS URL is not a usable URL";
    /// The application is not a PROD one, or its environment is unknown (4.13).
    NOT_PROD = "ERS-G014", Error, "4.13",
        "the application is not a PROD one, or its environment is unknown";
    /// No access mode, or an unknown one (4.15).
    ACCESS_MODE = "ERS-G015", Error, "4.15",
        "no access mode, or an unknown one";
    /// An application-restricted application without a capability (4.16).
    CAPABILITY_MISSING = "ERS-G016", Warning, "4.16",
        "an application-restricted application without a capability";
    /// An unknown capability, or one on a user-restricted application (4.16).
    CAPABILITY = "ERS-G017", Error, "4.16",
        "an unknown capability, or one on a user-restricted application";
    /// The API is not the access mode's (4.15).
    API_MISMATCH = "ERS-G018", Error, "4.15",
        "the API is not the access mode's";
    /// The pack has no application (4.3).
    NO_APPLICATIONS = "ERS-G019", Error, "4.3",
        "the pack has no application";
    /// The name checker has warnings about the name (4.14).
    NAME_WARNING = "ERS-G020", Warning, "4.14",
        "the name checker has warnings about the name";
    /// A details row names no application of the plan (import).
    DETAILS_UNKNOWN_APPLICATION = "ERS-G021", Warning, "4.3",
        "a details row names no application of the plan";
    /// A second details row for the same application; the first is kept (import).
    DETAILS_DUPLICATE = "ERS-G022", Warning, "4.3",
        "a second details row for the same application; the first is kept";
    /// The details file cannot be read: no application name column, or a broken row
    /// (import).
    DETAILS_UNREADABLE = "ERS-G023", Error, "4.3",
        "the details file cannot be read";
    /// The AppID is not a UUID v4, the form NHS's tooling expects (4.3, FACTS §6).
    APP_ID_FORM = "ERS-G024", Warning, "4.3",
        "the AppID is not a UUID v4, the form NHS's tooling expects";
    /// The ASID given is not a 12-digit number (4.16, FACTS §3).
    ASID_FORM = "ERS-G025", Error, "4.16",
        "the ASID given is not a 12-digit number (the ASID is optional)";
    /// The JWKS URL has no path after its host: the token server cannot split it (4.2,
    /// FACTS §4).
    JWKS_URL_NO_PATH = "ERS-G026", Error, "4.2",
        "the JWKS URL has no path after its host: the token server cannot split it";
    /// A field holds a private key: a details file holding one is refused whole, a typed
    /// detail holding one is left out of the pack; it is never repeated (4.2, 4.3).
    SECRET = "ERS-G027", Error, "4.3",
        "a detail or a details file holds a private key: refused, never repeated";
    /// Two applications have the same ASID: each is bound to its own (4.16, one-to-one).
    ASID_DUPLICATE = "ERS-G028", Error, "4.16",
        "two applications have the same ASID (each is bound to its own)";
    /// A user-restricted application has no callback URL yet (4.15, FACTS §3).
    CALLBACK_URL_MISSING = "ERS-G029", Warning, "4.15",
        "a user-restricted application has no callback URL yet";
    /// The callback URL is not an https URL with a host and a path, or has a fragment
    /// (4.15, FACTS §3).
    CALLBACK_URL_FORM = "ERS-G030", Error, "4.15",
        "the callback URL is not an https URL with a host and a path, or has a fragment";
}

/// The former name of [`KID_UNUSUAL`], from when an unusual kid was refused.
pub const KID_INVALID: crate::CodeInfo = KID_UNUSUAL;

/// The codes of a detail not given yet (AppID, API key, kid, JWKS URL, a user-restricted
/// application's callback URL): the pack is incomplete, nothing is wrong.
pub const MISSING: [crate::CodeInfo; 5] = [
    APP_ID_MISSING,
    API_KEY_MISSING,
    KID_MISSING,
    JWKS_URL_MISSING,
    CALLBACK_URL_MISSING,
];
