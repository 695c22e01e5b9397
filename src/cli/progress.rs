//! The progress bar on standard error: shown only to a person at a
//! terminal, never mixed into the report on standard output.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

/// An optional progress bar; every call is a no-op when hidden.
pub(crate) struct Progress(Option<ProgressBar>);

impl Progress {
    /// A bar for `total` ads, hidden when `quiet` or stderr is no terminal.
    pub(crate) fn new(total: usize, quiet: bool) -> Self {
        if quiet || !std::io::stderr().is_terminal() {
            return Self(None);
        }
        let bar = ProgressBar::new(total as u64);
        let style = ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] {bar:30} {pos}/{len} ads  {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        Self(Some(bar))
    }

    /// One more ad done.
    pub(crate) fn advance(&self, message: &str) {
        if let Some(bar) = &self.0 {
            bar.set_message(message.to_owned());
            bar.inc(1);
        }
    }

    /// Removes the bar before the report is printed.
    pub(crate) fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}
