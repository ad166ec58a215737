//! The go-live plan's diagnostic codes (`ERS-P…`), stable: scripts and the page branch on them.
//!
//! Each row holds its code, severity, rule, meaning and an example. The notes of
//! [`super::plan`] and [`super::parse_euo_csv`] take their severity and rule from here, and
//! `cargo xtask codegen` writes the README's table from [`ALL`].

crate::code_registry! {
    /// The product name is empty.
    PRODUCT_EMPTY = "ERS-P001", Error, "4.16",
        "the product name is empty",
        "`--product \"\"`";
    /// No end-user organisation.
    NO_EUO = "ERS-P002", Error, "4.16",
        "no end-user organisation",
        "no `--euo`";
    /// No access mode is chosen (4.15: the API and its access mode).
    NO_ACCESS_MODE = "ERS-P003", Error, "4.15",
        "no access mode chosen",
        "none of the three access flags";
    /// An EUO has no name.
    EUO_NAMELESS = "ERS-P004", Error, "4.16",
        "an EUO has no name",
        "`{ name: \"\", odsCode: \"RR8\" }`";
    /// A field of the request holds a private key: refused, never repeated.
    FIELD_SECRET = "ERS-P005", Error, "4.2",
        "a field holds a private key; it is refused and never repeated",
        "a PEM pasted as an organisation name";
    /// A naming pattern cannot name every application or ASID: an unknown placeholder, or names
    /// that would not all differ.
    NAME_PATTERN = "ERS-P006", Error, "4.14",
        "a naming pattern cannot give every application (or ASID) its own name",
        "`{product} for {org}`; no `{organisation}` with two EUOs";
    /// A duplicate EUO.
    EUO_DUPLICATE = "ERS-P010", Warning, "4.16",
        "a duplicate EUO (same name or same ODS code); both are planned",
        "`Leeds=RR8` twice";
    /// An unusual ODS code.
    ODS_UNUSUAL = "ERS-P011", Warning, "4.16",
        "an unusual ODS code, kept as given",
        "`RR-8`";
    /// A service 4.17 does not name.
    SERVICE_UNKNOWN = "ERS-P012", Warning, "4.17",
        "a service 4.17 does not name, and its platform not stated; left out",
        "`--service Mystery`";
    /// An application name fails the name checker.
    APP_NAME_INVALID = "ERS-P013", Warning, "4.14",
        "an application name fails the name checker",
        "an organisation name with a zero-width space";
    /// A spaced dash in the supplier name.
    SUPPLIER_DASH = "ERS-P014", Warning, "4.14",
        "a spaced dash in the supplier name, joined",
        "`Smith - Jones`";
    /// ASID values are NHS's to allocate.
    ASIDS_ALLOCATED = "ERS-P020", Info, "4.16",
        "ASID values are NHS's to allocate",
        "always";
    /// APIM-platform services need a separate ASID.
    APIM_SEPARATE = "ERS-P021", Info, "4.17",
        "APIM-platform services need a separate ASID",
        "PDS";
    /// Shareable services may share the e-RS ASID.
    SHAREABLE = "ERS-P022", Info, "4.17",
        "shareable services may share the e-RS ASID",
        "NEMS";
    /// GP Connect's own ASID caveat.
    GP_CONNECT = "ERS-P023", Info, "4.17",
        "GP Connect's own ASID caveat",
        "GP Connect";
    /// Unconfirmed: a single ASID per connecting party for user-restricted access.
    SINGLE_ASID_UNCONFIRMED = "ERS-P024", Info, "4.16",
        "unconfirmed: a single ASID per connecting party for user-restricted access",
        "user-restricted chosen";
    /// The supplier defaults to the product name.
    SUPPLIER_DEFAULT = "ERS-P025", Info, "4.14",
        "the supplier defaults to the product name",
        "no `--supplier`";
    /// One key pair per application.
    KEY_PAIR_EACH = "ERS-P026", Info, "4.2",
        "one key pair per application",
        "always";
    /// CSV: a quoted cell never closed.
    CSV_QUOTE = "ERS-P030", Error, "CSV",
        "CSV: a quoted cell never closed; the row is skipped",
        "`\"Harrogate`";
    /// CSV: a row has no organisation name.
    CSV_NAMELESS = "ERS-P031", Error, "CSV",
        "CSV: a row has no organisation name; skipped",
        "`,RCD`";
    /// CSV: nothing to import.
    CSV_EMPTY = "ERS-P032", Error, "CSV",
        "CSV: nothing to import",
        "an empty file";
    /// CSV: how the file was read.
    CSV_READ_AS = "ERS-P033", Info, "CSV",
        "CSV: how the file was read (separator, header, columns)",
        "";
    /// CSV: extra cells ignored in a file with no header.
    CSV_EXTRA_CELLS = "ERS-P034", Info, "CSV",
        "CSV: extra cells ignored in a file with no header",
        "`Leeds,RR8,North`";
    /// CSV: not UTF-8 (a warning for Windows-1252, info for UTF-16).
    CSV_ENCODING = "ERS-P035", Warning, "CSV",
        "CSV: not UTF-8; read as Windows-1252 (warning) or UTF-16 (info)",
        "Excel's \"CSV (Comma delimited)\"";
    /// CSV: the header has an ODS column but no organisation column.
    CSV_NO_NAME_COLUMN = "ERS-P038", Error, "CSV",
        "CSV: the header has an ODS column but no organisation column",
        "`ODS code,Region`";
    /// CSV: the file is over the size limit; it is not read.
    CSV_TOO_LARGE = "ERS-P039", Error, "CSV",
        "CSV: the file is over the 20 MB limit; it is not read",
        "a disk image chosen by mistake";
    /// CSV: a cell holds a private key; the file is refused and the key never repeated.
    CSV_SECRET = "ERS-P040", Error, "CSV",
        "CSV: a cell holds a private key; the file is refused, the key never repeated",
        "a PEM pasted into a cell";
}
