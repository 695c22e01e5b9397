//! What the audit says about one ad. An ad either had its landing page
//! read and scored, or no page could be had, or its entry in the campaign
//! file is invalid: one of three outcomes, each carrying only the evidence
//! it can have, so no report has to guess from a mix of empty fields.

use url::Url;

use crate::campaign::CampaignError;
use crate::extract::{PageFacts, PageKind};
use crate::page::Hop;
use crate::score::{Check, Verdict};

/// The audit of one ad: which ad, its verdict and the evidence behind it.
#[derive(Debug, Clone)]
pub struct AdResult {
    /// Position of the ad in the campaign file, from 0.
    pub position: usize,
    /// The campaign's id.
    pub campaign: String,
    /// The ad's id.
    pub ad: String,
    /// The ad's target URL, as the campaign file gives it.
    pub url: String,
    /// The overall verdict: always [`Verdict::Error`] unless the ad was
    /// [`AdOutcome::Audited`].
    pub verdict: Verdict,
    /// How the ad's audit came out, with its evidence.
    pub outcome: AdOutcome,
}

/// How one ad's audit came out.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum AdOutcome {
    /// The landing page was reached, read and scored.
    Audited(Box<Landing>),
    /// No landing page could be had (network error, timeout, too many
    /// redirects, a body that could not be read).
    Unreachable(Unreached),
    /// The ad's entry in the campaign file is invalid; it was not audited.
    Invalid(Invalid),
}

/// A landing page that was reached, and what landcheck read on it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Landing {
    /// Where the visitor ends up.
    pub final_url: Url,
    /// HTTP status of the landing page.
    pub status: u16,
    /// Every redirect on the way.
    pub redirects: Vec<Hop>,
    /// Time to fetch the landing page, in milliseconds.
    pub elapsed_ms: u64,
    /// 0-100 similarity of the page's product to the ad's.
    pub identity: Option<u8>,
    /// Every check with its evidence.
    pub checks: Vec<Check>,
    /// What landcheck read on the page, its kind included.
    pub facts: PageFacts,
}

impl Landing {
    /// A page reached at `final_url` with `status`, read as `facts`,
    /// before any redirect, timing or check is added.
    #[must_use]
    pub fn new(final_url: Url, status: u16, facts: PageFacts) -> Self {
        Self {
            final_url,
            status,
            redirects: Vec::new(),
            elapsed_ms: 0,
            identity: None,
            checks: Vec::new(),
            facts,
        }
    }
}

/// Why no landing page could be had.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Unreached {
    /// What went wrong, in plain words.
    pub error: String,
    /// The redirects followed before it went wrong.
    pub redirects: Vec<Hop>,
    /// Time spent before giving up, in milliseconds.
    pub elapsed_ms: u64,
    /// The checks, which say what could not be verified.
    pub checks: Vec<Check>,
}

impl Unreached {
    /// A page that could not be had because of `error`.
    #[must_use]
    pub fn new(error: impl Into<String>) -> Self {
        Self {
            error: error.into(),
            redirects: Vec::new(),
            elapsed_ms: 0,
            checks: Vec::new(),
        }
    }
}

/// An ad entry left out of the audit because it is invalid.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Invalid {
    /// Everything wrong with it, each at its line and column.
    pub problems: Vec<CampaignError>,
    /// The problems as one line, as reports show them.
    pub message: String,
}

impl Invalid {
    /// The outcome of an entry with `problems`.
    #[must_use]
    pub fn new(problems: Vec<CampaignError>) -> Self {
        let listed: Vec<String> = problems
            .iter()
            .map(|p| format!("line {}:{}: {}: {}", p.line, p.column, p.path, p.message))
            .collect();
        Self {
            message: format!("invalid ad, not audited: {}", listed.join("; ")),
            problems,
        }
    }
}

impl AdResult {
    /// The landing page, when it was reached.
    #[must_use]
    pub fn landing(&self) -> Option<&Landing> {
        match &self.outcome {
            AdOutcome::Audited(landing) => Some(landing),
            _ => None,
        }
    }

    /// Where the visitor ends up, when a page was reached.
    #[must_use]
    pub fn final_url(&self) -> Option<&Url> {
        self.landing().map(|l| &l.final_url)
    }

    /// HTTP status of the landing page, when one was reached.
    #[must_use]
    pub fn status(&self) -> Option<u16> {
        self.landing().map(|l| l.status)
    }

    /// The landing page's kind, when one was reached.
    #[must_use]
    pub fn page_kind(&self) -> Option<PageKind> {
        self.landing().map(|l| l.facts.kind)
    }

    /// 0-100 similarity of the page's product to the ad's, when scored.
    #[must_use]
    pub fn identity(&self) -> Option<u8> {
        self.landing().and_then(|l| l.identity)
    }

    /// What landcheck read on the page, when one was reached.
    #[must_use]
    pub fn facts(&self) -> Option<&PageFacts> {
        self.landing().map(|l| &l.facts)
    }

    /// Every redirect on the way (none for an invalid entry).
    #[must_use]
    pub fn redirects(&self) -> &[Hop] {
        match &self.outcome {
            AdOutcome::Audited(l) => &l.redirects,
            AdOutcome::Unreachable(u) => &u.redirects,
            AdOutcome::Invalid(_) => &[],
        }
    }

    /// Time spent on the landing page, in milliseconds.
    #[must_use]
    pub fn elapsed_ms(&self) -> u64 {
        match &self.outcome {
            AdOutcome::Audited(l) => l.elapsed_ms,
            AdOutcome::Unreachable(u) => u.elapsed_ms,
            AdOutcome::Invalid(_) => 0,
        }
    }

    /// Every check with its evidence (none for an invalid entry).
    #[must_use]
    pub fn checks(&self) -> &[Check] {
        match &self.outcome {
            AdOutcome::Audited(l) => &l.checks,
            AdOutcome::Unreachable(u) => &u.checks,
            AdOutcome::Invalid(_) => &[],
        }
    }

    /// Why no page could be had, or why the entry is invalid.
    #[must_use]
    pub fn error(&self) -> Option<&str> {
        match &self.outcome {
            AdOutcome::Audited(_) => None,
            AdOutcome::Unreachable(u) => Some(&u.error),
            AdOutcome::Invalid(i) => Some(&i.message),
        }
    }
}
