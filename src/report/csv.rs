//! `--format csv`: one row per ad in file order, with the columns a
//! marketer filters in a spreadsheet. The `csv` crate does the quoting;
//! text taken from pages or campaign files that a spreadsheet would run as
//! a formula (`=`, `+`, `-`, `@` first) is prefixed with `'`.

use std::collections::HashMap;
use std::io::{self, Write};

use super::{Reporter, RunReport};
use crate::audit::AdResult;
use crate::campaign::Ad;
use crate::score::Outcome;

pub(crate) struct Csv;

/// The column names, in order.
const COLUMNS: [&str; 19] = [
    "campaign",
    "ad",
    "verdict",
    "failing checks",
    "first message",
    "url",
    "final url",
    "status",
    "page kind",
    "identity",
    "declared name",
    "found name",
    "declared price",
    "found price",
    "currency",
    "availability",
    "elapsed ms",
    "error",
    "since last run",
];

impl Reporter for Csv {
    fn finish(&mut self, out: &mut dyn Write, run: &RunReport<'_>) -> io::Result<()> {
        let declared: HashMap<(&str, &str), &Ad> = run
            .campaigns
            .ads()
            .map(|(c, ad)| ((c.id.as_str(), ad.id.as_str()), ad))
            .collect();
        let mut w = csv::Writer::from_writer(&mut *out);
        w.write_record(COLUMNS)?;
        for r in run.results {
            let ad = declared.get(&(r.campaign.as_str(), r.ad.as_str())).copied();
            let mut cells = row(r, ad);
            cells.push(
                run.marks
                    .get(&r.ad)
                    .map(|m| m.to_string())
                    .unwrap_or_default(),
            );
            w.write_record(cells)?;
        }
        w.flush()
    }
}

/// One ad's cells, in [`COLUMNS`] order.
fn row(r: &AdResult, ad: Option<&Ad>) -> Vec<String> {
    let product = r.facts().map(|f| &f.product);
    let found_price = product.and_then(|p| p.price.as_ref()).map(|p| &p.value);
    let declared_price = ad.and_then(|a| a.product.price.as_ref());
    let currency = found_price
        .and_then(|p| p.currency.clone())
        .or_else(|| declared_price.map(|p| p.currency.clone()));
    let failing: Vec<String> = r
        .checks()
        .iter()
        .filter(|c| c.outcome == Outcome::Fail)
        .map(|c| c.name.to_string())
        .collect();
    let first_message = r.error().map(str::to_owned).or_else(|| {
        let worst = r.checks().iter().map(|c| c.outcome).max()?;
        r.checks()
            .iter()
            .find(|c| c.outcome == worst && worst >= Outcome::Warn)
            .map(|c| format!("{}: {}", c.name, c.message))
    });
    let opt = |v: Option<String>| v.unwrap_or_default();
    vec![
        text(&r.campaign),
        text(&r.ad),
        r.verdict.to_string(),
        failing.join("; "),
        text(&opt(first_message)),
        text(&r.url),
        text(&opt(r.final_url().map(ToString::to_string))),
        opt(r.status().map(|s| s.to_string())),
        opt(r.page_kind().map(|k| k.to_string())),
        opt(r.identity().map(|i| i.to_string())),
        text(&opt(ad.map(|a| a.product.name.clone()))),
        text(&opt(product
            .and_then(|p| p.name.as_ref())
            .map(|n| n.value.clone()))),
        opt(declared_price.map(|p| p.amount.to_string())),
        opt(found_price.map(|p| p.amount.to_string())),
        opt(currency),
        opt(product
            .and_then(|p| p.availability.as_ref())
            .map(|a| a.value.to_string())),
        r.elapsed_ms().to_string(),
        text(&opt(r.error().map(str::to_owned))),
    ]
}

/// `s`, defused if a spreadsheet would read it as a formula.
fn text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::{Check, CheckName, Verdict};

    #[test]
    fn quotes_commas_and_quotes_and_defuses_formulas() {
        let r = crate::report::tests::with_checks(
            crate::report::tests::result("c", "ad,1", Verdict::Fail),
            vec![Check::new(
                CheckName::Price,
                Outcome::Fail,
                "ad says \"10\", page shows =SUM(A1)",
            )],
        );
        let text = crate::report::tests::render(&mut Csv, &[r]);
        let mut lines = text.lines();
        assert_eq!(lines.next().unwrap(), COLUMNS.join(","));
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let first = reader.records().next().unwrap().unwrap();
        assert_eq!(&first[1], "ad,1");
        assert_eq!(&first[2], "fail");
        assert_eq!(&first[3], "price");
        assert_eq!(&first[4], "price: ad says \"10\", page shows =SUM(A1)");
        assert!(text.contains("\"ad,1\""), "{text}");
        let mut hostile = crate::report::tests::result("c", "=cmd|' /C calc'!A0", Verdict::Pass);
        hostile.url = "@evil".into();
        let cells = row(&hostile, None);
        assert_eq!(cells[1], "'=cmd|' /C calc'!A0");
        assert_eq!(cells[5], "'@evil");
    }
}
