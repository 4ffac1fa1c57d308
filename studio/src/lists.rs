//! A list inside a block, edited item by item: a list's items, a theme's ambitions, a
//! card's opening hours, terms with their meaning. Each item is a group with its own
//! fields and its buttons (up, down, remove); a button adds one. Focus follows the
//! item: to its first field once it is added or moved.

use koers_content::Block;
use leptos::prelude::*;

use crate::draft::{cannot_add_item, field_id, move_item, page_counts, At};
use crate::fields::{Change, ItemButtons, Messages};
use crate::state::studio;
use crate::web::focus_soon;

/// Which list of which block, and how its items are named and made.
pub struct ListOf<T: 'static> {
    pub at: At,
    /// The list's field in the block, as the checks' paths name it ("items", "hours").
    pub field: &'static str,
    pub read: fn(&Block) -> Option<&Vec<T>>,
    pub write: fn(&mut Block) -> Option<&mut Vec<T>>,
    /// What an item is called: "Item 2", "Item toevoegen".
    pub name: &'static str,
    /// A new item.
    pub new: fn() -> T,
    /// The item's first field after its path ("" for a line, ".day", ".term").
    pub first: &'static str,
}

/// Edits the list `write` finds in the block at `at`.
pub fn change_of<T: 'static>(
    at: At,
    write: fn(&mut Block) -> Option<&mut Vec<T>>,
) -> impl Fn(Change<T>) + Copy + Send + Sync + 'static {
    let studio = studio();
    move |f: Change<T>| {
        studio.edit(move |o| {
            if let Some(list) = at.get_mut(o).and_then(write) {
                f(list);
            }
        })
    }
}

/// The list `of`, each item drawn by `fields(i)`; `heading` above it when given.
pub fn item_list<T: Send + Sync + 'static>(
    of: ListOf<T>,
    heading: Option<&'static str>,
    fields: impl Fn(usize) -> AnyView + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let studio = studio();
    let ListOf {
        at,
        field,
        read,
        write,
        name,
        new,
        first,
    } = of;
    let count = Memo::new(move |_| {
        studio
            .org
            .with(|o| at.get(o).and_then(read).map_or(0, Vec::len))
    });
    let change = change_of(at, write);
    let path = format!("{}.{field}", at.path());
    let group_id = field_id(&path);
    let focus_item = {
        let path = path.clone();
        move |i: usize| focus_soon(field_id(&format!("{path}[{i}]{first}")))
    };
    let add_id = format!("{group_id}-toevoegen");
    let focus_added = focus_item.clone();
    let add_for_rows = add_id.clone();
    let rows = move || {
        let n = count.get();
        (0..n)
            .map(|i| {
                let on_move = Callback::new({
                    let focus_item = focus_item.clone();
                    move |up: bool| {
                        change(Box::new(move |l: &mut Vec<T>| {
                            move_item(l, i, up);
                        }));
                        let to = if up {
                            i.saturating_sub(1)
                        } else {
                            (i + 1).min(n - 1)
                        };
                        studio.status.set(format!(
                            "{name} {} staat nu op plaats {}.",
                            i + 1,
                            to + 1
                        ));
                        focus_item(to);
                    }
                });
                let add_id = add_for_rows.clone();
                let on_remove = Callback::new(move |()| {
                    change(Box::new(move |l: &mut Vec<T>| {
                        if i < l.len() {
                            l.remove(i);
                        }
                    }));
                    studio
                        .status
                        .set(format!("{name} {} is verwijderd.", i + 1));
                    focus_soon(add_id.clone());
                });
                let label = format!("{name} {}", i + 1);
                view! {
                    <fieldset class="list-item">
                        <legend>{label.clone()}</legend>
                        {fields.clone()(i)}
                        <ItemButtons name=label first=i == 0 last=i + 1 == n on_move on_remove/>
                    </fieldset>
                }
            })
            .collect_view()
    };
    // Why no item can be added now: the page's lists are full ("" when they are not).
    let full = Memo::new(move |_| {
        let items = studio.org.with(|o| page_counts(o, at.kind).1);
        cannot_add_item(items).unwrap_or_default()
    });
    let add = move |_| {
        if !full.get_untracked().is_empty() {
            return;
        }
        let n = count.get_untracked();
        change(Box::new(move |l: &mut Vec<T>| l.push(new())));
        studio
            .status
            .set(format!("{name} {} is toegevoegd.", n + 1));
        focus_added(n);
    };
    view! {
        <div class="field-group" id=group_id.clone()>
            {heading.map(|h| view! { <h4>{h}</h4> })}
            {rows}
            <Messages path=path.clone()/>
            <button type="button" id=add_id on:click=add disabled=move || !full.get().is_empty()
                aria-describedby=format!("{group_id}-vol")>{format!("{name} toevoegen")}</button>
            <p class="field-hint" id=format!("{group_id}-vol")>{move || full.get()}</p>
        </div>
    }
}
