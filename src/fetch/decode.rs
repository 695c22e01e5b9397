//! Bytes to text with the charset a browser would pick: byte order mark,
//! then the HTTP header, then `<meta charset>` in the first kilobytes, then
//! UTF-8 when the bytes are valid UTF-8, else Windows-1252 (what browsers
//! use for undeclared Western pages).

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use regex::bytes::Regex;
use std::sync::LazyLock;

/// How far into the document `<meta charset>` is looked for.
const PRESCAN_BYTES: usize = 4096;

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_\-:.]+)"#).expect("valid regex")
});

/// Decodes an HTML body; returns the text and the encoding's name.
pub(crate) fn decode_html(bytes: &[u8], content_type: Option<&str>) -> (String, &'static str) {
    let encoding = Encoding::for_bom(bytes)
        .map(|(enc, _)| enc)
        .or_else(|| content_type.and_then(header_charset))
        .or_else(|| meta_charset(bytes))
        .unwrap_or_else(|| {
            if std::str::from_utf8(bytes).is_ok() {
                UTF_8
            } else {
                WINDOWS_1252
            }
        });
    let (text, used, _had_errors) = encoding.decode(bytes);
    (text.into_owned(), used.name())
}

fn header_charset(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|param| {
        let (key, value) = param.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| Encoding::for_label(value.trim().trim_matches('"').as_bytes()))?
    })
}

fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let label = META_CHARSET.captures(head)?.get(1)?;
    let encoding = Encoding::for_label(label.as_bytes())?;
    // A page cannot declare itself UTF-16 from inside an ASCII-compatible body.
    Some(if encoding.is_single_byte() || encoding == UTF_8 {
        encoding
    } else {
        UTF_8
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_meta_charset_reads_swedish() {
        let (bytes, _, _) =
            WINDOWS_1252.encode("<meta charset=\"iso-8859-1\"><p>Lägg i varukorg</p>");
        let (text, name) = decode_html(&bytes, Some("text/html"));
        assert!(text.contains("Lägg i varukorg"));
        assert_eq!(name, "windows-1252");
    }

    #[test]
    fn header_wins_over_meta_and_bom_wins_over_header() {
        let (bytes, _, _) = WINDOWS_1252.encode("<meta charset=utf-8>Köp");
        let (text, _) = decode_html(&bytes, Some("text/html; charset=ISO-8859-1"));
        assert!(text.ends_with("Köp"));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("Köp".as_bytes());
        let (text, name) = decode_html(&bom, Some("text/html; charset=iso-8859-1"));
        assert_eq!((text.as_str(), name), ("Köp", "UTF-8"));
    }

    #[test]
    fn undeclared_invalid_utf8_falls_back_to_windows_1252() {
        let (text, name) = decode_html(b"caf\xe9", None);
        assert_eq!((text.as_str(), name), ("café", "windows-1252"));
    }
}
