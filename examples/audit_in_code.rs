//! Audits ads built in code, the way a service that holds its ads in a
//! database would: no campaign file, one `Audit` call, results as they
//! come. A small shop on 127.0.0.1 stands in for the real one, and the
//! ads' host is pointed at it the way `--resolve` does.
//!
//! `cargo run --example audit_in_code`

use axum::response::Html;
use axum::routing::get;
use axum::Router;
use landcheck::Expectation;
use landcheck::{
    Ad, Audit, Campaign, CampaignFile, DeclaredProduct, ExpectedPage, FetchOptions, Fetcher, Money,
    Resolve,
};

const PRODUCT: &str = r#"<html><head><title>Trail Runner GTX | Stride</title></head><body>
<h1>Trail Runner GTX</h1><span class="price">$129.99</span><button>Add to cart</button>
</body></html>"#;
/// A category page: a grid of product tiles, each a link, a picture and
/// a price.
fn category() -> String {
    let tiles: String = ["Trail Runner GTX", "Road Racer", "Trail Walker", "City Runner", "Peak Hiker", "Track Spike"]
        .iter()
        .enumerate()
        .map(|(i, name)| {
            format!(
                r#"<li class="grid__item"><a href="/p/{i}"><img src="/{i}.jpg" alt=""><h3>{name}</h3></a><span class="price">${}.99</span><button>Add to cart</button></li>"#,
                79 + 10 * i
            )
        })
        .collect();
    format!(
        r#"<html><head><title>Men's shoes | Stride</title></head><body><h1>Men's shoes</h1><p>6 products</p><ul class="grid">{tiles}</ul></body></html>"#
    )
}

fn ad(id: &str, path: &str) -> Ad {
    Ad {
        id: id.into(),
        url: format!("http://stride.example{path}?utm_source=ads")
            .parse()
            .expect("a valid URL"),
        display_url: None,
        product: DeclaredProduct {
            name: "Trail Runner GTX".into(),
            price: Some(Money {
                amount: 129.99,
                currency: "USD".into(),
            }),
            ..DeclaredProduct::default()
        },
        expect: Expectation {
            page: ExpectedPage::Product,
        },
    }
}

#[tokio::main]
async fn main() -> landcheck::Result<()> {
    let shop = Router::new()
        .route("/p/trail-runner-gtx", get(|| async { Html(PRODUCT) }))
        .route("/mens-shoes", get(|| async { Html(category()) }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a local port");
    let addr = listener.local_addr().expect("its address");
    tokio::spawn(async move { axum::serve(listener, shop).await });

    let campaigns = CampaignFile {
        campaigns: vec![Campaign {
            id: "spring".into(),
            name: "Spring sale".into(),
            ads: vec![
                ad("right-landing", "/p/trail-runner-gtx"),
                ad("category-landing", "/mens-shoes"),
            ],
        }],
        skipped: Vec::new(),
    };
    let fetcher = Fetcher::new(FetchOptions {
        resolve: vec![Resolve {
            host: "stride.example".into(),
            addr,
        }],
        ..FetchOptions::default()
    })?;
    let ran = Audit::new(&campaigns)
        .fetcher(fetcher)
        .run(|result| {
            let why = result
                .checks()
                .iter()
                .filter(|c| c.outcome >= landcheck::Outcome::Warn)
                .map(|c| format!("{}: {}", c.name, c.message))
                .next()
                .unwrap_or_default();
            println!("{:5} {:17} {why}", result.verdict, result.ad);
        })
        .await?;
    println!(
        "{} pass, {} fail; not audited: {}",
        ran.counts.pass,
        ran.counts.fail,
        ran.not_audited.len()
    );
    assert_eq!((ran.counts.pass, ran.counts.fail), (1, 1));
    Ok(())
}

#[test]
fn runs() {
    main().expect("the example runs");
}
