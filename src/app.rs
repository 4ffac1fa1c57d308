//! The application: context, the router (built from [`crate::routes`]) and its start
//! in the browser.

use leptos::children::ToChildren;
use leptos::prelude::*;
use leptos::tachys::view::iterators::StaticVec;
use leptos_meta::provide_meta_context;
use leptos_router::components::{FlatRoutes, FlatRoutesProps, RouteChildren, Router};
use leptos_router::hooks::use_location;
use leptos_router::NestedRoute;

use crate::browser::embed::Embed;
use crate::browser::pwa::PwaState;
use crate::components::{Base, RouteAnnouncer};
use crate::load::ContentStore;
use crate::pages::{
    ChangesRoute, EmbedSnippetRoute, HomePage, NotFoundPage, OrgRoute, OrgStatementRoute,
    PrivacyRoute, SearchRoute, SiteStatementPage,
};
use crate::routes;

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
        // After the takeover's first render: the page comes first.
        if !embed.active {
            let base = base.0.clone();
            crate::browser::boot::after_takeover(move || crate::browser::pwa::start(pwa, &base));
        }
    }
    // The routes of `routes::Route::ALL`, in its order: the first route that matches
    // wins, so fixed segments come before `:org` and `:page`. `FlatRoutes` (10 KB less
    // wasm than nested `Routes`) is called, not written as a tag: `view!` renders a
    // `{…}` child, where the routes must be handed over as they are.
    let routes = move || {
        let routes =
            routes::Route::ALL.map(|route| NestedRoute::new(route, move || page_of(route)));
        StaticVec::from(Vec::from(routes))
    };
    view! {
        <Router base=base.0>
            <EmbedReporter embed/>
            <RouteAnnouncer/>
            {FlatRoutes(
                FlatRoutesProps::builder()
                    .fallback(|| view! { <NotFoundPage/> })
                    .children(RouteChildren::to_children(routes))
                    .build(),
            )}
        </Router>
    }
}

/// The page of each route. A route in [`routes::Route::ALL`] without a page here does
/// not compile.
fn page_of(route: routes::Route) -> AnyView {
    use routes::Route::*;
    match route {
        Home => view! { <HomePage/> }.into_any(),
        SiteStatement => view! { <SiteStatementPage/> }.into_any(),
        OrgStart | OrgPage => view! { <OrgRoute/> }.into_any(),
        Search => view! { <SearchRoute/> }.into_any(),
        OrgStatement => view! { <OrgStatementRoute/> }.into_any(),
        Embed => view! { <EmbedSnippetRoute/> }.into_any(),
        Privacy => view! { <PrivacyRoute/> }.into_any(),
        Changes => view! { <ChangesRoute/> }.into_any(),
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
