//! `ers-golive jwt sign|check|check-request|snippet`: make an RS512 client assertion, check one
//! (or a whole token request, of either grant) against every rule the NHS token server applies
//! (guidance 4.2, FACTS §5, §5b), or write a client ready to paste.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, bail};
use ers_keys::jwt::{
    self, AudDiff, CheckReport, CheckRequest, Finding, Grant, IdTokenIssuer, Location,
    RequestReport, ServerAnswer, SignRequest, SnippetLanguage, SnippetRequest, SubjectReport,
};
use ers_rules::Environment;
use ers_rules::limits::{self, Limit};
use serde::Serialize;
use zeroize::Zeroizing;

use ers_rules::Diagnostic;

use crate::Outcome;
use crate::output::{self, plural, print_json, print_text};

/// The subcommands of `ers-golive jwt`.
#[derive(clap::Subcommand)]
pub(crate) enum Command {
    /// Sign a client assertion (RS512) and print the compact JWT.
    ///
    /// Header {alg: RS512, typ: JWT, kid}; claims iss = sub = the API key, aud = the
    /// environment's token URL, a new UUID v4 jti, iat = now, exp = now + 300 s.
    Sign(SignArgs),
    /// Check a client assertion against a JWKS and the token server's rules.
    ///
    /// Each broken rule is reported with the token server's own message and the fix.
    /// Exit status 1 when any rule is broken.
    #[command(after_long_help = code_table())]
    Check(CheckArgs),
    /// Check a whole token request: a curl command line, a raw HTTP request, or the form body.
    ///
    /// Reads the content type, grant_type, client_assertion_type and the client assertion
    /// inside, as the token server does, and leads with the one answer it gives first.
    /// Exit status 1 when the token server would refuse the request.
    #[command(name = "check-request", after_long_help = code_table())]
    CheckRequest(CheckRequestArgs),
    /// Write a client ready to paste: code that signs a client assertion and asks for a token.
    ///
    /// For either grant, in Python (PyJWT + cryptography, pinned), Node.js (its own crypto and
    /// fetch) or Java (the JDK alone), with the kid, the environment's token URL and the API key
    /// (a placeholder when not given) filled in. Run it with --dry-run to print the form it
    /// would send, without sending it.
    Snippet(SnippetArgs),
}

#[derive(clap::Args)]
pub(crate) struct SnippetArgs {
    /// The language: python, node or java.
    #[arg(long, value_name = "LANG", value_parser = parse_from_str::<SnippetLanguage>)]
    lang: SnippetLanguage,
    /// The token request: client-credentials (application-restricted) or token-exchange
    /// (user-restricted, NHS CIS2 separate authentication). Default: the project
    /// application's access mode, else client-credentials.
    #[arg(long, value_name = "GRANT", value_parser = parse_from_str::<Grant>)]
    grant: Option<Grant>,
    /// The key id, as in the application's JWKS.
    #[arg(long, required_unless_present = "project", allow_hyphen_values = true, value_parser = crate::redact::not_secret)]
    kid: Option<String>,
    /// The environment: prod, int, sandbox or dev (its token URL is the assertion's aud).
    #[arg(long, value_name = "ENV", value_parser = parse_environment, required_unless_present = "project")]
    env: Option<Environment>,
    /// The application's API key (a placeholder is written when not given).
    #[arg(long, value_name = "KEY", allow_hyphen_values = true, value_parser = crate::redact::not_secret)]
    api_key: Option<String>,
    /// A go-live project file: the kid and API key of its application named by --application,
    /// PROD, and the grant of its access mode (user-restricted: token-exchange).
    #[arg(long, value_name = "FILE.json", requires = "application", conflicts_with_all = ["kid", "env"])]
    project: Option<PathBuf>,
    /// With --project: the application's name, as the plan names it.
    #[arg(long, value_name = "NAME", requires = "project")]
    application: Option<String>,
    /// Print JSON: the code, its file name, the libraries it uses and how to run it.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub(crate) struct CheckRequestArgs {
    /// The token request: a file holding the curl command line or the form body (`-` reads
    /// standard input).
    #[arg(value_name = "FILE|-")]
    request: PathBuf,
    /// Who issues the ID token of a token exchange: cis2 (NHS CIS2) or nhs-login.
    #[arg(long, value_name = "ISSUER", default_value = "cis2", value_parser = parse_from_str::<IdTokenIssuer>)]
    issuer: IdTokenIssuer,
    #[command(flatten)]
    against: Against,
}

/// What `jwt check` and `jwt check-request` judge a token against, and how they print.
#[derive(clap::Args)]
pub(crate) struct Against {
    /// The JWKS file the application's jwks-resource-url serves.
    #[arg(long, value_name = "FILE.json")]
    jwks: PathBuf,
    /// The environment the token is for: prod, int, sandbox or dev (for a request, the default
    /// is the one whose token URL it goes to).
    #[arg(long, value_name = "ENV", value_parser = parse_environment)]
    env: Option<Environment>,
    /// The application's API key: iss and sub must be it.
    #[arg(long, value_name = "KEY", allow_hyphen_values = true, value_parser = crate::redact::not_secret)]
    api_key: Option<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub(crate) struct SignArgs {
    /// The private key: PEM, PKCS#8 (`BEGIN PRIVATE KEY`) or PKCS#1 (`BEGIN RSA PRIVATE KEY`).
    #[arg(long, value_name = "FILE.pem")]
    key: PathBuf,
    /// The key id, as in the application's JWKS.
    #[arg(long, allow_hyphen_values = true, value_parser = crate::redact::not_secret)]
    kid: String,
    /// The application's API key (its "Key" in the developer portal, not the secret).
    #[arg(long, value_name = "KEY", allow_hyphen_values = true, value_parser = crate::redact::not_secret)]
    api_key: String,
    /// The environment: prod, int, sandbox or dev (sets aud to its token URL).
    #[arg(long, value_name = "ENV", value_parser = parse_environment)]
    env: Environment,
    /// Seconds until exp: 1 to 300.
    #[arg(long, value_name = "N", default_value_t = jwt::MAX_LIFETIME_SECONDS)]
    exp_seconds: u64,
    /// The token request the assertion is for: client-credentials, or token-exchange (its curl
    /// command adds subject_token_type and the ID token, as a placeholder to replace).
    #[arg(long, value_name = "GRANT", default_value = "client-credentials", value_parser = parse_from_str::<Grant>)]
    grant: Grant,
    /// Print the curl command of the token request instead of the bare JWT.
    #[arg(long, conflicts_with = "json")]
    curl: bool,
    /// Print JSON: the token, its header and claims, the token URL and the curl command.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("token").required(true).args(["jwt", "jwt_file"])))]
pub(crate) struct CheckArgs {
    /// The client assertion (compact JWT). Read as given, even when it starts with `-` (a
    /// private key pasted by mistake is then refused without being repeated).
    #[arg(long, value_name = "TOKEN", allow_hyphen_values = true)]
    jwt: Option<String>,
    /// A file holding the client assertion (`-` reads standard input).
    #[arg(long, value_name = "FILE")]
    jwt_file: Option<PathBuf>,
    #[command(flatten)]
    against: Against,
}

impl Against {
    /// The JWKS file's text, refused over its limit.
    fn read_jwks(&self) -> Result<Zeroizing<String>> {
        read(&self.jwks, limits::JWKS, "JWKS")
    }
}

/// The codes `jwt check` reports, for `--help`, from the registry.
fn code_table() -> String {
    output::code_table("Codes (guidance 4.2):", jwt::codes::ALL)
}

fn parse_environment(text: &str) -> Result<Environment, String> {
    text.parse().map_err(|e: ers_rules::Error| e.to_string())
}

fn parse_from_str<T: std::str::FromStr<Err = String>>(text: &str) -> Result<T, String> {
    text.parse()
}

pub(crate) fn run(command: Command) -> Result<Outcome> {
    match command {
        Command::Sign(args) => sign(args),
        Command::Check(args) => check(args),
        Command::CheckRequest(args) => check_request(args),
        Command::Snippet(args) => snippet(args),
    }
}

fn now() -> Result<u64> {
    Ok(SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .context("the system clock is before 1970")?
        .as_secs())
}

fn read(path: &Path, limit: Limit, what: &str) -> Result<Zeroizing<String>> {
    crate::input::read_text(path, limit, what)
}

fn sign(args: SignArgs) -> Result<Outcome> {
    let pem = read(&args.key, limits::PEM, "private key")?;
    let request = SignRequest {
        lifetime_seconds: args.exp_seconds,
        grant: args.grant,
        ..SignRequest::new(&args.kid, &args.api_key, args.env, now()?)
    };
    let signed = jwt::sign_pem(&pem, &request)
        .with_context(|| format!("could not sign with {}", args.key.display()))?;
    if args.json {
        print_json(&signed)?;
    } else if args.curl {
        print_text(&format!("{}\n", signed.curl))?;
    } else {
        print_text(&format!("{}\n", signed.token))?;
    }
    Ok(Outcome::Ok)
}

fn check(args: CheckArgs) -> Result<Outcome> {
    let token = match (&args.jwt, &args.jwt_file) {
        (Some(token), _) => {
            // Refused here, before anything is decoded: exit 2 with the limit.
            limits::JWT
                .check(token.len())
                .context("could not read the client assertion given with --jwt")?;
            Zeroizing::new(token.clone())
        }
        (None, Some(path)) => read(path, limits::JWT, "client assertion")?,
        (None, None) => bail!("give the token with --jwt TOKEN or --jwt-file FILE"),
    };
    let against = &args.against;
    let jwks = against.read_jwks()?;
    let report = jwt::check(&CheckRequest {
        token: &token,
        jwks: &jwks,
        environment: against.env,
        api_key: against.api_key.as_deref(),
        now: now()?,
    });
    if against.json {
        print_json(&JsonReport::from(&report))?;
    } else {
        print_text(&render(&report, &token))?;
    }
    Ok(if report.is_valid() {
        Outcome::Ok
    } else {
        Outcome::Findings
    })
}

/// The JSON of `jwt check`: the token server's first answer, diagnostics shaped as for names,
/// plus what was decoded.
#[derive(Serialize)]
struct JsonReport<'a> {
    server_answer: Option<ServerAnswer>,
    jti_used_up: bool,
    valid: bool,
    diagnostics: Vec<&'a Diagnostic>,
    header: &'a Option<serde_json::Map<String, serde_json::Value>>,
    claims: &'a Option<serde_json::Map<String, serde_json::Value>>,
    environment: Option<&'static str>,
    aud: &'a Option<AudDiff>,
    expires_in: Option<i64>,
    key: &'a Option<jwt::KeyInfo>,
    signature_verified: bool,
}

impl<'a> From<&'a CheckReport> for JsonReport<'a> {
    fn from(report: &'a CheckReport) -> Self {
        JsonReport {
            server_answer: report.server_answer,
            jti_used_up: report.jti_used_up,
            valid: report.is_valid(),
            diagnostics: json_findings(&report.findings),
            header: &report.header,
            claims: &report.claims,
            environment: report.environment.map(Environment::id),
            aud: &report.aud,
            expires_in: report.expires_in,
            key: &report.key,
            signature_verified: report.signature_verified,
        }
    }
}

fn json_findings(findings: &[Finding]) -> Vec<&Diagnostic> {
    findings.iter().collect()
}

/// The token server's one answer, first, and what it means for the `jti`.
fn render_answer(out: &mut String, answer: Option<ServerAnswer>, jti_used_up: bool) {
    match answer {
        Some(a) => {
            let _ = writeln!(out, "token server answer: {} {}", a.status, a.message);
            let _ = if jti_used_up {
                writeln!(
                    out,
                    "note: the token server caches the jti before it gives this answer: the same \
                     token sent again is answered \"Non-unique 'jti' claim in client_assertion \
                     JWT\"; make a new token, with a new jti, for every request"
                )
            } else {
                writeln!(
                    out,
                    "note: this answer comes before the token server caches the jti; a refusal \
                     after its claim checks (API key, kid, aud, signature) still uses the jti up"
                )
            };
            let _ = writeln!(out, "then, once that is fixed:\n");
        }
        None => {
            let _ = writeln!(
                out,
                "token server answer: none: it would accept this, as far as can be checked here\n"
            );
        }
    }
}

/// rustc-style text: the server's answer, then `error[ERS-J004]: …`, where, `= help: …`, then
/// a summary line.
fn render(report: &CheckReport, token: &str) -> String {
    let mut out = String::new();
    render_answer(&mut out, report.server_answer, report.jti_used_up);
    render_findings(&mut out, report, token);
    out
}

fn render_findings(out: &mut String, report: &CheckReport, token: &str) {
    let out = &mut *out;
    for finding in &report.findings {
        render_finding(out, finding, report.aud.as_ref(), token);
    }
    let errors = report.findings.iter().filter(|f| f.is_error()).count();
    let warnings = report.findings.len() - errors;
    if errors == 0 {
        let mut facts = Vec::new();
        if let Some(env) = report.environment {
            facts.push(format!("for {}", env.name_token()));
        }
        if let Some(key) = &report.key {
            facts.push(format!(
                "kid '{}', {}-bit key",
                ers_keys::error::shown_kid(&key.kid),
                key.bits
            ));
        }
        if let Some(seconds) = report.expires_in {
            facts.push(format!("expires in {seconds} s"));
        }
        let _ = writeln!(
            out,
            "ok: the token server's checks pass{}{}",
            if facts.is_empty() { "" } else { " (" },
            if facts.is_empty() {
                String::new()
            } else {
                format!("{})", facts.join(", "))
            }
        );
        if warnings > 0 {
            let _ = writeln!(out, "{}", plural(warnings, "warning"));
        }
        let _ = writeln!(
            out,
            "note: not checked here: whether the jti was used in the last 30 days, and whether \
             the token server can reach the application's jwks-resource-url"
        );
    } else {
        let _ = writeln!(
            out,
            "error: the token server would refuse this client assertion: {}{}",
            plural(errors, "error"),
            if warnings > 0 {
                format!(", {}", plural(warnings, "warning"))
            } else {
                String::new()
            }
        );
    }
}

fn check_request(args: CheckRequestArgs) -> Result<Outcome> {
    let text = read(&args.request, limits::TOKEN_REQUEST, "token request")?;
    let against = &args.against;
    let jwks = against.read_jwks()?;
    let report = jwt::check_token_request(
        &text,
        &jwks,
        against.env,
        against.api_key.as_deref(),
        args.issuer,
        now()?,
    );
    if against.json {
        print_json(&JsonRequestReport::from(&report))?;
    } else {
        print_text(&render_request(&report))?;
    }
    Ok(if report.is_valid() {
        Outcome::Ok
    } else {
        Outcome::Findings
    })
}

/// The JSON of `jwt check-request`: the server's first answer, the request's findings, and the
/// assertion's report (as `jwt check --json` prints it), or null when there is none.
#[derive(Serialize)]
struct JsonRequestReport<'a> {
    server_answer: Option<ServerAnswer>,
    jti_used_up: bool,
    valid: bool,
    kind: Option<jwt::request::RequestKind>,
    grant: Option<Grant>,
    url: Option<&'a str>,
    environment: Option<&'static str>,
    content_type: Option<&'a str>,
    fields: &'a [String],
    diagnostics: Vec<&'a Diagnostic>,
    assertion: Option<JsonReport<'a>>,
    /// For a token exchange, its ID token's check (its header, and only the claims the token
    /// server reads: iss, aud, exp).
    subject: Option<&'a SubjectReport>,
}

impl<'a> From<&'a RequestReport> for JsonRequestReport<'a> {
    fn from(r: &'a RequestReport) -> Self {
        JsonRequestReport {
            server_answer: r.server_answer,
            jti_used_up: r.jti_used_up,
            valid: r.is_valid(),
            kind: r.kind,
            grant: r.grant,
            url: r.url.as_deref(),
            environment: r.environment.map(Environment::id),
            content_type: r.content_type.as_deref(),
            fields: &r.fields,
            diagnostics: json_findings(&r.findings),
            assertion: r.assertion.as_ref().map(JsonReport::from),
            subject: r.subject.as_ref(),
        }
    }
}

fn render_request(report: &RequestReport) -> String {
    let mut out = String::new();
    render_answer(&mut out, report.server_answer, report.jti_used_up);
    for finding in &report.findings {
        let d = finding;
        output::diagnostic_head(&mut out, d);
        let _ = writeln!(out, "  --> token request");
        if let Some(suggestion) = &d.suggestion {
            let _ = writeln!(out, "   = suggestion: {suggestion}");
        }
        output::diagnostic_foot(&mut out, d);
    }
    match &report.assertion {
        Some(assertion) => {
            let _ = writeln!(out, "the client assertion inside:");
            render_findings(
                &mut out,
                assertion,
                report.assertion_token.as_deref().unwrap_or(""),
            );
        }
        None => {
            let _ = writeln!(out, "no client assertion to check");
        }
    }
    if let Some(subject) = &report.subject {
        render_subject(&mut out, subject);
    }
    let errors = report.findings.iter().filter(|f| f.is_error()).count();
    if errors > 0 {
        let _ = writeln!(
            out,
            "error: the token server would refuse this request: {} in the request itself",
            plural(errors, "error")
        );
    }
    out
}

/// The ID token of a token exchange: its findings, then what cannot be checked here.
fn render_subject(out: &mut String, subject: &SubjectReport) {
    let _ = writeln!(
        out,
        "\nthe ID token (subject_token), issuer {}:",
        subject.issuer.title()
    );
    for finding in &subject.findings {
        output::diagnostic_head(out, finding);
        let _ = writeln!(out, "  --> {}", finding.part().unwrap_or_default());
        output::diagnostic_foot(out, finding);
    }
    let errors = subject.findings.iter().filter(|f| f.is_error()).count();
    if errors == 0 {
        let _ = writeln!(
            out,
            "ok: the token server's ID-token checks pass, as far as they can be checked here"
        );
    } else {
        let _ = writeln!(
            out,
            "error: the token server would refuse this ID token: {}",
            plural(errors, "error")
        );
    }
    for note in &subject.not_checked {
        let _ = writeln!(out, "note: not checked here: {note}");
    }
}

/// What a snippet is written for: from the options, or from a project's application.
struct SnippetFor {
    grant: Grant,
    kid: String,
    environment: Environment,
    api_key: Option<String>,
}

impl SnippetFor {
    fn from_args(args: &SnippetArgs) -> Result<Self> {
        let (Some(path), Some(name)) = (&args.project, &args.application) else {
            let (Some(kid), Some(environment)) = (&args.kid, args.env) else {
                bail!("give --kid and --env, or --project and --application");
            };
            return Ok(SnippetFor {
                grant: args.grant.unwrap_or_default(),
                kid: kid.clone(),
                environment,
                api_key: args.api_key.clone(),
            });
        };
        let project = crate::pack::read_project(path)?;
        let plan = project
            .plan()
            .with_context(|| format!("the project {} has no plan yet", path.display()))?;
        let Some(planned) = plan
            .applications
            .iter()
            .find(|a| a.name.trim() == name.trim())
        else {
            bail!(
                "the project {} plans no application named {name:?}; its applications are: {}",
                path.display(),
                plan.applications
                    .iter()
                    .map(|a| a.name.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            );
        };
        let details = project.application(name);
        let kid = details.map(|d| d.kid.trim()).filter(|k| !k.is_empty());
        let Some(kid) = kid else {
            bail!(
                "the application {name:?} has no kid yet: make its key pair (`ers-golive keys new \
                 --project {}`), or give --kid and --env",
                path.display()
            );
        };
        let grant = match planned.access_mode {
            ers_rules::AccessMode::UserRestricted => Grant::TokenExchange,
            ers_rules::AccessMode::ApplicationRestricted => Grant::ClientCredentials,
        };
        Ok(SnippetFor {
            grant: args.grant.unwrap_or(grant),
            kid: kid.to_owned(),
            environment: planned.environment,
            api_key: args.api_key.clone().or_else(|| {
                details
                    .map(|d| d.api_key.trim().to_owned())
                    .filter(|k| !k.is_empty())
            }),
        })
    }
}

fn snippet(args: SnippetArgs) -> Result<Outcome> {
    let target = SnippetFor::from_args(&args)?;
    let snippet = jwt::snippet(&SnippetRequest {
        language: args.lang,
        grant: target.grant,
        kid: &target.kid,
        environment: target.environment,
        api_key: target.api_key.as_deref(),
    })
    .context("could not write the client")?;
    if args.json {
        print_json(&snippet)?;
    } else {
        print_text(&snippet.code)?;
    }
    Ok(Outcome::Ok)
}

fn render_finding(out: &mut String, finding: &Finding, aud: Option<&AudDiff>, token: &str) {
    let d = finding;
    output::diagnostic_head(out, d);
    let part = d.part().unwrap_or_default();
    let _ = writeln!(out, "  --> {part}");
    let token_part = Location::Token.path();
    let aud_part = Location::Claim("aud").path();
    match (part, d.span) {
        // A window of the token around the span: tokens run to hundreds of characters.
        (p, Some(span)) if p == token_part && !token.is_empty() => {
            output::snippet(out, token, span, None, Some(30));
        }
        (p, Some(span)) if p == aud_part => {
            if let Some(aud) = aud {
                let _ = writeln!(out, "   |");
                let _ = writeln!(out, "   |    given: {}", aud.given);
                let _ = writeln!(
                    out,
                    "   |           {}{}",
                    " ".repeat(span.start),
                    "^".repeat(span.len().max(1))
                );
                let _ = writeln!(out, "   | expected: {}", aud.expected);
            }
        }
        _ => {}
    }
    if let Some(suggestion) = &d.suggestion {
        let _ = writeln!(out, "   = suggestion: {suggestion}");
    }
    output::diagnostic_foot(out, d);
}
