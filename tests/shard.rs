//! Sharded audits put back together: `audit --shard K/N` on each of N
//! machines, then `merge`, must give the report one unsharded run gives.

use std::path::Path;

use assert_cmd::Command;
use landcheck::DemoShop;
use serde_json::Value;

/// Runs `landcheck audit` with `args` and the demo shop's hosts sent to
/// `shop`. No run history: each run's table must stand on its own.
async fn landcheck(shop: &DemoShop, args: &[&str]) -> std::process::Output {
    let mut full: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
    full.extend(["--host-rate".into(), "0".into(), "--no-history".into()]);
    for r in shop.resolves() {
        full.extend(["--resolve".into(), format!("{}={}", r.host, r.addr)]);
    }
    run(full).await
}

async fn run(args: Vec<String>) -> std::process::Output {
    tokio::task::spawn_blocking(move || {
        let mut cmd = Command::cargo_bin("landcheck").unwrap();
        cmd.env_remove("RUST_LOG").args(&args).output().unwrap()
    })
    .await
    .unwrap()
}

/// The ad lines of a JSON Lines report in file order, without what varies
/// from run to run: timings, and the reachable check's message that quotes
/// them.
fn ads(path: &Path) -> Vec<Value> {
    let mut ads: Vec<Value> = std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|l| l.get("type").is_none_or(|t| t == "ad"))
        .map(|mut ad| {
            let ad_map = ad.as_object_mut().unwrap();
            ad_map.remove("elapsed_ms");
            ad_map.remove("type");
            for check in ad_map["checks"].as_array_mut().unwrap() {
                if check["name"] == "reachable" {
                    check.as_object_mut().unwrap().remove("message");
                }
            }
            ad
        })
        .collect();
    ads.sort_by_key(|ad| ad["position"].as_u64());
    ads
}

/// Compares ad by ad, so a failure names the ad that differs.
fn assert_same_ads(merged: &[Value], whole: &[Value]) {
    assert_eq!(merged.len(), whole.len());
    for (m, w) in merged.iter().zip(whole) {
        assert_eq!(m, w, "ad {} differs", w["ad"]);
    }
}

/// The example campaign with one invalid ad entry added, written to `dir`.
fn campaign_with_an_invalid_ad(dir: &Path) -> String {
    let mut doc: Value =
        serde_json::from_str(&std::fs::read_to_string("campaigns.example.json").unwrap()).unwrap();
    let bad = serde_json::json!({"id": "bad-url", "url": "ftp://shop.example/x", "product": {"name": "Shoe"}});
    doc["campaigns"][1]["ads"].as_array_mut().unwrap().push(bad);
    let file = dir.join("campaigns.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    file.to_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn three_merged_shards_equal_one_unsharded_run() {
    let shop = DemoShop::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let campaigns = campaign_with_an_invalid_ad(dir.path());
    let at = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    let common = [
        "--skip-invalid-ads",
        "-q",
        "--format",
        "jsonl",
        "--fail-on",
        "never",
    ];

    let whole = at("whole.jsonl");
    let mut args = vec!["audit", &campaigns, "-o", &whole];
    args.extend(common);
    let out = landcheck(&shop, &args).await;
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let whole = ads(Path::new(&whole));
    assert_eq!(whole.len(), 17);

    let mut shard_files = Vec::new();
    let mut seen = 0;
    for k in 0..3 {
        let file = at(&format!("shard-{k}.jsonl"));
        let shard = format!("{k}/3");
        let mut args = vec!["audit", &campaigns, "--shard", &shard, "-o", &file];
        args.extend(common);
        let out = landcheck(&shop, &args).await;
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let part = ads(Path::new(&file));
        let header: Value = serde_json::from_str(
            std::fs::read_to_string(&file)
                .unwrap()
                .lines()
                .next()
                .unwrap(),
        )
        .unwrap();
        assert_eq!(header["options"]["shard"], shard.as_str());
        assert!(
            !part.is_empty(),
            "the fixtures' hosts spread over all 3 shards"
        );
        let hosts: Vec<&str> = part
            .iter()
            .filter_map(|a| a["url"].as_str()?.split('/').nth(2))
            .collect();
        for host in &hosts {
            assert_eq!(landcheck::Shard::of_host(host, 3), k, "{host} in shard {k}");
        }
        seen += part.len();
        shard_files.push(file);
    }
    assert_eq!(seen, whole.len(), "every ad in exactly one shard");

    let merge = |format: &str| {
        let merged = at(&format!("merged.{format}"));
        let mut args: Vec<String> = vec!["merge".into()];
        args.extend(shard_files.iter().rev().cloned());
        args.extend(
            ["--campaigns", &campaigns, "--format", format, "-o", &merged].map(String::from),
        );
        async move {
            let out = run(args).await;
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(0), "{stderr}");
            merged
        }
    };

    let merged = merge("jsonl").await;
    assert_same_ads(&ads(Path::new(&merged)), &whole);
    let text = std::fs::read_to_string(&merged).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["type"], "header");
    let closing = &lines[lines.len() - 1];
    assert_eq!(
        (closing["type"].as_str(), closing["ads"].as_u64()),
        (Some("summary"), Some(17))
    );

    // The merged table is the table of the unsharded run.
    let merged = std::fs::read_to_string(merge("table").await).unwrap();
    let table = at("whole.table");
    let mut args = vec!["audit", &campaigns, "-o", &table, "--format", "table"];
    args.extend(["--skip-invalid-ads", "-q", "--fail-on", "never"]);
    landcheck(&shop, &args).await;
    let table = std::fs::read_to_string(&table).unwrap();
    // The reachable check quotes the page's timing.
    let timing = regex::Regex::new(r"in \d+(\.\d+)? s at").unwrap();
    for (m, t) in merged.lines().zip(table.lines()) {
        assert_eq!(
            timing.replace(m, "in _ s at"),
            timing.replace(t, "in _ s at")
        );
    }
    assert_eq!(merged.lines().count(), table.lines().count());
}

#[tokio::test(flavor = "multi_thread")]
async fn merge_names_missing_and_repeated_ads_and_exits_two() {
    let shop = DemoShop::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let shard = dir.path().join("shard-1.jsonl");
    let shard = shard.to_str().unwrap();
    let args = [
        "audit",
        "campaigns.example.json",
        "--shard",
        "1/3",
        "-q",
        "--format",
        "jsonl",
        "-o",
        shard,
    ];
    landcheck(&shop, &args).await;
    let out = run([
        "merge",
        shard,
        shard,
        "--campaigns",
        "campaigns.example.json",
        "--format",
        "json",
    ]
    .map(String::from)
    .to_vec())
    .await;
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    // shop.example (11 ads) and fashion.example (1) are shard 1 of 3.
    assert!(
        stderr.contains("4 ads of campaigns.example.json in no report"),
        "{stderr}"
    );
    assert!(
        stderr.contains("campaign books-amazon, ad amazon-book-atomic-habits"),
        "{stderr}"
    );
    assert!(
        stderr.contains("12 ad lines repeat an ad already read"),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("repeats {shard}:")), "{stderr}");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["results"].as_array().unwrap().len(), 12);
    assert_eq!(doc["summary"]["not_audited"].as_array().unwrap().len(), 4);
    assert_eq!(doc["summary"]["ads"], 16);
}

#[tokio::test(flavor = "multi_thread")]
async fn resume_refuses_the_partial_report_of_another_shard() {
    let shop = DemoShop::start().await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("shard-1.jsonl");
    let report = report.to_str().unwrap();
    let args = ["audit", "campaigns.example.json", "--shard", "1/3", "-q"];
    landcheck(
        &shop,
        &[&args[..], &["--format", "jsonl", "-o", report]].concat(),
    )
    .await;
    // A run cut short after its header line.
    let header = std::fs::read_to_string(report).unwrap();
    let partial = format!("{report}.partial");
    std::fs::write(&partial, format!("{}\n", header.lines().next().unwrap())).unwrap();
    let other = ["audit", "campaigns.example.json", "--shard", "2/3", "-q"];
    let out = landcheck(
        &shop,
        &[&other[..], &["--format", "jsonl", "--resume", &partial]].concat(),
    )
    .await;
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("audited shard 1/3 of the campaign file, this run shard 2/3"),
        "{stderr}"
    );
}
