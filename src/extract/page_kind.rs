//! Which kind of page the visitor lands on, decided by weighing evidence:
//! every signal (structured types, the tile structure, the main product
//! block, URL habits, not-found and bot-wall wording, the HTTP status)
//! adds weight to one kind, and the heaviest kind wins. The reason names
//! the evidence that decided, with its weight, so a surprising call can be
//! traced to what the page showed.

use std::fmt;

use serde::{Deserialize, Serialize};
use url::Url;

use super::{url_habits, PageFacts, Source};

/// The kind of a landing page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
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
    /// A bot wall, captcha or login wall answered instead of the shop.
    Blocked,
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
            Self::Blocked => "blocked",
            Self::Unknown => "unknown",
        })
    }
}

/// This many prices outside tiles and menus make a listing.
const LOOSE_PRICES: usize = 8;

/// Below this weight no kind is believed: the page is `unknown`.
const MIN_WEIGHT: f64 = 2.0;

/// One piece of evidence for a kind.
struct Evidence {
    kind: PageKind,
    weight: f64,
    what: String,
    /// Read off the URL alone, not the page.
    from_url: bool,
}

/// Evidence gathered for every kind.
#[derive(Default)]
struct Scale(Vec<Evidence>);

impl Scale {
    fn add(&mut self, kind: PageKind, weight: f64, what: impl Into<String>) {
        self.0.push(Evidence {
            kind,
            weight,
            what: what.into(),
            from_url: false,
        });
    }

    /// Evidence read off the URL alone: it backs a product or a listing
    /// the page shows, but never makes one by itself.
    fn add_url(&mut self, kind: PageKind, weight: f64, what: impl Into<String>) {
        self.add(kind, weight, what);
        if let Some(last) = self.0.last_mut() {
            last.from_url = true;
        }
    }

    fn total(&self, kind: PageKind) -> f64 {
        self.0
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| e.weight)
            .sum()
    }

    /// The heaviest kind; ties go to the kind listed first.
    fn decide(&self) -> Option<(PageKind, f64)> {
        let kinds = [
            PageKind::Blocked,
            PageKind::Error,
            PageKind::Search,
            PageKind::Home,
            PageKind::Product,
            PageKind::Category,
            PageKind::Unknown,
        ];
        let mut best: Option<(PageKind, f64)> = None;
        for kind in kinds {
            let total = self.total(kind);
            // A URL's habit alone does not make a product or a listing.
            let seen = self.0.iter().any(|e| e.kind == kind && !e.from_url);
            let needs_more = matches!(kind, PageKind::Product | PageKind::Category) && !seen;
            if total >= MIN_WEIGHT && !needs_more && best.is_none_or(|(_, b)| total > b) {
                best = Some((kind, total));
            }
        }
        best
    }

    /// "a; b (+3); c (+1)" for the evidence of `kind`, heaviest first.
    fn explain(&self, kind: PageKind) -> String {
        let mut mine: Vec<&Evidence> = self.0.iter().filter(|e| e.kind == kind).collect();
        mine.sort_by(|a, b| b.weight.total_cmp(&a.weight));
        mine.iter()
            .map(|e| format!("{} (+{})", e.what, e.weight))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Decides the page kind from the facts of a page reached at `url`.
pub(crate) fn classify(facts: &PageFacts, url: &Url, status: u16) -> (PageKind, String) {
    let mut scale = Scale::default();
    status_evidence(&mut scale, facts, url, status);
    product_evidence(&mut scale, facts, url);
    listing_evidence(&mut scale, facts, url);
    place_evidence(&mut scale, facts, url);
    let breadcrumb = facts
        .breadcrumbs
        .as_ref()
        .map(|b| format!("; breadcrumb {}", b.value.join(" > ")))
        .unwrap_or_default();
    let Some((kind, total)) = scale.decide() else {
        let reason = if let Some(shell) = &facts.script_rendered {
            format!(
                "unknown page: rendered by script, cannot be verified without a browser ({shell})"
            )
        } else {
            "unknown page: no product, listing, search or home page evidence found".to_owned()
        };
        return (PageKind::Unknown, reason);
    };
    let what = match kind {
        PageKind::Product => {
            let name = facts
                .product
                .name
                .as_ref()
                .map(|n| format!(" \"{}\"", n.value))
                .unwrap_or_default();
            format!("product page{name}")
        }
        PageKind::Category => "category page".to_owned(),
        PageKind::Search => "search results page".to_owned(),
        PageKind::Home => "home page".to_owned(),
        PageKind::Error => "error page".to_owned(),
        PageKind::Blocked => "blocked".to_owned(),
        PageKind::Unknown => "unknown page".to_owned(),
    };
    let runner_up = [
        PageKind::Product,
        PageKind::Category,
        PageKind::Search,
        PageKind::Home,
        PageKind::Error,
    ]
    .into_iter()
    .filter(|k| *k != kind)
    .map(|k| (k, scale.total(k)))
    .filter(|(_, t)| *t > 0.0)
    .max_by(|a, b| a.1.total_cmp(&b.1))
    .map(|(k, t)| format!("; outweighs {k} ({t})"))
    .unwrap_or_default();
    let reason = format!(
        "{what}: {} = {total}{runner_up}{breadcrumb}",
        scale.explain(kind)
    );
    (kind, reason)
}

fn status_evidence(scale: &mut Scale, facts: &PageFacts, url: &Url, status: u16) {
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

fn product_evidence(scale: &mut Scale, facts: &PageFacts, url: &Url) {
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

fn listing_evidence(scale: &mut Scale, facts: &PageFacts, url: &Url) {
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

fn place_evidence(scale: &mut Scale, facts: &PageFacts, url: &Url) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        s.parse().unwrap()
    }

    #[test]
    fn a_url_alone_makes_no_product() {
        let facts = PageFacts::default();
        let (kind, reason) = classify(&facts, &url("https://shop.example/products/tent"), 200);
        assert_eq!(kind, PageKind::Unknown, "{reason}");
        let facts = PageFacts {
            h1: Some("Alpine Tent".into()),
            ..PageFacts::default()
        };
        let (kind, reason) = classify(&facts, &url("https://shop.example/products/tent"), 200);
        assert_eq!(kind, PageKind::Product, "{reason}");
        assert!(
            reason.contains("(+2.5)") && reason.contains("= 3.5"),
            "{reason}"
        );
    }

    #[test]
    fn the_heaviest_kind_wins_and_the_reason_names_the_runner_up() {
        let facts = PageFacts {
            h1: Some("Page not found".into()),
            not_found: Some(super::super::Fact {
                value: "Page not found".into(),
                source: Source::Html,
            }),
            ..PageFacts::default()
        };
        let (kind, reason) = classify(&facts, &url("https://shop.example/products/tent"), 200);
        assert_eq!(kind, PageKind::Error, "{reason}");
        assert!(reason.contains("outweighs product"), "{reason}");
        let (kind, _) = classify(&facts, &url("https://shop.example/products/tent"), 429);
        assert_eq!(kind, PageKind::Blocked);
    }
}
