//! Secrets where they must never be: a private key pasted into a plan, project, details or CSV
//! field is refused where it enters, here in the core, so the page and the command line refuse
//! it alike — naming the field, never repeating the value.
//!
//! What is recognised: a PEM private key of any kind (`PRIVATE KEY` in its label: PKCS#8,
//! PKCS#1, encrypted PKCS#8, EC, OpenSSH) and a private JWK (a JSON object with `"kty"` and
//! `"d"`). A client secret or a passphrase has no form of its own and cannot be told from other
//! text; a project file refuses them by their field names ([`crate::project`]). Every search is
//! one pass over the text (no quadratic path, however the text is made).
//!
//! ```
//! use ers_rules::secret::{check, secret_in};
//!
//! assert_eq!(secret_in("-----BEGIN PRIVATE KEY-----\nMIIE…"), Some("a private key"));
//! assert_eq!(secret_in("prod-rr8-ur-2026-12-01"), None);
//! let refused = check("-----BEGIN RSA PRIVATE KEY-----", || "the API key".into()).unwrap_err();
//! assert!(refused.to_string().starts_with("the API key holds a private key"));
//! assert!(!refused.to_string().contains("BEGIN"));
//! ```

use core::fmt;

/// The shortest text that can hold a secret recognised here (`PRIVATE KEY`).
const SHORTEST: usize = 11;

/// What kind of secret `text` holds, if any: `"a private key"` for a PEM private key of any
/// kind or a private JWK. One pass over the text.
pub fn secret_in(text: &str) -> Option<&'static str> {
    if text.len() < SHORTEST {
        return None;
    }
    if text.contains("PRIVATE KEY") || private_jwk(text) {
        Some("a private key")
    } else {
        None
    }
}

/// True when `text` looks like a private JWK: `"kty"` and a `"d"` member (RFC 7518 §6.3.2).
/// The whitespace skipped after each `"d"` ends at the next non-space, so the runs skipped
/// never overlap: linear.
fn private_jwk(text: &str) -> bool {
    text.contains("\"kty\"")
        && text.match_indices("\"d\"").any(|(at, m)| {
            text[at + m.len()..]
                .trim_start_matches([' ', '\t', '\r', '\n'])
                .starts_with(':')
        })
}

/// A secret found in a field, refused: which field, and what kind of secret (never the value).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecretFound {
    /// The field, in words or as a path: `the API key`, `line 3, column 2 (API key)`,
    /// `euos[4].name`.
    pub field: String,
    /// What kind of secret: `"a private key"`.
    pub what: &'static str,
    /// The line of the file it is on, when it came from a file.
    pub line: Option<usize>,
}

impl SecretFound {
    /// The stable code callers branch on.
    pub const CODE: &'static str = "secret-refused";

    /// What to do about it, in one sentence.
    pub const HELP: &'static str = "a go-live plan, project or pack never holds a private key, \
        a passphrase or a client secret: take it out and keep it in your secret store; if it \
        was pasted or sent anywhere it should not be, make a new key pair";

    /// The finding that refuses it under `code`: "`field` holds `what` and `refused` (it is not
    /// repeated here)", with [`Self::HELP`] and its line.
    pub fn refusal(&self, code: crate::CodeInfo, refused: &str) -> crate::Diagnostic {
        let d = crate::Diagnostic::coded(
            code,
            format!(
                "{} holds {} and {refused} (it is not repeated here)",
                self.field, self.what
            ),
        )
        .with_help(Self::HELP);
        match self.line {
            Some(line) => d.with_line(line),
            None => d,
        }
    }
}

impl fmt::Display for SecretFound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} holds {} and was refused (it is not repeated here): {}",
            self.field,
            self.what,
            Self::HELP
        )
    }
}

impl std::error::Error for SecretFound {}

/// Refuses `text` when it holds a secret, naming the field (`field` is called only then).
///
/// # Errors
/// [`SecretFound`] naming the field and the kind of secret.
pub fn check(text: &str, field: impl FnOnce() -> String) -> Result<(), SecretFound> {
    match secret_in(text) {
        Some(what) => Err(SecretFound {
            field: field(),
            what,
            line: None,
        }),
        None => Ok(()),
    }
}

/// Refuses CSV text that holds a secret anywhere, naming its line and column (with the
/// column's header when the first row names it harmlessly). The whole text is searched once
/// first; only a text that may hold a secret is read cell by cell, to find it and say where.
///
/// `first_line` is the line number of the text's first line.
///
/// # Errors
/// [`SecretFound`]: `line 3, column 2 (API key)`, or `the file` when no one cell holds it.
pub fn check_csv(text: &str, separator: char, first_line: usize) -> Result<(), SecretFound> {
    // A private JWK in a quoted cell has its quotes doubled (`""d"":`), which the search of the
    // raw text does not see: any `kty` sends the file to the cell-by-cell reading too.
    let raw = secret_in(text);
    if raw.is_none() && !text.contains("kty") {
        return Ok(());
    }
    let mut header: Option<Vec<String>> = None;
    for record in crate::plan::csv_import::records(text, separator, first_line) {
        let Some(cells) = record.cells else { continue };
        if let Some((column, what)) = cells
            .iter()
            .enumerate()
            .find_map(|(i, c)| secret_in(c).map(|what| (i, what)))
        {
            let name = header
                .as_ref()
                .and_then(|h| h.get(column))
                .map(|h| h.trim())
                .filter(|h| {
                    !h.is_empty() && h.chars().count() <= 40 && h.chars().all(|c| !c.is_control())
                })
                .map_or(String::new(), |h| format!(" ({h})"));
            return Err(SecretFound {
                field: format!("line {}, column {}{name}", record.line, column + 1),
                what,
                line: Some(record.line),
            });
        }
        if header.is_none() {
            header = Some(cells);
        }
    }
    match raw {
        Some(what) => Err(SecretFound {
            field: "the file".to_owned(),
            what,
            line: None,
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_keys_of_every_kind_are_found() {
        for text in [
            "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n",
            "-----BEGIN RSA PRIVATE KEY-----",
            "-----BEGIN ENCRYPTED PRIVATE KEY-----",
            "-----BEGIN OPENSSH PRIVATE KEY-----",
            r#"{"kty":"RSA","n":"AQAB","e":"AQAB","d" : "AQAB"}"#,
        ] {
            assert_eq!(secret_in(text), Some("a private key"), "{text}");
        }
        for text in [
            "",
            "prod-rr8-ur-2026-12-01",
            "-----BEGIN PUBLIC KEY-----",
            r#"{"kty":"RSA","n":"AQAB","e":"AQAB"}"#,
            r#"{"d": 1}"#,
        ] {
            assert_eq!(secret_in(text), None, "{text}");
        }
    }

    #[test]
    fn a_csv_secret_is_placed_by_line_and_column_and_never_repeated() {
        let csv = "Application name,API key\nCare Vista,\"-----BEGIN PRIVATE KEY-----\nMIIEabc\n-----END PRIVATE KEY-----\"\n";
        let err = check_csv(csv, ',', 1).unwrap_err();
        assert_eq!(err.field, "line 2, column 2 (API key)");
        let message = err.to_string();
        assert!(
            !message.contains("MIIE") && !message.contains("BEGIN"),
            "{message}"
        );
        assert!(check_csv("a,b\nc,d\n", ',', 1).is_ok());
    }
}
