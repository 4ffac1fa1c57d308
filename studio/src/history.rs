//! "Geschiedenis" on a Koers server: every publish of the organisation (who, when,
//! note), what changed between two versions (or a version and the work in the studio),
//! and "Zet deze versie terug": a new publish of an old version, after asking.

use koers_content::Organisation;
use leptos::prelude::*;

use crate::account::{self, account};
use crate::diff_view::DiffList;
use crate::publish_panel::{publishable, MAX_NOTE};
use crate::server::{self, Entry, Failure, Published};
use crate::state::studio;
use crate::web;

/// In the comparison: the work in the studio, not yet published.
const DRAFT: &str = "concept";

#[component]
pub fn History() -> impl IntoView {
    let studio = studio();
    let account = account();
    // Drawn again only when what may be published changes, not at every keystroke.
    let target = Memo::new(move |_| publishable(studio, account));
    let entries = RwSignal::new(None::<Vec<Entry>>);
    let said = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let compared = RwSignal::new(None::<(Organisation, Organisation)>);
    let note = RwSignal::new(String::new());
    let say = move |text: String| {
        said.set(text);
        web::focus_soon("geschiedenis-uitkomst".into());
    };
    // The history fetched again; `after`: what a rollback said, kept before the count
    // (and focused, as `say` does).
    let load = move |after: Option<String>| {
        let Some((slug, _)) = target.get_untracked() else {
            return;
        };
        if after.is_none() {
            said.set("De geschiedenis wordt geladen…".into());
        }
        koers::browser::fetch::spawn(async move {
            let answer = server::get(&server::org_path(&slug, "geschiedenis")).await;
            match answer.map_or(Err(Failure::Network), |(s, b)| {
                server::answer::<Vec<Entry>>(s, &b)
            }) {
                Ok(list) => {
                    from.set(
                        list.get(1)
                            .or(list.first())
                            .map(|e| e.versie.clone())
                            .unwrap_or_default(),
                    );
                    to.set(list.first().map(|e| e.versie.clone()).unwrap_or_default());
                    let count = format!("{} versies.", list.len());
                    match after {
                        Some(done) => say(format!("{done} {count}")),
                        None => said.set(count),
                    }
                    entries.set(Some(list));
                }
                Err(failure) => say(account.failed(&failure)),
            }
        });
    };
    let compare = move |_| {
        let Some((slug, _)) = target.get_untracked() else {
            return;
        };
        let (a, b) = (from.get_untracked(), to.get_untracked());
        said.set("De versies worden vergeleken…".into());
        koers::browser::fetch::spawn(async move {
            let read = |version: String| {
                let slug = slug.clone();
                async move {
                    if version == DRAFT {
                        return Some(studio.org.get_untracked());
                    }
                    let (s, body) =
                        server::get(&server::org_path(&slug, &format!("versies/{version}")))
                            .await?;
                    let version = server::answer::<server::Version>(s, &body).ok()?;
                    account::organisation_of(&slug, &version).map(|o| o.organisation)
                }
            };
            match (read(a).await, read(b).await) {
                (Some(old), Some(new)) => {
                    compared.set(Some((old, new)));
                    say("Hieronder staat wat er veranderde.".into());
                }
                _ => say("Die versies konden niet gelezen worden. Probeer het opnieuw.".into()),
            }
        });
    };
    let roll_back = move |entry: Entry| {
        let Some((slug, _)) = target.get_untracked() else {
            return;
        };
        let text = note.get_untracked().trim().to_string();
        if text.is_empty() {
            say("Schrijf eerst kort waarom je deze versie terugzet.".into());
            web::focus("terugzetten-notitie");
            return;
        }
        let when = server::when(&entry.wanneer);
        if !web::confirm(&format!(
            "De versie van {when} terugzetten? Dat is een nieuwe publicatie; niets gaat verloren."
        )) {
            return;
        }
        let basis = entries
            .with_untracked(|l| l.as_ref().and_then(|l| l.first()).map(|e| e.versie.clone()))
            .unwrap_or_default();
        let body = serde_json::to_string(&server::Rollback {
            versie: &entry.versie,
            basis: &basis,
            notitie: &text,
        })
        .unwrap_or_default();
        let csrf = account.csrf();
        koers::browser::fetch::spawn(async move {
            let answer = server::post(
                &server::org_path(&slug, "terugzetten"),
                body,
                csrf.as_deref(),
            )
            .await;
            match answer.map_or(Err(Failure::Network), |(s, b)| server::published(s, &b)) {
                Ok(Published::Live(_)) => {
                    note.set(String::new());
                    let done = format!("De versie van {when} is teruggezet.");
                    say(done.clone());
                    if !studio.unsaved.get_untracked() {
                        if let Some((s, b)) = server::get(&server::org_path(&slug, "")).await {
                            if let Ok(version) = server::answer::<server::Version>(s, &b) {
                                account::open_version(studio, &slug, &version);
                            }
                        }
                    }
                    load(Some(done));
                }
                Ok(Published::Proposed(_)) => {
                    say("Het terugzetten wacht op goedkeuring van een tweede redacteur.".into())
                }
                Err(Failure::Conflict(_)) => {
                    let said =
                        "Iemand anders publiceerde intussen. Bekijk de geschiedenis opnieuw.";
                    say(said.into());
                    load(Some(said.into()));
                }
                Err(failure) => say(account.failed(&failure)),
            }
        });
    };
    let list = move || {
        entries.get().map(|list| {
        // Each select marks its chosen version itself (`selected`), whatever the order
        // in which the browser gets the options and the value.
        let options = move |list: &[Entry], chosen: RwSignal<String>| {
            let mut options: Vec<_> = list
                .iter()
                .map(|e| {
                    let label = format!("{}, {}", server::when(&e.wanneer), e.auteur);
                    let version = e.versie.clone();
                    let mine = version.clone();
                    view! { <option value=version selected=move || chosen.get() == mine>{label}</option> }
                        .into_any()
                })
                .collect();
            options.push(
                view! { <option value=DRAFT selected=move || chosen.get() == DRAFT>"Je werk nu (niet gepubliceerd)"</option> }
                    .into_any(),
            );
            options
        };
        let (from_options, to_options) = (options(&list, from), options(&list, to));
        let items = list.iter().enumerate().map(|(i, e)| {
            let entry = e.clone();
            let text = format!("{} — {}: {}", server::when(&e.wanneer), e.auteur, e.notitie);
            view! {
                <li>
                    {text}
                    {if i == 0 {
                        view! { " (de huidige versie)" }.into_any()
                    } else {
                        view! { " " <button type="button" on:click=move |_| roll_back(entry.clone())>"Zet deze versie terug"</button> }.into_any()
                    }}
                </li>
            }
        }).collect_view();
        view! {
            <ol class="history">{items}</ol>
            <div class="field">
                <label for="terugzetten-notitie">"Waarom zet je een versie terug? (nodig om terug te zetten)"</label>
                <textarea id="terugzetten-notitie" rows="2" maxlength=MAX_NOTE prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))></textarea>
            </div>
            <h3>"Vergelijk twee versies"</h3>
            <div class="field">
                <label for="geschiedenis-van">"Van"</label>
                <select id="geschiedenis-van" on:change=move |ev| from.set(event_target_value(&ev))>{from_options}</select>
            </div>
            <div class="field">
                <label for="geschiedenis-tot">"Tot"</label>
                <select id="geschiedenis-tot" on:change=move |ev| to.set(event_target_value(&ev))>{to_options}</select>
            </div>
            <button type="button" on:click=compare>"Vergelijk"</button>
        }
    })
    };
    move || {
        target.get().map(|_| view! {
        <section class="studio-history" aria-labelledby="geschiedenis">
            <h2 id="geschiedenis">"Geschiedenis"</h2>
            <button type="button" on:click=move |_| load(None)>
                {move || if entries.with(Option::is_some) { "Vernieuw de geschiedenis" } else { "Toon de geschiedenis" }}
            </button>
            {list}
            <p id="geschiedenis-uitkomst" tabindex="-1" role="status">{move || said.get()}</p>
            {move || compared.get().map(|(old, new)| view! { <DiffList old new/> })}
        </section>
    })
    }
}
