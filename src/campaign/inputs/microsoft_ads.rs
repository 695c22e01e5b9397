//! Microsoft Advertising bulk files: one CSV of typed rows (`Format
//! Version`, `Campaign`, `Ad Group`, `Keyword`, `Responsive Search Ad`,
//! ...), of which only the ads are audited.

use super::build::{Builder, Draft};
use super::pick::{name_columns, name_of, require, status};
use super::records::Table;
use super::{InputKind, InputOptions, SkipReason};

/// Adds the ads of a Microsoft Advertising bulk file to `builder`.
pub(crate) fn add(
    table: &Table,
    options: &InputOptions,
    builder: &mut Builder<'_>,
) -> Result<(), String> {
    require(table, &["final url"], InputKind::MicrosoftAds)?;
    let names = name_columns(table, options, &["title part 1", "headline 1", "title"])?;
    for record in &table.records {
        if record.is_blank() {
            continue;
        }
        let kind = record.text("type").trim().to_lowercase();
        if !(kind == "ad" || kind.ends_with(" ad")) {
            let what = if kind.is_empty() { "untyped" } else { &kind };
            builder.skip(SkipReason::NotAnAd(what.to_owned()));
            continue;
        }
        if builder.skip_status(status(record, &["status"])) {
            continue;
        }
        // Several final URLs are written as a list with "; " between them;
        // the first is the one visitors land on.
        let url = record.pick(&["final url"]).map(|mut f| {
            if let Some((first, _)) = f.value.split_once("; ") {
                f.value = first.trim().to_owned();
            }
            f
        });
        builder.add(&Draft {
            line: record.line,
            campaign: record.pick(&["campaign"]),
            id: record.pick(&["id"]),
            url,
            name: Some(name_of(record, &names)),
            ..Draft::default()
        });
    }
    Ok(())
}
