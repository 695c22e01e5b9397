//! Is the page's product the ad's product? A GTIN decides when both sides
//! have a valid one (and an equal SKU or MPN confirms); otherwise the
//! declared name's words are looked for in the page's product name and
//! title. Words count by how much they tell products apart: model numbers
//! most, words every ad of the campaign uses (IDF) or generic words such as
//! "men's" or "shoe" least; colours and sizes name variants, not products,
//! and are left out, though two different colours stated warn. The brand must agree, after aliasing.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use crate::campaign::DeclaredProduct;
use crate::extract::{Fact, PageFacts, Source};

use super::brand::brand_conflict;
use super::codes::{self, CodeEvidence};
use super::identifiers::by_identifier;
use super::models::name_words;
use super::names::{match_names, names_differ, page_cover, NameMatch};
use super::siblings::{
    differing_colour, differing_dimensions, differing_licences, differing_pack, differing_quantity,
    differing_term, sibling_or_edition,
};
use super::text::{stem, words};
use super::{Check, CheckName, Outcome};

/// Scores at or above this pass. Set on the development split (train and
/// valid) of the Amazon-Google and Walmart-Amazon matching benchmarks,
/// where it gives the best F1 of the thresholds from 66 to 90 and fewer
/// other products passing than 70 did.
pub const IDENTITY_PASS: u8 = 76;
/// Scores at or above this (and below a pass) warn.
pub const IDENTITY_WARN: u8 = 40;

const GENERIC: &[&str] = &[
    "men",
    "mens",
    "man",
    "women",
    "womens",
    "woman",
    "kids",
    "unisex",
    "shoe",
    "shoes",
    "new",
    "sale",
    "the",
    "and",
    "for",
    "with",
    "of",
    "a",
    "an",
    "de",
    "och",
    "und",
    "et",
    "y",
    "edition",
    "classic",
    "original",
    "official",
    "herr",
    "dam",
    "herren",
    "damen",
    "homme",
    "femme",
    "hombre",
    "mujer",
    "running",
    "sneaker",
    "sneakers",
    "jacket",
    "backpack",
    "book",
    "by",
    "in",
    "to",
    "on",
    "from",
    "w",
    "only",
    "version",
    "complete",
    "package",
    "product",
    "retail",
    "packaging",
    "genuine",
    "software",
    "inc",
    "corp",
    // Packaging and media, not the product: "(Jewel Case)", "DVD-ROM".
    "jewel",
    "jc",
    "cdrom",
    "dvdrom",
    "rom",
];

/// Word weights learned from the campaign's own ad names.
#[derive(Debug, Clone, Default)]
pub(crate) struct Weights {
    documents: u32,
    frequency: HashMap<String, u32>,
}

/// [`Weights`] learned one ad name at a time, each distinct name once,
/// keeping only a hash of the names seen.
#[derive(Debug, Default)]
pub(crate) struct Learner {
    seen: HashSet<u64>,
    weights: Weights,
}

impl Learner {
    /// Counts the words of `name`, unless the same name came before.
    pub(crate) fn add(&mut self, name: &str) {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        name.hash(&mut hasher);
        if !self.seen.insert(hasher.finish()) {
            return;
        }
        let weights = &mut self.weights;
        weights.documents = weights.documents.saturating_add(1);
        let unique: HashSet<String> = words(name)
            .into_iter()
            .map(|w| stem(&w).to_owned())
            .collect();
        for w in unique {
            let count = weights.frequency.entry(w).or_default();
            *count = count.saturating_add(1);
        }
    }

    /// The weights learned.
    pub(crate) fn finish(self) -> Weights {
        self.weights
    }
}

impl Weights {
    /// Counts in how many ad names each word appears.
    pub(crate) fn learn<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let mut learner = Learner::default();
        for name in names {
            learner.add(name);
        }
        learner.weights
    }

    pub(super) fn weight(&self, word: &str) -> f64 {
        if word.chars().any(|c| c.is_ascii_digit()) {
            return 2.0;
        }
        let generic = if GENERIC.contains(&word) { 0.3 } else { 1.0 };
        // Inverse document frequency, once there are enough ads to learn from.
        let idf = match self.frequency.get(stem(word)) {
            Some(&df) if self.documents >= 10 => {
                1.0 / (1.0 + 4.0 * f64::from(df) / f64::from(self.documents))
            }
            _ => 1.0,
        };
        f64::min(generic, idf.max(0.2))
    }

    /// Whether a code is common to many of the campaign's products, a
    /// product line's version ("CS3") rather than one product's model.
    fn is_common(&self, code: &str) -> bool {
        let df = self.frequency.get(code).copied().unwrap_or(0);
        self.documents >= 20 && df >= 3 && f64::from(df) > f64::from(self.documents) * 0.02
    }
}

/// The identity check and its 0-100 score.
pub(crate) fn check(
    declared: &DeclaredProduct,
    facts: &PageFacts,
    weights: &Weights,
) -> (Option<u8>, Check) {
    if let Some(decided) = by_identifier(declared, facts) {
        return decided;
    }
    let page_name = facts.product.name.clone().or_else(|| {
        facts.h1.clone().map(|value| Fact {
            value,
            source: Source::Html,
        })
    });
    let Some(page_name) = page_name else {
        let message = "the page names no product to compare with the ad";
        return (
            None,
            Check::new(CheckName::Identity, Outcome::Warn, message),
        );
    };
    let brand_words: HashSet<String> = declared
        .brand
        .iter()
        .chain(facts.product.brand.as_ref().map(|b| &b.value))
        .flat_map(|b| words(b))
        .collect();
    let names = match_names(declared, facts, &page_name.value, &brand_words, weights);
    let page_cover = page_cover(&declared.name, &page_name.value, &brand_words, weights);
    let ad_cover = names.score() / 100.0;
    // Words missing on one side only are a terse or a wordy title; words
    // missing on both sides are two different names.
    let (ad_rest, page_rest) = (1.0 - ad_cover, 1.0 - page_cover);
    let both_sides = 1.0 - 1.2 * f64::min(ad_rest, page_rest) - 0.25 * f64::max(ad_rest, page_rest);
    // A pass needs both sides to agree; the ad's words alone can still warn.
    let mut score = 100.0 * f64::max(both_sides, ad_cover.min(0.69));
    let mut notes: Vec<String> = Vec::new();
    let evidence = code_evidence(declared, facts, &page_name.value);
    let part_number = weigh_codes(&evidence, &names, weights, &mut score, &mut notes);
    let brand_note = brand_conflict(declared, facts);
    if brand_note.is_some() {
        score *= 0.5;
    }
    let sibling = if part_number {
        None
    } else {
        let shared_code = matches!(evidence, CodeEvidence::Same(_));
        sibling_or_edition(&declared.name, &page_name.value, &brand_words, shared_code)
    };
    if let Some((_, wordy)) = &sibling {
        // A sibling word among many other words the other side lacks is
        // as likely a description ("... editing software professional")
        // as another model.
        let cap = if *wordy { IDENTITY_PASS } else { IDENTITY_WARN };
        score = score.min(f64::from(cap) - 1.0);
    }
    let sibling = sibling.map(|(note, _)| note);
    let quantity = differing_quantity(&name_words(&declared.name), &name_words(&page_name.value));
    let dimension = differing_dimensions(&declared.name, &page_name.value);
    let licence = quantity
        .is_none()
        .then(|| differing_licences(&declared.name, &page_name.value))
        .flatten();
    let pack = quantity
        .is_none()
        .then(|| differing_pack(&declared.name, &page_name.value))
        .flatten();
    let colour = differing_colour(&declared.name, &page_name.value);
    let names_differ = (!part_number)
        .then(|| names_differ(&declared.name, &page_name.value, &brand_words, weights))
        .flatten();
    let term = differing_term(&declared.name, &page_name.value);
    for note in [
        quantity,
        dimension,
        licence,
        pack,
        term,
        colour,
        names_differ,
    ]
    .into_iter()
    .flatten()
    {
        score = score.min(f64::from(IDENTITY_PASS) - 1.0);
        notes.push(note);
    }
    let score = percent(score);
    let outcome = if score >= IDENTITY_PASS {
        Outcome::Pass
    } else if score >= IDENTITY_WARN {
        Outcome::Warn
    } else {
        Outcome::Fail
    };
    let source = page_name.source;
    let mut message = format!(
        "ad declares \"{}\", page shows \"{}\" ({source}): {score}/100",
        declared.name, page_name.value
    );
    if !names.missing.is_empty() {
        let missing: Vec<&str> = names.missing.iter().map(|(w, _)| w.as_str()).collect();
        let _ = write!(message, "; not on the page: {}", missing.join(", "));
    }
    for note in notes.iter().chain(&brand_note).chain(&sibling) {
        let _ = write!(message, "; {note}");
    }
    let page_brand = facts
        .product
        .brand
        .as_ref()
        .map_or("-".to_owned(), |b| format!("{} ({})", b.value, b.source));
    let explain = vec![
        format!("page name \"{}\" from {source}", page_name.value),
        format!("matched words (weight): {}", weighed(&names.matched)),
        format!("missing words (weight): {}", weighed(&names.missing)),
        format!(
            "brand: ad {}, page {page_brand}",
            declared.brand.as_deref().unwrap_or("-")
        ),
        format!("model codes: {}", evidence.describe()),
        format!(
            "cover: the page states {:.0}% of the ad's name, the ad {:.0}% of the page's",
            ad_cover * 100.0,
            page_cover * 100.0
        ),
    ];
    (
        Some(score),
        Check::new(CheckName::Identity, outcome, message).with_explain(explain),
    )
}

/// The model codes of both sides compared: the ad's name and part numbers
/// against the page's name, heading, title and part numbers.
fn code_evidence(declared: &DeclaredProduct, facts: &PageFacts, page_name: &str) -> CodeEvidence {
    let ad_text = [
        Some(declared.name.as_str()),
        declared.mpn.as_deref(),
        declared.sku.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let page_text = [
        Some(page_name),
        facts.h1.as_deref(),
        facts.title.as_deref(),
        facts.product.mpn.as_ref().map(|f| f.value.as_str()),
        facts.product.sku.as_ref().map(|f| f.value.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    codes::compare(
        &codes::codes(&ad_text),
        &codes::codes(&page_text),
        &page_text,
    )
}

/// A 0-100 score as a whole number.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // clamped to 0..=100 first
fn percent(score: f64) -> u8 {
    score.round().clamp(0.0, 100.0) as u8
}

fn weighed(list: &[(String, f64)]) -> String {
    if list.is_empty() {
        return "none".into();
    }
    list.iter()
        .map(|(w, weight)| format!("{w} ({weight:.1})"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Moves the score by what the model codes say; true when a part number
/// ("T1936AA", "WH-1000XM5") is shared, which names one article, where a
/// short model name ("S24") names a family with siblings.
fn weigh_codes(
    evidence: &CodeEvidence,
    names: &NameMatch,
    weights: &Weights,
    score: &mut f64,
    notes: &mut Vec<String>,
) -> bool {
    match evidence {
        CodeEvidence::Same(code) if !weights.is_common(code) => {
            *score = score.max(90.0);
            return code.len() >= 5;
        }
        CodeEvidence::Variant(ad, page) => {
            *score = score.clamp(f64::from(IDENTITY_WARN), f64::from(IDENTITY_PASS) - 1.0);
            notes.push(format!("the page shows a variant: ad {ad}, page {page}"));
        }
        CodeEvidence::Conflict(ad, page) => {
            *score = score.min(20.0);
            notes.push(format!("model code differs: ad {ad}, page {page}"));
        }
        _ => {
            if names.only_numbers_match() {
                *score = score.min(f64::from(IDENTITY_PASS) - 1.0);
                notes.push("only a bare number matches".into());
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::models::model_numbers;
    use super::super::names::split_variant;
    use super::super::siblings::{differing_number, sibling_model};
    use super::*;

    #[test]
    fn variants_and_siblings() {
        assert_eq!(
            split_variant("Trail Runner Men's - Moss/Sand, US 10"),
            ("Trail Runner Men's", "Moss/Sand, US 10")
        );
        assert_eq!(
            split_variant("Ullstrumpor 2-p, stl 42-44"),
            ("Ullstrumpor 2-p", "stl 42-44")
        );
        let none = HashSet::new();
        let sibling = |ad: &str, page: &str| sibling_model(ad, page, &none).map(|(note, _)| note);
        assert!(sibling("Galaxy S24", "Galaxy S24 Ultra")
            .unwrap()
            .contains("ultra"));
        assert!(sibling("Office 2007 Standard", "Office 2007")
            .unwrap()
            .contains("standard"));
        assert_eq!(
            sibling("Galaxy S24 Ultra", "Samsung Galaxy S24 Ultra 256GB"),
            None
        );
        assert_eq!(sibling("Office Pro 2004", "Office Professional"), None);
        assert_eq!(
            sibling("MX Master 3S, Ultra-fast Scrolling", "MX Master 3S"),
            None
        );
        let n = |t: &str| model_numbers(t);
        assert!(differing_number(&n("Calder SM 5"), &n("Calder SM 8")).is_some());
        assert!(differing_number(&n("Pegasus 40"), &n("Pegasus 41")).is_some());
        assert_eq!(
            differing_number(&n("Pegasus 40"), &n("Pegasus - 40% off")),
            None
        );
    }

    #[test]
    fn campaign_wide_words_weigh_less() {
        let names: Vec<String> = (b'a'..b'u')
            .map(|c| format!("Running shoe {}", char::from(c).to_string().repeat(3)))
            .collect();
        let weights = Weights::learn(names.iter().map(String::as_str));
        assert!(weights.weight("ccc") > weights.weight("running"));
        assert!(weights.weight("42") > weights.weight("ccc"));
    }

    /// The identity outcome of an ad name against a page's product name,
    /// with optional brands on either side.
    fn outcome(ad: (&str, Option<&str>), page: (&str, Option<&str>)) -> Outcome {
        let declared = DeclaredProduct {
            name: ad.0.into(),
            brand: ad.1.map(Into::into),
            ..DeclaredProduct::default()
        };
        let fact = |value: &str| Fact {
            value: value.into(),
            source: Source::Jsonld,
        };
        let mut facts = PageFacts::default();
        facts.product.name = Some(fact(page.0));
        facts.product.brand = page.1.map(fact);
        check(&declared, &facts, &Weights::default()).1.outcome
    }

    #[test]
    fn defect_classes() {
        use Outcome::{Fail, Pass, Warn};
        type Case<'a> = (
            &'a str,
            Option<&'a str>,
            &'a str,
            Option<&'a str>,
            &'a [Outcome],
        );
        let cases: &[Case] = &[
            // 1. model codes compare without separators
            ("Logitech 910-000298 Mouse", None, "910000298 wireless mouse", None, &[Pass]),
            ("Brother HL-67A750 Toner", Some("Brother"), "hl67a750 toner cartridge", None, &[Pass]),
            // 2. same code (unless the brand conflicts), other code, variant
            ("Sony WH-1000XM5 Headphones", Some("Sony"), "WH-1000XM5", Some("Bose"), &[Warn, Fail]),
            ("Calder ANC-500 Headphones", None, "Calder ANC-700 Headphones", None, &[Fail]),
            ("Yamaha TXSR606 Receiver", None, "Yamaha TXSR606B Receiver", None, &[Warn]),
            // 3. bare numbers never match on their own
            ("Nike Pegasus 40", Some("Nike"), "Nike Vomero 17 running shoe - 40% off", None, &[Warn, Fail]),
            ("Pegasus 40", None, "Air Zoom 40", None, &[Warn, Fail]),
            // 4. siblings, generations and editions
            ("Nike Pegasus 40", None, "Nike Pegasus 41", None, &[Fail]),
            ("Apple iPhone 15", None, "Apple iPhone 15 Pro", None, &[Fail]),
            ("Galaxy S24", None, "Samsung Galaxy S24 Ultra", None, &[Fail]),
            ("Office 2007 Professional", None, "Office 2007 Standard", None, &[Fail]),
            ("Office 2007 Upgrade", None, "Office 2007", None, &[Fail]),
            ("Photoshop CS3 Mac", None, "Photoshop CS3 Windows", None, &[Fail]),
            ("Trail Runner GTX", None, "Trail Runner", None, &[Fail]),
            ("Office Pro 2004", None, "Office Professional 2004", None, &[Pass]),
            // 5. men's, women's, kids'
            ("Nike Pegasus 40 Men's", None, "Nike Pegasus 40 Women's", None, &[Fail]),
            ("Nike Pegasus 40 Men's", None, "Nike Pegasus 40", None, &[Pass]),
            // 6. a long descriptive ad title, a short page title
            (
                "Logitech MX Master 3S Performance Wireless Mouse, Ultra-fast Scrolling, Ergo, 8K DPI",
                Some("Logitech"),
                "MX Master 3S",
                None,
                &[Pass],
            ),
            ("baltimore ravens ipod touch 4g hard case", None, "san diego chargers ipod touch 4g hard case", None, &[Warn, Fail]),
            // 7. Chinese, Japanese and Korean names
            (
                "ソニー ワイヤレスノイズキャンセリングヘッドホン WH-1000XM5",
                Some("Sony"),
                "WH-1000XM5 ワイヤレスヘッドホン",
                None,
                &[Pass],
            ),
            ("パナソニック 電気ケトル", None, "パナソニック 電気ケトル ステンレス", None, &[Pass]),
            ("パナソニック 電子レンジ", None, "パナソニック 電気ケトル", None, &[Warn, Fail]),
            ("ソニー ヘッドホン WH-1000XM4", None, "WH-1000XM5 ワイヤレスヘッドホン", None, &[Fail]),
            ("삼성 갤럭시 버즈", None, "삼성 갤럭시 버즈", None, &[Pass]),
            // 8. a sibling word in a wordy description warns, never fails
            ("Sony Vegas 6", None, "Sony Vegas 6 video editing software professional editing software", None, &[Warn]),
            // 9. a page name of generic words only covers nothing
            ("Steinberg Cubase 4 Digital Audio Software", None, "Software", None, &[Warn, Fail]),
            // 10. one word swapped for another in the same place
            ("Instant Immersion Spanish 2.0", None, "Instant Immersion Italian 2.0", None, &[Warn, Fail]),
            ("New York Mets iPod Touch 4G Hard Case", None, "New York Jets iPod Touch 4G Hard Case", None, &[Warn, Fail]),
            ("Sims 2 Pets Expansion Pack", None, "The Sims 2 Pets Expansion Pack for PC", None, &[Pass]),
            // 11. measures that differ: a screen's size, a memory kit's modules
            ("Da-Glas Rear Projection Screen - 96 x 120 AV Format", None, "Da-Glas Rear Projection Screen - 96 x 96 AV Format", None, &[Warn, Fail]),
            ("XMS2 4GB (2 x 2GB) DDR2 Memory Kit", None, "XMS2 4GB (4 x 1GB) DDR2 Memory Kit", None, &[Warn, Fail]),
            ("XMS2 4GB (2 x 2GB) DDR2 Memory Kit", None, "XMS2 DDR2 Memory Kit 4GB 2 x 2 GB", None, &[Pass]),
            // 12. an edition word and a year are no shared model code
            ("Quicken Legal Business Pro 2007", None, "Palo Alto Business Plan Pro 2007", None, &[Warn, Fail]),
            ("Registry Mechanic", Some("Encore Software"), "Software", None, &[Warn, Fail]),
            // 13. words run together on one side
            ("The Print Shop 22 Pro Publisher Deluxe", None, "The Print Shop 22 Pro PublisherDeluxe", None, &[Pass]),
            ("Photo Clip Art 10 000", None, "Nova Development Photo Clip Art 10000", None, &[Pass]),
            // 14. a platform in brackets is no pack size; packaging is no model
            ("Microsoft OneNote 2007", None, "Microsoft OneNote 2007 (PC)", None, &[Pass]),
            ("Hoyle Mahjongg (Jewel Case)", None, "Hoyle Mahjongg", None, &[Pass]),
            // 15. a bare measure is the same measure with its unit
            ("Case Logic 13.3 Neoprene Laptop Sleeve", None, "Case Logic PLS-13 13.3-inch Neoprene Laptop Sleeve", None, &[Pass]),
            // 16. another colour of the same article
            ("Canon CLI-226 Black Ink Tank", None, "Canon CLI-226 Gray Ink Tank 4550B001", None, &[Warn]),
            ("Logitech M305 Wireless Mouse Black", None, "Logitech M305 Wireless Mouse", None, &[Pass]),
            ("Comfort Optical Mouse 3000 Silver Blue", None, "Comfort Optical Mouse 3000 Blue", None, &[Pass]),
            ("Fjellvind Tromsø Daunenjacke schwarz", None, "Fjellvind Tromsø Daunenjacke black", None, &[Pass]),
            // 17. editions of one title; an upsell is no version upgrade
            ("Adobe Photoshop CS3", None, "Adobe Photoshop CS3 Extended", None, &[Fail]),
            ("QuickBooks Premier 2007", None, "QuickBooks 2007", None, &[Fail]),
            ("Acrobat 8 Professional Upsell", None, "Acrobat 8 Professional Upgrade", None, &[Warn, Fail]),
            // 18. a platform only one side states narrows down; two differ
            ("Starry Night Galaxy Explorer (PC & Mac)", None, "Starry Night Galaxy Explorer", None, &[Pass]),
            ("Quicken 2007 for Mac", None, "Quicken 2007 (PC)", None, &[Fail]),
            // 19. licences for another number of users
            ("Panda Internet Security 2007 3-User", None, "Panda Internet Security 2007", None, &[Warn, Fail]),
            ("Norton AntiVirus 2007", None, "Norton AntiVirus 2007 5 seats", None, &[Warn, Fail]),
            ("Spy Sweeper 3 User", Some("Webroot"), "Webroot Spy Sweeper 3 PC", None, &[Pass]),
            ("Works Suite 2006", None, "Works Suite 2006 single user", None, &[Pass]),
            ("Kaspersky Anti-Virus 6.0", None, "Kaspersky Anti-Virus 6.0 (PC)", None, &[Pass]),
            // 20. an education box, a crossgrade, another term
            ("Adobe Dreamweaver CS3", None, "Adobe Dreamweaver CS3 Edu", None, &[Fail]),
            ("Dreamweaver CS3 Education", None, "Adobe Dreamweaver CS3 Academic", None, &[Pass]),
            ("Cubase 4 Crossgrade", None, "Steinberg Cubase 4", None, &[Fail]),
            ("LoJack for Laptops 1 Year Subscription", None, "LoJack for Laptops Subscription 4 Years", None, &[Warn, Fail]),
            ("LoJack for Laptops 4 Year Subscription", None, "LoJack for Laptops Subscription 4 Years", None, &[Pass]),
            // 21. system requirements are no part of the name
            ("Hoyle Card Games", None, "Hoyle Card Games Win 98 ME 2000 XP", None, &[Pass]),
            ("Internet Cleanup 4.0 Mac OS 10.4 or higher", None, "Allume Internet Cleanup 4.0", None, &[Pass]),
            ("Professor Teaches Windows XP", None, "Professor Teaches Windows Vista", None, &[Warn, Fail]),
            // 22. packs of another count
            ("Sharpie Fine Point Markers Assorted 3pk", None, "Sharpie Fine Point Markers, Assorted, 8 Set", None, &[Warn, Fail]),
            ("Avery Mailing Seals 200ct", None, "Avery Mailing Seals, 600 per Pack", None, &[Warn, Fail]),
            ("Sharpie Permanent Markers 12 Count", None, "Sharpie Permanent Markers, Dozen", None, &[Pass]),
            // 23. an ink's colours, assorted against one colour
            ("HP Color LaserJet 4600 Print Cartridge Magenta", None, "HP Color LaserJet 4600 Print Cartridge Yellow", None, &[Warn, Fail]),
            ("Sharpie Fine Point Permanent Markers Black", None, "Sharpie Fine Point Permanent Markers Assorted", None, &[Warn, Fail]),
        ];
        for (ad, ad_brand, page, page_brand, expected) in cases {
            let got = outcome((ad, *ad_brand), (page, *page_brand));
            assert!(
                expected.contains(&got),
                "{ad} vs {page}: {got:?}, expected {expected:?}"
            );
        }
    }
}
