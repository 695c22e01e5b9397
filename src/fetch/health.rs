//! Whether a host is worth asking again this run. A host that refuses
//! connections, whose name does not resolve, or that keeps timing out is
//! marked down after a few failures in a row; its remaining ads then get
//! the same clear error at once instead of each waiting through its own
//! timeouts and retries. The first complete answer resets the count.

use std::sync::{Mutex, PoisonError};

use tokio::sync::Notify;

use crate::page::FetchError;

/// Failures in a row after which a host is marked down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DownAfter {
    /// Connections refused or dropped, or names not resolved.
    pub(crate) connect_failures: u32,
    /// Requests with no complete answer in time.
    pub(crate) timeouts: u32,
}

#[derive(Debug, Default)]
struct Counts {
    connect_failures: u32,
    timeouts: u32,
    down: Option<FetchError>,
}

/// The failures of one host so far and, once it is down, why.
#[derive(Debug)]
pub(crate) struct Health {
    limits: DownAfter,
    counts: Mutex<Counts>,
    /// Wakes the requests in flight when the host is marked down.
    marked_down: Notify,
}

impl Health {
    pub(crate) fn new(limits: DownAfter) -> Self {
        Self {
            limits,
            counts: Mutex::new(Counts::default()),
            marked_down: Notify::new(),
        }
    }

    fn counts(&self) -> std::sync::MutexGuard<'_, Counts> {
        self.counts.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The error every further request to the host gets, once it is down.
    pub(crate) fn down(&self) -> Option<FetchError> {
        self.counts().down.clone()
    }

    /// Resolves with the reason once the host is marked down: a request
    /// in flight then stops waiting for an answer that will not come.
    pub(crate) async fn went_down(&self) -> FetchError {
        loop {
            // Registered before the check, so no marking is missed.
            let notified = self.marked_down.notified();
            if let Some(reason) = self.down() {
                return reason;
            }
            notified.await;
        }
    }

    /// The host connected: refusals no longer count in a row.
    pub(crate) fn connected(&self) {
        self.counts().connect_failures = 0;
    }

    /// The host answered in full: timeouts no longer count in a row.
    pub(crate) fn answered(&self) {
        let mut counts = self.counts();
        counts.connect_failures = 0;
        counts.timeouts = 0;
    }

    /// Records a failed request to `host`; marks the host down when the
    /// failure is one too many in a row.
    pub(crate) fn failed(&self, host: &str, error: &FetchError) {
        let mut counts = self.counts();
        if counts.down.is_some() {
            return;
        }
        self.count(&mut counts, host, error);
        if counts.down.is_some() {
            drop(counts);
            self.marked_down.notify_waiters();
        }
    }

    fn count(&self, counts: &mut Counts, host: &str, error: &FetchError) {
        match error {
            FetchError::Timeout { .. } => {
                counts.timeouts += 1;
                if counts.timeouts >= self.limits.timeouts {
                    counts.down = Some(FetchError::HostHung {
                        host: host.to_owned(),
                        timeouts: counts.timeouts,
                    });
                }
            }
            // A name that does not resolve is reported as such to every
            // ad of the host, before and after the host is marked down.
            FetchError::Dns { .. } => {
                counts.connect_failures += 1;
                if counts.connect_failures >= self.limits.connect_failures {
                    counts.down = Some(error.clone());
                }
            }
            FetchError::Connect { .. } | FetchError::Tls { .. } => {
                counts.connect_failures += 1;
                if counts.connect_failures >= self.limits.connect_failures {
                    counts.down = Some(FetchError::HostDown {
                        host: host.to_owned(),
                        failures: counts.connect_failures,
                    });
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: DownAfter = DownAfter {
        connect_failures: 2,
        timeouts: 3,
    };

    fn timeout() -> FetchError {
        FetchError::Timeout { seconds: 1.0 }
    }

    #[test]
    fn timeouts_in_a_row_mark_the_host_down_and_an_answer_resets_them() {
        let health = Health::new(LIMITS);
        health.failed("shop.example", &timeout());
        health.failed("shop.example", &timeout());
        health.answered();
        health.failed("shop.example", &timeout());
        health.failed("shop.example", &timeout());
        assert_eq!(health.down(), None);
        health.failed("shop.example", &timeout());
        let down = health.down().unwrap().to_string();
        assert_eq!(
            down,
            "host shop.example timed out 3 times in a row; not tried again in this run"
        );
    }

    #[tokio::test]
    async fn requests_in_flight_hear_when_the_host_goes_down() {
        let health = std::sync::Arc::new(Health::new(LIMITS));
        let waiting = {
            let health = std::sync::Arc::clone(&health);
            tokio::spawn(async move { health.went_down().await })
        };
        tokio::task::yield_now().await;
        for _ in 0..3 {
            health.failed("shop.example", &timeout());
        }
        let reason = tokio::time::timeout(std::time::Duration::from_secs(1), waiting)
            .await
            .expect("woken at once")
            .unwrap();
        assert!(matches!(reason, FetchError::HostHung { timeouts: 3, .. }));
    }

    #[test]
    fn a_name_that_does_not_resolve_stays_a_dns_error() {
        let health = Health::new(LIMITS);
        let dns = FetchError::Dns {
            host: "shop.invalid".into(),
            detail: "no such host".into(),
        };
        health.failed("shop.invalid", &dns);
        assert_eq!(health.down(), None);
        health.failed("shop.invalid", &dns);
        assert_eq!(health.down(), Some(dns));
    }

    #[test]
    fn refusals_mark_the_host_down_unless_it_connects_between() {
        let health = Health::new(LIMITS);
        let refused = FetchError::Connect {
            host: "shop.example".into(),
            detail: "refused".into(),
        };
        health.failed("shop.example", &refused);
        health.connected();
        health.failed("shop.example", &refused);
        assert_eq!(health.down(), None);
        health.failed("shop.example", &refused);
        assert!(matches!(
            health.down(),
            Some(FetchError::HostDown { failures: 2, .. })
        ));
    }
}
