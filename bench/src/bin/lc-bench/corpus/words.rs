//! The shop's vocabulary and a seeded random source: brands, departments,
//! product nouns and filler words, so that every generated page reads like
//! a product of some shop and the same seed always writes the same corpus.

/// splitmix64: tiny, fast, and the same sequence on every machine and in
/// every release, which a crate's generator does not promise.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub(crate) fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// A float in `0..1`.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub(crate) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `n` words of filler text.
    pub(crate) fn words(&mut self, n: usize) -> String {
        let mut out = String::new();
        for i in 0..n {
            if i > 0 {
                out.push(' ');
            }
            let word = *self.pick(WORDS);
            out.push_str(word);
        }
        out
    }

    /// `lo..=hi` words of filler text.
    pub(crate) fn some_words(&mut self, lo: usize, hi: usize) -> String {
        let n = self.range(lo, hi);
        self.words(n)
    }

    /// A short lower-case identifier, as minified theme code has.
    pub(crate) fn ident(&mut self) -> String {
        let len = self.range(3, 9);
        (0..len)
            .map(|_| char::from(b'a' + self.below(26) as u8))
            .collect()
    }
}

/// Brands sold by the generated shops.
#[rustfmt::skip]
pub(crate) const BRANDS: &[&str] = &[
    "Northpeak", "Brewline", "Kestrel", "Solace", "Tidewater", "Alder & Pine", "Voltra", "Marlow",
    "Cinderfield", "Halden", "Lumora", "Quarry Works", "Bramble", "Ostrava", "Fjellstad",
    "Copperleaf", "Nimbus", "Ravenwood", "Sundial", "Pellham", "Ironbark", "Wren & Co", "Zephyr",
    "Hollis", "Caldera", "Everly", "Greystone", "Mistral", "Oakhurst", "Vantage",
];

/// Departments, each with its subcategories and the noun of one product.
#[rustfmt::skip]
pub(crate) const DEPARTMENTS: &[(&str, &[(&str, &str)])] = &[
    ("Shoes", &[("Running shoes", "Running Shoe"), ("Trail shoes", "Trail Shoe"), ("Sneakers", "Sneaker"), ("Hiking boots", "Hiking Boot"), ("Sandals", "Sandal")]),
    ("Outdoor", &[("Tents", "Tent"), ("Sleeping bags", "Sleeping Bag"), ("Backpacks", "Backpack"), ("Headlamps", "Headlamp"), ("Camp stoves", "Camp Stove")]),
    ("Kitchen", &[("Espresso machines", "Espresso Machine"), ("Coffee grinders", "Coffee Grinder"), ("Blenders", "Blender"), ("Chef knives", "Chef Knife"), ("Cookware sets", "Cookware Set")]),
    ("Electronics", &[("Headphones", "Wireless Headphones"), ("Speakers", "Bluetooth Speaker"), ("Smartwatches", "Smartwatch"), ("Chargers", "USB-C Charger"), ("Action cameras", "Action Camera")]),
    ("Clothing", &[("Jackets", "Rain Jacket"), ("Hoodies", "Fleece Hoodie"), ("T-shirts", "Merino T-Shirt"), ("Jeans", "Slim Jeans"), ("Base layers", "Base Layer Top")]),
    ("Home", &[("Lamps", "Table Lamp"), ("Rugs", "Wool Rug"), ("Bedding", "Linen Duvet Cover"), ("Towels", "Bath Towel Set"), ("Planters", "Ceramic Planter")]),
];

/// Price range of a department, in whole dollars.
pub(crate) fn price_range(department: usize) -> (usize, usize) {
    [
        (45, 220),
        (25, 650),
        (29, 1400),
        (19, 480),
        (25, 320),
        (15, 400),
    ][department % 6]
}

/// First and second halves of model names.
#[rustfmt::skip]
pub(crate) const MODEL_HEADS: &[&str] = &[
    "Ridge", "Alp", "Cascade", "Nova", "Terra", "Aero", "Summit", "Coast", "Ember", "Glacier",
    "Aria", "Canyon", "Drift", "Echo", "Flint", "Harbor", "Juniper", "Lumen", "Mesa", "Orbit",
];
pub(crate) const MODEL_TAILS: &[&str] = &[
    "line", "peak", "run", "lite", "max", "flow", "trek", "wave", "form", "core", "stone", "field",
];
pub(crate) const GENERATIONS: &[&str] =
    &["", "", "", " 2", " 3", " 4", " Pro", " GTX", " XL", " Plus"];
pub(crate) const COLORS: &[&str] = &[
    "Black",
    "Slate",
    "Sand",
    "Olive",
    "Navy",
    "Rust",
    "Chalk",
    "Forest",
    "Storm Grey",
    "Clay",
];
pub(crate) const SIZES: &[&str] = &["XS", "S", "M", "L", "XL", "XXL"];
#[rustfmt::skip]
pub(crate) const COLLECTION_KINDS: &[(&str, &str)] = &[
    ("", ""), ("-sale", " Sale"), ("-new-arrivals", " New Arrivals"),
    ("-bestsellers", " Bestsellers"), ("-gifts", " Gifts"),
];
#[rustfmt::skip]
pub(crate) const REVIEWERS: &[&str] = &[
    "Jen P.", "Rafael", "Kim", "Marcus T.", "Ana", "Priya S.", "Tom", "Lena W.", "Joe", "Sam K.",
];

/// Filler words for descriptions, reviews and menus.
#[rustfmt::skip]
const WORDS: &[&str] = &[
    "the", "and", "with", "for", "a", "of", "to", "in", "on", "our", "your", "every", "day",
    "light", "durable", "recycled", "soft", "water", "resistant", "breathable", "grip", "comfort",
    "fit", "designed", "tested", "trail", "city", "weekend", "long", "lasting", "cushioned",
    "stable", "warm", "quiet", "fast", "charging", "battery", "hours", "premium", "steel", "wool",
    "cotton", "organic", "handmade", "classic", "modern", "compact", "easy", "clean", "care",
    "made", "from", "built", "upper", "sole", "finish", "colour", "size", "true", "loved",
    "customers", "shipping", "returns", "free", "over", "orders", "warranty", "years", "perfect",
    "gift", "bestseller", "new", "season", "layer", "pack", "travel", "home", "kitchen", "morning",
    "coffee", "run", "hike", "camp", "sleep", "great", "value", "quality", "feels", "really",
    "would", "buy", "again", "arrived", "quickly", "well", "packed", "exactly", "described",
];
