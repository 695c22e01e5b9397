//! Which kind of page the visitor lands on, decided from the extracted
//! facts, with one line saying why.

use std::fmt;

use serde::Serialize;
use url::Url;

use super::{PageFacts, Source};

/// The kind of a landing page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
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
    #[default]
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

/// A decision and the line that explains it.
type Call = (PageKind, String);

/// Decides the page kind from the facts of a page reached at `url`. The
/// rules are tried in order; the first that applies decides.
pub(crate) fn classify(facts: &PageFacts, url: &Url, status: u16) -> Call {
    let page = Signals::of(facts, url);
    error_page(&page, status)
        .or_else(|| search_page(&page))
        .or_else(|| marked_up_product(&page))
        .or_else(|| gated(&page))
        .or_else(|| search_by_query(&page))
        .or_else(|| home_page(&page))
        .or_else(|| visible_product(&page))
        .or_else(|| listing(&page))
        .unwrap_or_else(|| {
            let reason = facts
                .script_rendered
                .as_deref()
                .unwrap_or("no product, listing, search or home page markup found");
            (PageKind::Unknown, format!("unknown page: {reason}"))
        })
}

/// What the rules look at, worked out once.
struct Signals<'a> {
    facts: &'a PageFacts,
    url: &'a Url,
    /// A product named or priced in structured data.
    structured_product: bool,
    /// The search words of the query, if it is a search.
    query: Option<String>,
    /// ", breadcrumb A > B", or nothing.
    breadcrumb: String,
}

impl<'a> Signals<'a> {
    fn of(facts: &'a PageFacts, url: &'a Url) -> Self {
        let product = &facts.product;
        let structured_product = product
            .name
            .as_ref()
            .is_some_and(|n| n.source != Source::Html)
            || product
                .price
                .as_ref()
                .is_some_and(|p| p.source != Source::Html);
        let query = url
            .query_pairs()
            .find(|(k, v)| SEARCH_PARAMS.contains(&k.as_ref()) && !v.is_empty())
            .map(|(_, v)| v.into_owned());
        let breadcrumb = facts
            .breadcrumbs
            .as_ref()
            .map(|b| format!(", breadcrumb {}", b.value.join(" > ")))
            .unwrap_or_default();
        Self {
            facts,
            url,
            structured_product,
            query,
            breadcrumb,
        }
    }

    fn has_type(&self, name: &str) -> bool {
        self.facts.page_types.iter().any(|f| f.value == name)
    }
}

fn error_page(page: &Signals<'_>, status: u16) -> Option<Call> {
    if status >= 400 {
        return Some((PageKind::Error, format!("error page: HTTP {status}")));
    }
    let words = page.facts.not_found.as_ref()?;
    // "no longer available" in the text of a product that is marked up is
    // a discontinued product; in its heading it is a dead page.
    let facts = page.facts;
    let in_heading = [facts.h1.as_ref(), facts.title.as_ref()].contains(&Some(&words.value));
    (!page.structured_product || (in_heading && facts.add_to_cart.is_none())).then(|| {
        let message = format!(
            "soft 404: the page answers HTTP {status} but says \"{}\"",
            words.value
        );
        (PageKind::Error, message)
    })
}

fn search_page(page: &Signals<'_>) -> Option<Call> {
    let what = page
        .query
        .as_ref()
        .map_or_else(String::new, |q| format!(" for \"{q}\""));
    let search_path = page
        .facts
        .url_tokens
        .iter()
        .any(|t| SEARCH_WORDS.contains(&t.as_str()) || t.contains("search"));
    let found = if page.has_type("SearchResultsPage") {
        "SearchResultsPage markup"
    } else if search_path && !page.structured_product {
        "the URL is a search"
    } else {
        return None;
    };
    Some((
        PageKind::Search,
        format!("search results page{what}: {found}"),
    ))
}

/// A listing reached with a search query (`?q=`, `?k=`, ...).
fn search_by_query(page: &Signals<'_>) -> Option<Call> {
    let query = page.query.as_ref()?;
    page.facts.listing.as_ref().map(|_| {
        let message =
            format!("search results page for \"{query}\": a listing answering a search query");
        (PageKind::Search, message)
    })
}

fn marked_up_product(page: &Signals<'_>) -> Option<Call> {
    if !page.structured_product || page.has_type("CollectionPage") {
        return None;
    }
    let name = page.facts.product.name.as_ref()?;
    let source = name.source.markup_name();
    Some((
        PageKind::Product,
        format!(
            "product page \"{}\" ({source} markup){}",
            name.value, page.breadcrumb
        ),
    ))
}

fn gated(page: &Signals<'_>) -> Option<Call> {
    let gate = page.facts.gate.as_ref()?;
    (page.facts.listing.is_none() || home_path_of(page.facts)).then(|| {
        (
            PageKind::Unknown,
            format!("unknown page: the shop is behind {gate}"),
        )
    })
}

fn home_page(page: &Signals<'_>) -> Option<Call> {
    home_path_of(page.facts).then(|| {
        (
            PageKind::Home,
            format!("home page: the visitor lands on {}", page.url.path()),
        )
    })
}

/// A heading, a price and a buy control outside any tile make a product
/// page, whatever "you may also like" tiles sit below it.
fn visible_product(page: &Signals<'_>) -> Option<Call> {
    let facts = page.facts;
    let listing_markup = facts
        .listing
        .as_ref()
        .is_some_and(|l| l.source != Source::Html);
    let few_tiles = facts.listing.as_ref().is_none_or(|l| l.value.items < 6);
    let buyable = facts.add_to_cart.is_some() || facts.product.availability.is_some() || few_tiles;
    (facts.h1.is_some() && facts.product.price.is_some() && buyable && !listing_markup).then(|| {
        let message = format!(
            "product page: heading, price and add-to-cart on show{}",
            page.breadcrumb
        );
        (PageKind::Product, message)
    })
}

fn listing(page: &Signals<'_>) -> Option<Call> {
    let breadcrumb = &page.breadcrumb;
    if let Some(listing) = &page.facts.listing {
        let (found_as, items) = (&listing.value.found_as, listing.value.items);
        return Some((
            PageKind::Category,
            format!("category page: {found_as} of {items} products{breadcrumb}"),
        ));
    }
    page.has_type("CollectionPage").then(|| {
        (
            PageKind::Category,
            format!("category page: CollectionPage markup{breadcrumb}"),
        )
    })
}

fn home_path_of(facts: &PageFacts) -> bool {
    facts
        .url_tokens
        .iter()
        .all(|t| LOCALE_WORDS.contains(&t.as_str()))
}
