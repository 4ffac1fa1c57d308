//! What the routes of an organisation share: the organisation named in the URL, loaded,
//! or what to show instead. Imports no page but the not-found page it falls back on.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::not_found::NotFoundPage;
use crate::components::{Failed, Loading, SiteLayout};
use crate::content::Organisation;
use crate::load::{ContentStore, Load, LoadError};

/// The organisation named in the URL's `:org`, shown with `render` once its content is
/// at hand; loading, failure (with a retry) and an unknown organisation are handled
/// here, once, for every route of an organisation.
pub(crate) fn with_organisation(
    render: impl Fn(Arc<Organisation>) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    let store = expect_context::<ContentStore>();
    let params = use_params_map();
    let org_slug = move || params.read().get("org").unwrap_or_default();
    move || {
        let slug = org_slug();
        match store.organisation(&slug) {
            Load::Loaded(org) => render(org),
            Load::Failed {
                error,
                previous: Some(org),
            } => {
                let retry = Callback::new(move |()| store.retry_organisation(&org_slug()));
                view! {
                    <Failed error on_retry=retry/>
                    {render(org)}
                }
                .into_any()
            }
            Load::Failed {
                error: LoadError::UnknownOrganisation(_),
                previous: None,
            } => view! { <NotFoundPage/> }.into_any(),
            Load::Failed {
                error,
                previous: None,
            } => {
                let retry = Callback::new(move |()| store.retry_organisation(&org_slug()));
                view! {
                    <Title text="Niet geladen — Koers"/>
                    <SiteLayout>
                        <h1 tabindex="-1">"De inhoud kon niet geladen worden"</h1>
                        <Failed error on_retry=retry/>
                    </SiteLayout>
                }
                .into_any()
            }
            // A title while loading too: without one the document would have none.
            Load::Loading => view! {
                <Title text="Even geduld — Koers"/>
                <SiteLayout><Loading/></SiteLayout>
            }
            .into_any(),
        }
    }
}
