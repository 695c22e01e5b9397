//! Options as each command takes them: only the ones it uses, sizes with
//! units, no zero where zero makes no sense, and config-file paths that
//! hold from any working directory.

use assert_cmd::Command;
use axum::http::header;
use axum::routing::get;
use axum::Router;
use landcheck::DemoShop;
use predicates::prelude::*;

use crate::common;

fn landcheck() -> Command {
    Command::cargo_bin("landcheck").unwrap()
}

fn help(command: &str) -> String {
    let out = landcheck().args([command, "--help"]).output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn each_command_lists_only_the_options_it_uses() {
    let audit = help("audit");
    for flag in [
        "--fail-on",
        "--concurrency",
        "--skip-invalid-ads",
        "--notify-webhook",
        "--down-after-timeouts",
        "--max-body",
        "--taxonomy",
        "--config",
    ] {
        assert!(audit.contains(flag), "audit lacks {flag}");
    }
    let check = help("check");
    assert!(check.contains("--fail-on") && check.contains("--per-host"));
    for flag in ["--skip-invalid-ads", "--concurrency", "--notify-webhook"] {
        assert!(!check.contains(flag), "check lists {flag}");
    }
    let extract = help("extract");
    assert!(extract.contains("--max-body") && extract.contains("--output"));
    for flag in [
        "--fail-on",
        "--concurrency",
        "--taxonomy",
        "--explain",
        "--quiet",
        "--skip-invalid-ads",
        "--per-host",
    ] {
        assert!(!extract.contains(flag), "extract lists {flag}");
    }
    let demo = help("demo");
    for flag in ["--fail-on", "--resolve", "--concurrency", "--config"] {
        assert!(!demo.contains(flag), "demo lists {flag}");
    }
}

#[test]
fn extract_refuses_the_table_format() {
    landcheck()
        .args(["extract", "fixtures/pages/home.html", "--format", "table"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'table'"))
        .stderr(predicate::str::contains("[possible values: json]"));
}

#[tokio::test(flavor = "multi_thread")]
async fn extract_gives_one_shape_for_a_url_a_file_and_a_failure() {
    let page = std::fs::read_to_string("fixtures/pages/opengraph-product.html").unwrap();
    let app = Router::new().route(
        "/p",
        get(move || async move { ([(header::CONTENT_TYPE, "text/html")], page) }),
    );
    let addr = common::serve(app).await;
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let run = |args: Vec<String>| async move {
        tokio::task::spawn_blocking(move || landcheck().args(&args).output().unwrap())
            .await
            .unwrap()
    };
    let url = format!("http://{addr}/p");
    let web = run(vec!["extract".into(), url.clone()]).await;
    let file = run(vec![
        "extract".into(),
        "fixtures/pages/opengraph-product.html".into(),
        "--url".into(),
        url.clone(),
    ])
    .await;
    let failed = run(vec!["extract".into(), format!("http://{closed}/p")]).await;
    assert_eq!(
        (web.status.code(), file.status.code(), failed.status.code()),
        (Some(0), Some(0), Some(1))
    );
    let docs: Vec<serde_json::Value> = [&web, &file, &failed]
        .iter()
        .map(|o| serde_json::from_slice(&o.stdout).unwrap())
        .collect();
    let keys = |d: &serde_json::Value| d.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    let expected = ["target", "url", "page", "encoding", "facts", "error"];
    for doc in &docs {
        assert_eq!(keys(doc), expected, "{doc}");
    }
    assert_eq!(docs[0]["facts"], docs[1]["facts"]);
    assert_eq!(docs[0]["url"], url);
    assert_eq!(docs[0]["page"]["status"], 200);
    assert!(docs[1]["page"].is_null() && docs[1]["error"].is_null());
    assert!(docs[2]["facts"].is_null());
    assert!(docs[2]["error"]["error"]
        .as_str()
        .unwrap()
        .contains("could not connect"));
}

#[test]
fn sizes_take_units_and_zero_is_refused() {
    // A size with a unit is read as such.
    landcheck()
        .args(["extract", "fixtures/pages/home.html", "--max-body", "10MB"])
        .assert()
        .success();
    landcheck()
        .args(["audit", "campaigns.example.json", "--max-body", "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("\"0\" is no room for a page"));
    landcheck()
        .args(["audit", "campaigns.example.json", "--max-body", "ten megs"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("e.g. 10MB, 512KiB or 1000000"));
    landcheck()
        .args(["audit", "campaigns.example.json", "--concurrency", "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a whole number of 1 or more"));
}

#[test]
fn the_config_file_checks_its_values_like_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("landcheck.toml");
    for (text, says) in [
        (
            "concurrency = 0\n",
            "\"0\" is not a whole number of 1 or more",
        ),
        ("max-body = \"0KiB\"\n", "is no room for a page"),
        ("timeout = -1\n", "is not a positive number of seconds"),
        (
            "[hosts.\"a.example\"]\nper-host = 0\n",
            "not a whole number of 1 or more",
        ),
    ] {
        std::fs::write(&config, text).unwrap();
        landcheck()
            .args(["audit", "campaigns.example.json", "--config"])
            .arg(&config)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("is not a valid config file"))
            .stderr(predicate::str::contains(says));
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn paths_in_the_config_file_are_relative_to_its_folder() {
    let project = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::copy(
        "campaigns.example.json",
        project.path().join("campaigns.json"),
    )
    .unwrap();
    std::fs::create_dir(project.path().join("reports")).unwrap();
    std::fs::copy(
        "fixtures/taxonomy/sample.txt",
        project.path().join("taxonomy.txt"),
    )
    .unwrap();
    std::fs::write(
        project.path().join("landcheck.toml"),
        "format = \"json\"\noutput = \"reports/nightly.json\"\nhtml = \"reports/nightly.html\"\nhistory = \"state.db\"\ntaxonomy = \"taxonomy.txt\"\nmax-body = \"4MiB\"\nfail-on = \"never\"\nhost-rate = 0\nquiet = true\n",
    )
    .unwrap();
    let shop = DemoShop::start().await.unwrap();
    let mut args = vec![
        "audit".to_owned(),
        project.path().join("campaigns.json").display().to_string(),
    ];
    for r in shop.resolves() {
        args.push("--resolve".into());
        args.push(format!("{}={}", r.host, r.addr));
    }
    let cwd = elsewhere.path().to_path_buf();
    let out = tokio::task::spawn_blocking(move || {
        landcheck().current_dir(cwd).args(&args).output().unwrap()
    })
    .await
    .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = std::fs::read_to_string(project.path().join("reports/nightly.json")).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert_eq!(doc["results"].as_array().unwrap().len(), 16);
    assert!(project.path().join("reports/nightly.html").is_file());
    assert!(project.path().join("state.db").is_file());
    assert!(std::fs::read_dir(elsewhere.path())
        .unwrap()
        .next()
        .is_none());
}

#[test]
fn a_url_without_https_is_named_as_such_wherever_a_url_is_given() {
    landcheck()
        .args(["check", "shop.example/p/1?utm_source=x", "--name", "Shoe"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "\"shop.example/p/1?utm_source=x\" is missing https:// at the start; write \"https://shop.example/p/1?utm_source=x\"",
        ))
        .stderr(predicate::str::contains("relative URL without a base").not());
    landcheck()
        .args(["extract", "shop.example/p/1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "shop.example/p/1 is no file here, nor a web address: \"shop.example/p/1\" is missing https://",
        ));
    landcheck()
        .args(["extract", "missing-page.html"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read missing-page.html"));
    landcheck()
        .args(["demo", "--notify-webhook", "ftp://hooks.example/x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "must start with http:// or https://",
        ));
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("landcheck.toml");
    std::fs::write(&config, "notify-webhook = \"hooks.example/T0/B0\"\n").unwrap();
    landcheck()
        .args(["audit", "campaigns.example.json", "--config"])
        .arg(&config)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "\"hooks.example/T0/B0\" is missing https://",
        ));
}
