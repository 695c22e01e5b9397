//! Bytes to text with the charset a browser would pick: byte order mark,
//! then the HTTP header, then `<meta charset>` in the first kilobytes, then
//! UTF-8 when the bytes are valid UTF-8, else the encoding Firefox would
//! guess from the bytes and the domain (chardetng).

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, X_USER_DEFINED};
use regex::bytes::Regex;
use std::sync::LazyLock;
use url::Url;

/// How far into the document `<meta charset>` is looked for.
const PRESCAN_BYTES: usize = 4096;

static META_CHARSET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_\-:.]+)"#).expect("valid regex")
});

/// Decodes an HTML body the way a browser would; returns the text and the
/// encoding's name. `url` helps guess an undeclared legacy encoding.
#[must_use]
pub fn decode_html(bytes: &[u8], content_type: Option<&str>, url: &Url) -> (String, &'static str) {
    let bom = Encoding::for_bom(bytes).map(|(enc, _)| enc);
    let declared = content_type.and_then(header_charset);
    let encoding = bom
        .or(declared)
        .or_else(|| meta_charset(bytes))
        .unwrap_or_else(|| {
            if std::str::from_utf8(bytes).is_ok() {
                UTF_8
            } else {
                guess(bytes, url)
            }
        });
    let (text, used, had_errors) = encoding.decode(bytes);
    // A page whose `<meta>` names a legacy charset its bytes do not fit,
    // while they are valid UTF-8, was saved or served as UTF-8.
    if had_errors && bom.is_none() && declared.is_none() && std::str::from_utf8(bytes).is_ok() {
        let (text, used, _) = UTF_8.decode(bytes);
        return (text.into_owned(), used.name());
    }
    (text.into_owned(), used.name())
}

/// What a browser would guess for an undeclared page.
fn guess(bytes: &[u8], url: &Url) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let tld = url
        .domain()
        .and_then(|d| d.rsplit('.').next())
        .map(str::as_bytes);
    detector.guess(tld, Utf8Detection::Deny)
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
    // A page cannot declare itself UTF-16 from inside an ASCII-compatible
    // body; every other label, Shift_JIS, EUC-JP, GBK, Big5 and EUC-KR
    // among them, is honoured as a browser honours it.
    Some(if encoding == UTF_16LE || encoding == UTF_16BE {
        UTF_8
    } else if encoding == X_USER_DEFINED {
        WINDOWS_1252
    } else {
        encoding
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::WINDOWS_1251;

    fn url() -> Url {
        Url::parse("https://butik.example/p").unwrap()
    }

    #[test]
    fn multi_byte_meta_charsets_are_honoured() {
        for (label, text) in [
            ("Shift_JIS", "カートに入れる 16,500円"),
            ("EUC-JP", "品切れ"),
            ("GBK", "加入购物车"),
            ("Big5", "加入購物車"),
            ("EUC-KR", "장바구니 담기"),
        ] {
            let encoding = Encoding::for_label(label.as_bytes()).unwrap();
            let page =
                format!("<html><head><meta charset=\"{label}\"></head><body>{text}</body></html>");
            let (body, _, _) = encoding.encode(&page);
            let (html, used) = decode_html(&body, None, &url());
            assert!(html.contains(text), "{label}: {html}");
            assert_eq!(used, encoding.name());
        }
    }

    #[test]
    fn utf8_bytes_under_a_wrong_legacy_meta_stay_utf8() {
        let body = "<meta charset=\"EUC-JP\"><p>ヘッドホン</p>".as_bytes();
        let (html, used) = decode_html(body, None, &url());
        assert!(html.contains("ヘッドホン"));
        assert_eq!(used, "UTF-8");
    }

    #[test]
    fn latin1_meta_charset_reads_swedish() {
        let (bytes, _, _) =
            WINDOWS_1252.encode("<meta charset=\"iso-8859-1\"><p>Lägg i varukorg</p>");
        let (text, name) = decode_html(&bytes, Some("text/html"), &url());
        assert!(text.contains("Lägg i varukorg"));
        assert_eq!(name, "windows-1252");
    }

    #[test]
    fn header_wins_over_meta_and_bom_wins_over_header() {
        let (bytes, _, _) = WINDOWS_1252.encode("<meta charset=utf-8>Köp");
        let (text, _) = decode_html(&bytes, Some("text/html; charset=ISO-8859-1"), &url());
        assert!(text.ends_with("Köp"));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("Köp".as_bytes());
        let (text, name) = decode_html(&bom, Some("text/html; charset=iso-8859-1"), &url());
        assert_eq!((text.as_str(), name), ("Köp", "UTF-8"));
    }

    #[test]
    fn undeclared_legacy_charsets_are_guessed() {
        let (bytes, _, _) =
            WINDOWS_1252.encode("<p>Lägg i varukorg – köp nu, så får du den på fredag</p>");
        let (text, name) = decode_html(&bytes, None, &url());
        assert_eq!(name, "windows-1252");
        assert!(text.contains("Lägg i varukorg"));
        let (bytes, _, _) =
            WINDOWS_1251.encode("<p>Добавить в корзину, купить сейчас и получить скидку</p>");
        let ru = Url::parse("https://shop.ru/p").unwrap();
        let (text, _) = decode_html(&bytes, Some("text/html"), &ru);
        assert!(text.contains("Добавить в корзину"), "{text}");
    }

    #[test]
    fn invalid_utf8_declared_as_utf8_is_replaced_not_fatal() {
        let (text, name) = decode_html(
            b"<p>ok \xff\xfe end</p>",
            Some("text/html; charset=utf-8"),
            &url(),
        );
        assert_eq!(name, "UTF-8");
        assert!(text.contains("ok \u{fffd}\u{fffd} end"));
    }
}
