//! Every route rendered natively, as a resident would read it: the seed texts on
//! their pages, navigation with the current page marked, and helpful dead ends.

use crate::common::*;
use koers::content::{Block, PageKind};
use koers::routes;

/// Every text of a block, as a resident reads it.
fn block_texts(block: &Block) -> Vec<String> {
    match block {
        Block::Heading { text } | Block::Paragraph { text } => vec![text.clone()],
        Block::List { items } => items.clone(),
        Block::Quote { text, source } => vec![text.clone(), source.clone()],
        Block::Definitions { items } => items
            .iter()
            .flat_map(|d| [d.term.clone(), d.description.clone()])
            .collect(),
        Block::Theme { title, ambitions } => {
            let mut v = vec![title.clone()];
            v.extend(ambitions.iter().cloned());
            v
        }
        Block::Contact(c) => {
            let mut v = vec![c.name.clone()];
            if let Some(a) = &c.address {
                v.extend([a.street.clone(), a.postcode.clone(), a.city.clone()]);
            }
            v.extend(c.phone.iter().chain(&c.fax).chain(&c.email).cloned());
            v
        }
        Block::Link { label, .. } => vec![label.clone()],
    }
}

#[test]
fn every_page_of_every_organisation_shows_all_its_text() {
    for org in organisations() {
        for (kind, page) in org.pages.present() {
            let html = render(&routes::org_page(&org.slug, kind));
            let text = text_of(&html);
            assert!(text.contains(&fold(&page.title)), "{}: title", org.slug);
            for block in &page.blocks {
                for t in block_texts(block) {
                    assert!(
                        text.contains(&fold(&t)),
                        "/{}/{}: missing text {t:?}",
                        org.slug,
                        kind.slug()
                    );
                }
            }
            assert_eq!(
                select(&parse(&html), "h1").len(),
                1,
                "one h1 on /{}/{}",
                org.slug,
                kind.slug()
            );
        }
    }
}

#[test]
fn navigation_lists_only_present_pages_and_marks_the_current_one() {
    for org in organisations() {
        let present = page_paths(&org);
        for path in &present {
            let html = parse(&render(path));
            let current = the(&html, "[aria-current]");
            assert_eq!(
                (current.value().name(), current.attr("aria-current")),
                ("a", Some("page")),
                "{path}"
            );
            assert_eq!(current.attr("href"), Some(path.as_ref()));
            assert_eq!(
                hrefs(&select(&html, "nav a")),
                present,
                "{path}: nav links to the pages that exist, in order"
            );
        }
    }
}

#[test]
fn organisation_start_shows_its_first_page() {
    for org in organisations() {
        let (kind, page) = org.start_page().unwrap();
        let html = parse(&render(&routes::org_start(&org.slug)));
        assert!(text_in(html.root_element()).contains(&fold(&page.title)));
        let current = the(&html, "nav a[aria-current='page']");
        assert_eq!(
            current.attr("href"),
            Some(routes::org_page(&org.slug, kind).as_str())
        );
    }
}

#[test]
fn seed_facts_are_on_their_pages() {
    let cases = [
        ("/herentals/missie", "0208038769"),
        ("/herentals/missie", "11 raadsleden"),
        ("/herentals/missie", "bijna 300 medewerkers"),
        ("/ocmw-de-wilg/missie", "organieke wet van 8 juli 1976"),
        (
            "/ocmw-de-wilg/missie",
            "Elke persoon heeft recht op maatschappelijke dienstverlening",
        ),
        ("/heusden-zolder/visie", "Betrouwbaarheid"),
        ("/heusden-zolder/visie", "we doen wat we zeggen"),
        ("/heusden-zolder/contact", "Heldenplein 1"),
        ("/heusden-zolder/contact", "011 80 80 86"),
        ("/herenthout/ambities", "We verzekeren de toekomst"),
        ("/herenthout/ambities", "Ik woon hier graag"),
    ];
    for (path, needle) in cases {
        assert!(text_of(&render(path)).contains(needle), "{path}: {needle}");
    }
}

#[test]
fn structure_matches_meaning() {
    let page = |org: &str, kind| parse(&render(&routes::org_page(org, kind)));
    let visie = page("heusden-zolder", PageKind::Visie);
    let dl = the(&visie, "dl.definitions");
    assert_eq!(select_in(dl, "dt").len(), 7, "7 B's as a description list");
    let missie = page("ocmw-de-wilg", PageKind::Missie);
    assert!(!select(&missie, "blockquote").is_empty());
    assert!(!select(&missie, "figcaption").is_empty());
    let ambities = page("herenthout", PageKind::Ambities);
    assert_eq!(select(&ambities, ".theme").len(), 5, "five themes");
    let contact = page("heusden-zolder", PageKind::Contact);
    the(&contact, "a[href='tel:+3211808086']"); // the phone is a tel: link
    assert!(!select(&contact, "address").is_empty());
}

#[test]
fn a_page_an_organisation_lacks_says_so_with_links_on() {
    // Herentals has no ambitions page in its seed.
    let html = parse(&render(&routes::org_page("herentals", PageKind::Ambities)));
    let text = text_in(html.root_element());
    assert!(
        text.contains("heeft (nog) geen pagina ‘Ambities’"),
        "{text}"
    );
    let links = hrefs(&select(&html, "a"));
    assert!(links.contains(&routes::org_page("herentals", PageKind::Missie)));
}

#[test]
fn unknown_paths_get_the_not_found_page_with_links_back() {
    for path in ["/bestaat-niet", "/herentals/onbekend", "/a/b/c"] {
        let html = parse(&render(path));
        let text = text_in(html.root_element());
        assert!(text.contains("Pagina niet gevonden"), "{path}: {text}");
        assert!(
            hrefs(&select(&html, "a")).contains(&routes::home()),
            "{path}: link to the start"
        );
    }
}

#[test]
fn start_page_lists_every_organisation() {
    let html = parse(&render(&routes::home()));
    let mut listed: Vec<(String, String)> = select(&html, "ul.org-list a")
        .into_iter()
        .map(|a| (a.attr("href").unwrap().to_string(), text_in(a)))
        .collect();
    let mut index: Vec<(String, String)> = index()
        .organisations
        .into_iter()
        .map(|e| (routes::org_start(&e.slug), fold(&e.name)))
        .collect();
    listed.sort();
    index.sort();
    assert_eq!(listed, index);
}

#[test]
fn content_text_is_escaped_never_markup() {
    let html = render_with_mission_text(
        &routes::org_page("herenthout", PageKind::Missie),
        "<script>alert(1)</script><img src=x onerror=alert(2)>",
    );
    assert!(select(&html, "script")
        .iter()
        .all(|s| !text_in(*s).contains("alert")));
    assert!(select(&html, "img[onerror]").is_empty());
    assert!(text_in(the(&html, "main"))
        .contains("<script>alert(1)</script><img src=x onerror=alert(2)>"));
}
