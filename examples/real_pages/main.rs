//! The real-page harness: page kind and product facts measured on pages
//! that real shops served (the development set in `fixtures/real/`), and
//! product identity measured on public entity-matching benchmark pairs.
//!
//! The pages and pairs are the shops' and benchmarks' content, so they are
//! not in git: `python3 fixtures/real/restore.py --mirrors DIR` restores
//! them from git directories into the ignored `fixtures/real/cache/`.
//!
//! ```text
//! cargo run --release --example real-pages            # both tables
//! cargo run --release --example real-pages -- pages   # page kinds and facts
//!     [--facts]                                       # also list misread names, brands, prices
//! cargo run --release --example real-pages -- pairs   # identity on benchmark pairs
//!     [--split dev|train|valid|test]                  # dev = train + valid; default test
//!     [--scores FILE]                                 # every pair's score, as TSV
//! cargo run --release --example real-pages -- show ID # one page's facts (`all`: every page's)
//! ```
//!
//! It exits 0 when every target is met, 1 when one is missed, and 2 when
//! the cache is absent (it says so loudly: nothing was measured).

mod pages;
mod pairs;

use std::path::Path;
use std::process::ExitCode;

/// Where the restored pages and pairs live.
const CACHE: &str = "fixtures/real/cache";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cache = root.join(CACHE);
    let what = args.first().map_or("all", String::as_str);
    let mut measured = false;
    let mut met = true;
    if what == "show" {
        let Some(id) = args.get(1) else {
            eprintln!("usage: real-pages show ID|all");
            return ExitCode::from(2);
        };
        return if pages::show(root, &cache, id) {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(2)
        };
    }
    if matches!(what, "all" | "pages") {
        match pages::run(root, &cache) {
            Some(ok) => {
                measured = true;
                met &= ok;
            }
            None => skipped("real pages", &cache.join("pages"), "restore.py"),
        }
    }
    if matches!(what, "all" | "pairs") {
        match pairs::run(root, &cache.join("em")) {
            Some(ok) => {
                measured = true;
                met &= ok;
            }
            None => skipped("benchmark pairs", &cache.join("em"), "restore_pairs.py"),
        }
    }
    if !measured {
        ExitCode::from(2)
    } else if met {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn skipped(what: &str, dir: &Path, script: &str) {
    eprintln!(
        "\n*** SKIPPED: no {what} in {} ***\n\
         *** Nothing was measured. Restore them from git directories of the source\n\
         *** repositories (fixtures/real/README.md says which) with:\n\
         ***     python3 fixtures/real/{script} --mirrors DIR\n",
        dir.display()
    );
}
