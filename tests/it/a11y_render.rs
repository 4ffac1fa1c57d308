//! Accessibility that shows in the HTML of every route: one `h1` that can take focus,
//! headings in order, the skip link, and a footer link to the accessibility statement;
//! and the statement itself, with contact details only where the content has them.

use crate::common::*;
use koers::content::{Block, PageKind};
use koers::pages::{STATEMENT_DATE, STATEMENT_TITLE};

/// A route and the statement its footer must link to.
struct Route {
    path: String,
    statement: String,
}

/// Every route a resident can reach: the site's pages, every organisation's start,
/// its four page URLs (present or not), its statement, and unknown paths.
fn every_route() -> Vec<Route> {
    let site = |path: &str| Route {
        path: path.to_string(),
        statement: "/toegankelijkheid".into(),
    };
    let mut routes = vec![site("/"), site("/toegankelijkheid"), site("/bestaat-niet")];
    for org in organisations() {
        let of_org = |path: String| Route {
            path,
            statement: format!("/{}/toegankelijkheid", org.slug),
        };
        routes.push(of_org(format!("/{}", org.slug)));
        for kind in PageKind::ALL {
            routes.push(of_org(format!("/{}/{}", org.slug, kind.slug())));
        }
        routes.push(of_org(format!("/{}/toegankelijkheid", org.slug)));
        routes.push(of_org(format!("/{}/onbekend", org.slug)));
    }
    routes
}

/// The levels of the headings of an HTML string, in document order.
fn heading_levels(html: &str) -> Vec<u8> {
    let bytes = html.as_bytes();
    let mut levels = Vec::new();
    for (i, _) in html.match_indices("<h") {
        if let (Some(d @ b'1'..=b'6'), Some(b' ' | b'>')) = (bytes.get(i + 2), bytes.get(i + 3)) {
            levels.push(d - b'0');
        }
    }
    levels
}

/// The part of `html` between the first `open` and the next `close`.
fn section<'a>(html: &'a str, open: &str, close: &str) -> &'a str {
    let start = html
        .find(open)
        .unwrap_or_else(|| panic!("no {open} in {html}"));
    let rest = &html[start..];
    &rest[..rest.find(close).unwrap_or(rest.len())]
}

#[test]
fn every_route_has_exactly_one_h1_and_it_can_take_focus() {
    for route in every_route() {
        let html = render(&route.path);
        assert_eq!(html.matches("<h1").count(), 1, "{}: one h1", route.path);
        assert!(
            html.contains("<h1 tabindex=\"-1\">"),
            "{}: the h1 takes focus after navigation",
            route.path
        );
        assert!(
            section(&html, "<main", "</main>").contains("<h1"),
            "{}: the h1 is inside main",
            route.path
        );
    }
}

#[test]
fn headings_never_skip_a_level() {
    for route in every_route() {
        let levels = heading_levels(&render(&route.path));
        assert_eq!(levels.first(), Some(&1), "{}: starts with h1", route.path);
        for pair in levels.windows(2) {
            assert!(
                pair[1] <= pair[0] + 1,
                "{}: h{} follows h{} ({levels:?})",
                route.path,
                pair[1],
                pair[0]
            );
        }
    }
}

#[test]
fn every_page_starts_with_the_skip_link_to_main() {
    for route in every_route() {
        let html = render(&route.path);
        let first_link = html.find("<a ").unwrap();
        let tag = &html[first_link..first_link + html[first_link..].find('>').unwrap()];
        assert!(
            tag.contains("class=\"skip-link\"") && tag.contains("href=\"#inhoud\""),
            "{}: the first link is the skip link to main, not {tag}",
            route.path
        );
        assert!(first_link < html.find("<header").unwrap(), "{}", route.path);
        assert!(html.contains("<main id=\"inhoud\" tabindex=\"-1\""));
    }
}

#[test]
fn every_footer_links_to_the_accessibility_statement() {
    for route in every_route() {
        let html = render(&route.path);
        let footer = section(&html, "<footer", "</footer>");
        let link = format!("href=\"{}\"", route.statement);
        assert!(footer.contains(&link), "{}: footer has {link}", route.path);
        assert!(
            text_of(footer).contains("Toegankelijkheid"),
            "{}",
            route.path
        );
    }
}

#[test]
fn the_statement_is_not_one_of_the_pages_in_the_navigation() {
    for org in organisations() {
        let html = render(&format!("/{}/toegankelijkheid", org.slug));
        let nav = section(&html, "<nav", "</nav>");
        assert!(!nav.contains("toegankelijkheid"), "{}", org.slug);
        assert!(
            !nav.contains("aria-current"),
            "{}: no page of the four is current",
            org.slug
        );
    }
}

#[test]
fn each_statement_follows_the_eu_model_and_names_its_organisation() {
    for org in organisations() {
        let text = text_of(&render(&format!("/{}/toegankelijkheid", org.slug)));
        for needle in [
            STATEMENT_TITLE,
            &format!("{} streeft ernaar deze app toegankelijk te maken", org.name),
            "gedeeltelijk conform met de Web Content Accessibility Guidelines (WCAG) 2.1, niveau AA",
            "Niet-toegankelijke inhoud",
            "zoals ze gepubliceerd zijn",
            &format!("opgesteld op {STATEMENT_DATE}"),
            "axe-core",
            "320, 768 en 1280 pixels",
            "Chromium",
            "Feedback en contactgegevens",
            "Handhavingsprocedure",
            "Vlaamse Ombudsdienst",
        ] {
            assert!(text.contains(needle), "{}: {needle:?} in {text}", org.slug);
        }
        for (kind, _) in org.pages.present() {
            assert!(
                text.contains(kind.label()),
                "{}: the scope names the {} page",
                org.slug,
                kind.slug()
            );
        }
    }
}

#[test]
fn statement_gives_the_contact_details_the_content_has_and_invents_none() {
    for org in organisations() {
        let html = render(&format!("/{}/toegankelijkheid", org.slug));
        let main = section(&html, "<main", "</main>");
        let text = text_of(main);
        let contacts: Vec<_> = org
            .pages
            .present()
            .into_iter()
            .flat_map(|(_, p)| p.blocks.iter())
            .filter_map(|b| match b {
                Block::Contact(c) => Some(c),
                _ => None,
            })
            .collect();
        if contacts.is_empty() {
            assert!(!main.contains("tel:"), "{}: no phone link", org.slug);
            assert!(!main.contains("mailto:"), "{}: no e-mail link", org.slug);
            assert!(!text.contains("Telefoon") && !text.contains("E-mail"));
            assert!(
                !text.chars().any(|c| c == '@'),
                "{}: no e-mail address",
                org.slug
            );
            let digits = text
                .chars()
                .filter(char::is_ascii_digit)
                .collect::<String>();
            // Only the statement's own numbers: the date, WCAG 2.0/2.1, the widths,
            // the directive's number.
            assert!(
                !digits.contains("011") && !digits.contains("014") && !digits.contains("0800"),
                "{}: no phone number ({digits})",
                org.slug
            );
            assert!(
                text.contains("staan (nog) niet in deze app"),
                "{}: says plainly that the details are not here",
                org.slug
            );
        } else {
            for c in contacts {
                assert!(text.contains(&fold(&c.name)), "{}: {}", org.slug, c.name);
                if let Some(phone) = &c.phone {
                    assert!(text.contains(phone.as_str()), "{}: {phone}", org.slug);
                }
                if let Some(email) = &c.email {
                    assert!(main.contains(&format!("mailto:{email}")));
                }
            }
        }
    }
}

#[test]
fn heusden_zolder_statement_has_its_real_phone_number() {
    let org = organisation("heusden-zolder");
    let html = render("/heusden-zolder/toegankelijkheid");
    let text = text_of(&html);
    assert!(
        text.contains(&format!("{} streeft ernaar", org.name)),
        "{text}"
    );
    assert!(text.contains("011 80 80 86"), "{text}");
    assert!(html.contains("href=\"tel:+3211808086\""));
    assert!(text.contains("Heldenplein 1"));
    assert!(!text.contains("staan (nog) niet in deze app"));
}

#[test]
fn the_site_statement_links_to_every_organisations_statement() {
    let html = render("/toegankelijkheid");
    let text = text_of(&html);
    assert!(text.contains(STATEMENT_TITLE));
    assert!(text.contains("gedeeltelijk conform"));
    assert!(text.contains("Vlaamse Ombudsdienst"));
    for org in organisations() {
        assert!(
            html.contains(&format!("href=\"/{}/toegankelijkheid\"", org.slug)),
            "{}",
            org.slug
        );
        assert!(text.contains(&fold(&org.name)));
    }
    assert!(!html.contains("tel:") && !html.contains("mailto:"));
}

#[test]
fn lists_and_definitions_are_marked_up_as_such() {
    let visie = render("/heusden-zolder/visie");
    let dl = section(&visie, "<dl class=\"definitions\">", "</dl>");
    assert_eq!(dl.matches("<dt>").count(), dl.matches("<dd>").count());
    let ambities = render("/herenthout/ambities");
    for theme in ambities.split("<section class=\"theme\">").skip(1) {
        let theme = &theme[..theme.find("</section>").unwrap()];
        assert!(theme.starts_with("<h2>"), "each theme has its own h2");
        assert!(
            theme.contains("<ul>") && theme.contains("<li>"),
            "ambitions are a list"
        );
    }
    let start = render("/");
    assert!(section(&start, "<main", "</main>").contains("<ul class=\"org-list\">"));
}

#[test]
fn no_organisation_can_take_the_statement_path_as_its_slug() {
    let text = std::fs::read_to_string(content_dir().join("herenthout.json"))
        .unwrap()
        .replace("\"slug\": \"herenthout\"", "\"slug\": \"toegankelijkheid\"");
    let problems = koers::content::parse_organisation("toegankelijkheid.json", text.as_bytes())
        .expect_err("the slug of the statement page is refused");
    let all = problems
        .iter()
        .map(|p| p.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(all.contains("slug \"toegankelijkheid\" is taken"), "{all}");
}
