//! Does the page belong to the ad's category? The ad's category path and
//! the page's breadcrumbs, product category or URL words are mapped to
//! shared concepts through a synonym table (shoes = footwear = sneakers =
//! trainers = skor = Schuhe ...), so "Shoes > Running shoes" against
//! "Men > Clothing" fails while "Hem > Väskor > Ryggsäckar" passes "Bags".

use std::collections::BTreeSet;

use crate::campaign::DeclaredProduct;
use crate::extract::PageFacts;

use super::text::{stem, words};
use super::{Check, CheckName, Outcome};

/// Concept name, then the normalised words that mean it.
const SYNONYMS: &[(&str, &[&str])] = &[
    (
        "footwear",
        &[
            "shoe",
            "footwear",
            "sneaker",
            "trainer",
            "skor",
            "sko",
            "schuhe",
            "schuh",
            "chaussure",
            "zapato",
            "zapatilla",
            "boot",
            "sandal",
            "loafer",
        ],
    ),
    (
        "clothing",
        &[
            "clothing",
            "clothe",
            "apparel",
            "klader",
            "bekleidung",
            "kleidung",
            "vetement",
            "ropa",
            "wear",
            "fashion",
            "garment",
        ],
    ),
    (
        "shirts",
        &[
            "shirt", "tshirt", "tee", "skjorta", "skjortor", "hemd", "hemden", "chemise", "camisa",
            "polo",
        ],
    ),
    (
        "trousers",
        &[
            "jean", "trouser", "pant", "chino", "byxor", "hose", "pantalon",
        ],
    ),
    (
        "jackets",
        &[
            "jacket",
            "coat",
            "outerwear",
            "jacka",
            "jackor",
            "jacke",
            "jacken",
            "veste",
            "manteau",
            "chaqueta",
            "abrigo",
            "parka",
        ],
    ),
    (
        "bags",
        &[
            "bag", "vaskor", "vaska", "tasche", "taschen", "sac", "bolso", "luggage", "handbag",
        ],
    ),
    (
        "backpacks",
        &[
            "backpack",
            "rucksack",
            "ryggsack",
            "ryggsackar",
            "daypack",
            "pack",
            "mochila",
            "sac a dos",
        ],
    ),
    (
        "books",
        &[
            "book",
            "bocker",
            "bok",
            "bucher",
            "buch",
            "livre",
            "libro",
            "novel",
            "paperback",
            "hardcover",
        ],
    ),
    (
        "running",
        &[
            "running", "run", "runner", "lopning", "lauf", "laufen", "course", "correr",
        ],
    ),
    (
        "hiking",
        &[
            "hiking",
            "trail",
            "outdoor",
            "trekking",
            "vandring",
            "wandern",
            "randonnee",
            "senderismo",
        ],
    ),
    (
        "electronics",
        &[
            "electronic",
            "electronics",
            "elektronik",
            "electronique",
            "electronica",
            "tech",
        ],
    ),
    (
        "phones",
        &[
            "phone",
            "smartphone",
            "mobile",
            "mobiltelefon",
            "handy",
            "telephone",
            "movil",
        ],
    ),
    (
        "laptops",
        &["laptop", "notebook", "barbar", "portable", "portatil"],
    ),
    (
        "beauty",
        &[
            "beauty", "cosmetic", "skonhet", "kosmetik", "beaute", "belleza", "makeup",
        ],
    ),
    (
        "grocery",
        &[
            "grocery",
            "food",
            "livsmedel",
            "mat",
            "lebensmittel",
            "epicerie",
            "alimentacion",
        ],
    ),
];

/// Words that say nothing about a category.
const NEUTRAL: &[&str] = &[
    "home",
    "hem",
    "start",
    "startseite",
    "accueil",
    "inicio",
    "men",
    "mens",
    "man",
    "herr",
    "herrar",
    "herren",
    "homme",
    "hommes",
    "hombre",
    "women",
    "womens",
    "dam",
    "damer",
    "damen",
    "femme",
    "femmes",
    "mujer",
    "kids",
    "barn",
    "all",
    "product",
    "products",
    "shop",
    "store",
    "sale",
    "new",
    "category",
    "categories",
    "collection",
    "collections",
    "and",
    "the",
    "for",
    "of",
    "c",
    "p",
    "dp",
    "en",
    "sv",
    "se",
    "us",
    "a",
    "och",
    "und",
    "et",
    "y",
    "de",
    "la",
    "el",
    "les",
    "fur",
    "family",
    "lifestyle",
    "health",
];

fn concepts(text: &str) -> BTreeSet<String> {
    let words = words(text);
    words
        .iter()
        .filter(|w| !NEUTRAL.contains(&w.as_str()) && !w.chars().all(|c| c.is_ascii_digit()))
        .map(|w| {
            let s = stem(w);
            SYNONYMS
                .iter()
                .find(|(_, list)| list.contains(&w.as_str()) || list.contains(&s))
                .map_or_else(|| s.to_owned(), |(concept, _)| (*concept).to_owned())
        })
        .collect()
}

/// The category check.
pub(crate) fn check(declared: &DeclaredProduct, facts: &PageFacts) -> Check {
    let Some(want) = declared.category.as_deref() else {
        return Check::new(
            CheckName::Category,
            Outcome::Skip,
            "the ad declares no category",
        );
    };
    let evidence: Vec<(String, &str)> = [
        facts
            .breadcrumbs
            .as_ref()
            .map(|b| (b.value.join(" > "), "breadcrumb")),
        facts
            .product
            .category
            .as_ref()
            .map(|c| (c.value.clone(), "product category")),
    ]
    .into_iter()
    .flatten()
    .collect();
    let url_words = facts.url_tokens.join(" ");
    let (page_text, page_concepts) = if evidence.is_empty() {
        ((url_words.clone(), "URL"), concepts(&url_words))
    } else {
        let all: Vec<&str> = evidence.iter().map(|(t, _)| t.as_str()).collect();
        (evidence[0].clone(), concepts(&all.join(" ")))
    };
    let wanted = concepts(want);
    if page_concepts.is_empty() {
        return Check::new(
            CheckName::Category,
            Outcome::Warn,
            format!("ad declares category \"{want}\" but the page shows no category (no breadcrumb, product category or telling URL)"),
        );
    }
    let shared: Vec<&String> = wanted.intersection(&page_concepts).collect();
    let (text, source) = page_text;
    if shared.is_empty() {
        Check::new(
            CheckName::Category,
            Outcome::Fail,
            format!("ad declares category \"{want}\" but the page is in \"{text}\" ({source})"),
        )
    } else {
        let shared: Vec<&str> = shared.iter().map(|s| s.as_str()).collect();
        Check::new(
            CheckName::Category,
            Outcome::Pass,
            format!(
                "\"{want}\" matches \"{text}\" ({source}) on {}",
                shared.join(", ")
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms_across_languages() {
        assert!(concepts("Shoes > Running shoes").contains("footwear"));
        assert!(concepts("Home > Men > Sneakers").contains("footwear"));
        assert!(concepts("Hem > Väskor > Ryggsäckar").contains("backpacks"));
        assert_eq!(
            concepts("Home > Men > Clothing"),
            BTreeSet::from(["clothing".to_owned()])
        );
    }
}
