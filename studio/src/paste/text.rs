//! Plain text (a web page or a Word document copied without its markup) read into
//! units. Lines are what plain text keeps of the structure: blank lines end a group,
//! a line starting with •, -, * or a number is a list item, an indented or lower-case
//! line after an item goes on with it, and a short line that does not end like a
//! sentence, first in its group, is taken for a heading (a guess; the editor sees the
//! blocks at once and can change a block's type).

use super::{contact_line, looks_like_heading, postcode_line, Unit};
use crate::letters::is_small;

/// The units of `text`.
pub fn units(text: &str) -> Vec<Unit> {
    let mut units = Vec::new();
    let groups = join_broken_sentences(groups(text));
    for group in &groups {
        let has_contact = group
            .iter()
            .any(|l| contact_line(l).is_some() || postcode_line(l).is_some());
        for (k, line) in group.iter().enumerate() {
            if let Some(item) = item(line) {
                units.push(Unit::Item(item.to_string()));
                continue;
            }
            let continues = matches!(units.last(), Some(Unit::Item(_)))
                && k > 0
                && (line.starts_with(char::is_whitespace)
                    || line.trim_start().starts_with(is_small));
            if continues {
                if let Some(Unit::Item(item)) = units.last_mut() {
                    item.push(' ');
                    item.push_str(line.trim());
                }
                continue;
            }
            // First in its group, after a list, or (text from Word, whose paragraphs
            // have no blank line between them) between a sentence and more text.
            let after_item = matches!(units.last(), Some(Unit::Item(_)));
            let between =
                k > 0 && k + 1 < group.len() && super::ends_like_a_sentence(&group[k - 1]);
            let heading =
                (k == 0 || after_item || between) && !has_contact && looks_like_heading(line);
            if heading {
                units.push(Unit::Heading(line.trim().to_string()));
            } else {
                units.push(Unit::Line(line.trim().to_string()));
            }
        }
        units.push(Unit::Break);
    }
    units
}

/// The groups of non-blank lines of `text`, each line as written (its indent kept).
fn groups(text: &str) -> Vec<Vec<String>> {
    let mut groups = vec![Vec::new()];
    for line in text.lines() {
        let line = line.replace(['\u{a0}', '\t'], " ");
        if line.trim().is_empty() {
            if groups.last().is_some_and(|g| !g.is_empty()) {
                groups.push(Vec::new());
            }
        } else if let Some(group) = groups.last_mut() {
            group.push(line.trim_end().to_string());
        }
    }
    groups.retain(|g| !g.is_empty());
    groups
}

/// One sentence spread over lines of their own ("In Herenthout is het gezellig,",
/// blank, "ontmoeten we elkaar,", …): a lone line ending in a comma, and a next group
/// starting in lower case, are one line.
fn join_broken_sentences(groups: Vec<Vec<String>>) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    for group in groups {
        let joins = match (out.last(), group.first()) {
            (Some(last), Some(first)) => {
                last.len() == 1
                    && last[0].trim_end().ends_with(',')
                    && first.trim_start().starts_with(is_small)
                    && item(first).is_none()
            }
            _ => false,
        };
        match out.last_mut() {
            Some(last) if joins => {
                let mut rest = group.into_iter();
                if let Some(first) = rest.next() {
                    last[0] = format!("{} {}", last[0].trim(), first.trim());
                }
                // Lines after the joined one keep their own group.
                let rest: Vec<String> = rest.collect();
                if !rest.is_empty() {
                    out.push(rest);
                }
            }
            _ => out.push(group),
        }
    }
    out
}

/// The words of a list item without its bullet or number, if `line` is one.
pub(super) fn item(line: &str) -> Option<&str> {
    let line = line.trim_start();
    let rest = match line.chars().next()? {
        '•' | '-' | '*' | '–' | '·' | '▪' | '◦' | '‣' => {
            &line[line.chars().next()?.len_utf8()..]
        }
        c if c.is_ascii_digit() => {
            let digits = line.find(|c: char| !c.is_ascii_digit())?;
            if digits > 2 {
                return None;
            }
            line[digits..].strip_prefix(['.', ')'])?
        }
        _ => return None,
    };
    (rest.starts_with(char::is_whitespace) && !rest.trim().is_empty()).then(|| rest.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the reader makes of `text`, one unit a line: `item …`, `heading …`,
    /// `line …`, `break`.
    fn read(text: &str) -> String {
        let shown: Vec<String> = units(text)
            .into_iter()
            .map(|u| match u {
                Unit::Heading(t) => format!("heading {t}"),
                Unit::Line(t) => format!("line {t}"),
                Unit::Item(t) => format!("item {t}"),
                Unit::Break => "break".into(),
                other => format!("{other:?}"),
            })
            .collect();
        shown.join("\n")
    }

    #[test]
    fn bullets_dashes_stars_and_numbers_are_items() {
        for line in ["• een", " -        een", "* een", "1. een", "12) een"] {
            assert_eq!(item(line), Some("een"), "{line}");
        }
        for line in ["-5 graden", "2026 was druk", "1976: een wet", "*nadruk*"] {
            assert_eq!(item(line), None, "{line}");
        }
    }

    #[test]
    fn an_indented_or_lower_case_line_goes_on_with_its_item() {
        let text =
            " • een open huis\n  en een aanspreekpunt;\n • voor iedereen\nTussentitel\n • twee";
        assert_eq!(
            read(text),
            "item een open huis en een aanspreekpunt;\nitem voor iedereen\nheading Tussentitel\nitem twee\nbreak"
        );
    }

    #[test]
    fn paragraphs_without_blank_lines_between_them_keep_their_headings() {
        let text = "Wie we zijn\r\nWe zijn een verzonnen dienst.\r\nWat we doen\r\nWe helpen.\r\nWe luisteren.\r\n";
        let expected = "heading Wie we zijn\nline We zijn een verzonnen dienst.\n\
                        heading Wat we doen\nline We helpen.\nline We luisteren.\nbreak";
        assert_eq!(read(text), expected);
    }

    #[test]
    fn a_sentence_over_lines_of_its_own_is_one_line() {
        let text = "In Verzonnegem is het fijn,\n\nwonen we graag,\n\nen blijven we.\n";
        assert_eq!(
            read(text),
            "line In Verzonnegem is het fijn, wonen we graag, en blijven we.\nbreak"
        );
    }
}
