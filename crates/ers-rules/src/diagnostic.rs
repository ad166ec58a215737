//! Linter-style diagnostics, in the manner of rustc and ruff: a stable code, a severity, a terse
//! message (what is wrong), a span (where), help (why, and what to do), and an optional fix made
//! of edits plus an applicability that says whether it is safe to apply without looking.

use std::fmt;

#[cfg(feature = "serde")]
use serde::Serialize;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize), serde(rename_all = "lowercase"))]
pub enum Severity {
    /// The input will be refused or will not work; it must be changed.
    Error,
    /// The input works but differs from the guidance; changing it is advised.
    Warning,
    /// Something the user should know; nothing is wrong.
    Info,
}

impl Severity {
    /// `"error"`, `"warning"` or `"info"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// A half-open range `[start, end)` of **character** (Unicode scalar value) offsets into the
/// checked text. The wasm facade converts these to UTF-16 offsets for JavaScript.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First character of the range.
    pub start: usize,
    /// One past the last character of the range.
    pub end: usize,
}

impl Span {
    /// The span `[start, end)`.
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// An empty span at `at`, for something missing at that place.
    pub const fn at(at: usize) -> Self {
        Span { start: at, end: at }
    }

    /// Number of characters covered.
    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no character.
    pub const fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// A span is written `[start, end]` in JSON (README "JSON findings").
#[cfg(feature = "serde")]
impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        [self.start, self.end].serialize(serializer)
    }
}

/// Whether a fix may be applied without a person reviewing it (ruff's and rustc's notion).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize), serde(rename_all = "kebab-case"))]
pub enum Applicability {
    /// The fix is certainly what was meant: a tool may apply it.
    MachineApplicable,
    /// The fix is probably right but should be looked at before it is used.
    MaybeIncorrect,
    /// The fix only shows the shape of the answer; the user must fill something in.
    HasPlaceholders,
}

/// One replacement of the text in `span` by `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct Edit {
    /// What is replaced (empty for an insertion).
    pub span: Span,
    /// What goes there (empty for a deletion).
    pub replacement: String,
}

/// A fix: edits sorted by position and not overlapping, plus how safe they are.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct Fix {
    /// The edits, in order of position.
    pub edits: Vec<Edit>,
    /// Whether the fix can be applied blindly.
    pub applicability: Applicability,
}

impl Fix {
    /// Applies the edits to `text` (whose character offsets the spans refer to).
    ///
    /// Edits that fall outside `text` or overlap an earlier edit are skipped, so a bad fix can
    /// never corrupt the text beyond what its own edits say.
    pub fn apply(&self, text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for edit in &self.edits {
            let Span { start, end } = edit.span;
            if start < at || end < start || end > chars.len() {
                continue;
            }
            out.extend(&chars[at..start]);
            out.push_str(&edit.replacement);
            at = end;
        }
        out.extend(&chars[at..]);
        out
    }
}

/// Where in the input a finding is, beyond its span: the line of a file, the EUO, the
/// application of a pack, the key of a JWKS, the part.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Context {
    /// The line of the input file (1-based), e.g. a CSV row.
    pub line: Option<usize>,
    /// The EUO it is about: an index (0-based) into the request's EUOs.
    pub euo: Option<usize>,
    /// The application it is about: an index (0-based) into a pack's applications.
    pub application: Option<usize>,
    /// The key it is about: an index (0-based) into a JWKS's `keys`.
    pub key: Option<usize>,
    /// The part of the input it is about, as a dotted path: a field of a form or request
    /// (`product`, `euos`, `kid`, `jwks_url`), a part of a token (`token`, `header.kid`,
    /// `claims.aud`). The span, when there is one, counts characters of this part's text.
    pub part: Option<String>,
}

impl Context {
    /// True when nothing is set.
    pub fn is_empty(&self) -> bool {
        *self == Context::default()
    }
}

/// What an NHS service answers for a failure, verbatim: its HTTP status and its text (the token
/// server's `error_description`). Kept as data in an area's `codes.rs`, never typed at a call site.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ServerReply {
    /// The HTTP status, e.g. 400.
    pub status: u16,
    /// The text, verbatim.
    pub text: &'static str,
}

impl ServerReply {
    /// A reply with `status` and `text`.
    pub const fn new(status: u16, text: &'static str) -> Self {
        ServerReply { status, text }
    }
}

/// One row of an area's code registry (its `codes.rs`, written with
/// [`code_registry!`](crate::code_registry)): what a code is, as the README, the CLI's
/// `--help` and the page list it. `cargo xtask codegen` writes the tables from these rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct CodeInfo {
    /// The code, e.g. `ERS-J004`.
    pub code: &'static str,
    /// The severity it is reported with (its usual one, where a case may lower it).
    pub severity: Severity,
    /// The guidance rule it comes from, e.g. `"4.14"`.
    pub rule: &'static str,
    /// What it means, in a few words.
    pub meaning: &'static str,
    /// An input that has it, or when it is reported (empty when the table shows none).
    pub example: &'static str,
}

impl CodeInfo {
    /// A row.
    pub const fn new(
        code: &'static str,
        severity: Severity,
        rule: &'static str,
        meaning: &'static str,
    ) -> Self {
        CodeInfo {
            code,
            severity,
            rule,
            meaning,
            example: "",
        }
    }

    /// The row with an example.
    #[must_use]
    pub const fn with_example(mut self, example: &'static str) -> Self {
        self.example = example;
        self
    }
}

/// A finding's code compared with a registry's row: `d.code == codes::SECRET`.
impl PartialEq<CodeInfo> for &str {
    fn eq(&self, other: &CodeInfo) -> bool {
        *self == other.code
    }
}

impl PartialEq<&str> for CodeInfo {
    fn eq(&self, other: &&str) -> bool {
        self.code == *other
    }
}

/// One finding about the checked input, of any checker: names, plan, pack, JWKS, JWT.
///
/// In JSON (with the `serde` feature) it is the one shape every `--json` writes (README "JSON
/// findings"): `code`, `severity`, `message`, `span` (`[start, end]`), `help`, `suggestion`,
/// `fix`, `rule`, then the context — `location` (the part), `line`, `euo_index`,
/// `application`, `key` — and the server's answer — `server_message`, `http_status` — only
/// when set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code, e.g. `ERS-N001`; listed with an example in the README.
    pub code: &'static str,
    /// Error, warning or info.
    pub severity: Severity,
    /// What is wrong, in one sentence (a capital first, a full stop last: [`words::sentence`]).
    ///
    /// [`words::sentence`]: crate::words::sentence
    pub message: String,
    /// Where, when the finding is about one part of the input.
    pub span: Option<Span>,
    /// Why it matters and what to do, in sentences of its own.
    pub help: Option<String>,
    /// The corrected text of the part (or of the whole input), when there is one.
    pub suggestion: Option<String>,
    /// The machine-readable fix, when there is one.
    pub fix: Option<Fix>,
    /// The guidance rule this comes from, e.g. `"4.14"`.
    pub rule: &'static str,
    /// Where in the input, beyond the span: line, EUO, application, key, part.
    pub context: Context,
    /// What the NHS service answers for it, when it has its own words.
    pub server: Option<ServerReply>,
}

#[cfg(feature = "serde")]
impl Serialize for Diagnostic {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("code", self.code)?;
        map.serialize_entry("severity", &self.severity)?;
        map.serialize_entry("message", &self.message)?;
        map.serialize_entry("span", &self.span)?;
        map.serialize_entry("help", &self.help)?;
        map.serialize_entry("suggestion", &self.suggestion)?;
        map.serialize_entry("fix", &self.fix)?;
        map.serialize_entry("rule", self.rule)?;
        let c = &self.context;
        if let Some(part) = &c.part {
            map.serialize_entry("location", part)?;
        }
        for (name, value) in [
            ("line", c.line),
            ("euo_index", c.euo),
            ("application", c.application),
            ("key", c.key),
        ] {
            if let Some(value) = value {
                map.serialize_entry(name, &value)?;
            }
        }
        if let Some(reply) = self.server {
            map.serialize_entry("server_message", reply.text)?;
            map.serialize_entry("http_status", &reply.status)?;
        }
        map.end()
    }
}

impl fmt::Display for Diagnostic {
    /// `error[ERS-P001]: The product name is empty. Give the product's name: …`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}]: {}",
            self.severity.as_str(),
            self.code,
            self.message
        )?;
        if let Some(help) = &self.help {
            write!(f, " {help}")?;
        }
        Ok(())
    }
}

impl Diagnostic {
    /// A diagnostic with a code, severity, message and rule; add the rest with the builders.
    pub fn new(
        code: &'static str,
        severity: Severity,
        message: impl Into<String>,
        rule: &'static str,
    ) -> Self {
        let mut message = message.into();
        crate::words::make_sentence(&mut message);
        Diagnostic {
            code,
            severity,
            message,
            span: None,
            help: None,
            suggestion: None,
            fix: None,
            rule,
            context: Context::default(),
            server: None,
        }
    }

    /// A diagnostic with `code`'s severity and rule, from its row in an area's registry.
    pub fn coded(code: CodeInfo, message: impl Into<String>) -> Self {
        Self::new(code.code, code.severity, message, code.rule)
    }

    /// Sets where.
    #[must_use]
    pub fn with_span(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    /// Sets why and what to do.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        let mut help = help.into();
        crate::words::make_sentence(&mut help);
        self.help = Some(help);
        self
    }

    /// Sets the suggested text.
    #[must_use]
    pub fn with_suggestion(mut self, suggestion: impl Into<String>) -> Self {
        self.suggestion = Some(suggestion.into());
        self
    }

    /// Sets the fix.
    #[must_use]
    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    /// Sets the line of the input file (1-based).
    #[must_use]
    pub fn with_line(mut self, line: usize) -> Self {
        self.context.line = Some(line);
        self
    }

    /// Sets the EUO (an index into the request's EUOs).
    #[must_use]
    pub fn with_euo(mut self, euo: usize) -> Self {
        self.context.euo = Some(euo);
        self
    }

    /// Sets the application (an index into a pack's applications).
    #[must_use]
    pub fn with_application(mut self, application: usize) -> Self {
        self.context.application = Some(application);
        self
    }

    /// Sets the key (an index into a JWKS's `keys`).
    #[must_use]
    pub fn with_key(mut self, key: usize) -> Self {
        self.context.key = Some(key);
        self
    }

    /// Sets another severity than the code's usual one.
    #[must_use]
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Sets the part of the input (a dotted path) that the span counts characters of.
    #[must_use]
    pub fn with_part(mut self, part: impl Into<String>) -> Self {
        self.context.part = Some(part.into());
        self
    }

    /// Sets what the NHS service answers for it.
    #[must_use]
    pub fn with_server(mut self, reply: ServerReply) -> Self {
        self.server = Some(reply);
        self
    }

    /// Makes it a warning.
    #[must_use]
    pub fn into_warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// The part of the input it is about, when set.
    pub fn part(&self) -> Option<&str> {
        self.context.part.as_deref()
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fix_applies_edits_in_order_by_character() {
        let fix = Fix {
            edits: vec![
                Edit {
                    span: Span::new(0, 1),
                    replacement: "É".into(),
                },
                Edit {
                    span: Span::at(3),
                    replacement: "-".into(),
                },
            ],
            applicability: Applicability::MachineApplicable,
        };
        assert_eq!(fix.apply("éab c"), "Éab- c");
    }

    #[test]
    fn fix_skips_edits_out_of_range_or_overlapping() {
        let fix = Fix {
            edits: vec![
                Edit {
                    span: Span::new(1, 3),
                    replacement: "X".into(),
                },
                Edit {
                    span: Span::new(2, 4),
                    replacement: "Y".into(),
                },
                Edit {
                    span: Span::new(9, 12),
                    replacement: "Z".into(),
                },
            ],
            applicability: Applicability::MaybeIncorrect,
        };
        assert_eq!(fix.apply("abcd"), "aXd");
    }
}
