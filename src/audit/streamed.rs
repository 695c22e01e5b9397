//! Auditing a campaign file too large to hold: its ads come in chunks
//! from [`StreamedFile::chunks`], read on a blocking thread while the
//! previous chunk is audited. A landing page that later ads point at too
//! is kept, without its HTML, until the last of them is scored, so each
//! page is still fetched once.

use std::collections::HashMap;
use std::sync::Arc;

use tokio::sync::mpsc;
use url::Url;

use super::{AdResult, Landed, Pipeline};
use crate::campaign::{StreamedFile, CHUNK_ADS};
use crate::error::Result;
use crate::extract::PageFacts;
use crate::page::Page;
use crate::score::NameLearner;

/// Landing pages that ads of later chunks will want, each with the number
/// of those ads.
pub(crate) struct PageCache<'f> {
    file: &'f StreamedFile,
    pages: HashMap<Url, (Kept, usize)>,
}

/// A landing page kept for later ads. A page that was read keeps its
/// facts as one block of JSON: a run over tens of thousands of pages
/// holds them all, and a block each (about a kilobyte) takes far less
/// memory, and scatters far less, than the facts' many small strings.
enum Kept {
    Read(Box<Page>, Box<[u8]>),
    Other(Arc<Landed>),
}

impl Kept {
    fn new(landed: Landed) -> Self {
        match landed {
            Ok((mut page, facts)) => match serde_json::to_vec(&facts) {
                Ok(json) => {
                    // Scoring never reads the HTML again.
                    page.body = String::new();
                    Self::Read(Box::new(page), json.into_boxed_slice())
                }
                Err(_) => Self::Other(Arc::new(Ok((page, facts)))),
            },
            failed => Self::Other(Arc::new(failed)),
        }
    }

    /// The page as it was read; `None` if its facts cannot be read back,
    /// and the page is then fetched again.
    fn landed(&self) -> Option<Arc<Landed>> {
        match self {
            Self::Read(page, json) => {
                let facts: PageFacts = serde_json::from_slice(json).ok()?;
                Some(Arc::new(Ok((Page::clone(page), facts))))
            }
            Self::Other(landed) => Some(Arc::clone(landed)),
        }
    }
}

impl<'f> PageCache<'f> {
    pub(crate) fn new(file: &'f StreamedFile) -> Self {
        Self {
            file,
            pages: HashMap::new(),
        }
    }

    /// The page kept for `url`, now wanted by `n` more ads; it is let go
    /// once the last ad that wants it has it.
    pub(crate) fn take(&mut self, url: &Url, n: usize) -> Option<Arc<Landed>> {
        let (kept, left) = self.pages.get_mut(url)?;
        let landed = kept.landed();
        *left = left.saturating_sub(n);
        if *left == 0 || landed.is_none() {
            self.pages.remove(url);
        }
        landed
    }

    /// Keeps `landed`, just read for `n` ads, when more ads of the file
    /// point at `url`.
    pub(crate) fn keep(&mut self, url: Url, landed: Landed, n: usize) {
        let left = usize::try_from(self.file.ads_at(&url))
            .unwrap_or(usize::MAX)
            .saturating_sub(n);
        if left > 0 {
            self.pages.insert(url, (Kept::new(landed), left));
        }
    }
}

/// The word weights of every ad name of `file`, read in one pass.
pub(crate) async fn learn_names(file: &StreamedFile) -> Result<NameLearner> {
    let file = file.clone();
    let learned = tokio::task::spawn_blocking(move || {
        let mut learner = NameLearner::default();
        file.chunks(CHUNK_ADS, |chunk| {
            for (_, ad) in chunk.file.ads() {
                learner.add(&ad.product.name);
            }
            true
        })
        .map(|()| learner)
    })
    .await;
    Ok(joined(learned)?)
}

/// Audits every ad of `file` that `wanted` keeps, chunk by chunk.
pub(crate) async fn audit_file(
    pipeline: &Pipeline<'_>,
    file: &StreamedFile,
    chunk_ads: usize,
    wanted: impl Fn(&str, &str) -> bool,
    mut on_result: impl AsyncFnMut(AdResult),
) -> Result<()> {
    let (chunks, mut next) = mpsc::channel(1);
    let reader = {
        let file = file.clone();
        tokio::task::spawn_blocking(move || {
            file.chunks(chunk_ads, |chunk| chunks.blocking_send(chunk).is_ok())
        })
    };
    let mut cache = PageCache::new(file);
    while let Some(chunk) = next.recv().await {
        if pipeline.stop.is_stopped() {
            break;
        }
        pipeline
            .audit_part(
                &chunk.file,
                chunk.first_position,
                Some(&mut cache),
                &wanted,
                &mut on_result,
            )
            .await;
    }
    drop(next);
    Ok(joined(reader.await)?)
}

/// The ids `(campaign, ad)` of the ads of `file` that `left` keeps, in
/// file order, given each ad's position.
pub(crate) async fn ids_where(
    file: &StreamedFile,
    left: impl Fn(usize, &str, &str) -> bool + Send + 'static,
) -> Result<Vec<(String, String)>> {
    let file = file.clone();
    let found = tokio::task::spawn_blocking(move || {
        let mut ids = Vec::new();
        file.chunks(CHUNK_ADS, |chunk| {
            ids.extend(
                chunk
                    .file
                    .entries()
                    .filter(|e| {
                        left(
                            chunk.first_position + e.position(),
                            e.campaign_id(),
                            e.ad_id(),
                        )
                    })
                    .map(|e| (e.campaign_id().to_owned(), e.ad_id().to_owned())),
            );
            true
        })
        .map(|()| ids)
    })
    .await;
    Ok(joined(found)?)
}

/// The result of a blocking task, its panic carried on.
fn joined<T>(joined: std::result::Result<T, tokio::task::JoinError>) -> T {
    joined.unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()))
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use axum::routing::get;

    use super::*;
    use crate::audit::Audit;
    use crate::fetch::{FetchOptions, Fetcher};

    /// A shop on 127.0.0.1 whose `/p/N` pages sell "Trail Shoe N"; it
    /// counts the pages it served.
    async fn shop() -> (std::net::SocketAddr, Arc<AtomicUsize>) {
        let served = Arc::new(AtomicUsize::new(0));
        let count = Arc::clone(&served);
        let app = axum::Router::new().route(
            "/p/{n}",
            get(move |axum::extract::Path(n): axum::extract::Path<u32>| {
                count.fetch_add(1, Ordering::Relaxed);
                async move {
                    axum::response::Html(format!(
                        "<html><body><h1>Trail Shoe {n}</h1><span class=price>$10.00</span><button>Add to cart</button></body></html>"
                    ))
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });
        (addr, served)
    }

    /// A campaign file `c.json` holding one campaign `c` of these ads, in a
    /// folder kept as long as the returned guard.
    fn one_campaign(ads: &[String]) -> (tempfile::TempDir, StreamedFile) {
        let text = format!(
            r#"{{"campaigns": [{{"id": "c", "name": "C", "ads": [{}]}}]}}"#,
            ads.join(",")
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.json");
        std::fs::write(&path, &text).unwrap();
        let file = StreamedFile::open(&path).unwrap().unwrap();
        (dir, file)
    }

    fn fetcher() -> Fetcher {
        let mut options = FetchOptions::default();
        options.host.host_rate = None;
        Fetcher::new(options).unwrap()
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn a_streamed_file_scores_as_a_held_one_and_fetches_each_page_once() {
        let (addr, served) = shop().await;
        // Seven ads over three pages, each page wanted again chunks later.
        let ads: Vec<String> = (0..7)
            .map(|i| {
                let n = i % 3;
                let name = if i == 4 { "Rain Jacket".to_owned() } else { format!("Trail Shoe {n}") };
                format!(r#"{{"id": "a{i}", "url": "http://{addr}/p/{n}", "product": {{"name": "{name}"}}}}"#)
            })
            .collect();
        let text = format!(
            r#"{{"campaigns": [{{"id": "c1", "name": "One", "ads": [{}]}}, {{"id": "c2", "name": "Two", "ads": [{}]}}]}}"#,
            ads[..4].join(","),
            ads[4..].join(",")
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.json");
        std::fs::write(&path, &text).unwrap();
        let whole = crate::campaign::load(&path).unwrap();
        let file = StreamedFile::open(&path).unwrap().unwrap();

        let rows = |results: &mut Vec<AdResult>| {
            results.sort_by_key(|r| r.position);
            results
                .iter()
                .map(|r| {
                    (
                        r.position,
                        r.campaign.clone(),
                        r.ad.clone(),
                        r.verdict,
                        r.identity(),
                    )
                })
                .collect::<Vec<_>>()
        };
        let mut held = Vec::new();
        let held_run = Audit::new(&whole)
            .fetcher(fetcher())
            .run(|r| held.push(r))
            .await
            .unwrap();
        let before = served.load(Ordering::Relaxed);
        let mut streamed = Vec::new();
        let streamed_run = Audit::streamed(&file)
            .fetcher(fetcher())
            .chunk_ads(2)
            .run(|r| streamed.push(r))
            .await
            .unwrap();

        assert_eq!(rows(&mut streamed), rows(&mut held));
        assert_eq!(streamed_run.counts, held_run.counts);
        assert_eq!(streamed_run.counts.fail, 1, "the jacket ad lands on a shoe");
        assert_eq!((held_run.pages_fetched, streamed_run.pages_fetched), (3, 3));
        assert_eq!(served.load(Ordering::Relaxed) - before, 3);
        assert!(streamed_run.not_audited.is_empty());
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn a_streamed_run_lists_what_it_left_when_cancelled() {
        let (addr, _) = shop().await;
        let ads: Vec<String> = (0..5)
            .map(|i| format!(r#"{{"id": "a{i}", "url": "http://{addr}/p/{i}", "product": {{"name": "Trail Shoe {i}"}}}}"#))
            .collect();
        let (_dir, file) = one_campaign(&ads);
        let token = crate::CancellationToken::new();
        token.cancel();
        let ran = Audit::streamed(&file)
            .fetcher(fetcher())
            .cancel(token)
            .grace(std::time::Duration::ZERO)
            .skip_done([("c".to_owned(), "a1".to_owned())].into())
            .run(|_| {})
            .await
            .unwrap();
        let left: Vec<&str> = ran.not_audited.iter().map(|(_, a)| a.as_str()).collect();
        assert_eq!(left, ["a0", "a2", "a3", "a4"]);
        assert!(ran.cancelled);
    }

    #[tokio::test(flavor = "multi_thread")]
    async fn the_pipeline_waits_for_its_caller_instead_of_queueing_results() {
        let (addr, _) = shop().await;
        // 3,000 ads over three pages: after the first chunk, every chunk is
        // scored at once from the kept pages, faster than any caller.
        let ads: Vec<String> = (0..3000)
            .map(|i| {
                let n = i % 3;
                format!(r#"{{"id": "a{i}", "url": "http://{addr}/p/{n}", "product": {{"name": "Trail Shoe {n}"}}}}"#)
            })
            .collect();
        let (_dir, file) = one_campaign(&ads);
        let audit = Audit::streamed(&file).fetcher(fetcher()).chunk_ads(100);
        let progress = audit.progress();
        let (mut delivered, mut most_ahead) = (0, 0);
        let ran = audit
            .run(|_| {
                delivered += 1;
                most_ahead = most_ahead.max(progress.started().saturating_sub(delivered));
            })
            .await
            .unwrap();
        assert_eq!(delivered, 3000);
        assert_eq!(ran.counts.pass, 3000);
        // Scored but not yet handed over: at most the channel's worth and
        // the chunk being scored, however many ads the file has.
        let bound = crate::audit::run::HANDOFF + 100;
        assert!(
            most_ahead <= bound,
            "{most_ahead} results waited (bound {bound})"
        );
    }

    #[test]
    fn a_kept_page_reads_back_as_it_was_read_on_every_corpus_page() {
        for (path, html) in crate::extract::corpus_pages() {
            let url: Url = "https://shop.example/p/1?variant=2".parse().unwrap();
            let facts = crate::extract::extract(&html, &url, 200);
            let page = Page::saved(url, 200, html, std::time::Duration::from_millis(120));
            let kept = Kept::new(Ok((page, facts.clone())));
            assert!(matches!(kept, Kept::Read(..)), "{}", path.display());
            let landed = kept.landed().expect("facts read back");
            let (page, back) = landed.as_ref().as_ref().unwrap();
            assert_eq!(back, &facts, "{}", path.display());
            assert!(page.body.is_empty());
        }
    }
}
