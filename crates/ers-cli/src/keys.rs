//! `ers-golive keys`: make an RSA key pair and its JWKS (4.2), add a public key to a JWKS for a
//! key rotation, and check a JWKS.
//!
//! `keys new` writes the three files NHS's own commands make, `KID.pem` (private, mode 0600),
//! `KID.pem.pub` and `KID.json`, and never overwrites a file. `keys jwks` appends a public key
//! (PEM, or the `KID.json` of a new key) to a JWKS, refusing a duplicate kid and a JWKS that holds
//! private-key members, and prints the rotation steps.
//!
//! `keys check` says what the token server will make of a JWKS before it is published.
//!
//! Exit status: 0 done (warnings, e.g. a key under 4096 bits, are printed), or for `keys check`
//! a JWKS the token server can use; 1 `keys check` found a problem; 2 nothing was done (bad
//! option, unreadable or invalid input, a file already there), with the reason on stderr.

use std::fmt::Write as _;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use ers_keys::keypair::{self, Appended, KeyOptions};
use ers_keys::pem::PrivateKeyFormat;
use serde::Serialize;
use zeroize::Zeroizing;

use ers_rules::golive::kids;

use ers_rules::Diagnostic;

use crate::Outcome;
use crate::output::{diagnostics_text, print_json, print_text};

/// The subcommands of `ers-golive keys`.
#[derive(clap::Subcommand)]
pub(crate) enum Command {
    /// Make an RSA key pair: DIR/KID.pem (private, mode 0600), DIR/KID.pem.pub, DIR/KID.json.
    #[command(after_long_help = key_code_table())]
    New(NewArgs),
    /// Add a public key to a JWKS (a key rotation), refusing a duplicate kid.
    #[command(after_long_help = key_code_table())]
    Jwks(JwksArgs),
    /// Check a JWKS before it is published: what the token server will make of it.
    ///
    /// Exit status 0 when the token server can use it, 1 when it has a problem (a bare JWK, an
    /// array or a PEM where a JWKS belongs included), 2 when the file cannot be read at all.
    #[command(after_long_help = jwks_code_table())]
    Check(CheckArgs),
}

/// Arguments of `ers-golive keys check`.
#[derive(clap::Args)]
pub(crate) struct CheckArgs {
    /// The JWKS file (`-` reads standard input).
    #[arg(value_name = "JWKS.json")]
    jwks: PathBuf,
    /// Print JSON: every finding in `diagnostics`, the keys read, the notes.
    #[arg(long)]
    json: bool,
}

/// The codes `keys check` reports, for `--help`, from the registry.
fn jwks_code_table() -> String {
    crate::output::code_table("Codes (guidance 4.2):", ers_keys::jwks_check::codes::ALL)
}

/// The codes `keys new` and `keys jwks` report, for `--help`, from the registry.
fn key_code_table() -> String {
    crate::output::code_table("Codes (guidance 4.2):", ers_keys::keypair::codes::ALL)
}

/// Arguments of `ers-golive keys new`.
#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("bulk").args(["plan", "project"])))]
pub(crate) struct NewArgs {
    /// The key's id, naming the files and the JWKS entry (e.g. prod-1). Default: the key's
    /// RFC 7638 thumbprint.
    #[arg(long, value_name = "KID", conflicts_with = "bulk", allow_hyphen_values = true, value_parser = crate::redact::not_secret)]
    kid: Option<String>,
    /// Make a key pair for every application of this go-live project (`ers-golive plan
    /// --project`, or the page's project file) that has no kid yet, on every core: one folder
    /// per application in --out-dir, with index.csv and README.txt; the kids and thumbprints
    /// are written back into the project.
    #[arg(long, value_name = "FILE.json")]
    project: Option<PathBuf>,
    /// As --project, from a plan (`ers-golive plan --json`, or the planner's JSON download);
    /// the plan file is not changed.
    #[arg(long, value_name = "PLAN.json")]
    plan: Option<PathBuf>,
    /// With --project or --plan: the kids' template; placeholders {env} {org} {ods} {mode}
    /// {date} {n}.
    #[arg(long, value_name = "TEMPLATE", default_value = kids::DEFAULT_TEMPLATE, requires = "bulk")]
    kid_template: String,
    /// With --project or --plan: the date the kids carry, YYYY-MM-DD. Default: today (UTC).
    #[arg(long, value_name = "YYYY-MM-DD", requires = "bulk")]
    date: Option<String>,
    /// Key size: 4096 (what NHS documents), 3072 or 2048.
    #[arg(long, value_name = "BITS", default_value_t = keypair::DEFAULT_BITS)]
    bits: usize,
    /// Write the private key as PKCS#1 (BEGIN RSA PRIVATE KEY), for Java clients that need it.
    #[arg(long)]
    pkcs1: bool,
    /// Encrypt the private key (PKCS#8, PBES2 AES-256-CBC) with the passphrase in this file
    /// (its first line).
    #[arg(long, value_name = "FILE", conflicts_with = "pkcs1")]
    passphrase_file: Option<PathBuf>,
    /// The folder to write the files in (made if missing).
    #[arg(long, value_name = "DIR")]
    out_dir: PathBuf,
    /// Print what was made as JSON.
    #[arg(long)]
    json: bool,
}

/// Arguments of `ers-golive keys jwks`.
#[derive(clap::Args)]
pub(crate) struct JwksArgs {
    /// The public key to add: KID.pem.pub (SPKI or PKCS#1 PEM) or KID.json (a JWKS); `-` reads
    /// stdin.
    #[arg(long, value_name = "FILE")]
    add: PathBuf,
    /// The kid of the added key. Default: for a PEM, its RFC 7638 thumbprint; for a JWKS, its
    /// own kid.
    #[arg(long, value_name = "KID", allow_hyphen_values = true, value_parser = crate::redact::not_secret)]
    kid: Option<String>,
    /// The JWKS to add to, updated in place (made if missing). Without it, the new JWKS is
    /// printed.
    #[arg(long, value_name = "JWKS.json")]
    to: Option<PathBuf>,
    /// Print the result as JSON.
    #[arg(long)]
    json: bool,
}

pub(crate) fn run(command: Command) -> Result<Outcome> {
    match command {
        Command::New(args) => new(args),
        Command::Jwks(args) => jwks(args),
        Command::Check(args) => check(args),
    }
}

// ------------------------------------------------------------------------------- keys new

#[derive(Serialize)]
struct NewJson<'a> {
    kid: &'a str,
    file_name: &'a str,
    bits: usize,
    format: &'a str,
    encrypted: bool,
    files: Files,
    diagnostics: Vec<&'a Diagnostic>,
}

#[derive(Serialize)]
struct Files {
    private_key: PathBuf,
    public_key: PathBuf,
    jwks: PathBuf,
}

impl Files {
    /// The three files of `kid`, named with its safe file-name form (a kid is any string the
    /// JWKS holds; the file names are not).
    fn new(dir: &Path, kid: &str) -> Files {
        let kid = ers_keys::jwk::kid_file_name(kid);
        Files {
            private_key: dir.join(format!("{kid}.pem")),
            public_key: dir.join(format!("{kid}.pem.pub")),
            jwks: dir.join(format!("{kid}.json")),
        }
    }

    fn all(&self) -> [&Path; 3] {
        [&self.private_key, &self.public_key, &self.jwks]
    }

    /// Refuses before any work when one of the files is there already.
    fn ensure_absent(&self) -> Result<()> {
        for path in self.all() {
            if path.exists() {
                bail!(
                    "{} exists already; nothing was written (choose another --kid or --out-dir; \
                     files are never overwritten)",
                    path.display()
                );
            }
        }
        Ok(())
    }
}

fn new(args: NewArgs) -> Result<Outcome> {
    // Every option is checked before a project or plan is read, and before any kid is planned.
    if args.project.is_some() {
        let options = bulk::Checked::options(&args)?;
        return bulk::new_for_project(args, options);
    }
    if args.plan.is_some() {
        let options = bulk::Checked::options(&args)?;
        return bulk::new_for_plan(args, options);
    }
    let options = key_options(&args)?;
    // Every mistake is reported before the seconds that key generation takes.
    keypair::check_options(&options)?;
    if let Some(kid) = &args.kid {
        Files::new(&args.out_dir, kid).ensure_absent()?;
    }
    if !args.out_dir.is_dir() {
        create_private_dir(&args.out_dir)?;
    }

    let pair = keypair::generate(&options)?;
    let files = Files::new(&args.out_dir, &pair.kid);
    files.ensure_absent()?;
    let jwks_json = Zeroizing::new(format!("{}\n", pair.jwks.to_json()?));
    write_new_files(&[
        (&files.private_key, pair.private_key_pem.as_bytes(), true),
        (&files.public_key, pair.public_key_pem.as_bytes(), false),
        (&files.jwks, jwks_json.as_bytes(), false),
    ])?;

    let format = match (pair.format, pair.encrypted) {
        (PrivateKeyFormat::Pkcs1, _) => "pkcs1",
        (PrivateKeyFormat::Pkcs8, false) => "pkcs8",
        (PrivateKeyFormat::Pkcs8, true) => "pkcs8-encrypted",
    };
    if args.json {
        print_json(&NewJson {
            kid: &pair.kid,
            file_name: &pair.file_name,
            bits: pair.bits,
            format,
            encrypted: pair.encrypted,
            diagnostics: pair.diagnostics.iter().collect(),
            files,
        })?;
        return Ok(Outcome::Ok);
    }
    let mut out = new_text(&pair, &files, format);
    diagnostics_text(&mut out, &pair.diagnostics);
    print_text(&out)?;
    Ok(Outcome::Ok)
}

/// The options of the key pair to make: size, kid, format and passphrase.
pub(super) fn key_options(args: &NewArgs) -> Result<KeyOptions> {
    let passphrase = match &args.passphrase_file {
        Some(path) => Some(read_passphrase(path)?),
        None => None,
    };
    Ok(KeyOptions {
        bits: args.bits,
        kid: args.kid.clone(),
        format: if args.pkcs1 {
            PrivateKeyFormat::Pkcs1
        } else {
            PrivateKeyFormat::Pkcs8
        },
        passphrase,
    })
}

/// What `keys new` says it made, and where.
fn new_text(pair: &keypair::KeyPair, files: &Files, format: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Made a {}-bit RSA key pair with kid \"{}\" (4.2):",
        pair.bits, pair.kid
    );
    let private_kind = match format {
        "pkcs1" => "private key, PKCS#1",
        "pkcs8-encrypted" => "private key, PKCS#8 encrypted with your passphrase",
        _ => "private key, PKCS#8",
    };
    let _ = writeln!(
        out,
        "  {}  {private_kind}, mode 0600: keep it secret; never send it to anyone, NHS included",
        files.private_key.display()
    );
    let _ = writeln!(out, "  {}  public key (SPKI)", files.public_key.display());
    if pair.file_name != pair.kid {
        let _ = writeln!(
            out,
            "  (the files are named \"{}\", the kid's safe file-name form; the kid itself is \
             unchanged)",
            pair.file_name
        );
    }
    let _ = writeln!(
        out,
        "  {}  JWKS: publish it at your application's JWKS URL",
        files.jwks.display()
    );
    let _ = writeln!(
        out,
        "Sign client assertions with kid \"{}\" (RS512). The private key exists in this folder \
         only.",
        pair.kid
    );
    out
}

mod bulk;

/// Reads a passphrase file's first line (without its line end).
pub(super) fn read_passphrase(path: &Path) -> Result<Zeroizing<String>> {
    // Through the one bounded reader: a wrong file (or `/dev/zero`) stops at the limit.
    let text = crate::input::read_text(path, ers_rules::limits::PASSPHRASE, "passphrase")?;
    let line = text.lines().next().unwrap_or_default();
    if line.is_empty() {
        bail!(
            "the passphrase file {} is empty (its first line is the passphrase)",
            path.display()
        );
    }
    Ok(Zeroizing::new(line.to_owned()))
}

/// Makes the output folder, readable by its owner only on Unix.
pub(super) fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        builder.mode(0o700);
    }
    builder
        .create(dir)
        .with_context(|| format!("could not make the folder {}", dir.display()))
}

/// Writes each file, refusing to replace one; on any failure removes those it wrote.
pub(super) fn write_new_files(files: &[(&PathBuf, &[u8], bool)]) -> Result<()> {
    let mut written: Vec<&Path> = Vec::new();
    for (path, bytes, private) in files {
        let result = create_new(path, *private).and_then(|mut file| {
            file.write_all(bytes)?;
            file.sync_all()
        });
        if let Err(e) = result {
            for done in &written {
                let _ = fs::remove_file(done);
            }
            if e.kind() == io::ErrorKind::AlreadyExists {
                bail!(
                    "{} exists already; nothing was written (files are never overwritten)",
                    path.display()
                );
            }
            return Err(e).with_context(|| format!("could not write {}", path.display()));
        }
        written.push(path);
    }
    Ok(())
}

fn create_new(path: &Path, private: bool) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(if private { 0o600 } else { 0o644 });
    }
    #[cfg(not(unix))]
    let _ = private;
    options.open(path)
}

// ------------------------------------------------------------------------------ keys jwks

#[derive(Serialize)]
struct JwksJson<'a> {
    jwks: serde_json::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a Path>,
    added: &'a [String],
    existing: &'a [String],
    steps: &'a [String],
    diagnostics: Vec<&'a Diagnostic>,
}

fn jwks(args: JwksArgs) -> Result<Outcome> {
    // A public key or JWK to add is well under the JWKS limit; a private key given by mistake
    // is read into a zeroizing buffer and refused without being repeated.
    let addition = crate::input::read_text(&args.add, ers_rules::limits::JWKS, "key")?;
    let existing = match &args.to {
        Some(path) if path.exists() => Some(crate::input::read_text(
            path,
            ers_rules::limits::JWKS,
            "JWKS",
        )?),
        _ => None,
    };
    let appended = keypair::append(
        existing.as_deref().map(String::as_str),
        &addition,
        args.kid.as_deref(),
    )
    .with_context(|| match &args.to {
        Some(to) => format!("could not add {} to {}", args.add.display(), to.display()),
        None => format!("could not add {}", args.add.display()),
    })?;
    let json = format!("{}\n", appended.jwks.to_json()?);
    if let Some(path) = &args.to {
        replace_file(path, json.as_bytes())?;
    }

    if args.json {
        print_json(&JwksJson {
            jwks: serde_json::from_str(&json)?,
            file: args.to.as_deref(),
            added: &appended.added,
            existing: &appended.existing,
            steps: &appended.steps,
            diagnostics: appended.diagnostics.iter().collect(),
        })?;
        return Ok(Outcome::Ok);
    }
    let Some(path) = &args.to else {
        print_text(&json)?;
        let mut notes = String::new();
        diagnostics_text(&mut notes, &appended.diagnostics);
        let _ = io::stderr().write_all(notes.as_bytes());
        return Ok(Outcome::Ok);
    };
    print_text(&summary(path, &appended))?;
    Ok(Outcome::Ok)
}

fn summary(path: &Path, appended: &Appended) -> String {
    let mut out = String::new();
    let quoted = |kids: &[String]| {
        kids.iter()
            .map(|k| format!("\"{k}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(
        out,
        "Added {} to {}; it now holds {}.",
        quoted(&appended.added),
        path.display(),
        quoted(
            &appended
                .jwks
                .kids()
                .iter()
                .map(|k| (*k).to_owned())
                .collect::<Vec<_>>()
        )
    );
    diagnostics_text(&mut out, &appended.diagnostics);
    if !appended.steps.is_empty() {
        let _ = writeln!(out, "\nRotation (4.2):");
        for (i, step) in appended.steps.iter().enumerate() {
            let _ = writeln!(out, "  {}. {step}", i + 1);
        }
    }
    out
}

/// Replaces `path` with `bytes` atomically (a temporary file in the same folder, then rename),
/// so a failure never leaves a half-written JWKS.
pub(crate) fn replace_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.ers-golive-{}.tmp", std::process::id()));
    let result = create_new(&temp, false)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            file.sync_all()
        })
        .and_then(|()| fs::rename(&temp, path));
    if let Err(e) = result {
        let _ = fs::remove_file(&temp);
        return Err(e).with_context(|| format!("could not write {}", path.display()));
    }
    Ok(())
}

// ----------------------------------------------------------------------------- keys check

#[derive(Serialize)]
struct CheckJson<'a> {
    valid: bool,
    diagnostics: &'a [Diagnostic],
    keys: &'a [ers_keys::jwks_check::KeySummary],
    notes: &'a [String],
}

/// Reads the JWKS file: exit 2 (an error here) when it is missing, not text, or over the JWKS
/// limit ([`ers_rules::limits::JWKS`], the same everywhere a JWKS is read).
fn read_jwks_file(path: &Path) -> Result<zeroize::Zeroizing<String>> {
    crate::input::read_text(path, ers_rules::limits::JWKS, "JWKS")
}

fn check(args: CheckArgs) -> Result<Outcome> {
    let text = read_jwks_file(&args.jwks)?;
    let report = ers_keys::jwks_check::check_jwks(&text);
    if args.json {
        print_json(&CheckJson {
            valid: report.is_valid(),
            diagnostics: &report.findings,
            keys: &report.keys,
            notes: &report.notes,
        })?;
    } else {
        let mut out = String::new();
        for f in &report.findings {
            crate::output::diagnostic_head(&mut out, f);
            let _ = match f.context.key {
                Some(i) => writeln!(out, "  --> {}: key {}", args.jwks.display(), i + 1),
                None => writeln!(out, "  --> {}", args.jwks.display()),
            };
            if let Some(s) = &f.suggestion {
                let _ = writeln!(out, "   = suggestion: {s}");
            }
            crate::output::diagnostic_foot(&mut out, f);
        }
        for note in &report.notes {
            let _ = writeln!(out, "note: {note}");
        }
        let errors = report.findings.iter().filter(|f| f.is_error()).count();
        let warnings = report.findings.len() - errors;
        let kids: Vec<String> = report
            .keys
            .iter()
            .filter_map(|k| {
                k.kid
                    .as_ref()
                    .map(|kid| format!("\"{}\"", ers_keys::error::shown_kid(kid)))
            })
            .collect();
        if errors == 0 {
            let _ = writeln!(
                out,
                "ok: the token server can use this JWKS: {} key{}{}{}",
                report.keys.len(),
                if report.keys.len() == 1 { "" } else { "s" },
                if kids.is_empty() {
                    String::new()
                } else {
                    format!(", kid {}", kids.join(", "))
                },
                if warnings > 0 {
                    format!(" ({})", crate::output::plural(warnings, "warning"))
                } else {
                    String::new()
                }
            );
        } else {
            let _ = writeln!(
                out,
                "error: the token server cannot use this JWKS as it is: {}{}",
                crate::output::plural(errors, "error"),
                if warnings > 0 {
                    format!(", {}", crate::output::plural(warnings, "warning"))
                } else {
                    String::new()
                }
            );
        }
        print_text(&out)?;
    }
    Ok(if report.is_valid() {
        Outcome::Ok
    } else {
        Outcome::Findings
    })
}
