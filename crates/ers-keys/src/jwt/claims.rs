//! The header and claims of a client assertion, and their exact JSON.

/// The JOSE header of a client assertion: `{"alg":"RS512","typ":"JWT","kid":…}`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Header {
    /// Always `RS512`.
    pub alg: &'static str,
    /// Always `JWT`.
    pub typ: &'static str,
    /// The key id: a `kid` of the application's JWKS.
    pub kid: String,
}

impl Header {
    /// The header for key `kid`.
    pub fn new(kid: impl Into<String>) -> Self {
        Header {
            alg: super::ALGORITHM,
            typ: super::TYPE,
            kid: kid.into(),
        }
    }

    /// The compact JSON that is base64url-encoded into the token, fields in the order
    /// `alg`, `typ`, `kid`.
    pub fn to_json(&self) -> String {
        object(&[
            ("alg", json_string(self.alg)),
            ("typ", json_string(self.typ)),
            ("kid", json_string(&self.kid)),
        ])
    }
}

/// The claims of a client assertion.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Claims {
    /// Issuer: the application's API key.
    pub iss: String,
    /// Subject: the application's API key, again.
    pub sub: String,
    /// Audience: the environment's token URL, exactly.
    pub aud: String,
    /// A new unique id (a UUID v4).
    pub jti: String,
    /// Expiry, seconds since the Unix epoch: at most 5 minutes after `iat`.
    pub exp: u64,
    /// Issued at, seconds since the Unix epoch.
    pub iat: u64,
}

impl Claims {
    /// The compact JSON that is base64url-encoded into the token, fields in the order
    /// `iss`, `sub`, `aud`, `jti`, `exp`, `iat`.
    pub fn to_json(&self) -> String {
        object(&[
            ("iss", json_string(&self.iss)),
            ("sub", json_string(&self.sub)),
            ("aud", json_string(&self.aud)),
            ("jti", json_string(&self.jti)),
            ("exp", self.exp.to_string()),
            ("iat", self.iat.to_string()),
        ])
    }
}

/// `value` as a JSON string literal, escaped by serde_json.
fn json_string(value: &str) -> String {
    serde_json::Value::from(value).to_string()
}

/// A JSON object of already-encoded values, in the order given.
fn object(fields: &[(&str, String)]) -> String {
    let mut out = String::from("{");
    for (i, (name, value)) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&json_string(name));
        out.push(':');
        out.push_str(value);
    }
    out.push('}');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_json_is_compact_in_fixed_order_and_escaped() {
        assert_eq!(
            Header::new("test-\"1\"").to_json(),
            r#"{"alg":"RS512","typ":"JWT","kid":"test-\"1\""}"#
        );
    }

    #[test]
    fn claims_json_is_compact_in_fixed_order() {
        let claims = Claims {
            iss: "key".into(),
            sub: "key".into(),
            aud: "https://int.api.service.nhs.uk/oauth2/token".into(),
            jti: "j".into(),
            exp: 300,
            iat: 0,
        };
        assert_eq!(
            claims.to_json(),
            r#"{"iss":"key","sub":"key","aud":"https://int.api.service.nhs.uk/oauth2/token","jti":"j","exp":300,"iat":0}"#
        );
    }
}
