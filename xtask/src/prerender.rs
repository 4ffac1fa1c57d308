//! Every route written as a complete page: the app rendered natively by the same
//! components (`koers::prerender`), the stylesheet inline, and the route's content
//! embedded as JSON so the app takes over without fetching or repainting anything.

use koers::content::{ContentIndex, Organisation};
use koers::load::Embedded;

use crate::Result;

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
pub fn pages(index: &ContentIndex, orgs: &[Organisation]) -> Vec<PageSpec> {
    let mut pages: Vec<PageSpec> = crate::site::SITE_ROUTES
        .iter()
        .map(|path| PageSpec {
            path: path.to_string(),
            org: None,
            not_found: false,
        })
        .collect();
    for org in orgs {
        for route in crate::site::routes(std::slice::from_ref(org)) {
            pages.push(PageSpec {
                path: route,
                org: Some(org.slug.clone()),
                not_found: false,
            });
        }
    }
    // Any path the index does not know renders the not-found page.
    let mut unknown = "niet-gevonden".to_string();
    while index.organisations.iter().any(|e| e.slug == unknown) {
        unknown.push('-');
    }
    pages.push(PageSpec {
        path: format!("/{unknown}"),
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
        .ok_or("index.html: no stylesheet link to inline")?;
    let link_end = link_start + shell[link_start..].find('>').ok_or("unterminated link")? + 1;
    let mut html = format!(
        "{}<style>{css}</style>{}",
        &shell[..link_start],
        &shell[link_end..]
    );
    html = html.replacen(
        "<meta charset=\"utf-8\">",
        &format!(
            "<meta charset=\"utf-8\">\n  {}\n  <script>{script}</script>",
            crate::site::csp_meta(csp)
        ),
        1,
    );
    html = html.replacen("<title>Koers</title>", "<!--HEAD-->", 1);
    if let (Some(a), Some(b)) = (html.find("<noscript>"), html.find("</noscript>")) {
        html.replace_range(a..b + "</noscript>".len(), "");
    }
    for marker in ["<!--HEAD-->", "<div id=\"koers\"></div>"] {
        if !html.contains(marker) {
            return Err(format!("index.html: {marker} is missing"));
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
    let head = crate::site::remove_tags(&head, &["<link "]);
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
