//! The `landcheck` binary as a user runs it: exit codes, the table, the
//! JSON Lines output and the messages for broken campaign files.

use assert_cmd::Command;
use landcheck::DemoShop;
use predicates::prelude::*;

fn landcheck() -> Command {
    let mut cmd = Command::cargo_bin("landcheck").unwrap();
    cmd.env_remove("RUST_LOG");
    cmd
}

/// Runs `landcheck` with the demo shop's hosts resolved to a local shop.
async fn with_shop(args: &[&str]) -> std::process::Output {
    let shop = DemoShop::start().await.unwrap();
    let mut full: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
    // No history: these runs must leave nothing behind in the repository.
    full.extend(["--host-rate".into(), "0".into(), "--no-history".into()]);
    for r in shop.resolves() {
        full.push("--resolve".into());
        full.push(format!("{}={}", r.host, r.addr));
    }
    let output = tokio::task::spawn_blocking(move || landcheck().args(&full).output().unwrap())
        .await
        .unwrap();
    drop(shop);
    output
}

#[test]
fn demo_prints_the_table_and_exits_zero() {
    landcheck()
        .args(["demo", "--quiet"])
        .assert()
        .success()
        .stdout(predicate::str::is_match(r"FAIL\s+fb-shoe-mens-store\s+category").unwrap())
        .stdout(predicate::str::contains("category: ad declares category \"Shoes > Running shoes\" but the page is in \"Men > Clothing\""))
        .stdout(predicate::str::is_match(r"PASS\s+amazon-book-atomic-habits\s+product\s+100").unwrap())
        .stdout(predicate::str::contains("16 ads: 6 pass, 1 warn, 9 fail, 0 error"));
}

#[tokio::test(flavor = "multi_thread")]
async fn audit_of_the_example_exits_one_and_jsonl_has_every_ad() {
    let out = with_shop(&[
        "audit",
        "campaigns.example.json",
        "--quiet",
        "--format",
        "jsonl",
    ])
    .await;
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|l: &serde_json::Value| l["type"] == "ad")
        .collect();
    assert_eq!(lines.len(), 16);
    let mut ids: Vec<&str> = lines.iter().map(|l| l["ad"].as_str().unwrap()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 16);
}

#[tokio::test(flavor = "multi_thread")]
async fn fail_on_never_exits_zero_and_output_goes_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.json");
    let out = with_shop(&[
        "audit",
        "campaigns.example.json",
        "-q",
        "--fail-on",
        "never",
        "--format",
        "json",
        "-o",
        path.to_str().unwrap(),
    ])
    .await;
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(doc["summary"]["fail"], 9);
    assert_eq!(doc["results"].as_array().unwrap().len(), 16);
}

#[tokio::test(flavor = "multi_thread")]
async fn check_one_ad_against_a_local_shop() {
    let url = "http://books.example/dp/1529146526?utm_source=amazon";
    let pass = with_shop(&[
        "check",
        url,
        "--name",
        "Atomic Habits",
        "--brand",
        "James Clear",
        "--price",
        "10.99 GBP",
        "-q",
    ])
    .await;
    let table = String::from_utf8_lossy(&pass.stdout);
    assert_eq!(pass.status.code(), Some(0), "{table}");
    assert!(
        table.contains("PASS") && table.contains("1 ad: 1 pass"),
        "{table}"
    );

    let fail = with_shop(&[
        "check",
        url,
        "--name",
        "Atomic Habits",
        "--price",
        "14.99 GBP",
        "-q",
    ])
    .await;
    let table = String::from_utf8_lossy(&fail.stdout);
    assert_eq!(fail.status.code(), Some(1), "{table}");
    assert!(
        table.contains("price: ad says 14.99 GBP, page shows 10.99 GBP"),
        "{table}"
    );
}

#[test]
fn syntax_error_names_file_line_and_column() {
    landcheck()
        .args(["audit", "fixtures/campaigns/syntax-error.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "fixtures/campaigns/syntax-error.json:7:",
        ))
        .stderr(predicate::str::contains("not valid JSON"))
        .stderr(predicate::str::contains("nothing was fetched"));
}

#[test]
fn every_bad_field_is_reported_at_once() {
    landcheck()
        .args(["audit", "fixtures/campaigns/bad-fields.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("(5 problems)"))
        .stderr(predicate::str::contains("bad-fields.json:7:29: campaigns[0].ads[0].url: \"javascript:alert(1)\" uses the unsupported scheme"))
        .stderr(predicate::str::contains("campaigns[0].ads[1].id: duplicate ad id \"a1\""))
        .stderr(predicate::str::contains("campaigns[0].ads[1].product.price.amount: the price -5 is negative"))
        .stderr(predicate::str::contains("campaigns[0].ads[1].product.price.currency: \"usd\" is not an ISO 4217"))
        .stderr(predicate::str::contains("campaigns[0].ads[2]: the required field \"product\" is missing"));
}

#[test]
fn usage_errors_exit_two() {
    landcheck().args(["audit"]).assert().code(2);
    landcheck()
        .args(["audit", "no-such-file.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot read the campaign file no-such-file.json",
        ));
    landcheck()
        .args(["check", "file:///etc/passwd", "--name", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unsupported scheme \"file:\""));
    landcheck()
        .args(["check", "http://x.example/", "--name", "x", "--price", "12"])
        .assert()
        .code(2);
}

#[test]
fn unreachable_url_is_an_error_row_not_a_crash() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    landcheck()
        .args([
            "check",
            &format!("http://{closed}/p"),
            "--name",
            "Shoe",
            "-q",
        ])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("ERROR"))
        .stdout(predicate::str::contains("could not connect to 127.0.0.1"));
}

#[test]
fn extract_prints_the_facts_of_a_saved_page_with_their_sources() {
    let out = landcheck()
        .args([
            "extract",
            "fixtures/pages/opengraph-product.html",
            "--url",
            "http://outdoor.example/products/patagonia-nano-puff-jacket",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let facts = &doc["facts"];
    assert_eq!(facts["kind"], "product");
    assert_eq!(facts["product"]["price"]["source"], "og");
    assert_eq!(facts["product"]["price"]["value"]["amount"], 239.0);
    assert_eq!(facts["product"]["brand"]["value"], "Patagonia");
    assert_eq!(facts["url_tokens"][0], "products");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_taxonomy_teaches_categories_the_built_in_vocabulary_lacks() {
    let url = "http://outdoor.example/p/osprey-talon-22";
    let args = [
        "check",
        url,
        "--name",
        "Osprey Talon 22",
        "--category",
        "Camping & Hiking",
        "-q",
    ];
    let without = with_shop(&args).await;
    let table = String::from_utf8_lossy(&without.stdout);
    assert!(
        table.contains("category: ad declares category \"Camping & Hiking\""),
        "{table}"
    );
    assert_eq!(without.status.code(), Some(1));

    let mut with: Vec<&str> = args.to_vec();
    with.extend(["--taxonomy", "fixtures/taxonomy/sample.txt", "--explain"]);
    let out = with_shop(&with).await;
    let table = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{table}");
    assert!(
        table.contains("category (pass): \"Camping & Hiking\" matches"),
        "{table}"
    );
    assert!(
        table.contains("page concepts (breadcrumb \"Bags > Backpacks\")"),
        "{table}"
    );
    assert!(table.contains("matched words (weight)"), "{table}");
}

#[test]
fn a_broken_taxonomy_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("taxonomy.txt");
    std::fs::write(&path, "1 - Apparel\n2 - Apparel > > Shoes\n").unwrap();
    landcheck()
        .args([
            "check",
            "http://127.0.0.1:9/p",
            "--name",
            "x",
            "--taxonomy",
            path.to_str().unwrap(),
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "taxonomy.txt:2: \"2 - Apparel > > Shoes\" is not a category path",
        ));
}

#[tokio::test(flavor = "multi_thread")]
async fn landcheck_toml_next_to_the_campaign_applies_and_flags_win() {
    let dir = tempfile::tempdir().unwrap();
    let campaign = dir.path().join("campaigns.json");
    std::fs::copy("campaigns.example.json", &campaign).unwrap();
    std::fs::write(
        dir.path().join("landcheck.toml"),
        "format = \"jsonl\"\nfail-on = \"never\"\nhost-rate = 0\n",
    )
    .unwrap();
    let file = campaign.to_str().unwrap();

    let out = with_shop(&["audit", file, "-q"]).await;
    assert_eq!(
        out.status.code(),
        Some(0),
        "fail-on = never comes from the file"
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.lines().count(), 18, "header, 16 ads, summary");
    assert!(
        text.lines()
            .all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok()),
        "{text}"
    );

    let out = with_shop(&[
        "audit",
        file,
        "-q",
        "--format",
        "table",
        "--fail-on",
        "fail",
    ])
    .await;
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("16 ads: 6 pass"));
}

#[test]
fn an_unknown_config_key_is_named_and_exits_two() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("landcheck.toml");
    std::fs::write(&config, "timeout = 5\nhost-rat = 3\n").unwrap();
    landcheck()
        .args([
            "audit",
            "campaigns.example.json",
            "--config",
            config.to_str().unwrap(),
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a valid config file"))
        .stderr(predicate::str::contains("unknown field `host-rat`"));
}

#[tokio::test(flavor = "multi_thread")]
async fn skip_invalid_ads_audits_the_rest_and_gives_each_bad_ad_its_row() {
    let mut doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("campaigns.example.json").unwrap()).unwrap();
    let bad = serde_json::json!({"id": "bad-url", "url": "file:///etc/passwd", "product": {"name": "Shoe"}});
    doc["campaigns"][0]["ads"]
        .as_array_mut()
        .unwrap()
        .insert(1, bad);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mixed.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    let file = file.to_str().unwrap();

    landcheck()
        .args(["audit", file])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unsupported scheme \"file:\""));

    let out = with_shop(&[
        "audit",
        file,
        "--skip-invalid-ads",
        "-q",
        "--format",
        "jsonl",
    ])
    .await;
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("1 invalid ad in") && stderr.contains("campaigns[0].ads[1].url"),
        "{stderr}"
    );
    let rows: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|l: &serde_json::Value| l["type"] == "ad")
        .collect();
    assert_eq!(rows.len(), 17, "every ad appears once");
    let mut positions: Vec<u64> = rows
        .iter()
        .map(|r| r["position"].as_u64().unwrap())
        .collect();
    positions.sort_unstable();
    assert_eq!(positions, (0..17).collect::<Vec<u64>>());
    let bad = rows.iter().find(|r| r["ad"] == "bad-url").unwrap();
    assert_eq!(
        (bad["verdict"].as_str(), bad["position"].as_u64()),
        (Some("error"), Some(1))
    );
    assert!(bad["error"]
        .as_str()
        .unwrap()
        .starts_with("invalid ad, not audited"));
    let shoe = rows
        .iter()
        .find(|r| r["ad"] == "fb-shoe-mens-store")
        .unwrap();
    assert_eq!(
        (shoe["verdict"].as_str(), shoe["position"].as_u64()),
        (Some("fail"), Some(0))
    );
    let next = rows.iter().find(|r| r["position"] == 2).unwrap();
    assert_eq!(next["ad"], "fb-nike-pegasus-40");
}

#[test]
fn check_flags_follow_the_campaign_file_rules() {
    landcheck()
        .args(["check", "http://shop.example/p", "--name", "Shoe", "--gtin", "4006381333932"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--gtin: \"4006381333932\" is not a valid GTIN: its check digit is wrong (it should end in 1)"));
}
