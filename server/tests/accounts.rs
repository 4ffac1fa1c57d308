//! Editors' accounts through the router (tower's `oneshot`), and the host's commands
//! through the binary, on real files in temporary folders: invites, sessions, the CSRF
//! token, the rate limit, revoking, and the organisation check. The organisations are
//! made up (`voorbeeld`, `elders`). A passkey's own ceremony is tested in the browser
//! (Chromium's virtual authenticator); here sessions start by
//! `Auth::start_session_for_tests`.

use std::net::SocketAddr;
use std::path::Path;
use std::process::Command;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Request, StatusCode};
use axum::routing::get;
use axum::Router;
use chrono::{Duration, Utc};
use koers_server::accounts::{self, Accounts, IndexEntry};
use koers_server::auth::{ApiError, Editor, UrlPath};
use koers_server::{AppState, Config};
use serde_json::Value;
use tempfile::TempDir;
use tower::ServiceExt as _;

const CSP: &str = "default-src 'self'";

/// A server's folders: a built site (only what the router needs) and a data folder
/// with a content repository of two made-up organisations.
struct Folders {
    site: TempDir,
    data: TempDir,
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.invalid",
        ])
        .args(args)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

const INDEX: &str = r#"{"organisations": [
  {"slug": "voorbeeld", "name": "Gemeente Voorbeeld"},
  {"slug": "elders", "name": "OCMW Elders"}
]}"#;

fn folders(base: &str) -> Folders {
    let site = tempfile::tempdir().unwrap();
    std::fs::write(
        site.path().join("_headers"),
        koers_serving::headers_file(CSP, base, &[]),
    )
    .unwrap();
    std::fs::write(site.path().join("index.html"), "home").unwrap();
    let data = tempfile::tempdir().unwrap();
    let repo = data.path().join("repo");
    std::fs::create_dir_all(repo.join("public/content")).unwrap();
    std::fs::write(repo.join("public/content/index.json"), INDEX).unwrap();
    git(&repo, &["init", "--quiet", "--initial-branch=main"]);
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "--quiet", "-m", "Inhoud overgenomen"]);
    Folders { site, data }
}

/// The organisations of the content, as `invite` reads them.
fn known() -> Vec<IndexEntry> {
    serde_json::from_str::<koers_content::ContentIndex>(INDEX)
        .unwrap()
        .organisations
}

/// The server's state and router for `folders`, under `base`.
fn server(folders: &Folders, base: &str, attempts: u32) -> (AppState, Router) {
    let mut config = Config::new(folders.site.path(), base)
        .unwrap()
        .with_data(folders.data.path(), None);
    config.attempts_per_minute = attempts;
    let state = AppState::new(config).unwrap();
    (state.clone(), koers_server::router_for(state))
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    json: Value,
}

impl Answer {
    fn melding(&self) -> &str {
        self.json["melding"].as_str().unwrap_or_default()
    }

    fn cookies(&self) -> Vec<&str> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap())
            .collect()
    }
}

async fn ask(
    router: &Router,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<Value>,
    from: Option<SocketAddr>,
) -> Answer {
    let mut request = Request::builder().method(method).uri(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    if body.is_some() {
        request = request.header("content-type", "application/json");
    }
    let body = body.map_or(Body::empty(), |b| Body::from(b.to_string()));
    let mut request = request.body(body).unwrap();
    if let Some(addr) = from {
        request.extensions_mut().insert(ConnectInfo(addr));
    }
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    let json = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes)
            .unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(&bytes)))
    };
    Answer {
        status,
        headers,
        json,
    }
}

/// A GET with the session cookie `cookie`.
async fn get_with(router: &Router, path: &str, cookie: &str) -> Answer {
    ask(router, "GET", path, &[("cookie", cookie)], None, None).await
}

/// A POST of the JSON `body`, without a session.
async fn post(router: &Router, path: &str, body: Value) -> Answer {
    ask(router, "POST", path, &[], Some(body), None).await
}

/// The host's command `args … --data <data>`, a process of its own.
fn cli(args: &[&str], data: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_koers-server"))
        .args(args)
        .arg("--data")
        .arg(data)
        .output()
        .unwrap()
}

/// [`cli`], which must succeed: its standard output.
fn cli_ok(args: &[&str], data: &Path) -> String {
    let out = cli(args, data);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?}: {stderr}");
    String::from_utf8(out.stdout).unwrap()
}

/// An editor of `voorbeeld`, signed in: their id, the session cookie and CSRF token.
fn signed_in(state: &AppState, orgs: &[&str]) -> (String, String, String) {
    let auth = state.auth().unwrap();
    let orgs: Vec<String> = orgs.iter().map(|o| o.to_string()).collect();
    let editor = auth
        .accounts()
        .add_editor("Test Redacteur", &orgs, Vec::new(), Utc::now())
        .unwrap();
    let (token, csrf) = auth.start_session_for_tests(&editor.id);
    (editor.id, format!("koers_sessie={token}"), csrf)
}

#[tokio::test]
async fn without_a_data_folder_the_api_is_not_there() {
    let folders = folders("/");
    let config = Config::new(folders.site.path(), "/").unwrap();
    let router = koers_server::router(config).unwrap();
    for path in ["/api/sessie", "/api/aanmelden/begin", "/api/"] {
        let answer = ask(&router, "GET", path, &[], None, None).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{path}");
        assert!(!answer.melding().is_empty(), "{path}");
        assert_eq!(answer.headers["cache-control"], "no-store");
    }
    // The site itself is still served.
    let home = router
        .oneshot(Request::get("/").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(home.status(), StatusCode::OK);
}

#[tokio::test]
async fn an_invite_opens_a_registration_once_and_until_it_expires() {
    let folders = folders("/");
    let (state, router) = server(&folders, "/", 100);
    let accounts = state.auth().unwrap().accounts();
    let orgs = vec!["voorbeeld".to_string()];
    let token = accounts
        .invite(&orgs, "An Redacteur", &known(), Utc::now())
        .unwrap();
    let link = accounts::invite_link("http://localhost:8080/", &token);
    assert_eq!(
        link,
        format!("http://localhost:8080/redactie/?uitnodiging={token}")
    );
    assert_eq!(token.len(), 43, "32 bytes, base64url");
    assert!(token
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    // The file keeps the token's hash, not the token.
    let file = std::fs::read_to_string(folders.data.path().join("accounts.json")).unwrap();
    assert!(!file.contains(&token));
    assert!(file.contains(&accounts::token_hash(&token)));

    let begin = post(
        &router,
        "/api/registreren/begin",
        serde_json::json!({"uitnodiging": token}),
    )
    .await;
    assert_eq!(begin.status, StatusCode::OK, "{}", begin.json);
    assert_eq!(begin.json["naam"], "An Redacteur");
    let options = &begin.json["opties"]["publicKey"];
    assert_eq!(options["rp"]["id"], "localhost");
    assert_eq!(options["user"]["name"], "An Redacteur");
    assert!(options["challenge"].as_str().is_some_and(|c| c.len() >= 32));
    // Discoverable: signing in asks no user name.
    assert_eq!(options["authenticatorSelection"]["residentKey"], "required");
    assert_eq!(
        options["authenticatorSelection"]["requireResidentKey"],
        true
    );
    assert_eq!(begin.headers["cache-control"], "no-store");
    let cookies = begin.cookies();
    assert_eq!(cookies.len(), 1, "{cookies:?}");
    for part in [
        "koers_ceremonie=",
        "HttpOnly",
        "Secure",
        "SameSite=Strict",
        "Path=/api/",
        "Max-Age=300",
    ] {
        assert!(cookies[0].contains(part), "{part}: {}", cookies[0]);
    }

    // Unknown, used, expired.
    begin_refused(
        &router,
        "niet-bestaand",
        StatusCode::NOT_FOUND,
        "kennen we niet",
    )
    .await;
    let expired = accounts
        .invite(&orgs, "Oud", &known(), Utc::now() - Duration::days(8))
        .unwrap();
    begin_refused(&router, &expired, StatusCode::GONE, "verlopen").await;

    // Still valid 6 days later, not 7.
    let file = accounts.current();
    let invite = file.invite(&token).unwrap();
    assert_eq!(
        invite.state(Utc::now() + Duration::days(6)),
        accounts::InviteState::Valid
    );
    assert_eq!(
        invite.state(Utc::now() + Duration::days(7)),
        accounts::InviteState::Expired
    );

    let hash = accounts::token_hash(&token);
    accounts
        .update(|f| -> anyhow::Result<()> {
            f.invites
                .iter_mut()
                .find(|i| i.sha256 == hash)
                .unwrap()
                .used = Some(Utc::now());
            Ok(())
        })
        .unwrap();
    begin_refused(&router, &token, StatusCode::GONE, "al gebruikt").await;
}

/// A registration begun with `token` is refused with `status`, saying `words`.
async fn begin_refused(router: &Router, token: &str, status: StatusCode, words: &str) {
    let body = serde_json::json!({ "uitnodiging": token });
    let answer = post(router, "/api/registreren/begin", body).await;
    assert_eq!(answer.status, status, "{token}");
    assert!(answer.melding().contains(words), "{}", answer.melding());
}

#[tokio::test]
async fn a_registration_end_without_its_begin_is_refused() {
    let folders = folders("/");
    let (_state, router) = server(&folders, "/", 100);
    let answer = ask(
        &router,
        "POST",
        "/api/registreren/einde",
        &[("cookie", "koers_ceremonie=verzonnen")],
        Some(serde_json::json!({"uitnodiging": "x", "sleutel": {
            "id": "AA", "rawId": "AA", "type": "public-key",
            "response": {"attestationObject": "AA", "clientDataJSON": "AA"}
        }})),
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::BAD_REQUEST);
    assert!(!answer.melding().is_empty());
    // A body that is no such request: a Dutch message too.
    let answer = post(
        &router,
        "/api/aanmelden/einde",
        serde_json::json!({"iets": 1}),
    )
    .await;
    assert!(answer.status.is_client_error());
    assert!(answer.melding().contains("Herlaad"), "{}", answer.json);
}

#[tokio::test]
async fn sign_in_begins_without_a_user_name() {
    let folders = folders("/");
    let (_state, router) = server(&folders, "/", 100);
    let answer = post(&router, "/api/aanmelden/begin", serde_json::json!({})).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.json);
    let options = &answer.json["opties"]["publicKey"];
    assert_eq!(options["rpId"], "localhost");
    assert_eq!(options["userVerification"], "required");
    assert!(answer.json["opties"].get("mediation").is_none());
    assert!(options
        .get("allowCredentials")
        .is_none_or(|a| a.as_array().is_some_and(Vec::is_empty)));
    assert!(answer.cookies()[0].starts_with("koers_ceremonie="));
}

#[tokio::test]
async fn nothing_answers_without_a_session() {
    let folders = folders("/");
    let (_state, router) = server(&folders, "/", 100);
    for (method, path) in [
        ("GET", "/api/sessie"),
        ("POST", "/api/afmelden"),
        ("GET", "/api/organisaties/voorbeeld"),
        ("GET", "/api/iets"),
    ] {
        let answer = ask(&router, method, path, &[], None, None).await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "{method} {path}");
        assert!(
            answer.melding().starts_with("Meld je aan"),
            "{}",
            answer.json
        );
        assert_eq!(answer.headers["cache-control"], "no-store");
    }
    let answer = ask(
        &router,
        "GET",
        "/api/sessie",
        &[("cookie", "koers_sessie=verzonnen")],
        None,
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_session_names_the_editor_and_their_organisations() {
    let folders = folders("/koers/");
    let (state, router) = server(&folders, "/koers/", 100);
    state
        .auth()
        .unwrap()
        .accounts()
        .set_four_eyes("elders", true, &known())
        .unwrap();
    let (id, cookie, csrf) = signed_in(&state, &["voorbeeld", "elders"]);
    let answer = get_with(&router, "/koers/api/sessie", &cookie).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.json);
    assert_eq!(answer.headers["cache-control"], "no-store");
    assert_eq!(
        answer.json,
        serde_json::json!({
            "naam": "Test Redacteur",
            "id": id,
            "organisaties": [
                {"slug": "voorbeeld", "naam": "Gemeente Voorbeeld", "vierOgen": false},
                {"slug": "elders", "naam": "OCMW Elders", "vierOgen": true},
            ],
            "csrf": csrf,
        })
    );
    // An unknown path under the API, signed in: 404, JSON.
    let answer = get_with(&router, "/koers/api/iets", &cookie).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert!(!answer.melding().is_empty());
}

#[tokio::test]
async fn a_post_needs_the_sessions_csrf_token() {
    let folders = folders("/koers/");
    let (state, router) = server(&folders, "/koers/", 100);
    let (_id, cookie, csrf) = signed_in(&state, &["voorbeeld"]);
    let (_other, _other_cookie, other_csrf) = signed_in(&state, &["voorbeeld"]);
    for header in [None, Some(""), Some("verkeerd"), Some(other_csrf.as_str())] {
        let mut headers = vec![("cookie", cookie.as_str())];
        if let Some(token) = header {
            headers.push(("x-koers-csrf", token));
        }
        let answer = ask(&router, "POST", "/koers/api/afmelden", &headers, None, None).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{header:?}");
        assert!(!answer.melding().is_empty());
        assert_eq!(answer.headers["cache-control"], "no-store");
    }
    // Still signed in; then signed out with the right token.
    let answer = get_with(&router, "/koers/api/sessie", &cookie).await;
    assert_eq!(answer.status, StatusCode::OK);
    let answer = ask(
        &router,
        "POST",
        "/koers/api/afmelden",
        &[("cookie", &cookie), ("x-koers-csrf", &csrf)],
        None,
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT);
    let cleared = answer.cookies();
    assert_eq!(cleared.len(), 1);
    for part in [
        "koers_sessie=;",
        "HttpOnly",
        "Secure",
        "SameSite=Strict",
        "Path=/koers/",
        "Max-Age=0",
    ] {
        assert!(cleared[0].contains(part), "{part}: {}", cleared[0]);
    }
    let answer = get_with(&router, "/koers/api/sessie", &cookie).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn sign_in_and_registration_are_rate_limited_per_address() {
    let folders = folders("/");
    let (_state, router) = server(&folders, "/", 3);
    let one: SocketAddr = "192.0.2.1:50000".parse().unwrap();
    let other: SocketAddr = "192.0.2.2:50000".parse().unwrap();
    let begin = |from| {
        ask(
            &router,
            "POST",
            "/api/aanmelden/begin",
            &[],
            Some(serde_json::json!({})),
            Some(from),
        )
    };
    for _ in 0..3 {
        assert_eq!(begin(one).await.status, StatusCode::OK);
    }
    let refused = begin(one).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(!refused.melding().is_empty());
    let wait: u64 = refused.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    // Registration counts too; another address is not held up.
    let register = ask(
        &router,
        "POST",
        "/api/registreren/begin",
        &[],
        Some(serde_json::json!({"uitnodiging": "x"})),
        Some(one),
    )
    .await;
    assert_eq!(register.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(begin(other).await.status, StatusCode::OK);
}

#[tokio::test]
async fn behind_a_proxy_the_rate_limit_counts_the_client_the_proxy_names() {
    let folders = folders("/");
    let proxy: SocketAddr = "127.0.0.1:40000".parse().unwrap();
    let mut config = Config::new(folders.site.path(), "/")
        .unwrap()
        .with_data(folders.data.path(), None);
    config.attempts_per_minute = 2;
    config.proxies = vec![proxy.ip()];
    let router = koers_server::router(config).unwrap();
    let begin = |from, forwarded: &'static str| {
        let headers: &'static [(&'static str, &'static str)] = match forwarded {
            "" => &[],
            "203.0.113.1" => &[("x-forwarded-for", "203.0.113.1")],
            "203.0.113.2" => &[("x-forwarded-for", "203.0.113.2")],
            // A client's own X-Forwarded-For, before the address the proxy added.
            _ => &[("x-forwarded-for", "203.0.113.2, 203.0.113.1")],
        };
        ask(
            &router,
            "POST",
            "/api/aanmelden/begin",
            headers,
            Some(serde_json::json!({})),
            Some(from),
        )
    };
    assert_eq!(begin(proxy, "203.0.113.1").await.status, StatusCode::OK);
    assert_eq!(begin(proxy, "spoofed").await.status, StatusCode::OK);
    // Two from 203.0.113.1 (the second named last by the proxy): the third is refused.
    let refused = begin(proxy, "203.0.113.1").await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    // Another client behind the same proxy is not held up.
    assert_eq!(begin(proxy, "203.0.113.2").await.status, StatusCode::OK);
    // From anywhere else, X-Forwarded-For is not believed: the connection counts.
    let direct: SocketAddr = "192.0.2.9:50000".parse().unwrap();
    for _ in 0..2 {
        assert_eq!(begin(direct, "203.0.113.2").await.status, StatusCode::OK);
    }
    assert_eq!(
        begin(direct, "203.0.113.2").await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn a_revoked_editors_sessions_end_at_once() {
    let folders = folders("/");
    let (state, router) = server(&folders, "/", 100);
    let (id, cookie, _csrf) = signed_in(&state, &["voorbeeld"]);
    let (_kept, kept_cookie, _) = signed_in(&state, &["voorbeeld"]);
    let answer = get_with(&router, "/api/sessie", &cookie).await;
    assert_eq!(answer.status, StatusCode::OK);
    // The host's command, a process of its own, on the same file.
    cli_ok(&["revoke", &id], folders.data.path());
    let answer = get_with(&router, "/api/sessie", &cookie).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    let answer = get_with(&router, "/api/sessie", &kept_cookie).await;
    assert_eq!(answer.status, StatusCode::OK);
    // Revoking an unknown id fails and says so.
    let out = cli(&["revoke", &id], folders.data.path());
    assert!(!out.status.success());
}

#[tokio::test]
async fn a_session_ends_at_its_longest_however_busy() {
    let folders = folders("/");
    let mut config = Config::new(folders.site.path(), "/")
        .unwrap()
        .with_data(folders.data.path(), None);
    config.session_longest = std::time::Duration::from_millis(600);
    let state = AppState::new(config).unwrap();
    let router = koers_server::router_for(state.clone());
    let (_id, cookie, _csrf) = signed_in(&state, &["voorbeeld"]);
    // Used all the time, so never idle: it still ends.
    let started = std::time::Instant::now();
    let mut ended = None;
    while started.elapsed() < std::time::Duration::from_secs(10) {
        let answer = get_with(&router, "/api/sessie", &cookie).await;
        if answer.status == StatusCode::UNAUTHORIZED {
            ended = Some(started.elapsed());
            break;
        }
        assert_eq!(answer.status, StatusCode::OK);
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let ended = ended.expect("the session ended");
    assert!(
        ended >= std::time::Duration::from_millis(500),
        "not before its time: {ended:?}"
    );
    assert_eq!(
        koers_server::auth::SESSION_LONGEST,
        std::time::Duration::from_secs(7 * 24 * 60 * 60),
        "a week by default"
    );
}

/// A route of the kind publishing adds: the editor must have the organisation.
async fn organisation_route(
    editor: Editor,
    UrlPath(org): UrlPath<String>,
) -> Result<String, ApiError> {
    editor.require_organisation(&org)?;
    Ok(org)
}

#[tokio::test]
async fn an_editor_of_another_organisation_is_refused() {
    let folders = folders("/");
    let (state, _router) = server(&folders, "/", 100);
    let router = Router::new()
        .route("/org/{org}", get(organisation_route))
        .with_state(state.clone());
    let (_id, cookie, _) = signed_in(&state, &["voorbeeld"]);
    let mine = ask_text(&router, "/org/voorbeeld", &cookie).await;
    assert_eq!(mine, (StatusCode::OK, "voorbeeld".to_string()));
    let (status, body) = ask_text(&router, "/org/elders", &cookie).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        body["melding"],
        "Je bent geen redacteur van deze organisatie."
    );
    let (status, _) = ask_text(&router, "/org/voorbeeld", "koers_sessie=verzonnen").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn requests_the_api_cannot_read_are_answered_in_dutch() {
    let folders = folders("/");
    let (state, router) = server(&folders, "/", 100);
    let (_id, cookie, csrf) = signed_in(&state, &["voorbeeld"]);
    const UNREADABLE: &str =
        "Dit verzoek kon de server niet lezen. Herlaad de pagina en probeer opnieuw.";
    // A path whose parameter is no text.
    let paths = Router::new()
        .route("/org/{org}", get(organisation_route))
        .with_state(state.clone());
    let (status, body) = ask_text(&paths, "/org/%FF", &cookie).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["melding"], UNREADABLE);
    // A route of the API asked with another method.
    let answer = get_with(&router, "/api/afmelden", &cookie).await;
    assert_eq!(answer.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(answer.melding(), UNREADABLE);
    // A body over the limit says so.
    let signed = [("cookie", cookie.as_str()), ("x-koers-csrf", csrf.as_str())];
    let big = serde_json::json!({ "basis": "", "notitie": "x", "inhoud": "x".repeat(3 << 20) });
    let answer = ask(
        &router,
        "POST",
        "/api/organisaties/voorbeeld/publiceren",
        &signed,
        Some(big),
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        answer.melding().contains("te groot"),
        "{}",
        answer.melding()
    );
    // A body that is no JSON of the right shape.
    let answer = ask(
        &router,
        "POST",
        "/api/organisaties/voorbeeld/publiceren",
        &signed,
        Some(serde_json::json!({ "ander": 1 })),
        None,
    )
    .await;
    assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(answer.melding(), UNREADABLE);
}

async fn ask_text(router: &Router, path: &str, cookie: &str) -> (StatusCode, String) {
    let request = Request::get(path)
        .header("cookie", cookie)
        .body(Body::empty())
        .unwrap();
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

#[test]
fn the_hosts_commands() {
    let folders = folders("/");
    let data = folders.data.path();
    let stdout = cli_ok(
        &["invite", "voorbeeld", "elders", "--name", "An Redacteur"],
        data,
    );
    let last = stdout.lines().last().unwrap();
    let token = last
        .strip_prefix("http://localhost:8080/redactie/?uitnodiging=")
        .unwrap_or_else(|| panic!("the link alone on the last line: {stdout}"));
    let accounts = Accounts::open(data).unwrap();
    let file = accounts.current();
    let invite = file.invite(token).unwrap();
    assert_eq!(invite.name, "An Redacteur");
    assert_eq!(invite.organisations, ["voorbeeld", "elders"]);

    // Another public address; the organisations from an index file.
    let index = data.join("index.json");
    std::fs::write(&index, INDEX).unwrap();
    let stdout = cli_ok(
        &[
            "invite",
            "elders",
            "--name",
            "Bo",
            "--url",
            "https://koers.example.invalid/sub",
            "--organisations-from",
            index.to_str().unwrap(),
        ],
        data,
    );
    assert!(stdout
        .lines()
        .last()
        .unwrap()
        .starts_with("https://koers.example.invalid/sub/redactie/?uitnodiging="));

    // An organisation the content does not have is refused.
    let out = cli(&["invite", "nergens", "--name", "X"], data);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nergens"));

    // Four eyes.
    cli_ok(&["four-eyes", "elders", "on"], data);
    assert!(accounts.four_eyes("elders"));
    assert!(!accounts.four_eyes("voorbeeld"));
    cli_ok(&["four-eyes", "elders", "off"], data);
    assert!(!accounts.four_eyes("elders"));
    assert!(!cli(&["four-eyes", "nergens", "on"], data).status.success());

    // Editors.
    assert!(cli_ok(&["editors"], data).contains("No editors"));
    let editor = accounts
        .add_editor("Cas", &["voorbeeld".to_string()], Vec::new(), Utc::now())
        .unwrap();
    let listed = cli_ok(&["editors"], data);
    assert!(listed.contains(&editor.id), "{listed}");
    assert!(
        listed.contains("Cas\tvoorbeeld\t0 passkey(s)\tlast sign-in: never"),
        "{listed}"
    );
}

/// The cookie `name` an answer sets (with its attributes).
fn set_cookie<'a>(answer: &'a Answer, name: &str) -> &'a str {
    let prefix = format!("{name}=");
    let cookies = answer.cookies();
    cookies
        .iter()
        .find(|c| c.starts_with(&prefix))
        .copied()
        .unwrap_or_else(|| panic!("no {name} in {cookies:?}"))
}

/// [`set_cookie`] as a request sends it back.
fn cookie_of(answer: &Answer, name: &str) -> String {
    set_cookie(answer, name)
        .split(';')
        .next()
        .unwrap()
        .to_string()
}

/// A POST of the JSON `body` with the cookie `cookie`.
async fn post_with(router: &Router, path: &str, cookie: &str, body: Value) -> Answer {
    ask(
        router,
        "POST",
        path,
        &[("cookie", cookie)],
        Some(body),
        None,
    )
    .await
}

mod passkey {
    //! A software authenticator (webauthn-authenticator-rs) against the router. It keeps
    //! no discoverable credentials: the test asks it for an ordinary one, names it at
    //! sign-in, and gives the user handle back itself, as a discoverable passkey (a
    //! browser's) does. Everything the server checks — challenge, origin, relying
    //! party, signature, counter — is real.

    use super::*;
    use webauthn_authenticator_rs::prelude::{
        CreationChallengeResponse, RequestChallengeResponse, Url, WebauthnAuthenticator as _,
    };
    use webauthn_authenticator_rs::softpasskey::SoftPasskey;
    use webauthn_rs_proto::AllowCredentials;

    /// Registers `key`, made at `origin`, with the invite `token`: the answer to the end.
    pub async fn register(
        router: &Router,
        key: &mut SoftPasskey,
        origin: &str,
        token: &str,
    ) -> (Answer, Value) {
        let body = serde_json::json!({ "uitnodiging": token });
        let begin = post(router, "/api/registreren/begin", body).await;
        assert_eq!(begin.status, StatusCode::OK, "{}", begin.json);
        let mut options: CreationChallengeResponse =
            serde_json::from_value(begin.json["opties"].clone()).unwrap();
        let selection = options.public_key.authenticator_selection.as_mut().unwrap();
        selection.require_resident_key = false;
        let origin = Url::parse(origin).unwrap();
        let credential = key.do_registration(origin, options).unwrap();
        let ceremony = cookie_of(&begin, "koers_ceremonie");
        let body = serde_json::json!({ "uitnodiging": token, "sleutel": credential });
        let end = post_with(router, "/api/registreren/einde", &ceremony, body.clone()).await;
        (end, serde_json::json!({"cookie": ceremony, "body": body}))
    }

    /// Begins a sign-in and answers it with `key`'s credential `raw_id` for the editor
    /// `id`: the ceremony's cookie and the body of the end.
    pub async fn sign_in(
        router: &Router,
        key: &mut SoftPasskey,
        raw_id: &[u8],
        id: &str,
    ) -> (String, Value) {
        let begin = post(router, "/api/aanmelden/begin", serde_json::json!({})).await;
        assert_eq!(begin.status, StatusCode::OK, "{}", begin.json);
        let mut options: RequestChallengeResponse =
            serde_json::from_value(begin.json["opties"].clone()).unwrap();
        assert!(options.public_key.allow_credentials.is_empty());
        options.public_key.allow_credentials = vec![AllowCredentials {
            type_: "public-key".to_string(),
            id: raw_id.to_vec(),
            transports: None,
        }];
        let origin = Url::parse("http://localhost").unwrap();
        let mut assertion = key.do_authentication(origin, options).unwrap();
        let user = webauthn_rs::prelude::Uuid::parse_str(id).unwrap();
        assertion.response.user_handle = Some(user.as_bytes().to_vec());
        let ceremony = cookie_of(&begin, "koers_ceremonie");
        (ceremony, serde_json::json!({ "sleutel": assertion }))
    }

    pub fn key() -> SoftPasskey {
        SoftPasskey::new(true)
    }
}

#[tokio::test]
async fn a_passkey_registers_with_an_invite_and_signs_in() {
    let folders = folders("/");
    let (state, router) = server(&folders, "/", 100);
    let accounts = state.auth().unwrap().accounts();
    let orgs = vec!["voorbeeld".to_string()];
    let invite = |name: &str| accounts.invite(&orgs, name, &known(), Utc::now()).unwrap();

    // A passkey made for another origin (another port) is refused.
    let (refused, _) = passkey::register(
        &router,
        &mut passkey::key(),
        "http://localhost:9999",
        &invite("Bo"),
    )
    .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.json);
    assert!(refused.melding().contains("passkey"), "{}", refused.json);

    let token = invite("An Redacteur");
    let mut key = passkey::key();
    let (end, sent) = passkey::register(&router, &mut key, "http://localhost", &token).await;
    assert_eq!(end.status, StatusCode::OK, "{}", end.json);
    assert_eq!(end.json["naam"], "An Redacteur");
    assert_eq!(end.json["organisaties"][0]["slug"], "voorbeeld");
    let id = end.json["id"].as_str().unwrap().to_string();
    let cookie = set_cookie(&end, "koers_sessie");
    for part in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(part), "{part}: {cookie}");
    }
    assert!(!cookie.contains("Max-Age"), "a session cookie: {cookie}");
    assert!(set_cookie(&end, "koers_ceremonie").contains("Max-Age=0"));
    let session = cookie_of(&end, "koers_sessie");
    let answer = get_with(&router, "/api/sessie", &session).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.json["csrf"], end.json["csrf"]);

    // The invite worked once; the ceremony too.
    begin_refused(&router, &token, StatusCode::GONE, "al gebruikt").await;
    let ceremony = sent["cookie"].as_str().unwrap();
    let again = post_with(
        &router,
        "/api/registreren/einde",
        ceremony,
        sent["body"].clone(),
    )
    .await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    let editor = accounts.editor(&id).unwrap();
    assert_eq!(editor.passkeys.len(), 1);
    assert_eq!(editor.organisations, ["voorbeeld"]);
    let raw_id = editor.passkeys[0].cred_id().to_vec();

    // Signing in: no user name; the passkey names its editor.
    let (ceremony, body) = passkey::sign_in(&router, &mut key, &raw_id, &id).await;
    let end = post_with(&router, "/api/aanmelden/einde", &ceremony, body.clone()).await;
    assert_eq!(end.status, StatusCode::OK, "{}", end.json);
    assert_eq!(end.json["id"], id.as_str());
    let second = cookie_of(&end, "koers_sessie");
    assert_ne!(second, session);
    assert_eq!(
        get_with(&router, "/api/sessie", &second).await.status,
        StatusCode::OK
    );
    assert!(accounts.editor(&id).unwrap().last_sign_in.is_some());

    // The same answer again, for a new challenge: refused.
    let (ceremony, _) = passkey::sign_in(&router, &mut key, &raw_id, &id).await;
    let replay = post_with(&router, "/api/aanmelden/einde", &ceremony, body).await;
    assert_eq!(replay.status, StatusCode::UNAUTHORIZED, "{}", replay.json);

    // Revoked: the passkey names no editor any more, and the sessions are over.
    accounts.revoke(&id).unwrap();
    let (ceremony, body) = passkey::sign_in(&router, &mut key, &raw_id, &id).await;
    let refused = post_with(&router, "/api/aanmelden/einde", &ceremony, body).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    let answer = get_with(&router, "/api/sessie", &second).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
}

/// The server and the host's commands change the file at once: under the lock, no
/// change is lost; a file the host broke by hand leaves the last good reading.
#[test]
fn changes_at_once_are_all_kept_and_a_broken_file_is_not_read() {
    let data = tempfile::tempdir().unwrap();
    let threads: Vec<_> = (0..8)
        .map(|n| {
            let data = data.path().to_path_buf();
            std::thread::spawn(move || {
                // Each its own `Accounts`, as each process has.
                let accounts = Accounts::open(&data).unwrap();
                let orgs = ["voorbeeld".to_string()];
                accounts
                    .add_editor(&format!("Redacteur {n}"), &orgs, Vec::new(), Utc::now())
                    .unwrap()
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    let accounts = Accounts::open(data.path()).unwrap();
    assert_eq!(accounts.current().editors.len(), 8);
    // No temporary file is left beside it.
    let mut names: Vec<String> = std::fs::read_dir(data.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["accounts.json", "accounts.json.lock"]);

    std::fs::write(data.path().join("accounts.json"), "{ kapot").unwrap();
    assert_eq!(accounts.current().editors.len(), 8);
}
