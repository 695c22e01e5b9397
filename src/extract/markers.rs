//! Many fixed markers looked for in a page's raw markup in one pass, with
//! the answers `markup.to_lowercase().contains(marker)` would give, but
//! without lower-casing the markup and without one search per marker.
//!
//! ASCII markers are matched with ASCII letters in either case. That is
//! the same as lower-casing first unless the markup holds one of the two
//! characters whose lower case is ASCII (`İ`, the Kelvin sign `K`); then
//! the markup is lower-cased after all. A marker that is not ASCII is
//! looked for in the lower-cased markup only when its longest ASCII part
//! is there.

use std::cell::OnceCell;

use aho_corasick::AhoCorasick;
use fnv::FnvHashSet;

/// Characters whose lower case holds ASCII letters.
const FOLDS_TO_ASCII: [char; 2] = ['\u{130}', '\u{212a}'];

/// A set of lower-case markers to look for.
pub(crate) struct Markers {
    search: AhoCorasick,
    ascii: Vec<&'static str>,
    known: FnvHashSet<&'static str>,
}

/// The longest run of ASCII characters in `marker`.
fn ascii_part(marker: &str) -> &str {
    marker
        .split(|c: char| !c.is_ascii())
        .max_by_key(|part| part.len())
        .unwrap_or_default()
}

impl Markers {
    /// Markers to look for; each must be in lower case.
    pub(crate) fn new(markers: impl IntoIterator<Item = &'static str>) -> Self {
        let mut ascii: Vec<&'static str> = markers.into_iter().map(ascii_part).collect();
        ascii.retain(|m| !m.is_empty());
        ascii.sort_unstable();
        ascii.dedup();
        let search = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&ascii)
            .expect("markers build a searcher");
        let known = ascii.iter().copied().collect();
        Self {
            search,
            ascii,
            known,
        }
    }

    /// Reads `text` once for every ASCII marker.
    pub(crate) fn scan<'a>(&'a self, text: &'a str) -> Found<'a> {
        let exact = !text.contains(FOLDS_TO_ASCII);
        let mut hits = FnvHashSet::default();
        // Most markup holds no marker at all, and finding that out takes
        // one quick search; only markup with one is read for all of them.
        if exact && self.search.is_match(text) {
            for m in self.search.find_overlapping_iter(text) {
                hits.insert(self.ascii[m.pattern().as_usize()]);
            }
        }
        Found {
            markers: self,
            text,
            hits,
            exact,
            lower: OnceCell::new(),
        }
    }
}

/// The markers one text holds.
pub(crate) struct Found<'a> {
    markers: &'a Markers,
    text: &'a str,
    hits: FnvHashSet<&'static str>,
    /// Whether `hits` answers for every scanned marker.
    exact: bool,
    lower: OnceCell<String>,
}

impl Found<'_> {
    /// Whether the lower-cased text contains `marker`.
    pub(crate) fn contains(&self, marker: &str) -> bool {
        if self.exact && self.markers.known.contains(marker) {
            return self.hits.contains(marker);
        }
        let part = ascii_part(marker);
        if self.exact && self.markers.known.contains(part) && !self.hits.contains(part) {
            // Lower-casing keeps ASCII text as ASCII: without its ASCII
            // part, the marker cannot be there.
            return false;
        }
        self.lower
            .get_or_init(|| self.text.to_lowercase())
            .contains(marker)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_as_lower_casing_would() {
        let markers = Markers::new(["px-captcha", "press & hold", "vous êtes un robot", "kpsdk"]);
        for text in [
            "<div id=PX-Captcha>",
            "PRESS &amp; HOLD or Press & Hold",
            "Vous Êtes un robot ?",
            "x-\u{212a}psdk",
            "x-\u{212a}PSDK İ",
            "nothing here",
            "",
        ] {
            let found = markers.scan(text);
            let lower = text.to_lowercase();
            for marker in [
                "px-captcha",
                "press & hold",
                "vous êtes un robot",
                "kpsdk",
                "hold",
                "êtes",
            ] {
                assert_eq!(
                    found.contains(marker),
                    lower.contains(marker),
                    "{text}: {marker}"
                );
            }
        }
    }
}
