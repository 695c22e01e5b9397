//! The checks that need no text matching: reachability, page kind, price,
//! stock, purchasability and tracking parameters.

use std::time::Duration;

use url::Url;

use crate::campaign::{Ad, ExpectedPage};
use crate::extract::{PageFacts, PageKind, Price};
use crate::page::Page;

use super::{Check, CheckName, Outcome};

/// A page slower than this loses visitors: the reachable check warns.
pub const SLOW_PAGE: Duration = Duration::from_secs(3);
/// Relative difference allowed between the ad's and the page's price.
pub const PRICE_TOLERANCE: f64 = 0.01;

/// Query parameters that carry a click's attribution.
const TRACKING_KEYS: &[&str] = &[
    "gclid",
    "fbclid",
    "msclkid",
    "ttclid",
    "dclid",
    "gbraid",
    "wbraid",
    "twclid",
    "li_fat_id",
];

pub(crate) fn reachable(page: &Page) -> Check {
    let mut after = Vec::new();
    match page.hops.len() {
        0 => {}
        1 => after.push("1 redirect".to_owned()),
        n => after.push(format!("{n} redirects")),
    }
    match page.retries {
        0 => {}
        1 => after.push("1 retry".to_owned()),
        n => after.push(format!("{n} retries")),
    }
    let after = if after.is_empty() {
        String::new()
    } else {
        format!(" after {}", after.join(" and "))
    };
    let seconds = page.elapsed.as_secs_f64();
    let summary = format!(
        "HTTP {} in {seconds:.2} s{after} at {}",
        page.status, page.final_url
    );
    if page.status >= 400 {
        Check::new(CheckName::Reachable, Outcome::Fail, summary)
    } else if page.elapsed > SLOW_PAGE {
        Check::new(
            CheckName::Reachable,
            Outcome::Warn,
            format!(
                "slow: {summary}; visitors leave pages that take over {} s",
                SLOW_PAGE.as_secs()
            ),
        )
    } else {
        Check::new(CheckName::Reachable, Outcome::Pass, summary)
    }
}

pub(crate) fn page_kind(ad: &Ad, facts: &PageFacts) -> Check {
    let want = ad.expect.page;
    let got = facts.kind;
    let matches = matches!(
        (want, got),
        (ExpectedPage::Product, PageKind::Product) | (ExpectedPage::Category, PageKind::Category)
    );
    let outcome = if matches {
        Outcome::Pass
    } else if got == PageKind::Unknown
        || (want == ExpectedPage::Category && got == PageKind::Search)
    {
        Outcome::Warn
    } else {
        Outcome::Fail
    };
    let message = if matches {
        facts.kind_reason.clone()
    } else {
        format!("ad promises a {want} page, found {}", facts.kind_reason)
    };
    Check::new(CheckName::PageKind, outcome, message)
}

pub(crate) fn price(ad: &Ad, facts: &PageFacts) -> Check {
    let Some(want) = &ad.product.price else {
        return Check::new(CheckName::Price, Outcome::Skip, "the ad declares no price");
    };
    let wanted = Price::format_amount(want.amount, &want.currency);
    let chosen = super::offers::chosen(ad, facts);
    let chosen_price = chosen.and_then(|o| {
        let source = facts.product.price.as_ref()?.source;
        Some(crate::extract::Fact {
            value: o.price.clone()?,
            source,
        })
    });
    let Some(shown) = chosen_price.as_ref().or(facts.product.price.as_ref()) else {
        return Check::new(
            CheckName::Price,
            Outcome::Warn,
            format!("ad says {wanted} but the page shows no price"),
        );
    };
    let page = &shown.value;
    let currency = page.currency.as_deref().unwrap_or(&want.currency);
    let shown_text = Price::format_amount(page.amount, currency);
    let source = shown.source;
    if currency != want.currency {
        return Check::new(
            CheckName::Price,
            Outcome::Fail,
            format!("ad says {wanted}, page shows {shown_text} ({source}): another currency"),
        );
    }
    let diff = page.amount - want.amount;
    let allowed = (want.amount.abs() * PRICE_TOLERANCE).max(0.01);
    if diff.abs() <= allowed {
        Check::new(
            CheckName::Price,
            Outcome::Pass,
            format!("{shown_text} as the ad says ({source})"),
        )
    } else if let Some((low, high)) = super::offers::price_range(facts, currency)
        .filter(|(low, high)| (*low - allowed..=*high + allowed).contains(&want.amount))
    {
        Check::new(
            CheckName::Price,
            Outcome::Warn,
            format!(
                "ad says {wanted}, page shows {shown_text} ({source}); the ad's price is within the variants' prices ({} to {}): check that the ad points at the right variant",
                Price::format_amount(low, currency),
                Price::format_amount(high, currency)
            ),
        )
    } else {
        let pct = if want.amount > 0.0 {
            diff / want.amount * 100.0
        } else {
            100.0
        };
        Check::new(
            CheckName::Price,
            Outcome::Fail,
            format!("ad says {wanted}, page shows {shown_text} ({source}): {pct:+.0}%"),
        )
    }
}

pub(crate) fn availability(ad: &Ad, facts: &PageFacts) -> Check {
    let chosen = super::offers::chosen(ad, facts).and_then(|o| {
        let source = facts.product.availability.as_ref()?.source;
        Some(crate::extract::Fact {
            value: o.availability?,
            source,
        })
    });
    let declared = ad.product.availability;
    match (
        chosen.as_ref().or(facts.product.availability.as_ref()),
        declared,
    ) {
        (None, _) => Check::new(
            CheckName::Availability,
            Outcome::Skip,
            "the page states no stock status",
        ),
        // A feed that says out of stock keeps the ad from running; the
        // page must agree, or the feed holds back an ad that could sell.
        (Some(a), Some(d)) if !d.orderable() && a.value.purchasable() => Check::new(
            CheckName::Availability,
            Outcome::Warn,
            format!(
                "the feed declares it {d}, but the page sells it ({}): update the feed",
                a.value
            ),
        ),
        (Some(a), Some(d)) if !d.orderable() => Check::new(
            CheckName::Availability,
            Outcome::Pass,
            format!("{} on the page, as the feed declares", a.value),
        ),
        (Some(a), _) if a.value.purchasable() => Check::new(
            CheckName::Availability,
            Outcome::Pass,
            format!("{} on the page", a.value),
        ),
        (Some(a), Some(d)) => Check::new(
            CheckName::Availability,
            Outcome::Fail,
            format!(
                "the product is {} but the feed declares it {d}: visitors cannot buy it",
                a.value
            ),
        ),
        (Some(a), None) => Check::new(
            CheckName::Availability,
            Outcome::Fail,
            format!("the product is {}: visitors cannot buy it", a.value),
        ),
    }
}

pub(crate) fn purchasable(facts: &PageFacts) -> Check {
    let price = facts.product.price.is_some();
    match (&facts.add_to_cart, price) {
        (Some(control), true) => Check::new(
            CheckName::Purchasable,
            Outcome::Pass,
            format!("price and \"{}\" control on show", control.value),
        ),
        (Some(_), false) => Check::new(
            CheckName::Purchasable,
            Outcome::Warn,
            "an add-to-cart control but no price on show",
        ),
        (None, true) => Check::new(
            CheckName::Purchasable,
            Outcome::Warn,
            "a price but no add-to-cart or buy control on show",
        ),
        (None, false) => Check::new(
            CheckName::Purchasable,
            Outcome::Warn,
            "neither a price nor an add-to-cart control on show",
        ),
    }
}

fn tracking_params(url: &Url) -> Vec<(String, String)> {
    url.query_pairs()
        .filter(|(k, _)| {
            let k = k.to_ascii_lowercase();
            k.starts_with("utm_") || TRACKING_KEYS.contains(&k.as_str())
        })
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

pub(crate) fn tracking(ad: &Ad, page: &Page) -> Check {
    let wanted = tracking_params(&ad.url);
    if wanted.is_empty() {
        return Check::new(
            CheckName::Tracking,
            Outcome::Skip,
            "the ad URL carries no tracking parameters",
        );
    }
    let kept = |url: &Url, (k, v): &(String, String)| {
        url.query_pairs()
            .any(|(k2, v2)| k2 == k.as_str() && v2 == v.as_str())
    };
    let lost: Vec<&str> = wanted
        .iter()
        .filter(|p| !kept(&page.final_url, p))
        .map(|(k, _)| k.as_str())
        .collect();
    if lost.is_empty() {
        let names: Vec<&str> = wanted.iter().map(|(k, _)| k.as_str()).collect();
        return Check::new(
            CheckName::Tracking,
            Outcome::Pass,
            format!("{} reach the landing page", names.join(", ")),
        );
    }
    let chain: Vec<&Url> = page
        .hops
        .iter()
        .map(|h| &h.url)
        .chain(std::iter::once(&page.final_url))
        .collect();
    let culprit = chain
        .windows(2)
        .find(|pair| wanted.iter().any(|p| kept(pair[0], p) && !kept(pair[1], p)))
        .map(|pair| {
            format!(
                "; the redirect from {} to {} dropped them",
                pair[0], pair[1]
            )
        })
        .unwrap_or_default();
    Check::new(
        CheckName::Tracking,
        Outcome::Fail,
        format!(
            "{} lost on the way to {}{culprit}: the campaign's clicks will not be attributed",
            lost.join(", "),
            page.final_url
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::{DeclaredProduct, Money};
    use crate::extract::{Fact, Source};

    fn ad_at(amount: f64, currency: &str) -> Ad {
        Ad {
            id: "a".into(),
            url: "https://shop.example/p".parse().unwrap(),
            display_url: None,
            product: DeclaredProduct {
                name: "Kettle".into(),
                price: Some(Money {
                    amount,
                    currency: currency.into(),
                }),
                ..DeclaredProduct::default()
            },
            expect: crate::campaign::Expectation::default(),
        }
    }

    fn page_at(amount: f64, currency: &str) -> PageFacts {
        let mut facts = PageFacts::default();
        facts.product.price = Some(Fact {
            value: Price {
                amount,
                currency: Some(currency.into()),
            },
            source: Source::Jsonld,
        });
        facts
    }

    #[test]
    fn prices_print_with_their_minor_units() {
        let check = price(&ad_at(16500.0, "JPY"), &page_at(18000.0, "JPY"));
        assert_eq!(check.outcome, Outcome::Fail);
        assert_eq!(
            check.message,
            "ad says 16500 JPY, page shows 18000 JPY (jsonld): +9%"
        );
        let check = price(&ad_at(1189.0, "TND"), &page_at(1189.0, "TND"));
        assert_eq!(check.message, "1189.000 TND as the ad says (jsonld)");
        let check = price(&ad_at(129.99, "USD"), &PageFacts::default());
        assert_eq!(
            check.message,
            "ad says 129.99 USD but the page shows no price"
        );
    }

    #[test]
    fn the_declared_stock_status_is_compared_with_the_page() {
        use crate::campaign::Stock;
        use crate::extract::Availability;
        let stocked = |value: Availability| {
            let mut facts = PageFacts::default();
            facts.product.availability = Some(Fact {
                value,
                source: Source::Jsonld,
            });
            facts
        };
        let declaring = |stock: Option<Stock>| {
            let mut ad = ad_at(10.0, "USD");
            ad.product.availability = stock;
            ad
        };
        let outcome = |stock, value| availability(&declaring(stock), &stocked(value));
        let sells = outcome(Some(Stock::OutOfStock), Availability::InStock);
        assert_eq!(sells.outcome, Outcome::Warn);
        assert_eq!(
            sells.message,
            "the feed declares it out of stock, but the page sells it (in stock): update the feed"
        );
        let agrees = outcome(Some(Stock::OutOfStock), Availability::OutOfStock);
        assert_eq!(agrees.outcome, Outcome::Pass);
        let missing = outcome(Some(Stock::InStock), Availability::OutOfStock);
        assert_eq!(missing.outcome, Outcome::Fail);
        assert!(missing.message.contains("the feed declares it in stock"));
        assert_eq!(
            outcome(None, Availability::OutOfStock).outcome,
            Outcome::Fail
        );
        assert_eq!(
            outcome(Some(Stock::Preorder), Availability::PreOrder).outcome,
            Outcome::Pass
        );
    }
}
