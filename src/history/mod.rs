//! The run history: every run of a campaign file and every ad's result,
//! kept in an embedded `SQLite` database (by default `.landcheck/history.db`
//! next to the campaign file), so a report can say what broke since the
//! previous run, what got fixed and what has been failing for days, and
//! `landcheck history AD_ID` can show one ad's verdicts over time.
//!
//! Runs of the same campaign file are told apart from other files' runs by
//! the file's canonical path, not its content: editing a file keeps its
//! history. The content's SHA-256 is kept with each run for the record.

mod marks;
mod run_marks;
mod store;

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::Connection;
use sha2::{Digest, Sha256};

use crate::audit::{AdResult, Summary};
use crate::score::Outcome;

pub use marks::Mark;
pub use run_marks::Marks;
pub(crate) use store::marked::MarkKind;
pub use store::PastResult;

/// The folder, next to the campaign file, that holds the history.
pub(crate) const HISTORY_DIR: &str = ".landcheck";
/// The history database's file name inside [`HISTORY_DIR`].
pub(crate) const HISTORY_FILE: &str = "history.db";
/// Results written at once, in one short transaction; a run killed
/// outright loses at most these.
const BATCH: usize = 256;

/// Why the history could not be read or written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HistoryError {
    /// The folder for the database could not be created.
    #[error("cannot create the history folder {path}: {reason}")]
    CreateDir {
        /// The folder.
        path: PathBuf,
        /// Why the operating system refused.
        reason: std::io::Error,
    },
    /// The campaign file could not be read to fingerprint it.
    #[error("cannot read the campaign file {path} to find its history: {reason}")]
    ReadCampaign {
        /// The campaign file.
        path: PathBuf,
        /// Why the operating system refused.
        reason: std::io::Error,
    },
    /// `SQLite` refused to open, read or write the database.
    #[error("the history database {path} cannot be used: {reason}")]
    Database {
        /// The database file.
        path: PathBuf,
        /// `SQLite`'s words.
        reason: rusqlite::Error,
    },
    /// The database was written by a newer landcheck.
    #[error("the history database {path} has schema version {version}, newer than this landcheck knows ({known}); upgrade landcheck or use another database")]
    TooNew {
        /// The database file.
        path: PathBuf,
        /// Its schema version.
        version: usize,
        /// The newest version this build knows.
        known: usize,
    },
}

/// Which campaign file a run audits, as the history keys it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignSource {
    /// What ties runs of the same file together: its canonical path.
    pub key: String,
    /// The path as given.
    pub path: String,
    /// SHA-256 of the file's content, hex.
    pub sha256: Option<String>,
}

impl CampaignSource {
    /// A campaign file on disk, keyed by its canonical path.
    ///
    /// # Errors
    /// [`HistoryError::ReadCampaign`] when the file cannot be read.
    pub fn file(path: &Path) -> Result<Self, HistoryError> {
        let read = |reason| HistoryError::ReadCampaign {
            path: path.to_owned(),
            reason,
        };
        let sha256 = std::fs::File::open(path)
            .and_then(sha256_of)
            .map_err(read)?;
        let canonical = std::fs::canonicalize(path).map_err(read)?;
        Ok(Self {
            key: canonical.display().to_string(),
            path: path.display().to_string(),
            sha256: Some(sha256),
        })
    }

    /// Ads that come from no file (the demo, a one-ad check), keyed by name.
    #[must_use]
    pub fn named(key: &str) -> Self {
        Self {
            key: key.to_owned(),
            path: key.to_owned(),
            sha256: None,
        }
    }
}

/// An open history database.
#[derive(Debug)]
pub struct History {
    conn: Connection,
    path: PathBuf,
}

impl History {
    /// The history database next to a campaign file:
    /// `DIR/.landcheck/history.db` for `DIR/campaigns.json`.
    #[must_use]
    pub fn default_path(campaign_file: &Path) -> PathBuf {
        campaign_file
            .parent()
            .unwrap_or_else(|| Path::new(""))
            .join(HISTORY_DIR)
            .join(HISTORY_FILE)
    }

    /// Opens the database at `path`, creating it and its folder if need be.
    ///
    /// # Errors
    /// When the folder or the database cannot be created or read.
    pub fn open(path: &Path) -> Result<Self, HistoryError> {
        Ok(Self {
            conn: store::open(path)?,
            path: path.to_owned(),
        })
    }

    /// Every past result of `ad`, oldest first, in runs of the campaign
    /// file keyed `file_key` (every file when `None`); `None` when there is
    /// no database at `path`.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn of_ad(
        path: &Path,
        ad: &str,
        file_key: Option<&str>,
    ) -> Result<Option<Vec<PastResult>>, HistoryError> {
        let Some(conn) = store::open_existing(path)? else {
            return Ok(None);
        };
        store::ad_results(&conn, ad, file_key)
            .map(Some)
            .map_err(|reason| HistoryError::Database {
                path: path.to_owned(),
                reason,
            })
    }

    /// How many runs the database holds.
    ///
    /// # Errors
    /// When the database cannot be read.
    pub fn run_count(&self) -> Result<i64, HistoryError> {
        store::run_count(&self.conn).map_err(|e| self.error(e))
    }

    /// Starts recording a run of `source`, compared with its previous run.
    ///
    /// # Errors
    /// When the database cannot be read or written.
    pub fn begin(self, source: &CampaignSource) -> Result<Recording, HistoryError> {
        let started_at = now();
        let run = store::NewRun {
            file_key: &source.key,
            file_path: &source.path,
            file_sha256: source.sha256.as_deref(),
            started_at,
        };
        let run_id = store::insert_run(&self.conn, &run).map_err(|e| self.error(e))?;
        let has_previous =
            store::has_earlier(&self.conn, &source.key, run_id).map_err(|e| self.error(e))?;
        Ok(Recording {
            history: self,
            run_id,
            file_key: source.key.clone(),
            started_at,
            has_previous,
            pending: Vec::new(),
        })
    }

    fn error(&self, reason: rusqlite::Error) -> HistoryError {
        HistoryError::Database {
            path: self.path.clone(),
            reason,
        }
    }
}

/// A run being recorded: marks each result as it comes and stores it.
///
/// It holds no mark per ad: each ad's previous state is looked up in the
/// database when its result comes, results are written 256 at a
/// time, and the marks are read back from the run's own results when it
/// finishes, so memory stays flat however many ads the run has.
#[derive(Debug)]
pub struct Recording {
    history: History,
    run_id: i64,
    /// The campaign file's key, which ties the run to its earlier ones.
    file_key: String,
    started_at: i64,
    has_previous: bool,
    pending: Vec<store::Row>,
}

impl Recording {
    /// Marks `result` against the previous run and stores it.
    ///
    /// # Errors
    /// When the database cannot be written.
    pub fn record(&mut self, result: &AdResult) -> Result<Mark, HistoryError> {
        let before =
            store::latest_streak(&self.history.conn, &self.file_key, self.run_id, &result.ad)
                .map_err(|e| self.history.error(e))?;
        let (mark, streak) = marks::mark(before, result.verdict, self.started_at);
        let failing: Vec<String> = result
            .checks()
            .iter()
            .filter(|c| c.outcome == Outcome::Fail)
            .map(|c| c.name.to_string())
            .collect();
        let message = result
            .error()
            .or_else(|| first_message(result, Outcome::Fail))
            .or_else(|| first_message(result, Outcome::Warn));
        self.pending.push(store::Row {
            campaign: result.campaign.clone(),
            ad: result.ad.clone(),
            verdict: result.verdict.to_string(),
            failing_checks: failing.join(","),
            message: message.map(str::to_owned),
            final_url: result.final_url().map(ToString::to_string),
            streak,
        });
        if self.pending.len() >= BATCH {
            self.flush()?;
        }
        Ok(mark)
    }

    /// Writes the results recorded since the last write.
    fn flush(&mut self) -> Result<(), HistoryError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.pending);
        store::insert_results(&mut self.history.conn, self.run_id, &rows)
            .map_err(|e| self.history.error(e))
    }

    /// Whether an earlier run of the same campaign file was found.
    #[must_use]
    pub fn has_previous(&self) -> bool {
        self.has_previous
    }

    /// Writes the run's counts and commits; the marks of the run, read
    /// back from the database as the reports ask for them.
    ///
    /// # Errors
    /// When the database cannot be written.
    pub fn finish(mut self, summary: &Summary, not_audited: usize) -> Result<Marks, HistoryError> {
        let totals = store::Totals {
            finished_at: now(),
            counts: [summary.pass, summary.warn, summary.fail, summary.error],
            not_audited,
        };
        self.flush()?;
        store::finish_run(&self.history.conn, self.run_id, &totals)
            .map_err(|e| self.history.error(e))?;
        // The recording keeps its own connection until it is dropped; the
        // marks read through one of their own.
        let path = self.history.path.clone();
        let reader = store::open(&path)?;
        Ok(Marks::stored(
            reader,
            path,
            self.run_id,
            std::mem::take(&mut self.file_key),
            self.started_at,
        ))
    }
}

impl Drop for Recording {
    fn drop(&mut self) {
        // A run that ends without `finish` keeps what it recorded.
        let _ = self.flush();
    }
}

fn first_message(result: &AdResult, outcome: Outcome) -> Option<&str> {
    result
        .checks()
        .iter()
        .find(|c| c.outcome == outcome)
        .map(|c| c.message.as_str())
}

/// The SHA-256 of everything `reader` holds, in lower-case hex, read a
/// block at a time: a campaign file of a million ads, hundreds of
/// megabytes, is never held in memory.
///
/// # Errors
/// When `reader` fails.
pub fn sha256_of(mut reader: impl std::io::Read) -> std::io::Result<String> {
    let mut hasher = Sha256::new();
    let mut block = vec![0; 1 << 16];
    loop {
        match reader.read(&mut block) {
            Ok(0) => break,
            Ok(n) => hasher.update(&block[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(hex(&hasher.finalize()))
}

/// Lower-case hexadecimal of `bytes`.
fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests;
