//! The stable diagnostic codes of the client-assertion checker, and the token server's own error
//! messages, verbatim.
//!
//! The messages are the `error_description`s of NHSDigital/identity-service-api
//! (`proxies/live/apiproxy/resources/jsc/validate-client-assertion-claims.js` and the proxy's
//! policies), as its end-to-end tests and FACTS §5 quote them.

use ers_rules::{CodeInfo, Severity};

use super::RULE;

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
/// A token-exchange request's `subject_token_type` is missing or not the ID-token type.
pub const SUBJECT_TOKEN_TYPE: &str = "ERS-J029";
/// A token-exchange request has no `subject_token` (the ID token).
pub const SUBJECT_MISSING: &str = "ERS-J030";
/// The `subject_token` is not a decodable JWT.
pub const SUBJECT_MALFORMED: &str = "ERS-J031";
/// The ID token's `kid` header is missing or falsy.
pub const SUBJECT_KID: &str = "ERS-J032";
/// The ID token's `typ` header is not the string `JWT` (in any case).
pub const SUBJECT_TYP: &str = "ERS-J033";
/// The ID token's `alg` header is missing (a warning when it is not RS256 or RS512).
pub const SUBJECT_ALG: &str = "ERS-J034";
/// The ID token's `exp` is missing or not a number.
pub const SUBJECT_EXP: &str = "ERS-J035";
/// The ID token's `exp` has passed.
pub const SUBJECT_EXPIRED: &str = "ERS-J036";
/// The ID token's `iss` is missing or falsy.
pub const SUBJECT_ISS: &str = "ERS-J037";
/// The ID token's `aud` is missing or falsy (401), or the array `[""]`.
pub const SUBJECT_AUD: &str = "ERS-J038";
/// The ID token's `iss` is not the CIS2 or NHS login issuer of the environment (a warning when
/// it is the other provider's than the one chosen).
pub const SUBJECT_ISSUER: &str = "ERS-J039";

/// The token server's answers: HTTP status and `error_description`, verbatim.
pub mod server {
    use ers_rules::ServerReply;

    /// No `client_assertion` form field (or an empty one).
    pub const MISSING: ServerReply = ServerReply::new(400, "Missing client_assertion");
    /// The assertion is not a decodable JWT.
    pub const MALFORMED: ServerReply = ServerReply::new(400, "Malformed JWT in client_assertion");
    /// HTTP 400.
    pub const ALG_MISSING: ServerReply =
        ServerReply::new(400, "Missing 'alg' header in client_assertion JWT");
    /// HTTP 400.
    pub const ALG_INVALID: ServerReply = ServerReply::new(
        400,
        "Invalid 'alg' header in client_assertion JWT - unsupported JWT algorithm - must be 'RS512'",
    );
    /// HTTP 400.
    pub const TYP: ServerReply = ServerReply::new(
        400,
        "Invalid 'typ' header in client_assertion JWT - must be 'JWT'",
    );
    /// HTTP 400.
    pub const KID_MISSING: ServerReply =
        ServerReply::new(400, "Missing 'kid' header in client_assertion JWT");
    /// HTTP 401.
    pub const KID_UNKNOWN: ServerReply = ServerReply::new(
        401,
        "Invalid 'kid' header in client_assertion JWT - no matching public key",
    );
    /// HTTP 400.
    pub const ISS_SUB: ServerReply = ServerReply::new(
        400,
        "Missing or non-matching 'iss'/'sub' claims in client_assertion JWT",
    );
    /// The API key in `iss`/`sub` is not an application of this environment.
    pub const ISS_SUB_INVALID: ServerReply =
        ServerReply::new(401, "Invalid 'iss'/'sub' claims in client_assertion JWT");
    /// HTTP 401.
    pub const AUD: ServerReply = ServerReply::new(
        401,
        "Missing or invalid 'aud' claim in client_assertion JWT",
    );
    /// HTTP 400.
    pub const JTI_MISSING: ServerReply =
        ServerReply::new(400, "Missing 'jti' claim in client_assertion JWT");
    /// HTTP 400.
    pub const JTI_INVALID: ServerReply = ServerReply::new(
        400,
        "Invalid 'jti' claim in client_assertion JWT - must be a unique string value such as a GUID",
    );
    /// HTTP 400.
    pub const EXP_MISSING: ServerReply =
        ServerReply::new(400, "Missing 'exp' claim in client_assertion JWT");
    /// HTTP 400.
    pub const EXP_NOT_INTEGER: ServerReply = ServerReply::new(
        400,
        "Invalid 'exp' claim in client_assertion JWT - must be an integer",
    );
    /// HTTP 400.
    pub const EXP_TOO_FAR: ServerReply = ServerReply::new(
        400,
        "Invalid 'exp' claim in client_assertion JWT - more than 5 minutes in future",
    );
    /// HTTP 400.
    pub const EXPIRED: ServerReply = ServerReply::new(
        400,
        "Invalid 'exp' claim in client_assertion JWT - JWT has expired",
    );
    /// HTTP 401.
    pub const SIGNATURE: ServerReply = ServerReply::new(401, "JWT signature verification failed");
    /// The `jti` was seen in the last 30 days.
    pub const JTI_REUSED: ServerReply =
        ServerReply::new(400, "Non-unique 'jti' claim in client_assertion JWT");
    /// The token request's body is not a form.
    pub const CONTENT_TYPE: ServerReply = ServerReply::new(
        415,
        "Content-Type header must be application/x-www-form-urlencoded",
    );
    /// HTTP 400.
    pub const GRANT_TYPE_MISSING: ServerReply = ServerReply::new(400, "grant_type is missing");
    /// HTTP 400.
    pub const GRANT_TYPE_INVALID: ServerReply = ServerReply::new(400, "grant_type is invalid");
    /// HTTP 400.
    pub const ASSERTION_TYPE: ServerReply = ServerReply::new(
        400,
        "Missing or invalid client_assertion_type - must be 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'",
    );
    /// The application has no `jwks-resource-url`.
    pub const NO_JWKS_URL: ServerReply = ServerReply::new(
        403,
        "You need to register a public key to use this authentication method - please contact support to configure",
    );
    /// The JWKS could not be fetched.
    pub const JWKS_UNREACHABLE: ServerReply = ServerReply::new(
        403,
        "The JWKS endpoint, for your client_assertion can't be reached",
    );

    // The token exchange (FACTS §5b): `RaiseFault.InvalidSubjectTokenType`,
    // `AssignMessage.MissingSubjectToken`, `AssignMessage.FailedToDecodeSubjectTokenJWTError`,
    // `validate-subject-token-claims.js` and `SelectIdTokenIssuer.js`.

    /// `grant_type` is the token-exchange URN but `subject_token_type` is not the ID-token type.
    pub const SUBJECT_TOKEN_TYPE: ServerReply = ServerReply::new(
        400,
        "missing or invalid subject_token_type - must be 'urn:ietf:params:oauth:token-type:id_token'",
    );
    /// No `subject_token` form field.
    pub const SUBJECT_MISSING: ServerReply = ServerReply::new(400, "Missing subject_token");
    /// The `subject_token` is not a decodable JWT.
    pub const SUBJECT_MALFORMED: ServerReply =
        ServerReply::new(400, "Malformed JWT in subject_token");
    /// HTTP 400.
    pub const SUBJECT_KID: ServerReply =
        ServerReply::new(400, "Missing 'kid' header in subject_token JWT");
    /// HTTP 400.
    pub const SUBJECT_TYP: ServerReply = ServerReply::new(
        400,
        "Invalid 'typ' header in subject_token JWT - must be 'JWT'",
    );
    /// HTTP 400.
    pub const SUBJECT_ALG: ServerReply =
        ServerReply::new(400, "Missing 'alg' header in subject_token JWT");
    /// HTTP 400.
    pub const SUBJECT_EXP_MISSING: ServerReply =
        ServerReply::new(400, "Missing 'exp' claim in subject_token JWT");
    /// HTTP 400.
    pub const SUBJECT_EXP_NOT_INTEGER: ServerReply = ServerReply::new(
        400,
        "Invalid 'exp' claim in subject_token JWT - must be an integer",
    );
    /// HTTP 400.
    pub const SUBJECT_EXPIRED: ServerReply = ServerReply::new(
        400,
        "Invalid 'exp' claim in subject_token JWT - JWT has expired",
    );
    /// HTTP 400.
    pub const SUBJECT_ISS: ServerReply =
        ServerReply::new(400, "Missing 'iss' claim in subject_token JWT");
    /// HTTP **401**, as the claim script gives it.
    pub const SUBJECT_AUD: ServerReply =
        ServerReply::new(401, "Missing 'aud' claim in subject_token JWT");
    /// `SelectIdTokenIssuer.js`'s answer to `aud: [""]`: the same words, HTTP 400.
    pub const SUBJECT_AUD_EMPTY: ServerReply =
        ServerReply::new(400, "Missing 'aud' claim in subject_token JWT");
    /// HTTP 400: `iss` is neither the configured CIS2 nor NHS login issuer.
    pub const SUBJECT_ISSUER: ServerReply = ServerReply::new(
        400,
        "Missing or non-matching 'iss' claim in subject_token JWT",
    );
}

/// Every code the checker reports, in order, with its severity (the usual one: ERS-J014 is a
/// warning inside the server's 10 s margin), rule and meaning: the README's and `--help`'s
/// table is generated from it (`cargo xtask codegen`).
pub const ALL: &[CodeInfo] = &[
    error(MALFORMED, "token empty or not three parts separated by '.'"),
    error(BASE64URL, "a part is not unpadded base64url"),
    error(JSON, "header or claims not a JSON object"),
    error(ALG, "'alg' header missing or not RS512"),
    error(TYP, "'typ' header missing or not JWT"),
    error(KID_MISSING, "'kid' header missing or empty"),
    error(KID_UNKNOWN, "'kid' names no key of the JWKS"),
    error(ISS_SUB, "'iss' or 'sub' missing, or they differ"),
    error(API_KEY, "'iss'/'sub' is not the API key given"),
    error(
        AUD,
        "'aud' missing or not the token URL (warning: an array holding it)",
    ),
    error(ENVIRONMENT, "'aud' is another environment's token URL"),
    error(JTI, "'jti' missing or not a string"),
    error(EXP, "'exp' missing or not a number (warning: not whole)"),
    error(
        EXP_TOO_FAR,
        "'exp' more than 310 s ahead (warning: 301-310 s)",
    ),
    error(EXPIRED, "'exp' has passed"),
    error(SIGNATURE, "signature does not verify with the JWKS key"),
    error(JWKS_PRIVATE, "the JWKS carries private-key members"),
    error(JWKS_INVALID, "the JWKS cannot be read"),
    warning(KEY_SIZE, "key shorter than the 4096 bits NHS asks for"),
    error(
        JWK_USE,
        "the JWK for 'kid' is not a usable RSA key (warning: alg/use not RS512/sig)",
    ),
    error(NBF, "'nbf' more than 10 s ahead, or not a number"),
    warning(
        ISS_SUB_TYPE,
        "'iss'/'sub' not a string (the server compares loosely)",
    ),
    error(
        CONTENT_TYPE,
        "token request: not application/x-www-form-urlencoded (415)",
    ),
    error(GRANT_TYPE, "token request: grant_type missing or invalid"),
    error(
        ASSERTION_TYPE,
        "token request: client_assertion_type missing or invalid",
    ),
    error(ASSERTION_MISSING, "token request: no client_assertion"),
    error(
        REQUEST_UNREADABLE,
        "token request: not a curl command line or a form body",
    ),
    warning(
        REQUEST_URL,
        "token request: not sent to the token URL 'aud' names",
    ),
    error(
        SUBJECT_TOKEN_TYPE,
        "token exchange: subject_token_type missing or not the ID-token type",
    ),
    error(
        SUBJECT_MISSING,
        "token exchange: no subject_token (ID token)",
    ),
    error(SUBJECT_MALFORMED, "ID token: not a decodable JWT"),
    error(SUBJECT_KID, "ID token: 'kid' header missing"),
    error(SUBJECT_TYP, "ID token: 'typ' header not JWT"),
    error(
        SUBJECT_ALG,
        "ID token: 'alg' header missing (warning: not RS256/RS512)",
    ),
    error(SUBJECT_EXP, "ID token: 'exp' missing or not a number"),
    error(SUBJECT_EXPIRED, "ID token: 'exp' has passed"),
    error(SUBJECT_ISS, "ID token: 'iss' missing"),
    error(SUBJECT_AUD, "ID token: 'aud' missing (401)"),
    error(
        SUBJECT_ISSUER,
        "ID token: 'iss' not the CIS2 or NHS login issuer (warning: the other provider)",
    ),
];

const fn error(code: &'static str, summary: &'static str) -> CodeInfo {
    CodeInfo::new(code, Severity::Error, RULE, summary)
}

const fn warning(code: &'static str, summary: &'static str) -> CodeInfo {
    CodeInfo::new(code, Severity::Warning, RULE, summary)
}
