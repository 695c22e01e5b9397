//! Is the page's product the ad's product? A GTIN decides when both sides
//! have a valid one (and an equal SKU or MPN confirms); otherwise the
//! declared name's words are looked for in the page's product name and
//! title. Words count by how much they tell products apart: model numbers
//! most, words every ad of the campaign uses (IDF) or generic words such as
//! "men's" or "shoe" least; colours and sizes name variants, not products,
//! and are left out. The brand must agree, after aliasing.

use std::collections::{HashMap, HashSet};

use crate::campaign::gtin::gtin14;
use crate::campaign::DeclaredProduct;
use crate::extract::{Fact, PageFacts, Source};

use super::text::{is_variant_word, stem, words};
use super::{Check, CheckName, Outcome};

/// Scores at or above this pass.
pub const IDENTITY_PASS: u8 = 70;
/// Scores at or above this (and below a pass) warn.
pub const IDENTITY_WARN: u8 = 40;

const GENERIC: &[&str] = &[
    "men", "mens", "man", "women", "womens", "woman", "kids", "unisex", "shoe", "shoes", "new",
    "sale", "the", "and", "for", "with", "of", "a", "an", "de", "och", "und", "et", "y", "edition",
    "classic", "original", "official", "herr", "dam", "herren", "damen", "homme", "femme",
    "hombre", "mujer", "running", "sneaker", "sneakers", "jacket", "backpack", "book",
];

/// Brand spellings that name the same brand, as (alias, canonical).
const BRAND_ALIASES: &[(&str, &str)] = &[
    ("adidas originals", "adidas"),
    ("adidas performance", "adidas"),
    ("nike sportswear", "nike"),
    ("jordan", "nike"),
    ("the north face", "north face"),
    ("tnf", "north face"),
    ("levi strauss", "levis"),
    ("levi s", "levis"),
    ("hewlett packard", "hp"),
    ("h m", "hm"),
    ("apple inc", "apple"),
    ("samsung electronics", "samsung"),
];

/// Word weights learned from the campaign's own ad names.
#[derive(Debug, Clone, Default)]
pub(crate) struct Weights {
    documents: usize,
    frequency: HashMap<String, usize>,
}

impl Weights {
    /// Counts in how many ad names each word appears.
    pub(crate) fn learn<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut weights = Self::default();
        for name in names {
            weights.documents += 1;
            let unique: HashSet<String> = words(name)
                .into_iter()
                .map(|w| stem(&w).to_owned())
                .collect();
            for w in unique {
                *weights.frequency.entry(w).or_default() += 1;
            }
        }
        weights
    }

    fn weight(&self, word: &str) -> f64 {
        if word.chars().any(|c| c.is_ascii_digit()) {
            return 2.0;
        }
        let generic = if GENERIC.contains(&word) { 0.3 } else { 1.0 };
        // Inverse document frequency, once there are enough ads to learn from.
        let idf = match self.frequency.get(stem(word)) {
            Some(&df) if self.documents >= 10 => {
                1.0 / (1.0 + 4.0 * df as f64 / self.documents as f64)
            }
            _ => 1.0,
        };
        f64::min(generic, idf.max(0.2))
    }
}

/// The identity check and its 0-100 score.
pub(crate) fn check(
    declared: &DeclaredProduct,
    facts: &PageFacts,
    weights: &Weights,
) -> (Option<u8>, Check) {
    if let Some(decided) = by_identifier(declared, facts) {
        return decided;
    }
    let page_name = facts.product.name.clone().or_else(|| {
        facts.h1.clone().map(|value| Fact {
            value,
            source: Source::Html,
        })
    });
    let Some(page_name) = page_name else {
        return (
            None,
            Check::new(
                CheckName::Identity,
                Outcome::Warn,
                "the page names no product to compare with the ad",
            ),
        );
    };
    let brand_words: HashSet<String> = declared
        .brand
        .iter()
        .chain(facts.product.brand.as_ref().map(|b| &b.value))
        .flat_map(|b| words(b))
        .collect();
    let wanted: Vec<String> = words(&declared.name)
        .into_iter()
        .filter(|w| !brand_words.contains(w) && !is_variant_word(w))
        .collect();
    let found: HashSet<String> = words(&page_name.value)
        .iter()
        .chain(facts.h1.as_deref().map(words).unwrap_or_default().iter())
        .chain(facts.title.as_deref().map(words).unwrap_or_default().iter())
        .map(|w| stem(w).to_owned())
        .collect();
    let total: f64 = wanted.iter().map(|w| weights.weight(w)).sum();
    let (matched, missing): (Vec<&String>, Vec<&String>) =
        wanted.iter().partition(|w| found.contains(stem(w)));
    let matched_weight: f64 = matched.iter().map(|w| weights.weight(w)).sum();
    let mut score = if total > 0.0 {
        matched_weight / total * 100.0
    } else {
        100.0
    };
    let brand_note = brand_conflict(declared, facts);
    if brand_note.is_some() {
        score *= 0.5;
    }
    let score = score.round().clamp(0.0, 100.0) as u8;
    let outcome = if score >= IDENTITY_PASS {
        Outcome::Pass
    } else if score >= IDENTITY_WARN {
        Outcome::Warn
    } else {
        Outcome::Fail
    };
    let mut message = format!(
        "ad declares \"{}\", page shows \"{}\" ({}): {score}/100",
        declared.name,
        page_name.value,
        source_word(page_name.source)
    );
    if !missing.is_empty() {
        let missing: Vec<&str> = missing.iter().map(|w| w.as_str()).collect();
        message.push_str(&format!("; not on the page: {}", missing.join(", ")));
    }
    if let Some(note) = &brand_note {
        message.push_str(&format!("; {note}"));
    }
    let weighed = |list: &[&String]| {
        list.iter()
            .map(|w| format!("{w} ({:.1})", weights.weight(w)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let explain = vec![
        format!(
            "page name \"{}\" from {}",
            page_name.value,
            source_word(page_name.source)
        ),
        format!("matched words (weight): {}", or_none(&weighed(&matched))),
        format!("missing words (weight): {}", or_none(&weighed(&missing))),
        format!(
            "brand: ad {}, page {}",
            declared.brand.as_deref().unwrap_or("-"),
            facts
                .product
                .brand
                .as_ref()
                .map_or("-".to_owned(), |b| format!(
                    "{} ({})",
                    b.value,
                    source_word(b.source)
                ))
        ),
    ];
    (
        Some(score),
        Check::new(CheckName::Identity, outcome, message).with_explain(explain),
    )
}

fn or_none(text: &str) -> &str {
    if text.is_empty() {
        "none"
    } else {
        text
    }
}

pub(crate) fn source_word(source: Source) -> &'static str {
    match source {
        Source::Jsonld => "jsonld",
        Source::Microdata => "microdata",
        Source::Og => "og",
        Source::Html => "html",
        Source::Url => "url",
    }
}

/// A brand in one canonical spelling: "The North Face" = "TNF".
fn canonical_brand(brand: &str) -> String {
    let mut joined = words(brand)
        .into_iter()
        .filter(|w| {
            !matches!(
                w.as_str(),
                "inc"
                    | "gmbh"
                    | "ltd"
                    | "llc"
                    | "co"
                    | "ab"
                    | "sa"
                    | "ag"
                    | "store"
                    | "visit"
                    | "brand"
                    | "the"
            )
        })
        .collect::<Vec<_>>()
        .join(" ");
    if let Some((_, canonical)) = BRAND_ALIASES.iter().find(|(alias, _)| *alias == joined) {
        joined = (*canonical).to_owned();
    }
    joined
}

fn brand_conflict(declared: &DeclaredProduct, facts: &PageFacts) -> Option<String> {
    let want = declared.brand.as_deref()?;
    let page = facts.product.brand.as_ref()?;
    let (a, b) = (canonical_brand(want), canonical_brand(&page.value));
    (!a.is_empty() && !b.is_empty() && !a.contains(&b) && !b.contains(&a)).then(|| {
        format!(
            "brand differs: ad says \"{want}\", page says \"{}\"",
            page.value
        )
    })
}

/// GTIN digits padded to 14, when the check digit is right.
fn gtin_key(raw: &str) -> Option<String> {
    gtin14(raw).ok()
}

fn code_key(raw: &str) -> String {
    raw.chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_uppercase()
}

fn by_identifier(declared: &DeclaredProduct, facts: &PageFacts) -> Option<(Option<u8>, Check)> {
    let product = &facts.product;
    if let (Some(want), Some(page)) = (declared.gtin.as_deref(), product.gtin.as_ref()) {
        if let (Some(a), Some(b)) = (gtin_key(want), gtin_key(&page.value)) {
            let explain = vec![format!(
                "GTIN: ad {want}, page {} ({})",
                page.value,
                source_word(page.source)
            )];
            return Some(if a == b {
                (
                    Some(100),
                    Check::new(
                        CheckName::Identity,
                        Outcome::Pass,
                        format!(
                            "GTIN {want} matches the page's ({})",
                            source_word(page.source)
                        ),
                    )
                    .with_explain(explain),
                )
            } else {
                (
                    Some(0),
                    Check::new(
                        CheckName::Identity,
                        Outcome::Fail,
                        format!(
                            "ad declares GTIN {want}, page shows GTIN {} ({}): a different product",
                            page.value,
                            source_word(page.source)
                        ),
                    )
                    .with_explain(explain),
                )
            });
        }
    }
    for (label, want, page) in [
        ("SKU", declared.sku.as_deref(), product.sku.as_ref()),
        ("MPN", declared.mpn.as_deref(), product.mpn.as_ref()),
    ] {
        if let (Some(want), Some(page)) = (want, page) {
            if !code_key(want).is_empty() && code_key(want) == code_key(&page.value) {
                let message = format!(
                    "{label} {want} matches the page's ({})",
                    source_word(page.source)
                );
                return Some((
                    Some(100),
                    Check::new(CheckName::Identity, Outcome::Pass, message),
                ));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gtin_forms_compare_equal_and_bad_check_digits_are_ignored() {
        assert_eq!(gtin_key("9781847941831"), gtin_key("09781847941831"));
        assert!(gtin_key("4006381333931").is_some());
        assert_eq!(gtin_key("4006381333932"), None);
        assert_eq!(gtin_key("abc"), None);
    }

    #[test]
    fn brand_aliases() {
        assert_eq!(canonical_brand("The North Face"), canonical_brand("TNF"));
        assert_eq!(canonical_brand("ADIDAS"), "adidas");
        assert_eq!(canonical_brand("Visit the Samsung Store"), "samsung");
    }

    #[test]
    fn campaign_wide_words_weigh_less() {
        let names: Vec<String> = (b'a'..b'u')
            .map(|c| format!("Running shoe {}", char::from(c).to_string().repeat(3)))
            .collect();
        let weights = Weights::learn(names.iter().map(String::as_str));
        assert!(weights.weight("ccc") > weights.weight("running"));
        assert!(weights.weight("42") > weights.weight("ccc"));
    }
}
