//! The campaign file: which ads exist, where each one points and which
//! product it promises. Loading validates every ad and reports all problems
//! at once, each with its file, line, column and JSON path, so a broken file
//! is fixed in one pass instead of one error per run.

mod entries;
mod error;
mod gtin;
mod inputs;
mod locate;
mod stream;
mod structure;
mod validate;
mod wording;

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};
use url::Url;

pub use entries::Entry;
pub use error::{CampaignError, CampaignErrors, LoadError, LoadResult};
pub use gtin::{Gtin, GtinError, GtinProblem};
pub use stream::{Chunk, StreamedFile, CHUNK_ADS};

pub use inputs::{
    load_input, parse_input, CampaignField, InputKind, InputOptions, LeftOut, Loaded, SkipReason,
};

/// A whole campaign file: the unit `landcheck audit` works on.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CampaignFile {
    /// The campaigns, in file order.
    pub campaigns: Vec<Campaign>,
    /// Ad entries left out because they are invalid (only with
    /// [`parse_lenient`]); each still gets its own error row.
    #[serde(skip)]
    pub skipped: Vec<SkippedAd>,
}

/// An ad entry left out of the audit because it is invalid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedAd {
    /// Position among all ad entries of the file, from 0.
    pub position: usize,
    /// The campaign it belongs to.
    pub campaign: String,
    /// Its id, or `#N` (its number in the file) when it has none.
    pub ad: String,
    /// Its URL as written, if any.
    pub url: String,
    /// Everything wrong with it.
    pub problems: Vec<CampaignError>,
}

/// One campaign: a named group of ads.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Campaign {
    /// Stable identifier, used in reports.
    pub id: String,
    /// Human name shown in the table report.
    pub name: String,
    /// The campaign's ads, in file order.
    pub ads: Vec<Ad>,
}

/// One ad: a target URL and the product it promises.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Ad {
    /// Identifier, unique in the file.
    pub id: String,
    /// The ad's target URL, tracking parameters included.
    pub url: Url,
    /// The URL the ad shows people, when it differs from where it points
    /// (a click tracker): the visitor must end up on its site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_url: Option<Url>,
    /// What the ad promises the visitor will find.
    pub product: DeclaredProduct,
    /// Which kind of page the ad should open.
    #[serde(default)]
    pub expect: Expectation,
}

/// The product an ad declares.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DeclaredProduct {
    /// Product name as the ad shows it.
    pub name: String,
    /// Brand, if the ad names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
    /// Free-text category path, e.g. `Shoes > Running shoes`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Price the ad shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<Money>,
    /// Global trade item number (EAN/UPC/ISBN), 8, 12, 13 or 14 digits
    /// with a right check digit; the file may write it as text or as a
    /// number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gtin: Option<Gtin>,
    /// The shop's stock keeping unit.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "gtin::code_text_or_number"
    )]
    pub sku: Option<String>,
    /// Manufacturer part number.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "gtin::code_text_or_number"
    )]
    pub mpn: Option<String>,
    /// The stock status a product feed declares.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability: Option<Stock>,
}

/// A stock status as a product feed declares it (Merchant Center's values).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Stock {
    /// `in_stock`: can be bought now.
    InStock,
    /// `out_of_stock`: cannot be bought now.
    OutOfStock,
    /// `preorder`: can be ordered before release.
    Preorder,
    /// `backorder`: can be ordered now and ships later.
    Backorder,
}

impl Stock {
    /// Whether a visitor can order it.
    #[must_use]
    pub fn orderable(self) -> bool {
        self != Self::OutOfStock
    }
}

impl fmt::Display for Stock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::InStock => "in stock",
            Self::OutOfStock => "out of stock",
            Self::Preorder => "preorder",
            Self::Backorder => "backorder",
        })
    }
}

impl std::str::FromStr for Stock {
    type Err = String;

    /// `in_stock`, `in stock` and `In Stock` alike.
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s
            .trim()
            .to_ascii_lowercase()
            .replace([' ', '-'], "_")
            .as_str()
        {
            "in_stock" => Ok(Self::InStock),
            "out_of_stock" => Ok(Self::OutOfStock),
            "preorder" | "pre_order" => Ok(Self::Preorder),
            "backorder" | "back_order" => Ok(Self::Backorder),
            _ => Err(format!(
                "\"{s}\" is not a stock status: use in_stock, out_of_stock, preorder or backorder"
            )),
        }
    }
}

/// An amount of money in an ISO 4217 currency.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Money {
    /// The amount, e.g. `129.99`.
    pub amount: f64,
    /// Three-letter ISO 4217 code, e.g. `USD`.
    pub currency: String,
}

/// What the ad expects of its landing page.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Expectation {
    /// The kind of page the ad should open.
    #[serde(default)]
    pub page: ExpectedPage,
}

/// The kind of page an ad should open.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum ExpectedPage {
    /// The declared product's own page (the default).
    #[default]
    Product,
    /// A listing of the declared category.
    Category,
}

impl fmt::Display for ExpectedPage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Product => "product",
            Self::Category => "category",
        })
    }
}

/// Reads and validates a campaign file from disk: campaign JSON, or any
/// other [`InputKind`], told from the file's first bytes and header row.
///
/// # Errors
/// [`LoadError::Read`] when the file cannot be read and
/// [`LoadError::Invalid`] listing every problem when it is not valid.
pub fn load(path: &Path) -> LoadResult<CampaignFile> {
    load_input(path, &InputOptions::default()).map(|loaded| loaded.file)
}

/// Validates campaign JSON text; `path` only names the file in errors.
///
/// # Errors
/// [`LoadError::Invalid`] listing every problem found.
pub fn parse(text: &str, path: &Path) -> LoadResult<CampaignFile> {
    let text = without_bom(text);
    let located = |problems: Vec<validate::Problem>| locate_all(text, path, problems);
    let valid = validate::parse(text).map_err(located)?;
    if valid.invalid.is_empty() {
        return Ok(valid.file);
    }
    let problems = valid
        .invalid
        .into_iter()
        .flat_map(|ad| ad.problems)
        .collect();
    Err(located(problems))
}

/// Like [`parse`], but an invalid ad entry only leaves that ad out: it is
/// listed in [`CampaignFile::skipped`] and every other ad is still audited.
///
/// # Errors
/// [`LoadError::Invalid`] when the file as a whole is unusable (not
/// JSON, no campaigns, a campaign without id, name or ads).
pub fn parse_lenient(text: &str, path: &Path) -> LoadResult<CampaignFile> {
    let text = without_bom(text);
    let valid = validate::parse(text).map_err(|problems| locate_all(text, path, problems))?;
    let mut file = valid.file;
    file.skipped = valid
        .invalid
        .into_iter()
        .map(|ad| SkippedAd {
            position: ad.position,
            campaign: ad.campaign,
            ad: ad.ad,
            url: ad.url,
            problems: located(text, ad.problems),
        })
        .collect();
    Ok(file)
}

/// What is wrong with one ad built in code (e.g. from command-line flags),
/// by the same rules as a campaign file; empty when it is valid.
#[must_use]
pub fn ad_problems(ad: &Ad) -> Vec<String> {
    validate::ad_problems(ad)
}

/// Reads a campaign file of any [`InputKind`], leaving invalid ads out
/// as [`parse_lenient`] does.
///
/// # Errors
/// As [`load`], for the file as a whole only.
pub fn load_lenient(path: &Path) -> LoadResult<CampaignFile> {
    let options = InputOptions {
        skip_invalid_ads: true,
        ..InputOptions::default()
    };
    load_input(path, &options).map(|loaded| loaded.file)
}

/// The text without the byte-order mark that Windows tools and
/// spreadsheets put at the start of UTF-8 files.
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

fn located(text: &str, problems: Vec<validate::Problem>) -> Vec<CampaignError> {
    let mut located: Vec<CampaignError> = problems
        .into_iter()
        .map(|p| {
            let (line, column) = p
                .position
                .unwrap_or_else(|| locate::line_column(text, &p.path));
            CampaignError {
                line,
                column,
                path: p.path.to_string(),
                message: p.message,
            }
        })
        .collect();
    // In file order, whichever check found them.
    located.sort_by_key(|p| (p.line, p.column));
    located
}

fn locate_all(text: &str, path: &Path, problems: Vec<validate::Problem>) -> LoadError {
    LoadError::Invalid(CampaignErrors {
        file: path.to_path_buf(),
        problems: located(text, problems),
    })
}
