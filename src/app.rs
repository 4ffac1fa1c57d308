//! The application: context, routes (declared here, in one place) and the document head.

use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::{Base, RouteAnnouncer};
use crate::load::ContentStore;
use crate::pages::{HomePage, NotFoundPage, OrgRoute, OrgStatementRoute, SiteStatementPage};
use crate::pwa::PwaState;

/// The whole app. Uses the [`Base`] and [`ContentStore`] from context when given
/// (native rendering and tests); in the browser it makes its own.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let base = use_context::<Base>().unwrap_or_else(|| {
        let base = Base(crate::platform::base_path());
        provide_context(base.clone());
        base
    });
    if use_context::<ContentStore>().is_none() {
        provide_context(ContentStore::new());
    }
    if use_context::<PwaState>().is_none() {
        let pwa = PwaState::new();
        provide_context(pwa);
        crate::pwa::start(pwa, &base.0);
    }
    view! {
        <Router base=base.0>
            <RouteAnnouncer/>
            // The first route that matches wins: fixed paths before `:org` and `:page`.
            <Routes fallback=|| view! { <NotFoundPage/> }>
                <Route path=path!("/") view=HomePage/>
                <Route path=path!("/toegankelijkheid") view=SiteStatementPage/>
                <Route path=path!("/:org") view=OrgRoute/>
                <Route path=path!("/:org/toegankelijkheid") view=OrgStatementRoute/>
                <Route path=path!("/:org/:page") view=OrgRoute/>
            </Routes>
        </Router>
    }
}
