//! `--format jsonl`: the run record. A header line, then one self-contained
//! JSON object per ad written and flushed the moment the ad finishes, then
//! a summary line; so a nightly job's output is valid line by line even if
//! the run is cut short, and a cut run can be resumed from it.

use std::io::{self, Write};

use serde::Serialize;

use super::wire::{AdRecord, Closing, Header, Record};
use super::{Reporter, RunReport};
use crate::audit::AdResult;
use crate::history::Mark;

pub(crate) struct JsonLines;

/// Writes one record as one line and flushes it.
fn line(out: &mut dyn Write, record: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, record)?;
    writeln!(out)?;
    out.flush()
}

impl Reporter for JsonLines {
    fn start(&mut self, out: &mut dyn Write, header: &Header) -> io::Result<()> {
        line(out, &Record::Header(header.clone()))
    }

    fn result(
        &mut self,
        out: &mut dyn Write,
        result: &AdResult,
        mark: Option<Mark>,
    ) -> io::Result<()> {
        line(out, &Record::Ad(AdRecord::marked(result, mark)))
    }

    fn keeps_results(&self) -> bool {
        false
    }

    fn finish(&mut self, out: &mut dyn Write, run: &RunReport<'_>) -> io::Result<()> {
        // The summary's `changes` come from the history as they are written.
        line(out, &Closing::line(run.closing, run.marks))
    }
}
