//! Rows of a CSV, TSV or XLSX export, and items of an XML feed, as one
//! shape: records of named fields, each field knowing the line and column
//! it came from so that an error can point at it. Header names are matched
//! loosely (case, spaces, a `g:` prefix), as the platforms spell them
//! differently from one version to the next.

use std::io::Cursor;
use std::rc::Rc;

use calamine::{Data, Reader};

/// One value with its place in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Field {
    /// The column's header, or the XML element's name, as written.
    pub(crate) name: Rc<str>,
    /// The name as compared (see [`norm`]), worked out once per column.
    key: Rc<str>,
    /// The value, trimmed.
    pub(crate) value: String,
    /// 1-based line (row of a spreadsheet).
    pub(crate) line: usize,
    /// 1-based column: the column number of a table, the character
    /// column of an XML element.
    pub(crate) column: usize,
}

impl Field {
    pub(crate) fn new(name: &str, value: String, line: usize, column: usize) -> Self {
        Self {
            name: name.into(),
            key: norm(name).into(),
            value,
            line,
            column,
        }
    }
}

/// One row or item.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Record {
    /// Where it starts.
    pub(crate) line: usize,
    pub(crate) fields: Vec<Field>,
}

impl Record {
    /// The first non-empty field named `key` (see [`norm`]).
    pub(crate) fn get(&self, key: &str) -> Option<&Field> {
        self.fields
            .iter()
            .find(|f| !f.value.is_empty() && &*f.key == key)
    }

    /// The field named `key`, empty or not.
    pub(crate) fn cell(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| &*f.key == key)
    }

    /// The first field among `keys` with a value, else the first that
    /// exists (empty), cloned for a draft.
    pub(crate) fn pick(&self, keys: &[&str]) -> Option<Field> {
        self.first(keys)
            .or_else(|| keys.iter().find_map(|k| self.cell(k)))
            .cloned()
    }

    /// The first non-empty field among `keys`, in that order.
    pub(crate) fn first(&self, keys: &[&str]) -> Option<&Field> {
        keys.iter().find_map(|k| self.get(k))
    }

    /// The text of field `key`, empty when absent.
    pub(crate) fn text(&self, key: &str) -> &str {
        self.get(key).map_or("", |f| f.value.as_str())
    }

    /// Whether every field is empty.
    pub(crate) fn is_blank(&self) -> bool {
        self.fields.iter().all(|f| f.value.is_empty())
    }
}

/// A header row and the records under it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Table {
    /// The header's names, as written.
    pub(crate) header: Vec<String>,
    /// The header's line.
    pub(crate) header_line: usize,
    pub(crate) records: Vec<Record>,
}

impl Table {
    /// Whether the header has a column named `key` (see [`norm`]).
    pub(crate) fn has(&self, key: &str) -> bool {
        self.header.iter().any(|h| norm(h) == key)
    }

    /// The first of `keys` the header has, as written in the header.
    pub(crate) fn column(&self, keys: &[&str]) -> Option<&str> {
        keys.iter()
            .find_map(|k| self.header.iter().find(|h| norm(h) == *k))
            .map(String::as_str)
    }

    /// The header's names, quoted and joined, for messages.
    pub(crate) fn listed(&self) -> String {
        let names: Vec<String> = self
            .header
            .iter()
            .filter(|h| !h.is_empty())
            .map(|h| format!("\"{h}\""))
            .collect();
        names.join(", ")
    }
}

/// A header name as compared: lower case, single spaces for runs of
/// spaces and underscores (`ads_redirect` is `ads redirect`), no `g:`
/// prefix (Merchant Center's namespace).
pub(crate) fn norm(name: &str) -> String {
    let lower = name.trim().trim_start_matches('\u{feff}').to_lowercase();
    let lower = lower.strip_prefix("g:").unwrap_or(&lower);
    lower
        .split(|c: char| c.is_whitespace() || c == '_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Raw rows: each a line number and its cells.
pub(crate) type Rows = Vec<(usize, Vec<String>)>;

/// Reads delimited text: tabs, commas or semicolons, whichever the first
/// lines use most. Rows may differ in length (title lines above a header).
pub(crate) fn read_delimited(text: &str) -> Result<Rows, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut lines = LineCounter::default();
    for record in reader.records() {
        let record = record.map_err(|e| match e.position() {
            Some(p) => format!("line {}: cannot read the row: {e}", p.line()),
            None => format!("cannot read the file as CSV: {e}"),
        })?;
        let start = record
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
            .unwrap_or(0);
        let line = lines.line_of(text.as_bytes(), start);
        rows.push((line, record.iter().map(|c| c.trim().to_owned()).collect()));
    }
    Ok(rows)
}

/// The line a record starts on. A record's byte offset may stand on the
/// line break that ends the row before it (after a `\r` of `\r\n`), so
/// line breaks right after the offset are passed over.
#[derive(Default)]
struct LineCounter {
    offset: usize,
    newlines: usize,
}

impl LineCounter {
    // Rows are counted once each; a byte-counting crate is not worth it.
    #[allow(clippy::naive_bytecount)]
    fn line_of(&mut self, bytes: &[u8], start: usize) -> usize {
        let mut start = start.min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        if start < self.offset {
            *self = Self::default();
        }
        self.newlines += bytes[self.offset..start]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        self.offset = start;
        self.newlines + 1
    }
}

fn delimiter(text: &str) -> u8 {
    let head: String = text.lines().take(20).collect::<Vec<_>>().join("\n");
    let count = |c: char| head.matches(c).count();
    [b'\t', b';']
        .into_iter()
        .filter(|d| count(char::from(*d)) > count(','))
        .max_by_key(|d| count(char::from(*d)))
        .unwrap_or(b',')
}

/// Reads the first sheet of an XLSX (or XLS, ODS) workbook.
pub(crate) fn read_workbook(bytes: &[u8]) -> Result<Rows, String> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| format!("cannot read the workbook: {e}"))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or("the workbook has no sheet")?
        .map_err(|e| format!("cannot read the first sheet: {e}"))?;
    let (top, left) = range.start().unwrap_or((0, 0));
    let pad = usize::try_from(left).unwrap_or(0);
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, row)| {
            let line = usize::try_from(top).unwrap_or(0) + i + 1;
            let cells = std::iter::repeat_n(String::new(), pad)
                .chain(row.iter().map(cell_text))
                .collect();
            (line, cells)
        })
        .collect())
}

/// A cell as text; whole numbers (ids, GTINs) without a decimal point.
fn cell_text(cell: &Data) -> String {
    match cell {
        #[allow(clippy::cast_possible_truncation)]
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Empty => String::new(),
        other => other.to_string().trim().to_owned(),
    }
}

/// The records under the header at `rows[header]`.
pub(crate) fn table(rows: Rows, header: usize) -> Table {
    let mut rows = rows.into_iter().skip(header);
    let Some((header_line, names)) = rows.next() else {
        return Table::default();
    };
    let heads: Vec<(Rc<str>, Rc<str>)> = names
        .iter()
        .map(|n| (Rc::from(n.as_str()), Rc::from(norm(n))))
        .collect();
    let records = rows
        .map(|(line, cells)| Record {
            line,
            fields: heads
                .iter()
                .zip(cells.into_iter().chain(std::iter::repeat(String::new())))
                .enumerate()
                .map(|(i, ((name, key), value))| Field {
                    name: Rc::clone(name),
                    key: Rc::clone(key),
                    value,
                    line,
                    column: i + 1,
                })
                .collect(),
        })
        .collect();
    Table {
        header: names,
        header_line,
        records,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_loosely() {
        assert_eq!(norm(" Ad  Group "), "ad group");
        assert_eq!(norm("g:Price"), "price");
        assert_eq!(norm("ads_redirect"), "ads redirect");
        assert_eq!(norm("\u{feff}Campaign"), "campaign");
    }

    #[test]
    fn the_delimiter_is_the_one_used_most() {
        assert_eq!(delimiter("a\tb\tc\n1\t2,5\t3"), b'\t');
        assert_eq!(delimiter("Ad report\n\"Dec 1, 2026\"\na,b,c\n"), b',');
        assert_eq!(delimiter("a;b;c\n1,5;2;3"), b';');
    }

    #[test]
    fn short_rows_are_padded_and_lines_kept() {
        let rows = read_delimited("Title\r\nA,B\r\n1\r\n\"x\ny\",2\r\n").unwrap();
        let t = table(rows, 1);
        assert_eq!(t.header, ["A", "B"]);
        assert_eq!(t.records[0].text("b"), "");
        assert_eq!(t.records[1].line, 4);
        assert_eq!(t.records[1].get("b").unwrap().column, 2);
        assert!(t.records[0].get("b").is_none());
    }
}
