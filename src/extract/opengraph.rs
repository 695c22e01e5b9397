//! `OpenGraph` and `product:*` meta tags, as Facebook and Pinterest catalogs
//! ask shops to publish them.

use std::collections::HashMap;

use super::fact_text::clean;
use super::index::PageIndex;
use super::price::{availability_from_code, markup_price};
use super::structured::{ProductCandidate, Structured};

pub(crate) fn read(page: &PageIndex<'_>) -> Structured {
    let mut tags: HashMap<String, String> = HashMap::new();
    for &meta in &page.metas {
        let key = meta
            .attr("property")
            .or_else(|| meta.attr("name"))
            .unwrap_or_default();
        if let Some(content) = meta.attr("content").and_then(clean) {
            tags.entry(key.to_ascii_lowercase()).or_insert(content);
        }
    }
    let get = |keys: &[&str]| keys.iter().find_map(|k| tags.get(*k).cloned());
    let mut found = Structured::default();
    let og_type = get(&["og:type"]);
    if let Some(t) = &og_type {
        found.types.push(format!("og:{t}"));
    }
    let price = get(&["product:price:amount", "og:price:amount"]).and_then(|a| {
        markup_price(
            &a,
            get(&["product:price:currency", "og:price:currency"]).as_deref(),
        )
    });
    let is_product =
        og_type.as_deref().is_some_and(|t| t.starts_with("product")) || price.is_some();
    if is_product {
        found.products.push(ProductCandidate {
            name: get(&["og:title"]),
            brand: get(&["product:brand", "og:brand"]),
            gtin: get(&["product:gtin", "product:ean", "product:upc", "product:isbn"]),
            sku: get(&["product:retailer_item_id", "product:sku"]),
            mpn: get(&["product:mfr_part_no", "product:mpn"]),
            category: get(&["product:category", "product:product_type"]),
            price,
            availability: get(&["product:availability", "og:availability"])
                .and_then(|a| availability_from_code(&a)),
            url: get(&["og:url"]),
            offers: Vec::new(),
            aggregate_offer: None,
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::price::Price;
    use scraper::Html;

    #[test]
    fn reads_product_tags() {
        let doc = Html::parse_document(
            r#"<meta property="og:type" content="product"><meta property="og:title" content="Nano Puff">
            <meta property="product:price:amount" content="239.00"><meta property="product:price:currency" content="usd">
            <meta property="product:availability" content="in stock"><meta property="product:brand" content="Patagonia">"#,
        );
        let found = read(&PageIndex::new(&doc));
        let p = &found.products[0];
        assert_eq!(p.name.as_deref(), Some("Nano Puff"));
        assert_eq!(p.brand.as_deref(), Some("Patagonia"));
        assert_eq!(
            p.price,
            Some(Price {
                amount: 239.0,
                currency: Some("USD".into())
            })
        );
        assert_eq!(found.types, vec!["og:product".to_owned()]);
    }

    #[test]
    fn website_is_not_a_product() {
        let doc = Html::parse_document(
            r#"<meta property="og:type" content="website"><meta property="og:title" content="Shop">"#,
        );
        assert!(read(&PageIndex::new(&doc)).products.is_empty());
    }
}
