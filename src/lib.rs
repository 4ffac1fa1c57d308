//! Koers: a local government's mission, vision, ambitions and contact, as a Leptos app.
//!
//! The modules, from the bottom up (each uses only those above it in this list):
//!
//! - [`content`]: the typed content model and its validation (no browser code): the
//!   crate `koers-content` (`content/`), so that it imports nothing of the app.
//! - [`routes`]: every route of the app, the links to them, and the paths a build
//!   pre-renders.
//! - [`tools`]: the logic of the residents' tools (text size, read aloud, vCard,
//!   search, opening hours) as plain functions, natively tested.
//! - [`browser`]: everything that talks to the browser; natively it does nothing.
//! - [`load`]: fetching and keeping content; the only place that asks for it.
//! - [`components`] and [`pages`]: what residents see, rendered from content.
//! - [`app`]: the router and the start in the browser; [`prerender`] (feature `ssr`):
//!   a route rendered natively.
//!
//! See `ARCHITECTURE.md` for the map and where each kind of change goes.

pub mod app;
pub mod browser;
pub mod components;
pub use koers_content as content;
pub mod load;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod prerender;
pub mod routes;
pub mod tools;

pub use app::App;
