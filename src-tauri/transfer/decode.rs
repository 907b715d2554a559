//! Bytes to text for CSV files, in a stream: the file is read in 64 KB pieces and never held
//! whole. Chinese Excel saves CSV in GBK by default, other tools write UTF-8 with or without a
//! byte-order mark, and "Unicode text" is UTF-16 with a mark.
//!
//! The automatic choice is exact, not statistical: a byte-order mark decides; otherwise a file
//! that is valid UTF-8 throughout is UTF-8 (GBK text almost never is); otherwise GB18030, the
//! superset of GBK and GB2312. A first pass over the file ([`sniff`]) decides, and also notices
//! a file whose lines are partly UTF-8 and partly not (two files pasted together), which is
//! read but gets a warning. An encoding the user forces wins over a byte-order mark that says
//! otherwise (the mark is skipped). Malformed input is an error, never a guess.
use super::limits::{Limit, MAX_FILE_BYTES};
use super::TransferError;
use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};
use serde::{Deserialize, Serialize};
use std::io::Read;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(rename_all = "snake_case")]
pub enum TextEncoding {
    #[default]
    Auto,
    Utf8,
    /// GB18030, which reads GBK and GB2312 too.
    Gbk,
    Utf16le,
    Utf16be,
}

const CHUNK: usize = 64 * 1024;

/// Reads `r` in pieces, refusing more than [`MAX_FILE_BYTES`] (a device like `/dev/zero` has
/// no size to check beforehand).
pub(super) fn each_chunk(
    mut r: impl Read,
    mut f: impl FnMut(&[u8]) -> Result<(), TransferError>,
) -> Result<(), TransferError> {
    let mut buf = vec![0u8; CHUNK];
    let mut total = 0u64;
    loop {
        let n = match r.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(TransferError::Read(e.to_string())),
        };
        total += n as u64;
        if total > MAX_FILE_BYTES {
            return Err(TransferError::Limit {
                limit: Limit::FileBytes,
                row: None,
            });
        }
        f(&buf[..n])?;
    }
}

/// What the first pass found out about a file's bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sniff {
    /// The encoding a byte-order mark names, and the mark's length.
    pub bom: Option<(&'static Encoding, usize)>,
    /// The whole file (after any mark) is valid UTF-8.
    pub valid_utf8: bool,
    /// The first line (1-based) with non-ASCII text that is valid UTF-8, and the first that is
    /// not: both set means the file mixes encodings.
    pub first_utf8_line: Option<u32>,
    pub first_other_line: Option<u32>,
}

/// Bytes of a line looked at to tell whether it is UTF-8 (a longer line is judged by them).
const LINE_PREFIX: usize = 4096;

/// The first pass: byte-order mark, UTF-8 validity, and which lines look like which encoding.
/// `\n` never occurs inside a UTF-8 or GB18030 character, so lines split safely on it.
pub fn sniff(r: impl Read) -> Result<Sniff, TransferError> {
    let mut s = Sniff {
        valid_utf8: true,
        ..Default::default()
    };
    let mut carry: Vec<u8> = Vec::new();
    let mut line: Vec<u8> = Vec::new();
    let mut line_no = 1u32;
    let mut started = false;
    let judge = |line: &[u8], no: u32, s: &mut Sniff| {
        if line.is_ascii() {
            return;
        }
        let utf8 = match std::str::from_utf8(line) {
            Ok(_) => true,
            // Cut at the prefix length in the middle of a character: still UTF-8.
            Err(e) => e.error_len().is_none() && line.len() >= LINE_PREFIX,
        };
        let slot = if utf8 {
            &mut s.first_utf8_line
        } else {
            &mut s.first_other_line
        };
        slot.get_or_insert(no);
    };
    each_chunk(r, |mut chunk| {
        if !started {
            if let Some((enc, len)) = Encoding::for_bom(chunk) {
                s.bom = Some((enc, len));
                chunk = &chunk[len..];
            }
            started = true;
        }
        // UTF-8 validity across piece boundaries.
        if s.valid_utf8 {
            carry.extend_from_slice(chunk);
            match std::str::from_utf8(&carry) {
                Ok(_) => carry.clear(),
                Err(e) if e.error_len().is_none() => {
                    let keep = carry.split_off(e.valid_up_to());
                    carry = keep;
                }
                Err(_) => {
                    s.valid_utf8 = false;
                    carry = Vec::new();
                }
            }
        }
        for part in chunk.split_inclusive(|b| *b == b'\n') {
            let room = LINE_PREFIX.saturating_sub(line.len());
            line.extend_from_slice(&part[..part.len().min(room)]);
            if part.ends_with(b"\n") {
                judge(&line, line_no, &mut s);
                line.clear();
                line_no += 1;
            }
        }
        Ok(())
    })?;
    judge(&line, line_no, &mut s);
    if !carry.is_empty() {
        s.valid_utf8 = false;
    }
    Ok(s)
}

/// The encoding to read with, and how many leading bytes (a byte-order mark) to skip.
pub fn choose(sniff: &Sniff, enc: TextEncoding) -> (&'static Encoding, usize) {
    let skip = sniff.bom.map(|(_, len)| len).unwrap_or(0);
    let forced = match enc {
        TextEncoding::Utf8 => UTF_8,
        TextEncoding::Gbk => GB18030,
        TextEncoding::Utf16le => UTF_16LE,
        TextEncoding::Utf16be => UTF_16BE,
        TextEncoding::Auto => {
            return match sniff.bom {
                Some((e, len)) => (e, len),
                None if sniff.valid_utf8 => (UTF_8, 0),
                None => (GB18030, 0),
            }
        }
    };
    (forced, skip)
}

/// Whether the file read as `used` looks like two encodings pasted together: the first line
/// that reads differently, for the warning.
pub fn mixed_line(sniff: &Sniff, used: &'static Encoding) -> Option<u32> {
    if used == UTF_16LE || used == UTF_16BE {
        return None;
    }
    match (sniff.first_utf8_line, sniff.first_other_line) {
        (Some(u), Some(_)) if used == GB18030 => Some(u),
        _ => None,
    }
}

/// The second pass: decodes `r` (after skipping `skip` bytes) with `enc`, handing UTF-8 text
/// to `sink` piece by piece.
pub fn decode_stream(
    r: impl Read,
    enc: &'static Encoding,
    mut skip: usize,
    mut sink: impl FnMut(&str) -> Result<(), TransferError>,
) -> Result<(), TransferError> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(CHUNK * 3 + 16);
    let mut feed = |src: &[u8],
                    last: bool,
                    sink: &mut dyn FnMut(&str) -> Result<(), TransferError>| {
        let mut src = src;
        loop {
            let (result, read) = decoder.decode_to_string_without_replacement(src, &mut out, last);
            src = &src[read..];
            match result {
                DecoderResult::InputEmpty => {
                    if !out.is_empty() {
                        sink(&out)?;
                        out.clear();
                    }
                    return Ok(());
                }
                DecoderResult::OutputFull => {
                    sink(&out)?;
                    out.clear();
                    out.reserve(CHUNK * 3 + 16);
                }
                DecoderResult::Malformed(_, _) => return Err(TransferError::Encoding(enc.name())),
            }
        }
    };
    each_chunk(r, |chunk| {
        let start = skip.min(chunk.len());
        skip -= start;
        feed(&chunk[start..], false, &mut sink)
    })?;
    feed(&[], true, &mut sink)
}

/// The text of `bytes` and the name of the encoding used (both passes over a slice).
pub fn decode(bytes: &[u8], enc: TextEncoding) -> Result<(String, &'static str), TransferError> {
    let s = sniff(bytes)?;
    let (used, skip) = choose(&s, enc);
    let mut text = String::new();
    decode_stream(bytes, used, skip, |t| {
        text.push_str(t);
        Ok(())
    })?;
    Ok((text, used.name()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_encoding() {
        let (gbk, _, _) = GB18030.encode("昵称,手机\n张三,138");
        assert_eq!(
            decode(&gbk, TextEncoding::Auto).unwrap(),
            ("昵称,手机\n张三,138".into(), "gb18030")
        );
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("昵称".as_bytes());
        assert_eq!(decode(&bom, TextEncoding::Auto).unwrap().0, "昵称");
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "昵称".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(
            decode(&utf16, TextEncoding::Auto).unwrap(),
            ("昵称".into(), "UTF-16LE")
        );
        assert!(decode(&gbk, TextEncoding::Utf8).is_err());
    }

    #[test]
    fn a_forced_encoding_skips_a_contradicting_mark() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(&GB18030.encode("昵称\n张三").0);
        assert!(decode(&bytes, TextEncoding::Auto).is_err());
        assert_eq!(
            decode(&bytes, TextEncoding::Gbk).unwrap(),
            ("昵称\n张三".into(), "gb18030")
        );
    }

    #[test]
    fn mixed_files_are_noticed() {
        let mut bytes = GB18030.encode("昵称\n张三\n").0.into_owned();
        bytes.extend_from_slice("李四\n".as_bytes());
        let s = sniff(&bytes[..]).unwrap();
        assert!(!s.valid_utf8);
        assert_eq!(mixed_line(&s, GB18030), Some(3));
        let pure = GB18030.encode("昵称\n张三\n王五\n").0.into_owned();
        assert_eq!(mixed_line(&sniff(&pure[..]).unwrap(), GB18030), None);
    }

    #[test]
    fn a_character_split_between_pieces_is_still_utf8() {
        let text = "张".repeat(CHUNK); // 3 bytes each: pieces end inside characters
        let s = sniff(text.as_bytes()).unwrap();
        assert!(s.valid_utf8);
        assert_eq!(decode(text.as_bytes(), TextEncoding::Auto).unwrap().0, text);
    }
}
