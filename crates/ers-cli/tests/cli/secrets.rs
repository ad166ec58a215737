//! Secrets are never printed, and secrets are never taken in: a private key given on the command
//! line (as an option's value, `--opt=VALUE`, a positional argument or on standard input) is
//! never repeated on stdout or stderr, by clap or by us; a private key in a details CSV, an EUO
//! CSV or a plan field is refused where it enters (exit 2, the field named, never repeated), and
//! nothing is written. Each output is searched for every base64 line of the key's body.

#![allow(clippy::unwrap_used)] // test helpers: a failure is a test failure

use std::path::Path;
use std::process::Output;

use crate::common::{arg, ers, ers_with_stdin, plan_care_vista, stderr, stdout, tempdir};

const EXAMPLES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../ers-keys/tests/examples/jwt/"
);

fn example(name: &str) -> String {
    format!("{EXAMPLES}{name}")
}

/// `jwt sign --key PEM --kid KID --api-key API_KEY --env prod`.
fn sign<'a>(pem: &'a str, kid: &'a str, api_key: &'a str) -> Vec<&'a str> {
    let args = [
        "jwt",
        "sign",
        "--key",
        pem,
        "--kid",
        kid,
        "--api-key",
        api_key,
    ];
    [&args[..], &["--env", "prod"]].concat()
}

/// The throwaway test key's PEM.
fn key() -> String {
    std::fs::read_to_string(example("throwaway-test-key-2048.pem")).unwrap()
}

/// Fails when `output` holds any line of the key's base64 body, or its first 24 characters
/// anywhere (a key shown on one line).
fn assert_key_not_shown(what: &str, output: &Output) {
    let all = format!("{}{}", stdout(output), stderr(output));
    let key = key();
    let body: Vec<&str> = key.lines().filter(|l| !l.starts_with("-----")).collect();
    assert!(body.len() > 10, "the key has a body");
    for line in &body {
        assert!(
            !all.contains(line),
            "{what}: a line of the key was printed:\n{all}"
        );
    }
    assert!(
        !all.contains(&body[0][..24]),
        "{what}: the start of the key was printed:\n{all}"
    );
}

#[test]
fn a_private_key_on_the_command_line_is_never_printed() {
    let key = key();
    let one_line = key.lines().collect::<Vec<_>>().join(" ");
    let jwks = example("throwaway-test-key-2048.jwks.json");
    let pem = example("throwaway-test-key-2048.pem");
    let public = example("throwaway-test-key-2048.pem.pub");
    let dir = tempdir();
    let out = arg(dir.path());
    for k in [key.as_str(), one_line.as_str()] {
        let eq = format!("--jwt={k}");
        let cases: Vec<(&str, Vec<&str>)> = vec![
            (
                "--jwt KEY",
                vec!["jwt", "check", "--jwt", k, "--jwks", &jwks],
            ),
            ("--jwt=KEY", vec!["jwt", "check", &eq, "--jwks", &jwks]),
            ("jwt sign --kid KEY", sign(&pem, k, "abc")),
            ("jwt sign --api-key KEY", sign(&pem, "k1", k)),
            (
                "jwt snippet --kid KEY",
                vec![
                    "jwt", "snippet", "--lang", "python", "--kid", k, "--env", "int",
                ],
            ),
            (
                "jwt snippet --api-key KEY",
                vec![
                    "jwt",
                    "snippet",
                    "--lang",
                    "node",
                    "--kid",
                    "k1",
                    "--env",
                    "int",
                    "--api-key",
                    k,
                ],
            ),
            (
                "keys new --kid KEY",
                vec![
                    "keys",
                    "new",
                    "--bits",
                    "2048",
                    "--kid",
                    k,
                    "--out-dir",
                    &out,
                ],
            ),
            (
                "keys jwks --kid KEY",
                vec!["keys", "jwks", "--add", &public, "--kid", k],
            ),
            (
                "jwt check --api-key KEY",
                vec![
                    "jwt",
                    "check",
                    "--jwt",
                    "a.b.c",
                    "--jwks",
                    &jwks,
                    "--api-key",
                    k,
                ],
            ),
            ("name check KEY", vec!["name", "check", k]),
            ("keys check KEY (a path)", vec!["keys", "check", k]),
            (
                "jwt check-request KEY (a path)",
                vec!["jwt", "check-request", k, "--jwks", &jwks],
            ),
            ("plan KEY (an unexpected argument)", vec!["plan", k]),
            ("pack --plan KEY (a path)", vec!["pack", "--plan", k]),
        ];
        for (what, args) in cases {
            let output = ers(&args);
            assert_ne!(output.status.code(), Some(0), "{what}: {}", stderr(&output));
            assert_key_not_shown(what, &output);
            let all = format!("{}{}", stdout(&output), stderr(&output));
            assert!(
                all.contains("private key"),
                "{what}: the message says what kind of secret it was:\n{all}"
            );
        }
    }
    // Standard input: the key where a name, a token, a JWKS, a key to add or a request belongs.
    for (what, args) in [
        ("name check -", vec!["name", "check", "-"]),
        (
            "jwt check --jwt-file -",
            vec!["jwt", "check", "--jwt-file", "-", "--jwks", &jwks],
        ),
        ("keys check -", vec!["keys", "check", "-"]),
        ("keys jwks --add -", vec!["keys", "jwks", "--add", "-"]),
        (
            "jwt check-request -",
            vec!["jwt", "check-request", "-", "--jwks", &jwks],
        ),
        ("pack --plan -", vec!["pack", "--plan", "-"]),
    ] {
        let output = ers_with_stdin(&args, key.as_bytes());
        assert_ne!(output.status.code(), Some(0), "{what}: {}", stderr(&output));
        assert_key_not_shown(what, &output);
    }
    // Nothing was written by `keys new` with a key as its kid.
    assert_eq!(
        std::fs::read_dir(dir.path())
            .map(Iterator::count)
            .unwrap_or(0),
        0
    );
}

/// A plan JSON and a project for the details tests: Care Vista Link for Leeds, user-restricted.
fn plan_and_project(dir: &Path) -> (String, String, String) {
    let plan = dir.join("plan.json");
    let o = plan_care_vista(&["--user-restricted", "--json"]);
    std::fs::write(&plan, o.stdout).unwrap();
    let project = dir.join("golive.json");
    let o = plan_care_vista(&["--user-restricted", "--project", &arg(&project)]);
    assert!(o.status.code().is_some_and(|c| c <= 1), "{}", stderr(&o));
    let name =
        crate::common::json(&std::fs::read_to_string(&plan).unwrap())["applications"][0]["name"]
            .as_str()
            .unwrap()
            .to_owned();
    (arg(&plan), arg(&project), name)
}

#[test]
fn a_details_csv_with_a_private_key_in_any_column_is_refused_without_echo() {
    let dir = tempdir();
    let (plan, project, name) = plan_and_project(dir.path());
    let before = std::fs::read(&project).unwrap();
    let quoted_key = format!("\"{}\"", key().trim_end());
    let header = [
        "application name",
        "AppID",
        "API key",
        "kid",
        "JWKS URL",
        "ASID",
    ];
    for column in 0..header.len() {
        let mut row: Vec<String> = vec![
            format!("\"{name}\""),
            "1b4e28ba-2fa1-11d2-883f-0016d3cca427".into(),
            "Ab3dEfGh1jKlMn0pQrStUvWxYz012345".into(),
            "prod-rr8-ur-2026-12-01".into(),
            "https://example.org/jwks.json".into(),
            "200000000123".into(),
        ];
        row[column].clone_from(&quoted_key);
        let csv = format!("{}\n{}\n", header.join(","), row.join(","));
        let details = dir.path().join(format!("details-{column}.csv"));
        std::fs::write(&details, csv).unwrap();
        let details = arg(&details);
        let saved = dir.path().join(format!("out-{column}.json"));
        let saved_arg = arg(&saved);
        let pack = |from: &str, source: &str, extra: &[&'static str]| -> Vec<String> {
            let base = ["pack", from, source, "--details", &details];
            base.iter().chain(extra).map(|s| (*s).to_owned()).collect()
        };
        for args in [
            pack("--plan", &plan, &["--email"]),
            pack("--project", &project, &["--markdown"]),
            [
                pack("--project", &project, &["--save-project"]),
                vec![saved_arg.clone(), "--email".into()],
            ]
            .concat(),
        ] {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let output = ers(&args);
            let what = format!("column {} ({}) via {args:?}", column + 1, header[column]);
            assert_eq!(output.status.code(), Some(2), "{what}: {}", stderr(&output));
            assert_key_not_shown(&what, &output);
            let err = stderr(&output);
            assert!(
                err.contains(&format!(
                    "Line 2, column {} ({})",
                    column + 1,
                    header[column]
                )) && err.contains("holds a private key")
                    && err.contains("ERS-G027"),
                "{what}: the field is named: {err}"
            );
            assert!(stdout(&output).is_empty(), "{what}: no pack, no email");
        }
        assert!(
            !saved.exists(),
            "column {column}: no project file was saved"
        );
    }
    assert_eq!(
        std::fs::read(&project).unwrap(),
        before,
        "the project is as it was"
    );
}

#[test]
fn an_euo_csv_or_a_plan_field_holding_a_private_key_is_refused_without_echo() {
    let dir = tempdir();
    let csv = dir.path().join("euos.csv");
    std::fs::write(
        &csv,
        format!(
            "Organisation,ODS code\nLeeds,RR8\n\"{}\",RCF\n",
            key().trim_end()
        ),
    )
    .unwrap();
    let csv = arg(&csv);
    let output = ers(&[
        "plan",
        "--product",
        "Care Vista Link",
        "--euo-csv",
        &csv,
        "--user-restricted",
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert_key_not_shown("plan --euo-csv", &output);
    assert!(
        stderr(&output).contains("Line 3, column 1 (Organisation) holds a private key"),
        "{}",
        stderr(&output)
    );
    let output = ers_with_stdin(
        &[
            "plan",
            "--product",
            "Care Vista Link",
            "--euo-csv",
            "-",
            "--user-restricted",
        ],
        key().as_bytes(),
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert_key_not_shown("plan --euo-csv -", &output);

    let product = format!("--product={}", key());
    let euo = format!("--euo={}", key());
    for (what, args) in [
        (
            "--product=KEY",
            vec!["plan", &product, "--euo", "Leeds=RR8", "--user-restricted"],
        ),
        (
            "--euo=KEY",
            vec![
                "plan",
                "--product",
                "Care Vista Link",
                &euo,
                "--user-restricted",
            ],
        ),
        (
            "--service KEY",
            vec![
                "plan",
                "--product",
                "Care Vista Link",
                "--euo",
                "Leeds=RR8",
                "--user-restricted",
                "--service",
                &euo[6..],
            ],
        ),
    ] {
        let output = ers(&args);
        assert_eq!(output.status.code(), Some(2), "{what}: {}", stderr(&output));
        assert_key_not_shown(what, &output);
        assert!(
            stderr(&output).contains("private key"),
            "{what}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn plan_output_never_carries_terminal_escapes_from_a_csv() {
    let dir = tempdir();
    let csv = dir.path().join("euos.csv");
    let hostile = "Leeds \u{1b}[31mRed\u{1b}[0m \u{1b}]8;;https://evil.example\u{7}click\u{1b}]8;;\u{7} \u{9b}2J";
    std::fs::write(
        &csv,
        format!("Organisation,ODS code\n\"{hostile}\",RR8\n\"{hostile}\",\n"),
    )
    .unwrap();
    let csv = arg(&csv);
    for extra in [&[][..], &["--markdown"], &["--csv"], &["--json"]] {
        let args = [
            &[
                "plan",
                "--product",
                "Care Vista Link",
                "--euo-csv",
                &csv,
                "--user-restricted",
            ][..],
            extra,
        ]
        .concat();
        let output = ers(&args);
        assert!(
            output.status.code().is_some_and(|c| c <= 1),
            "{}",
            stderr(&output)
        );
        for (stream, text) in [("stdout", stdout(&output)), ("stderr", stderr(&output))] {
            for c in ['\u{1b}', '\u{7}', '\u{9b}'] {
                assert!(
                    !text.contains(c),
                    "{extra:?} {stream} holds {c:?}: {text:?}"
                );
            }
        }
        assert!(stdout(&output).contains("Red"), "the name is still shown");
    }
}
