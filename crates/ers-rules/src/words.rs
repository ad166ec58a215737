//! Numbers and counts written one way everywhere (the page, the email, the CLI): thousands
//! grouped with a comma as en-GB writes them ("1,500"), a noun in the singular for one.

/// `n` with its thousands grouped by commas: `1500` → `"1,500"`, `999` → `"999"`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `n` and its noun: `count(1, "application", "applications")` → `"1 application"`,
/// `count(1500, …)` → `"1,500 applications"`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// A list of 0-based indices as the 1-based numbers people read, runs joined by an en dash:
/// `[0, 1, 2, 4]` → `"1–3, 5"`. The indices must be sorted and distinct.
pub fn ranges(indices: &[usize]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < indices.len() {
        let start = indices[i];
        let mut end = start;
        while i + 1 < indices.len() && indices[i + 1] == end + 1 {
            i += 1;
            end = indices[i];
        }
        if !out.is_empty() {
            out.push_str(", ");
        }
        out.push_str(&thousands(start + 1));
        if end > start {
            out.push(if end == start + 1 { ',' } else { '–' });
            if end == start + 1 {
                out.push(' ');
            }
            out.push_str(&thousands(end + 1));
        }
        i += 1;
    }
    out
}

/// Which of `indices` (0-based, in order) a finding is about, for a person: `applications 1–3, 5`
/// while that takes at most `runs` ranges, else the count and the first `runs` ranges
/// (`500 applications (1, 4, 7 and 497 more)`), since a list of hundreds is read by nobody.
pub fn which(indices: &[usize], runs: usize, one: &str, many: &str) -> String {
    match indices {
        [] => String::new(),
        [i] => format!("{one} {}", thousands(i + 1)),
        _ => {
            let mut starts = vec![0];
            starts.extend((1..indices.len()).filter(|&k| indices[k] != indices[k - 1] + 1));
            if starts.len() <= runs {
                return format!("{many} {}", ranges(indices));
            }
            let shown = starts[runs];
            format!(
                "{} {many} ({} and {} more)",
                thousands(indices.len()),
                ranges(&indices[..shown]),
                thousands(indices.len() - shown)
            )
        }
    }
}

/// `items` joined as a sentence lists them: `a`, `a and b`, `a, b and c`.
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// `text` as a sentence a supplier reads once: a capital first and a full stop last (unless it
/// ends in its own stop, or a colon before a list). A first word that is written as code — a
/// JWT member (`kid`, `aud`), a word with a capital or `_` inside (`e-Referral`,
/// `grant_type`) — keeps its case.
pub fn sentence(text: &str) -> String {
    let mut out = text.trim().to_owned();
    make_sentence(&mut out);
    out
}

/// [`sentence`] in place, for text with no spaces around it.
#[inline(never)]
pub(crate) fn make_sentence(out: &mut String) {
    let bytes = out.as_bytes();
    let end = bytes
        .iter()
        .position(|b| matches!(b, b' ' | b':' | b','))
        .unwrap_or(bytes.len());
    let first = out.get(..end).unwrap_or("");
    let code_word = CODE_WORDS.contains(&first)
        || first.bytes().any(|b| b == b'_')
        || first.bytes().skip(1).any(|b| b.is_ascii_uppercase());
    // ASCII only, and no slicing that could fail: the names module every embedding page loads
    // would otherwise carry Unicode's case tables and the slicing panic's formatting.
    if !code_word {
        if let Some(initial) = out.get_mut(..1) {
            initial.make_ascii_uppercase();
        }
    }
    let stopped =
        matches!(out.bytes().last(), Some(b'.' | b'!' | b'?' | b':')) || out.ends_with('…');
    if !out.is_empty() && !stopped {
        out.push('.');
    }
}

/// Words a message may start with that are names in a token or a JWK, written as they are.
const CODE_WORDS: [&str; 14] = [
    "kid", "iss", "sub", "aud", "exp", "jti", "nbf", "iat", "alg", "typ", "use", "kty", "n", "e",
];

/// A sentence as a clause inside another (in brackets, after a colon): without its full stop.
pub fn clause(sentence: &str) -> &str {
    sentence.strip_suffix('.').unwrap_or(sentence)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1500), "1,500");
        assert_eq!(thousands(100_000), "100,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn counts_say_one_and_many() {
        assert_eq!(count(1, "detail", "details"), "1 detail");
        assert_eq!(count(6000, "detail", "details"), "6,000 details");
        assert_eq!(count(0, "error", "errors"), "0 errors");
    }

    #[test]
    fn ranges_read_as_people_write_them() {
        assert_eq!(ranges(&[]), "");
        assert_eq!(ranges(&[0]), "1");
        assert_eq!(ranges(&[0, 1]), "1, 2");
        assert_eq!(ranges(&[0, 1, 2, 4, 6, 7, 8]), "1–3, 5, 7–9");
        assert_eq!(ranges(&(0..1500).collect::<Vec<_>>()), "1–1,500");
        let every_third: Vec<usize> = (0..1500).step_by(3).collect();
        assert_eq!(
            which(&every_third, 4, "application", "applications"),
            "500 applications (1, 4, 7, 10 and 496 more)"
        );
        assert_eq!(
            which(&[0, 1, 2, 4], 4, "application", "applications"),
            "applications 1–3, 5"
        );
        assert_eq!(
            which(&[1_499], 4, "application", "applications"),
            "application 1,500"
        );
        assert_eq!(which(&[], 4, "application", "applications"), "");
    }

    #[test]
    fn lists_read_as_sentences() {
        let s = |v: &[&str]| v.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
        assert_eq!(and_list(&s(&["a"])), "a");
        assert_eq!(and_list(&s(&["a", "b"])), "a and b");
        assert_eq!(and_list(&s(&["a", "b", "c"])), "a, b and c");
    }

    #[test]
    fn sentences_have_a_capital_first_and_a_stop_last() {
        assert_eq!(sentence("the name is empty"), "The name is empty.");
        assert_eq!(sentence(" Line 3: done. "), "Line 3: done.");
        assert_eq!(sentence("which one?"), "Which one?");
        assert_eq!(sentence("choose one of:"), "Choose one of:");
        assert_eq!(sentence("kid is empty"), "kid is empty.");
        assert_eq!(sentence("grant_type is missing"), "grant_type is missing.");
        assert_eq!(
            sentence("e-Referral Service is missing"),
            "e-Referral Service is missing."
        );
        assert_eq!(sentence("… and 3 more…"), "… and 3 more…");
        assert_eq!(sentence(""), "");
        assert_eq!(clause("The name is empty."), "The name is empty");
    }
}
