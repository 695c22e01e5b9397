//! Reports that are never lost: a run cut by Ctrl-C or `kill -9` leaves the
//! previous report as it was and a `.partial` that `--resume` completes
//! without fetching again the ads it already holds.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::records::{ad_ids, all_ids, audit_jsonl, campaign, landcheck, records, run, shop};

#[tokio::test(flavor = "multi_thread")]
async fn resume_fetches_only_the_ads_the_partial_lacks() {
    let dir = tempfile::tempdir().unwrap();
    let (addr, hits) = shop(Duration::ZERO).await;
    let file = campaign(dir.path(), addr, 6);
    let full = dir.path().join("full.jsonl");
    let output = audit_jsonl(&file, &full).await;
    assert_eq!(output.status.code(), Some(0));
    // A partial report: the header, three whole ad lines and a torn one.
    let text = std::fs::read_to_string(&full).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let kept: Vec<&str> = lines[1..7]
        .iter()
        .copied()
        .filter(|l| {
            l.contains("\"ad\":\"ad0\"")
                || l.contains("\"ad\":\"ad2\"")
                || l.contains("\"ad\":\"ad4\"")
        })
        .collect();
    let torn = lines[1..7]
        .iter()
        .find(|l| l.contains("\"ad\":\"ad1\""))
        .unwrap();
    let partial = dir.path().join("out.jsonl.partial");
    std::fs::write(
        &partial,
        format!(
            "{}\n{}\n{}",
            lines[0],
            kept.join("\n"),
            &torn[..torn.len() / 2]
        ),
    )
    .unwrap();
    hits.lock().unwrap().clear();

    let output = run(&[
        "audit",
        file.to_str().unwrap(),
        "--resume",
        partial.to_str().unwrap(),
    ])
    .await;
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut asked = hits.lock().unwrap().clone();
    asked.sort();
    assert_eq!(
        asked,
        ["1", "3", "5"],
        "ads already in the partial are not fetched again"
    );
    assert!(!partial.exists());
    let done = records(&dir.path().join("out.jsonl"));
    assert_eq!(ad_ids(&done), all_ids(6), "every ad exactly once");
    assert_eq!(done.first().unwrap()["type"], "header");
    let summary = done.last().unwrap();
    assert_eq!(
        (
            summary["type"].as_str(),
            summary["resumed"].as_u64(),
            summary["pass"].as_u64()
        ),
        (Some("summary"), Some(3), Some(6))
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_run_killed_with_sigkill_leaves_the_old_report_and_a_partial_resume_completes() {
    let dir = tempfile::tempdir().unwrap();
    let (addr, hits) = shop(Duration::from_millis(150)).await;
    let file = campaign(dir.path(), addr, 20);
    let out = dir.path().join("out.jsonl");
    std::fs::write(&out, "last night's report\n").unwrap();
    let partial = dir.path().join("out.jsonl.partial");
    let mut child = landcheck(&[
        "audit",
        file.to_str().unwrap(),
        "--format",
        "jsonl",
        "--concurrency",
        "1",
        "-o",
        out.to_str().unwrap(),
    ])
    .stdout(Stdio::null())
    .stderr(Stdio::null())
    .spawn()
    .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::fs::read_to_string(&partial).map_or(0, |t| t.lines().count()) < 4 {
        assert!(Instant::now() < deadline, "no ad finished");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "last night's report\n"
    );
    let before = records(&partial);
    let first = ad_ids(&before);
    assert!(
        !first.is_empty() && first.len() < 20,
        "killed mid-run: {first:?}"
    );
    assert_ne!(before.last().unwrap()["type"], "summary");
    // A request the killed run sent may reach the shop a little later on a
    // loaded machine: let it land before counting the resumed run's.
    tokio::time::sleep(Duration::from_millis(300)).await;
    hits.lock().unwrap().clear();

    let output = run(&[
        "audit",
        file.to_str().unwrap(),
        "--resume",
        partial.to_str().unwrap(),
        "--concurrency",
        "4",
    ])
    .await;
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let asked = hits.lock().unwrap().clone();
    // Every ad the partial lacks is fetched, and none it holds; a late
    // request of the killed run can only repeat one it lacks.
    let unique: std::collections::BTreeSet<&String> = asked.iter().collect();
    assert_eq!(unique.len(), 20 - first.len(), "{asked:?}");
    assert!(
        first.iter().all(|id| !asked.contains(&id[2..].to_owned())),
        "{asked:?}"
    );
    let done = records(&out);
    assert_eq!(ad_ids(&done), all_ids(20));
    assert_eq!(
        done.last().unwrap()["resumed"].as_u64(),
        Some(first.len() as u64)
    );
    assert!(!partial.exists());
}

#[tokio::test(flavor = "multi_thread")]
async fn ctrl_c_leaves_a_summary_of_what_is_missing_and_resume_replaces_it() {
    let dir = tempfile::tempdir().unwrap();
    let (addr, hits) = shop(Duration::from_millis(150)).await;
    let file = campaign(dir.path(), addr, 12);
    let out = dir.path().join("out.jsonl");
    let partial = dir.path().join("out.jsonl.partial");
    let child = landcheck(&[
        "audit",
        file.to_str().unwrap(),
        "--concurrency",
        "1",
        "--format",
        "jsonl",
        "-o",
        out.to_str().unwrap(),
    ])
    .stdout(Stdio::null())
    .stderr(Stdio::piped())
    .spawn()
    .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::fs::read_to_string(&partial).map_or(0, |t| t.lines().count()) < 3 {
        assert!(Instant::now() < deadline, "no ad finished");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let output = tokio::task::spawn_blocking(move || child.wait_with_output().unwrap())
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(130));
    assert!(!out.exists());
    let before = records(&partial);
    let summary = before.last().unwrap();
    assert_eq!(
        (summary["type"].as_str(), summary["interrupted"].as_bool()),
        (Some("summary"), Some(true))
    );
    let audited = ad_ids(&before);
    let missing: Vec<String> = summary["not_audited"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(audited.len() + missing.len(), 12, "{audited:?} {missing:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("not audited: {}", missing.join(", "))),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("--resume {}", partial.display())),
        "{stderr}"
    );
    hits.lock().unwrap().clear();

    let output = run(&[
        "audit",
        file.to_str().unwrap(),
        "--resume",
        partial.to_str().unwrap(),
        "--concurrency",
        "4",
    ])
    .await;
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut asked: Vec<String> = hits
        .lock()
        .unwrap()
        .iter()
        .map(|n| format!("ad{n}"))
        .collect();
    asked.sort();
    let mut expected = missing.clone();
    expected.sort();
    assert_eq!(asked, expected, "only the missing ads are fetched");
    let done = records(&out);
    assert_eq!(ad_ids(&done), all_ids(12));
    let summaries: Vec<&serde_json::Value> =
        done.iter().filter(|r| r["type"] == "summary").collect();
    assert_eq!(
        summaries.len(),
        1,
        "the interrupted part's summary is replaced"
    );
    assert_eq!(
        (
            summaries[0]["interrupted"].as_bool(),
            summaries[0]["pass"].as_u64()
        ),
        (Some(false), Some(12))
    );
}
