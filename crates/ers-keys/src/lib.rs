#![doc = include_str!("../README.md")]

pub mod error;
pub mod jwk;
pub mod jwks_check;
pub mod jwt;
pub mod keypair;
pub mod pem;

pub use error::{Error, KidProblem, Result};
