//! Campaign files as people really write them: saved by Windows tools,
//! exported from spreadsheets, with a typo or two. landcheck accepts what
//! it safely can and explains the rest in plain words, all in one pass.

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn problems(text: &str) -> String {
    landcheck::parse_campaigns(text, Path::new("c.json"))
        .unwrap_err()
        .to_string()
}

fn one_campaign(ads: &str) -> String {
    format!("{{\n\"campaigns\": [{{\"id\": \"c\", \"name\": \"C\", \"ads\": [\n{ads}\n]}}]\n}}")
}

#[test]
fn a_byte_order_mark_and_gtins_written_as_numbers_are_accepted() {
    let text = format!(
        "\u{feff}{}",
        one_campaign(
            r#"{"id": "a", "url": "https://shop.example/p", "product": {"name": "Soda", "gtin": 36000291452, "sku": 1234}}"#
        )
    );
    let file = landcheck::parse_campaigns(&text, Path::new("c.json")).unwrap();
    let product = &file.campaigns[0].ads[0].product;
    assert_eq!(
        product.gtin.as_ref().map(landcheck::Gtin::as_str),
        Some("036000291452")
    );
    assert_eq!(product.sku.as_deref(), Some("1234"));
    // Positions still count from the first character after the mark.
    let broken = format!("\u{feff}{}", one_campaign(r#"{"id": "a", "url": 5}"#));
    assert!(problems(&broken).contains("c.json:3:1: campaigns[0].ads[0]"));
}

#[test]
fn every_problem_is_reported_even_beside_an_unknown_top_level_field() {
    let text = format!(
        "{{\"version\": 2,\n{}",
        &one_campaign(
            "{\"id\": \"a\", \"url\": \"shop.example/p/1\", \"product\": \"Jacket\"},\n{\"id\": \"b\", \"url\": \"https://shop.example/p/2\", \"product\": {\"name\": \"Boot\", \"gtin\": 4006381333932}}"
        )[1..]
    );
    let message = problems(&text);
    for expected in [
        "(4 problems)",
        "c.json:1:13: version: unknown field \"version\" (check its spelling; the fields here are \"campaigns\")",
        "c.json:4:20: campaigns[0].ads[0].url: \"shop.example/p/1\" is missing https:// at the start; write \"https://shop.example/p/1\"",
        "c.json:4:51: campaigns[0].ads[0].product: \"product\" must be an object with at least a name, e.g. {\"name\": \"Trail Runner GTX\"}; found the text \"Jacket\"",
        "c.json:5:84: campaigns[0].ads[1].product.gtin: \"4006381333932\" is not a valid GTIN",
    ] {
        assert!(message.contains(expected), "{expected}\nnot in\n{message}");
    }
    assert!(!message.contains("expected struct"), "{message}");
}

#[test]
fn a_list_and_a_broken_campaign_are_explained() {
    assert!(problems("[]").contains(
        "a campaign file is a JSON object with a list of campaigns, {\"campaigns\": [{\"id\": \"spring\", \"name\": \"Spring sale\", \"ads\": [...]}]}; this file holds an empty list"
    ));
    assert!(problems(r#"[{"id": "c", "name": "C", "ads": []}]"#)
        .contains("the file is a list of campaigns; put it under \"campaigns\""));
    let message = problems(r#"{"campaigns": [{"id": 7, "ads": "none"}]}"#);
    for expected in [
        "campaigns[0].id: \"id\" must be text in quotes; found the number 7",
        "campaigns[0]: the required field \"name\" is missing",
        "campaigns[0].ads: \"ads\" must be a list of ads in square brackets; found the text \"none\"",
    ] {
        assert!(message.contains(expected), "{expected}\nnot in\n{message}");
    }
}

#[test]
fn a_missing_file_is_said_once() {
    let out = Command::cargo_bin("landcheck")
        .unwrap()
        .args(["audit", "no-such-campaigns.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot read the campaign file no-such-campaigns.json: No such file or directory",
        ));
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert_eq!(
        stderr.matches("No such file or directory").count(),
        1,
        "{stderr}"
    );
}
