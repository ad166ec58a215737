//! Secrets given on the command line are never repeated, by clap or by us.
//!
//! clap quotes the argument it could not place (`error: unexpected argument '-----BEGIN PRIVATE
//! KEY----- MIIEv…' found`, when `--jwt "$(cat key.pem)"` starts with `-`), and an error of
//! ours may name a path or value given. Every message on stderr goes through [`redact`] first:
//! each argument that looks like a secret (a PEM or JWK private key, a signed JWT) — whole, or
//! as the value of `--option=VALUE` — is replaced by what kind of secret it is. A message that
//! would still hold a private key is replaced whole.

use std::ffi::OsString;

use ers_rules::secret::secret_in;
use zeroize::Zeroizing;

/// The kind of secret `value` looks like, if any: a private key (PEM or JWK), or a signed JWT.
pub(crate) fn secret_kind(value: &str) -> Option<&'static str> {
    secret_in(value).or_else(|| looks_like_jwt(value).then_some("a signed token (JWT)"))
}

/// Three or more base64url parts joined by `.`, the first a JSON object's (`eyJ`): a JWS or JWE.
fn looks_like_jwt(value: &str) -> bool {
    let value = value.trim();
    value.starts_with("eyJ")
        && value.len() > 20
        && value.split('.').count() >= 3
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'='))
}

/// clap's value parser for an option that names a key or an application (`--kid`,
/// `--api-key`): a value that looks like a secret is refused, saying what kind it is (the
/// message clap builds around this one is redacted by [`redact`]).
pub(crate) fn not_secret(value: &str) -> Result<String, String> {
    match secret_kind(value) {
        Some(kind) => Err(format!(
            "this holds {kind}, not a name; it is not shown. Never give a private key or a \
             token on the command line"
        )),
        None => Ok(value.to_owned()),
    }
}

/// The secrets among the command-line arguments (each whole argument, and either side of the
/// first `=` of one starting with `--`), longest first, each with its kind.
pub(crate) fn secrets_in_args(args: &[OsString]) -> Vec<(Zeroizing<String>, &'static str)> {
    let mut found = Vec::new();
    for arg in args {
        let arg = arg.to_string_lossy();
        // clap splits an argument starting with `--` at its first `=` (a key's base64 may hold
        // one): it may quote either part alone.
        let (name, value) = match arg.split_once('=') {
            Some((name, value)) if arg.starts_with("--") => (Some(name), Some(value)),
            _ => (None, None),
        };
        for candidate in [Some(arg.as_ref()), name, value].into_iter().flatten() {
            if let Some(kind) = secret_kind(candidate) {
                found.push((Zeroizing::new(candidate.to_owned()), kind));
            }
        }
    }
    found.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    found
}

/// `message` with every secret of `secrets` replaced by its kind; a message that still holds a
/// private key after that is replaced whole.
pub(crate) fn redact(message: &str, secrets: &[(Zeroizing<String>, &'static str)]) -> String {
    let mut out = message.to_owned();
    for (secret, kind) in secrets {
        // Also without its line ends, as a message may show the value on one line.
        for form in [secret.as_str(), secret.trim()] {
            if !form.is_empty() && out.contains(form) {
                out = out.replace(form, &format!("<{kind}, not shown>"));
            }
        }
    }
    if let Some(kind) = key_material(&out) {
        return format!(
            "error: an argument holds {kind}; it is not shown. Never give a private key on the \
             command line: give its file (e.g. `--key KEY.pem`), and if it was pasted or sent \
             anywhere it should not be, make a new key pair\n"
        );
    }
    out
}

/// Whether `text` holds a private key itself, not only its name: a PEM private key's BEGIN line
/// with base64 after it (a run of 40 characters), or a private JWK. Our own messages may name
/// `BEGIN PRIVATE KEY`; they hold no base64.
fn key_material(text: &str) -> Option<&'static str> {
    let base64_run = || {
        let mut run = 0;
        text.bytes().any(|b| {
            run = if b.is_ascii_alphanumeric() || b == b'+' || b == b'/' {
                run + 1
            } else {
                0
            };
            run >= 40
        })
    };
    let pem = ers_keys::pem::looks_like_private_key(text) && base64_run();
    let jwk = secret_in(text).is_some() && text.contains("\"kty\"");
    (pem || jwk).then_some("a private key")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clap_style_messages_lose_the_secret() {
        let key = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ\n-----END PRIVATE KEY-----";
        let args: Vec<OsString> = ["ers-golive", "jwt", "check", "--jwt", key]
            .iter()
            .map(OsString::from)
            .collect();
        let secrets = secrets_in_args(&args);
        let message =
            format!("error: unexpected argument '{key}' found\n\n  tip: use '-- {key}'\n");
        let shown = redact(&message, &secrets);
        assert!(!shown.contains("MIIE"), "{shown}");
        assert!(shown.contains("<a private key, not shown>"), "{shown}");
        let eq = format!("--jwt={key}");
        let args = [OsString::from(&eq)];
        assert!(!redact(&format!("bad '{eq}'"), &secrets_in_args(&args)).contains("MIIE"));
        // A message holding a private key not given as an argument is replaced whole; one that
        // only names the label is kept.
        assert!(!redact(key, &[]).contains("MIIE"));
        let named = "give a private key (-----BEGIN PRIVATE KEY-----), not a public one";
        assert_eq!(redact(named, &[]), named);
        assert_eq!(
            secret_kind("eyJhbGciOiJSUzUxMiJ9.eyJ9.c2ln"),
            Some("a signed token (JWT)")
        );
        assert_eq!(secret_kind("prod-1"), None);
    }
}
