//! "Duidelijke taal": the coach's remarks on the page being edited, under each field
//! and in a panel per page (each linking to its field), dismissable, and the page's
//! reading score. Follows the
//! page once typing pauses (as the checks do); only the number of tips is announced,
//! politely, when it changes. Advice only: nothing here stops a download.

use koers_content::{Block, PageKind};
use leptos::prelude::*;

use crate::coach::{self, Coaching, Remark};
use crate::draft::{field_id, BlockKind, Offer};
use crate::keep;
use crate::state::studio;
use crate::web::{self, Store};

/// The first words of a sentence, to know which one a remark means.
fn opening(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= 6 {
        words.join(" ")
    } else {
        format!("{} …", words[..6].join(" "))
    }
}

/// The tips dismissed in the draft `draft` names, read from the device and kept there
/// as they change; another draft opened brings its own.
pub fn kept_dismissals(draft: RwSignal<String>) -> RwSignal<Vec<String>> {
    let read = |id: &str| {
        keep::read_dismissed(web::get(Store::Local, &keep::dismissed_key(id)).as_deref())
    };
    let dismissed = RwSignal::new(read(&draft.get_untracked()));
    Effect::new(move |before: Option<String>| {
        let id = draft.get();
        if before.is_some_and(|b| b != id) {
            dismissed.set(read(&id));
        }
        id
    });
    Effect::new(move |_| {
        let id = draft.get_untracked();
        let kept = dismissed.with(|d| keep::write_dismissed(d));
        if !id.is_empty() {
            let _ = web::set(Store::Local, &keep::dismissed_key(&id), &kept);
        }
    });
    dismissed
}

/// The coach on the page being edited, shared by its panel and its fields (in
/// context, from the page's form): follows the page once typing pauses.
#[derive(Clone, Copy)]
pub struct PageTips {
    kind: PageKind,
    coaching: Memo<Option<(Coaching, Vec<Block>)>>,
    dismissed: RwSignal<Vec<String>>,
}

impl PageTips {
    /// The coach on page `kind`, provided as context; `dismissed`: the keys of the
    /// tips the editor dismissed.
    pub fn provide(kind: PageKind, dismissed: RwSignal<Vec<String>>) -> PageTips {
        let studio = studio();
        let coaching = Memo::new(move |_| {
            studio.settled.track();
            studio.org.with_untracked(|o| {
                o.pages
                    .get(kind)
                    .map(|p| (coach::page(&p.blocks), p.blocks.clone()))
            })
        });
        let tips = PageTips {
            kind,
            coaching,
            dismissed,
        };
        provide_context(tips);
        tips
    }

    /// The tips not dismissed, each with the type of its block.
    fn shown(&self) -> Vec<(Remark, Option<BlockKind>)> {
        let dismissed = self.dismissed;
        self.coaching.with(|c| {
            c.as_ref()
                .map_or_else(Vec::new, |(Coaching { remarks, .. }, blocks)| {
                    remarks
                        .iter()
                        .filter(|r| dismissed.with(|d| !d.contains(&r.key)))
                        .map(|r| (r.clone(), blocks.get(r.block).map(BlockKind::from)))
                        .collect()
                })
        })
    }

    /// The tips not dismissed on field `field` of block `block`.
    fn at(&self, block: usize, field: &str) -> Vec<Remark> {
        let dismissed = self.dismissed;
        self.coaching.with(|c| {
            c.as_ref().map_or_else(Vec::new, |(c, _)| {
                c.remarks
                    .iter()
                    .filter(|r| r.block == block && r.field == field)
                    .filter(|r| dismissed.with(|d| !d.contains(&r.key)))
                    .cloned()
                    .collect()
            })
        })
    }

    fn dismiss_button(&self, remark: &Remark) -> impl IntoView {
        let dismissed = self.dismissed;
        let key = remark.key.clone();
        view! {
            <button type="button" class="dismiss"
                aria-label=format!("Negeer deze tip: {}", remark.dutch())
                on:click=move |_| dismissed.update(|d| d.push(key.clone()))>"Negeer"</button>
        }
    }
}

/// The coach's tips on the field of `path`, under it (none outside a page's form).
#[component]
pub fn FieldTips(path: String) -> impl IntoView {
    let tips = use_context::<PageTips>();
    let place = tips.and_then(|t| {
        coach::place_of(&path, t.kind.slug()).map(|(block, field)| (block, field.to_string()))
    });
    move || {
        let (tips, (block, field)) = (tips?, place.clone()?);
        let here = tips.at(block, &field);
        (!here.is_empty()).then(|| {
            let items = here
                .iter()
                .map(|r| view! { <li>{r.dutch()} " " {tips.dismiss_button(r)}</li> })
                .collect_view();
            view! { <ul class="coach-hints" aria-label="Tips voor duidelijke taal">{items}</ul> }
        })
    }
}

#[component]
pub fn CoachPanel(tips: PageTips) -> impl IntoView {
    let studio = studio();
    let PageTips { kind, coaching, .. } = tips;
    let shown = move || tips.shown();
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
                    block
                        .map(|b| format!(" ({})", crate::letters::lowercase(b.label())))
                        .unwrap_or_default()
                );
                let quoted = studio.org.with_untracked(|o| {
                    field_text(o, kind, remark.block, &remark.field)
                        .and_then(|t| t.get(remark.range.clone()).map(opening))
                        .unwrap_or_default()
                });
                view! {
                    <li>
                        <a href=href on:click=move |ev| {
                            ev.prevent_default();
                            web::focus_soon(id.clone());
                        }>{place}</a>
                        ": " <q>{quoted}</q> " " {remark.dutch()} " "
                        {tips.dismiss_button(&remark)}
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
            <Show when=move || tips.dismissed.with(|d| !d.is_empty())>
                <button type="button" on:click=move |_| tips.dismissed.set(Vec::new())>
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
