//! "Duidelijke taal": the coach's remarks on the page being edited, per block, each
//! linking to its field and dismissable, and the page's reading score. Follows the
//! page once typing pauses (as the checks do); only the number of tips is announced,
//! politely, when it changes. Advice only: nothing here stops a download.

use koers_content::PageKind;
use leptos::prelude::*;

use crate::coach::{self, Coaching};
use crate::draft::{field_id, BlockKind};
use crate::state::studio;
use crate::web;

/// The first words of a sentence, to know which one a remark means.
fn opening(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= 6 {
        words.join(" ")
    } else {
        format!("{} …", words[..6].join(" "))
    }
}

#[component]
pub fn CoachPanel(kind: PageKind, dismissed: RwSignal<Vec<String>>) -> impl IntoView {
    let studio = studio();
    let coaching = Memo::new(move |_| {
        studio.settled.track();
        studio.org.with_untracked(|o| {
            o.pages
                .get(kind)
                .map(|p| (coach::page(&p.blocks), p.blocks.clone()))
        })
    });
    let shown = move || {
        coaching.with(|c| {
            c.as_ref()
                .map_or_else(Vec::new, |(Coaching { remarks, .. }, blocks)| {
                    remarks
                        .iter()
                        .filter(|r| dismissed.with(|d| !d.contains(&r.key)))
                        .map(|r| (r.clone(), blocks.get(r.block).map(BlockKind::of)))
                        .collect::<Vec<_>>()
                })
        })
    };
    let count = Memo::new(move |_| shown().len());
    let score = move || {
        coaching.with(|c| {
            c.as_ref()
                .and_then(|(c, _)| c.reading.dutch())
                .unwrap_or_else(|| "Nog geen tekst om te beoordelen.".into())
        })
    };
    let said = move || match count.get() {
        0 => "Geen tips voor duidelijke taal op deze pagina.".to_string(),
        1 => "1 tip voor duidelijke taal.".to_string(),
        n => format!("{n} tips voor duidelijke taal."),
    };
    let list = move || {
        shown()
            .into_iter()
            .map(|(remark, block)| {
                let path = remark.path(kind.slug());
                let id = field_id(&path);
                let href = format!("#{id}");
                let place = format!(
                    "Blok {}{}",
                    remark.block + 1,
                    block.map(|b| format!(" ({})", crate::letters::lowercase(b.label()))).unwrap_or_default()
                );
                let quoted = studio.org.with_untracked(|o| {
                    field_text(o, kind, remark.block, &remark.field)
                        .and_then(|t| t.get(remark.range.clone()).map(opening))
                        .unwrap_or_default()
                });
                let key = remark.key.clone();
                let text = remark.dutch();
                view! {
                    <li>
                        <a href=href on:click=move |ev| {
                            ev.prevent_default();
                            web::focus_soon(id.clone());
                        }>{place}</a>
                        ": " <q>{quoted}</q> " " {text.clone()} " "
                        <button type="button" class="dismiss"
                            aria-label=format!("Negeer deze tip: {text}")
                            on:click=move |_| dismissed.update(|d| d.push(key.clone()))>"Negeer"</button>
                    </li>
                }
            })
            .collect_view()
    };
    let heading_id = format!("coach-{}", kind.slug());
    let labelled_by = heading_id.clone();
    view! {
        <section class="coach" aria-labelledby=labelled_by>
            <h3 id=heading_id>"Duidelijke taal"</h3>
            <p class="field-hint">
                "Tips om de pagina makkelijker leesbaar te maken voor alle inwoners. "
                "Het zijn tips, geen fouten: downloaden en publiceren kan altijd."
            </p>
            <p class="coach-score">{score}</p>
            <p class="coach-count" role="status">{said}</p>
            <ul class="coach-remarks">{list}</ul>
            <Show when=move || dismissed.with(|d| !d.is_empty())>
                <button type="button" on:click=move |_| dismissed.set(Vec::new())>
                    "Toon de genegeerde tips weer"
                </button>
            </Show>
        </section>
    }
}

/// The text of field `field` of block `block` on page `kind`, as the coach read it.
fn field_text(
    org: &koers_content::Organisation,
    kind: PageKind,
    block: usize,
    field: &str,
) -> Option<String> {
    let block = org.pages.get(kind)?.blocks.get(block)?;
    coach::field(block, field).map(str::to_string)
}
