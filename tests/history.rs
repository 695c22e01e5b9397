//! The run history as a nightly job lives it: three audits of the same
//! campaign file while a landing page breaks and is mended between them,
//! each ad marked against the previous run, and `landcheck history`; and
//! the `--html` file written beside the main report.

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Arc;

use assert_cmd::Command;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use crate::common::serve;

const SHOE: &str = include_str!("../fixtures/pages/running-shoe.html");
const PRODUCT: &str = r#"{"name": "Nike Air Zoom Pegasus 40", "brand": "Nike", "price": {"amount": 129.99, "currency": "USD"}}"#;

/// The shop: `?ad=flip` is broken in phases 0 and 1 and mended in 2;
/// `?ad=late` breaks in phase 2; `?ad=steady` never breaks.
async fn shop(State(phase): State<Arc<AtomicU8>>, request: Request) -> Response {
    let phase = phase.load(Ordering::SeqCst);
    let broken = match request.uri().query().unwrap_or_default() {
        "ad=flip" => phase < 2,
        "ad=late" => phase == 2,
        _ => false,
    };
    if broken {
        (StatusCode::NOT_FOUND, Html("<h1>Not found</h1>")).into_response()
    } else {
        Html(SHOE).into_response()
    }
}

fn landcheck(args: &[&str]) -> std::process::Output {
    let mut cmd = Command::cargo_bin("landcheck").unwrap();
    cmd.env_remove("RUST_LOG").args(args).output().unwrap()
}

/// The table line of `ad`.
fn line<'a>(table: &'a str, ad: &str) -> &'a str {
    table
        .lines()
        .find(|l| l.split_whitespace().nth(1) == Some(ad))
        .unwrap_or_else(|| panic!("no row for {ad} in\n{table}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn three_runs_mark_new_still_failing_and_fixed() {
    let phase = Arc::new(AtomicU8::new(0));
    let addr = serve(axum::Router::new().fallback(shop).with_state(phase.clone())).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("campaigns.json");
    let ads: Vec<String> = ["flip", "steady", "late"]
        .iter()
        .map(|id| {
            format!(
                r#"{{"id": "{id}", "url": "http://shop.test/products/nike-air-zoom-pegasus-40?ad={id}", "product": {PRODUCT}}}"#
            )
        })
        .collect();
    std::fs::write(
        &file,
        format!(
            r#"{{"campaigns": [{{"id": "c", "name": "Night", "ads": [{}]}}]}}"#,
            ads.join(",")
        ),
    )
    .unwrap();
    let file = file.to_str().unwrap().to_owned();
    let resolve = format!("shop.test={addr}");
    let html = dir.path().join("report.html");
    let audit = |phase_now: u8, extra: &[&str]| {
        phase.store(phase_now, Ordering::SeqCst);
        let mut args = vec![
            "audit",
            &file,
            "-q",
            "--host-rate",
            "0",
            "--retries",
            "0",
            "--resolve",
            &resolve,
            "--html",
            html.to_str().unwrap(),
        ];
        args.extend(extra);
        // The shop runs on this runtime's other threads meanwhile.
        let out = tokio::task::block_in_place(|| landcheck(&args));
        assert!(
            out.status.code().is_some(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };

    let before = time_now_date();
    let first = audit(0, &[]);
    assert!(line(&first, "flip").starts_with("  FAIL"), "{first}");
    assert!(
        line(&first, "flip").contains("[new] reachable: HTTP 404"),
        "{first}"
    );
    assert!(!line(&first, "steady").contains('['), "{first}");
    assert!(
        first.contains("since the last run: 1 new, 0 still failing, 0 fixed"),
        "{first}"
    );
    assert!(
        dir.path().join(".landcheck/history.db").is_file(),
        "the history is kept next to the campaign file"
    );

    let second = audit(1, &[]);
    // The streak began with the first run (whose date is read around it,
    // in case the clock passes midnight UTC).
    let after = time_now_date();
    let today = [&before, &after]
        .into_iter()
        .find(|day| {
            line(&second, "flip").contains(&format!(
                "[still failing since {day} (2 runs)] reachable: HTTP 404"
            ))
        })
        .unwrap_or_else(|| panic!("flip is not still failing since {before}: {second}"))
        .clone();
    assert!(
        second.contains("0 new, 1 still failing, 0 fixed"),
        "{second}"
    );

    let third = audit(2, &[]);
    assert!(line(&third, "flip").starts_with("  PASS"), "{third}");
    assert!(line(&third, "flip").contains("[fixed]"), "{third}");
    assert!(line(&third, "late").contains("[new]"), "{third}");
    assert!(!line(&third, "steady").contains('['), "{third}");
    assert!(third.contains("1 new, 0 still failing, 1 fixed"), "{third}");

    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("id=\"count-new\">1<") && page.contains("id=\"count-fixed\">1<"));
    assert!(page.contains("id=\"ad-flip\" data-verdict=\"pass\""));
    assert!(page.contains("data-mark=\"fixed\" data-changed=\"1\""));

    // The JSON Lines summary lists the changes: `late` fails a second time.
    let fourth = audit(2, &["--format", "jsonl"]);
    let summary: serde_json::Value = serde_json::from_str(fourth.lines().last().unwrap()).unwrap();
    assert_eq!(summary["type"], "summary", "{fourth}");
    let changes = &summary["changes"];
    assert_eq!(changes["new"], serde_json::json!([]), "{summary}");
    assert_eq!(changes["fixed"], serde_json::json!([]), "{summary}");
    assert_eq!(
        changes["still_failing"],
        serde_json::json!([{"ad": "late", "since": after, "runs": 2}]),
        "{summary}"
    );
    // Each ad line carries its own mark as it streams.
    let ad_line = |id: &str| -> serde_json::Value {
        fourth
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
            .find(|v| v["type"] == "ad" && v["ad"] == id)
            .unwrap_or_else(|| panic!("no line for {id}: {fourth}"))
    };
    assert_eq!(
        ad_line("late")["change"],
        serde_json::json!({"mark": "still_failing", "since": after, "runs": 2})
    );
    assert_eq!(
        ad_line("flip")["change"],
        serde_json::json!({"mark": "unchanged"})
    );

    // A run without history leaves it as it was.
    let unrecorded = audit(2, &["--no-history"]);
    assert!(!unrecorded.contains("since the last run"), "{unrecorded}");

    let shown = landcheck(&["history", "flip", "--campaign-file", &file]);
    let text = String::from_utf8(shown.stdout).unwrap();
    assert!(
        shown.status.success(),
        "{}",
        String::from_utf8_lossy(&shown.stderr)
    );
    assert!(text.starts_with("flip: 4 runs in "), "{text}");
    let verdicts: Vec<&str> = text
        .lines()
        .skip(2)
        .filter_map(|l| l.split_whitespace().nth(2))
        .collect();
    assert_eq!(verdicts, ["FAIL", "FAIL", "PASS", "PASS"], "{text}");
    assert!(text.contains("reachable"), "{text}");
    assert!(text.contains(&today), "{text}");

    let unknown = landcheck(&["history", "nope", "--campaign-file", &file]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no result for an ad \"nope\""));
}

/// Today's date, UTC, as the marks print it.
fn time_now_date() -> String {
    time::OffsetDateTime::now_utc().date().to_string()
}

#[test]
fn a_default_history_that_cannot_be_kept_warns_but_a_named_one_stops_the_run() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("campaigns.json");
    std::fs::write(
        &file,
        format!(
            r#"{{"campaigns": [{{"id": "c", "name": "C", "ads": [{{"id": "a", "url": "http://{closed}/p", "product": {{"name": "Shoe"}}}}]}}]}}"#
        ),
    )
    .unwrap();
    // A file where the history folder should be.
    std::fs::write(dir.path().join(".landcheck"), "").unwrap();
    let file = file.to_str().unwrap();

    let out = landcheck(&["audit", file, "-q", "--retries", "0"]);
    assert_eq!(out.status.code(), Some(1), "the audit ran: its ad errored");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cannot create the history folder"),
        "{stderr}"
    );
    assert!(stderr.contains("auditing without history"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 ad: 0 pass"));

    let named = dir.path().join(".landcheck/history.db");
    let out = landcheck(&["audit", file, "-q", "--history", named.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("use another --history PATH"), "{stderr}");
    assert_eq!(stderr.matches("File exists").count(), 1, "{stderr}");
}

#[test]
fn the_html_report_may_not_overwrite_the_campaign_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("c.json");
    std::fs::copy("campaigns.example.json", &file).unwrap();
    let file = file.to_str().unwrap();
    let out = landcheck(&["audit", file, "--html", file, "--no-history", "-q"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--html") && stderr.contains("is the campaign file"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(file).unwrap(),
        std::fs::read_to_string("campaigns.example.json").unwrap()
    );
}
