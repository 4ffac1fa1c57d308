//! The browser's reading of content into the model, from a parsed [`Json`] value.
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
    /// An object with only the fields `known`, each at most once.
    fn of(json: &'a Json, known: &[&str]) -> Read<Fields<'a>> {
        let fields = Fields::open(json)?;
        fields.only(known, false)?;
        Ok(fields)
    }

    /// An object, its fields not yet checked.
    fn open(json: &'a Json) -> Read<Fields<'a>> {
        match json {
            Json::Object(fields) => Ok(Fields(fields)),
            other => Err(invalid(other, "an object")),
        }
    }

    /// Refuses a field written twice, and one not in `known` unless `others` may be
    /// (then it is ignored), as serde does.
    fn only(&self, known: &[&str], others: bool) -> Read<()> {
        for (i, (key, _)) in self.0.iter().enumerate() {
            if !known.contains(&key.as_str()) {
                if others {
                    continue;
                }
                return Err(Miss::new(format!("unknown field `{key}`")));
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

    fn read<T>(key: &str, json: &Json, read: fn(&Json) -> Read<T>) -> Read<T> {
        read(json).map_err(|m| m.within(key.to_string()))
    }

    /// An `Option` field: left out or `null`, it is `None`.
    fn optional<T>(&self, key: &str, read: fn(&Json) -> Read<T>) -> Read<Option<T>> {
        match self.get(key) {
            None | Some(Json::Null) => Ok(None),
            Some(json) => Fields::read(key, json, read).map(Some),
        }
    }

    /// A field with a default: left out, it is the default; `null` is refused.
    fn defaulted<T: Default>(&self, key: &str, read: fn(&Json) -> Read<T>) -> Read<T> {
        self.get(key)
            .map_or_else(|| Ok(T::default()), |json| Fields::read(key, json, read))
    }

    /// A field that must be there; `null` is refused.
    fn required<T>(&self, key: &str, read: fn(&Json) -> Read<T>) -> Read<T> {
        let json = self
            .get(key)
            .ok_or_else(|| Miss::new(format!("missing field `{key}`")))?;
        Fields::read(key, json, read)
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
        let f = Fields::of(
            json,
            &[
                "slug",
                "name",
                "short_name",
                "accent",
                "description",
                "enterprise_number",
                "pages",
                "changes",
            ],
        )?;
        Ok(Organisation {
            slug: f.text("slug")?,
            name: f.text("name")?,
            short_name: f.text("short_name")?,
            accent: f.text("accent")?,
            description: f.text("description")?,
            enterprise_number: f.optional_text("enterprise_number")?,
            pages: f.required("pages", pages)?,
            changes: f.defaulted("changes", |c| list(c, change))?,
        })
    }
}

fn change(json: &Json) -> Read<Change> {
    let f = Fields::of(json, &["date", "note", "pages"])?;
    Ok(Change {
        date: f.text("date")?,
        note: f.text("note")?,
        pages: f.defaulted("pages", |p| list(p, page_kind))?,
    })
}

fn page_kind(json: &Json) -> Read<PageKind> {
    one_of(json, &PageKind::ALL, PageKind::slug)
}

fn pages(json: &Json) -> Read<Pages> {
    let f = Fields::of(json, &["missie", "visie", "ambities", "contact"])?;
    Ok(Pages {
        missie: f.optional("missie", page)?,
        visie: f.optional("visie", page)?,
        ambities: f.optional("ambities", page)?,
        contact: f.optional("contact", page)?,
    })
}

fn page(json: &Json) -> Read<Page> {
    let f = Fields::of(json, &["title", "description", "blocks"])?;
    Ok(Page {
        title: f.text("title")?,
        description: f.text("description")?,
        blocks: f.required("blocks", |b| list(b, block))?,
    })
}

/// A block: one flat object whose `type` says which fields it has.
fn block(json: &Json) -> Read<Block> {
    let f = Fields::open(json)?;
    let kind = f.text("type")?;
    let block = match kind.as_str() {
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
    };
    // The fields of each type, `type` first.
    let known: &[&str] = match &block {
        Block::Heading { .. } | Block::Paragraph { .. } => &["type", "text"],
        Block::List { .. } | Block::Definitions { .. } => &["type", "items"],
        Block::Quote { .. } => &["type", "text", "source"],
        Block::Theme { .. } => &["type", "title", "ambitions"],
        Block::Contact(_) => &[
            "type", "name", "address", "phone", "fax", "email", "website", "hours",
        ],
        Block::Link { .. } => &["type", "label", "href"],
    };
    f.only(known, false)?;
    Ok(block)
}

fn definition(json: &Json) -> Read<Definition> {
    let f = Fields::of(json, &["term", "description"])?;
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
        hours: f.defaulted("hours", |h| list(h, opening_period))?,
    })
}

fn address(json: &Json) -> Read<Address> {
    let f = Fields::of(json, &["street", "postcode", "city"])?;
    Ok(Address {
        street: f.text("street")?,
        postcode: f.text("postcode")?,
        city: f.text("city")?,
    })
}

fn opening_period(json: &Json) -> Read<OpeningPeriod> {
    let f = Fields::of(json, &["day", "opens", "closes"])?;
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
            organisations: Fields::of(json, &["organisations"])?
                .required("organisations", |l| list(l, entry))?,
        })
    }
}

fn entry(json: &Json) -> Read<IndexEntry> {
    let f = Fields::of(json, &["slug", "name"])?;
    Ok(IndexEntry {
        slug: f.text("slug")?,
        name: f.text("name")?,
    })
}

impl Content for Embedded {
    fn read(json: &Json) -> Read<Self> {
        // Serde ignores a field `Embedded` does not have (it has no
        // `deny_unknown_fields`: the build writes it).
        let f = Fields::open(json)?;
        f.only(&["index", "organisations"], true)?;
        Ok(Embedded {
            index: f.optional("index", ContentIndex::read)?,
            organisations: f.defaulted("organisations", |l| list(l, Organisation::read))?,
        })
    }
}

#[cfg(test)]
#[path = "read_tests.rs"]
mod tests;
