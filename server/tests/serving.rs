//! koers-server against the serving rules, on a small site of the shape a build writes
//! (a made-up organisation, `voorbeeld`): through the router, and the binary itself
//! over a real socket.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use axum::Router;
use koers_serving as rules;
use tempfile::TempDir;
use tower::ServiceExt as _;

/// The build's policy (without `frame-ancestors`, which the headers add).
const CSP: &str = "default-src 'self'; script-src 'self' 'sha256-Zm9v' 'wasm-unsafe-eval'";
const APP: &str = "koers-0123456789abcdef.js";
const ACCENT: &str = "voorbeeld/accent-0123456789abcdef.css";

/// A built site served under `base`: every file a page or asset's own marker text, and
/// its compressed twins (where the build writes them) marked too, so that a test sees
/// which file answered.
fn site(base: &str) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let put = |file: &str, body: &str| {
        let path = dir.path().join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, body).unwrap();
    };
    let with_twins = |file: &str, body: &str| {
        put(file, body);
        put(&format!("{file}.gz"), &format!("{body} (gzip)"));
        put(&format!("{file}.br"), &format!("{body} (brotli)"));
    };
    with_twins("index.html", "home");
    with_twins("404.html", "site not found");
    with_twins("sw.js", "worker");
    with_twins(APP, "app");
    with_twins(ACCENT, "accent");
    with_twins("voorbeeld/index.html", "voorbeeld start");
    with_twins("voorbeeld/404.html", "voorbeeld not found");
    with_twins("voorbeeld/missie/index.html", "voorbeeld missie");
    with_twins("voorbeeld/manifest.webmanifest", "manifest");
    with_twins("voorbeeld/oembed.json", r#"{"title":"start"}"#);
    with_twins("voorbeeld/missie/oembed.json", r#"{"title":"missie"}"#);
    with_twins("redactie/index.html", "studio");
    put("robots.txt", "robots");
    let headers = rules::headers_file(CSP, base, &[APP.to_string(), ACCENT.to_string()]);
    with_twins("_headers", &headers);
    with_twins("nginx-headers.conf", &rules::nginx_headers(CSP));
    with_twins("routes.json", "{}");
    dir
}

/// [`site`] for `base`, and the router that serves it there.
fn served(base: &str) -> (TempDir, Router) {
    let dir = site(base);
    let config = koers_server::Config::new(dir.path(), base).unwrap();
    (dir, koers_server::router(config).unwrap())
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Answer {
    /// Every value of the header `name`.
    fn all(&self, name: &str) -> Vec<&str> {
        self.headers
            .get_all(name)
            .iter()
            .map(|v| v.to_str().unwrap())
            .collect()
    }

    /// The status and the body, to compare at once.
    fn said(&self) -> (StatusCode, &str) {
        (self.status, self.body.as_str())
    }

    /// The one value of `name`, or "" without one.
    fn one(&self, name: &str) -> &str {
        let all = self.all(name);
        assert!(all.len() <= 1, "{name}: {all:?}");
        all.first().copied().unwrap_or("")
    }
}

async fn ask(router: &Router, method: &str, path: &str, headers: &[(&str, &str)]) -> Answer {
    let mut request = Request::builder().method(method).uri(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = router
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    Answer {
        status,
        headers,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

async fn get(router: &Router, path: &str) -> Answer {
    ask(router, "GET", path, &[]).await
}

/// `r`, the answer to `path`, is the HTML page `body` with `status`, under the
/// build's security policy.
fn is_page(r: &Answer, path: &str, status: StatusCode, body: &str) {
    assert_eq!(r.said(), (status, body), "{path}");
    assert_eq!(r.one("content-type"), "text/html", "{path}");
    assert_eq!(
        r.all("content-security-policy"),
        [rules::header_policy(CSP)],
        "{path}"
    );
}

#[tokio::test]
async fn every_route_gets_its_page_with_the_security_headers_and_no_server_version() {
    let (_dir, router) = served("/");
    const OK: StatusCode = StatusCode::OK;
    // An unknown path gets its organisation's not-found page, or the site's.
    const MISSING: StatusCode = StatusCode::NOT_FOUND;
    for (path, status, body) in [
        ("/", OK, "home"),
        ("/voorbeeld", OK, "voorbeeld start"),
        ("/voorbeeld/", OK, "voorbeeld start"),
        ("/voorbeeld/missie", OK, "voorbeeld missie"),
        ("/voorbeeld/missie/", OK, "voorbeeld missie"),
        ("/voorbeeld/index.html", OK, "voorbeeld start"),
        ("/voorbeeld/nergens", MISSING, "voorbeeld not found"),
        ("/voorbeeld/missie/nergens", MISSING, "voorbeeld not found"),
        ("/voorbeeld/nergens.js", MISSING, "voorbeeld not found"),
        ("/voorbeeld/_headers", MISSING, "voorbeeld not found"),
        ("/nergens", MISSING, "site not found"),
        ("/onbekend/nergens", MISSING, "site not found"),
        ("/../../etc/passwd", MISSING, "site not found"),
        ("/%2e%2e/Cargo.toml", MISSING, "site not found"),
    ] {
        let r = get(&router, path).await;
        is_page(&r, path, status, body);
        assert_eq!(r.one("referrer-policy"), rules::REFERRER_POLICY);
        assert_eq!(r.one("x-content-type-options"), "nosniff");
        assert_eq!(r.one("permissions-policy"), rules::PERMISSIONS);
        assert!(r.all("server").is_empty(), "{path}: {:?}", r.all("server"));
    }
    let head = ask(&router, "HEAD", "/voorbeeld", &[]).await;
    assert_eq!(head.said(), (StatusCode::OK, ""));
    assert_eq!(head.one("content-type"), "text/html");
    let post = ask(&router, "POST", "/", &[]).await;
    assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(post.one("allow"), "GET, HEAD");
    assert_eq!(post.all("content-security-policy").len(), 1);
}

#[tokio::test]
async fn hashed_files_are_kept_for_a_year_and_every_other_file_is_revalidated() {
    let (_dir, router) = served("/");
    for (path, cache, media) in [
        (format!("/{APP}"), rules::IMMUTABLE, "text/javascript"),
        (format!("/{ACCENT}"), rules::IMMUTABLE, "text/css"),
        ("/sw.js".into(), rules::REVALIDATE, "text/javascript"),
        ("/".into(), rules::REVALIDATE, "text/html"),
        (
            "/voorbeeld/manifest.webmanifest".into(),
            rules::REVALIDATE,
            "application/manifest+json",
        ),
        ("/robots.txt".into(), rules::REVALIDATE, "text/plain"),
        ("/voorbeeld/nergens".into(), rules::REVALIDATE, "text/html"),
    ] {
        let r = get(&router, &path).await;
        assert_eq!(r.one("cache-control"), cache, "{path}");
        assert_eq!(r.one("content-type"), media, "{path}");
    }
}

#[tokio::test]
async fn revalidating_an_unchanged_file_costs_a_304_and_a_changed_one_is_sent() {
    let (dir, router) = served("/");
    for encoding in ["", "br", "gzip"] {
        let accept = [("accept-encoding", encoding)];
        let first = ask(&router, "GET", "/sw.js", &accept).await;
        let etag = first.one("etag").to_string();
        let modified = first.one("last-modified").to_string();
        assert!(etag.starts_with('"') && etag.len() > 2, "{etag}");
        assert!(!modified.is_empty());
        for condition in [
            ("if-none-match", etag.as_str()),
            ("if-modified-since", &modified),
        ] {
            let again = ask(&router, "GET", "/sw.js", &[accept[0], condition]).await;
            assert_eq!(
                again.status,
                StatusCode::NOT_MODIFIED,
                "{encoding} {condition:?}"
            );
            assert_eq!(again.body, "");
            assert_eq!(again.one("cache-control"), rules::REVALIDATE);
            assert_eq!(again.one("vary"), "accept-encoding");
            assert_eq!(again.all("content-security-policy").len(), 1);
        }
        let other = ask(
            &router,
            "GET",
            "/sw.js",
            &[accept[0], ("if-none-match", "\"x\"")],
        )
        .await;
        assert_eq!(other.status, StatusCode::OK);
    }
    // A new deployment: the file and its twins change.
    let first = get(&router, "/sw.js").await;
    for twin in ["", ".gz", ".br"] {
        std::fs::write(dir.path().join(format!("sw.js{twin}")), "a new worker").unwrap();
    }
    let r = ask(
        &router,
        "GET",
        "/sw.js",
        &[("if-none-match", first.one("etag"))],
    )
    .await;
    assert_eq!(r.said(), (StatusCode::OK, "a new worker"));
    assert_ne!(r.one("etag"), first.one("etag"));
    // A not-found page is never "not modified".
    let missing = get(&router, "/voorbeeld/nergens").await;
    let r = ask(
        &router,
        "GET",
        "/voorbeeld/nergens",
        &[
            ("if-none-match", missing.one("etag")),
            ("if-modified-since", missing.one("last-modified")),
        ],
    )
    .await;
    assert_eq!(r.said(), (StatusCode::NOT_FOUND, "voorbeeld not found"));
}

#[tokio::test]
async fn an_answer_is_sent_again_from_memory_until_its_file_changes() {
    let (dir, router) = served("/");
    let file = dir.path().join("sw.js.br");
    let accept = [("accept-encoding", "br")];
    let first = ask(&router, "GET", "/sw.js", &accept).await;
    assert_eq!(first.said(), (StatusCode::OK, "worker (brotli)"));
    // The same bytes' length and modification time, other bytes: the server does not
    // read the file again, it sends the answer it keeps.
    let modified = std::fs::metadata(&file).unwrap().modified().unwrap();
    std::fs::write(&file, "WORKER (BROTLI)").unwrap();
    let handle = std::fs::File::options().write(true).open(&file).unwrap();
    handle.set_modified(modified).unwrap();
    let again = ask(&router, "GET", "/sw.js", &accept).await;
    assert_eq!(again.said(), first.said());
    assert_eq!(again.headers, first.headers);
    // The answer is per request: another encoding asked is another answer.
    let plain = get(&router, "/sw.js").await;
    assert_eq!(plain.said(), (StatusCode::OK, "worker"));
    // A deployment writes the file anew (another time): it is read again.
    let served_file = dir.path().join("sw.js");
    std::fs::write(&served_file, "new worker").unwrap();
    assert_eq!(
        get(&router, "/sw.js").await.said(),
        (StatusCode::OK, "new worker")
    );
    // A range is never kept: it is cut from the file each time.
    let range = ask(&router, "GET", "/sw.js", &[("range", "bytes=0-2")]).await;
    assert_eq!(range.said(), (StatusCode::PARTIAL_CONTENT, "new"));
    let range = ask(&router, "GET", "/sw.js", &[("range", "bytes=4-9")]).await;
    assert_eq!(range.said(), (StatusCode::PARTIAL_CONTENT, "worker"));
}

#[tokio::test]
async fn a_build_that_never_changes_is_answered_the_same_and_then_from_memory_by_path() {
    for base in ["/", "/koers/"] {
        let dir = site(base);
        let config = || koers_server::Config::new(dir.path(), base).unwrap();
        let checking = koers_server::router(config()).unwrap();
        let fixed = koers_server::router(koers_server::Config {
            fixed: true,
            ..config()
        })
        .unwrap();
        let paths = [
            String::new(),
            "voorbeeld/missie/".into(),
            "voorbeeld/missie".into(),
            "voorbeeld/nergens".into(),
            "nergens".into(),
            APP.into(),
            "sw.js".into(),
            "_headers".into(),
            "redactie/".into(),
            "robots.txt".into(),
        ];
        for path in paths.iter().map(|p| format!("{base}{p}")) {
            for method in ["GET", "HEAD"] {
                for accept in ["", "gzip", "br"] {
                    let asked = [("accept-encoding", accept)];
                    let first = ask(&checking, method, &path, &asked).await;
                    for _ in 0..2 {
                        let again = ask(&fixed, method, &path, &asked).await;
                        assert_eq!(again.said(), first.said(), "{method} {path} {accept}");
                        assert_eq!(again.headers, first.headers, "{method} {path} {accept}");
                    }
                    let etag = first.one("etag");
                    let asked = [("accept-encoding", accept), ("if-none-match", etag)];
                    let revalidated = ask(&checking, method, &path, &asked).await;
                    let again = ask(&fixed, method, &path, &asked).await;
                    assert_eq!(again.said(), revalidated.said(), "{path} {etag}");
                    assert_eq!(again.headers, revalidated.headers, "{path} {etag}");
                    if first.status == StatusCode::OK {
                        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{path}");
                    }
                }
            }
        }
        // A range is cut from the file, never remembered.
        let range = ask(
            &fixed,
            "GET",
            &format!("{base}sw.js"),
            &[("range", "bytes=0-2")],
        )
        .await;
        assert_eq!(range.said(), (StatusCode::PARTIAL_CONTENT, "wor"));
        // The fixed server does not look at the disk again for a path it answered; the
        // checking one sees the file written anew.
        let path = format!("{base}sw.js");
        assert_eq!(get(&fixed, &path).await.said(), (StatusCode::OK, "worker"));
        std::fs::write(dir.path().join("sw.js"), "new worker").unwrap();
        assert_eq!(get(&fixed, &path).await.said(), (StatusCode::OK, "worker"));
        assert_eq!(
            get(&checking, &path).await.said(),
            (StatusCode::OK, "new worker")
        );
    }
}

#[tokio::test]
async fn precompressed_twins_by_accept_encoding_and_vary_on_every_file_that_has_them() {
    let (_dir, router) = served("/");
    for (path, body) in [("/", "home"), (&format!("/{APP}") as &str, "app")] {
        for (accept, encoding, sent) in [
            ("", "", body.to_string()),
            ("gzip", "gzip", format!("{body} (gzip)")),
            ("br", "br", format!("{body} (brotli)")),
            ("gzip, deflate, br", "br", format!("{body} (brotli)")),
            ("br;q=0.5, gzip", "gzip", format!("{body} (gzip)")),
            ("identity", "", body.to_string()),
        ] {
            let r = ask(&router, "GET", path, &[("accept-encoding", accept)]).await;
            assert_eq!(r.status, StatusCode::OK, "{path} {accept}");
            assert_eq!(r.body, sent, "{path} {accept}");
            assert_eq!(r.one("content-encoding"), encoding, "{path} {accept}");
            assert_eq!(r.one("vary"), "accept-encoding", "{path} {accept}");
        }
    }
    let plain = ask(&router, "GET", "/robots.txt", &[("accept-encoding", "br")]).await;
    assert_eq!((plain.body.as_str(), plain.one("vary")), ("robots", ""));
}

#[tokio::test]
async fn the_files_for_the_host_are_never_served_nor_their_twins() {
    let (dir, router) = served("/");
    for file in rules::HOST_FILES {
        assert!(dir.path().join(file).is_file());
        for path in [
            format!("/{file}"),
            format!("/{file}.gz"),
            format!("/{file}.br"),
            format!("/voorbeeld/../{file}"),
            format!("/%5F{}", &file[1..]),
        ] {
            for accept in ["", "gzip, br"] {
                let r = ask(&router, "GET", &path, &[("accept-encoding", accept)]).await;
                assert_eq!(r.status, StatusCode::NOT_FOUND, "{path} {accept}");
                assert!(r.body.contains(" not found"), "{path}: {}", r.body);
            }
        }
    }
}

#[tokio::test]
async fn a_not_found_page_comes_compressed_too() {
    let (_dir, router) = served("/");
    let compressed = ask(
        &router,
        "GET",
        "/voorbeeld/nergens",
        &[("accept-encoding", "br")],
    )
    .await;
    assert_eq!(
        compressed.said(),
        (StatusCode::NOT_FOUND, "voorbeeld not found (brotli)")
    );
}

#[tokio::test]
async fn the_studio_gets_a_second_policy_that_no_deployers_origin_loosens() {
    let (dir, router) = served("/");
    for path in [
        "/redactie",
        "/redactie/",
        "/redactie/index.html",
        "/redactie/nergens",
    ] {
        let r = get(&router, path).await;
        assert_eq!(
            r.all("content-security-policy"),
            [
                rules::header_policy(CSP),
                rules::FRAME_ANCESTORS.to_string()
            ],
            "{path}"
        );
    }
    // A deployer lets a municipality's website embed Koers, as the README says: the
    // server reads the edited file, and the studio still refuses that website.
    let file = dir.path().join("_headers");
    let built = std::fs::read_to_string(&file).unwrap();
    let origin = "https://www.uwgemeente.be";
    let edited = built.replacen(
        &format!("{}\n", rules::FRAME_ANCESTORS),
        &format!("{} {origin}\n", rules::FRAME_ANCESTORS),
        1,
    );
    assert_ne!(edited, built);
    std::fs::write(&file, edited).unwrap();
    let page = get(&router, "/voorbeeld").await;
    assert_eq!(
        page.all("content-security-policy"),
        [format!("{} {origin}", rules::header_policy(CSP))]
    );
    let studio = get(&router, "/redactie/").await;
    assert_eq!(
        studio.all("content-security-policy")[1],
        rules::FRAME_ANCESTORS
    );
}

#[tokio::test]
async fn a_site_built_for_a_sub_path_is_served_there_only() {
    let (dir, router) = served("/koers/");
    for base in ["koers", "/koers", "koers/", "/koers/"] {
        let config = koers_server::Config::new(dir.path(), base).unwrap();
        assert_eq!(config.base, "/koers/", "{base}");
    }
    for (path, status, body) in [
        ("/koers/", StatusCode::OK, "home"),
        ("/koers", StatusCode::OK, "home"),
        (
            "/koers/voorbeeld/missie",
            StatusCode::OK,
            "voorbeeld missie",
        ),
        (
            "/koers/voorbeeld/nergens",
            StatusCode::NOT_FOUND,
            "voorbeeld not found",
        ),
        ("/koers/_headers", StatusCode::NOT_FOUND, "site not found"),
        ("/", StatusCode::NOT_FOUND, "site not found"),
        ("/voorbeeld/", StatusCode::NOT_FOUND, "site not found"),
        ("/koersen/", StatusCode::NOT_FOUND, "site not found"),
    ] {
        let r = get(&router, path).await;
        assert_eq!(r.said(), (status, body), "{path}");
    }
    let app = get(&router, &format!("/koers/{APP}")).await;
    assert_eq!(app.one("cache-control"), rules::IMMUTABLE);
    assert_eq!(
        get(&router, "/koers/redactie/")
            .await
            .all("content-security-policy")
            .len(),
        2
    );
    let oembed = get(
        &router,
        "/koers/oembed?url=https%3A%2F%2Fkoers.example.be%2Fkoers%2Fvoorbeeld%2Fmissie",
    )
    .await;
    assert_eq!(oembed.said(), (StatusCode::OK, r#"{"title":"missie"}"#));
    assert_eq!(
        get(
            &router,
            "/oembed?url=https://koers.example.be/koers/voorbeeld"
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn oembed_answers_for_the_address_of_a_page_encoded_or_not() {
    let (_dir, router) = served("/");
    let site = "http://127.0.0.1:8080";
    for (page, response) in [
        ("/voorbeeld/missie", r#"{"title":"missie"}"#),
        ("/voorbeeld", r#"{"title":"start"}"#),
    ] {
        let address = format!("{site}{page}");
        let encoded = address.replace(':', "%3A").replace('/', "%2F");
        for asked in [
            address.clone(),
            encoded.clone(),
            format!("{address}/"),
            format!("{encoded}%2F"),
            format!("{address}&maxwidth=600&format=json"),
            address
                .to_uppercase()
                .replace("VOORBEELD", "voorbeeld")
                .replace("MISSIE", "missie"),
        ] {
            let r = get(&router, &format!("/oembed?maxheight=10&url={asked}")).await;
            assert_eq!(r.said(), (StatusCode::OK, response), "{asked}");
            assert_eq!(r.one("content-type"), "application/json");
            assert_eq!(r.one("cache-control"), rules::REVALIDATE);
        }
    }
    for asked in [
        "",
        "nonsense",
        "http%3A%2F%2F127.0.0.1%3A8080%2F",
        "http%3A%2F%2F127.0.0.1%3A8080%2Fvoorbeeld%2Fvisie",
        "http://127.0.0.1:8080/voorbeeld/missie/extra",
        "http://127.0.0.1:8080/voorbeeld/../_headers",
        "javascript%3Aalert(1)",
    ] {
        let r = get(&router, &format!("/oembed?url={asked}")).await;
        assert_eq!(
            r.said(),
            (StatusCode::NOT_FOUND, "site not found"),
            "{asked}"
        );
    }
    assert_eq!(get(&router, "/oembed").await.status, StatusCode::NOT_FOUND);
}

/// The binary, serving `dir` on a free port of 127.0.0.1; killed when dropped.
struct Server {
    child: Child,
    addr: String,
    /// What it prints after its address.
    out: BufReader<ChildStdout>,
}

impl Server {
    fn start(dir: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_koers-server"))
            .args(["serve", "--log-requests", "--port", "0", "--dir"])
            .arg(dir)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        out.read_line(&mut line).unwrap();
        let addr = line
            .trim()
            .strip_prefix("koers-server: listening on http://")
            .and_then(|rest| rest.strip_suffix('/'))
            .unwrap_or_else(|| panic!("the address on its first line: {line}"))
            .to_string();
        Server { child, addr, out }
    }

    /// The next line it printed.
    fn line(&mut self) -> String {
        let mut line = String::new();
        self.out.read_line(&mut line).unwrap();
        line.trim_end().to_string()
    }

    /// The raw HTTP/1.1 response to a GET of `path` with the extra header lines
    /// `headers`.
    fn get(&self, path: &str, headers: &str) -> String {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {}\r\n{headers}Connection: close\r\n\r\n",
            self.addr
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_binary_serves_on_the_loopback_over_a_real_socket() {
    let dir = site("/");
    let mut server = Server::start(dir.path());
    assert!(server.addr.starts_with("127.0.0.1:"), "{}", server.addr);
    let page = server.get("/voorbeeld/missie", "Accept-Encoding: gzip, br\r\n");
    let (head, body) = page.split_once("\r\n\r\n").unwrap();
    let head = head.to_ascii_lowercase();
    assert!(head.starts_with("http/1.1 200 ok\r\n"), "{head}");
    assert_eq!(body, "voorbeeld missie (brotli)");
    for line in [
        "content-encoding: br",
        "vary: accept-encoding",
        "cache-control: no-cache",
        "x-content-type-options: nosniff",
    ] {
        assert!(head.contains(&format!("\r\n{line}\r\n")), "{line}: {head}");
    }
    assert!(!head.contains("\r\nserver:"), "{head}");
    let missing = server.get("/voorbeeld/nergens", "");
    assert!(
        missing.starts_with("HTTP/1.1 404 Not Found\r\n"),
        "{missing}"
    );
    assert!(
        missing.ends_with("\r\n\r\nvoorbeeld not found"),
        "{missing}"
    );
    assert!(server.get("/_headers.br", "").starts_with("HTTP/1.1 404 "));
    // Each request logged, as the end-to-end tests count them.
    let logged: Vec<String> = (0..3).map(|_| server.line()).collect();
    assert_eq!(
        logged,
        [
            "200 GET /voorbeeld/missie",
            "404 GET /voorbeeld/nergens",
            "404 GET /_headers.br"
        ]
    );
}

#[test]
fn a_folder_without_the_builds_headers_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "home").unwrap();
    let config = koers_server::Config::new(dir.path(), "/").unwrap();
    let Err(refused) = koers_server::router(config) else {
        panic!("a folder without _headers is served");
    };
    assert!(
        format!("{refused:#}").contains("has no _headers"),
        "{refused:#}"
    );
}

#[tokio::test]
async fn made_up_paths_do_not_fill_the_memory_of_a_build_that_never_changes() {
    let dir = site("/");
    let state = koers_server::AppState::new(koers_server::Config {
        fixed: true,
        ..koers_server::Config::new(dir.path(), "/").unwrap()
    })
    .unwrap();
    let router = koers_server::router_for(state.clone());
    for path in ["/", "/voorbeeld/missie/"] {
        assert_eq!(ask(&router, "GET", path, &[]).await.status, StatusCode::OK);
    }
    let kept = state.remembered_paths();
    assert!(kept >= 2, "the files' answers are kept: {kept}");
    for i in 0..200 {
        for path in [
            format!("/voorbeeld/verzonnen-{i}"),
            format!("/verzonnen-{i}"),
        ] {
            let answer = ask(&router, "GET", &path, &[]).await;
            assert_eq!(answer.status, StatusCode::NOT_FOUND, "{path}");
            assert!(answer.body.contains("not found"), "{path}: {}", answer.body);
        }
    }
    assert_eq!(
        state.remembered_paths(),
        kept,
        "no answer kept per made-up path"
    );
}
