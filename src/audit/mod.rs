//! The pipeline: campaign ads -> fetch -> extract -> score -> one
//! [`AdResult`] per ad, handed to the caller as each finishes. Ads that
//! share a landing URL share one fetch. Parsing runs on its own threads,
//! one page per core at a time, so it never stalls the fetches in flight
//! and only that many page trees are in memory.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use futures::stream::{self, StreamExt};
use serde::Serialize;
use tokio_util::sync::CancellationToken;
use url::Url;

use crate::campaign::{Ad, Campaign, CampaignFile, Entry, SkippedAd};
use crate::extract::PageFacts;
use crate::fetch::Fetcher;
use crate::page::{millis, FetchFailure, FetchOutcome, Page};
use crate::score::{score_failure, Scorer, Verdict};

mod parsers;
mod result;
mod run;
mod streamed;

pub use result::{AdOutcome, AdResult, Invalid, Landing, Unreached};
pub use run::{Audit, RunSummary, DEFAULT_GRACE};
use streamed::PageCache;

/// Default number of landing pages fetched at once.
pub const DEFAULT_CONCURRENCY: usize = 32;

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
            "{} ad{}: {} pass, {} warn, {} fail, {} error",
            self.total(),
            if self.total() == 1 { "" } else { "s" },
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
    pages: Arc<AtomicUsize>,
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

    /// The landing pages loaded so far, each once however many ads point
    /// at it, whether or not it could be had.
    #[must_use]
    pub fn pages_fetched(&self) -> usize {
        self.pages.load(Ordering::Relaxed)
    }
}

/// What every part of one audit shares.
pub(crate) struct Pipeline<'r> {
    pub(crate) fetcher: &'r Fetcher,
    pub(crate) scorer: &'r Scorer,
    pub(crate) concurrency: usize,
    pub(crate) stop: &'r Stop,
}

impl Pipeline<'_> {
    /// Audits the ads of `campaigns` that `wanted` keeps, as the part of a
    /// file starting at position `offset`. Pages that `cache` holds are
    /// not fetched again, and it keeps those that later parts will want.
    pub(crate) async fn audit_part(
        &self,
        campaigns: &CampaignFile,
        offset: usize,
        mut cache: Option<&mut PageCache<'_>>,
        wanted: impl Fn(&str, &str) -> bool,
        mut on_result: impl AsyncFnMut(AdResult),
    ) {
        let stop = self.stop;
        let mut groups: Vec<(Url, Vec<AdRef<'_>>)> = Vec::new();
        let mut by_url: HashMap<&Url, usize> = HashMap::new();
        for entry in campaigns.entries() {
            if !wanted(entry.campaign_id(), entry.ad_id()) {
                continue;
            }
            match entry {
                Entry::Valid {
                    position,
                    campaign,
                    ad,
                } => {
                    let slot = *by_url.entry(&ad.url).or_insert_with(|| {
                        groups.push((ad.url.clone(), Vec::new()));
                        groups.len() - 1
                    });
                    groups[slot].1.push((offset + position, campaign, ad));
                }
                Entry::Invalid(skipped) => {
                    stop.started.fetch_add(1, Ordering::Relaxed);
                    let mut row = skipped_result(skipped);
                    row.position += offset;
                    on_result(row).await;
                }
            }
        }
        let mut to_fetch = Vec::with_capacity(groups.len());
        for (url, ads) in groups {
            match cache.as_deref_mut().and_then(|c| c.take(&url, ads.len())) {
                Some(landed) => {
                    stop.started.fetch_add(ads.len(), Ordering::Relaxed);
                    for (position, campaign, ad) in ads {
                        on_result(result_for(self.scorer, position, campaign, ad, &landed)).await;
                    }
                }
                None => to_fetch.push((url, ads)),
            }
        }
        let fetcher = self.fetcher;
        let mut pages = stream::iter(to_fetch)
            .take_while(|_| std::future::ready(!stop.is_stopped()))
            .map(|(url, ads)| async move {
                stop.started.fetch_add(ads.len(), Ordering::Relaxed);
                let landed = read_page(fetcher.fetch(&url).await).await;
                (url, ads, landed)
            })
            .buffer_unordered(self.concurrency.max(1));
        while let Some((url, ads, landed)) = pages.next().await {
            stop.pages.fetch_add(1, Ordering::Relaxed);
            let n = ads.len();
            for (position, campaign, ad) in ads {
                on_result(result_for(self.scorer, position, campaign, ad, &landed)).await;
            }
            if let Some(cache) = cache.as_deref_mut() {
                cache.keep(url, landed, n);
            }
        }
    }
}

/// The error row of an ad entry that was left out as invalid.
fn skipped_result(skipped: &SkippedAd) -> AdResult {
    AdResult {
        position: skipped.position,
        campaign: skipped.campaign.clone(),
        ad: skipped.ad.clone(),
        url: skipped.url.clone(),
        verdict: Verdict::Error,
        outcome: AdOutcome::Invalid(Invalid::new(skipped.problems.clone())),
    }
}

/// An ad with its position in the file and its campaign.
type AdRef<'a> = (usize, &'a Campaign, &'a Ad);

/// A landing page with its facts, or why there is none.
pub(crate) type Landed = Result<(Page, PageFacts), FetchFailure>;

/// The landing page of `outcome` with its facts, read on a parser thread.
async fn read_page(outcome: FetchOutcome) -> Landed {
    Ok(parsers::read(outcome?).await)
}

fn result_for(
    scorer: &Scorer,
    position: usize,
    campaign: &Campaign,
    ad: &Ad,
    landed: &Landed,
) -> AdResult {
    let (verdict, outcome) = match landed {
        Ok((page, facts)) => {
            let card = scorer.score(ad, page, facts);
            let landing = Landing {
                redirects: page.hops.clone(),
                elapsed_ms: millis(page.elapsed),
                identity: card.identity,
                checks: card.checks,
                ..Landing::new(page.final_url.clone(), page.status, facts.clone())
            };
            (card.verdict, AdOutcome::Audited(Box::new(landing)))
        }
        Err(failure) => {
            let unreached = Unreached {
                redirects: failure.hops.clone(),
                elapsed_ms: millis(failure.elapsed),
                checks: score_failure(failure).checks,
                ..Unreached::new(failure.error.to_string())
            };
            (Verdict::Error, AdOutcome::Unreachable(unreached))
        }
    };
    AdResult {
        position,
        campaign: campaign.id.clone(),
        ad: ad.id.clone(),
        url: ad.url.to_string(),
        verdict,
        outcome,
    }
}
