//! The residents' tools with the real content: search ranking, the saved contact
//! card, and what the pages offer (toolbar, map link, search page), rendered natively.

use crate::common::*;
use koers::content::{Block, PageKind};
use koers::routes;
use koers::tools::{search, vcard, Hit};

fn marked(hit: &Hit) -> Vec<String> {
    hit.marked()
}

#[test]
fn kwetsbaren_finds_the_heading_of_heusden_zolders_visie_first() {
    let org = organisation("heusden-zolder");
    let hits = search(&org, "kwetsbaren");
    assert!(hits.len() >= 3, "the heading and the paragraphs about them");
    assert_eq!(hits[0].page, PageKind::Visie);
    assert_eq!(
        hits[0].text(),
        "Inwoners van HZ, en vooral de meest kwetsbaren,"
    );
    assert_eq!(marked(&hits[0]), ["kwetsbaren"]);
    assert!(hits
        .iter()
        .all(|h| marked(h).iter().all(|m| m.to_lowercase() == "kwetsbaren")));
    // Case does not matter.
    assert_eq!(search(&org, "KWETSBAREN"), hits);
}

#[test]
fn bereikbaarheid_finds_its_definition_among_the_seven_bs() {
    let org = organisation("heusden-zolder");
    let hits = search(&org, "bereikbaarheid");
    assert_eq!(hits[0].page, PageKind::Visie);
    assert!(
        hits[0]
            .text()
            .starts_with("Bereikbaarheid: zowel de fysieke als de geestelijke drempels"),
        "{}",
        hits[0].text()
    );
    assert_eq!(marked(&hits[0]), ["Bereikbaarheid"]);
}

#[test]
fn accents_do_not_matter() {
    let org = organisation("ocmw-de-wilg");
    let hits = search(&org, "continuum");
    assert_eq!(hits.len(), 1, "{hits:#?}");
    assert_eq!(marked(&hits[0]), ["continuüm"]);
    assert!(hits[0].text().contains("een continuüm van zorg"));
    let accented = search(&org, "zorgcoördinatie");
    let plain = search(&org, "zorgcoordinatie");
    assert!(!plain.is_empty());
    assert_eq!(plain, accented);
}

#[test]
fn the_exact_phrase_comes_before_texts_with_the_words_apart() {
    let org = organisation("heusden-zolder");
    let hits = search(&org, "meest kwetsbaren");
    assert_eq!(marked(&hits[0]), ["meest kwetsbaren"]);
    let phrase_hits = hits
        .iter()
        .take_while(|h| marked(h).iter().any(|m| m == "meest kwetsbaren"))
        .count();
    assert!(phrase_hits >= 2);
    // After the phrase: texts with only some of the words.
    assert!(hits[phrase_hits..]
        .iter()
        .all(|h| !h.text().to_lowercase().contains("meest kwetsbaren")));
}

#[test]
fn search_stays_within_the_organisation() {
    let herentals = organisation("herentals");
    assert!(search(&herentals, "Heldenplein").is_empty());
    let heusden = organisation("heusden-zolder");
    let hits = search(&heusden, "Heldenplein");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].page, PageKind::Contact);
}

#[test]
fn the_heusden_zolder_contact_card_saves_as_exactly_this_vcard() {
    let org = organisation("heusden-zolder");
    let contact = org
        .pages
        .contact
        .as_ref()
        .unwrap()
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Contact(c) => Some(c.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(
        vcard(&org.name, &contact),
        "BEGIN:VCARD\r\n\
         VERSION:3.0\r\n\
         N:;;;;\r\n\
         FN:Afdeling welzijn en lokale economie\r\n\
         ORG:Gemeente en OCMW Heusden-Zolder;Afdeling welzijn en lokale economie\r\n\
         X-ABShowAs:COMPANY\r\n\
         ADR;TYPE=work:;;Heldenplein 1;Heusden-Zolder;;3550;\r\n\
         TEL;TYPE=work,voice:+3211808086\r\n\
         TEL;TYPE=work,fax:+3211808079\r\n\
         END:VCARD\r\n"
    );
}

#[test]
fn organisation_pages_have_the_toolbar_under_the_header() {
    const TOOLBAR: &str = "[role='group'][aria-label='Hulpmiddelen']";
    for (slug, path) in [
        ("herentals", routes::org_page("herentals", PageKind::Missie)),
        (
            "heusden-zolder",
            routes::org_page("heusden-zolder", PageKind::Contact),
        ),
        ("herenthout", routes::org_start("herenthout")),
    ] {
        let html = parse(&render(&path));
        let tools = the(&html, TOOLBAR);
        // After the header, before main, inside neither.
        let order: Vec<&str> = select(&html, &format!("header, {TOOLBAR}, main"))
            .iter()
            .map(|e| e.value().name())
            .collect();
        assert_eq!(order, ["header", "div", "main"], "{path}");
        assert!(select(&html, &format!("header {TOOLBAR}, main {TOOLBAR}")).is_empty());
        let text = text_in(tools);
        for label in [
            "Kleinere tekst",
            "Grotere tekst",
            "Lees voor",
            "Deel",
            "Print of bewaar als PDF",
            "Zoeken",
        ] {
            assert!(text.contains(label), "{path}: {label} in {text}");
        }
        assert!(hrefs(&select_in(tools, "a")).contains(&routes::search(slug)));
        assert!(
            !select_in(tools, "[role='status']").is_empty(),
            "a live region for messages"
        );
    }
    let start = parse(&render(&routes::home()));
    assert!(
        select(&start, TOOLBAR).is_empty()
            && !text_in(start.root_element()).contains("Hulpmiddelen"),
        "not on the start page"
    );
}

#[test]
fn the_contact_card_offers_a_map_and_the_vcard() {
    let html = parse(&render(&routes::org_page(
        "heusden-zolder",
        PageKind::Contact,
    )));
    let map = the(
        &html,
        "a[href='https://www.openstreetmap.org/search?query=Heldenplein%201%2C%203550%20Heusden-Zolder']",
    );
    assert_eq!(
        (map.attr("target"), map.attr("rel")),
        (Some("_blank"), Some("noopener external"))
    );
    let text = text_in(html.root_element());
    assert!(text.contains("Toon op kaart"));
    assert!(text.contains("Bewaar contact"));
}

#[test]
fn the_search_page_shows_marked_results_from_the_url() {
    let search = |query| parse(&render(&routes::search_for("heusden-zolder", query)));
    let html = search("bereikbaarheid");
    let text = text_in(html.root_element());
    assert!(
        text.contains("Zoek in de pagina's van Gemeente en OCMW Heusden-Zolder"),
        "{text}"
    );
    assert_eq!(select(&html, "h1").len(), 1);
    let marks: Vec<String> = select(&html, "mark").into_iter().map(text_in).collect();
    assert!(marks.iter().any(|m| m == "Bereikbaarheid"), "{marks:?}");
    assert!(
        hrefs(&select(&html, "a")).contains(&routes::org_page("heusden-zolder", PageKind::Visie))
    );
    assert!(
        text.contains("resultaat voor ‘bereikbaarheid’")
            || text.contains("resultaten voor ‘bereikbaarheid’")
    );
    let empty = parse(&render(&routes::search("heusden-zolder")));
    assert!(select(&empty, "mark").is_empty());
    assert!(text_in(empty.root_element()).contains("Zoeken"));
    let none = text_in(search("fietspad").root_element());
    assert!(none.contains("Niets gevonden voor ‘fietspad’."), "{none}");
    let unknown = text_of(&render(&routes::search("bestaat-niet")));
    assert!(unknown.contains("Pagina niet gevonden"));
}

#[test]
fn search_marks_are_text_never_markup() {
    let html = render_with_mission_text(
        &routes::search_for("herenthout", "vet"),
        "Zoek <b>vet</b> & <script>x</script> hier.",
    );
    // The mark sits between the tags as text: "<b>", the mark, "</b>".
    let mark = the(&html, "main mark");
    let [before, after] = [mark.prev_sibling(), mark.next_sibling()].map(|node| {
        node.and_then(|n| n.value().as_text().map(|t| t.to_string()))
            .unwrap_or_default()
    });
    assert_eq!(text_in(mark), "vet");
    assert!(before.ends_with("<b>"), "{}", html.html());
    assert!(after.starts_with("</b>"), "{}", html.html());
    assert!(select(&html, "main b").is_empty());
    assert!(select(&html, "script")
        .iter()
        .all(|s| !text_in(*s).contains('x')));
}

/// Opening hours invented for this test only: no seed gives any, so the real content
/// has none and shows none.
fn with_test_hours() -> koers::content::Organisation {
    use koers::content::{OpeningPeriod, Weekday};
    let mut org = organisation("heusden-zolder");
    let period = |day, opens: &str, closes: &str| OpeningPeriod {
        day,
        opens: opens.into(),
        closes: closes.into(),
    };
    for block in &mut org.pages.contact.as_mut().unwrap().blocks {
        if let Block::Contact(contact) = block {
            contact.hours = vec![
                period(Weekday::Tuesday, "13:30", "17:00"),
                period(Weekday::Monday, "09:00", "12:00"),
                period(Weekday::Tuesday, "09:00", "12:00"),
            ];
        }
    }
    org
}

#[test]
fn opening_hours_are_listed_but_open_or_closed_is_never_pre_rendered() {
    let html = render_with("/heusden-zolder/contact", index(), vec![with_test_hours()]);
    let text = text_of(&html);
    assert!(text.contains("Openingsuren"), "{text}");
    assert!(text.contains("maandag: 9.00–12.00 uur"), "{text}");
    assert!(
        text.contains("dinsdag: 9.00–12.00 uur en 13.30–17.00 uur"),
        "{text}"
    );
    // "Nu open" depends on the moment: a pre-rendered page would keep it forever.
    let parsed = parse(&html);
    let open_now = the(&parsed, "p.open-now");
    assert!(
        text_in(open_now).is_empty() && open_now.child_elements().next().is_none(),
        "{}",
        open_now.html()
    );
    assert!(!text.contains("Nu open") && !text.contains("Nu gesloten"));
    // The real content has no hours, and says nothing about them.
    for org in organisations() {
        let text = text_of(&render(&routes::org_page(&org.slug, PageKind::Contact)));
        assert!(!text.contains("Openingsuren"), "{}", org.slug);
    }
}
