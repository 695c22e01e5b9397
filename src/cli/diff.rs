//! `landcheck diff OLD NEW`: what changed between two reports, as lines for
//! people or JSON for scripts, with an exit code a script can branch on:
//! 0 when nothing newly fails, 1 when some ad does, 2 on bad input.

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use landcheck::wire::{AdRecord, SCHEMA_VERSION};
use landcheck::Verdict;
use landcheck::{diff, Change, RunDiff};
use serde::de::{Deserialize, DeserializeOwned};
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
    let mut ads = Vec::new();
    each_ad(path, |ad| ads.push(ad))?;
    Ok(ads)
}

/// Hands `each` the ad records of the `--format jsonl` report at `path`
/// one line at a time, so that a report of a million ads is never held
/// whole; or those of a `--format json` report, which is.
pub(super) fn each_ad<T: DeserializeOwned>(path: &Path, mut each: impl FnMut(T)) -> Result<()> {
    let cannot = || format!("cannot read the report {}", path.display());
    let mut reader = BufReader::new(File::open(path).with_context(cannot)?);
    let (mut line, mut number, mut ads, mut header) = (String::new(), 0, 0usize, false);
    while reader.read_line(&mut line).with_context(cannot)? > 0 {
        number += 1;
        let value = match serde_json::from_str::<Value>(line.trim_end_matches(['\n', '\r'])) {
            Ok(v) if number == 1 && v.get("results").is_some() => return each_in(path, v, each),
            Ok(v) => v,
            // A pretty-printed `--format json` document.
            Err(_) if number == 1 => {
                let text = std::fs::read_to_string(path).with_context(cannot)?;
                let doc = serde_json::from_str(&text).map_err(|_| not_a_report(path))?;
                return each_in(path, doc, each);
            }
            // A run that died mid-write leaves a torn last line.
            Err(_) if !line.ends_with('\n') => break,
            Err(e) => bail!("{}:{number}: not a JSON line: {e}", path.display()),
        };
        match value.get("type").and_then(Value::as_str) {
            Some("ad") => {
                each(T::deserialize(value).map_err(|e| {
                    anyhow::anyhow!("{}:{number}: not an ad record: {e}", path.display())
                })?);
                ads += 1;
            }
            Some(kind) => header |= kind == "header",
            None => bail!(
                "{}:{number}: a line without \"type\": not a landcheck --format jsonl report (schema {SCHEMA_VERSION})",
                path.display(),
            ),
        }
        line.clear();
    }
    if ads == 0 && !header {
        return Err(not_a_report(path));
    }
    Ok(())
}

/// Hands `each` the ad records of the `--format json` report `doc`.
fn each_in<T: DeserializeOwned>(path: &Path, doc: Value, each: impl FnMut(T)) -> Result<()> {
    let Some(results) = doc.get("results") else {
        return Err(not_a_report(path));
    };
    let ads = Vec::<T>::deserialize(results).map_err(|e| {
        anyhow::anyhow!(
            "{}: \"results\" holds no ad records this landcheck reads: {e}",
            path.display()
        )
    })?;
    ads.into_iter().for_each(each);
    Ok(())
}

fn not_a_report(path: &Path) -> anyhow::Error {
    anyhow::anyhow!(
        "{} is not a landcheck JSON or JSON Lines report",
        path.display()
    )
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
