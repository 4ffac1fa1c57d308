//! The browser's reading of a [`Block`]: one flat object with a `type`, instead of
//! serde's internally tagged enum.
//!
//! A tagged enum buffers every block into serde's `Content` and reads it a second time,
//! which puts a second deserialiser per block type into the wasm: `Block`'s derived
//! `Deserialize` was the largest function of the app (BENCHMARKS.md, issue 13). This
//! reader takes every field any block has, then builds the block its `type` names. It
//! trusts the build as the rest of the browser's reading does: a field that does not
//! belong to the type is ignored (the build's check refuses it), a missing one is an
//! error. Natively `Block` keeps the derived reading with its exact messages; the tests
//! below read every block both ways and require the same result.

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::model::{Address, Block, ContactPoint, Definition, OpeningPeriod};

/// Every field of every block type.
#[derive(Deserialize)]
struct Flat {
    #[serde(rename = "type")]
    kind: String,
    text: Option<String>,
    items: Option<Items>,
    source: Option<String>,
    title: Option<String>,
    ambitions: Option<Vec<String>>,
    label: Option<String>,
    href: Option<String>,
    name: Option<String>,
    address: Option<Address>,
    phone: Option<String>,
    fax: Option<String>,
    email: Option<String>,
    website: Option<String>,
    #[serde(default)]
    hours: Vec<OpeningPeriod>,
}

/// `items`: texts for a list, terms for definitions.
enum Items {
    Texts(Vec<String>),
    Definitions(Vec<Definition>),
}

impl<'de> Deserialize<'de> for Items {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ItemsVisitor;
        impl<'de> Visitor<'de> for ItemsVisitor {
            type Value = Items;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of texts or of terms")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Items, A::Error> {
                let mut texts = Vec::new();
                let mut definitions = Vec::new();
                while let Some(item) = seq.next_element::<Item>()? {
                    match item {
                        Item::Text(t) => texts.push(t),
                        Item::Definition(d) => definitions.push(d),
                    }
                }
                match (texts.is_empty(), definitions.is_empty()) {
                    (_, true) => Ok(Items::Texts(texts)),
                    (true, false) => Ok(Items::Definitions(definitions)),
                    (false, false) => Err(de::Error::custom("items mix texts and terms")),
                }
            }
        }
        d.deserialize_seq(ItemsVisitor)
    }
}

/// One of `items`: a text, or a term with its description.
enum Item {
    Text(String),
    Definition(Definition),
}

impl<'de> Deserialize<'de> for Item {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ItemVisitor;
        impl<'de> Visitor<'de> for ItemVisitor {
            type Value = Item;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a text or a term")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Item, E> {
                Ok(Item::Text(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Item, E> {
                Ok(Item::Text(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Item, A::Error> {
                Definition::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(Item::Definition)
            }
        }
        d.deserialize_any(ItemVisitor)
    }
}

/// Reads a block from its flat object.
pub(super) fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Block, D::Error> {
    let f = Flat::deserialize(d)?;
    fn need<T, E: de::Error>(value: Option<T>, field: &'static str) -> Result<T, E> {
        value.ok_or_else(|| E::missing_field(field))
    }
    fn wrong_items<E: de::Error>() -> E {
        E::invalid_type(de::Unexpected::Seq, &"the items of this type")
    }
    Ok(match f.kind.as_str() {
        "heading" => Block::Heading {
            text: need(f.text, "text")?,
        },
        "paragraph" => Block::Paragraph {
            text: need(f.text, "text")?,
        },
        "list" => match need(f.items, "items")? {
            Items::Texts(items) => Block::List { items },
            Items::Definitions(_) => return Err(wrong_items()),
        },
        "quote" => Block::Quote {
            text: need(f.text, "text")?,
            source: need(f.source, "source")?,
        },
        "definitions" => match need(f.items, "items")? {
            Items::Definitions(items) => Block::Definitions { items },
            Items::Texts(t) if t.is_empty() => Block::Definitions { items: Vec::new() },
            Items::Texts(_) => return Err(wrong_items()),
        },
        "theme" => Block::Theme {
            title: need(f.title, "title")?,
            ambitions: need(f.ambitions, "ambitions")?,
        },
        "contact" => Block::Contact(ContactPoint {
            name: need(f.name, "name")?,
            address: f.address,
            phone: f.phone,
            fax: f.fax,
            email: f.email,
            website: f.website,
            hours: f.hours,
        }),
        "link" => Block::Link {
            label: need(f.label, "label")?,
            href: need(f.href, "href")?,
        },
        other => return Err(de::Error::unknown_variant(other, Block::TYPES)),
    })
}

/// Without the editors' diagnosis (the residents' browser build), [`Block`] is read
/// flat.
#[cfg(not(feature = "diagnosis"))]
impl<'de> Deserialize<'de> for Block {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        read(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Organisation, Weekday};

    /// A block read by this reader.
    #[derive(Deserialize)]
    struct Flatly(#[serde(deserialize_with = "read")] Block);

    fn read_flat(json: &str) -> Result<Block, serde_json::Error> {
        serde_json::from_str::<Flatly>(json).map(|f| f.0)
    }

    /// The type of each block, by an exhaustive match: a new block type fails to compile
    /// here until this reader (and [`Block::TYPES`]) know it.
    fn kind(block: &Block) -> &'static str {
        match block {
            Block::Heading { .. } => "heading",
            Block::Paragraph { .. } => "paragraph",
            Block::List { .. } => "list",
            Block::Quote { .. } => "quote",
            Block::Definitions { .. } => "definitions",
            Block::Theme { .. } => "theme",
            Block::Contact(_) => "contact",
            Block::Link { .. } => "link",
        }
    }

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
                    street: s("Markt 1"),
                    postcode: s("2200"),
                    city: s("Herentals"),
                }),
                phone: Some(s("+32 14 28 50 50")),
                fax: None,
                email: Some(s("info@example.be")),
                website: None,
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

    #[test]
    fn every_block_type_reads_as_the_derived_reader_reads_it() {
        let blocks = one_of_each();
        let kinds: Vec<&str> = blocks.iter().map(kind).collect();
        assert_eq!(kinds, Block::TYPES, "one block of each type, in order");
        for block in blocks {
            let json = serde_json::to_string(&block).unwrap();
            let derived: Block = serde_json::from_str(&json).unwrap();
            assert_eq!(read_flat(&json).unwrap(), derived, "{json}");
        }
    }

    #[test]
    fn every_block_of_the_real_content_reads_the_same() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/public/content");
        let mut types = std::collections::BTreeSet::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let Ok(org) = serde_json::from_str::<Organisation>(&text) else {
                continue; // the index
            };
            for (_, page) in org.pages.present() {
                for block in &page.blocks {
                    let json = serde_json::to_string(block).unwrap();
                    assert_eq!(
                        &read_flat(&json).unwrap(),
                        block,
                        "{}: {json}",
                        path.display()
                    );
                    types.insert(kind(block));
                }
            }
        }
        assert!(
            types.len() >= 6,
            "the real content has most block types: {types:?}"
        );
    }

    #[test]
    fn a_broken_block_is_an_error_not_a_crash() {
        for (json, cause) in [
            (r#"{"type": "video"}"#, "unknown variant `video`"),
            (r#"{"type": "paragraph"}"#, "missing field `text`"),
            (r#"{"type": "paragraph", "text": 42}"#, "invalid type"),
            (
                r#"{"type": "list", "items": [{"term": "a", "description": "b"}]}"#,
                "invalid type",
            ),
            (r#"{"type": "definitions", "items": ["a"]}"#, "invalid type"),
            (
                r#"{"type": "list", "items": ["a", {"term": "a", "description": "b"}]}"#,
                "mix",
            ),
            (r#"{"type": "list"}"#, "missing field `items`"),
            (r#"{"text": "no type"}"#, "missing field `type`"),
        ] {
            let error = read_flat(json).unwrap_err().to_string();
            assert!(error.contains(cause), "{json}: {error}");
        }
    }
}
