//! What a visitor sees, read from the HTML itself: title, first heading,
//! breadcrumb trail, the price on show, an add-to-cart control, product
//! tiles of a listing, "page not found" wording, and whether the page is an
//! empty shell that only script fills in.

use std::sync::LazyLock;

use regex::Regex;
use scraper::node::Element;
use scraper::ElementRef;

use super::dom::{
    in_chrome, price_text, text_where, visible_text, visible_text_nodes_by, visible_text_with_part,
};
use super::index::PageIndex;
use super::page_words;
use super::price::{
    is_not_a_price_context, join_split_decimals, not_a_price_around, parse_labelled_amount_in,
    parse_price_text_in, MarketHint,
};
use super::tiles::Tiles;
use super::{clean, Listing, ProductCandidate};

/// Fewer visible characters than this, with scripts, is an app shell.
const SHELL_TEXT_CHARS: usize = 200;
/// How many price, stock and breadcrumb elements are looked at.
pub(crate) const MAX_CANDIDATES: usize = 100;
/// How many buttons and links are looked at for an add-to-cart control.
pub(crate) const MAX_CONTROLS: usize = 2000;
/// Subheadings read for "page not found" wording, at most.
const MAX_SUBHEADINGS: usize = 10;
/// Visible text kept for the wall checks, in characters.
const TEXT_HEAD_CHARS: usize = 12_000;
/// Fewer tiles than this is a carousel, not a listing.
const MIN_LISTING_TILES: usize = 3;

static ADD_TO_CART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)^\s*purchase(?:\s+(?:now|it|item|this(?:\s+item)?))?\s*$|",
        r"(?-u:\b)(?:add(?:ing)? to (?:cart|bag|basket|trolley)|buy (?:it )?now|pre-?order|",
        r"lägg (?:i|till i) (?:varukorg(?:en)?|kundvagn(?:en)?)|köp nu|læg i (?:kurv|indkøbskurv)|legg i handlekurv(?:en)?|",
        r"in den (?:warenkorb|einkaufswagen)|jetzt kaufen|ajouter au panier|acheter|",
        r"añadir al (?:carrito|cesta)|añadir a la cesta|agregar al carrito|comprar(?: ahora)?|",
        r"adicionar (?:ao|à) (?:carrinho|sacola)|aggiungi al carrello|acquista(?: ora)?|",
        r"(?:toevoegen aan|in) (?:mijn )?winkel(?:wagen|mand)|dodaj do koszyka|kup teraz|",
        r"lisää ostoskoriin|do košíku|kosárba|sepete ekle|",
        r"tambah(?:kan)? ke keranjang|beli sekarang|mua ngay)(?-u:\b)|",
        r"adaugă în coș|в корзину|купить|thêm vào giỏ(?: hàng)?|",
        r"कार्ट में जोड़ें|अभी खरीदें|बैग में जोड़ें|खरीदें|",
        r"カートに入れる|カートに追加|買い物かごに入れる|今すぐ購入|購入手続きへ|",
        r"加入购物车|加入購物車|立即购买|立即購買|放入购物车|",
        r"장바구니 ?담기|장바구니에 추가|바로 ?구매|구매하기|",
        r"أضف إلى (?:السلة|عربة التسوق)|اشتر الآن|הוסף לסל|หยิบใส่ตะกร้า"
    ))
    .expect("valid regex")
});
static CART_ATTR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)add[-_]?to[-_]?cart|addtocart|tocart|add-to-bag|buy-now").expect("valid regex")
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
    /// Characters of visible text in the body.
    pub(crate) body_chars: usize,
    /// The first few thousand characters of the body's visible text.
    pub(crate) text_head: String,
    /// The count a listing gives of what it shows.
    pub(crate) result_count: Option<String>,
    /// Prices on show outside tiles, menus, header and footer.
    pub(crate) loose_prices: usize,
    /// Words in a heading, or beside a listing's count, that say the page
    /// answers a search.
    pub(crate) search_words: Option<String>,
}

pub(crate) fn read(page: &PageIndex<'_>, url: &url::Url) -> Visible {
    let first_text = |e: Option<ElementRef<'_>>| e.and_then(|e| clean(&visible_text(e)));
    let lang = page.html.and_then(|e| e.attr("lang")).and_then(clean);
    let hint = MarketHint::from_page(lang.as_deref(), url.host_str());
    let title = first_text(page.title);
    let h1 = first_text(page.h1s.first().copied());
    let tiles = super::tiles::find(page);
    // The body's text is walked once: the shell test reads all of it, the
    // soft-404 test only the main content when the page marks one.
    let (body_text, main_range) = page
        .body
        .map(|body| visible_text_with_part(body, page.main))
        .unwrap_or_default();
    let main_text = &body_text[main_range];
    let not_found = [h1.as_deref(), title.as_deref()]
        .into_iter()
        .flatten()
        .find(|t| page_words::not_found_heading(t))
        .map(str::to_owned)
        .or_else(|| page_words::not_found_text(main_text))
        .or_else(|| {
            // Shops that keep their whole chrome often say it in an h2.
            page.subheadings
                .iter()
                .copied()
                .filter(|e| !tiles.contains(*e) && !in_chrome(*e))
                .take(MAX_SUBHEADINGS)
                .filter_map(|e| clean(&text_where(e, 200, |_| false)))
                .find(|t| t.chars().count() <= 80 && page_words::not_found_heading(t))
        });
    let head = text_head(&body_text);
    let count = page_words::result_count_in(&head);
    let search_words = [h1.as_deref(), title.as_deref()]
        .into_iter()
        .flatten()
        .map(str::to_owned)
        .chain(
            page.subheadings
                .iter()
                .copied()
                .filter(|e| !tiles.contains(*e) && !in_chrome(*e))
                .take(MAX_SUBHEADINGS)
                .filter_map(|e| clean(&text_where(e, 200, |_| false))),
        )
        .find_map(|t| page_words::search_words(&t))
        .or_else(|| {
            count
                .as_ref()
                .and_then(|c| page_words::search_words_by_count(&c.around))
        });
    Visible {
        lang,
        search_words,
        canonical: page.canonical.and_then(|e| e.attr("href")).and_then(clean),
        product: ProductCandidate {
            name: first_text(page.product_title).or_else(|| h1.clone()),
            brand: super::signals::brand(page, &tiles)
                .or_else(|| super::signals::brand_from_title(title.as_deref()?, h1.as_deref()?)),
            price: visible_price(page, &tiles, hint).or_else(|| {
                h1.as_ref()
                    .and_then(|_| super::signals::price_by_look(page, &tiles, hint))
            }),
            availability: super::stock::availability(page, &tiles),
            ..ProductCandidate::default()
        },
        breadcrumbs: breadcrumbs(page),
        add_to_cart: add_to_cart(page, &tiles),
        listing: (tiles.largest >= MIN_LISTING_TILES).then(|| Listing {
            items: tiles.largest,
            found_as: "product tiles".into(),
        }),
        body_chars: body_text
            .split_whitespace()
            .map(|w| w.chars().count() + 1)
            .sum(),
        loose_prices: loose_prices(page, &tiles, hint),
        text_head: head,
        result_count: count.map(|c| c.count),
        not_found,
        script_rendered: script_shell(page, &body_text),
        gate: super::signals::gate(page),
        title,
        h1,
    }
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

/// Class and id words of elements that show an amount that is not the
/// price: instalment plans, savings, the mini-cart.
const NOT_PRICE_CLASSES: &[&str] = &[
    "instal",
    "klarna",
    "afterpay",
    "affirm",
    "clearpay",
    "sezzle",
    "saving",
    "you-save",
    "yousave",
    "minicart",
    "mini-cart",
    "cart-total",
    "carttotal",
    "subtotal",
    "per-month",
    "monthly",
    "coupon",
    "voucher",
    "price-tax",
    "excluding-tax",
    "excl-tax",
    "price-excl",
    "excl-vat",
    "price-net",
    "financing",
];

/// A class or id word of the element names one of [`NOT_PRICE_CLASSES`].
fn is_not_price_element(element: &Element) -> bool {
    [element.attr("class"), element.attr("id")]
        .into_iter()
        .flatten()
        .flat_map(str::split_whitespace)
        .any(|word| {
            let word = word.to_ascii_lowercase();
            NOT_PRICE_CLASSES.iter().any(|w| {
                word.starts_with(w)
                    || word.contains(&format!("-{w}"))
                    || word.contains(&format!("_{w}"))
            })
        })
}

/// The first price on show outside tiles, menus, struck-out "was" prices,
/// instalment lines, savings strips and the mini-cart. An element that is
/// clearly the price but prints no currency ("Price 89.99") takes the
/// market's.
fn visible_price(page: &PageIndex<'_>, tiles: &Tiles, hint: MarketHint) -> Option<super::Price> {
    let candidates = page
        .prices
        .iter()
        .copied()
        .filter(|e| {
            !tiles.contains(*e)
                && !in_chrome(*e)
                && !is_old_price(e.value())
                && !e
                    .ancestors()
                    .filter_map(ElementRef::wrap)
                    .take(2)
                    .chain(std::iter::once(*e))
                    .any(|a| is_not_price_element(a.value()))
        })
        .take(MAX_CANDIDATES);
    let mut labelled = None;
    let struck = |el: &Element| matches!(el.name(), "s" | "del" | "strike") || is_old_price(el);
    for e in candidates {
        let text = match e.attr("content") {
            Some(content) => content.to_owned(),
            None => join_split_decimals(&price_text(e, 200, struck)).into_owned(),
        };
        if is_not_a_price_context(&text) {
            continue;
        }
        if let Some(price) = parse_price_text_in(&text, hint).or_else(|| {
            e.attr("data-price")
                .and_then(|p| parse_price_text_in(p, hint))
        }) {
            if labelled_apart(e, &text, struck) {
                continue;
            }
            return Some(price);
        }
        if labelled.is_none() {
            labelled = hint.currency_code().and_then(|currency| {
                Some(super::Price {
                    amount: parse_labelled_amount_in(&text, &currency)?,
                    currency: Some(currency),
                })
            });
        }
    }
    labelled
}

/// Whether the element's label, printed beside it in an element of its
/// own, makes its amount something other than the price:
/// `<span>bez DPH</span><span class="price">4386,00 €</span>`.
fn labelled_apart(e: ElementRef<'_>, text: &str, skip: impl Fn(&Element) -> bool) -> bool {
    let text = text.trim();
    let Some(parent) = e.parent().and_then(ElementRef::wrap) else {
        return false;
    };
    let around = join_split_decimals(&price_text(parent, 300, skip)).into_owned();
    around
        .find(text)
        .is_some_and(|at| not_a_price_around(&around[..at], &around[at + text.len()..]).is_some())
}

fn breadcrumbs(page: &PageIndex<'_>) -> Option<Vec<String>> {
    let trail = page.breadcrumbs.iter().find_map(|&nav| {
        let lis: Vec<String> = nav
            .descendants()
            .skip(1)
            .filter_map(ElementRef::wrap)
            .filter(|e| e.value().name() == "li")
            .take(MAX_CANDIDATES)
            .filter_map(|e| clean(&text_where(e, 200, |_| false)))
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

/// The body's visible text, white space collapsed, cut at about
/// [`TEXT_HEAD_CHARS`] characters.
fn text_head(body_text: &str) -> String {
    let mut head = String::new();
    for word in body_text.split_whitespace() {
        if head.len() >= TEXT_HEAD_CHARS {
            break;
        }
        if !head.is_empty() {
            head.push(' ');
        }
        head.push_str(word);
    }
    head
}

/// Most short texts read for prices outside tiles.
const MAX_LOOSE_TEXTS: usize = 5000;

/// How many short texts outside tiles, menus, header and footer read as
/// prices: a listing whose tiles were not recognised still shows many.
fn loose_prices(page: &PageIndex<'_>, tiles: &Tiles, hint: MarketHint) -> usize {
    let Some(body) = page.body else {
        return 0;
    };
    let leave_out = |e: ElementRef<'_>| {
        matches!(
            e.value().name(),
            "nav" | "header" | "footer" | "s" | "del" | "strike" | "select"
        ) || tiles.is_root(e)
    };
    visible_text_nodes_by(body, leave_out)
        .take(MAX_LOOSE_TEXTS)
        .filter_map(|n| n.value().as_text().map(|t| t.trim().to_owned()))
        .filter(|t| (2..=40).contains(&t.chars().count()))
        .filter(|t| parse_price_text_in(t, hint).is_some())
        .count()
}

fn add_to_cart(page: &PageIndex<'_>, tiles: &Tiles) -> Option<String> {
    page.controls
        .iter()
        .copied()
        .filter(|e| !tiles.contains(*e))
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

fn script_shell(page: &PageIndex<'_>, body_text: &str) -> Option<String> {
    let chars = body_text
        .split_whitespace()
        .map(|w| w.chars().count() + 1)
        .sum::<usize>();
    let scripts = page.scripts;
    (chars < SHELL_TEXT_CHARS && scripts > 0).then(|| {
        format!(
            "content is rendered by JavaScript: the HTML has only {chars} characters of visible text and {scripts} script(s), so a visitor without script sees nothing to buy"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    #[test]
    fn price_skips_struck_out_was_price_and_tiles() {
        let doc = Html::parse_document(
            r#"<p class="price"><del><span class="amount">€199,00</span></del> <ins><span class="amount">€159,95</span></ins></p>
            <ul><li class="product"><span class="price">€5,00</span></li></ul>"#,
        );
        let page = PageIndex::new(&doc);
        let price =
            visible_price(&page, &super::super::tiles::find(&page), MarketHint::NONE).unwrap();
        assert_eq!(
            (price.amount, price.currency.as_deref()),
            (159.95, Some("EUR"))
        );
    }

    fn cart(html: &str) -> Option<String> {
        let doc = Html::parse_document(html);
        let page = PageIndex::new(&doc);
        add_to_cart(&page, &super::super::tiles::find(&page))
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
            ("<button>カートに入れる</button>", "カートに入れる"),
            ("<button>加入购物车</button>", "加入购物车"),
            ("<button>장바구니 담기</button>", "장바구니 담기"),
            ("<button>Dodaj do koszyka</button>", "Dodaj do koszyka"),
            ("<button>В корзину</button>", "В корзину"),
            ("<button>Adaugă în coș</button>", "Adaugă în coș"),
            ("<button>Thêm vào giỏ</button>", "Thêm vào giỏ"),
        ] {
            assert_eq!(cart(html).as_deref(), Some(label), "{html}");
        }
        // Magento and Shopify render the button disabled until their script
        // runs or a size is chosen: it is still the page's buy control.
        assert_eq!(
            cart("<button disabled>Add to cart</button>").as_deref(),
            Some("Add to cart")
        );
        assert_eq!(cart("<a href='/cart'>Cart</a>"), None);
        // "Purchase" buys only as the whole label: a policy link does not.
        assert_eq!(
            cart("<button>Purchase</button>").as_deref(),
            Some("Purchase")
        );
        assert_eq!(cart("<a href='/pp'>100% Purchase Protection</a>"), None);
        assert_eq!(cart("<a href='/orders'>Purchase History</a>"), None);
    }

    #[test]
    fn breadcrumbs_from_list_or_separators() {
        let doc = Html::parse_document(
            r#"<nav aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li><li>Men</li><li>Clothing</li></ol></nav>"#,
        );
        assert_eq!(
            breadcrumbs(&PageIndex::new(&doc)),
            Some(vec!["Home".into(), "Men".into(), "Clothing".into()])
        );
        let doc = Html::parse_document(
            r#"<nav class="woocommerce-breadcrumb"><a href="/">Home</a> / <a href="/shop">Shoes</a> / Trail</nav>"#,
        );
        assert_eq!(
            breadcrumbs(&PageIndex::new(&doc)),
            Some(vec!["Home".into(), "Shoes".into(), "Trail".into()])
        );
    }

    #[test]
    fn shell_page_is_recognised() {
        let doc = Html::parse_document(
            r#"<body><div id="root"></div><noscript>You need to enable JavaScript to run this app.</noscript><script src="/app.js"></script></body>"#,
        );
        let page = PageIndex::new(&doc);
        let body = page.body.map(visible_text).unwrap_or_default();
        assert!(script_shell(&page, &body)
            .unwrap()
            .contains("rendered by JavaScript"));
    }
}
