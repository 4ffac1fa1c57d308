//! One file per route. Pages are thin: they pick what to show from the content store
//! and hand it to components.

mod embed;
mod home;
mod not_found;
mod org;
mod search;

pub use embed::{snippet, EmbedPage, EMBED_PAGE_SLUG};
pub use home::HomePage;
pub use not_found::{NotFoundContent, NotFoundPage};
pub use org::{OrgPage, OrgRoute};
pub use search::{SearchPage, SearchRoute};
