//! `cargo xtask`: being built.
fn main() {}
