//! Validation of campaign JSON: every problem in the file is collected with
//! its JSON path, instead of stopping at the first.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::Value;

use super::locate::JsonPath;
use super::structure::{campaign_list, campaign_shape, member_problems};
use super::wording;
use super::{Ad, Campaign, CampaignFile};

/// A problem before it is given a line and column.
pub(crate) struct Problem {
    pub(crate) path: JsonPath,
    pub(crate) message: String,
    /// Set when the parser already knows the position (syntax errors).
    pub(crate) position: Option<(usize, usize)>,
}

impl Problem {
    pub(super) fn at(path: JsonPath, message: impl Into<String>) -> Self {
        Self {
            path,
            message: message.into(),
            position: None,
        }
    }
}

/// An ad entry that cannot be audited, with everything wrong with it.
pub(crate) struct InvalidAd {
    /// Position among all ad entries of the file, from 0.
    pub(crate) position: usize,
    pub(crate) campaign: String,
    /// The ad's id, or `#N` when it has none.
    pub(crate) ad: String,
    /// The URL as written, if it is a string.
    pub(crate) url: String,
    pub(crate) problems: Vec<Problem>,
}

/// A file whose structure is sound: its valid ads, and the ad entries that
/// are not.
pub(crate) struct Validated {
    pub(crate) file: CampaignFile,
    pub(crate) invalid: Vec<InvalidAd>,
}

/// Parses and validates campaign JSON. Problems with the file as a whole
/// (syntax, shape, campaigns) are `Err`; problems of single ads leave those
/// ads out and are listed in [`Validated::invalid`].
pub(crate) fn parse(text: &str) -> Result<Validated, Vec<Problem>> {
    let root: Value = serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m);
        vec![Problem {
            path: JsonPath::default(),
            message: format!("not valid JSON: {message}"),
            position: Some((e.line(), e.column())),
        }]
    })?;
    let mut problems = Vec::new();
    let listed = campaign_list(root, &mut problems)?;
    let campaigns_path = JsonPath::default().key("campaigns");
    let mut invalid = Vec::new();
    let mut position = 0;
    let mut campaigns = Vec::new();
    let mut campaign_ids: HashMap<String, JsonPath> = HashMap::new();
    let mut ad_ids: HashMap<String, JsonPath> = HashMap::new();
    if listed.is_empty() && problems.is_empty() {
        problems.push(Problem::at(
            campaigns_path.clone(),
            "holds no campaign; add at least one campaign with ads",
        ));
    }
    for (i, value) in listed.into_iter().enumerate() {
        let path = campaigns_path.index(i);
        let Some(shape) = campaign_shape(value, &path, &mut problems) else {
            continue;
        };
        if let Some(id) = &shape.id {
            check_id(
                id,
                &path.key("id"),
                "campaign",
                &mut campaign_ids,
                &mut problems,
            );
        }
        let mut ads = Vec::new();
        for (j, value) in shape.ads.into_iter().enumerate() {
            let path = path.key("ads").index(j);
            let text_of = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
            let (id, url) = (text_of("id"), text_of("url").unwrap_or_default());
            let ad_problems = read_ad(&value, &path, &mut ad_ids, &mut ads);
            if !ad_problems.is_empty() {
                invalid.push(InvalidAd {
                    position,
                    campaign: shape.id.clone().unwrap_or_default(),
                    ad: id.unwrap_or_else(|| format!("#{}", position + 1)),
                    url,
                    problems: ad_problems,
                });
            }
            position += 1;
        }
        if let (Some(id), Some(name)) = (shape.id, shape.name) {
            campaigns.push(Campaign { id, name, ads });
        }
    }
    if problems.is_empty() {
        let skipped = Vec::new();
        Ok(Validated {
            file: CampaignFile { campaigns, skipped },
            invalid,
        })
    } else {
        problems.extend(invalid.into_iter().flat_map(|ad| ad.problems));
        Err(problems)
    }
}

/// Reads one ad entry: a valid ad goes into `ads`; the problems of an
/// invalid one are returned, all of them.
fn read_ad(
    value: &Value,
    path: &JsonPath,
    ad_ids: &mut HashMap<String, JsonPath>,
    ads: &mut Vec<Ad>,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let Ok(ad) = typed::<Ad>(value.clone(), path) {
        check_id(&ad.id, &path.key("id"), "ad", ad_ids, &mut problems);
        check_ad(&ad, path, &mut problems);
        if problems.is_empty() {
            ads.push(ad);
        }
        return problems;
    }
    let (mut problems, good) = member_problems(value, path);
    if let Some(good) = good {
        if value.get("id").is_some_and(Value::is_string) {
            check_id(&good.id, &path.key("id"), "ad", ad_ids, &mut problems);
        }
        check_ad(&good, path, &mut problems);
    }
    problems
}

/// Deserializes one value, naming the exact field that does not fit in
/// plain words.
pub(super) fn typed<T: for<'de> Deserialize<'de>>(
    value: Value,
    at: &JsonPath,
) -> Result<T, Problem> {
    let original = value.clone();
    serde_path_to_error::deserialize(value).map_err(|e| {
        let mut path = at.clone();
        let mut found = Some(&original);
        for seg in e.path() {
            path = match seg {
                serde_path_to_error::Segment::Seq { index } => {
                    found = found.and_then(|v| v.get(index));
                    path.index(*index)
                }
                serde_path_to_error::Segment::Map { key } => {
                    found = found.and_then(|v| v.get(key));
                    path.key(key)
                }
                serde_path_to_error::Segment::Enum { variant } => path.key(variant),
                serde_path_to_error::Segment::Unknown => path,
            };
        }
        let inner = e.into_inner().to_string();
        let message = wording::explain(&path, &inner, found);
        Problem::at(path, message)
    })
}

fn check_id(
    id: &str,
    path: &JsonPath,
    what: &str,
    seen: &mut HashMap<String, JsonPath>,
    problems: &mut Vec<Problem>,
) {
    if id.trim().is_empty() {
        problems.push(Problem::at(path.clone(), format!("the {what} id is empty")));
    } else if let Some(first) = seen.get(id) {
        problems.push(Problem::at(
            path.clone(),
            format!("duplicate {what} id \"{id}\" (first used at {first}); every {what} needs its own id"),
        ));
    } else {
        seen.insert(id.to_owned(), path.clone());
    }
}

/// The problems of one ad on its own (not duplicates), with paths
/// relative to the ad, e.g. `url: ...`.
pub(crate) fn ad_problems(ad: &Ad) -> Vec<String> {
    let mut problems = Vec::new();
    check_ad(ad, &JsonPath::default(), &mut problems);
    problems
        .into_iter()
        .map(|p| format!("{}: {}", p.path, p.message))
        .collect()
}

/// An `http://` or `https://` URL with a host.
fn check_url(url: &url::Url, at: JsonPath, what: &str, problems: &mut Vec<Problem>) {
    if !matches!(url.scheme(), "http" | "https") {
        problems.push(Problem::at(
            at,
            format!(
                "\"{url}\" uses the unsupported scheme \"{}:\"; {what} must start with http:// or https://",
                url.scheme()
            ),
        ));
    } else if url.host_str().is_none_or(str::is_empty) {
        problems.push(Problem::at(at, format!("\"{url}\" has no host")));
    }
}

fn check_ad(ad: &Ad, path: &JsonPath, problems: &mut Vec<Problem>) {
    check_url(&ad.url, path.key("url"), "an ad URL", problems);
    if let Some(display) = &ad.display_url {
        check_url(display, path.key("display_url"), "a display URL", problems);
    }
    let product = &ad.product;
    let product_path = path.key("product");
    if product.name.trim().is_empty() {
        problems.push(Problem::at(
            product_path.key("name"),
            "the product name is empty",
        ));
    }
    if let Some(price) = &product.price {
        let price_path = product_path.key("price");
        if !price.amount.is_finite() || price.amount < 0.0 {
            problems.push(Problem::at(
                price_path.key("amount"),
                format!(
                    "the price {} is negative; a price must be zero or more",
                    price.amount
                ),
            ));
        }
        let code = &price.currency;
        let shaped = code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase());
        // "USE" has the shape of a code but names no currency.
        if !shaped || iso_currency::Currency::from_code(code).is_none() {
            problems.push(Problem::at(
                price_path.key("currency"),
                format!("\"{code}\" is not an ISO 4217 currency code: use three capital letters such as USD, EUR, GBP or SEK"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(text: &str) -> Vec<String> {
        let problems = match parse(text) {
            Ok(valid) => valid
                .invalid
                .into_iter()
                .flat_map(|ad| ad.problems)
                .collect(),
            Err(problems) => problems,
        };
        problems
            .into_iter()
            .map(|p| format!("{}: {}", p.path, p.message))
            .collect()
    }

    fn ad(id: &str, url: &str, product: &str) -> String {
        format!(r#"{{"id": "{id}", "url": "{url}", "product": {product}}}"#)
    }

    #[test]
    fn a_currency_code_must_name_a_currency() {
        let priced = |code: &str| {
            let product =
                format!(r#"{{"name": "Shoe", "price": {{"amount": 5, "currency": "{code}"}}}}"#);
            let text = format!(
                r#"{{"campaigns": [{{"id": "c1", "name": "C", "ads": [{}]}}]}}"#,
                ad("a", "https://shop.example/x", &product)
            );
            messages(&text)
        };
        let found = priced("USE");
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].contains("\"USE\" is not an ISO 4217 currency code"));
        assert!(priced("JPY").is_empty());
        assert!(priced("TND").is_empty());

        // A wrong amount does not hide a wrong or missing currency.
        let product = |price: &str| {
            let text = format!(
                r#"{{"campaigns": [{{"id": "c1", "name": "C", "ads": [{}]}}]}}"#,
                ad(
                    "a",
                    "https://shop.example/x",
                    &format!(r#"{{"name": "Shoe", "price": {price}}}"#)
                )
            );
            messages(&text)
        };
        let found = product(r#"{"amount": "ten", "currency": "EURO"}"#);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(
            found[0].starts_with(
                "campaigns[0].ads[0].product.price.amount: \"amount\" must be a number"
            ),
            "{found:#?}"
        );
        assert!(
            found[1].starts_with(
                "campaigns[0].ads[0].product.price.currency: \"EURO\" is not an ISO 4217"
            ),
            "{found:#?}"
        );
        let found = product(r#"{"amount": "ten"}"#);
        assert_eq!(found.len(), 2, "{found:#?}");
        assert!(
            found.iter().any(|m| m
                == "campaigns[0].ads[0].product.price: the required field \"currency\" is missing"),
            "{found:#?}"
        );
    }

    #[test]
    fn reports_every_problem_with_its_path() {
        let ads = [
            ad("a", "javascript:alert(1)", r#"{"name": "Shoe"}"#),
            ad(
                "a",
                "https://shop.example/x",
                r#"{"name": "Shoe", "price": {"amount": -1, "currency": "usd"}}"#,
            ),
            ad("c", "not a url", r#"{"name": "Shoe"}"#),
            r#"{"id": "d", "url": "https://shop.example/"}"#.to_owned(),
        ];
        let text = format!(
            r#"{{"campaigns": [{{"id": "c1", "name": "C", "ads": [{}]}}]}}"#,
            ads.join(",")
        );
        let found = messages(&text);
        let expect = [
            "campaigns[0].ads[0].url: \"javascript:alert(1)\" uses the unsupported scheme",
            "campaigns[0].ads[1].id: duplicate ad id \"a\" (first used at campaigns[0].ads[0].id)",
            "campaigns[0].ads[1].product.price.amount: the price -1 is negative",
            "campaigns[0].ads[1].product.price.currency: \"usd\" is not an ISO 4217",
            "campaigns[0].ads[2].url: \"not a url\" is not a full web address",
            "campaigns[0].ads[3]: the required field \"product\" is missing",
        ];
        assert_eq!(found.len(), expect.len(), "{found:#?}");
        for (f, e) in found.iter().zip(expect) {
            assert!(f.starts_with(e), "{f} should start with {e}");
        }
    }

    #[test]
    fn syntax_error_has_position() {
        let Err(problems) = parse("{\n  \"campaigns\": [\n    {\"id\": }\n") else {
            panic!("must fail");
        };
        assert_eq!(problems[0].position, Some((3, 12)));
        assert!(problems[0].message.starts_with("not valid JSON"));
    }

    #[test]
    fn gtin_typo_is_caught() {
        let text = format!(
            r#"{{"campaigns": [{{"id": "c", "name": "C", "ads": [{}]}}]}}"#,
            ad(
                "a",
                "https://shop.example/p",
                r#"{"name": "x", "gtin": "4006381333932"}"#
            )
        );
        assert_eq!(
            messages(&text),
            ["campaigns[0].ads[0].product.gtin: \"4006381333932\" is not a valid GTIN: its check digit is wrong (it should end in 1); check for a typo"]
        );
    }

    #[test]
    fn file_scheme_is_refused() {
        let text = format!(
            r#"{{"campaigns": [{{"id": "c", "name": "C", "ads": [{}]}}]}}"#,
            ad("a", "file:///etc/passwd", r#"{"name": "x"}"#)
        );
        assert!(messages(&text)[0].contains("unsupported scheme \"file:\""));
    }
}
