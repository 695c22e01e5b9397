//! Hosts that hang or do not exist: their ads end quickly, each with a row
//! that says plainly what happened, the same way for every ad.

use std::time::{Duration, Instant};

use landcheck::HostPolicy;
use landcheck::Verdict;

use crate::common;

/// Accepts every connection on 127.0.0.1 and never answers.
async fn silent_server() -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = listener.accept().await {
            held.push(socket);
        }
    });
    addr
}

#[tokio::test]
async fn a_host_that_hangs_is_marked_down_and_its_300_ads_end_at_once() {
    let addr = silent_server().await;
    let urls: Vec<String> = (0..300)
        .map(|i| format!("http://{addr}/product/{i}"))
        .collect();
    let mut options = common::options(Vec::new());
    options.timeout = Duration::from_millis(300);
    options.ad_timeout = Duration::from_secs(20);
    options.retries = 2;
    // The default politeness: were the queue to wait for the rate limit
    // after the host is down, 300 ads would take 150 s.
    options.host = HostPolicy {
        per_host: landcheck::DEFAULT_PER_HOST,
        host_rate: Some(landcheck::DEFAULT_HOST_RATE),
    };
    let start = Instant::now();
    let results = common::run(&common::campaign_of(&urls), options).await;
    let took = start.elapsed();
    assert!(took < Duration::from_secs(15), "the run took {took:?}");
    assert_eq!(results.len(), 300);
    assert!(results.iter().all(|r| r.verdict == Verdict::Error));
    let down = format!(
        "host 127.0.0.1 timed out {} times in a row; not tried again in this run",
        landcheck::DEFAULT_DOWN_AFTER_TIMEOUTS
    );
    let marked = results
        .iter()
        .filter(|r| r.error() == Some(down.as_str()))
        .count();
    // Only the requests already in flight when the host went down time
    // out on their own.
    assert!(
        marked >= 290,
        "{marked} ads say {down:?}: {:#?}",
        &results[..8]
    );
    for r in &results {
        let error = r.error().unwrap_or_default();
        assert!(
            error == down || error.contains("no complete answer within 0.3 s"),
            "{}: {error}",
            r.ad
        );
    }
}

#[tokio::test]
async fn the_number_of_timeouts_before_a_host_is_down_can_be_changed() {
    let addr = silent_server().await;
    let urls: Vec<String> = (0..12).map(|i| format!("http://{addr}/p/{i}")).collect();
    let mut options = common::options(Vec::new());
    options.timeout = Duration::from_millis(200);
    options.host.per_host = 1;
    options.down_after_timeouts = 5;
    let results = common::run(&common::campaign_of(&urls), options).await;
    let timed_out = results
        .iter()
        .filter(|r| r.error().unwrap_or_default().contains("no complete answer"))
        .count();
    assert_eq!(timed_out, 5, "{results:#?}");
    assert!(results[5..].iter().all(|r| r
        .error()
        .unwrap_or_default()
        .contains("timed out 5 times in a row")));
}

#[tokio::test]
async fn a_name_that_does_not_resolve_is_a_dns_failure_for_every_ad() {
    // `.invalid` never resolves (RFC 6761); landcheck answers it without
    // asking any server.
    let urls: Vec<String> = (0..40)
        .map(|i| format!("http://shop.invalid/p/{i}"))
        .collect();
    let mut options = common::options(Vec::new());
    options.retries = 2;
    let results = common::run(&common::campaign_of(&urls), options).await;
    let first = results[0].error().unwrap();
    assert_eq!(
        first,
        "the host name shop.invalid could not be found (DNS): shop.invalid does not exist (no such host)"
    );
    for r in &results {
        assert_eq!(r.error(), Some(first), "{}", r.ad);
    }
}
