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

/// Words that mark another maker's article made to fit a brand.
const THIRD_PARTY: &[&str] = &[
    "compatible",
    "remanufactured",
    "refurbished",
    "replacement",
    "generic",
    "aftermarket",
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
    // A brand the other side names in its product name is no conflict:
    // a retailer's record may give the maker where the other gives the
    // product line ("Audiovox Sirius antenna" under Audiovox).
    let named = |brand: &str, name: &str| {
        let name = canonical_brand(name).replace(' ', "");
        !brand.is_empty() && name.contains(brand)
    };
    let page_name = facts.product.name.as_ref().map_or("", |f| f.value.as_str());
    // "Remanufactured HP 58 cartridge", "battery compatible with
    // Energizer": another maker's article names the brand it fits.
    let third_party = words(page_name)
        .iter()
        .any(|w| THIRD_PARTY.contains(&w.as_str()));
    if !third_party && (named(&a, page_name) || named(&b, &declared.name)) {
        return None;
    }
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
