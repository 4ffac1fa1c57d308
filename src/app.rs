//! The application: context, the router (built from [`crate::routes`]) and its start
//! in the browser.

use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::hooks::use_location;
use leptos_router::{ParamSegment, StaticSegment};

use crate::browser::embed::Embed;
use crate::browser::pwa::PwaState;
use crate::components::{Base, RouteAnnouncer};
use crate::load::ContentStore;
use crate::pages::{
    EmbedSnippetRoute, HomePage, NotFoundPage, OrgRoute, OrgStatementRoute, PrivacyRoute,
    SearchRoute, SiteStatementPage,
};
use crate::routes::{EMBED, PRIVACY, SEARCH, STATEMENT};

/// The whole app. Uses the [`Base`], [`ContentStore`] and [`Embed`] from context when
/// given (native rendering and tests); in the browser it makes its own.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let base = use_context::<Base>().unwrap_or_else(|| {
        let base = Base(crate::browser::location::base_path());
        provide_context(base.clone());
        base
    });
    if use_context::<ContentStore>().is_none() {
        provide_context(ContentStore::new());
    }
    let embed = use_context::<Embed>().unwrap_or_else(|| {
        let embed = crate::browser::embed::from_location();
        provide_context(embed.clone());
        crate::browser::embed::start(&embed);
        embed
    });
    if use_context::<PwaState>().is_none() {
        let pwa = PwaState::new();
        provide_context(pwa);
        // Inside another site's page Koers is not an app of its own: no service
        // worker, no install offer.
        if !embed.active {
            crate::browser::pwa::start(pwa, &base.0);
        }
    }
    // The routes of `crate::routes::Route::ALL`, in its order: the first route that
    // matches wins, so fixed segments come before `:org` and `:page`.
    view! {
        <Router base=base.0>
            <EmbedReporter embed/>
            <RouteAnnouncer/>
            <FlatRoutes fallback=|| view! { <NotFoundPage/> }>
                <Route path=StaticSegment("") view=HomePage/>
                <Route path=StaticSegment(STATEMENT) view=SiteStatementPage/>
                <Route path=ParamSegment("org") view=OrgRoute/>
                <Route path=(ParamSegment("org"), StaticSegment(SEARCH)) view=SearchRoute/>
                <Route path=(ParamSegment("org"), StaticSegment(STATEMENT)) view=OrgStatementRoute/>
                <Route path=(ParamSegment("org"), StaticSegment(EMBED)) view=EmbedSnippetRoute/>
                <Route path=(ParamSegment("org"), StaticSegment(PRIVACY)) view=PrivacyRoute/>
                <Route path=(ParamSegment("org"), ParamSegment("page")) view=OrgRoute/>
            </FlatRoutes>
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
            crate::browser::embed::report(&embed);
        });
    }
}

/// Starts the app in the browser, from the content embedded in a pre-rendered page
/// when there is some (then nothing is fetched and nothing moves).
pub fn start() {
    crate::browser::boot::start(|embedded| {
        if let Some(data) = embedded {
            provide_context(ContentStore::preloaded(data.index, data.organisations));
        }
        view! { <App/> }
    });
}
