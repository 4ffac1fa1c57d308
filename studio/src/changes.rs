//! The change notes: what changed and when, newest first, for residents ("Laatst
//! bijgewerkt", the "Wat is er veranderd" page, the feed). A note is added with
//! today's date, here or when the editor downloads (`summary::ExportPanel`).

use std::sync::Arc;

use koers_content::{Change, Organisation, PageKind};
use leptos::prelude::*;

use crate::draft::field_id;
use crate::fields::{Input, Messages, TextField};
use crate::state::studio;
use crate::web::{focus_soon, today};

/// The id of the button that adds a note.
const ADD_ID: &str = "wijziging-toevoegen";

/// Adds a note of today with `note` on top (notes are newest first).
pub fn add_note(org: &mut Organisation, note: String) {
    org.changes.insert(
        0,
        Change {
            date: today(),
            note,
            pages: Vec::new(),
        },
    );
}

#[component]
pub fn ChangesForm() -> impl IntoView {
    let studio = studio();
    let count = Memo::new(move |_| studio.org.with(|o| o.changes.len()));
    let add = move |_| {
        studio.edit(|o| add_note(o, String::new()));
        studio
            .status
            .set("Wijziging 1 is toegevoegd, met de datum van vandaag.".into());
        focus_soon(field_id("changes[0].note"));
    };
    let notes = move || (0..count.get()).map(|i| view! { <Note i/> }).collect_view();
    view! {
        <fieldset class="studio-group" id=field_id("changes") tabindex="-1">
            <legend>"Wijzigingen"</legend>
            <p class="field-hint">
                "Wat er veranderd is, het nieuwste eerst. Inwoners zien bovenaan een pagina wanneer ze het laatst is bijgewerkt, en alle wijzigingen op een eigen pagina. Zonder wijzigingen tonen we niets."
            </p>
            {notes}
            <Messages path="changes".to_string()/>
            <button type="button" id=ADD_ID on:click=add>"Wijziging toevoegen"</button>
        </fieldset>
    }
}

/// Note `i`: its date, what changed, and which pages it is about.
#[component]
fn Note(i: usize) -> impl IntoView {
    let studio = studio();
    let base = format!("changes[{i}]");
    let label = format!("Wijziging {}", i + 1);
    let remove = move |_| {
        studio.edit(move |o| {
            if i < o.changes.len() {
                o.changes.remove(i);
            }
        });
        studio
            .status
            .set(format!("Wijziging {} is verwijderd.", i + 1));
        focus_soon(ADD_ID.to_string());
    };
    let pages_path = format!("{base}.pages");
    let pages_id = field_id(&pages_path);
    let boxes = PageKind::ALL
        .into_iter()
        .map(|kind| {
            let id = format!("{pages_id}-{}", kind.slug());
            let checked = move || {
                studio
                    .org
                    .with(|o| o.changes.get(i).is_some_and(|c| c.pages.contains(&kind)))
            };
            let toggle = move |_| {
                studio.edit(move |o| {
                    if let Some(c) = o.changes.get_mut(i) {
                        match c.pages.iter().position(|k| *k == kind) {
                            Some(at) => {
                                c.pages.remove(at);
                            }
                            None => {
                                c.pages.push(kind);
                                c.pages
                                    .sort_by_key(|k| PageKind::ALL.iter().position(|a| a == k));
                            }
                        }
                    }
                })
            };
            view! {
                <div class="check">
                    <input type="checkbox" id=id.clone() prop:checked=checked on:change=toggle/>
                    <label for=id>{kind.label()}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="list-item" id=field_id(&base) tabindex="-1">
            <legend>{label.clone()}</legend>
            <TextField path=format!("{base}.date") label="Datum" hint="Zoals 2026-12-02: jaar, maand, dag."
                get=Arc::new(move |o: &Organisation| o.changes.get(i).map(|c| c.date.clone()).unwrap_or_default())
                set=Arc::new(move |o: &mut Organisation, v: String| if let Some(c) = o.changes.get_mut(i) { c.date = v })/>
            <TextField path=format!("{base}.note") label="Wat is er veranderd?" input=Input::Text
                hint="In een of twee gewone zinnen, voor inwoners."
                get=Arc::new(move |o: &Organisation| o.changes.get(i).map(|c| c.note.clone()).unwrap_or_default())
                set=Arc::new(move |o: &mut Organisation, v: String| if let Some(c) = o.changes.get_mut(i) { c.note = v })/>
            <fieldset class="field" id=pages_id.clone() tabindex="-1" aria-describedby=format!("{pages_id}-uitleg {pages_id}-fout")>
                <legend>"Over welke pagina's?"</legend>
                <p id=format!("{pages_id}-uitleg") class="field-hint">"Niets aangevinkt: over alle pagina's."</p>
                {boxes}
                <Messages path=pages_path.clone()/>
            </fieldset>
            <div class="item-buttons">
                <button type="button" class="remove" aria-label=format!("{label} verwijderen")
                    on:click=remove>"Verwijderen"</button>
            </div>
        </fieldset>
    }
}
