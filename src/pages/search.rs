//! `/:org/zoeken?q=…`: search within an organisation's pages, results as you type.
//!
//! The query lives in the URL, so a search can be shared and comes back with Back.
//! Matches are marked with `<mark>`, built as views from text pieces (never HTML).

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

use crate::components::{use_base, OrgLayout};
use crate::content::Organisation;
use crate::routes;
use crate::tools::{search, Hit};

/// Reads the organisation from the URL and its content from the store; loading and
/// failure are handled as on the organisation's other pages.
#[component]
pub fn SearchRoute() -> impl IntoView {
    super::shared::with_organisation(|org| view! { <SearchPage org/> }.into_any())
}

/// The search form and its results.
#[component]
pub fn SearchPage(org: Arc<Organisation>) -> impl IntoView {
    let base = use_base();
    // The router's location, not `use_query_map`: between two organisations' search
    // pages (the same route) `FlatRoutes` keeps the route's own URL as it was.
    let query_map = use_location().query;
    let query = RwSignal::new(query_map.with_untracked(|q| q.get("q").unwrap_or_default()));
    // Back and Forward change the URL: the field follows.
    Effect::new(move |_| {
        let in_url = query_map.with(|q| q.get("q").unwrap_or_default());
        if in_url != query.get_untracked() {
            query.set(in_url);
        }
    });
    let searched = org.clone();
    let hits = Memo::new(move |_| search(&searched, &query.get()));
    let path = base.href(&routes::search(&org.slug));
    let with_query = {
        let base = base.clone();
        let slug = org.slug.clone();
        move |q: &str| base.href(&routes::search_for(&slug, q))
    };
    let navigate = use_navigate();
    let action = path.clone();
    let on_input = move |ev| {
        let value = event_target_value(&ev);
        query.set(value.clone());
        let url = if value.is_empty() {
            path.clone()
        } else {
            with_query(&value)
        };
        navigate(
            &url,
            NavigateOptions {
                resolve: false,
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
    };
    let title = format!("Zoeken — {}", org.name);
    let description = format!("Zoek in de pagina's van {}.", org.name);
    let slug = org.slug.clone();
    let summary = move || {
        let q = query.get();
        let n = hits.with(Vec::len);
        match (q.trim().is_empty(), n) {
            (true, _) => String::new(),
            (false, 0) => format!("Niets gevonden voor ‘{}’.", q.trim()),
            (false, 1) => format!("1 resultaat voor ‘{}’.", q.trim()),
            (false, n) => format!("{n} resultaten voor ‘{}’.", q.trim()),
        }
    };
    view! {
        <Title text=title/>
        <Meta name="description" content=description/>
        <OrgLayout org=org.clone() current=None>
            <h1 tabindex="-1">"Zoeken"</h1>
            <form class="search-form" role="search" action=action method="get" on:submit=|ev| ev.prevent_default()>
                <label for="zoekterm">"Zoek in de pagina's van "{org.name.clone()}</label>
                <input
                    id="zoekterm"
                    name="q"
                    type="search"
                    autocomplete="off"
                    spellcheck="false"
                    prop:value=move || query.get()
                    on:input=on_input
                />
            </form>
            <p class="search-summary" role="status" aria-live="polite">{summary}</p>
            // No list before there is a result: an empty one is announced as a list.
            {move || {
                let hits = hits.get();
                (!hits.is_empty()).then(|| {
                    let items = hits
                        .into_iter()
                        .map(|hit| view! { <SearchResult hit slug=slug.clone()/> })
                        .collect_view();
                    view! { <ol class="search-results">{items}</ol> }
                })
            }}
        </OrgLayout>
    }
}

/// One result: a link to the page, with the text around the match.
#[component]
fn SearchResult(hit: Hit, slug: String) -> impl IntoView {
    let base = use_base();
    let href = base.href(&routes::org_page(&slug, hit.page));
    let place = hit.place();
    let snippet = hit
        .segments
        .into_iter()
        .map(|s| {
            if s.marked {
                view! { <mark>{s.text}</mark> }.into_any()
            } else {
                s.text.into_any()
            }
        })
        .collect_view();
    view! {
        <li>
            <a href=href>{place}</a>
            <p>{snippet}</p>
        </li>
    }
}
