//! Brands compared the way a buyer reads them: case, accents, legal forms
//! and store wording ("Visit the Samsung Store") do not matter, and known
//! aliases name one brand ("TNF" = "The North Face").

use crate::campaign::DeclaredProduct;
use crate::extract::PageFacts;

use super::text::words;

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
                    | "corp"
                    | "corporation"
                    | "software"
                    | "technology"
                    | "technologies"
                    | "international"
                    | "generic"
            )
        })
        .collect::<Vec<_>>()
        .join(" ");
    if let Some((_, canonical)) = BRAND_ALIASES.iter().find(|(alias, _)| *alias == joined) {
        joined = (*canonical).to_owned();
    }
    joined
}

pub(crate) fn brand_conflict(declared: &DeclaredProduct, facts: &PageFacts) -> Option<String> {
    let want = declared.brand.as_deref()?;
    let page = facts.product.brand.as_ref()?;
    // "Cooler Master" = "CoolerMaster".
    let (a, b) = (
        canonical_brand(want).replace(' ', ""),
        canonical_brand(&page.value).replace(' ', ""),
    );
    (!a.is_empty() && !b.is_empty() && !a.contains(&b) && !b.contains(&a)).then(|| {
        format!(
            "brand differs: ad says \"{want}\", page says \"{}\"",
            page.value
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brand_aliases() {
        assert_eq!(canonical_brand("The North Face"), canonical_brand("TNF"));
        assert_eq!(canonical_brand("ADIDAS"), "adidas");
        assert_eq!(canonical_brand("Visit the Samsung Store"), "samsung");
        assert_eq!(canonical_brand("Corel Corporation"), "corel");
        assert_eq!(canonical_brand("Generic"), "");
    }
}
