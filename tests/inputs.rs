//! The exports and feeds ad teams already have, read from the samples in
//! `fixtures/inputs/`: each yields the same ads as its `campaigns.json`
//! twin, counts the rows it leaves out, and names the row and column of
//! every bad value.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use landcheck::DemoShop;
use landcheck::{
    load_input, CampaignField, InputKind, InputOptions, LoadError, Loaded, SkipReason,
};

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/inputs")
        .join(name)
}

fn load(name: &str, options: &InputOptions) -> Loaded {
    load_input(&sample(name), options).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn mapped() -> InputOptions {
    let columns = [
        (CampaignField::Name, "Product"),
        (CampaignField::Url, "Landing page"),
        (CampaignField::Brand, "Maker"),
        (CampaignField::Price, "Price"),
        (CampaignField::Currency, "Currency"),
        (CampaignField::Gtin, "EAN"),
        (CampaignField::Sku, "Article no."),
        (CampaignField::Campaign, "Group"),
        (CampaignField::Status, "State"),
    ];
    InputOptions {
        columns: columns.map(|(f, c)| (f, c.to_owned())).to_vec(),
        ..InputOptions::default()
    }
}

fn not_ad(what: &str) -> SkipReason {
    SkipReason::NotAnAd(what.to_owned())
}

#[test]
fn every_sample_yields_the_ads_of_its_json_twin() {
    let cases = [
        (
            "google-ads-editor.csv",
            "google-ads-editor.campaigns.json",
            InputKind::GoogleAds,
        ),
        (
            "google-ads-editor-utf8.csv",
            "google-ads-editor.campaigns.json",
            InputKind::GoogleAds,
        ),
        (
            "google-ads-report.csv",
            "google-ads-report.campaigns.json",
            InputKind::GoogleAds,
        ),
        (
            "microsoft-ads-bulk.csv",
            "microsoft-ads-bulk.campaigns.json",
            InputKind::MicrosoftAds,
        ),
        ("meta-ads.csv", "meta-ads.campaigns.json", InputKind::Meta),
        ("meta-ads.xlsx", "meta-ads.campaigns.json", InputKind::Meta),
        (
            "merchant-feed.tsv",
            "merchant-feed.tsv.campaigns.json",
            InputKind::MerchantFeed,
        ),
        (
            "merchant-feed.xml",
            "merchant-feed.xml.campaigns.json",
            InputKind::MerchantFeed,
        ),
        (
            "merchant-feed-atom.xml",
            "merchant-feed-atom.xml.campaigns.json",
            InputKind::MerchantFeed,
        ),
    ];
    for (file, twin, kind) in cases {
        let loaded = load(file, &InputOptions::default());
        let expected = load(twin, &InputOptions::default());
        assert_eq!(loaded.kind, kind, "{file}");
        assert_eq!(expected.kind, InputKind::Json, "{twin}");
        assert_eq!(loaded.file, expected.file, "{file} against {twin}");
        // Naming the kind reads the file the same way.
        let named = InputOptions {
            kind: Some(kind),
            ..InputOptions::default()
        };
        assert_eq!(
            load(file, &named).file,
            expected.file,
            "{file} named {kind}"
        );
    }
    let loaded = load("mapped/ads.csv", &mapped());
    let expected = load("mapped/ads.campaigns.json", &InputOptions::default());
    assert_eq!(loaded.kind, InputKind::Csv);
    assert_eq!(loaded.file, expected.file);
}

#[test]
fn rows_that_do_not_run_are_left_out_and_counted_by_reason() {
    let counts = |file: &str, options: &InputOptions| {
        let left = load(file, options).left_out;
        let mut counts: Vec<(SkipReason, usize)> =
            left.iter().map(|(r, n)| (r.clone(), n)).collect();
        counts.sort();
        counts
    };
    let none = InputOptions::default();
    assert_eq!(
        counts("google-ads-editor.csv", &none),
        [
            (SkipReason::Paused, 1),
            (SkipReason::Removed, 1),
            (not_ad("ad group"), 1),
            (not_ad("campaign"), 1),
            (not_ad("keyword"), 1),
        ]
    );
    assert_eq!(
        counts("google-ads-report.csv", &none),
        [(SkipReason::Paused, 1), (not_ad("total"), 2)]
    );
    assert_eq!(
        counts("microsoft-ads-bulk.csv", &none),
        [
            (SkipReason::Paused, 1),
            (SkipReason::Removed, 1),
            (not_ad("account"), 1),
            (not_ad("ad group"), 1),
            (not_ad("campaign"), 1),
            (not_ad("format version"), 1),
            (not_ad("keyword"), 1),
        ]
    );
    assert_eq!(
        counts("meta-ads.xlsx", &none),
        [(SkipReason::Paused, 1), (SkipReason::Removed, 1)]
    );
    assert_eq!(
        counts("merchant-feed.xml", &none),
        [(SkipReason::Paused, 1)]
    );
    assert_eq!(
        counts("mapped/ads.csv", &mapped()),
        [(SkipReason::Paused, 1)]
    );
    let loaded = load("google-ads-editor.csv", &none);
    assert_eq!(
        loaded.left_out.to_string(),
        "1 paused ad, 1 removed ad, 3 rows that are not ads (1 ad group, 1 campaign, 1 keyword)"
    );
}

#[test]
fn include_paused_audits_paused_ads_but_never_removed_ones() {
    let options = InputOptions {
        include_paused: true,
        ..InputOptions::default()
    };
    let loaded = load("google-ads-editor.csv", &options);
    let ids: Vec<&str> = loaded.file.ads().map(|(_, ad)| ad.id.as_str()).collect();
    assert_eq!(ids, ["row-5", "row-6", "row-7", "row-9", "row-10"]);
    assert_eq!(loaded.left_out.count(&SkipReason::Removed), 1);
    assert_eq!(loaded.left_out.count(&SkipReason::Paused), 0);
    let meta = load("meta-ads.csv", &options);
    assert_eq!(meta.file.ad_count(), 4);
}

#[test]
fn name_from_joins_the_columns_it_names() {
    let options = InputOptions {
        name_from: vec!["Headline 1".into(), "headline 2".into()],
        ..InputOptions::default()
    };
    let loaded = load("google-ads-editor.csv", &options);
    let (_, first) = loaded.file.ads().next().unwrap();
    assert_eq!(
        first.product.name,
        "Salomon Speedcross 6 GTX Grip for muddy trails"
    );
    let missing = InputOptions {
        name_from: vec!["Headline 16".into()],
        ..InputOptions::default()
    };
    let err = load_input(&sample("google-ads-editor.csv"), &missing)
        .unwrap_err()
        .to_string();
    assert!(err.contains("has no column \"Headline 16\" to take the product name from; the columns are \"Campaign\", \"Campaign Status\""), "{err}");
}

#[test]
fn a_feed_declares_its_items_stock_and_sale_price() {
    let loaded = load("merchant-feed.xml", &InputOptions::default());
    let ads: Vec<_> = loaded.file.ads().map(|(_, ad)| ad).collect();
    let salomon = ads.iter().find(|a| a.id == "SAL-SPEEDCROSS-6").unwrap();
    assert_eq!(
        salomon.product.availability,
        Some(landcheck::Stock::OutOfStock)
    );
    let nano = ads.iter().find(|a| a.id == "PAT-NANO-PUFF").unwrap();
    assert_eq!(nano.product.price.as_ref().unwrap().amount, 239.0);
    let kanken = ads.iter().find(|a| a.id == "FJ-KANKEN-23510").unwrap();
    assert_eq!(kanken.url.host_str(), Some("clicks.example"));
    assert_eq!(
        kanken.display_url.as_ref().unwrap().as_str(),
        "http://butik.example/produkt/fjallraven-kanken-klassisk"
    );
}

const BAD: &str = "id,url,name,price,gtin\n\
    a1,https://shop.example/p/1,Trail Shoe,129.99 USD,\n\
    a2,javascript:alert(1),Trail Shoe,129.99 USD,\n\
    a3,https://shop.example/p/3,,cheap,4006381333932\n\
    a1,https://shop.example/p/4,Road Shoe,,\n";

fn bad_file(dir: &tempfile::TempDir) -> PathBuf {
    let path = dir.path().join("bad.csv");
    std::fs::write(&path, BAD).unwrap();
    path
}

#[test]
fn every_bad_value_is_named_by_file_row_and_column_in_one_pass() {
    let dir = tempfile::tempdir().unwrap();
    let path = bad_file(&dir);
    let Err(LoadError::Invalid(errors)) = load_input(&path, &InputOptions::default()) else {
        panic!("must be invalid");
    };
    let found: Vec<String> = errors
        .problems
        .iter()
        .map(|p| format!("{}:{}: {}: {}", p.line, p.column, p.path, p.message))
        .collect();
    let expected = [
        "3:2: url: \"javascript:alert(1)\" uses the unsupported scheme \"javascript:\"",
        "4:3: name: the product name is empty (name is empty in this row)",
        "4:4: price: \"cheap\" is not a price",
        "4:5: gtin: \"4006381333932\" is not a valid GTIN: its check digit is wrong",
        "5:1: id: duplicate ad id \"a1\" (first used on line 2)",
    ];
    assert_eq!(found.len(), expected.len(), "{found:#?}");
    for (f, e) in found.iter().zip(expected) {
        assert!(f.starts_with(e), "{f}\nshould start with\n{e}");
    }
    let shown = errors.to_string();
    assert!(
        shown.contains("bad.csv is not a valid campaign file (5 problems)"),
        "{shown}"
    );
    assert!(
        shown.contains("bad.csv:3:2: url: \"javascript:alert(1)\""),
        "{shown}"
    );
}

#[test]
fn skip_invalid_ads_turns_bad_rows_into_error_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = bad_file(&dir);
    let options = InputOptions {
        skip_invalid_ads: true,
        ..InputOptions::default()
    };
    let loaded = load_input(&path, &options).unwrap();
    let ids: Vec<&str> = loaded.file.ads().map(|(_, ad)| ad.id.as_str()).collect();
    assert_eq!(ids, ["a1"]);
    let skipped: Vec<(usize, &str, usize)> = loaded
        .file
        .skipped
        .iter()
        .map(|s| (s.position, s.ad.as_str(), s.problems.len()))
        .collect();
    assert_eq!(skipped, [(1, "a2", 1), (2, "a3", 3), (3, "a1", 1)]);
    assert_eq!(loaded.file.skipped[0].url, "javascript:alert(1)");
    assert_eq!(loaded.file.ad_count(), 4);
}

#[test]
fn a_bad_feed_value_points_at_its_element() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.xml");
    let xml = "<rss xmlns:g=\"http://base.google.com/ns/1.0\"><channel>\n<item>\n  <g:id>1</g:id><title>Kettle</title>\n  <link>https://shop.example/kettle</link>\n  <g:availability>sometimes</g:availability>\n</item>\n</channel></rss>\n";
    std::fs::write(&path, xml).unwrap();
    let err = load_input(&path, &InputOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("feed.xml:5:3: g:availability: \"sometimes\" is not a stock status"),
        "{err}"
    );
    std::fs::write(&path, "<rss><channel><item><title>x</item></channel></rss>").unwrap();
    let err = load_input(&path, &InputOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("feed.xml:1:1: is not well-formed XML"),
        "{err}"
    );
}

#[test]
fn unknown_columns_and_empty_exports_say_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sheet.csv");
    std::fs::write(
        &path,
        "Product,Landing page\nKettle,https://shop.example/k\n",
    )
    .unwrap();
    let err = load_input(&path, &InputOptions::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("cannot tell which kind of export this is from its columns (\"Product\", \"Landing page\")"), "{err}");
    let named = InputOptions {
        kind: Some(InputKind::GoogleAds),
        ..InputOptions::default()
    };
    let err = load_input(&path, &named).unwrap_err().to_string();
    assert!(
        err.contains("has no \"final url\" column, which a Google Ads export needs"),
        "{err}"
    );
    std::fs::write(&path, "Campaign,Ad group,Ad type,Status,Final URL,Headline 1\nC,G,Responsive search ad,Paused,https://shop.example/k,Kettle\n").unwrap();
    let err = load_input(&path, &InputOptions::default())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("sheet.csv:1:1: holds no ad to audit (left out: 1 paused ad)"),
        "{err}"
    );
}

/// The number of ad records in JSON Lines output.
fn ad_records(jsonl: &str) -> usize {
    jsonl
        .lines()
        .filter(|l| l.starts_with("{\"type\":\"ad\""))
        .count()
}

/// Runs `landcheck` with the demo shop's hosts resolved to a local shop.
async fn with_shop(args: &[&str]) -> std::process::Output {
    let shop = DemoShop::start().await.unwrap();
    let mut full: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
    full.extend(["--host-rate".into(), "0".into(), "--no-history".into()]);
    for r in shop.resolves() {
        full.push("--resolve".into());
        full.push(format!("{}={}", r.host, r.addr));
    }
    let output = tokio::task::spawn_blocking(move || {
        Command::cargo_bin("landcheck")
            .unwrap()
            .args(&full)
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    drop(shop);
    output
}

#[tokio::test]
async fn audit_reads_an_export_and_counts_what_it_left_out() {
    let file = sample("google-ads-editor.csv");
    let output = with_shop(&["audit", file.to_str().unwrap(), "--format", "jsonl"]).await;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(ad_records(&stdout), 4, "{stdout}\n{stderr}");
    assert!(stdout.contains("\"row-10\""), "{stdout}");
    let quiet = with_shop(&["audit", file.to_str().unwrap(), "-q", "-o", "/dev/null"]).await;
    assert!(
        !String::from_utf8_lossy(&quiet.stderr).contains("left out"),
        "--quiet keeps the count off stderr"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let null = std::fs::metadata("/dev/null").unwrap().file_type();
        assert!(
            null.is_char_device(),
            "-o /dev/null must not replace the device"
        );
    }
    assert!(
        stderr.contains("5 rows of ") && stderr.contains("google-ads-editor.csv (a Google Ads export) left out: 1 paused ad, 1 removed ad, 3 rows that are not ads (1 ad group, 1 campaign, 1 keyword); --include-paused audits paused ads"),
        "{stderr}"
    );
}

#[tokio::test]
async fn a_feed_that_declares_a_product_out_of_stock_agrees_with_a_sold_out_page() {
    let file = sample("merchant-feed-atom.xml");
    let output = with_shop(&["audit", file.to_str().unwrap(), "--format", "jsonl"]).await;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let salomon = stdout
        .lines()
        .find(|l| l.contains("SAL-SPEEDCROSS-6"))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(
        salomon.contains("out of stock on the page, as the feed declares"),
        "{salomon}"
    );
}

#[tokio::test]
async fn landcheck_toml_maps_the_columns_of_any_csv() {
    let file = sample("mapped/ads.csv");
    let output = with_shop(&[
        "audit",
        file.to_str().unwrap(),
        "--format",
        "jsonl",
        "--include-paused",
    ])
    .await;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(ad_records(&stdout), 3, "{stdout}\n{stderr}");
    assert!(stdout.contains("\"row-4\""), "{stdout}");
    let bad = Command::cargo_bin("landcheck")
        .unwrap()
        .args(["audit", file.to_str().unwrap(), "--input", "excel"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}
