//! The token request as a user has it — a curl command line, a raw HTTP request, or the form body
//! — read as the token server reads it (FACTS §5): the content type, `grant_type`,
//! `client_assertion_type`, and the client assertion inside, checked with [`super::check()`].
//!
//! The token server's order is its proxy's (NHSDigital/identity-service-api,
//! `proxies/live/apiproxy/proxies/default.xml`): Apigee runs the first flow whose condition
//! holds. A body that is not a form: 415. `subject_token_type` the ID-token type: the
//! token-exchange flow (FACTS §5b) — `client_assertion_type` (400), `grant_type` not the
//! token-exchange URN (400 "grant_type is invalid"), the assertion in the order of
//! [`super::Step`], then the ID token ([`super::check_subject()`]). Otherwise `grant_type`
//! `client_credentials`: the client-credentials flow — `client_assertion_type`, then the
//! assertion. Otherwise `grant_type` the token-exchange URN: 400 "missing or invalid
//! subject_token_type - …"; another `grant_type`, "grant_type is invalid"; none, "grant_type is
//! missing". When no `client_assertion` can be read, "Missing client_assertion" — unless the
//! request has a `subject_token_type` and no `subject_token`: then the proxy's later fault rule
//! ("the last matching FaultRule executes") answers "Missing subject_token".

use ers_rules::{Diagnostic, Environment, ServerReply};

use super::Grant;
use super::check::{CheckReport, CheckRequest, check};
use super::codes::{self, server};
use super::finding::{Finding, Location, own, server_error};
use super::server::{ServerAnswer, Step};
use super::subject::{IdTokenIssuer, SubjectReport, check_subject};

/// The form content type the token server takes.
pub const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

ers_rules::id_enum! {
    /// How the request was given.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum RequestKind {
        /// A curl command line.
        Curl = "curl",
        /// A raw HTTP request: request line, headers, a blank line, the body.
        Http = "http",
        /// The form body alone (`grant_type=…&client_assertion_type=…&client_assertion=…`).
        Form = "form",
    }
}

/// What the token request check found.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct RequestReport {
    /// How the request was given, when it could be read.
    pub kind: Option<RequestKind>,
    /// The grant the token server reads the request as (the flow it runs), when it could be
    /// read.
    pub grant: Option<Grant>,
    /// The URL the request goes to, when given.
    pub url: Option<String>,
    /// The environment whose token URL that is (or the one given).
    pub environment: Option<Environment>,
    /// The content type sent: as given in a header, curl's default for its data options, or
    /// `None` when only the form body was given.
    pub content_type: Option<String>,
    /// The form field names, in order (their values are not repeated: the assertion is checked
    /// below, and nothing else in the form belongs there).
    pub fields: Vec<String>,
    /// Findings about the request itself (ERS-J023 to ERS-J028).
    pub findings: Vec<Finding>,
    /// The check of the client assertion inside, when there is one.
    pub assertion: Option<CheckReport>,
    /// The client assertion as read from the request (its findings' spans count its
    /// characters); not in the JSON, which has no need to repeat it.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub assertion_token: Option<String>,
    /// For a token exchange: the check of its ID token (`subject_token`).
    pub subject: Option<SubjectReport>,
    /// The one answer the token server gives first; `None` when it would accept the request.
    pub server_answer: Option<ServerAnswer>,
    /// The step that answers.
    pub server_step: Option<Step>,
    /// True when the request would use up the assertion's `jti`.
    pub jti_used_up: bool,
}

impl RequestReport {
    /// True when nothing is an error: the token server would accept the request.
    pub fn is_valid(&self) -> bool {
        !self.findings.iter().any(Finding::is_error)
            && self.assertion.as_ref().is_none_or(CheckReport::is_valid)
            && self.subject.as_ref().is_none_or(SubjectReport::is_valid)
            && self.server_answer.is_none()
    }

    /// Every code, the request's, the assertion's, then the ID token's.
    pub fn codes(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = self.findings.iter().map(|f| f.code).collect();
        if let Some(a) = &self.assertion {
            out.extend(a.codes());
        }
        if let Some(s) = &self.subject {
            out.extend(s.findings.iter().map(|f| f.code));
        }
        out
    }
}

/// What was read from the text.
#[derive(Default)]
struct Parsed {
    kind: Option<RequestKind>,
    url: Option<String>,
    content_type: Option<String>,
    /// The form's fields, decoded, in order.
    form: Vec<(String, String)>,
    /// Why the text could not be read (fully).
    problems: Vec<(String, String)>,
}

/// Checks a token request, of either grant, a token exchange's ID token taken to be NHS CIS2's:
/// [`check_token_request`] with [`IdTokenIssuer::Cis2`].
pub fn check_request(
    text: &str,
    jwks: &str,
    environment: Option<Environment>,
    api_key: Option<&str>,
    now: u64,
) -> RequestReport {
    check_token_request(text, jwks, environment, api_key, IdTokenIssuer::Cis2, now)
}

/// Checks a token request. `environment` is the one the request is for (when `None`, the URL's,
/// if it is a token URL); `jwks`, `api_key` and `now` are as for [`check()`]; `issuer` is who
/// issues the ID tokens of a token exchange. Never fails and never panics: every problem is a
/// finding.
pub fn check_token_request(
    text: &str,
    jwks: &str,
    environment: Option<Environment>,
    api_key: Option<&str>,
    issuer: IdTokenIssuer,
    now: u64,
) -> RequestReport {
    let parsed = parse_within_limit(text);
    let url_env = parsed.url.as_deref().and_then(environment_of_url);
    let environment = environment.or(url_env);
    let (mut findings, mut answer, grant) = request_findings(&parsed, url_env, environment);

    // The assertion.
    let assertion_text = parsed.field("client_assertion").filter(|a| !a.is_empty());
    let assertion = assertion_text.map(|token| {
        check(&CheckRequest {
            token,
            jwks,
            environment,
            api_key,
            now,
        })
    });
    let assertion_token = assertion_text.map(str::to_owned);
    if parsed.kind.is_some() && assertion.is_none() {
        findings.push(
            server_error(
                codes::ASSERTION_MISSING,
                Location::Token,
                server::MISSING,
                "",
            )
            .with_help("add the form field client_assertion=<the signed JWT>"),
        );
    }
    // The server answers "Missing client_assertion" to a request it cannot read as well; with a
    // subject_token_type and no subject_token, its later fault rule answers for the ID token.
    if parsed.kind.is_none() || assertion.is_none() {
        let subject_missing = parsed.field("subject_token_type").is_some()
            && parsed.field("subject_token").is_none_or(str::is_empty);
        let reply = if parsed.kind.is_some() && subject_missing {
            server::SUBJECT_MISSING
        } else {
            server::MISSING
        };
        answer = answer.or(Some((Step::Request, reply.into())));
    }
    if let Some(report) = &assertion {
        if let (Some(step), Some(a)) = (report.server_step, report.server_answer) {
            answer = answer.or(Some((step, a)));
        }
    }
    let subject = (grant == Some(Grant::TokenExchange)).then(|| {
        let env = environment.or(assertion.as_ref().and_then(|a| a.environment));
        check_subject(parsed.field("subject_token"), env, issuer, now)
    });
    if let Some(report) = &subject {
        if let (Some(step), Some(a)) = (report.server_step, report.server_answer) {
            answer = answer.or(Some((step, a)));
        }
    }
    let fields = parsed.form.iter().map(|(k, _)| k.clone()).collect();
    RequestReport {
        grant,
        subject,
        kind: parsed.kind,
        url: parsed.url,
        environment,
        content_type: parsed.content_type,
        fields,
        findings,
        server_answer: answer.map(|(_, a)| a),
        server_step: answer.map(|(s, _)| s),
        jti_used_up: assertion.is_some() && answer.is_none_or(|(s, _)| s.uses_up_jti()),
        assertion,
        assertion_token,
    }
}

/// The request read, or refused before it is read when over its limit.
fn parse_within_limit(text: &str) -> Parsed {
    match ers_rules::limits::TOKEN_REQUEST.check(text.len()) {
        Ok(()) => parse(text),
        Err(too_large) => Parsed {
            problems: vec![(
                too_large.to_string(),
                "paste the token request only: the curl command, or the form body".to_owned(),
            )],
            ..Parsed::default()
        },
    }
}

impl Parsed {
    /// The value of the form field `name`, if the form has it.
    fn field(&self, name: &str) -> Option<&str> {
        self.form
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The findings about the request itself, before its assertion: what could not be read, the
/// URL, then in the token server's order the content type (415) and the fields that choose its
/// flow and that the flow checks first; with the server's first answer among them, and the grant
/// the request is read as.
fn request_findings(
    parsed: &Parsed,
    url_env: Option<Environment>,
    environment: Option<Environment>,
) -> (Vec<Finding>, Option<(Step, ServerAnswer)>, Option<Grant>) {
    let mut findings = Vec::new();
    for (what, help) in &parsed.problems {
        findings.push(own(
            Diagnostic::coded(codes::REQUEST_UNREADABLE, what.clone()).with_help(help.clone()),
            Location::Token,
        ));
    }
    if let Some(d) = parsed
        .url
        .as_deref()
        .and_then(|url| url_finding(url, url_env, environment))
    {
        findings.push(own(d, Location::Token));
    }
    let mut answer = None;
    let mut grant = None;
    if parsed.kind.is_some() {
        let (flow, fields) = flow(parsed);
        grant = Some(flow);
        for (d, reply) in std::iter::once(content_type_finding(
            parsed.content_type.as_deref(),
            parsed.kind,
        ))
        .chain(fields)
        .flatten()
        {
            findings.push(d);
            answer = answer.or(Some((Step::Request, reply.into())));
        }
    }
    (findings, answer, grant)
}

/// The flow the token server runs for the form (the first whose condition holds), read as a
/// grant, and that flow's first checks in its order.
fn flow(parsed: &Parsed) -> (Grant, Vec<Option<(Finding, ServerReply)>>) {
    let grant_type = parsed.field("grant_type");
    let subject_type = parsed.field("subject_token_type");
    let assertion_type = assertion_type_finding(parsed.field("client_assertion_type"));
    if subject_type == Some(super::ID_TOKEN_TYPE) {
        // Flow.PostTokenTokenExchange: client_assertion_type, then grant_type.
        let grant = grant_type_finding(grant_type, Grant::TokenExchange, true);
        return (Grant::TokenExchange, vec![assertion_type, grant]);
    }
    if grant_type == Some(super::GRANT_TYPE) {
        return (Grant::ClientCredentials, vec![assertion_type]);
    }
    if grant_type == Some(super::TOKEN_EXCHANGE_GRANT_TYPE) {
        // Flow.PostTokenInvalidSubjectTokenType.
        return (
            Grant::TokenExchange,
            vec![subject_token_type_finding(subject_type), assertion_type],
        );
    }
    let meant = if subject_type.is_some() || parsed.field("subject_token").is_some() {
        Grant::TokenExchange
    } else {
        Grant::ClientCredentials
    };
    (
        meant,
        vec![grant_type_finding(grant_type, meant, false), assertion_type],
    )
}

/// A request to another URL than the environment's token URL (a warning).
fn url_finding(
    url: &str,
    url_env: Option<Environment>,
    environment: Option<Environment>,
) -> Option<Diagnostic> {
    let d = match url_env {
        None => Diagnostic::coded(
            codes::REQUEST_URL,
            format!("the request goes to {url}, which is not a token URL"),
        ),
        Some(env) if environment.is_some_and(|e| e != env) => Diagnostic::coded(
            codes::REQUEST_URL,
            format!(
                "the request goes to the {} token URL, but is checked for {}",
                env.name_token(),
                environment.map_or("", Environment::name_token)
            ),
        ),
        Some(_) => return None,
    };
    let urls = Environment::ALL
        .iter()
        .map(|e| format!("{} {}", e.name_token(), e.token_url()))
        .collect::<Vec<_>>()
        .join(", ");
    let d = d.with_help(format!(
        "send the token request to the environment's token URL, the same URL as the \
         assertion's 'aud': {urls}"
    ));
    Some(match environment {
        Some(env) => d.with_suggestion(env.token_url()),
        None => d,
    })
}

/// A body that is not a form (415), and the server's answer.
fn content_type_finding(
    content_type: Option<&str>,
    kind: Option<RequestKind>,
) -> Option<(Finding, ServerReply)> {
    let form_type = |t: &str| {
        t.split(';')
            .next()
            .is_some_and(|m| m.trim().eq_ignore_ascii_case(FORM_CONTENT_TYPE))
    };
    let detail = match content_type {
        Some(t) if form_type(t) => return None,
        None if kind == Some(RequestKind::Form) => return None,
        Some(t) => format!("the content type is '{t}'"),
        None => "the request has no body and no content type".to_owned(),
    };
    let d = server_error(
        codes::CONTENT_TYPE,
        Location::Token,
        server::CONTENT_TYPE,
        detail,
    )
    .with_help(
        "send the fields as a form: -H 'Content-Type: application/x-www-form-urlencoded' \
             with --data-urlencode for each field (curl -F sends multipart/form-data, \
             --json sends JSON: the token server takes neither)",
    )
    .with_suggestion(FORM_CONTENT_TYPE);
    Some((d, server::CONTENT_TYPE))
}

/// A `grant_type` that is not the `grant`'s, and the server's answer: in the token-exchange
/// flow (`in_exchange`) any other value, none included, is "grant_type is invalid".
fn grant_type_finding(
    grant_type: Option<&str>,
    grant: Grant,
    in_exchange: bool,
) -> Option<(Finding, ServerReply)> {
    let wanted = grant.grant_type();
    let (reply, detail) = match grant_type {
        Some(given) if given == wanted => return None,
        None | Some("") if !in_exchange => (server::GRANT_TYPE_MISSING, String::new()),
        None => (
            server::GRANT_TYPE_INVALID,
            "grant_type is missing, in a token exchange (subject_token_type is the ID-token type)"
                .to_owned(),
        ),
        Some(other) => (
            server::GRANT_TYPE_INVALID,
            format!("grant_type is '{other}'"),
        ),
    };
    let help = match grant {
        Grant::ClientCredentials if grant_type.is_none_or(str::is_empty) => {
            format!("add the form field grant_type={wanted}")
        }
        Grant::ClientCredentials => {
            "signed-JWT authentication uses grant_type=client_credentials".to_owned()
        }
        Grant::TokenExchange => format!(
            "a token exchange (an ID token from NHS CIS2 with subject_token_type={}) uses \
             grant_type={wanted}, exactly",
            super::ID_TOKEN_TYPE
        ),
    };
    let d = server_error(codes::GRANT_TYPE, Location::Token, reply, detail)
        .with_help(help)
        .with_suggestion(wanted);
    Some((d, reply))
}

/// A token exchange whose `subject_token_type` is not the ID-token type, and the server's answer.
fn subject_token_type_finding(subject_type: Option<&str>) -> Option<(Finding, ServerReply)> {
    let detail = match subject_type {
        None => "subject_token_type is missing".to_owned(),
        Some(t) => format!("subject_token_type is '{t}'"),
    };
    let d = server_error(
        codes::SUBJECT_TOKEN_TYPE,
        Location::Token,
        server::SUBJECT_TOKEN_TYPE,
        detail,
    )
    .with_help(format!(
        "a token exchange sends the NHS CIS2 ID token with subject_token_type={}, exactly",
        super::ID_TOKEN_TYPE
    ))
    .with_suggestion(super::ID_TOKEN_TYPE);
    Some((d, server::SUBJECT_TOKEN_TYPE))
}

/// A `client_assertion_type` missing or not the JWT-bearer one, and the server's answer.
fn assertion_type_finding(assertion_type: Option<&str>) -> Option<(Finding, ServerReply)> {
    let detail = match assertion_type {
        Some(super::CLIENT_ASSERTION_TYPE) => return None,
        None => "client_assertion_type is missing".to_owned(),
        Some(t) => format!("client_assertion_type is '{t}'"),
    };
    let d = server_error(
        codes::ASSERTION_TYPE,
        Location::Token,
        server::ASSERTION_TYPE,
        detail,
    )
    .with_help(format!(
        "add the form field client_assertion_type={}, exactly",
        super::CLIENT_ASSERTION_TYPE
    ))
    .with_suggestion(super::CLIENT_ASSERTION_TYPE);
    Some((d, server::ASSERTION_TYPE))
}

/// The environment whose token URL `url` is (a trailing `/` and a query are ignored).
fn environment_of_url(url: &str) -> Option<Environment> {
    let base = url.split(['?', '#']).next().unwrap_or(url);
    let base = base.strip_suffix('/').unwrap_or(base);
    Environment::ALL
        .iter()
        .copied()
        .find(|e| e.token_url().eq_ignore_ascii_case(base))
}

fn parse(text: &str) -> Parsed {
    let text = text.trim_start_matches('\u{FEFF}').trim();
    let mut parsed = Parsed::default();
    if text.is_empty() {
        parsed.problems.push((
            "the token request is empty".to_owned(),
            "paste the curl command line of your token request, or its form body".to_owned(),
        ));
        return parsed;
    }
    let first_word = text.split_whitespace().next().unwrap_or("");
    let first_word = first_word.trim_start_matches('$').trim();
    let command = if first_word.is_empty() {
        text.trim_start_matches('$').trim_start()
    } else {
        text
    };
    let head = command.split_whitespace().next().unwrap_or("");
    if head.eq_ignore_ascii_case("curl") || head.eq_ignore_ascii_case("curl.exe") {
        parse_curl(command, &mut parsed);
    } else if is_http_request_line(text.lines().next().unwrap_or("")) {
        parse_http(text, &mut parsed);
    } else if text.contains('=') {
        parsed.kind = Some(RequestKind::Form);
        parsed.form = form_fields(text);
    } else if text.starts_with("eyJ") && text.matches('.').count() == 2 {
        parsed.problems.push((
            "this is a client assertion (a JWT), not a token request".to_owned(),
            "check it with jwt check, or paste the whole token request: its curl command line or form body".to_owned(),
        ));
    } else {
        parsed.problems.push((
            "the text is neither a curl command line nor a form body".to_owned(),
            "paste the curl command of your token request, or its form body: \
             grant_type=client_credentials&client_assertion_type=…&client_assertion=… (a token \
             exchange adds subject_token_type and subject_token)"
                .to_owned(),
        ));
    }
    parsed
}

fn is_http_request_line(line: &str) -> bool {
    let mut words = line.split_whitespace();
    matches!(words.next(), Some("POST" | "GET" | "PUT"))
        && words.next().is_some()
        && words.next().is_some_and(|v| v.starts_with("HTTP/"))
}

fn parse_http(text: &str, parsed: &mut Parsed) {
    parsed.kind = Some(RequestKind::Http);
    let normalised = text.replace("\r\n", "\n");
    let (head, body) = normalised
        .split_once("\n\n")
        .unwrap_or((normalised.as_str(), ""));
    let mut lines = head.lines();
    let target = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or("");
    let mut host = None;
    for line in lines {
        if let Some((name, value)) = line.split_once(':') {
            let (name, value) = (name.trim(), value.trim());
            if name.eq_ignore_ascii_case("content-type") {
                parsed.content_type = Some(value.to_owned());
            } else if name.eq_ignore_ascii_case("host") {
                host = Some(value.to_owned());
            }
        }
    }
    parsed.url = if target.starts_with("http") {
        Some(target.to_owned())
    } else {
        host.map(|h| format!("https://{h}{target}"))
    };
    parsed.form = form_fields(body.trim());
}

/// Splits a command line into words as a POSIX shell does (quotes, backslashes, line
/// continuations with `\`, `^` or a backtick); `$` outside single quotes marks a shell variable.
fn shell_words(text: &str) -> (Vec<String>, Vec<String>) {
    let mut words = Vec::new();
    let mut variables = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = text.chars().peekable();
    let mut quote: Option<char> = None;
    while let Some(c) = chars.next() {
        match (quote, c) {
            (Some('\''), '\'') => quote = None,
            (Some('\''), c) => word.push(c),
            (Some('"'), '"') => quote = None,
            (Some('"'), '\\') => match chars.next() {
                Some('\n') => {}
                Some(n @ ('"' | '\\' | '$' | '`')) => word.push(n),
                Some(n) => {
                    word.push('\\');
                    word.push(n);
                }
                None => word.push('\\'),
            },
            (Some(_), '$') | (None, '$') => {
                let name: String = chars
                    .clone()
                    .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '{' | '('))
                    .collect();
                if name.is_empty() {
                    word.push('$');
                } else {
                    variables.push(format!("${name}"));
                    word.push('$');
                }
                in_word = true;
            }
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                in_word = true;
            }
            (None, '\\' | '^' | '`') if matches!(chars.peek(), Some('\n' | '\r')) => {
                while matches!(chars.peek(), Some('\n' | '\r')) {
                    chars.next();
                }
            }
            (None, '\\') => {
                if let Some(n) = chars.next() {
                    word.push(n);
                }
                in_word = true;
            }
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    (words, variables)
}

/// curl's options that take a value which says nothing about the body (skipped with it).
const CURL_OPTIONS_WITH_VALUE: [&str; 25] = [
    "-o",
    "--output",
    "-A",
    "--user-agent",
    "-e",
    "--referer",
    "--cert",
    "--key",
    "--cacert",
    "-w",
    "--write-out",
    "-m",
    "--max-time",
    "--connect-timeout",
    "-x",
    "--proxy",
    "-u",
    "--user",
    "-b",
    "--cookie",
    "-c",
    "--cookie-jar",
    "--retry",
    "-X",
    "--request",
];

/// What a curl command's options say about the body, as they are read.
#[derive(Default)]
struct CurlBody {
    fields: Vec<(String, String)>,
    data_given: bool,
    multipart: bool,
    json: bool,
    header_type: Option<String>,
}

impl CurlBody {
    /// The content type curl sends: the one a header gives, else the one its options imply.
    fn content_type(&mut self) -> Option<String> {
        self.header_type.take().or_else(|| {
            if self.json {
                Some("application/json".to_owned())
            } else if self.multipart {
                Some("multipart/form-data".to_owned())
            } else if self.data_given {
                Some(FORM_CONTENT_TYPE.to_owned())
            } else {
                None
            }
        })
    }

    /// Reads one body option and its value (a value read from a file is a problem: it is not in
    /// the text). Returns false when `name` is no body option.
    fn read(&mut self, name: &str, value: &mut dyn FnMut() -> String, parsed: &mut Parsed) -> bool {
        match name {
            "-H" | "--header" => {
                let header = value();
                if let Some((n, v)) = header.split_once(':') {
                    if n.trim().eq_ignore_ascii_case("content-type") {
                        self.header_type = Some(v.trim().to_owned());
                    }
                }
            }
            "-d" | "--data" | "--data-ascii" | "--data-binary" | "--data-raw" => {
                self.data_given = true;
                let v = value();
                if name != "--data-raw" && v.starts_with('@') {
                    parsed.problems.push(from_file(&v));
                } else {
                    self.fields.extend(form_fields(&v));
                }
            }
            "--data-urlencode" => {
                self.data_given = true;
                let v = value();
                match v.split_once('=') {
                    Some((n, content)) if !n.contains('@') => {
                        self.fields.push((n.to_owned(), content.to_owned()));
                    }
                    _ if v.contains('@') => parsed.problems.push(from_file(&v)),
                    _ => self
                        .fields
                        .push((v.trim_start_matches('=').to_owned(), String::new())),
                }
            }
            "-F" | "--form" => {
                let v = value();
                self.multipart = true;
                if let Some((n, content)) = v.split_once('=') {
                    self.fields.push((n.to_owned(), content.to_owned()));
                }
            }
            "--json" => {
                let _ = value();
                self.json = true;
            }
            _ => return false,
        }
        true
    }
}

/// A word of the command as an option's name and its attached value (`--data=…`, `-Hvalue`).
fn curl_option(word: &str) -> (String, Option<String>) {
    match word.split_once('=') {
        Some((n, v)) if n.starts_with("--") => (n.to_owned(), Some(v.to_owned())),
        _ => match word {
            // `-Hvalue`: the flag is `-` and one character, which may take several bytes
            // (found by `cargo xtask fuzz`: splitting at byte 2 panicked on `-񼕢…`).
            w if w.len() > 2 && w.starts_with('-') && !w.starts_with("--") => {
                let at = 1 + w[1..].chars().next().map_or(0, char::len_utf8);
                let (flag, rest) = w.split_at(at);
                if matches!(flag, "-H" | "-d" | "-F" | "-X") {
                    (flag.to_owned(), Some(rest.to_owned()))
                } else {
                    (w.to_owned(), None)
                }
            }
            w => (w.to_owned(), None),
        },
    }
}

fn parse_curl(command: &str, parsed: &mut Parsed) {
    parsed.kind = Some(RequestKind::Curl);
    let (words, variables) = shell_words(command);
    if let Some(name) = variables.first() {
        parsed.problems.push((
            format!("the command uses the shell variable {name}, whose value is not in the text"),
            "paste the command as the shell runs it, with the values in place (for example \
             from `set -x`, or by echoing it)"
                .to_owned(),
        ));
    }
    let mut body = CurlBody::default();
    let mut iter = words.into_iter().skip(1);
    while let Some(word) = iter.next() {
        let (name, attached) = curl_option(&word);
        let mut value = || attached.clone().or_else(|| iter.next()).unwrap_or_default();
        if body.read(&name, &mut value, parsed) {
            continue;
        }
        match name.as_str() {
            "--url" => parsed.url = Some(value()),
            n if CURL_OPTIONS_WITH_VALUE.contains(&n) => {
                let _ = value();
            }
            n if n.starts_with('-') => {}
            _ => {
                if parsed.url.is_none() {
                    parsed.url = Some(word.clone());
                }
            }
        }
    }
    parsed.content_type = body.content_type();
    parsed.form = body.fields;
}

fn from_file(value: &str) -> (String, String) {
    (
        format!("the form is read from a file ({value}), which is not in the text"),
        "paste the command with the values in place of the @file, or paste the form body"
            .to_owned(),
    )
}

/// Splits a form body into decoded fields (`+` is a space, `%XX` a byte); line breaks and
/// spaces around `&` (from a body pasted across lines) are ignored.
fn form_fields(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .map(str::trim)
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(name), percent_decode(value))
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                match u8::from_str_radix(hex, 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_words_follow_the_shell() {
        let (words, vars) = shell_words(
            "curl -X POST \\\n  -H 'Content-Type: a b' \"x\\\"y\" --data-urlencode \"a=$JWT\"",
        );
        assert_eq!(
            words,
            [
                "curl",
                "-X",
                "POST",
                "-H",
                "Content-Type: a b",
                "x\"y",
                "--data-urlencode",
                "a=$JWT"
            ]
        );
        assert_eq!(vars, ["$JWT"]);
    }

    #[test]
    fn forms_are_decoded() {
        assert_eq!(
            form_fields("a=1+2&b=%41%zz&\n c"),
            [
                ("a".to_owned(), "1 2".to_owned()),
                ("b".to_owned(), "A%zz".to_owned()),
                ("c".to_owned(), String::new())
            ]
        );
        assert_eq!(percent_decode("%4"), "%4");
    }
}

#[cfg(test)]
mod fuzz_regressions {
    /// `cargo xtask fuzz` found this: a short flag whose letter is a multi-byte character.
    #[test]
    fn a_multibyte_short_flag_does_not_panic() {
        let report = super::check_request("curl -\u{7c562}-data-urlencode x", "{}", None, None, 0);
        assert!(!report.is_valid());
    }
}
