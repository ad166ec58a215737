//! `ers-golive plan` (being built).

use anyhow::{Result, bail};

use crate::Outcome;

/// Arguments of `ers-golive plan`.
#[derive(clap::Args)]
pub(crate) struct Args {}

pub(crate) fn run(_args: Args) -> Result<Outcome> {
    bail!("`ers-golive plan` is not built yet")
}
