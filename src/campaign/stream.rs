//! A campaign JSON file read as a stream, for nightly files of millions of
//! ads: one pass checks every ad and counts the ads per landing URL, and
//! each later pass hands the ads on in chunks, so no pass holds more than a
//! chunk of ads (and no JSON tree) in memory.
//!
//! Only plain valid files stream. Anything that needs a report with lines
//! and columns (a syntax error, an invalid ad, an id used twice) or an
//! unusual layout (`ads` before a campaign's `id` and `name`) makes
//! [`StreamedFile::open`] answer `None`: the file is then loaded whole,
//! which finds and places every problem.

mod walk;

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use url::Url;

use super::{Ad, Campaign, CampaignFile, LoadError, LoadResult};
use walk::{walk, Flow, Head, Walked};

/// Ads handed on at a time by [`StreamedFile::chunks`] by default.
pub const CHUNK_ADS: usize = 2_000;

/// A campaign JSON file found valid in one streaming pass.
#[derive(Debug, Clone)]
pub struct StreamedFile {
    path: PathBuf,
    ads: usize,
    per_url: Arc<HashMap<u64, u32>>,
}

/// Consecutive ads of a streamed file.
#[derive(Debug, Clone)]
pub struct Chunk {
    /// Position in the file of the chunk's first ad, from 0.
    pub first_position: usize,
    /// The ads, under their campaigns, in file order.
    pub file: CampaignFile,
}

impl StreamedFile {
    /// Checks `path` in one streaming pass. `Ok(None)` when the file is
    /// not plain valid campaign JSON: load it whole, and the loader tells
    /// what is wrong, with lines and columns.
    ///
    /// # Errors
    /// [`LoadError::Read`] when the file cannot be read.
    pub fn open(path: &Path) -> LoadResult<Option<Self>> {
        let mut ads = 0;
        let mut per_url: HashMap<u64, u32> = HashMap::new();
        let mut ids: HashSet<u64> = HashSet::new();
        let walked = walk(path, &mut |_, value| {
            let Ok(ad) = serde_json::from_value::<Ad>(value) else {
                return Flow::Unusual;
            };
            if !super::ad_problems(&ad).is_empty() || !ids.insert(hash(&ad.id)) {
                return Flow::Unusual;
            }
            *per_url.entry(hash(ad.url.as_str())).or_default() += 1;
            ads += 1;
            Flow::Go
        })?;
        Ok((walked == Walked::Whole && ads > 0).then(|| Self {
            path: path.to_path_buf(),
            ads,
            per_url: Arc::new(per_url),
        }))
    }

    /// The file's path.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The number of ads in the file.
    #[must_use]
    pub fn ad_count(&self) -> usize {
        self.ads
    }

    /// How many ads of the file point at `url`.
    #[must_use]
    pub fn ads_at(&self, url: &Url) -> u32 {
        self.per_url.get(&hash(url.as_str())).copied().unwrap_or(0)
    }

    /// Reads the file again and hands its ads to `each` in chunks of at
    /// most `size` consecutive ads, in file order, until the end or until
    /// `each` returns `false`.
    ///
    /// # Errors
    /// [`LoadError::Read`] when the file cannot be read again, or has
    /// changed since [`StreamedFile::open`].
    pub fn chunks(&self, size: usize, mut each: impl FnMut(Chunk) -> bool) -> LoadResult<()> {
        let size = size.max(1);
        let mut chunk = Gathering::at(0);
        let mut stopped = false;
        let mut seen = 0;
        let walked = walk(&self.path, &mut |head, value| {
            let Ok(ad) = serde_json::from_value::<Ad>(value) else {
                return Flow::Unusual;
            };
            seen += 1;
            chunk.push(head, ad);
            if chunk.len() >= size {
                let full = std::mem::replace(&mut chunk, Gathering::at(seen));
                if !each(full.chunk) {
                    stopped = true;
                    return Flow::Stop;
                }
            }
            Flow::Go
        })?;
        if stopped {
            return Ok(());
        }
        if walked != Walked::Whole || seen != self.ads {
            return Err(LoadError::Read {
                path: self.path.clone(),
                source: std::io::Error::other("the file changed while it was being audited"),
            });
        }
        if chunk.len() > 0 {
            each(chunk.chunk);
        }
        Ok(())
    }
}

/// Consecutive ads being gathered, with the file's index of the campaign
/// the last one belongs to.
struct Gathering {
    chunk: Chunk,
    last_campaign: Option<usize>,
}

impl Gathering {
    fn at(first_position: usize) -> Self {
        Self {
            chunk: Chunk {
                first_position,
                file: CampaignFile {
                    campaigns: Vec::new(),
                    skipped: Vec::new(),
                },
            },
            last_campaign: None,
        }
    }

    fn len(&self) -> usize {
        self.chunk.file.campaigns.iter().map(|c| c.ads.len()).sum()
    }

    fn push(&mut self, head: &Head, ad: Ad) {
        let campaigns = &mut self.chunk.file.campaigns;
        match campaigns.last_mut() {
            Some(last) if self.last_campaign == Some(head.index) => last.ads.push(ad),
            _ => campaigns.push(Campaign {
                id: head.id.clone(),
                name: head.name.clone(),
                ads: vec![ad],
            }),
        }
        self.last_campaign = Some(head.index);
    }
}

fn hash(text: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.json");
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    fn ad(id: &str, url: &str) -> String {
        format!(r#"{{"id": "{id}", "url": "{url}", "product": {{"name": "Shoe {id}"}}}}"#)
    }

    #[test]
    fn a_valid_file_streams_in_chunks_in_file_order() {
        let text = format!(
            r#"{{"campaigns": [{{"id": "c1", "name": "One", "ads": [{}, {}, {}]}},
                {{"name": "Two", "id": "c2", "ads": [{}, {}]}}]}}"#,
            ad("a", "https://s.example/p"),
            ad("b", "https://s.example/q"),
            ad("c", "https://s.example/p"),
            ad("d", "https://t.example/p"),
            ad("e", "https://s.example/p"),
        );
        let (_dir, path) = file(&text);
        let streamed = StreamedFile::open(&path)
            .unwrap()
            .expect("a plain valid file");
        assert_eq!(streamed.ad_count(), 5);
        assert_eq!(streamed.ads_at(&"https://s.example/p".parse().unwrap()), 3);
        assert_eq!(streamed.ads_at(&"https://x.example/".parse().unwrap()), 0);
        let mut seen = Vec::new();
        streamed
            .chunks(2, |chunk| {
                let ids: Vec<String> = chunk
                    .file
                    .campaigns
                    .iter()
                    .flat_map(|c| c.ads.iter().map(move |a| format!("{}/{}", c.id, a.id)))
                    .collect();
                seen.push((chunk.first_position, ids));
                true
            })
            .unwrap();
        assert_eq!(
            seen,
            [
                (0, vec!["c1/a".to_owned(), "c1/b".to_owned()]),
                (2, vec!["c1/c".to_owned(), "c2/d".to_owned()]),
                (4, vec!["c2/e".to_owned()]),
            ]
        );
        let whole = crate::campaign::load(&path).unwrap();
        let mut streamed_ads = Vec::new();
        streamed
            .chunks(CHUNK_ADS, |chunk| {
                streamed_ads.extend(chunk.file.ads().map(|(_, ad)| ad.clone()));
                true
            })
            .unwrap();
        let whole_ads: Vec<Ad> = whole.ads().map(|(_, ad)| ad.clone()).collect();
        assert_eq!(streamed_ads, whole_ads);
    }

    #[test]
    fn a_caller_can_stop_after_any_chunk() {
        let ads: Vec<String> = (0..10)
            .map(|i| ad(&format!("a{i}"), "https://s.example/p"))
            .collect();
        let text = format!(
            r#"{{"campaigns": [{{"id": "c", "name": "C", "ads": [{}]}}]}}"#,
            ads.join(",")
        );
        let (_dir, path) = file(&text);
        let streamed = StreamedFile::open(&path).unwrap().unwrap();
        let mut chunks = 0;
        streamed
            .chunks(3, |_| {
                chunks += 1;
                false
            })
            .unwrap();
        assert_eq!(chunks, 1);
    }

    #[test]
    fn files_that_need_a_report_with_lines_and_columns_do_not_stream() {
        let good = ad("a", "https://s.example/p");
        let cases = [
            ("not JSON", "{\"campaigns\": [".to_owned()),
            ("an invalid ad", format!(r#"{{"campaigns": [{{"id": "c", "name": "C", "ads": [{good}, {}]}}]}}"#, ad("b", "ftp://s.example/p"))),
            ("an ad id used twice", format!(r#"{{"campaigns": [{{"id": "c", "name": "C", "ads": [{good}, {good}]}}]}}"#)),
            ("ads before the id", format!(r#"{{"campaigns": [{{"ads": [{good}], "id": "c", "name": "C"}}]}}"#)),
            ("a campaign without ads", r#"{"campaigns": [{"id": "c", "name": "C", "ads": []}]}"#.to_owned()),
            ("an unknown member", format!(r#"{{"campaigns": [{{"id": "c", "name": "C", "ads": [{good}]}}], "x": 1}}"#)),
            ("a byte-order mark", format!("\u{feff}{{\"campaigns\": [{{\"id\": \"c\", \"name\": \"C\", \"ads\": [{good}]}}]}}")),
            ("a CSV export", "Campaign,Final URL\nc,https://s.example/p\n".to_owned()),
        ];
        for (what, text) in cases {
            let (_dir, path) = file(&text);
            assert!(StreamedFile::open(&path).unwrap().is_none(), "{what}");
        }
    }
}
