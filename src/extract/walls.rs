//! Pages that stand between the visitor and the shop: bot walls (a
//! protection service answering instead of the shop) and login walls. Each
//! is told by its own fingerprints: markers in the markup that do not
//! depend on the language, then the words a visitor reads. The wording of
//! "page not found" and search pages is in `page_words.rs`.

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
}
