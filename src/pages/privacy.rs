//! `/:org/privacy`: what this app keeps and sends (almost nothing), and whom to ask.
//! Static text, with the organisation's name and the ways to reach it that its own
//! content gives; where it gives none, its own website in words, not guessed.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::shared::with_organisation;
use super::statement::contact_points;
use crate::components::{use_base, OrgLayout};
use crate::content::{Organisation, PageKind};
use crate::routes;

/// `/:org/privacy`: loads the organisation, then shows its privacy page.
#[component]
pub fn PrivacyRoute() -> impl IntoView {
    with_organisation(|org| view! { <Privacy org/> }.into_any())
}

/// What the app keeps and does not do: the same for every organisation, so one static
/// piece of markup (written here, never from content), small in the residents' wasm.
const WHAT_IS_KEPT: &str = "<h2>Wat de app bewaart</h2><ul>\
<li>De tekstgrootte die je kiest met a | A. Die blijft op je eigen toestel.</li>\
<li>De pagina’s van de app, in de opslag van je browser. Zo kun je ze ook zonder internet lezen.</li>\
</ul><p>Je wist die gegevens met de instellingen van je browser.</p>\
<h2>Wat de app niet doet</h2><ul><li>Ze zet geen cookies.</li>\
<li>Ze volgt niet wat je leest of doet.</li><li>Ze stuurt niets over jou naar anderen.</li></ul>\
<p>Lees voor gebruikt de stemmen van je browser. Sommige stemmen sturen de tekst daarvoor naar de maker van je browser.</p>\
<h2>Vragen?</h2>";

/// The privacy page of this app for one organisation.
#[component]
pub fn Privacy(org: Arc<Organisation>) -> impl IntoView {
    let base = use_base();
    let name = org.name.clone();
    // The ways to reach the organisation that its content gives: e-mail, its contact
    // page, its website.
    let contacts = contact_points(&org);
    let mut ways: Vec<(String, String)> = Vec::new();
    if let Some(e) = contacts.iter().find_map(|c| c.email.clone()) {
        ways.push((format!("mailto:{e}"), e));
    }
    if org.pages.get(PageKind::Contact).is_some() {
        let href = base.href(&routes::org_page(&org.slug, PageKind::Contact));
        ways.push((href, "de contactgegevens in deze app".into()));
    }
    if let Some(w) = contacts.iter().find_map(|c| c.website.clone()) {
        ways.push((w.clone(), w));
    }
    let ask = if ways.is_empty() {
        format!("Heb je een vraag over je gegevens? Stel ze aan {name}, via de eigen website van {name}.")
    } else {
        format!("Heb je een vraag over je gegevens? Stel ze aan {name}:")
    };
    let ways = (!ways.is_empty()).then(|| {
        view! {
            <ul>
                {ways
                    .into_iter()
                    .map(|(href, label)| view! { <li><a href=href>{label}</a></li> })
                    .collect_view()}
            </ul>
        }
    });
    view! {
        <Title text=format!("Privacy — {name}")/>
        <Meta name="description" content=format!("Welke gegevens deze app van {name} bewaart: bijna geen.")/>
        <OrgLayout org=org.clone() current=None>
            <article class="page">
                <h1 tabindex="-1">"Privacy"</h1>
                <p>{format!("Deze app toont de missie, visie, ambities en contactgegevens van {name}. Ze vraagt niets over jou.")}</p>
                <div inner_html=WHAT_IS_KEPT></div>
                <p>{ask}</p>
                {ways}
            </article>
        </OrgLayout>
    }
}
