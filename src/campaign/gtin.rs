//! GTINs (EAN-8, UPC-A, EAN-13, ISBN-13, GTIN-14): one normal form so that
//! an ad's `0012345678905` and a page's `12345678905` compare equal, and a
//! check digit test so that a typo is caught instead of failing an ad.

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
}
