//! The report stage: formats behind one [`Reporter`] trait, one file each,
//! writing to any [`std::io::Write`] so tests can read the output. Reports
//! do no scoring; they show what the score stage decided.

mod json;
mod jsonl;
mod table;

use std::io::{self, Write};

use crate::audit::{AdResult, Summary};
use crate::campaign::CampaignFile;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// A table grouped by campaign, for people.
    #[default]
    Table,
    /// One JSON document with every result and the summary.
    Json,
    /// One JSON object per ad, written as each finishes.
    Jsonl,
}

/// Writes audit results in one format.
pub trait Reporter {
    /// Called as each ad finishes, in completion order.
    ///
    /// # Errors
    /// When writing fails.
    fn result(&mut self, out: &mut dyn Write, result: &AdResult) -> io::Result<()>;

    /// Whether [`Reporter::finish`] needs every result; streaming formats
    /// say no, so a run of millions of ads does not hold them in memory.
    fn keeps_results(&self) -> bool {
        true
    }

    /// Called once at the end, with every result in file order (empty
    /// when [`Reporter::keeps_results`] says no).
    ///
    /// # Errors
    /// When writing fails.
    fn finish(&mut self, out: &mut dyn Write, run: &RunReport<'_>) -> io::Result<()>;
}

/// Everything a report shows at the end of a run.
#[derive(Debug)]
pub struct RunReport<'a> {
    /// The audited campaigns.
    pub campaigns: &'a CampaignFile,
    /// Every result, in file order.
    pub results: &'a [AdResult],
    /// Verdict counts.
    pub summary: Summary,
    /// Ads not audited because the run was interrupted.
    pub not_audited: usize,
}

/// The reporter for `format`; `explain` adds the evidence behind every
/// check to the table (JSON always carries it).
#[must_use]
pub fn reporter_for(format: Format, explain: bool) -> Box<dyn Reporter> {
    match format {
        Format::Table => Box::new(table::Table { explain }),
        Format::Json => Box::new(json::Json),
        Format::Jsonl => Box::new(jsonl::JsonLines),
    }
}
