//! Ctrl-C and SIGTERM during an audit: no new fetches, what finished is
//! written (JSON Lines stay valid line by line), the rest is counted as not
//! audited, and the exit code says which signal stopped the run.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use axum::http::header;
use axum::routing::get;
use axum::Router;

use crate::common;

const PRODUCT: &str = "<html><body><h1>Trail Shoe</h1><span class=\"price\">$10.00</span><button>Add to cart</button></body></html>";

/// A campaign of three fast ads and three whose server answers after 30 s.
async fn campaign(dir: &Path) -> std::path::PathBuf {
    let app = Router::new()
        .route(
            "/fast",
            get(|| async { ([(header::CONTENT_TYPE, "text/html")], PRODUCT) }),
        )
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(Duration::from_secs(30)).await;
                ([(header::CONTENT_TYPE, "text/html")], PRODUCT)
            }),
        );
    let addr = common::serve(app).await;
    let urls: Vec<String> = (0..3)
        .map(|i| format!("http://{addr}/fast?n={i}"))
        .chain((0..3).map(|i| format!("http://{addr}/slow?n={i}")))
        .collect();
    let file = dir.join("campaign.json");
    let text = serde_json::to_string(&common::campaign_of(&urls)).unwrap();
    std::fs::write(&file, text).unwrap();
    file
}

fn spawn(args: &[&str]) -> Child {
    Command::new(assert_cmd::cargo::cargo_bin!("landcheck"))
        .args(args)
        .args(["--host-rate", "0", "-q"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn signal(child: &Child, name: &str) {
    let status = Command::new("kill")
        .args([&format!("-{name}"), &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// Waits for the child, killing it (and failing) if it does not stop.
fn wait(mut child: Child) -> std::process::Output {
    let deadline = Instant::now() + Duration::from_secs(15);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("landcheck did not stop after the signal");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn ctrl_c_keeps_finished_json_lines_and_exits_130() {
    let dir = tempfile::tempdir().unwrap();
    let file = campaign(dir.path()).await;
    let out = dir.path().join("out.jsonl");
    let child = spawn(&[
        "audit",
        file.to_str().unwrap(),
        "--format",
        "jsonl",
        "-o",
        out.to_str().unwrap(),
    ]);
    let partial = dir.path().join("out.jsonl.partial");
    let deadline = Instant::now() + Duration::from_secs(15);
    while std::fs::read_to_string(&partial).map_or(0, |t| t.lines().count()) < 4 {
        assert!(Instant::now() < deadline, "the fast ads never finished");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    signal(&child, "INT");
    let output = tokio::task::spawn_blocking(move || wait(child))
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(130));
    assert!(!out.exists(), "an interrupted run leaves only the .partial");
    let text = std::fs::read_to_string(&partial).unwrap();
    let summary: serde_json::Value = serde_json::from_str(text.lines().last().unwrap()).unwrap();
    assert_eq!(summary["type"], "summary");
    assert_eq!(summary["interrupted"], true);
    assert_eq!(
        summary["not_audited"],
        serde_json::json!(["ad3", "ad4", "ad5"])
    );
    let ads: Vec<String> = text
        .lines()
        .filter(|l| l.contains("\"type\":\"ad\""))
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["ad"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(ads.len(), 3, "{text}");
    assert!(
        ads.iter()
            .all(|a| ["ad0", "ad1", "ad2"].contains(&a.as_str())),
        "{ads:?}"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("interrupted (exit 130); 3 ads audited, 3 not audited"),
        "{stderr}"
    );
    assert!(stderr.contains("not audited: ad3, ad4, ad5"), "{stderr}");
    assert!(stderr.contains("--resume "), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn sigterm_prints_the_table_so_far_and_exits_143() {
    let dir = tempfile::tempdir().unwrap();
    let file = campaign(dir.path()).await;
    let child = spawn(&["audit", file.to_str().unwrap()]);
    tokio::time::sleep(Duration::from_millis(500)).await;
    signal(&child, "TERM");
    let output = tokio::task::spawn_blocking(move || wait(child))
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(143));
    let table = String::from_utf8_lossy(&output.stdout);
    let summary = table.lines().last().unwrap_or_default();
    let audited: usize = summary.split(' ').next().unwrap().parse().unwrap();
    assert!(audited <= 3, "the slow ads cannot have finished: {table}");
    assert!(
        summary.ends_with(&format!("interrupted: {} ads not audited", 6 - audited)),
        "{table}"
    );
}
