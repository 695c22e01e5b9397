//! Class and id values no rule reads, left out of the markup the parser
//! is handed. They are most of a shop page's attributes, and each costs
//! the parser an attribute node, while the rules read only the few values
//! that hold one of their words (price, stock, brand, breadcrumb, tile,
//! overlay, struck price, instalment, badge, screen-reader-only) or one of
//! their whole names ("product", "card", `#productTitle`, `#MainContent`).
//!
//! A class is left out only on elements that hold text, an image or a
//! link: tile detection groups alike siblings by their first class name,
//! whatever it says, and a tile is a block (a `div`, `li` or `article`)
//! or, rarely, a link. Links in a row whose classes said nothing to the
//! rules become one kind of sibling; on the real development set this
//! changed no fact. Buttons and inputs keep both: a buy control is known
//! by its id or class too (`add_to_cart_btn`), and one without a label is
//! shown by them.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use rustc_hash::FxHashMap;

use super::classify::{
    word_finder, BRAND_IDS, CLASS_NAMES, ID_ONLY_WORDS, MAIN_IDS, TITLE_IDS, WORDS,
};
use super::price_on_show::{NOT_PRICE_CLASSES, OLD_PRICE_CLASSES};

/// Words read inside class values by rules outside `classify.rs` and
/// `price_on_show.rs`.
const OTHER_CLASS_WORDS: &[&str] = &[
    // price_on_show.rs: a sale price is no struck price.
    "sale",
    // stock.rs: a badge is no stock line.
    "badge",
    // dom.rs: text only screen readers get.
    "sr-only",
    "screen-reader-text",
    "visually-hidden",
];

static CLASS_FINDER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    word_finder(
        WORDS
            .iter()
            .filter(|w| !ID_ONLY_WORDS.contains(w))
            .chain(OLD_PRICE_CLASSES)
            .chain(NOT_PRICE_CLASSES)
            .chain(OTHER_CLASS_WORDS),
    )
});

static ID_FINDER: LazyLock<AhoCorasick> =
    LazyLock::new(|| word_finder(WORDS.iter().chain(NOT_PRICE_CLASSES)));

/// Whether the element `tag` may lose an id no rule reads: all but buy
/// controls.
pub(super) fn may_lose_id(tag: &[u8]) -> bool {
    !(tag.eq_ignore_ascii_case(b"button") || tag.eq_ignore_ascii_case(b"input"))
}

/// Whether the element `tag` may lose a class no rule reads: elements that
/// hold text, an image or a link, never a block nor a buy control.
pub(super) fn may_lose_class(tag: &[u8]) -> bool {
    const INLINE: [&[u8]; 25] = [
        b"a", b"span", b"img", b"i", b"b", b"em", b"strong", b"small", b"sup", b"sub", b"u", b"h1",
        b"h2", b"h3", b"h4", b"h5", b"h6", b"p", b"label", b"svg", b"path", b"picture", b"source",
        b"time", b"abbr",
    ];
    INLINE.iter().any(|t| t.eq_ignore_ascii_case(tag))
}

/// Whether no rule reads the id `id`.
pub(super) fn unread_id(id: &str) -> bool {
    !(ID_FINDER.is_match(id)
        || TITLE_IDS
            .iter()
            .chain(MAIN_IDS)
            .chain(BRAND_IDS)
            .any(|n| *n == id))
}

/// The answers of [`UnreadClasses::unread`] for the class values of one
/// page, which repeats a few values on thousands of elements.
#[derive(Default)]
pub(super) struct UnreadClasses<'a>(FxHashMap<&'a str, bool>);

impl<'a> UnreadClasses<'a> {
    /// Whether no rule reads the class value `value`.
    pub(super) fn unread(&mut self, value: &'a str) -> bool {
        *self.0.entry(value).or_insert_with(|| {
            !(CLASS_FINDER.is_match(value)
                || value
                    .split_ascii_whitespace()
                    .any(|name| CLASS_NAMES.contains(&name)))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_with_a_rule_word_or_name_are_read() {
        let mut classes = UnreadClasses::default();
        for class in [
            "price__container motion-reduce",
            "grid__item Product-Card-wrapper",
            "card",
            "badge--bottom-left",
            "product__info caption-with-letter-spacing",
            "btn klarna-placement",
        ] {
            assert!(!classes.unread(class), "{class}");
        }
        for class in ["mega-menu__link full-unstyled-link", "cards grid", " "] {
            assert!(classes.unread(class), "{class}");
        }
        for id in [
            "productTitle",
            "MainContent",
            "wrapper-breadcrumbs",
            "age-gate",
        ] {
            assert!(!unread_id(id), "{id}");
        }
        for id in ["shopify-section-header", "title-2", "Content"] {
            assert!(unread_id(id), "{id}");
        }
    }

    #[test]
    fn only_elements_that_are_never_tiles_lose_their_class() {
        assert!(may_lose_class(b"SPAN"));
        assert!(may_lose_class(b"h3") && may_lose_class(b"a"));
        for tag in [&b"div"[..], b"li", b"article", b"button", b"input"] {
            assert!(!may_lose_class(tag));
        }
        assert!(may_lose_id(b"div"));
        assert!(!may_lose_id(b"BUTTON") && !may_lose_id(b"input"));
    }
}
