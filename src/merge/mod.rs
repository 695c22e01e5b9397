//! Putting shard reports back together. Each `audit --shard K/N` run
//! writes the JSON Lines of its own ads; merging reads them all, puts every
//! ad back at its place in the campaign file and proves the set complete:
//! every ad of the file exactly once, none missing, none twice, none from
//! another file. The ad lines are carried over as they were written, so
//! nothing a shard recorded is lost on the way. Only each line's ids,
//! verdict and place in its report are held in memory; the lines themselves
//! are read again as the merged report is written, so a run of millions of
//! ads merges in little memory.

mod write;

use std::collections::HashMap;
use std::io::{self, BufRead, Seek, SeekFrom};

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::audit::Summary;
use crate::campaign::CampaignFile;
use crate::score::Verdict;

pub use write::write;

/// Where an ad line is: which report, which line, which byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    /// The report's index in the list given to [`read_ads`].
    pub report: usize,
    /// Line number, from 1.
    pub line: usize,
    /// Byte offset of the line's start.
    pub offset: u64,
}

/// One ad line of a shard report: its ids and verdict, and where to read
/// the whole line again.
#[derive(Debug, Clone, PartialEq)]
pub struct ShardAd {
    /// Where it was read.
    pub source: Source,
    /// The campaign's id.
    pub campaign: String,
    /// The ad's id.
    pub ad: String,
    /// Its verdict.
    pub verdict: Verdict,
}

/// An ad of the campaign file that no report has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingAd {
    /// Position of the ad in the campaign file, from 0.
    pub position: usize,
    /// The campaign's id.
    pub campaign: String,
    /// The ad's id.
    pub ad: String,
}

/// An ad line beyond the first for the same ad.
#[derive(Debug, Clone, PartialEq)]
pub struct DuplicateAd {
    /// Where the line that is kept was read.
    pub kept: Source,
    /// The line left out.
    pub extra: ShardAd,
}

/// The merged report and everything that keeps it from being complete.
#[derive(Debug, Clone, Default)]
pub struct Merged {
    /// One line per ad with its position in the whole file, in file order.
    pub ads: Vec<(usize, ShardAd)>,
    /// Verdict counts over [`Merged::ads`].
    pub summary: Summary,
    /// Ads of the campaign file found in no report.
    pub missing: Vec<MissingAd>,
    /// Ads found more than once; the first line read is kept.
    pub duplicated: Vec<DuplicateAd>,
    /// Ad lines for ads the campaign file does not have.
    pub unknown: Vec<ShardAd>,
}

impl Merged {
    /// Whether every ad of the campaign file is there exactly once.
    #[must_use]
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty() && self.duplicated.is_empty() && self.unknown.is_empty()
    }
}

/// A shard report line that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// The report could not be read.
    #[error("cannot read {name}: {source}")]
    Read {
        /// The report's name.
        name: String,
        /// What went wrong.
        source: std::io::Error,
    },
    /// A line is not JSON, or an ad line lacks its campaign, ad or verdict.
    #[error("{name}:{line}:{column}: {message}")]
    Line {
        /// The report's name.
        name: String,
        /// Line number, from 1.
        line: usize,
        /// Column, from 1.
        column: usize,
        /// What is wrong.
        message: String,
    },
}

/// The fields an ad line must have for merging.
#[derive(Deserialize)]
struct AdKey {
    campaign: String,
    ad: String,
    verdict: Verdict,
}

/// Reads the ad lines of report number `report`, named `name` in
/// messages. Lines whose `type` is anything but `ad` (the run's header and
/// summary) are skipped; a line without `type` is an ad line, as reports
/// without header and summary lines write them.
///
/// # Errors
/// [`MergeError`] for a line that is not a JSON object, an ad line without
/// `campaign`, `ad` or `verdict`, or a failed read.
pub fn read_ads(
    mut reader: impl BufRead,
    report: usize,
    name: &str,
) -> Result<Vec<ShardAd>, MergeError> {
    let mut ads = Vec::new();
    let mut text = String::new();
    let mut offset = 0;
    for number in 1.. {
        let at = |column: usize, message: String| MergeError::Line {
            name: name.to_owned(),
            line: number,
            column,
            message,
        };
        text.clear();
        let read = match reader.read_line(&mut text) {
            Ok(0) => break,
            Ok(read) => read as u64,
            Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                return Err(at(1, "not UTF-8 text".into()))
            }
            Err(source) => {
                return Err(MergeError::Read {
                    name: name.to_owned(),
                    source,
                })
            }
        };
        let source = Source {
            report,
            line: number,
            offset,
        };
        offset += read;
        if text.trim().is_empty() {
            continue;
        }
        let record: Map<String, Value> = serde_json::from_str(&text).map_err(|e| {
            at(
                e.column().max(1),
                format!("not a JSON object, as each line of a JSON Lines report must be ({e})"),
            )
        })?;
        match record.get("type") {
            None => {}
            Some(Value::String(kind)) if kind == "ad" => {}
            Some(_) => continue,
        }
        let key = AdKey::deserialize(Value::Object(record)).map_err(|e| {
            at(
                1,
                format!("an ad line needs \"campaign\", \"ad\" and \"verdict\" ({e})"),
            )
        })?;
        ads.push(ShardAd {
            source,
            campaign: key.campaign,
            ad: key.ad,
            verdict: key.verdict,
        });
    }
    Ok(ads)
}

/// Reads the whole line of `ad` again from its report, with `position`
/// set to `position`.
///
/// # Errors
/// When the report cannot be read there, or the line changed since
/// [`read_ads`] read it.
pub fn read_record(
    report: &mut (impl BufRead + Seek),
    ad: &ShardAd,
    position: usize,
) -> io::Result<Map<String, Value>> {
    report.seek(SeekFrom::Start(ad.source.offset))?;
    let mut text = String::new();
    report.read_line(&mut text)?;
    let mut record: Map<String, Value> = serde_json::from_str(&text).map_err(|e| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("line {} changed while merging: {e}", ad.source.line),
        )
    })?;
    record.insert("position".to_owned(), Value::from(position));
    Ok(record)
}

/// Puts the ad lines of every shard in the order of `campaigns` and checks
/// that each ad of it is there exactly once. Invalid ad entries that
/// `campaigns` lists as skipped are expected too: an audit with
/// `--skip-invalid-ads` writes a line for each.
#[must_use]
pub fn merge(campaigns: &CampaignFile, shards: Vec<ShardAd>) -> Merged {
    let mut expected: Vec<(usize, &str, &str)> = campaigns
        .positioned_ads()
        .map(|(p, c, ad)| (p, c.id.as_str(), ad.id.as_str()))
        .chain(
            campaigns
                .skipped
                .iter()
                .map(|s| (s.position, s.campaign.as_str(), s.ad.as_str())),
        )
        .collect();
    expected.sort_unstable();
    // Campaign id -> ad id -> its positions in the file, and how many of
    // them are filled.
    let mut slots: HashMap<&str, HashMap<&str, (Vec<usize>, usize)>> = HashMap::new();
    for &(position, campaign, ad) in &expected {
        slots
            .entry(campaign)
            .or_default()
            .entry(ad)
            .or_default()
            .0
            .push(position);
    }
    let slot_of: HashMap<usize, usize> = expected
        .iter()
        .enumerate()
        .map(|(slot, &(position, _, _))| (position, slot))
        .collect();
    let mut placed: Vec<Option<ShardAd>> = vec![None; expected.len()];
    let mut merged = Merged::default();
    for line in shards {
        let Some((positions, filled)) = slots
            .get_mut(line.campaign.as_str())
            .and_then(|ads| ads.get_mut(line.ad.as_str()))
        else {
            merged.unknown.push(line);
            continue;
        };
        if let Some(&position) = positions.get(*filled) {
            *filled += 1;
            placed[slot_of[&position]] = Some(line);
        } else {
            let kept = positions
                .first()
                .and_then(|first| placed[slot_of[first]].as_ref())
                .map_or(line.source, |first| first.source);
            merged.duplicated.push(DuplicateAd { kept, extra: line });
        }
    }
    for (line, &(position, campaign, ad)) in placed.into_iter().zip(&expected) {
        if let Some(line) = line {
            merged.summary.add(line.verdict);
            merged.ads.push((position, line));
        } else {
            merged.missing.push(MissingAd {
                position,
                campaign: campaign.to_owned(),
                ad: ad.to_owned(),
            });
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn campaigns() -> CampaignFile {
        let ad = |id: &str| {
            format!(
                r#"{{"id": "{id}", "url": "https://s.example/{id}", "product": {{"name": "Shoe"}}}}"#
            )
        };
        let text = format!(
            r#"{{"campaigns": [{{"id": "c1", "name": "One", "ads": [{}, {}]}}, {{"id": "c2", "name": "Two", "ads": [{}]}}]}}"#,
            ad("a"),
            ad("b"),
            ad("c")
        );
        crate::campaign::parse(&text, std::path::Path::new("t.json")).unwrap()
    }

    fn read(text: &str, report: usize) -> Vec<ShardAd> {
        read_ads(text.as_bytes(), report, "s").unwrap()
    }

    #[test]
    fn reads_ad_lines_and_skips_header_and_summary() {
        let text = concat!(
            r#"{"type":"header","schema_version":1}"#,
            "\n",
            r#"{"type":"ad","position":0,"campaign":"c1","ad":"b","verdict":"fail","checks":[]}"#,
            "\n\n",
            r#"{"position":1,"campaign":"c2","ad":"c","verdict":"pass"}"#,
            "\n",
            r#"{"type":"summary","pass":1,"fail":1}"#,
            "\n",
        );
        let ads = read(text, 3);
        let keys: Vec<_> = ads
            .iter()
            .map(|a| (a.source.report, a.source.line, a.ad.as_str(), a.verdict))
            .collect();
        assert_eq!(
            keys,
            [(3, 2, "b", Verdict::Fail), (3, 4, "c", Verdict::Pass)]
        );
        // The whole line is read again from where it was found.
        let mut report = std::io::Cursor::new(text.as_bytes());
        let record = read_record(&mut report, &ads[1], 7).unwrap();
        assert_eq!(record["ad"], "c");
        assert_eq!(record["position"], 7);
        let record = read_record(&mut report, &ads[0], 0).unwrap();
        assert_eq!(record["checks"], serde_json::json!([]));
    }

    #[test]
    fn bad_lines_are_named_with_file_line_and_column() {
        let err = read_ads(
            "{\"campaign\":\"c1\",\"ad\":\"a\",\"verdict\":\"pass\"}\n{\"campaign\": oops}\n"
                .as_bytes(),
            0,
            "s1.jsonl",
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("s1.jsonl:2:14: not a JSON object"), "{err}");
        let err = read_ads(r#"{"campaign":"c1","ad":"a"}"#.as_bytes(), 0, "s2.jsonl")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("s2.jsonl:1:1") && err.contains("verdict"),
            "{err}"
        );
        let err = read_ads(&b"{\"type\":\"header\"}\n\xff\n"[..], 0, "s3.jsonl")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("s3.jsonl:2:1: not UTF-8"), "{err}");
    }

    #[test]
    fn merges_in_file_order_with_file_positions() {
        let mut shards = read(
            r#"{"position":0,"campaign":"c2","ad":"c","verdict":"warn"}"#,
            0,
        );
        shards.extend(read(
            "{\"position\":0,\"campaign\":\"c1\",\"ad\":\"a\",\"verdict\":\"pass\"}\n{\"position\":1,\"campaign\":\"c1\",\"ad\":\"b\",\"verdict\":\"fail\"}",
            1,
        ));
        let merged = merge(&campaigns(), shards);
        assert!(merged.is_complete());
        let order: Vec<_> = merged
            .ads
            .iter()
            .map(|(p, a)| (*p, a.ad.as_str(), a.source.report))
            .collect();
        assert_eq!(order, [(0, "a", 1), (1, "b", 1), (2, "c", 0)]);
        let s = merged.summary;
        assert_eq!((s.pass, s.warn, s.fail), (1, 1, 1));
    }

    #[test]
    fn missing_duplicated_and_unknown_ads_are_listed() {
        let shards = read(
            concat!(
                r#"{"campaign":"c1","ad":"a","verdict":"pass"}"#,
                "\n",
                r#"{"campaign":"c1","ad":"a","verdict":"fail"}"#,
                "\n",
                r#"{"campaign":"c9","ad":"z","verdict":"pass"}"#,
            ),
            0,
        );
        let merged = merge(&campaigns(), shards);
        assert!(!merged.is_complete());
        assert_eq!(merged.ads.len(), 1);
        assert_eq!(merged.ads[0].1.verdict, Verdict::Pass);
        let missing: Vec<_> = merged
            .missing
            .iter()
            .map(|m| (m.position, m.ad.as_str()))
            .collect();
        assert_eq!(missing, [(1, "b"), (2, "c")]);
        assert_eq!(merged.duplicated.len(), 1);
        assert_eq!(merged.duplicated[0].kept.line, 1);
        assert_eq!(merged.duplicated[0].extra.source.line, 2);
        assert_eq!(merged.unknown.len(), 1);
        assert_eq!(merged.unknown[0].campaign, "c9");
    }
}
