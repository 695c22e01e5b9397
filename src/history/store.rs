//! The `SQLite` file behind the history: its schema (migrated with
//! `PRAGMA user_version`), and the queries that record a run and read an
//! ad's past. Every statement lives here so the schema has one home.

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};

use super::marks::Streak;
use super::HistoryError;

pub(crate) mod marked;

/// Schema migrations, in order; `user_version` counts those applied.
const MIGRATIONS: &[&str] = &[r"
CREATE TABLE runs (
    id            INTEGER PRIMARY KEY,
    file_key      TEXT    NOT NULL,
    file_path     TEXT    NOT NULL,
    file_sha256   TEXT,
    started_at    INTEGER NOT NULL,
    finished_at   INTEGER,
    tool_version  TEXT    NOT NULL,
    ads           INTEGER NOT NULL DEFAULT 0,
    pass          INTEGER NOT NULL DEFAULT 0,
    warn          INTEGER NOT NULL DEFAULT 0,
    fail          INTEGER NOT NULL DEFAULT 0,
    error         INTEGER NOT NULL DEFAULT 0,
    not_audited   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX runs_by_file ON runs (file_key, id);
CREATE TABLE results (
    run_id         INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    campaign       TEXT    NOT NULL,
    ad             TEXT    NOT NULL,
    verdict        TEXT    NOT NULL,
    failing_checks TEXT    NOT NULL,
    message        TEXT,
    final_url      TEXT,
    fail_streak    INTEGER NOT NULL,
    failing_since  INTEGER,
    PRIMARY KEY (run_id, ad)
);
CREATE INDEX results_by_ad ON results (ad, run_id);
"];

/// Opens (creating if need be) the database at `path` and brings its
/// schema up to date.
pub(crate) fn open(path: &Path) -> Result<Connection, HistoryError> {
    let at = |reason| HistoryError::Database {
        path: path.to_owned(),
        reason,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|reason| HistoryError::CreateDir {
            path: dir.to_owned(),
            reason,
        })?;
    }
    let conn = Connection::open(path).map_err(at)?;
    conn.busy_timeout(std::time::Duration::from_secs(10))
        .map_err(at)?;
    conn.execute_batch("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;")
        .map_err(at)?;
    migrate(&conn, path)?;
    Ok(conn)
}

/// Opens an existing database for reading; `None` when there is none.
pub(crate) fn open_existing(path: &Path) -> Result<Option<Connection>, HistoryError> {
    if !path.is_file() {
        return Ok(None);
    }
    open(path).map(Some)
}

fn migrate(conn: &Connection, path: &Path) -> Result<(), HistoryError> {
    let at = |reason| HistoryError::Database {
        path: path.to_owned(),
        reason,
    };
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(at)?;
    let version = usize::try_from(version).unwrap_or(usize::MAX);
    if version > MIGRATIONS.len() {
        return Err(HistoryError::TooNew {
            path: path.to_owned(),
            version,
            known: MIGRATIONS.len(),
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version) {
        conn.execute_batch(&format!(
            "BEGIN; {sql} PRAGMA user_version = {}; COMMIT;",
            i + 1
        ))
        .map_err(at)?;
    }
    Ok(())
}

/// An ad's state after its latest result in a run of the campaign file
/// `file_key` before run `before_run`; `None` when it has none. Looked up
/// ad by ad (through `results_by_ad`) as results come, so a run of a
/// million ads never holds the previous run's.
pub(crate) fn latest_streak(
    conn: &Connection,
    file_key: &str,
    before_run: i64,
    ad: &str,
) -> rusqlite::Result<Option<Streak>> {
    conn.prepare_cached(
        "SELECT p.fail_streak, p.failing_since
         FROM results p JOIN runs u ON u.id = p.run_id
         WHERE p.ad = ?1 AND u.file_key = ?2 AND p.run_id < ?3
         ORDER BY p.run_id DESC LIMIT 1",
    )?
    .query_row(params![ad, file_key, before_run], |r| {
        Ok(Streak {
            runs: r.get(0)?,
            since: r.get(1)?,
        })
    })
    .optional()
}

/// Whether any run of the campaign file `file_key` before run
/// `before_run` recorded a result.
pub(crate) fn has_earlier(
    conn: &Connection,
    file_key: &str,
    before_run: i64,
) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM runs u JOIN results r ON r.run_id = u.id
         WHERE u.file_key = ?1 AND u.id < ?2)",
        params![file_key, before_run],
        |r| r.get(0),
    )
}

/// The new row of a run about to start.
pub(crate) struct NewRun<'a> {
    pub(crate) file_key: &'a str,
    pub(crate) file_path: &'a str,
    pub(crate) file_sha256: Option<&'a str>,
    pub(crate) started_at: i64,
}

pub(crate) fn insert_run(conn: &Connection, run: &NewRun<'_>) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO runs (file_key, file_path, file_sha256, started_at, tool_version)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            run.file_key,
            run.file_path,
            run.file_sha256,
            run.started_at,
            env!("CARGO_PKG_VERSION")
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// One ad's row.
#[derive(Debug)]
pub(crate) struct Row {
    pub(crate) campaign: String,
    pub(crate) ad: String,
    pub(crate) verdict: String,
    pub(crate) failing_checks: String,
    pub(crate) message: Option<String>,
    pub(crate) final_url: Option<String>,
    pub(crate) streak: Streak,
}

/// Writes `rows` of run `run_id` in one short transaction, so runs of
/// other campaign files sharing the database wait for milliseconds only.
pub(crate) fn insert_results(
    conn: &mut Connection,
    run_id: i64,
    rows: &[Row],
) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    {
        let mut stmt = tx.prepare_cached(
            "INSERT OR REPLACE INTO results
             (run_id, campaign, ad, verdict, failing_checks, message, final_url, fail_streak, failing_since)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        for row in rows {
            stmt.execute(params![
                run_id,
                row.campaign,
                row.ad,
                row.verdict,
                row.failing_checks,
                row.message,
                row.final_url,
                row.streak.runs,
                row.streak.since,
            ])?;
        }
    }
    tx.commit()
}

/// The counts written when a run ends.
pub(crate) struct Totals {
    pub(crate) finished_at: i64,
    pub(crate) counts: [usize; 4],
    pub(crate) not_audited: usize,
}

pub(crate) fn finish_run(conn: &Connection, run_id: i64, t: &Totals) -> rusqlite::Result<()> {
    let n = |v: usize| i64::try_from(v).unwrap_or(i64::MAX);
    let [pass, warn, fail, error] = t.counts.map(n);
    conn.execute(
        "UPDATE runs SET finished_at = ?2, ads = ?3, pass = ?4, warn = ?5, fail = ?6,
         error = ?7, not_audited = ?8 WHERE id = ?1",
        params![
            run_id,
            t.finished_at,
            pass + warn + fail + error,
            pass,
            warn,
            fail,
            error,
            n(t.not_audited)
        ],
    )?;
    Ok(())
}

/// One past verdict of an ad.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastResult {
    /// When the run started, Unix seconds (UTC).
    pub started_at: i64,
    /// The campaign file as that run named it.
    pub file_path: String,
    /// The ad's campaign.
    pub campaign: String,
    /// `pass`, `warn`, `fail` or `error`.
    pub verdict: String,
    /// The checks that failed, comma-separated.
    pub failing_checks: String,
    /// The first message of a check that did not pass, or the error.
    pub message: Option<String>,
    /// Where the visitor ended up.
    pub final_url: Option<String>,
}

impl PastResult {
    /// When the run started, `YYYY-MM-DD HH:MM` (UTC).
    #[must_use]
    pub fn started(&self) -> String {
        super::marks::stamp(self.started_at)
    }
}

pub(crate) fn ad_results(
    conn: &Connection,
    ad: &str,
    file_key: Option<&str>,
) -> rusqlite::Result<Vec<PastResult>> {
    let mut stmt = conn.prepare(
        "SELECT u.started_at, u.file_path, r.campaign, r.verdict, r.failing_checks,
                r.message, r.final_url
         FROM results r JOIN runs u ON u.id = r.run_id
         WHERE r.ad = ?1 AND (?2 IS NULL OR u.file_key = ?2)
         ORDER BY r.run_id",
    )?;
    let rows = stmt.query_map(params![ad, file_key], |r| {
        Ok(PastResult {
            started_at: r.get(0)?,
            file_path: r.get(1)?,
            campaign: r.get(2)?,
            verdict: r.get(3)?,
            failing_checks: r.get(4)?,
            message: r.get(5)?,
            final_url: r.get(6)?,
        })
    })?;
    rows.collect()
}

/// How many runs the database holds.
pub(crate) fn run_count(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT COUNT(*) FROM runs", [], |r| r.get(0))
        .optional()
        .map(Option::unwrap_or_default)
}
