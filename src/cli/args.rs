//! Command-line arguments. Every audit option can also be set in a
//! `landcheck.toml` under the same name; see `config.rs` for the merge
//! and `values.rs` for how values are read. Defaults come from the
//! library's `DEFAULT_*` constants so the help text and the behaviour
//! never disagree.

use std::collections::HashMap;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use landcheck::Device;
use landcheck::{ExpectedPage, Format, Resolve, Shard};
use serde::Deserialize;
use url::Url;

#[cfg(feature = "demo")]
use super::groups::DemoArgs;
use super::groups::{AuditArgs, CheckArgs, ExtractArgs};
use super::values::{
    bytes, count, count_u32, headers, parse_price, parse_web_url, rate, seconds, web_url,
};

/// Proves every ad lands where it promises: fetches each ad's landing page,
/// reads the product on it and compares it with the product the ad declares.
#[derive(Debug, Parser)]
#[command(name = "landcheck", version, about, long_about = None)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

// Parsed once per run: the size of the variants does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Audit every ad of a campaign file (the nightly job).
    Audit {
        /// The campaign file: campaign JSON, a Google Ads, Microsoft Advertising or Meta export, a Merchant Center feed, or a CSV.
        file: PathBuf,
        /// Audit only shard K of N (K from 0 to N-1): the ads whose landing host hashes to it, so N machines share the work and each shop is visited by one.
        #[arg(long, value_name = "K/N")]
        shard: Option<Shard>,
        #[command(flatten)]
        input: super::input::InputArgs,
        #[command(flatten)]
        run: AuditArgs,
    },
    /// Check one ad before launch.
    Check {
        /// The ad's target URL, tracking parameters included.
        #[arg(value_parser = parse_web_url)]
        url: Url,
        #[command(flatten)]
        product: ProductArgs,
        #[command(flatten)]
        run: CheckArgs,
    },
    /// Audit the bundled example campaign against a built-in local shop.
    #[cfg(feature = "demo")]
    Demo {
        #[command(flatten)]
        run: DemoArgs,
    },
    /// Compare two JSON Lines reports: newly failing, fixed and changed-reason ads.
    Diff {
        /// Last run's report (.jsonl).
        old: PathBuf,
        /// This run's report (.jsonl).
        new: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
        format: DiffFormat,
        /// Lowest verdict that counts as failing.
        #[arg(long, value_enum, default_value_t = FailOn::Fail)]
        fail_on: FailOn,
    },
    /// Combine the JSON Lines reports of `audit --shard K/N` runs into one report.
    Merge(super::merge::MergeArgs),
    /// Print what landcheck reads on a page (URL or saved HTML file) as JSON.
    Extract {
        /// An http(s) URL to fetch, or the path of a saved HTML file.
        target: String,
        /// For a file: the URL the page was saved from (its path words count).
        #[arg(long, value_parser = parse_web_url)]
        url: Option<Url>,
        #[command(flatten)]
        run: ExtractArgs,
    },
    /// Show one ad's verdicts over time, from the run history.
    History {
        /// The ad's id.
        ad: String,
        /// Only runs of this campaign file; its history is .landcheck/history.db next to it.
        #[arg(long, value_name = "FILE")]
        campaign_file: Option<PathBuf>,
        /// The history database [default: .landcheck/history.db next to --campaign-file, or in the current folder].
        #[arg(long, value_name = "PATH")]
        history: Option<PathBuf>,
    },
}

/// The product the checked ad declares.
#[derive(Debug, Args)]
pub(crate) struct ProductArgs {
    /// Product name as the ad shows it.
    #[arg(long)]
    pub(crate) name: String,
    /// Brand the ad names.
    #[arg(long)]
    pub(crate) brand: Option<String>,
    /// Category path, e.g. "Shoes > Running shoes".
    #[arg(long)]
    pub(crate) category: Option<String>,
    /// Price with its ISO 4217 currency, e.g. "129.99 USD".
    #[arg(long, value_parser = parse_price)]
    pub(crate) price: Option<(f64, String)>,
    /// GTIN (EAN, UPC or ISBN-13).
    #[arg(long)]
    pub(crate) gtin: Option<String>,
    /// The shop's SKU.
    #[arg(long)]
    pub(crate) sku: Option<String>,
    /// Manufacturer part number.
    #[arg(long)]
    pub(crate) mpn: Option<String>,
    /// The kind of page the ad should open.
    #[arg(long, value_enum, default_value_t = PageArg::Product)]
    pub(crate) expect_page: PageArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum PageArg {
    Product,
    Category,
}

impl From<PageArg> for ExpectedPage {
    fn from(p: PageArg) -> Self {
        match p {
            PageArg::Product => Self::Product,
            PageArg::Category => Self::Category,
        }
    }
}

pub(super) fn default_note(text: &str, default: impl std::fmt::Display) -> String {
    format!("{text} [default: {default}]")
}

/// Every option of a run, merged from the command line (see `groups.rs`
/// for which command has which) and `landcheck.toml`, where each has the
/// same name, is optional, and the command line wins.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RunArgs {
    #[serde(skip)]
    pub(crate) config: Option<PathBuf>,
    pub(crate) format: Option<FormatArg>,
    pub(crate) output: Option<PathBuf>,
    #[serde(skip)]
    pub(crate) resume: Option<PathBuf>,
    pub(crate) html: Option<PathBuf>,
    pub(crate) history: Option<PathBuf>,
    #[serde(default)]
    pub(crate) no_history: bool,
    #[serde(default)]
    pub(crate) quiet: bool,
    pub(crate) fail_on: Option<FailOn>,
    #[serde(default, deserialize_with = "count")]
    pub(crate) concurrency: Option<usize>,
    #[serde(default, deserialize_with = "count")]
    pub(crate) per_host: Option<usize>,
    #[serde(default, deserialize_with = "rate")]
    pub(crate) host_rate: Option<f64>,
    #[serde(default, deserialize_with = "seconds")]
    pub(crate) timeout: Option<f64>,
    #[serde(default, deserialize_with = "seconds")]
    pub(crate) connect_timeout: Option<f64>,
    #[serde(default, deserialize_with = "seconds")]
    pub(crate) ad_timeout: Option<f64>,
    pub(crate) retries: Option<u32>,
    #[serde(default, deserialize_with = "count_u32")]
    pub(crate) down_after_timeouts: Option<u32>,
    #[serde(default, deserialize_with = "seconds")]
    pub(crate) retry_after_max: Option<f64>,
    #[serde(default, deserialize_with = "bytes")]
    pub(crate) max_body: Option<usize>,
    pub(crate) max_redirects: Option<usize>,
    pub(crate) device: Option<DeviceArg>,
    #[serde(default, deserialize_with = "headers")]
    pub(crate) header: Vec<(String, String)>,
    #[serde(default)]
    pub(crate) resolve: Vec<Resolve>,
    pub(crate) taxonomy: Option<PathBuf>,
    #[serde(default)]
    pub(crate) explain: bool,
    #[serde(default)]
    pub(crate) skip_invalid_ads: bool,
    #[serde(default)]
    pub(crate) allow_private_network: bool,
    #[serde(default, deserialize_with = "web_url")]
    pub(crate) notify_webhook: Option<Url>,
    /// How `audit` reads exports: [input] kind, name-from, include-paused and [input.columns].
    #[serde(default)]
    pub(crate) input: super::input::InputTable,
    /// Per-host politeness, config file only: [hosts."shop.example"] per-host = 8, host-rate = 10.
    #[serde(default)]
    pub(crate) hosts: HashMap<String, HostArgs>,
}

/// Politeness settings for one host in `landcheck.toml`.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct HostArgs {
    #[serde(default, deserialize_with = "count")]
    pub(crate) per_host: Option<usize>,
    #[serde(default, deserialize_with = "rate")]
    pub(crate) host_rate: Option<f64>,
}

#[derive(Debug, Clone, Copy, ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum FormatArg {
    /// A table grouped by campaign.
    Table,
    /// One JSON document.
    Json,
    /// One JSON object per ad, as each finishes, between a header and a summary line.
    Jsonl,
    /// One spreadsheet row per ad.
    Csv,
    /// JUnit XML: one test suite per campaign, one test case per ad.
    Junit,
    /// One self-contained HTML page with a summary, filters and evidence.
    Html,
}

/// How `landcheck diff` shows its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum DiffFormat {
    /// Lines for people.
    Table,
    /// One JSON document.
    Json,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Table => Self::Table,
            FormatArg::Json => Self::Json,
            FormatArg::Jsonl => Self::Jsonl,
            FormatArg::Csv => Self::Csv,
            FormatArg::Junit => Self::Junit,
            FormatArg::Html => Self::Html,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum DeviceArg {
    /// Chrome on Windows.
    Desktop,
    /// Chrome on an Android phone.
    Mobile,
}

impl From<DeviceArg> for Device {
    fn from(d: DeviceArg) -> Self {
        match d {
            DeviceArg::Desktop => Self::Desktop,
            DeviceArg::Mobile => Self::Mobile,
        }
    }
}

/// Which verdicts make the run exit with 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum FailOn {
    /// Warnings, failures and errors.
    Warn,
    /// Failures and errors.
    Fail,
    /// Nothing: always exit 0 once the audit ran.
    Never,
}
