//! Working offline: the offline page, and the service worker whose precache list and
//! version come from the files actually built.

use std::path::Path;

use sha2::{Digest, Sha256};

use super::files::{files, read_bytes, write};
use super::headers::csp_meta;
use super::html::{self, Edit};
use crate::Result;

/// `offline.html`, shown for a page not yet on the device when there is no network;
/// it links the stylesheet (`css_file`, relative to `dist`) and states the policy.
pub fn write_offline_page(dist: &Path, base: &str, css_file: &str, csp: &str) -> Result {
    let page = include_str!("../../assets/offline.html")
        .replace("__KOERS_CSS__", &format!("{base}{css_file}"));
    let policy = format!("\n  {}", csp_meta(csp));
    let page = html::edit(&page, &[("head", Edit::Prepend(&policy))])?;
    write(&dist.join("offline.html"), page.as_bytes())
}

/// The service worker, versioned by the hash of everything it precaches.
pub fn write_service_worker(dist: &Path) -> Result {
    let precache: Vec<String> = files(dist)?
        .into_iter()
        .filter(|f| {
            !matches!(f.as_str(), "sw.js" | "_headers")
                && !f.ends_with(".br")
                && !f.ends_with(".gz")
        })
        .collect();
    let mut hasher = Sha256::new();
    for f in &precache {
        hasher.update(f.as_bytes());
        hasher.update(read_bytes(&dist.join(f))?);
    }
    let version = hex::encode(hasher.finalize())[..16].to_string();
    let list = serde_json::to_string(&precache).expect("file names serialise");
    let sw = include_str!("../../assets/sw.js")
        .replace("__KOERS_VERSION__", &version)
        .replace("__KOERS_FILES__", &list);
    write(&dist.join("sw.js"), sw.as_bytes())
}
