//! Reading a pack's inputs from files: the plan JSON (`ers-golive plan --json`, the planner's
//! JSON download, or the planner's in-page plan object) and a details CSV (application name,
//! AppID, API key, kid, JWKS URL, ASID).

use crate::Diagnostic;
use crate::plan::csv_import::{detect_separator, records};

use super::codes;
use super::details::{Details, FIELDS, Field, place};
use super::pack::PackRequest;

/// Reads a plan as `ers-golive plan --json` and the planner's download write it (snake_case)
/// into a pack request (the wasm facade reads the page's camelCase plan object itself): product, supplier and one
/// application per planned application, with the details left empty.
///
/// # Errors
/// [`crate::Error::Invalid`] when the text is not JSON or not a plan (no `applications` list);
/// [`crate::Error::TooLarge`] when it is over [`crate::limits::PLAN_JSON`].
#[cfg(feature = "serde")]
pub fn request_from_plan_json(json: &str) -> crate::Result<PackRequest> {
    #[derive(serde::Deserialize)]
    struct PlanJson {
        #[serde(default)]
        product: String,
        #[serde(default)]
        supplier: String,
        applications: Vec<super::pack::ApplicationInput>,
    }
    crate::limits::PLAN_JSON.check(json.len())?;
    let json = json.strip_prefix('\u{FEFF}').unwrap_or(json);
    let plan: PlanJson = serde_json::from_str(json).map_err(|e| crate::Error::Invalid {
        field: "plan JSON",
        reason: format!("not a go-live plan ({e}); use the JSON file the planner downloads"),
    })?;
    Ok(PackRequest {
        product: plan.product,
        supplier: plan.supplier,
        applications: plan.applications,
        ..PackRequest::default()
    })
}

/// A pack request from a plan: product, supplier and one application per planned application,
/// with the details left empty.
pub fn request_from_plan(plan: &crate::plan::Plan) -> PackRequest {
    PackRequest {
        product: plan.product.clone(),
        supplier: plan.supplier.clone(),
        applications: plan
            .applications
            .iter()
            .map(|a| super::pack::ApplicationInput {
                name: a.name.clone(),
                environment: a.environment.id().to_owned(),
                access_mode: a.access_mode.id().to_owned(),
                capability: a.capability.map(|c| c.id().to_owned()).unwrap_or_default(),
                api: a.api.to_owned(),
                organisation: a.organisation.to_string(),
                ods_code: a.ods_code.as_deref().unwrap_or("").to_owned(),
                ..Default::default()
            })
            .collect(),
        ..PackRequest::default()
    }
}

/// One row of a details file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DetailsRow {
    /// Its line in the file (1-based).
    pub line: usize,
    /// What it gives: the application name and the details entered by the supplier
    /// ([`place::TYPED`]); a column the file does not have is empty.
    pub details: Details,
}

/// The rows read from a details file and the problems met.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DetailsImport {
    /// The rows, in file order.
    pub rows: Vec<DetailsRow>,
    /// What could not be read ([`codes::DETAILS_UNREADABLE`]).
    pub problems: Vec<Diagnostic>,
}

fn problem(message: String) -> Diagnostic {
    let columns: Vec<&str> = importable().map(|s| s.label).collect();
    Diagnostic::coded(codes::DETAILS_UNREADABLE, message).with_help(format!(
        "the details file needs a header row naming its columns: {}",
        columns.join(", ")
    ))
}

/// The fields a details file gives: the application name and what the supplier enters.
fn importable() -> impl Iterator<Item = &'static super::details::Spec> {
    FIELDS
        .iter()
        .filter(|s| s.field == Field::Name || s.is(place::TYPED))
}

/// The refusal of a details file holding a secret ([`codes::SECRET`]).
fn secret_refused(found: &crate::secret::SecretFound) -> Diagnostic {
    found.refusal(codes::SECRET, "the details file was refused")
}

impl DetailsImport {
    /// The refusal of the whole file when it holds a secret ([`codes::SECRET`]): nothing of it
    /// is imported, and the caller stops (exit 2 on the command line).
    pub fn refused(&self) -> Option<&Diagnostic> {
        self.problems.iter().find(|d| d.code == codes::SECRET)
    }
}

/// Which field a header cell names, by its letters and digits only, in any case.
fn column_of(header: &str) -> Option<Field> {
    Field::named(header).filter(|f| importable().any(|s| s.field == *f))
}

/// Reads a details CSV (comma, semicolon or tab separated; a BOM is ignored). The first row is
/// the header, matched by name: `application name`, `AppID`, `API key`, `kid`, `JWKS URL`,
/// `ASID`… (the fields the supplier enters, in any order and case; the name column is needed,
/// the others are optional).
pub fn parse_details_csv(text: &str) -> DetailsImport {
    let mut out = DetailsImport::default();
    if let Err(error) = crate::limits::DETAILS_CSV.check(text.len()) {
        out.problems.push(problem(error.to_string()));
        return out;
    }
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let separator = detect_separator(text);
    // A private key anywhere refuses the whole file, naming where, never repeating it.
    if let Err(found) = crate::secret::check_csv(text, separator, 1) {
        out.problems.push(secret_refused(&found));
        return out;
    }
    let mut rows = records(text, separator, 1).into_iter();
    let Some(columns) = header(rows.by_ref(), &mut out.problems) else {
        return out;
    };
    for record in rows {
        let Some(cells) = record.cells else {
            out.problems.push(problem(format!(
                "line {}: a quote that never closes; the row is skipped",
                record.line
            )));
            continue;
        };
        if let Some(row) = details_row(record.line, &cells, &columns, &mut out.problems) {
            out.rows.push(row);
        }
    }
    out
}

/// The header row: which cell holds each field (the first of a field's columns); `None`, with
/// the problem said, when there is none or it names no application name column.
fn header(
    rows: &mut impl Iterator<Item = crate::plan::csv_import::Record>,
    problems: &mut Vec<Diagnostic>,
) -> Option<Vec<(Field, usize)>> {
    let Some(header) = rows.find(|r| {
        r.cells
            .as_ref()
            .is_none_or(|c| c.iter().any(|cell| !cell.trim().is_empty()))
    }) else {
        problems.push(problem("the details file is empty".to_owned()));
        return None;
    };
    let Some(cells) = header.cells else {
        problems.push(problem(format!(
            "line {}: the header row has a quote that never closes",
            header.line
        )));
        return None;
    };
    let mut columns: Vec<(Field, usize)> = Vec::new();
    for (i, cell) in cells.iter().enumerate() {
        if let Some(field) = column_of(cell) {
            if !columns.iter().any(|(f, _)| *f == field) {
                columns.push((field, i));
            }
        }
    }
    if !columns.iter().any(|(f, _)| *f == Field::Name) {
        problems.push(problem(format!(
            "line {}: no application name column in the header row",
            header.line
        )));
        return None;
    }
    Some(columns)
}

/// One row's details; `None` for a row with nothing to import or, said, with no name.
fn details_row(
    line: usize,
    cells: &[String],
    columns: &[(Field, usize)],
    problems: &mut Vec<Diagnostic>,
) -> Option<DetailsRow> {
    let mut details = Details::default();
    for &(field, i) in columns {
        *details.get_mut(field) = cells.get(i).map_or(String::new(), |c| c.trim().to_owned());
    }
    if details.name.is_empty() {
        // A row with nothing to import, such as the plan CSV's row for the APIM services
        // ASID (4.17), which has no e-RS application, is passed over without a word.
        if !details.is_blank() {
            problems.push(problem(format!(
                "line {line}: no application name; the row is skipped"
            )));
        }
        return None;
    }
    Some(DetailsRow { line, details })
}

/// Fills the request's applications from the details rows, matching names exactly (after
/// trimming). Empty cells leave a field as it was. Returns the rows that matched nothing
/// ([`codes::DETAILS_UNKNOWN_APPLICATION`]) and second rows for one application
/// ([`codes::DETAILS_DUPLICATE`]).
pub fn apply_details(request: &mut PackRequest, details: &DetailsImport) -> Vec<Diagnostic> {
    let mut findings = Vec::new();
    let mut used = vec![None::<usize>; request.applications.len()];
    let mut by_name: std::collections::HashMap<String, usize> =
        std::collections::HashMap::with_capacity(request.applications.len());
    for (i, a) in request.applications.iter().enumerate() {
        by_name.entry(a.name.trim().to_owned()).or_insert(i);
    }
    for row in &details.rows {
        let name = row.details.name.as_str();
        let Some(&index) = by_name.get(name) else {
            findings.push(
                Diagnostic::coded(
                    codes::DETAILS_UNKNOWN_APPLICATION,
                    format!(
                        "line {}: no application in the plan is named `{}`",
                        row.line, name
                    ),
                )
                .with_help("write the application name exactly as the plan has it")
                .with_line(row.line),
            );
            continue;
        };
        if let Some(first) = used[index] {
            findings.push(
                Diagnostic::coded(
                    codes::DETAILS_DUPLICATE,
                    format!(
                        "line {}: a second row for `{}` (the first is line {first}); it is ignored",
                        row.line, name
                    ),
                )
                .with_application(index)
                .with_line(row.line),
            );
            continue;
        }
        used[index] = Some(row.line);
        request.applications[index].fill_from(&row.details, place::TYPED);
    }
    findings
}
