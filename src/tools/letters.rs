//! Lower case, capitals, word characters and accents folded away, without the standard
//! library's Unicode tables.
//!
//! `char::to_lowercase`, `is_uppercase` and `is_alphanumeric` bring Unicode's case and
//! property tables into the wasm: about 12 KB that compress badly (BENCHMARKS.md,
//! issue 13). Content here is Dutch, with names and words from the other scripts
//! residents of Flanders write in. These functions cover the Latin script (Basic Latin
//! to Latin Extended-B, and Latin Extended Additional), Greek and Cyrillic by
//! arithmetic, and the tests hold them equal to the standard library over those ranges.
//! Beyond them, a character is its own lower case, never a capital, and a word
//! character unless it is a space, a punctuation mark or a symbol of the blocks that
//! hold those.

/// The first character of `c`'s lower case, as `c.to_lowercase().next()` gives it in
/// the scripts covered; other characters are returned unchanged.
pub fn lower(c: char) -> char {
    let n = c as u32;
    let to = |m: u32| char::from_u32(m).unwrap_or(c);
    match n {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE => to(n + 32),
        // "İ" lower-cases to "i" followed by a combining dot.
        0x130 => 'i',
        0x100..=0x137
        | 0x14A..=0x177
        | 0x1DE..=0x1EF
        | 0x1F8..=0x21F
        | 0x222..=0x233
        | 0x246..=0x24F
        | 0x1E00..=0x1E95
        | 0x1EA0..=0x1EFF
            if n.is_multiple_of(2) =>
        {
            to(n + 1)
        }
        0x139..=0x148 | 0x179..=0x17E | 0x1CD..=0x1DC if !n.is_multiple_of(2) => to(n + 1),
        0x178 => 'ÿ',
        0x180..=0x24F => latin_extended_b(c),
        0x1E9E => 'ß',
        // Greek.
        0x386 => 'ά',
        0x388..=0x38A => to(n + 37),
        0x38C => 'ό',
        0x38E | 0x38F => to(n + 63),
        0x391..=0x3A1 | 0x3A3..=0x3AB => to(n + 32),
        0x370 | 0x372 | 0x376 | 0x3D8..=0x3EF if n.is_multiple_of(2) => to(n + 1),
        0x37F => 'ϳ',
        0x3CF => 'ϗ',
        0x3F4 => 'θ',
        0x3F7 | 0x3FA => to(n + 1),
        0x3F9 => 'ϲ',
        0x3FD..=0x3FF => to(n - 130),
        // Cyrillic.
        0x400..=0x40F => to(n + 80),
        0x410..=0x42F => to(n + 32),
        0x460..=0x481 | 0x48A..=0x4BF | 0x4D0..=0x52F if n.is_multiple_of(2) => to(n + 1),
        0x4C0 => 'ӏ',
        0x4C1..=0x4CE if !n.is_multiple_of(2) => to(n + 1),
        _ => c,
    }
}

/// Lower case without accents, one character for one: "Continuüm" → "continuum". The
/// residents' search and list of organisations compare text so.
pub fn fold_text(text: &str) -> String {
    text.chars().map(fold).collect()
}

/// `c` in lower case without its accent, for the letters of the languages written in
/// Belgium and a few more (every letter added costs the residents' wasm bytes).
pub fn fold(c: char) -> char {
    match lower(c) {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'ñ' | 'ń' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
        'ý' | 'ÿ' => 'y',
        'š' => 's',
        'ž' => 'z',
        c => c,
    }
}

/// [`fold`], and the other accented letters of Central European languages (ł → l,
/// ő → o, ř → r, …): for the build, where bytes do not count (the icons' initials).
/// The residents' wasm has only [`fold`].
pub fn fold_wide(c: char) -> char {
    match fold(c) {
        'ă' | 'ą' => 'a',
        'ď' => 'd',
        'ě' => 'e',
        'į' => 'i',
        'ł' => 'l',
        'ň' => 'n',
        'ő' => 'o',
        'ŕ' | 'ř' => 'r',
        'ś' | 'ş' => 's',
        'ť' => 't',
        'ů' | 'ű' | 'ų' => 'u',
        'ź' | 'ż' => 'z',
        c => c,
    }
}

/// Latin Extended-B's capitals that are not followed by their small letter.
fn latin_extended_b(c: char) -> char {
    match c {
        'Ɓ' => 'ɓ',
        'Ɔ' => 'ɔ',
        'Ɖ' => 'ɖ',
        'Ɗ' => 'ɗ',
        'Ǝ' => 'ǝ',
        'Ə' => 'ə',
        'Ɛ' => 'ɛ',
        'Ɠ' => 'ɠ',
        'Ɣ' => 'ɣ',
        'Ɩ' => 'ɩ',
        'Ɨ' => 'ɨ',
        'Ɯ' => 'ɯ',
        'Ɲ' => 'ɲ',
        'Ɵ' => 'ɵ',
        'Ʀ' => 'ʀ',
        'Ʃ' => 'ʃ',
        'Ʈ' => 'ʈ',
        'Ʊ' => 'ʊ',
        'Ʋ' => 'ʋ',
        'Ʒ' => 'ʒ',
        'Ƕ' => 'ƕ',
        'Ƿ' => 'ƿ',
        'Ƞ' => 'ƞ',
        'Ⱥ' => 'ⱥ',
        'Ƚ' => 'ƚ',
        'Ⱦ' => 'ⱦ',
        'Ƀ' => 'ƀ',
        'Ʉ' => 'ʉ',
        'Ʌ' => 'ʌ',
        'Ǆ' | 'ǅ' => 'ǆ',
        'Ǉ' | 'ǈ' => 'ǉ',
        'Ǌ' | 'ǋ' => 'ǌ',
        'Ǳ' | 'ǲ' => 'ǳ',
        'Ƃ' | 'Ƅ' | 'Ƈ' | 'Ƌ' | 'Ƒ' | 'Ƙ' | 'Ơ' | 'Ƣ' | 'Ƥ' | 'Ƨ' | 'Ƭ' | 'Ư' | 'Ƴ' | 'Ƶ' | 'Ƹ'
        | 'Ƽ' | 'Ǵ' | 'Ȼ' | 'Ɂ' => char::from_u32(c as u32 + 1).unwrap_or(c),
        _ => c,
    }
}

/// Whether `c` is a capital, as `char::is_uppercase` says in the scripts covered.
pub fn is_upper(c: char) -> bool {
    lower(c) != c && !matches!(c, 'ǅ' | 'ǈ' | 'ǋ' | 'ǲ') || matches!(c, 'ϒ'..='ϔ')
}

/// Whether `c` belongs to a word, as `char::is_alphanumeric` says in the scripts
/// covered; beyond them, anything but a space, a punctuation mark or a symbol (the few
/// letters among the symbol blocks, such as ℕ or ™, end a word too).
pub fn is_word(c: char) -> bool {
    match c as u32 {
        0x30..=0x39 | 0x41..=0x5A | 0x61..=0x7A => true,
        0..=0x7F => false,
        0xAA | 0xB2 | 0xB3 | 0xB5 | 0xB9 | 0xBA | 0xBC..=0xBE => true,
        0x80..=0xBF | 0xD7 | 0xF7 => false,
        0xC0..=0x2C1 | 0x2C6..=0x2D1 | 0x2E0..=0x2E4 | 0x2EC | 0x2EE => true,
        // Combining accents (a decomposed "ë") end a word, as the standard library says.
        0x2C2..=0x36F | 0x483..=0x489 => false,
        0x375 | 0x37E | 0x384 | 0x385 | 0x387 | 0x3F6 | 0x482 => false,
        // Unassigned in the Greek block.
        0x378 | 0x379 | 0x380..=0x383 | 0x38B | 0x38D | 0x3A2 => false,
        // Spaces, punctuation and symbols: General Punctuation to Miscellaneous
        // Symbols and Arrows, CJK punctuation, the fullwidth forms' punctuation and
        // the emoji and pictographs.
        0x2000..=0x206F
        | 0x20A0..=0x20CF
        | 0x2100..=0x214F
        | 0x2190..=0x245F
        | 0x2500..=0x2775
        | 0x2794..=0x2BFF
        | 0x2E00..=0x2E7F
        | 0x3000..=0x3004
        | 0x3008..=0x3020
        | 0xFE10..=0xFE1F
        | 0xFE30..=0xFE4F
        | 0xFF01..=0xFF0F
        | 0xFF1A..=0xFF20
        | 0xFF3B..=0xFF40
        | 0xFF5B..=0xFF65
        | 0x1F000..=0x1FAFF => false,
        _ => !c.is_whitespace(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ranges these functions claim to cover.
    fn covered() -> impl Iterator<Item = char> {
        (0u32..=0x24F)
            .chain(0x370..=0x52F)
            .chain(0x1E00..=0x1EFF)
            .filter_map(char::from_u32)
    }

    #[test]
    fn lower_case_is_the_standard_one_in_the_scripts_covered() {
        let wrong: Vec<(char, char, char)> = covered()
            .map(|c| (c, lower(c), c.to_lowercase().next().unwrap()))
            .filter(|(_, ours, std)| ours != std)
            .collect();
        assert_eq!(
            wrong,
            Vec::<(char, char, char)>::new(),
            "(character, ours, standard)"
        );
    }

    #[test]
    fn capitals_are_the_standard_ones_in_the_scripts_covered() {
        let wrong: Vec<char> = covered()
            .filter(|c| is_upper(*c) != c.is_uppercase())
            .collect();
        assert_eq!(wrong, Vec::<char>::new());
    }

    #[test]
    fn word_characters_are_the_standard_ones_in_the_scripts_covered() {
        let wrong: Vec<char> = covered()
            .filter(|c| is_word(*c) != c.is_alphanumeric())
            .collect();
        assert_eq!(wrong, Vec::<char>::new());
    }

    #[test]
    fn folding_ignores_case_and_accents() {
        assert_eq!(
            fold_text("Continuüm Coördinatie CRÈCHE"),
            "continuum coordinatie creche"
        );
        assert_eq!(fold_text("één").chars().count(), 3);
    }

    #[test]
    fn the_build_folds_more_letters_than_the_residents_wasm() {
        assert_eq!(fold_text("Łódź Øre ŠŽ"), "łodź ore sz");
        let wide: String = "Łódź Øre ŠŽ".chars().map(fold_wide).collect();
        assert_eq!(wide, "lodz ore sz");
        // Whatever the short fold makes plain, the wide one makes the same.
        for c in covered().filter(|c| fold(*c).is_ascii()) {
            assert_eq!(fold_wide(c), fold(c), "{c}");
        }
    }

    #[test]
    fn beyond_them_spaces_punctuation_and_symbols_end_a_word() {
        for c in [
            '\u{a0}', '\u{2009}', '—', '“', '€', '→', '✓', '、', '。', '！', '😀', 'ℕ', '™',
        ] {
            assert!(!is_word(c), "{c:?}");
        }
        for c in ['日', 'ա', 'ა', 'ע', 'ع', '한'] {
            assert!(is_word(c), "{c:?}");
            assert_eq!(lower(c), c);
            assert!(!is_upper(c));
        }
    }
}
