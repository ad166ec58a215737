//! Errors for input that cannot be read at all (as opposed to input that is read and found wrong,
//! which is reported as [`Diagnostic`](crate::Diagnostic)s).

use core::fmt;

/// Result type of this crate.
pub type Result<T> = core::result::Result<T, Error>;

/// Input that the rules cannot work with.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// Occurs when an access mode is not one e-RS permits.
    UnknownAccessMode {
        /// What was given.
        given: String,
    },
    /// Occurs when a capability is neither referrer nor provider.
    UnknownCapability {
        /// What was given.
        given: String,
    },
    /// Occurs when an environment is not one the NHS API platform has.
    UnknownEnvironment {
        /// What was given.
        given: String,
    },
    /// Occurs when a required field is empty.
    Empty {
        /// The field's name as the user sees it.
        field: &'static str,
    },
    /// Occurs when a value is longer than the rules allow.
    TooLong {
        /// The field's name as the user sees it.
        field: &'static str,
        /// The limit, in characters.
        max: usize,
    },
    /// Occurs when input is over its hard limit ([`crate::limits`]); it is not read at all.
    TooLarge(crate::limits::TooLarge),
    /// Occurs when input is malformed; the message says what and where.
    Invalid {
        /// The field's name as the user sees it.
        field: &'static str,
        /// What is wrong, lowercase, no full stop.
        reason: String,
    },
}

impl Error {
    /// A stable, machine-readable code for this error (the page and scripts branch on it).
    pub fn code(&self) -> &'static str {
        match self {
            Error::UnknownAccessMode { .. } => "unknown-access-mode",
            Error::UnknownCapability { .. } => "unknown-capability",
            Error::UnknownEnvironment { .. } => "unknown-environment",
            Error::Empty { .. } => "empty",
            Error::TooLong { .. } => "too-long",
            Error::TooLarge(_) => crate::limits::TooLarge::CODE,
            Error::Invalid { .. } => "invalid",
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::UnknownAccessMode { given } => write!(
                f,
                "unknown access mode `{given}`: use `user-restricted` or `application-restricted`"
            ),
            Error::UnknownCapability { given } => {
                write!(
                    f,
                    "unknown capability `{given}`: use `referrer` or `provider`"
                )
            }
            Error::UnknownEnvironment { given } => write!(
                f,
                "unknown environment `{given}`: use `prod`, `int`, `sandbox` or `dev`"
            ),
            Error::Empty { field } => write!(f, "{field} is empty"),
            Error::TooLong { field, max } => {
                write!(f, "{field} is longer than {max} characters")
            }
            Error::TooLarge(too_large) => write!(f, "{too_large}"),
            Error::Invalid { field, reason } => write!(f, "{field}: {reason}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<crate::limits::TooLarge> for Error {
    fn from(too_large: crate::limits::TooLarge) -> Self {
        Error::TooLarge(too_large)
    }
}
