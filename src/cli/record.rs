//! The run record around the report: the header that says what ran on
//! which campaign file with which options, the ads a run did not reach,
//! and the lines on standard error that close a run (the one-line summary,
//! and after an interruption, what was left and how to finish it).

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use anyhow::{bail, Result};
use clap::ValueEnum;
use landcheck::wire::{Header, RunOptions, SummaryRecord};
use landcheck::{Format, Shard};

use super::config::Settings;
use super::output::final_path;
use super::resume::{self, Partial};

/// Most ids listed on standard error after an interruption; the summary
/// line of the report has them all.
const LISTED: usize = 20;

/// Where the ads of a run came from.
pub(crate) struct Origin<'a> {
    /// The campaign file as the user named it.
    pub(crate) name: String,
    /// Its path on disk, when it is a file.
    pub(crate) path: Option<&'a Path>,
    /// The SHA-256 of its bytes, in lower-case hex.
    pub(crate) sha256: String,
    /// The shard of it audited, if not all of it.
    pub(crate) shard: Option<Shard>,
}

impl<'a> Origin<'a> {
    /// The campaign file at `path`, read again for its checksum.
    pub(crate) fn file(path: &'a Path) -> Result<Self> {
        Ok(Self {
            name: path.display().to_string(),
            path: Some(path),
            sha256: landcheck::sha256_of(std::fs::File::open(path)?)?,
            shard: None,
        })
    }
}

/// The header of a run starting at `started`.
pub(crate) fn header(
    settings: &Settings,
    origin: Option<&Origin<'_>>,
    started: SystemTime,
) -> Header {
    let mut options = RunOptions::new(&settings.fetch, settings.concurrency);
    options.format = settings.format.as_str().to_owned();
    options.fail_on = settings
        .fail_on
        .to_possible_value()
        .map(|v| v.get_name().to_owned())
        .unwrap_or_default();
    options.taxonomy = settings.taxonomy.as_ref().map(|p| p.display().to_string());
    options.skip_invalid_ads = settings.skip_invalid_ads;
    options.shard = origin.and_then(|o| o.shard).map(|s| s.to_string());
    let mut header = Header::new(started, None, options);
    header.campaign_file = origin.map(|o| o.name.clone());
    header.campaign_sha256 = origin.map(|o| o.sha256.clone());
    header
}

/// The partial report `--resume` names and its path, checked against this
/// run's campaign file and options.
pub(crate) fn open_resumed(
    settings: &Settings,
    header: &Header,
) -> Result<Option<(Partial, PathBuf)>> {
    let Some(path) = &settings.resume else {
        return Ok(None);
    };
    if settings.format != Format::Jsonl {
        bail!(
            "--resume continues a --format jsonl report; --format {} cannot be resumed",
            settings.format.as_str()
        );
    }
    if let Some(out) = &settings.output {
        if *out != final_path(path) {
            bail!(
                "--resume {} finishes {}; -o {} names another file (leave -o out)",
                path.display(),
                final_path(path).display(),
                out.display()
            );
        }
    }
    let partial = resume::read(path, header.campaign_sha256.as_deref())?;
    if partial.header.options.shard != header.options.shard {
        let shard = |s: &Option<String>| {
            s.as_deref()
                .map_or("the whole file".to_owned(), |s| format!("shard {s}"))
        };
        bail!(
            "{} audited {} of the campaign file, this run {}: give the same --shard to resume it",
            path.display(),
            shard(&partial.header.options.shard),
            shard(&header.options.shard)
        );
    }
    Ok(Some((partial, path.clone())))
}

/// Lists the ads an interrupted run did not audit.
pub(crate) fn list_not_audited(ids: &[String]) {
    if ids.is_empty() {
        return;
    }
    let shown = ids
        .iter()
        .take(LISTED)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    let more = ids.len().saturating_sub(LISTED);
    if more == 0 {
        eprintln!("landcheck: not audited: {shown}");
    } else {
        eprintln!("landcheck: not audited: {shown} and {more} more (all in the report's summary)");
    }
}

/// Tells where an interrupted run's report is and how to finish it.
pub(crate) fn how_to_resume(
    left: Option<&(PathBuf, PathBuf)>,
    format: Format,
    _origin: Option<&Origin<'_>>,
) {
    let Some((partial, path)) = left else {
        return;
    };
    eprintln!(
        "landcheck: the report so far is in {}; {} is untouched",
        partial.display(),
        path.display()
    );
    if format == Format::Jsonl {
        eprintln!(
            "landcheck: to finish the run, repeat the command with --resume {}",
            partial.display()
        );
    } else {
        eprintln!(
            "landcheck: only --format jsonl runs can be resumed; run again to complete the report"
        );
    }
}

/// The one line that closes every audit on standard error.
pub(crate) fn summary_line(closing: &SummaryRecord, report: Option<&Path>) {
    eprintln!("{}", summary_text(closing, report));
}

fn summary_text(s: &SummaryRecord, report: Option<&Path>) -> String {
    let audited = s.pass + s.warn + s.fail + s.error;
    #[allow(clippy::cast_precision_loss)]
    let seconds = s.duration_ms as f64 / 1000.0;
    let mut line = format!(
        "landcheck: {audited} ad{}: {} pass, {} warn, {} fail, {} error in {seconds:.1} s",
        if audited == 1 { "" } else { "s" },
        s.pass,
        s.warn,
        s.fail,
        s.error
    );
    line.push_str(&format!(
        "; {} page{} fetched",
        s.pages_fetched,
        if s.pages_fetched == 1 { "" } else { "s" }
    ));
    if !s.not_audited.is_empty() {
        line.push_str(&format!("; {} not audited", s.not_audited.len()));
    }
    if let Some(path) = report {
        line.push_str(&format!("; report: {}", path.display()));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_line_counts_times_and_names_the_report() {
        let s = SummaryRecord {
            pass: 8,
            warn: 2,
            fail: 1,
            error: 1,
            duration_ms: 3420,
            pages_fetched: 9,
            ..SummaryRecord::default()
        };
        assert_eq!(
            summary_text(&s, Some(Path::new("out.jsonl"))),
            "landcheck: 12 ads: 8 pass, 2 warn, 1 fail, 1 error in 3.4 s; 9 pages fetched; report: out.jsonl"
        );
    }
}
