//! Visible signals beyond the basics: the brand line shops print near the
//! title ("Visit the Samsung Store", "Brand: Osprey"), gates that hide the
//! shop from a first visit (age checks, country pickers, cookie walls),
//! and a price recognised by its look when no element is marked as one.

use std::sync::LazyLock;

use regex::Regex;
use scraper::ElementRef;

use super::dom::{in_chrome, text_where, visible_text_nodes_by};
use super::fact_text::clean;
use super::index::PageIndex;
use super::price::{parse_price_text_in, MarketHint, Price};
use super::tiles::Tiles;

static BRAND_NOISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:visit the|brand\s*:|marke\s*:|marque\s*:|marca\s*:|märke\s*:|by)\s*|\s*(?:store|shop)\s*$").expect("valid regex")
});
static AGE_GATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)are you (?:at least |over )?(?:18|21)|verify your age|confirm (?:that )?you are (?:of legal|18|21|over)|legal drinking age|(?:bist du|sind sie) (?:mindestens |über )?(?:18|21)|mindestens 18 jahre|altersverifikation|avez-vous (?:plus de )?18 ans|âge légal|eres mayor de (?:edad|18)|mayor de edad|är du (?:över )?(?:18|20)").expect("valid regex")
});
static REGION_GATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:choose|select|pick) your (?:country|region|location|market)|(?:wähle|wählen sie) (?:dein|ihr) land|land (?:auswählen|wählen)|choisissez votre pays|sélectionnez votre pays|selecciona tu país|elige tu país|välj (?:land|region)").expect("valid regex")
});
static COOKIE_WALL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:accept|agree to|allow)[^.]{0,40}cookies[^.]{0,40}(?:to (?:continue|view|access|see|use)|before)|(?:content|site|page) (?:is )?(?:hidden|blocked|only available) (?:until|after|once)[^.]{0,30}(?:cookies|consent)").expect("valid regex")
});

/// The brand line near the product title, cleaned of "Visit the … Store".
pub(crate) fn brand(page: &PageIndex<'_>, tiles: &Tiles) -> Option<String> {
    page.brands
        .iter()
        .copied()
        .filter(|e| !tiles.contains(*e) && !in_chrome(*e))
        .find_map(|e| {
            let text = clean(&text_where(e, 200, |_| false))?;
            let stripped = BRAND_NOISE.replace_all(&text, "");
            clean(&stripped).filter(|b| b.chars().count() <= 60)
        })
}

/// The brand fashion shops put before the heading in the title:
/// title "Fjellvind TROMSØ - Daunenjacke" over heading "TROMSØ - Daunenjacke".
pub(crate) fn brand_from_title(title: &str, h1: &str) -> Option<String> {
    let at = title.find(h1).filter(|_| h1.chars().count() >= 4)?;
    let prefix = clean(title[..at].trim_end_matches([' ', '-', '|', ':', '–']))?;
    (prefix.split_whitespace().count() <= 3).then_some(prefix)
}

/// What hides the shop from a first-time visitor, if anything does.
pub(crate) fn gate(page: &PageIndex<'_>) -> Option<String> {
    page.overlays.iter().take(50).find_map(|&e| {
        let text = text_where(e, 3000, |_| false);
        if let Some(m) = AGE_GATE.find(&text) {
            Some(format!("an age check (\"{}\")", m.as_str().trim()))
        } else if let Some(m) = REGION_GATE.find(&text) {
            Some(format!("a country picker (\"{}\")", m.as_str().trim()))
        } else {
            COOKIE_WALL
                .find(&text)
                .map(|m| format!("a cookie wall (\"{}\")", m.as_str().trim()))
        }
    })
}

/// The first short text that reads as a price, outside menus, tiles and
/// struck-out prices: for shops whose price element has no telling name.
pub(crate) fn price_by_look(
    page: &PageIndex<'_>,
    tiles: &Tiles,
    hint: MarketHint,
) -> Option<Price> {
    let root = page.main.or(page.body)?;
    if tiles.contains(root) || in_chrome(root) {
        return None;
    }
    // Menus, struck-out prices and tiles are not walked into.
    let skip = |e: ElementRef<'_>| {
        matches!(
            e.value().name(),
            "s" | "del" | "strike" | "header" | "footer" | "nav"
        ) || tiles.is_root(e)
    };
    let mut texts = visible_text_nodes_by(root, skip)
        .filter_map(|node| Some((node, node.value().as_text()?.trim())))
        .filter(|(_, text)| (1..=24).contains(&text.chars().count()))
        .peekable();
    while let Some((node, text)) = texts.next() {
        if node.parent().and_then(ElementRef::wrap).is_none() {
            continue;
        }
        if let Some(price) = parse_price_text_in(text, hint) {
            return Some(price);
        }
        // The number and its currency in elements of their own:
        // `<b>294</b><span>元</span>`, `<sup>$</sup><span>19.99</span>`.
        let Some(&(_, next)) = texts.peek() else {
            break;
        };
        let sign = |t: &str| t.chars().count() <= 4 && !t.contains(|c: char| c.is_ascii_digit());
        if is_bare_amount(text) && sign(next) || sign(text) && is_bare_amount(next) {
            if let Some(price) = parse_price_text_in(&format!("{text} {next}"), hint) {
                return Some(price);
            }
        }
    }
    None
}

/// Whether a text is a number alone: digits and the marks that group them.
fn is_bare_amount(text: &str) -> bool {
    text.contains(|c: char| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '\'' | '’' | ' '))
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    #[test]
    fn brand_line_is_cleaned() {
        let doc = Html::parse_document(
            r#"<a id="bylineInfo" href="/stores/samsung">Visit the Samsung Store</a>"#,
        );
        assert_eq!(
            brand(&PageIndex::new(&doc), &Tiles::default()).as_deref(),
            Some("Samsung")
        );
        let doc = Html::parse_document(r#"<p class="product__vendor">Osprey</p>"#);
        assert_eq!(
            brand(&PageIndex::new(&doc), &Tiles::default()).as_deref(),
            Some("Osprey")
        );
    }

    #[test]
    fn brand_before_the_heading_in_the_title() {
        assert_eq!(
            brand_from_title(
                "Fjellvind TROMSØ - Daunenjacke | Modestrom",
                "TROMSØ - Daunenjacke"
            )
            .as_deref(),
            Some("Fjellvind")
        );
        assert_eq!(
            brand_from_title("Trail Shoe – Stride Shop", "Trail Shoe"),
            None
        );
    }

    #[test]
    fn gates_are_recognised() {
        let age = Html::parse_document(
            r#"<div class="age-gate"><h2>Bist du mindestens 18 Jahre alt?</h2><button>Ja</button></div>"#,
        );
        assert!(gate(&PageIndex::new(&age))
            .unwrap()
            .starts_with("an age check"));
        let region =
            Html::parse_document(r#"<div role="dialog"><h2>Choose your country</h2></div>"#);
        assert!(gate(&PageIndex::new(&region))
            .unwrap()
            .starts_with("a country picker"));
        let banner = Html::parse_document(
            r#"<div class="cookie-banner">We use cookies. <button>Accept</button></div><h1>Shoe</h1>"#,
        );
        assert_eq!(gate(&PageIndex::new(&banner)), None);
    }

    #[test]
    fn price_by_look_skips_struck_out_prices() {
        let doc = Html::parse_document(
            r#"<main><h1>Phone</h1><div class="_3I9_wc"><del>₹2,999</del></div><div class="_30jeq3">₹2,499</div></main>"#,
        );
        assert_eq!(
            price_by_look(&PageIndex::new(&doc), &Tiles::default(), MarketHint::NONE)
                .map(|p| p.amount),
            Some(2499.0)
        );
    }

    #[test]
    fn price_by_look_skips_tiles_and_menus() {
        let tile =
            r#"<div class="c"><a href="/p/other"><img src="o.jpg"><span>€19,99</span></a></div>"#;
        let doc = Html::parse_document(&format!(
            r#"<nav><span>€5,00</span></nav><main><h1>Lamp</h1><div class="row">{}</div><span>€49,95</span></main>"#,
            tile.repeat(4)
        ));
        let page = PageIndex::new(&doc);
        let tiles = super::super::tiles::find(&page);
        assert_eq!(tiles.largest, 4);
        assert_eq!(
            price_by_look(&page, &tiles, MarketHint::NONE).map(|p| p.amount),
            Some(49.95)
        );
    }

    #[test]
    fn price_by_look_joins_a_number_to_its_sign_next_door() {
        let read = |html: &str, hint| {
            let doc = Html::parse_document(html);
            price_by_look(&PageIndex::new(&doc), &Tiles::default(), hint)
                .map(|p| (p.amount, p.currency.unwrap_or_default()))
        };
        assert_eq!(
            read(
                r#"<main><h1>鵝肉鬆</h1><b>7</b> 折 <span style="font:bold 27px">294</span><span> 元 </span></main>"#,
                MarketHint::country("TW")
            ),
            Some((294.0, "TWD".to_owned()))
        );
        assert_eq!(
            read(
                r"<main><h1>Lamp</h1><sup>$</sup><span>19.99</span></main>",
                MarketHint::NONE
            ),
            Some((19.99, "USD".to_owned()))
        );
        assert_eq!(
            read(
                r"<main><h1>Lamp</h1><span>3</span><span>points</span></main>",
                MarketHint::NONE
            ),
            None
        );
    }
}
