//! Which of the products marked up on a page is the page's own. Product
//! pages carry markup for related items too ("you may also like"), and the
//! first product in the markup is often one of those.

use std::borrow::Cow;
use std::collections::HashSet;

use url::Url;

use super::structured::ProductCandidate;

/// How far the page's heading, title and URL agree with a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Agreement {
    /// The URL, the heading or the title names it.
    Confirmed,
    /// Nothing on the page to compare it with.
    Unknown,
    /// The heading and title name something else: an accessory's or a
    /// related product's markup, not the page's own.
    Contradicted,
}

/// The page's own product among several: the one whose URL is the page's
/// (or its canonical URL's), else whose name the heading or title gives,
/// else the first with a price.
pub(crate) fn main_product<'a>(
    candidates: &'a [ProductCandidate],
    headings: &[&str],
    page_urls: &[Url],
) -> Option<(&'a ProductCandidate, Agreement)> {
    let headings: Vec<HashSet<String>> = headings
        .iter()
        .map(|h| words(h).into_iter().collect())
        .collect();
    let path = |u: &Url| u.path().trim_end_matches('/').to_owned();
    let page_paths: Vec<String> = page_urls.iter().map(path).collect();
    let same_url = |c: &ProductCandidate| {
        let base = page_urls.first();
        c.url
            .as_deref()
            .and_then(|u| base?.join(u).ok())
            .is_some_and(|u| page_paths.contains(&path(&u)))
    };
    // Most words of the shorter of name and heading are in the other:
    // "Pegasus 40" names "Nike Air Zoom Pegasus 40 Road Running Shoes".
    let name_words = |c: &ProductCandidate| -> HashSet<String> {
        c.name
            .as_deref()
            .map(words)
            .unwrap_or_default()
            .into_iter()
            .collect()
    };
    let named = |c: &ProductCandidate| {
        let name = name_words(c);
        headings.iter().any(|heading| {
            let shared = name.intersection(heading).count();
            let shorter = name.len().min(heading.len());
            shorter > 0 && shared * 10 >= shorter * 8
        })
    };
    let unrelated = |c: &ProductCandidate| {
        let name = name_words(c);
        !name.is_empty()
            && !headings.is_empty()
            && headings
                .iter()
                .all(|h| name.intersection(h).count() * 5 < name.len().min(h.len()).max(1) * 2)
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
    best.map(|(c, r)| {
        let agreement = if r >= 2 {
            Agreement::Confirmed
        } else if unrelated(c) {
            Agreement::Contradicted
        } else {
            Agreement::Unknown
        };
        (c, agreement)
    })
}

/// The page's product with the offers of every block that repeats its name:
/// shops that mark up each size or colour as a product of its own (one
/// block per size, each with one offer) sell one product in many variants.
/// The product as it is when no other block shares the name.
pub(crate) fn with_variant_blocks<'a>(
    candidates: &[ProductCandidate],
    main: &'a ProductCandidate,
) -> Cow<'a, ProductCandidate> {
    let Some(name) = main.name.as_deref().map(str::trim) else {
        return Cow::Borrowed(main);
    };
    let same: Vec<&ProductCandidate> = candidates
        .iter()
        .filter(|c| {
            c.name
                .as_deref()
                .is_some_and(|n| n.trim().eq_ignore_ascii_case(name))
        })
        .collect();
    if same.len() < 2 {
        return Cow::Borrowed(main);
    }
    let mut merged = main.clone();
    merged.offers = same.iter().flat_map(|c| c.offers.iter().cloned()).collect();
    Cow::Owned(merged)
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
        let (chosen, agreement) = main_product(&list, &[], &page).unwrap();
        assert_eq!(
            (chosen.name.as_deref(), agreement),
            (Some("Summit 30 Backpack"), Agreement::Confirmed)
        );

        let list = [related, product("Summit 30 Backpack", None)];
        let (chosen, agreement) = main_product(&list, &["Summit 30 Backpack"], &page).unwrap();
        assert_eq!(
            (chosen.name.as_deref(), agreement),
            (Some("Summit 30 Backpack"), Agreement::Confirmed)
        );
        let (_, agreement) = main_product(&list[..1], &["Something else"], &page).unwrap();
        assert_eq!(agreement, Agreement::Contradicted);
        let (_, agreement) = main_product(&list[..1], &[], &page).unwrap();
        assert_eq!(agreement, Agreement::Unknown);
    }

    #[test]
    fn blocks_of_the_same_name_are_variants_of_one_product() {
        use crate::extract::{Availability, Offer};
        let size = |sku: &str, availability| ProductCandidate {
            offers: vec![Offer {
                sku: Some(sku.into()),
                availability: Some(availability),
                ..Offer::default()
            }],
            ..product("Flat Boots", None)
        };
        let list = [
            size("36", Availability::OutOfStock),
            size("37", Availability::InStock),
            product("Leather Belt", None),
        ];
        assert_eq!(with_variant_blocks(&list, &list[0]).offers.len(), 2);
        assert!(matches!(
            with_variant_blocks(&list, &list[2]),
            Cow::Borrowed(_)
        ));
    }
}
