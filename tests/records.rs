//! The run record as a user gets it: the JSON Lines header and summary,
//! `-o` that refuses the campaign file, the summary line on stderr, and the
//! CSV and JUnit formats. Also the local shop the resume tests share.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::header;
use axum::http::Uri;
use axum::routing::get;
use axum::Router;
use sha2::{Digest, Sha256};

use crate::common;

/// Which `n` each request asked for.
pub(crate) type Hits = Arc<Mutex<Vec<String>>>;

/// A shop whose `/p?n=N` pages each take `delay` to answer, counting hits.
pub(crate) async fn shop(delay: Duration) -> (std::net::SocketAddr, Hits) {
    let hits: Hits = Arc::default();
    let app = Router::new()
        .route(
            "/p",
            get(
                move |State(hits): State<Hits>, uri: Uri| async move {
                    let n = uri.query().unwrap_or_default().trim_start_matches("n=").to_owned();
                    hits.lock().unwrap().push(n.clone());
                    tokio::time::sleep(delay).await;
                    let name = format!("Trail Shoe {n}");
                    (
                        [(header::CONTENT_TYPE, "text/html")],
                        format!("<html><body><h1>{name}</h1><span class=\"price\">$10.00</span><button>Add to cart</button></body></html>"),
                    )
                },
            ),
        )
        .with_state(hits.clone());
    (common::serve(app).await, hits)
}

/// A campaign file of `n` ads on `addr`, ids `ad0`...
pub(crate) fn campaign(dir: &Path, addr: std::net::SocketAddr, n: usize) -> PathBuf {
    let urls: Vec<String> = (0..n).map(|i| format!("http://{addr}/p?n={i}")).collect();
    campaign_at(dir, &urls)
}

/// A campaign file of one ad per URL of `urls`, ids `ad0`...
pub(crate) fn campaign_at(dir: &Path, urls: &[String]) -> PathBuf {
    let file = dir.join("campaign.json");
    std::fs::write(
        &file,
        serde_json::to_string(&common::campaign_of(urls)).unwrap(),
    )
    .unwrap();
    file
}

/// `landcheck audit FILE --format jsonl -o OUT`, run to its end.
pub(crate) async fn audit_jsonl(file: &Path, out: &Path) -> std::process::Output {
    run(&[
        "audit",
        file.to_str().unwrap(),
        "--format",
        "jsonl",
        "-o",
        out.to_str().unwrap(),
    ])
    .await
}

pub(crate) fn landcheck(args: &[&str]) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("landcheck"));
    cmd.args(args);
    // The demo's local shop needs no politeness, and demo takes no fetch options.
    if args.first() != Some(&"demo") {
        cmd.args(["--host-rate", "0"]);
    }
    cmd.arg("-q").env_remove("RUST_LOG").stdin(Stdio::null());
    cmd
}

pub(crate) async fn run(args: &[&str]) -> std::process::Output {
    let mut cmd = landcheck(args);
    tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap()
}

pub(crate) fn records(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

pub(crate) fn ad_ids(records: &[serde_json::Value]) -> Vec<String> {
    let mut ids: Vec<String> = records
        .iter()
        .filter(|r| r["type"] == "ad")
        .map(|r| r["ad"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids
}

pub(crate) fn all_ids(n: usize) -> Vec<String> {
    let mut ids: Vec<String> = (0..n).map(|i| format!("ad{i}")).collect();
    ids.sort();
    ids
}

#[tokio::test(flavor = "multi_thread")]
async fn jsonl_is_a_run_record_with_header_and_summary() {
    let dir = tempfile::tempdir().unwrap();
    let (addr, _) = shop(Duration::ZERO).await;
    let file = campaign(dir.path(), addr, 3);
    let out = dir.path().join("out.jsonl");
    let output = audit_jsonl(&file, &out).await;
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!dir.path().join("out.jsonl.partial").exists());
    let lines = records(&out);
    assert_eq!(lines.len(), 5);
    let head = &lines[0];
    assert_eq!(head["type"], "header");
    assert_eq!(head["schema_version"], 1);
    assert_eq!(head["tool_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(head["campaign_file"], file.to_str().unwrap());
    let sha: String = Sha256::digest(std::fs::read(&file).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(head["campaign_sha256"], sha);
    assert_eq!(head["options"]["format"], "jsonl");
    let started = head["started_at"].as_str().unwrap();
    assert!(
        started.len() == 20 && started.ends_with('Z') && started.as_bytes()[10] == b'T',
        "{started}"
    );
    let ad = &lines[1];
    assert_eq!(ad["type"], "ad");
    assert_eq!(ad["facts"]["name"]["source"], "html");
    assert_eq!(ad["facts"]["price"]["value"], 10.0);
    assert!(ad["checks"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["outcome"].is_string()));
    let summary = &lines[4];
    assert_eq!(summary["type"], "summary");
    assert_eq!(
        (summary["ads"].as_u64(), summary["pass"].as_u64()),
        (Some(3), Some(3))
    );
    assert_eq!(summary["not_audited"], serde_json::json!([]));
    assert!(summary["duration_ms"].is_u64());
}

#[tokio::test(flavor = "multi_thread")]
async fn ads_sharing_a_landing_page_share_one_fetch_and_the_summary_counts_pages() {
    let dir = tempfile::tempdir().unwrap();
    let (addr, hits) = shop(Duration::ZERO).await;
    let urls: Vec<String> = (0..5)
        .map(|i| format!("http://{addr}/p?n={}", i % 2))
        .collect();
    let file = campaign_at(dir.path(), &urls);
    let out = dir.path().join("out.jsonl");
    let output = audit_jsonl(&file, &out).await;
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let lines = records(&out);
    let summary = lines.last().unwrap();
    assert_eq!(summary["ads"], 5);
    assert_eq!(summary["pages_fetched"], 2);
    assert_eq!(hits.lock().unwrap().len(), 2);
}

#[test]
fn output_naming_the_campaign_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ads.json");
    let text = r#"{"campaigns": [{"id": "c", "name": "C", "ads": [{"id": "a", "url": "http://127.0.0.1:9/p", "product": {"name": "Shoe"}}]}]}"#;
    std::fs::write(&file, text).unwrap();
    let other_name = dir.path().join(".").join("ads.json");
    let output = landcheck(&[
        "audit",
        file.to_str().unwrap(),
        "-o",
        other_name.to_str().unwrap(),
    ])
    .output()
    .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("is the campaign file"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
}

#[test]
fn quiet_silences_the_banner_and_the_summary_line() {
    let quiet = landcheck(&["demo"]).output().unwrap();
    assert!(quiet.status.success());
    assert_eq!(String::from_utf8_lossy(&quiet.stderr), "");
    let loud = Command::new(assert_cmd::cargo::cargo_bin!("landcheck"))
        .args(["demo", "--format", "csv"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&loud.stderr);
    assert!(stderr.contains("landcheck demo: a local shop"), "{stderr}");
    assert!(
        stderr
            .lines()
            .last()
            .unwrap()
            .starts_with("landcheck: 16 ads: 6 pass, 1 warn, 9 fail, 0 error in "),
        "{stderr}"
    );
    assert!(stderr.contains("; 16 pages fetched"), "{stderr}");
    let mut csv = csv::Reader::from_reader(loud.stdout.as_slice());
    assert_eq!(&csv.headers().unwrap()[3], "failing checks");
    let rows: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 16);
    let wrong = rows
        .iter()
        .find(|r| &r[1] == "fb-pegasus-wrong-product")
        .unwrap();
    assert_eq!(
        (&wrong[2], &wrong[3], &wrong[10], &wrong[11]),
        (
            "fail",
            "identity; price",
            "Nike Air Zoom Pegasus 40",
            "Nike Air Max 90"
        )
    );
}

#[test]
fn junit_of_the_demo_is_well_formed_with_a_case_per_ad() {
    let output = landcheck(&["demo", "--format", "junit"]).output().unwrap();
    assert!(output.status.success());
    let mut reader = quick_xml::Reader::from_reader(output.stdout.as_slice());
    let (mut cases, mut failures, mut buf) = (0, 0, Vec::new());
    loop {
        match reader.read_event_into(&mut buf).unwrap() {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                match e.name().as_ref() {
                    b"testcase" => cases += 1,
                    b"failure" => failures += 1,
                    _ => {}
                }
            }
            _ => {}
        }
        buf.clear();
    }
    assert_eq!((cases, failures), (16, 10));
}
