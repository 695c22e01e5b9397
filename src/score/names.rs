//! Name matching for the identity check: which of the ad's name words
//! the page states, how much of the page's name the ad covers, and
//! whether the two names differ by a swapped word. Kept apart from the
//! verdict in `identity.rs`, which weighs these with codes, brands and
//! sibling words.

use std::collections::HashSet;

use crate::campaign::DeclaredProduct;
use crate::extract::PageFacts;

use super::identity::Weights;
use super::models::{
    is_bare_number, is_platform, modifier_key, name_words, platforms, quantity_numbers,
};
use super::siblings::licence_counts;
use super::specs::same_amount;
use super::spelling::{same_spelling, spelled_in};
use super::text::{is_quantity, stem};

/// The ad's name words found and not found on the page, with their weights.
pub(super) struct NameMatch {
    pub(super) matched: Vec<(String, f64)>,
    pub(super) missing: Vec<(String, f64)>,
}

impl NameMatch {
    pub(super) fn score(&self) -> f64 {
        let sum = |list: &[(String, f64)]| list.iter().map(|(_, w)| w).sum::<f64>();
        let total = sum(&self.matched) + sum(&self.missing);
        if total > 0.0 {
            sum(&self.matched) / total * 100.0
        } else {
            100.0
        }
    }

    /// Whether every word found is a bare number: "40" in "40% off" or in
    /// another product's name is no match.
    pub(super) fn only_numbers_match(&self) -> bool {
        !self.matched.is_empty() && self.matched.iter().all(|(w, _)| is_bare_number(w))
    }
}

/// The share of the page name's weight (less its brand) that the ad's name
/// states: a short page title ("MX Master 3S") is covered by a long
/// descriptive ad title.
pub(super) fn page_cover(
    ad_name: &str,
    page_name: &str,
    brand_words: &HashSet<String>,
    weights: &Weights,
) -> f64 {
    let ad_words = name_words(ad_name);
    let ad_has_quantity = ad_words.iter().any(|w| is_quantity(w));
    let ad_has_platform = ad_words.iter().any(|w| is_platform(w));
    let ad_words = with_compounds(ad_words);
    let ad: HashSet<&str> = ad_words.iter().map(|w| stem(modifier_key(w))).collect();
    let (mut found, mut total) = (0.0, 0.0);
    let mut seen = HashSet::new();
    for word in name_words(page_name)
        .into_iter()
        .filter(|w| !brand_words.contains(w))
    {
        if !seen.insert(word.clone()) {
            continue;
        }
        // A pack size or a platform the ad does not state narrows the
        // page's product down; it does not make it another one.
        let weight = if (is_quantity(&word) && !ad_has_quantity)
            || (is_platform(&word) && !ad_has_platform)
        {
            0.2
        } else {
            weights.weight(&word)
        };
        total += weight;
        let key = stem(modifier_key(&word));
        if ad.contains(key) || ad.iter().any(|a| same_spelling(a, key)) {
            found += weight;
        }
    }
    if total > 0.0 {
        // A page name of generic words only ("Software") states too little
        // for the ad's words to cover it.
        found / total.max(1.0)
    } else {
        // A page name of brand words only ("Encore Software") names no
        // product for the ad's words to cover.
        0.0
    }
}

/// Words and each pair of neighbours written as one, since one shop writes
/// "spy sweeper" or "boom box" where another writes "spysweeper".
pub(super) fn with_compounds(words: Vec<String>) -> Vec<String> {
    let joined: Vec<String> = words
        .windows(2)
        .filter(|pair| pair.iter().all(|w| w.len() >= 2 && !is_bare_number(w)))
        .map(<[String]>::concat)
        .collect();
    words.into_iter().chain(joined).collect()
}

/// Looks for the ad's name words (less its brand) in the page's product
/// name, heading and title. Words after " - " in the ad name, and pack
/// sizes and platforms ("( Mac )") the page's name does not state,
/// describe a variant and weigh little.
pub(super) fn match_names(
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
    let page_platforms = platforms(&page_words);
    let ad_platforms = platforms(&name_words(&declared.name));
    // A hybrid ("Win/Mac") fits a page that names one of its platforms.
    let platform_fits = |word: &str| {
        platforms(&[word.to_owned()])
            .iter()
            .all(|p| page_platforms.contains(p))
    };
    let hybrid_fits =
        ad_platforms.len() >= 2 && ad_platforms.iter().any(|p| page_platforms.contains(p));
    let page_measures = quantity_numbers(&page_words);
    let page_licences = licence_counts(page_name);
    let page_quantities: Vec<String> = page_words
        .iter()
        .filter(|w| is_quantity(w))
        .cloned()
        .collect();
    let found: HashSet<String> = with_compounds(page_words)
        .into_iter()
        .chain(
            facts
                .h1
                .as_deref()
                .map(name_words)
                .map(with_compounds)
                .unwrap_or_default(),
        )
        .chain(
            facts
                .title
                .as_deref()
                .map(name_words)
                .map(with_compounds)
                .unwrap_or_default(),
        )
        .map(|w| stem(modifier_key(&w)).to_owned())
        .collect();
    let mut names = NameMatch {
        matched: Vec::new(),
        missing: Vec::new(),
    };
    let ad_words: Vec<String> = name_words(&declared.name)
        .into_iter()
        .filter(|w| !brand_words.contains(w))
        .collect();
    // "publisher deluxe" in the ad is "publisherdeluxe" on the page.
    let run_together = |i: usize| {
        let joined = |a: &String, b: &String| found.contains(stem(&format!("{a}{b}")));
        (i > 0 && joined(&ad_words[i - 1], &ad_words[i]))
            || ad_words
                .get(i + 1)
                .is_some_and(|next| joined(&ad_words[i], next))
    };
    for (i, word) in ad_words.iter().enumerate() {
        let word = word.clone();
        let describes_variant = (variant_words.contains(&word) && !core.is_empty())
            || (is_quantity(&word) && !page_has_quantity)
            || (is_platform(&word) && hybrid_fits);
        // A platform the page leaves unsaid is no evidence either way.
        let weight = if is_platform(&word) && page_platforms.is_empty() {
            0.0
        } else if describes_variant {
            0.2
        } else {
            weights.weight(&word)
        };
        // "3 User" is the page's "3 PC": one count of licences.
        let licences = word
            .strip_suffix("user")
            .and_then(|n| n.parse::<u32>().ok())
            .is_some_and(|n| page_licences.contains(&n));
        // A bare "13.3" is the page's "13.3-inch", and "14.2MP" its
        // rounded "14 MP"; "Win" is the page's "PC".
        let measure = (is_platform(&word) && platform_fits(&word))
            || (is_bare_number(&word) && page_measures.contains(&word))
            || (is_quantity(&word) && page_quantities.iter().any(|q| same_amount(&word, q)))
            || licences;
        let key = stem(modifier_key(&word));
        if found.contains(key) || run_together(i) || measure || spelled_in(key, &found) {
            names.matched.push((word, weight));
        } else {
            names.missing.push((word, weight));
        }
    }
    names
}

/// An ad name's core and its trailing variant description, if any:
/// "Trail Runner - Moss/Sand, US 10" -> ("Trail Runner", "Moss/Sand, US 10").
pub(super) fn split_variant(name: &str) -> (&str, &str) {
    let dash = [" - ", " – "]
        .iter()
        .filter_map(|sep| name.find(sep).map(|at| (at, sep.len())))
        .min();
    dash.or_else(|| name.rfind(", ").map(|at| (at, 2)))
        .map_or((name, ""), |(at, len)| {
            (name[..at].trim(), name[at + len..].trim())
        })
}

/// A name's words (less the brand) in order, each in its matching form.
fn name_keys(name: &str, brand_words: &HashSet<String>) -> Vec<String> {
    name_words(name)
        .into_iter()
        .filter(|w| !brand_words.contains(w))
        .map(|w| stem(modifier_key(&w)).to_owned())
        .collect()
}

/// Whether a word tells products apart: letters only, not generic, not
/// a word most of the campaign's names use.
fn is_distinctive(word: &str, weights: &Weights) -> bool {
    // A platform is compared as such ("mac" against "ipod" is no swap).
    word.len() >= 3
        && word.chars().all(char::is_alphabetic)
        && !is_platform(word)
        && !is_platform(&format!("{word}s"))
        && weights.weight(word) >= 0.5
}

/// Two different names: in the same place, between the same words, each
/// side has a distinctive word the other lacks ("Instant Immersion Spanish
/// 2.0" and "Instant Immersion Italian 2.0", "New York Mets iPod case" and
/// "New York Jets iPod case"). No amount of shared words makes them the
/// same product. The ad's variant description (after " - ") is left out.
pub(super) fn names_differ(
    ad: &str,
    page: &str,
    brand_words: &HashSet<String>,
    weights: &Weights,
) -> Option<String> {
    let (ad, page) = (
        name_keys(split_variant(ad).0, brand_words),
        name_keys(page, brand_words),
    );
    let run = |keys: &[String]| keys.concat();
    let (ad_run, page_run) = (run(&ad), run(&page));
    // A word the other side lacks, even run together with a neighbour.
    let only = |keys: &[String], other: &[String], other_run: &str| -> Vec<usize> {
        (0..keys.len())
            .filter(|&i| {
                let w = &keys[i];
                is_distinctive(w, weights) && !other.contains(w) && !other_run.contains(w.as_str())
            })
            .collect()
    };
    let (ad_only, page_only) = (only(&ad, &page, &page_run), only(&page, &ad, &ad_run));
    let shared =
        |a: Option<&String>, p: Option<&String>| matches!((a, p), (Some(a), Some(p)) if a == p);
    for &i in &ad_only {
        for &j in &page_only {
            let before = i > 0 && j > 0 && shared(ad.get(i - 1), page.get(j - 1));
            let after = shared(ad.get(i + 1), page.get(j + 1));
            if (before || after) && !same_word(&ad, i, &page, j) {
                return Some(format!("the names differ: ad {}, page {}", ad[i], page[j]));
            }
        }
    }
    None
}

/// Two model numbers after the same line name: "laserjet 53x" against
/// "laserjet 98a", "iphone 3g" against "iphone 4" when each side's number
/// is missing from the other. "ipod touch 4g" and "ipod touch 4" share
/// their number.
pub(super) fn numbers_differ(
    ad: &str,
    page: &str,
    brand_words: &HashSet<String>,
) -> Option<String> {
    let (ad, page) = (
        name_keys(split_variant(ad).0, brand_words),
        name_keys(page, brand_words),
    );
    let lead = |w: &str| -> Option<u32> {
        let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    };
    let numbers = |keys: &[String]| -> Vec<u32> { keys.iter().filter_map(|w| lead(w)).collect() };
    let (ad_numbers, page_numbers) = (numbers(&ad), numbers(&page));
    for (i, a) in ad.iter().enumerate().skip(1) {
        let Some(n) = lead(a).filter(|n| !page_numbers.contains(n)) else {
            continue;
        };
        for (j, p) in page.iter().enumerate().skip(1) {
            let Some(m) = lead(p).filter(|m| !ad_numbers.contains(m)) else {
                continue;
            };
            let line = &ad[i - 1];
            if n != m
                && line == &page[j - 1]
                && line.chars().all(char::is_alphabetic)
                && line.len() >= 3
            {
                return Some(format!(
                    "model number differs: ad {line} {a}, page {line} {p}"
                ));
            }
        }
    }
    None
}

/// Whether `short` is `long` with letters left out, as shops shorten
/// words ("mnt" = "mount", "dlux" = "deluxe", "bkup" = "backup"): the same
/// first letter, most of the letters, in order.
fn is_abbreviation(short: &str, long: &str) -> bool {
    let (n, m) = (short.chars().count(), long.chars().count());
    if n < 3 || n >= m || 2 * n < m || short.chars().next() != long.chars().next() {
        return false;
    }
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|l| l == c))
}

/// Whether two words in the same place may still name one thing: written
/// in different scripts (a translation), one the initials of the other
/// side's next words ("EDP", "eau de parfum"), one shortened from the
/// other ("mnt", "mount"), or compounds of one stem ("ullstrumpor",
/// "vandringsstrumpa").
fn same_word(ad: &[String], i: usize, page: &[String], j: usize) -> bool {
    let (ad_word, page_word) = (&ad[i], &page[j]);
    let initials = |word: &str, keys: &[String], at: usize| {
        word.len() >= 2
            && keys.len() >= at + word.len()
            && keys[at..at + word.len()]
                .iter()
                .zip(word.chars())
                .all(|(key, c)| key.starts_with(c))
    };
    let stem_shared = (0..ad_word.len().saturating_sub(4))
        .filter(|&at| ad_word.is_char_boundary(at) && ad_word.is_char_boundary(at + 5))
        .any(|at| page_word.contains(&ad_word[at..at + 5]));
    ad_word.is_ascii() != page_word.is_ascii()
        || is_abbreviation(ad_word, page_word)
        || is_abbreviation(page_word, ad_word)
        || initials(ad_word, page, j)
        || initials(page_word, ad, i)
        || stem_shared
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_differ_only_by_a_swapped_word() {
        let (none, weights) = (HashSet::new(), Weights::default());
        let differ = |ad: &str, page: &str| names_differ(ad, page, &none, &weights).is_some();
        assert!(differ(
            "Instant Immersion Spanish 2.0",
            "Instant Immersion Italian 2.0"
        ));
        assert!(differ(
            "Sims 2 Nightlife Expansion Pack",
            "Sims 2 Seasons Expansion Pack"
        ));
        assert!(!differ(
            "Nuit d'Ambre EDP 100 ml",
            "Nuit d'Ambre Eau de Parfum"
        ));
        assert!(!differ(
            "Fjallvind ullstrumpor 2-p",
            "Fjallvind vandringsstrumpa 2-pack"
        ));
        assert!(!differ(
            "QuietPro 700 - Glacier White",
            "QuietPro 700 Wireless"
        ));
        assert!(!differ("Sims 2 Pets", "Sims 2 Pets for Mac"));
        // a shortened word
        assert!(!differ("Headrest iPad Car Mount", "Headrest iPad Car Mnt"));
        assert!(!differ(
            "Wiper Mat with Gripper Bottom",
            "Wiper Mat w Gripper Bottm"
        ));
        assert!(differ("Headrest iPad Car Mount", "Headrest iPad Car Mound"));
    }
}
