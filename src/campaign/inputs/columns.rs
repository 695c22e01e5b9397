//! Any other CSV: its columns mapped to the campaign fields by the
//! options (`[input.columns]` in `landcheck.toml`), or named after the
//! fields themselves (`url`, `name`, `brand`, ...).

use super::build::{Builder, Draft};
use super::pick::{name_columns, name_of, status, Names};
use super::records::{norm, Table};
use super::{CampaignField, InputOptions};

/// Adds the ads of a CSV whose columns are mapped to campaign fields.
pub(crate) fn add(
    table: &Table,
    options: &InputOptions,
    builder: &mut Builder<'_>,
) -> Result<(), String> {
    let mapping: Vec<(CampaignField, String)> = if options.columns.is_empty() {
        CampaignField::ALL
            .into_iter()
            .filter(|f| table.has(f.name()))
            .map(|f| (f, f.name().to_owned()))
            .collect()
    } else {
        options.columns.clone()
    };
    for (field, column) in &mapping {
        if !table.has(&norm(column)) {
            return Err(format!(
                "has no column \"{column}\" (mapped to {}); the columns are {}",
                field.name(),
                table.listed()
            ));
        }
    }
    let column = |field: CampaignField| {
        mapping
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, c)| norm(c))
    };
    if column(CampaignField::Url).is_none() {
        return Err(format!(
            "has no column for the landing URL: map one to url; the columns are {}",
            table.listed()
        ));
    }
    let names = match column(CampaignField::Name) {
        Some(name) if options.name_from.is_empty() => Names {
            columns: vec![name],
            joined: false,
        },
        _ if !options.name_from.is_empty() => name_columns(table, options, &[])?,
        _ => {
            return Err(format!(
                "has no column for the product name: map one to name, or name the columns that form it (name_from); the columns are {}",
                table.listed()
            ))
        }
    };
    for record in &table.records {
        if record.is_blank() {
            continue;
        }
        let status_column = column(CampaignField::Status);
        let said = status_column.map(|c| status(record, &[c.as_str()]));
        if builder.skip_status(said.flatten()) {
            continue;
        }
        let get = |field| column(field).and_then(|c| record.pick(&[c.as_str()]));
        builder.add(&Draft {
            line: record.line,
            campaign: get(CampaignField::Campaign),
            id: get(CampaignField::Id),
            url: get(CampaignField::Url),
            name: Some(name_of(record, &names)),
            brand: get(CampaignField::Brand),
            category: get(CampaignField::Category),
            price: get(CampaignField::Price),
            currency: get(CampaignField::Currency),
            gtin: get(CampaignField::Gtin),
            sku: get(CampaignField::Sku),
            mpn: get(CampaignField::Mpn),
            availability: get(CampaignField::Availability),
            ..Draft::default()
        });
    }
    Ok(())
}
