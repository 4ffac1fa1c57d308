//! "Voorstellen" (four eyes): the publishes of an organisation that wait for a second
//! editor, each with what it changes; another editor approves ("Goedkeuren") or sends
//! it back with a remark ("Terugsturen"), which its author then reads here. Its author
//! can take it back ("Voorstel intrekken", asked twice), waiting or returned.

use koers_content::Organisation;
use leptos::prelude::*;

use crate::account::{self, account};
use crate::diff_view::DiffList;
use crate::publish_panel::{publishable, MAX_NOTE};
use crate::server::{self, Failure, Proposal, Published};
use crate::state::studio;
use crate::web;

#[component]
pub fn Proposals() -> impl IntoView {
    let studio = studio();
    let account = account();
    // Drawn again only when what may be published changes, not at every keystroke.
    let target = Memo::new(move |_| publishable(studio, account));
    let proposals = RwSignal::new(None::<Vec<Proposal>>);
    let said = RwSignal::new(String::new());
    let shown = RwSignal::new(None::<(String, Organisation, Organisation)>);
    // Each proposal's remark, by its id: kept when sending back fails.
    let remarks = RwSignal::new(std::collections::HashMap::<String, String>::new());
    // The own proposal whose withdrawal is being confirmed.
    let asking = RwSignal::new(None::<String>);
    let say = move |text: String| {
        said.set(text);
        web::focus_soon("voorstellen-uitkomst".into());
    };
    // The list fetched again; `after`: what a decision said, kept before the count
    // (and focused, as `say` does).
    let load = move |after: Option<String>| {
        let Some((slug, _)) = target.get_untracked() else {
            return;
        };
        koers::browser::fetch::spawn(async move {
            let answer = server::get(&server::org_path(&slug, "voorstellen")).await;
            match answer.map_or(Err(Failure::Network), |(s, b)| {
                server::answer::<Vec<Proposal>>(s, &b)
            }) {
                Ok(list) => {
                    let count = match list.len() {
                        0 => "Er wachten geen voorstellen.".to_string(),
                        1 => "1 voorstel wacht.".into(),
                        n => format!("{n} voorstellen wachten."),
                    };
                    match after {
                        Some(decided) => say(format!("{decided} {count}")),
                        None => said.set(count),
                    }
                    proposals.set(Some(list));
                }
                Err(failure) => say(account.failed(&failure)),
            }
        });
    };
    // Loaded as soon as the organisation wants four eyes: an author sees a remark on
    // their returned proposal without asking.
    Effect::new(move |_| {
        if target.get().is_some_and(|(_, four_eyes)| four_eyes) {
            load(None);
        }
    });
    let show = move |p: Proposal| {
        let Some((slug, _)) = target.get_untracked() else {
            return;
        };
        koers::browser::fetch::spawn(async move {
            let base = server::get(&server::org_path(&slug, &format!("versies/{}", p.basis)))
                .await
                .and_then(|(s, b)| server::answer::<server::Version>(s, &b).ok())
                .and_then(|v| account::organisation_of(&slug, &v))
                .map(|o| o.organisation);
            let new = account::organisation_of(
                &slug,
                &server::Version {
                    versie: String::new(),
                    inhoud: p.inhoud.clone(),
                },
            )
            .map(|o| o.organisation);
            match (base, new) {
                (Some(old), Some(new)) => {
                    shown.set(Some((p.id.clone(), old, new)));
                    say(format!(
                        "Hieronder staat wat het voorstel van {} verandert.",
                        p.auteur
                    ));
                }
                _ => say("Dit voorstel kon niet gelezen worden.".into()),
            }
        });
    };
    let decide = move |id: String, approve: bool| {
        let Some((slug, _)) = target.get_untracked() else {
            return;
        };
        let text =
            remarks.with_untracked(|r| r.get(&id).map_or(String::new(), |t| t.trim().to_string()));
        if !approve && text.is_empty() {
            say("Schrijf eerst een opmerking: waarom stuur je het terug?".into());
            web::focus(&format!("terugsturen-opmerking-{id}"));
            return;
        }
        let (path, body) = if approve {
            (format!("voorstellen/{id}/goedkeuren"), "{}".to_string())
        } else {
            (
                format!("voorstellen/{id}/terugsturen"),
                serde_json::json!({ "opmerking": text }).to_string(),
            )
        };
        let csrf = account.csrf();
        koers::browser::fetch::spawn(async move {
            let answer = server::post(&server::org_path(&slug, &path), body, csrf.as_deref()).await;
            let result = match answer {
                None => Err(Failure::Network),
                Some((204, _)) => Ok(None),
                Some((s, b)) => server::published(s, &b).map(Some),
            };
            let decided = match result {
                Ok(Some(Published::Live(_))) => "Goedgekeurd en gepubliceerd.".to_string(),
                Ok(_) => {
                    remarks.update(|r| {
                        r.remove(&id);
                    });
                    "Teruggestuurd, met je opmerking.".into()
                }
                Err(Failure::Conflict(_)) => "Iemand anders publiceerde intussen: dit voorstel gaat uit van een oudere versie. Stuur het terug.".into(),
                Err(failure) => account.failed(&failure),
            };
            say(decided.clone());
            shown.set(None);
            load(Some(decided));
        });
    };
    let withdraw = move |id: String| {
        let Some((slug, _)) = target.get_untracked() else {
            return;
        };
        let csrf = account.csrf();
        koers::browser::fetch::spawn(async move {
            let path = format!("voorstellen/{id}/intrekken");
            let answer = server::post(
                &server::org_path(&slug, &path),
                "{}".into(),
                csrf.as_deref(),
            )
            .await;
            let result = match answer {
                None => Err(Failure::Network),
                Some((204, _)) => Ok(()),
                Some((s, b)) => server::published(s, &b).map(|_| ()),
            };
            match result {
                Ok(()) => {
                    asking.set(None);
                    shown.set(None);
                    load(Some("Voorstel ingetrokken.".into()));
                }
                Err(failure) => say(format!("Niet ingetrokken. {}", account.failed(&failure))),
            }
        });
    };
    let list = move || {
        proposals.get().map(|list| {
        let me = account.session().map(|s| s.id).unwrap_or_default();
        list.into_iter().map(|p| {
            let own = p.auteur_id == me;
            let heading = format!("{}{}, {}", p.auteur, if own { " (jij)" } else { "" }, server::when(&p.wanneer));
            let returned = p.teruggestuurd.clone().map(|r| view! {
                <p class="returned">{format!("Teruggestuurd door {} ({}): {}", r.door, server::when(&r.wanneer), r.opmerking)}</p>
            });
            let (id, id2, id3, id4, id5) = (p.id.clone(), p.id.clone(), p.id.clone(), p.id.clone(), p.id.clone());
            let field = format!("terugsturen-opmerking-{}", p.id);
            let note = p.notitie.clone();
            // A returned proposal is there for its author to read why; nobody decides on it.
            let decisions = (!own && p.teruggestuurd.is_none()).then(move || view! {
                <button type="button" on:click=move |_| decide(id.clone(), true)>"Goedkeuren"</button>
                <div class="field">
                    <label for=field.clone()>"Opmerking bij terugsturen"</label>
                    <textarea id=field rows="2" maxlength=MAX_NOTE
                        prop:value=move || remarks.with(|r| r.get(&id4).cloned().unwrap_or_default())
                        on:input=move |ev| remarks.update(|r| { r.insert(id5.clone(), event_target_value(&ev)); })></textarea>
                </div>
                <button type="button" on:click=move |_| decide(id2.clone(), false)>"Terugsturen"</button>
            });
            // Its author takes it back, after a second question: nothing is published,
            // and the studio keeps what it holds.
            let (id6, ask_id, yes_id) = (p.id.clone(), format!("intrekken-{}", p.id), format!("intrekken-ja-{}", p.id));
            let withdrawal = own.then_some(move || {
                let (id, ask_id, yes_id) = (id6.clone(), ask_id.clone(), yes_id.clone());
                if asking.get().as_ref() == Some(&id) {
                    view! {
                        <p>"Intrekken haalt dit voorstel weg van de server. Wat nu in je studio staat, verandert niet."</p>
                        <button type="button" id=yes_id on:click=move |_| withdraw(id.clone())>"Ja, trek het in"</button>
                        <button type="button" on:click=move |_| { asking.set(None); web::focus_soon(ask_id.clone()); }>"Niet intrekken"</button>
                    }.into_any()
                } else {
                    view! {
                        <button type="button" id=ask_id on:click=move |_| { asking.set(Some(id.clone())); web::focus_soon(yes_id.clone()); }>"Voorstel intrekken"</button>
                    }.into_any()
                }
            });
            view! {
                <li class="proposal">
                    <h3>{heading}</h3>
                    <p>{note}</p>
                    {returned}
                    <button type="button" on:click=move |_| show(p.clone())>"Bekijk wat er verandert"</button>
                    {move || shown.get().filter(|(id, _, _)| *id == id3).map(|(_, old, new)| view! { <DiffList old new/> })}
                    {decisions}
                    {withdrawal}
                </li>
            }
        }).collect_view()
    })
    };
    move || {
        target.get().filter(|(_, four_eyes)| *four_eyes).map(|_| view! {
        <section class="studio-proposals" aria-labelledby="voorstellen">
            <h2 id="voorstellen">"Voorstellen"</h2>
            <button type="button" on:click=move |_| load(None)>
                {move || if proposals.with(Option::is_some) { "Vernieuw de voorstellen" } else { "Toon de voorstellen" }}
            </button>
            <ul class="proposals">{list}</ul>
            <p id="voorstellen-uitkomst" tabindex="-1" role="status">{move || said.get()}</p>
        </section>
    })
    }
}
