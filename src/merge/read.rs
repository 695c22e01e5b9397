//! Reading shard reports: each JSON Lines line once, keeping only what
//! merging needs (ids, verdict, where the line is), and reading one line
//! again when the merged report is written.

use std::io::{self, BufRead, Seek, SeekFrom};

use serde::Deserialize;
use serde_json::{Map, Value};

use crate::report::wire::{Header, SummaryRecord};
use crate::score::Verdict;

/// Where an ad line is: which report, which line, which byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportLine {
    /// The report's index in the list given to [`read_report`].
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
    pub source: ReportLine,
    /// The campaign's id.
    pub campaign: String,
    /// The ad's id.
    pub ad: String,
    /// Its verdict.
    pub verdict: Verdict,
}

/// What one shard report holds: its header and summary lines, when it has
/// them, and its ad lines.
#[derive(Debug, Clone, Default)]
pub struct ShardReport {
    /// The run's header line.
    pub header: Option<Header>,
    /// The run's summary line; a report cut short has none.
    pub summary: Option<SummaryRecord>,
    /// The ad lines, in the order read.
    pub ads: Vec<ShardAd>,
}

/// A shard report line that cannot be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
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

/// Reads report number `report`, named `name` in messages: its `header`
/// and `summary` lines and the ids and verdict of each `ad` line. Lines of
/// any other `type` are skipped; a line without `type` is an ad line, as
/// reports written before run records had header and summary lines.
///
/// # Errors
/// [`MergeError`] for a line that is not a JSON object, an ad line without
/// `campaign`, `ad` or `verdict`, or a failed read.
pub fn read_report(
    mut reader: impl BufRead,
    report: usize,
    name: &str,
) -> Result<ShardReport, MergeError> {
    let mut read = ShardReport::default();
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
        let length = match reader.read_line(&mut text) {
            Ok(0) => break,
            Ok(length) => length as u64,
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
        let source = ReportLine {
            report,
            line: number,
            offset,
        };
        offset += length;
        if text.trim().is_empty() {
            continue;
        }
        let record: Map<String, Value> = serde_json::from_str(&text).map_err(|e| {
            at(
                e.column().max(1),
                format!("not a JSON object, as each line of a JSON Lines report must be ({e})"),
            )
        })?;
        match record.get("type").and_then(Value::as_str) {
            None | Some("ad") => {}
            Some("header") => {
                if read.header.is_none() {
                    read.header = Header::deserialize(Value::Object(record)).ok();
                }
                continue;
            }
            Some("summary") => {
                read.summary = SummaryRecord::deserialize(Value::Object(record)).ok();
                continue;
            }
            Some(_) => continue,
        }
        let key = AdKey::deserialize(Value::Object(record)).map_err(|e| {
            at(
                1,
                format!("an ad line needs \"campaign\", \"ad\" and \"verdict\" ({e})"),
            )
        })?;
        read.ads.push(ShardAd {
            source,
            campaign: key.campaign,
            ad: key.ad,
            verdict: key.verdict,
        });
    }
    Ok(read)
}

/// Reads the whole line of `ad` again from its report, with `position`
/// set to `position`.
///
/// # Errors
/// When the report cannot be read there, or the line changed since
/// [`read_report`] read it.
pub(crate) fn read_record(
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

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, report: usize) -> Vec<ShardAd> {
        read_report(text.as_bytes(), report, "s").unwrap().ads
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
        let err = read_report(
            "{\"campaign\":\"c1\",\"ad\":\"a\",\"verdict\":\"pass\"}\n{\"campaign\": oops}\n"
                .as_bytes(),
            0,
            "s1.jsonl",
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("s1.jsonl:2:14: not a JSON object"), "{err}");
        let err = read_report(r#"{"campaign":"c1","ad":"a"}"#.as_bytes(), 0, "s2.jsonl")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("s2.jsonl:1:1") && err.contains("verdict"),
            "{err}"
        );
        let err = read_report(&b"{\"type\":\"header\"}\n\xff\n"[..], 0, "s3.jsonl")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("s3.jsonl:2:1: not UTF-8"), "{err}");
    }
}
