//! The whole audit as one call: what the command line, the tests, the
//! benches and any embedding service run, so that none of them can score
//! with other word weights, forget an ad, or count differently. The caller
//! keeps only what is its own: where results go and when to cancel.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use super::{streamed, AdResult, Pipeline, Stop, Summary, DEFAULT_CONCURRENCY};
use crate::campaign::{CampaignFile, StreamedFile, CHUNK_ADS};
use crate::error::Result;
use crate::fetch::{FetchOptions, Fetcher};
use crate::score::{Scorer, Taxonomy};

/// Results waiting for the caller's `on_result` before the pipeline waits.
pub(crate) const HANDOFF: usize = 256;

/// Time the fetches in flight get to finish once the audit is cancelled.
pub const DEFAULT_GRACE: Duration = Duration::from_secs(2);

/// An audit of a campaign file, set up step by step and run once.
///
/// ```no_run
/// # async fn demo() -> landcheck::Result<()> {
/// use landcheck::{load_campaigns, Audit};
///
/// let campaigns = load_campaigns(std::path::Path::new("campaigns.json"))?;
/// let summary = Audit::new(&campaigns)
///     .concurrency(16)
///     .run(|result| println!("{} {}", result.verdict, result.ad))
///     .await?;
/// println!("{} ads failed", summary.counts.fail);
/// # Ok(())
/// # }
/// ```
#[derive(Debug)]
pub struct Audit<'a> {
    source: Source<'a>,
    fetcher: Option<Fetcher>,
    taxonomy: Option<Taxonomy>,
    concurrency: usize,
    stop: Stop,
    grace: Duration,
    done: HashSet<(String, String)>,
    /// Ads read at a time from a streamed file.
    chunk_ads: usize,
}

/// How a run ended.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RunSummary {
    /// Verdict counts of the ads audited in this run.
    pub counts: Summary,
    /// Ads neither audited in this run nor already done before it, in
    /// file order, as `(campaign id, ad id)`.
    pub not_audited: Vec<(String, String)>,
    /// Landing pages loaded, each once however many ads point at it.
    pub pages_fetched: usize,
    /// Whether the run was cancelled before every ad was audited.
    pub cancelled: bool,
    /// How long the run took.
    pub elapsed: Duration,
}

/// The ads an audit reads.
#[derive(Debug)]
enum Source<'a> {
    /// A campaign file in memory, and the whole file it is part of.
    Held {
        campaigns: &'a CampaignFile,
        names_from: &'a CampaignFile,
    },
    /// A file read as it is audited.
    Streamed(&'a StreamedFile),
}

impl<'a> Audit<'a> {
    /// An audit of every ad of `campaigns`, with the default fetcher,
    /// [`DEFAULT_CONCURRENCY`] and no taxonomy.
    #[must_use]
    pub fn new(campaigns: &'a CampaignFile) -> Self {
        Self::of(Source::Held {
            campaigns,
            names_from: campaigns,
        })
    }

    /// An audit of every ad of `file`, read chunk by chunk while it is
    /// audited: no more than two chunks of ads are held, plus a byte an ad
    /// for the ads done, a count per landing URL, and the facts of pages
    /// that ads still to come point at.
    #[must_use]
    pub fn streamed(file: &'a StreamedFile) -> Self {
        Self::of(Source::Streamed(file))
    }

    fn of(source: Source<'a>) -> Self {
        Self {
            source,
            fetcher: None,
            taxonomy: None,
            concurrency: DEFAULT_CONCURRENCY,
            stop: Stop::default(),
            grace: DEFAULT_GRACE,
            done: HashSet::new(),
            chunk_ads: CHUNK_ADS,
        }
    }

    /// Learns the word weights from every ad name of `whole`, the file
    /// these campaigns are a part of (a shard), so that each ad scores as
    /// an audit of the whole file would score it. A streamed file is
    /// always whole, and ignores this.
    #[must_use]
    pub fn names_from(mut self, whole: &'a CampaignFile) -> Self {
        if let Source::Held { names_from, .. } = &mut self.source {
            *names_from = whole;
        }
        self
    }

    /// Fetches with `fetcher` (its timeouts, politeness and headers).
    #[must_use]
    pub fn fetcher(mut self, fetcher: Fetcher) -> Self {
        self.fetcher = Some(fetcher);
        self
    }

    /// Reads categories with `taxonomy` too.
    #[must_use]
    pub fn taxonomy(mut self, taxonomy: Taxonomy) -> Self {
        self.taxonomy = Some(taxonomy);
        self
    }

    /// Loads at most `n` landing pages at once.
    #[must_use]
    pub fn concurrency(mut self, n: usize) -> Self {
        self.concurrency = n.max(1);
        self
    }

    /// Stops starting landing pages once `token` is cancelled; those in
    /// flight get the grace time to finish, and the run then returns.
    #[must_use]
    pub fn cancel(mut self, token: CancellationToken) -> Self {
        self.stop = self.stop.with_token(token);
        self
    }

    /// Time the pages in flight get after cancellation; [`DEFAULT_GRACE`]
    /// unless set.
    #[must_use]
    pub fn grace(mut self, grace: Duration) -> Self {
        self.grace = grace;
        self
    }

    /// Leaves out the ads already audited, as `(campaign id, ad id)`, e.g.
    /// by the run a resumed report was cut from.
    #[must_use]
    pub fn skip_done(mut self, done: HashSet<(String, String)>) -> Self {
        self.done = done;
        self
    }

    /// Reads a streamed file `n` ads at a time.
    #[cfg(test)]
    pub(crate) fn chunk_ads(mut self, n: usize) -> Self {
        self.chunk_ads = n;
        self
    }

    /// A handle that counts the ads started, for a progress display.
    #[must_use]
    pub fn progress(&self) -> Stop {
        self.stop.clone()
    }

    /// Audits every ad not already done, calling `on_result` once per ad
    /// as soon as it is scored (in completion order; sort by
    /// [`AdResult::position`] for file order). Word weights are learned
    /// from every ad name of the file (see [`Audit::names_from`]),
    /// whichever ads this run audits.
    ///
    /// # Errors
    /// When the default fetcher cannot be built.
    pub async fn run(self, mut on_result: impl FnMut(AdResult)) -> Result<RunSummary> {
        // The pipeline hands its results over a channel, so that it is
        // compiled once, in this crate, and not again for each caller's
        // closure. The channel is bounded: when `on_result` is slower than
        // the pages come (they all fail at once, or the history is being
        // written), the pipeline waits instead of queueing results without
        // end, and memory stays flat however many ads the file has.
        let (results, mut received) = mpsc::channel(HANDOFF);
        let deliver = async {
            while let Some(result) = received.recv().await {
                on_result(result);
            }
        };
        let (ran, ()) = tokio::join!(self.run_into(results), deliver);
        ran
    }

    /// [`Audit::run`], sending each result to `results`.
    async fn run_into(mut self, results: mpsc::Sender<AdResult>) -> Result<RunSummary> {
        let started = Instant::now();
        let fetcher = match self.fetcher.take() {
            Some(fetcher) => fetcher,
            None => Fetcher::new(FetchOptions::default())?,
        };
        let mut scorer = match &self.source {
            Source::Held { names_from, .. } => Scorer::new()
                .with_ad_names(names_from.ads().map(|(_, ad)| ad.product.name.as_str())),
            Source::Streamed(file) => {
                Scorer::new().with_learned(streamed::learn_names(file).await?)
            }
        };
        if let Some(taxonomy) = &self.taxonomy {
            scorer = scorer.with_taxonomy(taxonomy);
        }
        let mut counts = Summary::default();
        // One flag per ad of the file: a run of millions keeps a byte each.
        let mut audited = vec![false; self.ad_count()];
        let wanted = |c: &str, a: &str| !self.done.contains(&(c.to_owned(), a.to_owned()));
        let on_result = async |result: AdResult| {
            counts.add(result.verdict);
            if let Some(flag) = audited.get_mut(result.position) {
                *flag = true;
            }
            // The receiver lives as long as this run.
            let _ = results.send(result).await;
        };
        let pipeline = Pipeline {
            fetcher: &fetcher,
            scorer: &scorer,
            concurrency: self.concurrency,
            stop: &self.stop,
        };
        let audit = async {
            match &self.source {
                Source::Held { campaigns, .. } => {
                    pipeline
                        .audit_part(campaigns, 0, None, wanted, on_result)
                        .await;
                    Ok(())
                }
                Source::Streamed(file) => {
                    streamed::audit_file(&pipeline, file, self.chunk_ads, wanted, on_result).await
                }
            }
        };
        let grace = self.grace;
        let token = self.stop.token();
        let ended = tokio::select! {
            ended = audit => ended,
            () = async {
                token.cancelled().await;
                tokio::time::sleep(grace).await;
            } => Ok(()),
        };
        ended?;
        let not_audited = self.not_audited(audited).await?;
        Ok(RunSummary {
            counts,
            cancelled: !not_audited.is_empty() && self.stop.is_stopped(),
            not_audited,
            pages_fetched: self.stop.pages_fetched(),
            elapsed: started.elapsed(),
        })
    }

    /// The number of ad entries the audit reads.
    fn ad_count(&self) -> usize {
        match &self.source {
            Source::Held { campaigns, .. } => campaigns.ad_count(),
            Source::Streamed(file) => file.ad_count(),
        }
    }

    /// The ads of the file neither done before nor flagged in `audited`,
    /// in file order (invalid ads at their own place).
    async fn not_audited(&self, audited: Vec<bool>) -> Result<Vec<(String, String)>> {
        let done = self.done.clone();
        let left = move |position: usize, c: &str, a: &str| {
            !audited.get(position).copied().unwrap_or(false)
                && !done.contains(&(c.to_owned(), a.to_owned()))
        };
        Ok(match &self.source {
            Source::Held { campaigns, .. } => campaigns
                .entries()
                .filter(|e| left(e.position(), e.campaign_id(), e.ad_id()))
                .map(|e| (e.campaign_id().to_owned(), e.ad_id().to_owned()))
                .collect(),
            Source::Streamed(file) => streamed::ids_where(file, left).await?,
        })
    }
}
