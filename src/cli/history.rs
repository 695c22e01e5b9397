//! The run history at the command line: which database a run records
//! into (`--history`, `--no-history`, or `.landcheck/history.db` next to
//! the campaign file), and `landcheck history AD_ID`, which prints one
//! ad's verdicts over time.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Result};
use landcheck::{AdResult, Summary};
use landcheck::{CampaignSource, History, HistoryError, Mark, Marks, Recording};

use super::config::Settings;
use super::EXIT_OK;

/// Records a run into the history, if one is kept. A database that fails
/// mid-run costs the history, never the report.
pub(crate) struct Tracker {
    recording: Option<Recording>,
    db: PathBuf,
    failed: Option<HistoryError>,
}

impl Tracker {
    /// The history of a run of `campaign_file` (kept by default), or of
    /// ads from no file, keyed `named` (kept only with `--history`).
    pub(crate) fn start(
        settings: &Settings,
        campaign_file: Option<&Path>,
        named: &str,
    ) -> Result<Self> {
        let none = |db| Self {
            recording: None,
            db,
            failed: None,
        };
        if settings.no_history {
            return Ok(none(PathBuf::new()));
        }
        let (db, source) = match (campaign_file, &settings.history) {
            (Some(file), db) => (
                db.clone().unwrap_or_else(|| History::default_path(file)),
                CampaignSource::file(file)?,
            ),
            (None, Some(db)) => (db.clone(), CampaignSource::named(named)),
            (None, None) => return Ok(none(PathBuf::new())),
        };
        match History::open(&db).and_then(|h| h.begin(&source)) {
            Ok(recording) => Ok(Self {
                recording: Some(recording),
                db,
                failed: None,
            }),
            // A history asked for by name must work; the default one may
            // not stop the audit.
            Err(e) if settings.history.is_some() => {
                bail!("{e}; use another --history PATH, or --no-history")
            }
            Err(e) => {
                eprintln!("landcheck: {e}; auditing without history (name one with --history PATH, or silence this with --no-history)");
                Ok(none(db))
            }
        }
    }

    /// Whether this run is kept in a history.
    pub(crate) fn is_kept(&self) -> bool {
        self.recording.is_some()
    }

    /// Marks and stores one result; its mark, when a history is kept.
    pub(crate) fn record(&mut self, result: &AdResult) -> Option<Mark> {
        let recording = self.recording.as_mut()?;
        match recording.record(result) {
            Ok(mark) => Some(mark),
            Err(e) => {
                self.failed = Some(e);
                self.recording = None;
                None
            }
        }
    }

    /// Closes the run and hands back the marks for the reports.
    pub(crate) fn finish(self, summary: &Summary, not_audited: usize) -> Marks {
        let (marks, failed) = match self.recording {
            Some(recording) => match recording.finish(summary, not_audited) {
                Ok(marks) => (marks, self.failed),
                Err(e) => (Marks::default(), Some(e)),
            },
            None => (Marks::default(), self.failed),
        };
        if let Some(e) = failed {
            eprintln!(
                "landcheck: this run is missing from the history {}: {e}",
                self.db.display()
            );
        }
        marks
    }
}

/// Warns when the marks could not all be read back from the history for
/// the reports: the reports are written, without the marks that failed.
pub(crate) fn warn_unread(marks: &Marks) {
    if let Some(e) = marks.take_error() {
        eprintln!("landcheck: the reports miss some of this run's marks: {e}");
    }
}

/// `landcheck history AD_ID`: the ad's verdicts, oldest first.
pub(crate) fn show(ad: &str, campaign_file: Option<&Path>, db: Option<&Path>) -> Result<ExitCode> {
    let db = match (db, campaign_file) {
        (Some(db), _) => db.to_owned(),
        (None, Some(file)) => History::default_path(file),
        (None, None) => History::default_path(Path::new("campaigns.json")),
    };
    let key = campaign_file
        .map(CampaignSource::file)
        .transpose()?
        .map(|s| s.key);
    let Some(past) = History::of_ad(&db, ad, key.as_deref())? else {
        bail!(
            "there is no history at {}: `landcheck audit FILE` keeps one in .landcheck/history.db next to FILE; name it with --campaign-file FILE or --history PATH",
            db.display()
        );
    };
    if past.is_empty() {
        let scope =
            campaign_file.map_or_else(String::new, |f| format!(" in runs of {}", f.display()));
        bail!(
            "the history {} has no result for an ad \"{ad}\"{scope}",
            db.display()
        );
    }
    let files: std::collections::BTreeSet<&str> =
        past.iter().map(|p| p.file_path.as_str()).collect();
    println!(
        "{ad}: {} run{} in {}",
        past.len(),
        if past.len() == 1 { "" } else { "s" },
        db.display()
    );
    println!(
        "{:<16}  {:<7}  {:<20}  MESSAGE",
        "DATE (UTC)", "VERDICT", "FAILING CHECKS"
    );
    for p in &past {
        let checks = if p.failing_checks.is_empty() {
            "-"
        } else {
            p.failing_checks.as_str()
        };
        let mut line = format!(
            "{:<16}  {:<7}  {checks:<20}  {}",
            p.started(),
            p.verdict.to_uppercase(),
            p.message.as_deref().unwrap_or("")
        );
        if files.len() > 1 {
            line.push_str(&format!("  ({})", p.file_path));
        }
        println!("{}", line.trim_end());
    }
    Ok(ExitCode::from(EXIT_OK))
}
