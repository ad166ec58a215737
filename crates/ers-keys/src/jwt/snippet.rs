//! A client ready to paste: the code that signs a client assertion and asks the token server for
//! an access token, for either grant ([`Grant`]), in the languages suppliers write clients in.
//!
//! The code is data here (`snippets/`, one template a language), rendered with the project's
//! values: the kid, the environment's token URL, the API key (a placeholder when none is given)
//! and the private key's file (`KID.pem`, as `keys new` names it). Each snippet names and pins
//! what it uses, and runs with `--dry-run` to print the form it would send without sending it —
//! how the tests run every one offered, with a generated key, and check its token with PyJWT and
//! this crate's checker. Only languages the tests can run are offered.
//!
//! Template lines starting `#CC#` belong to client credentials only, `#TE#` to the token
//! exchange only; `{{NAME}}` is a value, written as a string literal of the language.

use ers_rules::Environment;

use super::Grant;

ers_rules::id_enum! {
    /// A language a client is offered in.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum SnippetLanguage {
        /// Python 3, with PyJWT and cryptography.
        Python = "python",
        /// Node.js 18 or later, with Node's own `crypto` and `fetch`.
        Node = "node",
        /// Java 11 or later, with the JDK's own `java.security` and `java.net.http`.
        Java = "java",
    }
}

impl SnippetLanguage {
    /// Its name, as people write it.
    pub fn title(self) -> &'static str {
        match self {
            SnippetLanguage::Python => "Python",
            SnippetLanguage::Node => "Node.js",
            SnippetLanguage::Java => "Java",
        }
    }

    /// The file the snippet is saved as.
    pub fn file_name(self) -> &'static str {
        match self {
            SnippetLanguage::Python => "nhs_token.py",
            SnippetLanguage::Node => "nhs-token.mjs",
            SnippetLanguage::Java => "NhsToken.java",
        }
    }

    /// What it uses, pinned.
    pub fn libraries(self) -> &'static str {
        match self {
            SnippetLanguage::Python => "PyJWT 2.15.1 and cryptography 48.0.0 (pip)",
            SnippetLanguage::Node => "Node.js 18 or later: node:crypto and fetch, no packages",
            SnippetLanguage::Java => {
                "Java 11 or later: java.security and java.net.http, no libraries"
            }
        }
    }

    /// The command that installs what it needs, if anything.
    pub fn install(self) -> Option<&'static str> {
        match self {
            SnippetLanguage::Python => {
                Some("python3 -m pip install PyJWT==2.15.1 cryptography==48.0.0")
            }
            SnippetLanguage::Node | SnippetLanguage::Java => None,
        }
    }

    /// The command that runs it.
    pub fn run(self) -> &'static str {
        match self {
            SnippetLanguage::Python => "python3 nhs_token.py",
            SnippetLanguage::Node => "node nhs-token.mjs",
            SnippetLanguage::Java => "java NhsToken.java",
        }
    }

    fn template(self) -> &'static str {
        match self {
            SnippetLanguage::Python => include_str!("snippets/python.py"),
            SnippetLanguage::Node => include_str!("snippets/node.mjs"),
            SnippetLanguage::Java => include_str!("snippets/java.java"),
        }
    }
}

impl core::str::FromStr for SnippetLanguage {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().as_str() {
            "python" | "py" | "python3" => Ok(SnippetLanguage::Python),
            "node" | "nodejs" | "node.js" | "js" | "javascript" => Ok(SnippetLanguage::Node),
            "java" => Ok(SnippetLanguage::Java),
            "c#" | "csharp" | "cs" | "dotnet" | ".net" | "php" => Err(format!(
                "'{text}' is not offered: a snippet is offered only where its tests run it, and \
                 they run python, node and java"
            )),
            _ => Err(format!(
                "'{text}' is not a language: use python, node or java"
            )),
        }
    }
}

/// What to write a client for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SnippetRequest<'a> {
    /// The language.
    pub language: SnippetLanguage,
    /// The grant of the token request.
    pub grant: Grant,
    /// The kid of the key in the application's JWKS.
    pub kid: &'a str,
    /// The environment: the token URL, the assertion's `aud`.
    pub environment: Environment,
    /// The application's API key; `None` writes [`API_KEY_PLACEHOLDER`].
    pub api_key: Option<&'a str>,
}

/// The API key written when none is given, for the user to replace.
pub const API_KEY_PLACEHOLDER: &str = "YOUR-API-KEY";

/// A client, rendered.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Snippet {
    /// The language.
    pub language: SnippetLanguage,
    /// The grant.
    pub grant: Grant,
    /// The file to save it as.
    pub file_name: &'static str,
    /// What it uses, pinned.
    pub libraries: &'static str,
    /// The command that installs that, if anything.
    pub install: Option<&'static str>,
    /// The command that runs it (`--dry-run` prints the form instead of sending it).
    pub run: &'static str,
    /// The private key file it reads (the `PRIVATE_KEY_FILE` environment variable overrides it).
    pub key_file: String,
    /// True when the API key is the placeholder, to be replaced.
    pub api_key_placeholder: bool,
    /// The code.
    pub code: String,
}

/// Writes the client.
///
/// # Errors
/// [`crate::Error::KidInvalid`] for a kid [`crate::jwk::validate_kid`] refuses.
pub fn snippet(request: &SnippetRequest<'_>) -> crate::Result<Snippet> {
    crate::jwk::validate_kid(request.kid)?;
    let language = request.language;
    let api_key = request
        .api_key
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .unwrap_or(API_KEY_PLACEHOLDER);
    let key_file = format!("{}.pem", ers_rules::golive::kid_file_name(request.kid));
    let literal = |text: &str| serde_json::Value::from(text).to_string();
    let value = |name: &str| -> Option<String> {
        Some(match name {
            "TITLE" => request.grant.title().to_owned(),
            "ENV" => request.environment.name_token().to_owned(),
            "FILE" => language.file_name().to_owned(),
            "TOKEN_URL" => literal(request.environment.token_url()),
            "API_KEY" => literal(api_key),
            "KID" => literal(request.kid),
            "KEY_FILE" => literal(&key_file),
            _ => return None,
        })
    };
    let (keep, drop) = match request.grant {
        Grant::ClientCredentials => ("#CC#", "#TE#"),
        Grant::TokenExchange => ("#TE#", "#CC#"),
    };
    let mut code = String::new();
    for line in language.template().lines() {
        if line.starts_with(drop) {
            continue;
        }
        render_line(line.strip_prefix(keep).unwrap_or(line), &value, &mut code);
        code.push('\n');
    }
    Ok(Snippet {
        language,
        grant: request.grant,
        file_name: language.file_name(),
        libraries: language.libraries(),
        install: language.install(),
        run: language.run(),
        key_file,
        api_key_placeholder: api_key == API_KEY_PLACEHOLDER,
        code,
    })
}

/// Writes `line` with each `{{NAME}}` replaced by its value, in one pass (a value is never read
/// again, so a kid holding `{{` stays as it is).
fn render_line(line: &str, value: &dyn Fn(&str) -> Option<String>, out: &mut String) {
    let mut rest = line;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start + 2..].find("}}") else {
            break;
        };
        let name = &rest[start + 2..start + 2 + len];
        out.push_str(&rest[..start]);
        match value(name) {
            Some(v) => out.push_str(&v),
            None => out.push_str(&rest[start..start + 4 + len]),
        }
        rest = &rest[start + 4 + len..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_is_a_literal_and_every_marker_is_gone() {
        for language in SnippetLanguage::ALL {
            for grant in Grant::ALL {
                let s = snippet(&SnippetRequest {
                    language,
                    grant,
                    kid: "Prod \"one\"\\{{KID}}",
                    environment: Environment::Int,
                    api_key: None,
                })
                .expect("renders");
                assert_eq!(s.code.matches("{{").count(), 1, "{language:?} {grant:?}");
                assert!(!s.code.contains("#TE#") && !s.code.contains("#CC#"));
                assert!(s.code.contains(r#""Prod \"one\"\\{{KID}}""#), "{}", s.code);
                assert!(
                    s.code
                        .contains("\"https://int.api.service.nhs.uk/oauth2/token\"")
                );
                assert!(s.code.contains("\"YOUR-API-KEY\""));
                assert!(s.api_key_placeholder);
                assert_eq!(s.key_file, "Prod__one____KID__.pem");
                assert_eq!(
                    s.code.contains("subject_token"),
                    grant == Grant::TokenExchange
                );
            }
        }
    }

    #[test]
    fn languages_not_run_by_the_tests_are_not_offered() {
        let refused = "csharp"
            .parse::<SnippetLanguage>()
            .expect_err("not offered");
        assert!(refused.contains("not offered"), "{refused}");
        assert_eq!("Node.js".parse(), Ok(SnippetLanguage::Node));
    }
}
