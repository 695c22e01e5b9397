//! Product and collection pages in three theme flavours, as real shops
//! mark them up: JSON-LD `Product` with OpenGraph; a JSON-LD `@graph`
//! with breadcrumbs beside schema.org microdata in the product block; and
//! microdata with OpenGraph and no product JSON-LD at all. Each page grows
//! to its target size the way real pages do: more CSS, script and cards.

use std::fmt::Write;

use serde_json::json;

use super::catalogue::{money, sibling, Collection, Product};
use super::chrome::{card, css, footer, head, header, scripts, sprite, SHOP, SHOP_HOST};
use super::words::{Rng, REVIEWERS, SIZES};

/// Splits what is left of a page's byte budget: CSS, scripts, cards.
fn budget(target: usize, fixed: usize) -> (usize, usize, usize) {
    let left = target.saturating_sub(fixed);
    (left / 5, left / 5, left - 2 * (left / 5))
}

fn schema_availability(a: &str) -> String {
    format!("https://schema.org/{a}")
}

fn product_jsonld(p: &Product, path: &str, graph: bool) -> String {
    let url = format!("https://{SHOP_HOST}{path}");
    let product = json!({
        "@type": "Product", "@id": format!("{url}#product"), "name": p.name, "url": url,
        "sku": p.sku, "gtin13": p.gtin, "brand": {"@type": "Brand", "name": p.brand},
        "image": [format!("https://{SHOP_HOST}/cdn/shop/files/{}.jpg", p.slug)],
        "description": format!("The {} by {}.", p.name, p.brand),
        "offers": {"@type": "Offer", "url": url, "price": format!("{:.2}", p.price_cents as f64 / 100.0),
            "priceCurrency": "USD", "availability": schema_availability(p.availability),
            "itemCondition": "https://schema.org/NewCondition"},
    });
    let doc = if graph {
        let (dept, sub) = p.category.split_once(" > ").unwrap_or((&p.category, ""));
        json!({"@context": "https://schema.org", "@graph": [
            {"@type": "Organization", "name": SHOP, "url": format!("https://{SHOP_HOST}/")},
            {"@type": "BreadcrumbList", "itemListElement": [
                {"@type": "ListItem", "position": 1, "name": "Home", "item": format!("https://{SHOP_HOST}/")},
                {"@type": "ListItem", "position": 2, "name": dept},
                {"@type": "ListItem", "position": 3, "name": sub},
                {"@type": "ListItem", "position": 4, "name": p.name}]},
            product]})
    } else {
        let mut product = product;
        product["@context"] = json!("https://schema.org");
        product
    };
    format!("<script type=\"application/ld+json\">{doc}</script>\n")
}

/// The variants JSON a theme embeds for its product form.
fn product_json(rng: &mut Rng, p: &Product) -> String {
    let mut variants = Vec::new();
    for color in &p.colors {
        for size in SIZES {
            variants.push(
                json!({"id": 40_000_000_000_u64 + rng.below(1_000_000_000) as u64,
                "title": format!("{color} / {size}"), "option1": color, "option2": size,
                "sku": format!("{}-{}", p.sku, size), "available": rng.chance(0.8),
                "price": p.price_cents, "barcode": p.gtin, "weight": rng.range(200, 2000)}),
            );
        }
    }
    let doc = json!({"id": rng.below(1_000_000_000), "title": p.name, "handle": p.slug,
        "vendor": p.brand, "type": p.category, "tags": [p.brand, p.category],
        "price": p.price_cents, "available": p.availability != "OutOfStock", "variants": variants});
    format!("<script type=\"application/json\" id=\"ProductJson-main\">{doc}</script>\n")
}

/// One product page of about `target` bytes, in theme `flavour` (0..3).
pub(crate) fn product_page(
    rng: &mut Rng,
    p: &Product,
    path: &str,
    flavour: usize,
    target: usize,
) -> String {
    let price = money(p.price_cents);
    let og = format!("<meta property=\"og:title\" content=\"{name}\">\n<meta property=\"og:type\" content=\"product\">\n<meta property=\"og:description\" content=\"{brand} {name}\">\n<meta property=\"og:image\" content=\"http://{SHOP_HOST}/cdn/shop/files/{slug}.jpg\">\n<meta property=\"og:price:amount\" content=\"{amount:.2}\">\n<meta property=\"og:price:currency\" content=\"USD\">\n",
        name = p.name, brand = p.brand, slug = p.slug, amount = p.price_cents as f64 / 100.0);
    let ld = if flavour == 2 {
        format!(
            "<script type=\"application/ld+json\">{}</script>\n",
            json!({"@context": "https://schema.org", "@type": "Organization", "name": SHOP, "url": format!("https://{SHOP_HOST}/")})
        )
    } else {
        product_jsonld(p, path, flavour == 1)
    };
    let micro = flavour > 0;
    let (itemscope, name_prop, brand_prop) = if micro {
        (
            " itemscope itemtype=\"https://schema.org/Product\"",
            " itemprop=\"name\"",
            " itemprop=\"brand\"",
        )
    } else {
        ("", "", "")
    };
    let offer = if micro {
        format!("<div itemprop=\"offers\" itemscope itemtype=\"https://schema.org/Offer\"><meta itemprop=\"price\" content=\"{:.2}\"><meta itemprop=\"priceCurrency\" content=\"USD\"><link itemprop=\"availability\" href=\"{}\"></div>", p.price_cents as f64 / 100.0, schema_availability(p.availability))
    } else {
        String::new()
    };
    let stock = match p.availability {
        "OutOfStock" => "<p class=\"product__inventory\">Sold out</p>",
        "PreOrder" => "<p class=\"product__inventory\">Pre-order: ships in 3&ndash;4 weeks</p>",
        _ => "<p class=\"product__inventory\">In stock, ready to ship</p>",
    };
    let button = if p.availability == "OutOfStock" {
        "Sold out"
    } else {
        "Add to cart"
    };
    let (dept, sub) = p.category.split_once(" > ").unwrap_or((&p.category, ""));
    let mut main = format!("<main id=\"MainContent\" class=\"content-for-layout focus-none\" role=\"main\" tabindex=\"-1\">\n<nav class=\"breadcrumb page-width\" aria-label=\"breadcrumbs\"><a href=\"/\">Home</a><span aria-hidden=\"true\">&rsaquo;</span><a href=\"/collections/{}\">{dept}</a><span aria-hidden=\"true\">&rsaquo;</span><a href=\"/collections/{}\">{sub}</a><span aria-hidden=\"true\">&rsaquo;</span><span>{name}</span></nav>\n<section id=\"MainProduct-template--main\" class=\"page-width\"{itemscope}><div class=\"product product--medium product--left grid grid--2-col-tablet\"><div class=\"grid__item product__media-wrapper\"><media-gallery class=\"product__column-sticky\" aria-label=\"Gallery Viewer\"><ul class=\"product__media-list grid grid--peek list-unstyled slider\" role=\"list\">\n",
        super::catalogue::slugify(dept), super::catalogue::slugify(sub), name = p.name);
    for i in 0..rng.range(4, 9) {
        let _ = writeln!(main, "<li class=\"product__media-item grid__item slider__slide\"><div class=\"product-media-container media-type-image media-fit-contain\"><div class=\"product__media media media--transparent\"><img src=\"//{SHOP_HOST}/cdn/shop/files/{slug}-{i}.jpg?v=1702019921&amp;width=1500\" alt=\"{name} view {i}\" width=\"2048\" height=\"2048\" loading=\"lazy\"{img}></div></div></li>",
            slug = p.slug, name = p.name, img = if micro && i == 0 { " itemprop=\"image\"" } else { "" });
    }
    let _ = write!(main, "</ul></media-gallery></div>\n<div class=\"product__info-wrapper grid__item\"><section class=\"product__info-container product__column-sticky\"><p class=\"product__text caption-with-letter-spacing\"{brand_prop}>{brand}</p><div class=\"product__title\"><h1{name_prop}>{name}</h1></div>{offer}<div class=\"no-js-hidden\" id=\"price-template--main\" role=\"status\"><div class=\"price price--large price--show-badge\"><div class=\"price__container\"><div class=\"price__regular\"><span class=\"visually-hidden visually-hidden--inline\">Regular price</span><span class=\"price-item price-item--regular\">{price}</span></div></div></div></div><div class=\"product__tax caption rte\">Taxes included. Shipping calculated at checkout.</div>{stock}\n<variant-selects class=\"no-js-hidden\"><fieldset class=\"product-form__input\"><legend class=\"form__label\">Color</legend>",
        brand = p.brand, name = p.name);
    for color in &p.colors {
        let _ = write!(
            main,
            "<input type=\"radio\" name=\"Color\" value=\"{color}\"><label>{color}</label>"
        );
    }
    main.push_str("</fieldset><fieldset class=\"product-form__input\"><legend class=\"form__label\">Size</legend>");
    for size in SIZES {
        let _ = write!(
            main,
            "<input type=\"radio\" name=\"Size\" value=\"{size}\"><label>{size}</label>"
        );
    }
    let description = rng.some_words(60, 160);
    let _ = writeln!(main, "</fieldset></variant-selects>\n<product-form class=\"product-form\"><form method=\"post\" action=\"/cart/add\" class=\"form\" data-type=\"add-to-cart-form\"><input type=\"hidden\" name=\"id\" value=\"{}\"><div class=\"product-form__buttons\"><button type=\"submit\" name=\"add\" class=\"product-form__submit button button--full-width button--primary\"><span>{button}</span></button></div></form></product-form>\n<div class=\"product__description rte\"{}><p>{description}</p><table><tbody><tr><th>SKU</th><td>{}</td></tr><tr><th>EAN</th><td>{}</td></tr><tr><th>Category</th><td>{}</td></tr></tbody></table></div></section></div></div></section>",
        rng.below(1_000_000), if micro { " itemprop=\"description\"" } else { "" }, p.sku, p.gtin, p.category);
    main.push_str("<section class=\"shopify-section section\"><div class=\"page-width\"><h2 class=\"h2\">Customer reviews</h2><div class=\"spr-reviews\">\n");
    for _ in 0..rng.range(3, 12) {
        let body = rng.some_words(12, 50);
        let _ = writeln!(main, "<div class=\"spr-review\"><div class=\"spr-review-header\"><span class=\"spr-starratings\" aria-label=\"{} of 5 stars\"></span><span class=\"spr-review-header-byline\"><strong>{}</strong></span></div><div class=\"spr-review-content\"><p class=\"spr-review-content-body\">{body}</p></div></div>", rng.range(3, 5), rng.pick(REVIEWERS));
    }
    main.push_str("</div></div></section>\n");
    let head_extra = format!("{og}{ld}");
    let fixed = main.len() + head_extra.len() + 60_000;
    let (css_b, js_b, cards_b) = budget(target, fixed);
    let css = css(rng, css_b);
    let scripts = scripts(rng, js_b);
    let head = head(
        &p.name,
        &format!("{} {}", p.brand, p.name),
        path,
        &head_extra,
        &css,
        &scripts,
    );
    let mut tiles = String::new();
    for (section, heading) in [
        "You may also like",
        "Recently viewed",
        "More from this brand",
    ]
    .iter()
    .enumerate()
    {
        let _ = writeln!(tiles, "<section class=\"shopify-section section related-products\"><div class=\"page-width\"><h2 class=\"related-products__heading h2\">{heading}</h2><ul class=\"grid product-grid grid--4-col-desktop grid--2-col-tablet-down\" role=\"list\">");
        let start = tiles.len();
        let mut n = 0;
        while tiles.len() - start < cards_b / 3 || n < 4 {
            let sub = rng.below(5);
            let other = sibling(rng, p.brand, p.department, sub);
            card(&mut tiles, rng, &other, &format!("rec-{section}-{n}"));
            n += 1;
        }
        tiles.push_str("</ul></div></section>\n");
    }
    let json = product_json(rng, p);
    let body = format!(
        "<body class=\"gradient\">\n{}{}{main}{tiles}</main>\n{json}{}</body>\n</html>\n",
        sprite(rng),
        header(rng),
        footer(rng)
    );
    head + "</head>\n" + &body
}

/// One collection page of about `target` bytes.
pub(crate) fn collection_page(rng: &mut Rng, c: &Collection, path: &str, target: usize) -> String {
    let extra = format!("<meta property=\"og:title\" content=\"{t}\">\n<meta property=\"og:type\" content=\"website\">\n<meta property=\"og:description\" content=\"Shop {t} at {SHOP}\">\n<script type=\"application/ld+json\">{}</script>\n",
        json!({"@context": "https://schema.org", "@type": "CollectionPage", "name": c.title, "url": format!("https://{SHOP_HOST}{path}")}), t = c.title);
    let mut main = format!("<main id=\"MainContent\" class=\"content-for-layout focus-none\" role=\"main\" tabindex=\"-1\">\n<div class=\"collection-hero\"><div class=\"collection-hero__inner page-width\"><h1 class=\"collection-hero__title\"><span class=\"visually-hidden\">Collection: </span>{}</h1><div class=\"collection-hero__description rte\">{}</div></div></div>\n<div class=\"facets-container page-width\"><facet-filters-form class=\"facets small-hide\"><form id=\"FacetFiltersForm\" class=\"facets__form\">", c.title, rng.words(30));
    for facet in ["Availability", "Price", "Color", "Size", "Product type"] {
        let _ = write!(main, "<details class=\"disclosure-has-popup facets__disclosure js-filter\"><summary class=\"facets__summary caption-large focus-offset\"><span>{facet}</span></summary><div class=\"facets__display\"><ul class=\"facets__list list-unstyled\" role=\"list\">");
        for i in 0..rng.range(4, 12) {
            let _ = write!(main, "<li class=\"list-menu__item facets__item\"><label class=\"facet-checkbox\"><input type=\"checkbox\" name=\"filter.{facet}\" value=\"{i}\"> {} ({})</label></li>", rng.words(2), rng.below(80));
        }
        main.push_str("</ul></div></details>");
    }
    main.push_str("</form></facet-filters-form></div>\n<div class=\"product-grid-container\"><ul id=\"product-grid\" class=\"grid product-grid grid--2-col-tablet-down grid--4-col-desktop\" role=\"list\">\n");
    let fixed = main.len() + extra.len() + 60_000;
    let (css_b, js_b, cards_b) = budget(target, fixed);
    let start = main.len();
    let mut n = 0;
    while main.len() - start < cards_b || n < 8 {
        let p = sibling(rng, c.brand, c.department, c.sub);
        card(&mut main, rng, &p, &format!("grid-{n}"));
        n += 1;
    }
    main.push_str("</ul><nav class=\"pagination-wrapper\" role=\"navigation\" aria-label=\"Pagination\"><ul class=\"pagination__list list-unstyled\" role=\"list\"><li><span class=\"pagination__item pagination__item--current\">1</span></li><li><a href=\"?page=2\" class=\"pagination__item link\">2</a></li><li><a href=\"?page=3\" class=\"pagination__item link\">3</a></li></ul></nav></div></main>\n");
    let css = css(rng, css_b);
    let scripts = scripts(rng, js_b);
    let head = head(
        &c.title,
        &format!("Shop {}", c.title),
        path,
        &extra,
        &css,
        &scripts,
    );
    let body = format!(
        "<body class=\"gradient\">\n{}{}{main}{}</body>\n</html>\n",
        sprite(rng),
        header(rng),
        footer(rng)
    );
    head + "</head>\n" + &body
}
