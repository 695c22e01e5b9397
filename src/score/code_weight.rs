//! How the model codes of both sides move the identity score: a shared
//! part number lifts it and names one article, a shared line name
//! ("Intuos4") counts as any word does, a variant suffix warns and another
//! code of the same shape fails. Kept apart from the verdict in
//! `identity.rs`.

use crate::campaign::DeclaredProduct;
use crate::extract::PageFacts;

use super::codes::{self, CodeEvidence};
use super::identity::{Weights, IDENTITY_PASS, IDENTITY_WARN};
use super::names::NameMatch;
use super::text::words;

/// The model codes of both sides compared: the ad's name and part numbers
/// against the page's name, heading, title and part numbers.
pub(super) fn code_evidence(
    declared: &DeclaredProduct,
    facts: &PageFacts,
    page_name: &str,
) -> CodeEvidence {
    let ad_text = [
        Some(declared.name.as_str()),
        declared.mpn.as_deref(),
        declared.sku.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let page_text = [
        Some(page_name),
        facts.h1.as_deref(),
        facts.title.as_deref(),
        facts.product.mpn.as_ref().map(|f| f.value.as_str()),
        facts.product.sku.as_ref().map(|f| f.value.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let ad_codes = codes::codes(&ad_text);
    match codes::compare(&ad_codes, &codes::codes(&page_text), &page_text) {
        // Only a code the ad's name states is one a visitor expects to
        // see: a declared SKU or MPN is the shop's own key, which many
        // product pages never print.
        CodeEvidence::None => unshown(&codes::codes(&declared.name), &page_text),
        evidence => evidence,
    }
}

/// The ad's model code when the page shows none of the ad's codes' numbers
/// anywhere: "H17" against a page that only says "Bluetooth Headset".
/// A number the page shows in other words ("Mat 24 x 36", "Elite-5")
/// is no evidence either way.
fn unshown(ad_codes: &[String], page_text: &str) -> CodeEvidence {
    let page_digits: String = page_text
        .chars()
        .map(|c| if c.is_ascii_digit() { c } else { ' ' })
        .collect();
    let page_numbers: Vec<&str> = page_digits.split_whitespace().collect();
    let longest_number = |code: &str| -> String {
        code.split(|c: char| !c.is_ascii_digit())
            .max_by_key(|run| run.len())
            .unwrap_or_default()
            .to_owned()
    };
    let numbered: Vec<(&String, String)> = ad_codes
        .iter()
        .map(|code| (code, longest_number(code)))
        .filter(|(_, number)| number.len() >= 2)
        .collect();
    let shown = numbered
        .iter()
        .any(|(_, number)| page_numbers.iter().any(|p| p.contains(number.as_str())));
    match numbered.first() {
        Some((code, _)) if !shown => CodeEvidence::Unshown((*code).clone()),
        _ => CodeEvidence::None,
    }
}

/// Whether a shared code is a product line and its generation written as
/// one word ("Intuos4", "XMS2", "G2"): letters and a single digit, which
/// many articles share, so its words count as any others do. "DMC-TS3"
/// and "CB2EC" are part numbers.
pub(super) fn is_line_name(code: &str, ad_name: &str) -> bool {
    let digits = code.chars().filter(char::is_ascii_digit).count();
    let letters_then_digit = code.ends_with(|c: char| c.is_ascii_digit())
        && code.starts_with(|c: char| c.is_ascii_lowercase());
    digits == 1 && letters_then_digit && words(ad_name).iter().any(|w| w == code)
}

/// Moves the score by what the model codes say; true when a part number
/// ("T1936AA", "WH-1000XM5") is shared, which names one article, where a
/// short model name ("S24") names a family with siblings.
pub(super) fn weigh_codes(
    evidence: &CodeEvidence,
    names: &NameMatch,
    weights: &Weights,
    line: bool,
    score: &mut f64,
    notes: &mut Vec<String>,
) -> bool {
    match evidence {
        CodeEvidence::Same(code) if !weights.is_common(code) && !line => {
            *score = score.max(90.0);
            return code.len() >= 5;
        }
        CodeEvidence::Variant(ad, page) => {
            *score = score.clamp(f64::from(IDENTITY_WARN), f64::from(IDENTITY_PASS) - 1.0);
            notes.push(format!("the page shows a variant: ad {ad}, page {page}"));
        }
        // A page that never shows the ad's model cannot confirm it.
        CodeEvidence::Unshown(code) if !weights.is_common(code) => {
            *score = score.min(f64::from(IDENTITY_PASS) - 1.0);
            notes.push(format!("the page does not show the ad's model {code}"));
        }
        CodeEvidence::Conflict(ad, page) => {
            *score = score.min(20.0);
            notes.push(format!("model code differs: ad {ad}, page {page}"));
        }
        _ => {
            if names.only_numbers_match() {
                *score = score.min(f64::from(IDENTITY_PASS) - 1.0);
                notes.push("only a bare number matches".into());
            }
        }
    }
    false
}
