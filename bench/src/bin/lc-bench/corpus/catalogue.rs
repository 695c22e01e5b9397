//! What each generated page is about: a product with its name, brand,
//! category, price, GTIN and stock, or a collection of one brand's
//! products. The page templates render these, and the campaigns are built
//! from the same records, so the ads declare what the pages really show.

use std::collections::HashSet;

use serde_json::json;

use super::words::{
    price_range, Rng, BRANDS, COLLECTION_KINDS, COLORS, DEPARTMENTS, GENERATIONS, MODEL_HEADS,
    MODEL_TAILS,
};

/// One product, as its page and its ads show it.
#[derive(Debug, Clone)]
pub(crate) struct Product {
    pub(crate) name: String,
    pub(crate) brand: &'static str,
    pub(crate) department: usize,
    pub(crate) category: String,
    pub(crate) price_cents: u64,
    pub(crate) gtin: String,
    pub(crate) sku: String,
    pub(crate) availability: &'static str,
    pub(crate) slug: String,
    pub(crate) colors: Vec<&'static str>,
}

/// A listing page of one brand's products of one kind.
#[derive(Debug, Clone)]
pub(crate) struct Collection {
    pub(crate) title: String,
    pub(crate) brand: &'static str,
    pub(crate) department: usize,
    pub(crate) sub: usize,
    pub(crate) category: String,
    pub(crate) slug: String,
}

/// One page of the corpus.
#[derive(Debug, Clone)]
pub(crate) enum Spec {
    Product(Product),
    Collection(Collection),
}

impl Spec {
    /// The page's path on the server.
    pub(crate) fn path(&self) -> String {
        match self {
            Spec::Product(p) => format!("/products/{}", p.slug),
            Spec::Collection(c) => format!("/collections/{}", c.slug),
        }
    }

    /// The manifest line the campaigns are built from.
    pub(crate) fn manifest(&self, bytes: usize) -> serde_json::Value {
        match self {
            Spec::Product(p) => json!({
                "path": self.path(), "kind": "product", "name": p.name, "brand": p.brand,
                "category": p.category, "price": p.price_cents as f64 / 100.0, "currency": "USD",
                "gtin": p.gtin, "sku": p.sku, "availability": p.availability, "bytes": bytes,
            }),
            Spec::Collection(c) => json!({
                "path": self.path(), "kind": "category", "name": c.title, "brand": c.brand,
                "category": c.category, "bytes": bytes,
            }),
        }
    }
}

pub(crate) fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

/// A GTIN-13 with a valid check digit.
fn gtin(rng: &mut Rng) -> String {
    let mut digits: Vec<u32> = vec![0, 8, 5, 0];
    digits.extend((0..8).map(|_| rng.below(10) as u32));
    let sum: u32 = digits
        .iter()
        .enumerate()
        .map(|(i, d)| if i % 2 == 0 { *d } else { d * 3 })
        .sum();
    digits.push((10 - sum % 10) % 10);
    digits.iter().map(u32::to_string).collect()
}

fn unique(slug: String, taken: &mut HashSet<String>) -> String {
    let mut candidate = slug.clone();
    let mut n = 2;
    while !taken.insert(candidate.clone()) {
        candidate = format!("{slug}-{n}");
        n += 1;
    }
    candidate
}

/// A random product of the catalogue.
pub(crate) fn product(rng: &mut Rng, taken: &mut HashSet<String>) -> Product {
    let department = rng.below(DEPARTMENTS.len());
    let (dept_name, subs) = DEPARTMENTS[department];
    let (sub_name, noun) = *rng.pick(subs);
    let brand = *rng.pick(BRANDS);
    let name = format!(
        "{}{} {noun}{}",
        rng.pick(MODEL_HEADS),
        rng.pick(MODEL_TAILS),
        rng.pick(GENERATIONS)
    );
    let (lo, hi) = price_range(department);
    let cents = [0, 95, 99, 0, 50][rng.below(5)];
    let price_cents = rng.range(lo, hi) as u64 * 100 + cents;
    let availability = match rng.below(100) {
        0..=92 => "InStock",
        93..=97 => "OutOfStock",
        _ => "PreOrder",
    };
    let sku = format!(
        "{}-{}-{:04}",
        brand[..2].to_ascii_uppercase(),
        slugify(noun)[..3].to_ascii_uppercase(),
        rng.below(10_000)
    );
    let colors = (0..rng.range(1, 5)).map(|_| *rng.pick(COLORS)).collect();
    Product {
        slug: unique(slugify(&format!("{brand} {name}")), taken),
        category: format!("{dept_name} > {sub_name}"),
        gtin: gtin(rng),
        name,
        brand,
        department,
        price_cents,
        sku,
        availability,
        colors,
    }
}

/// A random collection page.
pub(crate) fn collection(rng: &mut Rng, taken: &mut HashSet<String>) -> Collection {
    let department = rng.below(DEPARTMENTS.len());
    let (dept_name, subs) = DEPARTMENTS[department];
    let sub = rng.below(subs.len());
    let sub_name = subs[sub].0;
    let brand = *rng.pick(BRANDS);
    let (kind_slug, kind_title) = *rng.pick(COLLECTION_KINDS);
    let title = format!("{brand} {}{kind_title}", title_case(sub_name));
    Collection {
        slug: unique(
            format!("{}-{}{kind_slug}", slugify(brand), slugify(sub_name)),
            taken,
        ),
        category: format!("{dept_name} > {sub_name}"),
        title,
        brand,
        department,
        sub,
    }
}

/// A product of the given brand and subcategory, for a collection's tiles.
pub(crate) fn sibling(
    rng: &mut Rng,
    brand: &'static str,
    department: usize,
    sub: usize,
) -> Product {
    let mut scratch = HashSet::new();
    let mut p = product(rng, &mut scratch);
    let (dept_name, subs) = DEPARTMENTS[department];
    let (sub_name, noun) = subs[sub];
    p.brand = brand;
    p.department = department;
    p.category = format!("{dept_name} > {sub_name}");
    p.name = format!("{}{} {noun}", rng.pick(MODEL_HEADS), rng.pick(MODEL_TAILS));
    p.slug = slugify(&format!("{brand} {}", p.name));
    p
}

pub(crate) fn title_case(text: &str) -> String {
    text.split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// "$1,249.00".
pub(crate) fn money(cents: u64) -> String {
    let dollars = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in dollars.chars().enumerate() {
        if i > 0 && (dollars.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("${grouped}.{:02}", cents % 100)
}
