//! Money and stock wording as shops print them: `$1,234.56`, `1 299,00 kr`,
//! `€1.234,56`, `₹1,23,456`, `CHF 1'234.50`, "Slut i lager", "Ausverkauft".

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

/// A price found on a page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Price {
    /// The amount, e.g. `1099.0`.
    pub amount: f64,
    /// ISO 4217 code when the page makes it known.
    pub currency: Option<String>,
}

/// Stock status of a product.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
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
}

impl std::fmt::Display for Availability {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::InStock => "in stock",
            Self::Limited => "in limited stock",
            Self::PreOrder => "available to pre-order",
            Self::OutOfStock => "out of stock",
            Self::Discontinued => "discontinued",
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

static PRICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (?P<pre>US\$|A\$|C\$|NZ\$|R\$|[$€£₹¥]|Rs\.?|\b[A-Z]{3}\b)?\s?
        (?P<num>\d{1,3}(?:[.,'\u{a0}\u{202f}\ ]\d{2,3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)
        (?:\s?(?P<post>[€₹]|kr\b|:-|zł|Kč|\b[A-Z]{3}\b))?",
    )
    .expect("valid regex")
});

/// The first price with a currency in `text`.
pub(crate) fn parse_price_text(text: &str) -> Option<Price> {
    PRICE.captures_iter(text).find_map(|caps| {
        let symbol = caps.name("pre").or_else(|| caps.name("post"))?.as_str();
        let currency = currency_for_symbol(symbol)?;
        Some(Price {
            amount: parse_amount(caps.name("num")?.as_str())?,
            currency: Some(currency.to_owned()),
        })
    })
}

fn currency_for_symbol(symbol: &str) -> Option<&str> {
    Some(match symbol {
        "$" | "US$" => "USD",
        "€" => "EUR",
        "£" => "GBP",
        "₹" | "Rs" | "Rs." => "INR",
        "¥" => "JPY",
        "A$" => "AUD",
        "C$" => "CAD",
        "NZ$" => "NZD",
        "R$" => "BRL",
        "kr" | ":-" => "SEK",
        "zł" => "PLN",
        "Kč" => "CZK",
        code if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) => {
            KNOWN_CODES.contains(&code).then_some(code)?
        }
        _ => return None,
    })
}

const KNOWN_CODES: &[&str] = &[
    "USD", "EUR", "GBP", "SEK", "NOK", "DKK", "CHF", "INR", "JPY", "AUD", "CAD", "NZD", "PLN",
    "CZK", "BRL", "MXN", "CNY", "HKD", "SGD", "ZAR", "AED", "TRY", "HUF", "ISK",
];

/// A number as shops print it, whatever the thousands and decimal marks.
pub(crate) fn parse_amount(text: &str) -> Option<f64> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\'' | '\u{a0}' | '\u{202f}'))
        .collect();
    let last_mark = cleaned.rfind(['.', ',']);
    let normalised = match last_mark {
        Some(i) if (1..=2).contains(&(cleaned.len() - i - 1)) => {
            let (int, frac) = cleaned.split_at(i);
            format!("{}.{}", int.replace(['.', ','], ""), &frac[1..])
        }
        _ => cleaned.replace(['.', ','], ""),
    };
    normalised.parse().ok().filter(|n: &f64| n.is_finite())
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

static DISCONTINUED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)discontinued|no longer (?:available|sold)|utgått|nicht mehr erhältlich|n'est plus disponible|descatalogado").expect("valid regex")
});
static OUT_OF_STOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)out of stock|sold out|unavailable|slut i lager|slutsåld|tillfälligt slut|ej i lager|ausverkauft|nicht (?:auf lager|verfügbar|lieferbar)|rupture de stock|épuisé|agotado|sin stock|no disponible").expect("valid regex")
});
static LIMITED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)low stock|only \d+ left|\d+ left in stock|few left|nur noch \d+|wenige (?:artikel )?auf lager|endast \d+ kvar|få kvar|plus que \d+|stock limité|quedan \d+|últimas unidades|pocas unidades").expect("valid regex")
});
static IN_STOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bin stock\b|i lager|på lager|finns i lager|auf lager|sofort lieferbar|en stock|disponible|en existencia|available").expect("valid regex")
});

/// Reads visible stock wording such as "Out of stock" or "I lager".
pub(crate) fn availability_from_text(text: &str) -> Option<Availability> {
    if DISCONTINUED.is_match(text) {
        Some(Availability::Discontinued)
    } else if OUT_OF_STOCK.is_match(text) {
        Some(Availability::OutOfStock)
    } else if LIMITED.is_match(text) {
        Some(Availability::Limited)
    } else if IN_STOCK.is_match(text) {
        Some(Availability::InStock)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn price(text: &str) -> Option<(f64, String)> {
        parse_price_text(text).map(|p| (p.amount, p.currency.unwrap()))
    }

    #[test]
    fn reads_shop_price_formats() {
        assert_eq!(price("$1,234.56"), Some((1234.56, "USD".into())));
        assert_eq!(price("1 299,00 kr"), Some((1299.0, "SEK".into())));
        assert_eq!(price("€1.234,56"), Some((1234.56, "EUR".into())));
        assert_eq!(price("1.234,56 €"), Some((1234.56, "EUR".into())));
        assert_eq!(price("₹1,23,456"), Some((123_456.0, "INR".into())));
        assert_eq!(price("CHF 1'234.50"), Some((1234.5, "CHF".into())));
        assert_eq!(price("Price: £10.99"), Some((10.99, "GBP".into())));
        assert_eq!(price("Only 3 left"), None);
    }

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
}
