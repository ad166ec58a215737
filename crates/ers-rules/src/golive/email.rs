//! The email to the e-RS Partners team as plain text (reads well in any mail client), and the
//! parts it shares with the Markdown email: the subject, the DRAFT line while the pack is not
//! ready, and the signature.

use std::fmt::Write as _;

use crate::plan::export::md_text;

use super::details::{ASID_NOT_GIVEN, Field, place};
use super::pack::{Pack, PackApplication};

/// How the email is written: plain text, or Markdown.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// Plain text.
    Plain,
    /// Markdown: codes and step numbers in bold, the user's text escaped.
    Markdown,
}

impl Style {
    fn strong(self, s: &str) -> String {
        match self {
            Style::Plain => s.to_owned(),
            Style::Markdown => format!("**{s}**"),
        }
    }

    fn text(self, s: &str) -> String {
        match self {
            Style::Plain => s.to_owned(),
            Style::Markdown => md_text(s),
        }
    }
}

/// The paragraph that opens the email.
pub(crate) fn intro(out: &mut String, pack: &Pack) {
    let n = pack.applications.len();
    let _ = writeln!(
        out,
        "Here are the details of our {n} PROD application{} for the PROD form (Stage 4, step 4.3). \
         No client secret or private key is included: the form needs neither.\n",
        if n == 1 { "" } else { "s" }
    );
}

/// Who the email goes to, as Stage 4 says it (4.3: "complete the PROD form, including the new
/// IDs, and return it to" the e-RS Partners team). The address is on the form they send: this
/// tool does not know it and never makes one up.
pub const SEND_TO: &str = "the e-RS Partners team, at the address on the PROD form they sent you \
(4.3: \"Please complete the PROD form, including the new IDs, and return it\")";

/// How many ranges of applications a grouped finding lists before it says how many more.
const RUNS: usize = 8;

/// The findings, grouped: one line for each problem (its code and message), saying which
/// applications it is about (`applications 1–1,500`) and which field, so a detail missing from
/// every application is one line, not 1,500.
pub(crate) fn still_to_complete(out: &mut String, pack: &Pack, style: Style) {
    for group in grouped(pack) {
        let d = group.finding;
        let about = match (group.applications.as_slice(), Field::of(d)) {
            ([], _) => String::new(),
            (apps, field) => {
                let which = crate::words::which(apps, RUNS, "application", "applications");
                match field {
                    Some(field) if field != Field::Name => format!("{which}, {}: ", field.label()),
                    _ => format!("{which}: "),
                }
            }
        };
        let _ = writeln!(
            out,
            "- {} ({}, rule {}): {about}{}",
            style.strong(d.code),
            d.severity.as_str(),
            d.rule,
            style.text(&d.message)
        );
    }
}

/// Findings that say the same thing (code, field and message) about several applications.
pub(crate) struct Group<'a> {
    /// The first of them.
    pub finding: &'a crate::Diagnostic,
    /// The applications they are about (0-based, in order; empty for the pack's own).
    pub applications: Vec<usize>,
}

/// The pack's findings grouped by what they say, in the order each was first met.
pub(crate) fn grouped(pack: &Pack) -> Vec<Group<'_>> {
    let mut at: std::collections::HashMap<(&str, Option<&str>, &str), usize> =
        std::collections::HashMap::new();
    let mut groups: Vec<Group<'_>> = Vec::new();
    for d in &pack.findings {
        let Some(i) = d.context.application else {
            groups.push(Group {
                finding: d,
                applications: Vec::new(),
            });
            continue;
        };
        let key = (d.code, d.part(), d.message.as_str());
        match at.get(&key) {
            Some(&g) => groups[g].applications.push(i),
            None => {
                at.insert(key, groups.len());
                groups.push(Group {
                    finding: d,
                    applications: vec![i],
                });
            }
        }
    }
    for g in &mut groups {
        g.applications.sort_unstable();
        g.applications.dedup();
    }
    groups
}

/// The Stage 4 checklist, the steps done ticked; a step this tool verifies says what it
/// verified (or what is in the way).
pub(crate) fn checklist(out: &mut String, pack: &Pack, style: Style) {
    for item in &pack.checklist {
        let s = item.step;
        let _ = writeln!(
            out,
            "{}[{}] {} {}{}{}",
            if style == Style::Markdown { "- " } else { "" },
            if item.done { "x" } else { " " },
            style.strong(s.number),
            s.title,
            if s.per_application {
                " (each application)"
            } else {
                ""
            },
            item.note
                .as_deref()
                .map_or(String::new(), |note| format!(" — {note}"))
        );
    }
}

/// True while the pack is not ready to send (an error, or a detail still missing): the email
/// is then a draft, marked DRAFT in its subject and first line.
pub fn is_draft(pack: &Pack) -> bool {
    !pack.complete
}

/// The subject line (without `Subject: `): `e-RS PROD form details: Care Vista Link (Care
/// Vista)`, starting `DRAFT – ` while the pack is not ready. `text` escapes names for the
/// format (Markdown, or nothing for plain text).
pub(crate) fn subject(pack: &Pack, text: impl Fn(&str) -> String) -> String {
    let product = if pack.product.is_empty() {
        "our product".to_owned()
    } else {
        text(&pack.product)
    };
    let who = if pack.supplier.is_empty() || pack.supplier == pack.product {
        String::new()
    } else {
        format!(" ({})", text(&pack.supplier))
    };
    format!(
        "{}e-RS PROD form details: {product}{who}",
        if is_draft(pack) { "DRAFT – " } else { "" }
    )
}

/// The first line of the body while the pack is not ready: `DRAFT – ` and the pack's one
/// summary ([`Pack::summary`], the same sentence the page and the CLI show); `None` when ready.
pub(crate) fn draft_line(pack: &Pack) -> Option<String> {
    if !is_draft(pack) {
        return None;
    }
    Some(format!(
        "DRAFT – {} See \"Still to complete\".",
        pack.summary()
    ))
}

/// The closing: `Kind regards,` and the contact's name when given.
pub(crate) fn signature(pack: &Pack) -> String {
    let contact = pack.contact.trim();
    if contact.is_empty() {
        "Kind regards,\n".to_owned()
    } else {
        format!("Kind regards,\n{contact}\n")
    }
}

fn show(v: &str) -> &str {
    if v.is_empty() { "(missing)" } else { v }
}

/// The ASID as shown: the value NHS allocated, or that it is still to come.
pub fn asid_shown(asid: &str) -> &str {
    if asid.is_empty() {
        ASID_NOT_GIVEN
    } else {
        asid
    }
}

fn block(out: &mut String, i: usize, app: &PackApplication) {
    let _ = writeln!(out, "{}. {}", i + 1, show(&app.name));
    // What the supplier entered first, the ASID first of all, then what the plan says.
    for (label, value) in app.labelled(place::SHOWN) {
        let _ = writeln!(out, "   {:<22} {}", format!("{label}:"), value);
    }
    out.push('\n');
}

/// The pack as a plain-text email: subject, the DRAFT line while not ready, each application as
/// a block of labelled lines (no table to break in a mail client), what is still to complete,
/// the Stage 4 checklist, and the signature. It never holds a client secret or a private key.
pub fn to_text(pack: &Pack) -> String {
    let mut out = String::with_capacity(1024 + pack.applications.len() * 500);
    let _ = writeln!(out, "Subject: {}\n", subject(pack, str::to_owned));
    if let Some(line) = draft_line(pack) {
        let _ = writeln!(out, "{line}\n");
    }
    let _ = writeln!(out, "To: {SEND_TO}\n");
    out.push_str("Hello e-RS Partners team,\n\n");
    intro(&mut out, pack);
    out.push_str("PROD APPLICATIONS\n\n");
    for (i, app) in pack.applications.iter().enumerate() {
        block(&mut out, i, app);
    }
    if !pack.complete {
        out.push_str("STILL TO COMPLETE\n\n");
        still_to_complete(&mut out, pack, Style::Plain);
        out.push('\n');
    }
    out.push_str("STAGE 4 CHECKLIST\n\n");
    checklist(&mut out, pack, Style::Plain);
    let _ = write!(
        out,
        "\nThe PROD form's exact fields are not public: if it asks for anything not listed here, \
         please tell us and we will send it.\n\n{}",
        signature(pack)
    );
    out
}
