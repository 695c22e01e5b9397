//! When and how long to wait before trying a request again: exponential
//! backoff with jitter for connect errors, timeouts, 408, 429, 502, 503 and
//! 504, honouring `Retry-After` (seconds or HTTP date) up to a cap. Other
//! 4xx answers are final: asking again will not change them.

use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};

/// First backoff delay; each retry doubles it.
const BASE_DELAY: Duration = Duration::from_millis(500);
/// Longest backoff delay, before jitter.
const MAX_DELAY: Duration = Duration::from_secs(10);

/// Whether an answer with `status` is worth asking for again.
pub(crate) fn retryable_status(status: u16) -> bool {
    matches!(status, 408 | 429 | 502 | 503 | 504)
}

/// The delay before retry number `attempt` (from 0), with up to 50% jitter
/// so that many ads of one host do not come back at the same instant.
pub(crate) fn backoff(attempt: u32) -> Duration {
    let delay = BASE_DELAY
        .saturating_mul(2u32.saturating_pow(attempt))
        .min(MAX_DELAY);
    delay + delay.mul_f64(fastrand::f64() * 0.5)
}

/// The server's `Retry-After`, in seconds or as an HTTP date, capped.
pub(crate) fn retry_after(headers: &HeaderMap, cap: Duration) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    let wait = match value.parse::<u64>() {
        Ok(seconds) => Duration::from_secs(seconds),
        Err(_) => httpdate::parse_http_date(value)
            .ok()?
            .duration_since(SystemTime::now())
            .unwrap_or(Duration::ZERO),
    };
    Some(wait.min(cap))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn retry_after_in_both_forms_is_capped() {
        let cap = Duration::from_secs(30);
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_static("3"));
        assert_eq!(retry_after(&headers, cap), Some(Duration::from_secs(3)));
        headers.insert(RETRY_AFTER, HeaderValue::from_static("3600"));
        assert_eq!(retry_after(&headers, cap), Some(cap));
        let soon = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(10));
        headers.insert(RETRY_AFTER, HeaderValue::from_str(&soon).unwrap());
        let wait = retry_after(&headers, cap).unwrap();
        assert!(
            wait > Duration::from_secs(8) && wait <= Duration::from_secs(10),
            "{wait:?}"
        );
        headers.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(retry_after(&headers, cap), Some(Duration::ZERO));
    }

    #[test]
    fn backoff_grows_with_jitter_and_is_bounded() {
        let first = backoff(0);
        assert!(first >= BASE_DELAY && first <= BASE_DELAY.mul_f64(1.5));
        assert!(backoff(1) >= BASE_DELAY * 2);
        assert!(backoff(30) <= MAX_DELAY.mul_f64(1.5));
        assert!(
            retryable_status(503)
                && retryable_status(429)
                && !retryable_status(404)
                && !retryable_status(403)
        );
    }
}
