//! Reading a name into its five parts and four separators.
//!
//! The supplier's and the app's names may themselves hold hyphens, spaces, commas, even the words
//! `PROD` or `e-Referral Service`, so the parser anchors from the right: first the service name
//! (the rightmost one), then the access mode after it and the environment before it; what is
//! left is the supplier and the app, split at the first ` - `. Every position here is an index
//! into the *cleaned* characters (control and invisible characters removed, every space made a
//! plain one); [`Cleaned::span`] maps a range back to the original's character offsets.

use crate::{AccessMode, Environment, Span};

/// Why a character of the original was changed or dropped while cleaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Oddity {
    /// A line break, tab or other control character.
    Control,
    /// A zero-width, bidirectional or other invisible formatting character.
    Invisible,
    /// A space other than U+0020 (no-break space, thin space, …).
    Space,
}

/// A run of odd characters in the original: what, where, the first one, and what replaces it.
#[derive(Clone, Debug)]
pub(crate) struct OddRun {
    pub kind: Oddity,
    pub span: Span,
    pub first: char,
    /// `" "` when the run held a line break, tab or space; `""` when it is only dropped.
    pub replacement: &'static str,
}

/// The name with odd characters removed or made plain spaces, and where each came from.
pub(crate) struct Cleaned {
    pub chars: Vec<char>,
    /// `at[i]`: the original character offset of `chars[i]`.
    pub at: Vec<usize>,
    pub odd: Vec<OddRun>,
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
    )
}

impl Cleaned {
    pub(crate) fn new(name: &str) -> Self {
        let mut chars = Vec::with_capacity(name.len());
        let mut at = Vec::with_capacity(name.len());
        let mut odd: Vec<OddRun> = Vec::new();
        for (i, c) in name.chars().enumerate() {
            let (kind, keep) = if c == ' ' {
                chars.push(c);
                at.push(i);
                continue;
            } else if c.is_control() {
                // Line breaks and tabs separate words: they become a space.
                (Oddity::Control, c.is_whitespace())
            } else if is_invisible(c) {
                (Oddity::Invisible, false)
            } else if c.is_whitespace() {
                (Oddity::Space, true)
            } else {
                chars.push(c);
                at.push(i);
                continue;
            };
            if keep {
                chars.push(' ');
                at.push(i);
            }
            let replacement = if keep { " " } else { "" };
            match odd.last_mut() {
                Some(run) if run.kind == kind && run.span.end == i => {
                    run.span.end = i + 1;
                    if keep {
                        run.replacement = " ";
                    }
                }
                _ => odd.push(OddRun {
                    kind,
                    span: Span::new(i, i + 1),
                    first: c,
                    replacement,
                }),
            }
        }
        Cleaned { chars, at, odd }
    }

    /// The original span of the cleaned range `a..b`; for an empty range, the place right after
    /// the character before it.
    pub(crate) fn span(&self, a: usize, b: usize) -> Span {
        if a < b && b <= self.at.len() {
            Span::new(self.at[a], self.at[b - 1] + 1)
        } else if a == 0 || self.at.is_empty() {
            Span::at(0)
        } else {
            let after = self.at[a.min(self.at.len()) - 1] + 1;
            Span::at(after)
        }
    }

    pub(crate) fn text(&self, range: Range) -> String {
        self.chars[range.0..range.1].iter().collect()
    }
}

/// A half-open range of cleaned indices.
pub(crate) type Range = (usize, usize);

pub(crate) fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'
            ..='\u{2015}' | '\u{2043}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}'
    )
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_sep_char(c: char) -> bool {
    c == ' ' || is_dash(c)
}

/// A run of spaces and dashes that separates parts, as opposed to a hyphen inside a word
/// (`Smith-Jones`): it holds a dash and a space, or a dash other than `-`, or two dashes.
pub(crate) fn is_spaced_dash_run(chars: &[char]) -> bool {
    let dashes = chars.iter().filter(|c| is_dash(**c)).count();
    dashes > 0
        && (chars.contains(&' ') || dashes > 1 || chars.iter().any(|c| is_dash(*c) && *c != '-'))
}

/// The first separating run of dashes in `range`.
fn first_dash_run(chars: &[char], range: Range) -> Option<Range> {
    let mut i = range.0;
    while i < range.1 {
        if is_sep_char(chars[i]) {
            let s = i;
            while i < range.1 && is_sep_char(chars[i]) {
                i += 1;
            }
            if is_spaced_dash_run(&chars[s..i]) {
                return Some((s, i));
            }
        } else {
            i += 1;
        }
    }
    None
}

/// How the service name is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ServiceForm {
    /// `e-Referral Service`.
    Exact,
    /// The right letters in other capitals.
    Case,
    /// Abbreviated or misspelt.
    Spelling,
}

pub(crate) const SERVICE: &str = "e-Referral Service";

/// The position after `word` (lowercase) when `chars` holds it at `i` in any case.
fn skip_any_case(chars: &[char], i: usize, word: &str) -> Option<usize> {
    let mut j = i;
    for b in word.chars() {
        match chars.get(j) {
            Some(c) if c.to_ascii_lowercase() == b => j += 1,
            _ => return None,
        }
    }
    Some(j)
}

fn joiner(chars: &[char], i: usize) -> usize {
    match chars.get(i) {
        Some(c) if *c == ' ' || is_dash(*c) => i + 1,
        _ => i,
    }
}

fn word_end(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() && is_word(chars[i]) {
        i += 1;
    }
    i
}

/// The service name starting at `i`, if one does: its end, whether it is only an abbreviation
/// (`eRS`, `eReferral`) that needs an environment before it to count, and its form.
fn service_at(chars: &[char], i: usize) -> Option<(usize, bool, ServiceForm)> {
    if i > 0 && is_word(chars[i - 1]) {
        return None;
    }
    let bounded = |e: usize| e >= chars.len() || !is_word(chars[e]);
    // "NHS e-Referral Service"
    if let Some(j) = skip_any_case(chars, i, "nhs ") {
        if let Some((e, short, _)) = service_at(chars, j) {
            return Some((e, short, ServiceForm::Spelling));
        }
    }
    if let Some(j) = skip_any_case(chars, i, "electronic referral") {
        let mut e = j;
        if let Some(k) = skip_any_case(chars, e, "s") {
            e = k;
        }
        let k = joiner(chars, e);
        if skip_any_case(chars, k, "serv").is_some() {
            e = word_end(chars, k);
        }
        return bounded(e).then_some((e, false, ServiceForm::Spelling));
    }
    let j = skip_any_case(chars, i, "e")?;
    let k = joiner(chars, j);
    if let Some(mut e) =
        skip_any_case(chars, k, "referral").or_else(|| skip_any_case(chars, k, "referal"))
    {
        if let Some(s) = skip_any_case(chars, e, "s") {
            e = s;
        }
        let short;
        let m = joiner(chars, e);
        if skip_any_case(chars, m, "serv").is_some() {
            e = word_end(chars, m);
            short = false;
        } else {
            short = true;
        }
        if !bounded(e) {
            return None;
        }
        let text: String = chars[i..e].iter().collect();
        let form = if text == SERVICE {
            ServiceForm::Exact
        } else if text.eq_ignore_ascii_case(SERVICE) {
            ServiceForm::Case
        } else {
            ServiceForm::Spelling
        };
        return Some((e, short, form));
    }
    // eRS, e-RS, ERS, optionally followed by "Service".
    let mut e = skip_any_case(chars, k, "rs")?;
    if !bounded(e) {
        return None;
    }
    let m = joiner(chars, e);
    if m > e && skip_any_case(chars, m, "serv").is_some() {
        e = word_end(chars, m);
    }
    Some((e, true, ServiceForm::Spelling))
}

/// How the environment is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EnvForm {
    /// `PROD`, `INT`, `SANDBOX`, `DEV`.
    Exact(Environment),
    /// The token in other capitals.
    Case(Environment),
    /// A word for it: `Production`, `Live`, `Integration`, `Development`.
    Word(Environment),
    /// Something in the environment's place that names none.
    Unknown,
}

impl EnvForm {
    pub(crate) fn environment(self) -> Option<Environment> {
        match self {
            EnvForm::Exact(e) | EnvForm::Case(e) | EnvForm::Word(e) => Some(e),
            EnvForm::Unknown => None,
        }
    }
}

fn env_token(word: &str) -> Option<EnvForm> {
    for env in Environment::ALL {
        if word == env.name_token() {
            return Some(EnvForm::Exact(env));
        }
        if word.eq_ignore_ascii_case(env.name_token()) {
            return Some(EnvForm::Case(env));
        }
    }
    None
}

/// Reads `word` in the environment's place. `whole`: it is a part of its own (a ` - ` before
/// it), so words and unknown names count; otherwise only the exact tokens do (`Link PROD`).
fn env_form(word: &str, whole: bool, more_parts: bool) -> Option<EnvForm> {
    let token = env_token(word);
    if !whole {
        return token.filter(|f| matches!(f, EnvForm::Exact(_)));
    }
    if token.is_some() {
        return token;
    }
    let lower = word.to_ascii_lowercase();
    match lower.as_str() {
        "production" | "live" | "prd" => return Some(EnvForm::Word(Environment::Prod)),
        "integration" | "integ" => return Some(EnvForm::Word(Environment::Int)),
        "development" => return Some(EnvForm::Word(Environment::Dev)),
        "staging" | "stage" | "stg" | "uat" | "qa" | "test" | "testing" | "preprod" | "ref"
        | "training" | "sit" | "demo" | "nonprod" => return Some(EnvForm::Unknown),
        _ => {}
    }
    // A short word in capitals, as a part of its own after supplier and app: `- TEST2 -`.
    let caps = (2..=10).contains(&word.len())
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && word.chars().any(|c| c.is_ascii_uppercase());
    (caps && more_parts).then_some(EnvForm::Unknown)
}

/// How the access mode is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ModeForm {
    /// `User Restricted` or `Application-Restricted`, as in the Stage 4 examples.
    Exact(AccessMode),
    /// The same two words with another joiner or capitals: one of NHS's spellings.
    Spelling(AccessMode),
    /// Abbreviated, another word, or punctuation; `true` when it also holds words that say
    /// something else (`v2`, `Referrer`), which a fix would drop.
    Wording(AccessMode, bool),
    /// Both access modes.
    Two,
    /// Neither.
    Unknown,
}

impl ModeForm {
    pub(crate) fn access_mode(self) -> Option<AccessMode> {
        match self {
            ModeForm::Exact(m) | ModeForm::Spelling(m) | ModeForm::Wording(m, _) => Some(m),
            ModeForm::Two | ModeForm::Unknown => None,
        }
    }
}

/// The words of `text`, in ASCII lower case: they are only compared with the access mode's
/// English words (so no Unicode case tables, which are most of the names module's data).
fn words(text: &[char]) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in text {
        if is_word(*c) {
            cur.push(c.to_ascii_lowercase());
        } else if !cur.is_empty() {
            out.push(core::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn is_mode_ish(text: &[char]) -> bool {
    words(text).iter().any(|word| {
        matches!(
            word.as_str(),
            "restricted" | "unattended" | "userrestricted" | "applicationrestricted"
        )
    })
}

pub(crate) fn mode_form(text: &[char]) -> ModeForm {
    let ws = words(text);
    let mut user = false;
    let mut app = false;
    for word in &ws {
        match word.as_str() {
            "user" | "userrestricted" | "healthcare" => user = true,
            "application" | "app" | "unattended" | "applicationrestricted" | "apprestricted" => {
                app = true;
            }
            _ => {}
        }
    }
    let mode = match (user, app) {
        (true, true) => return ModeForm::Two,
        (true, false) => AccessMode::UserRestricted,
        (false, true) => AccessMode::ApplicationRestricted,
        (false, false) => return ModeForm::Unknown,
    };
    let s: String = text.iter().collect();
    if s == mode.name_form() {
        return ModeForm::Exact(mode);
    }
    let first = match mode {
        AccessMode::UserRestricted => "user",
        AccessMode::ApplicationRestricted => "application",
    };
    let joined_once = text.len() == first.chars().count() + 1 + "restricted".len()
        && text.iter().filter(|c| matches!(c, ' ' | '-' | '_')).count() == 1;
    if ws.len() == 2 && ws[0] == first && ws[1] == "restricted" && joined_once {
        ModeForm::Spelling(mode)
    } else {
        let extra = ws.iter().any(|word| {
            !matches!(
                word.as_str(),
                "user"
                    | "application"
                    | "app"
                    | "restricted"
                    | "unattended"
                    | "userrestricted"
                    | "applicationrestricted"
                    | "apprestricted"
                    | "healthcare"
                    | "worker"
                    | "access"
                    | "mode"
            )
        });
        ModeForm::Wording(mode, extra)
    }
}

/// A part found in the name: where, and how it is written.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Token<F> {
    pub range: Range,
    pub form: F,
}

/// The name read into parts. Separators are `None` when the parts around them are absent.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    /// The name without outer spaces.
    pub trimmed: Range,
    /// What stands before the environment: the supplier and the app.
    pub rest: Range,
    pub supplier: Option<Range>,
    pub supplier_app_sep: Option<Range>,
    pub app: Option<Range>,
    pub app_env_sep: Option<Range>,
    pub env: Option<Token<EnvForm>>,
    pub env_service_sep: Option<Range>,
    pub service: Option<Token<ServiceForm>>,
    pub service_mode_sep: Option<Range>,
    pub mode: Option<Token<ModeForm>>,
    /// An environment found after the service name.
    pub late_env: Option<Token<EnvForm>>,
}

/// Reads the cleaned name `chars`, from the right: the service, the access mode, the
/// environment, then the supplier and the app.
pub(crate) fn parse(chars: &[char]) -> Parsed {
    let mut lo = 0;
    let mut hi = chars.len();
    while lo < hi && chars[lo] == ' ' {
        lo += 1;
    }
    while hi > lo && chars[hi - 1] == ' ' {
        hi -= 1;
    }
    let mut parsed = Parsed {
        trimmed: (lo, hi),
        ..Parsed::default()
    };
    let head = match find_service(chars, (lo, hi), &mut parsed) {
        Some((head, tail)) => {
            find_mode_after_service(chars, tail, &mut parsed);
            head
        }
        None => find_mode_without_service(chars, (lo, hi), &mut parsed),
    };
    find_environment(chars, head, &mut parsed);
    split_supplier_and_app(chars, &mut parsed);
    parsed
}

/// Step 1: the rightmost service name in `(lo, hi)` (an abbreviation counts only after an
/// environment). Returns what stands before it and after it.
fn find_service(chars: &[char], (lo, hi): Range, parsed: &mut Parsed) -> Option<(Range, Range)> {
    let mut i = hi;
    while i > lo {
        i -= 1;
        let Some((e, short, form)) = service_at(chars, i) else {
            continue;
        };
        if e > hi {
            continue;
        }
        if short && !ends_with_env(chars, (lo, i)) {
            continue;
        }
        // "NHS e-Referral Service": take the prefix too.
        let start = if i >= lo + 4
            && skip_any_case(chars, i - 4, "nhs ").is_some()
            && (i == lo + 4 || !is_word(chars[i - 5]))
        {
            i - 4
        } else {
            i
        };
        let form = if start < i {
            ServiceForm::Spelling
        } else {
            form
        };
        parsed.service = Some(Token {
            range: (start, e),
            form,
        });
        return Some(((lo, start), (e, hi)));
    }
    None
}

/// Step 2, after a service: the access mode is what follows it, past its separator.
fn find_mode_after_service(chars: &[char], tail: Range, parsed: &mut Parsed) {
    let mut q = tail.0;
    while q < tail.1
        && (is_sep_char(chars[q]) || matches!(chars[q], ',' | ';' | ':' | '(' | '/' | '|' | '.'))
    {
        q += 1;
    }
    if q > tail.0 {
        parsed.service_mode_sep = Some((tail.0, q));
    }
    read_mode(chars, (q, tail.1), parsed);
}

/// Step 2, without a service: the last part is the access mode if it reads as one. Returns
/// what stands before it.
fn find_mode_without_service(chars: &[char], (lo, hi): Range, parsed: &mut Parsed) -> Range {
    if let Some((s, e)) = last_separator(chars, (lo, hi)) {
        if e < hi && is_mode_ish(&chars[e..hi]) {
            parsed.service_mode_sep = Some((s, e));
            parsed.mode = Some(Token {
                range: (e, hi),
                form: mode_form(&chars[e..hi]),
            });
            return (lo, s);
        }
    }
    (lo, hi)
}

/// Step 3: the environment is the last word of `head` (before the service), if it reads as one
/// and stands as a part of its own. Sets what is left for the supplier and app.
fn find_environment(chars: &[char], head: Range, parsed: &mut Parsed) {
    let mut k = head.1;
    while k > head.0 && (is_sep_char(chars[k - 1]) || chars[k - 1] == ',') {
        k -= 1;
    }
    if k < head.1 || parsed.service.is_some() {
        parsed.env_service_sep = Some((k, head.1));
    }
    let mut j = k;
    while j > head.0 && is_word(chars[j - 1]) {
        j -= 1;
    }
    let mut range = j;
    while range > head.0 && is_sep_char(chars[range - 1]) {
        range -= 1;
    }
    let run = &chars[range..j];
    // A part of its own: a separating run before it, or nothing at all.
    let whole = range == head.0 || is_spaced_dash_run(run);
    let bare = run.iter().all(|c| *c == ' ') || run == ['-'];
    let word: String = chars[j..k].iter().collect();
    let more_parts = first_dash_run(chars, (head.0, range)).is_some();
    let env = if j < k && (whole || bare) {
        env_form(&word, whole, more_parts)
    } else {
        None
    };
    match env {
        Some(form) => {
            parsed.env = Some(Token {
                range: (j, k),
                form,
            });
            parsed.app_env_sep = Some((range, j));
            parsed.rest = (head.0, range);
        }
        None => parsed.rest = (head.0, k),
    }
}

/// Step 4: the supplier and the app, split at the first separator of what is left.
fn split_supplier_and_app(chars: &[char], parsed: &mut Parsed) {
    let rest = parsed.rest;
    if rest.0 < rest.1 {
        match first_dash_run(chars, rest) {
            Some((s, e)) => {
                parsed.supplier = Some((rest.0, s));
                parsed.supplier_app_sep = Some((s, e));
                parsed.app = Some((e, rest.1));
            }
            None => parsed.supplier = Some(rest),
        }
    }
}

/// A service name inside `range` (the supplier and app) that follows an environment: the name, or a
/// part of it, pasted twice (`… - PROD - e-Referral Service, User Restricted - PROD - …`).
pub(crate) fn repeated_service(chars: &[char], range: Range) -> Option<Range> {
    (range.0..range.1).find_map(|i| {
        let (e, _, _) = service_at(chars, i)?;
        (e <= range.1 && ends_with_env(chars, (range.0, i))).then_some((i, e))
    })
}

/// True when the text in `range` ends with an environment (before separators).
fn ends_with_env(chars: &[char], range: Range) -> bool {
    let mut k = range.1;
    while k > range.0 && (is_sep_char(chars[k - 1]) || chars[k - 1] == ',') {
        k -= 1;
    }
    if k == range.1 {
        return false;
    }
    let mut j = k;
    while j > range.0 && is_word(chars[j - 1]) {
        j -= 1;
    }
    let word: String = chars[j..k].iter().collect();
    env_form(&word, true, false).is_some_and(|f| f.environment().is_some())
}

/// The last separator in `range`: a run of spaces and dashes that separates, or a comma.
fn last_separator(chars: &[char], range: Range) -> Option<Range> {
    let mut i = range.1;
    while i > range.0 {
        i -= 1;
        let c = chars[i];
        if c == ',' || is_sep_char(c) {
            let e = i + 1;
            let mut s = i;
            while s > range.0 && (chars[s - 1] == ',' || is_sep_char(chars[s - 1])) {
                s -= 1;
            }
            let run = &chars[s..e];
            if run.contains(&',') || is_spaced_dash_run(run) {
                return Some((s, e));
            }
            i = s;
        }
    }
    None
}

/// Reads what follows the service's separator: the access mode, and an environment that
/// strayed there.
fn read_mode(chars: &[char], range: Range, parsed: &mut Parsed) {
    if range.0 >= range.1 {
        return;
    }
    // Split into parts at commas and separating dash runs; an environment part is set aside.
    let mut start = range.0;
    let mut first: Option<usize> = None;
    let mut last = range.0;
    let mut i = range.0;
    let mut flush = |s: usize, e: usize, parsed: &mut Parsed| {
        if s >= e {
            return;
        }
        let part = &chars[s..e];
        let word: String = part.iter().collect();
        if part.iter().all(|c| is_word(*c)) && parsed.late_env.is_none() {
            if let Some(form @ (EnvForm::Exact(_) | EnvForm::Case(_) | EnvForm::Word(_))) =
                env_form(&word, true, false)
            {
                parsed.late_env = Some(Token {
                    range: (s, e),
                    form,
                });
                return;
            }
        }
        first.get_or_insert(s);
        last = e;
    };
    while i < range.1 {
        if chars[i] == ',' || is_sep_char(chars[i]) {
            let s = i;
            while i < range.1 && (chars[i] == ',' || is_sep_char(chars[i])) {
                i += 1;
            }
            let run = &chars[s..i];
            if run.contains(&',') || is_spaced_dash_run(run) {
                flush(start, s, parsed);
                start = i;
            }
        } else {
            i += 1;
        }
    }
    flush(start, range.1, parsed);
    if let Some(f) = first {
        parsed.mode = Some(Token {
            range: (f, last),
            form: mode_form(&chars[f..last]),
        });
    }
}
