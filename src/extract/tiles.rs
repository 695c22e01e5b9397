//! Product tiles: the repeated cards of a listing, a carousel or a "deal
//! of the week" strip. They are found from the shape of the DOM, not from
//! class names (which say nothing in CSS modules such as
//! `ProductCard_card__x7Gh2` or in Bootstrap grids): siblings of one
//! parent, alike in tag and class, that each hold a link, an image and a
//! price (or a link to a product page). Class names shop platforms give
//! tiles are still read, as a second opinion.
//!
//! Everything inside a tile belongs to another product: its price, buy
//! button and stock line are never the page's own.

use std::collections::HashMap;
use std::sync::LazyLock;

use ego_tree::NodeId;
use fnv::FnvHashSet;
use scraper::ElementRef;
use url::Url;

use super::dom::text_where;
use super::index::PageIndex;
use super::price::parse_price_text;

/// Fewer alike siblings than this are not tiles.
const MIN_TILES: usize = 3;
/// Parents looked at for tiles, at most.
const MAX_PARENTS: usize = 2000;
/// Text of one tile read for its price, at most.
const TILE_TEXT: usize = 600;

static BASE: LazyLock<Url> =
    LazyLock::new(|| Url::parse("https://tile.invalid/").expect("valid URL"));

/// The tiles of a page.
#[derive(Debug, Default)]
pub(crate) struct Tiles {
    /// The size of the largest group of tiles.
    pub(crate) largest: usize,
    /// The root element of every tile found by its shape.
    roots: FnvHashSet<NodeId>,
    /// The roots and every element whose class names it a tile, in one set
    /// so that walking up from an element costs one lookup a level.
    tops: FnvHashSet<NodeId>,
}

impl Tiles {
    /// Whether `element` is the root of a tile.
    pub(crate) fn is_root(&self, element: ElementRef<'_>) -> bool {
        self.tops.contains(&element.id())
    }

    /// Whether `element` sits inside a tile.
    pub(crate) fn contains(&self, element: ElementRef<'_>) -> bool {
        self.roots.contains(&element.id())
            || element.ancestors().any(|a| self.tops.contains(&a.id()))
    }
}

/// Finds the page's tiles.
pub(crate) fn find(page: &PageIndex<'_>) -> Tiles {
    let mut tiles = Tiles::default();
    by_shape(page, &mut tiles);
    tiles.largest = tiles.largest.max(by_class(page));
    tiles.tops = tiles.roots.union(page.named_tiles()).copied().collect();
    tiles
}

/// Tiles repeat under one parent (or grandparent, when each tile has its
/// own grid cell), while containers and parts of tiles do not.
fn by_class(page: &PageIndex<'_>) -> usize {
    let mut groups: HashMap<(NodeId, u8, &str), usize> = HashMap::new();
    for &tile in page.tiles.iter().filter(|e| !chrome(**e)) {
        let name = tile.value().name();
        for (level, ancestor) in tile.ancestors().take(2).enumerate() {
            let level = u8::try_from(level).unwrap_or(u8::MAX);
            *groups.entry((ancestor.id(), level, name)).or_default() += 1;
        }
    }
    groups.into_values().max().unwrap_or(0)
}

/// Alike siblings that each look like a product card. The header, footer
/// and navigation are not walked into.
fn by_shape(page: &PageIndex<'_>, tiles: &mut Tiles) {
    let Some(body) = page.body else {
        return;
    };
    let mut children: Vec<ElementRef<'_>> = Vec::new();
    let mut groups: Vec<((&str, &str), Vec<ElementRef<'_>>)> = Vec::new();
    let mut parents = 0;
    let mut next = Some(*body);
    while let Some(node) = next {
        let element = ElementRef::wrap(node).filter(|e| !is_chrome(*e));
        if let Some(parent) = element {
            children.clear();
            children.extend(parent.children().filter_map(ElementRef::wrap));
            if children.len() >= MIN_TILES {
                parents += 1;
                if parents > MAX_PARENTS {
                    return;
                }
                alike(&children, &mut groups);
                for (_, group) in groups.iter().filter(|(_, g)| g.len() >= MIN_TILES) {
                    let cards: Vec<ElementRef<'_>> =
                        group.iter().copied().filter(|c| is_card(*c)).collect();
                    if cards.len() >= MIN_TILES {
                        tiles.largest = tiles.largest.max(cards.len());
                        tiles.roots.extend(cards.iter().map(|c| c.id()));
                    }
                }
            }
        }
        next = element
            .and_then(|_| node.first_child())
            .or_else(|| after(node, body.id()));
    }
}

/// The node after `node`'s subtree in document order, within `root`.
fn after(
    node: ego_tree::NodeRef<'_, scraper::Node>,
    root: NodeId,
) -> Option<ego_tree::NodeRef<'_, scraper::Node>> {
    let mut at = node;
    loop {
        if at.id() == root {
            return None;
        }
        if let Some(sibling) = at.next_sibling() {
            return Some(sibling);
        }
        at = at.parent()?;
    }
}

/// Groups `children` that are alike: the same tag and the same first class
/// ("item first", "item", "item last" are one kind of tile), in the order
/// each kind first comes. A parent holds few kinds, so they are looked up
/// one by one.
fn alike<'a>(
    children: &[ElementRef<'a>],
    groups: &mut Vec<((&'a str, &'a str), Vec<ElementRef<'a>>)>,
) {
    groups.clear();
    for &child in children {
        let key = (
            child.value().name(),
            child
                .value()
                .attr("class")
                .and_then(|c| c.split_whitespace().next())
                .unwrap_or_default(),
        );
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, group)) => group.push(child),
            None => groups.push((key, vec![child])),
        }
    }
}

/// A link and a price (rows of a listing), or a link, an image and a link
/// that reads as a product's (tiles whose price is drawn by script).
fn is_card(element: ElementRef<'_>) -> bool {
    let own_link =
        (element.value().name() == "a" && element.attr("href").is_some()).then_some(element);
    let mut links = own_link.into_iter().chain(
        descendants(element).filter(|e| e.value().name() == "a" && e.attr("href").is_some()),
    );
    let Some(first) = links.next() else {
        return false;
    };
    // The price is read last: it costs the most.
    let pictured = descendants(element).any(|e| e.value().name() == "img") || has_picture(element);
    pictured
        && std::iter::once(first).chain(links).take(4).any(|a| {
            a.attr("href")
                .and_then(|h| BASE.join(h).ok())
                .is_some_and(|u| super::url_habits::product_url(&u).is_some())
        })
        || parse_price_text(&text_where(element, TILE_TEXT, |_| false)).is_some()
}

/// The elements below `element`, in document order.
fn descendants(element: ElementRef<'_>) -> impl Iterator<Item = ElementRef<'_>> {
    element.descendants().skip(1).filter_map(ElementRef::wrap)
}

fn has_picture(element: ElementRef<'_>) -> bool {
    element.descendants().filter_map(ElementRef::wrap).any(|e| {
        matches!(e.value().name(), "picture" | "svg")
            || e.value().attr("data-src").is_some()
            || e.value()
                .attr("style")
                .is_some_and(|s| s.contains("background-image"))
    })
}

/// Inside the page's header, footer or navigation.
fn chrome(element: ElementRef<'_>) -> bool {
    std::iter::once(element)
        .chain(element.ancestors().filter_map(ElementRef::wrap))
        .any(is_chrome)
}

/// The page's header, footer or navigation.
fn is_chrome(element: ElementRef<'_>) -> bool {
    matches!(element.value().name(), "header" | "footer" | "nav")
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn find(doc: &Html) -> Tiles {
        super::find(&PageIndex::new(doc))
    }

    #[test]
    fn cards_without_telling_class_names_are_counted() {
        let card = r#"<div class="ProductCard_card__x7Gh2"><a href="/p"><img src="x.jpg"><div class="_2WkVRV">Shirt</div><div class="_30jeq3">₹499</div></a><button>Add to cart</button></div>"#;
        let doc = Html::parse_document(&format!(
            "<main><div class=\"_1YokD2\">{}</div></main>",
            card.repeat(8)
        ));
        let tiles = find(&doc);
        assert_eq!(tiles.largest, 8);
        let button = doc
            .select(&scraper::Selector::parse("button").unwrap())
            .next()
            .unwrap();
        assert!(tiles.contains(button));
        let menu = Html::parse_document(&format!(
            "<main><ul>{}</ul></main>",
            "<li><a href='/c'>Shoes</a></li>".repeat(10)
        ));
        assert_eq!(find(&menu).largest, 0);
        // Cards right under the body count; cards in the navigation do not.
        let bare = Html::parse_document(&format!("<body>{}</body>", card.repeat(4)));
        assert_eq!(find(&bare).largest, 4);
        let in_menu = Html::parse_document(&format!(
            "<body><nav><div>{}</div></nav><main><p>Shirt</p></main></body>",
            card.repeat(8)
        ));
        assert_eq!(find(&in_menu).largest, 0);
    }

    #[test]
    fn bootstrap_grid_cells_with_links_to_products() {
        let cell = r#"<div class="col-6 col-md-3"><div class="card"><a href="/products/x"><img data-src="x.jpg" alt=""></a><a href="/products/x">Shirt</a></div></div>"#;
        let doc = Html::parse_document(&format!("<div class=\"row\">{}</div>", cell.repeat(12)));
        assert_eq!(find(&doc).largest, 12);
    }

    #[test]
    fn tiles_counted_once_whatever_their_wrappers() {
        let doc = Html::parse_document(&format!(
            r#"<ol class="products list items product-items">{}</ol>"#,
            r#"<li class="item product product-item"><div class="product-item-info"><a class="product-item-link" href="/x">X</a></div></li>"#.repeat(9)
        ));
        assert_eq!(find(&doc).largest, 9);
    }
}
