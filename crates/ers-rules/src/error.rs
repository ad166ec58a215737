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

/// The codes of input that cannot be read at all, thrown (not reported): the core's [`Error`]s
/// and the wasm facade's own, whose values the page and scripts branch on.
pub mod codes {
    crate::code_registry! {
        /// [`Error::UnknownAccessMode`](super::Error::UnknownAccessMode).
        UNKNOWN_ACCESS_MODE = "unknown-access-mode", Error, "4.15",
            "an access mode e-RS does not permit";
        /// [`Error::UnknownCapability`](super::Error::UnknownCapability).
        UNKNOWN_CAPABILITY = "unknown-capability", Error, "4.16",
            "a capability other than referrer or provider";
        /// [`Error::UnknownEnvironment`](super::Error::UnknownEnvironment).
        UNKNOWN_ENVIRONMENT = "unknown-environment", Error, "4.13",
            "an environment the NHS API platform does not have";
        /// [`Error::Empty`](super::Error::Empty).
        EMPTY = "empty", Error, "4.14",
            "a required field is empty";
        /// [`Error::TooLong`](super::Error::TooLong).
        TOO_LONG = "too-long", Error, "4.14",
            "a value longer than the rules allow";
        /// [`Error::TooLarge`](super::Error::TooLarge).
        TOO_LARGE = "input-too-large", Error, "limits",
            "input over its hard limit; it is not read";
        /// [`Error::Invalid`](super::Error::Invalid).
        INVALID = "invalid", Error, "input",
            "input that cannot be read; the message says what and where";
        /// The wasm facade was given a value of the wrong shape: not an object, a property
        /// missing or of the wrong type.
        INVALID_INPUT = "invalid-input", Error, "input",
            "a function of the wasm module was given a value of the wrong shape";
        /// A kid template with an unknown placeholder, or one that cannot give each key its own
        /// kid.
        KID_TEMPLATE = "kid-template", Error, "4.2",
            "a kid template that cannot give each key its own kid";
        /// A kid template's date is not a date (`YYYY-MM-DD`).
        KID_DATE = "kid-date", Error, "4.2",
            "the date for a kid template is not a date";
        /// The wasm facade could not convert a result: a bug in ers-golive.
        INTERNAL = "internal", Error, "input",
            "a result could not be converted (a bug in ers-golive)";
    }
}

impl Error {
    /// A stable, machine-readable code for this error (the page and scripts branch on it).
    pub fn code(&self) -> &'static str {
        // Each arm takes the code alone, so the rows' meanings stay out of the wasm modules.
        match self {
            Error::UnknownAccessMode { .. } => codes::UNKNOWN_ACCESS_MODE.code,
            Error::UnknownCapability { .. } => codes::UNKNOWN_CAPABILITY.code,
            Error::UnknownEnvironment { .. } => codes::UNKNOWN_ENVIRONMENT.code,
            Error::Empty { .. } => codes::EMPTY.code,
            Error::TooLong { .. } => codes::TOO_LONG.code,
            Error::TooLarge(_) => codes::TOO_LARGE.code,
            Error::Invalid { .. } => codes::INVALID.code,
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
