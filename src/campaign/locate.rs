//! Turns a JSON path such as `campaigns[1].ads[3].url` into the line and
//! column where that value stands in the file, so every problem points at
//! the exact spot. Only used when a file is invalid, so it may re-parse.

use std::fmt;

use jsonc_parser::ast::Value;
use jsonc_parser::common::Ranged;
use jsonc_parser::{parse_to_ast, CollectOptions, ParseOptions};

/// One step of a JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Segment {
    /// An object member.
    Key(String),
    /// An array element.
    Index(usize),
}

/// A path from the document root to one value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct JsonPath(pub(crate) Vec<Segment>);

impl JsonPath {
    /// This path extended by one object member.
    pub(crate) fn key(&self, key: &str) -> Self {
        let mut p = self.clone();
        p.0.push(Segment::Key(key.to_owned()));
        p
    }

    /// This path extended by one array element.
    pub(crate) fn index(&self, index: usize) -> Self {
        let mut p = self.clone();
        p.0.push(Segment::Index(index));
        p
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Segment::Key(k) if i == 0 => write!(f, "{k}")?,
                Segment::Key(k) => write!(f, ".{k}")?,
                Segment::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// The 1-based line and column of the deepest part of `path` found in
/// `text`; a member that is missing points at the object that lacks it.
pub(crate) fn line_column(text: &str, path: &JsonPath) -> (usize, usize) {
    let options = ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        ..ParseOptions::default()
    };
    let offset = parse_to_ast(text, &CollectOptions::default(), &options)
        .ok()
        .and_then(|parsed| parsed.value.map(|root| offset_of(&root, &path.0)))
        .unwrap_or(0);
    position(text, offset)
}

fn offset_of(value: &Value<'_>, path: &[Segment]) -> usize {
    let Some((first, rest)) = path.split_first() else {
        return value.start();
    };
    let child = match (first, value) {
        (Segment::Key(k), Value::Object(obj)) => obj.get(k).map(|prop| &prop.value),
        (Segment::Index(i), Value::Array(arr)) => arr.elements.get(*i),
        _ => None,
    };
    child.map_or_else(|| value.start(), |c| offset_of(c, rest))
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_value_and_falls_back_to_parent() {
        let text = "{\n  \"campaigns\": [\n    {\"id\": \"a\", \"ads\": [ {\"url\": 5} ]}\n  ]\n}";
        let root = JsonPath::default().key("campaigns").index(0);
        assert_eq!(line_column(text, &root.key("id")), (3, 12));
        let url = root.key("ads").index(0).key("url");
        assert_eq!(line_column(text, &url), (3, 34));
        let missing = root.key("ads").index(0).key("product");
        assert_eq!(line_column(text, &missing), (3, 26));
        assert_eq!(url.to_string(), "campaigns[0].ads[0].url");
    }
}
