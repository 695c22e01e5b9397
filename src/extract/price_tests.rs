//! Unit tests for `extract::price`: shop price text in each format and
//! market, text that is not a price, markup amounts and price display.

use super::*;

fn price(text: &str) -> Option<(f64, String)> {
    parse_price_text(text).map(|p| (p.amount, p.currency.unwrap()))
}

#[test]
fn reads_shop_price_formats() {
    assert_eq!(price("$1,234.56"), Some((1234.56, "USD".into())));
    assert_eq!(price("1 299,00 kr"), Some((1299.0, "SEK".into())));
    assert_eq!(price("€1.234,56"), Some((1234.56, "EUR".into())));
    assert_eq!(price("1.234,56 €"), Some((1234.56, "EUR".into())));
    assert_eq!(price("₹1,23,456"), Some((123_456.0, "INR".into())));
    assert_eq!(price("CHF 1'234.50"), Some((1234.5, "CHF".into())));
    assert_eq!(price("Price: £10.99"), Some((10.99, "GBP".into())));
    assert_eq!(price("Only 3 left"), None);
    // A code glued to a word, in any script, is no currency.
    assert_eq!(price("价格 USD 100"), Some((100.0, "USD".into())));
    assert_eq!(price("价格USD 100"), None);
    assert_eq!(price("MODELUSD 100"), None);
    assert_eq!(price("Preis: 49,90 EUR inkl."), Some((49.9, "EUR".into())));
}

#[test]
fn reads_every_market() {
    for (text, amount, code) in [
        ("12 990 ₽", 12990.0, "RUB"),
        ("12 990 руб.", 12990.0, "RUB"),
        ("129,99 zł", 129.99, "PLN"),
        ("1 299 грн", 1299.0, "UAH"),
        ("₴1 299", 1299.0, "UAH"),
        ("₫ 1.290.000", 1_290_000.0, "VND"),
        ("1.290.000đ", 1_290_000.0, "VND"),
        ("Rp 1.250.000", 1_250_000.0, "IDR"),
        ("₪ 349.90", 349.9, "ILS"),
        ("₩1,290,000", 1_290_000.0, "KRW"),
        ("129,000원", 129_000.0, "KRW"),
        ("16,500円（税込）", 16500.0, "JPY"),
        ("¥16,500", 16500.0, "JPY"),
        ("299元", 299.0, "CNY"),
        ("KD 12.500", 12.5, "KWD"),
        ("12.500 KWD", 12.5, "KWD"),
        ("OMR 45.250", 45.25, "OMR"),
        ("BHD 1.500", 1.5, "BHD"),
        ("R$ 1.299,90", 1299.9, "BRL"),
        ("1 299 kr", 1299.0, "SEK"),
        ("299:-", 299.0, "SEK"),
        ("1 299 kronor", 1299.0, "SEK"),
        ("2 490 Kč", 2490.0, "CZK"),
        ("12 990 Ft", 12990.0, "HUF"),
        ("499,99 lei", 499.99, "RON"),
        ("89,90 лв.", 89.9, "BGN"),
        ("₺1.299,90", 1299.9, "TRY"),
        ("1.299,90 TL", 1299.9, "TRY"),
        ("₦25,000", 25000.0, "NGN"),
        ("KSh 2,499", 2499.0, "KES"),
        ("R 1 299,00", 1299.0, "ZAR"),
        ("R1,299.00", 1299.0, "ZAR"),
        ("S/ 299.90", 299.9, "PEN"),
        ("₱1,299.00", 1299.0, "PHP"),
        ("฿1,290", 1290.0, "THB"),
        ("RM 129.00", 129.0, "MYR"),
        ("S$ 49.90", 49.9, "SGD"),
        ("HK$ 399", 399.0, "HKD"),
        ("NT$ 1,290", 1290.0, "TWD"),
        ("Rs. 1,499", 1499.0, "INR"),
        ("149 د.إ", 149.0, "AED"),
        ("ر.س 299", 299.0, "SAR"),
        ("1 189,000 TND", 1189.0, "TND"),
        ("89,900 DT", 89.9, "TND"),
        ("299,00 DH", 299.0, "MAD"),
        ("MAD 299.00", 299.0, "MAD"),
        ("1.299 ج.م", 1299.0, "EGP"),
        ("EGP 1,299", 1299.0, "EGP"),
        ("CHF 1’234.50", 1234.5, "CHF"),
        ("Fr. 89.90", 89.9, "CHF"),
        ("CHF 89.–", 89.0, "CHF"),
        ("$129.99 CAD", 129.99, "CAD"),
        ("AUD 129.95", 129.95, "AUD"),
        ("UYU 1.290", 1290.0, "UYU"),
    ] {
        assert_eq!(price(text), Some((amount, code.into())), "{text}");
    }
}

#[test]
fn words_and_model_numbers_are_not_money() {
    for text in [
        "Canon EOS R5 Mark II",
        "EOS R100",
        "TOP 10 picks",
        "ALL 3 colours",
        "AMD 7800X3D",
        "XAU 12.50",
        "Weight: 19.40 KGS",
        "ABC 12.50",
        "Only 3 left",
        "Pay in 4 interest-free payments of $32.50",
        "or 4 x 12,50 €",
        "Free shipping over $50",
    ] {
        assert_eq!(price(text), None, "{text}");
    }
}

#[test]
fn skips_amounts_that_are_not_the_price() {
    assert_eq!(
        price("Sie sparen 20 € – jetzt 79 €"),
        Some((79.0, "EUR".into()))
    );
    assert_eq!(
        price("$129.99 or 4 payments of $32.50"),
        Some((129.99, "USD".into()))
    );
    assert_eq!(
        price("€12.50/kg – 1 kg bag €12.50"),
        Some((12.5, "EUR".into()))
    );
    assert_eq!(price("$0.00"), None);
    assert_eq!(price("PS5 1984304 €"), None);
    assert_eq!(
        price("PS5 1984304 € 499,99 incl. BTW"),
        Some((499.99, "EUR".into()))
    );
    assert_eq!(price("UVP 15,99 € 12,99 €"), Some((15.99, "EUR".into())));
    assert_eq!(price("MX$0.00 MX$767.89"), Some((767.89, "MXN".into())));
}

#[test]
fn market_hint_settles_shared_signs() {
    let in_market = |text: &str, lang: &str, host: &str| {
        parse_price_text_in(text, MarketHint::from_page(Some(lang), Some(host)))
            .map(|p| (p.amount, p.currency.unwrap()))
    };
    assert_eq!(
        in_market("1 299,- kr", "nb-NO", "x.no"),
        Some((1299.0, "NOK".into()))
    );
    assert_eq!(
        in_market("kr. 1.299,95", "da", "x.com"),
        Some((1299.95, "DKK".into()))
    );
    assert_eq!(
        in_market("12.990 kr.", "is", "x.is"),
        Some((12990.0, "ISK".into()))
    );
    assert_eq!(
        in_market("¥1,299.00", "zh-CN", "x.cn"),
        Some((1299.0, "CNY".into()))
    );
    assert_eq!(
        in_market("¥1,299", "ja", "x.jp"),
        Some((1299.0, "JPY".into()))
    );
    assert_eq!(
        in_market("R899", "en-ZA", "x.co.za"),
        Some((899.0, "ZAR".into()))
    );
    assert_eq!(in_market("R899", "en", "x.com"), None);
}

#[test]
fn machine_amounts_and_messages() {
    assert_eq!(parse_amount("129.99"), Some(129.99));
    let amount = |a: &str, c: &str| markup_price(a, Some(c)).map(|p| p.amount);
    assert_eq!(amount("1189.000", "TND"), Some(1189.0));
    assert_eq!(amount("16500", "JPY"), Some(16500.0));
    assert_eq!(amount("12.3284", "EUR"), Some(12.3284));
    assert_eq!(
        markup_price("249", Some("RUR")).and_then(|p| p.currency),
        Some("RUB".into())
    );
    let yen = Price {
        amount: 16500.0,
        currency: Some("JPY".into()),
    };
    assert_eq!(yen.to_string(), "16500 JPY");
    assert_eq!(Price::format_amount(1189.0, "TND"), "1189.000 TND");
}
