/*!
PEM in and out: read RSA private keys (PKCS#8, PKCS#1, encrypted PKCS#8) and public keys (SPKI,
PKCS#1), and write them.

Reading is forgiving about what surrounds a key (text before the `-----BEGIN` line, indentation,
CRLF line ends, as pasted from an e-mail or a terminal) and strict about the key itself. Each
mistake people make has its own [`Error`] variant with a message saying how to fix it: a private
key pasted where a public one belongs ([`Error::PrivateKeyGiven`], the key is never echoed), a
public key where a private one belongs, an encrypted key without its passphrase, a certificate,
an EC or OpenSSH key, damaged base64.

All encoding and decoding is the RustCrypto `pkcs8`, `pkcs1`, `spki` and `pem-rfc7468` crates';
this module only picks which one to call and explains what they report.

# Example

```
use ers_keys::pem;
# fn main() -> Result<(), ers_keys::Error> {
# let private_pem = include_str!("../tests/examples/keys/rsa2048-pkcs8.pem");
let key = pem::read_private_key(private_pem)?;
let public_pem = pem::public_key_pem(&key.to_public_key())?;
assert!(public_pem.starts_with("-----BEGIN PUBLIC KEY-----\n"));

let err = pem::read_public_key(private_pem).unwrap_err();
assert_eq!(err.code(), "private-key-given");
# Ok(())
# }
```
*/

use pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey, EncodeRsaPrivateKey};
use pkcs8::der::{self, Decode};
use pkcs8::{
    DecodePrivateKey, EncodePrivateKey, EncryptedPrivateKeyInfoOwned, EncryptedPrivateKeyInfoRef,
    LineEnding, SecretDocument,
};
use rsa::{PrivateKey, PublicKey};
use spki::{DecodePublicKey, EncodePublicKey};
use zeroize::Zeroizing;

use crate::error::{Error, Result};

/// How a private key is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "lowercase"))]
pub enum PrivateKeyFormat {
    /// PKCS#8, `-----BEGIN PRIVATE KEY-----` (or `ENCRYPTED PRIVATE KEY` with a passphrase):
    /// what `openssl genrsa` writes since OpenSSL 3.
    #[default]
    Pkcs8,
    /// PKCS#1, `-----BEGIN RSA PRIVATE KEY-----`: the "traditional" form some Java clients need
    /// (`openssl pkey -in KID.pem -traditional`).
    Pkcs1,
}

/// Reads an RSA private key from PEM: PKCS#8 (`PRIVATE KEY`) or PKCS#1 (`RSA PRIVATE KEY`).
///
/// # Errors
/// [`Error::PassphraseRequired`] for an encrypted key (use [`read_private_key_with_passphrase`]),
/// [`Error::PublicKeyGiven`] for a public key, [`Error::PemMissing`], [`Error::PemMalformed`],
/// [`Error::PemMultiple`], [`Error::PemLabel`] (a certificate, an OpenSSH key…),
/// [`Error::KeyNotRsa`] or [`Error::KeyMalformed`] otherwise.
pub fn read_private_key(pem: &str) -> Result<PrivateKey> {
    read_private_key_with_passphrase(pem, None)
}

/// Reads an RSA private key from PEM, decrypting an `ENCRYPTED PRIVATE KEY` (PKCS#8 PBES2) with
/// `passphrase`. An unencrypted key is read as by [`read_private_key`]; the passphrase is then
/// not needed and is ignored.
///
/// # Errors
/// As [`read_private_key`], plus [`Error::PassphraseWrong`] when the key does not decrypt, and
/// [`Error::TooLarge`] over [`ers_rules::limits::PEM`] (64 KB).
pub fn read_private_key_with_passphrase(pem: &str, passphrase: Option<&str>) -> Result<PrivateKey> {
    const EXPECTED: &str = "private key";
    ers_rules::limits::PEM.check(pem.len())?;
    let block = single_block(pem, EXPECTED)?;
    match block.label.as_str() {
        "PRIVATE KEY" => PrivateKey::from_pkcs8_pem(&block.text).map_err(pkcs8_error),
        "RSA PRIVATE KEY" => {
            if block.text.contains("Proc-Type:") {
                return Err(Error::PemLabel {
                    expected: EXPECTED,
                    found: "RSA PRIVATE KEY (legacy OpenSSL encryption)".to_owned(),
                    hint: Some(
                        "convert it to encrypted PKCS#8 with `openssl pkcs8 -topk8 -v2 aes-256-cbc \
                         -in KID.pem -out KID.p8.pem`",
                    ),
                });
            }
            PrivateKey::from_pkcs1_pem(&block.text).map_err(pkcs1_error)
        }
        "ENCRYPTED PRIVATE KEY" => match passphrase {
            None => Err(Error::PassphraseRequired),
            Some("") => Err(Error::PassphraseRequired),
            Some(passphrase) => decrypt_pkcs8(&block.text, passphrase),
        },
        "PUBLIC KEY" | "RSA PUBLIC KEY" => Err(Error::PublicKeyGiven),
        other => Err(other_label(EXPECTED, other)),
    }
}

/// True when `text` holds a PEM private key of any kind (`-----BEGIN … PRIVATE KEY-----`,
/// OpenSSH's too): callers refuse it without repeating any of it.
pub fn looks_like_private_key(text: &str) -> bool {
    // One pass: each line is searched once, from its first `-----BEGIN ` on (a later marker on
    // the same line ends where the first one's line ends, so the first one decides for all). A
    // text dense with markers on one line is no slower than any other text of its size.
    text.split('\n').any(|line| {
        line.find("-----BEGIN ")
            .is_some_and(|at| line[at..].contains("PRIVATE KEY"))
    })
}

/// Reads an RSA public key from PEM: SPKI (`PUBLIC KEY`, what `openssl rsa -pubout` writes) or
/// PKCS#1 (`RSA PUBLIC KEY`).
///
/// # Errors
/// [`Error::PrivateKeyGiven`] when the text is a private key of any kind (the message never
/// repeats it), [`Error::PemMissing`], [`Error::PemMalformed`], [`Error::PemMultiple`],
/// [`Error::PemLabel`] (e.g. a certificate), [`Error::KeyNotRsa`] or [`Error::KeyMalformed`].
pub fn read_public_key(pem: &str) -> Result<PublicKey> {
    const EXPECTED: &str = "public key";
    ers_rules::limits::PEM.check(pem.len())?;
    let block = single_block(pem, EXPECTED)?;
    match block.label.as_str() {
        "PUBLIC KEY" => PublicKey::from_public_key_pem(&block.text).map_err(spki_error),
        "RSA PUBLIC KEY" => PublicKey::from_pkcs1_pem(&block.text).map_err(pkcs1_error),
        label if label.contains("PRIVATE KEY") => Err(Error::PrivateKeyGiven),
        other => Err(other_label(EXPECTED, other)),
    }
}

/// Writes a public key as SPKI PEM (`-----BEGIN PUBLIC KEY-----`, LF line ends), byte for byte
/// what `openssl rsa -pubout` writes for the same key.
///
/// # Errors
/// [`Error::Crypto`] if the encoder fails (it does not for a valid key).
pub fn public_key_pem(key: &PublicKey) -> Result<String> {
    key.to_public_key_pem(LineEnding::LF)
        .map_err(|e| Error::Crypto {
            reason: format!("could not encode the public key: {e}"),
        })
}

/// Writes a private key as PEM in `format`, encrypted with `passphrase` when one is given
/// (PKCS#8 only: PBES2 with PBKDF2-HMAC-SHA256, 600 000 iterations, and AES-256-CBC, which
/// OpenSSL, Java and Python `cryptography` all open).
///
/// # Errors
/// [`Error::PassphraseEmpty`] for `Some("")`, [`Error::PassphraseWithPkcs1`] for a passphrase
/// with [`PrivateKeyFormat::Pkcs1`], [`Error::Random`] if the random source fails,
/// [`Error::Crypto`] if the encoder fails.
pub fn private_key_pem(
    key: &PrivateKey,
    format: PrivateKeyFormat,
    passphrase: Option<&str>,
) -> Result<Zeroizing<String>> {
    let encode_error = |e: &dyn core::fmt::Display| Error::Crypto {
        reason: format!("could not encode the private key: {e}"),
    };
    match (format, passphrase) {
        (_, Some("")) => Err(Error::PassphraseEmpty),
        (PrivateKeyFormat::Pkcs1, Some(_)) => Err(Error::PassphraseWithPkcs1),
        (PrivateKeyFormat::Pkcs1, None) => key
            .to_pkcs1_pem(LineEnding::LF)
            .map_err(|e| encode_error(&e)),
        (PrivateKeyFormat::Pkcs8, None) => key
            .to_pkcs8_pem(LineEnding::LF)
            .map_err(|e| encode_error(&e)),
        (PrivateKeyFormat::Pkcs8, Some(passphrase)) => {
            let plain = key.to_pkcs8_der().map_err(|e| encode_error(&e))?;
            encrypt_pkcs8(&plain, passphrase)
        }
    }
}

/// Encrypts a PKCS#8 document with PBES2 (PBKDF2-SHA256 + AES-256-CBC) and writes it as PEM.
///
/// `pkcs8`'s own `to_pkcs8_encrypted_pem` picks scrypt, which Java and older OpenSSL builds
/// cannot open; these parameters are the widely supported ones.
fn encrypt_pkcs8(plain: &SecretDocument, passphrase: &str) -> Result<Zeroizing<String>> {
    use pkcs8::pkcs5::pbes2;

    let params =
        pbes2::Parameters::generate_pbkdf2(&mut getrandom::SysRng).map_err(|e| Error::Random {
            reason: e.to_string(),
        })?;
    let crypto = |e: &dyn core::fmt::Display| Error::Crypto {
        reason: format!("could not encrypt the private key: {e}"),
    };
    let ciphertext = params
        .encrypt(passphrase, plain.as_bytes())
        .map_err(|e| crypto(&e))?;
    let info = EncryptedPrivateKeyInfoOwned {
        encryption_algorithm: params.into(),
        encrypted_data: der::asn1::OctetString::new(ciphertext).map_err(|e| crypto(&e))?,
    };
    let document = SecretDocument::try_from(&info).map_err(|e| crypto(&e))?;
    document
        .to_pem("ENCRYPTED PRIVATE KEY", LineEnding::LF)
        .map_err(|e| crypto(&e))
}

/// Decrypts an `ENCRYPTED PRIVATE KEY` block and reads the RSA key inside.
fn decrypt_pkcs8(text: &str, passphrase: &str) -> Result<PrivateKey> {
    let (_, document) = SecretDocument::from_pem(text).map_err(der_error("private key"))?;
    let info = EncryptedPrivateKeyInfoRef::from_der(document.as_bytes())
        .map_err(der_error("encrypted private key"))?;
    refuse_costly_kdf(&info.encryption_algorithm)?;
    // CBC padding can come out valid by chance with a wrong passphrase (about 1 in 256): the
    // plaintext is then not DER, which `decrypt` (it parses what it decrypted) or the key reader
    // below reports. The envelope itself was read above, so the likeliest cause is the passphrase.
    let plain = info.decrypt(passphrase).map_err(|e| match e {
        pkcs8::Error::EncryptedPrivateKey(pkcs8::pkcs5::Error::DecryptFailed)
        | pkcs8::Error::Asn1(_) => Error::PassphraseWrong,
        other => Error::KeyMalformed {
            what: "encrypted private key",
            reason: other.to_string(),
        },
    })?;
    PrivateKey::from_pkcs8_der(plain.as_bytes()).map_err(|e| match pkcs8_error(e) {
        Error::KeyMalformed { .. } | Error::PemMalformed { .. } => Error::PassphraseWrong,
        other => other,
    })
}

/// The most PBKDF2 iterations an encrypted key may ask for: 16 times what we write (600,000)
/// and far above OpenSSL's (2,048). The count is in the key file itself, so without a cap a
/// crafted 1 KB key (4 billion iterations) would keep the page or the CLI busy for hours.
pub const MAX_PBKDF2_ITERATIONS: u32 = 10_000_000;

/// The largest scrypt N·r·p accepted: 2^20, which is 128 MiB of memory (128·N·r bytes), eight
/// times what OpenSSL's defaults (N = 16384, r = 8, p = 1) use.
const MAX_SCRYPT_WORK: u64 = 1 << 20;

/// Refuses key-derivation parameters that would take minutes or gigabytes before the passphrase
/// could even be tried.
fn refuse_costly_kdf(scheme: &pkcs8::pkcs5::EncryptionScheme) -> Result<()> {
    use pkcs8::pkcs5::pbes2::Kdf;
    let Some(params) = scheme.pbes2() else {
        return Ok(()); // PBES1 and others are refused by the decrypter
    };
    let too_costly = match &params.kdf {
        Kdf::Pbkdf2(p) => (p.iteration_count > MAX_PBKDF2_ITERATIONS).then(|| {
            format!(
                "it asks for {} PBKDF2 iterations; at most {MAX_PBKDF2_ITERATIONS} are read \
                 here. Encrypt it again with `openssl pkcs8 -topk8 -v2 aes-256-cbc -iter 600000`",
                p.iteration_count
            )
        }),
        Kdf::Scrypt(p) => {
            let work = p
                .cost_parameter
                .saturating_mul(u64::from(p.block_size))
                .saturating_mul(u64::from(p.parallelization));
            (work > MAX_SCRYPT_WORK).then(|| {
                "its scrypt parameters would need gigabytes of memory; encrypt it again with \
                 `openssl pkcs8 -topk8 -v2 aes-256-cbc`"
                    .to_owned()
            })
        }
        _ => None,
    };
    match too_costly {
        Some(reason) => Err(Error::KeyMalformed {
            what: "encrypted private key",
            reason,
        }),
        None => Ok(()),
    }
}

/// One PEM block, cleaned of what surrounded it.
struct Block {
    /// The label between `-----BEGIN ` and `-----`.
    label: String,
    /// The block from its BEGIN line to its END line, lines trimmed, LF line ends.
    text: Zeroizing<String>,
}

/// Finds the one PEM block in `input`.
fn single_block(input: &str, expected: &'static str) -> Result<Block> {
    const BEGIN: &str = "-----BEGIN ";
    const END: &str = "-----END ";

    let blocks = input.matches(BEGIN).count();
    if blocks == 0 {
        return Err(Error::PemMissing {
            expected,
            hint: sniff(input),
        });
    }
    if blocks > 1 {
        return Err(Error::PemMultiple { blocks });
    }
    let start = input.find(BEGIN).unwrap_or(0);
    let rest = &input[start..];
    let label_end = rest[BEGIN.len()..]
        .find("-----")
        .ok_or_else(|| Error::PemMalformed {
            reason: "the -----BEGIN line does not end with -----".to_owned(),
        })?;
    let label = rest[BEGIN.len()..BEGIN.len() + label_end].trim().to_owned();
    let end_at = rest.find(END).ok_or_else(|| Error::PemMalformed {
        reason: "there is no -----END line: the block is cut short".to_owned(),
    })?;
    let end_line_len = rest[end_at..].find('\n').unwrap_or(rest.len() - end_at);
    let block = &rest[..end_at + end_line_len];

    let mut text = Zeroizing::new(String::with_capacity(block.len() + 1));
    for line in block.lines().map(str::trim).filter(|line| !line.is_empty()) {
        text.push_str(line);
        text.push('\n');
    }
    Ok(Block { label, text })
}

/// Guesses what non-PEM text is, for the hint of [`Error::PemMissing`].
fn sniff(input: &str) -> Option<&'static str> {
    let text = input.trim_start();
    if text.is_empty() {
        Some("the text is empty")
    } else if text.starts_with('{') {
        Some("this looks like JSON (a JWK or JWKS), not a PEM file")
    } else if text.starts_with("ssh-rsa ") || text.starts_with("ssh-") {
        Some(
            "this is an OpenSSH public key; convert it with `ssh-keygen -e -m PKCS8 -f KEY.pub > \
             KID.pem.pub`",
        )
    } else if text.starts_with("MII") {
        Some(
            "this looks like base64 without its -----BEGIN and -----END lines; paste the whole \
             file",
        )
    } else {
        None
    }
}

/// The error for a label that is neither the expected key nor its counterpart.
fn other_label(expected: &'static str, label: &str) -> Error {
    match label {
        "EC PRIVATE KEY" => Error::KeyNotRsa {
            algorithm: "EC".to_owned(),
        },
        "DSA PRIVATE KEY" => Error::KeyNotRsa {
            algorithm: "DSA".to_owned(),
        },
        _ => Error::PemLabel {
            expected,
            found: label.to_owned(),
            hint: match (expected, label) {
                ("public key", "CERTIFICATE") => Some(
                    "take its public key with `openssl x509 -in CERT.pem -pubkey -noout > \
                     KID.pem.pub`",
                ),
                (_, "CERTIFICATE") => Some(
                    "a certificate holds a public key only; the private key is a separate file",
                ),
                (_, "OPENSSH PRIVATE KEY") => Some(
                    "convert a copy to PKCS#8 with `ssh-keygen -p -m PKCS8 -f KEYFILE` (it \
                     rewrites the file in place)",
                ),
                (_, "CERTIFICATE REQUEST") => {
                    Some("a certificate signing request is not a key; give the key file itself")
                }
                _ => None,
            },
        },
    }
}

/// Names of key algorithms people paste by mistake, by OID.
fn algorithm_name(oid: &str) -> String {
    match oid {
        "1.2.840.10045.2.1" => "EC".to_owned(),
        "1.3.101.112" => "Ed25519".to_owned(),
        "1.3.101.113" => "Ed448".to_owned(),
        "1.3.101.110" => "X25519".to_owned(),
        "1.2.840.10040.4.1" => "DSA".to_owned(),
        other => format!("OID {other}"),
    }
}

/// Maps a `der` error: damaged PEM or damaged DER inside it.
fn der_error(what: &'static str) -> impl Fn(der::Error) -> Error {
    move |e| match e.kind() {
        der::ErrorKind::Pem(pem) => Error::PemMalformed {
            reason: pem.to_string(),
        },
        _ => Error::KeyMalformed {
            what,
            reason: e.to_string(),
        },
    }
}

fn spki_error(e: spki::Error) -> Error {
    match e {
        spki::Error::OidUnknown { oid } => Error::KeyNotRsa {
            algorithm: algorithm_name(&oid.to_string()),
        },
        spki::Error::Asn1(e) => der_error("public key")(e),
        other => Error::KeyMalformed {
            what: "public key",
            reason: other.to_string(),
        },
    }
}

fn pkcs8_error(e: pkcs8::Error) -> Error {
    match e {
        pkcs8::Error::PublicKey(spki::Error::OidUnknown { oid }) => Error::KeyNotRsa {
            algorithm: algorithm_name(&oid.to_string()),
        },
        pkcs8::Error::Asn1(e) | pkcs8::Error::PublicKey(spki::Error::Asn1(e)) => {
            der_error("private key")(e)
        }
        other => Error::KeyMalformed {
            what: "private key",
            reason: other.to_string(),
        },
    }
}

fn pkcs1_error(e: pkcs1::Error) -> Error {
    match e {
        pkcs1::Error::Asn1(e) => der_error("key")(e),
        pkcs1::Error::Version => Error::KeyMalformed {
            what: "private key",
            reason: "multi-prime RSA keys are not supported".to_owned(),
        },
        other => Error::KeyMalformed {
            what: "key",
            reason: other.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pkcs8::pkcs5::pbes2::Parameters;

    #[test]
    fn a_key_asking_for_too_many_pbkdf2_iterations_is_refused_before_trying() {
        let costly = Parameters::generate_pbkdf2_sha256_aes256cbc(50_000_000, &[7; 16], [1; 16])
            .expect("parameters");
        let err = refuse_costly_kdf(&costly.into()).expect_err("refused");
        assert_eq!(err.code(), "key-malformed");
        assert!(
            err.to_string()
                .contains("it asks for 50000000 PBKDF2 iterations; at most 10000000")
        );
        let ours = Parameters::generate_pbkdf2_sha256_aes256cbc(600_000, &[7; 16], [1; 16])
            .expect("parameters");
        assert!(refuse_costly_kdf(&ours.into()).is_ok());
    }

    #[test]
    fn over_the_limit_is_refused_before_parsing() {
        let big = "A".repeat(ers_rules::limits::PEM.max_bytes + 1);
        for err in [
            read_public_key(&big).expect_err("refused"),
            read_private_key(&big).expect_err("refused"),
        ] {
            assert_eq!(err.code(), "input-too-large");
            assert!(err.to_string().starts_with("A PEM key is limited to 64 KB"));
        }
    }

    #[test]
    fn private_keys_are_recognised_in_any_form() {
        for text in [
            "-----BEGIN PRIVATE KEY-----\nMII…",
            "junk\n-----BEGIN RSA PRIVATE KEY-----\n",
            "-----BEGIN ENCRYPTED PRIVATE KEY-----",
            "-----BEGIN OPENSSH PRIVATE KEY-----",
        ] {
            assert!(looks_like_private_key(text), "{text}");
        }
        assert!(!looks_like_private_key("-----BEGIN PUBLIC KEY-----\n"));
        assert!(!looks_like_private_key("{\"keys\": []}"));
    }
}
