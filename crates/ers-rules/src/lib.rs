#![doc = include_str!("../README.md")]

pub mod access_mode;
pub mod diagnostic;
pub mod environment;
pub mod error;
pub mod golive;
mod id_enum;
pub mod limits;
pub mod name;
pub mod plan;
pub mod project;
mod registry;
pub mod secret;
pub mod words;

pub use access_mode::{AccessMode, Capability};
pub use diagnostic::{
    Applicability, CodeInfo, Context, Diagnostic, Edit, Fix, ServerReply, Severity, Span,
};
pub use environment::Environment;
pub use error::{Error, Result};

/// serde, for the `Serialize` that [`id_enum!`] writes.
#[cfg(feature = "serde")]
#[doc(hidden)]
pub use serde as __serde;
