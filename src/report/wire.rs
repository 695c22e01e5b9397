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

use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::audit::{AdResult, Summary};
use crate::extract::{Availability, Fact, PageFacts};
use crate::fetch::FetchOptions;
use crate::page::HopKind;
use crate::score::{Outcome, Verdict};

/// The version of the records below; raised when a field is removed or
/// changes meaning, never for an added field.
pub const SCHEMA_VERSION: u32 = 1;

/// One line of a JSON Lines run record, told apart by its `type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Record {
    /// The first line: what ran, on what, with which options.
    Header(Header),
    /// One audited ad.
    Ad(AdRecord),
    /// The last line: counts, duration and the ads not audited.
    Summary(SummaryRecord),
}

/// What ran, on which campaign file, with which options.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// [`SCHEMA_VERSION`] of the records that follow.
    pub schema_version: u32,
    /// Always `landcheck`.
    pub tool: String,
    /// The version of landcheck that wrote the record.
    pub tool_version: String,
    /// When the run started, RFC 3339 in UTC.
    pub started_at: String,
    /// The campaign file as given on the command line, if the ads came
    /// from one.
    pub campaign_file: Option<String>,
    /// SHA-256 of the campaign file's bytes, lower-case hex.
    pub campaign_sha256: Option<String>,
    /// The options that shape the results.
    pub options: RunOptions,
}

impl Header {
    /// A header for a run starting at `started`, on `campaign` (its path as
    /// given and its bytes), if the ads came from a file.
    #[must_use]
    pub fn new(started: SystemTime, campaign: Option<(&str, &[u8])>, options: RunOptions) -> Self {
        Self {
            schema_version: SCHEMA_VERSION,
            tool: "landcheck".to_owned(),
            tool_version: env!("CARGO_PKG_VERSION").to_owned(),
            started_at: rfc3339(started),
            campaign_file: campaign.map(|(path, _)| path.to_owned()),
            campaign_sha256: campaign.map(|(_, bytes)| sha256_hex(bytes)),
            options,
        }
    }
}

/// The options of a run that change its results.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RunOptions {
    /// Report format.
    pub format: String,
    /// Lowest verdict that makes the exit code 1 (`warn`, `fail`, `never`).
    pub fail_on: String,
    /// Landing pages fetched at once.
    pub concurrency: usize,
    /// Requests in flight to one host.
    pub per_host: usize,
    /// Requests per second to one host; `null` for no limit.
    pub host_rate: Option<f64>,
    /// Time allowed for one request, in milliseconds.
    pub timeout_ms: u64,
    /// Time allowed to open a connection, in milliseconds.
    pub connect_timeout_ms: u64,
    /// Time allowed for one ad, in milliseconds.
    pub ad_timeout_ms: u64,
    /// Retries after a transient failure.
    pub retries: u32,
    /// Largest body read, in bytes.
    pub max_body_bytes: usize,
    /// Most redirects followed.
    pub max_redirects: usize,
    /// The User-Agent sent.
    pub user_agent: String,
    /// Names of the extra request headers (their values are not recorded:
    /// they may be secrets).
    pub header_names: Vec<String>,
    /// Hosts sent to another address.
    pub resolve: Vec<String>,
    /// Whether redirects into private networks are followed.
    pub allow_private_network: bool,
    /// The category tree file, if any.
    pub taxonomy: Option<String>,
    /// Whether invalid ads got error rows instead of stopping the run.
    pub skip_invalid_ads: bool,
}

impl RunOptions {
    /// The options `fetch` and `concurrency` set; the caller fills in the
    /// rest.
    #[must_use]
    pub fn new(fetch: &FetchOptions, concurrency: usize) -> Self {
        let ms = |d: std::time::Duration| u64::try_from(d.as_millis()).unwrap_or(u64::MAX);
        Self {
            concurrency,
            per_host: fetch.host.per_host,
            host_rate: fetch.host.host_rate,
            timeout_ms: ms(fetch.timeout),
            connect_timeout_ms: ms(fetch.connect_timeout),
            ad_timeout_ms: ms(fetch.ad_timeout),
            retries: fetch.retries,
            max_body_bytes: fetch.max_body_bytes,
            max_redirects: fetch.max_redirects,
            user_agent: fetch.user_agent.clone(),
            header_names: fetch.headers.iter().map(|(n, _)| n.clone()).collect(),
            resolve: fetch
                .resolve
                .iter()
                .map(|r| format!("{}={}", r.host, r.addr))
                .collect(),
            allow_private_network: fetch.allow_private_network,
            ..Self::default()
        }
    }
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

/// The end of a run: counts, duration and what was not audited.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SummaryRecord {
    /// Ads in the campaign file.
    pub ads: usize,
    /// Ads that passed.
    pub pass: usize,
    /// Ads with a warning.
    pub warn: usize,
    /// Ads that failed.
    pub fail: usize,
    /// Ads whose page could not be had.
    pub error: usize,
    /// How long the run took, in milliseconds (for a resumed run, the
    /// last part only).
    pub duration_ms: u64,
    /// When the run ended, RFC 3339 in UTC.
    pub finished_at: String,
    /// Whether a signal stopped the run.
    pub interrupted: bool,
    /// Ads carried over from the partial report a resumed run continued.
    pub resumed: usize,
    /// Ids of the ads not audited, in file order.
    pub not_audited: Vec<String>,
}

impl SummaryRecord {
    /// The counts of `summary` over `ads` ads.
    #[must_use]
    pub fn new(ads: usize, summary: Summary) -> Self {
        Self {
            ads,
            pass: summary.pass,
            warn: summary.warn,
            fail: summary.fail,
            error: summary.error,
            finished_at: rfc3339(SystemTime::now()),
            ..Self::default()
        }
    }
}

impl From<&AdResult> for AdRecord {
    fn from(r: &AdResult) -> Self {
        Self {
            position: r.position,
            campaign: r.campaign.clone(),
            ad: r.ad.clone(),
            url: r.url.clone(),
            final_url: r.final_url.as_ref().map(ToString::to_string),
            status: r.status,
            redirects: r
                .redirects
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
            elapsed_ms: r.elapsed_ms,
            verdict: r.verdict,
            page_kind: r.page_kind.map(|k| k.to_string()),
            identity: r.identity,
            checks: r
                .checks
                .iter()
                .map(|c| CheckRecord {
                    name: c.name.to_string(),
                    outcome: outcome_name(c.outcome).to_owned(),
                    message: c.message.clone(),
                    evidence: c.explain.clone(),
                })
                .collect(),
            error: r.error.clone(),
            facts: r.facts.as_ref().map(FactsRecord::from),
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

/// `time` as RFC 3339 in UTC, to the second.
#[must_use]
pub fn rfc3339(time: SystemTime) -> String {
    let at = time::OffsetDateTime::from(time).replace_nanosecond(0);
    at.ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

/// SHA-256 of `bytes` in lower-case hex.
#[must_use]
pub fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        })
}
