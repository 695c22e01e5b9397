//! `landcheck diff OLD NEW`: what newly fails, what got fixed and what
//! fails for another reason, with exit codes 0, 1 and 2.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn ad(id: &str, verdict: &str, failing: &[&str]) -> String {
    let checks: Vec<serde_json::Value> = failing
        .iter()
        .map(
            |n| serde_json::json!({"name": n, "outcome": "fail", "message": format!("{n} is off")}),
        )
        .collect();
    serde_json::json!({"type": "ad", "position": 0, "campaign": "c", "ad": id, "url": "http://shop.example/", "verdict": verdict, "checks": checks, "future_field": 1}).to_string()
}

fn report(dir: &Path, name: &str, ads: &[String]) -> PathBuf {
    let path = dir.join(name);
    let header = r#"{"type":"header","schema_version":1,"tool":"landcheck","tool_version":"0.1.0","started_at":"2026-12-01T00:00:00Z","campaign_file":"c.json","campaign_sha256":null,"options":{}}"#;
    let summary = r#"{"type":"summary","ads":3}"#;
    std::fs::write(&path, format!("{header}\n{}\n{summary}\n", ads.join("\n"))).unwrap();
    path
}

fn diff(args: &[&Path], extra: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("landcheck")
        .unwrap()
        .arg("diff")
        .args(args)
        .args(extra)
        .assert()
}

#[test]
fn lists_newly_failing_fixed_and_changed_reason_with_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let old = report(
        dir.path(),
        "old.jsonl",
        &[
            ad("a", "pass", &[]),
            ad("b", "fail", &["price"]),
            ad("c", "fail", &["price"]),
        ],
    );
    let new = report(
        dir.path(),
        "new.jsonl",
        &[
            ad("a", "fail", &["identity"]),
            ad("b", "pass", &[]),
            ad("c", "error", &["reachable"]),
        ],
    );
    diff(&[&old, &new], &[])
        .code(1)
        .stdout(predicate::str::contains(
            "Newly failing (1):\n  c/a  fail (was pass): identity: identity is off",
        ))
        .stdout(predicate::str::contains(
            "Fixed (1):\n  c/b  pass (was fail: price)",
        ))
        .stdout(predicate::str::contains(
            "Changed reason (1):\n  c/c  error (was fail: price): reachable: reachable is off",
        ))
        .stdout(predicate::str::contains(
            "1 newly failing, 1 fixed, 1 changed reason, 0 unchanged",
        ));
    let out = diff(&[&new, &old], &["--format", "json"])
        .code(1)
        .get_output()
        .stdout
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(doc["diff"]["newly_failing"][0]["ad"], "b");
    assert_eq!(doc["diff"]["fixed"][0]["ad"], "a");
    assert_eq!(
        doc["diff"]["changed_reason"][0]["new_failing"],
        serde_json::json!(["price"])
    );
    let doc = dir.path().join("old.json");
    let results: Vec<serde_json::Value> = [
        ad("a", "pass", &[]),
        ad("b", "fail", &["price"]),
        ad("c", "fail", &["price"]),
    ]
    .iter()
    .map(|l| serde_json::from_str(l).unwrap())
    .collect();
    std::fs::write(
        &doc,
        serde_json::json!({"schema_version": 1, "results": results}).to_string(),
    )
    .unwrap();
    diff(&[&doc, &new], &[])
        .code(1)
        .stdout(predicate::str::contains(
            "1 newly failing, 1 fixed, 1 changed reason",
        ));
    diff(&[&old, &old], &[])
        .code(0)
        .stdout(predicate::str::contains(
            "0 newly failing, 0 fixed, 0 changed reason, 3 unchanged",
        ));
}

#[test]
fn bad_input_exits_two_with_the_place() {
    let dir = tempfile::tempdir().unwrap();
    let good = report(dir.path(), "good.jsonl", &[ad("a", "pass", &[])]);
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(&bad, "{\"type\":\"header\"}\nnot json\n{}\n").unwrap();
    diff(&[&good, &bad], &[])
        .code(2)
        .stderr(predicate::str::contains("bad.jsonl:2: not a JSON line"));
    diff(&[&good, &dir.path().join("missing.jsonl")], &[])
        .code(2)
        .stderr(predicate::str::contains("cannot read the report"));
}
