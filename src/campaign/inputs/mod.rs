//! The files ad teams already have: Google Ads, Microsoft Advertising and
//! Meta exports, Google Merchant Center feeds and any other CSV, read into
//! the same [`CampaignFile`] a campaign JSON file gives. Nobody writes
//! campaign JSON by hand, so `audit` takes the platforms' own files as they
//! come (UTF-16 or UTF-8, tabs or commas, title lines above the header),
//! leaves out what does not run (paused ads, keyword rows) and counts it,
//! and names the file, row and column of every bad value.

mod build;
mod columns;
mod detect;
mod google_ads;
mod merchant;
mod meta;
mod microsoft_ads;
mod pick;
mod records;

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use super::CampaignFile;
use crate::campaign::{LoadError, LoadResult};

/// The kinds of input file `audit` reads. [`parse_input`] tells them
/// from the file's first bytes and header row:
///
/// ```
/// use landcheck::{parse_input, InputKind, InputOptions, SkipReason};
///
/// let export = "Campaign Name,Ad Set Name,Ad Name,Ad Status,Title,Link\n\
///     Spring,Runners,Pegasus,ACTIVE,Nike Air Zoom Pegasus 40,https://shop.example/p/40\n\
///     Spring,Runners,Old one,PAUSED,Nike Air Zoom Pegasus 39,https://shop.example/p/39\n";
/// let path = std::path::Path::new("meta.csv");
/// let loaded = parse_input(export.as_bytes(), path, &InputOptions::default()).unwrap();
/// assert_eq!(loaded.kind, InputKind::Meta);
/// let (campaign, ad) = loaded.file.ads().next().unwrap();
/// assert_eq!((campaign.name.as_str(), ad.product.name.as_str()), ("Spring", "Nike Air Zoom Pegasus 40"));
/// assert_eq!(loaded.file.ads().count(), 1);
/// assert_eq!(loaded.left_out.count(&SkipReason::Paused), 1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum InputKind {
    /// landcheck's own campaign JSON.
    Json,
    /// A Google Ads Editor export (UTF-16 tab-separated or UTF-8 CSV) or
    /// a report downloaded from the Google Ads web interface.
    GoogleAds,
    /// A Microsoft Advertising bulk file (CSV).
    MicrosoftAds,
    /// A Meta Ads Manager export (CSV or XLSX).
    Meta,
    /// A Google Merchant Center product feed (TSV, RSS 2.0 or Atom).
    MerchantFeed,
    /// Any other CSV, its columns mapped with [`InputOptions::columns`].
    Csv,
}

impl InputKind {
    /// Every kind, in the order the help text lists them.
    pub const ALL: [Self; 6] = [
        Self::Json,
        Self::GoogleAds,
        Self::MicrosoftAds,
        Self::Meta,
        Self::MerchantFeed,
        Self::Csv,
    ];

    /// The name used on the command line and in `landcheck.toml`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Json => "json",
            Self::GoogleAds => "google-ads",
            Self::MicrosoftAds => "microsoft-ads",
            Self::Meta => "meta",
            Self::MerchantFeed => "merchant-feed",
            Self::Csv => "csv",
        }
    }

    /// What the kind is, for messages: "a Google Ads export".
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Self::Json => "a campaign JSON file",
            Self::GoogleAds => "a Google Ads export",
            Self::MicrosoftAds => "a Microsoft Advertising bulk file",
            Self::Meta => "a Meta Ads Manager export",
            Self::MerchantFeed => "a Merchant Center product feed",
            Self::Csv => "a CSV file",
        }
    }
}

impl fmt::Display for InputKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for InputKind {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|k| k.name()).collect();
                format!(
                    "\"{s}\" is not an input kind; use one of {}",
                    names.join(", ")
                )
            })
    }
}

/// A field of the campaign model that a CSV column can fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum CampaignField {
    /// The ad's id (default: `row-N`, N the row number).
    Id,
    /// The campaign the ad belongs to (default: one campaign named after the file).
    Campaign,
    /// The landing URL (required).
    Url,
    /// The product name.
    Name,
    /// The brand.
    Brand,
    /// The price, `129.99 USD`, or only the amount when a currency column is mapped.
    Price,
    /// The price's ISO 4217 currency.
    Currency,
    /// The GTIN.
    Gtin,
    /// The shop's SKU.
    Sku,
    /// The manufacturer part number.
    Mpn,
    /// The category path.
    Category,
    /// The declared stock status: `in_stock`, `out_of_stock`, `preorder`, `backorder`.
    Availability,
    /// The ad's status: rows that say paused or removed are left out.
    Status,
}

impl CampaignField {
    /// Every field, in documentation order.
    pub const ALL: [Self; 13] = [
        Self::Id,
        Self::Campaign,
        Self::Url,
        Self::Name,
        Self::Brand,
        Self::Price,
        Self::Currency,
        Self::Gtin,
        Self::Sku,
        Self::Mpn,
        Self::Category,
        Self::Availability,
        Self::Status,
    ];

    /// Its name in `[input.columns]`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::Campaign => "campaign",
            Self::Url => "url",
            Self::Name => "name",
            Self::Brand => "brand",
            Self::Price => "price",
            Self::Currency => "currency",
            Self::Gtin => "gtin",
            Self::Sku => "sku",
            Self::Mpn => "mpn",
            Self::Category => "category",
            Self::Availability => "availability",
            Self::Status => "status",
        }
    }
}

impl FromStr for CampaignField {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|f| f.name() == s.trim())
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|f| f.name()).collect();
                format!(
                    "\"{s}\" is not a campaign field; map one of {}",
                    names.join(", ")
                )
            })
    }
}

/// How to read an input file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InputOptions {
    /// The kind of file; `None` detects it from the file's first bytes
    /// and header row.
    pub kind: Option<InputKind>,
    /// The columns whose text, joined by spaces, is the declared product
    /// name of an ad export; empty for each kind's default (`Headline 1`).
    pub name_from: Vec<String>,
    /// For [`InputKind::Csv`]: which column holds each campaign field.
    pub columns: Vec<(CampaignField, String)>,
    /// Audit paused ads too (removed ones are always left out).
    pub include_paused: bool,
    /// Leave invalid ads out as error rows instead of refusing the file
    /// (see [`CampaignFile::skipped`]).
    pub skip_invalid_ads: bool,
}

/// Why a row of an export is not audited.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum SkipReason {
    /// A paused ad (audited with `include_paused`).
    Paused,
    /// A removed, deleted or archived ad.
    Removed,
    /// A row that is not an ad; the text says what it is ("keyword").
    NotAnAd(String),
}

/// The rows of an export left out on purpose, counted by reason.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeftOut {
    counts: std::collections::BTreeMap<SkipReason, usize>,
}

impl LeftOut {
    pub(crate) fn add(&mut self, reason: SkipReason) {
        *self.counts.entry(reason).or_default() += 1;
    }

    /// How many rows were left out for `reason`.
    #[must_use]
    pub fn count(&self, reason: &SkipReason) -> usize {
        self.counts.get(reason).copied().unwrap_or(0)
    }

    /// How many rows were left out in all.
    #[must_use]
    pub fn total(&self) -> usize {
        self.counts.values().sum()
    }

    /// Each reason with its count.
    pub fn iter(&self) -> impl Iterator<Item = (&SkipReason, usize)> {
        self.counts.iter().map(|(r, n)| (r, *n))
    }
}

impl fmt::Display for LeftOut {
    /// "2 paused ads, 1 removed ad, 4 rows that are not ads (3 keyword, 1 ad group)".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        let mut parts = Vec::new();
        for (reason, word) in [
            (SkipReason::Paused, "paused"),
            (SkipReason::Removed, "removed"),
        ] {
            let n = self.count(&reason);
            if n > 0 {
                parts.push(format!("{n} {word} ad{}", plural(n)));
            }
        }
        let others: Vec<String> = self
            .iter()
            .filter_map(|(r, n)| match r {
                SkipReason::NotAnAd(what) => Some(format!("{n} {what}")),
                _ => None,
            })
            .collect();
        let n: usize = self
            .iter()
            .filter(|(r, _)| matches!(r, SkipReason::NotAnAd(_)))
            .map(|(_, n)| n)
            .sum();
        if n > 0 {
            let (rows, are) = if n == 1 {
                ("row", "is")
            } else {
                ("rows", "are")
            };
            parts.push(format!(
                "{n} {rows} that {are} not ads ({})",
                others.join(", ")
            ));
        }
        f.write_str(&parts.join(", "))
    }
}

/// An input file read into campaigns.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// The ads to audit (and, when invalid ads are skipped, those left out).
    pub file: CampaignFile,
    /// The kind of file it was read as.
    pub kind: InputKind,
    /// Rows left out on purpose: paused and removed ads, rows that are not ads.
    pub left_out: LeftOut,
}

/// Reads a campaign file of any [`InputKind`] from disk.
///
/// # Errors
/// [`LoadError::Read`] when the file cannot be read, and
/// [`LoadError::Invalid`] listing every problem (each with the file,
/// row or line, column and field) when it cannot be used.
pub fn load_input(path: &Path, options: &InputOptions) -> LoadResult<Loaded> {
    let bytes = std::fs::read(path).map_err(|source| LoadError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    parse_input(&bytes, path, options)
}

/// Reads the bytes of a campaign file of any [`InputKind`]; `path` names
/// the file in errors and, for exports without campaigns, the campaign.
///
/// # Errors
/// As [`load_input`].
pub fn parse_input(bytes: &[u8], path: &Path, options: &InputOptions) -> LoadResult<Loaded> {
    let source = detect::Source::read(bytes, path, options)?;
    let kind = source.kind;
    let loaded = match source.body {
        detect::Body::Json(text) => {
            let file = if options.skip_invalid_ads {
                super::parse_lenient(&text, path)?
            } else {
                super::parse(&text, path)?
            };
            return Ok(Loaded {
                file,
                kind,
                left_out: LeftOut::default(),
            });
        }
        detect::Body::Xml(text) => {
            let feed =
                merchant::read_xml(&text).map_err(|(line, m)| build::file_error(path, line, m))?;
            let mut builder = build::Builder::new(path, options);
            merchant::add(&feed.records, feed.title.as_deref(), options, &mut builder);
            builder.finish(kind)
        }
        detect::Body::Table(table) => {
            let mut builder = build::Builder::new(path, options);
            let added = match kind {
                InputKind::GoogleAds => google_ads::add(&table, options, &mut builder),
                InputKind::MicrosoftAds => microsoft_ads::add(&table, options, &mut builder),
                InputKind::Meta => meta::add(&table, options, &mut builder),
                InputKind::MerchantFeed => {
                    merchant::add(&table.records, None, options, &mut builder);
                    Ok(())
                }
                InputKind::Csv | InputKind::Json => columns::add(&table, options, &mut builder),
            };
            added.map_err(|m| build::file_error(path, table.header_line, m))?;
            builder.finish(kind)
        }
    };
    loaded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_fields_parse_from_their_names() {
        for kind in InputKind::ALL {
            assert_eq!(kind.name().parse::<InputKind>(), Ok(kind));
        }
        for field in CampaignField::ALL {
            assert_eq!(field.name().parse::<CampaignField>(), Ok(field));
        }
        let err = "excel".parse::<InputKind>().unwrap_err();
        assert!(err.contains("google-ads, microsoft-ads"), "{err}");
        assert!("title".parse::<CampaignField>().is_err());
    }

    #[test]
    fn left_out_reads_as_a_sentence() {
        let mut left = LeftOut::default();
        left.add(SkipReason::Paused);
        left.add(SkipReason::Paused);
        left.add(SkipReason::Removed);
        left.add(SkipReason::NotAnAd("keyword".into()));
        left.add(SkipReason::NotAnAd("keyword".into()));
        left.add(SkipReason::NotAnAd("ad group".into()));
        assert_eq!(
            left.to_string(),
            "2 paused ads, 1 removed ad, 3 rows that are not ads (1 ad group, 2 keyword)"
        );
        assert_eq!(left.total(), 6);
    }
}
