//! What is still wrong, linked to each field, and the export: the file to download
//! and the line for `index.json`.

use koers_content::PageKind;
use leptos::prelude::*;

use crate::draft::{self, field_id};
use crate::dutch;
use crate::state::{studio, Studio};
use crate::web;

#[component]
pub fn Summary() -> impl IntoView {
    let studio = studio();
    let list = move || {
        studio.problems.with(|problems| {
            problems
                .iter()
                .map(|p| {
                    let id = field_id(&p.path);
                    let href = format!("#{id}");
                    // A field of another page than the one shown: show that page first.
                    let page = p
                        .path
                        .strip_prefix("pages.")
                        .and_then(|rest| rest.split(['.', '[']).next())
                        .and_then(PageKind::from_slug);
                    let text = format!("{}: {}", dutch::field(&p.path), dutch::message(&p.message));
                    view! {
                        <li><a href=href on:click=move |ev| {
                            ev.prevent_default();
                            if let Some(page) = page {
                                studio.page.set(page);
                            }
                            web::focus_soon(id.clone());
                        }>{text}</a></li>
                    }
                })
                .collect_view()
        })
    };
    let count = move || studio.problems.with(Vec::len);
    // Before the editor has typed anything, what is missing is not yet a mistake.
    let untouched = Memo::new(move |_| studio.org.with(|o| *o == draft::empty()));
    let file_problems = move || {
        studio.opened.get().map(|(file, problems)| {
            let items = problems
                .into_iter()
                .map(|p| {
                    let text = format!(
                        "Regel {}, kolom {}: {}: {}",
                        p.line,
                        p.column,
                        if p.path.is_empty() { "het bestand".to_string() } else { p.path.clone() },
                        dutch::message(&p.message)
                    );
                    view! { <li>{text}</li> }
                })
                .collect_view();
            view! {
                <section class="file-problems" aria-labelledby="fouten-bestand">
                    <h2 id="fouten-bestand">{format!("Fouten in {file}")}</h2>
                    <p>"Wat gelezen kon worden, staat in het formulier. Dit las niet goed:"</p>
                    <ul>{items}</ul>
                    <button type="button" on:click=move |_| studio.opened.set(None)>"Verbergen"</button>
                </section>
            }
        })
    };
    view! {
        {file_problems}
        <section
            class="studio-summary"
            aria-labelledby="nakijken"
            aria-busy=move || studio.typing.get().then_some("true")
        >
            <h2 id="nakijken">
                {move || match (untouched.get(), count()) {
                    (true, _) => "Nog in te vullen".to_string(),
                    (_, 0) => "Alles is in orde".to_string(),
                    (_, 1) => "Nog 1 ding te verbeteren".to_string(),
                    (_, n) => format!("Nog {n} dingen te verbeteren"),
                }}
            </h2>
            {move || untouched.get().then(|| view! { <p>"Dit moet er minstens in:"</p> })}
            {move || (count() == 0).then(|| view! { <p>"Je kunt het bestand downloaden."</p> })}
            <ul>{list}</ul>
        </section>
    }
}

/// Downloads the organisation's file; the work is then no longer unsaved.
pub fn download(studio: Studio) {
    let (name, text) = studio
        .org
        .with_untracked(|o| (draft::file_name(o), draft::export(o)));
    if koers::browser::download::save_text(&name, "application/json", &text) {
        studio.unsaved.set(false);
        studio.status.set(format!("{name} is gedownload."));
    }
}

#[component]
pub fn ExportPanel() -> impl IntoView {
    let studio = studio();
    let file = move || studio.org.with(draft::file_name);
    let line = move || studio.org.with(draft::index_line);
    // What changed, asked at the download: added as today's note when given.
    let note = RwSignal::new(String::new());
    let download = move |_| {
        let text = note.get_untracked();
        if !text.trim().is_empty() {
            studio.edit(move |o| crate::changes::add_note(o, text.trim().to_string()));
            note.set(String::new());
        }
        download(studio)
    };
    let copied = RwSignal::new(String::new());
    let copy = move |_| {
        koers::browser::clipboard::copy_text(&line(), move |ok| {
            copied.set(if ok {
                "Gekopieerd.".into()
            } else {
                "Kopiëren lukte niet: selecteer de regel en kopieer ze zelf.".into()
            });
        });
    };
    view! {
        <section class="studio-export" aria-labelledby="downloaden">
            <h2 id="downloaden">"Downloaden"</h2>
            {move || {
                let n = studio.problems.with(Vec::len);
                (n > 0).then(|| view! {
                    <p class="warning">{format!("Let op: er is nog {} te verbeteren. Zo’n bestand neemt de app niet op.", if n == 1 { "1 ding".to_string() } else { format!("{n} dingen") })}</p>
                })
            }}
            <div class="field">
                <label for="wijziging-bij-download">"Wat is er veranderd? (mag leeg)"</label>
                <p id="wijziging-bij-download-uitleg" class="field-hint">
                    "Voor inwoners, in een of twee gewone zinnen. Het komt bovenaan bij ‘Wijzigingen’, met de datum van vandaag."
                </p>
                <textarea id="wijziging-bij-download" rows="2" aria-describedby="wijziging-bij-download-uitleg"
                    maxlength=draft::MAX_FIELD_LENGTH prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))></textarea>
            </div>
            <button type="button" on:click=download>{move || format!("Download {}", file())}</button>
            <p>"Bezorg het bestand aan wie jullie Koers beheert. Die zet het in de map "<code>"public/content"</code>" en voegt deze regel toe aan "<code>"index.json"</code>":"</p>
            <pre class="index-line"><code>{line}</code></pre>
            <button type="button" on:click=copy>"Kopieer de regel"</button>
            <p role="status">{move || copied.get()}</p>
        </section>
    }
}
