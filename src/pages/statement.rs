//! `/:org/toegankelijkheid` and `/toegankelijkheid`: the accessibility statement, in
//! the shape of the EU model statement (Commission Implementing Decision (EU)
//! 2018/1523): commitment, compliance status, what is not (fully) accessible, how the
//! statement was prepared, feedback and contact, and the enforcement procedure.
//!
//! It speaks for this app only. Contact details come from the organisation's own
//! content; where the content has none, the page says so instead of guessing.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::shared::with_organisation;
use crate::components::{use_base, ContactCard, OrgLayout, SiteLayout};
use crate::content::{Block, ContactPoint, Organisation};
use crate::load::ContentStore;
use crate::routes;

/// When this statement was drawn up, as `YYYY-MM-DD` (for `<time datetime>`).
pub const STATEMENT_DATE_ISO: &str = "2026-11-23";
/// The same date as residents read it.
pub const STATEMENT_DATE: &str = "23 november 2026";

/// The heading every statement page carries.
pub const STATEMENT_TITLE: &str = "Toegankelijkheidsverklaring";

/// `/:org/toegankelijkheid`: loads the organisation, then shows its statement.
#[component]
pub fn OrgStatementRoute() -> impl IntoView {
    with_organisation(|org| view! { <OrgStatement org/> }.into_any())
}

/// The statement for this app's pages of one organisation.
#[component]
pub fn OrgStatement(org: Arc<Organisation>) -> impl IntoView {
    let name = org.name.clone();
    let title = format!("{STATEMENT_TITLE} — {name}");
    let description = format!(
        "Hoe toegankelijk de app met de missie, visie, ambities en contactgegevens van {name} is, en hoe je een probleem meldt."
    );
    let pages = org
        .pages
        .present()
        .into_iter()
        .map(|(kind, _)| kind.label().to_string())
        .collect::<Vec<_>>();
    let scope = match pages.as_slice() {
        [only] => {
            format!("Deze verklaring geldt voor deze app (Koers), met de pagina {only} van {name}.")
        }
        _ => format!(
            "Deze verklaring geldt voor deze app (Koers), met de pagina’s {} van {name}.",
            join_dutch(&pages)
        ),
    };
    let commitment = format!(
        "{name} streeft ernaar deze app toegankelijk te maken, in overeenstemming met de Europese richtlijn (EU) 2016/2102 over de toegankelijkheid van websites en mobiele apps van overheidsinstanties."
    );
    let contacts = contact_points(&org);
    let report = format!(
        "Loop je in deze app tegen een probleem aan? Of heb je de informatie nodig in een andere vorm, bijvoorbeeld op papier of voorgelezen? Laat het {name} weten."
    );
    let how_to_reach = if contacts.is_empty() {
        view! {
            <p>
                {format!(
                    "De contactgegevens van {name} staan (nog) niet in deze app. Neem contact op met {name} zoals je dat gewoonlijk doet, bijvoorbeeld via de eigen website van {name}."
                )}
            </p>
        }
        .into_any()
    } else {
        view! {
            <p>{format!("Dit zijn de contactgegevens die in de pagina’s van {name} in deze app staan:")}</p>
            {contacts
                .into_iter()
                .map(|contact| view! { <ContactCard contact nested=true/> })
                .collect_view()}
        }
        .into_any()
    };
    view! {
        <Title text=title/>
        <Meta name="description" content=description/>
        <OrgLayout org=org.clone() current=None>
            <article class="page statement">
                <h1 tabindex="-1">{STATEMENT_TITLE}</h1>
                <p>{commitment}</p>
                <p>{scope}</p>
                <ComplianceStatus source=name.clone()/>
                <Preparation/>
                <h2>"Feedback en contactgegevens"</h2>
                <p>{report}</p>
                {how_to_reach}
                <Enforcement/>
            </article>
        </OrgLayout>
    }
}

/// `/toegankelijkheid`: the statement for the app as a whole, pointing to each
/// organisation's own statement.
#[component]
pub fn SiteStatementPage() -> impl IntoView {
    let base = use_base();
    let store = use_context::<ContentStore>();
    let statements = move || {
        let index = store.and_then(|s| s.index().value())?;
        let base = use_base();
        Some(view! {
            <p>"Elk bestuur in deze app heeft een eigen toegankelijkheidsverklaring, met de weg om een probleem te melden:"</p>
            <ul class="link-list">
                {index
                    .organisations
                    .iter()
                    .map(|o| {
                        let href = base.href(&routes::org_statement(&o.slug));
                        view! { <li><a href=href>{format!("{STATEMENT_TITLE} van {}", o.name)}</a></li> }
                    })
                    .collect_view()}
            </ul>
        })
    };
    view! {
        <Title text=format!("{STATEMENT_TITLE} — Koers")/>
        <Meta name="description" content="Hoe toegankelijk Koers is, de app met de missie, visie, ambities en contactgegevens van lokale besturen."/>
        <SiteLayout>
            <article class="page statement">
                <h1 tabindex="-1">{STATEMENT_TITLE}</h1>
                <p>"Koers toont de missie, visie, ambities en contactgegevens van lokale besturen. Elk bestuur streeft ernaar zijn pagina’s in deze app toegankelijk te maken, in overeenstemming met de Europese richtlijn (EU) 2016/2102 over de toegankelijkheid van websites en mobiele apps van overheidsinstanties."</p>
                {statements}
                <ComplianceStatus source="de lokale besturen".to_string()/>
                <Preparation/>
                <h2>"Feedback en contactgegevens"</h2>
                <p>"Loop je in deze app tegen een probleem aan? Meld het aan het bestuur van wie je de pagina’s leest. In zijn toegankelijkheidsverklaring (zie hierboven) staat hoe."</p>
                <p><a href=base.href(&routes::home())>"Naar de lijst van lokale besturen"</a></p>
                <Enforcement/>
            </article>
        </SiteLayout>
    }
}

/// Compliance status and the known limitations, said plainly. `source` is whose
/// publications the texts come from.
#[component]
fn ComplianceStatus(source: String) -> impl IntoView {
    view! {
        <h2>"Nalevingsstatus"</h2>
        <p>"Deze app is gedeeltelijk conform met de Web Content Accessibility Guidelines (WCAG) 2.1, niveau AA. Dat betekent: niet alles is volledig nagegaan, en de punten hieronder voldoen niet of zijn niet volledig getest."</p>
        <h2>"Niet-toegankelijke inhoud"</h2>
        <ul>
            <li>{format!(
                "De teksten komen uit de eigen publicaties van {source} en staan hier zoals ze gepubliceerd zijn. Ze zijn niet herschreven in eenvoudige taal, en niet elke afkorting wordt uitgelegd."
            )}</li>
            <li>"De app is niet getest met schermlezers (zoals NVDA, JAWS, VoiceOver of TalkBack) of met spraakbesturing."</li>
            <li>"De app is alleen getest in de browser Chromium, niet in andere browsers."</li>
        </ul>
        <p>"Websites buiten deze app, waarnaar sommige links leiden, vallen niet onder deze verklaring."</p>
    }
}

/// When and how the statement was drawn up.
#[component]
fn Preparation() -> impl IntoView {
    view! {
        <h2>"Opstelling van deze verklaring"</h2>
        <p>
            "Deze verklaring is opgesteld op "
            <time datetime=STATEMENT_DATE_ISO>{STATEMENT_DATE}</time>
            ", op basis van een zelfbeoordeling met geautomatiseerde tests in de browser Chromium:"
        </p>
        <ul>
            <li>"automatische controles met axe-core op de regels van WCAG 2.0 en 2.1, niveau A en AA, op elke pagina, bij een schermbreedte van 320, 768 en 1280 pixels, en in donkere modus;"</li>
            <li>"bediening met alleen het toetsenbord: de link ‘Naar de inhoud’, een zichtbare focus, en de focus op de titel van de nieuwe pagina na elke klik in de app;"</li>
            <li>"herschikking: geen horizontaal scrollen op een scherm van 320 pixels breed, ook met tekst die twee keer zo groot is;"</li>
            <li>"contrast van tekst en achtergrond, in licht en donker kleurschema."</li>
        </ul>
    }
}

/// Where to turn when the answer does not satisfy.
#[component]
fn Enforcement() -> impl IntoView {
    view! {
        <h2>"Handhavingsprocedure"</h2>
        <p>"Ben je niet tevreden met het antwoord op je melding? Dan kun je een klacht indienen bij de Vlaamse Ombudsdienst."</p>
    }
}

/// Every contact point in the organisation's pages, in page order.
pub(super) fn contact_points(org: &Organisation) -> Vec<ContactPoint> {
    org.pages
        .present()
        .into_iter()
        .flat_map(|(_, page)| page.blocks.iter())
        .filter_map(|block| match block {
            Block::Contact(contact) => Some(contact.clone()),
            _ => None,
        })
        .collect()
}

/// "Missie, Visie en Contact".
fn join_dutch(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{} en {last}", rest.join(", ")),
    }
}
