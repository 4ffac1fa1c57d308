//! The start page's list of organisations: in order of their own name, and found by
//! typing part of it. Accents, capitals and the words every local government has in
//! its name ("Gemeente", "OCMW", "Stad") neither order nor filter: "ocmw her" finds
//! both OCMW Herentals and Gemeente Herenthout, listed under H.

use super::letters::{fold_text, is_word};
use crate::content::IndexEntry;

/// Words that say what kind of government it is, not which one (the icons' initials
/// skip them too).
pub const GENERIC: &[&str] = &["gemeente", "stad", "ocmw", "en"];

/// The words of a name or query that tell one organisation from another, folded.
fn significant_words(text: &str) -> Vec<String> {
    fold_text(text)
        .split(|c: char| !is_word(c))
        .filter(|w| !w.is_empty() && !GENERIC.contains(w))
        .map(str::to_string)
        .collect()
}

/// What the list is sorted by: the name without its generic words ("herentals" for
/// "OCMW Herentals"), then the full folded name, so the order never depends on the
/// index.
pub fn sort_key(name: &str) -> (String, String) {
    (significant_words(name).join(" "), fold_text(name))
}

/// Whether `name` is what a resident typing `query` looks for: every significant word
/// typed is the start of a word of the name (or of a part of a hyphenated one). A
/// query of only generic words, or none, matches every name.
pub fn matches(name: &str, query: &str) -> bool {
    let folded = fold_text(name);
    let words: Vec<&str> = folded
        .split(|c: char| !is_word(c))
        .filter(|w| !w.is_empty())
        .collect();
    significant_words(query)
        .iter()
        .all(|q| words.iter().any(|w| w.starts_with(q.as_str())))
}

/// The organisations in the order residents look for them.
pub fn sorted(entries: &[IndexEntry]) -> Vec<IndexEntry> {
    let mut sorted = entries.to_vec();
    sorted.sort_by_cached_key(|e| sort_key(&e.name));
    sorted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(name: &str) -> IndexEntry {
        IndexEntry {
            slug: fold_text(name).replace(' ', "-"),
            name: name.into(),
        }
    }

    fn names(entries: &[IndexEntry]) -> Vec<&str> {
        entries.iter().map(|e| e.name.as_str()).collect()
    }

    #[test]
    fn sorted_by_the_name_that_tells_them_apart() {
        let list = [
            "Gemeente Zandhoven",
            "OCMW Aartselaar",
            "Stad Mechelen",
            "Gemeente en OCMW Ëlsene",
            "Gemeente Aartselaar",
        ]
        .map(entry);
        assert_eq!(
            names(&sorted(&list)),
            [
                "Gemeente Aartselaar",
                "OCMW Aartselaar",
                "Gemeente en OCMW Ëlsene",
                "Stad Mechelen",
                "Gemeente Zandhoven"
            ]
        );
    }

    #[test]
    fn typing_finds_by_the_start_of_any_word_ignoring_accents_case_and_kind() {
        assert!(matches("Gemeente en OCMW Heusden-Zolder", "zolder"));
        assert!(matches("Gemeente en OCMW Heusden-Zolder", "HEUS"));
        assert!(matches("Gemeente en OCMW Heusden-Zolder", "ocmw heusden"));
        assert!(matches("Gemeente Ëlsene", "else"));
        assert!(matches("OCMW Herentals", "gemeente her"));
        assert!(!matches("OCMW Herentals", "herenth"));
        assert!(!matches("Gemeente Herenthout", "tals"));
        assert!(matches("OCMW Herentals", ""));
        assert!(matches("OCMW Herentals", "  gemeente  "));
        // Articles are part of a name: "De Panne" is found under "de".
        assert!(matches("Gemeente De Panne", "de pa"));
        assert!(!matches("Gemeente Herenthout", "de"));
    }
}
