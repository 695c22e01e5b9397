//! Keeps ad URLs away from internal services. Ad URLs come from agencies,
//! so a redirect to `169.254.169.254` (cloud metadata), `10.x`,
//! `192.168.x` or loopback is refused unless `--allow-private-network` is
//! given. Hosts named in the campaign file or in `--resolve` are trusted:
//! the user pointed landcheck at them on purpose. Names under the reserved
//! `.invalid` domain never resolve (RFC 6761), without asking any server.

use std::collections::HashSet;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, PoisonError, RwLock};
use std::time::Duration;

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// A connection refused because it leads into a private network.
#[derive(Debug, thiserror::Error)]
#[error("{host} resolves to the internal address {addr}")]
pub(crate) struct Blocked {
    pub(crate) host: String,
    pub(crate) addr: IpAddr,
}

/// A name that did not resolve, for whatever reason: typed so that every
/// such failure is reported as a DNS failure, whatever the resolver said.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(crate) struct NoSuchHost(String);

/// Whether `ip` belongs to this machine, a private network or link-local space.
pub(crate) fn is_internal(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
        }
        IpAddr::V6(v6) => {
            let first = v6.segments()[0];
            v6.is_loopback()
                || v6.is_unspecified()
                || (first & 0xfe00) == 0xfc00
                || (first & 0xffc0) == 0xfe80
                || v6
                    .to_ipv4_mapped()
                    .is_some_and(|v4| is_internal(IpAddr::V4(v4)))
        }
    }
}

/// Hosts the user named explicitly; shared by the resolver and the fetcher.
#[derive(Debug, Clone, Default)]
pub(crate) struct Trusted(Arc<RwLock<HashSet<String>>>);

impl Trusted {
    pub(crate) fn add(&self, host: &str) {
        let host = host.to_ascii_lowercase();
        if !self.contains(&host) {
            self.0
                .write()
                .unwrap_or_else(PoisonError::into_inner)
                .insert(host);
        }
    }

    pub(crate) fn contains(&self, host: &str) -> bool {
        self.0
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .contains(&host.to_ascii_lowercase())
    }
}

/// The system resolver, refusing internal addresses for untrusted names.
#[derive(Debug, Clone)]
pub(crate) struct GuardedResolver {
    pub(crate) allow_private: bool,
    pub(crate) trusted: Trusted,
    /// How long the system resolver may take for one name.
    pub(crate) timeout: Duration,
}

impl Resolve for GuardedResolver {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().trim_end_matches('.').to_ascii_lowercase();
        let check = !self.allow_private && !self.trusted.contains(&host);
        let timeout = self.timeout;
        Box::pin(async move {
            if host == "invalid" || host.ends_with(".invalid") {
                return Err(NoSuchHost(format!("{host} does not exist (no such host)")).into());
            }
            let lookup = tokio::time::timeout(timeout, tokio::net::lookup_host((host.as_str(), 0)));
            let addrs: Vec<SocketAddr> = match lookup.await {
                Ok(Ok(addrs)) => addrs.collect(),
                Ok(Err(e)) => return Err(NoSuchHost(format!("{host}: {e}")).into()),
                Err(_) => {
                    return Err(NoSuchHost(format!(
                        "the resolver gave no answer for {host} within {} s",
                        timeout.as_secs_f64()
                    ))
                    .into())
                }
            };
            if addrs.is_empty() {
                return Err(NoSuchHost(format!("{host} has no address")).into());
            }
            if check {
                if let Some(internal) = addrs.iter().find(|a| is_internal(a.ip())) {
                    return Err(Blocked {
                        host,
                        addr: internal.ip(),
                    }
                    .into());
                }
            }
            let addrs: Addrs = Box::new(addrs.into_iter());
            Ok(addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_ranges() {
        for ip in [
            "169.254.169.254",
            "10.1.2.3",
            "192.168.0.1",
            "172.16.5.4",
            "127.0.0.1",
            "100.64.0.1",
            "::1",
            "fd00::1",
            "fe80::1",
            "::ffff:10.0.0.1",
        ] {
            assert!(is_internal(ip.parse().unwrap()), "{ip}");
        }
        for ip in ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "172.32.0.1"] {
            assert!(!is_internal(ip.parse().unwrap()), "{ip}");
        }
    }

    #[tokio::test]
    async fn invalid_names_and_internal_addresses_are_refused() {
        let resolver = GuardedResolver {
            allow_private: false,
            trusted: Trusted::default(),
            timeout: Duration::from_secs(5),
        };
        let err = resolver
            .resolve("shop.invalid".parse().unwrap())
            .await
            .err()
            .unwrap();
        assert!(err.to_string().contains("does not exist"));
        let err = resolver
            .resolve("localhost".parse().unwrap())
            .await
            .err()
            .unwrap();
        assert!(err.to_string().contains("internal address"), "{err}");
        resolver.trusted.add("localhost");
        assert!(resolver.resolve("localhost".parse().unwrap()).await.is_ok());
    }
}
