//! A guard against pathological markup. HTML parsers check "is this element
//! in scope?" by walking the stack of open elements, so a page nested
//! 100,000 levels deep costs minutes of CPU. Real shop pages stay under a
//! few hundred levels; past [`MAX_DEPTH`] the rest of the page is cut off
//! before parsing, and the facts say so.

/// Deepest element nesting parsed.
pub(crate) const MAX_DEPTH: usize = 1000;

use memchr::memchr;

/// Elements that never hold content or whose end tag is usually left out.
const NOT_COUNTED: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "p", "li", "td", "th", "tr", "option", "optgroup", "dt", "dd",
    "thead", "tbody", "tfoot", "colgroup", "rb", "rt", "rp",
];

/// Raw-text elements whose content is not markup.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "noscript", "template",
];

/// The part of `html` that nests at most [`MAX_DEPTH`] elements deep, and
/// the byte offset where it was cut, if it was.
pub(crate) fn within_depth(html: &str) -> (&str, Option<usize>) {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(offset) = memchr(b'<', &bytes[i..]) {
        let start = i + offset;
        let (closing, name_start) = match bytes.get(start + 1) {
            Some(b'/') => (true, start + 2),
            Some(c) if c.is_ascii_alphabetic() => (false, start + 1),
            _ => {
                i = start + 1;
                continue;
            }
        };
        let name_end = bytes[name_start..]
            .iter()
            .position(|c| !c.is_ascii_alphanumeric() && *c != b'-')
            .map_or(bytes.len(), |p| name_start + p);
        let name = &bytes[name_start..name_end];
        let tag_end = memchr(b'>', &bytes[name_end..]).map_or(bytes.len(), |p| name_end + p + 1);
        i = tag_end;
        if is_one_of(name, NOT_COUNTED) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if is_one_of(name, RAW_TEXT) {
            i = skip_raw_text(bytes, tag_end, name);
        } else if bytes[..tag_end].ends_with(b"/>") {
            // self-closing foreign element (svg, math)
        } else {
            depth += 1;
            if depth > MAX_DEPTH {
                return (&html[..start], Some(start));
            }
        }
    }
    (html, None)
}

/// Whether the tag `name` is one of `names`, in any case.
fn is_one_of(name: &[u8], names: &[&str]) -> bool {
    names
        .iter()
        .any(|n| n.as_bytes().eq_ignore_ascii_case(name))
}

/// Where the raw text that starts at `from` ends: at its `</name`.
fn skip_raw_text(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(offset) = memchr(b'<', &bytes[i..]) {
        let at = i + offset;
        let tag = &bytes[at + 1..];
        if tag.first() == Some(&b'/')
            && tag.len() > name.len()
            && tag[1..=name.len()].eq_ignore_ascii_case(name)
        {
            return at;
        }
        i = at + 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_pathological_nesting_only() {
        let deep = format!("<html><body>{}x", "<div>".repeat(MAX_DEPTH + 10));
        let (kept, cut) = within_depth(&deep);
        assert!(cut.is_some());
        assert_eq!(kept.matches("<div>").count(), MAX_DEPTH - 2);

        let wide = format!(
            "<ul>{}</ul><p>a<p>b<br><img src=x>",
            "<li>item".repeat(5000)
        );
        assert_eq!(within_depth(&wide), (wide.as_str(), None));
        let script = format!("<script>var s = '{}';</script>", "<div>".repeat(5000));
        assert_eq!(within_depth(&script).1, None);
    }
}
