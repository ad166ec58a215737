//! The code registries (`codes.rs` of each area) as the CLI shows them: each subcommand's
//! `--help` lists its registry's codes, and each registry lists its codes once, in order.
//! (`cargo xtask codegen` writes the README's tables from the same registries.)

use ers_keys::jwt;
use ers_rules::{CodeInfo, golive, name, plan};

/// Each subcommand's `--help` lists its registry's codes, every one, with its severity and
/// meaning: the table is made from the registry, so it cannot drift.
#[test]
fn help_code_tables_come_from_the_registries() {
    let cases: [(&[&str], &[CodeInfo]); 7] = [
        (&["name", "check"], name::codes::ALL),
        (&["plan"], plan::codes::ALL),
        (&["pack"], golive::codes::ALL),
        (&["keys", "new"], ers_keys::keypair::codes::ALL),
        (&["keys", "jwks"], ers_keys::keypair::codes::ALL),
        (&["keys", "check"], ers_keys::jwks_check::codes::ALL),
        (&["jwt", "check"], jwt::codes::ALL),
    ];
    for (command, rows) in cases {
        let help = crate::common::ok(&crate::common::ers(&[command, &["--help"]].concat()));
        for row in rows {
            let line = format!(
                "  {}  {:<7}  {}",
                row.code,
                row.severity.as_str(),
                row.meaning
            );
            assert!(help.contains(&line), "{command:?} --help lacks {line:?}");
        }
    }
}

#[test]
fn every_registry_lists_each_code_once_in_order() {
    let all: [(&str, Vec<&str>); 5] = [
        (
            "ERS-K",
            ers_keys::keypair::codes::ALL
                .iter()
                .chain(ers_keys::jwks_check::codes::ALL)
                .map(|c| c.code)
                .collect(),
        ),
        ("ERS-N", name::codes::ALL.iter().map(|d| d.code).collect()),
        ("ERS-P", plan::codes::ALL.iter().map(|c| c.code).collect()),
        ("ERS-J", jwt::codes::ALL.iter().map(|c| c.code).collect()),
        ("ERS-G", golive::codes::ALL.iter().map(|c| c.code).collect()),
    ];
    for (prefix, codes) in all {
        assert!(!codes.is_empty(), "{prefix}");
        for pair in codes.windows(2) {
            assert!(
                pair[0] < pair[1],
                "{prefix}: {} before {}",
                pair[0],
                pair[1]
            );
        }
        assert!(codes.iter().all(|c| c.starts_with(prefix)), "{prefix}");
    }
}
