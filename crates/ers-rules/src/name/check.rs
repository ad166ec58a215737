//! The rules: from a parsed name to diagnostics and, when every fix is certain, the whole
//! corrected name.

use super::codes;
use super::parse::{
    Cleaned, EnvForm, ModeForm, OddRun, Oddity, Parsed, Range, SERVICE, ServiceForm, Token,
    is_dash, parse, repeated_service,
};
use super::{MAX_LEN, PATTERN, canonical};
use crate::{AccessMode, Applicability, Diagnostic, Edit, Environment, Fix, Span};

/// What the name is checked against: the environment and access mode being registered, when
/// known. Without them any environment and either access mode pass.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CheckOptions {
    /// The environment the application is registered in (4.13); Stage 4 is PROD.
    pub environment: Option<Environment>,
    /// The access mode of the application (4.15).
    pub access_mode: Option<AccessMode>,
}

/// The parts as the checker read them (after cleaning), for display.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct NameReading {
    /// The supplier's name, if there is one.
    pub supplier: Option<String>,
    /// The app's name, if there is one.
    pub app: Option<String>,
    /// The environment the name says, if it says a known one.
    pub environment: Option<Environment>,
    /// The access mode the name says, if it says exactly one.
    pub access_mode: Option<AccessMode>,
}

/// The result of [`check`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct NameCheck {
    /// True exactly when no diagnostic is an error.
    pub valid: bool,
    /// The findings, in order of position in the name.
    pub diagnostics: Vec<Diagnostic>,
    /// The whole corrected name, when it differs from the name and every fix is certain.
    pub suggested_name: Option<String>,
    /// How the name was read.
    pub reading: NameReading,
}

impl NameCheck {
    /// Number of errors.
    #[must_use]
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    #[must_use]
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// Collects diagnostics; remembers whether any fix is uncertain (then no whole-name suggestion).
struct Out<'a> {
    cleaned: &'a Cleaned,
    diags: Vec<Diagnostic>,
    uncertain: bool,
}

impl Out<'_> {
    fn span(&self, r: Range) -> Span {
        self.cleaned.span(r.0, r.1)
    }

    fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// A diagnostic whose fix replaces `span` by `replacement`.
    fn fixed(
        &mut self,
        d: Diagnostic,
        span: Span,
        replacement: &str,
        applicability: Applicability,
        suggestion: &str,
    ) {
        if applicability != Applicability::MachineApplicable {
            self.uncertain = true;
        }
        self.diags
            .push(d.with_span(span).with_suggestion(suggestion).with_fix(Fix {
                edits: vec![Edit {
                    span,
                    replacement: replacement.to_owned(),
                }],
                applicability,
            }));
    }

    /// A diagnostic with no certain fix.
    fn unfixed(&mut self, d: Diagnostic) {
        self.uncertain = true;
        self.diags.push(d);
    }
}

const SAFE: Applicability = Applicability::MachineApplicable;

/// Checks an application name against 4.14 (and 4.13, 4.15 when `options` say what is being
/// registered).
///
/// Never panics and takes time proportional to at most [`MAX_LEN`] characters, whatever the
/// input: a longer name gets one `ERS-N002` and no further check.
#[must_use]
pub fn check(name: &str, options: &CheckOptions) -> NameCheck {
    if let Some(d) = too_long(name) {
        return NameCheck {
            valid: false,
            diagnostics: vec![d],
            suggested_name: None,
            reading: NameReading::default(),
        };
    }
    let cleaned = Cleaned::new(name);
    let parsed = parse(&cleaned.chars);
    let mut out = Out {
        cleaned: &cleaned,
        diags: Vec::new(),
        uncertain: false,
    };
    odd_characters(&mut out);
    let reading = reading(&cleaned, &parsed);
    if parsed.trimmed.0 == parsed.trimmed.1 {
        out.unfixed(
            Diagnostic::coded(codes::EMPTY, "the application name is empty")
                .with_span(Span::at(0))
                .with_help(format!(
                    "4.14 asks for `{PATTERN}`, for example \
                     `Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted`"
                )),
        );
        return finish(name, out, None, reading);
    }
    spaces(&mut out, &parsed);
    separators(&mut out, &parsed);
    parts(&mut out, &parsed);
    repeated(&mut out, &parsed);
    let env = environment(&mut out, &parsed, options);
    service(&mut out, &parsed);
    let mode = access_mode(&mut out, &parsed, options);

    let rebuilt = match (&reading.supplier, &reading.app, env, mode) {
        (Some(s), Some(a), Some(e), Some(m)) if !out.uncertain => Some(canonical(s, a, e, m)),
        _ => None,
    };
    finish(name, out, rebuilt, reading)
}

fn finish(name: &str, out: Out<'_>, rebuilt: Option<String>, reading: NameReading) -> NameCheck {
    let mut diagnostics = out.diags;
    diagnostics.sort_by_key(|d| (d.span.map_or(usize::MAX, |s| s.start), d.code));
    let valid = !diagnostics.iter().any(Diagnostic::is_error);
    let suggested_name = rebuilt.filter(|s| s != name && s.chars().count() <= MAX_LEN);
    NameCheck {
        valid,
        diagnostics,
        suggested_name,
        reading,
    }
}

fn too_long(name: &str) -> Option<Diagnostic> {
    // A char is at most 4 bytes: a short byte length is short for sure, and counting stops
    // one past the limit, so a pasted megabyte costs no more than a long name.
    if name.len() <= MAX_LEN {
        return None;
    }
    let over = name.chars().nth(MAX_LEN).is_some();
    if !over {
        return None;
    }
    let count = if name.len() <= 64 * 1024 {
        Some(name.chars().count())
    } else {
        None
    };
    let message = match count {
        Some(n) => format!("the application name is {n} characters long; the limit is {MAX_LEN}"),
        None => format!(
            "the application name is over {MAX_LEN} characters long ({} bytes)",
            name.len()
        ),
    };
    let d = Diagnostic::coded(codes::TOO_LONG, message).with_help(format!(
        "No NHS limit is published, but NHS's examples are about 70 characters: this looks like \
         a paste gone wrong. Checking stops here. Write only `{PATTERN}`."
    ));
    Some(match count {
        Some(n) => d.with_span(Span::new(MAX_LEN, n)),
        None => d,
    })
}

fn reading(cleaned: &Cleaned, parsed: &Parsed) -> NameReading {
    let part = |range: Option<Range>| {
        range
            .map(|r| normalize(&cleaned.chars[r.0..r.1]))
            .filter(|s| !s.is_empty())
    };
    NameReading {
        supplier: part(parsed.supplier),
        app: part(parsed.app),
        environment: parsed
            .env
            .and_then(|t| t.form.environment())
            .or_else(|| parsed.late_env.and_then(|t| t.form.environment())),
        access_mode: parsed.mode.and_then(|t| t.form.access_mode()),
    }
}

/// A part as it goes into the corrected name: single spaces, no spaces at the ends.
pub(crate) fn normalize(w: &[char]) -> String {
    let mut s = String::with_capacity(w.len());
    for word in w.iter().collect::<String>().split(' ') {
        if word.is_empty() {
            continue;
        }
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(word);
    }
    s
}

fn describe(c: char) -> String {
    let name = match c {
        '\n' => "line feed",
        '\r' => "carriage return",
        '\t' => "tab",
        '\u{00A0}' => "no-break space",
        '\u{00AD}' => "soft hyphen",
        '\u{200B}' => "zero-width space",
        '\u{200C}' => "zero-width non-joiner",
        '\u{200D}' => "zero-width joiner",
        '\u{200E}' | '\u{200F}' => "direction mark",
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => "bidirectional control",
        '\u{2060}' => "word joiner",
        '\u{202F}' => "narrow no-break space",
        '\u{2009}' => "thin space",
        '\u{3000}' => "ideographic space",
        '\u{FEFF}' => "byte-order mark",
        _ if c.is_control() => "control character",
        _ if c.is_whitespace() => "space character",
        _ => "invisible character",
    };
    format!("U+{:04X} {name}", u32::from(c))
}

fn odd_characters(out: &mut Out<'_>) {
    let runs: Vec<OddRun> = out.cleaned.odd.clone();
    for run in runs {
        let what = describe(run.first);
        let (d, suggestion) = match run.kind {
            Oddity::Control => (
                Diagnostic::coded(
                    codes::CONTROL,
                    format!("the name holds a control character ({what})"),
                )
                .with_help(
                    "An application name is one line of visible text; line breaks and tabs \
                     usually come from copying out of a document. Remove it.",
                ),
                if run.replacement.is_empty() {
                    "remove it"
                } else {
                    "a space"
                },
            ),
            Oddity::Invisible => (
                Diagnostic::coded(
                    codes::CONTROL,
                    format!("the name holds an invisible character ({what})"),
                )
                .with_help(
                    "It cannot be seen, so the name is not what it looks like (a bidirectional \
                     control can even reorder what is shown). Remove it.",
                ),
                "remove it",
            ),
            Oddity::Space => (
                Diagnostic::coded(
                    codes::SPACES,
                    format!("the name holds an unusual space ({what})"),
                )
                .with_help("NHS's examples use plain spaces (U+0020). Write a plain space."),
                "a space",
            ),
        };
        out.fixed(d, run.span, run.replacement, SAFE, suggestion);
    }
}

fn spaces(out: &mut Out<'_>, parsed: &Parsed) {
    let n = out.cleaned.chars.len();
    let (lo, hi) = parsed.trimmed;
    for r in [(0, lo), (hi, n)] {
        if r.0 < r.1 {
            let which = if r.0 == 0 { "starts" } else { "ends" };
            let d = Diagnostic::coded(codes::OUTER_SPACE, format!("the name {which} with a space"))
                .with_help("The space would be part of the name. Remove it.");
            out.fixed(d, out.span(r), "", SAFE, "remove it");
        }
    }
    // Doubled spaces inside the parts (separators are checked on their own).
    let mut regions: Vec<Range> = Vec::with_capacity(4);
    regions.extend(parsed.supplier);
    regions.extend(parsed.app);
    regions.extend(parsed.service.map(|t| t.range));
    regions.extend(parsed.mode.map(|t| t.range));
    for (a, b) in regions {
        let w = &out.cleaned.chars;
        let mut i = a;
        while i < b {
            if w[i] == ' ' {
                let s = i;
                while i < b && w[i] == ' ' {
                    i += 1;
                }
                if i - s > 1 {
                    let d = Diagnostic::coded(codes::SPACES, format!("{} spaces in a row", i - s))
                        .with_help("Write one space between words.");
                    let span = out.span((s, i));
                    out.fixed(d, span, " ", SAFE, " ");
                }
            } else {
                i += 1;
            }
        }
    }
}

/// Checks one ` - ` separator between parts.
fn dash_separator(out: &mut Out<'_>, r: Range, between: &str) {
    let w = &out.cleaned.chars[r.0..r.1];
    let span = out.span(r);
    if let Some(look) = w.iter().find(|c| is_dash(**c) && **c != '-') {
        let d = Diagnostic::coded(
            codes::LOOKALIKE_DASH,
            format!(
                "{} between {between}, where the pattern has a hyphen `-`",
                describe_dash(*look)
            ),
        )
        .with_help(
            "Word processors turn ` - ` into a dash that only looks like a hyphen; the name \
             would then differ from the one NHS expects. Write space, hyphen-minus, space.",
        );
        out.fixed(d, span, " - ", SAFE, " - ");
        return;
    }
    let dashes = w.iter().filter(|c| **c == '-').count();
    let left = w.iter().take_while(|c| **c == ' ').count();
    let right = w.iter().rev().take_while(|c| **c == ' ').count();
    if w == [' ', '-', ' '] {
        return;
    }
    if dashes == 1 && left >= 1 && right >= 1 {
        let d = Diagnostic::coded(
            codes::SPACES,
            format!("extra spaces around the hyphen between {between}"),
        )
        .with_help("Write one space on each side of the hyphen: ` - `.");
        out.fixed(d, span, " - ", SAFE, " - ");
        return;
    }
    let message = if dashes == 0 {
        format!("no hyphen between {between}")
    } else if dashes > 1 {
        format!("{dashes} hyphens between {between}")
    } else {
        format!("the hyphen between {between} needs a space on each side")
    };
    let d = Diagnostic::coded(codes::SEPARATOR, message).with_help(
        "4.14 separates the parts with ` - ` (space, hyphen, space); without it the parts run \
         together and the name reads differently.",
    );
    out.fixed(d, span, " - ", SAFE, " - ");
}

fn describe_dash(c: char) -> &'static str {
    match c {
        '\u{2013}' => "an en dash `–`",
        '\u{2014}' => "an em dash `—`",
        '\u{2212}' => "a minus sign `−`",
        '\u{2010}' | '\u{2011}' => "a Unicode hyphen `‐`",
        _ => "a dash",
    }
}

fn separators(out: &mut Out<'_>, parsed: &Parsed) {
    if let (Some(r), Some(_), Some(_)) = (parsed.supplier_app_sep, parsed.supplier, parsed.app) {
        if parsed.supplier.is_some_and(|s| s.0 < s.1) {
            dash_separator(out, r, "the supplier and the app");
        }
    }
    if let (Some(r), Some(_)) = (parsed.app_env_sep, parsed.env) {
        if parsed.rest.0 < parsed.rest.1 {
            dash_separator(out, r, "the app and the environment");
        }
    }
    if let (Some(r), Some(_), Some(_)) = (parsed.env_service_sep, parsed.env, parsed.service) {
        dash_separator(out, r, "the environment and the service name");
    }
    // With an environment between them, the service and the access mode have two separators;
    // ERS-N026 covers that.
    if let (Some(_), Some(m), None) = (parsed.service, parsed.mode, parsed.late_env) {
        let r = parsed.service_mode_sep.unwrap_or((m.range.0, m.range.0));
        comma(out, r);
    }
}

/// Checks what stands between the service name and the access mode.
fn comma(out: &mut Out<'_>, r: Range) {
    let w: Vec<char> = out.cleaned.chars[r.0..r.1].to_vec();
    if w == [',', ' '] {
        return;
    }
    let span = out.span(r);
    if w == [' ', '-', ' '] {
        let d = Diagnostic::coded(codes::STAGE2_SEPARATOR,
            "a hyphen before the access mode, as on the Stage 2 page; the Stage 4 examples write a comma")
        .with_help(
            "Both forms are NHS's own and pass: Stage 2 (INT) writes `e-Referral Service - \
             User-restricted`, Stage 4 (PROD) writes `e-Referral Service, User Restricted`. \
             A PROD name follows Stage 4.",
        );
        out.fixed(d, span, ", ", SAFE, ", ");
        return;
    }
    if let Some(look) = w.iter().find(|c| is_dash(**c) && **c != '-') {
        let d = Diagnostic::coded(codes::LOOKALIKE_DASH,
            format!(
                "{} before the access mode, where Stage 4 writes a comma",
                describe_dash(*look)
            ))
        .with_help(
            "Word processors turn ` - ` into a dash that only looks like a hyphen. Stage 4 writes \
             `e-Referral Service, User Restricted` (Stage 2's ` - ` with a real hyphen passes too).",
        );
        out.fixed(d, span, ", ", SAFE, ", ");
        return;
    }
    let commas = w.iter().filter(|c| **c == ',').count();
    let message = if commas == 1 && w.iter().all(|c| matches!(c, ',' | ' ')) {
        if w[0] == ',' && w.len() > 2 {
            let d = Diagnostic::coded(
                codes::SPACES,
                "extra spaces after the comma before the access mode",
            )
            .with_help("Write a comma and one space: `, `.");
            out.fixed(d, span, ", ", SAFE, ", ");
            return;
        }
        "the comma before the access mode should have no space before it and one after it"
            .to_owned()
    } else if w.contains(&'-') {
        "write `, ` before the access mode, not a hyphen without spaces".to_owned()
    } else if w.iter().all(|c| *c == ' ') {
        "no comma between the service name and the access mode".to_owned()
    } else {
        let shown: String = w.iter().filter(|c| **c != ' ').collect();
        format!("`{shown}` before the access mode, where the pattern has a comma")
    };
    let d = Diagnostic::coded(codes::COMMA, message).with_help(
        "4.14 writes `e-Referral Service, [Access mode]`: a comma and one space \
         (Stage 2's ` - ` passes too).",
    );
    out.fixed(d, span, ", ", SAFE, ", ");
}

fn parts(out: &mut Out<'_>, parsed: &Parsed) {
    let rest = parsed.rest;
    let example = "e.g. `Care Vista - Care Vista Link - …`";
    if rest.0 == rest.1 {
        let span = out.span(rest);
        out.unfixed(
            Diagnostic::coded(
                codes::SUPPLIER_MISSING,
                "the supplier name and the app name are missing",
            )
            .with_span(span)
            .with_help(format!(
                "4.14's name starts `[Supplier name] - [App name] - `, {example}"
            )),
        );
        return;
    }
    match (parsed.supplier, parsed.supplier_app_sep, parsed.app) {
        (Some(s), Some(sep), Some(_)) if s.0 == s.1 => {
            let span = out.span(sep);
            out.unfixed(
                Diagnostic::coded(codes::SUPPLIER_MISSING, "the supplier name is missing")
                    .with_span(span)
                    .with_help(format!(
                        "4.14's name starts with the supplier's name, {example}"
                    )),
            );
        }
        (Some(s), None, None) => {
            let span = out.span(s);
            let shown = normalize(&out.cleaned.chars[s.0..s.1]);
            out.unfixed(
                Diagnostic::coded(codes::APP_MISSING,
                    format!("only one part, `{shown}`, before the environment: the supplier or the app is missing"))
                .with_span(span)
                .with_help(format!(
                    "4.14's name starts `[Supplier name] - [App name] - `, {example}. \
                     The two are separated by ` - ` with a space on each side: a hyphen \
                     without spaces is read as part of a name (`Smith-Jones`)."
                )),
            );
        }
        _ => {}
    }
}

fn repeated(out: &mut Out<'_>, parsed: &Parsed) {
    if parsed.service.is_none() {
        return;
    }
    if let Some(r) = repeated_service(&out.cleaned.chars, parsed.rest) {
        let span = out.span(r);
        let shown = out.cleaned.text(r);
        out.unfixed(
            Diagnostic::coded(codes::REPEATED,
                format!("`{shown}` after an environment inside the app's name: the name looks pasted twice"))
            .with_span(span)
            .with_help(
                "The service name and the environment come once, near the end: \
                 `[Supplier name] - [App name] - [Environment] - e-Referral Service, [Access mode]`. \
                 Remove the repeated part.",
            ),
        );
    }
}

fn env_fix_target(out: &Out<'_>, parsed: &Parsed) -> Span {
    out.cleaned.span(parsed.rest.1, parsed.rest.1)
}

/// Checks the environment; returns the one the corrected name carries, if certain.
fn environment(out: &mut Out<'_>, parsed: &Parsed, options: &CheckOptions) -> Option<Environment> {
    let declared = options.environment;
    let (token, late) = (parsed.env, parsed.late_env);
    if let Some(late) = late {
        env_after_service(out, late, token.is_some());
    }
    let Some(t) = token.or(late) else {
        env_missing(out, parsed, declared);
        return declared;
    };
    let span = out.span(t.range);
    let shown = out.cleaned.text(t.range).to_owned();
    // Where the environment stands after the service, the corrected name moves it: no edit here.
    let fixed_place = late.is_none();
    if let (Some(d), Some(s)) = (declared, t.form.environment()) {
        if d != s {
            env_mismatch(out, span, &shown, d, fixed_place);
            return Some(d);
        }
    }
    match t.form {
        EnvForm::Exact(e) => Some(e),
        EnvForm::Case(e) | EnvForm::Word(e) => {
            if fixed_place {
                env_written(out, span, &shown, e, matches!(t.form, EnvForm::Case(_)));
            }
            Some(e)
        }
        EnvForm::Unknown => {
            env_unknown(out, span, &shown, declared);
            declared
        }
    }
}

/// An environment after the service name: a second one (`twice`), or the only one, out of
/// 4.14's order. The edit only removes it here; the corrected name puts it in its place.
fn env_after_service(out: &mut Out<'_>, late: Token<EnvForm>, twice: bool) {
    let span = out.span(late.range);
    let shown = out.cleaned.text(late.range);
    let (message, help) = if twice {
        (
            format!("a second environment, `{shown}`, after the service name"),
            "The environment is named once, before the service name. Remove this one.",
        )
    } else {
        (
            format!("the environment `{shown}` stands after the service name"),
            "4.14's order is `[Supplier name] - [App name] - [Environment] - e-Referral \
             Service, [Access mode]`. Move it before the service name.",
        )
    };
    out.push(
        Diagnostic::coded(codes::ENV_ORDER, message)
            .with_span(span)
            .with_help(help),
    );
}

/// No environment: the application's is inserted (PROD, as a guess, when it is not known).
fn env_missing(out: &mut Out<'_>, parsed: &Parsed, declared: Option<Environment>) {
    let env = declared.unwrap_or(Environment::Prod);
    let at = env_fix_target(out, parsed);
    let d = Diagnostic::coded(codes::ENV_MISSING, "the environment is missing").with_help(format!(
        "4.14 puts the environment after the app's name: `PROD` for Stage 4 (the \
             production application), `INT` for Stage 2. Insert ` - {}`.",
        env.name_token()
    ));
    let applicability = if declared.is_some() {
        SAFE
    } else {
        Applicability::MaybeIncorrect
    };
    let ins = format!(" - {}", env.name_token());
    out.fixed(d, at, &ins, applicability, env.name_token());
}

/// The name says another environment than the application's `declared` one (4.13).
fn env_mismatch(
    out: &mut Out<'_>,
    span: Span,
    shown: &str,
    declared: Environment,
    fixed_place: bool,
) {
    let d = declared;
    let diag = Diagnostic::coded(
        codes::ENV_MISMATCH,
        format!(
            "the name says `{shown}` but the application is registered in {}",
            d.name_token()
        ),
    )
    .with_help(format!(
        "4.13 registers the application in {} ({}); a name that says otherwise is \
         usually a Stage 2 name copied without changing it. Write `{}`.",
        d.name_token(),
        d.title(),
        d.name_token()
    ));
    if fixed_place {
        out.fixed(diag, span, d.name_token(), SAFE, d.name_token());
    } else {
        out.push(diag.with_span(span));
    }
}

/// The environment `e` written in another case (a warning, `case`) or as a word (an error).
fn env_written(out: &mut Out<'_>, span: Span, shown: &str, e: Environment, case: bool) {
    let d = if case {
        Diagnostic::coded(
            codes::ENV_CASE,
            format!("the environment is written `{shown}`"),
        )
    } else {
        Diagnostic::coded(
            codes::ENV_WORD,
            format!("the environment is written as a word, `{shown}`"),
        )
    }
    .with_help(format!(
        "NHS's examples write the environment's token in capitals: `{}`.",
        e.name_token()
    ));
    out.fixed(d, span, e.name_token(), SAFE, e.name_token());
}

/// Words in the environment's place that are no environment of the platform.
fn env_unknown(out: &mut Out<'_>, span: Span, shown: &str, declared: Option<Environment>) {
    let d = Diagnostic::coded(
        codes::ENV_UNKNOWN,
        format!("`{shown}` is not an environment of the NHS API platform"),
    )
    .with_help(
        "Applications are registered in `PROD` (Stage 4) or `INT` (Stage 2); the \
         platform also has `SANDBOX` and `DEV`.",
    );
    match declared {
        Some(env) => out.fixed(d, span, env.name_token(), SAFE, env.name_token()),
        None => out.unfixed(d.with_span(span).with_suggestion("PROD")),
    }
}

fn service(out: &mut Out<'_>, parsed: &Parsed) {
    match parsed.service {
        Some(Token { range: r, form }) => {
            let span = out.span(r);
            let shown = out.cleaned.text(r);
            let d = match form {
                ServiceForm::Exact => return,
                ServiceForm::Case => Diagnostic::coded(
                    codes::SERVICE_CASE,
                    format!("the service name is written `{shown}`"),
                ),
                ServiceForm::Spelling => Diagnostic::coded(
                    codes::SERVICE_SPELLING,
                    format!("the service name is written `{shown}`"),
                ),
            }
            .with_help(format!(
                "4.14 writes the service's name in full, exactly: `{SERVICE}`."
            ));
            out.fixed(d, span, SERVICE, SAFE, SERVICE);
        }
        None => {
            // Goes after the environment (or where it belongs), before the access mode.
            let anchor = parsed.env.map(|t| t.range.1).unwrap_or(parsed.rest.1);
            let end = match (parsed.service_mode_sep, parsed.mode) {
                (Some(s), Some(_)) => s.1,
                _ => parsed.env_service_sep.map_or(anchor, |s| s.1.max(anchor)),
            };
            let span = out.cleaned.span(anchor, end.max(anchor));
            let replacement = if parsed.mode.is_some() {
                format!(" - {SERVICE}, ")
            } else {
                format!(" - {SERVICE}")
            };
            let d = Diagnostic::coded(codes::SERVICE_MISSING,
                format!("the service name `{SERVICE}` is missing"))
            .with_help(format!(
                "4.14 names the service after the environment: `… - PROD - {SERVICE}, [Access mode]`."
            ));
            out.fixed(d, span, &replacement, SAFE, SERVICE);
        }
    }
}

/// The two access modes, as a name writes them.
const EITHER_MODE: &str = "`User Restricted` or `Application-Restricted`";
/// Why a name carries exactly one access mode (4.15).
const ONE_APP: &str = "e-RS needs a separate application for each access mode: \"The same \
                       application cannot be used for both user-restricted and \
                       application-restricted modes\" (4.15).";

/// Checks the access mode; returns the one the corrected name carries, if certain.
fn access_mode(out: &mut Out<'_>, parsed: &Parsed, options: &CheckOptions) -> Option<AccessMode> {
    let declared = options.access_mode;
    let Some(t) = parsed.mode else {
        mode_missing(out, parsed, declared);
        return declared;
    };
    let span = out.span(t.range);
    let shown = out.cleaned.text(t.range).to_owned();
    if let (Some(d), Some(s)) = (declared, t.form.access_mode()) {
        if d != s {
            let diag = Diagnostic::coded(
                codes::MODE_MISMATCH,
                format!("the name says `{shown}` but the application is {}", d.id()),
            )
            .with_help(format!(
                "{ONE_APP} This one is {}: it enables `{}`. Write `{}`.",
                d.id(),
                d.api(),
                d.name_form()
            ));
            out.fixed(diag, span, d.name_form(), SAFE, d.name_form());
            return Some(d);
        }
    }
    match t.form {
        ModeForm::Exact(m) => Some(m),
        ModeForm::Spelling(m) => {
            mode_spelling(out, span, &shown, m);
            Some(m)
        }
        ModeForm::Wording(m, extra) => {
            mode_wording(out, span, &shown, m, extra);
            Some(m)
        }
        ModeForm::Two | ModeForm::Unknown => {
            not_one_mode(out, span, &shown, t.form == ModeForm::Two, declared);
            declared
        }
    }
}

/// No access mode: inserted after the service when the application's is known, a placeholder
/// otherwise.
fn mode_missing(out: &mut Out<'_>, parsed: &Parsed, declared: Option<AccessMode>) {
    let at = parsed.service.map_or_else(
        || out.cleaned.span(parsed.trimmed.1, parsed.trimmed.1),
        |s| out.cleaned.span(s.range.1, parsed.trimmed.1),
    );
    let d = Diagnostic::coded(codes::MODE_MISSING, "the access mode is missing").with_help(
        format!("4.14's name ends with the access mode, after a comma: {EITHER_MODE}. {ONE_APP}"),
    );
    match declared {
        Some(m) => {
            let ins = format!(", {}", m.name_form());
            out.fixed(d, at, &ins, SAFE, m.name_form());
        }
        None => out.fixed(
            d,
            at,
            ", [Access mode]",
            Applicability::HasPlaceholders,
            "User Restricted",
        ),
    }
}

/// One of NHS's other spellings of `m`: it passes, but a PROD name follows the Stage 4 examples.
fn mode_spelling(out: &mut Out<'_>, span: Span, shown: &str, m: AccessMode) {
    let d = Diagnostic::coded(
        codes::MODE_SPELLING,
        format!(
            "the access mode is written `{shown}`; the Stage 4 examples write `{}`",
            m.name_form()
        ),
    )
    .with_help(
        "NHS writes it several ways (`User Restricted`, `User-restricted`, \
         `Application-Restricted`, `Application Restricted`) and each passes; a PROD \
         name follows the Stage 4 examples.",
    );
    out.fixed(d, span, m.name_form(), SAFE, m.name_form());
}

/// Other words for `m` (with more words when `extra`, which only the user may drop).
fn mode_wording(out: &mut Out<'_>, span: Span, shown: &str, m: AccessMode, extra: bool) {
    let d = Diagnostic::coded(
        codes::MODE_WORDING,
        format!("the access mode is written `{shown}`"),
    );
    if extra {
        // Words that say something else would be lost: the user decides.
        let d = d.with_help(format!(
            "This reads as {}, with more words; 4.14's name ends with the access mode \
             alone, `{}`. If the other words matter (a capability such as `Referrer`, \
             a version), put them in the app's name.",
            m.id(),
            m.name_form()
        ));
        out.fixed(
            d,
            span,
            m.name_form(),
            Applicability::MaybeIncorrect,
            m.name_form(),
        );
    } else {
        let d = d.with_help(format!(
            "This reads as {}; 4.14's examples write it `{}`.",
            m.id(),
            m.name_form()
        ));
        out.fixed(d, span, m.name_form(), SAFE, m.name_form());
    }
}

/// Both access modes (`two`), or words that are neither: the application's mode replaces them
/// when known.
fn not_one_mode(
    out: &mut Out<'_>,
    span: Span,
    shown: &str,
    two: bool,
    declared: Option<AccessMode>,
) {
    let d = if two {
        Diagnostic::coded(
            codes::MODE_TWO,
            format!("`{shown}` names both access modes"),
        )
        .with_help(format!(
            "{ONE_APP} Register one application for each, with its own name and its own API."
        ))
    } else {
        Diagnostic::coded(
            codes::MODE_UNKNOWN,
            format!("`{shown}` is not an access mode e-RS has"),
        )
        .with_help(format!(
            "e-RS has two access modes: {EITHER_MODE}. {ONE_APP}"
        ))
    };
    match declared {
        Some(m) => out.fixed(d, span, m.name_form(), SAFE, m.name_form()),
        None => out.unfixed(d.with_span(span)),
    }
}
