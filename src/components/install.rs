//! The resident's side of the installable app: the update notice and the install
//! button (or, on iOS, a one-line hint). Each shows only when the browser offers it.

use leptos::prelude::*;

use crate::browser::pwa::{apply_update, prompt_install, PwaState};

/// "Nieuwe versie beschikbaar — Vernieuwen": switches on the resident's tap only. The
/// live region is always there (empty until an update waits): a region that arrives
/// with its words already in it is not announced. After the tap it says that the new
/// version is on its way, until the page reloads.
#[component]
pub fn UpdateNotice() -> impl IntoView {
    let state = use_context::<PwaState>().unwrap_or_default();
    let applying = RwSignal::new(false);
    let notice = move || {
        state.update_ready.get().then(|| {
            view! {
                <div class="notice">
                    <p>
                        {move || if applying.get() {
                            "Even geduld, de nieuwe versie wordt geladen…"
                        } else {
                            "Nieuwe versie beschikbaar."
                        }}
                    </p>
                    <button type="button" class="button" on:click=move |_| {
                        applying.set(true);
                        apply_update();
                    }>
                        "Vernieuwen"
                    </button>
                </div>
            }
        })
    };
    view! { <div class="update-notice" role="status">{notice}</div> }
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
