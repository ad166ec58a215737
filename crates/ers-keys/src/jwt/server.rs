//! The one answer the token server gives: the first problem it meets, in its own order (FACTS
//! §5), with its HTTP status.
//!
//! The order is the token server's (NHSDigital/identity-service-api): the token request's
//! `client_assertion_type` (checked by [`super::request`]), decoding the JWT (Apigee's
//! `DecodeJWT` reads any algorithm: an unsigned token decodes, FACTS §5b), then its claim
//! script (`validate-client-assertion-claims.js`) in the script's order — `alg`, expired,
//! `kid`, `typ`, `exp` missing, `exp` not a number, `iss`/`sub`, `jti` missing, `jti` not a
//! string, `jti` reused, `exp` more than 310 s ahead — with the script's JavaScript semantics
//! for every JSON type ([`super::js`]); then the API key (401), the JWKS, and the `VerifyJWT`
//! policy: `kid`, `aud`, signature (401) and `nbf` (10 s allowance). A token exchange goes on
//! with its ID token ([`super::check_subject()`]): the `Subject…` steps.
//!
//! Three points no public source settles are our reading, documented here: a JWKS that cannot
//! be read matches no key ("no matching public key"); a header `alg` that the script's loose
//! comparison takes (`["RS512"]`) but that is not the string `RS512` fails the signature check;
//! an `nbf` that is not a number, or more than 10 s ahead, is refused with the signature
//! check's answer (NHS publishes no message of its own for it).

use ers_rules::{Environment, ServerReply};
use serde_json::{Map, Value};

use super::codes::server;
use super::decode::Decoded;
use super::js;
use crate::jwk::Jwks;

/// The token server's answer to a refused token request: its HTTP status and its
/// `error_description`, verbatim.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ServerAnswer {
    /// The HTTP status, e.g. 400.
    pub status: u16,
    /// The `error_description`, e.g. "Invalid 'exp' claim in client_assertion JWT - JWT has
    /// expired".
    pub message: &'static str,
}

impl From<ServerReply> for ServerAnswer {
    fn from(reply: ServerReply) -> Self {
        ServerAnswer {
            status: reply.status,
            message: reply.text,
        }
    }
}

/// Where in the token server's order a check sits, first to last.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum Step {
    /// The token request: content type, `grant_type`, `client_assertion_type`, a
    /// `client_assertion` at all.
    Request,
    /// Decoding the JWT.
    Decode,
    /// The claim script: `alg`.
    Alg,
    /// The claim script: `exp` has passed.
    Expired,
    /// The claim script: `kid` missing.
    KidMissing,
    /// The claim script: `typ`.
    Typ,
    /// The claim script: `exp` missing.
    ExpMissing,
    /// The claim script: `exp` not a number.
    ExpNotNumber,
    /// The claim script: `iss`/`sub` missing or not matching.
    IssSub,
    /// The claim script: `jti` missing.
    JtiMissing,
    /// The claim script: `jti` not a string.
    JtiNotString,
    /// The claim script: `exp` more than 310 s ahead.
    ExpTooFar,
    /// The API key in `iss` is not the application's. The `jti` is cached before this step.
    ApiKey,
    /// `VerifyJWT`: no key of the JWKS has the `kid`.
    Kid,
    /// `VerifyJWT`: `aud` is not the token URL.
    Aud,
    /// `VerifyJWT`: the signature.
    Signature,
    /// `VerifyJWT`: `nbf` more than 10 s ahead.
    Nbf,
    /// Token exchange: no `subject_token`.
    SubjectMissing,
    /// Token exchange: the `subject_token` is not a decodable JWT.
    SubjectMalformed,
    /// The subject-token script: `kid` missing.
    SubjectKid,
    /// The subject-token script: `typ`.
    SubjectTyp,
    /// The subject-token script: `alg` missing.
    SubjectAlg,
    /// The subject-token script: `exp` missing.
    SubjectExpMissing,
    /// The subject-token script: `exp` not a number.
    SubjectExpNotNumber,
    /// The subject-token script: `exp` has passed.
    SubjectExpired,
    /// The subject-token script: `iss` missing.
    SubjectIss,
    /// The subject-token script: `aud` missing (401).
    SubjectAud,
    /// `SelectIdTokenIssuer.js`: `iss` is not a configured issuer.
    SubjectIssuer,
    /// `SelectIdTokenIssuer.js`: `aud` is `[""]`.
    SubjectAudEmpty,
}

impl Step {
    /// True when the token server has cached the `jti` before this step refuses the request:
    /// the same token sent again is answered "Non-unique 'jti' claim in client_assertion JWT".
    pub fn uses_up_jti(self) -> bool {
        self >= Step::ApiKey
    }
}

/// What the token server knows besides the token: the time, and what the token request was
/// sent with. (Its own type, so the server's model does not depend on the checker built on it.)
#[derive(Clone, Copy, Debug)]
pub(crate) struct Context<'a> {
    /// The current time, seconds since the Unix epoch.
    pub now: u64,
    /// The API key the token must name in `iss`/`sub`, when known.
    pub api_key: Option<&'a str>,
    /// The environment whose token URL the request was sent to, when known.
    pub environment: Option<Environment>,
}

/// `VerifyJWT`'s allowance for `nbf`, in seconds.
pub const NBF_ALLOWANCE_SECONDS: f64 = 10.0;

/// The first answer, and its step; `None` when the token server would accept the token (as far
/// as can be seen here: whether the `jti` was used before, and whether the JWKS URL can be
/// reached, cannot).
pub(crate) fn answer(
    decoded: &Decoded,
    jwks: Option<&Jwks>,
    request: Context<'_>,
) -> Option<(Step, ServerAnswer)> {
    // An unsigned token decodes (its empty signature is not among these findings): the claim
    // script answers first, and the signature check refuses it last.
    if let Some(first) = decoded.findings.first() {
        let reply = first.server.unwrap_or(server::MALFORMED);
        return Some((Step::Decode, reply.into()));
    }
    let (Some(header), Some(claims)) = (&decoded.header, &decoded.claims) else {
        return Some((Step::Decode, server::MALFORMED.into()));
    };
    if let Some(found) = script(header, claims, request.now) {
        return Some(found);
    }
    after_script(decoded, header, claims, jwks, request)
}

/// The claim script, in its order.
fn script(
    header: &Map<String, Value>,
    claims: &Map<String, Value>,
    now: u64,
) -> Option<(Step, ServerAnswer)> {
    let rs512 = Value::from(super::ALGORITHM);
    let exp = claims.get("exp");
    let typ_ok = header
        .get("typ")
        .and_then(Value::as_str)
        .is_some_and(|t| t.to_lowercase() == "jwt");
    let iss = claims.get("iss");
    let checks: [(bool, Step, ServerReply); 10] = [
        (
            !js::loose_eq(header.get("alg"), Some(&rs512)),
            Step::Alg,
            server::ALG_INVALID,
        ),
        (js::expired(exp, now), Step::Expired, server::EXPIRED),
        (
            !js::truthy(header.get("kid")),
            Step::KidMissing,
            server::KID_MISSING,
        ),
        (!typ_ok, Step::Typ, server::TYP),
        (!js::truthy(exp), Step::ExpMissing, server::EXP_MISSING),
        (
            !matches!(exp, Some(Value::Number(_))),
            Step::ExpNotNumber,
            server::EXP_NOT_INTEGER,
        ),
        (
            !js::truthy(iss) || !js::loose_eq(iss, claims.get("sub")),
            Step::IssSub,
            server::ISS_SUB,
        ),
        (
            !js::truthy(claims.get("jti")),
            Step::JtiMissing,
            server::JTI_MISSING,
        ),
        (
            !matches!(claims.get("jti"), Some(Value::String(_))),
            Step::JtiNotString,
            server::JTI_INVALID,
        ),
        (
            exp.and_then(Value::as_f64)
                .is_some_and(|e| e - now as f64 > super::SERVER_MAX_SECONDS_REMAINING as f64),
            Step::ExpTooFar,
            server::EXP_TOO_FAR,
        ),
    ];
    checks
        .into_iter()
        .find(|(failed, _, _)| *failed)
        .map(|(_, step, reply)| (step, reply.into()))
}

/// The API key, the JWKS and `VerifyJWT`.
fn after_script(
    decoded: &Decoded,
    header: &Map<String, Value>,
    claims: &Map<String, Value>,
    jwks: Option<&Jwks>,
    request: Context<'_>,
) -> Option<(Step, ServerAnswer)> {
    let refuse = |step, reply: ServerReply| Some((step, reply.into()));
    if let (Some(api_key), Some(iss)) = (request.api_key, claims.get("iss")) {
        if js::to_string(iss) != api_key {
            return refuse(Step::ApiKey, server::ISS_SUB_INVALID);
        }
    }
    let jwk = match (jwks, header.get("kid")) {
        (Some(jwks), Some(Value::String(kid))) => jwks.find(kid),
        _ => None,
    };
    let Some(jwk) = jwk else {
        return refuse(Step::Kid, server::KID_UNKNOWN);
    };
    if !aud_accepted(claims.get("aud"), request.environment) {
        return refuse(Step::Aud, server::AUD);
    }
    let verified = header.get("alg").and_then(Value::as_str) == Some(super::ALGORITHM)
        && match (
            jwk.to_public_key(),
            &decoded.signing_input,
            &decoded.signature,
        ) {
            (Ok(key), Some(input), Some(signature)) => {
                super::verify::verify_rs512(&key, input.as_bytes(), signature).is_ok()
            }
            _ => false,
        };
    if !verified {
        return refuse(Step::Signature, server::SIGNATURE);
    }
    if let Some(nbf) = claims.get("nbf") {
        let ok = nbf
            .as_f64()
            .is_some_and(|n| n - request.now as f64 <= NBF_ALLOWANCE_SECONDS);
        if !ok {
            return refuse(Step::Nbf, server::SIGNATURE);
        }
    }
    None
}

/// `VerifyJWT`'s audience check: `aud` is the token URL, or an array holding it. With no
/// environment given, any environment's token URL will do.
fn aud_accepted(aud: Option<&Value>, environment: Option<Environment>) -> bool {
    let accepted = |url: &str| match environment {
        Some(env) => env.token_url() == url,
        None => Environment::ALL.iter().any(|env| env.token_url() == url),
    };
    match aud {
        Some(Value::String(url)) => accepted(url),
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).any(accepted),
        _ => false,
    }
}
