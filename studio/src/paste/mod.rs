//! An existing page, pasted in, made into blocks: what needs no browser (natively tested).
//!
//! Two readers turn what was pasted into a flat run of [`Unit`]s: `text` reads plain
//! text (guessing headings from the shape of its lines), `html` reads a small tree of
//! the clipboard's HTML ([`html::Element`], which the browser fills from `DOMParser`
//! and the tests from an HTML parser). One assembler, [`assemble`], makes blocks of the
//! existing types from those units: lists, term lists, quotations, contact details,
//! and, on the ambities page, themes. Site furniture (navigation, cookie banners,
//! "Printvriendelijke versie", "Naar top", images, scripts …) is dropped and listed in
//! [`Pasted::dropped`], for the studio to tell the editor in Dutch. Nothing pasted is
//! ever HTML in a block: every block holds plain text.

pub mod html;
pub mod text;

#[cfg(test)]
mod seeds;

use crate::letters::{is_letter, lowercase};
use koers_content::{
    is_email, is_postcode, list_items, Address, Block, ContactPoint, Definition, Page, PageKind,
    MAX_PAGE_BLOCKS, MAX_PAGE_ITEMS,
};

/// A page's blocks from what was pasted, and what was left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Pasted {
    pub blocks: Vec<Block>,
    pub dropped: Vec<Dropped>,
}

/// The most a paste reads (bytes of HTML or text): a page and its markup, with room.
pub const MAX_PASTE_BYTES: usize = 5_000_000;

/// Plain text pasted into page `kind` titled `title` (a first heading equal to the
/// title is left out: the page shows its title already).
pub fn from_text(pasted: &str, kind: PageKind, title: &str) -> Pasted {
    assemble(text::units(pasted), Vec::new(), kind, title)
}

/// The clipboard's HTML, read into `root`, pasted into page `kind` titled `title`.
pub fn from_html(root: &html::Element, kind: PageKind, title: &str) -> Pasted {
    let (units, dropped) = html::units(root);
    assemble(units, dropped, kind, title)
}

/// What a paste did to a page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Added {
    /// The blocks added.
    pub blocks: usize,
    /// The blocks that did not fit.
    pub left_out: usize,
    /// The first heading, when it became the untitled page's title.
    pub title: Option<String>,
}

/// Adds `blocks` after those of `page`, as many as a page holds (its limits of blocks
/// and list items); an untitled page takes a first heading as its title.
pub fn add_to(page: &mut Page, blocks: Vec<Block>) -> Added {
    let mut blocks = blocks.into_iter().peekable();
    let mut added = Added::default();
    if page.title.trim().is_empty() {
        if let Some(Block::Heading { text }) = blocks.peek() {
            page.title = text.clone();
            added.title = Some(text.clone());
            blocks.next();
        }
    }
    let mut items: usize = page.blocks.iter().map(list_items).sum();
    for block in blocks {
        let more = list_items(&block);
        if page.blocks.len() < MAX_PAGE_BLOCKS && items + more <= MAX_PAGE_ITEMS {
            items += more;
            page.blocks.push(block);
            added.blocks += 1;
        } else {
            added.left_out += 1;
        }
    }
    added
}

/// What the studio says after a paste that `added`, with `told` (what was dropped,
/// [`Pasted::told`]).
pub fn summary(added: &Added, told: &[String]) -> String {
    let mut said = match added.blocks {
        0 if added.title.is_none() => "Er stond niets in dat een blok kan worden.".to_string(),
        1 => "1 blok overgenomen.".to_string(),
        n => format!("{n} blokken overgenomen."),
    };
    if let Some(title) = &added.title {
        said.push_str(&format!(
            " De eerste tussentitel, ‘{title}’, is de titel van de pagina."
        ));
    }
    if added.left_out > 0 {
        said.push_str(&format!(
            " {} pasten niet meer: een pagina heeft hoogstens {MAX_PAGE_BLOCKS} blokken en {MAX_PAGE_ITEMS} items in lijsten.",
            added.left_out
        ));
    }
    if !told.is_empty() {
        said.push_str(&format!(" Weggelaten: {}.", told.join("; ")));
    }
    if added.blocks > 0 || added.title.is_some() {
        said.push_str(" Kijk de blokken na in het formulier en de voorbeeldweergave.");
    }
    said
}

/// What a reader found, before it is assembled into blocks.
#[derive(Debug, Clone, PartialEq)]
pub enum Unit {
    /// A heading: certain in HTML, guessed in plain text.
    Heading(String),
    /// A line of running text: a paragraph, or a term, a quotation or a contact line
    /// the assembler recognises.
    Line(String),
    /// A list item.
    Item(String),
    /// A quotation marked as one (`blockquote`), with its source when it names one.
    Quote {
        text: String,
        source: Option<String>,
    },
    /// A term and its description (`dl`).
    Term { term: String, description: String },
    /// A paragraph that is only a link.
    Link { label: String, href: String },
    /// The end of a group of lines (a blank line, the end of a paragraph).
    Break,
}

/// Something pasted that is not in the blocks.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Dropped {
    /// The page's title, which the page shows already.
    Title(String),
    Navigation,
    Breadcrumbs,
    CookieBanner,
    /// The website's own header and footer (outside the page's main content).
    SiteHeaderFooter,
    Scripts,
    /// Style sheets and inline styles, bold, italics, colours: blocks are plain text.
    Formatting,
    Image,
    /// Video, audio, embedded frames.
    Media,
    Form,
    /// A button or link of the website itself: "Printvriendelijke versie", "Naar top" …
    SiteTool(String),
    /// A link's words without where it leads (plain text keeps no addresses).
    LinkLabel(String),
}

impl Pasted {
    /// What was left out, in plain Dutch, one line each, in a stable order: for the
    /// studio to tell the editor after a paste ("navigatie", "3 afbeeldingen" …).
    pub fn told(&self) -> Vec<String> {
        let mut dropped = self.dropped.clone();
        dropped.sort();
        let count = |d: &Dropped| self.dropped.iter().filter(|x| *x == d).count();
        let names = |pick: fn(&Dropped) -> Option<&String>| {
            let mut names: Vec<&str> = Vec::new();
            for name in self.dropped.iter().filter_map(pick) {
                if !names.contains(&name.as_str()) {
                    names.push(name);
                }
            }
            names
                .iter()
                .map(|n| format!("‘{n}’"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut told = Vec::new();
        dropped.dedup_by(|a, b| std::mem::discriminant(a) == std::mem::discriminant(b));
        for d in &dropped {
            told.push(match d {
                Dropped::Title(title) => {
                    format!("de titel ‘{title}’: die staat al boven de pagina")
                }
                Dropped::Navigation => "navigatie".into(),
                Dropped::Breadcrumbs => "kruimelpad".into(),
                Dropped::CookieBanner => "cookiemelding".into(),
                Dropped::SiteHeaderFooter => "kop en voet van de website".into(),
                Dropped::Scripts => "scripts".into(),
                Dropped::Formatting => {
                    "opmaak (vet, cursief, kleuren): blokken zijn gewone tekst".into()
                }
                Dropped::Image => match count(d) {
                    1 => "1 afbeelding".into(),
                    n => format!("{n} afbeeldingen"),
                },
                Dropped::Media => match count(d) {
                    1 => "1 video of ingesloten kader".into(),
                    n => format!("{n} video’s of ingesloten kaders"),
                },
                Dropped::Form => "formulier".into(),
                Dropped::SiteTool(_) => format!(
                    "knoppen en links van de website: {}",
                    names(|d| match d {
                        Dropped::SiteTool(n) => Some(n),
                        _ => None,
                    })
                ),
                Dropped::LinkLabel(_) => format!(
                    "links zonder adres: {}. Voeg ze toe als link-blok als je ze nodig hebt.",
                    names(|d| match d {
                        Dropped::LinkLabel(n) => Some(n),
                        _ => None,
                    })
                ),
            });
        }
        told
    }
}

/// Whitespace collapsed and the spacing around punctuation tidied, as a typesetter
/// would: no space before `. , ; : ! ? … )` or after `(`, one after a comma between
/// letters ("scholen,verenigingen"). Digits keep their commas ("1,5").
pub fn tidy(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars: Vec<char> = collapsed.chars().collect();
    let mut out = String::with_capacity(collapsed.len());
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let prev = out.chars().last();
        if c == ' '
            && (matches!(next, Some('.' | ',' | ';' | ':' | '!' | '?' | '…' | ')'))
                || prev == Some('('))
        {
            continue;
        }
        out.push(c);
        if c == ',' && prev.is_some_and(is_letter) && next.is_some_and(is_letter) {
            out.push(' ');
        }
    }
    out
}

/// Site furniture that is a line of its own: buttons and links of the website.
pub fn is_site_tool(line: &str) -> bool {
    const TOOLS: &[&str] = &[
        "sitemap",
        "a | a",
        "a a a",
        "aaa",
        "rss",
        "pdf",
        "print",
        "afdrukken",
        "printvriendelijke versie",
        "naar top",
        "naar boven",
        "terug naar boven",
        "top",
        "meer info",
        "lees meer",
        "lees voorlezen",
        "voorlezen",
        "delen",
        "deel deze pagina",
        "deel",
        "terug",
        "e-loket",
        "naar inhoud",
        "ga naar inhoud",
        "spring naar inhoud",
    ];
    let line = lowercase(
        line.trim()
            .trim_end_matches(['»', '›', '>', '↑', '^'])
            .trim(),
    );
    TOOLS.contains(&line.as_str())
}

/// The number of words of `line` (runs of non-space).
fn word_count(line: &str) -> usize {
    line.split_whitespace().count()
}

/// Whether `line` ends a sentence or introduces something (so is no heading).
fn ends_like_a_sentence(line: &str) -> bool {
    line.trim_end().ends_with(['.', ':', ';', '?', '!', '…'])
}

/// Whether `line` reads as a heading: short, and not ending like a sentence.
pub fn looks_like_heading(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty()
        && word_count(line) <= 8
        && !ends_like_a_sentence(line)
        && quoted(line).is_none()
        && term(line).is_none()
        && contact_line(line).is_none()
        && postcode_line(line).is_none()
        && !is_site_tool(line)
}

/// The words of a line wholly in quotation marks, without them.
fn quoted(line: &str) -> Option<&str> {
    let line = line.trim();
    let inner = line.strip_prefix(['“', '"', '„', '«'])?;
    let inner = inner.strip_suffix(['”', '"', '“', '»'])?;
    (!inner.contains(['“', '”', '"']) && word_count(inner) >= 3).then_some(inner.trim())
}

/// A term line, "Bereikbaarheid: zowel de fysieke …": a term of at most four words
/// before a colon, and a description after it.
fn term(line: &str) -> Option<(String, String)> {
    let (term, description) = line.split_once(':')?;
    let term = term.trim();
    let description = description.trim();
    let first = term.chars().next()?;
    (is_letter(first)
        && word_count(term) <= 4
        && term.chars().count() <= 40
        && !description.is_empty()
        && contact_line(line).is_none())
    .then(|| (tidy(term), tidy(description)))
}

/// A line of contact details.
#[derive(Debug, Clone, PartialEq)]
enum ContactLine {
    Phone(String),
    Fax(String),
    Email(String),
    Website(String),
}

/// `line` as a phone, fax, e-mail or website line ("tel. 011 80 80 86", "fax …",
/// "e-mail: info@…", an e-mail address alone, "www.…").
fn contact_line(line: &str) -> Option<ContactLine> {
    let line = line.trim();
    let lower = lowercase(line);
    let value = |label_len: usize| {
        line.get(label_len..)
            .unwrap_or_default()
            .trim_start_matches(['.', ':', ' '])
            .trim()
            .to_string()
    };
    let digits = |v: &str| v.chars().filter(char::is_ascii_digit).count() >= 6;
    for label in ["telefoon", "tel", "gsm"] {
        if lower.starts_with(label) {
            let v = value(label.len());
            if digits(&v) {
                return Some(ContactLine::Phone(v));
            }
        }
    }
    if lower.starts_with("fax") {
        let v = value(3);
        if digits(&v) {
            return Some(ContactLine::Fax(v));
        }
    }
    for label in ["e-mailadres", "e-mail", "email", "mail"] {
        if lower.starts_with(label) {
            let v = value(label.len());
            if is_email(v.trim()) {
                return Some(ContactLine::Email(v));
            }
        }
    }
    if is_email(line.trim()) {
        return Some(ContactLine::Email(line.to_string()));
    }
    for label in ["website", "web"] {
        if lower.starts_with(label) {
            let v = value(label.len());
            if v.starts_with("http") || v.starts_with("www.") {
                return Some(ContactLine::Website(web_address(&v)));
            }
        }
    }
    if (lower.starts_with("https://") || lower.starts_with("www.")) && !line.contains(' ') {
        return Some(ContactLine::Website(web_address(line)));
    }
    None
}

/// A website as a link: `www.…` gets its scheme.
fn web_address(v: &str) -> String {
    if v.starts_with("www.") {
        format!("https://{v}")
    } else {
        v.to_string()
    }
}

/// "3550 Heusden-Zolder": a Belgian postcode and its town.
fn postcode_line(line: &str) -> Option<(String, String)> {
    let line = line.trim();
    let (code, city) = line.split_once(' ')?;
    let code = code.trim_start_matches("B-");
    (is_postcode(code) && city.trim().starts_with(is_letter))
        .then(|| (code.to_string(), city.trim().to_string()))
}

/// "Heldenplein 1", "Markt 12A bus 3": words and a house number at the end.
fn street_line(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let number = |w: &str| w.starts_with(|c: char| c.is_ascii_digit()) && w.len() <= 6;
    // The street's words before the number, and a bus after it when there is one.
    let name = match words.as_slice() {
        [name @ .., n, b, _] if b.eq_ignore_ascii_case("bus") && number(n) => name,
        [name @ .., n] if number(n) => name,
        _ => return false,
    };
    (1..=3).contains(&name.len()) && name[0].starts_with(is_letter)
}

/// A link's words without the link in a contact block: a word or three, no digits, no
/// sentence ("e-mail", "Openingstijden", "E-loket »").
fn link_label(line: &str) -> bool {
    let line = line.trim();
    word_count(line) <= 3
        && !line.chars().any(|c| c.is_ascii_digit())
        && !ends_like_a_sentence(line)
        && !line.is_empty()
}

/// The words of a contact link that plain text keeps without its address.
fn is_contact_label(line: &str) -> bool {
    const LABELS: &[&str] = &[
        "e-mail",
        "email",
        "mail",
        "website",
        "openingstijden",
        "openingsuren",
        "route",
        "kaart",
    ];
    LABELS.contains(&lowercase(line.trim()).as_str())
}

/// A group of lines between breaks and headings.
type Group = Vec<Unit>;

/// The blocks made of `units` on page `kind` titled `title`, and what was left out
/// (`dropped`: what the reader left out already).
pub fn assemble(
    units: Vec<Unit>,
    mut dropped: Vec<Dropped>,
    kind: PageKind,
    title: &str,
) -> Pasted {
    // Site tools first: a line of its own that is a button of the website.
    let units: Vec<Unit> = units
        .into_iter()
        .filter_map(|u| match u {
            Unit::Line(l) | Unit::Heading(l) if is_site_tool(&l) => {
                dropped.push(Dropped::SiteTool(l.trim().to_string()));
                None
            }
            Unit::Line(l) if l.trim().is_empty() => None,
            // A bulleted paragraph (Word's lists in HTML) is an item.
            Unit::Line(l) => Some(match text::item(&l) {
                Some(item) => Unit::Item(item.to_string()),
                None => Unit::Line(l),
            }),
            u => Some(u),
        })
        .collect();
    let groups = groups(units);
    let mut blocks: Vec<Block> = Vec::new();
    let mut i = 0;
    while i < groups.len() {
        let group = &groups[i];
        if let [Unit::Heading(h)] = group.as_slice() {
            let h = tidy(h);
            if blocks.is_empty() && !title.is_empty() && lowercase(&h) == lowercase(title.trim()) {
                dropped.push(Dropped::Title(h));
            } else {
                blocks.push(Block::Heading { text: h });
            }
            i += 1;
            continue;
        }
        if let Some((contact, rest, used)) = contact_of(&groups[i..], &mut dropped) {
            // A heading that only repeats the contact's name goes: the card shows it.
            if matches!(blocks.last(), Some(Block::Heading { text }) if *text == contact.name) {
                blocks.pop();
            }
            let contact = ContactPoint {
                name: match (&contact.name, blocks.last()) {
                    (n, Some(Block::Heading { text })) if n.is_empty() => text.clone(),
                    _ => contact.name,
                },
                ..contact
            };
            blocks.push(Block::Contact(contact));
            lines_to_blocks(rest, &mut blocks);
            i += used;
            continue;
        }
        lines_to_blocks(group.clone(), &mut blocks);
        i += 1;
    }
    if kind == PageKind::Ambities {
        blocks = themes(blocks);
    }
    Pasted { blocks, dropped }
}

/// `units` cut at breaks, each heading a group of its own.
fn groups(units: Vec<Unit>) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    let mut current: Group = Vec::new();
    for unit in units {
        match unit {
            Unit::Break => {
                if !current.is_empty() {
                    groups.push(std::mem::take(&mut current));
                }
            }
            Unit::Heading(h) => {
                if !current.is_empty() {
                    groups.push(std::mem::take(&mut current));
                }
                groups.push(vec![Unit::Heading(h)]);
            }
            u => current.push(u),
        }
    }
    if !current.is_empty() {
        groups.push(current);
    }
    groups
}

/// A contact made of the groups at the start of `groups`: a group with an address or
/// a phone, fax or e-mail line, and the groups right after it that hold only more of
/// those. Gives the contact, the lines of those groups that are no contact details
/// (after the contact), and how many groups it used.
fn contact_of(
    groups: &[Group],
    dropped: &mut Vec<Dropped>,
) -> Option<(ContactPoint, Vec<Unit>, usize)> {
    let lines = |g: &Group| -> Option<Vec<String>> {
        g.iter()
            .map(|u| match u {
                Unit::Line(l) => Some(l.trim().to_string()),
                _ => None,
            })
            .collect()
    };
    let first = lines(groups.first()?)?;
    let address_at = (1..first.len())
        .find(|&k| postcode_line(&first[k]).is_some() && street_line(&first[k - 1]));
    if address_at.is_none() && !first.iter().any(|l| contact_line(l).is_some()) {
        return None;
    }
    let mut contact = crate::draft::empty_contact();
    let mut rest = Vec::new();
    let mut skip = Vec::new();
    if let Some(k) = address_at {
        let (postcode, city) = postcode_line(&first[k]).unwrap_or_default();
        contact.address = Some(Address {
            street: tidy(&first[k - 1]),
            postcode,
            city,
        });
        skip.extend([k - 1, k]);
    }
    if address_at != Some(1) && !skip.contains(&0) && looks_like_heading(&first[0]) {
        contact.name = tidy(&first[0]);
        skip.push(0);
    }
    let mut used = 1;
    while let Some(more) = groups.get(used).and_then(lines) {
        let all_contact = more
            .iter()
            .all(|l| contact_line(l).is_some() || link_label(l));
        if !all_contact || !more.iter().any(|l| contact_line(l).is_some()) {
            break;
        }
        used += 1;
    }
    let all: Vec<(usize, String)> = groups[..used]
        .iter()
        .enumerate()
        .flat_map(|(g, group)| {
            lines(group)
                .unwrap_or_default()
                .into_iter()
                .enumerate()
                .map(move |(k, l)| (g, k, l))
        })
        .filter(|(g, k, _)| *g > 0 || !skip.contains(k))
        .map(|(g, _, l)| (g, l))
        .collect();
    for (g, line) in all {
        match contact_line(&line) {
            Some(ContactLine::Phone(v)) if contact.phone.is_none() => contact.phone = Some(v),
            Some(ContactLine::Fax(v)) if contact.fax.is_none() => contact.fax = Some(v),
            Some(ContactLine::Email(v)) if contact.email.is_none() => contact.email = Some(v),
            Some(ContactLine::Website(v)) if contact.website.is_none() => contact.website = Some(v),
            _ if link_label(&line) && (g > 0 || is_contact_label(&line)) => {
                dropped.push(Dropped::LinkLabel(line));
            }
            _ => rest.push(Unit::Line(line)),
        }
    }
    Some((contact, rest, used))
}

/// The blocks of a group of lines: runs of items a list (a list goes on across
/// breaks), two or more term lines a term list, a line in quotation marks a quote,
/// any other line a paragraph.
fn lines_to_blocks(group: Group, blocks: &mut Vec<Block>) {
    let mut k = 0;
    while k < group.len() {
        match &group[k] {
            Unit::Item(item) => {
                let item = tidy(item);
                match blocks.last_mut() {
                    Some(Block::List { items }) if k == 0 => items.push(item),
                    Some(Block::List { items })
                        if matches!(group.get(k.wrapping_sub(1)), Some(Unit::Item(_))) =>
                    {
                        items.push(item)
                    }
                    _ => blocks.push(Block::List { items: vec![item] }),
                }
            }
            Unit::Term { term, description } => {
                let d = Definition {
                    term: tidy(term),
                    description: tidy(description),
                };
                match blocks.last_mut() {
                    Some(Block::Definitions { items }) => items.push(d),
                    _ => blocks.push(Block::Definitions { items: vec![d] }),
                }
            }
            Unit::Quote { text, source } => blocks.push(quote(text, source.clone(), blocks)),
            Unit::Link { label, href } => blocks.push(Block::Link {
                label: tidy(label),
                href: href.trim().to_string(),
            }),
            Unit::Line(line) => {
                let terms: Vec<(String, String)> = group[k..]
                    .iter()
                    .map_while(|u| match u {
                        Unit::Line(l) => term(l),
                        _ => None,
                    })
                    .collect();
                if terms.len() >= 2 {
                    k += terms.len();
                    blocks.push(Block::Definitions {
                        items: terms
                            .into_iter()
                            .map(|(term, description)| Definition { term, description })
                            .collect(),
                    });
                    continue;
                }
                if let Some(q) = quoted(line) {
                    // A source on the next line, after a dash.
                    let source = match group.get(k + 1) {
                        Some(Unit::Line(next)) if next.trim_start().starts_with(['—', '–']) => {
                            k += 1;
                            Some(next.trim_start().trim_start_matches(['—', '–']).to_string())
                        }
                        _ => None,
                    };
                    blocks.push(quote(q, source, blocks));
                } else {
                    blocks.push(Block::Paragraph { text: tidy(line) });
                }
            }
            Unit::Heading(h) => blocks.push(Block::Heading { text: tidy(h) }),
            Unit::Break => {}
        }
        k += 1;
    }
}

/// A quote; without a source of its own, the source is what the paragraph before it
/// names after its last "in", "uit" or "volgens", when that paragraph introduces it
/// with a colon ("… bepaald in art. 1 van de wet van 8 juli 1976:"). Else the source
/// is left for the editor to fill in (the form asks for it).
fn quote(text: &str, source: Option<String>, blocks: &[Block]) -> Block {
    let source = source.or_else(|| match blocks.last() {
        Some(Block::Paragraph { text }) if text.ends_with(':') => {
            let intro = text.trim_end_matches(':');
            [" in ", " uit ", " volgens "]
                .iter()
                .filter_map(|w| intro.rfind(w).map(|at| &intro[at + w.len()..]))
                .min_by_key(|s| s.len())
                .map(str::to_string)
        }
        _ => None,
    });
    Block::Quote {
        text: tidy(text),
        source: tidy(&source.unwrap_or_default()),
    }
}

/// On the ambities page, a heading with a list right after it (and at most the
/// question "Wat is de ambitie?", which a theme shows itself) is a theme.
fn themes(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut blocks = blocks.into_iter().peekable();
    while let Some(block) = blocks.next() {
        let Block::Heading { text: title } = block else {
            out.push(block);
            continue;
        };
        let mut question = None;
        if let Some(Block::Paragraph { text }) = blocks.peek() {
            if text.trim().eq_ignore_ascii_case("wat is de ambitie?") {
                question = blocks.next();
            }
        }
        match blocks.peek() {
            Some(Block::List { .. }) => {
                let Some(Block::List { items }) = blocks.next() else {
                    unreachable!("peeked a list")
                };
                out.push(Block::Theme {
                    title,
                    ambitions: items,
                });
            }
            _ => {
                out.push(Block::Heading { text: title });
                out.extend(question);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Block {
        Block::Paragraph { text: text.into() }
    }

    #[test]
    fn tidy_spaces_punctuation_as_a_typesetter() {
        assert_eq!(tidy("  een  ( kansarmen) , x ."), "een (kansarmen), x.");
        assert_eq!(
            tidy("scholen,verenigingen e.a…"),
            "scholen, verenigingen e.a…"
        );
        assert_eq!(
            tidy("1,5 km en (kinder)armoede …"),
            "1,5 km en (kinder)armoede…"
        );
        assert_eq!(tidy("gemeentebestuur : het"), "gemeentebestuur: het");
    }

    #[test]
    fn contact_lines_are_read() {
        use ContactLine::*;
        let lines = [
            ("tel. 011 80 80 86", Some(Phone("011 80 80 86".into()))),
            ("Fax: 011 80 80 79", Some(Fax("011 80 80 79".into()))),
            (
                "E-mail: info@voorbeeld.be",
                Some(Email("info@voorbeeld.be".into())),
            ),
            ("info@voorbeeld.be", Some(Email("info@voorbeeld.be".into()))),
            (
                "www.voorbeeld.be",
                Some(Website("https://www.voorbeeld.be".into())),
            ),
            ("e-mail", None),
            ("Telefonisch bereikbaar in de voormiddag.", None),
        ];
        for (line, read) in lines {
            assert_eq!(contact_line(line), read, "{line}");
        }
        assert!(street_line("Dorpsstraat 12A bus 3"));
        assert!(!street_line("Wij zijn er voor u 24"));
        assert_eq!(
            postcode_line("9999 Verzonnegem"),
            Some(("9999".into(), "Verzonnegem".into()))
        );
        assert_eq!(
            postcode_line("1976 was een jaar"),
            Some(("1976".into(), "was een jaar".into()))
        );
    }

    #[test]
    fn what_was_dropped_is_told_in_dutch_once_per_kind() {
        let pasted = Pasted {
            blocks: vec![],
            dropped: vec![
                Dropped::Image,
                Dropped::SiteTool("Naar top".into()),
                Dropped::Navigation,
                Dropped::Image,
                Dropped::SiteTool("PDF".into()),
                Dropped::Image,
                Dropped::CookieBanner,
                Dropped::SiteTool("Naar top".into()),
            ],
        };
        assert_eq!(
            pasted.told(),
            [
                "navigatie",
                "cookiemelding",
                "3 afbeeldingen",
                "knoppen en links van de website: ‘Naar top’, ‘PDF’",
            ]
        );
    }

    #[test]
    fn a_heading_and_a_list_make_a_theme_on_the_ambities_page_only() {
        let text = "Groen\n\nWat is de ambitie?\n\n• Meer bomen.\n• Minder beton.\n";
        let theme = Block::Theme {
            title: "Groen".into(),
            ambitions: vec!["Meer bomen.".into(), "Minder beton.".into()],
        };
        assert_eq!(
            from_text(text, PageKind::Ambities, "Ambities").blocks,
            [theme]
        );
        assert_eq!(
            from_text(text, PageKind::Missie, "Missie").blocks,
            [
                Block::Heading {
                    text: "Groen".into()
                },
                p("Wat is de ambitie?"),
                Block::List {
                    items: vec!["Meer bomen.".into(), "Minder beton.".into()]
                },
            ]
        );
    }

    #[test]
    fn pasted_blocks_go_after_the_page_s_own_as_far_as_they_fit() {
        let mut page = crate::draft::empty_page();
        let blocks = vec![
            Block::Heading {
                text: "Over ons".into(),
            },
            p("Een."),
            p("Twee."),
        ];
        let first = add_to(&mut page, blocks.clone());
        assert_eq!(
            (first.blocks, first.left_out),
            (2, 0),
            "the heading is no block"
        );
        assert_eq!(first.title.as_deref(), Some("Over ons"));
        assert_eq!((page.title.as_str(), page.blocks.len()), ("Over ons", 2));
        assert_eq!(
            summary(&first, &[]),
            "2 blokken overgenomen. De eerste tussentitel, ‘Over ons’, is de titel van de pagina. Kijk de blokken na in het formulier en de voorbeeldweergave."
        );
        // A titled page keeps its title and gets the heading as a block.
        let second = add_to(&mut page, blocks.clone());
        assert_eq!((second.blocks, second.left_out, second.title), (3, 0, None));
        assert_eq!(page.blocks.len(), 5);
        page.blocks.resize(MAX_PAGE_BLOCKS - 1, p("Vol."));
        let full = add_to(&mut page, blocks);
        assert_eq!((full.blocks, full.left_out), (1, 2));
        assert_eq!(page.blocks.len(), MAX_PAGE_BLOCKS);
        let said = Added {
            blocks: 3,
            left_out: 2,
            title: None,
        };
        assert_eq!(
            summary(&said, &["navigatie".into(), "2 afbeeldingen".into()]),
            format!("3 blokken overgenomen. 2 pasten niet meer: een pagina heeft hoogstens {MAX_PAGE_BLOCKS} blokken en {MAX_PAGE_ITEMS} items in lijsten. Weggelaten: navigatie; 2 afbeeldingen. Kijk de blokken na in het formulier en de voorbeeldweergave.")
        );
        assert_eq!(
            summary(&Added::default(), &[]),
            "Er stond niets in dat een blok kan worden."
        );
    }

    #[test]
    fn numbered_lines_terms_and_a_contact_without_address_become_blocks() {
        let text = "Stappen\n1. Vraag aan.\n2. Wacht op antwoord.\n\n\
            Kosten: gratis\nDuur: twee weken\n\n\
            Onthaal Verzonnegem\ntel. 099 11 22 33\ninfo@verzonnegem.example\nOpeningsuren\n";
        assert_eq!(
            from_text(text, PageKind::Contact, "Contact").blocks,
            [
                Block::Heading {
                    text: "Stappen".into()
                },
                Block::List {
                    items: vec!["Vraag aan.".into(), "Wacht op antwoord.".into()]
                },
                Block::Definitions {
                    items: vec![
                        Definition {
                            term: "Kosten".into(),
                            description: "gratis".into()
                        },
                        Definition {
                            term: "Duur".into(),
                            description: "twee weken".into()
                        },
                    ]
                },
                Block::Contact(ContactPoint {
                    name: "Onthaal Verzonnegem".into(),
                    phone: Some("099 11 22 33".into()),
                    email: Some("info@verzonnegem.example".into()),
                    ..crate::draft::empty_contact()
                }),
            ]
        );
    }

    #[test]
    fn a_quote_takes_its_source_from_a_dash_line_after_it() {
        let text = "“Wie vraagt, krijgt een antwoord.”\n— Fictieve burgemeester van Verzonnegem\n";
        assert_eq!(
            from_text(text, PageKind::Missie, "").blocks,
            [Block::Quote {
                text: "Wie vraagt, krijgt een antwoord.".into(),
                source: "Fictieve burgemeester van Verzonnegem".into(),
            }]
        );
    }
}
