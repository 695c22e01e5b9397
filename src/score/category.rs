//! Does the page belong to the ad's category? The most specific level of
//! the ad's category and the page's breadcrumbs, product category or URL
//! words are mapped to shared concepts through a synonym table in the
//! corpus languages (shoes = footwear = sneakers = Schuhe = skor ...), and
//! through a `--taxonomy` tree when given, whose parent categories a page
//! inherits. When the ad names a product type (shoes, jackets, books), the
//! page must show that type: "running" alone does not make running
//! clothing a match for running shoes.

use std::collections::{BTreeSet, HashMap};

use crate::campaign::DeclaredProduct;
use crate::extract::PageFacts;

use super::taxonomy::Taxonomy;
use super::text::{stem, words};
use super::vocabulary::{compound_attribute, concept_of, is_product_type, NEUTRAL};
use super::{Check, CheckName, Outcome};

/// The category vocabulary: built-in synonyms plus an optional taxonomy.
#[derive(Debug, Clone, Default)]
pub(crate) struct Vocabulary {
    /// Each taxonomy node's words, to its ancestors' concept names.
    nodes: Vec<(Vec<String>, Vec<String>)>,
    /// Nodes by the stem of their first word, so a text is matched against
    /// the few nodes that can start at each of its words, not all of them.
    by_first_word: HashMap<String, Vec<usize>>,
}

impl Vocabulary {
    pub(crate) fn with_taxonomy(taxonomy: &Taxonomy) -> Self {
        let mut nodes: HashMap<Vec<String>, Vec<String>> = HashMap::new();
        for path in &taxonomy.paths {
            let names: Vec<Vec<String>> = path.iter().map(|n| significant(n)).collect();
            if let Some((leaf, parents)) = names.split_last() {
                if !leaf.is_empty() {
                    let ancestors = parents
                        .iter()
                        .filter(|p| !p.is_empty())
                        .map(|p| node_concept(p))
                        .collect();
                    nodes.entry(leaf.clone()).or_insert(ancestors);
                }
            }
        }
        let nodes: Vec<(Vec<String>, Vec<String>)> = nodes.into_iter().collect();
        let mut by_first_word: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, (node, _)) in nodes.iter().enumerate() {
            by_first_word
                .entry(stem(&node[0]).to_owned())
                .or_default()
                .push(i);
        }
        Self {
            nodes,
            by_first_word,
        }
    }

    /// Concepts of a category text; with `inherit`, taxonomy parents too.
    fn concepts(&self, text: &str, inherit: bool) -> BTreeSet<String> {
        let words = significant(text);
        let mut found: BTreeSet<String> = words.iter().map(|w| concept_of(w)).collect();
        found.extend(
            words
                .iter()
                .filter_map(|w| compound_attribute(w))
                .map(str::to_owned),
        );
        let candidates: BTreeSet<usize> = words
            .iter()
            .filter_map(|w| self.by_first_word.get(stem(w)))
            .flatten()
            .copied()
            .collect();
        for (node, ancestors) in candidates.into_iter().map(|i| &self.nodes[i]) {
            if contains_phrase(&words, node) {
                found.insert(node_concept(node));
                if inherit {
                    found.extend(ancestors.iter().cloned());
                }
            }
        }
        found
    }
}

fn significant(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .filter(|w| !NEUTRAL.contains(&w.as_str()) && !w.chars().all(|c| c.is_ascii_digit()))
        .collect()
}

fn node_concept(words: &[String]) -> String {
    format!("taxonomy:{}", words.join(" "))
}

fn contains_phrase(words: &[String], phrase: &[String]) -> bool {
    !phrase.is_empty()
        && words
            .windows(phrase.len())
            .any(|w| w.iter().zip(phrase).all(|(a, b)| stem(a) == stem(b)))
}

/// The category check.
pub(crate) fn check(
    declared: &DeclaredProduct,
    facts: &PageFacts,
    vocabulary: &Vocabulary,
) -> Check {
    let Some(want) = declared.category.as_deref() else {
        return Check::new(
            CheckName::Category,
            Outcome::Skip,
            "the ad declares no category",
        );
    };
    let trail = facts.category_trail();
    let evidence: Vec<(String, &str)> = [
        (!trail.is_empty()).then(|| (trail.join(" > "), "breadcrumb")),
        facts
            .product
            .category
            .as_ref()
            .map(|c| (c.value.clone(), "product category")),
    ]
    .into_iter()
    .flatten()
    .collect();
    let (text, source) = evidence
        .first()
        .cloned()
        .unwrap_or_else(|| (facts.url_tokens.join(" "), "URL"));
    let all_text: Vec<&str> = evidence.iter().map(|(t, _)| t.as_str()).collect();
    let page_text = if evidence.is_empty() {
        text.clone()
    } else {
        all_text.join(" > ")
    };
    let page = vocabulary.concepts(&page_text, true);
    let levels: Vec<&str> = want
        .split('>')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut wanted = levels
        .iter()
        .rev()
        .map(|level| vocabulary.concepts(level, false))
        .find(|c| !c.is_empty())
        .unwrap_or_default();
    // "Shoes > Running": the product type comes from a parent level.
    if !wanted.iter().any(|c| is_product_type(c)) {
        let parents = vocabulary.concepts(want, false);
        wanted.extend(parents.into_iter().filter(|c| is_product_type(c)));
    }
    let explain = vec![
        format!(
            "ad concepts (most specific level of \"{want}\"): {}",
            join(&wanted)
        ),
        format!("page concepts ({source} \"{text}\"): {}", join(&page)),
    ];
    if page.is_empty() {
        return Check::new(
            CheckName::Category,
            Outcome::Warn,
            format!("ad declares category \"{want}\" but the page shows no category (no breadcrumb, product category or telling URL)"),
        )
        .with_explain(explain);
    }
    let wanted_types: BTreeSet<&String> = wanted.iter().filter(|c| is_product_type(c)).collect();
    let page_types: BTreeSet<&String> = page.iter().filter(|c| is_product_type(c)).collect();
    let shared: Vec<&String> = if wanted_types.is_empty() || page_types.is_empty() {
        wanted.intersection(&page).collect()
    } else {
        wanted_types.intersection(&page_types).copied().collect()
    };
    let (outcome, message) = if shared.is_empty() && evidence.is_empty() && page_types.is_empty() {
        // URL words can confirm a category but not deny one: most product
        // URLs name the product, not its category.
        let message = format!("the page shows no category to compare with \"{want}\" (no breadcrumb; URL words: {text})");
        (Outcome::Skip, message)
    } else if shared.is_empty() {
        let message =
            format!("ad declares category \"{want}\" but the page is in \"{text}\" ({source})");
        (Outcome::Fail, message)
    } else {
        let shared: Vec<&str> = shared.iter().map(|s| s.as_str()).collect();
        let message = format!(
            "\"{want}\" matches \"{text}\" ({source}) on {}",
            shared.join(", ")
        );
        (Outcome::Pass, message)
    };
    Check::new(CheckName::Category, outcome, message).with_explain(explain)
}

fn join(set: &BTreeSet<String>) -> String {
    if set.is_empty() {
        "none".into()
    } else {
        set.iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms_across_languages() {
        let v = Vocabulary::default();
        assert!(v
            .concepts("Shoes > Running shoes", false)
            .contains("footwear"));
        assert!(v
            .concepts("Home > Men > Sneakers", false)
            .contains("footwear"));
        assert!(v
            .concepts("Hem > Väskor > Ryggsäckar", false)
            .contains("backpacks"));
        assert!(v
            .concepts("Herren > Schuhe > Laufschuhe", false)
            .contains("footwear"));
        assert_eq!(
            v.concepts("Home > Men > Clothing", false),
            BTreeSet::from(["clothing".to_owned()])
        );
    }

    #[test]
    fn taxonomy_parents_are_inherited_by_pages_only() {
        let t =
            Taxonomy::parse("1 - Sporting Goods > Outdoor Recreation > Climbing > Carabiners\n")
                .unwrap();
        let v = Vocabulary::with_taxonomy(&t);
        let page = v.concepts("Gear > Carabiners", true);
        assert!(
            page.contains("taxonomy:climbing") && page.contains("taxonomy:carabiners"),
            "{page:?}"
        );
        assert!(!v
            .concepts("Carabiners", false)
            .contains("taxonomy:climbing"));
    }
}
