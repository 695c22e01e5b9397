//! How many products a page lists side by side. Tiles are recognised by
//! the class names shop platforms give them, and, for shops whose class
//! names say nothing (`_1xHGtK`), by their shape: six or more siblings that
//! each hold a link, an image and a price.

use scraper::{ElementRef, Html};
use std::collections::HashMap;

use super::html::{in_chrome, text_where};
use super::price::parse_price_text;
use super::selectors::{ANY_IN_BODY, IMAGE, LINK, TILE};

/// Fewer cards than this in a row are not a listing.
const MIN_CARDS: usize = 6;
/// Parents looked at for cards, at most.
const MAX_PARENTS: usize = 300;

/// The size of the largest group of product tiles or cards on the page.
pub(crate) fn count(doc: &Html) -> usize {
    by_class(doc).max(by_shape(doc))
}

/// Tiles repeat under one parent (or grandparent, when each tile has its
/// own grid cell), while containers and parts of tiles do not.
fn by_class(doc: &Html) -> usize {
    let mut groups: HashMap<(ego_tree::NodeId, u8, &str), usize> = HashMap::new();
    for tile in doc.select(&TILE).filter(|e| !in_chrome(*e)) {
        let name = tile.value().name();
        for (level, ancestor) in tile.ancestors().take(2).enumerate() {
            let level = u8::try_from(level).unwrap_or(u8::MAX);
            *groups.entry((ancestor.id(), level, name)).or_default() += 1;
        }
    }
    groups.into_values().max().unwrap_or(0)
}

/// Siblings that each hold a link, an image and a price.
fn by_shape(doc: &Html) -> usize {
    doc.select(&ANY_IN_BODY)
        .filter(|e| {
            e.children()
                .filter_map(ElementRef::wrap)
                .nth(MIN_CARDS - 1)
                .is_some()
        })
        .filter(|e| !in_chrome(*e))
        .take(MAX_PARENTS)
        .map(|parent| {
            parent
                .children()
                .filter_map(ElementRef::wrap)
                .filter(|c| is_card(*c))
                .count()
        })
        .filter(|n| *n >= MIN_CARDS)
        .max()
        .unwrap_or(0)
}

fn is_card(element: ElementRef<'_>) -> bool {
    element.select(&LINK).next().is_some()
        && element.select(&IMAGE).next().is_some()
        && parse_price_text(&text_where(element, 400, |_| false)).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cards_without_telling_class_names_are_counted() {
        let card = r#"<div class="_1xHGtK"><a href="/p"><img src="x.jpg"><div class="_2WkVRV">Shirt</div><div class="_30jeq3">₹499</div></a></div>"#;
        let doc = Html::parse_document(&format!(
            "<main><div class=\"_1YokD2\">{}</div></main>",
            card.repeat(8)
        ));
        assert_eq!(count(&doc), 8);
        let menu = Html::parse_document(&format!(
            "<main><ul>{}</ul></main>",
            "<li><a href='/c'>Shoes</a></li>".repeat(10)
        ));
        assert_eq!(count(&menu), 0);
    }

    #[test]
    fn tiles_counted_once_whatever_their_wrappers() {
        let doc = Html::parse_document(&format!(
            r#"<ol class="products list items product-items">{}</ol>"#,
            r#"<li class="item product product-item"><div class="product-item-info"><a class="product-item-link" href="/x">X</a></div></li>"#.repeat(9)
        ));
        assert_eq!(count(&doc), 9);
    }
}
