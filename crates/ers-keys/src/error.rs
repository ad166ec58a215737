//! Errors of key, PEM, JWKS and JWT handling.
//!
//! Every variant has a stable [`Error::code`] that the CLI's JSON and the wasm facade's thrown
//! `Error` objects carry, so callers branch on the code and never on the text. Messages are
//! lowercase, say what is wrong and how to fix it, and never contain key material.

use core::fmt;

/// Result type of this crate.
pub type Result<T> = core::result::Result<T, Error>;

/// What went wrong with a key, a JWKS or a JWT.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// Occurs when input is malformed; the message says what and how to fix it.
    Invalid {
        /// What was being read, e.g. "public key".
        what: &'static str,
        /// What is wrong, lowercase, no full stop.
        reason: String,
    },
    /// Occurs when the text holds no `-----BEGIN …-----` line at all.
    PemMissing {
        /// What was expected, e.g. "public key".
        expected: &'static str,
        /// A hint about what the text looks like instead, if it is recognisable.
        hint: Option<&'static str>,
    },
    /// Occurs when a PEM block is cut short, has bad base64 or bad boundary lines.
    PemMalformed {
        /// What the PEM decoder or DER parser reported.
        reason: String,
    },
    /// Occurs when the text holds more than one PEM block where one key was expected.
    PemMultiple {
        /// How many `-----BEGIN` lines were found.
        blocks: usize,
    },
    /// Occurs when the PEM block's label is not one this input accepts (e.g. a certificate).
    PemLabel {
        /// What was expected, e.g. "private key".
        expected: &'static str,
        /// The label found, e.g. "CERTIFICATE".
        found: String,
        /// How to get the expected kind of file from this one, if we know.
        hint: Option<&'static str>,
    },
    /// Occurs when a private key is given where a public key belongs. The key is never echoed.
    PrivateKeyGiven,
    /// Occurs when a public key is given where a private key belongs.
    PublicKeyGiven,
    /// Occurs when an encrypted private key is read without a passphrase.
    PassphraseRequired,
    /// Occurs when an encrypted private key does not decrypt with the passphrase given.
    PassphraseWrong,
    /// Occurs when a passphrase to encrypt a key with is empty.
    PassphraseEmpty,
    /// Occurs when a passphrase is asked for together with the PKCS#1 format.
    PassphraseWithPkcs1,
    /// Occurs when the key inside a well-formed PEM block does not parse or is not a valid key.
    KeyMalformed {
        /// What was being read, e.g. "private key".
        what: &'static str,
        /// What is wrong, lowercase.
        reason: String,
    },
    /// Occurs when a key is not an RSA key (the NHS token server takes RS512 only).
    KeyNotRsa {
        /// The algorithm found (an OID, or a name such as "EC").
        algorithm: String,
    },
    /// Occurs when a key size is asked for that is not offered (2048, 3072 or 4096 bits).
    KeySize {
        /// The size asked for, in bits.
        bits: usize,
    },
    /// Occurs when text given as JSON does not parse.
    JsonMalformed {
        /// Line of the error, 1-based.
        line: usize,
        /// Column of the error, 1-based.
        column: usize,
        /// What the parser reported.
        reason: String,
    },
    /// Occurs when well-formed JSON is not a JWKS (no `keys` array, or not an object).
    JwksInvalid {
        /// What is wrong, lowercase.
        reason: String,
    },
    /// Occurs when one key of a JWKS is not a usable RSA public JWK.
    JwkInvalid {
        /// Position of the key in the `keys` array, 0-based.
        index: usize,
        /// What is wrong, lowercase.
        reason: String,
    },
    /// Occurs when a JWKS carries private-key members (`d`, `p`, `q`, `dp`, `dq`, `qi`, `oth`).
    PrivateMembers {
        /// The kids (or `#index` where a key has no kid) of the keys carrying private members.
        keys: Vec<String>,
        /// The private member names found, in the order the JWK module lists them (RFC 7518 §6.3.2).
        members: Vec<&'static str>,
    },
    /// Occurs when a kid is empty, too long, or has characters it must not have.
    KidInvalid {
        /// The kid given (a kid is public; echoing it is safe).
        kid: String,
        /// What is wrong with it.
        problem: KidProblem,
    },
    /// Occurs when a kid is already used by another key of the set.
    KidDuplicate {
        /// The kid given.
        kid: String,
    },
    /// Occurs when the key being added is already in the JWKS under another kid.
    KeyDuplicate {
        /// The kid the key already has.
        kid: String,
    },
    /// Occurs when input is over its hard limit ([`ers_rules::limits`]); it is not read at all.
    TooLarge(ers_rules::limits::TooLarge),
    /// Occurs when the system's random number source fails.
    Random {
        /// What the source reported.
        reason: String,
    },
    /// Occurs when key generation or encoding fails inside the cryptography library.
    Crypto {
        /// What the library reported.
        reason: String,
    },
}

/// What is wrong with a kid (the JWK module's kid check reports it). The token server takes any
/// non-empty kid, so the empty kid is the only one refused; unusual kids are warnings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum KidProblem {
    /// The kid is empty.
    Empty,
}

impl From<ers_rules::golive::KidProblem> for KidProblem {
    fn from(problem: ers_rules::golive::KidProblem) -> Self {
        match problem {
            ers_rules::golive::KidProblem::Empty => KidProblem::Empty,
        }
    }
}

impl fmt::Display for KidProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KidProblem::Empty => f.write_str("it is empty"),
        }
    }
}

impl Error {
    /// A stable, machine-readable code for this error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid { .. } => "invalid",
            Error::PemMissing { .. } => "pem-missing",
            Error::PemMalformed { .. } => "pem-malformed",
            Error::PemMultiple { .. } => "pem-multiple",
            Error::PemLabel { .. } => "pem-label",
            Error::PrivateKeyGiven => "private-key-given",
            Error::PublicKeyGiven => "public-key-given",
            Error::PassphraseRequired => "passphrase-required",
            Error::PassphraseWrong => "passphrase-wrong",
            Error::PassphraseEmpty => "passphrase-empty",
            Error::PassphraseWithPkcs1 => "passphrase-pkcs1",
            Error::KeyMalformed { .. } => "key-malformed",
            Error::KeyNotRsa { .. } => "key-not-rsa",
            Error::KeySize { .. } => "key-size",
            Error::JsonMalformed { .. } => "json-malformed",
            Error::JwksInvalid { .. } => "jwks-invalid",
            Error::JwkInvalid { .. } => "jwk-invalid",
            Error::PrivateMembers { .. } => "jwks-private-members",
            Error::KidInvalid { .. } => "kid-invalid",
            Error::KidDuplicate { .. } => "kid-duplicate",
            Error::KeyDuplicate { .. } => "key-duplicate",
            Error::TooLarge(_) => ers_rules::limits::TooLarge::CODE,
            Error::Random { .. } => "random",
            Error::Crypto { .. } => "crypto",
        }
    }
}

impl Error {
    /// The message of a variant that carries nothing to show: a table, one line each.
    fn fixed_text(&self) -> Option<&'static str> {
        Some(match self {
            Error::PrivateKeyGiven => {
                "this is a private key, not a public key; give the public key \
                 (-----BEGIN PUBLIC KEY-----, e.g. from `openssl rsa -in KID.pem -pubout`) and keep \
                 the private key to yourself: it never needs to be pasted or sent anywhere"
            }
            Error::PublicKeyGiven => {
                "this is a public key, but a private key is needed here \
                 (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE KEY-----)"
            }
            Error::PassphraseRequired => {
                "this private key is encrypted (-----BEGIN ENCRYPTED PRIVATE KEY-----); give its \
                 passphrase"
            }
            Error::PassphraseWrong => {
                "the private key does not decrypt with this passphrase; check the passphrase"
            }
            Error::PassphraseEmpty => {
                "the passphrase is empty; give one, or leave the key unencrypted"
            }
            Error::PassphraseWithPkcs1 => {
                "a passphrase encrypts PKCS#8 keys only; drop the passphrase for PKCS#1 output, or \
                 use PKCS#8"
            }
            _ => return None,
        })
    }

    /// The message of a PEM block that is not the one key asked for.
    fn fmt_pem(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::PemMissing { expected, hint } => {
                write!(f, "no PEM block found: expected a {expected} in PEM form")?;
                match (expected, hint) {
                    (_, Some(hint)) => write!(f, "; {hint}"),
                    (&"public key", None) => {
                        f.write_str(", starting with -----BEGIN PUBLIC KEY-----")
                    }
                    (_, None) => f.write_str(", starting with -----BEGIN PRIVATE KEY-----"),
                }
            }
            Error::PemMalformed { reason } => write!(
                f,
                "the PEM block is damaged ({reason}); paste the whole file, from its -----BEGIN \
                 line to its -----END line, unchanged"
            ),
            Error::PemMultiple { blocks } => {
                write!(f, "the text holds {blocks} PEM blocks; give one key only")
            }
            Error::PemLabel {
                expected,
                found,
                hint,
            } => {
                write!(
                    f,
                    "expected a {expected}, found a PEM block labelled \"{found}\""
                )?;
                match hint {
                    Some(hint) => write!(f, "; {hint}"),
                    None => Ok(()),
                }
            }
            _ => Ok(()),
        }
    }

    /// The message of a JWKS, or of a kid in it, that cannot be used.
    fn fmt_jwks(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::JwksInvalid { reason } => write!(f, "this is not a JWKS: {reason}"),
            Error::JwkInvalid { index, reason } => {
                write!(f, "key {} of the JWKS (keys[{index}]): {reason}", index + 1)
            }
            Error::PrivateMembers { keys, members } => write!(
                f,
                "the JWKS holds private-key members ({}) in key(s) {}; a published JWKS must hold \
                 public keys only: remove them, and treat that private key as exposed (make a new \
                 key pair)",
                members.join(", "),
                keys.iter()
                    .map(|k| shown_kid(k))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Error::KidInvalid { kid, problem } => {
                write!(f, "the kid \"{}\" is not usable: {problem}", shown_kid(kid))
            }
            Error::KidDuplicate { kid } => write!(
                f,
                "the JWKS already has a key with kid \"{}\"; choose another kid (e.g. {})",
                shown_kid(kid),
                shown_kid(&next_kid(kid))
            ),
            Error::KeyDuplicate { kid } => write!(
                f,
                "this public key is already in the JWKS, as kid \"{}\"; a rotation adds a new \
                 key pair",
                shown_kid(kid)
            ),
            _ => Ok(()),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid { what, reason } => write!(f, "{what}: {reason}"),
            Error::PemMissing { .. }
            | Error::PemMalformed { .. }
            | Error::PemMultiple { .. }
            | Error::PemLabel { .. } => self.fmt_pem(f),
            Error::KeyMalformed { what, reason } => write!(
                f,
                "the {what} inside the PEM block is not a valid RSA key ({reason})"
            ),
            Error::KeyNotRsa { algorithm } => write!(
                f,
                "this is not an RSA key (algorithm {algorithm}); the NHS token server accepts RSA \
                 keys signing with RS512 only (4.2): make a 4096-bit RSA key"
            ),
            Error::KeySize { bits } => write!(
                f,
                "{bits}-bit keys are not offered: choose 4096 bits (what NHS documents, 4.2), or \
                 3072 or 2048"
            ),
            Error::JsonMalformed {
                line,
                column,
                reason,
            } => write!(
                f,
                "the JSON does not parse at line {line}, column {column}: {reason}"
            ),
            Error::TooLarge(too_large) => write!(f, "{too_large}"),
            Error::Random { reason } => write!(f, "the random number source failed: {reason}"),
            Error::Crypto { reason } => write!(f, "the cryptography library failed: {reason}"),
            Error::JwksInvalid { .. }
            | Error::JwkInvalid { .. }
            | Error::PrivateMembers { .. }
            | Error::KidInvalid { .. }
            | Error::KidDuplicate { .. }
            | Error::KeyDuplicate { .. } => self.fmt_jwks(f),
            Error::PrivateKeyGiven
            | Error::PublicKeyGiven
            | Error::PassphraseRequired
            | Error::PassphraseWrong
            | Error::PassphraseEmpty
            | Error::PassphraseWithPkcs1 => f.write_str(self.fixed_text().unwrap_or_default()),
        }
    }
}

impl std::error::Error for Error {}

impl From<ers_rules::limits::TooLarge> for Error {
    fn from(too_large: ers_rules::limits::TooLarge) -> Self {
        Error::TooLarge(too_large)
    }
}

/// How many characters of a kid a message shows: a valid kid has at most 64, so a longer one is
/// cut short (a 1 MB "kid" must not make a 1 MB message).
pub const KID_SHOWN_CHARS: usize = 64;

/// A kid as messages show it: escaped (no control characters reach a terminal), and cut short
/// after [`KID_SHOWN_CHARS`] characters with "…" and its full length.
pub fn shown_kid(kid: &str) -> String {
    let mut chars = kid.chars();
    let head: String = chars.by_ref().take(KID_SHOWN_CHARS).collect();
    let rest = chars.count();
    let shown = head.escape_default().to_string();
    if rest == 0 {
        shown
    } else {
        format!("{shown}… ({} characters)", KID_SHOWN_CHARS + rest)
    }
}

/// A kid to suggest instead of a taken one: `prod-1` → `prod-2`, `test` → `test-2`.
fn next_kid(kid: &str) -> String {
    let digits = kid.len() - kid.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (stem, number) = kid.split_at(kid.len() - digits);
    match number.parse::<u64>() {
        Ok(n) if !stem.is_empty() => format!("{stem}{}", n.saturating_add(1)),
        _ => format!("{kid}-2"),
    }
}

impl From<serde_json::Error> for Error {
    fn from(error: serde_json::Error) -> Self {
        // serde_json's message ends with " at line L column C": keep the words only.
        let mut reason = error.to_string();
        if let Some(at) = reason.rfind(" at line ") {
            reason.truncate(at);
        }
        Error::JsonMalformed {
            line: error.line(),
            column: error.column(),
            reason,
        }
    }
}
