//! The router and the route table agree: every path the build pre-renders (from
//! `koers::routes`) renders its own page through the real router, and the path the
//! build writes as `404.html` renders the not-found page.

use crate::common::*;
use koers::routes::{paths, Route};

const NOT_FOUND: &str = "Pagina niet gevonden";

#[test]
fn every_pre_rendered_path_renders_its_page_and_the_404_path_does_not() {
    let paths = paths(&index());
    let all = paths.all();
    for route in Route::ALL {
        assert!(
            all.iter().any(|p| Route::of(p) == Some(route)),
            "{} is never pre-rendered",
            route.pattern()
        );
    }
    for path in &all {
        let html = render(path);
        assert!(
            !html.contains(NOT_FOUND),
            "{path} renders the not-found page"
        );
        assert!(html.contains("<h1"), "{path} has no heading");
    }
    assert!(render(&paths.not_found).contains(NOT_FOUND));
}

#[test]
fn the_embed_snippet_has_a_route_of_its_own() {
    let org = &paths(&index()).organisations[0];
    let html = render(&org.embed);
    assert!(html.contains("Op je eigen website tonen"), "{}", org.embed);
}
