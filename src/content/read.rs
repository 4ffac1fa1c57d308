//! The browser's reading of content into the model, from a parsed [`Json`] value.
//!
//! It takes the place of serde's derived deserialisers in the residents' wasm: with
//! the float formatting their error messages kept alive, about 11 KB brotli
//! (BENCHMARKS.md, issue 13). Like the rest of the browser's
//! reading it trusts the build's check: a field the model does not have is ignored
//! (the build refuses it, with its place). What a resident must be protected from
//! still ends in an error, never a crash: a missing field (or one set to `null`), a
//! value of the wrong type, an unknown block type. Its message names the field's path
//! and says what is wrong with serde's opening words ("missing field `name`",
//! "invalid type: a number, expected a text", "unknown variant `video`"). Natively,
//! the tests read every content file both ways and require the same model.

use super::hours::Weekday;
use super::json::Json;
use super::model::{
    Address, Block, Change, ContactPoint, ContentIndex, Definition, Embedded, IndexEntry,
    OpeningPeriod, Organisation, Page, PageKind, Pages,
};

/// A type the browser reads from content.
pub trait Content: Sized {
    fn read(json: &Json) -> Result<Self, Miss>;
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

    fn within(mut self, segment: String) -> Miss {
        self.path.push(segment);
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

type Read<T> = Result<T, Miss>;

fn kind_of(json: &Json) -> &'static str {
    match json {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::Text(_) => "a text",
        Json::List(_) => "a list",
        Json::Object(_) => "an object",
    }
}

fn invalid(json: &Json, expected: &str) -> Miss {
    Miss::new(format!(
        "invalid type: {}, expected {expected}",
        kind_of(json)
    ))
}

fn text(json: &Json) -> Read<String> {
    match json {
        Json::Text(t) => Ok(t.clone()),
        other => Err(invalid(other, "a text")),
    }
}

fn texts(json: &Json) -> Read<Vec<String>> {
    list(json, text)
}

fn list<T>(json: &Json, item: fn(&Json) -> Read<T>) -> Read<Vec<T>> {
    let Json::List(items) = json else {
        return Err(invalid(json, "a list"));
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, json) in items.iter().enumerate() {
        out.push(item(json).map_err(|m| m.within(i.to_string()))?);
    }
    Ok(out)
}

/// An object's fields.
struct Fields<'a>(&'a [(String, Json)]);

impl<'a> Fields<'a> {
    fn of(json: &'a Json) -> Read<Fields<'a>> {
        match json {
            Json::Object(fields) => Ok(Fields(fields)),
            other => Err(invalid(other, "an object")),
        }
    }

    /// A field that may be left out; `null` counts as left out.
    fn optional<T>(&self, key: &str, read: fn(&Json) -> Read<T>) -> Read<Option<T>> {
        match self.0.iter().find(|(k, _)| k == key) {
            None | Some((_, Json::Null)) => Ok(None),
            Some((_, json)) => read(json).map(Some).map_err(|m| m.within(key.to_string())),
        }
    }

    fn required<T>(&self, key: &str, read: fn(&Json) -> Read<T>) -> Read<T> {
        self.optional(key, read)?
            .ok_or_else(|| Miss::new(format!("missing field `{key}`")))
    }

    fn text(&self, key: &str) -> Read<String> {
        self.required(key, text)
    }

    fn optional_text(&self, key: &str) -> Read<Option<String>> {
        self.optional(key, text)
    }
}

impl Content for Organisation {
    fn read(json: &Json) -> Read<Self> {
        let f = Fields::of(json)?;
        Ok(Organisation {
            slug: f.text("slug")?,
            name: f.text("name")?,
            short_name: f.text("short_name")?,
            accent: f.text("accent")?,
            description: f.text("description")?,
            enterprise_number: f.optional_text("enterprise_number")?,
            pages: f.required("pages", pages)?,
            changes: f
                .optional("changes", |c| list(c, change))?
                .unwrap_or_default(),
        })
    }
}

fn change(json: &Json) -> Read<Change> {
    let f = Fields::of(json)?;
    Ok(Change {
        date: f.text("date")?,
        note: f.text("note")?,
        pages: f
            .optional("pages", |p| list(p, page_kind))?
            .unwrap_or_default(),
    })
}

fn page_kind(json: &Json) -> Read<PageKind> {
    one_of(json, &PageKind::ALL, PageKind::slug)
}

fn pages(json: &Json) -> Read<Pages> {
    let f = Fields::of(json)?;
    Ok(Pages {
        missie: f.optional("missie", page)?,
        visie: f.optional("visie", page)?,
        ambities: f.optional("ambities", page)?,
        contact: f.optional("contact", page)?,
    })
}

fn page(json: &Json) -> Read<Page> {
    let f = Fields::of(json)?;
    Ok(Page {
        title: f.text("title")?,
        description: f.text("description")?,
        blocks: f.required("blocks", |b| list(b, block))?,
    })
}

/// A block: one flat object whose `type` says which fields it has.
fn block(json: &Json) -> Read<Block> {
    let f = Fields::of(json)?;
    let kind = f.text("type")?;
    Ok(match kind.as_str() {
        "heading" => Block::Heading {
            text: f.text("text")?,
        },
        "paragraph" => Block::Paragraph {
            text: f.text("text")?,
        },
        "list" => Block::List {
            items: f.required("items", texts)?,
        },
        "quote" => Block::Quote {
            text: f.text("text")?,
            source: f.text("source")?,
        },
        "definitions" => Block::Definitions {
            items: f.required("items", |d| list(d, definition))?,
        },
        "theme" => Block::Theme {
            title: f.text("title")?,
            ambitions: f.required("ambitions", texts)?,
        },
        "contact" => Block::Contact(contact(&f)?),
        "link" => Block::Link {
            label: f.text("label")?,
            href: f.text("href")?,
        },
        other => {
            let expected = Block::TYPES.join("`, `");
            return Err(Miss::new(format!(
                "unknown variant `{other}`, expected one of `{expected}`"
            ))
            .within("type".into()));
        }
    })
}

fn definition(json: &Json) -> Read<Definition> {
    let f = Fields::of(json)?;
    Ok(Definition {
        term: f.text("term")?,
        description: f.text("description")?,
    })
}

fn contact(f: &Fields) -> Read<ContactPoint> {
    Ok(ContactPoint {
        name: f.text("name")?,
        address: f.optional("address", address)?,
        phone: f.optional_text("phone")?,
        fax: f.optional_text("fax")?,
        email: f.optional_text("email")?,
        website: f.optional_text("website")?,
        hours: f
            .optional("hours", |h| list(h, opening_period))?
            .unwrap_or_default(),
    })
}

fn address(json: &Json) -> Read<Address> {
    let f = Fields::of(json)?;
    Ok(Address {
        street: f.text("street")?,
        postcode: f.text("postcode")?,
        city: f.text("city")?,
    })
}

fn opening_period(json: &Json) -> Read<OpeningPeriod> {
    let f = Fields::of(json)?;
    Ok(OpeningPeriod {
        day: f.required("day", weekday)?,
        opens: f.text("opens")?,
        closes: f.text("closes")?,
    })
}

fn weekday(json: &Json) -> Read<Weekday> {
    one_of(json, &Weekday::ALL, Weekday::name)
}

/// One of `all`, by its `name` in JSON: what serde calls a unit variant.
fn one_of<T: Copy>(json: &Json, all: &[T], name: fn(T) -> &'static str) -> Read<T> {
    let given = text(json)?;
    all.iter()
        .copied()
        .find(|v| name(*v) == given)
        .ok_or_else(|| {
            let names: Vec<&str> = all.iter().map(|v| name(*v)).collect();
            Miss::new(format!(
                "unknown variant `{given}`, expected one of `{}`",
                names.join("`, `")
            ))
        })
}

impl Content for ContentIndex {
    fn read(json: &Json) -> Read<Self> {
        Ok(ContentIndex {
            organisations: Fields::of(json)?.required("organisations", |l| list(l, entry))?,
        })
    }
}

fn entry(json: &Json) -> Read<IndexEntry> {
    let f = Fields::of(json)?;
    Ok(IndexEntry {
        slug: f.text("slug")?,
        name: f.text("name")?,
    })
}

impl Content for Embedded {
    fn read(json: &Json) -> Read<Self> {
        let f = Fields::of(json)?;
        Ok(Embedded {
            index: f.optional("index", ContentIndex::read)?,
            organisations: f
                .optional("organisations", |l| list(l, Organisation::read))?
                .unwrap_or_default(),
        })
    }
}

#[cfg(test)]
#[path = "read_tests.rs"]
mod tests;
