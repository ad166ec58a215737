//! `ers-golive name` (being built).

use anyhow::{Result, bail};

use crate::Outcome;

/// Arguments of `ers-golive name`.
#[derive(clap::Args)]
pub(crate) struct Args {}

pub(crate) fn run(_args: Args) -> Result<Outcome> {
    bail!("`ers-golive name` is not built yet")
}
