//! The HTML report renders what it is given, and nothing from a page or a
//! campaign file ever becomes markup.

use super::*;
use crate::audit::{AdOutcome, Landing, Summary};
use crate::campaign::CampaignFile;
use crate::extract::{PageFacts, PageKind};
use crate::score::{Check, CheckName, Verdict};

const CAMPAIGNS: &str = r#"{"campaigns": [{"id": "c1", "name": "Spring <b>sale</b>", "ads": [
  {"id": "a\"1", "url": "https://shop.example/p?x=1&y=2", "product": {"name": "Trail <i>Shoe</i>"}},
  {"id": "a2", "url": "https://shop.example/q", "product": {"name": "Boot"}}
]}]}"#;

fn campaigns() -> CampaignFile {
    crate::campaign::parse(CAMPAIGNS, std::path::Path::new("c.json")).unwrap()
}

fn result(ad: &str, verdict: Verdict, title: &str) -> AdResult {
    AdResult {
        position: 0,
        campaign: "c1".into(),
        ad: ad.into(),
        url: "https://shop.example/p?x=1&y=2".into(),
        verdict,
        outcome: AdOutcome::Audited(Box::new(Landing {
            elapsed_ms: 3,
            identity: Some(40),
            checks: vec![Check::new(
                CheckName::Identity,
                Outcome::Fail,
                format!("the page shows \"{title}\""),
            )],
            ..Landing::new(
                "https://shop.example/p?x=1&y=2".parse().unwrap(),
                200,
                PageFacts {
                    kind: PageKind::Product,
                    kind_reason: "product page: <h1> and a price".into(),
                    title: Some(title.into()),
                    ..PageFacts::default()
                },
            )
        })),
    }
}

fn render(results: &[AdResult], marks: &Marks) -> String {
    crate::report::tests::render_with(&mut Html, &campaigns(), results, marks)
}

#[test]
fn a_script_in_a_page_title_shows_as_text_never_as_a_tag() {
    let page = render(
        &[result("a2", Verdict::Fail, "<script>alert(1)</script>")],
        &Marks::default(),
    );
    assert!(
        page.contains("<dd>&lt;script&gt;alert(1)&lt;/script&gt;</dd>"),
        "the title is shown as text"
    );
    assert!(!page.contains("<script>alert(1)"), "no injected tag");
    assert!(!page.contains("alert(1)</script>"), "no injected tag");
    // The page's only script is the report's own.
    assert_eq!(page.matches("<script").count(), 1);
    assert!(page.contains("&lt;h1&gt; and a price"));
}

#[test]
fn campaign_names_ids_and_urls_are_escaped_in_text_and_attributes() {
    let page = render(&[result("a\"1", Verdict::Fail, "x")], &Marks::default());
    assert!(page.contains("Spring &lt;b&gt;sale&lt;/b&gt;"));
    assert!(page.contains("Trail &lt;i&gt;Shoe&lt;/i&gt;"));
    assert!(page.contains("id=\"ad-a&quot;1\""));
    assert!(page.contains("href=\"https://shop.example/p?x=1&amp;y=2\""));
    assert!(!page.contains("<b>sale"));
}

#[test]
fn the_summary_counts_verdicts_campaigns_and_failing_checks() {
    let page = render(
        &[
            result("a\"1", Verdict::Fail, "x"),
            result("a2", Verdict::Fail, "y"),
        ],
        &Marks::default(),
    );
    assert!(page.contains("id=\"count-fail\">2<"));
    assert!(page.contains("id=\"count-pass\">0<"));
    assert!(page.contains("<a href=\"#check=identity\">identity</a></td><td class=\"num\">2</td>"));
    assert!(page.contains("data-checks=\"identity\""));
    assert!(page.contains("<svg id=\"chart\""));
    assert!(page.contains("No history kept for this run"));
    assert!(!page.contains(" src="), "nothing loaded from the network");
    assert!(!page.contains("<link "), "no external stylesheet");
}

#[test]
fn marks_show_per_ad_and_in_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    let source = crate::history::CampaignSource::named("c.json");
    let first = result("a2", Verdict::Fail, "x");
    let mut rec = crate::history::History::open(&db)
        .unwrap()
        .begin(&source)
        .unwrap();
    rec.record(&first).unwrap();
    let marks = rec.finish(&Summary::default(), 0).unwrap();
    let page = render(&[first], &marks);
    assert!(page.contains("data-mark=\"new\" data-changed=\"1\""));
    assert!(page.contains("<td class=\"m-new\" data-sort=\"1000000\">new</td>"));
    assert!(page.contains("id=\"count-new\">1<"));
    assert!(page.contains("<a href=\"#ad-a2\">a2</a>: <span class=\"m-new\">new</span>"));
}
