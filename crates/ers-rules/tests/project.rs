//! The go-live project file: any project survives save → open unchanged; the version-1 fixture
//! keeps reading; wrong fields are named; files holding secrets are refused without the secret.
#![cfg(feature = "serde")]

use ers_rules::Capability;
use ers_rules::plan::{Access, Euo, Platform, Service};
use ers_rules::project::{
    FLOW, FORMAT, Project, ProjectApplication, ProjectError, VERSION, from_json, to_json,
};
use proptest::prelude::*;

const FIXTURE_V1: &str = include_str!("fixtures/project-v1.json");

/// Text as users type it: letters, digits, punctuation, accents, quotes, no edge spaces (the
/// reader trims).
fn text() -> impl Strategy<Value = String> {
    "[A-Za-z0-9 ,.'\"&()/\\\\é–-]{0,24}".prop_map(|s| s.trim().to_owned())
}

fn euo() -> impl Strategy<Value = Euo> {
    (text(), prop::option::of("[A-Z0-9]{1,9}")).prop_map(|(n, o)| Euo::new(n, o.as_deref()))
}

fn service() -> impl Strategy<Value = Service> {
    (
        text(),
        prop::sample::select(vec![Platform::Apim, Platform::Shareable, Platform::Unknown]),
    )
        .prop_map(|(n, p)| Service::new(n, p))
}

fn application() -> impl Strategy<Value = ProjectApplication> {
    (
        text(),
        "[0-9]{0,12}",
        text(),
        text(),
        "[!-~]{0,20}",
        "[A-Za-z0-9_-]{0,43}",
        text(),
    )
        .prop_map(|(name, asid, app_id, api_key, kid, thumbprint, jwks_url)| {
            ProjectApplication {
                name,
                asid,
                app_id,
                api_key,
                kid,
                thumbprint,
                jwks_url,
                ..ProjectApplication::default()
            }
        })
}

fn project() -> impl Strategy<Value = Project> {
    let steps: Vec<String> = ers_rules::golive::CHECKLIST
        .iter()
        .map(|s| s.number.to_owned())
        .chain(FLOW.iter().map(|(id, _)| (*id).to_owned()))
        .collect();
    (
        (text(), text(), text()),
        prop::collection::vec(euo(), 0..6),
        prop::sample::subsequence(Access::ALL.to_vec(), 0..=3),
        prop::collection::vec(service(), 0..4),
        prop::collection::vec(application(), 0..6),
        prop::sample::subsequence(steps, 0..5),
    )
        .prop_map(
            |((product, supplier, contact), euos, access, services, applications, done)| Project {
                // Any text round-trips as a pattern too (it is checked when planning).
                app_name_pattern: contact.clone(),
                asid_name_pattern: supplier.clone(),
                product,
                supplier,
                contact,
                euos,
                access,
                services,
                applications,
                done,
            },
        )
}

proptest! {
    #[test]
    fn any_project_survives_save_then_open(p in project()) {
        let json = to_json(&p);
        let back = from_json(&json);
        prop_assert_eq!(back.as_ref(), Ok(&p), "{}", json);
        // And saving again writes the same file.
        prop_assert_eq!(to_json(&back.unwrap()), json);
    }
}

#[test]
fn the_version_1_fixture_keeps_reading() {
    let p = from_json(FIXTURE_V1).expect("the version-1 fixture reads");
    assert_eq!(p.product, "Care Vista Link");
    assert_eq!(p.supplier, "Care Vista");
    assert_eq!(p.contact, "Sam Patel");
    assert_eq!(
        p.euos,
        [
            Euo::new("Leeds Teaching Hospitals", Some("RR8")),
            Euo::new("Airedale NHS Foundation Trust", None)
        ]
    );
    assert_eq!(
        p.access,
        [
            Access::UserRestricted,
            Access::ApplicationRestricted(Capability::Referrer)
        ]
    );
    assert_eq!(
        p.services,
        [
            Service::new("PDS", Platform::Apim),
            Service::new("GP Connect", Platform::Shareable)
        ]
    );
    assert_eq!(p.applications.len(), 1);
    let app = &p.applications[0];
    assert_eq!(app.asid, "200000000101");
    assert_eq!(app.app_id, "5a0f1c2e-0000-4000-8000-000000000001");
    assert_eq!(app.api_key, "Xk3uV9pQ2mT7rL1sW8yN4bC6dF0gH5jA");
    assert_eq!(app.kid, "prod-1");
    assert_eq!(
        app.thumbprint,
        "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"
    );
    assert_eq!(app.jwks_url, "https://keys.carevista.example/ers/jwks.json");
    assert_eq!(p.done, ["4.11", "test"]);
    // The fixture's application is one the plan makes, so the pack gets its details.
    let request = p.pack_request().expect("the fixture plans");
    let filled = request
        .applications
        .iter()
        .find(|a| a.name == app.name)
        .expect("the fixture's application is planned");
    assert_eq!(filled.kid, "prod-1");
    assert_eq!(request.done, ["4.11"]);
}

#[test]
fn camel_case_and_older_names_are_restored_through_the_renames() {
    let json = r#"{"format":"ers-golive-project","version":1,"productName":"x",
        "product_name":"Acme","organisations":[{"organisation":"Leeds","odsCode":"RR8"}],
        "accessModes":["user-restricted"],
        "applications":[{"name":"A","appId":"id","apiKey":"k","jwksUrl":"https://a.example/j","keyThumbprint":"t"}],
        "later_field":{"anything":1}}"#;
    let p = from_json(json).expect("reads");
    assert_eq!(p.product, "Acme");
    assert_eq!(p.euos, [Euo::new("Leeds", Some("RR8"))]);
    assert_eq!(p.access, [Access::UserRestricted]);
    let a = &p.applications[0];
    assert_eq!(
        (
            a.app_id.as_str(),
            a.api_key.as_str(),
            a.jwks_url.as_str(),
            a.thumbprint.as_str()
        ),
        ("id", "k", "https://a.example/j", "t")
    );
}

#[test]
fn the_callback_url_is_saved_and_opened_and_an_older_file_opens_without_it() {
    let mut project = Project::new("Care Vista Link");
    project.euos = vec![Euo::new("Leeds Teaching Hospitals", Some("RR8"))];
    project.access = vec![Access::UserRestricted];
    project.sync_applications().unwrap();
    let url = "https://app.carevista.example.com/ers/callback";
    project.applications[0].callback_url = url.into();
    let json = to_json(&project);
    assert!(
        json.contains(&format!("\"callback_url\": \"{url}\"")),
        "{json}"
    );
    let opened = from_json(&json).unwrap();
    assert_eq!(opened, project);
    assert_eq!(
        opened.pack_request().unwrap().applications[0].callback_url,
        url
    );
    // The page's camelCase name is read too.
    let camel = json.replace("callback_url", "callbackUrl");
    assert_eq!(from_json(&camel).unwrap().applications[0].callback_url, url);
    // A file saved before the field existed opens, the field empty.
    let older = r#"{"format":"ers-golive-project","version":1,"product":"P",
        "applications":[{"name":"A","asid":"","app_id":"id","api_key":"k","kid":"prod-1",
        "thumbprint":"t","jwks_url":"https://a.example/j"}],"done":[]}"#;
    let p = from_json(older).unwrap();
    assert_eq!(p.applications[0].kid, "prod-1");
    assert_eq!(p.applications[0].callback_url, "");
    // A details file fills it in, matched by name.
    let name = project.applications[0].name.clone();
    let mut fresh = project.clone();
    fresh.applications[0].callback_url.clear();
    let found = fresh
        .import_details(&format!(
            "Application name,Callback URL\n\"{name}\",{url}\n"
        ))
        .unwrap();
    assert_eq!(found, []);
    assert_eq!(fresh.applications[0].callback_url, url);
    assert!(fresh.to_plan_csv().unwrap().contains(url));
}

fn err(json: &str) -> ProjectError {
    from_json(json).expect_err("refused")
}

#[test]
fn errors_name_the_field() {
    let e = err(
        r#"{"format":"ers-golive-project","version":1,"applications":[{"name":"A"},{"kid":7}]}"#,
    );
    assert_eq!(e.field(), Some("applications[1].kid"));
    assert_eq!(
        e.to_string(),
        "applications[1].kid: must be text, not a number"
    );
    let e = err(r#"{"format":"ers-golive-project","version":1,"access":["both"]}"#);
    assert_eq!(e.field(), Some("access[0]"));
    let e = err(r#"{"format":"ers-golive-project","version":1,"done":["4.9"]}"#);
    assert_eq!(e.field(), Some("done[0]"));
    let e = err(r#"{"format":"ers-golive-project","version":1,"euos":{"name":"x"}}"#);
    assert_eq!(e.field(), Some("euos"));
    let e = err(r#"{"format":"ers-golive-project"}"#);
    assert_eq!(e.field(), Some("version"));
    assert_eq!(err("{not json").code(), "project-not-json");
    assert_eq!(err("[]").code(), "project-not-a-project");
    assert_eq!(
        err(r#"{"format":"excalidraw","version":1}"#).code(),
        "project-not-a-project"
    );
    let e = err(r#"{"format":"ers-golive-project","version":2}"#);
    assert_eq!(e, ProjectError::TooNew { version: 2 });
    // The plan's own JSON is told apart, with what to do.
    let e = err(r#"{"product":"x","asids":[],"applications":[]}"#);
    assert!(e.to_string().contains("--project option"), "{e}");
}

#[test]
fn files_holding_secrets_are_refused_without_the_secret() {
    let pem = "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END PRIVATE KEY-----";
    let cases = [
        (
            format!(r#"{{"format":"ers-golive-project","version":1,"applications":[{{"name":"A","kid":"{pem}"}}]}}"#),
            "applications[0].kid",
            "a private key",
        ),
        (
            format!(r#"{{"format":"ers-golive-project","version":1,"applications":[{{"name":"A","private_key":"{pem}"}}]}}"#),
            "applications[0].private_key",
            "a private key",
        ),
        (
            r#"{"format":"ers-golive-project","version":1,"passphrase":"correct horse battery"}"#.to_owned(),
            "passphrase",
            "a passphrase",
        ),
        (
            r#"{"format":"ers-golive-project","version":1,"applications":[{"name":"A","clientSecret":"s3cr3tValue"}]}"#.to_owned(),
            "applications[0].clientSecret",
            "a client secret",
        ),
        (
            r#"{"format":"ers-golive-project","version":1,"jwk":{"kty":"RSA","n":"abc","e":"AQAB","d":"privateExponentValue"}}"#.to_owned(),
            "jwk.d",
            "a private key",
        ),
        // Even a file that is not a project yet holds a key is refused as holding a secret.
        (
            format!(r#"{{"key":"{pem}"}}"#),
            "key",
            "a private key",
        ),
    ];
    for (json, field, what) in cases {
        let e = err(&json);
        assert_eq!(e.code(), "project-secret", "{json}");
        assert_eq!(
            e,
            ProjectError::Secret {
                field: field.to_owned(),
                what
            },
            "{json}"
        );
        let message = e.to_string();
        for secret in [
            "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC",
            "correct horse",
            "s3cr3tValue",
            "privateExponentValue",
        ] {
            assert!(!message.contains(secret), "{message}");
        }
    }
    // An empty secret field (a form left blank) is no secret.
    assert!(from_json(r#"{"format":"ers-golive-project","version":1,"passphrase":""}"#).is_ok());
}

#[test]
fn a_saved_project_starts_with_its_format_and_version() {
    let json = to_json(&Project::new("Acme"));
    assert!(
        json.starts_with(&format!(
            "{{\n  \"format\": \"{FORMAT}\",\n  \"version\": {VERSION},\n"
        )),
        "{json}"
    );
    assert!(!json.contains("PRIVATE"));
}

#[test]
fn sync_keeps_details_by_name_and_never_drops_what_was_typed() {
    let mut p = Project::new("Care Vista Link");
    p.supplier = "Care Vista".into();
    p.euos = vec![Euo::new("Leeds", Some("RR8")), Euo::new("York", None)];
    p.access = Access::ALL.to_vec();
    let plan = p.sync_applications().expect("plans");
    assert_eq!(p.applications.len(), 6);
    assert_eq!(p.applications[1].name, plan.applications[1].name);
    p.applications[4].app_id = "york-referrer".into();
    let york_referrer = p.applications[4].name.clone();
    // York leaves the plan: its filled-in application is kept (after the planned ones), the
    // blank ones go.
    p.euos.pop();
    p.sync_applications().expect("plans");
    assert_eq!(p.applications.len(), 4);
    assert_eq!(p.applications[3].name, york_referrer);
    // York comes back: the details are where they were.
    p.euos.push(Euo::new("York", None));
    p.sync_applications().expect("plans");
    assert_eq!(p.applications.len(), 6);
    assert_eq!(p.applications[4].app_id, "york-referrer");
    let request = p.pack_request().expect("plans");
    assert_eq!(request.applications[4].app_id, "york-referrer");
    assert_eq!(request.applications[4].organisation, "York");
}
