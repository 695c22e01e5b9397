//! Numbers as shops print them: which mark groups thousands and which one
//! starts the decimals. `1.234,56`, `1,234.56`, `1’234.50`, `1,23,456` and
//! `12 990` read the same everywhere; the currency's minor units settle a
//! last group of three digits: `16,500` yen are sixteen thousand five hundred,
//! `1 189,000` Tunisian dinars are one thousand one hundred eighty-nine.

/// A printed number, for regexes: digit groups joined by a thousands mark,
/// then an optional decimal part (`,-` and `.–` are whole amounts).
pub(super) const NUMBER: &str = r"\d{1,3}(?:[.,'’\u{a0}\u{202f}\u{2009} ]\d{2,3})+(?:[.,](?:\d{1,3}|[-–]{1,2}))?|\d+(?:[.,](?:\d{1,3}|[-–]{1,2}))?";

/// Joins a price's cents back to its units where the page set them in their
/// own element (`$<strong>819</strong><sup>.99</sup>`) and the element's
/// text was read with a space between the two: `$ 819 .99` is `$ 819.99`.
pub(crate) fn join_split_decimals(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let split_at = |i: usize| {
        i > 0
            && bytes[i - 1].is_ascii_digit()
            && bytes[i] == b' '
            && matches!(bytes.get(i + 1), Some(b'.' | b','))
            && bytes.get(i + 2).is_some_and(u8::is_ascii_digit)
            && bytes.get(i + 3).is_some_and(u8::is_ascii_digit)
            && !bytes.get(i + 4).is_some_and(u8::is_ascii_digit)
    };
    if !(0..bytes.len()).any(split_at) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if !split_at(i) {
            out.push(c);
        }
    }
    out.into()
}

/// Marks that only ever group thousands.
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\'' | '’' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Reads `text` as an amount of a currency with `minor_units` decimals.
///
/// The last `.` or `,` starts the decimals when it appears once and one or
/// two digits follow, four or more follow, it follows a lone zero, or exactly
/// `minor_units` (three or more) digits follow; every other mark groups
/// thousands. `16,500` is 16500 for JPY (0) and USD
/// (2) alike, `12.500` is 12.5 for KWD (3).
pub(super) fn parse_with_minor_units(text: &str, minor_units: u16) -> Option<f64> {
    let text = text.trim();
    let text = ["-", "–", "--", "––"]
        .iter()
        .find_map(|dash| {
            text.strip_suffix(dash)
                .and_then(|t| t.strip_suffix(['.', ',']))
        })
        .unwrap_or(text);
    let cleaned: String = text.chars().filter(|c| !is_group_space(*c)).collect();
    if cleaned.is_empty()
        || !cleaned
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return None;
    }
    let normalised = match cleaned.rfind(['.', ',']) {
        Some(i) => {
            let mark = &cleaned[i..=i];
            let decimals = cleaned.len() - i - 1;
            let once = cleaned.matches(mark).count() == 1;
            // A thousands group has three digits and never follows a lone
            // zero: `12.3284` and `0.125` can only be decimals.
            let is_decimal = once
                && ((1..=2).contains(&decimals)
                    || decimals >= 4
                    || &cleaned[..i] == "0"
                    || (minor_units >= 3 && decimals == usize::from(minor_units)));
            if is_decimal {
                format!(
                    "{}.{}",
                    cleaned[..i].replace(['.', ','], ""),
                    &cleaned[i + 1..]
                )
            } else {
                cleaned.replace(['.', ','], "")
            }
        }
        None => cleaned,
    };
    normalised.parse().ok().filter(|n: &f64| n.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, minor_units: u16) -> Option<f64> {
        parse_with_minor_units(text, minor_units)
    }

    #[test]
    fn thousands_and_decimals() {
        assert_eq!(read("1.234,56", 2), Some(1234.56));
        assert_eq!(read("1,234.56", 2), Some(1234.56));
        assert_eq!(read("1’234.50", 2), Some(1234.5));
        assert_eq!(read("1'234.50", 2), Some(1234.5));
        assert_eq!(read("1,23,456", 2), Some(123_456.0));
        assert_eq!(read("12 990", 2), Some(12990.0));
        assert_eq!(read("12\u{a0}990,00", 2), Some(12990.0));
        assert_eq!(read("1.250.000", 2), Some(1_250_000.0));
        assert_eq!(read("1.299,90", 2), Some(1299.9));
        assert_eq!(read("89.99", 2), Some(89.99));
        assert_eq!(read("1.234", 2), Some(1234.0));
        assert_eq!(read("299,-", 2), Some(299.0));
        assert_eq!(read("89.–", 2), Some(89.0));
        assert_eq!(read("12 abc", 2), None);
    }

    #[test]
    fn minor_units_settle_three_digits() {
        assert_eq!(read("16,500", 0), Some(16500.0));
        assert_eq!(read("1.290.000", 0), Some(1_290_000.0));
        assert_eq!(read("1 189,000", 3), Some(1189.0));
        assert_eq!(read("1.189,000", 3), Some(1189.0));
        assert_eq!(read("12.500", 3), Some(12.5));
        assert_eq!(read("1,250.750", 3), Some(1250.75));
        assert_eq!(read("1,250,750", 3), Some(1_250_750.0));
        assert_eq!(read("89,90", 3), Some(89.9));
    }

    #[test]
    fn cents_in_their_own_element_join_their_units() {
        assert_eq!(join_split_decimals("$ 819 .99 "), "$ 819.99 ");
        assert_eq!(join_split_decimals("1 299 ,00 €"), "1 299,00 €");
        assert_eq!(join_split_decimals("2 .5 kg"), "2 .5 kg");
        assert_eq!(join_split_decimals("Save 10 .123"), "Save 10 .123");
        assert_eq!(join_split_decimals("Total: 5 . 99"), "Total: 5 . 99");
    }

    #[test]
    fn groups_of_three_digits_only_group_thousands() {
        assert_eq!(read("12.3284", 2), Some(12.3284));
        assert_eq!(read("67.8400", 2), Some(67.84));
        assert_eq!(read("0.125", 2), Some(0.125));
        assert_eq!(read("0,500", 2), Some(0.5));
        assert_eq!(read("10.500", 2), Some(10500.0));
    }
}
