#![doc = include_str!("../README.md")]

pub mod error;
pub mod jwk;
pub mod jwks_check;
pub mod jwt;
pub mod keypair;
/// The prime search's variable-time Montgomery arithmetic (the `ers-mont` crate).
pub use ers_mont as mont;
pub mod pem;
pub mod primes;

pub use error::{Error, KidProblem, Result};
