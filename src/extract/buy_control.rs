//! The page's add-to-cart or buy control: a button, input or link outside
//! the product tiles whose label says "add to cart" or "buy now" in one of
//! the languages shops speak, or whose id, name or class says so.

use std::sync::LazyLock;

use regex::Regex;

use super::dom::text_where;
use super::fact_text::clean;
use super::index::PageIndex;
use super::tiles::Tiles;

/// How many buttons and links are looked at for an add-to-cart control.
pub(crate) const MAX_CONTROLS: usize = 2000;
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

pub(super) fn add_to_cart(page: &PageIndex<'_>, tiles: &Tiles) -> Option<String> {
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
            let by_label = label.len() < 60 && ADD_TO_CART.is_match(&label);
            // A link is a buy control by its label alone, so the
            // attributes of the hundreds of menu links are never joined.
            if e.value().name() == "a" && !by_label {
                return None;
            }
            let attrs = ["id", "name", "class", "data-action"]
                .iter()
                .filter_map(|a| e.attr(a))
                .collect::<Vec<_>>()
                .join(" ");
            let by_attr = e.value().name() != "a"
                && (CART_ATTR.is_match(&attrs) || e.attr("name") == Some("add"));
            (by_label || by_attr).then_some(if label.is_empty() { attrs } else { label })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

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
}
