//! What changed between two versions, as a list the editor reads (`diff::diff`): a
//! heading per part, a sentence per change.

use koers_content::Organisation;
use leptos::prelude::*;

use crate::diff;

/// The changes from `old` to `new`, or "Geen verschil".
#[component]
pub fn DiffList(old: Organisation, new: Organisation) -> impl IntoView {
    let sections = diff::diff(&old, &new);
    if sections.is_empty() {
        return view! { <p class="diff-none">"Geen verschil: de inhoud is dezelfde."</p> }
            .into_any();
    }
    let parts = sections
        .into_iter()
        .map(|s| {
            let items = s
                .changes
                .into_iter()
                .map(|c| view! { <li>{c}</li> })
                .collect_view();
            view! {
                <h4>{s.title}</h4>
                <ul>{items}</ul>
            }
        })
        .collect_view();
    view! { <div class="diff">{parts}</div> }.into_any()
}
