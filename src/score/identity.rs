//! Is the page's product the ad's product? A GTIN decides when both sides
//! have a valid one (and an equal SKU or MPN confirms); otherwise the
//! declared name's words are looked for in the page's product name and
//! title. Words count by how much they tell products apart: model numbers
//! most, words every ad of the campaign uses (IDF) or generic words such as
//! "men's" or "shoe" least; colours and sizes name variants, not products,
//! and are left out. The brand must agree, after aliasing.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use crate::campaign::gtin::gtin14;
use crate::campaign::DeclaredProduct;
use crate::extract::{Fact, PageFacts, Source};

use super::brand::brand_conflict;
use super::text::{is_model_modifier, is_quantity, name_words, stem, words};
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

/// Word weights learned from the campaign's own ad names.
#[derive(Debug, Clone, Default)]
pub(crate) struct Weights {
    documents: u32,
    frequency: HashMap<String, u32>,
}

impl Weights {
    /// Counts in how many ad names each word appears.
    pub(crate) fn learn<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut weights = Self::default();
        for name in names {
            weights.documents = weights.documents.saturating_add(1);
            let unique: HashSet<String> = words(name)
                .into_iter()
                .map(|w| stem(&w).to_owned())
                .collect();
            for w in unique {
                let count = weights.frequency.entry(w).or_default();
                *count = count.saturating_add(1);
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
                1.0 / (1.0 + 4.0 * f64::from(df) / f64::from(self.documents))
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
        let message = "the page names no product to compare with the ad";
        return (
            None,
            Check::new(CheckName::Identity, Outcome::Warn, message),
        );
    };
    let brand_words: HashSet<String> = declared
        .brand
        .iter()
        .chain(facts.product.brand.as_ref().map(|b| &b.value))
        .flat_map(|b| words(b))
        .collect();
    let names = match_names(declared, facts, &page_name.value, &brand_words, weights);
    let mut score = names.score();
    let brand_note = brand_conflict(declared, facts);
    if brand_note.is_some() {
        score *= 0.5;
    }
    let sibling = sibling_model(&names.wanted(), &name_words(&page_name.value), &brand_words);
    if sibling.is_some() {
        score = score.min(f64::from(IDENTITY_WARN) - 1.0);
    }
    let score = percent(score);
    let outcome = if score >= IDENTITY_PASS {
        Outcome::Pass
    } else if score >= IDENTITY_WARN {
        Outcome::Warn
    } else {
        Outcome::Fail
    };
    let source = page_name.source;
    let mut message = format!(
        "ad declares \"{}\", page shows \"{}\" ({source}): {score}/100",
        declared.name, page_name.value
    );
    if !names.missing.is_empty() {
        let missing: Vec<&str> = names.missing.iter().map(|(w, _)| w.as_str()).collect();
        let _ = write!(message, "; not on the page: {}", missing.join(", "));
    }
    for note in brand_note.iter().chain(&sibling) {
        let _ = write!(message, "; {note}");
    }
    let page_brand = facts
        .product
        .brand
        .as_ref()
        .map_or("-".to_owned(), |b| format!("{} ({})", b.value, b.source));
    let explain = vec![
        format!("page name \"{}\" from {source}", page_name.value),
        format!("matched words (weight): {}", weighed(&names.matched)),
        format!("missing words (weight): {}", weighed(&names.missing)),
        format!(
            "brand: ad {}, page {page_brand}",
            declared.brand.as_deref().unwrap_or("-")
        ),
    ];
    (
        Some(score),
        Check::new(CheckName::Identity, outcome, message).with_explain(explain),
    )
}

/// The ad's name words found and not found on the page, with their weights.
struct NameMatch {
    matched: Vec<(String, f64)>,
    missing: Vec<(String, f64)>,
}

impl NameMatch {
    fn score(&self) -> f64 {
        let sum = |list: &[(String, f64)]| list.iter().map(|(_, w)| w).sum::<f64>();
        let total = sum(&self.matched) + sum(&self.missing);
        if total > 0.0 {
            sum(&self.matched) / total * 100.0
        } else {
            100.0
        }
    }

    fn wanted(&self) -> Vec<String> {
        self.matched
            .iter()
            .chain(&self.missing)
            .map(|(w, _)| w.clone())
            .collect()
    }
}

/// Looks for the ad's name words (less its brand) in the page's product
/// name, heading and title. Words after " - " in the ad name, and pack
/// sizes the page's name does not state, describe a variant and weigh
/// little.
fn match_names(
    declared: &DeclaredProduct,
    facts: &PageFacts,
    page_name: &str,
    brand_words: &HashSet<String>,
    weights: &Weights,
) -> NameMatch {
    let (core, variant) = split_variant(&declared.name);
    let variant_words: HashSet<String> = name_words(variant).into_iter().collect();
    let page_words = name_words(page_name);
    let page_has_quantity = page_words.iter().any(|w| is_quantity(w));
    let found: HashSet<String> = page_words
        .into_iter()
        .chain(facts.h1.as_deref().map(name_words).unwrap_or_default())
        .chain(facts.title.as_deref().map(name_words).unwrap_or_default())
        .map(|w| stem(&w).to_owned())
        .collect();
    let mut names = NameMatch {
        matched: Vec::new(),
        missing: Vec::new(),
    };
    for word in name_words(&declared.name)
        .into_iter()
        .filter(|w| !brand_words.contains(w))
    {
        let describes_variant = (variant_words.contains(&word) && !core.is_empty())
            || (is_quantity(&word) && !page_has_quantity);
        let weight = if describes_variant {
            0.2
        } else {
            weights.weight(&word)
        };
        if found.contains(stem(&word)) {
            names.matched.push((word, weight));
        } else {
            names.missing.push((word, weight));
        }
    }
    names
}

/// A 0-100 score as a whole number.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // clamped to 0..=100 first
fn percent(score: f64) -> u8 {
    score.round().clamp(0.0, 100.0) as u8
}

fn weighed(list: &[(String, f64)]) -> String {
    if list.is_empty() {
        return "none".into();
    }
    list.iter()
        .map(|(w, weight)| format!("{w} ({weight:.1})"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// An ad name's core and its trailing variant description, if any:
/// "Trail Runner - Moss/Sand, US 10" -> ("Trail Runner", "Moss/Sand, US 10").
fn split_variant(name: &str) -> (&str, &str) {
    let dash = [" - ", " – "]
        .iter()
        .filter_map(|sep| name.find(sep).map(|at| (at, sep.len())))
        .min();
    dash.or_else(|| name.rfind(", ").map(|at| (at, 2)))
        .map_or((name, ""), |(at, len)| {
            (name[..at].trim(), name[at + len..].trim())
        })
}

/// A page product that differs from the ad's by a model number or a
/// sibling word ("SM-5" vs "SM-8", "S24" vs "S24 Ultra").
fn sibling_model(wanted: &[String], page: &[String], brand: &HashSet<String>) -> Option<String> {
    let is_number = |w: &String| w.chars().all(|c| c.is_ascii_digit() || c == '.');
    let ad: HashSet<&String> = wanted.iter().collect();
    let shown: HashSet<&String> = page.iter().collect();
    let ad_numbers: Vec<&String> = wanted
        .iter()
        .filter(|w| is_number(w) && !shown.contains(w))
        .collect();
    let page_numbers: Vec<&String> = page
        .iter()
        .filter(|w| is_number(w) && !ad.contains(w) && !brand.contains(*w))
        .collect();
    if let (Some(a), Some(p)) = (ad_numbers.first(), page_numbers.first()) {
        return Some(format!("model number differs: ad {a}, page {p}"));
    }
    page.iter()
        .find(|w| is_model_modifier(w) && !ad.contains(w))
        .map(|w| format!("the page shows a sibling model (\"{w}\" is not in the ad)"))
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
                page.value, page.source
            )];
            return Some(if a == b {
                (
                    Some(100),
                    Check::new(
                        CheckName::Identity,
                        Outcome::Pass,
                        format!("GTIN {want} matches the page's ({})", page.source),
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
                            page.value, page.source
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
                let message = format!("{label} {want} matches the page's ({})", page.source);
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
    fn variants_and_siblings() {
        assert_eq!(
            split_variant("Trail Runner Men's - Moss/Sand, US 10"),
            ("Trail Runner Men's", "Moss/Sand, US 10")
        );
        assert_eq!(
            split_variant("Ullstrumpor 2-p, stl 42-44"),
            ("Ullstrumpor 2-p", "stl 42-44")
        );
        let w = |t: &str| name_words(t);
        let none = HashSet::new();
        assert!(
            sibling_model(&w("Calder SM-5 Monitor"), &w("Calder SM-8 Monitor"), &none)
                .unwrap()
                .contains("ad 5, page 8")
        );
        assert!(
            sibling_model(&w("Galaxy S24"), &w("Galaxy S24 Ultra"), &none)
                .unwrap()
                .contains("ultra")
        );
        assert_eq!(
            sibling_model(
                &w("Galaxy S24 Ultra"),
                &w("Samsung Galaxy S24 Ultra 256GB"),
                &none
            ),
            None
        );
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
