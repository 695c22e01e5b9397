//! Command-line arguments. Every audit option can also be set in a
//! `landcheck.toml` under the same name; see `config.rs` for the merge.
//! Defaults come from the library's `DEFAULT_*` constants so the help text
//! and the behaviour never disagree.

use std::collections::HashMap;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use landcheck::fetch::{self, Device};
use landcheck::{ExpectedPage, Format, Resolve};
use serde::Deserialize;
use url::Url;

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
        /// The campaign file (JSON), e.g. campaigns.example.json.
        file: PathBuf,
        #[command(flatten)]
        run: RunArgs,
    },
    /// Check one ad before launch.
    Check {
        /// The ad's target URL, tracking parameters included.
        url: Url,
        #[command(flatten)]
        product: ProductArgs,
        #[command(flatten)]
        run: RunArgs,
    },
    /// Audit the bundled example campaign against a built-in local shop.
    Demo {
        #[command(flatten)]
        run: RunArgs,
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
    /// Print what landcheck reads on a page (URL or saved HTML file) as JSON.
    Extract {
        /// An http(s) URL to fetch, or the path of a saved HTML file.
        target: String,
        /// For a file: the URL the page was saved from (its path words count).
        #[arg(long)]
        url: Option<Url>,
        #[command(flatten)]
        run: RunArgs,
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

fn default_note(text: &str, default: impl std::fmt::Display) -> String {
    format!("{text} [default: {default}]")
}

/// Options shared by every command that audits; also the shape of
/// `landcheck.toml`, where each is optional and the command line wins.
#[derive(Debug, Default, Args, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RunArgs {
    /// Read options from this TOML file [default: landcheck.toml next to the campaign file, if any].
    #[arg(long, value_name = "FILE")]
    #[serde(skip)]
    pub(crate) config: Option<PathBuf>,
    /// Output format [default: table].
    #[arg(long, value_enum)]
    pub(crate) format: Option<FormatArg>,
    /// Write the report to this file instead of standard output.
    #[arg(long, short)]
    pub(crate) output: Option<PathBuf>,
    /// Continue the interrupted run that left this FILE.partial (JSON Lines): audit only the ads not in it, then rename it.
    #[arg(long, value_name = "FILE.partial")]
    #[serde(skip)]
    pub(crate) resume: Option<PathBuf>,
    /// Also write the HTML report to this file, whatever --format says.
    #[arg(long, value_name = "FILE")]
    pub(crate) html: Option<PathBuf>,
    /// Keep the run history in this SQLite file [default for `audit`: .landcheck/history.db next to the campaign file; `check` and `demo` keep none unless given].
    #[arg(long, value_name = "PATH")]
    pub(crate) history: Option<PathBuf>,
    /// Keep no run history and show no marks.
    #[arg(long, conflicts_with = "history")]
    #[serde(default)]
    pub(crate) no_history: bool,
    /// No progress bar, no banner, no summary line on standard error.
    #[arg(long, short)]
    #[serde(default)]
    pub(crate) quiet: bool,
    /// Lowest verdict that makes the exit code 1 [default: fail].
    #[arg(long, value_enum)]
    pub(crate) fail_on: Option<FailOn>,
    #[arg(long, help = default_note("Landing pages fetched at once", landcheck::DEFAULT_CONCURRENCY), value_parser = parse_count)]
    pub(crate) concurrency: Option<usize>,
    #[arg(long, help = default_note("Requests in flight to one host", fetch::DEFAULT_PER_HOST), value_parser = parse_count)]
    pub(crate) per_host: Option<usize>,
    #[arg(long, help = default_note("Requests per second to one host; 0 for no limit", fetch::DEFAULT_HOST_RATE), value_parser = parse_rate)]
    pub(crate) host_rate: Option<f64>,
    #[arg(long, help = default_note("Seconds allowed for one request, body included", fetch::DEFAULT_TIMEOUT.as_secs()), value_parser = parse_seconds)]
    pub(crate) timeout: Option<f64>,
    #[arg(long, help = default_note("Seconds allowed to open a connection", fetch::DEFAULT_CONNECT_TIMEOUT.as_secs()), value_parser = parse_seconds)]
    pub(crate) connect_timeout: Option<f64>,
    #[arg(long, help = default_note("Seconds allowed for one ad, every redirect and retry included", fetch::DEFAULT_AD_TIMEOUT.as_secs()), value_parser = parse_seconds)]
    pub(crate) ad_timeout: Option<f64>,
    #[arg(long, help = default_note("Times a request is tried again after a connect error, a timeout, 408, 429, 502, 503 or 504", fetch::DEFAULT_RETRIES))]
    pub(crate) retries: Option<u32>,
    #[arg(long, help = default_note("Timeouts in a row after which a host's remaining ads are not tried", fetch::DEFAULT_DOWN_AFTER_TIMEOUTS), value_parser = parse_count_u32)]
    pub(crate) down_after_timeouts: Option<u32>,
    #[arg(long, help = default_note("Longest Retry-After honoured, in seconds", fetch::DEFAULT_RETRY_AFTER_CAP.as_secs()), value_parser = parse_seconds)]
    pub(crate) retry_after_max: Option<f64>,
    #[arg(long, help = default_note("Largest page body read, in bytes (after decompression)", fetch::DEFAULT_MAX_BODY_BYTES))]
    pub(crate) max_body: Option<usize>,
    #[arg(long, help = default_note("Most redirects followed per landing page", fetch::DEFAULT_MAX_REDIRECTS))]
    pub(crate) max_redirects: Option<usize>,
    /// Browser to present as: realistic desktop or mobile User-Agent [default: mobile].
    #[arg(long, value_enum)]
    pub(crate) device: Option<DeviceArg>,
    /// Extra request header, "Name: value" (repeatable), e.g. a staging auth token.
    #[arg(long, value_name = "NAME: VALUE", value_parser = parse_header)]
    #[serde(default, deserialize_with = "headers")]
    pub(crate) header: Vec<(String, String)>,
    /// Send a host's requests to another address: HOST=ADDR:PORT (repeatable).
    #[arg(long, value_name = "HOST=ADDR:PORT")]
    #[serde(default)]
    pub(crate) resolve: Vec<Resolve>,
    /// A category tree in Google product taxonomy format ("ID - A > B > C" lines) to extend the built-in vocabulary.
    #[arg(long, value_name = "FILE")]
    pub(crate) taxonomy: Option<PathBuf>,
    /// Show under each check which facts and words drove it (the JSON output always has them).
    #[arg(long)]
    #[serde(default)]
    pub(crate) explain: bool,
    /// Audit the valid ads of a campaign file that has invalid ones; each invalid ad gets an error row instead of stopping the run.
    #[arg(long)]
    #[serde(default)]
    pub(crate) skip_invalid_ads: bool,
    /// Follow redirects into private networks, link-local and loopback addresses.
    #[arg(long)]
    #[serde(default)]
    pub(crate) allow_private_network: bool,
    /// Per-host politeness, config file only: [hosts."shop.example"] per-host = 8, host-rate = 10.
    #[arg(skip)]
    #[serde(default)]
    pub(crate) hosts: HashMap<String, HostArgs>,
}

/// Politeness settings for one host in `landcheck.toml`.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct HostArgs {
    pub(crate) per_host: Option<usize>,
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

fn parse_seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 => Ok(v),
        _ => Err(format!("\"{s}\" is not a positive number of seconds")),
    }
}

fn parse_rate(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(format!(
            "\"{s}\" is not a number of requests per second (0 for no limit)"
        )),
    }
}

fn parse_count(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("\"{s}\" is not a whole number of 1 or more")),
    }
}

fn parse_count_u32(s: &str) -> Result<u32, String> {
    match s.parse::<u32>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("\"{s}\" is not a whole number of 1 or more")),
    }
}

fn parse_header(s: &str) -> Result<(String, String), String> {
    let (name, value) = s
        .split_once(':')
        .ok_or_else(|| format!("\"{s}\" is not a header: write \"Name: value\""))?;
    if name.trim().is_empty() {
        return Err(format!("\"{s}\" names no header"));
    }
    Ok((name.trim().to_owned(), value.trim().to_owned()))
}

fn headers<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<(String, String)>, D::Error> {
    Vec::<String>::deserialize(d)?
        .iter()
        .map(|h| parse_header(h).map_err(serde::de::Error::custom))
        .collect()
}

fn parse_price(s: &str) -> Result<(f64, String), String> {
    let err = || format!("\"{s}\" is not a price with its currency, e.g. \"129.99 USD\"");
    let mut parts = s.split_whitespace();
    let (a, b) = (parts.next().ok_or_else(err)?, parts.next().ok_or_else(err)?);
    let (amount, currency) = if a.parse::<f64>().is_ok() {
        (a, b)
    } else {
        (b, a)
    };
    let amount: f64 = amount.replace(',', ".").parse().map_err(|_| err())?;
    if parts.next().is_some()
        || currency.len() != 3
        || !currency.chars().all(|c| c.is_ascii_alphabetic())
        || amount < 0.0
    {
        return Err(err());
    }
    Ok((amount, currency.to_ascii_uppercase()))
}
