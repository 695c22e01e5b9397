//! Width, depth and height as furniture and office supplies state them:
//! "34-1/2w x 12-5/8d x 81-1/8h", often with the slashes lost on the way
//! ("34-1 2w x 12-5 8d x 81-1 8h"). A bookcase 81 1/8 inches high is not
//! the 71-inch one of the same series and width.

use std::sync::LazyLock;

use regex::Regex;

/// A measure with its side letter: `81-1 8h` or `81-1/8h` (81 1/8), `71h`,
/// `29.5 d`.
static SIDE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:(\d+)-(\d+)[ /](\d+)|(\d+(?:\.\d+)?))\s?([whd])(?-u:\b)")
        .expect("valid regex")
});

/// The first width, depth and height a name states, by side letter.
fn sides(name: &str) -> Vec<(char, f64)> {
    let mut out: Vec<(char, f64)> = Vec::new();
    for c in SIDE.captures_iter(name) {
        let value = match (c.get(1), c.get(2), c.get(3), c.get(4)) {
            (Some(whole), Some(num), Some(den), _) => {
                let den: f64 = den.as_str().parse().unwrap_or(0.0);
                if den == 0.0 {
                    continue;
                }
                whole.as_str().parse::<f64>().unwrap_or(0.0)
                    + num.as_str().parse::<f64>().unwrap_or(0.0) / den
            }
            (_, _, _, Some(plain)) => plain.as_str().parse().unwrap_or(0.0),
            _ => continue,
        };
        let side = c[5].to_ascii_lowercase().chars().next().unwrap_or('w');
        if !out.iter().any(|(s, _)| *s == side) {
            out.push((side, value));
        }
    }
    out
}

/// A note when both names give the same side (width, depth or height) and
/// the measures differ: ad "… x 81-1 8h", page "… x 71h".
pub(crate) fn differing_side(ad: &str, page: &str) -> Option<String> {
    let page_sides = sides(page);
    sides(ad).into_iter().find_map(|(side, a)| {
        let p = page_sides.iter().find(|(s, _)| *s == side)?.1;
        let name = match side {
            'w' => "width",
            'd' => "depth",
            _ => "height",
        };
        ((a - p).abs() > 0.01).then(|| format!("the page shows another {name}: ad {a}, page {p}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_side_must_measure_the_same() {
        let bookcase = "hon metal bookcase 34-1 2w x 12-5 8d x 81-1 8h";
        assert_eq!(
            differing_side(
                bookcase,
                "hon s72abcl - metal bookcase 5 shelves 34-1 2w x 12-5 8d x 71h putty"
            )
            .unwrap(),
            "the page shows another height: ad 81.125, page 71"
        );
        assert_eq!(
            differing_side(
                bookcase,
                "hon s82abcs - metal bookcase 6 shelves 34-1/2w x 12-5/8d x 81-1/8h charcoal"
            ),
            None
        );
        assert_eq!(
            differing_side("credenza 72w x 24d", "credenza 72 x 24"),
            None
        );
    }
}
