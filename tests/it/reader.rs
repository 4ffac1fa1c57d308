//! The residents' reader (`content::residents`: `json.rs` and `read.rs`, what the
//! residents' browser build runs) against serde_json (what the build's check, the
//! tests and the studio run): over generated documents, valid and changed, both accept
//! the same ones and read the same model from them.
//!
//! A document is an organisation, an index or the content embedded in a page, written
//! out in one of several styles (compact or spaced; escapes only where needed, for
//! every non-ASCII character, or for every character), and then maybe changed once: a
//! field removed, a field the model does not have, a field written twice, a value of
//! the wrong type or `null`, a text with a `\u` surrogate escape without its pair (or
//! with one), an object written as the list of its values. Serde reads a struct from
//! such a list (`"pages": []`) and a day from an object (`{"maandag": null}`); the
//! residents' reader refuses both, and the build's rules refuse them too
//! (`what_only_serde_reads_is_refused_by_both_checks`).
//!
//! Bounded for CI at 256 cases per property, as `properties`; the longer run is
//! `PROPTEST_CASES=100000 cargo test --features ssr --test it reader`.

use std::fmt::Debug;

use koers::content::{
    parse_organisation, residents, ContentIndex, Embedded, IndexEntry, Organisation,
};
use proptest::prelude::*;
use proptest::sample::Index;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::properties::{config, Fields, Kind};

/// A JSON document as it is written: fields in their order, a field maybe twice (which
/// serde_json's `Value` cannot hold), a text maybe with its escapes written out.
#[derive(Debug, Clone, PartialEq)]
enum Doc {
    Null,
    Bool(bool),
    Number(&'static str),
    Text(String),
    /// A text written as is between its quotes, escapes and all.
    Raw(String),
    List(Vec<Doc>),
    Object(Vec<(String, Doc)>),
}

impl Doc {
    fn of(value: &Value) -> Doc {
        match value {
            Value::Null => Doc::Null,
            Value::Bool(b) => Doc::Bool(*b),
            Value::Number(_) => unreachable!("the model has no numbers"),
            Value::String(s) => Doc::Text(s.clone()),
            Value::Array(items) => Doc::List(items.iter().map(Doc::of).collect()),
            Value::Object(fields) => Doc::Object(
                fields
                    .iter()
                    .map(|(k, v)| (k.clone(), Doc::of(v)))
                    .collect(),
            ),
        }
    }

    /// The path (child positions) of every value, the document itself first.
    fn paths(&self, at: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
        out.push(at.clone());
        let children: Vec<&Doc> = match self {
            Doc::List(items) => items.iter().collect(),
            Doc::Object(fields) => fields.iter().map(|(_, v)| v).collect(),
            _ => Vec::new(),
        };
        for (i, child) in children.into_iter().enumerate() {
            at.push(i);
            child.paths(at, out);
            at.pop();
        }
    }

    fn at_mut(&mut self, path: &[usize]) -> &mut Doc {
        match (self, path.split_first()) {
            (doc, None) => doc,
            (Doc::List(items), Some((i, rest))) => items[*i].at_mut(rest),
            (Doc::Object(fields), Some((i, rest))) => fields[*i].1.at_mut(rest),
            _ => unreachable!("a path leads to a value"),
        }
    }

    /// The paths of the values that pass `keep`, and of the fields of an object when
    /// `fields` (then a path's last position is the field's).
    fn select(&self, fields: bool, keep: impl Fn(&Doc) -> bool) -> Vec<Vec<usize>> {
        let mut all = Vec::new();
        self.paths(&mut Vec::new(), &mut all);
        let mut doc = self.clone();
        all.into_iter()
            .filter(|path| match path.split_last() {
                _ if !fields => keep(doc.at_mut(path)),
                Some((_, parent)) => {
                    matches!(doc.at_mut(parent), Doc::Object(_)) && keep(doc.at_mut(path))
                }
                None => false,
            })
            .collect()
    }
}

/// How a document is written.
#[derive(Debug, Clone, Copy)]
struct Style {
    spaced: bool,
    /// 0: escapes only where JSON needs them; 1: also every non-ASCII character and
    /// `/`; 2: every character, in upper-case hex.
    escape: u8,
}

fn write_text(s: &str, style: Style, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        let u = |out: &mut String, c: char| {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                match style.escape {
                    2 => out.push_str(&format!("\\u{unit:04X}")),
                    _ => out.push_str(&format!("\\u{unit:04x}")),
                }
            }
        };
        match c {
            _ if style.escape == 2 => u(out, c),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '/' if style.escape == 1 => out.push_str("\\/"),
            c if (c as u32) < 0x20 || (style.escape == 1 && !c.is_ascii()) => u(out, c),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn write(doc: &Doc, style: Style, out: &mut String) {
    let gap = if style.spaced { "\n  " } else { "" };
    match doc {
        Doc::Null => out.push_str("null"),
        Doc::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Doc::Number(n) => out.push_str(n),
        Doc::Text(s) => write_text(s, style, out),
        Doc::Raw(s) => {
            out.push('"');
            out.push_str(s);
            out.push('"');
        }
        Doc::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i == 0 { "" } else { "," });
                out.push_str(gap);
                write(item, style, out);
            }
            out.push(']');
        }
        Doc::Object(fields) => {
            out.push('{');
            for (i, (key, value)) in fields.iter().enumerate() {
                out.push_str(if i == 0 { "" } else { "," });
                out.push_str(gap);
                write_text(key, style, out);
                out.push_str(if style.spaced { ": " } else { ":" });
                write(value, style, out);
            }
            out.push('}');
        }
    }
}

/// One change to a document; `Index` picks where.
#[derive(Debug, Clone)]
enum Change {
    None,
    /// A field left out.
    Remove(Index),
    /// A field added to an object: one the model does not have there (or has, so
    /// written twice), with some value.
    Add(Index, &'static str, Doc),
    /// A field written twice: with the same value, or with another.
    Twice(Index, Option<Doc>),
    /// A value replaced: a wrong type, `null`, a text that names something.
    Replace(Index, Doc),
    /// A text with a `\u` escape of a surrogate appended: without its pair (refused by
    /// both), or with it (a character, read by both).
    Surrogate(Index, &'static str),
    /// An object written as the list of its values.
    AsList(Index),
}

/// Values to put where another was.
fn some_value() -> impl Strategy<Value = Doc> {
    let text = |s: &str| Doc::Text(s.into());
    prop::sample::select(vec![
        Doc::Null,
        Doc::Bool(true),
        Doc::Number("0"),
        Doc::Number("-1.5e3"),
        text(""),
        text("maandag"),
        text("heading"),
        text("contact"),
        text("09:00"),
        Doc::List(Vec::new()),
        Doc::List(vec![text("a")]),
        Doc::List(vec![Doc::Null]),
        Doc::Object(Vec::new()),
        Doc::Object(vec![("maandag".into(), Doc::Null)]),
        Doc::Object(vec![
            ("type".into(), text("heading")),
            ("text".into(), text("a")),
        ]),
    ])
}

/// Field names: unknown to the model, or known at another level (or at this one).
const KEYS: &[&str] = &[
    "logo",
    "titel",
    "colour",
    "",
    "Type",
    "type",
    "text",
    "name",
    "slug",
    "items",
    "hours",
    "day",
    "address",
    "pages",
    "missie",
    "blocks",
    "index",
    "organisations",
    "enterprise_number",
];

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        1 => Just(Change::None),
        2 => any::<Index>().prop_map(Change::Remove),
        2 => (any::<Index>(), prop::sample::select(KEYS), some_value())
            .prop_map(|(i, k, v)| Change::Add(i, k, v)),
        2 => (any::<Index>(), prop::option::of(some_value())).prop_map(|(i, v)| Change::Twice(i, v)),
        3 => (any::<Index>(), some_value()).prop_map(|(i, v)| Change::Replace(i, v)),
        2 => (
            any::<Index>(),
            prop::sample::select(&[
                "\\ud800", "\\uDC00", "\\udbff\\u0041", "\\ud83d\\ud83d", "\\udfff\\ud800",
                "\\ud800\\n", "\\ud83d\\ude00", "\\uD83D\\uDE00",
            ][..]),
        )
            .prop_map(|(i, s)| Change::Surrogate(i, s)),
        1 => any::<Index>().prop_map(Change::AsList),
    ]
}

/// `doc` changed by `change`; `true` when it is now in a form only serde reads (an
/// object became a list, a text an object with one field), which the residents' reader
/// must refuse.
fn apply(doc: &Doc, change: &Change) -> (Doc, bool) {
    let mut doc = doc.clone();
    let pick = |paths: Vec<Vec<usize>>, i: &Index| {
        (!paths.is_empty()).then(|| paths[i.index(paths.len())].clone())
    };
    let is_object = |d: &Doc| matches!(d, Doc::Object(_));
    let mut listed = false;
    match change {
        Change::None => {}
        Change::Remove(i) => {
            if let Some(path) = pick(doc.select(true, |_| true), i) {
                let (last, parent) = path.split_last().unwrap();
                if let Doc::Object(fields) = doc.at_mut(parent) {
                    fields.remove(*last);
                }
            }
        }
        Change::Add(i, key, value) => {
            if let Some(path) = pick(doc.select(false, is_object), i) {
                if let Doc::Object(fields) = doc.at_mut(&path) {
                    fields.push((key.to_string(), value.clone()));
                }
            }
        }
        Change::Twice(i, value) => {
            if let Some(path) = pick(doc.select(true, |_| true), i) {
                let (last, parent) = path.split_last().unwrap();
                if let Doc::Object(fields) = doc.at_mut(parent) {
                    let (key, first) = fields[*last].clone();
                    fields.push((key, value.clone().unwrap_or(first)));
                }
            }
        }
        Change::Replace(i, value) => {
            if let Some(path) = pick(doc.select(false, |_| true), i) {
                let at = doc.at_mut(&path);
                // Serde reads an object from a list of its values, and a day (a text)
                // from an object with its name as the only field.
                listed = match (&at, value) {
                    (Doc::Object(_), Doc::List(_)) => true,
                    (Doc::Text(_), Doc::Object(fields)) => fields.len() == 1,
                    _ => false,
                };
                *at = value.clone();
            }
        }
        Change::Surrogate(i, escape) => {
            let is_text = |d: &Doc| matches!(d, Doc::Text(_));
            if let Some(path) = pick(doc.select(false, is_text), i) {
                let at = doc.at_mut(&path);
                if let Doc::Text(s) = at {
                    let mut written = String::new();
                    write_text(
                        s,
                        Style {
                            spaced: false,
                            escape: 0,
                        },
                        &mut written,
                    );
                    *at = Doc::Raw(format!("{}{escape}", &written[1..written.len() - 1]));
                }
            }
        }
        Change::AsList(i) => {
            if let Some(path) = pick(doc.select(false, is_object), i) {
                let at = doc.at_mut(&path);
                if let Doc::Object(fields) = at {
                    *at = Doc::List(fields.iter().map(|(_, v)| v.clone()).collect());
                    listed = true;
                }
            }
        }
    }
    (doc, listed)
}

/// Reads `text` both ways: both accept it and read the same model, or both refuse it;
/// in a form only serde reads (`listed`), the residents' reader refuses it whatever serde
/// does.
fn agree<T>(text: &str, listed: bool) -> Result<bool, TestCaseError>
where
    T: residents::Content + DeserializeOwned + PartialEq + Debug,
{
    let serde = serde_json::from_str::<T>(text);
    let ours = residents::from_json::<T>(text);
    if listed {
        prop_assert!(ours.is_err(), "a form only serde reads was read:\n{}", text);
        return Ok(false);
    }
    match (serde, ours) {
        (Ok(serde), Ok(ours)) => prop_assert_eq!(serde, ours, "{}", text),
        (Err(_), Err(_)) => {}
        (serde, ours) => prop_assert!(
            false,
            "they disagree on\n{}\nserde_json: {:?}\nresidents: {:?}",
            text,
            serde.map(drop).map_err(|e| e.to_string()),
            ours.map(drop)
        ),
    }
    Ok(serde_json::from_str::<T>(text).is_ok())
}

/// Which type a document is read as.
#[derive(Debug, Clone, Copy)]
enum Top {
    Organisation,
    Index,
    Embedded,
}

fn index() -> BoxedStrategy<ContentIndex> {
    let fields = Fields::new(Kind::Wild);
    let entry = (fields.slug.clone(), fields.name.clone())
        .prop_map(|(slug, name)| IndexEntry { slug, name });
    prop::collection::vec(entry, 0..4)
        .prop_map(|organisations| ContentIndex { organisations })
        .boxed()
}

/// A document of each type, as a tree, with the type to read it as.
fn document() -> impl Strategy<Value = (Top, Doc)> {
    let organisation = || Fields::new(Kind::Wild).organisation();
    prop_oneof![
        (
            organisation(),
            prop::option::of(prop::sample::select(&["0208.038.769", "x"][..]))
        )
            .prop_map(move |(mut org, number)| {
                org.enterprise_number = number.map(String::from);
                (Top::Organisation, tree(&org))
            }),
        index().prop_map(move |index| (Top::Index, tree(&index))),
        (
            prop::option::of(index()),
            prop::collection::vec(organisation(), 0..3)
        )
            .prop_map(move |(index, organisations)| {
                let embedded = Embedded {
                    index,
                    organisations,
                };
                (Top::Embedded, tree(&embedded))
            }),
    ]
}

/// A model as a tree.
fn tree<T: Serialize>(model: &T) -> Doc {
    Doc::of(&serde_json::to_value(model).unwrap())
}

fn style() -> impl Strategy<Value = Style> {
    (any::<bool>(), 0u8..3).prop_map(|(spaced, escape)| Style { spaced, escape })
}

proptest! {
    #![proptest_config(config())]

    /// A generated document, written in any style, is read by both, as the same model.
    #[test]
    fn generated_documents_read_the_same_both_ways((top, doc) in document(), style in style()) {
        let mut text = String::new();
        write(&doc, style, &mut text);
        let accepted = match top {
            Top::Organisation => agree::<Organisation>(&text, false)?,
            Top::Index => agree::<ContentIndex>(&text, false)?,
            Top::Embedded => agree::<Embedded>(&text, false)?,
        };
        prop_assert!(accepted, "a generated document refused:\n{}", text);
    }

    /// A generated document changed once is accepted by both, as the same model, or
    /// refused by both.
    #[test]
    fn changed_documents_read_the_same_both_ways(
        (top, doc) in document(),
        style in style(),
        change in change(),
    ) {
        let (doc, listed) = apply(&doc, &change);
        let mut text = String::new();
        write(&doc, style, &mut text);
        match top {
            Top::Organisation => agree::<Organisation>(&text, listed)?,
            Top::Index => agree::<ContentIndex>(&text, listed)?,
            Top::Embedded => agree::<Embedded>(&text, listed)?,
        };
    }
}

/// A real organisation.
fn real() -> Organisation {
    let text = std::fs::read_to_string(crate::common::content_dir().join("herentals.json"))
        .expect("herentals.json");
    serde_json::from_str(&text).unwrap()
}

/// Serde reads forms the residents' reader does not: a struct written as a list of its
/// values, a day written as an object (`{"maandag": null}`). The build's check (its
/// rules) refuses them too: what the build accepts, the residents' browser reads.
#[test]
fn what_only_serde_reads_is_refused_by_both_checks() {
    let org = real();
    let file = format!("{}.json", org.slug);
    let contact = serde_json::json!({
        "type": "contact", "name": "Balie", "phone": "011 80 80 86",
        "hours": [{"day": {"maandag": null}, "opens": "09:00", "closes": "12:00"}],
    });
    for (path, value, message) in [
        ("pages", Value::Array(Vec::new()), "JSON object"),
        (
            "pages.missie.blocks[0]",
            serde_json::json!(["paragraph", "Tekst"]),
            "JSON object",
        ),
        ("pages.missie.blocks[0].hours[0].day", contact, "JSON text"),
    ] {
        let mut tree = serde_json::to_value(&org).unwrap();
        match path {
            "pages" => tree["pages"] = value,
            _ => tree["pages"]["missie"]["blocks"][0] = value,
        }
        let text = serde_json::to_string_pretty(&tree).unwrap();
        assert!(
            serde_json::from_str::<Organisation>(&text).is_ok(),
            "serde reads {path}"
        );
        assert!(
            residents::from_json::<Organisation>(&text).is_err(),
            "{path}"
        );
        assert!(residents::parse_organisation(&file, text.as_bytes()).is_err());
        let problems = parse_organisation(&file, text.as_bytes()).unwrap_err();
        assert!(
            problems
                .iter()
                .any(|p| p.path == path && p.message.contains(message)),
            "{path}: {problems:?}"
        );
    }
}

/// How deep lists and objects may nest. serde_json reads 127 levels into a value, and
/// so does the residents' parser, which builds the value: as deep, both read the same.
/// A field `Embedded` does not have serde skips without building it, at any depth;
/// the residents' reader refuses it beyond 127 levels, its stack bounded. The one
/// difference this test knows of, for text the build writes itself (`Embedded` is
/// content embedded in a pre-rendered page) and never with a field it does not have.
#[test]
fn nesting_is_read_the_same_as_deep_as_serde_json_reads_a_value() {
    for depth in 2..=140 {
        for (open, empty, close) in [("[", "[]", "]"), ("{\"a\":", "{}", "}")] {
            let inner = open.repeat(depth - 2) + empty + &close.repeat(depth - 2);
            let value = serde_json::from_str::<Value>(&inner).is_ok();
            assert_eq!(value, depth <= 128, "serde_json's limit, {depth} deep");
            // One level more inside `Embedded`.
            let text = format!("{{\"later\": {inner}}}");
            let ours = residents::from_json::<Embedded>(&text).is_ok();
            assert_eq!(ours, depth < 128, "{depth} deep");
            assert!(
                serde_json::from_str::<Embedded>(&text).is_ok(),
                "{depth} deep"
            );
        }
    }
}
