//! Stock as shops state it: schema.org availability codes and visible
//! wording in many languages ("Out of stock", "Ausverkauft", "品切れ").

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

/// Stock status of a product.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Availability {
    /// Can be bought now.
    InStock,
    /// Can be bought, in small numbers or with a delay.
    Limited,
    /// Can be ordered before release.
    PreOrder,
    /// Cannot be bought now.
    OutOfStock,
    /// Will not be sold again.
    Discontinued,
    /// Sold only as part of a bundle or a set, not on its own.
    BundleOnly,
}

impl std::fmt::Display for Availability {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::InStock => "in stock",
            Self::Limited => "in limited stock",
            Self::PreOrder => "available to pre-order",
            Self::OutOfStock => "out of stock",
            Self::Discontinued => "discontinued",
            Self::BundleOnly => "sold only as part of a bundle, not on its own",
        })
    }
}

impl Availability {
    /// Whether a visitor can buy the product.
    #[must_use]
    pub fn purchasable(self) -> bool {
        matches!(self, Self::InStock | Self::Limited | Self::PreOrder)
    }
}

/// Reads schema.org availability URLs and `OpenGraph` words.
pub(crate) fn availability_from_code(code: &str) -> Option<Availability> {
    let code = code.rsplit('/').next().unwrap_or(code).to_ascii_lowercase();
    let code = code.replace([' ', '_', '-'], "");
    Some(match code.as_str() {
        "instock" | "onlineonly" | "instoreonly" | "available" => Availability::InStock,
        "limitedavailability" | "backorder" | "availablefororder" => Availability::Limited,
        "preorder" | "presale" => Availability::PreOrder,
        "outofstock" | "soldout" | "oos" => Availability::OutOfStock,
        "discontinued" => Availability::Discontinued,
        _ => return None,
    })
}

static BUNDLE_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)not sold (?:individually|separately|on its own)|(?:only )?(?:available|sold) only (?:as part of|in) (?:a |the )?(?:bundle|set|kit)|bundle[- ]only|nicht einzeln (?:erhältlich|verkäuflich)|nur im (?:set|bundle) erhältlich|non vendu séparément|vendu uniquement (?:en|dans un) (?:lot|pack)|no se vende por separado|não vendido separadamente|non venduto separatamente|niet los verkrijgbaar|säljs inte separat").expect("valid regex")
});
static DISCONTINUED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)discontinued|no longer (?:available|sold)|utgått|nicht mehr erhältlich|n'est plus disponible|descatalogado").expect("valid regex")
});
static OUT_OF_STOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)out of stock|sold out|(?:currently|temporarily|item is|product is|is) unavailable|unavailable online|",
        r"coming soon|notify me when|email me when (?:it'?s )?(?:back|available)|listing (?:has |was )?ended|bidding has ended|",
        r"slut i lager|slutsåld|tillfälligt slut|ej i lager|ikke på lager|ingen på lager|motta varsel|udsolgt|ei varastossa|loppuunmyyty|",
        r"ausverkauft|nicht (?:auf lager|verfügbar|lieferbar)|vergriffen|derzeit nicht|",
        r"rupture de stock|épuisé|indisponible|bientôt disponible|",
        r"agotado|sin stock|no disponible|esgotado|indisponível|sem estoque|",
        r"non disponibile|esaurit[oa]|",
        r"uitverkocht|niet (?:beschikbaar|leverbaar|op voorraad)|tijdelijk niet|",
        r"brak (?:w magazynie|towaru)|niedostępny|wyprzedan|vyprodáno|nedostupn|tükendi|stokta yok|",
        r"hết hàng|stok habis|нет в наличии|распродан|немає в наявності|",
        r"品切れ|在庫切れ|売り切れ|缺货|无货|售罄|품절|غير متوفر|נגמר במלאי|สินค้าหมด"
    ))
    .expect("valid regex")
});
static LIMITED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)low stock|only \d+ left|\d+ left in stock|few left|nur noch \d+|wenige (?:artikel )?auf lager|endast \d+ kvar|få kvar|plus que \d+|stock limité|quedan \d+|últimas unidades|pocas unidades").expect("valid regex")
});
/// Stock wording that says the product can be bought, read anywhere.
static IN_STOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)finns i lager|sofort lieferbar|en existencia|в наличии|在庫あり|有货|재고 있음",
    )
    .expect("valid regex")
});
/// Stock wording that says the product can be bought, read only as whole
/// words ("available", not "unavailable"). The pattern has no `\b`: the
/// regex engine reads Unicode word boundaries with its slowest matcher
/// on any text with a non-ASCII letter, so [`in_stock`] checks the
/// characters around each match instead.
static IN_STOCK_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)in stock|i lager|på lager|auf lager|en stock|disponible|available|op voorraad|disponibile|em estoque").expect("valid regex")
});

/// Whether `text` says the product can be bought.
fn in_stock(text: &str) -> bool {
    IN_STOCK.is_match(text)
        || IN_STOCK_WORDS.find_iter(text).any(|m| {
            let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            !word(text[..m.start()].chars().next_back()) && !word(text[m.end()..].chars().next())
        })
}

/// Reads visible stock wording such as "Out of stock" or "I lager".
pub(crate) fn availability_from_text(text: &str) -> Option<Availability> {
    if BUNDLE_ONLY.is_match(text) {
        Some(Availability::BundleOnly)
    } else if DISCONTINUED.is_match(text) {
        Some(Availability::Discontinued)
    } else if OUT_OF_STOCK.is_match(text) {
        Some(Availability::OutOfStock)
    } else if LIMITED.is_match(text) {
        Some(Availability::Limited)
    } else if in_stock(text) {
        Some(Availability::InStock)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_availability() {
        assert_eq!(
            availability_from_code("https://schema.org/OutOfStock"),
            Some(Availability::OutOfStock)
        );
        assert_eq!(
            availability_from_code("in stock"),
            Some(Availability::InStock)
        );
        assert_eq!(
            availability_from_code("oos"),
            Some(Availability::OutOfStock)
        );
        assert_eq!(
            availability_from_text("Tyvärr: Slut i lager"),
            Some(Availability::OutOfStock)
        );
        assert_eq!(
            availability_from_text("I lager, skickas idag"),
            Some(Availability::InStock)
        );
        assert_eq!(
            availability_from_text("This item has been discontinued"),
            Some(Availability::Discontinued)
        );
    }

    #[test]
    fn in_stock_words_stand_alone() {
        assert!(in_stock("Ready to ship: available now"));
        assert!(in_stock("Ürün: disponible."));
        assert!(in_stock("Skor – finns i lager"));
        // Part of a longer word, in any script.
        assert!(!in_stock("Unavailable"));
        assert!(!in_stock("Ödisponible"));
        assert!(!in_stock("availableé"));
        assert!(!in_stock("Pinstock"));
    }

    #[test]
    fn stock_words_of_many_markets() {
        for (text, want) in [
            ("Actuellement indisponible.", Availability::OutOfStock),
            ("Non disponibile.", Availability::OutOfStock),
            ("De PlayStation 5 is uitverkocht.", Availability::OutOfStock),
            ("Bidding has ended on this item.", Availability::OutOfStock),
            ("Ingen på lager", Availability::OutOfStock),
            ("品切れ", Availability::OutOfStock),
            ("Not sold individually", Availability::BundleOnly),
            ("Nur im Set erhältlich", Availability::BundleOnly),
            ("Disponible", Availability::InStock),
        ] {
            assert_eq!(availability_from_text(text), Some(want), "{text}");
        }
        assert!(!Availability::BundleOnly.purchasable());
    }
}
