//! Per-host politeness: at most N requests in flight to one shop, however
//! many of its ads run at once. A host's semaphore is made on first use.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// Lazily created per-host concurrency limits.
#[derive(Debug)]
pub(crate) struct HostLimits {
    per_host: usize,
    hosts: Mutex<HashMap<String, Arc<Semaphore>>>,
}

impl HostLimits {
    /// Allows `per_host` requests in flight per host (at least one).
    pub(crate) fn new(per_host: usize) -> Self {
        Self {
            per_host: per_host.max(1),
            hosts: Mutex::new(HashMap::new()),
        }
    }

    /// Waits for a free slot on `host`; the slot is held until the permit drops.
    pub(crate) async fn acquire(&self, host: &str) -> OwnedSemaphorePermit {
        let semaphore = {
            let mut hosts = self.hosts.lock().unwrap_or_else(PoisonError::into_inner);
            Arc::clone(
                hosts
                    .entry(host.to_ascii_lowercase())
                    .or_insert_with(|| Arc::new(Semaphore::new(self.per_host))),
            )
        };
        semaphore
            .acquire_owned()
            .await
            .expect("host semaphores are never closed")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn limits_each_host_separately() {
        let limits = HostLimits::new(1);
        let held = limits.acquire("Shop.example").await;
        let blocked = tokio::time::timeout(
            std::time::Duration::from_millis(50),
            limits.acquire("shop.example"),
        )
        .await;
        assert!(
            blocked.is_err(),
            "second request to the same host must wait"
        );
        let _other = limits.acquire("books.example").await;
        drop(held);
        let _again = limits.acquire("shop.example").await;
    }
}
