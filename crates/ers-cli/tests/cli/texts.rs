//! The text users read, over every code registry (names, plan, keys, JWKS, JWT, pack) and the
//! `--help` code tables made from them: no runs of spaces (a broken line continuation), no
//! stray backticks (the page turns `…` into code), nothing starting or ending with a space;
//! and each `--help` table lists every code of its registry, once, in the registry's words.
//! (The messages and help texts the name checker writes are judged in ers-rules' tests/names.rs,
//! `texts_users_read_are_clean`.)

use crate::common::{ers, ok};

use ers_rules::{CodeInfo, golive, plan};

/// What is wrong with `text` (named `what`), if anything.
fn problems(what: &str, text: &str) -> Vec<String> {
    let mut bad = Vec::new();
    if text.contains("  ") {
        bad.push(format!("{what} has a run of spaces: {text:?}"));
    }
    if !text.matches('`').count().is_multiple_of(2) {
        bad.push(format!("{what} has a stray backtick: {text:?}"));
    }
    if text.trim() != text {
        bad.push(format!("{what} starts or ends with a space: {text:?}"));
    }
    bad
}

/// Every registry of [`CodeInfo`] rows, with the `--help` that shows its table.
fn registries() -> [(&'static str, &'static [CodeInfo], &'static [&'static str]); 5] {
    [
        ("plan", plan::codes::ALL, &["plan", "--help"]),
        (
            "keys",
            ers_keys::keypair::codes::ALL,
            &["keys", "new", "--help"],
        ),
        (
            "jwks",
            ers_keys::jwks_check::codes::ALL,
            &["keys", "check", "--help"],
        ),
        (
            "jwt",
            ers_keys::jwt::codes::ALL,
            &["jwt", "check", "--help"],
        ),
        ("pack", golive::codes::ALL, &["pack", "--help"]),
    ]
}

#[test]
fn every_registry_text_is_clean() {
    let mut bad = Vec::new();
    for (area, rows, _) in registries() {
        assert!(!rows.is_empty(), "{area}: an empty registry");
        for row in rows {
            bad.extend(problems(&format!("{} summary", row.code), row.meaning));
            bad.extend(problems(&format!("{} example", row.code), row.example));
            if row.meaning.is_empty() {
                bad.push(format!("{area}: {} has no summary", row.code));
            }
        }
    }
    // A name code's example is a name as a user typed it (its spaces may be the finding), so
    // only its meaning is prose.
    for doc in ers_rules::name::codes::ALL {
        bad.extend(problems(&format!("{} meaning", doc.code), doc.meaning));
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// A `--help` code table's rows: `  CODE  severity  summary`, the severity padded to 7.
fn table_rows(help: &str) -> Vec<(String, String, String)> {
    help.lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("  ERS-")?;
            let (code, rest) = rest.split_once("  ")?;
            let (severity, summary) = rest.split_at(rest.len().min(7));
            let summary = summary.strip_prefix("  ")?;
            Some((
                format!("ERS-{code}"),
                severity.trim().to_owned(),
                summary.to_owned(),
            ))
        })
        .collect()
}

/// A registry's row as a `--help` table shows it: code, severity, summary.
type Row = (&'static str, &'static str, &'static str);

#[test]
fn every_help_code_table_lists_its_registry_in_its_words() {
    let mut tables: Vec<(&str, Vec<Row>, &[&str])> = registries()
        .into_iter()
        .map(|(area, rows, help)| {
            let rows = rows
                .iter()
                .map(|r| (r.code, r.severity.as_str(), r.meaning));
            (area, rows.collect(), help)
        })
        .collect();
    let names = ers_rules::name::codes::ALL.iter();
    tables.push((
        "names",
        names
            .map(|d| (d.code, d.severity.as_str(), d.meaning))
            .collect(),
        &["name", "check", "--help"],
    ));
    for (area, registry, args) in tables {
        let help = ok(&ers(args));
        let rows = table_rows(&help);
        let expected: Vec<(String, String, String)> = registry
            .iter()
            .map(|(code, severity, summary)| {
                (
                    (*code).to_owned(),
                    (*severity).to_owned(),
                    (*summary).to_owned(),
                )
            })
            .collect();
        assert_eq!(rows, expected, "{area}: `ers-golive {}`", args.join(" "));
        for (code, _, summary) in &rows {
            let bad = problems(&format!("{area} --help {code}"), summary);
            assert!(bad.is_empty(), "{}", bad.join("\n"));
        }
    }
}
