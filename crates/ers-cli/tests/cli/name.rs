//! `ers-golive name check|build`, run as a user would: exit codes 0/1/2, the JSON shape of
//! DESIGN.md, the rustc-like text, and the builder's output.

use crate::common::{ers, ers_with_stdin, json_of, stderr as err, stdout as out};

/// Runs `ers-golive name ARGS`, with `stdin` on its standard input when given.
fn run(args: &[&str], stdin: Option<&str>) -> Output {
    let args = [&["name"], args].concat();
    match stdin {
        Some(text) => ers_with_stdin(&args, text.as_bytes()),
        None => ers(&args),
    }
}

use std::process::Output;

use serde_json::{Value, json};

const CV: &str = "Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted";
const STAGE2: &str = "Care Vista - Care Vista Link - INT - e-Referral Service - User-restricted";

#[test]
fn valid_names_exit_0() {
    for (name, args) in [
        (
            CV,
            vec!["--env", "prod", "--access-mode", "user-restricted"],
        ),
        (STAGE2, vec![]),
        (
            "Acme - Acme Medical System - PROD - e-Referral Service, Application-Restricted",
            vec!["--access-mode", "Application-Restricted"],
        ),
    ] {
        let mut all = vec!["check", name];
        all.extend(args);
        let o = run(&all, None);
        assert_eq!(o.status.code(), Some(0), "{name}: {}{}", out(&o), err(&o));
    }
    let o = run(&["check", CV], None);
    assert_eq!(out(&o), "ok: the name follows 4.14\n");
}

#[test]
fn errors_exit_1_with_rustc_like_text() {
    let name = "Acme - Acme Medical System - PROD - eRS, Application-Restricted";
    let o = run(&["check", name], None);
    assert_eq!(o.status.code(), Some(1));
    let text = out(&o);
    let expected = "\
error[ERS-N016]: The service name is written `eRS`.
   |
   | Acme - Acme Medical System - PROD - eRS, Application-Restricted
   |                                     ^^^ write `e-Referral Service`
   |
   = help: 4.14 writes the service's name in full, exactly: `e-Referral Service`.
   = rule: 4.14

suggested name: Acme - Acme Medical System - PROD - e-Referral Service, Application-Restricted
error: the name does not follow 4.14: 1 error
";
    assert_eq!(text, expected);
}

#[test]
fn warnings_only_exit_0_and_show_the_stage_4_form() {
    let o = run(&["check", STAGE2], None);
    assert_eq!(o.status.code(), Some(0));
    let text = out(&o);
    assert!(text.starts_with("warning[ERS-N018]: "), "{text}");
    assert!(text.contains("warning[ERS-N024]: "), "{text}");
    assert!(text.contains(
        "suggested name: Care Vista - Care Vista Link - INT - e-Referral Service, User Restricted"
    ));
    assert!(
        text.ends_with("ok: the name follows 4.14 (2 warnings)\n"),
        "{text}"
    );
}

#[test]
fn json_has_the_design_shape() {
    let o = run(&["check", STAGE2, "--env", "prod", "--json"], None);
    assert_eq!(o.status.code(), Some(1));
    let v = json_of(&o);
    assert_eq!(v["valid"], json!(false));
    assert_eq!(v["suggested_name"], json!(CV));
    let diags = v["diagnostics"]
        .as_array()
        .expect("diagnostics is an array");
    let codes: Vec<&str> = diags.iter().filter_map(|d| d["code"].as_str()).collect();
    assert_eq!(codes, ["ERS-N014", "ERS-N018", "ERS-N024"]);
    assert_eq!(
        diags[0],
        json!({
            "code": "ERS-N014",
            "severity": "error",
            "message": "The name says `INT` but the application is registered in PROD.",
            "span": [31, 34],
            "help": diags[0]["help"],
            "suggestion": "PROD",
            "fix": {"applicability": "machine-applicable", "edits": [{"span": [31, 34], "replacement": "PROD"}]},
            "rule": "4.13"
        })
    );
    assert!(
        diags[0]["help"]
            .as_str()
            .is_some_and(|h| h.contains("4.13"))
    );
    assert_eq!(diags[1]["severity"], json!("warning"));
    assert_eq!(v["reading"]["supplier"], json!("Care Vista"));
    assert_eq!(v["reading"]["environment"], json!("int"));
    assert_eq!(v["reading"]["access_mode"], json!("user-restricted"));
}

#[test]
fn json_span_is_null_when_there_is_none_and_suggested_name_null_when_unsure() {
    let long = "x".repeat(70_000);
    let o = run(&["check", "--json", "-"], Some(&long));
    assert_eq!(o.status.code(), Some(1));
    let v = json_of(&o);
    assert_eq!(v["diagnostics"][0]["code"], json!("ERS-N002"));
    assert_eq!(v["diagnostics"][0]["span"], Value::Null);
    assert_eq!(v["suggested_name"], Value::Null);

    let o = run(
        &[
            "check",
            "--json",
            "Care Vista - Care Vista Link - UAT - e-Referral Service, User Restricted",
        ],
        None,
    );
    let v = json_of(&o);
    assert_eq!(v["diagnostics"][0]["code"], json!("ERS-N011"));
    assert_eq!(v["suggested_name"], Value::Null);
}

#[test]
fn name_from_stdin_and_names_that_start_with_a_hyphen() {
    let o = run(&["check", "-"], Some(&format!("{CV}\n")));
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));
    let o = run(
        &[
            "check",
            "- Care Vista Link - PROD - e-Referral Service, User Restricted",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(out(&o).starts_with("error[ERS-N008]: The supplier name is missing."));
}

/// `name build` with a blank supplier name: a usage error.
const BLANK_SUPPLIER: [&str; 7] = [
    "build",
    "--supplier",
    " ",
    "--app",
    "X",
    "--access-mode",
    "user-restricted",
];

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["check", CV, "--env", "staging"],
        vec!["check", CV, "--access-mode", "both"],
        vec!["check"],
        vec!["build", "--supplier", "Acme", "--app", "X"],
        BLANK_SUPPLIER.to_vec(),
        vec![
            "build",
            "--supplier",
            "Acme - Health",
            "--app",
            "X",
            "--access-mode",
            "user-restricted",
        ],
    ] {
        let o = run(&args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", err(&o));
        assert!(out(&o).is_empty(), "{args:?}");
        assert!(!err(&o).is_empty(), "{args:?}");
    }
    let o = run(&BLANK_SUPPLIER, None);
    assert_eq!(
        err(&o),
        "error: cannot build the name: supplier name is empty\n"
    );
    let o = run(&["check", CV, "--env", "staging"], None);
    assert!(
        err(&o).contains("unknown environment `staging`"),
        "{}",
        err(&o)
    );
}

#[test]
fn build_prints_the_name_and_names_the_api() {
    let o = run(
        &[
            "build",
            "--supplier",
            "Care Vista",
            "--app",
            "Care Vista Link",
            "--access-mode",
            "user-restricted",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(out(&o), format!("{CV}\n"));
    assert!(
        err(&o).contains("`e-Referral Service - Healthcare Worker` (4.15)"),
        "{}",
        err(&o)
    );

    let o = run(
        &[
            "build",
            "--supplier",
            "Acme",
            "--app",
            "Acme  Medical System",
            "--env",
            "int",
            "--access-mode",
            "Application-Restricted",
            "--json",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    let v = json_of(&o);
    assert_eq!(
        v["name"],
        json!("Acme - Acme Medical System - INT - e-Referral Service, Application-Restricted")
    );
    assert_eq!(
        v["api"],
        json!("e-Referral Service - Application Restricted")
    );
    assert_eq!(v["environment"], json!("int"));
    assert_eq!(v["access_mode"], json!("application-restricted"));
    assert_eq!(
        (v["rule"].as_str(), v["api_rule"].as_str()),
        (Some("4.14"), Some("4.15"))
    );
    assert!(
        v["why"]
            .as_str()
            .is_some_and(|w| w.contains("cannot be used for both"))
    );

    // What build makes, check passes.
    let name = v["name"].as_str().unwrap_or_default().to_owned();
    let o = run(
        &[
            "check",
            &name,
            "--env",
            "int",
            "--access-mode",
            "application-restricted",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(out(&o), "ok: the name follows 4.14\n");
}
