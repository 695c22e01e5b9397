//! The top of the HTML report: counts per verdict (with a small inline
//! SVG bar chart), what changed since the previous run, and counts per
//! campaign and per failing check.

use std::collections::BTreeMap;
use std::io::{self, Write};

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use super::failing_checks;
use crate::audit::Summary;
use crate::history::Mark;
use crate::report::RunReport;
use crate::score::Verdict;

const VERDICTS: [(&str, &str); 4] = [
    ("pass", "#1a7f37"),
    ("warn", "#9a6700"),
    ("fail", "#cf222e"),
    ("error", "#6e40c9"),
];

fn count(s: &Summary, verdict: &str) -> usize {
    match verdict {
        "pass" => s.pass,
        "warn" => s.warn,
        "fail" => s.fail,
        _ => s.error,
    }
}

pub(super) fn write(out: &mut dyn Write, run: &RunReport<'_>) -> io::Result<()> {
    let s = &run.summary;
    writeln!(out, "<h1>landcheck report</h1>")?;
    writeln!(
        out,
        "<p class=\"sub\">{} ads in {} campaigns, audited by landcheck {}</p>",
        s.total(),
        run.campaigns.campaigns.len(),
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(out, "<div class=\"cards\" id=\"counts\">")?;
    for (verdict, _) in VERDICTS {
        writeln!(
            out,
            "<a class=\"card {verdict}\" href=\"#verdict={verdict}\"><span class=\"n\" id=\"count-{verdict}\">{}</span>{verdict}</a>",
            count(s, verdict)
        )?;
    }
    if run.not_audited > 0 {
        writeln!(
            out,
            "<div class=\"card not-audited\"><span class=\"n\" id=\"count-not-audited\">{}</span>not audited (run interrupted)</div>",
            run.not_audited
        )?;
    }
    writeln!(out, "</div>\n<div class=\"top\">")?;
    chart(out, s)?;
    changes(out, run)?;
    campaigns(out, run)?;
    checks(out, run)?;
    writeln!(out, "</div>")
}

/// One horizontal bar per verdict.
fn chart(out: &mut dyn Write, s: &Summary) -> io::Result<()> {
    let most = VERDICTS
        .iter()
        .map(|(v, _)| count(s, v))
        .max()
        .unwrap_or(0)
        .max(1);
    writeln!(out, "<div class=\"box\"><h2>Verdicts</h2>")?;
    writeln!(
        out,
        "<svg id=\"chart\" role=\"img\" aria-label=\"ads per verdict\" width=\"100%\" height=\"112\" viewBox=\"0 0 320 112\">"
    )?;
    for (i, (verdict, colour)) in VERDICTS.iter().enumerate() {
        let n = count(s, verdict);
        let y = i * 28;
        let width = n * 220 / most;
        writeln!(
            out,
            "<text x=\"0\" y=\"{}\" font-size=\"13\">{verdict}</text><rect x=\"50\" y=\"{}\" width=\"{width}\" height=\"18\" rx=\"3\" fill=\"{colour}\"><title>{n} {verdict}</title></rect><text x=\"{}\" y=\"{}\" font-size=\"13\">{n}</text>",
            y + 14,
            y + 2,
            56 + width,
            y + 15
        )?;
    }
    writeln!(out, "</svg></div>")
}

fn changes(out: &mut dyn Write, run: &RunReport<'_>) -> io::Result<()> {
    writeln!(
        out,
        "<div class=\"box\" id=\"changes\"><h2>Since the last run</h2>"
    )?;
    if !run.marks.is_kept() {
        return writeln!(
            out,
            "<p>No history kept for this run: with a history of past runs, each ad is marked new, fixed or still failing.</p></div>"
        );
    }
    let (new, still, fixed) = run.marks.counts();
    writeln!(
        out,
        "<p><span class=\"m-new\" id=\"count-new\">{new}</span> newly failing, <span class=\"m-fixed\" id=\"count-fixed\">{fixed}</span> fixed, <span class=\"m-still_failing\" id=\"count-still-failing\">{still}</span> still failing.</p>"
    )?;
    let (listed, changed) = most_urgent(run.marks.changes(), LISTED);
    if !listed.is_empty() {
        writeln!(out, "<ul class=\"changes\">")?;
        for (ad, mark) in &listed {
            writeln!(
                out,
                "<li><a href=\"#ad-{}\">{}</a>: <span class=\"m-{}\">{}</span></li>",
                attr(ad),
                text(ad),
                mark.key(),
                text(&mark.to_string())
            )?;
        }
        if changed > LISTED {
            writeln!(out, "<li>and {} more</li>", changed - LISTED)?;
        }
        writeln!(out, "</ul>")?;
    }
    writeln!(
        out,
        "<p><a href=\"#changed=1\">Show only what changed</a></p></div>"
    )
}

/// Changed ads listed in the summary; the table below holds them all.
const LISTED: usize = 30;

/// The `n` most urgent of `changes` (newly failing first, then the longest
/// failing, then fixed; by ad id within each), and how many there were:
/// a run with a million changed ads never holds them all here.
fn most_urgent(
    changes: impl Iterator<Item = (String, Mark)>,
    n: usize,
) -> (Vec<(String, Mark)>, usize) {
    let order = |(a, ma): &(String, Mark), (b, mb): &(String, Mark)| {
        let rank = |m: &Mark| super::mark_rank(*m);
        rank(mb).cmp(&rank(ma)).then_with(|| a.cmp(b))
    };
    let mut kept: Vec<(String, Mark)> = Vec::with_capacity(2 * n);
    let mut seen = 0;
    for change in changes {
        seen += 1;
        kept.push(change);
        if kept.len() >= 2 * n.max(1) {
            kept.sort_by(order);
            kept.truncate(n);
        }
    }
    kept.sort_by(order);
    kept.truncate(n);
    (kept, seen)
}

fn campaigns(out: &mut dyn Write, run: &RunReport<'_>) -> io::Result<()> {
    writeln!(
        out,
        "<div class=\"box\"><h2>By campaign</h2><table class=\"mini\" id=\"by-campaign\"><tr><th>Campaign</th><th class=\"num\">pass</th><th class=\"num\">warn</th><th class=\"num\">fail</th><th class=\"num\">error</th></tr>"
    )?;
    for campaign in &run.campaigns.campaigns {
        let mut s = Summary::default();
        run.results
            .iter()
            .filter(|r| r.campaign == campaign.id)
            .for_each(|r| s.add(r.verdict));
        write!(
            out,
            "<tr data-campaign=\"{}\"><td><a href=\"#campaign={}\">{}</a></td>",
            attr(&campaign.id),
            attr(&campaign.id),
            text(&campaign.name)
        )?;
        for (verdict, _) in VERDICTS {
            write!(out, "<td class=\"num\">{}</td>", count(&s, verdict))?;
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</table></div>")
}

fn checks(out: &mut dyn Write, run: &RunReport<'_>) -> io::Result<()> {
    let mut by_check: BTreeMap<String, usize> = BTreeMap::new();
    for r in run.results.iter().filter(|r| r.verdict >= Verdict::Fail) {
        for check in failing_checks(r) {
            *by_check.entry(check).or_default() += 1;
        }
    }
    writeln!(out, "<div class=\"box\"><h2>Failing checks</h2>")?;
    if by_check.is_empty() {
        return writeln!(out, "<p>No check failed.</p></div>");
    }
    let mut ranked: Vec<(String, usize)> = by_check.into_iter().collect();
    ranked.sort_by_key(|(name, n)| (std::cmp::Reverse(*n), name.clone()));
    writeln!(
        out,
        "<table class=\"mini\" id=\"by-check\"><tr><th>Check</th><th class=\"num\">ads</th></tr>"
    )?;
    for (name, n) in ranked {
        writeln!(
            out,
            "<tr><td><a href=\"#check={0}\">{1}</a></td><td class=\"num\">{n}</td></tr>",
            attr(&name),
            text(&name)
        )?;
    }
    writeln!(out, "</table></div>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_urgent_changes_are_those_of_sorting_them_all() {
        let marks = [
            Mark::New,
            Mark::Fixed,
            Mark::StillFailing { since: 0, runs: 2 },
            Mark::StillFailing { since: 0, runs: 9 },
        ];
        let changes: Vec<(String, Mark)> = (0..200)
            .map(|i| (format!("ad{:03}", (i * 37) % 200), marks[(i * 7) % 4]))
            .collect();
        let mut all = changes.clone();
        all.sort_by_key(|(ad, m)| (std::cmp::Reverse(super::super::mark_rank(*m)), ad.clone()));
        for n in [0, 1, 30, 199, 200, 250] {
            let (listed, seen) = most_urgent(changes.clone().into_iter(), n);
            assert_eq!(seen, 200);
            assert_eq!(listed, all[..n.min(200)], "n = {n}");
        }
    }
}
