//! Shared helpers: local servers and an audit runner.

use std::net::SocketAddr;
use std::time::Duration;

use landcheck::HostPolicy;
use landcheck::{AdResult, CampaignFile, FetchOptions, Fetcher, Resolve};

/// Serves `router` on an ephemeral port of 127.0.0.1 for the rest of the test.
pub async fn serve(router: axum::Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, router).await.unwrap();
    });
    addr
}

/// Fetch options for tests: short timeouts, no rate limit, no retries,
/// the given host overrides.
pub fn options(resolve: Vec<Resolve>) -> FetchOptions {
    FetchOptions {
        timeout: Duration::from_secs(5),
        connect_timeout: Duration::from_secs(2),
        ad_timeout: Duration::from_secs(10),
        host: HostPolicy {
            per_host: 4,
            host_rate: None,
        },
        retries: 0,
        resolve,
        ..FetchOptions::default()
    }
}

/// Audits `campaigns` and returns the results in file order.
pub async fn run(campaigns: &CampaignFile, options: FetchOptions) -> Vec<AdResult> {
    let fetcher = Fetcher::new(options).unwrap();
    let mut results = Vec::new();
    landcheck::Audit::new(campaigns)
        .fetcher(fetcher)
        .concurrency(8)
        .run(|r| results.push(r))
        .await
        .unwrap();
    results.sort_by_key(|r| r.position);
    results
}

/// A campaign file with one ad per URL, ids `ad0`, `ad1`, ...
pub fn campaign_of(urls: &[String]) -> CampaignFile {
    let ads: Vec<serde_json::Value> = urls
        .iter()
        .enumerate()
        .map(|(i, url)| serde_json::json!({"id": format!("ad{i}"), "url": url, "product": {"name": "Trail Shoe"}}))
        .collect();
    let text =
        serde_json::json!({"campaigns": [{"id": "c", "name": "Test", "ads": ads}]}).to_string();
    landcheck::parse_campaigns(&text, std::path::Path::new("test.json")).unwrap()
}
