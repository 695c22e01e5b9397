//! The demo shop: a small HTTP server on a loopback port that serves the
//! landing pages under `fixtures/` by host and path, as `fixtures/site.json`
//! lays them out (pages, redirects, 404s, legacy charsets). `landcheck demo`
//! audits the bundled campaign against it, and the tests use it as their
//! shop. The site map and the pages it serves (`fixtures/pages/`) are
//! built into the binary so the demo runs anywhere; the rest of
//! `fixtures/` (the quality corpus, the real-page manifests) is not.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use include_dir::{include_dir, Dir};
use serde::Deserialize;

use crate::campaign::CampaignFile;
use crate::error::{Error, Result};
use crate::fetch::Resolve;

/// The site map, `fixtures/site.json`.
const SITE: &str = include_str!("../fixtures/site.json");
/// The pages the site map serves; route files name them as `pages/…`.
static PAGES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/fixtures/pages");

/// The bundled example campaign file, `campaigns.example.json`.
pub const EXAMPLE_CAMPAIGNS: &str = include_str!("../campaigns.example.json");

/// One route of the demo shop.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// Host name the route answers for.
    pub host: String,
    /// Exact path; the query string is ignored.
    pub path: String,
    /// HTTP status (default 200).
    #[serde(default = "ok")]
    pub status: u16,
    /// Body file, relative to `fixtures/`; only files under `pages/` are
    /// built in.
    #[serde(default)]
    pub file: Option<String>,
    /// `Location` header for redirects, sent verbatim.
    #[serde(default)]
    pub location: Option<String>,
    /// `Content-Type` (default `text/html; charset=utf-8`).
    #[serde(default)]
    pub content_type: Option<String>,
}

fn ok() -> u16 {
    200
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SiteFile {
    routes: Vec<Route>,
}

/// A running demo shop; it stops when dropped.
#[derive(Debug)]
pub struct DemoShop {
    addr: SocketAddr,
    hosts: Vec<String>,
    task: tokio::task::JoinHandle<()>,
}

struct Served {
    route: Route,
    body: Vec<u8>,
}

impl DemoShop {
    /// Starts the shop with the fixtures built into the binary, on an
    /// ephemeral port of 127.0.0.1.
    ///
    /// # Errors
    /// [`Error::DemoShop`] when the site map is broken or no port is free.
    pub async fn start() -> Result<Self> {
        let site: SiteFile = serde_json::from_str(SITE)
            .map_err(|e| Error::DemoShop(format!("fixtures/site.json: {e}")))?;
        let mut routes = HashMap::new();
        let mut hosts = Vec::new();
        for route in site.routes {
            let body = match &route.file {
                Some(file) => file
                    .strip_prefix("pages/")
                    .and_then(|page| PAGES.get_file(page))
                    .ok_or_else(|| {
                        Error::DemoShop(format!(
                            "fixtures/site.json names {file}, which is not a file under fixtures/pages/"
                        ))
                    })?
                    .contents()
                    .to_vec(),
                None => Vec::new(),
            };
            if !hosts.contains(&route.host) {
                hosts.push(route.host.clone());
            }
            routes.insert(
                (route.host.clone(), route.path.clone()),
                Served { route, body },
            );
        }
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|e| Error::DemoShop(format!("cannot listen on 127.0.0.1: {e}")))?;
        let addr = listener
            .local_addr()
            .map_err(|e| Error::DemoShop(e.to_string()))?;
        let app = axum::Router::new()
            .fallback(serve)
            .with_state(Arc::new(routes));
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(Self { addr, hosts, task })
    }

    /// The shop's loopback address.
    #[must_use]
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `--resolve` entries that send every shop host to this server.
    #[must_use]
    pub fn resolves(&self) -> Vec<Resolve> {
        self.hosts
            .iter()
            .map(|host| Resolve {
                host: host.clone(),
                addr: self.addr,
            })
            .collect()
    }
}

impl Drop for DemoShop {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The example campaign file, parsed.
///
/// # Errors
/// [`Error::Campaign`] if the bundled file is broken.
pub fn example_campaigns() -> Result<CampaignFile> {
    Ok(crate::campaign::parse(
        EXAMPLE_CAMPAIGNS,
        std::path::Path::new("campaigns.example.json"),
    )?)
}

async fn serve(
    State(routes): State<Arc<HashMap<(String, String), Served>>>,
    request: Request,
) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(|h| {
            h.rsplit_once(':')
                .map_or(h, |(name, _)| name)
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    let key = (host, request.uri().path().to_owned());
    let Some(served) = routes.get(&key) else {
        let mut response = Response::new(Body::from(
            "<html><body><h1>404 Not Found</h1></body></html>",
        ));
        *response.status_mut() = StatusCode::NOT_FOUND;
        return response;
    };
    let mut response = Response::new(Body::from(served.body.clone()));
    *response.status_mut() =
        StatusCode::from_u16(served.route.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    let content_type = served
        .route
        .content_type
        .as_deref()
        .unwrap_or("text/html; charset=utf-8");
    if let Ok(value) = HeaderValue::from_str(content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    if let Some(location) = served
        .route
        .location
        .as_deref()
        .and_then(|l| HeaderValue::from_str(l).ok())
    {
        headers.insert(header::LOCATION, location);
    }
    response
}
