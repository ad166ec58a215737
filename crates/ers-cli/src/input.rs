//! Reading input files (or standard input, `-`) under the core's hard limits
//! ([`ers_rules::limits`]): a file over its limit is refused before it is read, with a message
//! naming the limit (exit 2); standard input is read up to one byte past the limit. Everything
//! read lands in a zeroizing buffer, sized up front so it never grows (a growing buffer would
//! leave copies behind): a PEM private key is wiped from memory when it is dropped.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use anyhow::{Context, Result, anyhow};
use ers_rules::limits::{Limit, TooLarge};
use zeroize::{Zeroize as _, Zeroizing};

/// Reads `path` (or standard input for `-`) as bytes, refusing input over `limit`.
pub(crate) fn read_bytes(path: &Path, limit: Limit, what: &str) -> Result<Zeroizing<Vec<u8>>> {
    let stdin = path.as_os_str() == "-";
    let whence = if stdin {
        format!("the {what} from standard input")
    } else {
        format!("the {what} file {}", path.display())
    };
    let refuse = |bytes: usize| {
        anyhow!(TooLarge { limit, bytes }).context(format!("could not read {whence}"))
    };
    let (reader, capacity): (Box<dyn Read>, usize) = if stdin {
        (
            Box::new(io::stdin().lock()),
            limit.max_bytes.min(1 << 16) + 1,
        )
    } else {
        let file = File::open(path).with_context(|| format!("could not read {whence}"))?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        let size = usize::try_from(size).unwrap_or(usize::MAX);
        if size > limit.max_bytes {
            return Err(refuse(size));
        }
        (Box::new(file), size + 1)
    };
    let mut buf = Zeroizing::new(Vec::with_capacity(capacity));
    let cap = u64::try_from(limit.max_bytes)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    reader
        .take(cap)
        .read_to_end(&mut buf)
        .with_context(|| format!("could not read {whence}"))?;
    if buf.len() > limit.max_bytes {
        return Err(refuse(buf.len()));
    }
    Ok(buf)
}

/// Reads `path` (or standard input for `-`) as UTF-8 text, refusing input over `limit`.
pub(crate) fn read_text(path: &Path, limit: Limit, what: &str) -> Result<Zeroizing<String>> {
    let mut bytes = read_bytes(path, limit, what)?;
    match String::from_utf8(std::mem::take(&mut *bytes)) {
        Ok(text) => Ok(Zeroizing::new(text)),
        Err(error) => {
            let mut bytes = error.into_bytes();
            bytes.zeroize();
            let whence = if path.as_os_str() == "-" {
                "standard input".to_owned()
            } else {
                path.display().to_string()
            };
            Err(anyhow!("the {what} in {whence} is not UTF-8 text"))
        }
    }
}
