//! The markup handed to the parser, read once before parsing.
//!
//! - A guard against pathological markup. HTML parsers check "is this
//!   element in scope?" by walking the stack of open elements, so a page
//!   nested 100,000 levels deep costs minutes of CPU. Real shop pages stay
//!   under a few hundred levels; past [`MAX_DEPTH`] the rest of the page is
//!   cut off before parsing, and the facts say so.
//! - Scripts (other than JSON-LD), style sheets and inline SVG images keep
//!   their elements but lose their bodies, and image candidate lists
//!   (`srcset`, `sizes`) lose their values: no fact is read from them, and
//!   together they are about half of a shop page's bytes.
//! - Ids and classes no rule reads are left out where that cannot change
//!   a fact (`unread_values.rs`): each attribute costs the parser a node
//!   attribute, and a shop page has thousands.

use std::borrow::Cow;

/// Deepest element nesting parsed.
pub(crate) const MAX_DEPTH: usize = 1000;

use memchr::{memchr, memmem};

use super::unread_values::{may_lose_class, may_lose_id, unread_id, UnreadClasses};

/// What the scan needs to know of a tag.
#[derive(PartialEq)]
enum Tag {
    /// Never holds content, or its end tag is usually left out.
    NotCounted,
    /// An image tag, never holding content, that may list candidate
    /// images.
    Image,
    /// A raw-text element: its content is not markup.
    RawText,
    /// An inline SVG image: markup, but none of it is read.
    Svg,
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
        b"img" | b"source" | b"link" => Tag::Image,
        b"area" | b"base" | b"br" | b"col" | b"embed" | b"hr" | b"input" | b"meta" | b"track"
        | b"wbr" | b"param" | b"keygen" | b"p" | b"li" | b"td" | b"th" | b"tr" | b"option"
        | b"optgroup" | b"dt" | b"dd" | b"thead" | b"tbody" | b"tfoot" | b"colgroup" | b"rb"
        | b"rt" | b"rp" => Tag::NotCounted,
        b"script" | b"style" | b"textarea" | b"title" | b"xmp" | b"noscript" | b"template" => {
            Tag::RawText
        }
        b"svg" => Tag::Svg,
        _ => Tag::Other,
    }
}

/// The markup to parse: `html` up to where it nests more than
/// [`MAX_DEPTH`] elements deep, without the bodies of scripts, style sheets
/// and SVG images nor the [`unread`] attributes of any tag;
/// and the byte offset of `html` where it was cut, if it was.
pub(crate) fn parseable(html: &str) -> (Cow<'_, str>, Option<usize>) {
    let bytes = html.as_bytes();
    let mut light = Lighter::default();
    let mut classes = UnreadClasses::default();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(offset) = memchr(b'<', &bytes[i..]) {
        let start = i + offset;
        let (closing, name_start) = match bytes.get(start + 1) {
            Some(b'/') => (true, start + 2),
            Some(c) if c.is_ascii_alphabetic() => (false, start + 1),
            Some(b'!') if bytes[start..].starts_with(b"<!--") => {
                i = memmem::find(&bytes[start + 4..], b"-->")
                    .map_or(bytes.len(), |p| start + p + 7);
                continue;
            }
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
        let kind = tag_kind(name);
        let tag_end = if closing {
            memchr(b'>', &bytes[name_end..]).map_or(bytes.len(), |p| name_end + p + 1)
        } else {
            read_attributes(
                html,
                name_end,
                (may_lose_id(name), may_lose_class(name)),
                &mut classes,
                &mut light,
            )
        };
        i = tag_end;
        let self_closing = bytes[..tag_end].ends_with(b"/>");
        match kind {
            Tag::NotCounted | Tag::Image => {}
            // The end tag of a body skipped below.
            Tag::RawText | Tag::Svg if closing => {}
            _ if closing => depth = depth.saturating_sub(1),
            // A body to skip: `<script/>` has one all the same, `<svg/>` not.
            Tag::RawText | Tag::Svg if kind == Tag::RawText || !self_closing => {
                i = skip_body(bytes, tag_end, name);
                if kind == Tag::Svg || body_unread(name, &bytes[start..tag_end]) {
                    light.leave_out(html, tag_end..i);
                }
            }
            // A self-closing foreign element (svg, math).
            _ if self_closing => {}
            _ => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return (light.finish(&html[..start]), Some(start));
                }
            }
        }
    }
    (light.finish(html), None)
}

/// Whether no fact is read from the attribute `name`, in any tag: the
/// candidate images of `<img>`, `<source>` and `<link rel="preload">`, an
/// image's alternative text and layout hints, event handlers (`onclick`),
/// and data and ARIA attributes other than the few the extractors read.
/// Together they are about a sixth of a shop page's markup outside scripts.
fn unread(name: &[u8]) -> bool {
    /// Data and ARIA attributes a fact is read from.
    const READ: [&[u8]; 7] = [
        b"data-price",
        b"data-testid",
        b"data-component-type",
        b"data-action",
        b"data-src",
        b"aria-label",
        b"aria-modal",
    ];
    /// Other attributes no fact is read from.
    const UNREAD: [&[u8]; 9] = [
        b"srcset",
        b"sizes",
        b"imagesrcset",
        b"alt",
        b"loading",
        b"decoding",
        b"fetchpriority",
        b"width",
        b"height",
    ];
    let starts = |prefix: &[u8]| {
        name.get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
    };
    if starts(b"data-") || starts(b"aria-") {
        !READ.iter().any(|read| read.eq_ignore_ascii_case(name))
    } else {
        starts(b"on")
            || UNREAD
                .iter()
                .any(|unread| unread.eq_ignore_ascii_case(name))
    }
}

/// Reads the attributes of the start tag whose name ends at `from`, as an
/// HTML tokenizer does, leaving out of `light` the [`unread`] ones and,
/// as `(lose_id, lose_class)` allow, an id or a class no rule reads;
/// returns where the tag ends, after its `>`.
fn read_attributes<'a>(
    html: &'a str,
    from: usize,
    (lose_id, lose_class): (bool, bool),
    classes: &mut UnreadClasses<'a>,
    light: &mut Lighter,
) -> usize {
    let bytes = html.as_bytes();
    let end = bytes.len();
    let skip = |mut i: usize, over: fn(u8) -> bool| {
        while i < end && over(bytes[i]) {
            i += 1;
        }
        i
    };
    let (mut seen_id, mut seen_class) = (false, false);
    let mut i = from;
    loop {
        i = skip(i, |c| c.is_ascii_whitespace() || c == b'/');
        match bytes.get(i) {
            None => return end,
            Some(b'>') => return i + 1,
            Some(_) => {}
        }
        // The first character belongs to the name whatever it is.
        let name_start = i;
        i = skip(i + 1, |c| {
            !(c.is_ascii_whitespace() || matches!(c, b'/' | b'>' | b'='))
        });
        let name = &bytes[name_start..i];
        let name_end = i;
        i = skip(i, |c| c.is_ascii_whitespace());
        let mut value = name_end..name_end;
        if bytes.get(i) == Some(&b'=') {
            i = skip(i + 1, |c| c.is_ascii_whitespace());
            (value, i) = if let Some(&quote @ (b'"' | b'\'')) = bytes.get(i) {
                match memchr(quote, &bytes[i + 1..]) {
                    Some(p) => (i + 1..i + 1 + p, i + 1 + p + 1),
                    None => (i + 1..end, end),
                }
            } else {
                let value_end = skip(i, |c| !(c.is_ascii_whitespace() || c == b'>'));
                (i..value_end, value_end)
            };
        } else {
            // No value: the white space after the name stays.
            i = name_end;
        }
        let value = &html[value];
        let (id, class) = (
            name.eq_ignore_ascii_case(b"id"),
            name.eq_ignore_ascii_case(b"class"),
        );
        // The parser keeps an attribute's first value only, so a second one
        // goes too, lest it stand in for a first left out.
        let unread_value = (id && (seen_id || (lose_id && unread_id(value))))
            || (class && (seen_class || (lose_class && classes.unread(value))));
        seen_id |= id;
        seen_class |= class;
        if unread(name) || unread_value {
            light.leave_out(html, name_start..i);
        }
    }
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

/// Where the body of `name` that starts at `from` ends: at its `</name`.
fn skip_body(bytes: &[u8], from: usize, name: &[u8]) -> usize {
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
#[path = "nesting_tests.rs"]
mod tests;
