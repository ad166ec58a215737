//! Errors of key, JWKS and JWT handling.

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
}

impl Error {
    /// A stable, machine-readable code for this error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid { .. } => "invalid",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid { what, reason } => write!(f, "{what}: {reason}"),
        }
    }
}

impl std::error::Error for Error {}
