//! Content: the typed model of an organisation's pages, and its one validation.
//!
//! This crate has no browser code, so the app (`koers`, as `koers::content`), the
//! editors' studio and `xtask` share it. It is the bottom layer: it depends on no other
//! crate of the workspace, so the compiler keeps it from importing the app.
//!
//! - `model`: the types an editor writes, each declared once: its serde attributes
//!   say how it is written in JSON, and from them come serde's reading (the editors'
//!   path), schemars' JSON Schema, and through `#[derive(Content)]` (the crate
//!   `koers-content-derive`, folder `derive/`) the residents' reader and the field
//!   tables; strum makes `BlockKind` from `Block`. `hours`: days, times and opening
//!   periods.
//! - `validate`: the one validation, in two steps: `parse` reads a file and places any
//!   error exactly (with `block_diagnosis` for a block that cannot be read), then
//!   `rules` checks what was read, placing each problem with `json::Locations`.
//!   The exact reading is the editors' diagnosis, for `cargo xtask check-content`,
//!   the tests and pre-rendering, and the editors' studio (the cargo feature
//!   `diagnosis`: serde_json, serde_path_to_error and `block_diagnosis`). The
//!   residents' browser build leaves those out: it parses with `json` (Koers' one JSON
//!   reader, which also places the rules' problems in every build) and reads the model
//!   with `read`. Content reaching the app was checked by the build; the app still
//!   runs every rule, so hostile content is refused and its cause (file, line, field,
//!   message) reaches the console. `residents` is that reading in every build, so
//!   that natively the tests hold it to serde's (`tests/it/reader.rs`) and the
//!   editors' check refuses what it refuses.
//! - `colour` and `links`: the accent colour's contrast, and the link schemes content
//!   may use (the renderer lets through no others).
//! - `enterprise`: the enterprise number (KBO) and its modulo-97 check.
//! - `chars`: the hidden characters (control, direction, invisible) the rules refuse
//!   and a printed problem escapes.
//! - `problem`: what validation reports.

#[cfg(feature = "diagnosis")]
mod block_diagnosis;
mod chars;
mod colour;
mod dates;
mod enterprise;
mod hours;
// Koers' one JSON reader, with places: the residents' reading (with `read`), and the
// places of the rules' problems in every build.
mod json;
mod links;
mod model;
mod parse;
mod problem;
mod read;
mod rules;
mod validate;

pub use chars::escape;
pub use colour::{contrast, parse_colour, MIN_CONTRAST};
pub use dates::{long_date, parse_day, Day};
pub use enterprise::{format_enterprise_number, parse_enterprise_number, EnterpriseNumberError};
pub use hours::{format_time, parse_time, Minutes, OpeningHours, Weekday};
pub use links::{has_scheme, LINK_SCHEMES, WEB_SCHEMES};
pub use model::*;
pub use parse::from_json;
pub use parse::MAX_FILE_BYTES;
pub use problem::{Problem, Problems};
pub use rules::{
    check_set, is_email, is_postcode, list_items, MAX_PAGE_BLOCKS, MAX_PAGE_ITEMS,
    MAX_SHORT_NAME_CHARS, MAX_TEXT_CHARS, RESERVED_SLUGS,
};
pub use validate::{parse_index, parse_organisation, residents};

/// Every file of `public/content` as (path, text), in name order: for the tests that
/// read the real content.
#[cfg(test)]
pub(crate) fn content_files() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../public/content");
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}
