//! A part of the page that the app's takeover makes live in a later step
//! ([`crate::browser::boot`]): until then it shows its pre-rendered markup, as it is,
//! so the first render runs (and the browser compiles) only the shell and the page.

use leptos::prelude::*;
use leptos::tachys::html::InertElement;

use crate::browser::boot;

/// Renders `children` at once, except during the takeover of a pre-rendered page:
/// then it shows a copy of the pre-rendered element that `region` (a CSS selector of
/// the element `children` render) matches, and renders `children` in its place in a
/// later task. Natively and after the takeover it is just `children`.
#[component]
pub fn Later(#[prop(into)] region: String, children: ChildrenFn) -> impl IntoView {
    let Some(markup) = boot::prerendered(&region) else {
        return children().into_any();
    };
    let live = RwSignal::new(false);
    boot::after_takeover(move || {
        // Gone already when the resident left the page during the takeover.
        live.try_set(true);
    });
    (move || {
        if live.get() {
            untrack(|| children())
        } else {
            InertElement::new(markup.clone()).into_any()
        }
    })
    .into_any()
}
