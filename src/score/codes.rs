//! Model codes: the strongest words a product name has. "WH-1000XM5",
//! "910-000298" and "HL 67A750" are codes however they are split, so they
//! are compared without separators. A code shared by both sides says "same
//! product"; a different code of the same shape ("ANC-500" against
//! "ANC-700") says "another product"; a letter suffix ("TXSR606B") names a
//! variant. Quantities, percentages, ordinals, years and versions look like
//! codes but are not.

use super::text::{is_plain_unit, is_quantity, is_unit, words};

/// Letter prefixes of standards and specifications rather than models:
/// "DDR3", "Cat5e", "MP3", "USB3", "SP2", "Win32", "x64".
const SPEC_PREFIXES: &[&str] = &[
    "ddr", "gddr", "lpddr", "cat", "mp", "usb", "sata", "pci", "pcie", "hdmi", "ieee", "sp", "win",
    "dx", "wpa", "ipx", "ip", "lte", "pc", "gen", "rev", "ver", "v", "x", "wifi", "ac", "ax",
    "mpeg", "rs", "atx",
];
/// Short words that precede a number without making a model of it:
/// "set of 25", "up to 10", "Pro 2".
const NOT_PREFIXES: &[&str] = &[
    "of", "to", "in", "by", "for", "and", "or", "the", "pro", "set",
];

/// How two model codes relate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Relation {
    /// The same code, perhaps with a retailer's letter prefix ("HEWC8727AN").
    Same,
    /// The same model with a letter suffix, often a colour or region.
    Variant,
    /// A different model of the same family or shape.
    Conflict,
    /// Nothing to say.
    Unrelated,
}

/// What the codes of both sides say together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CodeEvidence {
    /// The ad's code is on the page.
    Same(String),
    /// The page shows a variant of the ad's code: (ad, page).
    Variant(String, String),
    /// The page shows a different code of the same kind: (ad, page).
    Conflict(String, String),
    /// The ad names a code the page shows nowhere, nor any code like it.
    Unshown(String),
    /// No code on one side, or codes that do not compare.
    None,
}

impl CodeEvidence {
    /// The evidence in words, for `--explain`.
    pub(crate) fn describe(&self) -> String {
        match self {
            Self::Same(code) => format!("{code} on both sides"),
            Self::Variant(ad, page) => format!("variant: ad {ad}, page {page}"),
            Self::Conflict(ad, page) => format!("differ: ad {ad}, page {page}"),
            Self::Unshown(ad) => format!("ad {ad}, not on the page"),
            Self::None => "none to compare".into(),
        }
    }
}

/// The model codes in `text`, without separators and in lower case.
pub(crate) fn codes(text: &str) -> Vec<String> {
    let chunks = chunks(text);
    let mut out: Vec<String> = Vec::new();
    let mut push = |code: String| {
        if is_code(&code) && !out.contains(&code) {
            out.push(code);
        }
    };
    for (i, (raw, pieces)) in chunks.iter().enumerate() {
        let joined = pieces.concat();
        // "4th-6th" is a range of grades and "16-17" one of sizes, not a
        // model; "1000 ft" is a length.
        let range = pieces.len() >= 2
            && pieces
                .iter()
                .all(|p| p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit()));
        let measured = joined.chars().all(|c| c.is_ascii_digit())
            && chunks
                .get(i + 1)
                .is_some_and(|(_, after)| after.first().is_some_and(|w| is_plain_unit(w)));
        if is_code(&joined)
            && !pieces.iter().any(|p| is_quantity(p))
            && !pieces.iter().all(|p| is_ordinal(p))
            && !range
            && !measured
        {
            push(joined);
        } else if !measured && !is_spec(pieces.first().map_or("", String::as_str)) {
            for piece in pieces {
                push(piece.clone());
            }
        }
        // "ANC 700", "HL 67A750": a short letter prefix and a model number.
        if let (Some((_, next)), [prefix]) = (chunks.get(i + 1), pieces.as_slice()) {
            let short_letters =
                (1..=3).contains(&prefix.len()) && raw.chars().all(|c| c.is_ascii_alphabetic());
            // "Pro 2007" is an edition and its year, not a model.
            let number = matches!(next.as_slice(), [n] if n.len() >= 2
                && n.starts_with(|c: char| c.is_ascii_digit()) && !is_quantity(n) && !is_year(n));
            let unit_follows = chunks
                .get(i + 2)
                .is_some_and(|(_, after)| after.first().is_some_and(|w| is_plain_unit(w)));
            // "Clip Art 10 000": the number goes on in thousands.
            let thousands_follow = chunks
                .get(i + 2)
                .is_some_and(|(raw, _)| raw.len() == 3 && raw.chars().all(|c| c.is_ascii_digit()));
            // "2.4 GHz 9dBi": a unit and the next measure.
            if short_letters
                && !is_unit(prefix)
                && number
                && !unit_follows
                && !thousands_follow
                && !SPEC_PREFIXES.contains(&prefix.as_str())
                && !NOT_PREFIXES.contains(&prefix.as_str())
            {
                push(format!("{prefix}{}", next.concat()));
            }
        }
    }
    out
}

/// Whitespace-separated chunks of `text`, each as its normalised pieces
/// (`WH-1000XM5` -> `wh`, `1000xm5`).
fn chunks(text: &str) -> Vec<(&str, Vec<String>)> {
    text.split_whitespace()
        .map(|raw| (raw, words(raw)))
        .filter(|(_, pieces)| !pieces.is_empty())
        .collect()
}

/// A code with the leading zeros of its numbers dropped: "d05" -> "d5".
fn without_leading_zeros(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut prev_digit = false;
    for c in code.chars() {
        if c == '0' && !prev_digit && !out.is_empty() {
            continue;
        }
        prev_digit = c.is_ascii_digit();
        out.push(c);
    }
    out
}

/// Whether a normalised token is a model code.
pub(crate) fn is_code(token: &str) -> bool {
    if token.is_empty() || !token.chars().all(|c| c.is_ascii_alphanumeric()) {
        return false;
    }
    let letters = token.chars().filter(char::is_ascii_lowercase).count();
    let digits = token.len() - letters;
    if letters == 0 {
        return digits >= 4 && !is_year(token);
    }
    if digits == 0 || is_quantity(token) || is_ordinal(token) {
        return false;
    }
    // "4k", "1080p", "36inches", "4speaker": a number and a unit or a word.
    let head = token.trim_end_matches(|c: char| c.is_ascii_lowercase());
    head.chars().any(|c| c.is_ascii_lowercase()) && !is_spec(token)
}

/// "ddr3", "cat5e", "v10", "pc2": a standard or a version, not a model.
fn is_spec(token: &str) -> bool {
    let prefix: String = token.chars().take_while(char::is_ascii_lowercase).collect();
    let rest = &token[prefix.len()..];
    let rest_digits = rest.trim_end_matches(|c: char| c.is_ascii_lowercase());
    !rest.is_empty()
        && rest_digits.chars().all(|c| c.is_ascii_digit())
        && rest.len() - rest_digits.len() <= 1
        && SPEC_PREFIXES.contains(&prefix.as_str())
}

fn is_year(digits: &str) -> bool {
    digits.len() == 4
        && digits
            .parse::<u32>()
            .is_ok_and(|y| (1950..=2039).contains(&y))
}

/// "1st", "2nd", "4th": an ordinal, a generation or a grade.
pub(crate) fn is_ordinal(token: &str) -> bool {
    ["st", "nd", "rd", "th"].iter().any(|suffix| {
        token
            .strip_suffix(suffix)
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    })
}

/// The pattern of letter and digit runs: "anc700" -> "LD", "a3l791" -> "LDLD".
fn shape(code: &str) -> String {
    let mut out = String::new();
    for c in code.chars() {
        let class = if c.is_ascii_digit() { 'D' } else { 'L' };
        if !out.ends_with(class) {
            out.push(class);
        }
    }
    out
}

/// How code `a` relates to code `b`.
pub(crate) fn relate(a: &str, b: &str) -> Relation {
    if a == b || without_leading_zeros(a) == without_leading_zeros(b) {
        return Relation::Same;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() >= 5 {
        if let Some(prefix) = long.strip_suffix(short) {
            if prefix.len() <= 4 && prefix.chars().all(|c| c.is_ascii_lowercase()) {
                return Relation::Same;
            }
        }
    }
    let base = |s: &str| {
        s.trim_end_matches(|c: char| c.is_ascii_lowercase())
            .to_owned()
    };
    let (base_a, base_b) = (base(a), base(b));
    if base_a == base_b && base_a.len() >= 3 && base_a.chars().any(|c| c.is_ascii_digit()) {
        return Relation::Variant;
    }
    if let Some(rest) = long.strip_prefix(short) {
        // A letter suffix, or a region's number after one ("C6658AN#140").
        let after_letters = short.ends_with(|c: char| c.is_ascii_lowercase())
            && rest.chars().all(|c| c.is_ascii_digit());
        if rest.starts_with(|c: char| c.is_ascii_lowercase()) || after_letters {
            return Relation::Variant;
        }
        return Relation::Conflict;
    }
    let letters = |s: &str| -> String { s.chars().take_while(char::is_ascii_lowercase).collect() };
    let same_family = !letters(a).is_empty() && letters(a) == letters(b);
    let digits_only = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let same_shape = if digits_only(a) && digits_only(b) {
        a.len() == b.len()
    } else {
        shape(a) == shape(b) && a.len().abs_diff(b.len()) <= 1
    };
    if same_family || same_shape {
        Relation::Conflict
    } else {
        Relation::Unrelated
    }
}

/// Compares the ad's codes with the page's. `page_text` is searched too, so
/// a code the page splits across words ("HL 67A 750") is still found.
pub(crate) fn compare(ad: &[String], page: &[String], page_text: &str) -> CodeEvidence {
    let page_words = words(page_text);
    let split_on_page =
        |code: &str| (2..=4).any(|n| page_words.windows(n).any(|run| run.concat() == code));
    let on_page =
        |a: &String| page.iter().any(|p| relate(a, p) == Relation::Same) || split_on_page(a);
    let in_ad = |p: &String| ad.iter().any(|a| relate(a, p) == Relation::Same);
    let shared = ad.iter().find(|a| on_page(a));
    // A part number that differs outweighs a shorter code both share, such
    // as a product line's ("XMS2 ... TWIN2X4096" against "XMS2 ... CM2X1024").
    let conflict = shared.and_then(|shared| {
        ad.iter()
            .filter(|a| a.len() > shared.len() && !a.contains(shared.as_str()) && !on_page(a))
            .find_map(|a| {
                page.iter()
                    .filter(|p| {
                        !in_ad(p) && !prefixes_only(a, p) && relate(a, p) == Relation::Conflict
                    })
                    .map(|p| CodeEvidence::Conflict(a.clone(), p.clone()))
                    .next()
            })
    });
    if let Some(shared) = shared {
        return conflict.unwrap_or_else(|| CodeEvidence::Same(shared.clone()));
    }
    let mut variant = None;
    for a in ad {
        for p in page {
            match relate(a, p) {
                Relation::Conflict => return CodeEvidence::Conflict(a.clone(), p.clone()),
                Relation::Variant if variant.is_none() => {
                    variant = Some(CodeEvidence::Variant(a.clone(), p.clone()));
                }
                _ => {}
            }
        }
    }
    variant.unwrap_or(CodeEvidence::None)
}

/// Whether two codes differ only in a short letter prefix, a brand's or a
/// retailer's: "HP 51644C" and "NEW-51644C".
fn prefixes_only(a: &str, b: &str) -> bool {
    let split = |s: &str| {
        let core = s.trim_start_matches(|c: char| c.is_ascii_lowercase());
        (s.len() - core.len(), core.to_owned())
    };
    let ((prefix_a, core_a), (prefix_b, core_b)) = (split(a), split(b));
    core_a == core_b && core_a.len() >= 4 && prefix_a <= 3 && prefix_b <= 3
}

#[cfg(test)]
#[path = "codes_tests.rs"]
mod tests;
