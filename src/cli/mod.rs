//! The command-line front end: turns arguments and the config file into
//! library calls, shows progress, writes the report, handles Ctrl-C and
//! chooses the exit code.

mod args;
mod config;
#[cfg(feature = "demo")]
mod demo;
mod diff;
mod extract;
mod groups;
mod hints;
mod history;
mod input;
mod merge;
mod notify;
mod output;
mod progress;
mod record;
mod resume;

use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use landcheck::{
    reporter_for, Ad, AdResult, Audit, Campaign, CampaignFile, CancellationToken, DeclaredProduct,
    Fetcher, Format, Money, RunReport, Summary, Taxonomy, Verdict,
};

pub(crate) use args::Cli;
use args::{Command, FailOn, ProductArgs};
use config::{settings, Settings};
use landcheck::wire::SummaryRecord;
use landcheck::Shard;
use landcheck::{InputKind, InputOptions, StreamedFile};
use output::Output;
use progress::Progress;
use record::Origin;

/// Exit code when no ad reaches the `--fail-on` threshold.
pub(crate) const EXIT_OK: u8 = 0;
/// Exit code when some ad reaches the `--fail-on` threshold.
pub(crate) const EXIT_ADS_FAIL: u8 = 1;
/// Exit code for usage and input errors.
pub(crate) const EXIT_USAGE: u8 = 2;
/// Time in-flight fetches get to finish after Ctrl-C or SIGTERM.
const GRACE: Duration = Duration::from_secs(2);

/// An error with its causes, each said once: a cause whose words the
/// message already holds (as in "cannot read x: No such file") is left out.
pub(crate) fn message(error: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in error.chain() {
        let words = cause.to_string();
        if !text.contains(&words) {
            if !text.is_empty() {
                text.push_str(": ");
            }
            text.push_str(&words);
        }
    }
    text
}

/// Runs one command to completion.
pub(crate) async fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Audit {
            file,
            input,
            shard,
            run,
        } => {
            let settings = settings(run.into(), Some(&file))?;
            let options = input::options(input, &settings.input, settings.skip_invalid_ads)?;
            if streams(&settings, &options, shard) {
                if let Some(streamed) = StreamedFile::open(&file)? {
                    let fail_on = settings.fail_on;
                    let origin = Origin::file(&file).with_context(|| {
                        format!("cannot read the campaign file {}", file.display())
                    })?;
                    let tracker = history::Tracker::start(&settings, Some(&file), "")?;
                    let ads = Ads::Streamed(&streamed);
                    let finished = audit_and_report(ads, settings, Some(origin), tracker).await?;
                    return Ok(finished.exit_code(fail_on));
                }
            }
            let loaded = landcheck::load_input(&file, &options)?;
            if settings.skip_invalid_ads {
                warn_skipped(&file, &loaded.file);
            }
            let (fail_on, quiet) = (settings.fail_on, settings.quiet);
            let mut origin = Origin::file(&file)
                .with_context(|| format!("cannot read the campaign file {}", file.display()))?;
            origin.shard = shard;
            let tracker = history::Tracker::start(&settings, Some(&file), "")?;
            let campaigns = &loaded.file;
            let finished = match shard {
                Some(shard) => {
                    let part = shard.select(campaigns);
                    if !quiet {
                        eprintln!(
                            "landcheck: shard {shard}: {} of the {} ads in {}",
                            part.ad_count(),
                            campaigns.ad_count(),
                            file.display()
                        );
                    }
                    let ads = Ads::Held {
                        campaigns: &part,
                        whole: campaigns,
                    };
                    audit_and_report(ads, settings, Some(origin), tracker).await?
                }
                None => {
                    let ads = Ads::Held {
                        campaigns,
                        whole: campaigns,
                    };
                    audit_and_report(ads, settings, Some(origin), tracker).await?
                }
            };
            if !quiet {
                input::report_left_out(&file, &loaded, options.include_paused);
            }
            Ok(finished.exit_code(fail_on))
        }
        Command::Merge(merge) => merge::run(merge),
        Command::Diff {
            old,
            new,
            format,
            fail_on,
        } => diff::run(&old, &new, format, fail_on),
        Command::Check { url, product, run } => {
            let settings = settings(run.into(), None)?;
            let (campaigns, mut problems) = single_ad(url.clone(), product);
            problems.extend(
                campaigns
                    .ads()
                    .flat_map(|(_, ad)| landcheck::ad_problems(ad))
                    .map(|p| as_flags(&p)),
            );
            if !problems.is_empty() {
                bail!("the ad is not valid: {}", problems.join("; "));
            }
            let fail_on = settings.fail_on;
            let tracker = history::Tracker::start(&settings, None, &format!("check {url}"))?;
            let ads = Ads::Held {
                campaigns: &campaigns,
                whole: &campaigns,
            };
            Ok(audit_and_report(ads, settings, None, tracker)
                .await?
                .exit_code(fail_on))
        }
        Command::Extract { target, url, run } => {
            extract::run(&target, url, settings(run.into(), None)?).await
        }
        #[cfg(feature = "demo")]
        Command::Demo { run } => demo::run(run).await,
        Command::History {
            ad,
            campaign_file,
            history,
        } => history::show(&ad, campaign_file.as_deref(), history.as_deref()),
    }
}

/// Tells on stderr which ads are not audited and why.
fn warn_skipped(file: &std::path::Path, campaigns: &CampaignFile) {
    if campaigns.skipped.is_empty() {
        return;
    }
    let n = campaigns.skipped.len();
    eprintln!(
        "landcheck: {n} invalid ad{} in {} not audited (each gets an error row):",
        if n == 1 { "" } else { "s" },
        file.display()
    );
    for problem in campaigns.skipped.iter().flat_map(|s| &s.problems) {
        eprintln!(
            "  {}:{}:{}: {}: {}",
            file.display(),
            problem.line,
            problem.column,
            problem.path,
            problem.message
        );
    }
}

/// "product.price.currency: ..." as the flag the user typed: "--price: ...".
fn as_flags(problem: &str) -> String {
    let (field, message) = problem.split_once(": ").unwrap_or(("", problem));
    let flag = match field.trim_start_matches("product.") {
        "url" => "URL".to_owned(),
        f if f.starts_with("price") => "--price".to_owned(),
        f => format!("--{f}"),
    };
    format!("{flag}: {message}")
}

/// The one ad the flags describe, and what is wrong with flags that do not
/// even read (a GTIN with a wrong check digit).
fn single_ad(url: url::Url, p: ProductArgs) -> (CampaignFile, Vec<String>) {
    let mut problems = Vec::new();
    let gtin = p.gtin.and_then(|text| {
        landcheck::Gtin::parse(&text)
            .map_err(|e| problems.push(format!("--gtin: {e}")))
            .ok()
    });
    let ad = Ad {
        id: "ad".into(),
        url,
        display_url: None,
        product: DeclaredProduct {
            name: p.name,
            brand: p.brand,
            category: p.category,
            price: p.price.map(|(amount, currency)| Money { amount, currency }),
            gtin,
            sku: p.sku,
            mpn: p.mpn,
            availability: None,
        },
        expect: landcheck::Expectation {
            page: p.expect_page.into(),
        },
    };
    let file = CampaignFile {
        skipped: Vec::new(),
        campaigns: vec![Campaign {
            id: "check".into(),
            name: "Ad-hoc check".into(),
            ads: vec![ad],
        }],
    };
    (file, problems)
}

/// How an audit run ended.
struct Finished {
    /// The worst verdict of any ad.
    worst: Option<Verdict>,
    /// The exit code of the signal that interrupted the run, if one did.
    signal: Option<u8>,
}

impl Finished {
    fn exit_code(&self, fail_on: FailOn) -> ExitCode {
        ExitCode::from(
            self.signal
                .unwrap_or_else(|| exit_code(self.worst, fail_on)),
        )
    }
}

/// Whether the campaign file is read as a stream instead of whole: for
/// campaign JSON reported as JSON Lines, whose results are written as they
/// come, so that no part of a run grows with the number of ads. A shard
/// reads its file whole, to number its ads within the shard.
fn streams(settings: &Settings, input: &InputOptions, shard: Option<Shard>) -> bool {
    settings.format == Format::Jsonl
        && settings.html.is_none()
        && shard.is_none()
        && matches!(input.kind, None | Some(InputKind::Json))
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
async fn audit_and_report(
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

/// Where the report goes: `--output FILE`, else standard output; buffered.
pub(crate) fn open_output(path: Option<&std::path::Path>) -> Result<Box<dyn Write>> {
    Ok(match path {
        Some(path) => {
            Box::new(BufWriter::new(File::create(path).with_context(|| {
                format!("cannot write the report to {}", path.display())
            })?))
        }
        None => Box::new(BufWriter::new(io::stdout())),
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
