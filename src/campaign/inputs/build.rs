//! From rows to campaigns: each export's reader fills a [`Draft`] per ad
//! row, and the [`Builder`] checks it by the campaign file's own rules
//! (reusing the JSON loader's validation), names the row and column of each
//! problem, groups the ads by campaign and counts the rows left out.

use std::collections::HashMap;
use std::path::Path;

use url::Url;

use super::records::Field;
use super::{InputKind, InputOptions, LeftOut, Loaded, SkipReason};
use crate::campaign::{
    validate, Ad, Campaign, CampaignError, CampaignErrors, CampaignFile, DeclaredProduct,
    Expectation, Gtin, Money, SkippedAd, Stock,
};
use crate::campaign::{LoadError, LoadResult};

/// An error with the file as a whole, at `line`.
pub(crate) fn file_error(path: &Path, line: usize, message: String) -> LoadError {
    LoadError::Invalid(CampaignErrors {
        file: path.to_path_buf(),
        problems: vec![CampaignError {
            line,
            column: 1,
            path: String::new(),
            message,
        }],
    })
}

/// One ad row as read, before it is checked. A field that is `None` has
/// no column in the file; one with an empty value has an empty cell.
#[derive(Debug, Clone, Default)]
pub(crate) struct Draft {
    /// The row's line.
    pub(crate) line: usize,
    pub(crate) campaign: Option<Field>,
    pub(crate) id: Option<Field>,
    pub(crate) url: Option<Field>,
    pub(crate) display_url: Option<Field>,
    pub(crate) name: Option<Field>,
    pub(crate) brand: Option<Field>,
    pub(crate) category: Option<Field>,
    pub(crate) price: Option<Field>,
    pub(crate) currency: Option<Field>,
    pub(crate) gtin: Option<Field>,
    pub(crate) sku: Option<Field>,
    pub(crate) mpn: Option<Field>,
    pub(crate) availability: Option<Field>,
}

enum Entry {
    Ad(Box<Ad>),
    Invalid(SkippedAd),
}

/// Collects the ads of one file, grouped by campaign in order of first
/// appearance.
pub(crate) struct Builder<'a> {
    path: &'a Path,
    options: &'a InputOptions,
    default_campaign: String,
    groups: Vec<(String, Vec<Entry>)>,
    group_of: HashMap<String, usize>,
    ids: HashMap<String, usize>,
    left_out: LeftOut,
}

impl<'a> Builder<'a> {
    pub(crate) fn new(path: &'a Path, options: &'a InputOptions) -> Self {
        let stem = path
            .file_stem()
            .map_or_else(|| "ads".to_owned(), |s| s.to_string_lossy().into_owned());
        Self {
            path,
            options,
            default_campaign: stem,
            groups: Vec::new(),
            group_of: HashMap::new(),
            ids: HashMap::new(),
            left_out: LeftOut::default(),
        }
    }

    /// The campaign of rows that name none (default: the file's name).
    pub(crate) fn set_default_campaign(&mut self, name: &str) {
        name.trim().clone_into(&mut self.default_campaign);
    }

    /// Counts a row left out on purpose.
    pub(crate) fn skip(&mut self, reason: SkipReason) {
        self.left_out.add(reason);
    }

    /// Leaves out a paused or removed row (a paused one only when paused
    /// ads are not wanted); true when it was left out.
    pub(crate) fn skip_status(&mut self, status: Option<SkipReason>) -> bool {
        match status {
            Some(SkipReason::Paused) if self.options.include_paused => false,
            Some(reason) => {
                self.skip(reason);
                true
            }
            None => false,
        }
    }

    /// Checks one ad row and files it under its campaign.
    pub(crate) fn add(&mut self, draft: &Draft) {
        let campaign = draft
            .campaign
            .as_ref()
            .map(|f| f.value.trim())
            .filter(|c| !c.is_empty())
            .unwrap_or(&self.default_campaign)
            .to_owned();
        let entry = self.check(draft, &campaign);
        let next = self.groups.len();
        let index = *self.group_of.entry(campaign.clone()).or_insert(next);
        if index == next {
            self.groups.push((campaign, Vec::new()));
        }
        self.groups[index].1.push(entry);
    }

    fn check(&mut self, draft: &Draft, campaign: &str) -> Entry {
        let line = draft.line;
        let at = |field: Option<&Field>, message: String| match field {
            Some(f) => CampaignError {
                line: f.line,
                column: f.column,
                path: f.name.to_string(),
                message,
            },
            None => CampaignError {
                line,
                column: 1,
                path: String::new(),
                message,
            },
        };
        let mut problems = Vec::new();
        let id = match draft.id.as_ref().filter(|f| !f.value.is_empty()) {
            Some(f) => f.value.clone(),
            None => format!("row-{line}"),
        };
        if let Some(first) = self.ids.get(&id) {
            problems.push(at(
                draft.id.as_ref(),
                format!("duplicate ad id \"{id}\" (first used on line {first}); every ad needs its own id"),
            ));
        } else {
            self.ids.insert(id.clone(), line);
        }
        let url_text = draft.url.as_ref().map_or("", |f| f.value.as_str());
        let url = if url_text.is_empty() {
            problems.push(at(
                draft.url.as_ref(),
                "the landing URL is empty; every ad needs the address it sends visitors to".into(),
            ));
            None
        } else {
            parse_url(url_text, draft.url.as_ref(), &at, &mut problems)
        };
        let display_url = draft
            .display_url
            .as_ref()
            .filter(|f| !f.value.is_empty())
            .and_then(|f| parse_url(&f.value, Some(f), &at, &mut problems));
        let price = parsed(
            draft.price.as_ref(),
            |v| money(v, draft.currency.as_ref()),
            &at,
            &mut problems,
        );
        let availability = parsed(
            draft.availability.as_ref(),
            str::parse::<Stock>,
            &at,
            &mut problems,
        );
        let gtin = parsed(
            draft.gtin.as_ref(),
            |v| Gtin::parse(v).map_err(|e| e.to_string()),
            &at,
            &mut problems,
        );
        let text = |f: &Option<Field>| {
            f.as_ref()
                .map(|f| f.value.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let placeholder = Url::parse("https://shop.invalid/").expect("a valid URL");
        let ad = Ad {
            id: id.clone(),
            url: url.clone().unwrap_or(placeholder),
            display_url,
            product: DeclaredProduct {
                name: text(&draft.name).unwrap_or_default(),
                brand: text(&draft.brand),
                category: text(&draft.category),
                price,
                gtin,
                sku: text(&draft.sku),
                mpn: text(&draft.mpn),
                availability,
            },
            expect: Expectation::default(),
        };
        place(&ad, draft, url.is_some(), &at, &mut problems);
        if problems.is_empty() {
            Entry::Ad(Box::new(ad))
        } else {
            Entry::Invalid(SkippedAd {
                position: 0,
                campaign: campaign.to_owned(),
                ad: id,
                url: url_text.to_owned(),
                problems,
            })
        }
    }

    /// The campaigns, or every problem found.
    pub(crate) fn finish(self, kind: InputKind) -> LoadResult<Loaded> {
        let file_error = |m: String| file_error(self.path, 1, m);
        if self.groups.is_empty() {
            let left = if self.left_out.total() == 0 {
                String::new()
            } else {
                format!(" (left out: {})", self.left_out)
            };
            return Err(file_error(format!("holds no ad to audit{left}")));
        }
        let mut campaigns = Vec::new();
        let mut skipped = Vec::new();
        let mut position = 0;
        for (name, entries) in self.groups {
            let mut ads = Vec::new();
            for entry in entries {
                match entry {
                    Entry::Ad(ad) => ads.push(*ad),
                    Entry::Invalid(mut invalid) => {
                        invalid.position = position;
                        skipped.push(invalid);
                    }
                }
                position += 1;
            }
            campaigns.push(Campaign {
                id: name.clone(),
                name,
                ads,
            });
        }
        if !skipped.is_empty() && !self.options.skip_invalid_ads {
            let mut problems: Vec<CampaignError> =
                skipped.into_iter().flat_map(|s| s.problems).collect();
            problems.sort_by_key(|p| (p.line, p.column));
            return Err(LoadError::Invalid(CampaignErrors {
                file: self.path.to_path_buf(),
                problems,
            }));
        }
        Ok(Loaded {
            file: CampaignFile { campaigns, skipped },
            kind,
            left_out: self.left_out,
        })
    }
}

/// The campaign file's own rules applied to `ad`, each problem placed at
/// the column it came from; URL problems only when the URL was read.
fn place(
    ad: &Ad,
    draft: &Draft,
    url_read: bool,
    at: &dyn Fn(Option<&Field>, String) -> CampaignError,
    problems: &mut Vec<CampaignError>,
) {
    for problem in validate::ad_problems(ad) {
        let (field, message) = problem.split_once(": ").unwrap_or(("", &problem));
        let found = match field {
            "url" if !url_read => continue,
            "url" => draft.url.as_ref(),
            "display_url" => draft.display_url.as_ref(),
            "product.name" => {
                let names = draft.name.as_ref().map_or("name", |f| &*f.name);
                let message = format!("the product name is empty ({names} is empty in this row); every ad needs the name of what it sells");
                problems.push(at(draft.name.as_ref(), message));
                continue;
            }
            "product.price.currency" => draft.currency.as_ref().or(draft.price.as_ref()),
            f if f.starts_with("product.price") => draft.price.as_ref(),
            _ => None,
        };
        problems.push(at(found, message.to_owned()));
    }
}

/// The field's value read by `parse`, or its problem recorded; `None` when
/// the field is absent or empty.
fn parsed<T>(
    field: Option<&Field>,
    parse: impl FnOnce(&str) -> Result<T, String>,
    at: &dyn Fn(Option<&Field>, String) -> CampaignError,
    problems: &mut Vec<CampaignError>,
) -> Option<T> {
    let f = field.filter(|f| !f.value.is_empty())?;
    parse(&f.value)
        .map_err(|m| problems.push(at(Some(f), m)))
        .ok()
}

fn parse_url(
    text: &str,
    field: Option<&Field>,
    at: &dyn Fn(Option<&Field>, String) -> CampaignError,
    problems: &mut Vec<CampaignError>,
) -> Option<Url> {
    Url::parse(text.trim())
        .map_err(|e| {
            problems.push(at(
                field,
                format!("\"{text}\" is not a valid URL ({e}); write the full address, e.g. https://shop.example/product"),
            ));
        })
        .ok()
}

/// A price as the platforms write it: `15.00 USD`, `USD 15.00`, or only
/// the amount when another column holds the currency.
pub(crate) fn money(text: &str, currency: Option<&Field>) -> std::result::Result<Money, String> {
    let example = "write the amount and its currency, e.g. \"15.00 USD\"";
    let mut amount = None;
    let mut code = None;
    for part in text.split_whitespace() {
        if part.len() == 3 && part.chars().all(|c| c.is_ascii_alphabetic()) && code.is_none() {
            code = Some(part.to_ascii_uppercase());
        } else if amount.is_none() {
            amount = Some(part);
        } else {
            return Err(format!("\"{text}\" is not a price: {example}"));
        }
    }
    let amount = amount
        .and_then(parse_amount)
        .ok_or_else(|| format!("\"{text}\" is not a price: {example}"))?;
    let code = code
        .or_else(|| currency.map(|c| c.value.trim().to_ascii_uppercase()))
        .filter(|c| !c.is_empty())
        .ok_or_else(|| format!("the price \"{text}\" has no currency: {example}"))?;
    Ok(Money {
        amount,
        currency: code,
    })
}

/// `1,099.00`, `1.099,00`, `15,00` and `15.00` as numbers.
fn parse_amount(text: &str) -> Option<f64> {
    let (dot, comma) = (text.rfind('.'), text.rfind(','));
    let plain = match (dot, comma) {
        (Some(d), Some(c)) if d > c => text.replace(',', ""),
        (Some(_), Some(_)) => text.replace('.', "").replace(',', "."),
        (None, Some(c)) if text.len() - c - 1 == 3 => text.replace(',', ""),
        (None, Some(_)) => text.replace(',', "."),
        _ => text.to_owned(),
    };
    plain.parse::<f64>().ok().filter(|a| a.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_read_in_the_platforms_spellings() {
        let usd = |amount| Money {
            amount,
            currency: "USD".into(),
        };
        assert_eq!(money("15.00 USD", None), Ok(usd(15.0)));
        assert_eq!(money("usd 1,099.50", None), Ok(usd(1099.5)));
        let column = Field::new("Currency", "usd".into(), 2, 3);
        assert_eq!(money("15,90", Some(&column)), Ok(usd(15.9)));
        assert_eq!(money("1.099,00", Some(&column)), Ok(usd(1099.0)));
        assert!(money("15.00", None)
            .unwrap_err()
            .contains("has no currency"));
        assert!(money("cheap USD", None)
            .unwrap_err()
            .contains("is not a price"));
    }
}
