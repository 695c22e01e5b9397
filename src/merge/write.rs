//! The merged report in each format. The ad lines are written as the
//! shards recorded them, read again one at a time from their reports, so
//! the JSON formats carry every field through in little memory; the table
//! reads the same fields as the audit's own table and lays them out the
//! same way.

use std::collections::HashMap;
use std::io::{self, BufRead, Seek, Write};

use serde_json::{Map, Value};

use super::{read_record, Merged};
use crate::campaign::CampaignFile;
use crate::report::wire::{Record, SCHEMA_VERSION};
use crate::report::Format;

impl Merged {
    /// Writes the merged report in `format` (table, JSON or JSON Lines),
    /// reading each ad line again from `reports` (in the order given to
    /// [`read_report`](super::read_report)); `campaigns` names the table's
    /// groups.
    ///
    /// # Errors
    /// When reading a report or writing fails, and for a format whose
    /// records the shard reports do not carry whole (CSV, `JUnit`, HTML).
    pub fn write<R: BufRead + Seek>(
        &self,
        campaigns: &CampaignFile,
        format: Format,
        reports: &mut [R],
        out: &mut dyn Write,
    ) -> io::Result<()> {
        write(self, campaigns, format, reports, out)
    }
}

fn write<R: BufRead + Seek>(
    merged: &Merged,
    campaigns: &CampaignFile,
    format: Format,
    reports: &mut [R],
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut records = merged.ads.iter().map(|(position, ad)| {
        let report = reports
            .get_mut(ad.source.report)
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "an ad line names no report"))?;
        read_record(report, ad, *position)
    });
    match format {
        Format::Jsonl => {
            serde_json::to_writer(&mut *out, &Record::Header(merged.header.clone()))?;
            writeln!(out)?;
            for record in records {
                serde_json::to_writer(&mut *out, &record?)?;
                writeln!(out)?;
            }
            serde_json::to_writer(&mut *out, &Record::Summary(merged.closing.clone()))?;
            writeln!(out)
        }
        Format::Json => {
            // The shape of `--format json`, written one result at a time.
            let header = serde_json::to_string(&merged.header)?;
            let summary = serde_json::to_string(&merged.closing)?;
            write!(
                out,
                "{{\n  \"schema_version\": {SCHEMA_VERSION},\n  \"header\": {header},\n  \"summary\": {summary},\n  \"results\": ["
            )?;
            let mut first = true;
            for record in records {
                out.write_all(if first { b"\n    " } else { b",\n    " })?;
                first = false;
                serde_json::to_writer(&mut *out, &record?)?;
            }
            writeln!(out, "\n  ]\n}}")
        }
        Format::Table => table(merged, campaigns, &mut records, out),
        Format::Csv | Format::Junit | Format::Html => Err(io::Error::new(
            io::ErrorKind::Unsupported,
            format!("merge writes table, json or jsonl, not {}", format.as_str()),
        )),
    }
}

fn text<'a>(record: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    record.get(key).and_then(Value::as_str)
}

fn table(
    merged: &Merged,
    campaigns: &CampaignFile,
    records: &mut dyn Iterator<Item = io::Result<Map<String, Value>>>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let id_width = merged
        .ads
        .iter()
        .map(|(_, a)| a.ad.chars().count())
        .max()
        .unwrap_or(2)
        .max(2);
    let indent = 2 + 5 + 2 + id_width + 2 + 8 + 2 + 3 + 2;
    let names: HashMap<&str, &str> = campaigns
        .campaigns
        .iter()
        .map(|c| (c.id.as_str(), c.name.as_str()))
        .collect();
    // The ads are in file order, so each campaign's ads come together.
    let mut current: Option<&str> = None;
    for ((_, ad), record) in merged.ads.iter().zip(records) {
        let record = record?;
        if current != Some(ad.campaign.as_str()) {
            if current.is_some() {
                writeln!(out)?;
            }
            let name = names.get(ad.campaign.as_str()).copied().unwrap_or_default();
            writeln!(out, "{name} ({})", ad.campaign)?;
            current = Some(&ad.campaign);
        }
        let kind = text(&record, "page_kind").unwrap_or("-");
        let identity = record
            .get("identity")
            .and_then(Value::as_u64)
            .map_or_else(|| "-".to_owned(), |s| s.to_string());
        let verdict = ad.verdict.to_string().to_uppercase();
        let mut lines = messages(&record).into_iter();
        let first = lines.next().unwrap_or_default();
        let line = format!(
            "  {verdict:<5}  {:<id_width$}  {kind:<8}  {identity:>3}  {first}",
            ad.ad
        );
        writeln!(out, "{}", line.trim_end())?;
        for line in lines {
            writeln!(out, "{:indent$}{line}", "")?;
        }
    }
    if current.is_some() {
        writeln!(out)?;
    }
    write!(out, "{}", merged.summary)?;
    if !merged.missing.is_empty() {
        write!(
            out,
            "; missing from the reports: {} ads",
            merged.missing.len()
        )?;
    }
    writeln!(out)
}

/// The failing checks of an ad, then its warnings; or why it has no page.
fn messages(record: &Map<String, Value>) -> Vec<String> {
    if let Some(error) = text(record, "error") {
        return vec![format!("error: {error}")];
    }
    let rank = |outcome: &str| match outcome {
        "fail" => 2,
        "warn" => 1,
        _ => 0,
    };
    let mut shown: Vec<(u8, String)> = record
        .get("checks")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
        .filter_map(|check| {
            let outcome = text(check, "outcome")?;
            let tag = match rank(outcome) {
                0 => return None,
                1 => " (warn)",
                _ => "",
            };
            let name = text(check, "name").unwrap_or("check");
            let message = text(check, "message").unwrap_or_default();
            Some((rank(outcome), format!("{name}{tag}: {message}")))
        })
        .collect();
    shown.sort_by_key(|(rank, _)| std::cmp::Reverse(*rank));
    shown.into_iter().map(|(_, line)| line).collect()
}

#[cfg(test)]
mod tests {
    use super::super::{merge, read_report};
    use super::*;

    fn merged() -> (Merged, CampaignFile, &'static str) {
        let text = r#"{"campaigns": [{"id": "c1", "name": "Spring", "ads": [
            {"id": "a", "url": "https://s.example/a", "product": {"name": "Shoe"}},
            {"id": "bb", "url": "https://t.example/b", "product": {"name": "Boot"}}]}]}"#;
        let campaigns = crate::campaign::parse(text, std::path::Path::new("t.json")).unwrap();
        let lines = concat!(
            r#"{"type":"ad","campaign":"c1","ad":"bb","verdict":"fail","page_kind":"product","identity":40,"checks":[{"name":"price","outcome":"warn","message":"close"},{"name":"identity","outcome":"fail","message":"other product"},{"name":"reachable","outcome":"pass","message":"ok"}],"error":null}"#,
            "\n",
            r#"{"type":"ad","campaign":"c1","ad":"a","verdict":"error","page_kind":null,"identity":null,"checks":[],"error":"DNS failed"}"#,
        );
        let report = read_report(lines.as_bytes(), 0, "s").unwrap();
        (
            merge(&campaigns, ("t.json", text.as_bytes()), vec![report]),
            campaigns,
            lines,
        )
    }

    fn render(format: Format) -> String {
        let (merged, campaigns, lines) = merged();
        let mut out = Vec::new();
        let mut reports = [std::io::Cursor::new(lines.as_bytes())];
        write(&merged, &campaigns, format, &mut reports, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn table_groups_by_campaign_worst_first() {
        let expected = [
            "Spring (c1)",
            "  ERROR  a   -           -  error: DNS failed",
            "  FAIL   bb  product    40  identity: other product",
            "                            price (warn): close",
            "",
            "2 ads: 0 pass, 0 warn, 1 fail, 1 error",
            "",
        ]
        .join("\n");
        assert_eq!(render(Format::Table), expected);
    }

    #[test]
    fn json_lines_keep_every_field_in_file_order() {
        let out = render(Format::Jsonl);
        let lines: Vec<Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[0]["type"], "header");
        assert_eq!(lines[1]["ad"], "a");
        assert_eq!(lines[1]["position"], 0);
        assert_eq!(lines[2]["position"], 1);
        assert_eq!(lines[2]["checks"][1]["message"], "other product");
        assert_eq!(lines[2]["type"], "ad");
        assert_eq!(lines[3]["type"], "summary");
        assert_eq!(
            (lines[3]["ads"].as_u64(), lines[3]["error"].as_u64()),
            (Some(2), Some(1))
        );
    }

    #[test]
    fn json_document_has_header_summary_and_results() {
        let doc: Value = serde_json::from_str(&render(Format::Json)).unwrap();
        assert_eq!(doc["schema_version"], SCHEMA_VERSION);
        assert_eq!(doc["header"]["campaign_file"], "t.json");
        assert_eq!(doc["summary"]["error"], 1);
        assert_eq!(doc["summary"]["not_audited"], serde_json::json!([]));
        assert_eq!(doc["results"][1]["identity"], 40);
    }

    #[test]
    fn csv_and_junit_are_refused() {
        let (merged, campaigns, lines) = merged();
        let mut reports = [std::io::Cursor::new(lines.as_bytes())];
        let err = write(
            &merged,
            &campaigns,
            Format::Csv,
            &mut reports,
            &mut Vec::new(),
        );
        assert!(err.unwrap_err().to_string().contains("not csv"));
    }
}
