//! `--format html` and `--html FILE`: one self-contained page a person
//! opens from a mail or a shared folder, offline. At the top, the counts
//! per verdict, campaign and failing check, what changed since the last
//! run and a small chart; below, a table to filter and sort, each ad with
//! its evidence. The CSS and the few lines of script are inline (see
//! `page.html`); nothing is loaded from the network.
//!
//! Every text taken from a campaign file or a crawled page is escaped with
//! `html-escape` before it is written, so a page titled
//! `<script>alert(1)</script>` shows that title as text.

mod evidence;
mod summary;

use std::collections::{BTreeSet, HashMap};
use std::io::{self, Write};

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use super::{Reporter, RunReport};
use crate::audit::AdResult;
use crate::campaign::{Ad, Campaign};
use crate::history::{Mark, Marks};
use crate::score::Outcome;

/// The page around the report: CSS, script, and a marker where the report goes.
const PAGE: &str = include_str!("page.html");
/// Where the report's body goes in [`PAGE`].
const MARKER: &str = "<!--REPORT-->";

pub(crate) struct Html;

impl Reporter for Html {
    fn finish(&mut self, out: &mut dyn Write, run: &RunReport<'_>) -> io::Result<()> {
        let (head, tail) = PAGE.split_once(MARKER).unwrap_or((PAGE, ""));
        out.write_all(head.as_bytes())?;
        summary::write(out, run)?;
        table(out, run)?;
        out.write_all(tail.as_bytes())
    }
}

/// The checks that failed for an ad, by name.
pub(super) fn failing_checks(r: &AdResult) -> Vec<String> {
    r.checks()
        .iter()
        .filter(|c| c.outcome == Outcome::Fail)
        .map(|c| c.name.to_string())
        .collect()
}

/// Each ad with its campaign, by ad id.
fn ads_by_id<'a>(run: &'a RunReport<'_>) -> HashMap<&'a str, (&'a Campaign, &'a Ad)> {
    run.campaigns
        .campaigns
        .iter()
        .flat_map(|c| c.ads.iter().map(move |a| (a.id.as_str(), (c, a))))
        .collect()
}

fn table(out: &mut dyn Write, run: &RunReport<'_>) -> io::Result<()> {
    let ads = ads_by_id(run);
    let campaigns: Vec<(&str, &str)> = run
        .campaigns
        .campaigns
        .iter()
        .map(|c| (c.id.as_str(), c.name.as_str()))
        .collect();
    let checks: BTreeSet<String> = run.results.iter().flat_map(failing_checks).collect();
    writeln!(out, "<section class=\"box\"><h2>Ads</h2>")?;
    writeln!(out, "<form id=\"filters\" onsubmit=\"return false\">")?;
    write!(
        out,
        "<label>Verdict <select name=\"verdict\"><option value=\"\">all</option>"
    )?;
    for v in ["pass", "warn", "fail", "error"] {
        write!(out, "<option value=\"{v}\">{v}</option>")?;
    }
    writeln!(out, "</select></label>")?;
    write!(
        out,
        "<label>Campaign <select name=\"campaign\"><option value=\"\">all</option>"
    )?;
    for (id, name) in &campaigns {
        write!(
            out,
            "<option value=\"{}\">{}</option>",
            attr(id),
            text(name)
        )?;
    }
    writeln!(out, "</select></label>")?;
    write!(
        out,
        "<label>Failing check <select name=\"check\"><option value=\"\">any</option>"
    )?;
    for c in &checks {
        write!(out, "<option value=\"{0}\">{0}</option>", attr(c))?;
    }
    writeln!(out, "</select></label>")?;
    let disabled = if run.marks.is_kept() { "" } else { " disabled" };
    writeln!(
        out,
        "<label><input type=\"checkbox\" name=\"changed\" value=\"1\"{disabled}> changed since last run</label>"
    )?;
    writeln!(
        out,
        "<span id=\"shown\">{0} of {0} ads shown</span></form>",
        run.results.len()
    )?;
    writeln!(
        out,
        "<table id=\"ads\"><thead><tr><th data-key=\"verdict\">Verdict</th><th data-key=\"campaign\">Campaign</th><th data-key=\"ad\">Ad</th><th data-key=\"mark\">Since last run</th><th data-key=\"page\">Page</th><th data-key=\"identity\">Identity</th><th data-key=\"why\">Why</th></tr></thead><tbody>"
    )?;
    for r in run.results {
        row(out, r, ads.get(r.ad.as_str()).copied(), run.marks)?;
    }
    writeln!(out, "</tbody></table></section>")
}

/// Sort order of verdicts: worst last.
fn verdict_rank(verdict: &str) -> u8 {
    match verdict {
        "pass" => 0,
        "warn" => 1,
        "fail" => 2,
        _ => 3,
    }
}

fn row(
    out: &mut dyn Write,
    r: &AdResult,
    declared: Option<(&Campaign, &Ad)>,
    marks: &Marks,
) -> io::Result<()> {
    let verdict = r.verdict.to_string();
    let mark = marks.get(&r.ad);
    let changed = mark.is_some_and(Mark::changed);
    write!(
        out,
        "<tr id=\"ad-{}\" data-verdict=\"{verdict}\" data-campaign=\"{}\" data-checks=\"{}\" data-mark=\"{}\" data-changed=\"{}\">",
        attr(&r.ad),
        attr(&r.campaign),
        attr(&failing_checks(r).join(" ")),
        mark.map_or("", Mark::key),
        u8::from(changed),
    )?;
    write!(
        out,
        "<td data-sort=\"{}\"><span class=\"v v-{verdict}\">{}</span></td>",
        verdict_rank(&verdict),
        verdict.to_uppercase()
    )?;
    let campaign = declared.map_or(r.campaign.as_str(), |(c, _)| c.name.as_str());
    write!(out, "<td>{}</td><td>{}</td>", text(campaign), text(&r.ad))?;
    match mark {
        Some(m) => write!(
            out,
            "<td class=\"m-{}\" data-sort=\"{}\">{}</td>",
            m.key(),
            mark_rank(m),
            text(&m.to_string())
        )?,
        None => write!(out, "<td data-sort=\"0\">-</td>")?,
    }
    let kind = r
        .page_kind()
        .map_or_else(|| "-".to_owned(), |k| k.to_string());
    let identity = r
        .identity()
        .map_or_else(|| "-".to_owned(), |i| i.to_string());
    write!(
        out,
        "<td>{kind}</td><td data-sort=\"{}\">{identity}</td><td class=\"msg\">",
        r.identity().map_or(-1, i16::from)
    )?;
    if let Some(line) = headline(r) {
        write!(out, "{}", text(&line))?;
    }
    evidence::write(out, r, declared.map(|(_, ad)| ad))?;
    writeln!(out, "</td></tr>")
}

/// Sort order of marks: most urgent last.
fn mark_rank(mark: Mark) -> u32 {
    match mark {
        Mark::New => 1_000_000,
        Mark::StillFailing { runs, .. } => 1000 + runs,
        Mark::Fixed => 1,
        Mark::Unchanged => 0,
    }
}

/// The one line that says why: the error, else the first failing check,
/// else the first warning.
fn headline(r: &AdResult) -> Option<String> {
    if let Some(error) = r.error() {
        return Some(format!("error: {error}"));
    }
    [Outcome::Fail, Outcome::Warn].into_iter().find_map(|o| {
        r.checks()
            .iter()
            .find(|c| c.outcome == o)
            .map(|c| format!("{}: {}", c.name, c.message))
    })
}

#[cfg(test)]
mod tests;
