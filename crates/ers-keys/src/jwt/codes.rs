//! The stable diagnostic codes of the client-assertion checker, and the token server's own error
//! messages, verbatim.
//!
//! The messages are the `error_description`s of NHSDigital/identity-service-api
//! (`proxies/live/apiproxy/resources/jsc/validate-client-assertion-claims.js` and the proxy's
//! policies), as its end-to-end tests and FACTS §5 quote them.

use ers_rules::Severity;

/// The token has no content or is not three base64url parts separated by `.`.
pub const MALFORMED: &str = "ERS-J001";
/// A part of the token is not base64url (unpadded, URL-safe alphabet).
pub const BASE64URL: &str = "ERS-J002";
/// The header or the claims are not a JSON object.
pub const JSON: &str = "ERS-J003";
/// The `alg` header is missing or not `RS512`.
pub const ALG: &str = "ERS-J004";
/// The `typ` header is missing or not `JWT`.
pub const TYP: &str = "ERS-J005";
/// The `kid` header is missing or empty.
pub const KID_MISSING: &str = "ERS-J006";
/// The `kid` header names no key of the JWKS.
pub const KID_UNKNOWN: &str = "ERS-J007";
/// `iss` or `sub` is missing, or they differ.
pub const ISS_SUB: &str = "ERS-J008";
/// `iss`/`sub` is not the API key given.
pub const API_KEY: &str = "ERS-J009";
/// `aud` is missing or is not the token URL.
pub const AUD: &str = "ERS-J010";
/// `aud` is the token URL of another environment than the one the token is for.
pub const ENVIRONMENT: &str = "ERS-J011";
/// `jti` is missing or not a string.
pub const JTI: &str = "ERS-J012";
/// `exp` is missing or not a number.
pub const EXP: &str = "ERS-J013";
/// `exp` is more than 5 minutes ahead.
pub const EXP_TOO_FAR: &str = "ERS-J014";
/// `exp` has passed.
pub const EXPIRED: &str = "ERS-J015";
/// The signature does not verify with the JWKS key named by `kid`.
pub const SIGNATURE: &str = "ERS-J016";
/// The JWKS carries private-key members.
pub const JWKS_PRIVATE: &str = "ERS-J017";
/// The JWKS cannot be read.
pub const JWKS_INVALID: &str = "ERS-J018";
/// The key is shorter than the 4096 bits NHS asks for.
pub const KEY_SIZE: &str = "ERS-J019";
/// The JWK named by `kid` is not an RSA signing key for RS512.
pub const JWK_USE: &str = "ERS-J020";
/// `nbf` is more than 10 s ahead, or not a number: the signature check refuses the token.
pub const NBF: &str = "ERS-J021";
/// `iss` or `sub` is not a string: the claim script's loose comparison takes it (a warning).
pub const ISS_SUB_TYPE: &str = "ERS-J022";
/// The token request's content type is not `application/x-www-form-urlencoded` (415).
pub const CONTENT_TYPE: &str = "ERS-J023";
/// The token request's `grant_type` is missing or not `client_credentials`.
pub const GRANT_TYPE: &str = "ERS-J024";
/// The token request's `client_assertion_type` is missing or not the JWT bearer type.
pub const ASSERTION_TYPE: &str = "ERS-J025";
/// The token request has no `client_assertion`.
pub const ASSERTION_MISSING: &str = "ERS-J026";
/// The token request cannot be read: not a curl command line or a form body.
pub const REQUEST_UNREADABLE: &str = "ERS-J027";
/// The token request is not sent to a token URL, or to another environment's than `aud` names
/// (a warning).
pub const REQUEST_URL: &str = "ERS-J028";

/// The token server's `error_description`s, verbatim.
pub mod server {
    /// No `client_assertion` form field (or an empty one). HTTP 400.
    pub const MISSING: &str = "Missing client_assertion";
    /// The assertion is not a decodable JWT. HTTP 400.
    pub const MALFORMED: &str = "Malformed JWT in client_assertion";
    /// HTTP 400.
    pub const ALG_MISSING: &str = "Missing 'alg' header in client_assertion JWT";
    /// HTTP 400.
    pub const ALG_INVALID: &str = "Invalid 'alg' header in client_assertion JWT - unsupported JWT algorithm - must be 'RS512'";
    /// HTTP 400.
    pub const TYP: &str = "Invalid 'typ' header in client_assertion JWT - must be 'JWT'";
    /// HTTP 400.
    pub const KID_MISSING: &str = "Missing 'kid' header in client_assertion JWT";
    /// HTTP 401.
    pub const KID_UNKNOWN: &str =
        "Invalid 'kid' header in client_assertion JWT - no matching public key";
    /// HTTP 400.
    pub const ISS_SUB: &str = "Missing or non-matching 'iss'/'sub' claims in client_assertion JWT";
    /// The API key in `iss`/`sub` is not an application of this environment. HTTP 401.
    pub const ISS_SUB_INVALID: &str = "Invalid 'iss'/'sub' claims in client_assertion JWT";
    /// HTTP 401.
    pub const AUD: &str = "Missing or invalid 'aud' claim in client_assertion JWT";
    /// HTTP 400.
    pub const JTI_MISSING: &str = "Missing 'jti' claim in client_assertion JWT";
    /// HTTP 400.
    pub const JTI_INVALID: &str = "Invalid 'jti' claim in client_assertion JWT - must be a unique string value such as a GUID";
    /// HTTP 400.
    pub const EXP_MISSING: &str = "Missing 'exp' claim in client_assertion JWT";
    /// HTTP 400.
    pub const EXP_NOT_INTEGER: &str =
        "Invalid 'exp' claim in client_assertion JWT - must be an integer";
    /// HTTP 400.
    pub const EXP_TOO_FAR: &str =
        "Invalid 'exp' claim in client_assertion JWT - more than 5 minutes in future";
    /// HTTP 400.
    pub const EXPIRED: &str = "Invalid 'exp' claim in client_assertion JWT - JWT has expired";
    /// HTTP 401.
    pub const SIGNATURE: &str = "JWT signature verification failed";
    /// The `jti` was seen in the last 30 days. HTTP 400.
    pub const JTI_REUSED: &str = "Non-unique 'jti' claim in client_assertion JWT";
    /// The token request's body is not a form. HTTP 415.
    pub const CONTENT_TYPE: &str = "Content-Type header must be application/x-www-form-urlencoded";
    /// HTTP 400.
    pub const GRANT_TYPE_MISSING: &str = "grant_type is missing";
    /// HTTP 400.
    pub const GRANT_TYPE_INVALID: &str = "grant_type is invalid";
    /// HTTP 400.
    pub const ASSERTION_TYPE: &str = "Missing or invalid client_assertion_type - must be 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'";
    /// The application has no `jwks-resource-url`. HTTP 403.
    pub const NO_JWKS_URL: &str = "You need to register a public key to use this authentication method - please contact support to configure";
    /// The JWKS could not be fetched. HTTP 403.
    pub const JWKS_UNREACHABLE: &str =
        "The JWKS endpoint, for your client_assertion can't be reached";
}

/// One row of the code table: what a code means, as the README and `--help` list it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeInfo {
    /// The code, e.g. `ERS-J004`.
    pub code: &'static str,
    /// The severity it is reported with (ERS-J014 is a warning inside the server's 10 s margin).
    pub severity: Severity,
    /// What it means, in a few words.
    pub meaning: &'static str,
}

/// Every code the checker reports, in order.
pub const ALL: &[CodeInfo] = &[
    info(MALFORMED, "token empty or not three parts separated by '.'"),
    info(BASE64URL, "a part is not unpadded base64url"),
    info(JSON, "header or claims not a JSON object"),
    info(ALG, "'alg' header missing or not RS512"),
    info(TYP, "'typ' header missing or not JWT"),
    info(KID_MISSING, "'kid' header missing or empty"),
    info(KID_UNKNOWN, "'kid' names no key of the JWKS"),
    info(ISS_SUB, "'iss' or 'sub' missing, or they differ"),
    info(API_KEY, "'iss'/'sub' is not the API key given"),
    info(
        AUD,
        "'aud' missing or not the token URL (warning: an array holding it)",
    ),
    info(ENVIRONMENT, "'aud' is another environment's token URL"),
    info(JTI, "'jti' missing or not a string"),
    info(EXP, "'exp' missing or not a number (warning: not whole)"),
    info(
        EXP_TOO_FAR,
        "'exp' more than 310 s ahead (warning: 301-310 s)",
    ),
    info(EXPIRED, "'exp' has passed"),
    info(SIGNATURE, "signature does not verify with the JWKS key"),
    info(JWKS_PRIVATE, "the JWKS carries private-key members"),
    info(JWKS_INVALID, "the JWKS cannot be read"),
    CodeInfo {
        code: KEY_SIZE,
        severity: Severity::Warning,
        meaning: "key shorter than the 4096 bits NHS asks for",
    },
    info(
        JWK_USE,
        "the JWK for 'kid' is not a usable RSA key (warning: alg/use not RS512/sig)",
    ),
    info(NBF, "'nbf' more than 10 s ahead, or not a number"),
    CodeInfo {
        code: ISS_SUB_TYPE,
        severity: Severity::Warning,
        meaning: "'iss'/'sub' not a string (the server compares loosely)",
    },
    info(
        CONTENT_TYPE,
        "token request: not application/x-www-form-urlencoded (415)",
    ),
    info(GRANT_TYPE, "token request: grant_type missing or invalid"),
    info(
        ASSERTION_TYPE,
        "token request: client_assertion_type missing or invalid",
    ),
    info(ASSERTION_MISSING, "token request: no client_assertion"),
    info(
        REQUEST_UNREADABLE,
        "token request: not a curl command line or a form body",
    ),
    CodeInfo {
        code: REQUEST_URL,
        severity: Severity::Warning,
        meaning: "token request: not sent to the token URL 'aud' names",
    },
];

const fn info(code: &'static str, meaning: &'static str) -> CodeInfo {
    CodeInfo {
        code,
        severity: Severity::Error,
        meaning,
    }
}
