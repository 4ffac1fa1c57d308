//! oEmbed (<https://oembed.com>): a web editor pastes the address of an organisation's
//! page into WordPress, or any site that reads oEmbed, and gets the page embedded.
//!
//! The responses are static files written beside each page
//! (`herentals/missie/oembed.json`), and each page announces its own in its head
//! (discovery, section 4 of the spec). Both need absolute addresses, so they exist
//! only when the build knows the site's address (`--site-url`), as the sitemap does.
//!
//! The HTML is the embed page's snippet (`koers::pages::snippet_around`): the
//! placeholder that `embed.js` turns into a frame as high as its content, holding a
//! plain frame of a fixed height for consumers that strip scripts (WordPress keeps only
//! an `<iframe>` from a provider it does not know).

use std::path::Path;

use koers::pages::{frame, snippet_around, FRAME_HEIGHT};
use koers_content::Organisation;
use serde_json::{json, Value};

use super::files::{create_dir, write};
use super::org_pages::{self, OrgPage};
use crate::Result;

/// The file of a page's response, relative to the page's folder.
pub const FILE: &str = koers_serving::OEMBED_FILE;

/// The width the responses ask for: the frame fills its column, this is what it needs.
const WIDTH: u32 = 640;

/// The response for `page` of `org`, on the site at `site` (origin and base path,
/// e.g. "https://koers.example.be/koers").
pub fn response(org: &Organisation, page: &OrgPage, site: &str) -> Value {
    let html = snippet_around(site, &page.path, &frame(site, &page.path, &page.title));
    json!({
        "version": "1.0",
        "type": "rich",
        "title": page.title,
        "author_name": org.name,
        "provider_name": "Koers",
        "provider_url": format!("{site}/"),
        "html": html,
        "width": WIDTH,
        "height": FRAME_HEIGHT,
    })
}

/// The address of `page`'s response.
pub fn address(page: &OrgPage, site: &str) -> String {
    format!("{site}{}/{FILE}", page.path)
}

/// The discovery link for a page's `<head>`.
pub fn discovery(page: &OrgPage, site: &str) -> String {
    super::html::alternate_link("application/json+oembed", &address(page, site), &page.title)
}

/// Writes every page's response of `orgs` into `dist`: beside the page, and beside
/// the organisation's start for its first page, so an endpoint that maps `?url=` to a
/// folder (`deploy/nginx.conf`'s `/oembed`) finds one for every address that shows it.
pub fn write_all(dist: &Path, orgs: &[Organisation], site: &str) -> Result {
    for org in orgs {
        for page in org_pages::of(org) {
            let body = serde_json::to_string_pretty(&response(org, &page, site))
                .expect("a response serialises");
            for path in &page.shown_at {
                let folder = dist.join(path.trim_start_matches('/'));
                create_dir(&folder)?;
                write(&folder.join(FILE), body.as_bytes())?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::made_up;

    #[test]
    fn every_present_page_is_embeddable_and_the_first_also_at_the_start() {
        let pages = org_pages::of(&made_up());
        let shown: Vec<_> = pages.iter().map(|p| p.shown_at.clone()).collect();
        assert_eq!(
            shown,
            [
                vec!["/voorbeeld/missie".to_string(), "/voorbeeld".into()],
                vec!["/voorbeeld/contact".to_string()],
            ]
        );
    }

    #[test]
    fn the_response_is_rich_with_a_frame_inside_the_snippet_and_escaped() {
        let org = made_up();
        let page = &org_pages::of(&org)[1];
        let site = "https://koers.example.be/koers";
        let r = response(&org, page, site);
        assert_eq!(r["version"], "1.0");
        assert_eq!(r["type"], "rich");
        assert_eq!(r["width"], 640);
        assert_eq!(r["height"], 900);
        assert_eq!(r["provider_url"], "https://koers.example.be/koers/");
        assert_eq!(
            r["html"],
            "<div data-koers-embed=\"https://koers.example.be/koers/voorbeeld/contact\">\
             <iframe src=\"https://koers.example.be/koers/voorbeeld/contact?embed=1\" \
             title=\"Contact — Gemeente &quot;Voorbeeld&quot; &lt;&amp;&gt; co\" width=\"100%\" \
             height=\"900\" style=\"border:0\"></iframe></div>\n\
             <script src=\"https://koers.example.be/koers/embed.js\" defer></script>"
        );
        assert_eq!(
            discovery(page, site),
            "<link rel=\"alternate\" type=\"application/json+oembed\" \
             href=\"https://koers.example.be/koers/voorbeeld/contact/oembed.json\" \
             title=\"Contact — Gemeente &quot;Voorbeeld&quot; &lt;&amp;&gt; co\">"
        );
    }
}
