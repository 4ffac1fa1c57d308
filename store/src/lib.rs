//! koers-store: the editors' content repository of koers-server.
//!
//! Content lives in a **bare** git repository (no work tree, no index: nothing in it is
//! ever checked out), branch `main`, with the checkout's layout: `public/content/index.json`
//! and `public/content/<slug>.json`. A host who wants the files runs
//! `git clone DATA/repo`, and `cargo xtask dist` in that clone builds the same site.
//! Everything goes through the `git` command's plumbing (`hash-object`, `mktree`,
//! `commit-tree`, `update-ref`), never through the machine user's git configuration
//! (no system or global config, no `GIT_*` variables, no hooks, no signing).
//!
//! - [`Store::init`] makes the repository from a content folder (the checkout's
//!   `public/content`): one commit by "Koers", "Inhoud overgenomen". On a repository
//!   that exists it only opens it.
//! - [`Store::open`] opens it, with the folder for proposals (`DATA/proposals`).
//! - [`Store::organisations`]: the organisations of `index.json` on `main`.
//! - [`Store::current`]: an organisation's [`Version`]: the id of the last commit on
//!   `main` that changed its file, and the file.
//! - [`Store::at`]: the organisation's file at a commit of `main`'s history.
//! - [`Store::history`]: the commits that changed the organisation's file, newest first.
//! - [`Store::publish`]: a new commit on `main` that changes only that organisation's
//!   file. It starts from `base`, the version the editor opened: when a commit since
//!   then changed the same file, it is refused ([`PublishError::Conflict`], with the
//!   current version and the commits since); commits to other organisations are no
//!   conflict. Publishing a file equal to the current one makes no commit
//!   ([`Published::changed`] is false).
//! - [`Store::rollback`]: publishes the file of an older version again, with the note
//!   "Versie van 3 december 2026 teruggezet".
//! - Four eyes: [`Store::propose`], [`Store::proposals`], [`Store::approve`] (never by
//!   the proposal's author; the conflict check starts from the proposal's base),
//!   [`Store::return_proposal`] (with a remark; a returned proposal can no longer be
//!   approved), [`Store::withdraw`].
//!
//! A commit's message is the note, then a paragraph of trailers:
//! `Koers-Organisation: <slug>`, and where they apply `Koers-Approved-By: <name> <<id>>`,
//! `Koers-Proposal: <id>`, `Koers-Restored: <commit>`. Its author is the editor, as
//! `<name> <<editor-id>@editors.koers.invalid>`, the committer the editor who published
//! it (the approver for a proposal). Dates are set explicitly (the store's clock, see
//! [`Store::with_clock`]) in Belgian time.
//!
//! ## Safe to share, safe to kill
//! Writes in one process go one at a time (a mutex). Between processes, `main` moves
//! only by compare and swap (`git update-ref refs/heads/main NEW OLD`): when `main`
//! moved since a publish read it, the publish starts again on the new tip when the
//! organisation's file is still the one of `base`, and is a conflict otherwise. A
//! process killed at any moment leaves `main` at the old commit or the new one (git
//! renames a reference's lock file over it); objects it wrote are harmless. The lock
//! files such a process leaves (`refs/**/*.lock`, `HEAD.lock`, `packed-refs.lock`, ...)
//! and its temporary proposal files are removed when a store opens while no other
//! store has the repository open (each open store holds a shared `flock` on
//! `koers-store.flock` in the repository; an open that gets it exclusively knows no
//! writer is alive). A service manager should stop the whole process group (systemd
//! does), so that no `git` of a killed server goes on alone.
//!
//! Checking content is not the store's job: koers-server checks it (koers-content)
//! before it publishes.

mod git;
mod proposals;
mod time;

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use git::{Git, Ident};
pub use proposals::{Proposal, Returned};
pub use time::Timestamp;

/// The branch content is published on.
const MAIN: &str = "refs/heads/main";
/// Where the content is in the repository.
const CONTENT: [&str; 2] = ["public", "content"];
const INDEX: &str = "public/content/index.json";
/// The domain of the editors' e-mail addresses in commits.
const EDITOR_DOMAIN: &str = "@editors.koers.invalid";
/// The file every open store holds a shared lock on (see the crate's documentation).
const OPEN_LOCK: &str = "koers-store.flock";

pub const TRAILER_ORGANISATION: &str = "Koers-Organisation";
pub const TRAILER_APPROVED_BY: &str = "Koers-Approved-By";
pub const TRAILER_PROPOSAL: &str = "Koers-Proposal";
pub const TRAILER_RESTORED: &str = "Koers-Restored";

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{command}: {message}")]
    Git { command: String, message: String },
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: io::Error },
    #[error("{}: {source}", path.display())]
    Json {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("{}: no content repository (a bare git repository with a branch main)", .0.display())]
    NoRepository(PathBuf),
    #[error("{}: {message}", path.display())]
    ContentFolder { path: PathBuf, message: String },
    #[error("there is no organisation {0}")]
    UnknownOrganisation(String),
    #[error("{org} has no version {commit}")]
    UnknownVersion { org: String, commit: String },
    #[error("{org} has no proposal {id}")]
    UnknownProposal { org: String, id: String },
    #[error("not a valid {what}: {value:?}")]
    Invalid { what: &'static str, value: String },
}

/// Why a publish (or a proposal, an approval, a rollback) was not done.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    /// The organisation changed since `base`: the current version and the commits
    /// since, newest first.
    #[error("the organisation was published by someone else since this version")]
    Conflict { current: Version, since: Vec<Entry> },
    /// `base` is not a commit of `main`'s history.
    #[error("{0} is not a version of this repository")]
    UnknownBase(String),
    /// The editor who would approve or return the proposal is its author.
    #[error("an editor cannot approve or return their own proposal")]
    OwnProposal,
    /// The proposal was returned to its author.
    #[error("the proposal was returned to its author")]
    Returned,
    /// The editor who would withdraw the proposal is not its author.
    #[error("only its author can withdraw a proposal")]
    NotOwnProposal,
    #[error(transparent)]
    Store(#[from] Error),
}

/// An editor, as the accounts know them. `id` is made of ASCII letters, digits, `-`
/// and `_`; `name` is shown (in commits without `<`, `>` and control characters).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Editor {
    pub id: String,
    pub name: String,
}

/// An organisation of `index.json`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Organisation {
    pub slug: String,
    pub name: String,
}

/// A version of an organisation: the last commit on `main` that changed its file (when
/// it was read), and that file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    pub commit: String,
    pub content: String,
}

/// A commit of an organisation's history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub commit: String,
    pub author_name: String,
    /// The editor's id; `None` for commits not made by an editor (the first one).
    pub author_id: Option<String>,
    /// When it was published (the committer date).
    pub when: Timestamp,
    /// The message without its trailers.
    pub note: String,
    /// Who approved it, for a proposal.
    pub approved_by: Option<Editor>,
    /// Every trailer (`Koers-…: value`), in order.
    pub trailers: Vec<(String, String)>,
}

impl Entry {
    /// The value of the first trailer named `key`.
    pub fn trailer(&self, key: &str) -> Option<&str> {
        self.trailers
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// A publish that was done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Published {
    /// The organisation's version now: the new commit, or, when nothing changed, the
    /// version that was current.
    pub commit: String,
    /// False when the file was the same as the current one: no commit was made.
    pub changed: bool,
}

type Clock = Arc<dyn Fn() -> Timestamp + Send + Sync>;

/// The content repository; share it between threads (`Arc<Store>`).
pub struct Store {
    git: Git,
    proposals: PathBuf,
    writing: Mutex<()>,
    clock: Clock,
    recovered: Vec<PathBuf>,
    /// Holds the shared lock while the store is open.
    _open: fs::File,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("repository", &self.git.dir)
            .field("proposals", &self.proposals)
            .finish_non_exhaustive()
    }
}

/// One change to commit: the organisation's new file and who made it.
struct Change<'a> {
    org: &'a str,
    content: &'a str,
    base: &'a str,
    author: &'a Editor,
    authored: Timestamp,
    committer: &'a Editor,
    message: String,
}

impl Store {
    /// Makes the repository at `repo` from a content folder (`index.json` and a
    /// `<slug>.json` for each organisation it lists; every `*.json` file of the folder
    /// is taken), unless it exists: then it only opens it, unchanged.
    pub fn init(repo: &Path, content: &Path, proposals: &Path) -> Result<Store> {
        if repo.join("HEAD").is_file() && Git::new(repo).commit_id(MAIN)?.is_some() {
            return Store::open(repo, proposals);
        }
        let files = read_content_folder(content)?;
        let not_empty = fs::read_dir(repo).is_ok_and(|mut d| d.next().is_some());
        if not_empty && !repo.join("HEAD").is_file() {
            return Err(Error::NoRepository(repo.to_path_buf()));
        }
        fs::create_dir_all(repo).map_err(|source| Error::Io {
            path: repo.to_path_buf(),
            source,
        })?;
        let mut init = git::bare_command();
        init.current_dir(repo);
        Git::new(repo).run_with(
            init,
            &[
                "init",
                "--bare",
                "--quiet",
                "--initial-branch=main",
                "--template=",
                ".",
            ],
            None,
        )?;
        let store = Store::open_repository(repo, proposals)?;
        store.import(&files)?;
        Ok(store)
    }

    /// Opens the repository at `repo`, with proposals in the folder `proposals` (made
    /// where missing). When no other store has it open, lock files and temporary files
    /// a killed process left are removed first ([`Store::recovered`] lists them).
    pub fn open(repo: &Path, proposals: &Path) -> Result<Store> {
        let store = Store::open_repository(repo, proposals)?;
        store.tip()?;
        Ok(store)
    }

    fn open_repository(repo: &Path, proposals: &Path) -> Result<Store> {
        if !repo.join("HEAD").is_file() || !repo.join("objects").is_dir() {
            return Err(Error::NoRepository(repo.to_path_buf()));
        }
        let io_error = |path: &Path| {
            let path = path.to_path_buf();
            move |source| Error::Io { path, source }
        };
        fs::create_dir_all(proposals).map_err(io_error(proposals))?;
        let lock_path = repo.join(OPEN_LOCK);
        let open = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(io_error(&lock_path))?;
        let mut recovered = Vec::new();
        match open.try_lock() {
            Ok(()) => {
                recovered = remove_stale_locks(repo)?;
                recovered.extend(proposals::remove_temporary(proposals)?);
            }
            Err(fs::TryLockError::WouldBlock) => {}
            Err(fs::TryLockError::Error(e)) => return Err(io_error(&lock_path)(e)),
        }
        // From exclusive (or nothing) to shared: other stores may open now.
        open.lock_shared().map_err(io_error(&lock_path))?;
        Ok(Store {
            git: Git::new(repo),
            proposals: proposals.to_path_buf(),
            writing: Mutex::new(()),
            clock: Arc::new(Timestamp::now),
            recovered,
            _open: open,
        })
    }

    /// The store with another clock for the dates of commits and proposals (tests).
    pub fn with_clock(mut self, clock: impl Fn() -> Timestamp + Send + Sync + 'static) -> Store {
        self.clock = Arc::new(clock);
        self
    }

    /// The lock and temporary files a killed process had left, removed at open.
    pub fn recovered(&self) -> &[PathBuf] {
        &self.recovered
    }

    /// The git directory.
    pub fn repository(&self) -> &Path {
        &self.git.dir
    }

    /// The commit `main` is at.
    pub fn tip(&self) -> Result<String> {
        self.git
            .commit_id(MAIN)?
            .ok_or_else(|| Error::NoRepository(self.git.dir.clone()))
    }

    /// The organisations of `index.json` on `main`, in its order.
    pub fn organisations(&self) -> Result<Vec<Organisation>> {
        #[derive(Deserialize)]
        struct Index {
            organisations: Vec<Organisation>,
        }
        let tip = self.tip()?;
        let bytes = self
            .git
            .file_at(&tip, INDEX)?
            .ok_or_else(|| Error::NoRepository(self.git.dir.clone()))?;
        let index: Index = serde_json::from_slice(&bytes).map_err(|source| Error::Json {
            path: PathBuf::from(INDEX),
            source,
        })?;
        Ok(index.organisations)
    }

    /// The organisation's version on `main` now.
    pub fn current(&self, org: &str) -> Result<Version> {
        check_slug(org)?;
        self.version_at(org, &self.tip()?)
    }

    /// Writes the content of `commit` (a commit of `main`'s history) into the folder
    /// `dir` (made when missing) as the checkout's `public/content/` holds it:
    /// `index.json` and every other file of that folder. What `cargo xtask site` and
    /// koers-server's build read.
    pub fn export(&self, commit: &str, dir: &Path) -> Result<()> {
        let unknown = || Error::Invalid {
            what: "version",
            value: commit.into(),
        };
        let commit = self.known_commit(commit, None)?.ok_or_else(unknown)?;
        let folder = INDEX.rsplit_once('/').map_or("", |(folder, _)| folder);
        let names = self
            .git
            .text(&["ls-tree", "--name-only", &format!("{commit}:{folder}")])?;
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        for name in names.lines().filter(|n| n.ends_with(".json")) {
            let bytes = self
                .git
                .file_at(&commit, &format!("{folder}/{name}"))?
                .ok_or_else(unknown)?;
            let path = dir.join(name);
            std::fs::write(&path, bytes).map_err(|source| Error::Io { path, source })?;
        }
        Ok(())
    }

    /// The organisation's file at `commit`, a commit of `main`'s history (by its full
    /// id) that has it.
    pub fn at(&self, org: &str, commit: &str) -> Result<String> {
        check_slug(org)?;
        let unknown = || Error::UnknownVersion {
            org: org.into(),
            commit: commit.into(),
        };
        let commit = self.known_commit(commit, None)?.ok_or_else(unknown)?;
        let bytes = self
            .git
            .file_at(&commit, &content_path(org))?
            .ok_or_else(unknown)?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }

    /// The commits of `main` that changed the organisation's file, newest first.
    pub fn history(&self, org: &str) -> Result<Vec<Entry>> {
        check_slug(org)?;
        let tip = self.tip()?;
        let path = content_path(org);
        if self.git.file_at(&tip, &path)?.is_none() {
            return Err(Error::UnknownOrganisation(org.into()));
        }
        self.log(&[&tip], &path)
    }

    /// Publishes the organisation's new file, made by `editor` from the version `base`,
    /// with `note` ("Wat is er veranderd?").
    pub fn publish(
        &self,
        org: &str,
        content: &str,
        base: &str,
        editor: &Editor,
        note: &str,
    ) -> Result<Published, PublishError> {
        self.publish_with(org, content, base, editor, note, &[])
    }

    /// [`Store::publish`] with more trailers in the message (`Key: value`; keys of
    /// ASCII letters, digits and `-`, values on one line).
    pub fn publish_with(
        &self,
        org: &str,
        content: &str,
        base: &str,
        editor: &Editor,
        note: &str,
        trailers: &[(&str, &str)],
    ) -> Result<Published, PublishError> {
        check_slug(org)?;
        check_editor(editor)?;
        let mut all = vec![(TRAILER_ORGANISATION.to_string(), org.to_string())];
        for (key, value) in trailers {
            all.push(check_trailer(key, value)?);
        }
        let _writing = self.writing();
        self.commit_change(&Change {
            org,
            content,
            base,
            author: editor,
            authored: self.now(),
            committer: editor,
            message: message(note, &all),
        })
    }

    /// Publishes the organisation's file of the version `to` again (from `base`, as
    /// [`Store::publish`]), with the note [`Store::rollback_note`].
    pub fn rollback(
        &self,
        org: &str,
        to: &str,
        base: &str,
        editor: &Editor,
        note: &str,
    ) -> Result<Published, PublishError> {
        let content = self.at(org, to)?;
        let note = self.rollback_note(to, note)?;
        self.publish_with(
            org,
            &content,
            base,
            editor,
            &note,
            &[(TRAILER_RESTORED, to)],
        )
    }

    /// "Versie van <the day `to` was published, in Dutch> teruggezet", and `note` below
    /// it (also for a proposal that restores a version).
    pub fn rollback_note(&self, to: &str, note: &str) -> Result<String> {
        let commit = self.known_commit(to, None)?.ok_or_else(|| Error::Invalid {
            what: "version",
            value: to.into(),
        })?;
        let seconds = self.git.text(&["log", "-1", "--format=%ct", &commit])?;
        let when = Timestamp(seconds.parse().map_err(|_| Error::Git {
            command: "git log --format=%ct".into(),
            message: format!("not a date: {seconds:?}"),
        })?);
        let first = format!("Versie van {} teruggezet", when.dutch_date());
        let note = clean_text(note);
        Ok(if note.is_empty() {
            first
        } else {
            format!("{first}\n\n{note}")
        })
    }

    /// Stores a change as a proposal for a second editor; its id. Refused as a conflict,
    /// as a publish, when the organisation changed since `base`.
    pub fn propose(
        &self,
        org: &str,
        content: &str,
        base: &str,
        editor: &Editor,
        note: &str,
    ) -> Result<String, PublishError> {
        check_slug(org)?;
        check_editor(editor)?;
        let _writing = self.writing();
        let tip = self.tip()?;
        self.check_base(org, base, &tip)?;
        let proposal = Proposal {
            id: proposals::new_id()?,
            author: editor.clone(),
            when: self.now(),
            note: clean_text(note),
            base: base.to_ascii_lowercase(),
            content: content.into(),
            returned: None,
        };
        proposals::write(&self.proposals, org, &proposal)?;
        Ok(proposal.id)
    }

    /// The organisation's proposals, oldest first.
    pub fn proposals(&self, org: &str) -> Result<Vec<Proposal>> {
        check_slug(org)?;
        proposals::list(&self.proposals, org)
    }

    /// One proposal.
    pub fn proposal(&self, org: &str, id: &str) -> Result<Proposal> {
        check_slug(org)?;
        check_proposal_id(id)?;
        proposals::read(&self.proposals, org, id)
    }

    /// Publishes a proposal, approved by `approver` (not its author); the proposal is
    /// gone afterwards. The commit's author is the proposal's, its committer the
    /// approver, named in a trailer `Koers-Approved-By`.
    pub fn approve(
        &self,
        org: &str,
        id: &str,
        approver: &Editor,
    ) -> Result<Published, PublishError> {
        check_slug(org)?;
        check_proposal_id(id)?;
        check_editor(approver)?;
        let _writing = self.writing();
        let proposal = proposals::read(&self.proposals, org, id)?;
        if proposal.author.id == approver.id {
            return Err(PublishError::OwnProposal);
        }
        if proposal.returned.is_some() {
            return Err(PublishError::Returned);
        }
        let trailers = [
            (TRAILER_ORGANISATION.to_string(), org.to_string()),
            (
                TRAILER_APPROVED_BY.to_string(),
                format!("{} <{}>", ident_name(approver), approver.id),
            ),
            (TRAILER_PROPOSAL.to_string(), id.to_string()),
        ];
        let published = match self.commit_change(&Change {
            org,
            content: &proposal.content,
            base: &proposal.base,
            author: &proposal.author,
            authored: proposal.when,
            committer: approver,
            message: message(&proposal.note, &trailers),
        }) {
            // A process killed after the commit and before the proposal was removed.
            Err(PublishError::Conflict { current, since }) => {
                match since
                    .iter()
                    .find(|e| e.trailer(TRAILER_PROPOSAL) == Some(id))
                {
                    Some(done) => Published {
                        commit: done.commit.clone(),
                        changed: true,
                    },
                    None => return Err(PublishError::Conflict { current, since }),
                }
            }
            other => other?,
        };
        proposals::remove(&self.proposals, org, id)?;
        Ok(published)
    }

    /// Sends a proposal back to its author with a remark; it stays, to be read, until
    /// it is withdrawn.
    pub fn return_proposal(
        &self,
        org: &str,
        id: &str,
        by: &Editor,
        remark: &str,
    ) -> Result<(), PublishError> {
        check_slug(org)?;
        check_proposal_id(id)?;
        check_editor(by)?;
        let _writing = self.writing();
        let mut proposal = proposals::read(&self.proposals, org, id)?;
        if proposal.author.id == by.id {
            return Err(PublishError::OwnProposal);
        }
        proposal.returned = Some(Returned {
            by: by.clone(),
            remark: clean_text(remark),
            when: self.now(),
        });
        Ok(proposals::write(&self.proposals, org, &proposal)?)
    }

    /// Removes a proposal: its author withdraws it (waiting, or returned and read).
    /// Nobody else can: another editor sends it back instead.
    pub fn withdraw(&self, org: &str, id: &str, by: &Editor) -> Result<(), PublishError> {
        check_slug(org)?;
        check_proposal_id(id)?;
        check_editor(by)?;
        let _writing = self.writing();
        let proposal = proposals::read(&self.proposals, org, id)?;
        if proposal.author.id != by.id {
            return Err(PublishError::NotOwnProposal);
        }
        Ok(proposals::remove(&self.proposals, org, id)?)
    }

    fn writing(&self) -> MutexGuard<'_, ()> {
        self.writing.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn now(&self) -> Timestamp {
        (self.clock)()
    }

    /// The full id of `commit` when it is one of the history of `tip` (`main`'s when
    /// `None`).
    fn known_commit(&self, commit: &str, tip: Option<&str>) -> Result<Option<String>> {
        let commit = commit.to_ascii_lowercase();
        if commit.len() != 40 || !commit.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(None);
        }
        let Some(commit) = self.git.commit_id(&commit)? else {
            return Ok(None);
        };
        let tip = match tip {
            Some(tip) => tip.to_string(),
            None => self.tip()?,
        };
        Ok(self.git.is_ancestor(&commit, &tip)?.then_some(commit))
    }

    fn version_at(&self, org: &str, tip: &str) -> Result<Version> {
        let path = content_path(org);
        let bytes = self
            .git
            .file_at(tip, &path)?
            .ok_or_else(|| Error::UnknownOrganisation(org.into()))?;
        let commit = self.git.text(&["rev-list", "-1", tip, "--", &path])?;
        Ok(Version {
            commit,
            content: String::from_utf8_lossy(&bytes).into_owned(),
        })
    }

    /// Refuses `base` when it is not of `main`'s history (at `tip`), or when a commit
    /// since changed the organisation's file.
    fn check_base(&self, org: &str, base: &str, tip: &str) -> Result<(), PublishError> {
        let Some(base_id) = self.known_commit(base, Some(tip))? else {
            return Err(PublishError::UnknownBase(base.into()));
        };
        let path = content_path(org);
        let since = self.log(&[tip, &format!("^{base_id}")], &path)?;
        if since.is_empty() {
            return Ok(());
        }
        Err(PublishError::Conflict {
            current: self.version_at(org, tip)?,
            since,
        })
    }

    /// Commits a change on `main`'s tip, by compare and swap; again on the new tip while
    /// others move `main` and the organisation's file stays the one of `base`.
    fn commit_change(&self, change: &Change) -> Result<Published, PublishError> {
        let path = content_path(change.org);
        let mut waits = 0u32;
        loop {
            let tip = self.tip()?;
            let current = self.version_at(change.org, &tip)?;
            if current.content == change.content {
                return Ok(Published {
                    commit: current.commit,
                    changed: false,
                });
            }
            self.check_base(change.org, change.base, &tip)?;
            let blob = self.git.write_blob(change.content.as_bytes())?;
            let parts: Vec<&str> = path.split('/').collect();
            let mut tree =
                self.git
                    .tree_with_file(Some(&format!("{tip}^{{tree}}")), &parts, &blob)?;
            if let Some(index) = self.index_with_name(&tip, change.org, change.content)? {
                let blob = self.git.write_blob(index.as_bytes())?;
                let parts: Vec<&str> = INDEX.split('/').collect();
                tree = self.git.tree_with_file(Some(&tree), &parts, &blob)?;
            }
            let (author, committer) = (ident_name(change.author), ident_name(change.committer));
            let (author_email, committer_email) = (
                format!("{}{EDITOR_DOMAIN}", change.author.id),
                format!("{}{EDITOR_DOMAIN}", change.committer.id),
            );
            let (authored, committed) = (change.authored.git(), self.now().git());
            let commit = self.git.commit_tree(
                &tree,
                Some(&tip),
                &change.message,
                &Ident {
                    name: &author,
                    email: &author_email,
                    date: &authored,
                },
                &Ident {
                    name: &committer,
                    email: &committer_email,
                    date: &committed,
                },
            )?;
            if self.git.swap_ref(MAIN, &commit, &tip)? {
                return Ok(Published {
                    commit,
                    changed: true,
                });
            }
            if self.tip()? == tip {
                // Not moved: another process holds main's lock for a moment.
                waits += 1;
                if waits > 100 {
                    return Err(Error::Git {
                        command: format!("git update-ref {MAIN}"),
                        message: "main stayed locked by another process".into(),
                    }
                    .into());
                }
                std::thread::sleep(Duration::from_millis(10));
            }
        }
    }

    /// `index.json` at `tip` with the name of `org` as its new file `content` has it,
    /// when that name is another (the index names each organisation as its file does:
    /// `check-content` refuses a difference); `None` when it is the same, or either
    /// cannot be read (the server checks the content before it publishes).
    fn index_with_name(&self, tip: &str, org: &str, content: &str) -> Result<Option<String>> {
        let Some(name) = serde_json::from_str::<serde_json::Value>(content)
            .ok()
            .and_then(|v| v.get("name")?.as_str().map(str::to_string))
        else {
            return Ok(None);
        };
        let Some(bytes) = self.git.file_at(tip, INDEX)? else {
            return Ok(None);
        };
        let Ok(mut index) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
            return Ok(None);
        };
        let Some(entry) = index
            .get_mut("organisations")
            .and_then(|o| o.as_array_mut())
            .and_then(|o| {
                o.iter_mut()
                    .find(|e| e.get("slug").and_then(|s| s.as_str()) == Some(org))
            })
        else {
            return Ok(None);
        };
        if entry.get("name").and_then(|n| n.as_str()) == Some(name.as_str()) {
            return Ok(None);
        }
        entry["name"] = serde_json::Value::String(name);
        let text = serde_json::to_string_pretty(&index).map_err(|source| Error::Json {
            path: PathBuf::from(INDEX),
            source,
        })?;
        Ok(Some(format!("{text}\n")))
    }

    /// The commits of `revs` that changed `path`, newest first.
    fn log(&self, revs: &[&str], path: &str) -> Result<Vec<Entry>> {
        let mut args = vec![
            "log",
            "-z",
            "--no-color",
            "--format=%H%x00%an%x00%ae%x00%ct%x00%B",
        ];
        args.extend(revs);
        args.extend(["--", path]);
        let out = self.git.run(&args, None)?;
        let out = String::from_utf8_lossy(&out);
        let mut fields: Vec<&str> = out.split('\0').collect();
        if fields.len() % 5 == 1 && fields.last() == Some(&"") {
            fields.pop();
        }
        if !fields.len().is_multiple_of(5) {
            return Err(Error::Git {
                command: args.join(" "),
                message: "wrote a log git does not write".into(),
            });
        }
        Ok(fields
            .chunks(5)
            .map(|f| {
                let (note, trailers) = parse_message(f[4]);
                let approved_by = trailers
                    .iter()
                    .find(|(k, _)| k == TRAILER_APPROVED_BY)
                    .and_then(|(_, v)| parse_editor(v));
                Entry {
                    commit: f[0].to_string(),
                    author_name: f[1].to_string(),
                    author_id: f[2].strip_suffix(EDITOR_DOMAIN).map(str::to_string),
                    when: Timestamp(f[3].parse().unwrap_or(0)),
                    note,
                    approved_by,
                    trailers,
                }
            })
            .collect())
    }

    /// The first commit: the content folder's files, by "Koers".
    fn import(&self, files: &[(String, Vec<u8>)]) -> Result<()> {
        let mut entries = Vec::new();
        for (name, bytes) in files {
            entries.push(git::TreeEntry {
                mode: "100644".into(),
                kind: "blob".into(),
                oid: self.git.write_blob(bytes)?,
                name: name.clone(),
            });
        }
        let mut tree = self.git.make_tree(&entries)?;
        for folder in CONTENT.iter().rev() {
            tree = self.git.make_tree(&[git::TreeEntry {
                mode: "040000".into(),
                kind: "tree".into(),
                oid: tree,
                name: folder.to_string(),
            }])?;
        }
        let date = self.now().git();
        let koers = Ident {
            name: "Koers",
            email: "koers@koers.invalid",
            date: &date,
        };
        let commit = self
            .git
            .commit_tree(&tree, None, "Inhoud overgenomen\n", &koers, &koers)?;
        // When another process made main in the meantime, its first commit stays.
        self.git.swap_ref(MAIN, &commit, "")?;
        Ok(())
    }
}

fn content_path(org: &str) -> String {
    format!("{}/{org}.json", CONTENT.join("/"))
}

/// `index.json` and every other `*.json` file of a content folder, checked only for
/// the files `index.json` names.
fn read_content_folder(folder: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let problem = |message: String| Error::ContentFolder {
        path: folder.to_path_buf(),
        message,
    };
    let io_error = |source| Error::Io {
        path: folder.to_path_buf(),
        source,
    };
    let mut files = Vec::new();
    for entry in fs::read_dir(folder).map_err(io_error)? {
        let entry = entry.map_err(io_error)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".json") && entry.file_type().map_err(io_error)?.is_file() {
            let bytes = fs::read(entry.path()).map_err(io_error)?;
            files.push((name, bytes));
        }
    }
    files.sort();
    let index = files
        .iter()
        .find(|(name, _)| name == "index.json")
        .ok_or_else(|| problem("has no index.json".into()))?;
    #[derive(Deserialize)]
    struct Index {
        organisations: Vec<Organisation>,
    }
    let index: Index = serde_json::from_slice(&index.1).map_err(|source| Error::Json {
        path: folder.join("index.json"),
        source,
    })?;
    for org in &index.organisations {
        check_slug(&org.slug)?;
        let file = format!("{}.json", org.slug);
        if !files.iter().any(|(name, _)| *name == file) {
            return Err(problem(format!(
                "index.json names {file}, which is missing"
            )));
        }
    }
    Ok(files)
}

/// Removes the lock files git leaves when it is killed while it holds them.
fn remove_stale_locks(repo: &Path) -> Result<Vec<PathBuf>> {
    fn walk(folder: &Path, removed: &mut Vec<PathBuf>) -> Result<()> {
        let Ok(entries) = fs::read_dir(folder) else {
            return Ok(());
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                walk(&path, removed)?;
            } else if path.extension().is_some_and(|e| e == "lock") {
                remove(path, removed)?;
            }
        }
        Ok(())
    }
    fn remove(path: PathBuf, removed: &mut Vec<PathBuf>) -> Result<()> {
        match fs::remove_file(&path) {
            Ok(()) => {
                removed.push(path);
                Ok(())
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(Error::Io { path, source }),
        }
    }
    let mut removed = Vec::new();
    for name in [
        "HEAD.lock",
        "index.lock",
        "packed-refs.lock",
        "config.lock",
        "shallow.lock",
    ] {
        remove(repo.join(name), &mut removed)?;
    }
    walk(&repo.join("refs"), &mut removed)?;
    Ok(removed)
}

/// A commit message: the note, then the trailers' paragraph.
fn message(note: &str, trailers: &[(String, String)]) -> String {
    let note = clean_text(note);
    let mut message = String::new();
    if !note.is_empty() {
        message.push_str(&note);
        message.push_str("\n\n");
    }
    for (key, value) in trailers {
        message.push_str(&format!("{key}: {value}\n"));
    }
    message
}

/// A message's note and trailers: the trailers are the last paragraph when all its
/// lines are `Key: value` and one key starts with `Koers-`.
fn parse_message(message: &str) -> (String, Vec<(String, String)>) {
    let message = message.trim_end();
    let (body, last) = match message.rfind("\n\n") {
        Some(at) => (&message[..at], &message[at + 2..]),
        None => ("", message),
    };
    let trailers: Option<Vec<(String, String)>> = last
        .lines()
        .map(|line| {
            let (key, value) = line.split_once(": ")?;
            is_trailer_key(key).then(|| (key.to_string(), value.to_string()))
        })
        .collect();
    match trailers {
        Some(trailers) if trailers.iter().any(|(k, _)| k.starts_with("Koers-")) => {
            (body.trim().to_string(), trailers)
        }
        _ => (message.trim().to_string(), Vec::new()),
    }
}

fn is_trailer_key(key: &str) -> bool {
    !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

fn check_trailer(key: &str, value: &str) -> Result<(String, String)> {
    if !is_trailer_key(key) {
        return Err(Error::Invalid {
            what: "trailer key",
            value: key.into(),
        });
    }
    if value.is_empty() || value.chars().any(char::is_control) {
        return Err(Error::Invalid {
            what: "trailer value",
            value: value.into(),
        });
    }
    Ok((key.into(), value.into()))
}

/// `Name <id>` of a `Koers-Approved-By` trailer.
fn parse_editor(value: &str) -> Option<Editor> {
    let (name, id) = value.rsplit_once(" <")?;
    Some(Editor {
        id: id.strip_suffix('>')?.to_string(),
        name: name.to_string(),
    })
}

/// A note or remark as stored: line ends `\n`, no other control characters but tabs,
/// no blank lines around it.
fn clean_text(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .collect::<String>()
        .trim()
        .to_string()
}

/// An editor's name as git keeps it in a commit: without `<`, `>` and control
/// characters, and without what git trims at its ends; the id when nothing is left.
fn ident_name(editor: &Editor) -> String {
    let name: String = editor
        .name
        .chars()
        .filter(|&c| c != '<' && c != '>' && !c.is_control())
        .collect();
    let name = name.trim_matches(|c: char| c <= ' ' || ".,:;<>\"\\'".contains(c));
    if name.is_empty() {
        editor.id.clone()
    } else {
        name.to_string()
    }
}

fn check_slug(org: &str) -> Result<()> {
    let valid = !org.is_empty()
        && org.len() <= 100
        && !org.starts_with('-')
        && org
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && org != "index";
    if valid {
        Ok(())
    } else {
        Err(Error::Invalid {
            what: "organisation",
            value: org.into(),
        })
    }
}

fn check_editor(editor: &Editor) -> Result<()> {
    check_id("editor id", &editor.id)
}

fn check_proposal_id(id: &str) -> Result<()> {
    check_id("proposal id", id)
}

fn check_id(what: &'static str, id: &str) -> Result<()> {
    let valid = !id.is_empty()
        && id.len() <= 100
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if valid {
        Ok(())
    } else {
        Err(Error::Invalid {
            what,
            value: id.into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_is_the_note_and_its_trailers() {
        let trailers = vec![
            (TRAILER_ORGANISATION.to_string(), "gent".to_string()),
            (
                TRAILER_APPROVED_BY.to_string(),
                "An Peeters <a1>".to_string(),
            ),
        ];
        let text = message("  Telefoon\r\n\r\nnieuw nummer \u{7}\n", &trailers);
        assert_eq!(
            text,
            "Telefoon\n\nnieuw nummer\n\nKoers-Organisation: gent\nKoers-Approved-By: An Peeters <a1>\n"
        );
        let (note, parsed) = parse_message(&text);
        assert_eq!(note, "Telefoon\n\nnieuw nummer");
        assert_eq!(parsed, trailers);
        assert_eq!(
            parse_editor(&parsed[1].1),
            Some(Editor {
                id: "a1".into(),
                name: "An Peeters".into()
            })
        );
        // No note: the trailers alone.
        assert_eq!(parse_message(&message("", &trailers[..1])).0, "");
        // A note that looks like trailers is a note when ours follow.
        let text = message("Koers-Organisation: ander", &trailers[..1]);
        assert_eq!(parse_message(&text).0, "Koers-Organisation: ander");
        assert_eq!(
            parse_message("Inhoud overgenomen\n"),
            ("Inhoud overgenomen".into(), vec![])
        );
    }

    #[test]
    fn names_ids_and_slugs() {
        let editor = |name: &str| Editor {
            id: "e1".into(),
            name: name.into(),
        };
        assert_eq!(ident_name(&editor(" Jan <P.>\n")), "Jan P");
        assert_eq!(ident_name(&editor("<>")), "e1");
        assert!(check_slug("heusden-zolder").is_ok());
        for bad in ["", "../x", "A", "-x", "index", "a/b", "a.json"] {
            assert!(check_slug(bad).is_err(), "{bad}");
        }
        assert!(check_id("editor id", "a-Z_9").is_ok());
        for bad in ["", "a b", "a@b", "a/b", "a.b"] {
            assert!(check_id("editor id", bad).is_err(), "{bad}");
        }
        assert!(check_trailer("Koers-X", "y").is_ok());
        assert!(check_trailer("Koers X", "y").is_err());
        assert!(check_trailer("Koers-X", "y\nKoers-Organisation: z").is_err());
    }
}
