//! The go-live pack: checklist data, findings (exact codes), imports and exports (exact text).
#![cfg(feature = "serde")]

use ers_rules::golive::{
    self, ApplicationInput, CHECKLIST, Field, KidNote, KidProblem, PackRequest, UrlProblem,
    apply_details, check_callback_url, check_jwks_url, check_kid, codes, is_asid, is_uuid_v4,
    kid_file_name, pack, parse_details_csv, request_from_plan_json,
};
use ers_rules::plan::{self, Access, Euo, PlanRequest};
use ers_rules::{AccessMode, Capability};

const UR_NAME: &str = "Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted";

/// A complete, valid user-restricted application.
fn good() -> ApplicationInput {
    ApplicationInput {
        name: UR_NAME.into(),
        environment: "prod".into(),
        access_mode: "user-restricted".into(),
        organisation: "Leeds Teaching Hospitals".into(),
        ods_code: "RR8".into(),
        asid: "200000001234".into(),
        app_id: "5a0f1c2e-1111-4000-8000-000000000001".into(),
        api_key: "Xk3uV9pQ2mT7rL1sW8yN4bC6dF0gH5jA".into(),
        kid: "prod-1".into(),
        jwks_url: "https://keys.carevista.example.com/ers/jwks.json".into(),
        callback_url: "https://app.carevista.example.com/ers/callback".into(),
        ..Default::default()
    }
}

fn codes_of(request: &PackRequest) -> Vec<(Option<usize>, &'static str)> {
    pack(request)
        .findings
        .iter()
        .map(|f| (f.context.application, f.code))
        .collect()
}

fn one(app: ApplicationInput) -> PackRequest {
    PackRequest {
        applications: vec![app],
        ..Default::default()
    }
}

#[test]
fn checklist_is_stage_4_in_order() {
    let numbers: Vec<&str> = CHECKLIST.iter().map(|s| s.number).collect();
    assert_eq!(
        numbers,
        [
            "4.11", "4.12", "4.13", "4.14", "4.15", "4.16", "4.17", "4.2", "4.3", "4.4"
        ]
    );
    let per_app: Vec<&str> = CHECKLIST
        .iter()
        .filter(|s| s.per_application)
        .map(|s| s.number)
        .collect();
    assert_eq!(per_app, ["4.12", "4.13", "4.14", "4.15", "4.16", "4.2"]);
    assert_eq!(
        golive::step("4.3").map(|s| s.title),
        Some("Send your AppID")
    );
    assert_eq!(golive::step("4.5"), None);
}

#[test]
fn a_complete_application_has_no_finding() {
    let p = pack(&one(good()));
    assert_eq!(p.findings, []);
    assert!(p.complete);
    assert_eq!(p.totals.ready, 1);
    assert_eq!(
        p.applications[0].api,
        "e-Referral Service - Healthcare Worker"
    );
    assert_eq!(
        p.applications[0].access_mode,
        Some(AccessMode::UserRestricted)
    );
}

#[test]
fn findings_for_one_application() {
    type Change = fn(&mut ApplicationInput);
    let cases: &[(&str, Change, &[&str])] = &[
        (
            "nothing filled in",
            |a| {
                a.app_id.clear();
                a.api_key.clear();
                a.kid.clear();
                a.jwks_url = "  ".into();
            },
            &[
                codes::APP_ID_MISSING.code,
                codes::API_KEY_MISSING.code,
                codes::KID_MISSING.code,
                codes::JWKS_URL_MISSING.code,
            ],
        ),
        (
            "INT environment",
            |a| a.environment = "INT".into(),
            &[codes::NOT_PROD.code],
        ),
        (
            "unknown environment",
            |a| a.environment = "staging".into(),
            &[codes::NOT_PROD.code],
        ),
        ("empty environment is PROD", |a| a.environment.clear(), &[]),
        (
            "no access mode",
            |a| a.access_mode.clear(),
            &[codes::ACCESS_MODE.code],
        ),
        (
            "NHS spelling of access mode",
            |a| a.access_mode = "User Restricted".into(),
            &[],
        ),
        (
            "wrong API",
            |a| a.api = "e-Referral Service - Application Restricted".into(),
            &[codes::API_MISMATCH.code],
        ),
        (
            "capability on user-restricted",
            |a| a.capability = "referrer".into(),
            &[codes::CAPABILITY.code],
        ),
        (
            "unknown capability",
            |a| a.capability = "sender".into(),
            &[codes::CAPABILITY.code],
        ),
        (
            "app-restricted without capability",
            |a| {
                a.access_mode = "application-restricted".into();
                a.name = "Acme - Acme Medical System - PROD - e-Referral Service, Application-Restricted".into();
            },
            &[codes::CAPABILITY_MISSING.code],
        ),
        (
            "name for the other access mode",
            |a| a.access_mode = "application-restricted".into(),
            &[codes::CAPABILITY_MISSING.code, codes::NAME_INVALID.code],
        ),
        (
            "INT name",
            |a| {
                a.name = "Care Vista - Care Vista Link - INT - e-Referral Service, User Restricted"
                    .into()
            },
            &[codes::NAME_INVALID.code],
        ),
        (
            "empty name",
            |a| a.name = " ".into(),
            &[codes::NAME_EMPTY.code],
        ),
        (
            "kid too long: the server takes it, a warning",
            |a| a.kid = "k".repeat(65),
            &[codes::KID_UNUSUAL.code],
        ),
        ("kid 64 long", |a| a.kid = "k".repeat(64), &[]),
        (
            "kid with a space, as NHS hosts in PROD",
            |a| a.kid = "Prod one".into(),
            &[codes::KID_UNUSUAL.code],
        ),
        (
            "kid non-ASCII",
            |a| a.kid = "clé-1".into(),
            &[codes::KID_UNUSUAL.code],
        ),
        ("kid with a colon", |a| a.kid = "urn:key:1".into(), &[]),
        ("kid with a slash", |a| a.kid = "a/b".into(), &[]),
        (
            "AppID not a UUID",
            |a| a.app_id = "app-1".into(),
            &[codes::APP_ID_FORM.code],
        ),
        (
            "AppID a UUID v1",
            |a| a.app_id = "5a0f1c2e-1111-1000-8000-000000000001".into(),
            &[codes::APP_ID_FORM.code],
        ),
        (
            "AppID in capitals",
            |a| a.app_id = "5A0F1C2E-1111-4000-B000-00000000000A".into(),
            &[],
        ),
        ("no ASID: optional", |a| a.asid.clear(), &[]),
        (
            "ASID of 11 digits",
            |a| a.asid = "20000000123".into(),
            &[codes::ASID_FORM.code],
        ),
        (
            "ASID with spaces",
            |a| a.asid = "2000 0000 1234".into(),
            &[codes::ASID_FORM.code],
        ),
        (
            "ASID an ODS code",
            |a| a.asid = "RR8".into(),
            &[codes::ASID_FORM.code],
        ),
        (
            "JWKS URL without a path",
            |a| a.jwks_url = "https://keys.example.com".into(),
            &[codes::JWKS_URL_NO_PATH.code],
        ),
        (
            "JWKS URL with only a query",
            |a| a.jwks_url = "https://keys.example.com?jwks".into(),
            &[codes::JWKS_URL_NO_PATH.code],
        ),
        (
            "JWKS URL with the root path",
            |a| a.jwks_url = "https://keys.example.com/".into(),
            &[],
        ),
        (
            "http JWKS URL without a path",
            |a| a.jwks_url = "http://keys.example.com".into(),
            &[codes::JWKS_URL_NOT_HTTPS.code, codes::JWKS_URL_NO_PATH.code],
        ),
        (
            "http JWKS URL",
            |a| a.jwks_url = "http://keys.example.com/jwks.json".into(),
            &[codes::JWKS_URL_NOT_HTTPS.code],
        ),
        (
            "localhost JWKS URL",
            |a| a.jwks_url = "https://localhost:8443/jwks.json".into(),
            &[codes::JWKS_URL_NOT_PUBLIC.code],
        ),
        (
            "private JWKS URL",
            |a| a.jwks_url = "https://192.168.1.20/jwks.json".into(),
            &[codes::JWKS_URL_NOT_PUBLIC.code],
        ),
        (
            "http and private JWKS URL",
            |a| a.jwks_url = "http://10.0.0.7:8080/jwks.json".into(),
            &[
                codes::JWKS_URL_NOT_HTTPS.code,
                codes::JWKS_URL_NOT_PUBLIC.code,
            ],
        ),
        (
            "JWKS URL without scheme",
            |a| a.jwks_url = "keys.example.com/jwks.json".into(),
            &[codes::JWKS_URL_MALFORMED.code],
        ),
    ];
    for (what, change, expected) in cases {
        let mut app = good();
        change(&mut app);
        let found: Vec<&str> = codes_of(&one(app)).into_iter().map(|(_, c)| c).collect();
        assert_eq!(&found, expected, "{what}");
    }
}

#[test]
fn findings_name_their_field_and_rule() {
    let mut app = good();
    app.jwks_url = "http://keys.example.net/jwks.json".into();
    app.app_id.clear();
    let p = pack(&one(app));
    let found: Vec<(Option<Field>, &str, &str)> = p
        .findings
        .iter()
        .map(|f| (Field::of(f), f.code, f.rule))
        .collect();
    assert_eq!(
        found,
        [
            (Some(Field::AppId), codes::APP_ID_MISSING.code, "4.3"),
            (Some(Field::JwksUrl), codes::JWKS_URL_NOT_HTTPS.code, "4.2"),
        ]
    );
    assert_eq!(
        p.findings[1].suggestion.as_deref(),
        Some("https://keys.example.net/jwks.json")
    );
    assert_eq!(p.applications[0].missing, [Field::AppId]);
    assert!(!p.complete);
}

#[test]
fn no_https_suggestion_for_an_address_the_token_server_cannot_reach() {
    for url in ["http://localhost/jwks.json", "http://10.0.0.5/jwks.json"] {
        let mut app = good();
        app.jwks_url = url.into();
        let p = pack(&one(app));
        let codes: Vec<&str> = p.findings.iter().map(|f| f.code).collect();
        assert_eq!(
            codes,
            [codes::JWKS_URL_NOT_HTTPS, codes::JWKS_URL_NOT_PUBLIC],
            "{url}"
        );
        assert!(
            p.findings.iter().all(|f| f.suggestion.is_none()),
            "{url}: https://… would be unreachable too"
        );
    }
}

#[test]
fn name_checker_suggestion_is_passed_on() {
    let mut app = good();
    app.name = "Care Vista - Care Vista Link - INT - e-Referral Service, User Restricted".into();
    let p = pack(&one(app));
    assert_eq!(p.findings[0].code, codes::NAME_INVALID);
    assert_eq!(p.findings[0].suggestion.as_deref(), Some(UR_NAME));
}

#[test]
fn duplicates_across_applications() {
    let a = good();
    let mut b = good();
    b.name =
        "Acme - Acme Medical System - PROD - e-Referral Service, Application-Restricted".into();
    b.access_mode = "application-restricted".into();
    b.capability = "provider".into();
    let request = PackRequest {
        applications: vec![a, b],
        ..Default::default()
    };
    assert_eq!(
        codes_of(&request),
        [
            (Some(1), codes::ASID_DUPLICATE.code),
            (Some(1), codes::APP_ID_DUPLICATE.code),
            (Some(1), codes::API_KEY_DUPLICATE.code),
            (Some(1), codes::KID_DUPLICATE.code),
        ]
    );
    let p = pack(&request);
    assert_eq!(p.findings[0].message, "Application 1 has the same ASID.");
    assert_eq!(
        p.findings[3].message,
        "Application 1 has the same kid at the same JWKS URL."
    );
    assert_eq!(p.totals.ready, 1);
    assert_eq!((p.totals.errors, p.totals.warnings), (3, 1));
    // 4.16 is one ASID per application: the tool does not tick it while two share one.
    let step = |n: &str| p.checklist.iter().find(|c| c.step.number == n).unwrap();
    assert!(!step("4.16").done);
    assert_eq!(
        step("4.16").note.as_deref(),
        Some(
            "1 application has the same ASID as another: each application is bound to its own (one-to-one)."
        )
    );
}

#[test]
fn empty_pack_is_an_error() {
    assert_eq!(
        codes_of(&PackRequest::default()),
        [(None, codes::NO_APPLICATIONS.code)]
    );
    assert!(!pack(&PackRequest::default()).complete);
}

#[test]
fn kid_rules() {
    let long = "k".repeat(65);
    // Kids as NHS-hosted JWKS hold them (FACTS §4): every non-empty one is taken.
    let cases: &[(&str, Result<Vec<KidNote>, KidProblem>)] = &[
        ("prod-1", Ok(vec![])),
        ("Q2xpZW50LWtleQ_abc-123", Ok(vec![])),
        ("urn:nhs:key:2025-03-01", Ok(vec![])),
        ("", Err(KidProblem::Empty)),
        ("Prod one", Ok(vec![KidNote::Space { position: 4 }])),
        (
            "tab\t",
            Ok(vec![KidNote::Control {
                ch: '\t',
                position: 3,
            }]),
        ),
        (
            "zero\u{200B}width",
            Ok(vec![KidNote::Control {
                ch: '\u{200B}',
                position: 4,
            }]),
        ),
        (
            "é",
            Ok(vec![KidNote::NonAscii {
                ch: 'é',
                position: 0,
            }]),
        ),
        (&long, Ok(vec![KidNote::Long { chars: 65 }])),
    ];
    for (kid, expected) in cases {
        assert_eq!(&check_kid(kid), expected, "{kid:?}");
    }
    assert_eq!(
        check_kid("lightbeam hie é").map(|n| n.len()),
        Ok(2),
        "one note of each kind"
    );
    assert_eq!(
        KidNote::Space { position: 4 }.reason(),
        "it holds a space at character 5; the token server takes it, but a space is easily lost or doubled when the kid is copied"
    );
}

#[test]
fn kid_file_names_are_safe_and_separate() {
    let long = "k".repeat(150);
    let cases: &[(&str, &str)] = &[
        ("prod-1", "prod-1"),
        ("test-1", "test-1"),
        ("Prod one", "Prod_one"),
        ("urn:key:1", "urn_key_1"),
        ("a/b\\c", "a_b_c"),
        (".hidden", "_hidden"),
        ("..", "_."),
        ("clé", "cl_"),
        ("CON", "_CON"),
        ("nul.x", "_nul.x"),
        ("com1", "_com1"),
        ("comet", "comet"),
    ];
    for (kid, file) in cases {
        assert_eq!(kid_file_name(kid), *file, "{kid:?}");
    }
    assert_eq!(kid_file_name(&long).len(), golive::KID_FILE_NAME_MAX_CHARS);
}

#[test]
fn app_id_and_asid_forms() {
    for (text, ok) in [
        ("5a0f1c2e-1111-4000-8000-000000000001", true),
        ("5A0F1C2E-1111-4000-9000-000000000001", true),
        ("5a0f1c2e-1111-4000-c000-000000000001", false),
        ("5a0f1c2e-1111-5000-8000-000000000001", false),
        ("5a0f1c2e11114000800000000000000001", false),
        ("{5a0f1c2e-1111-4000-8000-000000000001}", false),
        ("", false),
    ] {
        assert_eq!(is_uuid_v4(text), ok, "{text:?}");
    }
    for (text, ok) in [
        ("200000001234", true),
        ("000000000000", true),
        ("20000000123", false),
        ("2000000012345", false),
        ("20000000123a", false),
        ("２００００００００１２３", false),
    ] {
        assert_eq!(is_asid(text), ok, "{text:?}");
    }
}

#[test]
fn new_pack_findings_in_their_words() {
    let mut app = good();
    app.app_id = "Xk3uV9pQ2mT7rL1sW8yN4bC6dF0gH5jA".into();
    app.asid = "2000 0000 1234".into();
    app.kid = "Prod one".into();
    app.jwks_url = "https://keys.example.com".into();
    let p = pack(&one(app));
    type Seen<'a> = (&'a str, &'a str, Option<Field>, &'a str, Option<&'a str>);
    let got: Vec<Seen> = p
        .findings
        .iter()
        .map(|f| {
            (
                f.code,
                f.severity.as_str(),
                Field::of(f),
                f.message.as_str(),
                f.suggestion.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                codes::ASID_FORM.code,
                "error",
                Some(Field::Asid),
                "The ASID `2000 0000 1234` is not a 12-digit number (14 characters, not all digits).",
                Some("200000001234"),
            ),
            (
                codes::APP_ID_FORM.code,
                "warning",
                Some(Field::AppId),
                "The AppID `Xk3uV9pQ2mT7rL1sW8yN4bC6dF0gH5jA` is not a UUID v4 (like 5a0f1c2e-1111-4000-8000-000000000001).",
                None,
            ),
            (
                codes::KID_UNUSUAL.code,
                "warning",
                Some(Field::Kid),
                "An unusual kid: it holds a space at character 5; the token server takes it, but a space is easily lost or doubled when the kid is copied.",
                None,
            ),
            (
                codes::JWKS_URL_NO_PATH.code,
                "error",
                Some(Field::JwksUrl),
                "The JWKS URL has no path after its host.",
                None,
            ),
        ]
    );
    let kid_help = p.findings[2].help.as_deref().unwrap_or("");
    assert!(
        kid_help.ends_with(
            "its key files are named `Prod_one.pem`, `Prod_one.pem.pub` and `Prod_one.json`."
        ),
        "{kid_help}"
    );
    assert!(
        p.findings[3]
            .help
            .as_deref()
            .unwrap_or("")
            .contains("The JWKS endpoint, for your client_assertion can't be reached")
    );
    assert_eq!(
        [p.findings[0].rule, p.findings[1].rule, p.findings[2].rule],
        ["4.16", "4.3", "4.2"]
    );
    assert!(!p.complete);
}

#[test]
fn jwks_url_rules() {
    let public = Ok(());
    let not_public = |host: &str, why: &'static str| {
        Err(UrlProblem::NotPublic {
            host: host.into(),
            why,
        })
    };
    let cases: Vec<(&str, Result<(), UrlProblem>)> = vec![
        ("https://keys.example.com/jwks.json", public.clone()),
        ("https://keys.example.com/", public.clone()),
        ("https://keys.example.com", Err(UrlProblem::NoPath)),
        ("https://keys.example.com:443", Err(UrlProblem::NoPath)),
        ("https://keys.example.com#x", Err(UrlProblem::NoPath)),
        ("https://[2a00:1450::1]", Err(UrlProblem::NoPath)),
        ("HTTPS://keys.example.com:8443/a?b#c", public.clone()),
        ("https://8.8.8.8/jwks", public.clone()),
        ("https://[2a00:1450::1]/jwks", public.clone()),
        (
            "http://keys.example.com/jwks.json",
            Err(UrlProblem::NotHttps("http".into())),
        ),
        (
            "ftp://keys.example.com/jwks.json",
            Err(UrlProblem::NotHttps("ftp".into())),
        ),
        (
            "https://localhost/jwks.json",
            not_public("localhost", "this computer (localhost)"),
        ),
        (
            "https://api.localhost/jwks.json",
            not_public("api.localhost", "this computer (localhost)"),
        ),
        (
            "https://127.0.0.1/jwks.json",
            not_public("127.0.0.1", "this computer (a loopback address)"),
        ),
        (
            "https://[::1]:8443/jwks.json",
            not_public("::1", "this computer (a loopback address)"),
        ),
        (
            "https://10.0.0.1/jwks.json",
            not_public("10.0.0.1", "a private (RFC 1918) address"),
        ),
        (
            "https://172.16.5.4/jwks.json",
            not_public("172.16.5.4", "a private (RFC 1918) address"),
        ),
        ("https://172.32.5.4/jwks.json", public.clone()),
        (
            "https://169.254.1.1/jwks.json",
            not_public("169.254.1.1", "a link-local address"),
        ),
        (
            "https://100.64.0.1/jwks.json",
            not_public("100.64.0.1", "a carrier-grade NAT (RFC 6598) address"),
        ),
        (
            "https://[fd00::1]/jwks.json",
            not_public("fd00::1", "a unique local (private) IPv6 address"),
        ),
        (
            "https://[::ffff:192.168.0.1]/jwks",
            not_public("::ffff:192.168.0.1", "a private (RFC 1918) address"),
        ),
        (
            "https://keys.corp.internal/jwks.json",
            not_public("keys.corp.internal", "a local-network name"),
        ),
        (
            "https://nas.local/jwks.json",
            not_public("nas.local", "a local-network name"),
        ),
        (
            "https://jwks-server/jwks.json",
            not_public(
                "jwks-server",
                "a name without a domain, which only a local network can resolve",
            ),
        ),
        (
            "https:///jwks.json",
            Err(UrlProblem::Malformed("it has no host")),
        ),
        (
            "keys.example.com/jwks.json",
            Err(UrlProblem::Malformed(
                "it has no scheme: it should start with https://",
            )),
        ),
        (
            "https://keys.example.com/my jwks.json",
            Err(UrlProblem::Malformed("it holds a space or a line break")),
        ),
        (
            "https://user:pw@keys.example.com/jwks.json",
            Err(UrlProblem::Malformed(
                "it holds a user name or password before the host",
            )),
        ),
        (
            "https://keys.example.com:port/jwks.json",
            Err(UrlProblem::Malformed("its port is not a number")),
        ),
    ];
    for (url, expected) in cases {
        assert_eq!(check_jwks_url(url), expected, "{url}");
    }
}

fn planned() -> String {
    let mut request = PlanRequest::new("Care Vista Link");
    request.supplier = Some("Care Vista".into());
    request.euos = vec![Euo::new("Leeds Teaching Hospitals", Some("RR8"))];
    request.access = vec![
        Access::UserRestricted,
        Access::ApplicationRestricted(Capability::Referrer),
    ];
    let plan = plan::plan(&request).expect("the plan is made");
    plan::to_json(&plan).expect("the plan serialises")
}

#[test]
fn pack_from_plan_json_lists_what_is_missing() {
    let request = request_from_plan_json(&planned()).unwrap();
    assert_eq!(request.product, "Care Vista Link");
    assert_eq!(request.applications.len(), 2);
    assert_eq!(request.applications[1].capability, "referrer");
    assert_eq!(request.applications[1].ods_code, "RR8");
    let found = codes_of(&request);
    let mut expected = Vec::new();
    for i in 0..2 {
        for code in [
            codes::APP_ID_MISSING,
            codes::API_KEY_MISSING,
            codes::KID_MISSING,
            codes::JWKS_URL_MISSING,
        ] {
            expected.push((Some(i), code.code));
        }
        if i == 0 {
            // The user-restricted one needs its callback URL too.
            expected.push((Some(i), codes::CALLBACK_URL_MISSING.code));
        }
    }
    assert_eq!(found, expected);
}

#[test]
fn pack_from_a_plan_reads_each_name_of_the_record() {
    // One record, one reader: the plan's snake_case, the page's camelCase, nothing else.
    let json = r#"{"product":"P","applications":[{"name":"x","environment":"prod",
        "access_mode":"application-restricted","capability":"provider","ods_code":"A1",
        "organisation":"Org","asid_index":0,"key_pairs":1}]}"#;
    let request = request_from_plan_json(json).unwrap();
    assert_eq!(
        request.applications[0].access_mode,
        "application-restricted"
    );
    assert_eq!(request.applications[0].ods_code, "A1");
    let camel = json.replace("access_mode", "accessMode");
    let request = request_from_plan_json(&camel).unwrap();
    assert_eq!(
        request.applications[0].access_mode,
        "application-restricted"
    );
    let other = json.replace("access_mode", "mode");
    let request = request_from_plan_json(&other).unwrap();
    assert_eq!(request.applications[0].access_mode, "");
}

#[test]
fn plan_json_errors() {
    for text in ["", "[]", "{\"product\":\"x\"}", "not json"] {
        let err = request_from_plan_json(text).unwrap_err();
        assert_eq!(err.code(), "invalid", "{text:?}");
    }
}

#[test]
fn details_csv_fills_the_plan() {
    let mut request = request_from_plan_json(&planned()).unwrap();
    let ur = request.applications[0].name.clone();
    let ar = request.applications[1].name.clone();
    const A1: &str = "5a0f1c2e-1111-4000-8000-000000000001";
    const A2: &str = "5a0f1c2e-1111-4000-8000-000000000002";
    let csv = format!(
        "\u{FEFF}kid;JWKS URL;Application name;AppID;API key;ASID;Callback URL\r\n\
         prod-1;https://keys.example.com/jwks.json;{ur};{A1};key-1;200000000001;https://app.example.com/ers/callback\r\n\
         ;;Nobody;x;y\r\n\
         ;;\r\n\
         prod-2;https://keys.example.com/jwks.json;\"{ar}\";{A2};key-2\r\n\
         prod-3;;{ur};app-9;key-9;200000000009\r\n"
    );
    let details = parse_details_csv(&csv);
    assert_eq!(details.problems, []);
    assert_eq!(details.rows.len(), 4);
    assert_eq!(details.rows[0].line, 2);
    assert_eq!(details.rows[0].details.asid, "200000000001");
    assert_eq!(details.rows[2].details.asid, "");
    let found: Vec<(&str, String)> = apply_details(&mut request, &details)
        .iter()
        .map(|f| (f.code, f.message.clone()))
        .collect();
    assert_eq!(
        found,
        [
            (
                codes::DETAILS_UNKNOWN_APPLICATION.code,
                "Line 3: no application in the plan is named `Nobody`.".to_owned()
            ),
            (
                codes::DETAILS_DUPLICATE.code,
                format!("Line 6: a second row for `{ur}` (the first is line 2); it is ignored.")
            ),
        ]
    );
    let p = pack(&request);
    assert_eq!(p.findings, []);
    assert!(p.complete);
    assert_eq!(p.applications[1].kid, "prod-2");
    assert_eq!(p.applications[0].asid, "200000000001");
    assert_eq!(
        p.applications[0].callback_url,
        "https://app.example.com/ers/callback"
    );
    assert_eq!(p.applications[1].asid, "");
}

#[test]
fn details_csv_problems() {
    let cases: &[(&str, &[&str])] = &[
        ("", &["The details file is empty."]),
        (
            "AppID,kid\r\nx,y\r\n",
            &["Line 1: no application name column in the header row."],
        ),
        (
            "name,AppID\r\n\"broken,x\r\n",
            &["Line 2: a quote that never closes; the row is skipped."],
        ),
        (
            "name,AppID\r\n,x\r\n",
            &["Line 2: no application name; the row is skipped."],
        ),
    ];
    for (text, expected) in cases {
        let got: Vec<String> = parse_details_csv(text)
            .problems
            .iter()
            .map(|f| {
                assert_eq!(f.code, codes::DETAILS_UNREADABLE);
                f.message.clone()
            })
            .collect();
        assert_eq!(&got, expected, "{text:?}");
    }
}

fn small_pack() -> golive::Pack {
    let mut second = good();
    second.name =
        "Care Vista - Care Vista Link Referrer - PROD - e-Referral Service, Application-Restricted"
            .into();
    second.access_mode = "application-restricted".into();
    second.capability = "referrer".into();
    second.app_id = "=HYPERLINK(\"http://evil\")".into();
    second.api_key = "key|2".into();
    second.kid = "prod-2".into();
    second.jwks_url = String::new();
    second.asid = String::new();
    second.callback_url = String::new();
    pack(&PackRequest {
        product: "Care Vista Link".into(),
        supplier: "Care Vista".into(),
        applications: vec![good(), second],
        done: vec!["4.11".into(), " 4.2 ".into(), "9.9".into()],
        ..Default::default()
    })
}

#[test]
fn markdown_email() {
    let expected = "Subject: DRAFT – e-RS PROD form details: Care Vista Link (Care Vista)

**DRAFT – Not ready to send: 1 detail still missing (1 of 2 applications ready); 1 warning to look at. See \"Still to complete\".**

To: the e-RS Partners team, at the address on the PROD form they sent you (4.3: \"Please complete the PROD form, including the new IDs, and return it\")

Hello e-RS Partners team,

Here are the details of our 2 PROD applications for the PROD form (Stage 4, step 4.3). No client secret or private key is included: the form needs neither.

## PROD applications

| # | Application name (4.14) | ASID (4.16) | AppID | API key | kid | JWKS URL | Callback URL | End-user organisation | ODS code | Access mode | Capability | API (4.15) | Environment |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
| 1 | Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted | 200000001234 | 5a0f1c2e-1111-4000-8000-000000000001 | Xk3uV9pQ2mT7rL1sW8yN4bC6dF0gH5jA | prod-1 | https\\://keys.carevista.example.com/ers/jwks.json | https\\://app.carevista.example.com/ers/callback | Leeds Teaching Hospitals | RR8 | user-restricted |  | e-Referral Service - Healthcare Worker | PROD |
| 2 | Care Vista - Care Vista Link Referrer - PROD - e-Referral Service, Application-Restricted |  | =HYPERLINK(\"http\\://evil\") | key\\|2 | prod-2 |  |  | Leeds Teaching Hospitals | RR8 | application-restricted | referrer | e-Referral Service - Application Restricted | PROD |

## Still to complete

- **ERS-G004** (warning, rule 4.2): application 2, JWKS URL: No JWKS URL: the pack is incomplete.
- **ERS-G024** (warning, rule 4.3): application 2, AppID: The AppID \\`=HYPERLINK(\"http\\://evil\")\\` is not a UUID v4 (like 5a0f1c2e-1111-4000-8000-000000000001).

## Stage 4 checklist

- [x] **4.11** Sign in to your developer account
- [ ] **4.12** Register your application (each application)
- [ ] **4.13** Select your environment (each application)
- [x] **4.14** Name your application (each application) — Verified: the 2 names pass 4.14.
- [ ] **4.15** Add the e-Referral Service API (each application)
- [ ] **4.16** Multiple ASIDs (each application) — ASIDs entered for 1 of 2 applications (NHS allocates them).
- [ ] **4.17** Sharing with other NHS services
- [x] **4.2** Generate a key pair (each application) — Verified: each of the 2 applications has a key pair's kid.
- [ ] **4.3** Send your AppID
- [ ] **4.4** Go live

The PROD form's exact fields are not public: if it asks for anything not listed here, please tell us and we will send it.

Kind regards,
";
    assert_eq!(golive::to_markdown(&small_pack()), expected);
}

#[test]
fn plain_text_email_is_a_draft_until_ready_and_signed() {
    let mut pack = small_pack();
    let text = golive::to_text(&pack);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "Subject: DRAFT – e-RS PROD form details: Care Vista Link (Care Vista)"
    );
    assert_eq!(
        lines[2],
        "DRAFT – Not ready to send: 1 detail still missing (1 of 2 applications ready); 1 warning to look at. See \"Still to complete\"."
    );
    assert_eq!(lines[4], format!("To: {}", golive::SEND_TO));
    assert!(golive::is_draft(&pack));
    // Every detail entered, the ASID first.
    assert!(text.contains("\n1. Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted\n   ASID:                  200000001234\n   AppID:                 5a0f1c2e-1111-4000-8000-000000000001\n"), "{text}");
    assert!(text.contains("\n2. Care Vista - Care Vista Link Referrer - PROD - e-Referral Service, Application-Restricted\n   ASID:                  (not given yet: NHS allocates it, 4.16)\n"), "{text}");
    assert!(text.contains("   End-user organisation: Leeds Teaching Hospitals\n   ODS code:              RR8\n   Access mode:           application-restricted\n   Capability:            referrer\n   API:                   e-Referral Service - Application Restricted\n   Environment:           PROD\n"), "{text}");
    assert!(
        text.contains("   JWKS URL:              (missing)\n"),
        "{text}"
    );
    assert!(
        !text.lines().any(|l| l.starts_with('|')),
        "no table to break in a mail client"
    );
    assert!(text.ends_with("Kind regards,\n"));

    // Complete and signed: no DRAFT anywhere.
    let mut request = PackRequest {
        product: "Care Vista Link".into(),
        supplier: "Care Vista".into(),
        applications: vec![good()],
        contact: "Sam Patel".into(),
        ..Default::default()
    };
    pack = golive::pack(&request);
    assert!(pack.complete);
    let text = golive::to_text(&pack);
    assert!(text.starts_with(&format!(
        "Subject: e-RS PROD form details: Care Vista Link (Care Vista)\n\nTo: {}\n\nHello",
        golive::SEND_TO
    )));
    assert!(!text.contains("DRAFT"));
    assert!(text.ends_with("Kind regards,\nSam Patel\n"), "{text}");
    assert!(golive::to_markdown(&pack).ends_with("Kind regards,\nSam Patel\n"));
    // An error (not only a missing detail) makes it a draft again.
    request.applications[0].jwks_url = "http://localhost/jwks.json".into();
    let text = golive::to_text(&golive::pack(&request));
    assert!(text.starts_with("Subject: DRAFT – "));
    assert!(
        text.contains("\n\nDRAFT – Not ready to send: 2 errors to correct (0 of 1 application ready). See \"Still to complete\".\n"),
        "{text}"
    );
}

#[test]
fn csv_export_neutralises_formulas() {
    let csv = golive::to_csv(&small_pack());
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "\u{FEFF}Application name,ASID,AppID,API key,kid,JWKS URL,Callback URL,End-user organisation,ODS code,Access mode,Capability,API,Environment,Missing,Findings"
    );
    assert_eq!(
        lines[2],
        "\"Care Vista - Care Vista Link Referrer - PROD - e-Referral Service, Application-Restricted\",,\"'=HYPERLINK(\"\"http://evil\"\")\",key|2,prod-2,,,Leeds Teaching Hospitals,RR8,application-restricted,referrer,e-Referral Service - Application Restricted,PROD,JWKS URL,\"ERS-G004 warning: No JWKS URL: the pack is incomplete; ERS-G024 warning: The AppID `=HYPERLINK(\"\"http://evil\"\")` is not a UUID v4 (like 5a0f1c2e-1111-4000-8000-000000000001)\""
    );
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[3], "");
}

#[test]
fn json_export() {
    let json: serde_json::Value =
        serde_json::from_str(&golive::to_json(&small_pack()).unwrap()).unwrap();
    assert_eq!(json["complete"], false);
    assert_eq!(json["applications"][1]["capability"], "referrer");
    assert_eq!(json["applications"][0]["asid"], "200000001234");
    assert_eq!(
        json["applications"][1]["missing"],
        serde_json::json!(["jwks_url"])
    );
    assert_eq!(
        json["findings"][0],
        serde_json::json!({
            "application": 1, "location": "jwks_url", "code": "ERS-G004", "severity": "warning",
            "message": "No JWKS URL: the pack is incomplete.", "span": null,
            "help": "Give the https URL where the application's JWKS is published.",
            "suggestion": null, "fix": null, "rule": "4.2"
        })
    );
    assert_eq!(json["checklist"][7]["number"], "4.2");
    assert_eq!(json["checklist"][7]["done"], true);
    // 4.11 ticked by the user; 4.14 and 4.2 verified by the tool (4.16: one ASID missing).
    assert_eq!(json["totals"]["steps_done"], 3);
    assert_eq!(json["checklist"][3]["verified_by_tool"], true);
    assert_eq!(
        json["checklist"][3]["note"],
        "Verified: the 2 names pass 4.14."
    );
    assert_eq!(json["checklist"][0]["verified_by_tool"], false);
}

#[test]
fn every_code_is_documented_once() {
    let mut seen: Vec<&str> = codes::ALL.iter().map(|c| c.code).collect();
    seen.sort_unstable();
    seen.dedup();
    assert_eq!(seen.len(), codes::ALL.len());
    assert_eq!(seen.first(), Some(&"ERS-G001"));
    assert_eq!(seen.last(), Some(&"ERS-G030"));
}

#[test]
fn markdown_email_shows_links_images_and_html_in_names_and_kids_as_text() {
    let request = one(ApplicationInput {
        organisation: "[click](https://evil.example/) ![t](https://evil.example/t.png) https://evil.example www.evil.example ops@evil.example".into(),
        kid: "<img src=x onerror=alert(1)>".into(),
        app_id: "![x](https://evil.example/x.png)".into(),
        ..good()
    });
    let md = golive::to_markdown(&pack(&request));
    let row = md
        .lines()
        .find(|l| l.starts_with("| 1 |"))
        .expect("the application's row");
    assert!(
        row.contains(
            "| \\[click\\](https\\://evil.example/) \\!\\[t\\](https\\://evil.example/t.png) https\\://evil.example www\\.evil.example ops\\@evil.example | RR8 |"
        ),
        "{row}"
    );
    assert!(
        row.contains("| \\<img src=x onerror=alert(1)\\> |"),
        "{row}"
    );
    // Nothing from input is live anywhere in the email (the findings repeat the kid too).
    ers_test_support::assert_no_live_markdown(&md);
}

#[test]
fn details_csv_reads_back_a_guarded_cell_as_written() {
    // A kid may start with `-` (the token server takes any string). The CSV writer guards such
    // a cell against formula injection with a leading `'`; the reader takes the guard off.
    let mut request = request_from_plan_json(&planned()).unwrap();
    let ur = request.applications[0].name.clone();
    let mut csv = String::from("Application name,kid,AppID\r\n");
    ers_rules::plan::push_csv_cell(&mut csv, &ur);
    csv.push(',');
    ers_rules::plan::push_csv_cell(&mut csv, "-k1");
    csv.push_str(",'plain\r\n");
    assert!(csv.contains(",\"'-k1\","), "{csv}");
    let details = parse_details_csv(&csv);
    assert_eq!(details.problems, []);
    assert_eq!(details.rows[0].details.kid, "-k1");
    // A `'` before anything else is the value's own and stays.
    assert_eq!(details.rows[0].details.app_id, "'plain");
    assert_eq!(apply_details(&mut request, &details).len(), 0);
    assert_eq!(request.applications[0].kid, "-k1");
}

/// 500 EUOs × 3 access modes, planned and nothing filled in yet.
fn big_plan_request() -> PackRequest {
    let mut request = PlanRequest::new("Care Vista Link");
    request.supplier = Some("Care Vista".into());
    request.euos = (0..500)
        .map(|i| Euo::new(format!("Organisation {i}"), Some(&format!("R{i:03}"))))
        .collect();
    request.access = vec![
        Access::UserRestricted,
        Access::ApplicationRestricted(Capability::Referrer),
        Access::ApplicationRestricted(Capability::Provider),
    ];
    golive::request_from_plan(&plan::plan(&request).expect("the plan is made"))
}

#[test]
fn one_count_of_what_is_missing_and_wrong_everywhere() {
    // Missing details and warnings are counted apart: "20 details missing" and "21 warnings"
    // no longer both describe the same pack.
    let p = small_pack();
    assert_eq!(
        (p.totals.errors, p.totals.missing, p.totals.warnings),
        (0, 1, 1)
    );
    let summary = p.summary();
    assert_eq!(
        summary,
        "Not ready to send: 1 detail still missing (1 of 2 applications ready); 1 warning to look at."
    );
    // The email's DRAFT line is that sentence, in both forms.
    assert!(golive::to_text(&p).contains(&format!(
        "\n\nDRAFT – {summary} See \"Still to complete\".\n"
    )));
    assert!(golive::to_markdown(&p).contains(&format!("**DRAFT – {summary} See")));

    let mut request = PackRequest {
        applications: vec![good()],
        ..Default::default()
    };
    assert_eq!(
        pack(&request).summary(),
        "Ready to send: the application is complete, nothing wrong."
    );
    request.applications[0].asid = "12345".into();
    request.applications[0].kid = String::new();
    assert_eq!(
        pack(&request).summary(),
        "Not ready to send: 1 detail still missing and 1 error to correct (0 of 1 application ready)."
    );
    assert_eq!(
        pack(&PackRequest::default()).summary(),
        "No application yet."
    );
}

#[test]
fn a_new_big_pack_counts_with_thousands_and_groups_what_many_share() {
    let p = pack(&big_plan_request());
    assert_eq!(p.totals.applications, 1500);
    assert_eq!(
        p.summary(),
        "Not ready to send: 6,500 details still missing (0 of 1,500 applications ready)."
    );
    // A new pack opens with what to do next, not with its 6,000 findings.
    assert_eq!(
        p.next_step(),
        "Next: register the 1,500 applications on the developer hub, one by one (4.11–4.15), and make their key pairs (4.2); then enter each one's AppID, API key, kid, JWKS URL and callback URL here, or fill in the plan's CSV and import it."
    );
    // One line per problem, saying which applications: not 6,000 lines.
    let text = golive::to_text(&p);
    let still = text
        .split("STILL TO COMPLETE\n\n")
        .nth(1)
        .and_then(|rest| rest.split("\n\n").next())
        .expect("the section");
    let lines: Vec<&str> = still.lines().collect();
    assert_eq!(
        lines[..4],
        [
            "- ERS-G001 (warning, rule 4.3): applications 1–1,500, AppID: No AppID: the pack is incomplete.",
            "- ERS-G002 (warning, rule 4.3): applications 1–1,500, API key: No API key: the pack is incomplete.",
            "- ERS-G003 (warning, rule 4.2): applications 1–1,500, kid: No kid: the pack is incomplete.",
            "- ERS-G004 (warning, rule 4.2): applications 1–1,500, JWKS URL: No JWKS URL: the pack is incomplete.",
        ]
    );
    // Only the user-restricted third of them needs a callback URL: one line for them all.
    assert_eq!(lines.len(), 5);
    assert_eq!(
        lines[4],
        "- ERS-G029 (warning, rule 4.15): 500 applications (1, 4, 7, 10, 13, 16, 19, 22 and 492 more), callback URL: No callback URL: the pack is incomplete."
    );
}

#[test]
fn callback_url_is_https_with_a_host_and_a_path() {
    for (url, ok) in [
        ("https://app.example.com/ers/callback", true),
        ("https://app.example.com/", true),
        ("https://app.example.com:8443/cb?tenant=1", true),
        ("HTTPS://app.example.com/cb", true),
        ("http://app.example.com/ers/callback", false),
        ("https://app.example.com", false),
        ("https://app.example.com?cb", false),
        ("app.example.com/callback", false),
        ("https:///callback", false),
        ("https://app.example.com/cb#done", false),
        ("https://app.example.com/my callback", false),
        ("https://user@app.example.com/cb", false),
    ] {
        assert_eq!(check_callback_url(url).is_ok(), ok, "{url}");
    }
    assert_eq!(
        check_callback_url("http://app.example.com/cb"),
        Err(UrlProblem::NotHttps("http".into()))
    );
    assert_eq!(
        check_callback_url("https://app.example.com"),
        Err(UrlProblem::NoPath)
    );
}

#[test]
fn a_callback_url_nhs_cannot_use_is_an_error_on_its_field() {
    let check = |url: &str| {
        let p = pack(&one(ApplicationInput {
            callback_url: url.into(),
            ..good()
        }));
        assert!(!p.complete, "{url}");
        assert_eq!(p.findings.len(), 1, "{url}: {:?}", p.findings);
        let f = p.findings[0].clone();
        assert_eq!(
            (f.code, f.rule, f.is_error(), Field::of(&f)),
            (
                codes::CALLBACK_URL_FORM.code,
                "4.15",
                true,
                Some(Field::CallbackUrl)
            ),
            "{url}"
        );
        f
    };
    let f = check("http://app.example.com/ers/callback");
    assert_eq!(f.message, "The callback URL uses `http:`, not `https:`.");
    assert_eq!(
        f.suggestion.as_deref(),
        Some("https://app.example.com/ers/callback")
    );
    assert!(f.help.unwrap_or_default().contains("NHS CIS2"));
    let f = check("https://app.example.com");
    assert_eq!(f.message, "The callback URL has no path after its host.");
    assert_eq!(f.suggestion, None);
    let f = check("https://app.example.com/cb#x");
    assert_eq!(
        f.message,
        "The callback URL is not a usable URL: it holds a fragment (#…), which a callback URL cannot have."
    );
    check("callback");
}

#[test]
fn only_a_user_restricted_application_misses_its_callback_url() {
    let ur = ApplicationInput {
        callback_url: String::new(),
        ..good()
    };
    let p = pack(&one(ur));
    assert_eq!(
        codes_of(&one(ApplicationInput {
            callback_url: String::new(),
            ..good()
        })),
        [(Some(0), codes::CALLBACK_URL_MISSING.code)]
    );
    assert_eq!(p.applications[0].missing, [Field::CallbackUrl]);
    assert_eq!((p.totals.missing, p.totals.warnings), (1, 0));
    assert_eq!(
        p.summary(),
        "Not ready to send: 1 detail still missing (0 of 1 application ready)."
    );
    assert!(golive::to_text(&p).contains("   Callback URL:          (missing)\n"));
    // An application-restricted one needs none, and its emails do not ask for one.
    let ar = ApplicationInput {
        name: "Care Vista - Care Vista Link Referrer - PROD - e-Referral Service, Application-Restricted".into(),
        access_mode: "application-restricted".into(),
        capability: "referrer".into(),
        callback_url: String::new(),
        ..good()
    };
    let p = pack(&one(ar));
    assert_eq!(p.findings, []);
    assert!(p.complete);
    assert!(!golive::to_text(&p).contains("Callback URL"));
    // Given, it is in every output of the pack.
    let p = pack(&one(good()));
    let url = "https://app.carevista.example.com/ers/callback";
    assert!(golive::to_text(&p).contains(&format!("   Callback URL:          {url}\n")));
    assert!(
        golive::to_markdown(&p).contains("| https\\://app.carevista.example.com/ers/callback |")
    );
    assert!(golive::to_csv(&p).contains(&format!(",{url},")));
    let json: serde_json::Value = serde_json::from_str(&golive::to_json(&p).unwrap()).unwrap();
    assert_eq!(json["applications"][0]["callback_url"], url);
}
