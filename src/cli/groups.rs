//! The options of each command, in groups, so that `landcheck help CMD`
//! lists only what that command uses: `extract` has no verdicts to fail
//! on, `check` no campaign file to skip ads of, `demo` no network to be
//! polite to. Each command's options become one [`RunArgs`], the shape
//! that `landcheck.toml` also has, so the config merge sees one struct.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use landcheck::Resolve;
use url::Url;

use super::args::{default_note, DeviceArg, FailOn, FormatArg, RunArgs};
use super::values::{
    parse_bytes, parse_count, parse_count_u32, parse_header, parse_rate, parse_seconds,
    parse_web_url,
};

/// `--config FILE`.
#[derive(Debug, Default, Args)]
pub(crate) struct ConfigArg {
    /// Read options from this TOML file [default for `audit`: landcheck.toml next to the campaign file, if any].
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
}

/// Where and how the report is written.
#[derive(Debug, Default, Args)]
pub(crate) struct OutputArgs {
    /// Output format [default: table].
    #[arg(long, value_enum)]
    pub(crate) format: Option<FormatArg>,
    /// Write the report to this file instead of standard output.
    #[arg(long, short)]
    pub(crate) output: Option<PathBuf>,
    /// Also write the HTML report to this file, whatever --format says.
    #[arg(long, value_name = "FILE")]
    pub(crate) html: Option<PathBuf>,
    /// No progress bar, no banner, no summary line on standard error.
    #[arg(long, short)]
    pub(crate) quiet: bool,
}

/// Where the run history is kept.
#[derive(Debug, Default, Args)]
pub(crate) struct HistoryArgs {
    /// Keep the run history in this SQLite file [default for `audit`: .landcheck/history.db next to the campaign file; `check` and `demo` keep none unless given].
    #[arg(long, value_name = "PATH")]
    pub(crate) history: Option<PathBuf>,
    /// Keep no run history and show no marks.
    #[arg(long, conflicts_with = "history")]
    pub(crate) no_history: bool,
}

/// Which verdicts fail the run.
#[derive(Debug, Default, Args)]
pub(crate) struct VerdictArgs {
    /// Lowest verdict that makes the exit code 1 [default: fail].
    #[arg(long, value_enum)]
    pub(crate) fail_on: Option<FailOn>,
}

/// How pages are scored and explained.
#[derive(Debug, Default, Args)]
pub(crate) struct ScoreArgs {
    /// A category tree in Google product taxonomy format ("ID - A > B > C" lines) to extend the built-in vocabulary.
    #[arg(long, value_name = "FILE")]
    pub(crate) taxonomy: Option<PathBuf>,
    /// Show under each check which facts and words drove it (the JSON output always has them).
    #[arg(long)]
    pub(crate) explain: bool,
}

/// How one landing page is requested.
#[derive(Debug, Default, Args)]
pub(crate) struct RequestArgs {
    #[arg(long, help = default_note("Seconds allowed for one request, body included", landcheck::DEFAULT_TIMEOUT.as_secs()), value_parser = parse_seconds)]
    pub(crate) timeout: Option<f64>,
    #[arg(long, help = default_note("Seconds allowed to open a connection", landcheck::DEFAULT_CONNECT_TIMEOUT.as_secs()), value_parser = parse_seconds)]
    pub(crate) connect_timeout: Option<f64>,
    #[arg(long, help = default_note("Seconds allowed for one ad, every redirect and retry included", landcheck::DEFAULT_AD_TIMEOUT.as_secs()), value_parser = parse_seconds)]
    pub(crate) ad_timeout: Option<f64>,
    #[arg(long, help = default_note("Times a request is tried again after a connect error, a timeout, 408, 429, 502, 503 or 504", landcheck::DEFAULT_RETRIES))]
    pub(crate) retries: Option<u32>,
    #[arg(long, help = default_note("Longest Retry-After honoured, in seconds", landcheck::DEFAULT_RETRY_AFTER_CAP.as_secs()), value_parser = parse_seconds)]
    pub(crate) retry_after_max: Option<f64>,
    #[arg(long, value_name = "SIZE", help = default_note("Largest page body read (after decompression), e.g. 8MiB, 500KB or 1000000", format_args!("{}MiB", landcheck::DEFAULT_MAX_BODY_BYTES >> 20)), value_parser = parse_bytes)]
    pub(crate) max_body: Option<usize>,
    #[arg(long, help = default_note("Most redirects followed per landing page", landcheck::DEFAULT_MAX_REDIRECTS))]
    pub(crate) max_redirects: Option<usize>,
    /// Browser to present as: realistic desktop or mobile User-Agent [default: mobile].
    #[arg(long, value_enum)]
    pub(crate) device: Option<DeviceArg>,
    /// Extra request header, "Name: value" (repeatable), e.g. a staging auth token.
    #[arg(long, value_name = "NAME: VALUE", value_parser = parse_header)]
    pub(crate) header: Vec<(String, String)>,
    /// Send a host's requests to another address: HOST=ADDR:PORT (repeatable).
    #[arg(long, value_name = "HOST=ADDR:PORT")]
    pub(crate) resolve: Vec<Resolve>,
    /// Follow redirects into private networks, link-local and loopback addresses.
    #[arg(long)]
    pub(crate) allow_private_network: bool,
}

/// How politely each host is treated.
#[derive(Debug, Default, Args)]
pub(crate) struct PoliteArgs {
    #[arg(long, help = default_note("Requests in flight to one host", landcheck::DEFAULT_PER_HOST), value_parser = parse_count)]
    pub(crate) per_host: Option<usize>,
    #[arg(long, help = default_note("Requests per second to one host; 0 for no limit", landcheck::DEFAULT_HOST_RATE), value_parser = parse_rate)]
    pub(crate) host_rate: Option<f64>,
    #[arg(long, help = default_note("Timeouts in a row after which a host's remaining ads are not tried", landcheck::DEFAULT_DOWN_AFTER_TIMEOUTS), value_parser = parse_count_u32)]
    pub(crate) down_after_timeouts: Option<u32>,
}

/// The options of `landcheck audit`.
#[derive(Debug, Default, Args)]
pub(crate) struct AuditArgs {
    #[command(flatten)]
    pub(crate) config: ConfigArg,
    #[command(flatten)]
    pub(crate) output: OutputArgs,
    #[command(flatten)]
    pub(crate) history: HistoryArgs,
    #[command(flatten)]
    pub(crate) verdict: VerdictArgs,
    #[command(flatten)]
    pub(crate) score: ScoreArgs,
    #[command(flatten)]
    pub(crate) request: RequestArgs,
    #[command(flatten)]
    pub(crate) polite: PoliteArgs,
    #[arg(long, help = default_note("Landing pages fetched at once", landcheck::DEFAULT_CONCURRENCY), value_parser = parse_count)]
    pub(crate) concurrency: Option<usize>,
    /// Continue the interrupted run that left this FILE.partial (JSON Lines): audit only the ads not in it, then rename it.
    #[arg(long, value_name = "FILE.partial")]
    pub(crate) resume: Option<PathBuf>,
    /// Audit the valid ads of a campaign file that has invalid ones; each invalid ad gets an error row instead of stopping the run.
    #[arg(long)]
    pub(crate) skip_invalid_ads: bool,
    /// When the run ends, POST its summary as JSON to this URL (Slack-style incoming webhooks work as they are).
    #[arg(long, value_name = "URL", value_parser = parse_web_url)]
    pub(crate) notify_webhook: Option<Url>,
}

/// The options of `landcheck check`.
#[derive(Debug, Default, Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub(crate) config: ConfigArg,
    #[command(flatten)]
    pub(crate) output: OutputArgs,
    #[command(flatten)]
    pub(crate) history: HistoryArgs,
    #[command(flatten)]
    pub(crate) verdict: VerdictArgs,
    #[command(flatten)]
    pub(crate) score: ScoreArgs,
    #[command(flatten)]
    pub(crate) request: RequestArgs,
    #[command(flatten)]
    pub(crate) polite: PoliteArgs,
}

/// The options of `landcheck demo`.
#[cfg(feature = "demo")]
#[derive(Debug, Default, Args)]
pub(crate) struct DemoArgs {
    #[command(flatten)]
    pub(crate) output: OutputArgs,
    #[command(flatten)]
    pub(crate) history: HistoryArgs,
    #[command(flatten)]
    pub(crate) score: ScoreArgs,
    /// When the run ends, POST its summary as JSON to this URL: try a webhook before the nightly run.
    #[arg(long, value_name = "URL", value_parser = parse_web_url)]
    pub(crate) notify_webhook: Option<Url>,
}

/// The only format `extract` writes.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum ExtractFormat {
    /// One JSON document.
    Json,
}

/// The options of `landcheck extract`.
#[derive(Debug, Default, Args)]
pub(crate) struct ExtractArgs {
    #[command(flatten)]
    pub(crate) config: ConfigArg,
    /// Output format: extract writes JSON only [default: json].
    #[arg(long, value_enum)]
    pub(crate) format: Option<ExtractFormat>,
    /// Write the JSON to this file instead of standard output.
    #[arg(long, short)]
    pub(crate) output: Option<PathBuf>,
    #[command(flatten)]
    pub(crate) request: RequestArgs,
}

impl RunArgs {
    fn with_output(mut self, o: OutputArgs) -> Self {
        self.format = o.format;
        self.output = o.output;
        self.html = o.html;
        self.quiet = o.quiet;
        self
    }

    fn with_history(mut self, h: HistoryArgs) -> Self {
        self.history = h.history;
        self.no_history = h.no_history;
        self
    }

    fn with_score(mut self, s: ScoreArgs) -> Self {
        self.taxonomy = s.taxonomy;
        self.explain = s.explain;
        self
    }

    fn with_request(mut self, r: RequestArgs) -> Self {
        self.timeout = r.timeout;
        self.connect_timeout = r.connect_timeout;
        self.ad_timeout = r.ad_timeout;
        self.retries = r.retries;
        self.retry_after_max = r.retry_after_max;
        self.max_body = r.max_body;
        self.max_redirects = r.max_redirects;
        self.device = r.device;
        self.header = r.header;
        self.resolve = r.resolve;
        self.allow_private_network = r.allow_private_network;
        self
    }

    fn with_polite(mut self, p: PoliteArgs) -> Self {
        self.per_host = p.per_host;
        self.host_rate = p.host_rate;
        self.down_after_timeouts = p.down_after_timeouts;
        self
    }
}

impl From<AuditArgs> for RunArgs {
    fn from(a: AuditArgs) -> Self {
        Self {
            config: a.config.config,
            fail_on: a.verdict.fail_on,
            concurrency: a.concurrency,
            resume: a.resume,
            skip_invalid_ads: a.skip_invalid_ads,
            notify_webhook: a.notify_webhook,
            ..Self::default()
        }
        .with_output(a.output)
        .with_history(a.history)
        .with_score(a.score)
        .with_request(a.request)
        .with_polite(a.polite)
    }
}

impl From<CheckArgs> for RunArgs {
    fn from(c: CheckArgs) -> Self {
        Self {
            config: c.config.config,
            fail_on: c.verdict.fail_on,
            ..Self::default()
        }
        .with_output(c.output)
        .with_history(c.history)
        .with_score(c.score)
        .with_request(c.request)
        .with_polite(c.polite)
    }
}

#[cfg(feature = "demo")]
impl From<DemoArgs> for RunArgs {
    fn from(d: DemoArgs) -> Self {
        Self {
            notify_webhook: d.notify_webhook,
            ..Self::default()
        }
        .with_output(d.output)
        .with_history(d.history)
        .with_score(d.score)
    }
}

impl From<ExtractArgs> for RunArgs {
    fn from(e: ExtractArgs) -> Self {
        Self {
            config: e.config.config,
            output: e.output,
            ..Self::default()
        }
        .with_request(e.request)
    }
}
