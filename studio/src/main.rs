#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
//! Koers' content studio, served at `/redactie/`: an editor writes an organisation's
//! content file in the browser, with forms instead of JSON, the page as residents will
//! see it beside the form, and the same checks as `cargo xtask check-content`.
//!
//! A bundle of its own: the residents' app does not grow by a byte. It uses the
//! residents' content types, validation and components from the `koers` crate.
//!
//! - `draft`, `dutch` and `keep`: what needs no browser (natively tested): the
//!   organisation being edited, opening and exporting files, the checks' messages in
//!   Dutch, which draft a tab keeps and brings back.
//! - `app`, `start`, `form`, `blocks`, `contact`, `lists`, `fields`, `summary`,
//!   `preview`: the screen. `web`: what it asks of the browser.

mod app;
mod blocks;
mod changes;
mod contact;
mod draft;
mod dutch;
mod fields;
mod form;
mod keep;
mod lists;
mod preview;
mod start;
mod summary;
mod web;

fn main() {
    #[cfg(target_arch = "wasm32")]
    {
        console_error_panic_hook::set_once();
        let root = leptos::prelude::document()
            .get_element_by_id("redactie")
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
        if let Some(root) = root {
            root.set_inner_html("");
            leptos::mount::mount_to(root, app::App).forget();
        }
    }
}
