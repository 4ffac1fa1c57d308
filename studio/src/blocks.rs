//! A page's blocks in the form: add, remove, move up and down, and each type's fields.
//! A block is edited where it stands (by its place in the page); moving one moves its
//! content, and focus follows it.

use std::sync::Arc;

use koers_content::{Block, PageKind};
use leptos::prelude::*;

use crate::contact::ContactFields;
use crate::draft::{
    block_field, cannot_add_block, field_id, move_item, offered, page_counts, page_mut, At,
    BlockKind, Offer,
};
use crate::fields::{item, set_item, Getter, Input, ItemButtons, Messages, Setter, TextField};
use crate::lists::{item_list, ListOf};
use crate::state::studio;
use crate::web::{focus_first_field_soon, focus_soon};

#[component]
pub fn BlockList(kind: PageKind) -> impl IntoView {
    let studio = studio();
    let count = Memo::new(move |_| {
        studio
            .org
            .with(|o| o.pages.get(kind).map_or(0, |p| p.blocks.len()))
    });
    let chosen = RwSignal::new(offered()[0]);
    // Why no block can be added now: the page is full ("" when it is not).
    let full = Memo::new(move |_| {
        let (blocks, items) = studio.org.with(|o| page_counts(o, kind));
        cannot_add_block(blocks, items, chosen.get()).unwrap_or_default()
    });
    let add = move |_| {
        if !full.get_untracked().is_empty() {
            return;
        }
        let at = At {
            kind,
            index: count.get_untracked(),
        };
        let block = chosen.get_untracked();
        studio.edit(|o| {
            if let Some(page) = page_mut(&mut o.pages, kind) {
                page.blocks.push(block.new_block());
            }
        });
        studio.status.set(format!(
            "Blok {} ({}) is toegevoegd.",
            at.index + 1,
            block.label()
        ));
        focus_first_field_soon(at.id());
    };
    let options = offered()
        .into_iter()
        .enumerate()
        .map(|(i, k)| view! { <option value=i.to_string()>{k.label()}</option> })
        .collect_view();
    let blocks_path = format!("pages.{}.blocks", kind.slug());
    let group_id = field_id(&blocks_path);
    view! {
        <div class="block-list" id=group_id.clone()>
            <h3>"Blokken"</h3>
            <Messages path=blocks_path/>
            {move || (0..count.get()).map(|index| view! { <BlockEditor at=At { kind, index } count/> }).collect_view()}
            <div class="add-block">
                <label for=format!("nieuw-blok-{}", kind.slug())>"Nieuw blok"</label>
                <select id=format!("nieuw-blok-{}", kind.slug())
                    on:change=move |ev| {
                        let i: usize = event_target_value(&ev).parse().unwrap_or(0);
                        let kinds = offered();
                        chosen.set(kinds[i.min(kinds.len() - 1)]);
                    }>
                    {options}
                </select>
                <button type="button" on:click=add disabled=move || !full.get().is_empty()
                    aria-describedby=format!("vol-{}", kind.slug())>"Blok toevoegen"</button>
                <p class="field-hint" id=format!("vol-{}", kind.slug())>{move || full.get()}</p>
            </div>
        </div>
    }
}

#[component]
fn BlockEditor(at: At, count: Memo<usize>) -> impl IntoView {
    let studio = studio();
    let block_kind = Memo::new(move |_| studio.org.with(|o| at.get(o).map(BlockKind::from)));
    let name = format!("Blok {}", at.index + 1);
    let on_move = Callback::new(move |up: bool| {
        let mut to = at.index;
        studio.edit(|o| {
            if let Some(page) = page_mut(&mut o.pages, at.kind) {
                to = move_item(&mut page.blocks, at.index, up);
            }
        });
        studio.status.set(format!(
            "Blok {} staat nu op plaats {}.",
            at.index + 1,
            to + 1
        ));
        focus_soon(At { index: to, ..at }.id());
    });
    let on_remove = Callback::new(move |()| {
        studio.edit(|o| {
            if let Some(page) = page_mut(&mut o.pages, at.kind) {
                if at.index < page.blocks.len() {
                    page.blocks.remove(at.index);
                }
            }
        });
        studio
            .status
            .set(format!("Blok {} is verwijderd.", at.index + 1));
        focus_soon(format!("nieuw-blok-{}", at.kind.slug()));
    });
    let legend = move || {
        format!(
            "Blok {}: {}",
            at.index + 1,
            block_kind.get().map_or("", BlockKind::label)
        )
    };
    view! {
        <fieldset class="block-editor" id=at.id() tabindex="-1">
            <legend>{legend}</legend>
            // The list is drawn again when it grows or shrinks, so the count is current.
            <ItemButtons name first=at.index == 0 last={at.index + 1 >= count.get_untracked()}
                on_move on_remove/>
            {move || block_kind.get().map(|kind| fields(at, kind))}
        </fieldset>
    }
}

/// The fields of a block of type `kind`.
fn fields(at: At, kind: BlockKind) -> AnyView {
    match kind {
        BlockKind::Paragraph => {
            text_field(at, "text", "Tekst", Input::Text, text, text_mut).into_any()
        }
        BlockKind::Heading => {
            text_field(at, "text", "Tussentitel", Input::Line, text, text_mut).into_any()
        }
        BlockKind::Quote => view! {
            {text_field(at, "text", "Citaat", Input::Text, text, text_mut)}
            {text_field(at, "source", "Bron", Input::Line,
                |b| match b { Block::Quote { source, .. } => Some(source), _ => None },
                |b| match b { Block::Quote { source, .. } => Some(source), _ => None })}
        }
        .into_any(),
        BlockKind::Link => view! {
            {text_field(at, "label", "Linktekst", Input::Line,
                |b| match b { Block::Link { label, .. } => Some(label), _ => None },
                |b| match b { Block::Link { label, .. } => Some(label), _ => None })}
            {text_field(at, "href", "Adres van de link (https://, tel: of mailto:)", Input::Url,
                |b| match b { Block::Link { href, .. } => Some(href), _ => None },
                |b| match b { Block::Link { href, .. } => Some(href), _ => None })}
        }
        .into_any(),
        BlockKind::List => string_list(at, "items", "Item", list_items, list_items_mut).into_any(),
        BlockKind::Theme => view! {
            {text_field(at, "title", "Thema", Input::Line,
                |b| match b { Block::Theme { title, .. } => Some(title), _ => None },
                |b| match b { Block::Theme { title, .. } => Some(title), _ => None })}
            {string_list(at, "ambitions", "Ambitie", ambitions, ambitions_mut)}
        }
        .into_any(),
        BlockKind::Definitions => crate::contact::definition_list(at).into_any(),
        BlockKind::Contact => view! { <ContactFields at/> }.into_any(),
    }
}

block_field!(text, text_mut -> String,
    Block::Paragraph { text } | Block::Heading { text } | Block::Quote { text, .. } => text);
block_field!(list_items, list_items_mut -> Vec<String>, Block::List { items } => items);
block_field!(ambitions, ambitions_mut -> Vec<String>, Block::Theme { ambitions, .. } => ambitions);

/// A list of lines in a block (a list's items, a theme's ambitions).
fn string_list(
    at: At,
    field: &'static str,
    name: &'static str,
    read: fn(&Block) -> Option<&Vec<String>>,
    write: fn(&mut Block) -> Option<&mut Vec<String>>,
) -> impl IntoView {
    let of = ListOf {
        at,
        field,
        read,
        write,
        name,
        new: String::new,
        first: "",
    };
    item_list(of, None, move |i| {
        view! {
            <TextField path=format!("{}.{field}[{i}]", at.path()) label="Tekst"
                get=Arc::new(move |o| at.get(o).and_then(read).map(|l| item(l, i)).unwrap_or_default())
                set=Arc::new(move |o, v| if let Some(l) = at.get_mut(o).and_then(write) { set_item(l, i, v) })/>
        }
        .into_any()
    })
}

/// A text field of the block at `at`: `read` and `write` pick the field out of it.
fn text_field(
    at: At,
    field: &str,
    label: &'static str,
    input: Input,
    read: fn(&Block) -> Option<&String>,
    write: fn(&mut Block) -> Option<&mut String>,
) -> impl IntoView {
    let get: Getter = Arc::new(move |o| at.get(o).and_then(read).cloned().unwrap_or_default());
    let set: Setter = Arc::new(move |o, v| {
        if let Some(place) = at.get_mut(o).and_then(write) {
            *place = v;
        }
    });
    view! { <TextField path=format!("{}.{field}", at.path()) label input get set/> }
}
