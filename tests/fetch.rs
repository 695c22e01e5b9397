//! The fetch stage against local servers that redirect, loop, refresh,
//! send too much or send no HTML: each ends in a clear result row.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use axum::Router;
use landcheck::HopKind;
use landcheck::{Fetcher, Verdict};

use crate::common;

const PRODUCT: &str = r#"<html><head><title>Trail Shoe</title></head><body><h1>Trail Shoe</h1>
<span class="price">$10.00</span><button>Add to cart</button></body></html>"#;

fn html(body: &'static str) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body)
}

#[tokio::test]
async fn redirects_and_meta_refresh_are_followed_and_recorded() {
    let app = Router::new()
        .route("/a", get(|| async { Redirect::permanent("/b?x=1") }))
        .route(
            "/b",
            get(|| async { html(r#"<meta http-equiv="refresh" content="0; url=/c">"#) }),
        )
        .route("/c", get(|| async { html(PRODUCT) }));
    let addr = common::serve(app).await;
    let fetcher = Fetcher::new(common::options(Vec::new())).unwrap();
    let page = fetcher
        .fetch(&format!("http://{addr}/a").parse().unwrap())
        .await
        .unwrap();
    assert_eq!(page.final_url.path(), "/c");
    let hops: Vec<(u16, HopKind, String)> = page
        .hops
        .iter()
        .map(|h| (h.status, h.via, h.url.path().to_owned()))
        .collect();
    assert_eq!(
        hops,
        vec![
            (308, HopKind::Http, "/a".into()),
            (200, HopKind::MetaRefresh, "/b".into())
        ]
    );
}

#[tokio::test]
async fn loops_long_chains_bad_schemes_big_bodies_and_non_html_are_error_rows() {
    let app = Router::new()
        .route("/loop", get(|| async { Redirect::temporary("/loop2") }))
        .route("/loop2", get(|| async { Redirect::temporary("/loop") }))
        .route(
            "/meta-loop",
            get(|| async { html(r#"<meta http-equiv="refresh" content="0;url=/meta-loop">"#) }),
        )
        .route(
            "/hop/{n}",
            get(
                |axum::extract::Path(n): axum::extract::Path<u32>| async move {
                    Redirect::temporary(&format!("/hop/{}", n + 1))
                },
            ),
        )
        .route(
            "/js",
            get(|| async { Redirect::temporary("javascript:alert(1)") }),
        )
        .route(
            "/big",
            get(|| async { html_owned("x".repeat(2 * 1024 * 1024)) }),
        )
        .route(
            "/pdf",
            get(|| async { ([(header::CONTENT_TYPE, "application/pdf")], "%PDF-1.7") }),
        )
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(5)).await;
                html(PRODUCT)
            }),
        );
    let addr = common::serve(app).await;
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let urls: Vec<String> = [
        "/loop",
        "/meta-loop",
        "/hop/0",
        "/js",
        "/big",
        "/pdf",
        "/slow",
    ]
    .iter()
    .map(|p| format!("http://{addr}{p}"))
    .chain([format!("http://{closed}/gone")])
    .collect();
    let mut options = common::options(Vec::new());
    options.max_body_bytes = 1024 * 1024;
    options.timeout = Duration::from_millis(1500);
    let results = common::run(&common::campaign_of(&urls), options).await;
    let errors: Vec<String> = results
        .iter()
        .map(|r| r.error().unwrap_or_default().to_owned())
        .collect();
    assert!(
        results.iter().all(|r| r.verdict == Verdict::Error),
        "{errors:#?}"
    );
    let expect = [
        "redirect loop",
        "redirect loop",
        "more than 10 redirects",
        "the scheme \"javascript:\" is not http or https",
        "larger than the 1048576 byte cap",
        "not HTML but application/pdf",
        "no complete answer within 1.5 s",
        "could not connect to 127.0.0.1",
    ];
    for (error, want) in errors.iter().zip(expect) {
        assert!(error.contains(want), "{error:?} should say {want:?}");
    }
    assert_eq!(results[2].redirects().len(), 11);
}

fn html_owned(body: String) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/html")], body)
}

#[tokio::test]
async fn a_shared_landing_url_is_fetched_once_for_all_its_ads() {
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&hits);
    let app = Router::new().route(
        "/p",
        get(move || {
            counter.fetch_add(1, Ordering::SeqCst);
            async { html(PRODUCT) }
        }),
    );
    let addr = common::serve(app).await;
    let url = format!("http://{addr}/p");
    let results = common::run(
        &common::campaign_of(&[url.clone(), url.clone(), url]),
        common::options(Vec::new()),
    )
    .await;
    assert_eq!(results.len(), 3);
    assert_eq!(hits.load(Ordering::SeqCst), 1);
    assert!(results
        .iter()
        .all(|r| r.page_kind() == Some(landcheck::PageKind::Product)));
}

#[tokio::test]
async fn cookies_set_on_a_redirect_are_sent_on_the_next_hop() {
    let app = Router::new()
        .route(
            "/set",
            get(|| async {
                (
                    [(header::SET_COOKIE, "region=se; Path=/")],
                    Redirect::temporary("/check"),
                )
            }),
        )
        .route(
            "/check",
            get(|headers: axum::http::HeaderMap| async move {
                let has = headers
                    .get(header::COOKIE)
                    .is_some_and(|c| c.to_str().unwrap_or("").contains("region=se"));
                if has {
                    StatusCode::OK
                } else {
                    StatusCode::FORBIDDEN
                }
            }),
        );
    let addr = common::serve(app).await;
    let fetcher = Fetcher::new(common::options(Vec::new())).unwrap();
    let page = fetcher
        .fetch(&format!("http://{addr}/set").parse().unwrap())
        .await
        .unwrap();
    assert_eq!(page.status, 200);
}

#[tokio::test]
async fn time_queued_for_politeness_counts_neither_as_slowness_nor_against_the_deadline() {
    let app = Router::new().route("/p/{n}", get(|| async { html(PRODUCT) }));
    let addr = common::serve(app).await;
    let urls: Vec<String> = (0..8).map(|i| format!("http://{addr}/p/{i}")).collect();
    let mut options = common::options(Vec::new());
    // 8 ads at 5 a second take 1.4 s in the queue; each ad may take 1 s.
    options.host = landcheck::HostPolicy {
        per_host: 1,
        host_rate: Some(5.0),
    };
    options.ad_timeout = Duration::from_secs(1);
    let results = common::run(&common::campaign_of(&urls), options).await;
    for r in &results {
        assert_eq!(
            r.verdict,
            Verdict::Pass,
            "{}: {:?} {:?}",
            r.ad,
            r.error(),
            r.checks()
        );
        assert!(
            r.elapsed_ms() < 1000,
            "{} took {} ms of its own",
            r.ad,
            r.elapsed_ms()
        );
    }
}
