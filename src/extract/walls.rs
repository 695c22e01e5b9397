//! Pages that stand between the visitor and the shop: bot walls (a
//! protection service answering instead of the shop), login walls, and
//! "page not found" wording in the languages shops speak. Each is told by
//! its own fingerprints: markers in the markup that do not depend on the
//! language, then the words a visitor reads.

use std::sync::LazyLock;

use regex::Regex;
use url::Url;

use super::markers::{Found, Markers};

/// A protection service recognised by what it leaves in the markup or the
/// words it shows. Checked in order; the first that matches names the wall.
const PROTECTIONS: &[(&str, &[&str])] = &[
    (
        "Cloudflare's bot check",
        &[
            "/cdn-cgi/challenge-platform",
            "cf_chl_opt",
            "cf-browser-verification",
            "cf-challenge",
            "challenge-error-text",
            "attention required! | cloudflare",
            "cf-error-details",
        ],
    ),
    (
        "Amazon's robot check",
        &[
            "enter the characters you see below",
            "/errors/validatecaptcha",
            "type the characters you see in this image",
            "make sure you're not a robot",
            "make sure you&#39;re not a robot",
        ],
    ),
    (
        "PerimeterX (HUMAN) bot check",
        &[
            "px-captcha",
            "captcha.px-cdn.net",
            "press & hold",
            "press and hold",
        ],
    ),
    ("DataDome's bot check", &["captcha-delivery.com"]),
    ("AWS WAF's challenge", &["awswafintegration", "gokuprops"]),
    (
        "Imperva (Incapsula)",
        &["incapsula incident id", "request unsuccessful. incapsula"],
    ),
    (
        "Akamai's bot protection",
        &[
            "errors.edgesuite.net",
            "you don't have permission to access",
            "you don&#39;t have permission to access",
        ],
    ),
    ("Kasada's bot check", &["kpsdk", "x-kpsdk"]),
    (
        "Yandex SmartCaptcha",
        &["smartcaptcha", "showcaptcha", "checkcaptcha"],
    ),
    ("Servicepipe's bot check", &["servicepipe"]),
    ("Qrator's bot check", &["qrator"]),
    ("eBay's bot check", &["pardon our interruption"]),
    (
        "a firewall",
        &[
            "<code>accessdenied</code>",
            "the request is blocked",
            "request unsuccessful",
        ],
    ),
    (
        "the Sucuri firewall",
        &["sucuri website firewall", "sucuri.net/privacy"],
    ),
    (
        "a captcha",
        &[
            "verify you are human",
            "verify you are a human",
            "are you a robot",
            "are you a human",
            "confirm you are not a robot",
            "unusual traffic from your computer",
            "ensure you are a human",
            "robot or human",
            "are you human",
            "bist du ein mensch",
            "vous êtes un robot",
            "êtes-vous un robot",
            "eres un robot",
        ],
    ),
];

/// Pages this short (in visible characters) that carry a protection
/// marker are the wall itself, not a shop page with a captcha widget.
/// The markers are the walls' own (a captcha frame, a challenge script),
/// not the scripts protected shops load on every page.
const WALL_TEXT_CHARS: usize = 3000;

/// Every marker looked for in the raw markup, found in one pass.
static MARKERS: LazyLock<Markers> = LazyLock::new(|| {
    Markers::new(
        PROTECTIONS
            .iter()
            .flat_map(|(_, markers)| markers.iter().copied())
            .chain([
                "reference #",
                "reference&#32;#",
                "type=\"password\"",
                "type=password",
            ]),
    )
});

static CLOUDFLARE_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    // "Just a moment...", "Un instant…", "Einen Moment…", "Un momento…",
    // "Een ogenblik…", "Chwileczkę…", "Только минуточку…", "しばらくお待ちください…".
    Regex::new(r"(?i)^\s*(?:just a moment|un instant|(?:nur )?einen moment|un momento|um momento|een ogenblik|chwileczk|ci siamo quasi|только минут|しばらくお待ちください|请稍候|잠시만 기다려)[^\n]{0,12}$").expect("valid regex")
});
static ACCESS_DENIED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:(?:access denied|request blocked|forbidden|403 forbidden|zugriff verweigert|acceso denegado)(?-u:\b)|accès refusé)").expect("valid regex")
});
static LOGIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:(?:sign[ -]?in|log[ -]?in|anmelden|einloggen|connexion|se connecter|iniciar sesión|inicia sesión|entrar|accedi|inloggen|zaloguj|logga in)(?-u:\b)|ログイン|登录|로그인)").expect("valid regex")
});
static LOGIN_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?:log ?in|sign ?in) to continue|please (?:log|sign) ?in(?-u:\b)|you(?:'re| are) not (?:logged|signed) in|",
        r"faça login para continuar|para continuar,? acesse sua conta|não está logado|",
        r"inicia sesión para continuar|ingresa a tu cuenta para continuar|",
        r"connectez-vous pour continuer|bitte (?:melden sie sich an|einloggen)|",
        r"accedi per continuare|log in om verder te gaan|zaloguj się,? aby kontynuować|",
        r"ログインしてください|请登录|로그인이 필요합니다|войдите,? чтобы продолжить"
    ))
    .expect("valid regex")
});
static LOGIN_PATH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)/(?:login|signin|sign-in|log-in|ap/signin|account/login|customer/account/login|auth|sso)(?:/|$|\.)").expect("valid regex")
});

/// Wording that says the page or product is not there. Matched on the
/// title and headings, after folding curly quotes.
static NOT_FOUND_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)404(?-u:\b)|(?-u:\b)(?:page|product|item|site)s? (?:was |is )?not found|not found(?-u:\b)|",
        r"can'?t find (?:that|this|the) page|couldn'?t find (?:that|this|the) page|",
        r"could not be found|can'?t be found|does(?:n'?t| not) exist|no longer (?:available|exists)|",
        r"looks like you'?re lost|you'?re lost|whoops|our bad|oops|page (?:is )?(?:currently )?unavailable|error page|broken link|something went wrong|",
        r"fehlerseite|felaktig länk|página indisponível|",
        r"seite (?:wurde )?nicht gefunden|nicht gefunden|existiert nicht|",
        r"page non trouvée|page introuvable|introuvable|n'existe (?:pas|plus)|",
        r"página no encontrada|no encontrad[oa]|no existe|",
        r"página não encontrada|não encontrad[oa]|não existe|",
        r"pagina non trovata|non trovat[oa]|non esiste|",
        r"pagina niet gevonden|niet gevonden|bestaat niet|",
        r"nie znaleziono|strona nie (?:istnieje|została znaleziona)|nie istnieje|",
        r"sidan (?:kunde inte hittas|finns inte)|hittades inte|",
        r"पृष्ठ नहीं मिला|पेज नहीं मिला|नहीं मिला|",
        r"ページが見つかりません|見つかりませんでした|ページは存在しません|存在しません|",
        r"页面不存在|找不到(?:该|此)?页面|페이지를 찾을 수 없|",
        r"страница не найдена|не найдена"
    ))
    .expect("valid regex")
});
static NOT_FOUND_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?:this|the) (?:product|item|page) (?:is|was) no longer available|",
        r"(?:product|page) (?:you are|you're|you were) looking for (?:could not be found|can'?t be found|does not exist|doesn'?t exist|is no longer available|has been (?:moved|removed))|",
        r"we (?:can'?t|cannot|couldn'?t|could not) find (?:that|this|the) page|",
        r"ce produit ou cette page semble introuvable|",
        r"die (?:gesuchte|angeforderte) seite (?:existiert nicht|wurde nicht gefunden|konnte nicht gefunden werden)|",
        r"la página que (?:buscas|estás buscando) no existe|",
        r"a página que você (?:procura|está procurando) não (?:existe|foi encontrada)|",
        r"la pagina che stai cercando non (?:esiste|è disponibile)|",
        r"de pagina die je zoekt (?:bestaat niet|kan niet worden gevonden)|",
        r"strona, której szukasz,? nie istnieje|",
        r"sidan du söker (?:finns inte|kunde inte hittas)|",
        r"お探しのページは見つかりませんでした|お探しのページは存在しません|",
        r"finns inte längre|nicht mehr verfügbar|n'est plus disponible|ya no está disponible"
    ))
    .expect("valid regex")
});

/// A listing's count of what it shows: "53 products found", "Showing
/// 1–12 of 40 results", "Zeige Treffer 1 bis 7 von 7", "733 Artikel".
///
/// Its word boundaries are ASCII ones (`(?-u:\b)`): a Unicode `\b` makes
/// the regex engine give up its fast automaton on any page with a
/// non-ASCII character, and this regex runs over every page's text. Unit
/// words that end in a non-ASCII letter ("товаров", "件") need no
/// boundary after them.
static RESULT_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)\d[\d.,'’ ]*\s*(?:",
        r"(?:products?|items?|results?|artikel|produkte|produits|articles|productos|produtos|resultados|ergebnisse|treffer|prodotti|risultati|producten|resultaten|produkter|wyników|produktów)(?-u:\b)|",
        r"résultats|ürün|sonuç|товаров|результат\w*|件|個の商品)|",
        r"(?-u:\b)showing\s+\d+\s*[-–]\s*\d+\s+of(?-u:\b)|(?-u:\b)zeige\s+treffer(?-u:\b)|(?-u:\b)mostrando\s+\d+\s*[-–]\s*\d+|",
        r"(?-u:\b)exibindo\s+\d+\s*[-–]\s*\d+|(?-u:\b)\d+\s*[-–]\s*\d+\s+(?:of|von|de|sur|di|van|av)\s+(?:over\s+)?\d"
    ))
    .expect("valid regex")
});
/// Words that say the page answers a search.
static SEARCH_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)search\s+results|results\s+for(?-u:\b)|did\s+not\s+match\s+any|no\s+results\s+found|you\s+searched\s+for|",
        r"buscaste|resultados\s+de\s+(?:la\s+)?búsqueda|resultados\s+para|suchergebnisse|ergebnisse\s+für|",
        r"résultats\s+de\s+(?:la\s+)?recherche|résultats\s+pour|risultati\s+(?:della\s+ricerca|per)|zoekresultaten|",
        r"sökresultat|wyniki\s+wyszukiwania|の検索結果|搜索结果|検索結果|검색\s+?결과|результаты\s+поиска"
    ))
    .expect("valid regex")
});

/// A listing's count of what it shows, and the text around it.
pub(crate) struct ResultCount {
    /// The count as the page says it: "53 products found".
    pub(crate) count: String,
    /// The text around it ("5,700+ results for iphone 13").
    pub(crate) around: String,
}

/// A count of the products or results a listing shows, if the page says
/// one, with the text around it.
pub(crate) fn result_count_in(text: &str) -> Option<ResultCount> {
    let found = count_match(text)?;
    let from = floor_char_boundary(text, found.start().saturating_sub(100));
    let to = floor_char_boundary(text, found.end() + 100);
    Some(ResultCount {
        count: found.as_str().trim().to_owned(),
        around: text[from..to].to_owned(),
    })
}

/// The first count of two or more: "0 items" and "1 item" are a cart's,
/// and "$39.99 Product details" is a price, not a count (a count has no
/// cents).
fn count_match(text: &str) -> Option<regex::Match<'_>> {
    RESULT_COUNT.find_iter(text).find(|m| {
        let number: String = m
            .as_str()
            .chars()
            .skip_while(|c| !c.is_ascii_digit())
            .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '\'' | '’' | ' '))
            .collect();
        let number = number.trim_end();
        let cents = number
            .rfind(['.', ','])
            .is_some_and(|at| (2..=3).contains(&(number.len() - at)));
        let digits: String = number.chars().filter(char::is_ascii_digit).collect();
        !cents && digits.parse::<u64>().map_or(true, |n| n >= 2)
    })
}

/// Words that say the page answers a search, if any.
pub(crate) fn search_words(text: &str) -> Option<String> {
    SEARCH_TEXT.find(text).map(|m| m.as_str().trim().to_owned())
}

/// Words beside a listing's count that say it answers a search: not the
/// "N results for Luxury Beauty" that shops print over a category too.
pub(crate) fn search_words_by_count(text: &str) -> Option<String> {
    SEARCH_TEXT
        .find_iter(text)
        .map(|m| m.as_str().trim().to_owned())
        .find(|w| !w.to_lowercase().starts_with("results"))
}

/// Folds typographic apostrophes so "can’t" reads as "can't".
pub(crate) fn fold_quotes(text: &str) -> String {
    text.replace(['\u{2019}', '\u{2018}', '\u{02bc}', '`'], "'")
}

/// The protection that answered instead of the shop, named, with the
/// evidence: `None` for a shop's own page.
pub(crate) fn bot_wall(
    raw_html: &str,
    title: Option<&str>,
    visible_text: &str,
    visible_chars: usize,
    url: &Url,
) -> Option<String> {
    let title = title.unwrap_or_default();
    let little_text = visible_chars <= WALL_TEXT_CHARS;
    let sign_in_page = LOGIN_PATH.is_match(url.path()) || LOGIN.is_match(title);
    // A page with a shop's worth of text is a wall only as a sign-in form:
    // the markup is searched for markers only when either could be.
    if !little_text && !sign_in_page {
        return None;
    }
    if CLOUDFLARE_TITLE.is_match(title) && little_text {
        return Some(format!("Cloudflare's bot check (\"{title}\")"));
    }
    let head = &raw_html[..floor_char_boundary(raw_html, 200_000)];
    let lower = MARKERS.scan(head);
    if little_text {
        for (name, markers) in PROTECTIONS {
            if let Some(marker) = markers.iter().find(|m| lower.contains(m)) {
                return Some(format!("{name} (the page carries \"{marker}\")"));
            }
        }
        if ACCESS_DENIED.is_match(title) {
            let reference = lower.contains("reference #") || lower.contains("reference&#32;#");
            let name = if reference {
                "Akamai's bot protection"
            } else {
                "a firewall"
            };
            return Some(format!("{name} (\"{title}\")"));
        }
    }
    login_wall(&lower, sign_in_page, visible_text, little_text, url)
}

/// A login page the visitor was sent to instead of the product:
/// `sign_in_page` when its address or title says sign-in.
fn login_wall(
    lower_html: &Found<'_>,
    sign_in_page: bool,
    visible_text: &str,
    little_text: bool,
    url: &Url,
) -> Option<String> {
    let password = lower_html.contains("type=\"password\"") || lower_html.contains("type=password");
    if password && sign_in_page {
        return Some(format!(
            "a login wall (the visitor lands on a sign-in form at {})",
            url.path()
        ));
    }
    if little_text {
        let text = fold_quotes(visible_text);
        if let Some(words) = LOGIN_TEXT.find(&text) {
            return Some(format!(
                "a login wall (the page says \"{}\")",
                words.as_str()
            ));
        }
    }
    None
}

/// "Page not found" wording in a title or heading, if any.
pub(crate) fn not_found_heading(text: &str) -> bool {
    NOT_FOUND_HEADING.is_match(&fold_quotes(text))
}

/// "This page does not exist" wording in running text, if any: the words found.
pub(crate) fn not_found_text(text: &str) -> Option<String> {
    NOT_FOUND_TEXT
        .find(&fold_quotes(text))
        .map(|m| m.as_str().to_owned())
}

/// The largest char boundary of `text` at or before `at`.
pub(crate) fn floor_char_boundary(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    (0..=at)
        .rev()
        .find(|i| text.is_char_boundary(*i))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result_count(text: &str) -> Option<String> {
        result_count_in(text).map(|c| c.count)
    }

    fn url(s: &str) -> Url {
        s.parse().unwrap()
    }

    #[test]
    fn words_at_the_edge_of_a_pattern_are_whole_words_in_any_script() {
        assert!(LOGIN_TEXT.is_match("Please sign in to see prices"));
        assert!(LOGIN_TEXT.is_match("please login"));
        assert!(!LOGIN_TEXT.is_match("Please log inside"));
        assert!(LOGIN.is_match("ログイン"));
        assert!(LOGIN.is_match("Connexion"));
        assert!(!LOGIN.is_match("Signing off"));
        assert!(ACCESS_DENIED.is_match("Accès refusé"));
        assert!(ACCESS_DENIED.is_match("Access denied | shop.example"));
        assert!(!ACCESS_DENIED.is_match("Forbiddenfruit store"));
        assert!(NOT_FOUND_HEADING.is_match("Fehler 404"));
        assert!(!NOT_FOUND_HEADING.is_match("Model 4040"));
    }

    #[test]
    fn markers_are_lower_case_as_the_markup_is_read() {
        for (_, markers) in PROTECTIONS {
            for marker in *markers {
                assert_eq!(*marker, marker.to_lowercase());
            }
        }
    }

    #[test]
    fn bot_walls_are_named() {
        let shop = url("https://shop.example/p/1");
        for (html, title, want) in [
            (
                r#"<script src="/cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1"></script>"#,
                "Un instant…",
                "Cloudflare",
            ),
            (
                "<p>Enter the characters you see below</p>",
                "Amazon.com",
                "Amazon's robot check",
            ),
            (
                r#"<div id="px-captcha"></div><p>Press &amp; Hold</p>"#,
                "Access to this page has been denied",
                "PerimeterX",
            ),
            (
                r#"<iframe src="https://geo.captcha-delivery.com/captcha/?initialCid=x"></iframe>"#,
                "shop.example",
                "DataDome",
            ),
            (
                "<h1>Access Denied</h1>You don't have permission to access this server. Reference #18.5e",
                "Access Denied",
                "Akamai",
            ),
            (
                r#"<script>window.gokuProps = {}</script><script src="https://x.token.awswaf.com/challenge.js"></script>"#,
                "",
                "AWS WAF",
            ),
        ] {
            let found = bot_wall(html, Some(title), "", 200, &shop).unwrap_or_default();
            assert!(found.contains(want), "{html}: {found}");
        }
        assert_eq!(
            bot_wall(
                "<h1>Trail shoe</h1><p>Add to cart</p>",
                Some("Trail shoe"),
                "Trail shoe Add to cart",
                900,
                &shop
            ),
            None
        );
    }

    #[test]
    fn a_long_shop_page_with_a_captcha_widget_is_not_a_wall() {
        let shop = url("https://shop.example/p/1");
        let html = r#"<script src="https://js.datadome.co/tags.js"></script><h1>Shoe</h1>"#;
        assert_eq!(bot_wall(html, Some("Shoe"), "Shoe", 20_000, &shop), None);
    }

    #[test]
    fn login_walls_need_a_password_field() {
        let login = url("https://shop.example/account/login?return=/p/1");
        let html = r#"<form><input type="password" name="pw"></form>"#;
        assert!(bot_wall(html, Some("Account"), "Account", 400, &login)
            .unwrap()
            .contains("login wall"));
        let product = url("https://shop.example/p/1");
        assert_eq!(
            bot_wall(html, Some("Trail shoe"), "Trail shoe", 400, &product),
            None
        );
    }

    #[test]
    fn login_walls_by_their_words() {
        let product = url("https://shop.example/p/MLB123");
        let text = "Olá! Para continuar, acesse sua conta Sou novo Já tenho conta";
        assert!(bot_wall("", Some("Shop"), text, 200, &product)
            .unwrap()
            .contains("login wall"));
    }

    #[test]
    fn listing_counts_and_search_words() {
        for text in [
            "Sort by 53 Products found",
            "Showing 1–12 of 40 results",
            "Zeige Treffer 1 bis 7 von 7",
            "733 Artikel",
            "Café & Thé — 48 résultats",
            "Найдено 120 товаров",
            "全 35 件",
        ] {
            assert!(result_count(text).is_some(), "{text}");
        }
        // ASCII word boundaries still keep a count to whole words.
        assert_eq!(result_count("Prix spéciaux: 12 itemsets"), None);
        assert_eq!(result_count("Größe 38 Produktinfo"), None);
        assert_eq!(result_count("Trail Runner GTX, size 42"), None);
        assert_eq!(result_count("Cart £0.00 0 items"), None);
        assert_eq!(result_count("$39.99 Product details"), None);
        assert!(search_words("Buscaste: BATERIAS").is_some());
        assert!(search_words("nintendo switch の検索結果").is_some());
        assert_eq!(search_words("Research-grade microscope"), None);
    }

    #[test]
    fn not_found_in_many_languages() {
        for heading in [
            "We can’t find that page",
            "Looks like you’re lost",
            "404 Not Found",
            "Whoops, our bad...",
            "Page non trouvée",
            "Oups ! Ce produit ou cette page semble introuvable",
            "Seite nicht gefunden",
            "Página no encontrada",
            "Página não encontrada",
            "Pagina non trovata",
            "Pagina niet gevonden",
            "Nie znaleziono strony",
            "Sidan kunde inte hittas",
            "पृष्ठ नहीं मिला",
            "お探しのページは見つかりませんでした",
        ] {
            assert!(not_found_heading(heading), "{heading}");
        }
        for heading in ["Trail Runner GTX", "Nike Pegasus 40", "Sale: up to 40% off"] {
            assert!(!not_found_heading(heading), "{heading}");
        }
        assert!(not_found_text("Sorry, we can’t find that page. Try our bestsellers").is_some());
    }
}
