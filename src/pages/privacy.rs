//! `/:org/privacy`: what this app keeps and sends (almost nothing), and whom to ask.
//! Static text, with the organisation's name and the ways to reach it that its own
//! content gives; where it gives none, its own website in words, not guessed.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::org::with_organisation;
use super::statement::contact_points;
use crate::components::{use_base, OrgLayout};
use crate::content::{Organisation, PageKind};
use crate::routes;

/// `/:org/privacy`: loads the organisation, then shows its privacy page.
#[component]
pub fn PrivacyRoute() -> impl IntoView {
    with_organisation(|org| view! { <Privacy org/> }.into_any())
}

/// The privacy page of this app for one organisation.
#[component]
pub fn Privacy(org: Arc<Organisation>) -> impl IntoView {
    let base = use_base();
    let name = org.name.clone();
    let contacts = contact_points(&org);
    let email = contacts.iter().find_map(|c| c.email.clone());
    let website = contacts.iter().find_map(|c| c.website.clone());
    let contact_page = org
        .pages
        .get(PageKind::Contact)
        .map(|_| base.href(&routes::org_page(&org.slug, PageKind::Contact)));
    let ask = if email.is_none() && website.is_none() && contact_page.is_none() {
        view! { <li>{format!("via de eigen website van {name}.")}</li> }.into_any()
    } else {
        view! {
            {email.map(|e| view! { <li><a href=format!("mailto:{e}")>{e.clone()}</a></li> })}
            {contact_page.map(|href| view! { <li><a href=href>"de contactgegevens in deze app"</a></li> })}
            {website.map(|w| view! { <li><a href=w.clone()>{w.clone()}</a></li> })}
        }
        .into_any()
    };
    view! {
        <Title text=format!("Privacy — {name}")/>
        <Meta name="description" content=format!("Welke gegevens deze app van {name} bewaart: bijna geen.")/>
        <OrgLayout org=org.clone() current=None>
            <article class="page">
                <h1 tabindex="-1">"Privacy"</h1>
                <p>{format!("Deze app toont de missie, visie, ambities en contactgegevens van {name}. Ze vraagt niets over jou.")}</p>
                <h2>"Wat de app bewaart"</h2>
                <ul>
                    <li>"De tekstgrootte die je kiest met a | A. Die blijft op je eigen toestel."</li>
                    <li>"De pagina’s van de app, in de opslag van je browser. Zo kun je ze ook zonder internet lezen."</li>
                </ul>
                <p>"Je wist die gegevens met de instellingen van je browser."</p>
                <h2>"Wat de app niet doet"</h2>
                <ul>
                    <li>"Ze zet geen cookies."</li>
                    <li>"Ze volgt niet wat je leest of doet."</li>
                    <li>"Ze stuurt niets over jou naar anderen."</li>
                </ul>
                <p>"Lees voor gebruikt de stemmen van je browser. Sommige stemmen sturen de tekst daarvoor naar de maker van je browser."</p>
                <h2>"Vragen?"</h2>
                <p>{format!("Heb je een vraag over je gegevens? Stel ze aan {name}:")}</p>
                <ul>{ask}</ul>
            </article>
        </OrgLayout>
    }
}
