//! Reading the library's sources as far as its imports go: which files
//! make up each top-level module, their code without comments and strings,
//! and the top-level modules each file names.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::ORDER;

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
/// `["score", "names"]`), name and text; the command line (`main.rs`,
/// `cli/`) and `lib.rs` are not stages.
pub(super) fn library_files() -> Vec<(Vec<String>, String, String)> {
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
pub(super) fn code_only(text: &str) -> String {
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
pub(super) fn root_names() -> BTreeMap<String, String> {
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
pub(super) fn imports(
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
