//! Splitting one audit across machines. Every ad goes to the shard its
//! landing host hashes to, with a hash that is the same on every machine and
//! in every release (FNV-1a over the lower-case host name), so all the ads
//! of one shop land on one machine and its per-host politeness limits still
//! hold when N machines audit at once. [`merge()`](crate::merge()) puts the shard
//! reports back together.

use std::collections::HashMap;
use std::fmt;
use std::hash::Hasher;
use std::str::FromStr;

use url::Url;

use crate::campaign::{Campaign, CampaignFile, Entry, SkippedAd};

/// One shard of N: `index` runs from 0 to `count - 1`, like a Kubernetes
/// Indexed Job's `JOB_COMPLETION_INDEX`.
///
/// ```
/// use landcheck::{parse_campaigns, Shard};
///
/// let shard: Shard = "1/2".parse().unwrap();
/// assert_eq!((shard.index(), shard.count()), (1, 2));
/// assert!("2/2".parse::<Shard>().is_err());
///
/// // A host's ads all go to one shard, so its politeness limits hold.
/// let json = r#"{"campaigns": [{"id": "c", "name": "C", "ads": [
///     {"id": "a", "url": "https://a.example/1", "product": {"name": "Shoe"}},
///     {"id": "b", "url": "https://a.example/2", "product": {"name": "Boot"}}]}]}"#;
/// let file = parse_campaigns(json, std::path::Path::new("c.json")).unwrap();
/// let mine = shard.select(&file).ads().count();
/// let expected = if Shard::of_host("a.example", 2) == 1 { 2 } else { 0 };
/// assert_eq!(mine, expected);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    index: u32,
    count: u32,
}

impl Shard {
    /// Shard `index` of `count`, or a plain message when `index` is not
    /// below `count` or `count` is 0.
    ///
    /// # Errors
    /// When the pair names no shard.
    pub fn new(index: u32, count: u32) -> Result<Self, String> {
        if count == 0 {
            return Err("the number of shards must be 1 or more".into());
        }
        if index >= count {
            return Err(format!(
                "shard {index} of {count} does not exist: shards are numbered 0 to {}",
                count - 1
            ));
        }
        Ok(Self { index, count })
    }

    /// This shard's number, from 0.
    #[must_use]
    pub fn index(self) -> u32 {
        self.index
    }

    /// How many shards there are.
    #[must_use]
    pub fn count(self) -> u32 {
        self.count
    }

    /// The shard, of `count`, that the ads to `host` belong to.
    #[must_use]
    pub fn of_host(host: &str, count: u32) -> u32 {
        let mut hasher = fnv::FnvHasher::default();
        hasher.write(host.to_ascii_lowercase().as_bytes());
        let shard = hasher.finish() % u64::from(count.max(1));
        // The remainder is below `count`, a u32.
        u32::try_from(shard).unwrap_or(0)
    }

    /// Whether the ads to `url` belong to this shard. A URL without a host
    /// counts as the empty host name, so it still belongs to exactly one.
    #[must_use]
    pub fn has_url(self, url: &Url) -> bool {
        Self::of_host(url.host_str().unwrap_or_default(), self.count) == self.index
    }

    /// Whether an ad whose URL is written `url` belongs to this shard;
    /// text that is not a URL counts as the empty host name.
    fn has_url_text(self, url: &str) -> bool {
        let host = Url::parse(url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_owned))
            .unwrap_or_default();
        Self::of_host(&host, self.count) == self.index
    }

    /// The part of `file` this shard audits: the ads (and invalid ad
    /// entries) whose host hashes to it, in file order. Campaigns keep
    /// their ids and names even when none of their ads is in the shard.
    /// Positions count within the shard; [`merge()`](crate::merge()) restores the
    /// file's own.
    #[must_use]
    pub fn select(self, file: &CampaignFile) -> CampaignFile {
        let mut campaigns: Vec<Campaign> = file
            .campaigns
            .iter()
            .map(|c| Campaign {
                id: c.id.clone(),
                name: c.name.clone(),
                ads: Vec::new(),
            })
            .collect();
        // By address: the slot of the very campaign an entry belongs to.
        let slot_of: HashMap<*const Campaign, usize> = file
            .campaigns
            .iter()
            .enumerate()
            .map(|(i, c)| (std::ptr::from_ref(c), i))
            .collect();
        let mut skipped = Vec::new();
        let kept = file
            .entries()
            .filter(|e| self.has_url_text(e.url_text()))
            .enumerate();
        for (position, entry) in kept {
            match entry {
                Entry::Valid { campaign, ad, .. } => {
                    campaigns[slot_of[&std::ptr::from_ref(campaign)]]
                        .ads
                        .push(ad.clone());
                }
                Entry::Invalid(s) => skipped.push(SkippedAd {
                    position,
                    ..s.clone()
                }),
            }
        }
        CampaignFile { campaigns, skipped }
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl FromStr for Shard {
    type Err = String;

    /// Parses `K/N`, e.g. `0/4` for the first of four shards.
    fn from_str(s: &str) -> Result<Self, String> {
        let parse = |part: &str| part.trim().parse::<u32>().ok();
        match s.split_once('/').map(|(k, n)| (parse(k), parse(n))) {
            Some((Some(index), Some(count))) => Self::new(index, count),
            _ => Err(format!(
                "\"{s}\" is not a shard: write K/N, e.g. 0/4 for the first of 4 shards"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_k_of_n() {
        assert_eq!("2/5".parse(), Shard::new(2, 5));
        assert_eq!(" 0 / 1 ".parse::<Shard>().unwrap().to_string(), "0/1");
        let err = "5/5".parse::<Shard>().unwrap_err();
        assert!(err.contains("numbered 0 to 4"), "{err}");
        assert!("1/0".parse::<Shard>().unwrap_err().contains("1 or more"));
        assert!("3".parse::<Shard>().unwrap_err().contains("K/N"));
        assert!("a/b".parse::<Shard>().unwrap_err().contains("K/N"));
    }

    /// These values are part of the contract: machines running different
    /// releases must agree on them. They were computed apart from this
    /// code, from the FNV-1a 64-bit definition.
    #[test]
    fn shard_of_a_host_never_changes() {
        let expect = [
            ("shop.example", 8, 1),
            ("books.example", 8, 1),
            ("outdoor.example", 8, 3),
            ("www.zalando.de", 16, 8),
            ("shop.example", 3, 1),
            ("books.example", 3, 2),
            ("butik.example", 3, 0),
            ("", 8, 5),
        ];
        for (host, count, shard) in expect {
            assert_eq!(Shard::of_host(host, count), shard, "{host} of {count}");
        }
        assert_eq!(
            Shard::of_host("Shop.EXAMPLE", 8),
            Shard::of_host("shop.example", 8)
        );
    }

    #[test]
    fn hosts_spread_over_shards() {
        let mut counts = [0_u32; 4];
        for i in 0..400 {
            counts[Shard::of_host(&format!("shop{i}.example"), 4) as usize] += 1;
        }
        assert!(
            counts.iter().all(|&n| (70..=130).contains(&n)),
            "{counts:?}"
        );
    }

    fn file() -> CampaignFile {
        let mut ads = Vec::new();
        for i in 0..40 {
            ads.push(format!(
                r#"{{"id": "a{i}", "url": "https://shop{}.example/p/{i}", "product": {{"name": "Shoe"}}}}"#,
                i % 13
            ));
        }
        ads.push(r#"{"id": "bad", "url": "not a url", "product": {"name": "Shoe"}}"#.into());
        ads.push(r#"{"id": "bad2", "url": "https://shop3.example/x"}"#.into());
        let (first, second) = ads.split_at(20);
        let text = format!(
            r#"{{"campaigns": [{{"id": "c1", "name": "One", "ads": [{}]}}, {{"id": "c2", "name": "Two", "ads": [{}]}}]}}"#,
            first.join(","),
            second.join(",")
        );
        crate::campaign::parse_lenient(&text, std::path::Path::new("t.json")).unwrap()
    }

    fn ids(file: &CampaignFile) -> Vec<String> {
        file.entries().map(|e| e.ad_id().to_owned()).collect()
    }

    #[test]
    fn every_ad_is_in_exactly_one_shard() {
        let file = file();
        assert_eq!(file.skipped.len(), 2);
        let whole = ids(&file);
        for count in [1, 2, 3, 7] {
            let mut seen: Vec<String> = Vec::new();
            for index in 0..count {
                let part = Shard::new(index, count).unwrap().select(&file);
                let part_ids = ids(&part);
                // Positions within a shard run 0, 1, 2, … in file order,
                // and the shard keeps the file's order.
                let positions: Vec<usize> = part.entries().map(|e| e.position()).collect();
                assert_eq!(positions, (0..part.ad_count()).collect::<Vec<_>>());
                let in_file_order: Vec<String> = whole
                    .iter()
                    .filter(|id| part_ids.contains(id))
                    .cloned()
                    .collect();
                assert_eq!(part_ids, in_file_order);
                assert_eq!(part.campaigns.len(), 2);
                seen.extend(part_ids);
            }
            seen.sort();
            let mut expected = whole.clone();
            expected.sort();
            assert_eq!(seen, expected, "{count} shards");
        }
    }

    #[test]
    fn one_host_stays_on_one_shard() {
        let file = file();
        for index in 0..3 {
            let part = Shard::new(index, 3).unwrap().select(&file);
            for (_, ad) in part.ads() {
                assert_eq!(Shard::of_host(ad.url.host_str().unwrap(), 3), index);
            }
        }
    }
}
