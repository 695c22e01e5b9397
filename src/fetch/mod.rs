//! The fetch stage: one shared HTTP client that follows every redirect
//! itself (HTTP and `<meta refresh>`), records each hop, keeps a cookie jar
//! per landing session, retries what is worth retrying, and is bounded in
//! time, size, redirects and requests per host. A failure is a
//! [`FetchFailure`], never a panic.

mod classify;
mod decode;
mod follow;
mod guard;
mod health;
mod host;
mod refresh;
mod retry;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, ACCEPT};
use url::Url;

use crate::error::{Error, Result};
use crate::page::{FetchError, FetchFailure, FetchOutcome};

pub use decode::decode_html;
pub use host::HostPolicy;

/// Default time allowed to open a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default time allowed for one request, body included.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);
/// Default time allowed for one ad: every hop and retry included.
pub const DEFAULT_AD_TIMEOUT: Duration = Duration::from_secs(60);
/// Default cap on a page body, after decompression.
pub const DEFAULT_MAX_BODY_BYTES: usize = 8 * 1024 * 1024;
/// Default cap on redirects per landing page.
pub const DEFAULT_MAX_REDIRECTS: usize = 10;
/// Default number of requests in flight to one host.
pub const DEFAULT_PER_HOST: usize = 4;
/// Default requests per second to one host.
pub const DEFAULT_HOST_RATE: f64 = 2.0;
/// Default number of retries of a failed request.
pub const DEFAULT_RETRIES: u32 = 2;
/// Longest `Retry-After` honoured.
pub const DEFAULT_RETRY_AFTER_CAP: Duration = Duration::from_secs(30);
/// Connect failures in a row after which a host is marked down.
pub const DEFAULT_DOWN_AFTER: u32 = 5;
/// Timeouts in a row after which a host is marked down.
pub const DEFAULT_DOWN_AFTER_TIMEOUTS: u32 = 3;
/// Where to read about landcheck; named in the `User-Agent`.
pub(crate) const PROJECT_URL: &str = env!("CARGO_PKG_HOMEPAGE");

/// The browser landcheck presents itself as; shops often serve phones a
/// different page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Device {
    /// A desktop Chrome on Windows.
    Desktop,
    /// A Chrome on an Android phone: where most ads are clicked.
    #[default]
    Mobile,
}

impl Device {
    /// A realistic browser `User-Agent` that still names landcheck.
    #[must_use]
    pub fn user_agent(self) -> String {
        let browser = match self {
            Self::Desktop => "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
            Self::Mobile => "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
        };
        format!(
            "{browser} landcheck/{} (+{PROJECT_URL})",
            env!("CARGO_PKG_VERSION")
        )
    }
}

/// Sends one host's requests to another address, like curl's `--resolve`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolve {
    /// The host name as it appears in ad URLs.
    pub host: String,
    /// Where to connect instead.
    pub addr: SocketAddr,
}

impl std::str::FromStr for Resolve {
    type Err = String;

    /// Parses `HOST=ADDR:PORT`, e.g. `shop.example=127.0.0.1:8080`.
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        let (host, addr) = s.split_once('=').ok_or_else(|| {
            format!("\"{s}\" is not HOST=ADDR:PORT, e.g. shop.example=127.0.0.1:8080")
        })?;
        let addr = addr.trim().parse().map_err(|_| {
            format!("\"{addr}\" in \"{s}\" is not ADDR:PORT, e.g. 127.0.0.1:8080 or [::1]:8080")
        })?;
        let host = host.trim().to_ascii_lowercase();
        if host.is_empty() {
            return Err(format!("\"{s}\" names no host"));
        }
        Ok(Self { host, addr })
    }
}

impl<'de> serde::Deserialize<'de> for Resolve {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Limits, politeness and routing of the fetch stage.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Time allowed to open a connection.
    pub connect_timeout: Duration,
    /// Time allowed for one request, body included.
    pub timeout: Duration,
    /// Time allowed for one ad: every hop and retry included.
    pub ad_timeout: Duration,
    /// Cap on a page body after decompression.
    pub max_body_bytes: usize,
    /// Cap on redirects per landing page.
    pub max_redirects: usize,
    /// Politeness towards every host.
    pub host: HostPolicy,
    /// Politeness towards named hosts.
    pub host_overrides: HashMap<String, HostPolicy>,
    /// Retries of a request that failed in a way worth retrying.
    pub retries: u32,
    /// Longest `Retry-After` honoured.
    pub retry_after_cap: Duration,
    /// Connect failures in a row after which a host is marked down.
    pub down_after: u32,
    /// Timeouts in a row after which a host is marked down.
    pub down_after_timeouts: u32,
    /// The `User-Agent` sent.
    pub user_agent: String,
    /// Extra request headers, e.g. a staging server's auth token.
    pub headers: Vec<(String, String)>,
    /// Follow redirects into private networks and loopback.
    pub allow_private_network: bool,
    /// Host overrides.
    pub resolve: Vec<Resolve>,
}

impl Default for FetchOptions {
    fn default() -> Self {
        Self {
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            ad_timeout: DEFAULT_AD_TIMEOUT,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            max_redirects: DEFAULT_MAX_REDIRECTS,
            host: HostPolicy {
                per_host: DEFAULT_PER_HOST,
                host_rate: Some(DEFAULT_HOST_RATE),
            },
            host_overrides: HashMap::new(),
            retries: DEFAULT_RETRIES,
            retry_after_cap: DEFAULT_RETRY_AFTER_CAP,
            down_after: DEFAULT_DOWN_AFTER,
            down_after_timeouts: DEFAULT_DOWN_AFTER_TIMEOUTS,
            user_agent: Device::default().user_agent(),
            headers: Vec::new(),
            allow_private_network: false,
            resolve: Vec::new(),
        }
    }
}

/// Fetches landing pages; share one per run.
#[derive(Debug)]
pub struct Fetcher {
    client: reqwest::Client,
    options: FetchOptions,
    hosts: host::Hosts,
    trusted: guard::Trusted,
}

impl Fetcher {
    /// Builds the shared client.
    ///
    /// # Errors
    /// [`Error::InvalidSetting`] for a malformed header and [`Error::Client`]
    /// when the TLS or resolver set-up fails.
    pub fn new(options: FetchOptions) -> Result<Self> {
        install_crypto_provider();
        let mut headers = HeaderMap::new();
        headers.insert(
            ACCEPT,
            HeaderValue::from_static("text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"),
        );
        for (name, value) in &options.headers {
            let bad = |what: &str| {
                Error::InvalidSetting(format!(
                    "the header \"{name}: {value}\" has an invalid {what}"
                ))
            };
            let name = HeaderName::from_bytes(name.trim().as_bytes()).map_err(|_| bad("name"))?;
            let value = HeaderValue::from_str(value.trim()).map_err(|_| bad("value"))?;
            headers.insert(name, value);
        }
        let trusted = guard::Trusted::default();
        for r in &options.resolve {
            trusted.add(&r.host);
        }
        let resolver = guard::GuardedResolver {
            allow_private: options.allow_private_network,
            trusted: trusted.clone(),
            timeout: options.connect_timeout,
        };
        let mut builder = reqwest::Client::builder()
            .user_agent(options.user_agent.clone())
            .default_headers(headers)
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(options.connect_timeout)
            .timeout(options.timeout)
            .dns_resolver(resolver)
            .gzip(true)
            .deflate(true);
        for r in &options.resolve {
            builder = builder.resolve(&r.host, r.addr);
        }
        Ok(Self {
            client: builder.build()?,
            hosts: host::Hosts::new(
                options.host,
                options.host_overrides.clone(),
                health::DownAfter {
                    connect_failures: options.down_after.max(1),
                    timeouts: options.down_after_timeouts.max(1),
                },
            ),
            trusted,
            options,
        })
    }

    /// Follows `url` to its landing page within `--ad-timeout`.
    ///
    /// # Errors
    /// Never fails the run: every problem (DNS, connection, TLS, timeout,
    /// redirects, size, content type) becomes a [`FetchFailure`] with the
    /// hops seen so far.
    pub async fn fetch(&self, url: &Url) -> FetchOutcome {
        let start = Instant::now();
        if let Some(host) = url.host_str() {
            self.trusted.add(host);
        }
        let session = follow::Session::default();
        let follow = self.follow(url, &session);
        tokio::pin!(follow);
        // The deadline does not count time queued for a polite slot: that
        // is landcheck's own doing, not the shop's.
        let deadline = tokio::time::sleep(self.options.ad_timeout);
        tokio::pin!(deadline);
        let result = loop {
            tokio::select! {
                result = &mut follow => break Some(result),
                () = &mut deadline => {
                    let extended = start + self.options.ad_timeout + session.queued();
                    if extended <= Instant::now() {
                        break None;
                    }
                    deadline.as_mut().reset(extended.into());
                }
            }
        };
        let elapsed = start
            .elapsed()
            .saturating_sub(session.queued())
            .saturating_sub(session.retry_waits());
        let error = match result {
            Some(Ok(mut page)) => {
                page.elapsed = elapsed;
                page.hops = session.hops();
                page.retries = session.retries();
                return Ok(page);
            }
            Some(Err(error)) => error,
            None => FetchError::AdDeadline {
                seconds: self.options.ad_timeout.as_secs_f64(),
            },
        };
        Err(FetchFailure {
            requested_url: url.clone(),
            error,
            hops: session.hops(),
            elapsed,
        })
    }
}

/// Makes rustls use *ring* for HTTPS, unless the program embedding the
/// library already chose a crypto provider. *ring* builds in a fraction of
/// the time of aws-lc, which needs a C toolchain and dominated a clean build.
fn install_crypto_provider() {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| {
        if rustls::crypto::CryptoProvider::get_default().is_none() {
            // Fails only if another thread installed one meanwhile: fine.
            let _ = rustls::crypto::ring::default_provider().install_default();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_resolve() {
        let r: Resolve = "Shop.Example=127.0.0.1:8080".parse().unwrap();
        assert_eq!(r.host, "shop.example");
        assert_eq!(r.addr, "127.0.0.1:8080".parse().unwrap());
        assert!("shop.example"
            .parse::<Resolve>()
            .unwrap_err()
            .contains("HOST=ADDR:PORT"));
        assert!("shop.example=localhost"
            .parse::<Resolve>()
            .unwrap_err()
            .contains("ADDR:PORT"));
    }

    #[test]
    fn user_agents_name_landcheck_and_a_real_browser() {
        for device in [Device::Desktop, Device::Mobile] {
            let ua = device.user_agent();
            assert!(
                ua.starts_with("Mozilla/5.0")
                    && ua.contains("landcheck/")
                    && ua.contains(PROJECT_URL),
                "{ua}"
            );
        }
        assert!(Device::Mobile.user_agent().contains("Mobile"));
    }

    #[test]
    fn default_client_builds_with_https_support() {
        // Without a crypto provider, building the TLS client panics.
        assert!(Fetcher::new(FetchOptions::default()).is_ok());
        assert!(rustls::crypto::CryptoProvider::get_default().is_some());
    }

    #[test]
    fn bad_header_is_a_setting_error() {
        let options = FetchOptions {
            headers: vec![("Bad Name".into(), "x".into())],
            ..FetchOptions::default()
        };
        let err = Fetcher::new(options).unwrap_err().to_string();
        assert!(err.contains("\"Bad Name: x\" has an invalid name"), "{err}");
    }
}
