//! The built-in category vocabulary: product types and activities in
//! English, Swedish, German, French, Spanish and Hindi (transliterated),
//! and the words that say nothing about a category. Compound words such as
//! "Löparskor" or "Wanderschuhe" are read by their last part.

use super::text::stem;

/// Product-type concepts, then the normalised words that mean them.
const PRODUCT_TYPES: &[(&str, &[&str])] = &[
    (
        "footwear",
        &[
            "shoe",
            "footwear",
            "sneaker",
            "trainer",
            "skor",
            "sko",
            "schuhe",
            "schuh",
            "laufschuhe",
            "sneakers",
            "chaussure",
            "basket",
            "zapato",
            "zapatilla",
            "calzado",
            "boot",
            "stiefel",
            "sandal",
            "loafer",
            "joota",
            "jute",
        ],
    ),
    (
        "clothing",
        &[
            "clothing",
            "clothe",
            "apparel",
            "klader",
            "bekleidung",
            "kleidung",
            "mode",
            "vetement",
            "ropa",
            "moda",
            "wear",
            "garment",
            "kapde",
        ],
    ),
    (
        "shirts",
        &[
            "shirt", "tshirt", "tee", "skjorta", "skjortor", "trojor", "hemd", "hemden", "chemise",
            "camisa", "camiseta", "polo", "top",
        ],
    ),
    (
        "trousers",
        &[
            "jean", "trouser", "pant", "chino", "byxor", "hose", "hosen", "pantalon", "vaquero",
        ],
    ),
    (
        "dresses",
        &["dress", "klanning", "kleid", "kleider", "robe", "vestido"],
    ),
    (
        "jackets",
        &[
            "jacket",
            "coat",
            "outerwear",
            "jacka",
            "jackor",
            "jacke",
            "jacken",
            "veste",
            "manteau",
            "blouson",
            "chaqueta",
            "abrigo",
            "parka",
        ],
    ),
    (
        "bags",
        &[
            "bag", "vaskor", "vaska", "tasche", "taschen", "sac", "bolso", "luggage", "handbag",
        ],
    ),
    (
        "backpacks",
        &[
            "backpack",
            "rucksack",
            "rucksacke",
            "ryggsack",
            "ryggsackar",
            "daypack",
            "mochila",
            "sacados",
        ],
    ),
    (
        "books",
        &[
            "book",
            "bocker",
            "bok",
            "bucher",
            "buch",
            "livre",
            "libro",
            "novel",
            "paperback",
            "hardcover",
            "kindle",
        ],
    ),
    (
        "phones",
        &[
            "phone",
            "smartphone",
            "mobile",
            "mobiles",
            "mobiltelefon",
            "mobiltelefoner",
            "handy",
            "handys",
            "telephone",
            "movil",
            "moviles",
            "celular",
        ],
    ),
    (
        "laptops",
        &[
            "laptop",
            "notebook",
            "barbar",
            "portable",
            "portatil",
            "ordinateur",
        ],
    ),
    (
        "tvs",
        &["tv", "television", "fernseher", "televiseur", "televisor"],
    ),
    (
        "audio",
        &[
            "headphone",
            "earphone",
            "earbud",
            "headset",
            "horlurar",
            "kopfhorer",
            "ecouteur",
            "casque",
            "auricular",
            "speaker",
            "lautsprecher",
        ],
    ),
    (
        "watches",
        &[
            "watch",
            "klocka",
            "klockor",
            "uhr",
            "uhren",
            "montre",
            "reloj",
            "smartwatch",
        ],
    ),
    (
        "beauty",
        &[
            "beauty", "cosmetic", "skonhet", "kosmetik", "beaute", "belleza", "makeup", "skincare",
        ],
    ),
    (
        "drinks",
        &[
            "drink", "beverage", "dryck", "drycker", "getranke", "boisson", "bebida", "juice",
            "milk", "mjolk", "milch", "lait", "leche",
        ],
    ),
    (
        "food",
        &[
            "grocery",
            "groceries",
            "food",
            "livsmedel",
            "lebensmittel",
            "epicerie",
            "alimentacion",
            "snack",
            "pantry",
        ],
    ),
    (
        "spirits",
        &[
            "spirit",
            "whisky",
            "whiskey",
            "gin",
            "vodka",
            "rum",
            "spirituosen",
            "spiritueux",
            "licor",
            "wine",
            "wein",
            "vin",
            "vino",
        ],
    ),
];

/// Activities and styles: shared by many product types.
const ATTRIBUTES: &[(&str, &[&str])] = &[
    (
        "running",
        &[
            "running",
            "run",
            "runner",
            "lopning",
            "lopar",
            "lauf",
            "laufen",
            "course",
            "correr",
            "running shoes",
        ],
    ),
    (
        "hiking",
        &[
            "hiking",
            "trail",
            "outdoor",
            "trekking",
            "vandring",
            "wandern",
            "randonnee",
            "senderismo",
            "montana",
        ],
    ),
    (
        "electronics",
        &[
            "electronic",
            "electronics",
            "elektronik",
            "electronique",
            "electronica",
            "tech",
        ],
    ),
];

/// Words that say nothing about a category.
pub(crate) const NEUTRAL: &[&str] = &[
    "home",
    "hem",
    "start",
    "startseite",
    "accueil",
    "inicio",
    "men",
    "mens",
    "man",
    "herr",
    "herrar",
    "herren",
    "homme",
    "hommes",
    "hombre",
    "hombres",
    "women",
    "womens",
    "dam",
    "damer",
    "damen",
    "femme",
    "femmes",
    "mujer",
    "mujeres",
    "kids",
    "barn",
    "kinder",
    "enfant",
    "nino",
    "all",
    "alle",
    "tout",
    "todo",
    "product",
    "products",
    "produkte",
    "produits",
    "productos",
    "produkter",
    "shop",
    "store",
    "sale",
    "new",
    "neu",
    "nouveau",
    "nuevo",
    "category",
    "categories",
    "collection",
    "collections",
    "kategorie",
    "and",
    "the",
    "for",
    "of",
    "c",
    "p",
    "dp",
    "en",
    "sv",
    "se",
    "us",
    "a",
    "och",
    "und",
    "et",
    "y",
    "de",
    "la",
    "el",
    "les",
    "fur",
    "family",
    "lifestyle",
    "health",
    "accessories",
    "zubehor",
    "accessoires",
    "accesorios",
    "tillbehor",
    "more",
    "other",
];

pub(crate) fn concept_of(word: &str) -> String {
    let s = stem(word);
    let all = || PRODUCT_TYPES.iter().chain(ATTRIBUTES);
    if let Some((concept, _)) = all().find(|(_, list)| list.contains(&word) || list.contains(&s)) {
        return (*concept).to_owned();
    }
    // A compound names what its last part names: "loparskor" are "skor".
    PRODUCT_TYPES
        .iter()
        .find(|(_, list)| {
            list.iter()
                .any(|part| part.len() >= 4 && word.len() > part.len() + 2 && word.ends_with(part))
        })
        .map_or_else(|| s.to_owned(), |(concept, _)| (*concept).to_owned())
}

/// The activity a compound starts with: "loparskor" -> running.
pub(crate) fn compound_attribute(word: &str) -> Option<&'static str> {
    ATTRIBUTES
        .iter()
        .find(|(_, list)| {
            list.iter().any(|part| {
                part.len() >= 4 && word.len() > part.len() + 2 && word.starts_with(part)
            })
        })
        .map(|(concept, _)| *concept)
}

pub(crate) fn is_product_type(concept: &str) -> bool {
    PRODUCT_TYPES.iter().any(|(c, _)| *c == concept) || concept.starts_with("taxonomy:")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compounds_are_read_by_their_parts() {
        assert_eq!(concept_of("loparskor"), "footwear");
        assert_eq!(concept_of("wanderschuhe"), "footwear");
        assert_eq!(concept_of("daunenjacken"), "jackets");
        assert_eq!(compound_attribute("loparskor"), Some("running"));
        assert_eq!(concept_of("beanie"), "beanie");
    }
}
