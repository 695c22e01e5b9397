//! The wire format: the records the JSON and JSON Lines reports are made
//! of, kept apart from the internal structs so scripts that read last
//! night's report do not break when [`PageFacts`] or [`AdResult`] grow.
//! Every record carries [`SCHEMA_VERSION`] (the header and the JSON
//! document) or sits in a file that does; a field is only ever added, and
//! removing or retyping one raises the version.
//!
//! A JSON Lines run record is one [`Record::Header`], one [`Record::Ad`]
//! per audited ad, and one [`Record::Summary`]. Readers should skip lines
//! whose `type` they do not know.

mod closing;
mod run;

use serde::{Deserialize, Serialize};

pub(crate) use closing::Closing;
pub(crate) use run::sha256_hex;
pub use run::{ChangesRecord, Header, RunOptions, StillFailingRecord, SummaryRecord};

use crate::audit::AdResult;
use crate::extract::{Availability, Fact, PageFacts};
use crate::history::Mark;
use crate::page::HopKind;
use crate::score::{Outcome, Verdict};

/// The version of the records below; raised when a field is removed or
/// changes meaning, never for an added field.
pub const SCHEMA_VERSION: u32 = 1;

/// One line of a JSON Lines run record, told apart by its `type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
#[non_exhaustive]
pub enum Record {
    /// The first line: what ran, on what, with which options.
    Header(Header),
    /// One audited ad.
    Ad(AdRecord),
    /// The last line: counts, duration and the ads not audited.
    Summary(SummaryRecord),
}

/// One audited ad, as scripts read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdRecord {
    /// Position of the ad in the campaign file, from 0.
    pub position: usize,
    /// The campaign's id.
    pub campaign: String,
    /// The ad's id.
    pub ad: String,
    /// The ad's target URL as the campaign file gives it.
    pub url: String,
    /// Where the visitor ends up, when a page was reached.
    pub final_url: Option<String>,
    /// HTTP status of the landing page.
    pub status: Option<u16>,
    /// Every redirect on the way.
    #[serde(default)]
    pub redirects: Vec<RedirectRecord>,
    /// Time to fetch the landing page, in milliseconds.
    #[serde(default)]
    pub elapsed_ms: u64,
    /// `pass`, `warn`, `fail` or `error`.
    pub verdict: Verdict,
    /// `product`, `category`, `search`, `home`, `error`, `blocked` or
    /// `unknown`; `null` when no page was read.
    pub page_kind: Option<String>,
    /// 0-100 similarity of the page's product to the ad's.
    pub identity: Option<u8>,
    /// Every check with its evidence.
    #[serde(default)]
    pub checks: Vec<CheckRecord>,
    /// Why no page could be had, for `error` verdicts.
    pub error: Option<String>,
    /// What was read on the page, when a page was read.
    pub facts: Option<FactsRecord>,
    /// What changed since the previous run of the same campaign file;
    /// absent when no history is kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change: Option<ChangeRecord>,
}

/// An ad's mark against the previous run: `new`, `still_failing` (with
/// `since` and `runs`), `fixed` or `unchanged`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeRecord {
    /// `new`, `still_failing`, `fixed` or `unchanged`.
    pub mark: String,
    /// For `still_failing`: the date (`YYYY-MM-DD`, UTC) the streak began.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// For `still_failing`: the failing runs in a row, this one included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub runs: Option<u32>,
}

impl From<Mark> for ChangeRecord {
    fn from(mark: Mark) -> Self {
        let (since, runs) = match mark {
            Mark::StillFailing { runs, .. } => (mark.since_date(), Some(runs)),
            _ => (None, None),
        };
        Self {
            mark: mark.key().to_owned(),
            since,
            runs,
        }
    }
}

impl AdRecord {
    /// The record of `result`, with its mark when a history is kept.
    #[must_use]
    pub fn marked(result: &AdResult, mark: Option<Mark>) -> Self {
        Self {
            change: mark.map(ChangeRecord::from),
            ..Self::from(result)
        }
    }
}

/// One redirect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RedirectRecord {
    /// The URL that redirected.
    pub url: String,
    /// Its HTTP status (200 for a meta refresh).
    pub status: u16,
    /// `http` or `meta_refresh`.
    pub via: String,
}

/// One check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckRecord {
    /// e.g. `price`, `identity`, `page_kind`.
    pub name: String,
    /// `skip`, `pass`, `warn` or `fail`.
    pub outcome: String,
    /// One line naming what the ad declared and what the page shows.
    pub message: String,
    /// The facts and words that drove the outcome.
    #[serde(default)]
    pub evidence: Vec<String>,
}

/// The facts of a page that a report shows, each with its source.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FactsRecord {
    /// Why the page is of its kind.
    pub page_kind_reason: String,
    /// The page's `<title>`.
    pub title: Option<String>,
    /// Product name.
    pub name: Option<Sourced<String>>,
    /// Brand (or author).
    pub brand: Option<Sourced<String>>,
    /// Price amount.
    pub price: Option<Sourced<f64>>,
    /// ISO 4217 currency of the price.
    pub currency: Option<Sourced<String>>,
    /// `in_stock`, `limited`, `pre_order`, `out_of_stock`,
    /// `discontinued` or `bundle_only`.
    pub availability: Option<Sourced<String>>,
}

/// A value with where it was found: `jsonld`, `microdata`, `og`, `html` or
/// `url`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sourced<T> {
    /// The value.
    pub value: T,
    /// Where it was found.
    pub source: String,
}

impl From<&AdResult> for AdRecord {
    fn from(r: &AdResult) -> Self {
        Self {
            position: r.position,
            campaign: r.campaign.clone(),
            ad: r.ad.clone(),
            url: r.url.clone(),
            final_url: r.final_url().map(ToString::to_string),
            status: r.status(),
            redirects: r
                .redirects()
                .iter()
                .map(|h| RedirectRecord {
                    url: h.url.to_string(),
                    status: h.status,
                    via: match h.via {
                        HopKind::Http => "http",
                        HopKind::MetaRefresh => "meta_refresh",
                    }
                    .to_owned(),
                })
                .collect(),
            elapsed_ms: r.elapsed_ms(),
            verdict: r.verdict,
            page_kind: r.page_kind().map(|k| k.to_string()),
            identity: r.identity(),
            checks: r
                .checks()
                .iter()
                .map(|c| CheckRecord {
                    name: c.name.to_string(),
                    outcome: outcome_name(c.outcome).to_owned(),
                    message: c.message.clone(),
                    evidence: c.explain.clone(),
                })
                .collect(),
            error: r.error().map(str::to_owned),
            facts: r.facts().map(FactsRecord::from),
            change: None,
        }
    }
}

impl From<&PageFacts> for FactsRecord {
    fn from(f: &PageFacts) -> Self {
        let text = |fact: &Option<Fact<String>>| fact.as_ref().map(|f| sourced(f, f.value.clone()));
        let product = &f.product;
        Self {
            page_kind_reason: f.kind_reason.clone(),
            title: f.title.clone(),
            name: text(&product.name),
            brand: text(&product.brand),
            price: product.price.as_ref().map(|p| sourced(p, p.value.amount)),
            currency: product
                .price
                .as_ref()
                .and_then(|p| Some(sourced(p, p.value.currency.clone()?))),
            availability: product
                .availability
                .as_ref()
                .map(|a| sourced(a, availability_name(a.value).to_owned())),
        }
    }
}

impl AdRecord {
    /// Names of the checks that failed, in report order.
    #[must_use]
    pub fn failing_checks(&self) -> Vec<&str> {
        self.checks
            .iter()
            .filter(|c| c.outcome == "fail")
            .map(|c| c.name.as_str())
            .collect()
    }
}

fn sourced<T, U>(fact: &Fact<T>, value: U) -> Sourced<U> {
    Sourced {
        value,
        source: fact.source.as_str().to_owned(),
    }
}

fn outcome_name(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Skip => "skip",
        Outcome::Pass => "pass",
        Outcome::Warn => "warn",
        Outcome::Fail => "fail",
    }
}

fn availability_name(a: Availability) -> &'static str {
    match a {
        Availability::InStock => "in_stock",
        Availability::Limited => "limited",
        Availability::PreOrder => "pre_order",
        Availability::OutOfStock => "out_of_stock",
        Availability::Discontinued => "discontinued",
        Availability::BundleOnly => "bundle_only",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{AdOutcome, Landing};
    use crate::page::Hop;
    use crate::score::{Check, CheckName};

    fn audited() -> AdResult {
        let html = r#"<html><head><title>Trail Runner</title>
            <script type="application/ld+json">{"@type": "Product", "name": "Trail Runner GTX",
            "brand": {"@type": "Brand", "name": "Acme"},
            "offers": {"@type": "Offer", "price": "129.99", "priceCurrency": "USD",
            "availability": "https://schema.org/OutOfStock"}}</script></head>
            <body><h1>Trail Runner GTX</h1><button>Add to cart</button></body></html>"#;
        let url = "https://shop.example/p/trail-runner".parse().unwrap();
        let facts = crate::extract(html, &url, 200);
        let landing = Landing {
            redirects: vec![Hop {
                url: "https://shop.example/old".parse().unwrap(),
                status: 301,
                via: HopKind::Http,
            }],
            identity: Some(100),
            checks: vec![
                Check::new(CheckName::Availability, Outcome::Fail, "out of stock")
                    .with_explain(vec!["availability (jsonld)".into()]),
                Check::new(CheckName::Price, Outcome::Pass, "as the ad says"),
            ],
            ..Landing::new(url, 200, facts)
        };
        let mut r = crate::report::tests::result("c", "a", Verdict::Fail);
        r.outcome = AdOutcome::Audited(Box::new(landing));
        r
    }

    #[test]
    fn an_ad_record_keeps_the_compact_facts_with_their_sources() {
        let record = AdRecord::from(&audited());
        let facts = record.facts.as_ref().unwrap();
        assert_eq!(facts.name.as_ref().unwrap().value, "Trail Runner GTX");
        assert_eq!(facts.name.as_ref().unwrap().source, "jsonld");
        assert_eq!(facts.brand.as_ref().unwrap().value, "Acme");
        assert!((facts.price.as_ref().unwrap().value - 129.99).abs() < 1e-9);
        assert_eq!(facts.currency.as_ref().unwrap().value, "USD");
        assert_eq!(facts.availability.as_ref().unwrap().value, "out_of_stock");
        assert_eq!(facts.title.as_deref(), Some("Trail Runner"));
        assert_eq!(record.page_kind.as_deref(), Some("product"));
        assert_eq!(record.redirects[0].via, "http");
        assert_eq!(record.checks[0].evidence, ["availability (jsonld)"]);
        assert_eq!(record.failing_checks(), ["availability"]);
    }

    #[test]
    fn the_ad_line_has_the_documented_fields_and_reads_back() {
        let line = serde_json::to_string(&Record::Ad(AdRecord::from(&audited()))).unwrap();
        let value: serde_json::Value = serde_json::from_str(&line).unwrap();
        let keys: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "type",
                "position",
                "campaign",
                "ad",
                "url",
                "final_url",
                "status",
                "redirects",
                "elapsed_ms",
                "verdict",
                "page_kind",
                "identity",
                "checks",
                "error",
                "facts"
            ]
        );
        let facts: Vec<&str> = value["facts"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            facts,
            [
                "page_kind_reason",
                "title",
                "name",
                "brand",
                "price",
                "currency",
                "availability"
            ]
        );
        assert_eq!(value["checks"][0]["outcome"], "fail");
        let back: Record = serde_json::from_str(&line).unwrap();
        assert_eq!(back, Record::Ad(AdRecord::from(&audited())));
    }
}
