//! `generateKeyPair` and `appendToJwks`: RSA key pairs and JWKS (guidance 4.2) for JavaScript.
//!
//! Key generation takes seconds (4096 bits): call it from a Web Worker (`www/keygen.js` does),
//! never from the page's main thread. The private key is copied into the JavaScript string
//! returned and nowhere else; the Rust copies are zeroized before the call returns.

use ers_keys::keypair::{self, Appended, KeyOptions, KeyPair};
use ers_keys::pem::PrivateKeyFormat;
use ers_keys::primes::{Step, Window};
use ers_rules::Diagnostic;
use ers_rules::error::codes;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

use crate::diagnostic::DiagnosticJs;
use crate::{ErsError, from_js, js_error, to_js};

#[wasm_bindgen(typescript_custom_section)]
const TS: &'static str = r#"
export interface GenerateKeyPairRequest {
  /** 4096 (default; what NHS documents), 3072 or 2048 (both with warning ERS-K001). */
  bits?: 2048 | 3072 | 4096 | null;
  /** The key id: any non-empty string, as the token server takes it (unusual ones get warning
   *  ERS-K004). Default: the key's RFC 7638 thumbprint. */
  kid?: string | null;
  /** "pkcs8" (default, BEGIN PRIVATE KEY) or "pkcs1" (BEGIN RSA PRIVATE KEY, for Java). */
  format?: "pkcs8" | "pkcs1" | null;
  /** Encrypts the private key (PKCS#8 PBES2, AES-256-CBC); empty or absent: not encrypted.
   *  Not with "pkcs1". */
  passphrase?: string | null;
}
/** A warning with a stable code (ERS-K001…) and the guidance rule. */
/** A key finding (ERS-K001…): it points at no text, so `span` and `fix` are null. */
export type KeyDiagnostic = Diagnostic;
export interface GeneratedKeyPair {
  kid: string;
  /** The kid's safe file-name form, naming the files; the same as `kid` for kids like prod-1. */
  fileName: string;
  bits: number;
  /** KID.pem. */
  privateKeyPem: string;
  /** KID.pem.pub (SPKI). */
  publicKeyPem: string;
  /** KID.json: the JWKS text, two-space indented, ending with a newline. */
  jwks: string;
  /** The one key of the JWKS. */
  jwk: { kty: "RSA"; n: string; e: string; alg: "RS512"; kid: string; use: "sig" };
  /** The key's RFC 7638 thumbprint (the default kid). */
  thumbprint: string;
  format: "pkcs8" | "pkcs1";
  encrypted: boolean;
  /** The file names NHS's commands use, from `fileName`. */
  files: { privateKey: string; publicKey: string; jwks: string };
  /** The OpenSSL commands that make the same files. */
  opensslCommands: string[];
  diagnostics: KeyDiagnostic[];
}
/** The key sizes offered, largest first, as the keys core has them: the default (what NHS
 *  documents), the guidance rule, and each size with the code of its warning (null for the
 *  documented size). The page builds its size choice from this, never from a list of its own. */
export interface KeySizes {
  defaultBits: number;
  rule: string;
  sizes: { bits: number; warning: string | null }[];
}
export function keySizes(): KeySizes;
/** Checks a request without generating: returns its warnings, throws what generateKeyPair
 *  would throw for it. Instant; call it before starting a worker. */
export function checkKeyOptions(request: GenerateKeyPairRequest): KeyDiagnostic[];
/** Throws an ErsError: "key-size", "kid-invalid", "passphrase-empty", "passphrase-pkcs1",
 *  "invalid-input", "random", "crypto"; a refused option's error has `field`, the request
 *  field it is about ("bits", "kid", "passphrase"). */
export function generateKeyPair(request: GenerateKeyPairRequest): GeneratedKeyPair;
/** One step of the prime search for a key of `bits` bits (2048, 3072 or 4096): tests up to
 *  `maxTests` candidates of this instance's current window (a random start from
 *  crypto.getRandomValues, sieved by the odd primes below 2^15–2^20), starting a new window when
 *  needed. Returns the prime found (big-endian, bits / 16 bytes) or null: call again.
 *  Variable-time: run it only where no one else can time it (a Web Worker of the user's tab).
 *  Throws an ErsError "key-size" or "random". */
export function searchPrime(bits: number, maxTests: number): Uint8Array | null;
/** Builds the key pair from two primes that searchPrime returned (in any workers): both are
 *  checked again, then rsa builds and validates the key. The copies of the primes are wiped.
 *  Throws what generateKeyPair throws for the request, or "invalid" when a prime is refused
 *  (search for another). */
export function keyPairFromPrimes(p: Uint8Array, q: Uint8Array, request: GenerateKeyPairRequest): GeneratedKeyPair;
export interface AppendedJwks {
  /** The JWKS text with the key(s) added, two-space indented, ending with a newline. */
  jwks: string;
  added: string[];
  existing: string[];
  /** The rotation steps (publish both, wait over an hour, switch kid, remove the old key);
   *  empty when the set was new. */
  steps: string[];
  diagnostics: KeyDiagnostic[];
}
/** Adds a public key (PEM, or a JWKS such as a new KID.json) to `jwks` (the JWKS published now;
 *  null or "" for a new set). Throws an ErsError: "kid-duplicate", "key-duplicate",
 *  "jwks-private-members", "private-key-given", "json-malformed", "jwks-invalid", "jwk-invalid",
 *  "pem-missing", "pem-malformed", "pem-label", "key-not-rsa", "kid-invalid", "key-size"… */
export function appendToJwks(jwks: string | null | undefined, publicKey: string, kid?: string | null): AppendedJwks;
/** A JWKS finding (ERS-K010…ERS-K025): `key` is the key's position in "keys" (0-based), null
 *  for the file as a whole; span and fix are null. */
export interface JwksDiagnostic extends Diagnostic { key: number | null }
export interface JwksReport {
  /** True when no finding is an error: the token server can use the JWKS. */
  valid: boolean;
  diagnostics: JwksDiagnostic[];
  keys: { kid: string | null; kty: string | null; alg: string | null; use: string | null;
          bits: number | null }[];
  /** Notes that are no finding (a missing alg is fine; NHS can host the JWKS). */
  notes: string[];
}
/** What the token server will make of a JWKS text, before it is published. Never throws: a
 *  file that is no JWKS (a bare JWK, an array, a PEM) is a finding. Nothing is fetched. */
export function checkJwks(jwks: string): JwksReport;
"#;

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct RequestJs {
    bits: Option<usize>,
    kid: Option<String>,
    format: Option<String>,
    passphrase: Option<String>,
}

impl RequestJs {
    /// The core's options; the passphrase moves into a zeroizing buffer.
    fn into_options(mut self) -> Result<KeyOptions, JsValue> {
        let format = match self.format.as_deref() {
            None | Some("pkcs8") => PrivateKeyFormat::Pkcs8,
            Some("pkcs1") => PrivateKeyFormat::Pkcs1,
            Some(other) => {
                return Err(js_error(
                    codes::INVALID_INPUT.code,
                    format!("format: \"{other}\" is not a key format; use \"pkcs8\" or \"pkcs1\""),
                ));
            }
        };
        Ok(KeyOptions {
            bits: self.bits.unwrap_or(keypair::DEFAULT_BITS),
            kid: self.kid.take().filter(|kid| !kid.is_empty()),
            format,
            passphrase: self
                .passphrase
                .take()
                .map(Zeroizing::new)
                .filter(|p| !p.is_empty()),
        })
    }
}

fn diagnostics(list: &[Diagnostic]) -> Vec<DiagnosticJs> {
    list.iter()
        .map(|d| DiagnosticJs::new(d.clone(), None))
        .collect()
}

/// Everything but the private key, which is set on the object separately so that it never
/// passes through an intermediate, unzeroized Rust `String`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct KeyPairJs<'a> {
    kid: &'a str,
    file_name: &'a str,
    bits: usize,
    public_key_pem: &'a str,
    jwks: String,
    jwk: serde_json::Value,
    thumbprint: String,
    format: &'static str,
    encrypted: bool,
    files: FilesJs,
    openssl_commands: Vec<String>,
    diagnostics: Vec<DiagnosticJs>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FilesJs {
    private_key: String,
    public_key: String,
    jwks: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct AppendedJs<'a> {
    jwks: String,
    added: &'a [String],
    existing: &'a [String],
    steps: &'a [String],
    diagnostics: Vec<DiagnosticJs>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct KeySizesJs {
    default_bits: usize,
    rule: &'static str,
    sizes: Vec<KeySizeJs>,
}

#[derive(Serialize)]
struct KeySizeJs {
    bits: usize,
    warning: Option<&'static str>,
}

/// `keySizes()`: the sizes the core offers (largest first), its default and rule, and each
/// size's warning code as the core's `check_bits` gives it.
///
/// # Errors
/// Only if the conversion to JavaScript fails (it does not in practice).
#[wasm_bindgen(js_name = keySizes, skip_typescript)]
pub fn key_sizes() -> Result<JsValue, JsValue> {
    let sizes = keypair::OFFERED_BITS
        .iter()
        .rev()
        .map(|&bits| {
            let warnings = keypair::check_bits(bits).map_err(ErsError::from)?;
            Ok(KeySizeJs {
                bits,
                warning: warnings.first().map(|d| d.code),
            })
        })
        .collect::<Result<Vec<_>, JsValue>>()?;
    to_js(&KeySizesJs {
        default_bits: keypair::DEFAULT_BITS,
        rule: keypair::RULE,
        sizes,
    })
}

/// `checkKeyOptions(request)`: the warnings of a request, or the error generating would throw.
///
/// # Errors
/// As [`generate_key_pair`], except the random source and library errors.
#[wasm_bindgen(js_name = checkKeyOptions, skip_typescript)]
pub fn check_key_options(request: JsValue) -> Result<JsValue, JsValue> {
    let options = read_request(request)?;
    let warnings = keypair::check_options(&options).map_err(request_error)?;
    to_js(&diagnostics(&warnings))
}

/// `generateKeyPair(request)`: a new RSA key pair, its JWKS and the equivalent OpenSSL commands.
///
/// # Errors
/// An `ErsError` with the core's code for bad options, `invalid-input` for a request that is
/// not an object of the documented fields.
#[wasm_bindgen(js_name = generateKeyPair, skip_typescript)]
pub fn generate_key_pair(request: JsValue) -> Result<JsValue, JsValue> {
    let options = read_request(request)?;
    let pair = keypair::generate(&options).map_err(request_error)?;
    key_pair_to_js(&pair)
}

thread_local! {
    /// This instance's current window of the prime search (one per Web Worker).
    static WINDOW: RefCell<Option<Window>> = const { RefCell::new(None) };
}

/// `searchPrime(bits, maxTests)`: one step of the prime search (see the TypeScript declaration).
///
/// # Errors
/// `key-size` for a size not offered, `random` if the browser gives no random numbers.
#[wasm_bindgen(js_name = searchPrime, skip_typescript)]
pub fn search_prime(bits: usize, max_tests: u32) -> Result<JsValue, JsValue> {
    keypair::check_bits(bits).map_err(ErsError::from)?;
    let prime_bits = u32::try_from(bits / 2).unwrap_or(0);
    WINDOW.with(|cell| {
        let mut slot = cell.borrow_mut();
        loop {
            let window = match slot.as_mut() {
                Some(w) if w.bits() == prime_bits => w,
                _ => {
                    let mut random = Zeroizing::new(vec![0u8; (prime_bits / 8) as usize]);
                    getrandom::fill(&mut random).map_err(|e| {
                        ErsError::from(ers_keys::Error::Random {
                            reason: e.to_string(),
                        })
                    })?;
                    let window = Window::new(prime_bits, &random)
                        .ok_or_else(|| ErsError::from(ers_keys::Error::KeySize { bits }))?;
                    slot.insert(window)
                }
            };
            match window.step(max_tests.max(1) as usize) {
                Step::Continue => return Ok(JsValue::NULL),
                Step::Exhausted => *slot = None,
                Step::Found(prime) => {
                    *slot = None;
                    return Ok(js_sys::Uint8Array::from(prime.as_slice()).into());
                }
            }
        }
    })
}

/// `keyPairFromPrimes(p, q, request)`: the key pair from two primes found by `searchPrime`.
///
/// # Errors
/// As [`generate_key_pair`], and `invalid` when a prime is refused.
#[wasm_bindgen(js_name = keyPairFromPrimes, skip_typescript)]
pub fn key_pair_from_primes(p: Vec<u8>, q: Vec<u8>, request: JsValue) -> Result<JsValue, JsValue> {
    let (p, q) = (Zeroizing::new(p), Zeroizing::new(q));
    let options = read_request(request)?;
    let pair = keypair::generate_from_found_primes(&p, &q, &options).map_err(ErsError::from)?;
    key_pair_to_js(&pair)
}

/// A refused request's error, with `field`: the request field (`bits`, `kid`, `passphrase`) it
/// is about, so the page marks that field without a map of codes of its own.
fn request_error(error: ers_keys::Error) -> JsValue {
    use ers_keys::Error;
    let field = match &error {
        Error::KeySize { .. } => Some("bits"),
        Error::KidInvalid { .. } => Some("kid"),
        Error::PassphraseEmpty | Error::PassphraseWithPkcs1 => Some("passphrase"),
        _ => None,
    };
    let thrown = ErsError::from(error);
    match field {
        Some(field) => thrown.with_field(field).into(),
        None => thrown.into(),
    }
}

fn read_request(request: JsValue) -> Result<KeyOptions, JsValue> {
    let request: RequestJs = if request.is_undefined() || request.is_null() {
        RequestJs::default()
    } else {
        from_js(request, "generateKeyPair request")?
    };
    request.into_options()
}

fn key_pair_to_js(pair: &KeyPair) -> Result<JsValue, JsValue> {
    let jwks = pair.jwks.to_json().map_err(ErsError::from)?;
    let jwk = pair.jwk.to_json().map_err(ErsError::from)?;
    let jwk: serde_json::Value = serde_json::from_str(&jwk).map_err(|e| {
        js_error(
            codes::INTERNAL.code,
            format!("could not convert the JWK: {e}"),
        )
    })?;
    let kid = pair.kid.as_str();
    let file = pair.file_name.as_str();
    let out = to_js(&KeyPairJs {
        kid,
        file_name: file,
        bits: pair.bits,
        public_key_pem: &pair.public_key_pem,
        jwks: format!("{jwks}\n"),
        jwk,
        thumbprint: pair.jwk.thumbprint(),
        format: match pair.format {
            PrivateKeyFormat::Pkcs8 => "pkcs8",
            PrivateKeyFormat::Pkcs1 => "pkcs1",
        },
        encrypted: pair.encrypted,
        files: FilesJs {
            private_key: format!("{file}.pem"),
            public_key: format!("{file}.pem.pub"),
            jwks: format!("{file}.json"),
        },
        openssl_commands: keypair::openssl_commands(kid, pair.bits, pair.format, pair.encrypted),
        diagnostics: diagnostics(&pair.diagnostics),
    })?;
    js_sys::Reflect::set(
        &out,
        &JsValue::from_str("privateKeyPem"),
        &JsValue::from_str(&pair.private_key_pem),
    )
    .map_err(|_| {
        js_error(
            codes::INTERNAL.code,
            "could not set privateKeyPem on the result",
        )
    })?;
    Ok(out)
}

/// `appendToJwks(jwks, publicKey, kid)`: the JWKS with a public key added, for a rotation.
///
/// # Errors
/// An `ErsError` with the core's code (see the TypeScript declaration).
#[wasm_bindgen(js_name = appendToJwks, skip_typescript)]
pub fn append_to_jwks(
    jwks: Option<String>,
    public_key: String,
    kid: Option<String>,
) -> Result<JsValue, JsValue> {
    // The text may be a private key pasted by mistake: our copy is wiped however this ends.
    let public_key = Zeroizing::new(public_key);
    let jwks = jwks.map(Zeroizing::new);
    let kid = kid.filter(|k| !k.is_empty());
    let appended: Appended = keypair::append(
        jwks.as_deref().map(String::as_str),
        &public_key,
        kid.as_deref(),
    )
    .map_err(ErsError::from)?;
    let text = appended.jwks.to_json().map_err(ErsError::from)?;
    to_js(&AppendedJs {
        jwks: format!("{text}\n"),
        added: &appended.added,
        existing: &appended.existing,
        steps: &appended.steps,
        diagnostics: diagnostics(&appended.diagnostics),
    })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JwksReportJs<'a> {
    valid: bool,
    diagnostics: Vec<DiagnosticJs>,
    keys: &'a [ers_keys::jwks_check::KeySummary],
    notes: &'a [String],
}

/// `checkJwks(text)`: what the token server will make of a JWKS.
///
/// # Errors
/// Only if the result cannot be converted (it can).
#[wasm_bindgen(js_name = checkJwks, skip_typescript)]
pub fn check_jwks(jwks: String) -> Result<JsValue, JsValue> {
    // The text may hold private members pasted by mistake: our copy is wiped when done.
    let jwks = Zeroizing::new(jwks);
    let report = ers_keys::jwks_check::check_jwks(&jwks);
    to_js(&JwksReportJs {
        valid: report.is_valid(),
        diagnostics: report
            .findings
            .iter()
            .map(|f| DiagnosticJs::new(f.clone(), None))
            .collect(),
        keys: &report.keys,
        notes: &report.notes,
    })
}
