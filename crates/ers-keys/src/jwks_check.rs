/*!
Checking a JWKS on its own, before it is published: what the NHS token server and its signature
check will make of the file (guidance 4.2, FACTS §4).

The token server fetches the application's one `jwks-resource-url`, picks the key whose `kid`
the client assertion names, and verifies the RS512 signature with it. It does not check the key
size, and does not need a key's `alg` (most NHS-hosted keys have none). What it cannot use, and
the supplier mistakes seen in NHS-hosted PROD files, are findings with stable codes
([`codes`]): not a JWKS at all (a bare JWK, an array, a PEM), no keys, private members
published, a key that is not RSA, an `alg` other than RS512, a `use` other than `sig`, a key
without a kid, duplicate kids, a key under 4096 bits (a warning) or under 2048 (an error), a
malformed `n` or `e`, an `e` other than 65537 (a warning), an unusual kid (a warning).

# Example

```
use ers_keys::jwks_check::{check_jwks, codes};

let report = check_jwks(r#"{"kty":"RSA","n":"AQAB","e":"AQAB","kid":"prod-1"}"#);
assert!(!report.is_valid());
assert_eq!(report.findings[0].code, codes::BARE_JWK);
```
*/

use base64ct::{Base64UrlUnpadded, Encoding};
use ers_rules::Diagnostic;
use serde_json::{Map, Value};

use crate::jwk::PRIVATE_MEMBERS;

/// The guidance rule every finding cites.
pub const RULE: &str = "4.2";

/// The stable codes of the JWKS checker.
pub mod codes {
    use super::RULE;

    ers_rules::code_registry! {
        /// A PEM key where a JWKS belongs.
        PEM = "ERS-K010", Error, RULE,
            "a PEM key where a JWKS belongs (a private key: never publish it)",
            "`-----BEGIN PUBLIC KEY-----`";
        /// A single JWK where a JWKS (`{"keys": […]}`) belongs.
        BARE_JWK = "ERS-K011", Error, RULE,
            "a single JWK where a JWKS (`{\"keys\": […]}`) belongs",
            "`{\"kty\":\"RSA\",\"n\":…}`";
        /// A JSON array where a JWKS belongs.
        ARRAY = "ERS-K012", Error, RULE,
            "a JSON array where a JWKS belongs",
            "`[{\"kty\":\"RSA\",…}]`";
        /// Not JSON, or JSON without a `keys` array.
        NOT_JWKS = "ERS-K013", Error, RULE,
            "not JSON, or JSON without a `keys` array",
            "`{\"key\": […]}`";
        /// The `keys` array is empty.
        NO_KEYS = "ERS-K014", Error, RULE,
            "the JWKS holds no key",
            "`{\"keys\": []}`";
        /// A key carries private members (`d`, `p`, `q`, …): the key is leaked.
        PRIVATE = "ERS-K015", Error, RULE,
            "private members (`d`, `p`, `q`, …) published: the key is leaked; make a new one",
            "a JWK with `\"d\"`";
        /// A key that is not RSA (or not a JSON object).
        NOT_RSA = "ERS-K016", Error, RULE,
            "a key that is not RSA (or not a JSON object)",
            "`\"kty\": \"EC\"`";
        /// `alg` is present and not RS512.
        ALG = "ERS-K017", Error, RULE,
            "`alg` present and not RS512",
            "`\"alg\": \"RS256\"`";
        /// `use` is present and not `sig`.
        USE = "ERS-K018", Error, RULE,
            "`use` present and not `sig`",
            "`\"use\": \"enc\"`";
        /// Two keys have the same kid.
        KID_DUPLICATE = "ERS-K019", Error, RULE,
            "two keys with the same kid",
            "`prod-1` twice";
        /// A key under 4096 bits (guidance; the server does not check).
        SIZE_GUIDANCE = "ERS-K020", Warning, RULE,
            "a key under 4096 bits: NHS's guidance, not checked by the token server",
            "a 2048-bit key";
        /// A key under 2048 bits.
        SIZE_UNSAFE = "ERS-K021", Error, RULE,
            "a key under 2048 bits: unsafe",
            "a 1024-bit key";
        /// `n` or `e` is malformed.
        N_E_MALFORMED = "ERS-K022", Error, RULE,
            "`n` or `e` malformed: standard base64, padding, not base64url (warning: a leading zero byte)",
            "`\"e\": \"AQAB==\"`";
        /// `e` is not 65537.
        EXPONENT = "ERS-K023", Warning, RULE,
            "`e` other than 65537",
            "`\"e\": \"Aw\"`";
        /// A key has no kid (or one that is not a string).
        KID_MISSING = "ERS-K024", Error, RULE,
            "a key without a (string) kid: no client assertion can name it",
            "no `\"kid\"`";
        /// An unusual kid (a space, an invisible or non-ASCII character, very long).
        KID_UNUSUAL = "ERS-K025", Warning, RULE,
            "an unusual kid: the JWT must carry it byte for byte",
            "`\"kid\": \"Prod one\"`";
    }
}

/// The JWKS files NHS hosts for suppliers' applications (FACTS §4).
pub const NHS_HOSTED_JWKS: &str =
    "https://nhsdigital.github.io/identity-service-jwks/jwks/{env}/{AppID}.json";

/// What was read of one key.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct KeySummary {
    /// Its kid, when it has a string one.
    pub kid: Option<String>,
    /// Its `kty`, when a string.
    pub kty: Option<String>,
    /// Its `alg`, when a string.
    pub alg: Option<String>,
    /// Its `use`, when a string.
    #[cfg_attr(feature = "serde", serde(rename = "use"))]
    pub key_use: Option<String>,
    /// Its modulus size in bits, when `n` can be read.
    pub bits: Option<usize>,
}

/// What the token server will make of a JWKS.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct JwksReport {
    /// Every finding, the file's first, then key by key (`context.key`: the key's position in
    /// `keys`, 0-based).
    pub findings: Vec<Diagnostic>,
    /// The keys, in order (empty when the file is no JWKS).
    pub keys: Vec<KeySummary>,
    /// Notes that are no finding: a missing `alg` is fine; NHS can host the JWKS.
    pub notes: Vec<String>,
}

impl JwksReport {
    /// True when no finding is an error: the token server can use the JWKS.
    pub fn is_valid(&self) -> bool {
        !self.findings.iter().any(Diagnostic::is_error)
    }

    /// The codes found, in order.
    pub fn codes(&self) -> Vec<&'static str> {
        self.findings.iter().map(|f| f.code).collect()
    }
}

/// Checks a JWKS text. Never fails and never panics: everything is a finding.
pub fn check_jwks(text: &str) -> JwksReport {
    let mut report = JwksReport::default();
    // Over the limit, refused before it is read (the same limit as everywhere a JWKS is read).
    if let Err(too_large) = ers_rules::limits::JWKS.check(text.len()) {
        report.findings.push(
            Diagnostic::coded(codes::NOT_JWKS, too_large.to_string())
                .with_help("give the JWKS your jwks-resource-url serves: a few kilobytes per key"),
        );
        return report;
    }
    let text = text.trim_start_matches('\u{FEFF}').trim();
    read_jwks(text, &mut report);
    report.notes.push(nhs_hosting());
    report
}

/// Where NHS hosts a JWKS for an application: a note every report carries.
fn nhs_hosting() -> String {
    format!(
        "NHS can host the JWKS for an application: at {NHS_HOSTED_JWKS}, one file per \
         application named after its AppID (NHS's make_jwk.py adds keys to it and refuses a kid \
         already there)"
    )
}

/// Reads the JWKS and checks its keys: a PEM, not JSON, a bare JWK, an array, no `keys`.
fn read_jwks(text: &str, report: &mut JwksReport) {
    if text.starts_with("-----BEGIN") {
        report.findings.push(pem_given(text));
        return;
    }
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            report.findings.push(not_json(text, &e));
            return;
        }
    };
    let Some(mut keys) = keys_of(value, report) else {
        return;
    };
    if keys.is_empty() {
        report.findings.push(
            Diagnostic::coded(codes::NO_KEYS, "the JWKS holds no key").with_help(
                "add your application's public key: its JWK, made from KID.pem.pub as the key generator does",
            ),
        );
    }
    check_keys(&mut keys, report);
}

/// A PEM key given as the JWKS: a private one is a leak.
fn pem_given(text: &str) -> Diagnostic {
    if text.contains("PRIVATE KEY") {
        Diagnostic::coded(codes::PEM, "this is a PEM private key, not a JWKS").with_help(
            "never publish a private key: the JWKS holds the public key only. Make the \
             JWKS from the public key (KID.pem.pub, as the key generator does); \
             if this file was ever published, treat the key as leaked and make a new pair",
        )
    } else {
        Diagnostic::coded(codes::PEM, "this is a PEM key, not a JWKS").with_help(
            "the token server reads a JWKS, {\"keys\": [ … ]}: make it from this public key \
             (KID.pem.pub), as the key generator does",
        )
    }
}

/// The file is empty, or no JSON.
fn not_json(text: &str, e: &serde_json::Error) -> Diagnostic {
    let mut reason = e.to_string();
    if let Some(at) = reason.rfind(" at line ") {
        reason.truncate(at);
    }
    let what = if text.is_empty() {
        "the file is empty".to_owned()
    } else {
        format!(
            "the file is not JSON: {reason} (line {}, column {})",
            e.line(),
            e.column()
        )
    };
    Diagnostic::coded(codes::NOT_JWKS, what).with_help(
        "a JWKS is JSON: {\"keys\": [{\"kty\": \"RSA\", \"n\": …, \"e\": \"AQAB\", \
         \"kid\": …, \"use\": \"sig\"}]}",
    )
}

/// The keys of the JSON `value`; `None` when it holds none to check further (what it is
/// instead is reported; a bare JWK's and an array's keys are checked here).
fn keys_of(value: Value, report: &mut JwksReport) -> Option<Vec<Value>> {
    match value {
        Value::Object(mut root) => match root.remove("keys") {
            Some(Value::Array(keys)) => Some(keys),
            Some(other) => {
                report.findings.push(
                    Diagnostic::coded(
                        codes::NOT_JWKS,
                        format!("\"keys\" is {}, not an array", crate::jwt::kind_of(&other)),
                    )
                    .with_help("write the keys as an array: {\"keys\": [ {…}, {…} ]}"),
                );
                None
            }
            None if root.contains_key("kty") || root.contains_key("n") => {
                let mut lone = vec![Value::Object(root)];
                report.findings.push(
                    Diagnostic::coded(codes::BARE_JWK,
                        "this is a single JWK, not a JWKS: the token server looks for {\"keys\": [ … ]}")
                    .with_help("wrap the key: {\"keys\": [ <this JWK> ]}"),
                );
                // Say what else is wrong with the key too.
                check_keys(&mut lone, report);
                None
            }
            None => {
                report.findings.push(
                    Diagnostic::coded(codes::NOT_JWKS, "the JSON has no \"keys\" array")
                        .with_help("a JWKS is {\"keys\": [ … ]}, each key an RSA public JWK"),
                );
                None
            }
        },
        Value::Array(mut items) => {
            report.findings.push(
                Diagnostic::coded(codes::ARRAY,
                    format!(
                        "this is a JSON array of {} item{}, not a JWKS: the token server looks for {{\"keys\": [ … ]}}",
                        items.len(),
                        if items.len() == 1 { "" } else { "s" }
                    ))
                .with_help("wrap the array: {\"keys\": [ … ]}"),
            );
            check_keys(&mut items, report);
            None
        }
        other => {
            report.findings.push(
                Diagnostic::coded(
                    codes::NOT_JWKS,
                    format!(
                        "the file is JSON {}, not a JWKS",
                        crate::jwt::kind_of(&other)
                    ),
                )
                .with_help("a JWKS is {\"keys\": [ … ]}"),
            );
            None
        }
    }
}

fn check_keys(keys: &mut [Value], report: &mut JwksReport) {
    let mut without_alg = Vec::new();
    for (index, key) in keys.iter_mut().enumerate() {
        let summary = check_key(index, key, report, &mut without_alg);
        report.keys.push(summary);
    }
    // Duplicate kids: the token server would pick one of them. The first key of each kid is
    // remembered, so this is linear in the number of keys.
    let mut first_of: std::collections::HashMap<&str, usize> =
        std::collections::HashMap::with_capacity(report.keys.len());
    let mut duplicates = Vec::new();
    for (i, key) in report.keys.iter().enumerate() {
        let Some(kid) = key.kid.as_deref() else {
            continue;
        };
        match first_of.get(kid) {
            Some(&first) => duplicates.push((i, first, crate::error::shown_kid(kid))),
            None => {
                first_of.insert(kid, i);
            }
        }
    }
    for (i, first, kid) in duplicates {
        {
            report.findings.push(
                Diagnostic::coded(
                    codes::KID_DUPLICATE,
                    format!(
                        "key {} has the kid \"{kid}\" of key {} too",
                        i + 1,
                        first + 1
                    ),
                )
                .with_help(
                    "each key needs its own kid, or the token server may verify with the wrong \
                     key; NHS's own tool refuses a kid already present: give the new key a new \
                     kid (e.g. prod-2)",
                )
                .with_key(i),
            );
        }
    }
    report
        .findings
        .sort_by_key(|f| f.context.key.map_or(0, |k| k + 1));
    if !without_alg.is_empty() {
        report.notes.push(format!(
            "{} no \"alg\": that is fine — the token server does not need it, and most \
             NHS-hosted keys have none (an \"alg\", when present, must be RS512)",
            match without_alg.as_slice() {
                [one] => format!("key {one} has"),
                many => format!(
                    "keys {} have",
                    many.iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }
        ));
    }
    if keys.iter().any(|k| k.is_object()) {
        report.notes.push(
            "the token server does not check key size: 4096 bits is NHS's guidance, and keys \
             under 2048 bits are unsafe"
                .to_owned(),
        );
    }
}

fn check_key(
    index: usize,
    key: &mut Value,
    report: &mut JwksReport,
    without_alg: &mut Vec<usize>,
) -> KeySummary {
    let number = index + 1;
    let mut push = |diagnostic: Diagnostic| {
        report.findings.push(diagnostic.with_key(index));
    };
    let Value::Object(members) = key else {
        push(
            Diagnostic::coded(codes::NOT_RSA,
                format!(
                    "key {number} is {}, not a JWK object",
                    crate::jwt::kind_of(key)
                ))
            .with_help("each entry of \"keys\" is a JSON object: {\"kty\": \"RSA\", \"n\": …, \"e\": …, \"kid\": …}"),
        );
        return KeySummary::default();
    };
    let text =
        |m: &Map<String, Value>, name: &str| m.get(name).and_then(Value::as_str).map(str::to_owned);
    let mut summary = KeySummary {
        kid: text(members, "kid"),
        kty: text(members, "kty"),
        alg: text(members, "alg"),
        key_use: text(members, "use"),
        bits: None,
    };
    let name = summary.kid.as_deref().map_or_else(
        || format!("key {number}"),
        // (Cut short: a 1 MB kid must not make every message of its key a megabyte.)
        |kid| format!("key {number} (\"{}\")", crate::error::shown_kid(kid)),
    );

    private_members(members, &name, &mut push);
    key_type(members, &name, &mut push);
    key_id(members, &name, &mut push);
    alg_and_use(members, &name, &mut push);
    if !members.contains_key("alg") {
        without_alg.push(number);
    }
    // n and e, of an RSA key (another kty has other members).
    if summary.kty.as_deref().is_some_and(|k| k != "RSA") {
        return summary;
    }
    size_and_exponent(members, &name, &mut summary.bits, &mut push);
    summary
}

/// Private members: the key is leaked. Their values are wiped, never kept or shown.
fn private_members(
    members: &mut Map<String, Value>,
    name: &str,
    push: &mut impl FnMut(Diagnostic),
) {
    let private: Vec<&str> = PRIVATE_MEMBERS
        .iter()
        .copied()
        .filter(|m| members.contains_key(*m))
        .collect();
    for m in &private {
        // The values are never kept or shown.
        if let Some(v) = members.get_mut(*m) {
            *v = Value::Null;
        }
    }
    if !private.is_empty() {
        push(
            Diagnostic::coded(codes::PRIVATE,
                format!(
                    "{name} publishes private-key members ({}): anyone who reads this file can sign as your application",
                    private.join(", ")
                ))
            .with_help(
                "treat the key as leaked: make a new key pair, publish a JWKS with only the new \
                 public key's kty, n, e, kid and use, sign with its kid, \
                 and destroy the old private key; if this JWKS was ever published, also tell the \
                 e-RS Partners team",
            ),
        );
    }
}

fn key_type(members: &Map<String, Value>, name: &str, push: &mut impl FnMut(Diagnostic)) {
    match members.get("kty") {
        Some(Value::String(kty)) if kty == "RSA" => {}
        other => {
            let what = match other {
                None => "has no \"kty\"".to_owned(),
                Some(Value::String(k)) => format!("is a {k:?} key"),
                Some(v) => format!("has a \"kty\" that is {}", crate::jwt::kind_of(v)),
            };
            push(
                Diagnostic::coded(codes::NOT_RSA,
                    format!("{name} {what}: the token server verifies RS512 signatures, with RSA keys only"))
                .with_help("publish an RSA public key: \"kty\": \"RSA\" with its \"n\" and \"e\""),
            );
        }
    }
}

fn key_id(members: &Map<String, Value>, name: &str, push: &mut impl FnMut(Diagnostic)) {
    match members.get("kid") {
        Some(Value::String(kid)) if !kid.is_empty() => {
            if let Ok(notes) = ers_rules::golive::check_kid(kid) {
                if !notes.is_empty() {
                    let reasons: Vec<String> = notes.iter().map(|n| n.reason()).collect();
                    push(
                        Diagnostic::coded(codes::KID_UNUSUAL,
                            format!("{name} has an unusual kid: {}", reasons.join("; ")))
                        .with_help("the token server takes it: the JWT header must carry exactly this kid, byte for byte"),
                    );
                }
            }
        }
        other => {
            let what = match other {
                None => "has no kid".to_owned(),
                Some(Value::String(_)) => "has an empty kid".to_owned(),
                Some(v) => format!("has a kid that is {}, not a string", crate::jwt::kind_of(v)),
            };
            push(
                Diagnostic::coded(codes::KID_MISSING,
                    format!("{name} {what}: no client assertion can name it, so the token server never uses it"))
                .with_help("give the key a string kid, e.g. \"kid\": \"prod-1\", and sign with the same kid"),
            );
        }
    }
}

/// `alg` and `use`: when present, RS512 and `sig` (a missing `alg` is fine).
fn alg_and_use(members: &Map<String, Value>, name: &str, push: &mut impl FnMut(Diagnostic)) {
    match members.get("alg") {
        None => {}
        Some(Value::String(alg)) if alg == crate::jwk::ALG => {}
        Some(v) => push(
            Diagnostic::coded(
                codes::ALG,
                format!(
                    "{name} says \"alg\" is {}: the token server takes RS512 only",
                    v
                ),
            )
            .with_help(
                "write \"alg\": \"RS512\", or leave \"alg\" out (most NHS-hosted keys have none)",
            )
            .with_suggestion(crate::jwk::ALG),
        ),
    }
    match members.get("use") {
        None => {}
        Some(Value::String(u)) if u == "sig" => {}
        Some(v) => push(
            Diagnostic::coded(
                codes::USE,
                format!("{name} says \"use\" is {v}: a client assertion key is for signatures"),
            )
            .with_help("write \"use\": \"sig\", or leave \"use\" out")
            .with_suggestion("sig"),
        ),
    }
}

/// `n` and `e`: readable, the key's size (under 2048 bits unsafe, under 4096 not NHS's
/// guidance) and its exponent (65537).
fn size_and_exponent(
    members: &Map<String, Value>,
    name: &str,
    bits_out: &mut Option<usize>,
    push: &mut impl FnMut(Diagnostic),
) {
    let n = number_member(members, "n", name, push);
    let e = number_member(members, "e", name, push);
    if let Some(n) = n {
        let bits = n
            .first()
            .map_or(0, |first| n.len() * 8 - first.leading_zeros() as usize);
        *bits_out = Some(bits);
        if bits < 2048 {
            push(
                Diagnostic::coded(
                    codes::SIZE_UNSAFE,
                    format!("{name} is a {bits}-bit key: unsafe (under 2048 bits)"),
                )
                .with_help(
                    "the token server does not check key size and may accept it, but a key this \
                     small can be broken: make a 4096-bit key pair and \
                     publish its public JWK",
                ),
            );
        } else if bits < 4096 {
            push(
                Diagnostic::coded(
                    codes::SIZE_GUIDANCE,
                    format!("{name} is a {bits}-bit key; NHS documents 4096 bits"),
                )
                .with_help(
                    "the token server does not check key size, so this works; 4096 bits is NHS's \
                     guidance for new keys",
                ),
            );
        }
    }
    if let Some(e) = e {
        if e != [1, 0, 1] {
            let value = if e.len() <= 8 {
                e.iter()
                    .fold(0u64, |acc, b| (acc << 8) | u64::from(*b))
                    .to_string()
            } else {
                format!("a {}-byte number", e.len())
            };
            push(
                Diagnostic::coded(codes::EXPONENT,
                    format!("{name} has the public exponent {value}, not 65537 (\"AQAB\")"))
                .with_help("keys made by openssl and NHS's commands have e = 65537; an unusual exponent may be refused by some verifiers")
                .with_suggestion("AQAB"),
            );
        }
    }
}

/// Reads `n` or `e`: a base64url string (no padding, URL-safe alphabet) of a big-endian number
/// without leading zero bytes. Returns its bytes with leading zeros removed when usable.
fn number_member(
    members: &Map<String, Value>,
    member: &str,
    name: &str,
    push: &mut impl FnMut(Diagnostic),
) -> Option<Vec<u8>> {
    let error = |what: String| {
        Diagnostic::coded(codes::N_E_MALFORMED, format!("{name}: \"{member}\" {what}")).with_help(
            format!(
                "\"{member}\" is the key's {} as base64url (RFC 7518 §6.3.1): letters, digits, \
                 - and _, no '=' padding, no leading zero byte; write the JWK again from the \
                 public key (KID.pem.pub)",
                if member == "n" {
                    "modulus"
                } else {
                    "public exponent"
                }
            ),
        )
    };
    let text = match members.get(member) {
        Some(Value::String(t)) => t,
        None => {
            push(error("is missing".to_owned()));
            return None;
        }
        Some(v) => {
            push(error(format!(
                "is {}, not a string",
                crate::jwt::kind_of(v)
            )));
            return None;
        }
    };
    if text.is_empty() {
        push(error("is empty".to_owned()));
        return None;
    }
    if let Some(at) = text.find(['+', '/']) {
        push(error(format!(
            "is standard base64 ('{}' at character {}), not base64url: write '-' for '+' and '_' for '/'",
            &text[at..=at],
            text[..at].chars().count() + 1
        )));
        return None;
    }
    if text.ends_with('=') {
        push(error(
            "ends in '=' padding; base64url in a JWK has none".to_owned(),
        ));
        return None;
    }
    let Ok(bytes) = Base64UrlUnpadded::decode_vec(text) else {
        push(error("is not base64url".to_owned()));
        return None;
    };
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    if start == bytes.len() {
        push(error("is zero".to_owned()));
        return None;
    }
    if start > 0 {
        let mut d = error(format!(
            "starts with {start} zero byte{} (\"{}…\"): RFC 7518 forbids leading zeros, and some verifiers refuse them",
            if start == 1 { "" } else { "s" },
            text.chars().take(4).collect::<String>()
        ));
        d.severity = ers_rules::Severity::Warning;
        d = d.with_suggestion(Base64UrlUnpadded::encode_string(&bytes[start..]));
        push(d);
    }
    Some(bytes[start..].to_vec())
}
