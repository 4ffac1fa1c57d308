//! The form: the organisation's own fields, then its pages, one at a time, each with
//! its title, description and blocks.

use std::sync::Arc;

use koers_content::{contrast, parse_colour, Organisation, Page, PageKind, MIN_CONTRAST};
use leptos::prelude::*;

use crate::blocks::BlockList;
use crate::changes::ChangesForm;
use crate::coach_panel::{CoachPanel, PageTips};
use crate::draft::{self, field_id, page_mut};
use crate::fields::{Messages, TextField};
use crate::paste_form::{PastePage, Pasting};
use crate::state::studio;
use crate::web::focus_soon;

/// A text field of the organisation itself.
fn own(
    path: &'static str,
    label: &'static str,
    hint: &'static str,
    get: fn(&Organisation) -> &String,
    set: fn(&mut Organisation) -> &mut String,
) -> impl IntoView {
    view! {
        <TextField path=path.to_string() label hint
            get=Arc::new(move |o| get(o).clone())
            set=Arc::new(move |o, v| *set(o) = v)/>
    }
}

#[component]
pub fn OrganisationForm() -> impl IntoView {
    view! {
        <fieldset class="studio-group">
            <legend>"Het bestuur"</legend>
            {own("name", "Naam", "Zoals inwoners het kennen, bijvoorbeeld ‘Gemeente Voorbeeld’.",
                |o| &o.name, |o| &mut o.name)}
            {own("short_name", "Korte naam", "Voor het pictogram op een startscherm: hoogstens 12 tekens.",
                |o| &o.short_name, |o| &mut o.short_name)}
            {own("slug", "Adres", "Het stuk van het webadres na de schuine streep: kleine letters, cijfers en koppeltekens, zoals ‘heusden-zolder’.",
                |o| &o.slug, |o| &mut o.slug)}
            <AccentField/>
            {own("description", "Beschrijving", "Eén eenvoudige zin over het bestuur, voor zoekmachines en de startpagina.",
                |o| &o.description, |o| &mut o.description)}
            <TextField path="enterprise_number".to_string() label="Ondernemingsnummer (KBO)"
                hint="Alleen als jullie eigen bronnen het geven, zoals 0208.038.769. Leeg laten mag: dan staat het niet in de voettekst."
                get=Arc::new(|o: &Organisation| o.enterprise_number.clone().unwrap_or_default())
                set=Arc::new(|o: &mut Organisation, v: String| o.enterprise_number = (!v.trim().is_empty()).then_some(v))/>
        </fieldset>
        <PagesForm/>
        <ChangesForm/>
    }
}

/// The accent colour: a colour picker and the same colour as text, with the contrast
/// rule checked and explained as the editor chooses.
#[component]
fn AccentField() -> impl IntoView {
    let studio = studio();
    let accent = move || studio.org.with(|o| o.accent.clone());
    let explained = move || match parse_colour(&accent()) {
        None => "Kies een kleur.".to_string(),
        Some(colour) => {
            let ratio = contrast(colour, (255, 255, 255));
            let shown = format!("{ratio:.1}").replace('.', ",");
            if ratio >= MIN_CONTRAST {
                format!(
                    "Contrast met wit: {shown} op 1. Witte tekst op deze kleur is goed leesbaar."
                )
            } else {
                format!("Contrast met wit: {shown} op 1. Dat is te weinig: minstens 4,5 op 1 is nodig, kies een donkerdere kleur.")
            }
        }
    };
    let set = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        studio.edit(move |o| o.accent = value);
    };
    let id = field_id("accent");
    view! {
        <div class="field">
            <label for=id.clone()>"Accentkleur"</label>
            <p id="accent-uitleg" class="field-hint">
                "De kleur van knoppen en titels. Witte tekst moet erop leesbaar zijn."
            </p>
            <div class="accent-row">
                <input type="color" aria-label="Kleurkiezer voor de accentkleur"
                    prop:value=move || parse_colour(&accent()).map(|_| accent()).unwrap_or_else(|| "#000000".into())
                    on:input=set/>
                <input id=id type="text" aria-describedby="accent-uitleg accent-contrast veld-accent-fout"
                    autocomplete="off" maxlength=crate::draft::MAX_FIELD_LENGTH prop:value=accent on:input=set/>
                <span class="accent-swatch" style:background-color=accent aria-hidden="true"></span>
            </div>
            <p id="accent-contrast" class="field-hint" aria-live="polite">{explained}</p>
            <Messages path="accent".to_string()/>
        </div>
    }
}

/// The four pages as tabs of one form: the page chosen is edited here and shown in
/// the preview.
#[component]
fn PagesForm() -> impl IntoView {
    let studio = studio();
    // The coach's tips the editor dismissed, for every page (a key names the words),
    // kept beside the draft: a reload does not bring them back.
    let dismissed = crate::coach_panel::kept_dismissals(studio.draft);
    let tabs = PageKind::ALL
        .into_iter()
        .map(|kind| {
            let present = move || studio.org.with(|o| o.pages.get(kind).is_some());
            view! {
                <button type="button" class="page-tab"
                    aria-pressed=move || (studio.page.get() == kind).to_string()
                    on:click=move |_| studio.page.set(kind)>
                    {kind.label()}
                    {move || (!present()).then_some(" (leeg)")}
                </button>
            }
        })
        .collect_view();
    view! {
        <fieldset class="studio-group" id=field_id("pages")>
            <legend>"De pagina's"</legend>
            <p class="field-hint">"Kies een pagina om ze in te vullen. Een pagina zonder inhoud laat je weg."</p>
            <div class="page-tabs" role="group" aria-label="Pagina kiezen">{tabs}</div>
            <Messages path="pages".to_string()/>
            {move || {
                let kind = studio.page.get();
                view! { <PageForm kind dismissed/> }
            }}
        </fieldset>
    }
}

#[component]
fn PageForm(kind: PageKind, dismissed: RwSignal<Vec<String>>) -> impl IntoView {
    let studio = studio();
    let present = Memo::new(move |_| studio.org.with(|o| o.pages.get(kind).is_some()));
    let pasting = Pasting::new();
    let tips = PageTips::provide(kind, dismissed);
    let base = format!("pages.{}", kind.slug());
    let page_field = move |field: &'static str,
                           label: &'static str,
                           hint: &'static str,
                           get: fn(&Page) -> &String,
                           set: fn(&mut Page) -> &mut String| {
        view! {
            <TextField path=format!("{base}.{field}") label hint
                get=Arc::new(move |o| o.pages.get(kind).map(|p| get(p).clone()).unwrap_or_default())
                set=Arc::new(move |o, v| if let Some(p) = page_mut(&mut o.pages, kind) { *set(p) = v })/>
        }
    };
    // The form of the page is drawn anew: focus goes to what takes the button's place
    // (the new page's title, or the button that adds the page again).
    let add_id = format!("pagina-toevoegen-{}", kind.slug());
    let add = move |_| {
        studio.edit(|o| *page_mut(&mut o.pages, kind) = Some(draft::empty_page()));
        studio
            .status
            .set(format!("Pagina ‘{}’ is toegevoegd.", kind.label()));
        focus_soon(field_id(&format!("pages.{}.title", kind.slug())));
    };
    let remove = {
        let add_id = add_id.clone();
        move |_| {
            studio.edit(|o| *page_mut(&mut o.pages, kind) = None);
            studio
                .status
                .set(format!("Pagina ‘{}’ is weggelaten.", kind.label()));
            focus_soon(add_id.clone());
        }
    };
    move || {
        if present.get() {
            view! {
                <section class="page-form" aria-label=format!("Pagina {}", kind.label())>
                    <h2>{format!("Pagina ‘{}’", kind.label())}</h2>
                    {page_field("title", "Titel", "De kop van de pagina.", |p| &p.title, |p| &mut p.title)}
                    {page_field("description", "Beschrijving", "Eén zin over de pagina, voor zoekmachines.",
                        |p| &p.description, |p| &mut p.description)}
                    <PastePage kind pasting/>
                    <BlockList kind/>
                    <CoachPanel tips/>
                    <button type="button" class="remove" on:click=remove.clone()>
                        {format!("Pagina ‘{}’ weglaten", kind.label())}
                    </button>
                </section>
            }
            .into_any()
        } else {
            view! {
                <section class="page-form" aria-label=format!("Pagina {}", kind.label())>
                    <p>{format!("Dit bestuur heeft nog geen pagina ‘{}’.", kind.label())}</p>
                    <button type="button" id=add_id.clone() on:click=add>{format!("Pagina ‘{}’ toevoegen", kind.label())}</button>
                    <PastePage kind pasting/>
                </section>
            }
            .into_any()
        }
    }
}
