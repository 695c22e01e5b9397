//! `<meta http-equiv="refresh" content="0; url=...">`: a redirect made in
//! HTML that a visitor's browser follows, so landcheck follows it too.

use std::sync::LazyLock;

use regex::Regex;
use url::Url;

/// Refreshes slower than this are a page that reloads, not a redirect.
const MAX_DELAY_SECONDS: f64 = 10.0;
/// The tag belongs in `<head>`; looking further costs time on huge pages.
const SCAN_BYTES: usize = 64 * 1024;

static META_REFRESH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)<meta\s[^>]*http-equiv\s*=\s*["']?refresh["']?[^>]*>"#).expect("valid regex")
});
static CONTENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?is)\scontent\s*=\s*(?:"([^"]*)"|'([^']*)')"#).expect("valid regex")
});

/// The target of a meta refresh redirect in `html`, resolved against `base`.
pub(crate) fn meta_refresh_target(html: &str, base: &Url) -> Option<Result<Url, String>> {
    let mut end = html.len().min(SCAN_BYTES);
    while !html.is_char_boundary(end) {
        end -= 1;
    }
    let tag = META_REFRESH.find(&html[..end])?.as_str();
    let caps = CONTENT.captures(tag)?;
    let content = caps.get(1).or_else(|| caps.get(2))?.as_str();
    let (delay, rest) = content.split_once([';', ',']).unwrap_or((content, ""));
    let delay: f64 = delay.trim().parse().ok()?;
    if delay > MAX_DELAY_SECONDS {
        return None;
    }
    let rest = rest.trim();
    let target = rest
        .get(..4)
        .filter(|p| p.eq_ignore_ascii_case("url="))
        .map_or(rest, |_| &rest[4..])
        .trim()
        .trim_matches(['\'', '"']);
    if target.is_empty() {
        return None;
    }
    Some(base.join(target).map_err(|e| e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(html: &str) -> Option<String> {
        let base = Url::parse("http://shop.example/a/b").unwrap();
        meta_refresh_target(html, &base).map(|r| r.unwrap().to_string())
    }

    #[test]
    fn reads_common_forms() {
        assert_eq!(
            target(r#"<meta http-equiv="refresh" content="0; url=/new?x=1">"#).as_deref(),
            Some("http://shop.example/new?x=1")
        );
        assert_eq!(
            target(r#"<META CONTENT='1;URL="other"' HTTP-EQUIV=Refresh>"#).as_deref(),
            Some("http://shop.example/a/other")
        );
    }

    #[test]
    fn ignores_reload_and_slow_refresh() {
        assert_eq!(target(r#"<meta http-equiv="refresh" content="30">"#), None);
        assert_eq!(
            target(r#"<meta http-equiv="refresh" content="60; url=/x">"#),
            None
        );
        assert_eq!(target("<p>no refresh</p>"), None);
    }
}
