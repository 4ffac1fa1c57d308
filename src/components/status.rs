//! What a resident sees while content loads, and when it cannot.

use leptos::prelude::*;

use crate::load::LoadError;

/// Shown while content is on its way; announced politely to screen readers.
#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <p class="status" role="status" aria-live="polite">"Even geduld, de inhoud wordt geladen…"</p>
    }
}

/// A plain Dutch message and, when it may help, a button to try again.
#[component]
pub fn Failed(error: LoadError, on_retry: Callback<()>) -> impl IntoView {
    let retry = error.retryable().then(|| {
        view! {
            <button type="button" class="button" on:click=move |_| {
                on_retry.run(());
                crate::browser::focus::after_retry();
            }>
                "Opnieuw proberen"
            </button>
        }
    });
    view! {
        <div class="status status-error" role="alert">
            <p>{error.resident_message()}</p>
            {retry}
        </div>
    }
}
