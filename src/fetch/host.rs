//! Per-host politeness: at most N requests in flight and at most R requests
//! a second to one shop, however many of its ads run at once; and a host
//! that keeps refusing connections or timing out is marked down (see
//! `health.rs`) so its remaining ads fail fast instead of each waiting for
//! its own timeout. A host's state is made on first use.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::health::{DownAfter, Health};
use crate::page::FetchError;

/// How politely one host is treated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HostPolicy {
    /// Requests in flight at once.
    pub per_host: usize,
    /// Requests started per second; `None` for no limit.
    pub host_rate: Option<f64>,
}

/// The state kept for one host.
#[derive(Debug)]
pub(crate) struct Host {
    slots: Arc<Semaphore>,
    limiter: Option<DefaultDirectRateLimiter>,
    pub(crate) health: Health,
}

impl Host {
    fn new(policy: HostPolicy, down_after: DownAfter) -> Self {
        let limiter = policy
            .host_rate
            .filter(|r| r.is_finite() && *r > 0.0)
            .and_then(|rate| Quota::with_period(Duration::from_secs_f64(1.0 / rate)))
            .map(|quota| RateLimiter::direct(quota.allow_burst(NonZeroU32::MIN)));
        Self {
            slots: Arc::new(Semaphore::new(policy.per_host.max(1))),
            limiter,
            health: Health::new(down_after),
        }
    }

    /// Waits for a free slot and for the rate limit; the slot is held until
    /// the permit drops.
    ///
    /// # Errors
    /// Why the host is down, as soon as it is: ads queued behind a host
    /// marked down neither wait for a slot nor for the rate limit.
    pub(crate) async fn acquire(&self) -> Result<OwnedSemaphorePermit, FetchError> {
        self.health.down().map_or(Ok(()), Err)?;
        let permit = Arc::clone(&self.slots)
            .acquire_owned()
            .await
            .expect("host semaphores are never closed");
        self.health.down().map_or(Ok(()), Err)?;
        if let Some(limiter) = &self.limiter {
            limiter.until_ready().await;
        }
        Ok(permit)
    }
}

/// Every host's state, by lower-case host name.
#[derive(Debug)]
pub(crate) struct Hosts {
    default: HostPolicy,
    down_after: DownAfter,
    overrides: HashMap<String, HostPolicy>,
    known: Mutex<HashMap<String, Arc<Host>>>,
}

impl Hosts {
    pub(crate) fn new(
        default: HostPolicy,
        overrides: HashMap<String, HostPolicy>,
        down_after: DownAfter,
    ) -> Self {
        let overrides = overrides
            .into_iter()
            .map(|(k, v)| (k.to_ascii_lowercase(), v))
            .collect();
        Self {
            default,
            down_after,
            overrides,
            known: Mutex::new(HashMap::new()),
        }
    }

    /// The state of `host`, made on first use.
    pub(crate) fn get(&self, host: &str) -> Arc<Host> {
        let key = host.to_ascii_lowercase();
        let mut hosts = self.known.lock().unwrap_or_else(PoisonError::into_inner);
        let policy = self.overrides.get(&key).copied().unwrap_or(self.default);
        Arc::clone(
            hosts
                .entry(key)
                .or_insert_with(|| Arc::new(Host::new(policy, self.down_after))),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hosts(per_host: usize, host_rate: Option<f64>) -> Hosts {
        Hosts::new(
            HostPolicy {
                per_host,
                host_rate,
            },
            HashMap::new(),
            DOWN_AFTER,
        )
    }

    const DOWN_AFTER: DownAfter = DownAfter {
        connect_failures: 2,
        timeouts: 2,
    };

    #[tokio::test]
    async fn limits_each_host_separately() {
        let hosts = hosts(1, None);
        let held = hosts.get("Shop.example").acquire().await.unwrap();
        let blocked = tokio::time::timeout(Duration::from_millis(50), async {
            hosts.get("shop.example").acquire().await
        })
        .await;
        assert!(
            blocked.is_err(),
            "second request to the same host must wait"
        );
        let _other = hosts.get("books.example").acquire().await;
        drop(held);
        let _again = hosts.get("shop.example").acquire().await;
    }

    #[tokio::test]
    async fn rate_limit_spaces_requests() {
        let hosts = hosts(8, Some(20.0));
        let host = hosts.get("shop.example");
        let start = std::time::Instant::now();
        for _ in 0..5 {
            drop(host.acquire().await);
        }
        // 5 requests at 20/s: the first at once, then one every 50 ms.
        assert!(
            start.elapsed() >= Duration::from_millis(190),
            "{:?}",
            start.elapsed()
        );
    }

    #[test]
    fn overrides_apply_per_host_and_failures_reset() {
        let mut overrides = HashMap::new();
        overrides.insert(
            "Slow.example".to_owned(),
            HostPolicy {
                per_host: 1,
                host_rate: Some(0.5),
            },
        );
        let hosts = Hosts::new(
            HostPolicy {
                per_host: 4,
                host_rate: None,
            },
            overrides,
            DOWN_AFTER,
        );
        assert_eq!(hosts.get("slow.example").slots.available_permits(), 1);
        assert!(hosts.get("slow.example").limiter.is_some());
        assert_eq!(hosts.get("shop.example").slots.available_permits(), 4);
    }

    #[tokio::test]
    async fn a_host_marked_down_gives_its_queue_the_reason_at_once() {
        let hosts = hosts(1, Some(0.01));
        let host = hosts.get("shop.example");
        let held = host.acquire().await.unwrap();
        let queued = {
            let host = Arc::clone(&host);
            tokio::spawn(async move { host.acquire().await.map(drop) })
        };
        for _ in 0..2 {
            host.health
                .failed("shop.example", &FetchError::Timeout { seconds: 1.0 });
        }
        drop(held);
        // One request a hundred seconds: the queued ad must not wait for it.
        let queued = tokio::time::timeout(Duration::from_secs(1), queued)
            .await
            .expect("no wait for a host that is down")
            .unwrap();
        assert!(matches!(
            queued,
            Err(FetchError::HostHung { timeouts: 2, .. })
        ));
        assert!(host.acquire().await.is_err());
    }
}
