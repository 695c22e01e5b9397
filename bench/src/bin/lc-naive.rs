//! The naive Rust baseline the audit is measured against: bare reqwest
//! (gzip) on tokio, 64 pages in flight, and in each spawned task a `scraper`
//! parse of the whole page followed by selects for JSON-LD, OpenGraph,
//! microdata, the title and the `h1`. One JSON line per page goes to a
//! file, as an audit's report would.
//!
//! Usage: `lc-naive URLS_FILE OUT_FILE [CONCURRENCY]`.

use std::io::{BufWriter, Write};
use std::sync::LazyLock;

use futures::stream::{self, StreamExt};
use scraper::{Html, Selector};
use serde_json::{json, Map, Value};

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("valid selector")
}

static JSONLD: LazyLock<Selector> =
    LazyLock::new(|| selector(r#"script[type="application/ld+json"]"#));
static OG: LazyLock<Selector> = LazyLock::new(|| selector(r#"meta[property^="og:"]"#));
static ITEMSCOPE: LazyLock<Selector> = LazyLock::new(|| selector("[itemscope][itemtype]"));
static ITEMPROP: LazyLock<Selector> = LazyLock::new(|| selector("[itemprop]"));
static TITLE: LazyLock<Selector> = LazyLock::new(|| selector("title"));
static H1: LazyLock<Selector> = LazyLock::new(|| selector("h1"));

fn text(doc: &Html, sel: &Selector) -> Option<String> {
    doc.select(sel)
        .next()
        .map(|e| e.text().collect::<String>().trim().to_owned())
}

/// Everything the baseline reads on a page, as owned data.
fn read(url: &str, status: u16, html: &str) -> Value {
    let doc = Html::parse_document(html);
    let jsonld: Vec<Value> = doc
        .select(&JSONLD)
        .filter_map(|e| serde_json::from_str(&e.text().collect::<String>()).ok())
        .collect();
    let og: Map<String, Value> = doc
        .select(&OG)
        .filter_map(|e| {
            let v = e.value();
            Some((v.attr("property")?.to_owned(), json!(v.attr("content")?)))
        })
        .collect();
    let microdata: Vec<Value> = doc
        .select(&ITEMSCOPE)
        .map(|item| {
            let props: Map<String, Value> = item
                .select(&ITEMPROP)
                .filter_map(|p| {
                    let v = p.value();
                    let value = v
                        .attr("content")
                        .or_else(|| v.attr("href"))
                        .map_or_else(|| p.text().collect::<String>(), str::to_owned);
                    Some((v.attr("itemprop")?.to_owned(), json!(value.trim())))
                })
                .collect();
            json!({"type": item.value().attr("itemtype"), "properties": props})
        })
        .collect();
    json!({"url": url, "status": status, "title": text(&doc, &TITLE), "h1": text(&doc, &H1),
        "og": og, "jsonld": jsonld, "microdata": microdata})
}

async fn fetch(client: reqwest::Client, url: String) -> Value {
    match client.get(&url).send().await {
        Ok(response) => {
            let status = response.status().as_u16();
            match response.text().await {
                Ok(html) => read(&url, status, &html),
                Err(e) => json!({"url": url, "error": e.to_string()}),
            }
        }
        Err(e) => json!({"url": url, "error": e.to_string()}),
    }
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        return Err(std::io::Error::other(
            "usage: lc-naive URLS_FILE OUT_FILE [CONCURRENCY]",
        ));
    }
    let concurrency: usize = args.get(3).and_then(|c| c.parse().ok()).unwrap_or(64);
    let urls: Vec<String> = std::fs::read_to_string(&args[1])?
        .lines()
        .map(str::to_owned)
        .collect();
    // reqwest may be built with rustls (the workspace's features unify);
    // it then needs a crypto provider, though only http:// is fetched.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(concurrency)
        .build()
        .map_err(std::io::Error::other)?;
    let mut out = BufWriter::new(std::fs::File::create(&args[2])?);
    let (mut pages, mut errors) = (0usize, 0usize);
    let mut results = stream::iter(urls)
        .map(|url| tokio::spawn(fetch(client.clone(), url)))
        .buffer_unordered(concurrency);
    while let Some(joined) = results.next().await {
        let record = joined.map_err(std::io::Error::other)?;
        pages += 1;
        errors += usize::from(record.get("error").is_some());
        writeln!(out, "{record}")?;
    }
    out.flush()?;
    eprintln!("lc-naive: {pages} pages, {errors} errors");
    Ok(())
}
