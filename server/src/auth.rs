//! Signing in without passwords: passkeys (WebAuthn, by webauthn-rs), sessions, the
//! CSRF token and the rate limit of the sign-in and registration requests.
//!
//! - An invite's link lets its editor register one passkey (`api/registreren/…`); the
//!   passkey is discoverable, so signing in later asks no user name (`api/aanmelden/…`).
//! - A ceremony (begin → end) is kept in memory for 5 minutes, under a random id in the
//!   cookie `koers_ceremonie` (Path `<base>api/`), so that the end finds its begin.
//! - A session is 32 random bytes (base64url) in the cookie `koers_sessie`: `HttpOnly`,
//!   `Secure`, `SameSite=Strict`, `Path=<base>`; it ends after 12 hours without a
//!   request, at sign-out, or when its editor is revoked (accounts.json changed).
//! - Every POST but registration and sign-in carries the session's CSRF token in the
//!   header `X-Koers-CSRF` ([`guard`]).
//! - Registration and sign-in POSTs are limited per client address ([`rate_limit`]): the
//!   address of the connection. Behind a proxy that is the proxy's, so the limit is then
//!   shared by all editors; a host who wants it per editor limits at the proxy too.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::request::Parts;
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use cookie::{Cookie, SameSite};
use governor::clock::{Clock as _, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use webauthn_rs::prelude::{
    DiscoverableAuthentication, PasskeyRegistration, PublicKeyCredential,
    RegisterPublicKeyCredential, Url, Uuid, Webauthn, WebauthnBuilder,
};
use webauthn_rs_proto::ResidentKeyRequirement;

use crate::accounts::{self, Accounts, EditorAccount, IndexEntry, InviteState};
use crate::AppState;

/// The session cookie.
pub const SESSION_COOKIE: &str = "koers_sessie";
/// The cookie that ties a ceremony's end to its begin.
pub const CEREMONY_COOKIE: &str = "koers_ceremonie";
/// The header that carries the CSRF token.
pub const CSRF_HEADER: &str = "x-koers-csrf";
/// A session ends after this long without a request.
pub const SESSION_IDLE: Duration = Duration::from_secs(12 * 60 * 60);
/// A session ends this long after its sign-in, however busy: a stolen session cookie
/// that is used all the time still stops working.
pub const SESSION_LONGEST: Duration = Duration::from_secs(7 * 24 * 60 * 60);
/// A registration or sign-in must end this soon after it began.
pub const CEREMONY_TIME: Duration = Duration::from_secs(5 * 60);
/// At most this many ceremonies wait at once (a flood from many addresses cannot fill
/// the memory).
const MAX_CEREMONIES: usize = 10_000;
/// Registration and sign-in requests a client address may make per minute, by default.
pub const ATTEMPTS_PER_MINUTE: u32 = 20;

/// An answer of the API that is not a success: `{"melding": "<Dutch sentence>"}` with
/// its status, and any further fields (a conflict's current version, a check's
/// problems) and headers.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub melding: String,
    /// Boxed: most answers have none, and a `Result` stays small.
    more: Option<Box<More>>,
}

#[derive(Debug, Default)]
struct More {
    fields: Map<String, Value>,
    headers: HeaderMap,
}

impl ApiError {
    pub fn new(status: StatusCode, melding: impl Into<String>) -> ApiError {
        ApiError {
            status,
            melding: melding.into(),
            more: None,
        }
    }

    /// The same answer with one more field in its JSON.
    pub fn with(mut self, field: &str, value: impl Into<Value>) -> ApiError {
        let more = self.more.get_or_insert_with(Box::default);
        more.fields.insert(field.to_string(), value.into());
        self
    }

    /// The same answer with a header.
    pub fn with_header(mut self, name: header::HeaderName, value: HeaderValue) -> ApiError {
        let more = self.more.get_or_insert_with(Box::default);
        more.headers.insert(name, value);
        self
    }

    /// 401: no (valid) session.
    pub fn signed_out() -> ApiError {
        ApiError::new(StatusCode::UNAUTHORIZED, "Meld je aan om verder te gaan.")
    }

    /// 403: not an editor of this organisation.
    pub fn not_your_organisation() -> ApiError {
        ApiError::new(
            StatusCode::FORBIDDEN,
            "Je bent geen redacteur van deze organisatie.",
        )
    }

    /// 500, with the cause on the server's stderr (never to the client).
    pub fn internal(cause: &anyhow::Error) -> ApiError {
        eprintln!("koers-server: {cause:#}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Er ging iets mis op de server. Probeer het later opnieuw.",
        )
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(cause: anyhow::Error) -> ApiError {
        ApiError::internal(&cause)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let More {
            mut fields,
            headers,
        } = self.more.map(|m| *m).unwrap_or_default();
        fields.insert("melding".to_string(), Value::String(self.melding));
        let mut response = (self.status, Json(Value::Object(fields))).into_response();
        response.headers_mut().extend(headers);
        response
    }
}

/// What an editor reads when the studio's request cannot be read: a studio of another
/// version, most likely.
const UNREADABLE: &str =
    "Dit verzoek kon de server niet lezen. Herlaad de pagina en probeer opnieuw.";

/// A JSON request body; one that cannot be read answers with a Dutch `melding` (axum's
/// own `Json` answers in English plain text), one over axum's limit (2 MB) says so.
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => Ok(JsonBody(value)),
            Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                Err(ApiError::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "Dit is te groot voor de server: ten hoogste 2 MB. Maak de inhoud kleiner.",
                ))
            }
            Err(rejection) => Err(ApiError::new(rejection.status(), UNREADABLE)),
        }
    }
}

/// The parameters in a request's path (`{org}`, `{id}`); a path that cannot be read
/// answers 400 with a Dutch `melding` (axum's own `Path` answers in English plain text).
pub struct UrlPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for UrlPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(value)| UrlPath(value))
            .map_err(|_| ApiError::new(StatusCode::BAD_REQUEST, UNREADABLE))
    }
}

/// The signed-in editor of a request: an extractor for every handler that needs a
/// session (401 `{"melding"}` without one).
#[derive(Clone, Debug)]
pub struct Editor {
    pub id: String,
    pub name: String,
    /// The slugs of the organisations the editor publishes for.
    pub organisations: Vec<String>,
    /// The session's CSRF token.
    pub csrf: String,
    session: String,
}

impl Editor {
    /// Whether the editor publishes for `org`; 403 otherwise.
    pub fn require_organisation(&self, org: &str) -> Result<(), ApiError> {
        if self.organisations.iter().any(|o| o == org) {
            Ok(())
        } else {
            Err(ApiError::not_your_organisation())
        }
    }
}

impl FromRequestParts<AppState> for Editor {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(editor) = parts.extensions.get::<Editor>() {
            return Ok(editor.clone());
        }
        let auth = state.auth().ok_or_else(ApiError::signed_out)?;
        auth.editor_of(&parts.headers)
            .ok_or_else(ApiError::signed_out)
    }
}

struct Session {
    editor: String,
    csrf: String,
    started: Instant,
    last_seen: Instant,
}

enum Ceremony {
    Register {
        invite: String,
        user: Uuid,
        state: Box<PasskeyRegistration>,
    },
    SignIn {
        state: Box<DiscoverableAuthentication>,
    },
}

/// Accounts, passkeys and sessions of a server with a data folder.
pub struct Auth {
    accounts: Accounts,
    webauthn: Webauthn,
    /// The path cookies are sent for: the site's base.
    base: String,
    /// The content repository (`DATA/repo`): the organisations' names.
    repo: PathBuf,
    sessions: Mutex<HashMap<String, Session>>,
    ceremonies: Mutex<HashMap<String, (Instant, Ceremony)>>,
    limiter: DefaultKeyedRateLimiter<IpAddr>,
    /// The TLS proxies in front ([`crate::Config::proxies`]).
    proxies: Vec<IpAddr>,
    /// How long a session lasts at most ([`SESSION_LONGEST`]).
    session_longest: Duration,
}

impl Auth {
    /// The accounts in `data`, for passkeys of the site at `public_url` (its host is the
    /// relying party, its origin the only one accepted), with cookies for `base`.
    pub fn new(
        data: &std::path::Path,
        public_url: &str,
        base: &str,
        attempts_per_minute: u32,
    ) -> anyhow::Result<Auth> {
        let url =
            Url::parse(public_url).with_context(|| format!("reading the URL {public_url}"))?;
        let rp_id = url
            .host_str()
            .with_context(|| format!("the URL {public_url} has no host"))?
            .to_string();
        let origin = Url::parse(&url.origin().ascii_serialization())
            .with_context(|| format!("the origin of {public_url}"))?;
        let webauthn = WebauthnBuilder::new(&rp_id, &origin)
            .and_then(|b| b.rp_name("Koers").build())
            .map_err(|e| anyhow::anyhow!("passkeys for {public_url}: {e}"))?;
        let per_minute = NonZeroU32::new(attempts_per_minute)
            .context("the sign-in attempts per minute must be at least 1")?;
        Ok(Auth {
            accounts: Accounts::open(data)?,
            webauthn,
            base: base.to_string(),
            repo: data.join("repo"),
            sessions: Mutex::new(HashMap::new()),
            ceremonies: Mutex::new(HashMap::new()),
            limiter: RateLimiter::keyed(Quota::per_minute(per_minute)),
            proxies: Vec::new(),
            session_longest: SESSION_LONGEST,
        })
    }

    /// The same, with sessions that last at most `longest` after their sign-in.
    pub fn sessions_last(mut self, longest: Duration) -> Auth {
        self.session_longest = longest;
        self
    }

    /// The same, behind the TLS proxies at `proxies`: a request from one of them is
    /// counted for the client it names (see [`rate_limit`]).
    pub fn behind(mut self, proxies: Vec<IpAddr>) -> Auth {
        self.proxies = proxies;
        self
    }

    /// The address a request is counted for: the connection's; or, when the connection
    /// is from one of the host's proxies, the address that proxy added last to
    /// `X-Forwarded-For` (what a client wrote there itself stands before it, and is
    /// not believed).
    fn client(&self, request: &Request) -> IpAddr {
        let peer = request
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
        if !self.proxies.contains(&peer) {
            return peer;
        }
        request
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            .next_back()
            .and_then(|v| v.to_str().ok()?.rsplit(',').next()?.trim().parse().ok())
            .unwrap_or(peer)
    }

    /// The accounts (four eyes, editors' names).
    pub fn accounts(&self) -> &Accounts {
        &self.accounts
    }

    /// The organisations of the content repository, in the index's order (none when
    /// it cannot be read, said on stderr).
    pub fn organisations(&self) -> Vec<IndexEntry> {
        accounts::organisations_in_repo(&self.repo).unwrap_or_else(|e| {
            eprintln!("koers-server: {e:#}");
            Vec::new()
        })
    }

    /// The editor whose session cookie `headers` carry, if the session is valid: not
    /// idle too long, not older than its longest, and its editor not revoked.
    pub fn editor_of(&self, headers: &HeaderMap) -> Option<Editor> {
        let token = cookie_value(headers, SESSION_COOKIE)?;
        let accounts = self.accounts.current();
        let mut sessions = self.sessions.lock().unwrap_or_else(PoisonError::into_inner);
        let session = sessions.get_mut(&token)?;
        let now = Instant::now();
        let account = accounts.editor(&session.editor);
        if !self.lasts(session, now) || account.is_none() {
            sessions.remove(&token);
            return None;
        }
        session.last_seen = now;
        let account = account?;
        Some(Editor {
            id: account.id.clone(),
            name: account.name.clone(),
            organisations: account.organisations.clone(),
            csrf: session.csrf.clone(),
            session: token,
        })
    }

    /// Whether `session` still holds at `now`: not idle too long, not too old.
    fn lasts(&self, session: &Session, now: Instant) -> bool {
        now.duration_since(session.last_seen) <= SESSION_IDLE
            && now.duration_since(session.started) <= self.session_longest
    }

    /// Starts a session for the editor `id` (after a passkey's ceremony); returns the
    /// session's token (the cookie's value) and its CSRF token.
    fn start_session(&self, id: &str) -> (String, String) {
        let token = accounts::random_token();
        let csrf = accounts::random_token();
        let now = Instant::now();
        let mut sessions = self.sessions.lock().unwrap_or_else(PoisonError::into_inner);
        sessions.retain(|_, s| self.lasts(s, now));
        sessions.insert(
            token.clone(),
            Session {
                editor: id.to_string(),
                csrf: csrf.clone(),
                started: now,
                last_seen: now,
            },
        );
        (token, csrf)
    }

    /// For tests, which have no passkey: a session for the editor `id`, as a passkey's
    /// sign-in starts it. Returns the session token (the cookie's value) and the CSRF
    /// token.
    #[doc(hidden)]
    pub fn start_session_for_tests(&self, id: &str) -> (String, String) {
        self.start_session(id)
    }

    /// Ends the sessions of an editor (the running server's own revoke; the host's
    /// `revoke` command ends them through accounts.json).
    pub fn end_sessions_of(&self, id: &str) {
        let mut sessions = self.sessions.lock().unwrap_or_else(PoisonError::into_inner);
        sessions.retain(|_, s| s.editor != id);
    }

    fn end_session(&self, token: &str) {
        let mut sessions = self.sessions.lock().unwrap_or_else(PoisonError::into_inner);
        sessions.remove(token);
    }

    fn begin_ceremony(&self, ceremony: Ceremony) -> Result<String, ApiError> {
        let id = accounts::random_token();
        let now = Instant::now();
        let mut ceremonies = self
            .ceremonies
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if ceremonies.len() >= MAX_CEREMONIES {
            ceremonies.retain(|_, (began, _)| now.duration_since(*began) <= CEREMONY_TIME);
        }
        if ceremonies.len() >= MAX_CEREMONIES {
            return Err(busy());
        }
        ceremonies.insert(id.clone(), (now, ceremony));
        Ok(id)
    }

    /// The ceremony the request's cookie names, taken (a ceremony ends once).
    fn take_ceremony(&self, headers: &HeaderMap) -> Result<Ceremony, ApiError> {
        let interrupted = || {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "Dit duurde te lang of werd onderbroken. Begin opnieuw.",
            )
        };
        let id = cookie_value(headers, CEREMONY_COOKIE).ok_or_else(interrupted)?;
        let mut ceremonies = self
            .ceremonies
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        match ceremonies.remove(&id) {
            Some((began, ceremony)) if began.elapsed() <= CEREMONY_TIME => Ok(ceremony),
            _ => Err(interrupted()),
        }
    }

    /// The answer `GET api/sessie` gives (and a successful registration or sign-in).
    fn session_body(&self, editor: &EditorAccount, csrf: &str) -> Value {
        let accounts = self.accounts.current();
        let index = self.organisations();
        let organisations: Vec<Value> = editor
            .organisations
            .iter()
            .map(|slug| {
                let name = index
                    .iter()
                    .find(|entry| &entry.slug == slug)
                    .map_or(slug.as_str(), |entry| entry.name.as_str());
                json!({"slug": slug, "naam": name, "vierOgen": accounts.four_eyes(slug)})
            })
            .collect();
        json!({
            "naam": editor.name,
            "id": editor.id,
            "organisaties": organisations,
            "csrf": csrf,
        })
    }

    fn cookie(&self, name: &str, value: String, path: String, max_age: Option<i64>) -> HeaderValue {
        let mut cookie = Cookie::build((name.to_string(), value))
            .http_only(true)
            .secure(true)
            .same_site(SameSite::Strict)
            .path(path);
        if let Some(seconds) = max_age {
            cookie = cookie.max_age(cookie::time::Duration::seconds(seconds));
        }
        HeaderValue::from_str(&cookie.build().to_string()).expect("a cookie is a header value")
    }

    fn session_cookie(&self, token: String) -> HeaderValue {
        self.cookie(SESSION_COOKIE, token, self.base.clone(), None)
    }

    fn ceremony_cookie(&self, id: String, max_age: i64) -> HeaderValue {
        let path = format!("{}api/", self.base);
        self.cookie(CEREMONY_COOKIE, id, path, Some(max_age))
    }

    /// A signed-in answer: the session body, the session cookie, the ceremony's cookie
    /// cleared.
    fn signed_in(&self, editor: &EditorAccount) -> Response {
        let (token, csrf) = self.start_session(&editor.id);
        let mut response = Json(self.session_body(editor, &csrf)).into_response();
        let headers = response.headers_mut();
        headers.append(header::SET_COOKIE, self.session_cookie(token));
        headers.append(header::SET_COOKIE, self.ceremony_cookie(String::new(), 0));
        response
    }
}

fn busy() -> ApiError {
    ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        "De server is even te druk. Probeer het over een paar minuten opnieuw.",
    )
}

/// The value of the cookie `name` in a request's headers.
pub fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|h| h.to_str().ok())
        .flat_map(Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name && !c.value().is_empty())
        .map(|c| c.value().to_string())
}

fn auth(state: &AppState) -> Result<&Arc<Auth>, ApiError> {
    state
        .auth()
        .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, "Deze server heeft geen redactie."))
}

/// Middleware for every API route that needs a session: 401 without one; for a POST,
/// 403 unless the header `X-Koers-CSRF` carries the session's token. The [`Editor`] is
/// put in the request's extensions for the handler.
pub async fn guard(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let Some(editor) = state.auth().and_then(|a| a.editor_of(request.headers())) else {
        return ApiError::signed_out().into_response();
    };
    if request.method() == Method::POST {
        let given = request
            .headers()
            .get(CSRF_HEADER)
            .map(HeaderValue::as_bytes)
            .unwrap_or_default();
        if !same(given, editor.csrf.as_bytes()) {
            return ApiError::new(
                StatusCode::FORBIDDEN,
                "Dit verzoek kwam niet zeker van de redactie zelf. Herlaad de pagina en probeer opnieuw.",
            )
            .into_response();
        }
    }
    request.extensions_mut().insert(editor);
    next.run(request).await
}

/// Compares without stopping at the first difference.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Middleware for the registration and sign-in POSTs: at most so many per minute per
/// client address (the connection's, or the one a trusted proxy names:
/// [`Auth::client`]), 429 with `Retry-After` beyond.
pub async fn rate_limit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Some(auth) = state.auth() else {
        return next.run(request).await;
    };
    let ip = auth.client(&request);
    if let Err(not_until) = auth.limiter.check_key(&ip) {
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        return ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "Te veel pogingen na elkaar. Wacht even en probeer opnieuw.",
        )
        .with_header(header::RETRY_AFTER, HeaderValue::from(seconds.max(1)))
        .into_response();
    }
    if auth.limiter.len() > MAX_CEREMONIES {
        auth.limiter.retain_recent();
    }
    next.run(request).await
}

/// `GET api/sessie`.
pub async fn session(State(state): State<AppState>, editor: Editor) -> Result<Response, ApiError> {
    let auth = auth(&state)?;
    let account = auth
        .accounts
        .editor(&editor.id)
        .ok_or_else(ApiError::signed_out)?;
    Ok(Json(auth.session_body(&account, &editor.csrf)).into_response())
}

#[derive(Deserialize)]
pub struct RegisterBegin {
    uitnodiging: String,
}

fn invite_refused(state: InviteState) -> ApiError {
    match state {
        InviteState::Unknown | InviteState::Valid => ApiError::new(
            StatusCode::NOT_FOUND,
            "Deze uitnodiging kennen we niet. Vraag een nieuwe aan wie jullie Koers beheert.",
        ),
        InviteState::Used => ApiError::new(
            StatusCode::GONE,
            "Deze uitnodiging is al gebruikt. Meld je aan met je passkey, of vraag een nieuwe uitnodiging aan wie jullie Koers beheert.",
        ),
        InviteState::Expired => ApiError::new(
            StatusCode::GONE,
            "Deze uitnodiging is verlopen. Vraag een nieuwe aan wie jullie Koers beheert.",
        ),
    }
}

/// `POST api/registreren/begin` `{"uitnodiging"}`.
pub async fn register_begin(
    State(state): State<AppState>,
    JsonBody(body): JsonBody<RegisterBegin>,
) -> Result<Response, ApiError> {
    let auth = auth(&state)?;
    let file = auth.accounts.current();
    let invite = match file.invite(&body.uitnodiging) {
        None => return Err(invite_refused(InviteState::Unknown)),
        Some(invite) => match invite.state(Utc::now()) {
            InviteState::Valid => invite.clone(),
            refused => return Err(invite_refused(refused)),
        },
    };
    let user = Uuid::new_v4();
    let (mut options, registration) = auth
        .webauthn
        .start_passkey_registration(user, &invite.name, &invite.name, None)
        .map_err(|e| ApiError::internal(&anyhow::anyhow!("starting a registration: {e}")))?;
    // A discoverable credential, so that signing in asks no user name.
    if let Some(selection) = options.public_key.authenticator_selection.as_mut() {
        selection.resident_key = Some(ResidentKeyRequirement::Required);
        selection.require_resident_key = true;
    }
    let id = auth.begin_ceremony(Ceremony::Register {
        invite: invite.sha256.clone(),
        user,
        state: Box::new(registration),
    })?;
    let mut response = Json(json!({"naam": invite.name, "opties": options})).into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        auth.ceremony_cookie(id, CEREMONY_TIME.as_secs() as i64),
    );
    Ok(response)
}

#[derive(Deserialize)]
pub struct RegisterEnd {
    uitnodiging: String,
    sleutel: RegisterPublicKeyCredential,
}

/// `POST api/registreren/einde` `{"uitnodiging", "sleutel"}`.
pub async fn register_end(
    State(state): State<AppState>,
    headers: HeaderMap,
    JsonBody(body): JsonBody<RegisterEnd>,
) -> Result<Response, ApiError> {
    let auth = auth(&state)?;
    let Ceremony::Register {
        invite,
        user,
        state: registration,
    } = auth.take_ceremony(&headers)?
    else {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "Begin de registratie opnieuw met de link uit je uitnodiging.",
        ));
    };
    if accounts::token_hash(&body.uitnodiging) != invite {
        return Err(invite_refused(InviteState::Unknown));
    }
    let passkey = auth
        .webauthn
        .finish_passkey_registration(&body.sleutel, &registration)
        .map_err(|e| {
            eprintln!("koers-server: a registration failed: {e}");
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "Je passkey kon niet worden aangemaakt. Probeer opnieuw.",
            )
        })?;
    let now = Utc::now();
    let editor = auth
        .accounts
        .update(|file| -> Result<EditorAccount, ApiError> {
            let invite = match file.invites.iter_mut().find(|i| i.sha256 == invite) {
                None => return Err(invite_refused(InviteState::Unknown)),
                Some(i) => i,
            };
            match invite.state(now) {
                InviteState::Valid => {}
                refused => return Err(invite_refused(refused)),
            }
            if file
                .editors
                .iter()
                .flat_map(|e| &e.passkeys)
                .any(|p| p.cred_id() == passkey.cred_id())
            {
                return Err(ApiError::new(
                    StatusCode::CONFLICT,
                    "Deze passkey hoort al bij een redacteur. Meld je daarmee aan.",
                ));
            }
            invite.used = Some(now);
            let mut editor =
                accounts::new_editor(&invite.name, &invite.organisations, vec![passkey], now);
            editor.id = user.to_string();
            editor.last_sign_in = Some(now);
            file.editors.push(editor.clone());
            Ok(editor)
        })?;
    Ok(auth.signed_in(&editor))
}

/// `POST api/aanmelden/begin` `{}`: a discoverable sign-in (no user name asked).
pub async fn sign_in_begin(State(state): State<AppState>) -> Result<Response, ApiError> {
    let auth = auth(&state)?;
    let (mut options, authentication) = auth
        .webauthn
        .start_discoverable_authentication()
        .map_err(|e| ApiError::internal(&anyhow::anyhow!("starting a sign-in: {e}")))?;
    // webauthn-rs asks for conditional mediation (the browser's autofill); the studio
    // signs in at the press of a button, with the browser's own passkey dialog.
    options.mediation = None;
    let id = auth.begin_ceremony(Ceremony::SignIn {
        state: Box::new(authentication),
    })?;
    let mut response = Json(json!({"opties": options})).into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        auth.ceremony_cookie(id, CEREMONY_TIME.as_secs() as i64),
    );
    Ok(response)
}

#[derive(Deserialize)]
pub struct SignInEnd {
    sleutel: PublicKeyCredential,
}

/// `POST api/aanmelden/einde` `{"sleutel"}`.
pub async fn sign_in_end(
    State(state): State<AppState>,
    headers: HeaderMap,
    JsonBody(body): JsonBody<SignInEnd>,
) -> Result<Response, ApiError> {
    let auth = auth(&state)?;
    let Ceremony::SignIn {
        state: authentication,
    } = auth.take_ceremony(&headers)?
    else {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "Begin het aanmelden opnieuw.",
        ));
    };
    let unknown = || {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "Deze passkey kennen we niet (meer). Vraag een uitnodiging aan wie jullie Koers beheert.",
        )
    };
    let (user, credential) = auth
        .webauthn
        .identify_discoverable_authentication(&body.sleutel)
        .map_err(|_| unknown())?;
    let id = user.to_string();
    let file = auth.accounts.current();
    let editor = file.editor(&id).ok_or_else(unknown)?;
    let passkey = editor
        .passkeys
        .iter()
        .find(|p| p.cred_id().as_slice() == credential)
        .ok_or_else(unknown)?;
    let result = auth
        .webauthn
        .finish_discoverable_authentication_v2(&body.sleutel, *authentication, passkey)
        .map_err(|e| {
            eprintln!("koers-server: a sign-in failed: {e}");
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "Aanmelden is niet gelukt. Probeer opnieuw.",
            )
        })?;
    let now = Utc::now();
    let editor = auth
        .accounts
        .update(|file| -> Result<EditorAccount, ApiError> {
            let editor = file
                .editors
                .iter_mut()
                .find(|e| e.id == id)
                .ok_or_else(unknown)?;
            for passkey in &mut editor.passkeys {
                passkey.update_credential(&result);
            }
            editor.last_sign_in = Some(now);
            Ok(editor.clone())
        })?;
    Ok(auth.signed_in(&editor))
}

/// `POST api/afmelden`: 204, the session ended and its cookie cleared.
pub async fn sign_out(State(state): State<AppState>, editor: Editor) -> Result<Response, ApiError> {
    let auth = auth(&state)?;
    auth.end_session(&editor.session);
    let mut response = StatusCode::NO_CONTENT.into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        auth.cookie(SESSION_COOKIE, String::new(), auth.base.clone(), Some(0)),
    );
    Ok(response)
}

/// A route of the API asked with another method: 405, in Dutch (axum's own is empty).
pub async fn method_not_allowed() -> ApiError {
    ApiError::new(StatusCode::METHOD_NOT_ALLOWED, UNREADABLE)
}

/// Any other path under `api/`: 404 for a signed-in editor (401 without a session, by
/// the [`Editor`] extractor).
pub async fn not_found(_editor: Editor) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "Dit deel van de redactie bestaat niet.",
    )
}
