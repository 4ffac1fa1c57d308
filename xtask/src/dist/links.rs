//! The link check: every `href` and `src` of every page, and every URL of every web
//! manifest, must name a file in `dist` or a route of the app.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{bail, Context as _};
use koers::content::Organisation;

use super::files::{files, read};
use super::html::attribute_values;
use crate::Result;

/// Every route of the given organisations (see `koers::routes`).
pub fn routes(orgs: &[Organisation]) -> Vec<String> {
    orgs.iter()
        .flat_map(|org| koers::routes::OrgPaths::of(&org.slug).all())
        .collect()
}

/// Fails with every link that leads nowhere.
pub fn check_links(dist: &Path, base: &str, orgs: &[Organisation]) -> Result {
    let all = files(dist)?;
    let known: BTreeSet<String> = all.iter().cloned().collect();
    let routes: BTreeSet<String> = routes(orgs)
        .into_iter()
        .chain([koers::routes::home(), koers::routes::site_statement()])
        .collect();
    let mut broken = String::new();
    for f in &all {
        let links: Vec<String> = if f.ends_with(".html") {
            let html = read(&dist.join(f))?;
            let mut v = attribute_values(&html, "[href]", "href")?;
            v.extend(attribute_values(&html, "[src]", "src")?);
            v
        } else if f.ends_with(".webmanifest") {
            let m: serde_json::Value = serde_json::from_str(&read(&dist.join(f))?)
                .with_context(|| format!("reading {f}"))?;
            let mut v: Vec<String> = ["start_url", "scope", "id"]
                .iter()
                .filter_map(|k| m[k].as_str().map(String::from))
                .collect();
            v.extend(
                m["icons"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|i| i["src"].as_str().map(String::from)),
            );
            v
        } else {
            continue;
        };
        let page_dir = match f.rfind('/') {
            Some(i) => format!("{base}{}/", &f[..i]),
            None => base.to_string(),
        };
        for link in links {
            if link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with("mailto:")
                || link.starts_with("tel:")
                || link.starts_with('#')
                || link.starts_with("data:")
            {
                continue;
            }
            // HTML pages resolve against <base>; manifests against their own folder.
            let from = if f.ends_with(".html") {
                base
            } else {
                page_dir.as_str()
            };
            let absolute = resolve(from, &link);
            let inside = absolute
                .strip_prefix(base.trim_end_matches('/'))
                .unwrap_or(&absolute);
            let path = inside.split(['?', '#']).next().unwrap_or("");
            let rel = path.trim_start_matches('/');
            let ok = path == "/"
                || known.contains(rel)
                || known.contains(&format!("{}/index.html", rel.trim_end_matches('/')))
                || routes.contains(path.trim_end_matches('/'));
            if !ok {
                let _ = writeln!(broken, "{f}: link \"{link}\" leads nowhere ({absolute})");
            }
        }
    }
    if !broken.is_empty() {
        bail!("broken links in dist/:\n{broken}");
    }
    Ok(())
}

/// Resolves `link` against a directory path ending in `/`.
fn resolve(dir: &str, link: &str) -> String {
    if link.starts_with('/') {
        return link.to_string();
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for segment in link.split('/') {
        match segment {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    if parts.is_empty() {
        return "/".into();
    }
    let trailing = if link.ends_with('/') || link == "." {
        "/"
    } else {
        ""
    };
    format!("/{}{trailing}", parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dist::content::fixture as org;

    #[test]
    fn every_organisation_has_all_its_routes() {
        let orgs = [org("heusden-zolder")];
        assert_eq!(
            routes(&orgs),
            [
                "/heusden-zolder",
                "/heusden-zolder/missie",
                "/heusden-zolder/visie",
                "/heusden-zolder/ambities",
                "/heusden-zolder/contact",
                "/heusden-zolder/insluiten",
                "/heusden-zolder/zoeken",
                "/heusden-zolder/toegankelijkheid"
            ]
        );
    }

    #[test]
    fn links_resolve_like_a_browser() {
        assert_eq!(resolve("/", "koers.js"), "/koers.js");
        assert_eq!(
            resolve("/koers/herentals/", "icon-192.png"),
            "/koers/herentals/icon-192.png"
        );
        assert_eq!(resolve("/koers/herentals/", "./"), "/koers/herentals/");
        assert_eq!(resolve("/koers/herentals/", "../sw.js"), "/koers/sw.js");
        assert_eq!(resolve("/a/", "/b"), "/b");
        assert_eq!(resolve("/", "./"), "/");
    }
}
