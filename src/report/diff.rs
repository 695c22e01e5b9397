//! What changed between two runs: the ads that newly fail, those fixed,
//! and those that still fail for another reason. Works on the wire
//! records of two reports, so it reads last night's file as written.

use std::collections::HashMap;

use serde::Serialize;

use super::wire::AdRecord;
use crate::score::Verdict;

/// One ad whose standing changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The campaign's id.
    pub campaign: String,
    /// The ad's id.
    pub ad: String,
    /// The verdict before, `None` for an ad new in this run.
    pub old_verdict: Option<Verdict>,
    /// The verdict now.
    pub new_verdict: Verdict,
    /// The checks that failed before.
    pub old_failing: Vec<String>,
    /// The checks that fail now.
    pub new_failing: Vec<String>,
    /// What is wrong now: the error or the first failing check's message.
    pub message: Option<String>,
}

/// The difference between two runs.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RunDiff {
    /// Ads failing now that did not before (or are new and failing).
    pub newly_failing: Vec<Change>,
    /// Ads that failed before and no longer do.
    pub fixed: Vec<Change>,
    /// Ads failing in both runs, with another verdict or other failing checks.
    pub changed_reason: Vec<Change>,
    /// Ads in both runs whose standing did not change.
    pub unchanged: usize,
    /// Ads of the old run missing from the new one.
    pub only_in_old: Vec<String>,
}

/// Compares `new` with `old`; an ad fails when its verdict is
/// `failing_from` or worse (`None`: no verdict counts as failing).
#[must_use]
pub fn diff(old: &[AdRecord], new: &[AdRecord], failing_from: Option<Verdict>) -> RunDiff {
    let fails = |v: Verdict| failing_from.is_some_and(|t| v >= t);
    let reasons = |r: &AdRecord| -> Vec<String> {
        let worst = if failing_from == Some(Verdict::Warn) {
            ["fail", "warn"].as_slice()
        } else {
            ["fail"].as_slice()
        };
        r.checks
            .iter()
            .filter(|c| worst.contains(&c.outcome.as_str()))
            .map(|c| c.name.clone())
            .collect()
    };
    let before: HashMap<(&str, &str), &AdRecord> = old
        .iter()
        .map(|r| ((r.campaign.as_str(), r.ad.as_str()), r))
        .collect();
    let mut out = RunDiff::default();
    let mut seen = std::collections::HashSet::new();
    let mut new_sorted: Vec<&AdRecord> = new.iter().collect();
    new_sorted.sort_by_key(|r| r.position);
    for now in new_sorted {
        let key = (now.campaign.as_str(), now.ad.as_str());
        seen.insert(key);
        let was = before.get(&key).copied();
        let change = Change {
            campaign: now.campaign.clone(),
            ad: now.ad.clone(),
            old_verdict: was.map(|w| w.verdict),
            new_verdict: now.verdict,
            old_failing: was.map(&reasons).unwrap_or_default(),
            new_failing: reasons(now),
            message: now.error.clone().or_else(|| {
                now.checks
                    .iter()
                    .find(|c| c.outcome == "fail")
                    .or_else(|| now.checks.iter().find(|c| c.outcome == "warn"))
                    .map(|c| format!("{}: {}", c.name, c.message))
            }),
        };
        let failed = was.is_some_and(|w| fails(w.verdict));
        match (failed, fails(now.verdict)) {
            (false, true) => out.newly_failing.push(change),
            (true, false) => out.fixed.push(change),
            (true, true)
                if change.old_verdict != Some(change.new_verdict)
                    || sorted(&change.old_failing) != sorted(&change.new_failing) =>
            {
                out.changed_reason.push(change);
            }
            _ if was.is_some() => out.unchanged += 1,
            _ => {}
        }
    }
    out.only_in_old = old
        .iter()
        .filter(|r| !seen.contains(&(r.campaign.as_str(), r.ad.as_str())))
        .map(|r| r.ad.clone())
        .collect();
    out
}

fn sorted(names: &[String]) -> Vec<&str> {
    let mut v: Vec<&str> = names.iter().map(String::as_str).collect();
    v.sort_unstable();
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::wire::CheckRecord;

    fn ad(id: &str, verdict: Verdict, failing: &[&str]) -> AdRecord {
        AdRecord {
            position: 0,
            campaign: "c".into(),
            ad: id.into(),
            url: "u".into(),
            final_url: None,
            status: None,
            redirects: Vec::new(),
            elapsed_ms: 0,
            verdict,
            page_kind: None,
            identity: None,
            checks: failing
                .iter()
                .map(|n| CheckRecord {
                    name: (*n).into(),
                    outcome: "fail".into(),
                    message: format!("{n} is off"),
                    evidence: Vec::new(),
                })
                .collect(),
            error: None,
            facts: None,
            change: None,
        }
    }

    #[test]
    fn sorts_ads_into_newly_failing_fixed_and_changed_reason() {
        use Verdict::{Fail, Pass, Warn};
        let old = [
            ad("broke", Pass, &[]),
            ad("fixed", Fail, &["price"]),
            ad("moved", Fail, &["price"]),
            ad("same", Fail, &["price"]),
            ad("ok", Pass, &[]),
            ad("gone", Pass, &[]),
        ];
        let new = [
            ad("broke", Fail, &["identity"]),
            ad("fixed", Warn, &[]),
            ad("moved", Fail, &["identity", "price"]),
            ad("same", Fail, &["price"]),
            ad("ok", Pass, &[]),
            ad("fresh", Fail, &["page_kind"]),
        ];
        let d = diff(&old, &new, Some(Fail));
        let ids = |v: &[Change]| v.iter().map(|c| c.ad.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&d.newly_failing), ["broke", "fresh"]);
        assert_eq!(
            d.newly_failing[0].message.as_deref(),
            Some("identity: identity is off")
        );
        assert_eq!(ids(&d.fixed), ["fixed"]);
        assert_eq!(ids(&d.changed_reason), ["moved"]);
        assert_eq!(d.unchanged, 2);
        assert_eq!(d.only_in_old, ["gone"]);
        let strict = diff(&old, &new, Some(Warn));
        assert!(
            ids(&strict.fixed).is_empty(),
            "warn still counts as failing"
        );
        assert_eq!(
            diff(&old, &new, None),
            RunDiff {
                unchanged: 5,
                only_in_old: vec!["gone".into()],
                ..RunDiff::default()
            }
        );
    }
}
