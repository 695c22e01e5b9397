//! The alert's message and payload, with many failing ads and with few.

use super::*;

fn failing(i: usize) -> FailingAd {
    FailingAd {
        campaign: "spring".into(),
        ad: format!("ad{i}"),
        url: format!("https://shop.example/p/{i}"),
        verdict: Verdict::Fail,
        checks: vec![FailedCheck {
            name: "price".into(),
            outcome: Outcome::Fail,
            message: format!("price: ad says {i}.00 USD"),
        }],
        new: None,
        mark: None,
    }
}

#[test]
fn the_text_names_twenty_failing_ads_and_counts_the_rest() {
    let mut alert = Alert::new(Some(Path::new("campaigns.json")), true);
    for i in (0..25).rev() {
        alert.failing.push(i, failing(i));
        alert.failing_total += 1;
    }
    let summary = Summary {
        pass: 5,
        fail: 25,
        ..Summary::default()
    };
    alert.finish(summary, 0, Duration::from_millis(1500), None, false);
    let text = alert.text();
    assert!(text.starts_with(
        "landcheck: 30 ads audited in 1.5 s: 5 pass, 0 warn, 25 fail, 0 error (campaigns.json)\nFailing ads:\n• FAIL spring/ad0: price: ad says 0.00 USD\n"
    ), "{text}");
    assert!(text.contains("• FAIL spring/ad19: "), "{text}");
    assert!(!text.contains("spring/ad20"), "{text}");
    assert!(
        text.ends_with("…and 5 more\nReport: written to standard output"),
        "{text}"
    );
    let payload = alert.payload();
    assert_eq!(
        payload["landcheck"]["failing"].as_array().unwrap().len(),
        25
    );
    assert_eq!(payload["landcheck"]["failing_total"], 25);
    assert_eq!(
        payload["landcheck"]["newly_failing"],
        serde_json::Value::Null
    );
    assert_eq!(payload["landcheck"]["counts"]["fail"], 25);
    assert_eq!(payload["landcheck"]["counts"]["total"], 30);
    alert.finish(
        summary,
        2,
        Duration::from_secs(3),
        Some(Path::new("/r/n.jsonl")),
        true,
    );
    let text = alert.text();
    assert!(
        text.starts_with("landcheck: 30 ads audited in 3.0 s: 5 pass, 0 warn, 25 fail, 0 error (campaigns.json); interrupted, 2 ads not audited\nFailing ads:"),
        "{text}"
    );
    assert!(text.ends_with("\nReport: /r/n.jsonl"), "{text}");
}

/// Ads arrive out of file order; the alert keeps the first [`KEPT`] in
/// file order and counts the rest, and lists the first newly failing ads.
#[test]
fn the_first_failing_ads_are_kept_and_every_one_is_counted() {
    let mut alert = Alert::new(None, true);
    alert.compare_with(Path::new("last.jsonl"), HashSet::new());
    let total = KEPT + 500;
    // A scrambled order: every ad once.
    for i in (0..total).map(|i| (i * 7919) % total) {
        alert.failing.push(i, failing(i));
        alert.failing_total += 1;
        if i % 3 == 0 {
            alert.newly.push(i, failing(i));
            alert.newly_total += 1;
        }
    }
    let kept = alert.failing.in_order();
    assert_eq!(kept.len(), KEPT);
    assert!(kept
        .iter()
        .enumerate()
        .all(|(i, ad)| ad.ad == format!("ad{i}")));
    let newly = alert.newly.in_order();
    assert_eq!(newly.len(), LISTED);
    assert_eq!(newly[1].ad, "ad3");
    let text = alert.text();
    assert!(
        text.contains(&format!(
            "\n{} ads failing before still fail\nNewly failing ads:\n• FAIL spring/ad0: ",
            total - total.div_ceil(3)
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!("…and {} more", total.div_ceil(3) - LISTED)),
        "{text}"
    );
    let payload = alert.payload();
    assert_eq!(payload["landcheck"]["failing_total"], total);
    assert_eq!(payload["landcheck"]["newly_failing"], total.div_ceil(3));
    assert_eq!(
        payload["landcheck"]["failing"].as_array().unwrap().len(),
        KEPT
    );
}

fn result(position: usize, verdict: Verdict) -> AdResult {
    let facts = landcheck::PageFacts::default();
    AdResult {
        position,
        campaign: "spring".into(),
        ad: format!("ad{position}"),
        url: "https://shop.example/p".into(),
        verdict,
        outcome: landcheck::AdOutcome::Audited(Box::new(landcheck::Landing::new(
            "https://shop.example/p".parse().unwrap(),
            200,
            facts,
        ))),
    }
}

/// With a run history, the message compares with the previous run even
/// when nothing fails, and each failing ad is new or not by its mark.
#[test]
fn marks_from_the_history_tell_new_failures_as_results_come() {
    let mut quiet = Alert::new(None, true);
    quiet.add(&result(0, Verdict::Pass), Some(Mark::Unchanged));
    quiet.finish(Summary::default(), 0, Duration::ZERO, None, false);
    assert!(
        quiet
            .text()
            .contains("\nNo newly failing ads since the previous run"),
        "{}",
        quiet.text()
    );

    let mut alert = Alert::new(None, true);
    alert.add(&result(2, Verdict::Fail), Some(Mark::New));
    alert.add(
        &result(1, Verdict::Error),
        Some(Mark::StillFailing { since: 0, runs: 2 }),
    );
    alert.add(&result(0, Verdict::Pass), Some(Mark::Unchanged));
    alert.finish(Summary::default(), 0, Duration::ZERO, None, false);
    let text = alert.text();
    assert!(
        text.contains("\n1 ads failing before still fail\nNewly failing ads:\n• FAIL spring/ad2"),
        "{text}"
    );
    let payload = alert.payload();
    let failing = payload["landcheck"]["failing"].as_array().unwrap();
    let ads: Vec<(&str, bool)> = failing
        .iter()
        .map(|ad| (ad["ad"].as_str().unwrap(), ad["new"].as_bool().unwrap()))
        .collect();
    assert_eq!(ads, [("ad1", false), ("ad2", true)]);
    assert_eq!(payload["landcheck"]["newly_failing"], 1);
}
