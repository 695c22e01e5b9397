//! `landcheck extract`: shows what landcheck reads on one page, each fact
//! with its source, so a user can see why a verdict came out as it did.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use landcheck::decode_html;
use landcheck::{extract, FetchFailure, Fetcher, Page, PageFacts};
use serde::Serialize;
use url::Url;

use super::config::Settings;
use super::{open_output, EXIT_ADS_FAIL, EXIT_OK};

/// What `extract` prints: the same members for a URL and for a file, so a
/// script reads both alike. `page` is the fetch record (status, redirects)
/// and is null for a file; `facts` and `encoding` are null when no page
/// could be had, and `error` then says why.
#[derive(Serialize)]
struct Extracted {
    /// The URL or file as given.
    target: String,
    /// The URL the facts belong to: where the page landed, or the URL a
    /// file was saved from.
    url: Option<Url>,
    page: Option<Page>,
    encoding: Option<&'static str>,
    facts: Option<PageFacts>,
    error: Option<FetchFailure>,
}

/// Fetches or reads `target` and prints its facts as JSON.
pub(crate) async fn run(target: &str, url: Option<Url>, settings: Settings) -> Result<ExitCode> {
    let web = Url::parse(target)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"));
    let none = Extracted {
        target: target.to_owned(),
        url: None,
        page: None,
        encoding: None,
        facts: None,
        error: None,
    };
    let doc = if let Some(target) = web {
        match Fetcher::new(settings.fetch)?.fetch(&target).await {
            Ok(page) => Extracted {
                url: Some(page.final_url.clone()),
                encoding: Some(page.encoding),
                facts: Some(landcheck::extract_page(&page)),
                page: Some(page),
                ..none
            },
            Err(failure) => Extracted {
                url: Some(target),
                error: Some(failure),
                ..none
            },
        }
    } else {
        let path = Path::new(target);
        let saved_page = [".html", ".htm"]
            .iter()
            .any(|ext| target.to_ascii_lowercase().ends_with(ext));
        if !path.exists() && !saved_page {
            if let Err(why) = super::values::parse_web_url(target) {
                anyhow::bail!("{target} is no file here, nor a web address: {why}");
            }
        }
        let bytes = std::fs::read(path).with_context(|| {
            format!("cannot read {target} (give an http(s) URL or an HTML file)")
        })?;
        let url = match url {
            Some(url) => url,
            None => {
                let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
                Url::from_file_path(&absolute)
                    .map_err(|()| anyhow::anyhow!("cannot make a URL of {target}; give --url"))?
            }
        };
        let (html, encoding) = decode_html(&bytes, None, &url);
        Extracted {
            facts: Some(extract(&html, &url, 200)),
            url: Some(url),
            encoding: Some(encoding),
            ..none
        }
    };
    let failed = doc.error.is_some();
    if let Some(failure) = &doc.error {
        if let Some(hint) = super::hints::for_fetch(&failure.error) {
            eprintln!("landcheck: {}; {hint}", failure.error);
        }
    }
    let mut out = open_output(settings.output.as_deref())?;
    serde_json::to_writer_pretty(&mut out, &doc)?;
    writeln!(out)?;
    out.flush()?;
    Ok(ExitCode::from(if failed { EXIT_ADS_FAIL } else { EXIT_OK }))
}
