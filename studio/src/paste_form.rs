//! "Plak een bestaande pagina": per page, a field to paste a page from the
//! organisation's website or a Word document into. Its blocks go after the page's
//! own at once (the form and the preview follow), what was left out is said, and the
//! paste can be undone in one step while nothing changed on the page after it.

use koers_content::{Page, PageKind};
use leptos::prelude::*;

use crate::draft::{self, page_mut};
use crate::paste;
use crate::state::studio;
use crate::web::{self, Clipboard};

/// What a page's paste leaves behind, kept by the page's form: the field is drawn
/// anew when a paste adds the page (or its undoing removes it).
#[derive(Clone, Copy)]
pub struct Pasting {
    /// The page before and after the last paste: undone only while it is still as
    /// the paste left it.
    undo: RwSignal<Option<(Option<Page>, Page)>>,
    /// What the last paste did, as said.
    told: RwSignal<String>,
}

impl Pasting {
    pub fn new() -> Pasting {
        Pasting {
            undo: RwSignal::new(None),
            told: RwSignal::new(String::new()),
        }
    }
}

#[component]
pub fn PastePage(kind: PageKind, pasting: Pasting) -> impl IntoView {
    let studio = studio();
    let Pasting { undo, told } = pasting;
    let typed = RwSignal::new(String::new());
    let area_id = format!("plakken-{}", kind.slug());
    let area = area_id.clone();
    let hint_id = format!("plakken-uitleg-{}", kind.slug());
    let apply = move |clipboard: Clipboard| {
        let title = studio.org.with_untracked(|o| {
            o.pages
                .get(kind)
                .map(|p| p.title.clone())
                .unwrap_or_default()
        });
        let pasted = match clipboard {
            Clipboard::Html(root) => paste::from_html(&root, kind, &title),
            Clipboard::Text(text) => paste::from_text(&text, kind, &title),
        };
        let before = studio.org.with_untracked(|o| o.pages.get(kind).cloned());
        let mut added = paste::Added::default();
        if !pasted.blocks.is_empty() {
            studio.edit(|o| {
                let page = page_mut(&mut o.pages, kind).get_or_insert_with(draft::empty_page);
                added = paste::add_to(page, pasted.blocks.clone());
            });
            let after = studio.org.with_untracked(|o| o.pages.get(kind).cloned());
            if before.is_none() {
                // The page is new: its form, this field included, is drawn anew.
                web::focus_soon(area.clone());
            }
            undo.set(after.map(|after| (before, after)));
        }
        let said = paste::summary(&added, &pasted.told());
        told.set(said.clone());
        studio.status.set(said);
    };
    let on_paste = {
        let apply = apply.clone();
        move |ev: leptos::ev::ClipboardEvent| {
            if let Some(clipboard) = web::clipboard_page(&ev) {
                ev.prevent_default();
                apply(clipboard);
            }
        }
    };
    let convert = move |_| {
        let text = typed.get_untracked();
        if !text.trim().is_empty() {
            typed.set(String::new());
            apply(Clipboard::Text(text));
        }
    };
    let can_undo = Memo::new(move |_| {
        undo.with(|u| {
            u.as_ref()
                .is_some_and(|(_, after)| studio.org.with(|o| o.pages.get(kind) == Some(after)))
        })
    });
    let undo_paste = {
        let area_id = area_id.clone();
        move |_| {
            if let Some((before, _)) = undo.get_untracked() {
                studio.edit(|o| *page_mut(&mut o.pages, kind) = before);
                undo.set(None);
                told.set(String::new());
                studio.status.set("Het plakken is ongedaan gemaakt.".into());
                web::focus_soon(area_id.clone());
            }
        }
    };
    let heading_id = format!("{area_id}-kop");
    let labelled_by = heading_id.clone();
    view! {
        <section class="paste-page" aria-labelledby=labelled_by>
            <h3 id=heading_id>"Plak een bestaande pagina"</h3>
            <p class="field-hint" id=hint_id.clone()>
                "Kopieer de pagina op jullie website of in een Word-document en plak ze hier. "
                "Tussentitels, alinea’s, opsommingen, citaten en contactgegevens worden blokken, "
                "na de blokken die er al staan. Menu’s, knoppen en afbeeldingen laten we weg."
            </p>
            <div class="field">
                <label for=area_id.clone()>"Plak hier de pagina"</label>
                <textarea id=area_id.clone() rows="3" aria-describedby=hint_id
                    prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev))
                    on:paste=on_paste></textarea>
            </div>
            <div class="paste-buttons">
                <button type="button" on:click=convert
                    disabled=move || typed.with(|t| t.trim().is_empty())>"Maak er blokken van"</button>
                <Show when=move || can_undo.get()>
                    <button type="button" on:click=undo_paste.clone()>"Plakken ongedaan maken"</button>
                </Show>
            </div>
            <p class="paste-told">{move || told.get()}</p>
        </section>
    }
}
