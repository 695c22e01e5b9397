//! What a visitor sees, read from the HTML itself: title, first heading,
//! breadcrumb trail, the price on show, an add-to-cart control, product
//! tiles of a listing, "page not found" wording, and whether the page is an
//! empty shell that only script fills in.

use std::sync::LazyLock;

use ego_tree::iter::Edge;
use ego_tree::NodeRef;
use regex::Regex;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};

use super::price::{availability_from_text, parse_price_text};
use super::selectors::{
    BODY, BREADCRUMB, BREADCRUMB_ITEM, CANONICAL, CONTROL, H1, HTML, MAIN, PRICE, PRODUCT_TITLE,
    SCRIPT, STOCK, TILE, TITLE,
};
use super::{clean, Listing, ProductCandidate};

/// Fewer visible characters than this, with scripts, is an app shell.
const SHELL_TEXT_CHARS: usize = 200;
/// How many price, stock and breadcrumb elements are looked at.
const MAX_CANDIDATES: usize = 100;
/// How many buttons and links are looked at for an add-to-cart control.
const MAX_CONTROLS: usize = 2000;
/// Fewer tiles than this is a carousel, not a listing.
const MIN_LISTING_TILES: usize = 3;

static ADD_TO_CART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(add(?:ing)? to (?:cart|bag|basket|trolley)|buy (?:it )?now|purchase|lägg (?:i|till i) (?:varukorg(?:en)?|kundvagn(?:en)?)|köp nu|in den (?:warenkorb|einkaufswagen)|jetzt kaufen|ajouter au panier|acheter|añadir al (?:carrito|cesta)|añadir a la cesta|agregar al carrito|comprar(?: ahora)?)\b|कार्ट में जोड़ें|अभी खरीदें|बैग में जोड़ें|खरीदें",
    )
    .expect("valid regex")
});
static CART_ATTR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)add[-_]?to[-_]?cart|addtocart|tocart|add-to-bag|buy-now").expect("valid regex")
});
static NOT_FOUND_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:page|product|item)s? (?:was )?not found\b|\b404\b|no longer available|does(?:n't| not) exist|could not be found|can't be found|sidan (?:kunde inte hittas|finns inte)|hittades inte|seite nicht gefunden|nicht gefunden|page introuvable|introuvable|página no encontrada|no encontrad[oa]",
    )
    .expect("valid regex")
});
static NOT_FOUND_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:this|the) (?:product|item|page) (?:is|was) no longer available|(?:product|page) (?:you are|you're) looking for (?:could not be found|does not exist|is no longer available)|finns inte längre|nicht mehr verfügbar|n'est plus disponible|ya no está disponible",
    )
    .expect("valid regex")
});

/// Facts read from the visible HTML.
#[derive(Debug, Default)]
pub(crate) struct Visible {
    pub(crate) lang: Option<String>,
    pub(crate) title: Option<String>,
    pub(crate) h1: Option<String>,
    pub(crate) canonical: Option<String>,
    pub(crate) product: ProductCandidate,
    pub(crate) breadcrumbs: Option<Vec<String>>,
    pub(crate) add_to_cart: Option<String>,
    pub(crate) listing: Option<Listing>,
    pub(crate) not_found: Option<String>,
    pub(crate) script_rendered: Option<String>,
    pub(crate) gate: Option<String>,
}

pub(crate) fn read(doc: &Html) -> Visible {
    let first_text = |sel| {
        doc.select(sel)
            .next()
            .and_then(|e: ElementRef<'_>| clean(&visible_text(e)))
    };
    let title = first_text(&TITLE);
    let h1 = first_text(&H1);
    let tiles = super::tiles::count(doc);
    // The body's text is walked once: the shell test reads all of it, the
    // soft-404 test only the main content when the page marks one.
    let body_text = doc
        .select(&BODY)
        .next()
        .map(visible_text)
        .unwrap_or_default();
    let main_text = doc
        .select(&MAIN)
        .next()
        .map_or_else(|| body_text.clone(), visible_text);
    let not_found = [h1.as_deref(), title.as_deref()]
        .into_iter()
        .flatten()
        .find_map(|t| NOT_FOUND_HEADING.find(t).map(|_| t.to_owned()))
        .or_else(|| {
            NOT_FOUND_TEXT
                .find(&main_text)
                .map(|m| m.as_str().to_owned())
        });
    Visible {
        lang: doc
            .select(&HTML)
            .next()
            .and_then(|e| e.attr("lang"))
            .and_then(clean),
        canonical: doc
            .select(&CANONICAL)
            .next()
            .and_then(|e| e.attr("href"))
            .and_then(clean),
        product: ProductCandidate {
            name: first_text(&PRODUCT_TITLE).or_else(|| h1.clone()),
            brand: super::signals::brand(doc)
                .or_else(|| super::signals::brand_from_title(title.as_deref()?, h1.as_deref()?)),
            price: visible_price(doc)
                .or_else(|| h1.as_ref().and_then(|_| super::signals::price_by_look(doc))),
            availability: doc
                .select(&STOCK)
                .filter(|e| !in_tile(*e))
                .take(MAX_CANDIDATES)
                .find_map(|e| availability_from_text(&text_where(e, 300, |_| false))),
            ..ProductCandidate::default()
        },
        breadcrumbs: breadcrumbs(doc),
        add_to_cart: add_to_cart(doc),
        listing: (tiles >= MIN_LISTING_TILES).then(|| Listing {
            items: tiles,
            found_as: "product tiles".into(),
        }),
        not_found,
        script_rendered: script_shell(doc, &body_text),
        gate: super::signals::gate(doc),
        title,
        h1,
    }
}

/// Text a visitor sees: no script, style, template or noscript content.
pub(crate) fn visible_text(element: ElementRef<'_>) -> String {
    text_where(element, usize::MAX, |_| false)
}

/// At most about `limit` bytes of visible text, leaving out the subtrees of
/// elements for which `skip` is true. One walk, however deep the markup.
pub(crate) fn text_where(
    element: ElementRef<'_>,
    limit: usize,
    skip: impl Fn(&Element) -> bool,
) -> String {
    let mut out = String::new();
    for node in visible_text_nodes(element, skip) {
        if let Node::Text(text) = node.value() {
            out.push_str(text);
            out.push(' ');
        }
        if out.len() >= limit {
            break;
        }
    }
    out
}

/// The text nodes a visitor sees below `element`, in document order: no
/// script, style, template, noscript or screen-reader-only text, and none
/// below elements for which `skip` is true.
pub(crate) fn visible_text_nodes<'a>(
    element: ElementRef<'a>,
    skip: impl Fn(&Element) -> bool + 'a,
) -> impl Iterator<Item = NodeRef<'a, Node>> + 'a {
    let hides = move |e: &Element| {
        matches!(
            e.name(),
            "script" | "style" | "noscript" | "template" | "svg"
        ) || e.attr("class").is_some_and(|c| {
            // Text for screen readers only, e.g. "Original price was: £42.00".
            c.contains("screen-reader-text")
                || c.contains("sr-only")
                || c.contains("visually-hidden")
        }) || skip(e)
    };
    let mut hidden = 0usize;
    element.traverse().filter_map(move |edge| match edge {
        Edge::Open(node) => match node.value() {
            Node::Element(e) if hides(e) => {
                hidden += 1;
                None
            }
            Node::Text(_) if hidden == 0 => Some(node),
            _ => None,
        },
        Edge::Close(node) => {
            if matches!(node.value(), Node::Element(e) if hides(e)) {
                hidden -= 1;
            }
            None
        }
    })
}

pub(crate) fn in_tile(element: ElementRef<'_>) -> bool {
    element
        .ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| TILE.matches(&a))
}

pub(crate) fn in_chrome(element: ElementRef<'_>) -> bool {
    element.ancestors().filter_map(ElementRef::wrap).any(|a| {
        matches!(
            a.value().name(),
            "header" | "footer" | "nav" | "s" | "del" | "strike"
        )
    })
}

fn is_old_price(element: &Element) -> bool {
    let class = element
        .attr("class")
        .unwrap_or_default()
        .to_ascii_lowercase();
    [
        "old",
        "was",
        "compare",
        "strike",
        "regular-price",
        "list-price",
        "unit",
        "per-",
    ]
    .iter()
    .any(|w| class.contains(w))
        && !class.contains("sale")
}

/// The first price on show outside tiles, menus and struck-out "was" prices.
fn visible_price(doc: &Html) -> Option<super::Price> {
    doc.select(&PRICE)
        .filter(|e| !in_tile(*e) && !in_chrome(*e) && !is_old_price(e.value()))
        .take(MAX_CANDIDATES)
        .find_map(|e| {
            let text = match e.attr("content") {
                Some(content) => content.to_owned(),
                None => text_where(e, 200, |el| {
                    matches!(el.name(), "s" | "del" | "strike") || is_old_price(el)
                }),
            };
            parse_price_text(&text).or_else(|| e.attr("data-price").and_then(parse_price_text))
        })
}

fn breadcrumbs(doc: &Html) -> Option<Vec<String>> {
    let trail = doc.select(&BREADCRUMB).find_map(|nav| {
        let items: Vec<ElementRef<'_>> = nav.select(&BREADCRUMB_ITEM).collect();
        let lis: Vec<String> = items
            .iter()
            .filter(|e| e.value().name() == "li")
            .take(MAX_CANDIDATES)
            .filter_map(|e| clean(&text_where(*e, 200, |_| false)))
            .collect();
        let parts = if lis.is_empty() {
            split_trail(&text_where(nav, 2000, |_| false))
        } else {
            lis.iter().flat_map(|l| split_trail(l)).collect()
        };
        (parts.len() >= 2).then_some(parts)
    })?;
    Some(trail)
}

fn split_trail(text: &str) -> Vec<String> {
    text.split(['/', '>', '›', '»', '|', '→', '\u{203a}'])
        .filter_map(clean)
        .collect()
}

fn add_to_cart(doc: &Html) -> Option<String> {
    doc.select(&CONTROL)
        .filter(|e| !in_tile(*e))
        .take(MAX_CONTROLS)
        .find_map(|e| {
            let label = e
                .attr("value")
                .filter(|_| e.value().name() == "input")
                .and_then(clean)
                .or_else(|| clean(&text_where(e, 100, |_| false)))
                .or_else(|| e.attr("aria-label").and_then(clean))
                .unwrap_or_default();
            let attrs = ["id", "name", "class", "data-action"]
                .iter()
                .filter_map(|a| e.attr(a))
                .collect::<Vec<_>>()
                .join(" ");
            let by_label = ADD_TO_CART.is_match(&label) && label.len() < 60;
            let by_attr = e.value().name() != "a"
                && (CART_ATTR.is_match(&attrs) || e.attr("name") == Some("add"));
            (by_label || by_attr).then_some(if label.is_empty() { attrs } else { label })
        })
}

fn script_shell(doc: &Html, body_text: &str) -> Option<String> {
    let chars = body_text
        .split_whitespace()
        .map(|w| w.chars().count() + 1)
        .sum::<usize>();
    let scripts = doc.select(&SCRIPT).count();
    (chars < SHELL_TEXT_CHARS && scripts > 0).then(|| {
        format!(
            "content is rendered by JavaScript: the HTML has only {chars} characters of visible text and {scripts} script(s), so a visitor without script sees nothing to buy"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn price_skips_struck_out_was_price_and_tiles() {
        let doc = Html::parse_document(
            r#"<p class="price"><del><span class="amount">€199,00</span></del> <ins><span class="amount">€159,95</span></ins></p>
            <ul><li class="product"><span class="price">€5,00</span></li></ul>"#,
        );
        let price = visible_price(&doc).unwrap();
        assert_eq!(
            (price.amount, price.currency.as_deref()),
            (159.95, Some("EUR"))
        );
    }

    #[test]
    fn add_to_cart_in_several_languages() {
        for (html, label) in [
            (
                r#"<button type="submit" name="add"><span>Add to cart</span></button>"#,
                "Add to cart",
            ),
            (
                r#"<input id="add-to-cart-button" type="submit" value="Add to Cart">"#,
                "Add to Cart",
            ),
            ("<button>Lägg i varukorg</button>", "Lägg i varukorg"),
            ("<button>In den Warenkorb</button>", "In den Warenkorb"),
            ("<button>Ajouter au panier</button>", "Ajouter au panier"),
            ("<button>Añadir al carrito</button>", "Añadir al carrito"),
        ] {
            assert_eq!(
                add_to_cart(&Html::parse_document(html)).as_deref(),
                Some(label),
                "{html}"
            );
        }
        // Magento and Shopify render the button disabled until their script
        // runs or a size is chosen: it is still the page's buy control.
        assert_eq!(
            add_to_cart(&Html::parse_document(
                "<button disabled>Add to cart</button>"
            ))
            .as_deref(),
            Some("Add to cart")
        );
        assert_eq!(
            add_to_cart(&Html::parse_document("<a href='/cart'>Cart</a>")),
            None
        );
    }

    #[test]
    fn breadcrumbs_from_list_or_separators() {
        let doc = Html::parse_document(
            r#"<nav aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li><li>Men</li><li>Clothing</li></ol></nav>"#,
        );
        assert_eq!(
            breadcrumbs(&doc),
            Some(vec!["Home".into(), "Men".into(), "Clothing".into()])
        );
        let doc = Html::parse_document(
            r#"<nav class="woocommerce-breadcrumb"><a href="/">Home</a> / <a href="/shop">Shoes</a> / Trail</nav>"#,
        );
        assert_eq!(
            breadcrumbs(&doc),
            Some(vec!["Home".into(), "Shoes".into(), "Trail".into()])
        );
    }

    #[test]
    fn shell_page_is_recognised() {
        let doc = Html::parse_document(
            r#"<body><div id="root"></div><noscript>You need to enable JavaScript to run this app.</noscript><script src="/app.js"></script></body>"#,
        );
        let body = doc
            .select(&BODY)
            .next()
            .map(visible_text)
            .unwrap_or_default();
        assert!(script_shell(&doc, &body)
            .unwrap()
            .contains("rendered by JavaScript"));
    }
}
