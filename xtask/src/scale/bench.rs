//! `cargo xtask bench scale [N]`: the build and the site with the real organisations
//! against N (default 300: the real ones and fictional copies, see `scale`). Prints,
//! as a Markdown table for BENCHMARKS.md: build times, the size of the site, of one
//! page, and the bytes of a first visit to that page (`bench/first-visit.mjs`). A
//! benchmark to read, not a test: nothing here fails on a number.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context as _};
use serde_json::Value;

use crate::site::{self, compress, files};
use crate::{root, setup, trunk_build, work_dir, Result};

/// The page measured: a real organisation's, present in every generated set.
pub const ROUTE: &str = "/herenthout/ambities";

/// One build, measured.
struct Measured {
    organisations: usize,
    /// Seconds of the post-build steps (copying Trunk's output included).
    post_build: f64,
    /// CPU seconds of those steps, every thread's: on a shared machine the wall
    /// time depends on what else runs, this much less.
    post_build_cpu: Option<f64>,
    dist_bytes: u64,
    dist_files: usize,
    page_raw: u64,
    page_br: u64,
    /// `bench/first-visit.mjs`'s report.
    visit: Value,
}

pub fn bench(args: &[String]) -> Result {
    let total = match args {
        [] => 300,
        [n] => n
            .parse()
            .with_context(|| format!("bench scale: `{n}` is no number"))?,
        _ => bail!("usage: cargo xtask bench scale [N]"),
    };
    setup::ensure(setup::Needs::ALL)?;
    // bench/first-visit.mjs serves each site with it.
    crate::server_binary()?;
    let real = crate::content::content_files()?.len() - 1;
    if total < real {
        bail!("bench scale: N must be at least the {real} real organisations");
    }
    println!("xtask: bench scale: Trunk once to warm the cargo cache (not timed)");
    trunk_build(None)?;
    let start = Instant::now();
    let trunk = trunk_build(None)?;
    let trunk_s = start.elapsed().as_secs_f64();

    let small = work_dir("scale-real/dist");
    let real_build = measure(real, &small, || {
        site::build_with_content(&trunk, &trunk.join("content"), &small, None)
    })?;
    let work = work_dir(&format!("scale-{total}"));
    crate::scale::generate(
        &root().join("public/content"),
        &work.join("content"),
        total - real,
    )?;
    let large = work.join("dist");
    let many = measure(total, &large, || {
        site::build_with_content(&trunk, &work.join("content"), &large, None)
    })?;
    print!("{}", table(trunk_s, &[real_build, many]));
    println!(
        "\nxtask: the sites are in {} and {}",
        small.display(),
        large.display()
    );
    Ok(())
}

/// Runs `build` into `dist` as a first build would (the folder not there yet, nothing
/// compressed before) and measures what it made.
fn measure(organisations: usize, dist: &Path, build: impl FnOnce() -> Result) -> Result<Measured> {
    if dist.exists() {
        std::fs::remove_dir_all(dist).with_context(|| format!("emptying {}", dist.display()))?;
    }
    compress::forget();
    let (start, cpu) = (Instant::now(), cpu_seconds());
    build()?;
    let post_build = start.elapsed().as_secs_f64();
    let post_build_cpu = cpu.zip(cpu_seconds()).map(|(a, b)| b - a);
    let mut dist_bytes = 0;
    let all = files::files(dist)?;
    for f in &all {
        dist_bytes += size(&dist.join(f))?;
    }
    let page = dist.join(ROUTE.trim_start_matches('/')).join("index.html");
    Ok(Measured {
        organisations,
        post_build,
        post_build_cpu,
        dist_bytes,
        dist_files: all.len(),
        page_raw: size(&page)?,
        page_br: size(&page.with_extension("html.br"))?,
        visit: first_visit(dist)?,
    })
}

/// The CPU time this process has used, all its threads together, from Linux's
/// `/proc/self/stat` (user and system time, in the ABI's fixed 100 ticks a second);
/// `None` elsewhere.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // After the command name in parentheses: state, then 10 fields, then utime, stime.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<u64>().ok();
    Some((ticks(11)? + ticks(12)?) as f64 / 100.0)
}

fn size(path: &Path) -> Result<u64> {
    Ok(std::fs::metadata(path)
        .with_context(|| format!("measuring {}", path.display()))?
        .len())
}

/// `bench/first-visit.mjs` on `dist`: its one line of JSON.
fn first_visit(dist: &Path) -> Result<Value> {
    println!("xtask: first visit to {ROUTE} of {}", dist.display());
    let out = setup::output_of(
        Command::new("node")
            .arg("bench/first-visit.mjs")
            .arg(dist)
            .arg(ROUTE)
            .current_dir(root()),
        "bench/first-visit.mjs",
    )?;
    let text = String::from_utf8_lossy(&out);
    serde_json::from_str(text.lines().last().unwrap_or_default())
        .with_context(|| format!("bench/first-visit.mjs printed no JSON: {text}"))
}

/// The measurements as a Markdown table, a column per build.
fn table(trunk_s: f64, builds: &[Measured]) -> String {
    let mut rows: Vec<(String, Vec<String>)> = vec![
        ("Trunk build, warm cargo cache (s)".into(), vec![]),
        ("post-build steps (s)".into(), vec![]),
        (
            "post-build steps, CPU time of all threads (s)".into(),
            vec![],
        ),
        ("whole: Trunk + post-build (s)".into(), vec![]),
        ("`dist/` bytes".into(), vec![]),
        ("`dist/` files".into(), vec![]),
        (format!("`{ROUTE}/index.html` raw"), vec![]),
        (format!("`{ROUTE}/index.html` brotli"), vec![]),
        ("first visit: bytes at the server".into(), vec![]),
        ("first visit: requests".into(), vec![]),
        ("first visit: files sent twice".into(), vec![]),
    ];
    // The kinds of file (by extension; "route" for addresses without one) either visit got.
    let kinds: BTreeSet<&String> = builds
        .iter()
        .filter_map(|b| b.visit["byKind"].as_object())
        .flat_map(|k| k.keys())
        .collect();
    for k in &kinds {
        rows.push((format!("first visit: {k} (requests / bytes)"), vec![]));
    }
    for b in builds {
        let visit = &b.visit;
        let mut cells = vec![
            format!("{trunk_s:.1}"),
            format!("{:.1}", b.post_build),
            b.post_build_cpu.map_or("?".into(), |s| format!("{s:.1}")),
            format!("{:.1}", trunk_s + b.post_build),
            b.dist_bytes.to_string(),
            b.dist_files.to_string(),
            b.page_raw.to_string(),
            b.page_br.to_string(),
            visit["bytes"].to_string(),
            visit["requests"].to_string(),
            visit["twice"].as_array().map_or(0, Vec::len).to_string(),
        ];
        for k in &kinds {
            let entry = &visit["byKind"][k.as_str()];
            cells.push(match entry.is_object() {
                true => format!("{} / {}", entry["requests"], entry["bytes"]),
                false => "0 / 0".into(),
            });
        }
        for (row, cell) in rows.iter_mut().zip(cells) {
            row.1.push(cell);
        }
    }
    let mut out = String::from("\n| measure |");
    for b in builds {
        out.push_str(&format!(" {} organisations |", b.organisations));
    }
    out.push_str("\n| --- |");
    out.push_str(&" ---: |".repeat(builds.len()));
    out.push('\n');
    for (label, cells) in rows {
        out.push_str(&format!("| {label} | {} |\n", cells.join(" | ")));
    }
    for b in builds {
        if let Some(twice) = b.visit["twice"].as_array().filter(|t| !t.is_empty()) {
            out.push_str(&format!(
                "\nSent twice with {} organisations: {}\n",
                b.organisations,
                twice
                    .iter()
                    .map(Value::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    #[cfg(target_os = "linux")]
    fn cpu_time_is_read_and_grows_with_work() {
        // Works until the process has used 0.1 s of CPU more: however busy the
        // machine, that comes (the wall-clock bound only keeps a broken reading from
        // spinning for ever).
        let before = super::cpu_seconds().unwrap();
        let start = std::time::Instant::now();
        let mut x = 0u64;
        let mut after = before;
        while after - before < 0.1 && start.elapsed().as_secs() < 120 {
            for _ in 0..1_000_000 {
                x = std::hint::black_box(x.wrapping_mul(6364136223846793005).wrapping_add(1));
            }
            after = super::cpu_seconds().unwrap();
        }
        assert!(after - before >= 0.1, "{before} -> {after}");
    }
}
