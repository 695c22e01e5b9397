//! Storage sold as a set of parts: "4 TB (2 x 2 TB)" is a four-terabyte
//! drive array made of two-terabyte drives, and "2 GB (2 x 1 GB)" a memory
//! kit of two one-gigabyte modules. The part's size is not the product's:
//! an ad for the "2 TB" array does not land on the "4 TB (2 x 2 TB)" one.

use std::sync::LazyLock;

use regex::Regex;

use super::text::in_base_unit;

/// Gigabytes in a terabyte, as sizes are compared.
const TERABYTE: f64 = 1024.0;

/// "2 x 2 TB", "2x1gb": a count of parts and each part's size.
static PARTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(\d{1,2})\s*x\s*(\d+(?:\.\d+)?)\s*(gb|tb)(?-u:\b)")
        .expect("valid regex")
});
/// A size in gigabytes or terabytes: "4 TB", "2tb", "1.5 GB".
static SIZE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(\d+(?:\.\d+)?)\s*(gb|tb)(?-u:\b)").expect("valid regex")
});

/// Sizes a name states for the whole product, in gigabytes, and whether it
/// states a set of parts: each "K x M" counts as K times M, and the part's
/// own size M is left out.
fn totals(name: &str) -> (Vec<f64>, bool) {
    let gigabytes = |amount: &str, unit: &str| {
        let amount: f64 = amount.parse().unwrap_or(0.0);
        in_base_unit(amount, &unit.to_ascii_lowercase()).map_or(0.0, |(gb, _)| gb)
    };
    let mut out = Vec::new();
    let mut parts = false;
    for c in PARTS.captures_iter(name) {
        let count: f64 = c[1].parse().unwrap_or(0.0);
        out.push(count * gigabytes(&c[2], &c[3]));
        parts = true;
    }
    let rest = PARTS.replace_all(name, " ");
    out.extend(SIZE.captures_iter(&rest).map(|c| gigabytes(&c[1], &c[2])));
    (out, parts)
}

/// A note when one name states a set of parts and the two names share no
/// total size: ad "2TB My Book Studio II", page "My Book Studio II - 4 TB
/// 2 x 2 TB".
pub(crate) fn differing_total(ad: &str, page: &str) -> Option<String> {
    let ((ad_sizes, ad_parts), (page_sizes, page_parts)) = (totals(ad), totals(page));
    if !(ad_parts || page_parts) || ad_sizes.is_empty() || page_sizes.is_empty() {
        return None;
    }
    // "1000 GB" is the "1 TB" of a shop that counts in thousands.
    let shared = ad_sizes
        .iter()
        .any(|a| page_sizes.iter().any(|p| (a - p).abs() <= 0.03 * a.max(*p)));
    let show = |sizes: &[f64]| {
        let mut shown: Vec<String> = sizes
            .iter()
            .map(|&gb| {
                if gb >= TERABYTE {
                    format!("{} TB", gb / TERABYTE)
                } else {
                    format!("{gb} GB")
                }
            })
            .collect();
        shown.dedup();
        shown.join(", ")
    };
    (!shared).then(|| {
        format!(
            "the page shows another total size: ad {}, page {}",
            show(&ad_sizes),
            show(&page_sizes)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_of_parts_counts_as_its_total() {
        let differ = |a: &str, p: &str| differing_total(a, p).is_some();
        assert!(differ(
            "western digital 2tb my book studio edition ii",
            "western digital my book studio ii - 4 tb 2 x 2 tb usb 2.0"
        ));
        assert!(differ(
            "corsair xms2 2gb 2 x 1gb pc2-6400 memory kit",
            "corsair xms2 1gb pc2-6400 memory"
        ));
        assert!(!differ(
            "western digital 2tb my book studio edition ii",
            "western digital my book studio ii - 2 tb 2 x 1 tb usb 2.0"
        ));
        assert!(!differ(
            "seagate blackarmor nas 440 4tb",
            "seagate blackarmor nas 440 4-bay 4 tb 4 x 1 tb"
        ));
        assert!(!differ("sandisk 8gb cruzer", "sandisk cruzer 16 gb"));
        assert_eq!(
            differing_total(
                "buffalo drivestation duo 2tb",
                "drivestation duo 4 tb 2 x 2 tb"
            )
            .unwrap(),
            "the page shows another total size: ad 2 TB, page 4 TB"
        );
    }
}
