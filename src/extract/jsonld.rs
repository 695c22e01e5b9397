//! schema.org JSON-LD: `Product`/`ProductGroup`/`Book` with their `Offer`s,
//! `BreadcrumbList`, and listings (`ItemList`, `CollectionPage`,
//! `SearchResultsPage`), inside arrays, `@graph` and `mainEntity`.
//! Broken blocks are skipped: one bad script must not hide the others.

use serde_json::{Map, Value};

use super::fact_text::clean;
use super::index::PageIndex;
use super::price::{availability_from_code, markup_price, parse_amount, Price};
use super::structured::{schema_type, ProductCandidate, Structured, PRODUCT_TYPES};
use super::{AggregateOffer, Listing, Offer};

/// Deeper nesting than this is not product markup.
const MAX_DEPTH: usize = 32;

const LIST_TYPES: &[&str] = &["ItemList", "OfferCatalog"];
const PAGE_TYPES: &[&str] = &[
    "CollectionPage",
    "SearchResultsPage",
    "WebSite",
    "ItemPage",
    "ProductPage",
];

pub(crate) fn read(page: &PageIndex<'_>) -> Structured {
    let mut found = Structured::default();
    for &script in &page.json_ld {
        let text: String = script.text().collect();
        let text = text
            .trim()
            .trim_start_matches("<!--")
            .trim_end_matches("-->");
        let text = text
            .trim()
            .trim_start_matches("<![CDATA[")
            .trim_end_matches("]]>");
        if let Ok(value) = serde_json::from_str::<Value>(text) {
            walk(&value, false, 0, &mut found);
        }
    }
    found
}

fn walk(value: &Value, in_list: bool, depth: usize, found: &mut Structured) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Value::Array(items) => items
            .iter()
            .for_each(|v| walk(v, in_list, depth + 1, found)),
        Value::Object(obj) => walk_object(obj, in_list, depth, found),
        _ => {}
    }
}

fn walk_object(obj: &Map<String, Value>, in_list: bool, depth: usize, found: &mut Structured) {
    if let Some(graph) = obj.get("@graph") {
        walk(graph, in_list, depth + 1, found);
    }
    let types = types_of(obj);
    let is = |names: &[&str]| types.iter().any(|t| names.contains(&t.as_str()));
    if is(PRODUCT_TYPES) {
        if !in_list {
            found.products.push(product(obj));
        }
        return;
    }
    if is(&["BreadcrumbList"]) {
        let trail = breadcrumb(obj);
        if found
            .breadcrumbs
            .as_ref()
            .is_none_or(|b| b.len() < trail.len())
        {
            found.breadcrumbs = Some(trail).filter(|t| !t.is_empty());
        }
        return;
    }
    for t in &types {
        if PAGE_TYPES.contains(&t.as_str()) && !found.types.contains(t) {
            found.types.push(t.clone());
        }
    }
    if is(LIST_TYPES) {
        let items = obj
            .get("numberOfItems")
            .and_then(Value::as_u64)
            .and_then(|n| usize::try_from(n).ok())
            .or_else(|| {
                obj.get("itemListElement")
                    .map(|v| v.as_array().map_or(1, Vec::len))
            })
            .unwrap_or(0);
        if found.listing.as_ref().is_none_or(|l| l.items < items) {
            let kind = types
                .iter()
                .find(|t| LIST_TYPES.contains(&t.as_str()))
                .cloned()
                .unwrap_or_default();
            found.listing = Some(Listing {
                items,
                found_as: kind,
            });
        }
        return;
    }
    let listing_page = is(&["CollectionPage", "SearchResultsPage"]);
    for key in ["mainEntity", "breadcrumb", "about"] {
        if let Some(child) = obj.get(key) {
            walk(child, in_list || listing_page, depth + 1, found);
        }
    }
}

fn types_of(obj: &Map<String, Value>) -> Vec<String> {
    let short = |s: &str| schema_type(s.rsplit(['/', ':']).next().unwrap_or(s));
    match obj.get("@type") {
        Some(Value::String(s)) => vec![short(s)],
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).map(short).collect(),
        _ => Vec::new(),
    }
}

/// The text of a value that may be a string, a number, `{name}` or a list.
fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => clean(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(o) => text(o.get("name")),
        Value::Array(items) => items.iter().find_map(|v| text(Some(v))),
        _ => None,
    }
}

fn first_text(obj: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| text(obj.get(*k)))
}

fn product(obj: &Map<String, Value>) -> ProductCandidate {
    let category = match obj.get("category") {
        Some(Value::Array(parts)) => {
            let parts: Vec<String> = parts.iter().filter_map(|p| text(Some(p))).collect();
            clean(&parts.join(" > "))
        }
        other => text(other),
    };
    let offers = offers_of(obj);
    let price = offers.iter().find_map(|o| o.price.clone());
    let availability = offers.iter().find_map(|o| o.availability);
    ProductCandidate {
        name: first_text(obj, &["name"]),
        brand: first_text(obj, &["brand", "manufacturer", "author"]),
        gtin: first_text(
            obj,
            &["gtin13", "gtin", "gtin12", "gtin14", "gtin8", "isbn"],
        ),
        sku: first_text(obj, &["sku"]),
        mpn: first_text(obj, &["mpn"]),
        category,
        price,
        availability,
        url: first_text(obj, &["url", "@id"]),
        offers,
        aggregate_offer: obj.get("offers").and_then(aggregate),
    }
}

/// The `AggregateOffer` among a product's offers.
fn aggregate(offers: &Value) -> Option<AggregateOffer> {
    let list: Vec<&Map<String, Value>> = match offers {
        Value::Array(items) => items.iter().filter_map(Value::as_object).collect(),
        Value::Object(o) => vec![o],
        _ => Vec::new(),
    };
    list.into_iter()
        .find(|o| types_of(o).iter().any(|t| t == "AggregateOffer"))
        .map(|o| AggregateOffer {
            count: first_text(o, &["offerCount"]).and_then(|n| n.trim().parse().ok()),
            low: first_text(o, &["lowPrice"]).and_then(|p| parse_amount(&p)),
            high: first_text(o, &["highPrice"]).and_then(|p| parse_amount(&p)),
        })
}

/// Offers at most read per product: a shoe in 12 sizes and 8 colours.
const MAX_OFFERS: usize = 200;

/// Every offer of a product and of its variants, in markup order.
fn offers_of(obj: &Map<String, Value>) -> Vec<Offer> {
    let mut out = Vec::new();
    if let Some(offers) = obj.get("offers") {
        collect_offers(offers, obj, &mut out, 0);
    }
    if let Some(Value::Array(variants)) = obj.get("hasVariant") {
        for variant in variants.iter().filter_map(Value::as_object) {
            if let Some(offers) = variant.get("offers") {
                collect_offers(offers, variant, &mut out, 0);
            }
        }
    }
    out.truncate(MAX_OFFERS);
    out
}

fn collect_offers(value: &Value, owner: &Map<String, Value>, out: &mut Vec<Offer>, depth: usize) {
    if depth > 3 || out.len() >= MAX_OFFERS {
        return;
    }
    match value {
        Value::Array(items) => items
            .iter()
            .for_each(|v| collect_offers(v, owner, out, depth + 1)),
        Value::Object(offer) => {
            // An AggregateOffer lists its offers, or gives a range only.
            if let Some(inner) = offer.get("offers") {
                let before = out.len();
                collect_offers(inner, owner, out, depth + 1);
                if out.len() > before {
                    return;
                }
            }
            let text_of =
                |keys: &[&str]| first_text(offer, keys).or_else(|| first_text(owner, keys));
            out.push(Offer {
                name: first_text(offer, &["name"]).or_else(|| first_text(owner, &["name"])),
                sku: text_of(&["sku"]),
                gtin: text_of(&["gtin13", "gtin", "gtin12", "gtin14", "gtin8"]),
                url: first_text(offer, &["url"]).or_else(|| first_text(owner, &["url"])),
                price: offer_price(offer),
                availability: first_text(offer, &["availability"])
                    .and_then(|a| availability_from_code(&a)),
            });
        }
        _ => {}
    }
}

fn one_object(value: &Value) -> Option<&Map<String, Value>> {
    match value {
        Value::Object(o) => Some(o),
        Value::Array(items) => items.iter().find_map(Value::as_object),
        _ => None,
    }
}

fn offer_price(offer: &Map<String, Value>) -> Option<Price> {
    let spec = offer.get("priceSpecification").and_then(one_object);
    let amount = first_text(offer, &["price", "lowPrice"])
        .or_else(|| spec.and_then(|s| first_text(s, &["price"])))?;
    let currency = first_text(offer, &["priceCurrency"])
        .or_else(|| spec.and_then(|s| first_text(s, &["priceCurrency"])));
    markup_price(&amount, currency.as_deref())
}

fn breadcrumb(obj: &Map<String, Value>) -> Vec<String> {
    let Some(Value::Array(items)) = obj.get("itemListElement") else {
        return Vec::new();
    };
    let mut named: Vec<(u64, String)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let item = item.as_object()?;
            let position = item
                .get("position")
                .and_then(Value::as_u64)
                .unwrap_or(i as u64);
            let name = first_text(item, &["name"]).or_else(|| text(item.get("item")))?;
            Some((position, name))
        })
        .collect();
    named.sort_by_key(|(p, _)| *p);
    named.into_iter().map(|(_, n)| n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn read_html(json: &str) -> Structured {
        read(&PageIndex::new(&Html::parse_document(&format!(
            r#"<script type="application/ld+json">{json}</script>"#
        ))))
    }

    #[test]
    fn product_in_graph_with_offer_and_breadcrumbs() {
        let found = read_html(
            r#"{"@context":"https://schema.org","@graph":[
              {"@type":"Organization","name":"Stride"},
              {"@type":"BreadcrumbList","itemListElement":[
                {"@type":"ListItem","position":2,"name":"Shoes"},
                {"@type":"ListItem","position":1,"item":{"@id":"/","name":"Home"}}]},
              {"@type":"Product","name":"Air Zoom","brand":{"@type":"Brand","name":"Nike"},
               "gtin13":"0196608420513","offers":[{"@type":"Offer","price":"129.99",
               "priceCurrency":"usd","availability":"https://schema.org/InStock"}]}]}"#,
        );
        let p = &found.products[0];
        assert_eq!(p.name.as_deref(), Some("Air Zoom"));
        assert_eq!(p.brand.as_deref(), Some("Nike"));
        assert_eq!(
            p.price,
            Some(Price {
                amount: 129.99,
                currency: Some("USD".into())
            })
        );
        assert_eq!(p.availability, Some(super::super::Availability::InStock));
        assert_eq!(found.breadcrumbs, Some(vec!["Home".into(), "Shoes".into()]));
    }

    #[test]
    fn listing_products_are_not_the_main_product() {
        let found = read_html(
            r#"{"@type":"CollectionPage","mainEntity":{"@type":"ItemList","itemListElement":[
              {"@type":"Product","name":"A"},{"@type":"Product","name":"B"},{"@type":"Product","name":"C"}]}}"#,
        );
        assert!(found.products.is_empty());
        assert_eq!(found.listing.map(|l| l.items), Some(3));
        assert_eq!(found.types, vec!["CollectionPage".to_owned()]);
    }

    #[test]
    fn every_offer_and_variant_is_read() {
        let found = read_html(
            r#"{"@type":"ProductGroup","name":"Tee","hasVariant":[
              {"@type":"Product","name":"Tee - Red / S","sku":"T-R-S","offers":{"@type":"Offer","price":"20","priceCurrency":"EUR","availability":"https://schema.org/OutOfStock"}},
              {"@type":"Product","name":"Tee - Blue / M","sku":"T-B-M","offers":{"@type":"Offer","price":"22","priceCurrency":"EUR","availability":"https://schema.org/InStock"}}]}"#,
        );
        let offers = &found.products[0].offers;
        assert_eq!(offers.len(), 2);
        assert_eq!(offers[1].sku.as_deref(), Some("T-B-M"));
        assert_eq!(offers[1].price.as_ref().map(|p| p.amount), Some(22.0));
        assert_eq!(
            offers[0].availability,
            Some(super::super::Availability::OutOfStock)
        );
    }

    #[test]
    fn broken_block_is_skipped() {
        let found = read_html(r#"{"@type":"Product","name": }"#);
        assert!(found.products.is_empty());
    }
}
