//! A minimal zip writer (entries stored, not compressed): enough for the site's download, with
//! no dependency. Reproducible: every entry has the same date (1980-01-01), in the order given.

use anyhow::{Result, bail};

/// The zip of `entries` (name, contents), names with `/` separators.
pub fn stored(entries: &[(String, &[u8])]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    if entries.len() > usize::from(u16::MAX) {
        bail!("too many files for a zip without zip64");
    }
    for (name, data) in entries {
        let (Ok(size), Ok(offset), Ok(name_len)) = (
            u32::try_from(data.len()),
            u32::try_from(out.len()),
            u16::try_from(name.len()),
        ) else {
            bail!("{name} is too big for a zip without zip64");
        };
        let crc = crc32(data);
        // Local file header.
        put32(&mut out, 0x0403_4b50);
        put16(&mut out, 20); // version needed: 2.0
        put16(&mut out, 0x0800); // flags: names are UTF-8
        put16(&mut out, 0); // stored
        put16(&mut out, 0); // time 00:00
        put16(&mut out, 0x21); // date 1980-01-01
        put32(&mut out, crc);
        put32(&mut out, size);
        put32(&mut out, size);
        put16(&mut out, name_len);
        put16(&mut out, 0);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);
        // Its central directory entry.
        put32(&mut central, 0x0201_4b50);
        put16(&mut central, 0x0314); // made by: Unix, 2.0
        put16(&mut central, 20);
        put16(&mut central, 0x0800);
        put16(&mut central, 0);
        put16(&mut central, 0);
        put16(&mut central, 0x21);
        put32(&mut central, crc);
        put32(&mut central, size);
        put32(&mut central, size);
        put16(&mut central, name_len);
        put16(&mut central, 0); // extra
        put16(&mut central, 0); // comment
        put16(&mut central, 0); // disk
        put16(&mut central, 0); // internal attributes
        put32(&mut central, 0o100_644 << 16); // external: a regular file, rw-r--r--
        put32(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let (Ok(count), Ok(central_size), Ok(central_at)) = (
        u16::try_from(entries.len()),
        u32::try_from(central.len()),
        u32::try_from(out.len()),
    ) else {
        bail!("the site is too big for a zip without zip64");
    };
    out.extend_from_slice(&central);
    put32(&mut out, 0x0605_4b50);
    put16(&mut out, 0);
    put16(&mut out, 0);
    put16(&mut out, count);
    put16(&mut out, count);
    put32(&mut out, central_size);
    put32(&mut out, central_at);
    put16(&mut out, 0);
    Ok(out)
}

fn put16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// CRC-32 (IEEE 802.3, as zip uses it), bit by bit: the site is a few megabytes.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFF_u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    /// Python's zipfile is the outside judge: it lists the entries and checks every CRC.
    #[test]
    fn python_reads_the_zip_back() {
        let zip = stored(&[
            ("site/index.html".to_owned(), b"<!doctype html>".as_slice()),
            (
                "site/js/a.js".to_owned(),
                b"export const a = 1;\n".as_slice(),
            ),
            ("site/empty.txt".to_owned(), b"".as_slice()),
        ])
        .unwrap();
        let path = std::env::temp_dir().join(format!("xtask-zip-{}.zip", std::process::id()));
        std::fs::write(&path, zip).unwrap();
        let script = "import sys, zipfile\n\
                      z = zipfile.ZipFile(sys.argv[1])\n\
                      assert z.testzip() is None\n\
                      print(z.read('site/js/a.js').decode(), end='')\n\
                      print('|'.join(z.namelist()))\n";
        let out = std::process::Command::new("python3")
            .args(["-c", script])
            .arg(&path)
            .output()
            .unwrap();
        std::fs::remove_file(&path).unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "export const a = 1;\nsite/index.html|site/js/a.js|site/empty.txt\n"
        );
    }
}
