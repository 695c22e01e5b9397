//! `--resume FILE.partial`: reads what an interrupted JSON Lines run wrote
//! so the run can go on where it stopped. The header and every whole ad
//! line are kept; a torn last line (the run died mid-write) and the
//! summary of the interrupted part are dropped, and the file is cut there
//! before the rest is appended.

use std::collections::HashSet;
use std::path::Path;

use anyhow::{bail, Context, Result};
use landcheck::wire::{AdRecord, Header, Record, SCHEMA_VERSION};

use super::output::PARTIAL;

/// What an interrupted run left.
#[derive(Debug)]
pub(crate) struct Partial {
    /// Its header: the run record keeps the first part's start and options.
    pub(crate) header: Header,
    /// The ads already audited, in the order written.
    pub(crate) ads: Vec<AdRecord>,
    /// Bytes of whole header and ad lines; the rest is cut.
    pub(crate) keep: u64,
}

impl Partial {
    /// `(campaign, ad)` of every ad already audited.
    pub(crate) fn done(&self) -> HashSet<(String, String)> {
        self.ads
            .iter()
            .map(|a| (a.campaign.clone(), a.ad.clone()))
            .collect()
    }
}

/// Reads `path`, checking it continues a run of the campaign file whose
/// SHA-256 is `campaign_sha256`.
pub(crate) fn read(path: &Path, campaign_sha256: Option<&str>) -> Result<Partial> {
    if !path.to_string_lossy().ends_with(PARTIAL) {
        bail!(
            "--resume {} : give the {PARTIAL} file an interrupted run left (e.g. out.jsonl{PARTIAL})",
            path.display()
        );
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let partial = parse(&bytes, path)?;
    if let (Some(then), Some(now)) = (partial.header.campaign_sha256.as_deref(), campaign_sha256) {
        if then != now {
            bail!(
                "{} was started on another version of the campaign file (sha256 {then}, now {now}); its results cannot be continued. Start a new run",
                path.display()
            );
        }
    }
    Ok(partial)
}

fn parse(bytes: &[u8], path: &Path) -> Result<Partial> {
    let mut header = None;
    let mut ads = Vec::new();
    let mut keep = 0u64;
    let mut seen = HashSet::new();
    let mut start = 0;
    let mut number = 0;
    while start < bytes.len() {
        number += 1;
        let Some(len) = bytes[start..].iter().position(|&b| b == b'\n') else {
            break; // torn: the run died while writing this line
        };
        let end = start + len + 1;
        let line = &bytes[start..end];
        let last = end == bytes.len();
        let record = match serde_json::from_slice::<serde_json::Value>(line) {
            Ok(value) => value,
            Err(_) if last => break,
            Err(e) => bail!(
                "{}:{number}: not a JSON line ({e}); cannot resume from it",
                path.display()
            ),
        };
        match record.get("type").and_then(|t| t.as_str()) {
            Some("summary") => break,
            Some("header" | "ad") => {}
            _ => {
                start = end;
                continue;
            }
        }
        match serde_json::from_value::<Record>(record) {
            Ok(Record::Header(h)) if header.is_none() && number == 1 => {
                if h.schema_version > SCHEMA_VERSION {
                    bail!(
                        "{} has schema version {}; this landcheck writes {SCHEMA_VERSION}: resume it with a newer landcheck",
                        path.display(),
                        h.schema_version
                    );
                }
                header = Some(h);
            }
            Ok(Record::Ad(ad)) if header.is_some() => {
                if seen.insert((ad.campaign.clone(), ad.ad.clone())) {
                    ads.push(ad);
                }
            }
            Err(_) if last => break,
            _ => bail!(
                "{}:{number}: not a record of a landcheck run this version can resume",
                path.display()
            ),
        }
        keep = end as u64;
        start = end;
    }
    let Some(header) = header else {
        bail!(
            "{} does not start with the header of a landcheck --format jsonl run; cannot resume from it",
            path.display()
        );
    };
    Ok(Partial { header, ads, keep })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = r#"{"type":"header","schema_version":1,"tool":"landcheck","tool_version":"0","started_at":"","campaign_file":"c.json","campaign_sha256":"ab","options":{}}"#;

    fn ad(id: &str) -> String {
        format!(
            r#"{{"type":"ad","position":0,"campaign":"c","ad":"{id}","url":"u","final_url":null,"status":null,"verdict":"pass","page_kind":null,"identity":null,"error":null,"facts":null}}"#
        )
    }

    #[test]
    fn keeps_whole_ad_lines_and_cuts_a_torn_one() {
        let whole = format!("{HEADER}\n{}\n{}\n", ad("a"), ad("b"));
        let text = format!("{whole}{}", &ad("c")[..30]);
        let p = parse(text.as_bytes(), Path::new("x.partial")).unwrap();
        let ids: Vec<&str> = p.ads.iter().map(|a| a.ad.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(p.keep, whole.len() as u64);
    }

    #[test]
    fn drops_the_summary_of_the_interrupted_part() {
        let whole = format!("{HEADER}\n{}\n", ad("a"));
        let text = format!("{whole}{{\"type\":\"summary\",\"interrupted\":true}}\n");
        let p = parse(text.as_bytes(), Path::new("x.partial")).unwrap();
        assert_eq!((p.ads.len(), p.keep), (1, whole.len() as u64));
    }

    #[test]
    fn refuses_a_file_without_header_or_broken_in_the_middle() {
        let err = parse(format!("{}\n", ad("a")).as_bytes(), Path::new("x.partial"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("x.partial:1:"), "{err}");
        let text = format!("{HEADER}\nnot json\n{}\n", ad("a"));
        let err = parse(text.as_bytes(), Path::new("x.partial"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("x.partial:2: not a JSON line"), "{err}");
    }

    #[test]
    fn refuses_another_campaign_file_and_a_name_without_partial() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl.partial");
        std::fs::write(&path, format!("{HEADER}\n")).unwrap();
        let err = read(&path, Some("cd")).unwrap_err().to_string();
        assert!(
            err.contains("another version of the campaign file"),
            "{err}"
        );
        assert!(read(&path, Some("ab")).is_ok());
        let err = read(&dir.path().join("out.jsonl"), None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("give the .partial file"), "{err}");
    }
}
