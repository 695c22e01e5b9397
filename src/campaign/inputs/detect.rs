//! Which kind of file this is, from its first bytes and its header row:
//! a byte order mark or UTF-16 says how to decode it, `{` means campaign
//! JSON, `<` a Merchant Center XML feed, a ZIP archive a workbook, and the
//! header row's columns tell the ad platforms' exports apart. Title and
//! date-range lines above the header (the Google Ads web download) are
//! passed over.

use std::collections::HashSet;
use std::path::Path;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::build::file_error;
use super::records::{self, norm, Rows, Table};
use super::{InputKind, InputOptions};
use crate::campaign::LoadResult;

/// How many rows may stand above the header row.
const HEADER_SEARCH_ROWS: usize = 20;

/// The file's content, ready for the reader of its kind.
pub(crate) enum Body {
    /// Campaign JSON text.
    Json(String),
    /// A Merchant Center RSS or Atom feed.
    Xml(String),
    /// A header row and the rows under it.
    Table(Table),
}

/// A file with its kind known.
pub(crate) struct Source {
    pub(crate) kind: InputKind,
    pub(crate) body: Body,
}

impl Source {
    /// Decodes `bytes` and tells their kind (or takes the one `options` names).
    pub(crate) fn read(bytes: &[u8], path: &Path, options: &InputOptions) -> LoadResult<Self> {
        let named = options.kind;
        let rows = if is_workbook(bytes) {
            records::read_workbook(bytes).map_err(|m| file_error(path, 1, m))?
        } else {
            let text = decode(bytes);
            let first = text.trim_start().chars().next();
            if named == Some(InputKind::Json) || (named.is_none() && first == Some('{')) {
                return Ok(Self {
                    kind: InputKind::Json,
                    body: Body::Json(text),
                });
            }
            if first == Some('<') && named.is_none_or(|k| k == InputKind::MerchantFeed) {
                return Ok(Self {
                    kind: InputKind::MerchantFeed,
                    body: Body::Xml(text),
                });
            }
            records::read_delimited(&text).map_err(|m| file_error(path, 1, m))?
        };
        let (header, kind) = header(&rows, options).map_err(|m| file_error(path, 1, m))?;
        Ok(Self {
            kind,
            body: Body::Table(records::table(rows, header)),
        })
    }
}

/// ZIP (XLSX, ODS) or OLE (XLS) magic numbers.
fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// Text from bytes: a byte order mark decides, then UTF-16 without one
/// (every other byte zero), then UTF-8, else Windows-1252 (Excel's CSV).
pub(crate) fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return decoded(encoding, &bytes[bom..]);
    }
    let zero_at = |i: usize| bytes.len() >= 4 && bytes[i] == 0 && bytes[i + 2] == 0;
    if zero_at(1) && bytes[0] != 0 {
        return decoded(UTF_16LE, bytes);
    }
    if zero_at(0) && bytes[1] != 0 {
        return decoded(UTF_16BE, bytes);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => decoded(WINDOWS_1252, bytes),
    }
}

fn decoded(encoding: &'static Encoding, bytes: &[u8]) -> String {
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// The header row's index and the file's kind.
fn header(rows: &Rows, options: &InputOptions) -> std::result::Result<(usize, InputKind), String> {
    let candidates = rows.iter().take(HEADER_SEARCH_ROWS).enumerate();
    let mut first_wide = None;
    for (i, (_, cells)) in candidates {
        let seen: HashSet<String> = cells.iter().map(|c| norm(c)).collect();
        if first_wide.is_none() && cells.iter().filter(|c| !c.is_empty()).count() >= 2 {
            first_wide = Some(i);
        }
        match (options.kind, signature(&seen, options)) {
            (None, Some(kind)) => return Ok((i, kind)),
            (Some(named), Some(kind)) if named == kind => return Ok((i, kind)),
            _ => {}
        }
    }
    if let (Some(kind), Some(i)) = (options.kind, first_wide) {
        return Ok((i, kind));
    }
    let Some(i) = first_wide else {
        return Err("holds no header row: expected a row of column names such as \"Campaign\", \"Final URL\", \"Headline 1\"".to_owned());
    };
    let header: Vec<String> = rows[i]
        .1
        .iter()
        .filter(|c| !c.is_empty())
        .map(|c| format!("\"{c}\""))
        .collect();
    Err(format!(
        "cannot tell which kind of export this is from its columns ({}); name the kind (google-ads, microsoft-ads, meta, merchant-feed or csv) or map its columns to campaign fields",
        header.join(", ")
    ))
}

/// The kind whose columns `names` (normalized) are, if any.
fn signature(names: &HashSet<String>, options: &InputOptions) -> Option<InputKind> {
    let has = |n: &str| names.contains(n);
    let mapped =
        !options.columns.is_empty() && options.columns.iter().all(|(_, column)| has(&norm(column)));
    if mapped {
        Some(InputKind::Csv)
    } else if has("type") && has("status") && (has("ad group") || has("parent id")) {
        Some(InputKind::MicrosoftAds)
    } else if has("campaign name") && (has("ad name") || has("ad set name")) {
        Some(InputKind::Meta)
    } else if has("campaign")
        && (has("ad group") || has("ad type"))
        && (has("final url") || has("headline 1") || has("ad type"))
    {
        Some(InputKind::GoogleAds)
    } else if has("id") && has("title") && (has("link") || has("ads redirect")) {
        Some(InputKind::MerchantFeed)
    } else if has("url") && has("name") {
        Some(InputKind::Csv)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(text: &str) -> std::result::Result<(usize, InputKind), String> {
        header(
            &records::read_delimited(text).unwrap(),
            &InputOptions::default(),
        )
    }

    #[test]
    fn utf16_with_and_without_bom_and_legacy_bytes_decode() {
        let utf16: Vec<u8> = "Campaign\tAd group"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let with_bom = [&[0xFF, 0xFE][..], &utf16].concat();
        assert_eq!(decode(&with_bom), "Campaign\tAd group");
        assert_eq!(decode(&utf16), "Campaign\tAd group");
        assert_eq!(decode(b"\xEF\xBB\xBFid"), "id");
        assert_eq!(decode(b"K\xe5nken"), "Kånken");
    }

    #[test]
    fn each_platform_is_told_by_its_header() {
        let google = "Ad report\n\"December 1, 2026 - December 31, 2026\"\nCampaign,Ad group,Final URL,Headline 1\n";
        assert_eq!(kind_of(google), Ok((2, InputKind::GoogleAds)));
        let microsoft = "Type,Status,Id,Parent Id,Campaign,Ad Group,Final Url\n";
        assert_eq!(kind_of(microsoft), Ok((0, InputKind::MicrosoftAds)));
        let meta = "Campaign Name,Ad Set Name,Ad Name,Link\n";
        assert_eq!(kind_of(meta), Ok((0, InputKind::Meta)));
        let feed = "id\ttitle\tlink\tprice\n";
        assert_eq!(kind_of(feed), Ok((0, InputKind::MerchantFeed)));
        let err = kind_of("Product,Landing page\n").unwrap_err();
        assert!(err.contains("(\"Product\", \"Landing page\")"), "{err}");
    }

    #[test]
    fn mapped_columns_make_a_csv() {
        let options = InputOptions {
            columns: vec![(super::super::CampaignField::Url, "Landing page".into())],
            ..InputOptions::default()
        };
        let rows = records::read_delimited("Product,Landing page\n").unwrap();
        assert_eq!(header(&rows, &options), Ok((0, InputKind::Csv)));
    }
}
