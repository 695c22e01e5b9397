//! One walk over a parsed page that finds every element an extractor asks
//! for: each element is classified once, by its tag, attributes and class
//! words, into the lists the extractors read (headings, price, stock and
//! brand elements, buy controls, breadcrumb trails, overlays, tiles named
//! by class, structured-data carriers). The extractors then read these
//! lists instead of matching CSS selectors against the whole tree, one
//! pass per selector.
//!
//! The lists keep the order and the elements that `Html::select` with the
//! selectors they replace would give: the parser's node order, elements
//! that hang in the tree only.

use ego_tree::NodeId;
use fnv::FnvHashSet;
use scraper::{ElementRef, Html};

use super::classify::{Attrs, ClassWords, SELECTOR_WHITESPACE};

/// The elements of one page that the extractors read, each list in the
/// order `Html::select` gives.
#[derive(Default)]
pub(crate) struct PageIndex<'a> {
    /// The first `<html>`.
    pub(crate) html: Option<ElementRef<'a>>,
    /// The first `<title>`.
    pub(crate) title: Option<ElementRef<'a>>,
    /// Every `<h1>`.
    pub(crate) h1s: Vec<ElementRef<'a>>,
    /// Every `<h2>` and `<h3>`.
    pub(crate) subheadings: Vec<ElementRef<'a>>,
    /// The first `#productTitle` or `#title_feature_div #title`.
    pub(crate) product_title: Option<ElementRef<'a>>,
    /// The first `<link rel="canonical">`.
    pub(crate) canonical: Option<ElementRef<'a>>,
    /// The first `<body>`.
    pub(crate) body: Option<ElementRef<'a>>,
    /// The first main-content element: `<main>`, `role="main"`, or the
    /// ids themes give it.
    pub(crate) main: Option<ElementRef<'a>>,
    /// How many `<script>` elements the page has.
    pub(crate) scripts: usize,
    /// `<script type="application/ld+json">` elements.
    pub(crate) json_ld: Vec<ElementRef<'a>>,
    /// Elements with `itemscope`.
    pub(crate) itemscopes: Vec<ElementRef<'a>>,
    /// `<meta>` elements with a `property` or a `name`.
    pub(crate) metas: Vec<ElementRef<'a>>,
    /// Breadcrumb containers.
    pub(crate) breadcrumbs: Vec<ElementRef<'a>>,
    /// Elements whose class, id or data attributes name a price.
    pub(crate) prices: Vec<ElementRef<'a>>,
    /// Buttons, submit and button inputs, and links.
    pub(crate) controls: Vec<ElementRef<'a>>,
    /// Elements whose class or id name stock or availability.
    pub(crate) stock: Vec<ElementRef<'a>>,
    /// Elements that shops use for the brand line.
    pub(crate) brands: Vec<ElementRef<'a>>,
    /// Dialogs, gates, modals and overlays, then `<main>` and `<body>`.
    pub(crate) overlays: Vec<ElementRef<'a>>,
    /// Elements whose class names them a product tile.
    pub(crate) tiles: Vec<ElementRef<'a>>,
    /// Every element whose class names it a tile, in the tree or not.
    tile_ids: FnvHashSet<NodeId>,
}

impl<'a> PageIndex<'a> {
    /// Walks `doc` once.
    pub(crate) fn new(doc: &'a Html) -> Self {
        let mut index = Self::default();
        let mut classes = ClassWords::default();
        for node in doc.tree.nodes() {
            let Some(element) = ElementRef::wrap(node) else {
                continue;
            };
            let e = element.value();
            let attrs = Attrs::of(e, &mut classes);
            let tile = attrs.is_tile(e.name());
            if tile {
                index.tile_ids.insert(element.id());
            }
            // `Html::select` leaves out elements that hang in no tree.
            if element.parent().is_none() {
                continue;
            }
            if tile {
                index.tiles.push(element);
            }
            index.add(element, e.name(), &attrs);
        }
        index
    }

    fn add(&mut self, element: ElementRef<'a>, name: &str, a: &Attrs<'_>) {
        let first = |slot: &mut Option<ElementRef<'a>>| {
            slot.get_or_insert(element);
        };
        match name {
            "html" => first(&mut self.html),
            "title" => first(&mut self.title),
            "h1" => self.h1s.push(element),
            "h2" | "h3" => self.subheadings.push(element),
            "body" => first(&mut self.body),
            "script" => {
                self.scripts += 1;
                if a.kind
                    .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"))
                {
                    self.json_ld.push(element);
                }
            }
            "meta" if a.property.is_some() || a.name.is_some() => self.metas.push(element),
            "link"
                if self.canonical.is_none()
                    && a.rel.is_some_and(|r| {
                        r.split(SELECTOR_WHITESPACE)
                            .any(|w| w.eq_ignore_ascii_case("canonical"))
                    }) =>
            {
                self.canonical = Some(element);
            }
            _ => {}
        }
        if a.itemscope.is_some() {
            self.itemscopes.push(element);
        }
        if self.product_title.is_none() && a.is_product_title(element) {
            self.product_title = Some(element);
        }
        if self.main.is_none() && a.is_main(name) {
            self.main = Some(element);
        }
        if a.is_breadcrumb(name) {
            self.breadcrumbs.push(element);
        }
        if a.is_price() {
            self.prices.push(element);
        }
        if a.is_control(name) {
            self.controls.push(element);
        }
        if a.is_stock() {
            self.stock.push(element);
        }
        if a.is_brand(name) {
            self.brands.push(element);
        }
        if a.is_overlay(name) {
            self.overlays.push(element);
        }
    }

    /// Every element whose class names it a product tile, in the tree or not.
    pub(crate) fn named_tiles(&self) -> &FnvHashSet<NodeId> {
        &self.tile_ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Selector;

    /// The CSS selectors the walk stands in for.
    fn css(name: &str) -> Selector {
        let css = match name {
            "JSON_LD" => r#"script[type="application/ld+json" i]"#,
            "ITEMSCOPE" => "[itemscope]",
            "META" => "meta[property], meta[name]",
            "HTML" => "html",
            "TITLE" => "title",
            "H1" => "h1",
            "SUBHEADING" => "h2, h3",
            "PRODUCT_TITLE" => "#productTitle, #title_feature_div #title",
            "CANONICAL" => r#"link[rel~="canonical" i]"#,
            "BODY" => "body",
            "MAIN" => r#"main, [role="main"], #MainContent, #maincontent, #content"#,
            "BREADCRUMB" => {
                r#"nav[aria-label*="breadcrumb" i], nav[aria-label*="brotkr" i], nav[aria-label*="ariane" i], nav[aria-label*="miga" i], nav[aria-label*="brödsmul" i], nav[aria-label*="sökväg" i], [class*="crumb" i], [id*="breadcrumb" i], [data-testid*="breadcrumb" i]"#
            }
            "PRICE" => {
                r#"[class*="price" i], [id*="price" i], [data-price], [data-testid*="price" i]"#
            }
            "CONTROL" => r#"button, input[type="submit" i], input[type="button" i], a"#,
            "TILE" => {
                r#"[class*="product-card" i], [class*="product-item" i], [class*="product-tile" i], [class*="productCard"], [class*="product-grid-item" i], [class*="product-miniature" i], [class*="productTile"], [class*="product-tile" i], [class*="s-result-item" i], li.product, article.card, [data-component-type="s-search-result"]"#
            }
            "STOCK" => {
                r#"[class*="stock" i], [id*="stock" i], [class*="availability" i], [id*="availability" i], [class*="inventory" i]"#
            }
            "BRAND" => {
                r#"#bylineInfo, #brand, .product__vendor, p.product__text.caption-with-letter-spacing, .product-vendor, .productView-brand, .product-brand, .brand-name, .product-detail__brand, [data-testid*="brand" i], [class*="product-brand" i], [class*="brandName" i]"#
            }
            "OVERLAY" => {
                r#"[role="dialog"], [aria-modal="true"], [class*="gate" i], [id*="gate" i], [class*="modal" i], [class*="overlay" i], [class*="consent" i], [class*="age-verif" i], [id*="age" i], [class*="country" i], main, body"#
            }
            _ => unreachable!("no selector {name}"),
        };
        Selector::parse(css).unwrap()
    }

    /// Markup that touches every rule, with near misses beside each.
    const PAGE: &str = r#"<!doctype html><html lang="en"><head><title>T</title>
        <link rel="Alternate CANONICAL" href="/c"><link rel="canonical-x" href="/x">
        <meta property="og:type" content="product"><meta name="x"><meta charset="utf-8">
        <script type="Application/LD+JSON">{}</script><script>var a</script></head>
        <body><header><nav aria-label="Brödsmulor"><a href="/">Hem</a></nav></header>
        <div id="MainContent" role="Main"><div id="title_feature_div"><span id="title">X</span></div>
        <h1 id="productTitle">Shoe</h1><h2>a</h2><h3>b</h3><h4>c</h4>
        <span class="Sale-PRICE">1</span><span data-price>2</span><span data-testid="PriceTag">3</span>
        <span class="pricey" id="x"></span><span class="prix"></span>
        <p class="product__text caption-with-letter-spacing">Brand</p><p class="product__text">no</p>
        <div class="ProductBrandName">b</div><div id="brand">b</div><div class="productView-brand">b</div>
        <div class="In-Stock"></div><div id="availabilityX"></div><div id="inventory"></div>
        <button>b</button><input type="SUBMIT"><input type="text"><a>l</a>
        <ul><li class="product">1</li><li class="products">2</li></ul><article class="card">c</article>
        <div class="ProductCard_x"></div><div class="x productCard-y"></div><div class="productcard"></div>
        <div data-component-type="s-search-result"></div><div data-component-type="S-search-result"></div>
        <div role="dialog"></div><div role="Dialog"></div><div aria-modal="true"></div>
        <div class="AgeGate"></div><div id="page"></div><div class="country-picker"></div>
        <div itemscope itemtype="https://schema.org/Product"></div>
        <main></main></div></body></html>"#;

    fn ids(list: &[ElementRef<'_>]) -> Vec<NodeId> {
        list.iter().map(|e| e.id()).collect()
    }

    /// The index of `doc` and what the selectors find agree, list by list.
    fn agree(doc: &Html) -> Result<(), String> {
        let index = PageIndex::new(doc);
        let all = |s: &Selector| doc.select(s).map(|e| e.id()).collect::<Vec<_>>();
        let first = |s: &Selector| doc.select(s).next().map(|e| e.id());
        for (name, found) in [
            ("H1", ids(&index.h1s)),
            ("SUBHEADING", ids(&index.subheadings)),
            ("JSON_LD", ids(&index.json_ld)),
            ("ITEMSCOPE", ids(&index.itemscopes)),
            ("META", ids(&index.metas)),
            ("BREADCRUMB", ids(&index.breadcrumbs)),
            ("PRICE", ids(&index.prices)),
            ("CONTROL", ids(&index.controls)),
            ("STOCK", ids(&index.stock)),
            ("BRAND", ids(&index.brands)),
            ("OVERLAY", ids(&index.overlays)),
            ("TILE", ids(&index.tiles)),
        ] {
            if found != all(&css(name)) {
                return Err(format!("{name}: {} found", found.len()));
            }
        }
        for (name, found) in [
            ("HTML", index.html),
            ("TITLE", index.title),
            ("BODY", index.body),
            ("MAIN", index.main),
            ("CANONICAL", index.canonical),
            ("PRODUCT_TITLE", index.product_title),
        ] {
            if found.map(|e| e.id()) != first(&css(name)) {
                return Err(format!("{name} differs"));
            }
        }
        let scripts = doc.select(&Selector::parse("script").unwrap()).count();
        if index.scripts != scripts {
            return Err(format!("{} scripts, not {scripts}", index.scripts));
        }
        Ok(())
    }

    #[test]
    fn the_walk_finds_what_the_selectors_find() {
        let doc = Html::parse_document(PAGE);
        let index = PageIndex::new(&doc);
        for list in [
            &index.h1s,
            &index.subheadings,
            &index.json_ld,
            &index.itemscopes,
            &index.metas,
            &index.breadcrumbs,
            &index.prices,
            &index.controls,
            &index.stock,
            &index.brands,
            &index.overlays,
            &index.tiles,
        ] {
            assert!(!list.is_empty());
        }
        assert!(index.canonical.is_some() && index.product_title.is_some());
        assert_eq!(agree(&doc), Ok(()));
        // Near misses stay out.
        assert_eq!(index.tiles.len(), 4);
        assert_eq!(index.prices.len(), 4);
    }

    #[test]
    fn the_walk_agrees_with_the_selectors_on_every_corpus_page() {
        for (path, html) in crate::extract::corpus_pages() {
            let doc = Html::parse_document(&html);
            assert_eq!(agree(&doc), Ok(()), "{}", path.display());
        }
    }
}
