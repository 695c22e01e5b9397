//! The ads that failed in the report a run replaces, read a line at a
//! time: last night's report of a million ads is not loaded whole.

use std::collections::HashSet;
use std::io::BufRead;
use std::path::Path;

use anyhow::{bail, Context, Result};
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
    // A line that does not read is forgiven only as the last one.
    let mut torn: Option<usize> = None;
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("cannot read the report {}", path.display()))?;
        if let Some(at) = torn {
            bail!("{}:{}: not a JSON line", path.display(), at + 1);
        }
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
            torn = Some(i);
            continue;
        };
        if record.kind == "ad" && record.verdict.is_some_and(|v| v >= Verdict::Fail) {
            failing.insert(ad_key(&record.campaign, &record.ad));
        }
    }
    Ok(failing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failing_ads_are_read_and_only_a_last_line_may_be_torn() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("last.jsonl");
        let lines = [
            r#"{"type":"header","schema_version":1}"#,
            r#"{"type":"ad","campaign":"c","ad":"a1","verdict":"fail"}"#,
            r#"{"type":"ad","campaign":"c","ad":"a2","verdict":"pass"}"#,
            r#"{"type":"ad","campaign":"c","ad":"a3","verdict":"error"}"#,
        ];
        std::fs::write(
            &path,
            format!("{}\n{{\"type\":\"ad\",\"camp", lines.join("\n")),
        )
        .unwrap();
        let failing = failing_in(&path).unwrap();
        assert_eq!(failing, [ad_key("c", "a1"), ad_key("c", "a3")].into());

        std::fs::write(
            &path,
            format!("{}\n{{oops\n{}\n", lines[..2].join("\n"), lines[3]),
        )
        .unwrap();
        let refused = failing_in(&path).unwrap_err().to_string();
        assert!(
            refused.ends_with("last.jsonl:3: not a JSON line"),
            "{refused}"
        );
    }
}
