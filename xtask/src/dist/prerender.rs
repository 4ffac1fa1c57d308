//! Every route written as a complete page: the app rendered natively by the same
//! components (`koers::prerender`), the stylesheet inline, and the route's content
//! embedded as JSON so the app takes over without fetching or repainting anything.

use std::path::Path;

use anyhow::{bail, Context as _};
use koers::content::{ContentIndex, Organisation};
use koers::load::Embedded;
use koers::routes::Paths;

use super::content::Content;
use super::files::{create_dir, write};
use super::headers::csp_meta;
use super::html::remove_tags;
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
        let html = page(shell, base, &spec, &content.index, &content.organisations);
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
/// `<meta>`, a marker where each page's head goes, no "needs JavaScript" message.
pub fn prepare_shell(shell: &str, css: &str, script: &str, csp: &str) -> Result<String> {
    let link_start = shell
        .find("<link rel=\"stylesheet\"")
        .context("index.html: no stylesheet link to inline")?;
    let link_end = link_start + shell[link_start..].find('>').context("unterminated link")? + 1;
    let mut html = format!(
        "{}<style>{css}</style>{}",
        &shell[..link_start],
        &shell[link_end..]
    );
    html = html.replacen(
        "<meta charset=\"utf-8\">",
        &format!(
            "<meta charset=\"utf-8\">\n  {}\n  <script>{script}</script>",
            csp_meta(csp)
        ),
        1,
    );
    html = html.replacen("<title>Koers</title>", "<!--HEAD-->", 1);
    if let (Some(a), Some(b)) = (html.find("<noscript>"), html.find("</noscript>")) {
        html.replace_range(a..b + "</noscript>".len(), "");
    }
    for marker in ["<!--HEAD-->", "<div id=\"koers\"></div>"] {
        if !html.contains(marker) {
            bail!("index.html: {marker} is missing");
        }
    }
    Ok(html)
}

/// The complete HTML of one page.
pub fn page(
    shell: &str,
    base: &str,
    spec: &PageSpec,
    index: &ContentIndex,
    orgs: &[Organisation],
) -> String {
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
    let head = rendered.head.replace("<meta ", "<meta data-prerendered ");
    let head = remove_tags(&head, &["<link "]);
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
    shell.replacen("<!--HEAD-->", &head, 1).replacen(
        "<div id=\"koers\"></div>",
        &format!(
            "<div id=\"koers\">{}</div><script type=\"application/json\" id=\"koers-data\">{data}</script>",
            rendered.body
        ),
        1,
    )
}
