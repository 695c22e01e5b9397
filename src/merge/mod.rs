//! Putting shard reports back together. Each `audit --shard K/N` run
//! writes the JSON Lines of its own ads; merging reads them all, puts every
//! ad back at its place in the campaign file and proves the set complete:
//! every ad of the file exactly once, none missing, none twice, none from
//! another file. The ad lines are carried over as they were written, so
//! nothing a shard recorded is lost on the way. Only each line's ids,
//! verdict and place in its report are held in memory; the lines themselves
//! are read again as the merged report is written, so a run of millions of
//! ads merges in little memory.

mod read;
mod write;

use std::collections::HashMap;

use crate::audit::Summary;
use crate::campaign::CampaignFile;
use crate::report::wire::{sha256_hex, Header, RunOptions, SummaryRecord};

pub(crate) use read::read_record;
pub use read::{read_report, MergeError, ReportLine, ShardAd, ShardReport};

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
    pub kept: ReportLine,
    /// The line left out.
    pub extra: ShardAd,
}

/// The merged report and everything that keeps it from being complete.
#[derive(Debug, Clone)]
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
    /// Reports whose header names a campaign file of other content, by
    /// index.
    pub other_campaign_file: Vec<usize>,
    /// The header of the merged report: the first shard's, or a new one
    /// when no shard has one.
    pub header: Header,
    /// The summary of the merged report.
    pub closing: SummaryRecord,
}

impl Merged {
    /// Whether every ad of the campaign file is there exactly once.
    #[must_use]
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty()
            && self.duplicated.is_empty()
            && self.unknown.is_empty()
            && self.other_campaign_file.is_empty()
    }
}

/// Puts the ad lines of every shard in the order of `campaigns` and checks
/// that each ad of it is there exactly once, and that every shard audited
/// the same campaign file: `origin`, its name and bytes. Invalid ad
/// entries that `campaigns` lists as skipped are expected too: an audit
/// with `--skip-invalid-ads` writes a line for each.
#[must_use]
pub fn merge(campaigns: &CampaignFile, origin: (&str, &[u8]), reports: Vec<ShardReport>) -> Merged {
    let (header, other_campaign_file, totals) = provenance(origin, &reports);
    let shards = reports.into_iter().flat_map(|r| r.ads);
    let expected: Vec<(usize, &str, &str)> = campaigns
        .entries()
        .map(|e| (e.position(), e.campaign_id(), e.ad_id()))
        .collect();
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
    let mut merged = Merged {
        ads: Vec::new(),
        summary: Summary::default(),
        missing: Vec::new(),
        duplicated: Vec::new(),
        unknown: Vec::new(),
        other_campaign_file,
        header,
        closing: SummaryRecord::default(),
    };
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
    let mut closing = SummaryRecord::new(expected.len(), merged.summary);
    closing.duration_ms = totals.duration_ms;
    closing.pages_fetched = totals.pages_fetched;
    closing.interrupted = totals.interrupted;
    closing.resumed = totals.resumed;
    closing.not_audited = merged.missing.iter().map(|m| m.ad.clone()).collect();
    merged.closing = closing;
    merged
}

/// The merged report's header (the first shard's, or a new one), the
/// reports whose header names a campaign file of other content, and the
/// shards' summaries summed up: the longest duration, whether any was
/// interrupted, and how many ads were carried over by resumes.
fn provenance(
    origin: (&str, &[u8]),
    reports: &[ShardReport],
) -> (Header, Vec<usize>, SummaryRecord) {
    let sha = sha256_hex(origin.1);
    let other_campaign_file = reports
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            r.header
                .as_ref()
                .and_then(|h| h.campaign_sha256.as_deref())
                .is_some_and(|theirs| theirs != sha)
        })
        .map(|(i, _)| i)
        .collect();
    let header = reports
        .iter()
        .find_map(|r| r.header.clone())
        .unwrap_or_else(|| {
            Header::new(
                std::time::SystemTime::now(),
                Some(origin),
                RunOptions::default(),
            )
        });
    let summaries = reports.iter().filter_map(|r| r.summary.as_ref());
    let mut totals = SummaryRecord::default();
    for s in summaries {
        totals.duration_ms = totals.duration_ms.max(s.duration_ms);
        totals.interrupted |= s.interrupted;
        totals.resumed += s.resumed;
        totals.pages_fetched += s.pages_fetched;
    }
    (header, other_campaign_file, totals)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::Verdict;

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
        read_report(text.as_bytes(), report, "s").unwrap().ads
    }

    fn merged_of(ads: Vec<ShardAd>) -> Merged {
        let report = ShardReport {
            ads,
            ..ShardReport::default()
        };
        merge(&campaigns(), ("t.json", b"{}"), vec![report])
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
        let merged = merged_of(shards);
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
        let merged = merged_of(shards);
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
