//! Checks one landing page from a service, e.g. before an ad goes live:
//! fetch the URL, read the page, score it against the declared product,
//! and answer with the verdict and its reasons. A page on 127.0.0.1
//! stands in for the shop; pass a real URL and name to try your own.
//!
//! `cargo run --example check_url -- [URL "PRODUCT NAME"]`

use landcheck::Expectation;
use landcheck::{
    Ad, AdOutcome, Audit, Campaign, CampaignFile, DeclaredProduct, ExpectedPage, FetchOptions,
    Fetcher, Verdict,
};

/// The verdict and the reasons behind it for one landing page.
async fn check(
    url: url::Url,
    name: &str,
    options: FetchOptions,
) -> landcheck::Result<(Verdict, Vec<String>)> {
    let ad = Ad {
        id: "pre-launch".into(),
        url,
        display_url: None,
        product: DeclaredProduct {
            name: name.into(),
            ..DeclaredProduct::default()
        },
        expect: Expectation {
            page: ExpectedPage::Product,
        },
    };
    let campaigns = CampaignFile {
        campaigns: vec![Campaign {
            id: "check".into(),
            name: "Pre-launch check".into(),
            ads: vec![ad],
        }],
        skipped: Vec::new(),
    };
    let mut answer = None;
    Audit::new(&campaigns)
        .fetcher(Fetcher::new(options)?)
        .run(|result| {
            let reasons = match &result.outcome {
                AdOutcome::Audited(landing) => landing
                    .checks
                    .iter()
                    .filter(|c| c.outcome >= landcheck::Outcome::Warn)
                    .map(|c| format!("{}: {}", c.name, c.message))
                    .collect(),
                AdOutcome::Unreachable(unreached) => vec![unreached.error.clone()],
                AdOutcome::Invalid(invalid) => vec![invalid.message.clone()],
                // Outcomes a later version may add.
                _ => result.error().map(str::to_owned).into_iter().collect(),
            };
            answer = Some((result.verdict, reasons));
        })
        .await?;
    Ok(answer.expect("every ad gets a result"))
}

#[tokio::main]
async fn main() -> landcheck::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (url, name) = if let [url, name] = args.as_slice() {
        (url.parse().expect("a valid URL"), name.clone())
    } else {
        let page = axum::Router::new().route(
            "/books/dune",
            axum::routing::get(|| async {
                axum::response::Html(
                    r#"<html><head><title>Dune | Pages</title></head><body><h1>Dune</h1>
                    <span class="price">£9.99</span><button>Add to basket</button></body></html>"#,
                )
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a local port");
        let addr = listener.local_addr().expect("its address");
        tokio::spawn(async move { axum::serve(listener, page).await });
        let url = format!("http://{addr}/books/dune")
            .parse()
            .expect("a valid URL");
        (url, "Dune".to_owned())
    };
    let (verdict, reasons) = check(url, &name, FetchOptions::default()).await?;
    println!("{verdict}");
    for reason in &reasons {
        println!("  {reason}");
    }
    Ok(())
}

#[test]
fn runs() {
    main().expect("the example runs");
}
