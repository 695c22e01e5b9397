//! The markup handed to the parser, read once before parsing.
//!
//! - A guard against pathological markup. HTML parsers check "is this
//!   element in scope?" by walking the stack of open elements, so a page
//!   nested 100,000 levels deep costs minutes of CPU. Real shop pages stay
//!   under a few hundred levels; past [`MAX_DEPTH`] the rest of the page is
//!   cut off before parsing, and the facts say so.
//! - Scripts (other than JSON-LD) and style sheets keep their elements but
//!   lose their bodies: no fact is read from them, and they are about a
//!   third of a shop page's bytes.

use std::borrow::Cow;

/// Deepest element nesting parsed.
pub(crate) const MAX_DEPTH: usize = 1000;

use memchr::memchr;

/// What the scan needs to know of a tag.
#[derive(PartialEq)]
enum Tag {
    /// Never holds content, or its end tag is usually left out.
    NotCounted,
    /// A raw-text element: its content is not markup.
    RawText,
    Other,
}

/// The kind of the tag `name`, in any case.
fn tag_kind(name: &[u8]) -> Tag {
    let mut lower = [0u8; 8];
    let Some(lower) = lower.get_mut(..name.len()) else {
        return Tag::Other;
    };
    for (l, c) in lower.iter_mut().zip(name) {
        *l = c.to_ascii_lowercase();
    }
    match &*lower {
        b"area" | b"base" | b"br" | b"col" | b"embed" | b"hr" | b"img" | b"input" | b"link"
        | b"meta" | b"source" | b"track" | b"wbr" | b"param" | b"keygen" | b"p" | b"li" | b"td"
        | b"th" | b"tr" | b"option" | b"optgroup" | b"dt" | b"dd" | b"thead" | b"tbody"
        | b"tfoot" | b"colgroup" | b"rb" | b"rt" | b"rp" => Tag::NotCounted,
        b"script" | b"style" | b"textarea" | b"title" | b"xmp" | b"noscript" | b"template" => {
            Tag::RawText
        }
        _ => Tag::Other,
    }
}

/// The markup to parse: `html` up to where it nests more than
/// [`MAX_DEPTH`] elements deep, without the bodies of scripts and style
/// sheets; and the byte offset of `html` where it was cut, if it was.
pub(crate) fn parseable(html: &str) -> (Cow<'_, str>, Option<usize>) {
    let bytes = html.as_bytes();
    let mut light = Lighter::default();
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
        let kind = tag_kind(name);
        if kind == Tag::NotCounted {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if kind == Tag::RawText {
            i = skip_raw_text(bytes, tag_end, name);
            if body_unread(name, &bytes[start..tag_end]) {
                light.leave_out(html, tag_end..i);
            }
        } else if bytes[..tag_end].ends_with(b"/>") {
            // self-closing foreign element (svg, math)
        } else {
            depth += 1;
            if depth > MAX_DEPTH {
                return (light.finish(&html[..start]), Some(start));
            }
        }
    }
    (light.finish(html), None)
}

/// Whether no fact is read from the body of the raw-text element `name`
/// opened by `tag`: a style sheet, or a script other than JSON-LD.
fn body_unread(name: &[u8], tag: &[u8]) -> bool {
    name.eq_ignore_ascii_case(b"style")
        || (name.eq_ignore_ascii_case(b"script")
            && !tag
                .windows(b"ld+json".len())
                .any(|w| w.eq_ignore_ascii_case(b"ld+json")))
}

/// A copy of the markup with some ranges left out, made only once one is.
#[derive(Default)]
struct Lighter {
    copy: Option<String>,
    /// Where the part of the markup not yet copied starts.
    from: usize,
}

impl Lighter {
    /// Leaves `range` of `html` out of the copy.
    fn leave_out(&mut self, html: &str, range: std::ops::Range<usize>) {
        if range.is_empty() {
            return;
        }
        let copy = self
            .copy
            .get_or_insert_with(|| String::with_capacity(html.len()));
        copy.push_str(&html[self.from..range.start]);
        self.from = range.end;
    }

    /// The markup up to the end of `kept`, without the ranges left out.
    fn finish(self, kept: &str) -> Cow<'_, str> {
        match self.copy {
            None => Cow::Borrowed(kept),
            Some(mut copy) => {
                copy.push_str(&kept[self.from..]);
                Cow::Owned(copy)
            }
        }
    }
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
        let (kept, cut) = parseable(&deep);
        assert!(cut.is_some());
        assert_eq!(kept.matches("<div>").count(), MAX_DEPTH - 2);

        let wide = format!(
            "<ul>{}</ul><p>a<p>b<br><img src=x>",
            "<li>item".repeat(5000)
        );
        assert_eq!(parseable(&wide), (Cow::Borrowed(wide.as_str()), None));
        let script = format!("<script>var s = '{}';</script>", "<div>".repeat(5000));
        assert_eq!(parseable(&script).1, None);
    }

    #[test]
    fn scripts_and_styles_lose_their_bodies_but_json_ld_stays() {
        let html = concat!(
            "<head><title>Pegasus 40</title><style>.a{color:red}</style>",
            "<script>var x = '<div>';</script>",
            r#"<script type="Application/LD+JSON">{"@type":"Product"}</script></head>"#,
            "<body><h1>Pegasus 40</h1><script src=/a.js></script></body>"
        );
        let (kept, cut) = parseable(html);
        assert_eq!(cut, None);
        assert_eq!(
            kept,
            concat!(
                "<head><title>Pegasus 40</title><style></style><script></script>",
                r#"<script type="Application/LD+JSON">{"@type":"Product"}</script></head>"#,
                "<body><h1>Pegasus 40</h1><script src=/a.js></script></body>"
            )
        );
        // Cut where the nesting gets too deep, offsets of the page as served.
        let deep = format!(
            "<script>{}</script>{}",
            "x".repeat(50),
            "<b>".repeat(MAX_DEPTH + 1)
        );
        let (kept, cut) = parseable(&deep);
        assert_eq!(cut, Some(67 + 3 * MAX_DEPTH));
        assert_eq!(
            kept,
            format!("<script></script>{}", "<b>".repeat(MAX_DEPTH))
        );
    }
}
