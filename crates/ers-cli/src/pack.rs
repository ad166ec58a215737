//! `ers-golive pack`: the go-live pack (4.3) from a plan and the details filled in: the PROD
//! form details of every application, checked, with the Stage 4 checklist, as text, JSON, CSV
//! or a Markdown email to the e-RS Partners team.
//!
//! Exit status: 0 the pack is complete (every detail filled in, nothing wrong); 1 it is made
//! but incomplete or something is wrong (the findings say what); 2 the plan or details file
//! cannot be read.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use ers_rules::Diagnostic;
use ers_rules::golive::{self, Pack, apply_details, parse_details_csv, request_from_plan_json};
use ers_rules::plan::decode;
use ers_rules::project::{Project, from_json, to_json as project_json};

use crate::Outcome;
use crate::output::{diagnostic_foot, diagnostic_head, print_text};

/// Arguments of `ers-golive pack`.
#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("format").args(["json", "csv", "markdown", "email"])))]
#[command(group(clap::ArgGroup::new("source").args(["plan", "project"]).required(true)))]
#[command(after_long_help = code_table())]
pub(crate) struct Args {
    /// The plan, as `ers-golive plan --json` or the planner's JSON download writes it (`-` for
    /// stdin).
    #[arg(long, value_name = "PLAN.json")]
    plan: Option<PathBuf>,
    /// The go-live project file, as `ers-golive plan --project` or the page's "Save project
    /// file" writes it (`-` for stdin). A file holding a private key, a passphrase or a client
    /// secret is refused.
    #[arg(long, value_name = "FILE.json")]
    project: Option<PathBuf>,
    /// A CSV file of the details per application, with a header row naming the columns:
    /// application name, ASID, AppID, API key, kid, JWKS URL, callback URL (any order; never
    /// the client secret). The CSV `ers-golive plan --csv` writes, filled in, is accepted as it
    /// is.
    #[arg(long, value_name = "DETAILS.csv")]
    details: Option<PathBuf>,
    /// With `--project`: write the project, with the details file merged in, to this file (it
    /// may be the project file itself).
    #[arg(long, value_name = "FILE.json", requires = "project")]
    save_project: Option<PathBuf>,
    /// Steps of the Stage 4 checklist already done (e.g. `--done 4.11 --done 4.2`).
    #[arg(long = "done", value_name = "STEP")]
    done: Vec<String>,
    /// Print the pack as JSON.
    #[arg(long)]
    json: bool,
    /// Print the pack as CSV (UTF-8 with BOM, for a spreadsheet).
    #[arg(long)]
    csv: bool,
    /// Print the pack as a Markdown email to the e-RS Partners team.
    #[arg(long)]
    markdown: bool,
    /// Print the pack as a plain-text email to the e-RS Partners team.
    #[arg(long)]
    email: bool,
    /// Who signs the email (a project's own contact is used when this is left out).
    #[arg(long, value_name = "NAME")]
    contact: Option<String>,
}

fn read(path: &Path, limit: ers_rules::limits::Limit, what: &str) -> Result<Vec<u8>> {
    Ok(std::mem::take(&mut *crate::input::read_bytes(
        path, limit, what,
    )?))
}

/// Reads the project file, refusing one that holds a secret (exit 2, the secret not repeated).
pub(crate) fn read_project(path: &Path) -> Result<Project> {
    let bytes = read(path, ers_rules::limits::PROJECT, "project")?;
    let text = String::from_utf8(bytes)
        .with_context(|| format!("the project file {} is not UTF-8 text", path.display()))?;
    from_json(&text).with_context(|| format!("could not open the project {}", path.display()))
}

pub(crate) fn run(args: Args) -> Result<Outcome> {
    // The source is read first, then the details file, so a bad source is reported first.
    let read_details = || -> Result<Option<String>> {
        match &args.details {
            Some(path) => Ok(Some(
                decode(&read(path, ers_rules::limits::DETAILS_CSV, "details")?).0,
            )),
            None => Ok(None),
        }
    };
    let mut import: Vec<Diagnostic> = Vec::new();
    let mut request = if let Some(path) = &args.project {
        let mut project = read_project(path)?;
        for step in &args.done {
            // The project is saved with its ticked steps: a secret never goes in.
            ers_rules::secret::check(step, || "a --done step".to_owned())?;
            if !project.is_done(step.trim()) {
                project.done.push(step.trim().to_owned());
            }
        }
        if let Some(text) = &read_details()? {
            import = project.import_details(text).map_err(|e| {
                if e.code() == golive::codes::SECRET {
                    anyhow::anyhow!("{}", details_refusal(&args, &e.problems[0]))
                } else {
                    anyhow::anyhow!("no plan could be made from the project: {e}")
                }
            })?;
        }
        if let Some(out) = &args.save_project {
            // Atomically: a failure never leaves half a project file.
            crate::keys::replace_file(out, project_json(&project).as_bytes())?;
        }
        project
            .pack_request()
            .map_err(|e| anyhow::anyhow!("no plan could be made from the project: {e}"))?
    } else {
        let plan_path = args.plan.as_deref().unwrap_or(Path::new("-"));
        let plan_bytes = read(plan_path, ers_rules::limits::PLAN_JSON, "plan")?;
        let plan_text = String::from_utf8(plan_bytes)
            .with_context(|| format!("the plan file {} is not UTF-8 text", plan_path.display()))?;
        let mut request = request_from_plan_json(&plan_text)
            .with_context(|| format!("could not read the plan {}", plan_path.display()))?;
        request.done.clone_from(&args.done);
        if let Some(text) = &read_details()? {
            let details = parse_details_csv(text);
            if let Some(refused) = details.refused() {
                bail!("{}", details_refusal(&args, refused));
            }
            import = details.problems.clone();
            import.extend(apply_details(&mut request, &details));
        }
        request
    };
    if let Some(contact) = &args.contact {
        request.contact.clone_from(contact);
    }
    let pack = golive::pack(&request).with_findings(import);

    if args.json {
        print_text(&golive::to_json(&pack).context("could not write the pack as JSON")?)?;
        print_text("\n")?;
    } else if args.csv {
        print_text(&golive::to_csv(&pack))?;
    } else if args.markdown {
        print_text(&golive::to_markdown(&pack))?;
    } else if args.email {
        print_text(&golive::to_text(&pack))?;
    } else {
        print_text(&text(&pack))?;
    }
    Ok(if pack.complete {
        Outcome::Ok
    } else {
        Outcome::Findings
    })
}

/// Why a details file holding a secret was refused (exit 2): the file, the line and column,
/// never the value.
fn details_refusal(args: &Args, refused: &Diagnostic) -> String {
    let file = args
        .details
        .as_deref()
        .map_or_else(String::new, |p| format!("{} ", p.display()));
    format!(
        "the details file {file}was not read: error[{}]: {} {}",
        refused.code,
        refused.message,
        refused.help.as_deref().unwrap_or_default()
    )
}

/// The pack for people: each application with its details and findings, then the checklist.
fn text(pack: &Pack) -> String {
    let mut out = String::with_capacity(512 + pack.applications.len() * 400);
    heading(&mut out, pack);
    for (i, app) in pack.applications.iter().enumerate() {
        application(&mut out, pack, i, app);
    }
    let general: Vec<&Diagnostic> = pack
        .findings
        .iter()
        .filter(|f| f.context.application.is_none())
        .collect();
    if !general.is_empty() {
        out.push('\n');
        for f in general {
            finding(&mut out, f);
        }
    }
    checklist(&mut out, pack);
    out.push_str(
        "\nThe PROD form's exact fields are not public; the e-RS Partners team sends it. \
         Never put a client secret or private key in it.\n",
    );
    out
}

/// The pack's first line: the product and how many applications, then the pack's one summary
/// (the sentence the page and the email's DRAFT line show): what is missing and what is wrong.
fn heading(out: &mut String, pack: &Pack) {
    let _ = writeln!(
        out,
        "Go-live pack{}: {} PROD {}.\n{}\n{}",
        if pack.product.is_empty() {
            String::new()
        } else {
            format!(" for {}", pack.product)
        },
        ers_rules::words::thousands(pack.totals.applications),
        if pack.totals.applications == 1 {
            "application"
        } else {
            "applications"
        },
        pack.summary(),
        pack.next_step(),
    );
}

/// One application: its access, its details and its findings.
fn application(out: &mut String, pack: &Pack, i: usize, app: &golive::PackApplication) {
    let _ = writeln!(out, "\n{}. {}", i + 1, missing_or(&app.name));
    let _ = writeln!(
        out,
        "   {} {}{} · {}{}",
        app.environment.map_or("?", |e| e.name_token()),
        app.access_mode.map_or("?", |m| m.id()),
        app.capability
            .map_or(String::new(), |c| format!(" ({})", c.id())),
        app.api,
        if app.organisation.is_empty() {
            String::new()
        } else {
            format!(" · {}", app.organisation)
        }
    );
    for (label, value) in app.labelled(golive::place::TYPED) {
        let _ = writeln!(out, "   {:<9} {value}", format!("{label}:"));
    }
    for f in pack
        .findings
        .iter()
        .filter(|f| f.context.application == Some(i))
    {
        finding(out, f);
    }
}

/// A detail as shown, or "(missing)".
fn missing_or(v: &str) -> String {
    if v.is_empty() {
        "(missing)".to_owned()
    } else {
        v.to_owned()
    }
}

/// The Stage 4 checklist, ticked where done.
fn checklist(out: &mut String, pack: &Pack) {
    out.push_str("\nStage 4 checklist:\n");
    for item in &pack.checklist {
        let _ = writeln!(
            out,
            "  [{}] {:<4} {}{}{}",
            if item.done { "x" } else { " " },
            item.step.number,
            item.step.title,
            if item.step.per_application {
                " (each application)"
            } else {
                ""
            },
            item.note
                .as_deref()
                .map_or(String::new(), |note| format!(" — {note}"))
        );
    }
}

/// A finding, rustc-style like every subcommand's: head, suggestion, `= help`, `= rule`.
fn finding(out: &mut String, d: &Diagnostic) {
    diagnostic_head(out, d);
    if let Some(s) = &d.suggestion {
        let _ = writeln!(out, "   = suggestion: {s}");
    }
    diagnostic_foot(out, d);
}

/// The codes `pack` reports, for `--help`, from the registry.
fn code_table() -> String {
    crate::output::code_table("Codes (ERS-G):", ers_rules::golive::codes::ALL)
}
