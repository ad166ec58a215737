//! OpenSSL as the outside judge of the library: the OpenSSL commands we show users really make
//! the files we say they make, our reader reads what OpenSSL writes in each form, and the `n`
//! OpenSSL's pipeline prints is the `n` of our JWK.

use std::path::Path;
use std::process::Command;

use ers_keys::jwk::Jwk;
use ers_keys::keypair::openssl_commands;
use ers_keys::pem::{self, PrivateKeyFormat};

fn sh(dir: &Path, script: &str) -> String {
    let out = match Command::new("sh")
        .arg("-c")
        .arg(script)
        .current_dir(dir)
        .output()
    {
        Ok(o) => o,
        Err(e) => panic!("could not run sh: {e}"),
    };
    assert!(
        out.status.success(),
        "{script}\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn read(path: &Path) -> String {
    match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) => panic!("could not read {}: {e}", path.display()),
    }
}

#[test]
fn the_openssl_commands_we_show_make_the_files_we_make() {
    let cases = [
        (
            "cmd-1",
            PrivateKeyFormat::Pkcs8,
            "-----BEGIN PRIVATE KEY-----",
        ),
        (
            "it's-1",
            PrivateKeyFormat::Pkcs1,
            "-----BEGIN RSA PRIVATE KEY-----",
        ),
    ];
    for (kid, format, first_line) in cases {
        let dir = match tempfile::tempdir() {
            Ok(d) => d,
            Err(e) => panic!("no temp dir: {e}"),
        };
        let commands = openssl_commands(kid, 2048, format, false);
        assert_eq!(commands.len(), 3);
        sh(dir.path(), &commands[0]);
        sh(dir.path(), &commands[1]);
        let n = sh(dir.path(), &commands[2]);

        // The files carry the kid's safe file-name form (`it's-1` → `it_s-1`).
        let file = ers_keys::jwk::kid_file_name(kid);
        let private_pem = read(&dir.path().join(format!("{file}.pem")));
        assert!(
            private_pem.starts_with(first_line),
            "{kid}: {private_pem:.40}"
        );
        let key = pem::read_private_key(&private_pem).expect("our reader reads OpenSSL's key");
        let public_pem = read(&dir.path().join(format!("{file}.pem.pub")));
        assert_eq!(
            pem::public_key_pem(&key.to_public_key()).as_deref(),
            Ok(public_pem.as_str()),
            "our SPKI PEM is OpenSSL's, byte for byte"
        );
        let jwk = Jwk::from_public_key(&key.to_public_key(), Some("x")).expect("jwk");
        assert_eq!(
            n.trim(),
            jwk.n(),
            "the n OpenSSL's pipeline prints is our JWK's n"
        );
        // And our writer writes the private key in the form OpenSSL did.
        assert_eq!(
            pem::private_key_pem(&key, format, None)
                .as_deref()
                .map(String::as_str),
            Ok(private_pem.as_str())
        );
    }
}

#[test]
fn encrypted_command_makes_a_key_we_open() {
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("no temp dir: {e}"),
    };
    let commands = openssl_commands("enc-1", 2048, PrivateKeyFormat::Pkcs8, true);
    // The command prompts for a passphrase; give it on the command line for the test.
    sh(
        dir.path(),
        &format!("{} -pass pass:open-sesame", commands[0]),
    );
    let private_pem = read(&dir.path().join("enc-1.pem"));
    assert!(private_pem.starts_with("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    assert_eq!(
        pem::read_private_key(&private_pem)
            .map_err(|e| e.code())
            .err(),
        Some("passphrase-required")
    );
    assert!(pem::read_private_key_with_passphrase(&private_pem, Some("open-sesame")).is_ok());
    assert_eq!(
        pem::read_private_key_with_passphrase(&private_pem, Some("wrong"))
            .map_err(|e| e.code())
            .err(),
        Some("passphrase-wrong")
    );
}
