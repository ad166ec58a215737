//! One finding of the checker: a diagnostic, the part of the token it is about, and the token
//! server's own message for it.

use core::fmt;

use ers_rules::{Diagnostic, ServerReply};

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
    /// The `subject_token` of a token-exchange request (the ID token) as given.
    SubjectToken,
    /// A header field of the ID token, e.g. `kid`.
    SubjectHeader(&'static str),
    /// A claim of the ID token, e.g. `iss`.
    SubjectClaim(&'static str),
}

impl Location {
    /// A dotted path for JSON and the terminal: `token`, `header.kid`, `claims.aud`,
    /// `signature`, `jwks`; for the ID token of a token exchange `subject_token`,
    /// `subject_token.header.kid`, `subject_token.claims.iss`.
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
            Location::SubjectToken => f.write_str("subject_token"),
            Location::SubjectHeader(field) => write!(f, "subject_token.header.{field}"),
            Location::SubjectClaim(field) => write!(f, "subject_token.claims.{field}"),
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Location {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// One broken rule: the shared [`Diagnostic`], whose context names the part of the token it is
/// about ([`Location::path`]; the span counts characters of that part's text) and whose server
/// reply is the token server's status and `error_description`, when it has them.
pub type Finding = Diagnostic;

/// An error about `location`, whose message is the token server's text followed by `detail` in
/// brackets (when there is a detail). The status comes with the reply, from [`super::codes::server`].
pub(crate) fn server_error(
    code: ers_rules::CodeInfo,
    location: Location,
    reply: ServerReply,
    detail: impl fmt::Display,
) -> Finding {
    let detail = detail.to_string();
    let message = if detail.is_empty() {
        reply.text.to_owned()
    } else {
        format!("{} ({detail})", reply.text)
    };
    Diagnostic::coded(code, message)
        .with_part(location.path())
        .with_server(reply)
}

/// A finding the token server has no message for (e.g. about the JWKS).
pub(crate) fn own(diagnostic: Diagnostic, location: Location) -> Finding {
    diagnostic.with_part(location.path())
}
