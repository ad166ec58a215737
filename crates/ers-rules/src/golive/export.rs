//! The pack as files: a Markdown email to the e-RS Partners team, CSV for a spreadsheet (the
//! planner's writer: UTF-8 BOM, CRLF, formula injection neutralised), JSON for scripts.

use std::fmt::Write as _;

use crate::plan::export::{md_text, push_csv_row, push_md_cell, start_csv};

use super::email::{self, Style};
use super::pack::{Pack, PackApplication};

/// The CSV columns, one row per application: its name, then what the supplier entered (the
/// ASID first), then what the plan says about it, then what is missing and the findings.
pub const CSV_COLUMNS: [&str; 14] = [
    "Application name",
    "ASID",
    "AppID",
    "API key",
    "kid",
    "JWKS URL",
    "End-user organisation",
    "ODS code",
    "Access mode",
    "Capability",
    "API",
    "Environment",
    "Missing",
    "Findings",
];

fn environment(app: &PackApplication) -> &'static str {
    app.environment.map_or("", |e| e.name_token())
}

fn access_mode(app: &PackApplication) -> &'static str {
    app.access_mode.map_or("", |m| m.id())
}

fn capability(app: &PackApplication) -> &'static str {
    app.capability.map_or("", |c| c.id())
}

/// The PROD form's details of one application, in the columns' order (name … environment).
fn form_cells(app: &PackApplication) -> [&str; 12] {
    [
        &app.name,
        &app.asid,
        &app.app_id,
        &app.api_key,
        &app.kid,
        &app.jwks_url,
        &app.organisation,
        &app.ods_code,
        access_mode(app),
        capability(app),
        &app.api,
        environment(app),
    ]
}

fn missing(app: &PackApplication) -> String {
    app.missing
        .iter()
        .map(|f| f.label())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The pack as CSV: UTF-8 with a BOM, CRLF line ends, a header row of [`CSV_COLUMNS`], then one
/// row per application with what is missing and its findings (`code severity: message`).
pub fn to_csv(pack: &Pack) -> String {
    let mut out = String::with_capacity(128 + pack.applications.len() * 400);
    start_csv(&mut out, &CSV_COLUMNS);
    for (index, app) in pack.applications.iter().enumerate() {
        let findings = pack
            .findings
            .iter()
            .filter(|f| f.context.application == Some(index))
            .map(|f| {
                format!(
                    "{} {}: {}",
                    f.code,
                    f.severity.as_str(),
                    crate::words::clause(&f.message)
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        let missing = missing(app);
        let mut cells: Vec<&str> = form_cells(app).to_vec();
        cells.extend([missing.as_str(), findings.as_str()]);
        push_csv_row(&mut out, &cells);
    }
    out
}

/// The pack as a Markdown email to the e-RS Partners team: a subject line, the PROD form
/// details as a table, what is still to complete (when anything is), and the Stage 4 checklist
/// with the steps done ticked. It never holds a client secret or a private key.
pub fn to_markdown(pack: &Pack) -> String {
    let mut out = String::with_capacity(1024 + pack.applications.len() * 400);
    let _ = writeln!(out, "Subject: {}\n", email::subject(pack, md_text));
    if let Some(line) = email::draft_line(pack) {
        let _ = writeln!(out, "**{line}**\n");
    }
    let _ = writeln!(out, "To: {}\n", email::SEND_TO);
    out.push_str("Hello e-RS Partners team,\n\n");
    email::intro(&mut out, pack);
    out.push_str("## PROD applications\n\n");
    out.push_str("| # | Application name (4.14) | ASID (4.16) | AppID | API key | kid | JWKS URL | End-user organisation | ODS code | Access mode | Capability | API (4.15) | Environment |\n");
    out.push_str("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (i, app) in pack.applications.iter().enumerate() {
        let _ = write!(out, "| {} |", i + 1);
        for cell in form_cells(app) {
            push_md_cell(&mut out, cell);
        }
        out.push('\n');
    }
    if !pack.complete {
        out.push_str("\n## Still to complete\n\n");
        email::still_to_complete(&mut out, pack, Style::Markdown);
    }
    out.push_str("\n## Stage 4 checklist\n\n");
    email::checklist(&mut out, pack, Style::Markdown);
    out.push_str(
        "\nThe PROD form's exact fields are not public: if it asks for anything not listed here, \
         please tell us and we will send it.\n\n",
    );
    out.push_str("Kind regards,\n");
    if !pack.contact.is_empty() {
        let _ = writeln!(out, "{}", md_text(&pack.contact));
    }
    out
}

/// The pack as pretty JSON (snake_case): applications, findings, checklist, totals.
///
/// # Errors
///
/// Only if serialisation fails, which the pack's types do not allow in practice.
#[cfg(feature = "serde")]
pub fn to_json(pack: &Pack) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(pack)
}
