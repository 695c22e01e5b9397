//! Fatal errors: the few things that stop a whole run before any ad is
//! audited. A failed ad is never one of these; it is a result row (see
//! [`crate::audit::AdResult`]).

use std::path::PathBuf;

use crate::campaign::CampaignErrors;

/// Everything that can stop landcheck before it audits anything.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The campaign file could not be read from disk.
    #[error("cannot read the campaign file {path}: {source}")]
    ReadCampaign {
        /// The file that was asked for.
        path: PathBuf,
        /// Why the operating system refused it.
        source: std::io::Error,
    },
    /// The campaign file was read but is not a valid campaign file.
    #[error("{0}")]
    InvalidCampaign(CampaignErrors),
    /// A setting given on the command line or in code is unusable.
    #[error("{0}")]
    InvalidSetting(String),
    /// The HTTP client could not be built (TLS set-up, resolver).
    #[error("cannot set up the HTTP client: {0}")]
    Client(#[from] reqwest::Error),
    /// The embedded demo shop could not start.
    #[error("cannot start the demo shop: {0}")]
    DemoShop(String),
}

/// Result type of the library's fallible set-up functions.
pub type Result<T> = std::result::Result<T, Error>;
