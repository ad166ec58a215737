//! The stable diagnostic codes of the client-assertion checker, and the token server's own error
//! messages, verbatim.
//!
//! The messages are the `error_description`s of NHSDigital/identity-service-api
//! (`proxies/live/apiproxy/resources/jsc/validate-client-assertion-claims.js` and the proxy's
//! policies), as its end-to-end tests and FACTS §5 quote them.

use super::RULE;

ers_rules::code_registry! {
    /// The token has no content or is not three base64url parts separated by `.`.
    MALFORMED = "ERS-J001", Error, RULE,
        "token empty or not three parts separated by '.'";
    /// A part of the token is not base64url (unpadded, URL-safe alphabet).
    BASE64URL = "ERS-J002", Error, RULE,
        "a part is not unpadded base64url";
    /// The header or the claims are not a JSON object.
    JSON = "ERS-J003", Error, RULE,
        "header or claims not a JSON object";
    /// The `alg` header is missing or not `RS512`.
    ALG = "ERS-J004", Error, RULE,
        "'alg' header missing or not RS512";
    /// The `typ` header is missing or not `JWT`.
    TYP = "ERS-J005", Error, RULE,
        "'typ' header missing or not JWT";
    /// The `kid` header is missing or empty.
    KID_MISSING = "ERS-J006", Error, RULE,
        "'kid' header missing or empty";
    /// The `kid` header names no key of the JWKS.
    KID_UNKNOWN = "ERS-J007", Error, RULE,
        "'kid' names no key of the JWKS";
    /// `iss` or `sub` is missing, or they differ.
    ISS_SUB = "ERS-J008", Error, RULE,
        "'iss' or 'sub' missing, or they differ";
    /// `iss`/`sub` is not the API key given.
    API_KEY = "ERS-J009", Error, RULE,
        "'iss'/'sub' is not the API key given";
    /// `aud` is missing or is not the token URL.
    AUD = "ERS-J010", Error, RULE,
        "'aud' missing or not the token URL (warning: an array holding it)";
    /// `aud` is the token URL of another environment than the one the token is for.
    ENVIRONMENT = "ERS-J011", Error, RULE,
        "'aud' is another environment's token URL";
    /// `jti` is missing or not a string.
    JTI = "ERS-J012", Error, RULE,
        "'jti' missing or not a string";
    /// `exp` is missing or not a number.
    EXP = "ERS-J013", Error, RULE,
        "'exp' missing or not a number (warning: not whole)";
    /// `exp` is more than 5 minutes ahead.
    EXP_TOO_FAR = "ERS-J014", Error, RULE,
        "'exp' more than 310 s ahead (warning: 301-310 s)";
    /// `exp` has passed.
    EXPIRED = "ERS-J015", Error, RULE,
        "'exp' has passed";
    /// The signature does not verify with the JWKS key named by `kid`.
    SIGNATURE = "ERS-J016", Error, RULE,
        "signature does not verify with the JWKS key";
    /// The JWKS carries private-key members.
    JWKS_PRIVATE = "ERS-J017", Error, RULE,
        "the JWKS carries private-key members";
    /// The JWKS cannot be read.
    JWKS_INVALID = "ERS-J018", Error, RULE,
        "the JWKS cannot be read";
    /// The key is shorter than the 4096 bits NHS asks for.
    KEY_SIZE = "ERS-J019", Warning, RULE,
        "key shorter than the 4096 bits NHS asks for";
    /// The JWK named by `kid` is not an RSA signing key for RS512.
    JWK_USE = "ERS-J020", Error, RULE,
        "the JWK for 'kid' is not a usable RSA key (warning: alg/use not RS512/sig)";
    /// `nbf` is more than 10 s ahead, or not a number: the signature check refuses the token.
    NBF = "ERS-J021", Error, RULE,
        "'nbf' more than 10 s ahead, or not a number";
    /// `iss` or `sub` is not a string: the claim script's loose comparison takes it (a warning).
    ISS_SUB_TYPE = "ERS-J022", Warning, RULE,
        "'iss'/'sub' not a string (the server compares loosely)";
    /// The token request's content type is not `application/x-www-form-urlencoded` (415).
    CONTENT_TYPE = "ERS-J023", Error, RULE,
        "token request: not application/x-www-form-urlencoded (415)";
    /// The token request's `grant_type` is missing or not `client_credentials`.
    GRANT_TYPE = "ERS-J024", Error, RULE,
        "token request: grant_type missing or invalid";
    /// The token request's `client_assertion_type` is missing or not the JWT bearer type.
    ASSERTION_TYPE = "ERS-J025", Error, RULE,
        "token request: client_assertion_type missing or invalid";
    /// The token request has no `client_assertion`.
    ASSERTION_MISSING = "ERS-J026", Error, RULE,
        "token request: no client_assertion";
    /// The token request cannot be read: not a curl command line or a form body.
    REQUEST_UNREADABLE = "ERS-J027", Error, RULE,
        "token request: not a curl command line or a form body";
    /// The token request is not sent to a token URL, or to another environment's than `aud` names
    /// (a warning).
    REQUEST_URL = "ERS-J028", Warning, RULE,
        "token request: not sent to the token URL 'aud' names";
    /// A token-exchange request's `subject_token_type` is missing or not the ID-token type.
    SUBJECT_TOKEN_TYPE = "ERS-J029", Error, RULE,
        "token exchange: subject_token_type missing or not the ID-token type";
    /// A token-exchange request has no `subject_token` (the ID token).
    SUBJECT_MISSING = "ERS-J030", Error, RULE,
        "token exchange: no subject_token (ID token)";
    /// The `subject_token` is not a decodable JWT.
    SUBJECT_MALFORMED = "ERS-J031", Error, RULE,
        "ID token: not a decodable JWT";
    /// The ID token's `kid` header is missing or falsy.
    SUBJECT_KID = "ERS-J032", Error, RULE,
        "ID token: 'kid' header missing";
    /// The ID token's `typ` header is not the string `JWT` (in any case).
    SUBJECT_TYP = "ERS-J033", Error, RULE,
        "ID token: 'typ' header not JWT";
    /// The ID token's `alg` header is missing (a warning when it is not RS256 or RS512).
    SUBJECT_ALG = "ERS-J034", Error, RULE,
        "ID token: 'alg' header missing (warning: not RS256/RS512)";
    /// The ID token's `exp` is missing or not a number.
    SUBJECT_EXP = "ERS-J035", Error, RULE,
        "ID token: 'exp' missing or not a number";
    /// The ID token's `exp` has passed.
    SUBJECT_EXPIRED = "ERS-J036", Error, RULE,
        "ID token: 'exp' has passed";
    /// The ID token's `iss` is missing or falsy.
    SUBJECT_ISS = "ERS-J037", Error, RULE,
        "ID token: 'iss' missing";
    /// The ID token's `aud` is missing or falsy (401), or the array `[""]`.
    SUBJECT_AUD = "ERS-J038", Error, RULE,
        "ID token: 'aud' missing (401)";
    /// The ID token's `iss` is not the CIS2 or NHS login issuer of the environment (a warning when
    /// it is the other provider's than the one chosen).
    SUBJECT_ISSUER = "ERS-J039", Error, RULE,
        "ID token: 'iss' not the CIS2 or NHS login issuer (warning: the other provider)";
}

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
