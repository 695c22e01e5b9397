//! The ads that failed in the report a run replaces, read a line at a
//! time: last night's report of a million ads is not loaded whole.

use std::collections::HashSet;
use std::io::BufRead;
use std::path::Path;

use anyhow::{Context, Result};
use landcheck::Verdict;
use serde::Deserialize;

use super::ad_key;

/// What the alert reads of one line of a JSON Lines report.
#[derive(Deserialize)]
struct Line {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    campaign: String,
    #[serde(default)]
    ad: String,
    verdict: Option<Verdict>,
}

/// The keys of the ads that failed or errored in the `--format jsonl` or
/// `--format json` report at `path`.
pub(crate) fn failing_in(path: &Path) -> Result<HashSet<u64>> {
    let file = std::fs::File::open(path)
        .with_context(|| format!("cannot read the report {}", path.display()))?;
    let mut failing = HashSet::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("cannot read the report {}", path.display()))?;
        let Ok(record) = serde_json::from_str::<Line>(&line) else {
            if i == 0 {
                // Not JSON Lines: a `--format json` document, held whole
                // by the run that wrote it too.
                return Ok(super::super::diff::read(path)?
                    .iter()
                    .filter(|r| r.verdict >= Verdict::Fail)
                    .map(|r| ad_key(&r.campaign, &r.ad))
                    .collect());
            }
            // A run that died mid-write leaves a torn last line.
            continue;
        };
        if record.kind == "ad" && record.verdict.is_some_and(|v| v >= Verdict::Fail) {
            failing.insert(ad_key(&record.campaign, &record.ad));
        }
    }
    Ok(failing)
}
