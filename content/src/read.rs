//! The browser's reading of content into the model, from a parsed [`Json`] value.
//! Each type's reader is derived from its declaration (`#[derive(Content)]`, the crate
//! `koers-content-derive`); this file holds what they share.
//!
//! It takes the place of serde's derived deserialisers in the residents' wasm: with
//! the float formatting their error messages kept alive, about 11 KB brotli
//! (BENCHMARKS.md, issue 13). It accepts exactly what serde's derived deserialisers
//! accept from an object, and reads the same model: a missing field, a field the
//! model does not have (but in `Embedded`, as serde), a field written twice, `null`
//! where the model has no `Option`, a value of the wrong type, an unknown block type
//! are each an error, never a crash. Its message names the field's path and says
//! what is wrong with serde's opening words ("missing field `name`", "invalid type: a
//! number, expected a text", "unknown variant `video`"). Serde also reads a struct
//! written as a list of its values and a day written as an object (`{"maandag":
//! null}`); this reader does not, and the build's rules refuse them too. Natively,
//! `tests/it/reader.rs` holds it to serde_json over generated and changed documents.

use super::json::{Json, Value};

/// A type the browser reads from content. Derived with [`koers_content_derive::Content`]
/// from the type's one declaration (`model.rs`), but for texts and lists (below).
pub trait Content: Sized {
    fn read(json: &Json) -> Read<Self>;
}

/// A struct: its fields read from an object (derived with it).
pub trait Record: Sized {
    /// The names of its fields in JSON.
    const FIELDS: &'static [&'static str];
    /// Whether a field it does not have is refused (serde's `deny_unknown_fields`);
    /// otherwise it is ignored, as serde does.
    const CLOSED: bool;
    /// Reads its fields from `f`, whose other fields are not checked here.
    fn read_fields(f: &Fields) -> Read<Self>;
}

/// Why a value could not be read, and in which field.
#[derive(Debug)]
pub struct Miss {
    /// The path's segments, innermost first.
    path: Vec<String>,
    message: String,
}

impl Miss {
    fn new(message: String) -> Miss {
        Miss {
            path: Vec::new(),
            message,
        }
    }

    pub(crate) fn within(mut self, segment: &str) -> Miss {
        self.path.push(segment.to_string());
        self
    }
}

impl std::fmt::Display for Miss {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        for (i, segment) in self.path.iter().rev().enumerate() {
            f.write_str(if i == 0 { "" } else { "." })?;
            f.write_str(segment)?;
        }
        if !self.path.is_empty() {
            f.write_str(": ")?;
        }
        f.write_str(&self.message)
    }
}

pub(crate) type Read<T> = Result<T, Miss>;

fn kind_of(json: &Json) -> &'static str {
    match json.value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::Text(_) => "a text",
        Value::List(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn invalid(json: &Json, expected: &str) -> Miss {
    Miss::new(format!(
        "invalid type: {}, expected {expected}",
        kind_of(json)
    ))
}

impl Content for String {
    fn read(json: &Json) -> Read<String> {
        match &json.value {
            Value::Text(t) => Ok(t.clone()),
            _ => Err(invalid(json, "a text")),
        }
    }
}

impl<T: Content> Content for Vec<T> {
    fn read(json: &Json) -> Read<Vec<T>> {
        let Value::List(items) = &json.value else {
            return Err(invalid(json, "a list"));
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, json) in items.iter().enumerate() {
            out.push(T::read(json).map_err(|m| m.within(&i.to_string()))?);
        }
        Ok(out)
    }
}

/// A struct, from an object: unknown and doubled fields are refused first, as
/// [`Record::CLOSED`] says, then its fields are read.
pub(crate) fn record<T: Record>(json: &Json) -> Read<T> {
    let f = Fields::open(json)?;
    f.only(&[T::FIELDS], T::CLOSED)?;
    T::read_fields(&f)
}

/// An object's fields.
pub struct Fields<'a>(&'a [(String, Json)]);

impl<'a> Fields<'a> {
    /// An object, its fields not yet checked.
    pub(crate) fn open(json: &'a Json) -> Read<Fields<'a>> {
        match &json.value {
            Value::Object(fields) => Ok(Fields(fields)),
            _ => Err(invalid(json, "an object")),
        }
    }

    /// Refuses a field written twice, and, when `closed`, one not in `known` (else it
    /// is ignored), as serde does.
    pub(crate) fn only(&self, known: &[&[&str]], closed: bool) -> Read<()> {
        for (i, (key, _)) in self.0.iter().enumerate() {
            if !known.iter().any(|names| names.contains(&key.as_str())) {
                if closed {
                    return Err(Miss::new(format!("unknown field `{key}`")));
                }
                continue;
            }
            if self.0[..i].iter().any(|(k, _)| k == key) {
                return Err(Miss::new(format!("duplicate field `{key}`")));
            }
        }
        Ok(())
    }

    fn get(&self, key: &str) -> Option<&'a Json> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, json)| json)
    }

    fn read<T: Content>(key: &str, json: &Json) -> Read<T> {
        T::read(json).map_err(|m| m.within(key))
    }

    /// An `Option` field: left out or `null`, it is `None`.
    pub fn optional<T: Content>(&self, key: &str) -> Read<Option<T>> {
        match self.get(key) {
            None
            | Some(Json {
                value: Value::Null, ..
            }) => Ok(None),
            Some(json) => Fields::read(key, json).map(Some),
        }
    }

    /// A field with a default: left out, it is the default; `null` is refused.
    pub fn defaulted<T: Content + Default>(&self, key: &str) -> Read<T> {
        self.get(key)
            .map_or_else(|| Ok(T::default()), |json| Fields::read(key, json))
    }

    /// A field that must be there; `null` is refused.
    pub fn required<T: Content>(&self, key: &str) -> Read<T> {
        let json = self
            .get(key)
            .ok_or_else(|| Miss::new(format!("missing field `{key}`")))?;
        Fields::read(key, json)
    }
}

/// One of `all`, by its name in JSON: what serde calls a unit variant.
pub(crate) fn one_of<T: Copy>(json: &Json, all: &[(&str, T)]) -> Read<T> {
    let given = String::read(json)?;
    all.iter()
        .find(|(name, _)| *name == given)
        .map(|(_, v)| *v)
        .ok_or_else(|| {
            let names: Vec<&str> = all.iter().map(|(name, _)| *name).collect();
            unknown_variant(&given, &names)
        })
}

/// serde's words for a name that is none of `names`.
pub(crate) fn unknown_variant(given: &str, names: &[&str]) -> Miss {
    Miss::new(format!(
        "unknown variant `{given}`, expected one of `{}`",
        names.join("`, `")
    ))
}

#[cfg(test)]
#[path = "read_tests.rs"]
mod tests;
