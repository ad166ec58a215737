/*!
Client-assertion JWTs for the NHS API platform's signed-JWT authentication (FACTS §5, guidance 4.2):
sign one, and check one against every rule the token server applies, in the token server's own
words.

A client assertion is a compact JWS: `base64url(header).base64url(claims).base64url(signature)`.
The token server (NHSDigital/identity-service-api, `validate-client-assertion-claims.js`) wants:

| part   | field | rule |
|--------|-------|------|
| header | `alg` | `RS512` (RSASSA-PKCS1-v1_5 with SHA-512), nothing else |
| header | `typ` | `JWT` (compared without regard to case) |
| header | `kid` | present, and the `kid` of a key in the application's JWKS |
| claims | `iss`, `sub` | both the application's API key |
| claims | `aud` | the environment's token URL, exactly |
| claims | `jti` | a new unique string (a UUID); reuse is refused for 30 days |
| claims | `exp` | integer seconds, not passed, at most 5 minutes ahead (the server allows 310 s) |

[`sign()`] makes one; [`check()`] reports every broken rule as a [`Finding`]: an
[`ers_rules::Diagnostic`] with a stable `ERS-J…` code, the token server's message and the fix,
led by the one answer the token server gives first ([`CheckReport::server_answer`], in the
server's order, [`Step`]). [`check_request()`] reads a whole token request (a curl command line,
a raw HTTP request or a form body) as the token server does, for both grants ([`Grant`]): client
credentials, and the token exchange of user-restricted access with NHS CIS2 separate
authentication, whose ID token ([`check_subject()`]) is checked after the assertion.
[`snippet()`] writes a client ready to paste (Python, Node.js, Java) that signs an assertion
and asks for a token.
Both take the current time as `now` (seconds since the Unix epoch), so tests never race the clock.

# Example

```
use ers_keys::jwt::{self, CheckRequest, SignRequest};
use ers_rules::Environment;
# fn main() -> Result<(), Box<dyn std::error::Error>> {
# let pem = include_str!("../tests/examples/jwt/throwaway-test-key-2048.pem");
# let jwks = include_str!("../tests/examples/jwt/throwaway-test-key-2048.jwks.json");
let now = 1_790_000_000;
let request = SignRequest::new("test-1", "an-api-key", Environment::Int, now);
let signed = jwt::sign_pem(pem, &request)?;
assert_eq!(signed.claims.aud, "https://int.api.service.nhs.uk/oauth2/token");

let report = jwt::check(&CheckRequest::new(&signed.token, jwks, now));
assert!(report.is_valid());
# Ok(())
# }
```
*/

mod aud;
mod check;
mod claims;
pub mod codes;
mod decode;
mod finding;
mod js;
pub mod request;
mod server;
mod sign;
pub mod snippet;
mod subject;
mod verify;

pub use aud::AudDiff;
pub use check::{CheckReport, CheckRequest, check};
pub use claims::{Claims, Header};
pub(crate) use decode::kind as kind_of;
pub use decode::{Decoded, PartName, decode};
pub use finding::{Finding, Location};
pub use request::{RequestReport, check_request, check_token_request};
pub use server::{NBF_ALLOWANCE_SECONDS, ServerAnswer, Step};
pub use sign::{
    ID_TOKEN_PLACEHOLDER, SignRequest, SignedAssertion, curl_command, grant_curl_command, sign,
    sign_pem,
};
pub use snippet::{Snippet, SnippetLanguage, SnippetRequest, snippet};
pub use subject::{
    CIS2_ISSUER_INT, CIS2_ISSUER_PROD, IdTokenIssuer, NHS_LOGIN_ISSUER_INT, NHS_LOGIN_ISSUER_PROD,
    SubjectReport, check_subject,
};
pub use verify::KeyInfo;

/// The one algorithm the token server accepts: RSASSA-PKCS1-v1_5 with SHA-512.
pub const ALGORITHM: &str = "RS512";

/// The `typ` header the token server wants.
pub const TYPE: &str = "JWT";

/// How far ahead `exp` may be, in seconds: "at most 5 minutes" (FACTS §5). [`sign()`] never
/// goes beyond it.
pub const MAX_LIFETIME_SECONDS: u64 = 300;

/// The token server refuses an `exp` more than this many seconds ahead: 5 minutes plus the
/// 10 seconds it allows "to mitigate edge cases" (`validate-client-assertion-claims.js`).
pub const SERVER_MAX_SECONDS_REMAINING: u64 = 310;

/// The `client_assertion_type` form field of the token request.
pub const CLIENT_ASSERTION_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

/// The `grant_type` form field of the token request.
pub const GRANT_TYPE: &str = "client_credentials";

/// The `grant_type` of a token-exchange request (user-restricted access with NHS CIS2 separate
/// authentication, FACTS §5b).
pub const TOKEN_EXCHANGE_GRANT_TYPE: &str = "urn:ietf:params:oauth:grant-type:token-exchange";

/// The `subject_token_type` of a token-exchange request: the subject token is an ID token.
pub const ID_TOKEN_TYPE: &str = "urn:ietf:params:oauth:token-type:id_token";

ers_rules::id_enum! {
    /// The two token requests a client assertion is sent in.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
    pub enum Grant {
        /// Application-restricted access: `grant_type=client_credentials` (FACTS §5).
        #[default]
        ClientCredentials = "client-credentials",
        /// User-restricted access with NHS CIS2 separate authentication: the token exchange of
        /// an ID token (FACTS §5b).
        TokenExchange = "token-exchange",
    }
}

impl Grant {
    /// The `grant_type` form field.
    pub fn grant_type(self) -> &'static str {
        match self {
            Grant::ClientCredentials => GRANT_TYPE,
            Grant::TokenExchange => TOKEN_EXCHANGE_GRANT_TYPE,
        }
    }

    /// How NHS's pages name it.
    pub fn title(self) -> &'static str {
        match self {
            Grant::ClientCredentials => "client credentials (application-restricted)",
            Grant::TokenExchange => {
                "token exchange (user-restricted, NHS CIS2 separate authentication)"
            }
        }
    }
}

impl core::str::FromStr for Grant {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "client-credentials" | "cc" => Ok(Grant::ClientCredentials),
            "token-exchange" | "te" | TOKEN_EXCHANGE_GRANT_TYPE => Ok(Grant::TokenExchange),
            _ => Err(format!(
                "'{text}' is not a grant: use client-credentials or token-exchange"
            )),
        }
    }
}

/// The guidance rule every JWT finding cites: 4.2, "Generate a key pair".
pub const RULE: &str = "4.2";
