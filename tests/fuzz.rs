//! Property tests: no input makes the campaign loader or the extractor
//! panic. `cargo test --test integration fuzz` runs them; set
//! PROPTEST_CASES=10000 for a longer search.

use std::path::Path;

use proptest::prelude::*;

const EXAMPLE: &str = include_str!("../campaigns.example.json");

fn html_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<div class=\"price\">".to_owned()),
        Just("</div>".to_owned()),
        Just("<h1>".to_owned()),
        Just("<script type=\"application/ld+json\">{\"@type\":\"Product\",\"offers\":[".to_owned()),
        Just("</script>".to_owned()),
        Just("<div itemscope itemtype=\"https://schema.org/Product\"><span itemprop=\"price\" content=\"".to_owned()),
        Just("<meta property=\"product:price:amount\" content=\"".to_owned()),
        Just("<nav aria-label=\"breadcrumb\"><li>".to_owned()),
        Just("<button>Add to cart</button>".to_owned()),
        Just("<meta http-equiv=\"refresh\" content=\"0; url=".to_owned()),
        Just("€1.234,56 ₹1,23,456 1 299,00 kr".to_owned()),
        "[^\u{0}]{0,40}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn campaign_loader_never_panics(text in "\\PC{0,400}") {
        let _ = landcheck::parse_campaigns(&text, Path::new("fuzz.json"));
    }

    #[test]
    fn campaign_loader_survives_mutations(at in 0..EXAMPLE.len(), cut in 0usize..50, insert in "[\\[\\]{}\",:0-9a-z -]{0,5}") {
        let mut text = EXAMPLE.as_bytes().to_vec();
        let end = (at + cut).min(text.len());
        text.splice(at..end, insert.bytes());
        let text = String::from_utf8_lossy(&text);
        if let Err(e) = landcheck::parse_campaigns(&text, Path::new("fuzz.json")) {
            prop_assert!(e.to_string().contains("fuzz.json:"));
        }
    }

    #[test]
    fn extraction_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let url = "https://shop.example/p".parse().unwrap();
        let _ = landcheck::extract(&String::from_utf8_lossy(&bytes), &url, 200);
    }

    #[test]
    fn extraction_never_panics_on_markup(pieces in proptest::collection::vec(html_piece(), 0..60)) {
        let url = "https://shop.example/products/x?q=1".parse().unwrap();
        let facts = landcheck::extract(&pieces.concat(), &url, 200);
        prop_assert!(!facts.kind_reason.is_empty());
    }
}
