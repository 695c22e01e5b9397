//! Bot walls, rate limits and other domains, end to end against local
//! servers: a wall is `blocked` with an `error` verdict that names the
//! protection, a page that came fast after an honoured `Retry-After` is not
//! slow, and a click that ends on another site fails the `domain` check.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use axum::Router;
use landcheck::{CheckName, FetchOptions, Outcome, PageKind, Resolve, Verdict};

use crate::common;

const PRODUCT: &str = r#"<html><head><title>Trail Shoe</title></head><body><h1>Trail Shoe</h1><p class="price">$120.00</p><button>Add to cart</button></body></html>"#;
const CHALLENGE: &str = r#"<html lang="en-US"><head><title>Just a moment...</title></head><body><div id="challenge-error-text">Enable JavaScript and cookies to continue</div><script>window._cf_chl_opt={cType:'managed'};</script></body></html>"#;

fn check(result: &landcheck::AdResult, name: CheckName) -> &landcheck::Check {
    result
        .checks()
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no {name} check in {:#?}", result.checks()))
}

#[tokio::test]
async fn bot_walls_and_rate_limits_are_blocked_with_what_to_do() {
    let app = Router::new()
        .route(
            "/challenge",
            get(|| async {
                (
                    StatusCode::FORBIDDEN,
                    [
                        (header::CONTENT_TYPE, "text/html"),
                        (header::HeaderName::from_static("cf-mitigated"), "challenge"),
                    ],
                    CHALLENGE,
                )
            }),
        )
        .route(
            "/header-only",
            get(|| async {
                (
                    [
                        (header::CONTENT_TYPE, "text/html"),
                        (header::HeaderName::from_static("cf-mitigated"), "challenge"),
                    ],
                    PRODUCT,
                )
            }),
        )
        .route(
            "/always-429",
            get(|| async { (StatusCode::TOO_MANY_REQUESTS, "slow down") }),
        );
    let http = common::serve(app).await;
    let urls = ["/challenge", "/header-only", "/always-429"].map(|p| format!("http://{http}{p}"));
    let options = FetchOptions {
        retries: 1,
        ..common::options(Vec::new())
    };
    let results = common::run(&common::campaign_of(&urls), options).await;
    for (result, says) in results.iter().zip(["Cloudflare", "cf-mitigated", "429"]) {
        assert_eq!(
            result.verdict,
            Verdict::Error,
            "{}: {:#?}",
            result.url,
            result.checks()
        );
        assert_eq!(
            result.page_kind(),
            Some(PageKind::Blocked),
            "{}",
            result.url
        );
        let reachable = &check(result, CheckName::Reachable).message;
        assert!(reachable.contains(says), "{reachable}");
        // What to do in the product's words; the command line names the
        // flags (tests/hints.rs).
        assert!(
            reachable.contains("allow-list")
                && reachable.contains("send the header or cookie")
                && reachable.contains("the other device")
                && !reachable.contains("--"),
            "{reachable}"
        );
    }
}

#[tokio::test]
async fn a_fast_page_after_an_honoured_retry_after_is_not_slow() {
    let calls = Arc::new(AtomicUsize::new(0));
    let app = Router::new().route(
        "/busy",
        get(move || {
            let n = calls.fetch_add(1, Ordering::SeqCst);
            async move {
                if n == 0 {
                    (
                        StatusCode::TOO_MANY_REQUESTS,
                        [(header::RETRY_AFTER, "4")],
                        "busy",
                    )
                        .into_response()
                } else {
                    ([(header::CONTENT_TYPE, "text/html")], PRODUCT).into_response()
                }
            }
        }),
    );
    let http = common::serve(app).await;
    let options = FetchOptions {
        retries: 1,
        ..common::options(Vec::new())
    };
    let started = std::time::Instant::now();
    let results = common::run(
        &common::campaign_of(&[format!("http://{http}/busy")]),
        options,
    )
    .await;
    assert!(
        started.elapsed() >= Duration::from_secs(4),
        "the Retry-After was honoured"
    );
    let reachable = check(&results[0], CheckName::Reachable);
    assert_eq!(reachable.outcome, Outcome::Pass, "{}", reachable.message);
    assert!(
        reachable.message.contains("1 retry"),
        "{}",
        reachable.message
    );
}

#[tokio::test]
async fn landing_on_another_site_fails_the_domain_check() {
    let app = Router::new()
        .route(
            "/go",
            get(|| async { Redirect::temporary("http://www.other-shop.example/p") }),
        )
        .route(
            "/p",
            get(|| async { ([(header::CONTENT_TYPE, "text/html")], PRODUCT) }),
        );
    let http = common::serve(app).await;
    let resolve = [
        "shop.example",
        "www.shop.example",
        "www.other-shop.example",
        "clicks.tracker.example",
    ]
    .iter()
    .map(|h| format!("{h}={http}").parse::<Resolve>().unwrap())
    .collect();
    let text = serde_json::json!({"campaigns": [{"id": "c", "name": "Test", "ads": [
        {"id": "stays", "url": "http://www.shop.example/p", "product": {"name": "Trail Shoe"}},
        {"id": "leaves", "url": "http://shop.example/go", "product": {"name": "Trail Shoe"}},
        {"id": "tracked", "url": "http://clicks.tracker.example/go", "display_url": "https://www.other-shop.example/", "product": {"name": "Trail Shoe"}}
    ]}]})
    .to_string();
    let campaigns = landcheck::parse_campaigns(&text, std::path::Path::new("test.json")).unwrap();
    let results = common::run(&campaigns, common::options(resolve)).await;
    let domain: Vec<(Outcome, &str)> = results
        .iter()
        .map(|r| {
            let c = check(r, CheckName::Domain);
            (c.outcome, c.message.as_str())
        })
        .collect();
    assert_eq!(domain[0].0, Outcome::Pass, "{}", domain[0].1);
    assert_eq!(domain[1].0, Outcome::Fail, "{}", domain[1].1);
    assert!(
        domain[1].1.contains("shop.example") && domain[1].1.contains("other-shop.example"),
        "{}",
        domain[1].1
    );
    assert_eq!(results[1].verdict, Verdict::Fail);
    assert_eq!(
        domain[2].0,
        Outcome::Pass,
        "the display URL's site: {}",
        domain[2].1
    );
}
