//! The logic behind the residents' comforts, as plain functions with no browser code:
//! text size steps, sentences to read aloud, a contact card as a vCard, a map link,
//! opening hours, and search within an organisation's pages.
//!
//! The browser side of these features lives in [`crate::device`]; what residents see
//! and press lives in `components::tools` and `pages::search`.

pub mod hours;
pub mod search;
pub mod sentences;
pub mod textsize;
pub mod vcard;

pub use hours::{opening_status, OpenStatus};
pub use search::{fold_text, search, Hit, Segment};
pub use sentences::sentences;
pub use textsize::TextSize;
pub use vcard::{map_url, vcard, vcard_file_name};

// The types of opening hours are content's; named here too for the code that reads
// them from comforts.
pub use crate::content::{OpeningHours, Weekday};
