//! The parts every page of a Shopify-like theme carries around its main
//! block: inline critical CSS and theme scripts, an SVG sprite, a mega
//! menu with hundreds of links, product cards, a footer and a cookie
//! banner. They are most of a real shop page's 150 KB to 1 MB, and most of
//! what a parser wades through before it reaches the product.

use std::fmt::Write;

use super::catalogue::{money, slugify, title_case, Product};
use super::words::{Rng, BRANDS, DEPARTMENTS};

pub(crate) const SHOP: &str = "Trailhead Supply Co.";
pub(crate) const SHOP_HOST: &str = "trailhead-supply.example";

/// Inline critical CSS of about `bytes` bytes.
pub(crate) fn css(rng: &mut Rng, bytes: usize) -> String {
    let mut out = String::from("<style data-shopify>\n:root{--font-body-family:Assistant,sans-serif;--color-base-text:18,18,18;--page-width:120rem}\n");
    let blocks = [
        "card", "header", "menu", "price", "product", "facets", "footer", "media", "button",
        "drawer",
    ];
    while out.len() < bytes {
        let _ = writeln!(
            out,
            ".{}__{}--{} .{}-{}{{margin:0 0 {}.{}rem;padding:{}px {}px;color:rgba(var(--color-{}),.{});transition:opacity {}ms ease}}",
            rng.pick(&blocks), rng.ident(), rng.ident(), rng.pick(&blocks), rng.ident(),
            rng.below(4), rng.below(10), rng.below(32), rng.below(32), rng.ident(), rng.below(100), rng.below(600)
        );
    }
    out.push_str("</style>\n");
    out
}

/// Inline theme and analytics scripts of about `bytes` bytes.
pub(crate) fn scripts(rng: &mut Rng, bytes: usize) -> String {
    let mut out = String::from("<script>window.Shopify=window.Shopify||{};Shopify.shop=\"trailhead-supply.myshopify.com\";Shopify.locale=\"en\";Shopify.currency={\"active\":\"USD\",\"rate\":\"1.0\"};Shopify.theme={\"name\":\"Dawn\",\"schema_version\":\"12.0.0\"};</script>\n<script>(function(){");
    while out.len() < bytes {
        let (f, a, b) = (rng.ident(), rng.ident(), rng.ident());
        let _ = writeln!(
            out,
            "function {f}({a},{b}){{if(!{a})return null;var {b}2=document.querySelectorAll('[data-{}]');for(var i=0;i<{b}2.length;i++){{{b}2[i].setAttribute('aria-{}',{a}.{}||\"{}\")}}return {b}2.length*{}}}",
            rng.ident(), rng.ident(), rng.ident(), rng.words(3), rng.below(1000)
        );
    }
    out.push_str("})();</script>\n");
    out
}

/// The SVG icon sprite themes put at the top of the body.
pub(crate) fn sprite(rng: &mut Rng) -> String {
    let mut out = String::from("<svg xmlns=\"http://www.w3.org/2000/svg\" style=\"display:none\">");
    for _ in 0..rng.range(20, 40) {
        let _ = write!(
            out,
            "<symbol id=\"icon-{}\" viewBox=\"0 0 20 20\"><path fill-rule=\"evenodd\" d=\"M",
            rng.ident()
        );
        for _ in 0..rng.range(12, 30) {
            let _ = write!(
                out,
                "{}.{} {}.{}L",
                rng.below(20),
                rng.below(1000),
                rng.below(20),
                rng.below(1000)
            );
        }
        out.push_str("0 0z\"/></symbol>");
    }
    out.push_str("</svg>\n");
    out
}

/// Announcement bar, header and the mega menu over every department.
pub(crate) fn header(rng: &mut Rng) -> String {
    let mut out = String::from("<div id=\"shopify-section-announcement-bar\" class=\"shopify-section\"><div class=\"announcement-bar color-accent-1\" role=\"region\" aria-label=\"Announcement\"><p class=\"announcement-bar__message h5\"><span>Free shipping on orders over $75 &middot; 60-day returns</span></p></div></div>\n");
    let _ = writeln!(out, "<div id=\"shopify-section-header\" class=\"shopify-section section-header\"><sticky-header class=\"header-wrapper color-background-1\"><header class=\"header header--middle-left page-width header--has-menu\"><a href=\"/\" class=\"header__heading-link link\"><img src=\"//{SHOP_HOST}/cdn/shop/files/logo.png?v=1681234567&amp;width=180\" alt=\"{SHOP}\" width=\"180\" height=\"40\" class=\"header__heading-logo\"></a>\n<nav class=\"header__inline-menu\"><ul class=\"list-menu list-menu--inline\" role=\"list\">");
    for (d, (dept, subs)) in DEPARTMENTS.iter().enumerate() {
        let ds = slugify(dept);
        let _ = writeln!(out, "<li><header-menu><details id=\"Details-HeaderMenu-{d}\" class=\"mega-menu\"><summary id=\"HeaderMenu-{ds}\" class=\"header__menu-item list-menu__item link focus-inset\"><span>{dept}</span><svg aria-hidden=\"true\" focusable=\"false\" class=\"icon icon-caret\" viewBox=\"0 0 10 6\"><use href=\"#icon-caret\"></use></svg></summary>\n<div id=\"MegaMenu-Content-{d}\" class=\"mega-menu__content color-background-1 gradient motion-reduce global-settings-popup\" tabindex=\"-1\"><ul class=\"mega-menu__list page-width\" role=\"list\">");
        for (sub, _) in subs.iter() {
            let ss = slugify(sub);
            let _ = write!(out, "<li><a id=\"HeaderMenu-{ds}-{ss}\" href=\"/collections/{ss}\" class=\"mega-menu__link mega-menu__link--level-2 link\">{}</a><ul class=\"list-unstyled\" role=\"list\">", title_case(sub));
            for _ in 0..rng.range(6, 12) {
                let brand = rng.pick(BRANDS);
                let bs = slugify(brand);
                let _ = write!(out, "<li><a id=\"HeaderMenu-{ds}-{ss}-{bs}\" href=\"/collections/{bs}-{ss}\" class=\"mega-menu__link link\">{brand}</a></li>");
            }
            out.push_str("</ul></li>\n");
        }
        out.push_str("</ul></div></details></header-menu></li>\n");
    }
    out.push_str("<li><a href=\"/collections/sale\" class=\"header__menu-item list-menu__item link\"><span>Sale</span></a></li></ul></nav>\n<div class=\"header__icons\"><details-modal class=\"header__search\"><details><summary class=\"header__icon header__icon--search modal__toggle\" aria-haspopup=\"dialog\" aria-label=\"Search\"><svg class=\"icon icon-search\"><use href=\"#icon-search\"></use></svg></summary><div class=\"search-modal modal__content\" role=\"dialog\" aria-modal=\"true\" aria-label=\"Search\"><form action=\"/search\" method=\"get\" role=\"search\" class=\"search search-modal__form\"><input class=\"search__input field__input\" id=\"Search-In-Modal\" type=\"search\" name=\"q\" value=\"\" placeholder=\"Search\"></form></div></details></details-modal><a href=\"/account/login\" class=\"header__icon header__icon--account link\"><span class=\"visually-hidden\">Log in</span></a><a href=\"/cart\" class=\"header__icon header__icon--cart link\" id=\"cart-icon-bubble\"><span class=\"visually-hidden\">Cart</span></a></div></header></sticky-header></div>\n");
    out
}

/// One product card, as themes repeat them in grids and carousels.
pub(crate) fn card(out: &mut String, rng: &mut Rng, p: &Product, id: &str) {
    let img = format!(
        "//{SHOP_HOST}/cdn/shop/files/{}.jpg?v={}",
        p.slug,
        rng.below(100_000)
    );
    let sale = rng.chance(0.2);
    let _ = writeln!(out, "<li class=\"grid__item scroll-trigger animate--slide-in\" data-cascade><div class=\"card-wrapper product-card-wrapper underline-links-hover\"><div class=\"card card--standard card--media\" style=\"--ratio-percent: 100.0%;\"><div class=\"card__inner color-background-2 gradient ratio\"><div class=\"card__media\"><div class=\"media media--transparent media--hover-effect\"><img srcset=\"{img}&amp;width=165 165w, {img}&amp;width=360 360w, {img}&amp;width=533 533w, {img}&amp;width=720 720w\" src=\"{img}&amp;width=533\" sizes=\"(min-width: 1200px) 267px, calc(100vw - 3rem) / 2)\" alt=\"{name}\" class=\"motion-reduce\" loading=\"lazy\" width=\"1000\" height=\"1000\"></div></div><div class=\"card__badge bottom left\">{badge}</div></div>\n<div class=\"card__content\"><div class=\"card__information\"><h3 class=\"card__heading h5\" id=\"title-{id}\"><a href=\"/products/{slug}\" id=\"CardLink-{id}\" class=\"full-unstyled-link\">{name}</a></h3><div class=\"card-information\"><div class=\"caption-with-letter-spacing light\">{brand}</div><span class=\"caption-large light\">{blurb}</span><div class=\"price{sale_class}\"><div class=\"price__container\"><div class=\"price__regular\"><span class=\"visually-hidden visually-hidden--inline\">Regular price</span><span class=\"price-item price-item--regular\">{price}</span></div></div></div></div></div></div></div></div></li>",
        name = p.name, slug = p.slug, brand = p.brand, price = money(p.price_cents),
        badge = if sale { "<span class=\"badge badge--bottom-left color-accent-2\">Sale</span>" } else { "" },
        sale_class = if sale { " price--on-sale" } else { "" },
        blurb = rng.some_words(4, 10));
}

/// The footer, trailing scripts and the cookie banner.
pub(crate) fn footer(rng: &mut Rng) -> String {
    let mut out = String::from("<div id=\"shopify-section-footer\" class=\"shopify-section\"><footer class=\"footer color-accent-1 gradient section-footer-padding\"><div class=\"footer__content-top page-width\"><div class=\"footer__blocks-wrapper grid grid--4-col-tablet\">\n");
    for heading in ["Shop", "Help", "About us", "Brands"] {
        let _ = write!(out, "<div class=\"footer-block grid__item footer-block--menu\"><h2 class=\"footer-block__heading\">{heading}</h2><ul class=\"footer-block__details-content list-unstyled\">");
        for _ in 0..rng.range(6, 14) {
            let words = title_case(&rng.some_words(1, 3));
            let _ = write!(out, "<li><a href=\"/pages/{}\" class=\"link link--text list-menu__item list-menu__item--link\">{words}</a></li>", slugify(&words));
        }
        out.push_str("</ul></div>\n");
    }
    let _ = writeln!(out, "</div><div class=\"footer-block--newsletter\"><h2 class=\"footer-block__heading\">Subscribe to our emails</h2><form method=\"post\" action=\"/contact#ContactFooter\" class=\"footer__newsletter newsletter-form\"><input type=\"email\" name=\"contact[email]\" class=\"field__input\" placeholder=\"Email\" required><button type=\"submit\" class=\"newsletter-form__button\">Subscribe</button></form></div></div><div class=\"footer__content-bottom\"><ul class=\"list list-payment\" role=\"list\"><li class=\"list-payment__item\">Visa</li><li class=\"list-payment__item\">Mastercard</li><li class=\"list-payment__item\">PayPal</li><li class=\"list-payment__item\">Shop Pay</li></ul><small class=\"copyright__content\">&copy; 2026, <a href=\"/\">{SHOP}</a> Powered by Shopify</small></div></footer></div>");
    out.push_str("<div id=\"shopify-pc__banner\" class=\"shopify-pc__banner__dialog\" role=\"alertdialog\" aria-labelledby=\"shopify-pc__banner__title\"><h2 id=\"shopify-pc__banner__title\">We use cookies</h2><p>We use cookies to personalise content and measure our ads. <a href=\"/policies/privacy-policy\">Privacy Policy</a></p><button type=\"button\" id=\"shopify-pc__banner__btn-decline\">Reject</button><button type=\"button\" id=\"shopify-pc__banner__btn-accept\">Accept all</button></div>\n");
    out
}

/// `<head>` up to and including the inline CSS and scripts.
pub(crate) fn head(
    title: &str,
    description: &str,
    canonical: &str,
    extra: &str,
    css: &str,
    scripts: &str,
) -> String {
    format!("<!doctype html>\n<html class=\"no-js\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"X-UA-Compatible\" content=\"IE=edge\">\n<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n<link rel=\"canonical\" href=\"https://{SHOP_HOST}{canonical}\">\n<link rel=\"preconnect\" href=\"https://cdn.shopify.com\" crossorigin>\n<title>{title} | {SHOP}</title>\n<meta name=\"description\" content=\"{description}\">\n<meta property=\"og:site_name\" content=\"{SHOP}\">\n<meta property=\"og:url\" content=\"https://{SHOP_HOST}{canonical}\">\n{extra}<meta name=\"twitter:card\" content=\"summary_large_image\">\n<script src=\"//{SHOP_HOST}/cdn/shop/t/12/assets/constants.js?v=58251544750838685771\" defer=\"defer\"></script>\n<script src=\"//{SHOP_HOST}/cdn/shop/t/12/assets/global.js?v=37284204640041572741\" defer=\"defer\"></script>\n<link href=\"//{SHOP_HOST}/cdn/shop/t/12/assets/base.css?v=144997082486365258741\" rel=\"stylesheet\" type=\"text/css\" media=\"all\">\n{css}{scripts}")
}
