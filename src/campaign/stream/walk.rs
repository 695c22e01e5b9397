//! The serde walk under [`super::StreamedFile`]: campaign JSON read from
//! disk one ad at a time, each ad handed on as a small JSON value with its
//! campaign, and the walk ended at anything the whole-file loader must
//! report instead.

use std::collections::HashSet;
use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use crate::campaign::{LoadError, LoadResult};

/// The campaign an ad belongs to.
pub(super) struct Head {
    /// Its index among the file's campaigns.
    pub(super) index: usize,
    pub(super) id: String,
    pub(super) name: String,
}

/// What to do after one ad.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Flow {
    Go,
    /// The file needs loading whole.
    Unusual,
    /// The caller wants no more ads.
    Stop,
}

/// How far a walk got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Walked {
    /// Every ad of a plain, well-formed file.
    Whole,
    /// Up to something only the whole-file loader can report.
    Unusual,
    /// Up to where the caller stopped it.
    Stopped,
}

/// Hands every ad of the campaign JSON file at `path`, as a JSON value
/// with its campaign, to `on_ad`.
pub(super) fn walk(path: &Path, on_ad: &mut dyn FnMut(&Head, Value) -> Flow) -> LoadResult<Walked> {
    let read_error = |source| LoadError::Read {
        path: path.to_path_buf(),
        source,
    };
    let mut reader = BufReader::with_capacity(1 << 16, File::open(path).map_err(read_error)?);
    // Only an object can be campaign JSON; a byte-order mark, another
    // encoding or an export is for the whole-file loader to tell apart.
    let starts_as_object = loop {
        let buf = reader.fill_buf().map_err(read_error)?;
        match buf.iter().position(|b| !b.is_ascii_whitespace()) {
            Some(i) => break buf[i] == b'{',
            None if buf.is_empty() => break false,
            None => {
                let n = buf.len();
                reader.consume(n);
            }
        }
    };
    if !starts_as_object {
        return Ok(Walked::Unusual);
    }
    let mut state = State {
        on_ad,
        flow: Flow::Go,
        campaign_ids: HashSet::new(),
    };
    let mut de = serde_json::Deserializer::from_reader(reader);
    let done = de.deserialize_map(Root(&mut state)).and_then(|()| de.end());
    Ok(match (done, state.flow) {
        (_, Flow::Stop) => Walked::Stopped,
        (Ok(()), Flow::Go) => Walked::Whole,
        (Err(e), _) if e.is_io() => return Err(read_error(e.into())),
        _ => Walked::Unusual,
    })
}

struct State<'f> {
    on_ad: &'f mut dyn FnMut(&Head, Value) -> Flow,
    flow: Flow,
    campaign_ids: HashSet<String>,
}

impl State<'_> {
    /// An error that ends the walk, after `flow` says why.
    fn end<E: de::Error>(&mut self, flow: Flow) -> E {
        self.flow = flow;
        E::custom("the walk ends here")
    }
}

struct Root<'s, 'f>(&'s mut State<'f>);

impl<'de> Visitor<'de> for Root<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a campaign file")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut campaigns = false;
        while let Some(key) = map.next_key::<String>()? {
            if key != "campaigns" || campaigns {
                return Err(self.0.end(Flow::Unusual));
            }
            campaigns = true;
            map.next_value_seed(Campaigns(self.0))?;
        }
        if campaigns {
            Ok(())
        } else {
            Err(self.0.end(Flow::Unusual))
        }
    }
}

struct Campaigns<'s, 'f>(&'s mut State<'f>);

impl<'de> DeserializeSeed<'de> for Campaigns<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        de.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Campaigns<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of campaigns")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        while seq
            .next_element_seed(OneCampaign {
                state: self.0,
                index,
            })?
            .is_some()
        {
            index += 1;
        }
        if index == 0 {
            return Err(self.0.end(Flow::Unusual));
        }
        Ok(())
    }
}

struct OneCampaign<'s, 'f> {
    state: &'s mut State<'f>,
    index: usize,
}

impl<'de> DeserializeSeed<'de> for OneCampaign<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<(), D::Error> {
        de.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for OneCampaign<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a campaign")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let (mut id, mut name, mut ads) = (None::<String>, None::<String>, false);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "id" if id.is_none() => id = Some(map.next_value()?),
                "name" if name.is_none() => name = Some(map.next_value()?),
                "ads" if !ads => {
                    let (Some(id), Some(name)) = (&id, &name) else {
                        return Err(self.state.end(Flow::Unusual));
                    };
                    let head = Head {
                        index: self.index,
                        id: id.clone(),
                        name: name.clone(),
                    };
                    if head.id.trim().is_empty()
                        || head.name.trim().is_empty()
                        || !self.state.campaign_ids.insert(head.id.clone())
                    {
                        return Err(self.state.end(Flow::Unusual));
                    }
                    ads = map.next_value_seed(Ads {
                        state: self.state,
                        head,
                    })?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    return Err(self.state.end(Flow::Unusual));
                }
            }
        }
        if ads {
            Ok(())
        } else {
            Err(self.state.end(Flow::Unusual))
        }
    }
}

struct Ads<'s, 'f> {
    state: &'s mut State<'f>,
    head: Head,
}

impl<'de> DeserializeSeed<'de> for Ads<'_, '_> {
    /// Whether the campaign has any ad.
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<bool, D::Error> {
        de.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Ads<'_, '_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of ads")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        let mut any = false;
        while let Some(value) = seq.next_element::<Value>()? {
            any = true;
            match (self.state.on_ad)(&self.head, value) {
                Flow::Go => {}
                flow => return Err(self.state.end(flow)),
            }
        }
        Ok(any)
    }
}
