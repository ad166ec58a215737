//! Checking a client assertion against every rule of the token server (FACTS §5), reporting each
//! broken rule with the server's own message and the fix.

use ers_rules::{Environment, ServerReply};
use serde_json::{Map, Value};

use super::aud::{self, AudDiff};
use super::codes::{self, server as words};
use super::decode::{self, Decoded, kind};
use super::finding::{Finding, Location, own, server_error};
use super::js::{self, truthy};
use super::server::{self, ServerAnswer, Step};
use super::verify::KeyInfo;

/// What to check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckRequest<'a> {
    /// The compact JWT (white space around it is ignored).
    pub token: &'a str,
    /// The JWKS the token server would fetch from the application's `jwks-resource-url`.
    pub jwks: &'a str,
    /// The environment the token is meant for; when `None`, `aud` may be any environment's
    /// token URL and names the environment.
    pub environment: Option<Environment>,
    /// The application's API key; when given, `iss`/`sub` must be it.
    pub api_key: Option<&'a str>,
    /// The current time, seconds since the Unix epoch.
    pub now: u64,
}

impl<'a> CheckRequest<'a> {
    /// A request with no environment and no API key.
    pub fn new(token: &'a str, jwks: &'a str, now: u64) -> Self {
        CheckRequest {
            token,
            jwks,
            environment: None,
            api_key: None,
            now,
        }
    }

    /// What the token server knows of this request besides the token.
    fn server_context(&self) -> server::Context<'a> {
        server::Context {
            now: self.now,
            api_key: self.api_key,
            environment: self.environment,
        }
    }
}

/// What the checker found, and what it decoded on the way.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CheckReport {
    /// The one answer the token server gives: the first problem in its order (FACTS §5), with
    /// its HTTP status; `None` when it would accept the token (as far as can be seen here).
    pub server_answer: Option<ServerAnswer>,
    /// The step of the token server's order that answers, when one does.
    pub server_step: Option<Step>,
    /// True when the request would use up the token's `jti` (the server caches it before the
    /// API-key and signature checks, and on success): the same token sent again is answered
    /// "Non-unique 'jti' claim in client_assertion JWT".
    pub jti_used_up: bool,
    /// Every broken rule, in the order: token, header, claims, JWKS, signature.
    pub findings: Vec<Finding>,
    /// The decoded header, when it could be decoded.
    pub header: Option<Map<String, Value>>,
    /// The decoded claims, when they could be decoded.
    pub claims: Option<Map<String, Value>>,
    /// The environment checked against: the one given, or else the one whose token URL `aud` is.
    pub environment: Option<Environment>,
    /// How `aud` differs from the token URL, when it does.
    pub aud: Option<AudDiff>,
    /// Seconds from the check time to `exp` (negative once expired), when `exp` is a number.
    pub expires_in: Option<i64>,
    /// The JWKS key that `kid` named, when there is one.
    pub key: Option<KeyInfo>,
    /// True when the signature was verified with that key and is valid.
    pub signature_verified: bool,
}

impl CheckReport {
    /// True when no finding is an error: the token server would accept the token.
    pub fn is_valid(&self) -> bool {
        !self.findings.iter().any(Finding::is_error)
    }

    /// The codes found, in order.
    pub fn codes(&self) -> Vec<&'static str> {
        self.findings.iter().map(|f| f.code).collect()
    }
}

/// Checks a client assertion. Never fails and never panics: everything wrong, including a
/// token that is not a JWT at all, is a [`Finding`].
pub fn check(request: &CheckRequest<'_>) -> CheckReport {
    let decoded = decode::decode(request.token);
    let jwks = crate::jwk::Jwks::from_json(request.jwks).ok();
    let answer = server::answer(&decoded, jwks.as_ref(), request.server_context());
    let Decoded {
        header,
        claims,
        signature,
        signing_input,
        findings,
        unsigned,
        ..
    } = decoded;
    let mut report = CheckReport {
        findings,
        server_answer: answer.map(|(_, a)| a),
        server_step: answer.map(|(step, _)| step),
        jti_used_up: answer.is_none_or(|(step, _)| step.uses_up_jti()),
        ..CheckReport::default()
    };
    if let Some(header) = &header {
        check_header(header, &mut report);
    }
    if let Some(claims) = &claims {
        check_claims(claims, request, &mut report);
        check_nbf(claims, request.now, &mut report);
    }
    let key_check = super::verify::check_key_and_signature(
        request.jwks,
        header.as_ref(),
        signing_input.as_deref(),
        signature.as_deref(),
    );
    report.findings.extend(key_check.findings);
    report.findings.extend(unsigned);
    report.key = key_check.key;
    report.signature_verified = key_check.signature_verified;
    report.header = header;
    report.claims = claims;
    report
}

fn check_header(header: &Map<String, Value>, report: &mut CheckReport) {
    let findings = &mut report.findings;
    check_alg(header.get("alg"), findings);
    check_typ(header.get("typ"), findings);
    check_kid(header.get("kid"), findings);
}

/// The header's 'alg': RS512, as a string.
fn check_alg(alg: Option<&Value>, findings: &mut Vec<Finding>) {
    let rs512 = Value::from(super::ALGORITHM);
    if !truthy(alg) {
        // The claim script answers a missing alg with its "Invalid 'alg'" message: its check
        // is `alg != "RS512"`, before the one for a missing alg.
        let detail = described("alg", alg);
        findings.push(
            server_error(codes::ALG, Location::Header("alg"), words::ALG_INVALID,
                detail,
            )
            .with_help("add the header \"alg\": \"RS512\" and sign with RS512 (RSASSA-PKCS1-v1_5 with SHA-512)")
            .with_suggestion(super::ALGORITHM),
        );
    } else if js::loose_eq(alg, Some(&rs512)) && !alg.is_some_and(Value::is_string) {
        findings.push(
            server_error(codes::ALG, Location::Header("alg"), words::SIGNATURE,
                format_args!(
                    "'alg' is {}; the claim check reads it as 'RS512', but the signature check needs the string",
                    shown(alg)
                ),
            )
            .with_help("write the header \"alg\": \"RS512\" as a string")
            .with_suggestion(super::ALGORITHM),
        );
    } else if alg.and_then(Value::as_str) != Some(super::ALGORITHM) {
        let given = shown(alg);
        let why = match alg.and_then(Value::as_str) {
            Some(a) if a.eq_ignore_ascii_case("none") => {
                "an unsigned token ('none') is never accepted: sign it with RS512 and your private key"
            }
            Some(a) if a.to_ascii_uppercase().starts_with("HS") => {
                "HS algorithms use a shared secret; the token server verifies with your public key \
                 from the JWKS, so sign with RS512 and your private key"
            }
            Some(a) if a.to_ascii_uppercase().starts_with("PS") => {
                "PS algorithms are RSA-PSS; the token server takes only RS512 (RSASSA-PKCS1-v1_5 \
                 with SHA-512), with the same RSA key"
            }
            _ => {
                "sign with RS512 (RSASSA-PKCS1-v1_5 with SHA-512) and your RSA private key, e.g. \
                 PyJWT algorithm=\"RS512\", jsonwebtoken Algorithm::RS512"
            }
        };
        findings.push(
            server_error(
                codes::ALG,
                Location::Header("alg"),
                words::ALG_INVALID,
                format_args!("'alg' is {given}"),
            )
            .with_help(why)
            .with_suggestion(super::ALGORITHM),
        );
    }
}

/// The header's 'typ': JWT, in any case.
fn check_typ(typ: Option<&Value>, findings: &mut Vec<Finding>) {
    let typ_ok = typ
        .and_then(Value::as_str)
        .is_some_and(|t| t.eq_ignore_ascii_case(super::TYPE));
    if !typ_ok {
        let detail = described("typ", typ);
        findings.push(
            server_error(codes::TYP, Location::Header("typ"), words::TYP, detail)
                .with_help("set the header \"typ\": \"JWT\"")
                .with_suggestion(super::TYPE),
        );
    }
}

/// The header's 'kid': a non-empty string.
fn check_kid(kid: Option<&Value>, findings: &mut Vec<Finding>) {
    match kid {
        Some(Value::String(k)) if !k.is_empty() => {}
        // The claim script only asks that kid be truthy; the JWKS lookup then finds no key.
        Some(other) if truthy(Some(other)) => {
            findings.push(
                server_error(codes::KID_UNKNOWN, Location::Header("kid"), words::KID_UNKNOWN,
                    format_args!("'kid' is {}, not a string", shown(kid)),
                )
                .with_help("write the kid as a JSON string, exactly as the JWKS has it, e.g. \"kid\": \"test-1\""),
            );
        }
        _ => {
            let detail = described("kid", kid);
            findings.push(
                server_error(
                    codes::KID_MISSING,
                    Location::Header("kid"),
                    words::KID_MISSING,
                    detail,
                )
                .with_help(
                    "add the header \"kid\" with the kid of your key in the JWKS (the 'kid' \
                     of the key pair you signed with, e.g. \"test-1\")",
                ),
            );
        }
    }
}

fn check_claims(claims: &Map<String, Value>, request: &CheckRequest<'_>, report: &mut CheckReport) {
    check_iss_sub(claims, request, report);
    check_aud(claims, request, report);
    check_jti(claims, report);
    check_exp(claims, request.now, report);
}

fn check_iss_sub(
    claims: &Map<String, Value>,
    request: &CheckRequest<'_>,
    report: &mut CheckReport,
) {
    let (iss, sub) = (claims.get("iss"), claims.get("sub"));
    let fix = "set both 'iss' and 'sub' to the application's API key (its \"Key\" in the \
               developer portal, not the secret)";
    let detail = if !truthy(iss) {
        Some(described("iss", iss))
    } else if !js::loose_eq(iss, sub) {
        Some(if sub.is_none() {
            "'sub' is missing".to_owned()
        } else {
            format!("'iss' is {} but 'sub' is {}", shown(iss), shown(sub))
        })
    } else {
        None
    };
    if let Some(detail) = detail {
        let mut finding = server_error(
            codes::ISS_SUB,
            Location::Claim("iss"),
            words::ISS_SUB,
            detail,
        )
        .with_help(fix);
        if let Some(key) = request.api_key {
            finding = finding.with_suggestion(key);
        }
        report.findings.push(finding);
        return;
    }
    // The script compares loosely: 5 and "5" pass it. The API key is a string: say so.
    if !iss.is_some_and(Value::is_string) || !sub.is_some_and(Value::is_string) {
        report.findings.push(own(
            ers_rules::Diagnostic::coded(
                codes::ISS_SUB_TYPE,
                format!(
                    "'iss' is {} and 'sub' is {}: the token server's claim check compares them \
                     loosely and takes them, but the API key is a string",
                    shown(iss),
                    shown(sub)
                ),
            )
            .with_help(fix),
            Location::Claim("iss"),
        ));
    }
    let (Some(api_key), Some(iss)) = (request.api_key, iss.map(js::to_string)) else {
        return;
    };
    check_api_key(&iss, api_key, request, &mut report.findings);
}

/// 'iss' (and so 'sub', equal to it) against the API key given to check the token with.
fn check_api_key(
    iss: &str,
    api_key: &str,
    request: &CheckRequest<'_>,
    findings: &mut Vec<Finding>,
) {
    if iss != api_key {
        let why = if iss.trim() == api_key.trim() {
            "the two differ only in white space: remove it from 'iss' and 'sub'".to_owned()
        } else {
            format!(
                "the token server looks the application up by 'iss'; it must be the API key of \
                 the application registered in {}. An API key from another environment (an INT \
                 key sent to PROD) is unknown there: use the key of the application registered \
                 for the environment you call (guidance 4.1)",
                request
                    .environment
                    .map_or("the environment you call", Environment::name_token)
            )
        };
        let finding = server_error(
            codes::API_KEY,
            Location::Claim("iss"),
            words::ISS_SUB_INVALID,
            format_args!("'iss' and 'sub' are '{iss}', the API key given is '{api_key}'"),
        )
        .with_help(why);
        // Only white space apart, the given key is surely meant; otherwise either may be the
        // wrong one (an INT key given to check a PROD token), so none is offered as the fix.
        findings.push(if iss.trim() == api_key.trim() {
            finding.with_suggestion(api_key)
        } else {
            finding
        });
    }
}

fn check_aud(claims: &Map<String, Value>, request: &CheckRequest<'_>, report: &mut CheckReport) {
    let value = claims.get("aud");
    let given = match value {
        Some(Value::String(s)) if !s.is_empty() => s.as_str(),
        Some(Value::Array(items)) => {
            aud_array(items, request, report);
            return;
        }
        _ => {
            let finding = aud_missing(value, request);
            report.findings.push(finding);
            report.environment = request.environment;
            return;
        }
    };

    let expected = match request.environment {
        Some(env) => env,
        None => match aud::environment_of(given) {
            Some(env) => {
                report.environment = Some(env);
                return;
            }
            None => aud::nearest(given),
        },
    };
    report.environment = request.environment;
    let Some(diff) = AudDiff::new(given, expected) else {
        return;
    };
    let finding = aud_differs(&diff, expected, request);
    report.findings.push(finding);
    report.aud = Some(diff);
}

/// The finding for an 'aud' that is missing, empty or not text.
fn aud_missing(value: Option<&Value>, request: &CheckRequest<'_>) -> Finding {
    let urls = || {
        Environment::ALL
            .iter()
            .map(|env| format!("{} {}", env.name_token(), env.token_url()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let detail = described("aud", value);
    let finding = server_error(codes::AUD, Location::Claim("aud"), words::AUD, detail);
    match request.environment {
        Some(env) => finding
            .with_help(format!(
                "set 'aud' to the {} token URL, exactly: {}",
                env.name_token(),
                env.token_url()
            ))
            .with_suggestion(env.token_url()),
        None => finding.with_help(format!(
            "set 'aud' to the token URL of the environment you call, exactly: {}",
            urls()
        )),
    }
}

/// The finding for an 'aud' that is not `expected`'s token URL: another environment's, or one
/// that differs from it.
fn aud_differs(diff: &AudDiff, expected: Environment, request: &CheckRequest<'_>) -> Finding {
    match diff.given_environment {
        Some(other) => server_error(
            codes::ENVIRONMENT,
            Location::Claim("aud"),
            words::AUD,
            format_args!(
                "'aud' is the {} token URL, but the token is for {}",
                other.name_token(),
                expected.name_token()
            ),
        )
        .with_help(format!(
            "this token was made for {other} and is checked for {expected}. Environments \
             share nothing: a {expected} call needs the {expected} application's API key in \
             'iss'/'sub', the kid of the key registered for that application, and \
             'aud' = {url}",
            other = other.name_token(),
            expected = expected.name_token(),
            url = expected.token_url(),
        )),
        None => {
            let compared = if request.environment.is_some() {
                String::new()
            } else {
                format!(
                    " (no environment was given; the nearest token URL is {}'s)",
                    expected.name_token()
                )
            };
            let mut help = format!(
                "{}{compared}; 'aud' must be exactly {}",
                diff.describe(),
                diff.expected
            );
            if let Some(hint) = diff.hint() {
                help = format!("{help}: {hint}");
            }
            server_error(
                codes::AUD,
                Location::Claim("aud"),
                words::AUD,
                format_args!(
                    "'aud' differs from the token URL at character {}",
                    diff.first_difference + 1
                ),
            )
            .with_help(help)
        }
    }
    .with_span(diff.span)
    .with_suggestion(diff.expected.clone())
}

fn aud_array(items: &[Value], request: &CheckRequest<'_>, report: &mut CheckReport) {
    let strings: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
    let matching = strings.iter().find_map(|s| match request.environment {
        Some(env) => (env.token_url() == *s).then_some(env),
        None => aud::environment_of(s),
    });
    report.environment = request.environment.or(matching);
    let url = report
        .environment
        .map_or("the token URL", Environment::token_url);
    let help = format!("send 'aud' as one string, exactly {url}");
    let finding = server_error(
        codes::AUD,
        Location::Claim("aud"),
        words::AUD,
        "'aud' is an array",
    )
    .with_help(help);
    report.findings.push(match matching {
        // NHS documents a single string; whether the server accepts an array holding the URL is
        // unconfirmed, so this is a warning, not an error.
        Some(env) => finding.into_warning().with_suggestion(env.token_url()),
        None => finding,
    });
}

/// What a claim or header member is, for a finding: `'jti' is missing` or `'jti' is 42`.
pub(super) fn described(name: &str, value: Option<&Value>) -> String {
    match value {
        None => format!("'{name}' is missing"),
        Some(_) => format!("'{name}' is {}", shown(value)),
    }
}

/// The token server's answer when `claim` is missing or falsy (`""`, `0`, `false`, `null`),
/// with what it is.
fn claim_missing(
    code: ers_rules::CodeInfo,
    claim: &'static str,
    reply: ServerReply,
    value: Option<&Value>,
) -> Finding {
    server_error(code, Location::Claim(claim), reply, described(claim, value))
}

fn check_jti(claims: &Map<String, Value>, report: &mut CheckReport) {
    let jti = claims.get("jti");
    let help = "set 'jti' to a new unique string for every token, e.g. a UUID v4; the token \
                server refuses a jti it has seen in the last 30 days";
    let finding = if !truthy(jti) {
        claim_missing(codes::JTI, "jti", words::JTI_MISSING, jti)
    } else if !jti.is_some_and(Value::is_string) {
        server_error(
            codes::JTI,
            Location::Claim("jti"),
            words::JTI_INVALID,
            format_args!("'jti' is {}", shown(jti)),
        )
    } else {
        return;
    };
    report.findings.push(finding.with_help(help));
}

/// The fix for every `exp` finding.
const EXP_FIX: &str = "make a new client assertion for every token request, with 'exp' = the \
                       current time + at most 300 seconds, as a JSON number of whole seconds \
                       since 1970";

/// `exp`, in the token server's order: expired (its date check converts any JSON type, so
/// `exp: 0`, `null`, `false`, `""`, `"123"` and `[]` are all "JWT has expired" first), then
/// missing, then not a number; then a fraction of a second and a lifetime over 300 s.
fn check_exp(claims: &Map<String, Value>, now: u64, report: &mut CheckReport) {
    let exp = claims.get("exp");
    let seconds = match exp {
        Some(Value::Number(n)) => n.as_f64(),
        _ => None,
    };
    let expired = js::expired(exp, now);
    if expired {
        report.findings.push(exp_expired(exp, seconds, now));
    }
    if !truthy(exp) {
        report
            .findings
            .push(claim_missing(codes::EXP, "exp", words::EXP_MISSING, exp).with_help(EXP_FIX));
        return;
    }
    let Some(seconds) = seconds else {
        report.findings.push(exp_not_a_number(exp));
        return;
    };
    let remaining = seconds - now as f64;
    // Whole seconds, rounded towards the past (for display and the JSON report).
    report.expires_in = Some(remaining.floor().clamp(i64::MIN as f64, i64::MAX as f64) as i64);
    if seconds.fract() != 0.0 {
        report.findings.push(
            server_error(codes::EXP, Location::Claim("exp"), words::EXP_NOT_INTEGER,
                format_args!("'exp' is {seconds}, not a whole number"),
            )
            .with_help("the token server accepts any number today, but its message asks for an integer: write whole seconds")
            .into_warning(),
        );
    }
    if !expired {
        report.findings.extend(exp_lifetime(seconds, now));
    }
}

/// "JWT has expired": how long ago, or how the server's date check read a value that is no
/// number.
fn exp_expired(exp: Option<&Value>, seconds: Option<f64>, now: u64) -> Finding {
    let detail = match seconds {
        Some(seconds) => {
            let ago = (now as f64 - seconds).ceil();
            if ago < 1.0 {
                "it expires in the very second of the check".to_owned()
            } else {
                format!("it expired {} ago", duration(ago))
            }
        }
        None => format!(
            "'exp' is {}, which the token server's date check reads as {} s after 1970",
            shown(exp),
            js::number_to_string(js::to_number(exp))
        ),
    };
    server_error(
        codes::EXPIRED,
        Location::Claim("exp"),
        words::EXPIRED,
        detail,
    )
    .with_help(format!(
        "{EXP_FIX}; if you just made it, the signing machine's clock is behind: set it by NTP"
    ))
}

/// `exp` present but not a JSON number; a string of digits gets the number as a suggestion.
fn exp_not_a_number(exp: Option<&Value>) -> Finding {
    let finding = server_error(
        codes::EXP,
        Location::Claim("exp"),
        words::EXP_NOT_INTEGER,
        format_args!("'exp' is {}", shown(exp)),
    )
    .with_help(EXP_FIX);
    match exp
        .and_then(Value::as_str)
        .and_then(|s| s.trim().parse::<u64>().ok())
    {
        Some(number) => finding
            .with_help(format!(
                "write 'exp' as a number, without quotation marks: {number}"
            ))
            .with_suggestion(number.to_string()),
        None => finding,
    }
}

/// An `exp` too far ahead: over the server's 300 s + 10 s an error (with a hint when it looks
/// like milliseconds or a time zone), within its 10 s allowance a warning.
fn exp_lifetime(seconds: f64, now: u64) -> Option<Finding> {
    let now_f = now as f64;
    let remaining = seconds - now_f;
    if remaining > super::SERVER_MAX_SECONDS_REMAINING as f64 {
        let mut help = format!(
            "set 'exp' to the current time + at most {} seconds",
            super::MAX_LIFETIME_SECONDS
        );
        if seconds > now_f * 100.0 {
            help = format!("'exp' looks like milliseconds: JWT times are seconds; {help}");
        } else if remaining <= 3600.0 * 14.0 && remaining > 3000.0 && (remaining % 3600.0) < 700.0 {
            help = format!(
                "{help}; an exp about {} hour(s) ahead is often a time zone mistake: use UTC seconds since 1970",
                (remaining / 3600.0).round()
            );
        }
        Some(
            server_error(
                codes::EXP_TOO_FAR,
                Location::Claim("exp"),
                words::EXP_TOO_FAR,
                format_args!(
                    "it is {} ahead, at most 300 s are allowed",
                    duration(remaining)
                ),
            )
            .with_help(help),
        )
    } else if remaining > super::MAX_LIFETIME_SECONDS as f64 {
        Some(
            server_error(
                codes::EXP_TOO_FAR,
                Location::Claim("exp"),
                words::EXP_TOO_FAR,
                format_args!("it is {} ahead, more than 300 s", duration(remaining)),
            )
            .with_help(
                "the token server allows 10 s more than 5 minutes for clock differences, so \
                 this passes only while the clocks agree: use at most 300 seconds",
            )
            .into_warning(),
        )
    } else {
        None
    }
}

/// `nbf` (not before), when present: the token server's signature check (`VerifyJWT`) refuses a
/// token whose `nbf` is more than 10 s ahead, or is not a number.
fn check_nbf(claims: &Map<String, Value>, now: u64, report: &mut CheckReport) {
    let Some(nbf) = claims.get("nbf") else {
        return;
    };
    let help = "leave 'nbf' out (the token server does not ask for it), or set it to the current \
                time or earlier, in whole seconds since 1970";
    let detail = match nbf.as_f64() {
        None => format!("'nbf' is {}, not a number", shown(Some(nbf))),
        Some(n) if n - now as f64 > server::NBF_ALLOWANCE_SECONDS => format!(
            "'nbf' is {} ahead; the token server allows 10 s",
            duration(n - now as f64)
        ),
        Some(_) => return,
    };
    report.findings.push(
        server_error(codes::NBF, Location::Claim("nbf"), words::SIGNATURE, detail).with_help(help),
    );
}

/// A JSON value as a message shows it: strings quoted with ', others by kind and value.
pub(super) fn shown(value: Option<&Value>) -> String {
    match value {
        None => "missing".to_owned(),
        Some(Value::String(s)) => format!("'{s}'"),
        Some(v @ (Value::Number(_) | Value::Bool(_))) => format!("{} {v}", kind(v)),
        Some(v) => kind(v).to_owned(),
    }
}

/// "42 s", "5 min 10 s", "3 h 2 min".
pub(super) fn duration(seconds: f64) -> String {
    let s = seconds.round().max(0.0) as u64;
    match s {
        0..60 => format!("{s} s"),
        60..3600 => format!("{} min {} s", s / 60, s % 60),
        3600..172_800 => format!("{} h {} min", s / 3600, (s % 3600) / 60),
        _ => format!("{} days", s / 86_400),
    }
}
