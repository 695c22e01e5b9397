//! Words for comparing what an ad says with what a page says: lower case,
//! no accents, no punctuation, decimals kept, quantities in one unit, so
//! "Men's Pegasus-40 (0,5 l)" and "mens pegasus 40 500ml" agree.

use std::cell::RefCell;
use std::collections::VecDeque;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Units and what they are in the base unit (ml, g, cm, ...).
const UNITS: &[(&str, &str, f64)] = &[
    ("ml", "ml", 1.0),
    ("cl", "ml", 10.0),
    ("dl", "ml", 100.0),
    ("l", "ml", 1000.0),
    ("ltr", "ml", 1000.0),
    ("litre", "ml", 1000.0),
    ("liter", "ml", 1000.0),
    ("mg", "g", 0.001),
    ("g", "g", 1.0),
    ("gr", "g", 1.0),
    ("kg", "g", 1000.0),
    ("oz", "oz", 1.0),
    ("floz", "floz", 1.0),
    ("lb", "lb", 1.0),
    ("lbs", "lb", 1.0),
    ("mm", "mm", 1.0),
    ("cm", "mm", 10.0),
    ("m", "mm", 1000.0),
    ("in", "in", 1.0),
    ("gb", "gb", 1.0),
    ("tb", "gb", 1024.0),
    ("mb", "gb", 1.0 / 1024.0),
    ("w", "w", 1.0),
    ("kw", "w", 1000.0),
    ("watt", "w", 1.0),
    ("watts", "w", 1.0),
    ("v", "v", 1.0),
    ("mah", "mah", 1.0),
    ("hz", "hz", 1.0),
    ("pcs", "pcs", 1.0),
    ("st", "pcs", 1.0),
    ("pack", "pack", 1.0),
    ("x", "x", 1.0),
    ("pct", "pct", 1.0),
    ("ft", "ft", 1.0),
    ("feet", "ft", 1.0),
    ("foot", "ft", 1.0),
    ("inch", "in", 1.0),
    ("inches", "in", 1.0),
    ("mp", "mp", 1.0),
    ("mhz", "mhz", 1.0),
    ("ghz", "mhz", 1000.0),
    ("pin", "pin", 1.0),
    ("bit", "bit", 1.0),
    ("mbps", "mbps", 1.0),
    ("gbps", "mbps", 1000.0),
    ("pk", "pack", 1.0),
    ("pc", "pcs", 1.0),
    ("ct", "pcs", 1.0),
    ("count", "pcs", 1.0),
    ("user", "user", 1.0),
    ("users", "user", 1.0),
    ("port", "port", 1.0),
];

/// Units that, written apart from the number, are more often a size,
/// a model letter or a word ("Pegasus 40 M", "2 in 1").
/// "pc" is a piece and a computer: "`OneNote` 2007 (PC)" is no 2007-piece
/// pack.
const AMBIGUOUS_UNITS: &[&str] = &["m", "in", "x", "w", "v", "st", "pack", "pc"];

/// How many texts [`words`] remembers on each thread.
const REMEMBERED: usize = 8;

thread_local! {
    /// The texts [`words`] split last on this thread, with their words:
    /// the rules of one ad's checks split the same few names again and
    /// again, and a copy costs a tenth of splitting.
    static RECENT: RefCell<VecDeque<(String, Vec<String>)>> =
        RefCell::new(VecDeque::with_capacity(REMEMBERED));
}

/// The normalised words of `text`, in order.
pub(crate) fn words(text: &str) -> Vec<String> {
    if let Some(known) = RECENT.with_borrow(|recent| {
        recent
            .iter()
            .find(|(seen, _)| seen == text)
            .map(|(_, words)| words.clone())
    }) {
        return known;
    }
    let mut out = Vec::new();
    for part in fold(text).split('|') {
        push_words(part, &mut out);
    }
    RECENT.with_borrow_mut(|recent| {
        if recent.len() == REMEMBERED {
            recent.pop_back();
        }
        recent.push_front((text.to_owned(), out.clone()));
    });
    out
}

/// The normalised words of `text` in the groups its brackets part:
/// "Elements 3 (PC)" is `[["elements", "3"], ["pc"]]`.
pub(crate) fn bracketed_words(text: &str) -> Vec<Vec<String>> {
    fold(text)
        .split('|')
        .map(|part| {
            let mut out = Vec::new();
            push_words(part, &mut out);
            out
        })
        .collect()
}

/// `text` in lower case without accents or punctuation, a `|` for each
/// bracket.
fn fold(text: &str) -> String {
    // Accents on Latin letters go ("Kånken" = "kanken"); the vowel signs of
    // scripts such as Devanagari are part of the letter and stay.
    let mut base = ' ';
    let chars: Vec<char> = text
        .nfkd()
        .filter(|c| {
            if is_combining_mark(*c) {
                u32::from(base) >= 0x0250
            } else {
                base = *c;
                true
            }
        })
        .flat_map(char::to_lowercase)
        .collect();
    let mut folded = String::with_capacity(chars.len());
    for (i, c) in chars.iter().enumerate() {
        let between_digits = |i: usize| {
            i > 0
                && chars[i - 1].is_ascii_digit()
                && chars.get(i + 1).is_some_and(char::is_ascii_digit)
        };
        match c {
            'ø' => folded.push('o'),
            'æ' => folded.push('a'),
            'ß' => folded.push_str("ss"),
            '\'' | '’' | '`' | '´' => {}
            '.' | ',' if between_digits(i) => folded.push('.'),
            '%' => folded.push_str(" pct "),
            // A bracket parts a number from the word after it: "3.0 [lb]".
            '(' | ')' | '[' | ']' | '{' | '}' => folded.push('|'),
            c if c.is_alphanumeric() || is_combining_mark(*c) => folded.push(*c),
            _ => folded.push(' '),
        }
    }
    folded
}

/// Appends the words of `part` (folded, without brackets) to `out`, a unit
/// joined to the number before it: "500 ml" is `500ml`.
fn push_words(part: &str, out: &mut Vec<String>) {
    let start = out.len();
    for word in part.split_whitespace().flat_map(cjk_bigrams) {
        let word = word.as_str();
        let (number, unit) = split_quantity(word);
        if let (Some(n), Some(u)) = (number, unit) {
            out.push(quantity(n, u).unwrap_or_else(|| word.to_owned()));
        } else {
            let is_unit =
                UNITS.iter().any(|(u, ..)| *u == word) && !AMBIGUOUS_UNITS.contains(&word);
            match out[start..]
                .last()
                .and_then(|prev| prev.parse::<f64>().ok())
            {
                Some(n) if is_unit => {
                    let merged = quantity(n, word).unwrap_or_default();
                    *out.last_mut().expect("checked") = merged;
                }
                _ => out.push(word.to_owned()),
            }
        }
    }
}

/// Whether `c` is written without spaces between words: Chinese, Japanese
/// and Korean.
fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x1100..=0x11FF | 0x3040..=0x30FF | 0x3130..=0x318F | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// A token with its Chinese, Japanese or Korean runs cut into overlapping
/// character pairs, since those scripts put no spaces between words:
/// "ワイヤレスヘッドホン" -> "ワイ", "イヤ", ...; Latin and digit runs stay whole.
fn cjk_bigrams(token: &str) -> Vec<String> {
    if !token.chars().any(is_cjk) {
        return vec![token.to_owned()];
    }
    let mut out = Vec::new();
    let mut run = String::new();
    let mut cjk = false;
    let flush = |run: &mut String, cjk: bool, out: &mut Vec<String>| {
        if run.is_empty() {
            return;
        }
        if cjk {
            // Recompose what folding took apart (kana voicing marks, Hangul).
            let chars: Vec<char> = run.nfc().collect();
            if chars.len() == 1 {
                out.push(chars[0].to_string());
            }
            out.extend(chars.windows(2).map(|pair| pair.iter().collect::<String>()));
        } else {
            out.push(run.clone());
        }
        run.clear();
    };
    for c in token.chars() {
        let this = is_cjk(c) || (cjk && is_combining_mark(c));
        if this != cjk {
            flush(&mut run, cjk, &mut out);
            cjk = this;
        }
        run.push(c);
    }
    flush(&mut run, cjk, &mut out);
    out
}

/// `500ml` -> (500, "ml"); plain words -> (None, None).
fn split_quantity(word: &str) -> (Option<f64>, Option<&str>) {
    let split = word
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(word.len());
    if split == 0 || split == word.len() {
        return (None, None);
    }
    let (number, unit) = word.split_at(split);
    // "1st", "21st": an ordinal, not one piece ("st", Stück).
    if unit == "st" && number.ends_with('1') && !number.ends_with("11") {
        return (None, None);
    }
    match number.parse() {
        Ok(n) if UNITS.iter().any(|(u, ..)| *u == unit) => (Some(n), Some(unit)),
        _ => (None, None),
    }
}

/// A quantity in its base unit: `0.5 l` -> `500ml`.
fn quantity(n: f64, unit: &str) -> Option<String> {
    let (value, base) = in_base_unit(n, unit)?;
    let value = (value * 1000.0).round() / 1000.0;
    Some(format!("{value}{base}"))
}

/// An amount of `unit` in the unit sizes of its kind are compared in:
/// `(2.0, "tb")` is `(2048.0, "gb")`.
pub(crate) fn in_base_unit(n: f64, unit: &str) -> Option<(f64, &'static str)> {
    let (_, base, factor) = UNITS.iter().find(|(u, ..)| *u == unit)?;
    Some((n * factor, base))
}

/// Whether a word is a unit such as `ml` or `gb`.
pub(crate) fn is_unit(word: &str) -> bool {
    UNITS.iter().any(|(u, ..)| *u == word)
}

/// Whether a word is a unit that, after a number, always states a measure
/// (`ft`, `gb`), unlike `v` or `in` ("v 10", "2 in 1").
pub(crate) fn is_plain_unit(word: &str) -> bool {
    is_unit(word) && !AMBIGUOUS_UNITS.contains(&word)
}

/// Whether a word is a quantity such as `500ml`: a pack size, often a
/// variant of the same product.
pub(crate) fn is_quantity(word: &str) -> bool {
    split_quantity(word).0.is_some()
}

/// A word without a plain plural ending, for loose matching.
pub(crate) fn stem(word: &str) -> &str {
    // "wireless", "virus", "analysis" end in "s" but are no plurals.
    let singular = ["ss", "us", "is"].iter().any(|end| word.ends_with(end));
    if word.len() > 4 && !singular && !word.chars().any(|c| c.is_ascii_digit()) {
        word.strip_suffix("es")
            .filter(|w| w.ends_with(['s', 'x', 'h']))
            .or_else(|| word.strip_suffix('s'))
            .unwrap_or(word)
    } else {
        word
    }
}

#[cfg(test)]
mod tests {
    use super::super::models::*;
    use super::*;

    #[test]
    fn remembered_words_are_each_texts_own() {
        let texts: Vec<String> = (0..REMEMBERED * 2)
            .map(|i| format!("Pegasus {i}"))
            .collect();
        for _ in 0..2 {
            for (i, text) in texts.iter().enumerate() {
                assert_eq!(words(text), ["pegasus".to_owned(), i.to_string()]);
            }
        }
    }

    #[test]
    fn measures_are_read_as_one_word() {
        assert_eq!(dimensions("Screen - 96 x 120 AV"), ["96x120"]);
        assert_eq!(dimensions("4GB (2 x 2 GB) kit"), ["2x2gb"]);
        assert_eq!(dimensions("x-ray 2x"), Vec::<String>::new());
    }

    #[test]
    fn folds_case_accents_punctuation_and_units() {
        assert_eq!(
            words("Men's Pegasus-40 (500 ml)"),
            ["mens", "pegasus", "40", "500ml"]
        );
        assert_eq!(words("Oatly Barista 0,5 l"), ["oatly", "barista", "500ml"]);
        assert_eq!(words("Oatly Barista 500ml"), ["oatly", "barista", "500ml"]);
        assert_eq!(words("1.5 L bottle"), ["1500ml", "bottle"]);
        assert_eq!(words("iPhone 15 128GB"), ["iphone", "15", "128gb"]);
        assert_eq!(words("Pegasus 40 M"), ["pegasus", "40", "m"]);
        // A bracket between a number and a unit parts them.
        assert_eq!(words("Landscaping 3.0 [lb]"), ["landscaping", "3.0", "lb"]);
        assert_eq!(words("Landscaping (3 lb)"), ["landscaping", "3lb"]);
        assert_eq!(words("Fjällräven Kånken"), ["fjallraven", "kanken"]);
        assert_eq!(words("मिक्सर ग्राइंडर"), ["मिक्सर", "ग्राइंडर"]);
        assert_eq!(stem("shoes"), "shoe");
        assert_eq!(stem("boxes"), "box");
        assert_eq!(stem("gtx"), "gtx");
        assert_eq!(stem("wireless"), "wireless");
        assert_eq!(stem("antivirus"), "antivirus");
        assert_eq!(
            name_words("Trail Runner - Moss/Sand, US 10"),
            ["trail", "runner"]
        );
        assert_eq!(
            name_words("Trek GTX Herr stl 42-44"),
            ["trek", "gtx", "herr"]
        );
        assert_eq!(
            name_words("Calder ANC700 128GB"),
            ["calder", "anc", "700", "128gb"]
        );
    }

    #[test]
    fn cjk_runs_become_character_pairs() {
        assert_eq!(
            words("ソニー WH-1000XM5"),
            ["ソニ", "ニー", "wh", "1000xm5"]
        );
        assert_eq!(words("电水壶"), ["电水", "水壶"]);
        assert_eq!(words("버즈"), ["버즈"]);
        assert_eq!(words("ヘッドホン"), ["ヘッ", "ッド", "ドホ", "ホン"]);
    }

    #[test]
    fn percentages_ordinals_versions_and_thousands() {
        assert_eq!(words("40% off"), ["40pct", "off"]);
        assert_eq!(
            words("1st grade, 21st, 10st"),
            ["1st", "grade", "21st", "10pcs"]
        );
        assert_eq!(plain_number("2nd"), "2");
        assert_eq!(plain_number("v17"), "17");
        assert_eq!(plain_number("17.0"), "17");
        assert_eq!(name_words("clip art 10 000"), ["clip", "art", "10000"]);
        assert_eq!(model_numbers("Pegasus 40 - 40% off, US 10"), ["40"]);
        assert_eq!(model_numbers("screen 96 x 120, model 7"), ["7"]);
        assert_eq!(model_numbers("Office 2007 910000298"), ["2007"]);
        assert_eq!(model_modifiers("S24 Ultra, Ultra-fast"), ["ultra"]);
        assert_eq!(audience(&words("Men's Pegasus")), ["man"]);
        assert_eq!(platforms(&words("CS3 [ Mac ]")), ["mac"]);
    }
}
