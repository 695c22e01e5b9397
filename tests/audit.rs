//! The bundled example against the demo shop: every fixture ad gets the
//! verdict, page kind and failing check it was written for.

use std::collections::HashMap;

use landcheck::{example_campaigns, DemoShop};
use landcheck::{Outcome, Verdict};
use serde::Deserialize;

use crate::common;

#[derive(Deserialize)]
struct Expected {
    ad: String,
    verdict: Verdict,
    page_kind: String,
    failing_check: Option<String>,
}

#[tokio::test]
async fn every_fixture_ad_gets_its_verdict() {
    let shop = DemoShop::start().await.unwrap();
    let campaigns = example_campaigns().unwrap();
    let results = common::run(&campaigns, common::options(shop.resolves())).await;

    let expected: Vec<Expected> =
        serde_json::from_str(&std::fs::read_to_string("fixtures/expected-demo.json").unwrap())
            .unwrap();
    assert_eq!(results.len(), campaigns.ad_count());
    assert_eq!(
        expected.len(),
        campaigns.ad_count(),
        "every example ad has an expectation"
    );
    let by_id: HashMap<&str, _> = results.iter().map(|r| (r.ad.as_str(), r)).collect();
    assert_eq!(by_id.len(), results.len(), "every ad appears exactly once");
    for e in &expected {
        let r = by_id[e.ad.as_str()];
        let kind = r.page_kind().map(|k| k.to_string()).unwrap_or_default();
        assert_eq!(
            (r.verdict, kind.as_str()),
            (e.verdict, e.page_kind.as_str()),
            "{}: {:#?}",
            e.ad,
            r.checks()
        );
        match &e.failing_check {
            Some(name) => assert!(
                r.checks()
                    .iter()
                    .any(|c| c.name.to_string() == *name && c.outcome >= Outcome::Warn),
                "{}: {name} should not pass: {:#?}",
                e.ad,
                r.checks()
            ),
            None => assert!(
                r.checks().iter().all(|c| c.outcome <= Outcome::Pass),
                "{}: {:#?}",
                e.ad,
                r.checks()
            ),
        }
    }
}

#[tokio::test]
async fn shoe_on_clothing_store_fails_on_category_and_book_passes() {
    let shop = DemoShop::start().await.unwrap();
    let results = common::run(
        &example_campaigns().unwrap(),
        common::options(shop.resolves()),
    )
    .await;
    let shoe = results
        .iter()
        .find(|r| r.ad == "fb-shoe-mens-store")
        .unwrap();
    let category = shoe
        .checks()
        .iter()
        .find(|c| c.name.to_string() == "category")
        .unwrap();
    assert_eq!(category.outcome, Outcome::Fail);
    assert!(
        category.message.contains("Shoes > Running shoes")
            && category.message.contains("Men > Clothing"),
        "{}",
        category.message
    );
    let book = results
        .iter()
        .find(|r| r.ad == "amazon-book-atomic-habits")
        .unwrap();
    assert_eq!(book.verdict, Verdict::Pass);
    let facts = book.facts().unwrap();
    assert!(facts.add_to_cart.is_some() && facts.product.price.is_some());
}

#[tokio::test]
async fn latin1_page_is_decoded() {
    let shop = DemoShop::start().await.unwrap();
    let results = common::run(
        &example_campaigns().unwrap(),
        common::options(shop.resolves()),
    )
    .await;
    let swedish = results
        .iter()
        .find(|r| r.ad == "gs-fjallraven-kanken")
        .unwrap();
    let facts = swedish.facts().unwrap();
    assert_eq!(facts.add_to_cart.as_ref().unwrap().value, "Lägg i varukorg");
    assert!(facts
        .product
        .name
        .as_ref()
        .unwrap()
        .value
        .contains("Fjällräven"));
}

#[tokio::test]
async fn a_cancelled_audit_names_every_ad_it_did_not_audit() {
    let shop = DemoShop::start().await.unwrap();
    let campaigns = example_campaigns().unwrap();
    let done = campaigns
        .ads()
        .next()
        .map(|(c, ad)| (c.id.clone(), ad.id.clone()))
        .unwrap();
    let token = landcheck::CancellationToken::new();
    token.cancel();
    let mut seen = Vec::new();
    let ran = landcheck::Audit::new(&campaigns)
        .fetcher(landcheck::Fetcher::new(common::options(shop.resolves())).unwrap())
        .skip_done([done.clone()].into())
        .cancel(token)
        .run(|r| seen.push(r.ad))
        .await
        .unwrap();
    assert!(seen.is_empty(), "nothing starts once cancelled: {seen:?}");
    assert!(ran.cancelled);
    assert_eq!(ran.not_audited.len(), campaigns.ad_count() - 1);
    assert!(
        !ran.not_audited.contains(&done),
        "an ad done before is not missing"
    );
    let first_left = campaigns.ads().nth(1).map(|(_, ad)| ad.id.clone());
    assert_eq!(
        ran.not_audited.first().map(|(_, ad)| ad.clone()),
        first_left
    );
}
