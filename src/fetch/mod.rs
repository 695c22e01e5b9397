//! The fetch stage: one shared HTTP client that follows every redirect
//! itself (HTTP and `<meta refresh>`), records each hop, keeps a cookie jar
//! per landing session, and is bounded in time, size, redirects and
//! requests per host. A failure is a [`FetchFailure`], never a panic.

mod decode;
mod host;
mod refresh;

use std::collections::HashSet;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use reqwest::cookie::{CookieStore, Jar};
use reqwest::header::{HeaderValue, CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use url::Url;

use crate::error::{Error, Result};
use crate::page::{FetchError, FetchFailure, FetchOutcome, Hop, HopKind, Page};
use host::HostLimits;

/// Default time allowed to open a connection.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default time allowed for a whole landing page, redirects included.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Default cap on a page body, after decompression.
pub const DEFAULT_MAX_BODY_BYTES: usize = 8 * 1024 * 1024;
/// Default cap on redirects per landing page.
pub const DEFAULT_MAX_REDIRECTS: usize = 10;
/// Default number of requests in flight to one host.
pub const DEFAULT_PER_HOST: usize = 4;
/// The `User-Agent` landcheck sends.
pub const USER_AGENT: &str = concat!(
    "Mozilla/5.0 (compatible; landcheck/",
    env!("CARGO_PKG_VERSION"),
    "; ad landing page audit)"
);

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

/// Limits and routing of the fetch stage.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Time allowed to open a connection.
    pub connect_timeout: Duration,
    /// Time allowed for a whole landing page, redirects included.
    pub timeout: Duration,
    /// Cap on a page body after decompression.
    pub max_body_bytes: usize,
    /// Cap on redirects per landing page.
    pub max_redirects: usize,
    /// Requests in flight to one host.
    pub per_host: usize,
    /// Host overrides.
    pub resolve: Vec<Resolve>,
}

impl Default for FetchOptions {
    fn default() -> Self {
        Self {
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            max_redirects: DEFAULT_MAX_REDIRECTS,
            per_host: DEFAULT_PER_HOST,
            resolve: Vec::new(),
        }
    }
}

/// Fetches landing pages; share one per run.
#[derive(Debug)]
pub struct Fetcher {
    client: reqwest::Client,
    options: FetchOptions,
    hosts: HostLimits,
}

impl Fetcher {
    /// Builds the shared client.
    ///
    /// # Errors
    /// [`Error::Client`] when the TLS or resolver set-up fails.
    pub fn new(options: FetchOptions) -> Result<Self> {
        let mut builder = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(options.connect_timeout)
            .timeout(options.timeout)
            .gzip(true)
            .brotli(true)
            .deflate(true);
        for r in &options.resolve {
            builder = builder.resolve(&r.host, r.addr);
        }
        let client = builder.build().map_err(Error::Client)?;
        Ok(Self {
            hosts: HostLimits::new(options.per_host),
            client,
            options,
        })
    }

    /// Follows `url` to its landing page. Never fails the run: every
    /// problem becomes a [`FetchFailure`] with the hops seen so far.
    pub async fn fetch(&self, url: &Url) -> FetchOutcome {
        let start = Instant::now();
        let mut hops = Vec::new();
        let result = tokio::time::timeout(self.options.timeout, self.follow(url, &mut hops)).await;
        let elapsed = start.elapsed();
        let error = match result {
            Ok(Ok(mut page)) => {
                page.elapsed = elapsed;
                page.hops = hops;
                return Ok(page);
            }
            Ok(Err(error)) => error,
            Err(_) => FetchError::Timeout {
                seconds: self.options.timeout.as_secs_f64(),
            },
        };
        Err(FetchFailure {
            requested_url: url.clone(),
            error,
            hops,
            elapsed,
        })
    }

    async fn follow(
        &self,
        start: &Url,
        hops: &mut Vec<Hop>,
    ) -> std::result::Result<Page, FetchError> {
        let jar = Jar::default();
        let mut visited = HashSet::new();
        let mut current = start.clone();
        loop {
            if !visited.insert(current.clone()) {
                return Err(FetchError::RedirectLoop {
                    url: current.to_string(),
                });
            }
            let host = current.host_str().unwrap_or_default().to_owned();
            let _slot = self.hosts.acquire(&host).await;
            let mut request = self.client.get(current.clone());
            if let Some(cookies) = jar.cookies(&current) {
                request = request.header(COOKIE, cookies);
            }
            let response = request.send().await.map_err(|e| classify(&e, &current))?;
            jar.set_cookies(&mut response.headers().get_all(SET_COOKIE).iter(), &current);
            let status = response.status().as_u16();

            if response.status().is_redirection() {
                if let Some(location) = response.headers().get(LOCATION) {
                    let next = redirect_target(&current, location)?;
                    self.push_hop(hops, &current, status, HopKind::Http)?;
                    current = next;
                    continue;
                }
            }
            let content_type = header_str(response.headers().get(CONTENT_TYPE));
            if status < 400 && !is_html(content_type.as_deref()) {
                return Err(FetchError::NotHtml {
                    content_type: content_type.unwrap_or_default(),
                });
            }
            let bytes = self.read_body(response, &current).await?;
            let (body, encoding) = decode::decode_html(&bytes, content_type.as_deref());
            if status == 200 {
                if let Some(target) = refresh::meta_refresh_target(&body, &current) {
                    let next = target.map_err(|reason| FetchError::BadRedirect {
                        url: current.to_string(),
                        location: "meta refresh".into(),
                        reason,
                    })?;
                    check_scheme(&current, &next)?;
                    self.push_hop(hops, &current, status, HopKind::MetaRefresh)?;
                    current = next;
                    continue;
                }
            }
            return Ok(Page {
                requested_url: start.clone(),
                final_url: current,
                status,
                hops: Vec::new(),
                content_type,
                encoding,
                body,
                elapsed: Duration::ZERO,
            });
        }
    }

    fn push_hop(
        &self,
        hops: &mut Vec<Hop>,
        url: &Url,
        status: u16,
        via: HopKind,
    ) -> std::result::Result<(), FetchError> {
        hops.push(Hop {
            url: url.clone(),
            status,
            via,
        });
        if hops.len() > self.options.max_redirects {
            return Err(FetchError::TooManyRedirects {
                limit: self.options.max_redirects,
                url: url.to_string(),
            });
        }
        Ok(())
    }

    async fn read_body(
        &self,
        mut response: reqwest::Response,
        url: &Url,
    ) -> std::result::Result<Vec<u8>, FetchError> {
        let limit = self.options.max_body_bytes;
        let too_large = FetchError::BodyTooLarge { limit };
        if response.content_length().is_some_and(|n| n > limit as u64) {
            return Err(too_large);
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| classify(&e, url))? {
            if body.len() + chunk.len() > limit {
                return Err(too_large);
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }
}

fn redirect_target(current: &Url, location: &HeaderValue) -> std::result::Result<Url, FetchError> {
    let raw = String::from_utf8_lossy(location.as_bytes()).into_owned();
    let next = current
        .join(raw.trim())
        .map_err(|e| FetchError::BadRedirect {
            url: current.to_string(),
            location: raw.clone(),
            reason: e.to_string(),
        })?;
    check_scheme(current, &next)?;
    Ok(next)
}

fn check_scheme(current: &Url, next: &Url) -> std::result::Result<(), FetchError> {
    if matches!(next.scheme(), "http" | "https") {
        Ok(())
    } else {
        Err(FetchError::BadRedirect {
            url: current.to_string(),
            location: next.to_string(),
            reason: format!("the scheme \"{}:\" is not http or https", next.scheme()),
        })
    }
}

fn header_str(value: Option<&HeaderValue>) -> Option<String> {
    value.map(|v| String::from_utf8_lossy(v.as_bytes()).trim().to_owned())
}

/// HTML, or no declared type at all (many shops omit it on error pages).
fn is_html(content_type: Option<&str>) -> bool {
    content_type.is_none_or(|ct| {
        let mime = ct
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        mime.is_empty()
            || mime == "text/html"
            || mime == "application/xhtml+xml"
            || mime == "text/plain"
    })
}

/// Turns a client error into words a marketer can act on.
fn classify(error: &reqwest::Error, url: &Url) -> FetchError {
    let host = url.host_str().unwrap_or_default().to_owned();
    let mut detail = String::new();
    let mut source: Option<&dyn std::error::Error> = Some(error);
    while let Some(e) = source {
        let text = e.to_string();
        if !detail.contains(&text) {
            if !detail.is_empty() {
                detail.push_str(": ");
            }
            detail.push_str(&text);
        }
        source = e.source();
    }
    let lower = detail.to_ascii_lowercase();
    if error.is_timeout() {
        FetchError::Http {
            url: url.to_string(),
            detail: format!("timed out ({detail})"),
        }
    } else if lower.contains("dns error") || lower.contains("failed to lookup") {
        FetchError::Dns { host, detail }
    } else if lower.contains("tls") || lower.contains("certificate") || lower.contains("handshake")
    {
        FetchError::Tls { host, detail }
    } else if error.is_connect() {
        FetchError::Connect { host, detail }
    } else {
        FetchError::Http {
            url: url.to_string(),
            detail,
        }
    }
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
    fn html_detection() {
        assert!(is_html(Some("text/html; charset=utf-8")));
        assert!(is_html(None));
        assert!(!is_html(Some("application/pdf")));
        assert!(!is_html(Some("image/png")));
    }
}
