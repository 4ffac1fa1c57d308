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
//! - `diff`: what changed between two versions, in words (no browser, natively tested).
//! - `server` and `passkey`: the Koers server's API (answers read natively, requests
//!   through the browser) and passkeys in the browser (WebAuthn).
//! - `state`: the state the screen shares (`Studio`), on `draft`, `keep` and `web`;
//!   `account`: whether the studio runs on a Koers server, and the editor's session.
//! - `app`, `start`, `form`, `paste_form`, `blocks`, `contact`, `lists`, `fields`,
//!   `coach_panel`, `summary`, `preview`: the screen, on the state; on a server also
//!   `signin`, `publish_panel`, `history`, `proposals` and `diff_view`.
//!
//! Arrows point down that list only: no file imports one above it.

mod account;
mod app;
mod blocks;
mod changes;
mod coach;
mod coach_panel;
mod contact;
mod diff;
mod diff_view;
mod draft;
mod dutch;
mod fields;
mod form;
mod history;
mod keep;
mod letters;
mod lists;
mod passkey;
mod paste;
mod paste_form;
mod preview;
mod proposals;
mod publish_panel;
mod server;
mod signin;
mod start;
mod state;
mod summary;
mod web;

fn main() {
    web::mount(app::App);
}
