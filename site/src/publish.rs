//! Publishing one organisation's new content on a server (koers-server): a new site
//! folder equal, file for file, to what a full build ([`crate::build_with_content`])
//! of the new content makes, in a fraction of its time, and the switch that serves it.
//!
//! [`publish_org`] hard-links every file of the build being served that does not
//! depend on the organisation, and renders only what does:
//! - the organisation's folder, whole: its pages and not-found page, its accent
//!   stylesheet, web manifest and icons, feed, oEmbed responses and list
//!   (`precache.json`);
//! - its content file `content/<slug>.json`;
//! - what lists every organisation's files or names: `sw.js` (its version is the hash
//!   of every file), `_headers` (every content-hashed file, the accents among them),
//!   `sitemap.xml` (every page, with the day it last changed), and with them
//!   `nginx-headers.conf` and `robots.txt` (cheap, and so never shared);
//! - when the index changes (the organisation's name, kind or description, or a new
//!   organisation): `content/index.json` and the pages of no organisation, which
//!   embed it (the start page, the site's statement, the site's not-found page);
//! - the compressed twins of all of these, and the routes beside the folder.
//!
//! The other organisations' pages do not change with it: pages carry the version of
//! the app, not of the content (see `service_worker`). Files are never written
//! through: a file the steps write is a new one (`files::write` unlinks first), so
//! the served build, which shares the linked files' data, never changes.
//!
//! [`SiteFolders`] is the server's `DATA/site/`: `current`, a symbolic link to
//! `builds/<id>`, switched atomically to a new build.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use anyhow::{bail, Context as _};
use koers_content::parse_index;
use log::info;

use crate::files::{beside, create_dir, files, read, read_bytes, write};
use crate::{
    compress, content, crawlers, feed, links, manifest, oembed, prerender, service_worker, style,
    Frame, Result,
};

/// The file beside a build (`builds/<id>.commit` next to `builds/<id>/`, as its routes
/// are beside it) that names the content commit it was made from: outside the folder
/// served, so never served.
pub const COMMIT_FILE: &str = "commit";

/// Files of no organisation that every publish writes anew (see the module's docs).
const SITE_WIDE: [&str; 5] = [
    "sw.js",
    "_headers",
    "nginx-headers.conf",
    "sitemap.xml",
    "robots.txt",
];

/// Makes `out` (a new folder, beside `current`) the complete site for the content in
/// `content` (an `index.json` and every organisation's file, the new one for `slug`):
/// equal, file for file, to what [`crate::build_with_content`]`(app, content, out,
/// site_url)` makes, from `current`, the complete build being served of the same
/// `app` (Trunk's output) and `site_url`, whose content differs in `slug`'s file only.
/// The other organisations must be `current`'s (a new organisation `slug` may be
/// added), and `current` must have been built from `app` by these steps (else
/// refused: build the whole site). `current` is never changed. On an error, `out` may
/// hold part of a build: remove it. Does not record the commit ([`record_commit`]) nor
/// switch ([`SiteFolders::switch`]).
pub fn publish_org(
    app: &Path,
    current: &Path,
    content: &Path,
    slug: &str,
    out: &Path,
    site_url: Option<&str>,
) -> Result {
    let start = Instant::now();
    if out.exists() {
        bail!("{} exists: a build goes into a new folder", out.display());
    }
    if [app, current, content]
        .iter()
        .any(|dir| out.starts_with(dir) || dir.starts_with(out))
    {
        bail!(
            "{} must be a folder of its own, apart from the app, the served build and the content",
            out.display()
        );
    }
    let (new, index) = content::read_folder(content).context("reading the content")?;
    let org = new
        .organisations
        .iter()
        .find(|o| o.slug == slug)
        .with_context(|| format!("the content's index.json does not list {slug}"))?;
    let served_index = read(&current.join("content/index.json"))?;
    let served = parse_index("content/index.json", served_index.as_bytes())
        .map_err(|p| anyhow::anyhow!(content::lines(&p)))?;
    let mut others: BTreeSet<&str> = new
        .index
        .organisations
        .iter()
        .map(|e| e.slug.as_str())
        .collect();
    others.remove(slug);
    let mut served_others: BTreeSet<&str> = served
        .organisations
        .iter()
        .map(|e| e.slug.as_str())
        .collect();
    served_others.remove(slug);
    if others != served_others {
        bail!("the content's organisations other than {slug} are not the served build's: build the whole site");
    }
    same_app(app, current)?;
    let index_changed = served_index != index;
    let paths = koers::routes::paths(&new.index);
    let site_pages: BTreeSet<String> = prerender::pages(&paths)
        .into_iter()
        .filter(|p| p.org.is_none())
        .map(|p| p.file)
        .collect();
    let folder = format!("{slug}/");
    let content_file = format!("content/{slug}.json");
    // What this publish writes (or, gone from the organisation, leaves out).
    let renders = |file: &str| {
        let bare = file
            .strip_suffix(".br")
            .or_else(|| file.strip_suffix(".gz"))
            .unwrap_or(file);
        bare.starts_with(&folder)
            || bare == content_file
            || SITE_WIDE.contains(&bare)
            || (index_changed && (bare == "content/index.json" || site_pages.contains(bare)))
    };

    let served_files = files(current)?;
    create_dir(out)?;
    let mut linked = 0usize;
    for f in served_files.iter().filter(|f| !renders(f)) {
        link_or_copy(&current.join(f), &out.join(f))?;
        linked += 1;
    }
    let linking = start.elapsed();

    write(
        &out.join(&content_file),
        &read_bytes(&content.join(format!("{slug}.json")))?,
    )?;
    if index_changed {
        write(&out.join("content/index.json"), index.as_bytes())?;
    }
    let frame = Frame::of(app)?;
    let base = frame.trunk.base.as_str();
    let (icon, _) = prerender::icon_link(app, &frame.trunk.page, base)?;
    let shell = frame.shell(&icon)?;
    let orgs = std::slice::from_ref(org);
    let accents = style::write_accents(out, orgs).context("writing the accent stylesheet")?;
    let origin = site_url.map(crawlers::site_origin).transpose()?;
    let pages =
        prerender::write_pages_where(out, &shell, base, origin.as_deref(), &new, &accents, &|p| {
            p.org.as_deref() == Some(slug) || (index_changed && p.org.is_none())
        })
        .context("pre-rendering the organisation's pages")?;
    let site = origin
        .as_ref()
        .map(|origin| format!("{origin}{}", base.trim_end_matches('/')));
    if let Some(site) = &site {
        oembed::write_all(out, orgs, site).context("writing the oEmbed responses")?;
    }
    feed::write_all(out, orgs, site.as_deref()).context("writing the feed")?;
    manifest::write_all(out, orgs).context("writing the web manifest and icons")?;
    crate::headers::write_files(out, base, &frame.policy).context("writing the header files")?;
    let all = service_worker::browser_files(out)?;
    let app_version = service_worker::app_version(out, &all)?;
    service_worker::write_list(out, &all, slug, &app_version)?;
    service_worker::stamp_pages(out, &pages, &app_version)?;
    service_worker::write_worker(out, &app_version).context("writing the service worker")?;
    crawlers::write_crawler_files(out, base, &new.organisations, site_url)
        .context("writing robots.txt and sitemap.xml")?;
    let rendering = start.elapsed();
    let all = files(out)?;
    let fresh: Vec<String> = all.iter().filter(|f| renders(f)).cloned().collect();
    compress::compress_these(out, &fresh).context("compressing")?;
    links::check_links_of(out, base, &paths, &files(out)?, &fresh).context("checking the links")?;
    info!(
        "{} for {slug}: {linked} files linked ({:.2} s), {} written ({:.2} s), compressed and checked ({:.2} s)",
        out.display(),
        linking.as_secs_f64(),
        fresh.len(),
        (rendering - linking).as_secs_f64(),
        (start.elapsed() - rendering).as_secs_f64(),
    );
    Ok(())
}

/// Fails unless `current` was built from `app` by these steps: its worker names the
/// version of its app (which its pages carry), and it holds each of `app`'s
/// content-hashed scripts, wasm and stylesheets (their names are their bytes' hashes;
/// the favicon is inlined, not kept). Else the new pages and the linked ones would be
/// of two apps.
fn same_app(app: &Path, current: &Path) -> Result {
    let app_version =
        service_worker::app_version(current, &service_worker::browser_files(current)?)?;
    let sw = read(&current.join("sw.js"))?;
    if !sw.contains(&format!("const APP = '{app_version}';")) {
        bail!(
            "{}: its service worker is not of this app's version; build the whole site",
            current.display()
        );
    }
    for f in files(app)? {
        let code = [".js", ".wasm", ".css"].iter().any(|e| f.ends_with(e));
        if !f.contains('/') && code && crate::headers::is_hashed(&f) && !current.join(&f).is_file()
        {
            bail!(
                "{} was not built from {} (it has no {f}); build the whole site",
                current.display(),
                app.display()
            );
        }
    }
    Ok(())
}

/// A hard link at `to` to the file `from`, or where the file system cannot link
/// (another device), a copy.
fn link_or_copy(from: &Path, to: &Path) -> Result {
    if let Some(dir) = to.parent() {
        create_dir(dir)?;
    }
    if std::fs::hard_link(from, to).is_err() {
        std::fs::copy(from, to)
            .with_context(|| format!("copying {} to {}", from.display(), to.display()))?;
    }
    Ok(())
}

/// Records beside `build` (a complete build) the content commit it was made from:
/// `<commit>\n` in `<build>.commit` ([`COMMIT_FILE`]).
pub fn record_commit(build: &Path, commit: &str) -> Result {
    write(
        &beside(build, COMMIT_FILE)?,
        format!("{commit}\n").as_bytes(),
    )
}

/// The content commit recorded beside `build` ([`record_commit`]), if any. `build`
/// may be `current`, the link: the commit of the build it links to.
pub fn recorded_commit(build: &Path) -> Result<Option<String>> {
    let build = match std::fs::read_link(build) {
        Ok(target) => build.with_file_name(target),
        Err(_) => build.to_path_buf(),
    };
    let file = beside(&build, COMMIT_FILE)?;
    if !file.exists() {
        return Ok(None);
    }
    Ok(Some(read(&file)?.trim().to_string()))
}

/// The server's folder of built sites (`DATA/site/`): `current` is a symbolic link to
/// `builds/<id>`, the build being served; a publish builds into a new
/// [`SiteFolders::new_build`] and [`SiteFolders::switch`]es `current` to it.
pub struct SiteFolders {
    dir: PathBuf,
}

impl SiteFolders {
    /// `dir`: `DATA/site`.
    pub fn new(dir: impl Into<PathBuf>) -> SiteFolders {
        SiteFolders { dir: dir.into() }
    }

    /// The link the server serves: `DATA/site/current`.
    pub fn current(&self) -> PathBuf {
        self.dir.join("current")
    }

    /// The folder of builds: `DATA/site/builds`.
    pub fn builds(&self) -> PathBuf {
        self.dir.join("builds")
    }

    /// The build `current` links to, if there is one.
    pub fn current_build(&self) -> Result<Option<PathBuf>> {
        match std::fs::read_link(self.current()) {
            Ok(target) => Ok(Some(self.dir.join(target))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e).with_context(|| format!("reading {}", self.current().display())),
        }
    }

    /// A new folder's path for a build, `builds/<id>`, not yet made: its id is the time
    /// in nanoseconds (20 digits, so ids sort as builds were begun) and a counter.
    pub fn new_build(&self) -> Result<PathBuf> {
        create_dir(&self.builds())?;
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .context("the clock is before 1970")?
            .as_nanos();
        for n in 0..1000 {
            let build = self.builds().join(format!("{nanos:020}-{n:03}"));
            if !build.exists()
                && !routes_beside(&build).exists()
                && !beside(&build, COMMIT_FILE).is_ok_and(|f| f.exists())
            {
                return Ok(build);
            }
        }
        bail!("no free name for a build in {}", self.builds().display())
    }

    /// Serves `build` (a folder under [`SiteFolders::builds`]): `current` is replaced by
    /// a link to it at once (a new link under a temporary name renamed over it: a
    /// request is served from the one build or the other, never a mix). Returns the
    /// build served before, if any: [`SiteFolders::remove_older_than`] it, once the
    /// publish has been answered (removing a build of many organisations takes a
    /// while; the previous one is kept, as a request begun on it may still be reading).
    #[cfg(unix)]
    pub fn switch(&self, build: &Path) -> Result<Option<PathBuf>> {
        let name = build
            .file_name()
            .filter(|_| build.parent() == Some(self.builds().as_path()))
            .with_context(|| {
                format!("{} is no build of {}", build.display(), self.dir.display())
            })?;
        if !build.is_dir() {
            bail!("{} is no folder", build.display());
        }
        let previous = self.current_build()?;
        let target = Path::new("builds").join(name);
        let temporary = self.dir.join(format!(
            ".current-{}-{}",
            std::process::id(),
            name.to_string_lossy()
        ));
        let _ = std::fs::remove_file(&temporary);
        std::os::unix::fs::symlink(&target, &temporary)
            .with_context(|| format!("linking {}", temporary.display()))?;
        std::fs::rename(&temporary, self.current()).with_context(|| {
            format!(
                "switching {} to {}",
                self.current().display(),
                target.display()
            )
        })?;
        // The switch survives a crash once the folder's entry is on disk.
        std::fs::File::open(&self.dir)
            .and_then(|dir| dir.sync_all())
            .with_context(|| format!("syncing {}", self.dir.display()))?;
        Ok(previous)
    }

    /// Removes every build begun before `keep` (by their ids) and what lies beside
    /// them, but the one served: after [`SiteFolders::switch`], with the build it
    /// returned, all but that one and the one served now. Publishes must not run
    /// meanwhile (a build in progress that began earlier would go).
    pub fn remove_older_than(&self, keep: &Path) -> Result {
        let served = self.current_build()?;
        let keep_from = keep
            .file_name()
            .with_context(|| format!("{} names no build", keep.display()))?
            .to_os_string();
        for entry in std::fs::read_dir(self.builds())
            .with_context(|| format!("listing {}", self.builds().display()))?
        {
            let path = entry?.path();
            if path.is_dir()
                && path.file_name().is_some_and(|n| n < keep_from.as_os_str())
                && served.as_deref() != Some(path.as_path())
            {
                std::fs::remove_dir_all(&path)
                    .with_context(|| format!("removing the old build {}", path.display()))?;
                let _ = std::fs::remove_file(routes_beside(&path));
                let _ = beside(&path, COMMIT_FILE).map(std::fs::remove_file);
            }
        }
        Ok(())
    }
}

/// The routes the build in `dir` lists beside it (see `prerender::routes_file`).
fn routes_beside(dir: &Path) -> PathBuf {
    beside(dir, "routes.json").unwrap_or_else(|_| dir.with_extension("routes.json"))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde_json::{json, Value};

    use super::*;
    use crate::files::folder_with;

    /// A made-up Trunk output: the app's page as Trunk writes it, tiny stand-ins for
    /// its script, wasm and stylesheet, the embed script and the studio.
    fn app() -> tempfile::TempDir {
        let boot = |base: &str, name: &str| {
            format!(
                "<script type=\"module\">\nimport init, * as bindings from '{base}{name}-0123456789abcdef.js';\n\
                 const wasm = await init({{ module_or_path: '{base}{name}-0123456789abcdef_bg.wasm' }});\n\
                 window.wasmBindings = bindings;\n</script>"
            )
        };
        let index = format!(
            "<!doctype html>\n<html lang=\"nl-BE\">\n<head>\n  <meta charset=\"utf-8\">\n  \
             <base href=\"/\">\n  <title>Koers</title>\n{}\n  \
             <link rel=\"icon\" href=\"/favicon-0123456789abcdef.svg\">\n  \
             <link rel=\"stylesheet\" href=\"/main-0123456789abcdef.css\">\n\
             <link rel=\"modulepreload\" href=\"/koers-0123456789abcdef.js\"></head>\n<body>\n  \
             <div id=\"koers\"></div>\n  <noscript><p>JavaScript.</p></noscript>\n</body>\n</html>\n",
            boot("/", "koers")
        );
        let studio = format!(
            "<!doctype html>\n<html lang=\"nl-BE\">\n<head>\n  <meta charset=\"utf-8\">\n  \
             <base href=\"/redactie/\">\n  <title>Redactie</title>\n{}\n</head>\n<body></body>\n</html>\n",
            boot("/redactie/", "koers-studio")
        );
        folder_with(&[
            ("index.html", index.as_bytes()),
            (
                "main-0123456789abcdef.css",
                b"body{margin:0}.org{color:var(--accent)}",
            ),
            (
                "favicon-0123456789abcdef.svg",
                b"<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\" height=\"1\"/></svg>",
            ),
            ("koers-0123456789abcdef.js", b"export default function(){}"),
            ("koers-0123456789abcdef_bg.wasm", b"\0asm"),
            ("embed.js", b"// embed"),
            ("redactie/index.html", studio.as_bytes()),
            (
                "redactie/koers-studio-0123456789abcdef.js",
                b"export default function(){}",
            ),
            ("redactie/koers-studio-0123456789abcdef_bg.wasm", b"\0asm"),
        ])
    }

    /// A copy of `public/content/` with `change` made to the file of `slug` and to the
    /// index (both as JSON).
    fn content(slug: &str, change: impl Fn(&mut Value, &mut Value)) -> tempfile::TempDir {
        let folder = tempfile::tempdir().unwrap();
        let from = crate::root().join("public/content");
        for f in files(&from).unwrap() {
            std::fs::copy(from.join(&f), folder.path().join(&f)).unwrap();
        }
        let json = |name: &str| -> Value {
            serde_json::from_slice(&std::fs::read(folder.path().join(name)).unwrap()).unwrap()
        };
        let (mut org, mut index) = (json(&format!("{slug}.json")), json("index.json"));
        change(&mut org, &mut index);
        for (name, value) in [(format!("{slug}.json"), org), ("index.json".into(), index)] {
            // Only a changed file is written anew (in another key order).
            if value != json(&name) {
                let text = serde_json::to_string_pretty(&value).unwrap();
                std::fs::write(folder.path().join(name), text).unwrap();
            }
        }
        folder
    }

    /// Every file of a build (and the routes beside it) by path.
    fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        let mut all: BTreeMap<String, Vec<u8>> = files(dir)
            .unwrap()
            .into_iter()
            .map(|f| {
                let bytes = std::fs::read(dir.join(&f)).unwrap();
                (f, bytes)
            })
            .collect();
        let routes = prerender::routes_file(dir).unwrap();
        all.insert("(routes)".into(), std::fs::read(routes).unwrap());
        all
    }

    fn assert_same(published: &Path, built: &Path) {
        let (p, b) = (snapshot(published), snapshot(built));
        let names = |s: &BTreeMap<String, Vec<u8>>| s.keys().cloned().collect::<Vec<_>>();
        assert_eq!(names(&p), names(&b), "the same files");
        for (f, bytes) in &b {
            if &p[f] != bytes {
                let at = p[f].iter().zip(bytes).take_while(|(a, b)| a == b).count();
                let around = |v: &[u8]| {
                    String::from_utf8_lossy(&v[at.saturating_sub(80)..(at + 80).min(v.len())])
                        .into_owned()
                };
                panic!(
                    "{f} differs from the full build's at byte {at}:\npublished: {}\nbuilt:     {}",
                    around(&p[f]),
                    around(bytes)
                );
            }
        }
    }

    /// For each made-up change of one organisation: the served build of the real
    /// content, then the publish of the change beside it, equal to a full build of
    /// the changed content; the served build is unchanged.
    #[test]
    fn a_published_organisation_gives_the_site_a_full_build_gives() {
        let app = app();
        let work = tempfile::tempdir().unwrap();
        let site = Some("https://koers.example.be");
        let original = content("herenthout", |_, _| {});
        let served = work.path().join("served");
        crate::build_with_content(app.path(), original.path(), &served, site).unwrap();
        let before = snapshot(&served);
        type Change = Box<dyn Fn(&mut Value, &mut Value)>;
        let changes: Vec<(&str, &str, Change, Option<&str>)> = vec![
            (
                "a new description and a change note (the index stays)",
                "herenthout",
                Box::new(|org, _| {
                    org["description"] = json!("Een verzonnen nieuwe beschrijving.");
                    org["pages"]["missie"]["description"] = json!("Verzonnen, voor de test.");
                    org["changes"] = json!([{
                        "date": "2026-12-02",
                        "note": "Een verzonnen wijziging.",
                        "pages": ["ambities"]
                    }]);
                }),
                site,
            ),
            (
                "a new name (the start page lists it)",
                "heusden-zolder",
                Box::new(|org, index| {
                    org["name"] = json!("Gemeente Verzonnen-Zolder");
                    for entry in index["organisations"].as_array_mut().unwrap() {
                        if entry["slug"] == "heusden-zolder" {
                            entry["name"] = json!("Gemeente Verzonnen-Zolder");
                        }
                    }
                }),
                site,
            ),
            (
                "a page gone",
                "herenthout",
                Box::new(|org, _| {
                    org["pages"].as_object_mut().unwrap().remove("ambities");
                }),
                site,
            ),
            (
                "without the site's address",
                "herentals",
                Box::new(|org, _| {
                    org["accent"] = json!("#123456");
                }),
                None,
            ),
        ];
        for (what, slug, change, site_url) in &changes {
            let changed = content(slug, change);
            let (full, published) = (work.path().join("full"), work.path().join("published"));
            let served_here = match site_url {
                Some(_) => served.clone(),
                None => {
                    let plain = work.path().join("plain");
                    crate::build_with_content(app.path(), original.path(), &plain, None).unwrap();
                    plain
                }
            };
            crate::build_with_content(app.path(), changed.path(), &full, *site_url).unwrap();
            publish_org(
                app.path(),
                &served_here,
                changed.path(),
                slug,
                &published,
                *site_url,
            )
            .unwrap_or_else(|e| panic!("{what}: {e:#}"));
            assert_same(&published, &full);
            for dir in [&full, &published] {
                std::fs::remove_dir_all(dir).unwrap();
            }
            assert!(
                snapshot(&served) == before,
                "{what}: the served build is unchanged"
            );
        }
    }

    #[test]
    fn a_publish_refuses_other_organisations_and_an_existing_folder() {
        let app = app();
        let work = tempfile::tempdir().unwrap();
        let original = content("herenthout", |_, _| {});
        let served = work.path().join("served");
        crate::build_with_content(app.path(), original.path(), &served, None).unwrap();
        let out = work.path().join("out");
        let fewer = content("herenthout", |_, index| {
            index["organisations"]
                .as_array_mut()
                .unwrap()
                .retain(|e| e["slug"] != "herentals");
        });
        let refused = |app: &Path, content: &Path, slug: &str| {
            publish_org(app, &served, content, slug, &out, None)
                .unwrap_err()
                .to_string()
        };
        let e = refused(app.path(), fewer.path(), "herenthout");
        assert!(e.contains("build the whole site"), "{e}");
        refused(app.path(), original.path(), "nergens");
        // A served build of another app, or of an older worker: the pages would mix.
        let other = self::app();
        let js = other.path().join("koers-0123456789abcdef.js");
        std::fs::rename(&js, other.path().join("koers-fedcba9876543210.js")).unwrap();
        let e = refused(other.path(), original.path(), "herenthout");
        assert!(e.contains("has no koers-fedcba9876543210.js"), "{e}");
        let sw = served.join("sw.js");
        let older = read(&sw)
            .unwrap()
            .replace("const APP = '", "const APP = 'x");
        write(&sw, older.as_bytes()).unwrap();
        let e = refused(app.path(), original.path(), "herenthout");
        assert!(e.contains("not of this app's version"), "{e}");
        assert!(publish_org(
            app.path(),
            &served,
            original.path(),
            "herenthout",
            &served,
            None
        )
        .is_err());
    }

    #[cfg(unix)]
    #[test]
    fn the_switch_serves_the_new_build_and_keeps_the_previous_one() {
        let data = tempfile::tempdir().unwrap();
        let site = SiteFolders::new(data.path().join("site"));
        assert_eq!(site.current_build().unwrap(), None);
        let mut made = Vec::new();
        for n in 0..4 {
            let build = site.new_build().unwrap();
            create_dir(&build).unwrap();
            write(&build.join("index.html"), format!("{n}").as_bytes()).unwrap();
            record_commit(&build, &format!("{n:040}")).unwrap();
            if let Some(previous) = site.switch(&build).unwrap() {
                site.remove_older_than(&previous).unwrap();
            }
            assert_eq!(
                site.current_build().unwrap().as_deref(),
                Some(build.as_path())
            );
            assert_eq!(
                read(&site.current().join("index.html")).unwrap(),
                format!("{n}")
            );
            assert_eq!(
                recorded_commit(&site.current()).unwrap(),
                Some(format!("{n:040}"))
            );
            made.push(build);
        }
        let left: Vec<bool> = made.iter().map(|b| b.exists()).collect();
        assert_eq!(
            left,
            [false, false, true, true],
            "the served one and the previous"
        );
        assert!(!beside(&made[0], COMMIT_FILE).unwrap().exists());
        assert!(beside(&made[2], COMMIT_FILE).unwrap().exists());
        let target = std::fs::read_link(site.current()).unwrap();
        assert!(
            target.is_relative(),
            "{}: the folder may move",
            target.display()
        );
        let outside = data.path().join("elsewhere");
        create_dir(&outside).unwrap();
        assert!(site.switch(&outside).is_err());
        assert!(site.switch(&site.builds().join("none")).is_err());
        let names: Vec<String> = std::fs::read_dir(data.path().join("site"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "no temporary link left: {names:?}");
    }
}
