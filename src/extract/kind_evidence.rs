//! The evidence a page shows for each kind, put on the scale that
//! `page_kind` weighs: the HTTP status; bot-wall, not-found and gate
//! wording; a page only script fills in; product markup and the main
//! product block; a listing and its count; and the habits of search,
//! listing, product and home-page URLs.

use url::Url;

use super::page_kind::{PageKind, Scale};
use super::{url_habits, PageFacts, Source};

/// This many prices outside tiles and menus make a listing.
const LOOSE_PRICES: usize = 8;

pub(super) fn status_evidence(scale: &mut Scale, facts: &PageFacts, url: &Url, status: u16) {
    if let Some(wall) = &facts.blocked {
        scale.add(PageKind::Blocked, 15.0, wall.clone());
    }
    match status {
        429 => scale.add(
            PageKind::Blocked,
            14.0,
            "HTTP 429 Too Many Requests, still after the retries",
        ),
        401 | 407 => scale.add(
            PageKind::Blocked,
            14.0,
            format!("HTTP {status}: the shop asks for a login"),
        ),
        403 => scale.add(
            PageKind::Blocked,
            12.0,
            "HTTP 403 Forbidden: the shop's firewall refused the request",
        ),
        404 | 410 => scale.add(PageKind::Error, 14.0, format!("HTTP {status}")),
        400.. => scale.add(PageKind::Error, 12.0, format!("HTTP {status}")),
        _ => {}
    }
    if let Some(words) = &facts.not_found {
        let weight = if facts.h1.as_ref() == Some(&words.value) {
            10.0
        } else if facts.title.as_ref() == Some(&words.value) {
            7.0
        } else {
            4.0
        };
        scale.add(PageKind::Error, weight, format!("says \"{}\"", words.value));
    }
    if url_habits::error_path(url) {
        scale.add(
            PageKind::Error,
            4.0,
            format!("the URL is an error page's ({})", url.path()),
        );
    }
    if let Some(gate) = &facts.gate {
        scale.add(PageKind::Unknown, 6.0, format!("the shop is behind {gate}"));
    }
    if let Some(shell) = &facts.script_rendered {
        // A heading and a buy control on show are a page, however little
        // text it has; with neither, nothing can be judged without a browser.
        let readable =
            (facts.h1.is_some() && facts.add_to_cart.is_some()) || product_markup(facts).is_some();
        scale.add(
            PageKind::Unknown,
            if readable { 2.5 } else { 11.0 },
            format!("rendered by script, cannot be verified without a browser ({shell})"),
        );
    }
}

pub(super) fn product_evidence(scale: &mut Scale, facts: &PageFacts, url: &Url) {
    let product = &facts.product;
    let marked = product_markup(facts);
    let summary = product
        .aggregate_offer
        .as_ref()
        .filter(|a| a.is_listing_summary());
    if let Some(summary) = summary {
        let count = summary
            .count
            .map_or_else(String::new, |n| format!(" of {n} offers"));
        let range = match (summary.low, summary.high) {
            (Some(low), Some(high)) => format!(" from {low} to {high}"),
            _ => String::new(),
        };
        scale.add(
            PageKind::Category,
            9.0,
            format!("Product markup summing up a listing: an AggregateOffer{count}{range}"),
        );
    }
    match marked.filter(|_| summary.is_none()) {
        Some(Source::Og) => scale.add(PageKind::Product, 3.0, "OpenGraph product markup"),
        Some(source) => scale.add(
            PageKind::Product,
            5.0,
            format!("{} Product markup", source.markup_name()),
        ),
        None => {}
    }
    let buy = facts.add_to_cart.is_some();
    let price = product.price.is_some();
    if facts.h1.is_some() && buy {
        scale.add(
            PageKind::Product,
            4.0,
            "main product block: heading and buy control outside any tile",
        );
        if price {
            scale.add(PageKind::Product, 1.0, "its price");
        }
    } else if facts.h1.is_some() && price {
        scale.add(PageKind::Product, 2.0, "heading and price outside any tile");
    }
    if facts.h1.is_some()
        && product
            .availability
            .as_ref()
            .is_some_and(|a| a.source == Source::Html)
    {
        scale.add(PageKind::Product, 1.0, "stock status on show");
    }
    if let Some(pattern) = url_habits::product_url(url) {
        scale.add_url(
            PageKind::Product,
            2.5,
            format!("the URL is a product's ({pattern})"),
        );
        if facts.h1.is_some() && !buy && !price {
            scale.add(PageKind::Product, 1.0, "a heading");
        }
    }
}

pub(super) fn listing_evidence(scale: &mut Scale, facts: &PageFacts, url: &Url) {
    if let Some(listing) = &facts.listing {
        let items = listing.value.items;
        let (base, cap) = if listing.source == Source::Html {
            (0.0, 6.0)
        } else {
            (3.0, 3.0)
        };
        #[allow(clippy::cast_precision_loss)]
        let weight = base + (items as f64 / 3.0).min(cap);
        scale.add(
            PageKind::Category,
            weight.round(),
            format!("{} of {items} products", listing.value.found_as),
        );
        if facts.h1.is_some() && facts.add_to_cart.is_none() && items >= 6 {
            scale.add(
                PageKind::Category,
                1.0,
                "a heading over the tiles and no buy control of its own",
            );
        }
    }
    if has_type(facts, "CollectionPage") {
        scale.add(PageKind::Category, 3.0, "CollectionPage markup");
    }
    if let Some(pattern) = url_habits::category_url(url) {
        scale.add_url(
            PageKind::Category,
            1.5,
            format!("the URL is a listing's ({pattern})"),
        );
        if facts.h1.is_some() {
            scale.add(PageKind::Category, 1.0, "a heading");
        }
    }
    if let Some(count) = &facts.result_count {
        scale.add(PageKind::Category, 3.0, format!("says \"{count}\""));
    }
    // Many prices outside any recognised tile and outside the menus are a
    // listing's, whatever its markup.
    if facts.loose_prices >= LOOSE_PRICES {
        #[allow(clippy::cast_precision_loss)]
        let weight = (facts.loose_prices as f64 / 4.0).min(4.0).round();
        scale.add(
            PageKind::Category,
            weight,
            format!("{} prices on show outside any tile", facts.loose_prices),
        );
    }
}

pub(super) fn place_evidence(scale: &mut Scale, facts: &PageFacts, url: &Url) {
    let mut search = false;
    if has_type(facts, "SearchResultsPage") {
        scale.add(PageKind::Search, 8.0, "SearchResultsPage markup");
        search = true;
    }
    if let Some(words) = &facts.search_words {
        scale.add(PageKind::Search, 4.0, format!("says \"{words}\""));
        search = true;
    }
    let query = url_habits::search_query(url);
    if url_habits::search_path(url) {
        scale.add(
            PageKind::Search,
            5.0,
            format!("the URL is a search ({})", url.path()),
        );
        search = true;
    }
    if let Some(q) = &query {
        scale.add(PageKind::Search, 4.0, format!("a search for \"{q}\""));
        search = true;
    }
    // Search results are a listing that answers a query: the tiles that
    // make a listing count for the search too.
    if search {
        let listing = scale.total(PageKind::Category);
        if listing > 0.0 {
            scale.add(PageKind::Search, listing, "the listing answers it");
        }
    }
    if query.is_none() && url_habits::home_url(url) {
        scale.add(
            PageKind::Home,
            10.0,
            format!(
                "the visitor lands on the shop's front door ({})",
                url.path()
            ),
        );
    }
}

/// The markup (JSON-LD, microdata, `OpenGraph`) that names or prices the
/// page's product, if any does.
fn product_markup(facts: &PageFacts) -> Option<Source> {
    [
        facts.product.name.as_ref().map(|n| n.source),
        facts.product.price.as_ref().map(|p| p.source),
    ]
    .into_iter()
    .flatten()
    .find(|s| *s != Source::Html)
}

fn has_type(facts: &PageFacts, name: &str) -> bool {
    facts.page_types.iter().any(|f| f.value == name)
}
