//! Is the page's product the ad's product? Identifiers decide when both
//! sides have one; otherwise the declared name's words are looked for in
//! the page's product name, model numbers counting more than generic words
//! such as "men's" or "shoe", and the brand must agree.

use std::collections::HashSet;

use crate::campaign::DeclaredProduct;
use crate::extract::{Fact, PageFacts};

use super::text::{stem, words};
use super::{Check, CheckName, Outcome};

/// Scores at or above this pass.
pub const IDENTITY_PASS: u8 = 70;
/// Scores at or above this (and below a pass) warn.
pub const IDENTITY_WARN: u8 = 40;

const GENERIC: &[&str] = &[
    "men", "mens", "man", "women", "womens", "woman", "kids", "unisex", "shoe", "shoes", "new",
    "sale", "the", "and", "for", "with", "of", "a", "an", "de", "och", "und", "et", "y", "edition",
    "classic", "original", "official",
];

/// The identity check and its 0-100 score.
pub(crate) fn check(declared: &DeclaredProduct, facts: &PageFacts) -> (Option<u8>, Check) {
    if let Some(decided) = by_identifier(declared, facts) {
        return decided;
    }
    let page_name = facts.product.name.clone().or_else(|| {
        facts.h1.clone().map(|h| Fact {
            value: h,
            source: crate::extract::Source::Html,
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
        .as_deref()
        .map(words)
        .unwrap_or_default()
        .into_iter()
        .collect();
    let wanted: Vec<String> = words(&declared.name)
        .into_iter()
        .filter(|w| !brand_words.contains(w))
        .collect();
    let found: HashSet<String> = words(&page_name.value)
        .iter()
        .chain(facts.title.as_deref().map(words).unwrap_or_default().iter())
        .map(|w| stem(w).to_owned())
        .collect();
    let weight = |w: &str| {
        if w.chars().any(|c| c.is_ascii_digit()) {
            2.0
        } else if GENERIC.contains(&w) {
            0.3
        } else {
            1.0
        }
    };
    let total: f64 = wanted.iter().map(|w| weight(w)).sum();
    let missing: Vec<&str> = wanted
        .iter()
        .filter(|w| !found.contains(stem(w)))
        .map(String::as_str)
        .collect();
    let matched = total - missing.iter().map(|w| weight(w)).sum::<f64>();
    let mut score = if total > 0.0 {
        matched / total * 100.0
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
        source_word(&page_name)
    );
    if !missing.is_empty() {
        message.push_str(&format!("; not on the page: {}", missing.join(", ")));
    }
    if let Some(note) = brand_note {
        message.push_str(&format!("; {note}"));
    }
    (
        Some(score),
        Check::new(CheckName::Identity, outcome, message),
    )
}

fn source_word<T>(fact: &Fact<T>) -> String {
    serde_json::to_value(fact.source)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn brand_conflict(declared: &DeclaredProduct, facts: &PageFacts) -> Option<String> {
    let want = declared.brand.as_deref()?;
    let page = facts.product.brand.as_ref()?;
    let (a, b) = (words(want).join(" "), words(&page.value).join(" "));
    (!a.is_empty() && !b.is_empty() && !a.contains(&b) && !b.contains(&a)).then(|| {
        format!(
            "brand differs: ad says \"{want}\", page says \"{}\"",
            page.value
        )
    })
}

/// GTIN digits, padded to 14 so EAN-13 and UPC-12 forms compare equal.
fn gtin_key(raw: &str) -> Option<String> {
    let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    (matches!(digits.len(), 8 | 10 | 12 | 13 | 14)).then(|| format!("{digits:0>14}"))
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
            return Some(if a == b {
                (
                    Some(100),
                    Check::new(
                        CheckName::Identity,
                        Outcome::Pass,
                        format!("GTIN {want} matches the page's ({})", source_word(page)),
                    ),
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
                            source_word(page)
                        ),
                    ),
                )
            });
        }
    }
    for (label, want, page) in [
        ("SKU", declared.sku.as_deref(), product.sku.as_ref()),
        ("MPN", declared.mpn.as_deref(), product.mpn.as_ref()),
    ] {
        if let (Some(want), Some(page)) = (want, page) {
            if code_key(want) == code_key(&page.value) && !code_key(want).is_empty() {
                return Some((
                    Some(100),
                    Check::new(
                        CheckName::Identity,
                        Outcome::Pass,
                        format!("{label} {want} matches the page's ({})", source_word(page)),
                    ),
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
    fn gtin_forms_compare_equal() {
        assert_eq!(gtin_key("196608420513"), gtin_key("0196608420513"));
        assert_eq!(gtin_key("abc"), None);
    }
}
