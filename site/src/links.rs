//! The link check: every `href` and `src` of every page, and every URL of every web
//! manifest, must name a file in `dist` or a route of the app.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{bail, Context as _};
use koers::routes::Paths;
use percent_encoding::percent_decode_str;
use rayon::prelude::*;
use url::Url;

use super::files::{files, read};
use super::html::attribute_values;
use super::on_every_core;
use crate::Result;

/// Fails with every link that leads nowhere: to no file of `dist` and to none of the
/// build's routes (`koers::routes::paths`).
pub fn check_links(dist: &Path, base: &str, paths: &Paths) -> Result {
    let all = files(dist)?;
    check_links_of(dist, base, paths, &all, &all)
}

/// [`check_links`] for the links of `these` only, among `all` the files of `dist`.
pub fn check_links_of(
    dist: &Path,
    base: &str,
    paths: &Paths,
    all: &[String],
    these: &[String],
) -> Result {
    let known: HashSet<&str> = all.iter().map(String::as_str).collect();
    let routes: HashSet<String> = paths.all().into_iter().collect();
    let leads_somewhere = |path: &str| {
        let inside = path
            .strip_prefix(base.trim_end_matches('/'))
            .unwrap_or(path);
        let rel = inside.trim_start_matches('/');
        inside == "/"
            || known.contains(rel)
            || known.contains(format!("{}/index.html", rel.trim_end_matches('/')).as_str())
            || routes.contains(inside.trim_end_matches('/'))
    };
    // Each file's broken links, read on every core, reported in the files' order.
    let broken = on_every_core(|| {
        these
            .par_iter()
            .map(|f| {
                let links = if f.ends_with(".html") {
                    let html = read(&dist.join(f))?;
                    let mut v = attribute_values(&html, "[href]", "href")?;
                    v.extend(attribute_values(&html, "[src]", "src")?);
                    v
                } else if f.ends_with(".webmanifest") {
                    manifest_links(&read(&dist.join(f))?).with_context(|| format!("reading {f}"))?
                } else {
                    return Ok(String::new());
                };
                // HTML pages resolve against <base>; manifests against their own folder.
                let from = match f.rfind('/') {
                    Some(i) if !f.ends_with(".html") => format!("{base}{}/", &f[..i]),
                    _ => base.to_string(),
                };
                let mut broken = String::new();
                for link in links {
                    match target(&from, &link) {
                        Ok(None) => {}
                        Ok(Some(url)) => {
                            let path = percent_decode_str(url.path()).decode_utf8_lossy();
                            if !leads_somewhere(&path) {
                                let _ =
                                    writeln!(broken, "{f}: link \"{link}\" leads nowhere ({path})");
                            }
                        }
                        Err(e) => {
                            let _ = writeln!(broken, "{f}: link \"{link}\" is no URL ({e})");
                        }
                    }
                }
                Ok(broken)
            })
            .collect::<Result<Vec<_>>>()
    })?
    .concat();
    if !broken.is_empty() {
        bail!("broken links in dist/:\n{broken}");
    }
    Ok(())
}

/// The URLs of a web manifest: its start, scope and id, and its icons.
fn manifest_links(text: &str) -> Result<Vec<String>> {
    let m: serde_json::Value = serde_json::from_str(text)?;
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
    Ok(v)
}

/// Stands in for the site's origin while links are resolved: only their paths matter.
const ORIGIN: &str = "https://site.invalid";

/// Where `link` leads from the folder `dir` (a path ending in `/`), as a browser
/// resolves it: a URL on this site, or `None` for another site or a scheme such as
/// `mailto:` or `data:`.
fn target(dir: &str, link: &str) -> std::result::Result<Option<Url>, url::ParseError> {
    let from = Url::parse(ORIGIN)?.join(dir)?;
    let to = from.join(link)?;
    Ok((to.origin() == from.origin()).then_some(to))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::fixture as org;

    /// The path `link` leads to from `dir`, on this site.
    fn resolve(dir: &str, link: &str) -> String {
        target(dir, link).unwrap().unwrap().path().to_string()
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

    #[test]
    fn links_resolve_with_the_url_rules() {
        assert_eq!(resolve("/koers/", "a/../b/./c.js?v=1#top"), "/koers/b/c.js");
        assert_eq!(
            resolve("/koers/", "../../../x"),
            "/x",
            "never above the root"
        );
        assert_eq!(resolve("/koers/", "#inhoud"), "/koers/");
        assert_eq!(resolve("/", "mijn%20logo.svg"), "/mijn%20logo.svg");
        for elsewhere in [
            "https://www.vlaanderen.be/",
            "//cdn.example/x.js",
            "mailto:info@voorbeeldgem.example",
            "tel:+3214998877",
            "data:image/png;base64,AA==",
        ] {
            assert_eq!(target("/koers/", elsewhere).unwrap(), None, "{elsewhere}");
        }
        assert!(target("/", "http://[::1").is_err());
    }

    #[test]
    fn the_link_check_reads_every_link_and_names_the_broken_ones() {
        let temp = tempfile::tempdir().unwrap();
        let dist = temp.path().to_path_buf();
        std::fs::create_dir_all(dist.join("herentals")).unwrap();
        let write = |file: &str, text: &str| std::fs::write(dist.join(file), text).unwrap();
        write("app.js", "");
        write("mijn logo.svg", "");
        write("herentals/icon-192.png", "");
        write(
            "herentals/manifest.webmanifest",
            r#"{"start_url": "./missie", "scope": "./", "id": "./",
                "icons": [{"src": "icon-192.png"}, {"src": "icon-512.png"}]}"#,
        );
        write(
            "index.html",
            "<base href=\"/koers/\"><script src='app.js'></script><img src=\"mijn%20logo.svg\">\
             <a href=herentals/missie>m</a><a href=\"https://example.be\">e</a>\
             <a href='gone.html'>g</a><img src=missing.png>",
        );
        let index = koers_content::ContentIndex {
            organisations: vec![koers_content::IndexEntry {
                slug: org("herentals").slug,
                name: org("herentals").name,
            }],
        };
        let paths = koers::routes::paths(&index);
        let message = format!("{:#}", check_links(&dist, "/koers/", &paths).unwrap_err());
        std::fs::remove_dir_all(&dist).unwrap();
        assert_eq!(
            message,
            "broken links in dist/:\n\
             herentals/manifest.webmanifest: link \"icon-512.png\" leads nowhere \
             (/koers/herentals/icon-512.png)\n\
             index.html: link \"gone.html\" leads nowhere (/koers/gone.html)\n\
             index.html: link \"missing.png\" leads nowhere (/koers/missing.png)\n"
        );
    }
}
