//! The logic behind the residents' tools, as plain functions with no browser code:
//! text size steps, sentences to read aloud, a contact card as a vCard, a map link,
//! whether an office is open now, and search within an organisation's pages.
//!
//! The browser side of these features lives in [`crate::browser`]; what residents see
//! and press lives in `components::toolbar`, `components::blocks` and `pages::search`.

pub mod directory;
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
