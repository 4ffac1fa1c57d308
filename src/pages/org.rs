//! `/:org` and `/:org/:page`: an organisation's start page and its four pages.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use super::changes::LastChanged;
use super::not_found::NotFoundContent;
use super::shared::with_organisation;
use crate::components::{BlockView, OrgLayout, PageLinks};
use crate::content::{Organisation, PageKind};

/// Reads the organisation from the URL and its content from the store.
#[component]
pub fn OrgRoute() -> impl IntoView {
    let params = use_params_map();
    with_organisation(move |org| view! { <OrgPage org page=params.read().get("page")/> }.into_any())
}

/// One page of an organisation, from content already at hand. `page` is the URL's
/// page segment; `None` is the organisation's start (its mission, or its first page).
#[component]
pub fn OrgPage(org: Arc<Organisation>, page: Option<String>) -> impl IntoView {
    let chosen = match page.as_deref() {
        None => org.start_page().map(|(kind, _)| Ok(kind)),
        Some(slug) => Some(PageKind::from_slug(slug).ok_or(())),
    };
    match chosen {
        Some(Ok(kind)) => match org.pages.get(kind).cloned() {
            Some(content) => {
                let title = format!("{} — {}", content.title, org.name);
                let changed = view! { <LastChanged org=org.clone() kind/> };
                view! {
                    <Title text=title/>
                    <Meta name="description" content=content.description.clone()/>
                    <OrgLayout org current=Some(kind)>
                        <article class="page">
                            <h1 tabindex="-1">{content.title}</h1>
                            {changed}
                            {content
                                .blocks
                                .into_iter()
                                .map(|block| view! { <BlockView block/> })
                                .collect_view()}
                        </article>
                    </OrgLayout>
                }
                .into_any()
            }
            None => view! { <MissingPage org kind/> }.into_any(),
        },
        _ => {
            let title = format!("Pagina niet gevonden — {}", org.name);
            let own = Some(org.clone());
            view! {
                <Title text=title/>
                <OrgLayout org current=None>
                    <NotFoundContent org=own/>
                </OrgLayout>
            }
            .into_any()
        }
    }
}

/// A page of the four that this organisation has no content for: said plainly, with
/// the pages it does have.
#[component]
fn MissingPage(org: Arc<Organisation>, kind: PageKind) -> impl IntoView {
    let title = format!("{} — {}", kind.label(), org.name);
    let links = view! { <PageLinks org=org.clone()/> };
    let sentence = format!(
        "{} heeft (nog) geen pagina ‘{}’ in deze app.",
        org.name,
        kind.label()
    );
    view! {
        <Title text=title/>
        <OrgLayout org=org.clone() current=Some(kind)>
            <h1 tabindex="-1">{kind.label()}</h1>
            <p>{sentence}</p>
            <p>"Wat je wel kunt lezen:"</p>
            <ul class="link-list">{links}</ul>
        </OrgLayout>
    }
}
