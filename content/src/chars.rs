//! Characters that hide or disguise what content says: control characters, the
//! bidirectional formatting characters, and invisible ones. The rules refuse them
//! (all of them in links, e-mail addresses, numbers, slugs and names; in text blocks
//! the control characters and the direction embeddings, overrides and isolates), and
//! [`escape`] makes them visible wherever a problem is printed.
//!
//! A few ranges, not Unicode's tables: this runs in the residents' app too.
//!
//! - Control: Unicode's `Cc`, U+0000–U+001F, U+007F and U+0080–U+009F.
//! - Direction: the embeddings, overrides and isolates (U+202A–U+202E,
//!   U+2066–U+2069), which can make a link or a name read other than it is, and the
//!   direction marks (U+061C, U+200E, U+200F), which text in a right-to-left script
//!   may need but a link or a name never does.
//! - Invisible: the soft hyphen (U+00AD), the zero-width space, non-joiner and
//!   joiner (U+200B–U+200D), the line and paragraph separators (U+2028, U+2029), the
//!   word joiner and invisible operators (U+2060–U+2064), the deprecated format
//!   characters (U+206A–U+206F), the zero-width no-break space or byte order mark
//!   (U+FEFF), the interlinear annotation characters (U+FFF9–U+FFFB), the tag
//!   characters (U+E0000–U+E007F, which can carry hidden text), and the fillers and
//!   separators that show as nothing (U+034F, U+115F, U+1160, U+17B4, U+17B5, U+180E,
//!   U+3164, U+FFA0). Dutch text may keep them (a soft hyphen in a long word, a
//!   joiner in an emoji); a link or a name may not.

use std::borrow::Cow;
use std::fmt::Write as _;

/// What kind of hidden character a character is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hidden {
    Control,
    /// A direction embedding, override or isolate.
    Direction,
    /// A direction mark.
    Mark,
    Invisible,
}

impl Hidden {
    /// The word the rules' messages use for it.
    pub fn word(self) -> &'static str {
        match self {
            Hidden::Control => "control",
            Hidden::Direction | Hidden::Mark => "direction",
            Hidden::Invisible => "invisible",
        }
    }
}

/// The kind of `c`, if it is one of the hidden characters.
pub fn hidden(c: char) -> Option<Hidden> {
    Some(match c {
        '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' => Hidden::Control,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Hidden::Direction,
        '\u{61c}' | '\u{200e}' | '\u{200f}' => Hidden::Mark,
        '\u{ad}'
        | '\u{34f}'
        | '\u{115f}'
        | '\u{1160}'
        | '\u{17b4}'
        | '\u{17b5}'
        | '\u{180e}'
        | '\u{200b}'..='\u{200d}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{2060}'..='\u{2064}'
        | '\u{206a}'..='\u{206f}'
        | '\u{3164}'
        | '\u{feff}'
        | '\u{ffa0}'
        | '\u{fff9}'..='\u{fffb}'
        | '\u{e0000}'..='\u{e007f}' => Hidden::Invisible,
        _ => return None,
    })
}

/// Whether a field refuses `c`: `exact` fields (links, addresses, numbers, slugs,
/// names) refuse every hidden character; text keeps line breaks, direction marks
/// and the invisible characters.
pub fn refused(c: char, exact: bool) -> Option<Hidden> {
    let kind = hidden(c)?;
    let refused = exact || kind == Hidden::Direction || (kind == Hidden::Control && c != '\n');
    refused.then_some(kind)
}

/// Names of U+0000–U+001F.
const C0: [&str; 32] = [
    "null",
    "start of heading",
    "start of text",
    "end of text",
    "end of transmission",
    "enquiry",
    "acknowledge",
    "bell",
    "backspace",
    "tab",
    "line feed",
    "vertical tab",
    "form feed",
    "carriage return",
    "shift out",
    "shift in",
    "data link escape",
    "device control one",
    "device control two",
    "device control three",
    "device control four",
    "negative acknowledge",
    "synchronous idle",
    "end of transmission block",
    "cancel",
    "end of medium",
    "substitute",
    "escape",
    "file separator",
    "group separator",
    "record separator",
    "unit separator",
];

/// A plain name of a hidden character (its Unicode name, in lower case, or the
/// name of its group).
pub fn name(c: char) -> &'static str {
    match c {
        '\0'..='\u{1f}' => C0[c as usize],
        '\u{7f}' => "delete",
        '\u{85}' => "next line",
        '\u{90}' => "device control string",
        '\u{9b}' => "control sequence introducer",
        '\u{9c}' => "string terminator",
        '\u{9d}' => "operating system command",
        '\u{80}'..='\u{9f}' => "C1 control",
        '\u{61c}' => "Arabic letter mark",
        '\u{200e}' => "left-to-right mark",
        '\u{200f}' => "right-to-left mark",
        '\u{202a}' => "left-to-right embedding",
        '\u{202b}' => "right-to-left embedding",
        '\u{202c}' => "pop directional formatting",
        '\u{202d}' => "left-to-right override",
        '\u{202e}' => "right-to-left override",
        '\u{2066}' => "left-to-right isolate",
        '\u{2067}' => "right-to-left isolate",
        '\u{2068}' => "first strong isolate",
        '\u{2069}' => "pop directional isolate",
        '\u{ad}' => "soft hyphen",
        '\u{34f}' => "combining grapheme joiner",
        '\u{200b}' => "zero-width space",
        '\u{200c}' => "zero-width non-joiner",
        '\u{200d}' => "zero-width joiner",
        '\u{2028}' => "line separator",
        '\u{2029}' => "paragraph separator",
        '\u{2060}' => "word joiner",
        '\u{2061}'..='\u{2064}' => "invisible operator",
        '\u{206a}'..='\u{206f}' => "deprecated format character",
        '\u{feff}' => "zero-width no-break space",
        '\u{fff9}'..='\u{fffb}' => "interlinear annotation",
        '\u{e0000}'..='\u{e007f}' => "tag character",
        '\u{17b4}' | '\u{17b5}' => "Khmer inherent vowel",
        '\u{180e}' => "Mongolian vowel separator",
        '\u{115f}' | '\u{1160}' | '\u{3164}' | '\u{ffa0}' => "Hangul filler",
        _ => "character",
    }
}

/// `text` with every hidden character written as Rust writes it, `\u{1b}`: what a
/// terminal or a log shows of content can neither move the cursor, start a link,
/// nor turn the text around, and nothing hidden goes unseen.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| hidden(c).is_some()) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match hidden(c) {
            Some(_) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_class_is_recognised_and_named() {
        for (c, kind, plain) in [
            ('\0', Hidden::Control, "null"),
            ('\u{7}', Hidden::Control, "bell"),
            ('\u{1b}', Hidden::Control, "escape"),
            ('\u{7f}', Hidden::Control, "delete"),
            ('\u{9b}', Hidden::Control, "control sequence introducer"),
            ('\u{202e}', Hidden::Direction, "right-to-left override"),
            ('\u{2066}', Hidden::Direction, "left-to-right isolate"),
            ('\u{200f}', Hidden::Mark, "right-to-left mark"),
            ('\u{200b}', Hidden::Invisible, "zero-width space"),
            ('\u{ad}', Hidden::Invisible, "soft hyphen"),
            ('\u{feff}', Hidden::Invisible, "zero-width no-break space"),
            ('\u{e0041}', Hidden::Invisible, "tag character"),
            ('\u{3164}', Hidden::Invisible, "Hangul filler"),
        ] {
            assert_eq!(hidden(c), Some(kind), "{c:?}");
            assert_eq!(name(c), plain, "{c:?}");
        }
        // What Dutch text is written with stays.
        for c in "aé ë’“”–…€\u{a0}ĳ😀".chars() {
            assert_eq!(hidden(c), None, "{c:?}");
        }
    }

    #[test]
    fn text_keeps_what_it_needs_and_exact_fields_nothing_hidden() {
        for c in ['\n', '\u{200f}', '\u{ad}', '\u{200d}'] {
            assert_eq!(refused(c, false), None, "{c:?}");
            assert!(refused(c, true).is_some(), "{c:?}");
        }
        for c in ['\t', '\0', '\u{85}', '\u{202d}', '\u{2069}'] {
            assert!(refused(c, false).is_some(), "{c:?}");
        }
    }

    #[test]
    fn escaping_leaves_nothing_hidden() {
        assert!(matches!(
            escape("Gemeente Proef – ‘missie’"),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            escape("a\u{1b}[2J\nb\u{202e}c\u{200b}\u{7f}"),
            "a\\u{1b}[2J\\u{a}b\\u{202e}c\\u{200b}\\u{7f}"
        );
    }
}
