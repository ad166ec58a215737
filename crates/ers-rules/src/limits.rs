//! Hard limits on input: one per kind of input, the same for the page, the wasm facade and the
//! command line, so that a wrong file (a disk image chosen instead of a JWKS, a pasted e-mail
//! thread) is refused at once with a message naming the limit, instead of being parsed for
//! seconds. Each limit is far above any real input of its kind.
//!
//! The application name has its own limit, [`crate::name::MAX_LEN`] (255 characters), reported
//! as ERS-N002 because a long name is checked, not refused.

use core::fmt;

/// The most bytes one kind of input may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limit {
    /// A short, stable key for this kind of input (`"pem"`, `"jwks"`, …): the facade hands the
    /// limits to the page under these keys.
    pub key: &'static str,
    /// What the input is, as a user names it ("a PEM key").
    pub what: &'static str,
    /// The limit, in bytes (UTF-8 for text).
    pub max_bytes: usize,
    /// How big real input of this kind is, to make the message useful.
    pub typical: &'static str,
}

const KB: usize = 1024;
const MB: usize = 1024 * 1024;

/// Declares each limit as a `pub const` and [`ALL`] as the list of them, so that the list cannot
/// miss one. Each entry: `NAME = key, what, max_bytes, typical;` (the fields of [`Limit`]).
macro_rules! limits {
    ($($(#[$doc:meta])* $name:ident = $key:literal, $what:literal, $max:expr, $typical:literal;)*) => {
        $(
            $(#[$doc])*
            pub const $name: Limit = Limit { key: $key, what: $what, max_bytes: $max, typical: $typical };
        )*
        /// Every limit, for the page and the documentation.
        pub const ALL: [Limit; [$(stringify!($name)),*].len()] = [$($name),*];
    };
}

limits! {
    /// A PEM key (private or public): a 4096-bit private key is about 3.3 KB.
    PEM = "pem", "a PEM key", 64 * KB, "a 4096-bit private key is about 3.3 KB";
    /// A compact JWT (a client assertion): about 1 KB with a 4096-bit signature.
    JWT = "jwt", "a JWT", 64 * KB, "a client assertion is about 1 KB";
    /// A JWKS, or a single JWK or public key added to one.
    JWKS = "jwks", "a JWKS", MB, "a JWKS of a few 4096-bit keys is a few kilobytes";
    /// A CSV file of end-user organisations.
    CSV = "csv", "a CSV file", 20 * MB, "100,000 organisations are about 4 MB";
    /// A plan as JSON (the planner's download, read by the go-live pack).
    PLAN_JSON = "plan", "a plan (JSON)", 20 * MB, "a plan of 10,000 organisations is about 6 MB";
    /// A details CSV for the go-live pack (AppIDs, API keys, kids, JWKS URLs).
    DETAILS_CSV = "details", "a details CSV file", 20 * MB,
        "10,000 applications' details are about 2 MB";
    /// A go-live project file. The page saves one for as many organisations as a CSV may hold,
    /// and must open it again: 100,000 organisations with one access mode, every detail filled
    /// in, make a file of about 50 MB.
    PROJECT = "project", "a project file", 64 * MB,
        "a project of 100,000 organisations is about 50 MB";
    /// An application name read from standard input (`name check -`): a name has at most 255
    /// characters ([`crate::name::MAX_LEN`]); longer ones are still checked (ERS-N002), up to
    /// this.
    NAME = "name", "an application name", MB, "a name has at most 255 characters";
    /// A passphrase file (its first line is the passphrase).
    PASSPHRASE = "passphrase", "a passphrase file", 64 * KB, "a passphrase is one line of text";
    /// A token request (a curl command or a form body).
    TOKEN_REQUEST = "tokenRequest", "a token request", 64 * KB, "a token request is about 2 KB";
}

impl Limit {
    /// Refuses `bytes` bytes of this kind of input when they are over the limit.
    ///
    /// # Errors
    /// [`TooLarge`] when `bytes` is over [`Limit::max_bytes`].
    pub fn check(&self, bytes: usize) -> Result<(), TooLarge> {
        if bytes > self.max_bytes {
            Err(TooLarge {
                limit: *self,
                bytes,
            })
        } else {
            Ok(())
        }
    }

    /// The limit in words: "64 KB", "1 MB", "20 MB".
    pub fn label(&self) -> String {
        size_label(self.max_bytes)
    }
}

/// `bytes` in words: "812 bytes", "64 KB", "10.5 MB".
pub fn size_label(bytes: usize) -> String {
    if bytes >= MB {
        let tenths = bytes * 10 / MB;
        if tenths.is_multiple_of(10) {
            format!("{} MB", tenths / 10)
        } else {
            format!("{}.{} MB", tenths / 10, tenths % 10)
        }
    } else if bytes >= KB {
        format!("{} KB", bytes / KB)
    } else {
        format!("{bytes} bytes")
    }
}

/// Input over its [`Limit`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TooLarge {
    /// The limit that was passed.
    pub limit: Limit,
    /// The input's size, in bytes.
    pub bytes: usize,
}

impl TooLarge {
    /// The stable code callers branch on.
    pub const CODE: &'static str = crate::error::codes::TOO_LARGE.code;
}

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Input read as a stream stops one byte past the limit: its size is not known.
        let size = if self.bytes == self.limit.max_bytes.saturating_add(1) {
            format!("more than {}", self.limit.label())
        } else {
            size_label(self.bytes)
        };
        write!(
            f,
            "{} is limited to {}, and this one is {size} ({}): check that this is the right file",
            capitalised(self.limit.what),
            self.limit.label(),
            self.limit.typical
        )
    }
}

impl std::error::Error for TooLarge {}

/// `what` with a capital: every `what` is ours and starts with an ASCII letter (no Unicode case
/// tables for this: they are most of the names module's data).
fn capitalised(s: &str) -> String {
    let mut out = s.to_owned();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_names_the_limit_and_the_size() {
        let err = JWKS.check(10 * MB).unwrap_err();
        assert_eq!(
            err.to_string(),
            "A JWKS is limited to 1 MB, and this one is 10 MB (a JWKS of a few 4096-bit keys is \
             a few kilobytes): check that this is the right file"
        );
        assert!(JWKS.check(MB).is_ok());
        assert_eq!(size_label(64 * KB), "64 KB");
        assert_eq!(size_label(MB + MB / 2), "1.5 MB");
        assert_eq!(size_label(12), "12 bytes");
    }

    #[test]
    fn every_key_is_different() {
        let mut keys: Vec<&str> = ALL.iter().map(|l| l.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), ALL.len());
    }
}
