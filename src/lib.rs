//! Koers: a local government's mission, vision, ambitions and contact, as a Leptos app.
//!
//! - [`content`]: the typed content model and its validation (no browser code).
//! - [`load`]: fetching and keeping content; the only place that talks to the network.
//! - [`pages`] and [`components`]: what residents see, rendered from content.
//! - [`platform`], [`pwa`], [`focus`]: browser-only concerns.

pub mod app;
pub mod components;
pub mod content;
pub mod focus;
pub mod load;
pub mod pages;
pub mod platform;
pub mod pwa;

pub use app::App;
