//! `ers-golive jwt sign|check` end to end: exit statuses, text and JSON output.
//!
//! The keys are the throwaway test keys of ers-keys (crates/ers-keys/tests/examples/jwt/).

use crate::common::{ers, ers_with_stdin, judge, stderr, stdout};
use ers_test_support::now;

use std::process::Output;

const EXAMPLES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../ers-keys/tests/examples/jwt/"
);
const API_KEY: &str = "Ab3dEfGh1jKlMn0pQrStUvWxYz012345";

fn example(name: &str) -> String {
    format!("{EXAMPLES}{name}")
}

/// The arguments `jwt sign --key KEY --kid KID --api-key API_KEY --env ENV EXTRA…`.
fn sign_args<'a>(key: &'a str, kid: &'a str, env: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let args = [
        "jwt",
        "sign",
        "--key",
        key,
        "--kid",
        kid,
        "--api-key",
        API_KEY,
        "--env",
        env,
    ];
    [&args[..], extra].concat()
}

/// `ers-golive jwt sign --key KEY --kid KID --api-key API_KEY --env ENV EXTRA…`.
fn jwt_sign(key: &str, kid: &str, env: &str, extra: &[&str]) -> Output {
    ers(&sign_args(key, kid, env, extra))
}

fn sign(env: &str) -> String {
    let key = example("throwaway-test-key-2048.pem");
    let output = jwt_sign(&key, "test-1", env, &[]);
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
    assert!(
        text.starts_with(
            "token server answer: none: it would accept this, as far as can be checked here\n\n\
         warning[ERS-J019]: The key for kid 'test-1' is 2048 bits; NHS asks for 4096.\n"
        ),
        "{text}"
    );
    let output = check(&token, &["--env", "int", "--api-key", API_KEY, "--json"]);
    let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
    assert_eq!(value["server_answer"], serde_json::Value::Null);
    assert_eq!(value["jti_used_up"], true);
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
        text.starts_with(
            "token server answer: 400 Malformed JWT in client_assertion\n\
             note: this answer comes before the token server caches the jti"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "then, once that is fixed:\n\nerror[ERS-J002]: Malformed JWT in client_assertion"
        ),
        "{text}"
    );
    assert!(
        text.contains("Remove `Bearer` from the start: paste only the JWT"),
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

    let output = ers_with_stdin(
        &["jwt", "check", "--jwt-file", "-", "--jwks", &jwks, "--json"],
        token.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(json_codes(&output), vec!["ERS-J019"]);
}

#[test]
fn sign_json_and_curl_show_what_was_signed() {
    let key = example("throwaway-test-key-2048.pkcs1.pem");
    let output = jwt_sign(&key, "test-1", "prod", &["--json", "--exp-seconds", "120"]);
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

    let output = jwt_sign(&key, "test-1", "prod", &["--curl"]);
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
            sign_args(&key, "test-1", "prod", &["--exp-seconds", "301"]),
            "301 seconds is not allowed",
        ),
        (
            sign_args("/nonexistent/key.pem", "test-1", "prod", &[]),
            "could not read the private key file /nonexistent/key.pem",
        ),
        (
            sign_args(&key, "test-1", "staging", &[]),
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
    let output = jwt_sign(&public, "test-1", "int", &[]);
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

/// Input over its limit is refused before it is read, with the limit named, exit 2: a 10 MB
/// JWKS, a 10 MB token file, a 10 MB "key".
#[test]
fn input_over_its_limit_exits_2_naming_the_limit() {
    let dir = std::env::temp_dir().join(format!("ers-cli-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let big = dir.join("big.json");
    std::fs::write(&big, vec![b' '; 10 * 1024 * 1024]).expect("write");
    let big = big.to_string_lossy().into_owned();
    let key = example("throwaway-test-key-2048.pem");
    let jwks = example("throwaway-test-key-2048.jwks.json");
    let cases: [(Vec<&str>, &str); 3] = [
        (
            vec!["jwt", "check", "--jwt", "a.b.c", "--jwks", &big],
            "A JWKS is limited to 1 MB, and this one is 10 MB",
        ),
        (
            vec!["jwt", "check", "--jwt-file", &big, "--jwks", &jwks],
            "A JWT is limited to 64 KB, and this one is 10 MB",
        ),
        (
            sign_args(&big, "k", "int", &[]),
            "A PEM key is limited to 64 KB, and this one is 10 MB",
        ),
    ];
    for (args, message) in cases {
        let output = ers(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&output).contains(message),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    // A token given on the command line is limited too.
    let long = "a".repeat(70 * 1024);
    let output = check(&long, &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("A JWT is limited to 64 KB"));
    let _ = std::fs::remove_dir_all(&dir);
    let _ = key;
}

/// A private key given to `jwt check`, as the token or as the JWKS, is refused, and no line of
/// it is printed, in text or in JSON.
#[test]
fn a_private_key_given_to_check_is_refused_without_being_repeated() {
    let key_path = example("throwaway-test-key-2048.pem");
    let key = std::fs::read_to_string(&key_path).expect("key");
    let jwks = example("throwaway-test-key-2048.jwks.json");
    let as_token = format!("--jwt={key}");
    let outputs = [
        ers(&["jwt", "check", &as_token, "--jwks", &jwks]),
        ers(&["jwt", "check", &as_token, "--jwks", &jwks, "--json"]),
        ers(&["jwt", "check", "--jwt", "a.b.c", "--jwks", &key_path]),
        ers(&[
            "jwt", "check", "--jwt", "a.b.c", "--jwks", &key_path, "--json",
        ]),
    ];
    for output in &outputs {
        assert_eq!(output.status.code(), Some(1));
        let all = format!("{}{}", stdout(output), stderr(output));
        assert!(
            all.contains("this is a private key"),
            "the refusal says why: {all}"
        );
        for line in key.lines() {
            assert!(
                !all.contains(line),
                "a line of the private key was printed: {line}"
            );
        }
    }
}

/// A kid of a megabyte is cut short in messages.
#[test]
fn long_kids_are_cut_short_in_messages() {
    let kid = "k".repeat(30_000);
    let header = base64url(&format!(r#"{{"alg":"RS512","typ":"JWT","kid":"{kid}"}}"#));
    let token = format!("{header}.e30.AAAA");
    let output = check(&token, &[]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(text.contains("… (30000 characters)"), "{text}");
    assert!(text.len() < 20_000, "the message is {} bytes", text.len());
}

pub(crate) fn base64url(s: &str) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let b = s.as_bytes();
    let mut out = String::new();
    for chunk in b.chunks(3) {
        let n =
            chunk.iter().fold(0u32, |acc, &x| (acc << 8) | u32::from(x)) << (8 * (3 - chunk.len()));
        for i in 0..=chunk.len() {
            out.push(char::from(A[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

fn forge(header: &serde_json::Value, claims: &serde_json::Value) -> String {
    // Signed RS512 by Python `cryptography` with the throwaway key, as a careless client might:
    // any header and claims, of any JSON type (PyJWT itself refuses some).
    let program = "import sys, json, base64\n\
                   from cryptography.hazmat.primitives import hashes, serialization\n\
                   from cryptography.hazmat.primitives.asymmetric import padding\n\
                   key = serialization.load_pem_private_key(open(sys.argv[1], 'rb').read(), None)\n\
                   header = dict(json.loads(sys.argv[2]), alg='RS512')\n\
                   b = lambda d: base64.urlsafe_b64encode(json.dumps(d, separators=(',', ':')).encode()).rstrip(b'=')\n\
                   data = b(header) + b'.' + b(json.loads(sys.argv[3]))\n\
                   sig = key.sign(data, padding.PKCS1v15(), hashes.SHA512())\n\
                   print((data + b'.' + base64.urlsafe_b64encode(sig).rstrip(b'=')).decode())";
    let key = example("throwaway-test-key-2048.pem");
    let args = [
        "-c",
        program,
        &key,
        &header.to_string(),
        &claims.to_string(),
    ];
    judge("python3", &args).trim().to_owned()
}

/// `jwt check --json` leads with the token server's one answer, in its order: `exp: 0` is "JWT
/// has expired" (the script's date check comes before its missing check), and so on.
#[test]
fn the_json_leads_with_the_token_servers_first_answer() {
    let now = now();
    let base = serde_json::json!({
        "iss": API_KEY, "sub": API_KEY, "aud": "https://api.service.nhs.uk/oauth2/token",
        "jti": "7d4c1f0e-3b2a-4c5d-8e9f-0a1b2c3d4e5f", "exp": now + 120
    });
    let header = serde_json::json!({"typ": "JWT", "kid": "test-1"});
    let with = |key: &str, value: serde_json::Value| {
        let mut c = base.clone();
        c[key] = value;
        c
    };
    type Case<'a> = (&'a str, serde_json::Value, serde_json::Value, Answer<'a>);
    let cases: Vec<Case> = vec![
        ("a good token", header.clone(), base.clone(), None),
        (
            "exp 0",
            header.clone(),
            with("exp", serde_json::json!(0)),
            Some((
                400,
                "Invalid 'exp' claim in client_assertion JWT - JWT has expired",
            )),
        ),
        (
            "exp null",
            header.clone(),
            with("exp", serde_json::Value::Null),
            Some((
                400,
                "Invalid 'exp' claim in client_assertion JWT - JWT has expired",
            )),
        ),
        (
            "exp as text of the future",
            header.clone(),
            with("exp", serde_json::json!((now + 60).to_string())),
            Some((
                400,
                "Invalid 'exp' claim in client_assertion JWT - must be an integer",
            )),
        ),
        (
            "no kid",
            serde_json::json!({"typ": "JWT"}),
            base.clone(),
            Some((400, "Missing 'kid' header in client_assertion JWT")),
        ),
        (
            "kid a number",
            serde_json::json!({"typ": "JWT", "kid": 7}),
            base.clone(),
            Some((
                401,
                "Invalid 'kid' header in client_assertion JWT - no matching public key",
            )),
        ),
        (
            "iss a number equal to sub's text: the loose comparison takes it",
            header.clone(),
            {
                let mut c = with("iss", serde_json::json!(5));
                c["sub"] = serde_json::json!("5");
                c
            },
            None,
        ),
        (
            "jti a number",
            header.clone(),
            with("jti", serde_json::json!(42)),
            Some((
                400,
                "Invalid 'jti' claim in client_assertion JWT - must be a unique string value such as a GUID",
            )),
        ),
        (
            "nbf a minute ahead",
            header.clone(),
            with("nbf", serde_json::json!(now + 60)),
            Some((401, "JWT signature verification failed")),
        ),
        (
            "nbf 5 s ahead: inside the 10 s allowance",
            header.clone(),
            with("nbf", serde_json::json!(now + 5)),
            None,
        ),
    ];
    for (what, header, claims, expected) in cases {
        let token = forge(&header, &claims);
        let output = check(&token, &["--json"]);
        let value: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
        let expected_json = match expected {
            Some((status, message)) => serde_json::json!({"status": status, "message": message}),
            None => serde_json::Value::Null,
        };
        assert_eq!(value["server_answer"], expected_json, "{what}: {value}");
        // The first key of the JSON is the answer.
        let text = stdout(&output);
        assert!(text.starts_with("{\n  \"server_answer\": "), "{what}");
        let refused = output.status.code() == Some(1);
        if expected.is_some() {
            assert!(refused, "{what}");
        }
    }
}

/// The token server's answer a case expects: HTTP status and message, or none.
type Answer<'a> = Option<(u16, &'a str)>;

const PROD_URL: &str = "https://api.service.nhs.uk/oauth2/token";
const TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

fn check_request(request: &str, extra: &[&str]) -> Output {
    let jwks = example("throwaway-test-key-2048.jwks.json");
    let args = [&["jwt", "check-request", "-", "--jwks", &jwks], extra].concat();
    ers_with_stdin(&args, request.as_bytes())
}

/// The token request as a user has it: the curl command `jwt sign --curl` prints, a form body,
/// and broken variants, each answered in the token server's words.
#[test]
fn check_request_reads_curl_and_form_bodies_in_the_servers_words() {
    let key = example("throwaway-test-key-2048.pem");
    let output = jwt_sign(&key, "test-1", "prod", &["--curl"]);
    assert_eq!(output.status.code(), Some(0));
    let curl = stdout(&output);
    let out = check_request(&curl, &["--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(out.status.code(), Some(0), "{v}");
    assert_eq!(v["server_answer"], serde_json::Value::Null);
    assert_eq!(v["kind"], "curl");
    assert_eq!(v["environment"], "prod");
    assert_eq!(v["content_type"], "application/x-www-form-urlencoded");
    assert_eq!(v["assertion"]["signature_verified"], true);

    let token = sign("prod");
    let form = |grant: &str, kind: &str, assertion: &str| {
        format!("grant_type={grant}&client_assertion_type={kind}&client_assertion={assertion}")
    };
    let answer = |request: &str, extra: &[&str]| {
        let out = check_request(request, &[extra, &["--json"]].concat());
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        (out.status.code(), v["server_answer"].clone(), v)
    };
    type Case<'a> = (&'a str, String, Answer<'a>, &'a [&'a str]);
    let cases: Vec<Case> = vec![
        (
            "a form body",
            form("client_credentials", TYPE, &token),
            None,
            &[],
        ),
        (
            "grant_type missing",
            format!("client_assertion_type={TYPE}&client_assertion={token}"),
            Some((400, "grant_type is missing")),
            &["ERS-J024"],
        ),
        (
            "grant_type wrong",
            form("authorization_code", TYPE, &token),
            Some((400, "grant_type is invalid")),
            &["ERS-J024"],
        ),
        (
            "client_assertion_type wrong",
            form("client_credentials", "jwt-bearer", &token),
            Some((
                400,
                "Missing or invalid client_assertion_type - must be 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'",
            )),
            &["ERS-J025"],
        ),
        (
            "no client_assertion",
            format!("grant_type=client_credentials&client_assertion_type={TYPE}"),
            Some((400, "Missing client_assertion")),
            &["ERS-J026"],
        ),
        (
            "curl -F sends multipart",
            format!(
                "curl -X POST {PROD_URL} -F grant_type=client_credentials -F client_assertion_type={TYPE} -F client_assertion={token}"
            ),
            Some((
                415,
                "Content-Type header must be application/x-www-form-urlencoded",
            )),
            &["ERS-J023"],
        ),
        (
            "curl --json",
            format!("curl {PROD_URL} --json '{{\"grant_type\":\"client_credentials\"}}'"),
            Some((
                415,
                "Content-Type header must be application/x-www-form-urlencoded",
            )),
            &["ERS-J023", "ERS-J024", "ERS-J025", "ERS-J026"],
        ),
        (
            "a shell variable for the token",
            format!(
                "curl -X POST {PROD_URL} -d grant_type=client_credentials -d client_assertion_type={TYPE} -d \"client_assertion=$JWT\""
            ),
            Some((400, "Malformed JWT in client_assertion")),
            &["ERS-J027"],
        ),
        (
            "sent to the authorize URL",
            format!(
                "curl -X POST https://api.service.nhs.uk/oauth2/authorize --data-urlencode grant_type=client_credentials --data-urlencode client_assertion_type={TYPE} --data-urlencode client_assertion={token}"
            ),
            None,
            &["ERS-J028"],
        ),
    ];
    for (what, request, expected, codes) in cases {
        let (status, got, v) = answer(&request, &[]);
        let expected_json = match expected {
            Some((status, message)) => serde_json::json!({"status": status, "message": message}),
            None => serde_json::Value::Null,
        };
        assert_eq!(got, expected_json, "{what}: {v}");
        let found: Vec<&str> = v["diagnostics"]
            .as_array()
            .map(|a| a.iter().filter_map(|d| d["code"].as_str()).collect())
            .unwrap_or_default();
        assert_eq!(found, codes.to_vec(), "{what}: {v}");
        let refused = !found.is_empty() && found != ["ERS-J028"] || expected.is_some();
        assert_eq!(status, Some(if refused { 1 } else { 0 }), "{what}");
    }
    // An INT token in a request to the PROD token URL: the URL names the environment.
    let int_token = sign("int");
    let (_, got, _) = answer(
        &format!(
            "curl {PROD_URL} -d grant_type=client_credentials -d client_assertion_type={TYPE} -d client_assertion={int_token}"
        ),
        &[],
    );
    assert_eq!(
        got,
        serde_json::json!({"status": 401, "message": "Missing or invalid 'aud' claim in client_assertion JWT"})
    );
    // Text: the answer first.
    let out = check_request(&form("client_credentials", "x", &token), &[]);
    assert!(
        stdout(&out)
            .starts_with("token server answer: 400 Missing or invalid client_assertion_type"),
        "{}",
        stdout(&out)
    );
}

/// `jwt sign` takes every kid a JWKS may hold; PyJWT reads the kid back byte for byte and
/// verifies the token with the key.
#[test]
fn jwt_sign_takes_kids_of_every_shape() {
    let key = example("throwaway-test-key-2048.pem");
    let public = example("throwaway-test-key-2048.pem.pub");
    for kid in [
        "Prod one",
        "urn:nhs:key:1",
        "lightbeam hie",
        "clé/ü",
        &"k".repeat(120),
    ] {
        let output = jwt_sign(&key, kid, "prod", &[]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{kid:?}: {}",
            stderr(&output)
        );
        let token = stdout(&output).trim().to_owned();
        let verified = judge(
            "python3",
            &[
                "-c",
                "import sys, jwt\n\
                 t, pub = sys.argv[1], open(sys.argv[2]).read()\n\
                 jwt.decode(t, pub, algorithms=['RS512'], audience='https://api.service.nhs.uk/oauth2/token')\n\
                 sys.stdout.write(jwt.get_unverified_header(t)['kid'])",
                &token,
                &public,
            ],
        );
        assert_eq!(verified, kid);
    }
}
