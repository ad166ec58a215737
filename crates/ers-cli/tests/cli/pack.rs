//! `ers-golive pack`: from the plan command's JSON and a details CSV to the pack, exit codes,
//! exports; and the pack's kid rule agrees with the key generator's.

#![allow(clippy::unwrap_used)] // test helpers: a failure is a test failure

use crate::common::{ers as bin, pack_details, plan_care_vista, stdout};

use std::path::Path;

/// Writes the plan of one EUO with user-restricted and referrer access into `dir`, and returns
/// the path and the two application names.
fn plan(dir: &Path) -> (String, [String; 2]) {
    let o = plan_care_vista(&["--user-restricted", "--app-restricted-referrer", "--json"]);
    let json = stdout(&o);
    let path = dir.join("plan.json");
    std::fs::write(&path, &json).unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let name = |i: usize| v["applications"][i]["name"].as_str().unwrap().to_owned();
    (path.to_str().unwrap().to_owned(), [name(0), name(1)])
}

/// Writes a details CSV into `dir` and returns its path.
fn write_details(dir: &Path, csv: &str) -> String {
    let path = dir.join("details.csv");
    std::fs::write(&path, csv).unwrap();
    path.to_str().unwrap().to_owned()
}

fn codes(json: &str) -> Vec<(Option<u64>, String)> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["application"].as_u64(),
                f["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn plan_alone_lists_what_is_missing_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, _) = plan(dir.path());
    let o = bin(&["pack", "--plan", &plan, "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let mut expected = Vec::new();
    for i in 0..2 {
        for c in ["ERS-G001", "ERS-G002", "ERS-G003", "ERS-G004"] {
            expected.push((Some(i), c.to_owned()));
        }
        if i == 0 {
            // The user-restricted application's callback URL.
            expected.push((Some(i), "ERS-G029".to_owned()));
        }
    }
    assert_eq!(codes(&stdout(&o)), expected);
}

const APP_1: &str = "5a0f1c2e-1111-4000-8000-000000000001";
const APP_2: &str = "5a0f1c2e-1111-4000-8000-000000000002";

#[test]
fn details_complete_the_pack_and_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, [ur, ar]) = plan(dir.path());
    let details = write_details(
        dir.path(),
        &format!(
            "Application name;AppID;API key;kid;JWKS URL;ASID;Callback URL\n\
             {ur};{APP_1};key-1;prod-1;https://keys.example.com/jwks.json;200000000001;https://app.example.com/ers/callback\n\
             {ar};{APP_2};key-2;Prod two;https://keys.example.com/jwks.json;;\n"
        ),
    );
    let d = details.as_str();
    let o = pack_details("--plan", &plan, d, &["--done", "4.11", "--markdown"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let md = stdout(&o);
    assert!(md.starts_with("Subject: e-RS PROD form details: Care Vista Link (Care Vista)\n"));
    assert!(md.contains(&format!(
        "| 2 | {ar} |  | {APP_2} | key-2 | Prod two | https\\://keys.example.com/jwks.json |  | Leeds Teaching Hospitals | RR8 | application-restricted | referrer | e-Referral Service - Application Restricted | PROD |\n"
    )));
    assert!(
        md.contains(&format!("| {ur} | 200000000001 | {APP_1} |")),
        "{md}"
    );
    assert!(md.contains("- [x] **4.11** Sign in to your developer account\n"));
    assert!(!md.contains("## Still to complete"));
    assert!(
        md.contains(" | https\\://app.example.com/ers/callback | Leeds"),
        "{md}"
    );

    // The callback URL in the summary a person reads, for the user-restricted one only.
    let text = stdout(&pack_details("--plan", &plan, d, &[]));
    assert!(
        text.contains("   JWKS URL: https://keys.example.com/jwks.json\n   Callback URL: https://app.example.com/ers/callback\n"),
        "{text}"
    );
    assert_eq!(text.matches("Callback URL:").count(), 1, "{text}");

    // A kid with a space is NHS-hosted in PROD: a warning, not an error, so the pack is done.
    let o = pack_details("--plan", &plan, d, &["--json"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(codes(&stdout(&o)), [(Some(1), "ERS-G007".to_owned())]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["applications"][0]["asid"], "200000000001");
    assert_eq!(v["findings"][0]["severity"], "warning");

    let o = pack_details("--plan", &plan, d, &["--csv"]);
    assert_eq!(o.status.code(), Some(0));
    let csv = stdout(&o);
    assert!(csv.starts_with("\u{FEFF}Application name,ASID,AppID,"));
    assert_eq!(csv.matches("\r\n").count(), 3);
    assert!(csv.contains(&format!(",200000000001,{APP_1},")), "{csv}");

    // The CLI's own report: the ASID first, and the pack's one summary on its second line.
    let o = pack_details("--plan", &plan, d, &[]);
    let text = stdout(&o);
    assert_eq!(
        text.lines().nth(1),
        Some("Ready to send: all 2 applications complete, nothing wrong; 1 warning to look at.")
    );
    assert!(
        text.contains(&format!(
            "   ASID:     200000000001\n   AppID:    {APP_1}\n"
        )),
        "{text}"
    );
    assert!(text.contains("  [x] 4.14 Name your application (each application) — Verified: the 2 names pass 4.14.\n"), "{text}");
}

#[test]
fn details_problems_are_findings() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, [ur, _]) = plan(dir.path());
    let details = write_details(
        dir.path(),
        &format!(
            "name,AppID,kid,JWKS URL\n\
             \"{ur}\",app-1,prod 1,http://192.168.0.10/jwks.json\n\
             Somebody else,app-3,x,https://a.example\n"
        ),
    );
    let o = pack_details("--plan", &plan, &details, &["--json"]);
    assert_eq!(o.status.code(), Some(1));
    let s = |c: &str| c.to_owned();
    assert_eq!(
        codes(&stdout(&o)),
        [
            (Some(0), s("ERS-G002")),
            (Some(0), s("ERS-G029")),
            (Some(0), s("ERS-G024")),
            (Some(0), s("ERS-G007")),
            (Some(0), s("ERS-G011")),
            (Some(0), s("ERS-G012")),
            (Some(1), s("ERS-G001")),
            (Some(1), s("ERS-G002")),
            (Some(1), s("ERS-G003")),
            (Some(1), s("ERS-G004")),
            (None, s("ERS-G021")),
        ]
    );
    // Text output names each finding with its rule.
    let o = pack_details("--plan", &plan, &details, &[]);
    let text = stdout(&o);
    assert!(text.contains("error[ERS-G012]: The JWKS URL's host `192.168.0.10` is a private (RFC 1918) address: the NHS token server cannot reach it.\n   = help: Publish the JWKS at a public https address; otherwise the token server answers \"The JWKS endpoint, for your client_assertion can't be reached\".\n   = rule: 4.2\n"), "{text}");
    assert!(text.contains("warning[ERS-G021]: Line 3: no application in the plan is named `Somebody else`.\n   = help: Write the application name exactly as the plan has it.\n   = rule: 4.3\n"), "{text}");
}

#[test]
fn unreadable_input_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"asids\": []}").unwrap();
    let cases: &[(&[&str], &str)] = &[
        (
            &["pack", "--plan", "/no/such/plan.json"],
            "error: could not read the plan file /no/such/plan.json",
        ),
        (
            &["pack", "--plan", bad.to_str().unwrap()],
            "plan JSON: not a go-live plan (missing field `applications`",
        ),
        (
            &[
                "pack",
                "--plan",
                bad.to_str().unwrap(),
                "--details",
                "/no/such.csv",
            ],
            "error: could not read the plan",
        ),
        (
            &["pack", "--plan", "x", "--json", "--csv"],
            "cannot be used with",
        ),
    ];
    for (args, message) in cases {
        let o = bin(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(message), "{args:?}: {err}");
    }
}

/// The pack and the key generator take every non-empty kid, as the token server does (unusual
/// ones are warnings in both); only the empty kid is refused.
#[test]
fn kid_rule_agrees_with_the_key_generator() {
    use ers_rules::golive::check_kid;
    let long = "k".repeat(65);
    let cases: &[(&str, bool, bool)] = &[
        // kid, accepted, warned about
        ("prod-1", true, false),
        ("test-1", true, false),
        ("Q2xpZW50_a-b.c", true, false),
        ("urn:key:1", true, false),
        ("a/b", true, false),
        (".hidden", true, false),
        (&long, true, true),
        ("Prod one", true, true),
        ("clé", true, true),
        ("", false, false),
    ];
    for (kid, accepted, warned) in cases {
        assert_eq!(check_kid(kid).is_ok(), *accepted, "pack: {kid:?}");
        assert_eq!(
            ers_keys::jwk::validate_kid(kid).is_ok(),
            *accepted,
            "keys: {kid:?}"
        );
        assert_eq!(
            check_kid(kid).is_ok_and(|notes| !notes.is_empty()),
            *warned,
            "pack: {kid:?}"
        );
        assert_eq!(
            !ers_keys::jwk::kid_diagnostics(kid).is_empty(),
            *warned,
            "keys: {kid:?}"
        );
    }
}
