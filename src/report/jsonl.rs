//! `--format jsonl`: one self-contained JSON object per ad, written and
//! flushed the moment the ad finishes, so a nightly job's output is valid
//! line by line even if the run is cut short.

use std::io::{self, Write};

use super::{Reporter, RunReport};
use crate::audit::AdResult;

pub(crate) struct JsonLines;

impl Reporter for JsonLines {
    fn result(&mut self, out: &mut dyn Write, result: &AdResult) -> io::Result<()> {
        serde_json::to_writer(&mut *out, result)?;
        writeln!(out)?;
        out.flush()
    }

    fn keeps_results(&self) -> bool {
        false
    }

    fn finish(&mut self, _out: &mut dyn Write, _run: &RunReport<'_>) -> io::Result<()> {
        Ok(())
    }
}
