//! Client errors in words a marketer can act on, and whether they are
//! worth a retry.

use url::Url;

use super::guard::{Blocked, NoSuchHost};
use crate::page::FetchError;

/// A classified client error.
pub(crate) struct Failure {
    pub(crate) error: FetchError,
    /// Trying again may help.
    pub(crate) retryable: bool,
}

pub(crate) fn classify(error: &reqwest::Error, url: &Url, timeout_seconds: f64) -> Failure {
    let host = url.host_str().unwrap_or_default().to_owned();
    let mut chain: Vec<String> = Vec::new();
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    let mut blocked = None;
    let mut missing = false;
    while let Some(e) = source {
        if let Some(b) = e.downcast_ref::<Blocked>() {
            blocked = Some(b.to_string());
        }
        missing |= e.downcast_ref::<NoSuchHost>().is_some();
        chain.push(e.to_string());
        source = e.source();
    }
    let lower = chain.join(": ").to_ascii_lowercase();
    // The root cause says it plainly ("Connection refused (os error 111)");
    // the layers above it only repeat the URL.
    let detail = chain.last().cloned().unwrap_or_default();
    let (error, retryable) = if let Some(detail) = blocked {
        (
            FetchError::PrivateNetwork {
                url: url.to_string(),
                detail,
            },
            false,
        )
    } else if missing || lower.contains("dns error") || lower.contains("failed to lookup") {
        // Before timeouts: a name that does not resolve is a DNS failure
        // however long the resolver took to say so.
        (FetchError::Dns { host, detail }, false)
    } else if error.is_timeout() {
        (
            FetchError::Timeout {
                seconds: timeout_seconds,
            },
            true,
        )
    } else if error.is_connect()
        && (lower.contains("tls")
            || lower.contains("certificate")
            || lower.contains("handshake")
            // TCP connected but the TLS exchange broke off.
            || (url.scheme() == "https" && !lower.contains("tcp connect error")))
    {
        (FetchError::Tls { host, detail }, false)
    } else if error.is_connect() {
        (FetchError::Connect { host, detail }, true)
    } else {
        (
            FetchError::Http {
                url: url.to_string(),
                detail,
            },
            false,
        )
    };
    Failure { error, retryable }
}
