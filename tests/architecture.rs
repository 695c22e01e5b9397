//! The shape of the library, read from its sources: data flows one way
//! through the stages, so the graph of imports between the top-level
//! modules has no circle, and no stage imports one that comes after it.
//! The extract and score stages do no I/O. Every public enum is
//! `#[non_exhaustive]`, so adding a case is not a breaking change for those
//! who embed the library.

mod reader;

use std::collections::{BTreeMap, BTreeSet};

use reader::{code_only, imports, library_files, root_names};

/// The top-level modules in pipeline order: each may import only the ones
/// before it. `error` wraps the campaign's load errors, `page` is what the
/// fetcher hands the extractors, `audit` wires fetch, extract and score
/// together, `history` marks audited ads against past runs, `report`
/// writes results and marks, `merge` reads reports back, `shard` names
/// the slice of a campaign file one machine audits, and `demo` serves a
/// shop for any of it.
const ORDER: [&str; 12] = [
    "campaign", "error", "page", "fetch", "extract", "score", "audit", "history", "report",
    "merge", "shard", "demo",
];

/// Every import between different top-level modules: (from, to) with one
/// place it is made.
fn edges() -> BTreeMap<(String, String), String> {
    let root = root_names();
    let mut edges = BTreeMap::new();
    for (module, file, text) in library_files() {
        let code = code_only(&text);
        for (to, place) in imports(&module, &code, &root) {
            if to != module[0] {
                edges
                    .entry((module[0].clone(), to))
                    .or_insert_with(|| format!("{file}:{place}"));
            }
        }
    }
    edges
}

/// A circle in the graph, as `a -> b -> a`, if there is one.
fn circle(edges: &BTreeMap<(String, String), String>) -> Option<Vec<String>> {
    fn visit<'a>(
        node: &'a str,
        next: &BTreeMap<&'a str, Vec<&'a str>>,
        path: &mut Vec<&'a str>,
        finished: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|p| *p == node) {
            let mut cycle: Vec<String> = path[start..].iter().map(|p| (*p).to_owned()).collect();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if finished.contains(node) {
            return None;
        }
        path.push(node);
        for to in next.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(to, next, path, finished) {
                return Some(cycle);
            }
        }
        path.pop();
        finished.insert(node);
        None
    }
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (from, to) in edges.keys() {
        next.entry(from).or_default().push(to);
    }
    let mut finished = BTreeSet::new();
    next.keys()
        .find_map(|node| visit(node, &next, &mut Vec::new(), &mut finished))
}

#[test]
fn every_top_level_module_is_in_the_order() {
    let modules: BTreeSet<String> = library_files()
        .into_iter()
        .map(|(m, _, _)| m[0].clone())
        .collect();
    let known: BTreeSet<String> = ORDER.iter().map(|m| (*m).to_owned()).collect();
    assert_eq!(
        modules, known,
        "a top-level module was added or removed: give it its place in ORDER"
    );
}

#[test]
fn the_module_graph_has_no_circle() {
    let edges = edges();
    // The reading itself works: these imports are known to exist.
    for edge in [
        ("score", "extract"),
        ("report", "history"),
        ("fetch", "page"),
    ] {
        assert!(
            edges.contains_key(&(edge.0.to_owned(), edge.1.to_owned())),
            "the import {} -> {} was not seen: {edges:#?}",
            edge.0,
            edge.1
        );
    }
    if let Some(cycle) = circle(&edges) {
        let places: Vec<String> = cycle
            .windows(2)
            .map(|w| {
                format!(
                    "  {} -> {}: {}",
                    w[0],
                    w[1],
                    edges[&(w[0].clone(), w[1].clone())]
                )
            })
            .collect();
        panic!(
            "the modules import each other in a circle: {}\n{}",
            cycle.join(" -> "),
            places.join("\n")
        );
    }
}

#[test]
fn no_stage_imports_a_later_one() {
    let rank = |m: &str| ORDER.iter().position(|o| *o == m).unwrap();
    let against: Vec<String> = edges()
        .into_iter()
        .filter(|((from, to), _)| rank(to) > rank(from))
        .map(|((from, to), place)| format!("  {from} imports {to}, which comes after it ({place})"))
        .collect();
    assert!(
        against.is_empty(),
        "imports against the pipeline order {}:\n{}",
        ORDER.join(" -> "),
        against.join("\n")
    );
}

#[test]
fn the_reader_finds_imports_in_every_form_and_ignores_prose() {
    let root = BTreeMap::from([("Verdict".to_owned(), "score".to_owned())]);
    let module = vec!["report".to_owned(), "table".to_owned()];
    let code = code_only(
        "//! Uses crate::merge in prose only.\n\
         use crate::{audit::AdResult, history::{Mark, Marks}};\n\
         use crate::Verdict;\n\
         const X: &str = \"crate::shard\";\n\
         fn f() { super::super::page::millis(1); super::json::x(); }\n\
         mod tests { use super::super::super::fetch::X; }\n",
    );
    let mut found: Vec<String> = imports(&module, &code, &root)
        .into_iter()
        .map(|(to, _)| to)
        .collect();
    found.sort();
    assert_eq!(found, ["audit", "fetch", "history", "page", "score"]);
}

#[test]
fn a_circle_is_found_and_named() {
    let graph = |pairs: &[(&str, &str)]| -> BTreeMap<(String, String), String> {
        pairs
            .iter()
            .map(|(a, b)| (((*a).to_owned(), (*b).to_owned()), String::new()))
            .collect()
    };
    assert_eq!(circle(&graph(&[("a", "b"), ("b", "c"), ("a", "c")])), None);
    assert_eq!(
        circle(&graph(&[("a", "b"), ("b", "c"), ("c", "b")])),
        Some(vec!["b".to_owned(), "c".to_owned(), "b".to_owned()])
    );
}

#[test]
fn every_public_enum_is_non_exhaustive() {
    let mut missing = Vec::new();
    for (_, file, text) in library_files() {
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if !line.trim_start().starts_with("pub enum ") {
                continue;
            }
            let attributes = lines[..i].iter().rev().take_while(|l| {
                l.trim_start().starts_with("#[") || l.trim_start().starts_with("///")
            });
            if !attributes
                .into_iter()
                .any(|l| l.contains("#[non_exhaustive]"))
            {
                missing.push(format!("{file}:{}: {}", i + 1, line.trim()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "public enums without #[non_exhaustive]:\n{}",
        missing.join("\n")
    );
}

#[test]
fn extract_and_score_do_no_io() {
    let io = [
        "std::fs",
        "fs::",
        "File::",
        "std::io",
        "std::net",
        "tokio",
        "reqwest",
        "rusqlite",
        "println!",
        "eprintln!",
    ];
    let mut found = Vec::new();
    for (module, file, text) in library_files() {
        if !matches!(module[0].as_str(), "extract" | "score")
            || module.last().is_some_and(|m| m == "tests")
        {
            continue;
        }
        // Unit tests may read their fixtures; they sit at the end of a file.
        let code = code_only(&text);
        let code = code.split("#[cfg(test)]").next().unwrap_or_default();
        for (n, line) in code.lines().enumerate() {
            if let Some(name) = io.iter().find(|name| line.contains(*name)) {
                found.push(format!("{file}:{}: {name}", n + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "the pure stages read pages and judge them; the caller does the I/O:\n{}",
        found.join("\n")
    );
}
