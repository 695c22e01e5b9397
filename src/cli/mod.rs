//! The command-line front end: turns arguments and the config file into
//! library calls, shows progress, writes the report, handles Ctrl-C and
//! chooses the exit code.

mod args;
mod audit;
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
mod values;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use landcheck::{Ad, Campaign, CampaignFile, DeclaredProduct, Format, Money};

pub(crate) use args::Cli;
use args::{Command, ProductArgs};
use audit::{audit_and_report, Ads};
use config::{settings, Settings};
use landcheck::Shard;
use landcheck::{InputKind, InputOptions, StreamedFile};
use record::Origin;

/// Exit code when no ad reaches the `--fail-on` threshold.
pub(crate) const EXIT_OK: u8 = 0;
/// Exit code when some ad reaches the `--fail-on` threshold.
pub(crate) const EXIT_ADS_FAIL: u8 = 1;
/// Exit code for usage and input errors.
pub(crate) const EXIT_USAGE: u8 = 2;

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
