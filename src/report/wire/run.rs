//! The records that frame a run: the header (what ran, on which campaign
//! file, with which options) and the summary (counts, duration, what was
//! not audited, and what changed since the previous run), with the time
//! and checksum formats they use.

use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::SCHEMA_VERSION;
use crate::audit::Summary;
use crate::fetch::FetchOptions;
use crate::history::{Mark, MarkKind, Marks};

/// What ran, on which campaign file, with which options.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// [`SCHEMA_VERSION`] of the records that follow.
    pub schema_version: u32,
    /// Always `landcheck`.
    pub tool: String,
    /// The version of landcheck that wrote the record.
    pub tool_version: String,
    /// When the run started, RFC 3339 in UTC.
    pub started_at: String,
    /// The campaign file as given on the command line, if the ads came
    /// from one.
    pub campaign_file: Option<String>,
    /// SHA-256 of the campaign file's bytes, lower-case hex.
    pub campaign_sha256: Option<String>,
    /// The options that shape the results.
    pub options: RunOptions,
}

impl Header {
    /// A header for a run starting at `started`, on `campaign` (its path as
    /// given and its bytes), if the ads came from a file.
    #[must_use]
    pub fn new(started: SystemTime, campaign: Option<(&str, &[u8])>, options: RunOptions) -> Self {
        Self {
            schema_version: SCHEMA_VERSION,
            tool: "landcheck".to_owned(),
            tool_version: env!("CARGO_PKG_VERSION").to_owned(),
            started_at: rfc3339(started),
            campaign_file: campaign.map(|(path, _)| path.to_owned()),
            campaign_sha256: campaign.map(|(_, bytes)| sha256_hex(bytes)),
            options,
        }
    }
}

/// The options of a run that change its results.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RunOptions {
    /// Report format.
    pub format: String,
    /// Lowest verdict that makes the exit code 1 (`warn`, `fail`, `never`).
    pub fail_on: String,
    /// Landing pages fetched at once.
    pub concurrency: usize,
    /// Requests in flight to one host.
    pub per_host: usize,
    /// Requests per second to one host; `null` for no limit.
    pub host_rate: Option<f64>,
    /// Time allowed for one request, in milliseconds.
    pub timeout_ms: u64,
    /// Time allowed to open a connection, in milliseconds.
    pub connect_timeout_ms: u64,
    /// Time allowed for one ad, in milliseconds.
    pub ad_timeout_ms: u64,
    /// Retries after a transient failure.
    pub retries: u32,
    /// Largest body read, in bytes.
    pub max_body_bytes: usize,
    /// Most redirects followed.
    pub max_redirects: usize,
    /// The User-Agent sent.
    pub user_agent: String,
    /// Names of the extra request headers (their values are not recorded:
    /// they may be secrets).
    pub header_names: Vec<String>,
    /// Hosts sent to another address.
    pub resolve: Vec<String>,
    /// Whether redirects into private networks are followed.
    pub allow_private_network: bool,
    /// The category tree file, if any.
    pub taxonomy: Option<String>,
    /// Whether invalid ads got error rows instead of stopping the run.
    pub skip_invalid_ads: bool,
    /// The shard of the campaign file this run audited, `K/N`; `null`
    /// for the whole file.
    pub shard: Option<String>,
}

impl RunOptions {
    /// The options `fetch` and `concurrency` set; the caller fills in the
    /// rest.
    #[must_use]
    pub fn new(fetch: &FetchOptions, concurrency: usize) -> Self {
        let ms = |d: std::time::Duration| u64::try_from(d.as_millis()).unwrap_or(u64::MAX);
        Self {
            concurrency,
            per_host: fetch.host.per_host,
            host_rate: fetch.host.host_rate,
            timeout_ms: ms(fetch.timeout),
            connect_timeout_ms: ms(fetch.connect_timeout),
            ad_timeout_ms: ms(fetch.ad_timeout),
            retries: fetch.retries,
            max_body_bytes: fetch.max_body_bytes,
            max_redirects: fetch.max_redirects,
            user_agent: fetch.user_agent.clone(),
            header_names: fetch.headers.iter().map(|(n, _)| n.clone()).collect(),
            resolve: fetch
                .resolve
                .iter()
                .map(|r| format!("{}={}", r.host, r.addr))
                .collect(),
            allow_private_network: fetch.allow_private_network,
            ..Self::default()
        }
    }
}

/// The end of a run: counts, duration and what was not audited.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SummaryRecord {
    /// Ads in the campaign file.
    pub ads: usize,
    /// Ads that passed.
    pub pass: usize,
    /// Ads with a warning.
    pub warn: usize,
    /// Ads that failed.
    pub fail: usize,
    /// Ads whose page could not be had.
    pub error: usize,
    /// How long the run took, in milliseconds (for a resumed run, the
    /// last part only).
    pub duration_ms: u64,
    /// When the run ended, RFC 3339 in UTC.
    pub finished_at: String,
    /// Whether a signal stopped the run.
    pub interrupted: bool,
    /// Ads carried over from the partial report a resumed run continued.
    pub resumed: usize,
    /// Ids of the ads not audited, in file order.
    pub not_audited: Vec<String>,
    /// Landing pages loaded, each once however many ads point at it (for
    /// a resumed run, the last part only).
    #[serde(default)]
    pub pages_fetched: usize,
    /// What changed since the previous run of the same campaign file;
    /// absent when no history is kept.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub changes: Option<ChangesRecord>,
}

/// The marks of a run, by kind, each list sorted by ad id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChangesRecord {
    /// Ads failing now that were not failing in the previous run.
    pub new: Vec<String>,
    /// Ads failing in the previous run that are not failing now.
    pub fixed: Vec<String>,
    /// Ads failing now and before.
    pub still_failing: Vec<StillFailingRecord>,
}

/// An ad failing run after run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StillFailingRecord {
    /// The ad's id.
    pub ad: String,
    /// The date (UTC, `YYYY-MM-DD`) of the first failing run of the streak.
    pub since: String,
    /// Failing runs in a row, this one included.
    pub runs: u32,
}

impl From<&Marks> for ChangesRecord {
    /// Every change of `marks`, gathered; the reports write them from the
    /// history without gathering them.
    fn from(marks: &Marks) -> Self {
        let ids = |kind| marks.of_kind(kind).map(|(ad, _)| ad).collect();
        Self {
            new: ids(MarkKind::New),
            fixed: ids(MarkKind::Fixed),
            still_failing: marks
                .of_kind(MarkKind::StillFailing)
                .map(|(ad, mark)| StillFailingRecord {
                    since: mark.since_date().unwrap_or_default(),
                    runs: match mark {
                        Mark::StillFailing { runs, .. } => runs,
                        _ => 0,
                    },
                    ad,
                })
                .collect(),
        }
    }
}

impl SummaryRecord {
    /// The counts of `summary` over `ads` ads.
    #[must_use]
    pub fn new(ads: usize, summary: Summary) -> Self {
        Self {
            ads,
            pass: summary.pass,
            warn: summary.warn,
            fail: summary.fail,
            error: summary.error,
            finished_at: rfc3339(SystemTime::now()),
            ..Self::default()
        }
    }
}

/// `time` as RFC 3339 in UTC, to the second.
#[must_use]
pub(crate) fn rfc3339(time: SystemTime) -> String {
    let at = time::OffsetDateTime::from(time).replace_nanosecond(0);
    at.ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

/// SHA-256 of `bytes` in lower-case hex.
#[must_use]
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut hex, b| {
            let _ = write!(hex, "{b:02x}");
            hex
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_list_each_kind_of_mark_sorted_and_are_absent_without_history() {
        let record = SummaryRecord::default();
        let line = serde_json::to_string(&record).unwrap();
        assert!(!line.contains("changes"), "{line}");

        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("h.db");
        let source = crate::history::CampaignSource::named("c.json");
        let fail = |ad: &str| crate::report::tests::result("c", ad, crate::score::Verdict::Fail);
        let mut first = crate::history::History::open(&db)
            .unwrap()
            .begin(&source)
            .unwrap();
        first.record(&fail("b")).unwrap();
        first.finish(&Summary::default(), 0).unwrap();
        let mut second = crate::history::History::open(&db)
            .unwrap()
            .begin(&source)
            .unwrap();
        for ad in ["z", "b", "a"] {
            second.record(&fail(ad)).unwrap();
        }
        let marks = second.finish(&Summary::default(), 0).unwrap();
        let changes = ChangesRecord::from(&marks);
        assert_eq!(changes.new, ["a", "z"]);
        assert!(changes.fixed.is_empty());
        assert_eq!(changes.still_failing[0].ad, "b");
        assert_eq!(changes.still_failing[0].runs, 2);
        assert_eq!(changes.still_failing[0].since.len(), 10);
        let json = serde_json::to_value(&changes).unwrap();
        assert_eq!(json["still_failing"][0]["runs"], 2);
    }

    #[test]
    fn times_are_rfc3339_utc_and_checksums_hex() {
        let t = SystemTime::UNIX_EPOCH + std::time::Duration::from_millis(1_764_633_600_250);
        assert_eq!(rfc3339(t), "2025-12-02T00:00:00Z");
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
