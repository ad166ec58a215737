//! The CLI's tests, one binary (`cargo test -p ers-cli --test cli`): each subcommand judged from
//! outside, with the helpers in [`common`].

mod codes;
mod common;
mod jwt;
mod keys;
mod keys_bulk;
mod limits;
mod name;
mod pack;
mod plan;
mod project;
mod secrets;
mod sentences;
mod snippet;
mod texts;
