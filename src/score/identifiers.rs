//! Identifiers that decide identity before any name is read: a valid
//! GTIN on both sides decides either way, an equal SKU or MPN confirms.

use crate::campaign::gtin::gtin14;
use crate::campaign::DeclaredProduct;
use crate::extract::PageFacts;

use super::{Check, CheckName, Outcome};

/// GTIN digits padded to 14, when the check digit is right.
pub(crate) fn gtin_key(raw: &str) -> Option<String> {
    gtin14(raw).ok()
}

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
    if let (Some(want), Some(page)) = (declared.gtin.as_deref(), product.gtin.as_ref()) {
        if let (Some(a), Some(b)) = (gtin_key(want), gtin_key(&page.value)) {
            let explain = vec![format!(
                "GTIN: ad {want}, page {} ({})",
                page.value, page.source
            )];
            return Some(if a == b {
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
