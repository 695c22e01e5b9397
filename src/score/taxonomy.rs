//! Category trees in the Google product taxonomy text format
//! (`ID - A > B > C` lines, or `A > B > C` without IDs), given with
//! `--taxonomy FILE` to teach landcheck a shop's own categories. The
//! caller reads the file: the score stage does no I/O.

/// A category tree: every path from a root to a node.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Taxonomy {
    /// Each node's path, root first.
    pub paths: Vec<Vec<String>>,
}

impl Taxonomy {
    /// Parses taxonomy text; `#` starts a comment line.
    ///
    /// # Errors
    /// `LINE: reason` for the first line that is not a category path.
    pub fn parse(text: &str) -> std::result::Result<Self, String> {
        let mut paths = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let path = match line.split_once(" - ") {
                Some((id, path)) if id.trim().chars().all(|c| c.is_ascii_digit()) => path,
                _ => line,
            };
            let nodes: Vec<String> = path.split('>').map(|n| n.trim().to_owned()).collect();
            if nodes.iter().any(String::is_empty) {
                return Err(format!(
                    "{}: \"{line}\" is not a category path such as \"187 - Apparel & Accessories > Shoes\"",
                    n + 1
                ));
            }
            paths.push(nodes);
        }
        Ok(Self { paths })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_google_format_with_and_without_ids() {
        let t = Taxonomy::parse("# Google_Product_Taxonomy_Version: 2021-09-21\n1 - Animals & Pet Supplies\n187 - Apparel & Accessories > Shoes\nApparel & Accessories > Clothing\n").unwrap();
        assert_eq!(t.paths.len(), 3);
        assert_eq!(
            t.paths[1],
            vec!["Apparel & Accessories".to_owned(), "Shoes".to_owned()]
        );
        let err = Taxonomy::parse("ok > fine\n12 - Shoes > > Boots\n").unwrap_err();
        assert!(err.starts_with("2: "), "{err}");
    }
}
