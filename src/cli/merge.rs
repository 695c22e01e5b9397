//! `landcheck merge`: the JSON Lines reports of `audit --shard K/N` runs
//! back into one report, checked against the campaign file.

use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};
use landcheck::Format;
use landcheck::{merge, read_report, Merged, ReportLine};

use super::{open_output, EXIT_OK, EXIT_USAGE};

/// What `landcheck merge` reads and writes.
#[derive(Debug, Args)]
pub(crate) struct MergeArgs {
    /// The JSON Lines reports of the shards (`audit --shard K/N --format jsonl`).
    #[arg(required = true, value_name = "REPORT")]
    reports: Vec<PathBuf>,
    /// The campaign file the shards audited: every ad of it must be in exactly one report.
    #[arg(long, value_name = "FILE")]
    campaigns: PathBuf,
    /// Output format [default: table].
    #[arg(long, value_enum)]
    format: Option<MergeFormat>,
    /// Write the merged report to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

/// The formats a merged report can be written in: those whose records the
/// shard reports carry whole.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum MergeFormat {
    /// A table grouped by campaign.
    Table,
    /// One JSON document.
    Json,
    /// One JSON object per ad, between a header and a summary line.
    Jsonl,
}

impl From<MergeFormat> for Format {
    fn from(f: MergeFormat) -> Self {
        match f {
            MergeFormat::Table => Self::Table,
            MergeFormat::Json => Self::Json,
            MergeFormat::Jsonl => Self::Jsonl,
        }
    }
}

/// Merges, writes the report, and lists on stderr every ad missing,
/// duplicated or foreign to the campaign file (exit code 2 if any).
pub(crate) fn run(args: MergeArgs) -> Result<ExitCode> {
    let format = args.format.map_or(Format::Table, Into::into);
    let campaigns = landcheck::load_campaigns_lenient(&args.campaigns)?;
    let bytes = std::fs::read(&args.campaigns)
        .with_context(|| format!("cannot read {}", args.campaigns.display()))?;
    let mut read = Vec::new();
    let mut reports = Vec::new();
    for (index, path) in args.reports.iter().enumerate() {
        let file = File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
        let mut report = BufReader::new(file);
        read.push(read_report(
            &mut report,
            index,
            &path.display().to_string(),
        )?);
        reports.push(report);
    }
    let name = args.campaigns.display().to_string();
    let merged = merge(&campaigns, (&name, &bytes), read);
    let mut out = open_output(args.output.as_deref())?;
    merged
        .write(&campaigns, format, &mut reports, &mut out)
        .and_then(|()| out.flush())
        .context("cannot write the merged report")?;
    if merged.is_complete() {
        return Ok(ExitCode::from(EXIT_OK));
    }
    let at = |s: &ReportLine| format!("{}:{}", args.reports[s.report].display(), s.line);
    tell_incomplete(&merged, &args.campaigns.display().to_string(), &at);
    Ok(ExitCode::from(EXIT_USAGE))
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Lists what keeps the merged report from being complete.
fn tell_incomplete(merged: &Merged, campaigns: &str, at: &dyn Fn(&ReportLine) -> String) {
    let n = merged.missing.len();
    if n > 0 {
        eprintln!(
            "landcheck merge: {n} ad{} of {campaigns} in no report (was a shard not run, or cut short?):",
            plural(n)
        );
        for m in &merged.missing {
            eprintln!(
                "  campaign {}, ad {} (ad #{} of the file)",
                m.campaign,
                m.ad,
                m.position + 1
            );
        }
    }
    let n = merged.duplicated.len();
    if n > 0 {
        eprintln!(
            "landcheck merge: {n} ad line{} repeat an ad already read (the first is kept; was a report given twice, or were the shards not of one N?):",
            plural(n)
        );
        for d in &merged.duplicated {
            eprintln!(
                "  campaign {}, ad {}: {} repeats {}",
                d.extra.campaign,
                d.extra.ad,
                at(&d.extra.source),
                at(&d.kept)
            );
        }
    }
    for &index in &merged.other_campaign_file {
        eprintln!(
            "landcheck merge: {} was audited from a campaign file other than {campaigns} (its sha256 differs)",
            at(&ReportLine {
                report: index,
                line: 1,
                offset: 0
            })
        );
    }
    let n = merged.unknown.len();
    if n > 0 {
        eprintln!(
            "landcheck merge: {n} ad line{} for ads not in {campaigns} (left out; was another campaign file audited?):",
            plural(n)
        );
        for u in &merged.unknown {
            eprintln!(
                "  campaign {}, ad {} at {}",
                u.campaign,
                u.ad,
                at(&u.source)
            );
        }
    }
}
