//! `--format json`: one document with the run's header, every ad record in
//! file order and the summary, in the wire format of [`super::wire`].

use std::io::{self, Write};

use serde::Serialize;

use super::wire::{AdRecord, Closing, Header, SCHEMA_VERSION};
use super::{Reporter, RunReport};

pub(crate) struct Json;

#[derive(Serialize)]
struct Document<'a> {
    schema_version: u32,
    header: &'a Header,
    summary: Closing<'a>,
    results: Vec<AdRecord>,
}

impl Reporter for Json {
    fn finish(&mut self, out: &mut dyn Write, run: &RunReport<'_>) -> io::Result<()> {
        let doc = Document {
            schema_version: SCHEMA_VERSION,
            header: run.header,
            summary: Closing::new(run.closing, run.marks),
            results: run
                .results
                .iter()
                .map(|r| AdRecord::marked(r, run.marks.get(&r.ad)))
                .collect(),
        };
        serde_json::to_writer_pretty(&mut *out, &doc)?;
        writeln!(out)
    }
}
