//! Which kind of page the visitor lands on, decided by weighing evidence:
//! every signal (structured types, the tile structure, the main product
//! block, URL habits, not-found and bot-wall wording, the HTTP status)
//! adds weight to one kind, and the heaviest kind wins. The reason names
//! the evidence that decided, with its weight, so a surprising call can be
//! traced to what the page showed. The signals are read in
//! `kind_evidence`; this module weighs them and words the reason.

use std::fmt;

use serde::{Deserialize, Serialize};
use url::Url;

use super::kind_evidence::{listing_evidence, place_evidence, product_evidence, status_evidence};
use super::PageFacts;

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
pub(super) struct Scale(Vec<Evidence>);

impl Scale {
    pub(super) fn add(&mut self, kind: PageKind, weight: f64, what: impl Into<String>) {
        self.0.push(Evidence {
            kind,
            weight,
            what: what.into(),
            from_url: false,
        });
    }

    /// Evidence read off the URL alone: it backs a product or a listing
    /// the page shows, but never makes one by itself.
    pub(super) fn add_url(&mut self, kind: PageKind, weight: f64, what: impl Into<String>) {
        self.add(kind, weight, what);
        if let Some(last) = self.0.last_mut() {
            last.from_url = true;
        }
    }

    pub(super) fn total(&self, kind: PageKind) -> f64 {
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

#[cfg(test)]
mod tests {
    use super::super::Source;
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
