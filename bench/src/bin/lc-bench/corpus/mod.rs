//! The realistic corpus: product and collection pages of a Shopify-like
//! shop, 150 KB to 1 MB each, written gzipped (as a server with
//! `gzip_static` keeps them) with a manifest of what each page shows.
//! Generation is seeded, so every run and every machine get the same
//! bytes; a corpus already on disk with the same stamp is reused.

mod catalogue;
mod chrome;
mod pages;
mod words;

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use flate2::Compression;

use catalogue::Spec;
pub(crate) use words::Rng;

/// Bumped whenever the generator's output changes.
const VERSION: u32 = 1;
/// Share of the pages that are collections (the rest are products).
const COLLECTION_SHARE: f64 = 0.2;
const MIN_BYTES: f64 = 150_000.0;
const MAX_BYTES: f64 = 1_000_000.0;

/// A corpus on disk.
pub(crate) struct Corpus {
    pub(crate) dir: PathBuf,
    /// One JSON object per page, in page order.
    pub(crate) manifest: Vec<serde_json::Value>,
}

fn stamp(seed: u64, pages: usize) -> String {
    format!("landcheck bench corpus v{VERSION}, seed {seed}, {pages} pages\n")
}

/// The pages a corpus on disk has, if it was made by this generator with
/// this seed. Pages are drawn in order, so a larger corpus holds a smaller.
fn pages_on_disk(dir: &Path, seed: u64) -> Option<usize> {
    let stamp = std::fs::read_to_string(dir.join("STAMP")).ok()?;
    let prefix = format!("landcheck bench corpus v{VERSION}, seed {seed}, ");
    stamp
        .strip_prefix(&prefix)?
        .strip_suffix(" pages\n")?
        .parse()
        .ok()
}

/// The first `pages` pages of the corpus under `dir`, generated unless
/// already there.
pub(crate) fn ensure(dir: &Path, seed: u64, pages: usize) -> std::io::Result<Corpus> {
    if pages_on_disk(dir, seed).is_none_or(|n| n < pages) {
        let started = std::time::Instant::now();
        println!(
            "generating the corpus: {pages} pages in {} ...",
            dir.display()
        );
        if dir.exists() {
            std::fs::remove_dir_all(dir)?;
        }
        generate(dir, seed, pages)?;
        std::fs::write(dir.join("STAMP"), stamp(seed, pages))?;
        println!("  done in {:.0} s", started.elapsed().as_secs_f64());
    }
    let manifest = std::fs::read_to_string(dir.join("manifest.jsonl"))?
        .lines()
        .take(pages)
        .map(|l| serde_json::from_str(l).map_err(std::io::Error::other))
        .collect::<std::io::Result<_>>()?;
    Ok(Corpus {
        dir: dir.to_owned(),
        manifest,
    })
}

fn generate(dir: &Path, seed: u64, pages: usize) -> std::io::Result<()> {
    std::fs::create_dir_all(dir.join("products"))?;
    std::fs::create_dir_all(dir.join("collections"))?;
    let mut rng = Rng::new(seed);
    let mut taken = HashSet::new();
    let specs: Vec<(Spec, u64, usize)> = (0..pages)
        .map(|_| {
            let spec = if rng.chance(COLLECTION_SHARE) {
                Spec::Collection(catalogue::collection(&mut rng, &mut taken))
            } else {
                Spec::Product(catalogue::product(&mut rng, &mut taken))
            };
            let target = (MIN_BYTES * (MAX_BYTES / MIN_BYTES).powf(rng.unit())) as usize;
            (spec, rng.next_u64(), target)
        })
        .collect();
    let workers = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
    let sizes: Vec<std::io::Result<Vec<(usize, usize)>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let specs = &specs;
                scope.spawn(move || {
                    let mut sizes = Vec::new();
                    for (i, (spec, page_seed, target)) in specs.iter().enumerate() {
                        if i % workers == w {
                            sizes.push((i, write_page(dir, spec, *page_seed, *target)?));
                        }
                    }
                    Ok(sizes)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a generator thread panicked"))
            .collect()
    });
    let mut bytes = vec![0; pages];
    for part in sizes {
        for (i, size) in part? {
            bytes[i] = size;
        }
    }
    let mut manifest = std::io::BufWriter::new(std::fs::File::create(dir.join("manifest.jsonl"))?);
    for ((spec, _, _), size) in specs.iter().zip(bytes) {
        writeln!(manifest, "{}", spec.manifest(size))?;
    }
    manifest.flush()?;
    let missing = "<!doctype html><html><head><title>404 Not Found</title></head><body><h1>404 Page not found</h1><p>The page you were looking for does not exist.</p></body></html>";
    std::fs::write(dir.join("404.html.gz"), gzip(missing.as_bytes())?)
}

/// Renders one page and writes it gzipped; returns its size unzipped.
fn write_page(dir: &Path, spec: &Spec, seed: u64, target: usize) -> std::io::Result<usize> {
    let mut rng = Rng::new(seed);
    let path = spec.path();
    let html = match spec {
        Spec::Product(p) => {
            let flavour = rng.below(3);
            pages::product_page(&mut rng, p, &path, flavour, target)
        }
        Spec::Collection(c) => pages::collection_page(&mut rng, c, &path, target),
    };
    let file = dir.join(format!("{}.html.gz", path.trim_start_matches('/')));
    std::fs::write(file, gzip(html.as_bytes())?)?;
    Ok(html.len())
}

fn gzip(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::new(6));
    encoder.write_all(bytes)?;
    encoder.finish()
}
