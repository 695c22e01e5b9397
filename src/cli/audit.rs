//! Runs one audit to its end: fetches and scores the ads, writes the
//! report as results come, stops cleanly on Ctrl-C or SIGTERM, and says
//! which exit code the run earns.

use std::collections::HashSet;
use std::io;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};
use landcheck::wire::SummaryRecord;
use landcheck::{
    reporter_for, AdResult, Audit, CampaignFile, CancellationToken, Fetcher, Format, RunReport,
    StreamedFile, Summary, Taxonomy, Verdict,
};

use super::args::FailOn;
use super::config::Settings;
use super::output::Output;
use super::progress::Progress;
use super::record::Origin;
use super::{hints, history, notify, output, record, EXIT_ADS_FAIL, EXIT_OK};

/// Time in-flight fetches get to finish after Ctrl-C or SIGTERM.
const GRACE: Duration = Duration::from_secs(2);

/// How an audit run ended.
pub(super) struct Finished {
    /// The worst verdict of any ad.
    worst: Option<Verdict>,
    /// The exit code of the signal that interrupted the run, if one did.
    pub(super) signal: Option<u8>,
}

impl Finished {
    pub(super) fn exit_code(&self, fail_on: FailOn) -> ExitCode {
        ExitCode::from(
            self.signal
                .unwrap_or_else(|| exit_code(self.worst, fail_on)),
        )
    }
}

/// The ads a run audits.
pub(crate) enum Ads<'a> {
    /// A campaign file in memory, or the part of it a shard audits: the
    /// scorer learns its word weights from every ad name of `whole`, so
    /// a shard scores its ads as an audit of the whole file would.
    Held {
        campaigns: &'a CampaignFile,
        whole: &'a CampaignFile,
    },
    /// A campaign file read as it is audited.
    Streamed(&'a StreamedFile),
}

impl Ads<'_> {
    fn count(&self) -> usize {
        match self {
            Self::Held { campaigns, .. } => campaigns.ad_count(),
            Self::Streamed(file) => file.ad_count(),
        }
    }
}

/// Audits the ads and writes the report.
pub(super) async fn audit_and_report(
    ads: Ads<'_>,
    settings: Settings,
    origin: Option<Origin<'_>>,
    mut tracker: history::Tracker,
) -> Result<Finished> {
    let started = (std::time::SystemTime::now(), std::time::Instant::now());
    let header = record::header(&settings, origin.as_ref(), started.0);
    let resumed = record::open_resumed(&settings, &header)?;
    let target = settings
        .output
        .clone()
        .or_else(|| settings.resume.as_deref().map(output::final_path));
    if let Some(campaign) = origin.as_ref().and_then(|o| o.path) {
        if let Some(out) = &target {
            output::refuse_campaign(out, campaign)?;
        }
        if let Some(html) = &settings.html {
            output::refuse_campaign(html, campaign).map_err(|_| {
                anyhow::anyhow!(
                    "--html {} is the campaign file {}: the report would overwrite the ads. Name another file, e.g. report.html",
                    html.display(),
                    campaign.display()
                )
            })?;
        }
    }
    let mut out = match (&resumed, &settings.output) {
        (Some((partial, path)), _) => Output::resume(path, partial.keep)?,
        (None, Some(path)) => Output::create(path)?,
        (None, None) => Output::stdout(),
    };
    let mut alert = notify::Alert::new(
        origin.as_ref().and_then(|o| o.path),
        settings.notify_webhook.is_some(),
    );
    // The report this run replaces is last run's: the alert tells new
    // failures from old ones by it.
    // With a run history, each ad's mark says it better.
    if let Some(last) = target
        .as_deref()
        .filter(|_| settings.notify_webhook.is_some() && !tracker.is_kept())
    {
        if let Ok(failing_before) = notify::failing_in(last) {
            alert.compare_with(last, failing_before);
        }
    }
    let audit = match ads {
        Ads::Held { campaigns, whole } => Audit::new(campaigns).names_from(whole),
        Ads::Streamed(file) => Audit::streamed(file),
    };
    let mut audit = audit
        .fetcher(Fetcher::new(settings.fetch)?)
        .concurrency(settings.concurrency)
        .grace(GRACE);
    if let Some(path) = &settings.taxonomy {
        audit = audit.taxonomy(load_taxonomy(path)?);
    }
    let mut reporter = reporter_for(settings.format, settings.explain);
    let mut summary = Summary::default();
    let mut done = HashSet::new();
    let mut write_error: Option<io::Error> = match &resumed {
        Some((partial, _)) => {
            for ad in &partial.ads {
                summary.add(ad.verdict);
            }
            done = partial.done();
            None
        }
        None => reporter.start(out.writer(), &header).err(),
    };
    let carried = summary.total();
    let cancel = CancellationToken::new();
    let audit = audit.skip_done(done).cancel(cancel.clone());
    let progress = Progress::new(
        ads.count().saturating_sub(carried),
        settings.quiet,
        &audit.progress(),
    );
    // JSON Lines are written as they come: a nightly run of millions of ads
    // need not hold them all in memory.
    let keep = reporter.keeps_results() || settings.html.is_some();
    let mut results: Vec<AdResult> = Vec::new();
    let writer = out.writer();
    let mut hints = hints::Hints::default();
    let mut running = Box::pin(audit.run(|result| {
        progress.advance();
        summary.add(result.verdict);
        hints.observe(&result);
        let mark = tracker.record(&result);
        alert.add(&result, mark);
        if write_error.is_none() {
            write_error = reporter.result(writer, &result, mark).err();
        }
        if keep {
            results.push(result);
        }
    }));
    // Ctrl-C or SIGTERM cancels: pages in flight get the grace time, and
    // the run still returns what it did and did not audit.
    let (ran, signal) = tokio::select! {
        ran = &mut running => (ran, None),
        code = interrupted() => {
            cancel.cancel();
            ((&mut running).await, Some(code))
        }
    };
    drop(running);
    let ran = ran?;
    progress.finish();
    results.sort_by_key(|r| r.position);
    let not_audited: Vec<String> = ran.not_audited.into_iter().map(|(_, ad)| ad).collect();
    if let Some(code) = signal {
        eprintln!(
            "landcheck: interrupted (exit {code}); {} ads audited, {} not audited",
            summary.total(),
            not_audited.len()
        );
        record::list_not_audited(&not_audited);
    }
    let mut closing = SummaryRecord::new(ads.count(), summary);
    closing.duration_ms = u64::try_from(started.1.elapsed().as_millis()).unwrap_or(u64::MAX);
    closing.interrupted = signal.is_some();
    closing.resumed = carried;
    closing.not_audited = not_audited;
    closing.pages_fetched = ran.pages_fetched;
    let marks = tracker.finish(&summary, closing.not_audited.len());
    // The reports write the summary's `changes` from the history itself.
    // A streamed file is not held; the formats that read the campaigns
    // at the end are never streamed.
    let none = CampaignFile {
        campaigns: Vec::new(),
        skipped: Vec::new(),
    };
    let report = RunReport {
        campaigns: match ads {
            Ads::Held { campaigns, .. } => campaigns,
            Ads::Streamed(_) => &none,
        },
        results: &results,
        summary,
        not_audited: closing.not_audited.len(),
        header: resumed.as_ref().map_or(&header, |(p, _)| &p.header),
        closing: &closing,
        marks: &marks,
    };
    let written = match write_error {
        Some(e) => Err(e),
        None => reporter
            .finish(out.writer(), &report)
            .and_then(|()| out.writer().flush()),
    };
    match written {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        other => other.context("cannot write the report")?,
    }
    if let Some(path) = &settings.html {
        let mut page = Output::create(path)?;
        reporter_for(Format::Html, settings.explain)
            .finish(page.writer(), &report)
            .and_then(|()| page.writer().flush())
            .with_context(|| format!("cannot write the HTML report to {}", path.display()))?;
        page.commit()?;
    }
    history::warn_unread(&marks);
    let report_at = if signal.is_some() {
        let left = out.abandon()?;
        record::how_to_resume(left.as_ref(), settings.format, origin.as_ref());
        left.map(|(partial, _)| partial)
    } else {
        out.commit()?
    };
    if !settings.quiet {
        record::summary_line(&closing, report_at.as_deref());
        hints.print();
    }
    alert.finish(
        summary,
        closing.not_audited.len(),
        Duration::from_millis(closing.duration_ms),
        report_at.as_deref(),
        signal.is_some(),
    );
    if let Some(url) = &settings.notify_webhook {
        if let Err(why) = notify::send(url, &alert).await {
            eprintln!(
                "landcheck: warning: the webhook {} was not notified: {why}",
                notify::host_of(url)
            );
        }
    }
    Ok(Finished {
        worst: summary.worst(),
        signal,
    })
}

/// Reads a `--taxonomy` file.
fn load_taxonomy(path: &std::path::Path) -> Result<Taxonomy> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the taxonomy {}", path.display()))?;
    Taxonomy::parse(&text).map_err(|e| anyhow::anyhow!("{}:{e}", path.display()))
}

/// Resolves on Ctrl-C (exit code 130) or SIGTERM (143).
async fn interrupted() -> u8 {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            return tokio::select! {
                _ = tokio::signal::ctrl_c() => 130,
                _ = term.recv() => 143,
            };
        }
    }
    let _ = tokio::signal::ctrl_c().await;
    130
}

fn exit_code(worst: Option<Verdict>, fail_on: FailOn) -> u8 {
    let threshold = match fail_on {
        FailOn::Never => return EXIT_OK,
        FailOn::Warn => Verdict::Warn,
        FailOn::Fail => Verdict::Fail,
    };
    if worst.is_some_and(|w| w >= threshold) {
        EXIT_ADS_FAIL
    } else {
        EXIT_OK
    }
}
