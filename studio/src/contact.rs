//! The fields of the blocks with parts of their own: a contact card (address, phone,
//! fax, e-mail, website, opening hours) and a list of terms with their meaning.

use std::sync::Arc;

use koers_content::{Address, Block, ContactPoint, Definition, OpeningPeriod, Weekday};
use leptos::prelude::*;

use crate::draft::{block_field, field_id, At};
use crate::fields::{Getter, Input, Messages, Setter, TextField};
use crate::lists::{change_of, item_list, ListOf};
use crate::state::studio;

block_field!(contact, contact_mut -> ContactPoint, Block::Contact(c) => c);

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
        {opening_hours(at)}
        <Messages path=at.path()/>
    }
}

fn hours(b: &Block) -> Option<&Vec<OpeningPeriod>> {
    contact(b).map(|c| &c.hours)
}

fn hours_mut(b: &mut Block) -> Option<&mut Vec<OpeningPeriod>> {
    contact_mut(b).map(|c| &mut c.hours)
}

/// Opening hours: one line per period, a day with two periods (a lunch break) has two.
fn opening_hours(at: At) -> impl IntoView {
    let studio = studio();
    let of = ListOf {
        at,
        field: "hours",
        read: hours,
        write: hours_mut,
        name: "Openingsuren",
        new: || OpeningPeriod {
            day: Weekday::ALL[0],
            opens: "09:00".into(),
            closes: "12:00".into(),
        },
        first: ".day",
    };
    let change = change_of(at, hours_mut);
    item_list(of, Some("Openingsuren"), move |i| {
        let day_id = field_id(&format!("{}.hours[{i}].day", at.path()));
        let time = |field: &'static str,
                    label: &'static str,
                    pick: fn(&mut OpeningPeriod) -> &mut String| {
            contact_field(
                at,
                format!("hours[{i}].{field}"),
                label,
                Input::Time,
                move |c| {
                    c.hours
                        .get(i)
                        .cloned()
                        .map(|mut p| pick(&mut p).clone())
                        .unwrap_or_default()
                },
                move |c, v| {
                    if let Some(p) = c.hours.get_mut(i) {
                        *pick(p) = v
                    }
                },
            )
        };
        let days = Weekday::ALL
            .into_iter()
            .map(|d| {
                let selected = move || {
                    studio.org.with(|o| {
                        at.get(o)
                            .and_then(hours)
                            .and_then(|h| h.get(i))
                            .map(|p| p.day)
                            == Some(d)
                    })
                };
                view! { <option value=d.index().to_string() selected=selected>{d.name()}</option> }
            })
            .collect_view();
        view! {
            <div class="field">
                <label for=day_id.clone()>"Dag"</label>
                <select id=day_id on:change=move |ev| {
                    let day = Weekday::from_index(event_target_value(&ev).parse().unwrap_or(0));
                    change(Box::new(move |h| if let Some(p) = h.get_mut(i) { p.day = day }));
                }>{days}</select>
            </div>
            {time("opens", "Opent (uu:mm)", |p| &mut p.opens)}
            {time("closes", "Sluit (uu:mm)", |p| &mut p.closes)}
        }
        .into_any()
    })
}

block_field!(definitions, definitions_mut -> Vec<Definition>,
    Block::Definitions { items } => items);

/// Terms with their meaning.
pub fn definition_list(at: At) -> impl IntoView {
    let of = ListOf {
        at,
        field: "items",
        read: definitions,
        write: definitions_mut,
        name: "Begrip",
        new: || Definition {
            term: String::new(),
            description: String::new(),
        },
        first: ".term",
    };
    item_list(of, None, move |i| {
        let part = |field: &'static str,
                    label: &'static str,
                    input: Input,
                    pick: fn(&mut Definition) -> &mut String| {
            let get: Getter = Arc::new(move |o| {
                at.get(o)
                    .and_then(definitions)
                    .and_then(|l| l.get(i))
                    .cloned()
                    .map(|mut d| pick(&mut d).clone())
                    .unwrap_or_default()
            });
            let set: Setter = Arc::new(move |o, v| {
                if let Some(d) = at
                    .get_mut(o)
                    .and_then(definitions_mut)
                    .and_then(|l| l.get_mut(i))
                {
                    *pick(d) = v;
                }
            });
            view! { <TextField path=format!("{}.items[{i}].{field}", at.path()) label input get set/> }
        };
        view! {
            {part("term", "Begrip", Input::Line, |d| &mut d.term)}
            {part("description", "Uitleg", Input::Text, |d| &mut d.description)}
        }
        .into_any()
    })
}
