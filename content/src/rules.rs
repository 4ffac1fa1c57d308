//! The rules of content, checked once a file has been read: what serde cannot say
//! (an empty page, a bad colour, a link to a `javascript:` address), and the agreement
//! of the index with the organisation files. Every problem is reported, each at the
//! place of its field.

use std::collections::HashMap;

use super::chars::{name, refused};
use super::colour::{contrast, format_ratio, parse_colour, MIN_CONTRAST, MIN_CONTRAST_TEXT};
use super::dates::{parse_day, Day};
use super::enterprise::{parse_enterprise_number, EnterpriseNumberError};
use super::hours::parse_time;
use super::json::Locations;
use super::links::{after_scheme, LINK_SCHEMES, WEB_SCHEMES};
use super::model::{Block, ContactPoint, ContentIndex, Organisation};
use super::problem::{Problem, Problems};

/// Longest text a single field may hold.
pub const MAX_TEXT_CHARS: usize = 4000;
/// Longest `short_name` that home screens show in full.
pub const MAX_SHORT_NAME_CHARS: usize = 12;
/// Most blocks one page may hold: the fullest real page has 30 (Heusden-Zolder's
/// vision); more would make the page, and the studio's form of it, hard to use.
pub const MAX_PAGE_BLOCKS: usize = 100;
/// Most list items (of lists, definitions, themes' ambitions and opening hours) one
/// page may hold together: real pages have at most 40.
pub const MAX_PAGE_ITEMS: usize = 300;

/// Rules of the index on its own (its agreement with the organisation files is
/// [`check_set`]'s job).
pub(super) fn check_index(file: &str, index: &ContentIndex, loc: &Locations) -> Problems {
    let mut out = Report::new(file, loc);
    out.object("");
    for i in 0..index.organisations.len() {
        out.object(&format!("organisations[{i}]"));
    }
    if index.organisations.is_empty() {
        out.add("organisations", "the index lists no organisation");
    }
    // A list, not a map: this check also runs in the browser, where a `HashMap` of
    // its own would add its code to the wasm.
    let mut seen: Vec<(&str, usize)> = Vec::new();
    for (i, entry) in index.organisations.iter().enumerate() {
        let path = format!("organisations[{i}]");
        check_slug(&mut out, &format!("{path}.slug"), &entry.slug);
        out.name(&format!("{path}.name"), &entry.name);
        // As a map's insert: the latest index with the slug is the one named next.
        match seen.iter_mut().find(|(slug, _)| *slug == entry.slug) {
            Some((_, first)) => {
                out.add(
                    &format!("{path}.slug"),
                    &format!(
                        "duplicate slug \"{}\": organisations[{first}] has it already",
                        entry.slug
                    ),
                );
                *first = i;
            }
            None => seen.push((&entry.slug, i)),
        }
    }
    out.problems
}

/// Checks that the index and the organisation files agree: every listed slug has its
/// file with the same name, and no two files share a slug.
pub fn check_set(
    index_file: &str,
    index: &ContentIndex,
    orgs: &[(String, Organisation)],
) -> Problems {
    let mut problems = Vec::new();
    let at = |path: String, message: String| Problem::new(index_file, path, message);
    let mut by_slug: HashMap<&str, &(String, Organisation)> = HashMap::new();
    for pair in orgs {
        if let Some(other) = by_slug.insert(pair.1.slug.as_str(), pair) {
            problems.push(Problem::new(
                &pair.0,
                "slug",
                format!(
                    "duplicate slug \"{}\": {} uses it already",
                    pair.1.slug, other.0
                ),
            ));
        }
    }
    for (i, entry) in index.organisations.iter().enumerate() {
        match by_slug.get(entry.slug.as_str()) {
            None => problems.push(at(
                format!("organisations[{i}].slug"),
                format!(
                    "no content file for \"{}\": add content/{}.json or remove this entry",
                    entry.slug, entry.slug
                ),
            )),
            Some((file, org)) if org.name != entry.name => problems.push(at(
                format!("organisations[{i}].name"),
                format!(
                    "name \"{}\" differs from \"{}\" in {file}",
                    entry.name, org.name
                ),
            )),
            Some(_) => {}
        }
    }
    for (file, org) in orgs {
        if !index.organisations.iter().any(|e| e.slug == org.slug) {
            problems.push(at(
                "organisations".into(),
                format!(
                    "{file} is not listed: add {{\"slug\": \"{}\", \"name\": \"{}\"}}",
                    org.slug, org.name
                ),
            ));
        }
    }
    problems
}

/// Collects rule problems for one file, looking up each path's place in the text.
struct Report<'a> {
    file: &'a str,
    loc: &'a Locations<'a>,
    problems: Problems,
}

impl<'a> Report<'a> {
    fn new(file: &'a str, loc: &'a Locations) -> Self {
        Report {
            file,
            loc,
            problems: Vec::new(),
        }
    }

    fn add(&mut self, path: &str, message: &str) {
        let (line, column) = self.loc.find(path).unwrap_or((1, 1));
        self.problems
            .push(Problem::new(self.file, path, message).at(line, column));
    }

    /// Serde also reads a struct written as a list; content must use objects.
    fn object(&mut self, path: &str) {
        if !self.loc.is_object(path) {
            self.add(
                path,
                "must be a JSON object ({ … }), not a list or other value",
            );
        }
    }

    /// Serde also reads a day written as an object (`{"maandag": null}`), which the
    /// residents' reader does not: content names the day in a text.
    fn day(&mut self, path: &str) {
        if !self.loc.is_text(path) {
            self.add(
                path,
                "must be a JSON text naming the day (\"maandag\"), not an object or other value",
            );
        }
    }

    /// Rules for every piece of text residents read.
    fn text(&mut self, path: &str, value: &str) {
        self.text_of(path, value, false);
    }

    /// Rules for a name: those of text, without any hidden character.
    fn name(&mut self, path: &str, value: &str) {
        self.text_of(path, value, true);
    }

    fn text_of(&mut self, path: &str, value: &str, exact: bool) {
        if value.trim().is_empty() {
            self.add(path, "is empty: write the text or leave the element out");
            return;
        }
        let chars = value.chars().count();
        if chars > MAX_TEXT_CHARS {
            self.add(
                path,
                &format!("has {chars} characters; at most {MAX_TEXT_CHARS} are allowed: split it into several paragraphs"),
            );
        }
        if let Some(tag) = html_markup(value) {
            self.add(
                path,
                &format!("contains HTML markup ({tag}); content is plain text: use blocks (heading, list, link) instead"),
            );
        }
        self.visible(path, value, exact);
    }

    /// Refuses the hidden characters (see `chars`) a field may not hold: every one in
    /// an `exact` field (a link, an address, a number, a slug, a name), the control
    /// characters but line breaks and the direction overrides in text. Whether the
    /// value is clear of them; only the first is named.
    fn visible(&mut self, path: &str, value: &str, exact: bool) -> bool {
        let Some((c, kind)) = value.chars().find_map(|c| Some((c, refused(c, exact)?))) else {
            return true;
        };
        self.add(
            path,
            &format!(
                "contains the {} character U+{:04X} ({}): remove it",
                kind.word(),
                c as u32,
                name(c)
            ),
        );
        false
    }

    fn link(&mut self, path: &str, href: &str, allowed: &[&str]) {
        if !self.visible(path, href, true) {
            return;
        }
        // Something must follow the scheme, and a link has no spaces.
        let ok = after_scheme(href, allowed)
            .is_some_and(|rest| !rest.is_empty() && !rest.contains(char::is_whitespace));
        if !ok {
            self.add(
                path,
                &format!(
                    "link \"{href}\" is not allowed: a link must start with {}",
                    allowed.join(" or ")
                ),
            );
        }
    }
}

fn check_slug(out: &mut Report, path: &str, slug: &str) {
    if !out.visible(path, slug, true) {
        return;
    }
    let valid = !slug.is_empty()
        && slug.len() <= 60
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !valid {
        out.add(
            path,
            &format!("slug \"{slug}\" is not valid: use lower-case letters, digits and single hyphens, like \"heusden-zolder\""),
        );
    } else if cfg!(feature = "diagnosis") && RESERVED_SLUGS.contains(&slug) {
        // A reserved slug is the build's concern (its pages would take the site's own
        // place): the residents' app, which trusts the build, leaves this check out,
        // so reserving the studio's folder costs its wasm nothing.
        out.add(
            path,
            &format!("slug \"{slug}\" is taken by the app's own page /{slug}: choose another"),
        );
    }
}

/// Top-level paths the site uses itself (the accessibility statement, the editors'
/// studio), so no organisation may have them as its slug.
pub const RESERVED_SLUGS: &[&str] = &["toegankelijkheid", "redactie"];

/// Rules of an organisation file.
pub(super) fn check_organisation(file: &str, org: &Organisation, loc: &Locations) -> Problems {
    let mut out = Report::new(file, loc);
    out.object("");
    out.object("pages");
    check_slug(&mut out, "slug", &org.slug);
    let stem = file
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(file)
        .trim_end_matches(".json");
    if stem != org.slug && !org.slug.is_empty() {
        out.add(
            "slug",
            &format!("slug \"{}\" must equal the file name \"{stem}\"", org.slug),
        );
    }
    out.name("name", &org.name);
    out.name("short_name", &org.short_name);
    let short = org.short_name.chars().count();
    if short > MAX_SHORT_NAME_CHARS {
        out.add(
            "short_name",
            &format!("has {short} characters; home screens show at most {MAX_SHORT_NAME_CHARS}"),
        );
    }
    out.text("description", &org.description);
    if let Some(number) = &org.enterprise_number {
        check_enterprise_number(&mut out, number);
    }
    match parse_colour(&org.accent) {
        None => out.add(
            "accent",
            &format!(
                "\"{}\" is not a colour: write it as #rrggbb, like \"#0b5a7a\"",
                org.accent
            ),
        ),
        Some(rgb) => {
            let ratio = contrast(rgb, (255, 255, 255));
            if ratio < MIN_CONTRAST {
                out.add(
                    "accent",
                    &format!(
                        "\"{}\" has a contrast of {}:1 with the white page; at least {MIN_CONTRAST_TEXT}:1 is needed: choose a darker colour",
                        org.accent,
                        format_ratio(ratio)
                    ),
                );
            }
        }
    }
    let present = org.pages.present();
    if present.is_empty() {
        out.add(
            "pages",
            "the organisation has no page: add at least one of missie, visie, ambities, contact",
        );
    }
    for (kind, page) in present {
        let base = format!("pages.{}", kind.slug());
        out.object(&base);
        out.text(&format!("{base}.title"), &page.title);
        out.text(&format!("{base}.description"), &page.description);
        if page.blocks.is_empty() {
            out.add(
                &format!("{base}.blocks"),
                "the page is empty: add blocks, or leave the page out",
            );
        }
        for (i, block) in page.blocks.iter().enumerate() {
            check_block(&mut out, &format!("{base}.blocks[{i}]"), block);
        }
        check_page_size(&mut out, &base, &page.blocks);
    }
    check_changes(&mut out, org);
    out.problems
}

/// Change notes: each a real day, newest first, a note, and only pages the
/// organisation has, each named once.
fn check_changes(out: &mut Report, org: &Organisation) {
    let mut newer: Option<(Day, &str)> = None;
    for (i, change) in org.changes.iter().enumerate() {
        let base = format!("changes[{i}]");
        out.object(&base);
        match parse_day(&change.date) {
            None => out.add(
                &format!("{base}.date"),
                &format!(
                    "\"{}\" is not a date: write the day as year-month-day, like \"2026-12-02\"",
                    change.date
                ),
            ),
            Some(day) => {
                if let Some((_, written)) = newer.filter(|(before, _)| day > *before) {
                    out.add(
                        &format!("{base}.date"),
                        &format!(
                            "{} is newer than the note before it ({written}): put the newest note first",
                            change.date
                        ),
                    );
                }
                newer = Some((day, &change.date));
            }
        }
        out.text(&format!("{base}.note"), &change.note);
        // Said of the list: the studio shows the pages as one group of boxes.
        let path = format!("{base}.pages");
        for (j, kind) in change.pages.iter().enumerate() {
            if org.pages.get(*kind).is_none() {
                out.add(
                    &path,
                    &format!(
                        "the note names the page \"{}\", which the organisation does not have",
                        kind.slug()
                    ),
                );
            } else if change.pages[..j].contains(kind) {
                out.add(
                    &path,
                    &format!("the note names the page \"{}\" twice", kind.slug()),
                );
            }
        }
    }
}

/// A page holds at most [`MAX_PAGE_BLOCKS`] blocks and [`MAX_PAGE_ITEMS`] list items.
fn check_page_size(out: &mut Report, base: &str, blocks: &[Block]) {
    let path = format!("{base}.blocks");
    if blocks.len() > MAX_PAGE_BLOCKS {
        out.add(
            &path,
            &format!(
                "the page has {} blocks; a page may have at most {MAX_PAGE_BLOCKS}: split its content over fewer, fuller blocks or leave some out",
                blocks.len()
            ),
        );
    }
    let items: usize = blocks.iter().map(list_items).sum();
    if items > MAX_PAGE_ITEMS {
        out.add(
            &path,
            &format!("the page's lists have {items} items together; a page may have at most {MAX_PAGE_ITEMS}: leave some out"),
        );
    }
}

/// The items of a block's list (none for a block without one).
pub fn list_items(block: &Block) -> usize {
    match block {
        Block::List { items } => items.len(),
        Block::Definitions { items } => items.len(),
        Block::Theme { ambitions, .. } => ambitions.len(),
        Block::Contact(contact) => contact.hours.len(),
        Block::Heading { .. }
        | Block::Paragraph { .. }
        | Block::Quote { .. }
        | Block::Link { .. } => 0,
    }
}

fn check_enterprise_number(out: &mut Report, number: &str) {
    let message = match parse_enterprise_number(number) {
        Ok(_) => return,
        Err(EnterpriseNumberError::NotDigits) => format!(
            "\"{number}\" is not an enterprise number: write its ten digits, like \"0208.038.769\""
        ),
        Err(EnterpriseNumberError::Length(n)) => format!(
            "\"{number}\" has {n} digits; an enterprise number has ten, like \"0208.038.769\" (a nine-digit number gets a 0 in front)"
        ),
        Err(EnterpriseNumberError::CheckDigits { expected }) => format!(
            "\"{number}\" is not a valid enterprise number: its last two digits should be {expected:02} (97 minus the first eight digits modulo 97); check it in the KBO"
        ),
    };
    out.add("enterprise_number", &message);
}

fn check_block(out: &mut Report, path: &str, block: &Block) {
    out.object(path);
    let list = |out: &mut Report, field: &str, items: &[String]| {
        if items.is_empty() {
            out.add(
                &format!("{path}.{field}"),
                "the list is empty: add items or remove the block",
            );
        }
        for (i, item) in items.iter().enumerate() {
            out.text(&format!("{path}.{field}[{i}]"), item);
        }
    };
    match block {
        Block::Heading { text } | Block::Paragraph { text } => {
            out.text(&format!("{path}.text"), text)
        }
        Block::List { items } => list(out, "items", items),
        Block::Quote { text, source } => {
            out.text(&format!("{path}.text"), text);
            out.text(&format!("{path}.source"), source);
        }
        Block::Definitions { items } => {
            if items.is_empty() {
                out.add(
                    &format!("{path}.items"),
                    "the list is empty: add items or remove the block",
                );
            }
            for (i, d) in items.iter().enumerate() {
                out.object(&format!("{path}.items[{i}]"));
                out.text(&format!("{path}.items[{i}].term"), &d.term);
                out.text(&format!("{path}.items[{i}].description"), &d.description);
            }
        }
        Block::Theme { title, ambitions } => {
            out.text(&format!("{path}.title"), title);
            list(out, "ambitions", ambitions);
        }
        Block::Contact(contact) => check_contact(out, path, contact),
        Block::Link { label, href } => {
            out.text(&format!("{path}.label"), label);
            out.link(&format!("{path}.href"), href, LINK_SCHEMES);
        }
    }
}

fn check_contact(out: &mut Report, path: &str, c: &ContactPoint) {
    out.name(&format!("{path}.name"), &c.name);
    if c.address.is_none() && c.phone.is_none() && c.email.is_none() && c.website.is_none() {
        out.add(
            path,
            "the contact has no address, phone, e-mail or website: add one, or remove the block",
        );
    }
    if let Some(a) = &c.address {
        out.object(&format!("{path}.address"));
        out.text(&format!("{path}.address.street"), &a.street);
        out.text(&format!("{path}.address.city"), &a.city);
        if !is_postcode(&a.postcode) {
            out.add(
                &format!("{path}.address.postcode"),
                &format!("\"{}\" is not a Belgian postcode (four digits)", a.postcode),
            );
        }
    }
    for (field, number) in [("phone", &c.phone), ("fax", &c.fax)] {
        if let Some(n) = number
            .as_ref()
            .filter(|n| out.visible(&format!("{path}.{field}"), n, true))
        {
            let digits = n.chars().filter(|c| c.is_ascii_digit()).count();
            let valid = n
                .chars()
                .all(|c| c.is_ascii_digit() || " +./()-".contains(c));
            if !valid || !(8..=15).contains(&digits) {
                out.add(
                    &format!("{path}.{field}"),
                    &format!("\"{n}\" is not a phone number: write digits, like \"011 80 80 86\""),
                );
            }
        }
    }
    if let Some(e) = c
        .email
        .as_ref()
        .filter(|e| out.visible(&format!("{path}.email"), e, true))
    {
        if !is_email(e) {
            out.add(
                &format!("{path}.email"),
                &format!("\"{e}\" is not an e-mail address"),
            );
        }
    }
    if let Some(w) = &c.website {
        out.link(&format!("{path}.website"), w, WEB_SCHEMES);
    }
    for (i, period) in c.hours.iter().enumerate() {
        let at = format!("{path}.hours[{i}]");
        out.object(&at);
        out.day(&format!("{at}.day"));
        let opens = parse_time(&period.opens);
        let closes = parse_time(&period.closes);
        for (field, text, time) in [
            ("opens", &period.opens, opens),
            ("closes", &period.closes, closes),
        ] {
            if time.is_none() {
                out.add(
                    &format!("{at}.{field}"),
                    &format!("\"{text}\" is not a time: write hours and minutes, like \"09:00\" or \"17:30\""),
                );
            }
        }
        if opens.is_some() && opens == closes {
            out.add(
                &format!("{at}.closes"),
                "opens and closes at the same time: for a period past midnight, closes is the next day's time",
            );
        }
    }
}

/// The first thing in `text` that looks like an HTML tag or comment, if any.
fn html_markup(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'<' {
            if let Some(next) = bytes.get(i + 1) {
                if next.is_ascii_alphabetic() || matches!(next, b'/' | b'!' | b'?') {
                    let end = text[i..]
                        .find('>')
                        .map(|e| i + e + 1)
                        .unwrap_or(text.len())
                        .min(i + 24);
                    let end = (i..=end)
                        .rev()
                        .find(|e| text.is_char_boundary(*e))
                        .unwrap_or(i);
                    return Some(text[i..end].to_string());
                }
            }
        }
    }
    None
}

/// A Belgian postcode: four digits.
pub fn is_postcode(code: &str) -> bool {
    code.len() == 4 && code.chars().all(|c| c.is_ascii_digit())
}

/// An e-mail address as content may give one: a name, `@`, a host with a dot inside,
/// no white space and none of the characters that would make it a link of another
/// kind.
pub fn is_email(e: &str) -> bool {
    e.split_once('@').is_some_and(|(user, host)| {
        !user.is_empty() && host.contains('.') && !host.starts_with('.') && !host.ends_with('.')
    }) && !e.contains(char::is_whitespace)
        && !e.contains(['<', '>', '"', ':', '?'])
}
