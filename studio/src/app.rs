//! The studio's screen: where to start, the form, the check's summary, the preview and
//! the export, around the state (`state::Studio`).

use leptos::prelude::*;

use crate::account::Account;
use crate::draft;
use crate::form::OrganisationForm;
use crate::history::History;
use crate::keep::{self, Keeping};
use crate::preview::Preview;
use crate::proposals::Proposals;
use crate::publish_panel::PublishPanel;
use crate::server::Mode;
use crate::signin::SignIn;
use crate::start::Start;
use crate::state::Studio;
use crate::summary::{self, ExportPanel, Summary};
use crate::web;

#[component]
pub fn App() -> impl IntoView {
    let studio = Studio::start();
    let account = Account::start();
    let on_server = move || {
        account
            .mode
            .with(|m| matches!(m, Mode::SignedOut | Mode::SignedIn(_)))
    };
    web::register_worker();
    let show_preview = RwSignal::new(false);
    view! {
        <koers::components::SkipLink/>
        <header class="site-header">
            <div class="wrap"><span class="brand">"Koers — redactie"</span></div>
        </header>
        <main id=koers::routes::MAIN_ID tabindex="-1" class="studio">
            <h1>"Je bestuur in Koers zetten"</h1>
            <p class="studio-intro">
                "Vul de formulieren in. Het voorbeeld toont de pagina zoals inwoners ze zien. "
                <span class:warning=move || studio.keeping.get() == Keeping::Failed>
                    {move || keep::intro(studio.keeping.get())}
                </span>
                {move || if on_server() {
                    "Klaar? Publiceer je wijzigingen hieronder, of download het bestand."
                } else {
                    "Klaar? Download het bestand en bezorg het aan wie jullie Koers beheert."
                }}
            </p>
            {move || (studio.keeping.get() == Keeping::Failed).then(|| view! {
                <p class="studio-unkept">
                    <button type="button" on:click=move |_| summary::download(studio)>
                        {move || format!("Nu downloaden: {}", studio.org.with(draft::file_name))}
                    </button>
                </p>
            })}
            <p class="studio-status" role="status">{move || studio.status.get()}</p>
            <SignIn/>
            <Start/>
            <div class="studio-switch">
                // Its label says what a press shows (no `aria-pressed` besides: that
                // would read "Toon het formulier, ingedrukt").
                <button
                    type="button"
                    on:click=move |_| show_preview.update(|s| *s = !*s)
                >
                    {move || if show_preview.get() { "Toon het formulier" } else { "Toon het voorbeeld" }}
                </button>
            </div>
            <div class="studio-work" class:showing-preview=move || show_preview.get()>
                <div class="studio-form">
                    <Summary/>
                    <OrganisationForm/>
                    <PublishPanel/>
                    <History/>
                    <Proposals/>
                    <ExportPanel/>
                </div>
                <Preview/>
            </div>
        </main>
    }
}
