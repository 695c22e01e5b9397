//! Words that name a variant of a product rather than the product: colours
//! (in several languages) and sizes with the labels of their pickers.

/// Colours: they tell variants apart, not products.
const COLOUR_WORDS: &[&str] = &[
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
    "zwart",
    "wit",
    "rood",
    "blauw",
    "groen",
    "grijs",
    "nero",
    "bianco",
    "rosso",
    "grigio",
    "preto",
    "branco",
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
    "magenta",
    "cyan",
    "aqua",
    "violet",
    "fuchsia",
    "clear",
    "transparent",
    "tan",
    "onyx",
    "mahogany",
    "cherry",
    "oak",
    "walnut",
    "maple",
    "plum",
    "emerald",
    "amber",
    "chocolate",
    "mocha",
    "champagne",
    "crimson",
    "scarlet",
    "peach",
    "lilac",
    "mauve",
    // Several colours in one pack: not the single colour the other names.
    "assorted",
    "multicolor",
    "multicolour",
];
/// Sizes and the labels of variant pickers.
const SIZE_WORDS_AND_LABELS: &[&str] = &[
    "xxs", "xs", "s", "m", "l", "xl", "xxl", "xxxl", "size", "grosse", "storlek", "taille",
    "talla", "eu", "uk", "us", "colour", "color", "farbe", "farg", "couleur",
];

/// Whether a word only names a colour or size.
pub(crate) fn is_variant_word(word: &str) -> bool {
    is_colour(word) || SIZE_WORDS_AND_LABELS.contains(&word)
}

/// Whether a word names a colour.
pub(crate) fn is_colour(word: &str) -> bool {
    COLOUR_WORDS.contains(&word)
}

/// A colour in one language for all: "schwarz", "noir" and "svart" are
/// "black".
pub(crate) fn colour_key(word: &str) -> &str {
    match word {
        "schwarz" | "svart" | "noir" | "negro" | "zwart" | "nero" | "preto" | "onyx" => "black",
        "weiss" | "vit" | "blanc" | "blanco" | "wit" | "bianco" | "branco" => "white",
        "rot" | "rod" | "rouge" | "rojo" | "rood" | "rosso" => "red",
        "blau" | "bla" | "bleu" | "azul" | "blauw" => "blue",
        "grun" | "gron" | "vert" | "verde" | "groen" => "green",
        "grau" | "gra" | "gris" | "grijs" | "grigio" | "grey" => "gray",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_and_sizes_are_variant_words() {
        assert!(is_variant_word("black") && !is_variant_word("pegasus"));
    }
}
