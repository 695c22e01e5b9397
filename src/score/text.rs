//! Words for comparing what an ad says with what a page says: lower case,
//! no accents, no punctuation, numbers kept with their units, so
//! "Men's Pegasus 40 (500 ml)" and "mens pegasus 40 500ml" agree.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

const UNITS: &[&str] = &[
    "ml", "l", "cl", "g", "kg", "mg", "oz", "lb", "cm", "mm", "m", "in", "gb", "tb", "mb", "w",
    "kw", "v", "mah", "hz", "pcs", "st", "x",
];

/// The normalised words of `text`, in order.
pub(crate) fn words(text: &str) -> Vec<String> {
    let folded: String = text
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'ø' => 'o',
            'æ' => 'a',
            'ß' => 's',
            '\'' | '’' | '`' | '´' => '\u{0}',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .filter(|c| *c != '\u{0}')
        .collect();
    let mut out: Vec<String> = Vec::new();
    for word in folded.split_whitespace() {
        let is_unit = UNITS.contains(&word);
        match out.last_mut() {
            Some(prev) if is_unit && prev.chars().all(|c| c.is_ascii_digit()) => {
                prev.push_str(word)
            }
            _ => out.push(word.to_owned()),
        }
    }
    out
}

/// A word without a plain plural ending, for loose matching.
pub(crate) fn stem(word: &str) -> &str {
    if word.len() > 4 && !word.chars().any(|c| c.is_ascii_digit()) {
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
    use super::*;

    #[test]
    fn folds_case_accents_punctuation_and_units() {
        assert_eq!(
            words("Men's Pegasus-40 (500 ml)"),
            ["mens", "pegasus", "40", "500ml"]
        );
        assert_eq!(words("Fjällräven Kånken"), ["fjallraven", "kanken"]);
        assert_eq!(stem("shoes"), "shoe");
        assert_eq!(stem("boxes"), "box");
        assert_eq!(stem("gtx"), "gtx");
    }
}
