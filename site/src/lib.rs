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
//! this build ships, parsed once; [`on_every_core`] shares the heavy steps over every core.
//! [`build_with_content`] runs them on a copy of Trunk's output with other content.
//!
//! `publish` renders one organisation's new content into a new site folder, equal to a
//! full build, in a fraction of its time ([`publish_org`]), and switches what a server
//! serves ([`SiteFolders`]). Both need Trunk's output, the app: `cargo xtask dist`
//! leaves a copy of it beside `dist/`, as `dist.app/` ([`app_beside`]), next to
//! `dist.routes.json`; a host deploys it with the site to the server (it is not served).

pub mod boot;
pub mod compress;
pub mod content;
pub mod crawlers;
pub mod feed;
pub mod files;
pub mod headers;
pub mod html;
pub mod icon;
pub mod links;
pub mod manifest;
pub mod oembed;
pub mod org_pages;
pub mod prerender;
pub mod publish;
pub mod service_worker;
pub mod structured_data;
pub mod studio;
pub mod style;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Instant;

use anyhow::{anyhow, bail, Context as _};
use log::info;
use rayon::ThreadPool;

/// A failure that ends the build, with what each layer was doing (`.context()`).
pub type Result<T = ()> = anyhow::Result<T>;

/// Runs every step on a freshly built `dist`. `site_url` is the origin the site is
/// served from ("https://koers.example.be"), needed for the sitemap's absolute URLs.
/// Prints how long each step took.
pub fn build(dist: &Path, site_url: Option<&str>) -> Result {
    let mut clock = Clock::start();
    // Host pages load it by this exact name (the snippet on /<org>/insluiten).
    if !dist.join("embed.js").is_file() {
        bail!("dist has no embed.js: index.html must copy public/embed.js");
    }
    let frame = Frame::of(dist)?;
    let Frame {
        trunk,
        style,
        policy,
        ..
    } = &frame;
    let content = content::load(dist).context("reading the content")?;
    let accents = style::write_accents(dist, &content.organisations)
        .context("writing the accent stylesheets")?;
    let icon =
        prerender::inline_icon(dist, &trunk.page, &trunk.base).context("inlining the favicon")?;
    let shell = frame.shell(&icon)?;
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
    let site = origin
        .as_ref()
        .map(|origin| format!("{origin}{}", trunk.base.trim_end_matches('/')));
    if let Some(site) = &site {
        oembed::write_all(dist, &content.organisations, site)
            .context("writing the oEmbed responses")?;
    }
    feed::write_all(dist, &content.organisations, site.as_deref())
        .context("writing the feeds of change notes")?;
    clock.lap("pre-rendering");
    manifest::write_all(dist, &content.organisations)
        .context("writing the web manifests and icons")?;
    clock.lap("manifests and icons");
    service_worker::write_offline_page(dist, &trunk.base, &style.file, policy)
        .context("writing the offline page")?;
    studio::prepare(dist, policy).context("readying the studio")?;
    headers::write_files(dist, &trunk.base, policy).context("writing the header files")?;
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

/// What every page of a build is made with, from Trunk's output in `dir`: its page
/// with Koers' boot script, the design's stylesheet, and the security policy that
/// allows their inline scripts and stylesheet.
struct Frame {
    trunk: boot::Booted,
    style: style::Stylesheet,
    /// The saved text size, applied before the first paint (see the function's docs).
    early: String,
    policy: String,
}

impl Frame {
    fn of(dir: &Path) -> Result<Frame> {
        let trunk = boot::from_trunk(&files::read(&dir.join("index.html"))?)
            .context("replacing Trunk's boot script")?;
        let style = style::design(dir).context("reading the stylesheet")?;
        let early = koers::browser::page::early_script();
        let policy = headers::policy(&style.css, &[&early, &trunk.script, style::ACCENT_SCRIPT]);
        Ok(Frame {
            trunk,
            style,
            early,
            policy,
        })
    }

    /// The page every route is rendered into, with the favicon's link `icon`.
    fn shell(&self, icon: &str) -> Result<String> {
        prerender::prepare_shell(
            &self.trunk.page,
            &self.style.css,
            &self.early,
            &self.policy,
            icon,
        )
        .context("preparing the page shell")
    }
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
    info!(
        "{} from {} with the content of {} ({:.1} s)",
        out.display(),
        trunk.display(),
        content.display(),
        start.elapsed().as_secs_f64()
    );
    build(out, site_url)
}

pub use publish::{publish_org, record_commit, recorded_commit, SiteFolders, COMMIT_FILE};

/// Where `cargo xtask dist` leaves the copy of Trunk's output (the app, which
/// [`publish_org`] renders with) for the build in `dist`: beside the folder, not in it
/// (`dist.app/` next to `dist/`), so that no host serves it with the site.
pub fn app_beside(dist: &Path) -> Result<PathBuf> {
    files::beside(dist, "app")
}

/// Replaces the folder `to` with a copy of Trunk's output `trunk` (see [`app_beside`]).
pub fn copy_app(trunk: &Path, to: &Path) -> Result {
    if to.exists() {
        std::fs::remove_dir_all(to).with_context(|| format!("emptying {}", to.display()))?;
    }
    copy_tree(trunk, to, None)
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
        info!("  {step:<36} {:>7.1} s", self.lap.elapsed().as_secs_f64());
        self.lap = Instant::now();
    }

    fn total(&self, dist: &Path) {
        info!(
            "post-build steps of {} took {:.1} s",
            dist.display(),
            self.start.elapsed().as_secs_f64()
        );
    }
}

/// Stack of each worker of the heavy steps: rendering a page natively recurses through
/// the whole view tree, deeper than a spawned thread's default 2 MiB is sure to hold.
const STACK: usize = 64 * 1024 * 1024;

/// Runs `work` in the heavy steps' rayon pool, a thread a core with [`STACK`] each:
/// the parallel iterators inside it (`par_iter`) share their items over every core.
/// What each item yields depends on that item alone, so the output is the same
/// however the work was shared; collecting into a `Result` keeps the items' order, and
/// an error stops the taking of more items and is returned.
pub fn on_every_core<R: Send>(work: impl FnOnce() -> Result<R> + Send) -> Result<R> {
    static POOL: OnceLock<std::result::Result<ThreadPool, String>> = OnceLock::new();
    let pool = POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .stack_size(STACK)
            .thread_name(|i| format!("koers-site-worker-{i}"))
            .build()
            .map_err(|e| e.to_string())
    });
    match pool {
        Ok(pool) => pool.install(work),
        Err(e) => Err(anyhow!("starting the worker threads: {e}")),
    }
}

/// The project's root, for the tests that read its files (`public/content/`,
/// `deploy/nginx.conf`): this crate's parent folder.
#[cfg(test)]
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("site/ is in the project")
        .to_path_buf()
}

/// A made-up organisation for the steps' tests: a mission and a contact page, no change
/// notes; its name holds what HTML and XML must escape.
#[cfg(test)]
pub fn made_up() -> koers_content::Organisation {
    use koers_content::{Organisation, Page, Pages};
    let page = |title: &str| Page {
        title: title.into(),
        description: "Een verzonnen pagina.".into(),
        blocks: Vec::new(),
    };
    Organisation {
        slug: "voorbeeld".into(),
        name: "Gemeente \"Voorbeeld\" <&> co".into(),
        short_name: "Voorbeeld".into(),
        accent: "#1d3b72".into(),
        description: "Een verzonnen bestuur voor de tests.".into(),
        enterprise_number: None,
        changes: Vec::new(),
        pages: Pages {
            missie: Some(page("Missie")),
            visie: None,
            ambities: None,
            contact: Some(page("Contact")),
        },
    }
}

#[cfg(test)]
mod tests {
    use rayon::prelude::*;

    use super::on_every_core;

    #[test]
    fn the_app_is_kept_beside_the_site_not_in_it() {
        for dist in ["/work/koers/dist", "/work/koers/dist/"] {
            assert_eq!(
                super::app_beside(std::path::Path::new(dist)).unwrap(),
                std::path::Path::new("/work/koers/dist.app")
            );
        }
        assert!(super::app_beside(std::path::Path::new("/")).is_err());
    }

    #[test]
    fn results_come_in_the_items_order() {
        let items: Vec<u64> = (0..1000).collect();
        let squares: Vec<u64> =
            on_every_core(|| items.par_iter().map(|&i| Ok(i * i)).collect()).unwrap();
        assert_eq!(squares, items.iter().map(|i| i * i).collect::<Vec<_>>());
        let none: Vec<()> =
            on_every_core(|| [0u8; 0].par_iter().map(|_| Ok(())).collect()).unwrap();
        assert!(none.is_empty());
    }

    #[test]
    fn an_error_is_returned() {
        let items: Vec<u32> = (0..100).collect();
        let e = on_every_core(|| {
            items.par_iter().try_for_each(|&i| {
                if i == 57 {
                    anyhow::bail!("item {i} failed")
                }
                Ok(())
            })
        })
        .unwrap_err();
        assert_eq!(e.to_string(), "item 57 failed");
    }

    /// Recursion that needs about `depth` × 16 KB of stack.
    fn deep(depth: u32) -> u64 {
        let frame = std::hint::black_box([depth as u8; 16 * 1024]);
        match depth {
            0 => 0,
            _ => deep(depth - 1) + u64::from(frame[16 * 1024 - 1]),
        }
    }

    #[test]
    fn the_workers_have_large_stacks() {
        // 16 MB each: far beyond a spawned thread's default 2 MiB.
        let sums: Vec<u64> =
            on_every_core(|| (0..8).into_par_iter().map(|_| Ok(deep(1000))).collect()).unwrap();
        let one: u64 = (1..=1000u32).map(|d| u64::from(d as u8)).sum();
        assert_eq!(sums, vec![one; 8]);
    }

    #[test]
    fn the_embed_script_is_copied_under_its_stable_name() {
        let index = std::fs::read_to_string(crate::root().join("index.html")).unwrap();
        assert!(index.contains(r#"<link data-trunk rel="copy-file" href="public/embed.js">"#));
    }
}
