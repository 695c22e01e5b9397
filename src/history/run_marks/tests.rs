//! The marks read back from the database against the marks as they were
//! gathered in memory before: for runs with new, still failing, fixed and
//! unchanged ads, ads that skip a run, and another campaign file sharing
//! the database; and proof that they are read from the database.

use std::collections::HashMap;
use std::path::Path;

use super::super::marks::{mark, Streak};
use super::super::{CampaignSource, History, Recording, BATCH};
use super::{MarkKind, Marks};
use crate::audit::{AdOutcome, AdResult, Landing, Summary};
use crate::history::Mark;
use crate::score::{Check, CheckName, Outcome, Verdict};

/// A result of `verdict` for `ad`, its one check failing as it says.
fn result(ad: &str, verdict: Verdict) -> AdResult {
    let outcome = match verdict {
        Verdict::Pass => Outcome::Pass,
        Verdict::Warn => Outcome::Warn,
        Verdict::Fail | Verdict::Error => Outcome::Fail,
    };
    let url = "https://shop.example/p";
    AdResult {
        position: 0,
        campaign: "c".into(),
        ad: ad.into(),
        url: url.into(),
        verdict,
        outcome: AdOutcome::Audited(Box::new(Landing {
            checks: vec![Check::new(CheckName::Price, outcome, "price")],
            ..Landing::new(
                url.parse().unwrap(),
                200,
                crate::extract::PageFacts::default(),
            )
        })),
    }
}

/// The run history as it was kept in memory: each ad's latest streak per
/// campaign file, and each run's marks other than unchanged.
#[derive(Default)]
struct InMemory {
    latest: HashMap<(String, String), Streak>,
}

impl InMemory {
    /// The marks of a run of `file` started at `started`, other than
    /// unchanged, as the old `Marks` held them.
    fn run(
        &mut self,
        file: &str,
        started: i64,
        ads: &[(String, Verdict)],
    ) -> HashMap<String, Mark> {
        let before: HashMap<(String, String), Streak> = self.latest.clone();
        let mut marks = HashMap::new();
        for (ad, verdict) in ads {
            let key = (file.to_owned(), ad.clone());
            let (m, streak) = mark(before.get(&key).copied(), *verdict, started);
            if m != Mark::Unchanged {
                marks.insert(ad.clone(), m);
            }
            self.latest.insert(key, streak);
        }
        marks
    }
}

/// The in-memory marks of one kind, in ad order, as the summary listed them.
fn of_kind(marks: &HashMap<String, Mark>, key: &str) -> Vec<(String, Mark)> {
    let mut listed: Vec<(String, Mark)> = marks
        .iter()
        .filter(|(_, m)| m.key() == key)
        .map(|(ad, m)| (ad.clone(), *m))
        .collect();
    listed.sort_by(|a, b| a.0.cmp(&b.0));
    listed
}

/// Records `ads` as one run of `file`; the marks `record` gave, and the
/// marks read back.
fn record(db: &Path, file: &str, ads: &[(String, Verdict)]) -> (i64, Vec<Mark>, Marks) {
    let mut recording: Recording = History::open(db)
        .unwrap()
        .begin(&CampaignSource::named(file))
        .unwrap();
    let started = recording.started_at;
    let mut summary = Summary::default();
    let given = ads
        .iter()
        .map(|(ad, v)| {
            summary.add(*v);
            let given = recording.record(&result(ad, *v)).unwrap();
            assert!(
                recording.pending.len() < BATCH,
                "results are written as they come"
            );
            given
        })
        .collect();
    (started, given, recording.finish(&summary, 0).unwrap())
}

/// Checks that `stored` gives exactly the in-memory marks `expected` of a
/// run of `ads`, ad by ad, as lists and as counts.
fn same_marks(
    stored: &Marks,
    expected: &HashMap<String, Mark>,
    ads: &[(String, Verdict)],
    given: &[Mark],
) {
    assert!(stored.is_kept());
    for ((ad, _), given) in ads.iter().zip(given) {
        let old = expected.get(ad).copied().unwrap_or(Mark::Unchanged);
        assert_eq!(*given, old, "mark of {ad} when recorded");
        assert_eq!(stored.get(ad), Some(old), "mark of {ad} read back");
    }
    assert_eq!(stored.get("never-audited"), Some(Mark::Unchanged));
    let mut listed: Vec<(String, Mark)> = expected.iter().map(|(a, m)| (a.clone(), *m)).collect();
    listed.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(stored.changes().collect::<Vec<_>>(), listed);
    let count = |key| expected.values().filter(|m| m.key() == key).count();
    assert_eq!(
        stored.counts(),
        (count("new"), count("still_failing"), count("fixed"))
    );
    for (kind, key) in [
        (MarkKind::New, "new"),
        (MarkKind::StillFailing, "still_failing"),
        (MarkKind::Fixed, "fixed"),
    ] {
        let read: Vec<(String, Mark)> = stored.of_kind(kind).collect();
        assert_eq!(read, of_kind(expected, key), "{key}");
    }
    assert!(stored.take_error().is_none());
}

fn ads(list: &[(&str, Verdict)]) -> Vec<(String, Verdict)> {
    list.iter().map(|(a, v)| ((*a).to_owned(), *v)).collect()
}

#[test]
fn marks_read_back_equal_the_marks_kept_in_memory() {
    use Verdict::{Error, Fail, Pass, Warn};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("history.db");
    let mut old = InMemory::default();
    let runs: [(&str, Vec<(String, Verdict)>); 4] = [
        (
            "c.json",
            ads(&[
                ("a", Fail),
                ("b", Pass),
                ("c", Fail),
                ("d", Warn),
                ("e", Error),
                ("g", Fail),
            ]),
        ),
        ("other.json", ads(&[("a", Pass), ("x", Fail), ("b", Fail)])),
        (
            "c.json",
            ads(&[
                ("a", Fail),
                ("b", Fail),
                ("c", Pass),
                ("d", Pass),
                ("e", Warn),
                ("f", Fail),
            ]),
        ),
        (
            // `g` skipped the run before: its latest result failed.
            "c.json",
            ads(&[
                ("a", Error),
                ("b", Pass),
                ("c", Pass),
                ("g", Pass),
                ("h", Pass),
                ("f", Fail),
            ]),
        ),
    ];
    let mut kinds = std::collections::BTreeSet::new();
    for (file, ads) in &runs {
        let (started, given, stored) = record(&db, file, ads);
        let expected = old.run(file, started, ads);
        kinds.extend(expected.values().map(|m| m.key()));
        same_marks(&stored, &expected, ads, &given);
    }
    assert_eq!(
        kinds.len(),
        3,
        "new, still failing and fixed all came up: {kinds:?}"
    );
}

#[test]
fn many_marks_read_back_a_page_at_a_time_equal_the_marks_kept_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("history.db");
    let mut old = InMemory::default();
    let mut seed: u64 = 7;
    let mut roll = move |n: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    for _ in 0..3 {
        let mut ads: Vec<(String, Verdict)> = Vec::new();
        for i in 0..6000 {
            // One ad in ten sits the run out.
            if roll(10) > 0 {
                let v = [Verdict::Pass, Verdict::Warn, Verdict::Fail, Verdict::Error]
                    [usize::try_from(roll(4)).unwrap()];
                ads.push((format!("ad-{i:05}"), v));
            }
        }
        let (started, given, stored) = record(&db, "big.json", &ads);
        let expected = old.run("big.json", started, &ads);
        assert!(expected.len() > 2 * super::PAGE, "the lists span pages");
        same_marks(&stored, &expected, &ads, &given);
    }
}

#[test]
fn marks_are_read_from_the_database_not_kept_in_memory() {
    use Verdict::{Fail, Pass};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("history.db");
    record(&db, "c.json", &ads(&[("a", Fail), ("b", Fail)]));
    let (_, given, stored) = record(&db, "c.json", &ads(&[("a", Fail), ("b", Pass)]));
    assert!(matches!(given[0], Mark::StillFailing { runs: 2, .. }));
    assert_eq!(stored.get("b"), Some(Mark::Fixed));
    // What the database says of the run is what the marks say.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "UPDATE results SET verdict = 'pass', fail_streak = 0, failing_since = NULL
         WHERE ad = 'a' AND run_id = (SELECT MAX(id) FROM runs)",
    )
    .unwrap();
    assert_eq!(stored.get("a"), Some(Mark::Fixed));
    assert_eq!(stored.counts(), (0, 0, 2));
    assert_eq!(stored.of_kind(MarkKind::Fixed).count(), 2);
}

#[test]
fn without_a_history_there_are_no_marks() {
    let none = Marks::default();
    assert!(!none.is_kept());
    assert_eq!(none.get("a"), None);
    assert_eq!(none.changes().count(), 0);
    assert_eq!(none.counts(), (0, 0, 0));
}

#[test]
fn a_database_gone_mid_report_costs_the_marks_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("history.db");
    let (_, _, stored) = record(&db, "c.json", &ads(&[("a", Verdict::Fail)]));
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("DROP TABLE results").unwrap();
    assert_eq!(stored.get("a"), None);
    assert_eq!(stored.changes().count(), 0);
    let why = stored
        .take_error()
        .expect("the failed read is kept")
        .to_string();
    assert!(why.contains("history.db cannot be used"), "{why}");
    assert!(stored.take_error().is_none());
}
