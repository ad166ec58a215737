//! A private key arriving through any field is refused where it enters, in the core, so the page
//! and the command line refuse it alike: the plan's fields (ERS-P005), an EUO CSV (ERS-P040), a
//! details CSV and a typed detail (ERS-G027), a project file. Each refusal names the field and
//! never repeats the key; nothing of a refused file is taken; no pack, email, CSV or Markdown
//! ever carries the key.

use ers_rules::golive::{self, ApplicationInput, PackRequest, codes as gcodes};
use ers_rules::plan::{self, Access, Euo, PlanRequest, Service, codes as pcodes};
use ers_rules::project::Project;

const BODY: &str = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCsecret";

fn pem() -> String {
    format!("-----BEGIN PRIVATE KEY-----\n{BODY}\n-----END PRIVATE KEY-----\n")
}

fn jwk() -> String {
    format!(r#"{{"kty":"RSA","n":"AQAB","e":"AQAB","d":"{BODY}"}}"#)
}

fn request() -> PlanRequest {
    PlanRequest {
        product: "Care Vista Link".into(),
        supplier: Some("Care Vista".into()),
        euos: vec![Euo::new("Leeds Teaching Hospitals", Some("RR8"))],
        access: vec![Access::UserRestricted],
        services: vec![Service::named("PDS")],
        ..PlanRequest::default()
    }
}

fn assert_unrepeated(text: &str) {
    assert!(!text.contains(BODY), "the key was repeated: {text}");
}

#[test]
fn the_plan_refuses_a_key_in_any_field_naming_it() {
    for secret in [pem(), jwk()] {
        let cases: Vec<(&str, PlanRequest)> = vec![
            (
                "the product name",
                PlanRequest {
                    product: secret.clone(),
                    ..request()
                },
            ),
            (
                "the supplier name",
                PlanRequest {
                    supplier: Some(secret.clone()),
                    ..request()
                },
            ),
            (
                "euos[1].name",
                PlanRequest {
                    euos: vec![Euo::new("Leeds", None), Euo::new(secret.clone(), None)],
                    ..request()
                },
            ),
            (
                "euos[0].ods_code",
                PlanRequest {
                    euos: vec![Euo::new("Leeds", Some(&secret))],
                    ..request()
                },
            ),
            (
                "services[0].name",
                PlanRequest {
                    services: vec![Service::named(&secret)],
                    ..request()
                },
            ),
            (
                "the application name pattern",
                PlanRequest {
                    app_name_pattern: Some(secret.clone()),
                    ..request()
                },
            ),
            (
                "the ASID name pattern",
                PlanRequest {
                    asid_name_pattern: Some(secret.clone()),
                    ..request()
                },
            ),
        ];
        for (field, req) in cases {
            let err = plan::plan(&req).unwrap_err();
            assert_eq!(err.problems.len(), 1, "{field}: the refusal comes alone");
            let d = &err.problems[0];
            assert_eq!(d.code, pcodes::FIELD_SECRET.code, "{field}");
            assert!(
                d.message.starts_with(&format!(
                    "{} holds a private key",
                    ers_rules::words::sentence(field).trim_end_matches('.')
                )),
                "{field}: {}",
                d.message
            );
            assert_unrepeated(&err.to_string());
        }
    }
}

#[test]
fn an_euo_csv_holding_a_key_is_refused_whole() {
    let csv = format!("Organisation,ODS code\nLeeds,RR8\n\"{}\",RCF\n", pem());
    let import = plan::parse_euo_csv(&csv);
    assert!(import.euos.is_empty(), "nothing of the file is taken");
    assert_eq!(import.problems.len(), 1);
    let d = &import.problems[0];
    assert_eq!(d.code, pcodes::CSV_SECRET.code);
    assert_eq!(d.context.line, Some(3));
    assert!(
        d.message
            .starts_with("Line 3, column 1 (Organisation) holds a private key"),
        "{}",
        d.message
    );
    assert_unrepeated(&format!("{d:?}"));
    // From bytes too, with Excel's sep= line (line 1): the lines still count from the file's top.
    let csv = format!(
        "sep=;\nOrganisation;ODS code\nLeeds;\"{}\"\n",
        jwk().replace('"', "\"\"")
    );
    let import = plan::parse_euo_csv_bytes(csv.as_bytes());
    assert_eq!(import.problems[0].code, pcodes::CSV_SECRET.code);
    assert!(
        import.problems[0]
            .message
            .starts_with("Line 3, column 2 (ODS code)"),
        "{}",
        import.problems[0].message
    );
}

#[test]
fn a_details_csv_holding_a_key_is_refused_whole_by_the_pack_and_the_project() {
    let mut project = Project::from_request(&request());
    project.sync_applications().unwrap();
    let name = project.applications[0].name.clone();
    for column in 0..6 {
        let mut cells = [
            format!("\"{name}\""),
            "1b4e28ba-2fa1-11d2-883f-0016d3cca427".to_owned(),
            "Ab3dEfGh1jKlMn0pQrStUvWxYz012345".to_owned(),
            "prod-1".to_owned(),
            "https://example.org/jwks.json".to_owned(),
            "200000000123".to_owned(),
        ];
        cells[column] = format!("\"{}\"", pem());
        let csv = format!(
            "Application name,AppID,API key,kid,JWKS URL,ASID\n{}\n",
            cells.join(",")
        );
        let details = golive::parse_details_csv(&csv);
        assert!(
            details.rows.is_empty(),
            "column {column}: nothing of the file is taken"
        );
        let refused = details.refused().expect("refused");
        assert_eq!(refused.code, gcodes::SECRET);
        assert!(
            refused
                .message
                .starts_with(&format!("Line 2, column {}", column + 1)),
            "{}",
            refused.message
        );
        assert_unrepeated(&format!("{details:?}"));
        let before = project.clone();
        let err = project.import_details(&csv).unwrap_err();
        assert_eq!(err.code(), gcodes::SECRET);
        assert_unrepeated(&err.to_string());
        assert_eq!(project, before, "column {column}: the project is as it was");
    }
}

#[test]
fn a_key_typed_into_a_detail_is_left_out_of_every_pack_export() {
    let mut request = PackRequest {
        product: "Care Vista Link".into(),
        supplier: "Care Vista".into(),
        contact: pem(),
        applications: vec![ApplicationInput {
            name: "Care Vista - Care Vista Link - PROD - e-Referral Service, User Restricted"
                .into(),
            access_mode: "user-restricted".into(),
            app_id: "1b4e28ba-2fa1-11d2-883f-0016d3cca427".into(),
            api_key: pem(),
            kid: jwk(),
            jwks_url: "https://example.org/jwks.json".into(),
            ..Default::default()
        }],
        ..PackRequest::default()
    };
    request.applications[0].organisation = pem();
    request.applications[0].callback_url = pem();
    let pack = golive::pack(&request);
    let refused: Vec<_> = pack
        .findings
        .iter()
        .filter(|f| f.code == gcodes::SECRET)
        .collect();
    assert_eq!(refused.len(), 5, "{:?}", pack.findings);
    assert!(refused.iter().any(|f| {
        f.part() == Some("callback_url")
            && f.message
                .starts_with("The callback URL holds a private key")
    }));
    assert!(
        refused
            .iter()
            .any(|f| f.message.starts_with("The API key holds a private key"))
    );
    assert!(!pack.complete);
    assert!(pack.applications[0].api_key.is_empty() && pack.applications[0].kid.is_empty());
    for text in [
        golive::to_text(&pack),
        golive::to_markdown(&pack),
        golive::to_csv(&pack),
        format!("{pack:?}"),
    ] {
        assert_unrepeated(&text);
        assert!(!text.contains("PRIVATE KEY-----"), "{text}");
    }
}

#[cfg(feature = "serde")]
#[test]
fn a_project_file_holding_a_private_jwk_in_a_string_is_refused() {
    let mut project = Project::from_request(&request());
    project.sync_applications().unwrap();
    project.applications[0].kid = jwk();
    let text = ers_rules::project::to_json(&project);
    let err = ers_rules::project::from_json(&text).unwrap_err();
    assert_eq!(err.code(), "project-secret");
    assert_eq!(err.field(), Some("applications[0].kid"));
    assert_unrepeated(&err.to_string());
}
