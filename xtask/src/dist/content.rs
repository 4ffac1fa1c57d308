//! The content this build ships (`dist/content/`, copied there by Trunk), parsed once
//! for every step that needs it: the index and the organisations it lists, in its order.

use std::path::Path;

use koers::content::{parse_index, parse_organisation, ContentIndex, Organisation};

use super::files::read;
use crate::Result;

pub struct Content {
    pub index: ContentIndex,
    pub organisations: Vec<Organisation>,
}

pub fn load(dist: &Path) -> Result<Content> {
    let index = parse_index(
        "content/index.json",
        read(&dist.join("content/index.json"))?.as_bytes(),
    )
    .map_err(|p| format!("{p:?}"))?;
    let organisations = index
        .organisations
        .iter()
        .map(|e| {
            let file = format!("content/{}.json", e.slug);
            parse_organisation(&file, read(&dist.join(&file))?.as_bytes())
                .map_err(|p| format!("{p:?}"))
        })
        .collect::<Result<_>>()?;
    Ok(Content {
        index,
        organisations,
    })
}

/// An organisation of `public/content/`, for tests.
#[cfg(test)]
pub fn fixture(slug: &str) -> Organisation {
    let path = crate::root().join(format!("public/content/{slug}.json"));
    parse_organisation(&format!("{slug}.json"), &std::fs::read(path).unwrap()).unwrap()
}
