//! `ers-golive keys new --project FILE.json|--plan PLAN.json --out-dir DIR`: a key pair for
//! every application of a go-live project or plan that has no kid yet, on every core, written as the page's ZIP is: one folder per
//! application (`KID.pem` mode 0600, `KID.pem.pub`, `KID.json`), `index.csv` and `README.txt`.
//! Kids follow the template (`{env}-{org}-{mode}-{date}` by default); nothing is overwritten. With
//! a project, the kids and thumbprints are written back into it.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use ers_keys::keypair::{self, KeyOptions};
use ers_rules::golive::keyset::{self, KeySetEntry, KeyTarget};
use ers_rules::golive::kids;
use serde::Serialize;
use zeroize::Zeroizing;

use super::{NewArgs, create_private_dir, key_options, write_new_files};
use ers_rules::Diagnostic;

use crate::Outcome;
use crate::output::{diagnostics_text, print_json, print_text};

#[derive(Serialize)]
struct BulkJson<'a> {
    bits: usize,
    encrypted: bool,
    out_dir: &'a Path,
    keys: Vec<KeyJson<'a>>,
    skipped: Vec<&'a str>,
    index: PathBuf,
    readme: PathBuf,
    diagnostics: Vec<&'a Diagnostic>,
}

#[derive(Serialize)]
struct KeyJson<'a> {
    application: &'a str,
    /// The ASID NHS allocated (empty until known).
    asid: &'a str,
    /// The ASID's name in the plan.
    asid_name: &'a str,
    kid: &'a str,
    thumbprint: &'a str,
    folder: &'a str,
    files: [String; 3],
}

/// Today's date (UTC) as `YYYY-MM-DD`, from the system clock (Howard Hinnant's civil date).
fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    let z = i64::try_from(days).unwrap_or(0) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

pub(super) fn new_for_project(args: NewArgs, options: Checked) -> Result<Outcome> {
    let Some(path) = &args.project else {
        bail!("--project is needed");
    };
    let text = crate::input::read_text(path, ers_rules::limits::PROJECT, "project")?;
    let mut project = ers_rules::project::from_json(&text)
        .with_context(|| format!("could not open the project {}", path.display()))?;
    let plan = project.sync_applications().map_err(|e| {
        anyhow::anyhow!(
            "no plan could be made from the project {}: {e}",
            path.display()
        )
    })?;
    let request = project.pack_request().map_err(|e| {
        anyhow::anyhow!(
            "no plan could be made from the project {}: {e}",
            path.display()
        )
    })?;
    // The project's applications by name, looked up once each (not a search per application).
    let mut index: HashMap<String, usize> = HashMap::with_capacity(project.applications.len());
    for (i, a) in project.applications.iter().enumerate() {
        index.entry(a.name.trim().to_owned()).or_insert(i);
    }
    // The ASID NHS allocated is the application's own (the project's, through the pack
    // request); the ASID's name comes from the plan.
    let targets: Vec<KeyTarget> = request
        .applications
        .iter()
        .zip(&plan.applications)
        .map(|(app, planned)| KeyTarget {
            asid_name: plan
                .asids
                .get(planned.asid_index)
                .map(|a| a.name.clone())
                .unwrap_or_default(),
            application: app.clone(),
            thumbprint: index
                .get(app.name.trim())
                .map(|&i| project.applications[i].thumbprint.clone())
                .unwrap_or_default(),
        })
        .collect();
    let (outcome, made) = make(&args, options, targets, &path.display().to_string())?;
    // The kids and thumbprints go back into the project (never a private key).
    let mut changed = 0;
    for target in &made {
        let Some(app) = index
            .get(target.application.name.trim())
            .and_then(|&i| project.applications.get_mut(i))
        else {
            continue;
        };
        if app.kid != target.application.kid || app.thumbprint != target.thumbprint {
            app.kid.clone_from(&target.application.kid);
            app.thumbprint.clone_from(&target.thumbprint);
            changed += 1;
        }
    }
    if changed > 0 {
        super::replace_file(path, ers_rules::project::to_json(&project).as_bytes())?;
        if !args.json {
            eprintln!(
                "Wrote {changed} kid{} and thumbprint{} into {}.",
                if changed == 1 { "" } else { "s" },
                if changed == 1 { "" } else { "s" },
                path.display()
            );
        }
    }
    Ok(outcome)
}

pub(super) fn new_for_plan(args: NewArgs, options: Checked) -> Result<Outcome> {
    let Some(plan_path) = &args.plan else {
        bail!("--plan is needed");
    };
    let text = crate::input::read_text(plan_path, ers_rules::limits::PLAN_JSON, "plan")?;
    let targets = keyset::targets_from_plan_json(&text)
        .with_context(|| format!("could not read the plan {}", plan_path.display()))?;
    make(&args, options, targets, &plan_path.display().to_string()).map(|(outcome, _)| outcome)
}

/// The key options of a bulk run, checked before anything is read or planned (`--bits 1000`
/// is refused at once), with the warnings the check gave. The kids come from the plan.
pub(super) struct Checked {
    options: KeyOptions,
    warnings: Vec<Diagnostic>,
}

impl Checked {
    /// Reads and checks the options of `args`.
    pub(super) fn options(args: &NewArgs) -> Result<Checked> {
        let options = KeyOptions {
            kid: None,
            ..key_options(args)?
        };
        let warnings = keypair::check_options(&options)?;
        Ok(Checked { options, warnings })
    }
}

/// Makes the missing key pairs of `targets`; returns the outcome and the targets with the new
/// kids and thumbprints filled in.
pub(super) fn make(
    args: &NewArgs,
    options: Checked,
    mut targets: Vec<KeyTarget>,
    source: &str,
) -> Result<(Outcome, Vec<KeyTarget>)> {
    let Checked {
        mut options,
        warnings,
    } = options;
    let date = args.date.clone().unwrap_or_else(today);
    let apps: Vec<_> = targets.iter().map(|t| t.application.clone()).collect();
    let planned =
        kids::planned_kids(&apps, &args.kid_template, &date).map_err(|p| anyhow::anyhow!("{p}"))?;
    // Only applications without a kid get a key; one that has a kid has its key already.
    let (todo, skipped): (Vec<usize>, Vec<usize>) =
        (0..targets.len()).partition(|&i| targets[i].application.kid.trim().is_empty());
    let skipped: Vec<String> = skipped
        .into_iter()
        .map(|i| targets[i].application.name.clone())
        .collect();
    if targets.is_empty() {
        bail!("{source} has no application: make the plan first (`ers-golive plan`)");
    }
    if todo.is_empty() {
        if args.json {
            print_json(&serde_json::json!({ "keys": [], "skipped": skipped }))?;
        } else {
            print_text(&format!(
                "Every application of {source} has a kid (a key pair) already: nothing was made.\n"
            ))?;
        }
        return Ok((Outcome::Ok, targets));
    }
    // Every mistake is reported before the minutes that many keys take.
    refuse_before_writing(args, &targets, &todo, &planned)?;
    if !args.out_dir.is_dir() {
        create_private_dir(&args.out_dir)?;
    }

    let started = std::time::Instant::now();
    let entries = make_keys(args, &mut options, &todo, &planned, &mut targets, started)?;
    let made = Made {
        index: args.out_dir.join(keyset::INDEX_FILE),
        readme: args.out_dir.join(keyset::README_FILE),
        encrypted: options.passphrase.is_some(),
        entries,
        skipped,
        warnings,
        seconds: started.elapsed().as_secs_f64(),
    };
    made.write_index(args)?;
    if args.json {
        print_json(&made.json(args))?;
    } else {
        print_text(&made.text(args))?;
    }
    Ok((Outcome::Ok, targets))
}

/// Refuses, before any key is made, a kid the template gives that no JWKS may hold, and an
/// application folder, index or README that exists already (files are never overwritten).
fn refuse_before_writing(
    args: &NewArgs,
    targets: &[KeyTarget],
    todo: &[usize],
    planned: &[String],
) -> Result<()> {
    for &i in todo {
        ers_keys::jwk::validate_kid(&planned[i])?;
        let folder = args
            .out_dir
            .join(keyset::folder_name(i, &targets[i].application));
        if folder.exists() {
            bail!(
                "{} exists already; nothing was written (choose another --out-dir; files are \
                 never overwritten)",
                folder.display()
            );
        }
    }
    for name in [keyset::INDEX_FILE, keyset::README_FILE] {
        if args.out_dir.join(name).exists() {
            bail!(
                "{} exists already; nothing was written (choose another --out-dir)",
                args.out_dir.join(name).display()
            );
        }
    }
    Ok(())
}

/// Makes the key pair of the `i`-th application into its own folder (KID.pem, mode 0600;
/// KID.pem.pub; KID.json) and notes its kid and thumbprint in `target`.
/// Makes a key pair for each application in `todo`, with its planned kid, saying how far it is
/// (unless the output is JSON).
fn make_keys(
    args: &NewArgs,
    options: &mut KeyOptions,
    todo: &[usize],
    planned: &[String],
    targets: &mut [KeyTarget],
    started: std::time::Instant,
) -> Result<Vec<KeySetEntry>> {
    let mut entries = Vec::with_capacity(todo.len());
    for (done, &i) in todo.iter().enumerate() {
        options.kid = Some(planned[i].clone());
        let entry = make_one(args, options, i, &mut targets[i])?;
        if !args.json {
            eprintln!(
                "  key {} of {}: {} ({:.1} s)",
                done + 1,
                todo.len(),
                entry.target.application.kid,
                started.elapsed().as_secs_f64()
            );
        }
        entries.push(entry);
    }
    Ok(entries)
}

fn make_one(
    args: &NewArgs,
    options: &KeyOptions,
    i: usize,
    target: &mut KeyTarget,
) -> Result<KeySetEntry> {
    let pair = keypair::generate(options)?;
    let folder_name = keyset::folder_name(i, &target.application);
    let folder = args.out_dir.join(&folder_name);
    create_private_dir(&folder)?;
    let jwks_json = Zeroizing::new(format!("{}\n", pair.jwks.to_json()?));
    let file = ers_rules::golive::kid_file_name(&pair.kid);
    let files = [
        folder.join(format!("{file}.pem")),
        folder.join(format!("{file}.pem.pub")),
        folder.join(format!("{file}.json")),
    ];
    write_new_files(&[
        (&files[0], pair.private_key_pem.as_bytes(), true),
        (&files[1], pair.public_key_pem.as_bytes(), false),
        (&files[2], jwks_json.as_bytes(), false),
    ])?;
    target.application.kid = pair.kid.clone();
    target.thumbprint = pair.jwk.thumbprint();
    Ok(KeySetEntry {
        target: target.clone(),
        folder: folder_name,
    })
}

/// What a bulk run made, for its report.
struct Made {
    entries: Vec<KeySetEntry>,
    skipped: Vec<String>,
    warnings: Vec<Diagnostic>,
    index: PathBuf,
    readme: PathBuf,
    encrypted: bool,
    seconds: f64,
}

impl Made {
    /// Writes the key set's index and README, when a key was made.
    fn write_index(&self, args: &NewArgs) -> Result<()> {
        if !self.entries.is_empty() {
            let index_text = keyset::index_csv(&self.entries);
            let readme_text = keyset::readme(&self.entries, args.bits, self.encrypted);
            write_new_files(&[
                (&self.index, index_text.as_bytes(), false),
                (&self.readme, readme_text.as_bytes(), false),
            ])?;
        }
        Ok(())
    }

    fn json<'a>(&'a self, args: &'a NewArgs) -> BulkJson<'a> {
        BulkJson {
            bits: args.bits,
            encrypted: self.encrypted,
            out_dir: &args.out_dir,
            keys: self
                .entries
                .iter()
                .map(|e| KeyJson {
                    application: &e.target.application.name,
                    asid: &e.target.application.asid,
                    asid_name: &e.target.asid_name,
                    kid: &e.target.application.kid,
                    thumbprint: &e.target.thumbprint,
                    folder: &e.folder,
                    files: e.files(),
                })
                .collect(),
            skipped: self.skipped.iter().map(String::as_str).collect(),
            index: self.index.clone(),
            readme: self.readme.clone(),
            diagnostics: self.warnings.iter().collect(),
        }
    }

    fn text(&self, args: &NewArgs) -> String {
        let (entries, skipped) = (&self.entries, &self.skipped);
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Made {} {}-bit RSA key pair{} in {} (4.2), in {:.1} s:",
            entries.len(),
            args.bits,
            if entries.len() == 1 { "" } else { "s" },
            args.out_dir.display(),
            self.seconds
        );
        for e in entries {
            let _ = writeln!(out, "  {}/  kid {}", e.folder, e.target.application.kid);
        }
        if !skipped.is_empty() {
            let _ = writeln!(
                out,
                "{} application{} already had a kid and got no new key.",
                skipped.len(),
                if skipped.len() == 1 { "" } else { "s" }
            );
        }
        if !entries.is_empty() {
            let _ = writeln!(
                out,
                "index.csv lists every application with its ASID, kid and thumbprint; README.txt \
                 says what to register where. The private keys (KID.pem, mode 0600) exist in \
                 these folders only."
            );
        }
        diagnostics_text(&mut out, &self.warnings);
        out
    }
}
