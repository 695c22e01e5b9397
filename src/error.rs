//! Fatal errors: the few things that stop a whole run before any ad is
//! audited. A failed ad is never one of these; it is a result row, an
//! `AdResult`.

use crate::campaign::LoadError;

/// Everything that can stop landcheck before it audits anything.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The campaign file could not be read or is not valid.
    #[error(transparent)]
    Campaign(#[from] LoadError),
    /// A setting given on the command line or in code is unusable.
    #[error("{0}")]
    InvalidSetting(String),
    /// The HTTP client could not be built (TLS set-up, resolver).
    #[error("cannot set up the HTTP client: {0}")]
    Client(#[from] reqwest::Error),
    /// The embedded demo shop could not start.
    #[cfg(feature = "demo")]
    #[error("cannot start the demo shop: {0}")]
    DemoShop(String),
}

/// Result type of the library's fallible set-up functions.
pub type Result<T> = std::result::Result<T, Error>;
