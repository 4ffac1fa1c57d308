//! Keyboard and screen-reader care when the page changes without a page load, the
//! GOV.UK way: after each route change the view goes back to the top, focus moves to
//! the new page's `h1` (it has `tabindex="-1"`) and its title is announced through a
//! polite live region. Also the skip link's jump to the main content.
//!
//! Browser-only: the calls to the DOM live here under `cfg(target_arch = "wasm32")`;
//! natively every function does nothing, so components that use them render and test
//! the same everywhere.

use leptos::prelude::*;

/// How long to wait for the new page's heading. Content may still be loading when the
/// route changes; it arrives, or fails with a message that has its own `h1`, within
/// the fetch timeout ([`crate::load::FETCH_TIMEOUT_MS`]).
pub const HEADING_WAIT_MS: i32 = crate::load::FETCH_TIMEOUT_MS + 5_000;

/// After a client-side route change: once the new page's `h1` is in the document,
/// scroll to the top, focus that heading and hand the document title to `announce`
/// (the live region's text). A newer route change supersedes an older one.
pub fn after_route_change(announce: RwSignal<String>) {
    #[cfg(target_arch = "wasm32")]
    browser::after_route_change(announce);
    #[cfg(not(target_arch = "wasm32"))]
    let _ = announce;
}

/// After "Opnieuw proberen": the button is gone with the message, so focus would fall
/// to the top of the document. Like a route change, focus moves to the page's `h1`
/// once the content (or a new failure) is there, and its title is announced in the
/// live region registered with [`set_announcer`].
pub fn after_retry() {
    #[cfg(target_arch = "wasm32")]
    browser::after_retry();
}

/// Registers the live region that announces page changes (the `RouteAnnouncer`).
pub fn set_announcer(announce: RwSignal<String>) {
    #[cfg(target_arch = "wasm32")]
    browser::ANNOUNCER.with(|a| a.set(Some(announce)));
    #[cfg(not(target_arch = "wasm32"))]
    let _ = announce;
}

/// Moves focus to the element with this id (the skip link's target, `main`, which has
/// `tabindex="-1"`), scrolling it into view.
pub fn focus_id(id: &str) {
    #[cfg(target_arch = "wasm32")]
    browser::focus_id(id);
    #[cfg(not(target_arch = "wasm32"))]
    let _ = id;
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::cell::Cell;

    use leptos::prelude::*;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    /// Polling interval while waiting for the new page's heading.
    const POLL_MS: i32 = 100;

    thread_local! {
        /// Counts route changes, so a wait for an older page gives up.
        static ROUTE_CHANGES: Cell<u32> = const { Cell::new(0) };
        /// The live region that announces page changes.
        pub static ANNOUNCER: Cell<Option<RwSignal<String>>> = const { Cell::new(None) };
    }

    pub fn after_retry() {
        let Some(announce) = ANNOUNCER.with(|a| a.get()) else {
            return;
        };
        // The failure's own heading stays until the answer comes: wait for another.
        let stale = main_heading();
        let change = next_change();
        later(0, move || look_for_heading(change, announce, 0, stale));
    }

    fn next_change() -> u32 {
        ROUTE_CHANGES.with(|c| {
            c.set(c.get().wrapping_add(1));
            c.get()
        })
    }

    fn main_heading() -> Option<web_sys::HtmlElement> {
        web_sys::window()
            .and_then(|w| w.document())?
            .query_selector("main h1")
            .ok()
            .flatten()
            .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok())
    }

    pub fn after_route_change(announce: RwSignal<String>) {
        let change = next_change();
        // A timeout of 0 runs after every pending microtask: by then the router has
        // rendered the new route (or its loading state) and set the title.
        later(0, move || look_for_heading(change, announce, 0, None));
    }

    /// Waits for the page's `h1` (one other than `stale`), then focuses and announces it.
    fn look_for_heading(
        change: u32,
        announce: RwSignal<String>,
        waited_ms: i32,
        stale: Option<web_sys::HtmlElement>,
    ) {
        if ROUTE_CHANGES.with(|c| c.get()) != change {
            return;
        }
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let heading = main_heading().filter(|h| stale.as_ref() != Some(h));
        match heading {
            Some(heading) => {
                if let Some(window) = web_sys::window() {
                    window.scroll_to_with_x_and_y(0.0, 0.0);
                }
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = heading.focus_with_options(&options);
                let title = document.title();
                let title = if title.trim().is_empty() {
                    heading.text_content().unwrap_or_default()
                } else {
                    title
                };
                // Emptied first, so that the same title twice is announced twice.
                announce.set(String::new());
                later(POLL_MS, move || announce.set(title));
            }
            None if waited_ms < super::HEADING_WAIT_MS => {
                later(POLL_MS, move || {
                    look_for_heading(change, announce, waited_ms + POLL_MS, stale)
                });
            }
            None => {}
        }
    }

    pub fn focus_id(id: &str) {
        let target = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(target) = target {
            let _ = target.focus();
            target.scroll_into_view();
        }
    }

    fn later(ms: i32, f: impl FnOnce() + 'static) {
        let callback = Closure::once_into_js(f);
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                callback.unchecked_ref(),
                ms,
            );
        }
    }
}
