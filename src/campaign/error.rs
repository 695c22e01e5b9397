//! What can go wrong loading a campaign file, kept with the campaign so
//! that the loader needs nothing from the rest of the library: the file
//! cannot be read, or it holds problems, each located by line and column.

use std::fmt;
use std::path::PathBuf;

/// Why a campaign file could not be loaded.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The file could not be read from disk.
    #[error("cannot read the campaign file {path}: {source}")]
    Read {
        /// The file that was asked for.
        path: PathBuf,
        /// Why the operating system refused it.
        source: std::io::Error,
    },
    /// The file was read but is not a valid campaign file.
    #[error("{0}")]
    Invalid(CampaignErrors),
}

/// The result of loading a campaign file.
pub type LoadResult<T> = std::result::Result<T, LoadError>;

/// One problem in a campaign file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignError {
    /// 1-based line of the offending value.
    pub line: usize,
    /// 1-based column of the offending value.
    pub column: usize,
    /// JSON path of the offending field, e.g. `campaigns[1].ads[3].url`.
    pub path: String,
    /// What is wrong and what is expected.
    pub message: String,
}

/// All problems found in one campaign file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignErrors {
    /// The file they were found in.
    pub file: PathBuf,
    /// Every problem, in file order.
    pub problems: Vec<CampaignError>,
}

impl fmt::Display for CampaignErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(
            f,
            "{} is not a valid campaign file ({n} problem{}); nothing was fetched:",
            self.file.display(),
            if n == 1 { "" } else { "s" }
        )?;
        for p in &self.problems {
            let field = if p.path.is_empty() {
                String::new()
            } else {
                format!("{}: ", p.path)
            };
            write!(
                f,
                "\n  {}:{}:{}: {field}{}",
                self.file.display(),
                p.line,
                p.column,
                p.message
            )?;
        }
        Ok(())
    }
}
