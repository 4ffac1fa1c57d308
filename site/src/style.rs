//! The stylesheets. The design (Trunk's `main-*.css`) is inlined in every page, the
//! same bytes everywhere, so one hash in the security policy allows it on every page.
//! An organisation's accent comes with its page without a request before the first
//! paint: [`ACCENT_SCRIPT`], the same on every page (one hash), adds the rule from the
//! page's `theme-color` through the CSSOM, which the policy does not restrict. Without
//! JavaScript the page links the organisation's small content-hashed file,
//! `<org>/accent-<hash>.css`, inside `<noscript>`. So a page does not grow with the
//! number of organisations, and the policy stays one for the whole site (an inline
//! accent would need a policy per organisation, which hosts that read `_headers`
//! cannot all express). The app sets the accent through the CSSOM too.

use std::collections::HashMap;
use std::path::Path;

use koers_content::Organisation;

use super::files::{find_file, read, write};
use super::headers::hashed_name;
use crate::Result;

pub struct Stylesheet {
    /// Trunk's file, relative to `dist` (the offline page links it).
    pub file: String,
    /// The design, as every page inlines it.
    pub css: String,
}

pub fn design(dist: &Path) -> Result<Stylesheet> {
    let file = find_file(dist, "main-", ".css")?;
    let css = read(&dist.join(&file))?;
    Ok(Stylesheet { file, css })
}

/// Adds the accent of the page's organisation (its `theme-color`, checked by the
/// build as `#rrggbb`) to the inline stylesheet, before the first paint. It runs right
/// after that stylesheet, which follows the page's head elements.
pub const ACCENT_SCRIPT: &str = "(function(){var m=document.querySelector('meta[name=\"theme-color\"]'),s=document.styleSheets[0];if(m&&s)s.insertRule('.org{--accent:'+m.content+'}',s.cssRules.length)})()";

/// The rule that gives organisation `org`'s pages its accent.
pub fn accent_rule(org: &Organisation) -> String {
    format!(
        ".org[data-org=\"{}\"]{{--accent:{}}}\n",
        org.slug, org.accent
    )
}

/// The name of `org`'s accent file, relative to `dist`: its folder, and the first 16
/// hex digits of the rule's SHA-256, the way Trunk names its content-hashed files
/// (so hosts and the service worker keep it as immutable).
pub fn accent_file(org: &Organisation) -> String {
    let name = hashed_name("accent", "css", accent_rule(org).as_bytes());
    format!("{}/{name}", org.slug)
}

/// Writes every organisation's accent file; returns them by slug.
pub fn write_accents(dist: &Path, orgs: &[Organisation]) -> Result<HashMap<String, String>> {
    let mut files = HashMap::new();
    for org in orgs {
        let file = accent_file(org);
        let path = dist.join(&file);
        if let Some(dir) = path.parent() {
            super::files::create_dir(dir)?;
        }
        write(&path, accent_rule(org).as_bytes())?;
        files.insert(org.slug.clone(), file);
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::fixture;
    use crate::headers::is_hashed;

    #[test]
    fn an_accent_file_is_content_hashed_under_its_organisation() {
        let mut org = fixture("herentals");
        let first = accent_file(&org);
        assert!(first.starts_with("herentals/accent-"), "{first}");
        assert!(is_hashed(&first), "{first}: kept as immutable");
        assert!(accent_rule(&org).contains(&format!("--accent:{}", org.accent)));
        org.accent = "#000000".into();
        assert_ne!(accent_file(&org), first, "a new accent, a new name");
    }
}
