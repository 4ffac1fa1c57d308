//! On a Koers server: signing in with a passkey, making one with an invite, who is
//! signed in, signing out, and the editor's organisations to open from the server.
//! Nothing of it shows in static mode (`Mode::Static`, `Mode::Asking`).

use leptos::prelude::*;

use crate::account::{self, account};
use crate::server::{self, Mode};
use crate::state::studio;
use crate::web;

#[component]
pub fn SignIn() -> impl IntoView {
    let account = account();
    let studio = studio();
    let chosen = RwSignal::new(String::new());
    let opening = RwSignal::new(String::new());
    let open = move |_| {
        // An editor of one organisation need not choose it first.
        let only = account.mode.with_untracked(|m| match m {
            Mode::SignedIn(s) if s.organisaties.len() == 1 => Some(s.organisaties[0].slug.clone()),
            _ => None,
        });
        let slug = Some(chosen.get_untracked())
            .filter(|s| !s.is_empty())
            .or(only)
            .unwrap_or_default();
        if slug.is_empty() {
            opening.set("Kies eerst een bestuur.".into());
            web::focus("server-bestuur");
            return;
        }
        if studio.unsaved.get_untracked()
            && !web::confirm("Je hebt wijzigingen die je nog niet publiceerde of downloadde. Wil je ze vervangen?")
        {
            return;
        }
        opening.set(format!("{slug} wordt geopend…"));
        koers::browser::fetch::spawn(async move {
            let answer = server::get(&server::org_path(&slug, "")).await;
            let version = match answer {
                None => Err(server::Failure::Network),
                Some((status, body)) => server::answer::<server::Version>(status, &body),
            };
            match version {
                Ok(version) => {
                    if account::open_version(studio, &slug, &version) {
                        opening.set(String::new());
                    }
                }
                Err(failure) => opening.set(account.failed(&failure)),
            }
        });
    };
    let invite = move || {
        account.invite.get().map(|_| view! {
            <section class="studio-account" aria-labelledby="passkey-maken">
                <h2 id="passkey-maken">"Maak je passkey aan"</h2>
                <p>"Je bent uitgenodigd om te publiceren. Met een passkey meld je je aan zonder wachtwoord: je toestel vraagt je vingerafdruk, gezicht of pincode."</p>
                <button type="button" on:click=move |_| account.register()
                    aria-disabled=move || account.busy.get().then_some("true")>
                    "Maak je passkey aan"
                </button>
            </section>
        })
    };
    let bar = move || match account.mode.get() {
        Mode::Asking | Mode::Static => None,
        Mode::SignedOut => Some(
            view! {
                <p>"Meld je aan om je wijzigingen zelf te publiceren."</p>
                <button type="button" on:click=move |_| account.sign_in()
                    aria-disabled=move || account.busy.get().then_some("true")>
                    "Aanmelden met je passkey"
                </button>
            }
            .into_any(),
        ),
        Mode::SignedIn(session) => {
            let options = session
                .organisaties
                .iter()
                .map(|o| view! { <option value=o.slug.clone()>{o.naam.clone()}</option> })
                .collect_view();
            Some(view! {
                <p>"Aangemeld als "<strong>{session.naam.clone()}</strong>"."</p>
                <button type="button" on:click=move |_| account.sign_out()>"Afmelden"</button>
                <div class="field">
                    <label for="server-bestuur">"Open een bestuur van de server"</label>
                    <select id="server-bestuur" on:change=move |ev| chosen.set(event_target_value(&ev))>
                        <option value="">"Kies een bestuur"</option>
                        {options}
                    </select>
                    <button type="button" on:click=open>"Openen van de server"</button>
                </div>
                <p role="status">{move || opening.get()}</p>
            }.into_any())
        }
    };
    // Nothing at all in static mode: the studio stays exactly as without a server.
    let on_server = move || {
        account
            .mode
            .with(|m| matches!(m, Mode::SignedOut | Mode::SignedIn(_)))
    };
    move || {
        on_server().then(|| {
            view! {
                {invite}
                {move || bar().map(|bar| view! {
                    <section class="studio-account" aria-labelledby="aanmelding">
                        <h2 id="aanmelding" tabindex="-1">"Publiceren op de server"</h2>
                        {bar}
                    </section>
                })}
                <p class="studio-account-message" role="status">{move || account.message.get()}</p>
            }
        })
    }
}
