//! A product's offers and variants as its markup lists them, and which
//! one the landing URL selects (`?variant=`, `?sku=`). With none selected
//! the product can be bought when any variant can.

use serde::{Deserialize, Serialize};
use url::Url;

use super::price::{Availability, Price};
use super::{Fact, ProductFacts};

/// schema.org `AggregateOffer`: how many offers, from what to what price.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AggregateOffer {
    /// `offerCount`.
    pub count: Option<usize>,
    /// `lowPrice`.
    pub low: Option<f64>,
    /// `highPrice`.
    pub high: Option<f64>,
}

impl AggregateOffer {
    /// Whether it sums up a whole listing rather than one product's
    /// sellers or sizes: many offers, or prices far apart.
    #[must_use]
    pub fn is_listing_summary(&self) -> bool {
        let spread = match (self.low, self.high) {
            (Some(low), Some(high)) if low > 0.0 => high / low,
            _ => 1.0,
        };
        self.count.is_some_and(|n| n >= 20) || (spread >= 4.0 && self.count.is_none_or(|n| n >= 3))
    }
}

/// One offer or variant of the page's product, as its markup lists it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Offer {
    /// The variant's name, e.g. "Tee - Blue / M".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The variant's SKU.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sku: Option<String>,
    /// The variant's GTIN.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gtin: Option<String>,
    /// The variant's own URL (often `?variant=`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Its price.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price: Option<Price>,
    /// Its stock status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability: Option<Availability>,
}

/// With several offers, the price and stock are the ones of the variant
/// the URL selects (`?variant=`, `?sku=`), else the product can be bought
/// when any variant can.
/// The offer a URL selects with `?variant=`, `?sku=`, `?pid=` or `?v=`:
/// the one with that SKU, or whose own URL carries that value.
fn selected_by<'a>(offers: &'a [Offer], url: &Url) -> Option<&'a Offer> {
    let selected: Vec<String> = url
        .query_pairs()
        .filter(|(k, _)| matches!(k.as_ref(), "variant" | "sku" | "pid" | "skuId" | "v"))
        .map(|(_, v)| v.into_owned())
        .collect();
    offers.iter().find(|o| {
        selected.iter().any(|v| {
            o.sku.as_deref() == Some(v.as_str())
                || o.url
                    .as_deref()
                    .is_some_and(|u| u.contains(&format!("={v}")))
        })
    })
}

impl ProductFacts {
    /// The offer `url` selects with `?variant=`, `?sku=`, `?pid=` or
    /// `?v=`, when the product lists several.
    #[must_use]
    pub fn offer_selected_by(&self, url: &Url) -> Option<&Offer> {
        selected_by(&self.offers, url)
    }
}

pub(crate) fn settle(product: &mut ProductFacts, url: &Url) {
    let Some(source) = product.price.as_ref().map(|p| p.source) else {
        return;
    };
    if product.offers.len() < 2 {
        return;
    }
    if let Some(offer) = selected_by(&product.offers, url).cloned() {
        if let Some(price) = offer.price {
            product.price = Some(Fact {
                value: price,
                source,
            });
        }
        if let Some(a) = offer.availability {
            product.availability = Some(Fact { value: a, source });
        }
    } else if let Some(a) = product
        .offers
        .iter()
        .filter_map(|o| o.availability)
        .find(|a| a.purchasable())
    {
        if product
            .availability
            .as_ref()
            .is_some_and(|f| !f.value.purchasable() && f.source == source)
        {
            product.availability = Some(Fact { value: a, source });
        }
    }
}
