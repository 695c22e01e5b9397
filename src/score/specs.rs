//! Specifications that tell two articles of one line apart even when
//! their names share every other word: the version of a standard both
//! sides state ("USB 2.0" against "USB 3.0"), and a colour each side
//! states that the other lacks ("phantom black" against "phantom white",
//! though both say "steel"). Sizes that agree once a shop's rounding is
//! allowed for ("12.1 MP" and "12 MP") are the same size.

use super::codes::is_ordinal;
use super::models::{is_bare_number, plain_number};
use super::siblings::first_unshared;
use super::text::words;
use super::variants::{colour_key, is_colour};

/// Standards whose version a product states: "USB 3.0", "USB3",
/// "Bluetooth 4.0"; "Super Speed" is USB 3 too.
const STANDARDS: &[&str] = &["usb", "bluetooth", "firewire", "hdmi", "dect"];

/// The (standard, version) pairs a name states, versions as plain numbers:
/// "USB 2.0" -> ("usb", "2"), "usb3.0" -> ("usb", "3").
fn standard_versions(text: &str) -> Vec<(&'static str, String)> {
    let all = words(text);
    let mut out = Vec::new();
    for (i, word) in all.iter().enumerate() {
        for standard in STANDARDS {
            // "USB 2.0/3.0" states two versions.
            let versions: Vec<String> = if word == standard {
                all[i + 1..]
                    .iter()
                    .take_while(|next| is_bare_number(next))
                    .map(|next| plain_number(next))
                    .collect()
            } else {
                word.strip_prefix(standard)
                    .filter(|rest| is_bare_number(rest))
                    .map(plain_number)
                    .into_iter()
                    .collect()
            };
            for version in versions {
                // A version is a small number: "USB 2.0", not "HDMI 15 ft".
                let small = version
                    .parse::<f64>()
                    .is_ok_and(|v| (1.0..10.0).contains(&v));
                if small && !out.contains(&(*standard, version.clone())) {
                    out.push((*standard, version));
                }
            }
        }
        if word == "superspeed" && !out.contains(&("usb", "3".to_owned())) {
            out.push(("usb", "3".to_owned()));
        }
    }
    out
}

/// A standard both names state in versions with none in common: a USB 2.0
/// drive is not the USB 3.0 one.
pub(crate) fn differing_standard(ad: &str, page: &str) -> Option<String> {
    let (ad, page) = (standard_versions(ad), standard_versions(page));
    first_unshared(&ad, &page, |a, p| a == p).map(|(standard, version, page_version)| {
        format!("standard differs: ad {standard} {version}, page {standard} {page_version}")
    })
}

/// An ordinal both names state before the same word, with none in common:
/// "1st Grade" is not "2nd Grade", nor a "2nd Edition" the "3rd Edition".
pub(crate) fn differing_ordinal(ad: &str, page: &str) -> Option<String> {
    let ordinals = |text: &str| -> Vec<(String, String)> {
        let words = words(text);
        words
            .iter()
            .enumerate()
            .filter(|(_, w)| is_ordinal(w))
            .filter_map(|(i, w)| {
                let of = words[i + 1..].iter().find(|next| !is_ordinal(next))?;
                Some((of.clone(), w.clone()))
            })
            .collect()
    };
    let (ad, page) = (ordinals(ad), ordinals(page));
    first_unshared(&ad, &page, |a, p| a == p).map(|(of, ordinal, page_ordinal)| {
        format!("{of} differs: ad {ordinal}, page {page_ordinal}")
    })
}

/// Colours each name states that the other does not, when both have one:
/// "Phantom Steel Chassis Black" against "Phantom Steel Chassis White" is
/// another article, "Silver Blue" against "Blue" is not.
pub(crate) fn differing_colour(ad: &str, page: &str) -> Option<String> {
    let colours = |text: &str| -> Vec<String> {
        let mut out: Vec<String> = words(text)
            .into_iter()
            .filter(|w| is_colour(w))
            .map(|w| colour_key(&w).to_owned())
            .collect();
        out.dedup();
        out
    };
    let (ad, page) = (colours(ad), colours(page));
    let ad_only: Vec<&String> = ad.iter().filter(|c| !page.contains(c)).collect();
    let page_only: Vec<&String> = page.iter().filter(|c| !ad.contains(c)).collect();
    let none_shared = !ad.is_empty() && !page.is_empty() && ad_only.len() == ad.len();
    (none_shared || (!ad_only.is_empty() && !page_only.is_empty())).then(|| {
        format!(
            "the page shows another colour: ad {}, page {}",
            ad.join(" "),
            page.join(" ")
        )
    })
}

/// The screen sizes a name states in inches: a number before "diagonal"
/// ("92 diagonal"), or with an inch unit ("92-inch", "92 inches").
fn inch_sizes(text: &str) -> (Vec<String>, bool) {
    let all = words(text);
    let mut diagonal = false;
    let mut out = Vec::new();
    for (i, word) in all.iter().enumerate() {
        let size = if all.get(i + 1).is_some_and(|next| next == "diagonal") {
            diagonal |= is_bare_number(word);
            is_bare_number(word).then(|| plain_number(word))
        } else {
            word.strip_suffix("in")
                .filter(|n| is_bare_number(n))
                .map(plain_number)
        };
        out.extend(size);
    }
    (out, diagonal)
}

/// Screens of another diagonal: "Matte White Advantage - 164 diagonal"
/// against the same line's "94 diagonal" is another article.
pub(crate) fn differing_diagonal(ad: &str, page: &str) -> Option<String> {
    let ((ad, ad_diagonal), (page, page_diagonal)) = (inch_sizes(ad), inch_sizes(page));
    let differ = (ad_diagonal || page_diagonal)
        && !ad.is_empty()
        && !page.is_empty()
        && !ad.iter().any(|a| page.iter().any(|p| same_amount(a, p)));
    differ.then(|| format!("diagonal differs: ad {} in, page {} in", ad[0], page[0]))
}

/// The lengths a name states, in millimetres: "3m", "10 m", "50-foot",
/// "6 ft". A metre written apart from its number counts here, where a
/// cable's or a screen's length is the only reading.
fn lengths(text: &str) -> Vec<f64> {
    let all = words(text);
    let mut out = Vec::new();
    for (i, word) in all.iter().enumerate() {
        let number = |unit: &str| -> Option<f64> { word.strip_suffix(unit)?.parse().ok() };
        let length = number("mm")
            .or_else(|| number("ft").map(|feet| feet * 304.8))
            .or_else(|| {
                let metres: f64 = word.parse().ok()?;
                (all.get(i + 1)? == "m").then_some(metres * 1000.0)
            });
        out.extend(length.filter(|l| *l > 0.0));
    }
    out
}

/// Lengths both names state with none in common: a 3 m cable is not the
/// 10 m one, nor a 6 ft cable the 100 ft one.
pub(crate) fn differing_length(ad: &str, page: &str) -> Option<String> {
    let (ad, page) = (lengths(ad), lengths(page));
    let near = |a: f64, b: f64| (a - b).abs() / a.max(b) <= 0.05;
    (!ad.is_empty() && !page.is_empty() && !ad.iter().any(|a| page.iter().any(|p| near(*a, *p))))
        .then(|| format!("length differs: ad {:.0} mm, page {:.0} mm", ad[0], page[0]))
}

/// The count of a multipack a name states: "6pk", "2-pack", "pack of 3",
/// "twin pack", "2 units", "25 strips pack".
fn multipack(text: &str) -> Option<u32> {
    let all = words(text);
    all.iter().enumerate().find_map(|(i, word)| {
        let at = |k: usize| all.get(k).map(String::as_str);
        let count = if let Some(n) = word.strip_suffix("pack") {
            n.parse().ok()
        } else if word == "pair"
            || matches!((word.as_str(), at(i + 1)), ("twin" | "dual", Some("pack")))
        {
            Some(2)
        } else if matches!(at(i + 1), Some("pack" | "units"))
            || (at(i + 2) == Some("pack")
                && at(i + 1).is_some_and(|w| w.chars().all(char::is_alphabetic)))
        {
            word.parse().ok()
        } else if word == "pack" && at(i + 1) == Some("of") {
            at(i + 2)?.parse().ok()
        } else {
            None
        };
        count.filter(|n| *n > 1)
    })
}

/// A multipack one name states and the other does not: "batteries, AA,
/// 6pk" against "batteries" sells another count. A name that states the
/// number in other words ("Galaxy of Games 5000", "10-disc spindle")
/// states the count.
pub(crate) fn one_sided_pack(ad: &str, page: &str) -> Option<String> {
    let says = |text: &str, n: u32| {
        let all = words(text);
        let pair = |w: &String| w.ends_with("pair") || w == "dual" || w == "twin";
        if n == 2 && all.iter().any(pair) {
            return true;
        }
        let n = n.to_string();
        all.iter().any(|w| {
            w.strip_prefix(n.as_str())
                .is_some_and(|rest| rest.chars().all(char::is_alphabetic))
        })
    };
    match (multipack(ad), multipack(page)) {
        (Some(n), None) if !says(page, n) => {
            Some(format!("pack differs: ad {n} per pack, page no count"))
        }
        (None, Some(n)) if !says(ad, n) => {
            Some(format!("pack differs: ad no count, page {n} per pack"))
        }
        _ => None,
    }
}

/// Words that say the page sells another maker's article made to fit, or
/// one not new: "compatible toner ... replaces CE278A", "remanufactured".
const NOT_THE_ORIGINAL: &[&str] = &[
    "compatible",
    "remanufactured",
    "refurbished",
    "replaces",
    "generic",
    "aftermarket",
];

/// A page that sells a compatible, remanufactured or refurbished article
/// where the ad names the article itself.
pub(crate) fn not_the_original(ad: &str, page: &str) -> Option<String> {
    // "Compatible with Intel and AMD platforms" is a feature.
    let says = |text: &str| {
        let all = words(text);
        all.iter()
            .enumerate()
            .find(|(i, w)| {
                NOT_THE_ORIGINAL.contains(&w.as_str())
                    && all.get(i + 1).is_none_or(|next| next != "with")
            })
            .map(|(_, w)| w.clone())
    };
    match (says(ad), says(page)) {
        (None, Some(word)) => Some(format!(
            "the page sells a {word} article, the ad the original"
        )),
        _ => None,
    }
}

/// Whether two amounts of one unit are the same size as shops write it:
/// equal, or one a whole number the other rounds to within 3% ("12 MP"
/// for 12.1 MP, "1000 GB" for a 1 TB of 1024).
pub(crate) fn same_amount(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let split = |s: &str| -> Option<(f64, String)> {
        let number = s.trim_end_matches(|c: char| !c.is_ascii_digit());
        Some((number.parse().ok()?, s[number.len()..].to_owned()))
    };
    let (Some((x, unit)), Some((y, other_unit))) = (split(a), split(b)) else {
        return false;
    };
    if unit != other_unit {
        return false;
    }
    let whole = x.fract() == 0.0 || y.fract() == 0.0;
    whole && x > 0.0 && y > 0.0 && (x - y).abs() / x.max(y) <= 0.03
}

#[cfg(test)]
#[path = "specs_tests.rs"]
mod tests;
