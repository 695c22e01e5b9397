//! How fast the corpus is gunzipped by flate2's zlib-rs backend (the one
//! landcheck's HTTP client uses) against miniz_oxide (flate2's default),
//! both with the gzip CRC checked, on one core.

use std::io::Read;
use std::path::Path;
use std::time::Instant;

/// Seconds to gunzip every file of `files` once, and the bytes out.
fn time(files: &[Vec<u8>], gunzip: impl Fn(&[u8]) -> Vec<u8>) -> (f64, usize) {
    let started = Instant::now();
    let bytes = files.iter().map(|f| gunzip(f).len()).sum();
    (started.elapsed().as_secs_f64(), bytes)
}

fn zlib_rs(gz: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(gz)
        .read_to_end(&mut out)
        .expect("valid gzip");
    out
}

/// The corpus's gzip files have a plain 10-byte header (no name, no extra).
fn miniz(gz: &[u8]) -> Vec<u8> {
    let body = &gz[10..gz.len() - 8];
    let out = miniz_oxide::inflate::decompress_to_vec(body).expect("valid deflate");
    let crc = u32::from_le_bytes(gz[gz.len() - 8..gz.len() - 4].try_into().expect("4 bytes"));
    assert_eq!(crc32fast::hash(&out), crc, "gzip CRC");
    out
}

/// A line comparing both decoders on the first `n` product pages.
pub(crate) fn compare(corpus: &Path, paths: &[&str], rounds: usize) -> std::io::Result<String> {
    let files: Vec<Vec<u8>> = paths
        .iter()
        .map(|p| std::fs::read(corpus.join(format!("{}.html.gz", p.trim_start_matches('/')))))
        .collect::<std::io::Result<_>>()?;
    let (mut fast, mut slow, mut bytes) = (f64::INFINITY, f64::INFINITY, 0);
    for _ in 0..rounds {
        let (t, b) = time(&files, zlib_rs);
        fast = fast.min(t);
        bytes = b;
        slow = slow.min(time(&files, miniz).0);
    }
    let mbs = |t: f64| bytes as f64 / t / 1e6;
    Ok(format!(
        "gunzip, {} pages ({:.0} MB out), one core, best of {rounds}: zlib-rs {:.0} MB/s ({:.2} ms a page), miniz_oxide {:.0} MB/s ({:.2} ms a page): zlib-rs {:.0}% faster",
        files.len(),
        bytes as f64 / 1e6,
        mbs(fast),
        fast * 1e3 / files.len() as f64,
        mbs(slow),
        slow * 1e3 / files.len() as f64,
        (slow / fast - 1.0) * 100.0
    ))
}
