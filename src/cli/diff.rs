//! `landcheck diff OLD NEW`: what changed between two reports, as lines for
//! people or JSON for scripts, with an exit code a script can branch on:
//! 0 when nothing newly fails, 1 when some ad does, 2 on bad input.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use landcheck::wire::{AdRecord, SCHEMA_VERSION};
use landcheck::Verdict;
use landcheck::{diff, Change, RunDiff};
use serde_json::Value;

use super::args::{DiffFormat, FailOn};
use super::{EXIT_ADS_FAIL, EXIT_OK};

/// Compares the reports at `old` and `new` and prints what changed.
pub(crate) fn run(old: &Path, new: &Path, format: DiffFormat, fail_on: FailOn) -> Result<ExitCode> {
    let failing_from = match fail_on {
        FailOn::Warn => Some(Verdict::Warn),
        FailOn::Fail => Some(Verdict::Fail),
        FailOn::Never => None,
    };
    let d = diff(&read(old)?, &read(new)?, failing_from);
    let mut out = std::io::stdout().lock();
    let written = match format {
        DiffFormat::Json => {
            let doc = serde_json::json!({"schema_version": SCHEMA_VERSION, "diff": &d});
            serde_json::to_writer_pretty(&mut out, &doc)
                .map_err(std::io::Error::from)
                .and_then(|()| writeln!(out))
        }
        DiffFormat::Table => out.write_all(table(&d).as_bytes()),
    };
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other.context("cannot write the comparison")?,
    }
    Ok(ExitCode::from(if d.newly_failing.is_empty() {
        EXIT_OK
    } else {
        EXIT_ADS_FAIL
    }))
}

/// The ad records of a `--format jsonl` or `--format json` report.
pub(super) fn read(path: &Path) -> Result<Vec<AdRecord>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the report {}", path.display()))?;
    if let Ok(doc) = serde_json::from_str::<Value>(&text) {
        if let Some(results) = doc.get("results") {
            return serde_json::from_value(results.clone()).map_err(|e| {
                anyhow::anyhow!(
                    "{}: \"results\" holds no ad records this landcheck reads: {e}",
                    path.display()
                )
            });
        }
    }
    let mut ads = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let last = i + 1 == lines.len();
        let value: Value = match serde_json::from_str(line) {
            Ok(v) => v,
            // A run that died mid-write leaves a torn last line.
            Err(_) if last && !text.ends_with('\n') => break,
            Err(e) => bail!("{}:{}: not a JSON line: {e}", path.display(), i + 1),
        };
        match value.get("type").and_then(Value::as_str) {
            Some("ad") => ads.push(serde_json::from_value(value).map_err(|e| {
                anyhow::anyhow!("{}:{}: not an ad record: {e}", path.display(), i + 1)
            })?),
            Some(_) => {}
            None => bail!(
                "{}:{}: a line without \"type\": not a landcheck --format jsonl report (schema {SCHEMA_VERSION})",
                path.display(),
                i + 1
            ),
        }
    }
    if ads.is_empty() && !text.contains("\"type\":\"header\"") {
        bail!(
            "{} is not a landcheck JSON or JSON Lines report",
            path.display()
        );
    }
    Ok(ads)
}

fn table(d: &RunDiff) -> String {
    let mut s = String::new();
    section(&mut s, "Newly failing", &d.newly_failing, |c| {
        let was = c
            .old_verdict
            .map_or("new ad".to_owned(), |v| format!("was {v}"));
        format!("{} ({was}): {}", c.new_verdict, detail(c))
    });
    section(&mut s, "Fixed", &d.fixed, |c| {
        format!(
            "{} (was {}: {})",
            c.new_verdict,
            c.old_verdict.map_or_else(String::new, |v| v.to_string()),
            names(&c.old_failing)
        )
    });
    section(&mut s, "Changed reason", &d.changed_reason, |c| {
        format!(
            "{} (was {}: {}): {}",
            c.new_verdict,
            c.old_verdict.map_or_else(String::new, |v| v.to_string()),
            names(&c.old_failing),
            detail(c)
        )
    });
    s.push_str(&format!(
        "{} newly failing, {} fixed, {} changed reason, {} unchanged",
        d.newly_failing.len(),
        d.fixed.len(),
        d.changed_reason.len(),
        d.unchanged
    ));
    if !d.only_in_old.is_empty() {
        s.push_str(&format!(
            "; {} ads only in the old report",
            d.only_in_old.len()
        ));
    }
    s.push('\n');
    s
}

fn section(s: &mut String, title: &str, changes: &[Change], line: impl Fn(&Change) -> String) {
    if changes.is_empty() {
        return;
    }
    s.push_str(&format!("{title} ({}):\n", changes.len()));
    let width = changes
        .iter()
        .map(|c| c.ad.chars().count() + c.campaign.chars().count() + 1)
        .max()
        .unwrap_or(0);
    for c in changes {
        let id = format!("{}/{}", c.campaign, c.ad);
        s.push_str(&format!("  {id:<width$}  {}\n", line(c)));
    }
    s.push('\n');
}

fn detail(c: &Change) -> String {
    c.message.clone().unwrap_or_else(|| names(&c.new_failing))
}

fn names(checks: &[String]) -> String {
    if checks.is_empty() {
        "-".to_owned()
    } else {
        checks.join(", ")
    }
}
