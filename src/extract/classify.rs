//! The rules that tell what an element is by its tag, attributes and
//! class words: a price, a stock line, a brand line, a buy control, a
//! breadcrumb trail, an overlay, a tile named by its class. Each rule
//! gives the answer of the CSS selector the extractors once matched; the
//! page index applies them all to each element in one walk.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use rustc_hash::FxHashMap;
use scraper::node::Element;
use scraper::ElementRef;

/// White space as CSS selectors split attribute values by it.
pub(super) const SELECTOR_WHITESPACE: &[char] = &[' ', '\t', '\n', '\r', '\x0C'];

/// The words the rules look for inside class, id and test-id values,
/// ASCII letters in either case (CSS's `[attr*=word i]`). Each value is
/// scanned once for all of them; [`Words`] says which were found.
pub(super) const WORDS: &[&str] = &[
    "crumb",
    "breadcrumb",
    "price",
    "stock",
    "availability",
    "inventory",
    "product-card",
    "product-item",
    "product-tile",
    "product-grid-item",
    "product-miniature",
    "s-result-item",
    "product-brand",
    "productcard",
    "producttile",
    "brandname",
    "brand",
    "vendor",
    "gate",
    "modal",
    "overlay",
    "consent",
    "age-verif",
    "country",
    "age",
];

/// The words of [`WORDS`] read in ids and test ids only, never in class
/// values. The parser is handed no class value that holds none of the
/// others (`unread_values.rs`).
pub(super) const ID_ONLY_WORDS: &[&str] = &["breadcrumb", "age"];

/// Ids of a product's title: `#productTitle, #title_feature_div #title`
/// ([`Attrs::is_product_title`] names them one by one).
pub(super) const TITLE_IDS: &[&str] = &["productTitle", "title", "title_feature_div"];
/// Ids of the main content.
pub(super) const MAIN_IDS: &[&str] = &["MainContent", "maincontent", "content"];
/// Ids of a brand line.
pub(super) const BRAND_IDS: &[&str] = &["bylineInfo", "brand"];

/// Whole class names the rules look for, kept for the parser too.
pub(super) const CLASS_NAMES: &[&str] = &[
    "product",
    "card",
    "product__text",
    "caption-with-letter-spacing",
];

static WORD_FINDER: LazyLock<AhoCorasick> = LazyLock::new(|| word_finder(WORDS));

/// An automaton that finds `words` in either ASCII case.
pub(super) fn word_finder<'a>(words: impl IntoIterator<Item = &'a &'a str>) -> AhoCorasick {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        // Few short words: a full DFA is small and the fastest to run.
        .kind(Some(AhoCorasickKind::DFA))
        .build(words)
        .expect("the words build an automaton")
}

/// Which of [`WORDS`] one attribute value contains, as bits.
#[derive(Clone, Copy, Default)]
struct Words(u32);

impl Words {
    fn of(value: Option<&str>) -> Self {
        let Some(value) = value else {
            return Self(0);
        };
        let mut bits = 0u32;
        for found in WORD_FINDER.find_overlapping_iter(value) {
            bits |= 1 << found.pattern().as_u32();
        }
        Self(bits)
    }

    /// Whether one of the words of `mask` (from [`bits`]) is in the value.
    fn any(self, mask: u32) -> bool {
        self.0 & mask != 0
    }
}

/// The bits of `words` in [`Words`]; a word not in [`WORDS`] fails the
/// build, as every call is evaluated at compile time.
const fn bits(words: &[&str]) -> u32 {
    let mut mask = 0;
    let mut i = 0;
    while i < words.len() {
        mask |= 1 << index(words[i].as_bytes());
        i += 1;
    }
    mask
}

const fn index(word: &[u8]) -> usize {
    let mut i = 0;
    while i < WORDS.len() {
        let known = WORDS[i].as_bytes();
        if known.len() == word.len() {
            let mut j = 0;
            while j < word.len() && known[j] == word[j] {
                j += 1;
            }
            if j == word.len() {
                return i;
            }
        }
        i += 1;
    }
    panic!("not one of WORDS")
}

/// The [`Words`] of the class values already read on one page: a shop's
/// page repeats a few class values on thousands of elements, and looking
/// one up costs a fraction of scanning it again.
#[derive(Default)]
pub(super) struct ClassWords<'a>(FxHashMap<&'a str, Words>);

impl<'a> ClassWords<'a> {
    fn of(&mut self, value: Option<&'a str>) -> Words {
        match value {
            Some(value) => *self
                .0
                .entry(value)
                .or_insert_with(|| Words::of(Some(value))),
            None => Words(0),
        }
    }
}

/// `needle` within `haystack`, ASCII letters matched in either case: CSS's
/// `[attr*=needle i]`.
fn contains_ci(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    !n.is_empty() && h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

/// The attributes one element is classified by, read in one pass over its
/// attributes (those without a namespace, as CSS selectors read them).
#[derive(Default)]
pub(super) struct Attrs<'a> {
    pub(super) class: Option<&'a str>,
    pub(super) id: Option<&'a str>,
    pub(super) role: Option<&'a str>,
    pub(super) aria_modal: Option<&'a str>,
    pub(super) aria_label: Option<&'a str>,
    pub(super) data_testid: Option<&'a str>,
    pub(super) data_component_type: Option<&'a str>,
    pub(super) kind: Option<&'a str>,
    pub(super) rel: Option<&'a str>,
    pub(super) data_price: Option<&'a str>,
    pub(super) itemscope: Option<&'a str>,
    pub(super) property: Option<&'a str>,
    pub(super) name: Option<&'a str>,
    class_words: Words,
    id_words: Words,
    testid_words: Words,
}

impl<'a> Attrs<'a> {
    /// The attributes of `e`, its class words looked up in `classes`.
    pub(super) fn of(e: &'a Element, classes: &mut ClassWords<'a>) -> Self {
        let mut a = Self::default();
        for (key, value) in &e.attrs {
            if !key.ns.is_empty() {
                continue;
            }
            let value: &'a str = value;
            match &*key.local {
                "class" => a.class = Some(value),
                "id" => a.id = Some(value),
                "role" => a.role = Some(value),
                "aria-modal" => a.aria_modal = Some(value),
                "aria-label" => a.aria_label = Some(value),
                "data-testid" => a.data_testid = Some(value),
                "data-component-type" => a.data_component_type = Some(value),
                "type" => a.kind = Some(value),
                "rel" => a.rel = Some(value),
                "data-price" => a.data_price = Some(value),
                "itemscope" => a.itemscope = Some(value),
                "property" => a.property = Some(value),
                "name" => a.name = Some(value),
                _ => {}
            }
        }
        a.class_words = classes.of(a.class);
        a.id_words = Words::of(a.id);
        a.testid_words = Words::of(a.data_testid);
        a
    }

    /// The class contains one of the words of `mask`, in either case.
    fn class_has(&self, mask: u32) -> bool {
        debug_assert_eq!(
            mask & bits(ID_ONLY_WORDS),
            0,
            "a class rule looks for a word of ID_ONLY_WORDS"
        );
        self.class_words.any(mask)
    }

    /// One of the class words is `class`, in exactly this case.
    fn has_class(&self, class: &str) -> bool {
        debug_assert!(
            CLASS_NAMES.contains(&class),
            "{class} missing from CLASS_NAMES"
        );
        self.class
            .is_some_and(|c| c.split_ascii_whitespace().any(|w| w == class))
    }

    /// `#productTitle, #title_feature_div #title`
    pub(super) fn is_product_title(&self, element: ElementRef<'_>) -> bool {
        match self.id {
            Some("productTitle") => true,
            Some("title") => element
                .ancestors()
                .filter_map(ElementRef::wrap)
                .any(|a| a.value().id() == Some("title_feature_div")),
            _ => false,
        }
    }

    /// `main, [role="main"], #MainContent, #maincontent, #content`
    pub(super) fn is_main(&self, name: &str) -> bool {
        name == "main"
            || self.role == Some("main")
            || self.id.is_some_and(|id| MAIN_IDS.contains(&id))
    }

    /// Breadcrumb navigation by its label, class, id or test id.
    pub(super) fn is_breadcrumb(&self, name: &str) -> bool {
        (name == "nav"
            && has(
                self.aria_label,
                &[
                    "breadcrumb",
                    "brotkr",
                    "ariane",
                    "miga",
                    "brödsmul",
                    "sökväg",
                ],
            ))
            || self.class_has(const { bits(&["crumb"]) })
            || self.id_words.any(const { bits(&["breadcrumb"]) })
            || self.testid_words.any(const { bits(&["breadcrumb"]) })
    }

    /// `[class*="price" i], [id*="price" i], [data-price], [data-testid*="price" i]`
    pub(super) fn is_price(&self) -> bool {
        self.class_has(const { bits(&["price"]) })
            || self.id_words.any(const { bits(&["price"]) })
            || self.data_price.is_some()
            || self.testid_words.any(const { bits(&["price"]) })
    }

    /// `button, input[type="submit" i], input[type="button" i], a`
    pub(super) fn is_control(&self, name: &str) -> bool {
        match name {
            "button" | "a" => true,
            "input" => self.kind.is_some_and(|t| {
                t.eq_ignore_ascii_case("submit") || t.eq_ignore_ascii_case("button")
            }),
            _ => false,
        }
    }

    /// Class names shop platforms give product tiles.
    pub(super) fn is_tile(&self, name: &str) -> bool {
        self.class_has(
            const {
                bits(&[
                    "product-card",
                    "product-item",
                    "product-tile",
                    "product-grid-item",
                    "product-miniature",
                    "s-result-item",
                ])
            },
        ) || (self.class_has(const { bits(&["productcard", "producttile"]) })
            // These two in this case only.
            && self
                .class
                .is_some_and(|c| c.contains("productCard") || c.contains("productTile")))
            || (name == "li" && self.has_class("product"))
            || (name == "article" && self.has_class("card"))
            || self.data_component_type == Some("s-search-result")
    }

    /// Stock, availability or inventory by class or id.
    pub(super) fn is_stock(&self) -> bool {
        self.class_has(const { bits(&["stock", "availability", "inventory"]) })
            || self
                .id_words
                .any(const { bits(&["stock", "availability"]) })
    }

    /// The brand line's ids and classes across shop platforms.
    pub(super) fn is_brand(&self, name: &str) -> bool {
        self.id.is_some_and(|id| BRAND_IDS.contains(&id))
            // Each class word below names a brand or a vendor.
            || (self.class_has(const { bits(&["brand", "vendor"]) })
                && self.class.is_some_and(|c| {
                    c.split_ascii_whitespace().any(|w| {
                        matches!(
                            w,
                            "product__vendor"
                                | "product-vendor"
                                | "productView-brand"
                                | "product-brand"
                                | "brand-name"
                                | "product-detail__brand"
                        )
                    })
                }))
            || (name == "p"
                && self.has_class("product__text")
                && self.has_class("caption-with-letter-spacing"))
            || self.testid_words.any(const { bits(&["brand"]) })
            || self.class_has(const { bits(&["product-brand", "brandname"]) })
    }

    /// Dialogs, gates, modals, consent and country overlays, then `main`
    /// and `body`.
    pub(super) fn is_overlay(&self, name: &str) -> bool {
        self.role == Some("dialog")
            || self.aria_modal == Some("true")
            || self.class_has(
                const {
                    bits(&[
                        "gate",
                        "modal",
                        "overlay",
                        "consent",
                        "age-verif",
                        "country",
                    ])
                },
            )
            || self.id_words.any(const { bits(&["gate", "age"]) })
            || matches!(name, "main" | "body")
    }
}

/// `value` is there and contains one of `needles`, in either case.
fn has(value: Option<&str>, needles: &[&str]) -> bool {
    value.is_some_and(|v| needles.iter().any(|n| contains_ci(v, n)))
}
