//! Command-line arguments. Defaults come from the library's `DEFAULT_*`
//! constants so the help text and the behaviour never disagree.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use landcheck::{ExpectedPage, Format, Resolve};
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

/// Options shared by every command that audits.
#[derive(Debug, Args)]
pub(crate) struct RunArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub(crate) format: FormatArg,
    /// Write the report to this file instead of standard output.
    #[arg(long, short)]
    pub(crate) output: Option<PathBuf>,
    /// No progress bar.
    #[arg(long, short)]
    pub(crate) quiet: bool,
    /// Lowest verdict that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = FailOn::Fail)]
    pub(crate) fail_on: FailOn,
    /// Landing pages fetched at once.
    #[arg(long, default_value_t = landcheck::DEFAULT_CONCURRENCY, value_parser = parse_count)]
    pub(crate) concurrency: usize,
    /// Requests in flight to one host.
    #[arg(long, default_value_t = landcheck::fetch::DEFAULT_PER_HOST, value_parser = parse_count)]
    pub(crate) per_host: usize,
    /// Seconds allowed for a whole landing page, redirects included.
    #[arg(long, default_value_t = landcheck::fetch::DEFAULT_TIMEOUT.as_secs_f64(), value_parser = parse_seconds)]
    pub(crate) timeout: f64,
    /// Seconds allowed to open a connection.
    #[arg(long, default_value_t = landcheck::fetch::DEFAULT_CONNECT_TIMEOUT.as_secs_f64(), value_parser = parse_seconds)]
    pub(crate) connect_timeout: f64,
    /// Largest page body read, in bytes (after decompression).
    #[arg(long, default_value_t = landcheck::fetch::DEFAULT_MAX_BODY_BYTES)]
    pub(crate) max_body: usize,
    /// Most redirects followed per landing page.
    #[arg(long, default_value_t = landcheck::fetch::DEFAULT_MAX_REDIRECTS)]
    pub(crate) max_redirects: usize,
    /// Send a host's requests to another address: HOST=ADDR:PORT (repeatable).
    #[arg(long, value_name = "HOST=ADDR:PORT")]
    pub(crate) resolve: Vec<Resolve>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum FormatArg {
    /// A table grouped by campaign.
    Table,
    /// One JSON document.
    Json,
    /// One JSON object per ad, as each finishes.
    Jsonl,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Table => Self::Table,
            FormatArg::Json => Self::Json,
            FormatArg::Jsonl => Self::Jsonl,
        }
    }
}

/// Which verdicts make the run exit with 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
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

fn parse_count(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("\"{s}\" is not a whole number of 1 or more")),
    }
}
