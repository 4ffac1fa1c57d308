//! `/:org` and `/:org/:page`: an organisation's start page and its four pages.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

use super::changes::LastChanged;
use super::not_found::NotFoundContent;
use super::shared::with_organisation;
use crate::components::{BlockView, Later, OrgLayout, PageLinks};
use crate::content::{Organisation, Page, PageKind};

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
                let description = content.description.clone();
                let of = org.clone();
                view! {
                    <Title text=title/>
                    <Meta name="description" content=description/>
                    <OrgLayout org current=Some(kind)>
                        // Its own step of the takeover, after the frame around it.
                        <Later region="article.page">
                            <PageContent org=of.clone() kind content=content.clone()/>
                        </Later>
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

/// The content of one of an organisation's pages: its heading, when it last changed,
/// and its blocks.
#[component]
fn PageContent(org: Arc<Organisation>, kind: PageKind, content: Page) -> impl IntoView {
    // Each block its own part of the takeover: a long page runs (and compiles) its
    // blocks' code a few at a time. Blocks are the last children of the article.
    let count = content.blocks.len();
    let blocks = content
        .blocks
        .into_iter()
        .enumerate()
        .map(|(i, block)| {
            let region = format!("article.page > :nth-last-child({})", count - i);
            view! { <Later region><BlockView block=block.clone()/></Later> }
        })
        .collect_view();
    view! {
        <article class="page">
            <h1 tabindex="-1">{content.title}</h1>
            <LastChanged org kind/>
            {blocks}
        </article>
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
