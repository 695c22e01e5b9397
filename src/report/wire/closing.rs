//! The summary record as the JSON reports write it at the end of a run
//! kept in a history. Its `changes` lists, which name every newly
//! failing, fixed and still failing ad, are read from the history while
//! they are written, never gathered first: a run of a million failing ads
//! writes a summary line of a million ids in flat memory. The bytes are
//! those of [`SummaryRecord`] with its `changes` filled in.

use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

use super::{StillFailingRecord, SummaryRecord};
use crate::history::{Mark, MarkKind, Marks};

/// `record`, with the changes of `marks` when it has none of its own.
#[derive(Serialize)]
pub(crate) struct Closing<'a> {
    /// `summary` on a JSON Lines record, which says its type first.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
    #[serde(flatten)]
    record: &'a SummaryRecord,
    #[serde(skip_serializing_if = "Option::is_none")]
    changes: Option<Changes<'a>>,
}

impl<'a> Closing<'a> {
    /// The summary of a JSON document.
    pub(crate) fn new(record: &'a SummaryRecord, marks: &'a Marks) -> Self {
        let streamed = record.changes.is_none() && marks.is_kept();
        Self {
            kind: None,
            record,
            changes: streamed.then_some(Changes(marks)),
        }
    }

    /// The summary line of a JSON Lines record.
    pub(crate) fn line(record: &'a SummaryRecord, marks: &'a Marks) -> Self {
        Self {
            kind: Some("summary"),
            ..Self::new(record, marks)
        }
    }
}

/// The lists of a [`super::ChangesRecord`], read as they are written.
struct Changes<'a>(&'a Marks);

impl Serialize for Changes<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let marks = self.0;
        let ids = |kind| Listed(move || marks.of_kind(kind).map(|(ad, _)| ad));
        let still = Listed(|| {
            marks.of_kind(MarkKind::StillFailing).map(|(ad, mark)| {
                let runs = match mark {
                    Mark::StillFailing { runs, .. } => runs,
                    _ => 0,
                };
                StillFailingRecord {
                    since: mark.since_date().unwrap_or_default(),
                    ad,
                    runs,
                }
            })
        });
        let mut record = s.serialize_struct("ChangesRecord", 3)?;
        record.serialize_field("new", &ids(MarkKind::New))?;
        record.serialize_field("fixed", &ids(MarkKind::Fixed))?;
        record.serialize_field("still_failing", &still)?;
        record.end()
    }
}

/// A list written item by item from a fresh iterator.
struct Listed<F>(F);

impl<F, I> Serialize for Listed<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::Summary;
    use crate::history::{CampaignSource, History};
    use crate::report::tests::result;
    use crate::report::wire::{ChangesRecord, Record};
    use crate::score::Verdict;

    /// The marks of a second run with new, fixed and still failing ads,
    /// more of them than one page of the history holds.
    fn marks(db: &std::path::Path) -> Marks {
        let source = CampaignSource::named("c.json");
        let run = |ads: &[(String, Verdict)]| {
            let mut recording = History::open(db).unwrap().begin(&source).unwrap();
            for (ad, v) in ads {
                recording.record(&result("c", ad, *v)).unwrap();
            }
            recording.finish(&Summary::default(), 0).unwrap()
        };
        let ads = |fail_from: usize| -> Vec<(String, Verdict)> {
            (0..3000)
                .map(|i| {
                    let v = if i >= fail_from {
                        Verdict::Fail
                    } else {
                        Verdict::Pass
                    };
                    (format!("ad-{i:04}"), v)
                })
                .collect()
        };
        run(&ads(1000));
        run(&ads(500)
            .into_iter()
            .filter(|(ad, _)| ad != "ad-2999")
            .collect::<Vec<_>>())
    }

    #[test]
    fn changes_read_as_they_are_written_give_the_bytes_of_gathered_ones() {
        let dir = tempfile::tempdir().unwrap();
        let marks = marks(&dir.path().join("h.db"));
        let record = SummaryRecord {
            ads: 3000,
            fail: 2499,
            pass: 500,
            not_audited: vec!["ad-2999".into()],
            pages_fetched: 1,
            ..SummaryRecord::default()
        };
        let gathered = SummaryRecord {
            changes: Some(ChangesRecord::from(&marks)),
            ..record.clone()
        };
        let changes = gathered.changes.as_ref().unwrap();
        assert_eq!(
            (
                changes.new.len(),
                changes.fixed.len(),
                changes.still_failing.len()
            ),
            (500, 0, 1999)
        );
        let line = serde_json::to_string(&Closing::line(&record, &marks)).unwrap();
        let expected = serde_json::to_string(&Record::Summary(gathered.clone())).unwrap();
        assert_eq!(line, expected);
        assert!(
            line.starts_with(r#"{"type":"summary","ads":3000,"#),
            "{line}"
        );
        let pretty = serde_json::to_string_pretty(&Closing::new(&record, &marks)).unwrap();
        assert_eq!(pretty, serde_json::to_string_pretty(&gathered).unwrap());

        // A record with changes of its own keeps them; no history, no changes.
        let none = Marks::default();
        let own = serde_json::to_string(&Closing::new(&gathered, &none)).unwrap();
        assert_eq!(own, serde_json::to_string(&gathered).unwrap());
        let bare = serde_json::to_string(&Closing::new(&record, &none)).unwrap();
        assert_eq!(bare, serde_json::to_string(&record).unwrap());
        assert!(!bare.contains("changes"), "{bare}");
    }

    #[test]
    fn each_list_holds_its_own_kind_in_ad_order() {
        use Verdict::{Fail, Pass};
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("h.db");
        let source = CampaignSource::named("c.json");
        let mut json = serde_json::Value::Null;
        for verdicts in [[Fail, Fail, Pass, Fail], [Pass, Fail, Fail, Fail]] {
            let mut recording = History::open(&db).unwrap().begin(&source).unwrap();
            for (ad, v) in ["d", "a", "c", "b"].into_iter().zip(verdicts) {
                recording.record(&result("c", ad, v)).unwrap();
            }
            let marks = recording.finish(&Summary::default(), 0).unwrap();
            json = serde_json::to_value(Closing::new(&SummaryRecord::default(), &marks)).unwrap();
        }
        assert_eq!(json["changes"]["new"], serde_json::json!(["c"]));
        assert_eq!(json["changes"]["fixed"], serde_json::json!(["d"]));
        let still = &json["changes"]["still_failing"];
        assert_eq!(still[0]["ad"], "a");
        assert_eq!(still[1]["ad"], "b");
        assert_eq!(still[1]["runs"], 2);
        assert_eq!(still.as_array().unwrap().len(), 2);
    }
}
