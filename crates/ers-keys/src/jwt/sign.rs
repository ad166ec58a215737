//! Signing a client assertion: RS512 over `base64url(header).base64url(claims)`.

use base64ct::{Base64UrlUnpadded, Encoding};
use ers_rules::Environment;
use rsa::PrivateKey;
use rsa::pkcs1v15::SigningKey;
use rsa::signature::{SignatureEncoding, Signer};
use rsa::traits::PublicKeyParts;
use sha2::Sha512;

use super::Grant;
use super::claims::{Claims, Header};
use crate::{Error, Result};

/// What to sign: who (API key), with which key (kid), for which environment, when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignRequest<'a> {
    /// The key id of the key pair, as in the JWKS the token server reads.
    pub kid: &'a str,
    /// The application's API key (its "Key" in the developer portal, not its secret):
    /// `iss` and `sub`.
    pub api_key: &'a str,
    /// The environment whose token URL becomes `aud`.
    pub environment: Environment,
    /// The current time, seconds since the Unix epoch: `iat`.
    pub now: u64,
    /// Seconds from `now` to `exp`: 1 to 300, [`MAX_LIFETIME_SECONDS`](super::MAX_LIFETIME_SECONDS)
    /// by default.
    pub lifetime_seconds: u64,
    /// The `jti`; `None` (the default) makes a new random UUID v4, as the token server wants.
    pub jti: Option<&'a str>,
    /// The token request the assertion is for: its curl command carries that grant's fields.
    /// The assertion is the same for both.
    pub grant: Grant,
}

impl<'a> SignRequest<'a> {
    /// A request with the default lifetime (300 s) and a new random `jti`.
    pub fn new(kid: &'a str, api_key: &'a str, environment: Environment, now: u64) -> Self {
        SignRequest {
            kid,
            api_key,
            environment,
            now,
            lifetime_seconds: super::MAX_LIFETIME_SECONDS,
            jti: None,
            grant: Grant::ClientCredentials,
        }
    }
}

/// A signed client assertion and what it is made of.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SignedAssertion {
    /// The compact JWT: the `client_assertion` form field.
    pub token: String,
    /// Its header.
    pub header: Header,
    /// Its claims.
    pub claims: Claims,
    /// The environment it is for.
    pub environment: Environment,
    /// Where to send it: the environment's token URL.
    pub token_url: &'static str,
    /// The grant of the token request.
    pub grant: Grant,
    /// A ready `curl` command for the token request of that grant (for a token exchange, the
    /// ID token is [`ID_TOKEN_PLACEHOLDER`], to be replaced).
    pub curl: String,
    /// The size of the signing key's modulus, in bits (NHS asks for 4096).
    pub key_bits: usize,
}

/// Signs a client assertion with `key`.
///
/// # Errors
/// [`Error::KidInvalid`] for a kid [`crate::jwk::validate_kid`] refuses; [`Error::Invalid`]
/// when the API key is empty or has white space, when `lifetime_seconds` is 0 or more than 300,
/// or when a given `jti` is empty; [`Error::Random`] when the system's random number generator
/// fails (for a new `jti`); [`Error::Crypto`] when signing fails.
pub fn sign(key: &PrivateKey, request: &SignRequest<'_>) -> Result<SignedAssertion> {
    crate::jwk::validate_kid(request.kid)?;
    let kid = request.kid;
    let api_key = field("API key", request.api_key)?;
    let lifetime = request.lifetime_seconds;
    if lifetime == 0 || lifetime > super::MAX_LIFETIME_SECONDS {
        return Err(invalid(
            "lifetime",
            format!(
                "{lifetime} seconds is not allowed: the token server refuses an 'exp' more than \
                 5 minutes ahead, so use 1 to {} seconds",
                super::MAX_LIFETIME_SECONDS
            ),
        ));
    }
    let jti = match request.jti {
        Some(jti) => field("jti", jti)?.to_owned(),
        None => new_uuid_v4()?,
    };
    let exp = request.now.checked_add(lifetime).ok_or_else(|| {
        invalid(
            "current time",
            "is too far in the future to add a lifetime to",
        )
    })?;

    let token_url = request.environment.token_url();
    let header = Header::new(kid);
    let claims = Claims {
        iss: api_key.to_owned(),
        sub: api_key.to_owned(),
        aud: token_url.to_owned(),
        jti,
        exp,
        iat: request.now,
    };
    let mut token = Base64UrlUnpadded::encode_string(header.to_json().as_bytes());
    token.push('.');
    token.push_str(&Base64UrlUnpadded::encode_string(
        claims.to_json().as_bytes(),
    ));

    let signing_key = SigningKey::<Sha512>::new(key.clone());
    let signature = signing_key
        .try_sign(token.as_bytes())
        .map_err(|e| Error::Crypto {
            reason: format!("signing failed: {e}"),
        })?;
    token.push('.');
    token.push_str(&Base64UrlUnpadded::encode_string(&signature.to_vec()));

    Ok(SignedAssertion {
        curl: grant_curl_command(request.grant, token_url, &token),
        grant: request.grant,
        token,
        header,
        claims,
        environment: request.environment,
        token_url,
        key_bits: key.size() * 8,
    })
}

/// Signs a client assertion with a private key in PEM (PKCS#8 `PRIVATE KEY` or PKCS#1
/// `RSA PRIVATE KEY`).
///
/// # Errors
/// As [`sign()`], and the errors of [`crate::pem::read_private_key`] when the PEM cannot be read.
pub fn sign_pem(private_key_pem: &str, request: &SignRequest<'_>) -> Result<SignedAssertion> {
    let key = crate::pem::read_private_key(private_key_pem)?;
    sign(&key, request)
}

/// The token request as a `curl` command (FACTS §5): a form POST of `grant_type`,
/// `client_assertion_type` and `client_assertion` to `token_url`.
pub fn curl_command(token_url: &str, token: &str) -> String {
    format!(
        "curl --request POST '{token_url}' \\\n  \
         --header 'Content-Type: application/x-www-form-urlencoded' \\\n  \
         --data-urlencode 'grant_type={}' \\\n  \
         --data-urlencode 'client_assertion_type={}' \\\n  \
         --data-urlencode 'client_assertion={}'",
        super::GRANT_TYPE,
        super::CLIENT_ASSERTION_TYPE,
        shell_quoted_body(token),
    )
}

/// Where a token-exchange curl command wants the ID token: the user pastes it in place of this.
/// The request checker recognises it.
pub const ID_TOKEN_PLACEHOLDER: &str = "PASTE-THE-ID-TOKEN-FROM-NHS-CIS2-HERE";

/// The token request of `grant` as a `curl` command: for client credentials as
/// [`curl_command`]; for a token exchange (FACTS §5b) the form also carries `grant_type` =
/// the token-exchange URN, `subject_token_type` = the ID-token type, and `subject_token` =
/// [`ID_TOKEN_PLACEHOLDER`].
pub fn grant_curl_command(grant: Grant, token_url: &str, token: &str) -> String {
    match grant {
        Grant::ClientCredentials => curl_command(token_url, token),
        Grant::TokenExchange => format!(
            "curl --request POST '{token_url}' \\\n  \
             --header 'Content-Type: application/x-www-form-urlencoded' \\\n  \
             --data-urlencode 'grant_type={}' \\\n  \
             --data-urlencode 'subject_token_type={}' \\\n  \
             --data-urlencode 'client_assertion_type={}' \\\n  \
             --data-urlencode 'client_assertion={}' \\\n  \
             --data-urlencode 'subject_token={ID_TOKEN_PLACEHOLDER}'",
            super::TOKEN_EXCHANGE_GRANT_TYPE,
            super::ID_TOKEN_TYPE,
            super::CLIENT_ASSERTION_TYPE,
            shell_quoted_body(token),
        ),
    }
}

/// `text` made safe inside single quotes.
fn shell_quoted_body(text: &str) -> String {
    text.replace('\'', r"'\''")
}

/// A new random UUID v4, hyphenated, from the system's random number generator.
fn new_uuid_v4() -> Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| Error::Random {
        reason: e.to_string(),
    })?;
    Ok(uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .hyphenated()
        .to_string())
}

/// Checks a text field: not empty, no white space.
fn field<'a>(what: &'static str, value: &'a str) -> Result<&'a str> {
    if value.trim().is_empty() {
        return Err(invalid(what, "is empty"));
    }
    if let Some(at) = value.chars().position(char::is_whitespace) {
        return Err(invalid(
            what,
            format!(
                "has white space at character {}: copy it again without spaces or line breaks",
                at + 1
            ),
        ));
    }
    Ok(value)
}

fn invalid(what: &'static str, reason: impl Into<String>) -> Error {
    Error::Invalid {
        what,
        reason: reason.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_v4_has_version_and_variant() {
        let jti = new_uuid_v4().expect("rng");
        assert_eq!(jti.len(), 36);
        assert_eq!(jti.as_bytes()[14], b'4');
        assert!(matches!(jti.as_bytes()[19], b'8' | b'9' | b'a' | b'b'));
        assert_ne!(jti, new_uuid_v4().expect("rng"));
    }

    #[test]
    fn fields_refuse_empty_and_white_space() {
        assert_eq!(field("kid", "test-1"), Ok("test-1"));
        assert_eq!(field("kid", " "), Err(invalid("kid", "is empty")));
        assert_eq!(
            field("API key", "abc def"),
            Err(invalid(
                "API key",
                "has white space at character 4: copy it again without spaces or line breaks"
            ))
        );
    }

    #[test]
    fn curl_command_posts_the_three_form_fields() {
        assert_eq!(
            curl_command("https://int.api.service.nhs.uk/oauth2/token", "a.b.c"),
            "curl --request POST 'https://int.api.service.nhs.uk/oauth2/token' \\\n  \
             --header 'Content-Type: application/x-www-form-urlencoded' \\\n  \
             --data-urlencode 'grant_type=client_credentials' \\\n  \
             --data-urlencode 'client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer' \\\n  \
             --data-urlencode 'client_assertion=a.b.c'"
        );
    }
}
