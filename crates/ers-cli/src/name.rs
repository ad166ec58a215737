//! `ers-golive name check|build`: check a PROD application name against 4.14 the way rustc
//! reports code, or build one (4.14) with the API to enable (4.15).

use std::fmt::Write as _;

use anyhow::{Result, bail};
use ers_rules::name::{self, BuiltName, CheckOptions, NameCheck, NameRequest};
use ers_rules::{AccessMode, Environment};
use serde::Serialize;

use ers_rules::Diagnostic;

use crate::Outcome;
use crate::output::{self, plural, print_json, print_text};

/// The subcommands of `ers-golive name`.
#[derive(clap::Subcommand)]
pub(crate) enum Command {
    /// Check an application name against 4.14's pattern.
    ///
    /// `[Supplier name] - [App name] - [Environment] - e-Referral Service, [Access mode]`.
    /// Exit status 0 when the name is valid (warnings allowed), 1 when it has errors.
    #[command(after_long_help = code_table())]
    Check(CheckArgs),
    /// Build the name from its parts, and say which API to enable (4.15).
    ///
    /// Prints the name on stdout; with --json, the name, the API and why.
    Build(BuildArgs),
}

/// The codes `name check` reports, for `--help`, from the registry.
fn code_table() -> String {
    output::code_table("Codes (guidance 4.14, 4.15):", ers_rules::name::codes::ALL)
}

#[derive(clap::Args)]
pub(crate) struct CheckArgs {
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
pub(crate) struct BuildArgs {
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

pub(crate) fn run(command: Command) -> Result<Outcome> {
    match command {
        Command::Check(args) => check(args),
        Command::Build(args) => build(&args),
    }
}

fn read_name(given: String) -> Result<String> {
    let mut text = if given == "-" {
        // Standard input through the one bounded reader: endless input stops at the limit.
        let text =
            crate::input::read_text(std::path::Path::new("-"), ers_rules::limits::NAME, "name")?;
        text.as_str().to_owned()
    } else {
        given
    };
    // A private key given as the name is refused, never echoed in the checker's snippet.
    if let Some(kind) = crate::redact::secret_kind(&text) {
        bail!(
            "the name holds {kind}; it is not shown and was not checked. Give the application \
             name, never a key or a token"
        );
    }
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
    diagnostics: Vec<&'a Diagnostic>,
    suggested_name: Option<&'a str>,
    reading: JsonReading<'a>,
}

#[derive(Serialize)]
struct JsonReading<'a> {
    supplier: Option<&'a str>,
    app: Option<&'a str>,
    environment: Option<&'static str>,
    access_mode: Option<&'static str>,
}

impl<'a> JsonCheck<'a> {
    fn new(name: &'a str, result: &'a NameCheck) -> Self {
        JsonCheck {
            name,
            valid: result.valid,
            errors: result.errors(),
            warnings: result.warnings(),
            diagnostics: result.diagnostics.iter().collect(),
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

/// rustc-style text: each diagnostic with the name and a caret line under its span, then the
/// corrected name and a summary.
fn render(name: &str, result: &NameCheck) -> String {
    let mut out = String::new();
    let snippet = name.chars().count() <= name::MAX_LEN;
    for d in &result.diagnostics {
        output::diagnostic_head(&mut out, d);
        if let (Some(span), true) = (d.span, snippet) {
            let label = d.fix.as_ref().and_then(|f| f.edits.first()).map(|e| {
                if e.replacement.is_empty() {
                    "remove this".to_owned()
                } else if e.span.is_empty() {
                    format!("insert `{}`", e.replacement)
                } else {
                    format!("write `{}`", e.replacement)
                }
            });
            output::snippet(&mut out, name, span, label.as_deref(), None);
        }
        output::diagnostic_foot(&mut out, d);
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
            s[..at].chars().map(crate::output::width).sum::<usize>()
        };
        assert_eq!(col(name_line, "Prod"), col(caret_line, "^^^^"));
        assert!(caret_line.ends_with("^^^^ write `PROD`"), "{caret_line}");
    }
}
