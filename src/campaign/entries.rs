//! A campaign file's ad entries in file order, each either an ad to audit
//! or an invalid entry that gets its own error row. Every consumer that
//! must account for each ad exactly once (the audit, shards, merges,
//! reports) walks this one sequence instead of stitching the valid ads and
//! the skipped ones together itself.

use super::{Ad, Campaign, CampaignFile, SkippedAd};

/// One ad entry of a campaign file.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Entry<'a> {
    /// An ad to audit, with the campaign it belongs to.
    Valid {
        /// Position among all ad entries of the file, from 0.
        position: usize,
        /// The campaign it belongs to.
        campaign: &'a Campaign,
        /// The ad.
        ad: &'a Ad,
    },
    /// An entry left out as invalid; it is reported, not audited.
    Invalid(&'a SkippedAd),
}

impl<'a> Entry<'a> {
    /// Position among all ad entries of the file, from 0.
    #[must_use]
    pub fn position(&self) -> usize {
        match self {
            Self::Valid { position, .. } => *position,
            Self::Invalid(skipped) => skipped.position,
        }
    }

    /// The id of the campaign the entry belongs to.
    #[must_use]
    pub fn campaign_id(&self) -> &'a str {
        match self {
            Self::Valid { campaign, .. } => &campaign.id,
            Self::Invalid(skipped) => &skipped.campaign,
        }
    }

    /// The ad's id (`#N` for an invalid entry without one).
    #[must_use]
    pub fn ad_id(&self) -> &'a str {
        match self {
            Self::Valid { ad, .. } => &ad.id,
            Self::Invalid(skipped) => &skipped.ad,
        }
    }

    /// The ad's target URL as the file gives it.
    #[must_use]
    pub fn url_text(&self) -> &'a str {
        match self {
            Self::Valid { ad, .. } => ad.url.as_str(),
            Self::Invalid(skipped) => &skipped.url,
        }
    }
}

impl CampaignFile {
    /// Every ad entry of the file, valid or not, in file order: each
    /// exactly once.
    pub fn entries(&self) -> impl Iterator<Item = Entry<'_>> {
        let mut skipped = self.skipped.iter().peekable();
        let mut valid = self
            .campaigns
            .iter()
            .flat_map(|c| c.ads.iter().map(move |ad| (c, ad)))
            .peekable();
        let mut next = 0;
        std::iter::from_fn(move || {
            let position = next;
            next += 1;
            if let Some(s) = skipped.next_if(|s| s.position <= position) {
                return Some(Entry::Invalid(s));
            }
            match valid.next() {
                Some((campaign, ad)) => Some(Entry::Valid {
                    position,
                    campaign,
                    ad,
                }),
                None => skipped.next().map(Entry::Invalid),
            }
        })
    }

    /// Every ad to audit with the campaign it belongs to, in file order.
    pub fn ads(&self) -> impl Iterator<Item = (&Campaign, &Ad)> {
        self.campaigns
            .iter()
            .flat_map(|c| c.ads.iter().map(move |ad| (c, ad)))
    }

    /// The number of ad entries in the file, skipped ones included.
    #[must_use]
    pub fn ad_count(&self) -> usize {
        self.campaigns.iter().map(|c| c.ads.len()).sum::<usize>() + self.skipped.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaign::parse_lenient;

    #[test]
    fn entries_interleave_invalid_ads_at_their_place() {
        let text = r#"{"campaigns":[
          {"id":"c1","name":"One","ads":[
            {"id":"a","url":"https://s.example/a","product":{"name":"A"}},
            {"id":"b","url":"not a url","product":{"name":"B"}}]},
          {"id":"c2","name":"Two","ads":[
            {"id":"c","url":"https://s.example/c","product":{"name":"C"}},
            {"url":"https://s.example/d"}]}]}"#;
        let file = parse_lenient(text, std::path::Path::new("c.json")).unwrap();
        let seen: Vec<(usize, &str, &str, bool)> = file
            .entries()
            .map(|e| {
                let valid = matches!(e, Entry::Valid { .. });
                (e.position(), e.campaign_id(), e.ad_id(), valid)
            })
            .collect();
        assert_eq!(
            seen,
            [
                (0, "c1", "a", true),
                (1, "c1", "b", false),
                (2, "c2", "c", true),
                (3, "c2", "#4", false),
            ]
        );
        assert_eq!(file.ad_count(), 4);
    }
}
