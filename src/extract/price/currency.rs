//! Which currency a sign on a page names, and how many decimals it has.
//!
//! Shops print `€`, `zł`, `円`, `R$`, `kr` or a bare ISO code. Some signs
//! serve several markets (`kr` in Sweden, Norway, Denmark and Iceland; `$`,
//! `¥`, `£`, `Rs`), so the page's country or language settles them through a
//! [`MarketHint`]. Codes, minor units (the ISO 4217 exponent) and each
//! country's currency come from the ISO 4217 data of `iso_currency`; only the
//! signs as shops print them are listed here.

use std::str::FromStr;

use iso_currency::{Country, Currency};

/// Where a sign stands relative to the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    /// `$ 10`, `Rp 1.250.000`.
    Before,
    /// `10 zł`, `16,500円`.
    After,
    /// `€10` and `10 €`.
    Either,
}

/// A currency sign as shops print it.
#[derive(Debug)]
pub(super) struct Sign {
    /// The sign, e.g. `zł`.
    pub(super) text: &'static str,
    /// The currency it names when the page's market says nothing else.
    pub(super) code: &'static str,
    /// Where it stands.
    pub(super) place: Place,
    /// Also an ordinary letter or word (`R` in "EOS R5"): only read as money
    /// when the amount has a thousands or decimal mark, or the market hint
    /// names the sign's country.
    pub(super) weak: bool,
}

const fn sign(text: &'static str, code: &'static str, place: Place) -> Sign {
    Sign {
        text,
        code,
        place,
        weak: false,
    }
}

/// Every sign but the three-letter codes, which come from the ISO data.
pub(super) const SIGNS: &[Sign] = &[
    sign("US$", "USD", Place::Before),
    sign("$", "USD", Place::Either),
    sign("A$", "AUD", Place::Before),
    sign("AU$", "AUD", Place::Before),
    sign("C$", "CAD", Place::Before),
    sign("CA$", "CAD", Place::Before),
    sign("NZ$", "NZD", Place::Before),
    sign("MX$", "MXN", Place::Before),
    sign("R$", "BRL", Place::Before),
    sign("S$", "SGD", Place::Before),
    sign("HK$", "HKD", Place::Before),
    sign("NT$", "TWD", Place::Before),
    sign("€", "EUR", Place::Either),
    sign("£", "GBP", Place::Either),
    sign("₹", "INR", Place::Either),
    sign("Rs.", "INR", Place::Before),
    sign("Rs", "INR", Place::Before),
    sign("₨", "INR", Place::Either),
    sign("৳", "BDT", Place::Either),
    sign("Tk", "BDT", Place::Before),
    sign("Tk.", "BDT", Place::Before),
    sign("¥", "JPY", Place::Either),
    sign("￥", "JPY", Place::Either),
    sign("円", "JPY", Place::After),
    sign("元", "CNY", Place::After),
    sign("₩", "KRW", Place::Either),
    sign("원", "KRW", Place::After),
    sign("₽", "RUB", Place::Either),
    sign("руб.", "RUB", Place::After),
    sign("руб", "RUB", Place::After),
    sign("р.", "RUB", Place::After),
    sign("zł", "PLN", Place::After),
    sign("₴", "UAH", Place::Either),
    sign("грн.", "UAH", Place::After),
    sign("грн", "UAH", Place::After),
    sign("₫", "VND", Place::Either),
    sign("đ", "VND", Place::After),
    sign("VNĐ", "VND", Place::After),
    sign("Rp", "IDR", Place::Before),
    sign("₪", "ILS", Place::Either),
    sign("KD", "KWD", Place::Either),
    sign("kr.", "SEK", Place::Either),
    sign("kr", "SEK", Place::Either),
    sign("Kr", "SEK", Place::Before),
    sign("kronor", "SEK", Place::After),
    sign("kroner", "SEK", Place::After),
    sign(":-", "SEK", Place::After),
    sign("Kč", "CZK", Place::After),
    sign("Ft", "HUF", Place::After),
    sign("lei", "RON", Place::After),
    sign("Lei", "RON", Place::After),
    sign("лв.", "BGN", Place::After),
    sign("лв", "BGN", Place::After),
    sign("₺", "TRY", Place::Either),
    sign("TL", "TRY", Place::After),
    sign("₦", "NGN", Place::Either),
    sign("KSh", "KES", Place::Before),
    sign("Ksh", "KES", Place::Before),
    Sign {
        text: "R",
        code: "ZAR",
        place: Place::Before,
        weak: true,
    },
    sign("S/.", "PEN", Place::Before),
    sign("S/", "PEN", Place::Before),
    sign("₱", "PHP", Place::Either),
    sign("฿", "THB", Place::Either),
    sign("RM", "MYR", Place::Before),
    sign("د.إ", "AED", Place::Either),
    sign("ر.س", "SAR", Place::Either),
    sign("DT", "TND", Place::After),
    sign("DH", "MAD", Place::After),
    sign("ج.م", "EGP", Place::Either),
    sign("Fr.", "CHF", Place::Either),
];

/// Signs that other markets share under another ISO symbol.
const ALSO: &[(&str, &str)] = &[
    ("Rs", "₨"),
    ("Rs.", "₨"),
    ("元", "NT$"),
    ("元", "HK$"),
    ("元", "MOP$"),
];

/// ISO codes that are also everyday capitalised words (`TOP 10`, `ALL 3`,
/// `AMD 7800X3D`): read as weak signs.
const WORD_CODES: &[&str] = &[
    "ALL", "AMD", "BAM", "BOB", "CUP", "GEL", "MAD", "MOP", "NAD", "PEN", "SOS", "TOP", "TRY",
];

/// ISO codes that shops print as units of measure (the weight that `BigCommerce` prints as
/// "19.40 KGS"): read as money only in their home market.
const MEASURE_CODES: &[&str] = &["KGS"];

/// What a page says about its market: the country settles shared signs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct MarketHint {
    country: Option<Country>,
}

impl MarketHint {
    /// No hint: `kr` is SEK, `¥` JPY, `$` USD.
    pub(crate) const NONE: Self = Self { country: None };

    /// The hint from a page's language (`<html lang>`, `og:locale`: `nb-NO`,
    /// `da_DK`, `ja`) and its host (`shop.example.no`). A locale's region wins,
    /// then a country domain, then the language alone.
    pub(crate) fn from_page(lang: Option<&str>, host: Option<&str>) -> Self {
        let lang = lang.map(str::trim).filter(|l| !l.is_empty());
        let region = lang
            .and_then(|l| l.split(['-', '_']).nth(1))
            .and_then(country);
        let domain = host.and_then(|h| h.trim_end_matches('.').rsplit('.').next());
        let domain = domain.filter(|tld| !GENERIC_TLDS.contains(tld));
        let domain = domain.and_then(|tld| country(if tld == "uk" { "GB" } else { tld }));
        let language = lang.and_then(|l| {
            let primary = l.split(['-', '_']).next()?.to_ascii_lowercase();
            let code = match primary.as_str() {
                "nb" | "nn" | "no" => "NO",
                "da" => "DK",
                "is" => "IS",
                "sv" => "SE",
                "ja" => "JP",
                "zh" => "CN",
                _ => return None,
            };
            country(code)
        });
        Self {
            country: region.or(domain).or(language),
        }
    }

    /// The hint for a known ISO 3166 country, e.g. `NO`.
    #[allow(dead_code, reason = "for the visible-HTML extractor to call")]
    pub(crate) fn country(code: &str) -> Self {
        Self {
            country: country(code),
        }
    }

    fn currency(self) -> Option<Currency> {
        Currency::from_country(self.country?)
            .into_iter()
            .find(|c| c.flags().is_empty())
    }

    /// The ISO 4217 code of the market's currency, e.g. `NOK`.
    pub(crate) fn currency_code(self) -> Option<String> {
        self.currency().map(|c| c.code().to_owned())
    }
}

/// Country-code domains that sites anywhere use.
const GENERIC_TLDS: &[&str] = &[
    "ai", "am", "app", "cc", "co", "fm", "gg", "io", "la", "ly", "me", "to", "tv", "ws",
];

fn country(code: &str) -> Option<Country> {
    (code.len() == 2)
        .then(|| Country::from_str(&code.to_ascii_uppercase()).ok())
        .flatten()
}

/// The currency a sign names in the hinted market, and whether the market
/// is the sign's own (which makes a weak sign safe to read).
pub(super) fn currency_of_sign(sign: &Sign, hint: MarketHint) -> (&'static str, bool) {
    let default = Currency::from_code(sign.code);
    let Some(local) = hint.currency() else {
        return (sign.code, false);
    };
    let symbol = local.symbol().symbol;
    let shares = default.is_some_and(|d| d.symbol().symbol == symbol)
        || symbol == sign.text
        || ALSO.contains(&(sign.text, symbol.as_str()));
    if shares {
        (local.code(), true)
    } else {
        (sign.code, false)
    }
}

/// The currency a sign or three-letter code names in the hinted market, and
/// whether it can be trusted on a bare number: false for a weak sign outside
/// its home market, which needs a thousands or decimal mark to count.
pub(super) fn read_sign(text: &str, hint: MarketHint) -> Option<(&'static str, bool)> {
    if let Some(sign) = SIGNS.iter().find(|s| s.text == text) {
        let (code, home) = currency_of_sign(sign, hint);
        return Some((code, !sign.weak || home));
    }
    let (code, word) = iso_code(text)?;
    let home = hint.currency().is_some_and(|c| c.code() == code);
    if MEASURE_CODES.contains(&code) && !home {
        return None;
    }
    Some((code, !word || home))
}

/// A three-letter ISO 4217 code of money (not a fund, metal or test code),
/// and whether it is also an everyday word.
pub(super) fn iso_code(word: &str) -> Option<(&'static str, bool)> {
    let currency = Currency::from_code(word)?;
    if currency.is_fund() || currency.is_special() {
        return None;
    }
    Some((currency.code(), WORD_CODES.contains(&word)))
}

/// The ISO 4217 code of a currency as structured data gives it: codes in
/// any case, the rouble's pre-1998 `RUR` that shops still print, and signs
/// (`€`, `руб.`) where a code belongs. Other text is kept, upper-cased.
pub(super) fn markup_currency(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let upper = text.to_uppercase();
    if upper == "RUR" {
        return Some("RUB".to_owned());
    }
    if Currency::from_code(&upper).is_some() {
        return Some(upper);
    }
    let sign = read_sign(text, MarketHint::NONE).map(|(code, _)| code.to_owned());
    Some(sign.unwrap_or(upper))
}

/// Digits after the decimal mark for an ISO 4217 code: JPY 0, EUR 2, TND 3.
pub(crate) fn minor_units(currency: &str) -> Option<u16> {
    Currency::from_code(currency)?.exponent()
}

/// An amount with its currency's minor units: `16500 JPY`, `1189.000 TND`,
/// `129.99 USD`. Unknown codes get two decimals.
pub(crate) fn format_amount(amount: f64, currency: &str) -> String {
    let decimals = usize::from(minor_units(currency).unwrap_or(2));
    format!("{amount:.decimals$} {currency}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sign_of(text: &str) -> &'static Sign {
        SIGNS.iter().find(|s| s.text == text).unwrap()
    }

    #[test]
    fn shared_signs_follow_the_market() {
        let kr = sign_of("kr");
        assert_eq!(currency_of_sign(kr, MarketHint::NONE).0, "SEK");
        assert_eq!(currency_of_sign(kr, MarketHint::country("NO")).0, "NOK");
        assert_eq!(currency_of_sign(kr, MarketHint::country("dk")).0, "DKK");
        assert_eq!(currency_of_sign(kr, MarketHint::country("IS")).0, "ISK");
        assert_eq!(currency_of_sign(kr, MarketHint::country("DE")).0, "SEK");
        let yen = sign_of("¥");
        assert_eq!(currency_of_sign(yen, MarketHint::NONE).0, "JPY");
        assert_eq!(currency_of_sign(yen, MarketHint::country("CN")).0, "CNY");
        assert_eq!(
            currency_of_sign(sign_of("$"), MarketHint::country("CA")).0,
            "CAD"
        );
        assert_eq!(
            currency_of_sign(sign_of("£"), MarketHint::country("EG")).0,
            "EGP"
        );
        assert_eq!(
            currency_of_sign(sign_of("Rs"), MarketHint::country("PK")).0,
            "PKR"
        );
        assert_eq!(
            currency_of_sign(sign_of("€"), MarketHint::country("US")).0,
            "EUR"
        );
        let yuan = sign_of("元");
        assert_eq!(currency_of_sign(yuan, MarketHint::NONE).0, "CNY");
        assert_eq!(currency_of_sign(yuan, MarketHint::country("TW")).0, "TWD");
        assert_eq!(currency_of_sign(yuan, MarketHint::country("HK")).0, "HKD");
        assert_eq!(
            currency_of_sign(sign_of("R"), MarketHint::country("ZA")),
            ("ZAR", true)
        );
    }

    #[test]
    fn market_from_language_and_domain() {
        let no = MarketHint::country("NO");
        assert_eq!(MarketHint::from_page(Some("nb-NO"), None), no);
        assert_eq!(MarketHint::from_page(Some("nb"), None), no);
        assert_eq!(MarketHint::from_page(Some("en"), Some("www.shop.no")), no);
        assert_eq!(
            MarketHint::from_page(Some("en_GB"), Some("shop.no")),
            MarketHint::country("GB")
        );
        assert_eq!(
            MarketHint::from_page(None, Some("shop.co.uk")),
            MarketHint::country("GB")
        );
        assert_eq!(
            MarketHint::from_page(Some("en"), Some("shop.io")),
            MarketHint::NONE
        );
        assert_eq!(MarketHint::from_page(None, None), MarketHint::NONE);
    }

    #[test]
    fn iso_codes_come_from_the_iso_data() {
        assert_eq!(iso_code("OMR"), Some(("OMR", false)));
        assert_eq!(iso_code("KWD"), Some(("KWD", false)));
        assert_eq!(iso_code("TOP"), Some(("TOP", true)));
        assert_eq!(iso_code("XAU"), None);
        assert_eq!(iso_code("ABC"), None);
        assert_eq!(minor_units("JPY"), Some(0));
        assert_eq!(minor_units("TND"), Some(3));
        assert_eq!(minor_units("BHD"), Some(3));
        assert_eq!(minor_units("ZZZ"), None);
    }

    #[test]
    fn markup_currencies_become_codes() {
        assert_eq!(markup_currency(" eur "), Some("EUR".to_owned()));
        assert_eq!(markup_currency("RUR"), Some("RUB".to_owned()));
        assert_eq!(markup_currency("€"), Some("EUR".to_owned()));
        assert_eq!(markup_currency(""), None);
    }

    #[test]
    fn formats_with_minor_units() {
        assert_eq!(format_amount(16500.0, "JPY"), "16500 JPY");
        assert_eq!(format_amount(1189.0, "TND"), "1189.000 TND");
        assert_eq!(format_amount(129.99, "USD"), "129.99 USD");
        assert_eq!(format_amount(5.0, "???"), "5.00 ???");
    }
}
