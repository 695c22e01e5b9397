//! The ads that failed in the report a run replaces, read a line at a
//! time: last night's report of a million ads is not loaded whole.

use std::collections::HashSet;
use std::path::Path;

use anyhow::Result;
use landcheck::Verdict;
use serde::Deserialize;

use super::ad_key;

/// What the alert reads of one ad record.
#[derive(Deserialize)]
struct Seen {
    campaign: String,
    ad: String,
    verdict: Verdict,
}

/// The keys of the ads that failed or errored in the `--format jsonl` or
/// `--format json` report at `path`.
pub(crate) fn failing_in(path: &Path) -> Result<HashSet<u64>> {
    let mut failing = HashSet::new();
    super::super::diff::each_ad(path, |seen: Seen| {
        if seen.verdict >= Verdict::Fail {
            failing.insert(ad_key(&seen.campaign, &seen.ad));
        }
    })?;
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
            refused.contains("last.jsonl:3: not a JSON line"),
            "{refused}"
        );
    }

    #[test]
    fn failing_ads_are_read_from_a_json_document_pretty_or_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("last.json");
        let doc = serde_json::json!({"schema_version": 1, "results": [
            {"campaign": "c", "ad": "a1", "verdict": "warn"},
            {"campaign": "c", "ad": "a2", "verdict": "fail"},
        ]});
        for text in [doc.to_string(), serde_json::to_string_pretty(&doc).unwrap()] {
            std::fs::write(&path, text).unwrap();
            assert_eq!(failing_in(&path).unwrap(), [ad_key("c", "a2")].into());
        }
        std::fs::write(&path, "{\n\"campaigns\": []\n}\n").unwrap();
        let refused = failing_in(&path).unwrap_err().to_string();
        assert!(
            refused.ends_with("is not a landcheck JSON or JSON Lines report"),
            "{refused}"
        );
    }
}
