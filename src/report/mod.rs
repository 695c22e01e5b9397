//! The report stage: formats behind one [`Reporter`] trait, one file each,
//! writing to any [`std::io::Write`] so tests can read the output. Reports
//! do no scoring; they show what the score stage decided.

mod csv;
pub(crate) mod diff;
mod html;
mod json;
mod jsonl;
mod junit;
mod table;
pub mod wire;

use std::io::{self, Write};

use crate::audit::{AdResult, Summary};
use crate::campaign::CampaignFile;
use crate::history::{Mark, Marks};
use wire::{Header, SummaryRecord};

/// An output format, named as on the command line:
///
/// ```
/// use landcheck::Format;
///
/// assert_eq!("jsonl".parse::<Format>(), Ok(Format::Jsonl));
/// assert_eq!(Format::Junit.as_str().parse::<Format>(), Ok(Format::Junit));
/// assert_eq!(
///     "xml".parse::<Format>().unwrap_err(),
///     "\"xml\" is not a report format: use table, json, jsonl, csv, junit or html"
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Format {
    /// A table grouped by campaign, for people.
    #[default]
    Table,
    /// One JSON document with every result and the summary.
    Json,
    /// One JSON object per ad, written as each finishes, between a header
    /// line and a summary line.
    Jsonl,
    /// One spreadsheet row per ad.
    Csv,
    /// `JUnit` XML: one test suite per campaign, one test case per ad.
    Junit,
    /// One self-contained HTML page: summary, filters, evidence.
    Html,
}

impl Format {
    /// The name of the format on the command line, e.g. `jsonl`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Table => "table",
            Self::Json => "json",
            Self::Jsonl => "jsonl",
            Self::Csv => "csv",
            Self::Junit => "junit",
            Self::Html => "html",
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    /// A format by its name, in any case.
    fn from_str(s: &str) -> Result<Self, String> {
        let all = [
            Self::Table,
            Self::Json,
            Self::Jsonl,
            Self::Csv,
            Self::Junit,
            Self::Html,
        ];
        all.into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                let names: Vec<&str> = all.iter().map(|f| f.as_str()).collect();
                let (last, rest) = names.split_last().expect("formats");
                format!(
                    "\"{s}\" is not a report format: use {} or {last}",
                    rest.join(", ")
                )
            })
    }
}

/// Writes audit results in one format.
pub trait Reporter {
    /// Called once before any result with what the run is; streaming
    /// formats write their header here.
    ///
    /// # Errors
    /// When writing fails.
    fn start(&mut self, _out: &mut dyn Write, _header: &Header) -> io::Result<()> {
        Ok(())
    }

    /// Called as each ad finishes, in completion order, with its mark
    /// against the previous run when a history is kept. Formats written
    /// at the end ([`Reporter::finish`]) need not look at it.
    ///
    /// # Errors
    /// When writing fails.
    fn result(
        &mut self,
        _out: &mut dyn Write,
        _result: &AdResult,
        _mark: Option<Mark>,
    ) -> io::Result<()> {
        Ok(())
    }

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
    /// What ran, with which options.
    pub header: &'a Header,
    /// The end of the run as the wire format records it. When its
    /// `changes` are `None`, the JSON reports write them from `marks`.
    pub closing: &'a SummaryRecord,
    /// What changed for each ad since the previous run (empty without
    /// history), read from the history as the report is written.
    pub marks: &'a Marks,
}

/// The reporter for `format`; `explain` adds the evidence behind every
/// check to the table (JSON always carries it).
#[must_use]
pub fn reporter_for(format: Format, explain: bool) -> Box<dyn Reporter> {
    match format {
        Format::Table => Box::new(table::Table { explain }),
        Format::Json => Box::new(json::Json),
        Format::Jsonl => Box::new(jsonl::JsonLines),
        Format::Csv => Box::new(csv::Csv),
        Format::Junit => Box::new(junit::Junit),
        Format::Html => Box::new(html::Html),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    //! Helpers the format tests share.

    use super::wire::{Header, RunOptions, SummaryRecord};
    use super::{Reporter, RunReport};
    use crate::audit::{AdOutcome, AdResult, Landing, Summary, Unreached};
    use crate::campaign::CampaignFile;
    use crate::extract::PageFacts;
    use crate::score::Check;
    use crate::score::Verdict;

    /// A result of `verdict` for ad `ad` of campaign `campaign`, taking
    /// 1.5 s: a page with nothing read on it, or for [`Verdict::Error`] a
    /// page that could not be reached.
    pub(crate) fn result(campaign: &str, ad: &str, verdict: Verdict) -> AdResult {
        let url = "https://shop.example/p";
        let outcome = if verdict == Verdict::Error {
            AdOutcome::Unreachable(Unreached {
                elapsed_ms: 1500,
                ..Unreached::new("could not connect")
            })
        } else {
            let landing = Landing {
                elapsed_ms: 1500,
                ..Landing::new(url.parse().unwrap(), 200, PageFacts::default())
            };
            AdOutcome::Audited(Box::new(landing))
        };
        AdResult {
            position: 0,
            campaign: campaign.to_owned(),
            ad: ad.to_owned(),
            url: url.to_owned(),
            verdict,
            outcome,
        }
    }

    /// `r` with `checks` as its checks.
    pub(crate) fn with_checks(mut r: AdResult, checks: Vec<Check>) -> AdResult {
        match &mut r.outcome {
            AdOutcome::Audited(landing) => landing.checks = checks,
            AdOutcome::Unreachable(unreached) => unreached.checks = checks,
            _ => unreachable!("an invalid entry has no checks"),
        }
        r
    }

    /// Runs `reporter` over `results` and returns what it wrote.
    pub(crate) fn render(reporter: &mut dyn Reporter, results: &[AdResult]) -> String {
        let campaigns = CampaignFile {
            skipped: Vec::new(),
            campaigns: Vec::new(),
        };
        render_with(
            reporter,
            &campaigns,
            results,
            &crate::history::Marks::default(),
        )
    }

    /// [`render`] for `campaigns`, with `marks` against a previous run.
    pub(crate) fn render_with(
        reporter: &mut dyn Reporter,
        campaigns: &CampaignFile,
        results: &[AdResult],
        marks: &crate::history::Marks,
    ) -> String {
        let mut summary = Summary::default();
        for r in results {
            summary.add(r.verdict);
        }
        let header = Header::new(std::time::SystemTime::now(), None, RunOptions::default());
        let closing = SummaryRecord::new(results.len(), summary);
        let run = RunReport {
            campaigns,
            results,
            summary,
            not_audited: 0,
            header: &header,
            closing: &closing,
            marks,
        };
        let mut out = Vec::new();
        reporter.start(&mut out, &header).unwrap();
        for r in results {
            reporter.result(&mut out, r, None).unwrap();
        }
        reporter.finish(&mut out, &run).unwrap();
        String::from_utf8(out).unwrap()
    }
}
