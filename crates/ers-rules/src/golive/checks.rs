//! The value checks of the pack: kids (the key rules' limits) and JWKS URLs (the token server
//! must fetch them over the internet, FACTS §5).

use std::net::{Ipv4Addr, Ipv6Addr};

use crate::Diagnostic;

use super::codes;

/// Kids longer than this many characters are unusual (a warning, never a refusal): NHS's own
/// examples are short (`test-1`, `prod-1`), but NHS-hosted PROD JWKS hold kids of 100+
/// characters and the token server takes them (FACTS §4).
pub const KID_USUAL_MAX_CHARS: usize = 64;

/// The longest file-name form of a kid ([`kid_file_name`]), in characters: `KID.pem.pub` stays
/// well inside every file system's 255-byte limit.
pub const KID_FILE_NAME_MAX_CHARS: usize = 100;

/// Why a kid cannot be used at all. The token server takes any non-empty string a JWKS holds as
/// a kid (FACTS §4), so the only kid refused is the empty one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KidProblem {
    /// It is empty: the token server answers "Missing 'kid' header in client_assertion JWT".
    Empty,
}

/// Something unusual about a kid: the token server takes it, but it is easy to get wrong when
/// copied (a warning with its reason, never a refusal).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KidNote {
    /// It is longer than [`KID_USUAL_MAX_CHARS`] characters.
    Long {
        /// Its length in characters.
        chars: usize,
    },
    /// It holds a space (NHS-hosted kids such as `Prod one` do).
    Space {
        /// Its position, in characters from 0.
        position: usize,
    },
    /// It holds a control or invisible character (a tab, a line break, a zero-width space).
    Control {
        /// The character.
        ch: char,
        /// Its position, in characters from 0.
        position: usize,
    },
    /// It holds a character outside ASCII.
    NonAscii {
        /// The character.
        ch: char,
        /// Its position, in characters from 0.
        position: usize,
    },
}

impl KidNote {
    /// Why the kid is unusual, in a sentence fragment (lowercase, no full stop).
    pub fn reason(&self) -> String {
        match *self {
            KidNote::Long { chars } => format!(
                "it is {chars} characters long (NHS's examples are short, like prod-1); the token server takes it, but it must be copied exactly"
            ),
            KidNote::Space { position } => format!(
                "it holds a space at character {}; the token server takes it, but a space is easily lost or doubled when the kid is copied",
                position + 1
            ),
            KidNote::Control { ch, position } => format!(
                "it holds the invisible character {} at character {}; the JWT's kid must hold it too, byte for byte",
                ch.escape_unicode(),
                position + 1
            ),
            KidNote::NonAscii { ch, position } => format!(
                "it holds {ch:?} at character {}, outside ASCII; the token server takes it, but the same letter can be written in more than one way",
                position + 1
            ),
        }
    }
}

fn is_invisible(ch: char) -> bool {
    ch.is_control()
        || matches!(ch, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}')
}

/// Checks a kid as the token server takes it: any non-empty string. What is unusual (a space, an
/// invisible or non-ASCII character, more than [`KID_USUAL_MAX_CHARS`] characters) comes back
/// as notes, at most one of each kind, first occurrence.
///
/// # Errors
/// [`KidProblem::Empty`] for an empty kid.
pub fn check_kid(kid: &str) -> Result<Vec<KidNote>, KidProblem> {
    if kid.is_empty() {
        return Err(KidProblem::Empty);
    }
    let mut notes = Vec::new();
    let chars = kid.chars().count();
    if chars > KID_USUAL_MAX_CHARS {
        notes.push(KidNote::Long { chars });
    }
    if let Some(position) = kid.chars().position(|c| c == ' ') {
        notes.push(KidNote::Space { position });
    }
    if let Some((position, ch)) = kid.chars().enumerate().find(|(_, c)| is_invisible(*c)) {
        notes.push(KidNote::Control { ch, position });
    }
    if let Some((position, ch)) = kid
        .chars()
        .enumerate()
        .find(|(_, c)| !c.is_ascii() && !is_invisible(*c))
    {
        notes.push(KidNote::NonAscii { ch, position });
    }
    Ok(notes)
}

/// The file-name form of a kid, for `KID.pem`, `KID.pem.pub` and `KID.json` (NHS's own
/// commands name the files after the kid): letters, digits, `-`, `_` and `.` are kept, every
/// other character becomes `_`, a leading dot becomes `_` (no hidden files), a name Windows
/// reserves (`CON`, `NUL`, `COM1`…) gets a leading `_`, and it is cut at
/// [`KID_FILE_NAME_MAX_CHARS`]. It is only a file name: the kid itself is never changed.
/// Equal to the kid for kids such as `prod-1`.
pub fn kid_file_name(kid: &str) -> String {
    let mut name: String = kid
        .chars()
        .take(KID_FILE_NAME_MAX_CHARS)
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if name.is_empty() {
        return "key".to_owned();
    }
    if name.starts_with('.') {
        name.replace_range(0..1, "_");
    }
    let stem = name.split('.').next().unwrap_or("").to_ascii_uppercase();
    let reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (stem.len() == 4
            && (stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.as_bytes()[3].is_ascii_digit());
    if reserved {
        name.insert(0, '_');
    }
    name
}

/// Checks an AppID's form: NHS's tooling treats AppIDs as UUID v4 (`xxxxxxxx-xxxx-4xxx-Yxxx-
/// xxxxxxxxxxxx`, Y one of 8, 9, a, b; either case). Another form is very likely a copying
/// mistake (FACTS §6), but not certainly wrong: callers make it a warning.
pub fn is_uuid_v4(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 36 {
        return false;
    }
    for (i, &c) in b.iter().enumerate() {
        let ok = match i {
            8 | 13 | 18 | 23 => c == b'-',
            14 => c == b'4',
            19 => matches!(c, b'8' | b'9' | b'a' | b'b' | b'A' | b'B'),
            _ => c.is_ascii_hexdigit(),
        };
        if !ok {
            return false;
        }
    }
    true
}

/// Checks an ASID's form: a 12-digit number (FACTS §3, §6), allocated by NHS.
pub fn is_asid(text: &str) -> bool {
    text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit())
}

/// Why a JWKS URL will not do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UrlProblem {
    /// Not a URL at all (no scheme, no host, spaces…); the text says what.
    Malformed(&'static str),
    /// Not `https:`; holds the scheme given.
    NotHttps(String),
    /// The host cannot be reached from the internet; holds the host and why.
    NotPublic {
        /// The host as written.
        host: String,
        /// Why, e.g. "a private (RFC 1918) address".
        why: &'static str,
    },
    /// The URL has no path after its host (`https://keys.example.com`): the token server splits
    /// the URL with `^(https?://[^/]+)(/.*)$`, which needs one, and answers "The JWKS endpoint,
    /// for your client_assertion can't be reached" (FACTS §4).
    NoPath,
}

/// Checks a JWKS URL: `https:`, a host, and a host the NHS token server can reach from the
/// internet (not `localhost`, not a private, loopback or link-local address, not an intranet
/// name), and a path after the host (the token server's URL split needs one). Whether the URL really serves the JWKS can only be seen by fetching it.
///
/// # Errors
/// The first [`UrlProblem`].
pub fn check_jwks_url(url: &str) -> Result<(), UrlProblem> {
    let (scheme, host, after) = url_parts(url)?;
    if !scheme.eq_ignore_ascii_case("https") {
        return Err(UrlProblem::NotHttps(scheme.to_owned()));
    }
    if let Some(why) = not_public(host) {
        return Err(UrlProblem::NotPublic {
            host: host.to_owned(),
            why,
        });
    }
    if !after.starts_with('/') {
        return Err(UrlProblem::NoPath);
    }
    Ok(())
}

/// Checks a callback URL, where NHS CIS2 sends a signed-in healthcare worker back to a
/// user-restricted application (FACTS §3): https, a host and a path, and no fragment (an
/// OAuth redirect URI cannot have one, RFC 6749 §3.1.2).
///
/// # Errors
/// The first [`UrlProblem`]: malformed, not https, or no path.
pub fn check_callback_url(url: &str) -> Result<(), UrlProblem> {
    let (scheme, _, after) = url_parts(url)?;
    if !scheme.eq_ignore_ascii_case("https") {
        return Err(UrlProblem::NotHttps(scheme.to_owned()));
    }
    if !after.starts_with('/') {
        return Err(UrlProblem::NoPath);
    }
    if after.contains('#') {
        return Err(UrlProblem::Malformed(
            "it holds a fragment (#…), which a callback URL cannot have",
        ));
    }
    Ok(())
}

/// The finding for a callback URL given that NHS cannot use ([`check_callback_url`]).
pub(crate) fn callback_url_form(url: &str, findings: &mut Vec<Diagnostic>) {
    let Err(problem) = check_callback_url(url) else {
        return;
    };
    let message = match &problem {
        UrlProblem::NotHttps(scheme) => format!("the callback URL uses `{scheme}:`, not `https:`"),
        UrlProblem::NoPath => "the callback URL has no path after its host".to_owned(),
        UrlProblem::Malformed(why) => format!("the callback URL is not a usable URL: {why}"),
        UrlProblem::NotPublic { why, .. } => format!("the callback URL's host is {why}"),
    };
    let mut d = Diagnostic::coded(codes::CALLBACK_URL_FORM, message).with_help(
        "give the full https address NHS CIS2 sends the signed-in user back to, e.g. https://app.example.com/auth/callback, exactly as the application handles it",
    );
    if let (UrlProblem::NotHttps(scheme), Some((_, rest))) = (&problem, url.split_once("://")) {
        let https = format!("https://{rest}");
        if scheme.eq_ignore_ascii_case("http") && check_callback_url(&https).is_ok() {
            d = d.with_suggestion(https);
        }
    }
    findings.push(d);
}

/// An absolute URL's scheme, host and what follows the host (its path, query and fragment),
/// or why it is not one.
fn url_parts(url: &str) -> Result<(&str, &str, &str), UrlProblem> {
    if url.chars().any(char::is_whitespace) {
        return Err(UrlProblem::Malformed("it holds a space or a line break"));
    }
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err(UrlProblem::Malformed(
            "it has no scheme: it should start with https://",
        ));
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.contains('@') {
        return Err(UrlProblem::Malformed(
            "it holds a user name or password before the host",
        ));
    }
    let host = if let Some(v6) = authority.strip_prefix('[') {
        match v6.split_once(']') {
            Some((host, "")) => host,
            Some((host, port)) if port.strip_prefix(':').is_some_and(valid_port) => host,
            _ => return Err(UrlProblem::Malformed("its IPv6 host or port is not valid")),
        }
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) if valid_port(port) => host,
            Some(_) => return Err(UrlProblem::Malformed("its port is not a number")),
            None => authority,
        }
    };
    if host.is_empty() {
        return Err(UrlProblem::Malformed("it has no host"));
    }
    Ok((scheme, host, &rest[authority.len()..]))
}

fn valid_port(port: &str) -> bool {
    !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit())
}

/// Why `host` cannot be reached from the internet, if it cannot.
fn not_public(host: &str) -> Option<&'static str> {
    if let Ok(ip) = host.parse::<Ipv6Addr>() {
        return match ip.to_ipv4_mapped() {
            Some(v4) => not_public_v4(v4),
            None => not_public_v6(ip),
        };
    }
    if let Ok(ip) = host.parse::<Ipv4Addr>() {
        return not_public_v4(ip);
    }
    let name = host.trim_end_matches('.').to_ascii_lowercase();
    if name == "localhost" || name.ends_with(".localhost") {
        return Some("this computer (localhost)");
    }
    const LOCAL_SUFFIXES: [&str; 5] = [".local", ".internal", ".lan", ".home.arpa", ".intranet"];
    if LOCAL_SUFFIXES.iter().any(|s| name.ends_with(s)) {
        return Some("a local-network name");
    }
    if !name.contains('.') {
        return Some("a name without a domain, which only a local network can resolve");
    }
    None
}

fn not_public_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, ..] = ip.octets();
    if ip.is_loopback() {
        Some("this computer (a loopback address)")
    } else if ip.is_private() {
        Some("a private (RFC 1918) address")
    } else if ip.is_link_local() {
        Some("a link-local address")
    } else if ip.is_unspecified() || a == 0 {
        Some("an unspecified address")
    } else if a == 100 && (64..128).contains(&b) {
        Some("a carrier-grade NAT (RFC 6598) address")
    } else if ip.is_broadcast() || ip.is_multicast() || ip.is_documentation() || a >= 240 {
        Some("an address that is not used on the internet")
    } else {
        None
    }
}

fn not_public_v6(ip: Ipv6Addr) -> Option<&'static str> {
    let first = ip.segments()[0];
    if ip.is_loopback() {
        Some("this computer (a loopback address)")
    } else if ip.is_unspecified() {
        Some("an unspecified address")
    } else if first & 0xfe00 == 0xfc00 {
        Some("a unique local (private) IPv6 address")
    } else if first & 0xffc0 == 0xfe80 {
        Some("a link-local address")
    } else if ip.is_multicast() || first == 0x2001 && ip.segments()[1] == 0x0db8 {
        Some("an address that is not used on the internet")
    } else {
        None
    }
}
pub(crate) fn unusual_kid(kid: &str, findings: &mut Vec<Diagnostic>) {
    // Any non-empty kid is one the token server takes (FACTS §4): unusual ones are a warning.
    if let Ok(notes) = check_kid(kid) {
        if !notes.is_empty() {
            let reasons: Vec<String> = notes.iter().map(|n| n.reason()).collect();
            let file = kid_file_name(kid);
            let mut help = "the token server takes it; make sure the JWT's kid and the JWKS hold it exactly, or choose a short one such as prod-1".to_owned();
            if file != kid {
                help.push_str(&format!(
                    "; its key files are named `{file}.pem`, `{file}.pem.pub` and `{file}.json`"
                ));
            }
            findings.push(
                Diagnostic::coded(
                    codes::KID_UNUSUAL,
                    format!("an unusual kid: {}", reasons.join("; ")),
                )
                .with_help(help),
            );
        }
    }
}

pub(crate) fn app_id_form(app_id: &str, findings: &mut Vec<Diagnostic>) {
    // AppID (4.3, FACTS §6): NHS's tooling treats it as a UUID v4.
    if !app_id.is_empty() && !is_uuid_v4(app_id) {
        findings.push(
            Diagnostic::coded(codes::APP_ID_FORM, format!("the AppID `{app_id}` is not a UUID v4 (like 5a0f1c2e-1111-4000-8000-000000000001)"))
            .with_help("copy the AppID from the application's page on the developer hub: NHS's tooling (make_jwk.py) expects a UUID v4; the API key or the application name are not the AppID"),
        );
    }
}

pub(crate) fn asid_form(asid: &str, findings: &mut Vec<Diagnostic>) {
    // ASID (4.16, FACTS §3): optional, but when given a 12-digit number.
    if !is_asid(asid) {
        let digits: String = asid.chars().filter(char::is_ascii_digit).collect();
        let mut d = Diagnostic::coded(codes::ASID_FORM, format!(
                "the ASID `{asid}` is not a 12-digit number ({} characters{})",
                asid.chars().count(),
                if digits.len() == asid.len() { "" } else { ", not all digits" }
            ))
        .with_help("copy the ASID NHS allocated for this application (Spine Directory Service): 12 digits, e.g. 200000001234; leave it empty until NHS gives it");
        if is_asid(&digits) {
            d = d.with_suggestion(digits);
        }
        findings.push(d);
    }
}

pub(crate) fn jwks_url_reachable(jwks_url: &str, findings: &mut Vec<Diagnostic>) {
    if !jwks_url.is_empty() {
        if let Err(problem) = check_jwks_url(jwks_url) {
            let d = match problem {
                UrlProblem::Malformed(why) => Diagnostic::coded(
                    codes::JWKS_URL_MALFORMED,
                    format!("the JWKS URL is not a usable URL: {why}"),
                )
                .with_help("give the full address, e.g. https://keys.example.com/ers/jwks.json"),
                UrlProblem::NotHttps(scheme) => {
                    let mut d = Diagnostic::coded(
                        codes::JWKS_URL_NOT_HTTPS,
                        format!("the JWKS URL uses `{scheme}:`, not `https:`"),
                    )
                    .with_help("publish the JWKS over https");
                    // Offer the https address only where it would be usable: an https URL to
                    // localhost or a private address is unreachable too (ERS-G012).
                    if scheme.eq_ignore_ascii_case("http") {
                        if let Some((_, rest)) = jwks_url.split_once("://") {
                            let https = format!("https://{rest}");
                            if check_jwks_url(&https).is_ok() {
                                d = d.with_suggestion(https);
                            }
                        }
                    }
                    d
                }
                UrlProblem::NotPublic { host, why } => unreachable_jwks(&host, why),
                UrlProblem::NoPath => no_path(),
            };
            findings.push(d);
            // An http URL to a local host is wrong twice: say both.
            if let Some((scheme, rest)) = jwks_url.split_once("://") {
                if !scheme.eq_ignore_ascii_case("https") {
                    match check_jwks_url(&format!("https://{rest}")) {
                        Err(UrlProblem::NotPublic { host, why }) => {
                            findings.push(unreachable_jwks(&host, why));
                        }
                        Err(UrlProblem::NoPath) => findings.push(no_path()),
                        _ => {}
                    }
                }
            }
        }
    }
}

fn no_path() -> Diagnostic {
    Diagnostic::coded(codes::JWKS_URL_NO_PATH, "the JWKS URL has no path after its host")
    .with_help("give the JWKS file's full address, e.g. https://keys.example.com/ers/jwks.json: the token server splits the URL into host and path (^(https?://[^/]+)(/.*)$), and with no path it answers \"The JWKS endpoint, for your client_assertion can't be reached\"")
}

fn unreachable_jwks(host: &str, why: &str) -> Diagnostic {
    Diagnostic::coded(codes::JWKS_URL_NOT_PUBLIC, format!("the JWKS URL's host `{host}` is {why}: the NHS token server cannot reach it"))
    .with_help("publish the JWKS at a public https address; otherwise the token server answers \"The JWKS endpoint, for your client_assertion can't be reached\"")
}
