//! The editors' studio at `/redactie/` (the `studio` crate): Trunk builds it into its
//! own folder of the build (see `trunk_build` in `main.rs`), with its own wasm, so the
//! residents' pages load nothing of it. Here its page gets the site's security policy:
//! Trunk's inline boot script moves to a content-hashed file the policy allows as
//! `'self'` (the policy's hashes are the residents' pages' own). The service worker
//! keeps it for offline use through its list, `redactie/precache.json`, as it keeps an
//! organisation.

use std::path::Path;

use anyhow::{bail, Context as _};

use super::boot;
use super::files::{read, write};
use super::headers::{csp_meta, hashed_name};
use super::html::{self, Edit};
use crate::Result;

/// The studio's folder in the build.
pub const FOLDER: &str = koers::routes::STUDIO;

/// Readies the studio's page in `dist/redactie/`: its boot script in a file, the
/// policy `csp` in a `<meta>`.
pub fn prepare(dist: &Path, csp: &str) -> Result {
    let file = dist.join(FOLDER).join("index.html");
    if !file.is_file() {
        bail!(
            "{} is missing: the studio (studio/index.html) was not built",
            file.display()
        );
    }
    let page = read(&file)?;
    let base = html::base_href(&page)?;
    let (page, script) = boot::inline_boot_script(&page).context("the studio's page")?;
    let name = hashed_name("boot", "js", script.as_bytes());
    write(&dist.join(FOLDER).join(&name), script.as_bytes())?;
    let tag = format!("<script type=\"module\" src=\"{base}{name}\"></script>");
    let policy = format!("\n  {}", csp_meta(csp));
    let page = html::edit(
        &page,
        &[
            (boot::SELECTOR, Edit::Replace(&tag)),
            ("meta[charset]", Edit::After(&policy)),
        ],
    )?;
    write(&file, page.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::folder_with;

    #[test]
    fn the_studio_page_loads_its_boot_script_from_a_file_under_the_policy() {
        let trunk = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><base href=\"/redactie/\">\
                     <script type=\"module\">import init, * as bindings from '/redactie/koers-studio-1.js';\n\
                     const wasm = await init({ module_or_path: '/redactie/koers-studio-1_bg.wasm' });\n\
                     </script></head><body></body></html>";
        let folder = folder_with(&[(&format!("{FOLDER}/index.html"), trunk.as_bytes())]);
        let dist = folder.path().to_path_buf();
        prepare(&dist, "default-src 'self'").unwrap();
        let page = read(&dist.join(FOLDER).join("index.html")).unwrap();
        assert_eq!(html::count(&page, boot::SELECTOR).unwrap(), 0, "{page}");
        assert!(page.contains(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\">"
        ));
        let src = page
            .split("src=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert!(
            src.starts_with("/redactie/boot-") && crate::headers::is_hashed(src),
            "{src}"
        );
        let script = read(&dist.join(src.trim_start_matches('/'))).unwrap();
        assert!(script.contains("import('/redactie/koers-studio-1.js')"));
        std::fs::remove_dir_all(&dist).unwrap();
        assert!(prepare(&dist, "x").is_err(), "a build without the studio");
    }
}
