//! Properties of the name checker over generated input: it never panics, its spans and fixes
//! stay inside the name, every corrected name checks clean (and suggests nothing further), and
//! every built name checks clean and reads back as built.

use ers_rules::name::{CheckOptions, MAX_LEN, NameRequest, build, check};
use ers_rules::{AccessMode, Environment};
use proptest::prelude::*;

/// Pieces that names are made of, good and bad, so generated names get past the first rule.
const FRAGMENTS: &[&str] = &[
    "Care Vista",
    "Acme",
    "Smith-Jones",
    "Link",
    "Medical System",
    " - ",
    " - ",
    " - ",
    "-",
    " -",
    "- ",
    " – ",
    " — ",
    "−",
    "--",
    "  ",
    " ",
    ",",
    ", ",
    ", ",
    ";",
    "/",
    "(",
    ")",
    ".",
    "PROD",
    "PROD",
    "Prod",
    "prod",
    "INT",
    "SANDBOX",
    "UAT",
    "Production",
    "Live",
    "TEST2",
    "e-Referral Service",
    "e-Referral Service",
    "eRS",
    "e-RS",
    "ERS",
    "eReferral",
    "e-referral service",
    "NHS e-Referral Service",
    "e-Referral Servic",
    "Electronic Referral Service",
    "Service",
    "Referral",
    "User Restricted",
    "User Restricted",
    "User-restricted",
    "Application-Restricted",
    "Application Restricted",
    "Unattended",
    "User",
    "App",
    "Restricted",
    "and",
    "Admin",
    "\n",
    "\t",
    "\r",
    "\u{0}",
    "\u{200B}",
    "\u{202E}",
    "\u{FEFF}",
    "\u{A0}",
    "\u{2009}",
    "🚀",
    "é",
    "𝔄",
];

fn fragments() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..14).prop_map(|v| v.concat())
}

fn options() -> impl Strategy<Value = CheckOptions> {
    let env = prop::option::of(prop::sample::select(Environment::ALL.to_vec()));
    let mode = prop::option::of(prop::sample::select(AccessMode::ALL.to_vec()));
    (env, mode).prop_map(|(environment, access_mode)| CheckOptions {
        environment,
        access_mode,
    })
}

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => fragments(),
        1 => any::<String>(),
        1 => "[ -~]{0,300}",
        1 => prop::collection::vec(any::<char>(), 250..260).prop_map(|v| v.into_iter().collect()),
    ]
}

fn assert_sound(name: &str, options: &CheckOptions) -> Result<(), TestCaseError> {
    let got = check(name, options);
    let len = name.chars().count();
    prop_assert_eq!(got.valid, !got.diagnostics.iter().any(|d| d.is_error()));
    for d in &got.diagnostics {
        prop_assert!(d.code.starts_with("ERS-N"));
        prop_assert!(!d.message.is_empty());
        if let Some(s) = d.span {
            prop_assert!(s.start <= s.end && s.end <= len, "{:?} in {} chars", s, len);
        }
        if let Some(fix) = &d.fix {
            for e in &fix.edits {
                prop_assert!(e.span.start <= e.span.end && e.span.end <= len);
            }
        }
    }
    if let Some(suggested) = &got.suggested_name {
        prop_assert_ne!(suggested, name);
        prop_assert!(suggested.chars().count() <= MAX_LEN);
        let again = check(suggested, options);
        prop_assert!(
            again.diagnostics.is_empty(),
            "{:?} suggested {:?}, which gives {:?}",
            name,
            suggested,
            again.diagnostics
        );
        prop_assert_eq!(again.suggested_name, None);
        prop_assert!(again.valid);
    }
    Ok(())
}

proptest! {
    // 4000 cases each by default; PROPTEST_CASES=… for a longer run.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(4000)
    ))]

    #[test]
    fn checking_never_panics_and_suggestions_check_clean(name in name(), options in options()) {
        assert_sound(&name, &options)?;
    }

    #[test]
    fn structured_names_with_fragments_around_a_good_one(
        before in fragments(),
        after in fragments(),
        options in options(),
    ) {
        let name = format!(
            "{before}Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted{after}"
        );
        assert_sound(&name, &options)?;
    }

    #[test]
    fn built_names_check_clean_and_read_back(
        supplier in fragments(),
        app in fragments(),
        environment in prop::sample::select(Environment::ALL.to_vec()),
        access_mode in prop::sample::select(AccessMode::ALL.to_vec()),
    ) {
        let request = NameRequest { supplier, app, environment, access_mode };
        if let Ok(built) = build(&request) {
            let options = CheckOptions { environment: Some(environment), access_mode: Some(access_mode) };
            let got = check(&built.name, &options);
            prop_assert!(got.diagnostics.is_empty(), "{:?} gives {:?}", built.name, got.diagnostics);
            prop_assert_eq!(got.reading.environment, Some(environment));
            prop_assert_eq!(got.reading.access_mode, Some(access_mode));
            prop_assert_eq!(built.api, access_mode.api());
            let tidy = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert_eq!(got.reading.supplier, Some(tidy(&request.supplier)));
            prop_assert_eq!(got.reading.app, Some(tidy(&request.app)));
        }
    }
}

/// The generators reach the property that matters: a good share of generated names get a
/// suggested name (so "suggestions check clean" is tested, not vacuous).
#[test]
fn generated_names_often_get_a_suggestion() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = (fragments(), fragments(), options());
    let mut suggested = 0;
    let mut valid = 0;
    for _ in 0..2000 {
        let (before, after, options) = strategy
            .new_tree(&mut runner)
            .map(|t| t.current())
            .unwrap_or_default();
        let name = format!(
            "{before}Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted{after}"
        );
        let got = check(&name, &options);
        suggested += usize::from(got.suggested_name.is_some());
        valid += usize::from(got.valid);
    }
    assert!(suggested > 400, "{suggested} of 2000 got a suggestion");
    eprintln!("{suggested} of 2000 got a suggestion, {valid} valid");
    assert!(valid > 10, "{valid} of 2000 valid");
}
