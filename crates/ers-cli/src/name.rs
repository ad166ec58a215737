//! `ers-golive name check|build`: check a PROD application name against 4.14 the way rustc
//! reports code, or build one (4.14) with the API to enable (4.15).

use std::fmt::Write as _;

use anyhow::{Result, bail};
use ers_rules::name::{self, BuiltName, CheckOptions, NameCheck, NameRequest};
use ers_rules::{AccessMode, Applicability, Diagnostic, Environment};
use serde::Serialize;

use crate::Outcome;
use crate::output::{print_json, print_text};

/// Arguments of `ers-golive name`.
#[derive(clap::Args)]
pub(crate) struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    /// Check an application name against 4.14's pattern.
    ///
    /// `[Supplier name] - [App name] - [Environment] - e-Referral Service, [Access mode]`.
    /// Exit status 0 when the name is valid (warnings allowed), 1 when it has errors.
    Check(CheckArgs),
    /// Build the name from its parts, and say which API to enable (4.15).
    ///
    /// Prints the name on stdout; with --json, the name, the API and why.
    Build(BuildArgs),
}

#[derive(clap::Args)]
struct CheckArgs {
    /// The name, quoted; `-` reads it from standard input.
    #[arg(value_name = "NAME", allow_hyphen_values = true)]
    name: String,
    /// The environment being registered (prod, int, sandbox, dev): the name must say it.
    #[arg(long, value_name = "ENV", value_parser = parse_environment)]
    env: Option<Environment>,
    /// The access mode being registered: user-restricted or application-restricted.
    #[arg(long, value_name = "MODE", value_parser = parse_access_mode)]
    access_mode: Option<AccessMode>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
struct BuildArgs {
    /// The supplier's name, e.g. "Care Vista".
    #[arg(long, value_name = "S")]
    supplier: String,
    /// The app's name, e.g. "Care Vista Link".
    #[arg(long, value_name = "A")]
    app: String,
    /// The environment: prod (Stage 4, the default), int, sandbox or dev.
    #[arg(long, value_name = "ENV", value_parser = parse_environment, default_value = "prod")]
    env: Environment,
    /// The access mode: user-restricted or application-restricted.
    #[arg(long, value_name = "MODE", value_parser = parse_access_mode)]
    access_mode: AccessMode,
    /// Print JSON: the name, the API to enable and why.
    #[arg(long)]
    json: bool,
}

fn parse_environment(text: &str) -> Result<Environment, String> {
    text.parse().map_err(|e: ers_rules::Error| e.to_string())
}

fn parse_access_mode(text: &str) -> Result<AccessMode, String> {
    text.parse().map_err(|e: ers_rules::Error| e.to_string())
}

pub(crate) fn run(args: Args) -> Result<Outcome> {
    match args.command {
        Command::Check(args) => check(args),
        Command::Build(args) => build(&args),
    }
}

fn read_name(given: String) -> Result<String> {
    if given != "-" {
        return Ok(given);
    }
    let mut text = String::new();
    std::io::Read::read_to_string(&mut std::io::stdin().lock(), &mut text)?;
    // One line: the newline that ends it is not part of the name.
    if text.ends_with('\n') {
        text.pop();
        if text.ends_with('\r') {
            text.pop();
        }
    }
    Ok(text)
}

fn check(args: CheckArgs) -> Result<Outcome> {
    let name = read_name(args.name)?;
    let options = CheckOptions {
        environment: args.env,
        access_mode: args.access_mode,
    };
    let result = name::check(&name, &options);
    if args.json {
        print_json(&JsonCheck::new(&name, &result))?;
    } else {
        print_text(&render(&name, &result))?;
    }
    Ok(if result.valid {
        Outcome::Ok
    } else {
        Outcome::Findings
    })
}

fn build(args: &BuildArgs) -> Result<Outcome> {
    let request = NameRequest {
        supplier: args.supplier.clone(),
        app: args.app.clone(),
        environment: args.env,
        access_mode: args.access_mode,
    };
    let built = match name::build(&request) {
        Ok(built) => built,
        Err(e) => bail!("cannot build the name: {e}"),
    };
    if args.json {
        print_json(&JsonBuilt::from(&built))?;
    } else {
        print_text(&format!("{}\n", built.name))?;
        eprintln!(
            "note: enable one API on this application: `{}` ({})",
            built.api, built.api_rule
        );
    }
    Ok(Outcome::Ok)
}

/// The JSON of `name check` (DESIGN.md): spans as `[start, end]` character offsets.
#[derive(Serialize)]
struct JsonCheck<'a> {
    name: &'a str,
    valid: bool,
    errors: usize,
    warnings: usize,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    suggested_name: Option<&'a str>,
    reading: JsonReading<'a>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    severity: &'static str,
    message: &'a str,
    span: Option<[usize; 2]>,
    help: Option<&'a str>,
    suggestion: Option<&'a str>,
    fix: Option<JsonFix<'a>>,
    rule: &'static str,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    applicability: &'static str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    span: [usize; 2],
    replacement: &'a str,
}

#[derive(Serialize)]
struct JsonReading<'a> {
    supplier: Option<&'a str>,
    app: Option<&'a str>,
    environment: Option<&'static str>,
    access_mode: Option<&'static str>,
}

fn applicability(a: Applicability) -> &'static str {
    match a {
        Applicability::MachineApplicable => "machine-applicable",
        Applicability::MaybeIncorrect => "maybe-incorrect",
        Applicability::HasPlaceholders => "has-placeholders",
    }
}

impl<'a> JsonCheck<'a> {
    fn new(name: &'a str, result: &'a NameCheck) -> Self {
        JsonCheck {
            name,
            valid: result.valid,
            errors: result.errors(),
            warnings: result.warnings(),
            diagnostics: result
                .diagnostics
                .iter()
                .map(JsonDiagnostic::from)
                .collect(),
            suggested_name: result.suggested_name.as_deref(),
            reading: JsonReading {
                supplier: result.reading.supplier.as_deref(),
                app: result.reading.app.as_deref(),
                environment: result.reading.environment.map(Environment::id),
                access_mode: result.reading.access_mode.map(AccessMode::id),
            },
        }
    }
}

impl<'a> From<&'a Diagnostic> for JsonDiagnostic<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        JsonDiagnostic {
            code: d.code,
            severity: d.severity.as_str(),
            message: &d.message,
            span: d.span.map(|s| [s.start, s.end]),
            help: d.help.as_deref(),
            suggestion: d.suggestion.as_deref(),
            fix: d.fix.as_ref().map(|f| JsonFix {
                applicability: applicability(f.applicability),
                edits: f
                    .edits
                    .iter()
                    .map(|e| JsonEdit {
                        span: [e.span.start, e.span.end],
                        replacement: &e.replacement,
                    })
                    .collect(),
            }),
            rule: d.rule,
        }
    }
}

#[derive(Serialize)]
struct JsonBuilt<'a> {
    name: &'a str,
    environment: &'static str,
    access_mode: &'static str,
    api: &'static str,
    rule: &'static str,
    api_rule: &'static str,
    why: &'a str,
}

impl<'a> From<&'a BuiltName> for JsonBuilt<'a> {
    fn from(b: &'a BuiltName) -> Self {
        JsonBuilt {
            name: &b.name,
            environment: b.environment.id(),
            access_mode: b.access_mode.id(),
            api: b.api,
            rule: b.rule,
            api_rule: b.api_rule,
            why: &b.why,
        }
    }
}

/// How a character is shown in the snippet: control and invisible characters as a visible
/// symbol, so the caret line stays under the right character.
fn shown(c: char) -> char {
    match c {
        '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + u32::from(c)).unwrap_or('�'),
        '\u{7F}' => '␡',
        _ if c.is_control() => '�',
        _ if c.is_whitespace() && c != ' ' => '␣',
        '\u{00AD}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{FEFF}' => '◌',
        _ => c,
    }
}

/// Terminal columns of a shown character: 2 for wide (CJK, most emoji), else 1.
fn width(c: char) -> usize {
    let c = u32::from(c);
    let wide = matches!(c,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F300..=0x1F64F | 0x1F900..=0x1F9FF
        | 0x20000..=0x3FFFD);
    if wide { 2 } else { 1 }
}

/// rustc-style text: each diagnostic with the name and a caret line under its span, then the
/// corrected name and a summary.
fn render(name: &str, result: &NameCheck) -> String {
    let mut out = String::new();
    let chars: Vec<char> = name.chars().map(shown).collect();
    let snippet = chars.len() <= name::MAX_LEN;
    for d in &result.diagnostics {
        let _ = writeln!(out, "{}[{}]: {}", d.severity.as_str(), d.code, d.message);
        if let (Some(span), true) = (d.span, snippet) {
            let line: String = chars.iter().collect();
            let pad: usize = chars[..span.start.min(chars.len())]
                .iter()
                .map(|c| width(*c))
                .sum();
            let under: usize = chars[span.start.min(chars.len())..span.end.min(chars.len())]
                .iter()
                .map(|c| width(*c))
                .sum();
            let label = d.fix.as_ref().and_then(|f| f.edits.first()).map(|e| {
                if e.replacement.is_empty() {
                    "remove this".to_owned()
                } else if e.span.is_empty() {
                    format!("insert `{}`", e.replacement)
                } else {
                    format!("write `{}`", e.replacement)
                }
            });
            let _ = writeln!(out, "   |");
            let _ = writeln!(out, "   | {line}");
            let _ = writeln!(
                out,
                "   | {}{}{}",
                " ".repeat(pad),
                "^".repeat(under.max(1)),
                label.map(|l| format!(" {l}")).unwrap_or_default()
            );
            let _ = writeln!(out, "   |");
        }
        if let Some(help) = &d.help {
            let _ = writeln!(out, "   = help: {help}");
        }
        let _ = writeln!(out, "   = rule: {}", d.rule);
        out.push('\n');
    }
    if let Some(suggested) = &result.suggested_name {
        let _ = writeln!(out, "suggested name: {suggested}");
    }
    let (errors, warnings) = (result.errors(), result.warnings());
    let counts = match (errors, warnings) {
        (0, 0) => String::new(),
        (e, 0) => plural(e, "error"),
        (0, w) => plural(w, "warning"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    };
    if result.valid {
        if counts.is_empty() {
            let _ = writeln!(out, "ok: the name follows 4.14");
        } else {
            let _ = writeln!(out, "ok: the name follows 4.14 ({counts})");
        }
    } else {
        let _ = writeln!(out, "error: the name does not follow 4.14: {counts}");
    }
    out
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_sits_under_the_span_past_wide_and_control_characters() {
        let name = "Care 🚀\u{200B} - Care Vista Link - Prod - e-Referral Service, User Restricted";
        let result = name::check(name, &CheckOptions::default());
        let text = render(name, &result);
        let lines: Vec<&str> = text.lines().collect();
        let row = lines
            .iter()
            .position(|l| l.starts_with("warning[ERS-N013]"))
            .unwrap();
        let name_line = lines[row + 2];
        let caret_line = lines[row + 3];
        // The emoji takes two columns, the zero-width space is shown as one.
        let col = |s: &str, needle: &str| {
            let at = s.find(needle).unwrap();
            s[..at].chars().map(width).sum::<usize>()
        };
        assert_eq!(col(name_line, "Prod"), col(caret_line, "^^^^"));
        assert!(caret_line.ends_with("^^^^ write `PROD`"), "{caret_line}");
    }
}
