//! `ers-golive plan`: the ASIDs, PROD applications, APIs and key pairs for every end-user
//! organisation (4.14–4.17, 4.2), as text, JSON, CSV or Markdown.
//!
//! Exit status: 0 the plan is made and nothing in the input needs a look; 1 the plan is made
//! but some input does (a duplicate EUO, an unusual ODS code, an unknown service, a CSV row
//! not imported); 2 no plan can be made (no EUO, no access mode, empty product name, an
//! unreadable file), with the reasons on stderr.

use std::fmt::Write as _;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use ers_rules::plan::{
    Access, Euo, Plan, PlanRequest, Service, parse_euo_csv_bytes, plan, to_csv, to_json,
    to_markdown,
};
use ers_rules::{Diagnostic, Severity};

use ers_rules::project::{Project, from_json, to_json as project_json};

use crate::Outcome;
use crate::output::print_text;

/// Arguments of `ers-golive plan`.
#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("format").args(["json", "csv", "markdown"])))]
#[command(after_long_help = code_table())]
pub(crate) struct Args {
    /// The product's name (goes into every ASID and application name).
    #[arg(long, value_name = "P")]
    product: String,
    /// The supplier's name for application names (4.14); the product's name if left out.
    #[arg(long, value_name = "S")]
    supplier: Option<String>,
    /// An end-user organisation, with its ODS code after `=` if known; repeat for each.
    #[arg(long = "euo", value_name = "NAME[=ODS]")]
    euos: Vec<String>,
    /// A CSV file of end-user organisations (`-` for stdin): a header naming the organisation
    /// and ODS code columns, or two columns without a header.
    #[arg(long = "euo-csv", value_name = "FILE")]
    euo_csv: Option<PathBuf>,
    /// The product uses user-restricted access.
    #[arg(long)]
    user_restricted: bool,
    /// The product uses application-restricted access as a referrer.
    #[arg(long)]
    app_restricted_referrer: bool,
    /// The product uses application-restricted access as a provider.
    #[arg(long)]
    app_restricted_provider: bool,
    /// Another NHS service the product uses (4.17): PDS, EPS, SCR, NEMS, CP-IS, GP Connect,
    /// or `apim:NAME` / `shareable:NAME` for one 4.17 does not name; repeat for each.
    #[arg(long = "service", value_name = "NAME")]
    services: Vec<String>,
    /// The pattern of each application name's app part (4.14), with placeholders {product},
    /// {capability}, {organisation}, {ods}; default `{product} {capability} for {organisation}`.
    #[arg(long, value_name = "PATTERN")]
    app_name_pattern: Option<String>,
    /// The pattern of each ASID's name (4.16), with placeholders {organisation}, {ods},
    /// {product}, {access}, {n}; default as 4.16 writes it.
    #[arg(long, value_name = "PATTERN")]
    asid_name_pattern: Option<String>,
    /// Also write the go-live project file (the plan's inputs, and a place per PROD application
    /// for its ASID, AppID, API key, kid and JWKS URL). An existing project file keeps what was
    /// filled in, matched by application name.
    #[arg(long, value_name = "FILE.json")]
    project: Option<PathBuf>,
    /// Print the plan as JSON.
    #[arg(long)]
    json: bool,
    /// Print the plan as CSV (UTF-8 with BOM, for a spreadsheet).
    #[arg(long)]
    csv: bool,
    /// Print the plan as a Markdown table (for an email).
    #[arg(long)]
    markdown: bool,
}

pub(crate) fn run(args: Args) -> Result<Outcome> {
    let mut euos: Vec<Euo> = args.euos.iter().map(|s| Euo::parse(s)).collect();
    let mut import_notes: Vec<Diagnostic> = Vec::new();
    if let Some(path) = &args.euo_csv {
        let import = import_euos(path)?;
        euos.extend(import.euos);
        import_notes = import.problems;
    }
    let request = PlanRequest {
        product: args.product,
        supplier: args.supplier,
        euos,
        access: Access::from_flags(
            args.user_restricted,
            args.app_restricted_referrer,
            args.app_restricted_provider,
        ),
        services: args.services.iter().map(|s| Service::parse(s)).collect(),
        app_name_pattern: args.app_name_pattern,
        asid_name_pattern: args.asid_name_pattern,
    };
    let mut plan = plan(&request).map_err(|err| anyhow::anyhow!(refusal(&err)))?;
    if let Some(path) = &args.project {
        write_project(path, &request)?;
    }
    let import_failed = import_notes.iter().any(|n| n.severity == Severity::Error);
    // Import findings come first in the notes, so one list tells the whole story.
    import_notes.append(&mut plan.notes);
    plan.notes = import_notes;

    if args.json {
        print_text(&to_json(&plan).context("could not write the plan as JSON")?)?;
        print_text("\n")?;
    } else if args.csv {
        print_text(&to_csv(&plan))?;
    } else if args.markdown {
        print_text(&to_markdown(&plan))?;
    } else {
        print_text(&text(&plan))?;
    }

    let warned = plan.notes.iter().any(|n| n.severity == Severity::Warning);
    Ok(if import_failed || warned {
        Outcome::Findings
    } else {
        Outcome::Ok
    })
}

/// Reads the EUO CSV at `path`, reporting its problems (not its infos) on stderr. A private key
/// in the file refuses it whole (exit 2), never repeated.
fn import_euos(path: &Path) -> Result<ers_rules::plan::EuoImport> {
    let bytes = crate::input::read_bytes(path, ers_rules::limits::CSV, "EUO CSV")?;
    let import = parse_euo_csv_bytes(&bytes);
    let shown = path.display().to_string();
    if let Some(refused) = import
        .problems
        .iter()
        .find(|n| n.code == ers_rules::plan::codes::CSV_SECRET.code)
    {
        bail!(
            "the EUO CSV {shown} was not read: error[{}]: {}",
            refused.code,
            refused.message
        );
    }
    for note in &import.problems {
        if note.severity != Severity::Info {
            report(&shown, note)?;
        }
    }
    Ok(import)
}

/// Why no plan could be made: every problem, and the flags when no access mode was chosen.
fn refusal(err: &ers_rules::plan::PlanError) -> String {
    let mut message = String::from("no plan could be made:");
    for note in &err.problems {
        message.push('\n');
        push_note(&mut message, note, false);
    }
    if err
        .problems
        .iter()
        .any(|n| n.code == ers_rules::plan::codes::NO_ACCESS_MODE.code)
    {
        message.push_str(
            "\n    use --user-restricted, --app-restricted-referrer and/or --app-restricted-provider",
        );
    }
    message
}

/// Writes the project file for `request`, keeping the details an existing one holds. An
/// existing file is read whole, under the project limit, through the one bounded reader, or
/// left as it is: a file that could not be read (over the limit, not UTF-8, not a project) is
/// never overwritten. The new file replaces the old one atomically.
fn write_project(path: &Path, request: &PlanRequest) -> Result<()> {
    let mut project = Project::from_request(request);
    match std::fs::metadata(path) {
        Ok(_) => {
            let text = crate::input::read_text(path, ers_rules::limits::PROJECT, "project")
                .with_context(|| format!("{} was left as it is", path.display()))?;
            let old = from_json(&text).with_context(|| {
                format!(
                    "{} exists and is not a project file this can update; it was left as it is: \
                     give another file name",
                    path.display()
                )
            })?;
            project.contact = old.contact;
            project.applications = old.applications;
            project.done = old.done;
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => {
            return Err(e).with_context(|| format!("could not read {}", path.display()));
        }
    }
    project
        .sync_applications()
        .map_err(|e| anyhow::anyhow!("no project could be made: {e}"))?;
    crate::keys::replace_file(path, project_json(&project).as_bytes())
        .with_context(|| format!("could not write the project file {}", path.display()))
}

/// A CSV import finding on stderr, `FILE:LINE: error[CODE]: message`.
fn report(file: &str, note: &Diagnostic) -> Result<()> {
    let mut err = io::stderr().lock();
    match note.context.line {
        Some(line) => write!(err, "{file}:{line}: ")?,
        None => write!(err, "{file}: ")?,
    }
    writeln!(
        err,
        "{}[{}]: {}",
        note.severity.as_str(),
        note.code,
        crate::output::terminal_safe(&note.message)
    )?;
    Ok(())
}

/// The plan for people: EUO by EUO, each ASID with its application, then the notes.
fn text(plan: &Plan) -> String {
    let t = &plan.totals;
    let mut out = String::with_capacity(256 + plan.asids.len() * 300);
    let _ = writeln!(
        out,
        "{}: {} end-user organisation{} → {} ASIDs, {} PROD applications, {} key pairs",
        plan.product,
        t.euos,
        if t.euos == 1 { "" } else { "s" },
        t.asids,
        t.applications,
        t.key_pairs
    );
    let mut euo = usize::MAX;
    for asid in &plan.asids {
        if asid.euo_index != euo {
            euo = asid.euo_index;
            out.push('\n');
            match &asid.ods_code {
                Some(ods) => {
                    let _ = writeln!(out, "{} ({ods})", asid.organisation);
                }
                None => {
                    let _ = writeln!(out, "{}", asid.organisation);
                }
            }
        }
        let _ = writeln!(
            out,
            "  ASID {}: {}  [{}]",
            asid.number, asid.name, asid.rule
        );
        match asid
            .application_index
            .and_then(|i| plan.applications.get(i))
        {
            Some(app) => {
                let _ = writeln!(out, "    application: {}  [{}]", app.name, app.rule);
                let _ = writeln!(out, "    API: {}  [4.15]", app.api);
                if let Some(bf) = app.business_function {
                    let _ = writeln!(out, "    business function (set by NHS): {bf}");
                }
                let _ = writeln!(out, "    key pair: 1 (RSA 4096, RS512)  [4.2]");
            }
            None => {
                let _ = writeln!(
                    out,
                    "    for: {}  (no e-RS application)",
                    asid.services.join(", ")
                );
            }
        }
    }
    if !plan.notes.is_empty() {
        out.push_str("\nnotes:\n");
        for note in &plan.notes {
            push_note(&mut out, note, true);
            out.push('\n');
        }
    }
    out
}

/// A note as the text output shows it: `  severity[code] (rule): message`, the rule when
/// `with_rule`, and its help on a line of its own.
fn push_note(out: &mut String, note: &ers_rules::Diagnostic, with_rule: bool) {
    let _ = write!(out, "  {}[{}]", note.severity.as_str(), note.code);
    if with_rule {
        let _ = write!(out, " ({})", note.rule);
    }
    let _ = write!(out, ": {}", note.message);
    if let Some(help) = &note.help {
        let _ = write!(out, "\n    help: {help}");
    }
}

/// The codes `plan` reports, for `--help`, from the registry.
fn code_table() -> String {
    crate::output::code_table("Codes (ERS-P):", ers_rules::plan::codes::ALL)
}
