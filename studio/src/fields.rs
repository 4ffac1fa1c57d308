//! One form field: its label, its input, a hint, and the checks' messages about it in
//! Dutch, tied to the input for screen readers. Every field reads and writes one place
//! of the organisation, named by its path as the checks name it.

use std::sync::Arc;

use koers_content::Organisation;
use leptos::prelude::*;

use crate::coach_panel::FieldTips;
use crate::draft::{field_id, problems_at, thousands, MAX_FIELD_LENGTH};
use crate::dutch;
use crate::state::studio;

/// Reads a field's value from the organisation.
pub type Getter = Arc<dyn Fn(&Organisation) -> String + Send + Sync>;
/// Writes a field's value into the organisation.
pub type Setter = Arc<dyn Fn(&mut Organisation, String) + Send + Sync>;

/// A change to a list of a block (its items, a card's opening hours…).
pub type Change<T> = Box<dyn FnOnce(&mut Vec<T>)>;

/// How a field is typed in.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Line,
    Text,
    Phone,
    Email,
    Url,
    Time,
}

impl Input {
    fn kind(self) -> &'static str {
        match self {
            Input::Line | Input::Text | Input::Time => "text",
            Input::Phone => "tel",
            Input::Email => "email",
            Input::Url => "url",
        }
    }
}

/// The Dutch messages of the checks about exactly `path`.
pub fn messages(path: &str) -> Memo<Vec<String>> {
    let path = path.to_string();
    let problems = studio().problems;
    Memo::new(move |_| {
        problems.with(|ps| {
            problems_at(ps, &path)
                .map(|p| dutch::message(&p.message))
                .collect()
        })
    })
}

/// The messages of `path`, under the field or group they concern.
#[component]
pub fn Messages(path: String) -> impl IntoView {
    let id = format!("{}-fout", field_id(&path));
    let messages = messages(&path);
    view! {
        <div id=id class="field-error">
            {move || messages.get().into_iter().map(|m| view! { <p>{m}</p> }).collect_view()}
        </div>
    }
}

#[component]
pub fn TextField(
    path: String,
    label: &'static str,
    get: Getter,
    set: Setter,
    #[prop(default = Input::Line)] input: Input,
    #[prop(optional)] hint: &'static str,
) -> impl IntoView {
    let studio = studio();
    let id = field_id(&path);
    let error_id = format!("{id}-fout");
    let hint_id = format!("{id}-uitleg");
    let messages = messages(&path);
    let invalid = move || (!messages.with(Vec::is_empty)).to_string();
    let described = if hint.is_empty() {
        error_id.clone()
    } else {
        format!("{hint_id} {error_id}")
    };
    let value = move || studio.org.with(|o| get(o));
    // Said when the field is full, or a paste would not fit ("" otherwise).
    let limit = RwSignal::new(String::new());
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        limit.set(full(text.encode_utf16().count()).unwrap_or_default());
        let set = set.clone();
        studio.edit(move |o| set(o, text));
    };
    // The browser would cut a long paste off at `maxlength` without a word: refused.
    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        if let Some(message) = crate::web::length_after_paste(&ev).and_then(too_long_to_paste) {
            ev.prevent_default();
            limit.set(message);
        }
    };
    let field = match input {
        Input::Text => view! {
            <textarea id=id.clone() rows="4" aria-invalid=invalid aria-describedby=described.clone()
                maxlength=MAX_FIELD_LENGTH prop:value=value on:input=on_input on:paste=on_paste></textarea>
        }
        .into_any(),
        _ => view! {
            <input id=id.clone() type=input.kind() aria-invalid=invalid aria-describedby=described.clone()
                autocomplete="off" inputmode=(input == Input::Time).then_some("numeric")
                maxlength=MAX_FIELD_LENGTH prop:value=value on:input=on_input on:paste=on_paste/>
        }
        .into_any(),
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {(!hint.is_empty()).then(|| view! { <p id=hint_id class="field-hint">{hint}</p> })}
            {field}
            {move || limit.with(|m| (!m.is_empty()).then(|| view! { <div class="field-error" role="alert"><p>{m.clone()}</p></div> }))}
            <Messages path=path.clone()/>
            <FieldTips path/>
        </div>
    }
}

/// What to say when a field holds `length` code units: full at `MAX_FIELD_LENGTH`.
pub fn full(length: usize) -> Option<String> {
    (length >= MAX_FIELD_LENGTH).then(|| {
        format!(
            "Dit veld is vol: het houdt hoogstens {} tekens. Verdeel de tekst over meer blokken.",
            thousands(MAX_FIELD_LENGTH)
        )
    })
}

/// What to say when a paste would make a field `length` code units long; `None` when
/// it fits.
pub fn too_long_to_paste(length: usize) -> Option<String> {
    (length > MAX_FIELD_LENGTH).then(|| {
        format!(
            "Niet geplakt: de tekst zou {} tekens lang worden, en een veld houdt er hoogstens {}. Plak hem in delen, in meer blokken.",
            thousands(length),
            thousands(MAX_FIELD_LENGTH)
        )
    })
}

/// The item at `index` of a list, as a field reads it.
pub fn item(list: &[String], index: usize) -> String {
    list.get(index).cloned().unwrap_or_default()
}

/// Sets the item at `index` of a list, if it is there.
pub fn set_item(list: &mut [String], index: usize, value: String) {
    if let Some(item) = list.get_mut(index) {
        *item = value;
    }
}

/// The buttons that move an item of a list up or down and remove it; `name` says
/// which item ("blok 2", "item 3") to screen readers.
#[component]
pub fn ItemButtons(
    name: String,
    first: bool,
    last: bool,
    on_move: Callback<bool>,
    on_remove: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="item-buttons">
            <button type="button" disabled=first aria-label=format!("{name} naar boven")
                on:click=move |_| on_move.run(true)>"↑ Naar boven"</button>
            <button type="button" disabled=last aria-label=format!("{name} naar beneden")
                on:click=move |_| on_move.run(false)>"↓ Naar beneden"</button>
            <button type="button" class="remove" aria-label=format!("{name} verwijderen")
                on:click=move |_| on_remove.run(())>"Verwijderen"</button>
        </div>
    }
}
