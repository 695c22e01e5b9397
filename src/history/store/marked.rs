//! Reading a run's marks back from its own stored results, so that the
//! reports of a run of a million ads never hold a mark per ad. A result
//! keeps its verdict and its failing streak, which tell a new ad from a
//! still-failing one; a fixed ad is told from an unchanged one by its
//! latest earlier result of the same campaign file, looked up the way
//! [`super::latest_streak`] looks it up while the run records.

use rusqlite::{params, Connection};

use crate::history::marks::Streak;

/// Which marks to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MarkKind {
    /// Every mark but unchanged.
    Changed,
    /// Newly failing.
    New,
    /// Failing now and in the latest earlier result.
    StillFailing,
    /// Failing in the latest earlier result, not now.
    Fixed,
}

/// One stored result, as much of it as its mark needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Marked {
    pub(crate) ad: String,
    pub(crate) failing: bool,
    pub(crate) streak: Streak,
    pub(crate) failed_before: bool,
}

/// Which run's results, of which campaign file.
#[derive(Debug, Clone)]
pub(crate) struct RunOf {
    pub(crate) run_id: i64,
    pub(crate) file_key: String,
}

// The statements are built from these pieces at compile time. Parameters:
// ?1 the run, ?2 its campaign file's key.
macro_rules! failing {
    () => {
        "r.verdict IN ('fail', 'error')"
    };
}
macro_rules! failed_before {
    () => {
        "COALESCE((SELECT p.fail_streak > 0 FROM results p JOIN runs u ON u.id = p.run_id
          WHERE p.ad = r.ad AND u.file_key = ?2 AND p.run_id < ?1
          ORDER BY p.run_id DESC LIMIT 1), 0)"
    };
}
macro_rules! marked {
    ($where:expr) => {
        concat!(
            "SELECT r.ad, ",
            failing!(),
            ", r.fail_streak, r.failing_since, CASE WHEN ",
            failing!(),
            " THEN 0 ELSE ",
            failed_before!(),
            " END FROM results r WHERE r.run_id = ?1 AND ",
            $where
        )
    };
}
/// A page of marks in ad order: ?3 the last ad of the page before (NULL
/// for the first page), ?4 the most rows.
macro_rules! page {
    ($filter:expr) => {
        (
            concat!(marked!($filter), " AND ?3 IS NULL ORDER BY r.ad LIMIT ?4"),
            concat!(marked!($filter), " AND r.ad > ?3 ORDER BY r.ad LIMIT ?4"),
        )
    };
}

fn page_statement(kind: MarkKind, first: bool) -> &'static str {
    let (first_page, next_page) = match kind {
        MarkKind::Changed => page!(concat!("(", failing!(), " OR ", failed_before!(), ")")),
        MarkKind::New => page!(concat!(failing!(), " AND r.fail_streak <= 1")),
        MarkKind::StillFailing => page!(concat!(failing!(), " AND r.fail_streak > 1")),
        MarkKind::Fixed => page!(concat!("NOT ", failing!(), " AND ", failed_before!())),
    };
    if first {
        first_page
    } else {
        next_page
    }
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Marked> {
    Ok(Marked {
        ad: r.get(0)?,
        failing: r.get(1)?,
        streak: Streak {
            runs: r.get(2)?,
            since: r.get(3)?,
        },
        failed_before: r.get(4)?,
    })
}

/// Up to `limit` results of `run` of `kind`, in ad order, after the ad
/// `after` (from the first when `None`).
pub(crate) fn page(
    conn: &Connection,
    run: &RunOf,
    kind: MarkKind,
    after: Option<&str>,
    limit: usize,
) -> rusqlite::Result<Vec<Marked>> {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let mut stmt = conn.prepare_cached(page_statement(kind, after.is_none()))?;
    let rows = stmt.query_map(params![run.run_id, run.file_key, after, limit], row)?;
    rows.collect()
}

/// The result of `ad` in `run`, if it has one.
pub(crate) fn one(conn: &Connection, run: &RunOf, ad: &str) -> rusqlite::Result<Option<Marked>> {
    let mut stmt = conn.prepare_cached(marked!("r.ad = ?3"))?;
    let mut rows = stmt.query_map(params![run.run_id, run.file_key, ad], row)?;
    rows.next().transpose()
}

/// How many results of `run` are new, still failing and fixed.
pub(crate) fn counts(conn: &Connection, run: &RunOf) -> rusqlite::Result<[i64; 3]> {
    let sql = concat!(
        "SELECT COALESCE(SUM(f AND s <= 1), 0), COALESCE(SUM(f AND s > 1), 0), COALESCE(SUM(b), 0)
         FROM (SELECT ",
        failing!(),
        " AS f, r.fail_streak AS s, CASE WHEN ",
        failing!(),
        " THEN 0 ELSE ",
        failed_before!(),
        " END AS b FROM results r WHERE r.run_id = ?1)"
    );
    conn.prepare_cached(sql)?
        .query_row(params![run.run_id, run.file_key], |r| {
            Ok([r.get(0)?, r.get(1)?, r.get(2)?])
        })
}
