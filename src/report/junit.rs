//! `--format junit`: `JUnit` XML for CI pipelines. One test suite per
//! campaign, one test case per ad; `fail` and `warn` become a `<failure>`
//! carrying the checks' messages, `error` an `<error>`, an ad the run did
//! not reach a `<skipped>`. Every text is XML-escaped, and characters XML
//! cannot hold are dropped.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use quick_xml::escape::escape;

use super::{Reporter, RunReport};
use crate::audit::AdResult;
use crate::history::Mark;
use crate::score::{Outcome, Verdict};

pub(crate) struct Junit;

impl Reporter for Junit {
    fn finish(&mut self, out: &mut dyn Write, run: &RunReport<'_>) -> io::Result<()> {
        let names: HashMap<&str, &str> = run
            .campaigns
            .campaigns
            .iter()
            .map(|c| (c.id.as_str(), c.name.as_str()))
            .collect();
        let campaign_of: HashMap<&str, &str> = run
            .campaigns
            .entries()
            .map(|e| (e.ad_id(), e.campaign_id()))
            .collect();
        // Suites in the order their campaigns first appear.
        let mut order: Vec<String> = Vec::new();
        let mut cases: HashMap<String, (Vec<String>, Tally)> = HashMap::new();
        for r in run.results {
            if !cases.contains_key(&r.campaign) {
                order.push(r.campaign.clone());
            }
            let (list, tally) = cases.entry(r.campaign.clone()).or_default();
            list.push(case(r, run.marks.get(&r.ad), tally));
        }
        for ad in &run.closing.not_audited {
            let campaign = campaign_of.get(ad.as_str()).copied().unwrap_or_default();
            if !cases.contains_key(campaign) {
                order.push(campaign.to_owned());
            }
            let (list, tally) = cases.entry(campaign.to_owned()).or_default();
            tally.tests += 1;
            tally.skipped += 1;
            list.push(format!(
                "    <testcase classname=\"{}\" name=\"{}\">\n      <skipped message=\"not audited: the run was interrupted\"/>\n    </testcase>\n",
                text(campaign),
                text(ad)
            ));
        }
        let total = run.closing.pass + run.closing.warn + run.closing.fail + run.closing.error;
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(
            out,
            "<testsuites name=\"landcheck\" tests=\"{}\" failures=\"{}\" errors=\"{}\" time=\"{:.3}\">",
            total + run.closing.not_audited.len(),
            run.closing.warn + run.closing.fail,
            run.closing.error,
            seconds(run.closing.duration_ms)
        )?;
        for campaign in &order {
            let (list, tally) = &cases[campaign];
            let name = names
                .get(campaign.as_str())
                .map_or_else(|| campaign.clone(), |n| format!("{n} ({campaign})"));
            writeln!(
                out,
                "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{:.3}\">",
                text(&name),
                tally.tests,
                tally.failures,
                tally.errors,
                tally.skipped,
                seconds(tally.ms)
            )?;
            for c in list {
                out.write_all(c.as_bytes())?;
            }
            writeln!(out, "  </testsuite>")?;
        }
        writeln!(out, "</testsuites>")
    }
}

/// Counts of one test suite.
#[derive(Debug, Default)]
struct Tally {
    tests: usize,
    failures: usize,
    errors: usize,
    skipped: usize,
    ms: u64,
}

/// One ad's `<testcase>`, counted into `tally`.
fn case(r: &AdResult, mark: Option<Mark>, tally: &mut Tally) -> String {
    tally.tests += 1;
    tally.ms += r.elapsed_ms();
    let mut xml = format!(
        "    <testcase classname=\"{}\" name=\"{}\" time=\"{:.3}\"",
        text(&r.campaign),
        text(&r.ad),
        seconds(r.elapsed_ms())
    );
    let mut messages: Vec<String> = r
        .checks()
        .iter()
        .filter(|c| c.outcome >= Outcome::Warn)
        .map(|c| {
            let tag = if c.outcome == Outcome::Warn {
                " (warn)"
            } else {
                ""
            };
            format!("{}{tag}: {}", c.name, c.message)
        })
        .collect();
    messages.sort_by_key(|m| m.contains(" (warn): "));
    // Whether the failure is new since the last run, after the reasons.
    if let Some(mark) = mark.filter(|m| *m != Mark::Unchanged) {
        messages.push(format!("since the last run: {mark}"));
    }
    let element = match r.verdict {
        Verdict::Pass => None,
        Verdict::Warn | Verdict::Fail => {
            tally.failures += 1;
            Some("failure")
        }
        Verdict::Error => {
            tally.errors += 1;
            if let Some(e) = r.error() {
                messages.insert(0, (*e).to_owned());
            }
            Some("error")
        }
    };
    match element {
        None => xml.push_str("/>\n"),
        Some(element) => {
            let first = messages
                .first()
                .cloned()
                .unwrap_or_else(|| r.verdict.to_string());
            let _ = write!(
                xml,
                ">\n      <{element} type=\"{}\" message=\"{}\">{}\nurl: {}</{element}>\n    </testcase>\n",
                r.verdict,
                text(&first),
                text(&messages.join("\n")),
                text(&r.url)
            );
        }
    }
    xml
}

fn seconds(ms: u64) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let s = ms as f64 / 1000.0;
    s
}

/// `s` escaped for XML text and attributes, without the characters XML 1.0
/// cannot hold.
fn text(s: &str) -> String {
    let clean: String = s
        .chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect();
    escape(clean.as_str()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::{AdOutcome, Unreached};
    use crate::report::tests::{render, result, with_checks};
    use crate::score::{Check, CheckName};

    #[test]
    fn one_case_per_ad_with_escaped_failures_and_errors() {
        let pass = result("c<1>", "ok", Verdict::Pass);
        let fail = with_checks(
            result("c<1>", "bad\"ad", Verdict::Fail),
            vec![
                Check::new(CheckName::Identity, Outcome::Warn, "maybe"),
                Check::new(
                    CheckName::Price,
                    Outcome::Fail,
                    "page title <script>alert(\"x\")</script> & co\u{1}",
                ),
            ],
        );
        let mut error = result("d", "down", Verdict::Error);
        error.outcome = AdOutcome::Unreachable(Unreached::new("could not connect to <host>"));
        let xml = render(&mut Junit, &[pass, fail, error]);
        assert!(
            xml.contains("<testsuites name=\"landcheck\" tests=\"3\" failures=\"1\" errors=\"1\""),
            "{xml}"
        );
        assert!(
            xml.contains("<testsuite name=\"c&lt;1&gt;\" tests=\"2\" failures=\"1\" errors=\"0\""),
            "{xml}"
        );
        assert!(
            xml.contains("<testcase classname=\"c&lt;1&gt;\" name=\"ok\" time=\"1.500\"/>"),
            "{xml}"
        );
        assert!(xml.contains("name=\"bad&quot;ad\""), "{xml}");
        assert!(xml.contains("<failure type=\"fail\" message=\"price: page title &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co\">"), "{xml}");
        assert!(xml.contains("identity (warn): maybe"), "{xml}");
        assert!(
            xml.contains("<error type=\"error\" message=\"could not connect to &lt;host&gt;\">"),
            "{xml}"
        );
        assert!(!xml.contains('\u{1}'));
        assert!(!xml.contains("<script>"));
        assert_eq!(xml.matches("<testcase ").count(), 3);
    }
}
