//! `ers-golive plan`: exit codes, the JSON shape of DESIGN.md, CSV output and CSV input.

use crate::common::{ers, ers_with_stdin, json_of as json, stderr, stdout};

/// Runs `ers-golive plan ARGS`.
fn run(args: &[&str]) -> Output {
    ers(&[&["plan"], args].concat())
}

/// Runs `ers-golive plan ARGS`, with `stdin` on its standard input when given.
fn run_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let args = [&["plan"], args].concat();
    match stdin {
        Some(bytes) => ers_with_stdin(&args, bytes),
        None => ers(&args),
    }
}

use std::process::Output;

/// Runs `ers-golive plan --product P ARGS`: a plan whose product name does not matter.
fn run_p(args: &[&str]) -> Output {
    run(&[&["--product", "P"], args].concat())
}

fn code(o: &Output) -> Option<i32> {
    o.status.code()
}

const ALL: [&str; 3] = [
    "--user-restricted",
    "--app-restricted-referrer",
    "--app-restricted-provider",
];

#[test]
fn worked_example_as_json_has_the_design_shape() {
    let mut args = vec!["--product", "Care Vista Link", "--supplier", "Care Vista"];
    args.extend([
        "--euo",
        "Leeds=RR8",
        "--euo",
        "Airedale=RCF",
        "--euo",
        "Harrogate",
    ]);
    args.extend(ALL);
    args.push("--json");
    let o = run(&args);
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    let v = json(&o);
    let keys: Vec<&str> = v
        .as_object()
        .map(|m| m.keys().map(String::as_str).collect())
        .unwrap_or_default();
    for key in ["asids", "applications", "notes", "totals"] {
        assert!(keys.contains(&key), "{key} in {keys:?}");
    }
    assert_eq!(
        v["totals"],
        serde_json::json!({"euos": 3, "asids": 9, "applications": 9, "key_pairs": 9})
    );
    assert_eq!(
        v["asids"][2]["name"],
        "Leeds - Care Vista Link – Prod - Application-Restricted - Provider (ASID 3)"
    );
    assert_eq!(v["asids"][2]["capability"], "provider");
    assert_eq!(v["asids"][2]["rule"], "4.16");
    assert!(v["asids"][6].get("ods_code").is_none());
    for field in [
        "name",
        "environment",
        "access_mode",
        "api",
        "organisation",
        "asid_index",
    ] {
        assert!(v["applications"][0].get(field).is_some(), "{field}");
    }
    assert_eq!(v["applications"][0]["environment"], "prod");
    assert_eq!(v["applications"][1]["asid_index"], 1);
}

#[test]
fn missing_inputs_exit_2_with_every_reason_on_stderr() {
    let cases: [(&[&str], &[&str]); 3] = [
        (&["--product", "P", "--euo", "Leeds"], &["ERS-P003"]),
        (&["--product", "P", "--user-restricted"], &["ERS-P002"]),
        (
            &["--product", " ", "--user-restricted"],
            &["ERS-P001", "ERS-P002"],
        ),
    ];
    for (args, codes) in cases {
        let o = run(args);
        assert_eq!(code(&o), Some(2), "{args:?}");
        assert_eq!(stdout(&o), "", "{args:?}");
        let err = stderr(&o);
        assert!(err.starts_with("error: no plan could be made:"), "{err}");
        for c in codes {
            assert!(err.contains(&format!("error[{c}]")), "{c} in {err}");
        }
    }
    let o = run_p(&["--euo", "L", "--user-restricted", "--json", "--csv"]);
    assert_eq!(
        code(&o),
        Some(2),
        "--json and --csv together is a usage error"
    );
    let o = run_p(&["--euo-csv", "/nonexistent/euos.csv", "--user-restricted"]);
    assert_eq!(code(&o), Some(2));
    assert!(stderr(&o).contains("could not read the EUO CSV file /nonexistent/euos.csv"));
}

#[test]
fn warnings_exit_1_but_the_plan_is_printed() {
    let o = run_p(&[
        "--euo",
        "Leeds=RR8",
        "--euo",
        "Leeds=RR8",
        "--user-restricted",
        "--json",
    ]);
    assert_eq!(code(&o), Some(1));
    let v = json(&o);
    assert_eq!(v["totals"]["asids"], 2);
    let codes: Vec<&str> = v["notes"]
        .as_array()
        .map(|a| a.iter().filter_map(|n| n["code"].as_str()).collect())
        .unwrap_or_default();
    assert!(codes.contains(&"ERS-P010"), "{codes:?}");
}

#[test]
fn csv_output_has_bom_and_neutralises_formulas() {
    let o = run_p(&["--euo", "=1+1", "--app-restricted-referrer", "--csv"]);
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    assert!(o.stdout.starts_with(&[0xEF, 0xBB, 0xBF]));
    let text = stdout(&o);
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert!(lines[0].ends_with("Organisation,ODS code,ASID number,ASID name,Access mode,Capability,Business function,APIM services,Purpose,ASID rule,Application name,Environment,API,Key pairs,Application rule,ASID (allocated by NHS),AppID (from the developer hub),API key,kid,JWKS URL,Callback URL"));
    assert!(lines[1].starts_with("\"'=1+1\",,1,\"'=1+1 - P – Prod - Application-Restricted - Referrer (ASID 1)\",application-restricted,referrer,REFERRER_AUTHORISED_APPLICATION,"), "{}", lines[1]);
}

#[test]
fn euo_csv_with_bom_and_a_broken_row_imports_the_rest_and_exits_1() {
    let dir = tempfile::tempdir();
    let dir = match dir {
        Ok(d) => d,
        Err(e) => panic!("tempdir: {e}"),
    };
    let file = dir.path().join("euos.csv");
    let body = "\u{FEFF}ODS code;Organisation name\r\nRR8;Leeds\r\nRCF;\"Airedale\r\n";
    assert!(std::fs::write(&file, body).is_ok());
    let path = file.to_string_lossy().into_owned();
    let o = run_p(&["--euo-csv", &path, "--user-restricted", "--json"]);
    assert_eq!(code(&o), Some(1));
    let err = stderr(&o);
    assert_eq!(
        err,
        format!(
            "{path}:3: error[ERS-P030]: Line 3: a quoted cell is never closed, so this row was not imported.\n"
        )
    );
    let v = json(&o);
    assert_eq!(v["totals"]["euos"], 1);
    assert_eq!(
        v["asids"][0]["name"],
        "Leeds - P – Prod - User-Restricted (ASID 1)"
    );
    assert_eq!(v["asids"][0]["ods_code"], "RR8");
    assert_eq!(v["notes"][0]["code"], "ERS-P030");
    assert_eq!(v["notes"][0]["line"], 3);
}

#[test]
fn euo_csv_from_stdin_plus_euo_flags() {
    let o = run_with_stdin(
        &[
            "--product",
            "P",
            "--euo",
            "Typed=A1",
            "--euo-csv",
            "-",
            "--app-restricted-provider",
            "--markdown",
        ],
        Some(b"Leeds,RR8\nAiredale,RCF\n"),
    );
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    let md = stdout(&o);
    assert!(md.contains("End-user organisations: 3. ASIDs: 3."), "{md}");
    assert!(
        md.contains(
            "| Typed | A1 | Typed - P – Prod - Application-Restricted - Provider (ASID 1) |"
        ),
        "{md}"
    );
    assert!(md.contains("| Airedale | RCF |"), "{md}");
}

#[test]
fn services_and_text_output() {
    let o = run_p(&[
        "--euo",
        "Leeds",
        "--user-restricted",
        "--service",
        "pds",
        "--service",
        "apim:NRL",
        "--service",
        "NEMS",
    ]);
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.starts_with(
            "P: 1 end-user organisation → 2 ASIDs, 1 PROD applications, 1 key pairs\n"
        ),
        "{text}"
    );
    assert!(text.contains("  ASID 2: Leeds - P – Prod - APIM Platform Services (ASID 2)  [4.17]\n    for: PDS, NRL  (no e-RS application)\n"), "{text}");
    assert!(text.contains("info[ERS-P022] (4.17): NEMS: "), "{text}");
    // An unknown service is a warning: exit 1.
    let o = run_p(&[
        "--euo",
        "Leeds",
        "--user-restricted",
        "--service",
        "Mystery",
    ]);
    assert_eq!(code(&o), Some(1));
    assert!(
        stdout(&o).contains("warning[ERS-P012] (4.17): \"Mystery\" is not a service 4.17 names")
    );
}

#[test]
fn naming_patterns_shape_the_names_and_a_bad_one_says_why() {
    let o = run(&[
        "--product",
        "Care Vista Link",
        "--supplier",
        "Care Vista",
        "--euo",
        "Leeds=RR8",
        "--euo",
        "Airedale=RCF",
        "--user-restricted",
        "--app-name-pattern",
        "{product} {ods}",
        "--asid-name-pattern",
        "{ods} {product} {access} {n}",
        "--json",
    ]);
    assert_eq!(code(&o), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(
        v["applications"][1]["name"],
        "Care Vista - Care Vista Link RCF - PROD - e-Referral Service, User Restricted"
    );
    assert_eq!(
        v["asids"][0]["name"],
        "RR8 Care Vista Link User-Restricted 1"
    );

    let o = run(&[
        "--product",
        "P",
        "--euo",
        "Leeds=RR8",
        "--euo",
        "Airedale=RCF",
        "--user-restricted",
        "--app-name-pattern",
        "{product}",
    ]);
    assert_eq!(code(&o), Some(2));
    assert!(stderr(&o).contains("ERS-P006"), "{}", stderr(&o));
}
