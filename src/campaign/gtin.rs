//! GTINs (EAN-8, UPC-A, EAN-13, ISBN-13, GTIN-14): one normal form so that
//! an ad's `0012345678905` and a page's `12345678905` compare equal, and a
//! check digit test so that a typo is caught instead of failing an ad.

use serde::de::{self, Deserialize, Deserializer};

/// A GTIN written as text or as a JSON number. A number loses its leading
/// zeros, so they are put back up to the next GTIN length (an 11-digit
/// number is a UPC-A that began with 0); the check digit is tested later.
pub(crate) fn text_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match code(d)? {
        Some(Code::Number(digits)) => {
            let width = [8, 12, 13, 14]
                .into_iter()
                .find(|w| *w >= digits.len())
                .unwrap_or(digits.len());
            Some(format!("{digits:0>width$}"))
        }
        Some(Code::Text(text)) => Some(text),
        None => None,
    })
}

/// A SKU or MPN written as text or as a JSON number.
pub(crate) fn code_text_or_number<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    Ok(code(d)?.map(|c| match c {
        Code::Number(text) | Code::Text(text) => text,
    }))
}

enum Code {
    Text(String),
    /// The digits of a whole number.
    Number(String),
}

fn code<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Code>, D::Error> {
    match Option::<serde_json::Value>::deserialize(d)? {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(serde_json::Value::String(s)) => Ok(Some(Code::Text(s))),
        Some(serde_json::Value::Number(n)) => {
            let whole = n.as_u64().map(|v| v.to_string()).or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f < 1e15)
                    .map(|f| format!("{f:.0}"))
            });
            whole.map(Code::Number).map(Some).ok_or_else(|| {
                de::Error::custom(format!(
                    "the number {n} is not a whole number; write the code as text in quotes"
                ))
            })
        }
        Some(other) => Err(de::Error::custom(format!(
            "must be text in quotes or a whole number; found {}",
            super::wording::describe(&other)
        ))),
    }
}

/// Why a text is not a GTIN.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum GtinError {
    /// Not 8, 12, 13 or 14 digits.
    Shape,
    /// The last digit should be the one given.
    CheckDigit(u32),
}

/// The GTIN as 14 digits, or why it is not one. Spaces and dashes are
/// ignored.
pub(crate) fn gtin14(raw: &str) -> Result<String, GtinError> {
    let digits: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) || ![8, 12, 13, 14].contains(&digits.len()) {
        return Err(GtinError::Shape);
    }
    let padded = format!("{digits:0>14}");
    let values: Vec<u32> = padded.bytes().map(|b| u32::from(b - b'0')).collect();
    let sum: u32 = values[..13]
        .iter()
        .enumerate()
        .map(|(i, d)| if i % 2 == 0 { d * 3 } else { *d })
        .sum();
    let check = (10 - sum % 10) % 10;
    if check == values[13] {
        Ok(padded)
    } else {
        Err(GtinError::CheckDigit(check))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_form_and_check_digit() {
        assert_eq!(gtin14("9781847941831"), gtin14("09781847941831"));
        assert_eq!(gtin14("978-1-84794-183-1").unwrap(), "09781847941831");
        assert_eq!(gtin14("4006381333932"), Err(GtinError::CheckDigit(1)));
        assert_eq!(gtin14("12345"), Err(GtinError::Shape));
        assert!(gtin14("96385074").is_ok());
    }

    #[derive(Debug, serde::Deserialize)]
    struct Codes {
        #[serde(default, deserialize_with = "text_or_number")]
        gtin: Option<String>,
        #[serde(default, deserialize_with = "code_text_or_number")]
        sku: Option<String>,
    }

    fn codes(json: &str) -> Result<Codes, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn numbers_are_codes_and_lost_leading_zeros_come_back() {
        let c = codes(r#"{"gtin": 4006381333931, "sku": 12345}"#).unwrap();
        assert_eq!(c.gtin.as_deref(), Some("4006381333931"));
        assert_eq!(c.sku.as_deref(), Some("12345"));
        // UPC-A 036000291452 as a spreadsheet writes it.
        let upc = codes(r#"{"gtin": 36000291452}"#).unwrap().gtin.unwrap();
        assert_eq!(upc, "036000291452");
        assert!(gtin14(&upc).is_ok());
        assert_eq!(
            codes(r#"{"gtin": 4006381333931.0}"#)
                .unwrap()
                .gtin
                .as_deref(),
            Some("4006381333931")
        );
        assert!(codes(r#"{"gtin": null}"#).unwrap().gtin.is_none());
        assert!(codes(r#"{"gtin": 1.5}"#)
            .unwrap_err()
            .contains("not a whole number"));
        assert!(codes(r#"{"gtin": [1]}"#)
            .unwrap_err()
            .contains("found a list"));
    }
}
