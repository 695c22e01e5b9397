//! Product identity on public entity-matching benchmark pairs: one
//! retailer's record is the ad, the other's is the landing page's product.

use std::path::Path;
use std::time::Duration;

use landcheck::Expectation;
use landcheck::{
    Ad, CheckName, DeclaredProduct, ExpectedPage, Outcome, Page, PageFacts, PageKind, Scorer,
};
use landcheck::{Fact, Source};
use serde::Deserialize;
use url::Url;

/// Datasets measured, in the order the table shows them.
const DATASETS: &[&str] = &["amazon-google", "walmart-amazon"];

/// The benchmark split to measure, from `--split NAME` (default `test`).
/// Rules are tuned on `dev` (train and valid together) only; `test` is
/// measured to report.
fn split_files() -> (String, Vec<&'static str>) {
    let args: Vec<String> = std::env::args().collect();
    let name = args
        .iter()
        .position(|a| a == "--split")
        .and_then(|i| args.get(i + 1))
        .map_or("test", String::as_str)
        .to_owned();
    let files = match name.as_str() {
        "dev" => vec![".train", ".valid"],
        "train" => vec![".train"],
        "valid" => vec![".valid"],
        "test" => vec![""],
        other => panic!("unknown --split {other}: use dev, train, valid or test"),
    };
    (name, files)
}

/// Reads the pairs of one dataset's split; `None` when a file is missing.
fn load(cache: &Path, dataset: &str, files: &[&str]) -> Option<Vec<Pair>> {
    let mut pairs = Vec::new();
    for suffix in files {
        let text = std::fs::read_to_string(cache.join(format!("{dataset}{suffix}.jsonl"))).ok()?;
        pairs.extend(text.lines().filter(|l| !l.trim().is_empty()).map(|l| {
            serde_json::from_str::<Pair>(l).unwrap_or_else(|e| panic!("{dataset}: {e}: {l}"))
        }));
    }
    Some(pairs)
}

#[derive(Deserialize)]
struct Pair {
    ad: Record,
    page: Record,
    #[serde(rename = "match")]
    matches: bool,
}

#[derive(Deserialize)]
struct Record {
    name: String,
    brand: Option<String>,
    #[serde(default)]
    model: Option<String>,
    #[serde(default)]
    category: Option<String>,
}

#[derive(Default)]
struct Counts {
    /// [match, non-match] x [pass, warn, fail]
    cells: [[usize; 3]; 2],
}

impl Counts {
    fn add(&mut self, matches: bool, outcome: Outcome) {
        let row = usize::from(!matches);
        let col = match outcome {
            Outcome::Pass | Outcome::Skip => 0,
            Outcome::Warn => 1,
            // Fail, and any outcome a later version adds.
            _ => 2,
        };
        self.cells[row][col] += 1;
    }

    fn rate(n: usize, of: usize) -> f64 {
        if of == 0 {
            0.0
        } else {
            n as f64 * 100.0 / of as f64
        }
    }

    /// (match fails %, non-match passes %, F1 of "pass" as "same product")
    fn measures(&self) -> (f64, f64, f64) {
        let [m, n] = self.cells;
        let (matches, non) = (m.iter().sum(), n.iter().sum());
        let (tp, fp, fneg) = (m[0] as f64, n[0] as f64, (m[1] + m[2]) as f64);
        let f1 = if tp == 0.0 {
            0.0
        } else {
            200.0 * tp / (2.0 * tp + fp + fneg)
        };
        (Self::rate(m[2], matches), Self::rate(n[0], non), f1)
    }
}

fn facts_of(record: &Record) -> PageFacts {
    let fact = |value: &str| Fact {
        value: value.to_owned(),
        source: Source::Jsonld,
    };
    let mut facts = PageFacts {
        kind: PageKind::Product,
        title: Some(record.name.clone()),
        h1: Some(record.name.clone()),
        ..PageFacts::default()
    };
    facts.product.name = Some(fact(&record.name));
    facts.product.brand = record.brand.as_deref().map(fact);
    facts.product.mpn = record.model.as_deref().map(fact);
    facts.product.category = record.category.as_deref().map(fact);
    facts
}

fn ad_of(record: &Record, url: &Url) -> Ad {
    Ad {
        id: "pair".into(),
        url: url.clone(),
        display_url: None,
        product: DeclaredProduct {
            name: record.name.clone(),
            brand: record.brand.clone(),
            ..DeclaredProduct::default()
        },
        expect: Expectation {
            page: ExpectedPage::Product,
        },
    }
}

/// Measures every cached dataset; `None` when none is cached, else whether
/// every target is met.
pub(crate) fn run(_root: &Path, cache: &Path) -> Option<bool> {
    let url: Url = "https://shop.example/p".parse().expect("valid URL");
    let page = Page::saved(url.clone(), 200, String::new(), Duration::from_millis(100));
    let verbose =
        std::env::args().any(|a| matches!(a.as_str(), "--verbose" | "--explain" | "--warns"));
    let explain = std::env::args().any(|a| a == "--explain");
    let warns = std::env::args().any(|a| a == "--warns");
    let (split, files) = split_files();
    // `--scores FILE`: every pair's score as TSV, to calibrate on.
    let args: Vec<String> = std::env::args().collect();
    let mut scores = args
        .iter()
        .position(|a| a == "--scores")
        .and_then(|i| args.get(i + 1))
        .map(|path| std::fs::File::create(path).expect("--scores file"));
    let mut rows = Vec::new();
    for dataset in DATASETS {
        let Some(pairs) = load(cache, dataset, &files) else {
            continue;
        };
        let scorer = Scorer::new().with_ad_names(pairs.iter().map(|p| p.ad.name.as_str()));
        let mut counts = Counts::default();
        let mut misses = Vec::new();
        for pair in &pairs {
            let card = scorer.score(&ad_of(&pair.ad, &url), &page, &facts_of(&pair.page));
            let check = card.checks.iter().find(|c| c.name == CheckName::Identity);
            let outcome = check.map_or(Outcome::Skip, |c| c.outcome);
            if let Some(file) = scores.as_mut() {
                use std::io::Write as _;
                let clean = |s: &str| s.replace(['\t', '\n'], " ");
                writeln!(
                    file,
                    "{dataset}\t{}\t{}\t{outcome:?}\t{}\t{}\t{}\t{}",
                    u8::from(pair.matches),
                    card.identity.map_or(-1, i16::from),
                    clean(&pair.ad.name),
                    clean(&pair.page.name),
                    check.map_or(String::new(), |c| clean(&c.message)),
                    check.map_or(String::new(), |c| clean(&c.explain.join(" | "))),
                )
                .expect("write --scores");
            }
            counts.add(pair.matches, outcome);
            let wrong = match outcome {
                Outcome::Pass | Outcome::Skip => !pair.matches,
                // Matches held to a warning cost recall; `--warns` lists them.
                Outcome::Warn => pair.matches && warns,
                _ => pair.matches,
            };
            if wrong {
                let mut message = check.map_or(String::new(), |c| c.message.clone());
                if explain {
                    for line in check.iter().flat_map(|c| &c.explain) {
                        message.push_str("\n    ");
                        message.push_str(line);
                    }
                }
                misses.push(format!(
                    "{} {outcome:?}: {message} [page brand {:?}, model {:?}]",
                    if pair.matches { "match" } else { "non-match" },
                    pair.page.brand,
                    pair.page.model
                ));
            }
        }
        if verbose {
            println!(
                "\n{dataset}: {} wrong verdicts (match failed, non-match passed)",
                misses.len()
            );
            for miss in &misses {
                println!("- {miss}");
            }
        }
        rows.push((*dataset, pairs.len(), counts));
    }
    if rows.is_empty() {
        return None;
    }
    println!(
        "\nIdentity on entity-matching benchmark pairs, {split} split (ad = left record, page = right record)\n"
    );
    println!("| dataset ({split}) | pairs | match: pass / warn / fail | non-match: pass / warn / fail | match fails (≤ 5%) | non-match passes (≤ 3%) | F1 (≥ 75) |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    let mut met = true;
    for (dataset, n, counts) in &rows {
        let [m, x] = counts.cells;
        let (match_fails, non_passes, f1) = counts.measures();
        met &= match_fails <= 5.0 && non_passes <= 3.0 && f1 >= 75.0;
        println!(
            "| {dataset} | {n} | {} / {} / {} | {} / {} / {} | {match_fails:.1}% | {non_passes:.1}% | {f1:.1} |",
            m[0], m[1], m[2], x[0], x[1], x[2]
        );
    }
    Some(met)
}
