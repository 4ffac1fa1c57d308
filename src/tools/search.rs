//! Search within one organisation's pages: every text a resident can read there,
//! ranked so that the best place to read comes first.
//!
//! Matching ignores case and accents ("continuum" finds "continuüm") and finds parts
//! of words ("bereik" finds "bereikbaarheid"), as Dutch compounds need. Ranking:
//! the exact phrase above all the words above some of them; within each, a page
//! title above a heading or term above running text; then the order of the pages.

use std::ops::Range;

use super::letters::fold;
use crate::content::{Block, Organisation, PageKind};

/// At most this many hits are returned.
pub const MAX_HITS: usize = 30;
/// Texts longer than this many characters are shown as an excerpt around the match.
const SNIPPET_CHARS: usize = 180;

/// A place in the organisation's pages where the query was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub page: PageKind,
    /// The title of that page, as its heading shows it.
    pub page_title: String,
    /// The heading (or theme) the text stands under on that page, if any.
    pub section: Option<String>,
    /// The text around the match, the matched words marked.
    pub segments: Vec<Segment>,
    /// Higher is better; only the order means something.
    pub score: u32,
}

impl Hit {
    /// The pieces of the text that match the query.
    pub fn marked(&self) -> Vec<String> {
        self.segments
            .iter()
            .filter(|s| s.marked)
            .map(|s| s.text.clone())
            .collect()
    }

    /// Where the hit is, for its link: "Visie — kunnen rekenen op het OCMW,".
    pub fn place(&self) -> String {
        match &self.section {
            Some(section) => format!("{} — {section}", self.page_title),
            None => self.page_title.clone(),
        }
    }

    /// The snippet as plain text.
    pub fn text(&self) -> String {
        self.segments.iter().map(|s| s.text.as_str()).collect()
    }
}

/// A piece of a snippet; `marked` pieces matched the query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub marked: bool,
}

/// How much a text weighs: where on the page it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Weight {
    Text = 1,
    Heading = 2,
    Title = 3,
}

/// One searchable text: its first `strong` bytes are a heading or term.
struct Unit {
    page: PageKind,
    section: Option<String>,
    text: String,
    strong: usize,
    weight: Weight,
}

/// The words of a query or text, folded: runs of letters and digits.
fn words(folded: &[char]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in folded.iter().enumerate() {
        match (super::letters::is_word(*c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..folded.len());
    }
    out
}

fn find(hay: &[char], needle: &[char]) -> Vec<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return Vec::new();
    }
    (0..=hay.len() - needle.len())
        .filter(|&i| &hay[i..i + needle.len()] == needle)
        .collect()
}

/// The organisation's pages searched for `query`, best first.
pub fn search(org: &Organisation, query: &str) -> Vec<Hit> {
    let q: Vec<char> = query.chars().map(fold).collect();
    let query_words: Vec<Vec<char>> = words(&q).into_iter().map(|r| q[r].to_vec()).collect();
    if query_words.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<(usize, Hit)> = units(org)
        .into_iter()
        .enumerate()
        .filter_map(|(order, unit)| {
            let title = org.pages.get(unit.page)?.title.clone();
            rank(&unit, &query_words).map(|(score, marks)| {
                (
                    order,
                    Hit {
                        page: unit.page,
                        page_title: title,
                        section: unit.section,
                        segments: snippet(&unit.text, &marks),
                        score,
                    },
                )
            })
        })
        .collect();
    super::sort_by(&mut hits, |(oa, a), (ob, b)| {
        b.score.cmp(&a.score).then(oa.cmp(ob))
    });
    hits.into_iter().take(MAX_HITS).map(|(_, h)| h).collect()
}

/// Scores one text, with the byte ranges to mark; `None` when nothing matches.
fn rank(unit: &Unit, query: &[Vec<char>]) -> Option<(u32, Vec<Range<usize>>)> {
    let (folded, offsets): (Vec<char>, Vec<usize>) =
        unit.text.char_indices().map(|(i, c)| (fold(c), i)).unzip();
    let byte = |i: usize| offsets.get(i).copied().unwrap_or(unit.text.len());
    let tokens = words(&folded);
    let token = |r: &Range<usize>| &folded[r.clone()];

    // The phrase: the query's words in a row (the first may end a word, the last
    // may begin one, as in "bereikbaar heid" … or simply one word inside another).
    let mut phrase_marks = Vec::new();
    if query.len() == 1 {
        for t in &tokens {
            for at in find(token(t), &query[0]) {
                phrase_marks.push(t.start + at..t.start + at + query[0].len());
            }
        }
    } else {
        let n = query.len();
        for w in tokens.windows(n) {
            let first = token(&w[0]);
            let last = token(&w[n - 1]);
            let middle_equal = (1..n - 1).all(|k| token(&w[k]) == query[k].as_slice());
            if first.ends_with(&query[0]) && last.starts_with(&query[n - 1]) && middle_equal {
                phrase_marks.push(w[0].end - query[0].len()..w[n - 1].start + query[n - 1].len());
            }
        }
    }

    let mut word_marks = Vec::new();
    let mut found_words = 0;
    let mut whole_word = false;
    for qw in query {
        let mut found = false;
        for t in &tokens {
            for at in find(token(t), qw) {
                found = true;
                whole_word |= token(t).len() == qw.len();
                word_marks.push(t.start + at..t.start + at + qw.len());
            }
        }
        found_words += found as usize;
    }
    if found_words == 0 {
        return None;
    }
    let (tier, marks) = if !phrase_marks.is_empty() {
        (30 * query.len() as u32 + 100, phrase_marks)
    } else if found_words == query.len() {
        (100, word_marks)
    } else {
        (10 * found_words as u32, word_marks)
    };
    let in_strong = marks.iter().any(|m| byte(m.start) < unit.strong);
    let weight = if in_strong { unit.weight } else { Weight::Text };
    let score = tier * 10 + weight as u32 * 2 + whole_word as u32;
    let mut marks: Vec<Range<usize>> = marks
        .into_iter()
        .map(|m| byte(m.start)..byte(m.end))
        .collect();
    super::sort_by(&mut marks, |a, b| (a.start, a.end).cmp(&(b.start, b.end)));
    Some((score, merge(marks)))
}

/// Overlapping or touching ranges become one.
fn merge(sorted: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in sorted {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// The text, or an excerpt around the first mark, cut into marked and plain pieces.
fn snippet(text: &str, marks: &[Range<usize>]) -> Vec<Segment> {
    let (from, to) = if text.chars().count() <= SNIPPET_CHARS {
        (0, text.len())
    } else {
        let first = marks.first().map_or(0, |m| m.start);
        // About a third of the excerpt before the match, the rest after it.
        let before: usize = text[..first]
            .char_indices()
            .rev()
            .nth(SNIPPET_CHARS / 3)
            .map_or(0, |(i, _)| i);
        let from = if before == 0 {
            0
        } else {
            text[before..first]
                .find(' ')
                .map_or(before, |s| before + s + 1)
        };
        let end = text[from..]
            .char_indices()
            .nth(SNIPPET_CHARS)
            .map_or(text.len(), |(i, _)| from + i);
        let to = if end == text.len() {
            end
        } else {
            text[..end].rfind(' ').filter(|&s| s > first).unwrap_or(end)
        };
        (
            from,
            to.max(marks.first().map_or(0, |m| m.end.min(text.len()))),
        )
    };
    let mut out = Vec::new();
    let mut push = |t: &str, marked: bool| {
        if !t.is_empty() {
            out.push(Segment {
                text: t.to_string(),
                marked,
            })
        }
    };
    if from > 0 {
        push("… ", false);
    }
    let mut at = from;
    for m in marks {
        let (s, e) = (m.start.max(from), m.end.min(to));
        if s >= e {
            continue;
        }
        push(&text[at..s], false);
        push(&text[s..e], true);
        at = e;
    }
    push(&text[at..to], false);
    if to < text.len() {
        push(" …", false);
    }
    out
}

/// Every text a resident reads on the organisation's pages, in page order.
fn units(org: &Organisation) -> Vec<Unit> {
    let mut out = Vec::new();
    for (page, content) in org.pages.present() {
        // The heading or theme the next texts stand under.
        let mut section: Option<String> = None;
        let mut add = |text: String, strong: usize, weight: Weight, section: &Option<String>| {
            out.push(Unit {
                page,
                section: section.clone(),
                text,
                strong,
                weight,
            })
        };
        add(
            content.title.clone(),
            content.title.len(),
            Weight::Title,
            &None,
        );
        for block in &content.blocks {
            match block {
                Block::Heading { text } => {
                    add(text.clone(), text.len(), Weight::Heading, &None);
                    section = Some(text.clone());
                }
                Block::Paragraph { text } => add(text.clone(), 0, Weight::Text, &section),
                Block::List { items } => {
                    for item in items {
                        add(item.clone(), 0, Weight::Text, &section);
                    }
                }
                Block::Quote { text, source } => {
                    add(text.clone(), 0, Weight::Text, &section);
                    add(source.clone(), 0, Weight::Text, &section);
                }
                Block::Definitions { items } => {
                    for d in items {
                        add(
                            format!("{}: {}", d.term, d.description),
                            d.term.len(),
                            Weight::Heading,
                            &section,
                        );
                    }
                }
                Block::Theme { title, ambitions } => {
                    add(title.clone(), title.len(), Weight::Heading, &None);
                    let theme = Some(title.clone());
                    for a in ambitions {
                        add(a.clone(), 0, Weight::Text, &theme);
                    }
                }
                Block::Contact(c) => {
                    add(c.name.clone(), c.name.len(), Weight::Heading, &section);
                    let card = Some(c.name.clone());
                    let mut details = Vec::new();
                    if let Some(a) = &c.address {
                        details.push(format!("{}, {} {}", a.street, a.postcode, a.city));
                    }
                    if let Some(p) = &c.phone {
                        details.push(format!("telefoon {p}"));
                    }
                    if let Some(f) = &c.fax {
                        details.push(format!("fax {f}"));
                    }
                    if let Some(e) = &c.email {
                        details.push(e.clone());
                    }
                    if let Some(w) = &c.website {
                        details.push(w.clone());
                    }
                    if !details.is_empty() {
                        add(details.join(" · "), 0, Weight::Text, &card);
                    }
                }
                Block::Link { label, .. } => add(label.clone(), 0, Weight::Text, &section),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Page, Pages};

    fn org(pages: Pages) -> Organisation {
        Organisation {
            slug: "test".into(),
            name: "Gemeente Test".into(),
            short_name: "Test".into(),
            accent: "#1d3b72".into(),
            description: "Test.".into(),
            enterprise_number: None,
            changes: Vec::new(),
            pages,
        }
    }

    fn page(title: &str, blocks: Vec<Block>) -> Option<Page> {
        Some(Page {
            title: title.into(),
            description: "x".into(),
            blocks,
        })
    }

    fn p(text: &str) -> Block {
        Block::Paragraph { text: text.into() }
    }

    fn marked(hit: &Hit) -> Vec<String> {
        hit.marked()
    }

    #[test]
    fn phrase_beats_all_words_beats_some_words() {
        let o = org(Pages {
            missie: page(
                "Missie",
                vec![
                    p("Wij helpen inwoners die zorg nodig hebben."),
                    p("Zorg op maat voor elke inwoner."),
                    p("Alleen over zorg."),
                ],
            ),
            ..Default::default()
        });
        let hits = search(&o, "zorg op maat");
        let texts: Vec<String> = hits.iter().map(Hit::text).collect();
        assert_eq!(texts[0], "Zorg op maat voor elke inwoner.");
        assert_eq!(marked(&hits[0]), ["Zorg op maat"]);
        // The other two have only "zorg" (and "op"/"maat" nowhere): some words.
        assert_eq!(hits.len(), 3);
        let hits = search(&o, "inwoners zorg");
        assert_eq!(
            hits[0].text(),
            "Wij helpen inwoners die zorg nodig hebben.",
            "all words"
        );
        assert_eq!(marked(&hits[0]), ["inwoners", "zorg"]);
    }

    #[test]
    fn titles_and_headings_rank_above_text() {
        let o = org(Pages {
            missie: page("Missie", vec![p("Onze visie staat hieronder.")]),
            visie: page(
                "Visie",
                vec![
                    p("Over de visie."),
                    Block::Heading {
                        text: "Visie op zorg".into(),
                    },
                ],
            ),
            ..Default::default()
        });
        let hits = search(&o, "visie");
        let order: Vec<(PageKind, String)> = hits.iter().map(|h| (h.page, h.text())).collect();
        assert_eq!(
            order,
            [
                (PageKind::Visie, "Visie".to_string()),
                (PageKind::Visie, "Visie op zorg".to_string()),
                (PageKind::Missie, "Onze visie staat hieronder.".to_string()),
                (PageKind::Visie, "Over de visie.".to_string()),
            ]
        );
        assert_eq!(hits[0].page_title, "Visie");
        assert_eq!(hits[0].place(), "Visie", "the title itself");
        assert_eq!(hits[2].place(), "Missie", "no heading above it");
        let under = search(&o, "zorg");
        assert_eq!(under[0].text(), "Visie op zorg");
        assert_eq!(under[0].place(), "Visie", "a heading is not under itself");
    }

    #[test]
    fn hits_know_the_heading_they_stand_under() {
        let o = org(Pages {
            visie: page(
                "Visie",
                vec![
                    p("Inleiding over zorg."),
                    Block::Heading {
                        text: "Wonen".into(),
                    },
                    p("Betaalbare zorg thuis."),
                    Block::Theme {
                        title: "Samen leven".into(),
                        ambitions: vec!["Zorg voor elkaar.".into()],
                    },
                ],
            ),
            ..Default::default()
        });
        let places: Vec<String> = search(&o, "zorg").iter().map(Hit::place).collect();
        assert_eq!(places, ["Visie", "Visie — Wonen", "Visie — Samen leven"]);
    }

    #[test]
    fn empty_queries_and_misses_find_nothing() {
        let o = org(Pages {
            missie: page("Missie", vec![p("Tekst.")]),
            ..Default::default()
        });
        assert!(search(&o, "").is_empty());
        assert!(search(&o, "  ,. ").is_empty());
        assert!(search(&o, "fiets").is_empty());
    }

    #[test]
    fn long_texts_become_an_excerpt_around_the_match() {
        let long = format!("{} kernwoord {}", "begin ".repeat(60), "einde ".repeat(60));
        let o = org(Pages {
            missie: page("Missie", vec![p(&long)]),
            ..Default::default()
        });
        let hit = &search(&o, "kernwoord")[0];
        let text = hit.text();
        assert!(
            text.starts_with("… begin") && text.ends_with("einde …"),
            "{text}"
        );
        assert!(text.chars().count() < 200, "{text}");
        assert_eq!(marked(hit), ["kernwoord"]);
    }
}
