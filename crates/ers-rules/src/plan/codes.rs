//! The go-live plan's diagnostic codes (`ERS-P…`), stable: scripts and the page branch on them.
//!
//! Each constant is its registry row: code, severity, rule, meaning and an example. The notes
//! of [`super::plan`] and [`super::parse_euo_csv`] take their severity and rule from here, and
//! `cargo xtask codegen` writes the README's table from [`ALL`].

use crate::{CodeInfo, Severity};

use Severity::{Error as E, Info as I, Warning as W};

const fn row(
    code: &'static str,
    severity: Severity,
    rule: &'static str,
    summary: &'static str,
    example: &'static str,
) -> CodeInfo {
    CodeInfo::new(code, severity, rule, summary).with_example(example)
}

/// The product name is empty.
pub const PRODUCT_EMPTY: CodeInfo = row(
    "ERS-P001",
    E,
    "4.16",
    "the product name is empty",
    "`--product \"\"`",
);
/// No end-user organisation.
pub const NO_EUO: CodeInfo = row(
    "ERS-P002",
    E,
    "4.16",
    "no end-user organisation",
    "no `--euo`",
);
/// No access mode is chosen (4.15: the API and its access mode).
pub const NO_ACCESS_MODE: CodeInfo = row(
    "ERS-P003",
    E,
    "4.15",
    "no access mode chosen",
    "none of the three access flags",
);
/// An EUO has no name.
pub const EUO_NAMELESS: CodeInfo = row(
    "ERS-P004",
    E,
    "4.16",
    "an EUO has no name",
    "`{ name: \"\", odsCode: \"RR8\" }`",
);
/// A field of the request holds a private key: refused, never repeated.
pub const FIELD_SECRET: CodeInfo = row(
    "ERS-P005",
    E,
    "4.2",
    "a field holds a private key; it is refused and never repeated",
    "a PEM pasted as an organisation name",
);
/// A naming pattern cannot name every application or ASID: an unknown placeholder, or names
/// that would not all differ.
pub const NAME_PATTERN: CodeInfo = row(
    "ERS-P006",
    E,
    "4.14",
    "a naming pattern cannot give every application (or ASID) its own name",
    "`{product} for {org}`; no `{organisation}` with two EUOs",
);
/// A duplicate EUO.
pub const EUO_DUPLICATE: CodeInfo = row(
    "ERS-P010",
    W,
    "4.16",
    "a duplicate EUO (same name or same ODS code); both are planned",
    "`Leeds=RR8` twice",
);
/// An unusual ODS code.
pub const ODS_UNUSUAL: CodeInfo = row(
    "ERS-P011",
    W,
    "4.16",
    "an unusual ODS code, kept as given",
    "`RR-8`",
);
/// A service 4.17 does not name.
pub const SERVICE_UNKNOWN: CodeInfo = row(
    "ERS-P012",
    W,
    "4.17",
    "a service 4.17 does not name, and its platform not stated; left out",
    "`--service Mystery`",
);
/// An application name fails the name checker.
pub const APP_NAME_INVALID: CodeInfo = row(
    "ERS-P013",
    W,
    "4.14",
    "an application name fails the name checker",
    "an organisation name with a zero-width space",
);
/// A spaced dash in the supplier name.
pub const SUPPLIER_DASH: CodeInfo = row(
    "ERS-P014",
    W,
    "4.14",
    "a spaced dash in the supplier name, joined",
    "`Smith - Jones`",
);
/// ASID values are NHS's to allocate.
pub const ASIDS_ALLOCATED: CodeInfo = row(
    "ERS-P020",
    I,
    "4.16",
    "ASID values are NHS's to allocate",
    "always",
);
/// APIM-platform services need a separate ASID.
pub const APIM_SEPARATE: CodeInfo = row(
    "ERS-P021",
    I,
    "4.17",
    "APIM-platform services need a separate ASID",
    "PDS",
);
/// Shareable services may share the e-RS ASID.
pub const SHAREABLE: CodeInfo = row(
    "ERS-P022",
    I,
    "4.17",
    "shareable services may share the e-RS ASID",
    "NEMS",
);
/// GP Connect's own ASID caveat.
pub const GP_CONNECT: CodeInfo = row(
    "ERS-P023",
    I,
    "4.17",
    "GP Connect's own ASID caveat",
    "GP Connect",
);
/// Unconfirmed: a single ASID per connecting party for user-restricted access.
pub const SINGLE_ASID_UNCONFIRMED: CodeInfo = row(
    "ERS-P024",
    I,
    "4.16",
    "unconfirmed: a single ASID per connecting party for user-restricted access",
    "user-restricted chosen",
);
/// The supplier defaults to the product name.
pub const SUPPLIER_DEFAULT: CodeInfo = row(
    "ERS-P025",
    I,
    "4.14",
    "the supplier defaults to the product name",
    "no `--supplier`",
);
/// One key pair per application.
pub const KEY_PAIR_EACH: CodeInfo = row(
    "ERS-P026",
    I,
    "4.2",
    "one key pair per application",
    "always",
);
/// CSV: a quoted cell never closed.
pub const CSV_QUOTE: CodeInfo = row(
    "ERS-P030",
    E,
    "CSV",
    "CSV: a quoted cell never closed; the row is skipped",
    "`\"Harrogate`",
);
/// CSV: a row has no organisation name.
pub const CSV_NAMELESS: CodeInfo = row(
    "ERS-P031",
    E,
    "CSV",
    "CSV: a row has no organisation name; skipped",
    "`,RCD`",
);
/// CSV: nothing to import.
pub const CSV_EMPTY: CodeInfo = row(
    "ERS-P032",
    E,
    "CSV",
    "CSV: nothing to import",
    "an empty file",
);
/// CSV: how the file was read.
pub const CSV_READ_AS: CodeInfo = row(
    "ERS-P033",
    I,
    "CSV",
    "CSV: how the file was read (separator, header, columns)",
    "",
);
/// CSV: extra cells ignored in a file with no header.
pub const CSV_EXTRA_CELLS: CodeInfo = row(
    "ERS-P034",
    I,
    "CSV",
    "CSV: extra cells ignored in a file with no header",
    "`Leeds,RR8,North`",
);
/// CSV: not UTF-8 (a warning for Windows-1252, info for UTF-16).
pub const CSV_ENCODING: CodeInfo = row(
    "ERS-P035",
    W,
    "CSV",
    "CSV: not UTF-8; read as Windows-1252 (warning) or UTF-16 (info)",
    "Excel's \"CSV (Comma delimited)\"",
);
/// CSV: the header has an ODS column but no organisation column.
pub const CSV_NO_NAME_COLUMN: CodeInfo = row(
    "ERS-P038",
    E,
    "CSV",
    "CSV: the header has an ODS column but no organisation column",
    "`ODS code,Region`",
);

/// CSV: the file is over the size limit; it is not read.
pub const CSV_TOO_LARGE: CodeInfo = row(
    "ERS-P039",
    E,
    "CSV",
    "CSV: the file is over the 20 MB limit; it is not read",
    "a disk image chosen by mistake",
);

/// CSV: a cell holds a private key; the file is refused and the key never repeated.
pub const CSV_SECRET: CodeInfo = row(
    "ERS-P040",
    E,
    "CSV",
    "CSV: a cell holds a private key; the file is refused, the key never repeated",
    "a PEM pasted into a cell",
);

/// Every code, in order: the README's table.
pub const ALL: &[CodeInfo] = &[
    PRODUCT_EMPTY,
    NO_EUO,
    NO_ACCESS_MODE,
    EUO_NAMELESS,
    FIELD_SECRET,
    NAME_PATTERN,
    EUO_DUPLICATE,
    ODS_UNUSUAL,
    SERVICE_UNKNOWN,
    APP_NAME_INVALID,
    SUPPLIER_DASH,
    ASIDS_ALLOCATED,
    APIM_SEPARATE,
    SHAREABLE,
    GP_CONNECT,
    SINGLE_ASID_UNCONFIRMED,
    SUPPLIER_DEFAULT,
    KEY_PAIR_EACH,
    CSV_QUOTE,
    CSV_NAMELESS,
    CSV_EMPTY,
    CSV_READ_AS,
    CSV_EXTRA_CELLS,
    CSV_ENCODING,
    CSV_NO_NAME_COLUMN,
    CSV_TOO_LARGE,
    CSV_SECRET,
];
