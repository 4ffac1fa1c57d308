//! Every route written as a complete page: the app rendered natively by the same
//! components (`koers::prerender`), the stylesheet inline, and the route's content
//! embedded as JSON so the app takes over without fetching or repainting anything.

use std::path::Path;

use anyhow::{bail, Context as _};
use koers::content::{ContentIndex, Embedded, Organisation};
use koers::routes::Paths;

use super::content::Content;
use super::files::{create_dir, write};
use super::headers::csp_meta;
use super::html::{self, Edit};
use crate::Result;

/// Writes `routes.json` (the routes of this build, for the end-to-end tests) and every
/// page: `<route>/index.html`, and `404.html` for the not-found page.
pub fn write_pages(dist: &Path, shell: &str, base: &str, content: &Content) -> Result {
    let paths = koers::routes::paths(&content.index);
    write(
        &dist.join("routes.json"),
        serde_json::to_string_pretty(&paths)
            .expect("paths serialise")
            .as_bytes(),
    )?;
    for spec in pages(&paths) {
        let html = page(shell, base, &spec, &content.index, &content.organisations)
            .with_context(|| format!("pre-rendering {}", spec.path))?;
        let file = if spec.not_found {
            dist.join("404.html")
        } else {
            let dir = dist.join(spec.path.trim_start_matches('/'));
            create_dir(&dir)?;
            dir.join("index.html")
        };
        write(&file, html.as_bytes())?;
    }
    Ok(())
}

/// One page to write.
pub struct PageSpec {
    /// The route, e.g. "/herentals/missie"; "/" for the start page.
    pub path: String,
    /// The organisation whose content the page embeds.
    pub org: Option<String>,
    /// The not-found page, written as `404.html`.
    pub not_found: bool,
}

/// The site's own pages, every organisation's routes, and the not-found page.
pub fn pages(paths: &Paths) -> Vec<PageSpec> {
    let mut pages: Vec<PageSpec> = paths
        .site
        .iter()
        .map(|path| PageSpec {
            path: path.clone(),
            org: None,
            not_found: false,
        })
        .collect();
    for org in &paths.organisations {
        for path in org.all() {
            pages.push(PageSpec {
                path,
                org: Some(org.slug.clone()),
                not_found: false,
            });
        }
    }
    pages.push(PageSpec {
        path: paths.not_found.clone(),
        org: None,
        not_found: true,
    });
    pages
}

/// Trunk's page made ready for pre-rendering: the stylesheet inline, the policy in a
/// `<meta>` with the early script after it, no "needs JavaScript" message (a
/// pre-rendered page is complete without it). Its `<title>` is where each page's head
/// goes, its `#koers` where the page goes.
pub fn prepare_shell(page: &str, css: &str, script: &str, csp: &str) -> Result<String> {
    for needed in ["link[rel=stylesheet]", "meta[charset]", "title", "#koers"] {
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
            ("meta[charset]", Edit::After(&policy)),
            ("noscript", Edit::Remove),
        ],
    )
}

/// The complete HTML of one page.
pub fn page(
    shell: &str,
    base: &str,
    spec: &PageSpec,
    index: &ContentIndex,
    orgs: &[Organisation],
) -> Result<String> {
    let base_path = base.trim_end_matches('/');
    let rendered = koers::prerender::render(
        &format!("{base_path}{}", spec.path),
        base_path,
        index.clone(),
        orgs.to_vec(),
    );
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
    let embedded = Embedded {
        index: index.clone(),
        organisations: orgs
            .iter()
            .filter(|o| Some(&o.slug) == spec.org.as_ref())
            .cloned()
            .collect(),
    };
    let data = serde_json::to_string(&embedded).expect("content serialises");
    // Inside <script>, "<" could end the element: JSON allows it escaped.
    let data = data.replace('<', "\\u003c");
    let data = format!("<script type=\"application/json\" id=\"koers-data\">{data}</script>");
    html::edit(
        shell,
        &[
            ("title", Edit::Replace(&head)),
            ("#koers", Edit::SetContent(&rendered.body)),
            ("#koers", Edit::After(&data)),
        ],
    )
}
