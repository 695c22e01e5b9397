//! Words about a product's box or media rather than the product: "(Jewel
//! Case)", "DVD-ROM", "[Older Version]". A shop names its
//! packaging where another shop does not, so these words neither make
//! nor break a match.

/// Runs of words that name packaging or media, in their normalised form.
const PACKAGING: &[&[&str]] = &[
    &["jewel", "case"],
    &["jc"],
    &["j", "c"],
    &["older", "version"],
    &["old", "version"],
    &["dvd", "rom"],
    &["dvdrom"],
    &["cd", "rom"],
    &["cdrom"],
    &["sb", "cs"],
];

/// A name's words without the runs that name its packaging; a name that is
/// nothing but packaging keeps them. Jewel cases sold as such are plural.
pub(crate) fn without_packaging(all: Vec<String>) -> Vec<String> {
    let mut keep = vec![true; all.len()];
    let mut i = 0;
    while i < all.len() {
        let run = PACKAGING
            .iter()
            .find(|run| {
                all.len() >= i + run.len()
                    && all[i..i + run.len()]
                        .iter()
                        .zip(run.iter())
                        .all(|(a, b)| a == b)
            })
            .map_or(0, |run| run.len());
        keep[i..i + run].iter_mut().for_each(|k| *k = false);
        i += run.max(1);
    }
    let kept = keep.iter().filter(|k| **k).count();
    // What else is left must name a product.
    if kept < 2 {
        return all;
    }
    all.into_iter()
        .zip(keep)
        .filter_map(|(w, k)| k.then_some(w))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::models::name_words;

    #[test]
    fn packaging_is_no_part_of_the_name() {
        assert_eq!(
            name_words("Hoyle Solitaire (Jewel Case)"),
            ["hoyle", "solitaire"]
        );
        assert_eq!(
            name_words("Atlas Deluxe 2007 DVD-ROM [Older Version]"),
            ["atlas", "deluxe", "2007"]
        );
        assert_eq!(name_words("Typing Tutor J/C"), ["typing", "tutor"]);
        // Jewel cases sold as such keep their name.
        assert_eq!(
            name_words("Slim jewel cases 100 pack"),
            ["slim", "jewel", "cases", "100", "pack"]
        );
    }
}
