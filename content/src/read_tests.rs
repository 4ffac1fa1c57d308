//! The browser's reader against serde's: the same model from every content file and
//! every block type, and an error, never a crash, from what does not read.

use super::*;
use crate::json::parse;
use crate::*;

fn ours<T: Content>(text: &str) -> Result<T, String> {
    T::read(&parse(text)?).map_err(|m| m.to_string())
}

/// The type of each block, as serde writes it.
fn kind(block: &Block) -> String {
    serde_json::to_value(block).unwrap()["type"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Made-up content, one block of each type; the contact has every field, as no real
/// file does.
fn one_of_each() -> Vec<Block> {
    let s = |t: &str| t.to_string();
    vec![
        Block::Heading { text: s("Kop") },
        Block::Paragraph { text: s("Tekst") },
        Block::List {
            items: vec![s("a"), s("b")],
        },
        Block::Quote {
            text: s("Citaat"),
            source: s("Bron"),
        },
        Block::Definitions {
            items: vec![Definition {
                term: s("OCMW"),
                description: s("Openbaar centrum"),
            }],
        },
        Block::Theme {
            title: s("Thema"),
            ambitions: vec![s("Ambitie")],
        },
        Block::Contact(ContactPoint {
            name: s("Balie"),
            address: Some(Address {
                street: s("Voorbeeldstraat 1"),
                postcode: s("9999"),
                city: s("Voorbeeldstad"),
            }),
            phone: Some(s("+32 9 999 99 99")),
            fax: Some(s("+32 9 999 99 98")),
            email: Some(s("info@example.be")),
            website: Some(s("https://example.be")),
            hours: vec![OpeningPeriod {
                day: Weekday::Monday,
                opens: s("09:00"),
                closes: s("12:00"),
            }],
        }),
        Block::Link {
            label: s("Site"),
            href: s("https://example.be"),
        },
    ]
}

fn real_organisations() -> Vec<(String, String)> {
    let files: Vec<(String, String)> = crate::content_files()
        .into_iter()
        .filter(|(path, _)| !path.ends_with("/index.json"))
        .collect();
    assert!(files.len() >= 4, "the real organisations");
    files
}

#[test]
fn every_content_file_reads_as_serde_reads_it() {
    let mut types = std::collections::BTreeSet::new();
    for (path, text) in real_organisations() {
        let expected: Organisation = serde_json::from_str(&text).unwrap();
        assert_eq!(ours::<Organisation>(&text).unwrap(), expected, "{path}");
        for (_, page) in expected.pages.present() {
            types.extend(page.blocks.iter().map(kind));
        }
    }
    assert!(
        types.len() >= 6,
        "most block types are in the real content: {types:?}"
    );
    let index = include_str!("../../public/content/index.json");
    let expected: ContentIndex = serde_json::from_str(index).unwrap();
    assert_eq!(ours::<ContentIndex>(index).unwrap(), expected);
}

#[test]
fn every_block_type_and_change_notes_read_as_serde_reads_them() {
    let blocks = one_of_each();
    let kinds: Vec<String> = blocks.iter().map(kind).collect();
    assert_eq!(kinds, Block::TYPES, "one block of each type, in order");
    let variants: Vec<BlockKind> = blocks.iter().map(BlockKind::from).collect();
    assert_eq!(variants, <BlockKind as strum::VariantArray>::VARIANTS);
    let mut org: Organisation = serde_json::from_str(&real_organisations()[0].1).unwrap();
    org.pages.missie.as_mut().unwrap().blocks = blocks;
    // Made-up change notes: one about every page, one about two of them.
    org.changes = vec![
        Change {
            date: "2026-12-02".into(),
            note: "Verzonnen wijziging.".into(),
            pages: vec![PageKind::Missie, PageKind::Contact],
        },
        Change {
            date: "2026-01-05".into(),
            note: "Nog een verzonnen wijziging.".into(),
            pages: Vec::new(),
        },
    ];
    let text = serde_json::to_string_pretty(&org).unwrap();
    assert_eq!(serde_json::from_str::<Organisation>(&text).unwrap(), org);
    assert_eq!(ours::<Organisation>(&text).unwrap(), org);
}

#[test]
fn embedded_content_reads_as_serde_reads_it() {
    let organisations: Vec<Organisation> = real_organisations()
        .iter()
        .map(|(_, text)| serde_json::from_str(text).unwrap())
        .collect();
    let index: ContentIndex =
        serde_json::from_str(include_str!("../../public/content/index.json")).unwrap();
    for embedded in [
        Embedded::default(),
        Embedded {
            index: Some(index),
            organisations: Vec::new(),
        },
        Embedded {
            index: None,
            organisations,
        },
    ] {
        let text = serde_json::to_string(&embedded).unwrap();
        assert_eq!(ours::<Embedded>(&text).unwrap(), embedded, "{text}");
    }
}

/// A made-up organisation whose first page holds `block`.
fn with_block(block: &str) -> String {
    format!(
        r##"{{"slug": "voorbeeld", "name": "Gemeente Voorbeeld", "short_name": "Voorbeeld",
            "accent": "#005a8c", "description": "Een voorbeeld.",
            "pages": {{"missie": {{"title": "Missie", "description": "D", "blocks": [{block}]}}}}}}"##
    )
}

#[test]
fn what_does_not_read_is_an_error_that_names_its_field_not_a_crash() {
    for (block, cause) in [
        (
            r#"{"type": "video", "src": "x"}"#,
            "pages.missie.blocks.0.type: unknown variant `video`, expected one of `heading`",
        ),
        (
            r#"{"type": "paragraph"}"#,
            "pages.missie.blocks.0: missing field `text`",
        ),
        (
            r#"{"type": "paragraph", "text": 42}"#,
            "pages.missie.blocks.0.text: invalid type: a number, expected a text",
        ),
        (
            r#"{"type": "list", "items": [{"term": "a", "description": "b"}]}"#,
            "blocks.0.items.0: invalid type: an object, expected a text",
        ),
        (
            r#"{"type": "definitions", "items": ["a"]}"#,
            "blocks.0.items.0: invalid type: a text, expected an object",
        ),
        (r#"{"type": "list"}"#, "missing field `items`"),
        (r#"{"text": "no type"}"#, "missing field `type`"),
        (
            r#""a text""#,
            "blocks.0: invalid type: a text, expected an object",
        ),
        (
            r#"{"type": "contact", "name": "Balie", "hours": [{"day": "maandagen", "opens": "9", "closes": "10"}]}"#,
            "blocks.0.hours.0.day: unknown variant `maandagen`, expected one of `maandag`",
        ),
    ] {
        let error = ours::<Organisation>(&with_block(block)).unwrap_err();
        assert!(error.contains(cause), "{block}: {error}");
    }
    let nameless = with_block(r#"{"type": "heading", "text": "Kop"}"#)
        .replace(r#""name": "Gemeente Voorbeeld","#, "");
    assert_eq!(
        ours::<Organisation>(&nameless).unwrap_err(),
        "missing field `name`"
    );
    assert_eq!(
        ours::<Organisation>("[]").unwrap_err(),
        "invalid type: a list, expected an object"
    );
    assert!(ours::<Organisation>(r#"{"slug": "#)
        .unwrap_err()
        .starts_with("invalid JSON: the file ends too early"));
}

/// What serde refuses, this reader refuses too (it used to leave a field the model
/// does not have, a field written twice and `null` for a list to the build).
#[test]
fn what_serde_refuses_is_refused_here_too() {
    for block in [
        r#"{"type": "heading", "text": "Kop", "colour": "rood"}"#,
        r#"{"type": "heading", "text": "Kop", "text": "Kop"}"#,
        r#"{"type": "heading", "type": "heading", "text": "Kop"}"#,
        r#"{"type": "heading", "text": null}"#,
        r#"{"type": "contact", "name": "Balie", "hours": null}"#,
        r#"{"type": "contact", "name": "Balie", "hours": [{"day": "maandag", "opens": "9:00", "closes": "12:00", "extra": 1}]}"#,
    ] {
        let text = with_block(block);
        assert!(ours::<Organisation>(&text).is_err(), "{block}");
        assert!(
            serde_json::from_str::<Organisation>(&text).is_err(),
            "{block}"
        );
    }
    for (embedded, error) in [
        (
            r#"{"organisations": null}"#,
            "organisations: invalid type: null, expected a list",
        ),
        (
            r#"{"index": null, "index": null}"#,
            "duplicate field `index`",
        ),
    ] {
        assert_eq!(ours::<Embedded>(embedded).unwrap_err(), error);
        assert!(
            serde_json::from_str::<Embedded>(embedded).is_err(),
            "{embedded}"
        );
    }
    // `Embedded` has no `deny_unknown_fields`: both ignore a field it does not have.
    assert_eq!(
        ours::<Embedded>(r#"{"later": 1}"#).unwrap(),
        Embedded::default()
    );
    assert_eq!(
        serde_json::from_str::<Embedded>(r#"{"later": 1}"#).unwrap(),
        Embedded::default()
    );
}
