//! The organisation being edited, and everything the studio does with it that needs no
//! browser: a new organisation, a new block of each type, the exported file, the line
//! for `index.json`, and reading a file that may be broken (whatever reads is kept).

pub use koers_content::BlockKind;
use koers_content::{
    list_items, parse_organisation, Block, ContactPoint, Definition, IndexEntry, Organisation,
    Page, PageKind, Pages, Problem, Problems, MAX_FILE_BYTES, MAX_PAGE_BLOCKS, MAX_PAGE_ITEMS,
};
use serde::Deserialize;
use serde_json::Value;
use strum::VariantArray;

/// Longest text one field of the form holds, in UTF-16 code units as the browser's
/// `maxlength` counts them. Above the content rule (`MAX_TEXT_CHARS`, 4,000), so a
/// text a little too long still opens, and pastes, with the rule's message at its
/// field ("split it"); far enough below what makes typing slow.
pub const MAX_FIELD_LENGTH: usize = 10_000;

/// An organisation with nothing filled in yet: the studio's start from nothing.
pub fn empty() -> Organisation {
    Organisation {
        slug: String::new(),
        name: String::new(),
        short_name: String::new(),
        accent: "#1f4e79".into(),
        description: String::new(),
        enterprise_number: None,
        changes: Vec::new(),
        pages: Pages::default(),
    }
}

/// A page with nothing filled in yet.
pub fn empty_page() -> Page {
    Page {
        title: String::new(),
        description: String::new(),
        blocks: Vec::new(),
    }
}

/// The file as `cargo xtask dist` reads it: pretty JSON with two spaces, as the
/// committed content files are written, ending with a line break.
pub fn export(org: &Organisation) -> String {
    let mut text = serde_json::to_string_pretty(org).expect("content serialises");
    text.push('\n');
    text
}

/// The name the exported file must have.
pub fn file_name(org: &Organisation) -> String {
    if org.slug.is_empty() {
        "organisatie.json".into()
    } else {
        format!("{}.json", org.slug)
    }
}

/// The entry to add to the `organisations` of `content/index.json`.
pub fn index_line(org: &Organisation) -> String {
    let entry = IndexEntry {
        slug: org.slug.clone(),
        name: org.name.clone(),
    };
    let json = |s: &str| serde_json::to_string(s).expect("a string serialises");
    format!(
        "{{ \"slug\": {}, \"name\": {} }}",
        json(&entry.slug),
        json(&entry.name)
    )
}

/// The checks of `cargo xtask check-content` on the organisation as it would be
/// exported; empty when the file is valid.
pub fn check(org: &Organisation) -> Problems {
    match parse_organisation(&file_name(org), export(org).as_bytes()) {
        Ok(_) => Vec::new(),
        Err(problems) => problems,
    }
}

/// A field that some types of block have, to read and to change: `$get(&Block)` and
/// `$get_mut(&mut Block)`, `None` for a block of another type.
macro_rules! block_field {
    ($get:ident, $get_mut:ident -> $ty:ty, $pattern:pat => $field:ident) => {
        fn $get(b: &Block) -> Option<&$ty> {
            match b {
                $pattern => Some($field),
                _ => None,
            }
        }

        fn $get_mut(b: &mut Block) -> Option<&mut $ty> {
            match b {
                $pattern => Some($field),
                _ => None,
            }
        }
    };
}
pub(crate) use block_field;

/// The types of block an editor can add, in the order the studio offers them: a
/// paragraph (the most used) first, then the model's order.
pub fn offered() -> Vec<BlockKind> {
    let mut kinds = BlockKind::VARIANTS.to_vec();
    kinds.sort_by_key(|k| *k != BlockKind::Paragraph);
    kinds
}

/// What the studio makes of each type of block (`BlockKind` is the model's).
pub trait Offer {
    /// What the editor reads.
    fn label(self) -> &'static str;
    /// A new block of this type, its fields empty, lists with one empty item.
    fn new_block(self) -> Block;
}

impl Offer for BlockKind {
    fn label(self) -> &'static str {
        match self {
            BlockKind::Paragraph => "Alinea",
            BlockKind::Heading => "Tussentitel",
            BlockKind::List => "Opsomming",
            BlockKind::Quote => "Citaat",
            BlockKind::Definitions => "Begrippen",
            BlockKind::Theme => "Thema met ambities",
            BlockKind::Contact => "Contactgegevens",
            BlockKind::Link => "Link",
        }
    }

    fn new_block(self) -> Block {
        match self {
            BlockKind::Paragraph => Block::Paragraph {
                text: String::new(),
            },
            BlockKind::Heading => Block::Heading {
                text: String::new(),
            },
            BlockKind::List => Block::List {
                items: vec![String::new()],
            },
            BlockKind::Quote => Block::Quote {
                text: String::new(),
                source: String::new(),
            },
            BlockKind::Definitions => Block::Definitions {
                items: vec![Definition {
                    term: String::new(),
                    description: String::new(),
                }],
            },
            BlockKind::Theme => Block::Theme {
                title: String::new(),
                ambitions: vec![String::new()],
            },
            BlockKind::Contact => Block::Contact(empty_contact()),
            BlockKind::Link => Block::Link {
                label: String::new(),
                href: String::new(),
            },
        }
    }
}

/// A contact with nothing filled in.
pub fn empty_contact() -> ContactPoint {
    ContactPoint {
        name: String::new(),
        address: None,
        phone: None,
        fax: None,
        email: None,
        website: None,
        hours: Vec::new(),
    }
}

/// Moves item `from` of `items` one place up (`up`) or down; nothing at the ends.
/// Returns the item's new place.
pub fn move_item<T>(items: &mut [T], from: usize, up: bool) -> usize {
    let to = if up {
        from.checked_sub(1)
    } else {
        Some(from + 1).filter(|&t| t < items.len())
    };
    match to {
        Some(to) if from < items.len() => {
            items.swap(from, to);
            to
        }
        _ => from,
    }
}

/// A file opened in the studio: the organisation, as much of it as reads, and every
/// problem `cargo xtask check-content` reports for it (with line and column).
pub struct Opened {
    pub organisation: Organisation,
    pub problems: Problems,
}

/// Why a file was not opened: it is more than the studio can hold and stay quick.
/// The work in the studio stays as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// More than `MAX_FILE_BYTES` bytes.
    TooLarge { bytes: u64 },
    /// A page with more than `MAX_PAGE_BLOCKS` blocks.
    TooManyBlocks { page: PageKind, blocks: usize },
    /// A page whose lists have more than `MAX_PAGE_ITEMS` items together.
    TooManyItems { page: PageKind, items: usize },
    /// A text longer than a field holds (`MAX_FIELD_LENGTH`).
    TextTooLong { path: String, length: usize },
    /// The browser could not read the file.
    Unreadable,
}

impl Refusal {
    /// What the editor reads, in Dutch.
    pub fn message(&self, file: &str) -> String {
        let why = match self {
            Refusal::TooLarge { bytes } => format!(
                "het is {} kB groot, en een bestand mag hoogstens {} kB zijn",
                thousands(bytes.div_ceil(1024) as usize),
                MAX_FILE_BYTES / 1024
            ),
            Refusal::TooManyBlocks { page, blocks } => format!(
                "de pagina ‘{}’ heeft {} blokken, en een pagina mag er hoogstens {MAX_PAGE_BLOCKS} hebben",
                page.label(),
                thousands(*blocks)
            ),
            Refusal::TooManyItems { page, items } => format!(
                "de lijsten van de pagina ‘{}’ hebben samen {} items, en een pagina mag er hoogstens {MAX_PAGE_ITEMS} hebben",
                page.label(),
                thousands(*items)
            ),
            Refusal::TextTooLong { path, length } => format!(
                "een tekst ({}) heeft {} tekens, en een veld mag er hoogstens {} hebben",
                crate::dutch::field(path),
                thousands(*length),
                thousands(MAX_FIELD_LENGTH)
            ),
            Refusal::Unreadable => "de browser kon het niet lezen".into(),
        };
        format!("{file} is niet geopend: {why}. Je werk hier is niet veranderd.")
    }
}

/// `n` with a dot between thousands, as Dutch writes it: 20.480.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Reads `bytes`, the file `file`. A file over the studio's limits is refused before
/// it is read into an organisation (`Refusal`). A valid file loads whole; a file that
/// breaks a rule loads whole with its problems; a file that does not read as content
/// loads what does read (the organisation's fields and pages, and of each page every
/// block that reads), with the problem that stopped the full read.
pub fn open(file: &str, bytes: &[u8]) -> Result<Opened, Refusal> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Refusal::TooLarge {
            bytes: bytes.len() as u64,
        });
    }
    // Counted on the JSON before the organisation is built (and the form drawn).
    let value: Value = serde_json::from_slice(bytes).unwrap_or(Value::Null);
    over_limits(&value)?;
    let problems = match parse_organisation(file, bytes) {
        Ok(organisation) => {
            return Ok(Opened {
                organisation,
                problems: Vec::new(),
            })
        }
        Err(problems) => problems,
    };
    let organisation = Organisation::deserialize(&value).unwrap_or_else(|_| salvage(&value));
    Ok(Opened {
        organisation,
        problems,
    })
}

/// The first limit `value`, a content file as JSON, goes over.
fn over_limits(value: &Value) -> Result<(), Refusal> {
    for kind in PageKind::ALL {
        let blocks = value
            .get("pages")
            .and_then(|p| p.get(kind.slug()))
            .and_then(|p| p.get("blocks"))
            .and_then(Value::as_array);
        let Some(blocks) = blocks else { continue };
        if blocks.len() > MAX_PAGE_BLOCKS {
            return Err(Refusal::TooManyBlocks {
                page: kind,
                blocks: blocks.len(),
            });
        }
        let items = blocks
            .iter()
            .flat_map(|b| ["items", "ambitions", "hours"].map(|list| b.get(list)))
            .filter_map(|list| list.and_then(Value::as_array).map(Vec::len))
            .sum::<usize>();
        if items > MAX_PAGE_ITEMS {
            return Err(Refusal::TooManyItems { page: kind, items });
        }
    }
    match longest_text(value, &mut String::new()) {
        Some((path, length)) => Err(Refusal::TextTooLong { path, length }),
        None => Ok(()),
    }
}

/// The path and length of the first text in `value` longer than a field holds.
fn longest_text(value: &Value, path: &mut String) -> Option<(String, usize)> {
    let within = |path: &mut String, part: &str, v: &Value| {
        let len = path.len();
        path.push_str(part);
        let found = longest_text(v, path);
        path.truncate(len);
        found
    };
    match value {
        Value::String(text) => {
            let length = text.encode_utf16().count();
            (length > MAX_FIELD_LENGTH).then(|| (path.clone(), length))
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| within(path, &format!("[{i}]"), v)),
        Value::Object(fields) => fields.iter().find_map(|(key, v)| {
            let dot = if path.is_empty() { "" } else { "." };
            within(path, &format!("{dot}{key}"), v)
        }),
        _ => None,
    }
}

/// The blocks and list items of page `kind`.
pub fn page_counts(org: &Organisation, kind: PageKind) -> (usize, usize) {
    org.pages.get(kind).map_or((0, 0), |p| {
        (p.blocks.len(), p.blocks.iter().map(list_items).sum())
    })
}

/// Why no block of `kind` can be added to a page of `blocks` blocks and `items` list
/// items; `None` when it can.
pub fn cannot_add_block(blocks: usize, items: usize, kind: BlockKind) -> Option<String> {
    if blocks >= MAX_PAGE_BLOCKS {
        Some(format!(
            "Deze pagina heeft {MAX_PAGE_BLOCKS} blokken, het maximum. Verwijder er een om een nieuw toe te voegen."
        ))
    } else if items + list_items(&kind.new_block()) > MAX_PAGE_ITEMS {
        cannot_add_item(items)
    } else {
        None
    }
}

/// Why no item can be added to a list of a page whose lists have `items` items;
/// `None` when it can.
pub fn cannot_add_item(items: usize) -> Option<String> {
    (items >= MAX_PAGE_ITEMS).then(|| format!(
        "De lijsten van deze pagina hebben samen {MAX_PAGE_ITEMS} items, het maximum. Verwijder er een om een nieuw toe te voegen."
    ))
}

/// What reads of a value that is not a whole organisation.
fn salvage(value: &Value) -> Organisation {
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
    let mut org = empty();
    if let Some(v) = text(value, "slug") {
        org.slug = v;
    }
    if let Some(v) = text(value, "name") {
        org.name = v;
    }
    if let Some(v) = text(value, "short_name") {
        org.short_name = v;
    }
    if let Some(v) = text(value, "accent") {
        org.accent = v;
    }
    if let Some(v) = text(value, "description") {
        org.description = v;
    }
    org.enterprise_number = text(value, "enterprise_number");
    org.changes = whole_items(value, "changes");
    for kind in PageKind::ALL {
        let Some(page) = value.get("pages").and_then(|p| p.get(kind.slug())) else {
            continue;
        };
        let blocks = whole_items(page, "blocks");
        *page_mut(&mut org.pages, kind) = Some(Page {
            title: text(page, "title").unwrap_or_default(),
            description: text(page, "description").unwrap_or_default(),
            blocks,
        });
    }
    org
}

/// The items of the list `key` of `value` that read whole; the others are left out.
fn whole_items<T: serde::de::DeserializeOwned>(value: &Value, key: &str) -> Vec<T> {
    value
        .get(key)
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|item| serde_json::from_value(item.clone()).ok())
                .collect()
        })
        .unwrap_or_default()
}

/// The place of page `kind` in `pages`, to fill or to clear.
pub fn page_mut(pages: &mut Pages, kind: PageKind) -> &mut Option<Page> {
    match kind {
        PageKind::Missie => &mut pages.missie,
        PageKind::Visie => &mut pages.visie,
        PageKind::Ambities => &mut pages.ambities,
        PageKind::Contact => &mut pages.contact,
    }
}

/// Where a block is: its page and its place there.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct At {
    pub kind: PageKind,
    pub index: usize,
}

impl At {
    pub fn path(self) -> String {
        format!("pages.{}.blocks[{}]", self.kind.slug(), self.index)
    }

    /// The id of the block's group in the form: the one the summary links to for a
    /// problem of the block itself (both made by `field_id` from the block's path).
    pub fn id(self) -> String {
        field_id(&self.path())
    }

    pub fn get(self, org: &Organisation) -> Option<&Block> {
        org.pages.get(self.kind)?.blocks.get(self.index)
    }

    pub fn get_mut(self, org: &mut Organisation) -> Option<&mut Block> {
        page_mut(&mut org.pages, self.kind)
            .as_mut()?
            .blocks
            .get_mut(self.index)
    }
}

/// The id of the form field a problem's path names (`pages.missie.blocks[2].text` →
/// `veld-pages-missie-blocks-2-text`); fields without an input of their own (a list,
/// a page) have the id of their group.
pub fn field_id(path: &str) -> String {
    let mut id = String::from("veld");
    for part in path.split(|c: char| !c.is_ascii_alphanumeric() && c != '_') {
        if !part.is_empty() {
            id.push('-');
            id.push_str(part);
        }
    }
    id
}

/// The problems at exactly `path`.
pub fn problems_at<'a>(
    problems: &'a [Problem],
    path: &'a str,
) -> impl Iterator<Item = &'a Problem> {
    problems.iter().filter(move |p| p.path == path)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Every real content file of the checkout: its name and text.
    pub(crate) fn content_files() -> Vec<(String, String)> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../public/content");
        let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.file_name().unwrap() != "index.json")
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().to_string();
                (name, std::fs::read_to_string(&p).unwrap())
            })
            .collect();
        files.sort();
        assert!(files.len() >= 4, "the real organisations are there");
        files
    }

    #[test]
    fn every_content_file_round_trips_through_the_studio_unchanged() {
        for (name, text) in content_files() {
            let opened = open(&name, text.as_bytes()).unwrap();
            assert_eq!(opened.problems, Vec::new(), "{name}");
            assert_eq!(export(&opened.organisation), text, "{name}");
            assert_eq!(file_name(&opened.organisation), name);
            assert!(check(&opened.organisation).is_empty(), "{name}");
        }
    }

    #[test]
    fn a_new_organisation_is_reported_field_by_field() {
        let problems = check(&empty());
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        for path in ["slug", "name", "short_name", "description", "pages"] {
            assert!(paths.contains(&path), "{path} in {paths:?}");
        }
    }

    #[test]
    fn every_new_block_is_the_type_it_was_made_as() {
        for kind in offered() {
            assert_eq!(BlockKind::from(&kind.new_block()), kind);
        }
    }

    #[test]
    fn every_kind_of_block_is_offered_once_a_paragraph_first() {
        let kinds = offered();
        assert_eq!(kinds[0], BlockKind::Paragraph);
        let mut sorted = kinds.clone();
        sorted.sort_by_key(|k| BlockKind::VARIANTS.iter().position(|v| v == k));
        assert_eq!(sorted, BlockKind::VARIANTS);
        let labels: std::collections::BTreeSet<&str> = kinds.iter().map(|k| k.label()).collect();
        assert_eq!(labels.len(), kinds.len(), "a label of its own for each");
    }

    #[test]
    fn blocks_move_within_the_list() {
        let mut items = vec!['a', 'b', 'c'];
        assert_eq!(move_item(&mut items, 0, true), 0);
        assert_eq!(move_item(&mut items, 0, false), 1);
        assert_eq!(items, ['b', 'a', 'c']);
        assert_eq!(move_item(&mut items, 2, false), 2);
        assert_eq!(move_item(&mut items, 2, true), 1);
        assert_eq!(items, ['b', 'c', 'a']);
    }

    #[test]
    fn a_broken_file_loads_what_reads_and_says_where_it_breaks() {
        // A made-up organisation: one block of the wrong shape, one good.
        let text = r##"{
  "slug": "proefgemeente",
  "name": "Proefgemeente",
  "short_name": "Proef",
  "accent": "#1d3b72",
  "description": "Een verzonnen bestuur om te testen.",
  "pages": {
    "missie": {
      "title": "Onze missie",
      "description": "Waar we voor staan.",
      "blocks": [
        { "type": "paragraph", "txt": "Verkeerd veld." },
        { "type": "paragraph", "text": "Goede alinea." }
      ]
    }
  }
}
"##;
        let opened = open("proefgemeente.json", text.as_bytes()).unwrap();
        assert_eq!(opened.organisation.name, "Proefgemeente");
        let missie = opened.organisation.pages.missie.unwrap();
        assert_eq!(missie.title, "Onze missie");
        assert_eq!(missie.blocks.len(), 1, "the block that reads");
        // As check-content reports it: the file, the line, the field.
        let problem = &opened.problems[0];
        assert_eq!(problem.line, 12, "{problem}");
        assert_eq!(problem.path, "pages.missie.blocks[0].txt");
        // Not JSON at all: nothing loads, the place is still given.
        let opened = open("x.json", b"{\n  \"name\": \"A\",\n  oops\n}").unwrap();
        assert_eq!(opened.organisation, empty());
        assert_eq!(opened.problems[0].line, 3);
    }

    /// A made-up organisation whose four pages each hold `blocks` blocks, one of them a
    /// list of `items` items, every other a paragraph of `text` characters.
    fn at_limits(blocks: usize, items: usize, text: usize) -> Organisation {
        let mut org = empty();
        org.slug = "proefgemeente".into();
        org.name = "Proefgemeente".into();
        org.short_name = "Proef".into();
        org.description = "Een verzonnen bestuur om te testen.".into();
        for kind in PageKind::ALL {
            let mut page = empty_page();
            page.title = "Titel".into();
            page.description = "Beschrijving.".into();
            page.blocks = vec![
                Block::Paragraph {
                    text: "a".repeat(text)
                };
                blocks - 1
            ];
            page.blocks.push(Block::List {
                items: vec!["Samen".into(); items],
            });
            *page_mut(&mut org.pages, kind) = Some(page);
        }
        org
    }

    #[test]
    fn a_file_over_the_size_limit_is_refused_in_dutch() {
        let mut bytes = export(&at_limits(2, 1, 10)).into_bytes();
        bytes.resize(MAX_FILE_BYTES + 1, b'\n');
        let refused = open("groot.json", &bytes).err().expect("refused");
        assert_eq!(refused, Refusal::TooLarge { bytes: 262_145 });
        assert_eq!(
            refused.message("groot.json"),
            "groot.json is niet geopend: het is 257 kB groot, en een bestand mag hoogstens 256 kB zijn. Je werk hier is niet veranderd."
        );
        // 50,000 blocks do not fit in the size a file may have.
        let many = export(&at_limits(50_000, 1, 0));
        assert_eq!(
            open("veel.json", many.as_bytes()).err(),
            Some(Refusal::TooLarge {
                bytes: many.len() as u64
            })
        );
    }

    #[test]
    fn a_page_over_the_block_or_item_limit_is_refused_in_dutch() {
        let blocks = export(&at_limits(MAX_PAGE_BLOCKS + 1, 1, 1));
        assert!(blocks.len() < MAX_FILE_BYTES);
        let refused = open("blokken.json", blocks.as_bytes())
            .err()
            .expect("refused");
        assert_eq!(
            refused.message("blokken.json"),
            "blokken.json is niet geopend: de pagina ‘Missie’ heeft 101 blokken, en een pagina mag er hoogstens 100 hebben. Je werk hier is niet veranderd."
        );
        let items = export(&at_limits(2, MAX_PAGE_ITEMS + 1, 1));
        let refused = open("items.json", items.as_bytes()).err().expect("refused");
        assert!(
            refused
                .message("items.json")
                .contains("de lijsten van de pagina ‘Missie’ hebben samen 301 items, en een pagina mag er hoogstens 300 hebben"),
            "{refused:?}"
        );
    }

    #[test]
    fn a_text_longer_than_a_field_holds_is_refused_in_dutch() {
        // UTF-16 code units count, as the browser's `maxlength` does: "𝄞" counts 2.
        let mut org = at_limits(2, 1, 0);
        page_mut(&mut org.pages, PageKind::Visie)
            .as_mut()
            .unwrap()
            .blocks[0] = Block::Paragraph {
            text: "𝄞".repeat(MAX_FIELD_LENGTH / 2) + "a",
        };
        let refused = open("lang.json", export(&org).as_bytes())
            .err()
            .expect("refused");
        assert_eq!(
            refused.message("lang.json"),
            "lang.json is niet geopend: een tekst (Visie, blok 1: tekst) heeft 10.001 tekens, en een veld mag er hoogstens 10.000 hebben. Je werk hier is niet veranderd."
        );
    }

    #[test]
    fn a_file_at_the_limits_opens() {
        // Every page full, within the size a file may have; rules kept.
        let org = at_limits(MAX_PAGE_BLOCKS, MAX_PAGE_ITEMS, 150);
        let text = export(&org);
        assert!(text.len() <= MAX_FILE_BYTES, "{}", text.len());
        let opened = open("proefgemeente.json", text.as_bytes()).expect("opens");
        assert_eq!(opened.problems, Vec::new());
        assert_eq!(opened.organisation, org);
        // A text as long as a field holds opens, with the rule's message at its field.
        let mut org = at_limits(2, 1, 10);
        page_mut(&mut org.pages, PageKind::Missie)
            .as_mut()
            .unwrap()
            .blocks[0] = Block::Paragraph {
            text: "a".repeat(MAX_FIELD_LENGTH),
        };
        let opened = open("proefgemeente.json", export(&org).as_bytes()).expect("opens");
        let paths: Vec<&str> = opened.problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["pages.missie.blocks[0].text"]);
        assert_eq!(opened.organisation, org);
    }

    #[test]
    fn adding_stops_at_the_limits_and_says_why() {
        assert_eq!(
            cannot_add_block(MAX_PAGE_BLOCKS - 1, 0, BlockKind::List),
            None
        );
        assert!(cannot_add_block(MAX_PAGE_BLOCKS, 0, BlockKind::Paragraph)
            .unwrap()
            .contains("100 blokken, het maximum"));
        assert_eq!(
            cannot_add_block(1, MAX_PAGE_ITEMS, BlockKind::Paragraph),
            None
        );
        assert!(cannot_add_block(1, MAX_PAGE_ITEMS, BlockKind::Theme)
            .unwrap()
            .contains("300 items, het maximum"));
        assert_eq!(cannot_add_item(MAX_PAGE_ITEMS - 1), None);
        assert!(cannot_add_item(MAX_PAGE_ITEMS).is_some());
        assert_eq!(thousands(20_480), "20.480");
        assert_eq!(thousands(100), "100");
        assert_eq!(thousands(1_000_000), "1.000.000");
    }

    #[test]
    fn field_ids_follow_the_paths_of_problems() {
        assert_eq!(
            field_id("pages.missie.blocks[2].text"),
            "veld-pages-missie-blocks-2-text"
        );
        assert_eq!(field_id("short_name"), "veld-short_name");
        assert_eq!(field_id(""), "veld");
    }

    #[test]
    fn the_index_line_names_the_file_and_the_organisation() {
        let mut org = empty();
        org.slug = "proefgemeente".into();
        org.name = "Gemeente \"Proef\"".into();
        assert_eq!(
            index_line(&org),
            r#"{ "slug": "proefgemeente", "name": "Gemeente \"Proef\"" }"#
        );
        assert_eq!(file_name(&org), "proefgemeente.json");
    }
}
