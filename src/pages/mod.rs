//! One file per route. Pages are thin: they pick what to show from the content store
//! and hand it to components.

mod home;
mod not_found;
mod org;
mod statement;

pub use home::HomePage;
pub use not_found::{NotFoundContent, NotFoundPage};
pub use org::{OrgPage, OrgRoute};
pub use statement::{
    OrgStatement, OrgStatementRoute, SiteStatementPage, STATEMENT_DATE, STATEMENT_DATE_ISO,
    STATEMENT_TITLE,
};
