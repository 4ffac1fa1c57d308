//! Koers: a local government's mission, vision, ambitions and contact, as a Leptos app.
//!
//! - [`content`]: the typed content model and its validation (no browser code).
//! - [`load`]: fetching and keeping content; the only place that talks to the network.
//! - [`pages`] and [`components`]: what residents see, rendered from content.
//! - [`comforts`]: the logic of the residents' comforts (text size, read aloud, vCard,
//!   search, opening hours), natively tested; [`device`]: their browser side.
//! - [`platform`], [`pwa`], [`embed`], [`focus`]: browser-only concerns (embed mode's
//!   options are plain data, read natively too).

pub mod app;
pub mod comforts;
pub mod components;
pub mod content;
pub mod device;
pub mod embed;
pub mod focus;
pub mod load;
pub mod pages;
pub mod platform;
#[cfg(feature = "ssr")]
pub mod prerender;
pub mod pwa;
pub mod routes;

pub use app::App;
