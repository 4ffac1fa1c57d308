//! Serving the built site's files by the serving rules.
//!
//! Files are looked up with `std::fs` (a `stat` of a local file takes microseconds;
//! tokio's `fs` would send each to a thread of its own), and sent by tower-http's
//! `ServeFile`: the precompressed twin the request accepts, ranges, `HEAD`, and
//! `If-Modified-Since`. This module adds what the rules add: which file answers a path,
//! the status of a not-found page, the headers, and the `ETag`.

use std::path::{Path, PathBuf};
use std::sync::RwLock;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{bail, Context as _};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse as _, Response};
use koers_serving as rules;
use percent_encoding::percent_decode_str;
use regex::Regex;
use tower::ServiceExt as _;
use tower_http::services::ServeFile;

use crate::{AppState, Config};

/// The serving rules' patterns, compiled: the same regular expressions
/// `deploy/nginx.conf` gives nginx.
pub struct Rules {
    host_files: Regex,
    studio: Regex,
    org: Regex,
    oembed: Regex,
}

impl Rules {
    /// The rules for a site served under `base`.
    pub fn new(base: &str) -> Rules {
        let compile = |pattern: &str| Regex::new(pattern).expect("a serving rule's pattern");
        Rules {
            host_files: compile(&rules::host_files_pattern()),
            studio: compile(&rules::studio_pattern()),
            org: compile(rules::ORG_PATTERN),
            oembed: compile(&format!("(?i){}", rules::oembed_pattern(base))),
        }
    }

    /// Whether `path` is one of the host's files, or a compressed twin of one.
    pub fn is_host_file(&self, path: &str) -> bool {
        self.host_files.is_match(path)
    }

    /// Whether `path` is the editors' studio's, which gets a second policy.
    pub fn is_studio(&self, path: &str) -> bool {
        self.studio.is_match(path)
    }

    /// The organisation an unknown `path` (under the site's path) is under, if any.
    pub fn org<'a>(&self, path: &'a str) -> Option<&'a str> {
        Some(self.org.captures(path)?.name("org")?.as_str())
    }

    /// The folder (under the site) of the oEmbed response for `address`, the raw value
    /// of `?url=`: `<org>` or `<org>/<page>`.
    pub fn oembed_folder(&self, address: &str) -> Option<String> {
        let found = self.oembed.captures(address)?;
        let org = found.name("o")?.as_str();
        Some(match found.name("p") {
            Some(page) => format!("{org}/{}", page.as_str()),
            None => org.to_string(),
        })
    }
}

/// The site a server serves.
pub struct Site {
    dir: PathBuf,
    base: String,
    rules: Rules,
    /// The headers of every response, from the build's `_headers`: read again when the
    /// file changes (a new deployment, or a deployer's edit).
    headers: RwLock<BuildHeaders>,
    /// The answers sent, kept in memory to be sent again.
    answers: Answers,
    /// On a build that never changes ([`Config::fixed`]): the whole answers to paths,
    /// sent again without a look at the disk.
    by_path: Option<quick_cache::sync::Cache<PathKey, Kept, KeptWeight>>,
}

/// The answers [`Site::send`] gave, by what decides them: at most [`ANSWERS_BYTES`]
/// of bodies, the least used forgotten first (quick_cache). A file changed in place
/// (a deployer copying a new build over the old one) has another modification time
/// or length, so another key: its old answers are never sent again.
type Answers = quick_cache::sync::Cache<AnswerKey, Kept, KeptWeight>;

/// What decides an answer of [`Site::send`]: the file and its version, the status, and
/// what the request asks.
#[derive(Clone, PartialEq, Eq, Hash)]
struct AnswerKey {
    file: PathBuf,
    stamp: Stamp,
    status: StatusCode,
    asked: Asked,
}

impl AnswerKey {
    /// The key of `request` for `file`, or `None` when its answer is not kept (see
    /// [`Asked::of`]).
    fn of(file: &Path, stamp: Stamp, status: StatusCode, request: &Request) -> Option<AnswerKey> {
        Some(AnswerKey {
            file: file.to_path_buf(),
            stamp,
            status,
            asked: Asked::of(request)?,
        })
    }
}

/// What a request asks that decides its answer, besides the path: the method and the
/// request's headers that [`Site::send`] reads.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Asked {
    method: Method,
    accept_encoding: Option<HeaderValue>,
    if_none_match: Option<HeaderValue>,
    if_modified_since: Option<HeaderValue>,
}

impl Asked {
    /// What `request` asks, or `None` when its answer is not kept: a range, an
    /// `If-Range` or `If-Unmodified-Since`, or one of the headers given twice.
    fn of(request: &Request) -> Option<Asked> {
        let headers = request.headers();
        if [header::RANGE, header::IF_RANGE, header::IF_UNMODIFIED_SINCE]
            .iter()
            .any(|h| headers.contains_key(h))
        {
            return None;
        }
        let one = |name: header::HeaderName| match headers.get_all(&name).iter().count() {
            0 => Some(None),
            1 => Some(headers.get(&name).cloned()),
            _ => None,
        };
        Some(Asked {
            method: request.method().clone(),
            accept_encoding: one(header::ACCEPT_ENCODING)?,
            if_none_match: one(header::IF_NONE_MATCH)?,
            if_modified_since: one(header::IF_MODIFIED_SINCE)?,
        })
    }
}

/// What decides a whole answer of [`files`] on a build that never changes: the
/// request's path and what it asks.
#[derive(Clone, PartialEq, Eq, Hash)]
struct PathKey {
    path: String,
    asked: Asked,
}

/// An answer kept: its status, headers and whole body.
#[derive(Clone)]
struct Kept {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
}

impl Kept {
    /// The largest body kept: the app's wasm is about 750 KB before compression.
    const LARGEST: usize = 4 * 1024 * 1024;

    /// `response`, read whole to be kept; or itself, unread, when its body is larger
    /// than [`Kept::LARGEST`] or of unknown length.
    async fn of(response: Response) -> Result<Kept, Response> {
        let length = response
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
        if length.is_none_or(|n| n > Kept::LARGEST) && response.status() != StatusCode::NOT_MODIFIED
        {
            return Err(response);
        }
        let (parts, body) = response.into_parts();
        match axum::body::to_bytes(body, Kept::LARGEST).await {
            Ok(body) => Ok(Kept {
                status: parts.status,
                headers: parts.headers,
                body,
            }),
            Err(e) => {
                eprintln!("koers-server: reading a file to send: {e}");
                Err((StatusCode::INTERNAL_SERVER_ERROR, "").into_response())
            }
        }
    }

    fn response(&self) -> Response {
        let mut response = Response::new(Body::from(self.body.clone()));
        *response.status_mut() = self.status;
        *response.headers_mut() = self.headers.clone();
        response
    }
}

/// The weight of a kept answer: its body's bytes (and a little for its headers).
#[derive(Clone)]
struct KeptWeight;

impl<K> quick_cache::Weighter<K, Kept> for KeptWeight {
    fn weight(&self, _key: &K, kept: &Kept) -> u64 {
        kept.body.len() as u64 + 512
    }
}

/// At most this many bytes of answers are kept in memory.
const ANSWERS_BYTES: u64 = 256 * 1024 * 1024;

/// The `/*` rule of the build's `_headers`, and which version of the file it is from.
struct BuildHeaders {
    stamp: Option<(SystemTime, u64)>,
    headers: Vec<(HeaderName, HeaderValue)>,
}

impl Site {
    pub fn new(config: Config) -> anyhow::Result<Site> {
        let rules = Rules::new(&config.base);
        let site = Site {
            headers: RwLock::new(BuildHeaders {
                stamp: None,
                headers: Vec::new(),
            }),
            by_path: config
                .fixed
                .then(|| quick_cache::sync::Cache::with_weighter(4096, ANSWERS_BYTES, KeptWeight)),
            dir: config.dir,
            base: config.base,
            rules,
            answers: Answers::with_weighter(4096, ANSWERS_BYTES, KeptWeight),
        };
        let file = site.dir.join(rules::HOST_FILES[0]);
        let stamp = stamp(&file).with_context(|| {
            format!(
                "{} has no {}: serve a site built by `cargo xtask dist`",
                site.dir.display(),
                rules::HOST_FILES[0]
            )
        })?;
        site.reload_headers(&file, stamp)?;
        Ok(site)
    }

    /// How many answers are kept by path (on a build that never changes).
    pub fn remembered_paths(&self) -> u64 {
        self.by_path
            .as_ref()
            .map_or(0, |answers| answers.len() as u64)
    }

    /// The path the site is served under.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The headers every response gets, from the build's `_headers` as it is now (as
    /// it was read at the start, on a build that never changes).
    fn build_headers(&self) -> Vec<(HeaderName, HeaderValue)> {
        if self.by_path.is_some() {
            return self
                .headers
                .read()
                .expect("the headers' lock")
                .headers
                .clone();
        }
        let file = self.dir.join(rules::HOST_FILES[0]);
        let now = stamp(&file).ok();
        {
            let known = self.headers.read().expect("the headers' lock");
            if now.is_none() || known.stamp == now {
                return known.headers.clone();
            }
        }
        if let Some(now) = now {
            if let Err(e) = self.reload_headers(&file, now) {
                eprintln!("koers-server: {e:#}; keeping the headers read before");
            }
        }
        self.headers
            .read()
            .expect("the headers' lock")
            .headers
            .clone()
    }

    fn reload_headers(&self, file: &Path, stamp: (SystemTime, u64)) -> anyhow::Result<()> {
        let text =
            std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
        let parsed = rules::parse_headers_file(&text)
            .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
        let Some(every) = parsed.into_iter().find(|r| r.pattern == "/*") else {
            bail!("{}: no rule for /*", file.display());
        };
        let mut headers = Vec::new();
        for (name, value) in every.headers {
            let name = HeaderName::try_from(name.as_str())
                .with_context(|| format!("{}: the header name {name}", file.display()))?;
            let value = HeaderValue::try_from(value.as_str())
                .with_context(|| format!("{}: the value of {name}", file.display()))?;
            headers.push((name, value));
        }
        *self.headers.write().expect("the headers' lock") = BuildHeaders {
            stamp: Some(stamp),
            headers,
        };
        Ok(())
    }

    /// The path under the site's path (starting with "/"), or `None` for a path
    /// outside it.
    fn relative<'a>(&self, path: &'a str) -> Option<&'a str> {
        if path == self.base.trim_end_matches('/') {
            return Some("/");
        }
        path.strip_prefix(self.base.trim_end_matches('/'))
            .filter(|rest| rest.starts_with('/'))
    }

    /// The file that answers `rel` (a decoded path under the site's path), if any: the
    /// file itself or the folder's page. Never one of the host's files, nor anything
    /// outside the site.
    fn resolve(&self, rel: &str) -> Option<(PathBuf, Stamp)> {
        if self.rules.is_host_file(rel)
            || rel
                .split('/')
                .any(|s| s == ".." || s == "." || s.contains(['\\', '\0']))
        {
            return None;
        }
        let path = self.dir.join(rel.trim_start_matches('/'));
        if !rel.ends_with('/') {
            if let Some(stamp) = file_stamp(&path) {
                return Some((path, stamp));
            }
        }
        let page = path.join(rules::INDEX);
        file_stamp(&page).map(|stamp| (page, stamp))
    }

    /// The not-found page for `rel`: its organisation's, else the site's.
    fn not_found_page(&self, rel: &str) -> Option<(PathBuf, Stamp)> {
        let own = self
            .rules
            .org(rel)
            .filter(|org| !org.contains(['\\', '\0']) && *org != ".." && *org != ".")
            .map(|org| self.dir.join(org).join(rules::NOT_FOUND));
        own.into_iter()
            .chain([self.dir.join(rules::NOT_FOUND)])
            .find_map(|page| file_stamp(&page).map(|stamp| (page, stamp)))
    }

    /// The answer with `file` (or, for `None`, the not-found page of `rel`) to `request`.
    async fn answer(
        &self,
        file: Option<(PathBuf, Stamp)>,
        rel: &str,
        request: Request,
    ) -> Response {
        let path = request.uri().path().to_string();
        let (file, status) = match file {
            Some(file) => (Some(file), StatusCode::OK),
            None => (self.not_found_page(rel), StatusCode::NOT_FOUND),
        };
        let mut response = match file {
            Some((file, stamp)) => self.send_kept(&file, stamp, status, request).await,
            None => (status, "Niet gevonden").into_response(),
        };
        self.add_headers(&path, &mut response);
        response
    }

    /// [`Site::send`] from memory when the same request for the same version of `file`
    /// (`stamp`, from the `stat` that found it) was answered before: the answer is kept
    /// (in [`Answers`]) and sent again without touching the disk. A request for a
    /// range, or with another precondition than those `send` answers from its `ETag`
    /// and `Last-Modified`, is not kept.
    async fn send_kept(
        &self,
        file: &Path,
        stamp: Stamp,
        status: StatusCode,
        request: Request,
    ) -> Response {
        // A build that never changes keeps whole answers by path already ([`files`]),
        // but for files found only: a not-found page is kept here, by its file, so that
        // requests for made-up paths cannot fill the memory with copies of it.
        let key = match self.by_path {
            Some(_) if status == StatusCode::OK => None,
            _ => AnswerKey::of(file, stamp, status, &request),
        };
        let Some(key) = key else {
            return self.send(file, status, request).await;
        };
        if let Some(kept) = self.answers.get(&key) {
            return kept.response();
        }
        let response = self.send(file, status, request).await;
        match Kept::of(response).await {
            Ok(kept) => {
                let response = kept.response();
                self.answers.insert(key, kept);
                response
            }
            Err(response) => response,
        }
    }

    /// `file` with the status `status`, by tower-http, and the headers of the rules
    /// that depend on the file: media type, caching, `Vary`, `ETag`.
    async fn send(&self, file: &Path, status: StatusCode, request: Request) -> Response {
        let (parts, _) = request.into_parts();
        let mut headers = parts.headers;
        let if_none_match = headers
            .remove(header::IF_NONE_MATCH)
            .filter(|_| status == StatusCode::OK);
        if status != StatusCode::OK || if_none_match.is_some() {
            // A not-found page is never "not modified", nor a range of itself; and
            // If-None-Match, when sent, decides alone (RFC 9110, 13.2.2).
            for name in [
                header::IF_MODIFIED_SINCE,
                header::IF_UNMODIFIED_SINCE,
                header::RANGE,
                header::IF_RANGE,
            ] {
                headers.remove(name);
            }
        }
        let mut inner = Request::new(Body::empty());
        *inner.method_mut() = parts.method;
        *inner.uri_mut() = parts.uri;
        *inner.headers_mut() = headers;
        let served = ServeFile::new(file)
            .precompressed_gzip()
            .precompressed_br()
            .oneshot(inner)
            .await;
        let mut response = match served {
            Ok(response) => response.map(Body::new),
            Err(never) => match never {},
        };
        let name = file.to_string_lossy();
        let headers = response.headers_mut();
        if let Some(media) = rules::content_type(&name) {
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(media));
        }
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(rules::cache_control(&name)),
        );
        if rules::ENCODINGS
            .iter()
            .any(|(_, twin)| is_file(&with_extension(file, twin)))
        {
            headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
        if response.status() == StatusCode::OK {
            let sent = match response.headers().get(header::CONTENT_ENCODING) {
                Some(encoding) => rules::ENCODINGS
                    .iter()
                    .find(|(e, _)| encoding == e)
                    .map_or(file.to_path_buf(), |(_, twin)| with_extension(file, twin)),
                None => file.to_path_buf(),
            };
            if let Some(etag) = etag(&sent) {
                if if_none_match.is_some_and(|wanted| matches(&wanted, &etag)) {
                    let (mut parts, _) = response.into_parts();
                    parts.status = StatusCode::NOT_MODIFIED;
                    for name in [header::CONTENT_LENGTH, header::ACCEPT_RANGES] {
                        parts.headers.remove(name);
                    }
                    response = Response::from_parts(parts, Body::empty());
                }
                response.headers_mut().insert(header::ETAG, etag);
            }
            *response.status_mut() = if response.status() == StatusCode::OK {
                status
            } else {
                response.status()
            };
        }
        response
    }

    /// The headers of every response (`path`: the request's).
    fn add_headers(&self, path: &str, response: &mut Response) {
        let headers = response.headers_mut();
        for (name, value) in self.build_headers() {
            headers.insert(name, value);
        }
        if self.rules.is_studio(path) {
            headers.append(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(rules::FRAME_ANCESTORS),
            );
        }
        if !headers.contains_key(header::CACHE_CONTROL) {
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static(rules::REVALIDATE),
            );
        }
    }
}

/// Every path but oEmbed's: the site's files.
pub async fn files(State(state): State<AppState>, request: Request) -> Response {
    let site = state.site.load_full();
    let site = &site;
    let path = request.uri().path().to_string();
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        let mut response = (StatusCode::METHOD_NOT_ALLOWED, "").into_response();
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        site.add_headers(&path, &mut response);
        return response;
    }
    // On a build that never changes, an answer given before is given again as it was.
    let remembered = site.by_path.as_ref().and_then(|answers| {
        let key = PathKey {
            path: path.clone(),
            asked: Asked::of(&request)?,
        };
        Some((answers, key))
    });
    if let Some(kept) = remembered.as_ref().and_then(|(a, key)| a.get(key)) {
        return kept.response();
    }
    let decoded = percent_decode_str(&path).decode_utf8().ok();
    let rel = decoded.as_deref().and_then(|p| site.relative(p));
    let file = rel.and_then(|rel| site.resolve(rel));
    let rel = rel.unwrap_or("/").to_string();
    // Only paths of files are remembered: there are as many as the build has files,
    // where made-up paths are endless (their not-found page is kept by file instead).
    let found = file.is_some();
    let response = site.answer(file, &rel, request).await;
    let Some((answers, key)) = remembered.filter(|_| found) else {
        return response;
    };
    match Kept::of(response).await {
        Ok(kept) => {
            let response = kept.response();
            answers.insert(key, kept);
            response
        }
        Err(response) => response,
    }
}

/// `<base>oembed?url=<address>`: the response the build wrote for the page at that
/// address, or the site's not-found page.
pub async fn oembed(State(state): State<AppState>, request: Request) -> Response {
    let site = state.site.load_full();
    let site = &site;
    let address = request
        .uri()
        .query()
        .unwrap_or("")
        .split('&')
        .find_map(|pair| pair.strip_prefix("url="));
    let file = address
        .and_then(|a| site.rules.oembed_folder(a))
        .map(|folder| site.dir.join(folder).join(rules::OEMBED_FILE))
        .and_then(|file| file_stamp(&file).map(|stamp| (file, stamp)));
    let rel = format!("/{}", rules::OEMBED);
    site.answer(file, &rel, request).await
}

fn is_file(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file())
}

/// A file's version: its modification time and length.
type Stamp = (SystemTime, u64);

/// The version of `path` when it is a file (one `stat`).
fn file_stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok().filter(|m| m.is_file())?;
    Some((meta.modified().ok()?, meta.len()))
}

/// `file` with `.extension` added (its compressed twin).
fn with_extension(file: &Path, extension: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(extension);
    PathBuf::from(name)
}

/// The modification time and length of `file`: what tells one version of it from
/// another.
fn stamp(file: &Path) -> std::io::Result<(SystemTime, u64)> {
    let meta = std::fs::metadata(file)?;
    Ok((meta.modified()?, meta.len()))
}

/// The entity tag of the bytes in `file` (as nginx makes it, but to the nanosecond):
/// its length and modification time.
fn etag(file: &Path) -> Option<HeaderValue> {
    let (modified, len) = stamp(file).ok()?;
    let nanos = modified.duration_since(UNIX_EPOCH).ok()?.as_nanos();
    HeaderValue::try_from(format!("\"{nanos:x}-{len:x}\"")).ok()
}

/// Whether an `If-None-Match` value names `etag` (or is `*`).
fn matches(wanted: &HeaderValue, etag: &HeaderValue) -> bool {
    let Ok(wanted) = wanted.to_str() else {
        return false;
    };
    let etag = etag.to_str().unwrap_or("");
    wanted
        .split(',')
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == "*" || t == etag)
}
