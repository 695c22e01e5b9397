//! The history database end to end on a temporary file: schema, runs,
//! marks across runs, and an ad's past.

use super::marks::date;
use super::*;
use crate::audit::{AdOutcome, Landing};
use crate::score::{Check, CheckName, Verdict};

fn result(ad: &str, verdict: Verdict) -> AdResult {
    let outcome = match verdict {
        Verdict::Pass => Outcome::Pass,
        Verdict::Warn => Outcome::Warn,
        Verdict::Fail | Verdict::Error => Outcome::Fail,
    };
    AdResult {
        position: 0,
        campaign: "c".into(),
        ad: ad.into(),
        url: "https://shop.example/p".into(),
        verdict,
        outcome: AdOutcome::Audited(Box::new(Landing {
            elapsed_ms: 1,
            checks: vec![Check::new(
                CheckName::Price,
                outcome,
                format!("price is {verdict}"),
            )],
            ..Landing::new(
                "https://shop.example/p".parse().unwrap(),
                200,
                crate::extract::PageFacts::default(),
            )
        })),
    }
}

fn run(path: &Path, source: &CampaignSource, ads: &[(&str, Verdict)]) -> Vec<String> {
    let mut recording = History::open(path).unwrap().begin(source).unwrap();
    let marks: Vec<String> = ads
        .iter()
        .map(|(ad, v)| recording.record(&result(ad, *v)).unwrap().to_string())
        .collect();
    let mut summary = Summary::default();
    for (_, v) in ads {
        summary.add(*v);
    }
    recording.finish(&summary, 0).unwrap();
    marks
}

#[test]
fn three_runs_mark_new_still_failing_and_fixed() {
    use Verdict::{Fail, Pass};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("deep/er/history.db");
    let file = CampaignSource::named("campaigns.json");
    assert_eq!(
        run(&db, &file, &[("a", Fail), ("b", Pass)]),
        ["new", "unchanged"]
    );
    let second = run(&db, &file, &[("a", Fail), ("b", Pass)]);
    let today = date(now());
    assert_eq!(
        second,
        [
            format!("still failing since {today} (2 runs)"),
            "unchanged".into()
        ]
    );
    assert_eq!(
        run(&db, &file, &[("a", Pass), ("b", Fail)]),
        ["fixed", "new"]
    );

    // Another campaign file has a history of its own.
    let other = CampaignSource::named("other.json");
    assert_eq!(run(&db, &other, &[("b", Fail)]), ["new"]);

    let past = History::of_ad(&db, "a", Some("campaigns.json"))
        .unwrap()
        .unwrap();
    let verdicts: Vec<&str> = past.iter().map(|p| p.verdict.as_str()).collect();
    assert_eq!(verdicts, ["fail", "fail", "pass"]);
    assert_eq!(past[0].failing_checks, "price");
    assert_eq!(past[0].message.as_deref(), Some("price is fail"));
    assert_eq!(past[2].failing_checks, "");
    assert_eq!(History::of_ad(&db, "b", None).unwrap().unwrap().len(), 4);
    assert_eq!(History::open(&db).unwrap().run_count().unwrap(), 4);
}

#[test]
fn the_schema_is_versioned_and_reopening_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("history.db");
    drop(History::open(&db).unwrap());
    let history = History::open(&db).unwrap();
    let version: i64 = history
        .conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 1);
    history
        .conn
        .execute_batch("PRAGMA user_version = 99")
        .unwrap();
    drop(history);
    let err = History::open(&db).unwrap_err().to_string();
    assert!(
        err.contains("schema version 99, newer than this landcheck knows (1)"),
        "{err}"
    );
}

#[test]
fn a_run_that_stops_without_finishing_keeps_its_results() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("history.db");
    let file = CampaignSource::named("c.json");
    let mut recording = History::open(&db).unwrap().begin(&file).unwrap();
    recording.record(&result("a", Verdict::Fail)).unwrap();
    drop(recording);
    assert_eq!(
        run(&db, &file, &[("a", Verdict::Fail)])[0]
            .split(" (")
            .nth(1),
        Some("2 runs)")
    );
}

#[test]
fn no_database_means_no_past() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.db");
    assert!(History::of_ad(&missing, "a", None).unwrap().is_none());
    assert!(!missing.exists(), "reading must not create a database");
}

#[test]
fn a_campaign_file_is_keyed_by_its_canonical_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("c.json");
    std::fs::write(&path, "{}").unwrap();
    let a = CampaignSource::file(&path).unwrap();
    let b = CampaignSource::file(&dir.path().join(".").join("c.json")).unwrap();
    assert_eq!(a.key, b.key);
    assert_eq!(
        a.sha256.as_deref(),
        Some("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a")
    );
    assert_eq!(
        History::default_path(&path),
        dir.path().join(".landcheck/history.db")
    );
}
