//! The pipeline: campaign ads -> fetch -> extract -> score -> one
//! [`AdResult`] per ad, handed to the caller as each finishes. Ads that
//! share a landing URL share one fetch. Parsing runs on blocking threads,
//! one page per core at a time, so it never stalls the fetches in flight
//! and only that many page trees are in memory.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock};

use futures::stream::{self, StreamExt};
use serde::Serialize;
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;
use url::Url;

use crate::campaign::{Ad, Campaign, CampaignFile, SkippedAd};
use crate::extract::{extract_page, PageFacts, PageKind};
use crate::fetch::Fetcher;
use crate::page::{millis, FetchFailure, FetchOutcome, Hop, Page};
use crate::score::{score_failure, Check, Scorer, Verdict};

mod run;

pub use run::{Audit, RunSummary, DEFAULT_GRACE};

/// Default number of landing pages fetched at once.
pub const DEFAULT_CONCURRENCY: usize = 32;

/// The audit of one ad: its verdict and the evidence behind it.
#[derive(Debug, Clone, Serialize)]
pub struct AdResult {
    /// Position of the ad in the campaign file, from 0.
    pub position: usize,
    /// The campaign's id.
    pub campaign: String,
    /// The ad's id.
    pub ad: String,
    /// The ad's target URL, as the campaign file gives it.
    pub url: String,
    /// Where the visitor ends up, when a page was reached.
    pub final_url: Option<Url>,
    /// HTTP status of the landing page.
    pub status: Option<u16>,
    /// Every redirect on the way.
    pub redirects: Vec<Hop>,
    /// Time to fetch the landing page, in milliseconds.
    pub elapsed_ms: u64,
    /// The overall verdict.
    pub verdict: Verdict,
    /// The landing page's kind.
    pub page_kind: Option<PageKind>,
    /// 0-100 similarity of the page's product to the ad's.
    pub identity: Option<u8>,
    /// Every check with its evidence.
    pub checks: Vec<Check>,
    /// Why no page could be had, for `error` verdicts.
    pub error: Option<String>,
    /// What landcheck read on the page.
    pub facts: Option<PageFacts>,
}

/// Counts of verdicts over a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Ads that passed.
    pub pass: usize,
    /// Ads with a warning.
    pub warn: usize,
    /// Ads that failed.
    pub fail: usize,
    /// Ads whose page could not be fetched.
    pub error: usize,
}

impl Summary {
    /// Counts one more result.
    pub fn add(&mut self, verdict: Verdict) {
        match verdict {
            Verdict::Pass => self.pass += 1,
            Verdict::Warn => self.warn += 1,
            Verdict::Fail => self.fail += 1,
            Verdict::Error => self.error += 1,
        }
    }

    /// The number of ads counted.
    #[must_use]
    pub fn total(&self) -> usize {
        self.pass + self.warn + self.fail + self.error
    }

    /// The worst verdict counted, if any.
    #[must_use]
    pub fn worst(&self) -> Option<Verdict> {
        [
            (self.error, Verdict::Error),
            (self.fail, Verdict::Fail),
            (self.warn, Verdict::Warn),
            (self.pass, Verdict::Pass),
        ]
        .into_iter()
        .find(|(n, _)| *n > 0)
        .map(|(_, v)| v)
    }
}

/// "16 ads: 6 pass, 1 warn, 9 fail, 0 error", as reports close.
impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ads: {} pass, {} warn, {} fail, {} error",
            self.total(),
            self.pass,
            self.warn,
            self.fail,
            self.error
        )
    }
}

/// A handle on a running audit, shareable across tasks: asks it to start
/// no more fetches, and tells how many ads it has started.
#[derive(Debug, Clone, Default)]
pub struct Stop {
    token: CancellationToken,
    started: Arc<AtomicUsize>,
}

impl Stop {
    /// This handle, cancelled by `token` (and cancelling it).
    #[must_use]
    pub fn with_token(self, token: CancellationToken) -> Self {
        Self { token, ..self }
    }

    /// The cancellation token behind this handle.
    #[must_use]
    pub fn token(&self) -> CancellationToken {
        self.token.clone()
    }

    /// Starts no more landing pages; those in flight finish.
    pub fn stop(&self) {
        self.token.cancel();
    }

    /// Whether [`Stop::stop`] was called or the token cancelled.
    #[must_use]
    pub fn is_stopped(&self) -> bool {
        self.token.is_cancelled()
    }

    /// The ads whose landing page has started to load so far (an invalid
    /// ad's row counts at once). Less the results received, it is the ads
    /// in flight, as a progress bar shows them.
    #[must_use]
    pub fn started(&self) -> usize {
        self.started.load(Ordering::Relaxed)
    }
}

/// Audits every ad of `campaigns`, calling `on_result` once per ad as soon
/// as it is scored (not in file order; sort by [`AdResult::position`]).
/// After `stop` is triggered no new landing page is started.
pub async fn audit(
    campaigns: &CampaignFile,
    fetcher: &Fetcher,
    scorer: &Scorer,
    concurrency: usize,
    stop: &Stop,
    on_result: impl FnMut(AdResult),
) {
    audit_where(
        campaigns,
        fetcher,
        scorer,
        concurrency,
        stop,
        |_, _| true,
        on_result,
    )
    .await;
}

/// [`audit`] for the ads `wanted(campaign_id, ad_id)` keeps, e.g. those a
/// resumed run has yet to audit; the others are neither fetched nor
/// reported.
pub async fn audit_where(
    campaigns: &CampaignFile,
    fetcher: &Fetcher,
    scorer: &Scorer,
    concurrency: usize,
    stop: &Stop,
    wanted: impl Fn(&str, &str) -> bool,
    mut on_result: impl FnMut(AdResult),
) {
    for skipped in &campaigns.skipped {
        if wanted(&skipped.campaign, &skipped.ad) {
            stop.started.fetch_add(1, Ordering::Relaxed);
            on_result(skipped_result(skipped));
        }
    }
    let mut groups: Vec<(Url, Vec<AdRef<'_>>)> = Vec::new();
    let mut by_url: HashMap<&Url, usize> = HashMap::new();
    for (position, campaign, ad) in campaigns.positioned_ads() {
        if !wanted(&campaign.id, &ad.id) {
            continue;
        }
        let slot = *by_url.entry(&ad.url).or_insert_with(|| {
            groups.push((ad.url.clone(), Vec::new()));
            groups.len() - 1
        });
        groups[slot].1.push((position, campaign, ad));
    }
    let mut pages = stream::iter(groups)
        .take_while(|_| std::future::ready(!stop.is_stopped()))
        .map(|(url, ads)| async move {
            stop.started.fetch_add(ads.len(), Ordering::Relaxed);
            let landed = read_page(fetcher.fetch(&url).await).await;
            (ads, landed)
        })
        .buffer_unordered(concurrency.max(1));
    while let Some((ads, landed)) = pages.next().await {
        for (position, campaign, ad) in ads {
            on_result(result_for(scorer, position, campaign, ad, &landed));
        }
    }
}

impl AdResult {
    /// A row for an ad that got no landing page, before any evidence.
    fn unfetched(position: usize, campaign: &str, ad: &str, url: String) -> Self {
        Self {
            position,
            campaign: campaign.to_owned(),
            ad: ad.to_owned(),
            url,
            final_url: None,
            status: None,
            redirects: Vec::new(),
            elapsed_ms: 0,
            verdict: Verdict::Error,
            page_kind: None,
            identity: None,
            checks: Vec::new(),
            error: None,
            facts: None,
        }
    }
}

/// The error row of an ad entry that was left out as invalid.
fn skipped_result(skipped: &SkippedAd) -> AdResult {
    let problems: Vec<String> = skipped
        .problems
        .iter()
        .map(|p| format!("line {}:{}: {}: {}", p.line, p.column, p.path, p.message))
        .collect();
    AdResult {
        error: Some(format!("invalid ad, not audited: {}", problems.join("; "))),
        ..AdResult::unfetched(
            skipped.position,
            &skipped.campaign,
            &skipped.ad,
            skipped.url.clone(),
        )
    }
}

/// An ad with its position in the file and its campaign.
type AdRef<'a> = (usize, &'a Campaign, &'a Ad);

/// A landing page with its facts, or why there is none.
type Landed = Result<(Page, PageFacts), FetchFailure>;

/// Extracts the page's facts on a blocking thread.
/// One parser per core: only that many page trees are alive at once, while
/// the fetches go on and their bodies wait their turn.
static PARSERS: LazyLock<Semaphore> = LazyLock::new(|| {
    Semaphore::new(std::thread::available_parallelism().map_or(2, std::num::NonZero::get))
});

async fn read_page(outcome: FetchOutcome) -> Landed {
    let page = outcome?;
    let permit = PARSERS
        .acquire()
        .await
        .expect("the parser pool is never closed");
    let joined = tokio::task::spawn_blocking(move || {
        let facts = extract_page(&page);
        drop(permit);
        (page, facts)
    })
    .await;
    Ok(joined.unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic())))
}

fn result_for(
    scorer: &Scorer,
    position: usize,
    campaign: &Campaign,
    ad: &Ad,
    landed: &Landed,
) -> AdResult {
    let base = AdResult::unfetched(position, &campaign.id, &ad.id, ad.url.to_string());
    match landed {
        Ok((page, facts)) => {
            let card = scorer.score(ad, page, facts);
            AdResult {
                final_url: Some(page.final_url.clone()),
                status: Some(page.status),
                redirects: page.hops.clone(),
                elapsed_ms: millis(page.elapsed),
                verdict: card.verdict,
                page_kind: Some(facts.kind),
                identity: card.identity,
                checks: card.checks,
                facts: Some(facts.clone()),
                ..base
            }
        }
        Err(failure) => {
            let card = score_failure(failure);
            AdResult {
                redirects: failure.hops.clone(),
                elapsed_ms: millis(failure.elapsed),
                checks: card.checks,
                error: Some(failure.error.to_string()),
                ..base
            }
        }
    }
}
