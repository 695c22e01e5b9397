//! Is the page's product a sibling of the ad's rather than the same one?
//! A sibling or edition word ("Ultra", "Professional", "Upgrade"), another
//! generation number ("Pegasus 40" and "Pegasus 41"), another platform or
//! audience, other measures ("96 x 120" and "96 x 96") or another quantity
//! tell two products of one line apart.

use std::collections::HashSet;

use super::models::{
    audience, dimensions, is_line_modifier, model_modifiers, model_numbers, modifier_key,
    name_words, platforms, quantity_numbers,
};
use super::specs::same_amount;
use super::text::{bracketed_words, is_quantity, words};

/// Why the page's product is a sibling of the ad's rather than the same:
/// a sibling word, a generation number (unless a code is shared), a
/// platform or an audience; with whether the note only warns: it rests on
/// a sibling word in a wordy name, or on another point release of one
/// version.
pub(crate) fn sibling_or_edition(
    ad_name: &str,
    page_name: &str,
    brand_words: &HashSet<String>,
    shared_code: bool,
) -> Option<(String, bool)> {
    let without_brand = |text: &str| -> Vec<String> {
        name_words(text)
            .into_iter()
            .filter(|w| !brand_words.contains(w))
            .collect()
    };
    // A number the other side states as a measure ("13.3" and "13.3-inch")
    // is that measure, not a model number.
    let measures: Vec<String> = quantity_numbers(&name_words(ad_name))
        .into_iter()
        .chain(quantity_numbers(&name_words(page_name)))
        .collect();
    let numbers = |text: &str| -> Vec<String> {
        model_numbers(text)
            .into_iter()
            .filter(|w| !brand_words.contains(w) && !measures.contains(w))
            .collect()
    };
    if let Some(sibling) = sibling_model(ad_name, page_name, brand_words) {
        return Some(sibling);
    }
    let (ad_numbers, page_numbers) = (numbers(ad_name), numbers(page_name));
    if let Some(note) = (!shared_code)
        .then(|| differing_number(&ad_numbers, &page_numbers))
        .flatten()
    {
        // "Logic Express 7" and "7.2" are releases of one version: warn.
        return Some((note, point_release(&ad_numbers, &page_numbers)));
    }
    differs_in(
        "platform",
        &platforms(&without_brand(ad_name)),
        &platforms(&without_brand(page_name)),
    )
    .or_else(|| {
        differs_in(
            "audience",
            &audience(&words(ad_name)),
            &audience(&words(page_name)),
        )
    })
    .map(|note| (note, false))
}

/// Measures both sides state with none in common: "96 x 120" against
/// "96 x 96", a memory kit of "2 x 1GB" against one of "2 x 2GB".
pub(crate) fn differing_dimensions(ad: &str, page: &str) -> Option<String> {
    let (ad, page) = (dimensions(ad), dimensions(page));
    (!ad.is_empty() && !page.is_empty() && !ad.iter().any(|d| page.contains(d)))
        .then(|| format!("measures differ: ad {}, page {}", ad[0], page[0]))
}

/// A product that differs from the ad's by a sibling word, either way
/// round ("S24" vs "S24 Ultra", "Office Standard" vs "Office Pro"): the
/// note, and whether it only warns (a wordy side, or a line's word).
pub(crate) fn sibling_model(
    ad: &str,
    page: &str,
    brand: &HashSet<String>,
) -> Option<(String, bool)> {
    let keys = |text: &str| -> HashSet<String> {
        name_words(text)
            .iter()
            .map(|w| modifier_key(w).to_owned())
            .collect()
    };
    let (ad_keys, page_keys) = (keys(ad), keys(page));
    let modifiers = |text: &str| -> Vec<String> {
        model_modifiers(text)
            .into_iter()
            .filter(|w| !brand.contains(w))
            .collect()
    };
    // Words one side has and the other lacks, besides the sibling word.
    let extra = |keys: &HashSet<String>, other: &HashSet<String>| {
        keys.iter()
            .filter(|k| !other.contains(*k) && !brand.contains(*k))
            .count()
            > WORDY
    };
    // A sibling word run together with a neighbour the other side has
    // ("Publisher Deluxe" and "PublisherDeluxe") is there all the same.
    let on = |w: &str, side: &HashSet<String>, own: &HashSet<String>| {
        side.contains(modifier_key(w))
            || own.iter().any(|a| {
                // As written or in its one spelling: "TitanPro" holds "pro".
                [w, modifier_key(w)]
                    .iter()
                    .any(|w| side.contains(&format!("{a}{w}")) || side.contains(&format!("{w}{a}")))
            })
    };
    if let Some(w) = modifiers(page)
        .iter()
        .find(|w| !on(w, &ad_keys, &page_keys))
    {
        return Some((
            format!("the page shows a sibling model (\"{w}\" is not in the ad)"),
            extra(&page_keys, &ad_keys) || is_line_modifier(w),
        ));
    }
    modifiers(ad)
        .iter()
        .find(|w| !on(w, &page_keys, &ad_keys))
        .map(|w| {
            (
                format!("the ad names a sibling model (\"{w}\" is not on the page)"),
                extra(&ad_keys, &page_keys) || is_line_modifier(w),
            )
        })
}

/// More words than this that one side has and the other lacks make the
/// side wordy: a description, not a model name.
pub(crate) const WORDY: usize = 3;

/// A size both sides state in the same unit, with no value in common:
/// "500GB" against "320 GB" is another article of the same line.
pub(crate) fn differing_quantity(ad: &[String], page: &[String]) -> Option<String> {
    let quantities = |words: &[String]| -> Vec<(String, String)> {
        words
            .iter()
            .filter(|w| is_quantity(w))
            .map(|w| {
                let unit = w.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
                (unit.to_owned(), w.clone())
            })
            .collect()
    };
    let (ad, page) = (quantities(ad), quantities(page));
    first_unshared(&ad, &page, |a, p| same_amount(a, p))
        .map(|(_, value, page_value)| format!("size differs: ad {value}, page {page_value}"))
}

/// The first `(kind, value)` of the ad whose kind the page states too, but
/// with no value the `same` test accepts for any of the ad's values of that
/// kind: the kind, the ad's value and the page's first value of it.
pub(crate) fn first_unshared<'a, K: PartialEq, V>(
    ad: &'a [(K, V)],
    page: &'a [(K, V)],
    same: impl Fn(&V, &V) -> bool,
) -> Option<(&'a K, &'a V, &'a V)> {
    ad.iter().find_map(|(kind, value)| {
        let page_values: Vec<&V> = page
            .iter()
            .filter(|(k, _)| k == kind)
            .map(|(_, v)| v)
            .collect();
        let shared = ad
            .iter()
            .any(|(k, v)| k == kind && page_values.iter().any(|p| same(v, p)));
        (!page_values.is_empty() && !shared).then(|| (kind, value, page_values[0]))
    })
}

/// Words that count the users or machines a licence covers, after a
/// number below a thousand (so no year): "3 seats", "10-client", "5-lic
/// pack", "3 PC", never "2007 (PC)".
const LICENCE_WORDS: &[&str] = &[
    "seat",
    "seats",
    "client",
    "clients",
    "clt",
    "licence",
    "licences",
    "license",
    "licenses",
    "lic",
    "computer",
    "computers",
    "pc",
    "device",
    "devices",
];

/// The licence counts a name states: "3-user" and "3 users" (read as
/// `3user`), "5 seats", "single user".
pub(crate) fn licence_counts(text: &str) -> Vec<u32> {
    // A count and its word stand within one bracket: "3 (PC)" is a version
    // and a platform, "(3 PC)" three computers.
    let mut out = Vec::new();
    for all in bracketed_words(text) {
        for (i, word) in all.iter().enumerate() {
            let next = all.get(i + 1).map(String::as_str);
            let count = if let Some(n) = word.strip_suffix("user") {
                n.parse::<f64>().ok()
            } else if word == "single" && next.is_some_and(|n| n == "user" || n == "users") {
                Some(1.0)
            } else if next.is_some_and(|n| LICENCE_WORDS.contains(&n)) && !word.contains('.') {
                // "Kaspersky 6.0 PC" states a version, not six computers.
                word.parse::<f64>().ok()
            } else {
                None
            };
            out.extend(whole_count(count, 1000.0));
        }
    }
    out
}

/// A count read from a name when it is whole, at least one and below
/// `below`.
fn whole_count(count: Option<f64>, below: f64) -> Option<u32> {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // whole, small
    count
        .filter(|n| n.fract() == 0.0 && (1.0..below).contains(n))
        .map(|n| n as u32)
}

/// Licences for different numbers of users: "Internet Security 2007
/// 3-User" is not the single-user box, so a count above one that the
/// other side does not state differs too.
pub(crate) fn differing_licences(ad: &str, page: &str) -> Option<String> {
    let (ad, page) = (licence_counts(ad), licence_counts(page));
    let most = |counts: &[u32]| counts.iter().copied().max().unwrap_or(0);
    let differ = match (ad.is_empty(), page.is_empty()) {
        (false, false) => !ad.iter().any(|n| page.contains(n)),
        (false, true) => most(&ad) > 1,
        (true, false) => most(&page) > 1,
        (true, true) => false,
    };
    let say = |counts: &[u32]| match counts.first() {
        Some(n) => format!("{n} users"),
        None => "no count".to_owned(),
    };
    differ.then(|| format!("licence differs: ad {}, page {}", say(&ad), say(&page)))
}

/// Words that, after a number, state how long a subscription or service
/// runs, in months: "1 year subscription", "4 years", "12 months".
const TERM_WORDS: &[(&str, u32)] = &[
    ("year", 12),
    ("years", 12),
    ("yr", 12),
    ("yrs", 12),
    ("month", 1),
    ("months", 1),
    ("mo", 1),
];

/// Subscriptions of another length both names state: "Anti-Theft for
/// Laptops 1 Year Subscription" is not the 4-year package.
pub(crate) fn differing_term(ad: &str, page: &str) -> Option<String> {
    let months = |text: &str| -> Vec<u32> {
        let all = words(text);
        all.windows(2)
            .filter_map(|pair| {
                let (_, per) = TERM_WORDS.iter().find(|(w, _)| *w == pair[1])?;
                let n: u32 = pair[0].parse().ok()?;
                (1..=100).contains(&n).then_some(n * per)
            })
            .collect()
    };
    let (ad, page) = (months(ad), months(page));
    (!ad.is_empty() && !page.is_empty() && !ad.iter().any(|m| page.contains(m)))
        .then(|| format!("term differs: ad {} months, page {} months", ad[0], page[0]))
}

/// Words that, after a number, count the articles in a pack: "8 set",
/// "12 count", "100 box".
const PACK_WORDS: &[&str] = &["pack", "set", "count", "pieces", "piece", "box", "carton"];

/// The pack counts a name states: "3pk" and "5ct" (read as `3pack` and
/// `5pcs`), "8 set", "600 per pack", "set of 12", "dozen".
fn pack_counts(text: &str) -> Vec<u32> {
    let all = words(text);
    let mut out = Vec::new();
    for (i, word) in all.iter().enumerate() {
        let at = |k: usize| all.get(k).map(String::as_str);
        let count = if word == "dozen" {
            Some(12.0)
        } else if let Some(n) = word
            .strip_suffix("pack")
            .or_else(|| word.strip_suffix("pcs"))
        {
            n.parse::<f64>().ok()
        } else if at(i + 1).is_some_and(|w| PACK_WORDS.contains(&w))
            || (at(i + 1) == Some("per") && at(i + 2).is_some_and(|w| PACK_WORDS.contains(&w)))
            || (i >= 2
                && at(i - 1) == Some("of")
                && at(i - 2).is_some_and(|w| PACK_WORDS.contains(&w)))
        {
            word.parse::<f64>().ok()
        } else {
            None
        };
        out.extend(whole_count(count, 100_000.0));
    }
    out
}

/// Packs of different counts both names state: "markers, assorted 3pk"
/// against "markers, assorted 8 set" is another article.
pub(crate) fn differing_pack(ad: &str, page: &str) -> Option<String> {
    let (ad, page) = (pack_counts(ad), pack_counts(page));
    (!ad.is_empty() && !page.is_empty() && !ad.iter().any(|n| page.contains(n)))
        .then(|| format!("pack differs: ad {} per pack, page {}", ad[0], page[0]))
}

/// A generation or version number that differs: "Pegasus 40" vs
/// "Pegasus 41", "Office 2007" vs "Office 2003".
pub(crate) fn differing_number(ad: &[String], page: &[String]) -> Option<String> {
    let a = ad.iter().find(|n| !page.contains(n))?;
    let p = page.iter().find(|n| !ad.contains(n))?;
    Some(format!("model number differs: ad {a}, page {p}"))
}

/// Whether the numbers [`differing_number`] compares are releases of one
/// version ("7" and "7.2", "11.2" and "11", "6.2.9" and "6.2"): one is the
/// other with a further point release. "2.5" and "2.6" are two releases.
fn point_release(ad: &[String], page: &[String]) -> bool {
    let (Some(a), Some(p)) = (
        ad.iter().find(|n| !page.contains(n)),
        page.iter().find(|n| !ad.contains(n)),
    ) else {
        return false;
    };
    let extends = |long: &str, short: &str| {
        long.strip_prefix(short)
            .is_some_and(|rest| rest.starts_with('.'))
    };
    extends(a, p) || extends(p, a)
}

/// A note when both sides name a platform or an audience and share none.
fn differs_in(what: &str, ad: &[&str], page: &[&str]) -> Option<String> {
    (!ad.is_empty() && !page.is_empty() && !ad.iter().any(|a| page.contains(a))).then(|| {
        format!(
            "{what} differs: ad {}, page {}",
            ad.join("/"),
            page.join("/")
        )
    })
}
