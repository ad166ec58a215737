/*!
JWK and JWKS (RFC 7517, RFC 7518 §6.3) for RSA public keys, and the RFC 7638 thumbprint.

The NHS token server reads the application's JWKS, picks the key whose `kid` the client
assertion names, and checks the RS512 signature with it (FACTS §4, guidance 4.2). The JWKS
NHS documents is

```json
{"keys":[{"kty":"RSA","n":"<base64url modulus>","e":"AQAB","alg":"RS512","kid":"<KID>","use":"sig"}]}
```

[`Jwks::to_json`] writes exactly these members in this order. [`Jwks::from_json`] reads any
JWKS of RSA keys, keeps members it does not interpret (`x5c`, `key_ops`…) so a rewritten set
loses nothing, and records, without keeping their values, the private-key members a published
JWKS must never carry (see [`Jwks::private_members`]).

# Example

```
use ers_keys::jwk::{Jwk, Jwks};
# fn main() -> Result<(), ers_keys::Error> {
# let public_pem = include_str!("../tests/examples/keys/rsa2048-spki.pem");
let key = ers_keys::pem::read_public_key(public_pem)?;
let mut jwks = Jwks::new();
jwks.push(Jwk::from_public_key(&key, Some("prod-1"))?)?;
assert_eq!(jwks.find("prod-1").map(Jwk::alg), Some(Some("RS512")));

// The same kid twice is refused.
let again = Jwk::from_public_key(&key, Some("prod-1"))?;
assert_eq!(jwks.push(again).unwrap_err().code(), "kid-duplicate");

let json = jwks.to_json()?;
assert_eq!(Jwks::from_json(&json)?, jwks);
# Ok(())
# }
```
*/

use base64ct::{Base64UrlUnpadded, Encoding};
use rsa::traits::PublicKeyParts;
use rsa::{BoxedUint, PublicKey};
use serde::Serialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use zeroize::Zeroize;

use crate::error::{Error, KidProblem, Result};

/// The signing algorithm NHS's token server accepts, and the `alg` of the keys we make.
pub const ALG: &str = "RS512";

/// Kids longer than this are unusual (a warning): the rule is ers-rules', shared with the
/// go-live pack. The token server takes any non-empty kid (FACTS §4).
pub const KID_MAX_CHARS: usize = ers_rules::golive::KID_USUAL_MAX_CHARS;

pub use ers_rules::golive::kid_file_name;

/// Members of an RSA JWK that belong to the private key (RFC 7518 §6.3.2).
pub const PRIVATE_MEMBERS: [&str; 7] = ["d", "p", "q", "dp", "dq", "qi", "oth"];

/// Members this module reads itself; the others are kept as they are.
const KNOWN_MEMBERS: [&str; 6] = ["kty", "n", "e", "alg", "kid", "use"];

/// The diagnostic code of an unusual kid (a warning, never a refusal).
pub const KID_UNUSUAL: ers_rules::CodeInfo = crate::keypair::codes::KID_UNUSUAL;

/// Checks a kid as the token server takes it: any non-empty string a JWKS can hold (NHS-hosted
/// PROD JWKS have kids with spaces, colons and 100+ characters, FACTS §4). Only the empty kid
/// is refused; see [`kid_diagnostics`] for the warnings about unusual ones. The files named
/// after a kid use its separate, safe [`kid_file_name`].
///
/// # Errors
/// [`Error::KidInvalid`] with [`KidProblem::Empty`].
pub fn validate_kid(kid: &str) -> Result<()> {
    ers_rules::golive::check_kid(kid)
        .map(|_| ())
        .map_err(|problem| Error::KidInvalid {
            kid: kid.to_owned(),
            problem: problem.into(),
        })
}

/// Warnings about an unusual kid ([`KID_UNUSUAL`]): a space, an invisible or non-ASCII
/// character, more than [`KID_MAX_CHARS`] characters, each with its reason; the help names the
/// file-name form when it differs from the kid. Empty for a kid such as `prod-1` (and for the
/// empty kid, which [`validate_kid`] refuses).
pub fn kid_diagnostics(kid: &str) -> Vec<ers_rules::Diagnostic> {
    let Ok(notes) = ers_rules::golive::check_kid(kid) else {
        return Vec::new();
    };
    if notes.is_empty() {
        return Vec::new();
    }
    let reasons: Vec<String> = notes.iter().map(|n| n.reason()).collect();
    let file = kid_file_name(kid);
    let mut help = "the token server takes it: use it exactly, byte for byte, in the JWT header \
                    and the JWKS; a short kid such as prod-1 is easier to get right"
        .to_owned();
    if file != kid {
        help.push_str(&format!(
            "; the key files are named after its safe form: {file}.pem, {file}.pem.pub, {file}.json"
        ));
    }
    vec![
        ers_rules::Diagnostic::coded(
            KID_UNUSUAL,
            format!("the kid {kid:?} is unusual: {}", reasons.join("; ")),
        )
        .with_help(help),
    ]
}

/// One RSA public key as a JWK.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Jwk {
    kty: String,
    n: String,
    e: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    alg: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kid: Option<String>,
    #[serde(rename = "use", skip_serializing_if = "Option::is_none")]
    key_use: Option<String>,
    /// Public members this module does not interpret, kept for a faithful rewrite.
    #[serde(flatten)]
    other: Map<String, Value>,
    /// Names of the private members the JWK carried when read (their values are not kept).
    #[serde(skip)]
    private_members: Vec<&'static str>,
}

impl Jwk {
    /// The JWK of `key` as NHS documents it: `kty` `RSA`, `n`, `e`, `alg` `RS512`, `kid`,
    /// `use` `sig`. `kid` is checked with [`validate_kid`]; `None` takes the key's RFC 7638
    /// thumbprint.
    ///
    /// # Errors
    /// [`Error::KidInvalid`] for an unusable kid.
    pub fn from_public_key(key: &PublicKey, kid: Option<&str>) -> Result<Jwk> {
        let mut jwk = Jwk {
            kty: "RSA".to_owned(),
            n: Base64UrlUnpadded::encode_string(&key.n_bytes()),
            e: Base64UrlUnpadded::encode_string(&key.e_bytes()),
            alg: Some(ALG.to_owned()),
            kid: None,
            key_use: Some("sig".to_owned()),
            other: Map::new(),
            private_members: Vec::new(),
        };
        let kid = match kid {
            Some(kid) => {
                validate_kid(kid)?;
                kid.to_owned()
            }
            None => jwk.thumbprint(),
        };
        jwk.kid = Some(kid);
        Ok(jwk)
    }

    /// The RSA public key this JWK holds.
    ///
    /// # Errors
    /// [`Error::KeyMalformed`] when `n` or `e` is not base64url or not a valid RSA modulus and
    /// exponent (e.g. a modulus under 1024 or over 8192 bits, or an even one).
    pub fn to_public_key(&self) -> Result<PublicKey> {
        let malformed = |reason: String| Error::KeyMalformed {
            what: "JWK",
            reason,
        };
        let n = decode_uint(&self.n).map_err(|e| malformed(format!("n: {e}")))?;
        let e = decode_uint(&self.e).map_err(|e| malformed(format!("e: {e}")))?;
        PublicKey::new(n, e).map_err(|e| malformed(e.to_string()))
    }

    /// The RFC 7638 thumbprint: base64url (unpadded) of the SHA-256 of
    /// `{"e":…,"kty":"RSA","n":…}` (the required members, sorted, no white space).
    pub fn thumbprint(&self) -> String {
        // Values are escaped by serde_json, as RFC 7638 §3 requires of JSON string members.
        let canonical = format!(
            r#"{{"e":{},"kty":{},"n":{}}}"#,
            Value::String(self.e.clone()),
            Value::String(self.kty.clone()),
            Value::String(self.n.clone()),
        );
        Base64UrlUnpadded::encode_string(&Sha256::digest(canonical.as_bytes()))
    }

    /// The `kid`, if the JWK has one (every JWK this crate makes does).
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// The `alg`, e.g. `RS512`, if present.
    pub fn alg(&self) -> Option<&str> {
        self.alg.as_deref()
    }

    /// The `use`, e.g. `sig`, if present.
    pub fn key_use(&self) -> Option<&str> {
        self.key_use.as_deref()
    }

    /// The modulus `n`, base64url.
    pub fn n(&self) -> &str {
        &self.n
    }

    /// The public exponent `e`, base64url (`AQAB` for 65537).
    pub fn e(&self) -> &str {
        &self.e
    }

    /// The modulus size in bits (leading zero octets, which RFC 7518 forbids but some tools
    /// write, are not counted).
    pub fn bits(&self) -> usize {
        Base64UrlUnpadded::decode_vec(&self.n).map_or(0, |bytes| {
            let bytes = trim_leading_zeros(&bytes);
            bytes
                .first()
                .map_or(0, |first| bytes.len() * 8 - first.leading_zeros() as usize)
        })
    }

    /// The private members (`d`, `p`, …) this JWK carried when it was read. Their values are not
    /// kept. A JWK made by this crate has none.
    pub fn private_members(&self) -> &[&'static str] {
        &self.private_members
    }

    /// The JWK as compact JSON (members in NHS's order).
    ///
    /// # Errors
    /// [`Error::Crypto`] if serialisation fails (it does not: every member is a string or
    /// JSON read earlier).
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string(self).map_err(|e| Error::Crypto {
            reason: format!("could not write the JWK: {e}"),
        })
    }

    /// Reads one key of a JWKS (`index` is its place in `keys`, for messages).
    fn from_value(index: usize, value: Value) -> Result<Jwk> {
        let invalid = |reason: String| Error::JwkInvalid { index, reason };
        let Value::Object(mut members) = value else {
            return Err(invalid("it is not a JSON object".to_owned()));
        };
        let mut private_members = Vec::new();
        for name in PRIVATE_MEMBERS {
            if let Some(mut secret) = members.remove(name) {
                scrub(&mut secret);
                private_members.push(name);
            }
        }
        let mut string = |name: &str, required: bool| -> Result<Option<String>> {
            match members.remove(name) {
                Some(Value::String(s)) => Ok(Some(s)),
                Some(_) => Err(invalid(format!("\"{name}\" must be a string"))),
                None if required => Err(invalid(format!("it has no \"{name}\""))),
                None => Ok(None),
            }
        };
        let kty = string("kty", true)?.unwrap_or_default();
        if kty != "RSA" {
            return Err(invalid(format!(
                "its kty is \"{}\"; the NHS token server takes RSA keys (RS512) only",
                kty.escape_default()
            )));
        }
        let n = string("n", true)?.unwrap_or_default();
        let e = string("e", true)?.unwrap_or_default();
        let alg = string("alg", false)?;
        let kid = string("kid", false)?;
        let key_use = string("use", false)?;
        for (name, value) in [("n", &n), ("e", &e)] {
            decode_uint(value).map_err(|why| invalid(format!("\"{name}\" {why}")))?;
        }
        debug_assert!(KNOWN_MEMBERS.iter().all(|m| !members.contains_key(*m)));
        Ok(Jwk {
            kty,
            n,
            e,
            alg,
            kid,
            key_use,
            other: members,
            private_members,
        })
    }

    /// True when both hold the same public key (same `n` and `e` values).
    fn same_key(&self, other: &Jwk) -> bool {
        match (
            Base64UrlUnpadded::decode_vec(&self.n),
            Base64UrlUnpadded::decode_vec(&other.n),
        ) {
            (Ok(a), Ok(b)) => trim_leading_zeros(&a) == trim_leading_zeros(&b) && self.e == other.e,
            _ => false,
        }
    }
}

/// A JSON Web Key Set: the `{"keys": [...]}` file the token server fetches.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Jwks {
    keys: Vec<Jwk>,
}

impl Jwks {
    /// An empty set.
    pub fn new() -> Jwks {
        Jwks::default()
    }

    /// Reads a JWKS. Private-key members are recorded, not refused, so a checker can report
    /// them (see [`Jwks::private_members`]); [`Jwks::push`] refuses to add to such a set.
    ///
    /// # Errors
    /// [`Error::JsonMalformed`] when the text is not JSON, [`Error::JwksInvalid`] when it is not
    /// `{"keys": [...]}` (a lone JWK gets a hint to wrap it), [`Error::JwkInvalid`] for a key
    /// that is not an RSA public JWK with base64url `n` and `e`, [`Error::KidDuplicate`] when
    /// two keys share a kid, [`Error::TooLarge`] over [`ers_rules::limits::JWKS`] (1 MB),
    /// [`Error::PrivateKeyGiven`] for a PEM private key (never repeated).
    pub fn from_json(json: &str) -> Result<Jwks> {
        ers_rules::limits::JWKS.check(json.len())?;
        if crate::pem::looks_like_private_key(json) {
            // Refused without repeating it: not even a JSON error pointing into it.
            return Err(Error::PrivateKeyGiven);
        }
        let value: Value = serde_json::from_str(json)?;
        let Value::Object(mut root) = value else {
            return Err(Error::JwksInvalid {
                reason: "the top level must be an object, {\"keys\": [ … ]}".to_owned(),
            });
        };
        let keys = match root.remove("keys") {
            Some(Value::Array(keys)) => keys,
            Some(_) => {
                return Err(Error::JwksInvalid {
                    reason: "\"keys\" must be an array".to_owned(),
                });
            }
            None if root.contains_key("kty") => {
                let mut lone = Value::Object(root);
                scrub(&mut lone);
                return Err(Error::JwksInvalid {
                    reason: "this is a single JWK; a JWKS wraps keys in {\"keys\": [ … ]}"
                        .to_owned(),
                });
            }
            None => {
                return Err(Error::JwksInvalid {
                    reason: "it has no \"keys\" array".to_owned(),
                });
            }
        };
        let mut jwks = Jwks::new();
        // Kids seen so far: a duplicate is found in O(1), not by scanning the keys before it.
        let mut kids: std::collections::HashSet<String> =
            std::collections::HashSet::with_capacity(keys.len());
        for (index, value) in keys.into_iter().enumerate() {
            let jwk = Jwk::from_value(index, value)?;
            if let Some(kid) = jwk.kid() {
                if !kids.insert(kid.to_owned()) {
                    return Err(Error::KidDuplicate {
                        kid: kid.to_owned(),
                    });
                }
            }
            jwks.keys.push(jwk);
        }
        Ok(jwks)
    }

    /// The set as JSON, two-space indented, members of each key in NHS's order
    /// (`kty`, `n`, `e`, `alg`, `kid`, `use`), without a final newline.
    ///
    /// # Errors
    /// [`Error::Crypto`] if serialisation fails (it does not in practice).
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string_pretty(self).map_err(|e| Error::Crypto {
            reason: format!("could not write the JWKS: {e}"),
        })
    }

    /// The keys, in order.
    pub fn keys(&self) -> &[Jwk] {
        &self.keys
    }

    /// The key with this kid, if any.
    pub fn find(&self, kid: &str) -> Option<&Jwk> {
        self.keys.iter().find(|jwk| jwk.kid() == Some(kid))
    }

    /// The kids of the keys that have one, in order.
    pub fn kids(&self) -> Vec<&str> {
        self.keys.iter().filter_map(Jwk::kid).collect()
    }

    /// Every private member found when the set was read, as (key, member) pairs: the key is
    /// its kid, or `#index` when it has none. Empty for a proper, public JWKS.
    pub fn private_members(&self) -> Vec<(String, &'static str)> {
        self.keys
            .iter()
            .enumerate()
            .flat_map(|(index, jwk)| {
                let name = jwk.kid().map_or_else(|| format!("#{index}"), str::to_owned);
                jwk.private_members
                    .iter()
                    .map(move |member| (name.clone(), *member))
            })
            .collect()
    }

    /// `Ok` when no key carries private members.
    ///
    /// # Errors
    /// [`Error::PrivateMembers`] naming the keys and members.
    pub fn ensure_public(&self) -> Result<()> {
        let found = self.private_members();
        if found.is_empty() {
            return Ok(());
        }
        let mut keys: Vec<String> = Vec::new();
        for (key, _) in &found {
            if !keys.contains(key) {
                keys.push(key.clone());
            }
        }
        let members = PRIVATE_MEMBERS
            .into_iter()
            .filter(|member| found.iter().any(|(_, m)| m == member))
            .collect();
        Err(Error::PrivateMembers { keys, members })
    }

    /// Appends a key, for rotation: the set must be public, the new key must have a kid no other
    /// key has, and must not already be in the set under another kid.
    ///
    /// # Errors
    /// [`Error::PrivateMembers`] when the set carries private members, [`Error::KidDuplicate`],
    /// [`Error::KeyDuplicate`], or [`Error::KidInvalid`] when the new key has no kid.
    pub fn push(&mut self, jwk: Jwk) -> Result<()> {
        self.ensure_public()?;
        let Some(kid) = jwk.kid() else {
            return Err(Error::KidInvalid {
                kid: String::new(),
                problem: KidProblem::Empty,
            });
        };
        if self.find(kid).is_some() {
            return Err(Error::KidDuplicate {
                kid: kid.to_owned(),
            });
        }
        if let Some(existing) = self.keys.iter().find(|k| k.same_key(&jwk)) {
            return Err(Error::KeyDuplicate {
                kid: existing
                    .kid()
                    .map_or_else(|| "(no kid)".to_owned(), str::to_owned),
            });
        }
        self.keys.push(jwk);
        Ok(())
    }
}

/// Decodes a base64url `n` or `e` into an integer; the error says what is wrong.
fn decode_uint(text: &str) -> core::result::Result<BoxedUint, &'static str> {
    if text.ends_with('=') {
        return Err("has '=' padding; JWK values are base64url without padding (RFC 7515 §2)");
    }
    let bytes = Base64UrlUnpadded::decode_vec(text)
        .map_err(|_| "is not base64url (letters, digits, - and _; RFC 7518 §6.3.1)")?;
    let bytes = trim_leading_zeros(&bytes);
    if bytes.is_empty() {
        return Err("is empty or zero");
    }
    Ok(BoxedUint::from_be_slice_vartime(bytes))
}

fn trim_leading_zeros(bytes: &[u8]) -> &[u8] {
    let first = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    &bytes[first..]
}

/// Overwrites every string inside `value` (a private member that must not linger in memory).
fn scrub(value: &mut Value) {
    match value {
        Value::String(s) => s.zeroize(),
        Value::Array(items) => items.iter_mut().for_each(scrub),
        Value::Object(members) => members.values_mut().for_each(scrub),
        _ => {}
    }
}
