//! Publishing: editors' changes become the site residents see.
//!
//! With `serve --app <Trunk's output> --data DATA`, the server builds the site itself:
//! the content is the repository `DATA/repo` (koers-store), the builds live in
//! `DATA/site/` (koers-site's `SiteFolders`: `current` links to the build served). A
//! publish, one at a time:
//!
//! 1. the new file is checked with the rules of `check-content` (refused with its
//!    problems at their fields, which the studio says in Dutch);
//! 2. it is committed by the editor with their note (koers-store: a conflict when
//!    someone else changed the organisation since the editor's version); with four
//!    eyes it waits as a proposal instead;
//! 3. the organisation's pages are rendered into a new build beside the one served
//!    (koers-site's `publish_org`: the other organisations' files are linked, not
//!    rendered), the build records its commit, and `current` is switched to it and the
//!    server serves it: a resident gets the old build or the new one, never a mix.
//!
//! A server killed anywhere in between restarts consistent: at the start, a build
//! whose recorded commit is not the repository's `main` is replaced by a new build of
//! `main` ([`Publishing::start`]).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context as _;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use koers_site::publish::{publish_org, record_commit, recorded_commit, SiteFolders};
use koers_store::{Entry, Proposal, PublishError, Store};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::auth::{ApiError, Editor, JsonBody, UrlPath};
use crate::AppState;

/// The longest note ("Wat is er veranderd?") a publish takes.
pub const MAX_NOTE: usize = 200;

/// What publishing needs: the repository, the app, the builds. Shared by the handlers.
pub struct Publishing {
    store: Store,
    app: PathBuf,
    folders: SiteFolders,
    /// `DATA/site`: the builds, and the content each is made from while it is made.
    site: PathBuf,
    /// The site's origin, for the sitemap and oEmbed (`https://koers.example.be`).
    site_url: Option<String>,
    /// One publish at a time: each build starts from the one served.
    one_at_a_time: tokio::sync::Mutex<()>,
    /// The commit of the build served: behind `main`'s tip when a publish was committed
    /// but its build failed, until a publish puts the tip live.
    live: std::sync::Mutex<String>,
}

impl Publishing {
    /// Opens `DATA/repo` (made by `koers-server init`) and makes sure the build served
    /// is the content of its `main`: a build of another commit (a publish cut short by
    /// a crash after its commit), or none, is built anew. Returns the build to serve.
    pub fn start(
        app: &Path,
        data: &Path,
        site_url: Option<String>,
    ) -> anyhow::Result<(Publishing, PathBuf)> {
        let repo = data.join("repo");
        if !repo.exists() {
            anyhow::bail!(
                "{} has no content repository: run `koers-server init --data {} --content <public/content>` first",
                data.display(),
                data.display()
            );
        }
        let store = Store::open(&repo, &data.join("proposals"))
            .with_context(|| format!("opening {}", repo.display()))?;
        for left in store.recovered() {
            eprintln!(
                "koers-server: removed {}, left by a process that stopped",
                left.display()
            );
        }
        let publishing = Publishing {
            store,
            app: app
                .canonicalize()
                .with_context(|| format!("reading the app in {}", app.display()))?,
            folders: SiteFolders::new(data.join("site")),
            site: data.join("site"),
            site_url,
            one_at_a_time: tokio::sync::Mutex::new(()),
            live: std::sync::Mutex::new(String::new()),
        };
        let tip = publishing.store.tip()?;
        publishing.set_live(&tip);
        let served = publishing.folders.current_build()?;
        let app = app_mark(&publishing.app)?;
        let build = match served {
            Some(build)
                if recorded_commit(&build)?.as_deref() == Some(tip.as_str())
                    && std::fs::read_to_string(app_file(&build)).ok().as_deref()
                        == Some(app.as_str()) =>
            {
                build
            }
            _ => {
                println!("koers-server: building the site of the content's version {tip}");
                let (build, previous) = publishing.build(None, &tip)?;
                if let Some(previous) = previous {
                    publishing.folders.remove_older_than(&previous)?;
                    remove_stray_marks(&publishing.folders);
                }
                build
            }
        };
        Ok((publishing, build))
    }

    /// The content repository.
    pub fn store(&self) -> &Store {
        &self.store
    }

    fn set_live(&self, commit: &str) {
        *self.live.lock().unwrap_or_else(|e| e.into_inner()) = commit.to_string();
    }

    fn live(&self) -> String {
        self.live.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// A new build of `commit`, switched in: from the build served, re-rendering only
    /// organisation `org`'s files when that build is of `before` (the commit before
    /// `commit`) and of this app; else whole. Returns the new build and the one served
    /// before it (whose elders [`SiteFolders::remove_older_than`] removes).
    fn build(
        &self,
        changed: Option<(&str, &str)>,
        commit: &str,
    ) -> anyhow::Result<(PathBuf, Option<PathBuf>)> {
        std::fs::create_dir_all(&self.site)
            .with_context(|| format!("making {}", self.site.display()))?;
        let work = tempfile::Builder::new()
            .prefix(".content-")
            .tempdir_in(&self.site)
            .context("making a folder for the content")?;
        self.store
            .export(commit, work.path())
            .with_context(|| format!("reading the content of {commit}"))?;
        let new = self.folders.new_build()?;
        let served = self.folders.current_build()?;
        let site_url = self.site_url.as_deref();
        let rendered = match (changed, served) {
            (Some((org, before)), Some(served))
                if recorded_commit(&served)?.as_deref() == Some(before) =>
            {
                // Refused when the build served is of another app (a new deployment):
                // then the whole site is built.
                publish_org(&self.app, &served, work.path(), org, &new, site_url).map_err(|e| {
                    eprintln!("koers-server: building the whole site, not {org} alone: {e:#}");
                    let _ = std::fs::remove_dir_all(&new);
                })
            }
            _ => Err(()),
        };
        if rendered.is_err() {
            koers_site::build_with_content(&self.app, work.path(), &new, site_url)
                .context("building the site")?;
        }
        record_commit(&new, commit)?;
        std::fs::write(app_file(&new), app_mark(&self.app)?)
            .with_context(|| format!("writing {}", app_file(&new).display()))?;
        let previous = self.folders.switch(&new)?;
        Ok((new, previous))
    }
}

/// What tells one app from another: the SHA-256 of Trunk's pages of the app and the
/// studio, which name their content-hashed script, wasm and stylesheet. A build is made
/// anew at the start when the app changed since (a new deployment, or `cargo xtask
/// serve` after a change to the code).
fn app_mark(app: &Path) -> anyhow::Result<String> {
    use sha2::Digest as _;
    let mut hash = sha2::Sha256::new();
    for page in ["index.html", "redactie/index.html"] {
        let file = app.join(page);
        hash.update(std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?);
    }
    Ok(format!("{:x}", hash.finalize()))
}

/// Beside a build (as koers-site records its commit): the mark of the app it was made
/// from ([`app_mark`]). Outside the folder served, so never served.
fn app_file(build: &Path) -> PathBuf {
    let mut name = build.as_os_str().to_owned();
    name.push(".app");
    PathBuf::from(name)
}

/// Removes the app marks ([`app_file`]) of builds removed.
fn remove_stray_marks(folders: &SiteFolders) {
    let Ok(entries) = std::fs::read_dir(folders.builds()) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "app") && !path.with_extension("").is_dir() {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// The publishing of this server, or 404 when it only serves (no `--app`).
fn publishing(state: &AppState) -> Result<Arc<Publishing>, ApiError> {
    state.publishing().cloned().ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "Deze server publiceert niet: vraag het aan wie Koers beheert.",
        )
    })
}

fn author(editor: &Editor) -> koers_store::Editor {
    koers_store::Editor {
        id: editor.id.clone(),
        name: editor.name.clone(),
    }
}

fn entry_json(entry: &Entry) -> Value {
    json!({
        "versie": entry.commit,
        "auteur": entry.author_name,
        "wanneer": entry.when.rfc3339(),
        "notitie": entry.note,
        "goedgekeurdDoor": entry.approved_by.as_ref().map(|e| e.name.clone()),
    })
}

fn proposal_json(proposal: &Proposal) -> Value {
    json!({
        "id": proposal.id,
        "auteur": proposal.author.name,
        "auteurId": proposal.author.id,
        "wanneer": proposal.when.rfc3339(),
        "notitie": proposal.note,
        "basis": proposal.base,
        "inhoud": proposal.content,
        "teruggestuurd": proposal.returned.as_ref().map(|r| json!({
            "door": r.by.name,
            "opmerking": r.remark,
            "wanneer": r.when.rfc3339(),
        })),
    })
}

/// A store's refusal as the API says it.
fn refusal(publishing: &Publishing, org: &str, e: PublishError) -> ApiError {
    match e {
        PublishError::Conflict { current, since } => ApiError::new(
            StatusCode::CONFLICT,
            "Iemand anders publiceerde intussen een nieuwe versie. Bekijk wat er veranderde.",
        )
        .with("versie", current.commit)
        .with("inhoud", current.content)
        .with("sindsdien", since.iter().map(entry_json).collect::<Vec<_>>()),
        PublishError::UnknownBase(_) => match publishing.store.current(org) {
            Ok(current) => ApiError::new(
                StatusCode::CONFLICT,
                "De versie waarmee je begon, kent deze server niet. Bekijk de versie die nu online staat.",
            )
            .with("versie", current.commit)
            .with("inhoud", current.content)
            .with("sindsdien", Vec::<Value>::new()),
            Err(e) => ApiError::internal(&e.into()),
        },
        PublishError::OwnProposal => ApiError::new(
            StatusCode::FORBIDDEN,
            "Je eigen voorstel keurt een andere redacteur goed.",
        ),
        PublishError::NotOwnProposal => ApiError::new(
            StatusCode::FORBIDDEN,
            "Alleen wie het voorstel schreef, kan het intrekken. Stuur het terug met een opmerking.",
        ),
        PublishError::Returned => ApiError::new(
            StatusCode::CONFLICT,
            "Dit voorstel is teruggestuurd. Wie het schreef, maakt een nieuw voorstel.",
        ),
        PublishError::Store(e) => store_error(e),
    }
}

fn store_error(e: koers_store::Error) -> ApiError {
    match e {
        koers_store::Error::UnknownOrganisation(_) => {
            ApiError::new(StatusCode::NOT_FOUND, "Deze organisatie bestaat niet.")
        }
        koers_store::Error::UnknownVersion { .. } | koers_store::Error::Invalid { .. } => {
            ApiError::new(StatusCode::NOT_FOUND, "Deze versie bestaat niet.")
        }
        koers_store::Error::UnknownProposal { .. } => ApiError::new(
            StatusCode::NOT_FOUND,
            "Dit voorstel bestaat niet meer: het is al goedgekeurd of ingetrokken.",
        ),
        e => ApiError::internal(&e.into()),
    }
}

/// The note, checked: one short line.
fn note(note: &str) -> Result<String, ApiError> {
    let note = note.split_whitespace().collect::<Vec<_>>().join(" ");
    if note.is_empty() || note.chars().count() > MAX_NOTE {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("Schrijf kort wat er veranderd is, in ten hoogste {MAX_NOTE} tekens."),
        ));
    }
    Ok(note)
}

/// The organisation's new file, checked with the rules of `check-content`: 422 with
/// the problems (file, line, column, field, message) otherwise. (An organisation the
/// repository does not have is the store's to refuse.)
fn checked(org: &str, content: &str) -> Result<(), ApiError> {
    checked_as(
        org,
        content,
        "De inhoud heeft nog fouten. Ze staan bij de velden.",
    )
}

/// [`checked`], refused with `message`: for content published again (an old version,
/// a proposal), which today's rules may refuse where earlier ones did not. The build
/// reads every file with today's rules: content they refuse would stop every publish
/// and the server's start.
fn checked_as(org: &str, content: &str, message: &str) -> Result<(), ApiError> {
    let file = format!("{org}.json");
    let problems = match koers_content::parse_organisation(&file, content.as_bytes()) {
        Ok(parsed) if parsed.slug != org => vec![json!({
            "file": file, "line": 0, "column": 0, "path": "slug",
            "message": format!("slug \"{}\" must stay \"{org}\": the organisation's address", parsed.slug),
        })],
        Ok(_) => return Ok(()),
        Err(problems) => problems
            .iter()
            .map(|p| {
                json!({
                    "file": p.file, "line": p.line, "column": p.column,
                    "path": p.path, "message": p.message,
                })
            })
            .collect(),
    };
    Err(ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, message).with("problemen", problems))
}

/// An old version refused by today's rules.
const OLD_VERSION_REFUSED: &str = "Deze versie kan niet terug: ze voldoet niet aan de regels \
     voor inhoud van nu. Neem over wat je nodig hebt in je werk, en publiceer dat.";

/// A proposal refused by today's rules.
const PROPOSAL_REFUSED: &str = "Dit voorstel kan niet gepubliceerd worden: het voldoet niet \
     aan de regels voor inhoud van nu. Stuur het terug, zodat de schrijver het kan verbeteren.";

/// What an editor hears when the change is committed but the site could not be built.
const NOT_LIVE: &str = "Je wijziging is bewaard in de geschiedenis, maar de site kon niet \
     bijgewerkt worden. Publiceer straks opnieuw; lukt het dan nog niet, vraag het aan wie \
     de server beheert.";

/// Runs blocking work (git, rendering) off the async workers.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ApiError::internal(&anyhow::anyhow!("a publishing task stopped: {e}")))?
}

/// What publishing a change does once it is committed: a new build of the commit,
/// served from now on.
async fn go_live(
    state: &AppState,
    publishing: Arc<Publishing>,
    org: &str,
    before: String,
    commit: String,
) -> Result<(), ApiError> {
    let org = org.to_string();
    let p = publishing.clone();
    let live = commit.clone();
    let (build, previous) = blocking(move || {
        p.build(Some((&org, &before)), &commit)
            .map_err(|e| not_live(&e))
    })
    .await?;
    state.serve_build(&build).map_err(|e| not_live(&e))?;
    publishing.set_live(&live);
    // The builds before the previous one go once the editor has their answer (the
    // next publish waits for it: it must not remove a build being made).
    if let Some(previous) = previous {
        tokio::spawn(async move {
            let _one = publishing.one_at_a_time.lock().await;
            let p = publishing.clone();
            let removed = tokio::task::spawn_blocking(move || {
                let removed = p.folders.remove_older_than(&previous);
                remove_stray_marks(&p.folders);
                removed
            })
            .await;
            if let Ok(Err(e)) = removed {
                eprintln!("koers-server: removing old builds: {e:#}");
            }
        });
    }
    Ok(())
}

fn not_live(cause: &anyhow::Error) -> ApiError {
    eprintln!("koers-server: a commit not put live: {cause:#}");
    ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, NOT_LIVE)
}

/// Commits a change (by `commit`, under the one-at-a-time lock) and puts it live. In a
/// task of its own: an editor who closes the page while it builds (the request is
/// dropped) still gets the change live, and the next publish waits for it.
async fn publish_change(
    state: &AppState,
    publishing: Arc<Publishing>,
    org: &str,
    commit: impl FnOnce(&Store) -> Result<koers_store::Published, PublishError> + Send + 'static,
) -> Result<Response, ApiError> {
    let (state, org) = (state.clone(), org.to_string());
    tokio::spawn(async move {
        let held = publishing.clone();
        let _one = held.one_at_a_time.lock().await;
        let (p, o) = (publishing.clone(), org.clone());
        let (before, published, tip) = blocking(move || {
            let before = p.store.tip().map_err(store_error)?;
            let published = commit(&p.store).map_err(|e| refusal(&p, &o, e))?;
            let tip = p.store.tip().map_err(store_error)?;
            Ok((before, published, tip))
        })
        .await?;
        if published.changed {
            go_live(&state, publishing, &org, before, published.commit.clone()).await?;
        } else if publishing.live() != tip {
            // Nothing new to commit, but an earlier publish was committed and not put
            // live (its build failed): this one puts it live, or says it is not.
            go_live(&state, publishing, &org, tip.clone(), tip).await?;
        }
        Ok(Json(json!({ "versie": published.commit, "status": "gepubliceerd" })).into_response())
    })
    .await
    .map_err(|e| ApiError::internal(&anyhow::anyhow!("a publishing task stopped: {e}")))?
}

/// A change stored as a proposal instead of published (four eyes): `change` gives its
/// file and note; 202 with the proposal's id.
async fn propose(
    publishing: Arc<Publishing>,
    org: String,
    base: String,
    who: koers_store::Editor,
    change: impl FnOnce(&Store) -> Result<(String, String), ApiError> + Send + 'static,
) -> Result<Response, ApiError> {
    let id = blocking(move || {
        let (content, note) = change(&publishing.store)?;
        publishing
            .store
            .propose(&org, &content, &base, &who, &note)
            .map_err(|e| refusal(&publishing, &org, e))
    })
    .await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(json!({ "voorstel": id, "status": "voorstel" })),
    )
        .into_response())
}

fn four_eyes(state: &AppState, org: &str) -> bool {
    state
        .auth()
        .is_some_and(|auth| auth.accounts().four_eyes(org))
}

/// `GET api/organisaties/<org>`: the version online now.
pub async fn organisation(
    State(state): State<AppState>,
    editor: Editor,
    UrlPath(org): UrlPath<String>,
) -> Result<Json<Value>, ApiError> {
    editor.require_organisation(&org)?;
    let publishing = publishing(&state)?;
    blocking(move || {
        let current = publishing.store.current(&org).map_err(store_error)?;
        Ok(Json(
            json!({ "versie": current.commit, "inhoud": current.content }),
        ))
    })
    .await
}

#[derive(Deserialize)]
pub struct PublishBody {
    basis: String,
    notitie: String,
    inhoud: String,
}

/// `POST api/organisaties/<org>/publiceren`.
pub async fn publish(
    State(state): State<AppState>,
    editor: Editor,
    UrlPath(org): UrlPath<String>,
    JsonBody(body): JsonBody<PublishBody>,
) -> Result<Response, ApiError> {
    editor.require_organisation(&org)?;
    let publishing = publishing(&state)?;
    let note = note(&body.notitie)?;
    checked(&org, &body.inhoud)?;
    let who = author(&editor);
    if four_eyes(&state, &org) {
        return propose(publishing, org, body.basis, who, move |_| {
            Ok((body.inhoud, note))
        })
        .await;
    }
    let o = org.clone();
    publish_change(&state, publishing, &org, move |store| {
        store.publish(&o, &body.inhoud, &body.basis, &who, &note)
    })
    .await
}

#[derive(Deserialize)]
pub struct RollbackBody {
    versie: String,
    basis: String,
    #[serde(default)]
    notitie: String,
}

/// `POST api/organisaties/<org>/terugzetten`: an old version published again.
pub async fn roll_back(
    State(state): State<AppState>,
    editor: Editor,
    UrlPath(org): UrlPath<String>,
    JsonBody(body): JsonBody<RollbackBody>,
) -> Result<Response, ApiError> {
    editor.require_organisation(&org)?;
    let publishing = publishing(&state)?;
    let note = note(&body.notitie)?;
    let who = author(&editor);
    let (p, o, to) = (publishing.clone(), org.clone(), body.versie.clone());
    blocking(move || {
        let content = p.store.at(&o, &to).map_err(store_error)?;
        checked_as(&o, &content, OLD_VERSION_REFUSED)
    })
    .await?;
    if four_eyes(&state, &org) {
        let (o, to) = (org.clone(), body.versie.clone());
        return propose(publishing, org, body.basis, who, move |store| {
            let content = store.at(&o, &to).map_err(store_error)?;
            let note = store.rollback_note(&to, &note).map_err(store_error)?;
            Ok((content, note))
        })
        .await;
    }
    let o = org.clone();
    publish_change(&state, publishing, &org, move |store| {
        store.rollback(&o, &body.versie, &body.basis, &who, &note)
    })
    .await
}

/// `GET api/organisaties/<org>/geschiedenis`: newest first.
pub async fn history(
    State(state): State<AppState>,
    editor: Editor,
    UrlPath(org): UrlPath<String>,
) -> Result<Json<Value>, ApiError> {
    editor.require_organisation(&org)?;
    let publishing = publishing(&state)?;
    blocking(move || {
        let history = publishing.store.history(&org).map_err(store_error)?;
        Ok(Json(Value::Array(history.iter().map(entry_json).collect())))
    })
    .await
}

/// `GET api/organisaties/<org>/versies/<commit>`.
pub async fn version(
    State(state): State<AppState>,
    editor: Editor,
    UrlPath((org, commit)): UrlPath<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    editor.require_organisation(&org)?;
    let publishing = publishing(&state)?;
    blocking(move || {
        let content = publishing.store.at(&org, &commit).map_err(store_error)?;
        Ok(Json(json!({ "versie": commit, "inhoud": content })))
    })
    .await
}

/// `GET api/organisaties/<org>/voorstellen`: oldest first.
pub async fn proposals(
    State(state): State<AppState>,
    editor: Editor,
    UrlPath(org): UrlPath<String>,
) -> Result<Json<Value>, ApiError> {
    editor.require_organisation(&org)?;
    let publishing = publishing(&state)?;
    blocking(move || {
        let proposals = publishing.store.proposals(&org).map_err(store_error)?;
        Ok(Json(Value::Array(
            proposals.iter().map(proposal_json).collect(),
        )))
    })
    .await
}

/// `POST api/organisaties/<org>/voorstellen/<id>/goedkeuren`: published, by its author,
/// approved by this editor.
pub async fn approve(
    State(state): State<AppState>,
    editor: Editor,
    UrlPath((org, id)): UrlPath<(String, String)>,
) -> Result<Response, ApiError> {
    editor.require_organisation(&org)?;
    let publishing = publishing(&state)?;
    let who = author(&editor);
    let (p, o, proposal) = (publishing.clone(), org.clone(), id.clone());
    blocking(move || {
        let proposal = p.store.proposal(&o, &proposal).map_err(store_error)?;
        checked_as(&o, &proposal.content, PROPOSAL_REFUSED)
    })
    .await?;
    let o = org.clone();
    publish_change(&state, publishing, &org, move |store| {
        store.approve(&o, &id, &who)
    })
    .await
}

/// `POST api/organisaties/<org>/voorstellen/<id>/intrekken`: its author takes it back
/// (waiting, or returned and read); nothing is published.
pub async fn withdraw(
    State(state): State<AppState>,
    editor: Editor,
    UrlPath((org, id)): UrlPath<(String, String)>,
) -> Result<StatusCode, ApiError> {
    editor.require_organisation(&org)?;
    let publishing = publishing(&state)?;
    let who = author(&editor);
    blocking(move || {
        publishing
            .store
            .withdraw(&org, &id, &who)
            .map_err(|e| refusal(&publishing, &org, e))
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
pub struct ReturnBody {
    opmerking: String,
}

/// `POST api/organisaties/<org>/voorstellen/<id>/terugsturen`: back to its author with a
/// remark.
pub async fn send_back(
    State(state): State<AppState>,
    editor: Editor,
    UrlPath((org, id)): UrlPath<(String, String)>,
    JsonBody(body): JsonBody<ReturnBody>,
) -> Result<StatusCode, ApiError> {
    editor.require_organisation(&org)?;
    let publishing = publishing(&state)?;
    let remark = body.opmerking.trim().to_string();
    // As long as a note at most: every editor of the organisation reads it.
    if remark.is_empty() || remark.chars().count() > MAX_NOTE {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("Schrijf kort waarom je het voorstel terugstuurt, in ten hoogste {MAX_NOTE} tekens."),
        ));
    }
    let who = author(&editor);
    blocking(move || {
        publishing
            .store
            .return_proposal(&org, &id, &who, &remark)
            .map_err(|e| match e {
                PublishError::OwnProposal => ApiError::new(
                    StatusCode::FORBIDDEN,
                    "Je eigen voorstel stuurt een andere redacteur terug.",
                ),
                e => refusal(&publishing, &org, e),
            })
    })
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
