//! The stock of the page's own product, as a visitor reads it: a stock
//! line outside the product tiles, sold-out wording near the product's
//! heading, or a buy control that says the product cannot be had. Tiles,
//! menus, size pickers, badges a theme shows or hides, and "related
//! products" strips carry other products' stock words and are left out.

use std::sync::LazyLock;

use regex::Regex;
use scraper::{ElementRef, Node};

use super::buy_control::MAX_CONTROLS;
use super::dom::{in_chrome, is_closed_dialog, text_where, visible_text_nodes_by};
use super::fact_text::clean;
use super::html::MAX_CANDIDATES;
use super::index::PageIndex;
use super::price::availability_from_text;
use super::tiles::Tiles;
use super::walls;

/// Headings of strips of other products under the main one.
static RELATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)related products|you (?:may|might) also like|customers (?:also|who) (?:bought|viewed)|",
        r"similar (?:products|items)|recommended for you|frequently bought together|recently viewed|",
        r"ähnliche (?:produkte|artikel)|das könnte (?:dir|ihnen) auch gefallen|produits similaires|",
        r"vous aimerez aussi|productos relacionados|también te puede interesar|produtos relacionados|",
        r"prodotti correlati|gerelateerde producten|liknande produkter|relaterade produkter|",
        r"関連商品|相关商品|相關商品|관련 상품"
    ))
    .expect("valid regex")
});
/// Wording with stock words that is not about the product's stock.
static NOT_STOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?:currently |temporarily )?unavailable (?:for|to) (?:store )?pick ?-?up|",
        r"(?:chat|image|photo|video|list|review)s? (?:is |are )?(?:not |un)available|",
        r"unavailable (?:for|in) (?:delivery|your area|store)|",
        r"(?:store pick ?-?up|click (?:&|and) collect|retiro en tienda|recogida en tienda|retrait en magasin|",
        r"abholung im (?:markt|geschäft)|ritiro in negozio|retirada na loja|afhalen in de winkel) ",
        r"(?:\S+ ){0,2}?(?:not available|unavailable|no disponible|indisponible|nicht verfügbar|non disponibile|",
        r"indisponível|niet beschikbaar)|sold out (?:sizes|colou?rs)|image indisponible|",
        r"image non disponible|immagine non disponibile|imagen no disponible|",
        r"(?:bild|foto) (?:nicht|derzeit nicht) verfügbar|imagem indisponível|afbeelding niet beschikbaar"
    ))
    .expect("valid regex")
});
/// Visible text read for the stock line before the page's heading.
const BLOCK_BEFORE: usize = 400;
/// Visible text read for the stock line after the page's heading.
const BLOCK_AFTER: usize = 1500;

/// The stock line of the page's own product: a stock element outside the
/// tiles, a sold-out line in the main product block (the heading's
/// region, outside tiles and menus), or a buy control that says the
/// product cannot be had.
pub(crate) fn availability(page: &PageIndex<'_>, tiles: &Tiles) -> Option<super::Availability> {
    let stock = page
        .stock
        .iter()
        .copied()
        .filter(|e| !tiles.contains(*e) && !in_chrome(*e))
        .take(MAX_CANDIDATES)
        .find_map(|e| availability_from_text(&text_where(e, 300, |_| false)));
    if stock.is_some_and(|a| !a.purchasable()) {
        return stock;
    }
    block_availability(page, tiles)
        .filter(|a| !a.purchasable())
        .or(stock)
        .or_else(|| {
            page.controls
                .iter()
                .copied()
                .filter(|e| e.value().name() != "a" && !tiles.contains(*e) && !in_chrome(*e))
                .take(MAX_CONTROLS)
                .filter_map(|e| clean(&text_where(e, 100, |_| false)))
                .filter(|label| label.chars().count() < 40)
                .find_map(|label| availability_from_text(&label))
                .filter(|a| !a.purchasable())
        })
}

/// A sold-out line near the page's heading: the visible text from a
/// little before the first `<h1>` to well after it, with tiles, menus,
/// header and footer left out, read for stock wording.
fn block_availability(page: &PageIndex<'_>, tiles: &Tiles) -> Option<super::Availability> {
    let body = page.body?;
    // The heading, or without one the first price on show, anchors the block.
    let outside = |e: &ElementRef<'_>| !tiles.contains(*e) && !in_chrome(*e);
    let anchor = page
        .h1s
        .iter()
        .copied()
        .find(outside)
        .or_else(|| page.prices.iter().copied().find(outside))?;
    // Variant pickers say which sizes are sold out, badges are shown or
    // hidden by the theme's style sheet, and dialogs wait closed: none is
    // the product's stock.
    let leave_out = |e: ElementRef<'_>| {
        matches!(
            e.value().name(),
            "nav" | "header" | "footer" | "select" | "option"
        ) || e
            .attr("role")
            .is_some_and(|r| matches!(r, "option" | "radio" | "radiogroup" | "listbox"))
            || e.attr("class").is_some_and(|c| c.contains("badge"))
            || is_closed_dialog(e.value())
            || tiles.is_root(e)
    };
    let mut text = String::new();
    let mut heading_at = None;
    for node in visible_text_nodes_by(body, leave_out) {
        // Node ids follow document order: the first text at or after the
        // anchor, even when the anchor's own text is hidden.
        if heading_at.is_none() && node.id() > anchor.id() {
            heading_at = Some(text.len());
        }
        // Layout whitespace would eat the window: count words only.
        if let Node::Text(t) = node.value() {
            for word in t.split_whitespace() {
                text.push_str(word);
                text.push(' ');
            }
        }
        if heading_at.is_some_and(|at| text.len() > at + BLOCK_AFTER) {
            break;
        }
    }
    let at = heading_at?;
    let from = walls::floor_char_boundary(&text, at.saturating_sub(BLOCK_BEFORE));
    let mut window = &text[from..];
    // Other products' tiles start where a "related products" strip does.
    if let Some(related) = RELATED.find(&window[(at - from).min(window.len())..]) {
        window = &window[..(at - from).min(window.len()) + related.start()];
    }
    availability_from_text(&NOT_STOCK.replace_all(window, " ")).filter(|a| !a.purchasable())
}
