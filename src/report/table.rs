//! The table a person reads: ads grouped by campaign, each with its verdict,
//! page kind, identity score and the messages of the checks that did not
//! pass, after the ad's mark when a history is kept (`[new]`, `[fixed]`,
//! `[still failing since DATE (N runs)]`); then one summary line.

use std::io::{self, Write};

use super::{Reporter, RunReport};
use crate::audit::AdResult;
use crate::history::Mark;
use crate::score::Outcome;

pub(crate) struct Table {
    pub(crate) explain: bool,
}

impl Reporter for Table {
    fn finish(&mut self, out: &mut dyn Write, run: &RunReport<'_>) -> io::Result<()> {
        let id_width = run
            .results
            .iter()
            .map(|r| r.ad.chars().count())
            .max()
            .unwrap_or(2)
            .max(2);
        let indent = 2 + 5 + 2 + id_width + 2 + 8 + 2 + 3 + 2;
        for campaign in &run.campaigns.campaigns {
            let rows: Vec<&AdResult> = run
                .results
                .iter()
                .filter(|r| r.campaign == campaign.id)
                .collect();
            if rows.is_empty() {
                continue;
            }
            writeln!(out, "{} ({})", campaign.name, campaign.id)?;
            for r in rows {
                let kind = r
                    .page_kind()
                    .map_or_else(|| "-".to_owned(), |k| k.to_string());
                let identity = r
                    .identity()
                    .map_or_else(|| "-".to_owned(), |s| s.to_string());
                let verdict = r.verdict.to_string().to_uppercase();
                let mut lines = messages(r, self.explain).into_iter();
                let mut first = lines.next().unwrap_or_default();
                if let Some(mark) = run.marks.get(&r.ad).filter(|m| *m != Mark::Unchanged) {
                    first = format!("[{mark}] {first}");
                }
                let row = format!(
                    "  {verdict:<5}  {:<id_width$}  {kind:<8}  {identity:>3}  {first}",
                    r.ad
                );
                writeln!(out, "{}", row.trim_end())?;
                for line in lines {
                    writeln!(out, "{:indent$}{line}", "")?;
                }
            }
            writeln!(out)?;
        }
        write!(out, "{}", run.summary)?;
        if run.marks.is_kept() {
            let (new, still, fixed) = run.marks.counts();
            write!(
                out,
                "; since the last run: {new} new, {still} still failing, {fixed} fixed"
            )?;
        }
        if run.not_audited > 0 {
            write!(out, "; interrupted: {} ads not audited", run.not_audited)?;
        }
        writeln!(out)
    }
}

/// The lines shown for one ad: failing checks first, then warnings; with
/// `explain`, every check that applied and its evidence.
fn messages(r: &AdResult, explain: bool) -> Vec<String> {
    if let Some(error) = r.error() {
        return vec![format!("error: {error}")];
    }
    let least = if explain {
        Outcome::Pass
    } else {
        Outcome::Warn
    };
    let mut shown: Vec<_> = r.checks().iter().filter(|c| c.outcome >= least).collect();
    shown.sort_by_key(|c| std::cmp::Reverse(c.outcome));
    shown
        .into_iter()
        .flat_map(|c| {
            let tag = match c.outcome {
                Outcome::Warn => " (warn)",
                Outcome::Pass if explain => " (pass)",
                _ => "",
            };
            let head = format!("{}{tag}: {}", c.name, c.message);
            let evidence = c
                .explain
                .iter()
                .filter(|_| explain)
                .map(|e| format!("    {e}"));
            std::iter::once(head).chain(evidence)
        })
        .collect()
}
