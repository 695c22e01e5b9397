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
//! For example, the extract stage reads a page without any network:
//!
//! ```
//! use landcheck::{extract, PageKind};
//!
//! let html = r#"<html><body><h1>Trail Runner GTX</h1>
//!   <span class="price">$129.99</span><button>Add to cart</button></body></html>"#;
//! let url = "https://shop.example/products/trail-runner".parse().unwrap();
//! let facts = extract(html, &url, 200);
//! assert_eq!(facts.kind, PageKind::Product);
//! assert_eq!(facts.product.price.unwrap().value.amount, 129.99);
//! assert_eq!(facts.add_to_cart.unwrap().value, "Add to cart");
//! ```

#![deny(missing_docs)]
#![warn(clippy::pedantic, unreachable_pub)]

pub mod audit;
pub mod campaign;
#[cfg(feature = "demo")]
pub mod demo;
pub mod error;
pub mod extract;
pub mod fetch;
pub mod history;
pub mod merge;
pub mod page;
pub mod report;
pub mod score;
pub mod shard;

/// The token that cancels an [`Audit`], re-exported so callers need no
/// dependency of their own.
pub use tokio_util::sync::CancellationToken;

pub use audit::{
    audit, audit_where, AdOutcome, AdResult, Audit, Invalid, Landing, RunSummary, Stop, Summary,
    Unreached, DEFAULT_CONCURRENCY, DEFAULT_GRACE,
};
pub use campaign::{
    Ad, Campaign, CampaignFile, DeclaredProduct, ExpectedPage, Gtin, GtinError, GtinProblem, Money,
};
pub use error::{Error, Result};
pub use extract::{extract, PageFacts, PageKind};
pub use fetch::{FetchOptions, Fetcher, Resolve};
pub use page::{FetchError, FetchFailure, Page};
pub use report::{reporter_for, Format, Reporter, RunReport};
pub use score::{score, Check, CheckName, Outcome, Scorecard, Scorer, Taxonomy, Verdict};
pub use shard::Shard;
