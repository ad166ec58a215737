//! Key pairs, PEM, JWK/JWKS and rotation: vectors from `tests/examples/keys/` (made by OpenSSL
//! and Python `cryptography`, see its README) and the exact error of each bad input.

use ers_keys::Error;
use ers_keys::error::KidProblem;
use ers_keys::jwk::{self, Jwk, Jwks};
use ers_keys::keypair::{self, KeyOptions};
use ers_keys::pem::{self, PrivateKeyFormat};
use zeroize::Zeroizing;

/// Throwaway RSA 2048 key, PKCS#8, made by `openssl genrsa`.
const PKCS8: &str = include_str!("examples/keys/rsa2048-pkcs8.pem");
/// The same key, PKCS#1.
const PKCS1: &str = include_str!("examples/keys/rsa2048-pkcs1.pem");
/// The same key, encrypted PKCS#8 (PBES2, AES-256-CBC), passphrase `correct-horse`.
const PKCS8_ENCRYPTED: &str = include_str!("examples/keys/rsa2048-pkcs8-encrypted.pem");
/// The same key, legacy OpenSSL-encrypted PKCS#1 (`Proc-Type: 4,ENCRYPTED`).
const PKCS1_LEGACY_ENCRYPTED: &str =
    include_str!("examples/keys/rsa2048-pkcs1-legacy-encrypted.pem");
/// Its public key, SPKI.
const SPKI: &str = include_str!("examples/keys/rsa2048-spki.pem");
/// Its public key, PKCS#1.
const PKCS1_PUB: &str = include_str!("examples/keys/rsa2048-pkcs1-pub.pem");
/// A self-signed certificate of the key.
const CERT: &str = include_str!("examples/keys/rsa2048-cert.pem");
/// EC P-256 keys.
const EC_PKCS8: &str = include_str!("examples/keys/ec-p256-pkcs8.pem");
const EC_SEC1: &str = include_str!("examples/keys/ec-p256-sec1.pem");
const EC_SPKI: &str = include_str!("examples/keys/ec-p256-spki.pem");
/// OpenSSH Ed25519 keys.
const OPENSSH_PRIVATE: &str = include_str!("examples/keys/openssh-ed25519.key");
const OPENSSH_PUBLIC: &str = include_str!("examples/keys/openssh-ed25519.pub");
/// The JWKS of `SPKI` with kid `test-1`, written by Python `cryptography` + `json.dumps(indent=2)`.
const JWKS: &str = include_str!("examples/keys/rsa2048.jwks.json");
/// The RFC 7638 thumbprint of `SPKI`, computed by Python `hashlib`.
const THUMBPRINT: &str = include_str!("examples/keys/rsa2048.thumbprint");

/// RFC 7638 §3.1: the example key and its published thumbprint.
const RFC7638_N: &str = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
const RFC7638_THUMBPRINT: &str = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

fn code<T>(result: Result<T, Error>) -> Result<T, &'static str> {
    result.map_err(|e| e.code())
}

/// The codes of a result's diagnostics, in order.
fn codes_of(diagnostics: &[ers_rules::Diagnostic]) -> Vec<&'static str> {
    diagnostics.iter().map(|d| d.code).collect()
}

// ---------------------------------------------------------------- thumbprint

#[test]
fn rfc7638_example_thumbprint() {
    let json = format!(
        r#"{{"keys":[{{"kty":"RSA","n":"{RFC7638_N}","e":"AQAB","alg":"RS256","kid":"2011-04-29"}}]}}"#
    );
    let jwks = Jwks::from_json(&json).expect("RFC 7638 example parses");
    let jwk = jwks.find("2011-04-29").expect("kid from the RFC");
    assert_eq!(jwk.thumbprint(), RFC7638_THUMBPRINT);
    assert_eq!(jwk.bits(), 2048);
}

#[test]
fn thumbprint_matches_python_and_is_the_default_kid() {
    let key = pem::read_public_key(SPKI).expect("SPKI fixture");
    let jwk = Jwk::from_public_key(&key, None).expect("no kid");
    assert_eq!(jwk.thumbprint(), THUMBPRINT);
    assert_eq!(jwk.kid(), Some(THUMBPRINT));
}

// ---------------------------------------------------------------- PEM

#[test]
fn every_form_of_the_same_key_reads_the_same() {
    let key = pem::read_private_key(PKCS8).expect("PKCS#8");
    assert_eq!(pem::read_private_key(PKCS1).as_ref(), Ok(&key));
    assert_eq!(
        pem::read_private_key_with_passphrase(PKCS8_ENCRYPTED, Some("correct-horse")).as_ref(),
        Ok(&key)
    );
    // A passphrase given for an unencrypted key is not needed and does no harm.
    assert_eq!(
        pem::read_private_key_with_passphrase(PKCS8, Some("unused")).as_ref(),
        Ok(&key)
    );
    let public = key.to_public_key();
    assert_eq!(pem::read_public_key(SPKI).as_ref(), Ok(&public));
    assert_eq!(pem::read_public_key(PKCS1_PUB).as_ref(), Ok(&public));
}

#[test]
fn public_key_pem_is_what_openssl_pubout_wrote() {
    let key = pem::read_private_key(PKCS8).expect("PKCS#8");
    assert_eq!(
        pem::public_key_pem(&key.to_public_key()).as_deref(),
        Ok(SPKI)
    );
}

#[test]
fn private_key_pem_round_trips_in_each_format() {
    let key = pem::read_private_key(PKCS8).expect("PKCS#8");
    let pkcs8 = pem::private_key_pem(&key, PrivateKeyFormat::Pkcs8, None).expect("pkcs8");
    assert_eq!(
        pkcs8.as_str(),
        PKCS8,
        "openssl genrsa writes the same PKCS#8"
    );
    let pkcs1 = pem::private_key_pem(&key, PrivateKeyFormat::Pkcs1, None).expect("pkcs1");
    assert_eq!(
        pkcs1.as_str(),
        PKCS1,
        "openssl rsa -traditional writes the same PKCS#1"
    );
    let encrypted =
        pem::private_key_pem(&key, PrivateKeyFormat::Pkcs8, Some("pass phrase")).expect("enc");
    assert!(encrypted.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
    assert_eq!(
        code(pem::read_private_key(&encrypted)),
        Err("passphrase-required")
    );
    assert_eq!(
        pem::read_private_key_with_passphrase(&encrypted, Some("pass phrase")).as_ref(),
        Ok(&key)
    );
    assert_eq!(
        pem::private_key_pem(&key, PrivateKeyFormat::Pkcs1, Some("x")).map(|_| ()),
        Err(Error::PassphraseWithPkcs1)
    );
    assert_eq!(
        pem::private_key_pem(&key, PrivateKeyFormat::Pkcs8, Some("")).map(|_| ()),
        Err(Error::PassphraseEmpty)
    );
}

#[test]
fn pasted_pem_with_surroundings_is_read() {
    let crlf_indented: String = SPKI.lines().map(|l| format!("    {l}\r\n")).collect();
    let with_preamble = format!("Here is our key:\n\n{SPKI}\nThanks\n");
    let expected = pem::read_public_key(SPKI).expect("fixture");
    for text in [
        crlf_indented.as_str(),
        with_preamble.as_str(),
        SPKI.trim_end(),
    ] {
        assert_eq!(
            pem::read_public_key(text).as_ref(),
            Ok(&expected),
            "{text:?}"
        );
    }
}

fn damaged_base64() -> String {
    // Replace one base64 character of the body with a character base64 does not have.
    let mut lines: Vec<String> = SPKI.lines().map(str::to_owned).collect();
    lines[2].replace_range(10..11, "!");
    lines.join("\n") + "\n"
}

fn cut_short() -> String {
    SPKI.lines().take(4).collect::<Vec<_>>().join("\n")
}

#[test]
fn bad_public_key_input_gets_the_exact_error() {
    let two_blocks = format!("{SPKI}{SPKI}");
    let damaged = damaged_base64();
    let cut = cut_short();
    let cases: Vec<(&str, &str, Error)> = vec![
        ("private PKCS#8", PKCS8, Error::PrivateKeyGiven),
        ("private PKCS#1", PKCS1, Error::PrivateKeyGiven),
        ("private encrypted", PKCS8_ENCRYPTED, Error::PrivateKeyGiven),
        ("private EC", EC_SEC1, Error::PrivateKeyGiven),
        ("private OpenSSH", OPENSSH_PRIVATE, Error::PrivateKeyGiven),
        (
            "empty",
            "  \n",
            Error::PemMissing {
                expected: "public key",
                hint: Some("the text is empty"),
            },
        ),
        (
            "garbage",
            "hello",
            Error::PemMissing {
                expected: "public key",
                hint: None,
            },
        ),
        (
            "JSON",
            JWKS,
            Error::PemMissing {
                expected: "public key",
                hint: Some("this looks like JSON (a JWK or JWKS), not a PEM file"),
            },
        ),
        (
            "OpenSSH public",
            OPENSSH_PUBLIC,
            Error::PemMissing {
                expected: "public key",
                hint: Some(
                    "this is an OpenSSH public key; convert it with `ssh-keygen -e -m PKCS8 -f \
                     KEY.pub > KID.pem.pub`",
                ),
            },
        ),
        ("two blocks", &two_blocks, Error::PemMultiple { blocks: 2 }),
        (
            "EC public",
            EC_SPKI,
            Error::KeyNotRsa {
                algorithm: "EC".to_owned(),
            },
        ),
        (
            "certificate",
            CERT,
            Error::PemLabel {
                expected: "public key",
                found: "CERTIFICATE".to_owned(),
                hint: Some(
                    "take its public key with `openssl x509 -in CERT.pem -pubkey -noout > \
                     KID.pem.pub`",
                ),
            },
        ),
    ];
    for (name, input, expected) in cases {
        assert_eq!(pem::read_public_key(input), Err(expected), "{name}");
    }
    for (name, input) in [
        ("damaged base64", damaged.as_str()),
        ("cut short", cut.as_str()),
    ] {
        assert_eq!(
            code(pem::read_public_key(input)),
            Err("pem-malformed"),
            "{name}"
        );
    }
}

#[test]
fn a_private_key_given_as_public_is_never_echoed() {
    for private in [PKCS8, PKCS1, PKCS8_ENCRYPTED] {
        let message = pem::read_public_key(private)
            .expect_err("refused")
            .to_string();
        for line in private.lines().filter(|l| !l.starts_with("-----")) {
            assert!(
                !message.contains(line),
                "message echoes key material: {message}"
            );
        }
        assert!(
            message.contains("keep the private key to yourself"),
            "{message}"
        );
    }
}

#[test]
fn bad_private_key_input_gets_the_exact_error() {
    let cases: Vec<(&str, &str, Option<&str>, Error)> = vec![
        ("public SPKI", SPKI, None, Error::PublicKeyGiven),
        ("public PKCS#1", PKCS1_PUB, None, Error::PublicKeyGiven),
        (
            "encrypted, no passphrase",
            PKCS8_ENCRYPTED,
            None,
            Error::PassphraseRequired,
        ),
        (
            "encrypted, empty passphrase",
            PKCS8_ENCRYPTED,
            Some(""),
            Error::PassphraseRequired,
        ),
        (
            "encrypted, wrong passphrase",
            PKCS8_ENCRYPTED,
            Some("wrong"),
            Error::PassphraseWrong,
        ),
        (
            "EC PKCS#8",
            EC_PKCS8,
            None,
            Error::KeyNotRsa {
                algorithm: "EC".to_owned(),
            },
        ),
        (
            "EC SEC1",
            EC_SEC1,
            None,
            Error::KeyNotRsa {
                algorithm: "EC".to_owned(),
            },
        ),
        (
            "legacy encrypted PKCS#1",
            PKCS1_LEGACY_ENCRYPTED,
            Some("correct-horse"),
            Error::PemLabel {
                expected: "private key",
                found: "RSA PRIVATE KEY (legacy OpenSSL encryption)".to_owned(),
                hint: Some(
                    "convert it to encrypted PKCS#8 with `openssl pkcs8 -topk8 -v2 aes-256-cbc \
                     -in KID.pem -out KID.p8.pem`",
                ),
            },
        ),
        (
            "OpenSSH",
            OPENSSH_PRIVATE,
            None,
            Error::PemLabel {
                expected: "private key",
                found: "OPENSSH PRIVATE KEY".to_owned(),
                hint: Some(
                    "convert a copy to PKCS#8 with `ssh-keygen -p -m PKCS8 -f KEYFILE` (it \
                     rewrites the file in place)",
                ),
            },
        ),
        (
            "certificate",
            CERT,
            None,
            Error::PemLabel {
                expected: "private key",
                found: "CERTIFICATE".to_owned(),
                hint: Some(
                    "a certificate holds a public key only; the private key is a separate file",
                ),
            },
        ),
        (
            "garbage",
            "not a key",
            None,
            Error::PemMissing {
                expected: "private key",
                hint: None,
            },
        ),
    ];
    for (name, input, passphrase, expected) in cases {
        assert_eq!(
            pem::read_private_key_with_passphrase(input, passphrase),
            Err(expected),
            "{name}"
        );
    }
    // Damaged key bytes inside an intact PEM block: the DER does not parse.
    let der_damaged = PKCS8.replacen("MIIE", "MIIF", 1);
    assert_eq!(
        code(pem::read_private_key(&der_damaged)),
        Err("key-malformed")
    );
}

// ---------------------------------------------------------------- JWK / JWKS

#[test]
fn jwks_is_written_as_nhs_documents_it() {
    let key = pem::read_public_key(SPKI).expect("fixture");
    let mut jwks = Jwks::new();
    jwks.push(Jwk::from_public_key(&key, Some("test-1")).expect("kid"))
        .expect("push");
    // Byte for byte what Python's json.dumps(indent=2) wrote, members in NHS's order.
    assert_eq!(jwks.to_json().as_deref(), Ok(JWKS));
    assert_eq!(Jwks::from_json(JWKS).as_ref(), Ok(&jwks));
    let jwk = jwks.find("test-1").expect("found");
    assert_eq!(
        (jwk.alg(), jwk.key_use(), jwk.e()),
        (Some("RS512"), Some("sig"), "AQAB")
    );
    assert_eq!(jwk.to_public_key().as_ref(), Ok(&key));
    assert_eq!(jwks.find("test-2"), None);
}

#[test]
fn unknown_public_members_survive_a_rewrite() {
    let json = JWKS.replace(r#""use": "sig""#, r#""use": "sig", "key_ops": ["verify"]"#);
    let jwks = Jwks::from_json(&json).expect("parses");
    assert!(jwks.to_json().expect("writes").contains(r#""key_ops": ["#));
}

#[test]
fn private_members_are_recorded_not_kept() {
    let json = JWKS.replace(
        r#""use": "sig""#,
        r#""use": "sig", "d": "c2VjcmV0", "p": "c2VjcmV0", "qi": "c2VjcmV0""#,
    );
    let jwks = Jwks::from_json(&json).expect("parses, so a checker can report it");
    assert_eq!(
        jwks.private_members(),
        vec![
            ("test-1".to_owned(), "d"),
            ("test-1".to_owned(), "p"),
            ("test-1".to_owned(), "qi")
        ]
    );
    assert_eq!(
        jwks.ensure_public(),
        Err(Error::PrivateMembers {
            keys: vec!["test-1".to_owned()],
            members: vec!["d", "p", "qi"]
        })
    );
    let written = jwks.to_json().expect("writes");
    assert!(
        !written.contains("c2VjcmV0"),
        "private values are not kept: {written}"
    );
}

#[test]
fn bad_jwks_input_gets_the_exact_error() {
    let key = r#"{"kty":"RSA","n":"AQAB","e":"AQAB","kid":"a"}"#;
    let cases: Vec<(&str, String, Error)> = vec![
        (
            "malformed JSON",
            "{\"keys\": [\n  {\"kty\": \"RSA\",}\n]}".to_owned(),
            Error::JsonMalformed {
                line: 2,
                column: 17,
                reason: "trailing comma".to_owned(),
            },
        ),
        (
            "array",
            "[]".to_owned(),
            Error::JwksInvalid {
                reason: "the top level must be an object, {\"keys\": [ … ]}".to_owned(),
            },
        ),
        (
            "lone JWK",
            key.to_owned(),
            Error::JwksInvalid {
                reason: "this is a single JWK; a JWKS wraps keys in {\"keys\": [ … ]}".to_owned(),
            },
        ),
        (
            "no keys",
            "{}".to_owned(),
            Error::JwksInvalid {
                reason: "it has no \"keys\" array".to_owned(),
            },
        ),
        (
            "keys not an array",
            r#"{"keys": {}}"#.to_owned(),
            Error::JwksInvalid {
                reason: "\"keys\" must be an array".to_owned(),
            },
        ),
        (
            "EC key",
            r#"{"keys":[{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}]}"#.to_owned(),
            Error::JwkInvalid {
                index: 0,
                reason: "its kty is \"EC\"; the NHS token server takes RSA keys (RS512) only"
                    .to_owned(),
            },
        ),
        (
            "no n",
            format!(r#"{{"keys":[{key},{{"kty":"RSA","e":"AQAB"}}]}}"#),
            Error::JwkInvalid {
                index: 1,
                reason: "it has no \"n\"".to_owned(),
            },
        ),
        (
            "padded n",
            r#"{"keys":[{"kty":"RSA","n":"AQA=","e":"AQAB"}]}"#.to_owned(),
            Error::JwkInvalid {
                index: 0,
                reason: "\"n\" has '=' padding; JWK values are base64url without padding (RFC \
                         7515 §2)"
                    .to_owned(),
            },
        ),
        (
            "n not base64url",
            r#"{"keys":[{"kty":"RSA","n":"a+b/","e":"AQAB"}]}"#.to_owned(),
            Error::JwkInvalid {
                index: 0,
                reason: "\"n\" is not base64url (letters, digits, - and _; RFC 7518 §6.3.1)"
                    .to_owned(),
            },
        ),
        (
            "kid not a string",
            r#"{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB","kid":7}]}"#.to_owned(),
            Error::JwkInvalid {
                index: 0,
                reason: "\"kid\" must be a string".to_owned(),
            },
        ),
        (
            "duplicate kid",
            format!(r#"{{"keys":[{key},{key}]}}"#),
            Error::KidDuplicate {
                kid: "a".to_owned(),
            },
        ),
    ];
    for (name, input, expected) in cases {
        assert_eq!(Jwks::from_json(&input), Err(expected), "{name}");
    }
}

#[test]
fn a_jwk_whose_modulus_is_no_rsa_key_is_refused_when_used() {
    let jwks = Jwks::from_json(r#"{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB","kid":"a"}]}"#)
        .expect("well-formed");
    let jwk = jwks.find("a").expect("kid a");
    assert_eq!(code(jwk.to_public_key()), Err("key-malformed"));
}

#[test]
fn kid_rules() {
    // Every non-empty kid a JWKS can hold is one we sign with, check and rotate (FACTS §4:
    // NHS-hosted PROD kids have spaces, colons, 100+ characters); unusual ones are warnings.
    let long = "k".repeat(120);
    let cases: [(&str, Option<&str>); 12] = [
        ("test-1", None),
        ("prod-1", None),
        ("2026.11_rotation~a", None),
        ("urn:nhs:key:2025-03-01", None),
        ("prod/1", None),
        (".hidden", None),
        ("Prod one", Some("it holds a space at character 5")),
        ("lightbeam hie", Some("it holds a space at character 10")),
        (&long, Some("it is 120 characters long")),
        (
            "prod\t1",
            Some("it holds the invisible character \\u{9} at character 5"),
        ),
        ("prød", Some("it holds 'ø' at character 3, outside ASCII")),
        (
            "\u{200B}",
            Some("it holds the invisible character \\u{200b} at character 1"),
        ),
    ];
    for (kid, warning) in cases {
        assert_eq!(jwk::validate_kid(kid), Ok(()), "{kid:?}");
        let diagnostics = jwk::kid_diagnostics(kid);
        match warning {
            None => assert_eq!(diagnostics, [], "{kid:?}"),
            Some(reason) => {
                assert_eq!(diagnostics.len(), 1, "{kid:?}");
                assert_eq!(diagnostics[0].code, "ERS-K004");
                assert!(!diagnostics[0].is_error());
                assert!(
                    diagnostics[0].message.contains(reason),
                    "{kid:?}: {}",
                    diagnostics[0].message
                );
            }
        }
    }
    assert_eq!(
        jwk::validate_kid(""),
        Err(Error::KidInvalid {
            kid: String::new(),
            problem: KidProblem::Empty,
        })
    );
    let d = &jwk::kid_diagnostics("Prod one")[0];
    assert_eq!(
        d.help.as_deref(),
        Some(
            "The token server takes it: use it exactly, byte for byte, in the JWT header and the JWKS; a short kid such as prod-1 is easier to get right; the key files are named after its safe form: Prod_one.pem, Prod_one.pem.pub, Prod_one.json."
        )
    );
}

#[test]
fn unusual_kids_are_kept_exactly_in_the_jwk_and_named_safely_in_files() {
    let key = pem::read_public_key(SPKI).expect("SPKI");
    for kid in ["Prod one", "urn:key:1", "a/b", "clé", "k\"q"] {
        let jwk = Jwk::from_public_key(&key, Some(kid)).expect("any non-empty kid");
        assert_eq!(jwk.kid(), Some(kid));
        let mut set = Jwks::new();
        set.push(jwk).expect("pushed");
        let again = Jwks::from_json(&set.to_json().expect("JSON")).expect("read back");
        assert_eq!(again.kids(), [kid]);
        let file = jwk::kid_file_name(kid);
        assert!(
            file.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)),
            "{file}"
        );
    }
    let commands = keypair::openssl_commands("Prod one", 4096, PrivateKeyFormat::Pkcs8, false);
    assert_eq!(commands[0], "openssl genrsa -out Prod_one.pem 4096");
}

// ---------------------------------------------------------------- generation

#[test]
fn generate_2048_default_kid_pkcs8() {
    let options = KeyOptions {
        bits: 2048,
        ..KeyOptions::default()
    };
    let pair = keypair::generate(&options).expect("generates");
    assert_eq!(pair.bits, 2048);
    assert_eq!(
        pair.kid,
        pair.jwk.thumbprint(),
        "default kid is the RFC 7638 thumbprint"
    );
    assert_eq!(codes_of(&pair.diagnostics), ["ERS-K001"]);
    let key = pem::read_private_key(&pair.private_key_pem).expect("reads back");
    assert_eq!(
        pem::public_key_pem(&key.to_public_key()).as_ref(),
        Ok(&pair.public_key_pem)
    );
    assert_eq!(pair.jwks.kids(), vec![pair.kid.as_str()]);
    assert_eq!(pair.jwk.e(), "AQAB");
    assert!(
        !format!("{pair:?}").contains("PRIVATE KEY"),
        "Debug hides the private key"
    );
}

#[test]
fn generate_pkcs1_and_encrypted() {
    let pkcs1 = keypair::generate(&KeyOptions {
        bits: 2048,
        kid: Some("java-1".into()),
        format: PrivateKeyFormat::Pkcs1,
        passphrase: None,
    })
    .expect("pkcs1");
    assert!(
        pkcs1
            .private_key_pem
            .starts_with("-----BEGIN RSA PRIVATE KEY-----\n")
    );
    assert_eq!(pkcs1.kid, "java-1");

    let encrypted = keypair::generate(&KeyOptions {
        bits: 2048,
        kid: Some("enc-1".into()),
        format: PrivateKeyFormat::Pkcs8,
        passphrase: Some(Zeroizing::new("a long pass phrase".into())),
    })
    .expect("encrypted");
    assert!(encrypted.encrypted);
    let key = pem::read_private_key_with_passphrase(
        &encrypted.private_key_pem,
        Some("a long pass phrase"),
    )
    .expect("decrypts");
    assert_eq!(
        Jwk::from_public_key(&key.to_public_key(), Some("enc-1")).as_ref(),
        Ok(&encrypted.jwk)
    );
}

// ---------------------------------------------------------------- rotation

#[test]
fn append_a_new_key_for_rotation() {
    let pair = keypair::generate(&KeyOptions {
        bits: 2048,
        kid: Some("test-2".into()),
        ..KeyOptions::default()
    })
    .expect("generates");
    let appended =
        keypair::append(Some(JWKS), &pair.public_key_pem, Some("test-2")).expect("appends");
    assert_eq!(appended.jwks.kids(), vec!["test-1", "test-2"]);
    assert_eq!(appended.added, vec!["test-2"]);
    assert_eq!(appended.existing, vec!["test-1"]);
    assert_eq!(appended.steps.len(), 4);
    assert!(
        appended.steps[1].contains("more than an hour"),
        "{:?}",
        appended.steps
    );
    assert_eq!(codes_of(&appended.diagnostics), ["ERS-K001"]);

    // The new key's own KID.json can be added as well as its PEM.
    let json = pair.jwks.to_json().expect("json");
    let from_json = keypair::append(Some(JWKS), &json, None).expect("appends JSON");
    assert_eq!(from_json.jwks, appended.jwks);
}

#[test]
fn bad_appends_get_the_exact_error() {
    let with_private = JWKS.replace(r#""use": "sig""#, r#""use": "sig", "d": "AQAB""#);
    // (name, existing JWKS, key to add, kid, expected code)
    type Case<'a> = (&'a str, Option<&'a str>, &'a str, Option<&'a str>, &'a str);
    let cases: Vec<Case> = vec![
        (
            "duplicate kid",
            Some(JWKS),
            PKCS1_PUB,
            Some("test-1"),
            "kid-duplicate",
        ),
        (
            "same key, new kid",
            Some(JWKS),
            SPKI,
            Some("test-9"),
            "key-duplicate",
        ),
        (
            "private members",
            Some(&with_private),
            SPKI,
            Some("x"),
            "jwks-private-members",
        ),
        (
            "private key added",
            Some(JWKS),
            PKCS8,
            Some("x"),
            "private-key-given",
        ),
        (
            "PEM as the existing set",
            Some(SPKI),
            SPKI,
            Some("x"),
            "jwks-invalid",
        ),
        ("empty kid", None, SPKI, Some(""), "kid-invalid"),
        (
            "malformed JSON",
            Some("{"),
            SPKI,
            Some("x"),
            "json-malformed",
        ),
        ("EC key", None, EC_SPKI, Some("x"), "key-not-rsa"),
    ];
    for (name, existing, addition, kid, expected) in cases {
        assert_eq!(
            code(keypair::append(existing, addition, kid)),
            Err(expected),
            "{name}"
        );
    }
}

#[test]
fn a_pem_without_kid_gets_its_thumbprint_with_a_warning() {
    let appended = keypair::append(None, SPKI, None).expect("new set");
    assert_eq!(appended.added, vec![THUMBPRINT]);
    assert_eq!(codes_of(&appended.diagnostics), ["ERS-K003", "ERS-K001"]);
}

#[test]
fn a_key_not_for_rs512_signing_gets_a_warning() {
    let rs256 = JWKS.replace("RS512", "RS256");
    let appended = keypair::append(None, &rs256, None).expect("appends");
    let codes = codes_of(&appended.diagnostics);
    assert_eq!(codes, ["ERS-K001", "ERS-K002"]);
    assert_eq!(
        appended.diagnostics[1].message,
        "Key \"test-1\" has alg RS256 and use sig; NHS's JWKS gives alg RS512 and use sig."
    );
}

#[test]
fn a_new_set_has_no_rotation_steps() {
    let appended = keypair::append(None, SPKI, Some("test-1")).expect("new set");
    assert_eq!(appended.jwks.to_json().as_deref(), Ok(JWKS));
    assert!(appended.steps.is_empty());
}

// ---------------------------------------------------------------- no input panics

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn on_any_text(text in ".{0,300}") {
            let _ = pem::read_public_key(&text);
            let _ = pem::read_private_key_with_passphrase(&text, Some("x"));
            let _ = Jwks::from_json(&text);
            let _ = jwk::validate_kid(&text);
            let _ = keypair::append(Some(&text), &text, None);
        }

        #[test]
        fn on_pem_with_one_character_changed(at in 0..SPKI.len(), ch in any::<char>()) {
            let mut text: String = SPKI.chars().collect();
            if let Some((index, _)) = text.char_indices().nth(at) {
                text.replace_range(index..=index, &ch.to_string());
            }
            let _ = pem::read_public_key(&text);
            let _ = pem::read_private_key(&text);
        }

        #[test]
        fn on_jwks_shaped_json(n in "[A-Za-z0-9_=+/-]{0,40}", e in "[A-Za-z0-9_-]{0,8}", extra in "[a-z]{1,3}") {
            let json = format!(r#"{{"keys":[{{"kty":"RSA","n":"{n}","e":"{e}","{extra}":1}}]}}"#);
            if let Ok(jwks) = Jwks::from_json(&json) {
                for key in jwks.keys() {
                    let _ = key.to_public_key();
                    let _ = key.thumbprint();
                    let _ = key.bits();
                }
            }
        }
    }
}

/// Regression: with a wrong passphrase, AES-CBC padding comes out valid by chance about once in
/// 256 tries; the garbage plaintext then failed as DER inside `decrypt` and was reported as
/// `key-malformed` (seen as a flaky OpenSSL test). Every wrong passphrase must say so.
#[test]
fn every_wrong_passphrase_is_reported_as_wrong() {
    for i in 0..2000 {
        let result = ers_keys::pem::read_private_key_with_passphrase(
            PKCS8_ENCRYPTED,
            Some(&format!("wrong-{i}")),
        );
        assert_eq!(
            result.map(|_| ()).map_err(|e| e.code()),
            Err("passphrase-wrong"),
            "passphrase wrong-{i}"
        );
    }
}

/// Rotation with kids as NHS hosts them: the new key's kid is kept exactly, with warning
/// ERS-K004, and the steps name it.
#[test]
fn rotation_takes_kids_of_any_shape() {
    let other = include_str!("examples/jwt/throwaway-test-key-2048.pem.pub");
    let appended = keypair::append(Some(JWKS), other, Some("Prod two: 2026-03-01"))
        .expect("any non-empty kid rotates");
    assert_eq!(appended.added, ["Prod two: 2026-03-01"]);
    assert_eq!(
        appended.jwks.kids(),
        ["test-1", "Prod two: 2026-03-01"],
        "the kid is kept exactly"
    );
    let codes = codes_of(&appended.diagnostics);
    assert!(codes.contains(&"ERS-K004"), "{codes:?}");
    assert!(appended.steps[2].contains("kid \"Prod two: 2026-03-01\""));
    assert_eq!(
        keypair::append(Some(JWKS), other, Some(""))
            .map(|_| ())
            .unwrap_err()
            .code(),
        "kid-invalid"
    );
}
