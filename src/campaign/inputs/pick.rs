//! Which columns of an export give an ad its declared name, its status
//! and its landing URL, shared by the platforms' readers: the name joined
//! from the columns the user names or taken from each kind's default, a
//! paused or removed status in any of the platform's status columns.

use super::records::{norm, Field, Record, Table};
use super::{InputKind, InputOptions, SkipReason};

/// Where the declared product name of a row comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Names {
    /// Normalized column names.
    pub(crate) columns: Vec<String>,
    /// Join them all (the user's choice), or take the first with text
    /// (each kind's default, as rows of different ad types fill different
    /// columns).
    pub(crate) joined: bool,
}

/// The columns the declared product name comes from: the ones the
/// options name, joined, else the first of `defaults` a row fills.
pub(crate) fn name_columns(
    table: &Table,
    options: &InputOptions,
    defaults: &[&str],
) -> Result<Names, String> {
    if options.name_from.is_empty() {
        let columns: Vec<String> = defaults
            .iter()
            .filter(|d| table.has(d))
            .map(|d| (*d).to_owned())
            .collect();
        if columns.is_empty() {
            let wanted: Vec<String> = defaults.iter().map(|d| format!("\"{d}\"")).collect();
            return Err(format!(
                "has no column to take the product name from (expected {}); the columns are {}. Name the columns that form the name (name_from)",
                wanted.join(" or "),
                table.listed()
            ));
        }
        return Ok(Names {
            columns,
            joined: false,
        });
    }
    let columns = options
        .name_from
        .iter()
        .map(|c| {
            if table.has(&norm(c)) {
                Ok(norm(c))
            } else {
                Err(format!(
                    "has no column \"{c}\" to take the product name from; the columns are {}",
                    table.listed()
                ))
            }
        })
        .collect::<Result<_, _>>()?;
    Ok(Names {
        columns,
        joined: true,
    })
}

/// The declared name of `record`, placed at the first column it uses.
pub(crate) fn name_of(record: &Record, names: &Names) -> Field {
    let cells: Vec<&Field> = names
        .columns
        .iter()
        .filter_map(|c| record.cell(c))
        .collect();
    if !names.joined {
        let chosen = cells.iter().find(|f| !f.value.is_empty()).or(cells.first());
        return chosen.map_or_else(
            || Field::new(&names.columns.join(" or "), String::new(), record.line, 1),
            |f| (*f).clone(),
        );
    }
    let value = cells
        .iter()
        .map(|f| f.value.as_str())
        .filter(|v| !v.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let name = cells
        .iter()
        .map(|f| &*f.name)
        .collect::<Vec<_>>()
        .join(" + ");
    let (line, column) = cells
        .first()
        .map_or((record.line, 1), |f| (f.line, f.column));
    Field::new(&name, value, line, column)
}

/// Paused or removed, from the first status columns among `keys` that say
/// so ("Paused", "Campaign paused", "DELETED", "Archived").
pub(crate) fn status(record: &Record, keys: &[&str]) -> Option<SkipReason> {
    let said: Vec<String> = keys.iter().map(|k| record.text(k).to_lowercase()).collect();
    let says = |words: &[&str]| said.iter().any(|s| words.iter().any(|w| s.contains(w)));
    if says(&["removed", "deleted", "archived"]) {
        Some(SkipReason::Removed)
    } else if says(&["paused"]) {
        Some(SkipReason::Paused)
    } else {
        None
    }
}

/// An error unless the table has one of the `keys` columns.
pub(crate) fn require(table: &Table, keys: &[&str], kind: InputKind) -> Result<(), String> {
    if table.column(keys).is_some() {
        return Ok(());
    }
    let wanted: Vec<String> = keys.iter().map(|k| format!("\"{k}\"")).collect();
    Err(format!(
        "has no {} column, which {} needs for the landing URL; the columns are {}",
        wanted.join(" or "),
        kind.describe(),
        table.listed()
    ))
}
