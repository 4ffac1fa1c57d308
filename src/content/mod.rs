//! Content: the typed model of an organisation's pages, and its one validation.
//!
//! This module has no browser code, so the app, the native tests and `xtask` share it.

mod block_diagnosis;
mod hours;
mod links;
mod locate;
mod model;
mod problem;
mod validate;

pub use hours::{format_time, parse_time, Minutes, OpeningHours, Weekday};
pub use links::{has_scheme, LINK_SCHEMES, WEB_SCHEMES};
pub use model::*;
pub use problem::{Problem, Problems};
pub use validate::{
    check_set, contrast, parse_colour, parse_index, parse_organisation, MAX_FILE_BYTES,
    MAX_SHORT_NAME_CHARS, MAX_TEXT_CHARS, MIN_CONTRAST, RESERVED_SLUGS,
};
