//! The one validation of content, used by the app when it loads a file and by
//! `cargo xtask check-content` and the tests over every file.
//!
//! It reports every problem it can find, each with the file, line, column and field
//! path, in words an editor can act on. Parse errors stop at the first one (the rest
//! of a broken file cannot be read reliably); rule checks report all.
//!
//! A file is read with positions ([`super::parse`]), then checked against the rules
//! ([`super::rules`]).

use super::json::Locations;
use super::model::{ContentIndex, Organisation};
use super::parse::{deserialize, parse, Deserialize};
use super::problem::Problems;
use super::rules::{check_index, check_organisation};

/// Parses and checks `content/<slug>.json`. `file` is the name used in messages; its
/// stem must equal the organisation's slug.
pub fn parse_organisation(file: &str, bytes: &[u8]) -> Result<Organisation, Problems> {
    read_and_check(file, bytes, deserialize, check_organisation)
}

/// Parses and checks `content/index.json` on its own (its agreement with the
/// organisation files is [`check_set`](super::check_set)'s job).
pub fn parse_index(file: &str, bytes: &[u8]) -> Result<ContentIndex, Problems> {
    read_and_check(file, bytes, deserialize, check_index)
}

/// The residents' reading of content, in every build: what the residents' browser
/// build runs as [`parse_organisation`], [`parse_index`] and [`from_json`](super::from_json)
/// (its own parser and readers, `json.rs` and `read.rs`). Natively the crate reads with
/// serde instead; these let the tests read the same texts both ways
/// (`tests/it/reader.rs`, `tests/it/broken_content.rs`). Its problems have no place
/// (line 0) where the reading fails; the rules' problems are placed as the build places
/// them.
pub mod residents {
    use super::super::model::{ContentIndex, Organisation};
    use super::super::parse::web;
    use super::super::problem::Problems;
    use super::super::rules::{check_index, check_organisation};
    use super::read_and_check;

    /// What the residents' reader reads: `Organisation`, `ContentIndex`, `Embedded`.
    pub use super::super::read::Content;
    pub use web::from_json;

    /// [`super::parse_organisation`] as the residents' browser reads it.
    pub fn parse_organisation(file: &str, bytes: &[u8]) -> Result<Organisation, Problems> {
        read_and_check(file, bytes, web::deserialize, check_organisation)
    }

    /// [`super::parse_index`] as the residents' browser reads it.
    pub fn parse_index(file: &str, bytes: &[u8]) -> Result<ContentIndex, Problems> {
        read_and_check(file, bytes, web::deserialize, check_index)
    }
}

/// Reads a file with `deserialize`; once it reads, checks it against `rules`, which
/// find each problem's place in the text.
fn read_and_check<T>(
    file: &str,
    bytes: &[u8],
    deserialize: Deserialize<T>,
    rules: fn(&str, &T, &Locations) -> Problems,
) -> Result<T, Problems> {
    let (value, text) = parse(file, bytes, deserialize)?;
    let problems = rules(file, &value, &Locations::scan(text));
    if problems.is_empty() {
        Ok(value)
    } else {
        Err(problems)
    }
}
