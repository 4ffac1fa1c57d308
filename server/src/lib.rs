//! koers-server: the one process of a Koers site. This first part serves a built site
//! (the output of `cargo xtask dist` or `cargo xtask site`) as production should, by the
//! serving rules of `koers-serving` (the same that write the `_headers`,
//! `nginx-headers.conf` and `deploy/nginx.conf` of static hosts):
//!
//! - every route's pre-rendered `index.html`; an unknown path under an organisation gets
//!   `/<org>/404.html`, any other the site's `404.html`, both with the status 404;
//! - the precompressed `.br` and `.gz` twins the build writes, chosen by
//!   `Accept-Encoding` (tower-http), with `Vary: Accept-Encoding` on every file that has
//!   them;
//! - content-hashed files cached for a year, every other file revalidated, with a
//!   `Last-Modified` and an `ETag` so that an unchanged file costs a 304;
//! - the build's security headers, read from the `_headers` it wrote (with the policy's
//!   hashes, and any origins a deployer added to `frame-ancestors`), and the studio's
//!   second policy;
//! - never the host's files (`_headers`, `nginx-headers.conf`, `routes.json`);
//! - oEmbed at `<base>oembed?url=…`;
//! - the whole site under a sub-path (`base`), as a build made with `--public-url`;
//! - no `Server` header.
//!
//! [`router`] builds the axum `Router` from a [`Config`]; [`serve`] runs it on a
//! listener. Later parts (accounts, publishing) add their routes to the same router.

mod site;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context as _;
use axum::response::Response;
use axum::routing::get;
use axum::serve::ListenerExt as _;
use axum::Router;
use tokio::net::TcpListener;

pub use site::Rules;

/// What a server serves and where.
#[derive(Clone, Debug)]
pub struct Config {
    /// The built site: the contents of `dist/`.
    pub dir: PathBuf,
    /// The path the site is served under: "/" or a sub-path like "/koers/", as the build
    /// was made with (`--public-url`).
    pub base: String,
}

impl Config {
    /// A configuration, checked: `dir` must be a folder (the site's `_headers` is
    /// checked when the router is built), and `base` a path that starts and ends with
    /// "/" (added where missing).
    pub fn new(dir: impl Into<PathBuf>, base: &str) -> anyhow::Result<Config> {
        let dir: PathBuf = dir.into();
        let base = format!("/{}/", base.trim_matches('/')).replace("//", "/");
        let dir = dir
            .canonicalize()
            .with_context(|| format!("reading {}", dir.display()))?;
        Ok(Config { dir, base })
    }
}

/// What every request handler shares.
#[derive(Clone)]
pub struct AppState {
    pub(crate) site: Arc<site::Site>,
}

/// The server's routes: oEmbed, and the site for every other path.
pub fn router(config: Config) -> anyhow::Result<Router> {
    let oembed = format!("{}{}", config.base, koers_serving::OEMBED);
    let state = AppState {
        site: Arc::new(site::Site::new(config)?),
    };
    Ok(Router::new()
        .route(&oembed, get(site::oembed))
        .fallback(site::files)
        .with_state(state))
}

/// `router`, printing a line for each request it answers to stdout: the status, the
/// method and the path (the end-to-end tests count requests by it).
pub fn with_request_log(router: Router) -> Router {
    router.layer(axum::middleware::from_fn(log_request))
}

async fn log_request(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let response = next.run(request).await;
    println!("{} {method} {path}", response.status().as_u16());
    response
}

/// Serves `router` on `listener` until the process is asked to stop (Ctrl-C, or
/// SIGTERM as systemd and containers send).
///
/// Every connection gets `TCP_NODELAY`: a response's headers and body leave in separate
/// writes, and with Nagle's algorithm the body waited for the client's delayed
/// acknowledgement of the headers, up to 40 ms (measured: p50 0.27 ms, p99 60 ms
/// on one connection).
pub async fn serve(listener: TcpListener, router: Router) -> anyhow::Result<()> {
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            eprintln!("koers-server: TCP_NODELAY not set on a connection: {e}");
        }
    });
    axum::serve(listener, router)
        .with_graceful_shutdown(stop_signal())
        .await
        .context("serving")
}

/// Binds `addr` (port 0: a free port).
pub async fn bind(addr: SocketAddr) -> anyhow::Result<TcpListener> {
    TcpListener::bind(addr)
        .await
        .with_context(|| format!("listening on {addr}"))
}

async fn stop_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
