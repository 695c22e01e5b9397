//! Which kind of page the visitor lands on, decided from the extracted
//! facts, with one line saying why.

use std::fmt;

use serde::Serialize;
use url::Url;

use super::{PageFacts, Source};

/// The kind of a landing page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    /// One product, the thing to buy.
    Product,
    /// A listing of many products.
    Category,
    /// Search results.
    Search,
    /// The shop's home page.
    Home,
    /// An HTTP error, or a page that says it does not exist.
    Error,
    /// None of the above could be recognised.
    Unknown,
}

impl fmt::Display for PageKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Product => "product",
            Self::Category => "category",
            Self::Search => "search",
            Self::Home => "home",
            Self::Error => "error",
            Self::Unknown => "unknown",
        })
    }
}

const SEARCH_WORDS: &[&str] = &[
    "search",
    "sok",
    "suche",
    "recherche",
    "buscar",
    "busqueda",
    "searchresults",
];
const SEARCH_PARAMS: &[&str] = &[
    "q",
    "query",
    "k",
    "s",
    "search",
    "searchterm",
    "term",
    "keyword",
];
const LOCALE_WORDS: &[&str] = &[
    "index", "home", "en", "us", "gb", "uk", "sv", "se", "de", "fr", "es", "in", "shop", "store",
];

/// Decides the page kind from the facts of a page reached at `url`.
pub(crate) fn classify(facts: &PageFacts, url: &Url, status: u16) -> (PageKind, String) {
    if status >= 400 {
        return (PageKind::Error, format!("error page: HTTP {status}"));
    }
    let structured_product = facts
        .product
        .name
        .as_ref()
        .is_some_and(|n| n.source != Source::Html)
        || facts
            .product
            .price
            .as_ref()
            .is_some_and(|p| p.source != Source::Html);
    let has_type = |t: &str| facts.page_types.iter().any(|f| f.value == t);
    let breadcrumb = facts
        .breadcrumbs
        .as_ref()
        .map(|b| format!(", breadcrumb {}", b.value.join(" > ")))
        .unwrap_or_default();

    if let Some(words) = &facts.not_found {
        // "no longer available" in the text of a product that is marked up is
        // a discontinued product; in its heading it is a dead page.
        let in_heading = [facts.h1.as_ref(), facts.title.as_ref()].contains(&Some(&words.value));
        if !structured_product || (in_heading && facts.add_to_cart.is_none()) {
            return (
                PageKind::Error,
                format!(
                    "soft 404: the page answers HTTP {status} but says \"{}\"",
                    words.value
                ),
            );
        }
    }
    let search_query = url
        .query_pairs()
        .find(|(k, v)| SEARCH_PARAMS.contains(&k.as_ref()) && !v.is_empty());
    let search_path = facts
        .url_tokens
        .iter()
        .any(|t| SEARCH_WORDS.contains(&t.as_str()) || t.contains("search"));
    if has_type("SearchResultsPage") || (search_path && !structured_product) {
        let what = search_query.map_or_else(String::new, |(_, v)| format!(" for \"{v}\""));
        let found = if has_type("SearchResultsPage") {
            "SearchResultsPage markup"
        } else {
            "the URL is a search"
        };
        return (
            PageKind::Search,
            format!("search results page{what}: {found}"),
        );
    }
    if structured_product && !has_type("CollectionPage") {
        let name = facts
            .product
            .name
            .as_ref()
            .map_or_else(String::new, |n| format!(" \"{}\"", n.value));
        let source = facts
            .product
            .name
            .as_ref()
            .map_or(Source::Html, |n| n.source);
        return (
            PageKind::Product,
            format!(
                "product page{name} ({} markup){breadcrumb}",
                source_name(source)
            ),
        );
    }
    if let Some(gate) = &facts.gate {
        if facts.listing.is_none() || home_path_of(facts) {
            return (
                PageKind::Unknown,
                format!("unknown page: the shop is behind {gate}"),
            );
        }
    }
    if let (Some((_, v)), Some(_)) = (&search_query, &facts.listing) {
        return (
            PageKind::Search,
            format!("search results page for \"{v}\": a listing answering a search query"),
        );
    }
    let home_path = facts
        .url_tokens
        .iter()
        .all(|t| LOCALE_WORDS.contains(&t.as_str()));
    if home_path {
        return (
            PageKind::Home,
            format!("home page: the visitor lands on {}", url.path()),
        );
    }
    // A heading, a price and a buy control outside any tile make a product
    // page, whatever "you may also like" tiles sit below it.
    let listing_markup = facts
        .listing
        .as_ref()
        .is_some_and(|l| l.source != Source::Html);
    let few_tiles = facts.listing.as_ref().is_none_or(|l| l.value.items < 6);
    let buyable = facts.add_to_cart.is_some() || facts.product.availability.is_some() || few_tiles;
    if facts.h1.is_some() && facts.product.price.is_some() && buyable && !listing_markup {
        return (
            PageKind::Product,
            format!("product page: heading, price and add-to-cart on show{breadcrumb}"),
        );
    }
    if let Some(listing) = &facts.listing {
        return (
            PageKind::Category,
            format!(
                "category page: {} of {} products{breadcrumb}",
                listing.value.found_as, listing.value.items
            ),
        );
    }
    if has_type("CollectionPage") {
        return (
            PageKind::Category,
            format!("category page: CollectionPage markup{breadcrumb}"),
        );
    }
    if let Some(reason) = &facts.script_rendered {
        return (PageKind::Unknown, format!("unknown page: {reason}"));
    }
    (
        PageKind::Unknown,
        "unknown page: no product, listing, search or home page markup found".into(),
    )
}

fn home_path_of(facts: &PageFacts) -> bool {
    facts
        .url_tokens
        .iter()
        .all(|t| LOCALE_WORDS.contains(&t.as_str()))
}

fn source_name(source: Source) -> &'static str {
    match source {
        Source::Jsonld => "JSON-LD",
        Source::Microdata => "microdata",
        Source::Og => "OpenGraph",
        Source::Html => "HTML",
        Source::Url => "URL",
    }
}
