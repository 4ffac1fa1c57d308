//! `/`: the organisations this build carries, or straight to the one there is.
//!
//! Sorted by their own name and filtered as the resident types (see
//! [`crate::tools::directory`]). Without JavaScript it is the plain, whole list.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::Redirect;

use crate::components::{use_base, Failed, Loading, SiteLayout};
use crate::content::IndexEntry;
use crate::load::{ContentStore, Load};
use crate::routes;
use crate::tools::directory;

#[component]
pub fn HomePage() -> impl IntoView {
    let store = expect_context::<ContentStore>();
    let base = use_base();
    let body = move || match store.index() {
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
            // The build ships the index sorted (`directory::sorted`).
            view! { <Directory entries=index.organisations.clone()/> }.into_any()
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

/// The field to find one, what it found, and the list of those that match.
#[component]
fn Directory(entries: Vec<IndexEntry>) -> impl IntoView {
    let base = use_base();
    let query = RwSignal::new(String::new());
    let total = entries.len();
    let found = move |entries: &[IndexEntry]| {
        let q = query.get();
        entries
            .iter()
            .filter(|e| directory::matches(&e.name, &q))
            .cloned()
            .collect::<Vec<_>>()
    };
    let summary = {
        let entries = entries.clone();
        move || {
            let n = found(&entries).len();
            let q = query.get();
            let q = q.trim();
            match n {
                _ if q.is_empty() => String::new(),
                0 => format!("Geen bestuur gevonden voor ‘{q}’."),
                1 => format!("1 bestuur gevonden voor ‘{q}’."),
                n if n == total => format!("Alle {n} besturen."),
                n => format!("{n} besturen gevonden voor ‘{q}’."),
            }
        }
    };
    let items = move || {
        found(&entries)
            .into_iter()
            .map(|e| view! { <li><a href=base.href(&routes::org_start(&e.slug))>{e.name}</a></li> })
            .collect_view()
    };
    view! {
        <form class="search-form org-filter" role="search" on:submit=|ev| ev.prevent_default()>
            <label for="bestuur">"Zoek een bestuur"</label>
            <input
                id="bestuur"
                type="search"
                autocomplete="off"
                spellcheck="false"
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
            />
        </form>
        <p class="search-summary" role="status" aria-live="polite">{summary}</p>
        <ul class="org-list">{items}</ul>
    }
}
