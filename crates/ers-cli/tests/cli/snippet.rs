//! `ers-golive jwt snippet`: every client offered, for both grants, is written for a key made by
//! `keys new`, RUN (with `--dry-run`: it prints the form it would send, and sends nothing — no
//! network), and the token request it makes is judged from outside: the assertion by PyJWT
//! (RS512, kid, typ, iss = sub = API key, aud, exp, a UUID v4 jti) and the whole request by
//! `jwt check-request`, which must find nothing the token server would refuse.
//!
//! Python runs in the judges' environment (PyJWT 2.15.1, cryptography 48.0.0: the versions the
//! Python snippet pins), Node.js with `node`, Java with `java` (single-file source launch).

use std::path::Path;
use std::process::Command;

use crate::common::{arg, ers, ers_with_stdin, json_of, ok, stderr, tempdir};
use crate::jwt::base64url;
use ers_test_support::{now, python};

const API_KEY: &str = "Ab3dEfGh1jKlMn0pQrStUvWxYz012345";
const KID: &str = "snippet test 1";
const INT: &str = "https://int.api.service.nhs.uk/oauth2/token";
const CIS2_INT: &str = "https://am.nhsint.auth-ptl.cis2.spineservices.nhs.uk:443/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare";

/// An ID token as NHS CIS2 would issue it for INT; its signature is never checked offline, so
/// any bytes stand for it.
fn id_token() -> String {
    let header = r#"{"typ":"JWT","kid":"cis2-key","alg":"RS256"}"#;
    let claims = format!(
        r#"{{"iss":"{CIS2_INT}","aud":"my-cis2-client","sub":"910000000001","exp":{},"iat":{}}}"#,
        now() + 300,
        now()
    );
    format!("{}.{}.c2lnbmF0dXJl", base64url(header), base64url(&claims))
}

/// PyJWT judges the client assertion of a form body: its signature with the JWKS's key (RS512
/// only), its header and claims; prints the form's grant_type.
const PYJWT: &str = "import json, sys, urllib.parse, uuid\n\
import jwt\n\
form = urllib.parse.parse_qs(sys.argv[1], strict_parsing=True)\n\
token = form['client_assertion'][0]\n\
key = jwt.PyJWK(json.load(open(sys.argv[2]))['keys'][0], algorithm='RS512').key\n\
header = jwt.get_unverified_header(token)\n\
assert header == {'alg': 'RS512', 'typ': 'JWT', 'kid': sys.argv[3]}, header\n\
claims = jwt.decode(token, key, algorithms=['RS512'], audience=sys.argv[4], options={'require': ['exp', 'iat', 'iss', 'sub', 'aud', 'jti']})\n\
assert claims['iss'] == claims['sub'] == sys.argv[5], claims\n\
assert claims['exp'] - claims['iat'] == 300, claims\n\
assert uuid.UUID(claims['jti']).version == 4, claims\n\
print(form['grant_type'][0])";

/// Writes the snippet of `lang` and `grant` into `dir`, runs it with `--dry-run`, and returns
/// the form body it printed.
fn run_snippet(dir: &Path, lang: &str, grant: &str) -> String {
    let out = ers(&[
        "jwt",
        "snippet",
        "--lang",
        lang,
        "--grant",
        grant,
        "--kid",
        KID,
        "--env",
        "int",
        "--api-key",
        API_KEY,
        "--json",
    ]);
    let snippet = json_of(&out);
    assert_eq!(snippet["language"], lang);
    assert_eq!(snippet["grant"], grant);
    assert_eq!(snippet["key_file"], "snippet_test_1.pem");
    let file = snippet["file_name"].as_str().expect("file name");
    let code = snippet["code"].as_str().expect("code");
    std::fs::write(dir.join(file), code).expect("snippet written");
    let (program, args): (&str, Vec<&str>) = match lang {
        "python" => ("python3", vec![file, "--dry-run"]),
        "node" => ("node", vec![file, "--dry-run"]),
        _ => ("java", vec![file, "--dry-run"]),
    };
    let output = Command::new(program)
        .args(&args)
        .current_dir(dir)
        .env("NHS_CIS2_ID_TOKEN", id_token())
        .output()
        .unwrap_or_else(|e| panic!("{program} runs: {e}"));
    assert!(
        output.status.success(),
        "{lang} {grant}: {}{}",
        String::from_utf8_lossy(&output.stdout),
        stderr(&output)
    );
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

#[test]
fn every_snippet_offered_runs_and_its_token_is_accepted_by_pyjwt_and_our_checker() {
    let dir = tempdir();
    ok(&crate::common::new_key(&arg(dir.path()), KID, &[]));
    let jwks = dir.path().join("snippet_test_1.json");
    for lang in ["python", "node", "java"] {
        for (grant, grant_type) in [
            ("client-credentials", "client_credentials"),
            (
                "token-exchange",
                "urn:ietf:params:oauth:grant-type:token-exchange",
            ),
        ] {
            let form = run_snippet(dir.path(), lang, grant);
            // PyJWT: the assertion.
            let judged = python(PYJWT, &[&form, &arg(&jwks), KID, INT, API_KEY]);
            assert_eq!(judged, grant_type, "{lang} {grant}");
            // Our checker: the whole request, as the token server reads it.
            let out = ers_with_stdin(
                &[
                    "jwt",
                    "check-request",
                    "-",
                    "--jwks",
                    &arg(&jwks),
                    "--env",
                    "int",
                    "--api-key",
                    API_KEY,
                    "--json",
                ],
                form.as_bytes(),
            );
            let report = json_of(&out);
            assert_eq!(out.status.code(), Some(0), "{lang} {grant}: {report}");
            assert_eq!(report["server_answer"], serde_json::Value::Null);
            assert_eq!(report["grant"], grant, "{lang} {grant}");
            assert_eq!(report["kind"], "form");
            let subject = &report["subject"];
            if grant == "token-exchange" {
                assert_eq!(subject["issued_by"], "cis2", "{report}");
                assert_eq!(subject["not_checked"].as_array().map(Vec::len), Some(2));
            } else {
                assert!(subject.is_null());
            }
        }
    }
}

#[test]
fn snippet_text_fills_the_project_values_and_refuses_what_tests_cannot_run() {
    let text = ok(&ers(&[
        "jwt",
        "snippet",
        "--lang",
        "python",
        "--grant",
        "token-exchange",
        "--kid",
        "prod-1",
        "--env",
        "prod",
    ]));
    assert!(
        text.contains("TOKEN_URL = \"https://api.service.nhs.uk/oauth2/token\""),
        "{text}"
    );
    assert!(text.contains("API_KEY = \"YOUR-API-KEY\""), "{text}");
    assert!(text.contains("KID = \"prod-1\""), "{text}");
    assert!(
        text.contains("PyJWT==2.15.1 cryptography==48.0.0"),
        "{text}"
    );
    assert!(text.contains("\"subject_token_type\": \"urn:ietf:params:oauth:token-type:id_token\""));
    let out = ers(&[
        "jwt", "snippet", "--lang", "csharp", "--kid", "prod-1", "--env", "prod",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not offered"), "{}", stderr(&out));
}

/// `jwt check-request - --jwks JWKS --api-key API_KEY`, the request on standard input.
fn check_request_text(jwks: &str, request: &str) -> std::process::Output {
    ers_with_stdin(
        &[
            "jwt",
            "check-request",
            "-",
            "--jwks",
            jwks,
            "--api-key",
            API_KEY,
        ],
        request.as_bytes(),
    )
}

#[test]
fn sign_for_a_token_exchange_prints_its_curl_and_check_request_reads_it() {
    let dir = tempdir();
    ok(&crate::common::new_key(&arg(dir.path()), KID, &[]));
    let key = dir.path().join("snippet_test_1.pem");
    let curl = ok(&ers(&[
        "jwt",
        "sign",
        "--key",
        &arg(&key),
        "--kid",
        KID,
        "--api-key",
        API_KEY,
        "--env",
        "int",
        "--grant",
        "token-exchange",
        "--curl",
    ]));
    assert!(
        curl.contains("--data-urlencode 'subject_token=PASTE-THE-ID-TOKEN-FROM-NHS-CIS2-HERE'"),
        "{curl}"
    );
    let jwks = arg(&dir.path().join("snippet_test_1.json"));
    let pasted = curl.replace("PASTE-THE-ID-TOKEN-FROM-NHS-CIS2-HERE", &id_token());
    let out = check_request_text(&jwks, &pasted);
    let text = ok(&out);
    assert!(text.contains("token server answer: none"), "{text}");
    assert!(
        text.contains("the ID token (subject_token), issuer NHS CIS2:"),
        "{text}"
    );
    assert!(
        text.contains("note: not checked here: the ID token's signature"),
        "{text}"
    );
    // As printed, the placeholder is the server's "Malformed JWT in subject_token".
    let out = check_request_text(&jwks, &curl);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        text.starts_with("token server answer: 400 Malformed JWT in subject_token"),
        "{text}"
    );
    assert!(text.contains("error[ERS-J031]"), "{text}");
}

/// From a go-live project: each application's kid, PROD, and the grant of its access mode.
#[test]
fn snippet_from_a_project_takes_its_applications_kid_environment_and_grant() {
    let dir = tempdir();
    let project = arg(&dir.path().join("project.json"));
    ok(&crate::common::plan_care_vista(&[
        "--user-restricted",
        "--app-restricted-referrer",
        "--project",
        &project,
    ]));
    let keys = arg(&dir.path().join("keys"));
    ok(&ers(&[
        "keys",
        "new",
        "--project",
        &project,
        "--out-dir",
        &keys,
        "--bits",
        "2048",
    ]));
    let saved = crate::common::json(&crate::common::read(&dir.path().join("project.json")));
    let apps = saved["applications"].as_array().expect("applications");
    assert_eq!(apps.len(), 2);
    for (app, grant) in apps.iter().zip(["token-exchange", "client-credentials"]) {
        let name = app["name"].as_str().expect("name");
        let kid = app["kid"].as_str().expect("kid");
        let snippet = json_of(&ers(&[
            "jwt",
            "snippet",
            "--lang",
            "python",
            "--project",
            &project,
            "--application",
            name,
            "--json",
        ]));
        assert_eq!(snippet["grant"], grant, "{name}");
        assert_eq!(snippet["api_key_placeholder"], true);
        let code = snippet["code"].as_str().expect("code");
        assert!(code.contains(&format!("KID = \"{kid}\"")), "{code}");
        assert!(code.contains("TOKEN_URL = \"https://api.service.nhs.uk/oauth2/token\""));
    }
    let out = ers(&[
        "jwt",
        "snippet",
        "--lang",
        "node",
        "--project",
        &project,
        "--application",
        "No such app",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("plans no application named \"No such app\""),
        "{}",
        stderr(&out)
    );
}
