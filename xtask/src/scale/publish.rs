//! `cargo xtask bench publish [N]`: publishing one organisation on a server with N
//! organisations (default 300: the real ones and fictional copies, see `scale`). The
//! site of N organisations is built once (`site::build_with_content`) and served from
//! a server's site folders (`site::SiteFolders`); then one organisation gets a made-up
//! new description five times, each published (`site::publish_org`) into a new build
//! and switched to, as koers-server publishes. Prints each time and the median. A
//! benchmark to read, not a test: nothing here fails on a number.

use std::time::Instant;

use anyhow::{bail, Context as _};
use serde_json::Value;

use crate::site::{self, files, SiteFolders};
use crate::{root, trunk_build, work_dir, Result};

/// The organisation changed: a fictional copy, present in every generated set.
const SLUG: &str = "voorbeeld-1";
/// Publishes timed.
const ROUNDS: usize = 5;
/// The site's address, so that the sitemap and the oEmbed responses are built too.
const SITE_URL: &str = "https://koers.example.be";

pub fn bench(args: &[String]) -> Result {
    let total: usize = match args {
        [] => 300,
        [n] => n
            .parse()
            .with_context(|| format!("bench publish: `{n}` is no number"))?,
        _ => bail!("usage: cargo xtask bench publish [N]"),
    };
    let real = crate::content::content_files()?.len() - 1;
    if total <= real {
        bail!("bench publish: N must be more than the {real} real organisations");
    }
    // The last `dist`'s app, or a new Trunk build.
    let mut app = work_dir("trunk-root");
    if !app.join("index.html").is_file() {
        app = trunk_build(None)?;
    }
    let work = work_dir(&format!("publish-{total}"));
    if work.exists() {
        std::fs::remove_dir_all(&work).with_context(|| format!("emptying {}", work.display()))?;
    }
    let content = work.join("content");
    crate::scale::generate(&root().join("public/content"), &content, total - real)?;
    let folders = SiteFolders::new(work.join("site"));
    let first = folders.new_build()?;
    let start = Instant::now();
    site::build_with_content(&app, &content, &first, Some(SITE_URL))?;
    let full = start.elapsed().as_secs_f64();
    folders.switch(&first)?;

    let file = content.join(format!("{SLUG}.json"));
    let mut times = Vec::new();
    for round in 1..=ROUNDS {
        let mut org: Value = serde_json::from_str(&files::read(&file)?)?;
        org["description"] = Value::String(format!("Een verzonnen beschrijving, versie {round}."));
        files::write(&file, serde_json::to_string_pretty(&org)?.as_bytes())?;
        let start = Instant::now();
        let current = folders
            .current_build()?
            .context("the site folders serve no build")?;
        let out = folders.new_build()?;
        site::publish_org(&app, &current, &content, SLUG, &out, Some(SITE_URL))?;
        site::record_commit(&out, &format!("{round:040}"))?;
        let previous = folders.switch(&out)?;
        let seconds = start.elapsed().as_secs_f64();
        // After the answer, as the server does: not part of the time to live.
        let start = Instant::now();
        if let Some(previous) = previous {
            folders.remove_older_than(&previous)?;
        }
        println!(
            "xtask: bench publish: publish {round} of {SLUG}, switch included: {seconds:.2} s \
             (then removing the old build: {:.2} s)",
            start.elapsed().as_secs_f64()
        );
        times.push(seconds);
    }
    let served = folders
        .current_build()?
        .context("the site folders serve no build")?;
    let files = files::files(&served)?.len();
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!(
        "\n| organisations | files in the site | full build | publish one organisation, switch included (median of {ROUNDS}) | fastest | slowest |\n\
         |---|---|---|---|---|---|\n\
         | {total} | {files} | {full:.1} s | {median:.2} s | {:.2} s | {:.2} s |",
        times[0],
        times[times.len() - 1]
    );
    println!("\nxtask: the served site is in {}", served.display());
    Ok(())
}
