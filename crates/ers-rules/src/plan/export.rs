//! The plan as files: CSV for a spreadsheet (UTF-8 with BOM, CRLF, safe against formula
//! injection), Markdown for an email, JSON for scripts.

use std::fmt::Write as _;

use super::build::{Plan, PlannedAsid};

/// The CSV columns about the plan, one row per ASID. After them come the columns for what the
/// supplier learns on the way (the ASID NHS allocates, the AppID, the API key, the kid, the
/// JWKS URL…: the record's fields the supplier enters, [`csv_columns`]): the same file, filled in
/// a spreadsheet, imports back into a project or a pack.
pub const PLAN_COLUMNS: [&str; 15] = [
    "Organisation",
    "ODS code",
    "ASID number",
    "ASID name",
    "Access mode",
    "Capability",
    "Business function",
    "APIM services",
    "Purpose",
    "ASID rule",
    "Application name",
    "Environment",
    "API",
    "Key pairs",
    "Application rule",
];

/// Every CSV column: [`PLAN_COLUMNS`], then one per field the supplier enters.
pub fn csv_columns() -> Vec<&'static str> {
    let mut columns = PLAN_COLUMNS.to_vec();
    columns.extend(typed().map(|s| s.plan_title));
    columns
}

fn typed() -> impl Iterator<Item = &'static crate::golive::Spec> {
    crate::golive::fields_in(crate::golive::place::TYPED)
}

/// What the supplier's columns hold for one application, in [`csv_columns`]' order.
pub type Filled<'a> = Vec<&'a str>;

/// Writes one CSV cell. A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
/// would be read as a formula by a spreadsheet (CSV injection): it gets a leading `'`, which
/// spreadsheets show as text. A cell holding a separator, a quote or a line break is quoted.
pub fn push_csv_cell(out: &mut String, cell: &str) {
    let neutralise = matches!(
        cell.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    );
    let quote = neutralise
        || cell
            .bytes()
            .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r' | b';'));
    if quote {
        out.push('"');
    }
    if neutralise {
        out.push('\'');
    }
    if cell.contains('"') {
        out.push_str(&cell.replace('"', "\"\""));
    } else {
        out.push_str(cell);
    }
    if quote {
        out.push('"');
    }
}

/// Undoes [`push_csv_cell`]'s guard on reading: a cell that starts with `'` and then one of the
/// characters the guard is for is read without the `'`, so a kid such as `-k1` written to a
/// CSV and imported again is still `-k1`.
pub fn csv_cell_value(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest)
            if matches!(
                rest.as_bytes().first(),
                Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
            ) =>
        {
            rest
        }
        _ => cell,
    }
}

/// The plan as CSV: UTF-8 with a BOM (so Excel reads accents right), CRLF line ends, a header
/// row of [`csv_columns`], then one row per ASID with its application. The supplier's columns are
/// left empty for the values NHS and the developer hub give.
pub fn to_csv(plan: &Plan) -> String {
    to_csv_filled(plan, |_| None)
}

/// The plan as CSV, as [`to_csv`], with the supplier's columns of each application's row filled
/// from `filled(application name)`.
pub fn to_csv_filled<'a>(plan: &'a Plan, filled: impl Fn(&str) -> Option<Filled<'a>>) -> String {
    let mut out = String::with_capacity(64 + plan.asids.len() * 420);
    start_csv(&mut out, &csv_columns());
    let blank = vec![""; typed().count()];
    let mut number = String::new();
    for asid in &plan.asids {
        let row = Row::of(plan, asid);
        number.clear();
        let _ = write!(number, "{}", asid.number);
        let cells: [&str; 15] = [
            &asid.organisation,
            asid.ods_code.as_deref().unwrap_or(""),
            &number,
            &asid.name,
            row.access_mode,
            row.capability,
            asid.business_function.unwrap_or(""),
            &row.services,
            &asid.purpose,
            asid.rule,
            row.app_name,
            row.environment,
            row.api,
            row.key_pairs,
            row.app_rule,
        ];
        push_csv_cells(&mut out, &cells);
        let values = if row.app_name.is_empty() {
            None
        } else {
            filled(row.app_name)
        };
        for cell in values.as_ref().unwrap_or(&blank) {
            out.push(',');
            push_csv_cell(&mut out, cell);
        }
        out.push_str("\r\n");
    }
    out
}

/// The per-row application fields shared by CSV and Markdown.
struct Row<'a> {
    access_mode: &'static str,
    capability: &'static str,
    services: String,
    app_name: &'a str,
    environment: &'static str,
    api: &'static str,
    key_pairs: &'static str,
    app_rule: &'static str,
}

impl<'a> Row<'a> {
    fn of(plan: &'a Plan, asid: &PlannedAsid) -> Self {
        let app = asid
            .application_index
            .and_then(|i| plan.applications.get(i));
        Row {
            access_mode: asid.access_mode.map_or("", |m| m.id()),
            capability: asid.capability.map_or("", |c| c.id()),
            services: asid.services.join(", "),
            app_name: app.map_or("", |a| a.name.as_str()),
            environment: app.map_or("", |a| a.environment.name_token()),
            api: app.map_or("", |a| a.api),
            key_pairs: if app.is_some() { "1" } else { "" },
            app_rule: app.map_or("", |a| a.rule),
        }
    }
}

/// Starts a CSV file in `out`: the UTF-8 BOM (so Excel reads accents right), then the header
/// row of `columns` and a CRLF.
pub(crate) fn start_csv(out: &mut String, columns: &[&str]) {
    out.push('\u{FEFF}');
    push_csv_row(out, columns);
}

/// Writes one CSV row: the cells, comma-separated and guarded ([`push_csv_cell`]), then CRLF.
pub(crate) fn push_csv_row(out: &mut String, cells: &[&str]) {
    push_csv_cells(out, cells);
    out.push_str("\r\n");
}

/// Writes cells comma-separated and guarded ([`push_csv_cell`]), without ending the row.
fn push_csv_cells(out: &mut String, cells: &[&str]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_csv_cell(out, cell);
    }
}

/// Escapes text for a Markdown table cell (see [`push_md_escaped`]).
pub(crate) fn push_md_cell(out: &mut String, cell: &str) {
    out.push(' ');
    push_md_escaped(out, cell);
    out.push_str(" |");
}

/// Writes `s` so that Markdown shows it as written, in a table cell or in running text: line
/// breaks become spaces, and every character that could start a link or an image (`[ ] !`),
/// raw HTML or an autolink (`< >`), emphasis or code (`*`, `_`, `~`, a backtick), a heading (`#`),
/// a table cell (`|`) or an escape (a backslash) is backslash-escaped. An organisation name such as
/// `[click](https://…)`, `![t](https://…/t.png)` or `<img src=…>` from a CSV is shown as text in
/// the email to NHS, never as a live link, image or HTML.
///
/// GitHub-flavoured Markdown also links bare URLs and addresses (its autolink extension:
/// `https://…`, `http://…`, `www.…`, `name@host`): the `:` before `//`, the `.` after `www` and
/// every `@` are escaped too, so `https://evil.example` stays text in the email.
pub(crate) fn push_md_escaped(out: &mut String, s: &str) {
    let mut chars = s.chars().peekable();
    // The last three characters written, lowercased, for `www.`.
    let mut last = ['\0'; 3];
    while let Some(c) = chars.next() {
        let autolink = match c {
            ':' => chars.peek() == Some(&'/'),
            '.' => last == ['w', 'w', 'w'],
            '@' => true,
            _ => false,
        };
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '|' | '[' | ']' | '!' | '<' | '>' | '*' | '_' | '`' | '~' | '#' => {
                out.push('\\');
                out.push(c);
            }
            _ if autolink => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        last = [last[1], last[2], c.to_ascii_lowercase()];
    }
}

/// The plan as Markdown, for an email to the e-RS Partners team or a ticket: the totals, one
/// table row per ASID with its application, then the notes with their rules.
pub fn to_markdown(plan: &Plan) -> String {
    let mut out = String::with_capacity(512 + plan.asids.len() * 300);
    let _ = writeln!(out, "# e-RS go-live plan: {}\n", md_text(&plan.product));
    let t = &plan.totals;
    let _ = writeln!(
        out,
        "Supplier: {}. End-user organisations: {}. ASIDs: {}. PROD applications: {}. Key pairs: {}.\n",
        md_text(&plan.supplier),
        t.euos,
        t.asids,
        t.applications,
        t.key_pairs
    );
    out.push_str("ASID values are allocated by NHS; the ASID column is left for them.\n\n");
    out.push_str("| Organisation | ODS code | ASID name | Access mode | Capability | Application name (4.14) | API (4.15) | Rule | ASID |\n");
    out.push_str("|---|---|---|---|---|---|---|---|---|\n");
    for asid in &plan.asids {
        let row = Row::of(plan, asid);
        out.push('|');
        push_md_cell(&mut out, &asid.organisation);
        push_md_cell(&mut out, asid.ods_code.as_deref().unwrap_or(""));
        push_md_cell(&mut out, &asid.name);
        push_md_cell(
            &mut out,
            if asid.access_mode.is_some() {
                row.access_mode
            } else {
                "APIM platform services"
            },
        );
        push_md_cell(&mut out, row.capability);
        push_md_cell(&mut out, row.app_name);
        push_md_cell(&mut out, row.api);
        push_md_cell(&mut out, asid.rule);
        push_md_cell(&mut out, "");
        out.push('\n');
    }
    if !plan.notes.is_empty() {
        out.push_str("\n## Notes\n\n");
        for note in &plan.notes {
            let _ = write!(
                out,
                "- **{}** ({}, rule {}): {}",
                note.code,
                note.severity.as_str(),
                note.rule,
                md_text(&note.message)
            );
            if let Some(help) = &note.help {
                let _ = write!(out, " {}", md_text(help));
            }
            out.push('\n');
        }
    }
    out
}

/// Text outside a table, escaped as [`push_md_escaped`] does.
pub(crate) fn md_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_md_escaped(&mut out, s);
    out
}

/// The plan as pretty JSON, in the shape of `ers-golive plan --json` (snake_case).
///
/// # Errors
///
/// Only if serialisation fails, which the plan's types do not allow in practice.
#[cfg(feature = "serde")]
pub fn to_json(plan: &Plan) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(plan)
}
