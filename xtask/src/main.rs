//! `cargo xtask`: set-up, serve, build, check and test Koers with one command each.
//!
//! Every command first installs what it needs and is missing, from the package
//! registries only (crates.io, npm, Debian), so a fresh machine works:
//!
//! - `cargo xtask serve [--port N]`: the site built as `dist` builds it, served by
//!   koers-server on http://localhost:8080 (or N), with publishing: a content
//!   repository made from public/content and an invite link for a first editor.
//! - `cargo xtask test`: formatting and clippy, then every test layer (native, then the
//!   release build in Chromium).
//! - `cargo xtask dist`: the deployable site in `dist/` (release, wasm-opt).
//! - `cargo xtask check-content [FILES]`: validate content files, as editors need.

mod budget;
mod content;
mod lint;
mod minify;
mod project;
mod scale;
mod schema;
mod serve_bench;
mod setup;

/// The site build steps, a crate of their own (`site/`) that koers-server uses too.
use koers_site as site;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use anyhow::{anyhow, bail, Context as _};

/// A failure that ends the command, with a message that says what to do: each layer
/// adds what it was doing (`.context()`), printed outermost first.
pub type Result<T = ()> = anyhow::Result<T>;

fn main() -> ExitCode {
    // What the site steps report (each step's time), printed as xtask's own lines.
    log::set_logger(&Printer).expect("the only logger");
    log::set_max_level(log::LevelFilter::Info);
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (cmd, rest) = match args.split_first() {
        Some((c, r)) => (c.as_str(), r),
        None => ("help", &[][..]),
    };
    let result = match cmd {
        "help" | "--help" | "-h" => {
            println!("{}", USAGE);
            Ok(())
        }
        // Every other command works on the project: found first, or refused.
        _ => project::check().and_then(|()| command(cmd, rest)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn command(cmd: &str, rest: &[String]) -> Result {
    match cmd {
        "serve" => serve(rest),
        "test" => test(rest),
        "dist" => dist(rest),
        "site" => site(rest),
        "check-content" => content::check_files(rest),
        "budget" => budget::check(&dist_dir()),
        "bench" => bench(rest),
        "schema" => schema::write(),
        "setup" => setup::ensure(setup::Needs::ALL),
        other => Err(anyhow!("unknown command `{other}`\n{USAGE}")),
    }
}

const USAGE: &str = "usage: cargo xtask <command>
  serve [--port N] [--data DIR]
                         install what is missing, build the site as dist does and serve
                         it with koers-server on http://localhost:8080 (or port N), with
                         publishing: a content repository from public/content (kept in
                         target/koers-data, or DIR) and an invite link for a first editor
  test                   install what is missing, check formatting and clippy, run
                         every test
  dist [--public-url P] [--site-url U]
                         build the deployable site into dist/ (P: the path it is served
                         under; U: its origin, https://host, for sitemap.xml and
                         oEmbed; also from
                         the environment variable KOERS_SITE_URL)
  site CONTENT OUT [--site-url U]
                         build the site for the content in folder CONTENT (an index.json
                         and the files it lists) into OUT, from the last `dist`'s app
                         build (nothing is compiled again); U as for dist
  check-content [FILES]  validate content files (default: public/content/*.json)
  budget                 check dist/ against the first-visit size budget
  bench [ROUTE]          Lighthouse: the app against a static page of the same content
  bench scale [N]        the build and the site with the real organisations against N
                         (default 300: fictional copies added), for BENCHMARKS.md
  bench publish [N]      publishing one organisation of N (default 300) into a new
                         build and switching to it, as koers-server does (median of 5)
  bench trace [ROUTE]    where a first visit's main-thread time goes (Chromium trace)
  bench studio           typing in the studio with a file at its limits (ms a keystroke)
  bench serve [--dir D]  koers-server against nginx with deploy/nginx.conf on the same
                         built site: requests/s and p99 (oha), medians of 3 rounds; the
                         server publishing (its own build), or with --dir serving D
  schema                 write the content JSON Schemas to public/schema/
  setup                  only install what is missing";

pub use project::root;

/// Prints what the site steps (koers-site) report, as xtask's own lines.
struct Printer;

impl log::Log for Printer {
    fn enabled(&self, metadata: &log::Metadata) -> bool {
        // Only the site steps' reports, not what other crates may log.
        metadata.level() <= log::Level::Info && metadata.target().starts_with("koers_site")
    }

    fn log(&self, record: &log::Record) {
        if self.enabled(record.metadata()) {
            println!("xtask: {}", record.args());
        }
    }

    fn flush(&self) {}
}

/// The project root's `dist/`.
pub fn dist_dir() -> PathBuf {
    root().join("dist")
}

/// Runs a command in the repository root with the project's tools on PATH.
pub fn run(program: &str, args: &[&str]) -> Result {
    run_with(program, args, &[])
}

pub fn run_with(program: &str, args: &[&str], env: &[(&str, &str)]) -> Result {
    println!("xtask: $ {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .current_dir(root())
        .env("PATH", setup::tool_path())
        .envs(env.iter().copied())
        .status()
        .with_context(|| format!("could not start `{program}`"))?;
    if !status.success() {
        bail!("`{program} {}` failed ({status})", args.join(" "));
    }
    Ok(())
}

/// `cargo xtask serve [--port N]`: the site built as `dist` builds it, served by
/// koers-server (the production server) on the loopback.
fn serve(args: &[String]) -> Result {
    const USAGE: &str = "usage: cargo xtask serve [--port N] [--data DIR]";
    let mut port = "8080";
    // The editors' accounts and content repository, made once from public/content:
    // what is published here stays between runs (remove the folder to start again
    // from public/content).
    let mut data = root().join("target").join(SERVE_DATA);
    let mut rest = args;
    while let [flag, value, tail @ ..] = rest {
        match flag.as_str() {
            "--port" => port = value,
            "--data" => data = PathBuf::from(value),
            _ => bail!(USAGE),
        }
        rest = tail;
    }
    if !rest.is_empty() {
        bail!(USAGE);
    }
    port.parse::<u16>()
        .with_context(|| format!("--port needs a port number, not `{port}`"))?;
    setup::ensure(setup::Needs::BUILD)?;
    dist(&[])?;
    let server = server_binary()?;
    let app = koers_site::app_beside(&dist_dir())?;
    let url = format!("http://localhost:{port}/");
    let content = root().join("public").join("content");
    let koers_server = |args: &[&str]| -> Result<String> {
        let output = setup::output_of(Command::new(&server).args(args), "koers-server")?;
        Ok(String::from_utf8_lossy(&output).into_owned())
    };
    let data_arg = data.to_string_lossy();
    print!(
        "{}",
        koers_server(&[
            "init",
            "--data",
            &data_arg,
            "--content",
            &content.to_string_lossy()
        ])?
    );
    let index = koers_content::parse_index(
        "public/content/index.json",
        &std::fs::read(content.join("index.json")).context("reading public/content/index.json")?,
    )
    .map_err(|problems| anyhow::anyhow!("public/content/index.json: {problems:?}"))?;
    let mut invite = vec!["invite"];
    invite.extend(index.organisations.iter().map(|o| o.slug.as_str()));
    invite.extend([
        "--name",
        "Redacteur (lokaal)",
        "--data",
        &data_arg,
        "--url",
        &url,
    ]);
    let invited = koers_server(&invite)?;
    let link = invited.lines().last().unwrap_or_default();
    println!("xtask: Koers on {url} (Ctrl-C stops it); the studio: {url}redactie/");
    println!(
        "xtask: a first editor, for every organisation, signs up here (one use, on this machine):"
    );
    println!("{link}");
    run(
        &server.to_string_lossy(),
        &[
            "serve",
            "--app",
            &app.to_string_lossy(),
            "--data",
            &data_arg,
            "--port",
            port,
            "--url",
            &url,
        ],
    )
}

/// The folder under `target/` of `cargo xtask serve`'s accounts and content repository.
const SERVE_DATA: &str = "koers-data";

/// The cargo profile koers-server is built with (`Cargo.toml`: for speed).
const SERVER_PROFILE: &str = "server";

/// Builds koers-server for the end-to-end tests and the benchmarks, which serve the
/// site with it (`tests/e2e/support.mjs`), and returns the binary.
pub(crate) fn server_binary() -> Result<PathBuf> {
    run(
        "cargo",
        &[
            "build",
            "--profile",
            SERVER_PROFILE,
            "--package",
            "koers-server",
        ],
    )?;
    Ok(root()
        .join("target")
        .join(SERVER_PROFILE)
        .join("koers-server"))
}

/// Builds the release site into `dist/`.
fn dist(args: &[String]) -> Result {
    let options = DistOptions::parse(args)?;
    let trunk = trunk_build(options.public_url.as_deref())?;
    let dist = dist_dir();
    site::build_with_content(
        &trunk,
        &trunk.join("content"),
        &dist,
        options.site_url.as_deref(),
    )?;
    // For koers-server, which publishes an organisation with the app (not served).
    let app = site::app_beside(&dist)?;
    site::copy_app(&trunk, &app)?;
    println!(
        "xtask: the site is in {}, the app it was built from in {}",
        dist.display(),
        app.display()
    );
    Ok(())
}

/// `cargo xtask site CONTENT OUT`: the site for other content, from the Trunk build
/// `cargo xtask dist` left (the end-to-end tests build a file from the studio so).
fn site(args: &[String]) -> Result {
    let [content, out, options @ ..] = args else {
        bail!("usage: cargo xtask site CONTENT OUT [--site-url U]");
    };
    let options = DistOptions::parse(options)?;
    if options.public_url.is_some() {
        bail!("site: the path the site is served under is the last `dist`'s (--public-url)");
    }
    let trunk = work_dir("trunk-root");
    if !trunk.join("index.html").is_file() {
        bail!(
            "{} is missing: run `cargo xtask dist` first",
            trunk.display()
        );
    }
    site::build_with_content(
        &trunk,
        Path::new(content),
        Path::new(out),
        options.site_url.as_deref(),
    )?;
    println!("xtask: the site is in {out}");
    Ok(())
}

/// `cargo xtask dist`'s options.
struct DistOptions {
    /// The path the site is served under, like /koers/ (Trunk's `--public-url`).
    public_url: Option<String>,
    /// The site's origin, for the sitemap.
    site_url: Option<String>,
}

impl DistOptions {
    fn parse(args: &[String]) -> Result<DistOptions> {
        let mut options = DistOptions {
            public_url: None,
            site_url: std::env::var("KOERS_SITE_URL")
                .ok()
                .filter(|u| !u.trim().is_empty()),
        };
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            match arg.as_str() {
                "--public-url" => {
                    let url = rest
                        .next()
                        .context("--public-url needs a path, like /koers/")?;
                    options.public_url = Some(url.clone());
                }
                "--site-url" => {
                    let url = rest.next().context(
                        "--site-url needs the site's origin, like https://koers.example.be",
                    )?;
                    options.site_url = Some(url.clone());
                }
                other => bail!("unknown option `{other}`"),
            }
        }
        // A wrong address fails now, not after a long build.
        if let Some(url) = &options.site_url {
            site::crawlers::site_origin(url)?;
        }
        Ok(options)
    }
}

/// Trunk's release build of the app, served under `public_url` ("/" by default), into a
/// folder of its own under `target/xtask/` that the post-build steps only copy from:
/// builds of other content start from it without building the wasm again. The editors'
/// studio is built into its `redactie/` folder. Returns it.
fn trunk_build(public_url: Option<&str>) -> Result<PathBuf> {
    setup::ensure(setup::Needs::BUILD)?;
    content::check_files(&[]).context("not building broken content")?;
    let name: String = public_url
        .unwrap_or("/")
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let out = work_dir(&format!(
        "trunk-{}",
        if name.is_empty() { "root" } else { &name }
    ));
    let out_arg = out.to_string_lossy();
    let mut argv = vec!["build", "--release", "--dist", &out_arg];
    if let Some(url) = public_url {
        argv.extend(["--public-url", url]);
    }
    run("trunk", &argv)?;
    // Short names between the wasm and its glue, the glue minified (BENCHMARKS.md):
    // the residents' app here, the studio's below.
    minify::app(&out)?;
    // The editors' studio: a bundle of its own, in its folder of the same build.
    let studio = out.join(site::studio::FOLDER);
    let studio_arg = studio.to_string_lossy();
    let studio_url = format!("{}{}/", public_url.unwrap_or("/"), site::studio::FOLDER);
    run(
        "trunk",
        &[
            "build",
            "studio/index.html",
            "--release",
            "--dist",
            &studio_arg,
            "--public-url",
            &studio_url,
        ],
    )?;
    minify::app(&studio)?;
    Ok(out)
}

/// A folder under `target/xtask/` for builds that are not the deployable `dist/`.
pub fn work_dir(name: &str) -> PathBuf {
    root().join("target/xtask").join(name)
}

/// Lighthouse on the release build against a static page of the same content, or
/// (`bench scale [N]`) the build and the site with N organisations, or (`bench trace
/// [ROUTE]`) where a first visit's main-thread time goes, from a Chromium trace, or
/// (`bench studio`) typing in the studio with a file at its limits, or (`bench serve`)
/// koers-server against nginx on the same built site, or (`bench publish [N]`)
/// publishing one organisation of N.
fn bench(args: &[String]) -> Result {
    match args.split_first().map(|(a, r)| (a.as_str(), r)) {
        Some(("scale", rest)) => return scale::bench::bench(rest),
        Some(("serve", rest)) => return serve_bench::bench(rest),
        Some(("publish", rest)) => return scale::publish::bench(rest),
        Some(("studio", [])) => {
            setup::ensure(setup::Needs::ALL)?;
            dist(&[])?;
            server_binary()?;
            return run("node", &["bench/studio.mjs"]);
        }
        Some(("trace", rest)) => {
            setup::ensure(setup::Needs::ALL)?;
            dist(&[])?;
            server_binary()?;
            let mut argv = vec!["bench/trace.mjs"];
            argv.extend(rest.iter().map(String::as_str));
            return run("node", &argv);
        }
        _ => {}
    }
    setup::ensure(setup::Needs::ALL)?;
    dist(&[])?;
    budget::check(&dist_dir())?;
    server_binary()?;
    if !root().join("bench/node_modules/lighthouse").exists() {
        println!("xtask: installing Lighthouse (bench/package-lock.json)");
        run(
            "npm",
            &["ci", "--no-audit", "--no-fund", "--prefix", "bench"],
        )?;
    }
    let mut argv = vec!["bench/bench.mjs"];
    argv.extend(args.iter().map(String::as_str));
    run("node", &argv)
}

fn test(args: &[String]) -> Result {
    if !args.is_empty() {
        bail!("test takes no options");
    }
    setup::ensure(setup::Needs::ALL)?;
    lint::check()?;
    content::check_files(&[])?;
    run(
        "cargo",
        &[
            "test",
            "--package",
            "koers-content",
            "--features",
            lint::CONTENT_TEST_FEATURES,
        ],
    )?;
    run("cargo", &["test", "--package", "koers-content-derive"])?;
    run(
        "cargo",
        &["test", "--package", "koers", "--features", "ssr"],
    )?;
    run("cargo", &["test", "--package", "koers-studio"])?;
    run("cargo", &["test", "--package", "koers-serving"])?;
    run("cargo", &["test", "--package", "koers-server"])?;
    run("cargo", &["test", "--package", "koers-store"])?;
    run("cargo", &["test", "--package", "koers-site"])?;
    run("cargo", &["test", "--package", "xtask"])?;
    dist(&[])?;
    budget::check(&dist_dir())?;
    // For the end-to-end tests: many organisations (what a first visit must not
    // download), from the same Trunk build; and the site served under a path, for
    // which Trunk builds again (the cargo build is cached).
    let many = scale::build(&work_dir("trunk-root"), &work_dir("many"), MANY)?;
    let subpath = work_dir("subpath");
    let trunk = trunk_build(Some(SUBPATH))?;
    site::build_with_content(&trunk, &trunk.join("content"), &subpath, None)?;
    let server = server_binary()?;
    run_with(
        "node",
        &["--test", "--test-concurrency=1", "tests/e2e/"],
        &[
            ("KOERS_SERVER", &server.to_string_lossy()),
            ("KOERS_DIST", &dist_dir().to_string_lossy()),
            ("KOERS_DIST_MANY", &many.to_string_lossy()),
            ("KOERS_DIST_SUBPATH", &subpath.to_string_lossy()),
        ],
    )
}

/// Fictional organisations added to the real ones for `KOERS_DIST_MANY`.
const MANY: usize = 12;
/// The path `KOERS_DIST_SUBPATH` is built to be served under.
const SUBPATH: &str = "/koers/";
