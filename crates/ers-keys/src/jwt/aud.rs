//! Where an `aud` claim differs from the token URL, character by character.

use ers_rules::{Environment, Span};

/// How an `aud` claim differs from the token URL it must equal.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct AudDiff {
    /// The token URL `aud` must be.
    pub expected: String,
    /// The `aud` as given.
    pub given: String,
    /// The environment whose token URL is expected.
    pub expected_environment: Environment,
    /// The environment whose token URL `aud` is, when it is another environment's.
    pub given_environment: Option<Environment>,
    /// Index (in characters, from 0) of the first character where `given` and `expected`
    /// differ; the length of the shorter one when one is the start of the other.
    pub first_difference: usize,
    /// The differing part of `given`: from the first difference to the end (empty, at the end,
    /// when `given` is the start of `expected`).
    pub span: Span,
}

impl AudDiff {
    /// Compares `given` with the token URL of `expected`; `None` when they are equal.
    pub fn new(given: &str, expected: Environment) -> Option<AudDiff> {
        let url = expected.token_url();
        if given == url {
            return None;
        }
        let first = given
            .chars()
            .zip(url.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let given_len = given.chars().count();
        Some(AudDiff {
            expected: url.to_owned(),
            given: given.to_owned(),
            expected_environment: expected,
            given_environment: environment_of(given),
            first_difference: first,
            span: Span::new(first, given_len),
        })
    }

    /// One sentence saying where they differ, e.g. "from character 40 the token URL has ''
    /// where aud has '/'".
    pub fn describe(&self) -> String {
        let expected: String = self.expected.chars().skip(self.first_difference).collect();
        let given: String = self.given.chars().skip(self.first_difference).collect();
        let at = self.first_difference + 1;
        if given.is_empty() {
            format!("aud stops at character {at}, where the token URL goes on with '{expected}'")
        } else if expected.is_empty() {
            format!("aud goes on after the token URL with '{given}' from character {at}")
        } else {
            format!("from character {at}, aud has '{given}' where the token URL has '{expected}'")
        }
    }

    /// A hint for a common cause of the difference, when one is recognised.
    pub fn hint(&self) -> Option<&'static str> {
        let given = self.given.as_str();
        let expected = self.expected.as_str();
        if given.trim() == expected {
            Some("remove the white space around it")
        } else if given.trim_end_matches('/') == expected {
            Some("remove the trailing '/'")
        } else if given.eq_ignore_ascii_case(expected) {
            Some("the URL is compared exactly, case included: write it in lowercase")
        } else if given.strip_prefix("http://") == expected.strip_prefix("https://") {
            Some("use https://, not http://")
        } else if expected.starts_with(given) {
            Some("aud is the token endpoint itself, with the path /oauth2/token")
        } else if given.starts_with("https://") && !given.contains("/oauth2/token") {
            Some("aud is the token endpoint (…/oauth2/token), not the base URL of the API you call")
        } else {
            None
        }
    }
}

/// The environment whose token URL `aud` is exactly.
pub(crate) fn environment_of(aud: &str) -> Option<Environment> {
    Environment::ALL
        .into_iter()
        .find(|env| env.token_url() == aud)
}

/// The environment whose token URL is nearest to `aud` (fewest character edits; PROD first on a
/// tie), for explaining an `aud` when no environment was given.
pub(crate) fn nearest(aud: &str) -> Environment {
    let mut best = (usize::MAX, Environment::Prod);
    for env in Environment::ALL {
        let distance = edit_distance(aud, env.token_url());
        if distance < best.0 {
            best = (distance, env);
        }
    }
    best.1
}

/// Levenshtein distance in characters (inputs are short: a URL or so; longer input is cut).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(512).collect();
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitute.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        core::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_slash_differs_at_the_end() {
        let diff = AudDiff::new(
            "https://api.service.nhs.uk/oauth2/token/",
            Environment::Prod,
        );
        let diff = diff.expect("differs");
        assert_eq!(diff.first_difference, 39);
        assert_eq!(diff.span, Span::new(39, 40));
        assert_eq!(diff.hint(), Some("remove the trailing '/'"));
        assert_eq!(
            diff.describe(),
            "aud goes on after the token URL with '/' from character 40"
        );
    }

    #[test]
    fn int_url_against_prod_names_the_environment() {
        let diff = AudDiff::new(Environment::Int.token_url(), Environment::Prod).expect("differs");
        assert_eq!(diff.given_environment, Some(Environment::Int));
        assert_eq!(diff.first_difference, 8);
        assert_eq!(
            diff.describe(),
            "from character 9, aud has 'int.api.service.nhs.uk/oauth2/token' where the token URL has 'api.service.nhs.uk/oauth2/token'"
        );
    }

    #[test]
    fn equal_is_none_and_nearest_is_found() {
        assert_eq!(
            AudDiff::new(Environment::Dev.token_url(), Environment::Dev),
            None
        );
        assert_eq!(
            nearest("https://int.api.service.nhs.uk/oauth2/token/"),
            Environment::Int
        );
        assert_eq!(nearest("https://api.service.nhs.uk"), Environment::Prod);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
