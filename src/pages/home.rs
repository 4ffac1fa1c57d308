//! `/`: the organisations this build carries, or straight to the one there is.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::Redirect;

use crate::components::{use_base, Failed, Loading, SiteLayout};
use crate::load::{ContentStore, Load};
use crate::routes;

#[component]
pub fn HomePage() -> impl IntoView {
    let store = expect_context::<ContentStore>();
    let base = use_base();
    let body = move || match store.index.get() {
        Load::Loading => view! { <Loading/> }.into_any(),
        Load::Failed {
            error,
            previous: None,
        } => view! { <Failed error on_retry=Callback::new(move |()| store.retry_index())/> }
            .into_any(),
        Load::Loaded(index)
        | Load::Failed {
            previous: Some(index),
            ..
        } => {
            if let [only] = index.organisations.as_slice() {
                return view! { <Redirect path=base.href(&routes::org_start(&only.slug))/> }
                    .into_any();
            }
            let items = index
                .organisations
                .iter()
                .map(|o| {
                    view! { <li><a href=base.href(&routes::org_start(&o.slug))>{o.name.clone()}</a></li> }
                })
                .collect_view();
            view! { <ul class="org-list">{items}</ul> }.into_any()
        }
    };
    view! {
        <Title text="Lokale besturen — Koers"/>
        <Meta name="description" content="Missie, visie, ambities en contact van lokale besturen."/>
        <SiteLayout>
            <h1 tabindex="-1">"Lokale besturen"</h1>
            <p>"Kies een bestuur om zijn missie, visie, ambities en contactgegevens te lezen."</p>
            {body}
        </SiteLayout>
    }
}
