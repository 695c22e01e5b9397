//! The flags behind what the library reports. The library says what
//! happened in the product's words ("the time allowed for one request",
//! "try the other device"); only the command line knows which flag changes
//! it, so the hints that name flags are added here, at the edge.

use landcheck::{AdResult, FetchError, PageKind};

/// The flag that changes the limit a fetch ran into, said as what to do.
pub(crate) fn for_fetch(error: &FetchError) -> Option<&'static str> {
    Some(match error {
        FetchError::Timeout { .. } => "raise it with --timeout",
        FetchError::AdDeadline { .. } => "raise it with --ad-timeout",
        FetchError::PrivateNetwork { .. } => "allow it with --allow-private-network",
        FetchError::BodyTooLarge { .. } => "raise it with --max-body",
        FetchError::TooManyRedirects { .. } => "raise it with --max-redirects",
        FetchError::HostHung { .. } => "--down-after-timeouts sets how many",
        _ => return None,
    })
}

/// What in a run's results a flag could change, told once at its end.
#[derive(Debug, Default)]
pub(crate) struct Hints {
    /// Ads whose page a bot wall, captcha or login answered.
    blocked: usize,
}

impl Hints {
    /// Notes one ad's result.
    pub(crate) fn observe(&mut self, result: &AdResult) {
        if result.page_kind() == Some(PageKind::Blocked) {
            self.blocked += 1;
        }
    }

    /// The hint lines, empty when there is nothing a flag could change.
    pub(crate) fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if self.blocked > 0 {
            let n = self.blocked;
            lines.push(format!(
                "{n} ad{} blocked by the shop's protection: send the header or cookie it expects with --header NAME:VALUE, or try the other --device",
                if n == 1 { " was" } else { "s were" }
            ));
        }
        lines
    }

    /// Prints the hint lines on stderr.
    pub(crate) fn print(&self) {
        for line in self.lines() {
            eprintln!("landcheck: hint: {line}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_name_their_flag_and_other_failures_none() {
        let hint = for_fetch(&FetchError::Timeout { seconds: 20.0 });
        assert_eq!(hint, Some("raise it with --timeout"));
        let hint = for_fetch(&FetchError::BodyTooLarge { limit: 10 });
        assert_eq!(hint, Some("raise it with --max-body"));
        let dns = FetchError::Dns {
            host: "shop.example".into(),
            detail: "no such host".into(),
        };
        assert_eq!(for_fetch(&dns), None);
    }

    #[test]
    fn blocked_pages_are_counted_into_one_hint() {
        let mut hints = Hints::default();
        assert!(hints.lines().is_empty());
        hints.blocked = 2;
        let lines = hints.lines();
        assert_eq!(lines.len(), 1);
        assert!(lines[0].starts_with("2 ads were blocked"));
        assert!(lines[0].contains("--header") && lines[0].contains("--device"));
    }
}
