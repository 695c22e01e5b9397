//! The score stage: pure functions that compare what an ad declares with
//! what its landing page shows, as a list of [`Check`]s and a [`Verdict`].
//! No I/O here, so every rule is unit-testable.

mod brand;
mod capacity;
mod category;
mod checks;
mod code_weight;
mod codes;
mod domain;
mod identifiers;
mod identity;
pub(crate) use identity::Learner as NameLearner;
mod models;
mod names;
mod offers;
mod packaging;
mod siblings;
mod sides;
mod specs;
mod spelling;
mod taxonomy;
mod text;
mod variants;
mod vocabulary;

use std::fmt;

use serde::Serialize;

use crate::campaign::{Ad, ExpectedPage};
use crate::extract::{PageFacts, PageKind};
use crate::page::{FetchFailure, Page};

pub use checks::{PRICE_TOLERANCE, SLOW_PAGE};
pub use identity::{IDENTITY_PASS, IDENTITY_WARN};
pub use taxonomy::Taxonomy;

/// The checks landcheck makes, in report order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CheckName {
    /// The page answers, in time.
    Reachable,
    /// The page is the kind the ad expects.
    PageKind,
    /// The page's product is the ad's product.
    Identity,
    /// The page is in the ad's category.
    Category,
    /// The page's price is the ad's price.
    Price,
    /// The product is in stock.
    Availability,
    /// A price and an add-to-cart control are on show.
    Purchasable,
    /// The ad's tracking parameters survive to the landing page.
    Tracking,
    /// The visitor stays on the ad's (or its display URL's) site.
    Domain,
}

impl fmt::Display for CheckName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Reachable => "reachable",
            Self::PageKind => "page_kind",
            Self::Identity => "identity",
            Self::Category => "category",
            Self::Price => "price",
            Self::Availability => "availability",
            Self::Purchasable => "purchasable",
            Self::Tracking => "tracking",
            Self::Domain => "domain",
        })
    }
}

/// The outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Outcome {
    /// Not applicable, or nothing to compare.
    Skip,
    /// As promised.
    Pass,
    /// Doubtful: worth a look.
    Warn,
    /// The ad betrays its visitors.
    Fail,
}

/// One check's outcome with the evidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// Which check.
    pub name: CheckName,
    /// Its outcome.
    pub outcome: Outcome,
    /// One line naming what the ad declared and what the page shows.
    pub message: String,
    /// Which facts and words drove the outcome (`--explain`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub explain: Vec<String>,
}

impl Check {
    pub(crate) fn new(name: CheckName, outcome: Outcome, message: impl Into<String>) -> Self {
        Self {
            name,
            outcome,
            message: message.into(),
            explain: Vec::new(),
        }
    }

    pub(crate) fn with_explain(mut self, explain: Vec<String>) -> Self {
        self.explain = explain;
        self
    }
}

/// An ad's overall verdict: its worst check, or `error` when no page could be had.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Verdict {
    /// Every check passed (or did not apply).
    Pass,
    /// At least one check warns.
    Warn,
    /// At least one check fails.
    Fail,
    /// The landing page could not be fetched, or a bot wall answered
    /// instead of it.
    Error,
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Pass => "pass",
            Self::Warn => "warn",
            Self::Fail => "fail",
            Self::Error => "error",
        })
    }
}

/// The scored result of one ad.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scorecard {
    /// The overall verdict.
    pub verdict: Verdict,
    /// 0-100 similarity of the page's product to the ad's, when comparable.
    pub identity: Option<u8>,
    /// Every check, in report order.
    pub checks: Vec<Check>,
}

/// What the scorer knows beyond one ad and one page: the category
/// vocabulary (with an optional taxonomy) and word weights learned from
/// the campaign's ad names.
#[derive(Debug, Clone, Default)]
pub struct Scorer {
    vocabulary: category::Vocabulary,
    weights: identity::Weights,
}

impl Scorer {
    /// A scorer with the built-in vocabulary and no learned weights.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a category tree whose parents pages inherit.
    #[must_use]
    pub fn with_taxonomy(mut self, taxonomy: &Taxonomy) -> Self {
        self.vocabulary = category::Vocabulary::with_taxonomy(taxonomy);
        self
    }

    /// Learns which name words are common across the campaign's ads, so
    /// that they count less than the words that tell products apart.
    #[must_use]
    pub fn with_ad_names<'a>(mut self, names: impl IntoIterator<Item = &'a str>) -> Self {
        self.weights = identity::Weights::learn(names);
        self
    }

    /// [`Scorer::with_ad_names`] for names learned one at a time, e.g.
    /// while a campaign file streams by.
    #[must_use]
    pub(crate) fn with_learned(mut self, learner: identity::Learner) -> Self {
        self.weights = learner.finish();
        self
    }

    /// Scores an ad against the page it landed on.
    #[must_use]
    pub fn score(&self, ad: &Ad, page: &Page, facts: &PageFacts) -> Scorecard {
        if facts.kind == PageKind::Blocked {
            return blocked(page, facts);
        }
        let mut checks = vec![checks::reachable(page), checks::page_kind(ad, facts)];
        let skip = |name, why: &str| Check::new(name, Outcome::Skip, why);
        let mut identity = None;
        let wants_product = ad.expect.page == ExpectedPage::Product;
        let on_product = wants_product && facts.kind == PageKind::Product;
        if on_product {
            let (score, check) = identity::check(&ad.product, facts, &self.weights);
            identity = score;
            checks.push(check);
        } else {
            checks.push(skip(CheckName::Identity, "no product page to compare"));
        }
        if matches!(facts.kind, PageKind::Product | PageKind::Category) {
            checks.push(category::check(&ad.product, facts, &self.vocabulary));
        } else {
            checks.push(skip(
                CheckName::Category,
                "no product or listing on the page",
            ));
        }
        if on_product {
            checks.push(checks::price(ad, facts));
            checks.push(checks::availability(ad, facts));
            checks.push(checks::purchasable(facts));
        } else {
            let why = "only checked on a product page";
            checks.extend(
                [
                    CheckName::Price,
                    CheckName::Availability,
                    CheckName::Purchasable,
                ]
                .map(|n| skip(n, why)),
            );
        }
        checks.push(checks::tracking(ad, page));
        checks.push(domain::check(ad, page));
        let verdict = match checks.iter().map(|c| c.outcome).max() {
            Some(Outcome::Fail) => Verdict::Fail,
            Some(Outcome::Warn) => Verdict::Warn,
            _ => Verdict::Pass,
        };
        Scorecard {
            verdict,
            identity,
            checks,
        }
    }
}

/// The scorecard of an ad whose page a bot wall, captcha or login wall
/// answered: the shop's page was never seen, so nothing else is judged.
fn blocked(page: &Page, facts: &PageFacts) -> Scorecard {
    let wall = facts.blocked.clone().unwrap_or_else(|| {
        match page.status {
            429 => "rate limiting (HTTP 429 Too Many Requests, still after the retries)",
            401 | 407 => "a login the shop asks for",
            _ => "the shop's firewall, which refused the request",
        }
        .to_owned()
    });
    let message = format!(
        "HTTP {} in {:.2} s at {}: blocked by {wall}. The shop's protection answered instead of \
         its page, so landcheck could not see what visitors see: ask the shop to allow-list \
         landcheck's User-Agent, send the header or cookie its protection expects, \
         or try the other device",
        page.status,
        page.elapsed.as_secs_f64(),
        page.final_url
    );
    let mut checks = vec![
        Check::new(CheckName::Reachable, Outcome::Fail, message),
        Check::new(
            CheckName::PageKind,
            Outcome::Skip,
            facts.kind_reason.clone(),
        ),
    ];
    checks.extend(
        [
            CheckName::Identity,
            CheckName::Category,
            CheckName::Price,
            CheckName::Availability,
            CheckName::Purchasable,
            CheckName::Tracking,
            CheckName::Domain,
        ]
        .map(|name| Check::new(name, Outcome::Skip, "the shop's page was not seen")),
    );
    Scorecard {
        verdict: Verdict::Error,
        identity: None,
        checks,
    }
}

/// Scores an ad against the page it landed on with a default [`Scorer`].
///
/// ```
/// use std::time::Duration;
/// use landcheck::{extract, parse_campaigns, score, CheckName, Outcome, Page, Verdict};
///
/// let json = r#"{"campaigns": [{"id": "c", "name": "C", "ads": [
///     {"id": "a", "url": "https://shop.example/p/1",
///      "product": {"name": "Trail Runner GTX", "price": {"amount": 99.0, "currency": "USD"}}}]}]}"#;
/// let campaigns = parse_campaigns(json, std::path::Path::new("c.json")).unwrap();
/// let (_, ad) = campaigns.ads().next().unwrap();
/// let html = r#"<html><body><h1>Trail Runner GTX</h1>
///   <span class="price">$129.99</span><button>Add to cart</button></body></html>"#;
/// let page = Page::saved(ad.url.clone(), 200, html.into(), Duration::from_millis(300));
/// let card = score(ad, &page, &extract(html, &page.final_url, 200));
/// let price = card.checks.iter().find(|c| c.name == CheckName::Price).unwrap();
/// assert_eq!(price.outcome, Outcome::Fail);
/// assert_eq!(card.verdict, Verdict::Fail);
/// ```
#[must_use]
pub fn score(ad: &Ad, page: &Page, facts: &PageFacts) -> Scorecard {
    Scorer::default().score(ad, page, facts)
}

/// The scorecard of an ad whose landing page could not be fetched.
#[must_use]
pub fn score_failure(failure: &FetchFailure) -> Scorecard {
    Scorecard {
        verdict: Verdict::Error,
        identity: None,
        checks: vec![Check::new(
            CheckName::Reachable,
            Outcome::Fail,
            failure.error.to_string(),
        )],
    }
}
