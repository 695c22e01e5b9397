//! `landcheck extract`: shows what landcheck reads on one page, each fact
//! with its source, so a user can see why a verdict came out as it did.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use landcheck::fetch::decode_html;
use landcheck::{extract, Fetcher};
use serde_json::json;
use url::Url;

use super::config::Settings;
use super::{open_output, EXIT_ADS_FAIL, EXIT_OK};

/// Fetches or reads `target` and prints its facts as JSON.
pub(crate) async fn run(target: &str, url: Option<Url>, settings: Settings) -> Result<ExitCode> {
    let web = Url::parse(target)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"));
    let doc = if let Some(target) = web {
        match Fetcher::new(settings.fetch)?.fetch(&target).await {
            Ok(page) => {
                let facts = landcheck::extract::extract_page(&page);
                json!({ "page": page, "facts": facts })
            }
            Err(failure) => json!({ "error": failure }),
        }
    } else {
        let path = Path::new(target);
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
        json!({ "file": target, "url": url, "encoding": encoding, "facts": extract(&html, &url, 200) })
    };
    let failed = doc.get("error").is_some();
    let mut out = open_output(settings.output.as_deref())?;
    serde_json::to_writer_pretty(&mut out, &doc)?;
    writeln!(out)?;
    out.flush()?;
    Ok(ExitCode::from(if failed { EXIT_ADS_FAIL } else { EXIT_OK }))
}
