//! `cargo xtask bench serve [--dir D]`: the same built site served by koers-server and by
//! nginx with `deploy/nginx.conf` (generated from the same serving rules), side by side
//! on this machine under the load tool oha (installed with `cargo install oha` when
//! missing): requests per second and the 99th percentile of latency for a page, the
//! app's wasm and a not-found page, each asked with `Accept-Encoding: gzip` (nginx
//! without the brotli module serves the `.gz` twin, as koers-server then does).
//! Issue 21's goal: at least 0.8× nginx's throughput.
//!
//! Without `--dir`, koers-server runs as a host runs it: publishing, on a content
//! repository made from `public/content` (`koers-server init`), serving the build it
//! makes itself; nginx, and koers-server with `--dir` (a static folder it checks on
//! every request), serve that same build. With `--dir D`, koers-server `--dir` and
//! nginx serve `D`.
//!
//! The servers are measured in turns, [`rounds`] times over (`KOERS_BENCH_RUNS`,
//! 3 by default), and each one's median is reported: the load tool shares the
//! machine's cores with the server it measures, and one run moves by up to a quarter.

use std::io::{Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _};
use serde_json::Value;

use crate::{root, run, setup, site, Result};

/// How long each measurement runs, after a warm-up of [`WARM_UP`].
const DURATION: &str = "10s";
const WARM_UP: &str = "2s";
/// Concurrent connections of the load tool.
const CONNECTIONS: &str = "50";

/// How many times each server is measured, in turns (`KOERS_BENCH_RUNS`, 3 by default).
fn rounds() -> Result<usize> {
    match std::env::var("KOERS_BENCH_RUNS") {
        Ok(n) => n
            .parse::<usize>()
            .ok()
            .filter(|n| *n > 0)
            .with_context(|| format!("KOERS_BENCH_RUNS must be a number above 0, not `{n}`")),
        Err(_) => Ok(3),
    }
}

pub fn bench(args: &[String]) -> Result {
    let dir = match args {
        [] => None,
        [flag, dir] if flag == "--dir" => Some(PathBuf::from(dir)),
        _ => bail!("usage: cargo xtask bench serve [--dir BUILT_SITE]"),
    };
    setup::ensure(setup::Needs::ALL)?;
    let rounds = rounds()?;
    let server = crate::server_binary()?;
    let oha = oha()?;
    // koers-server as a host runs it, publishing the build it serves; or none, for a
    // folder given.
    let (publishing, dir) = match dir {
        Some(dir) => (None, dir),
        None => {
            crate::dist(&[])?;
            let app = koers_site::app_beside(&crate::dist_dir())?;
            let publishing = Koers::publishing(&server, &app)?;
            let build = publishing.data.join("site").join("current");
            (Some(publishing), build)
        }
    };
    let dir = dir
        .canonicalize()
        .with_context(|| format!("reading {}", dir.display()))?;
    let routes: Value =
        serde_json::from_str(&site::files::read(&site::prerender::routes_file(&dir)?)?)
            .context("reading the build's routes (beside it, as `cargo xtask dist` writes them)")?;
    let org = &routes["organisations"][0];
    let page = org["pages"][0]["path"]
        .as_str()
        .context("routes.json: an organisation's first page")?;
    let not_found = org["not_found"]
        .as_str()
        .context("routes.json: an organisation's not-found path")?;
    let wasm = site::files::files(&dir)?
        .into_iter()
        .find(|f| f.ends_with("_bg.wasm") && !f.contains('/'))
        .context("the build has no app wasm")?;
    let cases = [
        ("page", page.to_string()),
        ("app wasm", format!("/{wasm}")),
        ("not-found page", not_found.to_string()),
    ];

    let checking = Koers::serving(&server, &dir)?;
    let nginx = Nginx::start(&dir)?;
    let mut servers = Vec::new();
    if let Some(publishing) = &publishing {
        servers.push(("koers-server (publishing)", publishing.origin.as_str()));
    }
    servers.push(("koers-server --dir", checking.origin.as_str()));
    servers.push(("nginx", nginx.origin.as_str()));
    println!("xtask: each server measured {rounds} times in turns; medians");
    let names: Vec<&str> = servers.iter().map(|(name, _)| *name).collect();
    let ratios: Vec<String> = names[..names.len() - 1]
        .iter()
        .map(|name| format!("{name} ÷ nginx"))
        .collect();
    println!(
        "| request | {} | {} |",
        names
            .iter()
            .map(|n| format!("{n} req/s | p99 ms"))
            .collect::<Vec<_>>()
            .join(" | "),
        ratios.join(" | ")
    );
    println!(
        "| --- |{}",
        " ---: |".repeat(names.len() * 2 + ratios.len())
    );
    for (name, path) in &cases {
        let mut measured: Vec<Vec<Measured>> = servers.iter().map(|_| Vec::new()).collect();
        for _ in 0..rounds {
            for ((_, origin), all) in servers.iter().zip(&mut measured) {
                all.push(load(&oha, &format!("{origin}{path}"))?);
            }
        }
        let medians: Vec<Measured> = measured.iter().map(|all| median(all)).collect();
        let nginx = medians.last().context("no server measured")?;
        let cells: Vec<String> = medians
            .iter()
            .map(|m| format!("{:.0} | {:.2}", m.per_second, m.p99_ms))
            .chain(
                medians[..medians.len() - 1]
                    .iter()
                    .map(|m| format!("{:.2}", m.per_second / nginx.per_second)),
            )
            .collect();
        println!("| {name} (`{path}`) | {} |", cells.join(" | "));
    }
    Ok(())
}

/// The median of each measure (the upper one of the middle two for an even count).
fn median(all: &[Measured]) -> Measured {
    let middle = |value: fn(&Measured) -> f64| {
        let mut values: Vec<f64> = all.iter().map(value).collect();
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    Measured {
        per_second: middle(|m| m.per_second),
        p99_ms: middle(|m| m.p99_ms),
    }
}

/// oha, installed from crates.io when it is missing.
fn oha() -> Result<String> {
    let runs = |program: &str| {
        Command::new(program)
            .arg("--version")
            .env("PATH", setup::tool_path())
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !runs("oha") {
        println!("xtask: installing the load tool oha (crates.io)");
        run("cargo", &["install", "oha", "--locked"])?;
    }
    Ok("oha".into())
}

/// One measurement: requests per second and the 99th percentile of latency.
struct Measured {
    per_second: f64,
    p99_ms: f64,
}

/// oha on `url`: a warm-up, then [`DURATION`] of load, every answer checked.
fn load(oha: &str, url: &str) -> Result<Measured> {
    let mut measured = None;
    for duration in [WARM_UP, DURATION] {
        let output = setup::output_of(
            Command::new(oha)
                .args(["--no-tui", "--output-format", "json", "-z", duration])
                .args(["-c", CONNECTIONS, "-H", "Accept-Encoding: gzip", url]),
            &format!("oha on {url}"),
        )?;
        let report: Value = serde_json::from_slice(&output).context("oha's report")?;
        let codes = report["statusCodeDistribution"]
            .as_object()
            .context("oha's report: statusCodeDistribution")?;
        if codes.len() != 1 {
            bail!("{url}: answered with several statuses: {codes:?}");
        }
        measured = Some(Measured {
            per_second: report["summary"]["requestsPerSec"]
                .as_f64()
                .context("oha's report: requestsPerSec")?,
            p99_ms: report["latencyPercentiles"]["p99"]
                .as_f64()
                .context("oha's report: p99")?
                * 1000.0,
        });
    }
    measured.context("no measurement")
}

/// A free port on 127.0.0.1, now.
fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Waits until something answers HTTP at `port`, or `child` has ended. (A publishing
/// koers-server listens before it has built its site, and answers once it has.)
fn wait_for(port: u16, child: &mut Child, what: &str) -> Result {
    let start = Instant::now();
    while !answers(port) {
        if let Some(status) = child.try_wait()? {
            bail!("{what} ended ({status}) before it answered");
        }
        if start.elapsed() > Duration::from_secs(300) {
            bail!("{what} did not answer within 300 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(())
}

/// Whether a request to `port` gets an HTTP answer (within a second).
fn answers(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let mut first = [0u8; 5];
    stream
        .set_read_timeout(Some(Duration::from_secs(1)))
        .is_ok()
        && stream.write_all(b"HEAD / HTTP/1.0\r\n\r\n").is_ok()
        && stream.read_exact(&mut first).is_ok()
        && &first == b"HTTP/"
}

/// koers-server, stopped when dropped.
struct Koers {
    child: Child,
    origin: String,
    /// Its data folder (when it publishes), removed when dropped.
    data: PathBuf,
}

impl Koers {
    /// koers-server serving the folder `dir`, checking its files on every request.
    fn serving(server: &Path, dir: &Path) -> Result<Koers> {
        let port = free_port()?;
        let mut command = Command::new(server);
        command
            .args(["serve", "--port", &port.to_string(), "--dir"])
            .arg(dir);
        Koers::start(command, port, PathBuf::new())
    }

    /// koers-server publishing, on a content repository made from `public/content`, with
    /// the app `app` (Trunk's output): it builds the site it serves when it starts.
    fn publishing(server: &Path, app: &Path) -> Result<Koers> {
        let data = crate::work_dir("bench-serve-data");
        if data.exists() {
            std::fs::remove_dir_all(&data)?;
        }
        setup::output_of(
            Command::new(server)
                .args(["init", "--data"])
                .arg(&data)
                .arg("--content")
                .arg(root().join("public").join("content")),
            "koers-server init",
        )?;
        let port = free_port()?;
        let mut command = Command::new(server);
        command
            .args(["serve", "--port", &port.to_string(), "--app"])
            .arg(app)
            .arg("--data")
            .arg(&data)
            .args(["--url", &format!("http://localhost:{port}/")]);
        Koers::start(command, port, data)
    }

    fn start(mut command: Command, port: u16, data: PathBuf) -> Result<Koers> {
        let mut child = command
            .stdout(Stdio::null())
            .spawn()
            .context("starting koers-server")?;
        wait_for(port, &mut child, "koers-server")?;
        Ok(Koers {
            child,
            origin: format!("http://127.0.0.1:{port}"),
            data,
        })
    }
}

impl Drop for Koers {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if self.data.is_dir() {
            let _ = std::fs::remove_dir_all(&self.data);
        }
    }
}

/// nginx with `deploy/nginx.conf` as it is but for its address and folder, in a main
/// configuration of its own (a worker per core, no access log: koers-server keeps
/// none either), stopped when dropped.
struct Nginx {
    child: Child,
    origin: String,
    work: PathBuf,
}

impl Nginx {
    fn start(dir: &Path) -> Result<Nginx> {
        let port = free_port()?;
        let work = crate::work_dir("bench-serve-nginx");
        if work.exists() {
            std::fs::remove_dir_all(&work)?;
        }
        site::files::create_dir(&work)?;
        let conf = site::files::read(&root().join("deploy/nginx.conf"))?;
        for needed in ["listen 80;", "/var/www/koers"] {
            if !conf.contains(needed) {
                bail!("deploy/nginx.conf has no `{needed}`");
            }
        }
        let conf = conf
            .replace("listen 80;", &format!("listen 127.0.0.1:{port};"))
            .replace("/var/www/koers", &dir.to_string_lossy());
        let at = |name: &str| work.join(name).to_string_lossy().into_owned();
        site::files::write(&work.join("koers.conf"), conf.as_bytes())?;
        let temp: String = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]
            .iter()
            .map(|n| format!("  {n}_temp_path {};\n", at(n)))
            .collect();
        let user = if is_root() { "user root;\n" } else { "" };
        let main = format!(
            "daemon off;\nworker_processes auto;\n{user}pid {};\nerror_log {} warn;\n\
             events {{ worker_connections 4096; }}\nhttp {{\n  access_log off;\n{temp}  \
             include {};\n}}\n",
            at("nginx.pid"),
            at("error.log"),
            at("koers.conf"),
        );
        site::files::write(&work.join("nginx.conf"), main.as_bytes())?;
        let mut child = Command::new(setup::NGINX)
            .args([
                "-p",
                &at(""),
                "-e",
                &at("error.log"),
                "-c",
                &at("nginx.conf"),
            ])
            .spawn()
            .context("starting nginx")?;
        wait_for(port, &mut child, "nginx")?;
        Ok(Nginx {
            child,
            origin: format!("http://127.0.0.1:{port}"),
            work,
        })
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        // SIGTERM, so that the master stops its workers (SIGKILL would leave them).
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.work);
    }
}

/// Whether this process runs as root (nginx's workers would then run as nobody, who
/// cannot read the work folder).
fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}
