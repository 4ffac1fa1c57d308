#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
//! Koers' content studio, served at `/redactie/`: an editor writes an organisation's
//! content file in the browser, with forms instead of JSON, the page as residents will
//! see it beside the form, and the same checks as `cargo xtask check-content`.
//!
//! A bundle of its own: the residents' app does not grow by a byte. It uses the
//! residents' content types, validation and components from the `koers` crate.
//!
//! - `draft`, `dutch`, `keep`, `paste` and `coach`: what needs no browser (natively
//!   tested): the organisation being edited and where a block is in it (`At`), opening
//!   and exporting files, the checks' messages in Dutch, which draft a tab keeps and
//!   brings back, a pasted page made into blocks, the plain-language coach (with
//!   `letters`: lower case and capitals without Unicode's tables).
//! - `web`: what it asks of the browser, the only file that calls it (through
//!   `koers::on_web!`).
//! - `state`: the state the screen shares (`Studio`), on `draft`, `keep` and `web`.
//! - `app`, `start`, `form`, `paste_form`, `blocks`, `contact`, `lists`, `fields`,
//!   `coach_panel`, `summary`, `preview`: the screen, on the state.
//!
//! Arrows point down that list only: no file imports one above it.

mod app;
mod blocks;
mod changes;
mod coach;
mod coach_panel;
mod contact;
mod draft;
mod dutch;
mod fields;
mod form;
mod keep;
mod letters;
mod lists;
mod paste;
mod paste_form;
mod preview;
mod start;
mod state;
mod summary;
mod web;

fn main() {
    web::mount(app::App);
}
