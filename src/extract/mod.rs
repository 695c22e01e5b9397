//! The extract stage: one parse of a landing page into [`PageFacts`], the
//! product identity and page signals a scorer needs, each fact tagged with
//! the [`Source`] it came from. It knows nothing of ads.
//!
//! Sources are read in order of trust: JSON-LD, microdata, `OpenGraph`, then
//! the visible HTML and the URL; the first source that has a fact wins.

mod buy_control;
mod choose;
mod classify;
mod dom;
mod fact_text;
mod html;
mod index;
mod jsonld;
mod kind_evidence;
mod markers;
mod microdata;
mod nesting;
mod offers;
mod opengraph;
mod page_kind;
mod page_words;
mod price;
mod price_on_show;
mod signals;
mod stock;
mod structured;
mod tiles;
mod trail;
mod unread_values;
mod url_habits;
mod walls;

use scraper::Html;
use serde::{Deserialize, Serialize};
use url::Url;

pub use offers::{AggregateOffer, Offer};
pub use page_kind::PageKind;
pub use price::{Availability, Price};

use structured::ProductCandidate;

/// Where a fact was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Source {
    /// schema.org JSON-LD in a `<script type="application/ld+json">`.
    Jsonld,
    /// schema.org microdata (`itemscope`/`itemprop`).
    Microdata,
    /// `OpenGraph` and `product:*` meta tags.
    Og,
    /// Visible HTML: headings, breadcrumbs, price text, buttons.
    Html,
    /// The page's URL.
    Url,
}

impl Source {
    /// The short name used in reports and JSON, e.g. `jsonld`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Jsonld => "jsonld",
            Self::Microdata => "microdata",
            Self::Og => "og",
            Self::Html => "html",
            Self::Url => "url",
        }
    }

    /// The name people know the markup by, e.g. `JSON-LD`.
    #[must_use]
    pub fn markup_name(self) -> &'static str {
        match self {
            Self::Jsonld => "JSON-LD",
            Self::Microdata => "microdata",
            Self::Og => "OpenGraph",
            Self::Html => "HTML",
            Self::Url => "URL",
        }
    }
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact<T> {
    /// The value found.
    pub value: T,
    /// Where it was found.
    pub source: Source,
}

/// The page's main product as found in the markup.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProductFacts {
    /// Product name.
    pub name: Option<Fact<String>>,
    /// Brand (or author, for books).
    pub brand: Option<Fact<String>>,
    /// GTIN, EAN, UPC or ISBN.
    pub gtin: Option<Fact<String>>,
    /// The shop's SKU.
    pub sku: Option<Fact<String>>,
    /// Manufacturer part number.
    pub mpn: Option<Fact<String>>,
    /// Category as the product markup states it.
    pub category: Option<Fact<String>>,
    /// The price offered.
    pub price: Option<Fact<Price>>,
    /// Stock status.
    pub availability: Option<Fact<Availability>>,
    /// Every offer and variant the markup lists, when it lists any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub offers: Vec<Offer>,
    /// An `AggregateOffer` summing up several offers, when the markup has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aggregate_offer: Option<AggregateOffer>,
}

/// A listing of products on the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listing {
    /// How many products it lists.
    pub items: usize,
    /// What it was recognised by, e.g. `ItemList` or `product tiles`.
    pub found_as: String,
}

/// Everything landcheck knows about one landing page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PageFacts {
    /// What kind of page this is.
    pub kind: PageKind,
    /// One line saying why, e.g. "category page: `ItemList` of 48 products".
    pub kind_reason: String,
    /// `<html lang>`.
    pub lang: Option<String>,
    /// `<title>`.
    pub title: Option<String>,
    /// The first `<h1>`.
    pub h1: Option<String>,
    /// `<link rel="canonical">`.
    pub canonical: Option<String>,
    /// The page's own product, if it presents one.
    pub product: ProductFacts,
    /// The breadcrumb trail, home first.
    pub breadcrumbs: Option<Fact<Vec<String>>>,
    /// The label of a visible add-to-cart or buy control.
    pub add_to_cart: Option<Fact<String>>,
    /// A listing of several products.
    pub listing: Option<Fact<Listing>>,
    /// schema.org page types and `og:type` found, e.g. `SearchResultsPage`.
    pub page_types: Vec<Fact<String>>,
    /// Wording that says the page or product does not exist.
    pub not_found: Option<Fact<String>>,
    /// The bot wall, captcha or login wall that answered instead of the
    /// shop, named with its evidence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blocked: Option<String>,
    /// Why the page looks rendered by script, when it does.
    pub script_rendered: Option<String>,
    /// What hides the shop from a first visit: an age check, a country
    /// picker or a cookie wall.
    pub gate: Option<String>,
    /// Lower-case words of the final URL's path.
    pub url_tokens: Vec<String>,
    /// The count a listing gives of what it shows ("53 products found").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result_count: Option<String>,
    /// Words that say the page answers a search ("Search results for").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search_words: Option<String>,
    /// How many prices are on show outside product tiles, menus, header
    /// and footer.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub loose_prices: usize,
    /// Why part of the page was not read, when it was not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub truncated: Option<String>,
}

/// Products listed one after another, not inside a list, that make a page
/// a listing rather than a product page with a few related items.
const LISTED_PRODUCTS: usize = 6;

/// Extracts the facts of an HTML page reached at `url` with HTTP `status`.
/// Synchronous and CPU-bound: run it off the async reactor.
#[must_use]
pub fn extract(html: &str, url: &Url, status: u16) -> PageFacts {
    let (markup, cut) = nesting::parseable(html);
    let doc = Html::parse_document(&markup);
    drop(markup);
    // Markers of bot walls are read in the page as served, scripts included.
    let html = &html[..cut.unwrap_or(html.len())];
    let page = index::PageIndex::new(&doc);
    let sources = [
        (Source::Jsonld, jsonld::read(&page)),
        (Source::Microdata, microdata::read(&page)),
        (Source::Og, opengraph::read(&page)),
    ];
    let visible = html::read(&page, url);

    let mut product = ProductFacts::default();
    let mut page_types = Vec::new();
    let mut breadcrumbs = None;
    let mut listing = None;
    let page_urls: Vec<Url> = std::iter::once(url.clone())
        .chain(visible.canonical.as_deref().and_then(|c| url.join(c).ok()))
        .collect();
    let headings: Vec<&str> = [visible.h1.as_deref(), visible.title.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    for (source, found) in &sources {
        match choose::main_product(&found.products, &headings, &page_urls) {
            Some((main, choose::Agreement::Confirmed)) => {
                let main = choose::with_variant_blocks(&found.products, main);
                merge(&mut product, &main, *source);
            }
            Some((main, choose::Agreement::Unknown)) if found.products.len() < LISTED_PRODUCTS => {
                merge(&mut product, main, *source);
            }
            Some(_) if found.listing.is_none() && found.products.len() >= LISTED_PRODUCTS => {
                listing = listing.or(Some(Fact {
                    value: Listing {
                        items: found.products.len(),
                        found_as: "listed Products".into(),
                    },
                    source: *source,
                }));
            }
            _ => {}
        }
        page_types.extend(found.types.iter().map(|t| Fact {
            value: t.clone(),
            source: *source,
        }));
        breadcrumbs = breadcrumbs.or_else(|| fact(found.breadcrumbs.clone(), *source));
        listing = listing.or_else(|| fact(found.listing.clone(), *source));
    }
    merge(&mut product, &visible.product, Source::Html);
    offers::settle(&mut product, url);
    sold_out_on_show(&mut product, visible.product.availability);
    let blocked = walls::bot_wall(
        html,
        visible.title.as_deref(),
        &visible.text_head,
        visible.body_chars,
        url,
    );
    let breadcrumbs = breadcrumbs.or_else(|| fact(visible.breadcrumbs, Source::Html));
    let listing = listing.or_else(|| fact(visible.listing, Source::Html));

    let mut facts = PageFacts {
        kind: PageKind::Unknown,
        kind_reason: String::new(),
        lang: visible.lang,
        title: visible.title,
        h1: visible.h1,
        canonical: visible.canonical,
        product,
        breadcrumbs,
        add_to_cart: fact(visible.add_to_cart, Source::Html),
        listing,
        page_types,
        not_found: fact(visible.not_found, Source::Html),
        blocked,
        script_rendered: visible.script_rendered,
        gate: visible.gate,
        url_tokens: url_habits::path_words(url),
        loose_prices: visible.loose_prices,
        result_count: visible.result_count,
        search_words: visible.search_words,
        truncated: cut.map(|at| {
            format!(
                "the markup nests more than {} elements deep at byte {at}; the rest of the page was not read",
                nesting::MAX_DEPTH
            )
        }),
    };
    let (kind, reason) = page_kind::classify(&facts, url, status);
    facts.kind = kind;
    facts.kind_reason = reason;
    facts
}

/// Extracts the facts of a fetched page; a bot protection named in its
/// response headers makes it `blocked` whatever the body shows.
#[must_use]
pub fn extract_page(page: &crate::page::Page) -> PageFacts {
    let mut facts = extract(&page.body, &page.final_url, page.status);
    if let Some(protection) = &page.protection {
        if facts.kind != PageKind::Blocked {
            facts.kind = PageKind::Blocked;
            facts.kind_reason = format!("blocked: {protection} (+20)");
        }
        facts.blocked.get_or_insert_with(|| protection.clone());
    }
    facts
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's skip_serializing_if passes a reference
fn is_zero(n: &usize) -> bool {
    *n == 0
}

fn fact<T>(value: Option<T>, source: Source) -> Option<Fact<T>> {
    value.map(|value| Fact { value, source })
}

/// A sold-out line or button on show beats a stale "in stock" in markup.
fn sold_out_on_show(product: &mut ProductFacts, seen: Option<Availability>) {
    let Some(seen) = seen.filter(|a| !a.purchasable()) else {
        return;
    };
    if product
        .availability
        .as_ref()
        .is_some_and(|a| a.value.purchasable())
    {
        product.availability = Some(Fact {
            value: seen,
            source: Source::Html,
        });
    }
}

/// Fills each still-empty field of `into` from `from`.
fn merge(into: &mut ProductFacts, from: &ProductCandidate, source: Source) {
    fn fill<T: Clone>(slot: &mut Option<Fact<T>>, value: Option<&T>, source: Source) {
        if slot.is_none() {
            *slot = value.map(|v| Fact {
                value: v.clone(),
                source,
            });
        }
    }
    fill(&mut into.name, from.name.as_ref(), source);
    fill(&mut into.brand, from.brand.as_ref(), source);
    fill(&mut into.gtin, from.gtin.as_ref(), source);
    fill(&mut into.sku, from.sku.as_ref(), source);
    fill(&mut into.mpn, from.mpn.as_ref(), source);
    fill(&mut into.category, from.category.as_ref(), source);
    fill(&mut into.price, from.price.as_ref(), source);
    fill(&mut into.availability, from.availability.as_ref(), source);
    if into.offers.is_empty() {
        into.offers.clone_from(&from.offers);
    }
    if into.aggregate_offer.is_none() {
        into.aggregate_offer.clone_from(&from.aggregate_offer);
    }
}

/// The pages of the team's quality corpus, each with its path, for tests
/// that must hold on every one of them.
#[cfg(test)]
pub(crate) fn corpus_pages() -> Vec<(std::path::PathBuf, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/quality/pages");
    let mut pages: Vec<_> = std::fs::read_dir(dir)
        .expect("the quality corpus is there")
        .map(|entry| entry.expect("a readable entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "html"))
        .map(|path| {
            let html = String::from_utf8_lossy(&std::fs::read(&path).expect("a readable page"))
                .into_owned();
            (path, html)
        })
        .collect();
    pages.sort();
    assert!(pages.len() > 60, "{} corpus pages", pages.len());
    pages
}
