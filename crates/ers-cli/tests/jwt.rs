//! `ers-golive jwt sign|check` end to end: exit statuses, text and JSON output.
//!
//! The keys are the throwaway test keys of ers-keys (crates/ers-keys/tests/examples/jwt/).

use std::io::Write;
use std::process::{Command, Output, Stdio};

const EXAMPLES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../ers-keys/tests/examples/jwt/"
);
const API_KEY: &str = "Ab3dEfGh1jKlMn0pQrStUvWxYz012345";

fn example(name: &str) -> String {
    format!("{EXAMPLES}{name}")
}

fn ers(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ers-golive"))
        .args(args)
        .output()
        .expect("ers-golive runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("utf-8")
}

fn sign(env: &str) -> String {
    let key = example("throwaway-test-key-2048.pem");
    let output = ers(&[
        "jwt",
        "sign",
        "--key",
        &key,
        "--kid",
        "test-1",
        "--api-key",
        API_KEY,
        "--env",
        env,
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let token = stdout(&output);
    assert!(token.ends_with('\n'));
    token.trim().to_owned()
}

fn check(token: &str, extra: &[&str]) -> Output {
    let jwks = example("throwaway-test-key-2048.jwks.json");
    let mut args = vec!["jwt", "check", "--jwt", token, "--jwks", &jwks];
    args.extend_from_slice(extra);
    ers(&args)
}

fn json_codes(output: &Output) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    value["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().expect("code").to_owned())
        .collect()
}

#[test]
fn signed_token_checks_clean_for_its_environment_and_api_key() {
    let token = sign("int");
    assert_eq!(token.split('.').count(), 3);
    let output = check(&token, &["--env", "int", "--api-key", API_KEY]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let text = stdout(&output);
    assert!(
        text.contains("ok: the token server's checks pass (for INT, kid 'test-1', 2048-bit key, expires in 300 s)")
            || text.contains("expires in 299 s"),
        "{text}"
    );
    assert!(text.starts_with(
        "warning[ERS-J019]: the key for kid 'test-1' is 2048 bits; NHS asks for 4096\n"
    ));
}

#[test]
fn int_token_against_prod_exits_1_with_rustc_like_text() {
    let token = sign("int");
    let output = check(
        &token,
        &[
            "--env",
            "prod",
            "--api-key",
            "ProdApplicationsApiKey0123456789",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains("error[ERS-J009]: Invalid 'iss'/'sub' claims in client_assertion JWT"),
        "{text}"
    );
    assert!(text.contains(
        "error[ERS-J011]: Missing or invalid 'aud' claim in client_assertion JWT ('aud' is the INT token URL, but the token is for PROD)\n  --> claims.aud\n   |\n   |    given: https://int.api.service.nhs.uk/oauth2/token\n   |           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^\n"
    ) || text.contains("   |    given: https://int.api.service.nhs.uk/oauth2/token\n   |                   ^"), "{text}");
    assert!(
        text.contains("   | expected: https://api.service.nhs.uk/oauth2/token\n"),
        "{text}"
    );
    assert!(text.contains("   = help: "), "{text}");
    assert!(
        text.ends_with(
            "error: the token server would refuse this client assertion: 2 errors, 1 warning\n"
        ),
        "{text}"
    );
}

#[test]
fn json_output_has_codes_locations_and_the_server_text() {
    let token = sign("prod");
    let output = check(&token, &["--env", "dev", "--json"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(json_codes(&output), vec!["ERS-J011", "ERS-J019"]);
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    let first = &value["diagnostics"][0];
    assert_eq!(first["severity"], "error");
    assert_eq!(first["location"], "claims.aud");
    assert_eq!(
        first["server_message"],
        "Missing or invalid 'aud' claim in client_assertion JWT"
    );
    assert_eq!(first["http_status"], 401);
    assert_eq!(first["span"], serde_json::json!([8, 39]));
    assert_eq!(
        first["suggestion"],
        "https://dev.api.service.nhs.uk/oauth2/token"
    );
    assert_eq!(value["valid"], false);
    assert_eq!(value["header"]["kid"], "test-1");
    assert_eq!(value["claims"]["iss"], API_KEY);
    assert_eq!(value["aud"]["first_difference"], 8);
    assert_eq!(value["key"]["bits"], 2048);
    assert_eq!(value["signature_verified"], true);
}

#[test]
fn malformed_token_is_reported_not_refused() {
    let output = check("not-a-jwt", &["--json"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(json_codes(&output), vec!["ERS-J001", "ERS-J002"]);

    let token = sign("prod");
    let output = check(&format!("Bearer {token}"), &[]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.starts_with("error[ERS-J002]: Malformed JWT in client_assertion"),
        "{text}"
    );
    assert!(
        text.contains("remove `Bearer` from the start: paste only the JWT"),
        "{text}"
    );
    assert!(text.contains("   | Bearer eyJ"), "{text}");
    assert!(text.contains("\n   |       ^\n"), "{text}");
}

#[test]
fn token_can_come_from_a_file_or_standard_input() {
    let token = sign("sandbox");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("token.jwt");
    std::fs::write(&path, format!("{token}\n")).expect("write");
    let jwks = example("throwaway-test-key-2048.jwks.json");
    let path = path.to_string_lossy().into_owned();
    let output = ers(&[
        "jwt",
        "check",
        "--jwt-file",
        &path,
        "--jwks",
        &jwks,
        "--env",
        "sandbox",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));

    let mut child = Command::new(env!("CARGO_BIN_EXE_ers-golive"))
        .args(["jwt", "check", "--jwt-file", "-", "--jwks", &jwks, "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(token.as_bytes())
        .expect("write");
    let output = child.wait_with_output().expect("ends");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(json_codes(&output), vec!["ERS-J019"]);
}

#[test]
fn sign_json_and_curl_show_what_was_signed() {
    let key = example("throwaway-test-key-2048.pkcs1.pem");
    let base = [
        "jwt",
        "sign",
        "--key",
        &key,
        "--kid",
        "test-1",
        "--api-key",
        API_KEY,
        "--env",
        "prod",
    ];
    let output = ers(&[&base[..], &["--json", "--exp-seconds", "120"]].concat());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(
        value["header"],
        serde_json::json!({"alg": "RS512", "typ": "JWT", "kid": "test-1"})
    );
    assert_eq!(
        value["claims"]["aud"],
        "https://api.service.nhs.uk/oauth2/token"
    );
    assert_eq!(
        value["claims"]["exp"].as_u64().expect("exp")
            - value["claims"]["iat"].as_u64().expect("iat"),
        120
    );
    assert_eq!(
        value["token_url"],
        "https://api.service.nhs.uk/oauth2/token"
    );

    let output = ers(&[&base[..], &["--curl"]].concat());
    let text = stdout(&output);
    assert!(
        text.starts_with("curl --request POST 'https://api.service.nhs.uk/oauth2/token' \\\n"),
        "{text}"
    );
    assert!(
        text.contains("--data-urlencode 'client_assertion=eyJ"),
        "{text}"
    );
}

#[test]
fn bad_input_exits_2_with_a_message() {
    let key = example("throwaway-test-key-2048.pem");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "jwt",
                "sign",
                "--key",
                &key,
                "--kid",
                "test-1",
                "--api-key",
                "k",
                "--env",
                "prod",
                "--exp-seconds",
                "301",
            ],
            "301 seconds is not allowed",
        ),
        (
            vec![
                "jwt",
                "sign",
                "--key",
                "/nonexistent/key.pem",
                "--kid",
                "test-1",
                "--api-key",
                "k",
                "--env",
                "prod",
            ],
            "could not read the private key file /nonexistent/key.pem",
        ),
        (
            vec![
                "jwt",
                "sign",
                "--key",
                &key,
                "--kid",
                "test-1",
                "--api-key",
                "k",
                "--env",
                "staging",
            ],
            "unknown environment `staging`",
        ),
        (vec!["jwt", "check", "--jwks", &key], "--jwt <TOKEN>"),
    ];
    for (args, expected) in cases {
        let output = ers(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&output).contains(expected),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(output.stdout.is_empty(), "{args:?}");
    }
    // A public key is not a signing key: exit 2, and the message says so.
    let public = example("throwaway-test-key-2048.pem.pub");
    let output = ers(&[
        "jwt",
        "sign",
        "--key",
        &public,
        "--kid",
        "test-1",
        "--api-key",
        "k",
        "--env",
        "int",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with("error: could not sign with"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_jwks_that_is_not_json_is_a_finding() {
    let token = sign("int");
    let output = ers(&[
        "jwt",
        "check",
        "--jwt",
        &token,
        "--jwks",
        &example("throwaway-test-key-2048.pem"),
        "--json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(json_codes(&output), vec!["ERS-J018"]);
}
