//! `ers-golive keys new|jwks`, judged from outside: OpenSSL checks every key the CLI writes
//! (`rsa -check`, bit size, `-pubout` equal to our public PEM, modulus equal to the JWKS `n`),
//! Python `cryptography` loads them, and the files, modes and exit codes are as DESIGN.md says.

use crate::common::{arg, ers, json, judge, new_key, read, tempdir, text};

use std::path::{Path, PathBuf};
use std::process::Command;

/// The JWKS `n` as uppercase hex, as `openssl rsa -modulus` prints it.
fn n_hex(jwks: &serde_json::Value, index: usize) -> String {
    let n = jwks["keys"][index]["n"].as_str().unwrap_or_default();
    let script = "import base64,sys; s=sys.argv[1]; \
                  print(base64.urlsafe_b64decode(s + '=' * (-len(s) % 4)).hex().upper())";
    judge("python3", &["-c", script, n]).trim().to_owned()
}

/// Everything OpenSSL and Python say about one key pair written by `keys new`.
fn check_with_openssl(dir: &Path, kid: &str, bits: usize, passin: Option<&str>) {
    let private = dir.join(format!("{kid}.pem"));
    let public = dir.join(format!("{kid}.pem.pub"));
    let jwks_path = dir.join(format!("{kid}.json"));
    let private_s = private.to_string_lossy().into_owned();
    let mut base = vec!["rsa", "-in", private_s.as_str()];
    if let Some(pass) = passin {
        base.extend(["-passin", pass]);
    }

    let check = judge("openssl", &[&base[..], &["-check", "-noout"]].concat());
    assert!(check.contains("RSA key ok"), "{check}");
    let textout = judge("openssl", &[&base[..], &["-text", "-noout"]].concat());
    assert!(
        textout.contains(&format!("Private-Key: ({bits} bit, 2 primes)")),
        "{textout}"
    );
    assert!(
        textout.contains("publicExponent: 65537 (0x10001)"),
        "{textout}"
    );

    let pubout = judge("openssl", &[&base[..], &["-pubout"]].concat());
    assert_eq!(pubout, read(&public), "openssl -pubout equals KID.pem.pub");

    let modulus = judge("openssl", &[&base[..], &["-modulus", "-noout"]].concat());
    let jwks = json(&read(&jwks_path));
    assert_eq!(
        modulus.trim(),
        format!("Modulus={}", n_hex(&jwks, 0)),
        "JWKS n is the modulus"
    );
    let key = &jwks["keys"][0];
    assert_eq!(
        (
            key["kty"].as_str(),
            key["e"].as_str(),
            key["alg"].as_str(),
            key["use"].as_str()
        ),
        (Some("RSA"), Some("AQAB"), Some("RS512"), Some("sig"))
    );
    assert_eq!(key["kid"].as_str(), Some(kid));

    // Python `cryptography` loads the private key (with the passphrase if any) and agrees on
    // the public numbers and the RFC 7638 thumbprint.
    let script = r#"
import sys, json, base64, hashlib
from cryptography.hazmat.primitives import serialization
priv, pub, jwks, pw = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
k = serialization.load_pem_private_key(open(priv,'rb').read(), password=pw.encode() if pw else None)
p = serialization.load_pem_public_key(open(pub,'rb').read())
assert k.public_key().public_numbers() == p.public_numbers()
j = json.load(open(jwks))['keys'][0]
b = lambda i: base64.urlsafe_b64encode(i.to_bytes((i.bit_length()+7)//8,'big')).rstrip(b'=').decode()
assert j['n'] == b(p.public_numbers().n) and j['e'] == b(p.public_numbers().e)
t = json.dumps({'e': j['e'], 'kty': 'RSA', 'n': j['n']}, separators=(',',':'), sort_keys=True)
print(k.key_size, base64.urlsafe_b64encode(hashlib.sha256(t.encode()).digest()).rstrip(b'=').decode())
"#;
    let pw = passin.and_then(|p| p.strip_prefix("pass:")).unwrap_or("");
    let out = judge(
        "python3",
        &[
            "-c",
            script,
            &private_s,
            &public.to_string_lossy(),
            &jwks_path.to_string_lossy(),
            pw,
        ],
    );
    let mut parts = out.split_whitespace();
    assert_eq!(parts.next(), Some(bits.to_string().as_str()));
    let thumbprint = parts.next().unwrap_or_default().to_owned();
    if kid.len() == 43 && !kid.contains('.') {
        assert_eq!(kid, thumbprint, "default kid is the RFC 7638 thumbprint");
    }
}

#[test]
fn default_is_4096_bits_with_thumbprint_kid() {
    // 4096 is the point here: NHS documents it, and a 4096-bit n is 683 base64url characters.
    let dir = tempdir();
    let out = ers(&[
        "keys",
        "new",
        "--out-dir",
        &dir.path().to_string_lossy(),
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let made = json(&text(&out.stdout));
    let kid = made["kid"].as_str().unwrap_or_default().to_owned();
    assert_eq!(made["bits"], 4096);
    assert_eq!(made["diagnostics"], serde_json::json!([]));
    check_with_openssl(dir.path(), &kid, 4096, None);
    let jwks = json(&read(&dir.path().join(format!("{kid}.json"))));
    assert_eq!(jwks["keys"][0]["n"].as_str().map(str::len), Some(683));
    assert!(
        read(&dir.path().join(format!("{kid}.pem"))).starts_with("-----BEGIN PRIVATE KEY-----")
    );
}

#[test]
fn pkcs8_2048_with_kid_and_warning() {
    let dir = tempdir();
    let d = arg(dir.path());
    let out = new_key(&d, "test-1", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("warning[ERS-K001]: The key has 2048 bits; NHS documents 4096-bit keys.\n")
            && stdout.contains("   = rule: 4.2\n"),
        "{stdout}"
    );
    check_with_openssl(dir.path(), "test-1", 2048, None);

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = |name: &str| {
            std::fs::metadata(dir.path().join(name))
                .map(|m| m.permissions().mode() & 0o777)
                .ok()
        };
        assert_eq!(mode("test-1.pem"), Some(0o600));
        assert_eq!(mode("test-1.pem.pub"), Some(0o644));
    }

    // Never overwrite: the second run fails with exit 2 and leaves the files as they were.
    let before = read(&dir.path().join("test-1.pem"));
    let again = new_key(&d, "test-1", &[]);
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("exists already; nothing was written"));
    assert_eq!(read(&dir.path().join("test-1.pem")), before);
}

#[test]
fn pkcs1_opens_with_openssl_rsa() {
    let dir = tempdir();
    let d = arg(dir.path());
    let out = ers(&[
        "keys",
        "new",
        "--bits",
        "2048",
        "--kid",
        "java-1",
        "--pkcs1",
        "--out-dir",
        &d,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let pem = read(&dir.path().join("java-1.pem"));
    assert!(
        pem.starts_with("-----BEGIN RSA PRIVATE KEY-----\n"),
        "{pem}"
    );
    check_with_openssl(dir.path(), "java-1", 2048, None);
    // What `openssl pkey -traditional` makes of our key is byte for byte our file.
    let path = dir.path().join("java-1.pem");
    let traditional = judge(
        "openssl",
        &["pkey", "-in", &path.to_string_lossy(), "-traditional"],
    );
    assert_eq!(traditional, pem);
}

#[test]
fn encrypted_key_opens_with_openssl_and_the_passphrase() {
    let dir = tempdir();
    let d = arg(dir.path());
    let pass_file = dir.path().join("pass.txt");
    assert!(std::fs::write(&pass_file, "correct horse battery staple\n").is_ok());
    let out = new_key(
        &d,
        "enc-1",
        &["--passphrase-file", &pass_file.to_string_lossy()],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let path = dir.path().join("enc-1.pem");
    assert!(read(&path).starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----\n"));
    check_with_openssl(
        dir.path(),
        "enc-1",
        2048,
        Some("pass:correct horse battery staple"),
    );
    // PBES2 with PBKDF2-SHA256 and AES-256-CBC, as OpenSSL reads it.
    let asn1 = judge("openssl", &["asn1parse", "-in", &path.to_string_lossy()]);
    for part in ["PBES2", "PBKDF2", "hmacWithSHA256", "aes-256-cbc"] {
        assert!(asn1.contains(part), "{part} missing from {asn1}");
    }
    // The wrong passphrase is refused by OpenSSL too.
    let wrong = Command::new("openssl")
        .args([
            "rsa",
            "-in",
            &path.to_string_lossy(),
            "-passin",
            "pass:wrong",
            "-noout",
        ])
        .output()
        .map(|o| o.status.success());
    assert_eq!(wrong.ok(), Some(false));
}

#[test]
fn bad_options_exit_2_before_generating() {
    let dir = tempdir();
    let d = arg(dir.path());
    let empty = dir.path().join("empty.txt");
    assert!(std::fs::write(&empty, "\n").is_ok());
    let cases: [(&[&str], &str); 3] = [
        (&["--bits", "1024"], "1024-bit keys are not offered"),
        (&["--kid", ""], "the kid \"\" is not usable: it is empty"),
        (
            &["--passphrase-file", &empty.to_string_lossy()],
            "is empty (its first line is the passphrase)",
        ),
    ];
    for (extra, message) in cases {
        let mut args = vec!["keys", "new", "--out-dir", &d];
        args.extend_from_slice(extra);
        let out = ers(&args);
        assert_eq!(out.status.code(), Some(2), "{extra:?}");
        assert!(
            text(&out.stderr).contains(message),
            "{extra:?}: {}",
            text(&out.stderr)
        );
    }
    let left: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    assert_eq!(left, vec![empty], "no key file was written");
}

#[test]
fn jwks_add_rotates_and_refuses_duplicates() {
    let dir = tempdir();
    let d = arg(dir.path());
    for kid in ["prod-1", "prod-2"] {
        let out = new_key(&d, kid, &[]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    }
    let set = dir.path().join("prod-1.json");
    let set_s = set.to_string_lossy().into_owned();
    let new_pub = arg(&dir.path().join("prod-2.pem.pub"));

    let out = ers(&[
        "keys", "jwks", "--add", &new_pub, "--kid", "prod-2", "--to", &set_s, "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let result = json(&text(&out.stdout));
    assert_eq!(result["added"], serde_json::json!(["prod-2"]));
    assert_eq!(result["existing"], serde_json::json!(["prod-1"]));
    assert_eq!(result["steps"].as_array().map(Vec::len), Some(4));
    let jwks = json(&read(&set));
    assert_eq!(jwks, result["jwks"]);
    // OpenSSL: the second key's modulus is prod-2's.
    let modulus = judge(
        "openssl",
        &["rsa", "-pubin", "-in", &new_pub, "-modulus", "-noout"],
    );
    assert_eq!(modulus.trim(), format!("Modulus={}", n_hex(&jwks, 1)));

    // Again: the duplicate kid is refused, exit 2, and the file is untouched.
    let before = read(&set);
    let again = ers(&[
        "keys", "jwks", "--add", &new_pub, "--kid", "prod-2", "--to", &set_s,
    ]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        text(&again.stderr).contains(
            "the JWKS already has a key with kid \"prod-2\"; choose another kid (e.g. prod-3)"
        ),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(read(&set), before);
}

#[test]
fn jwks_add_refuses_private_keys_and_private_members() {
    let dir = tempdir();
    let d = arg(dir.path());
    let out = new_key(&d, "k-1", &[]);
    assert_eq!(out.status.code(), Some(0));
    let private = arg(&dir.path().join("k-1.pem"));
    let leaky = dir.path().join("leaky.json");
    assert!(
        std::fs::write(
            &leaky,
            r#"{"keys":[{"kty":"RSA","n":"AQAB","e":"AQAB","kid":"old","d":"AQAB"}]}"#
        )
        .is_ok()
    );
    let public = arg(&dir.path().join("k-1.pem.pub"));
    let leaky = leaky.to_string_lossy().into_owned();
    let cases: [(Vec<&str>, &str); 3] = [
        (
            vec!["--add", &private, "--kid", "x"],
            "this is a private key, not a public key",
        ),
        (
            vec!["--add", &public, "--kid", "k-2", "--to", &leaky],
            "the JWKS holds private-key members (d) in key(s) old",
        ),
        (
            vec!["--add", "/nonexistent/k.pem.pub"],
            "could not read the key file /nonexistent/k.pem.pub",
        ),
    ];
    for (extra, message) in cases {
        let mut args = vec!["keys", "jwks"];
        args.extend(extra.iter().copied());
        let out = ers(&args);
        assert_eq!(out.status.code(), Some(2), "{extra:?}");
        let stderr = text(&out.stderr);
        assert!(stderr.contains(message), "{extra:?}: {stderr}");
        let key_body = read(Path::new(&private));
        for line in key_body.lines().filter(|l| !l.starts_with("-----")) {
            assert!(!stderr.contains(line), "the private key was echoed");
        }
    }
}

#[test]
fn jwks_without_to_prints_the_set() {
    let dir = tempdir();
    let d = arg(dir.path());
    let out = new_key(&d, "a-1", &[]);
    assert_eq!(out.status.code(), Some(0));
    let public = arg(&dir.path().join("a-1.pem.pub"));
    let out = ers(&["keys", "jwks", "--add", &public, "--kid", "a-1"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), read(&dir.path().join("a-1.json")));
}

/// A kid as NHS hosts them in PROD (a space, a colon) is taken exactly; the files get its safe
/// form; OpenSSL and Python judge the key; the JWKS holds the kid byte for byte.
#[test]
fn keys_new_takes_an_unusual_kid_and_names_the_files_safely() {
    let dir = tempdir();
    let d = arg(dir.path());
    let out = ers(&[
        "keys",
        "new",
        "--kid",
        "Prod one:2",
        "--bits",
        "2048",
        "--out-dir",
        &d,
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v = json(&text(&out.stdout));
    assert_eq!(v["kid"], "Prod one:2");
    assert_eq!(v["file_name"], "Prod_one_2");
    let codes: Vec<&str> = v["diagnostics"]
        .as_array()
        .map(|a| a.iter().filter_map(|d| d["code"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(codes, ["ERS-K001", "ERS-K004"]);
    let private = dir.path().join("Prod_one_2.pem");
    let check = judge(
        "openssl",
        &["rsa", "-in", &private.to_string_lossy(), "-check", "-noout"],
    );
    assert!(check.contains("RSA key ok"), "{check}");
    let jwks = json(&read(&dir.path().join("Prod_one_2.json")));
    assert_eq!(jwks["keys"][0]["kid"], "Prod one:2");
    let pubout = judge(
        "openssl",
        &["rsa", "-in", &private.to_string_lossy(), "-pubout"],
    );
    assert_eq!(pubout, read(&dir.path().join("Prod_one_2.pem.pub")));
    // The text output names the safe form.
    let dir2 = tempdir();
    let d2 = arg(dir2.path());
    let out = ers(&[
        "keys",
        "new",
        "--kid",
        "lightbeam hie",
        "--bits",
        "2048",
        "--out-dir",
        &d2,
    ]);
    assert_eq!(out.status.code(), Some(0));
    let said = text(&out.stdout);
    assert!(
        said.contains("the files are named \"lightbeam_hie\", the kid's safe file-name form"),
        "{said}"
    );
    assert!(
        said.contains("warning[ERS-K004]: The kid \"lightbeam hie\" is unusual"),
        "{said}"
    );
}

// ------------------------------------------------------------------------------ keys check

/// base64url of `reps` × 3 bytes 0xC0: a modulus of `reps * 24` bits (its top bit set).
fn n_of(reps: usize) -> String {
    "wMDA".repeat(reps)
}

fn key(members: &str) -> String {
    format!(
        r#"{{"kty":"RSA","n":"{}","e":"AQAB",{members}}}"#,
        n_of(171)
    )
}

/// Runs `keys check` on `content` (written to a file) and returns the exit status, the codes
/// of the JSON diagnostics and the JSON.
fn keys_check(content: &[u8]) -> (Option<i32>, Vec<String>, serde_json::Value) {
    let dir = tempdir();
    let path = dir.path().join("jwks.json");
    assert!(std::fs::write(&path, content).is_ok());
    let out = ers(&["keys", "check", &path.to_string_lossy(), "--json"]);
    let v = json(&text(&out.stdout));
    let codes = v["diagnostics"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|d| d["code"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    (out.status.code(), codes, v)
}

#[test]
fn keys_check_finds_each_broken_kind_of_jwks() {
    let real = read(&PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../ers-keys/tests/examples/jwt/throwaway-test-key-2048.jwks.json"
    )));
    let real_key = json(&real)["keys"][0].to_string();
    let spki = read(&PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../ers-keys/tests/examples/jwt/throwaway-test-key-2048.pem.pub"
    )));
    let nhs_style = format!(
        r#"{{"keys":[{{"kty":"RSA","n":"{}","e":"AQAB","kid":"prod-1","use":"sig"}}]}}"#,
        n_of(171)
    );
    let standard_b64 = format!(
        r#"{{"keys":[{{"kty":"RSA","n":"{}+/","e":"AQAB","kid":"a"}}]}}"#,
        n_of(171)
    );
    let cases: Vec<(&str, String, i32, &[&str])> = vec![
        (
            "a real 2048-bit JWKS: usable, with the size warning",
            real.clone(),
            0,
            &["ERS-K020"],
        ),
        ("as NHS hosts it, no alg: usable", nhs_style, 0, &[]),
        ("a bare JWK", real_key.clone(), 1, &["ERS-K011", "ERS-K020"]),
        (
            "an array",
            format!("[{real_key}]"),
            1,
            &["ERS-K012", "ERS-K020"],
        ),
        ("a public key PEM", spki, 1, &["ERS-K010"]),
        (
            "a private key PEM",
            "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n".to_owned(),
            1,
            &["ERS-K010"],
        ),
        ("not JSON", "{keys: ".to_owned(), 1, &["ERS-K013"]),
        (
            "no keys array",
            r#"{"key": []}"#.to_owned(),
            1,
            &["ERS-K013"],
        ),
        ("no keys", r#"{"keys": []}"#.to_owned(), 1, &["ERS-K014"]),
        (
            "private members published",
            format!(
                r#"{{"keys":[{}]}}"#,
                key(r#""kid":"a","d":"c2VjcmV0","p":"AQ""#)
            ),
            1,
            &["ERS-K015"],
        ),
        (
            "an EC key",
            r#"{"keys":[{"kty":"EC","crv":"P-256","x":"AQ","y":"AQ","kid":"ec-1"}]}"#.to_owned(),
            1,
            &["ERS-K016"],
        ),
        (
            "alg RS256",
            format!(r#"{{"keys":[{}]}}"#, key(r#""kid":"a","alg":"RS256""#)),
            1,
            &["ERS-K017"],
        ),
        (
            "use enc",
            format!(r#"{{"keys":[{}]}}"#, key(r#""kid":"a","use":"enc""#)),
            1,
            &["ERS-K018"],
        ),
        (
            "duplicate kids",
            format!(
                r#"{{"keys":[{},{}]}}"#,
                key(r#""kid":"prod-1""#),
                key(r#""kid":"prod-1""#)
            ),
            1,
            &["ERS-K019"],
        ),
        (
            "2064 bits: a warning",
            format!(
                r#"{{"keys":[{{"kty":"RSA","n":"{}","e":"AQAB","kid":"a"}}]}}"#,
                n_of(86)
            ),
            0,
            &["ERS-K020"],
        ),
        (
            "1032 bits: an error",
            format!(
                r#"{{"keys":[{{"kty":"RSA","n":"{}","e":"AQAB","kid":"a"}}]}}"#,
                n_of(43)
            ),
            1,
            &["ERS-K021"],
        ),
        ("n in standard base64", standard_b64, 1, &["ERS-K022"]),
        (
            "n padded",
            format!(
                r#"{{"keys":[{{"kty":"RSA","n":"{}wA==","e":"AQAB","kid":"a"}}]}}"#,
                n_of(171)
            ),
            1,
            &["ERS-K022"],
        ),
        (
            "e padded",
            format!(
                r#"{{"keys":[{{"kty":"RSA","n":"{}","e":"AQAB==","kid":"a"}}]}}"#,
                n_of(171)
            ),
            1,
            &["ERS-K022"],
        ),
        (
            "n with a leading zero byte: a warning",
            format!(
                r#"{{"keys":[{{"kty":"RSA","n":"AMDA{}","e":"AQAB","kid":"a"}}]}}"#,
                n_of(171)
            ),
            0,
            &["ERS-K022"],
        ),
        (
            "e = 3",
            format!(
                r#"{{"keys":[{{"kty":"RSA","n":"{}","e":"Aw","kid":"a"}}]}}"#,
                n_of(171)
            ),
            0,
            &["ERS-K023"],
        ),
        (
            "no kid",
            format!(r#"{{"keys":[{}]}}"#, key(r#""use":"sig""#)),
            1,
            &["ERS-K024"],
        ),
        (
            "a kid as NHS hosts in PROD",
            format!(r#"{{"keys":[{}]}}"#, key(r#""kid":"Prod one""#)),
            0,
            &["ERS-K025"],
        ),
    ];
    for (what, content, status, codes) in cases {
        let (got_status, got_codes, v) = keys_check(content.as_bytes());
        assert_eq!(got_status, Some(status), "{what}: {v}");
        assert_eq!(got_codes, codes.to_vec(), "{what}: {v}");
        assert_eq!(v["valid"], status == 0, "{what}");
        // The private values are never echoed.
        assert!(!v.to_string().contains("c2VjcmV0"), "{what}");
    }
}

#[test]
fn keys_check_says_a_missing_alg_is_fine_and_where_nhs_hosts_jwks() {
    let content = format!(
        r#"{{"keys":[{{"kty":"RSA","n":"{}","e":"AQAB","kid":"prod-1"}}]}}"#,
        n_of(171)
    );
    let (status, codes, v) = keys_check(content.as_bytes());
    assert_eq!((status, codes.len()), (Some(0), 0));
    let notes = v["notes"].to_string();
    assert!(
        notes.contains("key 1 has no \\\"alg\\\": that is fine"),
        "{notes}"
    );
    assert!(
        notes.contains("the token server does not check key size"),
        "{notes}"
    );
    assert!(
        notes
            .contains("https://nhsdigital.github.io/identity-service-jwks/jwks/{env}/{AppID}.json"),
        "{notes}"
    );
    assert_eq!(v["keys"][0]["bits"], 4104);
    // The text output, for people.
    let dir = tempdir();
    let path = dir.path().join("jwks.json");
    assert!(std::fs::write(&path, &content).is_ok());
    let out = ers(&["keys", "check", &path.to_string_lossy()]);
    let said = text(&out.stdout);
    assert!(
        said.ends_with("ok: the token server can use this JWKS: 1 key, kid \"prod-1\"\n"),
        "{said}"
    );
    let bad = dir.path().join("bad.json");
    assert!(std::fs::write(&bad, r#"{"keys":[]}"#).is_ok());
    let out = ers(&["keys", "check", &bad.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).starts_with("error[ERS-K014]: The JWKS holds no key.\n"));
}

#[test]
fn keys_check_exits_2_when_the_file_cannot_be_read() {
    let dir = tempdir();
    let missing = dir.path().join("missing.json");
    let out = ers(&["keys", "check", &missing.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("could not read"),
        "{}",
        text(&out.stderr)
    );

    let binary = dir.path().join("binary.json");
    assert!(std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x81]).is_ok());
    let out = ers(&["keys", "check", &binary.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("is not UTF-8 text"),
        "{}",
        text(&out.stderr)
    );

    let big = dir.path().join("big.json");
    assert!(std::fs::write(&big, vec![b' '; 1024 * 1024 + 1]).is_ok());
    let out = ers(&["keys", "check", &big.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("A JWKS is limited to 1 MB"),
        "{}",
        text(&out.stderr)
    );
}

/// A kid of 10,000 characters in a usable JWKS is cut short in `keys check`'s verdict.
#[test]
fn keys_check_cuts_a_long_kid_short() {
    let kid = "k".repeat(10_000);
    let jwks = format!(
        r#"{{"keys":[{{"kty":"RSA","n":"{}","e":"AQAB","kid":"{kid}","use":"sig"}}]}}"#,
        n_of(171)
    );
    let dir = tempdir();
    let path = dir.path().join("jwks.json");
    assert!(std::fs::write(&path, jwks).is_ok());
    let out = ers(&["keys", "check", &path.to_string_lossy()]);
    let shown = text(&out.stdout);
    assert!(
        shown.contains("ok: the token server can use this JWKS"),
        "{shown}"
    );
    assert!(shown.contains("… (10000 characters)"), "{shown}");
    assert!(!shown.contains(&"k".repeat(65)), "the kid is shown in full");
}
