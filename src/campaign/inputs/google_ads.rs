//! Google Ads exports: the file Google Ads Editor writes (UTF-16
//! tab-separated by default, or UTF-8 CSV), where campaigns, ad groups,
//! keywords and ads share one sheet, and the ad report downloaded from the
//! web interface, with its title and date-range lines and its total rows.

use super::build::{Builder, Draft};
use super::pick::{name_columns, name_of, require, status};
use super::records::{Record, Table};
use super::{InputKind, InputOptions, SkipReason};

/// Columns that can say an ad, its ad group or its campaign is paused or removed.
const STATUS: &[&str] = &["ad status", "status", "ad group status", "campaign status"];

/// Adds the ads of a Google Ads export to `builder`.
pub(crate) fn add(
    table: &Table,
    options: &InputOptions,
    builder: &mut Builder<'_>,
) -> Result<(), String> {
    require(table, &["final url"], InputKind::GoogleAds)?;
    let names = name_columns(table, options, &["headline 1", "headline"])?;
    for record in &table.records {
        if record.is_blank() {
            continue;
        }
        if let Some(what) = not_an_ad(record, table) {
            builder.skip(SkipReason::NotAnAd(what.to_owned()));
            continue;
        }
        if builder.skip_status(status(record, STATUS)) {
            continue;
        }
        builder.add(&Draft {
            line: record.line,
            campaign: record.pick(&["campaign"]),
            id: record.pick(&["ad id"]),
            url: record.pick(&["final url"]),
            name: Some(name_of(record, &names)),
            ..Draft::default()
        });
    }
    Ok(())
}

/// What a row is when it is not an ad: Editor writes campaigns, ad groups
/// and keywords in the same sheet, the web report adds totals.
fn not_an_ad(record: &Record, table: &Table) -> Option<&'static str> {
    let first = record.fields.first().map_or("", |f| f.value.as_str());
    if first.starts_with("Total") {
        return Some("total");
    }
    if record.get("keyword").is_some() {
        return Some("keyword");
    }
    let is_ad = if table.has("ad type") {
        record.get("ad type").is_some()
    } else {
        record.get("final url").is_some() || record.first(&["headline 1", "headline"]).is_some()
    };
    if is_ad {
        None
    } else if record.get("ad group").is_some() {
        Some("ad group")
    } else if record.get("campaign").is_some() {
        Some("campaign")
    } else {
        Some("other")
    }
}
