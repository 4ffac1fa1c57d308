//! The one validation of content, used by the app when it loads a file and by
//! `cargo xtask check-content` and the tests over every file.
//!
//! It reports every problem it can find, each with the file, line, column and field
//! path, in words an editor can act on. Parse errors stop at the first one (the rest
//! of a broken file cannot be read reliably); rule checks report all.
//!
//! A file is read with positions ([`super::parse`]), then checked against the rules
//! ([`super::rules`]).

use super::locate::Locations;
use super::model::{ContentIndex, Organisation};
use super::parse::{parse, Content};
use super::problem::Problems;
use super::rules::{check_index, check_organisation};

/// Parses and checks `content/<slug>.json`. `file` is the name used in messages; its
/// stem must equal the organisation's slug.
pub fn parse_organisation(file: &str, bytes: &[u8]) -> Result<Organisation, Problems> {
    read_and_check(file, bytes, check_organisation)
}

/// Parses and checks `content/index.json` on its own (its agreement with the
/// organisation files is [`check_set`](super::check_set)'s job).
pub fn parse_index(file: &str, bytes: &[u8]) -> Result<ContentIndex, Problems> {
    read_and_check(file, bytes, check_index)
}

/// Reads a file; once it reads, checks it against `rules`, which find each problem's
/// place in the text.
fn read_and_check<T: Content>(
    file: &str,
    bytes: &[u8],
    rules: fn(&str, &T, &Locations) -> Problems,
) -> Result<T, Problems> {
    let (value, text) = parse::<T>(file, bytes)?;
    let problems = rules(file, &value, &Locations::scan(text));
    if problems.is_empty() {
        Ok(value)
    } else {
        Err(problems)
    }
}
