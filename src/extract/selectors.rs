//! CSS selectors used by the extractors, compiled once.

use std::sync::LazyLock;

use scraper::Selector;

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("invalid built-in selector {css}: {e}"))
}

macro_rules! selectors {
    ($($name:ident = $css:expr;)*) => {
        $(pub(crate) static $name: LazyLock<Selector> = LazyLock::new(|| sel($css));)*
    };
}

selectors! {
    JSON_LD = r#"script[type="application/ld+json" i]"#;
    ITEMSCOPE = "[itemscope]";
    META = "meta[property], meta[name]";
    HTML = "html";
    TITLE = "title";
    H1 = "h1";
    SUBHEADING = "h2, h3";
    PRODUCT_TITLE = "#productTitle, #title_feature_div #title";
    CANONICAL = r#"link[rel~="canonical" i]"#;
    BODY = "body";
    MAIN = r#"main, [role="main"], #MainContent, #maincontent, #content"#;
    SCRIPT = "script";
    BREADCRUMB = r#"nav[aria-label*="breadcrumb" i], nav[aria-label*="brotkr" i], nav[aria-label*="ariane" i], nav[aria-label*="miga" i], nav[aria-label*="brödsmul" i], nav[aria-label*="sökväg" i], [class*="crumb" i], [id*="breadcrumb" i], [data-testid*="breadcrumb" i]"#;
    BREADCRUMB_ITEM = "li, a";
    PRICE = r#"[class*="price" i], [id*="price" i], [data-price], [data-testid*="price" i]"#;
    CONTROL = r#"button, input[type="submit" i], input[type="button" i], a"#;
    TILE = r#"[class*="product-card" i], [class*="product-item" i], [class*="product-tile" i], [class*="productCard"], [class*="product-grid-item" i], [class*="product-miniature" i], [class*="productTile"], [class*="product-tile" i], [class*="s-result-item" i], li.product, article.card, [data-component-type="s-search-result"]"#;
    STOCK = r#"[class*="stock" i], [id*="stock" i], [class*="availability" i], [id*="availability" i], [class*="inventory" i]"#;
    BRAND = r#"#bylineInfo, #brand, .product__vendor, p.product__text.caption-with-letter-spacing, .product-vendor, .productView-brand, .product-brand, .brand-name, .product-detail__brand, [data-testid*="brand" i], [class*="product-brand" i], [class*="brandName" i]"#;
    OVERLAY = r#"[role="dialog"], [aria-modal="true"], [class*="gate" i], [id*="gate" i], [class*="modal" i], [class*="overlay" i], [class*="consent" i], [class*="age-verif" i], [id*="age" i], [class*="country" i], main, body"#;
    LINK = "a[href]";
    IMAGE = "img";
}
