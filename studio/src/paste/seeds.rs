//! Each seed (the source text of a real organisation's page, kept unchanged in
//! `tests/seeds/`) pasted as plain text gives the blocks of the organisation's content
//! file for that page, in order. Where a file deliberately differs from its source
//! (an editor's choice, not something a paste can know), the test says so and builds
//! the expected blocks from the file's own.

use koers_content::PageKind;
use koers_content::{Block, Organisation};

use super::{from_text, Dropped, Pasted};

fn seed(name: &str) -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/seeds/").to_string() + name;
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn organisation(slug: &str) -> Organisation {
    let path = format!(
        "{}/../public/content/{slug}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str::<Organisation>(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The blocks and title of page `kind` of organisation `slug`.
fn page(slug: &str, kind: PageKind) -> (Vec<Block>, String) {
    let page = organisation(slug)
        .pages
        .get(kind)
        .cloned()
        .expect("the page");
    (page.blocks, page.title)
}

fn heading(text: &str) -> Block {
    Block::Heading { text: text.into() }
}

fn paragraph(text: &str) -> Block {
    Block::Paragraph { text: text.into() }
}

fn site_tools(pasted: &Pasted) -> Vec<&str> {
    pasted
        .dropped
        .iter()
        .filter_map(|d| match d {
            Dropped::SiteTool(t) => Some(t.as_str()),
            _ => None,
        })
        .collect()
}

#[test]
fn herentals_mission_page() {
    let (file, title) = page("herentals", PageKind::Missie);
    let pasted = from_text(&seed("000_2927153e490fe466.txt"), PageKind::Missie, &title);
    let text = |b: &Block| match b {
        Block::Paragraph { text } => text.clone(),
        other => panic!("a paragraph, not {other:?}"),
    };
    let expected = vec![
        // The file puts the mission first and "Over het OCMW" after it; the seed
        // starts with "Over het OCMW" and its first paragraph.
        file[5].clone(),
        file[6].clone(),
        // In the file, the page's title (not first in the seed, so a heading here).
        heading(&title),
        // The seed has the mission as one paragraph; the file splits it in five.
        paragraph(&file[0..5].iter().map(text).collect::<Vec<_>>().join(" ")),
        // Left out by the file: it announced the services, which the page does not list.
        heading("Onze diensten"),
        file[7].clone(),
        // file[8], the term list, is the editor's summary of the facts above: not in
        // the seed.
    ];
    assert_eq!(file.len(), 9);
    assert_eq!(pasted.blocks, expected);
    assert!(pasted.dropped.is_empty(), "{:?}", pasted.dropped);
}

/// Page `kind` of `slug` pasted from `seed`, when it gives exactly the file's blocks
/// and leaves out the seed's `title` as the page's own.
fn exactly(slug: &str, kind: PageKind, seed_file: &str, title: &str) -> Pasted {
    let (file, own) = page(slug, kind);
    let pasted = from_text(&seed(seed_file), kind, &own);
    assert_eq!(pasted.blocks, file, "{slug} {kind:?}");
    assert!(
        pasted.dropped.contains(&Dropped::Title(title.into())),
        "{slug} {kind:?}"
    );
    pasted
}

#[test]
fn ocmw_de_wilg_mission_page() {
    // "Missie" is the page's title, the rest site tools.
    let pasted = exactly(
        "ocmw-de-wilg",
        PageKind::Missie,
        "001_bb3cb497584b1a87.txt",
        "Missie",
    );
    assert_eq!(site_tools(&pasted), ["Sitemap", "a | A"]);
}

#[test]
fn heusden_zolder_vision_page() {
    // "visie" is the page's title.
    let pasted = exactly(
        "heusden-zolder",
        PageKind::Visie,
        "002_b06f11d7c970584b.txt",
        "visie",
    );
    assert_eq!(
        site_tools(&pasted),
        ["aaa", "rss", "Printvriendelijke versie", "PDF"]
    );
}

#[test]
fn heusden_zolder_contact_page() {
    let (file, title) = page("heusden-zolder", PageKind::Contact);
    let pasted = from_text(&seed("003_a8324e65b6035cd8.txt"), PageKind::Contact, &title);
    let mut expected = file.clone();
    // Left out by the file: the question heads a section the seed has no text for
    // (on the website, a link).
    expected.insert(8, paragraph("Waarvoor kan je op deze dienst terecht?"));
    assert_eq!(pasted.blocks, expected);
    assert_eq!(site_tools(&pasted), ["E-loket »", "Meer info"]);
    // The link words without their links: the seed keeps no e-mail address.
    let labels: Vec<&Dropped> = pasted
        .dropped
        .iter()
        .filter(|d| matches!(d, Dropped::LinkLabel(_)))
        .collect();
    assert_eq!(
        labels,
        [
            &Dropped::LinkLabel("e-mail".into()),
            &Dropped::LinkLabel("Openingstijden".into())
        ]
    );
}

#[test]
fn herenthout_mission_and_ambitions_pages() {
    // The seed holds both pages: pasted into the ambities page, its themes are themes.
    let (missie, missie_title) = page("herenthout", PageKind::Missie);
    let (ambities, title) = page("herenthout", PageKind::Ambities);
    let pasted = from_text(
        &seed("004_2521740d125a22d2.txt"),
        PageKind::Ambities,
        &title,
    );
    // The file puts the seed's first part on its missie page, its heading as that
    // page's title.
    let mut expected = vec![heading(&missie_title)];
    expected.extend(missie);
    expected.extend(ambities);
    assert_eq!(pasted.blocks, expected);
    assert_eq!(site_tools(&pasted), ["Naar top"]);
}
