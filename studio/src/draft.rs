//! The organisation being edited, and everything the studio does with it that needs no
//! browser: a new organisation, a new block of each type, the exported file, the line
//! for `index.json`, and reading a file that may be broken (whatever reads is kept).

use koers::content::{
    parse_organisation, Block, ContactPoint, Definition, IndexEntry, Organisation, Page, PageKind,
    Pages, Problem, Problems,
};
use serde_json::Value;

/// An organisation with nothing filled in yet: the studio's start from nothing.
pub fn empty() -> Organisation {
    Organisation {
        slug: String::new(),
        name: String::new(),
        short_name: String::new(),
        accent: "#1f4e79".into(),
        description: String::new(),
        enterprise_number: None,
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

/// The types of block an editor can add, in the order the studio offers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    List,
    Quote,
    Definitions,
    Theme,
    Contact,
    Link,
}

impl BlockKind {
    pub const ALL: [BlockKind; 8] = [
        BlockKind::Paragraph,
        BlockKind::Heading,
        BlockKind::List,
        BlockKind::Quote,
        BlockKind::Definitions,
        BlockKind::Theme,
        BlockKind::Contact,
        BlockKind::Link,
    ];

    pub fn of(block: &Block) -> BlockKind {
        match block {
            Block::Paragraph { .. } => BlockKind::Paragraph,
            Block::Heading { .. } => BlockKind::Heading,
            Block::List { .. } => BlockKind::List,
            Block::Quote { .. } => BlockKind::Quote,
            Block::Definitions { .. } => BlockKind::Definitions,
            Block::Theme { .. } => BlockKind::Theme,
            Block::Contact(_) => BlockKind::Contact,
            Block::Link { .. } => BlockKind::Link,
        }
    }

    /// What the editor reads.
    pub fn label(self) -> &'static str {
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

    /// A new block of this type, its fields empty, lists with one empty item.
    pub fn new_block(self) -> Block {
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
            BlockKind::Contact => Block::Contact(ContactPoint {
                name: String::new(),
                address: None,
                phone: None,
                fax: None,
                email: None,
                website: None,
                hours: Vec::new(),
            }),
            BlockKind::Link => Block::Link {
                label: String::new(),
                href: String::new(),
            },
        }
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

/// Reads `bytes`, the file `file`. A valid file loads whole; a file that breaks a rule
/// loads whole with its problems; a file that does not read as content loads what
/// does read (the organisation's fields and pages, and of each page every block that
/// reads), with the problem that stopped the full read.
pub fn open(file: &str, bytes: &[u8]) -> Opened {
    let problems = match parse_organisation(file, bytes) {
        Ok(organisation) => {
            return Opened {
                organisation,
                problems: Vec::new(),
            }
        }
        Err(problems) => problems,
    };
    if let Ok(organisation) = serde_json::from_slice::<Organisation>(bytes) {
        return Opened {
            organisation,
            problems,
        };
    }
    let value: Value = serde_json::from_slice(bytes).unwrap_or(Value::Null);
    Opened {
        organisation: salvage(&value),
        problems,
    }
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
    for kind in PageKind::ALL {
        let Some(page) = value.get("pages").and_then(|p| p.get(kind.slug())) else {
            continue;
        };
        let blocks = page
            .get("blocks")
            .and_then(Value::as_array)
            .map(|blocks| {
                blocks
                    .iter()
                    .filter_map(|b| serde_json::from_value::<Block>(b.clone()).ok())
                    .collect()
            })
            .unwrap_or_default();
        *page_mut(&mut org.pages, kind) = Some(Page {
            title: text(page, "title").unwrap_or_default(),
            description: text(page, "description").unwrap_or_default(),
            blocks,
        });
    }
    org
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
mod tests {
    use super::*;

    fn content_files() -> Vec<(String, String)> {
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
            let opened = open(&name, text.as_bytes());
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
        for kind in BlockKind::ALL {
            assert_eq!(BlockKind::of(&kind.new_block()), kind);
        }
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
        let opened = open("proefgemeente.json", text.as_bytes());
        assert_eq!(opened.organisation.name, "Proefgemeente");
        let missie = opened.organisation.pages.missie.unwrap();
        assert_eq!(missie.title, "Onze missie");
        assert_eq!(missie.blocks.len(), 1, "the block that reads");
        // As check-content reports it: the file, the line, the field.
        let problem = &opened.problems[0];
        assert_eq!(problem.line, 12, "{problem}");
        assert_eq!(problem.path, "pages.missie.blocks[0].txt");
        // Not JSON at all: nothing loads, the place is still given.
        let opened = open("x.json", b"{\n  \"name\": \"A\",\n  oops\n}");
        assert_eq!(opened.organisation, empty());
        assert_eq!(opened.problems[0].line, 3);
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
