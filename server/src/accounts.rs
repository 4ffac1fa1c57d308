//! The editors' accounts, in `DATA/accounts.json`: editors and their passkeys, invites,
//! and each organisation's settings (four eyes).
//!
//! The file is the one truth, shared by the running server and the host's commands
//! (`koers-server invite`, `revoke`, `four-eyes`): every change is made under a lock
//! (`accounts.json.lock`), on the file as it is on disk at that moment, and written
//! atomically (a temporary file in the same folder, synced, renamed over the old one).
//! The server reads the file again whenever it changed, so a `revoke` takes effect at
//! its next request.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, PoisonError, RwLock};
use std::time::SystemTime;

use anyhow::{bail, Context as _};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use chrono::{DateTime, Duration, Utc};
use koers_content::ContentIndex;
use serde::{Deserialize, Serialize};
use sha2::{Digest as _, Sha256};
use webauthn_rs::prelude::Passkey;

pub use koers_content::IndexEntry;

/// The accounts file's name in the data folder.
pub const FILE: &str = "accounts.json";
/// How long an invite link stays valid.
pub const INVITE_DAYS: i64 = 7;

/// Everything `accounts.json` holds.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct AccountsFile {
    #[serde(default)]
    pub editors: Vec<EditorAccount>,
    #[serde(default)]
    pub invites: Vec<Invite>,
    /// Settings per organisation (slug); an organisation without any has the defaults.
    #[serde(default)]
    pub organisations: BTreeMap<String, OrganisationSettings>,
}

/// An editor: who may publish for which organisations, and with which passkeys.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EditorAccount {
    /// A UUID: also the WebAuthn user handle, by which a passkey names its editor.
    pub id: String,
    pub name: String,
    /// The slugs of the organisations the editor publishes for.
    pub organisations: Vec<String>,
    #[serde(default)]
    pub passkeys: Vec<Passkey>,
    pub created: DateTime<Utc>,
    #[serde(default)]
    pub last_sign_in: Option<DateTime<Utc>>,
}

/// A one-time invite: only the SHA-256 of its token is kept, so that the file does not
/// hold a usable link.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Invite {
    /// Hex SHA-256 of the token in the link.
    pub sha256: String,
    pub organisations: Vec<String>,
    /// The name the editor gets.
    pub name: String,
    pub expires: DateTime<Utc>,
    /// When it was used to register a passkey (an invite works once).
    #[serde(default)]
    pub used: Option<DateTime<Utc>>,
}

/// An organisation's settings.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct OrganisationSettings {
    /// Whether a publish waits for a second editor's approval.
    #[serde(default)]
    pub four_eyes: bool,
}

impl AccountsFile {
    /// The editor with this id.
    pub fn editor(&self, id: &str) -> Option<&EditorAccount> {
        self.editors.iter().find(|e| e.id == id)
    }

    /// Whether publishing for `org` waits for a second editor.
    pub fn four_eyes(&self, org: &str) -> bool {
        self.organisations.get(org).is_some_and(|s| s.four_eyes)
    }

    /// The invite whose link carries `token`.
    pub fn invite(&self, token: &str) -> Option<&Invite> {
        let hash = token_hash(token);
        self.invites.iter().find(|i| i.sha256 == hash)
    }
}

/// What an invite's token is worth now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InviteState {
    Valid,
    Unknown,
    Used,
    Expired,
}

impl Invite {
    /// Whether it can still register a passkey at `now`.
    pub fn state(&self, now: DateTime<Utc>) -> InviteState {
        if self.used.is_some() {
            InviteState::Used
        } else if now >= self.expires {
            InviteState::Expired
        } else {
            InviteState::Valid
        }
    }
}

/// The hex SHA-256 of an invite's token, as the file keeps it.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// 32 random bytes, base64url (no padding): session ids, CSRF tokens, invite tokens.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the system's random numbers");
    URL_SAFE_NO_PAD.encode(bytes)
}

/// When the file was last seen: a change of any of these is a new file (a rename gives
/// a new inode even within the same modification time).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Stamp {
    modified: Option<SystemTime>,
    len: u64,
    inode: u64,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let meta = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Stamp {
            modified: meta.modified().ok(),
            len: meta.len(),
            inode,
        })
    }
}

struct Cached {
    stamp: Option<Stamp>,
    file: Arc<AccountsFile>,
}

/// The accounts of a data folder: read when changed, changed under a lock.
pub struct Accounts {
    path: PathBuf,
    cached: RwLock<Cached>,
}

impl Accounts {
    /// The accounts in `data` (the folder is made if missing; a missing file is no
    /// accounts yet).
    pub fn open(data: &Path) -> anyhow::Result<Accounts> {
        std::fs::create_dir_all(data).with_context(|| format!("making {}", data.display()))?;
        let path = data.join(FILE);
        let stamp = Stamp::of(&path);
        let file = read(&path)?;
        Ok(Accounts {
            path,
            cached: RwLock::new(Cached {
                stamp,
                file: Arc::new(file),
            }),
        })
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The accounts as they are now: read again when the file changed since it was last
    /// read. A file that cannot be read (a host's typo) keeps the last good reading and
    /// says so on stderr.
    pub fn current(&self) -> Arc<AccountsFile> {
        let stamp = Stamp::of(&self.path);
        {
            let cached = self.cached.read().unwrap_or_else(PoisonError::into_inner);
            if cached.stamp == stamp {
                return cached.file.clone();
            }
        }
        let mut cached = self.cached.write().unwrap_or_else(PoisonError::into_inner);
        match read(&self.path) {
            Ok(file) => {
                cached.file = Arc::new(file);
                cached.stamp = stamp;
            }
            Err(e) => eprintln!("koers-server: {e:#}; the accounts stay as last read"),
        }
        cached.file.clone()
    }

    /// Changes the accounts: under the lock, on the file as it is on disk now, written
    /// atomically when `change` succeeds (nothing is written when it fails).
    pub fn update<T, E>(
        &self,
        change: impl FnOnce(&mut AccountsFile) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<anyhow::Error>,
    {
        let lock_path = self.path.with_extension("json.lock");
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .with_context(|| format!("opening {}", lock_path.display()))?;
        lock.lock()
            .with_context(|| format!("locking {}", lock_path.display()))?;
        let mut file = read(&self.path)?;
        let answer = change(&mut file)?;
        write_atomically(&self.path, &file)?;
        let mut cached = self.cached.write().unwrap_or_else(PoisonError::into_inner);
        cached.stamp = Stamp::of(&self.path);
        cached.file = Arc::new(file);
        drop(lock);
        Ok(answer)
    }

    /// The editor with this id, now.
    pub fn editor(&self, id: &str) -> Option<EditorAccount> {
        self.current().editor(id).cloned()
    }

    /// Whether publishing for `org` waits for a second editor, now.
    pub fn four_eyes(&self, org: &str) -> bool {
        self.current().four_eyes(org)
    }

    /// Invites `name` for `organisations` (each must be one of `known`); returns the
    /// token for the link ([`invite_link`]).
    pub fn invite(
        &self,
        organisations: &[String],
        name: &str,
        known: &[IndexEntry],
        now: DateTime<Utc>,
    ) -> anyhow::Result<String> {
        if organisations.is_empty() {
            bail!("name at least one organisation");
        }
        check_known(organisations, known)?;
        let name = name.trim();
        if name.is_empty() {
            bail!("--name must not be empty: the editor's name is the author of their publishes");
        }
        let token = random_token();
        let invite = Invite {
            sha256: token_hash(&token),
            organisations: dedup(organisations),
            name: name.to_string(),
            expires: now + Duration::days(INVITE_DAYS),
            used: None,
        };
        self.update(|file| -> anyhow::Result<()> {
            // Expired and used invites are of no use to anyone: dropped on each new one.
            file.invites.retain(|i| i.state(now) == InviteState::Valid);
            file.invites.push(invite);
            Ok(())
        })?;
        Ok(token)
    }

    /// Adds an editor (registration does this for an invite, with its passkey).
    pub fn add_editor(
        &self,
        name: &str,
        organisations: &[String],
        passkeys: Vec<Passkey>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<EditorAccount> {
        let editor = new_editor(name, organisations, passkeys, now);
        self.update(|file| -> anyhow::Result<()> {
            file.editors.push(editor.clone());
            Ok(())
        })?;
        Ok(editor)
    }

    /// Removes the editor with this id (their sessions end at their next request).
    pub fn revoke(&self, id: &str) -> anyhow::Result<EditorAccount> {
        self.update(|file| -> anyhow::Result<EditorAccount> {
            let Some(at) = file.editors.iter().position(|e| e.id == id) else {
                bail!("no editor has the id {id} (`koers-server editors` lists them)");
            };
            Ok(file.editors.remove(at))
        })
    }

    /// Turns four eyes on or off for `org` (one of `known`).
    pub fn set_four_eyes(&self, org: &str, on: bool, known: &[IndexEntry]) -> anyhow::Result<()> {
        check_known(&[org.to_string()], known)?;
        self.update(|file| -> anyhow::Result<()> {
            file.organisations
                .entry(org.to_string())
                .or_default()
                .four_eyes = on;
            Ok(())
        })
    }
}

/// A new editor with a fresh id.
pub(crate) fn new_editor(
    name: &str,
    organisations: &[String],
    passkeys: Vec<Passkey>,
    now: DateTime<Utc>,
) -> EditorAccount {
    EditorAccount {
        id: webauthn_rs::prelude::Uuid::new_v4().to_string(),
        name: name.to_string(),
        organisations: dedup(organisations),
        passkeys,
        created: now,
        last_sign_in: None,
    }
}

/// The link an invite's token opens: the studio under the site's public address.
pub fn invite_link(public_url: &str, token: &str) -> String {
    let url = public_url.trim_end_matches('/');
    format!("{url}/redactie/?uitnodiging={token}")
}

fn dedup(organisations: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for org in organisations {
        if !out.contains(org) {
            out.push(org.clone());
        }
    }
    out
}

fn check_known(organisations: &[String], known: &[IndexEntry]) -> anyhow::Result<()> {
    for org in organisations {
        if !known.iter().any(|k| &k.slug == org) {
            let slugs: Vec<&str> = known.iter().map(|k| k.slug.as_str()).collect();
            bail!(
                "unknown organisation `{org}`: the content index has {}",
                if slugs.is_empty() {
                    "none".to_string()
                } else {
                    slugs.join(", ")
                }
            );
        }
    }
    Ok(())
}

fn read(path: &Path) -> anyhow::Result<AccountsFile> {
    match std::fs::read(path) {
        Ok(bytes) => {
            serde_json::from_slice(&bytes).with_context(|| format!("reading {}", path.display()))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(AccountsFile::default()),
        Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
    }
}

/// Writes `file` to `path` so that a reader sees the old file or the new, never half of
/// one, also after a crash: a temporary file in the same folder, synced, renamed, and
/// the folder synced.
fn write_atomically(path: &Path, file: &AccountsFile) -> anyhow::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("making a temporary file in {}", dir.display()))?;
    let mut json = serde_json::to_vec_pretty(file).context("writing the accounts")?;
    json.push(b'\n');
    temp.write_all(&json)
        .and_then(|()| temp.as_file().sync_all())
        .with_context(|| format!("writing {}", temp.path().display()))?;
    temp.persist(path)
        .with_context(|| format!("replacing {}", path.display()))?;
    #[cfg(unix)]
    File::open(dir)
        .and_then(|d| d.sync_all())
        .with_context(|| format!("syncing {}", dir.display()))?;
    Ok(())
}

/// The organisations of the content repository `repo` (`DATA/repo`): its
/// `public/content/index.json` on `main`.
pub fn organisations_in_repo(repo: &Path) -> anyhow::Result<Vec<IndexEntry>> {
    let out = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(["show", "main:public/content/index.json"])
        .output()
        .context("running git")?;
    if !out.status.success() {
        bail!(
            "reading public/content/index.json on main in {}: {}",
            repo.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    parse_index(&out.stdout).with_context(|| format!("reading the index in {}", repo.display()))
}

/// The organisations of an `index.json` file.
pub fn organisations_in_file(index: &Path) -> anyhow::Result<Vec<IndexEntry>> {
    let bytes = std::fs::read(index).with_context(|| format!("reading {}", index.display()))?;
    parse_index(&bytes).with_context(|| format!("reading {}", index.display()))
}

fn parse_index(bytes: &[u8]) -> anyhow::Result<Vec<IndexEntry>> {
    let index: ContentIndex = serde_json::from_slice(bytes)?;
    Ok(index.organisations)
}
