//! Money and stock wording as shops print them: `$1,234.56`, `1 299,00 kr`,
//! `1.234,56 €`, `₹1,23,456`, `CHF 1’234.50`, `16,500円（税込）`,
//! `1 189,000 TND`, "Slut i lager", "Ausverkauft".
//!
//! The submodules read the parts: [`currency`] which currency a sign names
//! (from the page's market where signs are shared) and its minor units,
//! [`amount`] the number by those minor units, and [`context`] the wording
//! that makes an amount something other than the price (instalments,
//! savings, cart totals, shipping thresholds, unit prices), and
//! [`availability`] the stock wording and codes.
//!
//! For the visible-HTML extractor:
//! - [`parse_price_text_in`] with [`MarketHint::from_page`] reads a price
//!   candidate's text; [`parse_price_text`] is the same without a hint.
//! - [`is_not_a_price_context`] judges the text around a candidate element
//!   (its label, its parent's other text); [`not_a_price_reason`] says why.
//! - [`parse_labelled_amount`] reads "Preis: 89,99" in an element that is the
//!   price but prints no currency; the currency comes from the page's other
//!   facts.
//! - [`markup_price`] reads a structured-data price (JSON-LD, microdata,
//!   `OpenGraph`) by its currency, so `1189.000` TND stays 1189.

mod amount;
mod availability;
mod context;
mod currency;

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

pub(crate) use amount::join_split_decimals;
use amount::{parse_with_minor_units, NUMBER};
pub use availability::Availability;
pub(crate) use availability::{availability_from_code, availability_from_text};
use currency::{markup_currency, read_sign, Place, SIGNS};

#[allow(unused_imports, reason = "called by the visible-HTML extractor")]
pub(crate) use context::{
    is_not_a_price_context, not_a_price_around, not_a_price_reason, parse_labelled_amount,
    parse_labelled_amount_in, NotAPrice,
};
#[allow(unused_imports, reason = "called by the visible-HTML extractor")]
pub(crate) use currency::{format_amount, minor_units, MarketHint};

/// A price found on a page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Price {
    /// The amount, e.g. `1099.0`.
    pub amount: f64,
    /// ISO 4217 code when the page makes it known.
    pub currency: Option<String>,
}

impl Price {
    /// An amount with its currency's minor units, for messages: `16500 JPY`,
    /// `1189.000 TND`, `129.99 USD`.
    pub(crate) fn format_amount(amount: f64, currency: &str) -> String {
        format_amount(amount, currency)
    }
}

impl std::fmt::Display for Price {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.currency {
            Some(currency) => f.write_str(&format_amount(self.amount, currency)),
            None => write!(f, "{:.2}", self.amount),
        }
    }
}

/// A currency sign or ISO code, a number, and a sign or code after it;
/// [`Parts`] tells them apart in a match.
static PRICE: LazyLock<Regex> = LazyLock::new(|| {
    let signs = |keep: fn(Place) -> bool| {
        let mut texts: Vec<&str> = SIGNS
            .iter()
            .filter(|s| keep(s.place))
            .map(|s| s.text)
            .collect();
        texts.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
        let mut alternatives: Vec<String> = texts.into_iter().map(regex::escape).collect();
        alternatives.push(r"(?-u:\b)[A-Z]{3}(?-u:\b)".to_owned());
        alternatives.join("|")
    };
    let before = signs(|p| p != Place::After);
    let after = signs(|p| p != Place::Before);
    Regex::new(&format!(
        r"(?:{before})?\s{{0,2}}(?:{NUMBER})(?:\s{{0,2}}(?:{after}))?"
    ))
    .expect("valid regex")
});

/// The first price with a currency in `text`, reading shared signs (`kr`,
/// `$`, `¥`) as their default market's: SEK, USD, JPY.
pub(crate) fn parse_price_text(text: &str) -> Option<Price> {
    parse_price_text_in(text, MarketHint::NONE)
}

/// The first price with a currency in `text`, reading shared signs by the
/// page's market: `kr` is NOK on a Norwegian page, `¥` CNY on a Chinese one.
/// Amounts that the wording around them makes instalments, savings, cart
/// totals, shipping thresholds or unit prices are passed over.
pub(crate) fn parse_price_text_in(text: &str, hint: MarketHint) -> Option<Price> {
    // Every amount has a digit: most texts are passed over unread.
    if !text.chars().any(char::is_numeric) {
        return None;
    }
    let mut previous_end = 0;
    let mut from = 0;
    while let Some(whole) = PRICE.find_at(text, from) {
        from = whole.end();
        let Some(parts) = Parts::of(text, whole.range()) else {
            continue;
        };
        // "Art. 1984304 € 499,99": the sign leads the price, not the
        // article number before it. Read again from the sign.
        if let Some(sign) = parts.leading_sign_of_next(text) {
            from = sign;
            continue;
        }
        // A number starts where its digits start: "PS5 1984304 €" holds
        // "5 198" (no currency), then "4304 €", which is no amount at all;
        // a sign after it is read again with what follows.
        if text[..parts.num.start].ends_with(|c: char| c.is_ascii_digit()) {
            from = parts.num.end;
            continue;
        }
        let Some(currency) = currency_of(&parts, text, hint) else {
            continue;
        };
        let before = text.get(previous_end..whole.start()).unwrap_or("");
        previous_end = whole.end();
        if not_a_price_around(before, &text[whole.end()..]).is_some() {
            continue;
        }
        let minor = minor_units(currency).unwrap_or(2);
        // A zero is a placeholder that script fills in, or an empty cart.
        if let Some(amount) = parse_with_minor_units(&text[parts.num], minor).filter(|a| *a > 0.0) {
            return Some(Price {
                amount,
                currency: Some(currency.to_owned()),
            });
        }
    }
    None
}

/// The number alone, to find it inside a match of [`PRICE`].
static AMOUNT: LazyLock<Regex> = LazyLock::new(|| Regex::new(NUMBER).expect("valid regex"));

/// The parts of one match of [`PRICE`], as byte ranges of the text: the
/// sign before the number, the number, and the sign after it.
struct Parts {
    pre: Option<Range<usize>>,
    num: Range<usize>,
    post: Option<Range<usize>>,
}

impl Parts {
    /// The parts of the match of [`PRICE`] at `whole`. No sign holds a
    /// digit, so the number is the first one in the match; what stands
    /// before and after it, white space aside, are the signs. Read this
    /// way rather than by capture groups, which cost the regex engine
    /// about ten times as much on a long list of signs.
    fn of(text: &str, whole: Range<usize>) -> Option<Self> {
        let found = AMOUNT.find(&text[whole.clone()])?;
        let num = whole.start + found.start()..whole.start + found.end();
        let sign = |range: Range<usize>| {
            let part = &text[range.clone()];
            let start = range.start + (part.len() - part.trim_start().len());
            let end = range.end - (part.len() - part.trim_end().len());
            (start < end).then_some(start..end)
        };
        Some(Self {
            pre: sign(whole.start..num.start),
            post: sign(num.end..whole.end),
            num,
        })
    }

    /// Where the sign after this match's number starts, when it leads the
    /// price that follows instead: the number is a long bare run of digits
    /// (an article number), the sign can stand before a number, and a
    /// number with decimals follows it.
    fn leading_sign_of_next(&self, text: &str) -> Option<usize> {
        let post = self.post.clone().filter(|_| self.pre.is_none())?;
        let num = &text[self.num.clone()];
        if num.len() < 5 || !num.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let can_lead = SIGNS
            .iter()
            .find(|s| s.text == &text[post.clone()])
            .is_none_or(|s| s.place != Place::After);
        let next = text[post.end..].trim_start_matches([' ', '\u{a0}']);
        let gap = text.len() - post.end - next.len();
        let marked = next
            .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
            .next()
            .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()) && n.contains(['.', ',']));
        (can_lead && gap <= 2 && marked).then_some(post.start)
    }
}

/// The currency of one match: a code after the number, else the sign before
/// it, else the sign after it. Signs glued to words and weak signs on
/// unmarked numbers (`R5`, `TOP 10`) do not count.
fn currency_of(parts: &Parts, text: &str, hint: MarketHint) -> Option<&'static str> {
    let num = &text[parts.num.clone()];
    let marked = num.contains(|c: char| !c.is_ascii_digit());
    let read = |m: Range<usize>| {
        let (code, trusted) = read_sign(&text[m], hint)?;
        (trusted || marked).then_some(code)
    };
    let pre = parts.pre.clone().filter(|m| {
        let glued = text[..m.start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        !(glued && text[m.clone()].starts_with(char::is_alphanumeric))
    });
    let post = parts.post.clone().filter(|m| {
        let glued = text[m.end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
        !(glued && text[m.clone()].ends_with(char::is_alphanumeric))
    });
    if post.is_none() && text[parts.num.end..].starts_with(char::is_alphanumeric) {
        return None;
    }
    let post_code = post
        .clone()
        .filter(|m| m.len() == 3 && text[m.clone()].bytes().all(|b| b.is_ascii_uppercase()));
    post_code
        .and_then(read)
        .or_else(|| pre.and_then(read))
        .or_else(|| post.and_then(read))
}

/// A price as structured data (JSON-LD, microdata, `OpenGraph`) gives it:
/// the amount read by its currency's minor units (`1189.000` TND stays
/// 1189), the currency as an ISO 4217 code (`RUR` and `€` are mapped).
pub(crate) fn markup_price(amount: &str, currency: Option<&str>) -> Option<Price> {
    let currency = currency.and_then(markup_currency);
    let minor = currency.as_deref().and_then(minor_units).unwrap_or(2);
    Some(Price {
        amount: parse_with_minor_units(amount, minor)?,
        currency,
    })
}

/// A number as shops print it, whatever the thousands and decimal marks,
/// for a currency with two decimals.
pub(crate) fn parse_amount(text: &str) -> Option<f64> {
    parse_with_minor_units(text, 2)
}

#[cfg(test)]
#[path = "price_tests.rs"]
mod tests;
