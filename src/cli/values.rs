//! Option values read from text: seconds, rates, counts, sizes, headers,
//! web addresses and prices, by the same rule whether they are typed on the
//! command line or written in `landcheck.toml`.

use serde::Deserialize;
use url::Url;

pub(super) fn parse_seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 => Ok(v),
        _ => Err(format!("\"{s}\" is not a positive number of seconds")),
    }
}

pub(super) fn parse_rate(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(format!(
            "\"{s}\" is not a number of requests per second (0 for no limit)"
        )),
    }
}

pub(super) fn parse_count(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("\"{s}\" is not a whole number of 1 or more")),
    }
}

pub(super) fn parse_count_u32(s: &str) -> Result<u32, String> {
    match s.parse::<u32>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("\"{s}\" is not a whole number of 1 or more")),
    }
}

pub(super) fn parse_header(s: &str) -> Result<(String, String), String> {
    let (name, value) = s
        .split_once(':')
        .ok_or_else(|| format!("\"{s}\" is not a header: write \"Name: value\""))?;
    if name.trim().is_empty() {
        return Err(format!("\"{s}\" names no header"));
    }
    Ok((name.trim().to_owned(), value.trim().to_owned()))
}

/// An http(s) URL; one written without its scheme is named as such
/// instead of the URL parser's "relative URL without a base".
pub(super) fn parse_web_url(s: &str) -> Result<Url, String> {
    let text = s.trim();
    match Url::parse(text) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.host_str().is_some() => Ok(url),
        Ok(url) if matches!(url.scheme(), "http" | "https") => {
            Err(format!("\"{s}\" has no host"))
        }
        Ok(url) => Err(format!(
            "\"{s}\" uses the unsupported scheme \"{}:\"; a web address must start with http:// or https://",
            url.scheme()
        )),
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            let host = text.split(['/', '?', '#']).next().unwrap_or_default();
            if host.contains('.') && !host.contains(char::is_whitespace) {
                Err(format!(
                    "\"{s}\" is missing https:// at the start; write \"https://{text}\""
                ))
            } else {
                Err(format!(
                    "\"{s}\" is not a web address; write it in full, e.g. https://shop.example/product"
                ))
            }
        }
        Err(e) => Err(format!("\"{s}\" is not a valid URL: {e}")),
    }
}

pub(super) fn web_url<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Url>, D::Error> {
    let text = String::deserialize(d)?;
    parse_web_url(&text)
        .map(Some)
        .map_err(serde::de::Error::custom)
}

/// A size in bytes, with or without a unit: `10MB`, `512KiB`, `8 MiB`,
/// `1000000`. Zero is refused: no page fits in it.
pub(super) fn parse_bytes(s: &str) -> Result<usize, String> {
    match parse_size::parse_size(s.trim()).map(usize::try_from) {
        Ok(Ok(n)) if n > 0 => Ok(n),
        Ok(_) => Err(format!("\"{s}\" is no room for a page: give a size of 1 byte or more, e.g. 8MiB")),
        Err(_) => Err(format!(
            "\"{s}\" is not a size: write a number of bytes with or without a unit, e.g. 10MB, 512KiB or 1000000"
        )),
    }
}

/// A config value checked by the same rule as the command line's.
fn checked<'de, D, T, R>(d: D, rule: fn(&str) -> Result<R, String>) -> Result<Option<R>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de> + std::fmt::Display,
{
    let value = T::deserialize(d)?;
    rule(&value.to_string())
        .map(Some)
        .map_err(serde::de::Error::custom)
}

/// A number or a text in the config file, read as the command line reads it.
#[derive(Deserialize)]
#[serde(untagged)]
enum Scalar {
    Int(i64),
    Float(f64),
    Text(String),
}

impl std::fmt::Display for Scalar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Int(n) => write!(f, "{n}"),
            Self::Float(x) => write!(f, "{x}"),
            Self::Text(t) => f.write_str(t),
        }
    }
}

pub(super) fn count<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<usize>, D::Error> {
    checked::<D, Scalar, usize>(d, parse_count)
}

pub(super) fn count_u32<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    checked::<D, Scalar, u32>(d, parse_count_u32)
}

pub(super) fn rate<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    checked::<D, Scalar, f64>(d, parse_rate)
}

pub(super) fn seconds<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    checked::<D, Scalar, f64>(d, parse_seconds)
}

pub(super) fn bytes<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<usize>, D::Error> {
    checked::<D, Scalar, usize>(d, parse_bytes)
}

pub(super) fn headers<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Vec<(String, String)>, D::Error> {
    Vec::<String>::deserialize(d)?
        .iter()
        .map(|h| parse_header(h).map_err(serde::de::Error::custom))
        .collect()
}

pub(super) fn parse_price(s: &str) -> Result<(f64, String), String> {
    let err = || format!("\"{s}\" is not a price with its currency, e.g. \"129.99 USD\"");
    let mut parts = s.split_whitespace();
    let (a, b) = (parts.next().ok_or_else(err)?, parts.next().ok_or_else(err)?);
    let (amount, currency) = if a.parse::<f64>().is_ok() {
        (a, b)
    } else {
        (b, a)
    };
    let amount: f64 = amount.replace(',', ".").parse().map_err(|_| err())?;
    if parts.next().is_some()
        || currency.len() != 3
        || !currency.chars().all(|c| c.is_ascii_alphabetic())
        || amount < 0.0
    {
        return Err(err());
    }
    Ok((amount, currency.to_ascii_uppercase()))
}
