//! Throughput of the two hot paths, on this machine:
//!
//! - extraction: every page of the quality corpus parsed and read, many
//!   times over (pages per second, MB per second);
//! - a whole audit: N ads against a local shop on 127.0.0.1, politeness
//!   off, so the figure is landcheck's own cost (ads per second, peak
//!   memory).
//!
//! Run with `cargo bench --bench pipeline` (add `-- 20000` for N ads).
//! Only 127.0.0.1 is contacted.

use std::time::{Duration, Instant};

use axum::http::header;
use axum::routing::get;
use axum::Router;
use landcheck::{decode_html, HostPolicy};
use landcheck::{extract, Audit, CampaignFile, FetchOptions, Fetcher};
use url::Url;

fn corpus() -> Vec<(Url, String)> {
    let dir = std::path::Path::new("fixtures/quality/pages");
    let mut pages = Vec::new();
    for entry in std::fs::read_dir(dir).expect("fixtures/quality/pages") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "html") {
            let label: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(path.with_extension("json")).expect("label"),
            )
            .expect("json");
            let url: Url = label["url"].as_str().expect("url").parse().expect("url");
            let (html, _) = decode_html(&std::fs::read(&path).expect("page"), None, &url);
            pages.push((url, html));
        }
    }
    pages
}

fn bench_extract() {
    let pages = corpus();
    let bytes: usize = pages.iter().map(|(_, h)| h.len()).sum();
    let rounds = 20;
    let start = Instant::now();
    for _ in 0..rounds {
        for (url, html) in &pages {
            std::hint::black_box(extract(html, url, 200));
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    let n = (pages.len() * rounds) as f64;
    println!(
        "extract: {} pages x {rounds}: {:.0} pages/s, {:.1} MB/s, {:.2} ms/page (one core)",
        pages.len(),
        n / elapsed,
        (bytes * rounds) as f64 / elapsed / 1e6,
        elapsed / n * 1e3
    );
}

fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

async fn bench_audit(ads: usize) {
    let pages = corpus();
    let page = pages
        .iter()
        .find(|(u, _)| u.path().contains("trail-runner"))
        .map_or_else(|| pages[0].1.clone(), |(_, h)| h.clone());
    let app = Router::new().route(
        "/p/{id}",
        get(move || {
            let page = page.clone();
            async move { ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page) }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });

    let ads: Vec<serde_json::Value> = (0..ads)
        .map(|i| {
            serde_json::json!({"id": format!("ad{i}"), "url": format!("http://{addr}/p/{i}?utm_source=bench"),
                "product": {"name": "Ridgeline Trail Runner", "brand": "Northpeak", "category": "Shoes > Running"}})
        })
        .collect();
    let text = serde_json::json!({"campaigns": [{"id": "bench", "name": "Bench", "ads": ads}]})
        .to_string();
    let campaigns: CampaignFile =
        landcheck::parse_campaigns(&text, std::path::Path::new("bench.json")).expect("campaign");
    let options = FetchOptions {
        host: HostPolicy {
            per_host: 64,
            host_rate: None,
        },
        timeout: Duration::from_secs(30),
        ..FetchOptions::default()
    };
    let fetcher = Fetcher::new(options).expect("client");
    let start = Instant::now();
    let mut done = 0usize;
    let mut errors = 0usize;
    Audit::new(&campaigns)
        .fetcher(fetcher)
        .concurrency(64)
        .run(|r| {
            done += 1;
            errors += usize::from(r.error().is_some());
        })
        .await
        .expect("audit");
    let elapsed = start.elapsed().as_secs_f64();
    println!(
        "audit: {done} ads ({errors} errors) in {elapsed:.1} s: {:.0} ads/s; peak memory {} MiB",
        done as f64 / elapsed,
        peak_rss_mib().map_or("?".into(), |m| format!("{m:.0}"))
    );
}

fn main() {
    let ads = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(5000);
    println!(
        "landcheck benchmarks ({} cores)",
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
    );
    bench_extract();
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(bench_audit(ads));
}
