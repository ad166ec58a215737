//! The go-live planner: the seed's worked example (4.16), every combination of access modes and
//! services (4.17), bad input, CSV import edge cases and the exports.

use std::collections::HashSet;

use ers_rules::name::{self, CheckOptions};
use ers_rules::plan::{
    Access, Euo, NOTES_PER_CODE, Plan, PlanRequest, Platform, Service, decode, parse_euo_csv,
    parse_euo_csv_bytes, plan, to_csv, to_markdown,
};
use ers_rules::{AccessMode, Capability, Environment, Severity};

const REFERRER: Access = Access::ApplicationRestricted(Capability::Referrer);
const PROVIDER: Access = Access::ApplicationRestricted(Capability::Provider);

fn request(euos: &[(&str, Option<&str>)], access: &[Access], services: &[&str]) -> PlanRequest {
    PlanRequest {
        product: "Care Vista Link".into(),
        supplier: Some("Care Vista".into()),
        euos: euos.iter().map(|(n, o)| Euo::new(*n, *o)).collect(),
        access: access.to_vec(),
        services: services.iter().map(|s| Service::parse(s)).collect(),
        ..PlanRequest::default()
    }
}

fn planned(req: &PlanRequest) -> Plan {
    match plan(req) {
        Ok(p) => p,
        Err(e) => panic!("plan failed: {e}"),
    }
}

fn codes(plan: &Plan) -> Vec<&'static str> {
    plan.notes.iter().map(|n| n.code).collect()
}

const THREE_TRUSTS: [(&str, Option<&str>); 3] = [
    ("Leeds Teaching Hospitals NHS Trust", Some("RR8")),
    ("Airedale NHS Foundation Trust", Some("RCF")),
    ("Harrogate and District NHS Foundation Trust", Some("RCD")),
];

mod worked_example {
    use super::*;

    /// 4.16: user-restricted, app-restricted referrer and provider → 3 ASIDs per EUO, named
    /// exactly as the page writes them (en dash before "Prod").
    #[test]
    fn three_asids_per_euo_named_as_4_16_writes_them() {
        let p = planned(&request(&THREE_TRUSTS, &Access::ALL, &[]));
        let names: Vec<&str> = p.asids.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Leeds Teaching Hospitals NHS Trust - Care Vista Link – Prod - User-Restricted (ASID 1)",
                "Leeds Teaching Hospitals NHS Trust - Care Vista Link – Prod - Application-Restricted - Referrer (ASID 2)",
                "Leeds Teaching Hospitals NHS Trust - Care Vista Link – Prod - Application-Restricted - Provider (ASID 3)",
                "Airedale NHS Foundation Trust - Care Vista Link – Prod - User-Restricted (ASID 1)",
                "Airedale NHS Foundation Trust - Care Vista Link – Prod - Application-Restricted - Referrer (ASID 2)",
                "Airedale NHS Foundation Trust - Care Vista Link – Prod - Application-Restricted - Provider (ASID 3)",
                "Harrogate and District NHS Foundation Trust - Care Vista Link – Prod - User-Restricted (ASID 1)",
                "Harrogate and District NHS Foundation Trust - Care Vista Link – Prod - Application-Restricted - Referrer (ASID 2)",
                "Harrogate and District NHS Foundation Trust - Care Vista Link – Prod - Application-Restricted - Provider (ASID 3)",
            ]
        );
        // The character before " Prod" is U+2013 EN DASH, as on the NHS page.
        assert!(names.iter().all(|n| n.contains(" \u{2013} Prod - ")));
        assert_eq!(p.totals.euos, 3);
        assert_eq!(p.totals.asids, 9);
        assert_eq!(p.totals.applications, 9);
        assert_eq!(p.totals.key_pairs, 9);
    }

    #[test]
    fn each_asid_carries_mode_capability_business_function_and_rule() {
        let p = planned(&request(&THREE_TRUSTS[..1], &Access::ALL, &[]));
        let rows: Vec<_> = p
            .asids
            .iter()
            .map(|a| {
                (
                    a.number,
                    a.access_mode,
                    a.capability,
                    a.business_function,
                    a.rule,
                    a.ods_code.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                (
                    1,
                    Some(AccessMode::UserRestricted),
                    None,
                    None,
                    "4.16",
                    Some("RR8")
                ),
                (
                    2,
                    Some(AccessMode::ApplicationRestricted),
                    Some(Capability::Referrer),
                    Some("REFERRER_AUTHORISED_APPLICATION"),
                    "4.16",
                    Some("RR8")
                ),
                (
                    3,
                    Some(AccessMode::ApplicationRestricted),
                    Some(Capability::Provider),
                    Some("PROVIDER_AUTHORISED_APPLICATION"),
                    "4.16",
                    Some("RR8")
                ),
            ]
        );
    }

    #[test]
    fn one_application_per_asid_with_its_one_api_and_4_14_name() {
        let p = planned(&request(&THREE_TRUSTS[..1], &Access::ALL, &[]));
        let apps: Vec<_> = p
            .applications
            .iter()
            .map(|a| {
                (
                    a.name.as_str(),
                    a.environment.name_token(),
                    a.access_mode,
                    a.api,
                    a.asid_index,
                    a.key_pairs,
                    a.rule,
                )
            })
            .collect();
        assert_eq!(
            apps,
            [
                (
                    "Care Vista - Care Vista Link for Leeds Teaching Hospitals NHS Trust - PROD - e-Referral Service, User Restricted",
                    "PROD",
                    AccessMode::UserRestricted,
                    "e-Referral Service - Healthcare Worker",
                    0,
                    1,
                    "4.14–4.16"
                ),
                (
                    "Care Vista - Care Vista Link Referrer for Leeds Teaching Hospitals NHS Trust - PROD - e-Referral Service, Application-Restricted",
                    "PROD",
                    AccessMode::ApplicationRestricted,
                    "e-Referral Service - Application Restricted",
                    1,
                    1,
                    "4.14–4.16"
                ),
                (
                    "Care Vista - Care Vista Link Provider for Leeds Teaching Hospitals NHS Trust - PROD - e-Referral Service, Application-Restricted",
                    "PROD",
                    AccessMode::ApplicationRestricted,
                    "e-Referral Service - Application Restricted",
                    2,
                    1,
                    "4.14–4.16"
                ),
            ]
        );
        // The one-to-one mapping holds both ways.
        for (i, app) in p.applications.iter().enumerate() {
            assert_eq!(p.asids[app.asid_index].application_index, Some(i));
        }
    }

    #[test]
    fn fixed_notes_cite_their_rules() {
        let p = planned(&request(&THREE_TRUSTS, &Access::ALL, &[]));
        let got: Vec<(&str, Severity, &str)> = p
            .notes
            .iter()
            .map(|n| (n.code, n.severity, n.rule))
            .collect();
        assert_eq!(
            got,
            [
                ("ERS-P020", Severity::Info, "4.16"),
                ("ERS-P026", Severity::Info, "4.2"),
                ("ERS-P024", Severity::Info, "4.16"),
            ]
        );
        assert!(p.notes[2].message.starts_with("Unconfirmed:"));
        // What the token server asks of a key, said where key pairs are planned (FACTS §4).
        let help = p.notes[1].help.as_deref().unwrap_or("");
        assert!(
            help.contains("the token server does not check key size"),
            "{help}"
        );
        assert!(help.contains("a JWK without \"alg\" is fine"), "{help}");
    }

    #[test]
    fn supplier_defaults_to_the_product_name_with_a_note() {
        let mut req = request(&THREE_TRUSTS[..1], &[Access::UserRestricted], &[]);
        req.supplier = Some("   ".into());
        let p = planned(&req);
        assert_eq!(p.supplier, "Care Vista Link");
        assert_eq!(
            p.applications[0].name,
            "Care Vista Link - Care Vista Link for Leeds Teaching Hospitals NHS Trust - PROD - e-Referral Service, User Restricted"
        );
        assert_eq!(codes(&p)[0], "ERS-P025");
    }
}

mod combinations {
    use super::*;

    /// Every non-empty subset of the three ways of reaching e-RS, in 4.16's order.
    fn subsets() -> Vec<Vec<Access>> {
        (1u8..8)
            .map(|bits| {
                Access::ALL
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| bits & (1 << i) != 0)
                    .map(|(_, a)| *a)
                    .collect()
            })
            .collect()
    }

    /// (services, APIM services expected, shareable expected, notes expected beyond the fixed)
    /// (services given, APIM services, shareable services, codes beyond the fixed notes)
    type ServiceCase = (
        &'static [&'static str],
        &'static [&'static str],
        &'static [&'static str],
        &'static [&'static str],
    );

    const SERVICE_CASES: [ServiceCase; 7] = [
        (&[], &[], &[], &[]),
        (&["PDS"], &["PDS"], &[], &["ERS-P021"]),
        (
            &["PDS", "EPS", "SCR"],
            &["PDS", "EPS", "SCR"],
            &[],
            &["ERS-P021"],
        ),
        (&["NEMS", "CP-IS"], &[], &["NEMS", "CP-IS"], &["ERS-P022"]),
        (
            &["GP Connect"],
            &[],
            &["GP Connect"],
            &["ERS-P022", "ERS-P023"],
        ),
        (
            &["eps", "gpconnect", "apim:NRL", "NEMS"],
            &["EPS", "NRL"],
            &["GP Connect", "NEMS"],
            &["ERS-P021", "ERS-P022", "ERS-P023"],
        ),
        (
            &["Mystery Service", "PDS"],
            &["PDS"],
            &[],
            &["ERS-P012", "ERS-P021"],
        ),
    ];

    #[test]
    fn every_combination_of_modes_and_services() {
        let euos = [("Leeds", Some("RR8")), ("Airedale", None)];
        for access in subsets() {
            for (services, apim, shareable, extra) in SERVICE_CASES {
                let what = format!("{access:?} {services:?}");
                let p = planned(&request(&euos, &access, services));
                let per_euo = access.len() + usize::from(!apim.is_empty());
                assert_eq!(p.totals.asids, 2 * per_euo, "{what}");
                assert_eq!(p.totals.applications, 2 * access.len(), "{what}");
                assert_eq!(p.totals.key_pairs, 2 * access.len(), "{what}");
                assert_eq!(p.asids.len(), p.totals.asids, "{what}");
                assert_eq!(p.applications.len(), p.totals.applications, "{what}");

                for (e, org) in ["Leeds", "Airedale"].iter().enumerate() {
                    let mine: Vec<_> = p.asids.iter().filter(|a| a.euo_index == e).collect();
                    // Numbered 1..n within the EUO, in 4.16's order.
                    let numbers: Vec<usize> = mine.iter().map(|a| a.number).collect();
                    assert_eq!(numbers, (1..=per_euo).collect::<Vec<_>>(), "{what}");
                    for (a, acc) in mine.iter().zip(&access) {
                        assert_eq!(a.access_mode, Some(acc.mode()), "{what}");
                        assert_eq!(a.capability, acc.capability(), "{what}");
                        assert_eq!(
                            a.name,
                            format!(
                                "{org} - Care Vista Link – Prod - {} (ASID {})",
                                acc.asid_form(),
                                a.number
                            ),
                            "{what}"
                        );
                    }
                    if !apim.is_empty() {
                        let last = mine.last().map(|a| {
                            (
                                a.name.clone(),
                                a.rule,
                                a.access_mode,
                                a.services.clone(),
                                a.application_index,
                            )
                        });
                        assert_eq!(
                            last,
                            Some((
                                format!(
                                    "{org} - Care Vista Link – Prod - APIM Platform Services (ASID {per_euo})"
                                ),
                                "4.17",
                                None,
                                apim.iter().map(|s| s.to_string()).collect(),
                                None
                            )),
                            "{what}"
                        );
                    }
                }

                let got_apim: Vec<&str> = p
                    .services
                    .iter()
                    .filter(|s| s.platform == Platform::Apim)
                    .map(|s| s.name.as_str())
                    .collect();
                let got_shared: Vec<&str> = p
                    .services
                    .iter()
                    .filter(|s| s.platform == Platform::Shareable)
                    .map(|s| s.name.as_str())
                    .collect();
                assert_eq!(got_apim, apim, "{what}");
                assert_eq!(got_shared, shareable, "{what}");

                let mut expected = vec!["ERS-P020", "ERS-P026"];
                expected.extend_from_slice(extra);
                if access.contains(&Access::UserRestricted) {
                    expected.push("ERS-P024");
                }
                expected.sort_unstable();
                let mut got = codes(&p);
                got.sort_unstable();
                assert_eq!(got, expected, "{what}");

                for app in &p.applications {
                    let options = CheckOptions {
                        environment: Some(Environment::Prod),
                        access_mode: Some(app.access_mode),
                    };
                    let result = name::check(&app.name, &options);
                    assert_eq!(result.diagnostics, [], "{} ({what})", app.name);
                    assert!(result.valid);
                }
                let names: HashSet<&str> = p.applications.iter().map(|a| a.name.as_str()).collect();
                assert_eq!(
                    names.len(),
                    p.applications.len(),
                    "application names unique: {what}"
                );
                let asid_names: HashSet<&str> = p.asids.iter().map(|a| a.name.as_str()).collect();
                assert_eq!(asid_names.len(), p.asids.len(), "ASID names unique: {what}");
            }
        }
    }

    #[test]
    fn repeated_and_unordered_access_is_planned_once_in_4_16_order() {
        let p = planned(&request(
            &[("Leeds", None)],
            &[PROVIDER, Access::UserRestricted, PROVIDER, REFERRER],
            &[],
        ));
        assert_eq!(
            p.access,
            [
                "user-restricted",
                "application-restricted-referrer",
                "application-restricted-provider"
            ]
        );
        assert_eq!(p.totals.asids, 3);
    }

    #[test]
    fn provider_only_is_asid_1() {
        let p = planned(&request(&[("Leeds", None)], &[PROVIDER], &[]));
        assert_eq!(
            p.asids[0].name,
            "Leeds - Care Vista Link – Prod - Application-Restricted - Provider (ASID 1)"
        );
        assert_eq!(
            p.applications[0].name,
            "Care Vista - Care Vista Link Provider for Leeds - PROD - e-Referral Service, Application-Restricted"
        );
    }

    #[test]
    fn gp_connect_caveat_is_shown_and_unknown_services_are_asked_about() {
        let p = planned(&request(
            &[("Leeds", None)],
            &[REFERRER],
            &["GP Connect", "Foo"],
        ));
        let p023 = p
            .notes
            .iter()
            .find(|n| n.code == "ERS-P023")
            .map(|n| n.severity);
        assert_eq!(p023, Some(Severity::Info));
        let p012 = p.notes.iter().find(|n| n.code == "ERS-P012");
        assert_eq!(
            p012.map(|n| (n.severity, n.rule)),
            Some((Severity::Warning, "4.17"))
        );
        assert!(p012.is_some_and(|n| n.message.contains("\"Foo\"")));
        // The unknown service is kept, as unknown, and gets no ASID.
        assert_eq!(p.services[1], Service::new("Foo", Platform::Unknown));
        assert_eq!(p.totals.asids, 1);
    }
}

mod bad_input {
    use super::*;

    fn error_codes(req: &PlanRequest) -> Vec<&'static str> {
        match plan(req) {
            Ok(_) => panic!("expected an error"),
            Err(e) => {
                assert!(e.problems.iter().all(|n| n.severity == Severity::Error));
                e.problems.iter().map(|n| n.code).collect()
            }
        }
    }

    #[test]
    fn each_missing_input_has_its_own_code() {
        let ok = request(&[("Leeds", None)], &[Access::UserRestricted], &[]);
        let cases: [(&str, PlanRequest, &[&str]); 5] = [
            (
                "empty product",
                PlanRequest {
                    product: " \t".into(),
                    ..ok.clone()
                },
                &["ERS-P001"],
            ),
            (
                "no EUO",
                PlanRequest {
                    euos: vec![],
                    ..ok.clone()
                },
                &["ERS-P002"],
            ),
            (
                "no access mode",
                PlanRequest {
                    access: vec![],
                    ..ok.clone()
                },
                &["ERS-P003"],
            ),
            (
                "unnamed EUO",
                PlanRequest {
                    euos: vec![Euo::new("Leeds", None), Euo::new("  ", Some("RR8"))],
                    ..ok.clone()
                },
                &["ERS-P004"],
            ),
            (
                "all at once",
                PlanRequest {
                    product: String::new(),
                    euos: vec![],
                    access: vec![],
                    ..ok.clone()
                },
                &["ERS-P001", "ERS-P002", "ERS-P003"],
            ),
        ];
        for (what, req, expected) in cases {
            assert_eq!(error_codes(&req), expected, "{what}");
        }
    }

    #[test]
    fn error_message_says_what_and_how_to_fix() {
        let req = request(&[], &[Access::UserRestricted], &[]);
        let err = plan(&req).err().map(|e| (e.code(), e.to_string()));
        assert_eq!(
            err,
            Some((
                "ERS-P002",
                "ERS-P002: There is no end-user organisation. Add at least one end-user organisation (EUO), typed in or imported from CSV: each needs its own ASIDs (4.16).".to_owned()
            ))
        );
    }

    #[test]
    fn unnamed_euo_points_at_its_line() {
        let req = PlanRequest {
            euos: vec![Euo::new("", Some("RR8")).at_line(7)],
            ..request(&[], &[Access::UserRestricted], &[])
        };
        let err = plan(&req).err();
        let first = err.as_ref().and_then(|e| e.problems.first());
        assert_eq!(
            first.map(|n| (n.code, n.context.euo, n.context.line, n.message.as_str())),
            Some(("ERS-P004", Some(0), Some(7), "EUO 1 (line 7) has no name."))
        );
    }

    #[test]
    fn duplicates_are_reported_and_planned_not_merged() {
        let euos = [
            ("Leeds", Some("RR8")),
            ("leeds", Some("rr8")), // same name, same ODS (case aside): duplicate
            ("Leeds Teaching", Some("RR8")), // same ODS, other name: duplicate
            ("Boots", Some("FA123")),
            ("Boots", Some("FB456")), // same name, different ODS: two organisations
            ("Airedale", None),
            ("Airedale", None), // same name, no ODS: duplicate
        ];
        let p = planned(&request(&euos, &[Access::UserRestricted, REFERRER], &[]));
        assert_eq!(p.totals.euos, 7);
        assert_eq!(p.totals.asids, 14);
        let dupes: Vec<(Option<usize>, &str)> = p
            .notes
            .iter()
            .filter(|n| n.code == "ERS-P010")
            .map(|n| (n.context.euo, n.message.as_str()))
            .collect();
        assert_eq!(
            dupes,
            [
                (
                    Some(1),
                    "EUO 2 \"leeds\" has the same name as EUO 1 \"Leeds\": both are planned, so this organisation gets its ASIDs twice."
                ),
                (
                    Some(2),
                    "EUO 3 \"Leeds Teaching\" has the same ODS code as EUO 1 \"Leeds\": both are planned, so this organisation gets its ASIDs twice."
                ),
                (
                    Some(6),
                    "EUO 7 \"Airedale\" has the same name as EUO 6 \"Airedale\": both are planned, so this organisation gets its ASIDs twice."
                ),
            ]
        );
        // Every name stays unique: a shared name gets the ODS code, or else a counter.
        let orgs: Vec<&str> = p
            .asids
            .iter()
            .step_by(2)
            .map(|a| &*a.organisation)
            .collect();
        assert_eq!(
            orgs,
            [
                "Leeds (RR8)",
                "leeds (rr8) (2)",
                "Leeds Teaching",
                "Boots (FA123)",
                "Boots (FB456)",
                "Airedale",
                "Airedale (2)"
            ]
        );
        let names: HashSet<&str> = p.applications.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names.len(), p.applications.len());
    }

    #[test]
    fn unusual_ods_codes_are_flagged_not_refused() {
        let euos = [
            ("A", Some("RR8")),
            ("B", Some("RR-8")),
            ("C", Some("ABCDEFGHIJ")),
            ("D", Some("rr8")),
            ("E", Some("K81003001")),
        ];
        let p = planned(&request(&euos, &[Access::UserRestricted], &[]));
        assert_eq!(p.totals.asids, 5);
        let flagged: Vec<Option<usize>> = p
            .notes
            .iter()
            .filter(|n| n.code == "ERS-P011")
            .map(|n| n.context.euo)
            .collect();
        assert_eq!(flagged, [Some(1), Some(2), Some(3)]);
        assert_eq!(p.asids[1].ods_code.as_deref(), Some("RR-8"));
    }

    #[test]
    fn separators_inside_organisation_names_still_check_clean() {
        let p = planned(&request(
            &[("Leeds - St James's, Beckett St", None)],
            &[Access::UserRestricted],
            &[],
        ));
        // The checker reads 4.14's parts from the right, so the app part may hold ` - ` and `,`.
        assert_eq!(
            p.applications[0].name,
            "Care Vista - Care Vista Link for Leeds - St James's, Beckett St - PROD - e-Referral Service, User Restricted"
        );
        assert!(!codes(&p).contains(&"ERS-P013"));
        assert_eq!(
            p.asids[0].name,
            "Leeds - St James's, Beckett St - Care Vista Link – Prod - User-Restricted (ASID 1)"
        );
    }

    #[test]
    fn a_spaced_dash_in_the_supplier_is_joined_with_a_warning() {
        let cases = [
            ("Smith - Jones", "Smith-Jones"),
            ("Smith – Jones Ltd", "Smith-Jones Ltd"),
            ("Smith -Jones", "Smith-Jones"),
            ("Smith-Jones", "Smith-Jones"),
            ("A & B, Ltd", "A & B, Ltd"),
            // The dashes the name checker reads as separators, every one of them.
            ("Smith \u{2043} Jones", "Smith-Jones"),
            ("Smith \u{FE58} Jones", "Smith-Jones"),
            ("Smith \u{FE63} Jones", "Smith-Jones"),
            ("Smith \u{FF0D} Jones", "Smith-Jones"),
        ];
        for (given, used) in cases {
            let mut req = request(&[("Leeds", None)], &[REFERRER], &[]);
            req.supplier = Some(given.into());
            let p = planned(&req);
            assert_eq!(
                p.applications[0].name,
                format!(
                    "{used} - Care Vista Link Referrer for Leeds - PROD - e-Referral Service, Application-Restricted"
                ),
                "{given}"
            );
            assert_eq!(codes(&p).contains(&"ERS-P014"), given != used, "{given}");
            assert!(!codes(&p).contains(&"ERS-P013"), "{given}");
        }
    }

    #[test]
    fn names_the_checker_refuses_are_reported_not_hidden() {
        let long = "Very Long Organisation Name ".repeat(9);
        let euos = [
            ("Zero\u{200B}Width", Some("RR8")),
            (long.as_str(), None),
            ("Plain", None),
        ];
        let p = planned(&request(&euos, &[Access::UserRestricted], &[]));
        let p013: Vec<(Option<usize>, bool)> = p
            .notes
            .iter()
            .filter(|n| n.code == "ERS-P013")
            .map(|n| (n.context.euo, n.message.contains("ERS-N00")))
            .collect();
        assert_eq!(p013, [(Some(0), true), (Some(1), true)]);
        assert_eq!(p.totals.applications, 3, "still planned");
    }

    #[test]
    fn many_notes_of_one_code_are_folded() {
        let euos: Vec<(String, Option<&str>)> = (0..250)
            .map(|i| (format!("Org {i}"), Some("bad-code")))
            .collect();
        let refs: Vec<(&str, Option<&str>)> = euos.iter().map(|(n, o)| (n.as_str(), *o)).collect();
        let p = planned(&request(&refs, &[REFERRER], &[]));
        let p011: Vec<&str> = p
            .notes
            .iter()
            .filter(|n| n.code == "ERS-P011")
            .map(|n| n.message.as_str())
            .collect();
        assert_eq!(p011.len(), NOTES_PER_CODE + 1);
        assert_eq!(
            p011.last().copied(),
            Some("… and 150 more like this (ERS-P011), not listed one by one.")
        );
    }
}

mod csv_import {
    use super::*;

    type Read = (
        Vec<(String, Option<String>, Option<usize>)>,
        Vec<(&'static str, Option<usize>)>,
    );

    fn read(text: &str) -> Read {
        let import = parse_euo_csv(text);
        (
            import
                .euos
                .into_iter()
                .map(|e| (e.name, e.ods_code, e.line))
                .collect(),
            import
                .problems
                .into_iter()
                .map(|p| (p.code, p.context.line))
                .collect(),
        )
    }

    fn euo(name: &str, ods: Option<&str>, line: usize) -> (String, Option<String>, Option<usize>) {
        (name.to_owned(), ods.map(str::to_owned), Some(line))
    }

    #[test]
    fn header_in_any_order_by_name() {
        let cases = [
            "Organisation,ODS code\nLeeds,RR8\nAiredale,RCF\n",
            "ODS code,Organisation\nRR8,Leeds\nRCF,Airedale\n",
            "ods,name\nRR8,Leeds\nRCF,Airedale\n",
            "Region,Organization Name,Notes,ODS\nNorth,Leeds,x,RR8\nNorth,Airedale,,RCF\n",
            "  ORG CODE , EUO \nRR8,Leeds\nRCF,Airedale\n",
        ];
        for text in cases {
            let (euos, problems) = read(text);
            assert_eq!(
                euos,
                [
                    euo("Leeds", Some("RR8"), 2),
                    euo("Airedale", Some("RCF"), 3)
                ],
                "{text:?}"
            );
            assert_eq!(problems, [("ERS-P033", Some(1))], "{text:?}");
        }
    }

    #[test]
    fn a_first_row_of_data_is_not_taken_for_a_header() {
        for text in [
            "Woodside Practice,Y01234\nAiredale,RCF\n",
            "Odsal Medical Centre,B83001\nAiredale,RCF\n",
            "National Organisation for Care,A1\nAiredale,RCF\n",
        ] {
            let (euos, problems) = read(text);
            assert_eq!(euos.len(), 2, "{text:?}");
            assert_eq!(euos[0].2, Some(1), "{text:?}");
            assert_eq!(problems, [("ERS-P033", None)], "{text:?}");
        }
    }

    #[test]
    fn header_with_only_a_name_column() {
        let (euos, _) = read("Organisation\nLeeds\nAiredale");
        assert_eq!(euos, [euo("Leeds", None, 2), euo("Airedale", None, 3)]);
    }

    #[test]
    fn two_unnamed_columns() {
        let (euos, problems) = read("Leeds,RR8\nAiredale,RCF\nHarrogate\n");
        assert_eq!(
            euos,
            [
                euo("Leeds", Some("RR8"), 1),
                euo("Airedale", Some("RCF"), 2),
                euo("Harrogate", None, 3)
            ]
        );
        assert_eq!(problems, [("ERS-P033", None)]);
    }

    #[test]
    fn two_unnamed_columns_swapped_are_spotted() {
        let (euos, problems) = read("RR8,Leeds Teaching Hospitals\nRCF,Airedale\n");
        assert_eq!(
            euos,
            [
                euo("Leeds Teaching Hospitals", Some("RR8"), 1),
                euo("Airedale", Some("RCF"), 2)
            ]
        );
        let import = parse_euo_csv("RR8,Leeds Teaching Hospitals\nRCF,Airedale\n");
        assert!(
            import.problems[0]
                .message
                .contains("column 1 was read as the ODS code")
        );
        assert_eq!(problems, [("ERS-P033", None)]);
    }

    #[test]
    fn quoted_fields_with_commas_quotes_and_newlines() {
        let text = "Organisation,ODS\n\"Guy's and St Thomas', London\",RJ1\n\"The \"\"Best\"\" Practice\",A81001\n\"Two\nLines\",B1\n\"Last\",\"C2\"\n";
        let (euos, problems) = read(text);
        assert_eq!(
            euos,
            [
                euo("Guy's and St Thomas', London", Some("RJ1"), 2),
                euo("The \"Best\" Practice", Some("A81001"), 3),
                euo("Two Lines", Some("B1"), 4),
                euo("Last", Some("C2"), 6),
            ]
        );
        assert_eq!(problems, [("ERS-P033", Some(1))]);
    }

    #[test]
    fn bom_semicolon_crlf_and_excel_habits() {
        let cases = [
            (
                "\u{FEFF}Organisation,ODS code\r\nLeeds,RR8\r\nAiredale,RCF\r\n",
                2,
            ),
            ("Organisation;ODS code\r\nLeeds;RR8\r\nAiredale;RCF\r\n", 2),
            // Semicolon file with commas in names (Excel does not quote them).
            (
                "Organisation;ODS code\nLeeds, St James;RR8\nAiredale;RCF\n",
                2,
            ),
            // Excel's sep= hint line, trailing empty cells, blank rows.
            (
                "sep=;\r\nOrganisation;ODS code;;\r\nLeeds;RR8;;\r\n;;;\r\n\r\nAiredale;RCF;;\r\n",
                3,
            ),
            ("Organisation\tODS code\nLeeds\tRR8\nAiredale\tRCF\n", 2),
            ("Organisation,ODS code\rLeeds,RR8\rAiredale,RCF\r", 2),
        ];
        for (text, first) in cases {
            let import = parse_euo_csv(text);
            let got: Vec<(String, Option<String>)> = import
                .euos
                .iter()
                .map(|e| (e.name.clone(), e.ods_code.clone()))
                .collect();
            let leeds = if text.contains("Leeds, St James") {
                "Leeds, St James"
            } else {
                "Leeds"
            };
            assert_eq!(
                got,
                [
                    (leeds.to_owned(), Some("RR8".to_owned())),
                    ("Airedale".to_owned(), Some("RCF".to_owned()))
                ],
                "{text:?}"
            );
            assert_eq!(import.euos[0].line, Some(first), "{text:?}");
            assert!(!import.has_errors(), "{text:?}");
        }
    }

    #[test]
    fn excel_windows_1252_and_utf16_bytes() {
        // "Hôpital Saint-Léon", "RR8" as Excel's "CSV (Comma delimited)" writes it on Windows.
        let mut cp1252: Vec<u8> = b"Organisation,ODS\r\nH".to_vec();
        cp1252.extend_from_slice(&[0xF4]);
        cp1252.extend_from_slice(b"pital Saint-L");
        cp1252.push(0xE9);
        cp1252.extend_from_slice(b"on \x96 Main,RR8\r\n");
        let import = parse_euo_csv_bytes(&cp1252);
        assert_eq!(
            import.euos.first().map(|e| e.name.as_str()),
            Some("Hôpital Saint-Léon – Main")
        );
        assert_eq!(
            import.problems.first().map(|p| (p.code, p.severity)),
            Some(("ERS-P035", Severity::Warning))
        );

        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "Organisation\tODS\r\nLéon\tRR8\r\n".encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        let import = parse_euo_csv_bytes(&utf16);
        assert_eq!(
            import
                .euos
                .first()
                .map(|e| (e.name.as_str(), e.ods_code.as_deref())),
            Some(("Léon", Some("RR8")))
        );
        assert_eq!(
            import.problems.first().map(|p| (p.code, p.severity)),
            Some(("ERS-P035", Severity::Info))
        );

        assert_eq!(decode(b"\xEF\xBB\xBFabc"), ("abc".to_owned(), "UTF-8"));
    }

    #[test]
    fn unreadable_rows_are_reported_with_line_numbers_and_the_rest_import() {
        let text =
            "Organisation,ODS\nLeeds,RR8\n\"Broken, RCF\nAiredale,RCF\n,RCD\nHarrogate,RCD\n";
        let (euos, problems) = read(text);
        assert_eq!(
            euos,
            [
                euo("Leeds", Some("RR8"), 2),
                euo("Airedale", Some("RCF"), 4),
                euo("Harrogate", Some("RCD"), 6)
            ]
        );
        assert_eq!(
            problems,
            [
                ("ERS-P030", Some(3)),
                ("ERS-P033", Some(1)),
                ("ERS-P031", Some(5))
            ]
        );
        let import = parse_euo_csv(text);
        assert_eq!(
            import.problems[2].message,
            "Line 5: no organisation name (ODS code \"RCD\"), so this row was not imported."
        );
        assert!(import.has_errors());
    }

    #[test]
    fn files_with_nothing_to_import() {
        let cases: [(&str, &[&str]); 4] = [
            ("", &["ERS-P032"]),
            ("\u{FEFF}\r\n,,\r\n", &["ERS-P032"]),
            ("Organisation,ODS\n", &["ERS-P033", "ERS-P032"]),
            ("ODS code,Region\nRR8,North\n", &["ERS-P038"]),
        ];
        for (text, expected) in cases {
            let import = parse_euo_csv(text);
            let got: Vec<&str> = import.problems.iter().map(|p| p.code).collect();
            assert_eq!(got, expected, "{text:?}");
            assert!(import.euos.is_empty());
        }
    }

    #[test]
    fn headerless_extra_cells_are_mentioned() {
        let (euos, problems) = read("Leeds,RR8,North\nAiredale,RCF\n");
        assert_eq!(euos.len(), 2);
        assert_eq!(problems, [("ERS-P033", None), ("ERS-P034", Some(1))]);
    }

    #[test]
    fn imported_lines_reach_the_plan_notes() {
        let import = parse_euo_csv("Organisation,ODS\nLeeds,RR8\nLeeds,RR8\n");
        let req = PlanRequest {
            euos: import.euos,
            ..request(&[], &[REFERRER], &[])
        };
        let p = planned(&req);
        let dupe = p.notes.iter().find(|n| n.code == "ERS-P010");
        assert_eq!(dupe.map(|n| n.context.line), Some(Some(3)));
        assert!(dupe.is_some_and(|n| n.message.starts_with("EUO 2 (line 3) \"Leeds\"")));
    }
}

mod export {
    use super::*;

    fn sample() -> Plan {
        planned(&request(&THREE_TRUSTS[..2], &Access::ALL, &["PDS"]))
    }

    #[test]
    fn csv_has_bom_header_crlf_and_one_row_per_asid() {
        let p = sample();
        let csv = to_csv(&p);
        assert!(csv.starts_with("\u{FEFF}Organisation,ODS code,ASID number,ASID name,"));
        let lines: Vec<&str> = csv.trim_start_matches('\u{FEFF}').split("\r\n").collect();
        assert_eq!(lines.len(), 1 + p.asids.len() + 1); // header, rows, empty after last CRLF
        assert_eq!(lines.last(), Some(&""));
        assert_eq!(
            lines[1],
            "Leeds Teaching Hospitals NHS Trust,RR8,1,Leeds Teaching Hospitals NHS Trust - Care Vista Link – Prod - User-Restricted (ASID 1),user-restricted,,,,e-RS user-restricted access: healthcare workers signed in with NHS CIS2,4.16,\"Care Vista - Care Vista Link for Leeds Teaching Hospitals NHS Trust - PROD - e-Referral Service, User Restricted\",PROD,e-Referral Service - Healthcare Worker,1,4.14–4.16,,,,,,"
        );
        assert_eq!(
            lines[4],
            "Leeds Teaching Hospitals NHS Trust,RR8,4,Leeds Teaching Hospitals NHS Trust - Care Vista Link – Prod - APIM Platform Services (ASID 4),,,,PDS,PDS: services on the NHS API platform cannot share the e-RS ASID,4.17,,,,,,,,,,,"
        );
    }

    #[test]
    fn csv_injection_is_neutralised() {
        let mut cell = String::new();
        let cases = [
            (
                "=HYPERLINK(\"http://x\")",
                "\"'=HYPERLINK(\"\"http://x\"\")\"",
            ),
            ("+44 113", "\"'+44 113\""),
            ("-1+1", "\"'-1+1\""),
            ("@SUM(A1)", "\"'@SUM(A1)\""),
            ("\tTab", "\"'\tTab\""),
            ("\rCR", "\"'\rCR\""),
            ("Plain", "Plain"),
            ("a=b", "a=b"),
            ("semi;colon", "\"semi;colon\""),
        ];
        for (input, expected) in cases {
            cell.clear();
            ers_rules::plan::push_csv_cell(&mut cell, input);
            assert_eq!(cell, expected, "{input:?}");
        }
        // In a whole plan: an organisation named like a formula.
        let p = planned(&request(
            &[("=cmd|' /C calc'!A0", Some("RR8"))],
            &[Access::UserRestricted],
            &[],
        ));
        let csv = to_csv(&p);
        let row = csv.split("\r\n").nth(1).unwrap_or_default();
        assert!(row.starts_with("\"'=cmd|' /C calc'!A0\",RR8,1,"), "{row}");
    }

    /// Python's csv module (an independent reader) reads our CSV back cell for cell.
    #[test]
    fn python_csv_reads_the_export_back() {
        let p = planned(&request(
            &[
                ("Guy's, \"St\" Thomas'\nLondon", Some("RJ1")),
                ("-Minus", None),
            ],
            &Access::ALL,
            &["EPS"],
        ));
        let csv = to_csv(&p);
        let dir = std::env::temp_dir().join(format!("ers-plan-csv-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let file = dir.join("plan.csv");
        assert!(std::fs::write(&file, &csv).is_ok());
        let script = "import csv,json,sys\nwith open(sys.argv[1], newline='', encoding='utf-8-sig') as f:\n    print(json.dumps(list(csv.reader(f))))\n";
        let out = std::process::Command::new("python3")
            .arg("-c")
            .arg(script)
            .arg(&file)
            .output();
        let out = match out {
            Ok(o) if o.status.success() => o.stdout,
            other => panic!("python3 failed: {other:?}"),
        };
        let rows: Vec<Vec<String>> = match serde_json::from_slice(&out) {
            Ok(r) => r,
            Err(e) => panic!("bad JSON from python: {e}"),
        };
        assert_eq!(rows.len(), 1 + p.asids.len());
        assert_eq!(rows[0], ers_rules::plan::csv_columns());
        for (row, asid) in rows[1..].iter().zip(&p.asids) {
            assert_eq!(row.len(), ers_rules::plan::csv_columns().len());
            let org = if asid.organisation.starts_with('-') {
                format!("'{}", asid.organisation)
            } else {
                asid.organisation.to_string()
            };
            assert_eq!(row[0], org);
            assert_eq!(
                row[3],
                if asid.name.starts_with('-') {
                    format!("'{}", asid.name)
                } else {
                    asid.name.clone()
                }
            );
            let app = asid
                .application_index
                .map(|i| p.applications[i].name.clone())
                .unwrap_or_default();
            assert_eq!(
                row[10],
                if app.starts_with('-') {
                    format!("'{app}")
                } else {
                    app
                }
            );
        }
        assert_eq!(rows[1][0], "Guy's, \"St\" Thomas' London");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn markdown_has_totals_a_row_per_asid_and_the_notes() {
        let p = planned(&request(
            &[("A | B", Some("RR8"))],
            &[Access::UserRestricted, REFERRER],
            &["PDS"],
        ));
        let md = to_markdown(&p);
        assert!(md.starts_with("# e-RS go-live plan: Care Vista Link\n\nSupplier: Care Vista. End-user organisations: 1. ASIDs: 3. PROD applications: 2. Key pairs: 2.\n"));
        let rows: Vec<&str> = md
            .lines()
            .filter(|l| l.starts_with("| A \\| B |"))
            .collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(
            rows[0],
            "| A \\| B | RR8 | A \\| B - Care Vista Link – Prod - User-Restricted (ASID 1) | user-restricted |  | Care Vista - Care Vista Link for A \\| B - PROD - e-Referral Service, User Restricted | e-Referral Service - Healthcare Worker | 4.16 |  |"
        );
        assert!(md.contains("\n## Notes\n\n- **ERS-P020** (info, rule 4.16): "));
        assert!(md.contains("- **ERS-P021** (info, rule 4.17): PDS: "));
    }

    #[test]
    fn markdown_shows_links_images_and_html_in_names_as_text() {
        let hostile = "[click](https://evil.example/) ![t](https://evil.example/t.png) <img src=x onerror=alert(1)> http://evil.example WWW.evil.example a@evil.example";
        let p = planned(&request(
            &[(hostile, Some("RR8"))],
            &[Access::UserRestricted],
            &[],
        ));
        let md = to_markdown(&p);
        let row = md
            .lines()
            .find(|l| l.starts_with("| \\[click\\]"))
            .expect("the organisation's row");
        assert!(
            row.starts_with("| \\[click\\](https\\://evil.example/) \\!\\[t\\](https\\://evil.example/t.png) \\<img src=x onerror=alert(1)\\> http\\://evil.example WWW\\.evil.example a\\@evil.example | RR8 |"),
            "{row}"
        );
        ers_test_support::assert_no_live_markdown(&md);
    }

    #[cfg(feature = "serde")]
    #[test]
    fn json_has_the_design_shape() {
        let p = planned(&request(
            &[("Leeds", Some("RR8")), ("Airedale", None)],
            &[Access::UserRestricted, PROVIDER],
            &["SCR"],
        ));
        let json = ers_rules::plan::to_json(&p).unwrap_or_default();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(
            v["totals"],
            serde_json::json!({"euos": 2, "asids": 6, "applications": 4, "key_pairs": 4})
        );
        assert_eq!(
            v["asids"][0],
            serde_json::json!({
                "organisation": "Leeds", "ods_code": "RR8",
                "name": "Leeds - Care Vista Link – Prod - User-Restricted (ASID 1)", "number": 1,
                "access_mode": "user-restricted",
                "purpose": "e-RS user-restricted access: healthcare workers signed in with NHS CIS2",
                "rule": "4.16", "euo_index": 0, "application_index": 0
            })
        );
        assert_eq!(v["asids"][5]["access_mode"], serde_json::Value::Null);
        assert_eq!(v["asids"][5]["services"], serde_json::json!(["SCR"]));
        assert!(v["asids"][3].get("ods_code").is_none());
        assert_eq!(
            v["applications"][1],
            serde_json::json!({
                "name": "Care Vista - Care Vista Link Provider for Leeds - PROD - e-Referral Service, Application-Restricted",
                "environment": "prod", "access_mode": "application-restricted", "capability": "provider",
                "business_function": "PROVIDER_AUTHORISED_APPLICATION",
                "api": "e-Referral Service - Application Restricted", "organisation": "Leeds", "ods_code": "RR8",
                "asid_index": 1, "key_pairs": 1, "rule": "4.14–4.16"
            })
        );
        assert_eq!(v["notes"][0]["code"], "ERS-P020");
        assert_eq!(v["notes"][0]["severity"], "info");
    }
}

mod names_property {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Whatever the organisation is called, every application name either checks clean or
        /// carries an ERS-P013 warning for its EUO: the plan never hands out a name that fails
        /// the 4.14 checker silently (its fast path for plain names agrees with the checker).
        #[test]
        fn every_application_name_checks_clean_or_is_reported(
            org in "[A-Za-z0-9 ,.'&()/=|!#_:\\-\u{2013}\u{00E9}\u{200B}]{1,40}",
            supplier in "[A-Za-z -]{1,20}",
        ) {
            let mut req = request(&[(org.as_str(), None)], &Access::ALL, &[]);
            req.supplier = Some(supplier);
            let Ok(p) = plan(&req) else {
                // Only an organisation name of nothing but spaces is refused.
                prop_assert!(org.trim().is_empty());
                return Ok(());
            };
            let reported = codes(&p).contains(&"ERS-P013");
            for app in &p.applications {
                let options = CheckOptions {
                    environment: Some(Environment::Prod),
                    access_mode: Some(app.access_mode),
                };
                let result = name::check(&app.name, &options);
                prop_assert!(result.valid || reported, "{} fails silently: {:?}", app.name, result.diagnostics);
            }
        }
    }
}

/// A CSV over the 20 MB limit is refused before it is read (ERS-P039), naming the limit.
#[test]
fn a_csv_over_the_limit_is_refused_unread() {
    let big = vec![b'a'; ers_rules::limits::CSV.max_bytes + 1];
    for import in [
        parse_euo_csv_bytes(&big),
        parse_euo_csv(std::str::from_utf8(&big).unwrap()),
    ] {
        assert!(import.euos.is_empty());
        assert_eq!(import.problems.len(), 1);
        assert_eq!(import.problems[0].code, "ERS-P039");
        assert!(
            import.problems[0]
                .message
                .starts_with("A CSV file is limited to 20 MB, and this one is more than 20 MB")
        );
    }
}

/// Many EUOs sharing one name get distinct labels, in order, as before the linear rewrite.
#[test]
fn labels_of_many_euos_sharing_a_name() {
    let euos: Vec<Euo> = (0..5)
        .map(|_| Euo::parse("Leeds"))
        .chain([Euo::parse("Leeds (2)")])
        .collect();
    let plan = plan(&PlanRequest {
        product: "P".into(),
        euos,
        access: vec![Access::UserRestricted],
        ..PlanRequest::default()
    })
    .expect("a plan");
    let orgs: Vec<&str> = plan.asids.iter().map(|a| &*a.organisation).collect();
    assert_eq!(
        orgs,
        [
            "Leeds",
            "Leeds (2)",
            "Leeds (3)",
            "Leeds (4)",
            "Leeds (5)",
            "Leeds (2) (2)"
        ]
    );
}

/// The supplier shapes the names: the default patterns written out plan the same names as no
/// pattern; a pattern of their own names every application and ASID by it, each checked.
#[test]
fn naming_patterns_shape_the_plan() {
    use ers_rules::plan::pattern::{DEFAULT_APP_PATTERN, DEFAULT_ASID_PATTERN};
    let base = request(
        &[
            ("Leeds Teaching Hospitals", Some("RR8")),
            ("Airedale NHS Foundation Trust", Some("RCF")),
        ],
        &[Access::UserRestricted, REFERRER, PROVIDER],
        &["PDS"],
    );
    let default = planned(&base);
    let mut written = base.clone();
    written.app_name_pattern = Some(DEFAULT_APP_PATTERN.into());
    written.asid_name_pattern = Some(DEFAULT_ASID_PATTERN.into());
    assert_eq!(planned(&written), default);

    let mut own = base.clone();
    own.app_name_pattern = Some("{product} {capability} {ods}".into());
    own.asid_name_pattern = Some("{ods} {product} {access} {n}".into());
    let p = planned(&own);
    assert_eq!(
        p.applications[2].name,
        "Care Vista - Care Vista Link Provider RR8 - PROD - e-Referral Service, Application-Restricted"
    );
    assert_eq!(p.asids[0].name, "RR8 Care Vista Link User-Restricted 1");
    assert_eq!(
        p.asids[3].name,
        "RR8 Care Vista Link APIM Platform Services 4"
    );
    assert!(!codes(&p).contains(&"ERS-P012"), "every name passes 4.14");
    assert_eq!(p.totals, default.totals);

    // Two organisations with one ODS code would get one name: refused, naming them.
    let mut same = own.clone();
    same.euos[1].ods_code = Some("RR8".into());
    let err = plan(&same).unwrap_err();
    assert_eq!(err.code(), "ERS-P006");
    assert_eq!(
        err.problems[0].message,
        "The pattern gives applications 1 and 4 the same name, \"Care Vista - Care Vista Link RR8 - PROD - e-Referral Service, User Restricted\"."
    );
    // An unknown placeholder says which there are.
    let mut bad = base.clone();
    bad.app_name_pattern = Some("{product} for {org}".into());
    let err = plan(&bad).unwrap_err();
    assert_eq!(
        err.problems[0].message,
        "The application name pattern: `{org}` is not a placeholder: use {product}, {capability}, {organisation}, {ods}."
    );
}

/// Duplicates are said at import, in the plan's own words, before any plan is made.
#[test]
fn duplicates_are_reported_at_import() {
    use ers_rules::plan::euo_notes;
    let euos = vec![
        Euo::new("Leeds Teaching Hospitals", Some("RR8")),
        Euo::new("Airedale", Some("RCF")),
        Euo::new("leeds teaching  hospitals", Some("RR8")),
        Euo::new("Harrogate", Some("RCF")),
    ];
    let notes = euo_notes(&euos);
    let codes: Vec<&str> = notes.iter().map(|n| n.code).collect();
    assert_eq!(codes, ["ERS-P010", "ERS-P010"]);
    let planned = planned(&PlanRequest {
        product: "P".into(),
        euos: euos.clone(),
        access: vec![Access::UserRestricted],
        ..PlanRequest::default()
    });
    let in_plan: Vec<&str> = planned
        .notes
        .iter()
        .filter(|n| n.code == "ERS-P010")
        .map(|n| n.message.as_str())
        .collect();
    let at_import: Vec<&str> = notes.iter().map(|n| n.message.as_str()).collect();
    assert_eq!(at_import, in_plan);
}

/// The three flags of the CLI and the page's form become the access list in one place, in
/// 4.16's order whatever order they are given in.
#[test]
fn access_from_flags_keeps_4_16s_order() {
    use ers_rules::Capability::{Provider, Referrer};
    assert_eq!(Access::from_flags(false, false, false), []);
    assert_eq!(
        Access::from_flags(true, false, false),
        [Access::UserRestricted]
    );
    assert_eq!(
        Access::from_flags(false, true, true),
        [
            Access::ApplicationRestricted(Referrer),
            Access::ApplicationRestricted(Provider)
        ]
    );
    assert_eq!(Access::from_flags(true, true, true), Access::ALL);
}
