//! The size budget: what a resident's phone downloads for a first visit to any route
//! (its HTML with the inline stylesheet and embedded content, the scripts and the
//! wasm it loads), brotli-compressed as served. `cargo xtask test` fails when a route
//! grows past [`FIRST_VISIT_BUDGET`]; BENCHMARKS.md records how it was set.

use std::path::Path;

use anyhow::{bail, Context as _};

use crate::site::boot::{self, boot_imports};
use crate::site::files::{html_pages, read};
use crate::site::html::{loaded_assets, text_of};
use crate::site::studio::FOLDER as STUDIO;
use crate::Result;

/// Bytes (brotli) a first visit to any route may transfer. Set from the measurements
/// in BENCHMARKS.md: 223,558 B on 2026-11-24 after issue 13's first levers (the
/// editors' diagnosis out of the wasm, JSON.parse with serde-wasm-bindgen, blocks read
/// flat, since replaced; 257.3 KB before), then raised, recorded there, to 227,660 B plus about 1.2 KB
/// for issue 15's legal mentions (the enterprise number, the privacy page: +3.8 KB of
/// wasm); then lowered to 219,983 B plus about 1.2 KB after issue 13's next levers
/// (standard-library code used once: `str::to_lowercase`, three sorts, two `HashMap`s);
/// then to 193,587 B plus about 1.2 KB after the last of issue 13's levers (no Unicode
/// tables, content read without serde, no float formatting, `FlatRoutes`, the favicon
/// inline); then raised by 2,048 B, recorded there, for issue 22's change notes (the
/// "Wat is er veranderd" page and the "Laatst bijgewerkt" line: +2,037 B of wasm,
/// measured against the same build without them); then by 1,024 B for issue 20's
/// `koers-content` crate (+1,065 B of wasm: small standard-library functions compiled
/// once per crate, despite `lto`); then by 1,280 B for the rest of issue 20: each
/// content type declared once, its residents' reader derived, and one JSON reader
/// that also places the rules' problems in the browser (+1,229 B of wasm); then
/// lowered by 512 B for talc (issue 26's allocator lever: -544 B of wasm); then
/// raised by 3,584 B for issue 26's takeover in steps (no long task after the first
/// paint: +3,264 B of wasm, +243 B of its script); then lowered to 196,608 B for issue
/// 26's short import and export names between the wasm and its glue (-6,048 B: the
/// largest route 195,991 B); then to 194,560 B for the glue minified by terser
/// (-1,964 B: 194,023 B); then to 193,536 B after the fixes of 2026-12-04's evening
/// (their changes to the app together -894 B of wasm, not measured one by one:
/// 193,092 B); then raised to 194,048 B for the update notice's live region that is
/// there before its words, and a retry that shows it runs (+605 B: 193,697 B). The
/// target is 150 KB, so lower it as the app shrinks, never raise it without recording
/// why.
pub const FIRST_VISIT_BUDGET: u64 = 194_048;
/// Bytes (brotli) of a route's HTML with inline CSS: one TCP round trip is ~14 KB.
pub const FIRST_ROUND_TRIP: u64 = 14 * 1024;

/// One route's first-visit transfer.
pub struct RouteSize {
    pub route: String,
    pub html: u64,
    pub assets: Vec<(String, u64)>,
}

impl RouteSize {
    pub fn total(&self) -> u64 {
        self.html + self.assets.iter().map(|(_, n)| n).sum::<u64>()
    }
}

fn brotli_size(dist: &Path, file: &str) -> Result<u64> {
    let br = dist.join(format!("{file}.br"));
    let path = if br.exists() { br } else { dist.join(file) };
    std::fs::metadata(&path)
        .map(|m| m.len())
        .with_context(|| format!("measuring {}", path.display()))
}

/// The sizes of every pre-rendered route in `dist` (the residents' pages: the
/// editors' studio is measured apart, [`studio`]).
pub fn measure(dist: &Path) -> Result<Vec<RouteSize>> {
    Ok(measure_pages(dist)?
        .into_iter()
        .filter(|r| !in_studio(&r.route))
        .collect())
}

/// Whether a route or file (from the site root, with or without its leading `/`)
/// is the studio's.
fn in_studio(path: &str) -> bool {
    path.trim_start_matches('/')
        .starts_with(&format!("{STUDIO}/"))
        || path.trim_matches('/') == STUDIO
}

/// What a first visit to the editors' studio costs; it has its own wasm and no
/// budget of its own, but no resident's page may load any of it.
pub fn studio(dist: &Path) -> Result<RouteSize> {
    let pages = measure_pages(dist)?;
    for r in pages.iter().filter(|r| !in_studio(&r.route)) {
        if let Some((file, _)) = r.assets.iter().find(|(f, _)| in_studio(f)) {
            bail!("{} loads {file}, a file of the editors' studio", r.route);
        }
    }
    pages
        .into_iter()
        .find(|r| in_studio(&r.route))
        .context("dist has no studio (redactie/index.html)")
}

/// The sizes of every page in `dist`, the studio's included.
fn measure_pages(dist: &Path) -> Result<Vec<RouteSize>> {
    let mut out = Vec::new();
    for page in html_pages(dist)? {
        let html = read(&dist.join(&page))?;
        let mut assets = Vec::new();
        // What the page links (icon) and what its boot script, inline or (the
        // studio's) in a file, loads (JS glue, wasm).
        let linked = loaded_assets(&html)?;
        let boot = match text_of(&html, boot::SELECTOR)? {
            Some(inline) => inline,
            None => match linked
                .iter()
                .find(|l| l.rsplit('/').next().is_some_and(|n| n.starts_with("boot-")))
            {
                Some(file) => read(&dist.join(file.trim_start_matches('/')))?,
                None => String::new(),
            },
        };
        for link in linked.into_iter().chain(boot_imports(&boot)) {
            let file = link.trim_start_matches('/').to_string();
            let size = brotli_size(dist, &file)?;
            assets.push((file, size));
        }
        out.push(RouteSize {
            route: format!(
                "/{}",
                page.trim_end_matches("index.html").trim_end_matches('/')
            ),
            html: brotli_size(dist, &page)?,
            assets,
        });
    }
    Ok(out)
}

/// Prints the table and fails when a route is over budget.
pub fn check(dist: &Path) -> Result {
    let studio = studio(dist)?;
    println!(
        "xtask: the editors' studio, {}: {} bytes (brotli), none of it on a resident's page",
        studio.route,
        studio.total()
    );
    let routes = measure(dist)?;
    let largest = routes
        .iter()
        .max_by_key(|r| r.total())
        .context("no pre-rendered pages in dist")?;
    println!(
        "xtask: first-visit transfer (brotli), largest route {}:",
        largest.route
    );
    println!(
        "  {:<44} {:>8}",
        "HTML + inline CSS + content", largest.html
    );
    for (file, size) in &largest.assets {
        println!("  {file:<44} {size:>8}");
    }
    println!(
        "  {:<44} {:>8} (budget {FIRST_VISIT_BUDGET})",
        "total",
        largest.total()
    );
    let mut over = Vec::new();
    for r in &routes {
        if r.total() > FIRST_VISIT_BUDGET {
            over.push(format!("{}: {} bytes", r.route, r.total()));
        }
        if r.html > FIRST_ROUND_TRIP {
            println!(
                "xtask: note: {} HTML is {} bytes brotli, over one round trip ({FIRST_ROUND_TRIP})",
                r.route, r.html
            );
        }
    }
    if !over.is_empty() {
        bail!(
            "over the first-visit budget of {FIRST_VISIT_BUDGET} bytes (see BENCHMARKS.md):\n{}",
            over.join("\n")
        );
    }
    Ok(())
}
