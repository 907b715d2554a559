//! Bytes to text for CSV files. Chinese Excel saves CSV in GBK by default, other tools write
//! UTF-8 with or without a byte-order mark, and "Unicode text" is UTF-16 with a mark. The
//! automatic choice is exact, not statistical: a byte-order mark decides; otherwise text that
//! is valid UTF-8 is UTF-8 (GBK text almost never is); otherwise GB18030, the superset of GBK
//! and GB2312. The user can override it when a preview looks wrong.
use super::TransferError;
use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};
use serde::{Deserialize, Serialize};
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

/// The text of `bytes` and the name of the encoding used.
pub fn decode(bytes: &[u8], enc: TextEncoding) -> Result<(String, &'static str), TransferError> {
    let chosen: &'static Encoding = match enc {
        TextEncoding::Utf8 => UTF_8,
        TextEncoding::Gbk => GB18030,
        TextEncoding::Utf16le => UTF_16LE,
        TextEncoding::Utf16be => UTF_16BE,
        TextEncoding::Auto => match Encoding::for_bom(bytes) {
            Some((e, _)) => e,
            None if std::str::from_utf8(bytes).is_ok() => UTF_8,
            None => GB18030,
        },
    };
    // `decode` strips a BOM of the same encoding; malformed input is an error, never a guess.
    let (text, used, bad) = chosen.decode(bytes);
    if bad {
        return Err(TransferError::Encoding(used.name()));
    }
    Ok((text.into_owned(), used.name()))
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
}
