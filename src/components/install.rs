//! The resident's side of the installable app: the update notice and the install
//! button (or, on iOS, a one-line hint). Each shows only when the browser offers it.

use leptos::prelude::*;

use crate::browser::pwa::{apply_update, prompt_install, PwaState};

/// "Nieuwe versie beschikbaar — Vernieuwen": switches on the resident's tap only.
#[component]
pub fn UpdateNotice() -> impl IntoView {
    let state = use_context::<PwaState>().unwrap_or_default();
    move || {
        state.update_ready.get().then(|| {
            view! {
                <div class="notice" role="status">
                    <p>"Nieuwe versie beschikbaar."</p>
                    <button type="button" class="button" on:click=move |_| apply_update()>
                        "Vernieuwen"
                    </button>
                </div>
            }
        })
    }
}

/// "Installeer de app" where the browser offers it; a hint on iOS; else nothing.
#[component]
pub fn InstallOffer() -> impl IntoView {
    let state = use_context::<PwaState>().unwrap_or_default();
    move || {
        if state.can_install.get() {
            Some(
                view! {
                    <button type="button" class="button install" on:click=move |_| prompt_install(state)>
                        "Installeer de app"
                    </button>
                }
                .into_any(),
            )
        } else if state.ios_hint.get() {
            Some(
                view! {
                    <p class="install-hint">"Zet deze app op je beginscherm: tik op Delen en dan op ‘Zet op beginscherm’."</p>
                }
                .into_any(),
            )
        } else {
            None
        }
    }
}
