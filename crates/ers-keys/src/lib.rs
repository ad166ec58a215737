#![doc = include_str!("../README.md")]

pub mod error;
pub mod jwt;

pub use error::{Error, Result};
