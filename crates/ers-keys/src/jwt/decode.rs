//! Decoding a compact JWT as far as it goes: which part fails (not three parts, bad base64url,
//! bad JSON), where, and why; never a panic.

use core::fmt;

use base64ct::{Base64UrlUnpadded, Encoding};
use ers_rules::Span;
use serde_json::{Map, Value};

use super::codes::{self, server};
use super::finding::{Finding, Location, server_error};

ers_rules::id_enum! {
    /// The three parts of a compact JWS, in order; the identifier is the part's name.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum PartName {
        /// The JOSE header (first part).
        Header = "header",
        /// The claims (second part).
        Claims = "claims",
        /// The signature (third part).
        Signature = "signature",
    }
}

impl fmt::Display for PartName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// What could be decoded of a token, and what could not.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Decoded {
    /// Where each `.`-separated part is in the token as given (character offsets).
    pub parts: Vec<Span>,
    /// The header, when its part is base64url of a JSON object.
    pub header: Option<Map<String, Value>>,
    /// The claims, when their part is base64url of a JSON object.
    pub claims: Option<Map<String, Value>>,
    /// The signature bytes, when the token has exactly three parts and the third is base64url.
    pub signature: Option<Vec<u8>>,
    /// The signed text, `header.claims` exactly as given, when the token has three parts.
    pub signing_input: Option<String>,
    /// Why decoding stopped where it did (codes ERS-J001 to ERS-J003).
    pub findings: Vec<Finding>,
    /// When the token is unsigned (three parts, the last one empty): that finding (ERS-J016).
    /// It is no decoding failure: the token server's `DecodeJWT` "works regardless of the
    /// algorithm that was used to sign the JWT" (Apigee's policy reference), so its claim
    /// checks answer first, and its signature check refuses the token last (FACTS §5b).
    pub unsigned: Option<Finding>,
}

/// Decodes `token` as far as it goes. Leading and trailing white space is ignored; spans count
/// characters of `token` as given.
pub fn decode(token: &str) -> Decoded {
    let mut decoded = Decoded::default();
    let lead = token.chars().take_while(|c| c.is_whitespace()).count();
    let body = token.trim();
    if let Some(refused) = refused(token, body, lead) {
        decoded.findings.push(refused);
        return decoded;
    }
    let pieces: Vec<&str> = body.split('.').collect();
    let mut at = lead;
    for piece in &pieces {
        let len = piece.chars().count();
        decoded.parts.push(Span::new(at, at + len));
        at += len + 1;
    }
    let wrapper = wrapper_hint(body);
    if pieces.len() != 3 {
        decoded.findings.push(
            not_three_parts(pieces.len(), wrapper.as_deref()).with_span(Span::new(lead, at - 1)),
        );
    }
    decode_parts(&pieces, wrapper.as_deref(), &mut decoded);
    if pieces.len() == 3 {
        // `body` is the token trimmed; the signing input is everything before the last '.'.
        if let Some((input, _)) = body.rsplit_once('.') {
            decoded.signing_input = Some(input.to_owned());
        }
    }
    decoded
}

/// What is refused before anything is decoded: an empty token, one over the limit, or a
/// private key pasted by mistake (its text is never repeated, so that finding has no span).
fn refused(token: &str, body: &str, lead: usize) -> Option<Finding> {
    if body.is_empty() {
        return Some(
            server_error(
                codes::MALFORMED,
                Location::Token,
                server::MISSING,
                "the token is empty",
            )
            .with_span(Span::at(lead))
            .with_help("paste the whole client assertion: three base64url parts separated by '.'"),
        );
    }
    if let Err(too_large) = ers_rules::limits::JWT.check(token.len()) {
        return Some(
            server_error(
                codes::MALFORMED,
                Location::Token,
                server::MALFORMED,
                too_large.to_string(),
            )
            .with_help("paste the client assertion only: three base64url parts separated by '.'"),
        );
    }
    crate::pem::looks_like_private_key(body).then(|| {
        server_error(
            codes::MALFORMED,
            Location::Token,
            server::MALFORMED,
            "this is a private key, not a JWT; it is not shown here",
        )
        .with_help(
            "never paste a private key anywhere: paste the signed client assertion (three \
             base64url parts separated by '.'), and if this key was pasted or sent \
             somewhere it should not be, make a new key pair",
        )
    })
}

/// A token of `count` parts, not 3: what each count most likely is (`wrapper`: what the
/// token came wrapped in, if anything).
fn not_three_parts(count: usize, wrapper: Option<&str>) -> Finding {
    let mut help = match count {
        1 => "a JWT is three base64url parts separated by '.', header.claims.signature; \
              paste the whole token"
            .to_owned(),
        2 => "the signature part is missing: sign the header and claims with the private key \
              (RS512) and append '.' and the base64url signature"
            .to_owned(),
        5 => "five parts is an encrypted JWT (JWE): the token server needs a signed JWT \
              (JWS), header.claims.signature, signed with RS512"
            .to_owned(),
        _ => "a JWT is exactly three base64url parts separated by '.': \
              header.claims.signature; copy the token again"
            .to_owned(),
    };
    if let Some(hint) = wrapper {
        help = format!("{hint}; {help}");
    }
    let noun = if count == 1 { "part" } else { "parts" };
    server_error(
        codes::MALFORMED,
        Location::Token,
        server::MALFORMED,
        format_args!("the token has {count} {noun} separated by '.', a JWT has 3"),
    )
    .with_help(help)
}

/// Decodes what there is: the header always; the claims unless this is a JWE; the signature
/// only when the token has exactly three parts (otherwise no part is surely the signature).
fn decode_parts(pieces: &[&str], wrapper: Option<&str>, decoded: &mut Decoded) {
    let decodable = match pieces.len() {
        1 => 1,
        2 => 2,
        3 => 3,
        _ => 1,
    };
    for (index, name) in PartName::ALL.iter().copied().enumerate().take(decodable) {
        let (piece, span) = (pieces[index], decoded.parts[index]);
        let bytes = match base64url(piece) {
            Ok(bytes) => bytes,
            Err(Base64Problem::Empty) if name == PartName::Signature => {
                decoded.unsigned = Some(unsigned(span, wrapper));
                continue;
            }
            Err(problem) => {
                decoded.findings.push(problem.finding(name, span, wrapper));
                continue;
            }
        };
        match name {
            PartName::Signature => decoded.signature = Some(bytes),
            PartName::Header | PartName::Claims => match json_object(&bytes) {
                Ok(object) if name == PartName::Header => decoded.header = Some(object),
                Ok(object) => decoded.claims = Some(object),
                Err(reason) => decoded.findings.push(
                    server_error(
                        codes::JSON,
                        Location::Token,
                        server::MALFORMED,
                        format_args!("the {name} part is not a JSON object: {reason}"),
                    )
                    .with_span(span)
                    .with_help(format!(
                        "the {name} must be a JSON object, UTF-8, encoded with base64url; \
                         build it with a JSON library rather than by hand"
                    )),
                ),
            },
        }
    }
}

/// An unsigned token: its signature part is empty.
fn unsigned(part: Span, wrapper: Option<&str>) -> Finding {
    let mut help = "the token is unsigned: sign it with the private key, RS512 (an 'alg' of \
                    'none' is refused)"
        .to_owned();
    if let Some(hint) = wrapper {
        help = format!("{hint}; {help}");
    }
    server_error(
        codes::SIGNATURE,
        Location::Token,
        server::SIGNATURE,
        "the signature part is empty",
    )
    .with_span(Span::at(part.start))
    .with_help(help)
}

/// Why a part is not base64url, and where (character index within the part).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Base64Problem {
    Empty,
    Padding(usize),
    StandardAlphabet(usize, char),
    WhiteSpace(usize),
    Character(usize, char),
    Length(usize),
    TrailingBits(usize),
}

impl Base64Problem {
    fn finding(self, name: PartName, part: Span, wrapper: Option<&str>) -> Finding {
        // The character at index `i` of the part: its span, and its place counted from 1.
        let char_at = |i: usize| Span::new(part.start + i, part.start + i + 1);
        let place = |i: usize| part.start + i + 1;
        let (span, detail, mut help) = match self {
            Base64Problem::Empty => (
                Span::at(part.start),
                format!("the {name} part is empty"),
                format!("the {name} part must be base64url of a JSON object; copy the token again"),
            ),
            Base64Problem::Padding(i) => (
                Span::new(part.start + i, part.end),
                format!("the {name} part ends in '=' padding"),
                "JWT parts are base64url without padding: remove the trailing '='".to_owned(),
            ),
            Base64Problem::StandardAlphabet(i, c) => (
                char_at(i),
                format!("the {name} part has '{c}' at character {}", place(i)),
                "this is standard base64; JWTs use base64url: '-' for '+', '_' for '/', no '='"
                    .to_owned(),
            ),
            Base64Problem::WhiteSpace(i) => (
                char_at(i),
                format!("the {name} part has white space at character {}", place(i)),
                "remove the line breaks and spaces that came with copying the token".to_owned(),
            ),
            Base64Problem::Character(i, c) => (
                char_at(i),
                format!(
                    "the {name} part has {c:?} at character {}, not a base64url character",
                    place(i)
                ),
                "base64url has only A-Z, a-z, 0-9, '-' and '_'; copy the token again".to_owned(),
            ),
            Base64Problem::Length(len) => (
                part,
                format!("the {name} part is {len} characters long, which no base64url text is"),
                "a character was lost or added when copying: copy the token again".to_owned(),
            ),
            Base64Problem::TrailingBits(len) => (
                Span::new(part.start + len - 1, part.start + len),
                format!(
                    "the last character of the {name} part is not a canonical base64url ending"
                ),
                "the part was altered after encoding: copy the token again".to_owned(),
            ),
        };
        if let Some(hint) = wrapper {
            help = format!("{hint}; {help}");
        }
        server_error(codes::BASE64URL, Location::Token, server::MALFORMED, detail)
            .with_span(span)
            .with_help(help)
    }
}

/// Decodes unpadded base64url strictly, or says precisely what is wrong.
fn base64url(piece: &str) -> Result<Vec<u8>, Base64Problem> {
    if piece.is_empty() {
        return Err(Base64Problem::Empty);
    }
    let mut len = 0;
    for (i, (byte, c)) in piece.char_indices().enumerate() {
        len = i + 1;
        match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '-' | '_' => {}
            '=' if piece[byte..].chars().all(|c| c == '=') => {
                return Err(Base64Problem::Padding(i));
            }
            '+' | '/' => return Err(Base64Problem::StandardAlphabet(i, c)),
            c if c.is_whitespace() => return Err(Base64Problem::WhiteSpace(i)),
            c => return Err(Base64Problem::Character(i, c)),
        }
    }
    if len % 4 == 1 {
        return Err(Base64Problem::Length(len));
    }
    Base64UrlUnpadded::decode_vec(piece).map_err(|_| Base64Problem::TrailingBits(len))
}

/// Parses `bytes` as a JSON object.
fn json_object(bytes: &[u8]) -> Result<Map<String, Value>, String> {
    let text = core::str::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_owned())?;
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(other) => Err(format!("it is JSON {}", kind(&other))),
        Err(e) => Err(e.to_string()),
    }
}

/// "a string", "a number", … for messages.
pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Recognises a token pasted with what surrounds it in a request or a header.
fn wrapper_hint(body: &str) -> Option<String> {
    let lower = body.to_ascii_lowercase();
    for prefix in ["client_assertion=", "bearer ", "authorization:"] {
        if lower.starts_with(prefix) {
            let shown = body.get(..prefix.len()).unwrap_or(prefix).trim_end();
            return Some(format!(
                "remove `{shown}` from the start: paste only the JWT"
            ));
        }
    }
    if (body.starts_with('"') && body.ends_with('"'))
        || (body.starts_with('\'') && body.ends_with('\''))
    {
        return Some("remove the quotation marks around the token".to_owned());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_problems_are_located() {
        assert_eq!(base64url("eyI"), Ok(b"{\"".to_vec()));
        assert_eq!(base64url(""), Err(Base64Problem::Empty));
        assert_eq!(base64url("eyJhIjoxfQ=="), Err(Base64Problem::Padding(10)));
        assert_eq!(
            base64url("ab+c"),
            Err(Base64Problem::StandardAlphabet(2, '+'))
        );
        assert_eq!(base64url("ab\ncd"), Err(Base64Problem::WhiteSpace(2)));
        assert_eq!(base64url("ab=cd"), Err(Base64Problem::Character(2, '=')));
        assert_eq!(base64url("abé"), Err(Base64Problem::Character(2, 'é')));
        assert_eq!(base64url("abcde"), Err(Base64Problem::Length(5)));
        assert_eq!(base64url("eyJ"), Err(Base64Problem::TrailingBits(3)));
    }

    #[test]
    fn wrappers_are_recognised() {
        assert_eq!(
            wrapper_hint("client_assertion=eyJ"),
            Some("remove `client_assertion=` from the start: paste only the JWT".to_owned())
        );
        assert_eq!(
            wrapper_hint("Bearer eyJ"),
            Some("remove `Bearer` from the start: paste only the JWT".to_owned())
        );
        assert_eq!(wrapper_hint("eyJ.a.b"), None);
    }
}
