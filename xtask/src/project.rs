//! Where the project is: found from where xtask runs, never from the path it was
//! compiled at, so a checkout moved together with its `target/` works on itself and not
//! on the folder it was built in.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::{bail, Context as _};

use crate::Result;

static ROOT: OnceLock<PathBuf> = OnceLock::new();

/// The repository root: see [`find`]. Found once, when first asked for.
pub fn root() -> PathBuf {
    ROOT.get_or_init(|| here().unwrap_or_else(|e| panic!("{e:#}")))
        .clone()
}

/// Finds the root for this run now, so that outside a checkout xtask stops with
/// [`find`]'s message before doing anything.
pub fn check() -> Result {
    let found = here()?;
    ROOT.get_or_init(|| found);
    Ok(())
}

fn here() -> Result<PathBuf> {
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    let current = std::env::current_dir().context("reading the current folder")?;
    find(manifest.as_deref(), &current)
}

/// The repository root: the parent of `manifest_dir` (xtask's folder, which `cargo run`
/// and `cargo test` pass in `CARGO_MANIFEST_DIR`) when given; otherwise the nearest
/// folder at or above `start` whose `Cargo.toml` is a workspace with xtask among its
/// members.
pub fn find(manifest_dir: Option<&Path>, start: &Path) -> Result<PathBuf> {
    if let Some(xtask) = manifest_dir {
        return xtask
            .parent()
            .map(Path::to_path_buf)
            .with_context(|| format!("{} has no parent folder", xtask.display()));
    }
    for dir in start.ancestors() {
        if has_xtask_workspace(&dir.join("Cargo.toml")) {
            return Ok(dir.to_path_buf());
        }
    }
    bail!(
        "{} is not inside a Koers checkout: no folder at or above it has a Cargo.toml \
         whose [workspace] members include \"xtask\"; run xtask from the repository \
         (`cargo xtask …`)",
        start.display()
    )
}

/// Whether `manifest` is a Cargo.toml (readable, valid TOML) whose `[workspace]`
/// members include `xtask`.
fn has_xtask_workspace(manifest: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(manifest) else {
        return false;
    };
    let Ok(toml) = text.parse::<toml::Table>() else {
        return false;
    };
    toml.get("workspace")
        .and_then(|w| w.get("members"))
        .and_then(toml::Value::as_array)
        .is_some_and(|members| {
            members
                .iter()
                .filter_map(toml::Value::as_str)
                .any(|m| m.trim_start_matches("./").trim_end_matches('/') == "xtask")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn found_from_a_subfolder_past_other_manifests() {
        let checkout = tempfile::tempdir().unwrap().keep();
        write(
            &checkout.join("Cargo.toml"),
            "[package]\nname = \"x\"\n\n[workspace]\nmembers = [\".\", \"./xtask/\", \"studio\"]\n",
        );
        // A package of its own, a workspace without xtask and a broken manifest on the
        // way up are not the project.
        write(
            &checkout.join("studio/Cargo.toml"),
            "[package]\nname = \"s\"\n",
        );
        write(
            &checkout.join("studio/src/Cargo.toml"),
            "[workspace]\nmembers = [\"other\"]\n",
        );
        write(&checkout.join("studio/src/deep/Cargo.toml"), "[workspace\n");
        let start = checkout.join("studio/src/deep/er");
        std::fs::create_dir_all(&start).unwrap();
        assert_eq!(find(None, &start).unwrap(), checkout);
        assert_eq!(find(None, &checkout).unwrap(), checkout);
        std::fs::remove_dir_all(&checkout).unwrap();
    }

    #[test]
    fn cargo_s_manifest_folder_comes_first() {
        let elsewhere = tempfile::tempdir().unwrap().keep();
        let moved = Path::new("/somewhere/moved/koers");
        assert_eq!(find(Some(&moved.join("xtask")), &elsewhere).unwrap(), moved);
        std::fs::remove_dir_all(&elsewhere).unwrap();
        // This very checkout, however the tests were started.
        let repository = find(None, Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
        assert!(repository.join("xtask/src/project.rs").is_file());
        assert_eq!(root(), repository);
    }

    #[test]
    fn outside_a_checkout_it_refuses_and_says_why() {
        let outside = tempfile::tempdir().unwrap().keep();
        write(&outside.join("Cargo.toml"), "[package]\nname = \"y\"\n");
        let e = find(None, &outside).unwrap_err().to_string();
        assert!(e.contains("is not inside a Koers checkout"), "{e}");
        assert!(e.contains("[workspace] members include \"xtask\""), "{e}");
        assert!(e.contains(&outside.display().to_string()), "{e}");
        std::fs::remove_dir_all(&outside).unwrap();
    }
}
