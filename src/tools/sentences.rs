//! Splits a block of text into sentences, so "Lees voor" can speak one sentence at a
//! time and mark the one being read.

use std::ops::Range;

/// Dutch abbreviations that end in a full stop but do not end a sentence
/// (compared in lower case, without the final stop).
const ABBREVIATIONS: [&str; 18] = [
    "bv", "bijv", "o.a", "e.a", "enz", "nl", "vb", "m.a.w", "d.w.z", "t.e.m", "i.p.v", "mevr",
    "dhr", "nr", "tel", "st", "ca", "resp",
];

/// The sentences of `text`, as byte ranges into it, without surrounding white space.
/// A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes or brackets after
/// it) followed by white space and a capital, a digit or an opening quote; a known
/// abbreviation does not end one. Text without such an end is one sentence.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        if matches!(c, '.' | '!' | '?' | '…') {
            // Take the whole run of terminators and closing marks: "?!", ".”", ".)".
            let mut j = i + 1;
            while j < chars.len() && is_terminal_mark(chars[j].1) {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |(b, _)| *b);
            let followed_by_space = j < chars.len() && chars[j].1.is_whitespace();
            let next = chars[j..].iter().find(|(_, c)| !c.is_whitespace());
            let starts_new = match next {
                None => true,
                Some((_, n)) => {
                    followed_by_space
                        && (super::letters::is_upper(*n)
                            || n.is_ascii_digit()
                            || matches!(n, '‘' | '“' | '"' | '\'' | '(' | '['))
                }
            };
            if starts_new && !(c == '.' && ends_with_abbreviation(&text[start..chars[i].0])) {
                push_trimmed(text, start..end, &mut out);
                start = end;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn is_terminal_mark(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '’' | '”' | '"' | '\'' | ')' | ']' | '»'
    )
}

fn ends_with_abbreviation(before_stop: &str) -> bool {
    let word = before_stop
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("")
        // Char by char, as `str::to_lowercase` would for the Latin script, without the
        // standard library's Unicode tables (`tools::letters`).
        .chars()
        .map(super::letters::lower)
        .collect::<String>();
    ABBREVIATIONS.contains(&word.as_str())
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let piece = &text[range.clone()];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(range.start + lead..range.end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_at_sentence_ends() {
        assert_eq!(
            split("Het welzijnsaanbod is er voor elke inwoner van HZ. Iedereen met een vraag beschouwen we als een klant."),
            [
                "Het welzijnsaanbod is er voor elke inwoner van HZ.",
                "Iedereen met een vraag beschouwen we als een klant."
            ]
        );
        assert_eq!(
            split("Kan dat? Ja! 7 b’s helpen."),
            ["Kan dat?", "Ja!", "7 b’s helpen."]
        );
        assert_eq!(
            split("Hij zei: “we doen wat we zeggen.” Daarna iets."),
            ["Hij zei: “we doen wat we zeggen.”", "Daarna iets."]
        );
    }

    #[test]
    fn keeps_abbreviations_numbers_and_lower_case_continuations_together() {
        assert_eq!(
            split("Scholen, verenigingen e.a. krijgen het. Dat is bv. Zolder."),
            [
                "Scholen, verenigingen e.a. krijgen het.",
                "Dat is bv. Zolder."
            ]
        );
        assert_eq!(split("Versie 1.5 is er."), ["Versie 1.5 is er."]);
        assert_eq!(
            split("Kansarmen, ouderen, verslaving…"),
            ["Kansarmen, ouderen, verslaving…"]
        );
        assert_eq!(
            split("Een lijst… en nog meer."),
            ["Een lijst… en nog meer."]
        );
    }

    #[test]
    fn text_without_an_end_is_one_sentence_and_blank_text_none() {
        assert_eq!(
            split("Inwoners van HZ, en vooral de meest kwetsbaren,"),
            ["Inwoners van HZ, en vooral de meest kwetsbaren,"]
        );
        assert_eq!(
            split("Heldenplein 1\n3550 Heusden-Zolder"),
            ["Heldenplein 1\n3550 Heusden-Zolder"]
        );
        assert!(split("   ").is_empty());
        assert!(split("").is_empty());
        assert_eq!(split("  Visie  "), ["Visie"]);
    }
}
