//! The parts of every page that keyboard and screen-reader users rely on: the skip link
//! and the announcement of a new page after client-side navigation.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::browser::focus;
use crate::routes;

/// "Naar de inhoud": the first thing Tab reaches; moves focus into `main`.
#[component]
pub fn SkipLink() -> impl IntoView {
    view! {
        <a
            class="skip-link"
            href=routes::main_fragment()
            on:click=move |ev| {
                // The router would only scroll; the browser's own jump is what moves
                // focus, so do that here.
                ev.prevent_default();
                focus::focus_main(focus::Scroll::ToMain);
            }
        >
            "Naar de inhoud"
        </a>
    }
}

/// A visually hidden live region, outside the routes: after each route change (not the
/// first load) it says the new page's title, while focus goes to the page's `h1`.
#[component]
pub fn RouteAnnouncer() -> impl IntoView {
    let location = use_location();
    let message = RwSignal::new(String::new());
    focus::set_announcer(message);
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|p| p != path) {
            focus::after_route_change(message);
        }
        path
    });
    view! {
        <div class="visually-hidden" aria-live="polite" aria-atomic="true" id="paginawissel">
            {move || message.get()}
        </div>
    }
}
