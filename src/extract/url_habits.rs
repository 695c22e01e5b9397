//! What shops' URLs say about their pages: `/products/…` and `-p-123.html`
//! are products, `/collections/…` and `route=product/category` listings,
//! `/search?q=` and `/catalogsearch/result` searches, `/` and `/en-gb/` the
//! front door. Words are matched whole, so "research" in a slug is not a
//! search and `index.php?route=product/product` is not the home page.

use std::sync::LazyLock;

use regex::Regex;
use url::Url;

/// Path words that mean a search.
const SEARCH_WORDS: &[&str] = &[
    "search",
    "searchresults",
    "catalogsearch",
    "sok",
    "sök",
    "soeg",
    "søg",
    "suche",
    "suchergebnisse",
    "recherche",
    "buscar",
    "busca",
    "busqueda",
    "búsqueda",
    "ricerca",
    "zoeken",
    "szukaj",
    "wyszukiwanie",
    "haku",
    "arama",
    "poisk",
    "検索",
    "搜索",
    "검색",
];
/// Query keys that carry a visitor's search words.
const SEARCH_PARAMS: &[&str] = &[
    "q",
    "query",
    "k",
    "s",
    "search",
    "searchterm",
    "search_query",
    "term",
    "keyword",
    "keywords",
    "text",
    "w",
    "qs",
    "ntt",
    "search_text",
    "field-keywords",
    "busca",
    "suche",
    "_nkw",
    "searchtext",
];
/// Path words a front door may carry: locales, `index`, `home`.
const FRONT_DOOR_WORDS: &[&str] = &[
    "index", "home", "default", "en", "us", "gb", "uk", "sv", "se", "de", "at", "ch", "fr", "be",
    "es", "it", "nl", "pl", "pt", "br", "in", "jp", "ja", "cn", "zh", "kr", "ko", "www",
];
/// Query keys that name a page of the shop, so the path alone does not
/// say "front door" (`route` and `product_id` in `OpenCart`, `p` in `WordPress`).
const PAGE_PARAMS: &[&str] = &[
    "route",
    "product_id",
    "id_product",
    "id_category",
    "category_id",
    "cat",
    "p",
    "page_id",
    "product",
    "item",
    "id",
    "controller",
    "main_page",
    "products_id",
    "cpath",
];

static PRODUCT_PATH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)/(?:products?|produkt|produit|producto|produto|prodotto|item|itm|dp|gp/product|p|pd|ip|buy|artikel|article)/[^/]|[-_/]p[-_]?\d{3,}(?:\.html?)?$|-\d{5,}\.html?$|-\d{6,}/?$|/\d{6,}(?:\.html?)?/?$|\.p\d+$|-i\.\d+\.\d+").expect("valid regex")
});
static CATEGORY_PATH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)/(?:c|cat|category|categories|kategorie|kategorien|categorie|categoria|categorias|catalog|catalogue|collections?|department|dept|browse|list|brands?|marken|marques|marcas|sale|angebote|outlet)/|[-_/]c[-_]?\d{2,}(?:\.html?)?/?$").expect("valid regex")
});

/// The lower-case words of a URL's path: `/mens-clothing-store` ->
/// `mens clothing store`.
pub(crate) fn path_words(url: &Url) -> Vec<String> {
    let path = percent_encoding::percent_decode_str(url.path())
        .decode_utf8_lossy()
        .to_lowercase();
    path.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty() && !matches!(*t, "html" | "htm" | "php" | "aspx" | "jsp"))
        .map(str::to_owned)
        .collect()
}

fn query_value(url: &Url, keys: &[&str]) -> Option<(String, String)> {
    url.query_pairs()
        .find(|(k, _)| keys.contains(&k.to_ascii_lowercase().as_str()))
        .map(|(k, v)| (k.to_ascii_lowercase(), v.into_owned()))
}

/// The search words of the URL's query, when it carries a search.
pub(crate) fn search_query(url: &Url) -> Option<String> {
    query_value(url, SEARCH_PARAMS)
        .map(|(_, v)| v)
        .filter(|v| !v.trim().is_empty())
        .or_else(|| {
            // OpenCart: index.php?route=product/search&search=...
            let (_, route) = query_value(url, &["route"])?;
            route.ends_with("search").then(String::new)
        })
}

/// The path names a search page: a search word, Amazon's and others'
/// `/s/…` and `/sr/…`, OLX's `/q-words`, or the
/// `/w/wholesale-words.html` of `AliExpress`.
pub(crate) fn search_path(url: &Url) -> bool {
    let mut segments = url.path_segments().into_iter().flatten();
    let short = segments
        .next()
        .is_some_and(|first| matches!(first, "s" | "sr"));
    short
        || url
            .path_segments()
            .into_iter()
            .flatten()
            .any(|s| s.starts_with("q-") || s.starts_with("q=") || s.starts_with("wholesale-"))
        || path_words(url)
            .iter()
            .any(|w| SEARCH_WORDS.contains(&w.as_str()))
        || query_value(url, &["route"]).is_some_and(|(_, r)| r.ends_with("search"))
}

/// The path names an error page: `/404`, `/error/`, `/page-not-found`.
pub(crate) fn error_path(url: &Url) -> bool {
    let words = path_words(url);
    words.iter().any(|w| {
        matches!(
            w.as_str(),
            "404" | "error" | "errors" | "pagenotfound" | "notfound"
        )
    }) || words.windows(2).any(|w| w[0] == "not" && w[1] == "found")
}

/// The URL is the shop's front door: its root, a locale of it (`/en-gb/`)
/// or a shop's own locale folder (`/sodimac-br/`).
pub(crate) fn home_url(url: &Url) -> bool {
    let words = path_words(url);
    let segments: Vec<&str> = url
        .path_segments()
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect();
    let locale_folder = segments.len() == 1
        && words.len() == 2
        && words[1].len() == 2
        && FRONT_DOOR_WORDS.contains(&words[1].as_str());
    (locale_folder || words.iter().all(|w| FRONT_DOOR_WORDS.contains(&w.as_str())))
        && query_value(url, PAGE_PARAMS).is_none()
}

/// The URL follows a product page habit; the habit matched.
pub(crate) fn product_url(url: &Url) -> Option<String> {
    if let Some((_, route)) = query_value(url, &["route"]) {
        return (route == "product/product").then(|| format!("route={route}"));
    }
    if let Some((key, _)) = query_value(
        url,
        &[
            "product_id",
            "id_product",
            "products_id",
            "goods_id",
            "item_id",
        ],
    ) {
        return Some(format!("?{key}="));
    }
    let path = url.path();
    let found = PRODUCT_PATH.find(path)?;
    // `/product/category/proximity` is a listing: the later habit wins.
    if CATEGORY_PATH
        .find_iter(path)
        .any(|c| c.start() > found.start())
    {
        return None;
    }
    Some(found.as_str().trim_matches('/').to_owned())
}

/// The URL follows a listing page habit; the habit matched.
pub(crate) fn category_url(url: &Url) -> Option<String> {
    if let Some((_, route)) = query_value(url, &["route"]) {
        return (route == "product/category" || route == "product/manufacturer")
            .then(|| format!("route={route}"));
    }
    if product_url(url).is_some() {
        return None;
    }
    CATEGORY_PATH
        .find(url.path())
        .map(|m| m.as_str().trim_matches('/').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        s.parse().unwrap()
    }

    #[test]
    fn opencart_routes_are_pages_not_the_front_door() {
        let product = url("https://shop.example/index.php?route=product/product&product_id=42");
        assert!(!home_url(&product));
        assert!(product_url(&product).is_some());
        let category = url("https://shop.example/index.php?route=product/category&path=20");
        assert!(!home_url(&category) && category_url(&category).is_some());
        let search = url("https://shop.example/index.php?route=product/search&search=mouse");
        assert!(search_path(&search) && search_query(&search).is_some());
        assert!(home_url(&url("https://shop.example/index.php")));
        assert!(home_url(&url("https://shop.example/en-gb/")));
        assert!(home_url(&url("https://www.sodimac.example/sodimac-br/")));
        assert!(!home_url(&url("https://shop.example/trail-shoes/")));
    }

    #[test]
    fn research_is_not_search() {
        assert!(!search_path(&url(
            "https://shop.example/products/research-grade-microscope"
        )));
        assert!(search_path(&url("https://shop.example/search?q=shoe")));
        assert!(search_path(&url(
            "https://www.aliexpress.example/w/wholesale-usb%20hub.html"
        )));
        assert!(search_path(&url(
            "https://shop.example/catalogsearch/result/?q=x"
        )));
        assert!(search_path(&url(
            "https://www.nordstrom.example/sr/navy%20sweater"
        )));
        assert!(search_path(&url(
            "https://www.olx.example/items/q-car-cover"
        )));
        assert!(!search_path(&url(
            "https://shop.example/shoes/s-line-runner"
        )));
        assert!(error_path(&url("https://shop.example/error/")));
        assert!(error_path(&url("https://shop.example/page-not-found")));
        assert_eq!(
            search_query(&url("https://www.amazon.example/s?k=usb+hub")).as_deref(),
            Some("usb hub")
        );
    }

    #[test]
    fn product_and_listing_habits() {
        for p in [
            "https://shop.example/products/trail-runner",
            "https://www.amazon.example/dp/B0C1234567",
            "https://shop.example/nike-pegasus-40-p-12345.html",
            "https://shop.example/trail-runner-12345678.html",
        ] {
            assert!(product_url(&url(p)).is_some(), "{p}");
        }
        for c in [
            "https://shop.example/collections/jackets",
            "https://shop.example/c/shoes",
            "https://shop.example/kategorie/zelte/",
        ] {
            assert!(category_url(&url(c)).is_some(), "{c}");
            assert!(product_url(&url(c)).is_none(), "{c}");
        }
        assert!(category_url(&url("https://shop.example/collections/x/products/y")).is_none());
        assert!(product_url(&url("https://shop.example/vn/product/category/Proximity")).is_none());
        assert!(product_url(&url("https://ads.example/cats/white-kitten-oglas-3877488")).is_some());
    }
}
