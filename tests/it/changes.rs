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

/// The "Laatst bijgewerkt" line of `path`, as text, and where it links; `None` when the
/// page has none.
fn last_changed(path: &str, org: &Organisation) -> Option<(String, String)> {
    let html = render_with(path, index_of(org), vec![org.clone()]);
    let start = html.find("<p class=\"last-changed\"")?;
    let end = start + html[start..].find("</p>")?;
    let line = &html[start..end];
    let href = line.split("href=\"").nth(1)?.split('"').next()?.to_string();
    Some((text_of(line), href))
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
        let (text, href) = last_changed(&path, &org).unwrap_or_else(|| panic!("{path}"));
        assert_eq!(
            text,
            format!("Laatst bijgewerkt op {day} . Wat is er veranderd?"),
            "{path}"
        );
        assert_eq!(href, changes, "{path}");
        let html = render_with(&path, index_of(&org), vec![org.clone()]);
        assert!(
            html.contains(&format!("<time datetime=\"{iso}\">{day}</time>")),
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
            let html = render(&routes::org_page(&real.slug, kind));
            assert!(!html.contains("last-changed"), "{} {kind:?}", real.slug);
        }
    }
}
