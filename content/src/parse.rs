//! Reading a content file into the model, and on failure the place of the error.
//!
//! With the feature `diagnosis` (`cargo xtask check-content`, the tests,
//! pre-rendering, the editors' studio) serde reads it and the place is exact (`mod
//! exact`): line and column as an editor counts them, and the field's path. In the
//! residents' browser build the content was already checked by the build, so the app
//! reads it with its own small parser and readers (`json.rs`, `read.rs`; `mod web`),
//! and an error keeps its message and field but no place: the exact diagnosis and
//! serde's deserialisers stay out of the residents' wasm. `mod web` is compiled in
//! every build, so that natively the tests can hold it to serde's reading
//! ([`super::residents`]). Reading stops at the first error: the rest of a broken file
//! cannot be read reliably.

use super::json::position;
use super::problem::{Problem, Problems};

#[cfg(feature = "diagnosis")]
pub(super) use exact::deserialize;
#[cfg(feature = "diagnosis")]
pub use exact::from_json;
#[cfg(not(feature = "diagnosis"))]
pub(super) use web::deserialize;
#[cfg(not(feature = "diagnosis"))]
pub use web::from_json;

/// Larger files are refused before parsing: content is a few kilobytes of text.
pub const MAX_FILE_BYTES: usize = 256 * 1024;

/// How a text is read into `T`: [`deserialize`] (the build's way) or `web::deserialize`
/// (the residents').
pub(super) type Deserialize<T> = fn(&str, &str) -> Result<T, Problems>;

/// Decodes and deserialises with `deserialize`; on failure, the problem at its place.
pub(super) fn parse<'a, T>(
    file: &str,
    bytes: &'a [u8],
    deserialize: Deserialize<T>,
) -> Result<(T, &'a str), Problems> {
    let one = |line, column, path: String, message: String| {
        vec![Problem::new(file, path, message).at(line, column)]
    };
    if bytes.len() > MAX_FILE_BYTES {
        return Err(one(
            1,
            1,
            String::new(),
            format!(
                "the file has {} bytes; content files may have at most {MAX_FILE_BYTES}",
                bytes.len()
            ),
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            let last_line = good.rsplit(|b| *b == b'\n').next().unwrap_or(good);
            let column = String::from_utf8_lossy(last_line).chars().count() + 1;
            return Err(one(
                line,
                column,
                String::new(),
                "the file is not valid UTF-8 text: save it as UTF-8".into(),
            ));
        }
    };
    // A byte order mark (Notepad writes one) is allowed and skipped.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Serde would also read a struct written as a list: refuse that up front.
    if let Some((i, c)) = text.char_indices().find(|(_, c)| !c.is_whitespace()) {
        if c != '{' {
            let (line, column) = position(text, i);
            return Err(one(
                line,
                column,
                String::new(),
                "the file must hold one JSON object, starting with `{`".into(),
            ));
        }
    }
    deserialize(file, text).map(|value| (value, text))
}

/// The editors' diagnosis: serde_json reads the text, `serde_path_to_error` names the
/// field an error is in, and a block that cannot be read is diagnosed field by field
/// (`block_diagnosis`).
#[cfg(feature = "diagnosis")]
mod exact {
    use serde::de::DeserializeOwned;

    use super::super::block_diagnosis;
    use super::{Problem, Problems};

    /// Reads the text, naming the field of an error and diagnosing a block that cannot be
    /// read field by field.
    pub fn deserialize<T: DeserializeOwned>(file: &str, text: &str) -> Result<T, Problems> {
        let mut de = serde_json::Deserializer::from_str(text);
        let result = serde_path_to_error::deserialize::<_, T>(&mut de)
            .map_err(|e| (clean_path(&e.path().to_string()), e.into_inner()))
            .and_then(|v| de.end().map(|()| v).map_err(|e| (String::new(), e)));
        result.map_err(|(path, inner)| {
            if inner.classify() == serde_json::error::Category::Data {
                // Blocks are read through a tagged enum, which loses the place of an
                // error inside a block: diagnose those from the text instead.
                if let Some(problems) = block_diagnosis::diagnose(file, text, &path) {
                    return problems;
                }
            }
            vec![problem(file, text, path, &inner)]
        })
    }

    /// Reads JSON text into `T`, or says why not (content embedded in a page).
    pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    /// The problem serde_json reports, in an editor's words and at an editor's place.
    fn problem(file: &str, text: &str, path: String, inner: &serde_json::Error) -> Problem {
        let raw = inner.to_string();
        let detail = raw
            .rsplit_once(" at line ")
            .map(|(msg, _)| msg.to_string())
            .unwrap_or(raw);
        let message = match inner.classify() {
            serde_json::error::Category::Eof => {
                format!("the file ends too early (is it cut off?): {detail}")
            }
            serde_json::error::Category::Syntax => format!("invalid JSON: {detail}"),
            _ => detail,
        };
        let line = inner.line().max(1);
        let column = char_column(text, line, inner.column());
        Problem::new(file, path, message).at(line, column)
    }

    /// serde_json counts columns in bytes; editors count characters.
    fn char_column(text: &str, line: usize, byte_column: usize) -> usize {
        let Some(content) = text.split('\n').nth(line - 1) else {
            return byte_column.max(1);
        };
        let bytes = content.as_bytes();
        let upto = byte_column.saturating_sub(1).min(bytes.len());
        String::from_utf8_lossy(&bytes[..upto]).chars().count() + 1
    }

    /// serde_path_to_error writes the root as "." and may start with "."; we write "".
    /// It writes "?" for a place it could not name (a syntax error where a key was due):
    /// that segment is dropped.
    fn clean_path(path: &str) -> String {
        path.split('.')
            .filter(|segment| !segment.is_empty() && *segment != "?")
            .collect::<Vec<_>>()
            .join(".")
    }
}

/// The browser's reading: its own parser and readers, which cost the wasm far less
/// than serde's (BENCHMARKS.md, issue 13's levers).
/// Natively, [`super::residents`] reads with it.
pub(super) mod web {
    use super::super::json;
    use super::super::read::Content;
    use super::{Problem, Problems};

    /// Reads the text; an error keeps its message, without a place (line 0).
    pub fn deserialize<T: Content>(file: &str, text: &str) -> Result<T, Problems> {
        from_json(text).map_err(|message| vec![Problem::new(file, "", message).at(0, 0)])
    }

    /// Reads JSON text into `T`, or says why not.
    pub fn from_json<T: Content>(text: &str) -> Result<T, String> {
        T::read(&json::parse(text)?).map_err(|miss| miss.to_string())
    }
}
