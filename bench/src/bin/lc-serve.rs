//! The bench's web server: serves the generated corpus gzipped
//! (`Content-Encoding: gzip`, as nginx with `gzip_static` does) on
//! 127.0.0.1 and an ephemeral port, in its own process so that its CPU is
//! not counted against the pipelines measured. It counts the pages it
//! serves; `GET /__bench/count` reports the count and is not counted.
//!
//! Usage: `lc-serve CORPUS_DIR`; prints `127.0.0.1:PORT` once listening.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use axum::Router;

struct Shared {
    dir: PathBuf,
    served: AtomicU64,
    missing: AtomicU64,
}

fn is_safe(path: &str) -> bool {
    path.starts_with('/')
        && !path.contains("..")
        && path
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'/' || b == b'-' || b == b'_')
}

async fn serve(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    if path == "/__bench/count" {
        let text = format!(
            "{} {}\n",
            shared.served.load(Ordering::SeqCst),
            shared.missing.load(Ordering::SeqCst)
        );
        return Response::new(Body::from(text));
    }
    shared.served.fetch_add(1, Ordering::SeqCst);
    let file = shared
        .dir
        .join(format!("{}.html.gz", path.trim_start_matches('/')));
    // Plain reads: the files sit in the page cache after the first run.
    let (status, bytes) = match std::fs::read(&file) {
        Ok(bytes) if is_safe(&path) => (StatusCode::OK, bytes),
        _ => {
            shared.missing.fetch_add(1, Ordering::SeqCst);
            let bytes = std::fs::read(shared.dir.join("404.html.gz")).unwrap_or_default();
            (StatusCode::NOT_FOUND, bytes)
        }
    };
    let gzip_ok = request
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("gzip"));
    let mut response = if gzip_ok {
        let mut r = Response::new(Body::from(bytes));
        r.headers_mut()
            .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        r
    } else {
        let mut plain = Vec::new();
        let _ = flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut plain);
        Response::new(Body::from(plain))
    };
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let dir: PathBuf = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .ok_or_else(|| std::io::Error::other("usage: lc-serve CORPUS_DIR"))?;
    let shared = Arc::new(Shared {
        dir,
        served: AtomicU64::new(0),
        missing: AtomicU64::new(0),
    });
    let app = Router::new().fallback(serve).with_state(shared);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let mut out = std::io::stdout();
    writeln!(out, "{}", listener.local_addr()?)?;
    out.flush()?;
    axum::serve(listener, app).await
}
