//! An organisation's pages as the build writes things for each of them: its route, the
//! routes that show it, its title. Each page's oEmbed response (`oembed.rs`) and its
//! structured data's `dateModified` (`prerender.rs`) are made from these.

use koers::routes;
use koers_content::{Organisation, PageKind};

/// One page of an organisation.
pub struct OrgPage {
    pub kind: PageKind,
    /// Its route, e.g. "/herentals/missie" (without the site's base path).
    pub path: String,
    /// The routes that show it: its own, and `/:org` for the organisation's first page.
    pub shown_at: Vec<String>,
    /// "Missie — Herentals".
    pub title: String,
}

/// Every page of `org`: its present pages, in order.
pub fn of(org: &Organisation) -> Vec<OrgPage> {
    org.pages
        .present()
        .into_iter()
        .map(|(kind, page)| {
            let path = routes::org_page(&org.slug, kind);
            let mut shown_at = vec![path.clone()];
            if org.start_page().is_some_and(|(start, _)| start == kind) {
                shown_at.push(routes::org_start(&org.slug));
            }
            OrgPage {
                kind,
                path,
                shown_at,
                title: format!("{} — {}", page.title, org.name),
            }
        })
        .collect()
}
