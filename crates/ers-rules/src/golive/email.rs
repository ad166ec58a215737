//! The email to the e-RS Partners team as plain text (reads well in any mail client), and the
//! parts it shares with the Markdown email: the subject, the DRAFT line while the pack is not
//! ready, and the signature.

use std::fmt::Write as _;

use crate::plan::export::md_text;

use super::pack::{Field, Pack, PackApplication};

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

/// The findings, one line each, saying which application and field each is about.
pub(crate) fn still_to_complete(out: &mut String, pack: &Pack, style: Style) {
    for d in &pack.findings {
        let about = match (d.context.application, Field::of(d)) {
            (Some(i), Some(field)) if field != Field::Name => {
                format!("application {}, {}: ", i + 1, field.label())
            }
            (Some(i), _) => format!("application {}: ", i + 1),
            (None, _) => String::new(),
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

/// The Stage 4 checklist, the steps done ticked.
pub(crate) fn checklist(out: &mut String, pack: &Pack, style: Style) {
    for item in &pack.checklist {
        let s = item.step;
        let _ = writeln!(
            out,
            "{}[{}] {} {}{}",
            if style == Style::Markdown { "- " } else { "" },
            if item.done { "x" } else { " " },
            style.strong(s.number),
            s.title,
            if s.per_application {
                " (each application)"
            } else {
                ""
            }
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

/// The first line of the body while the pack is not ready, saying why; `None` when ready.
pub(crate) fn draft_line(pack: &Pack) -> Option<String> {
    if !is_draft(pack) {
        return None;
    }
    let t = &pack.totals;
    let missing: usize = pack.applications.iter().map(|a| a.missing.len()).sum();
    let mut why = Vec::new();
    if t.errors > 0 {
        why.push(format!(
            "{} error{} to correct",
            t.errors,
            if t.errors == 1 { "" } else { "s" }
        ));
    }
    if missing > 0 {
        why.push(format!(
            "{missing} detail{} still missing",
            if missing == 1 { "" } else { "s" }
        ));
    }
    if why.is_empty() {
        why.push("no application yet".to_owned());
    }
    Some(format!(
        "DRAFT – NOT READY TO SEND: {} (see \"Still to complete\").",
        why.join(", ")
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

fn block(out: &mut String, i: usize, app: &PackApplication) {
    let _ = writeln!(out, "{}. {}", i + 1, show(&app.name));
    let capability = app.capability.map(|c| c.id()).unwrap_or("");
    let rows: [(&str, &str); 10] = [
        (
            "Environment",
            app.environment.map_or("", |e| e.name_token()),
        ),
        ("Access mode", app.access_mode.map_or("", |m| m.id())),
        ("Capability", capability),
        ("API", &app.api),
        ("End-user organisation", &app.organisation),
        ("ODS code", &app.ods_code),
        ("AppID", &app.app_id),
        ("API key", &app.api_key),
        ("kid", &app.kid),
        ("JWKS URL", &app.jwks_url),
    ];
    for (label, value) in rows {
        if value.is_empty() && matches!(label, "Capability" | "ODS code") {
            continue;
        }
        let _ = writeln!(out, "   {:<22} {}", format!("{label}:"), show(value));
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
