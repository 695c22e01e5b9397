//! Reading the DOM as a visitor sees it, shared by every extractor: the
//! visible text below an element (no script, style, hidden or
//! screen-reader-only text), whether an element sits in the page's chrome
//! (header, footer, menus, struck-out prices), and dialogs that wait closed.

use ego_tree::iter::Edge;
use ego_tree::NodeRef;
use scraper::node::Element;
use scraper::{ElementRef, Node};

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
    visible_text_nodes_by(element, move |e| skip(e.value()))
}

/// [`visible_text_nodes`], leaving out the subtrees of the elements for
/// which `skip` is true, told by the element itself (its place in the tree).
pub(crate) fn visible_text_nodes_by<'a>(
    element: ElementRef<'a>,
    skip: impl Fn(ElementRef<'a>) -> bool + 'a,
) -> impl Iterator<Item = NodeRef<'a, Node>> + 'a {
    let hides = move |node: NodeRef<'a, Node>| {
        let Some(element) = ElementRef::wrap(node) else {
            return false;
        };
        let e = element.value();
        matches!(
            e.name(),
            "script" | "style" | "noscript" | "template" | "svg"
        ) || e.attr("class").is_some_and(|c| {
            // Text for screen readers only, e.g. "Original price was: £42.00".
            c.contains("screen-reader-text")
                || c.contains("sr-only")
                || c.contains("visually-hidden")
        }) || e.attr("hidden").is_some()
            // Messages kept for later, e.g. a "Sold out" shown only when a
            // variant sells out.
            || e.attr("style").is_some_and(|st| {
                let st = st.to_ascii_lowercase().replace(' ', "");
                st.contains("display:none") || st.contains("visibility:hidden")
            })
            || skip(element)
    };
    let mut hidden = 0usize;
    element.traverse().filter_map(move |edge| match edge {
        Edge::Open(node) => match node.value() {
            Node::Element(_) if hides(node) => {
                hidden += 1;
                None
            }
            Node::Text(_) if hidden == 0 => Some(node),
            _ => None,
        },
        Edge::Close(node) => {
            if hides(node) {
                hidden -= 1;
            }
            None
        }
    })
}

/// A `<dialog>` without `open`, an ARIA dialog, or a Bootstrap-style
/// `modal`: most wait closed until a click opens them ("Product
/// unavailable :(", "Added to your cart"). Age checks and country pickers
/// are dialogs opened at load, so only the stock reading leaves them out.
pub(crate) fn is_closed_dialog(e: &Element) -> bool {
    (e.name() == "dialog" && e.attr("open").is_none())
        || e.attr("role")
            .is_some_and(|r| r == "dialog" || r == "alertdialog")
        || e.attr("aria-modal") == Some("true")
        || e.has_class("modal", scraper::CaseSensitivity::AsciiCaseInsensitive)
}

/// Inside the page's header, footer or navigation, or a struck-out price.
pub(crate) fn in_chrome(element: ElementRef<'_>) -> bool {
    element.ancestors().filter_map(ElementRef::wrap).any(|a| {
        matches!(
            a.value().name(),
            "header" | "footer" | "nav" | "s" | "del" | "strike"
        )
    })
}
