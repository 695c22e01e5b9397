//! Google Merchant Center product feeds, as TSV or as RSS 2.0 / Atom XML
//! with the `g:` namespace. Each item is an ad whose declared product is
//! the item itself, landing on `ads_redirect` when the feed has one, else
//! on `link`; `sale_price` wins over `price`, as it does in Shopping ads.

use quick_xml::encoding::Decoder;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::build::{Builder, Draft};
use super::pick::{name_of, Names};
use super::records::{norm, Field, Record};
use super::{InputOptions, SkipReason};

/// The items of an XML feed and its title.
#[derive(Debug)]
pub(crate) struct Feed {
    pub(crate) title: Option<String>,
    pub(crate) records: Vec<Record>,
}

/// Adds a feed's items to `builder`; the campaign is named after the
/// feed's title, else after the file.
pub(crate) fn add(
    records: &[Record],
    title: Option<&str>,
    options: &InputOptions,
    builder: &mut Builder<'_>,
) {
    if let Some(title) = title.filter(|t| !t.trim().is_empty()) {
        builder.set_default_campaign(title);
    }
    let names = if options.name_from.is_empty() {
        Names {
            columns: vec!["title".to_owned()],
            joined: false,
        }
    } else {
        Names {
            columns: options.name_from.iter().map(|n| norm(n)).collect(),
            joined: true,
        }
    };
    for record in records {
        if record.is_blank() {
            continue;
        }
        // `pause: ads` keeps an item out of ads while it stays in the feed.
        let paused = record.text("pause").eq_ignore_ascii_case("ads");
        if builder.skip_status(paused.then_some(SkipReason::Paused)) {
            continue;
        }
        let link = record.pick(&["link", "mobile link"]);
        let (url, display_url) = match record.get("ads redirect") {
            // A click tracker on another site must still end on the shop's.
            Some(redirect) => {
                let other_host = link
                    .as_ref()
                    .is_some_and(|l| host(&l.value) != host(&redirect.value));
                (Some(redirect.clone()), link.filter(|_| other_host))
            }
            None => (link, None),
        };
        let category = record.get("product type").cloned().or_else(|| {
            record
                .get("google product category")
                .filter(|f| !f.value.chars().all(|c| c.is_ascii_digit()))
                .cloned()
        });
        builder.add(&Draft {
            line: record.line,
            id: record.pick(&["id"]),
            url,
            display_url,
            name: Some(name_of(record, &names)),
            brand: record.pick(&["brand"]),
            category,
            price: record.pick(&["sale price", "price"]),
            gtin: record.pick(&["gtin"]),
            mpn: record.pick(&["mpn"]),
            availability: record.pick(&["availability"]),
            ..Draft::default()
        });
    }
}

fn host(url: &str) -> Option<String> {
    url::Url::parse(url.trim())
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
}

/// Reads an RSS 2.0 (`<rss><channel><item>`) or Atom (`<feed><entry>`)
/// feed: each item's child elements become its fields, `<link href>`
/// included. Errors carry the line they were found on.
pub(crate) fn read_xml(text: &str) -> Result<Feed, (usize, String)> {
    let mut reader = Reader::from_str(text);
    let mut lines = Lines::default();
    let mut feed = Feed {
        title: None,
        records: Vec::new(),
    };
    let mut depth = 0;
    // The item being read and its depth; the field being read and its depth.
    let mut item: Option<(Record, usize)> = None;
    let mut field: Option<(Field, usize)> = None;
    loop {
        let before = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = reader.read_event().map_err(|e| {
            let at = usize::try_from(reader.error_position()).unwrap_or(0);
            (lines.at(text, at).0, format!("is not well-formed XML: {e}"))
        })?;
        let start = text
            .get(before..)
            .and_then(|t| t.find('<'))
            .map_or(before, |i| before + i);
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let at = depth + 1;
                if !empty {
                    depth += 1;
                }
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                let local = norm(&name);
                let (line, column) = lines.at(text, start);
                if at == 1 && !matches!(local.as_str(), "rss" | "feed") {
                    return Err((line, format!("is XML with the root <{name}>, not a product feed: expected an RSS 2.0 <rss> or an Atom <feed> with g: fields")));
                }
                let href = href(e, reader.decoder());
                let opened = Field::new(&name, href.unwrap_or_default(), line, column);
                match &mut item {
                    None if matches!(local.as_str(), "item" | "entry") && !empty => {
                        item = Some((
                            Record {
                                line,
                                fields: Vec::new(),
                            },
                            at,
                        ));
                    }
                    Some((record, item_depth)) if at == *item_depth + 1 && field.is_none() => {
                        if empty || !opened.value.is_empty() {
                            record.fields.push(opened);
                        } else {
                            field = Some((opened, at));
                        }
                    }
                    None if local == "title" && feed.title.is_none() && at <= 3 && !empty => {
                        field = Some((opened, at));
                    }
                    _ => {}
                }
            }
            Event::End(_) => {
                if field.as_ref().is_some_and(|(_, d)| *d == depth) {
                    let (mut done, _) = field.take().expect("checked above");
                    let kept = done.value.trim().to_owned();
                    done.value = kept;
                    match &mut item {
                        Some((record, _)) => record.fields.push(done),
                        None => feed.title = Some(done.value),
                    }
                } else if item.as_ref().is_some_and(|(_, d)| *d == depth) {
                    feed.records.push(item.take().expect("checked above").0);
                }
                depth = depth.saturating_sub(1);
            }
            Event::Text(t) => append(field.as_mut(), t.xml10_content().ok().as_deref()),
            Event::CData(c) => append(field.as_mut(), c.decode().ok().as_deref()),
            Event::GeneralRef(r) => append(field.as_mut(), Some(&entity(&r))),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(feed)
}

/// The `href` of an element (Atom's `<link href>`), trimmed.
fn href(e: &BytesStart<'_>, decoder: Decoder) -> Option<String> {
    e.try_get_attribute("href")
        .ok()
        .flatten()
        .and_then(|a| {
            a.decoded_and_normalized_value(XmlVersion::Implicit1_0, decoder)
                .ok()
        })
        .map(|v| v.trim().to_owned())
}

/// Adds text to the field being read, if any.
fn append(field: Option<&mut (Field, usize)>, text: Option<&str>) {
    if let (Some((f, _)), Some(text)) = (field, text) {
        f.value.push_str(text);
    }
}

/// The text an entity or character reference stands for; an unknown
/// entity is kept as written.
fn entity(r: &BytesRef<'_>) -> String {
    let name = r.decode().unwrap_or_default();
    match r.resolve_char_ref() {
        Ok(Some(c)) => c.to_string(),
        _ => resolve_predefined_entity(&name).map_or_else(|| format!("&{name};"), str::to_owned),
    }
}

/// Line and column of byte offsets met in increasing order, counted once.
#[derive(Default)]
struct Lines {
    offset: usize,
    newlines: usize,
    line_start: usize,
}

impl Lines {
    /// The 1-based line and character column of `offset`.
    fn at(&mut self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        if offset < self.offset {
            *self = Self::default();
        }
        for (i, b) in text.as_bytes()[self.offset..offset].iter().enumerate() {
            if *b == b'\n' {
                self.newlines += 1;
                self.line_start = self.offset + i + 1;
            }
        }
        self.offset = offset;
        let column = text
            .get(self.line_start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (self.newlines + 1, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_become_records_with_their_positions() {
        let xml = "<?xml version=\"1.0\"?>\n<rss xmlns:g=\"http://base.google.com/ns/1.0\" version=\"2.0\">\n<channel><title>Shop &amp; Co</title>\n<item>\n  <g:id>A1</g:id>\n  <title><![CDATA[Kånken & more]]></title>\n  <g:price>1&#48;.00 USD</g:price>\n  <g:shipping><g:price>1 USD</g:price></g:shipping>\n</item></channel></rss>";
        let feed = read_xml(xml).unwrap();
        assert_eq!(feed.title.as_deref(), Some("Shop & Co"));
        let item = &feed.records[0];
        assert_eq!(item.line, 4);
        assert_eq!(item.text("title"), "Kånken & more");
        let price = item.get("price").unwrap();
        assert_eq!(
            (price.value.as_str(), price.line, price.column),
            ("10.00 USD", 7, 3)
        );
        assert_eq!(item.fields.len(), 4);
    }

    #[test]
    fn atom_links_are_read_from_href_and_a_wrong_root_is_named() {
        let xml = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>F</title><entry><g:id>1</g:id><link href=\"https://shop.example/p\"/></entry></feed>";
        let feed = read_xml(xml).unwrap();
        assert_eq!(feed.records[0].text("link"), "https://shop.example/p");
        let err = read_xml("<html><body/></html>").unwrap_err();
        assert_eq!(err.0, 1);
        assert!(err.1.contains("root <html>"), "{}", err.1);
        assert!(read_xml("<rss><channel><item></channel></rss>").is_err());
    }
}
