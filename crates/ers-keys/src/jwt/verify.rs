//! The JWKS side of the check: the JWKS itself, the key `kid` names, and the RS512 signature.

use rsa::PublicKey;
use rsa::pkcs1v15::{Signature, VerifyingKey};
use rsa::signature::Verifier;
use rsa::traits::PublicKeyParts;
use serde_json::{Map, Value};
use sha2::Sha512;

use super::codes::{self, server};
use super::finding::{Finding, Location, own, server_error};
use crate::error::shown_kid;
use crate::jwk::{Jwk, Jwks};
use ers_rules::Diagnostic;

/// The key size NHS asks for (guidance 4.2).
const NHS_KEY_BITS: usize = 4096;

/// The key of the JWKS that `kid` named.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct KeyInfo {
    /// Its kid.
    pub kid: String,
    /// The size of its modulus, in bits.
    pub bits: usize,
}

/// What the JWKS side of the check found.
#[derive(Debug, Default)]
pub(crate) struct KeyCheck {
    /// Findings about the JWKS, the key and the signature, in that order.
    pub(crate) findings: Vec<Finding>,
    /// The key `kid` named, when there is one.
    pub(crate) key: Option<KeyInfo>,
    /// True when the signature verified with that key.
    pub(crate) signature_verified: bool,
}

/// Checks the JWKS, finds the key `kid` names and verifies the signature with it.
pub(crate) fn check_key_and_signature(
    jwks_text: &str,
    header: Option<&Map<String, Value>>,
    signing_input: Option<&str>,
    signature: Option<&[u8]>,
) -> KeyCheck {
    let mut key_check = KeyCheck::default();
    key_and_signature(jwks_text, header, signing_input, signature, &mut key_check);
    key_check
}

/// The steps: read the JWKS, refuse private members, find the key the header's kid names, judge
/// it, then verify the signature with it.
fn key_and_signature(
    jwks_text: &str,
    header: Option<&Map<String, Value>>,
    signing_input: Option<&str>,
    signature: Option<&[u8]>,
    report: &mut KeyCheck,
) {
    let jwks = match Jwks::from_json(jwks_text) {
        Ok(jwks) => jwks,
        Err(error) => {
            report.findings.push(jwks_unreadable(jwks_text, &error));
            return;
        }
    };
    report.findings.extend(private_members(&jwks));
    let Some(kid) = header
        .and_then(|h| h.get("kid"))
        .and_then(Value::as_str)
        .filter(|kid| !kid.is_empty())
    else {
        return; // a missing kid is reported with the header
    };
    let Some(jwk) = jwks.find(kid) else {
        report.findings.push(unknown_kid(kid, &jwks));
        return;
    };
    let Some(key) = usable_key(kid, jwk, report) else {
        return;
    };
    let alg_ok =
        header.and_then(|h| h.get("alg")).and_then(Value::as_str) == Some(super::ALGORITHM);
    let (true, Some(input), Some(signature)) = (alg_ok, signing_input, signature) else {
        return; // reported already: another alg, or no signature part
    };
    match verify_rs512(&key, input.as_bytes(), signature) {
        Ok(()) => report.signature_verified = true,
        Err(detail) => report.findings.push(
            server_error(
                codes::SIGNATURE,
                Location::Signature,
                server::SIGNATURE,
                detail,
            )
            .with_help(format!(
                "sign with the private key whose public key the JWKS holds under kid '{}'; \
                 if you did, the header or claims were changed after signing: sign again. \
                 Compare the key's thumbprint with the JWKS's ({})",
                shown_kid(kid),
                jwk.thumbprint()
            )),
        ),
    }
}

/// No JWKS, or one that cannot be read.
fn jwks_unreadable(jwks_text: &str, error: &crate::Error) -> Finding {
    let (what, help) = if jwks_text.trim().is_empty() {
        (
            "no JWKS was given".to_owned(),
            "paste the JWKS that the application's jwks-resource-url serves: \
             {\"keys\": [{\"kty\": \"RSA\", \"n\": …, \"e\": \"AQAB\", \"alg\": \"RS512\", \
             \"kid\": …, \"use\": \"sig\"}]}"
                .to_owned(),
        )
    } else {
        (
            format!("the JWKS cannot be read: {error}"),
            format!(
                "the token server could not use this JWKS either; fix it ({}), or make it \
                 again from the key's public key",
                error.code()
            ),
        )
    };
    own(
        Diagnostic::coded(codes::JWKS_INVALID, what).with_help(help),
        Location::Jwks,
    )
}

/// A JWKS carrying private-key members: the key pair is leaked.
fn private_members(jwks: &Jwks) -> Option<Finding> {
    let private = jwks.private_members();
    if private.is_empty() {
        return None;
    }
    let mut members: Vec<&str> = private.iter().map(|(_, member)| *member).collect();
    members.dedup();
    let mut keys: Vec<String> = private.iter().map(|(key, _)| shown_kid(key)).collect();
    keys.dedup();
    Some(own(
        Diagnostic::coded(
            codes::JWKS_PRIVATE,
            format!(
                "the JWKS carries private-key members ({}) in key {}",
                members.join(", "),
                keys.join(", ")
            ),
        )
        .with_help(
            "a JWKS is public: whoever fetches it can sign as your application. Publish \
                 only kty, n, e, alg, kid and use; and treat this key pair as leaked: make \
                 a new one, publish its public JWK, and stop using this one",
        ),
        Location::Jwks,
    ))
}

/// The JWK for `kid` as an RSA public key, noted in the report with its size and members;
/// `None` (with a finding) when it is no usable key.
fn usable_key(kid: &str, jwk: &Jwk, report: &mut KeyCheck) -> Option<PublicKey> {
    let shown = shown_kid(kid);
    let key = match jwk.to_public_key() {
        Ok(key) => key,
        Err(error) => {
            report.findings.push(own(
                Diagnostic::coded(codes::JWK_USE,
                    format!("the JWK for kid '{shown}' is not a usable RSA public key: {error}"))
                .with_help(
                    "write the key's JWK again from its public key PEM: n and e must be base64url of \
                     the modulus and exponent",
                ),
                Location::Jwks,
            ));
            return None;
        }
    };
    let bits = key.size() * 8;
    report.key = Some(KeyInfo {
        kid: kid.to_owned(),
        bits,
    });
    jwk_members(kid, jwk, report);
    if bits < NHS_KEY_BITS {
        report.findings.push(own(
            Diagnostic::coded(
                codes::KEY_SIZE,
                format!("the key for kid '{shown}' is {bits} bits; NHS asks for {NHS_KEY_BITS}"),
            )
            .with_help(
                "for PROD make a 4096-bit key pair (guidance 4.2) and publish its public JWK",
            ),
            Location::Jwks,
        ));
    }
    Some(key)
}

fn unknown_kid(kid: &str, jwks: &Jwks) -> Finding {
    let kids = jwks.kids();
    let detail = if jwks.keys().is_empty() {
        "the JWKS has no keys".to_owned()
    } else if kids.is_empty() {
        "no key of the JWKS has a kid".to_owned()
    } else {
        // At most ten kids are listed, each cut short: a JWKS of 100,000 keys or a 1 MB kid
        // must not make a megabyte message.
        const LISTED: usize = 10;
        let mut listed: Vec<String> = kids
            .iter()
            .take(LISTED)
            .map(|k| format!("'{}'", shown_kid(k)))
            .collect();
        if kids.len() > LISTED {
            listed.push(format!("and {} more", kids.len() - LISTED));
        }
        format!(
            "no key has kid '{}'; the JWKS has {}",
            shown_kid(kid),
            listed.join(", ")
        )
    };
    let mut finding = server_error(
        codes::KID_UNKNOWN,
        Location::Header("kid"),
        server::KID_UNKNOWN,
        detail,
    )
    .with_help(
        "sign with the kid of a key in the JWKS, or add the key's public JWK to the JWKS at \
         the application's jwks-resource-url; the token server caches that JWKS for an hour, so \
         a new kid works only after the cache expires",
    );
    let near: Vec<&&str> = kids
        .iter()
        .filter(|k| k.eq_ignore_ascii_case(kid) || k.trim() == kid.trim())
        .collect();
    if let [only] = near.as_slice() {
        finding = finding.with_suggestion(**only);
    } else if let [only] = kids.as_slice() {
        finding = finding.with_suggestion(*only);
    }
    finding
}

/// Warns about JWK members that say the key is for something other than RS512 signatures.
fn jwk_members(kid: &str, jwk: &Jwk, report: &mut KeyCheck) {
    let mut odd = Vec::new();
    if let Some(alg) = jwk.alg().filter(|alg| *alg != super::ALGORITHM) {
        odd.push(format!("\"alg\" is '{alg}'"));
    }
    if let Some(key_use) = jwk.key_use().filter(|key_use| *key_use != "sig") {
        odd.push(format!("\"use\" is '{key_use}'"));
    }
    if odd.is_empty() {
        return;
    }
    report.findings.push(own(
        Diagnostic::coded(
            codes::JWK_USE,
            format!(
                "the JWK for kid '{}' says {}",
                shown_kid(kid),
                odd.join(" and ")
            ),
        )
        .with_severity(ers_rules::Severity::Warning)
        .with_help("NHS's JWKS has \"alg\": \"RS512\" and \"use\": \"sig\"; write those"),
        Location::Jwks,
    ));
}

/// Verifies an RS512 (RSASSA-PKCS1-v1_5, SHA-512) signature of `input`.
pub(crate) fn verify_rs512(key: &PublicKey, input: &[u8], signature: &[u8]) -> Result<(), String> {
    let expected = key.size();
    if signature.len() != expected {
        return Err(format!(
            "the signature is {} bytes; a {}-bit key makes {expected}-byte signatures",
            signature.len(),
            expected * 8
        ));
    }
    let signature = Signature::try_from(signature).map_err(|e| e.to_string())?;
    VerifyingKey::<Sha512>::new(key.clone())
        .verify(input, &signature)
        .map_err(|_| "the signature does not match the header and claims with this key".to_owned())
}
