//! landcheck proves every ad lands where it promises.
//!
//! It reads a campaign file, fetches every ad's landing page concurrently,
//! extracts the product identity from the page, scores it against the
//! product the ad declares, and reports per ad a verdict with the evidence.
//! The stages run one way:
//!
//! ```text
//! campaign -> fetch -> extract -> score -> report
//! ```
//!
//! [`audit::audit`] runs the whole pipeline; each stage is also usable alone.

#![deny(missing_docs)]
#![warn(unreachable_pub)]

pub mod audit;
pub mod campaign;
pub mod demo;
pub mod error;
pub mod extract;
pub mod fetch;
pub mod page;
pub mod report;
pub mod score;

pub use audit::{audit, AdResult, Summary, DEFAULT_CONCURRENCY};
pub use campaign::{Ad, Campaign, CampaignFile, DeclaredProduct, ExpectedPage, Money};
pub use error::{Error, Result};
pub use extract::{extract, PageFacts, PageKind};
pub use fetch::{FetchOptions, Fetcher, Resolve};
pub use page::{FetchError, FetchFailure, Page};
pub use report::{reporter_for, Format, Reporter, RunReport};
pub use score::{score, Check, CheckName, Outcome, Scorecard, Verdict};
