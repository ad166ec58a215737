//! `ers-golive jwt` (being built).

use anyhow::{Result, bail};

use crate::Outcome;

/// Arguments of `ers-golive jwt`.
#[derive(clap::Args)]
pub(crate) struct Args {}

pub(crate) fn run(_args: Args) -> Result<Outcome> {
    bail!("`ers-golive jwt` is not built yet")
}
