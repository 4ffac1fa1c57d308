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
//! With a data folder ([`Config::data`]), editors' accounts too (`<base>api/`, see
//! [`auth`] and [`accounts`]); without one, every path under `<base>api/` answers 404
//! (JSON), so that the studio knows it is on a static host.
//!
//! [`router`] builds the axum `Router` from a [`Config`]; [`serve`] runs it on a
//! listener.

pub mod accounts;
pub mod auth;
pub mod publish;
mod site;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context as _;
use arc_swap::ArcSwap;
use axum::http::header::{self, HeaderValue};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::serve::ListenerExt as _;
use axum::Router;
use tokio::net::TcpListener;
use tower_http::set_header::SetResponseHeaderLayer;

pub use site::Rules;

/// What a server serves and where.
#[derive(Clone, Debug)]
pub struct Config {
    /// The built site: the contents of `dist/`.
    pub dir: PathBuf,
    /// The path the site is served under: "/" or a sub-path like "/koers/", as the build
    /// was made with (`--public-url`).
    pub base: String,
    /// The data folder (accounts, the content repository): without it, no API.
    pub data: Option<PathBuf>,
    /// The site's public address, as residents and editors open it, with the base
    /// (e.g. `https://koers.example.be/`): its host is the passkeys' relying party.
    /// `http://localhost/` plus the base when not given.
    pub public_url: Option<String>,
    /// Registration and sign-in requests a client address may make per minute.
    pub attempts_per_minute: u32,
    /// The TLS proxies in front: a request from one of them is counted, for the rate
    /// limit, for the client address it last added to `X-Forwarded-For`.
    pub proxies: Vec<std::net::IpAddr>,
    /// How long an editor's session lasts at most after its sign-in
    /// ([`auth::SESSION_LONGEST`]; it also ends after 12 idle hours).
    pub session_longest: std::time::Duration,
    /// Trunk's output (`dist.app/` beside a build's `dist/`): with it and `data`, the
    /// server builds the site itself from the content repository and publishes
    /// editors' changes; `dir` is then the build it serves.
    pub app: Option<PathBuf>,
    /// Whether the files in `dir` never change while it is served (a publishing
    /// server's builds: a publish makes a new one). Answers are then kept by path and
    /// sent again without a look at the disk; otherwise each request checks its file's
    /// version, so that a deployer's copy over the folder is served at once.
    pub fixed: bool,
}

impl Config {
    /// A configuration, checked: `dir` must be a folder (the site's `_headers` is
    /// checked when the router is built), and `base` a path that starts and ends with
    /// "/" (added where missing).
    pub fn new(dir: impl Into<PathBuf>, base: &str) -> anyhow::Result<Config> {
        let dir: PathBuf = dir.into();
        let base = base_path(base);
        let dir = dir
            .canonicalize()
            .with_context(|| format!("reading {}", dir.display()))?;
        Ok(Config {
            dir,
            base,
            data: None,
            public_url: None,
            attempts_per_minute: auth::ATTEMPTS_PER_MINUTE,
            proxies: Vec::new(),
            session_longest: auth::SESSION_LONGEST,
            app: None,
            fixed: false,
        })
    }

    /// A server that publishes: the site built from the content repository in `data`
    /// with the app `app` (Trunk's output), served under `base` at `public_url`.
    pub fn publishing(
        app: impl Into<PathBuf>,
        data: impl Into<PathBuf>,
        base: &str,
        public_url: Option<String>,
    ) -> Config {
        let data: PathBuf = data.into();
        Config {
            dir: data.join("site").join("current"),
            base: base_path(base),
            data: Some(data),
            public_url,
            attempts_per_minute: auth::ATTEMPTS_PER_MINUTE,
            proxies: Vec::new(),
            session_longest: auth::SESSION_LONGEST,
            app: Some(app.into()),
            fixed: true,
        }
    }

    /// The same configuration with editors' accounts in `data`, for the site at
    /// `public_url`.
    pub fn with_data(mut self, data: impl Into<PathBuf>, public_url: Option<String>) -> Config {
        self.data = Some(data.into());
        self.public_url = public_url;
        self
    }
}

/// What every request handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The site served: swapped whole when a publish switches to a new build.
    pub(crate) site: Arc<ArcSwap<site::Site>>,
    auth: Option<Arc<auth::Auth>>,
    publishing: Option<Arc<publish::Publishing>>,
}

impl AppState {
    /// The state of a server for `config`.
    pub fn new(config: Config) -> anyhow::Result<AppState> {
        let auth = match &config.data {
            Some(data) => {
                let url = config
                    .public_url
                    .clone()
                    .unwrap_or_else(|| format!("http://localhost{}", config.base));
                Some(Arc::new(
                    auth::Auth::new(data, &url, &config.base, config.attempts_per_minute)?
                        .behind(config.proxies.clone())
                        .sessions_last(config.session_longest),
                ))
            }
            None => None,
        };
        let mut config = config;
        let publishing = match (&config.app, &config.data) {
            (Some(app), Some(data)) => {
                let origin = config.public_url.as_deref().map(origin_of).transpose()?;
                let (publishing, build) = publish::Publishing::start(app, data, origin)?;
                config.dir = build;
                // A publish writes a new build: the one served never changes.
                config.fixed = true;
                Some(Arc::new(publishing))
            }
            (Some(_), None) => anyhow::bail!("publishing needs a data folder (--data)"),
            _ => None,
        };
        Ok(AppState {
            site: Arc::new(ArcSwap::from_pointee(site::Site::new(config)?)),
            auth,
            publishing,
        })
    }

    /// What publishing needs, on a server that publishes.
    pub fn publishing(&self) -> Option<&Arc<publish::Publishing>> {
        self.publishing.as_ref()
    }

    /// Serves `build` from now on (a publish's new build): requests begun before are
    /// answered from the build they began on.
    pub fn serve_build(&self, build: &std::path::Path) -> anyhow::Result<()> {
        let now = self.site.load();
        let config = Config {
            fixed: true,
            ..Config::new(build, now.base())?
        };
        self.site.store(Arc::new(site::Site::new(config)?));
        Ok(())
    }

    /// How many whole answers the site served keeps by path: as many as the paths of
    /// its files asked for at most, whatever else is asked (tests, diagnostics).
    pub fn remembered_paths(&self) -> u64 {
        self.site.load().remembered_paths()
    }

    /// Accounts and sessions, when the server has a data folder.
    pub fn auth(&self) -> Option<&Arc<auth::Auth>> {
        self.auth.as_ref()
    }
}

/// The server's routes: the API, oEmbed, and the site for every other path.
pub fn router(config: Config) -> anyhow::Result<Router> {
    Ok(router_for(AppState::new(config)?))
}

/// The routes of a server whose state is made already (tests reach its sessions).
pub fn router_for(state: AppState) -> Router {
    let base = state.site.load().base().to_string();
    let oembed = format!("{base}{}", koers_serving::OEMBED);
    let api = api(&state);
    Router::new()
        .nest(&format!("{base}api"), api.clone())
        // `nest` leaves out the prefix with a slash alone: the API's fallback answers it.
        .route_service(&format!("{base}api/"), api.with_state(state.clone()))
        .route(&oembed, get(site::oembed))
        .fallback(site::files)
        .with_state(state)
}

/// `<base>api/`: every answer JSON and `Cache-Control: no-store`.
fn api(state: &AppState) -> Router<AppState> {
    let api = if state.auth().is_some() {
        // Registration and sign-in: no session, no CSRF token, a rate limit.
        let open = Router::new()
            .route("/registreren/begin", post(auth::register_begin))
            .route("/registreren/einde", post(auth::register_end))
            .route("/aanmelden/begin", post(auth::sign_in_begin))
            .route("/aanmelden/einde", post(auth::sign_in_end))
            .route_layer(axum::middleware::from_fn_with_state(
                state.clone(),
                auth::rate_limit,
            ));
        // Everything else: a session, and on a POST its CSRF token. Routes added
        // here (before `route_layer`) get both; their handlers take an `auth::Editor`.
        let guarded = Router::new()
            .route("/sessie", get(auth::session))
            .route("/afmelden", post(auth::sign_out))
            .route("/organisaties/{org}", get(publish::organisation))
            .route("/organisaties/{org}/publiceren", post(publish::publish))
            .route("/organisaties/{org}/terugzetten", post(publish::roll_back))
            .route("/organisaties/{org}/geschiedenis", get(publish::history))
            .route(
                "/organisaties/{org}/versies/{commit}",
                get(publish::version),
            )
            .route("/organisaties/{org}/voorstellen", get(publish::proposals))
            .route(
                "/organisaties/{org}/voorstellen/{id}/goedkeuren",
                post(publish::approve),
            )
            .route(
                "/organisaties/{org}/voorstellen/{id}/terugsturen",
                post(publish::send_back),
            )
            .route(
                "/organisaties/{org}/voorstellen/{id}/intrekken",
                post(publish::withdraw),
            )
            .route_layer(axum::middleware::from_fn_with_state(
                state.clone(),
                auth::guard,
            ));
        open.merge(guarded)
            .fallback(auth::not_found)
            .method_not_allowed_fallback(auth::method_not_allowed)
    } else {
        Router::new().fallback(no_api)
    };
    api.layer(SetResponseHeaderLayer::overriding(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-store"),
    ))
}

async fn no_api() -> auth::ApiError {
    auth::ApiError::new(
        StatusCode::NOT_FOUND,
        "Deze server publiceert niet: hij heeft geen redactie.",
    )
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
    // The client's address (the rate limit of sign-in attempts): the connection's.
    let service = router.into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service)
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

/// `base` as the site's path: starting and ending with "/" ("koers" → "/koers/").
pub fn base_path(base: &str) -> String {
    format!("/{}/", base.trim_matches('/')).replace("//", "/")
}

/// The origin (`https://koers.example.be`) of a public address given as `--url`.
fn origin_of(url: &str) -> anyhow::Result<String> {
    let parsed = webauthn_rs::prelude::Url::parse(url)
        .with_context(|| format!("{url} is no address (http://… or https://…)"))?;
    Ok(parsed.origin().ascii_serialization())
}
