//! schema.org microdata: `itemscope`/`itemtype`/`itemprop` products with
//! nested `Offer` and `Brand`, and `BreadcrumbList`. A product inside a
//! list or inside another product (a "related items" carousel) is not the
//! page's product.

use scraper::ElementRef;

use super::fact_text::clean;
use super::index::PageIndex;
use super::price::{availability_from_code, markup_price, parse_amount};
use super::structured::{schema_type, ProductCandidate, Structured, PRODUCT_TYPES};
use super::{AggregateOffer, Listing};

const CONTAINER_TYPES: &[&str] = &[
    "ItemList",
    "ListItem",
    "OfferCatalog",
    "Product",
    "ProductGroup",
    "Book",
];

pub(crate) fn read(page: &PageIndex<'_>) -> Structured {
    let mut found = Structured::default();
    let mut products = 0;
    for &scope in &page.itemscopes {
        let types = item_types(scope);
        let is = |names: &[&str]| types.iter().any(|t| names.contains(&t.as_str()));
        if is(PRODUCT_TYPES) && is_top_level(scope) {
            products += 1;
            if !inside_container(scope) {
                found.products.push(product(scope));
            }
        } else if is(&["BreadcrumbList"]) && found.breadcrumbs.is_none() {
            let trail: Vec<String> = props(scope, "itemListElement")
                .filter_map(|item| prop_text(item, "name"))
                .collect();
            found.breadcrumbs = Some(trail).filter(|t| !t.is_empty());
        } else if is(&["CollectionPage", "SearchResultsPage"]) {
            found.types.extend(types.iter().cloned());
        }
    }
    if products >= super::LISTED_PRODUCTS {
        found.listing = Some(Listing {
            items: products,
            found_as: "microdata Products".into(),
        });
    }
    found
}

/// Whether an item stands for itself, not as another item's property: no
/// `itemprop`, no enclosing item, or the page's main entity
/// (`itemprop="mainEntityOfPage"` on the product itself).
fn is_top_level(scope: ElementRef<'_>) -> bool {
    scope.attr("itemprop").is_none_or(|p| {
        owner(scope).is_none()
            || p.split_whitespace()
                .any(|p| matches!(p, "mainEntity" | "mainEntityOfPage"))
    })
}

fn item_types(scope: ElementRef<'_>) -> Vec<String> {
    scope
        .attr("itemtype")
        .unwrap_or_default()
        .split_whitespace()
        .map(|t| schema_type(t.rsplit('/').next().unwrap_or(t)))
        .collect()
}

fn inside_container(scope: ElementRef<'_>) -> bool {
    scope.ancestors().filter_map(ElementRef::wrap).any(|a| {
        a.attr("itemscope").is_some()
            && item_types(a)
                .iter()
                .any(|t| CONTAINER_TYPES.contains(&t.as_str()))
    })
}

/// The nearest enclosing item of an element (not the element itself).
fn owner(element: ElementRef<'_>) -> Option<ElementRef<'_>> {
    element
        .ancestors()
        .filter_map(ElementRef::wrap)
        .find(|a| a.attr("itemscope").is_some())
}

/// The elements carrying property `name` of item `scope`.
fn props<'a>(scope: ElementRef<'a>, name: &'a str) -> impl Iterator<Item = ElementRef<'a>> + 'a {
    scope
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(move |e| {
            e.attr("itemprop")
                .is_some_and(|p| p.split_whitespace().any(|p| p.eq_ignore_ascii_case(name)))
                && owner(*e).is_some_and(|o| o.id() == scope.id())
        })
}

/// A property's value as microdata defines it for each element.
fn value(e: ElementRef<'_>) -> Option<String> {
    // `meta` and every other element: the `content` attribute if present.
    let attr = match e.value().name() {
        "link" | "a" | "area" => "href",
        "img" | "source" => "src",
        "time" => "datetime",
        "data" | "meter" => "value",
        _ => "content",
    };
    match e.attr(attr) {
        Some(v) => clean(v),
        None => clean(&e.text().collect::<String>()),
    }
}

fn prop_text(scope: ElementRef<'_>, name: &str) -> Option<String> {
    props(scope, name).find_map(|e| {
        if e.attr("itemscope").is_some() {
            // An item may carry its name as its own content:
            // `<meta itemscope itemtype="…/Brand" itemprop="brand" content="…">`.
            prop_text(e, "name").or_else(|| e.attr("content").and_then(clean))
        } else {
            value(e)
        }
    })
}

fn product(scope: ElementRef<'_>) -> ProductCandidate {
    let offer = props(scope, "offers").next();
    let price = offer.and_then(|o| {
        let amount = prop_text(o, "price").or_else(|| prop_text(o, "lowPrice"))?;
        markup_price(&amount, prop_text(o, "priceCurrency").as_deref())
    });
    let availability = offer
        .and_then(|o| prop_text(o, "availability"))
        .and_then(|a| availability_from_code(&a));
    ProductCandidate {
        name: prop_text(scope, "name"),
        brand: prop_text(scope, "brand").or_else(|| prop_text(scope, "manufacturer")),
        gtin: ["gtin13", "gtin", "gtin12", "gtin14", "gtin8", "isbn"]
            .iter()
            .find_map(|k| prop_text(scope, k)),
        sku: prop_text(scope, "sku"),
        mpn: prop_text(scope, "mpn"),
        category: prop_text(scope, "category"),
        price,
        availability,
        url: prop_text(scope, "url"),
        offers: Vec::new(),
        aggregate_offer: offer
            .filter(|o| {
                o.attr("itemtype")
                    .is_some_and(|t| t.ends_with("AggregateOffer"))
            })
            .map(|o| AggregateOffer {
                count: prop_text(o, "offerCount").and_then(|n| n.trim().parse().ok()),
                low: prop_text(o, "lowPrice").and_then(|p| parse_amount(&p)),
                high: prop_text(o, "highPrice").and_then(|p| parse_amount(&p)),
            }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    #[test]
    fn reads_product_offer_and_breadcrumbs() {
        let doc = Html::parse_document(
            r#"<ol itemscope itemtype="https://schema.org/BreadcrumbList">
              <li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem"><a itemprop="item" href="/"><span itemprop="name">Home</span></a></li>
              <li itemprop="itemListElement" itemscope itemtype="https://schema.org/ListItem"><span itemprop="name">Backpacks</span></li></ol>
            <div itemscope itemtype="https://schema.org/Product">
              <h1 itemprop="name">Osprey Talon 22</h1>
              <div itemprop="brand" itemscope itemtype="https://schema.org/Brand"><meta itemprop="name" content="Osprey"></div>
              <div itemprop="offers" itemscope itemtype="https://schema.org/Offer">
                <span itemprop="price" content="119.95">$119.95</span><meta itemprop="priceCurrency" content="USD">
                <link itemprop="availability" href="https://schema.org/InStock"></div>
              <div itemscope itemtype="https://schema.org/Product"><span itemprop="name">Related pack</span></div>
            </div>"#,
        );
        let found = read(&PageIndex::new(&doc));
        assert_eq!(found.products.len(), 1);
        let p = &found.products[0];
        assert_eq!(p.name.as_deref(), Some("Osprey Talon 22"));
        assert_eq!(p.brand.as_deref(), Some("Osprey"));
        assert_eq!(p.price.as_ref().map(|p| p.amount), Some(119.95));
        assert_eq!(
            found.breadcrumbs,
            Some(vec!["Home".into(), "Backpacks".into()])
        );
    }

    #[test]
    fn the_main_entity_is_the_product() {
        let doc = Html::parse_document(
            r#"<div itemprop="mainEntityOfPage" itemscope itemtype="https://schema.org/Product">
              <h1 itemprop="name">Tapo C200 Camera</h1>
              <ul itemprop="offers" itemscope itemtype="https://schema.org/Offer" itemref="branch">
                <li itemprop="price" content="34.99"><span itemprop="priceCurrency" content="GBP"></span><h2>£34.99</h2></li></ul></div>
            <div itemscope itemtype="https://schema.org/Offer"><div itemprop="itemOffered" itemscope itemtype="https://schema.org/Product"><span itemprop="name">Gift card</span></div></div>"#,
        );
        let found = read(&PageIndex::new(&doc));
        assert_eq!(found.products.len(), 1);
        let price = found.products[0].price.clone().unwrap();
        assert_eq!(
            (price.amount, price.currency.as_deref()),
            (34.99, Some("GBP"))
        );
    }

    #[test]
    fn property_names_in_any_case() {
        let doc = Html::parse_document(
            r#"<div itemtype="http://schema.org/Product" itemscope><h1 itemprop="name">Puzzle</h1>
              <div itemtype="http://schema.org/Offer" itemscope itemprop="offers">
                <meta itemprop="price" content="16.90"><meta itemprop="pricecurrency" content="EUR"></div></div>"#,
        );
        let found = read(&PageIndex::new(&doc));
        let price = found.products[0].price.clone().unwrap();
        assert_eq!(
            (price.amount, price.currency.as_deref()),
            (16.9, Some("EUR"))
        );
    }
}
