//! What changed for one ad since the previous run of the same campaign
//! file: newly failing, still failing (since when, for how many runs),
//! fixed, or unchanged. Pure functions of the previous state and today's
//! verdict, so reporters can show a mark the moment an ad finishes.
//!
//! An ad is *failing* when its verdict is `fail` or `error`: the verdicts
//! the default `--fail-on fail` counts. A warning is not a failure, so an ad
//! going from `fail` to `warn` is `fixed`, and from `pass` to `warn` is
//! unchanged.

use std::fmt;

use serde::Serialize;

use crate::score::Verdict;

/// What changed for one ad since the previous run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "mark", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Mark {
    /// Failing now, not failing (or not audited) in the previous run.
    New,
    /// Failing now and in the previous run.
    StillFailing {
        /// When the first run of this failing streak started, Unix seconds
        /// (UTC); serialized as its `YYYY-MM-DD` date.
        #[serde(serialize_with = "as_date")]
        since: i64,
        /// How many runs in a row have failed, this one included.
        runs: u32,
    },
    /// Failing in the previous run, not failing now.
    Fixed,
    /// Not failing now, and not failing in the previous run.
    Unchanged,
}

impl Mark {
    /// The short name used in data attributes and filters: `new`,
    /// `still_failing`, `fixed` or `unchanged`.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::StillFailing { .. } => "still_failing",
            Self::Fixed => "fixed",
            Self::Unchanged => "unchanged",
        }
    }

    /// The day (UTC, `YYYY-MM-DD`) the failing streak of a still-failing
    /// ad began.
    #[must_use]
    pub fn since_date(self) -> Option<String> {
        match self {
            Self::StillFailing { since, .. } => Some(date(since)),
            _ => None,
        }
    }

    /// Whether the ad's failing state changed since the previous run.
    #[must_use]
    pub fn changed(self) -> bool {
        matches!(self, Self::New | Self::Fixed)
    }
}

impl fmt::Display for Mark {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::StillFailing { since, runs } => {
                write!(f, "still failing since {} ({runs} runs)", date(*since))
            }
            other => f.write_str(other.key()),
        }
    }
}

// serde's `serialize_with` hands the field by reference.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn as_date<S: serde::Serializer>(unix: &i64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&date(*unix))
}

/// Whether a verdict counts as failing for the marks.
#[must_use]
pub(crate) fn is_failing(verdict: Verdict) -> bool {
    matches!(verdict, Verdict::Fail | Verdict::Error)
}

/// `YYYY-MM-DD` (UTC) of a Unix time.
#[must_use]
pub(crate) fn date(unix: i64) -> String {
    stamp(unix)[..10].to_owned()
}

/// `YYYY-MM-DD HH:MM` (UTC) of a Unix time.
#[must_use]
pub(crate) fn stamp(unix: i64) -> String {
    let t =
        time::OffsetDateTime::from_unix_timestamp(unix).unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute()
    )
}

/// An ad's state after its latest run: enough to mark the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Streak {
    /// Failing runs in a row up to and including that run; 0 when passing.
    pub(crate) runs: u32,
    /// When the first of those runs started, Unix seconds.
    pub(crate) since: Option<i64>,
}

/// The mark of an ad whose latest earlier result of the same campaign
/// file left it in state `before` (`None` when it has none), with today's
/// `verdict`, in a run started at `started` (Unix seconds); and the streak
/// to store for it.
pub(crate) fn mark(before: Option<Streak>, verdict: Verdict, started: i64) -> (Mark, Streak) {
    let before = before.filter(|s| s.runs > 0);
    match (before, is_failing(verdict)) {
        (None, false) => (Mark::Unchanged, Streak::passing()),
        (Some(_), false) => (Mark::Fixed, Streak::passing()),
        (None, true) => (
            Mark::New,
            Streak {
                runs: 1,
                since: Some(started),
            },
        ),
        (Some(s), true) => {
            let since = s.since.unwrap_or(started);
            let runs = s.runs.saturating_add(1);
            (
                Mark::StillFailing { since, runs },
                Streak {
                    runs,
                    since: Some(since),
                },
            )
        }
    }
}

/// A stored result read back as the mark [`mark`] gave it: whether it is
/// failing, the streak stored with it, and whether the ad was failing in
/// its latest earlier result (which only tells a fixed ad from an
/// unchanged one). `started` stands in for a failing streak stored
/// without its start.
pub(crate) fn read_back(failing: bool, streak: Streak, failed_before: bool, started: i64) -> Mark {
    match (failing, streak.runs) {
        (true, 0 | 1) => Mark::New,
        (true, runs) => Mark::StillFailing {
            since: streak.since.unwrap_or(started),
            runs,
        },
        (false, _) if failed_before => Mark::Fixed,
        (false, _) => Mark::Unchanged,
    }
}

impl Streak {
    fn passing() -> Self {
        Self {
            runs: 0,
            since: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 86_400;

    /// Runs `verdicts` one after the other for one ad, one day apart.
    fn marks(verdicts: &[Verdict]) -> Vec<String> {
        let mut previous = None;
        let start = 1_780_000_000;
        verdicts
            .iter()
            .enumerate()
            .map(|(i, &v)| {
                let started = start + DAY * i64::try_from(i).unwrap();
                let (mark, streak) = mark(previous, v, started);
                let failed_before = previous.is_some_and(|s: Streak| s.runs > 0);
                assert_eq!(read_back(is_failing(v), streak, failed_before, 0), mark);
                previous = Some(streak);
                mark.to_string()
            })
            .collect()
    }

    #[test]
    fn a_failing_streak_is_new_then_still_failing_then_fixed() {
        use Verdict::{Error, Fail, Pass, Warn};
        assert_eq!(
            marks(&[Pass, Fail, Error, Fail, Warn, Warn, Fail]),
            [
                "unchanged",
                "new",
                "still failing since 2026-05-29 (2 runs)",
                "still failing since 2026-05-29 (3 runs)",
                "fixed",
                "unchanged",
                "new",
            ]
        );
    }

    #[test]
    fn an_ad_first_seen_failing_is_new() {
        let (mark, streak) = mark(None, Verdict::Error, 5);
        assert_eq!(mark, Mark::New);
        assert_eq!((streak.runs, streak.since), (1, Some(5)));
        assert!(mark.changed());
    }

    #[test]
    fn a_mark_serializes_with_its_date() {
        let mark = Mark::StillFailing {
            since: 1_780_000_000,
            runs: 3,
        };
        assert_eq!(
            serde_json::to_string(&mark).unwrap(),
            r#"{"mark":"still_failing","since":"2026-05-28","runs":3}"#
        );
        assert_eq!(
            serde_json::to_string(&Mark::New).unwrap(),
            r#"{"mark":"new"}"#
        );
    }

    #[test]
    fn stamps_are_utc() {
        assert_eq!(stamp(0), "1970-01-01 00:00");
        assert_eq!(date(1_780_000_000), "2026-05-28");
    }
}
