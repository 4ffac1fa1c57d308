//! Building blocks of every page: the layout around it, the renderers of content
//! blocks, and the loading and failure states.

mod a11y;
mod blocks;
mod contact_actions;
mod install;
mod later;
mod layout;
mod status;
mod toolbar;

pub use a11y::{RouteAnnouncer, SkipLink};
pub use blocks::{BlockView, ContactCard};
pub use contact_actions::{ContactActions, CurrentOrganisation};
pub use install::{InstallOffer, UpdateNotice};
pub use later::Later;
pub use layout::{OrgLayout, PageLinks, SiteLayout};
pub use status::{Failed, Loading};
pub use toolbar::{BackToTop, Toolbar};

/// The path the app is served under ("" at the root, "/koers" under a sub-path),
/// provided as context so every link stays inside it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Base(pub String);

impl Base {
    /// An absolute path inside the app: `href("/herentals/missie")`.
    pub fn href(&self, path: &str) -> String {
        let joined = format!("{}{}", self.0, path);
        if joined.is_empty() {
            "/".into()
        } else {
            joined
        }
    }
}

/// The base from context (the root when none is provided).
pub fn use_base() -> Base {
    leptos::prelude::use_context::<Base>().unwrap_or_default()
}
