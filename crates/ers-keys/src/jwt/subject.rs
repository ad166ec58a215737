//! The ID token of a token-exchange request — its `subject_token` — read as the token server
//! reads it (FACTS §5b; NHSDigital/identity-service-api, the flow "OAuth Token Endpoint -
//! Token-Exchange").
//!
//! User-restricted access with NHS CIS2 *separate* authentication: the supplier's client signs a
//! client assertion exactly as for client credentials (checked by [`super::check()`]) and sends
//! it with the ID token NHS CIS2 gave the user's sign-in. Once the assertion has passed every
//! step (its jti is then used up), the server:
//!
//! 1. decodes the `subject_token`: absent, "Missing subject_token"; not a JWT, "Malformed JWT in
//!    subject_token" (both 400). Apigee's `DecodeJWT` reads any algorithm, so an unsigned token
//!    decodes;
//! 2. runs `validate-subject-token-claims.js`, first failure answering: `kid` falsy, `typ` not a
//!    string equal to "jwt" ignoring case, `alg` falsy, `exp` falsy (0 included), `exp` not a
//!    number, `exp` passed, `iss` falsy (each 400), `aud` falsy (**401**);
//! 3. `SelectIdTokenIssuer.js`: `iss` must be, exactly, the platform's configured CIS2 or NHS
//!    login issuer, else 400 "Missing or non-matching 'iss' claim in subject_token JWT"; then an
//!    `aud` of `[""]` is answered 400 "Missing 'aud' claim in subject_token JWT" (our reading of
//!    its `aud === '[""]'` test: the claim script has taken the array as present);
//! 4. fetches the issuer's JWKS and verifies the signature (`VerifyJWT.SubjectToken`, RS256 or
//!    RS512; no audience is asked for).
//!
//! Step 4 cannot be checked here: the issuer's keys are not fetched, and whether `aud` is the
//! client ID CIS2 issued for the application only CIS2 and the supplier know. The report says so
//! ([`SubjectReport::not_checked`]), never a pass or a fail. The configured issuers are not in
//! the public repository: [`IdTokenIssuer::url`] gives the likely values, marked unconfirmed.
//! The delegated `act.sub` token of NHS login (read only when the ID token has an `nhs_number`)
//! is not checked here.

use ers_rules::{Environment, ServerReply};
use serde_json::{Map, Value};

use super::check::{described, duration, shown};
use super::codes::{self, server as words};
use super::decode;
use super::finding::{Finding, Location, server_error};
use super::js::{self, truthy};
use super::server::{ServerAnswer, Step};

ers_rules::id_enum! {
    /// Who issued the ID token the client exchanges: which one a supplier uses is its choice
    /// (e-RS's Healthcare Worker API is for NHS CIS2 users).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
    pub enum IdTokenIssuer {
        /// NHS Care Identity Service 2 (healthcare workers).
        #[default]
        Cis2 = "cis2",
        /// NHS login (patients and the public).
        NhsLogin = "nhs-login",
    }
}

/// CIS2's issuer in the live (PROD) environment: likely, unconfirmed (FACTS §5b).
pub const CIS2_ISSUER_PROD: &str = "https://am.nhsidentity.spineservices.nhs.uk:443/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare";
/// CIS2's issuer in INT: likely, unconfirmed (FACTS §5b).
pub const CIS2_ISSUER_INT: &str = "https://am.nhsint.auth-ptl.cis2.spineservices.nhs.uk:443/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare";
/// NHS login's live issuer: likely, unconfirmed (NHS login's own environments; which one the
/// token server's PROD is configured with is not public).
pub const NHS_LOGIN_ISSUER_PROD: &str = "https://auth.login.nhs.uk";
/// NHS login's integration ("AOS") issuer: likely for INT, unconfirmed.
pub const NHS_LOGIN_ISSUER_INT: &str = "https://auth.aos.signin.nhs.uk";

impl IdTokenIssuer {
    /// What NHS calls it.
    pub fn title(self) -> &'static str {
        match self {
            IdTokenIssuer::Cis2 => "NHS CIS2",
            IdTokenIssuer::NhsLogin => "NHS login",
        }
    }

    /// The likely `iss` of its ID tokens for the token server of `environment`, PROD and INT
    /// only (unconfirmed: the configured values are not public); `None` for the others.
    pub fn url(self, environment: Environment) -> Option<&'static str> {
        match (self, environment) {
            (IdTokenIssuer::Cis2, Environment::Prod) => Some(CIS2_ISSUER_PROD),
            (IdTokenIssuer::Cis2, Environment::Int) => Some(CIS2_ISSUER_INT),
            (IdTokenIssuer::NhsLogin, Environment::Prod) => Some(NHS_LOGIN_ISSUER_PROD),
            (IdTokenIssuer::NhsLogin, Environment::Int) => Some(NHS_LOGIN_ISSUER_INT),
            _ => None,
        }
    }
}

impl core::str::FromStr for IdTokenIssuer {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let t = text.trim().to_ascii_lowercase().replace([' ', '_'], "-");
        match t.as_str() {
            "cis2" | "nhs-cis2" | "nhs-cis-2" | "cis-2" => Ok(IdTokenIssuer::Cis2),
            "nhs-login" | "nhslogin" | "login" => Ok(IdTokenIssuer::NhsLogin),
            _ => Err(format!(
                "'{text}' is not an ID-token issuer: use cis2 (NHS CIS2) or nhs-login (NHS login)"
            )),
        }
    }
}

/// What the check of the ID token found.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SubjectReport {
    /// The first answer the subject-token steps give (their order, FACTS §5b); `None` when they
    /// pass as far as can be checked here.
    pub server_answer: Option<ServerAnswer>,
    /// Its step.
    pub server_step: Option<Step>,
    /// Every problem of the ID token, in the server's order.
    pub findings: Vec<Finding>,
    /// The decoded header, when it could be decoded.
    pub header: Option<Map<String, Value>>,
    /// The claims the token server reads (`iss`, `aud`, `exp`), when present; the others (the
    /// user's identity) are left out.
    pub claims: Option<Map<String, Value>>,
    /// The issuer the supplier said it uses.
    pub issuer: IdTokenIssuer,
    /// The provider whose likely issuer `iss` is, when it is one.
    pub issued_by: Option<IdTokenIssuer>,
    /// Seconds from the check time to `exp`, when `exp` is a number.
    pub expires_in: Option<i64>,
    /// What cannot be checked here, said plainly: neither a pass nor a fail.
    pub not_checked: Vec<String>,
}

impl SubjectReport {
    /// True when no finding is an error.
    pub fn is_valid(&self) -> bool {
        !self.findings.iter().any(Finding::is_error)
    }
}

/// Checks the `subject_token` of a token-exchange request: `token` is `None` when the form has
/// none (or an empty one); `environment` is the request's, for the issuer.
pub fn check_subject(
    token: Option<&str>,
    environment: Option<Environment>,
    issuer: IdTokenIssuer,
    now: u64,
) -> SubjectReport {
    let mut report = SubjectReport {
        issuer,
        ..SubjectReport::default()
    };
    let Some(token) = unchecked(token, environment, &mut report) else {
        return report;
    };
    let decoded = decode::decode(token);
    if let Some(first) = decoded.findings.first() {
        report.push(Step::SubjectMalformed, malformed(first));
    }
    let (Some(header), Some(claims)) = (decoded.header, decoded.claims) else {
        return report;
    };
    if decoded.findings.is_empty() {
        script(&header, &claims, now, &mut report);
        issuer_step(&claims, environment, &mut report);
        if decoded.unsigned.is_some() {
            report.findings.push(
                ers_rules::Diagnostic::coded(
                    codes::SUBJECT_ALG,
                    "the ID token is unsigned (its signature part is empty): the token server's \
                     signature check will refuse it",
                )
                .with_severity(ers_rules::Severity::Warning)
                .with_part(Location::SubjectToken.path())
                .with_help(ID_TOKEN_AS_ISSUED),
            );
        }
    }
    report.expires_in = claims.get("exp").and_then(Value::as_f64).map(|e| {
        (e - now as f64)
            .floor()
            .clamp(i64::MIN as f64, i64::MAX as f64) as i64
    });
    report.not_checked = not_checked(environment, issuer);
    report.claims = Some(
        ["iss", "aud", "exp"]
            .into_iter()
            .filter_map(|k| claims.get(k).map(|v| (k.to_owned(), v.clone())))
            .collect(),
    );
    report.header = Some(header);
    report
}

/// The token when there is one to decode; otherwise the finding of a missing token, or of the
/// curl command's placeholder, is in `report`.
fn unchecked<'t>(
    token: Option<&'t str>,
    environment: Option<Environment>,
    report: &mut SubjectReport,
) -> Option<&'t str> {
    let Some(token) = token.filter(|t| !t.trim().is_empty()) else {
        report.push(
            Step::SubjectMissing,
            server_error(
                codes::SUBJECT_MISSING,
                Location::SubjectToken,
                words::SUBJECT_MISSING,
                "",
            )
            .with_help(
                "add the form field subject_token=<the ID token>: the id_token of the NHS CIS2 \
                 token response to the user's sign-in, as it is",
            ),
        );
        return None;
    };
    if token.trim() == super::ID_TOKEN_PLACEHOLDER {
        report.push(
            Step::SubjectMalformed,
            server_error(
                codes::SUBJECT_MALFORMED,
                Location::SubjectToken,
                words::SUBJECT_MALFORMED,
                "subject_token is still the placeholder of the curl command",
            )
            .with_help(format!(
                "replace {} with the ID token (id_token) of the user's NHS CIS2 sign-in",
                super::ID_TOKEN_PLACEHOLDER
            )),
        );
        report.not_checked = not_checked(environment, report.issuer);
        return None;
    }
    Some(token)
}

impl SubjectReport {
    /// Adds a finding; the first with a server reply is the answer.
    fn push(&mut self, step: Step, finding: Finding) {
        if self.server_answer.is_none() && finding.is_error() {
            if let Some(reply) = finding.server {
                self.server_answer = Some(reply.into());
                self.server_step = Some(step);
            }
        }
        self.findings.push(finding);
    }
}

/// The fix for an ID token whose header or claims are not as the issuer makes them.
const ID_TOKEN_AS_ISSUED: &str = "send the ID token exactly as NHS CIS2 issued it (the id_token \
    of its token response), unchanged: its header and claims come from CIS2, not from your code";

/// "Malformed JWT in subject_token", with what decoding found.
fn malformed(first: &Finding) -> Finding {
    let detail = first
        .server
        .and_then(|reply| ers_rules::words::clause(&first.message).strip_prefix(reply.text))
        .map(|rest| rest.trim().trim_start_matches('(').trim_end_matches(')'))
        .unwrap_or(ers_rules::words::clause(&first.message))
        .to_owned();
    let mut finding = server_error(
        codes::SUBJECT_MALFORMED,
        Location::SubjectToken,
        words::SUBJECT_MALFORMED,
        detail,
    )
    .with_help(
        "subject_token is the ID token (id_token) of NHS CIS2's token response, as it is: three \
         base64url parts separated by '.'; not the access token, not the authorisation code",
    );
    finding.span = first.span;
    finding
}

/// `validate-subject-token-claims.js`, in its order; every failing check is a finding, the
/// first the answer.
fn script(
    header: &Map<String, Value>,
    claims: &Map<String, Value>,
    now: u64,
    report: &mut SubjectReport,
) {
    header_steps(header, report);
    let c = |k: &str| claims.get(k);
    exp_steps(c("exp"), now, report);
    if !truthy(c("iss")) {
        report.push(
            Step::SubjectIss,
            error(
                codes::SUBJECT_ISS,
                Location::SubjectClaim("iss"),
                words::SUBJECT_ISS,
                described("iss", c("iss")),
            ),
        );
    }
    if !truthy(c("aud")) {
        report.push(
            Step::SubjectAud,
            error(
                codes::SUBJECT_AUD,
                Location::SubjectClaim("aud"),
                words::SUBJECT_AUD,
                described("aud", c("aud")),
            ),
        );
    }
}

/// The script's header checks: `kid`, `typ`, `alg`.
fn header_steps(header: &Map<String, Value>, report: &mut SubjectReport) {
    let h = |k: &str| header.get(k);
    if !truthy(h("kid")) {
        report.push(
            Step::SubjectKid,
            error(
                codes::SUBJECT_KID,
                Location::SubjectHeader("kid"),
                words::SUBJECT_KID,
                described("kid", h("kid")),
            ),
        );
    }
    let typ_ok = h("typ")
        .and_then(Value::as_str)
        .is_some_and(|t| t.to_lowercase() == "jwt");
    if !typ_ok {
        report.push(
            Step::SubjectTyp,
            error(
                codes::SUBJECT_TYP,
                Location::SubjectHeader("typ"),
                words::SUBJECT_TYP,
                described("typ", h("typ")),
            ),
        );
    }
    if !truthy(h("alg")) {
        report.push(
            Step::SubjectAlg,
            error(
                codes::SUBJECT_ALG,
                Location::SubjectHeader("alg"),
                words::SUBJECT_ALG,
                described("alg", h("alg")),
            ),
        );
    } else if !matches!(h("alg").and_then(Value::as_str), Some("RS256" | "RS512")) {
        report.findings.push(
            ers_rules::Diagnostic::coded(
                codes::SUBJECT_ALG,
                format!(
                    "the ID token's 'alg' is {}: the token server's signature check \
                     (VerifyJWT.SubjectToken) takes RS256 or RS512 only, and will refuse it",
                    shown(h("alg"))
                ),
            )
            .with_severity(ers_rules::Severity::Warning)
            .with_part(Location::SubjectHeader("alg").path())
            .with_help(ID_TOKEN_AS_ISSUED),
        );
    }
}

/// `exp`: falsy, not a number, passed.
fn exp_steps(exp: Option<&Value>, now: u64, report: &mut SubjectReport) {
    let (step, reply, detail, help) = if !truthy(exp) {
        (
            Step::SubjectExpMissing,
            words::SUBJECT_EXP_MISSING,
            described("exp", exp),
            ID_TOKEN_AS_ISSUED.to_owned(),
        )
    } else if !matches!(exp, Some(Value::Number(_))) {
        (
            Step::SubjectExpNotNumber,
            words::SUBJECT_EXP_NOT_INTEGER,
            format!("'exp' is {}", shown(exp)),
            ID_TOKEN_AS_ISSUED.to_owned(),
        )
    } else if js::expired(exp, now) {
        let ago = exp
            .and_then(Value::as_f64)
            .map_or(0.0, |e| (now as f64 - e).ceil().max(0.0));
        (
            Step::SubjectExpired,
            words::SUBJECT_EXPIRED,
            format!("it expired {} ago", duration(ago)),
            "ID tokens live minutes: exchange the ID token as soon as CIS2 gives it, and when it \
             has expired ask the user to sign in again; if it was just issued, the machine's \
             clock is wrong: set it by NTP"
                .to_owned(),
        )
    } else {
        return;
    };
    let code = if step == Step::SubjectExpired {
        codes::SUBJECT_EXPIRED
    } else {
        codes::SUBJECT_EXP
    };
    report.push(
        step,
        server_error(code, Location::SubjectClaim("exp"), reply, detail).with_help(help),
    );
}

/// `SelectIdTokenIssuer.js`: `iss` exactly one of the configured issuers, then `aud` not `[""]`.
fn issuer_step(
    claims: &Map<String, Value>,
    environment: Option<Environment>,
    report: &mut SubjectReport,
) {
    let iss = claims.get("iss");
    let chosen = report.issuer;
    if let Some(env) = environment.filter(|e| chosen.url(*e).is_some()) {
        let issued_by = IdTokenIssuer::ALL.into_iter().find(|p| {
            iss.and_then(Value::as_str)
                .is_some_and(|s| p.url(env) == Some(s))
        });
        report.issued_by = issued_by;
        match issued_by {
            Some(p) if p != chosen => report.findings.push(
                ers_rules::Diagnostic::coded(
                    codes::SUBJECT_ISSUER,
                    format!(
                        "'iss' is {}'s issuer for {}, but you said your users sign in with {}: the \
                         token server takes either",
                        p.title(),
                        env.name_token(),
                        chosen.title()
                    ),
                )
                .with_severity(ers_rules::Severity::Warning)
                .with_part(Location::SubjectClaim("iss").path())
                .with_help(
                    "e-RS's Healthcare Worker API is for healthcare workers signed in with NHS \
                     CIS2; choose the issuer your users sign in with",
                ),
            ),
            Some(_) => {}
            None if truthy(iss) => {
                let finding = issuer_mismatch(iss, env, chosen);
                report.push(Step::SubjectIssuer, finding);
            }
            None => {}
        }
    }
    if claims.get("aud") == Some(&Value::Array(vec![Value::from("")])) {
        report.push(
            Step::SubjectAudEmpty,
            error(
                codes::SUBJECT_AUD,
                Location::SubjectClaim("aud"),
                words::SUBJECT_AUD_EMPTY,
                "'aud' is [\"\"]: the claim check takes the array, the issuer check reads it as \
                 missing",
            ),
        );
    }
}

/// "Missing or non-matching 'iss' claim in subject_token JWT", saying what the likely value is
/// (unconfirmed) and what the given one looks like.
fn issuer_mismatch(iss: Option<&Value>, env: Environment, chosen: IdTokenIssuer) -> Finding {
    let expected = chosen.url(env).unwrap_or_default();
    let given = iss.and_then(Value::as_str);
    let other_env = Environment::ALL.into_iter().find_map(|e| {
        IdTokenIssuer::ALL
            .into_iter()
            .find(|p| e != env && given.is_some_and(|g| p.url(e) == Some(g)))
            .map(|p| (p, e))
    });
    let hint = match (given, other_env) {
        (_, Some((p, e))) => format!(
            "it is {}'s issuer for {}: an ID token from {} is accepted only by the {} token \
             server; sign the user in with {} in {}",
            p.title(),
            e.name_token(),
            e.name_token(),
            e.name_token(),
            p.title(),
            env.name_token()
        ),
        (Some(g), None) if g.replace(":443", "") == expected.replace(":443", "") => {
            "it differs only in the port ':443', which the issuer's value carries: send the ID \
             token as CIS2 issued it"
                .to_owned()
        }
        (Some(g), None) if g.trim_end_matches('/') == expected.trim_end_matches('/') => {
            "it differs only in a trailing '/': send the ID token as it was issued".to_owned()
        }
        _ => format!(
            "send an ID token issued by {} for {}",
            chosen.title(),
            env.name_token()
        ),
    };
    let detail = format!(
        "'iss' is {}; the likely {} issuer for {} is '{expected}' (unconfirmed: the value NHS \
         configures is not public)",
        shown(iss),
        chosen.title(),
        env.name_token(),
    );
    error(
        codes::SUBJECT_ISSUER,
        Location::SubjectClaim("iss"),
        words::SUBJECT_ISSUER,
        detail,
    )
    .with_help(hint)
}

/// What cannot be checked offline, said plainly.
fn not_checked(environment: Option<Environment>, issuer: IdTokenIssuer) -> Vec<String> {
    let mut out = vec![
        format!(
            "the ID token's signature against {}'s published keys (the token server fetches the \
             issuer's JWKS and looks the kid up, then verifies RS256 or RS512): it cannot be \
             checked offline",
            issuer.title()
        ),
        format!(
            "whether the ID token's 'aud' is the client ID {} issued for your application: only \
             {} and you know it (the token server asks only that 'aud' be present)",
            issuer.title(),
            issuer.title()
        ),
    ];
    match environment {
        Some(env) if issuer.url(env).is_some() => {}
        Some(env) => out.push(format!(
            "the issuer ('iss'): the token server of {} takes its configured CIS2 or NHS login \
             issuer, which is not public",
            env.name_token()
        )),
        None => out.push(
            "the issuer ('iss'): give the environment (PROD or INT) to compare it with the likely \
             CIS2 and NHS login issuers"
                .to_owned(),
        ),
    }
    out
}

/// An error in the server's words, with the standard fix.
fn error(
    code: ers_rules::CodeInfo,
    location: Location,
    reply: ServerReply,
    detail: impl core::fmt::Display,
) -> Finding {
    server_error(code, location, reply, detail).with_help(ID_TOKEN_AS_ISSUED)
}
