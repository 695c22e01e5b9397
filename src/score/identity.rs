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
    // Words after the last " - " of an ad name usually describe a variant.
    let (core, variant) = split_variant(&declared.name);
    let variant_words: HashSet<String> = name_words(variant).into_iter().collect();
    let wanted: Vec<String> = name_words(&declared.name)
        .into_iter()
        .filter(|w| !brand_words.contains(w))
        .collect();
    let page_words = name_words(&page_name.value);
    let found: HashSet<String> = page_words
        .iter()
        .cloned()
        .chain(facts.h1.as_deref().map(name_words).unwrap_or_default())
        .chain(facts.title.as_deref().map(name_words).unwrap_or_default())
        .map(|w| stem(&w).to_owned())
        .collect();
    let page_has_quantity = page_words.iter().any(|w| is_quantity(w));
    let weight = |w: &String| {
        if (variant_words.contains(w) && !core.is_empty()) || (is_quantity(w) && !page_has_quantity)
        {
            0.2
        } else {
            weights.weight(w)
        }
    };
    let total: f64 = wanted.iter().map(weight).sum();
    let (matched, missing): (Vec<&String>, Vec<&String>) =
        wanted.iter().partition(|w| found.contains(stem(w)));
    let matched_weight: f64 = matched.iter().map(|w| weight(w)).sum();
    let mut score = if total > 0.0 {
        matched_weight / total * 100.0
    } else {
        100.0
    };
    let brand_note = brand_conflict(declared, facts);
    if brand_note.is_some() {
        score *= 0.5;
    }
    let sibling = sibling_model(&wanted, &page_words, &brand_words);
    if sibling.is_some() {
        score = score.min(f64::from(IDENTITY_WARN) - 1.0);
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
    if let Some(note) = &sibling {
        message.push_str(&format!("; {note}"));
    }
    let weighed = |list: &[&String]| {
        list.iter()
            .map(|w| format!("{w} ({:.1})", weight(w)))
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
