/*!
RSA key pairs for the NHS token server (guidance 4.2, FACTS §4): generate one, and add public
keys to a JWKS for rotation.

[`generate`] makes what NHS's documented commands make (`openssl genrsa -out KID.pem 4096`,
`openssl rsa -in KID.pem -pubout -out KID.pem.pub`, and `KID.json`), in one step: a 4096-bit
key (2048 and 3072 allowed, with a warning), e = 65537, the private key as PKCS#8 PEM (PKCS#1 on
request, or PKCS#8 encrypted with a passphrase), the public key as SPKI PEM and the JWKS. Options
are checked before the slow part starts. The private key lives in [`zeroize::Zeroizing`]
buffers and the `rsa` key type, all wiped when dropped.

[`append`] adds a public key (PEM, or the JWKS of a new key) to an existing JWKS, refusing a
duplicate kid, a key already in the set, and a set that carries private members, and returns the
rotation steps.

# Example

```
use ers_keys::keypair::{self, KeyOptions};
# fn main() -> Result<(), ers_keys::Error> {
let options = KeyOptions { bits: 2048, kid: Some("test-1".into()), ..KeyOptions::default() };
let pair = keypair::generate(&options)?;
assert_eq!(pair.kid, "test-1");
assert!(pair.private_key_pem.starts_with("-----BEGIN PRIVATE KEY-----"));
// 2048 bits works, with a warning that NHS documents 4096.
assert_eq!(pair.diagnostics[0].code, "ERS-K001");

let rotated = keypair::append(Some(&pair.jwks.to_json()?), &pair.public_key_pem, Some("test-2"));
assert_eq!(rotated.unwrap_err().code(), "key-duplicate");
# Ok(())
# }
```
*/

use ers_rules::Diagnostic;
use rand_core::TryCryptoRng;
use rsa::PrivateKey;
use zeroize::Zeroizing;

use crate::error::{Error, Result};
use crate::jwk::{self, ALG, Jwk, Jwks};
use crate::pem::{self, PrivateKeyFormat};
use crate::primes;

/// The guidance rule keys come from.
pub const RULE: &str = "4.2";

/// The key size NHS documents, and our default.
pub const DEFAULT_BITS: usize = 4096;

/// The key sizes offered, smallest first.
pub const OFFERED_BITS: [usize; 3] = [2048, 3072, 4096];

/// Diagnostic codes of this module.
pub mod codes {
    ers_rules::code_registry! {
        /// The key is smaller than the 4096 bits NHS documents.
        KEY_SMALLER_THAN_DOCUMENTED = "ERS-K001", Warning, "4.2",
            "the key is smaller than the 4096 bits NHS documents",
            "`keys new --bits 2048`";
        /// A key in the JWKS has an `alg` other than RS512 or a `use` other than `sig`.
        ALG_OR_USE_UNEXPECTED = "ERS-K002", Warning, "4.2",
            "a JWK's `alg` is not RS512 or its `use` not `sig`",
            "adding to a JWKS with `\"alg\":\"RS256\"`";
        /// The kid of the existing key was not given, so its thumbprint was taken.
        KID_FROM_THUMBPRINT = "ERS-K003", Warning, "4.2",
            "a public key added without a kid: its RFC 7638 thumbprint is used",
            "`keys jwks --add old.pem.pub`";
        /// An unusual kid, taken as the token server takes it.
        KID_UNUSUAL = "ERS-K004", Warning, "4.2",
            "an unusual kid (a space, an invisible or non-ASCII character, over 64 characters): taken, as the token server takes it; the files get its safe form",
            "`keys new --kid \"Prod one\"` → `Prod_one.pem`";
    }
}

/// What to generate.
#[derive(Clone, PartialEq, Eq)]
pub struct KeyOptions {
    /// Modulus size in bits: 4096 (default), 3072 or 2048.
    pub bits: usize,
    /// The kid; `None` takes the RFC 7638 thumbprint of the new key.
    pub kid: Option<String>,
    /// How the private key is written.
    pub format: PrivateKeyFormat,
    /// Encrypts the private key (PKCS#8 PBES2) when given.
    pub passphrase: Option<Zeroizing<String>>,
}

impl Default for KeyOptions {
    fn default() -> Self {
        KeyOptions {
            bits: DEFAULT_BITS,
            kid: None,
            format: PrivateKeyFormat::Pkcs8,
            passphrase: None,
        }
    }
}

impl core::fmt::Debug for KeyOptions {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("KeyOptions")
            .field("bits", &self.bits)
            .field("kid", &self.kid)
            .field("format", &self.format)
            .field(
                "passphrase",
                &self.passphrase.as_ref().map(|_| "(redacted)"),
            )
            .finish()
    }
}

/// A generated key pair, in the three files NHS's commands name. Its `Debug` output leaves the
/// private key out.
pub struct KeyPair {
    /// The kid (given, or the thumbprint): any non-empty string, exactly as the JWKS holds it.
    pub kid: String,
    /// The kid's safe file-name form ([`jwk::kid_file_name`]), which names `KID.pem`,
    /// `KID.pem.pub` and `KID.json`; the same as the kid for kids such as `prod-1`.
    pub file_name: String,
    /// Modulus size in bits.
    pub bits: usize,
    /// `KID.pem`: the private key. Wiped from memory when dropped.
    pub private_key_pem: Zeroizing<String>,
    /// Whether `private_key_pem` is encrypted with a passphrase.
    pub encrypted: bool,
    /// The private key's format.
    pub format: PrivateKeyFormat,
    /// `KID.pem.pub`: the public key, SPKI PEM.
    pub public_key_pem: String,
    /// The public key as a JWK.
    pub jwk: Jwk,
    /// `KID.json`: the JWKS holding the one key.
    pub jwks: Jwks,
    /// Warnings about the choices made (e.g. fewer than 4096 bits).
    pub diagnostics: Vec<Diagnostic>,
}

impl core::fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("KeyPair")
            .field("kid", &self.kid)
            .field("file_name", &self.file_name)
            .field("bits", &self.bits)
            .field("private_key_pem", &"(redacted)")
            .field("encrypted", &self.encrypted)
            .field("format", &self.format)
            .field("public_key_pem", &self.public_key_pem)
            .field("jwks", &self.jwks)
            .field("diagnostics", &self.diagnostics)
            .finish()
    }
}

/// Checks a key size: 2048, 3072 and 4096 are offered; below 4096 gets a warning.
///
/// # Errors
/// [`Error::KeySize`] for any other size.
pub fn check_bits(bits: usize) -> Result<Vec<Diagnostic>> {
    if !OFFERED_BITS.contains(&bits) {
        return Err(Error::KeySize { bits });
    }
    Ok(size_warning(bits).into_iter().collect())
}

fn size_warning(bits: usize) -> Option<Diagnostic> {
    (bits < DEFAULT_BITS).then(|| {
        Diagnostic::coded(
            codes::KEY_SMALLER_THAN_DOCUMENTED,
            format!("the key has {bits} bits; NHS documents 4096-bit keys"),
        )
        .with_help(
            "NHS's instructions make keys with `openssl genrsa -out KID.pem 4096`; use 4096 \
             bits unless you know a smaller key is accepted",
        )
        .with_suggestion("4096")
    })
}

/// Checks options before generating, so a mistake is reported at once and not after the
/// seconds key generation takes.
///
/// # Errors
/// [`Error::KeySize`], [`Error::KidInvalid`], [`Error::PassphraseEmpty`],
/// [`Error::PassphraseWithPkcs1`].
pub fn check_options(options: &KeyOptions) -> Result<Vec<Diagnostic>> {
    let mut diagnostics = check_bits(options.bits)?;
    if let Some(kid) = &options.kid {
        jwk::validate_kid(kid)?;
        diagnostics.extend(jwk::kid_diagnostics(kid));
    }
    match (&options.passphrase, options.format) {
        (Some(p), _) if p.is_empty() => Err(Error::PassphraseEmpty),
        (Some(_), PrivateKeyFormat::Pkcs1) => Err(Error::PassphraseWithPkcs1),
        _ => Ok(diagnostics),
    }
}

/// Generates a key pair with the system's random source (the browser's `crypto.getRandomValues`
/// in wasm).
///
/// # Errors
/// Those of [`check_options`], [`Error::Random`] if the random source fails, [`Error::Crypto`]
/// if the library fails.
pub fn generate(options: &KeyOptions) -> Result<KeyPair> {
    generate_with_rng(&mut getrandom::SysRng, options)
}

/// Generates a key pair with `rng`: 32 bytes of it seed the prime search
/// ([`crate::primes::find_primes`]), which runs on every core natively and on one thread in
/// wasm. The same seed gives the same key, whatever the number of cores.
///
/// # Errors
/// As [`generate`].
pub fn generate_with_rng<R: TryCryptoRng + ?Sized>(
    rng: &mut R,
    options: &KeyOptions,
) -> Result<KeyPair> {
    generate_with_threads(rng, options, available_threads())
}

/// Generates a key pair with `rng`, searching for the primes on `threads` threads.
///
/// # Errors
/// As [`generate`].
pub fn generate_with_threads<R: TryCryptoRng + ?Sized>(
    rng: &mut R,
    options: &KeyOptions,
    threads: usize,
) -> Result<KeyPair> {
    let diagnostics = check_options(options)?;
    let mut seed = Zeroizing::new([0u8; 32]);
    rng.try_fill_bytes(seed.as_mut())
        .map_err(|_| Error::Random {
            reason: "no random numbers for key generation".to_owned(),
        })?;
    let prime_bits = prime_bits(options.bits)?;
    let (p, q) = primes::find_primes(&seed, prime_bits, threads);
    let key = key_from_primes(p, q)?;
    from_private_key(&key, options, diagnostics)
}

/// Builds the key pair from two primes found elsewhere, big-endian, each of half the key's size.
/// Both are checked (size, Baillie–PSW, `p − 1` prime to e, far enough apart) before `rsa`
/// builds and validates the key from them.
///
/// # Errors
/// Those of [`check_options`]; [`Error::Invalid`] (`what` "primes") when a prime fails a check:
/// search for another one.
pub fn generate_from_primes(p: &[u8], q: &[u8], options: &KeyOptions) -> Result<KeyPair> {
    from_primes_checked(p, q, options, primes::check_prime)
}

/// Builds the key pair from two primes found by the page's workers ([`primes::Window::step`],
/// which confirmed each with Baillie–PSW). They are checked again as [`generate_from_primes`]
/// checks them, but with the Miller–Rabin half of Baillie–PSW only
/// ([`primes::check_found_prime`]): the Lucas test, four times dearer, ran where each was found.
///
/// # Errors
/// As [`generate_from_primes`].
pub fn generate_from_found_primes(p: &[u8], q: &[u8], options: &KeyOptions) -> Result<KeyPair> {
    from_primes_checked(p, q, options, primes::check_found_prime)
}

fn from_primes_checked(
    p: &[u8],
    q: &[u8],
    options: &KeyOptions,
    check: fn(&[u8], u32) -> bool,
) -> Result<KeyPair> {
    let diagnostics = check_options(options)?;
    let bits = prime_bits(options.bits)?;
    let refused = |reason: &str| Error::Invalid {
        what: "primes",
        reason: reason.to_owned(),
    };
    if !check(p, bits) || !check(q, bits) {
        return Err(refused("a prime is not a prime of the key's half size"));
    }
    let (p, q) = (primes::to_uint(p), primes::to_uint(q));
    if !primes::far_apart(&p, &q, bits) {
        return Err(refused("the two primes are too close together"));
    }
    let key = key_from_primes(p, q)?;
    from_private_key(&key, options, diagnostics)
}

/// Half the key size: the size of each prime.
fn prime_bits(bits: usize) -> Result<u32> {
    u32::try_from(bits / 2)
        .ok()
        .filter(|b| primes::PRIME_BITS.contains(b))
        .ok_or(Error::KeySize { bits })
}

/// The threads the prime search may use: every core natively, one in wasm (a Web Worker has
/// one thread; the page runs several workers instead).
pub fn available_threads() -> usize {
    #[cfg(target_arch = "wasm32")]
    {
        1
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::thread::available_parallelism().map_or(1, usize::from)
    }
}

/// `rsa` builds the key from the primes (n, d = e⁻¹ mod λ(n), the CRT values) and validates it.
fn key_from_primes(p: rsa::BoxedUint, q: rsa::BoxedUint) -> Result<PrivateKey> {
    PrivateKey::from_p_q(p, q, rsa::BoxedUint::from(u64::from(primes::E))).map_err(|e| {
        Error::Crypto {
            reason: format!("key generation failed: {e}"),
        }
    })
}

/// Builds the three files from an existing private key.
fn from_private_key(
    key: &PrivateKey,
    options: &KeyOptions,
    diagnostics: Vec<Diagnostic>,
) -> Result<KeyPair> {
    let public = key.to_public_key();
    let jwk = Jwk::from_public_key(&public, options.kid.as_deref())?;
    let kid = jwk.kid().unwrap_or_default().to_owned();
    let mut jwks = Jwks::new();
    jwks.push(jwk.clone())?;
    let passphrase = options.passphrase.as_ref().map(|p| p.as_str());
    Ok(KeyPair {
        file_name: jwk::kid_file_name(&kid),
        kid,
        bits: jwk.bits(),
        private_key_pem: pem::private_key_pem(key, options.format, passphrase)?,
        encrypted: passphrase.is_some(),
        format: options.format,
        public_key_pem: pem::public_key_pem(&public)?,
        jwk,
        jwks,
        diagnostics,
    })
}

/// The OpenSSL commands that make the same three files, for those who prefer them (NHS's own
/// instructions use the first two). The last command prints the JWKS `n` (it needs `xxd`).
/// The files are named with the kid's safe file-name form ([`jwk::kid_file_name`]).
pub fn openssl_commands(
    kid: &str,
    bits: usize,
    format: PrivateKeyFormat,
    encrypted: bool,
) -> Vec<String> {
    let stem = jwk::kid_file_name(kid);
    let file = |ext: &str| shell_word(&format!("{stem}{ext}"));
    let (pem, publ) = (file(".pem"), file(".pem.pub"));
    let genrsa = match (format, encrypted) {
        (PrivateKeyFormat::Pkcs1, _) => {
            format!("openssl genrsa -traditional -out {pem} {bits}")
        }
        (PrivateKeyFormat::Pkcs8, false) => format!("openssl genrsa -out {pem} {bits}"),
        (PrivateKeyFormat::Pkcs8, true) => format!(
            "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:{bits} -aes-256-cbc -out {pem}"
        ),
    };
    vec![
        genrsa,
        format!("openssl rsa -in {pem} -pubout -outform PEM -out {publ}"),
        format!(
            "openssl rsa -pubin -in {publ} -noout -modulus | cut -d= -f2 | xxd -r -p | \
             openssl base64 -A | tr '+/' '-_' | tr -d '='"
        ),
    ]
}

/// Quotes a word for a POSIX shell when it holds anything but letters, digits and `-_.~`.
fn shell_word(word: &str) -> String {
    if word
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-_.~".contains(c))
    {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// The result of [`append`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Appended {
    /// The JWKS with the new key(s) at the end.
    pub jwks: Jwks,
    /// The kids added.
    pub added: Vec<String>,
    /// The kids that were there before.
    pub existing: Vec<String>,
    /// Warnings (e.g. a key smaller than 4096 bits, an `alg` that is not RS512).
    pub diagnostics: Vec<Diagnostic>,
    /// The rotation steps, when the set held keys before; empty otherwise.
    pub steps: Vec<String>,
}

/// Adds a public key to a JWKS: `existing` is the JWKS published now (`None` or blank for a new
/// set); `addition` is the key to add, as a public key PEM (SPKI or PKCS#1) or as JSON (a JWKS,
/// e.g. the `KID.json` of a new key); `kid` names the added key (for a PEM; for JSON it renames
/// the one key). Without a kid, a PEM key gets its thumbprint and a JWK keeps its own.
///
/// # Errors
/// [`Error::PrivateMembers`] when either side carries private-key members (the set is refused,
/// and the key must be treated as exposed), [`Error::PrivateKeyGiven`] when `addition` is a
/// private key, [`Error::KidDuplicate`], [`Error::KeyDuplicate`], [`Error::KidInvalid`],
/// [`Error::KeySize`] for a key under 2048 bits, and the reading errors of
/// [`Jwks::from_json`] and [`pem::read_public_key`]. `existing` given as a PEM is refused
/// with [`Error::JwksInvalid`] saying how to turn it into a JWKS first.
pub fn append(existing: Option<&str>, addition: &str, kid: Option<&str>) -> Result<Appended> {
    let mut jwks = existing_jwks(existing)?;
    jwks.ensure_public()?;
    let existing_kids: Vec<String> = jwks.kids().into_iter().map(str::to_owned).collect();

    let mut diagnostics = Vec::new();
    let new_keys = if addition.trim_start().starts_with('{') {
        keys_from_jwks(addition, kid)?
    } else {
        let (jwk, kid_note) = key_from_pem(addition, kid)?;
        diagnostics.extend(kid_note);
        vec![jwk]
    };

    let mut added = Vec::new();
    for jwk in new_keys {
        jwk.to_public_key()?;
        let bits = jwk.bits();
        if bits < OFFERED_BITS[0] {
            return Err(Error::KeySize { bits });
        }
        diagnostics.extend(size_warning(bits));
        diagnostics.extend(alg_warning(&jwk));
        diagnostics.extend(jwk::kid_diagnostics(jwk.kid().unwrap_or_default()));
        added.push(jwk.kid().unwrap_or_default().to_owned());
        jwks.push(jwk)?;
    }
    for jwk in jwks
        .keys()
        .iter()
        .filter(|k| existing_kids.iter().any(|e| Some(e.as_str()) == k.kid()))
    {
        diagnostics.extend(alg_warning(jwk));
    }
    let steps = match added.as_slice() {
        [new] if !existing_kids.is_empty() => rotation_steps(&existing_kids, new),
        _ => Vec::new(),
    };
    Ok(Appended {
        jwks,
        added,
        existing: existing_kids,
        diagnostics,
        steps,
    })
}

/// The JWKS published now: none or blank for a new set; a PEM is refused.
fn existing_jwks(existing: Option<&str>) -> Result<Jwks> {
    Ok(match existing.map(str::trim) {
        None | Some("") => Jwks::new(),
        Some(text) if text.starts_with("-----BEGIN") => {
            return Err(Error::JwksInvalid {
                reason: "this is a PEM key; make the JWKS of the key you publish now first \
                     (add its public key with its kid to an empty set), then add the new key"
                    .to_owned(),
            });
        }
        Some(text) => Jwks::from_json(text)?,
    })
}

/// The keys of a JWKS to add; `kid` renames its one key, and a key without a kid gets its
/// thumbprint.
fn keys_from_jwks(addition: &str, kid: Option<&str>) -> Result<Vec<Jwk>> {
    let set = Jwks::from_json(addition)?;
    set.ensure_public()?;
    let mut keys = set.keys().to_vec();
    match (kid, keys.as_mut_slice()) {
        (_, []) => {
            return Err(Error::JwksInvalid {
                reason: "the JWKS to add holds no key".to_owned(),
            });
        }
        (Some(kid), [one]) => {
            jwk::validate_kid(kid)?;
            *one = one
                .to_public_key()
                .and_then(|k| Jwk::from_public_key(&k, Some(kid)))?;
        }
        (Some(_), many) => {
            return Err(Error::Invalid {
                what: "kid",
                reason: format!(
                    "the JWKS to add holds {} keys; a kid can rename one key only: leave the \
                     kid out to keep theirs",
                    many.len()
                ),
            });
        }
        (None, keys) => {
            for one in keys.iter_mut().filter(|k| k.kid().is_none()) {
                *one = one
                    .to_public_key()
                    .and_then(|k| Jwk::from_public_key(&k, None))?;
            }
        }
    }
    Ok(keys)
}

/// The key of a public key PEM, named `kid` or else its thumbprint (with a warning saying so).
fn key_from_pem(addition: &str, kid: Option<&str>) -> Result<(Jwk, Option<Diagnostic>)> {
    let key = pem::read_public_key(addition)?;
    let jwk = Jwk::from_public_key(&key, kid)?;
    let kid_note = kid.is_none().then(|| {
        Diagnostic::coded(
            codes::KID_FROM_THUMBPRINT,
            format!(
                "no kid was given for the public key, so it gets its RFC 7638 \
                 thumbprint \"{}\"",
                jwk.thumbprint()
            ),
        )
        .with_help(
            "the kid must match the kid your client puts in its JWT header; if this key \
             is already used under another kid (e.g. prod-1), give that kid",
        )
    });
    Ok((jwk, kid_note))
}

fn alg_warning(jwk: &Jwk) -> Option<Diagnostic> {
    let kid = jwk
        .kid()
        .map_or_else(|| "(no kid)".to_owned(), crate::error::shown_kid);
    let alg_ok = jwk.alg().is_none_or(|alg| alg == ALG);
    let use_ok = jwk.key_use().is_none_or(|u| u == "sig");
    (!alg_ok || !use_ok).then(|| {
        Diagnostic::coded(codes::ALG_OR_USE_UNEXPECTED,
            format!(
                "key \"{kid}\" has alg {} and use {}; NHS's JWKS gives alg RS512 and use sig",
                crate::error::shown_kid(jwk.alg().unwrap_or("(none)")),
                crate::error::shown_kid(jwk.key_use().unwrap_or("(none)"))
            ))
        .with_help("the token server accepts RS512 signatures only; publish keys with \"alg\": \"RS512\", \"use\": \"sig\"")
    })
}

/// The steps of a key rotation from the keys published now (`old`) to `new` (FACTS §4: the
/// token server caches the JWKS for an hour).
pub fn rotation_steps(old: &[String], new: &str) -> Vec<String> {
    let old_list = old
        .iter()
        .map(|k| format!("\"{k}\""))
        .collect::<Vec<_>>()
        .join(", ");
    vec![
        format!(
            "Publish this JWKS, holding the current key(s) {old_list} and the new key \"{new}\", \
             at your application's JWKS URL in place of the current file."
        ),
        "Wait more than an hour: the NHS token server caches your JWKS for 1 hour and may not \
         see the new key before then."
            .to_owned(),
        format!(
            "Switch your client to the new private key: sign client assertions with kid \"{new}\" \
             in the JWT header."
        ),
        format!(
            "When no client signs with the old key any more, remove {old_list} from the JWKS, \
             publish it again, and destroy the old private key."
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_checked_before_generating() {
        let cases: [(KeyOptions, &str); 5] = [
            (
                KeyOptions {
                    bits: 1024,
                    ..KeyOptions::default()
                },
                "key-size",
            ),
            (
                KeyOptions {
                    bits: 8192,
                    ..KeyOptions::default()
                },
                "key-size",
            ),
            (
                KeyOptions {
                    kid: Some(String::new()),
                    ..KeyOptions::default()
                },
                "kid-invalid",
            ),
            (
                KeyOptions {
                    passphrase: Some(Zeroizing::new(String::new())),
                    ..KeyOptions::default()
                },
                "passphrase-empty",
            ),
            (
                KeyOptions {
                    passphrase: Some(Zeroizing::new("secret".into())),
                    format: PrivateKeyFormat::Pkcs1,
                    ..KeyOptions::default()
                },
                "passphrase-pkcs1",
            ),
        ];
        for (options, code) in cases {
            assert_eq!(
                check_options(&options).map_err(|e| e.code()),
                Err(code),
                "{options:?}"
            );
        }
    }

    #[test]
    fn sizes_below_4096_warn() {
        let codes = |bits| check_bits(bits).map(|d| d.iter().map(|d| d.code).collect::<Vec<_>>());
        assert_eq!(codes(2048), Ok(vec!["ERS-K001"]));
        assert_eq!(codes(3072), Ok(vec!["ERS-K001"]));
        assert_eq!(codes(4096), Ok(vec![]));
        assert_eq!(codes(2047), Err(Error::KeySize { bits: 2047 }));
    }
}
