//! Koers inside another site: the page that gives web editors their snippet, and the
//! pages as they render embedded (no header or footer, the host's accent, links to
//! other sites in a new tab).

use crate::common::*;
use koers::browser::embed::Embed;
use koers::browser::location::EXAMPLE_ORIGIN;
use koers::content::{Block, PageKind};
use koers::routes;

#[test]
fn the_embed_page_gives_a_snippet_for_every_page_the_organisation_has() {
    for org in organisations() {
        let html = render(&routes::embed(&org.slug));
        let text = text_of(&html);
        assert!(
            text.contains("Op je eigen website tonen"),
            "{}: {text}",
            org.slug
        );
        let parsed = parse(&html);
        assert_eq!(select(&parsed, "h1").len(), 1);
        for (kind, page) in org.pages.present() {
            let snippet = format!(
                "<div data-koers-embed=\"{EXAMPLE_ORIGIN}{}\"></div> \
                 <script src=\"{EXAMPLE_ORIGIN}/embed.js\" defer></script>",
                routes::org_page(&org.slug, kind)
            );
            assert!(text.contains(&snippet), "{}: {snippet} in {text}", org.slug);
            assert!(text.contains(&format!("Kopieer de code voor {}", page.title)));
        }
        let snippets = text.matches("data-koers-embed=").count();
        assert_eq!(
            snippets,
            org.pages.present().len() + 1,
            "{}: one per page, and the coloured example",
            org.slug
        );
        // The snippet is shown as text, never as markup that would run here.
        assert!(select(&parsed, "script[src]").is_empty());
        assert!(text.contains("<script src="));
        assert!(text.contains("data-koers-theme=\"#1d3b72\""));
        assert!(text.contains("?embed=1"), "the plain iframe alternative");
    }
}

#[test]
fn every_organisation_page_links_to_its_embed_page() {
    for org in organisations() {
        let html = parse(&render(&routes::org_start(&org.slug)));
        let footer = the(&html, "footer");
        assert!(
            hrefs(&select_in(footer, "a")).contains(&routes::embed(&org.slug)),
            "{}",
            footer.html()
        );
    }
}

#[test]
fn embedded_pages_have_no_site_header_or_footer_but_keep_their_content() {
    for org in organisations() {
        for (kind, page) in org.pages.present() {
            let path = routes::org_page(&org.slug, kind);
            let html = parse(&render_embedded(&path, "?embed=1&id=koers-embed-1"));
            assert!(
                select(&html, "header, footer, .site-header, .site-footer").is_empty(),
                "{path}: {}",
                html.html()
            );
            let text = text_in(html.root_element());
            assert!(!text.contains("Alle lokale besturen"));
            assert_eq!(select(&html, "h1").len(), 1, "{path}");
            assert!(text.contains(&fold(&page.title)), "{path}");
            // The organisation's own navigation stays, the current page marked.
            let page = html;
            let current = the(&page, "nav a[aria-current='page']");
            assert_eq!(current.attr("href"), Some(path.as_str()));
            assert_eq!(hrefs(&select(&page, "nav a")), page_paths(&org), "{path}");
        }
    }
}

#[test]
fn embedded_pages_of_no_organisation_have_no_header_or_footer_either() {
    for path in ["/", "/bestaat-niet"] {
        let html = parse(&render_embedded(path, "?embed=1"));
        assert!(select(&html, "header, footer").is_empty(), "{path}");
        assert_eq!(select(&html, "h1").len(), 1, "{path}");
    }
}

#[test]
fn not_embedded_the_header_and_footer_are_there() {
    let html = parse(&render_full(
        &routes::org_page("herentals", PageKind::Missie),
        index(),
        organisations(),
        Embed::from_query("?id=x"),
    ));
    the(&html, "header.site-header");
    the(&html, "footer.site-footer");
}

/// The accent colour the organisation's pages are drawn in: an inline custom property
/// (embedded, or in the browser), else the stylesheet rule the build writes for the
/// element's `data-org` (pre-rendered pages carry no style attribute).
fn accent_of(html: &str) -> String {
    let at = html.find("class=\"org").expect("an organisation layout");
    let tag_start = html[..at].rfind('<').unwrap();
    let tag = &html[tag_start..tag_start + html[tag_start..].find('>').unwrap()];
    if let Some(i) = tag.find("--accent:") {
        let start = i + "--accent:".len();
        return tag[start..]
            .split([';', '"'])
            .next()
            .unwrap()
            .trim()
            .to_string();
    }
    let value = &tag[tag.find("data-org=\"").expect("data-org") + "data-org=\"".len()..];
    organisation(&value[..value.find('"').unwrap()]).accent
}

#[test]
fn the_host_can_set_a_readable_accent_colour_and_nothing_else() {
    let org = organisation("herentals");
    let path = "/herentals/missie";
    assert_eq!(accent_of(&render_embedded(path, "?embed=1")), org.accent);
    assert_eq!(
        accent_of(&render_embedded(path, "?embed=1&theme=%23123456")),
        "#123456"
    );
    for refused in ["%23ffff00", "%23abc", "red", "%23123456%3Bcolor%3Ared"] {
        let html = render_embedded(path, &format!("?embed=1&theme={refused}"));
        assert_eq!(accent_of(&html), org.accent, "{refused} is ignored");
    }
    // Not embedded, a theme in the address changes nothing.
    assert_eq!(
        accent_of(&render("/herentals/missie?theme=%23123456")),
        org.accent
    );
}

#[test]
fn embedded_links_to_other_sites_open_in_a_new_tab_and_say_so() {
    let mut org = organisation("herenthout");
    org.pages.missie.as_mut().unwrap().blocks.push(Block::Link {
        label: "Een andere website".into(),
        href: "https://example.org/".into(),
    });
    let orgs = || {
        organisations()
            .into_iter()
            .map(|o| if o.slug == org.slug { org.clone() } else { o })
            .collect::<Vec<_>>()
    };
    let embedded = render_full(
        &routes::org_page("herenthout", PageKind::Missie),
        index(),
        orgs(),
        Embed::from_query("embed=1"),
    );
    let embedded = parse(&embedded);
    let link = the(&embedded, "a[href='https://example.org/']");
    assert_eq!(
        (link.attr("target"), link.attr("rel")),
        (Some("_blank"), Some("noopener external")),
        "{}",
        link.html()
    );
    assert!(
        text_in(link).contains("(opent in een nieuw tabblad)"),
        "{}",
        link.html()
    );
    // In-app links stay in the frame.
    assert!(select(&embedded, "nav [target]").is_empty());

    let standalone = parse(&render_with(
        &routes::org_page("herenthout", PageKind::Missie),
        index(),
        orgs(),
    ));
    let link = the(&standalone, "a[href='https://example.org/']");
    assert_eq!(link.attr("target"), None, "{}", link.html());
    assert!(!text_in(link).contains("nieuw tabblad"));
}
