//! The logic behind the residents' tools, as plain functions with no browser code:
//! text size steps, sentences to read aloud, a contact card as a vCard, a map link,
//! whether an office is open now, and search within an organisation's pages.
//!
//! The browser side of these features lives in [`crate::browser`]; what residents see
//! and press lives in `components::toolbar`, `components::blocks` and `pages::search`.

pub mod directory;
pub mod hours;
pub mod letters;
pub mod search;
pub mod sentences;
pub mod textsize;
pub mod vcard;

pub use hours::{opening_status, OpenStatus};
pub use letters::fold_text;
pub use search::{search, Hit, Segment};
pub use sentences::sentences;
pub use textsize::TextSize;
pub use vcard::{map_url, vcard, vcard_file_name};

/// Sorts stably by `compare`, by insertion: the lists sorted in the browser are short
/// (a day's opening periods, a passage's marks, one organisation's search hits), and
/// each `slice::sort_by` monomorphisation brings several KB of driftsort to the wasm.
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> std::cmp::Ordering) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && compare(&items[j - 1], &items[j]).is_gt() {
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sort_by_is_stable_and_agrees_with_the_standard_sort() {
        let mut pairs: Vec<(u8, usize)> = [5u8, 3, 5, 1, 3, 9, 0, 5, 1]
            .into_iter()
            .enumerate()
            .map(|(i, k)| (k, i))
            .collect();
        let mut expected = pairs.clone();
        expected.sort_by_key(|p| p.0);
        super::sort_by(&mut pairs, |a, b| a.0.cmp(&b.0));
        assert_eq!(pairs, expected);
        super::sort_by(&mut Vec::<u8>::new(), u8::cmp);
    }
}
