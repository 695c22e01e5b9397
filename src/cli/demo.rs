//! `landcheck demo`: the bundled example campaign against the embedded
//! local shop, so a new user sees a whole audit in seconds.

use std::process::ExitCode;

use anyhow::Result;
use landcheck::HostPolicy;
use landcheck::{example_campaigns, DemoShop};

use super::config::settings;
use super::groups::DemoArgs;
use super::record::Origin;
use super::{audit_and_report, history, EXIT_OK};

/// Starts the shop, audits the example campaigns against it, and succeeds
/// whatever the ads' verdicts.
pub(super) async fn run(run: DemoArgs) -> Result<ExitCode> {
    let mut settings = settings(run.into(), None)?;
    let shop = DemoShop::start().await?;
    let campaigns = example_campaigns()?;
    // The demo shop is local: no need to be polite to it.
    let local = HostPolicy {
        per_host: settings.fetch.host.per_host,
        host_rate: None,
    };
    for r in shop.resolves() {
        settings
            .fetch
            .host_overrides
            .entry(r.host.clone())
            .or_insert(local);
        settings.fetch.resolve.push(r);
    }
    if !settings.quiet {
        eprintln!(
            "landcheck demo: a local shop on {} serves fixtures/ for {}; auditing campaigns.example.json ({} ads)",
            shop.addr(),
            shop.resolves().iter().map(|r| r.host.as_str()).collect::<Vec<_>>().join(", "),
            campaigns.ad_count()
        );
    }
    // A demo that ran is a success, whatever its ads' verdicts.
    let origin = Origin {
        name: "campaigns.example.json (built in)".to_owned(),
        path: None,
        sha256: landcheck::sha256_of(landcheck::EXAMPLE_CAMPAIGNS.as_bytes())?,
        shard: None,
    };
    let tracker = history::Tracker::start(&settings, None, "demo")?;
    let ads = super::Ads::Held {
        campaigns: &campaigns,
        whole: &campaigns,
    };
    let finished = audit_and_report(ads, settings, Some(origin), tracker).await?;
    Ok(ExitCode::from(finished.signal.unwrap_or(EXIT_OK)))
}
