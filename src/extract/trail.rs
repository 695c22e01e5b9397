//! The page's category path, read off its breadcrumb trail: the trail
//! without its home crumb, without the product's own name at the end, and
//! without the crumbs that are ways through the shop ("Sale", "New in",
//! "Brands > Nike").

use super::{PageFacts, PageKind};

/// First breadcrumbs that only lead home.
const HOME_CRUMBS: &[&str] = &[
    "home",
    "hem",
    "start",
    "startseite",
    "startsida",
    "accueil",
    "inicio",
    "homepage",
    "shop",
    "all",
    "alla",
];

impl PageFacts {
    /// The breadcrumb trail without its home crumb and without the
    /// product's own name at the end: the page's category path.
    #[must_use]
    pub fn category_trail(&self) -> Vec<String> {
        let Some(crumbs) = &self.breadcrumbs else {
            return Vec::new();
        };
        let mut trail: Vec<String> = crumbs.value.clone();
        if trail
            .first()
            .is_some_and(|c| HOME_CRUMBS.contains(&c.to_lowercase().as_str()))
        {
            trail.remove(0);
        }
        let own = |c: &String| {
            [
                self.product.name.as_ref().map(|n| &n.value),
                self.h1.as_ref(),
            ]
            .into_iter()
            .flatten()
            .any(|n| n.eq_ignore_ascii_case(c))
        };
        if self.kind == PageKind::Product && trail.last().is_some_and(own) {
            trail.pop();
        }
        drop_navigation(trail)
    }
}

/// Crumbs that are ways through the shop, not what the product is:
/// "Brands > Nike", "Sale > Last chance", "New arrivals".
/// [`BRAND_CRUMBS`] are navigation too.
const NAVIGATION_CRUMBS: &[&str] = &[
    "sale",
    "sales",
    "last chance",
    "new",
    "new in",
    "new arrivals",
    "just in",
    "outlet",
    "deals",
    "offers",
    "clearance",
    "bestsellers",
    "best sellers",
    "gifts",
    "gift ideas",
    "all products",
    "shop all",
    "shop by brand",
    "angebote",
    "neuheiten",
    "soldes",
    "nouveautés",
    "promo",
    "promotions",
    "rebajas",
    "ofertas",
    "novedades",
    "rea",
    "nyheter",
    "aanbiedingen",
    "nieuw",
    "saldi",
    "novità",
    "wyprzedaż",
    "nowości",
    "セール",
    "新着",
];
/// Crumbs after which the next crumb is a brand, not a category.
const BRAND_CRUMBS: &[&str] = &[
    "brands",
    "brand",
    "marken",
    "marke",
    "marques",
    "marque",
    "marcas",
    "marca",
    "märken",
    "merken",
    "shop by brand",
];

/// The trail without its navigation crumbs, and without the brand that
/// follows a "Brands" crumb.
fn drop_navigation(trail: Vec<String>) -> Vec<String> {
    let mut kept = Vec::with_capacity(trail.len());
    let mut after_brands = false;
    for crumb in trail {
        let lower = crumb.to_lowercase();
        let lower = lower.trim();
        if after_brands {
            after_brands = false;
            continue;
        }
        after_brands = BRAND_CRUMBS.contains(&lower);
        if !after_brands && !NAVIGATION_CRUMBS.contains(&lower) {
            kept.push(crumb);
        }
    }
    kept
}
