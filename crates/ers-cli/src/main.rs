//! `ers-golive`: the rules and keys of the NHS e-RS Stage 4 go-live, for the terminal.
//!
//! Exit status: 0 success or valid; 1 the input was checked and found wrong; 2 usage or input
//! error (message on stderr). This file is only argument parsing and glue; the work is in the
//! `ers-rules` and `ers-keys` libraries.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Every heap block is wiped when it is freed (1Password's `zeroizing-alloc`): the copies of p,
/// q, d and λ that rsa and crypto-bigint free without wiping them, and any other freed copy of a
/// key, passphrase or token, are zeros by the time the memory is reused.
/// (`crates/ers-keys/tests/wiped.rs` watches this allocator free a key generation's memory.)
#[global_allocator]
static ALLOCATOR: zeroizing_alloc::ZeroAlloc<std::alloc::System> =
    zeroizing_alloc::ZeroAlloc(std::alloc::System);

mod input;
mod jwt;
mod keys;
mod name;
mod output;
mod pack;
mod plan;
mod redact;

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
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // Every message on stderr is said without the secrets given as arguments (clap quotes the
    // argument it could not place: a private key given as `--jwt "$(cat key.pem)"` among them).
    let secrets = redact::secrets_in_args(&args);
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(err) if !err.use_stderr() => err.exit(),
        Err(err) => {
            let message = redact::redact(&err.render().to_string(), &secrets);
            let _ = io::stderr().write_all(message.as_bytes());
            return ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2));
        }
    };
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
            let message = redact::redact(&format!("error: {err:#}\n"), &secrets);
            let message = output::terminal_safe(&message);
            let _ = io::stderr().write_all(message.as_bytes());
            ExitCode::from(2)
        }
    }
}
