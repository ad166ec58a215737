//! `signClientAssertion` and `checkClientAssertion`: the client-assertion JWT of the NHS API
//! platform (guidance 4.2, FACTS §5) for JavaScript.
//!
//! The clock is the browser's (`Date.now() / 1000`) unless the request gives `now`. Spans cross
//! to JavaScript as UTF-16 offsets into the text of the diagnostic's `location`.

use ers_keys::jwt::{
    self as core, AudDiff, CheckReport, CheckRequest, Finding, Grant, IdTokenIssuer, Location,
    RequestReport, ServerAnswer, SignRequest, SnippetLanguage, SnippetRequest, SubjectReport,
};
use ers_rules::Environment;
use ers_rules::error::codes;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use wasm_bindgen::prelude::*;

use crate::diagnostic::{DiagnosticJs, Utf16};
use crate::{ErsError, from_js, to_js};

#[wasm_bindgen(typescript_custom_section)]
const TS: &'static str = r#"
/** An APIM environment; "PROD", "Production", "integration"… are read too. */
export type EnvironmentId = "prod" | "int" | "sandbox" | "dev";
export interface SignClientAssertionRequest {
  /** The private key, PEM: PKCS#8 (BEGIN PRIVATE KEY) or PKCS#1 (BEGIN RSA PRIVATE KEY). */
  privateKeyPem: string;
  /** The key id, as in the application's JWKS. */
  kid: string;
  /** The application's API key (its "Key", not the secret): iss and sub. */
  apiKey: string;
  /** Sets aud to this environment's token URL. */
  environment: EnvironmentId | string;
  /** Seconds until exp: 1 to 300 (default 300). */
  expSeconds?: number | null;
  /** The token request the assertion is for (default "client-credentials"): the curl command
   *  carries that grant's fields. */
  grant?: Grant | null;
  /** The time, seconds since 1970; default Date.now() / 1000. */
  now?: number | null;
}
/** The two token requests: client credentials (application-restricted), and the token
 *  exchange of an NHS CIS2 ID token (user-restricted, separate authentication). */
export type Grant = "client-credentials" | "token-exchange";
/** Who issues the ID token of a token exchange. */
export type IdTokenIssuer = "cis2" | "nhs-login";
export interface ClientAssertionHeader { alg: "RS512"; typ: "JWT"; kid: string }
export interface ClientAssertionClaims {
  iss: string; sub: string; aud: string; jti: string; exp: number; iat: number;
}
export interface SignedClientAssertion {
  /** The compact JWT: the client_assertion form field. */
  token: string;
  header: ClientAssertionHeader;
  claims: ClientAssertionClaims;
  /** The header and claims as pretty JSON, for display. */
  headerJson: string;
  claimsJson: string;
  environment: EnvironmentId;
  tokenUrl: string;
  grant: Grant;
  /** A ready curl command for the token request of that grant (a token exchange's ID token is
   *  the placeholder PASTE-THE-ID-TOKEN-FROM-NHS-CIS2-HERE). */
  curl: string;
  /** The key's modulus size in bits (NHS asks for 4096). */
  keyBits: number;
}
export interface CheckClientAssertionRequest {
  /** The compact JWT. */
  jwt: string;
  /** The JWKS the application's jwks-resource-url serves. */
  jwks: string;
  /** The environment the token is for; when absent, aud names it. */
  environment?: EnvironmentId | string | null;
  /** The application's API key; when given, iss and sub must be it. */
  apiKey?: string | null;
  /** The time, seconds since 1970; default Date.now() / 1000. */
  now?: number | null;
}
/** One broken rule (codes ERS-J001…ERS-J039, rule "4.2"). The message starts with the token
 *  server's own words when it has some; `span` is UTF-16 offsets into the text of `location`
 *  (the token, or the aud claim's value). */
export interface JwtDiagnostic extends Diagnostic {
  /** "token", "header.alg", "claims.aud", "signature", "jwks"… */
  location: string;
  /** The token server's error_description, verbatim. */
  serverMessage: string | null;
  httpStatus: number | null;
}
/** How aud differs from the token URL; offsets are UTF-16. */
export interface AudDiff {
  expected: string;
  given: string;
  expectedEnvironment: EnvironmentId;
  givenEnvironment: EnvironmentId | null;
  firstDifference: number;
  span: [number, number];
}
/** The token server's one answer: its HTTP status and error_description, verbatim. */
export interface ServerAnswer { status: number; message: string }
export interface ClientAssertionReport {
  /** The one answer the token server gives first (its order, FACTS §5); null when it would
   *  accept the token, as far as can be checked here. */
  serverAnswer: ServerAnswer | null;
  /** True when the request would use up the jti (cached before the API-key and signature
   *  checks): a resent token is answered "Non-unique 'jti' claim in client_assertion JWT". */
  jtiUsedUp: boolean;
  /** False when any diagnostic is an error: the token server would refuse the token. */
  valid: boolean;
  diagnostics: JwtDiagnostic[];
  header: Record<string, unknown> | null;
  claims: Record<string, unknown> | null;
  headerJson: string | null;
  claimsJson: string | null;
  environment: EnvironmentId | null;
  aud: AudDiff | null;
  /** Seconds from `now` to exp (negative once expired). */
  expiresIn: number | null;
  key: { kid: string; bits: number } | null;
  signatureVerified: boolean;
  /** The time the token was checked at, seconds since 1970. */
  now: number;
}
/** Throws an ErsError: "invalid-input", "unknown-environment", or a key error's code
 *  ("pem-missing", "kid-invalid", "invalid"…), with `field` naming the request field it is
 *  about ("privateKeyPem", "kid", "apiKey", "environment", "expSeconds", "now") when there is one. */
export function signClientAssertion(request: SignClientAssertionRequest): SignedClientAssertion;
/** Never throws for a bad token or JWKS: those are diagnostics. Throws "invalid-input" for a
 *  request that is not an object of strings. */
export function checkClientAssertion(request: CheckClientAssertionRequest): ClientAssertionReport;
export interface CheckTokenRequestRequest {
  /** The token request: a curl command line, a raw HTTP request, or the form body. */
  request: string;
  /** The JWKS the application's jwks-resource-url serves. */
  jwks: string;
  /** The environment; when absent, the one whose token URL the request goes to. */
  environment?: EnvironmentId | string | null;
  apiKey?: string | null;
  /** Who issues the ID token of a token exchange (default "cis2"). */
  issuer?: IdTokenIssuer | string | null;
  now?: number | null;
}
/** The ID token of a token exchange, checked in the token server's order (FACTS §5b). */
export interface SubjectTokenReport {
  /** The first answer of the ID-token steps; null when they pass as far as can be checked. */
  serverAnswer: ServerAnswer | null;
  valid: boolean;
  /** Codes ERS-J030…ERS-J039; location "subject_token", "subject_token.header.kid"… */
  diagnostics: JwtDiagnostic[];
  header: Record<string, unknown> | null;
  /** Only the claims the token server reads: iss, aud, exp. */
  claims: Record<string, unknown> | null;
  issuer: IdTokenIssuer;
  /** The provider whose likely issuer iss is, when it is one (values unconfirmed). */
  issuedBy: IdTokenIssuer | null;
  expiresIn: number | null;
  /** What cannot be checked offline (the signature against the issuer's keys, aud being the
   *  client ID it issued…), said plainly: neither a pass nor a fail. */
  notChecked: string[];
}
export interface TokenRequestReport {
  /** The one answer the token server gives first; null when it would accept the request. */
  serverAnswer: ServerAnswer | null;
  jtiUsedUp: boolean;
  valid: boolean;
  /** How the request was given: "curl", "http" or "form"; null when it could not be read. */
  kind: "curl" | "http" | "form" | null;
  /** The grant the token server reads the request as (the flow it runs). */
  grant: Grant | null;
  url: string | null;
  environment: EnvironmentId | null;
  contentType: string | null;
  /** The form field names, in order. */
  fields: string[];
  /** Findings about the request itself (ERS-J023…ERS-J029); span is null. */
  diagnostics: JwtDiagnostic[];
  /** The client assertion inside, checked; null when there is none. */
  assertion: ClientAssertionReport | null;
  /** The client assertion as read from the request (the assertion's spans index it). */
  assertionToken: string | null;
  /** For a token exchange: its ID token, checked after the assertion. */
  subject: SubjectTokenReport | null;
}
/** Checks a token request as the token server reads it. Never throws for a bad request: those
 *  are diagnostics. Throws "invalid-input" for a request object of the wrong shape. */
export function checkTokenRequest(request: CheckTokenRequestRequest): TokenRequestReport;
export type SnippetLanguage = "python" | "node" | "java";
export interface ClientSnippetRequest {
  language: SnippetLanguage | string;
  grant?: Grant | null;
  kid: string;
  environment: EnvironmentId | string;
  /** The application's API key; a placeholder (YOUR-API-KEY) is written when absent. */
  apiKey?: string | null;
}
export interface ClientSnippet {
  language: SnippetLanguage;
  grant: Grant;
  /** The file to save it as, e.g. "nhs_token.py". */
  fileName: string;
  /** What it uses, pinned. */
  libraries: string;
  /** The command that installs that; null when nothing is needed. */
  install: string | null;
  /** The command that runs it; with --dry-run it prints the form instead of sending it. */
  run: string;
  /** The private key file it reads (PRIVATE_KEY_FILE overrides it). */
  keyFile: string;
  apiKeyPlaceholder: boolean;
  code: string;
}
/** A client ready to paste, for either grant (Python, Node.js, Java: the languages the tests
 *  run). Throws "invalid-input" for an unknown language or grant, "kid-invalid" for an empty
 *  kid, "unknown-environment". */
export function clientSnippet(request: ClientSnippetRequest): ClientSnippet;
"#;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SignRequestJs {
    private_key_pem: String,
    kid: String,
    api_key: String,
    environment: String,
    #[serde(default)]
    exp_seconds: Option<f64>,
    #[serde(default)]
    grant: Option<String>,
    #[serde(default)]
    now: Option<f64>,
}

impl Drop for SignRequestJs {
    fn drop(&mut self) {
        // The private key's PEM is wiped from wasm memory as soon as the request is done with.
        zeroize::Zeroize::zeroize(&mut self.private_key_pem);
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SignedJs {
    token: String,
    header: core::Header,
    claims: core::Claims,
    header_json: String,
    claims_json: String,
    environment: &'static str,
    token_url: &'static str,
    grant: &'static str,
    curl: String,
    key_bits: usize,
}

/// Signs an RS512 client assertion.
///
/// # Errors
/// An `ErsError` for a request of the wrong shape, an unknown environment, an unreadable key,
/// a refused kid or API key, or an `expSeconds` outside 1–300.
#[wasm_bindgen(js_name = signClientAssertion, skip_typescript)]
pub fn sign_client_assertion(request: JsValue) -> Result<JsValue, JsValue> {
    let request: SignRequestJs = from_js(request, "signClientAssertion request")?;
    let environment: Environment = request
        .environment
        .parse()
        .map_err(|e| ErsError::from(e).with_field("environment"))?;
    let now = seconds(request.now, "now")?;
    let lifetime = match request.exp_seconds {
        None => core::MAX_LIFETIME_SECONDS,
        Some(n) => seconds(Some(n), "expSeconds")?,
    };
    let grant = parsed::<Grant>(request.grant.as_deref(), "grant")?.unwrap_or_default();
    let sign_request = SignRequest {
        lifetime_seconds: lifetime,
        grant,
        ..SignRequest::new(&request.kid, &request.api_key, environment, now)
    };
    let signed = core::sign_pem(&request.private_key_pem, &sign_request).map_err(sign_error)?;
    to_js(&SignedJs {
        header_json: pretty(&signed.header),
        claims_json: pretty(&signed.claims),
        environment: signed.environment.id(),
        token_url: signed.token_url,
        grant: signed.grant.id(),
        key_bits: signed.key_bits,
        curl: signed.curl,
        token: signed.token,
        header: signed.header,
        claims: signed.claims,
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CheckRequestJs {
    jwt: String,
    jwks: String,
    #[serde(default)]
    environment: Option<String>,
    #[serde(default)]
    api_key: Option<String>,
    #[serde(default)]
    now: Option<f64>,
}

impl Drop for CheckRequestJs {
    fn drop(&mut self) {
        // What was pasted may be a private key given by mistake: wiped from wasm memory however
        // the check ends.
        zeroize::Zeroize::zeroize(&mut self.jwt);
        zeroize::Zeroize::zeroize(&mut self.jwks);
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AudDiffJs<'a> {
    expected: &'a str,
    given: &'a str,
    expected_environment: &'static str,
    given_environment: Option<&'static str>,
    first_difference: usize,
    span: [usize; 2],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ServerAnswerJs {
    status: u16,
    message: &'static str,
}

fn answer_js(answer: Option<ServerAnswer>) -> Option<ServerAnswerJs> {
    answer.map(|a| ServerAnswerJs {
        status: a.status,
        message: a.message,
    })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReportJs<'a> {
    server_answer: Option<ServerAnswerJs>,
    jti_used_up: bool,
    valid: bool,
    diagnostics: Vec<DiagnosticJs>,
    header: &'a Option<Map<String, Value>>,
    claims: &'a Option<Map<String, Value>>,
    header_json: Option<String>,
    claims_json: Option<String>,
    environment: Option<&'static str>,
    aud: Option<AudDiffJs<'a>>,
    expires_in: Option<i64>,
    key: Option<KeyJs<'a>>,
    signature_verified: bool,
    now: u64,
}

#[derive(Serialize)]
struct KeyJs<'a> {
    kid: &'a str,
    bits: usize,
}

/// What both checks read besides the token: the environment (none when empty), the API key
/// (none when empty) and the time.
fn check_options<'a>(
    environment: Option<&str>,
    api_key: Option<&'a str>,
    now: Option<f64>,
) -> Result<(Option<Environment>, Option<&'a str>, u64), JsValue> {
    let environment = match environment.map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(text.parse::<Environment>().map_err(ErsError::from)?),
    };
    let api_key = api_key.map(str::trim).filter(|key| !key.is_empty());
    Ok((environment, api_key, seconds(now, "now")?))
}

/// Checks a client assertion against a JWKS and the token server's rules.
///
/// # Errors
/// An `ErsError` only for a request of the wrong shape or an unknown environment; everything
/// wrong with the token or the JWKS is a diagnostic.
#[wasm_bindgen(js_name = checkClientAssertion, skip_typescript)]
pub fn check_client_assertion(request: JsValue) -> Result<JsValue, JsValue> {
    let request: CheckRequestJs = from_js(request, "checkClientAssertion request")?;
    let (environment, api_key, now) = check_options(
        request.environment.as_deref(),
        request.api_key.as_deref(),
        request.now,
    )?;
    let report = core::check(&CheckRequest {
        token: &request.jwt,
        jwks: &request.jwks,
        environment,
        api_key,
        now,
    });
    to_js(&report_js(&report, &request.jwt, now))
}

fn report_js<'a>(report: &'a CheckReport, token: &str, now: u64) -> ReportJs<'a> {
    let token = Utf16::new(token);
    let aud = report.aud.as_ref().map(|aud| Utf16::new(&aud.given));
    ReportJs {
        server_answer: answer_js(report.server_answer),
        jti_used_up: report.jti_used_up,
        valid: report.is_valid(),
        diagnostics: report
            .findings
            .iter()
            .map(|finding| finding_js(finding, &token, aud.as_ref()))
            .collect(),
        header: &report.header,
        claims: &report.claims,
        header_json: report.header.as_ref().map(pretty),
        claims_json: report.claims.as_ref().map(pretty),
        environment: report.environment.map(Environment::id),
        aud: report.aud.as_ref().map(aud_js),
        expires_in: report.expires_in,
        key: report.key.as_ref().map(|key| KeyJs {
            kid: &key.kid,
            bits: key.bits,
        }),
        signature_verified: report.signature_verified,
        now,
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TokenRequestJs {
    request: String,
    jwks: String,
    #[serde(default)]
    environment: Option<String>,
    #[serde(default)]
    api_key: Option<String>,
    #[serde(default)]
    issuer: Option<String>,
    #[serde(default)]
    now: Option<f64>,
}

impl Drop for TokenRequestJs {
    fn drop(&mut self) {
        // The request holds a client assertion, and either box may hold a private key pasted by
        // mistake: wiped from wasm memory however the check ends.
        zeroize::Zeroize::zeroize(&mut self.request);
        zeroize::Zeroize::zeroize(&mut self.jwks);
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RequestReportJs<'a> {
    server_answer: Option<ServerAnswerJs>,
    jti_used_up: bool,
    valid: bool,
    kind: Option<&'static str>,
    grant: Option<&'static str>,
    url: Option<&'a str>,
    environment: Option<&'static str>,
    content_type: Option<&'a str>,
    fields: &'a [String],
    diagnostics: Vec<DiagnosticJs>,
    assertion: Option<ReportJs<'a>>,
    assertion_token: Option<&'a str>,
    subject: Option<SubjectJs<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SubjectJs<'a> {
    server_answer: Option<ServerAnswerJs>,
    valid: bool,
    diagnostics: Vec<DiagnosticJs>,
    header: &'a Option<Map<String, Value>>,
    claims: &'a Option<Map<String, Value>>,
    issuer: &'static str,
    issued_by: Option<&'static str>,
    expires_in: Option<i64>,
    not_checked: &'a [String],
}

fn subject_js(subject: &SubjectReport) -> SubjectJs<'_> {
    let no_text = Utf16::new("");
    SubjectJs {
        server_answer: answer_js(subject.server_answer),
        valid: subject.is_valid(),
        diagnostics: subject
            .findings
            .iter()
            .map(|f| finding_js(f, &no_text, None))
            .collect(),
        header: &subject.header,
        claims: &subject.claims,
        issuer: subject.issuer.id(),
        issued_by: subject.issued_by.map(IdTokenIssuer::id),
        expires_in: subject.expires_in,
        not_checked: &subject.not_checked,
    }
}

/// An optional option read with its `FromStr` (none when absent or empty), its error thrown as
/// "invalid-input" naming the field.
fn parsed<T: std::str::FromStr<Err = String>>(
    text: Option<&str>,
    field: &str,
) -> Result<Option<T>, JsValue> {
    match text.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => t.parse().map(Some).map_err(|e| {
            ErsError::new(codes::INVALID_INPUT.code, e)
                .with_field(field)
                .into()
        }),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SnippetRequestJs {
    language: String,
    #[serde(default)]
    grant: Option<String>,
    kid: String,
    environment: String,
    #[serde(default)]
    api_key: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SnippetJs {
    language: &'static str,
    grant: &'static str,
    file_name: &'static str,
    libraries: &'static str,
    install: Option<&'static str>,
    run: &'static str,
    key_file: String,
    api_key_placeholder: bool,
    code: String,
}

/// A client ready to paste: code that signs a client assertion and asks for a token.
///
/// # Errors
/// An `ErsError` for an unknown language, grant or environment, or a refused kid.
#[wasm_bindgen(js_name = clientSnippet, skip_typescript)]
pub fn client_snippet(request: JsValue) -> Result<JsValue, JsValue> {
    let request: SnippetRequestJs = from_js(request, "clientSnippet request")?;
    let language =
        parsed::<SnippetLanguage>(Some(&request.language), "language")?.ok_or_else(|| {
            ErsError::new(codes::INVALID_INPUT.code, "choose a language").with_field("language")
        })?;
    let grant = parsed::<Grant>(request.grant.as_deref(), "grant")?.unwrap_or_default();
    let environment: Environment = request
        .environment
        .parse()
        .map_err(|e| ErsError::from(e).with_field("environment"))?;
    let s = core::snippet(&SnippetRequest {
        language,
        grant,
        kid: &request.kid,
        environment,
        api_key: request.api_key.as_deref(),
    })
    .map_err(|e| ErsError::from(e).with_field("kid"))?;
    to_js(&SnippetJs {
        language: s.language.id(),
        grant: s.grant.id(),
        file_name: s.file_name,
        libraries: s.libraries,
        install: s.install,
        run: s.run,
        key_file: s.key_file,
        api_key_placeholder: s.api_key_placeholder,
        code: s.code,
    })
}

/// Checks a token request (a curl command line, a raw HTTP request, or the form body) as the
/// token server reads it.
///
/// # Errors
/// An `ErsError` only for a request object of the wrong shape or an unknown environment.
#[wasm_bindgen(js_name = checkTokenRequest, skip_typescript)]
pub fn check_token_request(request: JsValue) -> Result<JsValue, JsValue> {
    let request: TokenRequestJs = from_js(request, "checkTokenRequest request")?;
    let (environment, api_key, now) = check_options(
        request.environment.as_deref(),
        request.api_key.as_deref(),
        request.now,
    )?;
    let issuer = parsed::<IdTokenIssuer>(request.issuer.as_deref(), "issuer")?.unwrap_or_default();
    let report: RequestReport = core::check_token_request(
        &request.request,
        &request.jwks,
        environment,
        api_key,
        issuer,
        now,
    );
    let no_text = Utf16::new("");
    to_js(&RequestReportJs {
        server_answer: answer_js(report.server_answer),
        jti_used_up: report.jti_used_up,
        valid: report.is_valid(),
        kind: report.kind.map(|k| match k {
            core::request::RequestKind::Curl => "curl",
            core::request::RequestKind::Http => "http",
            core::request::RequestKind::Form => "form",
        }),
        grant: report.grant.map(Grant::id),
        url: report.url.as_deref(),
        environment: report.environment.map(Environment::id),
        content_type: report.content_type.as_deref(),
        fields: &report.fields,
        diagnostics: report
            .findings
            .iter()
            .map(|f| finding_js(f, &no_text, None))
            .collect(),
        assertion: report
            .assertion
            .as_ref()
            .map(|a| report_js(a, report.assertion_token.as_deref().unwrap_or(""), now)),
        assertion_token: report.assertion_token.as_deref(),
        subject: report.subject.as_ref().map(subject_js),
    })
}

/// A finding: the shared diagnostic shape, its span in UTF-16 units of the token or the `aud`.
fn finding_js(finding: &Finding, token: &Utf16, aud: Option<&Utf16>) -> DiagnosticJs {
    let part = finding.part().unwrap_or_default();
    let text = if part == Location::Token.path() {
        Some(token)
    } else if part == Location::Claim("aud").path() {
        aud
    } else {
        None
    };
    DiagnosticJs::new(finding.clone(), text)
}

fn aud_js(aud: &AudDiff) -> AudDiffJs<'_> {
    AudDiffJs {
        expected: &aud.expected,
        given: &aud.given,
        expected_environment: aud.expected_environment.id(),
        given_environment: aud.given_environment.map(Environment::id),
        first_difference: Utf16::new(&aud.given).offset(aud.first_difference),
        span: Utf16::new(&aud.given).span(aud.span),
    }
}

/// The request field a signing error is about.
fn sign_error(error: ers_keys::Error) -> ErsError {
    use ers_keys::Error as E;
    let field = match &error {
        E::KidInvalid { .. } => "kid",
        E::Invalid {
            what: "API key", ..
        } => "apiKey",
        E::Invalid {
            what: "lifetime", ..
        } => "expSeconds",
        E::Random { .. } | E::Crypto { .. } => return error.into(),
        _ => "privateKeyPem",
    };
    ErsError::from(error).with_field(field)
}

/// Seconds from JavaScript: the value given (a whole, non-negative number), or now.
fn seconds(value: Option<f64>, what: &str) -> Result<u64, JsValue> {
    let value = value.unwrap_or_else(|| (js_sys::Date::now() / 1000.0).floor());
    if !value.is_finite() || !(0.0..=9_007_199_254_740_991.0).contains(&value) {
        return Err(ErsError::new(
            codes::INVALID_INPUT.code,
            format!("{what} must be a whole number of seconds, not {value}"),
        )
        .with_field(what)
        .into());
    }
    // Checked above: finite, non-negative and within the exact integer range of f64.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(value.floor() as u64)
}

/// Pretty JSON of a serialisable value (for display; cannot fail for these types).
fn pretty<T: Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}
