//! The command-line front end: turns arguments into library calls, shows
//! progress, writes the report and chooses the exit code.

mod args;
mod progress;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use landcheck::demo::{example_campaigns, DemoShop};
use landcheck::{
    audit, reporter_for, Ad, AdResult, Campaign, CampaignFile, DeclaredProduct, FetchOptions,
    Fetcher, Money, Resolve, RunReport, Summary, Verdict,
};

pub(crate) use args::Cli;
use args::{Command, FailOn, ProductArgs, RunArgs};
use progress::Progress;

/// Exit code when no ad reaches the `--fail-on` threshold.
pub(crate) const EXIT_OK: u8 = 0;
/// Exit code when some ad reaches the `--fail-on` threshold.
pub(crate) const EXIT_ADS_FAIL: u8 = 1;
/// Exit code for usage and input errors.
pub(crate) const EXIT_USAGE: u8 = 2;

/// Runs one command to completion.
pub(crate) async fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Audit { file, run } => {
            let campaigns = landcheck::campaign::load(&file)?;
            audit_and_report(&campaigns, &run, Vec::new()).await
        }
        Command::Check { url, product, run } => {
            if !matches!(url.scheme(), "http" | "https") {
                bail!("\"{url}\" uses the unsupported scheme \"{}:\"; an ad URL must start with http:// or https://", url.scheme());
            }
            let campaigns = single_ad(url, product);
            audit_and_report(&campaigns, &run, Vec::new()).await
        }
        Command::Demo { run } => {
            let shop = DemoShop::start().await?;
            let campaigns = example_campaigns()?;
            if !run.quiet {
                eprintln!(
                    "landcheck demo: a local shop on {} serves fixtures/ for {}; auditing campaigns.example.json ({} ads)",
                    shop.addr(),
                    shop.resolves().iter().map(|r| r.host.as_str()).collect::<Vec<_>>().join(", "),
                    campaigns.ad_count()
                );
            }
            audit_and_report(&campaigns, &run, shop.resolves()).await?;
            Ok(ExitCode::from(EXIT_OK))
        }
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
        campaigns: vec![Campaign {
            id: "check".into(),
            name: "Ad-hoc check".into(),
            ads: vec![ad],
        }],
    }
}

async fn audit_and_report(
    campaigns: &CampaignFile,
    run: &RunArgs,
    extra: Vec<Resolve>,
) -> Result<ExitCode> {
    let options = FetchOptions {
        connect_timeout: Duration::from_secs_f64(run.connect_timeout),
        timeout: Duration::from_secs_f64(run.timeout),
        max_body_bytes: run.max_body,
        max_redirects: run.max_redirects,
        per_host: run.per_host,
        resolve: run.resolve.iter().cloned().chain(extra).collect(),
    };
    let fetcher = Fetcher::new(options)?;
    let mut out: Box<dyn Write> = match &run.output {
        Some(path) => {
            Box::new(BufWriter::new(File::create(path).with_context(|| {
                format!("cannot write the report to {}", path.display())
            })?))
        }
        None => Box::new(BufWriter::new(io::stdout())),
    };
    let mut reporter = reporter_for(run.format.into());
    let progress = Progress::new(campaigns.ad_count(), run.quiet);
    let mut results: Vec<AdResult> = Vec::with_capacity(campaigns.ad_count());
    let mut summary = Summary::default();
    let mut write_error: Option<io::Error> = None;
    audit(campaigns, &fetcher, run.concurrency, |result| {
        progress.advance(&format!("{} {}", result.verdict, result.ad));
        summary.add(result.verdict);
        if write_error.is_none() {
            write_error = reporter.result(&mut out, &result).err();
        }
        results.push(result);
    })
    .await;
    progress.finish();
    results.sort_by_key(|r| r.position);
    let report = RunReport {
        campaigns,
        results: &results,
        summary,
        not_audited: 0,
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
    Ok(ExitCode::from(exit_code(summary.worst(), run.fail_on)))
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
