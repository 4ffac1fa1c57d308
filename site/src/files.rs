//! Reading, writing and listing the files of `dist/`, with the path in every error.

use std::path::Path;

use anyhow::Context as _;

use crate::Result;

pub fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("reading {}", path.display()))
}

/// Writes `bytes` as a new file at `path`: a file already there is unlinked first, never
/// written through, because a build published for one organisation shares its files
/// with the build being served (hard links, see `publish`).
pub fn write(path: &Path, bytes: &[u8]) -> Result {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(e).with_context(|| format!("replacing {}", path.display()));
        }
        _ => {}
    }
    std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))
}

pub fn create_dir(dir: &Path) -> Result {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))
}

/// The file or folder `<dir>.<extension>` beside the folder `dir` (not in it, so that
/// no host serves it with the site): `dist.routes.json` next to `dist/`.
pub fn beside(dir: &Path, extension: &str) -> Result<std::path::PathBuf> {
    let name = dir
        .file_name()
        .with_context(|| format!("{} names no folder", dir.display()))?;
    let mut file = name.to_os_string();
    file.push(format!(".{extension}"));
    Ok(dir.with_file_name(file))
}

/// A folder of a test's own holding `files` (path, bytes), removed when dropped.
#[cfg(test)]
pub fn folder_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let folder = tempfile::tempdir().unwrap();
    for (path, bytes) in files {
        let path = folder.path().join(path);
        create_dir(path.parent().unwrap()).unwrap();
        write(&path, bytes).unwrap();
    }
    folder
}

/// Every file under `dir`, as paths relative to it with `/` separators.
pub fn files(dir: &Path) -> Result<Vec<String>> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result {
        let listing = || format!("listing {}", dir.display());
        for entry in std::fs::read_dir(dir).with_context(listing)? {
            let path = entry.with_context(listing)?.path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != ".stage") {
                    walk(root, &path, out)?;
                }
            } else if let Ok(rel) = path.strip_prefix(root) {
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort();
    Ok(out)
}

/// The one file at the top of `dist` named `<prefix>…<suffix>` (Trunk adds a hash).
pub fn find_file(dist: &Path, prefix: &str, suffix: &str) -> Result<String> {
    files(dist)?
        .into_iter()
        .find(|f| !f.contains('/') && f.starts_with(prefix) && f.ends_with(suffix))
        .with_context(|| format!("dist has no {prefix}*{suffix}"))
}

/// Every pre-rendered page in `dist` (`index.html` files and `404.html`).
pub fn html_pages(dist: &Path) -> Result<Vec<String>> {
    Ok(files(dist)?
        .into_iter()
        .filter(|f| f.ends_with("index.html") || f == "404.html")
        .collect())
}
