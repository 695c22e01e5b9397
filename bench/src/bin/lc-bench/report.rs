//! The bench's result: one row per pipeline with pages per second, CPU
//! milliseconds per page and peak memory side by side, then the ratios the
//! targets are stated in, each marked met or missed. Printed as a
//! Markdown table, ready for the README.

use std::fmt::Write;

use crate::measure::Cost;

/// The runs of one pipeline over one campaign.
pub(crate) struct Row {
    pub(crate) name: String,
    /// Pages each run fetched (distinct landing URLs).
    pub(crate) pages: usize,
    pub(crate) runs: Vec<Cost>,
    /// Requests the server answered during the last run.
    pub(crate) served: u64,
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        f64::NAN
    } else {
        v[v.len() / 2]
    }
}

impl Row {
    pub(crate) fn pages_per_s(&self) -> f64 {
        median(
            self.runs
                .iter()
                .map(|c| self.pages as f64 / c.wall.as_secs_f64())
                .collect(),
        )
    }

    pub(crate) fn cpu_ms_per_page(&self) -> f64 {
        median(
            self.runs
                .iter()
                .map(|c| c.cpu.as_secs_f64() * 1e3 / self.pages as f64)
                .collect(),
        )
    }

    /// The highest peak of any run, in MB (10^6 bytes).
    pub(crate) fn peak_mb(&self) -> f64 {
        self.runs.iter().map(|c| c.peak_rss).max().unwrap_or(0) as f64 / 1e6
    }
}

/// The Markdown table of `rows`.
pub(crate) fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| pipeline | pages | pages/s | CPU ms per page | peak RSS | requests served |\n|---|---:|---:|---:|---:|---:|\n",
    );
    for r in rows {
        let spread = if r.runs.len() > 1 {
            let rates: Vec<f64> = r
                .runs
                .iter()
                .map(|c| r.pages as f64 / c.wall.as_secs_f64())
                .collect();
            let lo = rates.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = rates.iter().copied().fold(0.0, f64::max);
            format!(" ({lo:.0}-{hi:.0})")
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            "| {} | {} | {:.0}{spread} | {:.1} | {:.0} MB | {} |",
            r.name,
            r.pages,
            r.pages_per_s(),
            r.cpu_ms_per_page(),
            r.peak_mb(),
            r.served
        );
    }
    out
}

/// One target line: the measured figure, the target and met or missed.
pub(crate) fn target(what: &str, figure: String, goal: &str, met: bool) -> String {
    let mark = if met { "met" } else { "MISSED" };
    format!("- {what}: {figure} (target {goal}): {mark}\n")
}
