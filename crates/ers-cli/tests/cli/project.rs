//! `ers-golive plan --project` → fill the plan's CSV → `pack --project --details`: the round
//! trip of the go-live project file; a project holding a secret is refused with exit 2.

#![allow(clippy::unwrap_used)] // test helpers: a failure is a test failure

use crate::common::{ers as bin, pack_details, plan_care_vista, stderr, stdout};

use std::path::Path;
use std::process::Output;

/// The plan's EUOs, access modes and service beyond [`crate::common::CARE_VISTA`].
const PLAN_ARGS: [&str; 9] = [
    "--euo",
    "Airedale NHS Foundation Trust=RCF",
    "--euo",
    "York and Scarborough=RCB",
    "--user-restricted",
    "--app-restricted-referrer",
    "--app-restricted-provider",
    "--service",
    "PDS",
];

/// `ers-golive plan`: [`crate::common::CARE_VISTA`], [`PLAN_ARGS`] and `extra`.
fn plan(extra: &[&str]) -> Output {
    plan_care_vista(&[&PLAN_ARGS[..], extra].concat())
}

fn plan_project(dir: &Path) -> String {
    let path = dir.join("golive.json");
    let path = path.to_str().unwrap().to_owned();
    let o = plan(&["--project", &path]);
    assert!(o.status.code().is_some_and(|c| c <= 1), "{}", stderr(&o));
    path
}

/// A small CSV reader for the test: quoted cells, doubled quotes, CRLF.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut rows = Vec::new();
    let (mut row, mut cell, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut cell)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            _ => cell.push(c),
        }
    }
    rows
}

fn write_csv(rows: &[Vec<String>]) -> String {
    let mut out = String::from('\u{FEFF}');
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| {
                if c.contains([',', '"', ';']) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c.clone()
                }
            })
            .collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The plan's own CSV, with the ASID, AppID, API key, kid and JWKS URL of every application
/// filled in as a supplier would in a spreadsheet. Returns the file and the rows filled.
fn filled_plan_csv(dir: &Path) -> (String, usize) {
    let o = plan(&["--csv"]);
    let mut rows = read_csv(&stdout(&o));
    let header = rows[0].clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (app, asid, app_id, key, kid, jwks) = (
        col("Application name"),
        col("ASID (allocated by NHS)"),
        col("AppID (from the developer hub)"),
        col("API key"),
        col("kid"),
        col("JWKS URL"),
    );
    let (mode, callback) = (col("Access mode"), col("Callback URL"));
    let mut filled = 0;
    for (i, row) in rows.iter_mut().enumerate().skip(1) {
        if row[app].is_empty() {
            continue; // the APIM services ASID has no e-RS application
        }
        filled += 1;
        row[asid] = format!("2000000{i:05}");
        row[app_id] = format!("5a0f1c2e-0000-4000-8000-{i:012}");
        row[key] = format!("Xk3uV9pQ2mT7rL1sW8yN4bC6dF0gH{i:03}");
        row[kid] = format!("prod-{i}");
        row[jwks] = "https://keys.carevista.example/ers/jwks.json".into();
        if row[mode] == "user-restricted" {
            row[callback] = format!("https://app.carevista.example/ers/callback/{i}");
        }
    }
    let path = dir.join("details.csv");
    std::fs::write(&path, write_csv(&rows)).unwrap();
    (path.to_str().unwrap().to_owned(), filled)
}

#[test]
fn plan_project_then_pack_project_with_the_filled_plan_csv_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let project = plan_project(dir.path());
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&project).unwrap()).unwrap();
    assert_eq!(saved["format"], "ers-golive-project");
    assert_eq!(saved["version"], 1);
    assert_eq!(saved["euos"].as_array().unwrap().len(), 3);
    assert_eq!(saved["applications"].as_array().unwrap().len(), 9);

    // The project alone: every detail missing, exit 1.
    let o = bin(&["pack", "--project", &project, "--json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));

    // The plan's CSV, filled, as DETAILS.csv: the pack is complete, exit 0.
    let (details, filled) = filled_plan_csv(dir.path());
    assert_eq!(filled, 9);
    let merged = dir.path().join("merged.json");
    let merged = merged.to_str().unwrap();
    let o = pack_details(
        "--project",
        &project,
        &details,
        &["--save-project", merged, "--json"],
    );
    let pack: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(pack["findings"], serde_json::json!([]), "{}", stdout(&o));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(pack["complete"], true);
    // Row 4 is the first organisation's APIM services ASID (PDS), with no application: the
    // second organisation's first application is on row 5.
    assert_eq!(pack["applications"][3]["kid"], "prod-5");

    // The merged project holds every detail, and packs complete on its own.
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(merged).unwrap()).unwrap();
    let apps = saved["applications"].as_array().unwrap();
    assert!(
        apps.iter().all(|a| a["asid"].as_str().unwrap().len() == 12),
        "{saved}"
    );
    assert!(
        apps.iter()
            .all(|a| !a["app_id"].as_str().unwrap().is_empty())
    );
    // The callback URL, from the plan's CSV into the project, for the user-restricted ones.
    let callbacks: Vec<&str> = apps
        .iter()
        .filter_map(|a| a["callback_url"].as_str())
        .filter(|c| !c.is_empty())
        .collect();
    assert_eq!(callbacks.len(), 3, "{saved}");
    assert!(
        callbacks
            .iter()
            .all(|c| c.starts_with("https://app.carevista.example/ers/callback/"))
    );
    let o = bin(&["pack", "--project", merged, "--markdown"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("| prod-5 |"));

    // Planning again into the same project keeps what was filled in.
    let o = plan(&["--project", merged]);
    assert!(o.status.code().is_some_and(|c| c <= 1), "{}", stderr(&o));
    let again: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(merged).unwrap()).unwrap();
    assert_eq!(again["applications"], saved["applications"]);

    // The old way still works: a plan's JSON with the same details file.
    let plan_json = dir.path().join("plan.json");
    std::fs::write(&plan_json, stdout(&plan(&["--json"]))).unwrap();
    let o = pack_details("--plan", plan_json.to_str().unwrap(), &details, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn unmatched_and_duplicate_rows_are_reported_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let project = plan_project(dir.path());
    let o = plan(&["--json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let name = v["applications"][0]["name"].as_str().unwrap();
    let details = dir.path().join("d.csv");
    std::fs::write(
        &details,
        format!("Application name,AppID\n\"{name}\",a\nNo such application,b\n\"{name}\",c\n"),
    )
    .unwrap();
    let o = pack_details("--project", &project, details.to_str().unwrap(), &[]);
    let out = stdout(&o);
    assert!(
        out.contains("Line 3: no application in the plan is named `No such application`."),
        "{out}"
    );
    assert!(out.contains("Line 4: a second row for"), "{out}");
}

#[test]
fn a_project_holding_a_secret_is_refused_with_exit_2_and_not_echoed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.json");
    let secret = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQ";
    std::fs::write(
        &path,
        format!(
            r#"{{"format":"ers-golive-project","version":1,"product":"Acme","applications":[{{"name":"A","private_key":"-----BEGIN PRIVATE KEY-----\n{secret}\n-----END PRIVATE KEY-----"}}]}}"#
        ),
    )
    .unwrap();
    let o = bin(&["pack", "--project", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("holds a private key (applications[0].private_key)"),
        "{err}"
    );
    assert!(
        !err.contains(secret) && !stdout(&o).contains(secret),
        "{err}"
    );

    std::fs::write(
        &path,
        r#"{"format":"ers-golive-project","version":1,"client_secret":"s3cr3t-value-123"}"#,
    )
    .unwrap();
    let o = bin(&["pack", "--project", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("a client secret"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("s3cr3t-value-123"));

    // plan --project will not overwrite such a file either.
    let o = plan(&["--project", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("s3cr3t-value-123")
    );
}

#[test]
fn a_plan_json_given_as_a_project_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let plan_json = dir.path().join("plan.json");
    std::fs::write(&plan_json, stdout(&plan(&["--json"]))).unwrap();
    let o = bin(&["pack", "--project", plan_json.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--project option"), "{}", stderr(&o));
    let o = bin(&["pack"]);
    assert_eq!(o.status.code(), Some(2), "neither --plan nor --project");
}

/// A project file over its limit (64 MB) is refused before it is read, the limit named, exit 2.
#[test]
fn a_project_file_over_its_limit_exits_2_naming_the_limit() {
    let dir = std::env::temp_dir().join(format!("ers-cli-project-limit-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let big = dir.join("big.json");
    std::fs::write(&big, vec![b' '; 65 * 1024 * 1024]).unwrap();
    let output = bin(&["pack", "--project", &big.to_string_lossy()]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("A project file is limited to 64 MB, and this one is 65 MB"),
        "{}",
        stderr(&output)
    );
    assert!(stdout(&output).is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}
