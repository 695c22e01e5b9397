//! The command-line front end: turns arguments and the config file into
//! library calls, shows progress, writes the report, handles Ctrl-C and
//! chooses the exit code.

mod args;
mod config;
mod extract;
mod progress;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use landcheck::demo::{example_campaigns, DemoShop};
use landcheck::fetch::HostPolicy;
use landcheck::{
    audit, reporter_for, Ad, AdResult, Campaign, CampaignFile, DeclaredProduct, Fetcher, Money,
    RunReport, Scorer, Stop, Summary, Taxonomy, Verdict,
};

pub(crate) use args::Cli;
use args::{Command, FailOn, ProductArgs};
use config::{settings, Settings};
use progress::Progress;

/// Exit code when no ad reaches the `--fail-on` threshold.
pub(crate) const EXIT_OK: u8 = 0;
/// Exit code when some ad reaches the `--fail-on` threshold.
pub(crate) const EXIT_ADS_FAIL: u8 = 1;
/// Exit code for usage and input errors.
pub(crate) const EXIT_USAGE: u8 = 2;
/// Time in-flight fetches get to finish after Ctrl-C or SIGTERM.
const GRACE: Duration = Duration::from_secs(2);

/// Runs one command to completion.
pub(crate) async fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Audit { file, run } => {
            let settings = settings(run, Some(&file))?;
            let campaigns = if settings.skip_invalid_ads {
                let campaigns = landcheck::campaign::load_lenient(&file)?;
                warn_skipped(&file, &campaigns);
                campaigns
            } else {
                landcheck::campaign::load(&file)?
            };
            audit_and_report(&campaigns, settings).await
        }
        Command::Check { url, product, run } => {
            if !matches!(url.scheme(), "http" | "https") {
                bail!(
                    "\"{url}\" uses the unsupported scheme \"{}:\"; an ad URL must start with http:// or https://",
                    url.scheme()
                );
            }
            let settings = settings(run, None)?;
            audit_and_report(&single_ad(url, product), settings).await
        }
        Command::Extract { target, url, run } => {
            extract::run(&target, url, settings(run, None)?).await
        }
        Command::Demo { run } => {
            let mut settings = settings(run, None)?;
            let shop = DemoShop::start().await?;
            let campaigns = example_campaigns()?;
            // The demo shop is local: no need to be polite to it.
            let local = HostPolicy {
                per_host: settings.fetch.host.per_host,
                host_rate: None,
            };
            for r in shop.resolves() {
                settings
                    .fetch
                    .host_overrides
                    .entry(r.host.clone())
                    .or_insert(local);
                settings.fetch.resolve.push(r);
            }
            if !settings.quiet {
                eprintln!(
                    "landcheck demo: a local shop on {} serves fixtures/ for {}; auditing campaigns.example.json ({} ads)",
                    shop.addr(),
                    shop.resolves().iter().map(|r| r.host.as_str()).collect::<Vec<_>>().join(", "),
                    campaigns.ad_count()
                );
            }
            let code = audit_and_report(&campaigns, settings).await?;
            let interrupted =
                code != ExitCode::from(EXIT_OK) && code != ExitCode::from(EXIT_ADS_FAIL);
            Ok(if interrupted {
                code
            } else {
                ExitCode::from(EXIT_OK)
            })
        }
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

fn single_ad(url: url::Url, p: ProductArgs) -> CampaignFile {
    let ad = Ad {
        id: "ad".into(),
        url,
        product: DeclaredProduct {
            name: p.name,
            brand: p.brand,
            category: p.category,
            price: p.price.map(|(amount, currency)| Money { amount, currency }),
            gtin: p.gtin,
            sku: p.sku,
            mpn: p.mpn,
        },
        expect: landcheck::campaign::Expectation {
            page: p.expect_page.into(),
        },
    };
    CampaignFile {
        skipped: Vec::new(),
        campaigns: vec![Campaign {
            id: "check".into(),
            name: "Ad-hoc check".into(),
            ads: vec![ad],
        }],
    }
}

async fn audit_and_report(campaigns: &CampaignFile, settings: Settings) -> Result<ExitCode> {
    let fetcher = Fetcher::new(settings.fetch)?;
    let mut scorer =
        Scorer::new().with_ad_names(campaigns.ads().map(|(_, ad)| ad.product.name.as_str()));
    if let Some(path) = &settings.taxonomy {
        scorer = scorer.with_taxonomy(&Taxonomy::load(path)?);
    }
    let mut out: Box<dyn Write> = match &settings.output {
        Some(path) => {
            Box::new(BufWriter::new(File::create(path).with_context(|| {
                format!("cannot write the report to {}", path.display())
            })?))
        }
        None => Box::new(BufWriter::new(io::stdout())),
    };
    let mut reporter = reporter_for(settings.format, settings.explain);
    let progress = Progress::new(campaigns.ad_count(), settings.quiet);
    // JSON Lines are written as they come: a nightly run of millions of ads
    // need not hold them all in memory.
    let keep = reporter.keeps_results();
    let mut results: Vec<AdResult> = Vec::new();
    let mut summary = Summary::default();
    let mut write_error: Option<io::Error> = None;
    let stop = Stop::default();
    let mut running = Box::pin(audit(
        campaigns,
        &fetcher,
        &scorer,
        settings.concurrency,
        &stop,
        |result| {
            progress.advance(&format!("{} {}", result.verdict, result.ad));
            summary.add(result.verdict);
            if write_error.is_none() {
                write_error = reporter.result(&mut out, &result).err();
            }
            if keep {
                results.push(result);
            }
        },
    ));
    let signal = tokio::select! {
        () = &mut running => None,
        code = interrupted() => {
            stop.stop();
            let _ = tokio::time::timeout(GRACE, &mut running).await;
            Some(code)
        }
    };
    drop(running);
    progress.finish();
    results.sort_by_key(|r| r.position);
    let not_audited = campaigns.ad_count() - summary.total();
    if let Some(code) = signal {
        eprintln!(
            "landcheck: interrupted (exit {code}); {} ads audited, {not_audited} not audited",
            summary.total()
        );
    }
    let report = RunReport {
        campaigns,
        results: &results,
        summary,
        not_audited,
    };
    let written = match write_error {
        Some(e) => Err(e),
        None => reporter
            .finish(&mut out, &report)
            .and_then(|()| out.flush()),
    };
    match written {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        other => other.context("cannot write the report")?,
    }
    Ok(ExitCode::from(signal.unwrap_or_else(|| {
        exit_code(summary.worst(), settings.fail_on)
    })))
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
