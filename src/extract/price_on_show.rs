//! The price a visitor sees on the page: the first price on show outside
//! tiles and menus, passing over struck-out "was" prices, instalment lines,
//! savings strips and the mini-cart; and how many loose prices are on show
//! outside tiles, menus, header and footer, which gives away a listing
//! whose tiles were not recognised.

use scraper::node::Element;
use scraper::ElementRef;

use super::dom::{in_chrome, price_text, visible_text_nodes_by};
use super::html::MAX_CANDIDATES;
use super::index::PageIndex;
use super::price::{
    is_not_a_price_context, not_a_price_around, parse_labelled_amount_in, parse_price_text_in,
    MarketHint,
};
use super::tiles::Tiles;

/// Class words of struck, compared and unit prices ("price--old",
/// "compare-at-price", "price-per-unit"), unless the class says "sale".
pub(super) const OLD_PRICE_CLASSES: &[&str] = &[
    "old",
    "was",
    "compare",
    "strike",
    "regular-price",
    "list-price",
    "unit",
    "per-",
];

fn is_old_price(element: &Element) -> bool {
    let class = element
        .attr("class")
        .unwrap_or_default()
        .to_ascii_lowercase();
    OLD_PRICE_CLASSES.iter().any(|w| class.contains(w)) && !class.contains("sale")
}

/// Class and id words of elements that show an amount that is not the
/// price: instalment plans, savings, the mini-cart.
pub(super) const NOT_PRICE_CLASSES: &[&str] = &[
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
pub(super) fn visible_price(
    page: &PageIndex<'_>,
    tiles: &Tiles,
    hint: MarketHint,
) -> Option<super::Price> {
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
            None => price_text(e, 200, struck),
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
    let around = price_text(parent, 300, skip);
    around
        .find(text)
        .is_some_and(|at| not_a_price_around(&around[..at], &around[at + text.len()..]).is_some())
}

/// Most short texts read for prices outside tiles.
const MAX_LOOSE_TEXTS: usize = 5000;

/// How many short texts outside tiles, menus, header and footer read as
/// prices: a listing whose tiles were not recognised still shows many.
pub(super) fn loose_prices(page: &PageIndex<'_>, tiles: &Tiles, hint: MarketHint) -> usize {
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
}
