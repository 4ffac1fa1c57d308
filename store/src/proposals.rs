//! Proposals (four eyes): one JSON file each, `<folder>/<org>/<id>.json`, written
//! atomically (a temporary file in the same folder, fsynced, renamed over, and the
//! folder fsynced), so that a process killed at any moment leaves the old file or the
//! new one; its temporary files are removed at the next open.

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::{Editor, Error, Result, Timestamp};

/// A change that waits for a second editor of its organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    pub id: String,
    /// Who proposed it: the author of the commit when it is approved.
    pub author: Editor,
    /// When it was proposed (the commit's author date when it is approved).
    pub when: Timestamp,
    pub note: String,
    /// The version of the organisation the change started from: approving it is refused
    /// as a conflict when the organisation changed since.
    pub base: String,
    /// The organisation's new file.
    pub content: String,
    /// Set when a reviewer sent it back to its author; it can no longer be approved.
    #[serde(default)]
    pub returned: Option<Returned>,
}

/// A reviewer's answer that sends a proposal back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Returned {
    pub by: Editor,
    pub remark: String,
    pub when: Timestamp,
}

const TEMPORARY_PREFIX: &str = ".koers-proposal-";

fn file(root: &Path, org: &str, id: &str) -> PathBuf {
    root.join(org).join(format!("{id}.json"))
}

fn io_error(path: &Path) -> impl FnOnce(io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes a proposal (new or changed) atomically.
pub(crate) fn write(root: &Path, org: &str, proposal: &Proposal) -> Result<()> {
    let folder = root.join(org);
    fs::create_dir_all(&folder).map_err(io_error(&folder))?;
    let json = serde_json::to_vec_pretty(proposal).expect("a proposal serialises");
    let mut temporary = tempfile::Builder::new()
        .prefix(TEMPORARY_PREFIX)
        .tempfile_in(&folder)
        .map_err(io_error(&folder))?;
    temporary
        .write_all(&json)
        .and_then(|()| temporary.as_file().sync_all())
        .map_err(io_error(temporary.path()))?;
    let path = file(root, org, &proposal.id);
    temporary
        .persist(&path)
        .map_err(|e| io_error(&path)(e.error))?;
    sync_folder(&folder)
}

pub(crate) fn read(root: &Path, org: &str, id: &str) -> Result<Proposal> {
    let path = file(root, org, id);
    let bytes = match fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return Err(Error::UnknownProposal {
                org: org.into(),
                id: id.into(),
            })
        }
        Err(e) => return Err(io_error(&path)(e)),
    };
    serde_json::from_slice(&bytes).map_err(|source| Error::Json { path, source })
}

/// An organisation's proposals, oldest first.
pub(crate) fn list(root: &Path, org: &str) -> Result<Vec<Proposal>> {
    let folder = root.join(org);
    let entries = match fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io_error(&folder)(e)),
    };
    let mut proposals = Vec::new();
    for entry in entries {
        let name = entry.map_err(io_error(&folder))?.file_name();
        let name = name.to_string_lossy();
        if let Some(id) = name
            .strip_suffix(".json")
            .filter(|_| !name.starts_with('.'))
        {
            match read(root, org, id) {
                Ok(proposal) => proposals.push(proposal),
                // Approved or withdrawn since the folder was read.
                Err(Error::UnknownProposal { .. }) => {}
                Err(e) => return Err(e),
            }
        }
    }
    proposals.sort_by(|a, b| (a.when, &a.id).cmp(&(b.when, &b.id)));
    Ok(proposals)
}

pub(crate) fn remove(root: &Path, org: &str, id: &str) -> Result<()> {
    let path = file(root, org, id);
    match fs::remove_file(&path) {
        Ok(()) => sync_folder(&root.join(org)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err(Error::UnknownProposal {
            org: org.into(),
            id: id.into(),
        }),
        Err(e) => Err(io_error(&path)(e)),
    }
}

/// Removes the temporary files of writes that a killed process left (only when no
/// other store has the folder open).
pub(crate) fn remove_temporary(root: &Path) -> Result<Vec<PathBuf>> {
    let mut removed = Vec::new();
    let Ok(orgs) = fs::read_dir(root) else {
        return Ok(removed);
    };
    for org in orgs.flatten() {
        let Ok(files) = fs::read_dir(org.path()) else {
            continue;
        };
        for file in files.flatten() {
            if file
                .file_name()
                .to_string_lossy()
                .starts_with(TEMPORARY_PREFIX)
            {
                let path = file.path();
                fs::remove_file(&path).map_err(io_error(&path))?;
                removed.push(path);
            }
        }
    }
    Ok(removed)
}

/// A new proposal id: 16 random bytes in hex.
pub(crate) fn new_id() -> Result<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| Error::Io {
        path: PathBuf::from("getrandom"),
        source: io::Error::other(e.to_string()),
    })?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

fn sync_folder(folder: &Path) -> Result<()> {
    fs::File::open(folder)
        .and_then(|f| f.sync_all())
        .map_err(io_error(folder))
}
