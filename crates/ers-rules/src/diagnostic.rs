//! Linter-style diagnostics, in the manner of rustc and ruff: a stable code, a severity, a terse
//! message (what is wrong), a span (where), help (why, and what to do), and an optional fix made
//! of edits plus an applicability that says whether it is safe to apply without looking.

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
}

impl Severity {
    /// `"error"` or `"warning"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A half-open range `[start, end)` of **character** (Unicode scalar value) offsets into the
/// checked text. The wasm facade converts these to UTF-16 offsets for JavaScript.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(Serialize))]
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

/// One finding about the checked input.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct Diagnostic {
    /// Stable code, e.g. `ERS-N001`; listed with an example in the README.
    pub code: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Where, when the finding is about one part of the input.
    pub span: Option<Span>,
    /// Why it matters and what to do.
    pub help: Option<String>,
    /// The corrected text of the part (or of the whole input), when there is one.
    pub suggestion: Option<String>,
    /// The machine-readable fix, when there is one.
    pub fix: Option<Fix>,
    /// The guidance rule this comes from, e.g. `"4.14"`.
    pub rule: &'static str,
}

impl Diagnostic {
    /// A diagnostic with a code, severity, message and rule; add the rest with the builders.
    pub fn new(
        code: &'static str,
        severity: Severity,
        message: impl Into<String>,
        rule: &'static str,
    ) -> Self {
        Diagnostic {
            code,
            severity,
            message: message.into(),
            span: None,
            help: None,
            suggestion: None,
            fix: None,
            rule,
        }
    }

    /// An error.
    pub fn error(code: &'static str, message: impl Into<String>, rule: &'static str) -> Self {
        Self::new(code, Severity::Error, message, rule)
    }

    /// A warning.
    pub fn warning(code: &'static str, message: impl Into<String>, rule: &'static str) -> Self {
        Self::new(code, Severity::Warning, message, rule)
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
        self.help = Some(help.into());
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
