//! Messages a supplier reads once: every message and help the core writes for a representative
//! set of bad inputs — names, plans, EUO and details CSVs, packs, JWKS, client assertions and
//! token requests — is a sentence (a capital first unless it opens with a token's member
//! written as code, a full stop or its own stop last), so the CLI, the email and the page show
//! them as they are and a help never runs on from its message.

use ers_keys::jwt::{self, CheckRequest};
use ers_rules::golive::{self, ApplicationInput, PackRequest};
use ers_rules::name::{self, CheckOptions};
use ers_rules::plan::{self, Access, Euo, PlanRequest, Service};
use ers_rules::{Diagnostic, Environment};

/// Why `text` is not a sentence, if it is not one.
fn not_a_sentence(text: &str) -> Option<&'static str> {
    let first_word = text.split([' ', ':', ',']).next().unwrap_or("");
    let code_word = [
        "kid", "iss", "sub", "aud", "exp", "jti", "nbf", "alg", "typ", "use",
    ]
    .contains(&first_word)
        || first_word.contains('_')
        || first_word.chars().skip(1).any(char::is_uppercase);
    if text.trim() != text || text.is_empty() {
        Some("empty, or spaces around it")
    } else if text.starts_with(|c: char| c.is_lowercase()) && !code_word {
        Some("no capital first")
    } else if !text.ends_with(['.', '!', '?', ':', '…']) {
        Some("no full stop last")
    } else {
        None
    }
}

fn findings_of_bad_input() -> Vec<(String, Diagnostic)> {
    let mut all: Vec<(String, Diagnostic)> = Vec::new();
    let mut add = |what: &str, found: &[Diagnostic]| {
        all.extend(found.iter().map(|d| (what.to_owned(), d.clone())));
    };
    // Every example name of the checker's registry, with and without what is registered.
    let prod = CheckOptions {
        environment: Some(Environment::Prod),
        access_mode: Some(ers_rules::AccessMode::UserRestricted),
    };
    for row in name::codes::ALL {
        for options in [CheckOptions::default(), prod] {
            add(row.code, &name::check(row.example, &options).diagnostics);
        }
    }
    add(
        "a pasted name",
        &name::check(&"x".repeat(300), &prod).diagnostics,
    );
    // Plans: empty; duplicate, unnamed and odd EUOs, an unknown service, a bad pattern.
    add(
        "empty plan",
        &plan::plan(&PlanRequest::default())
            .expect_err("refused")
            .problems,
    );
    let mut request = PlanRequest::new("Care Vista Link");
    request.euos = vec![
        Euo::new("Leeds", Some("RR8")),
        Euo::new("leeds", Some("RR-8")),
        Euo::new("Harrogate \u{200b}District", None),
    ];
    request.access = Access::ALL.to_vec();
    request.services = vec![Service::parse("Mystery"), Service::parse("PDS")];
    request.supplier = Some("Smith - Jones".into());
    add("plan", &plan::plan(&request).expect("plans").notes);
    request.app_name_pattern = Some("{product} {nonsense}".into());
    add(
        "pattern",
        &plan::plan(&request).expect_err("refused").problems,
    );
    for csv in [
        "",
        "Organisation,ODS code\n\"Leeds,RR8\n,RCD\nYork,RCB,North\n",
        "ODS code\nRR8\n",
    ] {
        add("EUO CSV", &plan::parse_euo_csv(csv).problems);
    }
    // A pack whose details are wrong in every way the pack checks, twice over.
    let bad = ApplicationInput {
        name: "Care Vista – Link".into(),
        environment: "int".into(),
        access_mode: "admin".into(),
        capability: "both".into(),
        api: "Some API".into(),
        asid: "2000 0000 1234".into(),
        app_id: "not-a-uuid".into(),
        api_key: "key".into(),
        kid: "Prod one".into(),
        jwks_url: "http://192.168.0.10".into(),
        ..ApplicationInput::default()
    };
    let pack = golive::pack(&PackRequest {
        product: "Care Vista Link".into(),
        applications: vec![bad.clone(), bad, ApplicationInput::default()],
        ..PackRequest::default()
    });
    add("pack", &pack.findings);
    add(
        "empty pack",
        &golive::pack(&PackRequest::default()).findings,
    );
    for csv in [
        "",
        "AppID,kid\nx,y\n",
        "name,AppID\n\"broken,x\n",
        "name,AppID\n,x\nNobody,y\n",
    ] {
        add("details CSV", &golive::parse_details_csv(csv).problems);
    }
    // JWKS and tokens.
    for jwks in [
        "",
        "-----BEGIN PUBLIC KEY-----",
        "[]",
        r#"{"keys": []}"#,
        r#"{"kty":"RSA"}"#,
        r#"{"keys": [{"kty":"EC"}, {"kty":"RSA","n":"AQAB==","e":"Aw","alg":"RS256","use":"enc"}]}"#,
    ] {
        add("JWKS", &ers_keys::jwks_check::check_jwks(jwks).findings);
    }
    for token in [
        "",
        "a.b",
        "Bearer eyJ.eyJ.x",
        "e30.e30.",
        "eyJhbGciOiJub25lIn0.e30.c2ln",
    ] {
        add(
            "token",
            &jwt::check(&CheckRequest::new(token, "{}", 1_790_000_000)).findings,
        );
    }
    for text in [
        "hello",
        "curl -d @form.txt https://api.service.nhs.uk/oauth2/token",
        "grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token=x",
    ] {
        let report = jwt::check_request(text, "{}", None, None, 1_790_000_000);
        add("token request", &report.findings);
    }
    all
}

#[test]
fn every_message_and_help_the_core_writes_for_bad_input_is_a_sentence() {
    let all = findings_of_bad_input();
    assert!(
        all.len() > 100,
        "a representative set: {} findings",
        all.len()
    );
    let mut codes: Vec<&str> = all.iter().map(|(_, d)| d.code).collect();
    codes.sort_unstable();
    codes.dedup();
    assert!(codes.len() > 60, "many codes: {codes:?}");
    let mut bad = Vec::new();
    for (what, d) in &all {
        let texts = std::iter::once(("message", d.message.as_str()))
            .chain(d.help.as_deref().map(|h| ("help", h)));
        for (part, text) in texts {
            if let Some(why) = not_a_sentence(text) {
                bad.push(format!("{what} {} {part}: {why}: {text:?}", d.code));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
