//! What the page's readers hand over before their findings are merged:
//! what one structured-data source (JSON-LD, microdata, `OpenGraph`) found,
//! one product as a single source describes it, and the schema.org type
//! names the structured-data readers look for.

use super::{AggregateOffer, Availability, Listing, Offer, Price};

/// What one structured-data source found, before merging.
#[derive(Debug, Default)]
pub(crate) struct Structured {
    pub(crate) products: Vec<ProductCandidate>,
    pub(crate) breadcrumbs: Option<Vec<String>>,
    pub(crate) listing: Option<Listing>,
    pub(crate) types: Vec<String>,
}

/// One product as a single source describes it.
#[derive(Debug, Clone, Default)]
pub(crate) struct ProductCandidate {
    pub(crate) name: Option<String>,
    pub(crate) brand: Option<String>,
    pub(crate) gtin: Option<String>,
    pub(crate) sku: Option<String>,
    pub(crate) mpn: Option<String>,
    pub(crate) category: Option<String>,
    pub(crate) price: Option<Price>,
    pub(crate) availability: Option<Availability>,
    /// The product's own URL or `@id`, when the markup gives one.
    pub(crate) url: Option<String>,
    /// Every offer and variant.
    pub(crate) offers: Vec<Offer>,
    /// Its `AggregateOffer`, if any.
    pub(crate) aggregate_offer: Option<AggregateOffer>,
}

/// schema.org types that describe one product.
pub(crate) const PRODUCT_TYPES: &[&str] = &[
    "Product",
    "ProductGroup",
    "Book",
    "IndividualProduct",
    "ProductModel",
    "SomeProducts",
    "Vehicle",
    "Car",
];

/// schema.org types besides [`PRODUCT_TYPES`] that the readers look for.
const OTHER_SCHEMA_TYPES: &[&str] = &[
    "Offer",
    "AggregateOffer",
    "Brand",
    "ItemList",
    "ListItem",
    "OfferCatalog",
    "BreadcrumbList",
    "CollectionPage",
    "SearchResultsPage",
    "WebSite",
    "ItemPage",
    "ProductPage",
];

/// A schema.org type name in the vocabulary's spelling when markup writes
/// one in another case (`"@type": "product"` is a `Product`), else as
/// written.
pub(crate) fn schema_type(name: &str) -> String {
    PRODUCT_TYPES
        .iter()
        .chain(OTHER_SCHEMA_TYPES)
        .find(|t| t.eq_ignore_ascii_case(name))
        .map_or_else(|| name.to_owned(), |t| (*t).to_owned())
}
