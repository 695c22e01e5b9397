//! Page kind and product facts on the real development set.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read as _;
use std::path::Path;

use landcheck::decode_html;
use landcheck::{extract, PageFacts};
use serde::Deserialize;
use url::Url;

/// Kinds in the order the confusion matrix shows them.
const KINDS: &[&str] = &[
    "product", "category", "search", "home", "error", "blocked", "unknown",
];

/// One page of the manifest.
#[derive(Deserialize)]
pub(crate) struct Entry {
    pub(crate) id: String,
    pub(crate) repo: String,
    pub(crate) sha256: String,
    #[serde(default)]
    pub(crate) gzip: bool,
    pub(crate) url: Url,
    #[serde(default = "ok")]
    pub(crate) status: u16,
    pub(crate) shop: String,
    pub(crate) country: String,
    pub(crate) labels: Labels,
}

/// What a person saw on the page.
#[derive(Deserialize)]
pub(crate) struct Labels {
    pub(crate) kind: String,
    pub(crate) name: Option<String>,
    pub(crate) brand: Option<String>,
    pub(crate) price: Option<f64>,
    pub(crate) currency: Option<String>,
    pub(crate) stock: Option<String>,
}

#[derive(Deserialize)]
struct Manifest {
    pages: Vec<Entry>,
}

fn ok() -> u16 {
    200
}

/// Reads the manifest and every cached page: `None` when none is cached.
fn load(root: &Path, cache: &Path) -> Option<Vec<(Entry, PageFacts)>> {
    let manifest = root.join("fixtures/real/manifest.json");
    let text = std::fs::read_to_string(&manifest)
        .unwrap_or_else(|e| panic!("{}: {e}", manifest.display()));
    let manifest: Manifest =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", manifest.display()));
    let dir = cache.join("pages");
    let mut out = Vec::new();
    let mut missing = 0;
    for entry in manifest.pages {
        let Ok(bytes) = std::fs::read(dir.join(format!("{}.html", entry.sha256))) else {
            missing += 1;
            continue;
        };
        let bytes = if entry.gzip {
            let mut plain = Vec::new();
            flate2::read::GzDecoder::new(&bytes[..])
                .read_to_end(&mut plain)
                .unwrap_or_else(|e| panic!("{}: not gzip: {e}", entry.id));
            plain
        } else {
            bytes
        };
        let (body, _) = decode_html(&bytes, None, &entry.url);
        let facts = extract(&body, &entry.url, entry.status);
        out.push((entry, facts));
    }
    if missing > 0 && !out.is_empty() {
        eprintln!("warning: {missing} page(s) of the manifest are not in the cache");
    }
    (!out.is_empty()).then_some(out)
}

/// Prints one page's facts as JSON; false when it is not cached.
pub(crate) fn show(root: &Path, cache: &Path, id: &str) -> bool {
    let Some(pages) = load(root, cache) else {
        return false;
    };
    // "all" prints every page, to compare the facts before and after a change.
    let shown: Vec<_> = pages
        .iter()
        .filter(|(e, _)| id == "all" || e.id == id)
        .collect();
    if shown.is_empty() {
        eprintln!("no cached page has the id {id}");
        return false;
    }
    for (entry, facts) in shown {
        println!("{} ({}) labeled {}", entry.id, entry.url, entry.labels.kind);
        println!(
            "{}",
            serde_json::to_string_pretty(facts).unwrap_or_default()
        );
    }
    true
}

/// Lower-case alphanumeric words.
fn norm(text: &str) -> BTreeSet<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Most of the labeled name's words are in the extracted one.
fn similar(got: &str, want: &str) -> bool {
    let (got, want) = (norm(got), norm(want));
    !want.is_empty() && want.intersection(&got).count() * 5 >= want.len() * 4
}

#[derive(Default)]
struct Tally {
    right: usize,
    total: usize,
}

impl Tally {
    fn add(&mut self, right: bool) {
        self.total += 1;
        self.right += usize::from(right);
    }

    fn pct(&self) -> f64 {
        if self.total == 0 {
            100.0
        } else {
            self.right as f64 * 100.0 / self.total as f64
        }
    }

    fn cell(&self) -> String {
        format!("{}/{} ({:.1}%)", self.right, self.total, self.pct())
    }
}

/// Measures the development set; `None` when it is not cached, else
/// whether every target is met.
pub(crate) fn run(root: &Path, cache: &Path) -> Option<bool> {
    let pages = load(root, cache)?;
    let shops: BTreeSet<&str> = pages.iter().map(|(e, _)| e.shop.as_str()).collect();
    let countries: BTreeSet<String> = pages
        .iter()
        .map(|(e, _)| e.country.to_uppercase())
        .collect();
    let repos: BTreeSet<&str> = pages.iter().map(|(e, _)| e.repo.as_str()).collect();
    println!(
        "\nReal development set: {} pages from {} shops in {} countries ({} source repositories)\n",
        pages.len(),
        shops.len(),
        countries.len(),
        repos.len()
    );
    let mut confusion: BTreeMap<(&str, String), usize> = BTreeMap::new();
    let (mut kind, mut listing_as_product, mut dead, mut oos) = (
        Tally::default(),
        Tally::default(),
        Tally::default(),
        Tally::default(),
    );
    let (mut name, mut brand, mut price) = (Tally::default(), Tally::default(), Tally::default());
    let mut in_stock_as_out = Tally::default();
    let mut misses = Vec::new();
    // `--facts`: also list the pages whose name, brand or price is misread.
    let facts_too = std::env::args().any(|a| a == "--facts");
    for (entry, facts) in &pages {
        let want = entry.labels.kind.as_str();
        let got = facts.kind.to_string();
        *confusion.entry((want, got.clone())).or_default() += 1;
        kind.add(got == want);
        if got != want {
            misses.push(format!(
                "{} [{want} -> {got}] {} — {}",
                entry.id, entry.url, facts.kind_reason
            ));
        }
        if want == "category" {
            listing_as_product.add(got == "product");
        }
        if matches!(want, "error" | "blocked") {
            dead.add(matches!(got.as_str(), "error" | "blocked"));
        }
        if want != "product" {
            continue;
        }
        let product = &facts.product;
        if entry.labels.stock.as_deref() == Some("out_of_stock") {
            let seen = product
                .availability
                .as_ref()
                .is_some_and(|a| !a.value.purchasable());
            oos.add(seen);
            if !seen {
                misses.push(format!(
                    "{} [out of stock not seen: {:?}] {}",
                    entry.id,
                    product.availability.as_ref().map(|a| a.value),
                    entry.url
                ));
            }
        }
        if entry.labels.stock.as_deref() == Some("in_stock") {
            let wrong = product
                .availability
                .as_ref()
                .is_some_and(|a| !a.value.purchasable());
            in_stock_as_out.add(wrong);
            if wrong {
                misses.push(format!(
                    "{} [in stock, read as {:?}] {}",
                    entry.id,
                    product.availability.as_ref().map(|a| a.value),
                    entry.url
                ));
            }
        }
        if let Some(want) = &entry.labels.name {
            let got = product.name.as_ref().map_or("", |n| n.value.as_str());
            name.add(similar(got, want));
            if facts_too && !similar(got, want) {
                misses.push(format!("{} [name {want:?}, read {got:?}]", entry.id));
            }
        }
        if let Some(want) = &entry.labels.brand {
            let got = product.brand.as_ref().map_or("", |b| b.value.as_str());
            let right = similar(got, want) || similar(want, got) && !got.is_empty();
            brand.add(right);
            if facts_too && !right {
                misses.push(format!("{} [brand {want:?}, read {got:?}]", entry.id));
            }
        }
        if let (Some(amount), Some(currency)) = (entry.labels.price, &entry.labels.currency) {
            let right = product.price.as_ref().is_some_and(|p| {
                (p.value.amount - amount).abs() < 0.006
                    && p.value.currency.as_deref() == Some(currency.as_str())
            });
            price.add(right);
            if facts_too && !right {
                let got = product.price.as_ref().map(|p| &p.value);
                misses.push(format!(
                    "{} [price {amount} {currency}, read {:?} {:?}] {}",
                    entry.id,
                    got.map(|p| p.amount),
                    got.and_then(|p| p.currency.as_deref()),
                    entry.url
                ));
            }
        }
    }
    print_confusion(&confusion);
    let targets = [
        ("page kind right", kind.cell(), kind.pct() >= 95.0, "≥ 95%"),
        (
            "listings called product",
            listing_as_product.cell(),
            listing_as_product.pct() <= 2.0,
            "≤ 2%",
        ),
        (
            "not-found / blocked recognised",
            dead.cell(),
            dead.pct() >= 95.0,
            "≥ 95%",
        ),
        ("out of stock seen", oos.cell(), oos.pct() >= 90.0, "≥ 90%"),
        (
            "in stock read as out of stock",
            in_stock_as_out.cell(),
            true,
            "-",
        ),
        ("product name", name.cell(), true, "-"),
        ("brand", brand.cell(), true, "-"),
        ("price + currency", price.cell(), true, "-"),
    ];
    println!("\n| measure | result | target | met |");
    println!("| --- | ---: | ---: | :---: |");
    for (what, cell, met, target) in &targets {
        let mark = if *target == "-" {
            "-"
        } else if *met {
            "yes"
        } else {
            "NO"
        };
        println!("| {what} | {cell} | {target} | {mark} |");
    }
    if !misses.is_empty() {
        println!("\nPages landcheck reads differently from the labels:");
        for miss in &misses {
            println!("- {miss}");
        }
    }
    Some(targets.iter().all(|(_, _, met, _)| *met))
}

fn print_confusion(confusion: &BTreeMap<(&str, String), usize>) {
    println!("| labeled \\ landcheck | {} |", KINDS.join(" | "));
    println!("| --- |{}", " ---: |".repeat(KINDS.len()));
    for want in KINDS {
        let row: Vec<String> = KINDS
            .iter()
            .map(|got| {
                confusion
                    .get(&(*want, (*got).to_owned()))
                    .map_or_else(|| "·".to_owned(), ToString::to_string)
            })
            .collect();
        if row.iter().any(|c| c != "·") {
            println!("| **{want}** | {} |", row.join(" | "));
        }
    }
}
