//! The shape of the library, read from its sources: data flows one way
//! through the stages, so the graph of imports between the top-level
//! modules has no circle, and no stage imports one that comes after it.
//! The extract and score stages do no I/O. Every public enum is
//! `#[non_exhaustive]`, so adding a case is not a breaking change for those
//! who embed the library.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

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

/// Every `.rs` file under `dir`, in name order.
fn sources(dir: &Path, into: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            sources(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push(path);
        }
    }
}

/// The library's files with their module path (`src/score/names.rs` is
/// `["score", "names"]`), name and text; the command line (`main.rs`, `cli/`) and
/// `lib.rs` are not stages.
fn library_files() -> Vec<(Vec<String>, String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    files
        .into_iter()
        .filter_map(|path| {
            let relative = path.strip_prefix(&src).unwrap();
            let mut module: Vec<String> = relative
                .with_extension("")
                .iter()
                .map(|c| c.to_string_lossy().into_owned())
                .collect();
            if module.last().is_some_and(|m| m == "mod") {
                module.pop();
            }
            let top = module.first()?.clone();
            if matches!(top.as_str(), "cli" | "main" | "lib") {
                return None;
            }
            let file = format!("src/{}", relative.display());
            Some((module, file, std::fs::read_to_string(&path).unwrap()))
        })
        .collect()
}

/// The code without comments (doc comments included) and without the
/// contents of string literals, so that prose never counts as an import.
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            'r' if chars.peek() == Some(&'#') || chars.peek() == Some(&'"') => {
                // A raw string: r"..." or r#"..."#.
                let mut hashes = 0;
                while chars.peek() == Some(&'#') {
                    chars.next();
                    hashes += 1;
                }
                if chars.peek() != Some(&'"') {
                    out.push('r');
                    out.extend(std::iter::repeat_n('#', hashes));
                    continue;
                }
                chars.next();
                let closing: String = std::iter::once('"')
                    .chain(std::iter::repeat_n('#', hashes))
                    .collect();
                let mut seen = String::new();
                for c in chars.by_ref() {
                    seen.push(c);
                    if seen.ends_with(&closing) {
                        break;
                    }
                }
                out.push_str("\"\"");
            }
            '"' => {
                let mut escaped = false;
                for c in chars.by_ref() {
                    match (escaped, c) {
                        (false, '\\') => escaped = true,
                        (false, '"') => break,
                        _ => escaped = false,
                    }
                }
                out.push_str("\"\"");
            }
            '\'' => {
                // A char literal ('"', '\'') or a lifetime ('a): copy a
                // lifetime, drop a literal.
                let rest: String = chars.clone().take(3).collect();
                if rest.starts_with('\\') || rest.chars().nth(1) == Some('\'') {
                    let mut escaped = false;
                    for c in chars.by_ref() {
                        match (escaped, c) {
                            (false, '\\') => escaped = true,
                            (false, '\'') => break,
                            _ => escaped = false,
                        }
                    }
                    out.push_str("' '");
                } else {
                    out.push('\'');
                }
            }
            _ => out.push(c),
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

fn ident_at(code: &str, at: usize) -> &str {
    let rest = &code[at..];
    let end = rest.find(|c: char| !is_ident(c)).unwrap_or(rest.len());
    &rest[..end]
}

/// The names `lib.rs` re-exports at the crate root, with the module each
/// comes from, so that `crate::Verdict` counts as an import of `score`.
fn root_names() -> BTreeMap<String, String> {
    let lib =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    let lib = code_only(&lib);
    let mut names = BTreeMap::new();
    for statement in lib.split(';') {
        let Some(at) = statement.find("pub use ") else {
            continue;
        };
        let path = &statement[at + "pub use ".len()..];
        let module = ident_at(path, 0);
        if !ORDER.contains(&module) {
            continue;
        }
        for name in path.split(|c: char| !is_ident(c)) {
            if !name.is_empty() && name != "as" {
                names.insert(name.to_owned(), module.to_owned());
            }
        }
    }
    names
}

/// The top-level modules a file's code names, each with one place that
/// names it: `crate::x`, `crate::{x::…, y::…}`, and `super::` chains that
/// climb to the crate root.
fn imports(
    module: &[String],
    code: &str,
    root: &BTreeMap<String, String>,
) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let top_of = |name: &str| -> Option<String> {
        if ORDER.contains(&name) {
            Some(name.to_owned())
        } else {
            root.get(name).cloned()
        }
    };
    let line_of = |at: usize| code[..at].lines().count().max(1);
    // Inline modules (`mod tests { … }`) open at each byte, to resolve
    // `super::`.
    let mut inline: Vec<(usize, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut pending_mod = false;
    let mut open: Vec<usize> = Vec::new();
    let bytes = code.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let c = bytes[at] as char;
        if code[at..].starts_with("mod ") && (at == 0 || !is_ident(bytes[at - 1] as char)) {
            pending_mod = true;
        } else if c == ';' {
            pending_mod = false;
        } else if c == '{' {
            depth += 1;
            if pending_mod {
                open.push(depth);
                inline.push((at, usize::MAX));
                pending_mod = false;
            }
        } else if c == '}' {
            if open.last() == Some(&depth) {
                open.pop();
                if let Some(m) = inline.iter_mut().rev().find(|m| m.1 == usize::MAX) {
                    m.1 = at;
                }
            }
            depth = depth.saturating_sub(1);
        }
        at += 1;
    }
    let nesting = |at: usize| inline.iter().filter(|(s, e)| *s < at && at < *e).count();
    for (at, _) in code.match_indices("crate::") {
        if at > 0 && is_ident(bytes[at - 1] as char) {
            continue;
        }
        let after = at + "crate::".len();
        if code[after..].starts_with('{') {
            // `crate::{a::X, b::{Y, Z}}`: the first name of each item.
            let mut level = 0;
            let mut item_start = true;
            for (i, c) in code[after..].char_indices() {
                match c {
                    '{' => {
                        level += 1;
                        item_start = level == 1;
                        continue;
                    }
                    '}' => {
                        level -= 1;
                        if level == 0 {
                            break;
                        }
                    }
                    ',' if level == 1 => item_start = true,
                    c if item_start && is_ident(c) => {
                        if let Some(top) = top_of(ident_at(code, after + i)) {
                            found.push((top, line_of(at).to_string()));
                        }
                        item_start = false;
                    }
                    _ => {}
                }
            }
        } else if let Some(top) = top_of(ident_at(code, after)) {
            found.push((top, line_of(at).to_string()));
        }
    }
    for (at, _) in code.match_indices("super::") {
        if at > 0 && (is_ident(bytes[at - 1] as char) || bytes[at - 1] == b':') {
            continue;
        }
        let mut supers = 0;
        let mut rest = at;
        while code[rest..].starts_with("super::") {
            supers += 1;
            rest += "super::".len();
        }
        let mut path: Vec<&str> = module.iter().map(String::as_str).collect();
        path.extend(std::iter::repeat_n("<inline>", nesting(at)));
        if supers < path.len() {
            continue; // Still inside the same top-level module.
        }
        if let Some(top) = top_of(ident_at(code, rest)) {
            found.push((top, line_of(at).to_string()));
        }
    }
    found
}

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
        if !matches!(module[0].as_str(), "extract" | "score") {
            continue;
        }
        let code = code_only(&text);
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
