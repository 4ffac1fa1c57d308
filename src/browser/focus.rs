//! Keyboard and screen-reader care when the page changes without a page load, the
//! GOV.UK way: after each route change the view goes back to the top, focus moves to
//! the new page's `h1` (it has `tabindex="-1"`) and its title is announced through a
//! polite live region. Also the one way to put focus on the main content (the skip
//! link, "Naar boven").

use leptos::prelude::*;

/// How long to wait for the new page's heading. Content may still be loading when the
/// route changes; it arrives, or fails with a message that has its own `h1`, within
/// the fetch timeout ([`super::fetch::TIMEOUT_MS`]).
pub const HEADING_WAIT_MS: u32 = super::fetch::TIMEOUT_MS + 5_000;

/// After a client-side route change: once the new page's `h1` is in the document,
/// scroll to the top, focus that heading and hand the document title to `announce`
/// (the live region's text). A newer route change supersedes an older one.
pub fn after_route_change(announce: RwSignal<String>) {
    on_web!((), web::after_route_change(announce))
}

/// After "Opnieuw proberen": the button is gone with the message, so focus would fall
/// to the top of the document. Like a route change, focus moves to the page's `h1`
/// once the content (or a new failure) is there, and its title is announced in the
/// live region registered with [`set_announcer`].
pub fn after_retry() {
    on_web!((), web::after_retry())
}

/// Puts `text` in the live region `region`, emptied first, so that the same words
/// twice (a second press of "Grotere tekst" at the largest size, "Link gekopieerd"
/// again) are announced twice: a region whose text does not change says nothing.
pub fn say(region: RwSignal<String>, text: String) {
    on_web!(region.set(text), web::say(region, text))
}

/// Registers the live region that announces page changes (the `RouteAnnouncer`).
pub fn set_announcer(announce: RwSignal<String>) {
    on_web!((), web::set_announcer(announce))
}

/// Where the view goes when focus moves to the main content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scroll {
    /// To the main content (the skip link).
    ToMain,
    /// To the top of the page ("Naar boven").
    ToTop,
}

/// Moves keyboard focus to the page's `main` (it has `tabindex="-1"`), so the next Tab
/// continues from the start of the content, and scrolls as asked.
pub fn focus_main(scroll: Scroll) {
    on_web!((), web::focus_main(scroll))
}

#[cfg(target_arch = "wasm32")]
mod web {
    use std::cell::Cell;
    use std::time::Duration;

    use leptos::prelude::*;
    use wasm_bindgen::JsCast;

    use super::{Scroll, HEADING_WAIT_MS};
    use crate::routes::MAIN_ID;

    /// Polling interval while waiting for the new page's heading.
    const POLL_MS: u32 = 100;

    thread_local! {
        /// Counts route changes, so a wait for an older page gives up.
        static ROUTE_CHANGES: Cell<u32> = const { Cell::new(0) };
        /// The live region that announces page changes.
        static ANNOUNCER: Cell<Option<RwSignal<String>>> = const { Cell::new(None) };
    }

    pub fn set_announcer(announce: RwSignal<String>) {
        ANNOUNCER.with(|a| a.set(Some(announce)));
    }

    fn later(ms: u32, f: impl FnOnce() + 'static) {
        set_timeout(f, Duration::from_millis(ms.into()));
    }

    pub fn say(region: RwSignal<String>, text: String) {
        region.set(String::new());
        later(POLL_MS, move || {
            region.try_set(text);
        });
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

    /// Focus without the browser's own scrolling: the caller decides where the view goes.
    fn focus_quietly(element: &web_sys::HtmlElement) {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = element.focus_with_options(&options);
    }

    /// Waits for the page's `h1` (one other than `stale`, or `stale` itself once the
    /// page shows neither the failure nor the loading message: the start page's
    /// heading stays while only its list fails and comes), then focuses and announces
    /// it.
    fn look_for_heading(
        change: u32,
        announce: RwSignal<String>,
        waited_ms: u32,
        stale: Option<web_sys::HtmlElement>,
    ) {
        if ROUTE_CHANGES.with(|c| c.get()) != change {
            return;
        }
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let settled = || matches!(document.query_selector("main .status"), Ok(None));
        let heading = main_heading().filter(|h| stale.as_ref() != Some(h) || settled());
        match heading {
            Some(heading) => {
                if let Some(window) = web_sys::window() {
                    window.scroll_to_with_x_and_y(0.0, 0.0);
                }
                focus_quietly(&heading);
                let title = document.title();
                let title = if title.trim().is_empty() {
                    heading.text_content().unwrap_or_default()
                } else {
                    title
                };
                say(announce, title);
            }
            None if waited_ms < HEADING_WAIT_MS => {
                later(POLL_MS, move || {
                    look_for_heading(change, announce, waited_ms + POLL_MS, stale)
                });
            }
            None => {}
        }
    }

    pub fn focus_main(scroll: Scroll) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let main = window
            .document()
            .and_then(|d| d.get_element_by_id(MAIN_ID))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        let Some(main) = main else {
            return;
        };
        focus_quietly(&main);
        match scroll {
            Scroll::ToMain => main.scroll_into_view(),
            Scroll::ToTop => window.scroll_to_with_x_and_y(0.0, 0.0),
        }
    }
}
