//! What the fetch stage hands on: a landing page as the visitor's browser
//! would end up on it, with every hop of the way there, or the reason no
//! page could be had.

use std::time::Duration;

use serde::Serialize;
use url::Url;

/// A landing page reached by following the ad's URL.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// The URL the ad points at.
    pub requested_url: Url,
    /// The URL the visitor ends up on after every redirect.
    pub final_url: Url,
    /// HTTP status of the final response.
    pub status: u16,
    /// Every redirect taken on the way, in order.
    pub hops: Vec<Hop>,
    /// Requests that were tried again (after a connect error, a timeout,
    /// 429 or 5xx).
    pub retries: u32,
    /// The final response's `Content-Type`, if any.
    pub content_type: Option<String>,
    /// The character encoding the body was decoded with.
    pub encoding: &'static str,
    /// A bot protection that said so in its response headers
    /// (`cf-mitigated: challenge`, `x-amzn-waf-action: captcha`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protection: Option<String>,
    /// The decoded HTML.
    #[serde(skip)]
    pub body: String,
    /// Time from the first request to the last byte of the final body,
    /// not counting time queued behind landcheck's own politeness limits.
    #[serde(serialize_with = "as_millis")]
    pub elapsed: Duration,
}

impl Page {
    /// A page answered at `url` itself, with no redirect and no retry, as
    /// a saved file, a test or a benchmark has it: decoded as UTF-8 and
    /// served as `text/html`.
    #[must_use]
    pub fn saved(url: Url, status: u16, body: String, elapsed: Duration) -> Self {
        Self {
            requested_url: url.clone(),
            final_url: url,
            status,
            hops: Vec::new(),
            retries: 0,
            content_type: Some("text/html".into()),
            encoding: "UTF-8",
            protection: None,
            body,
            elapsed,
        }
    }
}

/// One redirect on the way to the landing page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hop {
    /// The URL that answered with a redirect.
    pub url: Url,
    /// Its HTTP status (200 for a `<meta http-equiv="refresh">`).
    pub status: u16,
    /// How the redirect was made.
    pub via: HopKind,
}

/// How a page redirected the visitor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum HopKind {
    /// An HTTP 3xx response with a `Location` header.
    Http,
    /// A `<meta http-equiv="refresh">` tag in the HTML.
    MetaRefresh,
}

/// Why no landing page could be had.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum FetchError {
    /// The host name does not resolve.
    #[error("the host name {host} could not be found (DNS): {detail}")]
    Dns {
        /// The host that failed.
        host: String,
        /// The resolver's words.
        detail: String,
    },
    /// The server could not be reached.
    #[error("could not connect to {host}: {detail}")]
    Connect {
        /// The host that failed.
        host: String,
        /// The operating system's words.
        detail: String,
    },
    /// The secure connection failed.
    #[error("the secure connection (TLS) to {host} failed: {detail}")]
    Tls {
        /// The host that failed.
        host: String,
        /// The TLS library's words.
        detail: String,
    },
    /// No complete answer within the time limit of one request.
    #[error("no complete answer within {seconds} s, the time allowed for one request")]
    Timeout {
        /// The limit that ran out.
        seconds: f64,
    },
    /// The whole ad, retries included, took longer than allowed.
    #[error(
        "gave up after {seconds} s for this ad, retries included, the time allowed for one ad"
    )]
    AdDeadline {
        /// The limit that ran out.
        seconds: f64,
    },
    /// The host failed to connect too many times in a row this run.
    #[error("host unreachable: {host} refused or dropped {failures} connections in a row, so its remaining ads were not tried")]
    HostDown {
        /// The host.
        host: String,
        /// Connect failures in a row.
        failures: u32,
    },
    /// The host timed out too many times in a row this run.
    #[error("host {host} timed out {timeouts} times in a row; not tried again in this run")]
    HostHung {
        /// The host.
        host: String,
        /// Timeouts in a row.
        timeouts: u32,
    },
    /// The URL leads into a private network.
    #[error("refused to follow {url} into a private network: {detail}; private networks are refused unless allowed")]
    PrivateNetwork {
        /// The URL refused.
        url: String,
        /// Which address is internal.
        detail: String,
    },
    /// The redirect chain is longer than allowed.
    #[error("more than {limit} redirects; gave up at {url}")]
    TooManyRedirects {
        /// The limit.
        limit: usize,
        /// Where the chain had got to.
        url: String,
    },
    /// A redirect led back to a URL already visited.
    #[error("redirect loop: {url} was reached twice")]
    RedirectLoop {
        /// The URL seen twice.
        url: String,
    },
    /// A redirect that cannot be followed.
    #[error("{url} redirects to \"{location}\", which cannot be followed: {reason}")]
    BadRedirect {
        /// The redirecting URL.
        url: String,
        /// The target as the server gave it.
        location: String,
        /// Why it cannot be followed.
        reason: String,
    },
    /// The body is over the size cap.
    #[error("the page is larger than the {limit} byte cap on a page body")]
    BodyTooLarge {
        /// The cap in bytes.
        limit: usize,
    },
    /// The landing page is not an HTML document.
    #[error("the landing page is not HTML but {content_type}")]
    NotHtml {
        /// The `Content-Type` found.
        content_type: String,
    },
    /// Any other failure of the HTTP exchange.
    #[error("the request to {url} failed: {detail}")]
    Http {
        /// The URL requested.
        url: String,
        /// What went wrong.
        detail: String,
    },
}

/// A fetch that ended without a page, with what was seen on the way.
#[derive(Debug, Clone, Serialize)]
pub struct FetchFailure {
    /// The URL the ad points at.
    pub requested_url: Url,
    /// Why it failed.
    #[serde(serialize_with = "as_display")]
    pub error: FetchError,
    /// Redirects taken before the failure.
    pub hops: Vec<Hop>,
    /// Time spent before giving up.
    #[serde(serialize_with = "as_millis")]
    pub elapsed: Duration,
}

/// The result of fetching one landing URL.
pub type FetchOutcome = Result<Page, FetchFailure>;

/// A duration in whole milliseconds, as reports show it.
pub(crate) fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX)
}

fn as_millis<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(millis(*d))
}

fn as_display<S: serde::Serializer>(e: &FetchError, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(e)
}
