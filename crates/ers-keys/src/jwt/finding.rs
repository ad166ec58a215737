//! One finding of the checker: a diagnostic, the part of the token it is about, and the token
//! server's own message for it.

use core::fmt;

use ers_rules::Diagnostic;

/// Which part of the token (or of the JWKS) a finding is about.
///
/// A finding's span counts characters of this part's text: of the token as given for
/// [`Location::Token`], of the claim's string value for [`Location::Claim`] (e.g. `aud`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Location {
    /// The compact token as given.
    Token,
    /// A header field, e.g. `kid`.
    Header(&'static str),
    /// A claim, e.g. `aud`.
    Claim(&'static str),
    /// The signature.
    Signature,
    /// The JWKS.
    Jwks,
}

impl Location {
    /// A dotted path for JSON and the terminal: `token`, `header.kid`, `claims.aud`,
    /// `signature`, `jwks`.
    pub fn path(&self) -> String {
        self.to_string()
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Token => f.write_str("token"),
            Location::Header(field) => write!(f, "header.{field}"),
            Location::Claim(field) => write!(f, "claims.{field}"),
            Location::Signature => f.write_str("signature"),
            Location::Jwks => f.write_str("jwks"),
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Location {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// One broken rule.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Finding {
    /// Code, severity, message (which begins with the token server's message when it has one),
    /// span, help (the fix), suggestion and rule.
    pub diagnostic: Diagnostic,
    /// What the finding is about; the span counts characters of this part.
    pub location: Location,
    /// The token server's `error_description` for this failure, verbatim, when it has one.
    pub server_message: Option<&'static str>,
    /// The HTTP status the token server answers this failure with.
    pub http_status: Option<u16>,
}

impl Finding {
    /// An error about `location`, whose message is the token server's `server` text followed by
    /// `detail` in brackets (when there is a detail).
    pub(crate) fn server_error(
        code: &'static str,
        location: Location,
        server: &'static str,
        http_status: u16,
        detail: impl fmt::Display,
    ) -> Self {
        let detail = detail.to_string();
        let message = if detail.is_empty() {
            server.to_owned()
        } else {
            format!("{server} ({detail})")
        };
        Finding {
            diagnostic: Diagnostic::error(code, message, super::RULE),
            location,
            server_message: Some(server),
            http_status: Some(http_status),
        }
    }

    /// A finding the token server has no message for (e.g. about the JWKS).
    pub(crate) fn own(diagnostic: Diagnostic, location: Location) -> Self {
        Finding {
            diagnostic,
            location,
            server_message: None,
            http_status: None,
        }
    }

    /// Sets the help (what to do).
    #[must_use]
    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.diagnostic = self.diagnostic.with_help(help);
        self
    }

    /// Sets the span (character offsets into the text of [`Finding::location`]).
    #[must_use]
    pub(crate) fn span(mut self, span: ers_rules::Span) -> Self {
        self.diagnostic = self.diagnostic.with_span(span);
        self
    }

    /// Sets the suggested text of the part.
    #[must_use]
    pub(crate) fn suggestion(mut self, suggestion: impl Into<String>) -> Self {
        self.diagnostic = self.diagnostic.with_suggestion(suggestion);
        self
    }

    /// Makes it a warning.
    #[must_use]
    pub(crate) fn warning(mut self) -> Self {
        self.diagnostic.severity = ers_rules::Severity::Warning;
        self
    }

    /// The code, e.g. `ERS-J004`.
    pub fn code(&self) -> &'static str {
        self.diagnostic.code
    }

    /// True for errors (the token server would refuse the token).
    pub fn is_error(&self) -> bool {
        self.diagnostic.is_error()
    }
}
