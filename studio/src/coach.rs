//! The plain-language coach: advice on a page's Dutch, per block and field, and a
//! reading score for the page. What needs no browser (natively tested); advice only,
//! never a reason to refuse a download.
//!
//! It marks sentences of more than [`MAX_SENTENCE_WORDS`] words, long words and long
//! compounds, abbreviations not explained where they are first used, officialese for
//! which a plainer word exists (a list of our own, [`OFFICIALESE`]), and what looks
//! like a passive (a guess, and the remark says so). The page's score is
//! Flesch–Douma, the Dutch adaptation of Flesch's reading ease:
//! 206.84 − 0.77 × syllables per 100 words − 0.93 × words per sentence, with syllables
//! counted as groups of vowels (an accepted approximation for Dutch: "ij" and a vowel
//! pair are one group, a diaeresis starts a new one).

use koers_content::Block;

use crate::letters::{is_letter, is_upper, is_word, lowercase};

/// Sentences longer than this are marked.
pub const MAX_SENTENCE_WORDS: usize = 20;

/// A word of this many letters or more is marked: Dutch writes compounds as one
/// word, so nearly every word this long is one.
pub const LONG_COMPOUND_LETTERS: usize = 16;

/// A shorter word of this many syllables or more is marked.
pub const LONG_WORD_SYLLABLES: usize = 6;

/// Officialese and a plainer word for it.
pub const OFFICIALESE: &[(&str, &str)] = &[
    ("teneinde", "om"),
    ("ten einde", "om"),
    ("middels", "met, via"),
    ("inzake", "over"),
    ("alsook", "en, ook"),
    ("alsmede", "en, ook"),
    ("aangaande", "over"),
    ("betreffende", "over"),
    ("derhalve", "daarom"),
    ("indien", "als"),
    ("omtrent", "over"),
    ("reeds", "al"),
    ("thans", "nu"),
    ("tevens", "ook"),
    ("alvorens", "voordat"),
    ("conform", "volgens"),
    ("doch", "maar"),
    ("hetgeen", "wat"),
    ("nochtans", "toch"),
    ("tracht", "probeert"),
    ("trachten", "proberen"),
    ("verstrekken", "geven"),
    ("verstrekt", "geeft"),
    ("wederom", "weer"),
    ("woonachtig", "wonend"),
    ("zulks", "dat"),
    ("aldus", "zo"),
    ("desalniettemin", "toch"),
    ("evenwel", "maar, toch"),
    ("ingevolge", "volgens"),
    ("bijgevolg", "daardoor, dus"),
    ("daarenboven", "bovendien, ook"),
    ("onverwijld", "meteen"),
    ("terstond", "meteen"),
    ("voornoemde", "genoemde"),
    ("navolgende", "volgende"),
    ("dan wel", "of"),
    ("ten behoeve van", "voor"),
    ("met betrekking tot", "over"),
    ("in het kader van", "bij, voor"),
    ("op het gebied van", "in, bij"),
    ("omwille van", "door, voor"),
    ("ter attentie van", "voor"),
    ("gelet op", "omdat, door"),
    ("optimaliseren", "verbeteren"),
    ("optimaliseert", "verbetert"),
    ("faciliteren", "helpen, mogelijk maken"),
    ("faciliteert", "helpt, maakt mogelijk"),
    ("implementeren", "invoeren"),
    ("implementeert", "voert in"),
    ("hanteren", "gebruiken"),
    ("hanteert", "gebruikt"),
    ("fungeren", "zijn, werken als"),
    ("fungeert", "is, werkt als"),
    ("beogen", "willen"),
    ("beoogt", "wil"),
    ("bewerkstelligen", "zorgen voor"),
    ("initiëren", "starten"),
];

/// Advice on one field of one block.
#[derive(Debug, Clone, PartialEq)]
pub struct Remark {
    /// The block's place on the page.
    pub block: usize,
    /// The field in the block, as the checks name it: `text`, `items[2]`,
    /// `items[0].description`, `title`, `ambitions[1]`, `label`.
    pub field: String,
    /// Where in the field's text (bytes): the sentence or the word.
    pub range: std::ops::Range<usize>,
    pub what: What,
    /// Stable across analyses, for dismissing: the kind and the words concerned, not
    /// where they are (so moving a block or typing elsewhere keeps a dismissal, and
    /// changing the sentence brings the remark back).
    pub key: String,
}

/// What a remark is about.
#[derive(Debug, Clone, PartialEq)]
pub enum What {
    LongSentence {
        words: usize,
    },
    LongCompound {
        word: String,
        letters: usize,
    },
    LongWord {
        word: String,
        syllables: usize,
    },
    Abbreviation {
        abbreviation: String,
    },
    Officialese {
        words: String,
        plainer: &'static str,
    },
    /// A guess: a form of "worden" and a past participle in one sentence.
    Passive {
        verb: String,
        participle: String,
    },
}

impl Remark {
    /// The remark in plain Dutch, for the editor.
    pub fn dutch(&self) -> String {
        match &self.what {
            What::LongSentence { words } => format!(
                "Lange zin: {words} woorden. Maak er twee of meer zinnen van, met elk hoogstens {MAX_SENTENCE_WORDS} woorden."
            ),
            What::LongCompound { word, letters } => format!(
                "Lang woord: ‘{word}’ ({letters} letters). Kan het korter, of in meer woorden?"
            ),
            What::LongWord { word, syllables } => format!(
                "Lang woord: ‘{word}’ ({syllables} lettergrepen). Is er een korter woord?"
            ),
            What::Abbreviation { abbreviation } => format!(
                "Leg ‘{abbreviation}’ uit waar het voor het eerst staat, zoals ‘{abbreviation} (…)’, of schrijf het voluit."
            ),
            What::Officialese { words, plainer } => {
                format!("‘{words}’ is ambtelijke taal. Schrijf liever: {plainer}.")
            }
            What::Passive { verb, participle } => format!(
                "Misschien een lijdende vorm: ‘{verb} … {participle}’. Zeg wie het doet, bijvoorbeeld ‘Wij …’. Dit is een gok van de coach: klopt het niet, negeer het dan."
            ),
        }
    }

    /// The remark's field as the checks name it, on page `page` (`missie`, …):
    /// `pages.missie.blocks[2].text`.
    pub fn path(&self, page: &str) -> String {
        format!("pages.{page}.blocks[{}].{}", self.block, self.field)
    }
}

/// The block and field a field's path names on page `page` (the inverse of
/// [`Remark::path`]): `pages.missie.blocks[2].items[0]` → (2, "items[0]").
pub fn place_of<'a>(path: &'a str, page: &str) -> Option<(usize, &'a str)> {
    let rest = path.strip_prefix("pages.")?.strip_prefix(page)?;
    let (block, field) = rest.strip_prefix(".blocks[")?.split_once("].")?;
    Some((block.parse().ok()?, field))
}

/// How hard a page reads.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Reading {
    pub words: usize,
    pub sentences: usize,
    pub syllables: usize,
}

/// A score in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Easy,
    Average,
    Hard,
}

impl Level {
    pub fn dutch(self) -> &'static str {
        match self {
            Level::Easy => "makkelijk",
            Level::Average => "gemiddeld",
            Level::Hard => "moeilijk",
        }
    }
}

impl Reading {
    /// Flesch–Douma; `None` without text.
    pub fn score(&self) -> Option<f64> {
        if self.words == 0 || self.sentences == 0 {
            return None;
        }
        let words = self.words as f64;
        let per_100 = 100.0 * self.syllables as f64 / words;
        let per_sentence = words / self.sentences as f64;
        Some(206.84 - 0.77 * per_100 - 0.93 * per_sentence)
    }

    /// The score in words, on Douma's own bands: below 50 "moeilijk" (his "moeilijk"
    /// and "zeer moeilijk"), from 70 "makkelijk" (his "redelijk makkelijk" and up),
    /// between them "gemiddeld".
    pub fn level(&self) -> Option<Level> {
        self.score().map(|s| match s {
            s if s < 50.0 => Level::Hard,
            s if s < 70.0 => Level::Average,
            _ => Level::Easy,
        })
    }

    /// The page's score for the editor, e.g. "Leesbaarheid: 42 op 100 (moeilijk).".
    pub fn dutch(&self) -> Option<String> {
        let (score, level) = (self.score()?, self.level()?);
        Some(format!(
            "Leesbaarheid: {} op 100 ({}). Hoe hoger, hoe makkelijker; mik op 60 of meer.",
            score.clamp(0.0, 100.0).round(),
            level.dutch()
        ))
    }

    fn add(&mut self, text: &str) {
        for (range, _) in sentences(text) {
            let words = words(&text[range]);
            if !words.is_empty() {
                self.sentences += 1;
                self.words += words.len();
                self.syllables += words.iter().map(|(_, w)| syllables(w)).sum::<usize>();
            }
        }
    }
}

/// The coach's view of a page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Coaching {
    pub remarks: Vec<Remark>,
    pub reading: Reading,
}

/// The remarks on `blocks` (a page's, in order) and the page's reading score. The
/// score counts running text (paragraphs, items, quotations, descriptions,
/// ambitions), not headings, terms, names or links.
pub fn page(blocks: &[Block]) -> Coaching {
    let mut coaching = Coaching::default();
    let mut seen_abbreviations: Vec<String> = Vec::new();
    for (b, block) in blocks.iter().enumerate() {
        for (field, text, running) in fields(block) {
            if running {
                coaching.reading.add(text);
            }
            let mut remarks = field_remarks(text, running, &mut seen_abbreviations);
            for r in &mut remarks {
                r.block = b;
                r.field.clone_from(&field);
            }
            coaching.remarks.extend(remarks);
        }
    }
    coaching
}

/// The text of `block`'s field `field`, as a remark names it.
pub fn field<'a>(block: &'a Block, field: &str) -> Option<&'a str> {
    fields(block)
        .into_iter()
        .find(|(f, _, _)| f == field)
        .map(|(_, text, _)| text)
}

/// The fields of `block` the coach reads: (field, text, running text).
fn fields(block: &Block) -> Vec<(String, &str, bool)> {
    match block {
        Block::Heading { text } => vec![("text".into(), text, false)],
        Block::Paragraph { text } | Block::Quote { text, .. } => vec![("text".into(), text, true)],
        Block::List { items } => indexed("items", items, true),
        Block::Definitions { items } => items
            .iter()
            .enumerate()
            .flat_map(|(i, d)| {
                [
                    (format!("items[{i}].term"), d.term.as_str(), false),
                    (
                        format!("items[{i}].description"),
                        d.description.as_str(),
                        true,
                    ),
                ]
            })
            .collect(),
        Block::Theme { title, ambitions } => {
            let mut fields = vec![("title".to_string(), title.as_str(), false)];
            fields.extend(indexed("ambitions", ambitions, true));
            fields
        }
        Block::Link { label, .. } => vec![("label".into(), label, false)],
        Block::Contact(_) => Vec::new(),
    }
}

/// The fields `name[i]` of `items`.
fn indexed<'a>(name: &str, items: &'a [String], running: bool) -> Vec<(String, &'a str, bool)> {
    items
        .iter()
        .enumerate()
        .map(|(i, t)| (format!("{name}[{i}]"), t.as_str(), running))
        .collect()
}

/// The remarks on one field's `text` (block and field left for the caller).
fn field_remarks(text: &str, running: bool, seen: &mut Vec<String>) -> Vec<Remark> {
    let mut remarks = Vec::new();
    let remark = |range: std::ops::Range<usize>, what: What, subject: &str| Remark {
        block: 0,
        field: String::new(),
        range,
        key: format!("{}:{:016x}", kind(&what), fnv(subject)),
        what,
    };
    for (range, sentence) in sentences(text) {
        let words = words(sentence);
        if running && words.len() > MAX_SENTENCE_WORDS {
            let what = What::LongSentence { words: words.len() };
            remarks.push(remark(range.clone(), what, sentence));
        }
        if let Some((verb, participle)) = passive(&words) {
            let what = What::Passive { verb, participle };
            remarks.push(remark(range.clone(), what, sentence));
        }
    }
    let words = words(text);
    let mut marked: Vec<String> = Vec::new();
    for &(at, word) in &words {
        let range = at..at + word.len();
        let bare = word
            .trim_end_matches(['’', '\'', 's'])
            .trim_end_matches(['’', '\'']);
        let abbreviation = if is_abbreviation(word) {
            Some(word)
        } else if word.ends_with("'s") || word.ends_with("’s") {
            Some(bare).filter(|b| is_abbreviation(b))
        } else {
            None
        };
        if let Some(abbreviation) = abbreviation {
            if !seen.iter().any(|s| s == abbreviation) {
                seen.push(abbreviation.to_string());
                if !explained(text, at, abbreviation.len()) {
                    let what = What::Abbreviation {
                        abbreviation: abbreviation.to_string(),
                    };
                    remarks.push(remark(range.clone(), what, abbreviation));
                }
            }
            continue;
        }
        let lower = lowercase(word);
        if marked.contains(&lower) || word.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let letters = word.chars().filter(|&c| is_letter(c)).count();
        let syllables = syllables(word);
        let what = if letters >= LONG_COMPOUND_LETTERS {
            Some(What::LongCompound {
                word: word.to_string(),
                letters,
            })
        } else if syllables >= LONG_WORD_SYLLABLES {
            Some(What::LongWord {
                word: word.to_string(),
                syllables,
            })
        } else {
            None
        };
        if let Some(what) = what {
            marked.push(lower);
            remarks.push(remark(range, what, word));
        }
    }
    let lower: Vec<String> = words.iter().map(|(_, w)| lowercase(w)).collect();
    for (form, plainer) in OFFICIALESE {
        let parts: Vec<&str> = form.split(' ').collect();
        let found = (0..lower.len().saturating_sub(parts.len() - 1)).find(|&k| {
            parts
                .iter()
                .enumerate()
                .all(|(j, part)| lower[k + j] == *part)
        });
        if let Some(k) = found {
            let last = words[k + parts.len() - 1];
            let (start, end) = (words[k].0, last.0 + last.1.len());
            let what = What::Officialese {
                words: text[start..end].to_string(),
                plainer,
            };
            remarks.push(remark(start..end, what, form));
        }
    }
    remarks.sort_by_key(|r| r.range.start);
    remarks
}

fn kind(what: &What) -> &'static str {
    match what {
        What::LongSentence { .. } => "lange-zin",
        What::LongCompound { .. } => "lang-samengesteld-woord",
        What::LongWord { .. } => "lang-woord",
        What::Abbreviation { .. } => "afkorting",
        What::Officialese { .. } => "ambtelijk",
        What::Passive { .. } => "lijdende-vorm",
    }
}

/// FNV-1a: a short stable fingerprint of the words a key is about.
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Shortenings the residents' sentence splitter (`koers::tools::sentences`, for
/// reading aloud) does not know, which end no sentence either: "art. 1".
const SHORTENED: &[&str] = &[
    "art", "blz", "prof", "dr", "ir", "mr", "incl", "excl", "max", "min", "vzw", "a.u.b", "t.o.v",
    "z.g.a",
];

/// The sentences of `text`: (range in bytes, sentence), as the residents' "Lees voor"
/// splits them, and not after a shortening it does not know or an initial.
pub fn sentences(text: &str) -> Vec<(std::ops::Range<usize>, &str)> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for range in koers::tools::sentences::sentences(text) {
        match out.last_mut() {
            Some(last) if ends_shortened(&text[last.clone()]) => last.end = range.end,
            _ => out.push(range),
        }
    }
    out.into_iter().map(|r| (r.clone(), &text[r])).collect()
}

/// Whether `sentence` ends in a shortening or an initial ("J.") rather than a stop.
fn ends_shortened(sentence: &str) -> bool {
    let Some(before) = sentence.strip_suffix('.') else {
        return false;
    };
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or_default();
    let mut chars = word.chars();
    let initial = matches!((chars.next(), chars.next()), (Some(c), None) if is_upper(c));
    initial || SHORTENED.contains(&lowercase(word).as_str())
}

/// The words of `text`: (byte offset, word without the punctuation around it); a
/// word has a letter or a digit.
pub fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for token in text.split_inclusive(char::is_whitespace) {
        let at = offset;
        offset += token.len();
        let trimmed = token.trim_end();
        let word = trimmed.trim_matches(|c: char| !is_word(c));
        if word.is_empty() {
            continue;
        }
        let lead = trimmed.len() - trimmed.trim_start_matches(|c: char| !is_word(c)).len();
        out.push((at + lead, word));
    }
    out
}

/// The syllables of `word`, counted as groups of vowels (at least one). A vowel with
/// a diaeresis starts a group of its own ("geëngageerde": 5). An abbreviation counts
/// a syllable a letter, a number a syllable a digit: roughly as they are said.
pub fn syllables(word: &str) -> usize {
    if is_abbreviation(word) {
        return word.chars().count();
    }
    if word
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
    {
        return word.chars().filter(char::is_ascii_digit).count().max(1);
    }
    let mut groups = 0;
    let mut in_group = false;
    for c in lowercase(word).chars() {
        let diaeresis = matches!(c, 'ë' | 'ï' | 'ü' | 'ö' | 'ä');
        let vowel = diaeresis
            || matches!(
                c,
                'a' | 'e'
                    | 'i'
                    | 'o'
                    | 'u'
                    | 'y'
                    | 'à'
                    | 'á'
                    | 'â'
                    | 'è'
                    | 'é'
                    | 'ê'
                    | 'ì'
                    | 'í'
                    | 'î'
                    | 'ò'
                    | 'ó'
                    | 'ô'
                    | 'ù'
                    | 'ú'
                    | 'û'
            );
        if vowel && (!in_group || diaeresis) {
            groups += 1;
        }
        in_group = vowel;
    }
    groups.max(1)
}

/// "OCMW", "HZ", "BBC": two to six capitals (a Roman numeral is no abbreviation).
fn is_abbreviation(word: &str) -> bool {
    let n = word.chars().count();
    (2..=6).contains(&n)
        && word.chars().all(is_upper)
        && !word
            .chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
}

/// Whether the abbreviation at `at` (`len` bytes) of `text` is explained there: its
/// meaning follows in brackets ("OCMW (Openbaar Centrum …)"), or it is in brackets
/// after its meaning ("… Welzijn (OCMW)").
fn explained(text: &str, at: usize, len: usize) -> bool {
    let after = text[at + len..]
        .trim_start_matches(['’', '\'', 's'])
        .trim_start();
    if after.starts_with('(') {
        return true;
    }
    let before = text[..at].trim_end();
    before.ends_with('(') && words(&before[..before.len() - 1]).len() >= 2
}

/// A form of "worden" and a past participle near it in one sentence's `words`.
fn passive(words: &[(usize, &str)]) -> Option<(String, String)> {
    const WORDEN: &[&str] = &["wordt", "worden", "werd", "werden"];
    let verb = words
        .iter()
        .position(|(_, w)| WORDEN.contains(&lowercase(w).as_str()))?;
    let near = verb.saturating_sub(3)..(verb + 10).min(words.len());
    let participle = words[near]
        .iter()
        .map(|(_, w)| *w)
        .find(|w| is_participle(w))?;
    Some((words[verb].1.to_string(), participle.to_string()))
}

/// A guess at a past participle: "gestimuleerd", "nagekomen", "behandeld",
/// "bekendgemaakt".
fn is_participle(word: &str) -> bool {
    const PREFIXES: &[&str] = &["be", "ver", "ont", "her", "er"];
    const SEPARABLE: &[&str] = &[
        "aan", "af", "bij", "door", "in", "mee", "na", "om", "op", "over", "toe", "uit", "vast",
        "voor", "weg", "terug", "samen", "bekend", "tegemoet",
    ];
    let w = lowercase(word);
    if w.chars().count() < 6 || !w.chars().all(is_letter) || w.ends_with("heid") {
        return false;
    }
    let weak = w.ends_with('d') || w.ends_with('t');
    let strong = w.ends_with("en");
    let ge = |rest: &str| rest.starts_with("ge") && rest.len() >= 5 && (weak || strong);
    ge(&w)
        || SEPARABLE.iter().any(|p| w.strip_prefix(p).is_some_and(ge))
        || (weak
            && PREFIXES
                .iter()
                .any(|p| w.starts_with(p) && w.len() >= p.len() + 4))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn organisation(slug: &str) -> koers_content::Organisation {
        let path = format!(
            "{}/../public/content/{slug}.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).unwrap();
        serde_json::from_str(&text).unwrap()
    }

    fn paragraph(text: &str) -> Block {
        Block::Paragraph { text: text.into() }
    }

    fn whats(blocks: &[Block]) -> Vec<What> {
        page(blocks).remarks.into_iter().map(|r| r.what).collect()
    }

    const HERENTALS_38: &str = "Het OCMW van Herentals stelt zich actief, vernieuwend, preventief en constructief op en tracht zijn opdrachten te vervullen met de meest gepaste technieken, methoden en instrumenten, waarbij een geëngageerde en klantvriendelijke houding van de medewerkers de maatstaf is.";

    #[test]
    fn the_38_word_sentence_on_herentals_page_is_marked_with_its_count() {
        let missie = organisation("herentals").pages.missie.unwrap();
        let coaching = page(&missie.blocks);
        let long: Vec<&Remark> = coaching
            .remarks
            .iter()
            .filter(|r| matches!(r.what, What::LongSentence { words: 38 }))
            .collect();
        assert_eq!(long.len(), 1);
        let r = long[0];
        assert_eq!((r.block, r.field.as_str()), (2, "text"));
        let Block::Paragraph { text } = &missie.blocks[2] else {
            panic!("a paragraph")
        };
        assert_eq!(&text[r.range.clone()], HERENTALS_38);
        assert_eq!(r.path("missie"), "pages.missie.blocks[2].text");
        assert_eq!(place_of(&r.path("missie"), "missie"), Some((2, "text")));
        assert_eq!(
            place_of("pages.visie.blocks[12].items[3].description", "visie"),
            Some((12, "items[3].description"))
        );
        assert_eq!(place_of("pages.missie.title", "missie"), None);
        assert_eq!(place_of("pages.missie.blocks[2].text", "visie"), None);
        assert_eq!(
            r.dutch(),
            "Lange zin: 38 woorden. Maak er twee of meer zinnen van, met elk hoogstens 20 woorden."
        );
    }

    #[test]
    fn a_long_sentence_split_in_two_is_no_longer_marked() {
        let split = "Het OCMW van Herentals (Openbaar Centrum voor Maatschappelijk Welzijn) werkt actief en vernieuwend. Onze medewerkers zijn betrokken en vriendelijk.";
        assert!(!whats(&[paragraph(split)])
            .iter()
            .any(|w| matches!(w, What::LongSentence { .. })));
        assert!(whats(&[paragraph(HERENTALS_38)]).contains(&What::LongSentence { words: 38 }));
    }

    #[test]
    fn sentences_end_at_their_stop_not_at_a_shortening() {
        let text = "Zie art. 1 van de wet. Het gaat o.a. over hulp! Wie? “Iedereen.” Klaar";
        let found: Vec<&str> = sentences(text).into_iter().map(|(_, s)| s).collect();
        assert_eq!(
            found,
            [
                "Zie art. 1 van de wet.",
                "Het gaat o.a. over hulp!",
                "Wie?",
                "“Iedereen.”",
                "Klaar"
            ]
        );
        assert_eq!(
            words("Het welzijns- en (zorg)beleid: 11 raadsleden.").len(),
            6
        );
    }

    #[test]
    fn syllables_are_groups_of_vowels() {
        for (word, n) in [
            ("kat", 1),
            ("huis", 1),
            ("blijven", 2),
            ("maatschappelijke", 5),
            ("geëngageerde", 5),
            ("continuïteit", 5),
            ("OCMW", 4),
            ("300", 3),
        ] {
            assert_eq!(syllables(word), n, "{word}");
        }
    }

    #[test]
    fn the_reading_score_is_flesch_douma() {
        // 6 words, 6 syllables, 1 sentence: 206.84 − 77 − 5.58.
        let easy = page(&[paragraph("De kat zit op de mat.")]).reading;
        assert_eq!(
            easy,
            Reading {
                words: 6,
                sentences: 1,
                syllables: 6
            }
        );
        assert!((easy.score().unwrap() - 124.26).abs() < 1e-9);
        assert_eq!(easy.level(), Some(Level::Easy));
        assert_eq!(
            easy.dutch().unwrap(),
            "Leesbaarheid: 100 op 100 (makkelijk). Hoe hoger, hoe makkelijker; mik op 60 of meer."
        );
        // The 38-word sentence: 77 syllables (vowel groups, OCMW four): about 15.
        let hard = page(&[paragraph(HERENTALS_38)]).reading;
        assert_eq!((hard.words, hard.sentences, hard.syllables), (38, 1, 77));
        let score: f64 = 206.84 - 0.77 * (100.0 * 77.0 / 38.0) - 0.93 * 38.0;
        assert_eq!(score.round(), 15.0);
        assert!((hard.score().unwrap() - score).abs() < 1e-9);
        assert_eq!(hard.level(), Some(Level::Hard));
        // Headings do not count; a page without running text has no score.
        assert_eq!(
            page(&[Block::Heading {
                text: "Over ons".into()
            }])
            .reading
            .score(),
            None
        );
    }

    #[test]
    fn an_abbreviation_is_marked_once_unless_explained_where_first_used() {
        let blocks = [
            paragraph("Het OCMW helpt. Het OCMW luistert."),
            paragraph(
                "Het BBC (beleids- en beheerscyclus) loopt. Inwoners van HZ wonen graag in HZ.",
            ),
            paragraph("De Vlaamse Maatschappij voor Sociaal Wonen (VMSW) bouwt. Deel II volgt."),
        ];
        let marked: Vec<(usize, String)> = page(&blocks)
            .remarks
            .into_iter()
            .filter_map(|r| match r.what {
                What::Abbreviation { abbreviation } => Some((r.block, abbreviation)),
                _ => None,
            })
            .collect();
        assert_eq!(marked, [(0, "OCMW".to_string()), (1, "HZ".to_string())]);
    }

    #[test]
    fn officialese_gets_a_plainer_word() {
        let w = whats(&[paragraph("Teneinde u te helpen, tracht het OCMW (Openbaar Centrum voor Maatschappelijk Welzijn) in het kader van de wet te optimaliseren.")]);
        let found: Vec<(String, &str)> = w
            .into_iter()
            .filter_map(|w| match w {
                What::Officialese { words, plainer } => Some((words, plainer)),
                _ => None,
            })
            .collect();
        assert_eq!(
            found,
            [
                ("Teneinde".to_string(), "om"),
                ("tracht".to_string(), "probeert"),
                ("in het kader van".to_string(), "bij, voor"),
                ("optimaliseren".to_string(), "verbeteren"),
            ]
        );
    }

    #[test]
    fn long_words_and_compounds_are_marked_once_per_field() {
        let w = whats(&[
            paragraph("De ontwikkelingssamenwerking en de ontwikkelingssamenwerking, en een kat."),
            Block::List {
                items: vec!["Meer vertegenwoordigers.".into()],
            },
        ]);
        assert_eq!(
            w,
            [
                What::LongCompound {
                    word: "ontwikkelingssamenwerking".into(),
                    letters: 25
                },
                What::LongCompound {
                    word: "vertegenwoordigers".into(),
                    letters: 18
                },
            ]
        );
        assert!(whats(&[paragraph("De kat is een kat.")]).is_empty());
        // Numbers are no words to shorten.
        assert!(whats(&[paragraph("Ondernemingsnummer: 0208038769.")]).len() == 1);
    }

    #[test]
    fn a_passive_is_guessed_and_said_to_be_a_guess() {
        let found = |text: &str| {
            whats(&[paragraph(text)]).into_iter().find_map(|w| match w {
                What::Passive { verb, participle } => Some(format!("{verb} {participle}")),
                _ => None,
            })
        };
        assert_eq!(
            found("De vrijwilligers worden gestimuleerd en gehonoreerd.").as_deref(),
            Some("worden gestimuleerd")
        );
        assert_eq!(
            found("Het aanbod wordt ruim bekendgemaakt.").as_deref(),
            Some("wordt bekendgemaakt")
        );
        assert_eq!(
            found("Alle informatie wordt vertrouwelijk behandeld.").as_deref(),
            Some("wordt behandeld")
        );
        assert_eq!(found("Wij helpen iedereen die het vraagt."), None);
        assert_eq!(found("Het wordt een mooie zomer."), None);
        let r = page(&[paragraph("De afspraken worden nagekomen.")]).remarks;
        assert!(
            r[0].dutch().contains("een gok van de coach"),
            "{}",
            r[0].dutch()
        );
    }

    #[test]
    fn a_page_at_its_limits_is_coached_in_good_time() {
        // 100 blocks of about 4,000 characters: the largest page the checks allow.
        let text = format!("{HERENTALS_38} ").repeat(15);
        let blocks = vec![paragraph(&text); koers_content::MAX_PAGE_BLOCKS];
        let start = std::time::Instant::now();
        let coaching = page(&blocks);
        let took = start.elapsed();
        assert_eq!(coaching.reading.sentences, 1500);
        println!("coach: a page at its limits in {took:?}");
        assert!(took < std::time::Duration::from_secs(5), "{took:?}");
    }

    #[test]
    fn keys_follow_the_words_not_the_place() {
        let one = page(&[paragraph(HERENTALS_38)]).remarks;
        let moved = page(&[paragraph("Kort."), paragraph(HERENTALS_38)]).remarks;
        let keys = |r: &[Remark]| r.iter().map(|r| r.key.clone()).collect::<Vec<_>>();
        assert_eq!(keys(&one), keys(&moved));
        assert!(moved.iter().all(|r| r.block == 1));
        let mut unique = keys(&one);
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), one.len());
    }
}
