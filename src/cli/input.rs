//! How `audit` reads its file: `--input`, `--name-from` and
//! `--include-paused` on the command line, the `[input]` table of
//! `landcheck.toml`, merged into the library's `InputOptions`; and the
//! closing line that counts the rows of an export left out.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{anyhow, Result};
use clap::{Args, ValueEnum};
use landcheck::{CampaignField, InputKind, InputOptions, Loaded};
use serde::Deserialize;

/// How `audit` reads its file.
#[derive(Debug, Default, Args)]
pub(crate) struct InputArgs {
    /// The kind of file [default: told from its first bytes and header row].
    #[arg(long = "input", value_name = "KIND", value_enum)]
    pub(crate) kind: Option<InputArg>,
    /// Columns whose text is the declared product name, joined by spaces (repeatable, or a comma list) [default: Headline 1, or each export's title column].
    #[arg(long, value_name = "COLUMN", value_delimiter = ',')]
    pub(crate) name_from: Vec<String>,
    /// Audit paused ads too (removed ones are always left out).
    #[arg(long)]
    pub(crate) include_paused: bool,
}

/// The `[input]` table of `landcheck.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct InputTable {
    kind: Option<InputArg>,
    #[serde(default, alias = "name_from", deserialize_with = "one_or_many")]
    name_from: Vec<String>,
    #[serde(default, alias = "include_paused")]
    include_paused: bool,
    /// Campaign field name to column header.
    #[serde(default)]
    columns: BTreeMap<String, String>,
}

/// The kinds of input, as the command line names them.
#[derive(Debug, Clone, Copy, ValueEnum, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum InputArg {
    /// landcheck's campaign JSON.
    Json,
    /// A Google Ads Editor export or web report download.
    GoogleAds,
    /// A Microsoft Advertising bulk file.
    MicrosoftAds,
    /// A Meta Ads Manager export (CSV or XLSX).
    Meta,
    /// A Google Merchant Center product feed (TSV, RSS or Atom).
    MerchantFeed,
    /// Any other CSV, its columns mapped in [input.columns] of landcheck.toml.
    Csv,
}

impl From<InputArg> for InputKind {
    fn from(k: InputArg) -> Self {
        match k {
            InputArg::Json => Self::Json,
            InputArg::GoogleAds => Self::GoogleAds,
            InputArg::MicrosoftAds => Self::MicrosoftAds,
            InputArg::Meta => Self::Meta,
            InputArg::MerchantFeed => Self::MerchantFeed,
            InputArg::Csv => Self::Csv,
        }
    }
}

fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    })
}

/// The command line over the `[input]` table.
pub(crate) fn options(
    cli: InputArgs,
    file: &InputTable,
    skip_invalid_ads: bool,
) -> Result<InputOptions> {
    let columns = file
        .columns
        .iter()
        .map(|(field, column)| {
            let field = field
                .parse::<CampaignField>()
                .map_err(|e| anyhow!("[input.columns] in the config file: {e}"))?;
            Ok((field, column.clone()))
        })
        .collect::<Result<Vec<_>>>()?;
    let name_from = if cli.name_from.is_empty() {
        file.name_from.clone()
    } else {
        cli.name_from
    };
    Ok(InputOptions {
        kind: cli.kind.or(file.kind).map(Into::into),
        name_from: name_from
            .into_iter()
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty())
            .collect(),
        columns,
        include_paused: cli.include_paused || file.include_paused,
        skip_invalid_ads,
    })
}

/// Tells on stderr which rows of an export were not audited on purpose.
pub(crate) fn report_left_out(file: &Path, loaded: &Loaded, include_paused: bool) {
    let n = loaded.left_out.total();
    if n == 0 {
        return;
    }
    let hint = if include_paused || loaded.left_out.count(&landcheck::SkipReason::Paused) == 0 {
        ""
    } else {
        "; --include-paused audits paused ads"
    };
    eprintln!(
        "landcheck: {n} row{} of {} ({}) left out: {}{hint}",
        if n == 1 { "" } else { "s" },
        file.display(),
        loaded.kind.describe(),
        loaded.left_out
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_wins_and_columns_are_checked() {
        let file: InputTable = toml::from_str(
            "kind = \"csv\"\nname_from = \"Product\"\ninclude-paused = true\n[columns]\nurl = \"Landing page\"\n",
        )
        .unwrap();
        let cli = InputArgs {
            name_from: vec!["Headline 1".into(), " Headline 2".into()],
            ..InputArgs::default()
        };
        let merged = options(cli, &file, true).unwrap();
        assert_eq!(merged.kind, Some(InputKind::Csv));
        assert_eq!(merged.name_from, ["Headline 1", "Headline 2"]);
        assert!(merged.include_paused && merged.skip_invalid_ads);
        assert_eq!(
            merged.columns,
            [(CampaignField::Url, "Landing page".to_owned())]
        );
        let bad: InputTable = toml::from_str("[columns]\ntitle = \"Name\"\n").unwrap();
        let err = options(InputArgs::default(), &bad, false)
            .unwrap_err()
            .to_string();
        assert!(err.contains("\"title\" is not a campaign field"), "{err}");
    }
}
