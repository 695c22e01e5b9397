//! Plain words for what serde reports about a campaign file. serde speaks
//! of Rust types (`invalid type: string "Jacket", expected struct
//! DeclaredProduct`); the person fixing the file needs to read what the
//! field should hold, with an example, and what it holds now.

use serde_json::Value;
use url::Url;

use super::locate::{JsonPath, Segment};

/// The message for one serde error at `path`, where `found` is the value
/// that stands there (if any).
pub(crate) fn explain(path: &JsonPath, serde_message: &str, found: Option<&Value>) -> String {
    if let Some(field) = serde_message
        .strip_prefix("missing field `")
        .and_then(|s| s.split('`').next())
    {
        return format!("the required field \"{field}\" is missing");
    }
    if let Some(rest) = serde_message.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or(rest);
        return unknown_field(field, &expected_fields(rest));
    }
    let field = match path.0.last() {
        Some(Segment::Key(key)) => key.as_str(),
        _ => "",
    };
    if matches!(field, "url" | "display_url") {
        if let Some(Value::String(text)) = found {
            return bad_url(text);
        }
    }
    if let Some(rest) = serde_message.strip_prefix("invalid type: ") {
        let expected = rest.split_once(", expected ").map_or(rest, |(_, e)| e);
        let subject = if field.is_empty() {
            "this entry".to_owned()
        } else {
            format!("\"{field}\"")
        };
        let found = found.map_or_else(String::new, |v| format!("; found {}", describe(v)));
        return format!("{subject} must be {}{found}", expected_plain(expected));
    }
    if let Some(rest) = serde_message.strip_prefix("unknown variant `") {
        let value = rest.split('`').next().unwrap_or(rest);
        let allowed = rest
            .split_once("expected ")
            .map_or("", |(_, e)| e)
            .replace('`', "\"");
        return format!("\"{value}\" is not one of the values landcheck knows: use {allowed}");
    }
    serde_message.to_owned()
}

/// The message for a member that has no place in the file.
pub(crate) fn unknown_field(field: &str, allowed: &[String]) -> String {
    if allowed.is_empty() {
        format!("unknown field \"{field}\" (check its spelling)")
    } else {
        format!(
            "unknown field \"{field}\" (check its spelling; the fields here are {})",
            allowed.join(", ")
        )
    }
}

/// The names serde lists after "expected one of".
fn expected_fields(rest: &str) -> Vec<String> {
    rest.split_once("expected ")
        .map(|(_, list)| {
            list.split('`')
                .skip(1)
                .step_by(2)
                .map(|f| format!("\"{f}\""))
                .collect()
        })
        .unwrap_or_default()
}

/// Why a URL written in the file cannot be used, and how to write it.
pub(crate) fn bad_url(text: &str) -> String {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return "the URL is empty; write the full address, e.g. https://shop.example/product"
            .to_owned();
    }
    match Url::parse(trimmed) {
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            let bare = trimmed.trim_start_matches('/');
            let host = bare.split(['/', '?', '#']).next().unwrap_or_default();
            if host.contains('.') && !host.contains(char::is_whitespace) {
                format!("\"{text}\" is missing https:// at the start; write \"https://{bare}\"")
            } else {
                format!("\"{text}\" is not a full web address; write it with https:// and the shop's domain, e.g. https://shop.example/product")
            }
        }
        Err(e) => format!(
            "\"{text}\" is not a valid URL ({e}); write the full address, e.g. https://shop.example/product"
        ),
        Ok(_) => format!("\"{text}\" is not a valid URL"),
    }
}

/// A value as a person would name it: `the text "Jacket"`, `a list`.
pub(crate) fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("{b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("the text \"{s}\""),
        Value::Array(a) if a.is_empty() => "an empty list".to_owned(),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// What a Rust type means in the file.
fn expected_plain(expected: &str) -> String {
    match expected {
        "struct DeclaredProduct" => {
            "an object with at least a name, e.g. {\"name\": \"Trail Runner GTX\"}".to_owned()
        }
        "struct Money" => {
            "an object with an amount and a currency, e.g. {\"amount\": 129.99, \"currency\": \"USD\"}"
                .to_owned()
        }
        "struct Expectation" => "an object such as {\"page\": \"category\"}".to_owned(),
        "struct Ad" => {
            "an object with an id, a url and a product, e.g. {\"id\": \"ad-1\", \"url\": \"https://shop.example/p\", \"product\": {\"name\": \"Trail Runner GTX\"}}"
                .to_owned()
        }
        "a string" => "text in quotes".to_owned(),
        "f64" | "a number" => "a number, e.g. 129.99".to_owned(),
        "a sequence" => "a list in square brackets".to_owned(),
        other => other.to_owned(),
    }
}

/// The message for a file whose top level is not an object.
pub(crate) fn not_a_campaign_file(root: &Value) -> String {
    let example =
        "{\"campaigns\": [{\"id\": \"spring\", \"name\": \"Spring sale\", \"ads\": [...]}]}";
    match root {
        Value::Array(items) if items.iter().any(|i| i.get("ads").is_some()) => format!(
            "the file is a list of campaigns; put it under \"campaigns\": {example}"
        ),
        Value::Array(items) if items.iter().any(|i| i.get("url").is_some()) => format!(
            "the file is a list of ads; group them in a campaign: {example}"
        ),
        other => format!(
            "a campaign file is a JSON object with a list of campaigns, {example}; this file holds {}",
            describe(other)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn serde_types_become_plain_words() {
        let product = JsonPath::default().key("product");
        assert_eq!(
            explain(
                &product,
                "invalid type: string \"Jacket\", expected struct DeclaredProduct",
                Some(&json!("Jacket"))
            ),
            "\"product\" must be an object with at least a name, e.g. {\"name\": \"Trail Runner GTX\"}; found the text \"Jacket\""
        );
        assert_eq!(
            explain(
                &JsonPath::default().key("page"),
                "unknown variant `landing`, expected `product` or `category`",
                None
            ),
            "\"landing\" is not one of the values landcheck knows: use \"product\" or \"category\""
        );
        assert_eq!(
            explain(
                &product,
                "unknown field `nmae`, expected one of `name`, `brand`",
                None
            ),
            "unknown field \"nmae\" (check its spelling; the fields here are \"name\", \"brand\")"
        );
    }

    #[test]
    fn a_url_without_its_scheme_says_so() {
        assert_eq!(
            bad_url("shop.example/p/1?utm=x"),
            "\"shop.example/p/1?utm=x\" is missing https:// at the start; write \"https://shop.example/p/1?utm=x\""
        );
        assert!(bad_url("not a url").contains("is not a full web address"));
        assert!(bad_url("https://").contains("is not a valid URL"));
    }

    #[test]
    fn a_list_at_the_top_is_explained() {
        assert!(not_a_campaign_file(&json!([])).contains("this file holds an empty list"));
        assert!(not_a_campaign_file(&json!([{"id": "c", "ads": []}]))
            .starts_with("the file is a list of campaigns; put it under \"campaigns\""));
        assert!(not_a_campaign_file(&json!([{"url": "https://x.example"}]))
            .starts_with("the file is a list of ads"));
    }
}
