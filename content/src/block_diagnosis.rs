//! Precise messages for a block that cannot be read.
//!
//! Blocks are a serde enum tagged by `"type"`; serde buffers such a block before it
//! reads it, so its errors lose the field and point after the block. When reading
//! fails inside a block, this module reads that block again field by field, against
//! the same types, and reports each problem at its own field.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::json::Locations;
use super::model::Block;
use super::problem::Problem;

/// How serde reads a field of a block.
type Reader = fn(&Value) -> Result<(), (String, String)>;
/// A field of a block: its name, whether it is required, how serde reads it. Each
/// type's table comes from its declaration (`#[derive(Content)]`, `FIELD_TABLE`).
pub(crate) type Field = (&'static str, bool, Reader);

/// The fields of each block type, from `Block`'s declaration.
const BLOCK_FIELDS: &[(&str, &[Field])] = Block::FIELD_TABLE;

pub(crate) fn read<T: DeserializeOwned>(value: &Value) -> Result<(), (String, String)> {
    serde_path_to_error::deserialize::<_, T>(value)
        .map(|_| ())
        .map_err(|e| {
            let path = e.path().to_string();
            let path = if path == "." { String::new() } else { path };
            (path, e.into_inner().to_string())
        })
}

/// Problems of the block that `error_path` points into, or `None` when the path is not
/// inside a block (or the block reads fine, and serde's own message should stand).
pub(crate) fn diagnose(file: &str, text: &str, error_path: &str) -> Option<Vec<Problem>> {
    let start = error_path.find("blocks[")?;
    let end = start + error_path[start..].find(']')? + 1;
    let block_path = &error_path[..end];
    let document: Value = serde_json::from_str(text).ok()?;
    let block = value_at(&document, block_path)?;
    let loc = Locations::scan(text);
    let mut problems = Vec::new();
    let mut add = |path: String, message: String| {
        let (line, column) = loc.find(&path).unwrap_or((1, 1));
        problems.push(Problem::new(file, path, message).at(line, column));
    };
    let Some(fields) = block.as_object() else {
        add(
            block_path.to_string(),
            "a block must be a JSON object ({ \"type\": …, … })".into(),
        );
        return Some(problems);
    };
    let types: Vec<String> = BLOCK_FIELDS.iter().map(|(t, _)| format!("`{t}`")).collect();
    let kind = match fields.get("type") {
        None => {
            add(
                block_path.to_string(),
                format!("missing field `type`: one of {}", types.join(", ")),
            );
            return Some(problems);
        }
        Some(Value::String(kind)) => kind.as_str(),
        Some(other) => {
            add(
                format!("{block_path}.type"),
                format!("invalid type: {}, expected a string", describe(other)),
            );
            return Some(problems);
        }
    };
    let Some((_, spec)) = BLOCK_FIELDS.iter().find(|(t, _)| *t == kind) else {
        add(
            format!("{block_path}.type"),
            format!(
                "unknown variant `{kind}`, expected one of {}",
                types.join(", ")
            ),
        );
        return Some(problems);
    };
    for name in fields.keys().filter(|k| *k != "type") {
        if !spec.iter().any(|(f, _, _)| f == name) {
            let expected: Vec<String> = spec.iter().map(|(f, _, _)| format!("`{f}`")).collect();
            add(
                format!("{block_path}.{name}"),
                format!(
                    "unknown field `{name}` in a {kind} block, expected {}",
                    expected.join(", ")
                ),
            );
        }
    }
    for (name, required, reader) in spec.iter() {
        match fields.get(*name) {
            None if *required => add(
                block_path.to_string(),
                format!("missing field `{name}` in a {kind} block"),
            ),
            None => {}
            Some(value) => {
                if let Err((sub, message)) = reader(value) {
                    let path = format!("{block_path}.{name}{}", join(&sub));
                    add(path, message);
                }
            }
        }
    }
    (!problems.is_empty()).then_some(problems)
}

/// Appends a serde_path_to_error path ("[2].term", "street") to a field path.
fn join(sub: &str) -> String {
    match sub.chars().next() {
        None => String::new(),
        Some('[') => sub.to_string(),
        Some(_) => format!(".{sub}"),
    }
}

fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) => format!("number `{n}`"),
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "sequence".into(),
        Value::Object(_) => "map".into(),
    }
}

/// The value at a path like `pages.missie.blocks[2]`.
fn value_at<'a>(root: &'a Value, path: &str) -> Option<&'a Value> {
    let mut current = root;
    for segment in path.split('.') {
        let (name, indexes) = match segment.find('[') {
            Some(i) => (&segment[..i], &segment[i..]),
            None => (segment, ""),
        };
        if !name.is_empty() {
            current = current.get(name)?;
        }
        for index in indexes.split('[').filter(|s| !s.is_empty()) {
            current = current.get(index.trim_end_matches(']').parse::<usize>().ok()?)?;
        }
    }
    Some(current)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Address, ContactPoint, Definition, OpeningPeriod};

    /// Every block type of the model, with every field filled.
    fn one_of_each() -> Vec<Block> {
        let s = || "x".to_string();
        vec![
            Block::Heading { text: s() },
            Block::Paragraph { text: s() },
            Block::List { items: vec![s()] },
            Block::Quote {
                text: s(),
                source: s(),
            },
            Block::Definitions {
                items: vec![Definition {
                    term: s(),
                    description: s(),
                }],
            },
            Block::Theme {
                title: s(),
                ambitions: vec![s()],
            },
            Block::Contact(ContactPoint {
                name: s(),
                address: Some(Address {
                    street: s(),
                    postcode: s(),
                    city: s(),
                }),
                phone: Some(s()),
                fax: Some(s()),
                email: Some(s()),
                website: Some(s()),
                hours: vec![OpeningPeriod {
                    day: crate::Weekday::Monday,
                    opens: s(),
                    closes: s(),
                }],
            }),
            Block::Link {
                label: s(),
                href: s(),
            },
        ]
    }

    #[test]
    fn the_table_matches_the_model() {
        let blocks = one_of_each();
        assert_eq!(blocks.len(), BLOCK_FIELDS.len());
        for block in blocks {
            let value = serde_json::to_value(&block).unwrap();
            let map = value.as_object().unwrap();
            let kind = map["type"].as_str().unwrap();
            let (_, spec) = BLOCK_FIELDS.iter().find(|(t, _)| *t == kind).unwrap();
            let mut keys: Vec<&str> = map
                .keys()
                .map(String::as_str)
                .filter(|k| *k != "type")
                .collect();
            let mut names: Vec<&str> = spec.iter().map(|(f, _, _)| *f).collect();
            keys.sort();
            names.sort();
            assert_eq!(keys, names, "{kind}");
            for (name, _, reader) in spec.iter() {
                assert!(reader(&map[*name]).is_ok(), "{kind}.{name}");
            }
        }
    }
}
