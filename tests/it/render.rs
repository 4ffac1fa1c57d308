//! Every route rendered natively, as a resident would read it: the seed texts on
//! their pages, navigation with the current page marked, and helpful dead ends.

use crate::common::*;
use koers::content::Block;
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
                html.matches("<h1").count(),
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
        assert!(text(html.root_element()).contains(&fold(&page.title)));
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
    let visie = render("/heusden-zolder/visie");
    assert!(
        visie.contains("<dl class=\"definitions\">"),
        "7 B's as a description list"
    );
    assert_eq!(visie.matches("<dt>").count(), 7, "seven B's");
    let missie = render("/ocmw-de-wilg/missie");
    assert!(missie.contains("<blockquote>") && missie.contains("<figcaption>"));
    let ambities = render("/herenthout/ambities");
    assert_eq!(
        ambities.matches("class=\"theme\"").count(),
        5,
        "five themes"
    );
    let contact = render("/heusden-zolder/contact");
    assert!(
        contact.contains("href=\"tel:+3211808086\""),
        "phone is a tel: link"
    );
    assert!(contact.contains("<address>"));
}

#[test]
fn a_page_an_organisation_lacks_says_so_with_links_on() {
    // Herentals has no ambitions page in its seed.
    let html = render("/herentals/ambities");
    let text = text_of(&html);
    assert!(
        text.contains("heeft (nog) geen pagina ‘Ambities’"),
        "{text}"
    );
    assert!(html.contains("href=\"/herentals/missie\""));
}

#[test]
fn unknown_paths_get_the_not_found_page_with_links_back() {
    for path in ["/bestaat-niet", "/herentals/onbekend", "/a/b/c"] {
        let html = render(path);
        let text = text_of(&html);
        assert!(text.contains("Pagina niet gevonden"), "{path}: {text}");
        assert!(html.contains("href=\"/\""), "{path}: link to the start");
    }
}

#[test]
fn start_page_lists_every_organisation() {
    let html = render("/");
    for entry in index().organisations {
        assert!(html.contains(&format!("href=\"/{}\"", entry.slug)));
        assert!(text_of(&html).contains(&fold(&entry.name)));
    }
}

#[test]
fn content_text_is_escaped_never_markup() {
    let mut org = organisation("herenthout");
    org.pages.missie.as_mut().unwrap().blocks = vec![Block::Paragraph {
        text: "<script>alert(1)</script><img src=x onerror=alert(2)>".into(),
    }];
    let html = render_with("/herenthout/missie", index(), vec![org]);
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("<img src=x"));
    assert!(html.contains("&lt;script&gt;"));
}
