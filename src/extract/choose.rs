//! Which of the products marked up on a page is the page's own. Product
//! pages carry markup for related items too ("you may also like"), and the
//! first product in the markup is often one of those.

use std::collections::HashSet;

use url::Url;

use super::ProductCandidate;

/// The page's own product among several: the one whose URL is the page's
/// (or its canonical URL's), else whose name is the heading, else the
/// first with a price. `true` when the URL or the heading confirms it.
pub(crate) fn main_product<'a>(
    candidates: &'a [ProductCandidate],
    h1: Option<&str>,
    page_urls: &[Url],
) -> Option<(&'a ProductCandidate, bool)> {
    let heading: HashSet<String> = h1.map(words).unwrap_or_default().into_iter().collect();
    let path = |u: &Url| u.path().trim_end_matches('/').to_owned();
    let page_paths: Vec<String> = page_urls.iter().map(path).collect();
    let same_url = |c: &ProductCandidate| {
        let base = page_urls.first();
        c.url
            .as_deref()
            .and_then(|u| base?.join(u).ok())
            .is_some_and(|u| page_paths.contains(&path(&u)))
    };
    let named = |c: &ProductCandidate| {
        let name = c.name.as_deref().map(words).unwrap_or_default();
        let shared = name.iter().filter(|w| heading.contains(*w)).count();
        !name.is_empty() && shared * 10 >= name.len() * 8
    };
    let rank = |c: &ProductCandidate| {
        4 * u8::from(same_url(c)) + 2 * u8::from(named(c)) + u8::from(c.price.is_some())
    };
    let mut best: Option<(&ProductCandidate, u8)> = None;
    for candidate in candidates {
        let r = rank(candidate);
        if best.is_none_or(|(_, b)| r > b) {
            best = Some((candidate, r));
        }
    }
    best.map(|(c, r)| (c, r >= 2))
}

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn product(name: &str, url: Option<&str>) -> ProductCandidate {
        ProductCandidate {
            name: Some(name.into()),
            url: url.map(Into::into),
            ..ProductCandidate::default()
        }
    }

    #[test]
    fn the_page_url_or_the_heading_picks_the_product() {
        let page = [Url::parse("https://shop.example/products/summit-30?variant=2").unwrap()];
        let related = product("Trail Bottle", Some("/products/trail-bottle"));
        let own = product(
            "Summit 30 Backpack",
            Some("https://shop.example/products/summit-30#product"),
        );
        let list = [related.clone(), own];
        let (chosen, confirmed) = main_product(&list, None, &page).unwrap();
        assert_eq!(
            (chosen.name.as_deref(), confirmed),
            (Some("Summit 30 Backpack"), true)
        );

        let list = [related, product("Summit 30 Backpack", None)];
        let (chosen, confirmed) = main_product(&list, Some("Summit 30 Backpack"), &page).unwrap();
        assert_eq!(
            (chosen.name.as_deref(), confirmed),
            (Some("Summit 30 Backpack"), true)
        );
        let (_, confirmed) = main_product(&list[..1], Some("Something else"), &page).unwrap();
        assert!(!confirmed);
    }
}
