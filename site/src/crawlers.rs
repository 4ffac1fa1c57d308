//! What search engines read: `robots.txt` always, and `sitemap.xml` when the site's
//! address (`--site-url` or `KOERS_SITE_URL`) is known, since a sitemap holds
//! absolute URLs only.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{bail, Context as _};
use koers::routes;
use koers_content::Organisation;

use super::files::write;
use crate::Result;

/// The site's origin from `--site-url` or `KOERS_SITE_URL`: "https://host[:port]",
/// without a path (the path the site is served under comes from `--public-url`).
pub fn site_origin(url: &str) -> Result<String> {
    let url = url.trim().trim_end_matches('/');
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .with_context(|| format!("site URL `{url}` must start with https:// (or http://)"))?;
    if rest.is_empty()
        || rest.contains(['/', '?', '#', ' ', '"', '<', '>', '&'])
        || rest.starts_with(':')
    {
        bail!(
            "site URL `{url}` must be only the origin, like https://koers.example.be \
             (the path the site is served under is given with --public-url)"
        );
    }
    Ok(url.to_string())
}

/// The pages search engines should know: the start page and every page of every
/// organisation (not `/<org>`, which shows its first page again, nor the search page),
/// and the changes page of an organisation with change notes; a page a note concerns
/// with the day it last changed (`lastmod`).
pub fn sitemap(origin: &str, base: &str, orgs: &[Organisation]) -> String {
    let mut urls: Vec<(String, Option<&str>)> = vec![(format!("{origin}{base}"), None)];
    let base = base.trim_end_matches('/');
    for org in orgs {
        for (kind, _) in org.pages.present() {
            let changed = org.last_change(kind).map(|c| c.date.as_str());
            urls.push((
                format!("{origin}{base}{}", routes::org_page(&org.slug, kind)),
                changed,
            ));
        }
        if let Some(newest) = org.changes.first() {
            urls.push((
                format!("{origin}{base}{}", routes::changes(&org.slug)),
                Some(newest.date.as_str()),
            ));
        }
    }
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (url, changed) in urls {
        let lastmod = changed
            .map(|day| {
                format!(
                    "<lastmod>{}</lastmod>",
                    html_escape::encode_quoted_attribute(day)
                )
            })
            .unwrap_or_default();
        let _ = writeln!(
            xml,
            "  <url><loc>{}</loc>{lastmod}</url>",
            html_escape::encode_quoted_attribute(&url)
        );
    }
    xml.push_str("</urlset>\n");
    xml
}

/// Every crawler is welcome everywhere; the sitemap is named when there is one.
pub fn robots(sitemap_url: Option<&str>) -> String {
    let mut text =
        String::from("# Koers: every page may be read and indexed.\nUser-agent: *\nAllow: /\n");
    if let Some(url) = sitemap_url {
        let _ = write!(text, "\nSitemap: {url}\n");
    }
    text
}

/// `robots.txt` always; `sitemap.xml` only with the site's origin, since a sitemap
/// holds absolute URLs only.
pub fn write_crawler_files(
    dist: &Path,
    base: &str,
    orgs: &[Organisation],
    site_url: Option<&str>,
) -> Result {
    let origin = site_url.map(site_origin).transpose()?;
    let sitemap_url = origin.as_ref().map(|o| format!("{o}{base}sitemap.xml"));
    if let Some(origin) = &origin {
        write(
            &dist.join("sitemap.xml"),
            sitemap(origin, base, orgs).as_bytes(),
        )?;
    } else {
        let _ = std::fs::remove_file(dist.join("sitemap.xml"));
        log::info!(
            "note: no sitemap.xml written; give the site's address with \
             --site-url https://… or KOERS_SITE_URL to have one"
        );
    }
    write(
        &dist.join("robots.txt"),
        robots(sitemap_url.as_deref()).as_bytes(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::fixture as org;
    use crate::files::folder_with;

    #[test]
    fn the_sitemap_lists_every_page_with_absolute_urls() {
        let orgs = [org("herenthout"), org("heusden-zolder")];
        assert_eq!(
            sitemap("https://koers.example.be", "/", &orgs),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n\
             \x20 <url><loc>https://koers.example.be/</loc></url>\n\
             \x20 <url><loc>https://koers.example.be/herenthout/missie</loc></url>\n\
             \x20 <url><loc>https://koers.example.be/herenthout/ambities</loc></url>\n\
             \x20 <url><loc>https://koers.example.be/heusden-zolder/visie</loc></url>\n\
             \x20 <url><loc>https://koers.example.be/heusden-zolder/contact</loc></url>\n\
             </urlset>\n"
        );
        // A base path with a character XML reserves is written escaped.
        let escaped = sitemap("https://koers.example.be", "/a&b'/", &[]);
        assert!(
            escaped.contains("<loc>https://koers.example.be/a&amp;b&#x27;/</loc>"),
            "{escaped}"
        );
        // Made-up notes: the pages they concern carry the day, and the changes page
        // is listed.
        let mut noted = orgs[0].clone();
        noted.changes = vec![koers_content::Change {
            date: "2026-12-02".into(),
            note: "Een verzonnen wijziging.".into(),
            pages: vec![koers_content::PageKind::Ambities],
        }];
        let with_notes = sitemap("https://koers.example.be", "/", &[noted]);
        assert!(with_notes
            .contains("<url><loc>https://koers.example.be/herenthout/missie</loc></url>\n"));
        assert!(with_notes.contains(
            "<url><loc>https://koers.example.be/herenthout/ambities</loc><lastmod>2026-12-02</lastmod></url>\n"
        ));
        assert!(with_notes.contains(
            "<url><loc>https://koers.example.be/herenthout/wijzigingen</loc><lastmod>2026-12-02</lastmod></url>\n"
        ));
        let under = sitemap("https://gemeente.be", "/koers/", &orgs[..1]);
        assert!(under.contains("<loc>https://gemeente.be/koers/</loc>"));
        assert!(under.contains("<loc>https://gemeente.be/koers/herenthout/ambities</loc>"));
        assert_eq!(under.matches("<url>").count(), 3);
    }

    #[test]
    fn robots_welcome_everyone_and_name_the_sitemap_when_there_is_one() {
        let with = robots(Some("https://koers.example.be/sitemap.xml"));
        assert!(with.contains("User-agent: *\nAllow: /\n"));
        assert!(with.ends_with("\nSitemap: https://koers.example.be/sitemap.xml\n"));
        let without = robots(None);
        assert!(without.contains("User-agent: *\nAllow: /\n"));
        assert!(!without.contains("Sitemap"));
        assert!(!without.contains("Disallow"));
    }

    #[test]
    fn the_site_url_must_be_an_origin() {
        assert_eq!(
            site_origin("https://koers.example.be/").unwrap(),
            "https://koers.example.be"
        );
        assert_eq!(
            site_origin("http://127.0.0.1:8080").unwrap(),
            "http://127.0.0.1:8080"
        );
        for bad in [
            "koers.example.be",
            "ftp://koers.example.be",
            "https://",
            "https://gemeente.be/koers",
            "https://gemeente.be?x=1",
        ] {
            assert!(site_origin(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn crawler_files_are_written_with_and_without_a_site_url() {
        let folder = folder_with(&[]);
        let dir = folder.path();
        let orgs = [org("herentals")];
        write_crawler_files(dir, "/", &orgs, Some("https://koers.example.be")).unwrap();
        let map = std::fs::read_to_string(dir.join("sitemap.xml")).unwrap();
        assert!(map.contains("<loc>https://koers.example.be/herentals/missie</loc>"));
        let robots_txt = std::fs::read_to_string(dir.join("robots.txt")).unwrap();
        assert!(robots_txt.contains("Sitemap: https://koers.example.be/sitemap.xml"));
        write_crawler_files(dir, "/", &orgs, None).unwrap();
        assert!(
            !dir.join("sitemap.xml").exists(),
            "no sitemap without absolute URLs"
        );
        let robots_txt = std::fs::read_to_string(dir.join("robots.txt")).unwrap();
        assert!(!robots_txt.contains("Sitemap"));
        assert!(write_crawler_files(dir, "/", &orgs, Some("gemeente.be")).is_err());
    }
}
