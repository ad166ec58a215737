//! The private-key sniff (`pem::looks_like_private_key`, and the core's `secret::secret_in` that
//! refuses keys in plan, project and details fields) on 1 MB of text, beside a linear peer in the
//! same run: one `str::contains` search of the same text (a single pass, the least a sniff can
//! do). Three texts: a plain 1 MB JWKS-like text, one line dense with `-----BEGIN ` markers (the
//! input that made the sniff quadratic: 5.9 s at 1 MB), and the same markers one per line.
//!
//! `cargo bench -p ers-keys --bench sniff` (or `cargo xtask bench sniff`). Prints figures;
//! asserts nothing.

use std::hint::black_box;
use std::time::Duration;

use ers_test_support::median_time as median;

use ers_keys::pem::looks_like_private_key;
use ers_rules::secret::secret_in;

const MB: usize = 1024 * 1024;

fn sized(unit: &str) -> String {
    let mut text = unit.repeat(MB / unit.len() + 1);
    text.truncate(MB);
    text
}

fn main() {
    let texts = [
        (
            "plain JWKS text",
            sized(
                r#"{"kty":"RSA","n":"sXchDaQebHnPiGvyDOAT4saGEUetSyo9MKLOoWFsueri23bOdgWp4Dy1Wl","e":"AQAB"},"#,
            ),
        ),
        ("markers on one line", sized("-----BEGIN ")),
        ("markers one per line", sized("-----BEGIN \n")),
    ];
    println!("private-key sniff on 1 MB (median of 21), beside the peer (one str::contains pass):");
    for (what, text) in &texts {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let pem = median(
            || {
                black_box(looks_like_private_key(black_box(text)));
            },
            21,
        );
        let core = median(
            || {
                black_box(secret_in(black_box(text)));
            },
            21,
        );
        let peer = median(
            || {
                black_box(black_box(text).contains("PRIVATE KEY"));
            },
            21,
        );
        println!(
            "  {what:<22} looks_like_private_key {:7.3} ms ({:.1}× peer), secret_in {:7.3} ms ({:.1}× peer); peer {:7.3} ms",
            ms(pem),
            ms(pem) / ms(peer),
            ms(core),
            ms(core) / ms(peer),
            ms(peer)
        );
    }
}
