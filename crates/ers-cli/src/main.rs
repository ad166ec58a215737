//! `ers-golive`: the rules and keys of the NHS e-RS Stage 4 go-live, for the terminal.
//!
//! Exit status: 0 success or valid; 1 the input was checked and found wrong; 2 usage or input
//! error (message on stderr). This file is only argument parsing and glue; the work is in the
//! `ers-rules` and `ers-keys` libraries.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod input;
mod jwt;
mod keys;
mod name;
mod output;
mod pack;
mod plan;

/// Take a software supplier through the NHS e-Referral Service Stage 4 (Release) go-live.
///
/// Not an official NHS England service. Everything runs on this machine; nothing is sent anywhere.
#[derive(Parser)]
#[command(name = "ers-golive", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check or build a PROD application name (guidance 4.14, 4.15).
    #[command(subcommand)]
    Name(name::Command),
    /// Plan the ASIDs, applications, APIs and key pairs for each end-user organisation (4.15–4.17).
    Plan(plan::Args),
    /// Make RSA key pairs and JWKS files (4.2).
    #[command(subcommand)]
    Keys(keys::Command),
    /// Sign or check a client-assertion JWT.
    #[command(subcommand)]
    Jwt(jwt::Command),
    /// Make the go-live pack: the PROD form details and the Stage 4 checklist (4.3).
    Pack(pack::Args),
}

/// What a command found, mapped to the exit status.
pub(crate) enum Outcome {
    /// Done, or checked and valid: exit 0.
    Ok,
    /// Checked and found wrong: exit 1.
    Findings,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Name(args) => name::run(args),
        Command::Plan(args) => plan::run(args),
        Command::Keys(args) => keys::run(args),
        Command::Jwt(args) => jwt::run(args),
        Command::Pack(args) => pack::run(args),
    };
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(err) if output::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let _ = writeln!(io::stderr(), "error: {err:#}");
            ExitCode::from(2)
        }
    }
}
