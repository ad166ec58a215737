//! The diagnostic shape every checker hands to JavaScript: the core's `Diagnostic` in camelCase,
//! with its spans converted from character offsets to UTF-16 offsets into the checked text, so
//! that `text.slice(start, end)` is the part a diagnostic is about, emoji and all.

use ers_rules::{Applicability, Diagnostic, Span};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS: &'static str = r#"
/** One replacement: UTF-16 offsets [start, end) into the checked text, and what goes there. */
export interface Edit { span: [number, number]; replacement: string }
export interface Fix {
  /** "machine-applicable": certain; "maybe-incorrect": look first; "has-placeholders": fill in. */
  applicability: "machine-applicable" | "maybe-incorrect" | "has-placeholders";
  edits: Edit[];
}
/** One finding of a checker (codes ERS-…, listed in the README). */
export interface Diagnostic {
  code: string;
  severity: "error" | "warning" | "info";
  /** What is wrong. */
  message: string;
  /** UTF-16 offsets [start, end) into the checked text; an empty span marks where something is
   *  missing; null when the finding is about no one place. */
  span: [number, number] | null;
  /** Why, and what to do. */
  help: string | null;
  /** The corrected text of the part. */
  suggestion: string | null;
  fix: Fix | null;
  /** The guidance rule it comes from, e.g. "4.14". */
  rule: string;
  /** The part of the input it is about, when it is about one: a field of the form
   *  ("product", "euos", "access", "kid", "jwksUrl"…) or a part of a token ("token",
   *  "header.kid", "claims.aud"); null when about the whole input. The span counts UTF-16
   *  units of this part's text. */
  location: string | null;
  /** The line of the input file (1-based), e.g. a CSV row. */
  line: number | null;
  /** The EUO it is about: an index (0-based) into the request's EUOs. */
  euoIndex: number | null;
  /** The application it is about: an index (0-based) into the pack's applications. */
  application: number | null;
  /** The key it is about: an index (0-based) into the JWKS's keys. */
  key: number | null;
  /** What the NHS service answers for it (the token server's error_description, verbatim). */
  serverMessage: string | null;
  /** The HTTP status it answers with. */
  httpStatus: number | null;
}
"#;

/// Character offsets → UTF-16 offsets, for one text.
pub(crate) struct Utf16 {
    /// `at[i]`: the UTF-16 offset of character `i`; one more entry for the end.
    at: Vec<usize>,
}

impl Utf16 {
    /// The offsets of `text`.
    #[cfg_attr(not(any(feature = "names", feature = "jwt")), allow(dead_code))]
    pub(crate) fn new(text: &str) -> Self {
        let mut at = Vec::with_capacity(text.len() + 1);
        let mut n = 0;
        for c in text.chars() {
            at.push(n);
            n += c.len_utf16();
        }
        at.push(n);
        Utf16 { at }
    }

    /// The UTF-16 offset of character `chars` (the end, past the last character).
    pub(crate) fn offset(&self, chars: usize) -> usize {
        self.at.get(chars).or(self.at.last()).copied().unwrap_or(0)
    }

    /// A character span as UTF-16 offsets.
    pub(crate) fn span(&self, span: Span) -> [usize; 2] {
        [self.offset(span.start), self.offset(span.end)]
    }
}

/// A diagnostic as JavaScript sees it (the TypeScript `Diagnostic`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct DiagnosticJs {
    code: &'static str,
    severity: &'static str,
    message: String,
    span: Option<[usize; 2]>,
    help: Option<String>,
    suggestion: Option<String>,
    fix: Option<FixJs>,
    rule: &'static str,
    location: Option<String>,
    line: Option<usize>,
    euo_index: Option<usize>,
    application: Option<usize>,
    key: Option<usize>,
    server_message: Option<&'static str>,
    http_status: Option<u16>,
}

#[derive(Serialize)]
struct FixJs {
    applicability: &'static str,
    edits: Vec<EditJs>,
}

#[derive(Serialize)]
struct EditJs {
    span: [usize; 2],
    replacement: String,
}

fn applicability(a: Applicability) -> &'static str {
    match a {
        Applicability::MachineApplicable => "machine-applicable",
        Applicability::MaybeIncorrect => "maybe-incorrect",
        Applicability::HasPlaceholders => "has-placeholders",
    }
}

impl DiagnosticJs {
    /// Converts `d`, whose spans refer to the text `text` was made from. Without a text, spans
    /// and edits (which would point nowhere) are left out.
    pub(crate) fn new(d: Diagnostic, text: Option<&Utf16>) -> Self {
        DiagnosticJs {
            code: d.code,
            severity: d.severity.as_str(),
            message: d.message,
            span: d.span.zip(text).map(|(s, utf16)| utf16.span(s)),
            help: d.help,
            suggestion: d.suggestion,
            fix: d.fix.zip(text).map(|(f, utf16)| FixJs {
                applicability: applicability(f.applicability),
                edits: f
                    .edits
                    .into_iter()
                    .map(|e| EditJs {
                        span: utf16.span(e.span),
                        replacement: e.replacement,
                    })
                    .collect(),
            }),
            rule: d.rule,
            location: d.context.part,
            line: d.context.line,
            euo_index: d.context.euo,
            application: d.context.application,
            key: d.context.key,
            server_message: d.server.map(|s| s.text),
            http_status: d.server.map(|s| s.status),
        }
    }

    /// Converts `d` as [`DiagnosticJs::new`], naming its part as the page's form does.
    #[cfg_attr(not(feature = "rules"), allow(dead_code))]
    pub(crate) fn with_location(mut self, location: Option<&'static str>) -> Self {
        self.location = location.map(str::to_owned);
        self
    }
}
