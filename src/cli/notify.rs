//! `--notify-webhook URL`: when the run ends, its summary is POSTed as
//! JSON, so the team hears of broken ads without opening a report. The
//! payload's `text` is one readable message, as Slack-style incoming
//! webhooks (Slack, Mattermost, Rocket.Chat, Teams workflows) expect;
//! `landcheck` holds the full summary for scripts and other services.
//! Sending is bounded (a timeout, one retry); a webhook that fails only
//! warns on stderr and never changes the exit code.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use landcheck::Mark;
use landcheck::{AdResult, Check, Outcome, Summary, Verdict};
use serde::Serialize;
use url::Url;

/// Time allowed for one POST.
const TIMEOUT: Duration = Duration::from_secs(10);
/// Wait before the one retry.
const RETRY_WAIT: Duration = Duration::from_secs(1);
/// Failing ads named in the readable message.
const LISTED: usize = 20;
/// Failing ads the JSON lists, the first in file order; it counts them
/// all. A night of a million failing ads must not hold them all, nor post
/// a body no chat service takes.
const KEPT: usize = 1000;

mod firsts;
mod previous;
use firsts::Firsts;
pub(crate) use previous::failing_in;

/// One failing ad as the alert tells of it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FailingAd {
    campaign: String,
    ad: String,
    url: String,
    verdict: Verdict,
    /// The checks that did not pass (or the fetch error).
    checks: Vec<FailedCheck>,
    /// Whether it passed (or was absent) in the previous run; null when
    /// there is no previous run to compare with.
    new: Option<bool>,
    /// Its mark from the run history, e.g. "still failing since
    /// 2026-11-28 (4 runs)"; null without a history.
    #[serde(skip_serializing_if = "Option::is_none")]
    mark: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct FailedCheck {
    name: String,
    outcome: Outcome,
    message: String,
}

impl FailingAd {
    /// The first message that explains the verdict.
    fn first_message(&self) -> &str {
        self.checks.first().map_or("", |c| c.message.as_str())
    }
}

/// What the alert says, gathered while the run goes.
#[derive(Debug, Default, Serialize)]
pub(crate) struct Alert {
    version: &'static str,
    campaign_file: Option<PathBuf>,
    counts: Counts,
    duration_ms: u64,
    /// The report file, or null when the report went to standard output.
    report: Option<PathBuf>,
    interrupted: bool,
    /// The first failed or errored ads in file order.
    #[serde(skip)]
    failing: Firsts,
    /// How many ads failed or could not be audited.
    #[serde(skip)]
    failing_total: usize,
    /// The first newly failing ads in file order, for the message.
    #[serde(skip)]
    newly: Firsts,
    /// How many ads newly fail.
    #[serde(skip)]
    newly_total: usize,
    /// Whether failing ads are kept (only a webhook needs them).
    #[serde(skip)]
    keep_failing: bool,
    /// The report of the previous run, when one was there to compare with.
    previous_report: Option<PathBuf>,
    /// Whether this run is compared with a previous one (its report or
    /// the run history).
    #[serde(skip)]
    compared: bool,
    /// The ads that failed in the previous report, by [`ad_key`].
    #[serde(skip)]
    failing_before: HashSet<u64>,
}

/// An ad's key among the previous report's failing ads.
fn ad_key(campaign: &str, ad: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    (campaign, ad).hash(&mut hasher);
    hasher.finish()
}

#[derive(Debug, Default, Serialize)]
struct Counts {
    #[serde(flatten)]
    verdicts: Summary,
    total: usize,
    not_audited: usize,
}

impl Alert {
    /// An alert for a run of `campaign_file`; it keeps the failing ads
    /// only when `keep_failing` (a webhook will be told of them).
    pub(crate) fn new(campaign_file: Option<&Path>, keep_failing: bool) -> Self {
        Self {
            version: env!("CARGO_PKG_VERSION"),
            campaign_file: campaign_file.map(Path::to_path_buf),
            keep_failing,
            failing: Firsts::new(KEPT),
            newly: Firsts::new(LISTED),
            ..Self::default()
        }
    }

    /// Compares this run with the previous report at `path` (the report
    /// this run replaces), whose failing ads are `failing_before` (from
    /// [`failing_in`]), so that the alert can tell new failures from old
    /// ones.
    pub(crate) fn compare_with(&mut self, path: &Path, failing_before: HashSet<u64>) {
        self.compared = true;
        self.previous_report =
            Some(std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()));
        self.failing_before = failing_before;
    }

    /// Counts `result` when it failed or could not be audited, and keeps
    /// it when it is among the first. `mark` is its mark in the run
    /// history, when one is kept: it knows better than last night's
    /// report, as it keeps every run.
    pub(crate) fn add(&mut self, result: &AdResult, mark: Option<Mark>) {
        if !self.keep_failing {
            return;
        }
        // A run kept in a history is compared with the previous one even
        // when nothing fails.
        self.compared |= mark.is_some();
        if result.verdict < Verdict::Fail {
            return;
        }
        let new = match mark {
            Some(mark) => Some(mark == Mark::New),
            None => self.compared.then(|| {
                !self
                    .failing_before
                    .contains(&ad_key(&result.campaign, &result.ad))
            }),
        };
        self.failing_total += 1;
        let newly = new == Some(true);
        self.newly_total += usize::from(newly);
        let position = result.position;
        let kept = self.failing.admits(position) || (newly && self.newly.admits(position));
        if !kept {
            return;
        }
        let ad = failing_ad(result, new, mark);
        if newly {
            self.newly.push(position, ad.clone());
        }
        self.failing.push(position, ad);
    }

    /// Completes the alert at the end of the run.
    pub(crate) fn finish(
        &mut self,
        summary: Summary,
        not_audited: usize,
        duration: Duration,
        report: Option<&Path>,
        interrupted: bool,
    ) {
        self.counts = Counts {
            verdicts: summary,
            total: summary.total(),
            not_audited,
        };
        self.duration_ms = u64::try_from(duration.as_millis()).unwrap_or(u64::MAX);
        self.report = report.map(|p| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()));
        self.interrupted = interrupted;
    }

    /// The one readable message.
    pub(crate) fn text(&self) -> String {
        let mut text = self.headline();
        let (title, listed, total) = if self.compared {
            let old = self.failing_total - self.newly_total;
            if self.newly_total == 0 {
                let _ = write!(text, "\nNo newly failing ads since the previous run");
            }
            if old > 0 {
                let _ = write!(text, "\n{old} ads failing before still fail");
            }
            (
                "Newly failing ads:",
                self.newly.in_order(),
                self.newly_total,
            )
        } else {
            ("Failing ads:", self.failing.in_order(), self.failing_total)
        };
        if !listed.is_empty() {
            let _ = write!(text, "\n{title}");
            for ad in listed.iter().take(LISTED) {
                let _ = write!(
                    text,
                    "\n• {} {}/{}: {}",
                    ad.verdict.to_string().to_uppercase(),
                    ad.campaign,
                    ad.ad,
                    ad.first_message()
                );
            }
            if total > LISTED {
                let _ = write!(text, "\n…and {} more", total - LISTED);
            }
        }
        match &self.report {
            Some(path) => {
                let _ = write!(text, "\nReport: {}", path.display());
            }
            None => text.push_str("\nReport: written to standard output"),
        }
        text
    }

    /// Counts, duration, campaign file and whether the run was cut short.
    fn headline(&self) -> String {
        let c = &self.counts;
        let s = c.verdicts;
        let mut text = format!(
            "landcheck: {} ads audited in {:.1} s: {} pass, {} warn, {} fail, {} error",
            c.total,
            Duration::from_millis(self.duration_ms).as_secs_f64(),
            s.pass,
            s.warn,
            s.fail,
            s.error
        );
        if let Some(file) = &self.campaign_file {
            let _ = write!(text, " ({})", file.display());
        }
        if self.interrupted || c.not_audited > 0 {
            let _ = write!(text, "; interrupted, {} ads not audited", c.not_audited);
        }
        text
    }

    /// The payload: `text` for chat services, `landcheck` for scripts.
    pub(crate) fn payload(&self) -> serde_json::Value {
        serde_json::json!({
            "text": self.text(),
            "landcheck": {
                "version": self.version,
                "campaign_file": self.campaign_file,
                "counts": self.counts,
                "duration_ms": self.duration_ms,
                "report": self.report,
                "interrupted": self.interrupted,
                "previous_report": self.previous_report,
                "failing": self.failing.in_order(),
                "failing_total": self.failing_total,
                "newly_failing": self.compared.then_some(self.newly_total),
            }
        })
    }
}

/// The alert's record of a failed or errored result: the checks that did
/// not pass, worst first, or the reason it could not be audited.
fn failing_ad(result: &AdResult, new: Option<bool>, mark: Option<Mark>) -> FailingAd {
    let mut checks: Vec<FailedCheck> = result
        .checks()
        .iter()
        .filter(|c: &&Check| c.outcome >= Outcome::Warn)
        .map(|c| FailedCheck {
            name: c.name.to_string(),
            outcome: c.outcome,
            message: format!("{}: {}", c.name, c.message),
        })
        .collect();
    checks.sort_by_key(|c| std::cmp::Reverse(c.outcome));
    if checks.is_empty() {
        if let Some(error) = result.error() {
            checks.push(FailedCheck {
                name: "reachable".into(),
                outcome: Outcome::Fail,
                message: error.to_owned(),
            });
        }
    }
    FailingAd {
        campaign: result.campaign.clone(),
        ad: result.ad.clone(),
        url: result.url.clone(),
        verdict: result.verdict,
        checks,
        mark: mark.map(|m| m.to_string()),
        new,
    }
}

/// Names a webhook without its path: webhook URLs carry their secret
/// token in the path, and warnings end up in cron mail and CI logs.
pub(crate) fn host_of(url: &Url) -> String {
    format!(
        "{}://{}/…",
        url.scheme(),
        url.host_str().unwrap_or_default()
    )
}

/// POSTs the alert to `url`, trying once more after a failure. Returns
/// why it could not be delivered, for a warning.
pub(crate) async fn send(url: &Url, alert: &Alert) -> Result<(), String> {
    let client = reqwest::Client::builder()
        .timeout(TIMEOUT)
        .user_agent(concat!("landcheck/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| e.to_string())?;
    let body = serde_json::to_vec(&alert.payload()).map_err(|e| e.to_string())?;
    let mut last = String::new();
    for attempt in 0..2 {
        if attempt > 0 {
            tokio::time::sleep(RETRY_WAIT).await;
        }
        let request = client
            .post(url.clone())
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body.clone());
        match request.send().await {
            Ok(r) if r.status().is_success() => return Ok(()),
            Ok(r) => last = format!("the server answered {}", r.status()),
            Err(e) if e.is_timeout() => {
                last = format!("no answer within {} s", TIMEOUT.as_secs());
            }
            Err(e) => {
                let mut source: &dyn std::error::Error = &e;
                while let Some(inner) = source.source() {
                    source = inner;
                }
                last = source.to_string();
            }
        }
    }
    Err(format!("{last} (tried twice)"))
}

#[cfg(test)]
#[path = "notify/tests.rs"]
mod tests;
