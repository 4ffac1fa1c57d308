//! The fields of the blocks with parts of their own: a contact card (address, phone,
//! fax, e-mail, website, opening hours) and a list of terms with their meaning.

use std::sync::Arc;

use koers::content::{Address, Block, ContactPoint, Definition, OpeningPeriod, Weekday};
use leptos::prelude::*;

use crate::blocks::At;
use crate::draft::field_id;
use crate::fields::{Change, Getter, Input, ItemButtons, Messages, Setter, TextField};
use crate::web::{focus, studio};

fn contact(b: &Block) -> Option<&ContactPoint> {
    match b {
        Block::Contact(c) => Some(c),
        _ => None,
    }
}

fn contact_mut(b: &mut Block) -> Option<&mut ContactPoint> {
    match b {
        Block::Contact(c) => Some(c),
        _ => None,
    }
}

/// A field of the contact card at `at`.
fn contact_field(
    at: At,
    field: String,
    label: &'static str,
    input: Input,
    get: impl Fn(&ContactPoint) -> String + Send + Sync + 'static,
    set: impl Fn(&mut ContactPoint, String) + Send + Sync + 'static,
) -> impl IntoView {
    let read: Getter = Arc::new(move |o| at.get(o).and_then(contact).map(&get).unwrap_or_default());
    let write: Setter = Arc::new(move |o, v| {
        if let Some(c) = at.get_mut(o).and_then(contact_mut) {
            set(c, v);
        }
    });
    view! { <TextField path=format!("{}.{field}", at.path()) label input get=read set=write/> }
}

/// An optional line of the card: left empty, it is left out of the file.
fn optional(
    at: At,
    field: &'static str,
    label: &'static str,
    input: Input,
    place: fn(&mut ContactPoint) -> &mut Option<String>,
) -> impl IntoView {
    contact_field(
        at,
        field.into(),
        label,
        input,
        move |c| place(&mut c.clone()).clone().unwrap_or_default(),
        move |c, v| *place(c) = (!v.is_empty()).then_some(v),
    )
}

/// A line of the address; the address is left out when all its lines are empty.
fn address_line(
    at: At,
    field: &'static str,
    label: &'static str,
    place: fn(&mut Address) -> &mut String,
) -> impl IntoView {
    contact_field(
        at,
        format!("address.{field}"),
        label,
        Input::Line,
        move |c| {
            c.address
                .clone()
                .map(|mut a| place(&mut a).clone())
                .unwrap_or_default()
        },
        move |c, v| {
            let address = c.address.get_or_insert_with(|| Address {
                street: String::new(),
                postcode: String::new(),
                city: String::new(),
            });
            *place(address) = v;
            if address.street.is_empty() && address.postcode.is_empty() && address.city.is_empty() {
                c.address = None;
            }
        },
    )
}

#[component]
pub fn ContactFields(at: At) -> impl IntoView {
    view! {
        {contact_field(at, "name".into(), "Naam van de dienst of het loket", Input::Line,
            |c| c.name.clone(), |c, v| c.name = v)}
        <p class="field-hint">"Vul alleen in wat klopt. Wat je leeg laat, komt niet op de pagina."</p>
        <div class="field-group" id=field_id(&format!("{}.address", at.path()))>
            {address_line(at, "street", "Straat en nummer", |a| &mut a.street)}
            {address_line(at, "postcode", "Postcode", |a| &mut a.postcode)}
            {address_line(at, "city", "Gemeente", |a| &mut a.city)}
        </div>
        {optional(at, "phone", "Telefoon", Input::Phone, |c| &mut c.phone)}
        {optional(at, "fax", "Fax", Input::Phone, |c| &mut c.fax)}
        {optional(at, "email", "E-mail", Input::Email, |c| &mut c.email)}
        {optional(at, "website", "Website", Input::Url, |c| &mut c.website)}
        <Hours at/>
        <Messages path=at.path()/>
    }
}

/// Opening hours: one line per period, a day with two periods (a lunch break) has two.
#[component]
fn Hours(at: At) -> impl IntoView {
    let studio = studio();
    let count = Memo::new(move |_| {
        studio
            .org
            .with(|o| at.get(o).and_then(contact).map_or(0, |c| c.hours.len()))
    });
    let change = move |f: Change<OpeningPeriod>| {
        studio.edit(move |o| {
            if let Some(c) = at.get_mut(o).and_then(contact_mut) {
                f(&mut c.hours);
            }
        })
    };
    let path = format!("{}.hours", at.path());
    let rows = {
        let path = path.clone();
        move || {
            let n = count.get();
            (0..n)
                .map(|i| {
                    let period = format!("{path}[{i}]");
                    let day_id = field_id(&format!("{period}.day"));
                    let time = |field: &'static str, label: &'static str, pick: fn(&mut OpeningPeriod) -> &mut String| {
                        contact_field(at, format!("hours[{i}].{field}"), label, Input::Time,
                            move |c| c.hours.get(i).cloned().map(|mut p| pick(&mut p).clone()).unwrap_or_default(),
                            move |c, v| if let Some(p) = c.hours.get_mut(i) { *pick(p) = v })
                    };
                    let days = Weekday::ALL
                        .into_iter()
                        .map(|d| {
                            let selected = move || studio.org.with(|o| {
                                at.get(o).and_then(contact).and_then(|c| c.hours.get(i)).map(|p| p.day) == Some(d)
                            });
                            view! { <option value=d.index().to_string() selected=selected>{d.name()}</option> }
                        })
                        .collect_view();
                    let on_move = Callback::new(move |up: bool| {
                        change(Box::new(move |h| {
                            crate::draft::move_item(h, i, up);
                        }))
                    });
                    let on_remove = Callback::new(move |()| change(Box::new(move |h| {
                        if i < h.len() {
                            h.remove(i);
                        }
                    })));
                    view! {
                        <fieldset class="period">
                            <legend>{format!("Openingsuren {}", i + 1)}</legend>
                            <div class="field">
                                <label for=day_id.clone()>"Dag"</label>
                                <select id=day_id on:change=move |ev| {
                                    let day = Weekday::from_index(event_target_value(&ev).parse().unwrap_or(0));
                                    change(Box::new(move |h| if let Some(p) = h.get_mut(i) { p.day = day }));
                                }>{days}</select>
                            </div>
                            {time("opens", "Opent (uu:mm)", |p| &mut p.opens)}
                            {time("closes", "Sluit (uu:mm)", |p| &mut p.closes)}
                            <ItemButtons name=format!("Openingsuren {}", i + 1) first=i == 0 last=i + 1 == n on_move on_remove/>
                        </fieldset>
                    }
                })
                .collect_view()
        }
    };
    let group_id = field_id(&path);
    view! {
        <div class="field-group" id=group_id.clone()>
            <h4>"Openingsuren"</h4>
            {rows}
            <button type="button" on:click=move |_| {
                let n = count.get_untracked();
                change(Box::new(|h| h.push(OpeningPeriod {
                    day: Weekday::ALL[0],
                    opens: "09:00".into(),
                    closes: "12:00".into(),
                })));
                focus(&field_id(&format!("{path}[{n}].day")));
            }>"Openingsuren toevoegen"</button>
        </div>
    }
}

fn definitions_mut(b: &mut Block) -> Option<&mut Vec<Definition>> {
    match b {
        Block::Definitions { items } => Some(items),
        _ => None,
    }
}

/// Terms with their meaning.
#[component]
pub fn DefinitionList(at: At) -> impl IntoView {
    let studio = studio();
    let count = Memo::new(move |_| {
        studio.org.with(|o| match at.get(o) {
            Some(Block::Definitions { items }) => items.len(),
            _ => 0,
        })
    });
    let change = move |f: Change<Definition>| {
        studio.edit(move |o| {
            if let Some(items) = at.get_mut(o).and_then(definitions_mut) {
                f(items);
            }
        })
    };
    let path = format!("{}.items", at.path());
    let rows = {
        let path = path.clone();
        move || {
            let n = count.get();
            (0..n)
                .map(|i| {
                    let part = |field: &'static str, label: &'static str, input: Input, pick: fn(&mut Definition) -> &mut String| {
                        let get: Getter = Arc::new(move |o| match at.get(o) {
                            Some(Block::Definitions { items }) => items.get(i).cloned().map(|mut d| pick(&mut d).clone()).unwrap_or_default(),
                            _ => String::new(),
                        });
                        let set: Setter = Arc::new(move |o, v| {
                            if let Some(d) = at.get_mut(o).and_then(definitions_mut).and_then(|l| l.get_mut(i)) {
                                *pick(d) = v;
                            }
                        });
                        view! { <TextField path=format!("{path}[{i}].{field}") label input get set/> }
                    };
                    let on_move = Callback::new(move |up: bool| change(Box::new(move |l| {
                        crate::draft::move_item(l, i, up);
                    })));
                    let on_remove = Callback::new(move |()| change(Box::new(move |l| {
                        if i < l.len() {
                            l.remove(i);
                        }
                    })));
                    view! {
                        <fieldset class="period">
                            <legend>{format!("Begrip {}", i + 1)}</legend>
                            {part("term", "Begrip", Input::Line, |d| &mut d.term)}
                            {part("description", "Uitleg", Input::Text, |d| &mut d.description)}
                            <ItemButtons name=format!("Begrip {}", i + 1) first=i == 0 last=i + 1 == n on_move on_remove/>
                        </fieldset>
                    }
                })
                .collect_view()
        }
    };
    let group_id = field_id(&path);
    view! {
        <div class="field-group" id=group_id.clone()>
            {rows}
            <Messages path=path.clone()/>
            <button type="button" on:click=move |_| {
                let n = count.get_untracked();
                change(Box::new(|l| l.push(Definition { term: String::new(), description: String::new() })));
                focus(&field_id(&format!("{path}[{n}].term")));
            }>"Begrip toevoegen"</button>
        </div>
    }
}
