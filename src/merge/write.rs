//! The merged report in each format. The ad lines are written as the
//! shards recorded them, so the JSON formats carry every field through; the
//! table reads the same fields as the audit's own table and lays them out
//! the same way.

use std::io::{self, Write};

use serde_json::{json, Map, Value};

use super::Merged;
use crate::campaign::CampaignFile;
use crate::report::Format;

/// Writes `merged` in `format`; `campaigns` names the table's groups.
///
/// # Errors
/// When writing fails.
pub fn write(
    merged: &Merged,
    campaigns: &CampaignFile,
    format: Format,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Jsonl => {
            for ad in &merged.ads {
                serde_json::to_writer(&mut *out, &ad.record)?;
                writeln!(out)?;
            }
            Ok(())
        }
        Format::Json => {
            let results: Vec<&Map<String, Value>> = merged.ads.iter().map(|a| &a.record).collect();
            let doc = json!({
                "summary": merged.summary,
                "not_audited": merged.missing.len(),
                "results": results,
            });
            serde_json::to_writer_pretty(&mut *out, &doc)?;
            writeln!(out)
        }
        Format::Table => table(merged, campaigns, out),
    }
}

fn text<'a>(record: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    record.get(key).and_then(Value::as_str)
}

fn table(merged: &Merged, campaigns: &CampaignFile, out: &mut dyn Write) -> io::Result<()> {
    let id_width = merged
        .ads
        .iter()
        .map(|a| a.ad.chars().count())
        .max()
        .unwrap_or(2)
        .max(2);
    let indent = 2 + 5 + 2 + id_width + 2 + 8 + 2 + 3 + 2;
    for campaign in &campaigns.campaigns {
        let rows: Vec<_> = merged
            .ads
            .iter()
            .filter(|a| a.campaign == campaign.id)
            .collect();
        if rows.is_empty() {
            continue;
        }
        writeln!(out, "{} ({})", campaign.name, campaign.id)?;
        for row in rows {
            let kind = text(&row.record, "page_kind").unwrap_or("-");
            let identity = row
                .record
                .get("identity")
                .and_then(Value::as_u64)
                .map_or_else(|| "-".to_owned(), |s| s.to_string());
            let verdict = row.verdict.to_string().to_uppercase();
            let mut lines = messages(&row.record).into_iter();
            let first = lines.next().unwrap_or_default();
            let line = format!(
                "  {verdict:<5}  {:<id_width$}  {kind:<8}  {identity:>3}  {first}",
                row.ad
            );
            writeln!(out, "{}", line.trim_end())?;
            for line in lines {
                writeln!(out, "{:indent$}{line}", "")?;
            }
        }
        writeln!(out)?;
    }
    let s = &merged.summary;
    write!(
        out,
        "{} ads: {} pass, {} warn, {} fail, {} error",
        s.total(),
        s.pass,
        s.warn,
        s.fail,
        s.error
    )?;
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
    use super::super::{merge, read_ads};
    use super::*;

    fn merged() -> (Merged, CampaignFile) {
        let text = r#"{"campaigns": [{"id": "c1", "name": "Spring", "ads": [
            {"id": "a", "url": "https://s.example/a", "product": {"name": "Shoe"}},
            {"id": "bb", "url": "https://t.example/b", "product": {"name": "Boot"}}]}]}"#;
        let campaigns = crate::campaign::parse(text, std::path::Path::new("t.json")).unwrap();
        let lines = concat!(
            r#"{"type":"ad","campaign":"c1","ad":"bb","verdict":"fail","page_kind":"product","identity":40,"checks":[{"name":"price","outcome":"warn","message":"close"},{"name":"identity","outcome":"fail","message":"other product"},{"name":"reachable","outcome":"pass","message":"ok"}],"error":null}"#,
            "\n",
            r#"{"type":"ad","campaign":"c1","ad":"a","verdict":"error","page_kind":null,"identity":null,"checks":[],"error":"DNS failed"}"#,
        );
        let ads = read_ads(lines.as_bytes(), "s").unwrap();
        (merge(&campaigns, ads), campaigns)
    }

    fn render(format: Format) -> String {
        let (merged, campaigns) = merged();
        let mut out = Vec::new();
        write(&merged, &campaigns, format, &mut out).unwrap();
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
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["ad"], "a");
        assert_eq!(lines[0]["position"], 0);
        assert_eq!(lines[1]["position"], 1);
        assert_eq!(lines[1]["checks"][1]["message"], "other product");
        assert_eq!(lines[1]["type"], "ad");
    }

    #[test]
    fn json_document_has_summary_and_results() {
        let doc: Value = serde_json::from_str(&render(Format::Json)).unwrap();
        assert_eq!(doc["summary"]["error"], 1);
        assert_eq!(doc["not_audited"], 0);
        assert_eq!(doc["results"][1]["identity"], 40);
    }
}
