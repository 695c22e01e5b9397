//! The quality harness: extraction and verdict accuracy measured on the
//! labeled corpus in `fixtures/quality/` (pages modelled on real shop
//! platforms, a sidecar label per page, and labeled ad -> page pairs).
//!
//! `cargo test --test quality -- --nocapture` prints the table; the test
//! fails when a number drops below its floor.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

use landcheck::decode_html;
use landcheck::Expectation;
use landcheck::{
    extract, Ad, DeclaredProduct, ExpectedPage, Money, Page, PageFacts, Scorer, Verdict,
};
use serde::Deserialize;
use url::Url;

const CORPUS: &str = "fixtures/quality";

#[derive(Deserialize)]
struct Label {
    url: Url,
    #[serde(default = "ok")]
    status: u16,
    kind: String,
    name: Option<String>,
    brand: Option<String>,
    price: Option<Money>,
    availability: Option<String>,
    category: Option<String>,
}

fn ok() -> u16 {
    200
}

#[derive(Deserialize)]
struct Pair {
    id: String,
    page: String,
    ad: AdSpec,
    verdict: Verdict,
    why: String,
}

#[derive(Deserialize)]
struct AdSpec {
    name: String,
    brand: Option<String>,
    category: Option<String>,
    price: Option<Money>,
    gtin: Option<landcheck::Gtin>,
    sku: Option<String>,
    mpn: Option<String>,
    #[serde(default)]
    expect_page: ExpectedPage,
}

struct Corpus {
    pages: BTreeMap<String, (Label, Page, PageFacts)>,
    pairs: Vec<Pair>,
}

fn load() -> Corpus {
    let dir = Path::new(CORPUS).join("pages");
    let mut pages = BTreeMap::new();
    let mut sidecars: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    sidecars.sort();
    for sidecar in sidecars {
        let name = sidecar.file_stem().unwrap().to_string_lossy().into_owned();
        let label: Label = serde_json::from_str(&std::fs::read_to_string(&sidecar).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", sidecar.display()));
        let bytes = std::fs::read(sidecar.with_extension("html")).unwrap();
        let (body, encoding) = decode_html(&bytes, None, &label.url);
        let facts = extract(&body, &label.url, label.status);
        let mut page = Page::saved(
            label.url.clone(),
            label.status,
            body,
            Duration::from_millis(200),
        );
        page.encoding = encoding;
        pages.insert(name, (label, page, facts));
    }
    let mut pairs = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(CORPUS)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("pairs-")
        })
        .collect();
    files.sort();
    for file in files {
        let list: Vec<Pair> = serde_json::from_str(&std::fs::read_to_string(&file).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        pairs.extend(list);
    }
    Corpus { pages, pairs }
}

/// Lower-case alphanumeric words, for comparing names and trails.
fn norm(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

fn same_words(a: &str, b: &str) -> bool {
    let (a, b): (HashSet<String>, HashSet<String>) =
        (norm(a).into_iter().collect(), norm(b).into_iter().collect());
    a == b
}

/// Correct / counted for one field, and what went wrong.
#[derive(Default)]
struct Score {
    right: usize,
    total: usize,
    misses: Vec<String>,
}

impl Score {
    fn add(&mut self, right: bool, miss: impl FnOnce() -> String) {
        self.total += 1;
        if right {
            self.right += 1;
        } else {
            self.misses.push(miss());
        }
    }

    fn rate(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.right as f64 / self.total as f64
        }
    }
}

fn field_scores(corpus: &Corpus) -> BTreeMap<&'static str, Score> {
    let mut scores: BTreeMap<&'static str, Score> = BTreeMap::new();
    for (name, (label, _, facts)) in &corpus.pages {
        let kind = facts.kind.to_string();
        scores
            .entry("page kind")
            .or_default()
            .add(kind == label.kind, || {
                format!(
                    "{name}: {kind} ({}) instead of {}",
                    facts.kind_reason, label.kind
                )
            });
        if let Some(want) = &label.name {
            let got = facts
                .product
                .name
                .as_ref()
                .map(|n| n.value.clone())
                .unwrap_or_default();
            scores
                .entry("name")
                .or_default()
                .add(same_words(&got, want), || {
                    format!("{name}: \"{got}\" instead of \"{want}\"")
                });
        }
        if let Some(want) = &label.brand {
            let got = facts
                .product
                .brand
                .as_ref()
                .map(|b| b.value.clone())
                .unwrap_or_default();
            let right = !got.is_empty()
                && (same_words(&got, want) || norm(&got).join(" ").contains(&norm(want).join(" ")));
            scores
                .entry("brand")
                .or_default()
                .add(right, || format!("{name}: \"{got}\" instead of \"{want}\""));
        }
        if let Some(want) = &label.price {
            let got = facts.product.price.as_ref().map(|p| p.value.clone());
            let right = got.as_ref().is_some_and(|p| {
                (p.amount - want.amount).abs() < 0.005
                    && p.currency.as_deref() == Some(want.currency.as_str())
            });
            scores
                .entry("price + currency")
                .or_default()
                .add(right, || {
                    format!(
                        "{name}: {got:?} instead of {} {}",
                        want.amount, want.currency
                    )
                });
        }
        if let Some(want) = &label.availability {
            let got = facts.product.availability.as_ref().map(|a| {
                serde_json::to_value(a.value)
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_owned()
            });
            scores
                .entry("availability")
                .or_default()
                .add(got.as_deref() == Some(want.as_str()), || {
                    format!("{name}: {got:?} instead of {want}")
                });
        }
        if let Some(want) = &label.category {
            let got = facts.category_trail().join(" > ");
            scores
                .entry("category")
                .or_default()
                .add(same_words(&got, want), || {
                    format!("{name}: \"{got}\" instead of \"{want}\"")
                });
        }
    }
    scores
}

struct Verdicts {
    /// (truth, predicted) -> count
    confusion: BTreeMap<(Verdict, Verdict), usize>,
    misses: Vec<String>,
}

fn verdicts(corpus: &Corpus) -> Verdicts {
    let scorer = Scorer::new().with_ad_names(corpus.pairs.iter().map(|p| p.ad.name.as_str()));
    let mut confusion = BTreeMap::new();
    let mut misses = Vec::new();
    for pair in &corpus.pairs {
        let (label, page, facts) = corpus
            .pages
            .get(&pair.page)
            .unwrap_or_else(|| panic!("pair {} names the unknown page {}", pair.id, pair.page));
        let spec = &pair.ad;
        let ad = Ad {
            id: pair.id.clone(),
            url: label.url.clone(),
            display_url: None,
            product: DeclaredProduct {
                name: spec.name.clone(),
                brand: spec.brand.clone(),
                category: spec.category.clone(),
                price: spec.price.clone(),
                gtin: spec.gtin.clone(),
                sku: spec.sku.clone(),
                mpn: spec.mpn.clone(),
                availability: None,
            },
            expect: Expectation {
                page: spec.expect_page,
            },
        };
        let card = scorer.score(&ad, page, facts);
        *confusion.entry((pair.verdict, card.verdict)).or_default() += 1;
        if card.verdict != pair.verdict {
            let checks: Vec<String> = card
                .checks
                .iter()
                .filter(|c| c.outcome >= landcheck::Outcome::Warn)
                .map(|c| format!("{}: {}", c.name, c.message))
                .collect();
            misses.push(format!(
                "{} ({}): {} instead of {} [{}] {}",
                pair.id,
                pair.page,
                card.verdict,
                pair.verdict,
                pair.why,
                checks.join(" | ")
            ));
        }
    }
    Verdicts { confusion, misses }
}

#[test]
fn extraction_and_verdicts_meet_their_floors() {
    let corpus = load();
    let fields = field_scores(&corpus);
    let verdicts = verdicts(&corpus);

    println!(
        "\nlandcheck quality: {} pages, {} labeled ad -> page pairs\n",
        corpus.pages.len(),
        corpus.pairs.len()
    );
    println!("| field | correct | accuracy | floor |");
    println!("| --- | ---: | ---: | ---: |");
    let floors = [
        ("page kind", 0.95),
        ("name", 0.95),
        ("brand", 0.95),
        ("price + currency", 0.95),
        ("availability", 0.0),
        ("category", 0.0),
    ];
    let mut failures = Vec::new();
    if corpus.pages.len() < 60 || corpus.pairs.len() < 120 {
        failures.push(format!(
            "the corpus needs 60 pages and 120 pairs, it has {} and {}",
            corpus.pages.len(),
            corpus.pairs.len()
        ));
    }
    for (field, floor) in floors {
        let score = fields.get(field).map_or_else(Score::default, |s| Score {
            right: s.right,
            total: s.total,
            misses: s.misses.clone(),
        });
        let floor_text = if floor > 0.0 {
            format!("{:.0}%", floor * 100.0)
        } else {
            "-".into()
        };
        println!(
            "| {field} | {}/{} | {:.1}% | {floor_text} |",
            score.right,
            score.total,
            score.rate() * 100.0
        );
        if score.rate() < floor {
            failures.push(format!(
                "{field} {:.1}% < {:.0}%",
                score.rate() * 100.0,
                floor * 100.0
            ));
        }
    }
    let count = |truth: Option<Verdict>, predicted: Option<Verdict>| -> usize {
        verdicts
            .confusion
            .iter()
            .filter(|((t, p), _)| {
                truth.is_none_or(|x| x == *t) && predicted.is_none_or(|x| x == *p)
            })
            .map(|(_, n)| n)
            .sum()
    };
    let true_fail = count(Some(Verdict::Fail), Some(Verdict::Fail)) as f64;
    let precision = true_fail / (count(None, Some(Verdict::Fail)) as f64).max(1.0);
    let recall = true_fail / (count(Some(Verdict::Fail), None) as f64).max(1.0);
    let agree: usize = [Verdict::Pass, Verdict::Warn, Verdict::Fail]
        .iter()
        .map(|v| count(Some(*v), Some(*v)))
        .sum();
    println!("\n| verdict `fail` | value | floor |");
    println!("| --- | ---: | ---: |");
    println!("| precision | {precision:.3} | 0.95 |");
    println!("| recall | {recall:.3} | 0.95 |");
    println!(
        "| all verdicts agree | {agree}/{} | - |",
        corpus.pairs.len()
    );
    println!("\n| truth \\ landcheck | pass | warn | fail |");
    println!("| --- | ---: | ---: | ---: |");
    for truth in [Verdict::Pass, Verdict::Warn, Verdict::Fail] {
        let row: Vec<String> = [Verdict::Pass, Verdict::Warn, Verdict::Fail]
            .iter()
            .map(|p| count(Some(truth), Some(*p)).to_string())
            .collect();
        println!("| {truth} | {} |", row.join(" | "));
    }
    if precision < 0.95 {
        failures.push(format!("fail precision {precision:.3} < 0.95"));
    }
    if recall < 0.95 {
        failures.push(format!("fail recall {recall:.3} < 0.95"));
    }
    let misses: Vec<&String> = fields
        .values()
        .flat_map(|s| &s.misses)
        .chain(&verdicts.misses)
        .collect();
    if !misses.is_empty() {
        println!("\nDisagreements with the labels:");
        for miss in &misses {
            println!("- {miss}");
        }
    }
    assert!(
        failures.is_empty(),
        "below the floor: {}",
        failures.join("; ")
    );
}

/// Each defect class found on real shops has a small page written by the
/// team with the same structure (`defect-*`): all of them must be right,
/// every labeled field and every verdict, not just most.
#[test]
fn every_defect_reduction_is_right() {
    let corpus = load();
    let reductions = corpus
        .pages
        .keys()
        .filter(|name| name.starts_with("defect-"))
        .count();
    assert!(
        reductions >= 15,
        "expected the defect reductions, found {reductions}"
    );
    let fields = field_scores(&corpus);
    let verdicts = verdicts(&corpus);
    let wrong: Vec<&String> = fields
        .values()
        .flat_map(|s| &s.misses)
        .chain(&verdicts.misses)
        .filter(|miss| miss.contains("defect-"))
        .collect();
    assert!(
        wrong.is_empty(),
        "defect reductions read wrong:\n{}",
        wrong
            .iter()
            .map(|m| format!("- {m}"))
            .collect::<Vec<_>>()
            .join("\n")
    );
}
