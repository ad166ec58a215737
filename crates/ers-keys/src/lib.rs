#![doc = include_str!("../README.md")]

pub mod error;
pub mod jwk;
pub mod jwks_check;
pub mod jwt;
pub mod keypair;
pub mod mont;
pub mod pem;
pub mod primes;

pub use error::{Error, KidProblem, Result};
