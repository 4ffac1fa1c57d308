//! One file per route. Pages are thin: they pick what to show from the content store
//! and hand it to components.

mod changes;
mod embed_snippet;
mod home;
mod not_found;
mod org;
mod privacy;
mod search;
mod shared;
mod statement;

pub use changes::{ChangesPage, ChangesRoute, LastChanged};
pub use embed_snippet::{
    frame, snippet, snippet_around, EmbedSnippetPage, EmbedSnippetRoute, FRAME_HEIGHT,
};
pub use home::HomePage;
pub use not_found::{NotFoundContent, NotFoundPage};
pub use org::{OrgPage, OrgRoute};
pub use privacy::{Privacy, PrivacyRoute};
pub use search::{SearchPage, SearchRoute};
pub use statement::{
    OrgStatement, OrgStatementRoute, SiteStatementPage, STATEMENT_DATE, STATEMENT_DATE_ISO,
    STATEMENT_TITLE,
};
