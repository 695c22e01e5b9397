//! One bench run, start to end: corpus, server, campaigns, the pipelines
//! in turn (interleaved when there are several rounds), the large run, and
//! the table with the targets. Every output goes to a temporary folder,
//! never to `/dev/null`, so writing the report is part of what is timed.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::measure::{self, Cost};
use crate::report::{self, target, Row};
use crate::server::Server;
use crate::{campaigns, corpus, gunzip, python, Options};

pub(crate) type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// Runs `command`, checks it succeeded, and counts the requests it made.
fn measured(server: &Server, name: &str, command: &mut Command) -> Result<(Cost, u64)> {
    let before = server.served()?.0;
    let cost = measure::run(command.stdin(Stdio::null()))?;
    let served = server.served()?.0 - before;
    if cost.exit_code != Some(0) {
        return Err(format!("{name} exited with {:?}", cost.exit_code).into());
    }
    println!(
        "  {name}: {:.1} s, {:.1} CPU-s, peak {:.0} MB, {served} requests",
        cost.wall.as_secs_f64(),
        cost.cpu.as_secs_f64(),
        cost.peak_rss as f64 / 1e6
    );
    Ok((cost, served))
}

/// The landcheck report's summary line, after checking it has `ads` ads.
fn summary(report: &Path, ads: usize) -> Result<Value> {
    let text = std::fs::read_to_string(report)?;
    let mut lines = 0;
    let mut summary = None;
    for line in text.lines() {
        let record: Value = serde_json::from_str(line)?;
        match record["type"].as_str() {
            Some("ad") => lines += 1,
            Some("summary") => summary = Some(record),
            _ => {}
        }
    }
    if lines != ads {
        return Err(format!("{}: {lines} ad lines, expected {ads}", report.display()).into());
    }
    Ok(summary.ok_or("no summary line in landcheck's report")?)
}

fn lines_in(path: &Path) -> Result<usize> {
    Ok(std::fs::read_to_string(path)?.lines().count())
}

/// A fresh folder under the system's temporary folder, removed when
/// dropped. (The `tempfile` crate would change the features of a crate
/// landcheck shares and make `bash bench/run` rebuild landcheck.)
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> std::io::Result<Self> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir = std::env::temp_dir().join(format!("lc-bench-{}-{nanos}", std::process::id()));
        std::fs::create_dir(&dir)?;
        Ok(Self(dir))
    }
}

impl TempDir {
    /// The folder, left in place.
    fn keep(self) -> PathBuf {
        let dir = self.0.clone();
        std::mem::forget(self);
        dir
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

struct Paths {
    bin: PathBuf,
    tmp: PathBuf,
}

fn landcheck(p: &Paths, o: &Options, campaign: &Path, out: &Path) -> Command {
    let mut c = Command::new(p.bin.join("landcheck"));
    c.arg("audit").arg(campaign);
    c.args(["--host-rate", "0", "--per-host", &o.concurrency.to_string()]);
    c.args(["--concurrency", &o.concurrency.to_string()]);
    c.args(["--format", "jsonl", "--fail-on", "never", "--quiet", "-o"]);
    c.arg(out);
    if o.history {
        c.arg("--history").arg(out.with_extension("history.db"));
    } else {
        c.arg("--no-history");
    }
    c
}

fn verdicts(s: &Value) -> String {
    format!(
        "{} pass, {} warn, {} fail, {} error",
        s["pass"], s["warn"], s["fail"], s["error"]
    )
}

fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = (secs / 86_400) as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

pub(crate) fn bench(o: &Options) -> Result<()> {
    let exe = std::env::current_exe()?;
    let bin = exe.parent().ok_or("no folder for lc-bench")?.to_owned();
    let work = match &o.work {
        Some(w) => w.clone(),
        None => bin.parent().ok_or("no target folder")?.join("lc-bench"),
    };
    let tmp = TempDir::new()?;
    let p = Paths {
        bin,
        tmp: tmp.0.clone(),
    };
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    println!(
        "landcheck bench, {}, {cores} cores, load average {} at the start",
        today(),
        load()
    );
    let corpus = corpus::ensure(
        &work.join(format!("corpus-seed{}", o.seed)),
        o.seed,
        o.pages,
    )?;
    let mb: usize = corpus
        .manifest
        .iter()
        .map(|m| m["bytes"].as_u64().unwrap_or(0) as usize)
        .sum();
    println!(
        "corpus: {} pages, {:.0} KB a page on average",
        corpus.manifest.len(),
        mb as f64 / corpus.manifest.len() as f64 / 1e3
    );
    let python = if o.python {
        python::venv(&work)
            .map_err(|e| println!("Python baseline skipped: {e}"))
            .ok()
    } else {
        println!("Python baseline skipped: --no-python");
        None
    };
    let server = Server::start(&p.bin, &corpus.dir)?;
    let base = format!("http://{}", server.addr);
    let small_campaign = p.tmp.join("small.json");
    let urls = campaigns::write(&small_campaign, &corpus.manifest, &base, o.small, 1)?;
    let urls_file = p.tmp.join("small-urls.txt");
    std::fs::write(&urls_file, urls.join("\n") + "\n")?;
    let conc = o.concurrency.to_string();
    let name = |n: &str| format!("{n}, {} URLs", o.small);
    let mut rows = vec![
        Row {
            name: name("**landcheck audit**"),
            pages: o.small,
            runs: vec![],
            served: 0,
        },
        Row {
            name: name("naive Rust: reqwest + scraper"),
            pages: o.small,
            runs: vec![],
            served: 0,
        },
    ];
    if python.is_some() {
        rows.push(Row {
            name: name("Python aiohttp + extruct"),
            pages: o.small,
            runs: vec![],
            served: 0,
        });
    }
    let mut small_summary = Value::Null;
    for round in 0..o.rounds {
        println!(
            "round {} of {}: {} URLs, {} in flight",
            round + 1,
            o.rounds,
            o.small,
            o.concurrency
        );
        let out = p.tmp.join(format!("landcheck-{round}.jsonl"));
        let (cost, served) = measured(
            &server,
            "landcheck",
            &mut landcheck(&p, o, &small_campaign, &out),
        )?;
        small_summary = summary(&out, o.small)?;
        rows[0].runs.push(cost);
        rows[0].served = served;
        let out = p.tmp.join(format!("naive-{round}.jsonl"));
        let mut naive = Command::new(p.bin.join("lc-naive"));
        naive.arg(&urls_file).arg(&out).arg(&conc);
        let (cost, served) = measured(&server, "naive Rust", &mut naive)?;
        if lines_in(&out)? != o.small {
            return Err(format!("{}: not one line per URL", out.display()).into());
        }
        rows[1].runs.push(cost);
        rows[1].served = served;
        if let Some(python) = &python {
            let out = p.tmp.join(format!("python-{round}.jsonl"));
            let mut py = Command::new(python);
            py.arg(concat!(env!("CARGO_MANIFEST_DIR"), "/naive.py"))
                .arg(&urls_file)
                .arg(&out)
                .arg(&conc);
            let (cost, served) = measured(&server, "aiohttp + extruct", &mut py)?;
            if lines_in(&out)? != o.small {
                return Err(format!("{}: not one line per URL", out.display()).into());
            }
            rows[2].runs.push(cost);
            rows[2].served = served;
        }
    }
    let mut large = None;
    if o.large {
        let campaign = p.tmp.join("large.json");
        campaigns::write(
            &campaign,
            &corpus.manifest,
            &base,
            o.large_urls,
            o.large_ads / o.large_urls,
        )?;
        let ads = o.large_ads / o.large_urls * o.large_urls;
        println!("large run: {ads} ads over {} URLs", o.large_urls);
        let out = p.tmp.join("landcheck-large.jsonl");
        let missing_before = server.served()?.1;
        let (cost, served) =
            measured(&server, "landcheck", &mut landcheck(&p, o, &campaign, &out))?;
        let missing = server.served()?.1 - missing_before;
        let s = summary(&out, ads)?;
        rows.push(Row {
            name: format!("**landcheck audit**, {ads} ads over {} URLs", o.large_urls),
            pages: o.large_urls,
            runs: vec![cost],
            served,
        });
        large = Some((s, served, missing));
    }
    let paths: Vec<&str> = corpus
        .manifest
        .iter()
        .take(500)
        .filter_map(|m| m["path"].as_str())
        .collect();
    let gunzip = gunzip::compare(&corpus.dir, &paths, 3)?;
    let mut text = format!("\nlandcheck bench, {}, {cores} cores, load average {} at the end; `bash bench/run`, {} in flight, history {}\n\n",
        today(), load(), o.concurrency, if o.history { "kept" } else { "off" });
    text += &report::table(&rows);
    text += &format!(
        "\nverdicts, {} ads: {}\n",
        o.small,
        verdicts(&small_summary)
    );
    text += &format!("{gunzip}\n\ntargets:\n");
    let (lc, naive) = (&rows[0], &rows[1]);
    let ratio = lc.pages_per_s() / naive.pages_per_s();
    text += &target(
        "landcheck / naive Rust, pages/s",
        format!("{ratio:.2}x"),
        ">= 1.0x",
        ratio >= 1.0,
    );
    if python.is_some() {
        let ratio = lc.pages_per_s() / rows[2].pages_per_s();
        text += &target(
            "landcheck / aiohttp + extruct, pages/s",
            format!("{ratio:.2}x"),
            ">= 3x",
            ratio >= 3.0,
        );
    } else {
        text += "- landcheck / aiohttp + extruct: not measured (no Python baseline)\n";
    }
    text += &target(
        &format!("landcheck peak RSS, {} in flight", o.concurrency),
        format!("{:.0} MB", lc.peak_mb()),
        "< 100 MB",
        lc.peak_mb() < 100.0,
    );
    if let Some((s, served, missing)) = &large {
        let row = rows.last().expect("the large row");
        text += &target(
            &format!(
                "landcheck peak RSS, {} ads over {} URLs",
                o.large_ads, o.large_urls
            ),
            format!("{:.0} MB", row.peak_mb()),
            "< 150 MB",
            row.peak_mb() < 150.0,
        );
        text += &target(
            "pages the server served in the large run",
            format!("{served} ({missing} of them 404s)"),
            &format!("exactly {}", o.large_urls),
            *served == o.large_urls as u64,
        );
        let counter = s.get("pages_fetched").map_or_else(
            || "no pages_fetched field in the summary".to_owned(),
            Value::to_string,
        );
        text += &format!(
            "- the report's summary: {}; pages_fetched: {counter}\n",
            verdicts(s)
        );
    }
    println!("{text}");
    std::fs::create_dir_all(&work)?;
    let saved = work.join("last-run.md");
    std::fs::write(&saved, &text)?;
    println!("(saved to {})", saved.display());
    if o.keep {
        println!("campaigns and outputs kept in {}", tmp.keep().display());
    }
    Ok(())
}
