//! The library says what happened in the product's words; the command
//! line adds the flags that change it: after an audit for blocked pages,
//! and when `extract` runs into a fetch limit.

use axum::http::{header, StatusCode};
use axum::routing::get;
use axum::Router;

use crate::common;

/// Runs `landcheck` with `args` off the test's runtime, which keeps
/// serving pages meanwhile; its stderr.
async fn stderr_of(args: Vec<String>) -> String {
    let out = tokio::task::spawn_blocking(move || {
        assert_cmd::Command::cargo_bin("landcheck")
            .unwrap()
            .args(&args)
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[tokio::test]
async fn a_blocked_page_gets_the_flags_that_may_get_past_the_wall() {
    let app = Router::new().route(
        "/challenge",
        get(|| async {
            (
                StatusCode::FORBIDDEN,
                [(header::CONTENT_TYPE, "text/html")],
                "<html><head><title>Just a moment...</title></head><body>Enable JavaScript and cookies to continue</body></html>",
            )
        }),
    );
    let http = common::serve(app).await;
    let stderr = stderr_of(
        [
            "check",
            &format!("http://{http}/challenge"),
            "--name",
            "Trail Shoe",
            "--no-history",
            "--host-rate",
            "0",
            "--retries",
            "0",
        ]
        .map(String::from)
        .to_vec(),
    )
    .await;
    assert!(
        stderr.contains("hint: 1 ad was blocked by the shop's protection")
            && stderr.contains("--header NAME:VALUE")
            && stderr.contains("--device"),
        "{stderr}"
    );
}

#[tokio::test]
async fn a_page_over_the_cap_gets_the_flag_that_raises_it() {
    let app = Router::new().route(
        "/big",
        get(|| async {
            (
                [(header::CONTENT_TYPE, "text/html")],
                format!("<html><body>{}</body></html>", "x".repeat(4096)),
            )
        }),
    );
    let http = common::serve(app).await;
    let stderr = stderr_of(
        [
            "extract",
            &format!("http://{http}/big"),
            "--max-body",
            "1KiB",
            "--retries",
            "0",
        ]
        .map(String::from)
        .to_vec(),
    )
    .await;
    assert!(
        stderr.contains(
            "the page is larger than the 1024 byte cap on a page body; raise it with --max-body"
        ),
        "{stderr}"
    );
}
