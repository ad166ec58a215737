//! The token exchange (user-restricted access, NHS CIS2 separate authentication; FACTS §5b): a
//! token request whose ID token (`subject_token`) is read in the token server's order, with its
//! exact words and statuses; and the unsigned client assertion answered as the server answers it.
//!
//! Every key here is a throwaway test key (tests/examples/jwt/README.md); the ID tokens are
//! forged with one, as the token server's offline steps never see the issuer's key.

use base64ct::{Base64UrlUnpadded, Encoding};
use ers_keys::jwt::{
    self, CIS2_ISSUER_INT, CIS2_ISSUER_PROD, CheckRequest, Grant, IdTokenIssuer,
    NHS_LOGIN_ISSUER_INT, RequestReport, SignRequest, Step, codes,
};
use ers_rules::{Environment, Severity};
use rsa::pkcs1v15::SigningKey;
use rsa::signature::{SignatureEncoding, Signer};
use serde_json::{Map, Value, json};
use sha2::{Sha256, Sha512};

const KEY: &str = include_str!("examples/jwt/throwaway-test-key-2048.pem");
const JWKS: &str = include_str!("examples/jwt/throwaway-test-key-2048.jwks.json");
/// Signs the forged ID tokens (standing in for CIS2's key, which is never checked here).
const OTHER_KEY: &str = include_str!("examples/jwt/throwaway-other-key-2048.pem");

const NOW: u64 = 1_790_000_000;
const API_KEY: &str = "Ab3dEfGh1jKlMn0pQrStUvWxYz012345";
const INT: &str = "https://int.api.service.nhs.uk/oauth2/token";
const CLIENT_TYPE: &str = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const EXCHANGE: &str = "urn:ietf:params:oauth:grant-type:token-exchange";
const ID_TOKEN: &str = "urn:ietf:params:oauth:token-type:id_token";

fn b64(bytes: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(bytes)
}

fn key(pem: &str) -> rsa::PrivateKey {
    ers_keys::pem::read_private_key(pem).expect("test key")
}

/// An RS256 token of any header and claims, as an issuer (or a careless client) makes one.
fn forge_rs256(header: &Value, claims: &Value) -> String {
    let input = format!(
        "{}.{}",
        b64(header.to_string().as_bytes()),
        b64(claims.to_string().as_bytes())
    );
    let signature = SigningKey::<Sha256>::new(key(OTHER_KEY)).sign(input.as_bytes());
    format!("{input}.{}", b64(&signature.to_vec()))
}

/// An RS512 client assertion of any header and claims, signed with the JWKS's key.
fn forge_assertion(header: &Value, claims: &Value) -> String {
    let input = format!(
        "{}.{}",
        b64(header.to_string().as_bytes()),
        b64(claims.to_string().as_bytes())
    );
    let signature = SigningKey::<Sha512>::new(key(KEY)).sign(input.as_bytes());
    format!("{input}.{}", b64(&signature.to_vec()))
}

/// A good client assertion for INT.
fn assertion() -> String {
    jwt::sign_pem(
        KEY,
        &SignRequest::new("test-1", API_KEY, Environment::Int, NOW),
    )
    .expect("signs")
    .token
}

fn id_header() -> Value {
    json!({"typ": "JWT", "kid": "cis2-key-1", "alg": "RS256"})
}

/// A CIS2 ID token's claims for INT (the user's identity left out: the server reads none of it).
fn id_claims() -> Value {
    json!({
        "iss": CIS2_ISSUER_INT,
        "aud": "my-cis2-client-id",
        "sub": "910000000001",
        "exp": NOW + 300,
        "iat": NOW - 5,
        "auth_time": NOW - 5,
        "acr": "AAL3_ANY",
    })
}

fn id_token() -> String {
    forge_rs256(&id_header(), &id_claims())
}

/// A token-exchange form body with the given fields (in this order); `None` leaves one out.
fn form(fields: &[(&str, Option<&str>)]) -> String {
    fields
        .iter()
        .filter_map(|(name, value)| value.map(|v| format!("{name}={}", encode(v))))
        .collect::<Vec<_>>()
        .join("&")
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The usual token-exchange fields, `assertion` and `subject` as given.
fn exchange(assertion: Option<&str>, subject: Option<&str>) -> String {
    form(&[
        ("grant_type", Some(EXCHANGE)),
        ("subject_token_type", Some(ID_TOKEN)),
        ("client_assertion_type", Some(CLIENT_TYPE)),
        ("client_assertion", assertion),
        ("subject_token", subject),
    ])
}

fn check(request: &str) -> RequestReport {
    jwt::check_token_request(
        request,
        JWKS,
        Some(Environment::Int),
        Some(API_KEY),
        IdTokenIssuer::Cis2,
        NOW,
    )
}

fn answer(report: &RequestReport) -> Option<(u16, &'static str)> {
    report.server_answer.map(|a| (a.status, a.message))
}

#[test]
fn a_correct_token_exchange_is_accepted_and_what_cannot_be_checked_is_said() {
    let report = check(&exchange(Some(&assertion()), Some(&id_token())));
    assert_eq!(answer(&report), None, "{:?}", report.codes());
    assert!(report.is_valid(), "{:?}", report.codes());
    assert_eq!(report.grant, Some(Grant::TokenExchange));
    assert!(report.jti_used_up);
    let subject = report.subject.as_ref().expect("the ID token is checked");
    assert_eq!(subject.issued_by, Some(IdTokenIssuer::Cis2));
    assert_eq!(subject.expires_in, Some(300));
    assert_eq!(subject.not_checked.len(), 2, "{:?}", subject.not_checked);
    assert!(
        subject.not_checked[0].contains("signature")
            && subject.not_checked[0].contains("cannot be checked offline")
    );
    assert!(subject.not_checked[1].contains("client ID NHS CIS2 issued"));
    // Only the claims the server reads are kept: never the user's identity.
    let claims = subject.claims.as_ref().expect("claims");
    assert_eq!(claims.keys().collect::<Vec<_>>(), ["aud", "exp", "iss"]);
    // A client-credentials request is still one.
    let cc = format!(
        "grant_type=client_credentials&client_assertion_type={CLIENT_TYPE}&client_assertion={}",
        assertion()
    );
    let report = check(&cc);
    assert!(report.is_valid(), "{:?}", report.codes());
    assert_eq!(report.grant, Some(Grant::ClientCredentials));
    assert!(report.subject.is_none());
}

/// Each step of the token-exchange order: the request (with one thing changed) and the code,
/// the message and the status the server answers first.
#[test]
fn each_step_of_the_token_exchange_in_the_servers_exact_words() {
    let a = assertion();
    let a = a.as_str();
    let good = id_token();
    let with_header = |patch: Value| {
        let mut h = id_header();
        for (k, v) in patch.as_object().expect("object") {
            if v.is_null() {
                h.as_object_mut().expect("object").remove(k);
            } else {
                h[k] = v.clone();
            }
        }
        forge_rs256(&h, &id_claims())
    };
    let with_claims = |patch: Value| {
        let mut c = id_claims();
        for (k, v) in patch.as_object().expect("object") {
            if v == &json!("<absent>") {
                c.as_object_mut().expect("object").remove(k);
            } else {
                c[k] = v.clone();
            }
        }
        forge_rs256(&id_header(), &c)
    };
    let expired_assertion = forge_assertion(
        &json!({"alg": "RS512", "typ": "JWT", "kid": "test-1"}),
        &json!({"iss": API_KEY, "sub": API_KEY, "aud": INT, "jti": "j-1", "exp": NOW - 1}),
    );
    type Case = (&'static str, String, &'static str, u16, &'static str);
    let cases: Vec<Case> = vec![
        (
            "client_assertion_type first",
            form(&[
                ("grant_type", Some(EXCHANGE)),
                ("subject_token_type", Some(ID_TOKEN)),
                ("client_assertion", Some(a)),
                ("subject_token", Some(&good)),
            ]),
            codes::ASSERTION_TYPE.code,
            400,
            "Missing or invalid client_assertion_type - must be 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'",
        ),
        (
            "grant_type client_credentials with an ID token",
            form(&[
                ("grant_type", Some("client_credentials")),
                ("subject_token_type", Some(ID_TOKEN)),
                ("client_assertion_type", Some(CLIENT_TYPE)),
                ("client_assertion", Some(a)),
                ("subject_token", Some(&good)),
            ]),
            codes::GRANT_TYPE.code,
            400,
            "grant_type is invalid",
        ),
        (
            "no grant_type in a token exchange",
            form(&[
                ("subject_token_type", Some(ID_TOKEN)),
                ("client_assertion_type", Some(CLIENT_TYPE)),
                ("client_assertion", Some(a)),
                ("subject_token", Some(&good)),
            ]),
            codes::GRANT_TYPE.code,
            400,
            "grant_type is invalid",
        ),
        (
            "subject_token_type missing",
            form(&[
                ("grant_type", Some(EXCHANGE)),
                ("client_assertion_type", Some(CLIENT_TYPE)),
                ("client_assertion", Some(a)),
                ("subject_token", Some(&good)),
            ]),
            codes::SUBJECT_TOKEN_TYPE.code,
            400,
            "missing or invalid subject_token_type - must be 'urn:ietf:params:oauth:token-type:id_token'",
        ),
        (
            "the assertion before the ID token",
            exchange(Some(&expired_assertion), Some("not a token")),
            codes::EXPIRED.code,
            400,
            "Invalid 'exp' claim in client_assertion JWT - JWT has expired",
        ),
        (
            "no subject_token",
            exchange(Some(a), None),
            codes::SUBJECT_MISSING.code,
            400,
            "Missing subject_token",
        ),
        (
            "neither client_assertion nor subject_token: the later fault rule",
            exchange(None, None),
            codes::SUBJECT_MISSING.code,
            400,
            "Missing subject_token",
        ),
        (
            "no client_assertion",
            exchange(None, Some(&good)),
            codes::ASSERTION_MISSING.code,
            400,
            "Missing client_assertion",
        ),
        (
            "not a JWT",
            exchange(Some(a), Some("invalid")),
            codes::SUBJECT_MALFORMED.code,
            400,
            "Malformed JWT in subject_token",
        ),
        (
            "the curl command's placeholder",
            exchange(Some(a), Some(jwt::ID_TOKEN_PLACEHOLDER)),
            codes::SUBJECT_MALFORMED.code,
            400,
            "Malformed JWT in subject_token",
        ),
        (
            "kid missing",
            exchange(Some(a), Some(&with_header(json!({"kid": null})))),
            codes::SUBJECT_KID.code,
            400,
            "Missing 'kid' header in subject_token JWT",
        ),
        (
            "kid empty",
            exchange(Some(a), Some(&with_header(json!({"kid": ""})))),
            codes::SUBJECT_KID.code,
            400,
            "Missing 'kid' header in subject_token JWT",
        ),
        (
            "typ not JWT",
            exchange(Some(a), Some(&with_header(json!({"typ": "at+jwt"})))),
            codes::SUBJECT_TYP.code,
            400,
            "Invalid 'typ' header in subject_token JWT - must be 'JWT'",
        ),
        (
            "typ not a string",
            exchange(Some(a), Some(&with_header(json!({"typ": ["JWT"]})))),
            codes::SUBJECT_TYP.code,
            400,
            "Invalid 'typ' header in subject_token JWT - must be 'JWT'",
        ),
        (
            "alg missing",
            exchange(Some(a), Some(&with_header(json!({"alg": null})))),
            codes::SUBJECT_ALG.code,
            400,
            "Missing 'alg' header in subject_token JWT",
        ),
        (
            "exp missing",
            exchange(Some(a), Some(&with_claims(json!({"exp": "<absent>"})))),
            codes::SUBJECT_EXP.code,
            400,
            "Missing 'exp' claim in subject_token JWT",
        ),
        (
            "exp 0 is missing",
            exchange(Some(a), Some(&with_claims(json!({"exp": 0})))),
            codes::SUBJECT_EXP.code,
            400,
            "Missing 'exp' claim in subject_token JWT",
        ),
        (
            "exp a string",
            exchange(
                Some(a),
                Some(&with_claims(json!({"exp": (NOW + 60).to_string()}))),
            ),
            codes::SUBJECT_EXP.code,
            400,
            "Invalid 'exp' claim in subject_token JWT - must be an integer",
        ),
        (
            "exp passed",
            exchange(Some(a), Some(&with_claims(json!({"exp": NOW - 60})))),
            codes::SUBJECT_EXPIRED.code,
            400,
            "Invalid 'exp' claim in subject_token JWT - JWT has expired",
        ),
        (
            "iss missing",
            exchange(Some(a), Some(&with_claims(json!({"iss": "<absent>"})))),
            codes::SUBJECT_ISS.code,
            400,
            "Missing 'iss' claim in subject_token JWT",
        ),
        (
            "aud missing: 401",
            exchange(Some(a), Some(&with_claims(json!({"aud": "<absent>"})))),
            codes::SUBJECT_AUD.code,
            401,
            "Missing 'aud' claim in subject_token JWT",
        ),
        (
            "aud empty: 401",
            exchange(Some(a), Some(&with_claims(json!({"aud": ""})))),
            codes::SUBJECT_AUD.code,
            401,
            "Missing 'aud' claim in subject_token JWT",
        ),
        (
            "iss another issuer",
            exchange(
                Some(a),
                Some(&with_claims(json!({"iss": "https://login.example.com"}))),
            ),
            codes::SUBJECT_ISSUER.code,
            400,
            "Missing or non-matching 'iss' claim in subject_token JWT",
        ),
        (
            "iss the PROD CIS2 issuer, sent to INT",
            exchange(
                Some(a),
                Some(&with_claims(json!({"iss": CIS2_ISSUER_PROD}))),
            ),
            codes::SUBJECT_ISSUER.code,
            400,
            "Missing or non-matching 'iss' claim in subject_token JWT",
        ),
        (
            "aud [\"\"]: after the issuer, 400",
            exchange(Some(a), Some(&with_claims(json!({"aud": [""]})))),
            codes::SUBJECT_AUD.code,
            400,
            "Missing 'aud' claim in subject_token JWT",
        ),
    ];
    for (name, request, code, status, message) in cases {
        let report = check(&request);
        assert_eq!(
            answer(&report),
            Some((status, message)),
            "{name}: {:?}",
            report.codes()
        );
        assert!(
            report.codes().contains(&code),
            "{name}: {code} in {:?}",
            report.codes()
        );
        assert!(!report.is_valid(), "{name}");
    }
}

#[test]
fn findings_say_why_and_the_issuer_values_are_marked_unconfirmed() {
    let a = assertion();
    let prod_cis2 = forge_rs256(&id_header(), &{
        let mut c = id_claims();
        c["iss"] = json!(CIS2_ISSUER_PROD);
        c
    });
    let report = check(&exchange(Some(&a), Some(&prod_cis2)));
    let subject = report.subject.expect("subject");
    let finding = &subject.findings[0];
    assert_eq!(finding.code, codes::SUBJECT_ISSUER);
    assert_eq!(finding.part(), Some("subject_token.claims.iss"));
    assert!(
        finding.message.contains("unconfirmed"),
        "{}",
        finding.message
    );
    assert!(
        finding
            .help
            .as_deref()
            .is_some_and(|h| h.contains("NHS CIS2's issuer for PROD")),
        "{:?}",
        finding.help
    );

    // NHS login's issuer when CIS2 was chosen: the server takes either, so a warning.
    let login = forge_rs256(&id_header(), &{
        let mut c = id_claims();
        c["iss"] = json!(NHS_LOGIN_ISSUER_INT);
        c
    });
    let report = check(&exchange(Some(&a), Some(&login)));
    assert!(report.is_valid(), "{:?}", report.codes());
    let subject = report.subject.expect("subject");
    assert_eq!(subject.issued_by, Some(IdTokenIssuer::NhsLogin));
    assert_eq!(subject.findings[0].code, codes::SUBJECT_ISSUER);
    assert_eq!(subject.findings[0].severity, Severity::Warning);

    // A sandbox request: the issuer is not compared, and that is said.
    let report = jwt::check_token_request(
        &exchange(Some(&a), Some(&id_token())),
        JWKS,
        Some(Environment::Sandbox),
        None,
        IdTokenIssuer::Cis2,
        NOW,
    );
    let subject = report.subject.expect("subject");
    assert!(
        subject.not_checked.iter().any(|n| n.contains("not public")),
        "{:?}",
        subject.not_checked
    );
    assert!(
        subject
            .findings
            .iter()
            .all(|f| f.code != codes::SUBJECT_ISSUER)
    );

    // An HS256 ID token passes the claim script; the signature check takes RS256/RS512 only.
    let hs = forge_rs256(
        &json!({"typ": "JWT", "kid": "k", "alg": "HS256"}),
        &id_claims(),
    );
    let report = check(&exchange(Some(&a), Some(&hs)));
    assert_eq!(answer(&report), None);
    let subject = report.subject.expect("subject");
    assert_eq!(subject.findings[0].code, codes::SUBJECT_ALG);
    assert_eq!(subject.findings[0].severity, Severity::Warning);
}

#[test]
fn an_unsigned_client_assertion_is_answered_as_the_server_answers_it() {
    let claims = json!({"iss": API_KEY, "sub": API_KEY, "aud": INT, "jti": "j-1", "exp": NOW + 60});
    let unsigned = |header: Value| {
        format!(
            "{}.{}.",
            b64(header.to_string().as_bytes()),
            b64(claims.to_string().as_bytes())
        )
    };
    let none = unsigned(json!({"alg": "none", "typ": "JWT", "kid": "test-1"}));
    let report = jwt::check(&CheckRequest::new(&none, JWKS, NOW));
    let first = report.server_answer.expect("refused");
    assert_eq!(
        (first.status, first.message),
        (
            400,
            "Invalid 'alg' header in client_assertion JWT - unsupported JWT algorithm - must be 'RS512'"
        )
    );
    assert_eq!(report.server_step, Some(Step::Alg));
    let alg = report
        .findings
        .iter()
        .find(|f| f.code == codes::ALG)
        .expect("alg finding");
    assert_eq!(
        alg.help.as_deref(),
        Some(
            "An unsigned token ('none') is never accepted: sign it with RS512 and your private key."
        )
    );
    // The empty signature is still said, with the same explanation as before.
    let empty = report
        .findings
        .iter()
        .find(|f| f.code == codes::SIGNATURE)
        .expect("signature finding");
    assert_eq!(
        empty.message,
        "JWT signature verification failed (the signature part is empty)."
    );
    assert!(
        empty
            .help
            .as_deref()
            .is_some_and(|h| h.starts_with("The token is unsigned"))
    );
    assert!(!report.codes().contains(&codes::MALFORMED.code));
    assert!(!report.codes().contains(&codes::BASE64URL.code));

    // RS512 in the header but no signature: every claim check passes, the signature check
    // answers (after the jti is cached).
    let rs512 = unsigned(json!({"alg": "RS512", "typ": "JWT", "kid": "test-1"}));
    let report = jwt::check(&CheckRequest::new(&rs512, JWKS, NOW));
    let first = report.server_answer.expect("refused");
    assert_eq!(
        (first.status, first.message),
        (401, "JWT signature verification failed")
    );
    assert!(report.jti_used_up);

    // In a token request too.
    let request = format!(
        "grant_type=client_credentials&client_assertion_type={CLIENT_TYPE}&client_assertion={none}"
    );
    let report = check(&request);
    assert_eq!(
        answer(&report),
        Some((
            400,
            "Invalid 'alg' header in client_assertion JWT - unsupported JWT algorithm - must be 'RS512'"
        ))
    );
}

#[test]
fn signing_for_a_token_exchange_gives_its_curl_command() {
    let request = SignRequest {
        grant: Grant::TokenExchange,
        ..SignRequest::new("test-1", API_KEY, Environment::Int, NOW)
    };
    let signed = jwt::sign_pem(KEY, &request).expect("signs");
    assert_eq!(signed.grant, Grant::TokenExchange);
    for field in [
        format!("'grant_type={EXCHANGE}'"),
        format!("'subject_token_type={ID_TOKEN}'"),
        format!("'client_assertion_type={CLIENT_TYPE}'"),
        format!("'client_assertion={}'", signed.token),
        format!("'subject_token={}'", jwt::ID_TOKEN_PLACEHOLDER),
    ] {
        assert!(signed.curl.contains(&field), "{field} in {}", signed.curl);
    }
    // The curl command, with the ID token pasted in, is accepted; as it is, the placeholder is
    // named.
    let pasted = signed.curl.replace(jwt::ID_TOKEN_PLACEHOLDER, &id_token());
    let report = check(&pasted);
    assert!(report.is_valid(), "{:?}", report.codes());
    let report = check(&signed.curl);
    let subject = report.subject.expect("subject");
    assert!(subject.findings[0].message.contains("placeholder"));
    // The same assertion as for client credentials: only the curl command differs.
    let cc = jwt::sign_pem(
        KEY,
        &SignRequest {
            jti: Some(&signed.claims.jti),
            ..SignRequest::new("test-1", API_KEY, Environment::Int, NOW)
        },
    )
    .expect("signs");
    assert_eq!(cc.token, signed.token);
}

mod server_order {
    //! The subject-token order re-implemented here from FACTS §5b (and SelectIdTokenIssuer.js),
    //! independently of the crate, and compared with our first answer for generated headers and
    //! claims of every JSON type.

    use super::*;
    use proptest::prelude::*;

    /// JavaScript `!!v`.
    fn truthy(v: Option<&Value>) -> bool {
        match v {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0),
            Some(Value::String(s)) => !s.is_empty(),
            Some(_) => true,
        }
    }

    /// FACTS §5b, step by step: (status, message) of the first failure, or none.
    fn expected(
        header: &Map<String, Value>,
        claims: &Map<String, Value>,
        now: u64,
    ) -> Option<(u16, &'static str)> {
        let h = |k: &str| header.get(k);
        let c = |k: &str| claims.get(k);
        if !truthy(h("kid")) {
            return Some((400, "Missing 'kid' header in subject_token JWT"));
        }
        let typ = h("typ").and_then(Value::as_str);
        if typ.is_none_or(|t| t.to_lowercase() != "jwt") {
            return Some((
                400,
                "Invalid 'typ' header in subject_token JWT - must be 'JWT'",
            ));
        }
        if !truthy(h("alg")) {
            return Some((400, "Missing 'alg' header in subject_token JWT"));
        }
        if !truthy(c("exp")) {
            return Some((400, "Missing 'exp' claim in subject_token JWT"));
        }
        let Some(exp) = c("exp").and_then(Value::as_f64) else {
            return Some((
                400,
                "Invalid 'exp' claim in subject_token JWT - must be an integer",
            ));
        };
        // `new Date() > new Date(exp * 1000)`, the check made within the second `now`.
        let ms = exp * 1000.0;
        if ms.abs() <= 8.64e15 && (now as f64) * 1000.0 >= ms.trunc() {
            return Some((
                400,
                "Invalid 'exp' claim in subject_token JWT - JWT has expired",
            ));
        }
        if !truthy(c("iss")) {
            return Some((400, "Missing 'iss' claim in subject_token JWT"));
        }
        if !truthy(c("aud")) {
            return Some((401, "Missing 'aud' claim in subject_token JWT"));
        }
        // SelectIdTokenIssuer.js: INT's CIS2 or NHS login issuer, exactly.
        let iss = c("iss").and_then(Value::as_str);
        if !matches!(iss, Some(CIS2_ISSUER_INT | NHS_LOGIN_ISSUER_INT)) {
            return Some((
                400,
                "Missing or non-matching 'iss' claim in subject_token JWT",
            ));
        }
        if c("aud") == Some(&json!([""])) {
            return Some((400, "Missing 'aud' claim in subject_token JWT"));
        }
        None
    }

    fn any_value(special: Vec<Value>) -> impl Strategy<Value = Option<Value>> {
        let mut pool = vec![
            Value::Null,
            json!(true),
            json!(false),
            json!(0),
            json!(1),
            json!(-3),
            json!(0.5),
            json!(""),
            json!("x"),
            json!([]),
            json!([""]),
            json!(["x"]),
            json!({}),
            json!({"a": 1}),
        ];
        pool.extend(special);
        proptest::option::weighted(0.85, proptest::sample::select(pool))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn our_first_answer_is_the_servers(
            kid in any_value(vec![json!("cis2-key-1"), json!("cis2-key-1")]),
            typ in any_value(vec![json!("JWT"), json!("JWT"), json!("jwt"), json!("at+jwt")]),
            alg in any_value(vec![json!("RS256"), json!("RS256"), json!("RS512"), json!("none")]),
            exp in any_value(vec![
                json!(NOW + 300), json!(NOW + 300), json!(NOW), json!(NOW - 1),
                json!((NOW + 60) as f64 + 0.5), json!((NOW + 60).to_string()), json!(1e300),
            ]),
            iss in any_value(vec![
                json!(CIS2_ISSUER_INT), json!(CIS2_ISSUER_INT), json!(NHS_LOGIN_ISSUER_INT),
                json!(CIS2_ISSUER_PROD), json!([CIS2_ISSUER_INT]),
            ]),
            aud in any_value(vec![json!("my-cis2-client-id"), json!("my-cis2-client-id"), json!(["c"])]),
            issuer in proptest::sample::select(IdTokenIssuer::ALL.to_vec()),
        ) {
            let mut header = Map::new();
            let mut claims = Map::new();
            for (name, value) in [("kid", kid), ("typ", typ), ("alg", alg)] {
                if let Some(v) = value { header.insert(name.into(), v); }
            }
            for (name, value) in [("exp", exp), ("iss", iss), ("aud", aud)] {
                if let Some(v) = value { claims.insert(name.into(), v); }
            }
            let token = forge_rs256(&Value::Object(header.clone()), &Value::Object(claims.clone()));
            let report = jwt::check_token_request(
                &exchange(Some(&assertion()), Some(&token)),
                JWKS,
                Some(Environment::Int),
                Some(API_KEY),
                issuer,
                NOW,
            );
            let ours = report.server_answer.map(|a| (a.status, a.message));
            let theirs = expected(&header, &claims, NOW);
            prop_assert_eq!(ours, theirs, "header {:?} claims {:?}", header, claims);
            // An answer means an error finding; no answer, none.
            prop_assert_eq!(theirs.is_none(), report.is_valid(), "{:?}", report.codes());
            // Every subject-token answer comes after the assertion's jti is cached.
            prop_assert!(report.jti_used_up);
        }
    }
}
