//! Every route written as a complete page: the app rendered natively by the same
//! components (`koers::prerender`), the stylesheet inline, and the route's content
//! embedded as JSON so the app takes over without fetching or repainting anything.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context as _};
use koers::routes::Paths;
use koers_content::{Embedded, Organisation};
use rayon::prelude::*;

use super::content::Content;
use super::files::{create_dir, write};
use super::headers::csp_meta;
use super::html::{self, Edit};
use super::on_every_core;
use super::structured_data;
use super::style::ACCENT_SCRIPT;
use super::{feed, oembed, org_pages};
use crate::Result;

/// Where the build in `dist` lists its routes for the end-to-end tests: beside the
/// folder, not in it (`dist.routes.json` next to `dist/`), so that no host serves it
/// with the site (`tests/e2e/support.mjs` reads it there).
pub fn routes_file(dist: &Path) -> Result<PathBuf> {
    super::files::beside(dist, "routes.json")
}

/// Writes the routes of this build, for the end-to-end tests, beside `dist` (see
/// [`routes_file`]), and every page: `<route>/index.html`, and `404.html` for the
/// not-found page. Pages are
/// rendered on every core, each in a reactive owner of its own. An organisation's
/// pages link its accent file (`accents`, by slug, relative to `dist`) and carry its
/// structured data (with the day a page last changed), with absolute URLs when
/// `origin` (the site's address) is known; then too, each page that can be embedded
/// announces its oEmbed response. An organisation with change notes announces their
/// feed on all its pages.
pub fn write_pages(
    dist: &Path,
    shell: &str,
    base: &str,
    origin: Option<&str>,
    content: &Content,
    accents: &HashMap<String, String>,
) -> Result {
    write_pages_where(dist, shell, base, origin, content, accents, &|_| true).map(drop)
}

/// [`write_pages`] for the pages `only` takes (and the routes beside `dist`); returns
/// their files, relative to `dist`.
pub fn write_pages_where(
    dist: &Path,
    shell: &str,
    base: &str,
    origin: Option<&str>,
    content: &Content,
    accents: &HashMap<String, String>,
    only: &(dyn Fn(&PageSpec) -> bool + Sync),
) -> Result<Vec<String>> {
    let paths = koers::routes::paths(&content.index);
    write(
        &routes_file(dist)?,
        serde_json::to_string_pretty(&paths)
            .expect("paths serialise")
            .as_bytes(),
    )?;
    let by_slug: HashMap<&str, &Organisation> = content
        .organisations
        .iter()
        .map(|o| (o.slug.as_str(), o))
        .collect();
    let base_path = base.trim_end_matches('/');
    let url = |path: &str| format!("{}{base_path}{path}", origin.unwrap_or(""));
    // Every page of an organisation: its structured data, and its feed when it has
    // change notes.
    let structured: HashMap<&str, String> = content
        .organisations
        .iter()
        .map(|o| {
            let data = structured_data::organisation(o, &url(&koers::routes::org_start(&o.slug)));
            let mut head = structured_data::script(&data);
            if !o.changes.is_empty() {
                head.push_str(&feed::discovery(o, base_path));
            }
            (o.slug.as_str(), head)
        })
        .collect();
    // Each page of an organisation: the day it last changed (from its notes) and,
    // with the site's address, its oEmbed response.
    let site = origin.map(|origin| format!("{origin}{base_path}"));
    let mut own: HashMap<String, String> = HashMap::new();
    for o in &content.organisations {
        for page in org_pages::of(o) {
            let mut head = String::new();
            if let Some(change) = o.last_change(page.kind) {
                let data = structured_data::web_page(&url(&page.path), &page.title, &change.date);
                head.push_str(&structured_data::script(&data));
            }
            if let Some(site) = &site {
                head.push_str(&oembed::discovery(&page, site));
            }
            for path in &page.shown_at {
                own.insert(path.clone(), head.clone());
            }
        }
    }
    let pages: Vec<PageSpec> = pages(&paths).into_iter().filter(|p| only(p)).collect();
    on_every_core(|| {
        pages.par_iter().try_for_each(|spec| {
            // What the page shows, and so what it embeds: its organisation, or (on the
            // site's own pages) the index of all of them. Nothing of the others.
            let embedded = match &spec.org {
                Some(slug) => Embedded {
                    index: None,
                    organisations: by_slug
                        .get(slug.as_str())
                        .copied()
                        .cloned()
                        .into_iter()
                        .collect(),
                },
                None => Embedded {
                    index: Some(content.index.clone()),
                    organisations: Vec::new(),
                },
            };
            let accent = spec.org.as_ref().and_then(|slug| accents.get(slug));
            let accent = accent.map(|file| format!("{base}{file}"));
            let ld = spec
                .org
                .as_deref()
                .and_then(|slug| structured.get(slug))
                .map(String::as_str)
                .unwrap_or_default();
            let head = format!("{ld}{}", own.get(&spec.path).map_or("", String::as_str));
            let html = page(
                shell,
                base,
                &spec.path,
                embedded,
                accent.as_deref(),
                Some(&head),
            )
            .with_context(|| format!("pre-rendering {}", spec.path))?;
            let file = dist.join(&spec.file);
            if let Some(dir) = file.parent() {
                create_dir(dir)?;
            }
            write(&file, html.as_bytes())
        })
    })?;
    Ok(pages.into_iter().map(|p| p.file).collect())
}

/// One page to write.
#[derive(Debug, PartialEq)]
pub struct PageSpec {
    /// The route, e.g. "/herentals/missie"; "/" for the start page.
    pub path: String,
    /// The organisation whose content the page embeds; `None` for the site's own
    /// pages, which embed the index instead.
    pub org: Option<String>,
    /// Where it goes in `dist/`: "herentals/missie/index.html"; a not-found page is a
    /// `404.html`, the site's or an organisation's ("herentals/404.html").
    pub file: String,
}

impl PageSpec {
    fn route(path: &str, org: Option<&str>) -> PageSpec {
        let folder = path.trim_matches('/');
        PageSpec {
            path: path.to_string(),
            org: org.map(str::to_string),
            file: if folder.is_empty() {
                "index.html".into()
            } else {
                format!("{folder}/index.html")
            },
        }
    }

    fn not_found(path: &str, org: Option<&str>) -> PageSpec {
        PageSpec {
            path: path.to_string(),
            org: org.map(str::to_string),
            file: match org {
                Some(org) => format!("{org}/404.html"),
                None => "404.html".into(),
            },
        }
    }
}

/// The site's own pages, every organisation's routes and not-found page, and the
/// site's not-found page.
pub fn pages(paths: &Paths) -> Vec<PageSpec> {
    let mut pages: Vec<PageSpec> = paths
        .site
        .iter()
        .map(|path| PageSpec::route(path, None))
        .collect();
    for org in &paths.organisations {
        for path in org.all() {
            pages.push(PageSpec::route(&path, Some(&org.slug)));
        }
        pages.push(PageSpec::not_found(&org.not_found, Some(&org.slug)));
    }
    pages.push(PageSpec::not_found(&paths.not_found, None));
    pages
}

/// Trunk's page made ready for pre-rendering: the stylesheet inline, the favicon's
/// link replaced by `icon` ([`inline_icon`]), the policy in a `<meta>` with the early
/// script after it, no "needs JavaScript" message (a pre-rendered page is complete
/// without it). Its `<title>` is where each page's head
/// goes, its `#koers` where the page goes.
pub fn prepare_shell(page: &str, css: &str, script: &str, csp: &str, icon: &str) -> Result<String> {
    for needed in [
        "link[rel=stylesheet]",
        "link[rel=icon]",
        "meta[charset]",
        "title",
        "#koers",
    ] {
        let found = html::count(page, needed)?;
        if found != 1 {
            bail!("index.html: needs one {needed}, has {found}");
        }
    }
    let style = format!("<style>{css}</style>");
    let policy = format!("\n  {}\n  <script>{script}</script>", csp_meta(csp));
    html::edit(
        page,
        &[
            ("link[rel=stylesheet]", Edit::Replace(&style)),
            ("link[rel=icon]", Edit::Replace(icon)),
            ("meta[charset]", Edit::After(&policy)),
            ("noscript", Edit::Remove),
        ],
    )
}

/// The favicon Trunk linked, as a `<link rel="icon">` whose `data:` URL carries the
/// image itself, and its file removed from `dist`. A first visit then makes no request
/// for it: fetched as a file, it stood before the first paint on a slow connection
/// (and in Lighthouse's estimate of the largest paint; BENCHMARKS.md, issue 13). The
/// policy allows `data:` images. `base` is the site's `<base href>`.
pub fn inline_icon(dist: &Path, page: &str, base: &str) -> Result<String> {
    let (link, file) = icon_link(dist, page, base)?;
    std::fs::remove_file(dist.join(&file)).with_context(|| format!("removing {file}"))?;
    Ok(link)
}

/// The `<link rel="icon">` of [`inline_icon`], and the file it was made from (relative
/// to `dist`), which is left in place.
pub fn icon_link(dist: &Path, page: &str, base: &str) -> Result<(String, String)> {
    let hrefs = html::attribute_values(page, "link[rel=icon]", "href")?;
    let [href] = hrefs.as_slice() else {
        bail!("index.html: needs one link[rel=icon], has {}", hrefs.len());
    };
    let Some(file) = href.strip_prefix(base).filter(|f| f.ends_with(".svg")) else {
        bail!("index.html: the icon {href} is not an SVG file under {base}");
    };
    let svg = std::fs::read_to_string(dist.join(file))
        .with_context(|| format!("reading the icon {file}"))?;
    Ok((
        format!(r#"<link rel="icon" href="{}">"#, svg_data_url(&svg)),
        file.to_string(),
    ))
}

/// An SVG as a `data:` URL, percent-encoding only what a URL in a double-quoted
/// attribute cannot hold as it is.
fn svg_data_url(svg: &str) -> String {
    let mut url = String::from("data:image/svg+xml,");
    for c in svg.trim().chars() {
        match c {
            '"' | '%' | '#' | '<' | '>' | '&' | '\n' | '\r' | '\t' => {
                url.push_str(&format!("%{:02X}", c as u32));
            }
            c => url.push(c),
        }
    }
    url
}

/// The complete HTML of the page at `path`, which shows and embeds `embedded`: its
/// organisation, or (on the site's own pages) the index of all of them; nothing of the
/// others. An organisation's page gets its accent (`accent`: its file's URL, linked
/// for visits without JavaScript), and
/// `structured` (a JSON-LD script) goes at the end of the head, unmarked, so the app
/// leaves it in place when it takes over.
pub fn page(
    shell: &str,
    base: &str,
    path: &str,
    embedded: Embedded,
    accent: Option<&str>,
    structured: Option<&str>,
) -> Result<String> {
    let base_path = base.trim_end_matches('/');
    let data = serde_json::to_string(&embedded).expect("content serialises");
    let rendered = koers::prerender::render(&format!("{base_path}{path}"), base_path, embedded);
    // Head elements the app replaces once it runs (it renders its own). Its links (the
    // web manifest, the home-screen icon) are left to the app: nothing installs
    // without it, and fetched here they would stand before the first paint.
    let head = html::edit(
        &rendered.head,
        &[
            ("meta", Edit::Mark("data-prerendered")),
            ("link[rel=manifest]", Edit::Remove),
            ("link[rel=apple-touch-icon]", Edit::Remove),
        ],
    )?;
    let head = head + structured.unwrap_or("");
    // Inside <script>, "<" could end the element: JSON allows it escaped.
    let data = data.replace('<', "\\u003c");
    let data = format!("<script type=\"application/json\" id=\"koers-data\">{data}</script>");
    // The accent before the first paint, without a request (see `style`); the file
    // for visits without JavaScript.
    let accent = accent
        .map(|href| {
            format!(
                "\n  <script>{ACCENT_SCRIPT}</script>\n  \
                 <noscript><link rel=\"stylesheet\" href=\"{href}\"></noscript>"
            )
        })
        .unwrap_or_default();
    html::edit(
        shell,
        &[
            ("head > style", Edit::After(&accent)),
            ("title", Edit::Replace(&head)),
            ("#koers", Edit::SetContent(&rendered.body)),
            ("#koers", Edit::After(&data)),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::folder_with;

    #[test]
    fn the_routes_are_listed_beside_the_site_not_in_it() {
        for dist in ["/work/koers/dist", "/work/koers/dist/"] {
            assert_eq!(
                routes_file(Path::new(dist)).unwrap(),
                Path::new("/work/koers/dist.routes.json")
            );
        }
        assert_eq!(
            routes_file(Path::new("site")).unwrap(),
            Path::new("site.routes.json")
        );
        assert!(routes_file(Path::new("/")).is_err());
    }

    #[test]
    fn the_favicon_is_inlined_as_a_data_url_and_its_file_removed() {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect fill=\"#1f4e79\" width=\"64%\"/></svg>\n";
        let folder = folder_with(&[("favicon-0123456789abcdef.svg", svg.as_bytes())]);
        let dist = folder.path();
        let page = r#"<head><link rel="icon" href="/koers/favicon-0123456789abcdef.svg" integrity="sha384-x"></head>"#;
        let link = inline_icon(dist, page, "/koers/").unwrap();
        assert_eq!(
            link,
            r#"<link rel="icon" href="data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22%3E%3Crect fill=%22%231f4e79%22 width=%2264%25%22/%3E%3C/svg%3E">"#
        );
        assert!(!dist.join("favicon-0123456789abcdef.svg").exists());
        assert!(
            inline_icon(dist, page, "/koers/").is_err(),
            "the file is gone"
        );
        assert!(inline_icon(dist, "<head></head>", "/").is_err());
    }
    use crate::content::fixture;

    #[test]
    fn pages_render_the_same_on_every_core_as_one_by_one() {
        let shell = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title></title>\
                     </head><body><div id=\"koers\"></div></body></html>";
        let orgs = [fixture("herenthout"), fixture("herentals")];
        // Each page three times, so that the workers render the same pages at once.
        let pages: Vec<(String, &Organisation)> = (0..3)
            .flat_map(|_| &orgs)
            .flat_map(|o| {
                koers::routes::OrgPaths::of(&o.slug)
                    .all()
                    .into_iter()
                    .map(move |p| (p, o))
            })
            .collect();
        let render = |(path, org): &(String, &Organisation)| {
            let embedded = Embedded {
                index: None,
                organisations: vec![(*org).clone()],
            };
            page(
                shell,
                "/koers/",
                path,
                embedded,
                None,
                Some("<script type=\"application/ld+json\">{}</script>"),
            )
        };
        let one_by_one: Vec<String> = pages.iter().map(render).collect::<Result<_>>().unwrap();
        let shared: Vec<String> = on_every_core(|| pages.par_iter().map(render).collect()).unwrap();
        assert!(
            one_by_one == shared,
            "a page rendered on another core came out different"
        );
        for ((path, org), html) in pages.iter().zip(&one_by_one) {
            assert!(html.contains(&org.name), "{path} shows its organisation");
            assert!(
                html.contains("id=\"koers-data\""),
                "{path} embeds its content"
            );
        }
    }
}
