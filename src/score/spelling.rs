//! One word written two ways by two shops: cut short ("keyb" for
//! "keyboard", "prem" for "premium") or spelled a letter apart
//! ("canceling" and "cancelling", "recipies" and "recipes"). Only words
//! long enough for the likeness to mean something count.

use std::collections::HashSet;

/// Whether `a` and `b` are one word as shops write it: letters only, one
/// the other's start (at least four letters, at most four more), or both
/// of six letters or more and one edit apart.
pub(crate) fn same_spelling(a: &str, b: &str) -> bool {
    let letters = |w: &str| w.chars().all(char::is_alphabetic);
    if a == b || !letters(a) || !letters(b) {
        return a == b;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let cut_short = short.len() >= 4 && long.len() - short.len() <= 4 && long.starts_with(&short);
    cut_short || (short.len() >= 6 && one_edit(&short, &long))
}

/// Whether any word of `words` is `word` as another shop writes it.
pub(crate) fn spelled_in(word: &str, words: &HashSet<String>) -> bool {
    words.iter().any(|w| same_spelling(word, w))
}

/// Whether `short` becomes `long` by one letter added, dropped, changed
/// or two neighbours swapped.
fn one_edit(s: &[char], l: &[char]) -> bool {
    match l.len() - s.len() {
        0 => {
            let diff: Vec<usize> = (0..s.len()).filter(|&i| s[i] != l[i]).collect();
            match diff.as_slice() {
                [_] => true,
                [i, j] => *j == i + 1 && s[*i] == l[*j] && s[*j] == l[*i],
                _ => false,
            }
        }
        1 => {
            let at = (0..s.len()).find(|&i| s[i] != l[i]).unwrap_or(s.len());
            s[at..] == l[at + 1..]
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortened_and_misspelled_words_are_one_word() {
        assert!(same_spelling("keyb", "keyboard"));
        assert!(same_spelling("canceling", "cancelling"));
        assert!(same_spelling("recipies", "recipes"));
        assert!(same_spelling("architectura", "architectural"));
        assert!(same_spelling("definitoin", "definition"));
        assert!(!same_spelling("sport", "support"));
        assert!(!same_spelling("pro", "professional"));
        assert!(!same_spelling("italian", "spanish"));
        assert!(!same_spelling("cable", "table"));
        assert!(!same_spelling("m305", "m310"));
        assert!(!same_spelling("ヘッドホン", "ヘッ"));
        assert!(same_spelling("köksvåg", "köksvåga"));
    }
}
