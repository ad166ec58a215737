//! The pack as files: a Markdown email to the e-RS Partners team, CSV for a spreadsheet (the
//! planner's writer: UTF-8 BOM, CRLF, formula injection neutralised), JSON for scripts.

use std::fmt::Write as _;

use crate::plan::export::{md_text, push_csv_row, push_md_cell, start_csv};

use super::details::{fields_in, place};
use super::email::{self, Style};
use super::pack::{Pack, PackApplication};

/// The CSV columns, one row per application: its name, then what the supplier entered (the
/// ASID first), then what the plan says about it (the record's fields shown, in the table's
/// order), then what is missing and the findings.
pub fn csv_columns() -> Vec<&'static str> {
    let mut columns: Vec<&str> = fields_in(place::SHOWN).map(|s| s.title).collect();
    columns.extend(["Missing", "Findings"]);
    columns
}

/// The PROD form's details of one application, in the columns' order (name … environment).
fn form_cells(app: &PackApplication) -> impl Iterator<Item = &str> {
    fields_in(place::SHOWN).map(|s| app.shown(s.field))
}

fn missing(app: &PackApplication) -> String {
    app.missing
        .iter()
        .map(|f| f.label())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The pack as CSV: UTF-8 with a BOM, CRLF line ends, a header row of [`csv_columns`], then one
/// row per application with what is missing and its findings (`code severity: message`).
pub fn to_csv(pack: &Pack) -> String {
    let mut out = String::with_capacity(128 + pack.applications.len() * 400);
    start_csv(&mut out, &csv_columns());
    // Each application's findings, in one pass (not one search of every finding per row).
    let mut found: Vec<Vec<String>> = vec![Vec::new(); pack.applications.len()];
    for f in &pack.findings {
        if let Some(row) = f.context.application.and_then(|i| found.get_mut(i)) {
            row.push(format!(
                "{} {}: {}",
                f.code,
                f.severity.as_str(),
                crate::words::clause(&f.message)
            ));
        }
    }
    for (app, findings) in pack.applications.iter().zip(&found) {
        let findings = findings.join("; ");
        let missing = missing(app);
        let mut cells: Vec<&str> = form_cells(app).collect();
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
    out.push_str("| # |");
    for s in fields_in(place::SHOWN) {
        let _ = write!(out, " {} |", s.md_title);
    }
    out.push_str("\n|---|");
    out.push_str(&"---|".repeat(fields_in(place::SHOWN).count()));
    out.push('\n');
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
