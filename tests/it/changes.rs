//! Change notes as residents meet them (issue 22): "Laatst bijgewerkt op …" under the
//! heading of each page a note concerns, from the newest such note, linking to all
//! changes; nothing of it for an organisation without notes. The organisation here is
//! made up, and so are its notes: no real source gives dates.

use crate::common::*;
use koers::content::{
    Block, Change, ContentIndex, IndexEntry, Organisation, Page, PageKind, Pages,
};
use koers::routes;

/// A made-up organisation with three pages and two notes: the newest about its contact
/// page only, the older about every page.
pub fn proefgemeente() -> Organisation {
    let page = |title: &str, text: &str| Page {
        title: title.into(),
        description: format!("{title} van de verzonnen Gemeente Proefgemeente."),
        blocks: vec![Block::Paragraph { text: text.into() }],
    };
    Organisation {
        slug: "proefgemeente".into(),
        name: "Gemeente Proefgemeente".into(),
        short_name: "Proefgemeente".into(),
        accent: "#1d3b72".into(),
        description: "Een verzonnen gemeente voor de tests.".into(),
        enterprise_number: None,
        pages: Pages {
            missie: Some(page("Missie", "Een verzonnen missie.")),
            visie: Some(page("Visie", "Een verzonnen visie.")),
            ambities: None,
            contact: Some(page("Contact", "Een verzonnen loket.")),
        },
        changes: vec![
            Change {
                date: "2026-12-02".into(),
                note: "De openingsuren van het verzonnen loket zijn veranderd.".into(),
                pages: vec![PageKind::Contact],
            },
            Change {
                date: "2026-01-05".into(),
                note: "De verzonnen pagina's staan online.".into(),
                pages: Vec::new(),
            },
        ],
    }
}

fn index_of(org: &Organisation) -> ContentIndex {
    ContentIndex {
        organisations: vec![IndexEntry {
            slug: org.slug.clone(),
            name: org.name.clone(),
        }],
    }
}

fn render_org(path: &str, org: &Organisation) -> String {
    render_with(path, index_of(org), vec![org.clone()])
}

/// The "Laatst bijgewerkt" line of `path`, as text, its `<time>`'s `datetime`, and
/// where it links; `None` when the page has none.
fn last_changed(path: &str, org: &Organisation) -> Option<(String, String, Vec<String>)> {
    let html = parse(&render_org(path, org));
    let lines = select(&html, "main h1 + p.last-changed");
    let line = *lines.first()?;
    assert_eq!(lines.len(), 1, "{path}");
    let time = select_in(line, "time")[0]
        .value()
        .attr("datetime")?
        .to_string();
    // As a browser shows it: the text nodes joined as they are.
    let shown = fold(&line.text().collect::<String>());
    Some((shown, time, hrefs(&select_in(line, "a"))))
}

#[test]
fn each_page_shows_the_day_of_the_newest_note_that_concerns_it() {
    let org = proefgemeente();
    let changes = routes::changes(&org.slug);
    for (kind, day, iso) in [
        (PageKind::Missie, "5 januari 2026", "2026-01-05"),
        (PageKind::Visie, "5 januari 2026", "2026-01-05"),
        (PageKind::Contact, "2 december 2026", "2026-12-02"),
    ] {
        let path = routes::org_page(&org.slug, kind);
        assert_eq!(
            last_changed(&path, &org),
            Some((
                format!("Laatst bijgewerkt op {day}. Wat is er veranderd?"),
                iso.to_string(),
                vec![changes.clone()]
            )),
            "{path}"
        );
    }
    // The start page is the mission.
    assert!(last_changed(&routes::org_start(&org.slug), &org).is_some());
}

#[test]
fn without_notes_no_page_says_when_it_changed() {
    let mut org = proefgemeente();
    org.changes.clear();
    for kind in [PageKind::Missie, PageKind::Contact] {
        assert_eq!(last_changed(&routes::org_page(&org.slug, kind), &org), None);
    }
    for real in organisations() {
        assert!(
            real.changes.is_empty(),
            "{}: no source gives dates",
            real.slug
        );
        for (kind, _) in real.pages.present() {
            let html = parse(&render(&routes::org_page(&real.slug, kind)));
            assert!(
                select(&html, ".last-changed").is_empty(),
                "{} {kind:?}",
                real.slug
            );
        }
    }
}

#[test]
fn the_changes_page_lists_every_note_newest_first_with_its_pages_and_the_feed() {
    let org = proefgemeente();
    let html = parse(&render_org(&routes::changes(&org.slug), &org));
    assert_eq!(text_in(the(&html, "main h1")), "Wat is er veranderd");
    let notes: Vec<(String, String, String, Vec<String>)> = select(&html, "ol.changes > li")
        .into_iter()
        .map(|li| {
            (
                li.value().attr("id").unwrap_or_default().to_string(),
                text_in(select_in(li, "h2")[0]),
                text_in(select_in(li, "h2 + p")[0]),
                hrefs(&select_in(li, "ul.change-pages a")),
            )
        })
        .collect();
    assert_eq!(
        notes,
        [
            (
                routes::change_anchor(2),
                "2 december 2026".to_string(),
                "De openingsuren van het verzonnen loket zijn veranderd.".to_string(),
                vec![routes::org_page(&org.slug, PageKind::Contact)],
            ),
            (
                routes::change_anchor(1),
                "5 januari 2026".to_string(),
                "De verzonnen pagina's staan online.".to_string(),
                Vec::new(),
            ),
        ]
    );
    let feed = select(&html, "main a[type=\"application/atom+xml\"]");
    assert_eq!(hrefs(&feed), [routes::feed(&org.slug)]);
    // Without notes: said plainly, no list and no feed.
    let mut none = org.clone();
    none.changes.clear();
    let html = parse(&render_org(&routes::changes(&none.slug), &none));
    assert_eq!(
        text_in(the(&html, "main h1 + p")),
        "Gemeente Proefgemeente heeft hier nog geen wijzigingen bekendgemaakt."
    );
    assert!(select(&html, "ol.changes, a[type=\"application/atom+xml\"]").is_empty());
}
