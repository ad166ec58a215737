//! `ers-golive keys` (being built).

use anyhow::{Result, bail};

use crate::Outcome;

/// Arguments of `ers-golive keys`.
#[derive(clap::Args)]
pub(crate) struct Args {}

pub(crate) fn run(_args: Args) -> Result<Outcome> {
    bail!("`ers-golive keys` is not built yet")
}
