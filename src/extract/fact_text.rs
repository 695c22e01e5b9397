//! The text of a fact as it is kept: white space collapsed, trimmed and
//! clipped to a length, however much the page put in one field.

/// Longest text kept for one fact; pages can carry megabytes in one field.
const MAX_FACT_CHARS: usize = 1000;

/// Collapses runs of white space and trims; `None` when nothing is left.
/// Clipped to [`MAX_FACT_CHARS`].
pub(crate) fn clean(text: &str) -> Option<String> {
    let mut joined = String::new();
    for word in text.split_whitespace() {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(word);
        if joined.len() > MAX_FACT_CHARS * 4 {
            break;
        }
    }
    if joined.chars().count() > MAX_FACT_CHARS {
        joined = joined.chars().take(MAX_FACT_CHARS).collect();
    }
    (!joined.is_empty()).then_some(joined)
}
