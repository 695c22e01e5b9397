//! The words of a product name that tell one model from another: model
//! numbers and codes ("Pegasus 40", "ANC700"), sibling and edition words
//! ("Ultra", "Professional", "Upgrade"), platforms, audiences (men's,
//! women's, kids'), and "A x B" measures. Sizes and colours are left out:
//! they name variants of one product.

use super::packaging::without_packaging;
use super::text::{is_quantity, words};
use super::variants::is_variant_word;

/// Words that make a sibling model or another edition: "Galaxy S24" is
/// not the "S24 Ultra", "Office Standard" is not "Office Professional",
/// and an upgrade is not the full product.
const MODEL_MODIFIERS: &[&str] = &[
    "pro",
    "max",
    "plus",
    "ultra",
    "mini",
    "lite",
    "se",
    "fe",
    "neo",
    "gtx",
    "xl",
    "slim",
    "duo",
    "dual",
    "shield",
    "professional",
    "standard",
    "premium",
    "deluxe",
    "basic",
    "ultimate",
    "enterprise",
    "academic",
    "student",
    "edu",
    "education",
    "crossgrade",
    "upgrade",
    "upg",
    "upgrd",
    "upgrad",
    "prof",
    "std",
    "prem",
    "dlx",
    "delux",
    "dlux",
    "acad",
    // Editions of one title: "Photoshop CS3 Extended", "QuickBooks
    // Premier", "Readiris Corporate", "JumpStart Advanced", an "upsell"
    // (an upgrade from a lesser edition, not from an older version).
    "extended",
    "premier",
    "platinum",
    "corporate",
    "advanced",
    "upsell",
];

/// Lines of one family: the "Arc Touch Mouse" is not the "Arc Mouse", the
/// "Cruzer Micro" not the "Cruzer", a folio not the shell case. Weaker than
/// [`MODEL_MODIFIERS`]: a shop may leave the line's word out of a name, so
/// they hold a pass at a warning rather than fail it.
const LINE_MODIFIERS: &[&str] = &["touch", "micro", "nano", "folio"];

/// Whether a sibling word names a line of a family (see [`LINE_MODIFIERS`]).
pub(crate) fn is_line_modifier(word: &str) -> bool {
    LINE_MODIFIERS.contains(&word)
}

/// Platforms: a product for one is not the product for another, but a
/// name that states none fits either.
const PLATFORMS: &[(&str, &str)] = &[
    ("mac", "mac"),
    ("macintosh", "mac"),
    ("osx", "mac"),
    ("win", "windows"),
    ("windows", "windows"),
    ("pc", "windows"),
    ("linux", "linux"),
    ("android", "android"),
    ("ios", "ios"),
];

/// Who a product is for, as tags: men's and women's (or boys' and girls')
/// versions are different products; "kids" covers both kinds of children.
const AUDIENCES: &[(&str, &[&str])] = &[
    ("men", &["man"]),
    ("mens", &["man"]),
    ("herr", &["man"]),
    ("herren", &["man"]),
    ("herr", &["man"]),
    ("homme", &["man"]),
    ("hombre", &["man"]),
    ("women", &["woman"]),
    ("womens", &["woman"]),
    ("woman", &["woman"]),
    ("ladies", &["woman"]),
    ("lady", &["woman"]),
    ("dam", &["woman"]),
    ("damen", &["woman"]),
    ("femme", &["woman"]),
    ("mujer", &["woman"]),
    ("boys", &["boy"]),
    ("boy", &["boy"]),
    ("girls", &["girl"]),
    ("girl", &["girl"]),
    ("kids", &["boy", "girl"]),
    ("kid", &["boy", "girl"]),
    ("children", &["boy", "girl"]),
    ("childrens", &["boy", "girl"]),
    ("youth", &["boy", "girl"]),
    ("junior", &["boy", "girl"]),
    ("kinder", &["boy", "girl"]),
    ("barn", &["boy", "girl"]),
    ("enfant", &["boy", "girl"]),
    ("unisex", &["man", "woman"]),
];

/// Whether a word names a platform ("mac", "win").
pub(crate) fn is_platform(word: &str) -> bool {
    PLATFORMS.iter().any(|(p, _)| *p == word)
}

/// The platforms a name is for ("mac", "windows").
pub(crate) fn platforms(words: &[String]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = words
        .iter()
        .filter_map(|w| {
            PLATFORMS
                .iter()
                .find(|(p, _)| p == w)
                .map(|(_, canonical)| *canonical)
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Who a name says the product is for, as tags ("man", "woman", "boy", "girl").
pub(crate) fn audience(words: &[String]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = words
        .iter()
        .filter_map(|w| {
            AUDIENCES
                .iter()
                .find(|(a, _)| a == w)
                .map(|(_, tags)| *tags)
        })
        .flatten()
        .copied()
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Standards whose version follows them: "USB 2.0", "Firewire 800",
/// "DECT 6.0", "Bluetooth 4.0".
const STANDARDS: &[&str] = &[
    "usb",
    "firewire",
    "dect",
    "bluetooth",
    "hdmi",
    "sata",
    "pcie",
    "pci",
    "ieee",
    "802",
];

/// Number words that name a count as digits do: "six-tier" = "6-tier",
/// "two-way" = "2-way".
const NUMBER_WORDS: &[(&str, &str)] = &[
    ("two", "2"),
    ("three", "3"),
    ("four", "4"),
    ("five", "5"),
    ("six", "6"),
    ("seven", "7"),
    ("eight", "8"),
    ("nine", "9"),
    ("ten", "10"),
    ("twelve", "12"),
];

/// Words after which a number is a size, not a model: "US 10", "stl 43".
const SIZE_WORDS: &[&str] = &[
    "size", "us", "uk", "eu", "stl", "storlek", "gr", "grosse", "taille", "talla", "sz",
];

/// The sibling words a name uses as such: "Ultra" in "S24 Ultra", not in
/// "Ultra-fast scrolling", where it is joined to a word.
pub(crate) fn model_modifiers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for chunk in text.split_whitespace() {
        let pieces = words(chunk);
        for (i, piece) in pieces.iter().enumerate() {
            let joined_to_word = pieces
                .get(i + 1)
                .is_some_and(|next| next.chars().all(char::is_alphabetic));
            let modifier = MODEL_MODIFIERS.contains(&piece.as_str()) || is_line_modifier(piece);
            if modifier && !joined_to_word {
                out.push(piece.clone());
            }
        }
    }
    out
}

/// Versions of an operating system that software lists as requirements.
const OS_VERSIONS: &[&str] = &["95", "98", "me", "nt", "2000", "xp", "vista"];

/// A name's words without the system requirements it lists: two or more
/// Windows versions in a row ("Win 98 ME 2000 XP"), or a version "or
/// higher" ("Mac OS 10.4 or higher"). One version alone ("Windows XP")
/// may be the product itself and stays.
fn without_requirements(all: Vec<String>) -> Vec<String> {
    let mut keep = vec![true; all.len()];
    let mut i = 0;
    while i < all.len() {
        let run = all[i..]
            .iter()
            .take_while(|w| OS_VERSIONS.contains(&w.as_str()))
            .count();
        if run >= 2 {
            keep[i..i + run].iter_mut().for_each(|k| *k = false);
        }
        let tail = matches!(
            (
                all.get(i + 1).map(String::as_str),
                all.get(i + 2).map(String::as_str)
            ),
            (
                Some("or" | "and"),
                Some("higher" | "later" | "above" | "up")
            )
        );
        if tail && all[i].starts_with(|c: char| c.is_ascii_digit()) {
            keep[i..i + 3].iter_mut().for_each(|k| *k = false);
            // "OS X 10.4 or higher": the system's name goes with it.
            for j in (i.saturating_sub(2)..i).rev() {
                if !matches!(all[j].as_str(), "os" | "x") {
                    break;
                }
                keep[j] = false;
            }
        }
        i += run.max(1);
    }
    all.into_iter()
        .zip(keep)
        .filter_map(|(w, k)| k.then_some(w))
        .collect()
}

/// Words of a product name as a buyer compares them: model codes split
/// into letters and number ("ANC700" = "ANC-700"), sizes ("US 10",
/// "stl 42-44"), colours and listed system requirements left out.
pub(crate) fn name_words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut after_size = false;
    for word in without_packaging(without_requirements(words(text))) {
        let word = plain_number(&word);
        let number = word.chars().all(|c| c.is_ascii_digit() || c == '.');
        if after_size && number {
            continue;
        }
        after_size = SIZE_WORDS.contains(&word.as_str());
        if after_size || is_variant_word(&word) {
            continue;
        }
        // "10 000" is ten thousand.
        if word.len() == 3 && number {
            if let Some(prev) = out.last_mut().filter(|p| p.len() <= 3 && is_bare_number(p)) {
                prev.push_str(&word);
                continue;
            }
        }
        out.extend(model_parts(&word));
    }
    out
}

/// Ordinals, versions and decimals as the number they state: "2nd" -> "2",
/// "v17" -> "17", "17.0" -> "17"; anything else unchanged.
pub(crate) fn plain_number(word: &str) -> String {
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '.');
    let ordinal = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix).filter(|n| digits(n)));
    let number = ordinal
        .or_else(|| word.strip_prefix('v').filter(|n| digits(n)))
        .or_else(|| {
            NUMBER_WORDS
                .iter()
                .find(|(name, _)| *name == word)
                .map(|(_, n)| *n)
        })
        .unwrap_or(word);
    if digits(number) && number.contains('.') {
        let trimmed = number.trim_end_matches('0').trim_end_matches('.');
        if !trimmed.is_empty() {
            return trimmed.to_owned();
        }
    }
    number.to_owned()
}

/// Whether a word is a bare number: it tells products apart only beside a
/// name ("Pegasus 40"), never on its own.
pub(crate) fn is_bare_number(word: &str) -> bool {
    word.chars().any(|c| c.is_ascii_digit()) && word.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// The standalone numbers of a name that can tell sibling models apart
/// ("Pegasus 40", "Office 2007", "2nd grade"): not sizes, not dimensions
/// ("18 x 5"), not quantities, and not long part numbers (those are codes).
pub(crate) fn model_numbers(text: &str) -> Vec<String> {
    let all: Vec<String> = words(text).iter().map(|w| plain_number(w)).collect();
    let mut out = Vec::new();
    for (i, word) in all.iter().enumerate() {
        let after = |k: usize| {
            i.checked_sub(k)
                .and_then(|j| all.get(j))
                .map(String::as_str)
        };
        let before_x = all.get(i + 1).is_some_and(|w| w == "x");
        let sized = after(1).is_some_and(|w| w == "x" || SIZE_WORDS.contains(&w));
        // "USB 2.0", "DECT 6.0": the version of a standard, not a model.
        let standard = after(1).is_some_and(|w| STANDARDS.contains(&w));
        let long = word.len() >= 4 && !(word.len() == 4 && word.starts_with(['1', '2']));
        if is_bare_number(word) && !before_x && !sized && !standard && !long && !out.contains(word)
        {
            out.push(word.clone());
        }
    }
    out
}

/// The numbers of a name's quantities: "13.3-inch" gives "13.3", so that a
/// bare "13.3" on the other side is the same measure.
pub(crate) fn quantity_numbers(words: &[String]) -> Vec<String> {
    words
        .iter()
        .filter(|w| is_quantity(w))
        .map(|w| w.trim_end_matches(|c: char| !c.is_ascii_digit()).to_owned())
        .collect()
}

/// The "A x B" measures of a name, each as one word: "96 x 120" -> "96x120",
/// "2 x 1GB" -> "2x1gb". Two names that state measures and share none are
/// two articles of one line (a screen's size, a memory kit's modules).
pub(crate) fn dimensions(text: &str) -> Vec<String> {
    let all: Vec<String> = words(text).iter().map(|w| plain_number(w)).collect();
    let starts_with_digit = |w: &String| w.starts_with(|c: char| c.is_ascii_digit());
    let mut out = Vec::new();
    for (i, word) in all.iter().enumerate() {
        if word != "x" || i == 0 {
            continue;
        }
        if let (Some(a), Some(b)) = (all.get(i - 1), all.get(i + 1)) {
            if starts_with_digit(a) && starts_with_digit(b) {
                let measure = format!("{a}x{b}");
                if !out.contains(&measure) {
                    out.push(measure);
                }
            }
        }
    }
    out
}

/// A sibling word in one spelling: "pro" = "professional", "std" =
/// "standard"; other words unchanged.
pub(crate) fn modifier_key(word: &str) -> &str {
    match word {
        "pro" | "prof" => "professional",
        "std" => "standard",
        "prem" => "premium",
        "dlx" | "delux" | "dlux" => "deluxe",
        "upg" | "upgrd" | "upgrad" => "upgrade",
        "acad" | "edu" | "education" => "academic",
        "win" => "windows",
        "macintosh" | "osx" => "mac",
        other => other,
    }
}

/// `anc700` -> `["anc", "700"]`; quantities such as `500ml` stay whole.
fn model_parts(word: &str) -> Vec<String> {
    if is_quantity(word) || is_bare_number(word) {
        return vec![word.to_owned()];
    }
    let numeric = |c: char| c.is_ascii_digit() || c == '.';
    let mut parts: Vec<String> = Vec::new();
    for c in word.chars() {
        match parts.last_mut() {
            Some(last)
                if last
                    .chars()
                    .last()
                    .is_some_and(|p| numeric(p) == numeric(c)) =>
            {
                last.push(c);
            }
            _ => parts.push(c.to_string()),
        }
    }
    parts
}
