//! Where the editor starts: from nothing, from an organisation of this build, or from
//! a JSON file on the computer (chosen, or dropped on the studio).

use koers_content::{parse_index, ContentIndex};
use leptos::prelude::*;

use crate::draft::{self, Opened, Refusal};
use crate::state::{studio, Studio};
use crate::web::{self, FileRead};
use koers_content::{MAX_FILE_BYTES, MAX_PAGE_BLOCKS};

/// Asks before work not yet downloaded is replaced.
fn may_replace(studio: Studio) -> bool {
    !studio.unsaved.get_untracked()
        || web::confirm("Je hebt wijzigingen die je nog niet downloadde. Wil je ze vervangen?")
}

/// Opens what was read of file `name` in the studio; a file over the studio's limits
/// is refused, and said why in `refused`, the work in the studio left as it was.
fn open_read(studio: Studio, refused: RwSignal<String>, name: String, read: FileRead) {
    let opened = match read {
        FileRead::Bytes(bytes) => draft::open(&name, &bytes),
        FileRead::TooLarge(bytes) => Err(Refusal::TooLarge { bytes }),
        FileRead::Failed => Err(Refusal::Unreadable),
    };
    match opened {
        Ok(opened) => {
            refused.set(String::new());
            studio.load(opened, name);
        }
        Err(refusal) => refused.set(refusal.message(&name)),
    }
}

#[component]
pub fn Start() -> impl IntoView {
    let studio = studio();
    let index = RwSignal::new(None::<ContentIndex>);
    web::fetch("/content/index.json".into(), move |bytes| {
        index.set(bytes.and_then(|b| parse_index("content/index.json", &b).ok()));
    });
    let chosen = RwSignal::new(String::new());
    // Why the last file was not opened ("" once one is).
    let refused = RwSignal::new(String::new());
    let new = move |_| {
        if may_replace(studio) {
            refused.set(String::new());
            studio.load(
                Opened {
                    organisation: draft::empty(),
                    problems: Vec::new(),
                },
                "Een nieuw bestuur".into(),
            );
        }
    };
    let open_from_build = move |_| {
        let slug = chosen.get_untracked();
        if slug.is_empty() || !may_replace(studio) {
            return;
        }
        let file = format!("{slug}.json");
        web::fetch(format!("/content/{file}"), move |bytes| match bytes {
            Some(bytes) => open_read(studio, refused, file, FileRead::Bytes(bytes)),
            None => studio.status.set(format!(
                "{file} kon niet geladen worden. Probeer het opnieuw."
            )),
        });
    };
    let on_file = move |ev: leptos::ev::Event| {
        if may_replace(studio) {
            web::read_file(&ev, MAX_FILE_BYTES, move |name, read| {
                open_read(studio, refused, name, read)
            });
        }
    };
    let dragging = RwSignal::new(false);
    view! {
        <section class="studio-start" aria-labelledby="beginnen">
            <h2 id="beginnen">"Beginnen"</h2>
            <div class="start-options">
                <div>
                    <button type="button" on:click=new>"Begin met een nieuw bestuur"</button>
                </div>
                {move || index.get().map(|index| {
                    let options = index.organisations.into_iter()
                        .map(|e| view! { <option value=e.slug.clone()>{e.name}</option> })
                        .collect_view();
                    view! {
                        <div class="field">
                            <label for="uit-de-app">"Of begin van een bestuur in deze app"</label>
                            <select id="uit-de-app" on:change=move |ev| chosen.set(event_target_value(&ev))>
                                <option value="">"Kies een bestuur"</option>
                                {options}
                            </select>
                            <button type="button" on:click=open_from_build>"Openen"</button>
                        </div>
                    }
                })}
                <div class="drop-zone" class:dragging=move || dragging.get()
                    on:dragover=move |ev| { ev.prevent_default(); dragging.set(true); }
                    on:dragleave=move |_| dragging.set(false)
                    on:drop=move |ev: leptos::ev::DragEvent| {
                        ev.prevent_default();
                        dragging.set(false);
                        on_file(ev.into());
                    }>
                    <label for="bestand">"Of open een bestand (.json) van je computer"</label>
                    <input id="bestand" type="file" accept=".json,application/json" on:change=on_file/>
                    <p class="field-hint">"Je kunt het bestand ook hierheen slepen. Een bestand mag hoogstens "
                        {MAX_FILE_BYTES / 1024}" kB zijn, met hoogstens "{MAX_PAGE_BLOCKS}" blokken per pagina."</p>
                    <div class="field-error start-refused" role="alert">
                        {move || refused.with(|r| (!r.is_empty()).then(|| view! { <p>{r.clone()}</p> }))}
                    </div>
                </div>
            </div>
        </section>
    }
}
