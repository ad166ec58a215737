//! The value checks of the pack: kids (the key rules' limits) and JWKS URLs (the token server
//! must fetch them over the internet, FACTS §5).

use std::net::{Ipv4Addr, Ipv6Addr};

/// The longest kid accepted, in characters (the same limit as the key generator's).
pub const KID_MAX_CHARS: usize = 64;

/// Why a kid cannot be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KidProblem {
    /// It is empty.
    Empty,
    /// It is longer than [`KID_MAX_CHARS`].
    TooLong {
        /// Its length in characters.
        chars: usize,
    },
    /// It holds a character that is not printable ASCII (a space, a control character, a
    /// non-ASCII letter).
    NotPrintable {
        /// The character.
        ch: char,
        /// Its position, in characters from 0.
        position: usize,
    },
}

/// Checks a kid: 1 to [`KID_MAX_CHARS`] printable ASCII characters, no space.
///
/// # Errors
/// The [`KidProblem`].
pub fn check_kid(kid: &str) -> Result<(), KidProblem> {
    if kid.is_empty() {
        return Err(KidProblem::Empty);
    }
    let chars = kid.chars().count();
    if chars > KID_MAX_CHARS {
        return Err(KidProblem::TooLong { chars });
    }
    match kid.chars().enumerate().find(|(_, c)| !c.is_ascii_graphic()) {
        Some((position, ch)) => Err(KidProblem::NotPrintable { ch, position }),
        None => Ok(()),
    }
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
}

/// Checks a JWKS URL: `https:`, a host, and a host the NHS token server can reach from the
/// internet (not `localhost`, not a private, loopback or link-local address, not an intranet
/// name). Whether the URL really serves the JWKS can only be seen by fetching it.
///
/// # Errors
/// The first [`UrlProblem`].
pub fn check_jwks_url(url: &str) -> Result<(), UrlProblem> {
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
    if !scheme.eq_ignore_ascii_case("https") {
        return Err(UrlProblem::NotHttps(scheme.to_owned()));
    }
    match not_public(host) {
        Some(why) => Err(UrlProblem::NotPublic {
            host: host.to_owned(),
            why,
        }),
        None => Ok(()),
    }
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
