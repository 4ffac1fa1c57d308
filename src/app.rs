//! The application: context, routes (declared here, in one place) and the document head.

use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::components::{Base, RouteAnnouncer};
use crate::embed::Embed;
use crate::load::ContentStore;
use crate::pages::{
    HomePage, NotFoundPage, OrgRoute, OrgStatementRoute, SearchRoute, SiteStatementPage,
};
use crate::pwa::PwaState;

/// The whole app. Uses the [`Base`], [`ContentStore`] and [`Embed`] from context when
/// given (native rendering and tests); in the browser it makes its own.
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
    let embed = use_context::<Embed>().unwrap_or_else(|| {
        let embed = crate::embed::from_location();
        provide_context(embed.clone());
        crate::embed::start(&embed);
        embed
    });
    if use_context::<PwaState>().is_none() {
        let pwa = PwaState::new();
        provide_context(pwa);
        // Inside another site's page Koers is not an app of its own: no service
        // worker, no install offer.
        if !embed.active {
            crate::pwa::start(pwa, &base.0);
        }
    }
    view! {
        <Router base=base.0>
            <EmbedReporter embed/>
            <RouteAnnouncer/>
            // The first route that matches wins: fixed paths before `:org` and `:page`.
            <Routes fallback=|| view! { <NotFoundPage/> }>
                <Route path=path!("/") view=HomePage/>
                <Route path=path!("/toegankelijkheid") view=SiteStatementPage/>
                <Route path=path!("/:org") view=OrgRoute/>
                // Before "/:org/:page": the first route that matches is taken.
                <Route path=path!("/:org/zoeken") view=SearchRoute/>
                <Route path=path!("/:org/toegankelijkheid") view=OrgStatementRoute/>
                <Route path=path!("/:org/:page") view=OrgRoute/>
            </Routes>
        </Router>
    }
}

/// Embedded, reports the new page's height and title to the host after every route
/// change. Renders nothing.
#[component]
fn EmbedReporter(embed: Embed) -> impl IntoView {
    if embed.reports_height() {
        let location = use_location();
        Effect::new(move |_| {
            location.pathname.track();
            crate::embed::report(&embed);
        });
    }
}
