//! What reading a page costs beside parsing it, per kind of page: for the
//! pages of the quality corpus (`fixtures/quality/pages`, each labeled
//! with its kind), a bare `scraper::Html::parse_document`, the whole
//! `extract` (parsing included), and `extract` followed by scoring the
//! facts against an ad for the page's own product.
//!
//! When `bash bench/run` (or `bash bench/run --quick`) has generated its
//! shop-like corpus (about 460 KB a page, under `target/lc-bench`, or the
//! folder `LC_BENCH_CORPUS` names), its first 20 product and 20 collection
//! pages are measured too, as the kinds `shop-like product` and `shop-like
//! category`: the corpus pages are small (about 40 KB), so fixed costs
//! weigh more on them than on a shop's full page.
//!
//! ```text
//! cargo bench --bench extract                    # time, best of 15 rounds
//! cargo bench --bench extract -- 40              # best of 40 rounds
//! cargo bench --bench extract -- instructions    # instructions, under valgrind
//! ```
//!
//! Time on a shared machine is noisy, so each figure is the best round.
//! `instructions` runs this bench again under `valgrind --tool=callgrind`
//! per kind and stage, for one round and for two, and keeps the difference:
//! one round in the steady state, without loading the corpus or compiling
//! patterns. The count does not depend on what else the machine is doing.

use std::collections::BTreeMap;
use std::process::Command;
use std::time::{Duration, Instant};

use landcheck::decode_html;
use landcheck::Expectation;
use landcheck::{extract, Ad, DeclaredProduct, ExpectedPage, Money, Page, PageFacts, Scorer};
use url::Url;

/// One page of the corpus with what its label says.
struct Sample {
    url: Url,
    status: u16,
    html: String,
    ad: Ad,
}

/// The corpus grouped by labeled kind.
fn corpus() -> BTreeMap<String, Vec<Sample>> {
    let dir = std::path::Path::new("fixtures/quality/pages");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("fixtures/quality/pages")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    paths.sort();
    let mut kinds: BTreeMap<String, Vec<Sample>> = BTreeMap::new();
    for path in paths {
        let label: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(path.with_extension("json")).expect("label"),
        )
        .expect("label is JSON");
        let url: Url = label["url"].as_str().expect("url").parse().expect("url");
        let status = label["status"]
            .as_u64()
            .and_then(|s| u16::try_from(s).ok())
            .unwrap_or(200);
        let (html, _) = decode_html(&std::fs::read(&path).expect("page"), None, &url);
        let text = |key: &str| label[key].as_str().map(str::to_owned);
        let price = label["price"]
            .is_object()
            .then(|| serde_json::from_value::<Money>(label["price"].clone()).ok())
            .flatten();
        let ad = Ad {
            id: path
                .file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned()),
            url: url.clone(),
            display_url: None,
            product: DeclaredProduct {
                name: text("name").unwrap_or_else(|| "Trail running shoe".into()),
                brand: text("brand"),
                category: text("category"),
                price,
                ..DeclaredProduct::default()
            },
            expect: Expectation {
                page: ExpectedPage::Product,
            },
        };
        let kind = text("kind").unwrap_or_else(|| "unknown".into());
        kinds.entry(kind).or_default().push(Sample {
            url,
            status,
            html,
            ad,
        });
    }
    shop_like(&mut kinds);
    kinds
}

/// Pages of each kind taken from the bench's shop-like corpus.
const SHOP_LIKE_PAGES: usize = 20;

/// Adds the first pages of each kind of `bash bench/run`'s corpus, with ads
/// for what each page shows, when the corpus has been generated.
fn shop_like(kinds: &mut BTreeMap<String, Vec<Sample>>) {
    use std::io::Read as _;
    let dir = std::env::var_os("LC_BENCH_CORPUS").map_or_else(
        || std::path::PathBuf::from("target/lc-bench/corpus-seed1"),
        std::path::PathBuf::from,
    );
    let Ok(manifest) = std::fs::read_to_string(dir.join("manifest.jsonl")) else {
        return;
    };
    for line in manifest.lines() {
        let Ok(page) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let (Some(path), Some(kind)) = (page["path"].as_str(), page["kind"].as_str()) else {
            continue;
        };
        let samples = kinds.entry(format!("shop-like {kind}")).or_default();
        if samples.len() >= SHOP_LIKE_PAGES {
            continue;
        }
        let file = dir.join(format!("{}.html.gz", path.trim_start_matches('/')));
        let Ok(gz) = std::fs::File::open(&file) else {
            continue;
        };
        let mut html = String::new();
        if flate2::read::GzDecoder::new(gz)
            .read_to_string(&mut html)
            .is_err()
        {
            continue;
        }
        let url: Url = format!("http://shop.example{path}").parse().expect("url");
        let text = |key: &str| page[key].as_str().map(str::to_owned);
        let price = page["price"].as_f64().zip(text("currency"));
        let ad = Ad {
            id: path.to_owned(),
            url: url.clone(),
            display_url: None,
            product: DeclaredProduct {
                name: text("name").unwrap_or_default(),
                brand: text("brand"),
                category: text("category"),
                price: price.map(|(amount, currency)| Money { amount, currency }),
                ..DeclaredProduct::default()
            },
            expect: Expectation {
                page: if kind == "product" {
                    ExpectedPage::Product
                } else {
                    ExpectedPage::Category
                },
            },
        };
        samples.push(Sample {
            url,
            status: 200,
            html,
            ad,
        });
    }
}

fn page(sample: &Sample) -> Page {
    Page::saved(
        sample.url.clone(),
        sample.status,
        String::new(),
        Duration::from_millis(200),
    )
}

fn scorer(kinds: &BTreeMap<String, Vec<Sample>>) -> Scorer {
    Scorer::new().with_ad_names(kinds.values().flatten().map(|s| s.ad.product.name.as_str()))
}

fn parse_all(samples: &[Sample]) {
    for s in samples {
        std::hint::black_box(scraper::Html::parse_document(&s.html));
    }
}

fn extract_all(samples: &[Sample]) -> Vec<PageFacts> {
    samples
        .iter()
        .map(|s| std::hint::black_box(extract(&s.html, &s.url, s.status)))
        .collect()
}

fn score_all(scorer: &Scorer, samples: &[Sample], pages: &[Page], facts: &[PageFacts]) {
    for ((s, p), f) in samples.iter().zip(pages).zip(facts) {
        std::hint::black_box(scorer.score(&s.ad, p, f));
    }
}

fn best(rounds: usize, mut run: impl FnMut()) -> f64 {
    (0..rounds)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn timing(rounds: usize) {
    let kinds = corpus();
    let scorer = scorer(&kinds);
    println!("best of {rounds} rounds, one core; ratios to the bare parse\n");
    println!("| kind | pages | KB/page | parse ms/page | extract ms/page | score ms/page | extract | extract + score |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let (mut parse_sum, mut extract_sum, mut score_sum) = (0.0, 0.0, 0.0);
    for (kind, samples) in &kinds {
        let pages: Vec<Page> = samples.iter().map(page).collect();
        let facts = extract_all(samples);
        let mut parse = f64::INFINITY;
        let mut extracted = f64::INFINITY;
        let mut scored = f64::INFINITY;
        // Interleaved, so a busy spell of the machine hits all three alike.
        for _ in 0..rounds {
            parse = parse.min(best(1, || parse_all(samples)));
            extracted = extracted.min(best(1, || {
                extract_all(samples);
            }));
            scored = scored.min(best(1, || score_all(&scorer, samples, &pages, &facts)));
        }
        if !is_shop_like(kind) {
            parse_sum += parse;
            extract_sum += extracted;
            score_sum += scored;
        }
        #[allow(clippy::cast_precision_loss)]
        let n = samples.len() as f64;
        #[allow(clippy::cast_precision_loss)]
        let kb = samples.iter().map(|s| s.html.len()).sum::<usize>() as f64 / n / 1024.0;
        println!(
            "| {kind} | {} | {kb:.0} | {:.3} | {:.3} | {:.3} | {:.2}x | {:.2}x |",
            samples.len(),
            parse / n * 1e3,
            extracted / n * 1e3,
            scored / n * 1e3,
            extracted / parse,
            (extracted + scored) / parse
        );
    }
    println!(
        "| all corpus pages | {} | | {:.1} ms | {:.1} ms | {:.1} ms | {:.2}x | {:.2}x |",
        corpus_pages(&kinds),
        parse_sum * 1e3,
        extract_sum * 1e3,
        score_sum * 1e3,
        extract_sum / parse_sum,
        (extract_sum + score_sum) / parse_sum
    );
    note_shop_like(&kinds);
}

/// Whether `kind` names pages of the bench's shop-like corpus, which the
/// "all" rows leave out.
fn is_shop_like(kind: &str) -> bool {
    kind.starts_with("shop-like")
}

/// How many pages of the team's corpus `kinds` holds.
fn corpus_pages(kinds: &BTreeMap<String, Vec<Sample>>) -> usize {
    kinds
        .iter()
        .filter(|(k, _)| !is_shop_like(k))
        .map(|(_, v)| v.len())
        .sum()
}

/// Says how to add the shop-like pages when they are not there.
fn note_shop_like(kinds: &BTreeMap<String, Vec<Sample>>) {
    if !kinds.keys().any(|k| is_shop_like(k)) {
        println!(
            "\nno shop-like pages: `bash bench/run --quick` generates them (see bench/README.md)"
        );
    }
}

/// One stage over one kind's pages, `rounds` times, to be counted by
/// callgrind. Scoring extracts the facts once, then scores them `rounds`
/// times.
fn stage(stage: &str, kind: &str, rounds: usize) {
    let kinds = corpus();
    let scorer = scorer(&kinds);
    let samples = &kinds[kind];
    let pages: Vec<Page> = samples.iter().map(page).collect();
    let facts = if stage == "score" {
        extract_all(samples)
    } else {
        Vec::new()
    };
    for _ in 0..rounds {
        match stage {
            "parse" => parse_all(samples),
            "extract" => {
                extract_all(samples);
            }
            "score" => score_all(&scorer, samples, &pages, &facts),
            other => panic!("unknown stage {other}"),
        }
    }
}

/// Instructions callgrind counts for this bench running one stage.
fn counted(stage: &str, kind: &str, rounds: usize) -> Option<u64> {
    let exe = std::env::current_exe().ok()?;
    let out = Command::new("valgrind")
        .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
        .arg(exe)
        .args(["stage", stage, kind, &rounds.to_string()])
        .output()
        .ok()?;
    let log = String::from_utf8_lossy(&out.stderr);
    let line = log.lines().find(|l| l.contains("Collected :"))?;
    line.rsplit(':').next()?.trim().parse().ok()
}

/// Instructions of one round of a stage in the steady state: two rounds
/// less one, so loading the corpus and compiling patterns drop out.
#[allow(clippy::cast_precision_loss)]
fn one_round(stage: &str, kind: &str) -> Option<f64> {
    let (one, two) = (counted(stage, kind, 1)?, counted(stage, kind, 2)?);
    Some(two.saturating_sub(one) as f64)
}

fn instructions() {
    let kinds = corpus();
    println!("instructions counted by callgrind in one steady-state round\n");
    println!("| kind | pages | parse Minstr/page | extract | extract + score |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    let (mut parse_sum, mut extract_sum, mut score_sum) = (0.0, 0.0, 0.0);
    for (kind, samples) in &kinds {
        let Some(parse) = one_round("parse", kind) else {
            println!("valgrind did not run: nothing counted");
            return;
        };
        let extracted = one_round("extract", kind).unwrap_or(f64::NAN);
        let scored = one_round("score", kind).unwrap_or(f64::NAN);
        if !is_shop_like(kind) {
            parse_sum += parse;
            extract_sum += extracted;
            score_sum += scored;
        }
        #[allow(clippy::cast_precision_loss)]
        let n = samples.len() as f64;
        println!(
            "| {kind} | {} | {:.2} | {:.2}x | {:.2}x |",
            samples.len(),
            parse / n / 1e6,
            extracted / parse,
            (extracted + scored) / parse
        );
    }
    println!(
        "| all corpus pages | {} | | {:.2}x | {:.2}x |",
        corpus_pages(&kinds),
        extract_sum / parse_sum,
        (extract_sum + score_sum) / parse_sum
    );
    note_shop_like(&kinds);
}

fn main() {
    // `cargo bench` passes `--bench`; the rest are ours.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    match args.first().map(String::as_str) {
        Some("stage") => stage(
            &args[1],
            &args[2],
            args.get(3)
                .map_or(1, |n| n.parse().expect("a number of rounds")),
        ),
        Some("instructions") => instructions(),
        Some(n) => timing(n.parse().expect("a number of rounds")),
        None => timing(15),
    }
}
