//! `--notify-webhook`: the summary reaches a local server as a Slack-style
//! `text` plus the full JSON, and a webhook that fails only warns.

use std::sync::{Arc, Mutex};

use assert_cmd::Command;
use axum::http::StatusCode;
use axum::routing::post;
use axum::Router;

use crate::common;

/// A webhook on 127.0.0.1 that records every body and answers `status`.
async fn webhook(status: StatusCode) -> (String, Arc<Mutex<Vec<serde_json::Value>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&seen);
    let app = Router::new().route(
        "/hooks/T000/SECRET",
        post(move |body: String| {
            record
                .lock()
                .unwrap()
                .push(serde_json::from_str(&body).unwrap_or(serde_json::Value::Null));
            async move { status }
        }),
    );
    let addr = common::serve(app).await;
    (format!("http://{addr}/hooks/T000/SECRET"), seen)
}

/// `landcheck demo --quiet --format FORMAT -o REPORT`, with a webhook when
/// one is given.
async fn demo_into(
    report: &std::path::Path,
    format: &str,
    webhook: Option<String>,
) -> std::process::Output {
    let mut args: Vec<String> = ["demo", "--quiet", "--format", format, "-o"]
        .map(str::to_owned)
        .to_vec();
    args.push(report.display().to_string());
    if let Some(url) = webhook {
        args.extend(["--notify-webhook".to_owned(), url]);
    }
    landcheck(args).await
}

/// Runs `run` without a webhook, then again with one, checks that the
/// second run tells of the same 9 failing ads and no new one, and returns
/// what the webhook got.
async fn rerun_finds_nothing_new<F, R>(run: F) -> serde_json::Value
where
    F: Fn(Option<String>) -> R,
    R: std::future::Future<Output = std::process::Output>,
{
    assert_eq!(run(None).await.status.code(), Some(0));
    let (url, seen) = webhook(StatusCode::OK).await;
    assert_eq!(run(Some(url)).await.status.code(), Some(0));
    let posted = seen.lock().unwrap()[0].clone();
    let text = posted["text"].as_str().unwrap();
    assert!(
        text.contains("\nNo newly failing ads since the previous run\n9 ads failing before still fail\nReport: "),
        "{text}"
    );
    posted
}

async fn landcheck(args: Vec<String>) -> std::process::Output {
    tokio::task::spawn_blocking(move || {
        Command::cargo_bin("landcheck")
            .unwrap()
            .args(&args)
            .output()
            .unwrap()
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_summary_is_posted_with_the_failing_ads_and_the_report_path() {
    let (url, seen) = webhook(StatusCode::OK).await;
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    let out = landcheck(vec![
        "demo".into(),
        "--quiet".into(),
        "--format".into(),
        "json".into(),
        "-o".into(),
        report.display().to_string(),
        "--notify-webhook".into(),
        url,
    ])
    .await;
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1, "posted once");
    let text = seen[0]["text"].as_str().unwrap();
    assert!(
        text.starts_with("landcheck: 16 ads audited in ")
            && text.contains(": 6 pass, 1 warn, 9 fail, 0 error\nFailing ads:\n• FAIL "),
        "{text}"
    );
    assert!(
        text.contains("• FAIL spring-running-fb/fb-shoe-mens-store: page_kind: ad promises a product page, found category page"),
        "{text}"
    );
    assert!(
        text.ends_with(&format!("\nReport: {}", report.display())),
        "{text}"
    );
    let full = &seen[0]["landcheck"];
    assert_eq!(full["counts"]["fail"], 9);
    assert_eq!(full["counts"]["pass"], 6);
    assert_eq!(full["counts"]["total"], 16);
    assert_eq!(full["report"], report.display().to_string());
    assert!(full["duration_ms"].as_u64().is_some());
    let failing = full["failing"].as_array().unwrap();
    assert_eq!(failing.len(), 9);
    for ad in failing {
        assert!(ad["campaign"].is_string() && ad["ad"].is_string());
        assert!(ad["url"].as_str().unwrap().starts_with("http"));
        assert!(!ad["checks"].as_array().unwrap().is_empty(), "{ad}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_failing_webhook_is_tried_twice_warns_and_keeps_the_exit_code() {
    let (url, seen) = webhook(StatusCode::INTERNAL_SERVER_ERROR).await;
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("campaign.json");
    let campaign = common::campaign_of(&[format!("http://{closed}/p")]);
    std::fs::write(&file, serde_json::to_string(&campaign).unwrap()).unwrap();
    let out = landcheck(vec![
        "audit".into(),
        file.display().to_string(),
        "-q".into(),
        "--notify-webhook".into(),
        url,
    ])
    .await;
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the ad's error decides: {stderr}"
    );
    assert_eq!(seen.lock().unwrap().len(), 2, "one retry");
    assert!(
        stderr.contains("warning: the webhook http://127.0.0.1/… was not notified: the server answered 500 Internal Server Error (tried twice)"),
        "{stderr}"
    );
    assert!(!stderr.contains("SECRET"), "the token stays out of logs");
    assert!(
        !stderr.contains("landcheck: 1 ads"),
        "--quiet: no summary line"
    );
    let text = seen.lock().unwrap()[0]["text"].as_str().unwrap().to_owned();
    assert!(
        text.contains("• ERROR c/ad0: reachable: could not connect to 127.0.0.1"),
        "{text}"
    );
    assert!(
        text.ends_with("Report: written to standard output"),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn with_last_nights_report_the_alert_names_only_the_newly_failing_ads() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("nightly.jsonl");
    let run = |webhook: Option<String>| demo_into(&report, "jsonl", webhook);
    assert_eq!(run(None).await.status.code(), Some(0));
    // Last night, one ad that fails tonight still passed.
    let last_night: Vec<String> = std::fs::read_to_string(&report)
        .unwrap()
        .lines()
        .map(|line| {
            if line.contains("\"ad\":\"fb-pegasus-wrong-product\"") {
                line.replace("\"verdict\":\"fail\"", "\"verdict\":\"pass\"")
            } else {
                line.to_owned()
            }
        })
        .collect();
    std::fs::write(&report, last_night.join("\n") + "\n").unwrap();

    let (url, seen) = webhook(StatusCode::OK).await;
    assert_eq!(run(Some(url)).await.status.code(), Some(0));
    let seen = seen.lock().unwrap();
    let text = seen[0]["text"].as_str().unwrap();
    assert!(
        text.contains("\n8 ads failing before still fail\nNewly failing ads:\n• FAIL spring-running-fb/fb-pegasus-wrong-product: identity: "),
        "{text}"
    );
    assert_eq!(text.matches("\n• ").count(), 1, "{text}");
    let full = &seen[0]["landcheck"];
    assert_eq!(full["previous_report"], report.display().to_string());
    assert_eq!(full["failing_total"], 9);
    assert_eq!(full["newly_failing"], 1);
    let new: Vec<&str> = full["failing"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|ad| ad["new"] == true)
        .map(|ad| ad["ad"].as_str().unwrap())
        .collect();
    assert_eq!(new, ["fb-pegasus-wrong-product"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn with_a_run_history_each_failing_ad_carries_its_mark() {
    let dir = tempfile::tempdir().unwrap();
    let history = dir.path().join("history.db");
    let run = |webhook: Option<String>| {
        let mut args: Vec<String> = ["demo", "--quiet", "--history"].map(str::to_owned).to_vec();
        args.push(history.display().to_string());
        if let Some(url) = webhook {
            args.extend(["--notify-webhook".to_owned(), url]);
        }
        landcheck(args)
    };
    let posted = rerun_finds_nothing_new(run).await;
    for ad in posted["landcheck"]["failing"].as_array().unwrap() {
        assert_eq!(ad["new"], false, "{ad}");
        let mark = ad["mark"].as_str().unwrap();
        assert!(
            mark.starts_with("still failing since ") && mark.ends_with(" (2 runs)"),
            "{mark}"
        );
    }
}

/// Last night's report in `--format json` (one document) is read too.
#[tokio::test(flavor = "multi_thread")]
async fn a_json_report_from_last_night_is_compared_with() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("nightly.json");
    let run = |webhook: Option<String>| demo_into(&report, "json", webhook);
    let posted = rerun_finds_nothing_new(run).await;
    assert_eq!(posted["landcheck"]["newly_failing"], 0);
}
