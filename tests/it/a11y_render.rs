//! Accessibility that shows in the HTML of every route: one `h1` that can take focus,
//! headings in order, the skip link, and a footer link to the accessibility statement;
//! and the statement itself, with contact details only where the content has them.

use crate::common::*;
use koers::content::{Block, ContactPoint, Organisation, PageKind};
use koers::pages::{STATEMENT_DATE, STATEMENT_TITLE};
use koers::routes::{self, MAIN_ID};

/// A route and the statement its footer must link to.
struct Route {
    path: String,
    statement: String,
}

/// Every route a resident can reach: every path a build pre-renders
/// ([`routes::paths`]), and a path of no page, of the site and of each organisation.
fn every_route() -> Vec<Route> {
    let paths = routes::paths(&index());
    let mut routes: Vec<Route> = paths
        .site
        .iter()
        .chain([&paths.not_found])
        .map(|path| Route {
            path: path.clone(),
            statement: routes::site_statement(),
        })
        .collect();
    for org in &paths.organisations {
        routes.extend(
            org.all()
                .into_iter()
                .chain([org.not_found.clone()])
                .map(|path| Route {
                    path,
                    statement: org.statement.clone(),
                }),
        );
    }
    routes
}

/// The headings of a page, in document order: level and text.
fn outline(html: &scraper::Html) -> Vec<(u8, String)> {
    select(html, "h1, h2, h3, h4, h5, h6")
        .into_iter()
        .map(|h| (h.value().name()[1..].parse().unwrap(), text_in(h)))
        .collect()
}

/// The contact cards of an organisation's pages, in page order.
fn contacts(org: &Organisation) -> Vec<&ContactPoint> {
    org.pages
        .present()
        .into_iter()
        .flat_map(|(_, p)| p.blocks.iter())
        .filter_map(|b| match b {
            Block::Contact(c) => Some(c),
            _ => None,
        })
        .collect()
}

#[test]
fn every_route_has_exactly_one_h1_and_it_can_take_focus() {
    for route in every_route() {
        let html = parse(&render(&route.path));
        let h1 = the(&html, "h1");
        assert_eq!(
            h1.attr("tabindex"),
            Some("-1"),
            "{}: the h1 takes focus after navigation",
            route.path
        );
        assert_eq!(
            select(&html, "main h1").len(),
            1,
            "{}: the h1 is inside main",
            route.path
        );
    }
}

#[test]
fn headings_never_skip_a_level() {
    for route in every_route() {
        let levels: Vec<u8> = outline(&parse(&render(&route.path)))
            .into_iter()
            .map(|(level, _)| level)
            .collect();
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
        let html = parse(&render(&route.path));
        // The first link comes before the header, and it is the skip link.
        let first = select(&html, "a, header")[0];
        assert_eq!(
            (
                first.value().name(),
                first.attr("class"),
                first.attr("href")
            ),
            (
                "a",
                Some("skip-link"),
                Some(routes::main_fragment().as_str())
            ),
            "{}: the first link is the skip link to main, not {}",
            route.path,
            first.html()
        );
        let main = the(&html, "main");
        assert_eq!(
            (main.attr("id"), main.attr("tabindex")),
            (Some(MAIN_ID), Some("-1")),
            "{}",
            route.path
        );
    }
}

#[test]
fn every_footer_links_to_the_accessibility_statement() {
    for route in every_route() {
        let html = parse(&render(&route.path));
        let links = select_in(the(&html, "footer"), "a");
        assert!(
            links
                .iter()
                .any(|a| a.attr("href") == Some(route.statement.as_str())
                    && text_in(*a) == "Toegankelijkheid"),
            "{}: footer links to {} as \"Toegankelijkheid\"",
            route.path,
            route.statement
        );
    }
}

#[test]
fn the_statement_is_not_one_of_the_pages_in_the_navigation() {
    for org in organisations() {
        let html = parse(&render(&routes::org_statement(&org.slug)));
        assert_eq!(
            hrefs(&select(&html, "nav a")),
            page_paths(&org),
            "{}",
            org.slug
        );
        assert!(
            select(&html, "nav [aria-current]").is_empty(),
            "{}: no page of the four is current",
            org.slug
        );
    }
}

#[test]
fn each_statement_follows_the_eu_model_and_names_its_organisation() {
    for org in organisations() {
        let text = text_of(&render(&routes::org_statement(&org.slug)));
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

/// The outline of a statement: the EU model's sections, each contact card of the
/// organisation (none for the site's own) under the feedback section.
fn statement_outline(contacts: &[&ContactPoint]) -> Vec<(u8, String)> {
    let h2 = |t: &str| (2, t.to_string());
    let mut outline = vec![
        (1, STATEMENT_TITLE.to_string()),
        h2("Nalevingsstatus"),
        h2("Niet-toegankelijke inhoud"),
        h2("Opstelling van deze verklaring"),
        h2("Feedback en contactgegevens"),
    ];
    outline.extend(contacts.iter().map(|c| (3, fold(&c.name))));
    outline.push(h2("Handhavingsprocedure"));
    outline
}

#[test]
fn every_statement_has_the_outline_of_the_eu_model() {
    let html = parse(&render(&routes::site_statement()));
    assert_eq!(outline(&html), statement_outline(&[]));
    for org in organisations() {
        let html = parse(&render(&routes::org_statement(&org.slug)));
        assert_eq!(
            outline(&html),
            statement_outline(&contacts(&org)),
            "{}",
            org.slug
        );
    }
}

#[test]
fn statement_gives_the_contact_details_the_content_has_and_invents_none() {
    for org in organisations() {
        let html = parse(&render(&routes::org_statement(&org.slug)));
        let main = the(&html, "main");
        let text = text_in(main);
        let links = hrefs(&select_in(main, "[href]"));
        let links_to = |scheme: &str| links.iter().any(|h| h.starts_with(scheme));
        let contacts = contacts(&org);
        if contacts.is_empty() {
            assert!(!links_to("tel:"), "{}: no phone link", org.slug);
            assert!(!links_to("mailto:"), "{}: no e-mail link", org.slug);
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
                    assert!(links.contains(&format!("mailto:{email}")));
                }
            }
        }
    }
}

#[test]
fn heusden_zolder_statement_has_its_real_phone_number() {
    let org = organisation("heusden-zolder");
    let html = parse(&render(&routes::org_statement(&org.slug)));
    assert_eq!(
        text_in(the(&html, "a[href='tel:+3211808086']")),
        "011 80 80 86"
    );
    let text = text_in(html.root_element());
    assert!(
        text.contains(&format!("{} streeft ernaar", org.name)),
        "{text}"
    );
    assert!(text.contains("011 80 80 86"), "{text}");

    assert!(text.contains("Heldenplein 1"));
    assert!(!text.contains("staan (nog) niet in deze app"));
}

#[test]
fn the_site_statement_links_to_every_organisations_statement() {
    let html = parse(&render(&routes::site_statement()));
    let text = text_in(html.root_element());
    let links = hrefs(&select(&html, "[href]"));
    assert!(text.contains(STATEMENT_TITLE));
    assert!(text.contains("gedeeltelijk conform"));
    assert!(text.contains("Vlaamse Ombudsdienst"));
    for org in organisations() {
        assert!(
            links.contains(&routes::org_statement(&org.slug)),
            "{}",
            org.slug
        );
        assert!(text.contains(&fold(&org.name)));
    }
    assert!(
        !links
            .iter()
            .any(|h| h.starts_with("tel:") || h.starts_with("mailto:")),
        "{links:?}"
    );
}

#[test]
fn lists_and_definitions_are_marked_up_as_such() {
    let visie = parse(&render(&routes::org_page(
        "heusden-zolder",
        PageKind::Visie,
    )));
    let dl = the(&visie, "dl.definitions");
    assert_eq!(select_in(dl, "dt").len(), select_in(dl, "dd").len());
    let ambities = parse(&render(&routes::org_page("herenthout", PageKind::Ambities)));
    let themes = select(&ambities, "section.theme");
    assert!(!themes.is_empty());
    for theme in themes {
        let first = theme.child_elements().next().map(|e| e.value().name());
        assert_eq!(first, Some("h2"), "each theme has its own h2");
        assert!(
            !select_in(theme, "ul > li").is_empty(),
            "ambitions are a list"
        );
    }
    let start = parse(&render(&routes::home()));
    the(&start, "main ul.org-list");
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
