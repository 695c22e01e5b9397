//! Identifiers that decide identity before any name is read: a valid
//! GTIN on both sides decides either way, an equal SKU or MPN confirms.

use crate::campaign::{DeclaredProduct, Gtin};
use crate::extract::PageFacts;

use super::{Check, CheckName, Outcome};

fn code_key(raw: &str) -> String {
    raw.chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_uppercase()
}

pub(crate) fn by_identifier(
    declared: &DeclaredProduct,
    facts: &PageFacts,
) -> Option<(Option<u8>, Check)> {
    let product = &facts.product;
    if let (Some(want), Some(page)) = (declared.gtin.as_ref(), product.gtin.as_ref()) {
        // A page's code with a wrong check digit decides nothing.
        if let Ok(shown) = Gtin::parse(&page.value) {
            let explain = vec![format!(
                "GTIN: ad {want}, page {} ({})",
                page.value, page.source
            )];
            return Some(if *want == shown {
                (
                    Some(100),
                    Check::new(
                        CheckName::Identity,
                        Outcome::Pass,
                        format!("GTIN {want} matches the page's ({})", page.source),
                    )
                    .with_explain(explain),
                )
            } else {
                (
                    Some(0),
                    Check::new(
                        CheckName::Identity,
                        Outcome::Fail,
                        format!(
                            "ad declares GTIN {want}, page shows GTIN {} ({}): a different product",
                            page.value, page.source
                        ),
                    )
                    .with_explain(explain),
                )
            });
        }
    }
    for (label, want, page) in [
        ("SKU", declared.sku.as_deref(), product.sku.as_ref()),
        ("MPN", declared.mpn.as_deref(), product.mpn.as_ref()),
    ] {
        if let (Some(want), Some(page)) = (want, page) {
            if !code_key(want).is_empty() && code_key(want) == code_key(&page.value) {
                let message = format!("{label} {want} matches the page's ({})", page.source);
                return Some((
                    Some(100),
                    Check::new(CheckName::Identity, Outcome::Pass, message),
                ));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Fact, Source};

    /// The identity score the GTINs decide, `None` when they decide nothing.
    fn decided(declared: &str, shown: &str) -> Option<u8> {
        let declared = DeclaredProduct {
            name: "Kettle".into(),
            gtin: Some(declared.parse().unwrap()),
            ..DeclaredProduct::default()
        };
        let mut facts = PageFacts::default();
        facts.product.gtin = Some(Fact {
            value: shown.into(),
            source: Source::Jsonld,
        });
        by_identifier(&declared, &facts).map(|(score, _)| score.expect("a GTIN scores"))
    }

    #[test]
    fn gtin_forms_compare_equal_and_bad_check_digits_on_the_page_decide_nothing() {
        assert_eq!(decided("9781847941831", "09781847941831"), Some(100));
        assert_eq!(decided("978-1-84794-183-1", "9781847941831"), Some(100));
        assert_eq!(decided("4006381333931", "9781847941831"), Some(0));
        assert_eq!(decided("4006381333931", "4006381333932"), None);
        assert_eq!(decided("4006381333931", "abc"), None);
    }
}
