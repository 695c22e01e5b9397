//! Unit tests for `extract::nesting`: the depth guard, and what the
//! markup handed to the parser leaves out.

use super::*;

#[test]
fn cuts_pathological_nesting_only() {
    let deep = format!("<html><body>{}x", "<div>".repeat(MAX_DEPTH + 10));
    let (kept, cut) = parseable(&deep);
    assert!(cut.is_some());
    assert_eq!(kept.matches("<div>").count(), MAX_DEPTH - 2);

    let wide = format!(
        "<ul>{}</ul><p>a<p>b<br><img src=x>",
        "<li>item".repeat(5000)
    );
    assert_eq!(parseable(&wide), (Cow::Borrowed(wide.as_str()), None));
    let script = format!("<script>var s = '{}';</script>", "<div>".repeat(5000));
    assert_eq!(parseable(&script).1, None);
}

#[test]
fn scripts_and_styles_lose_their_bodies_but_json_ld_stays() {
    let html = concat!(
        "<head><title>Pegasus 40</title><style>.a{color:red}</style>",
        "<script>var x = '<div>';</script>",
        r#"<script type="Application/LD+JSON">{"@type":"Product"}</script></head>"#,
        "<body><h1>Pegasus 40</h1><script src=/a.js></script></body>"
    );
    let (kept, cut) = parseable(html);
    assert_eq!(cut, None);
    assert_eq!(
        kept,
        concat!(
            "<head><title>Pegasus 40</title><style></style><script></script>",
            r#"<script type="Application/LD+JSON">{"@type":"Product"}</script></head>"#,
            "<body><h1>Pegasus 40</h1><script src=/a.js></script></body>"
        )
    );
    // Cut where the nesting gets too deep, offsets of the page as served.
    let deep = format!(
        "<script>{}</script>{}",
        "x".repeat(50),
        "<b>".repeat(MAX_DEPTH + 1)
    );
    let (kept, cut) = parseable(&deep);
    assert_eq!(cut, Some(67 + 3 * MAX_DEPTH));
    assert_eq!(
        kept,
        format!("<script></script>{}", "<b>".repeat(MAX_DEPTH))
    );
}

#[test]
fn unread_attributes_are_left_out_of_every_tag() {
    let html = concat!(
        r#"<div class="tile" data-product='{"id":1}' onclick="go()" data-price="9.99">"#,
        r#"<a href="/p" ONMOUSEOVER=x data-src=/i.jpg hidden data-track>Shoe</a>"#,
        r#"<button data-action="add" title="a > b" data-x = 'y'>Add</button></div>"#,
    );
    let (kept, cut) = parseable(html);
    assert_eq!(cut, None);
    assert_eq!(
        kept,
        concat!(
            r#"<div class="tile"   data-price="9.99">"#,
            r#"<a href="/p"  data-src=/i.jpg hidden >Shoe</a>"#,
            r#"<button data-action="add" title="a > b" >Add</button></div>"#,
        )
    );
    // A `>` inside a quoted value does not end the tag, so the markup
    // after it in the value is no element.
    let deep = format!(r#"<b title="x><b>">{}"#, "<b>".repeat(MAX_DEPTH - 1));
    assert_eq!(parseable(&deep).1, None);
}

#[test]
fn image_candidates_layout_hints_and_svg_bodies_are_left_out() {
    let html = concat!(
        r#"<img title="a > b" SRCSET='/s.jpg 1x, /l.jpg 2x' src="/s.jpg" sizes=100vw alt="Shoe" width=300 aria-hidden="true" aria-label="Shoe">"#,
        r#"<a href="/cart"><svg viewBox="0 0 9 9"><title>Cart</title><path d="M0 0h9"/></svg>Cart</a>"#,
        r#"<svg class="icon" /><p>Pegasus 40</p>"#,
        r#"<!-- <img srcset="kept in a comment"> -->"#,
    );
    let (kept, cut) = parseable(html);
    assert_eq!(cut, None);
    assert_eq!(
        kept,
        concat!(
            r#"<img title="a > b"  src="/s.jpg"     aria-label="Shoe">"#,
            r#"<a href="/cart"><svg viewBox="0 0 9 9"></svg>Cart</a>"#,
            r#"<svg  /><p>Pegasus 40</p>"#,
            r#"<!-- <img srcset="kept in a comment"> -->"#,
        )
    );
}

#[test]
fn ids_and_classes_no_rule_reads_are_left_out() {
    let html = concat!(
        r#"<div class="grid__item" id="shopify-section-x"><span class='caption large'>Shoe</span>"#,
        r#"<span class="price-item" id=ProductPrice>9</span>"#,
        r#"<button class="btn" id="add_to_cart_btn">Lisa ostukorvi</button></div>"#,
    );
    assert_eq!(
        parseable(html).0,
        concat!(
            r#"<div class="grid__item" ><span >Shoe</span>"#,
            r#"<span class="price-item" id=ProductPrice>9</span>"#,
            r#"<button class="btn" id="add_to_cart_btn">Lisa ostukorvi</button></div>"#,
        )
    );
    // The parser reads the first of two classes: a second never stands in.
    assert_eq!(
        parseable(r#"<span class="caption" class="price">9</span>"#).0,
        "<span  >9</span>"
    );
}

#[test]
fn end_tags_of_skipped_bodies_do_not_count_as_closing_an_element() {
    let html = format!(
        "<div>{}{}",
        "<script>x</script><svg><path/></svg>".repeat(50),
        "<b>".repeat(MAX_DEPTH)
    );
    let (kept, cut) = parseable(&html);
    assert!(cut.is_some(), "the depth is one <div> and {MAX_DEPTH} <b>");
    assert_eq!(kept.matches("<b>").count(), MAX_DEPTH - 1);
}
