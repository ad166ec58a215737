//! `ers-golive keys new --project|--plan`, judged from outside: every key of every application
//! passes `openssl rsa -check` at the size asked, every JWKS `n` is its key's modulus (OpenSSL),
//! every thumbprint is the RFC 7638 thumbprint Python computes from the JWK, the index lists
//! every application, and the project gets the kids and thumbprints (a plan is left as it was).

use crate::common::{arg, ers, json, judge, ok, plan_care_vista, read, tempdir, text};

use std::path::Path;
use std::process::Output;

/// The plan's EUOs and access modes beyond [`crate::common::CARE_VISTA`]: four applications.
const PLAN: &[&str] = &[
    "--euo",
    "Harrogate and District=RCD",
    "--user-restricted",
    "--app-restricted-referrer",
];

/// `ers-golive keys new FROM PATH --out-dir OUT EXTRA…` (`FROM` is `--project` or `--plan`).
fn keys_new(from: &str, path: &str, out_dir: &str, extra: &[&str]) -> Output {
    ers(&[
        &["keys", "new", from, path, "--out-dir", out_dir][..],
        extra,
    ]
    .concat())
}

const KIDS: [&str; 4] = [
    "prod-rr8-ur-2026-12-01",
    "prod-rr8-ar-ref-2026-12-01",
    "prod-rcd-ur-2026-12-01",
    "prod-rcd-ar-ref-2026-12-01",
];
const FOLDERS: [&str; 4] = ["01-rr8-ur", "02-rr8-ar-ref", "03-rcd-ur", "04-rcd-ar-ref"];

/// The RFC 7638 thumbprint of a JWKS's one key, by Python.
fn thumbprint(jwks: &Path) -> String {
    let script = "import base64,hashlib,json,sys; k=json.load(open(sys.argv[1]))['keys'][0]; \
                  m=json.dumps({'e':k['e'],'kty':k['kty'],'n':k['n']},separators=(',',':'),sort_keys=True); \
                  print(base64.urlsafe_b64encode(hashlib.sha256(m.encode()).digest()).decode().rstrip('='))";
    judge(
        "python3",
        &["-c", script, jwks.to_str().unwrap_or_default()],
    )
    .trim()
    .to_owned()
}

/// Every folder judged by OpenSSL; returns the thumbprints in folder order.
fn check_folders(out: &Path, bits: usize) -> Vec<String> {
    let mut thumbprints = Vec::new();
    for (folder, kid) in FOLDERS.iter().zip(KIDS) {
        let dir = out.join(folder);
        let pem = dir.join(format!("{kid}.pem"));
        let pem_s = pem.to_string_lossy().into_owned();
        assert!(
            judge("openssl", &["rsa", "-check", "-noout", "-in", &pem_s]).contains("RSA key ok")
        );
        assert!(
            judge("openssl", &["rsa", "-text", "-noout", "-in", &pem_s])
                .contains(&format!("Private-Key: ({bits} bit, 2 primes)"))
        );
        let modulus = judge("openssl", &["rsa", "-noout", "-modulus", "-in", &pem_s]);
        let jwks_path = dir.join(format!("{kid}.json"));
        let jwks = json(&read(&jwks_path));
        assert_eq!(jwks["keys"][0]["kid"], kid);
        let n = jwks["keys"][0]["n"].as_str().unwrap_or_default();
        let script = "import base64,sys; s=sys.argv[1]; \
                      print(base64.urlsafe_b64decode(s + '=' * (-len(s) % 4)).hex().upper())";
        let n_hex = judge("python3", &["-c", script, n]);
        assert_eq!(modulus.trim(), format!("Modulus={}", n_hex.trim()), "{kid}");
        assert_eq!(
            read(&dir.join(format!("{kid}.pem.pub"))),
            judge("openssl", &["rsa", "-in", &pem_s, "-pubout"])
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&pem)
                .map(|m| m.permissions().mode())
                .unwrap_or(0);
            assert_eq!(mode & 0o777, 0o600, "{kid}.pem is private");
        }
        thumbprints.push(thumbprint(&jwks_path));
    }
    thumbprints
}

fn check_index(out: &Path, thumbprints: &[String]) {
    let index = read(&out.join("index.csv"));
    let lines: Vec<&str> = index
        .trim_start_matches('\u{FEFF}')
        .trim_end()
        .split("\r\n")
        .collect();
    assert_eq!(lines.len(), 5, "{index}");
    // The ASID column is for the number NHS allocated (none in these plans); its name in the
    // plan comes next.
    assert!(
        lines[0].starts_with("Application,Organisation,ODS code,Access mode,ASID,ASID name,kid,")
    );
    for (i, line) in lines[1..].iter().enumerate() {
        // A thumbprint is base64url and may start with `-`: the CSV guards it against formula
        // injection as every cell, and the plan's CSV reader takes the guard off again.
        let mut cells = String::new();
        for cell in [KIDS[i], thumbprints[i].as_str(), FOLDERS[i]] {
            cells.push(',');
            ers_rules::plan::push_csv_cell(&mut cells, cell);
        }
        assert!(line.contains(&format!("{cells},")), "{line}");
        assert!(line.contains("(ASID "), "{line}");
    }
    assert!(read(&out.join("README.txt")).contains("Publish each KID.json"));
}

#[test]
fn keys_new_project_makes_every_missing_key_and_writes_the_kids_back() {
    let dir = tempdir();
    let project = dir.path().join("project.json");
    let project_s = project.to_string_lossy().into_owned();
    ok(&plan_care_vista(
        &[PLAN, &["--project", &project_s]].concat(),
    ));

    let out = dir.path().join("keys");
    let out_s = out.to_string_lossy().into_owned();
    let made = ok(&keys_new(
        "--project",
        &project_s,
        &out_s,
        &["--bits", "2048", "--date", "2026-12-01", "--json"],
    ));
    let made = json(&made);
    assert_eq!(made["keys"].as_array().map(Vec::len), Some(4));
    let thumbprints = check_folders(&out, 2048);
    check_index(&out, &thumbprints);

    // The project now holds each application's kid and thumbprint, and no private key.
    let saved = read(&project);
    assert!(!saved.contains("PRIVATE KEY"));
    let saved = json(&saved);
    let apps = saved["applications"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(apps.len(), 4);
    for (i, app) in apps.iter().enumerate() {
        assert_eq!(app["kid"], KIDS[i]);
        assert_eq!(app["thumbprint"], thumbprints[i].as_str());
    }
    // …which the pack reads.
    let pack = text(&ers(&["pack", "--project", &project_s, "--json"]).stdout);
    for kid in KIDS {
        assert!(pack.contains(kid), "the pack shows {kid}");
    }

    // Run again: every application has a key now, so nothing is made or overwritten.
    let again = ok(&keys_new(
        "--project",
        &project_s,
        &out_s,
        &["--bits", "2048"],
    ));
    assert!(again.contains("nothing was made"), "{again}");
}

#[test]
fn keys_new_plan_makes_the_same_folders_and_leaves_the_plan_alone() {
    let dir = tempdir();
    let plan_json = ok(&plan_care_vista(&[PLAN, &["--json"]].concat()));
    let plan = dir.path().join("plan.json");
    std::fs::write(&plan, &plan_json).expect("write the plan");
    let plan_s = plan.to_string_lossy().into_owned();
    let out = dir.path().join("keys");
    let out_s = out.to_string_lossy().into_owned();
    let keys_new_plan = || {
        keys_new(
            "--plan",
            &plan_s,
            &out_s,
            &["--bits", "2048", "--date", "2026-12-01"],
        )
    };
    ok(&keys_new_plan());
    let thumbprints = check_folders(&out, 2048);
    check_index(&out, &thumbprints);
    assert_eq!(read(&plan), plan_json, "the plan is not written to");

    // The same folder again: refused, nothing overwritten.
    let refused = keys_new_plan();
    assert_eq!(refused.status.code(), Some(2));
    assert!(text(&refused.stderr).contains("exists already; nothing was written"));
}

#[test]
fn keys_new_plan_refuses_a_template_without_a_date_and_a_kid_with_it() {
    let dir = tempdir();
    let plan = dir.path().join("plan.json");
    let plan_json = ok(&plan_care_vista(&[PLAN, &["--json"]].concat()));
    std::fs::write(&plan, plan_json).expect("write the plan");
    let plan_s = plan.to_string_lossy().into_owned();
    let out_s = arg(&dir.path().join("keys"));
    let no_date = keys_new(
        "--plan",
        &plan_s,
        &out_s,
        &["--kid-template", "{org}-{mode}"],
    );
    assert_eq!(no_date.status.code(), Some(2));
    assert!(
        text(&no_date.stderr).contains("has no {date}"),
        "{}",
        text(&no_date.stderr)
    );
    assert!(!dir.path().join("keys").exists(), "nothing written");
    let both = keys_new("--plan", &plan_s, &out_s, &["--kid", "x"]);
    assert_eq!(both.status.code(), Some(2));
}
