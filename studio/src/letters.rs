//! Letters without the standard library's Unicode tables (about 12 KB of the wasm
//! that compress badly): the residents' own, `koers::tools::letters`, which its tests
//! hold equal to the standard library over the scripts it covers. For the paste and
//! the coach.

pub use koers::tools::letters::{is_upper, is_word, lower};

/// `text` in lower case, a character at a time.
pub fn lowercase(text: &str) -> String {
    text.chars().map(lower).collect()
}

/// A letter: a word character that is no digit.
pub fn is_letter(c: char) -> bool {
    is_word(c) && !c.is_ascii_digit()
}

/// A small letter: a letter that is no capital.
pub fn is_small(c: char) -> bool {
    is_letter(c) && !is_upper(c)
}
