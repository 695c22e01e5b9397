//! Reading the DOM as a visitor sees it, shared by every extractor: the
//! visible text below an element (no script, style, hidden or
//! screen-reader-only text), whether an element sits in the page's chrome
//! (header, footer, menus, struck-out prices), and dialogs that wait closed.

use ego_tree::NodeRef;
use scraper::node::Element;
use scraper::{ElementRef, Node};

use super::price::join_split_decimals;

/// Whether a class value names text for screen readers only, e.g.
/// "Original price was: £42.00": it contains `sr-only`,
/// `screen-reader-text` or `visually-hidden`, each looked for at a dash.
fn screen_reader_only(class: &str) -> bool {
    /// Each name, with the offset of its first dash.
    const NAMES: [(&[u8], usize); 3] = [
        (b"sr-only", 2),
        (b"screen-reader-text", 6),
        (b"visually-hidden", 8),
    ];
    let bytes = class.as_bytes();
    memchr::memchr_iter(b'-', bytes).any(|dash| {
        NAMES
            .iter()
            .any(|(name, at)| dash >= *at && bytes[dash - at..].starts_with(name))
    })
}

/// Text a visitor sees: no script, style, template or noscript content.
pub(crate) fn visible_text(element: ElementRef<'_>) -> String {
    text_where(element, usize::MAX, |_| false)
}

/// The visible text of `root`, and the byte range of it that lies inside
/// `part`, an element below `root` (all of it without one): one walk for
/// both. The range is empty when nothing of `part` is on show.
pub(crate) fn visible_text_with_part(
    root: ElementRef<'_>,
    part: Option<ElementRef<'_>>,
) -> (String, std::ops::Range<usize>) {
    let mut out = String::new();
    let (mut start, mut end) = (None, None);
    for node in visible_text_nodes(root, |_| false) {
        let Node::Text(text) = node.value() else {
            continue;
        };
        // A subtree's text is one run in document order: once inside the
        // part, the first text outside it ends the part.
        if end.is_none() {
            let inside = part.is_none_or(|part| node.ancestors().any(|a| a.id() == part.id()));
            match (start, inside) {
                (None, true) => start = Some(out.len()),
                (Some(_), false) => end = Some(out.len()),
                _ => {}
            }
        }
        out.push_str(text);
        out.push(' ');
    }
    let start = start.unwrap_or(out.len());
    let end = end.unwrap_or(out.len());
    (out, start..end)
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

/// [`text_where`] for a price element, read as the eye reads it: a sign
/// and cents set apart in superscripts (`<sup>$</sup> <span>499</span>
/// <sup>99</sup>`) stand against their units, the cents after the decimal
/// mark: a comma where the units group thousands with a point (`1.299` and
/// `00` are `1.299,00`); cents read apart from their units (`819 .99`)
/// join them again.
pub(crate) fn price_text(
    element: ElementRef<'_>,
    limit: usize,
    skip: impl Fn(&Element) -> bool,
) -> String {
    let mut out = String::new();
    let mut after_sign = false;
    for node in visible_text_nodes(element, skip) {
        let Node::Text(text) = node.value() else {
            continue;
        };
        let piece = text.trim();
        if piece.is_empty() && after_sign {
            continue;
        }
        let raised = node
            .parent()
            .and_then(ElementRef::wrap)
            .is_some_and(|p| p.value().name() == "sup");
        let units = out.trim_end();
        let cents = raised && piece.len() == 2 && piece.bytes().all(|b| b.is_ascii_digit());
        if cents && units.ends_with(|c: char| c.is_ascii_digit()) {
            let number = units
                .rsplit(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
                .next()
                .unwrap_or_default();
            let mark = if number.contains('.') { ',' } else { '.' };
            out.truncate(units.len());
            out.push(mark);
            out.push_str(piece);
            out.push(' ');
        } else if after_sign {
            out.push_str(text.trim_start());
            out.push(' ');
        } else if raised
            && (1..=4).contains(&piece.chars().count())
            && !piece.contains(|c: char| c.is_ascii_digit())
        {
            out.push_str(piece);
        } else {
            out.push_str(text);
            out.push(' ');
        }
        after_sign = raised && !cents && !piece.is_empty() && !out.ends_with(' ');
        if out.len() >= limit {
            break;
        }
    }
    join_split_decimals(&out).into_owned()
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
    let hides = move |element: ElementRef<'a>| {
        let e = element.value();
        if matches!(
            e.name(),
            "script" | "style" | "noscript" | "template" | "svg"
        ) {
            return true;
        }
        for (key, value) in &e.attrs {
            if !key.ns.is_empty() {
                continue;
            }
            let hidden = match &*key.local {
                "class" => screen_reader_only(value),
                "hidden" => true,
                // Messages kept for later, e.g. a "Sold out" shown only when
                // a variant sells out.
                "style" => {
                    // Most styles hide nothing: look closer only when one says
                    // "none" or "hidden" at all.
                    let says = |word: &[u8]| {
                        value
                            .as_bytes()
                            .windows(word.len())
                            .any(|w| w.eq_ignore_ascii_case(word))
                    };
                    (says(b"none") || says(b"hidden")) && {
                        let st = value.to_ascii_lowercase().replace(' ', "");
                        st.contains("display:none") || st.contains("visibility:hidden")
                    }
                }
                _ => false,
            };
            if hidden {
                return true;
            }
        }
        skip(element)
    };
    VisibleTextNodes {
        root: *element,
        next: Some(*element),
        hides,
    }
}

/// The text nodes below `root` in document order, stepping over the
/// subtrees of the elements `hides` tells, without entering them.
struct VisibleTextNodes<'a, F> {
    root: NodeRef<'a, Node>,
    next: Option<NodeRef<'a, Node>>,
    hides: F,
}

impl<'a, F: Fn(ElementRef<'a>) -> bool> VisibleTextNodes<'a, F> {
    /// The node after `node`'s subtree, within the root's.
    fn after(&self, mut node: NodeRef<'a, Node>) -> Option<NodeRef<'a, Node>> {
        loop {
            if node == self.root {
                return None;
            }
            if let Some(sibling) = node.next_sibling() {
                return Some(sibling);
            }
            node = node.parent()?;
        }
    }
}

impl<'a, F: Fn(ElementRef<'a>) -> bool> Iterator for VisibleTextNodes<'a, F> {
    type Item = NodeRef<'a, Node>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let node = self.next?;
            let enter = ElementRef::wrap(node).is_none_or(|e| !(self.hides)(e));
            self.next = match node.first_child().filter(|_| enter) {
                Some(child) => Some(child),
                None => self.after(node),
            };
            if enter && node.value().is_text() {
                return Some(node);
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::{Html, Selector};

    #[test]
    fn raised_cents_follow_their_units() {
        let read = |html: &str| {
            let doc = Html::parse_fragment(html);
            price_text(doc.root_element(), 200, |_| false)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(
            read("<div><sup>$</sup>\n<span>499</span>\n<sup>\n99\n</sup></div>"),
            "$499.99"
        );
        assert_eq!(read("<div><b>1.299</b><sup>00</sup> €</div>"), "1.299,00 €");
        assert_eq!(read("<div>10 m<sup>2</sup></div>"), "10 m 2");
        assert_eq!(read("<div>Model X<sup>12</sup></div>"), "Model X 12");
    }

    fn first<'a>(doc: &'a Html, css: &str) -> ElementRef<'a> {
        doc.select(&Selector::parse(css).expect("selector"))
            .next()
            .expect("element")
    }

    #[test]
    fn the_part_is_the_run_of_text_inside_it() {
        let doc = Html::parse_document(
            r#"<body><p>Menu</p><main><h1>Pegasus 40</h1><span class="sr-only">was</span><p>Sold out</p></main><footer>Help</footer></body>"#,
        );
        let (text, part) = visible_text_with_part(first(&doc, "body"), Some(first(&doc, "main")));
        assert_eq!(text, "Menu Pegasus 40 Sold out Help ");
        assert_eq!(&text[part], "Pegasus 40 Sold out ");

        let doc = Html::parse_document(
            r"<body><p>Menu</p><main hidden><h1>Pegasus 40</h1></main></body>",
        );
        let (text, part) = visible_text_with_part(first(&doc, "body"), Some(first(&doc, "main")));
        assert_eq!(text, "Menu ");
        assert!(part.is_empty());
    }

    #[test]
    fn screen_reader_classes_are_found_anywhere_in_the_value() {
        assert!(screen_reader_only("price sr-only"));
        assert!(screen_reader_only("a-visually-hidden-focusable"));
        assert!(screen_reader_only("screen-reader-text"));
        assert!(!screen_reader_only("only-sr visually hidden"));
        assert!(!screen_reader_only("-"));
    }
}
