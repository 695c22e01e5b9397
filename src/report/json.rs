//! `--format json`: one document with the summary and every result.

use std::io::{self, Write};

use serde_json::json;

use super::{Reporter, RunReport};
use crate::audit::AdResult;

pub(crate) struct Json;

impl Reporter for Json {
    fn result(&mut self, _out: &mut dyn Write, _result: &AdResult) -> io::Result<()> {
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, run: &RunReport<'_>) -> io::Result<()> {
        let doc = json!({
            "summary": run.summary,
            "not_audited": run.not_audited,
            "results": run.results,
        });
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }
}
