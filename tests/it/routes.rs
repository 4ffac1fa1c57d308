//! The router and the route table agree: every path the build pre-renders (from
//! `koers::routes`) renders its own page through the real router, and the path the
//! build writes as `404.html` renders the not-found page.

use crate::common::*;
use koers::routes::paths;

const NOT_FOUND: &str = "Pagina niet gevonden";

#[test]
fn every_pre_rendered_path_renders_its_page_and_the_404_path_does_not() {
    // That every pattern has a pre-rendered path is a unit test of `koers::routes`.
    let paths = paths(&index());
    for path in &paths.all() {
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
