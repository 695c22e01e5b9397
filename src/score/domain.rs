//! Does the visitor stay on the advertiser's site? An ad whose click ends
//! on another registrable domain than its own URL's (or than the display
//! URL it shows) sends the visitor, and the sale, somewhere else. Domains
//! are compared by the public suffix list, so `www.shop.co.uk` and
//! `m.shop.co.uk` are one site and `shop.co.uk` and `other.co.uk` are two.

use url::Url;

use crate::campaign::Ad;
use crate::page::Page;

use super::{Check, CheckName, Outcome};

/// The registrable domain of a URL's host: `www.shop.co.uk` -> `shop.co.uk`.
/// `None` for IP addresses and hosts without one.
pub(crate) fn registrable(url: &Url) -> Option<String> {
    let host = url.domain()?.trim_end_matches('.').to_ascii_lowercase();
    psl::domain_str(&host).map(str::to_owned)
}

pub(crate) fn check(ad: &Ad, page: &Page) -> Check {
    let Some(landed) = registrable(&page.final_url) else {
        return Check::new(
            CheckName::Domain,
            Outcome::Skip,
            format!("{} has no domain name to compare", page.final_url),
        );
    };
    let promised = ad.display_url.as_ref().unwrap_or(&ad.url);
    let Some(want) = registrable(promised) else {
        return Check::new(
            CheckName::Domain,
            Outcome::Skip,
            format!("{promised} has no domain name to compare"),
        );
    };
    let named = if ad.display_url.is_some() {
        "the ad's display URL"
    } else {
        "the ad's URL"
    };
    if landed == want {
        Check::new(
            CheckName::Domain,
            Outcome::Pass,
            format!("the visitor stays on {landed}, as {named} promises"),
        )
    } else {
        Check::new(
            CheckName::Domain,
            Outcome::Fail,
            format!(
                "{named} promises {want} but the visitor lands on {landed} ({}): another site",
                page.final_url
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        s.parse().unwrap()
    }

    #[test]
    fn registrable_domains_follow_the_public_suffix_list() {
        assert_eq!(
            registrable(&url("https://www.shop.co.uk/p")).as_deref(),
            Some("shop.co.uk")
        );
        assert_eq!(
            registrable(&url("https://m.shop.co.uk/p")),
            registrable(&url("https://shop.co.uk/"))
        );
        assert_ne!(
            registrable(&url("https://shop.co.uk/")),
            registrable(&url("https://other.co.uk/"))
        );
        assert_eq!(
            registrable(&url("https://shop.example/")).as_deref(),
            Some("shop.example")
        );
        assert_eq!(registrable(&url("http://127.0.0.1:8080/p")), None);
    }
}
