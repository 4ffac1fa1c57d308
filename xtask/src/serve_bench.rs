//! `cargo xtask bench serve [--dir D]`: the same built site served by koers-server and by
//! nginx with `deploy/nginx.conf` (generated from the same serving rules), side by side
//! on this machine under the load tool oha (installed with `cargo install oha` when
//! missing): requests per second and the 99th percentile of latency for a page, the
//! app's wasm and a not-found page, each asked with `Accept-Encoding: gzip` (nginx
//! without the brotli module serves the `.gz` twin, as koers-server then does).
//! Issue 21's goal: at least 0.8× nginx's throughput.

use std::io::{BufRead as _, BufReader};
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

pub fn bench(args: &[String]) -> Result {
    let dir = match args {
        [] => None,
        [flag, dir] if flag == "--dir" => Some(PathBuf::from(dir)),
        _ => bail!("usage: cargo xtask bench serve [--dir BUILT_SITE]"),
    };
    setup::ensure(setup::Needs::ALL)?;
    let dir = match dir {
        Some(dir) => dir,
        None => {
            crate::dist(&[])?;
            crate::dist_dir()
        }
    };
    let dir = dir
        .canonicalize()
        .with_context(|| format!("reading {}", dir.display()))?;
    let server = crate::server_binary()?;
    let oha = oha()?;
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

    let ours = Koers::start(&server, &dir)?;
    let nginx = Nginx::start(&dir)?;
    println!("| request | koers-server req/s | p99 ms | nginx req/s | p99 ms | ratio |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (name, path) in &cases {
        let a = load(&oha, &format!("{}{path}", ours.origin))?;
        let b = load(&oha, &format!("{}{path}", nginx.origin))?;
        println!(
            "| {name} (`{path}`) | {:.0} | {:.2} | {:.0} | {:.2} | {:.2} |",
            a.per_second,
            a.p99_ms,
            b.per_second,
            b.p99_ms,
            a.per_second / b.per_second
        );
    }
    Ok(())
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

/// Waits until something accepts connections at `port`, or `child` has ended.
fn wait_for(port: u16, child: &mut Child, what: &str) -> Result {
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Some(status) = child.try_wait()? {
            bail!("{what} ended ({status}) before it listened");
        }
        if start.elapsed() > Duration::from_secs(20) {
            bail!("{what} did not listen within 20 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(())
}

/// koers-server on the site, stopped when dropped.
struct Koers {
    child: Child,
    origin: String,
}

impl Koers {
    fn start(server: &Path, dir: &Path) -> Result<Koers> {
        let port = free_port()?;
        let mut child = Command::new(server)
            .args(["serve", "--port", &port.to_string(), "--dir"])
            .arg(dir)
            .stdout(Stdio::piped())
            .spawn()
            .with_context(|| format!("starting {}", server.display()))?;
        let mut line = String::new();
        BufReader::new(child.stdout.take().context("its output")?).read_line(&mut line)?;
        wait_for(port, &mut child, "koers-server")?;
        Ok(Koers {
            child,
            origin: format!("http://127.0.0.1:{port}"),
        })
    }
}

impl Drop for Koers {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
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
