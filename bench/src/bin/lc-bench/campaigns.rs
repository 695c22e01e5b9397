//! The campaign files, built from the corpus manifest so that ads declare
//! what their pages show, as real campaigns mostly do: most ads match
//! their page; a few declare a stale price, another product, or point at
//! a product that was taken down (a 404), and collection ads expect a
//! category page. Ads that share a landing URL share it exactly.

use std::io::Write;
use std::path::Path;

use serde_json::{json, Value};

use crate::corpus::Rng;

const CAMPAIGNS: &[(&str, &str)] = &[
    ("search-brand", "Search - brand"),
    ("shopping", "Shopping"),
    ("pmax", "Performance Max"),
    ("meta-prospecting", "Meta - prospecting"),
    ("meta-retargeting", "Meta - retargeting"),
];

/// The landing URL of page `i`: its path, or a taken-down variant of it.
fn landing(base: &str, page: &Value, i: usize) -> String {
    let path = page["path"].as_str().unwrap_or("/");
    let gone = page["kind"] == "product" && Rng::new(i as u64).below(100) < 3;
    let suffix = if gone { "-discontinued" } else { "" };
    format!("{base}{path}{suffix}?utm_source=google&utm_medium=cpc")
}

fn declared(page: &Value, other: &Value, rng: &mut Rng) -> Value {
    if page["kind"] == "category" {
        return json!({"name": page["name"], "category": page["category"]});
    }
    let roll = rng.below(100);
    let shown = if roll < 4 && other["kind"] == "product" {
        other
    } else {
        page
    };
    let name = shown["name"].as_str().unwrap_or_default();
    let brand = shown["brand"].as_str().unwrap_or_default();
    let mut product = json!({
        "name": if rng.chance(0.4) { format!("{brand} {name}") } else { name.to_owned() },
    });
    if rng.chance(0.95) {
        product["brand"] = json!(brand);
    }
    if rng.chance(0.8) {
        product["category"] = shown["category"].clone();
    }
    if rng.chance(0.9) {
        let price = shown["price"].as_f64().unwrap_or(0.0);
        let stale = (4..9).contains(&roll);
        let amount = if stale { (price * 0.8).round() } else { price };
        product["price"] = json!({"amount": amount, "currency": "USD"});
    }
    if rng.chance(0.6) {
        product["gtin"] = shown["gtin"].clone();
    }
    if rng.chance(0.3) {
        product["sku"] = shown["sku"].clone();
    }
    product
}

/// Writes a campaign file of `ads_per_url` ads for each of the first
/// `urls` pages, spread over five campaigns; returns the distinct URLs.
///
/// Ads are written one at a time, never held together: the peak memory a
/// child reports (`ru_maxrss`) starts from the driver's own peak, which
/// Linux carries over when the child execs, so a driver that once held
/// 100,000 ads would be measured in every landcheck run after it.
pub(crate) fn write(
    path: &Path,
    manifest: &[Value],
    base: &str,
    urls: usize,
    ads_per_url: usize,
) -> std::io::Result<Vec<String>> {
    let landings: Vec<String> = (0..urls).map(|i| landing(base, &manifest[i], i)).collect();
    let campaign_of = |copy: usize, i: usize| {
        if ads_per_url == 1 {
            i % CAMPAIGNS.len()
        } else {
            copy % CAMPAIGNS.len()
        }
    };
    let mut file = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(file, "{{\"campaigns\": [")?;
    for (c, (id, name)) in CAMPAIGNS.iter().enumerate() {
        let comma = if c == 0 { "" } else { "," };
        writeln!(
            file,
            "{comma}{{\"id\": {}, \"name\": {}, \"ads\": [",
            json!(id),
            json!(name)
        )?;
        let mut first = true;
        for copy in 0..ads_per_url {
            for (i, url) in landings.iter().enumerate() {
                if campaign_of(copy, i) != c {
                    continue;
                }
                let n = copy * urls + i;
                let mut rng = Rng::new(0xAD5 ^ ((n as u64) << 8));
                let page = &manifest[i];
                let other = &manifest[(i * 7 + 13) % urls];
                let mut ad = json!({"id": format!("ad-{n:06}"), "url": url,
                    "product": declared(page, other, &mut rng)});
                if page["kind"] == "category" {
                    ad["expect"] = json!({"page": "category"});
                }
                let comma = if first { "" } else { "," };
                first = false;
                writeln!(file, "{comma}{ad}")?;
            }
        }
        writeln!(file, "]}}")?;
    }
    writeln!(file, "]}}")?;
    file.flush()?;
    Ok(landings)
}
