//! Cases for the identity check: each defect class seen on real ads and
//! shop pages, with the outcome it must get.

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
    assert!(sibling("Arc Touch Mouse", "Arc Mouse - Red")
        .unwrap()
        .contains("touch"));
    assert!(
        sibling("Cruzer 8GB Flash Drive", "Cruzer Micro 8 GB Flash Drive")
            .unwrap()
            .contains("micro")
    );
    assert!(sibling("Microshell for iPad", "Microshell Folio for iPad")
        .unwrap()
        .contains("folio"));
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

/// An ad's name and brand, a page's name and brand, and the outcomes
/// allowed.
type Case = (
    &'static str,
    Option<&'static str>,
    &'static str,
    Option<&'static str>,
    &'static [Outcome],
);

#[rustfmt::skip]
const CASES: &[Case] = {
    use Outcome::{Fail, Pass, Warn};
    &[
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
        ("Veltro Studio Elements 3.0", None, "Veltro Studio Elements 3 (PC)", None, &[Pass]),
        ("Veltro Studio Elements 3", None, "Veltro Studio Elements (3 PC)", None, &[Warn, Fail]),
        // 20. an education box, a crossgrade, another term
        ("Adobe Dreamweaver CS3", None, "Adobe Dreamweaver CS3 Edu", None, &[Fail]),
        ("Dreamweaver CS3 Education", None, "Adobe Dreamweaver CS3 Academic", None, &[Pass]),
        ("Cubase 4 Crossgrade", None, "Steinberg Cubase 4", None, &[Fail]),
        ("LoJack for Laptops 1 Year Subscription", None, "LoJack for Laptops Subscription 4 Years", None, &[Warn, Fail]),
        ("LoJack for Laptops 4 Year Subscription", None, "LoJack for Laptops Subscription 4 Years", None, &[Pass]),
        // 21. another point release of one version warns; shortened editions
        ("Logic Express 7", None, "Apple Logic Express 7.2", None, &[Warn]),
        ("iView MediaPro 2.5", None, "iView MediaPro 2.6", None, &[Fail]),
        ("Instant Immersion Spanish Deluxe 2.0", None, "Instant Immers Spanish Dlux 2.0", None, &[Pass]),
        ("Acad Corel Painter X", None, "Corel Painter X Academic", None, &[Pass]),
        ("Inland Titan Pro Rolling Notebook Case", None, "Inland TitanPro Notebook Rolling Case", None, &[Pass]),
        // 22. a standard's version is no model number; counts written out
        ("Sabrent USB 2.0 Wireless Adapter", None, "Sabrent Wireless USB Adapter 7", None, &[Warn, Pass]),
        ("Rubbermaid 6-Tier Jumbo Incline Sorter", None, "Rubbermaid Six-Tier Jumbo Incline Sorter", None, &[Pass]),
        // 23. a brand the other side's name states is no conflict
        ("Sirius Outdoor Home Antenna", Some("Sirius"), "Audiovox Sirius SHA1 Outdoor Home Antenna", Some("Terk"), &[Pass]),
        ("Crosley Radio Keepsake USB Turntable", Some("Arkon"), "Crosley CR249 Radio Keepsake USB Turntable", Some("Crosley"), &[Pass]),
        ("HP 29 Black Inkjet Cartridge 51629A", Some("HP"), "Remanufactured HP29 Black Inkjet Cartridge 51629A", Some("Performance Plus"), &[Warn, Fail]),
        // 24. system requirements are no part of the name
        ("Hoyle Card Games", None, "Hoyle Card Games Win 98 ME 2000 XP", None, &[Pass]),
        ("Internet Cleanup 4.0 Mac OS 10.4 or higher", None, "Allume Internet Cleanup 4.0", None, &[Pass]),
        ("Professor Teaches Windows XP", None, "Professor Teaches Windows Vista", None, &[Warn, Fail]),
        // 25. packs of another count
        ("Sharpie Fine Point Markers Assorted 3pk", None, "Sharpie Fine Point Markers, Assorted, 8 Set", None, &[Warn, Fail]),
        ("Avery Mailing Seals 200ct", None, "Avery Mailing Seals, 600 per Pack", None, &[Warn, Fail]),
        ("Sharpie Permanent Markers 12 Count", None, "Sharpie Permanent Markers, Dozen", None, &[Pass]),
        // 26. an ink's colours, assorted against one colour
        ("HP Color LaserJet 4600 Print Cartridge Magenta", None, "HP Color LaserJet 4600 Print Cartridge Yellow", None, &[Warn, Fail]),
        ("Sharpie Fine Point Permanent Markers Black", None, "Sharpie Fine Point Permanent Markers Assorted", None, &[Warn, Fail]),
        // 27. a standard in another version; a colour each side lacks
        ("Drivemate 500GB USB 3.0 Portable Hard Drive", None, "Drivemate 500 GB USB 2.0 Portable Hard Drive", None, &[Warn, Fail]),
        ("Drivemate 500GB USB3 Portable Hard Drive", None, "Drivemate 500 GB USB 3.0 Portable Hard Drive", None, &[Pass]),
        ("Torq Steel Tower Chassis Black", None, "Torq Steel Tower Chassis - White", None, &[Warn, Fail]),
        // 28. a screen's diagonal; memory in MB and GB; a shop's rounding
        ("Lumen Matte White Manual Screen - 164 diagonal", None, "Lumen Matte White Manual Screen - 94 diagonal", None, &[Warn, Fail]),
        ("Vexa GT 220 1GB DDR2 Graphics Card", None, "Vexa GT 220 512 MB DDR2 Graphics Card", None, &[Warn, Fail]),
        ("Vexa GT 220 1GB DDR2 Graphics Card", None, "Vexa GT 220 1024 MB DDR2 Graphics Card", None, &[Pass]),
        ("Optix Z7 14.2 MP Digital Camera", None, "Optix Z7 Digital Camera 14 MP", None, &[Pass]),
        // 29. packaging and a platform's other spellings
        ("Hoyle Solitaire (Jewel Case)", None, "Hoyle Solitaire", None, &[Pass]),
        ("Ledgerly 2007 for Mac", None, "Ledgerly 2007 Macintosh", None, &[Pass]),
        ("Popcorn 2 (Mac)", None, "Popcorn 2 for Mac video conversion", None, &[Pass]),
        // 30. a shared line name is no part number; a shared part number is
        ("Tabula Intuos4 Medium Pen Tablet", None, "Tabula Intuos4 Wireless Pen Tablet", None, &[Warn, Fail]),
        ("Kamera DMC-TS3 12.1 MP Camera", None, "Kamera DMC-TS3 rugged waterproof camera with 4.6x zoom and 2.7-inch LCD", None, &[Pass]),
        ("Learnly2 Training for Spreadsheets", None, "Learnly2 Training for Slides", None, &[Warn, Fail]),
        // 31. a page that never shows the ad's model; a cable's length; a multipack
        ("Voxa VX170 Bluetooth Headset", None, "Voxa Bluetooth Headset", None, &[Warn]),
        ("Voxa VX170 Bluetooth Headset", None, "Voxa Bluetooth Headset VX-170", None, &[Pass]),
        ("Linkway Pro Series Component Cable 3m", None, "Linkway Pro Series Component Cable 10 m", None, &[Warn, Fail]),
        ("Voltix Coppertop AA Batteries 6pk", None, "Voltix Coppertop Batteries", None, &[Warn, Fail]),
        ("Voltix Coppertop AA Batteries 6pk", None, "Voltix Coppertop AA Batteries, Pack of 6", None, &[Pass]),
        // 32. a word cut short or misspelled by one shop
        ("Siig Wireless Multimedia Mini Keyboard", None, "Siig Wireless Multimedia Mini Keyb", None, &[Pass]),
        ("Cobra HighGear Noise-Canceling Speaker", None, "Cobra HighGear Noise-Cancelling Speaker", None, &[Pass]),
        // 33. a hybrid for Win/Mac fits a page for one of them; PC is Windows
        ("Kaplan SAT Gold 2007 Win/Mac", None, "Kaplan SAT Gold 2007 Mac OS X", None, &[Pass]),
        ("English Basics (Win/Mac)", None, "English Basics (PC/Mac)", None, &[Pass]),
        ("Kaplan SAT Gold 2007 for Mac", None, "Kaplan SAT Gold 2007 Windows", None, &[Fail]),
        // 34. another model number after the same line name
        ("Printa LaserJet 53X Black Print Cartridge", None, "Printa LaserJet 98A Black Print Cartridge", None, &[Warn, Fail]),
        ("Wolverines iPhone 3G Silicone Cover", None, "Wolverines iPhone 4 Silicone Cover", None, &[Warn, Fail]),
        ("Griffin FormFit Case for iPod Touch 4G", None, "Griffin FormFit Case for iPod Touch 4", None, &[Pass]),
        // 35. a compatible article is not the original; watts written out
        ("Printa CE278A Black LaserJet Print Cartridge", None, "Compatible black toner cartridge for LaserJet Pro P1606dn, replaces Printa CE278A", None, &[Warn, Fail]),
        ("Volta Builder CX 500W Power Supply", None, "Volta Builder CX 430-Watt Power Supply", None, &[Warn, Fail]),
        // 36. an "H" and a number name a model, as any letters do
        ("Voxa H17 Bluetooth Headset", None, "Voxa H19 Bluetooth Headset", None, &[Warn, Fail]),
        ("Voxa H17 Bluetooth Headset", None, "Voxa Bluetooth Headset H17", None, &[Pass]),
        ("Voxa H17 Bluetooth Headset", None, "Voxa Bluetooth Headset", None, &[Warn]),
        // the ad's brand, in its name, that the page never states
        ("Vantor Net Shield 2024 3-user", Some("Vantor"), "Kelpa Net Shield 2024 3-user", None, &[Warn, Fail]),
        ("Vantor Net Shield 2024 3-user", Some("Vantor"), "Net Shield 2024 3-user", Some("Vantor"), &[Pass]),
        ("Vantor Net Shield 2024 3-user", Some("Vantor"), "Vantor Net Shield 2024 (3 users)", None, &[Pass]),
        // a platform the page leaves unsaid is no evidence either way
        ("Tidewell Ledgerly (Mac)", None, "Tidewell EP Ledgerly for Film Studios", None, &[Pass]),
        ("Tidewell PodGuard (Mac)", None, "Tidewell PodGuard for Windows", None, &[Warn, Fail]),
        // ordinals are no piece counts
        ("Mathquest 1st Grade", None, "Mathquest 2nd Grade", None, &[Fail]),
        // nor do they match a version of the same number
        ("Mathquest Advanced 1st Grade v2.0", None, "Mathquest Advanced 2nd Grade (PC/Mac)", None, &[Warn, Fail]),
    ]
};

#[test]
fn defect_classes() {
    for (ad, ad_brand, page, page_brand, expected) in CASES {
        let got = outcome((ad, *ad_brand), (page, *page_brand));
        assert!(
            expected.contains(&got),
            "{ad} vs {page}: {got:?}, expected {expected:?}"
        );
    }
}

/// A declared SKU is the shop's own key, which many product pages never
/// print: the same name passes without it, while a model code the ad's
/// name states and the page leaves out still holds a warning.
#[test]
fn a_declared_sku_the_page_does_not_print_does_not_warn() {
    let fact = |value: &str| Fact {
        value: value.into(),
        source: Source::Microdata,
    };
    let mut facts = PageFacts::default();
    facts.product.name = Some(fact("Aerotrek Running Shoe"));
    let with_sku = DeclaredProduct {
        name: "Aerotrek Running Shoe".into(),
        brand: Some("Hollis".into()),
        sku: Some("HO-RUN-2431".into()),
        ..DeclaredProduct::default()
    };
    let got = check(&with_sku, &facts, &Weights::default()).1;
    assert_eq!(got.outcome, Outcome::Pass, "{}", got.message);
    let code_in_name = DeclaredProduct {
        name: "Aerotrek RN2431 Running Shoe".into(),
        ..with_sku
    };
    let got = check(&code_in_name, &facts, &Weights::default()).1;
    assert_eq!(got.outcome, Outcome::Warn, "{}", got.message);
}
