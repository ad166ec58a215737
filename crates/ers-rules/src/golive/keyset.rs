//! The key set: one key pair per PROD application (4.2), made all at once by the page's **Make
//! all key pairs** or `ers-golive keys new --plan/--project`, saved as one folder per application
//! (`KID.pem`, `KID.pem.pub`, `KID.json`), an index CSV and a README saying what to register
//! where. This module names the folders and writes the index and the README, so that the ZIP the
//! page makes and the folder the CLI writes are the same; the keys themselves are `ers-keys`'.

use std::fmt::Write as _;

use super::pack::ApplicationInput;
use crate::plan::export::{push_csv_row, start_csv};

/// The index's columns.
pub const INDEX_COLUMNS: [&str; 12] = [
    "Application",
    "Organisation",
    "ODS code",
    "Access mode",
    "ASID",
    "ASID name",
    "kid",
    "Thumbprint (RFC 7638)",
    "Folder",
    "Private key file",
    "Public key file",
    "JWKS file",
];

/// The index file's name.
pub const INDEX_FILE: &str = "index.csv";
/// The README's name.
pub const README_FILE: &str = "README.txt";

/// One application that needs a key pair, with where it comes from in the plan.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize), serde(default))]
pub struct KeyTarget {
    /// The application as the pack reads it (name, access mode, EUO…; its kid if it has one).
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub application: ApplicationInput,
    /// The name of the ASID it is bound to, as the plan names it (4.16). The ASID itself, the
    /// 12-digit number NHS allocated, is the application's own `asid` (empty until known).
    pub asid_name: String,
    /// The RFC 7638 thumbprint of its key, once it has one.
    pub thumbprint: String,
}

/// A key pair made for a target.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Deserialize), serde(default))]
pub struct KeySetEntry {
    /// The application.
    #[cfg_attr(feature = "serde", serde(flatten))]
    pub target: KeyTarget,
    /// The folder its files are in.
    pub folder: String,
}

impl KeySetEntry {
    /// `KID.pem`, `KID.pem.pub`, `KID.json`, named by the kid's safe file-name form
    /// ([`super::kid_file_name`]).
    pub fn files(&self) -> [String; 3] {
        let kid = super::kid_file_name(&self.target.application.kid);
        [
            format!("{kid}.pem"),
            format!("{kid}.pem.pub"),
            format!("{kid}.json"),
        ]
    }
}

/// The folder of application `index` (0-based): its number in the plan, its EUO and its access
/// mode, e.g. `01-rr8-ur`; safe as a file name.
pub fn folder_name(index: usize, app: &ApplicationInput) -> String {
    let mode = super::kids::mode_part(&app.access_mode, &app.capability);
    let org = super::kids::org_part(app, index);
    if mode.is_empty() {
        format!("{:02}-{org}", index + 1)
    } else {
        format!("{:02}-{org}-{mode}", index + 1)
    }
}

/// The index CSV: UTF-8 with BOM, CRLF, a header row of [`INDEX_COLUMNS`], one row per entry.
pub fn index_csv(entries: &[KeySetEntry]) -> String {
    let mut out = String::new();
    start_csv(&mut out, &INDEX_COLUMNS);
    for entry in entries {
        let app = &entry.target.application;
        let [pem, publ, jwks] = entry.files();
        let mode = match (app.access_mode.as_str(), app.capability.as_str()) {
            (m, "") => m.to_owned(),
            (m, c) => format!("{m} ({c})"),
        };
        let cells = [
            app.name.as_str(),
            &app.organisation,
            &app.ods_code,
            &mode,
            &app.asid,
            &entry.target.asid_name,
            &app.kid,
            &entry.target.thumbprint,
            &entry.folder,
            &format!("{}/{pem}", entry.folder),
            &format!("{}/{publ}", entry.folder),
            &format!("{}/{jwks}", entry.folder),
        ];
        push_csv_row(&mut out, &cells);
    }
    out
}

/// The README of the key set: what each file is and what to register where (4.2, 4.3).
pub fn readme(entries: &[KeySetEntry], bits: usize, encrypted: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Key pairs for {} PROD application{} ({bits}-bit RSA, e = 65537), made by ers-golive.",
        entries.len(),
        if entries.len() == 1 { "" } else { "s" }
    );
    out.push_str(
        "\nEach folder holds one application's key pair, named by its kid as NHS's own commands \
         name them (4.2):\n\
         \x20 KID.pem      the private key: keep it secret, in your secret store; never send it \
         to anyone, NHS included\n\
         \x20 KID.pem.pub  the public key (SPKI PEM)\n\
         \x20 KID.json     the JWKS holding the public key: this is what NHS's token server \
         reads\n",
    );
    if encrypted {
        out.push_str(
            "\nThe private keys are encrypted with the passphrase you chose (PKCS#8, PBES2 \
             AES-256-CBC); your client needs it to load them.\n",
        );
    }
    out.push_str(
        "\nWhat to register where:\n\
         1. Publish each KID.json at its application's JWKS URL (a public https address the \
         NHS token server can reach), or ask NHS to host it; one JWKS URL per application \
         (4.2).\n\
         2. On the PROD form (4.3) give, for each application, its kid and its JWKS URL; \
         index.csv lists every application with its ASID (the number NHS allocated, once \
         known, and its name in the plan), kid and thumbprint.\n\
         3. Configure each client to sign its client assertions (RS512) with its KID.pem and \
         its kid in the JWT header.\n\
         4. Delete the private keys from anywhere but your secret store.\n\
         \nApplications:\n",
    );
    for entry in entries {
        let app = &entry.target.application;
        let _ = writeln!(
            out,
            "  {}/  kid {}  {}",
            entry.folder,
            app.kid,
            if app.name.is_empty() {
                &app.organisation
            } else {
                &app.name
            }
        );
    }
    out
}

/// The applications of a plan (as `ers-golive plan --json` or the planner's download writes it,
/// snake_case) that need a key pair, each with its ASID's name (the number NHS allocates is not
/// in a plan: the application's `asid` stays empty).
///
/// # Errors
/// [`crate::Error::Invalid`] when the text is not a plan.
#[cfg(feature = "serde")]
pub fn targets_from_plan_json(json: &str) -> crate::Result<Vec<KeyTarget>> {
    #[derive(serde::Deserialize)]
    struct Asid {
        #[serde(default)]
        name: String,
    }
    #[derive(serde::Deserialize)]
    struct App {
        #[serde(flatten)]
        application: ApplicationInput,
        #[serde(default)]
        asid_index: Option<usize>,
    }
    #[derive(serde::Deserialize)]
    struct PlanJson {
        #[serde(default)]
        asids: Vec<Asid>,
        applications: Vec<App>,
    }
    crate::limits::PLAN_JSON.check(json.len())?;
    let json = json.strip_prefix('\u{FEFF}').unwrap_or(json);
    let plan: PlanJson = serde_json::from_str(json).map_err(|e| crate::Error::Invalid {
        field: "plan JSON",
        reason: format!(
            "not a go-live plan ({e}); use the plan's JSON as the planner downloads it"
        ),
    })?;
    Ok(plan
        .applications
        .into_iter()
        .map(|a| KeyTarget {
            asid_name: a
                .asid_index
                .and_then(|i| plan.asids.get(i))
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            application: a.application,
            thumbprint: String::new(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(kid: &str, name: &str) -> KeySetEntry {
        let app = ApplicationInput {
            name: name.into(),
            organisation: "Leeds Teaching Hospitals".into(),
            ods_code: "RR8".into(),
            access_mode: "application-restricted".into(),
            capability: "referrer".into(),
            asid: "200000000102".into(),
            kid: kid.into(),
            ..Default::default()
        };
        KeySetEntry {
            folder: folder_name(0, &app),
            target: KeyTarget {
                application: app,
                asid_name: "Leeds Teaching Hospitals - Care Vista Link – Prod - Application-Restricted (ASID 2)".into(),
                thumbprint: "abc".into(),
            },
        }
    }

    #[test]
    fn folders_are_numbered_and_safe() {
        let e = entry("prod-rr8-ar-ref-2026-12-01", "x");
        assert_eq!(e.folder, "01-rr8-ar-ref");
        assert_eq!(folder_name(11, &ApplicationInput::default()), "12-app12");
    }

    #[test]
    fn the_index_lists_every_file() {
        let csv = index_csv(&[entry("prod-rr8-ar-ref-2026-12-01", "=cmd")]);
        let mut lines = csv.split("\r\n");
        assert!(
            lines
                .next()
                .unwrap()
                .starts_with("\u{FEFF}Application,Organisation")
        );
        let row = lines.next().unwrap();
        // The ASID column holds the number NHS allocated; its name in the plan comes next.
        assert!(row.starts_with(
            "\"'=cmd\",Leeds Teaching Hospitals,RR8,application-restricted (referrer),200000000102,\
             Leeds Teaching Hospitals - Care Vista Link – Prod - Application-Restricted (ASID 2),"
        ), "{row}");
        assert!(row.ends_with(
            ",prod-rr8-ar-ref-2026-12-01,abc,01-rr8-ar-ref,01-rr8-ar-ref/prod-rr8-ar-ref-2026-12-01.pem,\
             01-rr8-ar-ref/prod-rr8-ar-ref-2026-12-01.pem.pub,01-rr8-ar-ref/prod-rr8-ar-ref-2026-12-01.json"
        ));
    }

    #[test]
    fn the_readme_says_what_goes_where() {
        let text = readme(&[entry("k-2026-12-01", "App")], 4096, true);
        assert!(text.starts_with("Key pairs for 1 PROD application (4096-bit RSA"));
        assert!(text.contains("JWKS URL"));
        assert!(text.contains("passphrase"));
        assert!(text.contains("01-rr8-ar-ref/  kid k-2026-12-01  App"));
    }

    #[cfg(feature = "serde")]
    #[test]
    fn targets_come_from_the_plan_json() {
        let snake = r#"{"asids":[{"name":"A (ASID 1)"}],"applications":[{"name":"N","access_mode":"user-restricted","organisation":"O","asid_index":0}]}"#;
        {
            let json = snake;
            let t = targets_from_plan_json(json).unwrap();
            assert_eq!(t.len(), 1);
            assert_eq!(t[0].asid_name, "A (ASID 1)");
            assert_eq!(t[0].application.asid, "");
            assert_eq!(t[0].application.access_mode, "user-restricted");
        }
        assert!(targets_from_plan_json("{}").is_err());
    }
}
