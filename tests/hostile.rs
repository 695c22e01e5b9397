//! Servers that misbehave on purpose, one per way the web goes wrong at
//! night. Each must end in a clear per-ad row, never a hang, a panic or a
//! lost ad. Every server listens on 127.0.0.1 and is bounded in bytes and
//! time; addresses outside this machine are refused before any connection.

use std::convert::Infallible;
use std::io::Write as _;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use futures::stream;
use landcheck::{AdResult, FetchOptions, Verdict};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::common;

const PRODUCT: &str = r#"<html><head><title>Trail Shoe</title></head><body><h1>Trail Shoe</h1>
<span class="price">$10.00</span><button>Add to cart</button></body></html>"#;

/// Longest any hostile server keeps a connection open.
const SERVER_LIMIT: Duration = Duration::from_secs(8);

/// A raw TCP server: `handler` gets each connection, for at most SERVER_LIMIT.
async fn raw<F, Fut>(handler: F) -> SocketAddr
where
    F: Fn(TcpStream) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let _ = tokio::time::timeout(SERVER_LIMIT, handler(stream)).await;
        }
    });
    addr
}

async fn read_request(stream: &mut TcpStream) {
    let mut buf = [0u8; 4096];
    let mut seen = Vec::new();
    while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => seen.extend_from_slice(&buf[..n]),
        }
    }
}

fn html_body(body: Body) -> Response {
    Response::builder()
        .header(header::CONTENT_TYPE, "text/html")
        .body(body)
        .unwrap()
}

/// A body of `chunks` pieces of `size` bytes, one every `every`.
fn dripping(chunks: usize, size: usize, every: Duration) -> Body {
    Body::from_stream(stream::unfold(0, move |i| async move {
        if i == chunks {
            return None;
        }
        tokio::time::sleep(every).await;
        Some((Ok::<_, Infallible>(Bytes::from(vec![b'x'; size])), i + 1))
    }))
}

fn gzip_bomb() -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![b' '; 1024 * 1024];
    for _ in 0..50 {
        encoder.write_all(&zeros).unwrap();
    }
    encoder.finish().unwrap()
}

fn options() -> FetchOptions {
    FetchOptions {
        timeout: Duration::from_millis(1500),
        max_body_bytes: 1024 * 1024,
        ..common::options(Vec::new())
    }
}

fn error_of(result: &AdResult) -> String {
    result.error().unwrap_or_default().to_owned()
}

/// The misbehaving HTTP-level server, one route per case.
async fn hostile_http() -> SocketAddr {
    let bomb = Arc::new(gzip_bomb());
    let flaps = Arc::new(AtomicUsize::new(0));
    let limited = Arc::new(AtomicUsize::new(0));
    let latin1 = encoding_rs::WINDOWS_1252
        .encode("<html><body><h1>Fjällräven Kånken ryggsäck</h1><p>Pris 1 099,00 kr</p><button>Lägg i varukorg</button></body></html>")
        .0
        .into_owned();
    let app = Router::new()
        .route("/drip", get(|| async { html_body(dripping(10, 1, Duration::from_secs(1))) }))
        .route("/endless", get(|| async { html_body(dripping(512, 64 * 1024, Duration::ZERO)) }))
        .route("/over-cap-length", get(|| async { ([(header::CONTENT_TYPE, "text/html")], vec![b'x'; 2 * 1024 * 1024]) }))
        .route("/fifty-mb-line", get(|| async { html_body(dripping(50, 1024 * 1024, Duration::ZERO)) }))
        .route(
            "/bomb",
            get(move || {
                let bomb = Arc::clone(&bomb);
                async move { ([(header::CONTENT_TYPE, "text/html"), (header::CONTENT_ENCODING, "gzip")], bomb.to_vec()) }
            }),
        )
        .route("/metadata", get(|| async { Redirect::temporary("http://169.254.169.254/latest/meta-data/") }))
        .route("/ten", get(|| async { Redirect::temporary("http://10.0.0.1/admin") }))
        .route("/home-router", get(|| async { Redirect::temporary("http://192.168.1.1/") }))
        .route("/image", get(|| async { ([(header::CONTENT_TYPE, "image/png")], vec![0x89, b'P', b'N', b'G']) }))
        .route("/latin1", get(move || { let body = latin1.clone(); async move { ([(header::CONTENT_TYPE, "text/html")], body) } }))
        .route("/bad-utf8", get(|| async { ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], b"<h1>Trail \xff\xfe Shoe</h1>".to_vec()) }))
        .route("/deep", get(|| async { html_body(Body::from(format!("<html><body>{}<h1>Deep</h1>", "<div>".repeat(100_000)))) }))
        .route(
            "/huge-json-ld",
            get(|| async {
                let deep = format!("{}{}", "[".repeat(50_000), "]".repeat(50_000));
                let long = format!(r#"{{"@type":"Product","name":"{}"}}"#, "a".repeat(20 * 1024 * 1024));
                let page = format!(
                    r#"<html><head><script type="application/ld+json">{deep}</script><script type="application/ld+json">{{"@type":"Product","name":</script><script type="application/ld+json">{long}</script></head><body><h1>Huge</h1></body></html>"#
                );
                html_body(Body::from(page))
            }),
        )
        .route(
            "/limited",
            get(move || {
                let n = limited.fetch_add(1, Ordering::SeqCst);
                async move {
                    if n == 0 {
                        (StatusCode::TOO_MANY_REQUESTS, [(header::RETRY_AFTER, "1")], "slow down").into_response()
                    } else {
                        ([(header::CONTENT_TYPE, "text/html")], PRODUCT).into_response()
                    }
                }
            }),
        )
        .route(
            "/flapping",
            get(move || {
                let n = flaps.fetch_add(1, Ordering::SeqCst);
                async move {
                    if n < 2 {
                        StatusCode::SERVICE_UNAVAILABLE.into_response()
                    } else {
                        ([(header::CONTENT_TYPE, "text/html")], PRODUCT).into_response()
                    }
                }
            }),
        )
        .route("/forbidden", get(|| async { (StatusCode::FORBIDDEN, "no") }))
        .route("/good", get(|| async { ([(header::CONTENT_TYPE, "text/html")], PRODUCT) }));
    common::serve(app).await
}

/// Servers that misbehave below HTTP: silence, resets, a non-TLS port.
async fn hostile_tcp() -> (SocketAddr, SocketAddr, SocketAddr) {
    let silent = raw(|mut s| async move {
        read_request(&mut s).await;
        tokio::time::sleep(SERVER_LIMIT).await;
    })
    .await;
    let reset = raw(|mut s| async move {
        read_request(&mut s).await;
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n";
        let _ = s.write_all(head.as_bytes()).await;
        let _ = s.write_all(&[b'x'; 1000]).await;
        let _ = s.flush().await;
        tokio::time::sleep(Duration::from_millis(50)).await;
        // SO_LINGER 0 makes the close a reset; it cannot block with a zero linger.
        #[allow(deprecated)]
        let _ = s.set_linger(Some(Duration::ZERO));
    })
    .await;
    let not_tls = raw(|s| async move { drop(s) }).await;
    (silent, reset, not_tls)
}

#[tokio::test]
async fn every_hostile_case_is_one_clear_row_and_good_ads_still_pass() {
    let http = hostile_http().await;
    let (silent, reset, not_tls) = hostile_tcp().await;
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let h = |path: &str| format!("http://{http}{path}");
    // (URL, what the row must say; "" for a good ad)
    let cases: Vec<(String, &str)> = vec![
        (h("/good"), ""),
        (
            format!("http://{silent}/"),
            "no complete answer within 1.5 s",
        ),
        (h("/drip"), "no complete answer within 1.5 s"),
        (h("/endless"), "larger than the 1048576 byte cap"),
        (h("/over-cap-length"), "larger than the 1048576 byte cap"),
        (h("/fifty-mb-line"), "larger than the 1048576 byte cap"),
        (h("/bomb"), "larger than the 1048576 byte cap"),
        (format!("http://{reset}/"), "the request to"),
        (h("/metadata"), "169.254.169.254 is an internal address"),
        (h("/ten"), "10.0.0.1 is an internal address"),
        (h("/home-router"), "192.168.1.1 is an internal address"),
        (h("/image"), "not HTML but image/png"),
        (format!("https://{not_tls}/"), "secure connection (TLS)"),
        (format!("http://{closed}/"), "could not connect"),
        (
            "http://shop.invalid/p".to_owned(),
            "could not be found (DNS)",
        ),
        (h("/good"), ""),
    ];
    let urls: Vec<String> = cases.iter().map(|(u, _)| u.clone()).collect();
    let campaigns = common::campaign_of(&urls);
    let results = common::run(&campaigns, options()).await;

    assert_eq!(results.len(), cases.len(), "every ad appears");
    let ids: Vec<&str> = results.iter().map(|r| r.ad.as_str()).collect();
    let expected_ids: Vec<String> = (0..cases.len()).map(|i| format!("ad{i}")).collect();
    assert_eq!(ids, expected_ids, "every ad appears exactly once, in order");
    for (result, (url, says)) in results.iter().zip(&cases) {
        if says.is_empty() {
            assert_eq!(
                result.verdict,
                Verdict::Pass,
                "{url}: {:#?}",
                result.checks()
            );
        } else {
            assert_eq!(
                result.verdict,
                Verdict::Error,
                "{url}: {:#?}",
                result.checks()
            );
            assert!(
                error_of(result).contains(says),
                "{url}: {:?} should say {says:?}",
                error_of(result)
            );
        }
    }
}

#[tokio::test]
async fn retry_after_and_flapping_servers_succeed_on_retry_but_403_is_final() {
    let http = hostile_http().await;
    let urls = ["/limited", "/flapping", "/forbidden"].map(|p| format!("http://{http}{p}"));
    let options = FetchOptions {
        retries: 2,
        ..options()
    };
    let results = common::run(&common::campaign_of(&urls), options).await;
    for r in &results[..2] {
        assert_eq!(r.status(), Some(200), "{}: {:?}", r.url, r.error());
        let reachable = &r.checks()[0].message;
        assert!(reachable.contains("retr"), "{reachable}");
    }
    assert_eq!(results[2].status(), Some(403));
    assert!(
        results[2].checks()[0].message.starts_with("HTTP 403"),
        "{}",
        results[2].checks()[0].message
    );
    assert!(!results[2].checks()[0].message.contains("retr"));
}

#[tokio::test]
async fn legacy_charsets_bad_bytes_deep_markup_and_huge_json_ld_are_read() {
    let http = hostile_http().await;
    let urls =
        ["/latin1", "/bad-utf8", "/deep", "/huge-json-ld"].map(|p| format!("http://{http}{p}"));
    let options = FetchOptions {
        max_body_bytes: 32 * 1024 * 1024,
        ..options()
    };
    let results = common::run(&common::campaign_of(&urls), options).await;
    assert!(
        results.iter().all(|r| r.error().is_none()),
        "{:#?}",
        results.iter().map(|r| r.error()).collect::<Vec<_>>()
    );
    let facts: Vec<_> = results.iter().map(|r| r.facts().unwrap()).collect();
    assert_eq!(facts[0].h1.as_deref(), Some("Fjällräven Kånken ryggsäck"));
    assert_eq!(
        facts[0].add_to_cart.as_ref().unwrap().value,
        "Lägg i varukorg"
    );
    assert_eq!(facts[1].h1.as_deref(), Some("Trail \u{fffd}\u{fffd} Shoe"));
    assert!(facts[2]
        .truncated
        .as_deref()
        .unwrap()
        .contains("nests more than 1000 elements"));
    let name = &facts[3].product.name.as_ref().unwrap().value;
    assert!(
        name.chars().count() <= 1000,
        "long values are clipped: {}",
        name.len()
    );
}

#[tokio::test]
async fn a_host_that_keeps_refusing_is_marked_down() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let urls: Vec<String> = (0..8).map(|i| format!("http://{closed}/p{i}")).collect();
    let mut options = options();
    options.host.per_host = 1;
    let results = common::run(&common::campaign_of(&urls), options).await;
    let down = results
        .iter()
        .filter(|r| error_of(r).starts_with("host unreachable"))
        .count();
    let refused = results
        .iter()
        .filter(|r| error_of(r).contains("could not connect"))
        .count();
    assert_eq!(
        (refused, down),
        (5, 3),
        "{:#?}",
        results.iter().map(error_of).collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn the_ad_deadline_bounds_retries() {
    let silent = raw(|mut s| async move {
        read_request(&mut s).await;
        tokio::time::sleep(SERVER_LIMIT).await;
    })
    .await;
    let options = FetchOptions {
        timeout: Duration::from_secs(1),
        retries: 5,
        ad_timeout: Duration::from_millis(1800),
        ..options()
    };
    let results = common::run(
        &common::campaign_of(&[format!("http://{silent}/")]),
        options,
    )
    .await;
    assert!(
        error_of(&results[0]).contains("gave up after 1.8 s for this ad"),
        "{}",
        error_of(&results[0])
    );
}

#[tokio::test]
async fn private_network_redirects_follow_only_when_allowed() {
    let target = common::serve(Router::new().route(
        "/p",
        get(|| async { ([(header::CONTENT_TYPE, "text/html")], PRODUCT) }),
    ))
    .await;
    let to_localhost = format!("http://localhost:{}/p", target.port());
    let app = Router::new().route(
        "/go",
        get(move || {
            let to = to_localhost.clone();
            async move { Redirect::temporary(&to) }
        }),
    );
    let start = common::serve(app).await;
    let urls = [format!("http://{start}/go")];

    let refused = common::run(&common::campaign_of(&urls), options()).await;
    assert!(
        error_of(&refused[0]).contains("localhost resolves to the internal address"),
        "{}",
        error_of(&refused[0])
    );

    let allowed = common::run(
        &common::campaign_of(&urls),
        FetchOptions {
            allow_private_network: true,
            ..options()
        },
    )
    .await;
    assert_eq!(
        allowed[0].verdict,
        Verdict::Pass,
        "{:?}",
        allowed[0].error()
    );
}
