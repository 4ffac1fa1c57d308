//! Any path the app does not know: a plain message with ways back, never a blank page.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{use_base, PageLinks, SiteLayout};
use crate::content::Organisation;
use crate::load::ContentStore;
use crate::routes;

/// The not-found page on its own (unknown top-level paths).
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <Title text="Pagina niet gevonden — Koers"/>
        <SiteLayout>
            <NotFoundContent org=None/>
        </SiteLayout>
    }
}

/// The message and links. Inside an organisation's layout (`org`) the ways on are its
/// own pages; elsewhere, every organisation of the index.
#[component]
pub fn NotFoundContent(org: Option<Arc<Organisation>>) -> impl IntoView {
    let base = use_base();
    let links = match org {
        Some(org) => view! { <PageLinks org/> }.into_any(),
        None => {
            let store = use_context::<ContentStore>();
            let base = base.clone();
            (move || {
                let index = store.and_then(|s| s.index().value())?;
                Some(
                    index
                        .organisations
                        .iter()
                        .map(|o| view! { <li><a href=base.href(&routes::org_start(&o.slug))>{o.name.clone()}</a></li> })
                        .collect_view(),
                )
            })
            .into_any()
        }
    };
    view! {
        <h1 tabindex="-1">"Pagina niet gevonden"</h1>
        <p>"Deze pagina bestaat niet. Misschien is het adres verkeerd getypt, of is de pagina verhuisd."</p>
        <p>"Waar wil je naartoe?"</p>
        <ul class="link-list">
            <li><a href=base.href(&routes::home())>"Naar de startpagina"</a></li>
            {links}
        </ul>
    }
}
