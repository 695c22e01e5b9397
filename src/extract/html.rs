//! What a visitor sees, read from the HTML itself: title, first heading,
//! breadcrumb trail, the price on show (read in `price_on_show`), an
//! add-to-cart control (found in `buy_control`), product tiles of a
//! listing, "page not found" wording, and whether the page is an empty
//! shell that only script fills in.

use scraper::ElementRef;

use super::buy_control::add_to_cart;
use super::dom::{in_chrome, text_where, visible_text, visible_text_with_part};
use super::fact_text::clean;
use super::index::PageIndex;
use super::page_words;
use super::price::MarketHint;
use super::price_on_show::{loose_prices, visible_price};
use super::structured::ProductCandidate;
use super::Listing;

/// Fewer visible characters than this, with scripts, is an app shell.
const SHELL_TEXT_CHARS: usize = 200;
/// How many price, stock and breadcrumb elements are looked at.
pub(crate) const MAX_CANDIDATES: usize = 100;
/// Subheadings read for "page not found" wording, at most.
const MAX_SUBHEADINGS: usize = 10;
/// Visible text kept for the wall checks, in characters.
const TEXT_HEAD_CHARS: usize = 12_000;
/// Fewer tiles than this is a carousel, not a listing.
const MIN_LISTING_TILES: usize = 3;

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
