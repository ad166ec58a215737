//! Client-assertion JWTs: signing (checked by PyJWT and openssl), checking (tokens PyJWT signs
//! pass; a table of broken tokens each gives its expected codes), and decoding malformed tokens
//! as far as they go.
//!
//! Every key here is a throwaway test key (tests/examples/jwt/README.md).

use std::process::Command;

use ers_test_support::{now, python};

use base64ct::{Base64UrlUnpadded, Encoding};
use ers_keys::Error;
use ers_keys::jwt::{self, CheckReport, CheckRequest, Finding, Location, SignRequest, codes};
use ers_rules::{Environment, Severity, Span};
use rsa::pkcs1v15::SigningKey;
use rsa::signature::{SignatureEncoding, Signer};
use sha2::Sha512;

/// A throwaway 2048-bit test key (PKCS#8), never used for anything else.
const KEY: &str = include_str!("examples/jwt/throwaway-test-key-2048.pem");
/// The same key in PKCS#1.
const KEY_PKCS1: &str = include_str!("examples/jwt/throwaway-test-key-2048.pkcs1.pem");
/// Its SPKI public key.
const PUBLIC: &str = include_str!("examples/jwt/throwaway-test-key-2048.pem.pub");
/// Its JWKS, kid `test-1`.
const JWKS: &str = include_str!("examples/jwt/throwaway-test-key-2048.jwks.json");
/// Another throwaway key, not in the JWKS.
const OTHER_KEY: &str = include_str!("examples/jwt/throwaway-other-key-2048.pem");

/// A fixed check time: the tests never read the clock unless an outside tool does.
const NOW: u64 = 1_790_000_000;
const API_KEY: &str = "Ab3dEfGh1jKlMn0pQrStUvWxYz012345";
const PROD: &str = "https://api.service.nhs.uk/oauth2/token";
const INT: &str = "https://int.api.service.nhs.uk/oauth2/token";

fn b64(bytes: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(bytes)
}

fn unb64(text: &str) -> Vec<u8> {
    Base64UrlUnpadded::decode_vec(text).expect("base64url")
}

fn private_key(pem: &str) -> rsa::PrivateKey {
    ers_keys::pem::read_private_key(pem).expect("test key")
}

/// Signs any header and claims text with RS512, as a careless client might.
fn forge(header: &str, claims: &str, key_pem: &str) -> String {
    let input = format!("{}.{}", b64(header.as_bytes()), b64(claims.as_bytes()));
    let signature = SigningKey::<Sha512>::new(private_key(key_pem)).sign(input.as_bytes());
    format!("{input}.{}", b64(&signature.to_vec()))
}

fn header(kid: &str) -> String {
    format!(r#"{{"alg":"RS512","typ":"JWT","kid":"{kid}"}}"#)
}

fn claims(aud: &str, exp: &str) -> String {
    format!(
        r#"{{"iss":"{API_KEY}","sub":"{API_KEY}","aud":"{aud}","jti":"6f1f2d2e-8a1b-4c3d-9e4f-0a1b2c3d4e5f","exp":{exp},"iat":{NOW}}}"#
    )
}

fn valid_claims() -> String {
    claims(PROD, &(NOW + 300).to_string())
}

/// The codes of a report's errors (warnings are asserted separately).
fn error_codes(report: &CheckReport) -> Vec<&'static str> {
    report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.code)
        .collect()
}

fn check_env(
    token: &str,
    jwks: &str,
    env: Option<Environment>,
    api_key: Option<&str>,
) -> CheckReport {
    jwt::check(&CheckRequest {
        token,
        jwks,
        environment: env,
        api_key,
        now: NOW,
    })
}

/// `openssl dgst -sha512 -verify pub.pem -signature sig.bin input`, in `dir`.
fn openssl_verify(dir: &std::path::Path) -> std::process::Output {
    Command::new("openssl")
        .current_dir(dir)
        .args([
            "dgst",
            "-sha512",
            "-verify",
            "pub.pem",
            "-signature",
            "sig.bin",
            "input",
        ])
        .output()
        .expect("openssl runs")
}

// ---------------------------------------------------------------------------------------------
// Signing

#[test]
fn signed_token_has_exactly_the_header_and_claims_the_token_server_wants() {
    let request = SignRequest {
        jti: Some("0b6e7c1a-7f1e-4b8e-9a57-3f0f4c1d2e3a"),
        ..SignRequest::new("test-1", API_KEY, Environment::Prod, NOW)
    };
    let signed = jwt::sign(&private_key(KEY), &request).expect("signs");
    let parts: Vec<&str> = signed.token.split('.').collect();
    assert_eq!(parts.len(), 3);
    assert_eq!(
        String::from_utf8(unb64(parts[0])).expect("utf-8"),
        r#"{"alg":"RS512","typ":"JWT","kid":"test-1"}"#
    );
    assert_eq!(
        String::from_utf8(unb64(parts[1])).expect("utf-8"),
        format!(
            r#"{{"iss":"{API_KEY}","sub":"{API_KEY}","aud":"{PROD}","jti":"0b6e7c1a-7f1e-4b8e-9a57-3f0f4c1d2e3a","exp":{},"iat":{NOW}}}"#,
            NOW + 300
        )
    );
    assert_eq!(unb64(parts[2]).len(), 256);
    assert_eq!(signed.claims.exp, NOW + 300);
    assert_eq!(signed.token_url, PROD);
    assert_eq!(signed.key_bits, 2048);
    assert_eq!(
        signed.curl,
        format!(
            "curl --request POST '{PROD}' \\\n  \
             --header 'Content-Type: application/x-www-form-urlencoded' \\\n  \
             --data-urlencode 'grant_type=client_credentials' \\\n  \
             --data-urlencode 'client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer' \\\n  \
             --data-urlencode 'client_assertion={}'",
            signed.token
        )
    );
}

#[test]
fn pkcs8_and_pkcs1_pems_sign_the_same_token() {
    let request = SignRequest {
        jti: Some("fixed"),
        ..SignRequest::new("test-1", API_KEY, Environment::Int, NOW)
    };
    let pkcs8 = jwt::sign_pem(KEY, &request).expect("pkcs8");
    let pkcs1 = jwt::sign_pem(KEY_PKCS1, &request).expect("pkcs1");
    // RSASSA-PKCS1-v1_5 is deterministic: same key, same input, same signature.
    assert_eq!(pkcs8.token, pkcs1.token);
    assert_eq!(pkcs8.claims.aud, INT);
}

#[test]
fn every_environment_gets_its_token_url_and_a_fresh_uuid_v4() {
    let key = private_key(KEY);
    let mut seen = std::collections::HashSet::new();
    for env in Environment::ALL {
        let signed =
            jwt::sign(&key, &SignRequest::new("test-1", API_KEY, env, NOW)).expect("signs");
        assert_eq!(signed.claims.aud, env.token_url());
        let jti = &signed.claims.jti;
        assert_eq!((jti.len(), &jti[14..15]), (36, "4"), "{jti} is a UUID v4");
        assert!(seen.insert(jti.clone()), "jti repeated");
    }
}

#[test]
fn lifetime_is_configurable_but_never_more_than_300_seconds() {
    let key = private_key(KEY);
    let mut request = SignRequest::new("test-1", API_KEY, Environment::Prod, NOW);
    request.lifetime_seconds = 60;
    assert_eq!(
        jwt::sign(&key, &request).expect("signs").claims.exp,
        NOW + 60
    );
    for bad in [0, 301, 3600] {
        request.lifetime_seconds = bad;
        let err = jwt::sign(&key, &request).expect_err("refused");
        assert!(
            matches!(&err, Error::Invalid { what: "lifetime", reason } if reason.starts_with(&format!("{bad} seconds is not allowed"))),
            "{err:?}"
        );
    }
}

#[test]
fn empty_or_spaced_fields_are_refused_with_the_field_named() {
    let key = private_key(KEY);
    let cases: [(&str, &str, &str); 3] = [
        ("", API_KEY, "kid-invalid"),
        ("test-1", "", "invalid"),
        ("test-1", "abc def", "invalid"),
    ];
    for (kid, api_key, code) in cases {
        let err = jwt::sign(
            &key,
            &SignRequest::new(kid, api_key, Environment::Prod, NOW),
        )
        .expect_err("refused");
        assert_eq!(err.code(), code, "{kid:?} {api_key:?}");
        if code == "invalid" {
            assert!(
                matches!(
                    err,
                    Error::Invalid {
                        what: "API key",
                        ..
                    }
                ),
                "{err:?}"
            );
        }
    }
}

#[test]
fn a_public_key_is_not_a_signing_key() {
    let request = SignRequest::new("test-1", API_KEY, Environment::Prod, NOW);
    assert!(jwt::sign_pem(PUBLIC, &request).is_err());
    assert!(jwt::sign_pem("not a pem", &request).is_err());
}

#[test]
fn pyjwt_verifies_our_token_with_rs512() {
    let signed = jwt::sign_pem(
        KEY,
        &SignRequest::new("test-1", API_KEY, Environment::Prod, now()),
    )
    .expect("signs");
    let out = python(
        "import sys, json, jwt\n\
         token, public, aud = sys.argv[1], open(sys.argv[2]).read(), sys.argv[3]\n\
         claims = jwt.decode(token, public, algorithms=['RS512'], audience=aud, options={'require': ['exp', 'iss', 'sub', 'aud', 'jti']})\n\
         header = jwt.get_unverified_header(token)\n\
         print(json.dumps([header, claims], sort_keys=True))",
        &[
            &signed.token,
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/examples/jwt/throwaway-test-key-2048.pem.pub"
            ),
            PROD,
        ],
    );
    let expected = serde_json::json!([
        {"alg": "RS512", "typ": "JWT", "kid": "test-1"},
        {"iss": API_KEY, "sub": API_KEY, "aud": PROD, "jti": signed.claims.jti,
         "exp": signed.claims.exp, "iat": signed.claims.iat}
    ]);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&out).expect("json"),
        expected
    );
}

/// Kids of every shape a JWKS may hold (NHS-hosted PROD JWKS have spaces, colons, 100+
/// characters; FACTS §4): we sign with each, PyJWT finds the key by that exact kid in a JWKS
/// holding it and verifies the token, and our checker accepts it.
#[test]
fn pyjwt_verifies_tokens_signed_with_kids_of_every_shape() {
    let long = format!("prod-{}", "x".repeat(120));
    let kids = [
        "test-1",
        "Prod one",
        "lightbeam hie",
        "urn:nhs:ers:key:2025-03-01",
        "a/b\\c",
        ".hidden",
        "clé-ü-鍵",
        "quote\"inside",
        " leading and trailing ",
        "tab\there",
        long.as_str(),
    ];
    let public = ers_keys::pem::read_public_key(PUBLIC).expect("public key");
    let now = now();
    for kid in kids {
        let mut jwks = ers_keys::jwk::Jwks::new();
        jwks.push(ers_keys::jwk::Jwk::from_public_key(&public, Some(kid)).expect("any kid"))
            .expect("pushed");
        let jwks_json = jwks.to_json().expect("JWKS JSON");
        let signed = jwt::sign_pem(KEY, &SignRequest::new(kid, API_KEY, Environment::Prod, now))
            .expect("signs with any non-empty kid");
        let out = python(
            "import sys, json, jwt\n\
             token, jwks, aud = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]\n\
             kid = jwt.get_unverified_header(token)['kid']\n\
             keys = {k['kid']: jwt.PyJWK(k, 'RS512') for k in jwks['keys']}\n\
             claims = jwt.decode(token, keys[kid].key, algorithms=['RS512'], audience=aud)\n\
             print(json.dumps([kid, claims['iss']]))",
            &[&signed.token, &jwks_json, PROD],
        );
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&out).expect("json"),
            serde_json::json!([kid, API_KEY]),
            "{kid:?}"
        );
        let report = jwt::check(&CheckRequest::new(&signed.token, &jwks_json, now));
        assert!(report.is_valid(), "{kid:?}: {:?}", report.codes());
        assert!(report.signature_verified, "{kid:?}");
    }
}

#[test]
fn openssl_verifies_our_signature_over_header_dot_claims() {
    let signed = jwt::sign_pem(
        KEY,
        &SignRequest::new("test-1", API_KEY, Environment::Int, NOW),
    )
    .expect("signs");
    let dir = tempfile::tempdir().expect("temp dir");
    let (input, signature) = signed.token.rsplit_once('.').expect("three parts");
    std::fs::write(dir.path().join("input"), input).expect("write");
    std::fs::write(dir.path().join("sig.bin"), unb64(signature)).expect("write");
    std::fs::write(dir.path().join("pub.pem"), PUBLIC).expect("write");
    let output = openssl_verify(dir.path());
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        "Verified OK"
    );
    assert!(output.status.success());

    // And a changed byte is refused by openssl too.
    let mut tampered = unb64(signature);
    tampered[10] ^= 1;
    std::fs::write(dir.path().join("sig.bin"), tampered).expect("write");
    let output = openssl_verify(dir.path());
    assert!(!output.status.success());
}

// ---------------------------------------------------------------------------------------------
// Checking

#[test]
fn our_own_token_passes_our_checker_for_each_environment() {
    for env in Environment::ALL {
        let signed =
            jwt::sign_pem(KEY, &SignRequest::new("test-1", API_KEY, env, NOW)).expect("signs");
        let report = check_env(&signed.token, JWKS, Some(env), Some(API_KEY));
        assert_eq!(report.codes(), vec![codes::KEY_SIZE], "{env}");
        assert!(report.is_valid());
        assert!(report.signature_verified);
        assert_eq!(report.environment, Some(env));
        assert_eq!(report.expires_in, Some(300));
        assert_eq!(
            report.key.as_ref().map(|k| (k.kid.as_str(), k.bits)),
            Some(("test-1", 2048))
        );
    }
}

#[test]
fn a_token_pyjwt_signs_passes_our_checker() {
    let token = python(
        "import sys, jwt\n\
         key = open(sys.argv[1]).read()\n\
         now = int(sys.argv[3])\n\
         print(jwt.encode({'iss': sys.argv[2], 'sub': sys.argv[2], 'aud': sys.argv[4], 'jti': 'f0e1d2c3-b4a5-4697-8877-665544332211', 'exp': now + 300}, key, algorithm='RS512', headers={'kid': 'test-1', 'typ': 'JWT'}))",
        &[
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/examples/jwt/throwaway-test-key-2048.pem"
            ),
            API_KEY,
            &NOW.to_string(),
            INT,
        ],
    );
    let report = check_env(&token, JWKS, Some(Environment::Int), Some(API_KEY));
    assert_eq!(report.codes(), vec![codes::KEY_SIZE]);
    assert!(report.is_valid() && report.signature_verified);

    // PyJWT's RS256 is refused with the token server's message.
    let rs256 = python(
        "import sys, jwt\n\
         print(jwt.encode({'iss': 'k', 'sub': 'k', 'aud': sys.argv[2], 'jti': 'j', 'exp': int(sys.argv[3]) + 60}, open(sys.argv[1]).read(), algorithm='RS256', headers={'kid': 'test-1'}))",
        &[
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/examples/jwt/throwaway-test-key-2048.pem"
            ),
            INT,
            &NOW.to_string(),
        ],
    );
    let report = check_env(&rs256, JWKS, None, None);
    assert_eq!(error_codes(&report), vec![codes::ALG]);
    assert_eq!(
        report.findings[0].message,
        "Invalid 'alg' header in client_assertion JWT - unsupported JWT algorithm - must be 'RS512' ('alg' is 'RS256')."
    );
}

/// One broken token: how it is made, what it is checked against, and the errors expected.
struct Broken {
    name: &'static str,
    token: String,
    jwks: &'static str,
    env: Option<Environment>,
    api_key: Option<&'static str>,
    errors: Vec<&'static str>,
}

fn broken(name: &'static str, header: &str, claims: &str, errors: Vec<&'static str>) -> Broken {
    Broken {
        name,
        token: forge(header, claims, KEY),
        jwks: JWKS,
        env: Some(Environment::Prod),
        api_key: None,
        errors,
    }
}

fn exp(offset: i64) -> String {
    (NOW as i64 + offset).to_string()
}

#[test]
fn broken_tokens_each_give_their_code() {
    let h = header("test-1");
    let c = valid_claims();
    let jwks_private: &'static str = Box::leak(
        JWKS.replacen(
            r#""kty": "RSA","#,
            r#""kty": "RSA", "d": "AQAB", "p": "AQAB","#,
            1,
        )
        .into_boxed_str(),
    );
    assert!(jwks_private.contains(r#""d": "AQAB""#));
    let jwks_rs256: &'static str = Box::leak(
        JWKS.replacen(r#""alg": "RS512""#, r#""alg": "RS256""#, 1)
            .into_boxed_str(),
    );
    assert!(jwks_rs256.contains("RS256"));
    let table = vec![
        broken("valid", &h, &c, vec![]),
        broken(
            "alg RS256",
            r#"{"alg":"RS256","typ":"JWT","kid":"test-1"}"#,
            &c,
            vec![codes::ALG.code],
        ),
        broken(
            "alg missing",
            r#"{"typ":"JWT","kid":"test-1"}"#,
            &c,
            vec![codes::ALG.code],
        ),
        broken(
            "alg PS512",
            r#"{"alg":"PS512","typ":"JWT","kid":"test-1"}"#,
            &c,
            vec![codes::ALG.code],
        ),
        broken(
            "typ missing",
            r#"{"alg":"RS512","kid":"test-1"}"#,
            &c,
            vec![codes::TYP.code],
        ),
        broken(
            "typ at+jwt",
            r#"{"alg":"RS512","typ":"at+jwt","kid":"test-1"}"#,
            &c,
            vec![codes::TYP.code],
        ),
        broken(
            "typ in lowercase passes, as on the server",
            r#"{"alg":"RS512","typ":"jwt","kid":"test-1"}"#,
            &c,
            vec![],
        ),
        broken(
            "kid missing",
            r#"{"alg":"RS512","typ":"JWT"}"#,
            &c,
            vec![codes::KID_MISSING.code],
        ),
        broken("kid empty", &header(""), &c, vec![codes::KID_MISSING.code]),
        broken(
            "kid not in the JWKS",
            &header("prod-1"),
            &c,
            vec![codes::KID_UNKNOWN.code],
        ),
        broken(
            "iss differs from sub",
            &h,
            &c.replacen(&format!(r#""sub":"{API_KEY}""#), r#""sub":"other""#, 1),
            vec![codes::ISS_SUB.code],
        ),
        broken(
            "iss missing",
            &h,
            &c.replacen(&format!(r#""iss":"{API_KEY}","#), "", 1),
            vec![codes::ISS_SUB.code],
        ),
        Broken {
            api_key: Some("AnotherApplicationsKey0123456789"),
            ..broken(
                "iss is not the API key given",
                &h,
                &c,
                vec![codes::API_KEY.code],
            )
        },
        broken(
            "aud with a trailing slash",
            &h,
            &claims(&format!("{PROD}/"), &exp(300)),
            vec![codes::AUD.code],
        ),
        broken(
            "aud missing",
            &h,
            &c.replacen(&format!(r#""aud":"{PROD}","#), "", 1),
            vec![codes::AUD.code],
        ),
        broken(
            "aud is the API base URL",
            &h,
            &claims("https://api.service.nhs.uk/referrals", &exp(300)),
            vec![codes::AUD.code],
        ),
        broken(
            "INT token against PROD",
            &h,
            &claims(INT, &exp(300)),
            vec![codes::ENVIRONMENT.code],
        ),
        Broken {
            env: None,
            ..broken(
                "INT token, no environment given",
                &h,
                &claims(INT, &exp(300)),
                vec![],
            )
        },
        Broken {
            api_key: Some("ProdApplicationsApiKey0123456789"),
            ..broken(
                "INT key and INT aud against PROD",
                &h,
                &claims(INT, &exp(300)),
                vec![codes::API_KEY.code, codes::ENVIRONMENT.code],
            )
        },
        broken(
            "jti missing",
            &h,
            &c.replacen(r#""jti":"6f1f2d2e-8a1b-4c3d-9e4f-0a1b2c3d4e5f","#, "", 1),
            vec![codes::JTI.code],
        ),
        broken(
            "jti a number",
            &h,
            &c.replacen(r#""6f1f2d2e-8a1b-4c3d-9e4f-0a1b2c3d4e5f""#, "1234567890", 1),
            vec![codes::JTI.code],
        ),
        broken(
            "exp missing",
            &h,
            &c.replacen(&format!(r#""exp":{},"#, NOW + 300), "", 1),
            vec![codes::EXP.code],
        ),
        broken(
            "exp a string",
            &h,
            &claims(PROD, &format!("\"{}\"", NOW + 300)),
            vec![codes::EXP.code],
        ),
        broken(
            "exp 6 minutes ahead",
            &h,
            &claims(PROD, &exp(360)),
            vec![codes::EXP_TOO_FAR.code],
        ),
        broken(
            "exp in milliseconds",
            &h,
            &claims(PROD, &((NOW + 300) * 1000).to_string()),
            vec![codes::EXP_TOO_FAR.code],
        ),
        broken(
            "exp 305 s ahead is only a warning",
            &h,
            &claims(PROD, &exp(305)),
            vec![],
        ),
        broken(
            "exp passed a second ago",
            &h,
            &claims(PROD, &exp(-1)),
            vec![codes::EXPIRED.code],
        ),
        broken(
            "exp equal to now has expired (the server compares milliseconds)",
            &h,
            &claims(PROD, &exp(0)),
            vec![codes::EXPIRED.code],
        ),
        broken(
            "exp a second ahead is still valid",
            &h,
            &claims(PROD, &exp(1)),
            vec![],
        ),
        Broken {
            token: forge(&h, &c, OTHER_KEY),
            ..broken(
                "signed with another key",
                &h,
                &c,
                vec![codes::SIGNATURE.code],
            )
        },
        Broken {
            token: {
                let t = forge(&h, &c, KEY);
                let (head, rest) = t.split_once('.').expect("parts");
                let (_, sig) = rest.split_once('.').expect("parts");
                format!("{head}.{}.{sig}", b64(claims(PROD, &exp(200)).as_bytes()))
            },
            ..broken(
                "claims changed after signing",
                &h,
                &c,
                vec![codes::SIGNATURE.code],
            )
        },
        Broken {
            jwks: jwks_private,
            ..broken(
                "JWKS with private members",
                &h,
                &c,
                vec![codes::JWKS_PRIVATE.code],
            )
        },
        Broken {
            jwks: "{\"keys\": [",
            ..broken("JWKS not JSON", &h, &c, vec![codes::JWKS_INVALID.code])
        },
        Broken {
            jwks: r#"{"keys":[{"kty":"EC","kid":"test-1","crv":"P-256","x":"AQAB","y":"AQAB"}]}"#,
            ..broken(
                "JWKS with an EC key",
                &h,
                &c,
                vec![codes::JWKS_INVALID.code],
            )
        },
        Broken {
            jwks: r#"{"keys":[{"kty":"RSA","kid":"test-1","n":"AQAB","e":"AQAB"}]}"#,
            ..broken(
                "JWK modulus too small to be a key",
                &h,
                &c,
                vec![codes::JWK_USE.code],
            )
        },
        Broken {
            jwks: jwks_rs256,
            ..broken("JWK alg RS256 is only a warning", &h, &c, vec![])
        },
        Broken {
            jwks: "",
            ..broken("no JWKS", &h, &c, vec![codes::JWKS_INVALID.code])
        },
        Broken {
            jwks: r#"{"keys":[]}"#,
            ..broken("empty JWKS", &h, &c, vec![codes::KID_UNKNOWN.code])
        },
        broken(
            "everything wrong at once",
            r#"{"alg":"HS256"}"#,
            r#"{"iss":"a","sub":"b","aud":"x","exp":"soon"}"#,
            vec![
                codes::ALG.code,
                codes::TYP.code,
                codes::KID_MISSING.code,
                codes::ISS_SUB.code,
                codes::AUD.code,
                codes::JTI.code,
                codes::EXP.code,
            ],
        ),
    ];
    let mut failures = Vec::new();
    for case in &table {
        let report = check_env(&case.token, case.jwks, case.env, case.api_key);
        let got = error_codes(&report);
        if got != case.errors {
            failures.push(format!(
                "{}: expected {:?}, got {:?}",
                case.name,
                case.errors,
                report.codes()
            ));
        }
        assert_eq!(report.is_valid(), case.errors.is_empty(), "{}", case.name);
        // The help a user reads: no run of spaces (a broken line continuation), no stray
        // backtick, no space at either end.
        for d in &report.findings {
            let help = d.help.as_deref().unwrap_or_default();
            if help.contains("  ")
                || !help.matches('`').count().is_multiple_of(2)
                || help.trim() != help
            {
                failures.push(format!(
                    "{}: {} help is not clean: {help:?}",
                    case.name, d.code
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_finding_quotes_the_token_server_where_it_has_words() {
    let token = forge(r#"{"alg":"RS256"}"#, r#"{"iss":"a","exp":1}"#, KEY);
    let report = check_env(&token, JWKS, Some(Environment::Prod), None);
    let messages: Vec<(&str, &str, Option<u16>)> = report
        .findings
        .iter()
        .map(|f| {
            (
                f.code,
                f.server.map_or("", |s| s.text),
                f.server.map(|s| s.status),
            )
        })
        .collect();
    assert_eq!(
        messages,
        vec![
            (
                codes::ALG.code,
                "Invalid 'alg' header in client_assertion JWT - unsupported JWT algorithm - must be 'RS512'",
                Some(400)
            ),
            (
                codes::TYP.code,
                "Invalid 'typ' header in client_assertion JWT - must be 'JWT'",
                Some(400)
            ),
            (
                codes::KID_MISSING.code,
                "Missing 'kid' header in client_assertion JWT",
                Some(400)
            ),
            (
                codes::ISS_SUB.code,
                "Missing or non-matching 'iss'/'sub' claims in client_assertion JWT",
                Some(400)
            ),
            (
                codes::AUD.code,
                "Missing or invalid 'aud' claim in client_assertion JWT",
                Some(401)
            ),
            (
                codes::JTI.code,
                "Missing 'jti' claim in client_assertion JWT",
                Some(400)
            ),
            (
                codes::EXPIRED.code,
                "Invalid 'exp' claim in client_assertion JWT - JWT has expired",
                Some(400)
            ),
        ]
    );
    for finding in &report.findings {
        let message = &finding.message;
        assert!(
            message.starts_with(finding.server.map_or("", |s| s.text)),
            "{message}"
        );
        assert!(finding.help.is_some(), "{} has no help", finding.code);
        assert_eq!(finding.rule, "4.2");
    }
}

#[test]
fn aud_difference_is_shown_character_by_character() {
    let token = forge(
        &header("test-1"),
        &claims(&format!("{PROD}/"), &exp(300)),
        KEY,
    );
    let report = check_env(&token, JWKS, Some(Environment::Prod), None);
    let finding = &report.findings[0];
    assert_eq!(finding.code, codes::AUD);
    assert_eq!(finding.part(), Some(Location::Claim("aud").path().as_str()));
    assert_eq!(finding.span, Some(Span::new(39, 40)));
    assert_eq!(finding.suggestion.as_deref(), Some(PROD));
    assert_eq!(
        finding.message,
        "Missing or invalid 'aud' claim in client_assertion JWT ('aud' differs from the token URL at character 40)."
    );
    assert_eq!(
        finding.help.as_deref(),
        Some(
            "aud goes on after the token URL with '/' from character 40; 'aud' must be exactly https://api.service.nhs.uk/oauth2/token: remove the trailing '/'."
        )
    );
    let diff = report.aud.as_ref().expect("aud diff");
    assert_eq!(
        (
            diff.first_difference,
            diff.given.as_str(),
            diff.expected.as_str()
        ),
        (39, "https://api.service.nhs.uk/oauth2/token/", PROD)
    );

    // Against PROD, an INT aud names both environments.
    let token = forge(&header("test-1"), &claims(INT, &exp(300)), KEY);
    let report = check_env(&token, JWKS, Some(Environment::Prod), None);
    let finding = &report.findings[0];
    assert_eq!(finding.code, codes::ENVIRONMENT);
    assert_eq!(
        finding.message,
        "Missing or invalid 'aud' claim in client_assertion JWT ('aud' is the INT token URL, but the token is for PROD)."
    );
    assert_eq!(finding.span, Some(Span::new(8, 43)));
    assert_eq!(
        report.aud.as_ref().and_then(|d| d.given_environment),
        Some(Environment::Int)
    );
}

#[test]
fn exp_findings_say_how_far_off_and_the_margin_is_a_warning() {
    let cases: [(i64, &str, Severity, &str); 4] = [
        (
            360,
            codes::EXP_TOO_FAR.code,
            Severity::Error,
            "(it is 6 min 0 s ahead, at most 300 s are allowed)",
        ),
        (
            305,
            codes::EXP_TOO_FAR.code,
            Severity::Warning,
            "(it is 5 min 5 s ahead, more than 300 s)",
        ),
        (
            -90,
            codes::EXPIRED.code,
            Severity::Error,
            "(it expired 1 min 30 s ago)",
        ),
        (
            -7200,
            codes::EXPIRED.code,
            Severity::Error,
            "(it expired 2 h 0 min ago)",
        ),
    ];
    for (offset, code, severity, detail) in cases {
        let token = forge(&header("test-1"), &claims(PROD, &exp(offset)), KEY);
        let report = check_env(&token, JWKS, None, None);
        let finding = &report.findings[0];
        assert_eq!(
            (finding.code, finding.severity),
            (code, severity),
            "{offset}"
        );
        assert!(
            finding.message.ends_with(&format!("{detail}.")),
            "{}",
            finding.message
        );
        assert_eq!(report.expires_in, Some(offset));
    }
}

#[test]
fn key_size_warning_names_4096() {
    let token = forge(&header("test-1"), &valid_claims(), KEY);
    let report = check_env(&token, JWKS, None, None);
    assert_eq!(report.codes(), vec![codes::KEY_SIZE]);
    let finding = &report.findings[0];
    assert_eq!(finding.severity, Severity::Warning);
    assert!(finding.message.contains("2048"), "{}", finding.message);
    assert!(finding.help.as_deref().unwrap_or("").contains("4096"));
}

// ---------------------------------------------------------------------------------------------
// Malformed tokens: decoded as far as they go

#[test]
fn malformed_tokens_say_which_part_fails_and_where() {
    let good = forge(&header("test-1"), &valid_claims(), KEY);
    let (h, rest) = good.split_once('.').expect("parts");
    let (c, s) = rest.split_once('.').expect("parts");
    let cases: Vec<(&str, String, Vec<&str>, Option<Span>)> = vec![
        (
            "empty",
            "  ".into(),
            vec![codes::MALFORMED.code],
            Some(Span::at(2)),
        ),
        (
            "one part of JSON",
            h.to_owned(),
            vec![codes::MALFORMED.code],
            Some(Span::new(0, h.len())),
        ),
        (
            "two parts",
            format!("{h}.{c}"),
            vec![codes::MALFORMED.code],
            Some(Span::new(0, h.len() + 1 + c.len())),
        ),
        (
            "padding",
            format!("{h}=.{c}.{s}"),
            vec![codes::BASE64URL.code],
            Some(Span::new(h.len(), h.len() + 1)),
        ),
        (
            "standard base64",
            format!("{h}.{c}.+{}", &s[1..]),
            vec![codes::BASE64URL.code],
            Some(Span::new(h.len() + c.len() + 2, h.len() + c.len() + 3)),
        ),
        (
            "line break",
            format!("{h}.{}\n{}.{s}", &c[..10], &c[10..]),
            vec![codes::BASE64URL.code],
            Some(Span::new(h.len() + 11, h.len() + 12)),
        ),
        (
            "header not JSON",
            format!("{}.{c}.{s}", b64(b"not json")),
            vec![codes::JSON.code],
            Some(Span::new(0, 11)),
        ),
        (
            "header a JSON array",
            format!("{}.{c}.{s}", b64(b"[1]")),
            vec![codes::JSON.code],
            Some(Span::new(0, 4)),
        ),
    ];
    // An unsigned token decodes (the token server's DecodeJWT reads any algorithm): its empty
    // signature is said apart, with the signature check's answer.
    let unsigned = jwt::decode(&format!("{h}.{c}."));
    assert!(unsigned.findings.is_empty(), "{:?}", unsigned.findings);
    let finding = unsigned.unsigned.expect("the empty signature is said");
    assert_eq!(finding.code, codes::SIGNATURE);
    assert_eq!(finding.span, Some(Span::at(h.len() + c.len() + 2)));
    assert_eq!(finding.part(), Some(Location::Token.path().as_str()));
    for (name, token, expected, span) in cases {
        let decoded = jwt::decode(&token);
        let got: Vec<&str> = decoded.findings.iter().map(|f| f.code).collect();
        assert_eq!(got, expected, "{name}");
        assert_eq!(decoded.findings[0].span, span, "{name}");
        assert_eq!(
            decoded.findings[0].part(),
            Some(Location::Token.path().as_str()),
            "{name}"
        );
    }
}

#[test]
fn a_partial_token_is_still_checked_as_far_as_it_goes() {
    let good = forge(&header("prod-1"), &claims(INT, &exp(-5)), KEY);
    let (input, _) = good.rsplit_once('.').expect("parts");
    let report = check_env(input, JWKS, Some(Environment::Prod), None);
    // Not three parts, yet the header and claims are read and checked.
    assert_eq!(
        error_codes(&report),
        vec![
            codes::MALFORMED,
            codes::ENVIRONMENT,
            codes::EXPIRED,
            codes::KID_UNKNOWN
        ]
    );
    assert!(report.header.is_some() && report.claims.is_some());
    assert!(!report.signature_verified);
}

#[test]
fn pasted_wrappers_and_jwe_get_a_specific_help() {
    let good = forge(&header("test-1"), &valid_claims(), KEY);
    let report = check_env(&format!("client_assertion={good}"), JWKS, None, None);
    let help = report.findings[0].help.clone().unwrap_or_default();
    assert!(
        help.starts_with("Remove `client_assertion=` from the start"),
        "{help}"
    );

    let jwe = format!("{}.a.b.c.d", b64(br#"{"alg":"RSA-OAEP","enc":"A256GCM"}"#));
    let report = check_env(&jwe, JWKS, None, None);
    assert_eq!(report.findings[0].code, codes::MALFORMED);
    assert!(
        report.findings[0]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("JWE")
    );
}

#[test]
fn garbage_never_panics() {
    let long = "a.".repeat(10_000);
    let inputs = [
        "",
        ".",
        "..",
        "...",
        "....",
        "é.é.é",
        "\u{0}",
        "eyJ.eyJ.eyJ",
        &long,
        "e30.e30.",
        "e30.e30.AA",
        "bnVsbA.bnVsbA.AA",
        "W10.W10.W10",
        "IjEi.IjEi.AA",
    ];
    for input in inputs {
        for jwks in [
            "",
            "{}",
            "[]",
            "null",
            JWKS,
            r#"{"keys":[{}]}"#,
            r#"{"keys":"x"}"#,
        ] {
            let report = check_env(input, jwks, Some(Environment::Dev), Some("k"));
            assert!(!report.is_valid(), "{input:?} {jwks:?}");
        }
    }
}

#[test]
fn the_code_table_lists_every_code_once_in_order() {
    let listed: Vec<&str> = codes::ALL.iter().map(|c| c.code).collect();
    let expected: Vec<String> = (1..=39).map(|n| format!("ERS-J{n:03}")).collect();
    assert_eq!(listed, expected);
}

#[test]
fn python_sees_the_same_token_we_print() {
    // The compact form is ASCII with exactly two dots, as any client's splitter expects.
    let signed = jwt::sign_pem(
        KEY,
        &SignRequest::new("test-1", API_KEY, Environment::Sandbox, NOW),
    )
    .expect("signs");
    let output = ers_test_support::judge(
        "python3",
        &[
            "-c",
            "import sys; t = sys.stdin.read().strip(); print(len(t.split('.')), t.isascii())",
        ],
        Some(signed.token.as_bytes()),
    );
    assert_eq!(output.trim(), "3 True");
}

// ---------------------------------------------------------------------------------------------
// Properties: any input is decoded without a panic, and every finding is explained and located
// inside the text it points into.

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn assert_well_formed(token: &str, report: &CheckReport) {
        for finding in &report.findings {
            let d = finding;
            assert!(
                d.help.as_deref().is_some_and(|h| !h.is_empty()),
                "{} has no help",
                d.code
            );
            assert!(d.code.starts_with("ERS-J"), "{}", d.code);
            if let Some(server) = finding.server.map(|s| s.text) {
                assert!(d.message.starts_with(server), "{}", d.message);
            }
            if let (Some(span), true) = (
                d.span,
                finding.part() == Some(Location::Token.path().as_str()),
            ) {
                assert!(
                    span.start <= span.end && span.end <= token.chars().count(),
                    "{span:?} in {token:?}"
                );
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn any_text_is_checked_without_panic(token in "\\PC{0,80}", jwks in "\\PC{0,40}") {
            let report = check_env(&token, &jwks, None, None);
            prop_assert!(!report.is_valid());
            assert_well_formed(&token, &report);
        }

        #[test]
        fn any_three_base64url_parts_are_checked_without_panic(
            header in proptest::collection::vec(any::<u8>(), 0..40),
            claims in proptest::collection::vec(any::<u8>(), 0..60),
            signature in proptest::collection::vec(any::<u8>(), 0..300),
            env in proptest::sample::select(Environment::ALL.to_vec()),
        ) {
            let token = format!("{}.{}.{}", b64(&header), b64(&claims), b64(&signature));
            let report = check_env(&token, JWKS, Some(env), Some(API_KEY));
            prop_assert!(!report.is_valid());
            assert_well_formed(&token, &report);
        }

        #[test]
        fn any_json_claims_are_checked_without_panic(
            iss in proptest::option::of("[a-zA-Z0-9 ]{0,12}"),
            aud in proptest::option::of("\\PC{0,50}"),
            exp in proptest::option::of(any::<i64>()),
            jti in proptest::option::of("\\PC{0,10}"),
        ) {
            let mut claims = serde_json::Map::new();
            if let Some(iss) = &iss {
                claims.insert("iss".into(), iss.clone().into());
                claims.insert("sub".into(), iss.clone().into());
            }
            if let Some(aud) = aud { claims.insert("aud".into(), aud.into()); }
            if let Some(exp) = exp { claims.insert("exp".into(), exp.into()); }
            if let Some(jti) = jti { claims.insert("jti".into(), jti.into()); }
            let token = forge(&header("test-1"), &serde_json::Value::Object(claims).to_string(), KEY);
            let report = check_env(&token, JWKS, None, None);
            assert_well_formed(&token, &report);
            prop_assert!(report.signature_verified);
        }
    }
}

#[test]
fn a_different_api_key_is_not_offered_as_the_fix() {
    let token = forge(&header("test-1"), &valid_claims(), KEY);
    let other = "Zz9yXwVuTsRqPoNmLkJiHgFeDcBa543210";
    let report = check_env(&token, JWKS, Some(Environment::Prod), Some(other));
    let finding = report
        .findings
        .iter()
        .find(|f| f.code == codes::API_KEY)
        .expect("the API key differs");
    // Which of the two is right is not known: neither is offered as the one to use.
    assert_eq!(finding.suggestion, None);
    // Only white space apart: the given key is meant, and is offered.
    let spaced = format!(" {API_KEY}");
    let token = forge(
        &header("test-1"),
        &format!(
            r#"{{"iss":"{spaced}","sub":"{spaced}","aud":"{PROD}","jti":"6f1f2d2e-8a1b-4c3d-9e4f-0a1b2c3d4e5f","exp":{},"iat":{NOW}}}"#,
            NOW + 300
        ),
        KEY,
    );
    let report = check_env(&token, JWKS, Some(Environment::Prod), Some(API_KEY));
    let finding = report
        .findings
        .iter()
        .find(|f| f.code == codes::API_KEY)
        .expect("the API key differs in white space");
    assert_eq!(finding.suggestion.as_deref(), Some(API_KEY));
}

// ---------------------------------------------------------------------------------------------
// The token server's first answer: for generated headers and claims of any JSON type, our
// `server_answer` equals this re-implementation of the server's order, written from FACTS §5
// and the claim script's JavaScript (`validate-client-assertion-claims.js`).

mod server_order {
    use super::*;
    use proptest::prelude::*;
    use serde_json::{Map, Value, json};

    /// JavaScript `!!v`.
    fn truthy(v: Option<&Value>) -> bool {
        !matches!(v, None | Some(Value::Null) | Some(Value::Bool(false)))
            && v.and_then(Value::as_f64).is_none_or(|n| n != 0.0)
            && v.and_then(Value::as_str).is_none_or(|s| !s.is_empty())
    }

    /// JavaScript `String(v)` for the values generated here.
    fn js_string(v: &Value) -> String {
        match v {
            Value::String(s) => s.clone(),
            Value::Null => "null".into(),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => match n.as_i64() {
                Some(i) => i.to_string(),
                None => n.as_f64().map(|f| f.to_string()).unwrap_or_default(),
            },
            Value::Array(a) => a
                .iter()
                .map(|x| {
                    if x.is_null() {
                        String::new()
                    } else {
                        js_string(x)
                    }
                })
                .collect::<Vec<_>>()
                .join(","),
            Value::Object(_) => "[object Object]".into(),
        }
    }

    /// JavaScript `Number(v)` for the values generated here (decimal strings only).
    fn js_number(v: Option<&Value>) -> f64 {
        match v {
            None => f64::NAN,
            Some(Value::Null) => 0.0,
            Some(Value::Bool(b)) => f64::from(u8::from(*b)),
            Some(Value::Number(n)) => n.as_f64().unwrap_or(f64::NAN),
            Some(Value::String(s)) if s.trim().is_empty() => 0.0,
            Some(Value::String(s)) => s.trim().parse().unwrap_or(f64::NAN),
            Some(other) => js_number(Some(&Value::String(js_string(other)))),
        }
    }

    /// JavaScript `a == b`.
    fn js_eq(a: Option<&Value>, b: Option<&Value>) -> bool {
        let nullish = |v: Option<&Value>| matches!(v, None | Some(Value::Null));
        match (a, b) {
            _ if nullish(a) || nullish(b) => nullish(a) && nullish(b),
            (Some(x @ (Value::Array(_) | Value::Object(_))), Some(y))
            | (Some(y), Some(x @ (Value::Array(_) | Value::Object(_)))) => {
                // Two objects are two references; one object becomes its string.
                !matches!(y, Value::Array(_) | Value::Object(_))
                    && js_eq(Some(&Value::String(js_string(x))), Some(y))
            }
            (Some(Value::String(x)), Some(Value::String(y))) => x == y,
            (Some(x), Some(y)) => js_number(Some(x)) == js_number(Some(y)),
            _ => false,
        }
    }

    const TOKEN_URLS: [&str; 4] = [
        "https://api.service.nhs.uk/oauth2/token",
        "https://int.api.service.nhs.uk/oauth2/token",
        "https://sandbox.api.service.nhs.uk/oauth2/token",
        "https://dev.api.service.nhs.uk/oauth2/token",
    ];

    /// The server's order, FACTS §5 (the JWKS holds one key, kid `test-1`, and the token is
    /// signed with it).
    fn expected(
        header: &Map<String, Value>,
        claims: &Map<String, Value>,
        env: Option<Environment>,
        api_key: Option<&str>,
        now: u64,
    ) -> Option<(u16, &'static str)> {
        let h = |k: &str| header.get(k);
        let c = |k: &str| claims.get(k);
        let exp_ms = js_number(c("exp")) * 1000.0;
        let expired = exp_ms.is_finite()
            && exp_ms.abs() <= 8.64e15
            && (now as f64 * 1000.0) >= exp_ms.trunc();
        let typ_ok = h("typ")
            .and_then(Value::as_str)
            .is_some_and(|t| t.to_lowercase() == "jwt");
        let s = codes::server::ALG_INVALID.text;
        if !js_eq(h("alg"), Some(&json!("RS512"))) {
            return Some((400, s));
        }
        if expired {
            return Some((400, codes::server::EXPIRED.text));
        }
        if !truthy(h("kid")) {
            return Some((400, codes::server::KID_MISSING.text));
        }
        if !typ_ok {
            return Some((400, codes::server::TYP.text));
        }
        if !truthy(c("exp")) {
            return Some((400, codes::server::EXP_MISSING.text));
        }
        if !c("exp").is_some_and(Value::is_number) {
            return Some((400, codes::server::EXP_NOT_INTEGER.text));
        }
        if !truthy(c("iss")) || !js_eq(c("iss"), c("sub")) {
            return Some((400, codes::server::ISS_SUB.text));
        }
        if !truthy(c("jti")) {
            return Some((400, codes::server::JTI_MISSING.text));
        }
        if !c("jti").is_some_and(Value::is_string) {
            return Some((400, codes::server::JTI_INVALID.text));
        }
        if c("exp")
            .and_then(Value::as_f64)
            .is_some_and(|e| e - now as f64 > 310.0)
        {
            return Some((400, codes::server::EXP_TOO_FAR.text));
        }
        if let (Some(key), Some(iss)) = (api_key, c("iss")) {
            if js_string(iss) != key {
                return Some((401, codes::server::ISS_SUB_INVALID.text));
            }
        }
        if h("kid") != Some(&json!("test-1")) {
            return Some((401, codes::server::KID_UNKNOWN.text));
        }
        let wanted = |u: &str| match env {
            Some(e) => e.token_url() == u,
            None => TOKEN_URLS.contains(&u),
        };
        let aud_ok = match c("aud") {
            Some(Value::String(u)) => wanted(u),
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).any(wanted),
            _ => false,
        };
        if !aud_ok {
            return Some((401, codes::server::AUD.text));
        }
        if h("alg") != Some(&json!("RS512")) {
            return Some((401, codes::server::SIGNATURE.text));
        }
        if let Some(nbf) = c("nbf") {
            if !nbf.as_f64().is_some_and(|n| n - now as f64 <= 10.0) {
                return Some((401, codes::server::SIGNATURE.text));
            }
        }
        None
    }

    /// Values of every JSON type, and the ones that matter to each check.
    fn any_value(special: Vec<Value>) -> impl Strategy<Value = Option<Value>> {
        let mut pool = vec![
            Value::Null,
            json!(true),
            json!(false),
            json!(0),
            json!(1),
            json!(-5),
            json!(2.5),
            json!(""),
            json!("x"),
            json!([]),
            json!(["x"]),
            json!({}),
            json!({"a": 1}),
        ];
        pool.extend(special);
        proptest::option::weighted(0.85, proptest::sample::select(pool))
    }

    fn times(now: u64) -> Vec<Value> {
        let n = now as i64;
        vec![
            json!(n + 120),
            json!(n + 300),
            json!(n + 305),
            json!(n + 311),
            json!(n + 4000),
            json!(n - 10),
            json!(n),
            json!((n + 120) as f64 + 0.5),
            json!((n + 120).to_string()),
            json!((n - 10).to_string()),
            json!([n + 120]),
            json!(1e300),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(160))]

        #[test]
        fn our_first_answer_is_the_servers(
            alg in any_value(vec![json!("RS512"), json!("RS512"), json!("RS256"), json!(["RS512"]), json!("rs512")]),
            typ in any_value(vec![json!("JWT"), json!("JWT"), json!("jwt"), json!("JwT"), json!(["JWT"])]),
            kid in any_value(vec![json!("test-1"), json!("test-1"), json!("test-2"), json!(["test-1"])]),
            iss in any_value(vec![json!(API_KEY), json!(API_KEY), json!("other"), json!(5), json!("5")]),
            sub in any_value(vec![json!(API_KEY), json!(API_KEY), json!(5), json!("5"), json!([API_KEY])]),
            aud in any_value(vec![json!(PROD), json!(PROD), json!(INT), json!([PROD]), json!("https://api.service.nhs.uk/oauth2/token/")]),
            jti in any_value(vec![json!("6f1f2d2e-8a1b-4c3d-9e4f-0a1b2c3d4e5f"), json!("j-1"), json!(42)]),
            exp in any_value(times(NOW)),
            nbf in proptest::option::weighted(0.3, any_value(vec![json!(NOW - 100), json!(NOW + 5), json!(NOW + 60), json!("soon")])),
            env in proptest::option::of(proptest::sample::select(Environment::ALL.to_vec())),
            with_key in any::<bool>(),
        ) {
            let mut header = Map::new();
            let mut claims = Map::new();
            for (name, value) in [("alg", alg), ("typ", typ), ("kid", kid)] {
                if let Some(v) = value { header.insert(name.into(), v); }
            }
            for (name, value) in [("iss", iss), ("sub", sub), ("aud", aud), ("jti", jti), ("exp", exp), ("nbf", nbf.flatten())] {
                if let Some(v) = value { claims.insert(name.into(), v); }
            }
            let token = forge(
                &Value::Object(header.clone()).to_string(),
                &Value::Object(claims.clone()).to_string(),
                KEY,
            );
            let api_key = with_key.then_some(API_KEY);
            let report = check_env(&token, JWKS, env, api_key);
            let ours = report.server_answer.map(|a| (a.status, a.message));
            let theirs = expected(&header, &claims, env, api_key, NOW);
            prop_assert_eq!(ours, theirs, "header {:?} claims {:?} env {:?}", header, claims, env);
            // An answer means an error finding; no answer, no error finding.
            prop_assert_eq!(theirs.is_none(), report.is_valid(), "{:?}", report.codes());
            prop_assert_eq!(report.jti_used_up, theirs.is_none_or(|(status, _)| status == 401));
        }
    }
}

/// The token server's answer a case expects: HTTP status and message, or none.
type Answer<'a> = Option<(u16, &'a str)>;

/// Each new code, and each JSON type the token server reads its own way, with the exact message.
#[test]
fn new_codes_and_json_types_in_the_servers_exact_words() {
    let exp = |v: &str| {
        format!(r#"{{"iss":"{API_KEY}","sub":"{API_KEY}","aud":"{PROD}","jti":"j-1","exp":{v}}}"#)
    };
    let later = (NOW + 120).to_string();
    type Case<'a> = (String, String, &'a str, &'a str, Answer<'a>);
    let cases: Vec<Case> = vec![
        (
            r#"{"typ":"JWT","kid":"test-1"}"#.into(),
            exp(&later),
            codes::ALG.code,
            "Invalid 'alg' header in client_assertion JWT - unsupported JWT algorithm - must be 'RS512' ('alg' is missing).",
            Some((400, codes::server::ALG_INVALID.text)),
        ),
        (
            header("test-1"),
            exp("0"),
            codes::EXPIRED.code,
            "Invalid 'exp' claim in client_assertion JWT - JWT has expired (it expired 20717 days ago).",
            Some((400, codes::server::EXPIRED.text)),
        ),
        (
            header("test-1"),
            exp("null"),
            codes::EXPIRED.code,
            "Invalid 'exp' claim in client_assertion JWT - JWT has expired ('exp' is null, which the token server's date check reads as 0 s after 1970).",
            Some((400, codes::server::EXPIRED.text)),
        ),
        (
            header("test-1"),
            exp("\"123\""),
            codes::EXPIRED.code,
            "Invalid 'exp' claim in client_assertion JWT - JWT has expired ('exp' is '123', which the token server's date check reads as 123 s after 1970).",
            Some((400, codes::server::EXPIRED.text)),
        ),
        (
            r#"{"alg":"RS512","typ":"JWT","kid":7}"#.into(),
            exp(&later),
            codes::KID_UNKNOWN.code,
            "Invalid 'kid' header in client_assertion JWT - no matching public key ('kid' is a number 7, not a string).",
            Some((401, codes::server::KID_UNKNOWN.text)),
        ),
        (
            r#"{"alg":["RS512"],"typ":"JWT","kid":"test-1"}"#.into(),
            exp(&later),
            codes::ALG.code,
            "JWT signature verification failed ('alg' is an array; the claim check reads it as 'RS512', but the signature check needs the string).",
            Some((401, codes::server::SIGNATURE.text)),
        ),
        (
            header("test-1"),
            format!(
                r#"{{"iss":"{API_KEY}","sub":"{API_KEY}","aud":"{PROD}","jti":"j-1","exp":{later},"nbf":{}}}"#,
                NOW + 60
            ),
            codes::NBF.code,
            "JWT signature verification failed ('nbf' is 1 min 0 s ahead; the token server allows 10 s).",
            Some((401, codes::server::SIGNATURE.text)),
        ),
        (
            header("test-1"),
            format!(r#"{{"iss":5,"sub":"5","aud":"{PROD}","jti":"j-1","exp":{later}}}"#),
            codes::ISS_SUB_TYPE.code,
            "'iss' is a number 5 and 'sub' is '5': the token server's claim check compares them loosely and takes them, but the API key is a string.",
            None,
        ),
    ];
    for (header, claims, code, message, answer) in cases {
        let token = forge(&header, &claims, KEY);
        let report = check_env(&token, JWKS, None, None);
        let found = report
            .findings
            .iter()
            .find(|f| f.code == code)
            .unwrap_or_else(|| panic!("{code} in {:?}", report.codes()));
        assert_eq!(found.message, message);
        assert_eq!(
            report.server_answer.map(|a| (a.status, a.message)),
            answer,
            "{message}"
        );
    }
}

#[test]
fn token_request_codes_in_the_servers_exact_words() {
    let token = jwt::sign_pem(
        KEY,
        &SignRequest::new("test-1", API_KEY, Environment::Prod, NOW),
    )
    .expect("signs")
    .token;
    let t = jwt::CLIENT_ASSERTION_TYPE;
    type Case<'a> = (String, &'a str, &'a str, Answer<'a>);
    let cases: Vec<Case> = vec![
        (
            format!(
                "curl {PROD} -F grant_type=client_credentials -F client_assertion_type={t} -F client_assertion={token}"
            ),
            codes::CONTENT_TYPE.code,
            "Content-Type header must be application/x-www-form-urlencoded (the content type is 'multipart/form-data').",
            Some((415, codes::server::CONTENT_TYPE.text)),
        ),
        (
            format!("client_assertion_type={t}&client_assertion={token}"),
            codes::GRANT_TYPE.code,
            "grant_type is missing.",
            Some((400, "grant_type is missing")),
        ),
        (
            format!("grant_type=password&client_assertion_type={t}&client_assertion={token}"),
            codes::GRANT_TYPE.code,
            "grant_type is invalid (grant_type is 'password').",
            Some((400, "grant_type is invalid")),
        ),
        (
            format!("grant_type=client_credentials&client_assertion={token}"),
            codes::ASSERTION_TYPE.code,
            "Missing or invalid client_assertion_type - must be 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' (client_assertion_type is missing).",
            Some((400, codes::server::ASSERTION_TYPE.text)),
        ),
        (
            format!("grant_type=client_credentials&client_assertion_type={t}"),
            codes::ASSERTION_MISSING.code,
            "Missing client_assertion.",
            Some((400, "Missing client_assertion")),
        ),
        (
            "hello".to_owned(),
            codes::REQUEST_UNREADABLE.code,
            "The text is neither a curl command line nor a form body.",
            Some((400, "Missing client_assertion")),
        ),
        (
            format!("curl -d @form.txt {PROD}"),
            codes::REQUEST_UNREADABLE.code,
            "The form is read from a file (@form.txt), which is not in the text.",
            Some((400, "grant_type is missing")),
        ),
        (
            format!(
                "curl -X POST \\\n  {INT} \\\n  -H 'content-type: application/x-www-form-urlencoded' \\\n  --data-urlencode 'grant_type=client_credentials' \\\n  --data-urlencode \"client_assertion_type={t}\" \\\n  --data-urlencode client_assertion={token}"
            ),
            codes::ENVIRONMENT.code,
            "Missing or invalid 'aud' claim in client_assertion JWT ('aud' is the PROD token URL, but the token is for INT).",
            Some((401, codes::server::AUD.text)),
        ),
        (
            format!(
                "POST /oauth2/token HTTP/1.1\r\nHost: api.service.nhs.uk\r\nContent-Type: application/json\r\n\r\ngrant_type=client_credentials&client_assertion_type={t}&client_assertion={token}"
            ),
            codes::CONTENT_TYPE.code,
            "Content-Type header must be application/x-www-form-urlencoded (the content type is 'application/json').",
            Some((415, codes::server::CONTENT_TYPE.text)),
        ),
        (
            format!(
                "curl https://api.service.nhs.uk/oauth2/authorize -d grant_type=client_credentials -d client_assertion_type={t} -d client_assertion={token}"
            ),
            codes::REQUEST_URL.code,
            "The request goes to https://api.service.nhs.uk/oauth2/authorize, which is not a token URL.",
            None,
        ),
    ];
    for (request, code, message, answer) in cases {
        let report = jwt::check_request(&request, JWKS, None, None, NOW);
        let all: Vec<&Finding> = report
            .findings
            .iter()
            .chain(report.assertion.iter().flat_map(|a| a.findings.iter()))
            .collect();
        let found = all
            .iter()
            .find(|f| f.code == code)
            .unwrap_or_else(|| panic!("{code} in {:?} for {request}", report.codes()));
        assert_eq!(found.message, message, "{request}");
        assert_eq!(
            report.server_answer.map(|a| (a.status, a.message)),
            answer,
            "{request}"
        );
    }
    // A good form body: accepted, and the request uses up its jti.
    let good =
        format!("grant_type=client_credentials&client_assertion_type={t}&client_assertion={token}");
    let report = jwt::check_request(&good, JWKS, Some(Environment::Prod), None, NOW);
    assert!(report.is_valid(), "{:?}", report.codes());
    assert_eq!(report.server_answer, None);
    assert!(report.jti_used_up);
    assert_eq!(report.kind, Some(jwt::request::RequestKind::Form));
}

/// A private key pasted as the JWT and as the JWKS is refused, and no line of it is in either
/// report, whose messages are what the page (through the facade) and the command line show.
#[test]
fn a_private_key_given_as_jwt_or_jwks_is_refused_without_being_repeated() {
    let key = include_str!("examples/jwt/throwaway-test-key-2048.pem");
    let body: Vec<&str> = key.lines().filter(|l| !l.starts_with("-----")).collect();
    let report = check_env(key, key, None, None);
    assert!(!report.is_valid());
    let jwks = ers_keys::jwks_check::check_jwks(key);
    assert!(!jwks.is_valid());
    let shown = format!("{report:?}\n{:?}", jwks.findings);
    assert!(shown.contains("private key"), "{shown}");
    assert!(!shown.contains("BEGIN PRIVATE KEY"), "{shown}");
    for line in body {
        assert!(
            !shown.contains(line),
            "a line of the private key is repeated: {line}"
        );
    }
}
