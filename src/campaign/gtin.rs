//! GTINs (EAN-8, UPC-A, EAN-13, ISBN-13, GTIN-14): one normal form so that
//! an ad's `0012345678905` and a page's `12345678905` compare equal, and a
//! check digit test so that a typo is caught instead of failing an ad.

use serde::de::{self, Deserialize, Deserializer};
use serde::{Serialize, Serializer};

/// A GTIN written as text or as a JSON number. A number loses its leading
/// zeros, so they are put back up to the next GTIN length (an 11-digit
/// number is a UPC-A that began with 0); the check digit is tested later.
fn text_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
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

/// A global trade item number (EAN-8, UPC-A, EAN-13, ISBN-13 or GTIN-14)
/// whose check digit is right. It keeps the digits as written (spaces and
/// dashes dropped) and compares by the 14-digit form, so that an ad's
/// `0012345678905` equals a page's `12345678905`.
///
/// ```
/// use landcheck::Gtin;
///
/// let isbn: Gtin = "978-1-84794-183-1".parse().unwrap();
/// assert_eq!(isbn.as_str(), "9781847941831");
/// assert_eq!(isbn, "09781847941831".parse().unwrap());
/// let typo = "4006381333932".parse::<Gtin>().unwrap_err();
/// assert_eq!(
///     typo.to_string(),
///     "\"4006381333932\" is not a valid GTIN: its check digit is wrong (it should end in 1); check for a typo"
/// );
/// ```
#[derive(Debug, Clone, Eq)]
pub struct Gtin {
    digits: String,
}

/// Why a text is not a [`Gtin`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{text}\" is not a valid GTIN: {reason}")]
pub struct GtinError {
    /// The text as given.
    pub text: String,
    /// What is wrong with it.
    pub reason: GtinProblem,
}

/// What is wrong with a text that should be a [`Gtin`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum GtinProblem {
    /// Not 8, 12, 13 or 14 digits.
    #[error("expected 8, 12, 13 or 14 digits (EAN, UPC or ISBN-13)")]
    Shape,
    /// The last digit should be the one given.
    #[error("its check digit is wrong (it should end in {0}); check for a typo")]
    CheckDigit(u32),
}

impl Gtin {
    /// Reads a GTIN, ignoring spaces and dashes.
    ///
    /// # Errors
    /// [`GtinError`] when it is not 8, 12, 13 or 14 digits or its check
    /// digit is wrong.
    pub fn parse(text: &str) -> Result<Self, GtinError> {
        let error = |reason| GtinError {
            text: text.to_owned(),
            reason,
        };
        let digits: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        if !digits.bytes().all(|b| b.is_ascii_digit()) || ![8, 12, 13, 14].contains(&digits.len()) {
            return Err(error(GtinProblem::Shape));
        }
        let values: Vec<u32> = format!("{digits:0>14}")
            .bytes()
            .map(|b| u32::from(b - b'0'))
            .collect();
        let sum: u32 = values[..13]
            .iter()
            .enumerate()
            .map(|(i, d)| if i % 2 == 0 { d * 3 } else { *d })
            .sum();
        let check = (10 - sum % 10) % 10;
        if check == values[13] {
            Ok(Self { digits })
        } else {
            Err(error(GtinProblem::CheckDigit(check)))
        }
    }

    /// The digits as written, without spaces or dashes.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.digits
    }

    /// The 14-digit form, padded with leading zeros, by which GTINs compare.
    #[must_use]
    pub fn to_gtin14(&self) -> String {
        format!("{:0>14}", self.digits)
    }
}

impl PartialEq for Gtin {
    fn eq(&self, other: &Self) -> bool {
        self.digits.trim_start_matches('0') == other.digits.trim_start_matches('0')
    }
}

impl std::hash::Hash for Gtin {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.digits.trim_start_matches('0').hash(state);
    }
}

impl std::str::FromStr for Gtin {
    type Err = GtinError;

    fn from_str(text: &str) -> Result<Self, GtinError> {
        Self::parse(text)
    }
}

impl std::fmt::Display for Gtin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.digits)
    }
}

impl Serialize for Gtin {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.digits)
    }
}

/// Text, or a JSON number whose lost leading zeros are put back; the check
/// digit is tested here, so a typo is reported at load with its place in
/// the file.
impl<'de> Deserialize<'de> for Gtin {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = text_or_number(d)?.ok_or_else(|| de::Error::custom("a GTIN cannot be null"))?;
        Self::parse(&text).map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gtin14(text: &str) -> Result<String, GtinProblem> {
        Gtin::parse(text)
            .map(|g| g.to_gtin14())
            .map_err(|e| e.reason)
    }

    #[test]
    fn normal_form_and_check_digit() {
        assert_eq!(gtin14("9781847941831"), gtin14("09781847941831"));
        assert_eq!(gtin14("978-1-84794-183-1").unwrap(), "09781847941831");
        assert_eq!(gtin14("4006381333932"), Err(GtinProblem::CheckDigit(1)));
        assert_eq!(gtin14("12345"), Err(GtinProblem::Shape));
        assert_eq!(gtin14("abcdefgh"), Err(GtinProblem::Shape));
        assert!(gtin14("96385074").is_ok());
        let written = Gtin::parse("978 1847941831").unwrap();
        assert_eq!(written.as_str(), "9781847941831");
        assert_eq!(written, Gtin::parse("09781847941831").unwrap());
        assert_ne!(written, Gtin::parse("4006381333931").unwrap());
    }

    #[derive(Debug, serde::Deserialize, serde::Serialize)]
    struct Codes {
        #[serde(default)]
        gtin: Option<Gtin>,
        #[serde(default, deserialize_with = "code_text_or_number")]
        sku: Option<String>,
    }

    fn codes(json: &str) -> Result<Codes, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn numbers_are_codes_and_lost_leading_zeros_come_back() {
        let c = codes(r#"{"gtin": 4006381333931, "sku": 12345}"#).unwrap();
        assert_eq!(c.gtin.as_ref().map(Gtin::as_str), Some("4006381333931"));
        assert_eq!(c.sku.as_deref(), Some("12345"));
        // UPC-A 036000291452 as a spreadsheet writes it.
        let upc = codes(r#"{"gtin": 36000291452}"#).unwrap().gtin.unwrap();
        assert_eq!(upc.as_str(), "036000291452");
        assert_eq!(
            codes(r#"{"gtin": 4006381333931.0}"#)
                .unwrap()
                .gtin
                .map(|g| g.to_string()),
            Some("4006381333931".to_owned())
        );
        assert!(codes(r#"{"gtin": null}"#).unwrap().gtin.is_none());
        assert!(codes(r#"{"gtin": 1.5}"#)
            .unwrap_err()
            .contains("not a whole number"));
        assert!(codes(r#"{"gtin": [1]}"#)
            .unwrap_err()
            .contains("found a list"));
        assert!(codes(r#"{"gtin": "4006381333932"}"#)
            .unwrap_err()
            .contains("\"4006381333932\" is not a valid GTIN: its check digit is wrong"));
    }

    #[test]
    fn written_back_as_its_digits() {
        let c = codes(r#"{"gtin": "978-1-84794-183-1"}"#).unwrap();
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            r#"{"gtin":"9781847941831","sku":null}"#
        );
    }
}
