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
//! [`Audit`] runs the whole pipeline; each stage is also usable alone.
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
//!
//! The whole run: load the campaigns (here from text; [`load_campaigns`]
//! reads a file, [`load_input`] an ad platform's export), then audit every
//! ad. This one audits an ad against a page served on 127.0.0.1:
//!
//! ```
//! use landcheck::{parse_campaigns, Audit, FetchOptions, Fetcher, Verdict};
//! use tokio::io::{AsyncReadExt, AsyncWriteExt};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // A shop of one page.
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
//! let shop = listener.local_addr()?;
//! tokio::spawn(async move {
//!     let page = r#"<html><head><title>Trail Runner GTX</title></head><body>
//!       <h1>Trail Runner GTX</h1><span class="price">$129.99</span>
//!       <button>Add to cart</button></body></html>"#;
//!     while let Ok((mut visitor, _)) = listener.accept().await {
//!         let mut request = [0; 4096];
//!         let _ = visitor.read(&mut request).await;
//!         let answer = format!(
//!             "HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{page}",
//!             page.len()
//!         );
//!         let _ = visitor.write_all(answer.as_bytes()).await;
//!     }
//! });
//!
//! let json = format!(
//!     r#"{{"campaigns": [{{"id": "spring", "name": "Spring sale", "ads": [
//!         {{"id": "ad-1", "url": "http://{shop}/trail-runner",
//!           "product": {{"name": "Trail Runner GTX", "price": {{"amount": 129.99, "currency": "USD"}}}}}}]}}]}}"#
//! );
//! let campaigns = parse_campaigns(&json, std::path::Path::new("campaigns.json"))?;
//! let mut verdicts = Vec::new();
//! let ran = Audit::new(&campaigns)
//!     .fetcher(Fetcher::new(FetchOptions::default())?)
//!     .run(|result| verdicts.push((result.ad, result.verdict)))
//!     .await?;
//! assert_eq!(verdicts, [("ad-1".to_owned(), Verdict::Pass)]);
//! assert_eq!((ran.counts.pass, ran.not_audited.len()), (1, 0));
//! # Ok(())
//! # }
//! ```

#![deny(missing_docs)]
#![warn(clippy::pedantic, unreachable_pub, unnameable_types)]

// The stages are private; everything a caller needs is re-exported below,
// once, under one path. Each stage imports only from stages before it:
//
// campaign -> error -> page -> fetch -> extract -> score -> audit
//   -> history -> report -> merge -> shard -> demo
//
// (`tests/architecture.rs` holds this order and fails on any import
// against it.)
mod audit;
mod campaign;
#[cfg(feature = "demo")]
mod demo;
mod error;
mod extract;
mod fetch;
mod history;
mod merge;
mod page;
mod report;
mod score;
mod shard;

// The whole run.
pub use audit::{
    AdOutcome, AdResult, Audit, Invalid, Landing, RunSummary, Stop, Summary, Unreached,
    DEFAULT_CONCURRENCY, DEFAULT_GRACE,
};
/// The token that cancels an [`Audit`], re-exported so callers need no
/// dependency of their own.
pub use tokio_util::sync::CancellationToken;

// Errors of the library as a whole.
pub use error::{Error, Result};

// Campaigns: what the ads promise, loaded from campaign JSON or from the
// ad platforms' exports and product feeds.
pub use campaign::{
    ad_problems, load as load_campaigns, load_input, load_lenient as load_campaigns_lenient,
    parse as parse_campaigns, parse_input, parse_lenient as parse_campaigns_lenient, Ad, Campaign,
    CampaignError, CampaignErrors, CampaignField, CampaignFile, Chunk as CampaignChunk,
    DeclaredProduct, Entry as CampaignEntry, Expectation, ExpectedPage, Gtin, GtinError,
    GtinProblem, InputKind, InputOptions, LeftOut, LoadError, LoadResult, Loaded, Money,
    SkipReason, SkippedAd, Stock, StreamedFile, CHUNK_ADS,
};

// Fetching landing pages.
pub use fetch::{
    decode_html, Device, FetchOptions, Fetcher, HostPolicy, Resolve, DEFAULT_AD_TIMEOUT,
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_DOWN_AFTER, DEFAULT_DOWN_AFTER_TIMEOUTS, DEFAULT_HOST_RATE,
    DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_REDIRECTS, DEFAULT_PER_HOST, DEFAULT_RETRIES,
    DEFAULT_RETRY_AFTER_CAP, DEFAULT_TIMEOUT,
};
pub use page::{FetchError, FetchFailure, FetchOutcome, Hop, HopKind, Page};

// What a page shows: the facts read from it, each with where it was read.
pub use extract::{
    extract, extract_page, AggregateOffer, Availability, Fact, Listing, Offer, PageFacts, PageKind,
    Price, ProductFacts, Source,
};

// Judging a page against its ad.
pub use score::{
    score, score_failure, Check, CheckName, Outcome, Scorecard, Scorer, Taxonomy, Verdict,
    IDENTITY_PASS, IDENTITY_WARN, PRICE_TOLERANCE, SLOW_PAGE,
};

// The history of runs, which marks each ad new, fixed or still failing.
pub use history::{
    sha256_of, CampaignSource, History, HistoryError, Mark, Marks, PastResult, Recording,
};

// Reports, and the comparison of two runs.
pub use report::diff::{diff, Change, RunDiff};
/// The records of the JSON and JSON Lines reports, kept apart from the
/// types above so that the written format outlives changes to them. Their
/// names (`Header`, `Record`, ...) belong together under `wire::`.
pub use report::wire;
pub use report::{reporter_for, Format, Reporter, RunReport};

// Auditing one campaign file on many machines, and merging their reports.
pub use merge::{
    merge, read_report, DuplicateAd, MergeError, Merged, MissingAd, ReportLine, ShardAd,
    ShardReport,
};
pub use shard::Shard;

// The embedded demo shop behind `landcheck demo`.
#[cfg(feature = "demo")]
pub use demo::{example_campaigns, DemoShop, Route, EXAMPLE_CAMPAIGNS};
