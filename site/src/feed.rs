//! The Atom feed of an organisation's change notes (`<org>/wijzigingen.xml`), for
//! residents who follow it in a feed reader. Written only for an organisation with
//! notes; its links are absolute when the build knows the site's address, else
//! relative to the feed (which Atom allows, against the feed's own address).
//!
//! Identifiers must be absolute and never change: `urn:uuid:` names made from the
//! organisation's slug and, for an entry, its place counted from the oldest note (new
//! notes go on top, so the older ones keep their number), not from the site's address.

use std::path::Path;

use atom_syndication::{Content, Entry, Feed, FixedDateTime, Link, Person, Text};
use koers::routes;
use koers_content::{long_date, Organisation};
use sha2::{Digest, Sha256};

use super::files::write;
use crate::Result;

/// The feed of `org`; `site` is the site's origin and base path when known
/// ("https://koers.example.be/koers"). `None` without notes.
pub fn feed(org: &Organisation, site: Option<&str>) -> Option<String> {
    let newest = org.changes.first()?;
    let page = routes::changes(&org.slug);
    // Absolute with the site's address; else relative to the feed, which is in the
    // organisation's folder like the page.
    let (page_href, self_href) = match site {
        Some(site) => (
            format!("{site}{page}"),
            format!("{site}{}", routes::feed(&org.slug)),
        ),
        None => (last_segment(&page), last_segment(&routes::feed(&org.slug))),
    };
    let total = org.changes.len();
    let entries: Vec<Entry> = org
        .changes
        .iter()
        .enumerate()
        .map(|(i, change)| {
            let number = total - i;
            let mut title = long_date(&change.date).unwrap_or_else(|| change.date.clone());
            if !change.pages.is_empty() {
                let pages: Vec<&str> = change.pages.iter().map(|k| k.label()).collect();
                title = format!("{title} — {}", pages.join(", "));
            }
            let mut content = Content::default();
            content.set_content_type("text".to_string());
            content.set_value(change.note.clone());
            let mut entry = Entry::default();
            entry.set_id(uuid(&format!("koers:{}:change:{number}", org.slug)));
            entry.set_title(Text::plain(title));
            entry.set_updated(day(&change.date));
            entry.set_links(vec![link(
                &format!("{page_href}#{}", routes::change_anchor(number)),
                "alternate",
                "text/html",
            )]);
            entry.set_content(content);
            entry
        })
        .collect();
    let mut author = Person::default();
    author.set_name(org.name.clone());
    let mut feed = Feed::default();
    feed.set_lang("nl-BE".to_string());
    feed.set_id(uuid(&format!("koers:{}:changes", org.slug)));
    feed.set_title(Text::plain(format!("Wijzigingen — {}", org.name)));
    feed.set_updated(day(&newest.date));
    feed.set_authors(vec![author]);
    feed.set_links(vec![
        link(&self_href, "self", "application/atom+xml"),
        link(&page_href, "alternate", "text/html"),
    ]);
    feed.set_entries(entries);
    // `to_string` writes the XML declaration itself.
    Some(feed.to_string() + "\n")
}

/// The link by which feed readers find the feed of `org` (which has notes) on its
/// pages; `base_path` is the site's ("" or "/koers").
pub fn discovery(org: &Organisation, base_path: &str) -> String {
    super::html::alternate_link(
        "application/atom+xml",
        &format!("{base_path}{}", routes::feed(&org.slug)),
        &format!("Wijzigingen — {}", org.name),
    )
}

/// The last segment of a path in the organisation's folder: the feed's relative link
/// to it.
fn last_segment(path: &str) -> String {
    path.rsplit('/').next().unwrap_or(path).to_string()
}

fn link(href: &str, rel: &str, mime: &str) -> Link {
    let mut link = Link::default();
    link.set_href(href.to_string());
    link.set_rel(rel.to_string());
    link.set_mime_type(Some(mime.to_string()));
    link
}

/// The start of a day the build checked (`2026-12-02`), as Atom writes a time.
fn day(date: &str) -> FixedDateTime {
    FixedDateTime::parse_from_rfc3339(&format!("{date}T00:00:00Z"))
        .expect("the build checked the date")
}

/// A name-based UUID (version 5's layout, with SHA-256) for `name`, as a URN.
fn uuid(name: &str) -> String {
    let mut b: [u8; 16] = Sha256::digest(name.as_bytes())[..16]
        .try_into()
        .expect("16 bytes");
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = hex::encode(b);
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

/// Writes the feed of every organisation with notes into its folder of `dist`.
pub fn write_all(dist: &Path, orgs: &[Organisation], site: Option<&str>) -> Result {
    for org in orgs {
        if let Some(xml) = feed(org, site) {
            let file = routes::feed(&org.slug);
            write(&dist.join(file.trim_start_matches('/')), xml.as_bytes())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate as site;
    use koers_content::{Change, PageKind};

    /// The made-up organisation with `changes`.
    fn made_up(changes: Vec<Change>) -> Organisation {
        Organisation {
            changes,
            ..site::made_up()
        }
    }

    fn two_notes() -> Vec<Change> {
        vec![
            Change {
                date: "2026-12-02".into(),
                note: "Het loket sluit om 16 uur & niet <later>.".into(),
                pages: vec![PageKind::Contact],
            },
            Change {
                date: "2026-01-05".into(),
                note: "De nieuwe missie.".into(),
                pages: Vec::new(),
            },
        ]
    }

    #[test]
    fn no_notes_no_feed() {
        assert_eq!(feed(&made_up(Vec::new()), None), None);
    }

    /// Read back by another crate's parser, as a feed reader would.
    #[test]
    fn the_feed_parses_and_says_what_changed_newest_first() {
        let site = "https://koers.example.be/koers";
        let xml = feed(&made_up(two_notes()), Some(site)).unwrap();
        assert!(xml.starts_with("<?xml version=\"1.0\""), "{xml}");
        assert_eq!(
            xml.matches("<?xml").count(),
            1,
            "one declaration, first: {xml}"
        );
        let parsed = feed_rs::parser::parse(xml.as_bytes()).expect(&xml);
        assert_eq!(parsed.feed_type, feed_rs::model::FeedType::Atom);
        assert_eq!(
            parsed.title.unwrap().content,
            "Wijzigingen — Gemeente \"Voorbeeld\" <&> co"
        );
        assert_eq!(
            parsed.updated.unwrap().to_rfc3339(),
            "2026-12-02T00:00:00+00:00"
        );
        assert_eq!(
            parsed.authors[0].name.as_deref(),
            Some("Gemeente \"Voorbeeld\" <&> co")
        );
        let links: Vec<(String, Option<String>)> = parsed
            .links
            .iter()
            .map(|l| (l.href.clone(), l.rel.clone()))
            .collect();
        assert_eq!(
            links,
            [
                (
                    format!("{site}/voorbeeld/wijzigingen.xml"),
                    Some("self".into())
                ),
                (
                    format!("{site}/voorbeeld/wijzigingen"),
                    Some("alternate".into())
                ),
            ]
        );
        let entries: Vec<(String, String, String, String)> = parsed
            .entries
            .iter()
            .map(|e| {
                (
                    e.title.clone().unwrap().content,
                    e.content.clone().unwrap().body.unwrap(),
                    e.links[0].href.clone(),
                    e.updated.unwrap().date_naive().to_string(),
                )
            })
            .collect();
        assert_eq!(
            entries,
            [
                (
                    "2 december 2026 — Contact".to_string(),
                    "Het loket sluit om 16 uur & niet <later>.".to_string(),
                    format!("{site}/voorbeeld/wijzigingen#wijziging-2"),
                    "2026-12-02".to_string(),
                ),
                (
                    "5 januari 2026".to_string(),
                    "De nieuwe missie.".to_string(),
                    format!("{site}/voorbeeld/wijzigingen#wijziging-1"),
                    "2026-01-05".to_string(),
                ),
            ]
        );
        // Ids are URNs, different for each, and an entry keeps its id when a newer
        // note is added above it.
        let ids: Vec<&str> = parsed.entries.iter().map(|e| e.id.as_str()).collect();
        assert!(ids.iter().all(|id| id.starts_with("urn:uuid:")), "{ids:?}");
        assert_ne!(ids[0], ids[1]);
        let mut three = two_notes();
        three.insert(
            0,
            Change {
                date: "2026-12-03".into(),
                note: "Nog een verzonnen wijziging.".into(),
                pages: Vec::new(),
            },
        );
        let again =
            feed_rs::parser::parse(feed(&made_up(three), Some(site)).unwrap().as_bytes()).unwrap();
        let kept: Vec<&str> = again.entries[1..].iter().map(|e| e.id.as_str()).collect();
        assert_eq!(kept, ids);
    }

    #[test]
    fn without_the_sites_address_the_links_are_relative_to_the_feed() {
        let xml = feed(&made_up(two_notes()), None).unwrap();
        let parsed = feed_rs::parser::parse(xml.as_bytes()).unwrap();
        let hrefs: Vec<&str> = parsed.links.iter().map(|l| l.href.as_str()).collect();
        assert_eq!(hrefs, ["wijzigingen.xml", "wijzigingen"]);
        assert_eq!(parsed.entries[1].links[0].href, "wijzigingen#wijziging-1");
    }
}
