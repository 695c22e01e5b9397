//! Words for comparing what an ad says with what a page says: lower case,
//! no accents, no punctuation, decimals kept, quantities in one unit, so
//! "Men's Pegasus-40 (0,5 l)" and "mens pegasus 40 500ml" agree.

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
    ("mb", "mb", 1.0),
    ("w", "w", 1.0),
    ("kw", "w", 1000.0),
    ("v", "v", 1.0),
    ("mah", "mah", 1.0),
    ("hz", "hz", 1.0),
    ("pcs", "pcs", 1.0),
    ("st", "pcs", 1.0),
    ("pack", "pack", 1.0),
    ("x", "x", 1.0),
];

/// Units that, written apart from the number, are more often a size,
/// a model letter or a word ("Pegasus 40 M", "2 in 1").
const AMBIGUOUS_UNITS: &[&str] = &["m", "in", "x", "w", "v", "st", "pack"];

/// Colours and sizes: they tell variants apart, not products.
const VARIANT_WORDS: &[&str] = &[
    "black",
    "white",
    "red",
    "blue",
    "green",
    "grey",
    "gray",
    "navy",
    "pink",
    "beige",
    "brown",
    "yellow",
    "orange",
    "purple",
    "silver",
    "gold",
    "cream",
    "khaki",
    "olive",
    "schwarz",
    "weiss",
    "rot",
    "blau",
    "grun",
    "grau",
    "svart",
    "vit",
    "rod",
    "bla",
    "gron",
    "gra",
    "noir",
    "blanc",
    "rouge",
    "bleu",
    "vert",
    "gris",
    "negro",
    "blanco",
    "rojo",
    "azul",
    "verde",
    "xxs",
    "xs",
    "s",
    "m",
    "l",
    "xl",
    "xxl",
    "xxxl",
    "size",
    "grosse",
    "storlek",
    "taille",
    "talla",
    "eu",
    "uk",
    "us",
    "colour",
    "color",
    "farbe",
    "farg",
    "couleur",
    "moss",
    "sand",
    "charcoal",
    "stone",
    "steel",
    "brushed",
    "graphite",
    "midnight",
    "ivory",
    "teal",
    "burgundy",
    "maroon",
    "coral",
    "mint",
    "lavender",
    "rose",
    "bronze",
    "copper",
    "titanium",
    "anthracite",
    "slate",
    "denim",
    "natural",
    "oat",
    "sage",
    "rust",
    "camel",
    "taupe",
    "indigo",
    "turquoise",
    "lime",
    "jet",
    "matte",
    "glossy",
    "starlight",
    "pair",
    "weiss",
    "marine",
    "schwarz",
];

/// The normalised words of `text`, in order.
pub(crate) fn words(text: &str) -> Vec<String> {
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
            c if c.is_alphanumeric() || is_combining_mark(*c) => folded.push(*c),
            _ => folded.push(' '),
        }
    }
    let mut out: Vec<String> = Vec::new();
    for word in folded.split_whitespace() {
        let (number, unit) = split_quantity(word);
        if let (Some(n), Some(u)) = (number, unit) {
            out.push(quantity(n, u).unwrap_or_else(|| word.to_owned()));
        } else {
            let is_unit =
                UNITS.iter().any(|(u, ..)| *u == word) && !AMBIGUOUS_UNITS.contains(&word);
            match out.last().and_then(|prev| prev.parse::<f64>().ok()) {
                Some(n) if is_unit => {
                    let merged = quantity(n, word).unwrap_or_default();
                    *out.last_mut().expect("checked") = merged;
                }
                _ => out.push(word.to_owned()),
            }
        }
    }
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
    match number.parse() {
        Ok(n) if UNITS.iter().any(|(u, ..)| *u == unit) => (Some(n), Some(unit)),
        _ => (None, None),
    }
}

/// A quantity in its base unit: `0.5 l` -> `500ml`.
fn quantity(n: f64, unit: &str) -> Option<String> {
    let (_, base, factor) = UNITS.iter().find(|(u, ..)| *u == unit)?;
    let value = n * factor;
    let value = (value * 1000.0).round() / 1000.0;
    Some(format!("{value}{base}"))
}

/// Words that make a sibling model: "Galaxy S24" is not the "S24 Ultra".
const MODEL_MODIFIERS: &[&str] = &[
    "pro", "max", "plus", "ultra", "mini", "lite", "se", "fe", "neo", "gtx", "xl", "slim", "duo",
    "dual",
];

/// Words after which a number is a size, not a model: "US 10", "stl 43".
const SIZE_WORDS: &[&str] = &[
    "size", "us", "uk", "eu", "stl", "storlek", "gr", "grosse", "taille", "talla", "sz",
];

/// Whether a word is a quantity such as `500ml`: a pack size, often a
/// variant of the same product.
pub(crate) fn is_quantity(word: &str) -> bool {
    split_quantity(word).0.is_some()
}

/// Whether a word names a sibling model.
pub(crate) fn is_model_modifier(word: &str) -> bool {
    MODEL_MODIFIERS.contains(&word)
}

/// Words of a product name as a buyer compares them: model codes split
/// into letters and number ("ANC700" = "ANC-700"), sizes ("US 10",
/// "stl 42-44") and colours left out.
pub(crate) fn name_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut after_size = false;
    for word in words(text) {
        let number = word.chars().all(|c| c.is_ascii_digit() || c == '.');
        if after_size && number {
            continue;
        }
        after_size = SIZE_WORDS.contains(&word.as_str());
        if after_size || is_variant_word(&word) {
            continue;
        }
        out.extend(model_parts(&word));
    }
    out
}

/// `anc700` -> `["anc", "700"]`; quantities such as `500ml` stay whole.
fn model_parts(word: &str) -> Vec<String> {
    if split_quantity(word).0.is_some() {
        return vec![word.to_owned()];
    }
    let mut parts: Vec<String> = Vec::new();
    for c in word.chars() {
        match parts.last_mut() {
            Some(last)
                if last
                    .chars()
                    .last()
                    .is_some_and(|p| p.is_ascii_digit() == c.is_ascii_digit()) =>
            {
                last.push(c);
            }
            _ => parts.push(c.to_string()),
        }
    }
    parts
}

/// Whether a word only names a colour or size.
pub(crate) fn is_variant_word(word: &str) -> bool {
    VARIANT_WORDS.contains(&word)
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
        assert_eq!(words("Oatly Barista 0,5 l"), ["oatly", "barista", "500ml"]);
        assert_eq!(words("Oatly Barista 500ml"), ["oatly", "barista", "500ml"]);
        assert_eq!(words("1.5 L bottle"), ["1500ml", "bottle"]);
        assert_eq!(words("iPhone 15 128GB"), ["iphone", "15", "128gb"]);
        assert_eq!(words("Pegasus 40 M"), ["pegasus", "40", "m"]);
        assert_eq!(words("Fjällräven Kånken"), ["fjallraven", "kanken"]);
        assert_eq!(words("मिक्सर ग्राइंडर"), ["मिक्सर", "ग्राइंडर"]);
        assert_eq!(stem("shoes"), "shoe");
        assert_eq!(stem("boxes"), "box");
        assert_eq!(stem("gtx"), "gtx");
        assert!(is_variant_word("black") && !is_variant_word("pegasus"));
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
}
