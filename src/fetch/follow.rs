//! One landing session: request, retry, follow the redirect, repeat, until
//! a page is reached or a limit says stop.

use std::collections::HashSet;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use reqwest::cookie::{CookieStore, Jar};
use reqwest::header::{HeaderValue, CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use tokio::sync::OwnedSemaphorePermit;
use url::{Host, Url};

use super::classify::classify;
use super::{decode, guard, refresh, retry, Fetcher};
use crate::page::{FetchError, Hop, HopKind, Page};

/// What a landing session has seen so far; kept when it fails. Shared
/// with [`Fetcher::fetch`], which reads the time spent queueing for a
/// polite slot while the session runs.
#[derive(Debug, Default)]
pub(crate) struct Session {
    hops: Mutex<Vec<Hop>>,
    retries: AtomicU32,
    queued_nanos: AtomicU64,
    waiting_since: Mutex<Option<Instant>>,
    retry_wait_nanos: AtomicU64,
}

impl Session {
    /// The redirects taken so far.
    pub(crate) fn hops(&self) -> Vec<Hop> {
        self.hops
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Requests tried again so far.
    pub(crate) fn retries(&self) -> u32 {
        self.retries.load(Ordering::Relaxed)
    }

    /// Time spent waiting for the host's politeness limits, the wait under
    /// way included: landcheck's own queue, not the shop's slowness.
    pub(crate) fn queued(&self) -> Duration {
        let done = Duration::from_nanos(self.queued_nanos.load(Ordering::Relaxed));
        let ongoing = self
            .waiting_since
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .map_or(Duration::ZERO, |since| since.elapsed());
        done + ongoing
    }

    /// Time spent waiting before retries, as the server's `Retry-After`
    /// or the backoff asked: not the time the page took to come.
    pub(crate) fn retry_waits(&self) -> Duration {
        Duration::from_nanos(self.retry_wait_nanos.load(Ordering::Relaxed))
    }

    fn start_waiting(&self) {
        *self
            .waiting_since
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = Some(Instant::now());
    }

    fn stop_waiting(&self) {
        let since = self
            .waiting_since
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(since) = since {
            let nanos = u64::try_from(since.elapsed().as_nanos()).unwrap_or(u64::MAX);
            self.queued_nanos.fetch_add(nanos, Ordering::Relaxed);
        }
    }

    /// Records a hop; returns how many there are now.
    fn push_hop(&self, hop: Hop) -> usize {
        let mut hops = self.hops.lock().unwrap_or_else(PoisonError::into_inner);
        hops.push(hop);
        hops.len()
    }
}

impl Fetcher {
    pub(crate) async fn follow(&self, start: &Url, session: &Session) -> Result<Page, FetchError> {
        let jar = Jar::default();
        let mut visited = HashSet::new();
        let mut current = start.clone();
        loop {
            if !visited.insert(current.clone()) {
                return Err(FetchError::RedirectLoop {
                    url: current.to_string(),
                });
            }
            self.check_address(&current)?;
            let (response, _slot) = self.send(&current, &jar, session).await?;
            jar.set_cookies(&mut response.headers().get_all(SET_COOKIE).iter(), &current);
            let status = response.status().as_u16();

            if response.status().is_redirection() {
                if let Some(location) = response.headers().get(LOCATION) {
                    let next = redirect_target(&current, location)?;
                    self.push_hop(session, &current, status, HopKind::Http)?;
                    current = next;
                    continue;
                }
            }
            let content_type = response
                .headers()
                .get(CONTENT_TYPE)
                .map(|v| String::from_utf8_lossy(v.as_bytes()).trim().to_owned());
            if status < 400 && !is_html(content_type.as_deref()) {
                return Err(FetchError::NotHtml {
                    content_type: content_type.unwrap_or_default(),
                });
            }
            let protection = protection_header(response.headers());
            let bytes = self.read_body(response, &current).await?;
            self.hosts
                .get(current.host_str().unwrap_or_default())
                .health
                .answered();
            let (body, encoding) = decode::decode_html(&bytes, content_type.as_deref(), &current);
            if status == 200 {
                if let Some(target) = refresh::meta_refresh_target(&body, &current) {
                    let next = target.map_err(|reason| FetchError::BadRedirect {
                        url: current.to_string(),
                        location: "meta refresh".into(),
                        reason,
                    })?;
                    check_scheme(&current, &next)?;
                    self.push_hop(session, &current, status, HopKind::MetaRefresh)?;
                    current = next;
                    continue;
                }
            }
            return Ok(Page {
                requested_url: start.clone(),
                final_url: current,
                status,
                hops: Vec::new(),
                retries: 0,
                content_type,
                encoding,
                protection,
                body,
                elapsed: Duration::ZERO,
            });
        }
    }

    /// Refuses IP-literal URLs into private networks unless trusted.
    fn check_address(&self, url: &Url) -> Result<(), FetchError> {
        let ip = match url.host() {
            Some(Host::Ipv4(ip)) => ip.into(),
            Some(Host::Ipv6(ip)) => ip.into(),
            _ => return Ok(()),
        };
        let host = url.host_str().unwrap_or_default();
        if guard::is_internal(ip)
            && !self.options.allow_private_network
            && !self.trusted.contains(host)
        {
            return Err(FetchError::PrivateNetwork {
                url: url.to_string(),
                detail: format!("{ip} is an internal address"),
            });
        }
        Ok(())
    }

    /// Sends one request, retrying connect errors, timeouts, 408, 429 and
    /// 5xx gateways. Returns the response with the host slot it holds.
    async fn send(
        &self,
        url: &Url,
        jar: &Jar,
        session: &Session,
    ) -> Result<(reqwest::Response, OwnedSemaphorePermit), FetchError> {
        let name = url.host_str().unwrap_or_default();
        let host = self.hosts.get(name);
        let mut attempt = 0;
        loop {
            session.start_waiting();
            let slot = host.acquire().await;
            session.stop_waiting();
            let slot = slot?;
            let mut request = self.client.get(url.clone());
            if let Some(cookies) = jar.cookies(url) {
                request = request.header(COOKIE, cookies);
            }
            // A host marked down meanwhile (by other ads' timeouts) ends
            // this wait too: its answer would not come either.
            let sent = tokio::select! {
                sent = request.send() => sent,
                reason = host.health.went_down() => return Err(reason),
            };
            let wait = match sent {
                Ok(response) => {
                    let status = response.status().as_u16();
                    // A redirect or a "try again" is the whole answer; a
                    // page has its body still to come.
                    if response.status().is_redirection() || retry::retryable_status(status) {
                        host.health.answered();
                    } else {
                        host.health.connected();
                    }
                    if !retry::retryable_status(status) || attempt >= self.options.retries {
                        return Ok((response, slot));
                    }
                    retry::retry_after(response.headers(), self.options.retry_after_cap)
                        .unwrap_or_else(|| retry::backoff(attempt))
                }
                Err(e) => {
                    let failure = classify(&e, url, self.options.timeout.as_secs_f64());
                    host.health.failed(name, &failure.error);
                    if !failure.retryable || attempt >= self.options.retries {
                        return Err(failure.error);
                    }
                    retry::backoff(attempt)
                }
            };
            drop(slot);
            session.retries.fetch_add(1, Ordering::Relaxed);
            attempt += 1;
            tokio::time::sleep(wait).await;
            let nanos = u64::try_from(wait.as_nanos()).unwrap_or(u64::MAX);
            session.retry_wait_nanos.fetch_add(nanos, Ordering::Relaxed);
        }
    }

    fn push_hop(
        &self,
        session: &Session,
        url: &Url,
        status: u16,
        via: HopKind,
    ) -> Result<(), FetchError> {
        let count = session.push_hop(Hop {
            url: url.clone(),
            status,
            via,
        });
        if count > self.options.max_redirects {
            return Err(FetchError::TooManyRedirects {
                limit: self.options.max_redirects,
                url: url.to_string(),
            });
        }
        Ok(())
    }

    /// Reads the body up to the cap, counted after decompression.
    async fn read_body(
        &self,
        mut response: reqwest::Response,
        url: &Url,
    ) -> Result<Vec<u8>, FetchError> {
        let limit = self.options.max_body_bytes;
        let too_large = FetchError::BodyTooLarge { limit };
        if response.content_length().is_some_and(|n| n > limit as u64) {
            return Err(too_large);
        }
        let mut body = Vec::new();
        loop {
            let chunk = response.chunk().await.map_err(|e| {
                let error = classify(&e, url, self.options.timeout.as_secs_f64()).error;
                let host = url.host_str().unwrap_or_default();
                self.hosts.get(host).health.failed(host, &error);
                error
            })?;
            let Some(chunk) = chunk else { break };
            if body.len() + chunk.len() > limit {
                return Err(too_large);
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }
}

/// A bot protection that names itself in the response headers.
fn protection_header(headers: &reqwest::header::HeaderMap) -> Option<String> {
    let value = |name: &str| {
        headers.get(name).map(|v| {
            String::from_utf8_lossy(v.as_bytes())
                .trim()
                .to_ascii_lowercase()
        })
    };
    if let Some(v) = value("cf-mitigated") {
        return Some(format!("Cloudflare's bot check (header cf-mitigated: {v})"));
    }
    if let Some(v) = value("x-amzn-waf-action").filter(|v| v != "allow") {
        return Some(format!(
            "AWS WAF's challenge (header x-amzn-waf-action: {v})"
        ));
    }
    None
}

fn redirect_target(current: &Url, location: &HeaderValue) -> Result<Url, FetchError> {
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

fn check_scheme(current: &Url, next: &Url) -> Result<(), FetchError> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_detection() {
        assert!(is_html(Some("text/html; charset=utf-8")));
        assert!(is_html(None));
        assert!(!is_html(Some("application/pdf")));
        assert!(!is_html(Some("image/png")));
    }
}
