//! Options from the command line and from `landcheck.toml`, merged into
//! the settings one run uses. The command line wins over the file; lists
//! (`header`, `resolve`) from both are kept. The file is `--config FILE`,
//! or else `landcheck.toml` next to the campaign file when there is one.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use landcheck::{Device, HostPolicy};
use landcheck::{FetchOptions, Format, DEFAULT_CONCURRENCY};

use super::args::{FailOn, RunArgs};

/// The name of the config file looked for next to a campaign file.
pub(crate) const CONFIG_FILE: &str = "landcheck.toml";

/// Everything one run needs, with defaults filled in.
pub(crate) struct Settings {
    pub(crate) fetch: FetchOptions,
    pub(crate) concurrency: usize,
    pub(crate) format: Format,
    pub(crate) output: Option<PathBuf>,
    pub(crate) resume: Option<PathBuf>,
    pub(crate) html: Option<PathBuf>,
    pub(crate) history: Option<PathBuf>,
    pub(crate) no_history: bool,
    pub(crate) quiet: bool,
    pub(crate) fail_on: FailOn,
    pub(crate) taxonomy: Option<PathBuf>,
    pub(crate) explain: bool,
    pub(crate) skip_invalid_ads: bool,
    pub(crate) notify_webhook: Option<url::Url>,
    pub(crate) input: super::input::InputTable,
}

/// Reads the config file that applies (if any) and merges `cli` over it.
pub(crate) fn settings(cli: RunArgs, campaign: Option<&Path>) -> Result<Settings> {
    let beside = campaign
        .map(|c| c.with_file_name(CONFIG_FILE))
        .filter(|p| p.is_file());
    let file = match cli.config.clone().or(beside) {
        Some(path) => read(&path)?,
        None => RunArgs::default(),
    };
    Ok(resolve(merge(cli, file)))
}

fn read(path: &Path) -> Result<RunArgs> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the config file {}", path.display()))?;
    let mut args: RunArgs = toml::from_str(&text)
        .map_err(|e| anyhow::anyhow!("{} is not a valid config file: {e}", path.display()))?;
    // Paths in the file are relative to the file's folder, so that a cron
    // job finds them from whatever directory it starts in.
    let folder = path.parent().unwrap_or(Path::new(""));
    let beside = |p: PathBuf| if p.is_absolute() { p } else { folder.join(p) };
    args.taxonomy = args.taxonomy.map(beside);
    args.output = args.output.map(beside);
    args.html = args.html.map(beside);
    args.history = args.history.map(beside);
    Ok(args)
}

/// `cli` over `file`.
fn merge(cli: RunArgs, file: RunArgs) -> RunArgs {
    RunArgs {
        config: cli.config,
        format: cli.format.or(file.format),
        output: cli.output.or(file.output),
        resume: cli.resume,
        html: cli.html.or(file.html),
        // A history named on the command line wins over `no-history` in the file.
        no_history: cli.no_history || (file.no_history && cli.history.is_none()),
        history: cli.history.or(file.history),
        quiet: cli.quiet || file.quiet,
        fail_on: cli.fail_on.or(file.fail_on),
        concurrency: cli.concurrency.or(file.concurrency),
        per_host: cli.per_host.or(file.per_host),
        host_rate: cli.host_rate.or(file.host_rate),
        timeout: cli.timeout.or(file.timeout),
        connect_timeout: cli.connect_timeout.or(file.connect_timeout),
        ad_timeout: cli.ad_timeout.or(file.ad_timeout),
        retries: cli.retries.or(file.retries),
        retry_after_max: cli.retry_after_max.or(file.retry_after_max),
        down_after_timeouts: cli.down_after_timeouts.or(file.down_after_timeouts),
        max_body: cli.max_body.or(file.max_body),
        max_redirects: cli.max_redirects.or(file.max_redirects),
        device: cli.device.or(file.device),
        header: file.header.into_iter().chain(cli.header).collect(),
        resolve: file.resolve.into_iter().chain(cli.resolve).collect(),
        allow_private_network: cli.allow_private_network || file.allow_private_network,
        taxonomy: cli.taxonomy.or(file.taxonomy),
        explain: cli.explain || file.explain,
        skip_invalid_ads: cli.skip_invalid_ads || file.skip_invalid_ads,
        notify_webhook: cli.notify_webhook.or(file.notify_webhook),
        hosts: file.hosts,
        input: file.input,
    }
}

fn resolve(args: RunArgs) -> Settings {
    let seconds =
        |value: Option<f64>, default: Duration| value.map_or(default, Duration::from_secs_f64);
    let rate = |r: f64| (r > 0.0).then_some(r);
    let host = HostPolicy {
        per_host: args.per_host.unwrap_or(landcheck::DEFAULT_PER_HOST),
        host_rate: args
            .host_rate
            .map_or(Some(landcheck::DEFAULT_HOST_RATE), rate),
    };
    let host_overrides = args
        .hosts
        .iter()
        .map(|(name, h)| {
            let policy = HostPolicy {
                per_host: h.per_host.unwrap_or(host.per_host),
                host_rate: h.host_rate.map_or(host.host_rate, rate),
            };
            (name.clone(), policy)
        })
        .collect();
    let fetch = FetchOptions {
        connect_timeout: seconds(args.connect_timeout, landcheck::DEFAULT_CONNECT_TIMEOUT),
        timeout: seconds(args.timeout, landcheck::DEFAULT_TIMEOUT),
        ad_timeout: seconds(args.ad_timeout, landcheck::DEFAULT_AD_TIMEOUT),
        max_body_bytes: args.max_body.unwrap_or(landcheck::DEFAULT_MAX_BODY_BYTES),
        max_redirects: args
            .max_redirects
            .unwrap_or(landcheck::DEFAULT_MAX_REDIRECTS),
        host,
        host_overrides,
        retries: args.retries.unwrap_or(landcheck::DEFAULT_RETRIES),
        retry_after_cap: seconds(args.retry_after_max, landcheck::DEFAULT_RETRY_AFTER_CAP),
        down_after: landcheck::DEFAULT_DOWN_AFTER,
        down_after_timeouts: args
            .down_after_timeouts
            .unwrap_or(landcheck::DEFAULT_DOWN_AFTER_TIMEOUTS),
        user_agent: args
            .device
            .map(Device::from)
            .unwrap_or_default()
            .user_agent(),
        headers: args.header,
        allow_private_network: args.allow_private_network,
        resolve: args.resolve,
    };
    Settings {
        fetch,
        concurrency: args.concurrency.unwrap_or(DEFAULT_CONCURRENCY),
        // Only a JSON Lines report can be resumed.
        format: args.format.map_or_else(
            || {
                if args.resume.is_some() {
                    Format::Jsonl
                } else {
                    Format::default()
                }
            },
            Into::into,
        ),
        output: args.output,
        resume: args.resume,
        html: args.html,
        history: args.history,
        no_history: args.no_history,
        quiet: args.quiet,
        fail_on: args.fail_on.unwrap_or(FailOn::Fail),
        taxonomy: args.taxonomy,
        explain: args.explain,
        skip_invalid_ads: args.skip_invalid_ads,
        notify_webhook: args.notify_webhook,
        input: args.input,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> RunArgs {
        toml::from_str(text).unwrap()
    }

    #[test]
    fn command_line_wins_and_lists_add_up() {
        let cli = RunArgs {
            timeout: Some(5.0),
            header: vec![("X-Cli".into(), "1".into())],
            ..RunArgs::default()
        };
        let merged = resolve(merge(
            cli,
            file("timeout = 9\nconnect-timeout = 3\nheader = [\"X-File: 2\"]\nhost-rate = 0\n[hosts.\"slow.example\"]\nper-host = 1\n"),
        ));
        assert_eq!(merged.fetch.timeout, Duration::from_secs(5));
        assert_eq!(merged.fetch.connect_timeout, Duration::from_secs(3));
        assert_eq!(merged.fetch.headers.len(), 2);
        assert_eq!(merged.fetch.host.host_rate, None);
        let slow = merged.fetch.host_overrides["slow.example"];
        assert_eq!((slow.per_host, slow.host_rate), (1, None));
        assert_eq!(merged.fetch.host.per_host, landcheck::DEFAULT_PER_HOST);
    }

    #[test]
    fn a_history_named_on_the_command_line_wins_over_no_history_in_the_file() {
        let file = || file("no-history = true\nhtml = \"night.html\"\n");
        let off = resolve(merge(RunArgs::default(), file()));
        assert!(off.no_history);
        assert_eq!(off.html.as_deref(), Some(Path::new("night.html")));
        let cli = RunArgs {
            history: Some("h.db".into()),
            ..RunArgs::default()
        };
        let on = resolve(merge(cli, file()));
        assert!(!on.no_history);
        assert_eq!(on.history.as_deref(), Some(Path::new("h.db")));
    }

    #[test]
    fn the_file_names_a_webhook_and_sizes_with_units() {
        let merged = resolve(merge(
            RunArgs::default(),
            file("notify-webhook = \"https://hooks.example/T0/B0/x\"\nmax-body = \"512KiB\"\n"),
        ));
        assert_eq!(
            merged.notify_webhook.unwrap().as_str(),
            "https://hooks.example/T0/B0/x"
        );
        assert_eq!(merged.fetch.max_body_bytes, 512 * 1024);
    }

    #[test]
    fn unknown_key_is_named() {
        let err = toml::from_str::<RunArgs>("timeout = 3\ntimeuot = 4\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown field `timeuot`"), "{err}");
    }
}
