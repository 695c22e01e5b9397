//! A run's marks for the reports, read back from the history database
//! when a report asks for them rather than gathered in memory while the
//! run goes: a nightly run of a million failing ads would otherwise hold a
//! mark for each (about 190 bytes an ad) until its reports are written.
//! Lists come a page at a time, in ad order, so the summary of such a run
//! can be written while it is read.

use std::cell::RefCell;
use std::path::PathBuf;

use rusqlite::Connection;

use super::marks::{read_back, Mark};
use super::store::marked::{self, MarkKind, Marked, RunOf};
use super::HistoryError;

/// Marks read from the database at once: enough that reading them back
/// costs little next to writing them, few enough that memory stays flat.
const PAGE: usize = 1024;

/// Each ad's mark in one run, read from the history database as they are
/// asked for; empty when no history is kept.
#[derive(Debug, Default)]
pub struct Marks {
    store: Option<Store>,
    /// The first read that failed: the marks given after it are missing.
    failed: RefCell<Option<HistoryError>>,
}

/// The finished run whose marks these are.
#[derive(Debug)]
struct Store {
    conn: Connection,
    path: PathBuf,
    run: RunOf,
    started_at: i64,
}

impl Marks {
    /// The marks of run `run_id` (of the campaign file keyed `file_key`,
    /// started at `started_at`), read through `conn`, the database at `path`.
    pub(crate) fn stored(
        conn: Connection,
        path: PathBuf,
        run_id: i64,
        file_key: String,
        started_at: i64,
    ) -> Self {
        Self {
            store: Some(Store {
                conn,
                path,
                run: RunOf { run_id, file_key },
                started_at,
            }),
            failed: RefCell::default(),
        }
    }

    /// Whether the run is compared with a history at all.
    #[must_use]
    pub fn is_kept(&self) -> bool {
        self.store.is_some()
    }

    /// The mark of `ad`; `None` when no history is kept (or it could not
    /// be read: see [`Marks::take_error`]).
    #[must_use]
    pub fn get(&self, ad: &str) -> Option<Mark> {
        let store = self.store.as_ref()?;
        let found = marked::one(&store.conn, &store.run, ad);
        let found = self.keep_error(store, found)?;
        Some(found.map_or(Mark::Unchanged, |m| store.mark(&m)))
    }

    /// Every mark other than [`Mark::Unchanged`], by ad id, in ad order.
    pub fn changes(&self) -> impl Iterator<Item = (String, Mark)> + '_ {
        self.of_kind(MarkKind::Changed)
    }

    /// The marks of one kind, in ad order, read a page at a time.
    pub(crate) fn of_kind(&self, kind: MarkKind) -> impl Iterator<Item = (String, Mark)> + '_ {
        let mut after: Option<String> = None;
        let mut page = Vec::new().into_iter();
        let mut done = self.store.is_none();
        std::iter::from_fn(move || loop {
            if let Some(next) = page.next() {
                return Some(next);
            }
            if done {
                return None;
            }
            let store = self.store.as_ref()?;
            let read = marked::page(&store.conn, &store.run, kind, after.as_deref(), PAGE);
            let rows = self.keep_error(store, read).unwrap_or_default();
            done = rows.len() < PAGE;
            after = rows.last().map(|m| m.ad.clone());
            page = rows
                .into_iter()
                .map(|m| {
                    let mark = store.mark(&m);
                    (m.ad, mark)
                })
                .collect::<Vec<_>>()
                .into_iter();
        })
    }

    /// How many ads are new, still failing and fixed.
    #[must_use]
    pub fn counts(&self) -> (usize, usize, usize) {
        let Some(store) = &self.store else {
            return (0, 0, 0);
        };
        let counted = marked::counts(&store.conn, &store.run);
        let [new, still, fixed] = self
            .keep_error(store, counted)
            .unwrap_or_default()
            .map(|n| usize::try_from(n).unwrap_or_default());
        (new, still, fixed)
    }

    /// Why reading the marks failed, if it did: the reports written since
    /// then miss some of them.
    pub fn take_error(&self) -> Option<HistoryError> {
        self.failed.take()
    }

    /// `read`'s value, or `None` after keeping its error.
    fn keep_error<T>(&self, store: &Store, read: rusqlite::Result<T>) -> Option<T> {
        read.map_err(|reason| {
            self.failed
                .borrow_mut()
                .get_or_insert(HistoryError::Database {
                    path: store.path.clone(),
                    reason,
                });
        })
        .ok()
    }
}

impl Store {
    fn mark(&self, m: &Marked) -> Mark {
        read_back(m.failing, m.streak, m.failed_before, self.started_at)
    }
}

#[cfg(test)]
mod tests;
