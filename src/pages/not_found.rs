//! Any path the app does not know: a plain message with ways back, never a blank page.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{use_base, SiteLayout};
use crate::load::ContentStore;
use crate::routes;

/// The not-found page on its own (unknown top-level paths).
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <Title text="Pagina niet gevonden — Koers"/>
        <SiteLayout>
            <NotFoundContent/>
        </SiteLayout>
    }
}

/// The message and links, also used inside an organisation's layout.
#[component]
pub fn NotFoundContent() -> impl IntoView {
    let base = use_base();
    let store = use_context::<ContentStore>();
    let orgs = move || {
        let index = store.and_then(|s| s.index.get().value())?;
        let base = use_base();
        Some(
            index
                .organisations
                .iter()
                .map(|o| view! { <li><a href=base.href(&routes::org_start(&o.slug))>{o.name.clone()}</a></li> })
                .collect_view(),
        )
    };
    view! {
        <h1 tabindex="-1">"Pagina niet gevonden"</h1>
        <p>"Deze pagina bestaat niet. Misschien is het adres verkeerd getypt, of is de pagina verhuisd."</p>
        <p>"Waar wil je naartoe?"</p>
        <ul class="link-list">
            <li><a href=base.href(&routes::home())>"Naar de startpagina"</a></li>
            {orgs}
        </ul>
    }
}
