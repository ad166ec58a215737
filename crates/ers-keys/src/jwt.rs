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
server's order, [`Step`]). [`check_request()`] reads a whole token request (a curl command line
or a form body) as the token server does.
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
mod verify;

pub use aud::AudDiff;
pub use check::{CheckReport, CheckRequest, check};
pub use claims::{Claims, Header};
pub(crate) use decode::kind as kind_of;
pub use decode::{Decoded, PartName, decode};
pub use finding::{Finding, Location};
pub use request::{RequestReport, check_request};
pub use server::{NBF_ALLOWANCE_SECONDS, ServerAnswer, Step};
pub use sign::{SignRequest, SignedAssertion, curl_command, sign, sign_pem};
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

/// The guidance rule every JWT finding cites: 4.2, "Generate a key pair".
pub const RULE: &str = "4.2";
