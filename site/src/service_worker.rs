//! Working offline: the offline page, each organisation's list of files, and the
//! service worker, whose version comes from the files actually built.
//!
//! A resident pays for their own organisation only: `sw.js` carries the shell every
//! page needs offline (the offline page, the site's not-found page and the build's
//! content-hashed files: the app and the stylesheet) and a version; each
//! organisation's files are listed in `<org>/precache.json`, which the worker fetches
//! for the organisations the resident visits. So `sw.js` does not grow with the
//! number of organisations.
//!
//! Every page (each HTML file) and every list carries the version of the build's app
//! (its script, wasm and stylesheet, the offline page, the embed script and the
//! studio: what does not depend on the content), the worker's own: a worker caches
//! nothing of another app (a page of a newer one needs that app, which its cache
//! lacks). The worker's own version is that of every file: a change of content alone
//! makes a new worker, which the resident is offered, and leaves every page of the
//! other organisations as it was, so that publishing one organisation
//! (`publish`) renders only that organisation's files.

use std::path::Path;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::files::{files, read, read_bytes, write};
use super::headers::{csp_meta, is_hashed, HASHED_PATTERN, HOST_FILES};
use super::html::{self, Edit};
use super::on_every_core;
use crate::Result;

/// The name of an organisation's list, in its folder: `<org>/precache.json`.
pub const LIST: &str = "precache.json";

/// `offline.html`, shown for a page not yet on the device when there is no network;
/// it links the stylesheet (`css_file`, relative to `dist`) and the site's start page
/// (`base`: the worker shows it at whatever address was asked, so never a relative
/// link), and states the policy.
pub fn write_offline_page(dist: &Path, base: &str, css_file: &str, csp: &str) -> Result {
    let page = include_str!("../assets/offline.html")
        .replace("__KOERS_CSS__", &format!("{base}{css_file}"))
        .replace("__KOERS_BASE__", base);
    let policy = format!("\n  {}", csp_meta(csp));
    let page = html::edit(&page, &[("head", Edit::Prepend(&policy))])?;
    write(&dist.join("offline.html"), page.as_bytes())
}

/// Files of the build a browser never needs: the worker itself (the browser keeps
/// it), the hosts' files and the compressed twins (hosts choose those).
fn for_browsers(file: &str) -> bool {
    file != "sw.js"
        && !HOST_FILES.contains(&file)
        && !file.ends_with(".br")
        && !file.ends_with(".gz")
}

/// What every page needs offline, whatever its organisation: the offline page, the
/// site's not-found page and the content-hashed files at the top of `dist` (the app's
/// script and wasm, the stylesheet `offline.html` links). `files` are
/// relative to `dist`.
pub fn shell(files: &[String]) -> Vec<String> {
    files
        .iter()
        .filter(|f| !f.contains('/') && for_browsers(f))
        .filter(|f| matches!(f.as_str(), "offline.html" | "404.html") || is_hashed(f))
        .cloned()
        .collect()
}

/// The files of organisation `slug` (relative to `dist`, like its list): everything in
/// its folder (its pages, its not-found page, its manifest and icons) and its content
/// file. Not on it: the list itself, and what only other programs read (the oEmbed
/// responses, the feed), which a resident would pay for and never use.
pub fn organisation_files(files: &[String], slug: &str) -> Vec<String> {
    let folder = format!("{slug}/");
    let content = format!("content/{slug}.json");
    let list = format!("{folder}{LIST}");
    let feed = koers::routes::feed(slug);
    let for_programs =
        |f: &str| f.ends_with(&format!("/{}", super::oembed::FILE)) || feed.ends_with(f);
    files
        .iter()
        .filter(|f| for_browsers(f) && *f != &list && !for_programs(f))
        .filter(|f| f.starts_with(&folder) || **f == content)
        .cloned()
        .collect()
}

/// The mark of a page of build `version`, first in its `<head>`; the worker caches
/// a page only with its own version's mark.
pub fn stamp(version: &str) -> String {
    format!(r#"<meta name="koers-build" content="{version}">"#)
}

/// The version of the build's app: the hash of [`app_files`] of `all` (the files a
/// browser may get, see [`browser_files`]).
pub fn app_version(dist: &Path, all: &[String]) -> Result<String> {
    let mut hasher = Sha256::new();
    for f in app_files(all) {
        hasher.update(f.as_bytes());
        let bytes = read_bytes(&dist.join(f))?;
        hasher.update(unstamped(&bytes));
    }
    Ok(hex::encode(hasher.finalize())[..16].to_string())
}

/// A page's bytes without the mark [`stamp_pages`] gave it, if any: the app's version
/// is the same before and after (a publish reads it from marked pages).
fn unstamped(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let mark = b"\n  <meta name=\"koers-build\" content=\"";
    let length = mark.len() + 16 + 2;
    match bytes.windows(mark.len()).position(|w| w == mark) {
        Some(at) if bytes.len() >= at + length => {
            let mut v = bytes[..at].to_vec();
            v.extend_from_slice(&bytes[at + length..]);
            v.into()
        }
        _ => bytes.into(),
    }
}

/// The files of the app, the same whatever the content: the content-hashed files at
/// the top of `dist` (script, wasm, stylesheet), the offline page, the embed script
/// and the studio (but its list).
pub fn app_files(all: &[String]) -> impl Iterator<Item = &String> {
    let studio = format!("{}/", super::studio::FOLDER);
    let studio_list = format!("{studio}{LIST}");
    all.iter().filter(move |f| {
        (!f.contains('/') && (is_hashed(f) || *f == "offline.html" || *f == "embed.js"))
            || (f.starts_with(&studio) && **f != studio_list)
    })
}

/// The first 16 hex digits of the SHA-256 of `files` (relative to `dist`), their names
/// and bytes in order.
fn hash_files(dist: &Path, files: &[String]) -> Result<String> {
    let mut hasher = Sha256::new();
    for f in files {
        hasher.update(f.as_bytes());
        hasher.update(read_bytes(&dist.join(f))?);
    }
    Ok(hex::encode(hasher.finalize())[..16].to_string())
}

/// Every file of `dist` a browser may get from it.
pub fn browser_files(dist: &Path) -> Result<Vec<String>> {
    Ok(files(dist)?
        .into_iter()
        .filter(|f| for_browsers(f))
        .collect())
}

/// The service worker: the app's version ([`app_version`]) into every page
/// ([`stamp`]) and into each organisation's list (`organisations`: their slugs):
/// `{"version": …, "files": […]}`; then the worker, versioned by the hash of every file
/// a browser may get from this build.
pub fn write_service_worker(dist: &Path, organisations: &[String]) -> Result {
    let all = browser_files(dist)?;
    let app = app_version(dist, &all)?;
    // The studio is kept like an organisation: its folder, once visited.
    let studio = Some(super::studio::FOLDER.to_string())
        .filter(|folder| dist.join(folder).join("index.html").is_file());
    for slug in organisations.iter().cloned().chain(studio) {
        write_list(dist, &all, &slug, &app)?;
    }
    let pages: Vec<String> = all
        .iter()
        .filter(|f| f.ends_with(".html"))
        .cloned()
        .collect();
    stamp_pages(dist, &pages, &app)?;
    write_worker(dist, &app)
}

/// The list of organisation `slug` (see [`organisation_files`]) of the build whose
/// app is of version `app`; `all` are the files a browser may get.
pub fn write_list(dist: &Path, all: &[String], slug: &str, app: &str) -> Result {
    let list = organisation_files(all, slug);
    if !list.iter().any(|f| f == &format!("{slug}/index.html")) {
        anyhow::bail!("organisation {slug} has no {slug}/index.html");
    }
    let json = serde_json::json!({ "version": app, "files": list });
    write(&dist.join(slug).join(LIST), json.to_string().as_bytes())
}

/// Marks each of `pages` (relative to `dist`) with the app's version `app`.
pub fn stamp_pages(dist: &Path, pages: &[String], app: &str) -> Result {
    let mark = format!("\n  {}", stamp(app));
    on_every_core(|| {
        pages.par_iter().try_for_each(|page| {
            let path = dist.join(page);
            let html = html::edit(&read(&path)?, &[("head", Edit::Prepend(&mark))])?;
            if !html.contains(&mark) {
                anyhow::bail!("{page} has no <head> to mark with the build's version");
            }
            write(&path, html.as_bytes())
        })
    })
}

/// `sw.js`, once every page is marked and every list written: its version is the hash
/// of every file a browser may get from this build, its shell the files every page
/// needs, `app` the app's version the pages and lists carry.
pub fn write_worker(dist: &Path, app: &str) -> Result {
    let all = browser_files(dist)?;
    let version = hash_files(dist, &all)?;
    let json = |v: &[String]| serde_json::to_string(v).expect("file names serialise");
    let sw = include_str!("../assets/sw.js")
        .replace("__KOERS_VERSION__", &version)
        .replace("__KOERS_APP__", app)
        .replace("__KOERS_STAMP__", &js_string(&stamp(app)))
        .replace("__KOERS_SHELL__", &json(&shell(&all)))
        .replace("__KOERS_HASHED__", &hashed_pattern())
        .replace("__KOERS_LIST__", LIST);
    write(&dist.join("sw.js"), sw.as_bytes())
}

/// [`HASHED_PATTERN`] as a JavaScript string.
fn hashed_pattern() -> String {
    js_string(HASHED_PATTERN)
}

/// `text` as a JavaScript string literal.
fn js_string(text: &str) -> String {
    serde_json::to_string(text).expect("a string serialises")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build() -> Vec<String> {
        [
            "404.html",
            "_headers",
            "content/herentals.json",
            "content/herenthout.json",
            "content/index.json",
            "embed.js",
            "favicon-fd13fcfdbc326f62.svg",
            "herentals/404.html",
            "herentals/icon-192.png",
            "herentals/index.html",
            "herentals/manifest.webmanifest",
            "herentals/missie/index.html",
            "herentals/missie/oembed.json",
            "herentals/wijzigingen.xml",
            "herentals/wijzigingen/index.html",
            "herentals/missie/index.html.br",
            "herentals/precache.json",
            "herenthout/404.html",
            "herenthout/index.html",
            "herenthout/manifest.webmanifest",
            "index.html",
            "koers-572024a358e66223.js",
            "koers-572024a358e66223.js.gz",
            "koers-572024a358e66223_bg.wasm",
            "main-323a75f6218b40ac.css",
            "nginx-headers.conf",
            "offline.html",
            "robots.txt",
            "routes.json",
            "schema/organisation.schema.json",
            "sw.js",
            "toegankelijkheid/index.html",
        ]
        .map(String::from)
        .to_vec()
    }

    #[test]
    fn an_organisations_list_holds_its_files_only() {
        assert_eq!(
            organisation_files(&build(), "herentals"),
            [
                "content/herentals.json",
                "herentals/404.html",
                "herentals/icon-192.png",
                "herentals/index.html",
                "herentals/manifest.webmanifest",
                "herentals/missie/index.html",
                "herentals/wijzigingen/index.html",
            ]
        );
        // A slug that begins another's is not that one.
        assert_eq!(organisation_files(&build(), "herent"), Vec::<String>::new());
    }

    #[test]
    fn the_shell_holds_what_every_page_needs_offline_and_no_organisations_file() {
        let shell = shell(&build());
        assert_eq!(
            shell,
            [
                "404.html",
                "favicon-fd13fcfdbc326f62.svg",
                "koers-572024a358e66223.js",
                "koers-572024a358e66223_bg.wasm",
                "main-323a75f6218b40ac.css",
                "offline.html",
            ]
        );
        for slug in ["herentals", "herenthout"] {
            for f in organisation_files(&build(), slug) {
                assert!(!shell.contains(&f), "{f} is {slug}'s");
            }
        }
    }

    #[test]
    fn the_worker_is_filled_in_completely() {
        let sw = include_str!("../assets/sw.js");
        for placeholder in [
            "__KOERS_VERSION__",
            "__KOERS_APP__",
            "__KOERS_STAMP__",
            "__KOERS_SHELL__",
            "__KOERS_HASHED__",
            "__KOERS_LIST__",
        ] {
            assert!(sw.contains(placeholder), "sw.js uses {placeholder}");
        }
    }

    #[test]
    fn the_build_writes_each_organisations_list_and_a_worker_without_them() {
        let temp = tempfile::tempdir().unwrap();
        let dist = temp.path().to_path_buf();
        let _ = std::fs::remove_dir_all(&dist);
        for f in build() {
            let path = dist.join(&f);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            let body = match f.ends_with(".html") {
                true => format!("<!DOCTYPE html><html><head><title>{f}</title></head></html>"),
                false => f.clone(),
            };
            std::fs::write(&path, body).unwrap();
        }
        write_service_worker(&dist, &["herentals".into(), "herenthout".into()]).unwrap();
        let sw = read(&dist.join("sw.js")).unwrap();
        // Pages and lists carry the app's version, the worker that and its own.
        let version = sw.split("const APP = '").nth(1).unwrap()[..16].to_string();
        let own = sw.split("const VERSION = '").nth(1).unwrap()[..16].to_string();
        assert_ne!(own, version, "the worker's version covers the content too");
        let list = |slug: &str| -> Vec<String> {
            let list: serde_json::Value =
                serde_json::from_str(&read(&dist.join(slug).join(LIST)).unwrap()).unwrap();
            assert_eq!(list["version"], *version, "{slug}'s list is of this build");
            serde_json::from_value(list["files"].clone()).unwrap()
        };
        assert_eq!(list("herentals"), organisation_files(&build(), "herentals"));
        assert_eq!(
            list("herenthout"),
            [
                "content/herenthout.json",
                "herenthout/404.html",
                "herenthout/index.html",
                "herenthout/manifest.webmanifest",
            ]
        );
        assert!(!sw.contains("__KOERS"), "every placeholder filled in");
        // Every page, and only a page, carries the version the worker looks for.
        let mark = stamp(&version);
        assert!(sw.contains(&format!("const STAMP = {};", js_string(&mark))));
        for f in build()
            .iter()
            .filter(|f| !f.ends_with(".br") && *f != "sw.js")
        {
            let text = String::from_utf8_lossy(&std::fs::read(dist.join(f)).unwrap()).into_owned();
            let page = f.ends_with(".html");
            assert_eq!(text.contains(&mark), page, "{f}");
            if page {
                assert!(text.starts_with(&format!("<!DOCTYPE html><html><head>\n  {mark}<title>")));
            }
        }
        assert!(sw.contains(r#"const SHELL = ["404.html","favicon-fd13fcfdbc326f62.svg","#));
        // Content-hashed files, the shell's and each organisation's, by their name.
        assert!(sw.contains(&format!("const HASHED = new RegExp({});", hashed_pattern())));
        for f in list("herentals").iter().chain(&list("herenthout")) {
            assert!(!sw.contains(&format!("\"{f}\"")), "sw.js names {f}");
        }
        std::fs::remove_dir_all(&dist).unwrap();
    }
}
