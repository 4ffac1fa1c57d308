//! What a resident can do with a contact card besides calling or mailing: see the
//! address on a map, and keep the card in their address book.

use std::sync::Arc;

use leptos::prelude::*;

use crate::browser::download;
use crate::content::{ContactPoint, Organisation};
use crate::tools::{map_url, vcard, vcard_file_name};

/// The organisation whose pages are shown, provided by the layout, so a contact card
/// can name it in the vCard it saves.
#[derive(Clone, Debug)]
pub struct CurrentOrganisation(pub Arc<Organisation>);

/// "Toon op kaart" (when the card has an address) and "Bewaar contact".
#[component]
pub fn ContactActions(contact: ContactPoint) -> impl IntoView {
    let organisation = use_context::<CurrentOrganisation>()
        .map(|o| o.0.name.clone())
        .unwrap_or_else(|| contact.name.clone());
    let card = vcard(&organisation, &contact);
    let file = vcard_file_name(&contact.name);
    let map = contact.address.as_ref().map(|a| {
        view! {
            <a class="button" href=map_url(a) target="_blank" rel="noopener external">
                "Toon op kaart"
                <span class="visually-hidden">" (OpenStreetMap, opent in een nieuw tabblad)"</span>
            </a>
        }
    });
    view! {
        <div class="contact-actions">
            {map}
            <button
                type="button"
                class="button"
                on:click=move |_| {
                    download::save_text(&file, "text/vcard;charset=utf-8", &card);
                }
            >
                "Bewaar contact"
                <span class="visually-hidden">" (vCard voor je adresboek)"</span>
            </button>
        </div>
    }
    .into_any()
}
