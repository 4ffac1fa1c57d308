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
        let html = parse(&render(path));
        let h1 = text_in(the(&html, "h1"));
        assert_ne!(h1, NOT_FOUND, "{path} renders the not-found page");
        assert!(
            !text_in(html.root_element()).contains(NOT_FOUND),
            "{path} renders the not-found page"
        );
    }
    assert_eq!(
        text_in(the(&parse(&render(&paths.not_found)), "h1")),
        NOT_FOUND
    );
}

#[test]
fn the_embed_snippet_has_a_route_of_its_own() {
    let org = &paths(&index()).organisations[0];
    let html = render(&org.embed);
    assert!(html.contains("Op je eigen website tonen"), "{}", org.embed);
}

#[test]
fn every_page_of_an_organisation_shows_its_enterprise_number_and_links_to_its_privacy_page() {
    let paths = paths(&index());
    for org_paths in &paths.organisations {
        let org = organisation(&org_paths.slug);
        let number = org
            .enterprise_number
            .as_deref()
            .map(|n| koers::content::format_enterprise_number(n).unwrap());
        for path in org_paths.all() {
            let html = parse(&render(&path));
            assert!(
                hrefs(&select(&html, "a")).contains(&org_paths.privacy),
                "{path}: no link to its privacy page"
            );
            let text = text_in(html.root_element());
            match &number {
                Some(n) => assert!(
                    text.contains(&format!("Ondernemingsnummer {n}")),
                    "{path}: no enterprise number {n}"
                ),
                None => assert!(!text.contains("Ondernemingsnummer"), "{path}"),
            }
        }
    }
    assert!(
        organisations()
            .iter()
            .any(|o| o.enterprise_number.is_some()),
        "Herentals' source gives its number"
    );
}

#[test]
fn the_privacy_page_says_what_is_kept_and_whom_to_ask() {
    for org in organisations() {
        let html = render(&koers::routes::privacy(&org.slug));
        for said in [
            "tekstgrootte",
            "zonder internet",
            "geen cookies",
            "naar anderen",
        ] {
            assert!(html.contains(said), "{}: \"{said}\"", org.slug);
        }
        assert!(
            html.contains(&format!("Stel ze aan {}", org.name)),
            "{}",
            org.slug
        );
        let contact = koers::routes::org_page(&org.slug, koers::content::PageKind::Contact);
        match org.pages.contact {
            Some(_) => assert!(
                hrefs(&select(&parse(&html), "a")).contains(&contact),
                "{}",
                org.slug
            ),
            None => assert!(html.contains("via de eigen website van"), "{}", org.slug),
        }
    }
}
