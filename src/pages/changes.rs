//! `/:org/wijzigingen`: what changed in the organisation's pages, newest first, from its
//! change notes, with the feed to follow them. Each page it concerns links here from
//! its "Laatst bijgewerkt" line ([`LastChanged`]).

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::shared::with_organisation;
use crate::components::{use_base, OrgLayout};
use crate::content::{long_date, Change, Organisation, PageKind};
use crate::routes;

/// `/:org/wijzigingen`: loads the organisation, then shows its changes.
#[component]
pub fn ChangesRoute() -> impl IntoView {
    with_organisation(|org| view! { <ChangesPage org/> }.into_any())
}

#[component]
pub fn ChangesPage(org: Arc<Organisation>) -> impl IntoView {
    let base = use_base();
    let title = format!("Wat is er veranderd — {}", org.name);
    let total = org.changes.len();
    let body = if total == 0 {
        view! {
            <p>{format!("{} heeft hier nog geen wijzigingen bekendgemaakt.", org.name)}</p>
        }
        .into_any()
    } else {
        let feed = base.href(&routes::feed(&org.slug));
        let notes = org
            .changes
            .iter()
            .enumerate()
            .map(|(i, change)| view! { <Note org=org.clone() change=change.clone() number=total - i/> })
            .collect_view();
        view! {
            <p>{format!("Wat er veranderd is aan de pagina's van {}, het nieuwste eerst.", org.name)}</p>
            <p>
                "Volg de wijzigingen in je feedlezer: "
                // A file, not a route of the app: `external`, or the router would take
                // the click and show its not-found page.
                <a href=feed type="application/atom+xml" rel="external">"wijzigingen als feed (Atom)"</a>
                "."
            </p>
            <ol class="changes">{notes}</ol>
        }
        .into_any()
    };
    view! {
        <Title text=title/>
        <Meta name="description" content=format!("Wat er veranderd is aan de pagina's van {}.", org.name)/>
        <OrgLayout org=org.clone() current=None>
            <article class="page">
                <h1 tabindex="-1">"Wat is er veranderd"</h1>
                {body}
            </article>
        </OrgLayout>
    }
}

/// One note: its day as a heading, what changed, and the pages it concerns.
#[component]
fn Note(org: Arc<Organisation>, change: Change, number: usize) -> impl IntoView {
    let base = use_base();
    let day = long_date(&change.date).unwrap_or_else(|| change.date.clone());
    let pages = (!change.pages.is_empty()).then(|| {
        let links = change
            .pages
            .iter()
            .filter(|kind| org.pages.get(**kind).is_some())
            .map(|kind| {
                let href = base.href(&routes::org_page(&org.slug, *kind));
                view! { <li><a href=href>{kind.label()}</a></li> }
            })
            .collect_view();
        view! {
            <p class="change-pages-label">"Over de pagina's:"</p>
            <ul class="change-pages">{links}</ul>
        }
    });
    view! {
        <li id=routes::change_anchor(number)>
            <h2><time datetime=change.date.clone()>{day}</time></h2>
            <p>{change.note}</p>
            {pages}
        </li>
    }
}

/// Under a page's heading: the day of the newest note that concerns it, linking to all
/// changes; nothing without one.
#[component]
pub fn LastChanged(org: Arc<Organisation>, kind: PageKind) -> impl IntoView {
    let base = use_base();
    org.last_change(kind).map(|change| {
        let day = long_date(&change.date).unwrap_or_else(|| change.date.clone());
        let href = base.href(&routes::changes(&org.slug));
        view! {
            <p class="last-changed">
                "Laatst bijgewerkt op " <time datetime=change.date.clone()>{day}</time> ". "
                <a href=href>"Wat is er veranderd?"</a>
            </p>
        }
    })
}
