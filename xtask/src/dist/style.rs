//! The one stylesheet, inlined in every page: Trunk's `main-*.css` (the design) plus
//! each organisation's accent (pre-rendered pages carry no style attributes, which the
//! security policy would block).

use std::fmt::Write as _;
use std::path::Path;

use koers::content::Organisation;

use super::files::{find_file, read};
use crate::Result;

pub struct Stylesheet {
    /// Trunk's file, relative to `dist` (the offline page links it).
    pub file: String,
    /// The design and the accents, as every page inlines it.
    pub css: String,
}

pub fn with_accents(dist: &Path, orgs: &[Organisation]) -> Result<Stylesheet> {
    let file = find_file(dist, "main-", ".css")?;
    let mut css = read(&dist.join(&file))?;
    for org in orgs {
        let _ = write!(
            css,
            "\n.org[data-org=\"{}\"]{{--accent:{}}}",
            org.slug, org.accent
        );
    }
    Ok(Stylesheet { file, css })
}
