//! The application-name checker against a table of names: NHS's own examples from Stage 4 and
//! Stage 2, and the mistakes suppliers make, each with the exact codes and corrected name.

use ers_rules::name::{CheckOptions, NameRequest, build, check, codes};
use ers_rules::{AccessMode, Applicability, Environment, Error, Severity, Span};

const CV: &str = "Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted";
const AC: &str = "Acme - Acme Medical System - PROD - e-Referral Service, Application-Restricted";
const CV_INT: &str = "Care Vista - Care Vista Link - INT - e-Referral Service, User Restricted";
const CV_AR: &str =
    "Care Vista - Care Vista Link - PROD - e-Referral Service, Application-Restricted";
/// NHS's Stage 2 (INT) example, verbatim.
const STAGE2: &str = "Care Vista - Care Vista Link - INT - e-Referral Service - User-restricted";

const NONE: CheckOptions = CheckOptions {
    environment: None,
    access_mode: None,
};
const PROD: CheckOptions = CheckOptions {
    environment: Some(Environment::Prod),
    access_mode: None,
};
const PROD_UR: CheckOptions = CheckOptions {
    environment: Some(Environment::Prod),
    access_mode: Some(AccessMode::UserRestricted),
};
const PROD_AR: CheckOptions = CheckOptions {
    environment: Some(Environment::Prod),
    access_mode: Some(AccessMode::ApplicationRestricted),
};
const UR: CheckOptions = CheckOptions {
    environment: None,
    access_mode: Some(AccessMode::UserRestricted),
};
const AR: CheckOptions = CheckOptions {
    environment: None,
    access_mode: Some(AccessMode::ApplicationRestricted),
};

use codes::*;

/// (name, options, expected codes in order, expected suggested name)
type Row = (
    &'static str,
    CheckOptions,
    &'static [&'static str],
    Option<&'static str>,
);

const TABLE: &[Row] = &[
    // NHS's own examples.
    (CV, NONE, &[], None),
    (AC, NONE, &[], None),
    (CV, PROD_UR, &[], None),
    (AC, PROD_AR, &[], None),
    (
        STAGE2,
        NONE,
        &[STAGE2_SEPARATOR.code, MODE_SPELLING.code],
        Some(CV_INT),
    ),
    (
        STAGE2,
        PROD_UR,
        &[ENV_MISMATCH.code, STAGE2_SEPARATOR.code, MODE_SPELLING.code],
        Some(CV),
    ),
    (CV_INT, NONE, &[], None),
    (
        "Care Vista - Care Vista Link - SANDBOX - e-Referral Service, User Restricted",
        NONE,
        &[],
        None,
    ),
    // Access-mode spellings NHS uses pass with a warning.
    (
        "Care Vista - Care Vista Link - PROD - e-Referral Service, User-restricted",
        NONE,
        &[MODE_SPELLING.code],
        Some(CV),
    ),
    (
        "Care Vista - Care Vista Link - PROD - e-Referral Service, User-Restricted",
        PROD_UR,
        &[MODE_SPELLING.code],
        Some(CV),
    ),
    (
        "Acme - Acme Medical System - PROD - e-Referral Service, Application Restricted",
        NONE,
        &[MODE_SPELLING.code],
        Some(AC),
    ),
    (
        "Acme - Acme Medical System - PROD - e-Referral Service, application-restricted",
        PROD_AR,
        &[MODE_SPELLING.code],
        Some(AC),
    ),
    (
        "Care Vista - Care Vista Link - PROD - e-Referral Service, USER RESTRICTED",
        NONE,
        &[MODE_SPELLING.code],
        Some(CV),
    ),
    (
        "Care Vista - Care Vista Link - PROD - e-Referral Service, user_restricted",
        NONE,
        &[MODE_SPELLING.code],
        Some(CV),
    ),
    // Other wordings of the access mode.
    (
        "Acme - Acme Medical System - PROD - e-Referral Service, Unattended",
        NONE,
        &[MODE_WORDING.code],
        Some(AC),
    ),
    (
        "Acme - Acme Medical System - PROD - e-Referral Service, App Restricted",
        NONE,
        &[MODE_WORDING.code],
        Some(AC),
    ),
    (
        "Acme - Acme Medical System - PROD - e-Referral Service, Application-Restricted (Unattended)",
        NONE,
        &[MODE_WORDING.code],
        Some(AC),
    ),
    (
        "Care Vista - Care Vista Link - PROD - e-Referral Service, User",
        NONE,
        &[MODE_WORDING.code],
        Some(CV),
    ),
    (
        "Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted.",
        NONE,
        &[MODE_WORDING.code],
        Some(CV),
    ),
    (
        "Care Vista - Care Vista Link - PROD - e-Referral Service, UserRestricted",
        NONE,
        &[MODE_WORDING.code],
        Some(CV),
    ),
    // Access mode missing, unknown, two, or not the declared one.
    (
        "Care Vista - Care Vista Link - PROD - e-Referral Service",
        NONE,
        &[MODE_MISSING.code],
        None,
    ),
    (
        "Care Vista - Care Vista Link - PROD - e-Referral Service",
        PROD_UR,
        &[MODE_MISSING.code],
        Some(CV),
    ),
    (
        "Care Vista - Care Vista Link - PROD - e-Referral Service,",
        UR,
        &[MODE_MISSING.code],
        Some(CV),
    ),
    (
        "Care Vista - Care Vista Link - PROD - e-Referral Service, Admin",
        NONE,
        &[MODE_UNKNOWN.code],
        None,
    ),
    (
        "Acme - Acme Medical System - PROD - e-Referral Service, Admin",
        AR,
        &[MODE_UNKNOWN.code],
        Some(AC),
    ),
    (
        "Acme - Acme Medical System - PROD - e-Referral Service, User Restricted and Application-Restricted",
        NONE,
        &[MODE_TWO.code],
        None,
    ),
    (
        "Acme - Acme Medical System - PROD - e-Referral Service, User Restricted / Application-Restricted",
        PROD_AR,
        &[MODE_TWO.code],
        Some(AC),
    ),
    (
        "Acme - Acme Medical System - PROD - e-Referral Service, User Restricted, Application-Restricted",
        NONE,
        &[MODE_TWO.code],
        None,
    ),
    (CV, PROD_AR, &[MODE_MISMATCH.code], Some(CV_AR)),
    (
        "Care Vista - Care Vista Link - PROD - e-Referral Service, User-restricted",
        AR,
        &[MODE_MISMATCH.code],
        Some(CV_AR),
    ),
    // The separator before the access mode.
    (
        "Care Vista - Care Vista Link - PROD - e-Referral Service - User Restricted",
        NONE,
        &[STAGE2_SEPARATOR.code],
        Some(CV),
    ),
    (
        "Care Vista - Care Vista Link - PROD - e-Referral Service User Restricted",
        NONE,
        &[COMMA.code],
        Some(CV),
    ),
    (
        "Care Vista - Care Vista Link - PROD - e-Referral Service,User Restricted",
        NONE,
        &[COMMA.code],
        Some(CV),
    ),
    (
        "Care Vista - Care Vista Link - PROD - e-Referral Service , User Restricted",
        NONE,
        &[COMMA.code],
        Some(CV),
    ),
    (
        "Care Vista - Care Vista Link - PROD - e-Referral Service; User Restricted",
        NONE,
        &[COMMA.code],
        Some(CV),
    ),
    (
        "Care Vista - Care Vista Link - PROD - e-Referral Service-User Restricted",
        NONE,
        &[COMMA.code],
        Some(CV),
    ),
    (
        "Care Vista - Care Vista Link - PROD - e-Referral Service,  User Restricted",
        NONE,
        &[SPACES.code],
        Some(CV),
    ),
    (
        "Care Vista - Care Vista Link - PROD - e-Referral Service – User Restricted",
        NONE,
        &[LOOKALIKE_DASH.code],
        Some(CV),
    ),
    // The service name.
    (
        "Acme - Acme Medical System - PROD - eRS, Application-Restricted",
        NONE,
        &[SERVICE_SPELLING.code],
        Some(AC),
    ),
    (
        "Acme - Acme Medical System - PROD - e-RS, Application-Restricted",
        NONE,
        &[SERVICE_SPELLING.code],
        Some(AC),
    ),
    (
        "Acme - Acme Medical System - PROD - ERS, Application-Restricted",
        NONE,
        &[SERVICE_SPELLING.code],
        Some(AC),
    ),
    (
        "Acme - Acme Medical System - PROD - eReferral Service, Application-Restricted",
        NONE,
        &[SERVICE_SPELLING.code],
        Some(AC),
    ),
    (
        "Acme - Acme Medical System - PROD - eReferral, Application-Restricted",
        NONE,
        &[SERVICE_SPELLING.code],
        Some(AC),
    ),
    (
        "Acme - Acme Medical System - PROD - e-Referral, Application-Restricted",
        NONE,
        &[SERVICE_SPELLING.code],
        Some(AC),
    ),
    (
        "Acme - Acme Medical System - PROD - e-Referrals Service, Application-Restricted",
        NONE,
        &[SERVICE_SPELLING.code],
        Some(AC),
    ),
    (
        "Acme - Acme Medical System - PROD - e-Referal Service, Application-Restricted",
        NONE,
        &[SERVICE_SPELLING.code],
        Some(AC),
    ),
    (
        "Acme - Acme Medical System - PROD - e-Referral Servic, Application-Restricted",
        NONE,
        &[SERVICE_SPELLING.code],
        Some(AC),
    ),
    (
        "Acme - Acme Medical System - PROD - NHS e-Referral Service, Application-Restricted",
        NONE,
        &[SERVICE_SPELLING.code],
        Some(AC),
    ),
    (
        "Acme - Acme Medical System - PROD - Electronic Referral Service, Application-Restricted",
        NONE,
        &[SERVICE_SPELLING.code],
        Some(AC),
    ),
    (
        "Acme - Acme Medical System - PROD - e-referral service, Application-Restricted",
        NONE,
        &[SERVICE_CASE.code],
        Some(AC),
    ),
    (
        "Acme - Acme Medical System - PROD - E-REFERRAL SERVICE, Application-Restricted",
        NONE,
        &[SERVICE_CASE.code],
        Some(AC),
    ),
    (
        "Care Vista - Care Vista Link - PROD, User Restricted",
        NONE,
        &[SERVICE_MISSING.code],
        Some(CV),
    ),
    (
        "Care Vista - Care Vista Link - PROD - User Restricted",
        NONE,
        &[SERVICE_MISSING.code],
        Some(CV),
    ),
    (
        "Care Vista - Care Vista Link - PROD",
        PROD_UR,
        &[SERVICE_MISSING.code, MODE_MISSING.code],
        Some(CV),
    ),
    // The environment.
    (
        "Care Vista - Care Vista Link - e-Referral Service, User Restricted",
        NONE,
        &[ENV_MISSING.code],
        None,
    ),
    (
        "Care Vista - Care Vista Link - e-Referral Service, User Restricted",
        PROD,
        &[ENV_MISSING.code],
        Some(CV),
    ),
    (
        "Care Vista - Care Vista Link - Prod - e-Referral Service, User Restricted",
        NONE,
        &[ENV_CASE.code],
        Some(CV),
    ),
    (
        "Care Vista - Care Vista Link - prod - e-Referral Service, User Restricted",
        PROD,
        &[ENV_CASE.code],
        Some(CV),
    ),
    (
        "Acme - Acme Medical System - Production - e-Referral Service, Application-Restricted",
        NONE,
        &[ENV_WORD.code],
        Some(AC),
    ),
    (
        "Acme - Acme Medical System - Live - e-Referral Service, Application-Restricted",
        NONE,
        &[ENV_WORD.code],
        Some(AC),
    ),
    (
        "Acme - Acme Medical System - UAT - e-Referral Service, Application-Restricted",
        NONE,
        &[ENV_UNKNOWN.code],
        None,
    ),
    (
        "Acme - Acme Medical System - Staging - e-Referral Service, Application-Restricted",
        PROD,
        &[ENV_UNKNOWN.code],
        Some(AC),
    ),
    (CV_INT, PROD, &[ENV_MISMATCH.code], Some(CV)),
    (
        "Care Vista - Care Vista Link - Integration - e-Referral Service, User Restricted",
        PROD,
        &[ENV_MISMATCH.code],
        Some(CV),
    ),
    (
        "Care Vista - Care Vista Link - e-Referral Service - PROD, User Restricted",
        NONE,
        &[ENV_ORDER.code],
        Some(CV),
    ),
    (
        "Care Vista - Care Vista Link - PROD - e-Referral Service - PROD, User Restricted",
        NONE,
        &[ENV_ORDER.code],
        Some(CV),
    ),
    (
        "Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted Access",
        NONE,
        &[MODE_WORDING.code],
        Some(CV),
    ),
    // Words that say something else are not dropped without asking.
    (
        "Acme - Acme Medical System - PROD - e-Referral Service, Application-Restricted - Referrer",
        NONE,
        &[MODE_WORDING.code],
        None,
    ),
    (
        "Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted v2",
        NONE,
        &[MODE_WORDING.code],
        None,
    ),
    // Pasted twice.
    (
        "Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted - PROD - e-Referral Service, User Restricted",
        NONE,
        &[REPEATED.code],
        None,
    ),
    (
        "Care Vista - Care Vista Link - PROD - eRS - PROD - e-Referral Service, User Restricted",
        NONE,
        &[REPEATED.code],
        None,
    ),
    // Separators between the parts.
    (
        "Care Vista - Care Vista Link -PROD - e-Referral Service, User Restricted",
        NONE,
        &[SEPARATOR.code],
        Some(CV),
    ),
    (
        "Care Vista - Care Vista Link -PROD- e-Referral Service, User Restricted",
        NONE,
        &[SEPARATOR.code, SEPARATOR.code],
        Some(CV),
    ),
    (
        "Care Vista - Care Vista Link -- PROD - e-Referral Service, User Restricted",
        NONE,
        &[SEPARATOR.code],
        Some(CV),
    ),
    (
        "Care Vista - Care Vista Link PROD - e-Referral Service, User Restricted",
        NONE,
        &[SEPARATOR.code],
        Some(CV),
    ),
    (
        "Care Vista -Care Vista Link - PROD - e-Referral Service, User Restricted",
        NONE,
        &[SEPARATOR.code],
        Some(CV),
    ),
    (
        "Care Vista – Care Vista Link – PROD – e-Referral Service, User Restricted",
        NONE,
        &[
            LOOKALIKE_DASH.code,
            LOOKALIKE_DASH.code,
            LOOKALIKE_DASH.code,
        ],
        Some(CV),
    ),
    (
        "Care Vista — Care Vista Link - PROD - e-Referral Service, User Restricted",
        NONE,
        &[LOOKALIKE_DASH.code],
        Some(CV),
    ),
    (
        "Care Vista - Care Vista Link − PROD - e-Referral Service, User Restricted",
        NONE,
        &[LOOKALIKE_DASH.code],
        Some(CV),
    ),
    (
        "Acme-Acme Medical System-PROD-e-Referral Service, Application-Restricted",
        NONE,
        &[APP_MISSING.code, SEPARATOR.code, SEPARATOR.code],
        None,
    ),
    // Spaces.
    (
        "Care Vista  - Care Vista Link - PROD - e-Referral Service, User Restricted",
        NONE,
        &[SPACES.code],
        Some(CV),
    ),
    (
        "Care  Vista - Care Vista Link - PROD - e-Referral Service, User Restricted",
        NONE,
        &[SPACES.code],
        Some(CV),
    ),
    (
        " Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted ",
        NONE,
        &[OUTER_SPACE.code, OUTER_SPACE.code],
        Some(CV),
    ),
    (
        "Care\u{A0}Vista - Care Vista Link - PROD - e-Referral Service, User Restricted",
        NONE,
        &[SPACES.code],
        Some(CV),
    ),
    // Control and invisible characters.
    (
        "Care Vista - Care Vista Link\n- PROD - e-Referral Service, User Restricted",
        NONE,
        &[CONTROL.code],
        Some(CV),
    ),
    (
        "Care Vista -\tCare Vista Link - PROD - e-Referral Service, User Restricted",
        NONE,
        &[CONTROL.code],
        Some(CV),
    ),
    (
        "Care Vista\u{200B} - Care Vista Link - PROD - e-Referral Service, User Restricted",
        NONE,
        &[CONTROL.code],
        Some(CV),
    ),
    (
        "Care Vista\u{202E} - Care Vista Link - PROD - e-Referral Service, User Restricted",
        NONE,
        &[CONTROL.code],
        Some(CV),
    ),
    (
        "\u{FEFF}Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted",
        NONE,
        &[CONTROL.code],
        Some(CV),
    ),
    // Missing parts.
    ("", NONE, &[EMPTY.code], None),
    ("   ", NONE, &[EMPTY.code], None),
    (
        "- Care Vista Link - PROD - e-Referral Service, User Restricted",
        NONE,
        &[SUPPLIER_MISSING.code],
        None,
    ),
    (
        "PROD - e-Referral Service, User Restricted",
        NONE,
        &[SUPPLIER_MISSING.code],
        None,
    ),
    (
        "Care Vista Link - PROD - e-Referral Service, User Restricted",
        NONE,
        &[APP_MISSING.code],
        None,
    ),
    (
        "Care Vista",
        NONE,
        &[
            APP_MISSING.code,
            ENV_MISSING.code,
            SERVICE_MISSING.code,
            MODE_MISSING.code,
        ],
        None,
    ),
    (
        "Care Vista - Care Vista Link",
        NONE,
        &[ENV_MISSING.code, SERVICE_MISSING.code, MODE_MISSING.code],
        None,
    ),
    (
        "Care Vista - Care Vista Link",
        PROD_UR,
        &[ENV_MISSING.code, SERVICE_MISSING.code, MODE_MISSING.code],
        Some(CV),
    ),
    // Names whose parts hold hyphens, dashes, commas or the service's own words.
    (
        "Smith-Jones Health - Smith-Jones Referrals - PROD - e-Referral Service, User Restricted",
        NONE,
        &[],
        None,
    ),
    (
        "Acme - Acme Referrals - Outpatients - PROD - e-Referral Service, Application-Restricted",
        NONE,
        &[],
        None,
    ),
    (
        "eRS Connect Ltd - Bridge - PROD - e-Referral Service, User Restricted",
        NONE,
        &[],
        None,
    ),
    (
        "Acme - e-Referral Service Connector - PROD - e-Referral Service, User Restricted",
        NONE,
        &[],
        None,
    ),
    (
        "Smith, Jones & Co - Referrals PROD Edition - PROD - e-Referral Service, User Restricted",
        NONE,
        &[],
        None,
    ),
    (
        "Care Vista - Care Vista Link Referrer for Leeds – North - PROD - e-Referral Service, Application-Restricted",
        PROD_AR,
        &[],
        None,
    ),
    (
        "Care Vista 🚀 - Care Vista Link - PROD - e-Referral Service, User Restricted",
        NONE,
        &[],
        None,
    ),
    (
        "Soins Médicaux - Lien Hôpital - PROD - e-Referral Service, User Restricted",
        NONE,
        &[],
        None,
    ),
];

fn row_failure(i: usize, row: &Row) -> Option<String> {
    let (name, options, want, want_suggested) = row;
    let got = check(name, options);
    let codes: Vec<&str> = got.diagnostics.iter().map(|d| d.code).collect();
    let valid = !want
        .iter()
        .any(|c| codes::lookup(c).is_some_and(|d| d.severity == Severity::Error));
    if codes != *want || got.suggested_name.as_deref() != *want_suggested || got.valid != valid {
        Some(format!(
            "row {i}: {name:?} {options:?}\n   want {want:?} -> {want_suggested:?} (valid {valid})\n    got {codes:?} -> {:?} (valid {})\n{:#?}",
            got.suggested_name, got.valid, got.diagnostics
        ))
    } else {
        None
    }
}

#[test]
fn table_of_names() {
    assert!(TABLE.len() >= 60, "{} rows", TABLE.len());
    let failures: Vec<String> = TABLE
        .iter()
        .enumerate()
        .filter_map(|(i, row)| row_failure(i, row))
        .collect();
    assert!(
        failures.is_empty(),
        "{} failing rows:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_code_is_documented_and_exercised_by_the_table() {
    for doc in codes::ALL {
        if doc.code == TOO_LONG {
            continue; // tested below: a table row would be a 300-character literal
        }
        assert!(
            TABLE.iter().any(|row| row.2.contains(&doc.code)),
            "{} has no row in the table",
            doc.code
        );
    }
    let mut seen: Vec<&str> = codes::ALL.iter().map(|d| d.code).collect();
    seen.dedup();
    assert_eq!(
        seen.len(),
        codes::ALL.len(),
        "codes are listed once each, in order"
    );
    for (i, doc) in codes::ALL.iter().enumerate() {
        assert_eq!(doc.code, format!("ERS-N{:03}", i + 1));
    }
}

/// Every example name of the code table produces its code.
#[test]
fn code_table_examples_produce_their_code() {
    for doc in codes::ALL {
        if doc.code == TOO_LONG {
            continue;
        }
        let (name, options) = match doc.example.split_once(" (--") {
            Some((name, "env prod)")) => (name.to_owned(), PROD),
            Some((name, "access-mode user-restricted)")) => (name.to_owned(), UR),
            _ => (doc.example.replace("\\n", "\n"), NONE),
        };
        let got = check(&name, &options);
        assert!(
            got.diagnostics.iter().any(|d| d.code == doc.code),
            "{}: example {name:?} gave {:?}",
            doc.code,
            got.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>()
        );
    }
}

#[test]
fn applying_the_one_fix_gives_the_suggested_name() {
    for (name, options, want, suggested) in TABLE {
        let got = check(name, options);
        if let ([d], Some(suggested)) = (got.diagnostics.as_slice(), suggested) {
            if want[0] == ENV_ORDER {
                continue; // a move: only the whole-name suggestion does it
            }
            let fix = d
                .fix
                .as_ref()
                .expect("a single diagnostic with a suggested name has a fix");
            assert_eq!(
                fix.applicability,
                Applicability::MachineApplicable,
                "{name}"
            );
            assert_eq!(&fix.apply(name), suggested, "{name}");
        }
    }
}

#[test]
fn spans_are_character_offsets() {
    let name = "Care Vista 🚀 - Care Vista Link - Prod - e-Referral Service, User Restricted";
    let got = check(name, &NONE);
    let d = &got.diagnostics[0];
    assert_eq!(d.code, ENV_CASE);
    let start = name.chars().take_while(|c| *c != 'P').count();
    assert_eq!(d.span, Some(Span::new(start, start + 4)));
    assert_eq!(start, 33);
    assert_eq!(d.suggestion.as_deref(), Some("PROD"));
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.rule, "4.14");

    let got = check(
        "Acme - Acme Medical System - PROD - eRS, Application-Restricted",
        &NONE,
    );
    assert_eq!(got.diagnostics[0].span, Some(Span::new(36, 39)));

    // Something missing is an empty span where it goes.
    let got = check(
        "Care Vista - Care Vista Link - PROD - e-Referral Service",
        &UR,
    );
    assert_eq!(got.diagnostics[0].span, Some(Span::at(56)));
    assert_eq!(got.diagnostics[0].rule, "4.15");
}

#[test]
fn mismatched_environment_cites_4_13_and_access_modes_4_15() {
    let got = check(STAGE2, &PROD_AR);
    let rules: Vec<(&str, &str)> = got.diagnostics.iter().map(|d| (d.code, d.rule)).collect();
    assert_eq!(
        rules,
        [
            (ENV_MISMATCH.code, "4.13"),
            (STAGE2_SEPARATOR.code, "4.14"),
            (MODE_MISMATCH.code, "4.15")
        ]
    );
    assert_eq!(got.suggested_name.as_deref(), Some(CV_AR));
    let help = got.diagnostics[2].help.as_deref().unwrap_or_default();
    assert!(
        help.contains("e-Referral Service - Application Restricted"),
        "{help}"
    );
}

#[test]
fn stage_2_separator_is_a_warning_that_explains_both_forms() {
    let got = check(STAGE2, &NONE);
    assert!(got.valid);
    let d = &got.diagnostics[0];
    assert_eq!(
        (d.code, d.severity),
        (STAGE2_SEPARATOR.code, Severity::Warning)
    );
    let help = d.help.as_deref().unwrap_or_default();
    assert!(
        help.contains("Stage 2") && help.contains("Stage 4"),
        "{help}"
    );
}

#[test]
fn too_long_bails_out_early_with_one_diagnostic() {
    let long = "a".repeat(300);
    let got = check(&long, &NONE);
    assert_eq!(got.diagnostics.len(), 1);
    assert_eq!(got.diagnostics[0].code, TOO_LONG);
    assert_eq!(got.diagnostics[0].span, Some(Span::new(255, 300)));
    assert!(!got.valid);

    // 255 characters of multibyte text are fine (the limit counts characters, not bytes).
    let app = "é".repeat(255 - CV.chars().count() + "Care Vista Link".chars().count());
    let name = CV.replace("Care Vista Link", &app);
    assert_eq!(name.chars().count(), 255);
    assert_eq!(check(&name, &NONE).diagnostics, []);

    // A pasted megabyte is refused without being read.
    let huge = "x - ".repeat(1 << 18);
    let start = std::time::Instant::now();
    let got = check(&huge, &NONE);
    assert!(start.elapsed() < std::time::Duration::from_millis(50));
    assert_eq!(got.diagnostics[0].code, TOO_LONG);
    assert_eq!(got.diagnostics[0].span, None);
}

#[test]
fn reading_gives_the_parts() {
    let got = check(
        "Acme - Acme Referrals - Outpatients - PROD - e-Referral Service, Application-Restricted",
        &NONE,
    );
    assert_eq!(got.reading.supplier.as_deref(), Some("Acme"));
    assert_eq!(
        got.reading.app.as_deref(),
        Some("Acme Referrals - Outpatients")
    );
    assert_eq!(got.reading.environment, Some(Environment::Prod));
    assert_eq!(
        got.reading.access_mode,
        Some(AccessMode::ApplicationRestricted)
    );
}

#[test]
fn builder_writes_the_stage_4_examples() {
    let built = build(&NameRequest::prod(
        "Care Vista",
        "Care Vista Link",
        AccessMode::UserRestricted,
    ))
    .unwrap();
    assert_eq!(built.name, CV);
    assert_eq!(built.api, "e-Referral Service - Healthcare Worker");
    assert_eq!((built.rule, built.api_rule), ("4.14", "4.15"));
    assert!(
        built.why.contains("cannot be used for both"),
        "{}",
        built.why
    );

    let built = build(&NameRequest::prod(
        "  Acme ",
        "Acme   Medical\u{A0}System",
        AccessMode::ApplicationRestricted,
    ))
    .unwrap();
    assert_eq!(built.name, AC);
    assert_eq!(built.api, "e-Referral Service - Application Restricted");

    let mut int = NameRequest::prod("Care Vista", "Care Vista Link", AccessMode::UserRestricted);
    int.environment = Environment::Int;
    assert_eq!(build(&int).unwrap().name, CV_INT);
}

#[test]
fn builder_refuses_what_would_not_read_back() {
    let req = |s: &str, a: &str| NameRequest::prod(s, a, AccessMode::UserRestricted);
    assert_eq!(
        build(&req(" ", "Link")),
        Err(Error::Empty {
            field: "supplier name"
        })
    );
    assert_eq!(
        build(&req("Acme", "")),
        Err(Error::Empty { field: "app name" })
    );
    assert!(matches!(
        build(&req("Acme - Health", "Link")),
        Err(Error::Invalid {
            field: "supplier name",
            ..
        })
    ));
    assert!(matches!(
        build(&req("Acme – Health", "Link")),
        Err(Error::Invalid {
            field: "supplier name",
            ..
        })
    ));
    assert!(matches!(
        build(&req("Acme\nHealth", "Link")),
        Err(Error::Invalid {
            field: "supplier name",
            ..
        })
    ));
    assert!(matches!(
        build(&req("Acme", "Link\u{200B}")),
        Err(Error::Invalid {
            field: "app name",
            ..
        })
    ));
    assert!(matches!(
        build(&req("Acme", "Link -")),
        Err(Error::Invalid {
            field: "app name",
            ..
        })
    ));
    assert_eq!(
        build(&req("Acme", &"x".repeat(250))),
        Err(Error::TooLong {
            field: "application name",
            max: 255
        })
    );
    // Hyphens inside the supplier's name are fine.
    assert!(build(&req("Smith-Jones", "Link")).is_ok());
}

/// The text a user reads: every message and help the table produces is free of runs of spaces
/// (a broken line continuation), of unbalanced backticks (the page turns `…` into code), and
/// every help text ends as a sentence does.
#[test]
fn texts_users_read_are_clean() {
    let mut bad = Vec::new();
    for (name, options, _, _) in TABLE {
        for d in check(name, options).diagnostics {
            let help = d.help.as_deref().unwrap_or("");
            for (what, text) in [("message", d.message.as_str()), ("help", help)] {
                if text.contains("  ") {
                    bad.push(format!("{} {what} has a run of spaces: {text:?}", d.code));
                }
                if text.matches('`').count() % 2 != 0 {
                    bad.push(format!("{} {what} has a stray backtick: {text:?}", d.code));
                }
                if text.trim() != text {
                    bad.push(format!(
                        "{} {what} starts or ends with space: {text:?}",
                        d.code
                    ));
                }
            }
            if !help.is_empty() && !help.ends_with(['.', '`', ')']) {
                bad.push(format!("{} help does not end a sentence: {help:?}", d.code));
            }
        }
    }
    bad.sort();
    bad.dedup();
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
