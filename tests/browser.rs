//! The HTML report in a real browser: headless Chromium opens the demo's
//! report and the test reads the page as rendered, after its script ran.
//! The summary counts must match the run's, a filter given in the URL hash
//! (`#verdict=fail`, `#changed=1`) must hide the other rows, `#sort=-verdict`
//! must order them as a click on the header does, and a crawled title
//! holding markup must show as text. A screenshot is kept in the target folder.
//!
//! Without Chromium the test fails when `CI` is set (`.ci/run` installs
//! it) and otherwise says loudly that it did not run.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use axum::response::Html;

use crate::common::serve;

const BROWSERS: &[&str] = &["chromium", "chromium-browser", "google-chrome"];

/// The first browser on `PATH`.
fn browser() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| BROWSERS.iter().map(move |b| dir.join(b)))
        .find(|p| p.is_file())
}

/// The browser, or `None` after saying why the test does not run.
fn browser_or_skip() -> Option<PathBuf> {
    let found = browser();
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "Chromium is missing: install it (apt-get install chromium) to test the HTML report"
        );
        eprintln!(
            "\n*** browser test NOT RUN: no chromium on PATH (apt-get install chromium) ***\n"
        );
    }
    found
}

/// Runs headless Chromium on `url` with `args`; its standard output.
fn chromium(browser: &Path, args: &[&str], url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Read as it comes: a page larger than the pipe would block the browser.
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut text).map(|_| text)
    });
    let deadline = Instant::now() + Duration::from_secs(90);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish within 90 s on {url}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    reader.join().unwrap().unwrap()
}

fn landcheck(args: &[&str]) {
    let out = assert_cmd::Command::cargo_bin("landcheck")
        .unwrap()
        .env_remove("RUST_LOG")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "landcheck {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn file_url(path: &Path) -> String {
    url::Url::from_file_path(path).unwrap().to_string()
}

/// The rows of the report's table, as their opening tags.
fn rows(dom: &str) -> Vec<&str> {
    dom.match_indices("<tr id=\"ad-")
        .map(|(i, _)| &dom[i..i + dom[i..].find('>').unwrap()])
        .collect()
}

#[test]
fn the_demo_report_shows_its_counts_and_filters_by_the_url_hash() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let (json, html) = (dir.join("demo-report.json"), dir.join("demo-report.html"));
    // A fresh history: every failing ad of this first run is marked new.
    let db = dir.join("demo-history.db");
    for stale in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{stale}", db.display()));
    }
    landcheck(&[
        "demo",
        "-q",
        "--history",
        db.to_str().unwrap(),
        "--format",
        "json",
        "-o",
        json.to_str().unwrap(),
        "--html",
        html.to_str().unwrap(),
    ]);
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let page = file_url(&html);

    let dom = chromium(&browser, &["--dump-dom"], &page);
    for verdict in ["pass", "warn", "fail", "error"] {
        let n = doc["summary"][verdict].as_u64().unwrap();
        assert!(
            dom.contains(&format!("id=\"count-{verdict}\">{n}<")),
            "{verdict}: {n} expected in the rendered summary"
        );
    }
    let total = doc["results"].as_array().unwrap().len();
    assert_eq!(rows(&dom).len(), total);
    assert!(rows(&dom).iter().all(|r| !r.contains("hidden")));
    assert!(dom.contains(&format!("{total} of {total} ads shown")));

    let filtered = chromium(&browser, &["--dump-dom"], &format!("{page}#verdict=fail"));
    let fail = doc["summary"]["fail"].as_u64().unwrap();
    let rendered = rows(&filtered);
    assert_eq!(rendered.len(), total);
    for row in &rendered {
        let failing = row.contains("data-verdict=\"fail\"");
        assert_eq!(!failing, row.contains(" hidden"), "{row}");
    }
    assert!(
        filtered.contains(&format!("{fail} of {total} ads shown")),
        "the script counted the rows it shows"
    );

    // In a first run every failing ad (fail or error) is new.
    let failing = fail + doc["summary"]["error"].as_u64().unwrap();
    let changed = chromium(&browser, &["--dump-dom"], &format!("{page}#changed=1"));
    assert!(changed.contains(&format!("id=\"count-new\">{failing}<")));
    for row in rows(&changed) {
        let new = row.contains("data-mark=\"new\"");
        assert_eq!(!new, row.contains(" hidden"), "{row}");
    }
    assert!(changed.contains(&format!("{failing} of {total} ads shown")));

    // Sorted by a column, worst verdict first, as a header click would.
    let sorted = chromium(&browser, &["--dump-dom"], &format!("{page}#sort=-verdict"));
    let rank = |row: &&str| {
        ["pass", "warn", "fail", "error"]
            .iter()
            .position(|v| row.contains(&format!("data-verdict=\"{v}\"")))
            .unwrap()
    };
    let ranks: Vec<usize> = rows(&sorted).iter().map(rank).collect();
    assert!(ranks.windows(2).all(|w| w[0] >= w[1]), "{ranks:?}");
    let unsorted: Vec<usize> = rows(&dom).iter().map(rank).collect();
    assert_ne!(ranks, unsorted, "the file order is not already sorted");
    assert!(sorted.contains("data-key=\"verdict\" aria-sort=\"descending\""));

    let shot = dir.join("report.png");
    let _ = std::fs::remove_file(&shot);
    chromium(
        &browser,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1280,1600",
        ],
        &page,
    );
    let png = std::fs::read(&shot).expect("chromium wrote the screenshot");
    assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_crawled_title_with_markup_shows_as_text() {
    let Some(browser) = browser_or_skip() else {
        return;
    };
    let page = "<html><head><title><script>alert(1)</script></title></head>\
        <body><h1>Trail Shoe</h1><p class=\"price\">$99.00</p><button>Add to cart</button></body></html>";
    let addr = serve(axum::Router::new().fallback(move || async move { Html(page) })).await;
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("xss.html");
    let html_arg = html.to_str().unwrap().to_owned();
    let resolve = format!("xss.test={addr}");
    tokio::task::block_in_place(|| {
        landcheck(&[
            "check",
            "http://xss.test/products/trail-shoe",
            "--name",
            "Trail Shoe",
            "-q",
            "--fail-on",
            "never",
            "--host-rate",
            "0",
            "--resolve",
            &resolve,
            "--format",
            "html",
            "-o",
            &html_arg,
        ]);
    });
    let dom = tokio::task::block_in_place(|| chromium(&browser, &["--dump-dom"], &file_url(&html)));
    assert!(
        dom.contains("<dd>&lt;script&gt;alert(1)&lt;/script&gt;</dd>"),
        "the title is shown as text"
    );
    assert!(
        !dom.contains("<script>alert(1)"),
        "no script element from the page"
    );
    assert_eq!(
        dom.matches("<script").count(),
        1,
        "only the report's own script"
    );
}
