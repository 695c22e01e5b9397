//! Meta Ads Manager exports (CSV or XLSX): one row per ad, with the
//! campaign and ad set it belongs to, its link and its text.

use super::build::{Builder, Draft};
use super::pick::{name_columns, name_of, require, status};
use super::records::Table;
use super::{InputKind, InputOptions};

/// The columns that may hold the ad's link, in order of preference.
const URL: &[&str] = &["website url", "link"];

/// Columns that can say an ad, its ad set or its campaign is paused or
/// deleted (`PAUSED`, `DELETED`, `ARCHIVED`).
const STATUS: &[&str] = &["ad status", "ad set run status", "campaign status"];

/// Adds the ads of a Meta Ads Manager export to `builder`.
pub(crate) fn add(
    table: &Table,
    options: &InputOptions,
    builder: &mut Builder<'_>,
) -> Result<(), String> {
    require(table, URL, InputKind::Meta)?;
    let names = name_columns(table, options, &["title", "headline", "ad name"])?;
    for record in &table.records {
        if record.is_blank() {
            continue;
        }
        if builder.skip_status(status(record, STATUS)) {
            continue;
        }
        builder.add(&Draft {
            line: record.line,
            campaign: record.pick(&["campaign name"]),
            id: record.pick(&["ad id"]),
            url: record.pick(URL),
            name: Some(name_of(record, &names)),
            ..Draft::default()
        });
    }
    Ok(())
}
