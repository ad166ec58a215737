//! Writing results to stdout: JSON for scripts, text for people.

use std::fmt::Write as _;
use std::io::{self, Write};

use anyhow::Result;
use ers_rules::{Diagnostic, Span};
use serde::Serialize;

/// Writes `value` as pretty JSON and a newline to stdout.
pub(crate) fn print_json<T: Serialize + ?Sized>(value: &T) -> Result<()> {
    let mut out = io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

/// Writes `text` to stdout as it is, but for control characters (see [`terminal_safe`]).
pub(crate) fn print_text(text: &str) -> Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(terminal_safe(text).as_bytes())?;
    out.flush()?;
    Ok(())
}

/// `text` with every control character a terminal would act on (ESC and so every escape
/// sequence and OSC-8 link, the other C0 and C1 controls, DEL, a CR not ending a line) shown as
/// a visible symbol instead: an organisation name from a CSV file cannot recolour, retitle or
/// rewrite the terminal, or hide a link in it. Tabs and line ends are kept.
pub(crate) fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    let acts = |c: char| matches!(c, '\u{0}'..='\u{8}' | '\u{B}'..='\u{1F}' | '\u{7F}'..='\u{9F}');
    if !text.chars().any(acts) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            out.push(c);
        } else if acts(c) {
            out.push(shown(c));
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// True when `err` is stdout closing early (`ers-golive … | head`), which is not a failure.
pub(crate) fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .and_then(|e| e.io_error_kind())
                .is_some_and(|k| k == io::ErrorKind::BrokenPipe)
    })
}

/// A `--help` table of codes, from an area's registry: `  ERS-J004  error    'alg' …`.
pub(crate) fn code_table(title: &str, rows: &[ers_rules::CodeInfo]) -> String {
    let mut out = format!("{title}\n");
    for row in rows {
        let _ = writeln!(
            out,
            "  {}  {:<7}  {}",
            row.code,
            row.severity.as_str(),
            row.meaning
        );
    }
    out
}

/// `1 error`, `2 warnings`.
pub(crate) fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The head line of a diagnostic, rustc-style: `error[ERS-N006]: message`.
pub(crate) fn diagnostic_head(out: &mut String, d: &Diagnostic) {
    let _ = writeln!(out, "{}[{}]: {}", d.severity.as_str(), d.code, d.message);
}

/// The foot lines of a diagnostic: `= help: …` and `= rule: …`, then a blank line.
pub(crate) fn diagnostic_foot(out: &mut String, d: &Diagnostic) {
    if let Some(help) = &d.help {
        let _ = writeln!(out, "   = help: {help}");
    }
    let _ = writeln!(out, "   = rule: {}", d.rule);
    out.push('\n');
}

/// Diagnostics that point at no text: head and foot of each.
pub(crate) fn diagnostics_text(out: &mut String, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        diagnostic_head(out, d);
        diagnostic_foot(out, d);
    }
}

/// The snippet under a diagnostic head: `text` (or, with `window`, that many characters either
/// side of the span, elided with `…`) and a caret line under `span`, with `label` after it.
/// Control and invisible characters are shown as visible symbols and wide characters count two
/// columns, so the carets stay under the right characters.
pub(crate) fn snippet(
    out: &mut String,
    text: &str,
    span: Span,
    label: Option<&str>,
    window: Option<usize>,
) {
    let chars: Vec<char> = text.chars().map(shown).collect();
    let start = span.start.min(chars.len());
    let end = span.end.clamp(start, chars.len());
    let (lead, trail) = match window {
        Some(w) => (start.saturating_sub(w), (end + w).min(chars.len())),
        None => (0, chars.len()),
    };
    let prefix = if lead > 0 { "…" } else { "" };
    let suffix = if trail < chars.len() { "…" } else { "" };
    let line: String = chars[lead..trail].iter().collect();
    let columns = |part: &[char]| part.iter().map(|c| width(*c)).sum::<usize>();
    let pad = prefix.chars().count() + columns(&chars[lead..start]);
    let under = columns(&chars[start..end]).max(1);
    let _ = writeln!(out, "   |");
    let _ = writeln!(out, "   | {prefix}{line}{suffix}");
    let _ = writeln!(
        out,
        "   | {}{}{}",
        " ".repeat(pad),
        "^".repeat(under),
        label.map(|l| format!(" {l}")).unwrap_or_default()
    );
    let _ = writeln!(out, "   |");
}

/// How a character is shown in a snippet: control and invisible characters as a visible
/// symbol, so the caret line stays under the right character.
fn shown(c: char) -> char {
    match c {
        '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + u32::from(c)).unwrap_or('�'),
        '\u{7F}' => '␡',
        _ if c.is_control() => '�',
        _ if c.is_whitespace() && c != ' ' => '␣',
        '\u{00AD}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{FEFF}' => '◌',
        _ => c,
    }
}

/// Terminal columns of a shown character: 2 for wide (CJK, most emoji), else 1.
pub(crate) fn width(c: char) -> usize {
    let c = u32::from(c);
    let wide = matches!(c,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F300..=0x1F64F | 0x1F900..=0x1F9FF
        | 0x20000..=0x3FFFD);
    if wide { 2 } else { 1 }
}
