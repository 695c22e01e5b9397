//! Amounts near a product that are not its price: instalments ("4 x 12,50 €",
//! "$32.50/mo"), savings ("You save $20"), mini-cart totals ("Subtotal:"),
//! free-shipping thresholds ("Gratis Versand ab 49 €") and unit prices
//! ("€12.50/kg"), rates ("1 point = 1 元"), prices before tax
//! (`zzgl. MwSt.`, "ex VAT"); and bare amounts under a price label
//! ("Preis: 89,99").
//!
//! Each kind of wording has cues that stand before the amount and cues that
//! follow it, so a text such as "$129.99 or 4 payments of $32.50" keeps its
//! first amount and drops the second.

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;

use super::amount::{parse_with_minor_units, NUMBER};
use super::currency::minor_units;

/// Why an amount on a product page is not the product's price.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NotAPrice {
    /// One payment of several: "4 x 12,50 €", "$32.50/mo", "EMI from ₹2,099".
    Instalment,
    /// An amount saved: "You save $20", "Sie sparen 20 €".
    Saving,
    /// A mini-cart total: "Subtotal: $59.00", "Warenkorb 0,00 €".
    CartTotal,
    /// A free-shipping threshold: "Free shipping over $50".
    ShippingThreshold,
    /// A price per weight or volume: "€12.50/kg", "2,49 € per 100 g".
    UnitPrice,
    /// What points or another currency are worth: "(1點=1元)", "$1 = 100 points".
    Rate,
    /// A price before tax, beside the one a visitor pays: "Brez DDV: 36.53€",
    /// `12,50 € zzgl. MwSt.`, "30 € HT".
    BeforeTax,
}

impl fmt::Display for NotAPrice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Instalment => "an instalment",
            Self::Saving => "a saving",
            Self::CartTotal => "a cart total",
            Self::ShippingThreshold => "a free-shipping threshold",
            Self::UnitPrice => "a unit price",
            Self::Rate => "a rate of exchange",
            Self::BeforeTax => "a price before tax",
        })
    }
}

/// Wording of one kind of non-price amount, as regex alternatives.
struct Wording {
    kind: NotAPrice,
    /// Stands just before the amount, and means the same anywhere in a text.
    before: &'static str,
    /// Follows the amount, and means the same anywhere in a text.
    after: &'static str,
    /// Stands just before the amount, but is too loose to judge a whole text
    /// by ("4 x" before "12,50 €" is an instalment, "2 x 500 g" is not).
    only_before: Option<&'static str>,
    /// The strict form of `only_before` for a whole text.
    only_anywhere: Option<&'static str>,
}

const WORDING: &[Wording] = &[
    Wording {
        kind: NotAPrice::Instalment,
        before: r"(?-u:\b)(?:payments?|instal?l?ments?|cuotas|parcelas|mensualit[ée]s|raten|rate\s+d[ai]|emi|interest-free|sin intereses|sem juros|zinsfrei)(?-u:\b)[^\d]{0,25}",
        after: r"(?:/|per|an?|pro|par|al|por|im)\s*(?:months?|mo|mth|monat|mois|mes|månad|mnd)(?-u:\b)|monthly|monatlich|mtl\.|mensuel|mensual|[x×]\s*\d{1,2}\s*(?:months?|mois|meses|monate|cuotas|parcelas)",
        only_before: Some(r"(?-u:\b)\d{1,2}\s*[x×]\s*(?:de\s+)?"),
        only_anywhere: Some(
            r"(?-u:\b)\d{1,2}\s*[x×]\s*(?:de\s+)?(?:\p{Sc}|[A-Z]{1,2}\$|\d+[.,]\d{2}(?-u:\b))",
        ),
    },
    Wording {
        kind: NotAPrice::Saving,
        before: r"(?:(?-u:\b)(?:save|you save|saving|savings|spare|sparen|sie sparen|du sparst|ersparnis|economisez|ahorra|ahorras|ahorro|risparmi|risparmia|risparmio|bespaar|spara|du sparar|oszczędzasz)|économisez|économie)(?-u:\b)(?:\s+(?:up to|bis zu|jusqu'à|hasta))?",
        after: r"(?:off|rabatt|discount|de descuento|de réduction|di sconto|sparen|günstiger|billigare|cheaper)(?-u:\b)",
        only_before: None,
        only_anywhere: None,
    },
    Wording {
        kind: NotAPrice::CartTotal,
        before: r"(?-u:\b)(?:sub-?total|sous-total|zwischensumme|cart total|basket total|order total|estimated total|warenkorb|panier|carrito|carrello|varukorg|kundvagn|total\s*:)(?:\s*\(\d+[^)]*\))?",
        after: r"(?:in your cart|im warenkorb|dans (?:votre|le) panier)(?-u:\b)",
        only_before: None,
        only_anywhere: None,
    },
    Wording {
        kind: NotAPrice::ShippingThreshold,
        before: r"(?-u:\b)(?:shipping|delivery|versand\w*|lieferung|livraison|env[ií]o|spedizion[ei]|frakt\w*|verzend\w*)(?-u:\b)[^\d]{0,40}(?:(?-u:\b)(?:over|above|from|ab|dès|desde|a partir de|oltre|från|fra|vanaf)|à partir de|över)|(?-u:\b)(?:orders?|purchases?|bestellungen?|commandes?) (?:over|above|of|ab|de plus de|dès)|(?-u:\b)spend",
        after: r"(?:more )?(?:away from|to get|for|until|bis zu[mr]?|pour) (?:free|gratis|kostenlos\w*|la livraison)",
        only_before: None,
        only_anywhere: None,
    },
    Wording {
        kind: NotAPrice::UnitPrice,
        before: r"(?-u:\b)(?:grundpreis|unit price|price per|prix au|jämförpris|jmf\.?\s?pris|precio por|prezzo al)(?-u:\b)[^\d]{0,15}|(?-u:\b)\d+\s*(?:kg|g|l|ml)\s*=",
        after: r"(?:/|per|pro|par|le|la|al|por|je)\s*(?:\d+\s*)?(?:kg|g|gr|l|ltr|litre|liter|litro|ml|cl|m|m²|m2|lb|oz)(?-u:\b)",
        only_before: None,
        only_anywhere: None,
    },
    Wording {
        kind: NotAPrice::BeforeTax,
        before: r"(?-u:\b)(?:excl\.?|exkl\.?|excluding|ex\.?|without|ohne|zzgl\.?|hors|sin|sem|senza|brez|bez)\s*(?:vat|tax|taxes|mwst\.?|ust\.?|tva|iva|btw|ddv|dph|moms)(?-u:\b)|(?-u:\b)net(?:to)? price|(?-u:\b)nettopreis",
        after: r"(?-u:\b)(?:excl\.?|exkl\.?|excluding|ex\.?|without|ohne|zzgl\.?|hors|sin|sem|senza|brez|bez)\s*(?:vat|tax|taxes|mwst|ust|tva|iva|btw|ddv|dph|moms)(?-u:\b)|\+\s*(?:vat|mwst|tva|iva|btw)(?-u:\b)|(?-u:\b)ht(?-u:\b)|(?-u:\b)netto(?-u:\b)",
        only_before: None,
        only_anywhere: None,
    },
    Wording {
        kind: NotAPrice::Rate,
        before: r"\d[^\d=]{0,12}=",
        after: r"=\s*\d",
        only_before: None,
        only_anywhere: None,
    },
];

struct Cue {
    kind: NotAPrice,
    before: Regex,
    after: Regex,
    anywhere: Regex,
}

static CUES: LazyLock<Vec<Cue>> = LazyLock::new(|| {
    let compile = |pattern: String| Regex::new(&pattern).expect("valid regex");
    let or = |a: &str, b: Option<&str>| b.map_or_else(|| a.to_owned(), |b| format!("{a}|{b}"));
    WORDING
        .iter()
        .map(|w| Cue {
            kind: w.kind,
            before: compile(format!(
                r"(?i)(?:{})\s*[:：]?\s*$",
                or(w.before, w.only_before)
            )),
            after: compile(format!(r"(?i)^\s*(?:{})", w.after)),
            anywhere: compile(format!(
                r"(?i)(?:{})|(?:{})",
                or(w.before, w.only_anywhere),
                w.after
            )),
        })
        .collect()
});

/// How many characters of text before and after an amount tell its role.
const BEFORE_CHARS: usize = 60;
const AFTER_CHARS: usize = 30;

/// Why the amount printed between `before` and `after` is not the product's
/// price, judged by the wording right next to it.
///
/// `before` is the text up to the amount (with its currency sign), `after`
/// the text from its end; only the nearest 60 and 30 characters count.
pub(crate) fn not_a_price_around(before: &str, after: &str) -> Option<NotAPrice> {
    let before = tail(before, BEFORE_CHARS);
    let after = head(after, AFTER_CHARS);
    CUES.iter()
        .find(|cue| cue.before.is_match(before) || cue.after.is_match(after))
        .map(|cue| cue.kind)
}

/// Why a short text about an amount is not about the product's price:
/// instalment, saving, cart, free-shipping or unit-price wording anywhere in
/// it. Pass the candidate's own element and its label, not a whole product
/// block, which may show the price beside an instalment line.
#[allow(dead_code, reason = "for the visible-HTML extractor to call")]
pub(crate) fn not_a_price_reason(text_around: &str) -> Option<NotAPrice> {
    CUES.iter()
        .find(|cue| cue.anywhere.is_match(text_around))
        .map(|cue| cue.kind)
}

/// Whether a short text about an amount says it is not the product's price;
/// see [`not_a_price_reason`].
#[allow(dead_code, reason = "for the visible-HTML extractor to call")]
pub(crate) fn is_not_a_price_context(text_around: &str) -> bool {
    not_a_price_reason(text_around).is_some()
}

fn tail(text: &str, chars: usize) -> &str {
    let start = text
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    &text[start..]
}

fn head(text: &str, chars: usize) -> &str {
    let end = text
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i);
    &text[..end]
}

static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^\s*(?:(?:our|sale|special|your|current|now)\s+)?(?:price|preis|verkaufspreis|prix|precio|prezzo|preço|preco|pris|prijs|cena|cijena|fiyat|harga|giá|цена|ціна|価格|販売価格|本体価格|가격|판매가|السعر|מחיר)(?:\s*[(（][^)）]{{0,20}}[)）])?\s*[:：]?\s*(?P<num>{NUMBER})(?P<rest>.*)$"
    ))
    .expect("valid regex")
});

/// The bare number in a price element that carries a label but no currency:
/// "Price 89.99", "Preis: 89,99", "価格 16,500". The caller takes the
/// currency from the page's other facts; see [`parse_labelled_amount_in`]
/// when it is known, which settles `1.189,000` by its minor units.
#[allow(dead_code, reason = "for the visible-HTML extractor to call")]
pub(crate) fn parse_labelled_amount(text: &str) -> Option<f64> {
    labelled_number(text).and_then(|n| parse_with_minor_units(n, 2))
}

/// [`parse_labelled_amount`] for a known currency, e.g. TND's three decimals.
#[allow(dead_code, reason = "for the visible-HTML extractor to call")]
pub(crate) fn parse_labelled_amount_in(text: &str, currency: &str) -> Option<f64> {
    let minor = minor_units(currency).unwrap_or(2);
    labelled_number(text).and_then(|n| parse_with_minor_units(n, minor))
}

fn labelled_number(text: &str) -> Option<&str> {
    let text = text.trim();
    if text.chars().count() > 80 || is_not_a_price_context(text) {
        return None;
    }
    let caps = LABELLED.captures(text)?;
    let rest = caps.name("rest").map_or("", |r| r.as_str());
    let runs_on = rest.chars().next().is_some_and(char::is_alphanumeric);
    (!runs_on).then(|| caps.name("num").map(|n| n.as_str()))?
}

#[cfg(test)]
mod tests {
    use super::*;

    fn around(text: &str, amount: &str) -> Option<NotAPrice> {
        let at = text.find(amount).unwrap();
        not_a_price_around(&text[..at], &text[at + amount.len()..])
    }

    #[test]
    fn instalments() {
        use NotAPrice::Instalment;
        let pay_in_4 = "Pay in 4 interest-free payments of $32.50 with Klarna";
        assert_eq!(around(pay_in_4, "$32.50"), Some(Instalment));
        assert_eq!(around("or 4 x 12,50 €", "12,50 €"), Some(Instalment));
        assert_eq!(
            around("12x de R$ 10,83 sem juros", "R$ 10,83"),
            Some(Instalment)
        );
        assert_eq!(
            around("$32.50/mo for 12 months", "$32.50"),
            Some(Instalment)
        );
        assert_eq!(around("from $41 per month", "$41"), Some(Instalment));
        assert_eq!(around("£20 a month", "£20"), Some(Instalment));
        assert_eq!(
            around("3 mensualités de 33,33 €", "33,33 €"),
            Some(Instalment)
        );
        assert_eq!(around("EMI starts at ₹2,099", "₹2,099"), Some(Instalment));
        assert_eq!(around("6 cuotas de $ 1.500", "$ 1.500"), Some(Instalment));
        assert_eq!(
            around("10 parcelas de R$ 29,90", "R$ 29,90"),
            Some(Instalment)
        );
        assert_eq!(
            around("Raten ab 12,50 € monatlich", "12,50 €"),
            Some(Instalment)
        );
        let both = "$129.99 or 4 payments of $32.50";
        assert_eq!(not_a_price_around("", &both[7..]), None);
        assert_eq!(around(both, "$32.50"), Some(Instalment));
    }

    #[test]
    fn savings_carts_shipping_and_units() {
        use NotAPrice::{CartTotal, Saving, ShippingThreshold, UnitPrice};
        assert_eq!(around("Save $20 today", "$20"), Some(Saving));
        assert_eq!(around("You save: $20.00", "$20.00"), Some(Saving));
        assert_eq!(around("Spare 20 €", "20 €"), Some(Saving));
        assert_eq!(around("Sie sparen 20,00 €", "20,00 €"), Some(Saving));
        assert_eq!(around("Économisez 15 €", "15 €"), Some(Saving));
        assert_eq!(around("Ahorra 10 €", "10 €"), Some(Saving));
        assert_eq!(around("Risparmi 10 €", "10 €"), Some(Saving));
        assert_eq!(around("$20 off", "$20"), Some(Saving));
        assert_eq!(around("Subtotal: $59.00", "$59.00"), Some(CartTotal));
        assert_eq!(around("Cart total $0.00", "$0.00"), Some(CartTotal));
        assert_eq!(around("Warenkorb (2) 59,00 €", "59,00 €"), Some(CartTotal));
        assert_eq!(around("Panier 0,00 €", "0,00 €"), Some(CartTotal));
        assert_eq!(around("Total: $59.00", "$59.00"), Some(CartTotal));
        assert_eq!(
            around("Free shipping over $50", "$50"),
            Some(ShippingThreshold)
        );
        assert_eq!(
            around("Gratis Versand ab 49 €", "49 €"),
            Some(ShippingThreshold)
        );
        assert_eq!(
            around("Free delivery on orders over £40", "£40"),
            Some(ShippingThreshold)
        );
        assert_eq!(
            around("Livraison offerte à partir de 49 €", "49 €"),
            Some(ShippingThreshold)
        );
        assert_eq!(
            around("Fri frakt över 499 kr", "499 kr"),
            Some(ShippingThreshold)
        );
        assert_eq!(around("Économie 15 €", "15 €"), Some(Saving));
        assert_eq!(around("€12.50/kg", "€12.50"), Some(UnitPrice));
        assert_eq!(around("12,50 € / kg", "12,50 €"), Some(UnitPrice));
        assert_eq!(around("(2,49 € per 100 g)", "2,49 €"), Some(UnitPrice));
        assert_eq!(around("Grundpreis: 12,50 €", "12,50 €"), Some(UnitPrice));
        assert_eq!(around("1 kg = 12,50 €", "12,50 €"), Some(UnitPrice));
    }

    #[test]
    fn prices_before_tax_are_not_the_price() {
        use NotAPrice::BeforeTax;
        assert_eq!(around("Brez DDV: \n 36.53€", "36.53€"), Some(BeforeTax));
        assert_eq!(around("12,50 € zzgl. MwSt.", "12,50 €"), Some(BeforeTax));
        assert_eq!(around("30,00 € HT", "30,00 €"), Some(BeforeTax));
        assert_eq!(around("£20.00 ex VAT", "£20.00"), Some(BeforeTax));
        assert_eq!(around("19,99 € inkl. MwSt. zzgl. Versand", "19,99 €"), None);
        assert_eq!(around("$49.99 each", "$49.99"), None);
        assert!(!is_not_a_price_context("Weight 2 kg, night light $49.00"));
    }

    #[test]
    fn rates_are_not_prices() {
        use NotAPrice::Rate;
        assert_eq!(around("獲得現金積點：3 點 (1點=1元)", "1元"), Some(Rate));
        assert_eq!(around("$1 = 100 points", "$1"), Some(Rate));
        assert_eq!(around("Jetzt 79,00 € (= 2 x 39,50)", "79,00 €"), None);
    }

    #[test]
    fn prices_stay_prices() {
        for (text, amount) in [
            ("$129.99", "$129.99"),
            ("Price: £10.99 incl. VAT", "£10.99"),
            ("Jetzt nur 79,00 € inkl. MwSt.", "79,00 €"),
            ("2 x 500 g für 12,99 €", "12,99 €"),
            ("Pay later with Klarna. Price $129.99", "$129.99"),
            ("99 kr/st", "99 kr"),
            ("Ab 49 € im Shop", "49 €"),
            ("Total weight 2 kg, $49.00", "$49.00"),
        ] {
            assert_eq!(around(text, amount), None, "{text}");
        }
    }

    #[test]
    fn whole_texts() {
        assert!(is_not_a_price_context("Pay in 4 interest-free payments"));
        assert!(is_not_a_price_context("or 4 x 12,50 €"));
        assert!(is_not_a_price_context("per month"));
        assert!(is_not_a_price_context("Sie sparen"));
        assert!(is_not_a_price_context("Subtotal"));
        assert!(is_not_a_price_context("Free shipping over $50"));
        assert!(is_not_a_price_context("per 100 g"));
        assert!(is_not_a_price_context("cuotas sin interés"));
        assert!(!is_not_a_price_context("$129.99"));
        assert!(!is_not_a_price_context("Preis inkl. MwSt."));
        assert!(!is_not_a_price_context("2 x 500 g für 12,99 €"));
        assert_eq!(not_a_price_reason("€12.50/kg"), Some(NotAPrice::UnitPrice));
    }

    #[test]
    fn labelled_amounts() {
        assert_eq!(parse_labelled_amount("Price 89.99"), Some(89.99));
        assert_eq!(parse_labelled_amount("Preis: 89,99"), Some(89.99));
        assert_eq!(parse_labelled_amount("Prix 89,99"), Some(89.99));
        assert_eq!(parse_labelled_amount("Precio 89,99"), Some(89.99));
        assert_eq!(parse_labelled_amount("価格 16,500"), Some(16500.0));
        assert_eq!(parse_labelled_amount("価格（税込） 16,500"), Some(16500.0));
        assert_eq!(parse_labelled_amount("Our price: 1.299,00"), Some(1299.0));
        assert_eq!(parse_labelled_amount("Price 89.99 incl. VAT"), Some(89.99));
        assert_eq!(parse_labelled_amount("Price 3rd item"), None);
        assert_eq!(parse_labelled_amount("Price per kg 12,50"), None);
        assert_eq!(parse_labelled_amount("Prices from 89"), None);
        assert_eq!(parse_labelled_amount("89.99"), None);
        assert_eq!(
            parse_labelled_amount_in("Prix 1.189,000", "TND"),
            Some(1189.0)
        );
    }
}
