//! Where an audit's report goes, so that no report is ever lost. `-o FILE`
//! writes to `FILE.partial` and renames it to `FILE` only when the run
//! ends; a run that dies or is interrupted leaves last night's `FILE` as it
//! was and a `.partial` that `--resume` can complete. The report is never
//! written over the campaign file.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

/// The suffix of a report still being written.
pub(crate) const PARTIAL: &str = ".partial";

/// An open report: standard output, or a `.partial` file renamed at the end.
pub(crate) struct Output {
    writer: Sink,
    /// The `.partial` file and the name it gets when the run ends.
    file: Option<(PathBuf, PathBuf)>,
}

/// Where the bytes go.
enum Sink {
    Stdout(BufWriter<io::Stdout>),
    File(BufWriter<File>),
    /// A device or a pipe named by `-o` (`/dev/null`, a FIFO): written in
    /// place, never replaced.
    Stream(BufWriter<File>),
}

impl Sink {
    fn as_write(&mut self) -> &mut dyn Write {
        match self {
            Self::Stdout(w) => w,
            Self::File(w) | Self::Stream(w) => w,
        }
    }

    /// Flushes, and for a file makes sure its bytes are on disk.
    fn persist(&mut self) -> io::Result<()> {
        match self {
            // A reader that stopped reading (`| head`) is no failure.
            Self::Stdout(w) => match w.flush() {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                other => other,
            },
            Self::Stream(w) => match w.flush() {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                other => other,
            },
            Self::File(w) => {
                w.flush()?;
                w.get_ref().sync_all()
            }
        }
    }
}

impl Output {
    /// Standard output, buffered.
    pub(crate) fn stdout() -> Self {
        Self {
            writer: Sink::Stdout(BufWriter::new(io::stdout())),
            file: None,
        }
    }

    /// A new `FILE.partial` for the report that will be `path`.
    pub(crate) fn create(path: &Path) -> Result<Self> {
        // Renaming a finished report over a device or a pipe would replace
        // it with a plain file (as root, `/dev/null` itself): write to it
        // in place.
        if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
            let stream = OpenOptions::new()
                .write(true)
                .open(path)
                .with_context(|| format!("cannot write the report to {}", path.display()))?;
            return Ok(Self {
                writer: Sink::Stream(BufWriter::new(stream)),
                file: None,
            });
        }
        let partial = partial_path(path);
        if partial.exists() {
            eprintln!(
                "landcheck: starting over: {} from an unfinished run is replaced (--resume {} would have continued it)",
                partial.display(),
                partial.display()
            );
        }
        let file = File::create(&partial)
            .with_context(|| format!("cannot write the report to {}", partial.display()))?;
        Ok(Self {
            writer: Sink::File(BufWriter::new(file)),
            file: Some((partial, path.to_path_buf())),
        })
    }

    /// The `partial` file of an interrupted run, cut to its first `keep`
    /// bytes (what it holds of whole records) and opened to append.
    pub(crate) fn resume(partial: &Path, keep: u64) -> Result<Self> {
        let file = OpenOptions::new()
            .write(true)
            .open(partial)
            .with_context(|| format!("cannot open {} to resume it", partial.display()))?;
        file.set_len(keep)
            .with_context(|| format!("cannot cut {} to its whole lines", partial.display()))?;
        let mut file = file;
        io::Seek::seek(&mut file, io::SeekFrom::End(0))?;
        Ok(Self {
            writer: Sink::File(BufWriter::new(file)),
            file: Some((partial.to_path_buf(), final_path(partial))),
        })
    }

    /// Where the report is written.
    pub(crate) fn writer(&mut self) -> &mut dyn Write {
        self.writer.as_write()
    }

    /// Flushes the report and gives `FILE.partial` its final name; returns
    /// that name, or `None` for standard output.
    pub(crate) fn commit(self) -> Result<Option<PathBuf>> {
        let Self { mut writer, file } = self;
        writer.persist().context("cannot write the report")?;
        drop(writer);
        let Some((partial, path)) = file else {
            return Ok(None);
        };
        std::fs::rename(&partial, &path).with_context(|| {
            format!(
                "the report is complete in {} but cannot be renamed to {}",
                partial.display(),
                path.display()
            )
        })?;
        Ok(Some(path))
    }

    /// Flushes what was written and leaves it in `FILE.partial`; returns
    /// the `.partial` and final names, or `None` for standard output.
    pub(crate) fn abandon(self) -> Result<Option<(PathBuf, PathBuf)>> {
        let Self { mut writer, file } = self;
        writer.persist().context("cannot write the report")?;
        Ok(file)
    }
}

/// `FILE` -> `FILE.partial`.
pub(crate) fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(PARTIAL);
    PathBuf::from(name)
}

/// `FILE.partial` -> `FILE`.
pub(crate) fn final_path(partial: &Path) -> PathBuf {
    let name = partial.to_string_lossy();
    PathBuf::from(name.strip_suffix(PARTIAL).unwrap_or(&name))
}

/// Refuses an output (or its `.partial`) that is the campaign file itself.
pub(crate) fn refuse_campaign(output: &Path, campaign: &Path) -> Result<()> {
    let Some(campaign_at) = canonical(campaign) else {
        return Ok(());
    };
    for path in [output.to_path_buf(), partial_path(output)] {
        if canonical(&path).is_some_and(|p| p == campaign_at) {
            bail!(
                "-o {} is the campaign file {}: the report would overwrite the ads. Name another file, e.g. report.jsonl",
                output.display(),
                campaign.display()
            );
        }
    }
    Ok(())
}

/// The canonical form of `path`, whether or not it exists yet.
fn canonical(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = path.canonicalize() {
        return Some(p);
    }
    let name = path.file_name()?;
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(parent.canonicalize().ok()?.join(name))
}

#[cfg(test)]
mod tests {

    #[cfg(unix)]
    #[test]
    fn a_device_is_written_in_place_never_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let null = Path::new("/dev/null");
        let mut out = Output::create(null).unwrap();
        out.writer().write_all(b"{}\n").unwrap();
        assert_eq!(out.commit().unwrap(), None);
        assert!(std::fs::metadata(null)
            .unwrap()
            .file_type()
            .is_char_device());
        assert!(!partial_path(null).exists());
    }

    use super::*;

    #[test]
    fn a_report_keeps_its_partial_name_until_committed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.jsonl");
        std::fs::write(&path, "last night\n").unwrap();
        let mut out = Output::create(&path).unwrap();
        writeln!(out.writer(), "tonight").unwrap();
        let (partial, _) = out.abandon().unwrap().unwrap();
        assert_eq!(partial, dir.path().join("out.jsonl.partial"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "last night\n");
        assert_eq!(std::fs::read_to_string(&partial).unwrap(), "tonight\n");

        let mut out = Output::resume(&partial, 3).unwrap();
        writeln!(out.writer(), "ight").unwrap();
        assert_eq!(out.commit().unwrap(), Some(path.clone()));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "tonight\n");
        assert!(!partial.exists());
    }

    #[test]
    fn the_campaign_file_is_refused_by_any_name() {
        let dir = tempfile::tempdir().unwrap();
        let campaign = dir.path().join("ads.json");
        std::fs::write(&campaign, "{}").unwrap();
        let other = dir.path().join("sub/../ads.json");
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let err = refuse_campaign(&other, &campaign).unwrap_err().to_string();
        assert!(err.contains("is the campaign file"), "{err}");
        assert!(refuse_campaign(&dir.path().join("report.json"), &campaign).is_ok());
    }
}
