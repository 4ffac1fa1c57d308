//! After Trunk has built `dist/`: everything that turns the app into a deployable,
//! installable, offline-capable and locked-down site. [`build`] runs the steps in
//! order, one module each:
//!
//! 1. `boot`: Trunk's boot script is replaced by Koers' own, still inline, that loads
//!    the app after the first paint; Trunk's preloads go. The Content Security Policy
//!    (`headers`) allows the inline scripts and stylesheet (`style`) by their hashes:
//!    no `unsafe-inline`.
//! 2. `prerender`: every route gets its own complete `index.html`, so static hosts
//!    need no rewrite rules; the policy goes into every page as a `<meta>`.
//! 3. `manifest`: each organisation gets its own web manifest and icons (`icon`),
//!    from its content file.
//! 4. `service_worker`: an offline page, and a service worker whose precache list and
//!    version come from the files actually built.
//! 5. `headers`: the policy and the other security headers, for static hosts and nginx.
//! 6. `crawlers`: `robots.txt`, and `sitemap.xml` when the site's address is known.
//! 7. `compress`: `.br` and `.gz` beside every text asset.
//! 8. `links`: every link in every page and manifest must resolve.
//!
//! `files` and `html` serve the steps (and the size budget); `content` is the content
//! this build ships, parsed once; `parallel` shares the heavy steps over every core.
//! [`build_with_content`] runs them on a copy of Trunk's output with other content.

pub mod boot;
pub mod compress;
pub mod content;
pub mod crawlers;
pub mod files;
pub mod headers;
pub mod html;
pub mod icon;
pub mod links;
pub mod manifest;
pub mod parallel;
pub mod prerender;
pub mod service_worker;
pub mod structured_data;
pub mod studio;
pub mod style;

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context as _};

use crate::Result;

/// Runs every step on a freshly built `dist`. `site_url` is the origin the site is
/// served from ("https://koers.example.be"), needed for the sitemap's absolute URLs.
/// Prints how long each step took.
pub fn build(dist: &Path, site_url: Option<&str>) -> Result {
    let mut clock = Clock::start();
    // Host pages load it by this exact name (the snippet on /<org>/insluiten).
    if !dist.join("embed.js").is_file() {
        bail!("dist has no embed.js: index.html must copy public/embed.js");
    }
    let trunk = boot::from_trunk(&files::read(&dist.join("index.html"))?)
        .context("replacing Trunk's boot script")?;
    let content = content::load(dist).context("reading the content")?;
    let style = style::design(dist).context("reading the stylesheet")?;
    let accents = style::write_accents(dist, &content.organisations)
        .context("writing the accent stylesheets")?;
    // The saved text size, applied before the first paint (see the function's docs).
    let early = koers::browser::page::early_script();
    let policy = headers::policy(&style.css, &[&early, &trunk.script, style::ACCENT_SCRIPT]);
    let icon =
        prerender::inline_icon(dist, &trunk.page, &trunk.base).context("inlining the favicon")?;
    let shell = prerender::prepare_shell(&trunk.page, &style.css, &early, &policy, &icon)
        .context("preparing the page shell")?;
    clock.lap("content");
    let origin = site_url.map(crawlers::site_origin).transpose()?;
    prerender::write_pages(
        dist,
        &shell,
        &trunk.base,
        origin.as_deref(),
        &content,
        &accents,
    )
    .context("pre-rendering the routes")?;
    clock.lap("pre-rendering");
    manifest::write_all(dist, &content.organisations)
        .context("writing the web manifests and icons")?;
    clock.lap("manifests and icons");
    service_worker::write_offline_page(dist, &trunk.base, &style.file, &policy)
        .context("writing the offline page")?;
    studio::prepare(dist, &policy).context("readying the studio")?;
    headers::write_files(dist, &trunk.base, &policy).context("writing the header files")?;
    let slugs: Vec<String> = content
        .index
        .organisations
        .iter()
        .map(|e| e.slug.clone())
        .collect();
    service_worker::write_service_worker(dist, &slugs).context("writing the service worker")?;
    crawlers::write_crawler_files(dist, &trunk.base, &content.organisations, site_url)
        .context("writing robots.txt and sitemap.xml")?;
    clock.lap("service worker, headers, crawlers");
    compress::compress(dist).context("compressing")?;
    clock.lap("compression");
    let paths = koers::routes::paths(&content.index);
    links::check_links(dist, &trunk.base, &paths).context("checking the links")?;
    clock.lap("link check");
    clock.total(dist);
    Ok(())
}

/// Builds the site into `out` (emptied first) from Trunk's output `trunk` with the
/// content of `content` (an `index.json` and the files it lists) in place of the
/// `content/` Trunk copied from `public/content`: a site for other content without
/// building the wasm again. `trunk` itself is left as it was.
pub fn build_with_content(
    trunk: &Path,
    content: &Path,
    out: &Path,
    site_url: Option<&str>,
) -> Result {
    let start = Instant::now();
    if out.starts_with(trunk) || trunk.starts_with(out) || content.starts_with(out) {
        bail!(
            "{} must be a folder of its own, apart from Trunk's output and the content",
            out.display()
        );
    }
    if out.exists() {
        std::fs::remove_dir_all(out).with_context(|| format!("emptying {}", out.display()))?;
    }
    copy_tree(trunk, out, Some("content/"))?;
    copy_tree(content, &out.join("content"), None)?;
    println!(
        "xtask: {} from {} with the content of {} ({:.1} s)",
        out.display(),
        trunk.display(),
        content.display(),
        start.elapsed().as_secs_f64()
    );
    build(out, site_url)
}

/// Copies every file under `from` to the same place under `to`, but those whose path
/// starts with `skip`.
fn copy_tree(from: &Path, to: &Path, skip: Option<&str>) -> Result {
    for f in files::files(from)? {
        if skip.is_some_and(|s| f.starts_with(s)) {
            continue;
        }
        let target = to.join(&f);
        if let Some(dir) = target.parent() {
            files::create_dir(dir)?;
        }
        std::fs::copy(from.join(&f), &target)
            .with_context(|| format!("copying {f} to {}", to.display()))?;
    }
    Ok(())
}

/// Prints how long each step took.
struct Clock {
    start: Instant,
    lap: Instant,
}

impl Clock {
    fn start() -> Clock {
        let now = Instant::now();
        Clock {
            start: now,
            lap: now,
        }
    }

    fn lap(&mut self, step: &str) {
        println!(
            "xtask:   {step:<36} {:>7.1} s",
            self.lap.elapsed().as_secs_f64()
        );
        self.lap = Instant::now();
    }

    fn total(&self, dist: &Path) {
        println!(
            "xtask: post-build steps of {} took {:.1} s",
            dist.display(),
            self.start.elapsed().as_secs_f64()
        );
    }
}

/// The project root's `dist/`.
pub fn dist_dir() -> PathBuf {
    crate::root().join("dist")
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_embed_script_is_copied_under_its_stable_name() {
        let index = std::fs::read_to_string(crate::root().join("index.html")).unwrap();
        assert!(index.contains(r#"<link data-trunk rel="copy-file" href="public/embed.js">"#));
    }
}
