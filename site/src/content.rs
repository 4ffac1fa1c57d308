//! The content this build ships (`dist/content/`, copied there by Trunk), parsed once
//! for every step that needs it: the index and the organisations it lists.
//!
//! The index is shipped in the order residents look for an organisation
//! (`koers::tools::directory::sorted`), so the start page lists it as it comes and the
//! app carries no sorting of its own.

use std::path::Path;

use anyhow::anyhow;
use koers_content::{parse_index, parse_organisation, ContentIndex, Organisation, Problem};

use super::files::{read, write};
use crate::Result;

pub struct Content {
    pub index: ContentIndex,
    pub organisations: Vec<Organisation>,
}

/// The content of `dist/content/`, its index rewritten in the residents' order.
pub fn load(dist: &Path) -> Result<Content> {
    let (content, index) = read_folder(&dist.join("content"))?;
    write(&dist.join("content/index.json"), index.as_bytes())?;
    Ok(content)
}

/// The content of a folder (an `index.json` and the files it lists), and the index as
/// the build ships it (sorted, see the module's docs); the folder is left as it is.
pub fn read_folder(folder: &Path) -> Result<(Content, String)> {
    let file = folder.join("index.json");
    let mut index = parse_index("content/index.json", read(&file)?.as_bytes()).map_err(problems)?;
    index.organisations = koers::tools::directory::sorted(&index.organisations);
    let sorted = serde_json::to_string_pretty(&index).expect("the index serialises");
    let organisations = index
        .organisations
        .iter()
        .map(|e| {
            let name = format!("{}.json", e.slug);
            parse_organisation(
                &format!("content/{name}"),
                read(&folder.join(&name))?.as_bytes(),
            )
            .map_err(problems)
        })
        .collect::<Result<_>>()?;
    Ok((
        Content {
            index,
            organisations,
        },
        format!("{sorted}\n"),
    ))
}

/// Content problems as an error, a line each as `check-content` prints them.
fn problems(problems: Vec<Problem>) -> anyhow::Error {
    anyhow!(lines(&problems))
}

/// Content problems a line each, as `check-content` prints them.
pub fn lines(problems: &[Problem]) -> String {
    let lines: Vec<String> = problems.iter().map(Problem::to_string).collect();
    lines.join("\n")
}

/// An organisation of `public/content/`, for tests.
#[cfg(test)]
pub fn fixture(slug: &str) -> Organisation {
    let path = crate::root().join(format!("public/content/{slug}.json"));
    parse_organisation(&format!("{slug}.json"), &std::fs::read(path).unwrap()).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::folder_with;

    #[test]
    fn content_problems_read_as_check_content_prints_them() {
        let dist = folder_with(&[("content/index.json", b"{\"organisations\": 3}")]);
        let message = format!("{:#}", load(dist.path()).err().unwrap());
        assert!(message.starts_with("content/index.json:1:"), "{message}");
        assert!(!message.contains("Problem {"), "{message}");
    }
}
