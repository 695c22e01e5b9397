//! The evidence under each ad of the HTML report, folded in a
//! `<details>`: the product the ad declares, the facts read on the page
//! with their sources, the redirect chain, the page kind and why, every
//! check, and a link to the landing page.

use std::fmt::Display;
use std::io::{self, Write};

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use crate::audit::AdResult;
use crate::campaign::Ad;
use crate::extract::{Fact, PageFacts};
use crate::page::HopKind;
use crate::score::Outcome;

pub(super) fn write(out: &mut dyn Write, r: &AdResult, ad: Option<&Ad>) -> io::Result<()> {
    write!(
        out,
        "<details><summary>Evidence</summary><div class=\"ev\">"
    )?;
    if let Some(ad) = ad {
        declared(out, ad)?;
    }
    if let Some(facts) = r.facts() {
        read(out, facts)?;
    }
    redirects(out, r)?;
    checks(out, r)?;
    let landing = r.final_url().map_or(r.url.as_str(), url::Url::as_str);
    if landing.starts_with("http://") || landing.starts_with("https://") {
        write!(
            out,
            "<p><a href=\"{}\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">Open the landing page</a></p>",
            attr(landing)
        )?;
    }
    write!(out, "</div></details>")
}

fn item(out: &mut dyn Write, label: &str, value: impl Display) -> io::Result<()> {
    write!(out, "<dt>{label}</dt><dd>{}</dd>", text(&value.to_string()))
}

fn declared(out: &mut dyn Write, ad: &Ad) -> io::Result<()> {
    let p = &ad.product;
    write!(out, "<h4>Declared by the ad</h4><dl>")?;
    item(out, "name", &p.name)?;
    let optional = [
        ("brand", &p.brand),
        ("category", &p.category),
        ("GTIN", &p.gtin.as_ref().map(ToString::to_string)),
        ("SKU", &p.sku),
        ("MPN", &p.mpn),
    ];
    for (label, value) in optional {
        if let Some(v) = value {
            item(out, label, v)?;
        }
    }
    if let Some(price) = &p.price {
        item(out, "price", format!("{} {}", price.amount, price.currency))?;
    }
    item(out, "expected page", ad.expect.page)?;
    item(out, "URL", &ad.url)?;
    write!(out, "</dl>")
}

fn fact<T: Display>(out: &mut dyn Write, label: &str, f: Option<&Fact<T>>) -> io::Result<()> {
    match f {
        Some(f) => write!(
            out,
            "<dt>{label}</dt><dd>{} <span class=\"src\">{}</span></dd>",
            text(&f.value.to_string()),
            f.source
        ),
        None => Ok(()),
    }
}

fn plain(out: &mut dyn Write, label: &str, value: Option<&String>) -> io::Result<()> {
    value.map_or(Ok(()), |v| item(out, label, v))
}

fn read(out: &mut dyn Write, facts: &PageFacts) -> io::Result<()> {
    write!(
        out,
        "<h4>Page kind</h4><p><strong>{}</strong>: {}</p>",
        facts.kind,
        text(&facts.kind_reason)
    )?;
    write!(out, "<h4>Read on the page</h4><dl>")?;
    let p = &facts.product;
    fact(out, "name", p.name.as_ref())?;
    fact(out, "brand", p.brand.as_ref())?;
    fact(out, "category", p.category.as_ref())?;
    fact(out, "price", p.price.as_ref())?;
    fact(out, "availability", p.availability.as_ref())?;
    fact(out, "GTIN", p.gtin.as_ref())?;
    fact(out, "SKU", p.sku.as_ref())?;
    fact(out, "MPN", p.mpn.as_ref())?;
    if let Some(crumbs) = &facts.breadcrumbs {
        let trail = Fact {
            value: crumbs.value.join(" > "),
            source: crumbs.source,
        };
        fact(out, "breadcrumbs", Some(&trail))?;
    }
    fact(out, "add to cart", facts.add_to_cart.as_ref())?;
    if let Some(listing) = &facts.listing {
        let listed = Fact {
            value: format!(
                "{} products ({})",
                listing.value.items, listing.value.found_as
            ),
            source: listing.source,
        };
        fact(out, "listing", Some(&listed))?;
    }
    plain(out, "title", facts.title.as_ref())?;
    plain(out, "h1", facts.h1.as_ref())?;
    plain(out, "canonical", facts.canonical.as_ref())?;
    plain(out, "language", facts.lang.as_ref())?;
    plain(out, "not found", facts.not_found.as_ref().map(|f| &f.value))?;
    plain(out, "blocked", facts.blocked.as_ref())?;
    plain(out, "gate", facts.gate.as_ref())?;
    plain(out, "script-rendered", facts.script_rendered.as_ref())?;
    plain(out, "truncated", facts.truncated.as_ref())?;
    write!(out, "</dl>")
}

fn redirects(out: &mut dyn Write, r: &AdResult) -> io::Result<()> {
    write!(out, "<h4>Redirects</h4><ol>")?;
    if r.redirects().is_empty() {
        write!(out, "<li>{} (no redirect)</li>", text(&r.url))?;
    }
    for hop in r.redirects() {
        let via = match hop.via {
            HopKind::Http => "HTTP redirect",
            HopKind::MetaRefresh => "meta refresh",
        };
        write!(
            out,
            "<li><code>{}</code> {} ({via})</li>",
            hop.status,
            text(hop.url.as_str())
        )?;
    }
    if let Some(url) = r.final_url() {
        let status = r.status().map_or_else(String::new, |s| s.to_string());
        write!(
            out,
            "<li><code>{status}</code> {} (landing page)</li>",
            text(url.as_str())
        )?;
    }
    write!(out, "</ol>")
}

fn checks(out: &mut dyn Write, r: &AdResult) -> io::Result<()> {
    if let Some(error) = r.error() {
        write!(out, "<h4>Error</h4><p>{}</p>", text(error))?;
    }
    write!(out, "<h4>Checks</h4><ul>")?;
    for c in r.checks().iter().filter(|c| c.outcome != Outcome::Skip) {
        let outcome = match c.outcome {
            Outcome::Fail => "fail",
            Outcome::Warn => "warn",
            Outcome::Pass | Outcome::Skip => "pass",
        };
        write!(
            out,
            "<li class=\"o-{outcome}\">{} ({outcome}): {}",
            c.name,
            text(&c.message)
        )?;
        if !c.explain.is_empty() {
            write!(out, "<ul>")?;
            for e in &c.explain {
                write!(out, "<li>{}</li>", text(e))?;
            }
            write!(out, "</ul>")?;
        }
        write!(out, "</li>")?;
    }
    write!(out, "</ul>")
}
