//! Which of the page's offers the ad points at: a product sold in sizes
//! and colours lists one offer per variant, each with its own price and
//! stock. The ad's URL (`?variant=`), its SKU or GTIN, or the colour and
//! size in its name pick one; with none picked the page's own price and
//! stock stand.

use std::collections::HashSet;

use crate::campaign::Ad;
use crate::extract::{Offer, PageFacts};

use super::text::words;

/// The offer the ad points at, when the page lists several.
pub(crate) fn chosen<'a>(ad: &Ad, facts: &'a PageFacts) -> Option<&'a Offer> {
    let offers = &facts.product.offers;
    if offers.len() < 2 {
        return None;
    }
    let declared = &ad.product;
    let same = |a: Option<&str>, b: Option<&str>| {
        a.zip(b)
            .is_some_and(|(a, b)| a.trim().eq_ignore_ascii_case(b.trim()))
    };
    let digits = |s: &str| s.trim_start_matches('0').to_owned();
    if let Some(offer) = offers.iter().find(|o| {
        same(o.sku.as_deref(), declared.sku.as_deref())
            || o.gtin
                .as_deref()
                .zip(declared.gtin.as_ref())
                .is_some_and(|(a, b)| digits(a) == digits(b.as_str()))
    }) {
        return Some(offer);
    }
    if let Some(offer) = facts.product.offer_selected_by(&ad.url) {
        return Some(offer);
    }
    by_name(&declared.name, facts)
}

/// The offer whose own words (its colour and size, beyond the product's
/// name) all appear in the ad's name; the one with most such words.
fn by_name<'a>(ad_name: &str, facts: &'a PageFacts) -> Option<&'a Offer> {
    let ad_words: HashSet<String> = words(ad_name).into_iter().collect();
    let product_words: HashSet<String> = facts
        .product
        .name
        .as_ref()
        .map(|n| words(&n.value).into_iter().collect())
        .unwrap_or_default();
    facts
        .product
        .offers
        .iter()
        .filter_map(|o| {
            let own: HashSet<String> = words(o.name.as_deref()?)
                .into_iter()
                .filter(|w| !product_words.contains(w))
                .collect();
            (!own.is_empty() && own.iter().all(|w| ad_words.contains(w))).then_some((o, own.len()))
        })
        .max_by_key(|(_, n)| *n)
        .map(|(o, _)| o)
}

/// The lowest and highest price among the offers in `currency`.
pub(crate) fn price_range(facts: &PageFacts, currency: &str) -> Option<(f64, f64)> {
    let prices: Vec<f64> = facts
        .product
        .offers
        .iter()
        .filter_map(|o| o.price.as_ref())
        .filter(|p| p.currency.as_deref().is_none_or(|c| c == currency))
        .map(|p| p.amount)
        .collect();
    let low = prices.iter().copied().reduce(f64::min)?;
    let high = prices.iter().copied().reduce(f64::max)?;
    (prices.len() >= 2 && high > low).then_some((low, high))
}
