//! The progress bar on standard error: shown only to a person at a
//! terminal, never mixed into the report on standard output. It appears
//! as soon as the run starts, before the first ad is done, and tells ads
//! done, in flight and queued, the rate and the time left.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use landcheck::Stop;

/// How often the bar redraws, whether or not an ad finished.
const TICK: Duration = Duration::from_millis(200);

/// An optional progress bar; every call is a no-op when hidden.
pub(crate) struct Progress {
    bar: Option<ProgressBar>,
    stop: Stop,
    ticker: Option<tokio::task::JoinHandle<()>>,
}

impl Progress {
    /// A bar for `total` ads, hidden when `quiet` or stderr is no terminal.
    /// The audit's `started` count is read on every tick for the ads in
    /// flight and queued.
    pub(crate) fn new(total: usize, quiet: bool, started: &Stop) -> Self {
        if quiet || !std::io::stderr().is_terminal() {
            return Self {
                bar: None,
                stop: started.clone(),
                ticker: None,
            };
        }
        Self::with_target(total, ProgressDrawTarget::stderr(), started)
    }

    fn with_target(total: usize, target: ProgressDrawTarget, started: &Stop) -> Self {
        let bar = ProgressBar::with_draw_target(Some(total as u64), target);
        let style = ProgressStyle::with_template(
            "{spinner} {elapsed_precise} {bar:24} {pos}/{len} done, {msg}, {rate}, ETA {left}",
        )
        .map(|s| s.with_key("rate", rate).with_key("left", left))
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        bar.set_message(status(total, 0, started.started()));
        bar.tick();
        let ticker = {
            let (bar, started) = (bar.clone(), started.clone());
            tokio::spawn(async move {
                let mut every = tokio::time::interval(TICK);
                loop {
                    every.tick().await;
                    let done = to_usize(bar.position());
                    bar.set_message(status(total, done, started.started()));
                    bar.tick();
                }
            })
        };
        Self {
            bar: Some(bar),
            stop: started.clone(),
            ticker: Some(ticker),
        }
    }

    /// One more ad done.
    pub(crate) fn advance(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
            let total = bar.length().unwrap_or_default();
            let (total, done) = (to_usize(total), to_usize(bar.position()));
            bar.set_message(status(total, done, self.stop.started()));
        }
    }

    /// Removes the bar before the report is printed.
    pub(crate) fn finish(&self) {
        if let Some(ticker) = &self.ticker {
            ticker.abort();
        }
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(ticker) = &self.ticker {
            ticker.abort();
        }
    }
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// Ads a second, once one is done.
fn rate(state: &ProgressState, out: &mut dyn std::fmt::Write) {
    let _ = if state.pos() == 0 {
        write!(out, "-/s")
    } else {
        write!(out, "{:.1}/s", state.per_sec())
    };
}

/// The time left at the current rate, once there is a rate.
fn left(state: &ProgressState, out: &mut dyn std::fmt::Write) {
    let _ = if state.pos() == 0 {
        write!(out, "?")
    } else {
        write!(out, "{:#}", indicatif::HumanDuration(state.eta()))
    };
}

/// "3 in flight, 120 queued": ads started but not done, and not started.
fn status(total: usize, done: usize, started: usize) -> String {
    let started = started.max(done).min(total);
    format!("{} in flight, {} queued", started - done, total - started)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_flight_and_queued_come_from_the_counts() {
        assert_eq!(status(10, 0, 0), "0 in flight, 10 queued");
        assert_eq!(status(10, 2, 6), "4 in flight, 4 queued");
        assert_eq!(status(10, 10, 10), "0 in flight, 0 queued");
        // A result counted before its start was seen never goes negative.
        assert_eq!(status(10, 3, 2), "0 in flight, 7 queued");
    }

    #[tokio::test]
    async fn the_bar_shows_ads_in_flight_before_any_is_done() {
        // A local server that accepts and never answers: ads stay in flight.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = tokio::spawn(async move {
            let mut held = Vec::new();
            while let Ok((socket, _)) = listener.accept().await {
                held.push(socket);
            }
        });
        let ads: Vec<String> = (0..10)
            .map(|i| format!(r#"{{"id": "a{i}", "url": "http://{addr}/p/{i}", "product": {{"name": "Shoe"}}}}"#))
            .collect();
        let text = format!(
            r#"{{"campaigns": [{{"id": "c", "name": "C", "ads": [{}]}}]}}"#,
            ads.join(",")
        );
        let campaigns = landcheck::parse_campaigns(&text, std::path::Path::new("c.json")).unwrap();
        let fetcher = landcheck::Fetcher::new(landcheck::FetchOptions {
            host: landcheck::HostPolicy {
                per_host: 8,
                host_rate: None,
            },
            ..landcheck::FetchOptions::default()
        })
        .unwrap();
        let audit = landcheck::Audit::new(&campaigns)
            .fetcher(fetcher)
            .concurrency(4);
        let progress = Progress::with_target(10, ProgressDrawTarget::hidden(), &audit.progress());
        let bar = progress.bar.clone().unwrap();
        assert_eq!(bar.message(), "0 in flight, 10 queued", "shown at once");
        let audit = audit.run(|_| {
            progress.advance();
        });
        let _ = tokio::time::timeout(TICK * 3, audit).await;
        assert_eq!(bar.position(), 0);
        assert_eq!(bar.message(), "4 in flight, 6 queued");
        progress.finish();
        server.abort();
    }
}
