//! `lc-bench`: the end-to-end benchmark behind the README's Performance
//! table. It generates the shop corpus (seeded), serves it gzipped from a
//! separate process on 127.0.0.1, builds the campaigns, and runs each
//! pipeline as a child process over the same URLs: `landcheck audit` with
//! politeness lifted, the naive Rust baseline (`lc-naive`) and, when a
//! venv can be made, Python aiohttp + extruct. It prints pages per second,
//! CPU milliseconds per page and peak memory side by side, with the
//! ratios the targets are stated in. Nothing but 127.0.0.1 is contacted.
//!
//! Run it with `bash bench/run`, which builds everything in release mode;
//! `bash bench/run --help` lists the options.

mod campaigns;
mod corpus;
mod gunzip;
mod measure;
mod python;
mod report;
mod run;
mod server;

use std::path::PathBuf;

/// What the bench runs; see `USAGE`.
pub(crate) struct Options {
    pub(crate) pages: usize,
    pub(crate) small: usize,
    pub(crate) large_ads: usize,
    pub(crate) large_urls: usize,
    pub(crate) concurrency: usize,
    pub(crate) rounds: usize,
    pub(crate) python: bool,
    pub(crate) large: bool,
    pub(crate) history: bool,
    pub(crate) keep: bool,
    pub(crate) seed: u64,
    pub(crate) work: Option<PathBuf>,
}

const USAGE: &str = "usage: bash bench/run [OPTIONS]

  --small N         ads (one per URL) of the side-by-side run [5000]
  --large-ads N     ads of the large run [100000]
  --large-urls N    distinct URLs of the large run [20000]
  --concurrency N   pages in flight, every pipeline [64]
  --rounds N        side-by-side runs, interleaved; medians are shown [1]
  --seed N          corpus seed [1]
  --no-python       skip the aiohttp + extruct baseline
  --no-large        skip the large run
  --no-history      run landcheck with --no-history
  --keep            keep the campaigns and every pipeline's output
  --work DIR        corpus, venv and results [TARGET_DIR/lc-bench]
  --quick           a smoke run: 300 ads, large run 3000 ads over 600 URLs";

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        pages: 0,
        small: 5000,
        large_ads: 100_000,
        large_urls: 20_000,
        concurrency: 64,
        rounds: 1,
        python: true,
        large: true,
        history: true,
        keep: false,
        seed: 1,
        work: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> Result<usize, String> {
            let value = args.next().ok_or(format!("{name} needs a value"))?;
            value
                .replace('_', "")
                .parse()
                .map_err(|_| format!("{name}: expected a whole number, found {value:?}"))
        };
        match arg.as_str() {
            "--small" => o.small = number("--small")?,
            "--large-ads" => o.large_ads = number("--large-ads")?,
            "--large-urls" => o.large_urls = number("--large-urls")?,
            "--concurrency" => o.concurrency = number("--concurrency")?,
            "--rounds" => o.rounds = number("--rounds")?.max(1),
            "--seed" => o.seed = number("--seed")? as u64,
            "--no-python" => o.python = false,
            "--no-large" => o.large = false,
            "--no-history" => o.history = false,
            "--keep" => o.keep = true,
            "--work" => o.work = Some(args.next().ok_or("--work needs a folder")?.into()),
            "--quick" => (o.small, o.large_ads, o.large_urls) = (300, 3000, 600),
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown option {other:?}\n\n{USAGE}")),
        }
    }
    if o.large_urls > o.large_ads {
        return Err("--large-urls is more than --large-ads".into());
    }
    // One corpus serves both runs: the large run's URLs include the small's.
    o.pages = o.small.max(if o.large { o.large_urls } else { 0 });
    Ok(o)
}

fn main() {
    let options = match parse_args() {
        Ok(o) => o,
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(2);
        }
    };
    if let Err(e) = run::bench(&options) {
        eprintln!("lc-bench: {e}");
        std::process::exit(1);
    }
}
