//! Reading end-user organisations from a CSV file, as people and spreadsheets write them.
//!
//! - A header row whose columns are found by name, in any order, ignoring case, spaces and
//!   punctuation: the organisation column (`Organisation`, `Organization`, `Name`,
//!   `Organisation name`, `EUO`, `End-user organisation`…) and the ODS column (`ODS code`, `ODS`,
//!   `Org code`, `Organisation code`…); other columns are ignored.
//! - Or no header: the first column is the name, the second (if any) the ODS code. When every
//!   first cell looks like an ODS code and the second cells do not, the two are swapped.
//! - RFC 4180 quoting (separators, doubled quotes and line breaks inside quotes), a UTF-8 BOM,
//!   `,` `;` or tab as separator (found from the first lines, or from Excel's `sep=;` line),
//!   CRLF, LF or CR line ends, blank rows and trailing empty cells (Excel exports).
//! - From bytes: UTF-8 (with or without BOM), UTF-16 with BOM (Excel "Unicode text"), and
//!   otherwise Windows-1252 (Excel's "CSV (Comma delimited)" on Windows), with a note.
//!
//! A row that cannot be read is reported with its line number and the rest is imported.

use super::build::{Notes, collapse_whitespace};
use super::codes;
use super::request::Euo;
use crate::{Diagnostic, Severity};

/// What an import produced.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct EuoImport {
    /// The organisations read, in file order, each with its line.
    pub euos: Vec<Euo>,
    /// Rows not imported (errors), and how the file was read (info), with line numbers.
    pub problems: Vec<Diagnostic>,
}

impl EuoImport {
    /// True when some row was not imported or the file could not be used.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Diagnostic::is_error)
    }
}

/// Decodes a file's bytes to text: UTF-8 (BOM removed), UTF-16 LE/BE with a BOM, or else
/// Windows-1252. Returns the text and the encoding's name.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return (String::from_utf8_lossy(rest).into_owned(), "UTF-8");
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        let units = rest
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]));
        return (
            char::decode_utf16(units)
                .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect(),
            "UTF-16LE",
        );
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]));
        return (
            char::decode_utf16(units)
                .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect(),
            "UTF-16BE",
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), "UTF-8"),
        Err(_) => (
            bytes.iter().map(|&b| windows_1252(b)).collect(),
            "Windows-1252",
        ),
    }
}

/// One byte of Windows-1252.
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// Reads EUOs from a file's bytes (see [`decode`]); a file that is not UTF-8 gets a note
/// (`ERS-P035`) saying how it was read.
pub fn parse_euo_csv_bytes(bytes: &[u8]) -> EuoImport {
    if let Some(refused) = too_large(bytes.len()) {
        return refused;
    }
    let (text, encoding) = decode(bytes);
    let mut import = parse_euo_csv(&text);
    if encoding != "UTF-8" {
        let level = if encoding == "Windows-1252" {
            Severity::Warning
        } else {
            Severity::Info
        };
        import.problems.insert(
            0,
            Diagnostic::coded(
                codes::CSV_ENCODING,
                format!("the file is not UTF-8; it was read as {encoding}"),
            )
            .with_severity(level)
            .with_help("check that names with accents or symbols came through; save as \"CSV UTF-8\" to be sure"),
        );
    }
    import
}

/// A file over [`limits::CSV`](crate::limits::CSV), refused before it is read (`ERS-P039`).
fn too_large(bytes: usize) -> Option<EuoImport> {
    let error = crate::limits::CSV.check(bytes).err()?;
    Some(EuoImport {
        euos: Vec::new(),
        problems: vec![
            Diagnostic::coded(codes::CSV_TOO_LARGE, error.to_string())
                .with_help("give a CSV of organisations: a name and an ODS code per row"),
        ],
    })
}

/// A record: its first line and its cells, or `None` when it could not be read.
pub(crate) struct Record {
    pub(crate) line: usize,
    pub(crate) cells: Option<Vec<String>>,
}

/// Reads EUOs from CSV text (a leading BOM is ignored).
pub fn parse_euo_csv(text: &str) -> EuoImport {
    if let Some(refused) = too_large(text.len()) {
        return refused;
    }
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut notes = Notes::default();
    let (separator, skip_lines) = match sep_hint(text) {
        Some(sep) => (sep, 1),
        None => (detect_separator(text), 0),
    };
    let body = if skip_lines == 1 {
        after_first_line(text)
    } else {
        text
    };
    // The `sep=` line, when there is one, is line 1.
    let first_line = 1 + skip_lines;
    // A private key anywhere refuses the whole file, naming where, never repeating it.
    if let Err(found) = crate::secret::check_csv(body, separator, first_line) {
        return secret_refused(&found);
    }
    let rows = rows(records(body, separator, first_line), &mut notes);
    let mut euos = Vec::with_capacity(rows.len());
    if rows.is_empty() {
        if notes.is_empty() {
            notes.push(
                Diagnostic::coded(
                    codes::CSV_EMPTY,
                    "the file has no rows: there is no organisation to import",
                )
                .with_help(
                    "give one organisation per row: its name, then (optionally) its ODS code",
                ),
            );
        }
        return EuoImport {
            euos,
            problems: notes.finish(),
        };
    }
    let Some((name_col, ods_col, data_from)) = columns(&rows, separator, &mut notes) else {
        return EuoImport {
            euos,
            problems: notes.finish(),
        };
    };
    euos.extend(organisations(
        rows,
        (name_col, ods_col, data_from),
        &mut notes,
    ));
    if euos.is_empty() && !notes.has_errors() {
        notes.push(Diagnostic::coded(
            codes::CSV_EMPTY,
            "the file has a header row but no organisation under it",
        ));
    }
    EuoImport {
        euos,
        problems: notes.finish(),
    }
}

/// The refusal of a file holding a secret: nothing of it is imported, the secret not repeated.
fn secret_refused(found: &crate::secret::SecretFound) -> EuoImport {
    let refused = found.refusal(codes::CSV_SECRET, "the file was refused");
    EuoImport {
        euos: Vec::new(),
        problems: vec![refused],
    }
}

/// The organisations of the rows from `data_from` on, by the name and ODS code columns; a row
/// without a name is said and skipped.
fn organisations(
    rows: Vec<(usize, Vec<String>)>,
    (name_col, ods_col, data_from): (usize, Option<usize>, usize),
    notes: &mut Notes,
) -> Vec<Euo> {
    let mut euos = Vec::with_capacity(rows.len());
    for (line, cells) in rows.into_iter().skip(data_from) {
        let name = cells
            .get(name_col)
            .map(|s| collapse_whitespace(s))
            .unwrap_or_default();
        let ods = ods_col
            .and_then(|o| cells.get(o))
            .map(|s| collapse_whitespace(s));
        if name.is_empty() {
            notes.push(
                Diagnostic::coded(codes::CSV_NAMELESS, match &ods {
                        Some(code) if !code.is_empty() => format!("line {line}: no organisation name (ODS code {code:?}), so this row was not imported"),
                        _ => format!("line {line}: no organisation name, so this row was not imported"),
                    },
                )
                .with_help("add the organisation's name to this row")
                .with_line(line),
            );
            continue;
        }
        euos.push(Euo::new(name, ods.as_deref()).at_line(line));
    }
    euos
}

/// The text after its first line (the `sep=` line).
fn after_first_line(text: &str) -> &str {
    match text.find(['\n', '\r']) {
        None => "",
        Some(at) => {
            let rest = &text[at..];
            rest.strip_prefix("\r\n")
                .or_else(|| rest.strip_prefix('\n'))
                .or_else(|| rest.strip_prefix('\r'))
                .unwrap_or(rest)
        }
    }
}

/// The rows with some text, each with its line; a broken quote is noted and its row skipped.
fn rows(records: Vec<Record>, notes: &mut Notes) -> Vec<(usize, Vec<String>)> {
    let mut rows: Vec<(usize, Vec<String>)> = Vec::with_capacity(records.len());
    for record in records {
        match record.cells {
            None => notes.push(
                Diagnostic::coded(
                    codes::CSV_QUOTE,
                    format!(
                        "line {}: a quoted cell is never closed, so this row was not imported",
                        record.line
                    ),
                )
                .with_help(
                    "close the quote, or write a quote inside a quoted cell as two quotes (\"\")",
                )
                .with_line(record.line),
            ),
            Some(cells) => {
                if cells.iter().any(|c| !c.trim().is_empty()) {
                    rows.push((record.line, cells));
                }
            }
        }
    }

    rows
}

/// Which columns hold the organisation and the ODS code, and the first row of data: from the
/// header row, or guessed when there is none (both noted). `None` when nothing can be read.
fn columns(
    rows: &[(usize, Vec<String>)],
    separator: char,
    notes: &mut Notes,
) -> Option<(usize, Option<usize>, usize)> {
    match header_columns(&rows[0].1) {
        Header::Found { name, ods } => {
            let (line, cells) = &rows[0];
            let described = match ods {
                Some(o) => format!(
                    "organisation from column {} ({:?}), ODS code from column {} ({:?})",
                    name + 1,
                    collapse_whitespace(&cells[name]),
                    o + 1,
                    collapse_whitespace(&cells[o])
                ),
                None => format!(
                    "organisation from column {} ({:?}); no ODS code column",
                    name + 1,
                    collapse_whitespace(&cells[name])
                ),
            };
            notes.push(
                Diagnostic::coded(
                    codes::CSV_READ_AS,
                    format!(
                        "read with {} as separator and a header row on line {line}: {described}",
                        separator_name(separator)
                    ),
                )
                .with_line(*line),
            );
            Some((name, ods, 1))
        }
        Header::OnlyOds { ods } => {
            let line = rows[0].0;
            notes.push(
                Diagnostic::coded(codes::CSV_NO_NAME_COLUMN, format!("line {line}: the header row has an ODS code column but no organisation column, so nothing was imported"),
                )
                .with_help("name the organisation column \"Organisation\" (or \"Name\")")
                .with_line(line),
            );
            let _ = ods;
            None
        }
        Header::None => {
            let swap = rows.iter().all(|(_, c)| looks_like_ods(c[0].trim()))
                && rows
                    .iter()
                    .any(|(_, c)| c[0].bytes().any(|b| b.is_ascii_digit()))
                && rows
                    .iter()
                    .any(|(_, c)| c.get(1).is_some_and(|s| !looks_like_ods(s.trim())));
            let (name, ods) = if swap { (1, 0) } else { (0, 1) };
            notes.push(Diagnostic::coded(codes::CSV_READ_AS, format!(
                    "read with {} as separator and no header row: {}",
                    separator_name(separator),
                    if swap {
                        "every first cell looks like an ODS code, so column 1 was read as the ODS code and column 2 as the organisation"
                    } else {
                        "column 1 read as the organisation, column 2 (if any) as the ODS code"
                    }
                ),
            ));
            if let Some((line, _)) = rows
                .iter()
                .find(|(_, c)| c.iter().skip(2).any(|s| !s.trim().is_empty()))
            {
                notes.push(
                    Diagnostic::coded(codes::CSV_EXTRA_CELLS, format!("line {line} (and maybe others) has more than two cells; cells after the second were ignored"),
                    )
                    .with_help("add a header row naming the organisation and ODS code columns to pick other columns")
                    .with_line(*line),
                );
            }
            Some((name, Some(ods), 0))
        }
    }
}

fn separator_name(sep: char) -> &'static str {
    match sep {
        ';' => "semicolon",
        '\t' => "tab",
        _ => "comma",
    }
}

/// Excel's hint line: `sep=;` as the whole first line.
fn sep_hint(text: &str) -> Option<char> {
    let first = text.lines().next()?.trim();
    let rest = first
        .strip_prefix("sep=")
        .or_else(|| first.strip_prefix("SEP="))?;
    let mut chars = rest.chars();
    let sep = chars.next()?;
    (chars.next().is_none() && matches!(sep, ',' | ';' | '\t' | '|')).then_some(sep)
}

/// The separator whose count is the same on most of the first 20 lines (outside quotes);
/// comma on a tie. A semicolon file whose names hold commas still reads as semicolons, since
/// the commas come and go from line to line while the semicolons do not.
pub(crate) fn detect_separator(text: &str) -> char {
    const CANDIDATES: [char; 3] = [',', ';', '\t'];
    let mut counts: Vec<[usize; 3]> = Vec::new();
    let mut current = [0usize; 3];
    let mut quoted = false;
    let mut any = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => {
                if any {
                    counts.push(current);
                    if counts.len() == 20 {
                        break;
                    }
                }
                current = [0; 3];
                any = false;
            }
            _ if !quoted => {
                if let Some(k) = CANDIDATES.iter().position(|&s| s == c) {
                    current[k] += 1;
                }
                if !c.is_whitespace() {
                    any = true;
                }
            }
            _ => {}
        }
    }
    if any && counts.len() < 20 {
        counts.push(current);
    }
    let mut best = (0usize, 0usize, ',');
    for (k, &sep) in CANDIDATES.iter().enumerate() {
        // The most common non-zero count, and on how many lines it occurs.
        let mut tally: Vec<(usize, usize)> = Vec::new();
        for line in &counts {
            let n = line[k];
            if n == 0 {
                continue;
            }
            match tally.iter_mut().find(|(v, _)| *v == n) {
                Some(t) => t.1 += 1,
                None => tally.push((n, 1)),
            }
        }
        let consistent = tally.iter().map(|t| t.1).max().unwrap_or(0);
        let total: usize = tally.iter().map(|t| t.1).sum();
        if (consistent, total) > (best.0, best.1) {
            best = (consistent, total, sep);
        }
    }
    best.2
}

/// Splits `text` into records (RFC 4180, leniently). `first_line` is the number of the text's
/// first line in the file. A record whose quoted cell never closes is returned unreadable, and
/// reading resumes on the line after the one it started on.
pub(crate) fn records(text: &str, sep: char, first_line: usize) -> Vec<Record> {
    let bytes = text.as_bytes();
    let sep = sep as u8; // every separator is ASCII
    let mut out = Vec::new();
    let mut pos = 0;
    let mut line = first_line;
    while pos < bytes.len() {
        let start_pos = pos;
        let start_line = line;
        let mut cells: Vec<String> = Vec::new();
        let mut cell: Vec<u8> = Vec::new();
        let mut broken = false;
        loop {
            // At the start of a cell.
            if pos < bytes.len() && bytes[pos] == b'"' {
                pos += 1;
                if !quoted_cell(bytes, &mut pos, &mut line, &mut cell) {
                    broken = true;
                    break;
                }
            }
            // The unquoted rest of the cell (or text after a closing quote, kept as written).
            while pos < bytes.len()
                && bytes[pos] != sep
                && bytes[pos] != b'\n'
                && bytes[pos] != b'\r'
            {
                cell.push(bytes[pos]);
                pos += 1;
            }
            let text = String::from_utf8_lossy(&cell);
            cells.push(super::export::csv_cell_value(&text).to_owned());
            cell.clear();
            if pos < bytes.len() && bytes[pos] == sep {
                pos += 1;
                continue;
            }
            // End of line or of text.
            if pos < bytes.len() {
                pos = after_line_end(bytes, pos);
                line += 1;
            }
            break;
        }
        if broken {
            out.push(Record {
                line: start_line,
                cells: None,
            });
            // Resume on the line after the record's first line.
            let rest = &bytes[start_pos..];
            match rest.iter().position(|&b| b == b'\n' || b == b'\r') {
                Some(i) => {
                    pos = after_line_end(bytes, start_pos + i);
                    line = start_line + 1;
                }
                None => pos = bytes.len(),
            }
            continue;
        }
        // Trailing empty cells are an Excel habit, not data.
        while cells.len() > 1 && cells.last().is_some_and(|c| c.trim().is_empty()) {
            cells.pop();
        }
        out.push(Record {
            line: start_line,
            cells: Some(cells),
        });
    }
    out
}

/// Reads a quoted cell's text into `cell`, from just after its opening quote to just after its
/// closing one (`""` is a quote), counting the lines it spans. False when it never closes.
fn quoted_cell(bytes: &[u8], pos: &mut usize, line: &mut usize, cell: &mut Vec<u8>) -> bool {
    while *pos < bytes.len() {
        match bytes[*pos] {
            b'"' if bytes.get(*pos + 1) == Some(&b'"') => {
                cell.push(b'"');
                *pos += 2;
            }
            b'"' => {
                *pos += 1;
                return true;
            }
            b => {
                if b == b'\n' || (b == b'\r' && bytes.get(*pos + 1) != Some(&b'\n')) {
                    *line += 1;
                }
                cell.push(b);
                *pos += 1;
            }
        }
    }
    false
}

/// Where the next line starts, for a line end (`\r\n`, `\n` or `\r`) at `pos`.
fn after_line_end(bytes: &[u8], pos: usize) -> usize {
    if bytes[pos] == b'\r' && bytes.get(pos + 1) == Some(&b'\n') {
        pos + 2
    } else {
        pos + 1
    }
}

enum Header {
    Found { name: usize, ods: Option<usize> },
    OnlyOds { ods: usize },
    None,
}

/// Finds the organisation and ODS columns in a first row, if it is a header.
fn header_columns(cells: &[String]) -> Header {
    let mut name = None;
    let mut ods = None;
    for (i, cell) in cells.iter().enumerate() {
        let key: String = cell
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        // Exact names only: a loose match would take a first row of data such as
        // "Woodside Practice" (w-ODS-ide) or "National Organisation for…" for a header.
        let is_ods = key.starts_with("odscode")
            || matches!(
                key.as_str(),
                "ods" | "odsid" | "code" | "orgcode" | "organisationcode" | "organizationcode"
            );
        let is_name = !is_ods
            && matches!(
                key.as_str(),
                "organisation"
                    | "organization"
                    | "organisations"
                    | "organizations"
                    | "organisationname"
                    | "organizationname"
                    | "name"
                    | "euo"
                    | "euoname"
                    | "org"
                    | "orgname"
                    | "enduserorganisation"
                    | "enduserorganization"
                    | "enduserorganisationname"
                    | "enduserorganizationname"
            );
        if is_ods && ods.is_none() {
            ods = Some(i);
        } else if is_name && name.is_none() {
            name = Some(i);
        }
    }
    match (name, ods) {
        (Some(name), ods) => Header::Found { name, ods },
        (None, Some(ods)) => Header::OnlyOds { ods },
        (None, None) => Header::None,
    }
}

/// An ODS-looking cell: 2 to 9 capitals and digits (`RR8`, `RCD`, `A81001`). Used only to spot
/// swapped columns in a file without a header (where at least one first cell must also hold a
/// digit, so names in capitals are not mistaken for codes).
fn looks_like_ods(cell: &str) -> bool {
    (2..=9).contains(&cell.len())
        && cell
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}
